"""The append-only, hash-chained audit trail.

Each row's ``hash`` is SHA-256 over the canonical JSON of all its other columns (``seq`` and
``prev_hash`` included); ``prev_hash`` is the previous row's hash (``GENESIS`` for the first).
``audit_head`` holds the number of rows and the last hash and is updated in the same
transaction as each append, so cutting rows off the end no longer matches it. ``append`` runs
inside the caller's transaction: the state change and its audit row commit together or not at
all. On PostgreSQL the head row is locked (``FOR UPDATE``), so appends from several desks are
serial; on SQLite the write transaction already holds the database's write lock.

``verify`` walks the trail and reports the first row that does not add up: an edited column,
a deleted, inserted or reordered row, a truncated tail, a head that does not match. An
*anchor* (a row number and its hash, noted down or printed by ``cuadre audit verify``) also
catches someone who rewrote the whole chain and its head consistently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.db import Store, StoreError
from app.store.models import AUDIT_FIELDS, AuditHead, AuditRow
from app.store.values import GENESIS, iso_utc, sha256_hex, utc_now

_SORTED_FIELDS = tuple(sorted(AUDIT_FIELDS))
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def row_hash(values: Mapping[str, Any]) -> str:
    """The hash of one row: over every column of ``AUDIT_FIELDS`` (prev_hash included), as
    ``canonical_json`` writes them (the keys are put in sorted order here, which is faster
    than asking the encoder to sort them)."""
    return sha256_hex(_ENCODE({name: values.get(name) for name in _SORTED_FIELDS}))


def append(session: Session, *, actor: str, action: str, system: str | None = None,
           entity: str | None = None, record: str | None = None, field: str | None = None,
           old: str | None = None, new: str | None = None, proposer: str | None = None,
           approver: str | None = None, comment: str | None = None, outcome: str | None = None,
           idempotency_key: str | None = None, correction_id: str | None = None,
           at: datetime | None = None) -> AuditRow:
    """Add one row to the trail inside the caller's transaction (flushed, not committed)."""
    query = select(AuditHead).where(AuditHead.id == 1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    head = session.scalars(query).one_or_none()
    if head is None:
        raise StoreError("Falta la cabeza del registro de auditoría: el almacén está dañado.")
    values: dict[str, Any] = {
        "seq": head.count + 1, "at": iso_utc(at or utc_now()), "actor": actor, "action": action,
        "system": system, "entity": entity, "record": record, "field": field, "old": old,
        "new": new, "proposer": proposer, "approver": approver, "comment": comment,
        "outcome": outcome, "idempotency_key": idempotency_key, "correction_id": correction_id,
        "prev_hash": head.last_hash,
    }
    row = AuditRow(**values, hash=row_hash(values))
    session.add(row)
    head.count = row.seq
    head.last_hash = row.hash
    session.flush()
    return row


@dataclass(frozen=True, slots=True)
class Anchor:
    """A row number and its hash, kept outside the store (printed by ``audit verify``)."""

    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    rows: int  # rows read
    head_count: int | None
    head_hash: str | None
    broken_seq: int | None = None  # the first row that does not add up (None: the head/end)
    reason: str = ""  # a code: hash_mismatch, chain_broken, sequence_gap, head_mismatch…
    message: str = ""  # one Spanish sentence

    def anchor(self) -> Anchor | None:
        if not self.ok or not self.head_count or self.head_hash is None:
            return None
        return Anchor(self.head_count, self.head_hash)


_MESSAGES = {
    "hash_mismatch": "la fila {seq} fue modificada (su contenido no coincide con su huella)",
    "chain_broken": "la cadena se rompe en la fila {seq} (falta, sobra o se reordenó una fila "
                    "antes de ella)",
    "sequence_gap": "falta o sobra una fila antes de la número {seq} (se esperaba la {expected})",
    "head_mismatch": "el registro termina en la fila {count} pero su cabeza dice {head_count}: "
                     "se borraron o añadieron filas al final",
    "head_hash_mismatch": "la última fila ({count}) no coincide con la cabeza del registro",
    "head_missing": "falta la cabeza del registro de auditoría",
    "anchor_mismatch": "la fila {seq} no coincide con el ancla anotada: el registro fue "
                       "reescrito",
    "anchor_missing": "el registro tiene menos filas ({count}) que el ancla anotada ({seq})",
}


def _fail(rows: int, head: tuple[int, str] | None, reason: str, seq: int | None,
          **details: Any) -> VerifyResult:
    text = _MESSAGES[reason].format(seq=seq, count=rows,
                                    head_count=head[0] if head else None, **details)
    return VerifyResult(False, rows, head[0] if head else None, head[1] if head else None, seq,
                        reason, f"Registro de auditoría alterado: {text}.")


def verify_rows(rows: Iterable[Mapping[str, Any]], head: tuple[int, str] | None,
                anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Check rows given in ``seq`` order (dicts of every column, ``hash`` included) against the
    head ``(count, last_hash)`` and any anchors."""
    wanted = {a.seq: a.hash for a in anchors}
    prev = GENESIS
    count = 0
    for row in rows:
        count += 1
        seq = row.get("seq")
        if seq != count:
            return _fail(count - 1, head, "sequence_gap", seq, expected=count)
        if row.get("prev_hash") != prev:
            return _fail(count - 1, head, "chain_broken", seq)
        digest = row_hash(row)
        if row.get("hash") != digest:
            return _fail(count - 1, head, "hash_mismatch", seq)
        if count in wanted and wanted.pop(count) != digest:
            return _fail(count - 1, head, "anchor_mismatch", seq)
        prev = digest
    if head is None:
        return _fail(count, head, "head_missing", None)
    if head[0] != count:
        return _fail(count, head, "head_mismatch", None)
    if head[1] != prev:
        return _fail(count, head, "head_hash_mismatch", None)
    if wanted:
        return _fail(count, head, "anchor_missing", min(wanted))
    return VerifyResult(True, count, head[0], head[1], message=(
        f"Registro de auditoría íntegro: {count} filas; huella final {prev}."))


_COLUMNS = [getattr(AuditRow, name) for name in (*AUDIT_FIELDS, "hash")]


def verify_session(session: Session, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Verify the trail as ``session`` sees it (inside its transaction)."""
    head_row = session.execute(
        select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    head = (head_row[0], head_row[1]) if head_row is not None else None
    names = (*AUDIT_FIELDS, "hash")
    result = session.execute(select(*_COLUMNS).order_by(AuditRow.seq).execution_options(
        yield_per=2000))
    try:  # stream the rows; close the (server-side) cursor even when verification stops early
        return verify_rows((dict(zip(names, r, strict=True)) for r in result), head, anchors)
    finally:
        result.close()


def head(store: Store) -> Anchor:
    """The trail's head as it stands — its number of rows and last hash (``GENESIS`` with 0
    rows) — read, not verified: what a report prints so it can be tied to the trail, and
    what ``verify --anchor N:HUELLA`` later checks."""
    with store.read() as session, session.begin():
        row = session.execute(
            select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    if row is None:
        raise StoreError("Falta la cabeza del registro de auditoría: el almacén está dañado.")
    return Anchor(int(row[0]), str(row[1]))


def verify(store: Store, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Verify the whole trail in one consistent read."""
    with store.read() as session, session.begin():
        return verify_session(session, anchors)
