"""What the last run pulled, per source and entity: the snapshot an incremental run starts from.

A snapshot is one entity of one system as a run last saw it: its canonical frame, the issues
its connector reported about it, the high-water mark (the newest ``updated_at`` it held), the
source's configuration fingerprint (another configuration, another snapshot) and when the
last full pull was. They live in one SQLite file beside the workspace store
(``snapshots.sqlite`` in the data folder), one row per (workspace, system, entity).

The frame is kept by column, keyed by record id (``source_id``): each column is JSON (its
type once per column when the column has a single type, else per value: ``Decimal`` as
exact text, dates and zone-aware timestamps as ISO 8601), compressed with zlib. No pickle:
nothing read back can run code. A row that cannot be read back (a cut file, another
layout, a checksum that no longer matches) is :class:`SnapshotBroken`, and the run is then
full for that entity, saying why.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from app.connectors.base import SourceIssue
from app.domain.schema import Entity, System
from app.paths import data_dir

#: The layout of what is stored; another one is read as "of another version" (a full run).
LAYOUT = 1

_DDL = """
CREATE TABLE IF NOT EXISTS snapshots (
    workspace TEXT NOT NULL,
    system TEXT NOT NULL,
    entity TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    layout INTEGER NOT NULL,
    high_water TEXT,
    full_at TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    records INTEGER NOT NULL,
    version TEXT,
    body BLOB NOT NULL,
    checksum TEXT NOT NULL,
    PRIMARY KEY (workspace, system, entity)
)
"""


class SnapshotBroken(Exception):
    """A stored snapshot that cannot be read back as it was written."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One entity of one system as a run last pulled it."""

    frame: pd.DataFrame
    issues: tuple[SourceIssue, ...]
    fingerprint: str
    high_water: datetime | None
    full_at: datetime
    taken_at: datetime
    #: The source's version token when it has one (a file's size and time).
    version: str | None = None


def default_path() -> Path:
    """The snapshots' file, beside the default workspace store in the data folder."""
    return data_dir() / "snapshots.sqlite"


# --- values ---------------------------------------------------------------------------------

def _same(value: Any) -> Any:
    return value


_ENCODERS: dict[str, Callable[[Any], Any]] = {
    "dec": str, "date": date.isoformat, "dt": datetime.isoformat, "num": lambda v: v.item(),
}
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "dec": Decimal, "date": date.fromisoformat, "dt": datetime.fromisoformat, "num": _same,
}


def _kind(value: Any) -> str:
    if value is None or isinstance(value, (str, bool, int, float)):
        return "json"
    if isinstance(value, Decimal):
        return "dec"
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return "dt"
    if isinstance(value, date):
        return "date"
    if hasattr(value, "item"):  # a NumPy scalar: kept as the Python value it stands for
        return "num"
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


_KINDS: dict[type, str] = {str: "json", bool: "json", int: "json", float: "json",
                           Decimal: "dec", datetime: "dt", date: "date"}


def _encode_column(values: list[Any]) -> dict[str, Any]:
    types = set(map(type, values))
    types.discard(type(None))
    kinds = {_KINDS.get(t) or _kind_of_type(t) for t in types}
    if len(kinds) <= 1:
        kind = next(iter(kinds), "json")
        enc = _ENCODERS.get(kind)
        data = values if enc is None else [None if v is None else enc(v) for v in values]
        return {"kind": kind, "values": data}
    tagged = [None if v is None else [_kind(v), _ENCODERS.get(_kind(v), _same)(v)]
              for v in values]
    return {"kind": "mixed", "values": tagged}


def _kind_of_type(t: type) -> str:
    """The kind of a type not in :data:`_KINDS` (a subclass: a pandas Timestamp, a NumPy
    scalar)."""
    for base, kind in _KINDS.items():
        if issubclass(t, base) and not (base is date and issubclass(t, datetime)):
            return kind
    if hasattr(t, "item"):
        return "num"
    raise TypeError(f"cannot keep a {t.__name__} in a snapshot")


