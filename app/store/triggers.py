"""Store-level guards a CHECK constraint cannot express (it sees one row only).

Maker-checker across rows: nobody who wrote a correction's payload (its proposer or an editor,
listed in ``correction_authors``) may be its approver — refused when the approver is set, and
when an author is added to an approved correction. The audit trail is append-only: UPDATE and
DELETE on ``audit_log`` are refused. Whoever owns the database file can still drop a trigger,
or write one that does nothing in its place: they are installed once, when the store is
created (:func:`install_guards`), never again quietly on opening it, and ``cuadre audit
verify`` (:func:`missing_guards`) says which one is missing or changed — as well as the hash
chain, for the rows themselves.

Both dialects raise an error whose text contains ``maker_checker`` or ``audit_append_only``,
which the service layer turns into a Spanish sentence. On PostgreSQL, where each person
connects as their own login role, the store also takes who acts from the server's session
(``session_user``): a client claiming someone else is refused with ``session_actor``.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

_SQLITE = [
    """
    CREATE TRIGGER IF NOT EXISTS corrections_maker_checker_insert
    BEFORE INSERT ON corrections
    WHEN NEW.approver IS NOT NULL AND EXISTS (
        SELECT 1 FROM correction_authors a
        WHERE a.correction_id = NEW.id AND a.login = NEW.approver)
    BEGIN SELECT RAISE(ABORT, 'maker_checker: an author cannot approve'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS corrections_maker_checker_update
    BEFORE UPDATE ON corrections
    WHEN NEW.approver IS NOT NULL AND EXISTS (
        SELECT 1 FROM correction_authors a
        WHERE a.correction_id = NEW.id AND a.login = NEW.approver)
    BEGIN SELECT RAISE(ABORT, 'maker_checker: an author cannot approve'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS correction_authors_maker_checker
    BEFORE INSERT ON correction_authors
    WHEN EXISTS (
        SELECT 1 FROM corrections c
        WHERE c.id = NEW.correction_id AND c.approver = NEW.login)
    BEGIN SELECT RAISE(ABORT, 'maker_checker: the approver cannot become an author'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update
    BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only: audit rows are never changed'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete
    BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only: audit rows are never deleted'); END
    """,
]

_POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION cuadre_maker_checker() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.approver IS NOT NULL AND EXISTS (
            SELECT 1 FROM correction_authors a
            WHERE a.correction_id = NEW.id AND a.login = NEW.approver) THEN
            RAISE EXCEPTION 'maker_checker: an author cannot approve'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION cuadre_author_not_approver() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM corrections c
                   WHERE c.id = NEW.correction_id AND c.approver = NEW.login) THEN
            RAISE EXCEPTION 'maker_checker: the approver cannot become an author'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION cuadre_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_append_only: audit rows are never changed or deleted'
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    """
    DROP TRIGGER IF EXISTS corrections_maker_checker ON corrections;
    CREATE TRIGGER corrections_maker_checker BEFORE INSERT OR UPDATE ON corrections
        FOR EACH ROW EXECUTE FUNCTION cuadre_maker_checker()
    """,
    """
    DROP TRIGGER IF EXISTS correction_authors_maker_checker ON correction_authors;
    CREATE TRIGGER correction_authors_maker_checker BEFORE INSERT OR UPDATE ON correction_authors
        FOR EACH ROW EXECUTE FUNCTION cuadre_author_not_approver()
    """,
    """
    DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION cuadre_audit_append_only()
    """,
]

#: PostgreSQL only: who did it is the person the server authenticated (``session_user``), not
#: what the client wrote. A session whose user is a registered person (its login role, created
#: by ``cuadre people add``) may only write audit rows naming itself, propose as itself, and
#: approve, decide or edit as itself; anything else is refused (``session_actor``). A session
#: of another role (the database's owner, who could drop these triggers anyway) is not checked.
_POSTGRES_SESSION = [
    """
    CREATE OR REPLACE FUNCTION cuadre_session_actor() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM people p WHERE p.login = session_user::text)
                AND NEW.actor IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'session_actor: an audit row names the person connected'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION cuadre_session_decider() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        who text := session_user::text;
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM people p WHERE p.login = who) THEN
            RETURN NEW;
        END IF;
        IF (TG_OP = 'INSERT' AND NEW.proposer IS DISTINCT FROM who)
                OR (NEW.approver IS NOT NULL AND NEW.approver <> who AND (TG_OP = 'INSERT'
                    OR NEW.approver IS DISTINCT FROM OLD.approver))
                OR (NEW.decided_by IS NOT NULL AND NEW.decided_by <> who AND (TG_OP = 'INSERT'
                    OR NEW.decided_by IS DISTINCT FROM OLD.decided_by))
                OR (NEW.last_editor IS NOT NULL AND NEW.last_editor <> who AND (TG_OP = 'INSERT'
                    OR NEW.last_editor IS DISTINCT FROM OLD.last_editor)) THEN
            RAISE EXCEPTION 'session_actor: a correction names the person connected'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION cuadre_session_author() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM people p WHERE p.login = session_user::text)
                AND NEW.login IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'session_actor: an author is the person connected'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    DROP TRIGGER IF EXISTS audit_log_session_actor ON audit_log;
    CREATE TRIGGER audit_log_session_actor BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION cuadre_session_actor()
    """,
    """
    DROP TRIGGER IF EXISTS corrections_session_actor ON corrections;
    CREATE TRIGGER corrections_session_actor BEFORE INSERT OR UPDATE ON corrections
        FOR EACH ROW EXECUTE FUNCTION cuadre_session_decider()
    """,
    """
    DROP TRIGGER IF EXISTS correction_authors_session_actor ON correction_authors;
    CREATE TRIGGER correction_authors_session_actor BEFORE INSERT ON correction_authors
        FOR EACH ROW EXECUTE FUNCTION cuadre_session_author()
    """,
]
_POSTGRES += _POSTGRES_SESSION


#: The guards a verification expects: per dialect, each trigger's name and the table it sits on.
GUARDS = {
    "sqlite": {"corrections_maker_checker_insert": "corrections",
               "corrections_maker_checker_update": "corrections",
               "correction_authors_maker_checker": "correction_authors",
               "audit_log_no_update": "audit_log", "audit_log_no_delete": "audit_log"},
    "postgresql": {"corrections_maker_checker": "corrections",
                   "correction_authors_maker_checker": "correction_authors",
                   "audit_log_append_only": "audit_log",
                   "audit_log_session_actor": "audit_log",
                   "corrections_session_actor": "corrections",
                   "correction_authors_session_actor": "correction_authors"},
}
#: The functions the PostgreSQL triggers run, by trigger.
_PG_FUNCTIONS = {"corrections_maker_checker": "cuadre_maker_checker",
                 "correction_authors_maker_checker": "cuadre_author_not_approver",
                 "audit_log_append_only": "cuadre_audit_append_only",
                 "audit_log_session_actor": "cuadre_session_actor",
                 "corrections_session_actor": "cuadre_session_decider",
                 "correction_authors_session_actor": "cuadre_session_author"}


def _plain(sql: str) -> str:
    """SQL compared as text: no «IF NOT EXISTS» (SQLite drops it when it stores a trigger), no
    whitespace, no trailing semicolon, one case — what a rewritten trigger cannot keep."""
    return "".join(sql.replace("IF NOT EXISTS ", "").split()).rstrip(";").lower()


def _expected_sqlite() -> dict[str, str]:
    out = {}
    for statement in _SQLITE:
        name = statement.split("EXISTS", 1)[1].split()[0]
        out[name] = _plain(statement)
    return out


def _expected_postgres() -> dict[str, str]:
    """Each function's body (between the ``$$``), as written here."""
    out = {}
    for statement in _POSTGRES:
        if "CREATE OR REPLACE FUNCTION" in statement:
            name = statement.split("FUNCTION", 1)[1].split("(")[0].strip()
            out[name] = _plain(statement.split("$$")[1])
    return out


