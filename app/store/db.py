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

The schema is created when absent and its version checked on every open. A store of an older
version this code knows how to upgrade (:data:`MIGRATIONS`) is upgraded in place, in one
transaction together with an audit row saying so (``store_migrated``): SQLite and PostgreSQL
both run DDL inside a transaction, so a crash mid-way leaves the old version whole. Each step
only adds tables, columns (with their defaults, CHECKs and references) and indexes, compiled
from the models so the upgraded store has exactly what a new one gets; a table a step adds is
created by that step, inside its transaction, never before it. A store written by a newer
Cuadre, or by a version with no upgrade path, is refused with a Spanish message.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import CheckConstraint, create_engine, event, inspect
from sqlalchemy.engine import URL, Dialect, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import CreateColumn, CreateIndex, CreateTable

from app.domain.i18n import tr_app
from app.paths import data_dir
from app.store.chain import SYSTEM_ACTOR, WORKSPACE_ID, append
from app.store.errors import StoreError
from app.store.models import SCHEMA_VERSION, AuditHead, Base, StoreMeta
from app.store.triggers import install_guards
from app.store.values import GENESIS

BUSY_TIMEOUT_MS = 15_000
FILENAME = "workspace.sqlite"
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs",
    "sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone",
})


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the columns (``table.column``), the CHECKs written in them (column,
    constraint name) and the indexes (by name) it adds, as the models define them; ``summary``
    is the audit row's comment. ``tables``: whole tables it adds (with their indexes)."""

    to: int
    columns: tuple[str, ...]
    checks: tuple[tuple[str, str], ...]
    indexes: tuple[str, ...]
    summary: str
    tables: tuple[str, ...] = ()


#: Upgrade steps by the version they start from.
MIGRATIONS = {
    1: Migration(
        2,
        ("corrections.kind", "corrections.reverts", "outbox.kind", "outbox.lease_owner",
         "outbox.lease_until"),
        (("corrections.kind", "ck_corrections_kind_known"),),
        ("ix_corrections_reverts", "ux_outbox_pending_correction"),
        "Esquema 1 → 2: tipo de corrección (campo o fusión), corrección que se deshace, "
        "reserva de filas del envío y una sola aprobación pendiente por corrección."),
    2: Migration(
        3, (), (), (),
        "Esquema 2 → 3: hallazgos con vida entre conciliaciones (estado, responsable, motivo), "
        "conciliaciones a mano y cierres de periodo.",
        ("manual_matches", "findings", "periods")),
    3: Migration(
        4, ("audit_log.signature", "corrections.approval_signature", "periods.signature"), (), (),
        "Esquema 3 → 4: firmas Ed25519 de cada persona (claves públicas con su vigencia), de "
        "cada fila del registro, de cada aprobación y de cada firma de cierre.",
        ("person_keys",)),
}
#: Tables a step creates: an existing store gets them from its step, not before.
_STEP_TABLES = frozenset(t for step in MIGRATIONS.values() for t in step.tables)


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

    @property
    def file(self) -> Path | None:
        """The SQLite store's file; None for a database server (or a store in memory)."""
        database = _sqlite_path(self.engine.url) if self.is_sqlite else None
        return Path(database) if database else None

    def describe(self) -> str:
        """The store's address without its password (which lives in the keyring only)."""
        return self.engine.url._replace(password=None).render_as_string(hide_password=False)

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
        raise StoreError(tr_app("app.store", "La dirección del almacén de trabajo no es válida: "
                                             "{exc}").format(
                             exc=exc)) from None
    if parsed.password:  # as a source with one: the secret lives in the OS keyring only
        raise StoreError(tr_app("app.store", "La dirección del almacén de trabajo no debe llevar "
                                             "la contraseña escrita: guárdela con «cuadre "
                                             "credentials set URL» (la dirección sin la "
                                             "contraseña; queda en el almacén seguro del "
                                             "sistema)."))
    parsed = _with_driver(parsed)
    if password:
        parsed = parsed.set(password=password)
    backend = parsed.get_backend_name()
    path = _sqlite_path(parsed) if backend == "sqlite" else None
    if path is not None:
        if network_share(path):
            raise StoreError(
                tr_app("app.store", "El almacén de trabajo no puede estar en una carpeta de red "
                                    "({path}): SQLite se daña si varios equipos lo abren por la red. Use "
                                    "una carpeta local de este equipo, o un servidor PostgreSQL para "
                                    "trabajar en equipo.").format(path=path))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, hide_parameters=True,
                               pool_pre_ping=backend != "sqlite")
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(tr_app("app.store", "No se pudo abrir el almacén de trabajo: {kind}").format(
                             kind=type(exc).__name__)) from None
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
            tr_app("app.store", "No se pudo abrir el almacén de trabajo {describe}: {kind}").format(
                describe=store.describe(), kind=type(getattr(exc, 'orig', None) or exc).__name__)) from None
    return store


