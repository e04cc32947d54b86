"""Store-level guards a CHECK constraint cannot express (it sees one row only).

Maker-checker across rows: nobody who wrote a correction's payload (its proposer or an editor,
listed in ``correction_authors``) may be its approver — refused when the approver is set, and
when an author is added to an approved correction. The audit trail is append-only: UPDATE and
DELETE on ``audit_log`` are refused. (Whoever owns the database file can still drop a trigger:
that is what the hash chain and ``cuadre audit verify`` are for.)

Both dialects raise an error whose text contains ``maker_checker`` or ``audit_append_only``,
which the service layer turns into a Spanish sentence.
"""

from __future__ import annotations

from sqlalchemy import DDL, event

from app.store.models import Base

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


def _install() -> None:
    for statement in _SQLITE:
        event.listen(Base.metadata, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in _POSTGRES:
        event.listen(Base.metadata, "after_create",
                     DDL(statement).execute_if(dialect="postgresql"))


_install()
