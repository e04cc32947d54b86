"""What Cuadre creates in Odoo 17: a customer (``res.partner``) and the sale order that reserves
a vehicle's lot (issue 16).

**The reservation** (:func:`app.connectors.creations.reserves`). In Odoo 17 Community a sale
order line has no lot: a unit is reserved for a customer by a *confirmed* order whose delivery
reserves the lot — ``sale.order`` for the customer (found by document, ``vat``) with one line
of the lot's product, ``client_order_ref`` Cuadre's :func:`~app.connectors.creations.order_ref`;
``action_confirm`` creates the delivery (``stock.picking``) and reserves *an* available unit of
the product on its move line (``stock.move.line``); when that is not the VIN sold, the line's
``lot_id`` is written to it, which Odoo 17's ``stock.move.line.write`` turns into moving the
reservation to that lot (``_synchronize_quant``). The lot then reads reserved for the customer
(:mod:`app.connectors.odoo.stock`). A resend finds the order by its reference (draft: it is
confirmed; confirmed: only the lot is checked), never a second order.

**The alistamiento.** Odoo 17's workshop is its *repair* module (``repair.order``). Where it is
installed, the unit's preparation for delivery is a repair order made the way the module makes
one for a sold product (``sale.order.line._create_repair_order``): «confirmed», for the order's
customer, bound to the order and its line (``sale_order_id``, ``sale_order_line_id``), of the
warehouse's repair operation type (``stock.warehouse.repair_type_id``), the product and — what
the module leaves empty and a workshop needs — the VIN's lot, the tag «Alistamiento» and the
internal note «Alistamiento para entrega…» (not ``repair_request``: Odoo relates it to the sale
line's description). A resend finds it (same order and lot, not cancelled), never a
second one. Without the module (``repair.order`` is not a model there) there is nothing to
create, and the outcome says so.

**Its undo** (:func:`~app.connectors.creations.releases`) cancels Cuadre's order —
``action_cancel`` with ``disable_cancel_warning`` in the context, since without it Odoo 17
answers a confirmed order with the cancellation wizard instead of cancelling — which cancels
its delivery and frees the lot, and (repair's ``sale.order._action_cancel``) cancels the
repair orders bound to its lines that are not done: the alistamiento goes with the order.
An order Cuadre did not register is not cancelled from here.

**A customer** named by its document (:func:`~app.connectors.creations.document_key`) is found
by ``vat``; created with its name (company or person), ``vat`` (``NNN-D`` for a NIT, which
base_vat checks), identification type, mobile, e-mail, street, city (``res.city`` by DANE
code) and country Colombia. Its undo archives the partner (``active`` false).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.connectors import creations
from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.connectors.odoo.values import m2o
from app.connectors.odoo.write import Writer, refusal
from app.domain.sources import SourceError

if TYPE_CHECKING:
    from app.connectors.odoo.session import Session

_OPEN_ORDER = ("draft", "sent", "sale")


def reserve(s: Session, rid: int, c: Correction, doc: str) -> Outcome | None:
    """Register and confirm the order that reserves lot ``rid`` for ``doc``: None when it was
    done (the caller reads the lot back), else why not."""
    writer = Writer(s, rid, c)
    checked = _checked(s, rid, c)
    if checked is not None:
        if checked.reason == "already_applied":  # a resend after a lost answer: the workshop too
            _prepare_again(s, writer, rid, doc)
        return checked
    partner = writer._partner_by_doc(doc)
    if partner is None:
        return Outcome(OutcomeStatus.REJECTED, "unknown_customer",
                       f"Odoo no tiene un cliente único con el documento {doc}: créelo primero "
                       "y envíe de nuevo.", permanent=True)
    raw = s.call("stock.lot", "read", [rid], ["product_id"])
    product = m2o(raw[0].get("product_id"))[0] if raw else None
    ref = creations.order_ref(str(rid), doc)
    found = s.call("sale.order", "search_read", [("client_order_ref", "=", ref),
                                                 ("state", "in", list(_OPEN_ORDER))],
                   ["state"], limit=1)
    if found:
        order, state = int(found[0]["id"]), found[0]["state"]
    else:
        vals: dict[str, Any] = {"partner_id": partner, "client_order_ref": ref,
                                "order_line": [[0, 0, {"product_id": product,
                                                       "product_uom_qty": 1}]]}
        warehouse = _warehouse(s, rid)
        if warehouse is not None:
            vals["warehouse_id"] = warehouse
        order, state = int(s.rpc.call("sale.order", "create", [vals],
                                      context=s.conn.context(), write=True)), "draft"
    if state != "sale":
        s.rpc.call("sale.order", "action_confirm", [[order]], context=s.conn.context(),
                   write=True)
    held = _hold_lot(s, rid, order)
    if held is None:
        prepare(s, rid, order, partner)
    return held


def _prepare_again(s: Session, writer: Writer, rid: int, doc: str) -> None:
    """The alistamiento of Cuadre's confirmed order for lot ``rid``, when a first send reserved
    the lot and its answer (or the repair order) was lost."""
    partner = writer._partner_by_doc(doc)
    found = s.call("sale.order", "search", [("client_order_ref", "=", creations.order_ref(
        str(rid), doc)), ("state", "=", "sale")], limit=1)
    if partner is not None and found:
        prepare(s, rid, int(found[0]), partner)


#: The repair order's internal note, what the workshop reads (``repair_request`` is related to
#: the sale line's description: written there, it would rename the order's line), and its tag.
PREPARATION = "Alistamiento para entrega (Cuadre): VIN {vin}, pedido {order}."
TAG = "Alistamiento"


def has_workshop(s: Session) -> bool:
    """Whether this Odoo has the repair module (the model ``repair.order``)."""
    try:
        s.available("repair.order")
    except SourceError:
        return False
    return True


def preparation(s: Session, rid: int, order: int) -> int | None:
    """The open alistamiento of lot ``rid`` for ``order`` (a ``repair.order`` id), or None."""
    found = s.call("repair.order", "search", [("sale_order_id", "=", order),
                                              ("lot_id", "=", rid), ("state", "!=", "cancel")],
                   limit=1)
    return int(found[0]) if found else None


def _tag(s: Session) -> int:
    """The repair tag «Alistamiento» (made once), so the workshop lists its preparations."""
    found = s.call("repair.tags", "search", [("name", "=", TAG)], limit=1)
    if found:
        return int(found[0])
    return int(s.rpc.call("repair.tags", "create", [{"name": TAG}], context=s.conn.context(),
                          write=True))


def prepare(s: Session, rid: int, order: int, partner: int) -> bool:
    """The workshop's preparation of lot ``rid`` for ``order``: True when it exists (made now
    or before), False when this Odoo has no workshop."""
    if not has_workshop(s):
        return False
    if preparation(s, rid, order) is not None:
        return True
    [line] = s.call("sale.order.line", "search_read", [("order_id", "=", order)],
                    ["product_id", "product_uom"], limit=1) or [{}]
    [head] = s.call("sale.order", "read", [order], ["name", "warehouse_id"]) or [{}]
    [lot] = s.call("stock.lot", "read", [rid], ["name"]) or [{}]
    vals: dict[str, Any] = {
        "state": "confirmed", "partner_id": partner, "sale_order_id": order,
        "product_id": m2o(line.get("product_id"))[0], "product_qty": 1, "lot_id": rid,
        "internal_notes": PREPARATION.format(vin=lot.get("name") or rid,
                                             order=head.get("name") or order),
        "tag_ids": [[6, 0, [_tag(s)]]]}
    if line.get("id"):
        vals["sale_order_line_id"] = int(line["id"])
    uom = m2o(line.get("product_uom"))[0]
    if uom:
        vals["product_uom"] = uom
    warehouse = m2o(head.get("warehouse_id"))[0]
    if warehouse and s.has("stock.warehouse", "repair_type_id"):
        [found] = s.call("stock.warehouse", "read", [warehouse], ["repair_type_id"]) or [{}]
        kind = m2o(found.get("repair_type_id"))[0]
        if kind:
            vals["picking_type_id"] = kind
    s.rpc.call("repair.order", "create", [vals], context=s.conn.context(), write=True)
    return True


def release(s: Session, rid: int, c: Correction, doc: str) -> Outcome | None:
    """Cancel the order Cuadre registered for lot ``rid`` and ``doc``: None when done."""
    checked = _checked(s, rid, c)
    if checked is not None:
        return checked
    ref = creations.order_ref(str(rid), doc)
    orders = s.call("sale.order", "search", [("client_order_ref", "=", ref),
                                             ("state", "in", list(_OPEN_ORDER))])
    if not orders:
        return Outcome(OutcomeStatus.REJECTED, "not_cuadre_order",
                       "La reserva de este vehículo no es un pedido que Cuadre registró: "
                       "anúlelo en Odoo.", permanent=True)
    s.rpc.call("sale.order", "action_cancel", [list(orders)],
               context={**s.conn.context(), "disable_cancel_warning": True}, write=True)
    return None


def _checked(s: Session, rid: int, c: Correction) -> Outcome | None:
    """The compare-and-set on the lot as read now: applied already, changed, or go on (None)."""
    writer = Writer(s, rid, c)
    _raw, current = s.one(rid)
    if current is None:
        return Outcome(OutcomeStatus.REJECTED, "not_found",
                       "El vehículo ya no existe en Odoo (o no es visible para este usuario).",
                       permanent=True)
    if not writer.differing(current, c.changes):
        return Outcome(OutcomeStatus.APPLIED, "already_applied",
                       "Odoo ya tenía el vehículo así: no se escribió nada.", current)
    stale = writer.differing(current, c.expected)
    if stale:
        return Outcome(OutcomeStatus.CONFLICT, "changed_since_approval",
                       "El vehículo cambió en Odoo desde la aprobación (" + ", ".join(stale)
                       + "): otra sede pudo reservarlo o venderlo.", current)
    return None


def _warehouse(s: Session, rid: int) -> int | None:
    """The warehouse holding the unit (its internal quant's location's), so the delivery
    leaves from the branch that has it."""
    quants = s.call("stock.quant", "search_read", [("lot_id", "=", rid), ("quantity", ">", 0),
                                                   ("location_id.usage", "=", "internal")],
                    ["location_id"], limit=1)
    if not quants:
        return None
    location = m2o(quants[0].get("location_id"))[0]
    found = s.call("stock.location", "read", [location], ["warehouse_id"]) if location else []
    return m2o(found[0].get("warehouse_id"))[0] if found else None


def _hold_lot(s: Session, rid: int, order: int) -> Outcome | None:
    """Make the order's delivery hold lot ``rid``: its reserved move line moved to the lot."""
    lines = s.call("stock.move.line", "search_read",
                   [("move_id.sale_line_id.order_id", "=", order),
                    ("state", "not in", ["done", "cancel"])], ["lot_id"])
    if any(m2o(line.get("lot_id"))[0] == rid for line in lines):
        return None
    if not lines:
        return Outcome(OutcomeStatus.CONFLICT, "not_reserved",
                       "Odoo confirmó el pedido pero su entrega no reservó ninguna unidad: el "
                       "vehículo no está disponible en el inventario.")
    s.rpc.call("stock.move.line", "write", [[int(lines[0]["id"])], {"lot_id": rid}],
               context=s.conn.context(), write=True)
    return None


def create_partner(s: Session, c: Correction) -> Outcome | None:
    """Create the customer ``c.changes`` (None when created: the caller reads it back)."""
    changes = dict(c.changes)
    vals: dict[str, Any] = {}
    raw: dict[str, Any] = {"is_company": bool(changes.get("company_name"))}
    if raw["is_company"]:
        vals["is_company"] = True
    writer = Writer(s, 0, c)
    refused = writer._partner(raw, {}, changes, vals)
    if refused is not None:
        return refused
    countries = s.call("res.country", "search", [("code", "=", "CO")], limit=1)
    if countries:
        vals["country_id"] = int(countries[0])
    if s.has("res.partner", "customer_rank"):
        vals["customer_rank"] = 1
    s.rpc.call("res.partner", "create", [vals], context=s.conn.context(), write=True)
    return None


def archive_partner(s: Session, pid: int) -> None:
    s.rpc.call("res.partner", "write", [[pid], {"active": False}], context=s.conn.context(),
               write=True)


__all__ = [
    "archive_partner",
    "create_partner",
    "has_workshop",
    "preparation",
    "prepare",
    "refusal",
    "release",
    "reserve",
]
