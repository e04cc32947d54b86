"""Who could sign what: the people's keys as the audit trail itself registered them.

The trail is replayed in order (:class:`KeyBook`). Rows that change the keys:

- ``person_added`` (record: the login; new: the roles) — who is an administrator;
- ``key_registered`` (record: the login; new: the public key): a person's first key, written by
  an administrator and signed with the administrator's key — or, while the workspace has no
  key at all, by the first administrator for themselves, signed with the key it registers;
- ``key_requested`` (actor = record: the person; new: the public key): a new key made on the
  person's own computer, signed with that new key (whoever asks holds it);
- ``key_replaced`` (record: the login; old: the key id replaced; new: the public key
  requested): another administrator approves the request; the old key signs up to the row
  before, the new one from the row after. Every key stays in the book with its stretch, so old
  signatures stay checkable.

Once the first key is registered every row must be signed by its actor's key of that moment —
only the program's own schema upgrades (``cuadre``, ``store_migrated``) go unsigned. Before it
(a workspace made on a computer with no secure keyring, or rows older than signatures) rows are
unsigned and only the chain and anchors protect them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.security import signing
from app.store.chain import SYSTEM_ACTOR, row_hash
from app.store.models import AUDIT_FIELDS, AuditRow, PersonKey, PersonRole

KEY_ACTIONS = ("person_added", "key_registered", "key_requested", "key_replaced")
_UNSIGNED_ACTIONS = frozenset({"store_migrated"})


@dataclass(slots=True)
class KeySpan:
    login: str
    key_id: str
    public: str
    since_seq: int
    until_seq: int | None = None

    def covers(self, seq: int) -> bool:
        return self.since_seq <= seq and (self.until_seq is None or seq < self.until_seq)


def _roles(value: str | None) -> set[str]:
    try:
        text = json.loads(value) if value else ""
    except ValueError:
        return set()
    return set(str(text).split(",")) if isinstance(text, str) else set()


def _valid_public(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        signing.key_id(value)
    except ValueError:
        return None
    return value


class KeyBook:
    """The keys, replayed from the trail; :meth:`check` one row at a time, in order."""

    def __init__(self, legacy: Mapping[str, set[str]] | None = None) -> None:
        self.spans: dict[str, KeySpan] = {}  # by key id
        self.current: dict[str, str] = {}  # login → key id
        self.roles: dict[str, set[str]] = {}
        #: The roles of people registered before the trail said who they were (a store from
        #: before ``person_added`` rows): read from the people's table, used for them only.
        self.legacy = dict(legacy or {})
        self.requested: dict[str, tuple[str, str]] = {}  # key id → (login, public key)
        self.first_key: int | None = None
        self.unsigned = 0  # rows without a signature (before the first key, or the program's)

    def key_at(self, login: str, seq: int) -> KeySpan | None:
        for span in self.spans.values():
            if span.login == login and span.covers(seq):
                return span
        return None

    def check(self, row: Mapping[str, Any]) -> str | None:
        """A reason code when ``row`` (every column, ``signature`` included) is not signed as
        it must be, or changes keys without the right; None when it is in order."""
        seq, actor, action = int(row["seq"]), str(row["actor"]), row["action"]
        signature, message = row.get("signature"), signing.row_message(str(row["hash"]))
        new = _valid_public(row.get("new")) if action in KEY_ACTIONS[1:] else None
        if action in KEY_ACTIONS[1:] and new is None:
            return "key_not_allowed"
        bootstrap = (action == "key_registered" and self.first_key is None
                     and actor == row.get("record"))
        if action == "key_requested" or bootstrap:
            assert new is not None
            if not signing.verify(new, signature, message):
                return "signature_invalid"
        else:
            span = self.key_at(actor, seq)
            if span is not None:
                if not signing.verify(span.public, signature, message):
                    return "signature_invalid" if signature else "unsigned"
            elif self.first_key is not None and not (
                    actor == SYSTEM_ACTOR and action in _UNSIGNED_ACTIONS):
                return "unsigned"
            elif signature:
                return "signature_unknown_key"
            else:
                self.unsigned += 1
        return self._apply(row, seq, actor, action, new)

    def _apply(self, row: Mapping[str, Any], seq: int, actor: str, action: str,
               new: str | None) -> str | None:
        login = str(row.get("record") or "")
        known = self.roles if login in self.roles else self.legacy
        admin = "admin" in (self.roles[actor] if actor in self.roles
                            else self.legacy.get(actor, set()))
        if new is not None and action != "key_requested" and signing.key_id(new) in self.spans:
            return "key_not_allowed"  # a key used twice: its old stretch would sign again
        if action == "person_added":
            if login in self.roles:
                return "key_not_allowed"
            self.roles[login] = _roles(row.get("new"))
        elif action == "key_requested":
            assert new is not None
            if actor != login or login not in known:
                return "key_not_allowed"
            self.requested[signing.key_id(new)] = (login, new)
        elif action == "key_registered":
            assert new is not None
            if login in self.current or login not in known or not admin:
                return "key_not_allowed"
            self._start(login, new, seq)
        elif action == "key_replaced":
            assert new is not None
            if (actor == login or not admin
                    or self.requested.pop(signing.key_id(new), None) != (login, new)
                    or row.get("old") != self.current.get(login)):
                return "key_not_allowed"
            self.spans[self.current[login]].until_seq = seq
            self._start(login, new, seq)
        return None

    def _start(self, login: str, public: str, seq: int) -> None:
        kid = signing.key_id(public)
        self.spans[kid] = KeySpan(login, kid, public, seq + 1)
        self.current[login] = kid
        if self.first_key is None:
            self.first_key = seq

    def matches(self, stored: Iterable[tuple[str, str, str, int, int | None]]) -> bool:
        """Whether the ``person_keys`` table holds exactly the book's keys."""
        mine = {(s.key_id, s.login, s.public, s.since_seq, s.until_seq)
                for s in self.spans.values()}
        return mine == set(stored)


