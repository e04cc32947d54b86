"""The main window: one tab per entity, the actions that run the engine, progress and results.

After the entity tabs comes "Conteo físico" (``ui/count/count_tab.py``), which compares a
branch's physical count with the ERP stock of the report shown and runs its own tasks, and
last «Tablero» (``ui/dashboard/dashboard_tab.py``): the dealer's insights on the report shown,
computed on its own worker when it is looked at. Archivo › «Exportar a Excel…» (Ctrl+Shift+X,
also in every table's context menu) saves what a table shows (``ui/common/table_export.py``).

It owns a :class:`~ui.common.tasks.TaskRunner` and shows a ``Report`` when a task returns one. Work
is started with :meth:`MainWindow.run_task` (any engine task), :meth:`MainWindow.start_demo`
or :meth:`MainWindow.start_profile`; both reconcile through
:func:`app.connections.systems.reconcile_systems`, as ``cuadre reconcile`` does. The toolbar's
"Perfil:" selector (``ui/reconcile/profile_picker.py``) says what F5 reconciles: the demo or a
saved connection profile; the choice is remembered in the profile store (never a secret).

The window is built in three parts, one module each: this one (the tabs, the menus and the
tasks that reconcile), ``ui/window_status.py`` (what it tells the person: status bar, message
boxes, the page shown before anything is reconciled) and ``ui/window_writeback.py`` (the
corrections dock, the push, the audit, the titular's export).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QToolBar, QWidget

from app.connections.credentials import SecretsApi
from app.connections.profiles import ProfileError
from app.connections.store import ProfileStore
from app.domain.schema import Entity
from app.progress import CancelToken, Task
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.common.language import LanguageMenu
from ui.common.table_export import TableExporter
from ui.common.tasks import TaskFactory, TaskRunner
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.user_dialog import UserSelector
from ui.count.count_tab import CountTab
from ui.dashboard.dashboard_tab import DashboardTab
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.findings_model import PreparedReport, with_prepared_findings
from ui.reconcile.profile_picker import ProfilePicker, TaskFailure, demo_label, profile_task
from ui.window_status import ENTITIES
from ui.window_writeback import WriteBackWindow

if TYPE_CHECKING:  # Conexiones (and the file readers) load when first opened
    from ui.audit.audit_view import AuditDialog
    from ui.connections.connections_window import ConnectionsDialog
    from ui.corrections.push_dialog import PushDialog

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Builds the demo task: (reset, cancel token) → Task[Report].
DemoFactory = Callable[[bool, CancelToken], Task[Report]]


def _demo_factory(reset: bool, cancel: CancelToken, full: bool = False) -> Task[Report]:
    from app.connections.systems import Demo, reconcile_systems  # the engine: on first run

    return reconcile_systems(Demo(reset=reset), cancel, full=full)


class MainWindow(WriteBackWindow):
    """Cuadre's window. ``load_report`` shows a report; ``start_demo`` and ``start_profile``
    compute one; ``reconcile_current`` (F5) computes the one the "Perfil:" selector names.

    ``profile_store`` holds the connection profiles and remembers the choice; ``secrets`` is
    the secret store Conexiones and the profile runs use (default: the OS keyring)."""

    reportLoaded = Signal(object)  # the Report just shown

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
        #: Whether the last run started was asked to read everything (Shift+F5).
        self.full_requested = False

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
        self.language_menu = LanguageMenu(self)  # «Idioma», last (ui/common/language.py)
        self.menuBar().addMenu(self.language_menu)
        self.open_demo_button.clicked.connect(self.reconcile_current)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.refresh_profiles()
        self._on_running_changed(False)
        self._update_write_actions()

    # -- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.reconcile_action = QAction(self.tr("&Reconciliar de nuevo"), self)
        self.reconcile_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reconcile_action.setStatusTip(self.tr("Vuelve a leer el CRM y el ERP y a conciliar"))
        self.reconcile_action.triggered.connect(lambda: self.reconcile_current())
        # Shift+F5: read everything again, not only what changed since the last run.
        self.full_action = QAction(self.tr("Reconciliar &todo de nuevo"), self)
        self.full_action.setShortcut(QKeySequence("Shift+F5"))
        self.full_action.setStatusTip(self.tr("Vuelve a leer todos los registros del CRM y del "
                                              "ERP, no solo los cambiados, y concilia"))
        self.full_action.triggered.connect(lambda: self.reconcile_current(full=True))

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
        menu.addAction(self.full_action)
        menu.addAction(self.regenerate_action)
        self.connections_action = menu.addAction(self.tr("C&onexiones…"))
        self.connections_action.setShortcut(QKeySequence("Ctrl+K"))
        self.connections_action.triggered.connect(self.open_connections)
        self._build_write_actions(menu)
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
        self._build_empty_page()

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)

    # -- public API -------------------------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return self._report

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

    def start_demo(self, reset: bool = False, full: bool = False) -> None:
        """Generate the demo if needed (or again, with ``reset``) and reconcile it: only what
        changed since the last run, everything with ``full``."""
        self._remember(None)
        self.full_requested = full
        make = self._demo_factory
        label = demo_label()

        def task(cancel: CancelToken) -> Task[Any]:
            made = _demo_factory(reset, cancel, full) if make is _demo_factory \
                else make(reset, cancel)
            return with_prepared_findings(self._saving(made, label, None))

        self.run_task(task, label)

    def start_profile(self, name: str, full: bool = False) -> None:
        """Reconcile the saved profile ``name``: its CRM and ERP, its tolerances; only what
        changed since the last run, everything with ``full``."""
        self.full_requested = full
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
        self.run_task(lambda cancel: self._saving(profile_task(profile, cancel, lookup, full),
                                                  profile.name, sor), profile.name)

    def _saving(self, task: Task[T], source: str, sor: dict[str, str] | None) -> Task[T]:
        """``task``, then its report saved as a run of the workspace ``source`` (the
        dashboard's trend) when a store is open and the person working may save runs."""
        store, user = self.decisions.store, self.decisions.user
        from app.writeback import runs  # the store's runs: with the first reconciliation

        if store is None or user is None or not self.decisions.roles & runs.RUNNER_ROLES:
            return task
        return runs.saving(task, store, user, source, source, sor)

    def reconcile_current(self, full: bool = False) -> None:
        """F5: reconcile what the "Perfil:" selector names (the demo or a profile), reading
        only what changed since the last run; Shift+F5 (``full``): everything."""
        name = self.profile_picker.current_name()
        if name is None:
            self.start_demo(reset=False, full=full)
        else:
            self.start_profile(name, full=full)

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
        from ui.connections.connections_window import open_connections

        dialog = open_connections(self, store=self.profile_store, secrets=self._secrets)
        dialog.profileChosen.connect(self.choose_source)
        dialog.finished.connect(lambda _result: self.refresh_profiles())
        return dialog

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

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self._update_cancel_action()
        self.reconcile_action.setEnabled(not running)
        self.full_action.setEnabled(not running)
        self.regenerate_action.setEnabled(not running)
        self.open_demo_button.setEnabled(not running)
        self._update_empty_page()

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
