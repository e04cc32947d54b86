"""HubSpot's property values as canonical values, and back (for a write).

HubSpot returns every property as a string (numbers ``"228300000"``, booleans ``"true"``,
dates ``"2024-09-30"`` or midnight UTC ``"…T00:00:00.000Z"``, datetimes ``"…Z"`` in UTC,
multi-select values joined by ``;``) —
https://developers.hubspot.com/docs/api-reference/crm-properties-v3 (property types).

What each canonical field is read from, per entity, is :data:`DEFAULTS` (HubSpot's own
properties where HubSpot has one — ``firstname``, ``email``, ``lifecyclestage``, ``dealstage``,
``amount``, ``closedate``, ``hs_legal_basis`` — and the custom properties a Colombian
dealership adds for what HubSpot lacks: the document, the VIN, the branch); a profile's mapping
(``{entity: {canonical field: property}}``) overrides any of them.

Consent (Ley 1581): the contact's legal basis ``hs_legal_basis`` («Legal basis for processing
contact's data», https://knowledge.hubspot.com/contacts/how-can-i-track-lawful-basis-of-processing-in-hubspot)
holds «Freely given consent from contact» when the person consented; the day of the
authorisation and its channel come from the date and text properties the profile maps
(``fecha_autorizacion``, ``canal_autorizacion`` by default): Ley 1581 asks for dated proof,
and the legal basis alone carries no date (the connector's ``consent_date_from_history`` dates
an undated consent by the legal basis's own history instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain import divipola
from app.domain.schema import Entity
from app.domain.values import (
    clean_text,
    normalize_doc_number,
    normalize_email,
    normalize_phone,
    normalize_vin,
    split_nit,
    to_decimal,
)

CONSENT_LABEL = "Freely given consent from contact"
#: The default pipeline's internal stage ids, per canonical stage.
DEAL_STAGES = {"appointmentscheduled": "lead", "qualifiedtobuy": "test_drive",
               "presentationscheduled": "test_drive", "decisionmakerboughtin": "negotiation",
               "contractsent": "negotiation", "closedwon": "sold", "closedlost": "lost"}
VEHICLE_STATUSES = ("available", "reserved", "sold", "delivered", "in_transit", "demo")

DEFAULTS: dict[Entity, dict[str, str]] = {
    Entity.CUSTOMERS: {
        "doc_type": "tipo_documento", "doc_number": "numero_documento",
        "first_names": "firstname", "last_names": "lastname", "company_name": "company",
        "phone": "mobilephone", "email": "email", "city_name": "city", "address": "address",
        "habeas_data_consent": "hs_legal_basis", "consent_date": "fecha_autorizacion",
        "consent_channel": "canal_autorizacion", "claim_in_progress": "reclamo_en_tramite",
        "is_customer": "lifecyclestage", "updated_at": "hs_lastmodifieddate",
    },
    Entity.DEALS: {
        "customer_doc": "documento_cliente", "stage": "dealstage", "vin": "vin",
        "amount": "amount", "lead_source": "origen", "closed_on": "closedate", "branch": "sede",
        "updated_at": "hs_lastmodifieddate", "created_on": "createdate", "salesperson": "asesor",
    },
    Entity.VEHICLES: {
        "vin": "vin", "make": "marca", "model": "linea", "model_year": "modelo",
        "color": "color", "status": "estado", "branch": "sede", "price": "precio",
        "customer_doc": "documento_cliente", "deal_id": "negocio_id",
        "updated_at": "hs_lastmodifieddate",
    },
    Entity.PAYMENTS: {
        "receipt_number": "recibo", "invoice_number": "factura", "customer_doc":
        "documento_cliente", "amount": "valor", "paid_on": "fecha", "method": "medio",
        "branch": "sede", "deal_id": "negocio_id", "updated_at": "hs_lastmodifieddate",
    },
}
#: Vehicles kept as deals (the VIN a deal property): what each field is read from.
VEHICLE_DEALS = {"vin": "vin", "status": "dealstage", "branch": "sede", "price": "amount",
                 "customer_doc": "documento_cliente", "updated_at": "hs_lastmodifieddate"}


def moment(raw: Any) -> datetime | None:
    """A HubSpot datetime (ISO ``…Z`` or epoch milliseconds) as a zone-aware datetime."""
    text = clean_text(raw)
    if text is None:
        return None
    if text.isdigit():
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def day(raw: Any) -> date | None:
    """A HubSpot date (``2024-09-30``, or midnight UTC of that day)."""
    text = clean_text(raw)
    if text is None:
        return None
    if text.isdigit():
        return datetime.fromtimestamp(int(text) / 1000, UTC).date()
    return date.fromisoformat(text[:10])


def money(raw: Any) -> Decimal | None:
    return to_decimal(clean_text(raw))


def flag(raw: Any) -> bool:
    return (clean_text(raw) or "").casefold() in ("true", "1", "yes", "si", "sí")


def consents(raw: Any, values: tuple[str, ...]) -> bool:
    """Whether a legal-basis value (multi-select, ``;``-joined) records the person's consent."""
    chosen = [v.strip().casefold() for v in (clean_text(raw) or "").split(";") if v.strip()]
    return any(v in values for v in chosen)


