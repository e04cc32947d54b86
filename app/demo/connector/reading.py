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
    #: The change stamps of the joined tables a canonical record takes values from (a
    #: payment's customer document comes from its tercero): a change there changes the record.
    joined: tuple[str, ...] = ()

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
        #: The ids the last change pull listed, per entity (what ``list_ids`` answers next).
        self._listed: dict[Entity, list[str]] = {}

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
             hidden: bool = False, among: int = 0) -> str:
        """The entity's SELECT: every listed record, or ``one`` (``:id``), or ``among`` ids
        (``:i0``, ``:i1``…)."""
        query = self.QUERIES[entity]
        where = []
        if not hidden and marks_merges(conn, query.table):
            where.append(f"{query.alias}.{MERGED_COLUMN} IS NULL")
        if one:
            where.append(f"{query.alias}.id = :id")
        if among:
            where.append(f"{query.alias}.id IN ({', '.join(f':i{n}' for n in range(among))})")
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
        """Every listed record of ``entity``; with ``since`` (a zone-aware moment), only those
        whose stamp, or a joined record's, is at or after it (or cannot be read)."""
        entity = Entity(entity)
        read = self._reader(entity)
        self._issues = [i for i in self._issues if i.entity != entity]
        self._listed.pop(entity, None)
        conn = self._connect()
        try:
            if not has_table(conn, self.QUERIES[entity].table):
                # A demo file of an older generator: the insights go without it.
                raise ValueError(f"{self.system} has no {entity}")
            if since is None:
                return frame(entity, list(read(self._rows(conn, self._sql(conn, entity)))))
            self._listed[entity] = self._ids(conn, entity)
            changed = self._changed(conn, entity, since)
            rows: list[Row] = []
            for start in range(0, len(changed), _IN_CHUNK):
                part = changed[start:start + _IN_CHUNK]
                rows += read(self._rows(conn, self._sql(conn, entity, among=len(part)),
                                        {f"i{n}": v for n, v in enumerate(part)}))
            return frame(entity, rows)
        finally:
            conn.close()

    # -- what changed (an incremental run) ---------------------------------------------------

    def why_not_incremental(self, entity: Entity) -> str | None:
        return None if Entity(entity) in self.QUERIES else f"{self.system} has no {entity}"

    def version(self, entity: Entity) -> str | None:
        return None

    def list_ids(self, entity: Entity) -> list[str]:
        """Every listed id of ``entity``, in the order :meth:`pull` gives its records (as the
        change pull just before listed them, when there was one)."""
        listed = self._listed.pop(Entity(entity), None)
        if listed is not None:
            return listed
        conn = self._connect()
        try:
            return self._ids(conn, Entity(entity))
        finally:
            conn.close()

    def _from(self, conn: sqlite3.Connection, entity: Entity, condition: str = "") -> str:
        """The entity's FROM (with its joins), the filter of listed records and ``condition``,
        in id order."""
        query = self.QUERIES[entity]
        body = query.select[query.select.upper().index(" FROM "):]
        where = [f"{query.alias}.{MERGED_COLUMN} IS NULL"] \
            if marks_merges(conn, query.table) else []
        if condition:
            where.append(f"({condition})")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"{body}{clause} ORDER BY {query.alias}.id"

    def _ids(self, conn: sqlite3.Connection, entity: Entity) -> list[str]:
        """Every listed id, in id order (the order :meth:`pull` gives)."""
        query = self.QUERIES[entity]
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: a listing of 100,000 ids in tens of ms
        merged = f" WHERE {MERGED_COLUMN} IS NULL" if marks_merges(conn, query.table) else ""
        sql = f"SELECT CAST(id AS TEXT) FROM {query.table}{merged} ORDER BY id"
        return [row[0] for row in cursor.execute(sql)]

    def _changed(self, conn: sqlite3.Connection, entity: Entity, since: datetime) -> list[Any]:
        """The ids whose own stamp, or a joined record's, is at or after ``since`` (as
        :class:`_After` reads them), in id order. The server leaves out the rows whose stamps
        are all written as the systems write them and earlier; the few others are read here."""
        query = self.QUERIES[entity]
        stamps = [f"{query.alias}.{query.stamp}", *query.joined]
        after = _After(since)
        cursor = conn.cursor()
        cursor.row_factory = None
        sample = cursor.execute(f"SELECT {stamps[0]} FROM {query.table} {query.alias} "
                                f"WHERE {stamps[0]} IS NOT NULL LIMIT 1").fetchone()
        zone = sample[0][19:] if sample and isinstance(sample[0], str) and len(sample[0]) == 25 \
            else "-05:00"
        text = after.text(zone) or ""

        def maybe(stamp: str, own: bool) -> str:
            usual = f"(length({stamp}) = 25 AND substr({stamp}, 11, 1) = 'T' " \
                    f"AND substr({stamp}, 20) = :zone)"
            test = f"(NOT {usual} OR {stamp} >= :since)"
            return f"({stamp} IS NULL OR {test})" if own else f"({stamp} IS NOT NULL AND {test})"

        where = " OR ".join(maybe(s, n == 0) for n, s in enumerate(stamps))
        sql = f"SELECT {query.alias}.id, {', '.join(stamps)}{self._from(conn, entity, where)}"
        return [row[0] for row in cursor.execute(sql, {"zone": zone, "since": text})
                if after(row[1], own=True) or any(after(s) for s in row[2:])]

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


#: Ids asked for in one statement (SQLite's limit on parameters is far above).
_IN_CHUNK = 500


class _After:
    """Whether a change stamp is at or after ``since``. A stamp written as the systems write
    them («2026-05-01T08:30:00-05:00») is compared as text with ``since`` written the same
    way (to the second, so a stamp in the same second counts as changed); any other is read.
    A record's own stamp that is missing or unreadable counts as changed; a joined record's
    missing stamp (no joined record) does not."""

    def __init__(self, since: datetime) -> None:
        self.since = since
        self._texts: dict[str, str] = {}

    def text(self, suffix: str) -> str | None:
        """``since`` written as the systems write stamps in the zone ``suffix`` («-05:00»)."""
        if suffix not in self._texts:
            try:
                zone = datetime.fromisoformat(f"2000-01-01T00:00:00{suffix}").tzinfo
            except ValueError:
                return None
            self._texts[suffix] = self.since.astimezone(zone).replace(
                microsecond=0).isoformat()
        return self._texts[suffix]

    def __call__(self, stamp: Any, own: bool = False) -> bool:
        if isinstance(stamp, str) and len(stamp) == 25 and stamp[10] == "T":
            since = self.text(stamp[19:])
            if since is not None:
                return stamp >= since
        try:
            moment = timestamp(stamp)
        except (ValueError, TypeError):
            return True
        if moment is None:
            return own
        return bool(moment >= self.since)


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
