"""Fusionar registros duplicados: the 2–3 records side by side, a choice per field, the preview.

One row per field, one column per record: a radio button per record's value, checked on the
proposal's default (the system of record's value, else the most recent). The last column is
the surviving record, recomputed on every choice (``app.writeback.merging.plan_merge``, pure
and in memory), in bold where it replaces the survivor's current value. Below: the consent
evidence that is kept and from whom (Ley 1581), what happens to each related record (deals,
payments, vehicles: re-pointed, or — a payment of a validated DIAN invoice — left for a credit
note), a comment, and «Proponer fusión», disabled with the reason when the group is blocked
(a claim in progress), when a merge of these records is already under way, or when the person
working cannot propose. Proposing goes through the correction service (maker-checker): the
merge waits in «Correcciones» for another person's approval.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.writeback import merging
from app.writeback.corrections import CorrectionView
from app.writeback.merging import MergeContext, MergePlan
from app.writeback.people import Role
from ui.common import formatting as fmt
from ui.corrections.corrections_session import DecisionsSession

_STYLE = """
QLabel#mergeHeader { font-weight: 600; color: #12283f; }
QLabel#mergeSurvivor { font-weight: 600; color: #12283f; background: #e3edf8; padding: 4px 8px; }
QLabel#mergeResult { background: #eef4fb; padding: 3px 8px; }
QLabel#mergeResult[changed="true"] { font-weight: 700; color: #1f5130; }
QLabel#mergeReason { color: #8a1c1c; }
QLabel#mergeNote { color: #4a3000; }
QFrame#mergeFields { background: #ffffff; }
"""


class MergeDialog(QDialog):
    """Choose, field by field, what survives the merge of one duplicate group; propose it."""

    proposed = Signal(object)  # the CorrectionView of the merge just proposed

    def __init__(self, context: MergeContext, session: DecisionsSession | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Fusionar registros duplicados"))
        self.setStyleSheet(_STYLE)
        self.context = context
        self.session = session
        self.choices: dict[str, str | None] = {}
        self.plan: MergePlan = merging.plan_merge(context)
        self.existing: list[CorrectionView] = []
        if session is not None and session.store is not None:
            self.existing = merging.existing(session.store, context.proposal)
        self.made: CorrectionView | None = None

        self._build_header()
        hint = QLabel(self.tr("Elija, campo por campo, el valor que queda (Tab pasa al campo "
                              "siguiente; las flechas, al valor de otro registro)."), self)
        hint.setObjectName("mergeNote")
        hint.setWordWrap(True)
        self.irreversible = QLabel(self.tr(
            "HubSpot no permite deshacer esta fusión. Cuadre guarda la imagen previa de cada "
            "registro (para rehacerlos a mano en HubSpot si hiciera falta) y no la reintenta "
            "si falla: una persona decide."), self)
        self.irreversible.setObjectName("mergeReason")
        self.irreversible.setWordWrap(True)
        self.irreversible.setVisible(context.irreversible)
        scroll = self._build_fields()
        self._build_related()
        comment_row = self._build_comment()
        self.reason = QLabel(self)
        self.reason.setObjectName("mergeReason")
        self.reason.setWordWrap(True)
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.sentence)
        layout.addWidget(hint)
        layout.addWidget(self.irreversible)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.consent)
        layout.addWidget(self.related_title)
        layout.addWidget(self.related)
        layout.addLayout(comment_row)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self._fitted = False
        self._fit()
        self._refresh()
        first = next(iter(self.groups.values()), None)
        if first is not None and first.checkedButton() is not None:
            first.checkedButton().setFocus()

    # -- building -----------------------------------------------------------------------------

    def _build_header(self) -> None:
        p = self.context.proposal
        self.title = QLabel(self.tr("Fusionar {n} registros del {system}").format(
            n=len(p.ids), system=fmt.system_name(p.system)), self)
        self.title.setObjectName("panelTitle")
        self.sentence = QLabel(self)
        self.sentence.setObjectName("mergeSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)

    def _build_fields(self) -> QScrollArea:
        """One row per field, one column per record, and the surviving record, scrolled."""
        self.groups: dict[str, QButtonGroup] = {}
        self.radios: dict[tuple[str, str], QRadioButton] = {}
        self.results: dict[str, QLabel] = {}
        fields = self._fields = QFrame(self)
        fields.setObjectName("mergeFields")
        grid = QGridLayout(fields)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self._build_grid(grid, fields)
        scroll = QScrollArea(self)
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        return scroll

    def _build_related(self) -> None:
        """The consent evidence kept, and what happens to each related record."""
        self.consent = QLabel(self)
        self.consent.setObjectName("mergeConsent")
        self.consent.setWordWrap(True)
        self.consent.setTextFormat(Qt.TextFormat.PlainText)
        self.related_title = QLabel(self)
        self.related_title.setObjectName("mergeHeader")
        self.related = QLabel(self)
        self.related.setObjectName("mergeChildren")
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.PlainText)
        self.related.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_comment(self) -> QHBoxLayout:
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(self.tr("Comentario (opcional): por qué son la misma "
                                                "persona o el mismo vehículo"))
        self.comment.setAccessibleName(self.tr("Comentario de la fusión"))
        comment_label = QLabel(self.tr("&Comentario:"), self)
        comment_label.setBuddy(self.comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(comment_label)
        comment_row.addWidget(self.comment, 1)
        return comment_row

    def _build_buttons(self) -> QHBoxLayout:
        self.propose_button = QPushButton(self.tr("&Proponer fusión"), self)
        self.propose_button.setObjectName("primaryButton")
        self.propose_button.clicked.connect(self.propose)
        self.cancel_button = QPushButton(self.tr("Cancelar"), self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.cancel_button)
        return buttons

    def _fit(self) -> None:
        """As wide as the records side by side need (within the screen), as tall as the rows."""
        screen = self.screen().availableGeometry()
        self._fields.ensurePolished()
        wanted = self._fields.sizeHint()
        width = min(max(760, wanted.width() + 80), int(screen.width() * 0.95))
        height = min(max(420, wanted.height() + 290), int(screen.height() * 0.9))
        self.resize(width, height)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # sizes are right once the style sheet has been applied
            self._fitted = True
            for widget in [*self.radios.values(), *self.results.values()]:
                widget.ensurePolished()
            self._fields.adjustSize()
            self._fit()
        super().showEvent(event)

    def _build_grid(self, grid: QGridLayout, parent: QWidget) -> None:
        p = self.context.proposal
        ids = list(self.context.records)
        head = QLabel(self.tr("Campo"), parent)
        head.setObjectName("mergeHeader")
        grid.addWidget(head, 0, 0)
        for col, sid in enumerate(ids, start=1):
            role = self.tr("queda") if sid == p.survivor else self.tr("se va")
            at = self.context.records[sid].get("updated_at")
            when = fmt.shown_value("updated_at", at) if at is not None else self.tr("sin fecha")
            label = QLabel(f"{sid} ({role})\n" + self.tr("Actualizado: {when}").format(when=when),
                           parent)
            label.setObjectName("mergeHeader")
            grid.addWidget(label, 0, col)
        survivor = QLabel(self.tr("Registro que queda"), parent)
        survivor.setObjectName("mergeSurvivor")
        grid.addWidget(survivor, 0, len(ids) + 1)
        for row, preview in enumerate(self.plan.fields, start=1):
            grid.addWidget(QLabel(preview.label, parent), row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            self.groups[preview.field] = group
            checked = preview.from_id or p.survivor
            for col, (sid, value) in enumerate(preview.options, start=1):
                radio = QRadioButton(fmt.shown_value(preview.field, value), parent)
                radio.setAccessibleName(self.tr("{field} de {record}: {value}").format(
                    field=preview.label, record=sid, value=fmt.shown_value(preview.field, value)))
                radio.setChecked(sid == checked)
                radio.toggled.connect(self._chooser(preview.field, sid))
                group.addButton(radio)
                self.radios[(preview.field, sid)] = radio
                grid.addWidget(radio, row, col, Qt.AlignmentFlag.AlignLeft)
            result = QLabel(parent)
            result.setObjectName("mergeResult")
            result.setTextFormat(Qt.TextFormat.PlainText)
            self.results[preview.field] = result
            grid.addWidget(result, row, len(ids) + 1)
        grid.setColumnStretch(len(ids) + 1, 1)
        grid.setRowStretch(len(self.plan.fields) + 1, 1)

    # -- choosing -----------------------------------------------------------------------------

    def _chooser(self, field: str, record_id: str) -> Any:
        def toggled(on: bool) -> None:
            if on:
                self.choose(field, record_id)
        return toggled

    def choose(self, field: str, record_id: str) -> None:
        """Take ``field``'s value from ``record_id`` and recompute the preview."""
        radio = self.radios.get((field, record_id))
        if radio is not None and not radio.isChecked():
            radio.setChecked(True)  # toggled() comes back here
            return
        self.choices[field] = record_id
        self.plan = merging.plan_merge(self.context, self.choices)
        self._refresh()

    def _refresh(self) -> None:
        plan = self.plan
        self.sentence.setText(plan.sentence)
        for preview in plan.fields:
            label = self.results[preview.field]
            label.setText(preview.text)
            label.setToolTip(self.tr("Cambia: antes {old}").format(old=fmt.shown_value(
                preview.field, self.context.records[self.context.proposal.survivor].get(
                    preview.field))) if preview.changed else self.tr("Sin cambio"))
            if bool(label.property("changed")) != preview.changed:
                label.setProperty("changed", preview.changed)
                label.style().unpolish(label)
                label.style().polish(label)
        self.consent.setText(plan.consent)
        self.consent.setVisible(bool(plan.consent))
        self.related_title.setText(self.tr("Registros relacionados ({n})").format(
            n=fmt.count(len(plan.children))))
        lines = [("→ " if c.action == "repoint" else "⚠ ") + c.sentence for c in plan.children]
        self.related.setText("\n".join(lines) if lines else self.tr(
            "Ningún negocio, pago o vehículo queda con otro documento: no hay nada que "
            "reasignar."))
        why = self.refusal()
        self.propose_button.setEnabled(why is None)
        self.propose_button.setToolTip(why or "")
        self.reason.setText(why or "")
        self.reason.setVisible(bool(why))

    def refusal(self) -> str | None:
        """Why «Proponer fusión» is disabled (Spanish), or None."""
        session = self.session
        if self.plan.blocked:
            return self.tr("Bloqueada: {why}").format(why=self.plan.blocked)
        if session is None or session.store is None:
            return (session.error if session is not None and session.error
                    else self.tr("No hay almacén de trabajo."))
        if session.user is None:
            return self.tr("Elija primero quién trabaja (Usuario, en la barra de herramientas).")
        if self.existing:
            state = self.existing[0].state
            return self.tr("Ya hay una fusión de estos registros en curso ({state}): búsquela "
                           "en Correcciones.").format(state=fmt.state_in_sentence(state))
        if not session.has(Role.PROPOSER):
            return self.tr("Su usuario no tiene el rol de proponer.")
        return None

    # -- proposing --------------------------------------------------------------------------

    def propose(self) -> str | None:
        """Propose the merge as shown; None when it was proposed, else the refusal (shown)."""
        why = self.refusal()
        session = self.session
        if why is not None or session is None or session.store is None or session.user is None:
            return why
        store, user, plan = session.store, session.user, self.plan
        comment = self.comment.text().strip() or None
        made: list[Any] = []
        error = session.call(lambda: made.append(merging.propose_plan(
            store, user, plan, workspace=session.workspace, comment=comment)))
        if error is not None:
            self.reason.setText(error)
            self.reason.show()
            return error
        self.made = made[0]
        self.proposed.emit(self.made)
        self.accept()
        return None

