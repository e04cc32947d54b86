"""The emulated Odoo's data: the demo ERP as a Colombian dealership's Odoo 17 holds it.

From the demo ERP's SQLite file (``app/demo/systems.py``):

- ``res.partner`` from ``terceros`` (``vat`` with the NIT's DV after a dash, the l10n_co
  identification type with the ids and names a real database has, ``mobile``/``phone`` written
  +57 …, ``res.city`` with its DANE code in ``l10n_co_edi_code``, Studio fields
  ``x_autoriza_datos``… for Habeas Data); a few were imported, so their ``customer_rank`` is 0;
- ``account.move`` (invoices posted, or cancelled when the demo annulled them; CUFE; the VIN
  sold in a Studio field ``x_vin``) from ``facturas`` and ``account.payment`` from
  ``recibos``, reconciled to their invoice;
- ``stock.lot`` (VIN in ``name``) and ``stock.quant`` per vehicle of ``inventario`` (with the
  -1 quant Odoo leaves in «Virtual Locations/Inventory adjustment» when a unit is counted in);
  a unit reserved or sold is a confirmed ``sale.order`` whose delivery (``stock.picking``,
  ``stock.move`` with its ``sale_line_id``, ``stock.move.line`` with the lot) is reserved and
  not done; a delivered one's delivery is done, on the delivery day, and its quant sits in the
  customers' location keeping the day it came in (as Odoo keeps ``in_date``);
- ``crm.lead``: a won opportunity per invoice, and a few open and lost (archived) ones.

Everything seeded belongs to company 1; company 2 holds a few records of its own. The helpers
that add branches, units and sales are shared with ``odoo_cases``, which adds what a real
Odoo 17 showed that the demo has no word for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.demo.sandbox.odoo_orm import Record, dt
from app.demo.sandbox.odoo_schema import (
    COLOMBIA,
    COP,
    PARTNER_OFFSET,
    SCHEMA,
    SPAIN,
    USA,
    USER_COMPANIES,
    USER_ID,
)
from app.domain import divipola
from app.domain.values import nit_check_digit, only_digits


def _utc(text: str | None) -> str | None:
    """A demo timestamp ("2025-10-17T05:44:00-05:00") as Odoo stores it: UTC, no zone."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return dt(moment.astimezone(UTC))


def _closing_time(day: str) -> str:
    """5 p.m. in Bogotá on ``day``, in UTC."""
    return f"{day[:10]} 22:00:00"


def _phone(text: str | None) -> str | None:
    """A phone as Odoo's phone_validation writes it: "+57 301 3414178"."""
    digits = only_digits(text or "")
    if len(digits) == 10:
        return f"+57 {digits[:3]} {digits[3:]}"
    return text or None


#: l10n_co's identification types as a real Odoo 17 database holds them (id, name, code,
#: is_vat, Colombian only, sequence): l10n_co/data/l10n_latam.identification.type.csv with
#: l10n_latam_base's generic VAT, Passport and Foreign ID.
_ID_TYPES = (
    (1, "VAT", "rut", True, False, 80), (2, "Passport", "passport", False, False, 7),
    (3, "Cédula Extranjera", "foreign_id_card", False, False, 9),
    (4, "NIT", "rut", True, True, 1), (5, "Cédula de ciudadanía", "national_citizen_id", False, True, 2),
    (6, "Registro Civil", "civil_registration", False, True, 3),
    (7, "Tarjeta de Identidad", "id_card", False, True, 4),
    (8, "Tarjeta de extranjería", "foreign_colombian_card", False, True, 5),
    (9, "Cédula de extranjería", "foreign_resident_card", False, True, 6),
    (10, "Salvoconducto de Permanencia", "residence_document", False, True, 8),
    (11, "Nit de otro país", "external_id", False, False, 10), (12, "NIUP", "niup_id", False, True, 11),
    (13, "INACTIVO - Carné Diplomatico", "diplomatic_card", False, True, 12),
    (14, "INACTIVO - Cédula", "id_document", False, True, 13),
)
#: DIAN's document codes (the demo ERP's ``tipo_doc``) as those types' ids.
_DIAN_TO_TYPE = {"31": 4, "13": 5, "11": 6, "12": 7, "21": 8, "22": 9, "41": 2, "42": 3,
                 "50": 11, "91": 12}
