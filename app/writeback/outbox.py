"""The outbox: approved corrections on their way to the CRM or the ERP (DESIGN §6), in the store.

An approved correction gets one outbox row when it is queued (:func:`enqueue`): its idempotency
key (created at approval, the same on every attempt), the precondition (the values read at
approval, the payload's ``expected``), the new values and the target system and record. A row
then moves

    queued → attempting → applied | conflict | rejected | failed
                        ↘ unknown (resolved by reading the record back) ↗
    attempting → queued (a 429/5xx: waiting to try again)

and every move is one local transaction together with the correction's state and its audit row
(:func:`transition`): the ``attempting`` row is committed *before* the network call, so a crash
mid-call leaves a row that says so, and the next push reads the record back before anything is
sent again. A move is refused (:class:`Moved`) when the row is no longer in the state and
attempt count its caller saw: two pushers never record over each other.

Two pushes never work on one row at once: a push takes a row with :func:`claim`, which gives
it a :class:`Lease` on the row (its owner — host, process id and start, a random token — and
an end), renewed by every move and dropped when the row ends or the push lets it go
(:func:`release`). Another push skips a row whose lease is alive, so a row left *attempting*
by a pusher that is still sending is never read back and sent a second time behind its back;
it takes over a row whose lease ran out, or whose owner is a process of this computer that no
longer exists (a crash: resuming is immediate). On PostgreSQL, rows are locked while they are
moved (``FOR UPDATE``) and a push choosing its next row skips the rows another push has
locked (``SKIP LOCKED``), so two people's pushes share one queue without waiting on each other;
on SQLite, write transactions queue on the database's lock.

What a connector is sent is built in one place, :func:`to_correction` (from a row, an approved
correction or a proposal). The network side (sending, reading back, retries) is
:mod:`app.writeback.push`: this module knows only the store. No Qt.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import sys
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.audit.approvals import NOT_SIGNED, approval_on_record, sendable, signed
from app.audit.keys import KeyBook, key_book
from app.connectors.base import Correction
from app.domain.i18n import tr_app, tr_marked
from app.domain.schema import Entity, System
from app.store.chain import append as audit
from app.store.db import Store
from app.store.models import CorrectionRow, OutboxRow
from app.store.values import (
    audit_value,
    decode_payload,
    encode_payload,
    read_audit_value,
    sha256_hex,
    utc_now,
)
from app.writeback.corrections import CorrectionView
from app.writeback.errors import InvalidState
from app.writeback.proposals import Action, NotPushable, Proposal
from app.writeback.states import OUTBOX_PENDING, CorrectionState, OutboxState

log = logging.getLogger(__name__)

#: Rows :func:`claim` looks at per query.
_BATCH = 50

#: The audit action of each move, by the state it goes to.
_ACTIONS = {OutboxState.QUEUED: "push_retry", OutboxState.ATTEMPTING: "push_attempt",
            OutboxState.APPLIED: "push_applied", OutboxState.CONFLICT: "push_conflict",
            OutboxState.REJECTED: "push_rejected", OutboxState.FAILED: "push_failed",
            OutboxState.UNKNOWN: "push_unknown"}


class Moved(Exception):
    """The row is no longer where its caller saw it (another push moved it): nothing written."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One outbox row as read: what to send, to which record, and where it stands."""

    id: int
    correction_id: str
    key: str
    system: System
    entity: Entity
    source_id: str
    field: str
    changes: dict[str, Any]
    expected: dict[str, Any]
    state: OutboxState
    attempts: int
    reason: str | None
    detail: str | None
    found: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    kind: str = "field"
    lease_owner: str | None = None
    lease_until: datetime | None = None

    @property
    def terminal(self) -> bool:
        return self.state.terminal

    @property
    def found_value(self) -> Any:
        """What a conflict found in the system, as a value (None when nothing was found)."""
        return None if self.found is None else read_audit_value(self.found)


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(
        row.id, row.correction_id, row.idempotency_key, System(row.target_system),
        Entity(row.entity), row.source_id, row.field, decode_payload(row.changes),
        decode_payload(row.expected), OutboxState(row.state), row.attempts, row.reason, row.detail, row.found,
        row.created_at, row.updated_at, row.finished_at, row.kind, row.lease_owner,
        row.lease_until)


# --- leases --------------------------------------------------------------------------------


def _process_start(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, Linux), or "" when unknown: with
    the pid, it tells a process from a later one that got the same pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


_HOST = socket.gethostname()[:100].replace("/", "_") or "local"


