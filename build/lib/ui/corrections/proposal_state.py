"""What is already done about a finding, and who may do it: shown where people propose.

:class:`CorrectionMarks` reads, through the correction loop's services (``decisions.existing``,
``merging.existing``), the corrections already made for a tab's findings, and
:func:`correction_mark` says one in a few words («Propuesta por Ana Ruiz el 02/03/2026»,
«Aprobada por …», «Enviada el …: aplicada»): the findings table shows it in its «Corrección»
column and the proposals panel under the proposal, so nobody proposes a finding twice.

:class:`PersonBanner` is the inline notice of the proposals panel when nobody works yet:
proposing needs a person, and its button opens the people dialog to create (or choose) one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.schema import System
from app.domain.values import in_bogota
from app.reconcile.results import EntityResult, Mismatch
from app.writeback import corrections, decisions, merging
from app.writeback.corrections import CorrectionView
from app.writeback.merges import MERGEABLE, merge_proposal
from app.writeback.states import LIVE, CorrectionState
from app.writeback.workspace import Store
from ui.common import formatting as fmt

#: Findings that are a group of duplicates (a merge, not a field correction).
DUPLICATE_KINDS = ("duplicate_key", "possible_duplicate")

#: On its way or sent: the row says when it left, not who approved it.
_SENT = (CorrectionState.ATTEMPTING, CorrectionState.UNKNOWN, CorrectionState.APPLIED,
         CorrectionState.CONFLICT)


def _day(moment: datetime | None) -> str:
    return in_bogota(moment).strftime("%d/%m/%Y") if moment is not None else fmt.EMPTY


def correction_mark(view: CorrectionView, names: Mapping[str, str]) -> str:
    """«Propuesta por Ana Ruiz el 02/03/2026», «Aprobada por …», «Enviada el …: aplicada»:
    where the correction made for a finding stands (``names``: login → the person's name)."""
    def who(login: str | None) -> str:
        return names.get(login or "", login or fmt.EMPTY)

    state = view.state
    if state is CorrectionState.PROPOSED:
        return fmt.tr("Propuesta por {who} el {day}").format(
            who=who(view.last_editor or view.proposer), day=_day(view.updated_at))
    if state is CorrectionState.DEFERRED:
        return fmt.tr("Aplazada por {who} el {day}").format(
            who=who(view.decided_by), day=_day(view.decided_at))
    if state is CorrectionState.APPROVED:
        return fmt.tr("Aprobada por {who} el {day}").format(
            who=who(view.approver), day=_day(view.decided_at))
    if state is CorrectionState.QUEUED:
        return fmt.tr("Aprobada por {who} el {day}: en cola para enviar").format(
            who=who(view.approver), day=_day(view.decided_at))
    if state in _SENT:
        return fmt.tr("Enviada el {day}: {state}").format(day=_day(view.updated_at),
                                                          state=fmt.state_in_sentence(state))
    return fmt.tr("{state} el {day}").format(state=fmt.state_in_sentence(state).capitalize(),
                                             day=_day(view.updated_at))


#: The colour a finding's row shows for its correction: waiting for a decision (amber), on
#: its way (blue), applied (green), refused by the system it was sent to (red).
_COLORS = {
    CorrectionState.PROPOSED: "#d99a00", CorrectionState.DEFERRED: "#d99a00",
    CorrectionState.APPROVED: "#2f6fb3", CorrectionState.QUEUED: "#2f6fb3",
    CorrectionState.ATTEMPTING: "#2f6fb3", CorrectionState.UNKNOWN: "#2f6fb3",
    CorrectionState.APPLIED: "#2e7d32", CorrectionState.CONFLICT: "#b3261e",
}


def correction_color(view: CorrectionView) -> str:
    """"#rrggbb" for where ``view`` stands (see ``_COLORS``); grey for anything else."""
    return _COLORS.get(view.state, "#6b6f76")


def _records(m: Mismatch) -> list[tuple[System, str]]:
    out = [(s, i) for s, i in ((System.CRM, m.crm_id), (System.ERP, m.erp_id)) if i]
    if m.ids:
        group = System(m.system or System.CRM)
        out += [(group, i) for i in m.ids]
    return out


def existing_for(store: Store, result: EntityResult, m: Mismatch,
                 system_of_record: Mapping[str, str] | None) -> list[CorrectionView]:
    """The corrections already made for ``m``, oldest first: for a duplicate group the merge
    under way, else those of its proposal (same record, field and value read)."""
    if m.kind in DUPLICATE_KINDS:
        if result.entity not in MERGEABLE or m.system is None:
            return []
        group = next((d for d in result.duplicates if d.system is m.system
                      and tuple(d.ids) == tuple(m.ids)), None)
        if group is None:
            return []
        return merging.existing(store, merge_proposal(result, group, system_of_record))
    return decisions.existing(store, decisions.proposal(result, m, system_of_record))


def _snapshot(store: Store, result: EntityResult
              ) -> dict[str, tuple[CorrectionState, int, frozenset[tuple[System, str]]]]:
    """Each live correction of ``result``'s entity: its state, version and the records it
    touches (a merge's survivor and the records it absorbs)."""
    out = {}
    for view in corrections.listing(store):
        if view.entity is result.entity and view.state in LIVE:
            records = {(view.system, view.source_id)}
            if merging.is_merge(view):
                records.update((view.system, str(i)) for i in view.payload.get("merged") or ())
            out[view.id] = (view.state, view.version, frozenset(records))
    return out


class CorrectionMarks:
    """Which findings of a tab have a correction under way or done, kept up to date.

    :meth:`update` lists the store's corrections once; only findings whose records a
    correction touches are looked at closer (``decisions.existing`` / ``merging.existing``,
    the rule the panel and proposing use), and of those only the ones whose corrections
    changed since the last update: after one decision, one finding is read again, not all."""

    def __init__(self) -> None:
        self._result: EntityResult | None = None
        self._seen: dict[str, tuple[CorrectionState, int, frozenset[tuple[System, str]]]] = {}
        self._found: dict[int, CorrectionView | None] = {}  # id(finding) → its first one

    def update(self, store: Store, result: EntityResult, findings: Sequence[Mismatch],
               system_of_record: Mapping[str, str] | None) -> dict[int, CorrectionView]:
        """Row number (in ``findings``' order) → the first correction made for that finding.
        A new ``result`` (another reconciliation) starts afresh."""
        if result is not self._result:
            self._result, self._seen, self._found = result, {}, {}
        now = _snapshot(store, result)
        changed: set[tuple[System, str]] = set()
        for ident in self._seen.keys() | now.keys():
            before, after = self._seen.get(ident), now.get(ident)
            if before != after:
                changed.update(before[2] if before else ())
                changed.update(after[2] if after else ())
        touched = set().union(*(records for _state, _version, records in now.values()))
        self._seen = now
        marks = {}
        for row, m in enumerate(findings):
            records = _records(m)
            if not any(record in touched for record in records):
                self._found.pop(id(m), None)
                continue
            key = id(m)
            if key not in self._found or any(record in changed for record in records):
                views = existing_for(store, result, m, system_of_record)
                self._found[key] = views[0] if views else None
            view = self._found[key]
            if view is not None:
                marks[row] = view
        return marks


class PersonBanner(QFrame):
    """«Para proponer hace falta una persona…» with a button that opens the people dialog;
    shown only while nobody works in a workspace that has a store."""

    peopleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#personBanner { background: #fff4d6; border: 1px solid #e3c77a;"
                           " border-radius: 4px; } #personBanner QLabel { color: #4a3000; }")
        self.text = QLabel(self)
        self.text.setObjectName("personBannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self)
        self.button.setObjectName("personBannerButton")
        self.button.clicked.connect(self.peopleRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_for(self, has_store: bool, user: str | None, has_people: bool) -> None:
        """Say what is missing, or hide: nobody yet (create the first person), or nobody
        chosen (choose who works)."""
        if not has_store or user is not None:
            self.hide()
            return
        if has_people:
            self.text.setText(self.tr("Para proponer correcciones, elija quién trabaja."))
            self.button.setText(self.tr("Elegir persona…"))
        else:
            self.text.setText(self.tr(
                "Para proponer correcciones hace falta una persona que las firme. Aún no hay "
                "ninguna en este espacio de trabajo: la primera será la administradora."))
            self.button.setText(self.tr("Crear persona…"))
        self.show()
