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

The network side (what to send, reading back, retries) is :mod:`app.writeback.push`.
This module knows only the store. No Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import append as audit
from app.connectors.base import Correction
from app.domain.schema import Entity, System
from app.store.db import Store
from app.store.models import OUTBOX_STATES, OUTBOX_TERMINAL, CorrectionRow, OutboxRow
from app.store.values import audit_value, decode_payload, encode_payload, sha256_hex, utc_now

log = logging.getLogger(__name__)

#: Rows a push still has work on, in the order it does it.
PENDING = ("queued", "attempting", "unknown")

#: The audit action of each move, by the state it goes to.
_ACTIONS = {"queued": "push_retry", "attempting": "push_attempt", "applied": "push_applied",
            "conflict": "push_conflict", "rejected": "push_rejected", "failed": "push_failed",
            "unknown": "push_unknown"}

STATE_NAMES = {"queued": "en cola", "attempting": "en envío", "applied": "aplicada",
               "conflict": "en conflicto", "rejected": "rechazada por el sistema",
               "failed": "fallida", "unknown": "con resultado desconocido"}


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
    state: str
    attempts: int
    reason: str | None
    detail: str | None
    found: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @property
    def terminal(self) -> bool:
        return self.state in OUTBOX_TERMINAL

    def correction(self) -> Correction:
        """The change as a connector applies it: the same key on every attempt."""
        return Correction(self.entity, self.source_id, dict(self.changes), dict(self.expected),
                          self.key)


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(
        row.id, row.correction_id, row.idempotency_key, System(row.target_system),
        Entity(row.entity), row.source_id, row.field, decode_payload(row.changes),
        decode_payload(row.expected), row.state, row.attempts, row.reason, row.detail, row.found,
        row.created_at, row.updated_at, row.finished_at)


def _locked(session: Session, query: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update()
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


def enqueue(store: Store, actor: str, correction_ids: Iterable[str] | None = None) -> Enqueued:
    """Queue approved corrections (all of them, or those of ``correction_ids`` that are
    approved), oldest first, in one transaction: one outbox row each, carrying the key created
    at approval and the precondition; the correction becomes «queued»; one audit row each.

    A correction whose payload no longer matches the hash it was approved with is refused
    (and the refusal audited): it was changed behind the service's back."""
    now = utc_now()
    queued: list[OutboxItem] = []
    refused: list[tuple[str, str]] = []
    wanted = None if correction_ids is None else set(correction_ids)
    with store.write() as session:
        query = (select(CorrectionRow).where(CorrectionRow.state == "approved")
                 .order_by(CorrectionRow.created_at, CorrectionRow.id))
        if wanted is not None:
            query = query.where(CorrectionRow.id.in_(sorted(wanted)))
        for correction in session.scalars(_locked(session, query)).all():
            payload = decode_payload(correction.payload)
            if (correction.approved_hash is None or not correction.idempotency_key
                    or sha256_hex(correction.payload) != correction.approved_hash):
                why = ("El contenido de la corrección no coincide con el que se aprobó: no se "
                       "envía.")
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
                correction_id=correction.id, idempotency_key=correction.idempotency_key,
                target_system=correction.target_system, entity=correction.entity,
                source_id=correction.source_id, field=correction.field,
                changes=encode_payload(payload["changes"]),
                expected=encode_payload(payload["expected"]), state="queued", attempts=0,
                enqueued_by=actor, created_at=now, updated_at=now)
            session.add(row)
            correction.state, correction.updated_at = "queued", now
            session.flush()
            _audit(session, correction, row, actor, "push_enqueue", old=correction.old_value,
                   comment=None, at=now)
            queued.append(_item(row))
    return Enqueued(tuple(queued), tuple(refused))


def transition(store: Store, item: OutboxItem, actor: str, state: str, *,
               reason: str | None = None, detail: str | None = None,
               found: Any = None, has_found: bool = False, attempt: bool = False) -> OutboxItem:
    """Move one row to ``state`` in one transaction with its correction and its audit row.

    Refused with :class:`Moved` when the row is no longer in ``item``'s state and attempt
    count (someone else moved it). ``attempt`` counts a new attempt (the move to attempting);
    ``found`` is what the system holds now (a conflict's other value, when ``has_found``)."""
    if state not in OUTBOX_STATES:
        raise ValueError(state)
    now = utc_now()
    with store.write() as session:
        row = session.scalars(_locked(session, select(OutboxRow).where(
            OutboxRow.id == item.id))).one_or_none()
        if row is None or row.state != item.state or row.attempts != item.attempts:
            raise Moved(f"outbox row {item.id} moved")
        correction = session.scalars(_locked(session, select(CorrectionRow).where(
            CorrectionRow.id == row.correction_id))).one()
        row.state, row.reason, row.detail, row.updated_at = state, reason, detail, now
        if attempt:
            row.attempts += 1
        if has_found:
            row.found = audit_value(found)
        if state in OUTBOX_TERMINAL:
            row.finished_at = now
        correction.state, correction.updated_at = state, now
        session.flush()
        # The old value: what the system held just before the write (the precondition the
        # compare-and-set checked), or on a conflict what it holds instead.
        old = row.found if state == "conflict" and has_found else correction.old_value
        _audit(session, correction, row, actor, _ACTIONS[state], old=old,
               comment=detail or None, at=now)
        return _item(row)


def requeue(store: Store, actor: str, outbox_ids: Iterable[int]) -> list[OutboxItem]:
    """Put failed rows back in the queue (a person decided to try again; audited). The key
    stays the same: it is still the one approved operation."""
    done: list[OutboxItem] = []
    for outbox_id in outbox_ids:
        item = get(store, outbox_id)
        if item is None or item.state != "failed":
            continue
        with store.write() as session:
            row = session.scalars(_locked(session, select(OutboxRow).where(
                OutboxRow.id == outbox_id))).one()
            if row.state != "failed":
                continue
            correction = session.scalars(_locked(session, select(CorrectionRow).where(
                CorrectionRow.id == row.correction_id))).one()
            now = utc_now()
            row.state, row.reason, row.detail = "queued", "requeued", None
            row.updated_at, row.finished_at = now, None
            correction.state, correction.updated_at = "queued", now
            session.flush()
            _audit(session, correction, row, actor, "push_requeue", old=correction.old_value,
                   comment="Vuelve a la cola por decisión de una persona.", at=now)
            done.append(_item(row))
    return done


def get(store: Store, outbox_id: int) -> OutboxItem | None:
    with store.read() as session:
        row = session.get(OutboxRow, outbox_id)
        return None if row is None else _item(row)


def pending(store: Store) -> list[OutboxItem]:
    """Rows a push still has to do (queued, or left attempting/unknown), in queue order."""
    with store.read() as session:
        return [_item(r) for r in session.scalars(
            select(OutboxRow).where(OutboxRow.state.in_(PENDING)).order_by(OutboxRow.id))]


def listing(store: Store, *, state: str | None = None,
            correction_id: str | None = None) -> list[OutboxItem]:
    with store.read() as session:
        query = select(OutboxRow).order_by(OutboxRow.id)
        if state is not None:
            query = query.where(OutboxRow.state == state)
        if correction_id is not None:
            query = query.where(OutboxRow.correction_id == correction_id)
        return [_item(r) for r in session.scalars(query)]


def counts(store: Store) -> Mapping[str, int]:
    """How many rows are in each state."""
    out = dict.fromkeys(OUTBOX_STATES, 0)
    with store.read() as session:
        for state, number in session.execute(
                select(OutboxRow.state, func.count()).group_by(OutboxRow.state)):
            out[state] = int(number)
    return out
