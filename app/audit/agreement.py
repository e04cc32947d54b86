"""Do the corrections, the outbox and the period sign-offs say what the signed trail says?

Every change of a correction or of an outbox row is written with an audit row in the same
transaction (``app.writeback``), and that row is signed by its actor. So the tables must agree
with the latest row about each of them — who proposed and approved, the state, the key it is
sent with, the record, field and new value — and every approval must carry its approver's
signature (:func:`app.audit.approvals.signed`). An outbox row must have been queued by a
``push_enqueue`` row, send what its approval covers, and be where its latest push row left
it; a queued row with no outbox row was deleted. A signed period must carry a valid signature
of its signer over its certificate's hash, on record as ``period_signed``.

What is not compared: bookkeeping that no decision rests on (timestamps, the optimistic-lock
version, a push's lease and attempt count, comments' text, which the trail keeps itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.approvals import carries
from app.audit.keys import KeyBook, approval_signed
from app.security import signing
from app.store.chain import row_hash
from app.store.models import AUDIT_FIELDS, AuditRow, CorrectionRow, OutboxRow, PeriodRow
from app.store.values import audit_value, decode_payload, sha256_hex

#: The audit actions that write a correction's state (``push_refused`` leaves it as it was).
_PUSH = ("push_enqueue", "push_retry", "push_attempt", "push_applied", "push_conflict",
         "push_rejected", "push_failed", "push_unknown", "push_requeue")
#: Rows whose ``old`` is not the correction's old value (the value before an edit, or what a
#: conflict found in the system).
_OLD_ELSEWHERE = frozenset({"edit", "edit_voids_approval", "push_conflict"})
_COLUMNS = (*AUDIT_FIELDS, "hash", "signature")


def _rows(session: Session) -> Iterator[dict[str, Any]]:
    query = select(*(getattr(AuditRow, c) for c in _COLUMNS)).where(
        AuditRow.correction_id.is_not(None) | AuditRow.action.like("period_%")) \
        .order_by(AuditRow.seq)
    for values in session.execute(query):
        yield dict(zip(_COLUMNS, values, strict=True))


def disagreement(session: Session, book: KeyBook) -> tuple[str, str] | None:
    """The first table row that the trail does not back: (reason code, its id); None."""
    latest: dict[str, dict[str, Any]] = {}
    by_key: dict[str, dict[str, Any]] = {}
    enqueued: dict[str, str] = {}
    periods: dict[str, dict[str, dict[str, Any]]] = {}
    approvals: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _rows(session):
        action, cid = row["action"], row["correction_id"]
        if action == "approve":
            approvals.setdefault((cid, row["idempotency_key"], row["actor"]), row)
        if action.startswith("period_"):
            periods.setdefault(str(row["record"]), {})[action] = row
            periods[str(row["record"])]["last"] = row
            continue
        if action != "push_refused":
            latest[cid] = row
        if action in _PUSH or (action == "push_refused" and row["idempotency_key"]):
            by_key[row["idempotency_key"]] = row
        if action == "push_enqueue":
            enqueued[row["idempotency_key"]] = row["actor"]
    current: dict[str, CorrectionRow] = {}
    for c in session.scalars(select(CorrectionRow).order_by(CorrectionRow.created_at)):
        last = latest.pop(c.id, None)
        if last is None or (last["outcome"], last["proposer"], last["approver"],
                            last["idempotency_key"], last["system"], last["entity"],
                            last["record"], last["field"], last["new"]) != (
                c.state, c.proposer, c.approver, c.idempotency_key, c.target_system, c.entity,
                c.source_id, c.field, c.new_value):
            return "correction_mismatch", c.id
        if last["action"] not in _OLD_ELSEWHERE and last["old"] != c.old_value:
            return "correction_mismatch", c.id
        if c.payload_hash != sha256_hex(c.payload) or not _says(c):
            return "correction_mismatch", c.id
        if c.idempotency_key:
            approve = approvals.get((c.id, c.idempotency_key, str(c.approver)))
            if approve is None or not c.approved_hash or not approval_signed(
                    session, book, approve, correction_id=c.id, payload_hash=c.approved_hash,
                    idempotency_key=c.idempotency_key, approver=str(c.approver),
                    signature=c.approval_signature):
                return "approval_unsigned", c.id
        elif c.approval_signature is not None:  # a signature with no approval to sign
            return "approval_unsigned", c.id
        current[c.id] = c
    if latest:
        return "correction_missing", next(iter(latest))
    return _outbox(session, current, by_key, enqueued) or _periods(session, book, periods)


def _says(c: CorrectionRow) -> bool:
    """Whether a field correction's payload changes what its row (and the trail) says."""
    if c.kind != "field":
        return True
    try:
        payload = decode_payload(c.payload)
        changes, expected = payload["changes"], payload["expected"]
    except (ValueError, KeyError, TypeError):
        return False
    return (audit_value(changes.get(c.field)), audit_value(expected.get(c.field))) == (
        c.new_value, c.old_value)


