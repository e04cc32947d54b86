"""«¿Dónde está este VIN?» (Ctrl+L): type a VIN or its last characters, Enter.

The dialog shows the VIN's records side by side — one column per record of the CRM and of the
ERP: state, branch, customer (for the ERP, whom it is reserved or sold for), vehicle, price,
the CRM's deal and its stage, the ERP's invoice, delivery —, where and when it was last
counted, and every finding on it still open; Enter or a double click on a finding asks the
window to show it in its tab (:attr:`VinDialog.findingChosen`). A tail that several VINs end
with lists them; choosing one looks it up.

The answer comes from the workspace's latest saved run (:func:`app.vin.lookup.lookup`, a quick
read of the store); «Actualizar» reads the VIN again in the two systems
(:func:`app.vin.live.live_answer`) with progress and «Cancelar». Both run on the dialog's
worker (:class:`~ui.common.tasks.TaskRunner`), never on the GUI thread; what the engine
refuses is shown in its Spanish sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.connections.profiles import ProfileError
from app.connectors.base import SourceError
from app.domain.labels import FINDING_STATE_LABELS, STAGE_LABELS
from app.domain.moments import moment_text
from app.domain.schema import System
from app.progress import CancelToken, Progress, Task
from app.vin.lookup import Ambiguous, VinAnswer, VinError, lookup
from app.writeback.workspace import Store, StoreError
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner, show_progress

if TYPE_CHECKING:  # the systems' readers load when «Actualizar» asks
    from app.vin.live import Opener
    from app.vin.records import Party, Vehicle, VinRecords

_ERROR_STYLE = "color: #8a1c1c;"
#: The rows of the side-by-side table.
_ROWS = (fmt.QT_TRANSLATE_NOOP("VinDialog", "Estado"), fmt.QT_TRANSLATE_NOOP("VinDialog", "Sede"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Cliente"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Vehículo"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Precio"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Negocio"), fmt.QT_TRANSLATE_NOOP("VinDialog", "Etapa"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Asesor"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Factura"),
         fmt.QT_TRANSLATE_NOOP("VinDialog", "Entregado"))


def _caught(task: Task[Any]) -> Task[Any]:
    """``task``'s result, or the refusal it raised (shown as its sentence, not as a failure)."""
    try:
        return (yield from task)
    except (VinError, SourceError, ProfileError, StoreError) as exc:
        return exc


def _looking(store: Store, workspace: str | None, text: str,
             cancel: CancelToken) -> Task[VinAnswer]:
    cancel.check()
    yield Progress("vin_lookup", 0, 1)
    return lookup(store, workspace, text)


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(0, 0, parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return moment_text(value, offset=True)
    return value.strftime("%d/%m/%Y")


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p) or "—"


def _party(p: Party | None) -> str:
    return "—" if p is None else _join(p.doc, p.name)


