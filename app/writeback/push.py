"""Pushing the outbox: each approved correction applied once in its system (DESIGN §6).

:func:`push_task` queues every approved correction (:func:`app.writeback.outbox.enqueue`), then
works through the outbox serially, in queue order, one :class:`~app.progress.Progress` per item,
honouring the cancel token between items (and during a wait). For one item:

1. The row is committed as *attempting* (a local transaction with its audit row) **before** the
   network call.
2. ``connector.apply`` is called with the correction carrying the idempotency key created at
   approval — the same key on every attempt — and the precondition read at approval (the
   connector does a compare-and-set: ETag/If-Match on REST).
3. The outcome is recorded: *applied*; *conflict* with both values (the one found in the system
   and the one wanted; the correction goes back to the review queue for a decision);
   *rejected* / *failed* with the reason. A 429 or 503 waits what the server asked
   (``Retry-After``, when the connector reports it) and other 5xx, resets and refused
   connections a capped, jittered backoff, then try again, up to the policy's attempts; then
   *failed* with the reason.
4. *unknown* (a timeout, a reset, a dropped answer: the write may have happened) is committed,
   then resolved by reading the record back: it already holds the new values → *applied*; it
   still holds the values read at approval → sent again with the same key; anything else →
   *conflict*. If the record cannot be read, the row stays *unknown* for the next push.

Resuming after a crash needs nobody to approve anything again: a row left *attempting* (the
process died during the call) or *unknown* is read back first, exactly as in 4 — never sent
blindly. ``hook(step, item_id)`` is called after every commit and right after every call to the
system returns (the crash tests kill the process there).
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.connectors.base import Outcome, OutcomeStatus, SourceError, WritableConnector
from app.connectors.http import RetryPolicy
from app.corrections import NotAllowed, normalize_login, roles_of
from app.domain.schema import System
from app.progress import Cancelled, CancelToken, Progress, Task
from app.store.db import Store
from app.store.values import read_audit_value
from app.writeback import outbox
from app.writeback.outbox import STATE_NAMES, Moved, OutboxItem
from app.writeback.values import same

log = logging.getLogger(__name__)

Hook = Callable[[str, int], None]

#: Outcomes reason codes of a FAILED that trying again cannot fix.
_PERMANENT = frozenset({"auth", "not_sent"})
_HONOURS_RETRY_AFTER = frozenset({429, 503})
_HTTP_STATUS = re.compile(r"\bHTTP (\d{3})\b")
_PUSHERS = frozenset({"approver", "admin"})


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
    state: str
    reason: str | None
    detail: str | None
    found: str | None
    attempts: int

    def sentence(self) -> str:
        text = f"{self.system.value.upper()} {self.entity} {self.source_id} ({self.field}): " \
               f"{STATE_NAMES.get(self.state, self.state)}"
        if self.state == "conflict" and self.found is not None:
            text += f"; el sistema tiene {read_audit_value(self.found)!s}"
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

    def count(self, state: str) -> int:
        return sum(1 for i in self.items if i.state == state)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item.state] = out.get(item.state, 0) + 1
        return out

    def sentence(self) -> str:
        parts = [f"{n} {STATE_NAMES.get(s, s)}" for s, n in sorted(self.counts.items())]
        text = "Envío: " + (", ".join(parts) if parts else "nada pendiente")
        if self.refused:
            text += f"; {len(self.refused)} no se enviaron (contenido alterado)"
        if self.cancelled:
            text += f". Cancelado: quedan {self.remaining} por enviar"
        return text + "."


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
    cancelled: bool = False
    results: list[ItemResult] = field(default_factory=list)

    # --- plumbing -----------------------------------------------------------------------------

    def step(self, name: str, item: OutboxItem) -> None:
        if self.hook is not None:
            self.hook(name, item.id)

    def move(self, item: OutboxItem, state: str, **kwargs: Any) -> OutboxItem:
        moved = outbox.transition(self.store, item, self.actor, state, **kwargs)
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
        sends = 0
        read_first = item.state in ("attempting", "unknown")
        while True:
            if read_first:
                read_first = False
                verdict, item = self.read_back(connector, item)
                if verdict != "resend":
                    return item
                if sends >= self.policy.attempts:
                    return self.move(item, "unknown", reason="attempts_exhausted", detail=(
                        "El sistema no confirmó el cambio tras varios intentos; se leerá de "
                        "nuevo en el próximo envío."))
                note = ("Leído de nuevo: aún tiene el valor aprobado como anterior; se reenvía "
                        "con la misma clave.")
            else:
                note = None
            item = self.move(item, "attempting", attempt=True, reason=None, detail=note)
            sends += 1
            outcome = connector.apply(item.correction())
            self.step("returned:apply", item)
            status = outcome.status
            if status is OutcomeStatus.APPLIED:
                return self.move(item, "applied", reason=outcome.reason or None,
                                 detail=outcome.detail or None)
            if status is OutcomeStatus.CONFLICT:
                return self.conflict(connector, item, outcome)
            if status is OutcomeStatus.REJECTED:
                return self.move(item, "rejected", reason=outcome.reason or None,
                                 detail=outcome.detail or None)
            if status is OutcomeStatus.UNKNOWN:
                item = self.move(item, "unknown", reason=outcome.reason or None,
                                 detail=outcome.detail or None)
                read_first = True
                continue
            # FAILED: it did not happen. Try again when that can help.
            delay = self.retry_delay(outcome, sends)
            if delay is None:
                return self.move(item, "failed", reason=outcome.reason or None,
                                 detail=outcome.detail or None)
            if delay > self.policy.max_retry_after:
                return self.move(item, "failed", reason="retry_after_too_long", detail=(
                    f"El sistema pide esperar {int(delay)} s antes de otro intento: "
                    "vuelva a enviarla más tarde."))
            item = self.move(item, "queued", reason=outcome.reason or None, detail=(
                f"{outcome.detail} Nuevo intento en {delay:.1f} s.".strip()))
            if not self.wait(delay):
                self.cancelled = True
                return item

    def retry_delay(self, outcome: Outcome, sends: int) -> float | None:
        """Seconds to wait before trying a FAILED item again, or None: give up."""
        if outcome.reason in _PERMANENT or sends >= self.policy.attempts:
            return None
        status = _http_status(outcome)
        asked = getattr(outcome, "retry_after", None)
        if status in _HONOURS_RETRY_AFTER and isinstance(asked, int | float) and asked >= 0:
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
        return self.move(item, "conflict", reason=outcome.reason or None,
                         detail=outcome.detail or None, found=found,
                         has_found=record is not None)

    def read_back(self, connector: WritableConnector,
                  item: OutboxItem) -> tuple[str, OutboxItem]:
        """Resolve an attempting/unknown row by reading the record: ("applied" | "conflict" |
        "unknown", the row as recorded) or ("resend", the row) when it still holds the
        values read at approval."""
        try:
            record = connector.read(item.entity, item.source_id)
        except SourceError as exc:
            self.step("returned:read", item)
            return "unknown", self.move(item, "unknown", reason="read_back_failed", detail=(
                f"No se pudo leer el registro para saber si el cambio se aplicó: {exc} "
                "Se leerá de nuevo en el próximo envío."))
        self.step("returned:read", item)
        verdict = resolve(record, item.changes, item.expected)
        if verdict == "applied":
            return verdict, self.move(item, "applied", reason="read_back", detail=(
                "Leído de nuevo: el sistema ya tiene el valor nuevo."))
        if verdict == "conflict":
            found = record.get(item.field) if record is not None else None
            return verdict, self.move(
                item, "conflict", reason="read_back_differs" if record else "not_found",
                detail=("Leído de nuevo: el registro tiene otro valor; decida de nuevo."
                        if record else "El registro ya no existe en el sistema."),
                found=found, has_found=record is not None)
        return verdict, item

    def result(self, item: OutboxItem) -> ItemResult:
        return ItemResult(item.id, item.correction_id, item.system, item.entity.value,
                          item.source_id, item.field, item.state, item.reason, item.detail,
                          item.found, item.attempts)


def resolve(record: Mapping[str, Any] | None, changes: Mapping[str, Any],
            expected: Mapping[str, Any]) -> str:
    """What a record read back says about a write whose answer was lost: "applied" (it holds
    the new values), "resend" (it still holds the values read at approval) or "conflict"."""
    if record is None:
        return "conflict"
    if all(equal(record.get(k), v) for k, v in changes.items()):
        return "applied"
    if all(equal(record.get(k), v) for k, v in expected.items()):
        return "resend"
    return "conflict"


def equal(current: Any, wanted: Any) -> bool:
    """Canonical values equal as the reconciliation sees them (None and "" alike, 5 = 5.00)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if current == wanted or same(current, wanted):
        return True
    if isinstance(current, Decimal | int | str) and isinstance(wanted, Decimal | int | str) \
            and not isinstance(current, bool) and not isinstance(wanted, bool):
        try:
            return Decimal(str(current)) == Decimal(str(wanted))
        except (ArithmeticError, InvalidOperation):
            return False
    return False