_SOURCES = ("Sitio web", "Facebook", "Referido", "Sala de ventas", "WhatsApp")
_STAGES = (("Nuevo", 1, False), ("Prueba de manejo", 2, False), ("Negociación", 3, False),
           ("Ganado", 4, True))
_METHODS = ("Efectivo", "Consignación", "Transferencia", "Tarjeta de crédito", "Tarjeta débito",
            "Desembolso financiera")


class Seed:
    """Builds the tables: ``add`` gives each record the next id of its model. It also keeps
    what later steps look up (branches' warehouses, locations and teams, the latest stamp)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[int, Record]] = {m: {} for m in SCHEMA}
        self.stamp = "2024-01-01 00:00:00"
        self.latest = "2024-01-01 00:00:00"
        self.warehouses: dict[int, int] = {}
        self.stock: dict[int, dict[str, int]] = {}
        self.teams: dict[int, int] = {}
        self.customers = 0  # the customers' location
        self.inventory = 0  # where inventory adjustments come from
        self.orders = 0
        self.catalog: Catalog | None = None

    def add(self, model: str, rid: int | None = None, **values: Any) -> int:
        table = self.tables[model]
        rid = rid if rid is not None else max(table, default=0) + 1
        rec = {"id": rid, "create_date": self.stamp, "write_date": self.stamp}
        for name, value in values.items():
            if name not in SCHEMA[model]:
                raise KeyError(f"{model}.{name}")
            rec[name] = value
        table[rid] = rec
        return rid

    def stamped(self, model: str, rid: int, stamp: str) -> None:
        self.tables[model][rid]["write_date"] = stamp
        self.latest = max(self.latest, stamp)


def _rows(path: Path, sql: str) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql))


def build(erp_sqlite_path: Path) -> Seed:
    """The demo ERP file (``app/demo/systems.py``) as Odoo holds it; ``odoo_cases.seed``
    adds the cases."""
    path = Path(erp_sqlite_path)
    if not path.exists():
        raise FileNotFoundError(path)
    s = Seed()
    _seed_base(s)
    for bid, b in {r["id"]: r for r in _rows(path, "SELECT * FROM sedes ORDER BY id")}.items():
        seed_branch(s, bid, b["nombre"], b["codigo"])
    _seed_partners(s, path)
    stages, sources = _seed_invoices(s, path)
    _seed_payments(s, path)
    _seed_vehicles(s, path)
    _seed_extras(s, stages, sources)
    return s


def _seed_base(s: Seed) -> None:
    add = s.add
    add("res.currency", COP, name="COP", symbol="$")
    add("res.country", COLOMBIA, name="Colombia", code="CO")
    add("res.country", SPAIN, name="Spain", code="ES")
    add("res.country", USA, name="United States", code="US")
    add("res.company", 1, name="Concesionario Demo S.A.S.", partner_id=1, currency_id=COP)
    add("res.company", 2, name="Cuadre Usados S.A.S.", partner_id=2, currency_id=COP)
    # The companies' own partners carry their NIT, with l10n_latam's generic «VAT» type.
    add("res.partner", 1, name="Concesionario Demo S.A.S.", is_company=True, active=True,
        vat="900000001-" + nit_check_digit("900000001"), customer_rank=0, supplier_rank=0,
        country_id=COLOMBIA, l10n_latam_identification_type_id=1, type="contact")
    add("res.partner", 2, name="Cuadre Usados S.A.S.", is_company=True, active=True,
        vat="900000002-" + nit_check_digit("900000002"), customer_rank=0, supplier_rank=0,
        country_id=COLOMBIA, l10n_latam_identification_type_id=1, type="contact")
    add("res.partner", 3, name="Administrador", is_company=False, active=True, customer_rank=0,
        supplier_rank=0, company_id=1, email="admin@concesionario.example", type="contact",
        l10n_latam_identification_type_id=1)
    add("res.users", USER_ID, name="Administrador", login="admin", partner_id=3, company_id=1,
        company_ids=list(USER_COMPANIES), active=True)
    for rid, name, code, is_vat, colombian, sequence in _ID_TYPES:
        add("l10n_latam.identification.type", rid, name=name, l10n_co_document_code=code,
            is_vat=is_vat, country_id=COLOMBIA if colombian else None, sequence=sequence,
            active=True)
    s.customers = add("stock.location", name="Customers", complete_name="Partners/Customers",
                      usage="customer", active=True)
    s.inventory = add("stock.location", name="Inventory adjustment",
                      complete_name="Virtual Locations/Inventory adjustment", usage="inventory",
                      active=True)


def seed_branch(s: Seed, bid: int, name: str, code: str) -> None:
    """A branch: its warehouse, stock, demo and transit locations, and its sales team."""
    add = s.add
    wh = add("stock.warehouse", name=name, code=code, company_id=1, active=True)
    view = add("stock.location", name=code, complete_name=code, usage="view", warehouse_id=wh,
               company_id=1, active=True)
    places = {"stock": ("Existencias", "internal"), "demo": ("Demostración", "internal"),
              "transit": ("Tránsito", "transit")}
    s.stock[bid] = {key: add("stock.location", name=label, complete_name=f"{code}/{label}",
                             usage=usage, location_id=view, warehouse_id=wh, company_id=1,
                             active=True)
                    for key, (label, usage) in places.items()}
    s.tables["stock.warehouse"][wh]["lot_stock_id"] = s.stock[bid]["stock"]
    s.warehouses[bid] = wh
    s.teams[bid] = add("crm.team", name=name, company_id=1, active=True)


def _seed_partners(s: Seed, path: Path) -> None:
    """Partners, with their cities and departments."""
    add = s.add
    states: dict[str, int] = {}
    cities: dict[str, int] = {}

    def city_of(code: str | None) -> int | None:
        if not code or code not in divipola.municipalities():
            return None
        if code not in cities:
            m = divipola.municipalities()[code]
            if m.department_code not in states:
                states[m.department_code] = add(
                    "res.country.state", name=m.department, code=m.department_code,
                    country_id=COLOMBIA, l10n_co_edi_code=int(m.department_code))
            cities[code] = add("res.city", name=divipola.city_name(code), country_id=COLOMBIA,
                               state_id=states[m.department_code], l10n_co_edi_code=int(code))
        return cities[code]

    for i, r in enumerate(_rows(path, "SELECT * FROM terceros ORDER BY id")):
        code = r["cod_municipio"]
        city_id = city_of(code)
        city_name = divipola.city_name(code) if code else None
        # Some partners carry only the city's name, typed, as before base_address_extended.
        if i % 7 == 3 and city_name and divipola.city_code(city_name) == code:
            city_id = None
        is_company = r["tipo_doc"] == "31"
        vat = r["nit"]
        if is_company and r["dv"]:
            vat = f"{r['nit']}-{r['dv']}"
        elif i % 11 == 5 and vat and vat.isdigit() and len(vat) > 6:
            vat = f"{int(vat):,}".replace(",", ".")  # "52.326.162", as some people type it
        phone = r["telefono"]
        mobile = phone if phone and only_digits(phone).startswith("3") else None
        landline = None if mobile else phone
        stamp = _utc(r["modificado"]) or s.latest
        name = r["razon_social"] if is_company else " ".join(
            p for p in (r["nombres"], r["apellidos"]) if p)
        pid = add(
            "res.partner", r["id"] + PARTNER_OFFSET, name=name, is_company=is_company,
            type="contact", vat=vat, l10n_latam_identification_type_id=_DIAN_TO_TYPE.get(
                r["tipo_doc"] or ""), phone=_phone(landline), mobile=_phone(mobile),
            email=r["email"] or None, street=r["direccion"], city=city_name, city_id=city_id,
            state_id=s.tables["res.city"][city_id]["state_id"] if city_id else None,
            country_id=COLOMBIA, company_id=1, supplier_rank=0, active=True, lang="es_CO",
            # Contacts imported or created in Contacts have never been invoiced: rank 0.
            customer_rank=0 if i % 13 == 7 else 1,
            x_autoriza_datos=bool(r["autoriza_datos"]),
            x_fecha_autorizacion=r["fecha_autorizacion"], x_canal_autorizacion=r["canal_autorizacion"],
            x_reclamo_en_tramite=bool(r["reclamo"]))
        s.stamped("res.partner", pid, stamp)


def _seed_invoices(s: Seed, path: Path) -> tuple[dict[str, int], list[int]]:
    """Invoices and the won opportunity behind each sale; (stages, sources) for later leads."""
    add = s.add
    sale_journal = add("account.journal", name="Facturas de venta", code="FV", type="sale",
                       company_id=1)
    stages = {name: add("crm.stage", name=name, sequence=seq, is_won=won)
              for name, seq, won in _STAGES}
    sources = [add("utm.source", name=n) for n in _SOURCES]
    # Sums in Decimal; what the emulated Odoo stores and sends is a float, as Odoo's monetary
    # fields are on the wire (the connector turns them back into Decimal to the cent).
    paid: dict[int, Decimal] = {}
    for r in _rows(path, "SELECT factura_id, valor FROM recibos"):
        if r["factura_id"] is not None:
            paid[r["factura_id"]] = paid.get(r["factura_id"], Decimal(0)) + Decimal(r["valor"])
    for i, r in enumerate(_rows(path, "SELECT * FROM facturas ORDER BY id")):
        exact_total = Decimal(r["total"])
        exact_residual = max(Decimal(0), exact_total - paid.get(r["id"], Decimal(0)))
        total, residual = float(exact_total), float(exact_residual)
        state = ("paid" if exact_residual == 0
                 else ("partial" if exact_residual < exact_total else "not_paid"))
        partner = r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] is not None else None
        closed = _closing_time(r["fecha"])
        columns = r.keys()  # older demo files have no VIN or status besides «validated»
        move = add(
            "account.move", r["id"], name=f"{r['prefijo']}-{r['numero']}", move_type="out_invoice",
            state="cancel" if r["estado"] == "ANULADA" else "posted", partner_id=partner,
            invoice_date=r["fecha"], date=r["fecha"],
            amount_total=total, amount_residual=residual, payment_state=state,
            l10n_co_edi_cufe_cude_ref=r["cufe"], team_id=s.teams.get(r["sede_id"]),
            journal_id=sale_journal, company_id=1, currency_id=COP,
            x_vin=r["vin"] if "vin" in columns else None)
        s.stamped("account.move", move, closed)
        lead = add("crm.lead", name=f"Venta {r['prefijo']}-{r['numero']}", type="opportunity",
                   partner_id=partner, stage_id=stages["Ganado"], probability=100.0,
                   expected_revenue=total, date_closed=closed, source_id=sources[i % len(sources)],
                   team_id=s.teams.get(r["sede_id"]), user_id=USER_ID, active=True, company_id=1)
        s.stamped("crm.lead", lead, closed)
    return stages, sources


def _seed_payments(s: Seed, path: Path) -> None:
    add = s.add
    journals = {"cash": add("account.journal", name="Caja", code="CSH", type="cash", company_id=1),
                "bank": add("account.journal", name="Bancos", code="BNK", type="bank", company_id=1)}
    methods = {m: add("account.payment.method.line", name=m) for m in _METHODS}
    moves = s.tables["account.move"]
    for r in _rows(path, "SELECT * FROM recibos ORDER BY id"):
        method = r["medio"] if r["medio"] in methods else "Transferencia"
        pid = add("account.payment", name=r["numero"], amount=float(r["valor"]), date=r["fecha"],
                  partner_id=r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] else None,
                  payment_type="inbound", partner_type="customer", state="posted",
                  journal_id=journals["cash" if method == "Efectivo" else "bank"],
                  payment_method_line_id=methods[method], currency_id=COP, company_id=1,
                  reconciled_invoice_ids=[r["factura_id"]] if r["factura_id"] in moves else [])
        s.stamped("account.payment", pid, _utc(r["modificado"]) or s.latest)


class Catalog:
    """Vehicle products: one per make, line, year and colour (the make is the category)."""

    def __init__(self, s: Seed) -> None:
        self.s = s
        self.root = s.add("product.category", name="Vehículos", complete_name="Vehículos")
        self.categories: dict[str, int] = {}
        self.attributes = {"year": s.add("product.attribute", name="Año"),
                           "color": s.add("product.attribute", name="Color")}
        self.values: dict[tuple[str, str], int] = {}
        self.products: dict[tuple[Any, ...], int] = {}

    def value(self, attribute: str, name: str) -> int:
        if (attribute, name) not in self.values:
            self.values[attribute, name] = self.s.add(
                "product.template.attribute.value", name=name, attribute_id=self.attributes[attribute])
        return self.values[attribute, name]

    def product(self, make: str, line: str, year: Any, color: str | None, price: Any, *,
                single: bool = False) -> int:
        """The product of a make, line, year and colour; ``single``: a template of its own
        (one value per attribute), whose values Odoo keeps out of the variant's."""
        if make not in self.categories:
            self.categories[make] = self.s.add("product.category", name=make, parent_id=self.root,
                                               complete_name=f"Vehículos / {make}")
        key = (make, line, year, color)
        if key not in self.products:
            variant = [self.value("year", str(year))] if year else []
            variant += [self.value("color", color)] if color else []
            self.products[key] = self.s.add(
                "product.product", name=f"{make} {line}".strip(), categ_id=self.categories[make],
                lst_price=float(price or 0), tracking="serial",
                product_template_variant_value_ids=[] if single else variant,
                product_template_attribute_value_ids=variant, active=True)
        return self.products[key]


