"""Approvals on record: what the corrections and outbox tables say was approved must be what the
audit trail recorded.

Approving a correction (:func:`app.writeback.corrections.approve`) creates its idempotency key
and appends an «approve» row carrying that key, the correction's id and the approver, in the
same transaction. A correction set to approved behind the service's back — a raw ``UPDATE``
of its state, approver and key — has no such row. So the push refuses to queue a correction
whose approval is not on record (:func:`approval_on_record`), and ``cuadre audit verify`` lists
every correction or outbox row whose key no approval recorded (:func:`unrecorded`).

Signed approvals (issue 17): the approver also signs the correction's id, its payload's hash,
its idempotency key and their login (``corrections.approval_signature``). Before a correction is
queued and again before each outbox row is sent, the push checks that signature and the
«approve» row's own signature against the approver's key of that moment (:func:`signed`), and
that the row sends exactly what was approved (:func:`sendable`); otherwise it refuses, in
Spanish, and records the refusal.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.keys import KeyBook, approval_signed, approve_row
from app.domain.i18n import mark_app
from app.store.models import AuditRow, CorrectionRow, OutboxRow
from app.store.values import decode_payload, encode_payload, sha256_hex

APPROVE = "approve"

#: Why a push refuses to send, said with ``tr_marked("app.audit", …)``.
NOT_SIGNED = mark_app("app.audit", "La firma de la aprobación no es válida (no la hizo la "
                                   "clave de quien aprobó, o la corrección, su huella o su "
                                   "clave de envío cambiaron después): no se envía.")
NOT_APPROVED = mark_app("app.audit", "La fila del envío no corresponde a una corrección "
                                     "aprobada en Cuadre (su contenido o su clave difieren de "
                                     "la aprobación registrada): no se envía.")


def approval_on_record(session: Session, correction: CorrectionRow) -> bool:
    """Whether the trail holds the approval ``correction`` carries: an «approve» row with its
    id, its idempotency key and its approver, who is not its proposer."""
    if not correction.idempotency_key or not correction.approver \
            or correction.approver == correction.proposer:
        return False
    found = session.scalar(select(AuditRow.seq).where(
        AuditRow.action == APPROVE, AuditRow.correction_id == correction.id,
        AuditRow.idempotency_key == correction.idempotency_key,
        AuditRow.actor == correction.approver).limit(1))
    return found is not None


def unrecorded(session: Session) -> list[str]:
    """The corrections whose approval (its key) the trail does not hold: those carrying a key
    no «approve» row gave them, and those an outbox row sends with such a key. Their ids, in
    order; empty when every approval is on record."""
    approved = {(cid, key, actor) for cid, key, actor in session.execute(
        select(AuditRow.correction_id, AuditRow.idempotency_key, AuditRow.actor)
        .where(AuditRow.action == APPROVE))}
    keys = {(cid, key) for cid, key, _ in approved}
    out: dict[str, None] = {}
    for cid, key, approver, proposer in session.execute(
            select(CorrectionRow.id, CorrectionRow.idempotency_key, CorrectionRow.approver,
                   CorrectionRow.proposer)
            .where(CorrectionRow.idempotency_key.is_not(None)).order_by(CorrectionRow.created_at)):
        if (cid, key, approver) not in approved or approver == proposer:
            out[cid] = None
    for cid, key in session.execute(select(OutboxRow.correction_id, OutboxRow.idempotency_key)
                                    .order_by(OutboxRow.id)):
        if (cid, key) not in keys:
            out[cid] = None
    return list(out)


def signed(session: Session, correction: CorrectionRow, book: KeyBook | None) -> bool:
    """Whether ``correction``'s approval is signed by its approver (``book``: the keys
    replayed from the trail, None when they do not add up): its «approve» row whole and
    signed, and the approval's own signature over the payload's hash, the idempotency key
    and the approver."""
    if book is None or not correction.idempotency_key or not correction.approver \
            or not correction.approved_hash:
        return False
    row = approve_row(session, correction.id, correction.idempotency_key, correction.approver)
    return row is not None and approval_signed(
        session, book, row, correction_id=correction.id, payload_hash=correction.approved_hash,
        idempotency_key=correction.idempotency_key, approver=correction.approver,
        signature=correction.approval_signature)


def sendable(session: Session, row: OutboxRow, book: KeyBook | None) -> str | None:
    """None when outbox ``row`` sends exactly what its correction's signed approval covers;
    else why not (a sentence marked for ``tr_marked("app.audit", …)``)."""
    correction = session.get(CorrectionRow, row.correction_id)
    if correction is None or not carries(correction, row) \
            or not approval_on_record(session, correction):
        return NOT_APPROVED
    return None if signed(session, correction, book) else NOT_SIGNED


def carries(correction: CorrectionRow, row: OutboxRow) -> bool:
    """Whether outbox ``row`` sends exactly ``correction``'s approved payload, with its key."""
    if correction.idempotency_key != row.idempotency_key \
            or correction.approved_hash != sha256_hex(correction.payload) \
            or correction.kind != row.kind or (correction.target_system, correction.entity,
                                               correction.source_id, correction.field) \
            != (row.target_system, row.entity, row.source_id, row.field):
        return False
    payload = decode_payload(correction.payload)
    changes = payload if correction.kind == "merge" else payload.get("changes", {})
    return encode_payload(changes) == row.changes \
        and encode_payload(payload.get("expected", {})) == row.expected


__all__ = ["NOT_APPROVED", "NOT_SIGNED", "approval_on_record", "carries", "sendable", "signed",
           "unrecorded"]
