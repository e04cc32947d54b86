"""Opening a store of schema version 1 upgrades it in place (issue 5: merges and undo need
``corrections.kind``/``reverts``, the push needs its lease): one transaction with an audit row
saying so; the upgraded store has exactly the columns, CHECKs, references and indexes a new
one gets; a failed upgrade leaves the version 1 store whole.

The version 1 store is built here with the DDL Cuadre's schema version 1 created (SQLite),
holding people, an approved and queued correction with its outbox row, and a hash-chained
audit trail.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from unittest import mock

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from support.push_stores import Place, shape

from app.audit import verify
from app.store import SCHEMA_VERSION, StoreError, open_store
from app.store.chain import append
from app.store.models import AuditRow, StoreMeta
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import NotAllowed

V1_DDL = """
CREATE TABLE audit_head (
    id INTEGER NOT NULL, count INTEGER NOT NULL, last_hash VARCHAR(64) NOT NULL,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single_row CHECK (id = 1));
CREATE TABLE audit_log (
    seq INTEGER NOT NULL, at VARCHAR(32) NOT NULL, actor TEXT NOT NULL,
    action VARCHAR(32) NOT NULL, system VARCHAR(8), entity VARCHAR(32), record TEXT,
    field VARCHAR(64), old TEXT, new TEXT, proposer TEXT, approver TEXT, comment TEXT,
    outcome VARCHAR(32), idempotency_key VARCHAR(64), correction_id VARCHAR(36),
    prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (seq),
    CONSTRAINT ck_audit_log_seq_positive CHECK (seq > 0),
    CONSTRAINT uq_audit_log_hash UNIQUE (hash));
CREATE INDEX ix_audit_log_actor ON audit_log (actor);
CREATE INDEX ix_audit_log_correction_id ON audit_log (correction_id);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_record ON audit_log (record);
CREATE TABLE people (
    login VARCHAR(128) NOT NULL, name TEXT NOT NULL, active BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (login),
    CONSTRAINT ck_people_login_lower CHECK (login = lower(login) AND length(login) > 0));
CREATE TABLE store_meta (
    "key" VARCHAR(64) NOT NULL, value TEXT NOT NULL,
    CONSTRAINT pk_store_meta PRIMARY KEY ("key"));
CREATE TABLE corrections (
    id VARCHAR(36) NOT NULL, workspace TEXT, entity VARCHAR(32) NOT NULL,
    target_system VARCHAR(8) NOT NULL, source_id TEXT NOT NULL, field VARCHAR(64) NOT NULL,
    old_value TEXT, new_value TEXT, payload TEXT NOT NULL, payload_hash VARCHAR(64) NOT NULL,
    approved_hash VARCHAR(64), state VARCHAR(16) NOT NULL, proposer VARCHAR(128) NOT NULL,
    last_editor VARCHAR(128), approver VARCHAR(128), decided_by VARCHAR(128),
    idempotency_key VARCHAR(64), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
    decided_at DATETIME, version INTEGER NOT NULL,
    CONSTRAINT pk_corrections PRIMARY KEY (id),
    CONSTRAINT ck_corrections_state_known CHECK (state IN ('proposed', 'approved', 'rejected',
        'deferred', 'queued', 'attempting', 'applied', 'conflict', 'failed', 'unknown')),
    CONSTRAINT ck_corrections_system_known CHECK (target_system IN ('crm', 'erp')),
    CONSTRAINT ck_corrections_maker_checker CHECK (approver IS NULL OR approver <> proposer),
    CONSTRAINT ck_corrections_approval_frozen CHECK (state IN ('proposed', 'rejected',
        'deferred') OR (approver IS NOT NULL AND approved_hash IS NOT NULL
        AND approved_hash = payload_hash AND idempotency_key IS NOT NULL)),
    CONSTRAINT ck_corrections_proposed_unapproved CHECK (state <> 'proposed' OR approver IS NULL),
    CONSTRAINT ck_corrections_version_positive CHECK (version > 0),
    CONSTRAINT fk_corrections_proposer_people FOREIGN KEY(proposer) REFERENCES people (login),
    CONSTRAINT fk_corrections_last_editor_people FOREIGN KEY(last_editor)
        REFERENCES people (login),
    CONSTRAINT fk_corrections_approver_people FOREIGN KEY(approver) REFERENCES people (login),
    CONSTRAINT fk_corrections_decided_by_people FOREIGN KEY(decided_by)
        REFERENCES people (login),
    CONSTRAINT uq_corrections_idempotency_key UNIQUE (idempotency_key));
