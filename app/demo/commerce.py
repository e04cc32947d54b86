"""Demo vehicles, deals, invoices, receipts and CRM payments, with their seeded mismatches.

Same approach as ``people.py``: the truth first (a unit on the lot, a payment received), then
what each system recorded of it under a scenario, with every seeded finding tallied in
``truth``.
"""

from __future__ import annotations

import calendar
import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.demo.people import Person, pick_scenario, stamp
from app.demo.systems import CRM_DEAL_STAGE, CRM_VEHICLE_STATUS, ERP_VEHICLE_STATUS
from app.demo.world import (
    BRANCHES,
    CATALOGUE,
    COLORS,
    LEAD_SOURCES,
    PAYMENT_METHODS,
    SALESPEOPLE,
    YEAR_CODES,
    Branch,
    CarModel,
)
from app.domain.values import normalize_doc_number, vin_check_digit
from app.insights.model import DEFAULT_SLOW_DAYS as SLOW_DAYS

BRANCH_BY_CODE = {b.code: b for b in BRANCHES}

VEHICLE_SCENARIOS = (
    ("erp_only", 30),
    ("crm_only", 15),
    ("crm_vin_typo", 10),
    ("sold_in_crm_available_in_erp", 30),
    ("reserved_for_other_customer", 15),
    ("branch_differs", 40),
    ("crm_duplicate", 5),
)
PAYMENT_SCENARIOS = (
    ("erp_only", 35),
    ("crm_only", 30),
    ("amount_differs", 20),
    ("date_differs", 30),
    ("customer_differs", 10),
    ("crm_duplicate", 5),
    ("blank_receipt", 80),
)


@dataclass(slots=True)
class Unit:
    vin: str
    car: CarModel
    year: int
    color: str
    branch: str
    price: Decimal
    status: str  # the ERP's, once rendered
    buyer: Person | None
    delivered_on: date | None
    deal_id: str | None = None
    sold_on: date | None = None  # the day the sale closed and was invoiced (sold, delivered)
    erp_vin: str | None = None  # the VIN the ERP holds (None: the ERP has no such unit)


