"""Opening the workspace store: a SQLite file in the data folder, or any SQLAlchemy URL.

SQLite (the default, ``<data folder>/workspace.sqlite``) gets, on every connection: WAL,
``foreign_keys=ON``, ``synchronous=FULL`` (approval, outbox and audit commits must survive a
power cut), a busy timeout, and SQLAlchemy's documented pysqlite workaround — the driver's own
transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself, so SAVEPOINT and
transactional DDL work. Write transactions (``Store.write()``) start with ``BEGIN IMMEDIATE``:
two writers queue on the busy timeout instead of failing half-way. A SQLite file on a network
share is refused (file locking over SMB/NFS is not reliable and corrupts databases).

PostgreSQL (``postgresql://usuario@servidor/base``) is the shared office workspace: the
service layer locks the rows it decides (``SELECT … FOR UPDATE``).

The schema is created when absent and its version checked on every open; a store written by
another schema version is refused with a Spanish message (migrations come with Alembic).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import app.store.triggers  # noqa: F401  (registers the trigger DDL on the metadata)
from app.paths import data_dir
from app.store.models import SCHEMA_VERSION, AuditHead, Base, StoreMeta
from app.store.values import GENESIS

BUSY_TIMEOUT_MS = 15_000
FILENAME = "workspace.sqlite"
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs",
    "sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone",
})


class StoreError(Exception):
    """The store cannot be opened or used: a Spanish sentence, no secret in it."""


def _unc(path: str) -> bool:
    return path.startswith(("\\\\", "//")) and not path.startswith(("\\\\?\\", "\\\\.\\", "//?/"))


def network_share(path: str, *, windows: bool | None = None, mounts: str | None = None) -> bool:
    """Whether ``path`` is on a network share, as far as can be told: a UNC path
    (``\\\\servidor\\carpeta``), a mapped network drive on Windows, or a network file system
    mount on Linux (``mounts`` is /proc/mounts' text, read when not given)."""
    windows = sys.platform == "win32" if windows is None else windows
    if _unc(path) or path.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if windows:
        drive = PureWindowsPath(path).drive
        if sys.platform == "win32" and drive and not _unc(drive):
            import ctypes

            drive_remote = 4
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
        return False
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text("utf-8", "replace")
        except OSError:
            return False
    target = PurePosixPath(os.path.abspath(path))
    best, kind = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == PurePosixPath(point) or PurePosixPath(point) in target.parents) \
                and len(point) > len(best):
            best, kind = point, parts[2]
    return kind in NETWORK_FILESYSTEMS


def _sqlite_path(url: URL) -> str | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return database


def _with_driver(url: URL) -> URL:
    if url.get_backend_name() == "postgresql" and not url.get_driver_name():
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            return url.set(drivername="postgresql+psycopg")
    return url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # The documented workaround: pysqlite must not BEGIN by itself (it skips SELECT and
        # SAVEPOINT); SQLAlchemy emits BEGIN in the "begin" hook below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("cuadre_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """An open workspace store: its engine and sessions. Close it (or use ``with``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(engine.execution_options(cuadre_write=True),
                                    expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (rolled back at the end)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises.
        On SQLite it starts with BEGIN IMMEDIATE (writers queue instead of colliding)."""
        with self._writes() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_url() -> str:
    return URL.create("sqlite", database=str(data_dir() / FILENAME)).render_as_string()


def open_store(url: str | None = None, *, password: str | None = None) -> Store:
    """Open (creating when absent) the workspace store at ``url`` (default: the data folder's
    SQLite file). ``password`` is injected into the engine only, never into the URL shown."""
    try:
        parsed = make_url(url or default_url())
    except SQLAlchemyError as exc:
        raise StoreError(f"La dirección del almacén de trabajo no es válida: {exc}") from None
    parsed = _with_driver(parsed)
    if password:
        parsed = parsed.set(password=password)
    backend = parsed.get_backend_name()
    path = _sqlite_path(parsed) if backend == "sqlite" else None
    if path is not None:
        if network_share(path):
            raise StoreError(
                f"El almacén de trabajo no puede estar en una carpeta de red ({path}): SQLite "
                "se daña si varios equipos lo abren por la red. Use una carpeta local de este "
                "equipo, o un servidor PostgreSQL para trabajar en equipo.")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, hide_parameters=True,
                               pool_pre_ping=backend != "sqlite")
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"No se pudo abrir el almacén de trabajo: {type(exc).__name__}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    store = Store(engine)
    try:
        _prepare(store)
    except StoreError:
        store.close()
        raise
    except SQLAlchemyError as exc:
        store.close()
        raise StoreError(
            f"No se pudo abrir el almacén de trabajo {store.describe()}: "
            f"{type(getattr(exc, 'orig', None) or exc).__name__}") from None
    return store


def _prepare(store: Store) -> None:
    """Create the tables when absent, then check the schema version."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":  # two people opening a new workspace at once
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7351120)")
        Base.metadata.create_all(conn)
    with store.write() as session:
        row = session.get(StoreMeta, "schema_version")
        if row is None:
            session.add(StoreMeta(key="schema_version", value=str(SCHEMA_VERSION)))
            session.add(AuditHead(id=1, count=0, last_hash=GENESIS))
            return
        try:
            found = int(row.value)
        except ValueError:
            found = -1
        if found != SCHEMA_VERSION:
            newer = found > SCHEMA_VERSION
            raise StoreError(
                f"El almacén de trabajo {store.describe()} tiene la versión de esquema {row.value}"
                f" y esta versión de Cuadre usa la {SCHEMA_VERSION}: "
                + ("actualice Cuadre para abrirlo." if newer else
                   "hace falta migrarlo antes de abrirlo."))
