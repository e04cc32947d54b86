"""What happens to a demo vehicle after the sale, and the cases the insights must get right.

Runs after the units, deals and everyday invoices are drawn (``app/demo/commerce.py``):

- every unit the ERP sold or delivered gets its sale invoice, carrying the VIN, paid by
  receipts the CRM records cleanly (in full for most, partly for some; one invoice annulled
  and issued again, one annulled and not yet replaced);
- every delivered unit gets its current SOAT, most an insurance policy (todo riesgo), many a
  loan, and workshop visits with odometer readings (some never came back);
- the sales floor's follow-ups in the CRM (``seguimientos``): some cover what is due, some
  were cancelled, some are old or about something else;
- planted units, one per case the follow-ups must tell apart (an anniversary due and one
  already followed up, a first service estimated from the delivery date and one a reading
  moves, a SOAT or insurance renewal covered or not, a customer without consent, with a
  claim, not in the CRM);
- eight customers planted as obvious renewals (a car three to five years old, the loan ending
  this month or next, three or more workshop visits in two years, contacted lately);
- deals for the CRM's leads, most of which never buy: the funnel's top.

Draws come from the ``life`` stream (``CommerceRenderer.life``), except the rows the
reconciliation compares (VINs, CRM vehicles and payments), which continue the main stream
after everything it drew before — so the reconciled content and its seeded findings stay
exact (:meth:`CommerceRenderer.sale_receipt`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.demo.commerce import BRANCH_BY_CODE, CommerceRenderer, Unit, add_months, add_years
from app.demo.known import ErpRows, due_items, first_service_days
from app.demo.people import CustomerRenderer, Person, stamp
from app.demo.systems import (
    CRM_FOLLOWUP_KIND,
    CRM_FOLLOWUP_STATUS,
    ERP_CONTRACT_KIND,
    ERP_SERVICE_KIND,
)
from app.demo.world import CATALOGUE, COLORS, FOLLOWUP_NOTES, INSURERS, LEAD_SOURCES, LENDERS, SOAT_INSURERS
from app.insights.model import FIRST_SERVICE_KM

_DAY = timedelta(days=1)
#: Planted customers who obviously renew, and how many of them.
RENEWALS = 8
#: A loan of an unplanted unit never ends this close to today: the renewals stand out.
_QUIET_LOANS = (-60, 120)
_LEAD_SOURCE_WEIGHTS = (22, 18, 14, 16, 12, 8, 4, 6)  # LEAD_SOURCES order


@dataclass(frozen=True, slots=True)
class Plant:
    """One planted unit: whose it is ("ok", "no_consent", "claim", "not_in_crm") and when it
    was delivered."""

    name: str
    who: str
    delivered: date


class AfterSale:
    """The after-sale rows of both systems: :meth:`plant`, then (once the ERP's stock names
    its customers by id) :meth:`run`; the rows are in ``workshop``, ``contracts`` and
    ``followups``, and in the commerce renderer's lists."""

    def __init__(self, commerce: CommerceRenderer, people: CustomerRenderer,
                 persons: list[tuple[Person, str]], leads: list[Person],
                 sellable: set[str]) -> None:
        self.c = commerce
        self.people = people
        self.life = commerce.life
        self.today = commerce.today
        self.persons = persons
        self.leads = leads
        self.sellable = sellable
        self.workshop: list[dict[str, object]] = []
        self.contracts: list[dict[str, object]] = []
        self.followups: list[dict[str, object]] = []
        self.planted: dict[str, Unit] = {}
        self.renewal: list[Unit] = []
        self.loans: dict[str, int] = {}  # ERP VIN → months of an ordinary unit's loan
        self.renewal_loans: dict[str, date] = {}  # ERP VIN → the day a renewal's loan ends
        self._used: set[str] = set()  # documents of planted buyers
        self._pools: dict[str, list[Person]] = {}  # who → the people who fit
        self._designed: set[str] = set()  # ERP VINs of the planted units and renewals

    # --- planted units ---------------------------------------------------------------------

    def plans(self) -> list[Plant]:
        t = self.today

        def days(n: int) -> date:
            return t + timedelta(days=n)

        return [
            Plant("anniversary", "ok", add_years(days(9), -2)),
            Plant("anniversary_covered", "ok", add_years(days(15), -1)),
            Plant("anniversary_cancelled", "ok", add_years(days(21), -3)),
            Plant("first_service_estimated", "ok", days(-110)),
            Plant("first_service_reading_in", "ok", days(-60)),
            Plant("first_service_reading_out", "ok", days(-100)),
            Plant("first_service_covered", "ok", days(-115)),
            Plant("soat_covered", "ok", add_years(days(19), -4)),
            Plant("insurance", "ok", add_years(days(-170), -1)),
            Plant("insurance_covered", "ok", add_years(days(-200), -2)),
            Plant("insurance_far_followup", "ok", add_years(days(-230), -1)),
            Plant("no_consent", "no_consent", add_years(days(4), -1)),
            Plant("claim", "claim", add_years(days(11), -2)),
            Plant("not_in_crm", "not_in_crm", add_years(days(26), -3)),
        ]

    def _buyer(self, who: str) -> Person | None:
        """A person for a planted unit, never one already planted: "ok" — in both systems,
        with dated consent and no claim; "no_consent", "claim"; "not_in_crm" — in the ERP
        only."""
        if not self._pools:
            for p, scenario in self.persons:
                if scenario == "erp_only" and not p.claim:
                    self._pools.setdefault("not_in_crm", []).append(p)
                elif scenario not in self.sellable:
                    continue
                elif p.claim:
                    self._pools.setdefault("claim", []).append(p)
                elif not p.consent:
                    self._pools.setdefault("no_consent", []).append(p)
                elif p.consent_date is not None:
                    self._pools.setdefault("ok", []).append(p)
        pool = [p for p in self._pools.get(who, []) if p.doc not in self._used]
        if not pool:
            return None
        buyer = self.life.choice(pool)
        self._used.add(buyer.doc)
        return buyer

    def _plant_unit(self, buyer: Person, delivered: date, sold_on: date) -> Unit:
        c, life = self.c, self.life
        car = life.choice(CATALOGUE)
        year = c.model_year(delivered)
        low, high = car.price_millions
        u = Unit(c.vin(car, year), car, year, life.choice(COLORS), buyer.branch,
                 Decimal(life.randint(low * 10, high * 10)) * 100_000, "delivered", buyer,
                 delivered, sold_on=sold_on)
        crm_doc = self.people.crm_doc_of.get(buyer.idx)
        if buyer.idx in self.people.crm_doc_of:
            u.deal_id = c.add_deal(buyer, "sold", u.vin, u.price, self._source(), u.branch,
                                   sold_on, datetime.combine(sold_on, time(12)))
        c.crm_vehicle(u, u.vin, "delivered", u.branch, crm_doc)
        c.erp_vehicle(u, u.vin)
        c.units.append(u)
        self._designed.add(u.vin)
        return u

    def _drawn(self, u: Unit) -> bool:
        """An ordinary unit: its after-sale life is drawn, not designed."""
        return u.erp_vin not in self._designed

    def plant(self) -> None:
        """The planted units and renewals (before the sales are invoiced)."""
        life = self.life
        for plan in self.plans():
            buyer = self._buyer(plan.who)
            if buyer is not None:
                sold_on = plan.delivered - timedelta(days=life.randint(3, 12))
                self.planted[plan.name] = self._plant_unit(buyer, plan.delivered, sold_on)
        last = date(self.today.year + (self.today.month == 12), self.today.month % 12 + 1, 28)
        for _ in range(RENEWALS):
            buyer = self._buyer("ok")
            if buyer is None:
                break
            loan_ends = min(last, self.today + timedelta(days=life.randint(3, 38)))
            sold_on = add_months(loan_ends, -life.choice((48, 60)))
            delivered = sold_on + timedelta(days=life.randint(2, 8))
            u = self._plant_unit(buyer, delivered, sold_on)
            self.renewal.append(u)
            self.renewal_loans[u.erp_vin or ""] = loan_ends

    # --- the sale: invoices and receipts ---------------------------------------------------

    def sell(self, financed: set[str]) -> None:
        """One invoice per unit the ERP sold or delivered, paid by its receipts."""
        life = self.life
        sold = [u for u in self.c.units
                if u.erp_vin and u.status in ("sold", "delivered") and u.buyer and u.sold_on]
        ordinary = [u for u in sold if self._drawn(u)]
        reissued = life.choice([u for u in ordinary if u.status == "delivered"])
        annulled = life.choice([u for u in ordinary if u.status == "sold"])
        for u in sold:
            assert u.buyer is not None and u.sold_on is not None and u.erp_vin is not None
            branch = BRANCH_BY_CODE[u.branch]
            tercero = self.people.erp_id_of[u.buyer.doc]
            if u is annulled or u is reissued:
                # Issued with a mistake and annulled (DIAN: never edited, annulled).
                self.c.invoice_row(branch, tercero, u.buyer.doc, u.sold_on, u.price,
                                   u.erp_vin, "ANULADA")
                if u is annulled:
                    continue  # the new invoice is not issued yet: not a sale so far
            issued = u.sold_on + (_DAY if u is reissued else timedelta(0))
            invoice_id, invoice = self.c.invoice_row(branch, tercero, u.buyer.doc, issued,
                                                     u.price, u.erp_vin)
            for amount, paid, method in self._payments(u, issued, u.erp_vin in financed):
                self.c.sale_receipt(u.buyer, branch, invoice_id, invoice, amount, paid, method,
                                    tercero, self.people.crm_doc_of.get(u.buyer.idx))

    def _payments(self, u: Unit, issued: date,
                  loan: bool) -> list[tuple[Decimal, date, str]]:
        """The receipts of a sale: a down payment and the lender's disbursement, or one or
        two payments; a balance still owed for some (most of the units not yet delivered)."""
        life = self.life
        # Whole hundreds of thousands, written as plain digits ("22500000").
        down = Decimal(int(u.price * Decimal(life.randint(20, 40)) / 100) // 100_000 * 100_000)
        first_method = life.choice(("Transferencia", "Consignación", "Tarjeta de crédito"))
        later = min(self.today, issued + timedelta(days=life.randint(1, 8)))
        if loan:
            parts = [(down, issued, first_method),
                     (u.price - down, later, "Desembolso financiera")]
        elif life.random() < 0.5:
            parts = [(u.price, issued, "Transferencia")]
        else:
            parts = [(down, issued, first_method), (u.price - down, later, "Transferencia")]
        owed = life.random() < (0.5 if u.status == "sold" else 0.05)
        if owed and len(parts) == 2:
            parts = parts[:1]
        return parts

    # --- contracts and workshop visits -----------------------------------------------------

    def _contract(self, u: Unit, kind: str, provider: str, starts: date, ends: date) -> None:
        assert u.buyer is not None
        self.contracts.append({
            "id": len(self.contracts) + 1, "vin": u.erp_vin,
            "tercero_id": self.people.erp_id_of[u.buyer.doc], "tipo": ERP_CONTRACT_KIND[kind],
            "entidad": provider, "inicio": starts.isoformat(), "fin": ends.isoformat(),
            "modificado": stamp(datetime.combine(min(starts, self.today), time(10))),
        })

    def _yearly(self, u: Unit, kind: str, provider: str, starts: date) -> None:
        """A one-year policy from ``starts`` (the SOAT, an insurance)."""
        self._contract(u, kind, provider, starts, add_years(starts, 1) - _DAY)

    def _current_year(self, delivered: date) -> date:
        """The latest anniversary of the delivery, up to today (the current SOAT's start)."""
        years = self.today.year - delivered.year
        start = add_years(delivered, years)
        return start if start <= self.today else add_years(delivered, years - 1)

    def loan_term(self, u: Unit) -> int | None:
        """A loan's months, never one ending near today (the renewals' mark); None: cash."""
        assert u.sold_on is not None
        terms = [36, 48, 60, 72]
        self.life.shuffle(terms)
        low, high = (self.today + timedelta(days=d) for d in _QUIET_LOANS)
        return next((m for m in terms if not low <= add_months(u.sold_on, m) <= high), None)

    def policies(self, u: Unit, loan: int | None, insured: bool) -> None:
        """The current SOAT, an insurance policy and a loan, as decided."""
        life = self.life
        assert u.delivered_on is not None and u.sold_on is not None
        soat = self._current_year(u.delivered_on)
        self._yearly(u, "soat", life.choice(SOAT_INSURERS), soat)
        if insured:
            # Most renew the policy with the SOAT; some moved it to another month.
            start = soat if life.random() < 0.7 else self.today - timedelta(
                days=life.randint(1, 364))
            self._yearly(u, "insurance", life.choice(INSURERS), start)
        if loan:
            self._contract(u, "financing", life.choice(LENDERS), u.sold_on,
                           add_months(u.sold_on, loan))

    def visit(self, u: Unit, kind: str, day: date, km: int | None) -> None:
        assert u.buyer is not None and u.delivered_on is not None
        if km is not None:
            days = (day - u.delivered_on).days
            # An exact quotient would make the first-service day hang on rounding.
            if days > 0 and first_service_days(days, km) * km == FIRST_SERVICE_KM * days:
                km += 1
        self.workshop.append({
            "id": len(self.workshop) + 1, "vin": u.erp_vin,
            "tercero_id": self.people.erp_id_of[u.buyer.doc], "tipo": ERP_SERVICE_KIND[kind],
            "fecha": day.isoformat(), "kilometraje": km,
            "sede_id": BRANCH_BY_CODE[u.branch if self.life.random() < 0.85 else
                                      self.life.choice(list(BRANCH_BY_CODE))].erp_id,
            "modificado": stamp(datetime.combine(day, time(self.life.randint(8, 17)))),
        })

    def visits(self, u: Unit) -> None:
        """The workshop history: the first service at about 5.000 km for most units older
        than five months, maintenance every six to eleven months after, now and then a
        repair or a warranty claim; none at all for some."""
        life = self.life
        assert u.delivered_on is not None
        age = (self.today - u.delivered_on).days
        if life.random() < 0.12:
            return  # bought here, serviced elsewhere
        rate = life.uniform(25, 60)  # km a day
        if age <= 150:
            if age > 15 and life.random() < 0.3:
                day = life.randint(10, age - 3)
                self.visit(u, life.choice(("warranty", "repair")), u.delivered_on +
                           timedelta(days=day), max(1, int(day * rate)))
            return
        day, km = 0, 0
        if life.random() < 0.9:
            day, km = life.randint(80, 150), life.randint(4300, 5900)
            self.visit(u, "first_service", u.delivered_on + timedelta(days=day), km)
        while True:
            step = life.randint(180, 330)
            if day + step >= age - 2:
                break
            day, km = day + step, km + int(step * rate)
            kind = life.choices(("maintenance", "repair", "warranty"), weights=(80, 14, 6))[0]
            self.visit(u, kind, u.delivered_on + timedelta(days=day),
                       None if life.random() < 0.1 else km)

    def service(self) -> None:
        """Contracts and visits of every delivered unit; the planted ones as planned."""
        life = self.life
        for u in self.c.units:
            if not (u.erp_vin and u.status == "delivered" and u.buyer and u.delivered_on):
                continue
            if not self._drawn(u):
                continue
            self.policies(u, self.loans.get(u.erp_vin), life.random() < 0.6)
            self.visits(u)
        self._planted_service()
        self._renewal_service()

    def _planted_service(self) -> None:
        t, life = self.today, self.life
        insurance_ends = {"insurance": 25, "insurance_covered": 28, "insurance_far_followup": 3}
        for name, u in self.planted.items():
            assert u.delivered_on is not None
            self.policies(u, None, insured=False)
            if name in insurance_ends:
                ends = t + timedelta(days=insurance_ends[name])
                self._contract(u, "insurance", life.choice(INSURERS),
                               add_years(ends + _DAY, -1), ends)
            if name == "first_service_reading_in":
                # 2.450 km in 35 days: 5.000 km within the window, not two months out.
                self.visit(u, "warranty", u.delivered_on + timedelta(days=35), 2450)
            elif name == "first_service_reading_out":
                # 910 km in 50 days: a quiet driver, 5.000 km half a year away.
                self.visit(u, "repair", u.delivered_on + timedelta(days=50), 910)
            elif not name.startswith("first_service"):
                self.visits(u)

    def _renewal_service(self) -> None:
        t, life = self.today, self.life
        for u in self.renewal:
            assert u.delivered_on is not None and u.sold_on is not None
            self.policies(u, None, insured=True)
            self._contract(u, "financing", life.choice(LENDERS), u.sold_on,
                           self.renewal_loans[u.erp_vin or ""])
            self.visit(u, "first_service", u.delivered_on + timedelta(days=life.randint(90, 140)),
                       life.randint(4500, 5600))
            km = 15_000 * (t - u.delivered_on).days // 365 - 30_000
            for back in ((640, 700), (420, 480), (180, 250), (20, 80)):
                km += life.randint(6000, 9000)
                self.visit(u, "maintenance", t - timedelta(days=life.randint(*back)), km)

    # --- follow-ups in the CRM -------------------------------------------------------------

    def followup(self, u: Unit, kind: str, day: date, status: str,
                 note: str | None = None) -> None:
        assert u.buyer is not None
        if u.buyer.idx not in self.people.crm_doc_of:
            return  # the CRM has no contact to hang it on
        life = self.life
        touched = min(self.today, day) - timedelta(days=life.randint(0, 20))
        self.followups.append({
            "id": f"S-{len(self.followups) + 1:05d}", "contacto_id": f"C-{u.buyer.idx:05d}",
            "vin": u.erp_vin, "tipo": CRM_FOLLOWUP_KIND[kind], "fecha": day.isoformat(),
            "estado": CRM_FOLLOWUP_STATUS[status],
            "nota": note or life.choice(FOLLOWUP_NOTES[kind]),
            "actualizado": stamp(datetime.combine(touched, time(life.randint(8, 18)))),
        })

    def follow_up(self, erp: ErpRows) -> None:
        """The sales floor's follow-ups: planted ones first, then about a quarter of what is
        due followed up, a few cancelled, past anniversaries called, some other calls."""
        t, life = self.today, self.life
        p = self.planted
        planted = {
            "anniversary_covered": ("anniversary", 3, "open"),
            "anniversary_cancelled": ("anniversary", 0, "cancelled"),
            "first_service_covered": ("first_service", -2, "open"),
            "soat_covered": ("soat", None, "done"),
            "insurance_covered": ("insurance", -40, "open"),
            "insurance_far_followup": ("insurance", -50, "done"),
        }
        units = {u.erp_vin: u for u in self.c.units if u.erp_vin}
        due = due_items(erp, t)
        by_case = {(d.vin, d.kind): d for d in due}
        for name, (kind, shift, status) in planted.items():
            if name not in p:
                continue
            item = by_case.get((p[name].erp_vin or "", kind))
            assert item is not None, name
            day = t - timedelta(days=6) if shift is None else item.due_on + timedelta(days=shift)
            self.followup(p[name], kind, day, status)
        for item in sorted(due, key=lambda d: (d.vin, d.kind)):
            if item.vin in self._designed:
                continue
            roll = life.random()
            if roll < 0.18:
                self.followup(units[item.vin], item.kind,
                              item.due_on + timedelta(days=life.randint(-7, 7)), "open")
            elif roll < 0.25:  # called early, and done
                self.followup(units[item.vin], item.kind,
                              t - timedelta(days=life.randint(1, 10)), "done")
            elif roll < 0.31:
                self.followup(units[item.vin], item.kind, item.due_on, "cancelled")
        for u in self.c.units:
            if not (u.erp_vin and self._drawn(u) and u.status == "delivered" and u.delivered_on):
                continue
            last = self._current_year(u.delivered_on)
            if last != u.delivered_on and life.random() < 0.25:
                self.followup(u, "anniversary", last, "done")
        for u in self.renewal:
            self.followup(u, "other", t - timedelta(days=life.randint(10, 80)), "done",
                          "Llamada de cortesía: pregunta por el cambio de vehículo")
        delivered = [u for u in self.c.units if u.status == "delivered" and u.erp_vin
                     and self._drawn(u)]
        for _ in range(40):
            u = life.choice(delivered)
            self.followup(u, "other", t + timedelta(days=life.randint(-150, 60)),
                          life.choice(("open", "done", "done", "cancelled")))

    # --- the funnel's top: leads' deals ----------------------------------------------------

    def lead_deals(self) -> None:
        """Deals of the CRM's leads (most never buy) and the renewals' new interest."""
        life, t = self.life, self.today
        for p in self.leads:
            if life.random() < 0.3:
                continue
            stage = life.choices(("lead", "lost", "test_drive", "negotiation"),
                                 weights=(50, 30, 12, 8))[0]
            car = life.choice(CATALOGUE)
            low, high = car.price_millions
            closed = t - timedelta(days=life.randint(1, 300)) if stage == "lost" else None
            moment = datetime.combine(t - timedelta(days=life.randint(0, 90)), time(10))
            self.c.add_deal(p, stage, None, Decimal(life.randint(low, high)) * 1_000_000,
                            self._source(), p.branch, closed, moment)
        for i, u in enumerate(self.renewal):
            if i % 2 or u.buyer is None:
                continue
            car = life.choice(CATALOGUE)
            moment = datetime.combine(t - timedelta(days=life.randint(0, 5)), time(15))
            self.c.add_deal(u.buyer, life.choice(("test_drive", "negotiation")), None,
                            Decimal(car.price_millions[1]) * 1_000_000, self._source(),
                            u.branch, None, moment)

    def _source(self) -> str:
        return self.life.choices(LEAD_SOURCES, weights=_LEAD_SOURCE_WEIGHTS)[0]

    # --- all of it -------------------------------------------------------------------------

    def run(self, erp_rows: ErpRows) -> None:
        """Everything after the planting, in order; ``erp_rows`` are the ERP's rows as they
        are being written (the lists fill as this runs)."""
        for u in self.c.units:
            if u.erp_vin and u.status == "delivered" and u.buyer and u.sold_on \
                    and self._drawn(u) and self.life.random() < 0.4:
                term = self.loan_term(u)
                if term:
                    self.loans[u.erp_vin] = term
        self.sell(set(self.loans) | set(self.renewal_loans))
        self.service()
        self.follow_up(erp_rows)
        self.lead_deals()

    def renewal_docs(self) -> list[str]:
        return [u.buyer.doc for u in self.renewal if u.buyer is not None]

