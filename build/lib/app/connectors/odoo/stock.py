"""Vehicles in Odoo: a serial lot per VIN, where its unit is, and for whom it is reserved or sold.

A vehicle is a ``stock.lot`` (the VIN is its ``name``) of a product whose category names the
make ("Vehículos / TOYOTA") and whose variant values the year and colour. Where the unit is
comes from its quants with a positive quantity (``stock.quant``: the location, and whether
part of it is reserved); the -1 quants Odoo leaves in virtual locations say nothing.

Who the unit is for is read from the deliveries, because that is where Odoo 17 keeps it:
sale_stock's ``stock.lot.sale_order_ids`` is computed only from *done* move lines, so a unit
reserved for a customer, or sold and invoiced but not yet delivered, has none there. In
Community a sale order line reaches a lot only through the moves of its procurement
(``stock.move.sale_line_id``, set on every move of the delivery's chain) and their move lines
(``stock.move.line.lot_id``), which exist once the delivery reserves the unit. So:

- an open move line (not done, not cancelled) with the lot is the unit's reservation: its
  move's sale order line gives the order (``deal_id`` is the order's name) and the customer
  (the order's partner); a delivery made by hand, with no order behind it, gives the picking's
  partner and name;
- the last done move line into a customer location is the unit's delivery: its order (or
  ``sale_order_ids``), its customer and its date (``delivered_on``; the quant at the customer
  keeps the day the unit came *in*, not the day it went out);
- an order whose ``invoice_status`` is ``invoiced`` makes a unit still on the lot *sold* (the
  invoice exists, the delivery does not); reserved otherwise. A confirmed order whose delivery
  has not reserved a unit names no VIN: nothing ties it to a lot yet.

Status, from where the unit is: at a customer's, delivered; in transit, in_transit; in a
location named «demo», demo; on the lot, sold / reserved / available as above.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.connectors.odoo.values import ids_of, local_day, m2o, stamp
from app.connectors.values import as_text, money
from app.domain.values import fold, normalize_vin

if TYPE_CHECKING:
    from app.connectors.odoo.operation import Operation

_YEAR_ATTRIBUTES = {"ano", "año", "year", "modelo", "ano modelo", "año modelo"}
#: A product's attribute values: all of them (``…attribute_value_ids``), else those that make
#: variants; Odoo leaves an attribute with a single value (one template per model, year and
#: colour, as dealerships often set them up) out of ``…variant_value_ids``.
_VALUE_FIELDS = ("product_template_attribute_value_ids", "product_template_variant_value_ids")
_DEMO_WORDS = ("demo", "demostracion")
_LINE_FIELDS = ["lot_id", "move_id", "picking_id", "state", "location_dest_id", "date",
                "write_date"]
_OPEN = ("done", "cancel")


def vehicles(s: Operation, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The canonical rows of a page of lots."""
    lot_ids = [int(r["id"]) for r in records]
    quants = _by_lot(s, "stock.quant", lot_ids, [("quantity", ">", 0)],
                     ["lot_id", "location_id", "quantity", "reserved_quantity", "in_date",
                      "write_date"])
    lines = _by_lot(s, "stock.move.line", lot_ids, [("state", "!=", "cancel")], _LINE_FIELDS)
    deals = _Deals(s, lines, records)
    locations = s.records("stock.location", [i for qs in quants.values() for q in qs if (
        i := m2o(q.get("location_id"))[0]) is not None],
        ["name", "complete_name", "usage", "warehouse_id"])
    products = s.records("product.product", [i for r in records if (
        i := m2o(r.get("product_id"))[0]) is not None],
        ["name", "categ_id", "lst_price", *_VALUE_FIELDS])
    values = s.records("product.template.attribute.value", [
        v for p in products.values() for v in _value_ids(p)], ["name", "attribute_id"])
    out = []
    for r in records:
        lid = int(r["id"])
        sid = str(lid)
        product = products.get(m2o(r.get("product_id"))[0] or 0, {})
        make, model = _make_model(product, m2o(r.get("product_id"))[1])
        year, color = _variant(product, values)
        placed = sorted(quants.get(lid, []), key=lambda q: _place_rank(q, locations))
        if len(placed) > 1:
            s.report(sid, "branch", "several_locations",
                     ", ".join(m2o(q.get("location_id"))[1] or "?" for q in placed))
        quant = placed[0] if placed else {}
        location = locations.get(m2o(quant.get("location_id"))[0] or 0, {})
        deal = deals.of(lid, r)
        status = _vehicle_status(quant, location, deal)
        branch = m2o(location.get("warehouse_id"))[1] or deal.get("branch")
        stamps = [t for t in (s.cell(sid, "updated_at", stamp, r.get("write_date")),
                              *(stamp(q.get("write_date")) for q in placed),
                              *deal.get("stamps", ())) if t]
        out.append({
            "source_id": sid, "vin": normalize_vin(as_text(r.get("name"))), "make": make,
            "model": model, "model_year": year, "color": color, "status": status,
            "branch": branch, "price": s.cell(sid, "price", money, product.get("lst_price")),
            "customer_doc": deal.get("customer_doc"), "deal_id": deal.get("name"),
            "delivered_on": (s.cell(sid, "delivered_on", local_day, deal.get("delivered"))
                             if status == "delivered" else None),
            "updated_at": max(stamps) if stamps else None,
            # A unit on the lot has been in stock since its quant came into the location.
            "received_on": (s.cell(sid, "received_on", local_day, quant.get("in_date"))
                            if location.get("usage") == "internal" else None),
        })
    return out


