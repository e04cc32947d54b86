"""The SQL connector against a real PostgreSQL server the tests start (``postgres.py``):
typed columns, the change filter done by the server, compare-and-set, a password that is
really checked, and a server that goes away."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import psycopg
import pytest

from app.connections.sources import open_source
from app.connectors.base import AuthError, Correction, OutcomeStatus, SourceError, pulling
from app.connectors.sql.connector import SqlConnector
from app.domain.schema import Entity
from app.progress import Progress, run

from .postgres import PostgresServer, postgres_server

BOGOTA = ZoneInfo("America/Bogota")
START = datetime(2024, 6, 1, 8, 0, tzinfo=BOGOTA)


@pytest.fixture(scope="session")
def pg():
    with postgres_server() as server:
        yield server


def app_connect(pg: PostgresServer) -> psycopg.Connection:
    """The test's own connection as the application role, over TCP with its password."""
    return psycopg.connect(host=pg.host, port=pg.port, user=pg.user, password=pg.password,
                           dbname=pg.database, autocommit=True)


@pytest.fixture
def erp(pg):
    """A small ERP schema, loaded fresh for each test: customers with a real timestamptz change
    column, receipts with NUMERIC amounts and DATE columns."""
    with app_connect(pg) as conn:
        conn.execute("""
            DROP SCHEMA IF EXISTS erp CASCADE;
            CREATE SCHEMA erp;
            CREATE TABLE erp.clientes (
                id serial PRIMARY KEY, nit text NOT NULL, dv text, razon_social text,
                celular text, correo text, cod_municipio text, actualizado timestamptz NOT NULL);
            CREATE TABLE erp.recibos (
                numero_recibo text PRIMARY KEY, cliente_id integer REFERENCES erp.clientes(id),
                valor numeric(16, 2) NOT NULL, fecha date NOT NULL, medio_pago text,
                modificado timestamp NOT NULL);
            CREATE SEQUENCE erp.consecutivo;
        """)
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO erp.clientes (nit, dv, razon_social, celular, correo, cod_municipio,"
                " actualizado) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(f"9001234{n:02d}", str(n % 10), f"Transportes {n} S.A.S.", f"31{n:08d}",
                  f"cartera{n}@empresa.co", "11001", START + timedelta(days=n))
                 for n in range(1, 13)])
            cur.executemany(
                "INSERT INTO erp.recibos VALUES (%s, %s, %s, %s, %s, %s)",
                [(f"RC-{n}", n, Decimal(f"{n}500000.25"), date(2024, 6, n), "Transferencia",
                  datetime(2024, 6, n, 17)) for n in range(1, 7)])
    yield pg
    with app_connect(pg) as conn:
        conn.execute("DROP SCHEMA erp CASCADE")


@pytest.fixture
def sql(erp):
    connector = SqlConnector(erp.url, "erp", password=erp.password,
                             tables={"customers": "erp.clientes", "payments": "erp.recibos"},
                             chunk_size=5)
    yield connector
    connector.close()


def test_typed_columns_become_the_canonical_values(sql):
    customers = sql.pull(Entity.CUSTOMERS).set_index("source_id")
    assert len(customers) == 12 and customers.loc["3", "doc_number"] == "900123403"
    assert customers.loc["3", "check_digit"] == "3" and customers.loc["3", "city_code"] == "11001"
    assert customers.loc["3", "updated_at"] == START + timedelta(days=3)
    payments = sql.pull(Entity.PAYMENTS).set_index("source_id")
    assert payments.loc["RC-2", "amount"] == Decimal("2500000.25")
    assert payments.loc["RC-2", "paid_on"] == date(2024, 6, 2)
    # A timestamp without zone is Bogotá's.
    assert payments.loc["RC-2", "updated_at"] == datetime(2024, 6, 2, 17, tzinfo=BOGOTA)
    assert {(i.column, i.reason) for i in sql.issues()} == {("cliente_id", "unmapped_column")}


def test_the_server_leaves_out_rows_older_than_since(sql):
    since = START + timedelta(days=9)
    seen: list[Progress] = []
    recent = run(pulling(sql, Entity.CUSTOMERS, since), seen.append)
    assert sorted(recent["source_id"], key=int) == ["9", "10", "11", "12"]
    # The count was filtered too: the server did the filtering, not us after reading all.
    assert [(p.done, p.total) for p in seen] == [(0, 4), (4, 4)]
    # A naive timestamp column compares in Bogotá time.
    assert sorted(sql.pull(Entity.PAYMENTS, since=datetime(2024, 6, 5, 17, tzinfo=BOGOTA))["source_id"]) \
        == ["RC-5", "RC-6"]


def test_a_big_table_is_read_in_chunks(sql):
    seen: list[Progress] = []
    frame = run(pulling(sql, Entity.CUSTOMERS), seen.append)
    assert len(frame) == sql.count(Entity.CUSTOMERS) == 12
    assert [p.done for p in seen] == [0, 5, 10, 12]


