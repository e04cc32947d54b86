"""The sandbox ERP's sale orders (``/erp/orders``): how its API reserves a VIN for a customer.

As a dealership ERP's API does it, a unit is reserved by an order, never by editing the unit:

- ``POST /erp/orders`` with ``{"id", "vehiculo_id", "nit_cliente", "alistamiento"}`` (the id
  chosen by the client: Cuadre's order reference): the unit must be «DISPONIBLE» (else 409
  ``not_available`` with the unit as it stands) and the ERP must have a party with that NIT
  (else 422 ``unknown_customer``); the order is «CONFIRMADO», the unit becomes «RESERVADO»
  for the customer (no other branch can sell it) and, with ``alistamiento`` and a workshop, a
  preparation order («ALISTAMIENTO») is opened. 201 with the order. The same order again (same
  id, unit and customer, still confirmed) → 200, nothing written; the id with another unit or
  customer → 409 ``already_exists``.
- ``GET /erp/orders/<id>``: the order (404 when there is none).
- ``POST /erp/orders/<id>/cancel``: the order «ANULADO», its preparation order deleted, the
  unit «DISPONIBLE» again with no customer. Already cancelled → 200, nothing written.

Writes go through the same idempotency layer as every write (``rest_api``).
"""

from __future__ import annotations

from typing import Any

from app.demo.sandbox.store import Store
from app.demo.sandbox.tables import Row
from app.demo.sandbox.views import StoreError
from app.demo.systems import ERP_SERVICE_KIND, ERP_VEHICLE_STATUS, MERGED_COLUMN
from app.domain.values import normalize_doc_number

TABLE = "pedidos"
_AVAILABLE, _RESERVED = ERP_VEHICLE_STATUS["available"], ERP_VEHICLE_STATUS["reserved"]
_PREPARATION = ERP_SERVICE_KIND["preparation"]


def create(store: Store, body: dict[str, Any]) -> tuple[Row, bool]:
    """Register the order ``body`` (API names): (the order, created)."""
    key, unit_id = body.get("id"), body.get("vehiculo_id")
    doc = normalize_doc_number(body.get("nit_cliente"))
    missing = [n for n, v in (("id", key), ("vehiculo_id", unit_id), ("nit_cliente", doc))
               if v in (None, "") or isinstance(v, bool | dict | list)]
    if missing:
        raise StoreError(400, "missing_field", "Faltan datos del pedido: " + ", ".join(missing)
                         + ".", fields=missing)
    key, unit_id = str(key).strip(), str(unit_id).strip()
    with store.lock:
        tables = store.tables["erp"]
        orders = tables.setdefault(TABLE, {})
        unit = tables["inventario"].get(unit_id)
        if unit is None or unit.get(MERGED_COLUMN):
            raise StoreError(404, "not_found", "No existe ese vehículo en el inventario.")
        party = _party(tables, doc)
        order = orders.get(key)
        if order is not None:
            if str(order["inventario_id"]) != unit_id or order["tercero_id"] != party:
                raise StoreError(409, "already_exists", "Ya existe un pedido con ese "
                                 "identificador para otro vehículo o cliente.",
                                 current=_shown(order, tables))
            if order["estado"] == "CONFIRMADO":
                return _shown(order, tables), False
        if unit.get("estado") != _AVAILABLE:
            raise StoreError(409, "not_available", "El vehículo no está disponible: otra sede "
                             "lo reservó o lo vendió.", current=_unit(unit, tables))
        stamp = store.stamp()
        preparation = None
        if body.get("alistamiento") and "ordenes_taller" in tables:
            workshop = tables["ordenes_taller"]
            preparation = str(max((int(k) for k in workshop), default=0) + 1)
            workshop[preparation] = {
                "id": int(preparation), "vin": unit["vin"], "tercero_id": party,
                "tipo": _PREPARATION, "fecha": stamp[:10], "kilometraje": 0,
                "sede_id": unit.get("sede_id"), "modificado": stamp}
        order = {"id": key, "inventario_id": unit_id, "tercero_id": party,
                 "sede_id": unit.get("sede_id"), "precio": unit.get("precio"),
                 "estado": "CONFIRMADO", "alistamiento_id": preparation, "creado": stamp,
                 "modificado": stamp}
        orders[key] = order
        unit.update({"estado": _RESERVED, "tercero_id": party})
        store.touch("erp", "inventario", unit_id, unit)
        return _shown(order, tables), True


def get(store: Store, key: str) -> Row:
    with store.lock:
        tables = store.tables["erp"]
        order = tables.get(TABLE, {}).get(key)
        if order is None:
            raise StoreError(404, "not_found", "No existe ese pedido.")
        return _shown(order, tables)


def cancel(store: Store, key: str) -> Row:
    """Cancel the order ``key`` and release its unit."""
    with store.lock:
        tables = store.tables["erp"]
        order = tables.get(TABLE, {}).get(key)
        if order is None:
            raise StoreError(404, "not_found", "No existe ese pedido.")
        if order["estado"] == "ANULADO":
            return _shown(order, tables)
        stamp = store.stamp()
        preparation = order.get("alistamiento_id")
        if preparation is not None:
            tables.get("ordenes_taller", {}).pop(str(preparation), None)
        unit = tables["inventario"].get(str(order["inventario_id"]))
        if unit is not None and unit.get("estado") == _RESERVED \
                and unit.get("tercero_id") == order["tercero_id"]:
            unit.update({"estado": _AVAILABLE, "tercero_id": None})
            store.touch("erp", "inventario", str(order["inventario_id"]), unit)
        order.update({"estado": "ANULADO", "alistamiento_id": None, "modificado": stamp})
        return _shown(order, tables)


def _party(tables: dict[str, dict[str, Row]], doc: str | None) -> Any:
    for row in tables["terceros"].values():
        if not row.get(MERGED_COLUMN) and normalize_doc_number(row.get("nit")) == doc:
            return row["id"]
    raise StoreError(422, "unknown_customer", "El ERP no tiene un tercero con ese NIT: créelo "
                     "primero.", fields=["nit_cliente"])


def _unit(unit: Row, tables: dict[str, dict[str, Row]]) -> Row:
    party = tables["terceros"].get(str(unit.get("tercero_id")), {})
    return {"id": unit["id"], "vin": unit["vin"], "estado": unit.get("estado"),
            "nit_cliente": party.get("nit")}


def _shown(order: Row, tables: dict[str, dict[str, Row]]) -> Row:
    unit = tables["inventario"].get(str(order["inventario_id"]), {})
    party = tables["terceros"].get(str(order["tercero_id"]), {})
    return {"id": order["id"], "vehiculo_id": order["inventario_id"], "vin": unit.get("vin"),
            "nit_cliente": party.get("nit"), "estado": order["estado"],
            "alistamiento_id": order.get("alistamiento_id"), "precio": order.get("precio"),
            "modificado": order["modificado"]}
