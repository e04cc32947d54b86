"""Pushing approved corrections to the sandbox CRM and ERP over HTTP (DESIGN §6, issue 5 items 3,
9 and 10).

Every test pushes through ``RestConnector`` on ``/crm`` and ``/erp`` into a workspace store — a
SQLite file (WAL) and a fresh database on the PostgreSQL server the tests start — so the whole
write-back suite runs on both. The sandbox's ETags count each record's writes, so "applied
once" is ``"v2"``, and it counts the idempotency keys it applied (``applied_keys``).
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text
from support.push_cases import (
    applied_once,
    approved,
    check_final,
    correction_states,
    held,
    patches,
    record_ids,
    staff,
    third_party_edit,
)
from support.push_stores import KINDS, opened

from app.audit import verify
from app.connectors.http import RetryPolicy
from app.domain.schema import System
from app.progress import CancelToken, Progress, run
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import NotAllowed
from app.writeback.outbox import to_correction
from app.writeback.people import add_person
from app.writeback.push import push, push_task, resolve

from .postgres import postgres_server

QUICK = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    """A workspace store with its staff: SQLite, then PostgreSQL (the server starts once per
    module, only when a PostgreSQL case runs)."""
    with opened(request.param, tmp_path, lambda: request.getfixturevalue("pg")) as made:
        staff(made)
        yield made


@pytest.fixture
def connectors(rest):
    return {System.CRM: rest("crm"), System.ERP: rest("erp")}


class Sleeps(list):
    """A sleep that records how long it was asked to wait and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_a_push_applies_each_approved_correction_once(store, sandbox, connectors):
    cases = approved(store, sandbox, 12)
    seen: list[Progress] = []
    summary = run(push_task(store, connectors, "carla", policy=QUICK), seen.append)
    assert summary.counts == {"applied": 12} and not summary.cancelled and summary.remaining == 0
    assert [p.done for p in seen] == list(range(13)) and {p.total for p in seen} == {12}
    check_final(store, sandbox, cases)
    applied_once(store, sandbox, cases)
    for case in cases:
        [patch] = [r for r in sandbox.requests(case.path) if r.method == "PATCH"]
        item = outbox.listing(store, correction_id=case.correction_id)[0]
        # The key created at approval, sent as is; the ETag read just before (If-Match).
        assert patch.headers["idempotency-key"] == item.key == \
            c.get(store, case.correction_id).idempotency_key
        assert patch.headers["if-match"] == '"v1"'
    # The trail tells each item's story: queued, attempting (before the call), applied.
    with store.read() as s:
        actions = [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == cases[0].correction_id).order_by(AuditRow.seq))]
    assert actions == ["propose", "approve", "push_enqueue", "push_attempt", "push_applied"]

    # Pushing again sends nothing.
    again = push(store, connectors, "carla", policy=QUICK)
    assert again.items == () and all(patches(sandbox, case) == 1 for case in cases)


def test_only_approvers_and_admins_push(store, sandbox, connectors):
    approved(store, sandbox, 1)
    for who in ("ana", "dora"):
        with pytest.raises(NotAllowed):
            push(store, connectors, who)
    assert outbox.listing(store) == []


def test_a_dropped_answer_is_read_back_and_never_applied_twice(store, sandbox, connectors):
    cases = approved(store, sandbox, 6)
    for case in cases[:4]:  # the server applies the write, the answer is lost
        sandbox.faults.add(drop=1, method="PATCH", path=case.path)
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"applied": 6}
    check_final(store, sandbox, cases)
    applied_once(store, sandbox, cases)
    for case in cases[:4]:
        assert patches(sandbox, case) == 1  # read back, not resent
        item = outbox.listing(store, correction_id=case.correction_id)[0]
        assert (item.reason, item.attempts) == ("read_back", 1)
    with store.read() as s:
        actions = [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == cases[0].correction_id).order_by(AuditRow.seq))]
    assert actions[-3:] == ["push_attempt", "push_unknown", "push_applied"]


