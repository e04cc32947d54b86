"""Findings live across runs (issue 15, item 2): a saved run recognizes what an earlier run
found (a stable key: kind, field and the records' ids), resolves what is no longer found — for
the entities it reconciled only —, brings back what returns, says how old each one is, reads
the correction loop's rows for the correction that answers it, and audits what it did."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from support.proposals import erp_pay, pay, person, report

from app.audit import verify
from app.findings.errors import FindingError
from app.findings.keys import finding_id, finding_key, observe
from app.findings.states import FindingState
from app.findings.views import findings, get, workspace_of
from app.store import open_store
from app.store.models import AuditRow, FindingRow
from app.writeback import corrections as c
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        yield opened


def payments(*, p2_has_receipt: bool = False, reverse: bool = False):
    """P1 ↔ 1 agree; P2 (RC-2) has no receipt unless ``p2_has_receipt``; receipt 9 (RC-9) has
    no CRM payment; P3 ↔ 3 differ in amount."""
    crm = [pay("P1", receipt="RC-1"), pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000"),
           pay("P3", receipt="RC-3", invoice="FEB-3", amount="1000000")]
    erp = [erp_pay("1", receipt="RC-1"),
           erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="700000", paid=date(2026, 3, 5)),
           erp_pay("3", receipt="RC-3", invoice="FEB-3", amount="1200000")]
    if p2_has_receipt:
        erp.append(erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000"))
    if reverse:
        crm.reverse()
        erp.reverse()
    return report(payments=(crm, erp))


def kinds(views):
    return {(v.kind, v.crm_ids, v.erp_ids): v for v in views}


def test_a_run_records_each_finding_once_and_the_next_one_recognizes_it(store):
    first = save_run(store, "ana", payments(), "prueba", WS)
    found = kinds(findings(store, WS))
    assert set(found) == {("crm_payment_without_receipt", ("P2",), ()),
                          ("erp_receipt_without_crm_payment", (), ("9",)),
                          ("amount_differs", ("P3",), ("3",))}
    lone = found[("crm_payment_without_receipt", ("P2",), ())]
    assert (lone.first_run, lone.last_run, lone.state, lone.age()) == (
        first.id, first.id, FindingState.OPEN, 0)
    assert lone.at_stake == Decimal("900000") and lone.branch == "Bogotá - Autopista Norte"
    assert lone.record["receipt_number"] == "RC-2" and lone.dated == date(2026, 3, 2)
    # The same facts met in another order are the same findings, seen again.
    second = save_run(store, "ana", payments(reverse=True), "prueba", WS)
    again = kinds(findings(store, WS))
    assert {k: v.id for k, v in again.items()} == {k: v.id for k, v in found.items()}
    assert all(v.first_run == first.id and v.last_run == second.id for v in again.values())
    with store.read() as s:
        assert s.query(FindingRow).count() == 3


def test_the_key_is_the_kind_field_and_records_not_the_twin_nor_the_order():
    rep = report(customers=([person("C1", phone=None)], [person("1")]))
    [lone] = [m for m in rep.results[next(iter(rep.results))].mismatches
              if m.kind == "missing_phone"]
    assert lone.erp_id == "1"  # the engine names the twin beside it…
    key = json.loads(finding_key(next(iter(rep.results)), lone))
    assert key == ["customers", "missing_phone", "phone", ["C1"], []]  # …the key does not
    assert finding_id("A", json.dumps(key)) != finding_id("B", json.dumps(key))
    assert len(finding_id("A", "x")) == 32


def test_what_is_no_longer_found_is_resolved_and_what_returns_is_back(store):
    first = save_run(store, "ana", payments(), "prueba", WS)
    lone = kinds(findings(store, WS))[("crm_payment_without_receipt", ("P2",), ())]
    second = save_run(store, "ana", payments(p2_has_receipt=True), "prueba", WS)
    assert ("crm_payment_without_receipt", ("P2",), ()) not in kinds(findings(store, WS))
    gone = get(store, WS, lone.id)
    assert (gone.state, gone.resolved_run, gone.first_run) == (
        FindingState.RESOLVED, second.id, first.id)
    assert gone.resolved_at is not None and gone.resolved_at.tzinfo is not None
    assert [v.id for v in findings(store, WS, states=[FindingState.RESOLVED])] == [lone.id]
    # A run of customers alone resolves no payment finding.
    save_run(store, "ana", report(customers=([person("C1")], [person("1")])), "prueba", WS)
    assert len(findings(store, WS, entity="payments")) == 2
    third = save_run(store, "ana", payments(), "prueba", WS)
    back = get(store, WS, lone.id)
    assert (back.state, back.resolved_run, back.first_run, back.last_run) == (
        FindingState.OPEN, None, first.id, third.id)
    assert back.since_at > back.first_seen_at


def test_the_run_audits_what_it_did_to_its_findings(store):
    save_run(store, "ana", payments(), "prueba", WS)
    save_run(store, "ana", payments(p2_has_receipt=True), "prueba", WS)
    with store.read() as s:
        rows = s.scalars(select(AuditRow).where(AuditRow.action == "findings_tracked")
                         .order_by(AuditRow.seq)).all()
    assert [r.comment for r in rows] == [
        f"{WS}: 3 hallazgos nuevos, 0 vistos de nuevo (0 que estaban resueltos), 0 resueltos",
        f"{WS}: 0 hallazgos nuevos, 2 vistos de nuevo (0 que estaban resueltos), 1 resueltos"]
    assert all(r.actor == "ana" and r.new.startswith("sha256:") for r in rows)
    assert rows[0].new != rows[1].new
    assert verify(store).ok


def test_age_counts_days_from_the_first_run_in_bogota(store):
    save_run(store, "ana", payments(), "prueba", WS)
    lone = kinds(findings(store, WS))[("crm_payment_without_receipt", ("P2",), ())]
    seen = lone.first_seen_at
    assert lone.age(seen + timedelta(days=3)) == 3
    # 18:00 and 20:00 of 2 November in Bogotá are two UTC days (23:00 and 01:00): one day
    # in Bogotá, so the finding is 0 days old; after midnight in Bogotá it is 1.
    evening = datetime(2026, 11, 2, 23, 0, tzinfo=UTC)
    moved = replace(lone, first_seen_at=evening)
    assert moved.age(evening + timedelta(hours=2)) == 0
    assert moved.age(evening + timedelta(hours=6, minutes=1)) == 1


def test_a_correction_gives_its_finding_a_stage(store):
    save_run(store, "ana", payments(), "prueba", WS)
    amount = kinds(findings(store, WS))[("amount_differs", ("P3",), ("3",))]
    assert amount.state is FindingState.OPEN
    made = c.propose(store, "ana", entity="payments", system="crm", source_id="P3",
                     field="amount", old=Decimal("1000000"), new=Decimal("1200000"),
                     workspace=WS)
    assert get(store, WS, amount.id).state is FindingState.CORRECTION_PROPOSED
    c.approve(store, "carla", made.id)
    assert get(store, WS, amount.id).state is FindingState.CORRECTION_APPROVED
    assert get(store, WS, amount.id).correction is FindingState.CORRECTION_APPROVED
    # A correction of another field of that record answers nothing here.
    other = kinds(findings(store, WS))[("crm_payment_without_receipt", ("P2",), ())]
    assert other.state is FindingState.OPEN


def test_the_workspace_is_the_one_named_or_the_latest_runs(store):
    with pytest.raises(FindingError, match="No hay conciliaciones guardadas"):
        workspace_of(store)
    save_run(store, "ana", payments(), "prueba", WS)
    save_run(store, "ana", payments(), "prueba", "Otra sede")
    assert workspace_of(store) == "Otra sede"
    assert workspace_of(store, WS) == WS
    with pytest.raises(FindingError, match="en «Nadie»"):
        workspace_of(store, "Nadie")
    assert {v.workspace for v in findings(store, WS)} == {WS}
    ids = {v.id for v in findings(store, WS)} & {v.id for v in findings(store, "Otra sede")}
    assert ids == set()


def test_observe_names_every_finding_of_the_report():
    rep = payments()
    seen = observe(WS, rep)
    assert len(seen) == sum(len(r.findings()) for r in rep.results.values())
