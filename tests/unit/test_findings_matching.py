"""Matching by hand (issue 15, item 3): candidates from the other system ranked with their
reasons; a match 1:1, 1:n or n:1 with its difference and a reason within its limit, stored,
audited, honoured by every later run until undone (the findings leave the report, a «manual»
link joins the records), lapsed when the records change, and undone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from support.proposals import car, erp_pay, pay, person, report

from app.audit import verify
from app.domain.schema import Entity
from app.findings import FindingError, FindingState, InvalidState, NotPermitted
from app.findings.candidates import candidates
from app.findings.matching import apply_matches, match, matches, plan, unmatch
from app.findings.views import findings, get
from app.reconcile.export import to_json
from app.store import open_store
from app.store.models import AuditRow
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"
DAY = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "dora", "Dora", ["auditor"])
        yield opened


def loose(*, fee_receipt: str = "988000", split: bool = False):
    """CRM P9 (FEB-100, customer 79123456, $ 1.000.000, 2 March) has no receipt; the ERP has
    receipts without a CRM payment: A (same invoice and amount), B (same customer, a bank fee
    less), D (invoice FEB-101, a keystroke away), C (nothing in common but the date) — or, with
    ``split``, S1 + S2 of one invoice adding up to $ 1.000.000."""
    crm = [pay("P9", receipt="RC-900", invoice="FEB-100", amount="1000000", paid=DAY)]
    if split:
        erp = [erp_pay("S1", receipt="RC-501", invoice="FEB-555", amount="600000", paid=DAY),
               erp_pay("S2", receipt="RC-502", invoice="FEB-556", amount="400000", paid=DAY)]
    else:
        erp = [
            erp_pay("A", receipt="RC-111", invoice="FEB-100", amount="1000000", doc="52000111",
                    paid=date(2026, 3, 20)),
            erp_pay("B", receipt="RC-222", invoice="FEB-777", amount=fee_receipt, paid=DAY),
            erp_pay("C", receipt="RC-333", invoice="FEB-850", amount="5000000", doc="1",
                    paid=DAY, branch="Cali - Pasoancho"),
            erp_pay("D", receipt="RC-444", invoice="FEB-101", amount="7000000", doc="2",
                    paid=date(2026, 4, 30)),
        ]
    return report(payments=(crm, erp))


def why(candidate) -> str:
    """A candidate's reasons as read (pesos carry a non-breaking space after the sign)."""
    return candidate.why().replace("\xa0", " ")


def by_record(store):
    return {(*v.crm_ids, *v.erp_ids): v for v in findings(store, WS)}


@pytest.fixture
def saved(store):
    save_run(store, "ana", loose(), "prueba", WS)
    return by_record(store)


def test_candidates_come_ranked_with_their_reasons(store, saved):
    finding, found = candidates(store, WS, saved[("P9",)].id)
    assert finding.id == saved[("P9",)].id
    assert [c.finding.erp_ids for c in found] == [("A",), ("B",), ("D",)]  # not C
    a, b, d = found
    assert why(a) == "misma factura, mismo valor, fecha a 18 días, misma sede"
    assert (a.difference, a.days) == (Decimal(0), 18)
    assert why(b) == ("mismo cliente, valor cercano (diferencia $ 12.000), misma fecha, "
                       "misma sede")
    assert b.difference == Decimal("12000")
    assert why(d) == "factura parecida (FEB-101), misma sede"
    assert a.score > b.score > d.score
    assert [h["code"] for h in a.to_json()["reasons"]][:2] == ["same_invoice", "same_amount"]
    # From the receipt's side, the payment is the candidate.
    _, back = candidates(store, WS, saved[("B",)].id)
    assert [c.finding.crm_ids for c in back] == [("P9",)] and back[0].difference == 12000


def test_only_a_record_without_counterpart_has_candidates(store):
    save_run(store, "ana", report(payments=([pay("P1", amount="1")],
                                            [erp_pay("1", amount="2")])), "prueba", WS)
    [differs] = findings(store, WS)
    with pytest.raises(FindingError, match="no es un registro sin contraparte"):
        candidates(store, WS, differs.id)


