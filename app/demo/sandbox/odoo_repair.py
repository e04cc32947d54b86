"""The emulated Odoo's workshop: the repair module (``repair.order``) as Odoo 17 has it, checked on
a real server — where Cuadre puts a sold unit's preparation for delivery (alistamiento).

- Each warehouse has its repair operation type (``stock.picking.type`` «Reparaciones», code
  ``repair_operation``, ``stock.warehouse.repair_type_id``); a repair order is named from it,
  ``<CÓDIGO>/RO/0000n``.
- ``repair.order.repair_request`` is *related* to the sale line's description
  (``sale_order_line_id.name``): writing it renames the order's line, as in Odoo; reading it
  gives the line's name. ``internal_notes`` is HTML: plain text comes back as ``<p>…</p>``.
- ``sale.order._action_cancel`` (repair's override) cancels the repair orders bound to the order's
  lines that are not done, and ``action_repair_cancel`` sets their line's quantity to 0.
- :func:`uninstall` leaves a database without the module: its models are gone (a call on them is
  Odoo's «El objeto repair.order no existe»), as on an Odoo with no workshop.
"""

from __future__ import annotations

import threading
from html import escape
from typing import Any, Protocol

Record = dict[str, Any]


class OdooState(Protocol):
    """What this module uses of :class:`app.demo.sandbox.odoo_orm.OdooState` (which imports
    this module: named by shape, not imported)."""

    tables: dict[str, dict[int, Record]]
    lock: threading.RLock

#: The repair module's own models.
MODELS = ("repair.order", "repair.tags")


def seed(tables: dict[str, dict[int, Record]], stamp: str) -> None:
    """The unit of measure and each warehouse's repair operation type, as installing repair
    leaves them."""
    if not tables["uom.uom"]:
        tables["uom.uom"][1] = {"id": 1, "name": "Unidades", "create_date": stamp,
                                "write_date": stamp}
    types = tables["stock.picking.type"]
    for wid, warehouse in sorted(tables["stock.warehouse"].items()):
        if warehouse.get("repair_type_id"):
            continue
        tid = max(types, default=0) + 1
        types[tid] = {"id": tid, "name": "Reparaciones", "code": "repair_operation",
                      "warehouse_id": wid, "company_id": warehouse.get("company_id"),
                      "create_date": stamp, "write_date": stamp}
        warehouse["repair_type_id"] = tid


def uninstall(state: OdooState) -> None:
    """An Odoo without the repair module."""
    with state.lock:
        for model in MODELS:
            state.tables.pop(model, None)


def html(value: Any) -> str | None:
    """An HTML field's value as Odoo stores it: plain text wrapped in a paragraph."""
    if value is None or value is False:
        return None
    text = str(value)
    return text if text.lstrip().startswith("<") else f"<p>{escape(text)}</p>"


def on_create(state: OdooState, rec: Record) -> None:
    """A new repair order: its name from its operation type, its related request written
    through to the sale line, its notes as HTML."""
    types = state.tables["stock.picking.type"]
    kind: Record = types.get(rec.get("picking_type_id") or 0) or {}
    if not kind:  # the default: the order's warehouse's repair type (or the first warehouse's)
        line = state.tables["sale.order.line"].get(rec.get("sale_order_line_id") or 0, {})
        order = state.tables["sale.order"].get(line.get("order_id") or 0, {})
        warehouse = state.tables["stock.warehouse"].get(order.get("warehouse_id") or 0) or next(
            iter(state.tables["stock.warehouse"].values()), {})
        kind = types.get(warehouse.get("repair_type_id") or 0) or {}
        rec["picking_type_id"] = kind.get("id")
    code = state.tables["stock.warehouse"].get(kind.get("warehouse_id") or 0, {}).get("code", "WH")
    number = 1 + sum(1 for r in state.tables["repair.order"].values()
                     if str(r.get("name", "")).startswith(f"{code}/RO/"))
    rec["name"] = f"{code}/RO/{number:05d}"
    rec.setdefault("state", "draft")
    rec.setdefault("product_qty", 1.0)
    rec.setdefault("company_id", 1)
    rec.setdefault("schedule_date", rec.get("create_date"))
    rec["internal_notes"] = html(rec.get("internal_notes"))
    bound = state.tables["sale.order.line"].get(rec.get("sale_order_line_id") or 0)
    if "repair_request" in rec and bound is not None:  # related: it is the line's description
        bound["name"] = rec.pop("repair_request")
    rec.pop("repair_request", None)


def request(state: OdooState, rec: Record) -> Any:
    """``repair_request`` as read: the bound sale line's description."""
    line = state.tables["sale.order.line"].get(rec.get("sale_order_line_id") or 0)
    return line.get("name") if line else False


def cancel_bound(state: OdooState, order_id: int, stamp: str) -> None:
    """repair's ``sale.order._action_cancel``: the order's bound repair orders, not done,
    cancelled (``action_repair_cancel``: their line's quantity set to 0)."""
    repairs = state.tables.get("repair.order")
    if repairs is None:
        return
    lines = state.tables["sale.order.line"]
    for repair in repairs.values():
        line = lines.get(repair.get("sale_order_line_id") or 0)
        if line is None or line.get("order_id") != order_id or repair.get("state") in (
                "done", "cancel"):
            continue
        line["product_uom_qty"] = 0.0
        repair.update(state="cancel", write_date=stamp)
