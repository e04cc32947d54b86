"""A throwaway PostgreSQL server for the SQL connector's tests: Debian's ``initdb`` + ``pg_ctl``.

The cluster lives in a temporary folder and listens on a free port on 127.0.0.1 only, its
Unix socket inside that folder; nothing of the machine's own PostgreSQL is used or touched.
Local (socket) connections are trusted, so the tests can set things up as the cluster's
superuser; TCP connections need a password (SCRAM), so the connector's password really is
sent and checked. ``initdb`` refuses to run as root: then the server runs as the ``postgres``
(or ``nobody``) account, which owns the folder.

``postgres_server()`` yields a :class:`PostgresServer` with a login role and a database that
role owns, and stops and removes everything afterwards. It skips — saying why — only when the
server binaries are absent or no unprivileged account exists to run them.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ADMIN = "cuadre_admin"
ROLE = "cuadre_app"
DATABASE = "cuadre_test"
_START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    for folder in reversed(versions):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unprivileged_account() -> pwd.struct_passwd | None:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


@dataclass
class PostgresServer:
    """One running cluster: where it listens, and the role and database for the tests."""

    bindir: Path
    folder: Path
    port: int
    password: str = field(default_factory=lambda: "pw-" + secrets.token_hex(12))
    account: pwd.struct_passwd | None = None  # who runs the server when the tests run as root
    running: bool = False

    host = "127.0.0.1"
    user = ROLE
    database = DATABASE

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        """The source string a user would type: no password in it."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    def admin_connect(self, database: str = "postgres"):  # -> psycopg.Connection
        """A superuser connection through the Unix socket (trusted): for setting up only."""
        import psycopg

        return psycopg.connect(host=str(self.folder), port=self.port, user=ADMIN, dbname=database,
                               autocommit=True)

    # --- lifecycle -----------------------------------------------------------------------------

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict = {}
        if self.account is not None:
            kwargs = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C"}
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], env=env, cwd=self.folder,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, check=False, timeout=120,
                              **kwargs)

    def _check(self, done: subprocess.CompletedProcess[str], what: str) -> None:
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text("utf-8", "replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} failed ({done.returncode}): {done.stdout[-2000:]}\n{tail}")

    def init(self) -> None:
        pwfile = self.folder / "admin.pw"  # initdb wants one when host auth is by password
        pwfile.write_text(secrets.token_hex(16) + "\n", "utf-8")
        if self.account is not None:
            os.chown(pwfile, self.account.pw_uid, self.account.pw_gid)
        done = self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--pwfile", str(pwfile),
                         "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                         "--locale=C", "--no-sync")
        pwfile.unlink()
        self._check(done, "initdb")

    def start(self) -> None:
        options = (f"-c listen_addresses={self.host} -p {self.port} -k {self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        done = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                         "-o", options, "-w", "-t", str(_START_TIMEOUT), "start")
        self._check(done, "pg_ctl start")
        self.running = True

    def stop(self) -> None:
        if not self.running:
            return
        done = self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self._check(done, "pg_ctl stop")
        self.running = False

    def create_role_and_database(self) -> None:
        from psycopg import sql

        with self.admin_connect() as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(self.user), sql.Literal(self.password)))
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(self.database), sql.Identifier(self.user)))


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a cluster for the tests (or skip, saying why); stop and remove it afterwards."""
    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH nor in "
                    "/usr/lib/postgresql/*/bin: install Debian's «postgresql» package to run "
                    "these tests")
    account = None
    if os.geteuid() == 0:
        account = _unprivileged_account()
        if account is None:
            pytest.skip("running as root and initdb refuses root: no «postgres» or «nobody» "
                        "account to run the server as")
    folder = Path(tempfile.mkdtemp(prefix="cuadre-pg-"))
    if account is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PostgresServer(bindir, folder, free_port(), account=account)
    try:
        server.init()
        for attempt in range(3):  # the free port may be taken between choosing and binding it
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                server.port = free_port()
        server.create_role_and_database()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
