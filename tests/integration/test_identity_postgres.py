"""Issue 17, item 1 on a shared PostgreSQL workspace, against the real server the tests start
(``postgres.py``): each person is their own LOGIN role, created by ``cuadre people add`` run by
an administrator, its password only in that person's keyring; the store connects as that role
and its triggers take the actor from ``session_user``. Connected as ana, claiming bea — through
the service, through the audit trail, through raw SQL — is refused; ana cannot give herself a
role, rewrite the trail or drop a guard."""

from __future__ import annotations

import io
import itertools
import sys
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from support.memory_keyring import MemoryKeyring, installed

from app.audit import verify
from app.cli.main import main
from app.domain.sources import secret_ref
from app.security import passphrases
from app.security.secrets import SERVICE, set_secret
from app.store.chain import append
from app.writeback import corrections as c
from app.writeback import identity
from app.writeback.errors import NotAllowed

from .postgres import postgres_server

KEYS = {"jefa": "clave-de-la-jefa-1", "ana": "clave-de-ana-12345", "bea": "clave-de-bea-12345"}
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        with server.admin_connect() as conn:  # the workspace's owner creates the people's roles
            conn.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(sql.Identifier(server.user)))
        yield server


@pytest.fixture
def office(pg, capsys, monkeypatch):
    """A new workspace database; its owner's password in the keyring; jefa (admin), ana
    (propone) and bea (aprueba, propone) registered through the command line, each remembered."""
    number = next(_numbers)
    name = f"cuadre_people_{number}"
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(pg.user)))
    url = f"postgresql://{pg.user}@{pg.host}:{pg.port}/{name}"
    monkeypatch.setenv("CUADRE_STORE", url)
    logins = {who: f"{who}{number}" for who in KEYS}

    def cuadre(*args: str, stdin: str = "") -> Ran:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    with installed(MemoryKeyring()) as backend:
        set_secret(secret_ref(url), pg.password)
        jefa = logins["jefa"]
        first = cuadre("people", "add", jefa, "--name", "Jefa", "--role", "administra",
                       stdin=KEYS["jefa"] + "\n")
        assert first.code == 0, first.err
        for who, roles in (("ana", ["propone"]), ("bea", ["aprueba", "propone"])):
            options = [x for role in roles for x in ("--role", role)]
            added = cuadre("people", "add", logins[who], "--name", who.title(), *options,
                           "--as", jefa, stdin=KEYS[who] + "\n")
            assert added.code == 0, added.err
            assert cuadre("people", "login", logins[who], stdin=KEYS[who] + "\n").code == 0
        yield Office(url, logins, cuadre, backend, pg, name)
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        for login in logins.values():
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
        for group in ("personas", "administradores"):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(
                sql.Identifier(f"{name}_{group}")))


@dataclass
class Office:
    url: str
    logins: dict[str, str]
    cuadre: object
    keyring: MemoryKeyring
    pg: object
    database: str

    def connect(self, who: str, password: str | None = None) -> psycopg.Connection:
        """A raw client connection as ``who``'s role, as any program could open."""
        return psycopg.connect(host=self.pg.host, port=self.pg.port, dbname=self.database,
                               user=self.logins[who], password=password or KEYS[who],
                               autocommit=True)