def salesperson(branch: str, deal_id: str) -> str:
    """The branch's salesperson who owns ``deal_id``: fixed by the deal's id, never drawn from
    the demo's random streams (so adding it changed no other figure of the demo)."""
    people = SALESPEOPLE[branch]
    return people[int(hashlib.sha256(deal_id.encode()).hexdigest(), 16) % len(people)]


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (a 29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class CommerceRenderer:
    """Renders units, deals, invoices and receipts.

    ``rng`` draws what the reconciliation sees, ``life`` what only the insights read (the day
    a unit came into stock or was delivered, when a deal came in): two streams, so the
    reconciled content stays as it was when the insights' data was added.
    """

    def __init__(self, rng: random.Random, today: date, truth: Counter[str],
                 life: random.Random | None = None) -> None:
        self.rng = rng
        self.life = life or random.Random(f"{today}:life")
        self.today = today
        self.truth = truth
        self.units: list[Unit] = []
        self.crm_vehicles: list[dict[str, object]] = []
        self.erp_stock: list[dict[str, object]] = []
        self.crm_deals: list[dict[str, object]] = []
        self.erp_invoices: list[dict[str, object]] = []
        self.erp_receipts: list[dict[str, object]] = []
        self.crm_payments: list[dict[str, object]] = []
        self._vins: set[str] = set()
        self._invoice_no = {b.code: 10_000 + 500 * i for i, b in enumerate(BRANCHES)}
        self._receipt_no = 4_000

    # --- vehicles --------------------------------------------------------------------------
    def vin(self, car: CarModel, year: int) -> str:
        """A VIN of valid shape. Non-North-American plants often skip the check digit."""
        while True:
            serial = f"{self.rng.randint(0, 999_999):06d}"
            plant = self.rng.choice("ABCGHJKLMNPRSTUVWXYZ0123456789")
            body = car.wmi + car.vds + "0" + YEAR_CODES[year] + plant + serial
            north_american = car.wmi[0] in "12345"
            if north_american or self.rng.random() < 0.7:
                check = vin_check_digit(body)
            else:
                check = self.rng.choice("0123456789")  # whatever the plant stamped
            vin = body[:8] + check + body[9:]
            if vin not in self._vins:
                self._vins.add(vin)
                return vin

    def unit(self, people: list[Person]) -> Unit:
        rng = self.rng
        car = rng.choice(CATALOGUE)
        year = rng.choices((2025, 2026, 2027), weights=(2, 6, 2))[0]
        branch = rng.choices([b.code for b in BRANCHES], weights=(45, 30, 25))[0]
        low, high = car.price_millions
        price = Decimal(rng.randint(low * 10, high * 10)) * 100_000
        status = rng.choices(
            ("available", "reserved", "sold", "delivered", "in_transit", "demo"),
            weights=(42, 10, 15, 23, 7, 3),
        )[0]
        buyer = rng.choice(people) if status in ("reserved", "sold", "delivered") else None
        delivered = (
            self.today - timedelta(days=rng.randint(3, 420)) if status == "delivered" else None
        )
        sold_on = None
        if delivered is not None:
            # Deliveries reach six years back: anniversaries, SOAT renewals, cars to replace.
            delivered = self.delivery_day()
            year = self.model_year(delivered)
            sold_on = delivered - timedelta(days=self.life.randint(3, 20))
        elif status == "sold":
            sold_on = self.today - timedelta(days=self.life.randint(2, 25))
        return Unit(self.vin(car, year), car, year, rng.choice(COLORS), branch, price,
                    status, buyer, delivered, sold_on=sold_on)

    def delivery_day(self) -> date:
        """About a third of the deliveries in the last year, the rest one to six years back."""
        life = self.life
        days = life.randint(3, 365) if life.random() < 0.3 else life.randint(366, 6 * 365 - 10)
        return self.today - timedelta(days=days)

    def model_year(self, delivered: date) -> int:
        """A unit delivered in the second half of a year is often next year's model."""
        ahead = delivered.month >= 7 and self.life.random() < 0.5
        return min(max(YEAR_CODES), delivered.year + ahead)

    def _typo(self, vin: str) -> str:
        if "0" in vin and self.rng.random() < 0.6:
            return vin.replace("0", "O", 1)  # the classic: letter O for zero
        i = self.rng.randrange(3, 17)
        return vin[:i] + vin[i + 1:]  # a character dropped

    def render_unit(self, u: Unit, crm_doc: dict[int, str | None], people: list[Person]) -> None:
        scenario = pick_scenario(self.rng, VEHICLE_SCENARIOS)
        rng = self.rng
        crm_buyer: Person | None
        if scenario == "sold_in_crm_available_in_erp":
            # The sale was closed on the floor; the ERP never reserved the VIN.
            u.status, u.buyer = "available", None
            crm_status, crm_buyer = "sold", rng.choice(people)
        elif scenario == "reserved_for_other_customer":
            if u.buyer is None:
                u.status, u.buyer = "reserved", rng.choice(people)
            crm_status = "sold"
            crm_buyer = rng.choice([p for p in people[:60] if p is not u.buyer])
        else:
            crm_status, crm_buyer = u.status, u.buyer
        if scenario == "erp_only":
            u.status, u.buyer, crm_status, crm_buyer = "in_transit", None, "in_transit", None
        if u.status not in ("sold", "delivered"):
            u.sold_on = None
        if u.status != "delivered":
            u.delivered_on = None  # the scenario took the unit back from its buyer
        crm_branch = u.branch
        if scenario == "branch_differs":
            crm_branch = rng.choice([b.code for b in BRANCHES if b.code != u.branch])
        deals_before = len(self.crm_deals)
        if crm_buyer is not None:
            u.deal_id = self.deal(crm_buyer, u, "sold", crm_doc)
        elif u.status == "available" and rng.random() < 0.3:
            self.deal(rng.choice(people), u,
                      rng.choice(("lead", "test_drive", "negotiation", "lost")), crm_doc)

        # A North-American VIN misread at reception and typed the same into both systems.
        north_american_bad = scenario == "clean" and u.car.wmi[0] in "12345" and rng.random() < 0.15
        vin = u.vin
        if north_american_bad:
            vin = u.vin[:8] + self._wrong_check(u.vin) + u.vin[9:]
            self.truth["vehicles.invalid_vin"] += 1  # one finding naming both records
            for deal in self.crm_deals[deals_before:]:
                deal["vin"] = vin  # the salesperson copied it from the system
        crm_vin = self._typo(vin) if scenario == "crm_vin_typo" else vin

        if scenario != "erp_only":
            buyer_doc = crm_doc.get(crm_buyer.idx) if crm_buyer else None
            self.crm_vehicle(u, crm_vin, crm_status, crm_branch, buyer_doc,
                             copies=2 if scenario == "crm_duplicate" else 1)
        if scenario != "crm_only":
            self.erp_vehicle(u, vin)
        self.units.append(u)
        tally = {
            "erp_only": ["only_in_erp"],
            "crm_only": ["only_in_crm"],
            "crm_vin_typo": ["only_in_crm", "only_in_erp", "invalid_vin"],
            "sold_in_crm_available_in_erp": ["sold_in_crm_available_in_erp"],
            "reserved_for_other_customer": ["reserved_for_other_customer"],
            "branch_differs": ["branch_differs"],
            "crm_duplicate": ["duplicate_key"],
        }.get(scenario, [])
        for kind in tally:
            self.truth["vehicles." + kind] += 1

    def crm_vehicle(self, u: Unit, vin: str, status: str, branch: str, buyer_doc: str | None,
                    copies: int = 1) -> None:
        """The CRM's record(s) of a unit (a duplicate entry carries no deal)."""
        for copy in range(copies):
            self.crm_vehicles.append({
                "id": f"V-{len(self.crm_vehicles) + 1:05d}",
                "vin": vin if self.rng.random() < 0.9 else vin.lower(),
                "marca": u.car.make, "linea": u.car.model, "modelo": u.year,
                "color": u.color, "estado": CRM_VEHICLE_STATUS[status],
                "sede": BRANCH_BY_CODE[branch].name,
                "documento_cliente": buyer_doc,
                "negocio_id": u.deal_id if copy == 0 else None,
                "precio": str(u.price),
                "actualizado": stamp(self._moment()),
            })

    def erp_vehicle(self, u: Unit, vin: str) -> None:
        """The ERP's stock record of a unit, with the day it came in (none in transit)."""
        u.erp_vin = vin
        received = self.received_day(u)
        self.erp_stock.append({
            "id": len(self.erp_stock) + 1,
            "vin": vin, "marca": u.car.make.upper(), "linea": u.car.model.upper(),
            "anio": u.year, "color": u.color.upper(),
            "estado": ERP_VEHICLE_STATUS[u.status],
            "sede_id": BRANCH_BY_CODE[u.branch].erp_id,
            "tercero_id": None,  # filled by the generator once ERP ids are known
            "_buyer_doc": u.buyer.doc if u.buyer else None,
            "precio": str(u.price),
            "fecha_entrega": u.delivered_on.isoformat() if u.delivered_on else None,
            "modificado": stamp(self._moment()),
            "fecha_ingreso": received.isoformat() if received else None,
        })

    def received_day(self, u: Unit) -> date | None:
        """When the unit entered stock: about one available unit in nine has waited more than
        :data:`SLOW_DAYS` (the slow movers), the others far less; none in transit."""
        life, today = self.life, self.today
        if u.status == "in_transit":
            return None
        if u.sold_on is not None:
            return u.sold_on - timedelta(days=life.randint(5, 100))
        if u.status == "available":
            slow = life.random() < 0.11
            days = life.randint(SLOW_DAYS + 10, 420) if slow else life.randint(2, SLOW_DAYS - 10)
        elif u.status == "reserved":
            days = life.randint(5, 120)
        else:  # demo units serve the showroom for months
            days = life.randint(60, 300)
        return today - timedelta(days=days)

    def _wrong_check(self, vin: str) -> str:
        right = vin[8]
        return next(c for c in "0123456789X" if c != right)

    def _moment(self) -> datetime:
        return datetime.combine(self.today, time(8)) - timedelta(
            minutes=self.rng.randint(0, 200 * 24 * 60)
        )

    def deal(self, buyer: Person, u: Unit, stage: str, crm_doc: dict[int, str | None]) -> str:
        closed = self.today - timedelta(days=self.rng.randint(1, 400)) if stage in (
            "sold", "lost") else None
        if stage == "sold" and u.sold_on is not None and buyer is u.buyer:
            closed = u.sold_on  # the ERP invoiced the sale the day it closed
        return self.add_deal(buyer, stage, u.vin, u.price, self.rng.choice(LEAD_SOURCES),
                             u.branch, closed, self._moment())

    def add_deal(self, buyer: Person, stage: str, vin: str | None, amount: Decimal, source: str,
                 branch: str, closed: date | None, moment: datetime) -> str:
        """A CRM deal; it came in (``creado``) weeks before it closed, and a closed deal was
        last touched when it closed."""
        life = self.life
        if closed is not None:
            created = closed - timedelta(days=life.randint(3, 75))
            moment = datetime.combine(closed, time(life.randint(8, 18), life.randint(0, 59)))
        else:
            created = min(moment.date(), self.today) - timedelta(days=life.randint(0, 60))
        deal_id = f"N-{len(self.crm_deals) + 1:05d}"
        self.crm_deals.append({
            "id": deal_id,
            "contacto_id": f"C-{buyer.idx:05d}",
            "etapa": CRM_DEAL_STAGE[stage],
            "vin": vin,
            "valor": str(amount),
            "origen": source,
            "sede": BRANCH_BY_CODE[branch].name,
            "fecha_cierre": closed.isoformat() if closed else None,
            "actualizado": stamp(moment),
            "creado": created.isoformat(),
            "asesor": salesperson(branch, deal_id),
        })
        return deal_id

    # --- invoices, receipts, CRM payments --------------------------------------------------
    def _amount(self) -> Decimal:
        concept = self.rng.random()
        if concept < 0.25:  # separación / anticipo
            value = Decimal(self.rng.randint(10, 100)) * 100_000
        elif concept < 0.45:  # cuota inicial
            value = Decimal(self.rng.randint(10, 80)) * 1_000_000
        elif concept < 0.6:  # matrícula + SOAT
            value = Decimal(self.rng.randint(1_150_000, 2_600_000))
        elif concept < 0.8:  # accesorios / taller
            value = Decimal(self.rng.randint(180_000, 6_500_000))
        else:  # saldo del vehículo
            value = Decimal(self.rng.randint(25, 180)) * 1_000_000
        if self.rng.random() < 0.05:
            value += Decimal("0.50")  # card fees leave cents
        return value

    def invoice(self, p: Person, erp_tercero: int, crm_doc: str | None, in_crm: bool) -> None:
        """An invoice with one or two receipts; the CRM records the payments it knows of."""
        branch = BRANCH_BY_CODE[p.branch]
        issued = self.today - timedelta(days=self.rng.randint(1, 350))
        parts = [self._amount()]
        if self.rng.random() < 0.15:  # anticipo + saldo
            parts.append(self._amount())
        total = sum(parts, Decimal(0))
        invoice_id, invoice = self.invoice_row(branch, erp_tercero, p.doc, issued, total)
        # Payments the two systems split differently: found as a group, never a finding.
        keyed = in_crm and crm_doc is not None and normalize_doc_number(crm_doc) == p.doc
        roll = self.rng.random()
        if keyed and len(parts) == 2 and roll < 0.25:
            # Two receipts in the ERP; the salesperson wrote one payment for the total.
            paid = [self._receipt(p, branch, invoice_id, invoice, a, issued, erp_tercero,
                                  crm_doc, single=False, in_crm=True, erp_only=True)
                    for a in parts]
            self._crm_payment(crm_doc, None, invoice, total, max(paid), "Transferencia", branch)
            return
        if keyed and len(parts) == 1 and roll < 0.03:
            # One receipt in the ERP; the CRM logged the two card payments that made it.
            paid_on = self._receipt(p, branch, invoice_id, invoice, total, issued, erp_tercero,
                                    crm_doc, single=True, in_crm=True, erp_only=True)
            first = (total * Decimal("0.4")).quantize(Decimal(1))
            for amount in (first, total - first):
                self._crm_payment(crm_doc, None, invoice, amount, paid_on, "Tarjeta de crédito",
                                  branch)
            return
        for amount in parts:
            self._receipt(p, branch, invoice_id, invoice, amount, issued, erp_tercero, crm_doc,
                          single=len(parts) == 1, in_crm=in_crm)

    def invoice_row(self, branch: Branch, tercero: int, doc: str, issued: date,
                    total: Decimal, vin: str | None = None,
                    status: str = "VALIDADA DIAN") -> tuple[int, str]:
        """An ERP invoice with the branch's next number and its CUFE; (id, "FEB-10023")."""
        self._invoice_no[branch.code] += 1
        number = self._invoice_no[branch.code]
        invoice_id = len(self.erp_invoices) + 1
        cufe = hashlib.sha384(f"{branch.invoice_prefix}{number}{total}{doc}".encode()).hexdigest()
        self.erp_invoices.append({
            "id": invoice_id, "prefijo": branch.invoice_prefix, "numero": number, "cufe": cufe,
            "tercero_id": tercero, "sede_id": branch.erp_id, "fecha": issued.isoformat(),
            "total": str(total), "estado": status, "vin": vin,
            "modificado": stamp(datetime.combine(issued, time(16))),
        })
        return invoice_id, f"{branch.invoice_prefix}-{number}"

    def _crm_payment(self, doc: str | None, receipt: str | None, invoice: str, amount: Decimal,
                     paid: date, method: str, branch: Branch) -> None:
        self.crm_payments.append({
            "id": f"P-{len(self.crm_payments) + 1:06d}",
            "documento_cliente": doc, "recibo": receipt,
            "factura": invoice if self.rng.random() < 0.9 else invoice.replace("-", ""),
            "valor": str(amount), "fecha": paid.isoformat(), "medio": method,
            "sede": branch.name, "negocio_id": None,
            "actualizado": stamp(datetime.combine(paid, time(11))),
        })

    def _erp_receipt(self, number: str, invoice_id: int, tercero: int, amount: Decimal,
                     paid: date, method: str) -> None:
        self.erp_receipts.append({
            "id": len(self.erp_receipts) + 1, "numero": number, "factura_id": invoice_id,
            "tercero_id": tercero, "valor": str(amount), "fecha": paid.isoformat(),
            "medio": method, "modificado": stamp(datetime.combine(paid, time(17))),
        })

    def sale_receipt(self, p: Person, branch: Branch, invoice_id: int, invoice: str,
                     amount: Decimal, paid: date, method: str, tercero: int,
                     crm_doc: str | None) -> None:
        """A receipt of a vehicle sale, which the salesperson records as it is (receipt,
        invoice, amount, day, customer): no finding — unless the buyer is not in the CRM,
        whose receipts the CRM never sees (tallied)."""
        self._receipt_no += 1
        number = f"RC-{self._receipt_no:06d}"
        self._erp_receipt(number, invoice_id, tercero, amount, paid, method)
        if crm_doc is None:
            self.truth["payments.erp_receipt_without_crm_payment"] += 1
            return
        self._crm_payment(crm_doc, number, invoice, amount, paid, method, branch)
        if normalize_doc_number(crm_doc) != p.doc:  # the CRM holds a mistyped document
            self.truth["payments.customer_differs"] += 1

    def _receipt(self, p: Person, branch: Branch, invoice_id: int, invoice: str,
                 amount: Decimal, issued: date, tercero: int, crm_doc: str | None,
                 single: bool, in_crm: bool, erp_only: bool = False) -> date:
        """Write an ERP receipt and, by a seeded scenario, the CRM's record of it.

        ``erp_only`` writes the receipt alone (its CRM side is written by the caller).
        Returns the payment date.
        """
        rng = self.rng
        self._receipt_no += 1
        number = f"RC-{self._receipt_no:06d}"
        paid = issued + timedelta(days=rng.randint(0, 20))
        method = rng.choice(PAYMENT_METHODS)
        if erp_only:
            scenario = "erp_only"
        else:
            scenario = pick_scenario(rng, PAYMENT_SCENARIOS) if in_crm else "erp_only"
        if scenario == "blank_receipt" and not single:
            scenario = "clean"
        if scenario in ("customer_differs", "amount_differs", "date_differs") and crm_doc is None:
            scenario = "clean"  # the CRM cannot name the customer; keep the finding unambiguous
        if scenario != "crm_only":
            self._erp_receipt(number, invoice_id, tercero, amount, paid, method)
        if erp_only:
            return paid
        if scenario == "erp_only":
            self.truth["payments.erp_receipt_without_crm_payment"] += 1
            return paid
        crm_amount, crm_paid, doc = amount, paid, crm_doc
        receipt: str | None = number
        if scenario == "amount_differs":
            crm_amount = self._wrong_amount(amount)
        elif scenario == "date_differs":
            crm_paid = paid + timedelta(days=rng.choice((-12, -5, -3, -2, 2, 3, 7, 15)))
        elif scenario == "customer_differs":
            doc = str(int(p.doc) + rng.randint(1, 999))  # a relative who paid, say
        elif scenario == "blank_receipt":
            receipt = None
        elif scenario == "crm_only":
            self._receipt_no += 1  # the number the cashier gave; the ERP never recorded it
            receipt = f"RC-{self._receipt_no:06d}"
        if receipt and rng.random() < 0.1:
            receipt = receipt.replace("RC-", "RC ").replace(" 00", " ")
        copies = 2 if scenario == "crm_duplicate" else 1
        for _ in range(copies):
            self._crm_payment(doc, receipt, invoice, crm_amount, crm_paid, method, branch)
        linked = scenario not in ("crm_only", "crm_duplicate")
        if linked and scenario != "customer_differs" and crm_doc is not None:
            if normalize_doc_number(crm_doc) != p.doc:  # the CRM holds a mistyped document
                self.truth["payments.customer_differs"] += 1
        kind = {
            "crm_only": "crm_payment_without_receipt",
            "amount_differs": "amount_differs",
            "date_differs": "date_differs",
            "customer_differs": "customer_differs",
            "crm_duplicate": "duplicate_key",
        }.get(scenario)
        if kind:
            self.truth["payments." + kind] += 1
        return paid

    def _wrong_amount(self, amount: Decimal) -> Decimal:
        how = self.rng.random()
        if how < 0.4:
            return (amount / 10).quantize(Decimal(1))  # a zero missing
        if how < 0.7:
            return amount - Decimal(self.rng.choice((50_000, 100_000, 1_000_000)))
        return amount + Decimal(self.rng.randint(1, 9)) * 10_000

