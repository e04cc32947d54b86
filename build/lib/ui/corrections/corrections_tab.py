"""Correcciones: the queue of corrections with maker-checker, and the credit/debit-note tasks.

The queue lists every correction of the workspace store, newest first, filtered by state,
proposer and entity. An approver approves or rejects the selected one; the person who proposed
or edited it cannot approve it — the button is disabled with the reason, and if an approval is
forced anyway (``approve``) the service refuses it and its sentence is shown. Below, «Notas
crédito/débito»: the corrections of validated DIAN invoices of the report on screen, which are
never edited but become notes for the accountant (computed off the GUI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from app.progress import CancelToken, Task
from app.reconcile.results import Report
from app.writeback import corrections
from app.writeback.decisions import Decision, decide, undo
from app.writeback.fiscal import CreditNoteTask
from app.writeback.proposals import credit_note_tasks, propose_entity
from app.writeback.queue import (
    QueueItem,
    approve_refusal,
    defer_refusal,
    describe,
    queue,
    redecide_refusal,
    reject_refusal,
    undo_refusal,
)
from app.writeback.states import OPEN, UNAPPLIED, CorrectionState
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.table_export import ExportInfo, filters_text
from ui.common.tasks import TaskRunner
from ui.corrections.corrections_session import DecisionsSession

QUEUE_HEADERS = (
    QT_TRANSLATE_NOOP("CorrectionsTab", "Estado"), QT_TRANSLATE_NOOP("CorrectionsTab", "Entidad"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Sistema"), QT_TRANSLATE_NOOP("CorrectionsTab", "Registro"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Campo"), QT_TRANSLATE_NOOP("CorrectionsTab", "Cambio"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Propuso"), QT_TRANSLATE_NOOP("CorrectionsTab", "Decidió"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Último comentario"))
NOTE_HEADERS = (
    QT_TRANSLATE_NOOP("CorrectionsTab", "Nota"), QT_TRANSLATE_NOOP("CorrectionsTab", "Factura"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Recibo"), QT_TRANSLATE_NOOP("CorrectionsTab", "Cliente"),
    QT_TRANSLATE_NOOP("CorrectionsTab", "Valor"), QT_TRANSLATE_NOOP("CorrectionsTab", "Qué hacer"))

#: The states the filter offers, in the order of the flow.
FILTER_STATES = (CorrectionState.PROPOSED, CorrectionState.APPROVED, CorrectionState.REJECTED,
                 CorrectionState.DEFERRED, CorrectionState.QUEUED, CorrectionState.APPLIED,
                 CorrectionState.CONFLICT)


def notes_task(report: Report, sor: Any, cancel: CancelToken) -> Task[list[CreditNoteTask]]:
    """The credit/debit-note tasks of ``report`` (only payments can have them)."""
    result = report.results.get(Entity.PAYMENTS)
    if result is None:
        return []
    proposals = []
    for i, p in enumerate(propose_entity(result, sor)):
        if i % 200 == 0:
            cancel.check()
        proposals.append(p)
    yield from ()
    return credit_note_tasks(proposals)


#: The background of a row that waits for a person after a push (conflict, failed).
_ATTENTION = QColor("#fdf0d5")


class CorrectionsTab(QWidget):
    message = Signal(str)

    def __init__(self, session: DecisionsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsTab")
        self.session = session
        self.items: list[QueueItem] = []
        self.notes: list[CreditNoteTask] = []
        self._notes_runner = TaskRunner(self)
        self._notes_runner.finished.connect(self._on_notes)

        queue = QWidget(self)
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addLayout(self._build_filters())
        queue_layout.addWidget(self._build_table(), 1)
        self.reason = QLabel(self)
        self.reason.setObjectName("approveReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #4a3000;")
        queue_layout.addWidget(self.reason)
        queue_layout.addLayout(self._build_actions())

        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(queue)
        splitter.addWidget(self._build_notes())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 110])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        session.changed.connect(self.reload)
        session.userChanged.connect(lambda _u: self._refresh_buttons())
        self._fill_people()
        self.set_notes([])
        self.reload()

    # -- building -----------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        """State, proposer and entity filters, and how many corrections they keep."""
        self.state_combo = QComboBox(self)
        self.state_combo.addItem(self.tr("Todos"), None)
        for state in FILTER_STATES:
            self.state_combo.addItem(fmt.state_name(state), state)
        self.proposer_combo = QComboBox(self)
        self.entity_combo = QComboBox(self)
        self.entity_combo.addItem(self.tr("Todas"), None)
        for entity in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES):
            self.entity_combo.addItem(fmt.entity_name(entity), entity.value)
        for combo in (self.state_combo, self.proposer_combo, self.entity_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for text, combo in ((self.tr("Es&tado:"), self.state_combo),
                            (self.tr("&Quién propuso:"), self.proposer_combo),
                            (self.tr("Entida&d:"), self.entity_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.count_label = QLabel(self)
        filters.addWidget(self.count_label)
        return filters

    def _build_table(self) -> QTableWidget:
        self.table = QTableWidget(0, len(QUEUE_HEADERS), self)
        self.table.setObjectName("correctionsTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in QUEUE_HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Cola de correcciones"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.currentCellChanged.connect(lambda *_: self._refresh_buttons())
        return self.table

    def _build_actions(self) -> QHBoxLayout:
        """The comment and the decisions on the selected correction."""
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(self.tr("Comentario (opcional; motivo al rechazar)"))
        self.comment.setAccessibleName(self.tr("Comentario de la decisión"))
        comment_label = QLabel(self.tr("Comentario:"), self)
        comment_label.setBuddy(self.comment)
        self.approve_button = QPushButton(self.tr("Apro&bar"), self)
        self.approve_button.setObjectName("primaryButton")
        self.reject_button = QPushButton(self.tr("&Rechazar"), self)
        self.defer_button = QPushButton(self.tr("Aplazar"), self)
        # After a push: a conflict or a failure is decided again; an applied one undone.
        self.redecide_button = QPushButton(self.tr("Decidir de &nuevo"), self)
        self.redecide_button.setToolTip(self.tr(
            "Vuelve a «Propuesta» partiendo del valor que tiene el sistema: necesita una "
            "aprobación nueva."))
        self.undo_button = QPushButton(self.tr("Des&hacer…"), self)
        self.approve_button.clicked.connect(lambda: self.approve())
        self.reject_button.clicked.connect(lambda: self.reject())
        self.defer_button.clicked.connect(lambda: self.defer())
        self.redecide_button.clicked.connect(lambda: self.redecide())
        self.undo_button.clicked.connect(lambda: self.undo())
        actions = QHBoxLayout()
        actions.addWidget(comment_label)
        actions.addWidget(self.comment, 1)
        for button in self._buttons():
            actions.addWidget(button)
        return actions

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.approve_button, self.reject_button, self.defer_button,
                self.redecide_button, self.undo_button)

    def _build_notes(self) -> QWidget:
        """«Notas crédito/débito para contabilidad», under the queue."""
        self.notes_title = QLabel(self)
        self.notes_title.setObjectName("panelTitle")
        self.notes_table = QTableWidget(0, len(NOTE_HEADERS), self)
        self.notes_table.setObjectName("creditNotesTable")
        self.notes_table.setHorizontalHeaderLabels([self.tr(h) for h in NOTE_HEADERS])
        self.notes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.notes_table.verticalHeader().setVisible(False)
        self.notes_table.horizontalHeader().setStretchLastSection(True)
        self.notes_table.setAccessibleName(self.tr("Notas crédito/débito"))
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 4, 0, 0)
        notes_layout.addWidget(self.notes_title)
        notes_layout.addWidget(self.notes_table, 1)
        return notes

    # -- filling ------------------------------------------------------------------------------

    def _fill_people(self) -> None:
        current = self.proposer_combo.currentData()
        self.proposer_combo.blockSignals(True)
        self.proposer_combo.clear()
        self.proposer_combo.addItem(self.tr("Todos"), None)
        for person in self.session.people():
            self.proposer_combo.addItem(person.name, person.login)
        index = self.proposer_combo.findData(current)
        self.proposer_combo.setCurrentIndex(max(index, 0))
        self.proposer_combo.blockSignals(False)

    def export_info(self, view: Any) -> ExportInfo:
        """«Exportar a Excel…»: the queue with its filters, or the credit/debit notes."""
        if view is self.notes_table:
            return ExportInfo(self.tr("Notas crédito/débito"))
        return ExportInfo(self.tr("Correcciones"), filters_text([
            (label, combo.currentText() if combo.currentIndex() > 0 else None)
            for label, combo in ((self.tr("Estado"), self.state_combo),
                                 (self.tr("Quién propuso"), self.proposer_combo),
                                 (self.tr("Entidad"), self.entity_combo))]))

    def _entity_filter(self) -> Entity | None:
        value = self.entity_combo.currentData()
        return Entity(value) if value else None

    def set_filters(self, *, state: str | None = None, proposer: str | None = None,
                    entity: Entity | None = None) -> None:
        for combo, value in ((self.state_combo, state), (self.proposer_combo, proposer),
                             (self.entity_combo, entity.value if entity else None)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        store = self.session.store
        if self.proposer_combo.count() != len(self.session.people()) + 1:
            self._fill_people()
        selected = self.current_item()
        keep = selected.view.id if selected else None
        if store is None:
            self.items = []
            self.count_label.setText(self.session.error or "")
        else:
            self.items = queue(store, state=self.state_combo.currentData(),
                               proposer=self.proposer_combo.currentData(),
                               entity=self._entity_filter())
            self.count_label.setText(self.tr("{n} correcciones").format(
                n=fmt.count(len(self.items))))
        table = self.table
        table.setRowCount(len(self.items))
        row_to_select = 0
        for r, item in enumerate(self.items):
            v = item.view
            cells = (fmt.state_name(v.state), fmt.entity_name(v.entity), fmt.system_name(v.system),
                     v.source_id,
                     # a whole merge: «Fusión de 2 registros en …»
                     self.tr("Fusión") if v.kind == "merge" else fmt.field_name(v.field),
                     describe(v, item.found), v.proposer, v.decided_by or "",
                     item.last_comment or "")
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c == 5:
                    cell.setToolTip(text)
                if v.state in UNAPPLIED:  # waits for a person: stands out
                    cell.setBackground(_ATTENTION)
                table.setItem(r, c, cell)
            if v.id == keep:
                row_to_select = r
        table.resizeColumnsToContents()
        for c in range(table.columnCount() - 1):  # «Cambio» (5) may say both values
            table.horizontalHeader().resizeSection(c, min(table.horizontalHeader().sectionSize(c),
                                                          560 if c == 5 else 280))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.items:
            table.selectRow(row_to_select)
        self._refresh_buttons()

    def set_notes(self, notes: Sequence[CreditNoteTask]) -> None:
        self.notes = list(notes)
        self.notes_title.setText(self.tr("Notas crédito/débito para contabilidad ({n})").format(
            n=fmt.count(len(self.notes))))
        table = self.notes_table
        table.setRowCount(len(self.notes))
        for r, note in enumerate(self.notes):
            kind = self.tr("Nota débito") if note.note == "debit_note" else self.tr("Nota crédito")
            if note.reissue:
                kind += self.tr(" y factura nueva")
            cells = (kind, note.invoice_number or "", note.receipt_number or "",
                     note.customer_doc or "", fmt.money(note.amount) if note.amount else "",
                     note.sentence)
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if c == 5 else "")
                table.setItem(r, c, cell)
        table.resizeColumnsToContents()
        # No notes: the queue takes the room (the title still says there are none).
        table.setVisible(bool(self.notes))
        if not self.notes:
            total = sum(self.splitter.sizes())
            title = self.notes_title.sizeHint().height() + 8
            self.splitter.setSizes([max(total - title, 0), title])

    def load_report(self, report: Report | None) -> None:
        """Compute the note tasks of ``report`` off the GUI thread (None empties the list)."""
        if report is None:
            self.set_notes([])
            return
        sor = self.session.system_of_record
        self._notes_runner.start(lambda cancel: notes_task(report, sor, cancel))

    def _on_notes(self, notes: Any) -> None:
        if isinstance(notes, list):
            self.set_notes(notes)

    @property
    def notes_running(self) -> bool:
        return self._notes_runner.running

    # -- decisions ----------------------------------------------------------------------------

    def current_item(self) -> QueueItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def select(self, correction_id: str) -> None:
        for r, item in enumerate(self.items):
            if item.view.id == correction_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.table.model().index(r, 0))
                return

    def _refresh_buttons(self) -> None:
        item = self.current_item()
        session = self.session
        if item is None:
            for button in self._buttons():
                button.setEnabled(False)
                button.setToolTip(self.tr("Seleccione una corrección de la cola."))
            self.reason.setText("")
            self.reason.hide()
            return
        user, roles = session.user, session.roles
        approve = approve_refusal(item, user, roles)
        refusals = (approve, reject_refusal(item, user, roles), defer_refusal(item, user, roles),
                    redecide_refusal(item, user, roles), undo_refusal(item, user, roles))
        for button, why in zip(self._buttons(), refusals, strict=True):
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        v = item.view
        if v.state == CorrectionState.CONFLICT and item.found is not None and v.kind == "field":
            self.reason.setText(self.tr(
                "En conflicto: se quería «{wanted}» y el sistema tiene «{found}» (alguien lo "
                "cambió después de aprobarla). «Decidir de nuevo» la vuelve a proponer partiendo "
                "del valor del sistema; «Rechazar» la descarta.").format(
                    wanted=fmt.shown_value(v.field, v.new_value),
                    found=fmt.shown_value(v.field, item.found_value)))
        else:
            self.reason.setText(self.tr("No puede aprobarla: {why}").format(why=approve)
                                if approve and v.state in OPEN else "")
        self.reason.setVisible(bool(self.reason.text()))

    def _act(self, do: Any, done: str) -> str | None:
        item, session = self.current_item(), self.session
        if item is None or session.store is None or session.user is None:
            return self.tr("Seleccione una corrección y elija quién trabaja.")
        store, user = session.store, session.user
        comment = self.comment.text().strip() or None
        error = session.call(lambda: do(store, user, item.view.id, comment=comment,
                                        expected_version=item.view.version))
        if error is None:
            self.comment.clear()
        self.message.emit(error or done)
        return error

    def _decide(self, decision: Decision, done: str) -> str | None:
        def act(store: Any, user: str, correction_id: str, *, comment: str | None,
                expected_version: int | None) -> Any:
            return decide(store, user, decision, correction_id, comment=comment,
                          expected_version=expected_version)

        return self._act(act, done)

    def approve(self) -> str | None:
        """Approve the selected correction (the service decides; its refusal is returned)."""
        return self._decide(Decision.APPROVE, self.tr("Aprobada: queda lista para enviar."))

    def reject(self) -> str | None:
        return self._decide(Decision.REJECT, self.tr("Corrección rechazada."))

    def defer(self) -> str | None:
        return self._decide(Decision.DEFER, self.tr("Corrección aplazada."))

    def redecide(self) -> str | None:
        """Send a conflict or a failure back to «Propuesta» (from the value the system has)."""
        return self._act(corrections.redecide, self.tr(
            "De vuelta en la cola como propuesta: necesita una aprobación nueva."))

    def undo(self) -> str | None:
        """Propose undoing the selected applied correction or merge from its pre-image."""
        item = self.current_item()
        if item is None:
            return self.tr("Seleccione una corrección aplicada.")
        view = item.view

        def propose(store: Any, user: str, correction_id: str, *, comment: str | None,
                    expected_version: int | None) -> Any:
            return undo(store, user, view, comment=comment)

        return self._act(propose, self.tr(
            "Propuesto deshacerla: la corrección inversa espera la aprobación de otra persona."))

    def pending_count(self) -> int:
        store = self.session.store
        if store is None:
            return 0
        return len(corrections.listing(store, state=CorrectionState.PROPOSED))

    def shutdown(self) -> bool:
        return self._notes_runner.shutdown()
