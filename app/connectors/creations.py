"""Corrections that *create* a record, as every connector recognises them.

A CRM follow-up proposed by «Crear seguimientos», or a customer one system lacks
(:mod:`app.writeback.creating`), (:mod:`app.writeback.followups`) reaches a
connector as a :class:`~app.connectors.base.Correction` whose ``changes`` are the whole new
record and whose ``expected`` is empty: the precondition is that the record does not exist
yet. Only the entities in :data:`CREATABLE` are ever created that way — an empty ``expected``
on a customer or a payment is an ordinary correction with nothing to compare, never a creation.

The demo systems insert the record and the REST connector ``POST``s it; Odoo creates customers
(``res.partner``) but never a follow-up; a SQL database creates nothing: they refuse at once
(:func:`refused`) instead of answering "not found" or writing anything.

A *reservation* (:func:`reserves`) is a correction of an ERP vehicle from «available» to
«reserved» for a customer: the ERP carries it out by registering an order (:func:`order_ref`)
that reserves the unit; its undo (:func:`releases`) cancels that order.
"""

from __future__ import annotations

import hashlib

from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.connectors.files.headers import kind_name
from app.domain.schema import Entity

#: The entities a correction may create (``expected`` empty: "must not exist yet").
CREATABLE = frozenset({Entity.FOLLOWUPS, Entity.CUSTOMERS})

#: A customer Cuadre creates is named by its document: the system gives it its own id, which
#: Cuadre cannot know before, and every connector finds it by the document (unique there).
DOC_PREFIX = "DOC-"


def document_key(doc_number: str) -> str:
    """The id a customer's creation carries: «DOC-900123456»."""
    return f"{DOC_PREFIX}{doc_number}"


def key_document(source_id: str) -> str | None:
    """The document a :func:`document_key` names, or None for any other id."""
    text = str(source_id)
    if not text.startswith(DOC_PREFIX):
        return None
    return text[len(DOC_PREFIX):] or None


def reserves(correction: Correction) -> str | None:
    """The customer's document when ``correction`` reserves an ERP vehicle for them (from
    «available» to «reserved»: the ERP registers an order), else None."""
    if Entity(correction.entity) is not Entity.VEHICLES:
        return None
    if correction.changes.get("status") != "reserved" \
            or correction.expected.get("status") != "available":
        return None
    doc = correction.changes.get("customer_doc")
    return str(doc) if doc else None


def releases(correction: Correction) -> str | None:
    """The customer's document when ``correction`` undoes a reservation (from «reserved» for
    them back to «available»: the ERP cancels the order), else None."""
    if Entity(correction.entity) is not Entity.VEHICLES:
        return None
    if correction.changes.get("status") != "available" \
            or correction.expected.get("status") != "reserved":
        return None
    doc = correction.expected.get("customer_doc")
    return str(doc) if doc else None


def order_ref(vehicle_id: str, customer_doc: str) -> str:
    """The reference of the order Cuadre registers for a reservation: the same vehicle and
    customer always give the same one, so a resend finds the order instead of making another."""
    digest = hashlib.sha256(f"{vehicle_id}|{customer_doc}".encode()).hexdigest()
    return f"CUADRE-{digest[:10].upper()}"


def is_creation(correction: Correction) -> bool:
    """A correction that creates its record: an entity of :data:`CREATABLE`, nothing expected
    — and, for a customer, named by its document (:func:`document_key`): an empty
    ``expected`` on a customer's own id is an ordinary correction with nothing to compare."""
    entity = Entity(correction.entity)
    if correction.expected or entity not in CREATABLE:
        return False
    return entity is not Entity.CUSTOMERS or key_document(correction.source_id) is not None


def refused(correction: Correction, where: str) -> Outcome | None:
    """The REJECTED outcome (``cannot_create``) of a creation sent to a system Cuadre does not
    create records in (``where``: "una base de datos SQL", "Odoo"); None for any other
    correction."""
    if not is_creation(correction):
        return None
    entity = Entity(correction.entity)
    there = "en el CRM" if entity is Entity.FOLLOWUPS else "en el propio sistema"
    return Outcome(OutcomeStatus.REJECTED, "cannot_create",
                   f"Cuadre no crea {kind_name(entity)} en {where}: créelo {there}.")


__all__ = ["CREATABLE", "DOC_PREFIX", "document_key", "is_creation", "key_document",
           "order_ref", "refused", "releases", "reserves"]
