"""A shared PostgreSQL workspace whose schema is upgraded keeps working for its people: the
tables the newest step adds are granted to the people's group as a new workspace grants them
(issue 17's known defect: ``person_keys``, added by version 4, was refused to every person).

On the real server the tests start (``postgres.py``): a workspace with its groups and a
person's login role is taken back to version 3's shape, opened by its owner (upgraded to the
current version), and the person then reads and writes the new table over their own
connection; every table's privileges match a new workspace's. A workspace upgraded before the
rule is repaired when its owner opens it.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from support.push_stores import place

from app.store import SCHEMA_VERSION
from app.store.db import MIGRATIONS
from app.store.models import Base, StoreMeta
from app.writeback import identity_pg

from .postgres import postgres_server

PASSWORD = "clave-de-prueba-12345"
#: The newest step's tables, and how to take a store back to before that step.
NEWEST = MIGRATIONS[SCHEMA_VERSION - 1]
DOWNGRADE = (
    "DROP TABLE person_keys",
    "ALTER TABLE audit_log DROP COLUMN signature",
    "ALTER TABLE corrections DROP COLUMN approval_signature",
    "ALTER TABLE periods DROP COLUMN signature",
    f"UPDATE store_meta SET value = '{SCHEMA_VERSION - 1}' WHERE key = 'schema_version'",
)
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        with server.admin_connect() as conn:  # the workspace's owner creates the people's roles
            conn.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(sql.Identifier(server.user)))
        yield server


def _people(place, login: str) -> None:
    """The groups and their grants, and ``login``'s own role in the people's group."""
    with place.open() as store, store.write() as session:
        identity_pg.set_up(session)
        identity_pg.create_role(session, login, PASSWORD, admin=False)
        session.execute(text("INSERT INTO people (login, name, active, created_at) "
                             "VALUES (:l, 'Persona', true, now())"), {"l": login})


def _privileges(pg, database: str) -> dict[tuple[str, str], bool]:
    people, admins = (f"{database}_personas", f"{database}_administradores")
    with pg.admin_connect(database) as conn:
        return {(group[-5:] + ":" + table, what): conn.execute(
            "SELECT has_table_privilege(%s, %s, %s)", [group, table, what]).fetchone()[0]
            for table in Base.metadata.tables for group in (people, admins)
            for what in PRIVILEGES}


def _drop(pg, database: str, login: str) -> None:
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
        for group in ("personas", "administradores"):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(
                sql.Identifier(f"{database}_{group}")))


def _as_person(pg, database: str, login: str) -> psycopg.Connection:
    return psycopg.connect(host=pg.host, port=pg.port, dbname=database, user=login,
                           password=PASSWORD, autocommit=True)


def test_a_person_uses_the_table_the_newest_migration_added(pg, tmp_path):
    assert "person_keys" in NEWEST.tables
    databases: list[str] = []
    try:
        with place("postgresql", tmp_path / "old", lambda: pg) as old, \
                place("postgresql", tmp_path / "new", lambda: pg) as new:
            old_db, new_db = old.url.rsplit("/", 1)[1], new.url.rsplit("/", 1)[1]
            databases += [old_db, new_db]
            _people(old, f"{old_db}_persona")
            _people(new, f"{new_db}_persona")
            with old.open() as store, store.write() as session:
                for statement in DOWNGRADE:
                    session.execute(text(statement))
            with old.open() as store, store.read() as session:  # the owner upgrades it
                assert session.get(StoreMeta, "schema_version").value == str(SCHEMA_VERSION)
            with _as_person(pg, old_db, f"{old_db}_persona") as conn:
                assert conn.execute("SELECT count(*) FROM person_keys").fetchone()[0] == 0
                conn.execute("INSERT INTO person_keys (key_id, login, public_key, since_seq) "
                             "VALUES ('k1', %s, 'pk', 1)", [f"{old_db}_persona"])
                conn.execute("DELETE FROM person_keys WHERE key_id = 'k1'")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute("UPDATE store_meta SET value = '1'")
            assert _privileges(pg, old_db) == _privileges(pg, new_db)
    finally:
        for database in databases:
            _drop(pg, database, f"{database}_persona")


def test_a_workspace_upgraded_without_the_grants_is_repaired_by_its_owner(pg, tmp_path):
    databases: list[str] = []
    try:
        with place("postgresql", tmp_path / "w", lambda: pg) as where:
            database = where.url.rsplit("/", 1)[1]
            databases.append(database)
            login = f"{database}_persona"
            _people(where, login)
            with pg.admin_connect(database) as conn:  # what an upgrade before the rule left
                conn.execute(sql.SQL("REVOKE ALL ON person_keys FROM {}").format(
                    sql.Identifier(f"{database}_personas")))
            with _as_person(pg, database, login) as conn:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute("SELECT count(*) FROM person_keys")
            with where.open():  # the owner opens it
                pass
            with _as_person(pg, database, login) as conn:
                assert conn.execute("SELECT count(*) FROM person_keys").fetchone()[0] == 0
    finally:
        for database in databases:
            _drop(pg, database, f"{database}_persona")