def customer(p: Mapping[str, Any], f: Mapping[str, str], consent: tuple[str, ...]) -> dict[str, Any]:
    """A contact's properties as a canonical customer (``f``: canonical field → property)."""
    doc_type = clean_text(p.get(f["doc_type"]))
    raw_doc = p.get(f["doc_number"])
    number, dv = split_nit(raw_doc) if doc_type == "NIT" else (normalize_doc_number(raw_doc), None)
    city = clean_text(p.get(f["city_name"]))
    phone = clean_text(p.get(f["phone"])) or clean_text(p.get("phone"))
    return {
        "doc_type": doc_type, "doc_number": number, "check_digit": dv,
        "first_names": clean_text(p.get(f["first_names"])),
        "last_names": clean_text(p.get(f["last_names"])),
        "company_name": clean_text(p.get(f["company_name"])),
        "phone": normalize_phone(phone) or phone, "email": normalize_email(p.get(f["email"])),
        "city_code": divipola.city_code(city), "city_name": city,
        "address": clean_text(p.get(f["address"])),
        "habeas_data_consent": consents(p.get(f["habeas_data_consent"]), consent),
        "consent_date": day(p.get(f["consent_date"])),
        "consent_channel": clean_text(p.get(f["consent_channel"])),
        "claim_in_progress": flag(p.get(f["claim_in_progress"])),
        "is_customer": (clean_text(p.get(f["is_customer"])) or "").casefold() == "customer",
        "updated_at": moment(p.get(f["updated_at"])),
    }


def deal(p: Mapping[str, Any], f: Mapping[str, str], stages: Mapping[str, str]) -> dict[str, Any]:
    stage = clean_text(p.get(f["stage"]))
    return {
        "customer_doc": normalize_doc_number(p.get(f["customer_doc"])),
        "stage": stages.get(stage or "", stage), "vin": normalize_vin(p.get(f["vin"])),
        "amount": money(p.get(f["amount"])), "lead_source": clean_text(p.get(f["lead_source"])),
        "closed_on": day(p.get(f["closed_on"])), "branch": clean_text(p.get(f["branch"])),
        "updated_at": moment(p.get(f["updated_at"])), "created_on": day(p.get(f["created_on"])),
        "salesperson": clean_text(p.get(f["salesperson"])),
    }


def vehicle(p: Mapping[str, Any], f: Mapping[str, str], statuses: Mapping[str, str],
            source_id: str, as_deal: bool) -> dict[str, Any]:
    status = clean_text(p.get(f["status"]))
    if as_deal:  # a deal's stage says where the unit stands: won → sold, open → reserved
        stage = DEAL_STAGES.get(status or "", status)
        status = {"sold": "sold", "lost": None}.get(stage or "", "reserved")
    year = clean_text(p.get(f.get("model_year", "")))
    return {
        "vin": normalize_vin(p.get(f["vin"])), "make": clean_text(p.get(f.get("make", ""))),
        "model": clean_text(p.get(f.get("model", ""))),
        "model_year": year.split(".")[0] if year else None,
        "color": clean_text(p.get(f.get("color", ""))),
        "status": statuses.get(status or "", status), "branch": clean_text(p.get(f["branch"])),
        "price": money(p.get(f["price"])),
        "customer_doc": normalize_doc_number(p.get(f["customer_doc"])),
        "deal_id": source_id if as_deal else clean_text(p.get(f.get("deal_id", ""))),
        "delivered_on": None, "updated_at": moment(p.get(f["updated_at"])),
    }


def payment(p: Mapping[str, Any], f: Mapping[str, str]) -> dict[str, Any]:
    return {
        "receipt_number": clean_text(p.get(f["receipt_number"])),
        "invoice_number": clean_text(p.get(f["invoice_number"])), "cufe": None,
        "customer_doc": normalize_doc_number(p.get(f["customer_doc"])),
        "amount": money(p.get(f["amount"])), "currency": "COP", "paid_on": day(p.get(f["paid_on"])),
        "method": clean_text(p.get(f["method"])), "status": None,
        "deal_id": clean_text(p.get(f["deal_id"])), "branch": clean_text(p.get(f["branch"])),
        "updated_at": moment(p.get(f["updated_at"])),
    }


def written(entity: Entity, changes: Mapping[str, Any], f: Mapping[str, str],
            current: Mapping[str, Any]) -> dict[str, str]:
    """The properties a correction's canonical ``changes`` set (HubSpot clears a property
    given ``""``). Raises ValueError naming a field HubSpot cannot take here."""
    out: dict[str, str] = {}
    for name, value in changes.items():
        if name in ("updated_at", "source_id", "city_code"):
            if name == "city_code" and value:
                out[f["city_name"]] = divipola.city_name(str(value)) or ""
            continue
        if name == "check_digit":
            number = changes.get("doc_number", current.get("doc_number"))
            out[f["doc_number"]] = f"{number}-{value}" if value else str(number or "")
            continue
        if name not in f:
            raise ValueError(name)
        prop = f[name]
        if name == "doc_number" and current.get("doc_type") == "NIT" and current.get("check_digit") \
                and "check_digit" not in changes:
            out[prop] = f"{value}-{current['check_digit']}" if value else ""
        elif name == "habeas_data_consent":
            out[prop] = CONSENT_LABEL if value else ""
        elif name == "is_customer":
            out[prop] = "customer" if value else "lead"
        elif name == "claim_in_progress":
            out[prop] = "true" if value else "false"
        elif isinstance(value, date | datetime):
            out[prop] = value.isoformat()[:10] if not isinstance(value, datetime) \
                else value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        else:
            out[prop] = "" if value is None else str(value)
    return out
