"""Approvals on record: what the corrections and outbox tables say was approved must be what the
audit trail recorded.

Approving a correction (:func:`app.writeback.corrections.approve`) creates its idempotency key
and appends an «approve» row carrying that key, the correction's id and the approver, in the
same transaction. A correction set to approved behind the service's back — a raw ``UPDATE``
of its state, approver and key — has no such row. So the push refuses to queue a correction
whose approval is not on record (:func:`approval_on_record`), and ``cuadre audit verify`` lists
every correction or outbox row whose key no approval recorded (:func:`unrecorded`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditRow, CorrectionRow, OutboxRow

APPROVE = "approve"


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


__all__ = ["approval_on_record", "unrecorded"]
