"""The one small protocol every connector implements, and the findings it reports.

``pull`` returns a canonical frame (``app.domain.schema``); a row it cannot read becomes a
:class:`SourceIssue` the user sees, never a traceback, and never costs the good rows.
The write side (``apply``) arrives with write-back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from app.domain.schema import Entity, System


@dataclass(frozen=True, slots=True)
class SourceIssue:
    """A cell or row a connector could not read: where, and why (a code)."""

    system: System
    entity: Entity
    source_id: str | None
    column: str | None
    reason: str
    value: str | None = None


class Connector(Protocol):
    system: System

    def describe(self) -> str:
        """Where the data comes from, for reports (never a secret)."""
        ...

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        """Every record of ``entity`` in the canonical schema."""
        ...

    def issues(self) -> list[SourceIssue]:
        """What the last pulls could not read."""
        ...
