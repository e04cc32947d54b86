"""What a real Odoo 17 with l10n_co shows that the demo has no word for, seeded into the emulator.

``tools/odoo_seed.py`` seeds the same cases on a real server (``tests/integration/
test_odoo_real.py`` reads them there); here they are added to the demo's data, in a branch of
their own («Barranquilla - Alto Prado»), so CI, which has no Odoo, sees every one:

- a company with its NIT and DV, its contact person and its delivery address (which carry the
  company's ``vat``: Odoo copies a company's document to them), a person with a cédula whose
  order is confirmed but not invoiced (``customer_rank`` 0, as for anyone never invoiced), a
  passport and a «cédula extranjera» with letters, a foreign NIT, a contact imported with
  ``customer_rank`` 0, an archived customer, a supplier, a prospect without document;
- one product per model, year and colour (a template of its own: Odoo keeps single values out
  of ``product_template_variant_value_ids``);
- a unit reserved on a delivery made by hand (no sale order), one reserved by a confirmed
  order whose delivery is not done, one invoiced and paid but not delivered, one delivered,
  one free;
- invoices named ``INV/2026/00001`` and payments ``PBNK1/2026/00001`` (their ``ref`` the
  invoice's name), as Odoo 17 names them.

:func:`seed` is the emulator's whole database: the demo's (``odoo_seed.build``) and these.
"""

from __future__ import annotations

from typing import Any

from app.demo.sandbox.odoo_orm import Record
from app.demo.sandbox.odoo_repair import seed as seed_workshop
from app.demo.sandbox.odoo_schema import COLOMBIA, COP, SPAIN, USA
from app.demo.sandbox.odoo_seed import (
    Catalog,
    Seed,
    build,
    sale,
    seed_branch,
    unit,
)
from app.domain.values import nit_check_digit

#: The cases :func:`seed_cases` adds: documents and VINs (the same as ``tools/odoo_seed.py``).
CASE_BRANCH = "Barranquilla - Alto Prado"
CASE_COMPANY_NIT = "901456789"
CASE_PERSON_CC = "1020304050"
CASE_PASSPORT = "AB1234567"
CASE_FOREIGN_NIT = "B12345678"
CASE_FOREIGN_ID = "V12345678"
CASE_RANK_ZERO_CC = "1122334455"
CASE_ARCHIVED_CC = "79111222"
CASE_SUPPLIER_NIT = "860002964"
VIN_MANUAL_DELIVERY = "9FBHSRAJBGM100001"  # reserved on a delivery made by hand: foreign NIT
VIN_ORDER_RESERVED = "9BWZZZ377VT100002"   # confirmed order, delivery not done: the cédula
VIN_INVOICED = "93YRBB001JJ100003"         # invoiced and paid, still on the lot: the passport
VIN_DELIVERED = "JTFSS22P0N0100004"        # delivered, invoiced and paid: the company
VIN_AVAILABLE = "9GAKM52H0NB100005"        # on the lot, nobody's
CASE_INVOICES = ("INV/2026/00001", "INV/2026/00002")
CASE_PAYMENTS = ("PBNK1/2026/00001", "PBNK1/2026/00002")


#: The cases' partners: key → (name, vat, identification type id, country, extra values).
_CASE_PARTNERS: tuple[tuple[str, str, str | None, int, int | None, dict[str, Any]], ...] = (
    ("company", "Transportes Andinos S.A.S.",
     f"{CASE_COMPANY_NIT}-{nit_check_digit(CASE_COMPANY_NIT)}", 4, COLOMBIA,
     {"is_company": True, "city": "Medellín", "street": "Cra 43A # 1-50",
      "phone": "+57 604 4445566", "email": "compras@transportesandinos.example",
      "customer_rank": 2}),
    ("person", "Juan Carlos Pérez Gómez", CASE_PERSON_CC, 5, COLOMBIA,
     {"mobile": "+57 301 3414178", "city": "Bogotá", "email": "juan.perez@correo.example"}),
    ("passport", "John Michael Smith", CASE_PASSPORT, 2, USA,
     {"mobile": "+1 305 555 0134", "city": "Miami", "customer_rank": 2}),
    ("foreign_nit", "Autopartes Ibéricas S.L.", CASE_FOREIGN_NIT, 11, SPAIN,
     {"is_company": True, "city": "Madrid"}),
    ("foreign_id", "Ana María Rodríguez", CASE_FOREIGN_ID, 3, COLOMBIA,
     {"mobile": "+57 315 4443322", "city": "Cali"}),
    ("rank_zero", "María Fernanda López Ríos", CASE_RANK_ZERO_CC, 5, COLOMBIA,
     {"phone": "+57 601 2345678", "city": "Bogotá"}),
    ("archived", "Pedro Antonio Suárez", CASE_ARCHIVED_CC, 5, COLOMBIA,
     {"active": False, "city": "Bogotá", "customer_rank": 1}),
    ("supplier", "Distribuidora Automotriz del Caribe S.A.",
     f"{CASE_SUPPLIER_NIT}-{nit_check_digit(CASE_SUPPLIER_NIT)}", 4, COLOMBIA,
     {"is_company": True, "supplier_rank": 3, "city": "Barranquilla"}),
    ("prospect", "Prospecto sin documento", None, 1, None,
     {"email": "prospecto@correo.example"}),
)