def _seed_vehicles(s: Seed, path: Path) -> None:
    """A serial lot and its quants per VIN; a sale order and its delivery per unit sold."""
    catalog = s.catalog = Catalog(s)
    for r in _rows(path, "SELECT * FROM inventario ORDER BY id"):
        product = catalog.product(r["marca"] or "", r["linea"] or "", r["anio"], r["color"],
                                  r["precio"])
        status = r["estado"]
        partner = r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] is not None else None
        stamp = _utc(r["modificado"]) or s.latest
        here = s.stock.get(r["sede_id"], {})
        arrived = r["fecha_ingreso"] if "fecha_ingreso" in r.keys() else None
        # A quant keeps the day its unit came in, wherever the unit goes afterwards.
        in_date = f"{arrived} 15:00:00" if arrived and status != "TRANSITO" else stamp
        lot = unit(s, r["vin"], product, {"DEMO": here.get("demo"), "TRANSITO": here.get("transit"),
                                           "ENTREGADO": s.customers}.get(status, here.get("stock")),
                    in_date, reserved=status in ("RESERVADO", "VENDIDO"), stamp=stamp,
                    arrival=here.get("stock") if status == "ENTREGADO" else None)
        if status in ("RESERVADO", "VENDIDO", "ENTREGADO"):
            delivered = f"{r['fecha_entrega']} 15:00:00" if status == "ENTREGADO" and \
                r["fecha_entrega"] else None
            sale(s, lot, product, partner, r["sede_id"], price=r["precio"], stamp=stamp,
                  invoiced=status != "RESERVADO", delivered=delivered)


