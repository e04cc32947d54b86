"""Reading a demo system's SQLite file into the canonical schema.

:class:`SqliteSource` pulls an entity (its SELECT with the joins, in id order, without the
records a merge hid) and reads one record back; each system's class (``crm``, ``erp``) maps
its own rows to canonical ones with the cell readers below. A cell that cannot be read is
reported as a :class:`SourceIssue` and left empty; the row is kept. Reads open the file
read-only.
"""

from __future__ import annotations

import logging
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from app.connectors.base import SourceError, SourceIssue
from app.demo.systems import MERGEABLE_TABLES, MERGED_COLUMN
from app.domain.schema import Entity, System, frame
from app.domain.values import clean_text, normalize_phone, to_decimal

log = logging.getLogger(__name__)

Row = dict[str, Any]
#: Maps one entity's raw rows to canonical records.
RowReader = Callable[[Iterable[Row]], Iterator[Row]]


@dataclass(frozen=True, slots=True)
class Query:
    """Where one entity lives: the SELECT (with its joins), the table's alias, the table
    written to and its change-stamp column."""

    select: str
    alias: str
    table: str
    stamp: str

    @property
    def mergeable(self) -> bool:
        return self.table in MERGEABLE_TABLES


class SqliteSource(ABC):
    """One demo system's file, read as a connector reads its source."""

    system: System
    QUERIES: ClassVar[Mapping[Entity, Query]] = {}

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._issues: list[SourceIssue] = []

    def describe(self) -> str:
        return f"demo {self.system.value.upper()} ({self.path.name})"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    @property
    def _word(self) -> str:
        return self.system.value.upper()

    @abstractmethod
    def _readers(self) -> Mapping[Entity, RowReader]:
        """The reader of each entity of :attr:`QUERIES`."""

    def _connect(self, write: bool = False) -> sqlite3.Connection:
        if not self.path.exists():
            raise FileNotFoundError(self.path)
        if write:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            conn.execute("PRAGMA foreign_keys=ON")
        else:
            # Read-only: pulling must never change the source.
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
        conn.row_factory = sqlite3.Row
        return conn

    def _sql(self, conn: sqlite3.Connection, entity: Entity, *, one: bool = False,
             hidden: bool = False) -> str:
        query = self.QUERIES[entity]
        where = []
        if not hidden and marks_merges(conn, query.table):
            where.append(f"{query.alias}.{MERGED_COLUMN} IS NULL")
        if one:
            where.append(f"{query.alias}.id = :id")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"{query.select}{clause} ORDER BY {query.alias}.id"

    @staticmethod
    def _rows(conn: sqlite3.Connection, sql: str,
              params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        for row in conn.execute(sql, dict(params or {})):
            yield dict(row)

    def _cell(self, entity: Entity, sid: str, column: str, raw: Any,
              parse: Callable[[Any], Any]) -> Any:
        """Parse one cell; an unreadable one becomes an issue and an empty value."""
        try:
            return parse(raw)
        except (ValueError, TypeError):
            self._issues.append(
                SourceIssue(self.system, entity, sid, column, "unparseable", clean_text(raw))
            )
            return None

    def _reader(self, entity: Entity) -> RowReader:
        if entity not in self.QUERIES:
            raise ValueError(f"{self.system} has no {entity}")
        return self._readers()[entity]

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        entity = Entity(entity)
        read = self._reader(entity)
        self._issues = [i for i in self._issues if i.entity != entity]
        conn = self._connect()
        try:
            if not has_table(conn, self.QUERIES[entity].table):
                # A demo file of an older generator: the insights go without it.
                raise ValueError(f"{self.system} has no {entity}")
            return frame(entity, list(read(self._rows(conn, self._sql(conn, entity)))))
        finally:
            conn.close()

    def read(self, entity: Entity | str, source_id: str) -> Row | None:
        """The record ``source_id`` in the canonical schema, or None when there is none (a
        merged record is gone, as in the listings)."""
        try:
            conn = self._connect()
            try:
                return self._read(conn, Entity(entity), source_id)
            finally:
                conn.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("demo %s read failed: %s", self.system.value, type(exc).__name__)
            raise SourceError(f"No se pudo leer el {self._word} de demostración: el archivo no "
                              "está o está bloqueado.") from None

    def _read(self, conn: sqlite3.Connection, entity: Entity, source_id: str, *,
              hidden: bool = False) -> Row | None:
        if entity not in self.QUERIES:
            return None
        issues = list(self._issues)  # one record read back is not a pull: no issues kept
        try:
            rows = self._rows(conn, self._sql(conn, entity, one=True, hidden=hidden),
                              {"id": self._id(source_id)})
            found = list(self._reader(entity)(rows))
        finally:
            self._issues = issues
        return found[0] if found else None

    def _id(self, source_id: str) -> Any:
        """The id as the system's tables key it (the CRM's are text)."""
        return source_id


def marks_merges(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` has had a merge (its ``fusionado_en`` column)."""
    return table in MERGEABLE_TABLES and any(
        row[1] == MERGED_COLUMN for row in conn.execute(f"PRAGMA table_info({table})"))


def has_table(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :t",
                        {"t": table}).fetchone() is not None


def listed(conn: sqlite3.Connection, table: str) -> str:
    """The WHERE clause that keeps a table's records a merge has not hidden."""
    return f" WHERE {MERGED_COLUMN} IS NULL" if marks_merges(conn, table) else ""


# --- reading cells ------------------------------------------------------------------------------


def timestamp(raw: Any) -> datetime | None:
    text_ = clean_text(raw)
    if text_ is None:
        return None
    moment = datetime.fromisoformat(text_)
    if moment.tzinfo is None:
        raise ValueError("timestamp without zone")
    return moment


def day(raw: Any) -> date | None:
    text_ = clean_text(raw)
    return None if text_ is None else date.fromisoformat(text_[:10])


def phone(raw: Any) -> str | None:
    """The 10-digit phone, or the text as typed when it is not a valid Colombian number."""
    return normalize_phone(raw) or clean_text(raw)


def money(raw: Any) -> Decimal | None:
    return to_decimal(clean_text(raw))


def kilometres(raw: Any) -> int | None:
    """An odometer reading: whole kilometres (the ERP keeps an integer)."""
    if raw is None or raw == "":
        return None
    value = int(raw)
    if value < 0:
        raise ValueError("negative odometer")
    return value
