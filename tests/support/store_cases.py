"""The correction service's tests, run on every store backend.

``tests/unit/test_store_service.py`` runs them on SQLite and
``tests/integration/test_store_postgres.py`` on a real PostgreSQL server: each module provides
a ``store`` fixture (an empty, freshly opened store) and star-imports these functions.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.audit import verify
from app.store import Store
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback.errors import ConcurrentChange, CorrectionError, InvalidState, NotAllowed
from app.writeback.outbox import to_correction
from app.writeback.people import add_person, roles_of

__all__ = [
    "test_approval_freezes_the_payload_and_creates_the_key",
    "test_auditor_reads_only",
    "test_concurrent_approvals_of_one_item_exactly_one_wins",
    "test_concurrent_decisions_without_a_version_exactly_one_wins",
    "test_edit_after_approval_voids_it",
    "test_editor_cannot_approve_what_they_edited",
    "test_only_admins_register_people",
    "test_raw_sql_cannot_approve_ones_own_correction",
    "test_raw_sql_cannot_unfreeze_an_approved_payload",
    "test_reject_and_defer_with_comments",
    "test_self_approval_is_refused_by_the_service",
    "test_stale_screen_is_refused",
    "test_tampered_payload_is_not_approved",
    "test_the_audit_trail_is_append_only_in_the_store",
]

AMOUNT = {"entity": "payments", "system": "erp", "source_id": "RC-0001", "field": "amount",
          "old": Decimal("1500000.00"), "new": Decimal("-1500000.00")}


def staff(store: Store) -> None:
    add_person(store, None, "Admin", "Administración", ["admin"])
    add_person(store, "admin", "ana", "Ana Proponente", ["proposer"])
    add_person(store, "admin", "beto", "Beto Aprobador", ["approver", "proposer"])
    add_person(store, "admin", "carla", "Carla Aprobadora", ["approver"])
    add_person(store, "admin", "dora", "Dora Auditora", ["auditor"])


def audit_actions(store: Store) -> list[tuple[str, str]]:
    with store.read() as s:
        return [(r.actor, r.action) for r in s.scalars(select(AuditRow).order_by(AuditRow.seq))
                if r.correction_id is not None]


def test_approval_freezes_the_payload_and_creates_the_key(store):
    staff(store)
    proposed = c.propose(store, "ana", **AMOUNT, comment="el ERP tiene el signo al revés")
    assert (proposed.state, proposed.version, proposed.approver) == ("proposed", 1, None)
    assert proposed.new_value == Decimal("-1500000.00") and proposed.old_value == Decimal("1500000.00")
    approved = c.approve(store, "Carla", proposed.id, expected_version=1)
    assert approved.state == "approved" and approved.approver == "carla"
    assert approved.approved_hash == approved.payload_hash == proposed.payload_hash
    assert approved.idempotency_key and approved.version == 2
    assert approved.created_at.utcoffset() is not None and approved.decided_at is not None
    sent = to_correction(approved)
    assert sent.changes == {"amount": Decimal("-1500000.00")}
    assert sent.expected == {"amount": Decimal("1500000.00")}
    assert sent.key == approved.idempotency_key
    assert audit_actions(store) == [("ana", "propose"), ("carla", "approve")]
    assert verify(store).ok


def test_self_approval_is_refused_by_the_service(store):
    staff(store)
    mine = c.propose(store, "beto", **AMOUNT)
    with pytest.raises(NotAllowed) as refused:
        c.approve(store, "BETO", mine.id)
    assert refused.value.code == "maker_checker" and "otra persona" in str(refused.value)
    assert c.get(store, mine.id).state == "proposed"
    assert audit_actions(store) == [("beto", "propose")]


def test_editor_cannot_approve_what_they_edited(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    c.edit(store, "beto", proposal.id, new=Decimal("-1400000.00"))
    with pytest.raises(NotAllowed):
        c.approve(store, "beto", proposal.id)
    assert c.approve(store, "carla", proposal.id).approver == "carla"


def test_raw_sql_cannot_approve_ones_own_correction(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    c.edit(store, "beto", proposal.id, new=Decimal("-1400000.00"))
    with store.engine.connect() as conn:
        for statement in (
            # the proposer as approver: the CHECK constraint
            "UPDATE corrections SET approver = proposer WHERE id = :id",
            # an editor as approver: the trigger (a CHECK sees one row only)
            "UPDATE corrections SET approver = 'beto' WHERE id = :id",
        ):
            with pytest.raises(DBAPIError) as refused:
                conn.execute(text(statement), {"id": proposal.id})
            conn.rollback()
            assert any(w in str(refused.value).lower() for w in ("maker_checker", "check"))
    approved = c.approve(store, "carla", proposal.id)
    with store.engine.connect() as conn:
        # the approver cannot become an author afterwards either
        with pytest.raises(DBAPIError, match="maker_checker"):
            conn.execute(text("INSERT INTO correction_authors (correction_id, login) "
                              "VALUES (:id, 'carla')"), {"id": approved.id})
        conn.rollback()
    assert c.get(store, proposal.id).approver == "carla"


def test_raw_sql_cannot_unfreeze_an_approved_payload(store):
    staff(store)
    approved = c.approve(store, "carla", c.propose(store, "ana", **AMOUNT).id)
    with store.engine.connect() as conn, pytest.raises(DBAPIError, match="approval_frozen"):
        conn.execute(text("UPDATE corrections SET payload_hash = :h WHERE id = :id"),
                     {"h": "f" * 64, "id": approved.id})


def test_tampered_payload_is_not_approved(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE corrections SET payload = replace(payload, '-1500000', "
                          "'-9500000') WHERE id = :id"), {"id": proposal.id})
    with pytest.raises(InvalidState) as refused:
        c.approve(store, "carla", proposal.id)
    assert refused.value.code == "payload_tampered"


def test_edit_after_approval_voids_it(store):
    staff(store)
    first = c.approve(store, "carla", c.propose(store, "ana", **AMOUNT).id)
    edited = c.edit(store, "ana", first.id, new=Decimal("-1400000.00"), comment="valor exacto",
                    expected_version=first.version)
    assert edited.state == "proposed"
    assert (edited.approver, edited.approved_hash, edited.idempotency_key) == (None, None, None)
    assert edited.payload_hash != first.payload_hash
    with pytest.raises(InvalidState):
        to_correction(edited)
    again = c.approve(store, "carla", first.id)
    assert again.idempotency_key and again.idempotency_key != first.idempotency_key
    assert to_correction(again).changes == {"amount": Decimal("-1400000.00")}
    assert [a for _, a in audit_actions(store)] == ["propose", "approve", "edit_voids_approval",
                                                     "approve"]
    assert verify(store).ok


def test_only_admins_register_people(store):
    with pytest.raises(NotAllowed):
        add_person(store, None, "ana", "Ana", ["proposer"])  # the first must be an admin
    staff(store)
    with pytest.raises(NotAllowed):
        add_person(store, "carla", "eva", "Eva", ["approver"])
    with pytest.raises(CorrectionError):
        add_person(store, "admin", "eva", "Eva", ["jefe"])
    assert roles_of(store, "BETO") == {"approver", "proposer"}


def test_auditor_reads_only(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    for action in (c.approve, c.reject, c.defer):
        with pytest.raises(NotAllowed):
            action(store, "dora", proposal.id)
    with pytest.raises(NotAllowed):
        c.propose(store, "dora", **AMOUNT)
    with pytest.raises(NotAllowed):
        c.edit(store, "dora", proposal.id, new=Decimal("1"))
    with pytest.raises(NotAllowed):  # a proposer is not an approver
        c.approve(store, "ana", proposal.id)
    with pytest.raises(NotAllowed):  # nor someone unknown
        c.approve(store, "mallory", proposal.id)
    with pytest.raises(NotAllowed):  # an approver without the proposer role
        c.propose(store, "carla", **AMOUNT)
    assert c.get(store, proposal.id).version == 1
    assert c.listing(store, state="proposed")[0].id == proposal.id


def test_reject_and_defer_with_comments(store):
    staff(store)
    one = c.propose(store, "ana", **AMOUNT)
    two = c.propose(store, "ana", **{**AMOUNT, "source_id": "RC-0002"})
    assert c.defer(store, "ana", one.id, comment="espero el extracto").state == "deferred"
    assert c.approve(store, "carla", one.id, comment="extracto recibido").state == "approved"
    rejected = c.reject(store, "carla", two.id, comment="el CRM está mal, no el ERP")
    assert (rejected.state, rejected.decided_by, rejected.approver) == ("rejected", "carla", None)
    with pytest.raises(InvalidState, match="rechazada"):
        c.approve(store, "beto", two.id)
    notes = c.comments(store, one.id)
    assert [(who, action, note) for _, who, action, note in notes] == [
        ("ana", "defer", "espero el extracto"), ("carla", "approve", "extracto recibido")]
    assert all(at.utcoffset() is not None for at, *_ in notes)
    with store.read() as s:
        row = s.scalars(select(AuditRow).where(AuditRow.action == "reject")).one()
    assert row.comment == "el CRM está mal, no el ERP" and row.at.endswith("+00:00")


def test_stale_screen_is_refused(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    c.edit(store, "ana", proposal.id, new=Decimal("-1"))
    with pytest.raises(ConcurrentChange, match="vuelva a cargarla"):
        c.approve(store, "carla", proposal.id, expected_version=proposal.version)
    assert c.get(store, proposal.id).state == "proposed"


def _race(store: Store, proposal_id: str, version: int | None) -> list[object]:
    barrier = threading.Barrier(2)
    results: list[object] = []
    lock = threading.Lock()

    def decide(who: str) -> None:
        barrier.wait()
        try:
            outcome: object = c.approve(store, who, proposal_id, expected_version=version)
        except CorrectionError as exc:
            outcome = exc
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=decide, args=(who,)) for who in ("carla", "beto")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_concurrent_approvals_of_one_item_exactly_one_wins(store):
    staff(store)
    for n in range(5):
        proposal = c.propose(store, "ana", **{**AMOUNT, "source_id": f"RC-{n}"})
        results = _race(store, proposal.id, proposal.version)
        winners = [r for r in results if isinstance(r, c.CorrectionView)]
        losers = [r for r in results if isinstance(r, CorrectionError)]
        assert len(winners) == 1 and len(losers) == 1
        assert isinstance(losers[0], ConcurrentChange) and str(losers[0])
        assert c.get(store, proposal.id).approver == winners[0].approver
    approvals = [a for _, a in audit_actions(store) if a == "approve"]
    assert len(approvals) == 5 and verify(store).ok


def test_concurrent_decisions_without_a_version_exactly_one_wins(store):
    staff(store)
    proposal = c.propose(store, "ana", **AMOUNT)
    results = _race(store, proposal.id, None)
    losers = [r for r in results if isinstance(r, CorrectionError)]
    assert len(losers) == 1 and "ya está aprobada por" in str(losers[0])
    assert verify(store).ok


def test_the_audit_trail_is_append_only_in_the_store(store):
    staff(store)
    with store.engine.connect() as conn:
        for statement in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1",
                          "DELETE FROM audit_log WHERE seq = 1"):
            with pytest.raises(DBAPIError, match="audit_append_only"):
                conn.execute(text(statement))
            conn.rollback()
    assert verify(store).ok