def test_a_late_write_is_resent_with_the_same_key_and_the_original_is_replayed(
        store, sandbox, rest):
    """The answer does not come in time and the record still holds the old value: the
    correction is sent again with the same key; when the first request finally arrives, the
    server answers it from its idempotency log instead of writing again."""
    connectors = {System.CRM: rest("crm", timeout=0.5), System.ERP: rest("erp", timeout=0.5)}
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(delay=3.0, method="PATCH", path=case.path)
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    first, second = [r for r in sandbox.requests(case.path) if r.method == "PATCH"]
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    deadline = time.monotonic() + 30
    while not first.answered and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.answered and first.status == 200
    check_final(store, sandbox, [case])
    item = outbox.listing(store, correction_id=case.correction_id)[0]
    assert item.attempts == 2 and "misma clave" in (
        _details(store, case.correction_id)["push_attempt"][-1] or "")


def _details(store, correction_id):
    out: dict[str, list[str | None]] = {}
    with store.read() as s:
        for r in s.scalars(select(AuditRow).where(AuditRow.correction_id == correction_id)
                           .order_by(AuditRow.seq)):
            out.setdefault(r.action, []).append(r.comment)
    return out


def test_a_third_party_edit_is_a_conflict_with_both_values_and_no_overwrite(
        store, sandbox, connectors):
    cases = approved(store, sandbox, 4)
    theirs = {cases[1].correction_id: "tercero@otra-persona.co",
              cases[2].correction_id: "tercera@otra-persona.co"}
    for case in cases[1:3]:
        third_party_edit(sandbox, case, theirs[case.correction_id])
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"applied": 2, "conflict": 2}
    check_final(store, sandbox, cases, conflicts=theirs)
    for case in cases[1:3]:
        assert patches(sandbox, case) == 0  # the compare-and-set stopped it before any write
        [result] = [i for i in summary.items if i.correction_id == case.correction_id]
        assert result.reason == "expected_mismatch"
        assert theirs[case.correction_id] in result.sentence()
        with store.read() as s:
            row = s.scalars(select(AuditRow).where(
                AuditRow.correction_id == case.correction_id,
                AuditRow.action == "push_conflict")).one()
        # Both values in the trail: what the system holds, and what was approved.
        assert (row.old, row.new) == (f'"{theirs[case.correction_id]}"', f'"{case.new}"')
    assert correction_states(store)[cases[1].correction_id] == "conflict"


def test_a_write_that_loses_the_race_after_the_read_is_a_conflict_too(
        store, sandbox, connectors, monkeypatch):
    [case] = approved(store, sandbox, 1)
    crm = connectors[System.CRM]
    fetch = crm._fetch

    def someone_writes_after_our_read(entity, source_id):
        found = fetch(entity, source_id)
        if found[1] == '"v1"':
            third_party_edit(sandbox, case, "rapida@otra-persona.co")
        return found

    monkeypatch.setattr(crm, "_fetch", someone_writes_after_our_read)
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.counts == {"conflict": 1}
    monkeypatch.undo()
    check_final(store, sandbox, [case], conflicts={case.correction_id: "rapida@otra-persona.co"})
    assert summary.items[0].reason == "etag_mismatch"


