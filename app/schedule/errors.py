"""The one error of the schedule package: a Spanish sentence, never a secret."""

from __future__ import annotations


class ScheduleError(Exception):
    """What could not be scheduled, sent or notified; the message says why, in Spanish."""
