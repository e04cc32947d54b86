"""Small reconciliations for the proposal tests: rows in, a Report out (real engines)."""

from datetime import UTC, date, datetime
from decimal import Decimal

from app.domain.schema import Entity, frame
from app.progress import run
from app.reconcile.customers import reconcile_customers
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile
from app.reconcile.results import Report
from app.reconcile.vehicles import reconcile_vehicles

STAMP = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
CONSENT = date(2024, 5, 3)


def person(sid, doc="79123456", **over):
    base = {
        "source_id": sid, "doc_type": "CC", "doc_number": doc, "check_digit": None,
        "first_names": "Juan Carlos", "last_names": "Pérez Gómez", "company_name": None,
        "phone": "3105551234", "email": "juan.perez@gmail.com", "city_code": "11001",
        "city_name": "Bogotá", "address": "Calle 1 # 2-3", "habeas_data_consent": True,
        "consent_date": CONSENT, "consent_channel": "formulario web", "claim_in_progress": False,
        "is_customer": True, "updated_at": STAMP,
    }
    base.update(over)
    return base


def pay(sid, receipt="RC-004512", invoice="FEB-10001", amount="1500000", doc="79123456",
        paid=date(2026, 3, 2), **over):
    row = {
        "source_id": sid, "receipt_number": receipt, "invoice_number": invoice, "cufe": None,
        "customer_doc": doc, "amount": None if amount is None else Decimal(amount),
        "currency": "COP", "paid_on": paid, "method": "Transferencia", "status": None,
        "deal_id": None, "branch": "Bogotá - Autopista Norte", "updated_at": STAMP,
    }
    row.update(over)
    return row


def erp_pay(sid, **over):
    """An ERP receipt of a validated DIAN invoice (CUFE, posted)."""
    return pay(sid, **{"cufe": "ab" * 48, "status": "posted", **over})


def car(sid, vin="9GASJ69R2TP075153", status="available", branch="Bogotá - Autopista Norte", **over):
    row = {
        "source_id": sid, "vin": vin, "make": "Chevrolet", "model": "Onix", "model_year": "2026",
        "color": "Blanco", "status": status, "branch": branch, "price": Decimal("68000000"),
        "customer_doc": None, "deal_id": None, "delivered_on": None, "updated_at": STAMP,
    }
    row.update(over)
    return row


def report(customers=None, payments=None, vehicles=None) -> Report:
    results = {}
    if customers is not None:
        crm, erp = customers
        results[Entity.CUSTOMERS] = run(reconcile_customers(
            frame(Entity.CUSTOMERS, crm), frame(Entity.CUSTOMERS, erp)))
    if payments is not None:
        crm, erp = payments
        results[Entity.PAYMENTS] = run(reconcile_payments(
            frame(Entity.PAYMENTS, crm), frame(Entity.PAYMENTS, erp), Profile()))
    if vehicles is not None:
        crm, erp = vehicles
        results[Entity.VEHICLES] = run(reconcile_vehicles(
            frame(Entity.VEHICLES, crm), frame(Entity.VEHICLES, erp)))
    return Report(STAMP, STAMP, {"crm": "prueba", "erp": "prueba"}, results)