def test_429_and_5xx_are_tried_again_then_applied(store, sandbox, connectors):
    cases = approved(store, sandbox, 3)
    sandbox.faults.add(status=429, retry_after=1, method="PATCH", path=cases[0].path, count=2)
    sandbox.faults.add(status=500, method="PATCH", path=cases[1].path, count=2)
    sandbox.faults.add(status=503, retry_after=2, method="PATCH", path=cases[2].path, count=1)
    sleeps = Sleeps()
    summary = push(store, connectors, "carla", policy=QUICK, sleep=sleeps)
    assert summary.counts == {"applied": 3}
    check_final(store, sandbox, cases)
    applied_once(store, sandbox, cases)
    assert [patches(sandbox, c) for c in cases] == [3, 3, 2]
    assert [i.attempts for i in summary.items] == [3, 3, 2]
    # Retry-After honoured on the 429s (1 s twice) and the 503 (2 s), plus a jitter of at
    # most the base delay each; the 500s wait a backoff capped at the policy's max_delay.
    assert 4.0 <= sum(sleeps) <= 4.0 + 3 * QUICK.base_delay + 2 * QUICK.max_delay + 1e-9
    assert max(sleeps) <= 0.2  # waited in slices, so a cancel is honoured at once
    details = _details(store, cases[0].correction_id)
    assert len(details["push_retry"]) == 2 and "429" in details["push_retry"][0]


def test_a_write_throttled_with_retry_after_waits_and_resends_with_the_same_key(
        store, sandbox, connectors):
    """The PATCH is answered 429 with Retry-After: 2. The push waits those 2 s (the sleep it
    was given records them), then sends the same write with the same key: applied once."""
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=429, retry_after=2, method="PATCH", path=case.path, count=1)
    sleeps = Sleeps()
    summary = push(store, connectors, "carla", policy=QUICK, sleep=sleeps)
    assert summary.counts == {"applied": 1}
    assert 2.0 <= sum(sleeps) <= 2.0 + QUICK.base_delay + 1e-9
    first, second = [r for r in sandbox.requests(case.path) if r.method == "PATCH"]
    assert (first.status, second.status) == (429, 200)
    key = outbox.latest(store, case.correction_id).key
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == key
    assert summary.items[0].attempts == 2
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])
    retry = _details(store, case.correction_id)["push_retry"]
    assert len(retry) == 1 and "Nuevo intento en 2.0 s" in (retry[0] or "")


def test_a_retry_after_longer_than_the_policy_allows_is_not_waited_for(
        store, sandbox, connectors):
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=503, retry_after=600, method="PATCH", path=case.path, count=1)
    sleeps = Sleeps()
    summary = push(store, connectors, "carla", policy=QUICK, sleep=sleeps)
    assert summary.counts == {"failed": 1} and sleeps == []
    [item] = summary.items
    assert item.reason == "retry_after_too_long"
    assert item.detail == ("El sistema pide esperar 600 s antes de otro intento: vuelva a "
                           "enviarla más tarde.")
    assert patches(sandbox, case) == 1 and held(sandbox, case) == (case.old, '"v1"')
    assert correction_states(store)[case.correction_id] == "failed"
    # Later, a person sends it again: the same key, applied once.
    outbox.requeue(store, "carla", [item.outbox_id])
    assert push(store, connectors, "carla", policy=QUICK).counts == {"applied": 1}
    check_final(store, sandbox, [case])
    applied_once(store, sandbox, [case])


