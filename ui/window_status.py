"""What the main window tells the person working: its status bar, its message boxes and the
page shown before anything is reconciled.

:class:`StatusWindow` is the part of :class:`~ui.main_window.MainWindow` that speaks: the
source of the report on screen and a one-line summary of it (the status bar), what the
sources could not read («⚠ N avisos al leer»), a task's progress with its «Cancelar», and a
failure as a Spanish sentence in a non-blocking message box, also emitted as ``errorShown``
so tests can check it without a dialog in the way; the results on screen stay.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.connectors.files.sheet import NO_ID_COLUMN
from app.domain.schema import Entity
from app.progress import Progress
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.tasks import TaskRunner
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.profile_picker import ProfilePicker, demo_label, issues_text

#: The findings tabs, in order.
ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)

_NOUNS = {
    Entity.CUSTOMERS: (QT_TRANSLATE_NOOP("StatusWindow", "cliente"),
                       QT_TRANSLATE_NOOP("StatusWindow", "clientes")),
    Entity.PAYMENTS: (QT_TRANSLATE_NOOP("StatusWindow", "pago"),
                      QT_TRANSLATE_NOOP("StatusWindow", "pagos")),
    Entity.VEHICLES: (QT_TRANSLATE_NOOP("StatusWindow", "vehículo"),
                      QT_TRANSLATE_NOOP("StatusWindow", "vehículos")),
}


class StatusWindow(QMainWindow):
    """The window's voice. :class:`~ui.main_window.MainWindow` builds the rest and sets what
    this part reads (below)."""

    errorShown = Signal(str)  # the Spanish message of a failed task

    runner: TaskRunner
    profile_picker: ProfilePicker
    entity_tabs: dict[Entity, EntityTab]
    pages: QStackedWidget
    _report: Report | None
    _pending_source: str | None
    _shown_source: str | None
    _failed_source: str | None
    _error_partial: bool

    def tab(self, entity: Entity) -> EntityTab:
        return self.entity_tabs[entity]

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
        bar.addWidget(self.source_label)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.issues_button)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)

    def _build_empty_page(self) -> None:
        """What the window shows before anything is reconciled: a card with one button."""
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
        text = self.tr("Reconciliado: {what} · {n} {noun} · {time}").format(
            what=", ".join(parts), n=fmt.count(differences), noun=noun,
            time=finished.strftime("%H:%M"),
        )
        pulls = getattr(report, "pulls", None) or []
        if not pulls:
            return text
        if any(p.mode == "incremental" for p in pulls):
            read = sum(p.records for p in pulls)
            how = (self.tr("lectura incremental: 1 registro leído (solo lo cambiado)")
                   if read == 1 else
                   self.tr("lectura incremental: {n} registros leídos (solo lo cambiado)").format(
                       n=fmt.count(read)))
        else:
            how = self.tr("lectura completa")
        from app.reconcile.incremental import describe_pulls  # loaded with the report shown

        self.status_label.setToolTip("\n".join(describe_pulls(pulls)))
        return f"{text} · {how}"

    @staticmethod
    def _record_count(result: Any) -> int:
        """How many distinct things were compared: records of both systems, linked pairs once."""
        crm = 0 if result.crm is None else len(result.crm)
        erp = 0 if result.erp is None else len(result.erp)
        return max(crm, erp, crm + erp - len(result.links))