def _exists(pid: int) -> bool:
    """Whether a process ``pid`` exists on this computer (True when it cannot be told)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


@dataclass(frozen=True, slots=True)
class Lease:
    """A push's hold on the rows it works on: ``owner`` names it ("host/pid/start/token"),
    ``seconds`` is how long one step of one item may take (each move renews it)."""

    owner: str
    seconds: float

    @classmethod
    def mine(cls, seconds: float) -> Lease:
        """A new lease for a push of this process."""
        return cls.of_process(os.getpid(), seconds)

    @classmethod
    def of_process(cls, pid: int, seconds: float) -> Lease:
        """A new lease for a push of process ``pid`` of this computer."""
        return cls(f"{_HOST}/{pid}/{_process_start(pid)}/{secrets.token_hex(8)}", seconds)


def lease_alive(owner: str | None, until: datetime | None, now: datetime | None = None) -> bool:
    """Whether a row's lease still keeps other pushes away: it has not run out, and its owner
    is not a process of this computer that is gone (killed, crashed: its pid no longer exists,
    or now belongs to a process that started later)."""
    if owner is None or until is None or until <= (now or utc_now()):
        return False
    parts = owner.split("/")
    if len(parts) != 4 or parts[0] != _HOST or not parts[1].isdigit():
        return True  # another computer's push: only the clock tells
    pid = int(parts[1])
    if pid == os.getpid():
        return True  # a push of this very process (another thread): alive
    if not _exists(pid):
        return False
    return not parts[2] or _process_start(pid) in ("", parts[2])


@dataclass(frozen=True, slots=True)
class Claim:
    """What :func:`claim` found: the row now held (None: nothing left to take after ``after``),
    and how many rows it passed because another push holds them."""

    item: OutboxItem | None
    busy: int = 0


@dataclass(frozen=True, slots=True)
class Scope:
    """Which corrections a push works on: those of one ``workspace`` (a profile's, or the
    demo's: never another profile's corrections sent to this profile's systems; corrections
    made outside any workspace go with every one) and, when ``only`` is given, just those
    correction ids. The default scope is everything."""

    workspace: str | None = None
    only: frozenset[str] | None = None

    def corrections(self, query: Any) -> Any:
        """``query`` over CorrectionRow narrowed to this scope."""
        if self.workspace is not None:
            query = query.where(or_(CorrectionRow.workspace == self.workspace,
                                    CorrectionRow.workspace.is_(None)))
        if self.only is not None:
            query = query.where(CorrectionRow.id.in_(sorted(self.only)))
        return query

    def rows(self, query: Any) -> Any:
        """``query`` over OutboxRow narrowed to the rows of this scope's corrections."""
        if self.workspace is None and self.only is None:
            return query
        return query.where(OutboxRow.correction_id.in_(self.corrections(select(CorrectionRow.id))))


EVERYTHING = Scope()


def claim(store: Store, lease: Lease, *, after: int = 0,
          systems: Collection[System] | None = None, scope: Scope = EVERYTHING,
          actor: str | None = None) -> Claim:
    """Take the next pending row after id ``after`` (of ``systems``, when given) that no other
    live push holds, and hold it: the row gets ``lease``. One short transaction; on PostgreSQL
    the rows another transaction has locked are skipped, not waited for. A row that does not
    send exactly what a signed approval covers (:func:`app.audit.approvals.sendable`) is never
    sent: it fails, and ``actor``'s refusal is audited."""
    now = utc_now()
    busy = 0
    postgres = store.dialect == "postgresql"
    with store.write() as session:
        book = key_book(session)
        cursor = after
        while True:
            query = (select(OutboxRow).where(OutboxRow.state.in_(OUTBOX_PENDING),
                                                OutboxRow.id > cursor)
                     .order_by(OutboxRow.id).limit(_BATCH))
            if systems is not None:
                query = query.where(OutboxRow.target_system.in_(sorted(s.value for s in systems)))
            query = scope.rows(query)
            if postgres:
                query = query.with_for_update(skip_locked=True)
            rows = session.scalars(query).all()
            if not rows:
                return Claim(None, busy)
            for row in rows:
                if row.lease_owner not in (None, lease.owner) and lease_alive(
                        row.lease_owner, row.lease_until, now):
                    busy += 1
                    continue
                why = sendable(session, row, book)
                if why is not None:
                    _refuse(session, row, actor or row.enqueued_by, tr_marked("app.audit", why),
                            now)
                    continue
                if row.lease_owner not in (None, lease.owner):
                    log.info("outbox row %s: taking over from a push that is gone", row.id)
                row.lease_owner, row.lease_until = lease.owner, now + timedelta(
                    seconds=lease.seconds)
                session.flush()
                return Claim(_item(row), busy)
            cursor = rows[-1].id


