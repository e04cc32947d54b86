"""The corrections queue as people read it: each correction with its authors, its last comment,
what a conflict found, one line that says the change, and why a decision is not possible now.

The window's «Correcciones» tab and ``cuadre corrections list`` both read :func:`queue` and
:func:`describe`. The ``*_refusal`` functions explain a disabled button before anyone clicks:
the services check again when the decision is taken. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import FOLLOWUP_LABELS, state_word
from app.domain.schema import Entity
from app.store.db import Store
from app.store.models import CorrectionAuthor, CorrectionComment, OutboxRow
from app.store.values import read_audit_value
from app.writeback import corrections, merging
from app.writeback.corrections import CorrectionView, is_creation
from app.writeback.people import WORKERS, Role
from app.writeback.states import OPEN, UNAPPLIED, CorrectionState
from app.writeback.values import shown

_NOBODY = mark_app("app.writeback", "Elija primero quién trabaja (Usuario).")


@dataclass(frozen=True, slots=True)
class QueueItem:
    view: CorrectionView
    authors: frozenset[str]
    last_comment: str | None
    #: What the system held when the push found a conflict (as the audit trail writes
    #: values), or None.
    found: str | None = None

    @property
    def found_value(self) -> Any:
        """:attr:`found` as a value (None when nothing was found)."""
        return None if self.found is None else read_audit_value(self.found)


def queue(store: Store, *, state: CorrectionState | str | None = None,
          proposer: str | None = None, entity: Entity | None = None) -> list[QueueItem]:
    """The corrections, newest first, with who wrote each payload and its last comment."""
    views = corrections.listing(store, state=state)
    views = [v for v in views if (proposer is None or v.proposer == proposer)
             and (entity is None or v.entity is entity)]
    views.reverse()
    with store.read() as session:
        authors: dict[str, set[str]] = {}
        for cid, login in session.execute(select(CorrectionAuthor.correction_id,
                                                 CorrectionAuthor.login)):
            authors.setdefault(cid, set()).add(login)
        last: dict[str, str] = {}
        for cid, author, text in session.execute(
                select(CorrectionComment.correction_id, CorrectionComment.author,
                       CorrectionComment.text).order_by(CorrectionComment.id)):
            last[cid] = f"{author}: {text}"
        found: dict[str, str | None] = {}
        conflicts = [v.id for v in views if v.state == CorrectionState.CONFLICT]
        if conflicts:
            for cid, value in session.execute(
                    select(OutboxRow.correction_id, OutboxRow.found)
                    .where(OutboxRow.correction_id.in_(conflicts)).order_by(OutboxRow.id)):
                found[cid] = value  # the newest row wins
    return [QueueItem(v, frozenset(authors.get(v.id, {v.proposer})), last.get(v.id),
                      found.get(v.id)) for v in views]


def describe(view: CorrectionView, found: str | None = None) -> str:
    """One line for a queue row: «3009999999 → 3001234567»; for a conflict, also what the
    system holds now («…; el sistema tiene 3105556677»); a record Cuadre creates (a CRM
    follow-up) «Nuevo: aniversario de entrega, 24/11/2026»; a merge in words
    (:func:`app.writeback.merging.describe`)."""
    if merging.is_merge(view):
        return merging.describe(view)
    if is_creation(view.payload):
        kind = view.payload["changes"].get("kind")
        label = (tr_marked("labels", FOLLOWUP_LABELS.get(kind, kind))
                 if view.entity is Entity.FOLLOWUPS else None)
        value = shown(view.field, view.new_value)
        if label:
            return tr_app("app.writeback", "Nuevo: {what}, {value}").format(
                what=f"{label[:1].lower()}{label[1:]}", value=value)
        if view.entity is Entity.CUSTOMERS:
            from app.reconcile.customers import display_name  # the matcher: once needed

            record = view.payload["changes"]
            return tr_app("app.writeback", "Nuevo cliente: {name} ({doc})").format(
                name=display_name(dict(record)) or "—",
                doc=f"{record.get('doc_type') or ''} {value}".strip())
        return tr_app("app.writeback", "Nuevo: {value}").format(value=value)
    if view.payload.get("reserve"):
        doc = view.payload["changes"].get("customer_doc")
        return tr_app("app.writeback", "Pedido que reserva el vehículo para {doc}: {old} → "
                      "{new}").format(doc=doc, old=shown(view.field, view.old_value),
                                      new=shown(view.field, view.new_value))
    text = f"{shown(view.field, view.old_value)} → {shown(view.field, view.new_value)}"
    if view.state == CorrectionState.CONFLICT and found is not None:
        text += tr_app("app.writeback", "; el sistema tiene {value}").format(
            value=shown(view.field, read_audit_value(found)))
    return text


def _nobody() -> str:
    return tr_marked("app.writeback", _NOBODY)


def _already(state: str) -> str:
    return tr_app("app.writeback", "La corrección ya está {state}.").format(
        state=tr_marked("labels", state_word(state)))


# --- why a decision is not possible now ----------------------------------------------------


def approve_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not approve ``item`` (Spanish), or None when the button may work.
    The service checks again: this only explains the disabled button."""
    if actor is None:
        return _nobody()
    if item.view.state not in OPEN:
        return _already(item.view.state)
    if actor in item.authors or actor == item.view.proposer:
        return tr_app("app.writeback", "Usted propuso o editó esta corrección: debe aprobarla "
                      "otra persona.")
    if Role.APPROVER not in set(roles):
        return tr_app("app.writeback", "Su usuario no tiene el rol de aprobar.")
    return None


def reject_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    if actor is None:
        return _nobody()
    if Role.APPROVER not in set(roles):
        return tr_app("app.writeback", "Su usuario no tiene el rol de aprobar o rechazar.")
    if item.view.state not in (*OPEN, *UNAPPLIED):
        return _already(item.view.state)
    return None


def defer_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    if actor is None:
        return _nobody()
    if item.view.state == CorrectionState.PROPOSED and set(roles) & WORKERS:
        return None
    return tr_app("app.writeback", "Solo una corrección propuesta se puede aplazar.")


def redecide_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not send ``item`` back to the queue to decide again, or None."""
    if actor is None:
        return _nobody()
    if item.view.state not in UNAPPLIED:
        return tr_app("app.writeback", "Solo una corrección en conflicto o fallida se decide de "
                      "nuevo.")
    if item.view.kind != "field":
        return tr_app("app.writeback", "Una fusión que no se aplicó se propone de nuevo desde el "
                      "hallazgo de duplicados («Fusionar…»).")
    if Role.PROPOSER not in set(roles):
        return tr_app("app.writeback", "Su usuario no tiene el rol de proponer.")
    return None


def undo_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not propose undoing ``item``, or None."""
    if actor is None:
        return _nobody()
    if item.view.state != CorrectionState.APPLIED:
        return tr_app("app.writeback", "Solo se deshace una corrección o fusión aplicada.")
    if Role.PROPOSER not in set(roles):
        return tr_app("app.writeback", "Su usuario no tiene el rol de proponer.")
    return None
