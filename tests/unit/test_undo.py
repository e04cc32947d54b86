"""Deciding again and undoing, in the service (no system behind it: the push's outcomes are
recorded with the outbox's own moves). What is refused, and why, in Spanish; every change
audited. The whole loop against the sandbox is ``tests/integration/test_push_redecide.py``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.audit import verify
from app.store import open_store
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import ConcurrentChange, CorrectionError, InvalidState, NotAllowed
from app.writeback.people import add_person


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "pia", "Pía", ["proposer", "approver"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        add_person(opened, "admin", "dora", "Dora", ["auditor"])
        yield opened


def _pushed(store, state: str, *, found=None, has_found=False, amount=False):
    """An approved correction whose push ended in ``state`` (moves recorded as a push does)."""
    if amount:
        made = c.propose(store, "ana", entity="payments", system="erp", source_id="R-9",
                         field="amount", old=Decimal("1500000.00"), new=Decimal("1450000.00"))
    else:
        made = c.propose(store, "ana", entity="customers", system="crm", source_id="C-1",
                         field="email", old="viejo@correo.co", new="nuevo@correo.co")
    c.approve(store, "carla", made.id)
    [item] = outbox.enqueue(store, "carla", [made.id]).items
    item = outbox.transition(store, item, "carla", "attempting", attempt=True)
    outbox.transition(store, item, "carla", state, found=found, has_found=has_found)
    return c.get(store, made.id)


def test_only_what_the_push_left_undone_goes_back_to_the_queue(store):
    proposed = c.propose(store, "ana", entity="customers", system="crm", source_id="C-2",
                         field="email", old="a@correo.co", new="b@correo.co")
    with pytest.raises(InvalidState, match="propuesta"):
        c.redecide(store, "ana", proposed.id)
    c.approve(store, "carla", proposed.id)
    with pytest.raises(InvalidState, match="aprobada"):
        c.redecide(store, "ana", proposed.id)
    applied = _pushed(store, "applied")
    with pytest.raises(InvalidState, match="aplicada"):
        c.redecide(store, "ana", applied.id)
    conflict = _pushed(store, "conflict", found="tercero@correo.co", has_found=True)
    with pytest.raises(NotAllowed):
        c.redecide(store, "carla", conflict.id)  # approvers reject; proposers decide again
    with pytest.raises(NotAllowed):
        c.redecide(store, "dora", conflict.id)
    with pytest.raises(ConcurrentChange):
        c.redecide(store, "ana", conflict.id, expected_version=conflict.version - 1)


def test_a_conflict_without_the_system_value_cannot_be_rebased(store):
    gone = _pushed(store, "conflict")  # the record no longer exists: nothing was found
    with pytest.raises(InvalidState, match="no trajo el valor") as refused:
        c.redecide(store, "ana", gone.id)
    assert refused.value.code == "no_found"
    assert c.reject(store, "carla", gone.id).state == "rejected"


def test_a_rebased_amount_keeps_its_type(store):
    conflict = _pushed(store, "conflict", found=Decimal("1499999.50"), has_found=True,
                       amount=True)
    again = c.redecide(store, "ana", conflict.id)
    assert again.old_value == Decimal("1499999.50") and isinstance(again.old_value, Decimal)
    assert again.new_value == Decimal("1450000.00")
    with pytest.raises(CorrectionError, match="ya tiene el valor") as same:
        c.redecide(store, "ana", _pushed(store, "conflict", found="nuevo@correo.co",
                                         has_found=True).id)
    assert same.value.code == "no_change"


def test_deciding_again_voids_the_approval_and_is_audited(store):
    conflict = _pushed(store, "conflict", found="tercero@correo.co", has_found=True)
    again = c.redecide(store, "pia", conflict.id, new="acordado@correo.co",
                       comment="Hablé con el cliente")
    assert (again.state, again.approver, again.approved_hash, again.idempotency_key,
            again.last_editor) == ("proposed", None, None, None, "pia")
    assert again.payload == {"entity": "customers", "system": "crm", "source_id": "C-1",
                             "changes": {"email": "acordado@correo.co"},
                             "expected": {"email": "tercero@correo.co"}}
    with store.read() as s:
        row = s.scalars(select(AuditRow).where(AuditRow.correction_id == conflict.id)
                        .order_by(AuditRow.seq.desc())).first()
    assert (row.action, row.actor, row.old, row.new, row.outcome) == (
        "redecide", "pia", '"tercero@correo.co"', '"acordado@correo.co"', "proposed")
    assert "valor que tiene el sistema" in row.comment and "Hablé con el cliente" in row.comment
    assert [t for _, _, a, t in c.comments(store, conflict.id) if a == "redecide"] == [
        "Hablé con el cliente"]
    assert verify(store).ok


def test_a_person_rejection_is_final_but_a_system_rejection_is_not(store):
    person = c.propose(store, "ana", entity="customers", system="crm", source_id="C-3",
                       field="email", old="a@correo.co", new="b@correo.co")
    c.reject(store, "carla", person.id, comment="No procede")
    with pytest.raises(InvalidState, match="la rechazó «carla»"):
        c.redecide(store, "ana", person.id)
    system = _pushed(store, "rejected")  # e.g. the system's validation refused the value
    again = c.redecide(store, "ana", system.id, new="corregido@correo.co")
    assert (again.state, again.old_value, again.new_value) == (
        "proposed", "viejo@correo.co", "corregido@correo.co")
    # A conflict given up by an approver is a person's rejection from then on.
    conflict = _pushed(store, "conflict", found="otro@correo.co", has_found=True)
    c.reject(store, "pia", conflict.id)
    with pytest.raises(InvalidState):
        c.redecide(store, "ana", conflict.id)


def test_undo_is_refused_unless_applied_and_only_once_at_a_time(store):
    proposed = c.propose(store, "ana", entity="customers", system="crm", source_id="C-4",
                         field="email", old="a@correo.co", new="b@correo.co")
    with pytest.raises(InvalidState, match="Solo se deshace una corrección aplicada") as no:
        c.undo(store, "ana", proposed.id)
    assert no.value.code == "not_applied"
    for state in ("conflict", "failed", "rejected"):
        with pytest.raises(InvalidState):
            c.undo(store, "ana", _pushed(store, state).id)
    applied = _pushed(store, "applied")
    with pytest.raises(NotAllowed):
        c.undo(store, "carla", applied.id)  # an approver only: proposing is a proposer's
    undo = c.undo(store, "ana", applied.id)
    assert (undo.reverts, undo.proposer, undo.old_value, undo.new_value) == (
        applied.id, "ana", "nuevo@correo.co", "viejo@correo.co")
    with pytest.raises(InvalidState, match="Ya hay una corrección que la deshace"):
        c.undo(store, "pia", applied.id)
    c.reject(store, "carla", undo.id)
    assert c.undo(store, "pia", applied.id).reverts == applied.id  # the rejected one is gone
    with store.read() as s:
        actions = [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == undo.id).order_by(AuditRow.seq))]
    assert actions == ["propose_undo", "reject"]


def test_the_store_keeps_an_undo_pointing_at_a_real_correction(store):
    applied = _pushed(store, "applied")
    undo = c.undo(store, "ana", applied.id)
    with pytest.raises(Exception, match="FOREIGN KEY"), store.write() as s:
        s.execute(text("UPDATE corrections SET reverts = 'no-existe' WHERE id = :id"),
                  {"id": undo.id})
    with pytest.raises(Exception, match="CHECK"), store.write() as s:
        s.execute(text("UPDATE corrections SET kind = 'otra' WHERE id = :id"), {"id": undo.id})


def test_an_old_row_is_never_moved_once_its_correction_is_decided_again(store):
    failed = _pushed(store, "failed")
    [old_row] = outbox.listing(store, correction_id=failed.id)
    c.redecide(store, "ana", failed.id)
    c.approve(store, "carla", failed.id)
    with pytest.raises(outbox.Moved):
        outbox.transition(store, old_row, "carla", "queued")
    assert outbox.requeue(store, "carla", [old_row.id]) == []
    [new_row] = outbox.enqueue(store, "carla").items
    assert new_row.key != old_row.key and outbox.latest(store, failed.id) == new_row
    # One pending row per correction, at most: the store refuses a second one.
    with pytest.raises(Exception, match="UNIQUE"), store.write() as s:
        s.execute(text("UPDATE outbox SET state = 'queued' WHERE id = :id"), {"id": old_row.id})