def _http_status(outcome: Outcome) -> int | None:
    status = getattr(outcome, "http_status", None)
    if isinstance(status, int):
        return status
    for text in (outcome.reason, outcome.detail):
        if text and text.startswith("http_") and text[5:].isdigit():
            return int(text[5:])
        found = _HTTP_STATUS.search(text or "")
        if found:
            return int(found.group(1))
    return None


def push_task(store: Store, connectors: Mapping[System, WritableConnector], actor: str,
              cancel: CancelToken | None = None, policy: RetryPolicy | None = None, *,
              sleep: Callable[[float], None] = time.sleep, hook: Hook | None = None,
              rng: random.Random | None = None) -> Task[PushSummary]:
    """Queue the approved corrections and push the outbox, one Progress per item.

    Only approvers and admins push. A cancel is honoured between items (and during a wait
    before a retry): what was done stays done, the rest stays queued, and the summary says
    ``cancelled``. Items of a system with no connector here stay queued."""
    login = normalize_login(actor)
    if not roles_of(store, login) & _PUSHERS:
        raise NotAllowed(f"«{login}» no tiene el rol para enviar correcciones a los sistemas: "
                         "solo aprobadores o administradores.")
    run = _Run(store, dict(connectors), login, cancel, policy or RetryPolicy(), sleep, hook,
               rng or random.Random())
    queued = outbox.enqueue(store, login)
    if queued.items and hook is not None:
        hook("committed:enqueue", queued.items[0].id)
    work = outbox.pending(store)
    total = len(work)
    yield Progress("push", 0, total, f"{total} correcciones por enviar")
    done = 0
    for item in work:
        if cancel is not None and cancel.cancelled:
            run.cancelled = True
            break
        try:
            final = run.push(item)
        except Moved:
            log.info("outbox row %s was moved by another push", item.id)
            final = outbox.get(store, item.id) or item
        except Cancelled:
            run.cancelled = True
            final = outbox.get(store, item.id) or item
        run.results.append(run.result(final))
        done += 1
        yield Progress("push", done, total, run.results[-1].sentence())
        if run.cancelled:
            break
    remaining = len(outbox.pending(store))
    return PushSummary(tuple(run.results), queued.refused, run.cancelled, remaining)


def push(store: Store, connectors: Mapping[System, WritableConnector], actor: str,
         **options: Any) -> PushSummary:
    """:func:`push_task` driven to its end on this thread."""
    from app.progress import run

    return run(push_task(store, connectors, actor, **options))
