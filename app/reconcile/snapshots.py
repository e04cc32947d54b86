"""What the last run pulled, per source and entity: the snapshot an incremental run starts from.

A snapshot is one entity of one system as a run last saw it: its canonical frame, the issues
its connector reported about it, the high-water mark (the newest ``updated_at`` it held), the
source's configuration fingerprint (another configuration, another snapshot) and when the
last full pull was. They live in one SQLite file beside the workspace store
(``snapshots.sqlite`` in the data folder), one row per (workspace, system, entity).

The frame is kept by column, keyed by record id (``source_id``): each column is JSON (its
type once per column when the column has a single type, else per value: ``Decimal`` as
exact text, dates and zone-aware timestamps as ISO 8601), compressed with zlib, then
encrypted (AES-256-GCM, the workspace, system and entity as associated data) with a key kept
in the OS keyring (``app.security.secrets``, entry :data:`KEY_REF`, made on first use): a
snapshot holds personal data (Ley 1581) and is never written in the clear. Without a secure
keyring nothing is written: the snapshots live in the process only (the window's F5 stays
incremental while it is open; a new process reads everything, saying there is no previous
read). No pickle: nothing read back can run code. A row that cannot be read back (a cut
file, another layout, a checksum that no longer matches, another key) is
:class:`SnapshotBroken`, and the run is then full for that entity, saying why.

A run does not wait for its snapshots: they are kept in memory at once and written by one
thread behind it (:func:`flush` waits; it runs at exit).
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import logging
import os
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.connectors.base import SourceIssue
from app.domain.schema import Entity, System
from app.paths import data_dir
from app.reconcile import behind

log = logging.getLogger(__name__)

#: The layout of what is stored; another one is read as "of another version" (a full run).
#: 2: the body encrypted (AES-256-GCM, the key in the OS keyring).
LAYOUT = 2
#: The keyring entry of the snapshots' key (``app.security.secrets``).
KEY_REF = "cuadre:instantaneas"


def _keyring_key() -> bytes | None:
    """The snapshots' key from the OS keyring, made there on first use; None when there is
    no secure keyring (then nothing is written: the snapshots live only in this process)."""
    from app.security import secrets

    try:
        secure, _name = secrets.backend_status()
        if not secure:
            return None
        text = secrets.get_secret(KEY_REF)
        if text is None:
            secrets.set_secret(KEY_REF, base64.b64encode(AESGCM.generate_key(256)).decode())
            text = secrets.get_secret(KEY_REF)
        key = base64.b64decode(text or "")
    except (secrets.SecretStoreError, ValueError):
        return None
    return key if len(key) == 32 else None


_source: list[Callable[[], bytes | None]] = [_keyring_key]
_known: dict[str, bytes | None] = {}


def use_key(source: Callable[[], bytes | None] | None) -> None:
    """Take the key from ``source`` (tests and benchmarks give one of their own; None: the
    keyring again)."""
    _source[0] = source or _keyring_key
    _known.clear()


def key_source() -> bytes | None:
    """The snapshots' key, asked once per process; None without a secure keyring."""
    if "key" not in _known:
        _known["key"] = _source[0]()
    return _known["key"]


def _seal(body: bytes, key: bytes, label: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, body, label.encode("utf-8"))


def _open(sealed: bytes, key: bytes, label: str) -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:12], sealed[12:], label.encode("utf-8"))
    except (InvalidTag, ValueError) as exc:
        raise SnapshotBroken("not readable with this key") from exc

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


_Key = tuple[str, str, str, str]  # (file, workspace, system, entity)


