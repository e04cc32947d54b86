"""Siigo Nube's records in Cuadre's canonical schema, and a customer correction as Siigo's body.

Siigo keeps (customer model of the Siigo API reference): ``person_type`` ("Person" or
"Company"), ``id_type.code`` (DIAN's document codes: 13 cédula, 31 NIT…), ``identification``
and ``check_digit`` apart, ``name`` as a list (a person's given names and surnames, a
company's name whole), ``address.city.city_code`` (DIVIPOLA), ``phones[].number``,
``contacts[].email`` and ``metadata.last_updated``. Invoices carry ``name`` (prefix and
number as Siigo shows them), ``stamp`` (the DIAN acceptance: ``status``, ``cufe``),
``cost_center`` and ``total``; a receipt (``/v1/vouchers``, «recibo de caja») pays invoices
through ``items[].due`` (``prefix`` and ``consecutive`` of the invoice) and says how in
``payment.name``. Siigo keeps no Habeas Data consent: those columns are empty (unknown).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.domain import divipola
from app.domain.values import (
    CANONICAL_TO_DIAN,
    DIAN_DOC_TYPES,
    bogota_moment,
    clean_text,
    normalize_email,
    normalize_phone,
    normalize_vin,
    to_decimal,
)

#: The canonical customer fields a correction may write to Siigo.
_VIN = re.compile(r"\b[A-HJ-NPR-Z0-9]{17}\b")
WRITABLE = frozenset({"first_names", "last_names", "company_name", "phone", "email", "city_code",
                      "address", "doc_type", "check_digit"})


def timestamp(raw: Any) -> datetime | None:
    text = clean_text(raw)
    if text is None:
        return None
    try:
        return bogota_moment(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def day(raw: Any) -> date | None:
    text = clean_text(raw)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def vin_in(text: Any) -> str | None:
    """The VIN written in an invoice's observations («VIN 8AJBA3CD8TU632777»), if any."""
    found = _VIN.search(str(text or "").upper())
    return normalize_vin(found.group(0)) if found else None


def _first(items: Any) -> Mapping[str, Any]:
    return items[0] if isinstance(items, list) and items and isinstance(items[0], Mapping) else {}


def customer(r: Mapping[str, Any]) -> dict[str, Any]:
    """One Siigo customer in the canonical schema."""
    id_type = r.get("id_type") or {}
    code = str(id_type.get("code") or "") if isinstance(id_type, Mapping) else ""
    names = [n for n in (clean_text(x) for x in r.get("name") or []) if n]
    company = r.get("person_type") == "Company"
    address = r.get("address") or {}
    city = address.get("city") or {} if isinstance(address, Mapping) else {}
    city_code = divipola.city_code(city.get("city_code")) if isinstance(city, Mapping) else None
    phone = _first(r.get("phones")).get("number")
    email = _first(r.get("contacts")).get("email")
    meta = r.get("metadata") or {}
    return {
        "source_id": str(r.get("id")), "doc_type": DIAN_DOC_TYPES.get(code, code or None),
        "doc_number": clean_text(r.get("identification")),
        "check_digit": clean_text(r.get("check_digit")),
        "first_names": None if company else (names[0] if names else None),
        "last_names": None if company else (" ".join(names[1:]) or None),
        "company_name": (" ".join(names) or None) if company else None,
        "phone": normalize_phone(phone), "email": normalize_email(email),
        "city_code": city_code, "city_name": divipola.city_name(city_code),
        "address": clean_text(address.get("address")) if isinstance(address, Mapping) else None,
        "habeas_data_consent": None, "consent_date": None, "consent_channel": None,
        "claim_in_progress": None, "is_customer": True,
        "updated_at": timestamp(meta.get("last_updated") or meta.get("created")),
    }


def invoice_status(r: Mapping[str, Any]) -> str:
    if r.get("annulled"):
        return "annulled"
    stamp = r.get("stamp") or {}
    status = str(stamp.get("status") or "") if isinstance(stamp, Mapping) else ""
    return "validated" if status.casefold() == "accepted" else "draft"


def invoice(r: Mapping[str, Any], centers: Mapping[Any, str]) -> dict[str, Any]:
    stamp = r.get("stamp") or {}
    client = r.get("customer") or {}
    return {
        "source_id": str(r.get("id")), "invoice_number": clean_text(r.get("name")),
        "cufe": clean_text(stamp.get("cufe")) if isinstance(stamp, Mapping) else None,
        "customer_doc": clean_text(client.get("identification")), "vin": vin_in(r.get("observations")),
        "branch": centers.get(r.get("cost_center")), "issued_on": day(r.get("date")),
        "total": to_decimal(r.get("total")), "status": invoice_status(r),
        "updated_at": timestamp((r.get("metadata") or {}).get("last_updated")),
    }