class VinDialog(QDialog):
    """«¿Dónde está este VIN?» on ``store``'s ``workspace`` (its latest run when None);
    ``opener`` gives what «Actualizar» reads (the systems on screen), or raises
    :class:`ProfileError` when they cannot be named."""

    findingChosen = Signal(str, str)  # entity code, finding id: show it in its tab
    answered = Signal()  # an answer, a refusal or a list of VINs is on screen

    def __init__(self, store: Store | None, workspace: str | None,
                 opener: Callable[[], Opener], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vinDialog")
        self.setWindowTitle(self.tr("¿Dónde está este VIN?"))
        self.store, self.workspace, self._opener = store, workspace, opener
        self.answer: VinAnswer | None = None
        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(lambda message: self._say(message, error=True))
        self.runner.cancelled.connect(lambda: self._say(self.tr("Lectura cancelada."),
                                                        error=False))
        self.runner.runningChanged.connect(lambda _r: self._enable())
        self._build()
        self.resize(940, 640)
        self._enable()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.vin_edit = QLineEdit(self)
        self.vin_edit.setObjectName("vinEdit")
        self.vin_edit.setPlaceholderText(self.tr("VIN, o sus últimos 6 a 8 caracteres"))
        self.vin_edit.setToolTip(self.tr("Escriba el VIN o su final y pulse Enter"))
        self.vin_edit.returnPressed.connect(self.search)
        self.vin_edit.textChanged.connect(lambda _t: self._enable())
        self.search_button = QPushButton(self.tr("&Buscar"), self)
        self.search_button.setObjectName("vinSearch")
        self.search_button.clicked.connect(self.search)
        self.live_button = QPushButton(self.tr("&Actualizar"), self)
        self.live_button.setObjectName("vinLive")
        self.live_button.setToolTip(self.tr("Leer este VIN otra vez en el CRM y el ERP"))
        self.live_button.clicked.connect(self.refresh_live)
        self.cancel_button = QPushButton(self.tr("&Cancelar lectura"), self)
        self.cancel_button.setObjectName("vinCancel")
        self.cancel_button.clicked.connect(self.runner.cancel)
        row = QHBoxLayout()
        label = QLabel(self.tr("&VIN:"), self)
        label.setBuddy(self.vin_edit)
        for widget in (label, self.vin_edit, self.search_button, self.live_button,
                       self.cancel_button):
            row.addWidget(widget, 1 if widget is self.vin_edit else 0)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("vinProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.source_label = QLabel(self)
        self.source_label.setObjectName("vinSource")
        self.source_label.setWordWrap(True)
        self.sides = _table(self, "vinSides")
        self.matches = _table(self, "vinMatches")
        self.matches.itemActivated.connect(self._match_chosen)
        self.matches.verticalHeader().hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("vinCount")
        self.count_label.setWordWrap(True)
        self.findings_label = QLabel(self)
        self.findings_label.setObjectName("vinFindingsLabel")
        self.findings = _table(self, "vinFindings")
        self.findings.setToolTip(self.tr("Enter o doble clic: ver el hallazgo en su pestaña"))
        self.findings.itemActivated.connect(self._finding_chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.source_label)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.sides)
        layout.addWidget(self.count_label)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings, 100)
        layout.addStretch(1)  # takes the room when there is no finding to list
        layout.addWidget(buttons)
        self._clear()

    def _clear(self) -> None:
        for table in (self.sides, self.matches, self.findings):
            table.setRowCount(0)
            table.hide()
        self.count_label.clear()
        self.findings_label.clear()

    # --- asking -----------------------------------------------------------------------------

    def search(self) -> None:
        """Look the typed VIN up in the latest saved run (Enter, «Buscar»)."""
        text = self.vin_edit.text().strip()
        if not text or self.runner.running:
            return
        store = self.store
        if store is None:
            self._say(self.tr("No hay un espacio de trabajo abierto: pulse «Actualizar» para "
                              "leer el VIN en los dos sistemas."), error=True)
            return
        workspace = self.workspace
        self._say(self.tr("Buscando…"), error=False)
        self.runner.start(lambda cancel: _caught(_looking(store, workspace, text, cancel)))

    def refresh_live(self) -> None:
        """«Actualizar»: read the VIN again in the two systems, on the worker."""
        text = (self.answer.vin if self.answer is not None
                and self.vin_edit.text().strip() in (self.answer.typed, self.answer.vin)
                else self.vin_edit.text().strip())
        if not text or self.runner.running:
            return
        try:
            opener = self._opener()
        except ProfileError as exc:
            self._say(str(exc), error=True)
            return
        store, workspace = self.store, self.workspace
        self._say(self.tr("Leyendo el VIN en el CRM y el ERP…"), error=False)
        from app.vin.live import live_answer  # the systems' readers (pandas): when asked

        self.runner.start(lambda cancel: _caught(
            live_answer(opener, store, workspace, text, cancel=cancel)))

    def _progress(self, report: Progress) -> None:
        show_progress(self.progress, report)
        if report.step.startswith("pull_"):
            self.source_label.setText(fmt.step_text(report.step) + "…")

    def _enable(self) -> None:
        running = self.runner.running
        typed = bool(self.vin_edit.text().strip())
        self.search_button.setEnabled(typed and not running and self.store is not None)
        self.live_button.setEnabled(typed and not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)

    def _say(self, text: str, *, error: bool) -> None:
        self.source_label.setText(text)
        self.source_label.setStyleSheet(_ERROR_STYLE if error else "")

    # --- answers ----------------------------------------------------------------------------

    def _finished(self, result: object) -> None:
        if isinstance(result, Ambiguous):
            self._show_matches(result)
        elif isinstance(result, Exception):
            self._clear()
            self.answer = None
            self._say(str(result), error=True)
        elif isinstance(result, VinAnswer):
            self.show_answer(result)
        self.answered.emit()

    def _show_matches(self, refused: Ambiguous) -> None:
        self._clear()
        self.answer = None
        text = str(refused) + (self.tr(" Elija uno de la lista (Enter o doble clic).")
                               if refused.matches else "")
        self._say(text, error=True)
        self.matches.setColumnCount(3)
        self.matches.setHorizontalHeaderLabels([self.tr("VIN"), "CRM", "ERP"])
        self.matches.setRowCount(len(refused.matches))
        for row, r in enumerate(refused.matches):
            cells = [_cell(r.vin, r.vin), _cell(self._where(r.crm)), _cell(self._where(r.erp))]
            for column, item in enumerate(cells):
                self.matches.setItem(row, column, item)
        self.matches.show()
        self.matches.setFocus()
        self.matches.selectRow(0)

    def _where(self, vehicles: Sequence[Vehicle]) -> str:
        if not vehicles:
            return self.tr("no lo tiene")
        return " / ".join(_join(fmt.status_name(v.status) if v.status else None, v.branch)
                          for v in vehicles)

    def _match_chosen(self, item: QTableWidgetItem) -> None:
        first = self.matches.item(item.row(), 0)
        if first is None:
            return
        self.vin_edit.setText(str(first.data(Qt.ItemDataRole.UserRole)))
        self.search()

    def show_answer(self, a: VinAnswer) -> None:
        """Put ``a`` on screen: its source, both systems, the count and the findings."""
        self._clear()
        self.answer = a
        if a.live_at is not None:
            self._say(self.tr("VIN {vin}: leído en vivo en los dos sistemas el {moment}.").format(
                vin=a.vin, moment=moment_text(a.live_at)), error=False)
        elif a.run is not None:
            self._say(self.tr("VIN {vin}: según la conciliación guardada de «{workspace}» del "
                              "{moment}.").format(vin=a.vin, workspace=a.workspace,
                                                  moment=moment_text(a.run.saved_at)),
                      error=False)
        self._show_sides(a.records)
        self._show_count(a)
        self._show_findings(a)

    def _show_sides(self, r: VinRecords) -> None:
        heads: list[str] = []
        columns: list[list[str]] = []
        for system in (System.CRM, System.ERP):
            held = r.vehicles(system)
            label = fmt.system_name(system)
            for i, v in enumerate(held or (None,)):
                heads.append(f"{label} {v.source_id}" if v is not None else label)
                columns.append(self._column(system, v, r, i == 0))
        self.sides.setColumnCount(len(heads))
        self.sides.setHorizontalHeaderLabels(heads)
        self.sides.setRowCount(len(_ROWS))
        self.sides.setVerticalHeaderLabels([self.tr(name) for name in _ROWS])
        for column, cells in enumerate(columns):
            for row, text in enumerate(cells):
                self.sides.setItem(row, column, _cell(text))
        header = self.sides.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sides.show()
        rows = sum(self.sides.rowHeight(r) for r in range(self.sides.rowCount()))
        self.sides.setFixedHeight(rows + header.height() + 2 * self.sides.frameWidth() + 2)

    def _column(self, system: System, v: Vehicle | None, r: VinRecords,
                first: bool) -> list[str]:
        deals = [d for d in r.deals if v is None or d.source_id == v.deal_id or (
            first and not any(d.source_id == x.deal_id for x in r.crm))]
        customer = v.customer if v is not None else None
        if system is System.CRM and customer is None and deals:
            customer = deals[0].customer
        cells = [(fmt.status_name(v.status) if v.status else "—") if v is not None
                 else self.tr("no lo tiene"),
                 _join(v.branch if v else None), _party(customer),
                 _join(v.make, v.model, v.model_year) if v else "—",
                 fmt.money(v.price) if v else "—"]
        if system is System.CRM:
            cells += ["; ".join(_join(d.source_id, _day(d.closed_on)) for d in deals)
                      or (v.deal_id if v is not None and v.deal_id else "—"),
                      "; ".join(fmt.tr_label(STAGE_LABELS.get(d.stage, d.stage))
                                if d.stage else "—" for d in deals) or "—",
                      "; ".join(d.salesperson or "—" for d in deals) or "—", "—"]
        else:
            invoices = r.invoices if first else ()
            cells += ["—", "—", "—", "; ".join(_join(i.number, _day(i.issued_on), fmt.money(i.total))
                                          for i in invoices) or "—"]
        cells.append((_day(v.delivered_on) or "—") if v else "—")
        return cells

    def _show_count(self, a: VinAnswer) -> None:
        c = a.counted
        if c is None:
            self.count_label.setText(self.tr("Conteo físico: no aparece en los conteos "
                                             "guardados."))
            return
        moment = c.counted_at or c.saved_at
        when = moment_text(moment) if isinstance(moment, datetime) else (_day(moment) or "—")
        text = self.tr("Conteo físico: contado en {branch} el {moment}.").format(
            branch=c.branch, moment=when)
        if c.counted_by:
            text += " " + self.tr("Lo contó {who}.").format(who=c.counted_by)
        self.count_label.setText(text)

    def _show_findings(self, a: VinAnswer) -> None:
        self.findings_label.setText(
            self.tr("Hallazgos abiertos: ninguno.") if not a.findings else
            self.tr("Hallazgos abiertos: {n}").format(n=fmt.count(len(a.findings))))
        heads = [self.tr("Hallazgo"), self.tr("Diferencia"), self.tr("Estado"),
                 self.tr("En juego"), self.tr("Responsable"), self.tr("Días")]
        self.findings.setColumnCount(len(heads))
        self.findings.setHorizontalHeaderLabels(heads)
        self.findings.verticalHeader().hide()
        self.findings.setRowCount(len(a.findings))
        self.findings.horizontalHeader().setStretchLastSection(False)
        self.findings.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        for row, f in enumerate(a.findings):
            cells = [_cell(f.id[:8], (f.entity.value, f.id)), _cell(fmt.kind_name(f.entity, f.kind)),
                     _cell(fmt.tr_label(FINDING_STATE_LABELS.get(f.state.value, f.state.value))),
                     _cell(fmt.money(f.at_stake)), _cell(f.assignee or "—"),
                     _cell(fmt.count(f.age()))]
            for column, item in enumerate(cells):
                self.findings.setItem(row, column, item)
        self.findings.setVisible(bool(a.findings))

    def _finding_chosen(self, item: QTableWidgetItem) -> None:
        first = self.findings.item(item.row(), 0)
        if first is None:
            return
        entity, finding = first.data(Qt.ItemDataRole.UserRole)
        self.findingChosen.emit(entity, finding)

    # --- closing ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter looks up (the VIN box), opens a finding or picks a VIN (the tables); it never
        closes the dialog: only Esc and «Cerrar» do."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
                self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    def shutdown(self) -> bool:
        """Stop the worker (a live read is cancelled); True when it stopped."""
        self.runner.cancel()
        return self.runner.shutdown()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)


def open_vin_dialog(parent: QWidget | None, store: Store | None, workspace: str | None,
                    opener: Callable[[], Opener]) -> VinDialog:
    """Open «¿Dónde está este VIN?» over ``parent`` (deleted when closed)."""
    dialog = VinDialog(store, workspace, opener, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.vin_edit.setFocus()
    return dialog