def unit(s: Seed, vin: str, product: int, location: int | None, in_date: str, *,
          reserved: bool, stamp: str, company: int = 1, arrival: int | None = None) -> int:
    """A lot, its quant where the unit is (it came in at ``arrival``, by default there), and
    what the count that brought it in left: a -1 quant and a done move line."""
    lot = s.add("stock.lot", name=vin, product_id=product, company_id=company)
    quant = s.add("stock.quant", product_id=product, lot_id=lot, location_id=location,
                  quantity=1.0, in_date=in_date, company_id=company,
                  reserved_quantity=1.0 if reserved else 0.0)
    s.add("stock.quant", product_id=product, lot_id=lot, location_id=s.inventory, quantity=-1.0,
          in_date=in_date, reserved_quantity=0.0, company_id=company)
    # The count that brought it in: a done move (no picking) from inventory adjustment.
    arrival = arrival or location
    move = s.add("stock.move", name="Cantidad de producto actualizada", product_id=product,
                 state="done", reference="Cantidad de producto actualizada", location_id=s.inventory,
                 location_dest_id=arrival, date=in_date, product_uom_qty=1.0, company_id=company)
    s.add("stock.move.line", lot_id=lot, move_id=move, product_id=product, state="done",
          quantity=1.0, picked=True, location_id=s.inventory, location_dest_id=arrival,
          reference="Cantidad de producto actualizada", date=in_date, company_id=company)
    for model, rid in (("stock.lot", lot), ("stock.quant", quant)):
        s.stamped(model, rid, stamp)
    return lot


