"""Values between the canonical schema and a database column, for the SQL connector.

Canonical values are text, ``Decimal``, ``date``, zone-aware ``datetime`` and ``bool``; a
column may keep any of them as text (SQLite, most of what dealership systems store), as a
typed value, or as a timestamp without zone (read as Bogotá time, DESIGN §3). These helpers
convert one way or the other and compare values the way a correction needs: a value sent
back from the approval queue may have become JSON text on the way (``"1500000.00"``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from sqlalchemy import Column
from sqlalchemy.sql import sqltypes
from sqlalchemy.types import NullType

from app.connectors.base import SourceError, SourceIssue
from app.domain.i18n import tr_app
from app.domain.values import BOGOTA, bogota_moment


def since_moment(since: Any) -> datetime | None:
    """``since`` as a zone-aware moment (no zone: Bogotá; a date: its midnight in Bogotá)."""
    if since is None:
        return None
    if isinstance(since, str):
        try:
            since = datetime.fromisoformat(since)
        except ValueError:
            raise SourceError(tr_app("app.connectors", "La fecha «{since}» no es válida para traer solo "
                                                       "lo cambiado.").format(since=since)) from None
    if isinstance(since, date):
        return bogota_moment(since)
    raise SourceError(tr_app("app.connectors", "«since» debe ser una fecha y hora."))


def bound_moment(col: Column[Any], moment: datetime) -> Any:
    """``moment`` as the change column compares it, or None when it is not a date column."""
    kind = col.type
    if isinstance(kind, sqltypes.DateTime):
        return moment if kind.timezone else moment.astimezone(BOGOTA).replace(tzinfo=None)
    if isinstance(kind, sqltypes.Date):
        return moment.astimezone(BOGOTA).date()
    return None


def changed_since(frame: pd.DataFrame, issues: list[SourceIssue], moment: datetime
                  ) -> tuple[pd.DataFrame, list[SourceIssue]]:
    """Rows changed at or after ``moment``; a row whose change time is unknown is kept."""
    def recent(stamp: Any) -> bool:
        if not isinstance(stamp, datetime):
            return True
        return bogota_moment(stamp) >= moment

    keep = [recent(s) for s in frame["updated_at"].tolist()]
    kept = frame.loc[keep].reset_index(drop=True)
    ids = set(kept["source_id"].tolist())
    return kept, [i for i in issues if i.source_id is None or i.source_id in ids]


def key_value(col: Column[Any], source_id: str) -> Any:
    """``source_id`` (text) as the id column's type; None when it cannot be one (no such row)."""
    try:
        python = col.type.python_type
    except NotImplementedError:
        return source_id
    if python in (int, Decimal, uuid.UUID):
        try:
            return python(source_id)
        except (ValueError, InvalidOperation):
            return None
    return source_id


def storable(kind: Any, value: Any, sqlite: bool) -> Any:
    """A canonical value (text, Decimal, date, datetime, bool) as the column stores it."""
    if value is None:
        return None
    if isinstance(value, bool):
        if isinstance(kind, sqltypes.Boolean) and not sqlite:
            return value
        return str(int(value)) if isinstance(kind, sqltypes.String) else int(value)
    textual = sqlite or isinstance(kind, sqltypes.String | NullType)
    if textual:
        if isinstance(value, Decimal):
            return format(value, "f")
        if isinstance(value, date):
            return value.isoformat()
        return value if isinstance(value, str | int | float) else str(value)
    if isinstance(kind, sqltypes.Integer) and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(kind, sqltypes.Numeric) and isinstance(value, str):
        return Decimal(value)
    if isinstance(kind, sqltypes.DateTime) and isinstance(value, datetime) and not kind.timezone:
        return value.astimezone(BOGOTA).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(kind, sqltypes.Date) and not isinstance(kind, sqltypes.DateTime):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            return date.fromisoformat(value)
    return value


def same(current: Any, wanted: Any) -> bool:
    """Whether a canonical value equals one given in a correction (maybe as JSON text)."""
    if current in (None, "") or wanted in (None, ""):
        return current in (None, "") and wanted in (None, "")
    if current == wanted:
        return True
    try:
        if isinstance(current, bool):
            return isinstance(wanted, str) and wanted.casefold() in (("true", "1", "si", "sí")
                                                                     if current else ("false", "0", "no"))
        if isinstance(current, Decimal):
            return current == Decimal(str(wanted))
        if isinstance(current, datetime):
            other = datetime.fromisoformat(wanted) if isinstance(wanted, str) else wanted
            return isinstance(other, datetime) and other.tzinfo is not None and current == other
        if isinstance(current, date):
            return isinstance(wanted, str) and current.isoformat() == wanted
    except (ValueError, InvalidOperation):
        return False
    return str(current) == str(wanted)
