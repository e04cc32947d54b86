"""Which system wins each field (DESIGN §5), and how fields read in a sentence.

The profile's ``system_of_record`` maps canonical fields to ``"crm"`` or ``"erp"``; a field it
does not name falls back to DESIGN §5's default, and a field the default does not name either
(a payment's amount and date, a vehicle's branch, a customer document on a receipt) to the ERP:
it holds the books, the invoices and the stock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.i18n import mark_app, tr_app, tr_marked
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
    """The field with its article, as a sentence names it ("el celular", "la ciudad"), in the
    language spoken ("the mobile", "the city")."""
    if field == "phone":
        phrase = _MOBILE if isinstance(value, str) and value.startswith("3") else _PHONE
    elif field == "customer_doc":
        phrase = _RESERVED_FOR if entity is Entity.VEHICLES else _CUSTOMER_DOC
    elif field in _PHRASES:
        phrase = _PHRASES[field]
    else:
        return tr_app("app.writeback", "el campo {field}").format(field=field)
    return tr_marked("app.writeback", phrase)


_MOBILE = mark_app("app.writeback", "el celular")
_PHONE = mark_app("app.writeback", "el teléfono")
_RESERVED_FOR = mark_app("app.writeback", "el cliente de la reserva")
_CUSTOMER_DOC = mark_app("app.writeback", "el documento del cliente")


_PHRASES = {
    "name": mark_app("app.writeback", "el nombre"),
    "company_name": mark_app("app.writeback", "la razón social"),
    "first_names": mark_app("app.writeback", "los nombres"),
    "last_names": mark_app("app.writeback", "los apellidos"),
    "email": mark_app("app.writeback", "el correo"),
    "city_code": mark_app("app.writeback", "la ciudad"),
    "city_name": mark_app("app.writeback", "la ciudad"),
    "address": mark_app("app.writeback", "la dirección"),
    "check_digit": mark_app("app.writeback", "el DV"),
    "doc_number": mark_app("app.writeback", "el documento"),
    "amount": mark_app("app.writeback", "el valor"),
    "paid_on": mark_app("app.writeback", "la fecha de pago"),
    "invoice_number": mark_app("app.writeback", "el número de factura"),
    "status": mark_app("app.writeback", "el estado"),
    "branch": mark_app("app.writeback", "la sede"),
    "vin": mark_app("app.writeback", "el VIN"),
}