_COLUMNS = [getattr(AuditRow, name) for name in (*AUDIT_FIELDS, "hash", "signature")]
_NAMES = (*AUDIT_FIELDS, "hash", "signature")


def stored_keys(session: Session) -> list[tuple[str, str, str, int, int | None]]:
    return [tuple(r) for r in session.execute(select(  # type: ignore[misc]
        PersonKey.key_id, PersonKey.login, PersonKey.public_key, PersonKey.since_seq,
        PersonKey.until_seq))]


def legacy_roles(session: Session) -> dict[str, set[str]]:
    """Every registered person's roles, from the tables (for :class:`KeyBook`'s ``legacy``)."""
    out: dict[str, set[str]] = {}
    for login, role in session.execute(select(PersonRole.login, PersonRole.role)):
        out.setdefault(login, set()).add(role)
    return out


def key_book(session: Session) -> KeyBook | None:
    """The book replayed from the key rows alone (what a push checks an approval with); None
    when one of them does not add up (edited, forged, signed by the wrong key) or the
    ``person_keys`` table says otherwise."""
    book = KeyBook(legacy_roles(session))
    rows = session.execute(select(*_COLUMNS).where(AuditRow.action.in_(KEY_ACTIONS))
                           .order_by(AuditRow.seq))
    for values in rows:
        row = dict(zip(_NAMES, values, strict=True))
        if row["hash"] != row_hash(row) or book.check(row) is not None:
            return None
    return book if book.matches(stored_keys(session)) else None


def approval_signed(session: Session, book: KeyBook, approve: Mapping[str, Any], *,
                    correction_id: str, payload_hash: str, idempotency_key: str,
                    approver: str, signature: str | None) -> bool:
    """Whether an approval is signed: its audit row (every column) is whole and signed by the
    approver's key of that moment, and ``signature`` is that key's signature of the
    correction, its payload's hash, its idempotency key and its approver. In a workspace that
    had no key yet when it was approved, an approval carries no signature."""
    seq = int(approve["seq"])
    if approve["hash"] != row_hash(approve):
        return False
    span = book.key_at(approver, seq)
    if span is None:
        return signature is None and (book.first_key is None or seq < book.first_key)
    return (signing.verify(span.public, approve.get("signature"),
                           signing.row_message(str(approve["hash"])))
            and signing.verify(span.public, signature, signing.approval_message(
                correction_id, payload_hash, idempotency_key, approver)))


def approve_row(session: Session, correction_id: str, idempotency_key: str,
                approver: str) -> dict[str, Any] | None:
    """The «approve» audit row that gave ``correction_id`` its key, every column; None."""
    found = session.execute(select(*_COLUMNS).where(
        AuditRow.action == "approve", AuditRow.correction_id == correction_id,
        AuditRow.idempotency_key == idempotency_key, AuditRow.actor == approver)
        .order_by(AuditRow.seq).limit(1)).one_or_none()
    return dict(zip(_NAMES, found, strict=True)) if found is not None else None


__all__ = ["KEY_ACTIONS", "KeyBook", "KeySpan", "approval_signed", "approve_row", "key_book",
           "legacy_roles", "stored_keys"]
