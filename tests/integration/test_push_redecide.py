"""After the push: conflicts back to the queue, corrections given up, applied ones undone
(issue 5 items 3 and 6), through the sandbox, on SQLite and on PostgreSQL.

A conflict is decided again from the value the system holds; a new approval makes a new key
and a new outbox row, the old row stays as history. An applied correction is undone by a new
correction from the value applied back to the pre-image, approved by someone else.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.push_cases import (
    applied_once,
    approved,
    check_final,
    held,
    patches,
    staff,
    third_party_edit,
)
from support.push_stores import KINDS, opened

from app.audit import verify
from app.connectors.http import RetryPolicy
from app.domain.schema import System
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import InvalidState, NotAllowed
from app.writeback.people import add_person
from app.writeback.push import push

from .postgres import postgres_server

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    with opened(request.param, tmp_path, lambda: request.getfixturevalue("pg")) as made:
        staff(made)
        add_person(made, "admin", "beto", "Beto Aprobador", ["approver"])
        add_person(made, "admin", "pia", "Pía Propone y Aprueba", ["proposer", "approver"])
        yield made


@pytest.fixture
def connectors(rest):
    return {System.CRM: rest("crm"), System.ERP: rest("erp")}


def _actions(store, correction_id: str) -> list[str]:
    with store.read() as s:
        return [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == correction_id).order_by(AuditRow.seq))]


def test_a_conflict_decided_again_starts_from_the_system_value_and_applies_once(
        store, sandbox, connectors):
    [case] = approved(store, sandbox, 1)
    third_party_edit(sandbox, case, "tercero@otra-persona.co")
    first = push(store, connectors, "carla", policy=QUICK)
    assert first.counts == {"conflict": 1}
    before = c.get(store, case.correction_id)
    old_key = before.idempotency_key

    again = c.redecide(store, "pia", case.correction_id, comment="El tercero se equivocó",
                       expected_version=before.version)
    # Rebased on what the system holds; the value wanted kept; the approval voided.
    assert (again.state, again.old_value, again.new_value) == (
        "proposed", "tercero@otra-persona.co", case.new)
    assert again.payload["expected"] == {"email": "tercero@otra-persona.co"}
    assert again.approver is None and again.idempotency_key is None
    with pytest.raises(NotAllowed):  # whoever decided again is an author now
        c.approve(store, "pia", case.correction_id)
    approved_again = c.approve(store, "beto", case.correction_id)
    assert approved_again.idempotency_key not in (None, old_key)

    second = push(store, connectors, "carla", policy=QUICK)
    assert second.counts == {"applied": 1}
    rows = outbox.listing(store, correction_id=case.correction_id)
    assert [(r.state, r.key) for r in rows] == [("conflict", old_key),
                                               ("applied", approved_again.idempotency_key)]
    assert rows[0].found == '"tercero@otra-persona.co"'  # the history keeps both values
    assert rows[1].expected == {"email": "tercero@otra-persona.co"}
    assert held(sandbox, case) == (case.new, '"v3"')  # the third party's write, then ours
    assert patches(sandbox, case) == 1
    applied_once(store, sandbox, [case])
    assert _actions(store, case.correction_id) == [
        "propose", "approve", "push_enqueue", "push_attempt", "push_conflict", "redecide",
        "approve", "push_enqueue", "push_attempt", "push_applied"]
    assert verify(store).ok


def test_a_conflict_can_be_decided_again_with_another_value_or_rejected(
        store, sandbox, connectors):
    cases = approved(store, sandbox, 2)
    for case in cases:
        third_party_edit(sandbox, case, f"tercero.{case.source_id.lower()}@otra.co")
    assert push(store, connectors, "carla", policy=QUICK).counts == {"conflict": 2}

    changed = c.redecide(store, "ana", cases[0].correction_id, new="acordado@correo.co")
    assert (changed.old_value, changed.new_value) == (
        f"tercero.{cases[0].source_id.lower()}@otra.co", "acordado@correo.co")
    with pytest.raises(NotAllowed):  # proposers decide again; rejecting is an approver's
        c.reject(store, "ana", cases[1].correction_id)
    rejected = c.reject(store, "beto", cases[1].correction_id, comment="Vale lo del tercero")
    assert rejected.state == "rejected"
    with pytest.raises(InvalidState, match="beto"):  # a person's rejection is final
        c.redecide(store, "ana", cases[1].correction_id)
    c.approve(store, "carla", cases[0].correction_id)
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    assert held(sandbox, cases[0])[0] == "acordado@correo.co"
    assert held(sandbox, cases[1]) == (f"tercero.{cases[1].source_id.lower()}@otra.co", '"v2"')
    assert verify(store).ok


def test_failed_and_system_rejected_corrections_go_back_with_their_precondition(
        store, sandbox, connectors):
    cases = approved(store, sandbox, 2)
    sandbox.faults.add(status=503, method="PATCH", path=cases[0].path, count=0)
    sandbox.faults.add(status=422, method="PATCH", path=cases[1].path, count=1)
    summary = push(store, connectors, "carla", policy=QUICK, sleep=lambda s: None)
    assert [i.state for i in summary.items] == ["failed", "rejected"]
    sandbox.faults.clear()
    failed_row = summary.items[0].outbox_id
    for case in cases:
        again = c.redecide(store, "pia", case.correction_id)
        assert again.state == "proposed" and again.old_value == case.old  # nothing was written
        c.approve(store, "beto", case.correction_id)
    # The old failed row is history: sending it again would send a voided approval.
    assert outbox.requeue(store, "carla", [failed_row]) == []
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 2}
    check_final(store, sandbox, cases)
    applied_once(store, sandbox, cases)


def test_an_applied_correction_is_undone_by_an_approved_correction_and_so_is_the_undo(
        store, sandbox, connectors):
    [case] = approved(store, sandbox, 1)
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}

    with pytest.raises(NotAllowed):  # an auditor reads only
        c.undo(store, "dora", case.correction_id)
    undo = c.undo(store, "pia", case.correction_id, comment="Se aplicó al cliente equivocado")
    assert (undo.kind, undo.reverts, undo.state) == ("field", case.correction_id, "proposed")
    assert (undo.old_value, undo.new_value) == (case.new, case.old)  # back to the pre-image
    assert undo.payload["expected"] == {"email": case.new}  # precondition: the value applied
    assert c.get(store, case.correction_id).kind == "field"
    with pytest.raises(InvalidState, match="Ya hay una"):
        c.undo(store, "ana", case.correction_id)
    with pytest.raises(NotAllowed):  # maker-checker: the undoer cannot approve it
        c.approve(store, "pia", undo.id)
    c.approve(store, "beto", undo.id)
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    assert held(sandbox, case) == (case.old, '"v3"')
    assert _actions(store, undo.id)[:2] == ["propose_undo", "approve"]

    redo = c.undo(store, "ana", undo.id)  # an undo of the undo
    assert (redo.reverts, redo.old_value, redo.new_value) == (undo.id, case.old, case.new)
    c.approve(store, "carla", redo.id)
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    assert held(sandbox, case) == (case.new, '"v4"')
    assert verify(store).ok