CREATE INDEX ix_corrections_workspace ON corrections (workspace);
CREATE INDEX ix_corrections_state ON corrections (state);
CREATE TABLE person_roles (
    login VARCHAR(128) NOT NULL, role VARCHAR(16) NOT NULL,
    CONSTRAINT pk_person_roles PRIMARY KEY (login, role),
    CONSTRAINT ck_person_roles_role_known CHECK (role IN ('proposer', 'approver', 'auditor',
        'admin')),
    CONSTRAINT fk_person_roles_login_people FOREIGN KEY(login) REFERENCES people (login)
        ON DELETE CASCADE);
CREATE TABLE correction_authors (
    correction_id VARCHAR(36) NOT NULL, login VARCHAR(128) NOT NULL,
    CONSTRAINT pk_correction_authors PRIMARY KEY (correction_id, login),
    CONSTRAINT fk_correction_authors_correction_id_corrections FOREIGN KEY(correction_id)
        REFERENCES corrections (id) ON DELETE CASCADE,
    CONSTRAINT fk_correction_authors_login_people FOREIGN KEY(login) REFERENCES people (login));
CREATE TABLE correction_comments (
    id INTEGER NOT NULL, correction_id VARCHAR(36) NOT NULL, at DATETIME NOT NULL,
    author VARCHAR(128) NOT NULL, action VARCHAR(16) NOT NULL, text TEXT NOT NULL,
    CONSTRAINT pk_correction_comments PRIMARY KEY (id),
    CONSTRAINT fk_correction_comments_correction_id_corrections FOREIGN KEY(correction_id)
        REFERENCES corrections (id) ON DELETE CASCADE,
    CONSTRAINT fk_correction_comments_author_people FOREIGN KEY(author)
        REFERENCES people (login));
CREATE INDEX ix_correction_comments_correction_id ON correction_comments (correction_id);
CREATE TABLE outbox (
    id INTEGER NOT NULL, correction_id VARCHAR(36) NOT NULL,
    idempotency_key VARCHAR(64) NOT NULL, target_system VARCHAR(8) NOT NULL,
    entity VARCHAR(32) NOT NULL, source_id TEXT NOT NULL, field VARCHAR(64) NOT NULL,
    changes TEXT NOT NULL, expected TEXT NOT NULL, state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL, reason VARCHAR(64), detail TEXT, found TEXT,
    enqueued_by TEXT NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
    finished_at DATETIME,
    CONSTRAINT pk_outbox PRIMARY KEY (id),
    CONSTRAINT ck_outbox_state_known CHECK (state IN ('queued', 'attempting', 'applied',
        'conflict', 'rejected', 'failed', 'unknown')),
    CONSTRAINT ck_outbox_system_known CHECK (target_system IN ('crm', 'erp')),
    CONSTRAINT ck_outbox_attempts_positive CHECK (attempts >= 0),
    CONSTRAINT fk_outbox_correction_id_corrections FOREIGN KEY(correction_id)
        REFERENCES corrections (id),
    CONSTRAINT uq_outbox_idempotency_key UNIQUE (idempotency_key));
CREATE INDEX ix_outbox_correction_id ON outbox (correction_id);
CREATE INDEX ix_outbox_state ON outbox (state);
CREATE TRIGGER corrections_maker_checker_insert BEFORE INSERT ON corrections
WHEN NEW.approver IS NOT NULL AND EXISTS (SELECT 1 FROM correction_authors a
    WHERE a.correction_id = NEW.id AND a.login = NEW.approver)
BEGIN SELECT RAISE(ABORT, 'maker_checker: an author cannot approve'); END;
CREATE TRIGGER corrections_maker_checker_update BEFORE UPDATE ON corrections
WHEN NEW.approver IS NOT NULL AND EXISTS (SELECT 1 FROM correction_authors a
    WHERE a.correction_id = NEW.id AND a.login = NEW.approver)