def _prepare(store: Store) -> None:
    """Create the tables when absent, then check the schema version (upgrading an older store
    this code knows how to upgrade)."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":  # two people opening a new workspace at once
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7351120)")
        existing = inspect(conn).has_table(StoreMeta.__tablename__)
        Base.metadata.create_all(conn, tables=[
            t for t in Base.metadata.sorted_tables if not existing or t.name not in _STEP_TABLES])
        if not existing:  # only a new store: a guard dropped later stays missing, for verify
            install_guards(conn)
    with store.write() as session:
        if store.dialect == "postgresql":  # two people opening an old workspace at once
            session.connection().exec_driver_sql("SELECT pg_advisory_xact_lock(7351120)")
        row = session.get(StoreMeta, "schema_version")
        if row is None:
            session.add(StoreMeta(key="schema_version", value=str(SCHEMA_VERSION)))
            session.add(StoreMeta(key=WORKSPACE_ID, value=uuid.uuid4().hex))
            session.add(AuditHead(id=1, count=0, last_hash=GENESIS))
            return
        try:
            found = int(row.value)
        except ValueError:
            found = -1
        while found in MIGRATIONS and found < SCHEMA_VERSION:
            found = _migrate(session, found, MIGRATIONS[found])
            row.value = str(found)
        if found == SCHEMA_VERSION and session.get(StoreMeta, WORKSPACE_ID) is None:
            session.add(StoreMeta(key=WORKSPACE_ID, value=uuid.uuid4().hex))
        if found != SCHEMA_VERSION:
            newer = found > SCHEMA_VERSION
            raise StoreError(
                tr_app("app.store", "El almacén de trabajo {describe} tiene la versión de esquema "
                                    "{value} y esta versión de Cuadre usa la {schema_version}: ").format(
                    describe=store.describe(), value=row.value, schema_version=SCHEMA_VERSION)
                + (tr_app("app.store", "actualice Cuadre para abrirlo.") if newer else
                   tr_app("app.store", "hace falta migrarlo antes de abrirlo.")))


def _migrate(session: Session, version: int, step: Migration) -> int:
    """Run one upgrade step inside the caller's transaction, with its audit row."""
    dialect = session.get_bind().dialect
    found = inspect(session.connection())
    # A column of a table an earlier step just created from today's models is there already.
    present = frozenset(name for name in step.columns
                        if found.has_table(name.split(".")[0])
                        and name.split(".")[1] in {c["name"] for c in
                                                   found.get_columns(name.split(".")[0])})
    for statement in migration_ddl(step, dialect, present):
        session.connection().exec_driver_sql(statement)
    append(session, actor=SYSTEM_ACTOR, action="store_migrated", old=str(version),
           new=str(step.to), comment=step.summary)
    return step.to


def migration_ddl(step: Migration, dialect: Dialect, present: frozenset[str] = frozenset()
                  ) -> list[str]:
    """The statements of one step for ``dialect``: its new tables with their indexes, then
    ``ALTER TABLE … ADD COLUMN`` with the column's type, default and NOT NULL, its CHECKs and
    its reference written in the column (SQLite can add constraints no other way), then the
    new indexes."""
    compiler = dialect.ddl_compiler(dialect, None)  # type: ignore[arg-type]
    preparer = dialect.identifier_preparer
    out: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name in step.tables:
            out.append(str(CreateTable(table).compile(dialect=dialect)))
            out.extend(str(CreateIndex(i).compile(dialect=dialect))
                       for i in sorted(table.indexes, key=lambda i: str(i.name)))
    for name in step.columns:
        if name in present:
            continue
        table_name, column_name = name.split(".")
        table = Base.metadata.tables[table_name]
        column = table.c[column_name]
        parts = [str(CreateColumn(column).compile(dialect=dialect))]
        wanted = {check for where, check in step.checks if where == name}
        parts.extend(compiler.process(check) for check in table.constraints
                     if isinstance(check, CheckConstraint) and check.name in wanted)
        for key in column.foreign_keys:
            target = key.column
            assert key.constraint is not None
            parts.append(f"CONSTRAINT {preparer.format_constraint(key.constraint)} REFERENCES "
                         f"{preparer.format_table(target.table)} ({preparer.quote(target.name)})")
        out.append(f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {' '.join(parts)}")
    indexes = {str(i.name): i for t in Base.metadata.tables.values() for i in t.indexes}
    out.extend(str(CreateIndex(indexes[name]).compile(dialect=dialect)) for name in step.indexes)
    return out



#: The environment variable naming the workspace store (a SQLAlchemy URL) for the window and
#: every command: an office's shared PostgreSQL, say.
STORE_VARIABLE = "CUADRE_STORE"


def configured_url(url: str | None = None) -> str | None:
    """``url``, else ``$CUADRE_STORE``, else None (the data folder's SQLite file)."""
    return url or os.environ.get(STORE_VARIABLE) or None


def stored_password(url: str | None) -> str | None:
    """The password of a database store as kept in the OS keyring (``cuadre credentials set
    URL``), or None: a SQLite file, nothing stored, or no usable keyring (then the server
    decides, and says so if it wants one)."""
    if url is None or url.startswith("sqlite"):
        return None
    from app.domain.sources import secret_ref
    from app.security.secrets import get_secret

    try:
        return get_secret(secret_ref(url))
    except Exception:  # no stored secret, or no usable keyring: connect without one
        return None


def open_configured_store(url: str | None = None) -> Store:
    """The workspace a person means: ``url`` or ``$CUADRE_STORE`` (default: the data
    folder's SQLite file), with its password from the OS keyring — never from a file or the
    command line."""
    chosen = configured_url(url)
    return open_store(chosen, password=stored_password(chosen))
