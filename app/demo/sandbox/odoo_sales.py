"""The emulated Odoo's creations and sale flow, as Odoo 17 (sale_stock) does them, checked on a
real server: what Cuadre's reservation of a VIN and its undo call (issue 16).

- ``create`` (``BaseModel.create(self, vals_list)``, ``@api.model_create_multi``): one dict →
  one id, a list → a list of ids; an unknown field is Odoo's ``ValueError``, a computed one is
  ignored as Odoo ignores it. A ``res.partner`` is checked by base_vat as a write is; a
  ``sale.order`` is named ``S0000n``, «draft», in the default warehouse, and its
  ``order_line`` commands (``[0, 0, {...}]``) create its lines.
- ``sale.order.action_confirm``: the order «sale»; per line a delivery (``stock.picking``,
  ``WH/OUT/…``, from the warehouse's stock to the customers' location) with its move; the
  move reserves the first available unit of the product in that warehouse (FIFO by the quant's
  ``in_date``, then id) — a move line with that lot, the quant's ``reserved_quantity`` up —
  which need not be the unit the client meant: moving the reservation is the client's.
- ``stock.move.line`` ``write`` of ``lot_id`` on an open line moves its reservation (Odoo 17's
  ``write`` → ``_synchronize_quant``): the old lot's quant freed, the new one's reserved; a lot
  with no free unit there is a UserError.
- ``sale.order.action_cancel``: a confirmed order answers the cancellation *wizard* (an
  ``ir.actions.act_window`` for ``sale.order.cancel``) and changes nothing, unless the context
  says ``disable_cancel_warning`` (or the order is a draft): then its open deliveries are
  cancelled, their move lines deleted and their units freed, its bound repair orders cancelled
  (:mod:`.odoo_repair`), and the order is «cancel».
- ``repair.order`` ``create``: see :mod:`.odoo_repair`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.demo.sandbox.odoo_repair import cancel_bound, on_create
from app.demo.sandbox.odoo_schema import READONLY, SCHEMA, OdooError

if TYPE_CHECKING:
    from app.demo.sandbox.odoo_orm import OdooState, Record

_OPEN = ("done", "cancel")


def create(state: OdooState, model: str, vals_list: Any,
           context: Mapping[str, Any] | None = None) -> int | list[int]:
    single = isinstance(vals_list, Mapping)
    items = [vals_list] if single else vals_list
    if not isinstance(items, list) or not all(isinstance(v, Mapping) for v in items):
        raise TypeError("create() argument vals_list must be a dict or a list of dicts")
    ids = [_create_one(state, model, dict(vals)) for vals in items]
    return ids[0] if single else ids


def _create_one(state: OdooState, model: str, vals: dict[str, Any]) -> int:
    table = state.model(model)
    lines = vals.pop("order_line", None) if model == "sale.order" else None
    for name in vals:
        if name not in SCHEMA[model]:
            raise ValueError(f"Invalid field {name!r} on model {model!r}")
    converted = {n: state._import(model, n, v) for n, v in vals.items() if n not in READONLY}
    rid = max(table, default=0) + 1
    stamp = state.tick()
    rec: Record = {"id": rid, "create_date": stamp, "write_date": stamp, **converted}
    if model == "res.partner":
        state._check_vat(rec, converted)
        rec.setdefault("active", True)
        rec.setdefault("customer_rank", 0)
    if model == "sale.order":
        rec.setdefault("partner_shipping_id", rec.get("partner_id"))
        rec.update(name=f"S{rid:05d}", state="draft", invoice_status="no",
                   delivery_status="pending", date_order=stamp,
                   company_id=rec.get("company_id") or 1)
        rec.setdefault("warehouse_id", min(state.tables["stock.warehouse"], default=None))
    if model == "repair.order":
        on_create(state, rec)
    table[rid] = rec
    for command in lines or []:
        if not (isinstance(command, list | tuple) and len(command) == 3 and command[0] == 0):
            raise ValueError(f"Wrong value for sale.order.order_line: {command!r}")
        line = dict(command[2])
        product = state.tables["product.product"].get(line.get("product_id") or 0, {})
        _create_one(state, "sale.order.line", {
            "order_id": rid, "order_partner_id": rec.get("partner_id"), "state": "draft",
            "name": product.get("name") or "", "price_unit": product.get("lst_price") or 0.0,
            "company_id": 1, **line})
    return rid


def action_confirm(state: OdooState, ids: list[int]) -> bool:
    orders = state.tables["sale.order"]
    for oid in ids:
        order = orders.get(oid)
        if order is None:
            raise OdooError("MissingError", "Record does not exist or has been deleted.")
        if order.get("state") not in ("draft", "sent"):
            raise OdooError("UserError", "Algunas órdenes no están en un estado que requiera "
                            "confirmación.")
        stamp = state.tick()
        order.update(state="sale", invoice_status="to invoice", write_date=stamp)
        for line in [r for r in state.tables["sale.order.line"].values()
                     if r.get("order_id") == oid]:
            line["state"] = "sale"
            _deliver(state, order, line, stamp)
    return True


def _deliver(state: OdooState, order: Record, line: Record, stamp: str) -> None:
    """A line's delivery and its move, reserving the first free unit (FIFO) of the warehouse."""
    warehouse = state.tables["stock.warehouse"].get(order.get("warehouse_id") or 0, {})
    source = warehouse.get("lot_stock_id")
    customers = next((i for i, loc in state.tables["stock.location"].items()
                      if loc.get("usage") == "customer"), None)
    pickings = state.tables["stock.picking"]
    code = warehouse.get("code", "WH")
    number = 1 + sum(1 for p in pickings.values() if str(p.get("name", "")).startswith(f"{code}/OUT/"))
    picking = _add(state, "stock.picking", name=f"{code}/OUT/{number:05d}",
                   partner_id=order.get("partner_id"), state="confirmed", sale_id=order["id"],
                   picking_type_code="outgoing", origin=order.get("name"), location_id=source,
                   location_dest_id=customers, scheduled_date=stamp, company_id=1)
    move = _add(state, "stock.move", name=line.get("name"), product_id=line.get("product_id"),
                sale_line_id=line["id"], partner_id=order.get("partner_id"), picking_id=picking,
                state="confirmed", origin=order.get("name"), location_id=source,
                location_dest_id=customers, date=stamp, product_uom_qty=1.0, company_id=1)
    quant = _free_quant(state, line.get("product_id"), warehouse.get("id"))
    if quant is None:
        return
    quant["reserved_quantity"] = float(quant.get("reserved_quantity") or 0) + 1.0
    _add(state, "stock.move.line", lot_id=quant.get("lot_id"), move_id=move, picking_id=picking,
         product_id=line.get("product_id"), state="assigned", quantity=1.0, picked=False,
         location_id=quant.get("location_id"), location_dest_id=customers,
         picking_partner_id=order.get("partner_id"), picking_code="outgoing",
         reference=pickings[picking]["name"], origin=order.get("name"), date=stamp, company_id=1)
    state.tables["stock.move"][move]["state"] = "assigned"
    pickings[picking]["state"] = "assigned"


