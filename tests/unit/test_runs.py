"""Stored reconciliations (``app.writeback.runs``): counts, pesos and proposals kept in the
workspace, audited, read back whole, listed per workspace, refused to a person without a role
and caught when altered."""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import inspect, select, text, update
from support.proposals import erp_pay, pay, person, report

from app.audit import verify
from app.insights.dashboard import mismatches
from app.store import StoreError, open_store
from app.store.models import AuditRow
from app.store.values import sha256_hex
from app.writeback.errors import NotAllowed
from app.writeback.merges import merge_proposals
from app.writeback.people import add_person
from app.writeback.proposals import credit_note_tasks, propose
from app.writeback.runs import RunRow, get_run, latest_run, proposals_of, runs, save_run, workspaces

SOR = {"amount": "crm"}


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "dora", "Dora", ["auditor"])
        yield opened


@pytest.fixture
def rep():
    """A phone to fill, a document entered twice in the CRM (a merge), and a payment of a
    validated invoice whose amount differs (a debit note, not an edit)."""
    return report(
        customers=([person("C1", phone=None), person("C2", doc="52000111", first_names="Luz"),
                    person("C3", doc="52000111", first_names="Luz Marina")],
                   [person("1"), person("2", doc="52000111", first_names="Luz Marina")]),
        payments=([pay("P1", amount="1520000", paid=date(2026, 3, 9))], [erp_pay("1")]))


def test_a_run_keeps_counts_pesos_and_its_proposals(store, rep):
    saved = save_run(store, "Ana", rep, "prueba CRM y ERP", "Concesionario Norte", SOR)
    assert (saved.workspace, saved.actor, saved.source) == ("Concesionario Norte", "ana",
                                                            "prueba CRM y ERP")
    assert saved.started_at == rep.started_at and saved.started_at.tzinfo is not None
    assert saved.systems == {"crm": "prueba", "erp": "prueba"}
    for entity, result in rep.results.items():
        for kind, count, stake in result.summary():
            assert saved.summary[entity.value][kind].count == count
            assert saved.summary[entity.value][kind].at_stake == stake
    assert saved.findings == sum(n for r in rep.results.values() for _, n, _ in r.summary())
    assert saved.at_stake == sum((s for r in rep.results.values() for _, _, s in r.summary()),
                                 Decimal(0)) > 0
    assert isinstance(saved.at_stake, Decimal)
    # Per branch too (the dashboard's rows), adding up to the kind's totals.
    for kind_counts in saved.summary.values():
        for kc in kind_counts.values():
            assert sum(n for n, _ in kc.branches.values()) == kc.count
            assert sum((p for _, p in kc.branches.values()), Decimal(0)) == kc.at_stake
    amount = saved.summary["payments"]["amount_differs"]
    assert amount.count == 1 and list(amount.branches) == [
        row.branch for row in mismatches(rep) if row.kind == "amount_differs"]

    again = get_run(store, saved.id)
    assert again == saved
    kept = proposals_of(again)
    fields = propose(rep, SOR)
    assert list(kept.fields) == fields
    assert list(kept.merges) == merge_proposals(rep, SOR) and kept.merges
    assert list(kept.credit_notes) == credit_note_tasks(fields) and kept.credit_notes
    assert kept.credit_notes[0].amount == Decimal("20000.00")
    assert all(p.ident for p in (*kept.fields, *kept.merges, *kept.credit_notes))
    assert json.loads(json.dumps(saved.to_json()))["at_stake"] == f"{saved.at_stake:.2f}"


def test_saving_a_run_is_audited_and_the_trail_covers_its_proposals(store, rep):
    saved = save_run(store, "ana", rep, "prueba", "Norte")
    with store.read() as session:
        row = session.scalars(select(AuditRow).where(AuditRow.action == "reconcile")).one()
        stored = session.get(RunRow, saved.id)
        assert stored is not None
        assert (row.actor, row.record, row.new) == ("ana", saved.id,
                                                    f"sha256:{sha256_hex(stored.proposals)}")
    assert "Norte" in (row.comment or "") and verify(store).ok


def test_the_latest_run_is_per_workspace_and_listing_leaves_the_proposals_out(store, rep):
    first = save_run(store, "ana", rep, "prueba", "Norte")
    later = report(customers=([person("C1", phone="3001112233")], [person("1")]))
    later.started_at = later.finished_at = rep.started_at + timedelta(days=1)
    second = save_run(store, "admin", later, "prueba", "Norte")
    other = save_run(store, "ana", rep, "prueba", "Sur")
    assert latest_run(store, "Norte") == second and latest_run(store, " Sur ") == other
    assert latest_run(store) == other  # of any workspace: the newest saved
    assert latest_run(store, "Centro") is None
    assert workspaces(store) == ["Norte", "Sur"]

    listed = runs(store, "Norte")
    assert [r.id for r in listed] == [second.id, first.id]
    assert [r.id for r in runs(store)] == [other.id, second.id, first.id]
    assert all(r.proposals_text is None for r in listed)
    with pytest.raises(ValueError, match="pass the store"):
        proposals_of(listed[1])
    assert proposals_of(listed[1], store) == proposals_of(first)


@pytest.mark.parametrize("who", ["dora", "nadie"])
def test_only_someone_who_proposes_approves_or_administers_saves_a_run(store, rep, who):
    with pytest.raises(NotAllowed, match="rol para conciliar"):
        save_run(store, who, rep, "prueba", "Norte")
    assert runs(store) == []
    with store.read() as session:
        assert session.scalars(select(AuditRow).where(AuditRow.action == "reconcile")).all() == []


def test_proposals_altered_in_the_store_are_refused(store, rep):
    saved = save_run(store, "ana", rep, "prueba", "Norte")
    with store.write() as session:
        forged = get_run(store, saved.id).proposals_text.replace("3105551234", "3009999999")
        session.execute(update(RunRow).where(RunRow.id == saved.id).values(proposals=forged))
    with pytest.raises(StoreError, match="no coinciden con su huella"):
        proposals_of(get_run(store, saved.id))


def test_a_store_made_before_runs_existed_gets_the_table_when_opened(tmp_path, rep):
    url = f"sqlite:///{tmp_path / 'viejo.sqlite'}"
    with open_store(url) as old:
        add_person(old, None, "admin", "Administración", ["admin"])
        with old.engine.begin() as conn:
            conn.execute(text("DROP TABLE runs"))
        assert "runs" not in inspect(old.engine).get_table_names()
    with open_store(url) as reopened:
        assert "runs" in inspect(reopened.engine).get_table_names()
        saved = save_run(reopened, "admin", rep, "prueba", "Norte")
        assert latest_run(reopened, "Norte") == saved
        assert saved.saved_at.tzinfo is not None and saved.saved_at.utcoffset() == UTC.utcoffset(None)
