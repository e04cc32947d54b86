"""Writing the audit trail: one hash-chained row, appended inside the caller's transaction.

Each row's ``hash`` is SHA-256 over the canonical JSON of all its other columns (``seq`` and
``prev_hash`` included); ``prev_hash`` is the previous row's hash (``GENESIS`` for the first).
``audit_head`` holds the number of rows and the last hash and is updated in the same
transaction as each append, so cutting rows off the end no longer matches it. ``append`` runs
inside the caller's transaction: the state change and its audit row commit together or not at
all. On PostgreSQL the head row is locked (``FOR UPDATE``), so appends from several desks are
serial; on SQLite the write transaction already holds the database's write lock.

The write lives here, with the models it writes, because the store itself appends (a schema
migration's ``store_migrated`` row); reading the trail back, verifying, querying and exporting
it are :mod:`app.audit`'s.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app
from app.store.errors import StoreError
from app.store.models import AUDIT_FIELDS, AuditHead, AuditRow
from app.store.values import iso_utc, sha256_hex, utc_now

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
        raise StoreError(tr_app("app.store", "Falta la cabeza del registro de auditoría: el almacén está "
                                             "dañado."))
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