def test_each_person_is_a_login_role_with_only_what_they_need(office):
    with office.pg.admin_connect(office.database) as conn:
        rows = dict(conn.execute(
            "SELECT rolname, rolcanlogin::text || rolcreaterole::text || rolsuper::text "
            "FROM pg_roles WHERE rolname = ANY(%s)", [list(office.logins.values())]).fetchall())
        kept = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                            [office.logins["ana"]]).fetchone()[0]
    assert rows == {office.logins["jefa"]: "truetruefalse", office.logins["ana"]: "truefalsefalse",
                    office.logins["bea"]: "truefalsefalse"}
    assert kept.startswith("SCRAM-SHA-256$") and KEYS["ana"] not in kept
    ref = passphrases.person_ref(identity.url_key(office.url), office.logins["ana"])
    assert office.keyring.entries[(SERVICE, ref)] == KEYS["ana"]
    with office.connect("ana") as conn:
        for statement in (
                f"INSERT INTO person_roles (login, role) VALUES ('{office.logins['ana']}', "
                "'approver')",
                "UPDATE audit_log SET actor = 'x'",
                "DROP TRIGGER audit_log_session_actor ON audit_log",
                "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                "UPDATE store_meta SET value = '1'"):
            with pytest.raises(psycopg.Error):
                conn.execute(statement)


def test_the_store_connects_as_the_person_and_the_trail_names_them(office):
    ana, bea = office.logins["ana"], office.logins["bea"]
    with identity.open_as(office.url, ana) as store:
        assert identity.authenticate(store, ana) == ana
        with store.read() as session:
            assert identity.session_person(session) == ana
        made = c.propose(store, ana, entity="customers", system="crm", source_id="C-1",
                         field="phone", old="300", new="301")
    with identity.open_as(office.url, bea) as store:
        c.approve(store, bea, made.id)
        assert verify(store).ok


def test_connected_as_ana_claiming_bea_is_refused(office):
    ana, bea = office.logins["ana"], office.logins["bea"]
    with identity.open_as(office.url, ana) as store:
        with pytest.raises(NotAllowed, match="en su propio nombre"):  # through the service
            c.propose(store, bea, entity="customers", system="crm", source_id="C-2",
                      field="phone", old="300", new="302")
        with pytest.raises(DBAPIError, match="session_actor"), store.write() as session:
            append(session, actor=bea, action="approve", record="C-2")  # a forged audit row
        made = c.propose(store, ana, entity="customers", system="crm", source_id="C-3",
                         field="phone", old="300", new="303")
        with pytest.raises(DBAPIError, match="session_actor"), store.write() as session:
            session.execute(text("UPDATE corrections SET approver = :b, state = 'approved' "
                                 "WHERE id = :i"), {"b": bea, "i": made.id})
        with pytest.raises(DBAPIError, match="session_actor"), store.write() as session:
            session.execute(text("INSERT INTO correction_authors (correction_id, login) "
                                 "VALUES (:i, :b)"), {"i": made.id, "b": bea})
        assert identity.authenticate(store, ana) == ana
        with pytest.raises(identity.NotAuthenticated, match="abierto como"):
            identity.authenticate(store, bea)
        assert verify(store).ok


def test_the_command_line_refuses_who_cannot_prove_it(office):
    ana, bea = office.logins["ana"], office.logins["bea"]
    # bea's password is not on this computer any more: --as bea is refused, whatever is typed.
    assert office.cuadre("people", "logout", bea).code == 0
    ran = office.cuadre("corrections", "approve", "--all", "--as", bea)
    assert ran.code == 3 and f"«{bea}» no ha iniciado sesión en este equipo" in ran.err
    wrong = office.cuadre("people", "login", bea, stdin="no-es-su-clave\n")
    assert wrong.code == 3 and "El servidor no aceptó la clave" in wrong.err
    # ana may not register people (her role has no rights on people either).
    refused = office.cuadre("people", "add", "intruso", "--name", "X", "--role", "administra",
                            "--as", ana, stdin="clave-del-intruso\n")
    assert refused.code == 3 and "no tiene el rol para administrar" in refused.err


def test_a_person_changes_their_own_password(office):
    ana = office.logins["ana"]
    done = office.cuadre("people", "passphrase", ana, stdin=KEYS["ana"] + "\nnueva-clave-ana-1\n")
    assert done.code == 0, done.err
    with pytest.raises(psycopg.OperationalError):
        office.connect("ana").close()
    office.connect("ana", "nueva-clave-ana-1").close()
    with identity.open_as(office.url, ana) as store:  # the keyring holds the new one
        assert verify(store).ok


def test_the_window_works_as_the_person_s_own_role(office, qtbot):
    """This computer lacks the owner's password: the window opens the shared workspace as the
    person who worked last, with their own password, and choosing someone else connects again
    as them."""
    from app.writeback.people import remember_user
    from ui.corrections.corrections_session import DecisionsSession

    ana, bea = office.logins["ana"], office.logins["bea"]
    office.keyring.entries.pop((SERVICE, secret_ref(office.url)))
    remember_user(ana)
    session = DecisionsSession(office.url)
    try:
        qtbot.waitUntil(lambda: session.user == ana, timeout=20_000)
        assert session.store is not None and session.error is None
        with session.store.read() as s:
            assert identity.session_person(s) == ana
        session.choose(bea)
        qtbot.waitUntil(lambda: session.user == bea, timeout=20_000)
        with session.store.read() as s:
            assert identity.session_person(s) == bea
        assert session.roles == {"approver", "proposer"}
    finally:
        remember_user(None)
        assert session.shutdown()
