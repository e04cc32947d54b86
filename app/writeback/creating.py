"""Corrections that *create* records: a customer one system lacks, and the ERP's reservation
of a VIN the CRM already sold (issue 16).

- **A customer only in the CRM** becomes a creation in the ERP with what the ERP requires:
  document type and number, the DV computed for a NIT (DIAN's algorithm, never copied), a name,
  the DIVIPOLA city and a usable phone. What is missing is listed and blocks the proposal
  (``missing_data``), in one Spanish sentence.
- **A customer only in the ERP** becomes a creation in the CRM only with dated consent (Ley
  1581: :mod:`app.writeback.habeas`); without it, or with a claim in progress, it is blocked.
- **Sold in the CRM, available in the ERP** becomes the ERP's reservation of the VIN for the
  deal's customer: a correction of the ERP vehicle from «available» to «reserved» for that
  customer, which each connector carries out its own way — a sale order whose delivery
  reserves the lot (Odoo), an order (the REST API, the demo ERP), plus the workshop's
  preparation task (alistamiento) where the ERP has one. Undoing it cancels the order and
  releases the unit. When the ERP lacks the customer, the proposal names the customer's
  creation it depends on (``requires``), or says what is missing.

A created customer is named by its document (:func:`app.connectors.creations.document_key`):
the system gives it its own id, which Cuadre cannot know before; every connector finds it
by the document. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from app.connectors.creations import document_key
from app.domain import divipola
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.schema import Entity, System, records
from app.domain.values import clean_text, nit_check_digit, normalize_doc_number, normalize_phone
from app.reconcile.results import EntityResult, Report
from app.writeback import habeas
from app.writeback.policy import system_word

#: The fields a created customer carries, in the order the queue shows them.
CUSTOMER_FIELDS = ("doc_type", "doc_number", "check_digit", "first_names", "last_names",
                   "company_name", "phone", "email", "city_code", "city_name", "address")
#: What the CRM also gets: the consent that lets it hold the contact data (Ley 1581).
CONSENT_FIELDS = ("habeas_data_consent", "consent_date", "consent_channel")

#: A missing piece as the blocked sentence names it.
MISSING_WORDS = {
    "doc_type": mark_app("app.writeback", "tipo de documento"),
    "doc_number": mark_app("app.writeback", "número de documento"),
    "check_digit": mark_app("app.writeback", "DV del NIT"),
    "name": mark_app("app.writeback", "nombre o razón social"),
    "city_code": mark_app("app.writeback", "ciudad (código DIVIPOLA)"),
    "phone": mark_app("app.writeback", "teléfono"),
}

#: ``Action.CREATE``'s value (:mod:`app.writeback.proposals` imports this module).
CREATE = "create"
MISSING_DATA = "missing_data"
MISSING_CUSTOMER = "missing_customer"


def new_customer(record: Mapping[str, Any], target: System) -> tuple[dict[str, Any], list[str]]:
    """The record ``target`` gets for the customer ``record`` of the other system, and what it
    lacks (codes of :data:`MISSING_WORDS`): a NIT's DV is computed, the city is its DIVIPOLA
    code (from the name when only the name is known) and the name DIVIPOLA gives it."""
    doc_type = clean_text(record.get("doc_type"))
    number = normalize_doc_number(record.get("doc_number"), doc_type)
    out: dict[str, Any] = {"doc_type": doc_type, "doc_number": number}
    missing = [f for f, v in (("doc_type", doc_type), ("doc_number", number)) if v is None]
    if doc_type == "NIT" and number:
        try:
            out["check_digit"] = nit_check_digit(number)
        except ValueError:
            missing.append("check_digit")
    company = clean_text(record.get("company_name"))
    first, last = clean_text(record.get("first_names")), clean_text(record.get("last_names"))
    if company:
        out["company_name"] = company
    else:
        out["first_names"], out["last_names"] = first, last
    if not (company or first or last):
        missing.append("name")
    phone = normalize_phone(record.get("phone"))
    out["phone"] = phone
    if phone is None and target is System.ERP:
        missing.append("phone")
    out["email"] = clean_text(record.get("email"))
    code = clean_text(record.get("city_code"))
    if code is None or divipola.city_name(code) is None:
        code = divipola.city_code(record.get("city_name")) if record.get("city_name") else None
    out["city_code"], out["city_name"] = code, divipola.city_name(code) if code else None
    if code is None and target is System.ERP:
        missing.append("city_code")
    out["address"] = clean_text(record.get("address"))
    if target is System.CRM:
        for name in CONSENT_FIELDS:
            out[name] = record.get(name)
        out["is_customer"] = True
    return {k: v for k, v in out.items() if v is not None}, missing


def missing_sentence(missing: Iterable[str], target: System) -> str:
    words = ", ".join(tr_marked("app.writeback", MISSING_WORDS[m]) for m in missing)
    return tr_app("app.writeback", "Faltan datos para crearlo en el {target}: {words}. "
                  "Complételos en el {source} y concilie de nuevo.").format(
        target=system_word(target), words=words,
        source=system_word(System.CRM if target is System.ERP else System.ERP))


def reservation_changes(erp: Mapping[str, Any], crm: Mapping[str, Any]
                        ) -> tuple[tuple[str, Any, Any], ...]:
    """(field, held, wanted) of the ERP vehicle's reservation for the CRM's buyer."""
    return (("status", erp.get("status"), "reserved"),
            ("customer_doc", erp.get("customer_doc"), normalize_doc_number(crm.get("customer_doc"))))


def with_dependencies(proposals: list[Any], report: Report) -> list[Any]:
    """The reservations of ``proposals`` told whether the ERP has their customer: when it does
    not, the customer's creation in the ERP comes first (``requires`` names it), or — nothing
    to create it from — the reservation is blocked with what is missing."""
    customers = report.results.get(Entity.CUSTOMERS)
    if customers is None:
        return proposals
    erp_docs = {normalize_doc_number(r.get("doc_number")) for r in _records(customers, System.ERP)}
    creations = {p.source_id: p for p in proposals
                 if p.action == CREATE and p.entity is Entity.CUSTOMERS
                 and p.target is System.ERP}
    out = []
    for p in proposals:
        if not (p.action == CREATE and p.entity is Entity.VEHICLES):
            out.append(p)
            continue
        doc = next((c.proposed for c in p.changes if c.field == "customer_doc"), None)
        if doc is None or doc in erp_docs:
            out.append(p)
            continue
        first = creations.get(document_key(doc))
        if first is not None and not first.blocked:
            out.append(replace(p, requires=first.ident, sentence=(
                p.sentence + " " + tr_app("app.writeback", "El ERP aún no tiene al cliente "
                                          "{doc}: primero se crea (propuesta {ident}) y después "
                                          "se registra el pedido.").format(
                    doc=doc, ident=first.ident[:12]))))
        else:
            why = (first.sentence if first is not None else
                   tr_app("app.writeback", "El ERP no tiene al cliente {doc} y el CRM no lo "
                          "tiene como cliente para crearlo.").format(doc=doc))
            out.append(replace(p, blocked=True, reason=MISSING_CUSTOMER,
                               sentence=p.sentence + " " + tr_app(
                                   "app.writeback", "Bloqueada: {why}").format(why=why)))
    return out


def _records(result: EntityResult, system: System) -> list[dict[str, Any]]:
    frame = result.erp if system is System.ERP else result.crm
    if frame is None:
        return []
    return records(frame)


def customer_block(record: Mapping[str, Any], target: System,
                   missing: list[str]) -> tuple[str | None, str | None]:
    """(reason code, Spanish sentence) why the creation may not go ahead, or (None, None)."""
    if habeas.has_claim(record):
        return habeas.CLAIM_IN_PROGRESS, tr_marked("app.writeback",
                                                   habeas.SENTENCES[habeas.CLAIM_IN_PROGRESS])
    if target is System.CRM and not habeas.has_consent(record):
        return habeas.NO_CONSENT, tr_marked("app.writeback", habeas.SENTENCES[habeas.NO_CONSENT]).format(
            target=system_word(target))
    if missing:
        return MISSING_DATA, missing_sentence(missing, target)
    return None, None


__all__ = ["CONSENT_FIELDS", "CUSTOMER_FIELDS", "MISSING_CUSTOMER", "MISSING_DATA",
           "customer_block", "missing_sentence", "new_customer", "reservation_changes",
           "with_dependencies"]
