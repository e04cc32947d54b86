"""Which system wins each field (DESIGN §5), and how fields read in a sentence.

The profile's ``system_of_record`` maps canonical fields to ``"crm"`` or ``"erp"``; a field it
does not name falls back to DESIGN §5's default, and a field the default does not name either
(a payment's amount and date, a vehicle's branch, a customer document on a receipt) to the ERP:
it holds the books, the invoices and the stock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.labels import SYSTEM_LABELS
from app.domain.schema import Entity, System

#: DESIGN §5: the ERP wins fiscal identity, legal name, fiscal address, invoice and stock
#: status; the CRM wins phone, e-mail and contact preferences (consent).
DEFAULT_SYSTEM_OF_RECORD: dict[str, str] = {
    "doc_type": "erp",
    "doc_number": "erp",
    "check_digit": "erp",
    "first_names": "erp",
    "last_names": "erp",
    "company_name": "erp",
    "address": "erp",
    "city_code": "erp",
    "city_name": "erp",
    "invoice_number": "erp",
    "status": "erp",
    "phone": "crm",
    "email": "crm",
    "habeas_data_consent": "crm",
    "consent_date": "crm",
    "consent_channel": "crm",
}

#: The canonical fields a finding's ``field`` stands for (a name is up to three columns).
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "name": ("company_name", "first_names", "last_names"),
    "city_code": ("city_code", "city_name"),
    "city_name": ("city_code", "city_name"),
    "doc_number": ("doc_number", "doc_type", "check_digit"),
}


def system_of_record(field: str, mapping: Mapping[str, str] | None = None,
                     record: Mapping[str, Any] | None = None) -> System:
    """The system that wins ``field`` (a finding's field: "name" follows the legal name)."""
    if field == "name":
        field = "company_name" if record is not None and record.get("company_name") else "first_names"
    elif field == "city_name":
        field = "city_code"
    for source in (mapping or {}, DEFAULT_SYSTEM_OF_RECORD):
        value = source.get(field)
        if value in ("crm", "erp"):
            return System(value)
    return System.ERP


def other(system: System) -> System:
    return System.ERP if system is System.CRM else System.CRM


def system_word(system: System) -> str:
    return SYSTEM_LABELS[system.value]


def field_phrase(entity: Entity, field: str, value: Any = None) -> str:
    """The field with its article, as a sentence names it ("el celular", "la ciudad")."""
    if field == "phone":
        return "el celular" if isinstance(value, str) and value.startswith("3") else "el teléfono"
    if field == "customer_doc":
        return "el cliente de la reserva" if entity is Entity.VEHICLES else "el documento del cliente"
    return _PHRASES.get(field, f"el campo {field}")


_PHRASES = {
    "name": "el nombre",
    "company_name": "la razón social",
    "first_names": "los nombres",
    "last_names": "los apellidos",
    "email": "el correo",
    "city_code": "la ciudad",
    "city_name": "la ciudad",
    "address": "la dirección",
    "check_digit": "el DV",
    "doc_number": "el documento",
    "amount": "el valor",
    "paid_on": "la fecha de pago",
    "invoice_number": "el número de factura",
    "status": "el estado",
    "branch": "la sede",
    "vin": "el VIN",
}