def _refuse(session: Session, row: OutboxRow, actor: str, why: str, now: datetime) -> None:
    """A row a push will not send: «fallida» with the reason, and the refusal on record."""
    row.state, row.reason, row.detail = OutboxState.FAILED, "approval_invalid", why
    row.updated_at = row.finished_at = now
    row.lease_owner = row.lease_until = None
    session.flush()
    audit(session, actor=actor, action="push_refused", system=row.target_system,
          entity=row.entity, record=row.source_id, field=row.field, comment=why,
          outcome=row.state, idempotency_key=row.idempotency_key,
          correction_id=row.correction_id, at=now)


def release(store: Store, outbox_id: int, lease: Lease) -> None:
    """Let a row go (it stays where it is, for the next push), if ``lease`` still holds it."""
    with store.write() as session:
        session.execute(update(OutboxRow)
                        .where(OutboxRow.id == outbox_id, OutboxRow.lease_owner == lease.owner)
                        .values(lease_owner=None, lease_until=None))


def _locked(session: Session, query: Any, *, skip: bool = False) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=skip)
    return query


def _audit(session: Session, correction: CorrectionRow, row: OutboxRow, actor: str, action: str,
           *, old: str | None, comment: str | None, at: datetime) -> None:
    audit(session, actor=actor, action=action, system=row.target_system, entity=row.entity,
          record=row.source_id, field=row.field, old=old, new=correction.new_value,
          proposer=correction.proposer, approver=correction.approver, comment=comment,
          outcome=row.state, idempotency_key=row.idempotency_key, correction_id=correction.id,
          at=at)


@dataclass(frozen=True, slots=True)
class Enqueued:
    """What :func:`enqueue` did: the rows it queued, and the corrections it refused (id, why)."""

    items: tuple[OutboxItem, ...]
    refused: tuple[tuple[str, str], ...]


def enqueue(store: Store, actor: str, correction_ids: Iterable[str] | None = None, *,
            scope: Scope = EVERYTHING) -> Enqueued:
    """Queue approved corrections (all of them, or those of ``correction_ids`` that are
    approved), oldest first, in one transaction: one outbox row each, carrying the key created
    at approval and the precondition; the correction becomes «queued»; one audit row each.

    A correction whose payload no longer matches the hash it was approved with is refused
    (and the refusal audited): it was changed behind the service's back. On PostgreSQL the
    corrections another push is queueing right now are skipped (that push queues them)."""
    now = utc_now()
    queued: list[OutboxItem] = []
    refused: list[tuple[str, str]] = []
    wanted = None if correction_ids is None else set(correction_ids)
    book: KeyBook | None = None
    with store.write() as session:
        query = (select(CorrectionRow).where(CorrectionRow.state == CorrectionState.APPROVED)
                 .order_by(CorrectionRow.created_at, CorrectionRow.id))
        if wanted is not None:
            query = query.where(CorrectionRow.id.in_(sorted(wanted)))
        query = scope.corrections(query)
        for correction in session.scalars(_locked(session, query, skip=True)).all():
            payload = decode_payload(correction.payload)
            why = None
            if (correction.approved_hash is None or not correction.idempotency_key
                    or sha256_hex(correction.payload) != correction.approved_hash):
                why = ("El contenido de la corrección no coincide con el que se aprobó: no se "
                       "envía.")
            elif not approval_on_record(session, correction):
                why = ("La aprobación de la corrección no está en el registro de auditoría "
                       "(se aprobó por fuera de Cuadre): no se envía.")
            elif not signed(session, correction, book := book or key_book(session)):
                why = tr_marked("app.audit", NOT_SIGNED)
            if why is not None:
                refused.append((correction.id, why))
                audit(session, actor=actor, action="push_refused",
                      system=correction.target_system, entity=correction.entity,
                      record=correction.source_id, field=correction.field,
                      old=correction.old_value, new=correction.new_value,
                      proposer=correction.proposer, approver=correction.approver, comment=why,
                      outcome=correction.state, idempotency_key=correction.idempotency_key,
                      correction_id=correction.id, at=now)
                continue
            row = OutboxRow(
                correction_id=correction.id, kind=correction.kind,
                idempotency_key=correction.idempotency_key,
                target_system=correction.target_system, entity=correction.entity,
                source_id=correction.source_id, field=correction.field,
                # A merge travels whole (``app.writeback.merging`` reads it back from here).
                changes=encode_payload(payload if correction.kind == "merge"
                                       else payload["changes"]),
                expected=encode_payload(payload["expected"]), state=OutboxState.QUEUED, attempts=0,
                enqueued_by=actor, created_at=now, updated_at=now)
            session.add(row)
            correction.state, correction.updated_at = CorrectionState.QUEUED, now
            session.flush()
            _audit(session, correction, row, actor, "push_enqueue", old=correction.old_value,
                   comment=None, at=now)
            queued.append(_item(row))
    return Enqueued(tuple(queued), tuple(refused))