def sale(s: Seed, lot: int, product: int, partner: int | None, branch: int | None, *,
          price: Any, stamp: str, invoiced: bool, delivered: str | None,
          shipping: int | None = None, name: str | None = None) -> int | None:
    """A confirmed sale order for the unit (none without a customer: then a delivery made by
    hand) and its delivery: reserved and open, or done on ``delivered``. Returns the order."""
    add = s.add
    stock = s.stock.get(branch or 0, {}).get("stock")
    order = line = None
    if partner is not None:
        s.orders += 1
        order = add("sale.order", name=name or f"S{s.orders:05d}", partner_id=partner,
                    partner_shipping_id=shipping or partner, state="sale",
                    invoice_status="invoiced" if invoiced else "to invoice",
                    delivery_status="full" if delivered else "pending",
                    warehouse_id=s.warehouses.get(branch or 0), date_order=stamp,
                    amount_total=float(price or 0), company_id=1, team_id=s.teams.get(branch or 0))
        line = add("sale.order.line", order_id=order, product_id=product, order_partner_id=partner,
                   name=s.tables["product.product"][product]["name"], state="sale",
                   product_uom_qty=1.0, qty_delivered=1.0 if delivered else 0.0,
                   qty_invoiced=1.0 if invoiced else 0.0, price_unit=float(price or 0),
                   invoice_status="invoiced" if invoiced else "to invoice", company_id=1)
    state = "done" if delivered else "assigned"
    warehouse = s.tables["stock.warehouse"].get(s.warehouses.get(branch or 0, 0), {})
    prefix = f"{warehouse.get('code', 'WH')}/OUT/"  # each warehouse numbers its deliveries
    done = sum(1 for p in s.tables["stock.picking"].values() if p["name"].startswith(prefix))
    picking_name = f"{prefix}{done + 1:05d}"
    origin = s.tables["sale.order"][order]["name"] if order else None
    who = shipping or partner
    picking = add("stock.picking", name=picking_name, partner_id=who, state=state, sale_id=order,
                  picking_type_code="outgoing", origin=origin, location_id=stock,
                  location_dest_id=s.customers, scheduled_date=stamp, date_done=delivered,
                  company_id=1)
    move = add("stock.move", name=origin or picking_name, product_id=product, sale_line_id=line,
               partner_id=who, picking_id=picking, state=state, origin=origin,
               reference=picking_name, location_id=stock, location_dest_id=s.customers,
               date=delivered or stamp, product_uom_qty=1.0, company_id=1)
    add("stock.move.line", lot_id=lot, move_id=move, picking_id=picking, product_id=product,
        state=state, quantity=1.0, picked=bool(delivered), location_id=stock,
        location_dest_id=s.customers, picking_partner_id=who, picking_code="outgoing",
        reference=picking_name, origin=origin, date=delivered or stamp, company_id=1)
    for model in ("stock.picking", "stock.move", "stock.move.line"):
        s.stamped(model, max(s.tables[model]), delivered or stamp)
    if order is not None:
        s.stamped("sale.order", order, stamp)
    return order