class _Kept:
    """The snapshots of this process, as last saved or loaded (by file, workspace, system
    and entity), and their writing to disk by one thread behind the run: a run does not wait
    for its snapshots to be encoded and written (the next run in the process starts from
    these; a new process from the file, once written — ``flush`` at exit)."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.memory: dict[_Key, Snapshot] = {}
        self.pending: dict[_Key, tuple[SnapshotStore, str, System, Entity, Snapshot]] = {}
        self.thread: threading.Thread | None = None
        self.writing = False

    def put(self, key: _Key, store: SnapshotStore, workspace: str, system: System,
            entity: Entity, snapshot: Snapshot) -> None:
        with self.lock:
            self.memory[key] = snapshot
            self.pending[key] = (store, workspace, system, entity, snapshot)
            if not self.writing:  # (a writer that decided to stop may still be alive)
                self.writing = True
                self.thread = threading.Thread(target=self._write, name="cuadre-snapshots",
                                               daemon=True)
                self.thread.start()

    def _write(self) -> None:
        while True:
            with self.lock:
                if not self.pending:
                    self.writing = False
                    self.lock.notify_all()
                    return
                key = next(iter(self.pending))
            behind.wait_idle()  # not while a run is in progress (unless hurried: ``flush``)
            with self.lock:
                entry = self.pending.get(key)
                if entry is None:
                    continue
                store, workspace, system, entity, snapshot = entry
            try:
                store.write_now(workspace, system, entity, snapshot)
            except Exception as exc:  # a cache: the next run is full, saying why
                log.warning("snapshot of %s %s not saved: %s", system.value, entity.value,
                            type(exc).__name__)
                with self.lock:
                    self.memory.pop(key, None)
            with self.lock:
                entry = self.pending.get(key)
                if entry is not None and entry[4] is snapshot:  # not saved again meanwhile
                    del self.pending[key]

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every snapshot saved is written."""
        with behind.hurried(), self.lock:
            self.lock.wait_for(lambda: not self.pending, timeout)


_KEPT = _Kept()


def flush(timeout: float | None = None) -> None:
    """Wait until the snapshots saved by this process are on disk."""
    _KEPT.flush(timeout)


def forget_kept() -> None:
    """Forget what this process keeps in memory (once written): the next load reads the file."""
    flush()
    with _KEPT.lock:
        _KEPT.memory.clear()


atexit.register(flush)


class SnapshotStore:
    """The snapshots' SQLite file (created on first write)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def _key(self, workspace: str, system: System, entity: Entity) -> _Key:
        return (str(self.path), workspace, system.value, entity.value)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute(_DDL)
        return conn

    def load(self, workspace: str, system: System, entity: Entity) -> Snapshot | None:
        """The snapshot of ``entity`` in ``system`` for ``workspace``; None when there is
        none; :class:`SnapshotBroken` when the file or the row cannot be read back. What this
        process saved or loaded last is taken from memory while the file holds the same (or
        has yet to be written)."""
        key = self._key(workspace, system, entity)
        with _KEPT.lock:
            kept = _KEPT.memory.get(key)
            if kept is not None and (key in _KEPT.pending or key_source() is None):
                return kept
        if not self.path.exists():
            return None
        if kept is not None and self._stamp(workspace, system, entity) == (
                kept.taken_at.isoformat(), len(kept.frame)):
            return kept
        snap = self._read(workspace, system, entity)
        if snap is not None:
            with _KEPT.lock:
                _KEPT.memory[key] = snap
        return snap

    def _stamp(self, workspace: str, system: System, entity: Entity) -> tuple[str, int] | None:
        try:
            conn = self._connect()
            try:
                row = conn.execute(
                    "SELECT taken_at, records FROM snapshots WHERE workspace = ? AND system = ? "
                    "AND entity = ?", (workspace, system.value, entity.value)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        return (row[0], row[1]) if row is not None else None

    def _read(self, workspace: str, system: System, entity: Entity) -> Snapshot | None:
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
        key = key_source()
        if key is None:
            return None  # no key to read it with: as if there were none
        frame, issues = decode_frame(_open(body, key, f"{workspace}|{system.value}|{entity.value}"))
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
        """Keep ``snapshot`` (replacing the one before): at once in memory, on disk by the
        writing thread (:func:`flush` waits for it)."""
        _KEPT.put(self._key(workspace, system, entity), self, workspace, system, entity,
                  snapshot)

    def write_now(self, workspace: str, system: System, entity: Entity,
                  snapshot: Snapshot) -> None:
        """Write ``snapshot`` to the file now. A file that cannot be written is started anew
        once: a snapshot is a cache, never the only copy of anything."""
        key = key_source()
        if key is None:  # no secure keyring: personal data is never written in the clear
            log.info("no secure keyring: the snapshot of %s %s is kept in memory only",
                     system.value, entity.value)
            return
        body = _seal(encode_frame(snapshot.frame, snapshot.issues), key,
                     f"{workspace}|{system.value}|{entity.value}")
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
        flush()
        with _KEPT.lock:
            for key in [k for k in _KEPT.memory if k[:2] == (str(self.path), workspace)]:
                del _KEPT.memory[key]
        if not self.path.exists():
            return
        conn = self._connect()
        try:
            conn.execute("DELETE FROM snapshots WHERE workspace = ?", (workspace,))
        finally:
            conn.close()