def transition(store: Store, item: OutboxItem, actor: str, state: OutboxState | str, *,
               reason: str | None = None, detail: str | None = None,
               found: Any = None, has_found: bool = False, attempt: bool = False,
               lease: Lease | None = None, hold: float = 0.0) -> OutboxItem:
    """Move one row to ``state`` in one transaction with its correction and its audit row.

    Refused with :class:`Moved` when the row is no longer in ``item``'s state and attempt
    count (someone else moved it), or when ``lease`` is given and no longer holds the row
    (another push took it over). ``attempt`` counts a new attempt (the move to attempting);
    ``found`` is what the system holds now (a conflict's other value, when ``has_found``).
    The move renews ``lease`` (``hold`` seconds more: a wait before the next try); a row that
    ends is let go."""
    state = OutboxState(state)  # an unknown state is a ValueError
    now = utc_now()
    with store.write() as session:
        row = session.scalars(_locked(session, select(OutboxRow).where(
            OutboxRow.id == item.id))).one_or_none()
        if row is None or row.state != item.state or row.attempts != item.attempts:
            raise Moved(f"outbox row {item.id} moved")
        if lease is not None and row.lease_owner != lease.owner:
            raise Moved(f"outbox row {item.id} is held by another push")
        correction = session.scalars(_locked(session, select(CorrectionRow).where(
            CorrectionRow.id == row.correction_id))).one()
        if correction.idempotency_key != row.idempotency_key:
            raise Moved(f"outbox row {item.id}: its correction was decided again")
        row.state, row.reason, row.detail, row.updated_at = state, reason, detail, now
        if attempt:
            row.attempts += 1
        if has_found:
            row.found = audit_value(found)
        if state.terminal:
            row.finished_at = now
            row.lease_owner, row.lease_until = None, None
        elif lease is not None:
            row.lease_until = now + timedelta(seconds=lease.seconds + hold)
        correction.state, correction.updated_at = state, now
        session.flush()
        # The old value: what the system held just before the write (the precondition the
        # compare-and-set checked), or on a conflict what it holds instead.
        old = row.found if state == OutboxState.CONFLICT and has_found else correction.old_value
        _audit(session, correction, row, actor, _ACTIONS[state], old=old,
               comment=detail or None, at=now)
        return _item(row)


#: A merge a read-back found not applied: it stays unknown until a person sends it again
#: (merges are never resent automatically: ``app.writeback.merging``).
MERGE_NOT_APPLIED = "merge_not_applied"


def requeueable(state: str, kind: str = "field", reason: str | None = None) -> bool:
    """Whether a person may put a row in this state back in the queue: a failed one, or a
    merge whose read-back found it not applied."""
    return state == OutboxState.FAILED or (kind == "merge" and state == OutboxState.UNKNOWN
                                 and reason == MERGE_NOT_APPLIED)


def requeue(store: Store, actor: str, outbox_ids: Iterable[int]) -> list[OutboxItem]:
    """Put failed rows (and merges found not applied: :func:`requeueable`) back in the queue
    (a person decided to try again; audited). The key
    stays the same: it is still the one approved operation. A row whose correction was decided
    again or rejected since it failed stays as it is."""
    done: list[OutboxItem] = []
    for outbox_id in outbox_ids:
        item = get(store, outbox_id)
        if item is None or not requeueable(item.state, item.kind, item.reason):
            continue
        with store.write() as session:
            row = session.scalars(_locked(session, select(OutboxRow).where(
                OutboxRow.id == outbox_id))).one()
            if not requeueable(row.state, row.kind, row.reason):
                continue
            correction = session.scalars(_locked(session, select(CorrectionRow).where(
                CorrectionRow.id == row.correction_id))).one()
            if correction.state != row.state or correction.idempotency_key != row.idempotency_key:
                continue  # decided again (another approval, another row) or rejected since
            now = utc_now()
            row.state, row.reason, row.detail = OutboxState.QUEUED, "requeued", None
            row.updated_at, row.finished_at = now, None
            correction.state, correction.updated_at = CorrectionState.QUEUED, now
            session.flush()
            _audit(session, correction, row, actor, "push_requeue", old=correction.old_value,
                   comment="Vuelve a la cola por decisión de una persona.", at=now)
            done.append(_item(row))
    return done


