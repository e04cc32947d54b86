"""The main window: one tab per entity, the actions that run the engine, progress and results.

After the entity tabs comes "Conteo físico" (``ui/count/count_tab.py``), which compares a
branch's physical count with the ERP stock of the report shown and runs its own tasks, and
last «Tablero» (``ui/dashboard/dashboard_tab.py``): the dealer's insights on the report shown,
computed on its own worker when it is looked at. Archivo › «Exportar a Excel…» (Ctrl+Shift+X,
also in every table's context menu) saves what a table shows (``ui/common/table_export.py``).

It owns a :class:`~ui.common.tasks.TaskRunner` and shows a ``Report`` when a task returns one. Work
is started with :meth:`MainWindow.run_task` (any engine task), :meth:`MainWindow.start_demo`
or :meth:`MainWindow.start_profile`. The toolbar's "Perfil:" selector
(``ui/reconcile/profile_picker.py``) says what F5 reconciles: the demo or a saved connection
profile; the choice is remembered in the profile store (never a secret). Failures arrive as a
Spanish sentence: shown in a non-blocking message box and emitted as ``errorShown`` so tests
can check them without a dialog in the way; the results on screen stay.

Write-back: «Enviar aprobadas…» (Ctrl+Shift+E, approvers and admins, when something waits)
opens the push dialog (``ui/corrections/push_dialog.py``) on the systems of the source on screen;
Ver → «Auditoría…» (Ctrl+Shift+A, anyone with a role) the audit view
(``ui/audit/audit_view.py``); «Exportar datos del titular…» (the Archivo menu, or the button
on Clientes) writes everything Cuadre holds about one document number to a JSON file (Ley 1581).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
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

from app.connections.credentials import SecretsApi
from app.connections.profiles import ProfileError
from app.connections.store import ProfileStore
from app.connectors.files.sheet import NO_ID_COLUMN
from app.domain.schema import Entity
from app.domain.values import normalize_doc_number
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from app.store import StoreError
from app.writeback import corrections, outbox, runs, subject
from ui.audit.audit_view import AuditDialog
from ui.common import formatting as fmt
from ui.common.table_export import TableExporter
from ui.common.tasks import TaskFactory, TaskRunner
from ui.connections.connections_window import ConnectionsDialog, open_connections
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.corrections_tab import CorrectionsTab
from ui.corrections.push_dialog import ConnectorsFactory, PushDialog, demo_connectors, profile_connectors
from ui.corrections.user_dialog import UserSelector
from ui.count.count_tab import CountTab
from ui.dashboard.dashboard_tab import DashboardTab
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.findings_model import PreparedReport, with_prepared_findings
from ui.reconcile.profile_picker import ProfilePicker, TaskFailure, demo_label, issues_text, profile_task

log = logging.getLogger(__name__)
T = TypeVar("T")

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
    """Cuadre's window. ``load_report`` shows a report; ``start_demo`` and ``start_profile``
    compute one; ``reconcile_current`` (F5) computes the one the "Perfil:" selector names.

    ``profile_store`` holds the connection profiles and remembers the choice; ``secrets`` is
    the secret store Conexiones and the profile runs use (default: the OS keyring)."""

    reportLoaded = Signal(object)  # the Report just shown
    errorShown = Signal(str)  # the Spanish message of a failed task
    subjectExported = Signal(object)  # the Path «Exportar datos del titular» wrote

    def __init__(self, demo_factory: DemoFactory | None = None,
                 parent: QWidget | None = None, *,
                 profile_store: ProfileStore | None = None,
                 secrets: SecretsApi | None = None,
                 store_url: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cuadre — Conciliación CRM ↔ ERP"))
        self.setObjectName("mainWindow")
        self._demo_factory = demo_factory or _demo_factory
        self._report: Report | None = None
        self.profile_store = profile_store or ProfileStore()
        self._secrets = secrets
        #: What the running task reconciles and what the report on screen came from:
        #: a profile's name, "Demostración", or None for a task started by run_task alone.
        self._pending_source: str | None = None
        self._shown_source: str | None = None
        self._failed_source: str | None = None
        self._error_partial = False  # the error box is about a partial run, not a failed one

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.runningChanged.connect(self._on_running_changed)

        #: Who works and the workspace store every decision goes to (``store_url``, default
        #: the data folder's SQLite file).
        self.decisions = DecisionsSession(store_url, self)

        #: «Enviar aprobadas» and «Auditoría» (one of each at a time), «Exportar datos del
        #: titular»'s own worker.
        self.push_dialog: PushDialog | None = None
        self.audit_dialog: AuditDialog | None = None
        self._subject_runner = TaskRunner(self)
        self._subject_runner.finished.connect(self._on_subject_exported)
        self._subject_runner.failed.connect(self._on_subject_failed)

        self._build_actions()
        self._build_central()
        self._build_corrections()
        self._build_status_bar()
        self.refresh_profiles()
        self._on_running_changed(False)
        self._update_write_actions()

    # -- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.reconcile_action = QAction(self.tr("&Reconciliar de nuevo"), self)
        self.reconcile_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reconcile_action.setStatusTip(self.tr("Vuelve a leer el CRM y el ERP y a conciliar"))
        self.reconcile_action.triggered.connect(self.reconcile_current)

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
        self.connections_action.triggered.connect(self.open_connections)
        menu.addSeparator()
        self.push_action = QAction(self.tr("&Enviar aprobadas…"), self)
        self.push_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.push_action.setStatusTip(
            self.tr("Envía las correcciones aprobadas al CRM y al ERP, una por una"))
        self.push_action.triggered.connect(self.open_push_dialog)
        menu.addAction(self.push_action)
        self.subject_action = QAction(self.tr("Exportar datos del &titular…"), self)
        self.subject_action.setStatusTip(self.tr(
            "Exporta a JSON todo lo que Cuadre tiene de un número de documento (Ley 1581)"))
        self.subject_action.triggered.connect(lambda: self.export_subject())
        menu.addAction(self.subject_action)
        self.table_exporter = TableExporter(self)
        self.table_exporter.message.connect(self._show_decision)
        self.export_action = self.table_exporter.action
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu(self.tr("&Editar"))
        edit.addAction(self.find_action)
        self.view_menu = self.menuBar().addMenu(self.tr("&Ver"))

        toolbar = QToolBar(self.tr("Acciones"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.reconcile_action)
        toolbar.addAction(self.regenerate_action)
        toolbar.addSeparator()
        self.profile_picker = ProfilePicker(toolbar)
        self.profile_picker.chosen.connect(self.choose_source)
        toolbar.addWidget(self.profile_picker)
        self._user_action = toolbar.addSeparator()
        self.user_selector = UserSelector(self.decisions, toolbar)
        toolbar.addWidget(self.user_selector)
        self.toolbar = toolbar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_central(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("entityTabs")
        self.tabs.setDocumentMode(True)
        # An entity a profile does not reconcile is a disabled tab: it must look it.
        self.tabs.tabBar().setStyleSheet("QTabBar::tab:disabled { color: #a7aeb8; }")
        self.entity_tabs: dict[Entity, EntityTab] = {}
        for entity in ENTITIES:
            tab = EntityTab(entity, self.tabs)
            self.entity_tabs[entity] = tab
            self.tabs.addTab(tab, fmt.entity_name(entity))
        self.count_tab = CountTab(parent=self.tabs)
        self.count_tab.runner.runningChanged.connect(self._update_cancel_action)
        self.tabs.addTab(self.count_tab, self.tr("Conteo físico"))
        self.dashboard_tab = DashboardTab(self.decisions, self.tabs)
        self.dashboard_tab.runner.runningChanged.connect(self._update_cancel_action)
        self.dashboard_tab.message.connect(self._show_decision)
        self.tabs.addTab(self.dashboard_tab, self.tr("Tablero"))
        self.dashboard_action = self.view_menu.addAction(self.tr("&Tablero"))
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.dashboard_action.setStatusTip(self.tr(
            "Diferencias por sede, seguimientos posventa, embudo por origen, inventario y "
            "renovación"))
        self.dashboard_action.triggered.connect(
            lambda: self.tabs.setCurrentWidget(self.dashboard_tab))

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
        self.open_demo_button.clicked.connect(self.reconcile_current)
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

    def _build_corrections(self) -> None:
        """The proposal panel of every findings tab, and the «Correcciones» dock."""
        for tab in self.entity_tabs.values():
            tab.proposal_panel.set_session(self.decisions)
            tab.proposal_panel.message.connect(self._show_decision)
        self.corrections_tab = CorrectionsTab(self.decisions, self)
        self.corrections_tab.message.connect(self._show_decision)
        self.corrections_dock = QDockWidget(self.tr("Correcciones"), self)
        self.corrections_dock.setObjectName("correctionsDock")
        self.corrections_dock.setWidget(self.corrections_tab)
        self.corrections_dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea
                                              | Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.corrections_dock)
        self.corrections_dock.hide()
        self.corrections_action = self.corrections_dock.toggleViewAction()
        self.corrections_action.setText(self.tr("&Correcciones"))
        self.corrections_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.corrections_action.setStatusTip(
            self.tr("La cola de correcciones: aprobar, rechazar; notas crédito/débito"))
        self.view_menu.addAction(self.corrections_action)
        self.toolbar.insertAction(self._user_action, self.corrections_action)
        self.toolbar.insertAction(self._user_action, self.push_action)
        self.audit_action = QAction(self.tr("&Auditoría…"), self)
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.audit_action.setStatusTip(self.tr(
            "El registro de auditoría: filtrar, verificar la cadena y exportar"))
        self.audit_action.triggered.connect(self.open_audit)
        self.view_menu.addAction(self.audit_action)
        self.decisions.refused.connect(self._show_decision)
        self.decisions.changed.connect(self._update_write_actions)
        self.decisions.userChanged.connect(lambda _user: self._update_write_actions())
        self.tab(Entity.CUSTOMERS).subjectRequested.connect(self.export_subject)
        # Every table built so far (tabs, Tablero, the Correcciones dock) can be exported.
        self.table_exporter.install(self)

    # -- write-back: push, audit, titular ---------------------------------------------------

    def _waiting_count(self) -> int:
        """Approved corrections and outbox rows a push would work on (a quick local read)."""
        store = self.decisions.store
        if store is None:
            return 0
        try:
            counts = outbox.counts(store)
            return (len(corrections.listing(store, state="approved"))
                    + sum(counts.get(state, 0) for state in outbox.PENDING))
        except StoreError:
            return 0

    @Slot()
    def _update_write_actions(self) -> None:
        """«Enviar aprobadas» for approvers and admins when something waits; «Auditoría» for
        anyone with a role; «Exportar datos del titular» once something is reconciled."""
        roles = self.decisions.roles
        if self.decisions.user is None:
            why = self.tr("Elija primero quién trabaja (Usuario).")
        elif not roles & {"approver", "admin"}:
            why = self.tr("Solo un aprobador o un administrador envía correcciones.")
        elif self._waiting_count() == 0:
            why = self.tr("No hay correcciones aprobadas por enviar.")
        else:
            why = ""
        self.push_action.setEnabled(not why)
        self.push_action.setToolTip(why or self.tr("Enviar las correcciones aprobadas "
                                                   "(Ctrl+Shift+E)"))
        self.audit_action.setEnabled(bool(roles))
        self.audit_action.setToolTip(self.tr("Auditoría (Ctrl+Shift+A)") if roles else self.tr(
            "Elija primero quién trabaja (Usuario): cualquier rol puede leer la auditoría."))
        self.subject_action.setEnabled(self._report is not None)

    def _source_is_demo(self) -> bool:
        name = self._shown_source
        if name is None:
            return self.profile_picker.current_name() is None
        return name == demo_label()

    def push_target(self) -> tuple[ConnectorsFactory, str]:
        """The connectors a push writes through (opened later, on the worker) and how the
        dialog names them: the demo's, or the shown profile's."""
        if self._source_is_demo():
            return demo_connectors, self.tr("la demostración")
        name = self._shown_source or self.profile_picker.current_name() or ""
        profile = self.profile_store.get(name)
        if profile is None:
            raise ProfileError(self.tr("El perfil «{name}» ya no existe.").format(name=name))
        secrets = self._secrets
        return (lambda: profile_connectors(profile, secrets),
                self.tr("el perfil «{name}»").format(name=name))

    def open_push_dialog(self) -> PushDialog | None:
        """«Enviar aprobadas»: the push dialog on the systems of the source on screen."""
        if self.push_dialog is not None and self.push_dialog.pushing:
            self.push_dialog.show()
            self.push_dialog.raise_()
            return self.push_dialog
        try:
            factory, label = self.push_target()
        except ProfileError as exc:
            self._report_failure(str(exc), self._shown_source)
            return None
        if self.push_dialog is not None:
            self.push_dialog.shutdown()
            self.push_dialog.deleteLater()
        self.push_dialog = PushDialog(self.decisions, factory, label, self)
        self.table_exporter.install(self.push_dialog)
        self.push_dialog.open()
        return self.push_dialog

    def open_audit(self) -> AuditDialog:
        """Ver → «Auditoría…»: the audit view (a window of its own)."""
        if self.audit_dialog is None:
            self.audit_dialog = AuditDialog(self.decisions, self)
            self.table_exporter.install(self.audit_dialog)
        elif self.audit_dialog.isVisible():  # already open: bring it to the front
            self.audit_dialog.reload()
            self.audit_dialog.raise_()
            self.audit_dialog.activateWindow()
            return self.audit_dialog
        else:
            self.audit_dialog.reload()
        self.audit_dialog.show()
        return self.audit_dialog

    def export_subject(self, doc: str | None = None, path: Path | None = None) -> bool:
        """«Exportar datos del titular»: everything Cuadre holds about one document number
        (asked when not given) to a JSON file (asked, with a default name, when not given);
        computed and written off the GUI thread. False when nothing was started."""
        report = self._report
        if report is None:
            self._show_decision(self.tr("Concilie primero: la exportación usa los datos de los "
                                        "dos sistemas."))
            return False
        if doc is None:
            doc = self.ask_document()
            if doc is None:
                return False
        number = normalize_doc_number(doc)
        if number is None:
            self._show_decision(self.tr("«{doc}» no es un número de documento.").format(doc=doc))
            return False
        if path is None:
            path = self.ask_save_path(subject.default_name(number))
            if path is None:
                return False
        store, workspace = self.decisions.store, self.decisions.workspace
        sor = self.decisions.system_of_record
        target = path
        self._show_decision(self.tr("Exportando los datos del titular {doc}…").format(doc=number))
        self._subject_runner.start(lambda cancel: subject.export_task(
            report, number, target, system_of_record=sor, store=store, workspace=workspace,
            cancel=cancel))
        return True

    def ask_document(self) -> str | None:
        """The document number to export (override in tests)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Exportar datos del titular"),
            self.tr("Número de documento (cédula o NIT) del titular:"))
        return text.strip() if ok and text.strip() else None

    def ask_save_path(self, default_name: str) -> Path | None:
        """Where to save a JSON export (override in tests)."""
        name, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Exportar datos del titular"), str(Path.home() / default_name),
            self.tr("JSON (*.json)"))
        return Path(name) if name else None

    @Slot(object)
    def _on_subject_exported(self, path: Any) -> None:
        if not isinstance(path, Path):
            return
        text = self.tr("Datos del titular exportados a {path}.").format(path=path)
        self._show_decision(text)
        self.subjectExported.emit(path)
        self.show_info(text)

    @Slot(str)
    def _on_subject_failed(self, message: str) -> None:
        text = self.tr("No se pudo exportar los datos del titular: {why}").format(why=message)
        self._show_decision(text)
        self.errorShown.emit(message)
        self.show_error(message)

    def show_info(self, message: str) -> None:
        """Tell the user something finished: a non-blocking message box (override in tests)."""
        box = QMessageBox(self)
        box.setObjectName("infoBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Cuadre"))
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_corrections(self) -> CorrectionsTab:
        if not self.corrections_dock.isVisible():
            self.corrections_dock.show()
            self.resizeDocks([self.corrections_dock], [320], Qt.Orientation.Vertical)
        self.corrections_dock.raise_()
        self.corrections_tab.reload()
        return self.corrections_tab

    @Slot(str)
    def _show_decision(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.source_label = QLabel(self)
        self.source_label.setObjectName("sourceLabel")
        self.source_label.setToolTip(self.tr("De dónde vienen los datos que se muestran"))
        self.source_label.setStyleSheet("QLabel#sourceLabel { font-weight: 600; color: #12283f; "
                                        "padding: 0 12px 0 2px; }")
        self.source_label.hide()
        self.status_label = QLabel(self.tr("Listo"), self)
        self.status_label.setObjectName("statusLabel")
        self.issues_button = QPushButton(self)
        self.issues_button.setObjectName("issuesButton")
        self.issues_button.setFlat(True)
        self.issues_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.issues_button.clicked.connect(self.show_issues)
        self.issues_button.hide()
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setFixedWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancelar"), self)
        self.cancel_button.setToolTip(self.tr("Detener la tarea en curso (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_task)
        bar.addWidget(self.source_label)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.issues_button)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)

    # -- public API -------------------------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return self._report

    def tab(self, entity: Entity) -> EntityTab:
        return self.entity_tabs[entity]

    def current_tab(self) -> EntityTab | CountTab | DashboardTab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, EntityTab | CountTab | DashboardTab)
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
            compared = entity in report.results
            if compared:
                title = f"{title} ({fmt.count(tab.finding_count())})"
            self.tabs.setTabText(i, title)
            # A profile whose systems do not both hold this entity, or one that could not be
            # read: nothing was compared, and the tab says why.
            self.tabs.setTabEnabled(i, compared)
            unread = report.failures.get(entity)
            if unread is not None:
                self.tabs.setTabToolTip(i, self.tr("No se pudo leer: {why}").format(why=unread))
            else:
                self.tabs.setTabToolTip(i, "" if compared else self.tr(
                    "No se concilió: solo uno de los dos sistemas (o ninguno) trae {entity}."
                ).format(entity=fmt.entity_name(entity).lower()))
        self.count_tab.set_report(report)
        self.dashboard_tab.set_report(report, self._shown_source)
        self.decisions.system_of_record = self._system_of_record()
        self.decisions.workspace = self._shown_source
        self.decisions.changed.emit()  # the panels show the proposals of this report
        self._update_write_actions()
        self.corrections_tab.load_report(report)
        self.pages.setCurrentWidget(self.tabs)
        self.status_label.setText(self._report_message(report))
        self._show_source(self._shown_source)
        self._show_issues_button(report)
        if report.failures:
            self._report_unread(report)
        self.reportLoaded.emit(report)

    def _report_unread(self, report: Report) -> None:
        """A partial run: what was read is on screen; say which entities were not, and why."""
        message = "\n".join(report.failures.values())
        self._failed_source, self._error_partial = self._shown_source, True
        text = self.tr("Conciliación parcial: {n} sin leer. {first}").format(
            n=len(report.failures), first=next(iter(report.failures.values())))
        self.status_label.setText(text)
        self.status_label.setToolTip(message)
        self.errorShown.emit(message)
        self.show_error(message)

    def run_task(self, factory: TaskFactory, source: str | None = None) -> None:
        """Run an engine task (``factory(cancel_token)`` → generator); a Report result is shown.

        ``source`` names what it reconciles (a profile, "Demostración") for the title and the
        status bar. A task still running is cancelled and whatever it reports later is ignored.
        """
        self._pending_source = source
        self.status_label.setText(self.tr("Trabajando…"))
        self.status_label.setToolTip("")
        self.progress_label.setText("")
        self.progress_bar.setRange(0, 0)
        self.runner.start(factory)

    def start_demo(self, reset: bool = False) -> None:
        """Generate the demo if needed (or again, with ``reset``) and reconcile it."""
        self._remember(None)
        make = self._demo_factory
        label = demo_label()
        self.run_task(lambda cancel: with_prepared_findings(
            self._saving(make(reset, cancel), label, None)), label)

    def start_profile(self, name: str) -> None:
        """Reconcile the saved profile ``name``: its CRM and ERP, its tolerances."""
        try:
            profile = self.profile_store.get(name)
        except ProfileError as exc:
            self._report_failure(str(exc), name)
            return
        if profile is None:
            self.refresh_profiles()
            self._report_failure(self.tr("El perfil «{name}» ya no existe.").format(name=name), name)
            return
        self._remember(profile.name)
        lookup = self._secrets.get_secret if self._secrets is not None else None
        sor = dict(profile.system_of_record)
        self.run_task(lambda cancel: self._saving(profile_task(profile, cancel, lookup),
                                                  profile.name, sor), profile.name)

    def _saving(self, task: Task[T], source: str, sor: dict[str, str] | None) -> Task[T]:
        """``task``, then its report saved as a run of the workspace ``source`` (the
        dashboard's trend) when a store is open and the person working may save runs."""
        store, user = self.decisions.store, self.decisions.user
        if store is None or user is None or not self.decisions.roles & runs.RUNNER_ROLES:
            return task
        return runs.saving(task, store, user, source, source, sor)

    def reconcile_current(self) -> None:
        """F5: reconcile what the "Perfil:" selector names (the demo or a profile)."""
        name = self.profile_picker.current_name()
        if name is None:
            self.start_demo(reset=False)
        else:
            self.start_profile(name)

    @Slot(object)
    def choose_source(self, name: str | None) -> None:
        """Make ``name`` (None: the demo) what the window reconciles, and reconcile it."""
        if name is None:
            self.start_demo(reset=False)
            return
        if self.profile_picker.combo.findData(name) < 0:  # just created in Conexiones
            self.refresh_profiles()
        self.start_profile(name)

    def current_source(self) -> str | None:
        """The profile the selector names; None for the demo."""
        return self.profile_picker.current_name()

    def shown_source(self) -> str | None:
        """Where the report on screen came from (a profile's name or "Demostración")."""
        return self._shown_source

    def refresh_profiles(self) -> None:
        """Read the saved profiles again into the selector, keeping the remembered choice."""
        try:
            names = self.profile_store.names()
            active = self.profile_store.active()
        except ProfileError as exc:
            names, active = [], None
            self.status_label.setText(str(exc))
        self.profile_picker.set_profiles(names, active)
        self._update_source_actions()

    def open_connections(self) -> ConnectionsDialog:
        """Conexiones (Ctrl+K): its "Usar este perfil" makes a profile the window's."""
        dialog = open_connections(self, store=self.profile_store, secrets=self._secrets)
        dialog.profileChosen.connect(self.choose_source)
        dialog.finished.connect(lambda _result: self.refresh_profiles())
        return dialog

    def show_issues(self) -> None:
        """The cells the sources could not read (a non-blocking message box)."""
        if self._report is None or not self._report.issues:
            return
        box = QMessageBox(self)
        box.setObjectName("issuesBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Avisos al leer"))
        box.setText(self.tr("Estas celdas o columnas no se pudieron leer o no se usaron; el "
                            "resto de cada fila sí se concilió."))
        box.setInformativeText(issues_text(self._report))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def cancel_task(self) -> None:
        if self.runner.running:
            self.status_label.setText(self.tr("Cancelando…"))
            self.cancel_button.setEnabled(False)
            self.runner.cancel()
        elif self.count_tab.running:
            self.count_tab.cancel()
        elif self.dashboard_tab.running:
            self.dashboard_tab.cancel()

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
        source = self._failed_source
        if self._error_partial:
            box.setText(self.tr("Se concilió lo que se pudo leer; esto no se leyó:"))
        elif source is not None and source != demo_label():
            box.setText(self.tr("No se pudo conciliar el perfil «{name}».").format(name=source))
        else:
            box.setText(self.tr("No se pudo completar la tarea."))
        box.setInformativeText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def shutdown(self) -> bool:
        """Stop any running task and wait for its thread; True when it stopped."""
        count_stopped = all([self.count_tab.shutdown(), self.dashboard_tab.shutdown(),
                             self.table_exporter.shutdown()])
        notes_stopped = self.corrections_tab.shutdown()
        dialogs_stopped = all([d.shutdown() for d in (self.push_dialog, self.audit_dialog)
                               if d is not None])
        subject_stopped = self._subject_runner.shutdown()
        decisions_stopped = self.decisions.shutdown()
        return (self.runner.shutdown() and count_stopped and notes_stopped and dialogs_stopped
                and subject_stopped and decisions_stopped)

    def _system_of_record(self) -> dict[str, str] | None:
        """The shown profile's system of record per field (None: DESIGN §5's default)."""
        name = self._shown_source
        if name is None or name == demo_label():
            return None
        try:
            profile = self.profile_store.get(name)
        except ProfileError:
            return None
        return dict(profile.system_of_record) if profile is not None else None

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
        if isinstance(result, TaskFailure):
            self._report_failure(result.message, self._pending_source)
        elif isinstance(result, Report | PreparedReport):
            self._shown_source = self._pending_source
            self.load_report(result)
        else:
            self.status_label.setText(self.tr("Listo"))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._report_failure(message, self._pending_source)

    def _report_failure(self, message: str, source: str | None) -> None:
        """Say in the status bar and a message box that reconciling ``source`` failed; what
        is on screen stays."""
        self._failed_source, self._error_partial = source, False
        text = self.tr("Falló: {message}").format(message=message)
        if self._report is not None:
            text += " " + self.tr("Se conserva la conciliación anterior.")
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
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
        self._update_empty_page()

    def _update_empty_page(self) -> None:
        running = self.runner.running
        name = self.profile_picker.current_name()
        if name is None:
            self.open_demo_button.setText(self.tr("Abrir la demo"))
        else:
            self.open_demo_button.setText(self.tr("Conciliar «{name}»").format(name=name))
        if running:
            self.empty_title.setText(self.tr("Preparando la conciliación…"))
            if self._pending_source == demo_label():
                self.empty_text.setText(
                    self.tr("La primera vez se generan los datos de la demo;\ntarda unos segundos.")
                )
            else:
                self.empty_text.setText(self.tr("Leyendo el CRM y el ERP del perfil."))
        elif name is None:
            self.empty_title.setText(self.tr("Todavía no hay una conciliación"))
            self.empty_text.setText(
                self.tr(
                    "Abra la demostración para ver cómo Cuadre compara los clientes,\n"
                    "pagos e inventario del CRM y del ERP de un concesionario."
                )
            )
        else:
            self.empty_title.setText(self.tr("Todavía no hay una conciliación"))
            self.empty_text.setText(
                self.tr("Concilie el perfil para comparar sus clientes, pagos e inventario\n"
                        "del CRM y del ERP (F5). Otro perfil se elige arriba, en «Perfil».")
            )

    @Slot()
    def _update_cancel_action(self) -> None:
        # Esc stops the reconciliation or, when none runs, the count tab's import or comparison.
        self.cancel_action.setEnabled(self.runner.running or self.count_tab.running
                                      or self.dashboard_tab.running)

    # -- helpers ----------------------------------------------------------------------------

    def _remember(self, name: str | None) -> None:
        """Select ``name`` (None: the demo) and remember it for the next start."""
        self.profile_picker.select(name)
        try:
            self.profile_store.set_active(name)
        except ProfileError as exc:  # the choice still holds for this session
            log.warning("could not remember the chosen profile: %s", type(exc).__name__)
        self._update_source_actions()

    def _update_source_actions(self) -> None:
        demo = self.profile_picker.current_name() is None
        self.regenerate_action.setVisible(demo)
        if demo:
            self.reconcile_action.setStatusTip(self.tr("Vuelve a leer la demostración y a conciliar"))
        else:
            self.reconcile_action.setStatusTip(
                self.tr("Vuelve a leer el CRM y el ERP del perfil y a conciliar"))
        self._update_empty_page()

    def _show_source(self, source: str | None) -> None:
        if source is None:
            self.setWindowTitle(self.tr("Cuadre — Conciliación CRM ↔ ERP"))
            self.source_label.hide()
            return
        self.setWindowTitle(self.tr("Cuadre — {source}").format(source=source))
        if source == demo_label():
            self.source_label.setText(source)
        else:
            self.source_label.setText(self.tr("Perfil «{name}»").format(name=source))
        self.source_label.show()

    def _show_issues_button(self, report: Report) -> None:
        n = len(report.issues)
        if not n:
            self.issues_button.hide()
            return
        text = (self.tr("⚠ 1 aviso al leer") if n == 1 else
                self.tr("⚠ {n} avisos al leer").format(n=fmt.count(n)))
        unnamed = [i for i in report.issues if i.reason == NO_ID_COLUMN]
        if unnamed:  # said first: every record of that file is named by its line
            text = self.tr("⚠ {file} no tiene columna de identificador: sus registros se nombran "
                           "por su línea · {more}").format(file=unnamed[0].value or "…",
                                                          more=text.removeprefix("⚠ "))
        self.issues_button.setText(text)
        self.issues_button.setToolTip(issues_text(report))
        self.issues_button.show()

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

