"""What the findings' services say when they refuse: a code for programs, a Spanish sentence
for people (the command line maps :class:`NotPermitted` to exit 3, the rest to exit 1, and an
unknown id to a usage error)."""

from __future__ import annotations

#: Codes of refusals that are a wrong request rather than a failure — an unknown reason, a
#: missing comment or candidate, a month written wrong: the command line's exit 2.
WRONG_REQUEST = frozenset({"unknown_reason", "missing_comment", "missing_login", "no_candidate",
                           "reason_needed", "unknown_person", "bad_period"})


class FindingError(Exception):
    """A refused action on a finding, a manual match or a period."""

    code = "refused"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotPermitted(FindingError):
    """The person's roles, or maker-checker (who certified never signs off), say no."""

    code = "not_allowed"


class NotFound(FindingError):
    code = "not_found"


class InvalidState(FindingError):
    """Not possible from where the finding, match or period stands."""

    code = "invalid_state"


class ConcurrentChange(FindingError):
    """Someone else changed it first: nothing was overwritten."""

    code = "concurrent_change"