def test_a_correction_is_a_compare_and_set(sql, erp):
    fix = Correction(Entity.CUSTOMERS, "4", {"phone": "3205550000", "email": "pagos@empresa.co"},
                     {"phone": "3100000004", "email": "cartera4@empresa.co"}, key="k1")
    outcome = sql.apply(fix)
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    assert outcome.record is not None and outcome.record["email"] == "pagos@empresa.co"
    again = sql.apply(fix)
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
    with app_connect(erp) as conn:
        assert conn.execute("SELECT celular, correo FROM erp.clientes WHERE id = 4").fetchone() == (
            "3205550000", "pagos@empresa.co")
        conn.execute("UPDATE erp.clientes SET celular = '3001112222' WHERE id = 5")
    stale = sql.apply(Correction(Entity.CUSTOMERS, "5", {"phone": "3209990000"},
                                 {"phone": "3100000005"}, key="k2"))
    assert (stale.status, stale.reason) == (OutcomeStatus.CONFLICT, "expected_mismatch")
    assert stale.record is not None and stale.record["phone"] == "3001112222"
    gone = sql.apply(Correction(Entity.CUSTOMERS, "404", {"phone": "3209990000"}, {}, key="k3"))
    assert (gone.status, gone.reason) == (OutcomeStatus.REJECTED, "not_found")
    amount = sql.apply(Correction(Entity.PAYMENTS, "RC-1", {"amount": Decimal("1600000.00")},
                                  {"amount": "1500000.25"}, key="k4"))
    assert amount.status is OutcomeStatus.APPLIED, amount.detail
    with app_connect(erp) as conn:
        assert conn.execute("SELECT valor FROM erp.recibos WHERE numero_recibo = 'RC-1'").fetchone() == (
            Decimal("1600000.00"),)


def test_a_value_the_column_refuses_is_rejected(sql, erp):
    with app_connect(erp) as conn:
        conn.execute("ALTER TABLE erp.clientes ADD CONSTRAINT celular_corto CHECK (length(celular) <= 10)")
    outcome = sql.apply(Correction(Entity.CUSTOMERS, "1", {"phone": "+57 310 000 0001 ext 5"}, {},
                                   key="k5"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, "invalid_value")
    assert "+57" not in outcome.detail


def test_queries_are_read_only_even_for_what_the_text_check_cannot_see(erp):
    numbered = SqlConnector(erp.url, "erp", password=erp.password, queries={"payments": (
        "SELECT nextval('erp.consecutivo') AS id, numero_recibo AS recibo, valor FROM erp.recibos")})
    try:
        with pytest.raises(SourceError, match="solo se permiten consultas de lectura"):
            numbered.pull(Entity.PAYMENTS)
    finally:
        numbered.close()


def test_a_query_entity_is_read_by_its_integer_id(erp):
    joined = SqlConnector(erp.url, "erp", password=erp.password, queries={"payments": """
        SELECT r.numero_recibo AS recibo, c.id AS id, c.nit, r.valor, r.fecha,
               r.fecha::timestamp + interval '10 hours' AS modificado
        FROM erp.recibos r JOIN erp.clientes c ON c.id = r.cliente_id WHERE r.valor > 0"""})
    try:
        assert joined.count(Entity.PAYMENTS) == 6
        record = joined.read(Entity.PAYMENTS, "3")
        assert record is not None and record["receipt_number"] == "RC-3"
        assert record["customer_doc"] == "900123403"
        assert joined.read(Entity.PAYMENTS, "99") is None
        refused = joined.apply(Correction(Entity.PAYMENTS, "3", {"amount": Decimal(1)}, {}, key="k6"))
        assert (refused.status, refused.reason) == (OutcomeStatus.REJECTED, "read_only")
    finally:
        joined.close()


def test_a_wrong_or_missing_password_is_an_auth_error_that_never_shows_it(erp, caplog):
    canary = "Canario-" + erp.password[-6:] + "-x"
    caplog.set_level(logging.DEBUG)
    wrong = SqlConnector(erp.url, "erp", password=canary, tables={"customers": "erp.clientes"})
    try:
        with pytest.raises(AuthError, match="rechazó el usuario o la contraseña") as raised:
            wrong.pull(Entity.CUSTOMERS)
        assert canary not in str(raised.value) and canary not in wrong.describe()
        outcome = wrong.apply(Correction(Entity.CUSTOMERS, "1", {"phone": "3000000000"}, {}, key="k7"))
        assert outcome.status is OutcomeStatus.FAILED and canary not in outcome.detail
    finally:
        wrong.close()
    assert canary not in caplog.text
    # open_source looks the secret up by the source's reference; none stored here.
    missing = open_source(erp.url, "erp", secrets=lambda ref: None)
    try:
        with pytest.raises(AuthError, match="pide una contraseña"):
            missing.pull(Entity.CUSTOMERS)
    finally:
        missing.close()


def test_a_database_that_does_not_exist_is_named(erp):
    other = SqlConnector(erp.url.replace(erp.database, "contabilidad"), "erp", password=erp.password)
    try:
        with pytest.raises(SourceError, match="No existe la base de datos «contabilidad»"):
            other.pull(Entity.CUSTOMERS)
    finally:
        other.close()


def test_a_stopped_server_is_a_source_error(sql, erp):
    assert len(sql.pull(Entity.CUSTOMERS)) == 12  # a pooled connection is now open
    erp.stop()
    try:
        with pytest.raises(SourceError, match="No se pudo conectar") as raised:
            sql.pull(Entity.CUSTOMERS)
        assert erp.password not in str(raised.value)
        outcome = sql.apply(Correction(Entity.CUSTOMERS, "1", {"phone": "3000000000"}, {}, key="k8"))
        assert (outcome.status, outcome.reason) == (OutcomeStatus.FAILED, "database")
    finally:
        erp.start()
    assert len(sql.pull(Entity.CUSTOMERS)) == 12
