"""Where a finding stands (DESIGN §5, «Findings have a life») and the reasons it may stand.

A finding's *effective* state is read from three things kept apart: its own track, which people
move (``open`` → ``assigned`` → ``explained``, or ``matched`` by hand); the correction loop's
rows for its record and field, read from the store (``correction_proposed`` /
``correction_approved`` / ``correction_sent``); and whether the latest run that reconciled its
entity still found it (``resolved`` when not). They weigh in this order: resolved, matched, a
correction, explained, assigned, open. Codes only; their Spanish words are in
:mod:`app.domain.labels`.
"""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    """The finding's own track (the ``findings.state`` column)."""

    OPEN = "open"
    ASSIGNED = "assigned"
    EXPLAINED = "explained"
    MATCHED = "matched"


class FindingState(StrEnum):
    """The state a person sees."""

    OPEN = "open"
    ASSIGNED = "assigned"
    EXPLAINED = "explained"
    CORRECTION_PROPOSED = "correction_proposed"
    CORRECTION_APPROVED = "correction_approved"
    CORRECTION_SENT = "correction_sent"
    MATCHED = "matched"
    RESOLVED = "resolved"


class Reason(StrEnum):
    """Why a finding stands (``explain``) or why a manual match's totals differ."""

    IN_TRANSIT = "in_transit"
    ROUNDING = "rounding"
    BANK_FEE = "bank_fee"
    WITHHOLDING = "withholding"
    ADVANCE = "advance"
    TYPO = "typo"
    KNOWN_DUPLICATE = "known_duplicate"
    OTHER = "other"


#: The reasons a manual match's difference may be given (as Odoo's write-off models).
DIFFERENCE_REASONS = (Reason.ROUNDING, Reason.BANK_FEE, Reason.WITHHOLDING)

#: The correction loop's states (``app.writeback.states``, read as the store keeps them) and
#: the stage each gives the finding it answers. A rejected correction answers nothing; one in
#: conflict or failed goes back to people, like a proposal.
CORRECTION_STAGES: dict[str, FindingState] = {
    "proposed": FindingState.CORRECTION_PROPOSED,
    "deferred": FindingState.CORRECTION_PROPOSED,
    "conflict": FindingState.CORRECTION_PROPOSED,
    "failed": FindingState.CORRECTION_PROPOSED,
    "approved": FindingState.CORRECTION_APPROVED,
    "queued": FindingState.CORRECTION_APPROVED,
    "attempting": FindingState.CORRECTION_APPROVED,
    "unknown": FindingState.CORRECTION_APPROVED,
    "applied": FindingState.CORRECTION_SENT,
}
_STAGE_ORDER = (FindingState.CORRECTION_PROPOSED, FindingState.CORRECTION_APPROVED,
                FindingState.CORRECTION_SENT)

#: What a period may be certified with: explained, corrected (approved by a second person, or
#: sent), matched or resolved. Open, assigned and a correction only proposed keep it open.
SETTLED = frozenset({FindingState.EXPLAINED, FindingState.CORRECTION_APPROVED,
                     FindingState.CORRECTION_SENT, FindingState.MATCHED, FindingState.RESOLVED})


def correction_stage(states: list[str]) -> FindingState | None:
    """The furthest stage the corrections in ``states`` reached (None when none counts)."""
    stages = [CORRECTION_STAGES[s] for s in states if s in CORRECTION_STAGES]
    return max(stages, key=_STAGE_ORDER.index) if stages else None


def effective(track: str, resolved: bool, stage: FindingState | None) -> FindingState:
    """The state a person sees, from the track, the run's verdict and the corrections."""
    if resolved:
        return FindingState.RESOLVED
    if track == Track.MATCHED:
        return FindingState.MATCHED
    if stage is not None:
        return stage
    return FindingState(track)
