"""Seed a real Odoo 17 (Community, l10n_co) with the cases a dealership's database holds.

Used with the Odoo that ``../shared/odoo/setup.sh`` brings up (database ``dealer``), so the
Odoo connector can be checked against the real thing (``tests/integration/test_odoo_real.py``)
and the emulator in ``app/demo/sandbox/odoo.py`` kept in agreement with it. It speaks
XML-RPC with the standard library only, calling every ORM method with positional arguments as
Odoo's own code does. Each record is looked up before it is created (partners by document,
products by name, lots by VIN, orders and deliveries by their reference), so a second run, or
a run after one that stopped halfway, creates only what is missing.

What it creates:

- partners: a company with its NIT and DV (plus a contact person and a delivery address of
  that company, which Odoo gives the company's ``vat``), a person with a cédula, a passport
  with letters, a foreign NIT, a «cédula extranjera» with letters, a contact imported with
  ``customer_rank = 0``, an archived customer, a supplier and a prospect without a document;
- one serial-tracked vehicle product per unit (make in the category, year and colour as
  variant values) and a lot per VIN, in stock at WH/Existencias;
- a unit reserved on an open delivery made by hand (no sale order), one reserved by a
  confirmed sale order whose delivery is not done, one invoiced (and paid) but not delivered,
  one delivered, invoiced and paid, one available;
- customer invoices posted (``INV/2026/…``) and their payments (``PBNK1/2026/…``), and two
  CRM opportunities.

Usage: ``ODOO_PASSWORD=admin python tools/odoo_seed.py [http://127.0.0.1:8069] [dealer]
[admin]``. It prints how many partners and vehicles the seed holds and the names Odoo gave
the invoices and payments (the seed's people are fictitious).
"""

from __future__ import annotations

import os
import sys
import xmlrpc.client
from typing import Any

#: The documents and VINs the seed creates, for the tests that read them back.
COMPANY_NIT = "901456789"
PERSON_CC = "1020304050"
PASSPORT = "AB1234567"
FOREIGN_NIT = "B12345678"
FOREIGN_ID = "V12345678"
RANK_ZERO_CC = "52326162"
ARCHIVED_CC = "79111222"
SUPPLIER_NIT = "860002964"
VIN_MANUAL_DELIVERY = "9FBHSRAJBGM100001"  # reserved on a delivery made by hand, for the foreign NIT
VIN_ORDER_RESERVED = "9BWZZZ377VT100002"   # confirmed order, delivery not done, for the cédula
VIN_INVOICED = "93YRBB001JJ100003"         # invoiced and paid, still on the lot, for the passport
VIN_DELIVERED = "JTFSS22P0N0100004"        # delivered, invoiced and paid, for the company
VIN_AVAILABLE = "9GAKM52H0NB100005"        # on the lot, nobody's

_UNITS = (  # VIN, make, line, year, colour, price
    (VIN_MANUAL_DELIVERY, "RENAULT", "DUSTER", "2025", "Rojo", 89_900_000),
    (VIN_ORDER_RESERVED, "VOLKSWAGEN", "T-CROSS", "2026", "Gris", 112_500_000),
    (VIN_INVOICED, "RENAULT", "KOLEOS", "2026", "Negro", 158_000_000),
    (VIN_DELIVERED, "TOYOTA", "HILUX", "2026", "Blanco", 215_000_000),
    (VIN_AVAILABLE, "CHEVROLET", "ONIX", "2026", "Azul", 79_990_000),
)


def nit_dv(nit: str) -> str:
    """DIAN's check digit (DESIGN §4), here so the tool needs nothing but the stdlib."""
    weights = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
    s = sum(int(d) * w for d, w in zip(reversed(nit), weights, strict=False)) % 11
    return str(s if s in (0, 1) else 11 - s)


COMPANY_DV = nit_dv(COMPANY_NIT)


