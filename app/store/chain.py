"""Writing the audit trail: one hash-chained, signed row, appended inside the caller's
transaction.

Signatures (issue 17): once a workspace has a registered key, every row is signed with its
actor's Ed25519 private key, read from the OS keyring of the computer it is written on
(:mod:`app.security.signing`); the signature covers the row's hash, hence every column and the
row before it. An actor whose key is not on this computer cannot write a row at all
(:class:`SigningError`): that is what stops someone acting with another person's name. Only
the program's own rows (:data:`SYSTEM_ACTOR`, a schema migration) go unsigned.

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
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app
from app.security import signing
from app.store.errors import StoreError
from app.store.models import AUDIT_FIELDS, AuditHead, AuditRow, PersonKey, StoreMeta
from app.store.values import iso_utc, sha256_hex, utc_now

#: Who the audit trail names for what the program itself does to the store (a schema
#: migration): the only actor whose rows carry no signature once the workspace has keys.
SYSTEM_ACTOR = "cuadre"
#: ``store_meta``'s key for the workspace's random id (names its people's keys in the keyring).
WORKSPACE_ID = "workspace_id"


class SigningError(StoreError):
    """The actor cannot sign here: their private key is not in this computer's keyring (or
    they have none in a workspace that signs); the message is one Spanish sentence."""


def workspace_id(session: Session) -> str:
    meta = session.get(StoreMeta, WORKSPACE_ID)
    if meta is None:
        raise StoreError(tr_app("app.store", "Falta el identificador del espacio de trabajo: el "
                                             "almacén está dañado."))
    return meta.value


def current_key(session: Session, login: str) -> PersonKey | None:
    """``login``'s current public key (None when they have none)."""
    return session.scalar(select(PersonKey).where(PersonKey.login == login,
                                                  PersonKey.until_seq.is_(None)).limit(1))


def signs(session: Session) -> bool:
    """Whether the workspace signs its trail: once one key is registered, every row is signed."""
    return session.scalar(select(PersonKey.key_id).limit(1)) is not None


_KNOWN = "cuadre_signers"  # session.info: login → private key (or None), for one transaction


def forget_signers(session: Session) -> None:
    """Drop what :func:`private_key` remembered in this session (after a key changes)."""
    session.info.pop(_KNOWN, None)


def private_key(session: Session, login: str) -> Ed25519PrivateKey | None:
    """``login``'s private key from this computer's keyring, to sign with. None in a workspace
    without keys (nothing is signed there); :class:`SigningError` when ``login`` has a key that
    is not here, or has none in a workspace that signs. Remembered for the session's
    transaction (a push appends several rows per correction)."""
    if login == SYSTEM_ACTOR:  # also before the keys' table exists (an older store upgraded)
        return None
    known: dict[str, Ed25519PrivateKey | None] = session.info.setdefault(_KNOWN, {})
    if login not in known:
        known[login] = _private_key(session, login)
    return known[login]


def _private_key(session: Session, login: str) -> Ed25519PrivateKey | None:
    key = current_key(session, login)
    if key is None:
        if not signs(session):
            return None
        raise SigningError(tr_app(
            "app.store", "«{login}» no tiene clave de firma y este espacio de trabajo firma "
                         "cada acción: pídala con «cuadre people key request --as {login}» y que "
                         "un administrador la apruebe.").format(login=login))
    found = signing.load_private(workspace_id(session), login, key.key_id)
    if found is None:
        raise SigningError(tr_app(
            "app.store", "La clave de firma de «{login}» no está en el almacén de credenciales "
                         "de este equipo: solo esa persona, en su propio equipo, actúa con su "
                         "nombre. Si perdió la clave, pida una nueva con «cuadre people key "
                         "request --as {login}» y que un administrador la apruebe.").format(
            login=login))
    return found

_SORTED_FIELDS = tuple(sorted(AUDIT_FIELDS))
_INSERT = insert(cast(Table, AuditRow.__table__))
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
           at: datetime | None = None, signer: Ed25519PrivateKey | None = None) -> AuditRow:
    """Add one row to the trail inside the caller's transaction (flushed, not committed),
    signed with the actor's private key (``signer`` when given: a key not registered yet,
    which signs its own request). :class:`SigningError` when the actor cannot sign here."""
    key = signer if signer is not None else private_key(session, actor)
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
    digest = row_hash(values)
    values["hash"] = digest
    if key is not None:  # left out otherwise: an older store's upgrade has no such column yet
        values["signature"] = signing.sign(key, signing.row_message(digest))
    session.execute(_INSERT, values)
    row = AuditRow(**values)  # what was written (not tracked: the row is never changed)
    head.count = row.seq
    head.last_hash = row.hash
    session.flush()
    return row
