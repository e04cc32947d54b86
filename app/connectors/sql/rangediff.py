"""A keyed diff of two tables run inside their databases: only the rows that differ leave.

Two tables too big to move (10 M rows each) are compared the way data-diff does it, written
here for Cuadre: each server computes a count and a checksum per range of keys, ranges whose
counts and checksums agree on both sides are done, the others are split and checked again,
and only the rows of the small ranges that still differ are pulled and compared in Python.

The ranges are ranges of a hash of the key (the first hexadecimal digits of ``md5`` of the
key as text) rather than of the key itself: both servers then cut the keys into the same
ranges whatever their collations (``Ñ`` sorts differently in PostgreSQL's locale and in
SQLite), no boundary has to be sampled first, and a range of 16⁴ buckets is one ``GROUP BY``
query. A row's checksum is ``md5`` of its key and compared columns as text (``NULL`` written
apart from the empty string), its first 15 digits as a 60-bit integer; a range's checksum is
their sum modulo 2⁶⁰ and its count, so the same rows in another order agree and a changed,
added, removed or duplicated row does not (but with chance 2⁻⁶⁰).

Equal checksums only prune: the rows of differing ranges are compared in Python by the
caller's own rules. So normalization in SQL never has to match Cuadre's (``JOSÉ`` against
``José`` differs in SQL and is pulled, then compared as today): equal text in SQL is equal in
Python, which is all the diff needs to give the same findings as a full pull. Rows whose key
is ``NULL`` are always pulled: no key, nothing to compare by.

PostgreSQL computes ``md5`` itself; SQLite gets ``md5`` and the 60-bit sum as functions
registered on its connection (SQLite runs in this process: nothing travels anyway, but the
same code path is tested). Other databases are refused with :class:`NotSupported`, and the
caller pulls them whole as before.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task

if TYPE_CHECKING:
    from app.connectors.sql.database import Database

#: The checksum of a range is the sum of its rows' 60-bit hashes modulo this.
MODULUS = 1 << 60
#: A range is split until it holds about this many rows per side; then its rows are pulled.
LEAF_ROWS = 1.0
#: At most this many ranges are named in one query (``IN`` list / array).
_CHUNK = 5000
_SEP, _NULL = "\x1f", "\x1e"  # unit and record separators: never typed in a cell
_MAX_DIGITS = 12


T = TypeVar("T")


class NotSupported(Exception):
    """The database cannot compute the checksums (neither PostgreSQL nor SQLite)."""


@dataclass(frozen=True)
class TableSide:
    """One side of the diff: a table of a database, its key column, the columns compared
    (in the same order on both sides; their names may differ)."""

    engine: Engine
    table: str
    key: str
    columns: tuple[str, ...]
    schema: str | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def quoted(self, name: str) -> str:
        return str(self.engine.dialect.identifier_preparer.quote(name))

    @property
    def source(self) -> str:
        table = self.quoted(self.table)
        return f"{self.quoted(self.schema)}.{table}" if self.schema else table


@dataclass
class TableDiff:
    """What differs, by key, with the rows pulled from each side (``(key, *columns)`` tuples)."""

    left: dict[Any, list[tuple[Any, ...]]] = field(default_factory=dict)
    right: dict[Any, list[tuple[Any, ...]]] = field(default_factory=dict)
    #: Rows of each table, as counted by the servers.
    left_total: int = 0
    right_total: int = 0
    #: Rows pulled (both sides), checksum groups read, queries run, seconds.
    rows_moved: int = 0
    checksums: int = 0
    queries: int = 0
    seconds: float = 0.0

    @property
    def only_left(self) -> list[Any]:
        return sorted((k for k in self.left if k not in self.right), key=_order)

    @property
    def only_right(self) -> list[Any]:
        return sorted((k for k in self.right if k not in self.left), key=_order)

    @property
    def changed(self) -> list[Any]:
        """Keys on both sides whose rows (as a multiset) differ."""
        both = (k for k in self.left if k in self.right)
        return sorted((k for k in both if sorted(map(repr, self.left[k]))
                       != sorted(map(repr, self.right[k]))), key=_order)

    @property
    def total(self) -> int:
        return self.left_total + self.right_total


def _order(key: Any) -> tuple[int, str]:
    return (0, "") if key is None else (1, str(key))


# --- the SQL each database runs -----------------------------------------------------------------


def _row_text(side: TableSide) -> str:
    """SQL for the row as one text: key and columns as text, NULL apart from ''."""
    names = (side.key, *side.columns)
    if side.dialect == "postgresql":
        parts = [f"coalesce(CAST({side.quoted(n)} AS text), chr(30))" for n in names]
        return "concat_ws(chr(31), " + ", ".join(parts) + ")"
    parts = [f"coalesce(CAST({side.quoted(n)} AS TEXT), char(30))" for n in names]
    return " || char(31) || ".join(parts)


def _key_hash(side: TableSide, digits: int) -> str:
    key = side.quoted(side.key)
    if side.dialect == "postgresql":
        return f"substr(md5(CAST({key} AS text)), 1, {digits})"
    return f"substr(cuadre_md5(CAST({key} AS TEXT)), 1, {digits})"


def _checksum(side: TableSide) -> str:
    row = _row_text(side)
    if side.dialect == "postgresql":
        return f"sum(('x' || substr(md5({row}), 1, 15))::bit(60)::bigint)"
    return f"cuadre_hsum({row})"


def _check_dialect(side: TableSide) -> None:
    if side.dialect not in ("postgresql", "sqlite"):
        raise NotSupported(side.dialect)


def _md5(value: str | None) -> str | None:
    return None if value is None else hashlib.md5(value.encode("utf-8"),
                                                  usedforsecurity=False).hexdigest()


class _HashSum:
    """SQLite aggregate: the sum of the rows' 60-bit hashes modulo 2⁶⁰."""

    def __init__(self) -> None:
        self.total = 0

    def step(self, value: str | None) -> None:
        digest = _md5(value or "")
        assert digest is not None
        self.total = (self.total + int(digest[:15], 16)) % MODULUS

    def finalize(self) -> int:
        return self.total


