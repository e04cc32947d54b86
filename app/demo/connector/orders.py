"""The demo ERP's sale orders: how it reserves a VIN for a customer, and what Cuadre creates
there when the CRM sold a unit the ERP still offers.

A reservation (:func:`app.connectors.creations.reserves`) is, in the demo ERP as in a real one,
an order (``pedidos``: its number is Cuadre's :func:`~app.connectors.creations.order_ref`, the
unit, the customer, the branch, the price) that puts the unit «RESERVADO» for that customer —
no other branch can sell it — plus the workshop's preparation order (``ordenes_taller``,
«ALISTAMIENTO») when the file has a workshop. Releasing it (the undo) cancels the order
(«ANULADO»), deletes the preparation not yet done and puts the unit back «DISPONIBLE».

An ERP customer Cuadre created is archived by its undo, when nothing in the ERP points at
it (no unit, receipt, invoice or workshop order): it disappears from the listings as a merged
party does. With anything pointing at it, the ERP keeps it (refused, nothing written).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from app.connectors import creations
from app.demo.connector.fields import Refused
from app.demo.connector.reading import has_table, listed
from app.demo.systems import ERP_SERVICE_KIND, MERGED_COLUMN

ORDERS_DDL = ("CREATE TABLE IF NOT EXISTS pedidos (id INTEGER PRIMARY KEY, numero TEXT NOT NULL "
              "UNIQUE, inventario_id INTEGER NOT NULL, tercero_id INTEGER, sede_id INTEGER, "
              "precio TEXT, estado TEXT NOT NULL, alistamiento_id INTEGER, creado TEXT NOT NULL, "
              "modificado TEXT NOT NULL)")

_PREPARATION = ERP_SERVICE_KIND["preparation"]
#: The tables whose ``tercero_id`` keeps a party in the ERP.
_POINTING = ("inventario", "recibos", "facturas", "ordenes_taller", "contratos", "pedidos")


def place_order(conn: sqlite3.Connection, vehicle_id: str, doc: str, stamp: str) -> str:
    """Register (or confirm again) the order that reserves unit ``vehicle_id`` for ``doc``,
    with its preparation order; the unit row already says «RESERVADO» for the customer. The
    sentence the outcome carries."""
    conn.execute(ORDERS_DDL)
    unit = conn.execute("SELECT vin, tercero_id, sede_id, precio FROM inventario WHERE id = :i",
                        {"i": int(vehicle_id)}).fetchone()
    number = creations.order_ref(vehicle_id, doc)
    preparation = None
    if has_table(conn, "ordenes_taller"):
        preparation = conn.execute(
            "INSERT INTO ordenes_taller (vin, tercero_id, tipo, fecha, kilometraje, sede_id, "
            "modificado) VALUES (:vin, :t, :tipo, :fecha, 0, :sede, :m)",
            {"vin": unit["vin"], "t": unit["tercero_id"], "tipo": _PREPARATION,
             "fecha": date.fromisoformat(stamp[:10]).isoformat(), "sede": unit["sede_id"],
             "m": stamp}).lastrowid
    values = {"n": number, "i": int(vehicle_id), "t": unit["tercero_id"], "s": unit["sede_id"],
              "p": unit["precio"], "a": preparation, "m": stamp}
    if conn.execute("SELECT 1 FROM pedidos WHERE numero = :n", values).fetchone():
        conn.execute("UPDATE pedidos SET estado = 'CONFIRMADO', tercero_id = :t, "
                     "alistamiento_id = :a, modificado = :m WHERE numero = :n", values)
    else:
        conn.execute("INSERT INTO pedidos (numero, inventario_id, tercero_id, sede_id, precio, "
                     "estado, alistamiento_id, creado, modificado) VALUES (:n, :i, :t, :s, :p, "
                     "'CONFIRMADO', :a, :m, :m)", values)
    made = " y su orden de alistamiento en el taller" if preparation is not None else ""
    return f"Pedido {number} registrado en el ERP{made}: el VIN {unit['vin']} queda reservado."


def cancel_order(conn: sqlite3.Connection, vehicle_id: str, doc: str, stamp: str) -> str:
    """Cancel the order that reserved ``vehicle_id`` for ``doc`` and delete its preparation
    order; the unit row already says «DISPONIBLE»."""
    conn.execute(ORDERS_DDL)
    number = creations.order_ref(vehicle_id, doc)
    row = conn.execute("SELECT alistamiento_id FROM pedidos WHERE numero = :n",
                       {"n": number}).fetchone()
    if row is None:
        return "El vehículo queda disponible (no había pedido de Cuadre que anular)."
    if row["alistamiento_id"] is not None and has_table(conn, "ordenes_taller"):
        conn.execute("DELETE FROM ordenes_taller WHERE id = :a AND tipo = :tipo",
                     {"a": row["alistamiento_id"], "tipo": _PREPARATION})
    conn.execute("UPDATE pedidos SET estado = 'ANULADO', alistamiento_id = NULL, "
                 "modificado = :m WHERE numero = :n", {"n": number, "m": stamp})
    return f"Pedido {number} anulado y vehículo liberado: vuelve a estar disponible."


def order_of(conn: sqlite3.Connection, vehicle_id: str) -> dict[str, Any] | None:
    """The unit's confirmed order, or None (a test and the read-back look at it)."""
    if not has_table(conn, "pedidos"):
        return None
    row = conn.execute("SELECT * FROM pedidos WHERE inventario_id = :i AND estado = 'CONFIRMADO'",
                       {"i": int(vehicle_id)}).fetchone()
    return dict(row) if row is not None else None


def archive_party(conn: sqlite3.Connection, party_id: str, stamp: str) -> None:
    """Hide a party Cuadre created (the undo of its creation) when nothing points at it."""
    for table in _POINTING:
        if has_table(conn, table) and conn.execute(
                f"SELECT 1 FROM {table}{listed(conn, table)} "
                f"{'AND' if listed(conn, table) else 'WHERE'} tercero_id = :t LIMIT 1",
                {"t": int(party_id)}).fetchone():
            raise Refused("in_use", "El ERP ya tiene movimientos de este tercero (vehículos, "
                          "recibos, facturas o pedidos): no se archiva; anúlelos primero.")
    columns = {r[1] for r in conn.execute("PRAGMA table_info(terceros)")}
    if MERGED_COLUMN not in columns:
        conn.execute(f"ALTER TABLE terceros ADD COLUMN {MERGED_COLUMN} TEXT")
    conn.execute(f"UPDATE terceros SET {MERGED_COLUMN} = :at WHERE id = :id",
                 {"at": stamp, "id": int(party_id)})
