"""Where a correction and its outbox row stand: the states of the correction loop (DESIGN §6).

    proposed ⇄ deferred → approved → queued → attempting → applied | conflict | rejected | failed
        ↘ rejected (by a person)               ↘ unknown (read back) ↗

A correction is decided by people (:class:`CorrectionState`: proposed, deferred, approved,
rejected); once approved and queued it follows its newest outbox row (:class:`OutboxState`),
whose moves the push records. Each value is the text the store and the JSON have always kept,
so a ``StrEnum`` member equals the string read back from either. Their Spanish words live in
:mod:`app.domain.labels`. The groups below name the states a rule starts from.
"""

from __future__ import annotations

from enum import StrEnum


class CorrectionState(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"  # by a person — or by the system, when its outbox row was
    DEFERRED = "deferred"
    QUEUED = "queued"
    ATTEMPTING = "attempting"
    APPLIED = "applied"
    CONFLICT = "conflict"
    FAILED = "failed"
    UNKNOWN = "unknown"


class OutboxState(StrEnum):
    QUEUED = "queued"
    ATTEMPTING = "attempting"
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"  # by the system it was sent to
    FAILED = "failed"
    UNKNOWN = "unknown"

    @property
    def terminal(self) -> bool:
        """A row that ended: nothing more happens to it (a person may requeue a failed one)."""
        return self in OUTBOX_TERMINAL


#: A decision (approve, reject, defer) starts from these.
OPEN = (CorrectionState.PROPOSED, CorrectionState.DEFERRED)
#: An edit starts from these (editing an approved one voids its approval).
EDITABLE = (*OPEN, CorrectionState.APPROVED)
#: What the push could not apply: decided again, or rejected for good.
UNAPPLIED = (CorrectionState.CONFLICT, CorrectionState.FAILED)
#: On its way to the system: a push works on these.
SENDING = (CorrectionState.APPROVED, CorrectionState.QUEUED, CorrectionState.ATTEMPTING,
           CorrectionState.UNKNOWN)
#: Still alive for the proposal it answers (an open decision, on its way, or done): proposing
#: the same change again is refused while one of these stands.
LIVE = (*OPEN, *SENDING, CorrectionState.APPLIED, CorrectionState.CONFLICT)

#: Rows a push still has work on, in the order it does it.
OUTBOX_PENDING = (OutboxState.QUEUED, OutboxState.ATTEMPTING, OutboxState.UNKNOWN)
#: Rows that ended.
OUTBOX_TERMINAL = (OutboxState.APPLIED, OutboxState.CONFLICT, OutboxState.REJECTED,
                   OutboxState.FAILED)
