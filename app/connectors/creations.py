"""Corrections that *create* a record, as every connector recognises them.

A CRM follow-up proposed by «Crear seguimientos» (:mod:`app.writeback.followups`) reaches a
connector as a :class:`~app.connectors.base.Correction` whose ``changes`` are the whole new
record and whose ``expected`` is empty: the precondition is that the record does not exist
yet. Only the entities in :data:`CREATABLE` are ever created that way — an empty ``expected``
on a customer or a payment is an ordinary correction with nothing to compare, never a creation.

The demo CRM inserts the record and the REST connector ``POST``s it; a SQL database or Odoo is
never where Cuadre creates a follow-up, so they refuse it at once (:func:`refused`) instead of
answering "not found" or writing anything.
"""

from __future__ import annotations

from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.connectors.files.headers import kind_name
from app.domain.schema import Entity

#: The entities a correction may create (``expected`` empty: "must not exist yet").
CREATABLE = frozenset({Entity.FOLLOWUPS})


def is_creation(correction: Correction) -> bool:
    """A correction that creates its record: an entity of :data:`CREATABLE`, nothing expected."""
    return not correction.expected and Entity(correction.entity) in CREATABLE


def refused(correction: Correction, where: str) -> Outcome | None:
    """The REJECTED outcome (``cannot_create``) of a creation sent to a system Cuadre does not
    create records in (``where``: "una base de datos SQL", "Odoo"); None for any other
    correction."""
    if not is_creation(correction):
        return None
    return Outcome(OutcomeStatus.REJECTED, "cannot_create",
                   f"Cuadre no crea {kind_name(Entity(correction.entity))} en {where}: "
                   "créelo en el CRM.")


__all__ = ["CREATABLE", "is_creation", "refused"]
