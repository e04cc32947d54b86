"""The main window: one tab per entity, the actions that run the engine, progress and results.

After the entity tabs comes "Conteo físico" (``ui/widgets/count_tab.py``), which compares a
branch's physical count with the ERP stock of the report shown and runs its own tasks.

It owns a :class:`~ui.tasks.TaskRunner` and shows a ``Report`` when a task returns one. Work
is started with :meth:`MainWindow.run_task` (any engine task) or :meth:`MainWindow.start_demo`.
Failures arrive as a Spanish sentence: shown in a non-blocking message box and emitted as
``errorShown`` so tests can check them without a dialog in the way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from ui import formatting as fmt
from ui.models.findings import PreparedReport, with_prepared_findings
from ui.tasks import TaskFactory, TaskRunner
from ui.widgets.count_tab import CountTab
from ui.widgets.entity_tab import EntityTab
from ui.windows.connections import open_connections

log = logging.getLogger(__name__)

#: The tabs, in order.
ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)

#: Builds the demo task: (reset, cancel token) → Task[Report].
DemoFactory = Callable[[bool, CancelToken], Task[Report]]

_NOUNS = {
    Entity.CUSTOMERS: ("cliente", "clientes"),
    Entity.PAYMENTS: ("pago", "pagos"),
    Entity.VEHICLES: ("vehículo", "vehículos"),
}


def _demo_factory(reset: bool, cancel: CancelToken) -> Task[Report]:
    # Imported when used: the engine's demo pulls in the generator and the connectors.
    from app.demo import demo_task

    return demo_task(reset=reset, cancel=cancel)


class MainWindow(QMainWindow):
    """Cuadre's window. ``load_report`` shows a report; ``start_demo`` computes one."""

    reportLoaded = Signal(object)  # the Report just shown
    errorShown = Signal(str)  # the Spanish message of a failed task

    def __init__(self, demo_factory: DemoFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cuadre — Conciliación CRM ↔ ERP"))
        self.setObjectName("mainWindow")
        self._demo_factory = demo_factory or _demo_factory
        self._report: Report | None = None

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.runningChanged.connect(self._on_running_changed)

        self._build_actions()
        self._build_central()
        self._build_status_bar()
        self._on_running_changed(False)

    # -- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.reconcile_action = QAction(self.tr("&Reconciliar de nuevo"), self)
        self.reconcile_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reconcile_action.setStatusTip(self.tr("Vuelve a leer el CRM y el ERP y a conciliar"))
        self.reconcile_action.triggered.connect(lambda: self.start_demo(reset=False))

        self.regenerate_action = QAction(self.tr("Re&generar demo"), self)
        self.regenerate_action.setStatusTip(
            self.tr("Crea de nuevo los datos de demostración y los concilia")
        )
        self.regenerate_action.triggered.connect(lambda: self.start_demo(reset=True))

        self.quit_action = QAction(self.tr("&Salir"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        self.find_action = QAction(self.tr("&Buscar…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)

        self.cancel_action = QAction(self.tr("&Cancelar"), self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.cancel_action.triggered.connect(self.cancel_task)
        self.addAction(self.cancel_action)

        menu = self.menuBar().addMenu(self.tr("&Archivo"))
        menu.addAction(self.reconcile_action)
        menu.addAction(self.regenerate_action)
        self.connections_action = menu.addAction(self.tr("C&onexiones…"))
        self.connections_action.setShortcut(QKeySequence("Ctrl+K"))
        self.connections_action.triggered.connect(lambda: open_connections(self))
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu(self.tr("&Editar"))
        edit.addAction(self.find_action)

        toolbar = QToolBar(self.tr("Acciones"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.reconcile_action)
        toolbar.addAction(self.regenerate_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_central(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("entityTabs")
        self.tabs.setDocumentMode(True)
        self.entity_tabs: dict[Entity, EntityTab] = {}
        for entity in ENTITIES:
            tab = EntityTab(entity, self.tabs)
            self.entity_tabs[entity] = tab
            self.tabs.addTab(tab, fmt.entity_name(entity))
        self.count_tab = CountTab(parent=self.tabs)
        self.count_tab.runner.runningChanged.connect(self._update_cancel_action)
        self.tabs.addTab(self.count_tab, self.tr("Conteo físico"))

        self.empty_page = QWidget(self)
        self.empty_page.setObjectName("emptyPage")
        card = QWidget(self.empty_page)
        self.empty_title = QLabel(card)
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(card)
        self.empty_text.setObjectName("emptyText")
        # Two short lines written out: a wrapped label here gets too little height.
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_demo_button = QPushButton(self.tr("Abrir la demo"), card)
        self.open_demo_button.setObjectName("primaryButton")
        self.open_demo_button.setDefault(True)
        self.open_demo_button.clicked.connect(lambda: self.start_demo(reset=False))
        card_layout = QVBoxLayout(card)
        card_layout.setSpacing(10)
        card_layout.addWidget(self.empty_title)
        card_layout.addWidget(self.empty_text)
        card_layout.addSpacing(8)
        card_layout.addWidget(self.open_demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self.empty_page)
        layout.addStretch(2)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self.tr("Listo"), self)
        self.status_label.setObjectName("statusLabel")
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setFixedWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancelar"), self)
        self.cancel_button.setToolTip(self.tr("Detener la tarea en curso (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_task)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)

    # -- public API -------------------------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return self._report

    def tab(self, entity: Entity) -> EntityTab:
        return self.entity_tabs[entity]

    def current_tab(self) -> EntityTab | CountTab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, EntityTab | CountTab)
        return widget

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def load_report(self, report: Report | PreparedReport) -> None:
        """Fill every tab from ``report`` and say in the status bar what was reconciled."""
        prepared = report.findings if isinstance(report, PreparedReport) else {}
        report = report.report if isinstance(report, PreparedReport) else report
        self._report = report
        for i, entity in enumerate(ENTITIES):
            tab = self.entity_tabs[entity]
            tab.set_result(report.results.get(entity), prepared.get(entity))
            title = fmt.entity_name(entity)
            if entity in report.results:
                title = f"{title} ({fmt.count(tab.finding_count())})"
            self.tabs.setTabText(i, title)
        self.count_tab.set_report(report)
        self.pages.setCurrentWidget(self.tabs)
        self.status_label.setText(self._report_message(report))
        self.reportLoaded.emit(report)

    def run_task(self, factory: TaskFactory) -> None:
        """Run an engine task (``factory(cancel_token)`` → generator); a Report result is shown.

        A task still running is cancelled and whatever it reports later is ignored.
        """
        self.status_label.setText(self.tr("Trabajando…"))
        self.progress_label.setText("")
        self.progress_bar.setRange(0, 0)
        self.runner.start(factory)

    def start_demo(self, reset: bool = False) -> None:
        """Generate the demo if needed (or again, with ``reset``) and reconcile it."""
        make = self._demo_factory
        self.run_task(lambda cancel: with_prepared_findings(make(reset, cancel)))

    def cancel_task(self) -> None:
        if self.runner.running:
            self.status_label.setText(self.tr("Cancelando…"))
            self.cancel_button.setEnabled(False)
            self.runner.cancel()
        elif self.count_tab.running:
            self.count_tab.cancel()

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.tabs:
            tab = self.current_tab()
            if isinstance(tab, EntityTab):
                tab.focus_search()

    def show_error(self, message: str) -> None:
        """Tell the user a task failed: a non-blocking message box (override in tests)."""
        box = QMessageBox(self)
        box.setObjectName("errorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cuadre"))
        box.setText(self.tr("No se pudo completar la tarea."))
        box.setInformativeText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def shutdown(self) -> bool:
        """Stop any running task and wait for its thread; True when it stopped."""
        count_stopped = self.count_tab.shutdown()
        return self.runner.shutdown() and count_stopped

    # -- task reports -----------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        text = fmt.step_text(progress.step)
        if progress.total > 0:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
        else:
            self.progress_bar.setRange(0, 0)
        self.progress_label.setText(text + "…")
        if not self.runner.cancelling:
            self.status_label.setText(self.tr("Trabajando…"))

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if isinstance(result, Report | PreparedReport):
            self.load_report(result)
        else:
            self.status_label.setText(self.tr("Listo"))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Falló: {message}").format(message=message))
        self.errorShown.emit(message)
        self.show_error(message)

    @Slot()
    def _on_cancelled(self) -> None:
        if self._report is not None:
            text = self.tr("Cancelado. Se conserva la conciliación anterior.")
        else:
            text = self.tr("Cancelado.")
        self.status_label.setText(text)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self._update_cancel_action()
        self.reconcile_action.setEnabled(not running)
        self.regenerate_action.setEnabled(not running)
        self.open_demo_button.setEnabled(not running)
        if running:
            self.empty_title.setText(self.tr("Preparando la conciliación…"))
            self.empty_text.setText(
                self.tr("La primera vez se generan los datos de la demo;\ntarda unos segundos.")
            )
        else:
            self.empty_title.setText(self.tr("Todavía no hay una conciliación"))
            self.empty_text.setText(
                self.tr(
                    "Abra la demostración para ver cómo Cuadre compara los clientes,\n"
                    "pagos e inventario del CRM y del ERP de un concesionario."
                )
            )

    @Slot()
    def _update_cancel_action(self) -> None:
        # Esc stops the reconciliation or, when none runs, the count tab's import or comparison.
        self.cancel_action.setEnabled(self.runner.running or self.count_tab.running)

    # -- helpers ----------------------------------------------------------------------------

    def _report_message(self, report: Report) -> str:
        parts = []
        differences = 0
        for entity in ENTITIES:
            result = report.results.get(entity)
            if result is None:
                continue
            n = self._record_count(result)
            singular, plural = _NOUNS[entity]
            parts.append(f"{fmt.count(n)} {self.tr(singular if n == 1 else plural)}")
            differences += self.entity_tabs[entity].finding_count()
        finished = report.finished_at
        if finished.tzinfo is not None:
            finished = finished.astimezone()
        noun = self.tr("diferencia") if differences == 1 else self.tr("diferencias")
        return self.tr("Reconciliado: {what} · {n} {noun} · {time}").format(
            what=", ".join(parts), n=fmt.count(differences), noun=noun,
            time=finished.strftime("%H:%M"),
        )

    @staticmethod
    def _record_count(result: Any) -> int:
        """How many distinct things were compared: records of both systems, linked pairs once."""
        crm = 0 if result.crm is None else len(result.crm)
        erp = 0 if result.erp is None else len(result.erp)
        return max(crm, erp, crm + erp - len(result.links))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

