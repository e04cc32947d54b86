"""Merges through maker-checker and the push, on a real SQLite store, against a system in memory.

The system here is a small fake with ``read`` and ``merge`` (the sandbox over HTTP is in
``tests/integration/test_merge.py``): enough to see what the push does with each outcome —
and that it never sends a merge a second time by itself.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from support.proposals import STAMP, person, report

from app.audit import verify
from app.connectors.base import MergeRequest, Outcome, OutcomeStatus
from app.domain.schema import Entity, System
from app.store import open_store
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import CorrectionError, NotAllowed
from app.writeback.merges import merge_proposals
from app.writeback.merging import (
    describe,
    edit_merge,
    existing,
    from_payload,
    is_merge,
    merge_context,
    plan_merge,
    propose_merge,
    propose_plan,
    request_of,
    undo_merge,
)
from app.writeback.outbox import to_correction
from app.writeback.people import add_person
from app.writeback.push import push

OLDER = STAMP - timedelta(days=30)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana Proponente", ["proposer"])
        add_person(opened, "admin", "beto", "Beto", ["proposer", "approver"])
        add_person(opened, "admin", "carla", "Carla Aprobadora", ["approver"])
        yield opened
        assert verify(opened).ok


def plan_of(**c2: Any):
    rep = report(customers=([person("C1", phone="3001112233", updated_at=STAMP),
                             person("C2", phone="3109998877", updated_at=OLDER, **c2)], []))
    [proposal] = merge_proposals(rep)
    return merge_context(proposal, rep)


class System_:
    """A CRM in memory: ``read`` answers from ``records``; ``merge`` answers ``answers`` in
    turn (an Outcome, or "apply" to do the merge and answer APPLIED, or "apply_lost" to do it
    and answer UNKNOWN as a lost answer would)."""

    def __init__(self, records: Mapping[str, Mapping[str, Any]], *answers: Any) -> None:
        self.records = {k: dict(v) for k, v in records.items()}
        self.answers = list(answers)
        self.calls: list[MergeRequest] = []

    def read(self, entity: Any, source_id: str) -> dict[str, Any] | None:
        found = self.records.get(source_id)
        return copy.deepcopy(found) if found is not None else None

    def apply(self, correction: Any) -> Outcome:
        raise AssertionError("a merge is never sent field by field")

    def merge(self, request: MergeRequest) -> Outcome:
        self.calls.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Outcome):
            return answer
        if request.undo:
            before = request.snapshot[request.survivor]
            self.records[request.survivor].update({f: before[f] for f in request.changes})
            self.records.update({m: dict(request.snapshot[m]) for m in request.merged})
        else:
            self.records[request.survivor].update(request.changes)
            for m in request.merged:
                self.records.pop(m)
        if answer == "apply_lost":
            return Outcome(OutcomeStatus.UNKNOWN, "network", "El CRM no respondió a tiempo.")
        return Outcome(OutcomeStatus.APPLIED)


class NoMerge:
    def read(self, entity: Any, source_id: str) -> None:
        return None

    def apply(self, correction: Any) -> Outcome:
        raise AssertionError


def approved(store, context=None, **choices):
    context = context or plan_of()
    plan = plan_merge(context, choices or None)
    view = propose_plan(store, "ana", plan, comment="mismo cliente dos veces")
    return plan, c.approve(store, "carla", view.id)


def actions(store, correction_id):
    with store.read() as s:
        return [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == correction_id).order_by(AuditRow.seq))]


def test_a_merge_is_one_correction_that_its_proposer_cannot_approve(store):
    plan = plan_merge(plan_of(), {"phone": "C2"})
    view = propose_plan(store, "beto", plan)  # beto may approve, but not his own proposal
    assert is_merge(view) and (view.state, view.source_id, view.field) == ("proposed", "C1", "*")
    assert request_of(view) == plan.request
    assert describe(view) == "Fusión de 2 registros en C1 (se va C2; cambia 1 campo)"
    with pytest.raises(NotAllowed) as refused:
        c.approve(store, "beto", view.id)
    assert refused.value.code == "maker_checker"
    with store.engine.connect() as conn:  # the store refuses it too, whatever the code says
        with pytest.raises(DBAPIError, match=r"(?i)maker_checker|check"):
            conn.execute(text("UPDATE corrections SET approver = 'beto', state = 'approved', "
                              "approved_hash = payload_hash, idempotency_key = 'k' "
                              "WHERE id = :id"), {"id": view.id})
        conn.rollback()
    done = c.approve(store, "carla", view.id)
    assert done.approved_hash == done.payload_hash and done.idempotency_key
    assert request_of(done).key == done.idempotency_key
    assert actions(store, view.id) == ["propose", "approve"]
    with pytest.raises(Exception, match="campo por campo"):
        to_correction(done)


def test_claims_and_second_proposals_are_refused_by_the_service(store):
    context = plan_of(claim_in_progress=True)
    plan = plan_merge(context)
    with pytest.raises(CorrectionError, match="reclamo en trámite"):
        propose_plan(store, "ana", plan)
    # A request built by hand does not get around it: the snapshot shows the claim.
    with pytest.raises(CorrectionError, match="reclamo en trámite") as refused:
        propose_merge(store, "ana", plan.request, system=System.CRM)
    assert refused.value.code == "claim_in_progress"
    fine = plan_of()
    propose_plan(store, "ana", plan_merge(fine))
    with pytest.raises(CorrectionError, match="Ya hay una fusión en curso"):
        propose_plan(store, "beto", plan_merge(fine, {"phone": "C2"}))
    assert [v.source_id for v in existing(store, fine.proposal)] == ["C1"]
    with pytest.raises(NotAllowed):
        propose_plan(store, "carla", plan_merge(fine))  # an approver only: no proposer role


def test_choosing_again_voids_the_approval_and_the_editor_cannot_approve(store):
    context = plan_of()
    _, done = approved(store, context)
    edited = edit_merge(store, "beto", done.id, plan_merge(context, {"phone": "C2"}),
                        expected_version=done.version)
    assert (edited.state, edited.approver, edited.idempotency_key) == ("proposed", None, None)
    assert request_of(edited).changes["phone"] == "3109998877"
    with pytest.raises(NotAllowed):
        c.approve(store, "beto", edited.id)
    assert c.approve(store, "carla", edited.id).state == "approved"
    with pytest.raises(CorrectionError, match="diálogo de fusión"):
        c.edit(store, "ana", edited.id, new="3000000000")
    assert actions(store, done.id) == ["propose", "approve", "edit_voids_approval", "approve"]


def records_of(plan) -> dict[str, dict[str, Any]]:
    return {i: dict(r) for i, r in plan.request.snapshot.items()}


def test_pushed_once_then_undone_from_the_snapshot_with_its_own_approval(store):
    plan, done = approved(store, phone="C2")
    crm = System_(records_of(plan), "apply", "apply")
    summary = push(store, {System.CRM: crm}, "carla")
    assert summary.counts == {"applied": 1}
    assert crm.records["C1"]["phone"] == "3109998877" and "C2" not in crm.records
    assert [r.key for r in crm.calls] == [done.idempotency_key]
    assert actions(store, done.id)[-3:] == ["push_enqueue", "push_attempt", "push_applied"]
    assert push(store, {System.CRM: crm}, "carla").items == ()  # nothing left to send

    undo = undo_merge(store, "ana", done.id, comment="no era la misma persona")
    assert undo.state == "proposed" and c.get(store, undo.id).payload["undo"] is True
    reverse = request_of(undo)
    assert (reverse.undo, reverse.snapshot, reverse.changes) == (
        True, plan.request.snapshot, plan.request.changes)
    with pytest.raises(CorrectionError, match="Ya se propuso deshacer esta fusión"):
        undo_merge(store, "beto", done.id)
    with pytest.raises(NotAllowed):
        c.approve(store, "ana", undo.id)
    with store.read() as s:
        from app.store.models import CorrectionRow
        assert s.get(CorrectionRow, undo.id).reverts == done.id
    assert actions(store, undo.id) == ["propose_undo"]
    assert describe(c.get(store, undo.id)) == "Deshacer la fusión en C1: vuelve C2"
    c.approve(store, "carla", undo.id)
    assert push(store, {System.CRM: crm}, "carla").counts == {"applied": 1}
    assert crm.calls[-1].undo and crm.calls[-1].key == c.get(store, undo.id).idempotency_key
    assert crm.records == records_of(plan)  # the pre-image, exactly


def test_only_an_applied_merge_is_undone(store):
    _, done = approved(store)
    with pytest.raises(CorrectionError, match="ya aplicada"):
        undo_merge(store, "ana", done.id)
    field = c.propose(store, "ana", entity="customers", system="crm", source_id="C9",
                      field="email", old="a@b.co", new="c@d.co")
    with pytest.raises(CorrectionError, match="no es una fusión"):
        undo_merge(store, "ana", field.id)


def test_a_failed_merge_is_not_retried_until_a_person_requeues_it(store):
    plan, done = approved(store)
    busy = Outcome(OutcomeStatus.FAILED, "http_503", "El CRM falló (HTTP 503).",
                   http_status=503, retry_after=1)
    crm = System_(records_of(plan), busy, "apply")
    slept: list[float] = []
    summary = push(store, {System.CRM: crm}, "carla", sleep=slept.append)
    assert summary.counts == {"failed": 1} and len(crm.calls) == 1 and slept == []
    [item] = outbox.listing(store, correction_id=done.id)
    assert "no se reintenta sola" in (item.detail or "")
    assert push(store, {System.CRM: crm}, "carla").items == ()  # still failed, not sent
    assert len(crm.calls) == 1
    outbox.requeue(store, "carla", [item.id])
    assert push(store, {System.CRM: crm}, "carla").counts == {"applied": 1}
    assert [r.key for r in crm.calls] == [done.idempotency_key] * 2


def test_a_lost_answer_is_read_back_applied(store):
    plan, done = approved(store, phone="C2")
    crm = System_(records_of(plan), "apply_lost")
    summary = push(store, {System.CRM: crm}, "carla")
    assert summary.counts == {"applied": 1} and len(crm.calls) == 1
    assert summary.items[0].reason == "read_back"
    assert actions(store, done.id)[-3:] == ["push_attempt", "push_unknown", "push_applied"]


def test_a_lost_answer_of_a_merge_that_did_not_happen_waits_for_a_person(store):
    plan, done = approved(store)
    lost = Outcome(OutcomeStatus.UNKNOWN, "network", "El CRM cortó la conexión.")
    crm = System_(records_of(plan), lost, "apply")
    summary = push(store, {System.CRM: crm}, "carla")
    assert summary.counts == {"unknown": 1} and len(crm.calls) == 1
    [item] = outbox.listing(store, correction_id=done.id)
    assert item.reason == outbox.MERGE_NOT_APPLIED and "no se reenvía sola" in (item.detail or "")
    before = actions(store, done.id)
    again = push(store, {System.CRM: crm}, "carla")  # read back again, not sent, not re-audited
    assert again.counts == {"unknown": 1} and len(crm.calls) == 1
    assert actions(store, done.id) == before
    assert outbox.requeueable(item.state, item.kind, item.reason)
    [requeued] = outbox.requeue(store, "carla", [item.id])
    assert requeued.state == "queued"
    assert push(store, {System.CRM: crm}, "carla").counts == {"applied": 1}
    assert len(crm.calls) == 2


def test_someone_elses_change_found_on_read_back_is_a_conflict(store):
    plan, done = approved(store)
    lost = Outcome(OutcomeStatus.UNKNOWN, "network", "El CRM no respondió.")
    records = records_of(plan)
    crm = System_(records, lost)
    crm.records["C2"]["email"] = "otra@persona.co"
    summary = push(store, {System.CRM: crm}, "carla")
    assert summary.counts == {"conflict": 1}
    assert "C2 cambió desde la aprobación: email" in (summary.items[0].detail or "")
    assert c.get(store, done.id).state == "conflict" and len(crm.calls) == 1


def test_a_system_that_cannot_merge_rejects_it_with_a_sentence(store):
    _, done = approved(store)
    summary = push(store, {System.CRM: NoMerge()}, "carla")
    assert summary.counts == {"rejected": 1}
    assert summary.items[0].detail == ("El CRM no permite fusionar registros desde Cuadre: "
                                       "fusiónelos en el propio sistema.")
    assert c.get(store, done.id).state == "rejected"


def test_the_payload_stored_is_the_request_proposed(store):
    plan, done = approved(store)
    [item] = outbox.enqueue(store, "carla").items
    assert item.kind == "merge"
    assert from_payload(item.changes, item.key) == MergeRequest(
        **{**{f: getattr(plan.request, f) for f in (
            "entity", "survivor", "merged", "changes", "snapshot", "children", "undo")},
           "key": done.idempotency_key})
    assert plan.request.snapshot["C2"]["consent_date"] == date(2024, 5, 3)
    assert Entity(item.entity) is Entity.CUSTOMERS
