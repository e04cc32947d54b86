"""Several pushes on one outbox (issue 5 item 10): two people pushing at once share the queue
and never send one item twice; a row held by a pusher that is still running is left alone; a
row left by a pusher that is gone (killed) is taken over at once; on PostgreSQL the rows
another transaction has locked are skipped, not waited for; and the crash campaign runs on
PostgreSQL too.

Every case runs on a SQLite file and on the PostgreSQL server the tests start
(``postgres.py``), each pusher with its own store connection and its own connectors, against
the sandbox.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import update
from support.push_cases import (
    applied_once,
    approved,
    check_final,
    correction_states,
    patches,
    staff,
)
from support.push_crash import campaign
from support.push_stores import KINDS, Place, opened, place

from app.audit import verify
from app.connectors.http import RetryPolicy
from app.connectors.rest.connector import RestConnector
from app.demo.sandbox import Sandbox
from app.domain.schema import System
from app.store.models import OutboxRow
from app.store.values import utc_now
from app.writeback import outbox
from app.writeback.outbox import Lease, lease_alive
from app.writeback.push import PushSummary, lease_seconds, push

from .postgres import postgres_server

QUICK = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)
#: A bound on waiting for the other thread: only ever reached when something hangs.
HANG = 120


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


@pytest.fixture(params=KINDS)
def where(request, tmp_path):
    """Where the shared store is: a SQLite file, then a PostgreSQL database."""
    with place(request.param, tmp_path, lambda: request.getfixturevalue("pg")) as found:
        with found.open() as store:
            staff(store)
        yield found


def _connectors(sandbox: Sandbox) -> dict[System, RestConnector]:
    return {System(s): RestConnector(sandbox.url(s), s, secret=sandbox.token,
                                     retry_base_delay=0.01) for s in ("crm", "erp")}


def _pusher(where: Place, sandbox: Sandbox, out: dict[str, object], name: str,
            hook=None) -> threading.Thread:
    """A thread that pushes with its own store and connectors; its summary (or the error it
    met) lands in ``out[name]``."""

    def work() -> None:
        connectors = _connectors(sandbox)
        try:
            with where.open() as store:
                out[name] = push(store, connectors, "carla", policy=QUICK, hook=hook)
        except BaseException as exc:  # reported by the test
            out[name] = exc
        finally:
            for connector in connectors.values():
                connector.close()

    return threading.Thread(target=work, name=f"pusher-{name}")


def _keys_sent(sandbox: Sandbox) -> Counter[str]:
    return Counter(r.headers.get("idempotency-key", "") for r in sandbox.requests()
                   if r.method == "PATCH")


def test_two_pushers_share_one_outbox_and_send_each_item_once(where, sandbox):
    """A and B push one 100-item outbox at once. A is made to hold its first row in
    «attempting» (committed, the call not made yet) until B has applied something: B passes
    that row by (A's lease is alive) instead of reading it back and sending it again. In the
    end every item was sent once, applied once, by one of them."""
    with where.open() as store:
        cases = approved(store, sandbox, 100)
    sandbox.clear_requests()
    a_holds, b_applied = threading.Event(), threading.Event()
    held: list[int] = []

    def a_hook(step: str, item_id: int) -> None:
        if step == "committed:attempting" and not held:
            held.append(item_id)
            a_holds.set()
            assert b_applied.wait(HANG), "B never applied anything"

    def b_hook(step: str, item_id: int) -> None:
        if step == "committed:applied":
            b_applied.set()

    out: dict[str, object] = {}
    a = _pusher(where, sandbox, out, "a", a_hook)
    b = _pusher(where, sandbox, out, "b", b_hook)
    a.start()
    assert a_holds.wait(HANG), "A never started"
    b.start()
    for thread in (a, b):
        thread.join(HANG)
        assert not thread.is_alive(), "a pusher hangs"
    summaries = [out["a"], out["b"]]
    for summary in summaries:
        assert isinstance(summary, PushSummary), summary
    first, second = summaries
    assert isinstance(first, PushSummary) and isinstance(second, PushSummary)
    ids_a = {i.outbox_id for i in first.items}
    ids_b = {i.outbox_id for i in second.items}
    assert held[0] in ids_a and held[0] not in ids_b and second.busy >= 1
    assert not ids_a & ids_b and len(ids_a | ids_b) == 100
    assert {i.state for i in first.items + second.items} == {"applied"}

    sent = _keys_sent(sandbox)
    with where.open() as store:
        keys = {i.key for i in outbox.listing(store)}
        assert len(keys) == 100 and all(sent[k] == 1 for k in keys), \
            {k: sent[k] for k in keys if sent[k] != 1}
        assert set(correction_states(store).values()) == {"applied"}
        check_final(store, sandbox, cases)
        applied_once(store, sandbox, cases)
        assert verify(store).ok


def test_a_row_held_by_a_live_pusher_waits_and_one_left_by_a_dead_one_is_taken_over(
        where, sandbox):
    """Another process (alive) holds row 1 in «attempting»: a push leaves it alone. The
    process dies: the next push reads the record back and finishes it at once, without
    waiting for the lease to run out."""
    with where.open() as store:
        cases = approved(store, sandbox, 2)
        outbox.enqueue(store, "carla")
        first = outbox.pending(store)[0]
        sandbox.clear_requests()
        other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        try:
            theirs = Lease.of_process(other.pid, 3600)
            taken = outbox.claim(store, theirs)
            assert taken.item is not None and taken.item.id == first.id
            outbox.transition(store, taken.item, "carla", "attempting", attempt=True,
                              lease=theirs)
            connectors = _connectors(sandbox)
            summary = push(store, connectors, "carla", policy=QUICK)
            assert summary.counts == {"applied": 1} and summary.busy == 1
            assert first.id not in {i.outbox_id for i in summary.items}
            assert outbox.get(store, first.id).state == "attempting"
            assert not sandbox.requests(cases[0].path)  # not even read back
        finally:
            other.kill()
            other.wait()
        again = push(store, connectors, "carla", policy=QUICK)
        for connector in connectors.values():
            connector.close()
        [result] = again.items
        assert (result.outbox_id, result.state, again.busy) == (first.id, "applied", 0)
        assert patches(sandbox, cases[0]) == 1  # read back (still old), then sent once
        check_final(store, sandbox, cases)
        applied_once(store, sandbox, cases)


def test_leases_end_with_their_time_or_their_process():
    now = utc_now()
    mine = Lease.mine(60)
    assert lease_alive(mine.owner, now + timedelta(seconds=60), now)
    assert not lease_alive(mine.owner, now - timedelta(seconds=1), now)  # ran out
    assert not lease_alive(None, None, now)
    elsewhere = "otro-equipo/4242/77/abcd"
    assert lease_alive(elsewhere, now + timedelta(seconds=60), now)  # only the clock tells
    assert not lease_alive(elsewhere, now - timedelta(seconds=1), now)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = Lease.of_process(gone.pid, 60)
    assert not lease_alive(dead.owner, now + timedelta(seconds=60), now)
    # The default bound covers a read retried with the longest Retry-After, the write and
    # the read back.
    policy = RetryPolicy()
    assert lease_seconds(policy, 30) > policy.attempts * (30 + policy.max_retry_after)


def test_a_row_whose_lease_ran_out_is_taken_over(where, sandbox):
    with where.open() as store:
        cases = approved(store, sandbox, 1)
        outbox.enqueue(store, "carla")
        [item] = outbox.pending(store)
        elsewhere = Lease("otro-equipo/4242/77/abcd", 3600)
        with store.write() as s:  # a push of another computer holds it
            s.execute(update(OutboxRow).where(OutboxRow.id == item.id).values(
                lease_owner=elsewhere.owner, lease_until=utc_now() + timedelta(hours=1)))
        connectors = _connectors(sandbox)
        try:
            busy = push(store, connectors, "carla", policy=QUICK)
            assert busy.items == () and busy.busy == 1 and busy.remaining == 1
            assert "otro proceso" in busy.sentence()
            with store.write() as s:  # its time runs out
                s.execute(update(OutboxRow).where(OutboxRow.id == item.id).values(
                    lease_until=utc_now() - timedelta(seconds=1)))
            done = push(store, connectors, "carla", policy=QUICK)
        finally:
            for connector in connectors.values():
                connector.close()
        assert done.counts == {"applied": 1} and done.busy == 0
        check_final(store, sandbox, cases)
        # A move by the push that lost the row is refused: it no longer holds it.
        with pytest.raises(outbox.Moved):
            outbox.transition(store, outbox.get(store, item.id), "carla", "queued",
                              lease=elsewhere)


def test_on_postgresql_a_locked_row_is_skipped_not_waited_for(pg, tmp_path, sandbox):
    with opened("postgresql", tmp_path, lambda: pg) as store:
        staff(store)
        approved(store, sandbox, 2)
        outbox.enqueue(store, "carla")
        first, second = outbox.pending(store)
        found: list[object] = []
        with store.engine.connect() as conn, conn.begin():  # someone is moving row 1
            conn.execute(OutboxRow.__table__.select().where(OutboxRow.id == first.id)
                         .with_for_update())
            claimer = threading.Thread(target=lambda: found.append(
                outbox.claim(store, Lease.mine(60))))
            claimer.start()
            claimer.join(HANG)
            assert not claimer.is_alive(), "the claim waited for the lock"
        [claim] = found
        assert isinstance(claim, outbox.Claim) and claim.item is not None
        assert claim.item.id == second.id


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_the_push_on_postgresql_loses_nothing_and_applies_nothing_twice(
        pg, tmp_path, sandbox, capsys):
    with place("postgresql", tmp_path, lambda: pg) as found:
        report = campaign(sandbox, tmp_path, corrections=60, kills=20, where=found)
    with capsys.disabled():
        print(f"\nPostgreSQL: {report.kills} kills over {report.corrections} corrections, "
              f"{report.runs} processes, {report.seconds:.1f} s; kills at {dict(report.steps)}")
    assert report.kills == 20
    assert {"committed:enqueue", "committed:attempting", "returned:apply"} <= set(report.steps)
