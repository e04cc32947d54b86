"""The main window's write-back actions: the corrections, the push, the audit, the titular.

:class:`WriteBackWindow` is the part of :class:`~ui.main_window.MainWindow` that writes:
the proposal panel of every findings tab and the «Correcciones» dock; «Enviar aprobadas…»
(Ctrl+Shift+E, approvers and admins, when something waits) opens the push dialog
(``ui/corrections/push_dialog.py``) on the systems of the source on screen; Ver →
«Auditoría…» (Ctrl+Shift+A, anyone with a role) the audit view (``ui/audit/audit_view.py``);
«Exportar datos del titular…» (the Archivo menu, or the button on Clientes) writes everything
Cuadre holds about one document number to a JSON file (Ley 1581), on its own worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMenu,
    QTabWidget,
    QToolBar,
)

from app.connections.credentials import SecretsApi
from app.connections.profiles import ProfileError
from app.connections.store import ProfileStore
from app.domain.schema import Entity
from app.domain.values import normalize_doc_number
from app.writeback.people import PUSHERS
from app.writeback.workspace import StoreError
from ui.common.table_export import TableExporter
from ui.common.tasks import TaskRunner
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.corrections_tab import CorrectionsTab
from ui.period.period_dialog import PeriodDialog, open_period_dialog
from ui.reconcile.profile_picker import demo_label
from ui.reconcile.reveal import reveal_finding
from ui.vin.vin_dialog import VinDialog, open_vin_dialog
from ui.window_status import StatusWindow

if TYPE_CHECKING:
    from ui.audit.audit_view import AuditDialog
    from ui.corrections.push_dialog import PushDialog, SystemsOpener


class WriteBackWindow(StatusWindow):
    """The write-back half of the window; :class:`~ui.main_window.MainWindow` sets what it
    reads (below) and calls its ``_build_…`` methods in order."""

    subjectExported = Signal(object)  # the Path «Exportar datos del titular» wrote

    decisions: DecisionsSession
    profile_store: ProfileStore
    _secrets: SecretsApi | None
    view_menu: QMenu
    tabs: QTabWidget
    toolbar: QToolBar
    _user_action: QAction
    table_exporter: TableExporter
    push_dialog: PushDialog | None
    audit_dialog: AuditDialog | None
    _subject_runner: TaskRunner

    def _build_write_actions(self, menu: QMenu) -> None:
        """«Enviar aprobadas…» and «Exportar datos del titular…», in the Archivo menu."""
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
        self.period_action = QAction(self.tr("Cierre del &periodo…"), self)
        self.period_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.period_action.setStatusTip(self.tr(
            "Certificar y firmar la conciliación de un mes: sede y entidad"))
        self.period_action.triggered.connect(self.open_period)
        self.view_menu.addAction(self.period_action)
        self.vin_action = QAction(self.tr("¿&Dónde está este VIN?…"), self)
        self.vin_action.setShortcut(QKeySequence("Ctrl+L"))
        self.vin_action.setStatusTip(self.tr(
            "Un VIN en el CRM, el ERP y el último conteo, con sus hallazgos abiertos"))
        self.vin_action.triggered.connect(self.open_vin)
        self.view_menu.addAction(self.vin_action)
        self.decisions.refused.connect(self._show_decision)
        self.decisions.changed.connect(self._update_write_actions)
        self.decisions.userChanged.connect(lambda _user: self._update_write_actions())
        self.tab(Entity.CUSTOMERS).subjectRequested.connect(self.export_subject)
        # Every table built so far (tabs, Tablero, the Correcciones dock) can be exported.
        self.table_exporter.install(self)

    def _waiting_count(self) -> int:
        """Approved corrections and outbox rows a push would work on (a quick local read)."""
        store = self.decisions.store
        if store is None:
            return 0
        # The push's machinery (its HTTP client, urllib3) loads when first needed, not with
        # the window.
        from app.writeback.sending import waiting

        try:
            return waiting(store).total
        except StoreError:
            return 0

    @Slot()
    def _update_write_actions(self) -> None:
        """«Enviar aprobadas» for approvers and admins when something waits; «Auditoría» for
        anyone with a role; «Exportar datos del titular» once something is reconciled."""
        roles = self.decisions.roles
        if self.decisions.user is None:
            why = self.tr("Elija primero quién trabaja (Usuario).")
        elif not roles & PUSHERS:
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
        store_open = self.decisions.store is not None
        self.period_action.setEnabled(store_open and bool(roles))
        self.period_action.setToolTip(
            self.tr("Cierre del periodo (Ctrl+Shift+P)") if store_open and roles
            else self.tr("Elija primero quién trabaja (Usuario): certifica quien propone y "
                         "firma otra persona que aprueba."))

    def _source_is_demo(self) -> bool:
        name = self._shown_source
        if name is None:
            return self.profile_picker.current_name() is None
        return name == demo_label()

    def push_target(self) -> tuple[SystemsOpener, str]:
        """The systems a push writes to (opened later, on the worker) and how the dialog
        names them: the demo's, or the shown profile's."""
        from ui.corrections.push_dialog import demo_systems, profile_systems  # with a push

        if self._source_is_demo():
            return demo_systems(), self.tr("la demostración")
        name = self._shown_source or self.profile_picker.current_name() or ""
        profile = self.profile_store.get(name)
        if profile is None:
            raise ProfileError(self.tr("El perfil «{name}» ya no existe.").format(name=name))
        secrets = self._secrets
        return (profile_systems(profile, secrets),
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
        from ui.corrections.push_dialog import PushDialog  # the outbox's engine: when opened

        self.push_dialog = PushDialog(self.decisions, factory, label, self)
        self.table_exporter.install(self.push_dialog)
        self.push_dialog.open()
        return self.push_dialog

    def open_audit(self) -> AuditDialog:
        """Ver → «Auditoría…»: the audit view (a window of its own)."""
        if self.audit_dialog is None:
            from ui.audit.audit_view import AuditDialog  # the audit's reader: when opened

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

    def open_period(self) -> PeriodDialog | None:
        """Ver → «Cierre del periodo…»: certify, sign off or reopen a month of the workspace
        shown (its latest saved run); None, said on the status bar, without a store."""
        store = self.decisions.store
        if store is None:
            self._show_decision(self.tr("No hay un espacio de trabajo abierto: el cierre de un "
                                        "periodo se guarda en él."))
            return None
        dialog = open_period_dialog(self, store, self.decisions.workspace, self.decisions.user)
        # A method of the dialog: Qt drops the connection when the dialog is deleted.
        self.decisions.userChanged.connect(dialog.set_login)
        return dialog

    def open_vin(self) -> VinDialog:
        """Ver → «¿Dónde está este VIN?» (Ctrl+L), on the workspace shown; «Actualizar» reads
        the systems a push would write to (the source on screen)."""
        dialog = open_vin_dialog(self, self.decisions.store, self.decisions.workspace,
                                 lambda: self.push_target()[0])
        dialog.findingChosen.connect(self.show_vin_finding)
        return dialog

    def show_vin_finding(self, entity: str, finding: str) -> bool:
        """A finding chosen in «¿Dónde está este VIN?», shown in its tab (or why not)."""
        tab = self.tab(Entity(entity))
        if reveal_finding(tab, self.decisions.workspace, finding):
            self.tabs.setCurrentWidget(tab)
            tab.view.setFocus()
            return True
        self._show_decision(self.tr("Ese hallazgo no está en la conciliación en pantalla: "
                                    "reconcilie esta fuente (F5) para verlo en su pestaña."))
        return False

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
        from app.writeback import subject  # pandas: with the first export

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

    def show_corrections(self) -> CorrectionsTab:
        if not self.corrections_dock.isVisible():
            self.corrections_dock.show()
            self.resizeDocks([self.corrections_dock], [320], Qt.Orientation.Vertical)
        self.corrections_dock.raise_()
        self.corrections_tab.reload()
        return self.corrections_tab