def seed_cases(s: Seed) -> dict[str, int]:
    """What a real Odoo 17 shows that the demo has no word for (module docstring); returns
    the partners by key."""
    bid = max(s.stock) + 1
    seed_branch(s, bid, CASE_BRANCH, "BAQ")
    stamp = "2026-12-07 15:22:00"
    partners = {key: s.add("res.partner", name=name, vat=vat, type="contact",
                           l10n_latam_identification_type_id=kind, country_id=country,
                           company_id=1, active=extra.get("active", True), lang="es_CO",
                           **{"customer_rank": 0, "supplier_rank": 0,
                              **{k: v for k, v in extra.items() if k != "active"}})
                for key, name, vat, kind, country, extra in _CASE_PARTNERS}
    company = partners["company"]
    vat = s.tables["res.partner"][company]["vat"]
    children: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
        ("company_contact", "Laura Restrepo", "contact", {"email": "laura@transportesandinos.example"}),
        ("company_delivery", "Bodega Itagüí", "delivery", {"street": "Calle 50 # 40-20",
                                                          "city": "Itagüí"}),
    )
    for key, name, kind, extra in children:  # base copies the company's document to them
        partners[key] = s.add("res.partner", name=name, parent_id=company, type=kind, vat=vat,
                              l10n_latam_identification_type_id=4, company_id=1, active=True,
                              customer_rank=0, supplier_rank=0, lang="es_CO", **extra)
    for rid in partners.values():
        s.stamped("res.partner", rid, stamp)
    _seed_case_units(s, bid, partners, stamp)
    return partners


def _seed_case_units(s: Seed, bid: int, partners: dict[str, int], stamp: str) -> None:
    catalog = s.catalog or Catalog(s)
    stock = s.stock[bid]["stock"]
    units = {}
    for vin, make, line, year, colour, price in (
        (VIN_MANUAL_DELIVERY, "RENAULT", "DUSTER", "2025", "Rojo", 89_900_000),
        (VIN_ORDER_RESERVED, "VOLKSWAGEN", "T-CROSS", "2026", "Gris", 112_500_000),
        (VIN_INVOICED, "RENAULT", "KOLEOS", "2026", "Negro", 158_000_000),
        (VIN_DELIVERED, "TOYOTA", "HILUX", "2026", "Blanco", 215_000_000),
        (VIN_AVAILABLE, "CHEVROLET", "ONIX", "2026", "Azul", 79_990_000),
    ):
        product = catalog.product(make, line, year, colour, price, single=True)
        where = s.customers if vin == VIN_DELIVERED else stock
        lot = unit(s, vin, product, where, stamp, reserved=vin not in (VIN_DELIVERED, VIN_AVAILABLE),
                    stamp=stamp, arrival=stock)
        units[vin] = (lot, product, price)
    lot, product, price = units[VIN_MANUAL_DELIVERY]
    # A delivery made by hand to the foreign NIT: no sale order behind it.
    sale(s, lot, product, None, bid, price=price, stamp=stamp, invoiced=False, delivered=None,
          shipping=partners["foreign_nit"])
    lot, product, price = units[VIN_ORDER_RESERVED]
    sale(s, lot, product, partners["person"], bid, price=price, stamp=stamp, invoiced=False,
          delivered=None)
    for vin, key, invoice, payment, delivered, shipping in (
        (VIN_INVOICED, "passport", CASE_INVOICES[0], CASE_PAYMENTS[0], None, None),
        (VIN_DELIVERED, "company", CASE_INVOICES[1], CASE_PAYMENTS[1], "2026-12-07 15:22:19",
         partners["company_delivery"]),
    ):
        lot, product, price = units[vin]
        order = sale(s, lot, product, partners[key], bid, price=price, stamp=stamp,
                      invoiced=True, delivered=delivered, shipping=shipping)
        _invoice_paid(s, order, partners[key], bid, invoice, payment, float(price) * 1.19)


def _invoice_paid(s: Seed, order: int | None, partner: int, bid: int, name: str, payment: str,
                  total: float) -> None:
    """A customer invoice as Odoo 17 names it (INV/2026/00001) and the payment that paid it
    (PBNK1/2026/00001, its ``ref`` the invoice's name)."""
    add = s.add
    journal = next((j for j, rec in s.tables["account.journal"].items() if rec.get("code") == "INV"),
                   None) or add("account.journal", name="Facturas de cliente", code="INV",
                                type="sale", company_id=1)
    bank = next((j for j, rec in s.tables["account.journal"].items() if rec.get("code") == "BNK1"),
                None) or add("account.journal", name="Banco", code="BNK1", type="bank", company_id=1)
    origin = s.tables["sale.order"][order]["name"] if order else None
    move = add("account.move", name=name, move_type="out_invoice", state="posted",
               partner_id=partner, invoice_date="2026-12-07", date="2026-12-07",
               amount_total=total, amount_residual=0.0, payment_state="paid",
               team_id=s.teams.get(bid), journal_id=journal, company_id=1, currency_id=COP,
               invoice_origin=origin)
    pay = add("account.payment", name=payment, amount=total, date="2026-12-07",
              partner_id=partner, payment_type="inbound", partner_type="customer",
              state="posted", journal_id=bank, currency_id=COP, company_id=1, ref=name,
              reconciled_invoice_ids=[move])
    if order is not None:
        s.tables["sale.order"][order]["invoice_ids"] = [move]
    for model, rid in (("account.move", move), ("account.payment", pay)):
        s.stamped(model, rid, "2026-12-07 15:22:20")


def seed(erp_sqlite_path: Any) -> dict[str, dict[int, Record]]:
    """The emulated database: the demo ERP's records and the cases. Every seeded write_date is
    the latest at most (the emulator's clock starts after it)."""
    s = build(erp_sqlite_path)
    seed_cases(s)
    seed_workshop(s.tables, s.stamp)  # the workshop: every warehouse's repair operation type
    return s.tables


__all__ = ["CASE_BRANCH", "seed", "seed_cases"]
