"""Small canonical frames for the insights' unit tests: rows with sensible defaults, so a test
writes only what its case is about."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.schema import Entity, frame
from app.insights.model import InsightData

TODAY = date(2026, 11, 20)


def customer(doc: str, *, consent: bool = True, consent_date: date | None = date(2024, 1, 10),
             claim: bool = False, first: str = "Ana", last: str = "Pérez",
             phone: str | None = "3001234567", sid: str | None = None) -> dict[str, Any]:
    return {"source_id": sid or f"C-{doc}", "doc_type": "CC", "doc_number": doc,
            "first_names": first, "last_names": last, "phone": phone,
            "habeas_data_consent": consent, "consent_date": consent_date if consent else None,
            "claim_in_progress": claim, "is_customer": True}


def vehicle(vin: str, *, status: str = "delivered", delivered_on: date | None = None,
            customer_doc: str | None = "100", branch: str | None = "Bogotá", make: str = "Toyota",
            model: str = "Hilux", model_year: str | None = "2024",
            received_on: date | None = None, price: str | None = "150000000") -> dict[str, Any]:
    return {"source_id": f"V-{vin}", "vin": vin, "make": make, "model": model,
            "model_year": model_year, "status": status, "branch": branch,
            "price": None if price is None else Decimal(price), "customer_doc": customer_doc,
            "delivered_on": delivered_on, "received_on": received_on}


def service(vin: str, visited_on: date, *, kind: str = "maintenance", km: int | None = None,
            sid: str | None = None) -> dict[str, Any]:
    return {"source_id": sid or f"S-{vin}-{visited_on}", "vin": vin, "kind": kind,
            "visited_on": visited_on, "odometer_km": km}


def contract(vin: str, kind: str, ends_on: date | None, *, provider: str | None = None,
             customer_doc: str = "100") -> dict[str, Any]:
    return {"source_id": f"K-{vin}-{kind}-{ends_on}", "vin": vin, "kind": kind,
            "provider": provider, "customer_doc": customer_doc, "ends_on": ends_on}


def followup(vin: str, kind: str, due_on: date | None, *, status: str = "open",
             customer_doc: str = "100", updated: date | None = None) -> dict[str, Any]:
    stamp = None if updated is None else datetime(updated.year, updated.month, updated.day, 15,
                                                  tzinfo=UTC)
    return {"source_id": f"F-{vin}-{kind}-{due_on}-{status}", "vin": vin, "kind": kind,
            "due_on": due_on, "status": status, "customer_doc": customer_doc,
            "updated_at": stamp}


def deal(sid: str, stage: str, *, source: str | None = "Facebook", vin: str | None = None,
         customer_doc: str | None = "100", branch: str | None = "Bogotá",
         created_on: date | None = date(2026, 7, 3), closed_on: date | None = None,
         updated_at: datetime | None = None) -> dict[str, Any]:
    return {"source_id": sid, "stage": stage, "lead_source": source, "vin": vin,
            "customer_doc": customer_doc, "branch": branch, "created_on": created_on,
            "closed_on": closed_on, "updated_at": updated_at}


def invoice(sid: str, number: str, vin: str | None, total: str, *, status: str = "validated",
            customer_doc: str = "100", issued_on: date = date(2026, 8, 1),
            cufe: str | None = None) -> dict[str, Any]:
    return {"source_id": sid, "invoice_number": number, "vin": vin, "total": Decimal(total),
            "status": status, "customer_doc": customer_doc, "issued_on": issued_on,
            "cufe": cufe, "branch": "Bogotá"}


def receipt(sid: str, invoice_number: str | None, amount: str, *, cufe: str | None = None,
            status: str | None = "posted") -> dict[str, Any]:
    return {"source_id": sid, "receipt_number": f"RC-{sid}", "invoice_number": invoice_number,
            "cufe": cufe, "amount": Decimal(amount), "status": status}


_FRAMES = {"customers_crm": Entity.CUSTOMERS, "customers_erp": Entity.CUSTOMERS,
           "vehicles_erp": Entity.VEHICLES, "payments_erp": Entity.PAYMENTS,
           "deals": Entity.DEALS, "invoices": Entity.INVOICES, "services": Entity.SERVICES,
           "contracts": Entity.CONTRACTS, "followups": Entity.FOLLOWUPS}


def data(today: date = TODAY, **rows: list[dict[str, Any]] | None) -> InsightData:
    """InsightData with a canonical frame for every name given (None: the source lacks it)."""
    unknown = set(rows) - set(_FRAMES)
    assert not unknown, unknown
    return InsightData(today=today, **{
        name: None if given is None else frame(_FRAMES[name], given)
        for name, given in rows.items()})