def missing_guards(session: Session) -> list[str]:
    """The store's guards — maker-checker, the append-only audit trail — that are not in place
    as Cuadre installed them: dropped, rewritten, or (PostgreSQL) disabled. Their names; empty
    when every one stands."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        found: dict[str, str] = dict(session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all())
        expected = _expected_sqlite()
        return [name for name in GUARDS["sqlite"]
                if _plain(found.get(name) or "") != expected[name]]
    if dialect == "postgresql":
        rows = session.execute(text(
            "SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND c.relnamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")).all()
        by_name = {r[0]: r for r in rows}
        bodies = _expected_postgres()
        missing = []
        for name, table in GUARDS["postgresql"].items():
            row = by_name.get(name)
            if (row is None or row[1] != table or row[2] == "D"
                    or row[3] != _PG_FUNCTIONS[name]
                    or _plain(row[4] or "") != bodies[_PG_FUNCTIONS[name]]):
                missing.append(name)
        return missing
    return []


def install_guards(connection: Connection) -> None:
    """Put the guards in place on ``connection``'s database (inside its transaction): what a
    new store gets; an auditor restoring a store's protections does the same."""
    dialect = connection.dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _POSTGRES if dialect == "postgresql" \
            else ():
        connection.exec_driver_sql(statement)




def install_session_guards(connection: Connection) -> None:
    """PostgreSQL: put the session-actor guards in place (idempotent; the owner of the tables
    runs it when the first person's role is created, so a store made before them gets them)."""
    if connection.dialect.name == "postgresql":
        for statement in _POSTGRES_SESSION:
            connection.exec_driver_sql(statement)
