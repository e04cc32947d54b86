"""Alegra's records in Cuadre's canonical schema, and a contact correction as Alegra's body.

Alegra Colombia's contact (https://developer.alegra.com/reference — contacts): the document in
``identificationObject`` (``type``: CC, NIT, CE, PP for a passport, TI, RC, TE, DIE for a
foreign document, ``number``, ``dv``), the name in ``nameObject`` (``firstName``,
``secondName``, ``lastName``, ``secondLastName``) for a person or ``name`` for a company
(``kindOfPerson``: PERSON_ENTITY or LEGAL_ENTITY), ``mobile`` and ``phonePrimary``,
``email``, and ``address`` with the city's and department's names (Cuadre finds the DIVIPOLA
code by both). Alegra keeps no Habeas Data consent: those columns are empty (unknown).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain import divipola
from app.domain.values import clean_text, normalize_email, normalize_phone, normalize_vin, to_decimal

_VIN = re.compile(r"\b[A-HJ-NPR-Z0-9]{17}\b")
WRITABLE = frozenset({"first_names", "last_names", "company_name", "phone", "email", "city_code",
                      "address", "check_digit"})
#: Alegra's identification types that are not Cuadre's own codes.
_TYPES = {"PP": "PA", "DIE": "DE"}
TYPES_BACK = {v: k for k, v in _TYPES.items()}
#: Alegra's payment methods (its ``paymentMethod`` values) in words.
METHODS = {"cash": "Efectivo", "deposit": "Consignación", "transfer": "Transferencia",
           "check": "Cheque", "credit-card": "Tarjeta de crédito",
           "debit-card": "Tarjeta débito", "other": "Otro"}


def vin_in(text: Any) -> str | None:
    """The VIN written in an invoice's observations («VIN 8AJBA3CD8TU632777»), if any."""
    found = _VIN.search(str(text or "").upper())
    return normalize_vin(found.group(0)) if found else None


def _day(raw: Any) -> date | None:
    text = clean_text(raw)
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _join(*parts: Any) -> str | None:
    return " ".join(p for p in (clean_text(x) for x in parts) if p) or None


def contact(r: Mapping[str, Any]) -> dict[str, Any]:
    ident = r.get("identificationObject") or {}
    kind = str(ident.get("type") or "").upper()
    company = r.get("kindOfPerson") == "LEGAL_ENTITY"
    name = r.get("nameObject") or {}
    address = r.get("address") or {}
    city = address.get("city") if isinstance(address, Mapping) else None
    department = address.get("department") if isinstance(address, Mapping) else None
    code = divipola.city_code(f"{city}, {department}" if city and department else city)
    return {
        "source_id": str(r.get("id")), "doc_type": _TYPES.get(kind, kind or None),
        "doc_number": clean_text(ident.get("number")), "check_digit": clean_text(ident.get("dv")),
        "first_names": None if company else _join(name.get("firstName"), name.get("secondName")),
        "last_names": None if company else _join(name.get("lastName"), name.get("secondLastName")),
        "company_name": clean_text(r.get("name")) if company else None,
        "phone": normalize_phone(r.get("mobile") or r.get("phonePrimary")),
        "email": normalize_email(r.get("email")), "city_code": code,
        "city_name": divipola.city_name(code),
        "address": clean_text(address.get("address")) if isinstance(address, Mapping) else None,
        "habeas_data_consent": None, "consent_date": None, "consent_channel": None,
        "claim_in_progress": None, "is_customer": True, "updated_at": None,
    }


def invoice_status(r: Mapping[str, Any]) -> str:
    if r.get("status") == "void":
        return "annulled"
    stamp = r.get("stamp") or {}
    accepted = str(stamp.get("legalStatus") or "").upper().endswith("ACCEPTED")
    return "validated" if accepted else "draft"


def _number(r: Mapping[str, Any]) -> str | None:
    template = r.get("numberTemplate") or {}
    return clean_text(template.get("fullNumber")) if isinstance(template, Mapping) else None


def _center(r: Mapping[str, Any]) -> str | None:
    center = r.get("costCenter") or {}
    return clean_text(center.get("name")) if isinstance(center, Mapping) else None


def invoice(r: Mapping[str, Any]) -> dict[str, Any]:
    stamp = r.get("stamp") or {}
    client = r.get("client") or {}
    return {
        "source_id": str(r.get("id")), "invoice_number": _number(r),
        "cufe": clean_text(stamp.get("cufe")), "customer_doc": clean_text(client.get("identification")),
        "vin": vin_in(r.get("observations")), "branch": _center(r), "issued_on": _day(r.get("date")),
        "total": to_decimal(r.get("total")), "status": invoice_status(r), "updated_at": None,
    }


def payment(r: Mapping[str, Any], invoices: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A payment tied to the (first) invoice it pays: its number, CUFE and branch."""
    items = r.get("invoices") or []
    first = items[0] if items and isinstance(items[0], Mapping) else {}
    paid = invoices.get(str(first.get("id"))) if first else None
    stamp = (paid or {}).get("stamp") or {}
    client = r.get("client") or {}
    method = r.get("paymentMethod")
    return {
        "source_id": str(r.get("id")), "receipt_number": _number(r),
        "invoice_number": _number(paid) if paid else None, "cufe": clean_text(stamp.get("cufe")),
        "customer_doc": clean_text(client.get("identification")),
        "amount": to_decimal(r.get("amount")), "currency": "COP", "paid_on": _day(r.get("date")),
        "method": METHODS.get(str(method), clean_text(method)),
        "status": "annulled" if r.get("status") == "void" else "posted",
        "deal_id": None, "branch": _center(paid or r), "updated_at": None,
    }


def contact_body(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The ``PUT /api/v1/contacts/{id}`` body: only what changes, in Alegra's fields."""
    body: dict[str, Any] = {}
    if "company_name" in changes:
        body["name"] = changes["company_name"]
    if "first_names" in changes or "last_names" in changes:
        name = dict(current.get("nameObject") or {})
        if "first_names" in changes:
            first, _, second = str(changes["first_names"] or "").partition(" ")
            name.update(firstName=first, secondName=second or None)
        if "last_names" in changes:
            last, _, second_last = str(changes["last_names"] or "").partition(" ")
            name.update(lastName=last, secondLastName=second_last or None)
        body["nameObject"] = name
    if "check_digit" in changes:
        body["identificationObject"] = {**(current.get("identificationObject") or {}),
                                        "dv": changes["check_digit"]}
    if "email" in changes:
        body["email"] = changes["email"]
    if "phone" in changes:
        phone = str(changes["phone"] or "")
        if phone.startswith("3"):
            body["mobile"] = phone
        else:  # a landline: the old mobile would still be read first
            body.update(phonePrimary=phone, mobile="")
    if "address" in changes or "city_code" in changes:
        address = dict(current.get("address") or {})
        if "address" in changes:
            address["address"] = changes["address"]
        town = divipola.municipalities().get(str(changes.get("city_code") or ""))
        if town is not None:
            address.update(city=town.name, department=town.department)
        body["address"] = address
    return body
