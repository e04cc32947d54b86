"""The workspace store on a real PostgreSQL server the tests start (``postgres.py``): the same
correction-service cases as on SQLite (maker-checker at the service and in the store, roles,
edit voids approval, two people approving one item at once under ``SELECT … FOR UPDATE``),
and the audit verifier against tampering done in the database."""

from __future__ import annotations

import itertools
import random

import pytest
from psycopg import sql
from sqlalchemy.orm import Session
from support.audit_tamper import (
    COVERED_UP,
    KINDS,
    build_chain,
    drop_guards,
    read_rows,
    restore_guards,
    tamper,
)
from support.store_cases import *  # noqa: F403

from app.audit import verify, verify_session
from app.store import open_store

from .postgres import postgres_server

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


@pytest.fixture
def store(pg):
    """A fresh database per test, owned by the application role; dropped afterwards."""
    name = f"cuadre_store_{next(_numbers)}"
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(pg.user)))
    url = f"postgresql://{pg.user}@{pg.host}:{pg.port}/{name}"
    opened = open_store(url, password=pg.password)
    try:
        yield opened
    finally:
        opened.close()
        with pg.admin_connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_the_store_is_postgresql_and_reopens(store, pg):
    assert store.dialect == "postgresql" and "pw-" not in store.describe()
    with open_store(store.describe(), password=pg.password) as again:
        assert verify(again).ok


def test_the_verifier_catches_random_tamperings_in_postgresql(store):
    build_chain(store, 120)
    anchor = verify(store).anchor()
    assert anchor is not None
    drop_guards(store)
    rnd = random.Random(7)
    with store.engine.connect() as conn:
        with conn.begin():
            rows = read_rows(conn)
        for kind in KINDS * 15:
            transaction = conn.begin()
            try:
                tamper(conn, kind, rnd, rows)
                restore_guards(conn)  # only the chain can tell
                with Session(bind=conn) as session:
                    result = verify_session(session, [anchor] if kind in COVERED_UP else [])
            finally:
                transaction.rollback()
            assert not result.ok, kind
    assert verify(store, [anchor]).reason == "guards_missing"  # dropped, and still dropped
    with store.engine.begin() as conn:
        restore_guards(conn)
    assert verify(store, [anchor]).ok


def test_a_disabled_or_dropped_guard_is_noticed_in_postgresql(store):
    build_chain(store, 5)
    assert verify(store).ok
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    result = verify(store)
    assert (result.ok, result.reason) == (False, "guards_missing")
    assert "audit_log_append_only" in result.message
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        conn.exec_driver_sql("CREATE OR REPLACE FUNCTION cuadre_maker_checker() RETURNS trigger "
                             "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")
    result = verify(store)
    assert (result.ok, result.reason) == (False, "guards_missing")
    assert "corrections_maker_checker" in result.message
    with store.engine.begin() as conn:
        restore_guards(conn)
    assert verify(store).ok