BEGIN SELECT RAISE(ABORT, 'maker_checker: an author cannot approve'); END;
CREATE TRIGGER correction_authors_maker_checker BEFORE INSERT ON correction_authors
WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.id = NEW.correction_id AND c.approver = NEW.login)
BEGIN SELECT RAISE(ABORT, 'maker_checker: the approver cannot become an author'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_append_only: audit rows are never changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_append_only: audit rows are never deleted'); END;
"""

#: The payload of the version 1 correction (encode_payload of its changes) and its hash.
PAYLOAD = ('{"changes":{"email":"nuevo@correo.co"},"entity":"customers","expected":'
           '{"email":"viejo@correo.co"},"source_id":"C-00007","system":"crm"}')
STAMP = "2026-01-15 13:00:00.000000"
#: The tables schema version 3 added (issue 15: findings across runs, manual matches, periods).
FINDING_TABLES = ("findings", "manual_matches", "periods")


def _v1_store(path) -> None:
    """A version 1 store file with people, an approved correction queued in the outbox, and
    its audit trail, written the way version 1 wrote them."""
    from app.store.values import sha256_hex

    digest = sha256_hex(PAYLOAD)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1_DDL)
        conn.executescript(f"""
            PRAGMA journal_mode = WAL;
            INSERT INTO store_meta VALUES ('schema_version', '1');
            INSERT INTO audit_head VALUES (1, 0, '{'0' * 64}');
            INSERT INTO people VALUES ('admin', 'Administración', 1, '{STAMP}'),
                ('ana', 'Ana', 1, '{STAMP}'), ('carla', 'Carla', 1, '{STAMP}'),
                ('beto', 'Beto', 1, '{STAMP}');
            INSERT INTO person_roles VALUES ('admin', 'admin'), ('ana', 'proposer'),
                ('carla', 'approver'), ('beto', 'approver');
            INSERT INTO corrections VALUES ('c-1', NULL, 'customers', 'crm', 'C-00007', 'email',
                '"viejo@correo.co"', '"nuevo@correo.co"', '{PAYLOAD}', '{digest}', '{digest}',
                'queued', 'ana', NULL, 'carla', 'carla', 'clave-1', '{STAMP}', '{STAMP}',
                '{STAMP}', 3);
            INSERT INTO correction_authors VALUES ('c-1', 'ana');
            INSERT INTO outbox VALUES (1, 'c-1', 'clave-1', 'crm', 'customers', 'C-00007',
                'email', '{{"email":"nuevo@correo.co"}}', '{{"email":"viejo@correo.co"}}',
                'queued', 0, NULL, NULL, NULL, 'carla', '{STAMP}', '{STAMP}', NULL);
        """)
        conn.commit()
    finally:
        conn.close()
    engine = create_engine(f"sqlite:///{path}")
    try:  # version 1 signed nothing (and had no keys' table to look in)
        with Session(engine) as session, session.begin(), \
                mock.patch("app.store.chain.private_key", return_value=None):
            at = datetime(2026, 1, 15, 13, tzinfo=UTC)
            for action, who in (("propose", "ana"), ("approve", "carla"),
                                ("push_enqueue", "carla")):
                append(session, actor=who, action=action, system="crm", entity="customers",
                       record="C-00007", field="email", old='"viejo@correo.co"',
                       new='"nuevo@correo.co"', correction_id="c-1", at=at, proposer="ana",
                       approver=None if action == "propose" else "carla",
                       outcome={"propose": "proposed", "approve": "approved"}.get(action,
                                                                                  "queued"),
                       # as version 1 wrote them: the approval's key from the approval on
                       idempotency_key=None if action == "propose" else "clave-1")
    finally:
        engine.dispose()


def test_a_version_1_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        with store.read() as s:
            assert s.get(StoreMeta, "schema_version").value == str(SCHEMA_VERSION) == "4"
            first, last, signatures = s.query(AuditRow).order_by(AuditRow.seq).all()[-3:]
        # One step at a time, each with its audit row: 1 → 2, 2 → 3 (the findings), 3 → 4
        # (the signatures).
        assert (signatures.seq, signatures.action, signatures.old, signatures.new) == (
            6, "store_migrated", "3", "4")
        assert (first.seq, first.actor, first.action, first.old, first.new) == (
            4, "cuadre", "store_migrated", "1", "2")
        assert "Esquema 1 → 2" in first.comment
        assert (last.seq, last.actor, last.action, last.old, last.new) == (
            5, "cuadre", "store_migrated", "2", "3")
        assert "Esquema 2 → 3" in last.comment
        assert verify(store).ok  # the chain goes on from the version 1 rows
        view = c.get(store, "c-1")
        assert (view.kind, view.reverts, view.state, view.new_value) == (
            "field", None, "queued", "nuevo@correo.co")
        [item] = outbox.pending(store)
        assert (item.kind, item.lease_owner, item.key) == ("field", None, "clave-1")
        claimed = outbox.claim(store, outbox.Lease.mine(60)).item
        assert claimed is not None and claimed.lease_owner is not None
        # The new CHECK, reference and one-pending-row index hold in the upgraded file.
        for sql, words in (
                ("UPDATE corrections SET kind = 'otra' WHERE id = 'c-1'", "CHECK"),
                ("UPDATE corrections SET reverts = 'no-existe' WHERE id = 'c-1'", "FOREIGN KEY"),
                ("INSERT INTO outbox (correction_id, kind, idempotency_key, target_system, "
                 "entity, source_id, field, changes, expected, state, attempts, enqueued_by, "
                 "created_at, updated_at) SELECT correction_id, kind, 'clave-2', target_system, "
                 "entity, source_id, field, changes, expected, 'queued', 0, enqueued_by, "
                 "created_at, updated_at FROM outbox WHERE id = 1", "UNIQUE")):
            with pytest.raises(Exception, match=words), store.write() as s:
                s.execute(text(sql))
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    fresh = Place(f"sqlite:///{tmp_path / 'v2.sqlite'}")
    fresh.open().close()
    assert shape(Place(url)) == shape(fresh)
    assert shape(Place(url), FINDING_TABLES) == shape(fresh, FINDING_TABLES)

    with open_store(url) as again, again.read() as s:  # once only
        assert s.query(AuditRow).filter(AuditRow.action == "store_migrated").count() == 3


def test_the_upgraded_store_works_like_a_new_one(tmp_path):
    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    with open_store(f"sqlite:///{path}") as store:
        made = c.propose(store, "ana", entity="customers", system="erp", source_id="1002",
                         field="email", old="a@correo.co", new="b@correo.co")
        with pytest.raises(NotAllowed):
            c.approve(store, "ana", made.id)
        assert c.approve(store, "beto", made.id).state == "approved"
        assert verify(store).ok


def test_a_failed_upgrade_leaves_the_version_1_store_whole(tmp_path):
    """The upgrade is one transaction: when a step fails (here an index name is already
    taken), no column was added, the version is still 1, and nothing was audited."""
    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX ix_corrections_reverts ON corrections (state)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="No se pudo abrir"):
        open_store(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(corrections)")]
        assert "kind" not in columns and "reverts" not in columns
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & set(FINDING_TABLES)  # a later step's tables are not made before it
        assert conn.execute("SELECT value FROM store_meta").fetchone() == ("1",)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (3,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_a_store_of_a_newer_version_is_still_refused(tmp_path):
    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE store_meta SET value = ?", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="actualice Cuadre"):
        open_store(f"sqlite:///{path}")


# --- version 2 → 3: the findings' tables (issue 15) ------------------------------------------


def _v2_store(path) -> None:
    """A version 2 store: a new one taken back to version 2 (the tables version 3 added
    dropped), with a person and a saved-run-free audit trail."""
    with open_store(f"sqlite:///{path}") as store:
        with store.write() as s:
            append(s, actor="admin", action="person_added", record="admin", new='"admin"')
    conn = sqlite3.connect(path)
    try:
        for table in ("periods", "findings", "manual_matches", "person_keys"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("ALTER TABLE audit_log DROP COLUMN signature")
        conn.execute("ALTER TABLE corrections DROP COLUMN approval_signature")
        conn.execute("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'")
        conn.commit()
    finally:
        conn.close()


def test_a_version_2_store_gets_the_findings_tables_from_its_step(tmp_path):
    path = tmp_path / "v2.sqlite"
    _v2_store(path)
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        with store.read() as s:
            assert s.get(StoreMeta, "schema_version").value == "4"
            step, last = s.query(AuditRow).order_by(AuditRow.seq).all()[-2:]
        assert (step.seq, step.action, step.old, step.new) == (2, "store_migrated", "2", "3")
        assert (last.seq, last.action, last.old, last.new) == (3, "store_migrated", "3", "4")
        assert verify(store).ok
        # The partial unique index and the maker-checker CHECK of a period hold.
        with pytest.raises(Exception, match="CHECK"), store.write() as s:
            s.execute(text(
                "INSERT INTO periods (id, workspace, month, branch, entity, state, run_id, "
                "certificate, certificate_hash, certified_by, certified_at, certified_anchor, "
                "signed_by, version) VALUES ('p', 'w', '2026-11', '', 'payments', 'signed', "
                "'r', '{}', 'h', 'ana', '2026-12-01 00:00:00', '1:h', 'ana', 1)"))
    fresh = Place(f"sqlite:///{tmp_path / 'v3.sqlite'}")
    fresh.open().close()
    assert shape(Place(url), FINDING_TABLES) == shape(fresh, FINDING_TABLES)


def test_a_failed_step_to_version_3_leaves_the_version_2_store_whole(tmp_path):
    """A table named like one of the step's already there (made by hand): the step fails,
    and none of its tables, no version 3 and no audit row is left behind."""
    path = tmp_path / "v2.sqlite"
    _v2_store(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE periods (id TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="No se pudo abrir"):
        open_store(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "findings" not in tables and "manual_matches" not in tables
        assert conn.execute("SELECT value FROM store_meta").fetchone() == ("2",)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)
    finally:
        conn.close()