def _seed_extras(s: Seed, stages: dict[str, int], sources: list[int]) -> None:
    """Open and lost opportunities in company 1; a few records of company 2."""
    add = s.add
    partners = sorted(p for p in s.tables["res.partner"] if p > PARTNER_OFFSET)[:6]
    team = next(iter(s.teams.values()), None)
    for i, (stage, active, probability) in enumerate((
        ("Nuevo", True, 10.0), ("Prueba de manejo", True, 30.0), ("Negociación", True, 60.0),
        ("Nuevo", True, 10.0), ("Nuevo", False, 0.0), ("Negociación", False, 0.0),
    )):
        add("crm.lead", name=f"Interesado {i + 1}", type="opportunity",
            partner_id=partners[i % len(partners)] if partners else None, stage_id=stages[stage],
            probability=probability, expected_revenue=120_000_000.0 + i * 1_000_000,
            source_id=sources[i % len(sources)], team_id=team, user_id=USER_ID, active=active,
            company_id=1, x_vin=None if i else "9BWZZZ377VT004251")
    # Company 2: a used-car business in the same database.
    nit = "901234567"
    company_a = add("res.partner", name="Transportes del Valle S.A.S.", is_company=True,
                    type="contact", vat=nit + nit_check_digit(nit),  # written without the dash
                    l10n_latam_identification_type_id=4, country_id=COLOMBIA, company_id=2,
                    customer_rank=1, supplier_rank=0, active=True, lang="es_CO")
    company_b = add("res.partner", name="Pedro Pablo Gómez de la Rosa", is_company=False,
                    type="contact", vat="N/A", l10n_latam_identification_type_id=5,
                    mobile="+57 315 4443322", city="Medellín", country_id=COLOMBIA, company_id=2,
                    customer_rank=1, supplier_rank=0, active=True, lang="es_CO")
    journal = add("account.journal", name="Facturas usados", code="FU", type="sale", company_id=2)
    bank = add("account.journal", name="Bancos usados", code="BU", type="bank", company_id=2)
    move = add("account.move", name="FU-1", move_type="out_invoice", state="posted",
               partner_id=company_a, invoice_date="2026-03-02", date="2026-03-02",
               amount_total=45_000_000.0, amount_residual=0.0, payment_state="paid",
               journal_id=journal, company_id=2, currency_id=COP)
    add("account.payment", name="RU-0001", amount=45_000_000.0, date="2026-03-03",
        partner_id=company_a, payment_type="inbound", partner_type="customer", state="posted",
        journal_id=bank, currency_id=COP, company_id=2, reconciled_invoice_ids=[move])
    wh = add("stock.warehouse", name="Usados Bogotá", code="USA", company_id=2, active=True)
    location = add("stock.location", name="Existencias", complete_name="USA/Existencias",
                   usage="internal", warehouse_id=wh, company_id=2, active=True)
    category = add("product.category", name="RENAULT", complete_name="Vehículos / RENAULT")
    product = add("product.product", name="RENAULT DUSTER", categ_id=category,
                  lst_price=62_000_000.0, tracking="serial", active=True, company_id=2)
    unit(s, "9FBHSRAJBGM000123", product, location, "2026-02-01 15:00:00", reserved=False,
          stamp=s.stamp, company=2)
    add("crm.lead", name="Duster usada", type="opportunity", partner_id=company_b,
        stage_id=stages["Negociación"], probability=50.0, expected_revenue=60_000_000.0,
        user_id=USER_ID, active=True, company_id=2)


def latest_stamp(tables: Mapping[str, Mapping[int, Record]]) -> datetime:
    stamps = [rec["write_date"] for table in tables.values() for rec in table.values()
              if rec.get("write_date")]
    return datetime.fromisoformat(max(stamps)) + timedelta(minutes=1)


__all__ = ["Catalog", "Seed", "build", "latest_stamp", "sale", "seed_branch", "unit"]
