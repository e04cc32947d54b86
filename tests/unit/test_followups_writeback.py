"""«Crear seguimientos» in the service: a follow-up due becomes a proposed creation that goes
through approval and the push like any correction, only for contactable customers, never twice.

The system behind the push here is a small in-memory CRM that keeps the connector contract
(compare-and-set, a creation only when the record is absent, idempotency keys); the demo's
real SQLite CRM is exercised in ``tests/integration/test_followups_push.py``."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.audit import verify
from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.domain.schema import Entity, System
from app.insights.model import FollowupDue
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import InvalidState, NotAllowed
from app.writeback.followups import followup_id, followup_record, propose_followups
from app.writeback.people import add_person
from app.writeback.push import push, resolve
from app.writeback.queue import describe


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        yield opened


def _due(vin: str = "9BRKZAAG0T0123456", kind: str = "anniversary", allowed: bool = True,
         reason: str | None = None) -> FollowupDue:
    return FollowupDue(
        vin=vin, customer_doc="79123456", customer_name="Juan Pérez", kind=kind,
        due_on=date(2026, 12, 5), delivered_on=date(2025, 12, 5), branch="BOG",
        model="Toyota Corolla Cross", basis="Entregado el 05/12/2025: cumple un año el 05/12/2026.",
        contact_allowed=allowed, blocked_reason=reason)


class MemoryCrm:
    """Follow-ups by id; ``lose_answer`` writes and then answers as a timeout would."""

    system = System.CRM

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, Outcome] = {}
        self.lose_answer = 0
        self.writes = 0

    def describe(self) -> str:
        return "CRM en memoria"

    def issues(self) -> list[Any]:
        return []

    def pull(self, entity: Entity, since: Any = None) -> Any:
        raise ValueError("not for pulling")

    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        row = self.rows.get(source_id)
        return None if row is None else {"source_id": source_id, **row}

    def apply(self, correction: Correction) -> Outcome:
        if correction.key in self.keys:
            return self.keys[correction.key]
        current = self.rows.get(correction.source_id)
        if not correction.expected:
            if current is not None:
                outcome = Outcome(OutcomeStatus.APPLIED if current == dict(correction.changes)
                                  else OutcomeStatus.CONFLICT)
            else:
                self.rows[correction.source_id] = dict(correction.changes)
                self.writes += 1
                outcome = Outcome(OutcomeStatus.APPLIED)
        elif current is None:
            outcome = Outcome(OutcomeStatus.CONFLICT, "not_found")
        elif all(current.get(k) == v for k, v in correction.expected.items()):
            current.update(correction.changes)
            self.writes += 1
            outcome = Outcome(OutcomeStatus.APPLIED)
        else:
            outcome = Outcome(OutcomeStatus.CONFLICT, "etag_mismatch")
        self.keys[correction.key] = outcome
        if self.lose_answer:
            self.lose_answer -= 1
            return Outcome(OutcomeStatus.UNKNOWN, "timeout")
        return outcome


def test_only_contactable_customers_get_a_proposed_follow_up(store):
    blocked = _due(vin="9BRKZAAG0T0999999", allowed=False,
                   reason="No hay autorización de tratamiento de datos con fecha (Ley 1581).")
    made = propose_followups(store, "ana", [_due(), blocked], workspace="Demostración")
    assert len(made.created) == 1
    assert [(d.vin, why) for d, why in made.skipped] == [
        ("9BRKZAAG0T0999999", "No hay autorización de tratamiento de datos con fecha (Ley 1581).")]
    view = made.created[0]
    assert (view.entity, view.system, view.state) == (Entity.FOLLOWUPS, System.CRM, "proposed")
    assert view.source_id == followup_id(_due())
    assert view.payload["changes"] == followup_record(_due())
    assert view.payload["expected"] == {} and view.payload["create"] is True
    assert view.new_value == date(2026, 12, 5) and view.old_value is None
    assert made.sentence() == "1 seguimiento propuesto; 1 omitido."
    assert describe(view) == "Nuevo: aniversario de entrega, 05/12/2026"  # the queue's «Cambio»


def test_the_same_follow_up_is_never_proposed_twice_until_rejected(store):
    first = propose_followups(store, "ana", [_due(), _due()])
    assert len(first.created) == 1 and first.skipped[0][1] == "Repetido en la selección."
    again = propose_followups(store, "ana", [_due()])
    assert not again.created and again.skipped[0][1] == "Ya hay un seguimiento igual propuesto."
    c.reject(store, "carla", first.created[0].id, comment="Ya lo llamamos")
    assert len(propose_followups(store, "ana", [_due()]).created) == 1


def test_an_edit_changes_the_date_and_keeps_the_rest_of_the_record(store):
    [made] = propose_followups(store, "ana", [_due()]).created
    edited = c.edit(store, "ana", made.id, new=date(2026, 12, 9))
    assert edited.payload["changes"] == {**followup_record(_due()), "due_on": date(2026, 12, 9)}
    assert edited.payload["expected"] == {}


def test_approved_follow_ups_are_created_once_even_when_the_answer_is_lost(store):
    [made] = propose_followups(store, "ana", [_due()]).created
    with pytest.raises(NotAllowed):
        c.approve(store, "ana", made.id)  # maker ≠ checker, as for any correction
    c.approve(store, "carla", made.id)
    crm = MemoryCrm()
    crm.lose_answer = 1  # written, but the answer never arrives: read back, it is there
    summary = push(store, {System.CRM: crm}, "carla")
    assert [r.state for r in summary.items] == ["applied"]
    assert crm.writes == 1
    assert crm.rows[made.source_id]["kind"] == "anniversary"
    assert c.get(store, made.id).state == "applied"
    assert verify(store).ok


def test_a_follow_up_already_in_the_crm_with_other_values_is_a_conflict(store):
    [made] = propose_followups(store, "ana", [_due()]).created
    c.approve(store, "carla", made.id)
    crm = MemoryCrm()
    crm.rows[made.source_id] = {**followup_record(_due()), "status": "done"}
    summary = push(store, {System.CRM: crm}, "carla")
    assert [r.state for r in summary.items] == ["conflict"]
    with pytest.raises(InvalidState, match="ya existe"):
        c.redecide(store, "ana", made.id)


def test_undoing_a_created_follow_up_proposes_cancelling_it(store):
    [made] = propose_followups(store, "ana", [_due()]).created
    c.approve(store, "carla", made.id)
    crm = MemoryCrm()
    push(store, {System.CRM: crm}, "carla")
    undo = c.undo(store, "ana", made.id)
    assert (undo.field, undo.old_value, undo.new_value) == ("status", "open", "cancelled")
    c.approve(store, "carla", undo.id)
    push(store, {System.CRM: crm}, "carla")
    assert crm.rows[made.source_id]["status"] == "cancelled"
    assert [i.state for i in outbox.listing(store)] == ["applied", "applied"]


def test_a_lost_answer_on_a_creation_is_resolved_by_whether_the_record_is_there():
    record = followup_record(_due())
    assert resolve(None, record, {}) == "resend"
    assert resolve(record, record, {}) == "applied"
    assert resolve({**record, "status": "done"}, record, {}) == "conflict"
    assert resolve(None, {"email": "b@c.co"}, {"email": "a@c.co"}) == "conflict"