def _decode_column(doc: dict[str, Any]) -> list[Any]:
    kind, values = doc["kind"], doc["values"]
    if kind == "json":
        return list(values)
    if kind == "mixed":
        return [None if v is None else _DECODERS.get(v[0], _same)(v[1]) for v in values]
    dec = _DECODERS[kind]
    return [None if v is None else dec(v) for v in values]


def encode_frame(frame: pd.DataFrame, issues: Iterable[SourceIssue]) -> bytes:
    """A canonical frame (and its issues) as compressed JSON, column by column."""
    doc = {
        "columns": [str(c) for c in frame.columns],
        "data": [_encode_column(frame[c].tolist()) for c in frame.columns],
        "issues": [[i.system.value, i.entity.value, i.source_id, i.column, i.reason, i.value]
                   for i in issues],
    }
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                         .encode("utf-8"), 1)


def decode_frame(body: bytes) -> tuple[pd.DataFrame, tuple[SourceIssue, ...]]:
    """What :func:`encode_frame` wrote; :class:`SnapshotBroken` when it cannot be read."""
    try:
        doc = json.loads(zlib.decompress(body).decode("utf-8"))
        columns = list(doc["columns"])
        data = {c: pd.Series(_decode_column(col), dtype=object)
                for c, col in zip(columns, doc["data"], strict=True)}
        issues = tuple(SourceIssue(System(s), Entity(e), sid, col, reason, value)
                       for s, e, sid, col, reason, value in doc["issues"])
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise SnapshotBroken(str(exc)) from exc
    return pd.DataFrame(data, columns=columns), issues


# --- the file -------------------------------------------------------------------------------


class SnapshotStore:
    """The snapshots' SQLite file (created on first write)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute(_DDL)
        return conn

    def load(self, workspace: str, system: System, entity: Entity) -> Snapshot | None:
        """The snapshot of ``entity`` in ``system`` for ``workspace``; None when there is
        none; :class:`SnapshotBroken` when the file or the row cannot be read back."""
        if not self.path.exists():
            return None
        try:
            conn = self._connect()
            try:
                row = conn.execute(
                    "SELECT fingerprint, layout, high_water, full_at, taken_at, records, version, "
                    "body, checksum FROM snapshots WHERE workspace = ? AND system = ? AND entity = ?",
                    (workspace, system.value, entity.value)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise SnapshotBroken(str(exc)) from exc
        if row is None:
            return None
        fingerprint, layout, high, full_at, taken_at, count, version, body, checksum = row
        if layout != LAYOUT:
            raise SnapshotBroken(f"layout {layout}")
        if not isinstance(body, bytes) or hashlib.sha256(body).hexdigest() != checksum:
            raise SnapshotBroken("checksum")
        frame, issues = decode_frame(body)
        if len(frame) != count or "source_id" not in frame.columns:
            raise SnapshotBroken("records")
        try:
            return Snapshot(frame, issues, fingerprint,
                            datetime.fromisoformat(high) if high else None,
                            datetime.fromisoformat(full_at), datetime.fromisoformat(taken_at),
                            version)
        except ValueError as exc:
            raise SnapshotBroken(str(exc)) from exc

    def save(self, workspace: str, system: System, entity: Entity, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` (replacing the one before). A file that cannot be written is
        started anew once: a snapshot is a cache, never the only copy of anything."""
        body = encode_frame(snapshot.frame, snapshot.issues)
        values = (workspace, system.value, entity.value, snapshot.fingerprint, LAYOUT,
                  snapshot.high_water.isoformat() if snapshot.high_water else None,
                  snapshot.full_at.isoformat(), snapshot.taken_at.isoformat(),
                  len(snapshot.frame), snapshot.version, body, hashlib.sha256(body).hexdigest())
        try:
            self._write(values)
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)  # not a database (a cut or foreign file)
            self._write(values)

    def _write(self, values: tuple[Any, ...]) -> None:
        conn = self._connect()
        try:
            conn.execute("INSERT OR REPLACE INTO snapshots VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         values)
        finally:
            conn.close()

    def forget(self, workspace: str) -> None:
        """Drop every snapshot of ``workspace`` (the next run is full)."""
        if not self.path.exists():
            return
        conn = self._connect()
        try:
            conn.execute("DELETE FROM snapshots WHERE workspace = ?", (workspace,))
        finally:
            conn.close()
