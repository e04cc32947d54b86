"""What the correction loop says when it refuses: a code for programs, a Spanish sentence for
people.

Every service of ``app.writeback`` raises these; the command line maps them to exit codes
(:class:`NotAllowed` is exit 3) and the window shows their sentence.
"""

from __future__ import annotations


class CorrectionError(Exception):
    """A refused action: ``code`` for programs, the message (Spanish) for people."""

    code = "refused"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotAllowed(CorrectionError):
    """The person's roles, or maker-checker, say no."""

    code = "not_allowed"


class NotFound(CorrectionError):
    code = "not_found"


class InvalidState(CorrectionError):
    """Not possible from the state the correction is in."""

    code = "invalid_state"


class ConcurrentChange(CorrectionError):
    """Someone else changed it first: nothing was overwritten."""

    code = "concurrent_change"