def due_key(prefix: Any, consecutive: Any) -> str:
    return f"{str(prefix or '').strip().upper()}|{str(consecutive or '').strip().lstrip('0')}"


def payment(r: Mapping[str, Any], invoices: Mapping[str, Mapping[str, Any]],
            centers: Mapping[Any, str]) -> dict[str, Any]:
    """A receipt with the invoice it pays (by the due's prefix and consecutive)."""
    due = _first(r.get("items")).get("due") or {}
    paid = invoices.get(due_key(due.get("prefix"), due.get("consecutive"))) if due else None
    stamp = (paid or {}).get("stamp") or {}
    client = r.get("customer") or {}
    method = r.get("payment") or {}
    return {
        "source_id": str(r.get("id")), "receipt_number": clean_text(r.get("name")),
        "invoice_number": clean_text(paid.get("name")) if paid else None,
        "cufe": clean_text(stamp.get("cufe")) if isinstance(stamp, Mapping) else None,
        "customer_doc": clean_text(client.get("identification")),
        "amount": to_decimal(method.get("value") if "value" in method else r.get("value")),
        "currency": "COP", "paid_on": day(r.get("date")),
        "method": clean_text(method.get("name")),
        "status": "posted" if paid is None or invoice_status(paid) == "validated"
        else invoice_status(paid),
        "deal_id": None, "branch": centers.get((paid or r).get("cost_center")),
        "updated_at": timestamp((r.get("metadata") or {}).get("last_updated")),
    }


def customer_body(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The ``PUT /v1/customers/{id}`` body: the customer as Siigo holds it (its writable
    fields: Siigo's PUT replaces the record) with the canonical ``changes`` laid over."""
    body = {k: current[k] for k in ("type", "person_type", "id_type", "identification",
                                    "check_digit", "name", "commercial_name", "branch_office",
                                    "active", "vat_responsible", "fiscal_responsibilities",
                                    "address", "phones", "contacts", "comments")
            if k in current}
    body["id_type"] = str((current.get("id_type") or {}).get("code") or "")
    company = current.get("person_type") == "Company"
    names = list(current.get("name") or [])
    if company and "company_name" in changes:
        names = [changes["company_name"]]
    if not company and ("first_names" in changes or "last_names" in changes):
        first = changes.get("first_names", names[0] if names else "")
        last = changes.get("last_names", " ".join(names[1:]))
        names = [first or "", last or ""]
    body["name"] = names
    if "doc_type" in changes:
        body["id_type"] = CANONICAL_TO_DIAN.get(str(changes["doc_type"]), str(changes["doc_type"]))
    if "check_digit" in changes:
        body["check_digit"] = changes["check_digit"]
    address = dict(current.get("address") or {})
    if "address" in changes:
        address["address"] = changes["address"]
    if changes.get("city_code"):
        code = str(changes["city_code"])
        address["city"] = {"country_code": "Co", "state_code": code[:2], "city_code": code}
    body["address"] = address
    if "phone" in changes:
        phones = [dict(p) for p in current.get("phones") or []] or [{"indicative": "57"}]
        phones[0]["number"] = changes["phone"]
        body["phones"] = phones
    if "email" in changes:
        contacts = [dict(c) for c in current.get("contacts") or []] or [{}]
        contacts[0]["email"] = changes["email"]
        contacts[0].setdefault("first_name", names[0] if names else "")
        contacts[0].setdefault("last_name", names[-1] if len(names) > 1 else "")
        body["contacts"] = contacts
    return body


def new_customer_body(values: Mapping[str, Any]) -> dict[str, Any]:
    """A ``POST /v1/customers`` body for a customer Cuadre creates (its canonical values)."""
    company = bool(values.get("company_name")) and not values.get("first_names")
    names = [values.get("company_name")] if company else \
        [values.get("first_names") or "", values.get("last_names") or ""]
    code = str(values.get("city_code") or "")
    body: dict[str, Any] = {
        "type": "Customer", "person_type": "Company" if company else "Person",
        "id_type": CANONICAL_TO_DIAN.get(str(values.get("doc_type") or "CC"), "13"),
        "identification": str(values.get("doc_number") or ""), "name": names,
        "address": {"address": values.get("address") or "",
                    "city": {"country_code": "Co", "state_code": code[:2], "city_code": code}},
        "phones": [{"indicative": "57", "number": values.get("phone") or ""}],
        "contacts": [{"first_name": names[0] or "", "last_name": names[-1] if len(names) > 1
                      else "", "email": values.get("email") or ""}],
    }
    if values.get("check_digit"):
        body["check_digit"] = str(values["check_digit"])
    return body


def amount(value: Any) -> Decimal | None:
    return to_decimal(value)
