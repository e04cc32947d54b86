"""Fakes for the window tests: hand-built reports and engine tasks (imported by conftest).

The reports are small but realistic: canonical frames for both systems and the findings the
engine would report on them, with known counts and pesos at stake so a test can assert the
exact text the window shows. The tasks are generators shaped like ``app.progress.Task``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from app.domain.schema import Entity, System, frame
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Duplicate, EntityResult, Link, Mismatch, Report

BOGOTA = "Bogotá - Autopista Norte"
MEDELLIN = "Medellín - El Poblado"
CALI = "Cali - Pasoancho"
STAMP = datetime(2026, 3, 2, 14, 32, tzinfo=UTC)

#: Pesos at stake in ``payments_result``, per kind and in all (what the summary must show):
#: the receipt recorded twice puts one copy's amount at stake; the date-only difference none
#: (its amount is shown apart: issue 15, ``app.reconcile.stake``).
PAYMENTS_STAKE = {
    "crm_payment_without_receipt": Decimal("1200000"),
    "erp_receipt_without_crm_payment": Decimal("250000"),
    "amount_differs": Decimal("34566.50"),  # rounds half-up to $ 34.567
    "duplicate_key": Decimal("90000"),
}
PAYMENTS_TOTAL_TEXT = "$\u00a01.574.567"


def _customer(source_id: str, doc: str, first: str, last: str, **extra: object) -> dict:
    row: dict[str, object] = {
        "source_id": source_id, "doc_type": "CC", "doc_number": doc, "first_names": first,
        "last_names": last, "phone": "3001234567", "email": f"{source_id.lower()}@correo.co",
        "city_code": "11001", "city_name": "Bogotá D.C.", "address": "Calle 100 # 15-20",
        "habeas_data_consent": True, "consent_date": date(2025, 1, 15),
        "consent_channel": "formulario web", "claim_in_progress": False, "is_customer": True,
        "updated_at": STAMP,
    }
    row.update(extra)
    return row


def customers_result() -> EntityResult:
    crm = frame(Entity.CUSTOMERS, [
        _customer("C-001", "79123456", "Juan", "Pérez", phone="3001234567"),
        _customer("C-002", "43555666", "Ana", "Gómez"),
        _customer("C-003", "52111222", "Luz", "Muñoz", phone="3104445566"),
        _customer("C-004", "52111222", "Luz Marina", "Muñoz", phone="3104445566"),
        _customer("C-005", "1020304050", "Pedro", "Ríos", city_code=None, city_name=None),
    ])
    erp = frame(Entity.CUSTOMERS, [
        _customer("E-101", "79123456", "JUAN", "PEREZ GOMEZ", phone="3009999999",
                  email="c-001@correo.co"),
        _customer("E-205", "800191045", None, None, doc_type="NIT", check_digit="1",
                  company_name="Transportes Andinos S.A.S."),
        _customer("E-206", "900123456", None, None, doc_type="NIT", check_digit="3",
                  company_name="Autopartes del Valle Ltda."),
    ])
    return EntityResult(
        entity=Entity.CUSTOMERS,
        links=[Link("C-001", "E-101", "doc_number", "auto", 1.0)],
        duplicates=[Duplicate(System.CRM, "52111222", ("C-003", "C-004"))],
        mismatches=[
            Mismatch("name_differs", "C-001", "E-101", key="79123456", field="name",
                     crm_value="Juan Pérez", erp_value="JUAN PEREZ GOMEZ"),
            Mismatch("phone_differs", "C-001", "E-101", key="79123456", field="phone",
                     crm_value="3001234567", erp_value="3009999999"),
            Mismatch("only_in_crm", "C-002", None, key="43555666", system=System.CRM),
            Mismatch("only_in_erp", None, "E-205", key="800191045", system=System.ERP),
            Mismatch("missing_city", "C-005", None, key="1020304050", field="city_name",
                     system=System.CRM),
            Mismatch("invalid_check_digit", None, "E-206", key="900123456",
                     field="check_digit", erp_value="3", detail="8", system=System.ERP),
        ],
        crm=crm,
        erp=erp,
    )


def _payment(source_id: str, receipt: str, amount: str, paid_on: date, branch: str,
             **extra: object) -> dict:
    row: dict[str, object] = {
        "source_id": source_id, "receipt_number": receipt, "invoice_number": "FV-003-457",
        "cufe": None, "customer_doc": "79123456", "amount": Decimal(amount), "currency": "COP",
        "paid_on": paid_on, "method": "Transferencia", "status": None, "deal_id": "N-1",
        "branch": branch, "updated_at": STAMP,
    }
    row.update(extra)
    return row


def payments_result() -> EntityResult:
    crm = frame(Entity.PAYMENTS, [
        _payment("P-1", "RC-0001", "1234567.00", date(2026, 3, 1), BOGOTA),
        _payment("P-2", "RC-0002", "1200000", date(2026, 3, 2), MEDELLIN),
        _payment("P-4", "RC-0004", "500000", date(2026, 3, 1), CALI),
    ])
    erp = frame(Entity.PAYMENTS, [
        _payment("R-1", "RC-0001", "1200000.50", date(2026, 3, 1), BOGOTA, status="posted",
                 cufe="ab" * 48),
        _payment("R-3", "RC-0003", "250000", date(2026, 3, 5), CALI, status="posted"),
        _payment("R-4", "RC-0004", "500000", date(2026, 3, 4), CALI, status="posted"),
        _payment("R-5", "RC-0005", "90000", date(2026, 3, 6), BOGOTA, status="posted"),
        _payment("R-6", "RC-0005", "90000", date(2026, 3, 6), BOGOTA, status="posted"),
    ])
    stake = PAYMENTS_STAKE
    return EntityResult(
        entity=Entity.PAYMENTS,
        links=[Link("P-1", "R-1", "receipt_number", "auto", 1.0),
               Link("P-4", "R-4", "receipt_number", "auto", 1.0)],
        duplicates=[Duplicate(System.ERP, "RC-0005", ("R-5", "R-6"))],
        mismatches=[
            Mismatch("amount_differs", "P-1", "R-1", key="RC-0001", field="amount",
                     crm_value="1234567.00", erp_value="1200000.50",
                     crm_amount=Decimal("1234567.00"), erp_amount=Decimal("1200000.50"),
                     at_stake=stake["amount_differs"], branch=BOGOTA),
            Mismatch("crm_payment_without_receipt", "P-2", None, key="RC-0002",
                     crm_amount=Decimal("1200000"),
                     at_stake=stake["crm_payment_without_receipt"], branch=MEDELLIN,
                     system=System.CRM),
            Mismatch("erp_receipt_without_crm_payment", None, "R-3", key="RC-0003",
                     erp_amount=Decimal("250000"),
                     at_stake=stake["erp_receipt_without_crm_payment"], branch=CALI,
                     system=System.ERP),
            Mismatch("date_differs", "P-4", "R-4", key="RC-0004", field="paid_on",
                     crm_value="2026-03-01", erp_value="2026-03-04",
                     crm_amount=Decimal("500000"), erp_amount=Decimal("500000"),
                     apart=Decimal("500000"), branch=CALI, detail="3"),
        ],
        crm=crm,
        erp=erp,
    )


def _vehicle(source_id: str, vin: str, status: str, branch: str, **extra: object) -> dict:
    row: dict[str, object] = {
        "source_id": source_id, "vin": vin, "make": "Chevrolet", "model": "Onix",
        "model_year": 2026, "color": "Negro", "status": status, "branch": branch,
        "price": Decimal("68000000"), "customer_doc": None, "deal_id": None,
        "delivered_on": None, "updated_at": STAMP,
    }
    row.update(extra)
    return row


def vehicles_result() -> EntityResult:
    crm = frame(Entity.VEHICLES, [
        _vehicle("V-1", "9GASJ69R2TP075153", "sold", CALI, customer_doc="901878080",
                 deal_id="N-27"),
        _vehicle("V-2", "3N1CP5BV0TM676725", "available", BOGOTA),
        _vehicle("V-3", "1FTER4FH0VW693321", "delivered", BOGOTA),
        _vehicle("V-4", "KNAPM81C2TU639501", "available", MEDELLIN),
        _vehicle("V-5", "KNAPM81C2TU639501", "reserved", MEDELLIN),
    ])
    erp = frame(Entity.VEHICLES, [
        _vehicle("37", "9GASJ69R2TP075153", "available", CALI, make="CHEVROLET",
                 model="ONIX", color="NEGRO"),
        _vehicle("38", "3N1CP5BV0TM676725", "available", MEDELLIN),
        _vehicle("39", "JM1DL3W7TR561944", "in_transit", BOGOTA, make="Mazda",
                 model="CX-30", price=Decimal("129900000")),
    ])
    return EntityResult(
        entity=Entity.VEHICLES,
        links=[Link("V-1", "37", "vin", "auto", 1.0), Link("V-2", "38", "vin", "auto", 1.0)],
        duplicates=[Duplicate(System.CRM, "KNAPM81C2TU639501", ("V-4", "V-5"))],
        mismatches=[
            Mismatch("sold_in_crm_available_in_erp", "V-1", "37", key="9GASJ69R2TP075153",
                     field="status", crm_value="sold", erp_value="available",
                     at_stake=Decimal("68000000"), branch=CALI),
            Mismatch("branch_differs", "V-2", "38", key="3N1CP5BV0TM676725", field="branch",
                     crm_value=BOGOTA, erp_value=MEDELLIN, at_stake=Decimal("68000000"),
                     branch=BOGOTA),
            Mismatch("invalid_vin", "V-3", None, key="1FTER4FH0VW693321", field="vin",
                     crm_value="1FTER4FH0VW693321", detail="check_digit",
                     at_stake=Decimal("68000000"), branch=BOGOTA, system=System.CRM),
            Mismatch("only_in_erp", None, "39", key="JM1DL3W7TR561944",
                     at_stake=Decimal("129900000"), branch=BOGOTA, system=System.ERP),
        ],
        crm=crm,
        erp=erp,
    )


def make_report() -> Report:
    return Report(
        started_at=STAMP,
        finished_at=STAMP,
        sources={"crm": "CRM de prueba", "erp": "ERP de prueba"},
        results={
            Entity.CUSTOMERS: customers_result(),
            Entity.PAYMENTS: payments_result(),
            Entity.VEHICLES: vehicles_result(),
        },
    )


RESULTS: dict[Entity, Callable[[], EntityResult]] = {
    Entity.CUSTOMERS: customers_result,
    Entity.PAYMENTS: payments_result,
    Entity.VEHICLES: vehicles_result,
}


# -- fake engine tasks ---------------------------------------------------------------------


def quick_task(result: object, steps: int = 3) -> Callable[[CancelToken], Task[object]]:
    """A task that reports ``steps`` steps and returns ``result``."""

    def make(cancel: CancelToken) -> Task[object]:
        for i in range(steps):
            cancel.check()
            yield Progress("compare_customers", i + 1, steps)
        return result

    return make


def slow_task(started: threading.Event) -> Callable[[CancelToken], Task[object]]:
    """A task that runs until cancelled; sets ``started`` once it is under way."""

    def make(cancel: CancelToken) -> Task[object]:
        done = 0
        while True:
            started.set()
            cancel.check()
            done += 1
            yield Progress("pull_crm_payments", done % 100, 100)
            # Waits on the test's event instead of sleeping; the event is never set by
            # anyone, so this only paces the loop.
            threading.Event().wait(0.002)

    return make


def failing_task(exc: Exception) -> Callable[[CancelToken], Task[object]]:
    def make(cancel: CancelToken) -> Task[object]:
        yield Progress("pull_crm_customers", 0, 3)
        raise exc

    return make


def wait_life(window: object, qtbot: object, timeout: int = 20000) -> None:
    """Wait until every findings tab shows the states, owners and ages read for the
    reconciliation it shows: they are read off the GUI thread after ``reportLoaded``."""
    tabs = list(window.entity_tabs.values())
    qtbot.waitUntil(lambda: all(t.life_ready for t in tabs), timeout=timeout)
