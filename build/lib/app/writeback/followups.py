"""«Crear seguimientos»: CRM follow-up tasks proposed as corrections.

A follow-up due (:class:`~app.insights.model.FollowupDue`: a first anniversary, a first
service, a SOAT or insurance renewal with no follow-up in the CRM) becomes a *creation*: a
field correction on the CRM's ``followups`` whose payload carries the whole new record in
``changes``, nothing in ``expected`` (the precondition: the record does not exist yet) and
``"create": true``. It then goes the way every correction goes — a second person approves it,
«Enviar aprobadas» or ``cuadre push`` sends it once with its idempotency key, the audit trail
records each step — and the connector inserts the record (``apply`` of a creation).

The record's id is derived from the VIN, the kind and the due date, so proposing the same
follow-up twice is recognised and the CRM never gets two tasks for one moment.

Ley 1581: only customers whose consent allows contact (dated authorisation, no claim in
progress) get a follow-up; the others are skipped with the reason the insights gave.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import FOLLOWUP_LABELS, FOLLOWUP_STATE_WORDS
from app.domain.schema import Entity, System
from app.insights.model import FollowupDue
from app.store.db import Store
from app.store.models import CorrectionRow
from app.writeback.corrections import CorrectionView, propose_payload
from app.writeback.errors import CorrectionError
from app.writeback.states import LIVE, CorrectionState

#: Corrections of a follow-up that still stand (a rejected one may be proposed again).
_STANDING = (*LIVE, CorrectionState.FAILED)


@dataclass(frozen=True, slots=True)
class FollowupProposals:
    created: tuple[CorrectionView, ...]
    skipped: tuple[tuple[FollowupDue, str], ...]

    def sentence(self) -> str:
        """"12 seguimientos propuestos; 3 omitidos." for the window and the command line."""
        created, skipped = len(self.created), len(self.skipped)
        text = (f"{created} seguimiento propuesto" if created == 1
                else f"{created} seguimientos propuestos")
        if skipped:
            text += f"; {skipped} omitido" + ("s" if skipped != 1 else "")
        return text + "."


def followup_id(due: FollowupDue) -> str:
    """The follow-up's id in the CRM: the same VIN, kind and date always give the same id."""
    digest = hashlib.sha256(f"{due.vin}|{due.kind}|{due.due_on.isoformat()}".encode()).hexdigest()
    return f"SEG-{digest[:12].upper()}"


def followup_record(due: FollowupDue) -> dict[str, Any]:
    """The follow-up as the canonical schema has it (``COLUMNS[Entity.FOLLOWUPS]``)."""
    label = FOLLOWUP_LABELS.get(due.kind, due.kind)
    return {"customer_doc": due.customer_doc, "vin": due.vin, "kind": due.kind,
            "due_on": due.due_on, "status": "open", "note": f"{label}. {due.basis}"}


def propose_followups(store: Store, actor: str, dues: Iterable[FollowupDue], *,
                      workspace: str | None = None,
                      comment: str | None = None) -> FollowupProposals:
    """Propose one CRM follow-up per due item whose contact is allowed and that has none
    standing. Each is its own correction (approved, sent and audited one by one); a refusal
    of the store (the person may not propose) is raised as a :class:`CorrectionError`."""
    created: list[CorrectionView] = []
    skipped: list[tuple[FollowupDue, str]] = []
    seen: set[str] = set()
    for due in dues:
        if not due.contact_allowed:
            skipped.append((due, due.blocked_reason or tr_app(
                "app.writeback", "El cliente no autorizó el contacto (Ley 1581).")))
            continue
        ident = followup_id(due)
        if ident in seen:
            skipped.append((due, tr_app("app.writeback", "Repetido en la selección.")))
            continue
        seen.add(ident)
        record = followup_record(due)
        payload = {"entity": Entity.FOLLOWUPS.value, "system": System.CRM.value,
                   "source_id": ident, "changes": record, "expected": {}, "create": True}
        try:
            created.append(propose_payload(
                store, actor, kind="field", entity=Entity.FOLLOWUPS, system=System.CRM,
                source_id=ident, field="due_on", old=None, new=due.due_on, payload=payload,
                workspace=workspace, comment=comment or record["note"],
                action="propose_followup", guard=_not_standing(ident)))
        except _AlreadyStanding as exc:
            skipped.append((due, str(exc)))
    return FollowupProposals(tuple(created), tuple(skipped))


class _AlreadyStanding(CorrectionError):
    pass


def _not_standing(ident: str) -> Any:
    """A guard run inside the proposal's transaction: no other standing correction creates
    the same follow-up (checked there, so two people proposing at once cannot both pass)."""

    def guard(session: Session) -> None:
        state = session.scalars(select(CorrectionRow.state).where(
            CorrectionRow.entity == Entity.FOLLOWUPS.value,
            CorrectionRow.source_id == ident,
            CorrectionRow.state.in_(_STANDING))).first()
        if state is not None:
            raise _AlreadyStanding(tr_app("app.writeback", "Ya hay un seguimiento igual "
                                          "{state}.").format(
                state=tr_marked("labels", FOLLOWUP_STATE_WORDS[state])), "already_proposed")

    return guard