def _free_quant(state: OdooState, product: Any, warehouse: Any, lot: Any = None
                ) -> Record | None:
    locations = state.tables["stock.location"]
    free = [q for q in state.tables["stock.quant"].values()
            if q.get("product_id") == product and (lot is None or q.get("lot_id") == lot)
            and float(q.get("quantity") or 0) - float(q.get("reserved_quantity") or 0) >= 1
            and locations.get(q.get("location_id") or 0, {}).get("usage") == "internal"
            and (warehouse is None or lot is not None or
                 locations.get(q.get("location_id") or 0, {}).get("warehouse_id") == warehouse)]
    free.sort(key=lambda q: (str(q.get("in_date") or ""), q["id"]))
    return free[0] if free else None


def move_reservation(state: OdooState, lines: list[Record], lot: Any) -> None:
    """``stock.move.line.write({"lot_id": lot})`` on open lines: the reservation follows."""
    for line in lines:
        if line.get("state") in _OPEN or line.get("lot_id") == lot:
            continue
        new = _free_quant(state, line.get("product_id"), None, lot)
        if new is None:
            raise OdooError("UserError", "No se puede reservar más cantidad de la que hay "
                            "disponible en el inventario para este número de serie.")
        old = _quant_of(state, line)
        if old is not None:
            old["reserved_quantity"] = max(0.0, float(old.get("reserved_quantity") or 0) - 1.0)
        new["reserved_quantity"] = float(new.get("reserved_quantity") or 0) + 1.0
        line["location_id"] = new.get("location_id")


def action_cancel(state: OdooState, ids: list[int], context: Mapping[str, Any]) -> Any:
    orders = state.tables["sale.order"]
    chosen = [orders[i] for i in ids if i in orders]
    if not context.get("disable_cancel_warning") and any(o.get("state") != "draft"
                                                         for o in chosen):
        if len(chosen) != 1:
            raise ValueError(f"Expected singleton: sale.order({', '.join(map(str, ids))})")
        return {"name": "Cancelar Orden de Venta", "view_mode": "form",
                "res_model": "sale.order.cancel", "type": "ir.actions.act_window",
                "context": {"default_order_id": chosen[0]["id"], "mark_so_as_canceled": True},
                "target": "new"}
    stamp = state.tick()
    for order in chosen:
        for picking in [p for p in state.tables["stock.picking"].values()
                        if p.get("sale_id") == order["id"] and p.get("state") != "done"]:
            picking.update(state="cancel", write_date=stamp)
            for move in [m for m in state.tables["stock.move"].values()
                         if m.get("picking_id") == picking["id"]]:
                move.update(state="cancel", write_date=stamp)
                lines = state.tables["stock.move.line"]
                for lid in [i for i, ml in lines.items() if ml.get("move_id") == move["id"]
                            and ml.get("state") not in _OPEN]:
                    quant = _quant_of(state, lines[lid])
                    if quant is not None:
                        quant["reserved_quantity"] = max(
                            0.0, float(quant.get("reserved_quantity") or 0) - 1.0)
                        quant["write_date"] = stamp
                    del lines[lid]  # _do_unreserve unlinks the reserved move lines
        cancel_bound(state, order["id"], stamp)
        order.update(state="cancel", write_date=stamp)
    return True


def _quant_of(state: OdooState, line: Record) -> Record | None:
    return next((q for q in state.tables["stock.quant"].values()
                 if q.get("lot_id") == line.get("lot_id")
                 and q.get("location_id") == line.get("location_id")
                 and float(q.get("quantity") or 0) > 0), None)


def _add(db: OdooState, model: str, **values: Any) -> int:
    state = db
    table = state.tables[model]
    rid = max(table, default=0) + 1
    stamp = state.tick()
    table[rid] = {"id": rid, "create_date": stamp, "write_date": stamp, **values}
    return rid