def _outbox(session: Session, current: dict[str, CorrectionRow],
            by_key: dict[str, dict[str, Any]], enqueued: dict[str, str]
            ) -> tuple[str, str] | None:
    for o in session.scalars(select(OutboxRow).order_by(OutboxRow.id)):
        last = by_key.get(o.idempotency_key)
        if enqueued.pop(o.idempotency_key, None) != o.enqueued_by or last is None \
                or (last["outcome"], last["correction_id"], last["system"], last["entity"],
                    last["record"], last["field"]) != (o.state, o.correction_id,
                                                       o.target_system, o.entity, o.source_id,
                                                       o.field):
            return "outbox_mismatch", str(o.id)
        correction = current.get(o.correction_id)
        if correction is None or (correction.idempotency_key == o.idempotency_key \
                and not carries(correction, o)):
            return "outbox_mismatch", str(o.id)
    if enqueued:
        return "outbox_missing", next(iter(enqueued))
    return None


def _periods(session: Session, book: KeyBook,
             marks: dict[str, dict[str, dict[str, Any]]]) -> tuple[str, str] | None:
    for p in session.scalars(select(PeriodRow).order_by(PeriodRow.certified_at)):
        rows = marks.pop(p.id, {})
        certified, last = rows.get("period_certified"), rows.get("last")
        digest = f"sha256:{p.certificate_hash}"
        if certified is None or last is None or certified["actor"] != p.certified_by \
                or certified["new"] != digest or last["outcome"] != p.state \
                or p.certificate_hash != sha256_hex(p.certificate):
            return "period_mismatch", p.id
        if p.signed_by is None:
            continue
        mark = rows.get("period_signed")
        if mark is None or mark["actor"] != p.signed_by or mark["new"] != digest:
            return "period_mismatch", p.id
        if not signoff_signed(book, p, mark):
            return "signoff_unsigned", p.id
    if marks:
        return "period_mismatch", next(iter(marks))
    return None


def signoff_signed(book: KeyBook, p: PeriodRow, mark: dict[str, Any]) -> bool:
    """Whether period ``p``'s sign-off carries its signer's signature, by the key the signer
    had at the ``period_signed`` row ``mark`` (none needed before the workspace had keys)."""
    if p.signed_by is None or p.certified_by is None:
        return False
    span = book.key_at(p.signed_by, int(mark["seq"]))
    if span is None:
        return p.signature is None and (book.first_key is None or mark["seq"] < book.first_key)
    return signing.verify(span.public, p.signature, signing.signoff_message(
        p.id, p.certificate_hash, p.certified_by, p.signed_by))


def unsigned_signoffs(session: Session, ids: list[str]) -> list[str]:
    """Which of the signed periods ``ids`` do not carry a valid sign-off signature on record
    (what a report checks before printing a period as signed)."""
    from app.audit.keys import key_book

    book = key_book(session)
    bad = []
    for ident in ids:
        p = session.get(PeriodRow, ident)
        found = session.execute(select(*(getattr(AuditRow, c) for c in _COLUMNS)).where(
            AuditRow.action == "period_signed", AuditRow.record == ident)
            .order_by(AuditRow.seq.desc()).limit(1)).one_or_none()
        mark = dict(zip(_COLUMNS, found, strict=True)) if found is not None else None
        if p is None or book is None or mark is None or mark["actor"] != p.signed_by \
                or mark["new"] != f"sha256:{p.certificate_hash}" \
                or mark["hash"] != row_hash(mark) or not signoff_signed(book, p, mark):
            bad.append(ident)
    return bad


__all__ = ["disagreement", "signoff_signed", "unsigned_signoffs"]