class Odoo:
    """``execute_kw`` with positional arguments; a method that returns None (XML-RPC cannot
    marshal it) did its work, so that fault is taken as success."""

    def __init__(self, url: str, db: str, login: str, password: str) -> None:
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit("Odoo rechazó el usuario o la clave.")
        self.proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def __call__(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self.proxy.execute_kw(self.db, self.uid, self.password, model, method,
                                         list(args), kwargs)
        except xmlrpc.client.Fault as fault:
            if "cannot marshal None" in str(fault.faultString):
                return None
            raise

    def one(self, model: str, domain: list[Any]) -> int | None:
        found = self(model, "search", domain, limit=1)
        return found[0] if found else None

    def ref(self, xmlid: str) -> int:
        module, name = xmlid.split(".")
        rows = self("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                    ["res_id"])
        if not rows:
            raise SystemExit(f"No existe {xmlid} en esta base (¿l10n_co instalado?).")
        return int(rows[0]["res_id"])


def _id_type(odoo: Odoo, code: str) -> int:
    found = odoo("l10n_latam.identification.type", "search",
                 [("l10n_co_document_code", "=", code)], order="sequence", limit=1)
    if not found:
        raise SystemExit(f"Falta el tipo de identificación {code} (l10n_co).")
    return int(found[0])


def seed_partners(odoo: Odoo) -> dict[str, int]:
    co, us, es = (odoo.ref(x) for x in ("base.co", "base.us", "base.es"))
    out: dict[str, int] = {}
    out["company"] = _partner(odoo, [("vat", "ilike", COMPANY_NIT), ("parent_id", "=", False)], {
        "name": "Transportes Andinos S.A.S.", "is_company": True, "country_id": co,
        "vat": f"{COMPANY_NIT}-{COMPANY_DV}", "l10n_latam_identification_type_id": _id_type(odoo, "rut"),
        "city": "Medellín", "street": "Cra 43A # 1-50", "phone": "+57 604 4445566",
        "email": "compras@transportesandinos.example"})
    out["company_contact"] = _partner(odoo, [("parent_id", "=", out["company"]),
                                             ("type", "=", "contact")], {
        "name": "Laura Restrepo", "parent_id": out["company"], "type": "contact",
        "email": "laura@transportesandinos.example"})
    out["company_delivery"] = _partner(odoo, [("parent_id", "=", out["company"]),
                                              ("type", "=", "delivery")], {
        "name": "Bodega Itagüí", "parent_id": out["company"], "type": "delivery",
        "street": "Calle 50 # 40-20", "city": "Itagüí"})
    people = (
        ("person", "Juan Carlos Pérez Gómez", PERSON_CC, "national_citizen_id", co,
         {"mobile": "+57 301 3414178", "city": "Bogotá", "email": "juan.perez@correo.example"}),
        ("passport", "John Michael Smith", PASSPORT, "passport", us,
         {"mobile": "+1 305 555 0134", "city": "Miami"}),
        ("foreign_nit", "Autopartes Ibéricas S.L.", FOREIGN_NIT, "external_id", es,
         {"is_company": True, "city": "Madrid"}),
        ("foreign_id", "Ana María Rodríguez", FOREIGN_ID, "foreign_id_card", co,
         {"mobile": "+57 315 4443322", "city": "Cali"}),
        ("rank_zero", "María Fernanda López Ríos", RANK_ZERO_CC, "national_citizen_id", co,
         {"phone": "+57 601 2345678", "city": "Bogotá"}),
        ("archived", "Pedro Antonio Suárez", ARCHIVED_CC, "national_citizen_id", co,
         {"active": False, "city": "Bogotá"}),
    )
    for key, name, vat, code, country, extra in people:
        out[key] = _partner(odoo, [("vat", "=", vat)], {
            "name": name, "vat": vat, "l10n_latam_identification_type_id": _id_type(odoo, code),
            "country_id": country, **extra})
    out["supplier"] = _partner(odoo, [("vat", "ilike", SUPPLIER_NIT)], {
        "name": "Distribuidora Automotriz del Caribe S.A.", "is_company": True, "country_id": co,
        "vat": f"{SUPPLIER_NIT}-{nit_dv(SUPPLIER_NIT)}", "supplier_rank": 3,
        "l10n_latam_identification_type_id": _id_type(odoo, "rut"), "city": "Barranquilla"})
    out["prospect"] = _partner(odoo, [("name", "=", "Prospecto sin documento")], {
        "name": "Prospecto sin documento", "email": "prospecto@correo.example"})
    return out


def _partner(odoo: Odoo, domain: list[Any], values: dict[str, Any]) -> int:
    found = odoo("res.partner", "search", domain, limit=1, context={"active_test": False})
    return int(found[0]) if found else int(odoo("res.partner", "create", [values])[0])


def seed_products(odoo: Odoo) -> dict[str, int]:
    """A product per unit (its make's category, year and colour as variant values)."""
    root = odoo.one("product.category", [("name", "=", "Vehículos")]) or odoo(
        "product.category", "create", [{"name": "Vehículos"}])[0]
    attributes = {name: odoo.one("product.attribute", [("name", "=", name)]) or odoo(
        "product.attribute", "create", [{"name": name, "create_variant": "always"}])[0]
        for name in ("Año", "Color")}
    products: dict[str, int] = {}
    for vin, make, line, year, colour, price in _UNITS:
        category = odoo.one("product.category", [("name", "=", make), ("parent_id", "=", root)]) \
            or odoo("product.category", "create", [{"name": make, "parent_id": root}])[0]
        lines = []
        for attribute, value in ((attributes["Año"], year), (attributes["Color"], colour)):
            vid = odoo.one("product.attribute.value", [("attribute_id", "=", attribute),
                                                       ("name", "=", value)]) or odoo(
                "product.attribute.value", "create", [{"attribute_id": attribute, "name": value}])[0]
            lines.append((0, 0, {"attribute_id": attribute, "value_ids": [(6, 0, [vid])]}))
        existing = odoo.one("stock.lot", [("name", "=", vin)])
        if existing:
            products[vin] = odoo("stock.lot", "read", [existing], ["product_id"])[0]["product_id"][0]
            continue
        template = odoo("product.template", "create", [{
            "name": f"{make} {line}", "categ_id": category, "detailed_type": "product",
            "tracking": "serial", "list_price": price, "invoice_policy": "order",
            "attribute_line_ids": lines}])[0]
        variant = odoo("product.product", "search", [("product_tmpl_id", "=", template)])[0]
        lot = odoo("stock.lot", "create", [{"name": vin, "product_id": variant, "company_id": 1}])[0]
        stock = odoo.ref("stock.stock_location_stock")
        odoo("stock.quant", "create", [{"product_id": variant, "location_id": stock, "lot_id": lot,
                                        "inventory_quantity_auto_apply": 1}],
             context={"inventory_mode": True})
        products[vin] = variant
    return products


def _order(odoo: Odoo, ref: str, partner: int, product: int, price: int,
           shipping: int | None = None) -> tuple[int, bool]:
    """(the sale order named ``ref``, whether it was created now), confirmed."""
    found = odoo.one("sale.order", [("client_order_ref", "=", ref)])
    if found:
        return int(found), False
    order = odoo("sale.order", "create", [{
        "partner_id": partner, "client_order_ref": ref,
        **({"partner_shipping_id": shipping} if shipping else {}),
        "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1, "price_unit": price})]}])[0]
    odoo("sale.order", "action_confirm", [order])
    return int(order), True


def _invoice_and_pay(odoo: Odoo, order: int) -> tuple[str, str]:
    if odoo("sale.order", "read", [order], ["invoice_ids"])[0]["invoice_ids"]:
        return _invoice_names(odoo, order)
    context = {"active_model": "sale.order", "active_ids": [order], "active_id": order}
    wizard = odoo("sale.advance.payment.inv", "create", [{"advance_payment_method": "delivered"}],
                  context=context)[0]
    odoo("sale.advance.payment.inv", "create_invoices", [wizard], context=context)
    invoice = odoo("sale.order", "read", [order], ["invoice_ids"])[0]["invoice_ids"][-1]
    odoo("account.move", "action_post", [invoice])
    bank = odoo.one("account.journal", [("type", "=", "bank")])
    pay_context = {"active_model": "account.move", "active_ids": [invoice]}
    register = odoo("account.payment.register", "create", [{"journal_id": bank}],
                    context=pay_context)[0]
    odoo("account.payment.register", "action_create_payments", [register], context=pay_context)
    return _invoice_names(odoo, order)


def _invoice_names(odoo: Odoo, order: int) -> tuple[str, str]:
    invoice = odoo("sale.order", "read", [order], ["invoice_ids"])[0]["invoice_ids"][-1]
    name = odoo("account.move", "read", [invoice], ["name"])[0]["name"]
    # reconciled_invoice_ids is computed and not stored: Odoo 17 ignores it in a domain (and
    # answers every payment), so the payment is found by the reference the wizard gives it.
    payments = odoo("account.payment", "search_read", [("ref", "=", name)], ["name"])
    return name, payments[0]["name"] if payments else ""


def _picking_of(odoo: Odoo, order: int) -> int:
    return int(odoo("sale.order", "read", [order], ["picking_ids"])[0]["picking_ids"][0])


def _reserve(odoo: Odoo, picking: int, vin: str) -> None:
    """Reserve the picking and make sure the unit reserved is the one named."""
    odoo("stock.picking", "action_assign", [picking])
    lines = odoo("stock.move.line", "search_read", [("picking_id", "=", picking)], ["lot_id"])
    lot = odoo.one("stock.lot", [("name", "=", vin)])
    if not lines or not lines[0]["lot_id"] or lines[0]["lot_id"][0] != lot:
        raise SystemExit(f"La entrega {picking} no reservó el lote {vin}.")


def seed_sales(odoo: Odoo, partners: dict[str, int], products: dict[str, int]) -> dict[str, Any]:
    prices = {u[0]: u[5] for u in _UNITS}
    out: dict[str, Any] = {}
    # Reserved on a confirmed order, delivery not done.
    order, new = _order(odoo, "CUADRE-RESERVA", partners["person"], products[VIN_ORDER_RESERVED],
                        prices[VIN_ORDER_RESERVED])
    if new:
        _reserve(odoo, _picking_of(odoo, order), VIN_ORDER_RESERVED)
    out["order_reserved"] = order
    # Invoiced and paid, not delivered.
    order, new = _order(odoo, "CUADRE-FACTURADO", partners["passport"], products[VIN_INVOICED],
                        prices[VIN_INVOICED])
    if new:
        _reserve(odoo, _picking_of(odoo, order), VIN_INVOICED)
    out["invoiced"] = (order, *_invoice_and_pay(odoo, order))
    # Delivered to the company's delivery address, invoiced and paid.
    order, new = _order(odoo, "CUADRE-ENTREGADO", partners["company"], products[VIN_DELIVERED],
                        prices[VIN_DELIVERED], shipping=partners["company_delivery"])
    if new:
        picking = _picking_of(odoo, order)
        _reserve(odoo, picking, VIN_DELIVERED)
        odoo("stock.move", "write", odoo("stock.move", "search", [("picking_id", "=", picking)]),
             {"picked": True})
        done = odoo("stock.picking", "button_validate", [picking], context={"skip_sms": True})
        if isinstance(done, dict):
            raise SystemExit(f"Validar la entrega pidió un asistente: {done.get('res_model')}.")
    out["delivered"] = (order, *_invoice_and_pay(odoo, order))
    # Reserved on a delivery made by hand (no sale order).
    found = odoo.one("stock.picking", [("origin", "=", "CUADRE-MANUAL")])
    if found:
        out["manual_delivery"] = found
        return out
    out_type = odoo.ref("stock.picking_type_out")
    picking = odoo("stock.picking", "create", [{
        "origin": "CUADRE-MANUAL", "partner_id": partners["foreign_nit"], "picking_type_id": out_type,
        "location_id": odoo.ref("stock.stock_location_stock"),
        "location_dest_id": odoo.ref("stock.stock_location_customers"),
        "move_ids": [(0, 0, {"name": "Entrega manual", "product_id": products[VIN_MANUAL_DELIVERY],
                             "product_uom_qty": 1,
                             "product_uom": odoo.ref("uom.product_uom_unit"),
                             "location_id": odoo.ref("stock.stock_location_stock"),
                             "location_dest_id": odoo.ref("stock.stock_location_customers")})]}])[0]
    odoo("stock.picking", "action_confirm", [picking])
    _reserve(odoo, picking, VIN_MANUAL_DELIVERY)
    out["manual_delivery"] = picking
    return out


def seed_crm(odoo: Odoo, partners: dict[str, int]) -> None:
    if odoo.one("crm.lead", [("name", "=", "Flota Hilux")]):
        return
    odoo("crm.lead", "create", [{"name": "T-Cross para Juan Carlos", "type": "opportunity",
                                 "partner_id": partners["person"], "expected_revenue": 112_500_000}])
    odoo("crm.lead", "create", [{"name": "Flota Hilux", "type": "opportunity",
                                 "partner_id": partners["company"], "expected_revenue": 215_000_000,
                                 "probability": 100}])


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else "http://127.0.0.1:8069"
    db = argv[2] if len(argv) > 2 else "dealer"
    login = argv[3] if len(argv) > 3 else "admin"
    password = os.environ.get("ODOO_PASSWORD") or os.environ.get("CUADRE_TEST_ODOO_PASSWORD")
    if not password:
        print("Indique la clave en ODOO_PASSWORD.", file=sys.stderr)
        return 2
    odoo = Odoo(url.rstrip("/"), db, login, password)
    partners = seed_partners(odoo)
    products = seed_products(odoo)
    sales = seed_sales(odoo, partners, products)
    seed_crm(odoo, partners)
    print(f"Socios: {len(partners)}; vehículos: {len(products)}.")
    for key in ("invoiced", "delivered"):
        order, invoice, payment = sales[key]
        print(f"Pedido {order}: factura {invoice}, pago {payment}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
