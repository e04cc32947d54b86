"""Pushing the outbox: each approved correction applied once in its system (DESIGN §6).

:func:`push_task` queues every approved correction (:func:`app.writeback.outbox.enqueue`), then
works through the outbox serially, in queue order, one :class:`~app.progress.Progress` per item,
honouring the cancel token between items (and during a wait). It takes one row at a time with
:func:`~app.writeback.outbox.claim` (a lease on the row: see :mod:`app.writeback.outbox`), so
several pushes — two people, or a push resumed while an old one still runs — share the queue
and never work on one item at once. For one item:

1. The row is committed as *attempting* (a local transaction with its audit row) **before** the
   network call.
2. ``connector.apply`` is called with the correction carrying the idempotency key created at
   approval — the same key on every attempt — and the precondition read at approval (the
   connector does a compare-and-set: ETag/If-Match on REST).
3. The outcome is recorded: *applied*; *conflict* with both values (the one found in the system
   and the one wanted; the correction goes back to the review queue for a decision);
   *rejected* / *failed* with the reason. A refusal that sending again cannot change
   (:func:`is_permanent`: ``Outcome.permanent``, refused credentials, a 4xx other than 408,
   409, 425 and 429) ends after that one attempt. A 429 or 503 waits what the server asked
   (``Outcome.retry_after``, the connector's reading of ``Retry-After``) and other 5xx, resets
   and refused connections a capped, jittered backoff, then try again with the same key, up to
   the policy's attempts; then *failed* with the reason. A server asking for more than the
   policy's ``max_retry_after`` is not waited for: *failed*, to be sent again later.
4. *unknown* (a timeout, a reset, a dropped answer, a request with the same key still in
   flight: the write may have happened) is committed, then resolved by reading the record
   back: it already holds the new values → *applied*; it still holds the values read at
   approval → sent again with the same key; anything else → *conflict*. If the record cannot
   be read, the row stays *unknown* for the next push.

Resuming after a crash needs nobody to approve anything again: a row left *attempting* (the
process died during the call, maybe with half its request sent) or *unknown* is read back
first, exactly as in 4 — never sent blindly; its lease is taken over at once when the process
that held it is gone. Once an attempt of an item was interrupted, any answer to a resend other
than success is *unknown* too, and read back: the system may have stored an answer for the
interrupted request under the same key (a server that kept the 400 it gave a body cut in
half), and taking it as final would lose the correction. Such an item is never final without
a read back; after the policy's attempts it stays *unknown* for the next push.
``hook(step, item_id)`` is called after every commit and right after every call to the
system returns (the crash tests kill the process there).

Preconditions and read-backs compare canonical values field by field (:func:`equal`): a phone
written "300 123 4567" is the 10 digits the system keeps, an e-mail's case does not matter, an
amount of 5 is 5.00 — never a conflict for a difference of spelling.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from app.connectors.base import Outcome, OutcomeStatus, SourceError, WritableConnector
from app.connectors.http import RetryPolicy, refused_for_good
from app.connectors.values import comparable
from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import entity_word, field_label, outbox_state_word, system_label
from app.domain.schema import System
from app.progress import Cancelled, CancelToken, Progress, Task
from app.progress import run as run_task
from app.store.db import Store
from app.store.values import read_audit_value
from app.writeback import merging, outbox
from app.writeback.merge_push import push_merge
from app.writeback.outbox import Lease, Moved, OutboxItem, to_correction
from app.writeback.people import require_pusher
from app.writeback.states import OutboxState
from app.writeback.values import same

log = logging.getLogger(__name__)

Hook = Callable[[str, int], None]

#: Reason codes of a FAILED that trying again cannot fix, whatever the connector says.
_PERMANENT = frozenset({"auth", "not_sent"})
_HONOURS_RETRY_AFTER = frozenset({429, 503})
#: The longest a connector waits for one answer by default (REST 30 s, Odoo 60 s).
HTTP_TIMEOUT = 60.0


def lease_seconds(policy: RetryPolicy, timeout: float = HTTP_TIMEOUT) -> float:
    """How long one step of one item may hold its row before another push may assume its
    pusher is gone (on another computer: on this one a dead process is seen at once): the
    compare-and-set's read, retried by the HTTP client (each try up to ``timeout``, each wait
    up to the longest Retry-After honoured), the write, and the read back, with a minute to
    spare."""
    read = policy.attempts * (timeout + max(policy.max_delay, policy.max_retry_after))
    return 2 * read + timeout + 60.0


@dataclass(frozen=True, slots=True)
class ItemResult:
    """Where one item ended in this push (``state`` an outbox state; ``found`` what a conflict
    found in the system, as the audit trail writes values)."""

    outbox_id: int
    correction_id: str
    system: System
    entity: str
    source_id: str
    field: str
    state: OutboxState
    reason: str | None
    detail: str | None
    found: str | None
    attempts: int

    def sentence(self) -> str:
        """«3ca01b48 CRM cliente C-1 (Correo): aplicada…»: the correction's short id first,
        as the listings print it, so a person can name it to the commands."""
        text = f"{self.correction_id[:8]} {system_label(self.system.value)} " \
               f"{_said(entity_word(self.entity))} {self.source_id} " \
               f"({_said(field_label(self.field))}): {_said(outbox_state_word(self.state))}"
        if self.state == OutboxState.CONFLICT and self.found is not None:
            text += tr_app("app.writeback", "; el sistema tiene {value}").format(
                value=read_audit_value(self.found))
        if self.detail:
            text += f". {self.detail}"
        return text


@dataclass(frozen=True, slots=True)
class PushSummary:
    """Every item this push worked on, in order; ``cancelled`` when it stopped early."""

    items: tuple[ItemResult, ...] = ()
    refused: tuple[tuple[str, str], ...] = ()  # (correction id, why) not queued
    cancelled: bool = False
    remaining: int = 0  # rows still queued/attempting/unknown when it ended
    busy: int = 0  # rows passed because another push (another person's) was working on them

    def count(self, state: str) -> int:
        return sum(1 for i in self.items if i.state == state)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item.state] = out.get(item.state, 0) + 1
        return out

    def sentence(self) -> str:
        parts = [f"{n} {_said(outbox_state_word(s, n))}" for s, n in sorted(self.counts.items())]
        text = tr_app("app.writeback", "Envío: {what}").format(
            what=", ".join(parts) if parts else tr_app("app.writeback", "nada pendiente"))
        if self.refused:
            text += tr_app("app.writeback", "; {n} no se enviaron (contenido alterado)").format(
                n=len(self.refused))
        if self.busy:
            text += tr_app("app.writeback", "; {n} las estaba enviando otro proceso").format(
                n=self.busy)
        if self.cancelled:
            text += tr_app("app.writeback", ". Cancelado: quedan {n} por enviar").format(
                n=self.remaining)
        return text + "."


def _said(label: str) -> str:
    """A name of :mod:`app.domain.labels` in the current language."""
    return tr_marked("labels", label)


@dataclass
class _Run:
    store: Store
    connectors: Mapping[System, WritableConnector]
    actor: str
    cancel: CancelToken | None
    policy: RetryPolicy
    sleep: Callable[[float], None]
    hook: Hook | None
    rng: random.Random
    lease: Lease
    cancelled: bool = False
    results: list[ItemResult] = field(default_factory=list)

    # --- plumbing -----------------------------------------------------------------------------

    def step(self, name: str, item: OutboxItem) -> None:
        if self.hook is not None:
            self.hook(name, item.id)

    def move(self, item: OutboxItem, state: OutboxState, **kwargs: Any) -> OutboxItem:
        moved = outbox.transition(self.store, item, self.actor, state, lease=self.lease, **kwargs)
        self.step(f"committed:{state}", moved)
        return moved

    def wait(self, seconds: float) -> bool:
        """Sleep ``seconds`` in short slices; False when cancelled meanwhile."""
        left = seconds
        while left > 0:
            if self.cancel is not None and self.cancel.cancelled:
                return False
            chunk = min(0.2, left)
            self.sleep(chunk)
            left -= chunk
        return not (self.cancel is not None and self.cancel.cancelled)

    # --- one item -----------------------------------------------------------------------------

    def push(self, item: OutboxItem) -> OutboxItem:
        connector = self.connectors.get(item.system)
        if connector is None:
            return item  # stays queued: this push has no connector for its system
        if item.kind == merging.KIND:  # sent whole, never retried automatically
            return push_merge(self, connector, item, equal)
        sends = 0
        read_first = item.state in (OutboxState.ATTEMPTING, OutboxState.UNKNOWN)
        # Once an attempt of this item was interrupted, the system may hold an answer stored
        # for it under the key (a request cut in the middle, refused as malformed): a refusal
        # of a resend is then no verdict, and the record is read back instead (DESIGN §9).
        interrupted = False
        last: Outcome | None = None
        while True:
            if read_first:
                read_first, interrupted = False, True
                verdict, item = self.read_back(connector, item)
                if verdict != RESEND:
                    return item
                if sends >= self.policy.attempts:
                    if last is not None and _refused(last):
                        # Just read back: the record still holds what it held at approval, so
                        # nothing was applied, and the system refuses the resend every time:
                        # «fallida», for a person to fix and put back in the queue.
                        return self.move(item, OutboxState.FAILED,
                                         reason=REFUSED_AFTER_INTERRUPTION,
                                         detail=_refused_after_interruption(sends, last))
                    return self.move(item, OutboxState.UNKNOWN, reason="attempts_exhausted",
                                     detail=_exhausted(sends, last))
                note = ("Leído de nuevo: aún tiene el valor aprobado como anterior; se reenvía "
                        "con la misma clave.")
            else:
                note = None
            item = self.move(item, OutboxState.ATTEMPTING, attempt=True, reason=None,
                             detail=note)
            sends += 1
            last = outcome = connector.apply(to_correction(item))
            self.step("returned:apply", item)
            status = outcome.status
            if status is OutcomeStatus.APPLIED:
                return self.move(item, OutboxState.APPLIED, reason=outcome.reason or None,
                                 detail=outcome.detail or None)
            if status is OutcomeStatus.UNKNOWN or (interrupted and _answered(outcome)):
                item, read_first = self.unknown(item, outcome, sends, interrupted)
                if not read_first:  # cancelled, or asked to wait longer than the policy allows
                    return item
                continue
            if status is OutcomeStatus.CONFLICT:
                return self.conflict(connector, item, outcome)
            if status is OutcomeStatus.REJECTED:
                return self.move(item, OutboxState.REJECTED, reason=outcome.reason or None,
                                 detail=outcome.detail or None)
            item, again = self.failed(item, outcome, sends)
            if not again:
                return item

    def failed(self, item: OutboxItem, outcome: Outcome, sends: int) -> tuple[OutboxItem, bool]:
        """A FAILED outcome (it did not happen): (the row, True) when it is to be sent again
        after the wait this has just done; (the row, False) when it ends «fallida» — a refusal
        that sending again cannot change ends after one attempt — or the push was cancelled."""
        if is_permanent(outcome):
            # Credentials and what cannot be sent say their own remedy; a refusal of the
            # request itself says why it is not tried again.
            detail = outcome.detail if outcome.reason in _PERMANENT else (
                f"{outcome.detail} Reenviarla daría la misma respuesta: no se reintenta; "
                "corrija la causa y vuelva a ponerla en cola.".strip())
            return self.move(item, OutboxState.FAILED, reason=outcome.reason or None,
                             detail=detail or None), False
        delay = self.retry_delay(outcome, sends)
        if delay is None:
            return self.move(item, OutboxState.FAILED, reason=outcome.reason or None,
                             detail=outcome.detail or None), False
        if delay > self.policy.max_retry_after:
            return self.move(item, OutboxState.FAILED, reason="retry_after_too_long", detail=(
                f"El sistema pide esperar {int(delay)} s antes de otro intento: "
                "vuelva a enviarla más tarde.")), False
        item = self.move(item, OutboxState.QUEUED, reason=outcome.reason or None, hold=delay,
                         detail=(
            f"{outcome.detail} Nuevo intento en {delay:.1f} s.".strip()))
        if not self.wait(delay):
            self.cancelled = True
            return item, False
        return item, True

    def unknown(self, item: OutboxItem, outcome: Outcome, sends: int,
                interrupted: bool) -> tuple[OutboxItem, bool]:
        """Record an answer that does not settle the write as *unknown* — a timeout or a
        reset, or any refusal of a resend after an interrupted attempt — and wait, when the
        system said "not now" (a 409 in flight, a 429, a 5xx), before the record is read back:
        (the row, True). (The row, False) when that wait was cancelled or is longer than the
        policy allows: it stays *unknown* for the next push."""
        doubt = interrupted and outcome.status is not OutcomeStatus.UNKNOWN
        detail = outcome.detail or None
        if doubt:
            detail = (f"{outcome.detail} Un intento anterior se interrumpió y esta respuesta puede "
                      "ser la que el sistema guardó para él: se lee el registro antes de "
                      "decidir.").strip()
        delay = None
        if outcome.http_status is not None and not is_permanent(outcome):
            delay = self.retry_delay(outcome, sends)
        too_long = delay is not None and delay > self.policy.max_retry_after
        item = self.move(item, OutboxState.UNKNOWN, reason=outcome.reason or None, detail=detail,
                         hold=0.0 if delay is None or too_long else delay)
        if too_long:
            return item, False
        if delay is not None and not self.wait(delay):
            self.cancelled = True
            return item, False
        return item, True

    def retry_delay(self, outcome: Outcome, sends: int) -> float | None:
        """Seconds to wait before trying a FAILED item again, or None: give up."""
        if is_permanent(outcome) or sends >= self.policy.attempts:
            return None
        asked = outcome.retry_after
        if outcome.http_status in _HONOURS_RETRY_AFTER and asked is not None and asked >= 0:
            return float(asked) + self.rng.uniform(0, min(1.0, self.policy.base_delay))
        return self.policy.backoff(sends, self.rng)

    def conflict(self, connector: WritableConnector, item: OutboxItem,
                 outcome: Outcome) -> OutboxItem:
        """Record a conflict with both values: the one wanted and the one the system holds."""
        record: Mapping[str, Any] | None = outcome.record
        if record is None and outcome.reason != "not_found":
            try:
                record = connector.read(item.entity, item.source_id)
            except SourceError:
                record = None
            self.step("returned:read", item)
        found = record.get(item.field) if record is not None else None
        return self.move(item, OutboxState.CONFLICT, reason=outcome.reason or None,
                         detail=outcome.detail or None, found=found,
                         has_found=record is not None)

    def read_back(self, connector: WritableConnector,
                  item: OutboxItem) -> tuple[OutboxState | Resend, OutboxItem]:
        """Resolve an attempting/unknown row by reading the record: (applied | conflict |
        unknown, the row as recorded) or (:data:`RESEND`, the row) when it still holds the
        values read at approval."""
        try:
            record = connector.read(item.entity, item.source_id)
        except SourceError as exc:
            self.step("returned:read", item)
            return OutboxState.UNKNOWN, self.move(
                item, OutboxState.UNKNOWN, reason="read_back_failed", detail=(
                f"No se pudo leer el registro para saber si el cambio se aplicó: {exc} "
                "Se leerá de nuevo en el próximo envío."))
        self.step("returned:read", item)
        verdict = resolve(record, item.changes, item.expected)
        if verdict == OutboxState.APPLIED:
            return verdict, self.move(item, OutboxState.APPLIED, reason="read_back", detail=(
                "Leído de nuevo: el sistema ya tiene el valor nuevo."))
        if verdict == OutboxState.CONFLICT:
            found = record.get(item.field) if record is not None else None
            return verdict, self.move(
                item, OutboxState.CONFLICT, reason="read_back_differs" if record else "not_found",
                detail=("Leído de nuevo: el registro tiene otro valor; decida de nuevo."
                        if record else "El registro ya no existe en el sistema."),
                found=found, has_found=record is not None)
        return verdict, item

    def result(self, item: OutboxItem) -> ItemResult:
        return ItemResult(item.id, item.correction_id, item.system, item.entity.value,
                          item.source_id, item.field, item.state, item.reason, item.detail,
                          item.found, item.attempts)


def is_permanent(outcome: Outcome) -> bool:
    """Whether sending again cannot change ``outcome``: the connector says so
    (``Outcome.permanent``: a server-side TypeError, ValueError, AccessError or UserError), its
    reason says so (refused credentials, nothing sendable), or the system answered a 4xx other
    than 408, 409, 425 and 429."""
    return outcome.permanent or outcome.reason in _PERMANENT \
        or refused_for_good(outcome.http_status)


def _answered(outcome: Outcome) -> bool:
    """Whether ``outcome`` (not APPLIED) may be an answer the system stored for an earlier,
    interrupted attempt: any refusal or failure, and a conflict the system answered (HTTP 409,
    412) — not a conflict the connector found by reading the record, which is a read-back
    already."""
    return outcome.status is not OutcomeStatus.CONFLICT or outcome.http_status is not None


#: A resend refused every time after an interruption, the record read back unchanged.
REFUSED_AFTER_INTERRUPTION = "refused_after_interruption"


def _refused(outcome: Outcome) -> bool:
    """A definite refusal (not a "not now"): the system said no to the request itself."""
    return outcome.status is OutcomeStatus.REJECTED or (
        outcome.status is OutcomeStatus.FAILED and is_permanent(outcome))


def _refused_after_interruption(sends: int, last: Outcome) -> str:
    said = f" (la última respuesta: {last.detail.rstrip('.')})" if last.detail else ""
    return (f"El sistema rechazó los {sends} envíos{said} y el registro, leído de nuevo, sigue "
            "sin el cambio: no se aplicó. Corrija la causa y vuelva a ponerla en cola.")


def _exhausted(sends: int, last: Outcome | None) -> str:
    said = f" (la última respuesta: {last.detail.rstrip('.')})" if last and last.detail else ""
    return (f"El sistema no confirmó el cambio tras {sends} envíos{said}; se leerá de nuevo en "
            "el próximo envío.")


#: A read-back's verdict when the record still holds the values read at approval.
Resend = Literal["resend"]
RESEND: Resend = "resend"


def resolve(record: Mapping[str, Any] | None, changes: Mapping[str, Any],
            expected: Mapping[str, Any]) -> OutboxState | Resend:
    """What a record read back says about a write whose answer was lost: applied (it holds
    the new values), :data:`RESEND` (it still holds the values read at approval) or conflict.

    A creation (nothing ``expected``: the record must not exist yet) is resent while the
    record is absent, applied when it holds the new values, a conflict otherwise."""
    creating = not expected
    if record is None:
        return RESEND if creating else OutboxState.CONFLICT
    if all(equal(record.get(k), v, k) for k, v in changes.items()):
        return OutboxState.APPLIED
    if creating:
        return OutboxState.CONFLICT
    if all(equal(record.get(k), v, k) for k, v in expected.items()):
        return RESEND
    return OutboxState.CONFLICT


def equal(current: Any, wanted: Any, field: str | None = None) -> bool:
    """Canonical values equal as the reconciliation sees them (None and "" alike, 5 = 5.00);
    with the ``field`` they belong to, also what differs only in form (a phone's spacing or
    +57, an e-mail's case: :func:`~app.connectors.values.comparable`)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if current == wanted or same(current, wanted):
        return True
    if isinstance(current, Decimal | int | str) and isinstance(wanted, Decimal | int | str) \
            and not isinstance(current, bool) and not isinstance(wanted, bool):
        try:
            if Decimal(str(current)) == Decimal(str(wanted)):
                return True
        except (ArithmeticError, InvalidOperation):
            pass
    if field is None:
        return False
    try:
        return bool(comparable(field, current) == comparable(field, wanted))
    except (TypeError, ValueError, ArithmeticError):
        return False


def push_task(store: Store, connectors: Mapping[System, WritableConnector], actor: str,
              cancel: CancelToken | None = None, policy: RetryPolicy | None = None, *,
              sleep: Callable[[float], None] = time.sleep, hook: Hook | None = None,
              rng: random.Random | None = None,
              lease: float | None = None, workspace: str | None = None,
              only: Iterable[str] | None = None,
              on_item: Callable[[OutboxItem], None] | None = None) -> Task[PushSummary]:
    """Queue the approved corrections and push the outbox, one Progress per item.

    Only approvers and admins push. A cancel is honoured between items (and during a wait
    before a retry): what was done stays done, the rest stays queued, and the summary says
    ``cancelled``. Items of a system with no connector here stay queued. Items another push
    is working on are left to it (``busy``). ``lease``: seconds one step of one item may hold
    its row (default :func:`lease_seconds` of the policy). ``workspace`` limits the push to
    the corrections of that workspace (the profile or demo whose systems ``connectors`` are:
    another profile's corrections are never sent here), ``only`` to those correction ids.
    ``on_item`` gets each item as it ended (on this thread), then those no connector here can
    send."""
    login = require_pusher(store, actor)
    policy = policy or RetryPolicy()
    held = Lease.mine(lease if lease is not None else lease_seconds(policy))
    run = _Run(store, dict(connectors), login, cancel, policy, sleep, hook,
               rng or random.Random(), held)
    scope = outbox.Scope(workspace, None if only is None else frozenset(only))
    queued = outbox.enqueue(store, login, scope=scope)
    if queued.items and hook is not None:
        hook("committed:enqueue", queued.items[0].id)
    systems = set(run.connectors)
    total = sum(1 for i in outbox.pending(store, scope) if i.system in systems)
    yield Progress("push", 0, total, (
        tr_app("app.writeback", "1 corrección por enviar") if total == 1
        else tr_app("app.writeback", "{n} correcciones por enviar").format(n=total)))
    done = busy = after = 0
    while True:
        if cancel is not None and cancel.cancelled:
            run.cancelled = True
            break
        taken = outbox.claim(store, held, after=after, systems=systems, scope=scope,
                             actor=login)
        busy += taken.busy
        if taken.item is None:
            break
        item = final = taken.item
        after = item.id
        try:
            final = run.push(item)
        except Moved:
            log.info("outbox row %s was moved by another push", item.id)
            final = outbox.get(store, item.id) or item
        except Cancelled:
            run.cancelled = True
            final = outbox.get(store, item.id) or item
        finally:
            if not final.terminal:  # an ending move already let it go
                outbox.release(store, item.id, held)
        run.results.append(run.result(final))
        if on_item is not None:
            on_item(final)
        done += 1
        yield Progress("push", done, max(total, done), run.results[-1].sentence())
        if run.cancelled:
            break
    if not run.cancelled:  # what no connector here can send: still queued, say so
        for left in outbox.pending(store, scope):
            if left.system not in systems:
                run.results.append(run.result(left))
                if on_item is not None:
                    on_item(left)
    remaining = len(outbox.pending(store, scope))
    return PushSummary(tuple(run.results), queued.refused, run.cancelled, remaining, busy)


def push(store: Store, connectors: Mapping[System, WritableConnector], actor: str,
         **options: Any) -> PushSummary:
    """:func:`push_task` driven to its end on this thread."""
    return run_task(push_task(store, connectors, actor, **options))
