"""Issue 16 on a database: the reservation of a VIN sold in the CRM is the unit's row updated
and — where the profile names an orders table — an order inserted in the same transaction
(the configured insert); its undo cancels that order and releases the unit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.connectors import creations
from app.connectors.base import Correction, OutcomeStatus, SourceError
from app.connectors.sql.connector import SqlConnector
from app.domain.schema import Entity

ORDERS = {"table": "pedidos", "ref_column": "numero",
          "columns": {"numero": "ref", "vehiculo_id": "vehicle_id", "vin": "vin",
                      "nit_cliente": "customer_doc", "valor": "price", "estado": "=CONFIRMADO",
                      "creado": "now"},
          "status_column": "estado", "cancelled": "ANULADO"}
RESERVE = Correction(Entity.VEHICLES, "10", {"status": "reserved", "customer_doc": "1020304050"},
                     {"status": "available", "customer_doc": None}, "k1")
RELEASE = Correction(Entity.VEHICLES, "10", {"status": "available", "customer_doc": None},
                     {"status": "reserved", "customer_doc": "1020304050"}, "k2")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "erp.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE vehiculos (id INTEGER PRIMARY KEY, vin TEXT, estado TEXT, sede TEXT,
                                    documento_cliente TEXT, precio NUMERIC);
            INSERT INTO vehiculos VALUES (10, '9BWZZZ377VT004251', 'Disponible', 'Norte', NULL,
                                          98000000),
                                         (11, '9BWZZZ377VT004252', 'Reservado', 'Norte', '7', 1),
                                         (12, '9BWZZZ377VT004253', 'Vendido', 'Norte', '8', 1);
            CREATE TABLE pedidos (numero TEXT PRIMARY KEY, vehiculo_id TEXT, vin TEXT,
                                  nit_cliente TEXT, valor NUMERIC, estado TEXT, creado TEXT);
        """)
    conn.close()
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


def test_a_reservation_updates_the_unit_and_inserts_its_order_and_the_undo_cancels_it(shop):
    sql = SqlConnector(f"sqlite:///{shop}", "erp", orders=ORDERS)
    try:
        outcome = sql.apply(RESERVE)
        assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
        assert outcome.record["status"] == "reserved"
        assert outcome.record["customer_doc"] == "1020304050"
        ref = creations.order_ref("10", "1020304050")
        assert ref in outcome.detail
        assert _rows(shop, "SELECT numero, vehiculo_id, vin, nit_cliente, estado FROM pedidos") \
            == [(ref, "10", "9BWZZZ377VT004251", "1020304050", "CONFIRMADO")]
        assert _rows(shop, "SELECT estado FROM vehiculos WHERE id = 10") == [("Reservado",)]
        again = sql.apply(RESERVE)  # a resend: nothing written twice
        assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
        assert _rows(shop, "SELECT count(*) FROM pedidos") == [(1,)]
        undone = sql.apply(RELEASE)
        assert undone.status is OutcomeStatus.APPLIED, undone.detail
        assert _rows(shop, "SELECT estado FROM pedidos") == [("ANULADO",)]
        assert _rows(shop, "SELECT estado, documento_cliente FROM vehiculos WHERE id = 10") == [
            ("Disponible", None)]
    finally:
        sql.close()


def test_a_unit_another_branch_took_is_a_conflict_and_no_order_is_inserted(shop):
    sql = SqlConnector(f"sqlite:///{shop}", "erp", orders=ORDERS)
    try:
        taken = Correction(Entity.VEHICLES, "12", RESERVE.changes, RESERVE.expected, "k3")
        assert sql.apply(taken).status is OutcomeStatus.CONFLICT
        assert _rows(shop, "SELECT count(*) FROM pedidos") == [(0,)]
        # A failing insert rolls the unit back too: both or neither.
        with sqlite3.connect(shop) as conn:
            conn.execute("DROP TABLE pedidos")
            conn.execute("CREATE TABLE pedidos (numero TEXT PRIMARY KEY, vehiculo_id TEXT, "
                         "vin TEXT, nit_cliente TEXT, valor NUMERIC, estado TEXT NOT NULL "
                         "CHECK (estado = 'X'), creado TEXT)")
        conn.close()
        refused = sql.apply(RESERVE)
        assert refused.status is OutcomeStatus.REJECTED
        assert _rows(shop, "SELECT estado FROM vehiculos WHERE id = 10") == [("Disponible",)]
    finally:
        sql.close()


def test_a_badly_configured_orders_option_is_refused_in_spanish(shop):
    with pytest.raises(SourceError, match="orders"):
        SqlConnector(f"sqlite:///{shop}", "erp", orders={"table": "pedidos", "columns": {}})
    with pytest.raises(SourceError, match="orders"):
        SqlConnector(f"sqlite:///{shop}", "erp",
                     orders={**ORDERS, "columns": {"numero": "ref", "x": "color"}})


def test_a_customer_is_not_created_in_a_database(shop):
    sql = SqlConnector(f"sqlite:///{shop}", "erp")
    try:
        outcome = sql.apply(Correction(Entity.CUSTOMERS, creations.document_key("1020304050"),
                                       {"doc_number": "1020304050"}, {}, "k"))
        assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, "cannot_create")
        assert outcome.detail == ("Cuadre no crea clientes en una base de datos SQL: créelo en "
                                  "el propio sistema.")
    finally:
        sql.close()