def test_a_one_to_one_match_is_honoured_by_the_next_runs(store, saved):
    made = match(store, "ana", WS, saved[("P9",)].id, [saved[("A",)].id], "Misma factura")
    assert (made.crm_ids, made.erp_ids, made.difference, made.reason) == (
        ("P9",), ("A",), Decimal(0), None)
    assert {get(store, WS, saved[k].id).state for k in (("P9",), ("A",))} == {
        FindingState.MATCHED}
    rep = loose()
    applied = apply_matches(store, WS, rep)
    result = applied.results[Entity.PAYMENTS]
    [link] = [x for x in result.links if x.method == "manual"]
    assert (link.crm_id, link.erp_id, link.band) == ("P9", "A", "auto")
    assert "conciliado a mano por ana" in (link.explanation or "")
    kinds = [(m.kind, m.crm_id, m.erp_id) for m in result.mismatches]
    assert ("crm_payment_without_receipt", "P9", None) not in kinds
    assert ("erp_receipt_without_crm_payment", None, "A") not in kinds
    assert len(rep.results[Entity.PAYMENTS].mismatches) == len(result.mismatches) + 2  # unchanged
    assert any(x["method"] == "manual" for x in to_json(applied)["payments"]["links"])
    run = save_run(store, "ana", loose(), "prueba", WS)
    assert run.summary["payments"]["crm_payment_without_receipt"].count == 0
    kept = get(store, WS, saved[("P9",)].id)
    assert (kept.state, kept.last_run, kept.resolved_at) == (FindingState.MATCHED, run.id, None)


def test_a_difference_needs_a_reason_within_its_limit(store, saved):
    p9, b = saved[("P9",)].id, saved[("B",)].id
    preview = plan(store, WS, p9, [b])
    assert (preview.crm_total, preview.erp_total, preview.difference) == (
        Decimal("1000000"), Decimal("988000"), Decimal("12000"))
    assert [r.value for r in preview.reasons] == ["bank_fee", "withholding"]
    with pytest.raises(FindingError, match="diga el motivo") as refused:
        match(store, "ana", WS, p9, [b], "comisión del datáfono")
    assert refused.value.code == "reason_needed"
    with pytest.raises(FindingError, match="«redondeo» no explica una diferencia de"):
        match(store, "ana", WS, p9, [b], "comisión del datáfono", "rounding")
    made = match(store, "ana", WS, p9, [b], "comisión del datáfono", "bank_fee")
    assert (made.difference, made.reason) == (Decimal("12000"), "bank_fee")
    assert "diferencia de $\xa012.000 por comisión bancaria" in made.explanation()


def test_a_difference_no_reason_explains_is_refused(store, saved):
    with pytest.raises(FindingError, match="no son el mismo dinero") as refused:
        match(store, "ana", WS, saved[("P9",)].id, [saved[("D",)].id], "x", "withholding")
    assert refused.value.code == "difference_too_large"
    assert matches(store, WS) == []


def test_one_payment_for_two_receipts(store):
    save_run(store, "ana", loose(split=True), "prueba", WS)
    found = by_record(store)
    made = match(store, "ana", WS, found[("P9",)].id, [found[("S1",)].id, found[("S2",)].id],
                 "Pagó en dos consignaciones")
    assert (made.crm_ids, made.erp_ids, made.erp_total) == (("P9",), ("S1", "S2"),
                                                            Decimal("1000000"))
    applied = apply_matches(store, WS, loose(split=True)).results[Entity.PAYMENTS]
    assert sorted((x.crm_id, x.erp_id) for x in applied.links if x.method == "manual") == [
        ("P9", "S1"), ("P9", "S2")]
    assert applied.mismatches == []
    # n:1, seen from a receipt: the other receipt is no candidate for it (same system).
    unmatch(store, "ana", WS, found[("S1",)].id)
    with pytest.raises(FindingError, match="no es un registro solo del otro sistema"):
        match(store, "ana", WS, found[("S1",)].id, [found[("S2",)].id], "x")


