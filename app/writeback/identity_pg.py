"""PostgreSQL's side of :mod:`app.writeback.identity`: the people's login roles and their grants.

Two group roles per database: ``<database>_personas`` — connect, read every table, write the work
tables (corrections, the outbox, runs, findings, periods…) and append to the audit trail; never
write ``people``, ``person_roles``, ``person_secrets`` or ``store_meta``, never change or delete
an audit row — and ``<database>_administradores``, who may also register people. A person's role
is named by their login, is a member of the first group (administrators: of both, WITH ADMIN
OPTION, and CREATEROLE so they can create the next people's roles). Passwords are sent as a
SCRAM-SHA-256 verifier computed by libpq on this computer (``PQencryptPasswordConn``): the
password itself never reaches the server, its log or ``pg_stat_activity``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app
from app.writeback.errors import CorrectionError

#: Tables a person may read but not write (an administrator writes the first two).
_PEOPLE_TABLES = ("people", "person_roles")
_READ_ONLY = ("person_secrets", "store_meta")
_MAX_NAME = 63  # PostgreSQL's NAMEDATALEN - 1


def groups(session: Session) -> tuple[str, str]:
    """(the people's group, the administrators' group) of this database."""
    database = str(session.execute(text("SELECT current_database()")).scalar_one())
    return (f"{database}_personas"[:_MAX_NAME], f"{database}_administradores"[:_MAX_NAME])


def _quote(session: Session, name: str) -> str:
    return session.get_bind().dialect.identifier_preparer.quote_identifier(name)


def _run(session: Session, statement: str) -> None:
    session.connection().exec_driver_sql(statement)


def _role_exists(session: Session, name: str) -> bool:
    return session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                           {"n": name}).first() is not None


def is_set_up(session: Session) -> bool:
    return _role_exists(session, groups(session)[0])


def has_role(session: Session, login: str) -> bool:
    return _role_exists(session, login)


def set_up(session: Session) -> None:
    """The groups and their grants (run by the database's owner, with CREATEROLE)."""
    people, admins = groups(session)
    q = {name: _quote(session, name) for name in (people, admins)}
    database = _quote(session, str(session.execute(text("SELECT current_database()")).scalar_one()))
    schema = _quote(session, str(session.execute(text("SELECT current_schema()")).scalar_one()))
    for name in (people, admins):
        if not _role_exists(session, name):
            _run(session, f"CREATE ROLE {q[name]} NOLOGIN")
    _run(session, f"GRANT CONNECT ON DATABASE {database} TO {q[people]}")
    _run(session, f"GRANT USAGE ON SCHEMA {schema} TO {q[people]}")
    _run(session, f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} "
                  f"TO {q[people]}")
    _run(session, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {q[people]}")
    for table in (*_PEOPLE_TABLES, *_READ_ONLY):
        _run(session, f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {_quote(session, table)} "
                      f"FROM {q[people]}")
    _run(session, f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {q[people]}")
    for table in _PEOPLE_TABLES:
        _run(session, f"GRANT INSERT, UPDATE ON {_quote(session, table)} TO {q[admins]}")


def _verifier(session: Session, login: str, secret: str) -> str:
    """The SCRAM-SHA-256 verifier of ``secret`` for ``login``, made by libpq here."""
    raw: Any = session.connection().connection.dbapi_connection
    pgconn = getattr(raw, "pgconn", None)
    if pgconn is None:  # psycopg2
        from psycopg2.extensions import encrypt_password  # type: ignore[import-not-found,unused-ignore]

        return str(encrypt_password(secret, login, raw, "scram-sha-256"))
    return bytes(pgconn.encrypt_password(secret.encode(), login.encode(),
                                         b"scram-sha-256")).decode("ascii")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_role(session: Session, login: str, secret: str, *, admin: bool) -> None:
    """The person's login role, in the people's group (and the administrators', for one)."""
    people, admins = groups(session)
    if len(login) > _MAX_NAME:
        raise CorrectionError(tr_app("app.writeback", "En PostgreSQL el usuario no puede pasar de "
                                     "{most} caracteres.").format(most=_MAX_NAME), "login_length")
    if _role_exists(session, login):
        raise CorrectionError(tr_app("app.writeback", "El servidor PostgreSQL ya tiene un rol "
                                     "«{login}»: Cuadre no se apropia de un rol que no creó; elija "
                                     "otro usuario.").format(login=login), "role_exists")
    role = _quote(session, login)
    extra = " CREATEROLE" if admin else ""
    _run(session, f"CREATE ROLE {role} LOGIN{extra} PASSWORD "
                  f"{_literal(_verifier(session, login, secret))}")
    if admin:
        for group in (people, admins):
            _run(session, f"GRANT {_quote(session, group)} TO {role} WITH ADMIN OPTION")
    else:
        _run(session, f"GRANT {_quote(session, people)} TO {role}")


def set_password(session: Session, login: str, secret: str) -> None:
    """A new password for ``login``'s role (their own, or by an administrator)."""
    _run(session, f"ALTER ROLE {_quote(session, login)} PASSWORD "
                  f"{_literal(_verifier(session, login, secret))}")
