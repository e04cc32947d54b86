"""A PostgreSQL workspace of schema version 1 is upgraded in place when opened, like a SQLite
one (``tests/unit/test_store_migration.py``): one transaction with its audit row, and the
same columns, constraints and indexes a new store gets.

The version 1 database is a new one taken back to version 1's shape: the table and columns
version 4 added, the tables version 3 added, the columns and indexes version 2 added are
dropped and the version set to 1, with push history in it; it is upgraded step by step
(1 → 2 → 3 → 4), each step audited.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from support.push_stores import place, shape

from app.audit import verify
from app.store import SCHEMA_VERSION
from app.store.models import AuditRow, StoreMeta
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.people import add_person

from .postgres import postgres_server

DOWNGRADE = (
    "DROP TABLE person_keys",  # version 4's
    "ALTER TABLE audit_log DROP COLUMN signature",
    "ALTER TABLE corrections DROP COLUMN approval_signature",
    "DROP TABLE periods", "DROP TABLE findings", "DROP TABLE manual_matches",  # version 3's
    "DROP INDEX ux_outbox_pending_correction",
    "DROP INDEX ix_corrections_reverts",
    "ALTER TABLE corrections DROP COLUMN kind, DROP COLUMN reverts",
    "ALTER TABLE outbox DROP COLUMN kind, DROP COLUMN lease_owner, DROP COLUMN lease_until",
    "UPDATE store_meta SET value = '1' WHERE key = 'schema_version'",
)


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


def test_a_version_1_postgresql_store_is_upgraded_in_place(pg, tmp_path):
    with place("postgresql", tmp_path / "old", lambda: pg) as old, \
            place("postgresql", tmp_path / "new", lambda: pg) as new:
        with old.open() as store:
            add_person(store, None, "admin", "Administración", ["admin"])
            add_person(store, "admin", "ana", "Ana", ["proposer"])
            add_person(store, "admin", "carla", "Carla", ["approver"])
            made = c.propose(store, "ana", entity="customers", system="crm", source_id="C-1",
                             field="email", old="a@correo.co", new="b@correo.co")
            c.approve(store, "carla", made.id)
            outbox.enqueue(store, "carla")
            with store.write() as s:
                for statement in DOWNGRADE:
                    s.execute(text(statement))
        with old.open() as store:
            with store.read() as s:
                assert s.get(StoreMeta, "schema_version").value == str(SCHEMA_VERSION)
                top = s.query(AuditRow).order_by(AuditRow.seq.desc()).first().seq
                first, last, signatures = s.query(AuditRow).filter(
                    AuditRow.seq > top - 3).order_by(AuditRow.seq).all()
            assert (first.action, first.old, first.new, first.actor) == (
                "store_migrated", "1", "2", "cuadre")
            assert (last.action, last.old, last.new, last.actor) == (
                "store_migrated", "2", "3", "cuadre")
            assert (signatures.action, signatures.old, signatures.new, signatures.actor) == (
                "store_migrated", "3", "4", "cuadre")
            assert verify(store).ok
            assert c.get(store, made.id).kind == "field"
            [item] = outbox.pending(store)
            assert item.kind == "field" and item.lease_owner is None
        with old.open() as again, again.read() as s:  # upgraded once only
            assert s.query(AuditRow).filter(AuditRow.action == "store_migrated").count() == 3
        with new.open():
            pass
        assert shape(old) == shape(new)
        tables = ("findings", "manual_matches", "periods")
        assert shape(old, tables) == shape(new, tables)