def test_what_cannot_be_matched(store, saved):
    p9, a = saved[("P9",)].id, saved[("A",)].id
    with pytest.raises(FindingError, match="lleva un comentario"):
        match(store, "ana", WS, p9, [a], " ")
    with pytest.raises(FindingError, match="al menos un candidato"):
        match(store, "ana", WS, p9, [p9], "x")
    with pytest.raises(NotPermitted, match="«dora» no puede conciliar a mano"):
        match(store, "dora", WS, p9, [a], "x")
    match(store, "ana", WS, p9, [a], "Misma factura")
    with pytest.raises(InvalidState, match="ya está conciliado a mano"):
        match(store, "ana", WS, saved[("B",)].id, [p9], "x", "bank_fee")


def test_customers_and_vehicles_match_one_to_one(store):
    rep = report(customers=([person("C1", doc="79000001", phone="3001112233")],
                            [person("1", doc="80111222", phone="3001112233"),
                             person("2", doc="51000000", first_names="Ana", last_names="Ruiz",
                                    phone="3009998877", email="ana@correo.co")]),
                 vehicles=([car("V1", vin="9GASJ69R2TP075153", status="sold")],
                           [car("E1", vin="9GASJ69R2TP075135")]))
    save_run(store, "ana", rep, "prueba", WS)
    found = by_record(store)
    _, people = candidates(store, WS, found[("C1",)].id)
    assert people[0].finding.erp_ids == ("1",)
    assert why(people[0]) == ("nombre parecido, mismo teléfono, mismo correo, misma ciudad")
    with pytest.raises(FindingError, match="uno con uno"):
        match(store, "ana", WS, found[("C1",)].id, [found[("1",)].id, found[("2",)].id], "x")
    _, units = candidates(store, WS, next(v for v in findings(store, WS)
                                          if v.entity is Entity.VEHICLES and v.crm_ids).id)
    assert why(units[0]) == "VIN parecido (9GASJ69R2TP075135), misma marca, línea y modelo, " \
                             "mismo color, misma sede"


def test_a_match_whose_records_change_lapses_and_its_findings_come_back(store, saved):
    made = match(store, "ana", WS, saved[("P9",)].id, [saved[("B",)].id], "datáfono",
                 "bank_fee")
    # The receipt's amount was corrected in the ERP: the match no longer holds.
    run = save_run(store, "ana", loose(fee_receipt="990000"), "prueba", WS)
    assert matches(store, WS) == []
    [lapsed] = matches(store, WS, active=False)
    assert (lapsed.id, lapsed.lapsed_run, lapsed.active) == (made.id, run.id, False)
    assert get(store, WS, saved[("P9",)].id).state is FindingState.OPEN
    assert run.summary["payments"]["crm_payment_without_receipt"].count == 1
    with store.read() as s:
        row = s.scalars(select(AuditRow).where(AuditRow.action == "match_lapsed")).one()
    assert (row.record, row.actor) == (made.id, "ana")


def test_undoing_a_match_brings_its_findings_back_in_the_next_run(store, saved):
    made = match(store, "ana", WS, saved[("P9",)].id, [saved[("A",)].id], "Misma factura")
    undone = unmatch(store, "admin", WS, saved[("A",)].id, "era otra factura")
    assert (undone.id, undone.undone_by, undone.active) == (made.id, "admin", False)
    assert get(store, WS, saved[("P9",)].id).state is FindingState.OPEN
    with pytest.raises(InvalidState, match="no está conciliado a mano"):
        unmatch(store, "admin", WS, saved[("A",)].id)
    run = save_run(store, "ana", loose(), "prueba", WS)
    assert run.summary["payments"]["crm_payment_without_receipt"].count == 1
    with store.read() as s:
        trail = [(r.action, r.record, r.comment) for r in s.scalars(
            select(AuditRow).where(AuditRow.action.in_(("finding_matched", "finding_unmatched")))
            .order_by(AuditRow.seq))]
    assert trail == [("finding_matched", made.id, "Misma factura"),
                     ("finding_unmatched", made.id, "era otra factura")]
    assert verify(store).ok
