"""Which findings the table shows and in what order, computed over columns, off the GUI thread.

The table's proxy (``findings_proxy``) asks for a :class:`Query` — the filters (kind, words,
state, owner, age) and the sort — over a :class:`Snapshot` of the model: its rows and their
per-row lists, which the model replaces rather than changes, so a worker can read them while
the window goes on. :func:`compute_view` is a task (``app.progress``): it yields between
pieces of work, so a newer keystroke cancels it at once, and returns a :class:`ViewOrder`
(source rows in the table's order, and those shown).

Built for a million rows:

- the words are searched in a polars string column of the rows' folded texts (a million rows
  in about 40 ms), built once per version of the texts; typing on («pe» → «per») searches
  only among the rows the shorter words found;
- a column's sort keys (Python values: text, numbers, (rank, value) pairs) are read once per
  version of what they depend on and turned into integer ranks, so a sort is a stable numpy
  ``argsort`` over integers; empty cells go last either way and ties keep their order;
- kinds, states and owners are compared as codes in numpy arrays.

Nothing here touches Qt: the proxy applies the result on the GUI thread in one step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.progress import Progress, Task

if TYPE_CHECKING:  # numpy and polars load on the first big filter, on the worker
    import numpy as np
    import polars as pl

    from ui.reconcile.finding_rows import FindingRow

#: Rows per piece of work: a cancelled computation stops within one piece.
CHUNK = 250_000

#: Strings turned into a polars column at once (holding the interpreter's lock ~10 ms).
_PIECE = 50_000


@dataclass(frozen=True, slots=True)
class Query:
    """What the table shows: filters (None: off) and the sort (column -1: the model's order)."""

    kind: str | None = None
    needle: str = ""  # folded
    digits: str | None = None  # the needle without separators, when it is a number
    state: str | None = None
    owner: str | None = None  # a login; "" for findings nobody has
    older: int | None = None
    column: int = -1
    descending: bool = False

    @property
    def life(self) -> bool:
        return (self.state, self.owner, self.older) != (None, None, None)

    def filters(self) -> tuple[Any, ...]:
        return (self.kind, self.needle, self.digits, self.state, self.owner, self.older)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The model as it was when the query was asked; ``versions`` name what each part of it
    was computed from (the cache keys)."""

    rows: Sequence[FindingRow]
    kinds: Sequence[str]
    search: Sequence[str]
    rows_version: int
    search_version: int
    life_version: int
    key: Callable[[int], Callable[[FindingRow], Any]]  # a column's sort key
    key_version: Callable[[int], Hashable]  # what a column's keys depend on
    money_column: int | None


@dataclass(frozen=True, slots=True)
class ViewOrder:
    """The answer: every source row in the sort's order (``full``) and those shown."""

    full: np.ndarray
    shown: np.ndarray
    query: Query
    #: Where each source row shows (-1: hidden), computed here rather than on the GUI thread.
    pos: np.ndarray | None = None


class ColumnCache:
    """Arrays derived from a model's lists, kept while the lists they came from are the same
    (``Snapshot`` versions). Filled by the worker; the GUI thread only drops it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[Hashable, Any] = {}
        # The last search: (version, needle, rows it found), to narrow the next one.
        self.last_search: tuple[int, str, np.ndarray] | None = None

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
        return value

    def peek(self, key: Hashable) -> Any:
        """What is kept under ``key``, or None (nothing is built)."""
        with self._lock:
            return self._items.get(key)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.last_search = None


def _np() -> Any:
    import numpy

    return numpy


def _series(texts: Sequence[str]) -> pl.Series:
    """A polars string column of ``texts``, built in pieces: turning Python strings into a
    column holds the interpreter's lock, and one piece at a time lets the window run."""
    import polars

    pieces = [polars.Series("text", list(texts[i:i + _PIECE]), dtype=polars.Utf8)
              for i in range(0, len(texts), _PIECE)]
    return polars.concat(pieces) if pieces else polars.Series("text", [], dtype=polars.Utf8)


def _dense(series: pl.Series) -> np.ndarray:
    """Dense ranks of a string column, sorted by polars (which lets the window run; Python's
    ``sorted`` would hold the interpreter's lock for seconds)."""
    np = _np()
    order = series.arg_sort()
    ordered = series.gather(order)
    new = (ordered != ordered.shift(1)).fill_null(True).to_numpy()
    codes = np.empty(len(series), dtype=np.int64)
    codes[order.to_numpy()] = np.cumsum(new) - 1
    return codes


def ranks(keys: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Integer ranks of ``keys`` (equal keys, equal ranks) and where a key is present. A key
    is text, a number, or a (rank, text or number) pair; within one rank all are text or all
    numbers, as the columns make them."""
    np = _np()
    n = len(keys)
    group = np.zeros(n, dtype=np.int64)
    number = np.zeros(n, dtype=np.float64)
    present = np.ones(n, dtype=bool)
    texts = [""] * n
    for i, key in enumerate(keys):
        if key is None:
            present[i] = False
            continue
        value = key
        if isinstance(key, tuple):
            group[i], value = key
        if isinstance(value, str):
            texts[i] = value
        else:
            number[i] = value
    text = _dense(_series(texts)) if any(texts) else np.zeros(n, dtype=np.int64)
    order = np.lexsort((text, number, group))
    step = np.ones(n, dtype=bool)
    step[1:] = ((group[order][1:] != group[order][:-1]) | (number[order][1:] != number[order][:-1])
                | (text[order][1:] != text[order][:-1]))
    codes = np.empty(n, dtype=np.int64)
    codes[order] = np.cumsum(step) - 1
    codes[~present] = -1
    return codes, present


def sort_rows(base: np.ndarray, codes: np.ndarray, present: np.ndarray, descending: bool,
              ages: np.ndarray | None = None) -> np.ndarray:
    """``base`` (source rows in their current order) sorted by ``codes``: stable, so ties
    keep their order; rows without a key last either way. With ``ages`` (days, -1 unknown),
    rows with the same key put the oldest first."""
    np = _np()
    if ages is not None:
        base = base[np.argsort(-ages[base], kind="stable")]
    keep = present[base]
    rows, missing = base[keep], base[~keep]
    keys = codes[rows]
    order = np.argsort(-keys if descending else keys, kind="stable")
    return np.concatenate([rows[order], missing])


def _contains(series: pl.Series, needle: str) -> np.ndarray:
    return series.str.contains(needle, literal=True).to_numpy()


def search_mask(snapshot: Snapshot, cache: ColumnCache, needle: str, digits: str | None
                ) -> np.ndarray:
    """Rows whose folded text holds ``needle`` (or ``digits``, a number typed with
    separators). Narrows the last search's rows when the needle grows."""
    np = _np()
    n, version = len(snapshot.search), snapshot.search_version
    series = cache.get(("search", version), lambda: _series(snapshot.search))
    last = cache.last_search
    if last is not None and last[0] == version and last[1] and last[1] in needle \
            and digits is None and len(last[2]) < n // 2:
        # Typing on: only rows the shorter needle found can hold the longer (when they are
        # few: gathering most of the column costs more than searching all of it).
        rows = last[2]
        found = _contains(series.gather(rows), needle) if len(rows) else np.zeros(0, bool)
        matched = rows[found]
    else:
        hit = _contains(series, needle)
        if digits is not None:
            hit |= _contains(series, digits)
        matched = np.flatnonzero(hit)
    cache.last_search = (version, needle, matched)
    mask = np.zeros(n, dtype=bool)
    mask[matched] = True
    return mask


def _codes(values: Sequence[Any]) -> tuple[np.ndarray, dict[Any, int]]:
    np = _np()
    codes: dict[Any, int] = {}
    array = np.fromiter((codes.setdefault(v, len(codes)) for v in values), dtype=np.int32,
                        count=len(values))
    return array, codes


def _life_arrays(snapshot: Snapshot, cache: ColumnCache) -> tuple[Any, ...]:
    def build() -> tuple[Any, ...]:
        np = _np()
        rows = snapshot.rows
        states, state_codes = _codes([r.state for r in rows])
        owners, owner_codes = _codes([r.owner or "" for r in rows])
        ages = np.fromiter((-1 if r.age is None else r.age for r in rows), dtype=np.int64,
                           count=len(rows))
        return states, state_codes, owners, owner_codes, ages

    return cache.get(("life", snapshot.rows_version, snapshot.life_version), build)


def filter_mask(snapshot: Snapshot, cache: ColumnCache, query: Query) -> Task[np.ndarray]:
    """The rows ``query``'s filters keep (a boolean array over the source rows)."""
    np = _np()
    mask = np.ones(len(snapshot.rows), dtype=bool)
    if query.kind is not None:
        kinds, codes = cache.get(("kinds", snapshot.rows_version),
                                 lambda: _codes(snapshot.kinds))
        mask &= kinds == codes.get(query.kind, -2)
        yield Progress("filter", 1, 3)
    if query.life:
        states, state_codes, owners, owner_codes, ages = _life_arrays(snapshot, cache)
        if query.state is not None:
            mask &= states == state_codes.get(query.state, -2)
        if query.owner is not None:
            mask &= owners == owner_codes.get(query.owner, -2)
        if query.older is not None:
            mask &= ages > query.older
        yield Progress("filter", 2, 3)
    if query.needle:
        mask &= search_mask(snapshot, cache, query.needle, query.digits)
    return mask


def column_ranks(snapshot: Snapshot, cache: ColumnCache, column: int
                 ) -> Task[tuple[np.ndarray, np.ndarray]]:
    """``column``'s sort keys as ranks, read in pieces (a cancel stops between them)."""
    key_id = ("ranks", column, snapshot.rows_version, snapshot.key_version(column))
    cached = cache.peek(key_id)
    if cached is not None:
        return cached
    key, rows, keys = snapshot.key(column), snapshot.rows, []
    for start in range(0, len(rows), CHUNK):
        keys += [key(r) for r in rows[start:start + CHUNK]]
        yield Progress("sort", start, len(rows))
    value = ranks(keys)
    cache.get(key_id, lambda: value)
    return value


def compute_view(snapshot: Snapshot, cache: ColumnCache, query: Query,
                 base: np.ndarray | None, resort: bool) -> Task[ViewOrder]:
    """The table's rows for ``query``: ``base`` (the current order, None: the model's) sorted
    again when ``resort``, then filtered."""
    np = _np()
    n = len(snapshot.rows)
    full = np.arange(n, dtype=np.int64) if base is None else base
    if len(full) < n:  # rows added after the others (matched by hand) come last
        full = np.concatenate([full, np.arange(len(full), n, dtype=np.int64)])
    if resort and 0 <= query.column and n:
        codes, present = yield from column_ranks(snapshot, cache, query.column)
        ages = None
        if query.column == snapshot.money_column and any(r.age is not None
                                                         for r in snapshot.rows):
            ages = _life_arrays(snapshot, cache)[4]
        full = sort_rows(full, codes, present, query.descending, ages)
    yield Progress("filter", 0, 3)
    if query.filters() == Query().filters():
        return ViewOrder(full, full, query, positions(full, n))
    mask = yield from filter_mask(snapshot, cache, query)
    shown = full[mask[full]]
    return ViewOrder(full, shown, query, positions(shown, n))


def positions(shown: np.ndarray, n: int) -> np.ndarray:
    """Where each of ``n`` source rows shows in ``shown`` (-1: it does not)."""
    np = _np()
    pos = np.full(n, -1, dtype=np.int64)
    pos[shown] = np.arange(len(shown), dtype=np.int64)
    return pos


def warm(snapshot: Snapshot, cache: ColumnCache) -> Task[None]:
    """Build what the first search and the kind filter need, ahead of them (on the worker,
    once rows arrive): the search column and the kinds' codes."""
    yield Progress("filter", 0, 2)
    cache.get(("kinds", snapshot.rows_version), lambda: _codes(snapshot.kinds))
    yield Progress("filter", 1, 2)
    cache.get(("search", snapshot.search_version), lambda: _series(snapshot.search))