def test_a_read_throttled_with_retry_after_waits_what_the_server_asks(store, sandbox, rest):
    """The compare-and-set's read is a safe request: the HTTP client itself waits what
    Retry-After asks, with the connector's sleep."""
    crm = rest("crm")
    waited: list[float] = []
    crm._client.sleep = waited.append  # the client's sleep slices
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=429, retry_after=1, method="GET", path=case.path, count=1)
    summary = push(store, {System.CRM: crm}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    assert sum(waited) >= 1.0
    check_final(store, sandbox, [case])


def test_a_read_still_throttled_gives_the_push_its_retry_after(store, sandbox, rest):
    """The read keeps being refused with 429 after the client's own tries: the outcome carries
    the status and Retry-After, and the push waits that long before its next attempt."""
    crm = rest("crm", retry_attempts=1)
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(status=429, retry_after=3, method="GET", path=case.path, count=1)
    sleeps = Sleeps()
    summary = push(store, {System.CRM: crm}, "carla", policy=QUICK, sleep=sleeps)
    assert summary.counts == {"applied": 1} and patches(sandbox, case) == 1
    assert 3.0 <= sum(sleeps) <= 3.0 + QUICK.base_delay + 1e-9
    check_final(store, sandbox, [case])


def test_failures_that_do_not_clear_end_failed_with_a_reason_and_can_be_requeued(
        store, sandbox, connectors):
    cases = approved(store, sandbox, 2)
    sandbox.faults.add(status=503, method="PATCH", path=cases[0].path, count=0)
    summary = push(store, connectors, "carla", policy=QUICK, sleep=Sleeps())
    assert summary.counts == {"applied": 1, "failed": 1}
    failed = summary.items[0]
    assert failed.attempts == QUICK.attempts and "503" in (failed.detail or "")
    assert patches(sandbox, cases[0]) == QUICK.attempts
    assert held(sandbox, cases[0]) == (cases[0].old, '"v1"')
    assert correction_states(store)[cases[0].correction_id] == "failed"

    sandbox.faults.clear()
    outbox.requeue(store, "carla", [failed.outbox_id])
    again = push(store, connectors, "carla", policy=QUICK)
    assert again.counts == {"applied": 1}
    check_final(store, sandbox, cases)


def test_cancel_mid_push_then_resume_applies_the_rest_once(store, sandbox, connectors):
    cases = approved(store, sandbox, 10)
    cancel = CancelToken()
    done: list[int] = []

    def hook(step: str, item_id: int) -> None:
        if step == "committed:applied":
            done.append(item_id)
            if len(done) == 4:
                cancel.cancel()

    first = push(store, connectors, "carla", cancel=cancel, policy=QUICK, hook=hook)
    assert first.cancelled and first.counts == {"applied": 4} and first.remaining == 6
    assert "Cancelado" in first.sentence()
    assert sorted(correction_states(store).values()) == ["applied"] * 4 + ["queued"] * 6
    second = push(store, connectors, "carla", policy=QUICK)
    assert second.counts == {"applied": 6} and not second.cancelled
    check_final(store, sandbox, cases)
    assert all(patches(sandbox, case) == 1 for case in cases)


def test_a_row_left_attempting_is_read_back_before_anything_is_sent(store, sandbox, connectors):
    """A crash between the attempting commit and the answer: the next push reads the record
    and decides — applied (the write landed), resent (it did not) or conflict."""
    cases = approved(store, sandbox, 3)
    outbox.enqueue(store, "carla")
    items = outbox.pending(store)
    for item in items:
        outbox.transition(store, item, "carla", "attempting", attempt=True)
    # The first write landed before the crash; the third one was overtaken by someone else.
    connectors[System.CRM].apply(to_correction(items[0]))
    third_party_edit(sandbox, cases[2], "otra@persona.co")
    sandbox.clear_requests()
    summary = push(store, connectors, "carla", policy=QUICK)
    assert [i.state for i in summary.items] == ["applied", "applied", "conflict"]
    assert [i.reason for i in summary.items] == ["read_back", None, "read_back_differs"]
    assert [patches(sandbox, c) for c in cases] == [0, 1, 0]
    check_final(store, sandbox, cases, conflicts={cases[2].correction_id: "otra@persona.co"})


def test_an_unreadable_record_stays_unknown_until_it_can_be_read(store, sandbox, rest):
    crm = rest("crm", retry_attempts=1)
    [case] = approved(store, sandbox, 1)
    sandbox.faults.add(drop=1, method="PATCH", path=case.path)

    def reads_fail_after_the_write(step: str, item_id: int) -> None:
        if step == "returned:apply":
            sandbox.faults.add(status=500, method="GET", path=case.path, count=1)

    first = push(store, {System.CRM: crm}, "carla", policy=QUICK, hook=reads_fail_after_the_write)
    # The write's answer was lost and the read back failed: nothing more is sent.
    assert first.counts == {"unknown": 1} and first.remaining == 1
    assert first.items[0].reason == "read_back_failed"
    second = push(store, {System.CRM: crm}, "carla", policy=QUICK)
    assert second.counts == {"applied": 1}
    assert patches(sandbox, case) == 1
    check_final(store, sandbox, [case])


def test_resolve_reads_the_record_back():
    changes, expected = {"email": "nuevo@x.co"}, {"email": "viejo@x.co"}
    assert resolve({"email": "nuevo@x.co"}, changes, expected) == "applied"
    assert resolve({"email": "viejo@x.co"}, changes, expected) == "resend"
    assert resolve({"email": "otro@x.co"}, changes, expected) == "conflict"
    assert resolve(None, changes, expected) == "conflict"
    from decimal import Decimal

    assert resolve({"amount": Decimal("5")}, {"amount": Decimal("5.00")}, {"amount": 1}) \
        == "applied"
    assert resolve({"phone": ""}, {"phone": "1"}, {"phone": None}) == "resend"


def test_items_without_a_connector_stay_queued(store, sandbox, connectors):
    cases = approved(store, sandbox, 2)  # one CRM, one ERP
    summary = push(store, {System.CRM: connectors[System.CRM]}, "carla", policy=QUICK)
    assert [i.state for i in summary.items] == ["applied", "queued"]
    assert summary.remaining == 1
    rest = push(store, connectors, "carla", policy=QUICK)
    assert rest.counts == {"applied": 1}
    check_final(store, sandbox, cases)
    assert verify(store).ok


def test_a_payload_changed_behind_the_service_is_not_sent(store, sandbox, connectors):
    [case] = approved(store, sandbox, 1)
    with store.write() as s:
        s.execute(text("UPDATE corrections SET payload = replace(payload, :a, :b)"),
                  {"a": case.new, "b": "atacante@x.co"})
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.items == () and [r[0] for r in summary.refused] == [case.correction_id]
    assert held(sandbox, case) == (case.old, '"v1"')
    assert "push_refused" in _details(store, case.correction_id)


def test_self_approval_is_refused_at_every_layer_and_nothing_is_sent(store, sandbox, connectors):
    """The service refuses it, the store refuses a raw UPDATE doing it (CHECK and trigger),
    and the push has nothing to send."""
    made = c.propose(store, "ana", entity="customers", system="crm", source_id="C-1",
                     field="email", old="viejo@correo.co", new="nuevo@correo.co")
    add_person(store, "admin", "pablo", "Pablo Todo", ["proposer", "approver"])
    mine = c.propose(store, "pablo", entity="customers", system="crm", source_id="C-2",
                     field="email", old="viejo@correo.co", new="nuevo@correo.co")
    with pytest.raises(NotAllowed):
        c.approve(store, "pablo", mine.id)
    c.edit(store, "pablo", made.id, new="otro@correo.co")
    with pytest.raises(NotAllowed):  # an editor is an author too
        c.approve(store, "pablo", made.id)
    for sql in ("UPDATE corrections SET state = 'approved', approver = proposer, "
                "approved_hash = payload_hash, idempotency_key = 'k1' WHERE id = :id",
                "UPDATE corrections SET state = 'approved', approver = 'pablo', "
                "approved_hash = payload_hash, idempotency_key = 'k2' WHERE id = :id"):
        with pytest.raises(Exception, match="maker_checker"), store.write() as s:
            s.execute(text(sql), {"id": mine.id if "proposer" in sql else made.id})
    summary = push(store, connectors, "carla", policy=QUICK)
    assert summary.items == () and outbox.listing(store) == []
    assert not [r for r in sandbox.requests() if r.method == "PATCH"]
    assert verify(store).ok


def test_a_value_in_another_spelling_is_no_conflict(store, sandbox, connectors):
    """The connectors read canonical values (10-digit phones, lower-case e-mails): a
    precondition or a new value written another way is the same value — no false conflict on
    the compare-and-set, none on a read-back, no write when the system already has it."""
    (_, phone_id), (_, mail_id), (_, same_id) = record_ids(sandbox, 6)[0::2]
    crm = connectors[System.CRM]
    phone = crm.read("customers", phone_id)["phone"]
    mail = crm.read("customers", mail_id)["email"]
    held_phone = crm.read("customers", same_id)["phone"]
    spelled = f"+57 {phone[:3]} {phone[3:6]} {phone[6:]}"
    made = [
        c.propose(store, "ana", entity="customers", system="crm", source_id=phone_id,
                  field="phone", old=spelled, new="(310) 555-1234"),
        c.propose(store, "ana", entity="customers", system="crm", source_id=mail_id,
                  field="email", old=mail.upper(), new="nueva.direccion@correo.co"),
        c.propose(store, "ana", entity="customers", system="crm", source_id=same_id,
                  field="phone", old="3000000000",
                  new=f"{held_phone[:3]}-{held_phone[3:6]}-{held_phone[6:]}"),
    ]
    for correction in made:
        c.approve(store, "carla", correction.id)
    sandbox.faults.add(drop=1, method="PATCH", path=f"/crm/customers/{phone_id}")
    summary = push(store, connectors, "carla", policy=QUICK)
    assert [(i.state, i.reason) for i in summary.items] == [
        ("applied", "read_back"), ("applied", None), ("applied", "already_applied")]
    assert crm.read("customers", phone_id)["phone"] == "3105551234"
    assert crm.read("customers", mail_id)["email"] == "nueva.direccion@correo.co"
    assert not [r for r in sandbox.requests(f"/crm/customers/{same_id}") if r.method == "PATCH"]
    assert verify(store).ok


def test_outbox_counts(store, sandbox, connectors):
    approved(store, sandbox, 3)
    push(store, connectors, "carla", policy=QUICK)
    assert outbox.counts(store)["applied"] == 3 and outbox.counts(store)["queued"] == 0


def test_an_approval_written_behind_cuadre_s_back_is_never_sent_and_verify_names_it(
        store, sandbox, connectors):
    """Issue 17: a correction set to approved by a raw UPDATE — a real approver's name, the
    payload's own hash, a key — has no «approve» row in the audit trail: the push refuses it
    (and records the refusal), ``push --only`` too, and ``audit verify`` names it."""
    (_, rid), = record_ids(sandbox, 1)
    made = c.propose(store, "ana", entity="customers", system="crm", source_id=rid,
                     field="email", old="viejo@correo.co", new="nuevo@correo.co")
    assert verify(store).ok
    with store.write() as s:  # carla may approve; the trigger allows it; the trail never saw it
        s.execute(text("UPDATE corrections SET state = 'approved', approver = 'carla', "
                       "approved_hash = payload_hash, idempotency_key = 'forjada' "
                       "WHERE id = :id"), {"id": made.id})
    result = verify(store)
    assert (result.ok, result.reason) == (False, "approval_unrecorded")
    assert made.id[:8] in result.message
    summary = push(store, connectors, "carla", policy=QUICK, only=[made.id])
    assert summary.items == () and [r[0] for r in summary.refused] == [made.id]
    assert "no está en el registro de auditoría" in summary.refused[0][1]
    assert outbox.listing(store) == []
    assert not [r for r in sandbox.requests() if r.method == "PATCH"]
    assert "push_refused" in _details(store, made.id)
    # A real approval afterwards: on record, sent once.
    with store.write() as s:
        s.execute(text("UPDATE corrections SET state = 'proposed', approver = NULL, "
                       "approved_hash = NULL, idempotency_key = NULL WHERE id = :id"),
                  {"id": made.id})
    c.approve(store, "carla", made.id)
    summary = push(store, connectors, "carla", policy=QUICK, only=[made.id])
    assert [i.correction_id for i in summary.items] == [made.id]