def changed_lots(s: Operation, moment: str) -> list[int]:
    """Lots whose unit moved, was reserved or delivered, or whose order changed since
    ``moment`` (a stock move changes quants and move lines, not the lot)."""
    lots: set[int] = set()
    if s.has("stock.quant", "lot_id"):
        moved = s.call("stock.quant", "search_read", [("write_date", ">=", moment)], ["lot_id"])
        lots.update(i for q in moved if (i := m2o(q.get("lot_id"))[0]) is not None)
    if s.has("stock.move.line", "lot_id"):
        domain: list[Any] = [("lot_id", "!=", False), ("write_date", ">=", moment)]
        if s.has("stock.move", "sale_line_id"):
            domain = [("lot_id", "!=", False), "|", ("write_date", ">=", moment),
                      ("move_id.sale_line_id.order_id.write_date", ">=", moment)]
        lines = s.call("stock.move.line", "search_read", domain, ["lot_id"])
        lots.update(i for line in lines if (i := m2o(line.get("lot_id"))[0]) is not None)
    return sorted(lots)


def _by_lot(s: Operation, model: str, lot_ids: Sequence[int], domain: list[Any],
            fields: list[str]) -> dict[int, list[dict[str, Any]]]:
    """Records of ``model`` (quants, move lines) of these lots that match ``domain``, by lot,
    read a page of lots at a time (archived and all)."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not s.has(model, "lot_id"):
        return out
    for start in range(0, len(lot_ids), s.conn.page_size):
        chunk = [("lot_id", "in", list(lot_ids[start:start + s.conn.page_size])), *domain]
        for rec in s.rpc.call(model, "search_read", [chunk, s.want(model, fields)],
                              {"order": "id"}, context=s.conn.context(archived=True)):
            lot = m2o(rec.get("lot_id"))[0]
            if lot is not None:
                out.setdefault(lot, []).append(rec)
    return out


class _Deals:
    """Who each lot is for: its open reservation, else its delivery, with the order behind."""

    def __init__(self, s: Operation, lines: Mapping[int, list[dict[str, Any]]],
                 records: Sequence[dict[str, Any]]) -> None:
        self.s = s
        self.lines = lines
        moves = s.records("stock.move", [i for ls in lines.values() for line in ls if (
            i := m2o(line.get("move_id"))[0]) is not None],
            ["sale_line_id", "partner_id", "picking_id"])
        self.moves = moves
        sale_lines = s.records("sale.order.line", [i for m in moves.values() if (
            i := m2o(m.get("sale_line_id"))[0]) is not None], ["order_id"])
        self.sale_lines = sale_lines
        order_ids = [i for sl in sale_lines.values() if (i := m2o(sl.get("order_id"))[0]) is not None]
        order_ids += [o for r in records for o in ids_of(r.get("sale_order_ids"))]
        self.orders = s.records("sale.order", order_ids, ["name", "partner_id", "state",
                                                          "invoice_status", "warehouse_id",
                                                          "write_date"])
        self.pickings = s.records("stock.picking", [i for ls in lines.values() for line in ls if (
            i := m2o(line.get("picking_id"))[0]) is not None], ["name", "partner_id"])
        locations = s.records("stock.location", [i for ls in lines.values() for line in ls if (
            i := m2o(line.get("location_dest_id"))[0]) is not None], ["usage"])
        self.to_customer = {i for i, loc in locations.items() if loc.get("usage") == "customer"}
        partners = [i for o in self.orders.values() if (i := m2o(o.get("partner_id"))[0]) is not None]
        partners += [i for p in self.pickings.values() if (i := m2o(p.get("partner_id"))[0])
                     is not None]
        self.docs = s.partner_docs(partners)

    def of(self, lot: int, record: Mapping[str, Any]) -> dict[str, Any]:
        """{name, customer_doc, invoiced, delivered, branch, open, stamps} of a lot's deal."""
        lines = sorted(self.lines.get(lot, []), key=lambda line: int(line["id"]))
        reserved = [line for line in lines if line.get("state") not in _OPEN]
        done = [line for line in lines if line.get("state") == "done"
                and m2o(line.get("location_dest_id"))[0] in self.to_customer]
        line = reserved[-1] if reserved else (done[-1] if done else None)
        order = self._order(line)
        if order is None and not reserved:
            sold = [self.orders[o] for o in ids_of(record.get("sale_order_ids"))
                    if o in self.orders and self.orders[o].get("state") in ("sale", "done")]
            order = sold[-1] if sold else None
        picking = self.pickings.get(m2o(line.get("picking_id"))[0] or 0, {}) if line else {}
        source = order if order is not None else picking
        partner = m2o(source.get("partner_id"))[0]
        stamps = [t for t in (stamp(line.get("write_date")) if line else None,
                              stamp(order.get("write_date")) if order else None) if t]
        return {
            "name": as_text(source.get("name")),
            "customer_doc": self.docs.get(partner) if partner is not None else None,
            "invoiced": order is not None and order.get("invoice_status") == "invoiced",
            "open": bool(reserved) or bool(order),
            "delivered": done[-1].get("date") if done and not reserved else None,
            "branch": m2o(order.get("warehouse_id"))[1] if order is not None else None,
            "stamps": stamps,
        }

    def _order(self, line: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if line is None:
            return None
        move = self.moves.get(m2o(line.get("move_id"))[0] or 0, {})
        sale_line = self.sale_lines.get(m2o(move.get("sale_line_id"))[0] or 0, {})
        order = self.orders.get(m2o(sale_line.get("order_id"))[0] or 0)
        if order is None or order.get("state") not in ("sale", "done"):
            return None
        return order


def _make_model(product: Mapping[str, Any], shown: str | None) -> tuple[str | None, str | None]:
    """Make and line: the product's category names the make ("Vehículos / TOYOTA"), the product
    the line ("TOYOTA HILUX" → HILUX)."""
    name = as_text(product.get("name")) or shown
    _cid, category = m2o(product.get("categ_id"))
    leaf = category.rsplit("/", 1)[-1].strip() if category and "/" in category else None
    if name is None:
        return leaf, None
    if leaf and fold(name).startswith(fold(leaf) + " "):
        return leaf, name[len(leaf):].strip() or None
    return leaf, name


def _variant(product: Mapping[str, Any], values: Mapping[int, dict[str, Any]]
             ) -> tuple[str | None, str | None]:
    """Model year and colour from the variant's attribute values ("Año: 2025", "Color: Rojo")."""
    year = color = None
    for vid in _value_ids(product):
        value = values.get(vid, {})
        attribute = fold(m2o(value.get("attribute_id"))[1] or "")
        text = as_text(value.get("name"))
        if attribute in _YEAR_ATTRIBUTES and text and text.isdigit() and len(text) == 4:
            year = text
        elif attribute == "color":
            color = text
    return year, color


def _value_ids(product: Mapping[str, Any]) -> list[int]:
    for name in _VALUE_FIELDS:
        if name in product:
            return ids_of(product.get(name))
    return []


def _place_rank(quant: Mapping[str, Any], locations: Mapping[int, dict[str, Any]]) -> int:
    usage = locations.get(m2o(quant.get("location_id"))[0] or 0, {}).get("usage")
    return {"internal": 0, "transit": 1, "customer": 2}.get(str(usage), 3)


def _vehicle_status(quant: Mapping[str, Any], location: Mapping[str, Any],
                    deal: Mapping[str, Any]) -> str | None:
    """Where the unit is says most; on the lot, an invoiced order makes it sold, an open
    reservation or order reserved."""
    if not quant:
        return None
    usage = location.get("usage")
    if usage == "customer":
        return "delivered"
    if usage == "transit":
        return "in_transit"
    if usage != "internal":
        return None
    place = fold(f"{as_text(location.get('complete_name')) or ''} {as_text(location.get('name')) or ''}")
    if any(word in place for word in _DEMO_WORDS):
        return "demo"
    if deal.get("invoiced"):
        return "sold"
    if float(quant.get("reserved_quantity") or 0) > 0 or deal.get("open"):
        return "reserved"
    return "available"
