"""What the people's groups of a shared PostgreSQL workspace may do with each table.

``app/writeback/identity_pg.py`` creates the two groups (``<database>_personas``,
``<database>_administradores``) and grants them the tables that exist then. A table that a later
schema step creates (:data:`app.store.db.MIGRATIONS`) did not exist then, and PostgreSQL's
``GRANT … ON ALL TABLES`` covers only the tables present: the step grants its new tables here,
by the same rule, so an upgraded workspace gives its people exactly what a new one gives them.
A workspace upgraded before that rule (its people refused the newer tables) is repaired when its
owner opens it: any table of the store the people's group cannot read gets its grants.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

#: Tables a person may read but not write (an administrator writes the first two).
PEOPLE_TABLES = ("people", "person_roles")
READ_ONLY = ("person_secrets", "store_meta")
#: The audit trail: read and appended to, never changed.
APPEND_ONLY = ("audit_log",)
MAX_NAME = 63  # PostgreSQL's NAMEDATALEN - 1


def group_names(database: str) -> tuple[str, str]:
    """(the people's group, the administrators' group) of ``database``."""
    return (f"{database}_personas"[:MAX_NAME], f"{database}_administradores"[:MAX_NAME])


def people_privileges(table: str) -> str:
    """The privileges the people's group holds on ``table``."""
    if table in PEOPLE_TABLES or table in READ_ONLY:
        return "SELECT"
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE, DELETE"


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _groups(connection: Connection) -> tuple[str, str] | None:
    """The groups when this workspace has people with their own roles, else None."""
    database = str(connection.execute(text("SELECT current_database()")).scalar_one())
    people, admins = group_names(database)
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                               {"n": people}).first()
    return (people, admins) if found is not None else None


def grant_tables(connection: Connection, tables: Iterable[str]) -> list[str]:
    """Grant the people's groups ``tables`` (and the sequences their columns use), as
    ``identity_pg.set_up`` grants the tables of a new workspace; the tables granted. Nothing
    on SQLite, nor where no person has a role yet (``set_up`` grants everything then)."""
    if connection.dialect.name != "postgresql":
        return []
    groups = _groups(connection)
    if groups is None:
        return []
    people, admins = (_quote(connection, g) for g in groups)
    done: list[str] = []
    for table in tables:
        name = _quote(connection, table)
        connection.exec_driver_sql(f"GRANT {people_privileges(table)} ON {name} TO {people}")
        if table in PEOPLE_TABLES:
            connection.exec_driver_sql(f"GRANT INSERT, UPDATE ON {name} TO {admins}")
        sequences = connection.execute(text(
            "SELECT DISTINCT pg_get_serial_sequence(:t, a.attname) FROM pg_attribute a "
            "WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT a.attisdropped "
            "AND pg_get_serial_sequence(:t, a.attname) IS NOT NULL"), {"t": name}).scalars()
        for sequence in sequences:
            connection.exec_driver_sql(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {people}")
        done.append(table)
    return done


def repair_grants(connection: Connection, tables: Iterable[str]) -> list[str]:
    """Grant, by the same rule, the ``tables`` this role owns that the people's group cannot
    read: what a schema step before this rule created without grants. The tables repaired."""
    if connection.dialect.name != "postgresql":
        return []
    groups = _groups(connection)
    if groups is None:
        return []
    names = list(tables)
    found = connection.execute(text(
        "SELECT t.name FROM unnest(CAST(:names AS text[])) AS t(name) "
        "JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name)) "
        "WHERE pg_has_role(current_user, c.relowner, 'USAGE') "
        "AND NOT has_table_privilege(:g, c.oid, 'SELECT')"),
        {"g": groups[0], "names": names}).scalars().all()
    missing = [name for name in names if name in set(found)]
    if missing:
        log.info("granting the people's group %d table(s) an upgrade left out", len(missing))
    return grant_tables(connection, missing)
