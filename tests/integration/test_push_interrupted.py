"""Refusals and interrupted writes, pushed through the sandbox over HTTP (issue 13, items 1 and 6).

A refusal that sending again cannot change — a 4xx other than 408, 409, 425 and 429, a
server-side TypeError in Odoo — ends after one request (the sandbox counts what it received);
a 429 or a 503 is still tried again. An attempt interrupted in the middle (the pusher died with
half its request sent, or before the answer came) is never final on a refusal: a resend that
is refused, or answered 409 because the first request is still being handled, is *unknown* and
the record is read back before anything is decided.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from support.push_cases import applied_once, approved, check_final, held, patches, staff
from support.waiting import wait_until

from app.connectors.http import RetryPolicy
from app.domain.schema import Entity, System
from app.store import open_store
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.push import REFUSED_AFTER_INTERRUPTION, push

QUICK = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        staff(opened)
        yield opened


@pytest.fixture
def connectors(rest):
    return {System.CRM: rest("crm"), System.ERP: rest("erp")}


def _comments(store, correction_id: str, action: str) -> list[str]:
    with store.read() as s:
        return [r.comment or "" for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == correction_id, AuditRow.action == action)
            .order_by(AuditRow.seq))]




def _gets(sandbox, case) -> int:
    return len([r for r in sandbox.requests(case.path) if r.method == "GET"])


# --- refusals that cannot succeed -----------------------------------------------------------


@pytest.mark.parametrize("status", [400, 410, 422])
def test_a_read_refused_for_good_is_tried_once_then_can_be_requeued(
        store, sandbox, connectors, status):
    """The compare-and-set's read is refused with a 4xx that no retry changes: one request,
    «fallida» with the reason, and a person can put it back once the cause is fixed."""
    [case] = approved(store, sandbox, 1)
    sandbox.clear_requests()  # the approval read the record
    sandbox.faults.add(status=status, method="GET", path=case.path, count=0)
    summary = push(store, connectors, "carla", policy=QUICK)
    [item] = summary.items
    assert (item.state, item.attempts, item.reason) == ("failed", 1, "read_failed")
    assert _gets(sandbox, case) == 1 and patches(sandbox, case) == 0
    assert f"HTTP {status}" in (item.detail or "") and "no se reintenta" in (item.detail or "")
    assert held(sandbox, case) == (case.old, '"v1"')

    sandbox.faults.clear()
    assert outbox.requeue(store, "carla", [item.outbox_id])
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    check_final(store, sandbox, [case])


@pytest.mark.parametrize("status", [400, 422])
def test_a_write_refused_with_a_4xx_ends_after_exactly_one_send(store, sandbox, connectors,
                                                                  status):
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=status, method="PATCH", path=case.path, count=0)
    summary = push(store, connectors, "carla", policy=QUICK)
    [item] = summary.items
    assert (item.state, item.attempts) == ("rejected", 1)
    assert [r.status for r in sandbox.requests(case.path) if r.method == "PATCH"] == [status]
    assert f"HTTP {status}" in (item.detail or "")
    assert c.get(store, case.correction_id).state == "rejected"


@pytest.mark.parametrize("status, retry_after", [(503, 1), (429, 1), (408, None), (425, None)])
def test_a_refusal_that_may_clear_is_still_tried_again(store, sandbox, connectors, status,
                                                        retry_after):
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=status, retry_after=retry_after, method="PATCH", path=case.path,
                       count=2)
    waited: list[float] = []
    summary = push(store, connectors, "carla", policy=QUICK, sleep=waited.append)
    assert summary.counts == {"applied": 1} and summary.items[0].attempts == 3
    assert [r.status for r in sandbox.requests(case.path) if r.method == "PATCH"] == \
        [status, status, 200]
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])


@pytest.mark.parametrize("protocol", ["json2", "xmlrpc"])
def test_a_server_side_type_error_ends_after_exactly_one_send(store, sandbox, protocol,
                                                               monkeypatch):
    """Odoo answers the write with a TypeError (as Odoo 17 with l10n_co did for a keyword it
    does not take): one write reaches the server, and the correction ends there."""
    if not sandbox.odoo_available:
        pytest.skip("the sandbox has no Odoo emulator")
    from app.connectors.odoo.connector import OdooConnector

    odoo = OdooConnector(sandbox.base_url, "sandbox", "admin", sandbox.token, protocol=protocol)
    try:
        frame = odoo.pull(Entity.CUSTOMERS)
        row = frame[frame["email"].notna()].iloc[2]
        made = c.propose(store, "ana", entity="customers", system="erp",
                         source_id=str(row["source_id"]), field="email", old=row["email"],
                         new="nuevo.tipo@correo.co")
        c.approve(store, "carla", made.id)
        state = sandbox.odoo().state

        def refuses(*args, **named):
            raise TypeError("write() got an unexpected keyword argument 'vals'")

        monkeypatch.setattr(state, "write", refuses)
        summary = push(store, {System.ERP: odoo}, "carla", policy=QUICK)
        [item] = summary.items
        assert [call for call in state.calls if call[1:] == ("res.partner", "write")] == \
            [(protocol, "res.partner", "write")]
        assert item.attempts == 1 and item.state in ("failed", "rejected")
        assert odoo.read(Entity.CUSTOMERS, str(row["source_id"]))["email"] == row["email"]
    finally:
        odoo.close()


# --- interrupted writes ---------------------------------------------------------------------


def _left_attempting(store):
    """The outbox as a pusher that died in the middle of its request leaves it."""
    outbox.enqueue(store, "carla")
    [item] = outbox.pending(store)
    return outbox.transition(store, item, "carla", "attempting", attempt=True)


def test_a_refused_resend_after_an_interrupted_attempt_is_read_back_not_final(
        store, sandbox, connectors):
    """The server answers the resend with a 400 (what a server that kept the answer of the
    cut request would replay): unknown, read back, still the old value, sent again: applied."""
    [case] = approved(store, sandbox, 1)
    _left_attempting(store)
    sandbox.faults.add(status=400, method="PATCH", path=case.path, count=1)
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    assert [r.status for r in sandbox.requests(case.path) if r.method == "PATCH"] == [400, 200]
    [doubt] = _comments(store, case.correction_id, "push_unknown")
    assert "HTTP 400" in doubt and "Un intento anterior se interrumpió" in doubt
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])


def test_a_resend_refused_every_time_after_an_interruption_ends_failed_for_a_person(
        store, sandbox, connectors):
    """Each refusal of the resend is read back first; once the attempts are spent with the
    record read back unchanged, nothing was applied: «fallida», which a person can requeue
    (an «unknown» row could not be, and would be tried again by every push)."""
    [case] = approved(store, sandbox, 1)
    _left_attempting(store)
    sandbox.faults.add(status=400, method="PATCH", path=case.path, count=0)
    first = push(store, connectors, "carla", policy=QUICK)
    [item] = first.items
    assert (item.state, item.reason) == ("failed", REFUSED_AFTER_INTERRUPTION)
    assert patches(sandbox, case) == QUICK.attempts
    assert len(_comments(store, case.correction_id, "push_unknown")) == QUICK.attempts
    assert "HTTP 400" in (item.detail or "") and "no se aplicó" in (item.detail or "")
    assert held(sandbox, case) == (case.old, '"v1"')
    assert c.get(store, case.correction_id).state == "failed"

    sandbox.faults.clear()  # a person fixed the cause and puts it back in the queue
    [requeued] = outbox.requeue(store, "carla", [item.outbox_id])
    assert requeued.state == "queued"
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])


def test_a_resend_that_never_gets_an_answer_stays_unknown(store, sandbox, connectors):
    """Timeouts are no refusal: with the attempts spent it stays «con resultado desconocido»,
    read back first by the next push."""
    [case] = approved(store, sandbox, 1)
    _left_attempting(store)
    sandbox.faults.add(status=503, method="PATCH", path=case.path, count=0)
    [item] = push(store, connectors, "carla", policy=QUICK).items
    assert (item.state, item.reason) == ("unknown", "attempts_exhausted")
    sandbox.faults.clear()
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    check_final(store, sandbox, [case])


def test_a_write_cut_half_way_is_sent_again_and_applied_once(store, sandbox, connectors):
    """The pusher dies with half the PATCH's body sent (here: an exception in the middle of
    the body, which closes the connection). The sandbox handles nothing and stores nothing
    for it; the next push reads the record back and sends it again with the same key."""
    [case] = approved(store, sandbox, 1)
    crm = connectors[System.CRM] if case.system == "crm" else connectors[System.ERP]

    class Died(Exception):
        pass

    def die() -> None:
        raise Died

    crm.midway = die
    with pytest.raises(Died):
        push(store, connectors, "carla", policy=QUICK)
    crm.midway = None
    assert outbox.latest(store, case.correction_id).state == "attempting"
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    cut, sent = [r for r in sandbox.requests(case.path) if r.method == "PATCH"]
    assert (cut.whole, cut.answered, sent.whole, sent.status) == (False, False, True, 200)
    assert cut.headers["idempotency-key"] == sent.headers["idempotency-key"]
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])


def test_a_resend_while_the_first_request_is_still_handled_is_read_back(store, sandbox, rest):
    """The first PATCH is held inside the server (its key in flight) past the client's
    timeout; the resend is answered 409: unknown, not a conflict. Once the first is answered,
    the read back finds the new value: applied once, never sent a third time."""
    connectors = {System.CRM: rest("crm", timeout=0.5), System.ERP: rest("erp", timeout=0.5)}
    [case] = approved(store, sandbox, 1)
    gate = threading.Event()
    sandbox.faults.add(gate=gate, method="PATCH", path=case.path, count=1)
    returned: list[int] = []

    def hook(step: str, item_id: int) -> None:
        if step != "returned:apply":
            return
        returned.append(item_id)
        if len(returned) == 2:  # the resend came back: let the first one finish
            gate.set()
            seen = sandbox.requests(case.path)
            wait_until(lambda: any(r.method == "PATCH" and r.answered for r in seen))

    summary = push(store, connectors, "carla", policy=QUICK, hook=hook)
    assert summary.counts == {"applied": 1} and summary.items[0].reason == "read_back"
    assert [r.status for r in sandbox.requests(case.path) if r.method == "PATCH"] == [200, 409]
    unknowns = _comments(store, case.correction_id, "push_unknown")
    assert len(unknowns) == 2 and "aún atiende un envío anterior" in unknowns[1]
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])