def _prepare(conn: Connection, side: TableSide) -> None:
    if side.dialect == "sqlite":
        raw: Any = conn.connection.dbapi_connection
        raw.create_function("cuadre_md5", 1, _md5, deterministic=True)
        raw.create_aggregate("cuadre_hsum", 1, _HashSum)


def _in_list(side: TableSide, digits: int, prefixes: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """A WHERE clause keeping the ranges ``prefixes`` (``digits`` long) and its parameters."""
    if side.dialect == "postgresql":  # a hashed subplan: ``= ANY(array)`` scans the array per row
        return (f"{_key_hash(side, digits)} IN (SELECT unnest(CAST(:prefixes AS text[])))",
                {"prefixes": list(prefixes)})
    names = {f"p{i}": p for i, p in enumerate(prefixes)}
    listed = ", ".join(f":{n}" for n in names)
    return f"{_key_hash(side, digits)} IN ({listed})", names


# --- the diff --------------------------------------------------------------------------------


class _Runner:
    """One side's queries, each on a connection of its own, counted."""

    def __init__(self, side: TableSide) -> None:
        _check_dialect(side)
        self.side = side
        self.queries = self.checksums = self.moved = 0  # summed into the diff at the end

    def fetch(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        with self.side.engine.connect() as conn:
            _prepare(conn, self.side)
            self.queries += 1
            return [tuple(r) for r in conn.execute(text(sql), params or {})]

    def count(self) -> int:
        key = self.side.quoted(self.side.key)
        rows = self.fetch(f"SELECT count(*), count({key}) FROM {self.side.source}")
        return int(rows[0][0])

    def sums(self, digits: int, within: tuple[int, Sequence[str]] | None
             ) -> dict[str, tuple[int, int]]:
        """(count, checksum) per range of ``digits`` hex digits, only inside ``within``'s
        ranges when given (their own digit count and prefixes)."""
        side = self.side
        bucket = _key_hash(side, digits)
        select = (f"SELECT {bucket} AS b, count(*), {_checksum(side)} FROM {side.source} "
                  f"WHERE {side.quoted(side.key)} IS NOT NULL")
        out: dict[str, tuple[int, int]] = {}
        chunks: Iterable[Sequence[str] | None] = [None]
        if within is not None:
            chunks = (within[1][i:i + _CHUNK] for i in range(0, len(within[1]), _CHUNK))
        for chunk in chunks:
            sql = select
            params: dict[str, Any] = {}
            if within is not None and chunk is not None:
                clause, params = _in_list(side, within[0], chunk)
                sql += f" AND {clause}"
            for b, n, s in self.fetch(sql + f" GROUP BY {bucket}", params):
                out[str(b)] = (int(n), int(s or 0) % MODULUS)
        self.checksums += len(out)
        return out

    def rows(self, digits: int, prefixes: Sequence[str]) -> list[tuple[Any, ...]]:
        """The rows of the ranges ``prefixes``, and every row without a key."""
        side = self.side
        names = ", ".join(side.quoted(n) for n in (side.key, *side.columns))
        base = f"SELECT {names} FROM {side.source} WHERE "
        out = self.fetch(base + f"{side.quoted(side.key)} IS NULL")
        for i in range(0, len(prefixes), _CHUNK):
            clause, params = _in_list(side, digits, prefixes[i:i + _CHUNK])
            out.extend(self.fetch(base + clause, params))
        self.moved += len(out)
        return out


def _both(sides: tuple[_Runner, _Runner], work: Callable[[_Runner], T]) -> tuple[T, T]:
    """``work`` on both sides at once: each server computes its own checksums meanwhile."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="cuadre-diff") as pool:
        left, right = pool.map(work, sides)
    return left, right


def _digits_for(rows: float, per_range: float) -> int:
    """Hex digits of the key hash that cut ``rows`` into ranges of about ``per_range``."""
    if rows <= per_range:
        return 1
    return max(1, min(_MAX_DIGITS, math.ceil(math.log(rows / per_range, 16))))


def diff_tables(left: TableSide, right: TableSide, *, cancel: CancelToken | None = None,
                first_range: float = 256.0, leaf: float = LEAF_ROWS,
                step: str = "diff") -> Task[TableDiff]:
    """Compare ``left`` and ``right`` inside their databases; a progress report and a cancel
    point after each round. Raises :class:`NotSupported` for a database other than PostgreSQL
    or SQLite (then pull both whole)."""
    if len(left.columns) != len(right.columns):
        raise ValueError("both sides compare the same number of columns")
    started = time.monotonic()
    diff = TableDiff()
    sides = (_Runner(left), _Runner(right))
    diff.left_total, diff.right_total = (s.count() for s in sides)
    rows = max(diff.left_total, diff.right_total, 1)
    digits = _digits_for(rows, first_range)
    within: tuple[int, Sequence[str]] | None = None
    rounds = 1 + max(0, _digits_for(rows, leaf) - digits)  # for progress: a guess
    done = 0
    yield Progress(step, done, rounds)
    while True:
        if cancel is not None:
            cancel.check()
        a, b = _both(sides, partial(_Runner.sums, digits=digits, within=within))
        differing = sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
        done += 1
        yield Progress(step, min(done, rounds), rounds)
        # The rows of a differing range, on average: split again while above the leaf size.
        per_range = max((a.get(p, (0, 0))[0] + b.get(p, (0, 0))[0]) / 2 for p in differing
                        ) if differing else 0.0
        if not differing or per_range <= leaf or digits >= _MAX_DIGITS:
            break
        within = (digits, differing)
        digits += 1  # 16 ranges each: fewer checksums travel than with a wider split
    pulled = _both(sides, partial(_Runner.rows, digits=digits, prefixes=differing))
    for rows_of, into in zip(pulled, (diff.left, diff.right), strict=True):
        for row in rows_of:
            into.setdefault(row[0], []).append(row)
    _drop_equal(diff)
    diff.queries = sum(s.queries for s in sides)
    diff.checksums = sum(s.checksums for s in sides)
    diff.rows_moved = sum(s.moved for s in sides)
    diff.seconds = time.monotonic() - started
    return diff


def _drop_equal(diff: TableDiff) -> None:
    """Keys pulled because they share a range with a difference, yet equal on both sides."""
    for key in [k for k in diff.left if k is not None and k in diff.right]:
        if sorted(map(repr, diff.left[key])) == sorted(map(repr, diff.right[key])):
            del diff.left[key]
            del diff.right[key]


#: The key each entity is diffed by.
KEYS = {"customers": "doc_number", "vehicles": "vin", "payments": "receipt_number"}


def source_sides(left: Database, right: Database, entity: Entity
                 ) -> tuple[TableSide, TableSide, tuple[str, ...]] | None:
    """Both databases' tables of ``entity`` as diff sides, by their own column names for the
    same canonical fields (as each profile maps them): the entity's key and every other field
    both tables have in one column. None when either reads a query, or lacks the key."""
    key = KEYS.get(entity.value)
    srcs = [db.source(entity) for db in (left, right)]
    if key is None or any(src.table is None or src.id_copy for src in srcs):
        return None
    fields = [db.fields_of(src) for db, src in zip((left, right), srcs, strict=True)]
    if any(len(f.get(key, ())) != 1 for f in fields):
        return None
    shared = tuple(name for name, cols in fields[0].items()
                   if name not in (key, "source_id") and len(cols) == 1
                   and len(fields[1].get(name, ())) == 1)
    sides = []
    for db, src, found in zip((left, right), srcs, fields, strict=True):
        assert src.table is not None
        sides.append(TableSide(db.engine, src.table.name, found[key][0],
                               tuple(found[name][0] for name in shared), schema=src.table.schema))
    return sides[0], sides[1], shared


def full_diff(left_rows: Iterable[tuple[Any, ...]], right_rows: Iterable[tuple[Any, ...]]
              ) -> TableDiff:
    """The same diff from every row of both sides (what a full pull gives): for tests and
    the bench's comparison."""
    diff = TableDiff()
    for rows, into in ((left_rows, diff.left), (right_rows, diff.right)):
        for row in rows:
            into.setdefault(row[0], []).append(tuple(row))
            diff.rows_moved += 1
    diff.left_total = sum(map(len, diff.left.values()))
    diff.right_total = sum(map(len, diff.right.values()))
    _drop_equal(diff)
    return diff


def findings(diff: TableDiff, equal: Callable[[tuple[Any, ...], tuple[Any, ...]], bool] | None = None
             ) -> dict[str, list[Any]]:
    """Keys only left, only right and changed (per ``equal`` when given: Cuadre's own
    comparison of two rows, so values equal once normalized are no change)."""
    changed = diff.changed
    if equal is not None:
        changed = [k for k in changed if not (len(diff.left[k]) == len(diff.right[k]) == 1
                                              and equal(diff.left[k][0], diff.right[k][0]))]
    return {"only_left": diff.only_left, "only_right": diff.only_right, "changed": changed}


__all__ = ["KEYS", "LEAF_ROWS", "NotSupported", "TableDiff", "TableSide", "diff_tables",
           "findings", "full_diff", "source_sides"]