def latest(store: Store, correction_id: str) -> OutboxItem | None:
    """The correction's newest outbox row (one per approval), or None."""
    with store.read() as session:
        row = session.scalars(select(OutboxRow).where(OutboxRow.correction_id == correction_id)
                              .order_by(OutboxRow.id.desc()).limit(1)).one_or_none()
        return None if row is None else _item(row)


def get(store: Store, outbox_id: int) -> OutboxItem | None:
    with store.read() as session:
        row = session.get(OutboxRow, outbox_id)
        return None if row is None else _item(row)


def pending(store: Store, scope: Scope = EVERYTHING) -> list[OutboxItem]:
    """Rows a push still has to do (queued, or left attempting/unknown), in queue order."""
    with store.read() as session:
        return [_item(r) for r in session.scalars(scope.rows(
            select(OutboxRow).where(OutboxRow.state.in_(OUTBOX_PENDING))
            .order_by(OutboxRow.id)))]


def listing(store: Store, *, state: OutboxState | str | None = None,
            correction_id: str | None = None) -> list[OutboxItem]:
    with store.read() as session:
        query = select(OutboxRow).order_by(OutboxRow.id)
        if state is not None:
            query = query.where(OutboxRow.state == state)
        if correction_id is not None:
            query = query.where(OutboxRow.correction_id == correction_id)
        return [_item(r) for r in session.scalars(query)]


def counts(store: Store, scope: Scope = EVERYTHING) -> Mapping[str, int]:
    """How many rows (of ``scope``) are in each state."""
    out: dict[str, int] = dict.fromkeys(OutboxState, 0)
    with store.read() as session:
        for state, number in session.execute(scope.rows(
                select(OutboxRow.state, func.count()).group_by(OutboxRow.state))):
            out[state] = int(number)
    return out


# --- what a connector is sent --------------------------------------------------------------


def to_correction(source: OutboxItem | CorrectionView | Proposal,
                  key: str | None = None) -> Correction:
    """The one way a change becomes what a connector applies: a compare-and-set of its
    ``changes`` on the values ``expected`` (read at approval), carrying its idempotency key.

    From an outbox row (what the push sends, the same key on every attempt); from a stored
    correction, only when it is approved with the payload it still holds (else
    :class:`~app.writeback.errors.InvalidState`; a merge is sent whole, never field by field);
    from a proposal, with the ``key`` given, only when it can be sent
    (:class:`~app.writeback.proposals.NotPushable`)."""
    if isinstance(source, OutboxItem):
        return Correction(source.entity, source.source_id, dict(source.changes),
                          dict(source.expected), source.key)
    if isinstance(source, CorrectionView):
        if source.kind == "merge":  # app.writeback.merging sends it whole
            raise InvalidState(tr_app("app.writeback", "Una fusión no se envía campo por campo."))
        if source.approved_hash is None or source.approved_hash != source.payload_hash \
                or not source.idempotency_key or source.kind != "field":
            raise InvalidState(tr_app("app.writeback", "La corrección no está aprobada con su "
                                      "contenido actual."))
        return Correction(source.entity, source.source_id, dict(source.payload["changes"]),
                          dict(source.payload["expected"]), source.idempotency_key)
    if not source.pushable or source.source_id is None:
        raise NotPushable(
            tr_app("app.writeback", "Esta propuesta está bloqueada: no se envía a ningún "
                   "sistema.") if source.blocked
            else tr_app("app.writeback", "Esta propuesta es una nota crédito/débito para "
                        "contabilidad: no se envía a ningún sistema.")
            if source.action is Action.CREDIT_NOTE
            else tr_app("app.writeback", "Esta propuesta no es una corrección de campo: no se "
                        "envía a ningún sistema."))
    if key is None:
        raise ValueError("a proposal is sent with the key its approval created")
    return Correction(source.entity, source.source_id,
                      {c.field: c.proposed for c in source.changes},
                      {c.field: c.current for c in source.changes}, key)
