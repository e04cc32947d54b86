"""The Conteo físico tab: count the VINs on a branch's lot and compare them with ERP stock.

Left, the count: the branch, a VIN box a barcode scanner types into (Enter adds the VIN, clears
the box and keeps the focus, so the next scan follows), the list of scans (an invalid VIN is
marked at once, with the reason in its tooltip; Supr removes the selected scans) and the
buttons "Importar conteo…", "Nuevo conteo" and "Comparar con el ERP". Right, the result: a
summary per kind and the findings table.

The list is saved to the data folder after every change (``app/count/saved.py``) and
loaded back when the branch is chosen again, so a crash loses nothing. Reading a file and
comparing run on the tab's own :class:`~ui.common.tasks.TaskRunner`, never on the GUI thread.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.count.saved import CountEntry, CountStore, DamagedCountFile, entries_to_frame
from app.domain.schema import Entity
from app.domain.values import fold, normalize_vin
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner, show_progress
from ui.count.count_import import (
    EXPLAINED_ERRORS,
    CountReader,
    ImportedCount,
    import_task,
    issues_text,
)
from ui.count.count_model import CountListModel, problem_text
from ui.count.count_results import CountResultsPanel

if TYPE_CHECKING:  # the count's engine (pandas, rapidfuzz) loads when a count is compared
    import pandas as pd

    from app.count.compare import CountResult

log = logging.getLogger(__name__)


class CountListView(QListView):
    """The scans; Supr (or Retroceso) asks to remove the selected ones."""

    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class CountTab(QWidget):
    """Count one branch's lot, keep the count safe, compare it with the ERP."""

    compared = Signal(object)  # the CountResult shown
    imported = Signal(int)  # how many scans the last import left in the list
    messageShown = Signal(str)  # a Spanish message for the user (import issues, failures)

    def __init__(self, store: CountStore | None = None, reader: CountReader | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countTab")
        self.store = store or CountStore()
        self._reader = reader
        self._erp: pd.DataFrame | None = None
        self._branch: str | None = None
        self._stale = False
        self._task_kind = ""  # "import" | "compare": what the runner is doing

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.runningChanged.connect(self._on_running_changed)

        self.list_model = CountListModel(self)
        self.results = CountResultsPanel(self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_count_panel())
        splitter.addWidget(self.results)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 1090])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        QWidget.setTabOrder(self.branch_combo, self.vin_edit)
        QWidget.setTabOrder(self.vin_edit, self.list_view)
        QWidget.setTabOrder(self.list_view, self.import_button)
        QWidget.setTabOrder(self.import_button, self.new_button)
        QWidget.setTabOrder(self.new_button, self.compare_button)
        QWidget.setTabOrder(self.compare_button, self.results.summary.list_widget())
        self._on_running_changed(False)
        self._refresh()

    # -- construction -----------------------------------------------------------------------

    def _build_count_panel(self) -> QWidget:
        """The left half: the branch and the VIN box, the scans, the buttons, the progress."""
        panel = QWidget(self)
        panel.setObjectName("countPanel")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        title = QLabel(self.tr("Conteo del patio"), panel)
        title.setObjectName("panelTitle")
        form = self._build_vin_form(panel, mono)
        self._build_list(panel, mono)
        buttons = self._build_buttons(panel)
        progress = self._build_progress(panel)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.feedback_label)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.counted_label)
        layout.addLayout(buttons)
        layout.addWidget(self.compare_button)
        layout.addLayout(progress)
        panel.setMinimumWidth(300)
        return panel

    def _build_vin_form(self, panel: QWidget, mono: QFont) -> QFormLayout:
        """The branch being counted and the box a barcode scanner types into."""
        self.branch_combo = QComboBox(panel)
        self.branch_combo.setObjectName("branchCombo")
        self.branch_combo.setAccessibleName(self.tr("Sede que se cuenta"))
        self.branch_combo.currentIndexChanged.connect(self._on_branch_changed)
        self.vin_edit = QLineEdit(panel)
        self.vin_edit.setObjectName("vinEdit")
        self.vin_edit.setFont(mono)
        self.vin_edit.setMaxLength(40)
        self.vin_edit.setPlaceholderText(self.tr("Escanee o escriba el VIN"))
        self.vin_edit.setAccessibleName(self.tr("VIN contado"))
        self.vin_edit.setToolTip(self.tr(
            "El lector de código de barras escribe el VIN y pulsa Enter: se agrega a la lista"
        ))
        self.vin_edit.returnPressed.connect(self._on_vin_entered)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._buddy(self.tr("&Sede:"), self.branch_combo), self.branch_combo)
        form.addRow(self._buddy(self.tr("&VIN:"), self.vin_edit), self.vin_edit)
        return form

    def _build_list(self, panel: QWidget, mono: QFont) -> None:
        """What the last scan did, the scans so far, and how many."""
        self.feedback_label = QLabel(panel)
        self.feedback_label.setObjectName("countFeedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.PlainText)

        self.list_view = CountListView(panel)
        self.list_view.setObjectName("countList")
        self.list_view.setModel(self.list_model)
        self.list_view.setFont(mono)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setAccessibleName(self.tr("VIN contados (Supr quita el seleccionado)"))
        self.list_view.deleteRequested.connect(self.remove_selected)
        self.counted_label = QLabel(panel)
        self.counted_label.setObjectName("countedLabel")
        self.counted_label.setWordWrap(True)

    def _build_buttons(self, panel: QWidget) -> QHBoxLayout:
        """«Importar conteo…» and «Nuevo conteo» in a row; «Comparar con el ERP» under them."""
        self.import_button = QPushButton(self.tr("&Importar conteo…"), panel)
        self.import_button.setToolTip(self.tr("Leer un archivo CSV o Excel con los VIN contados"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.new_button = QPushButton(self.tr("&Nuevo conteo"), panel)
        self.new_button.setToolTip(self.tr("Vaciar la lista de esta sede y empezar de cero"))
        self.new_button.clicked.connect(self._on_new_clicked)
        self.compare_button = QPushButton(self.tr("Co&mparar con el ERP"), panel)
        self.compare_button.setObjectName("primaryButton")
        self.compare_button.clicked.connect(self.compare)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.new_button)
        return buttons

    def _build_progress(self, panel: QWidget) -> QHBoxLayout:
        """The progress of an import or a comparison, and «Cancelar» (shown while one runs)."""
        self.progress_bar = QProgressBar(panel)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancelar"), panel)
        self.cancel_button.setToolTip(self.tr("Detener la tarea en curso (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        progress = QHBoxLayout()
        progress.setContentsMargins(0, 0, 0, 0)
        progress.addWidget(self.progress_bar, 1)
        progress.addWidget(self.cancel_button)
        return progress

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- public API -------------------------------------------------------------------------

    @property
    def result(self) -> CountResult | None:
        return self.results.result

    @property
    def running(self) -> bool:
        return self.runner.running

    def branches(self) -> list[str]:
        return [self.branch_combo.itemText(i) for i in range(self.branch_combo.count())]

    def current_branch(self) -> str | None:
        return self._branch

    def entries(self) -> list[CountEntry]:
        return self.list_model.entries()

    def set_report(self, report: Report | None) -> None:
        """Take the ERP's vehicles and branches from ``report``; keep the branch if it is
        still there. A comparison of the previous report is dropped."""
        if self.runner.running:
            self.runner.cancel()
        result = report.results.get(Entity.VEHICLES) if report is not None else None
        self._erp = result.erp if result is not None else None
        names: dict[str, str] = {}
        if self._erp is not None:
            for b in self._erp["branch"]:
                if isinstance(b, str) and b.strip():
                    names.setdefault(fold(b), b)
        branches = sorted(names.values(), key=fold)
        keep = self._branch if self._branch in branches else (branches[0] if branches else None)
        with QSignalBlocker(self.branch_combo):
            self.branch_combo.clear()
            self.branch_combo.addItems(branches)
            if keep is not None:
                self.branch_combo.setCurrentIndex(branches.index(keep))
        self._load_branch(keep)

    def set_branch(self, branch: str) -> None:
        index = self.branch_combo.findText(branch)
        if index >= 0:
            self.branch_combo.setCurrentIndex(index)

    def add_vin(self, text: str) -> CountEntry | None:
        """Add one scanned or typed VIN (normalized); None when the text holds no VIN."""
        vin = normalize_vin(text)
        if vin is None or self._branch is None:
            return None
        entry = CountEntry(vin, datetime.now().astimezone())
        row = self.list_model.append(entry)
        index = self.list_model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)  # the newest scan stays in sight
        times = self.list_model.times(vin)
        problem = problem_text(vin)
        if problem:
            self._feedback(self.tr("{vin}: {problem}. Se agregó; revíselo.").format(
                vin=vin, problem=problem), warn=True)
        elif times > 1:
            self._feedback(self.tr("{vin} ya estaba en la lista: contado {n} veces.").format(
                vin=vin, n=fmt.count(times)), warn=True)
        else:
            self._feedback(self.tr("Agregado: {vin}").format(vin=vin))
        self._changed()
        return entry

    def remove_selected(self) -> None:
        """Remove the selected scans; the row after them becomes current."""
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        if not rows:
            return
        self.list_model.remove_rows(rows)
        n = self.list_model.rowCount()
        if n:
            index = self.list_model.index(min(rows[0], n - 1), 0)
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._feedback(
            (self.tr("Se quitó {n} VIN de la lista.") if len(rows) == 1
             else self.tr("Se quitaron {n} VIN de la lista.")).format(n=fmt.count(len(rows)))
        )
        self._changed()

    def new_count(self) -> None:
        """Empty this branch's list and forget its saved copy (no question asked)."""
        if self._branch is None:
            return
        self.list_model.set_entries([])
        self.store.clear(self._branch)
        self._show_result(None)
        self._feedback(self.tr("Conteo nuevo para {branch}.").format(branch=self._branch))
        self._refresh()
        self.vin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def import_file(self, path: Path) -> None:
        """Read a count file (CSV/XLSX) off the GUI thread; ``imported`` follows."""
        from app.connectors.files.connector import read_count  # pandas: with the first file

        reader = self._reader or read_count
        self._task_kind = "import"
        self.runner.start(lambda cancel: import_task(Path(path), reader, EXPLAINED_ERRORS))

    def compare(self) -> None:
        """Compare this branch's list with the ERP off the GUI thread; ``compared`` follows."""
        if self._erp is None or self._branch is None:
            return
        entries = self.list_model.entries()
        erp, branch = self._erp, self._branch

        def factory(cancel: CancelToken) -> Task[CountResult]:
            from app.count.compare import compare_count  # pandas, rapidfuzz: on the worker

            return compare_count(entries_to_frame(branch, entries), erp, branch, cancel)

        self._task_kind = "compare"
        self.runner.start(factory)

    def cancel(self) -> None:
        self.runner.cancel()

    def shutdown(self) -> bool:
        return self.runner.shutdown()

    def ask_import_mode(self, current: int) -> str | None:
        """The list already holds ``current`` scans: "replace", "add" or None (cancel)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Importar conteo"))
        box.setText(self.tr("La lista de esta sede ya tiene {n} VIN.").format(n=fmt.count(current)))
        box.setInformativeText(self.tr("¿Reemplazarla por el archivo o agregar el archivo a la lista?"))
        replace = box.addButton(self.tr("&Reemplazar"), QMessageBox.ButtonRole.DestructiveRole)
        add = box.addButton(self.tr("A&gregar"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(add)
        box.exec()
        clicked = box.clickedButton()
        return "replace" if clicked is replace else "add" if clicked is add else None

    def confirm_new_count(self, current: int) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Nuevo conteo"),
            self.tr("¿Borrar los {n} VIN contados en {branch} y empezar de cero?").format(
                n=fmt.count(current), branch=self._branch or ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_message(self, text: str) -> None:
        """Tell the user something (non-blocking box); ``messageShown`` carries it for tests."""
        self.messageShown.emit(text)
        box = QMessageBox(self)
        box.setObjectName("countMessage")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Conteo físico"))
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_vin_entered(self) -> None:
        text = self.vin_edit.text()
        self.vin_edit.clear()
        self.add_vin(text)

    @Slot(int)
    def _on_branch_changed(self, index: int) -> None:
        self._load_branch(self.branch_combo.itemText(index) if index >= 0 else None)

    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar conteo"), str(Path.home()),
            self.tr("Conteos (*.csv *.xlsx);;Todos los archivos (*)"),
        )
        if path:
            self.import_file(Path(path))

    @Slot()
    def _on_new_clicked(self) -> None:
        n = self.list_model.scans()
        if n == 0 or self.confirm_new_count(n):
            self.new_count()

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        show_progress(self.progress_bar, progress)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        from app.count.compare import CountResult  # loaded by the task that made it

        if isinstance(result, CountResult):
            self._show_result(result)
            self.compared.emit(result)
        elif isinstance(result, ImportedCount):
            self._apply_import(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        what = (self.tr("No se pudo leer el archivo del conteo.") if self._task_kind == "import"
                else self.tr("No se pudo comparar el conteo."))
        self._feedback(what, warn=True)
        self.show_message(f"{what}\n{message}")

    @Slot()
    def _on_cancelled(self) -> None:
        self._feedback(self.tr("Cancelado."))

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)
        self._refresh()

    # -- internals --------------------------------------------------------------------------

    def _load_branch(self, branch: str | None) -> None:
        self._branch = branch
        entries: list[CountEntry] = []
        if branch is not None:
            try:
                entries = self.store.load(branch)
            except DamagedCountFile as damaged:
                where = damaged.moved_to.name if damaged.moved_to else damaged.path.name
                self.show_message(self.tr(
                    "El conteo guardado de {branch} no se pudo leer; se apartó como «{file}» "
                    "y la lista empieza vacía."
                ).format(branch=branch, file=where))
            except OSError:
                log.warning("could not read the saved count", exc_info=True)
                self.show_message(self.tr("No se pudo leer el conteo guardado de {branch}.")
                                  .format(branch=branch))
        self.list_model.set_entries(entries)
        self._show_result(None)
        self._feedback(
            self.tr("Se recuperó el conteo guardado ({n} VIN).").format(n=fmt.count(len(entries)))
            if entries else ""
        )
        self._refresh()

    def _apply_import(self, imported: ImportedCount) -> None:
        if imported.error is not None:
            what = self.tr("No se pudo leer el archivo del conteo.")
            self._feedback(what, warn=True)
            self.show_message(f"{what}\n{imported.error}")
            return
        known = {fold(b): b for b in self.branches()}
        named = [k for k in imported.entries_by_branch if k in known]
        if len(named) == 1 and known[named[0]] != self._branch:
            self.set_branch(known[named[0]])  # the file says whose count it is
        here = fold(self._branch)
        entries = [e for k, rows in imported.entries_by_branch.items()
                   if k == here or k not in known for e in rows]
        left_out = sum(len(rows) for k, rows in imported.entries_by_branch.items()
                       if k in known and k != here)
        current = self.list_model.scans()
        mode = "replace" if current == 0 else self.ask_import_mode(current)
        if mode is None:
            return
        if mode == "replace":
            self.list_model.set_entries(entries)
        else:
            self.list_model.set_entries([*self.list_model.entries(), *entries])
        self._changed()
        lines = [self.tr("Se importaron {n} VIN de «{file}».").format(
            n=fmt.count(len(entries)), file=imported.path.name)]
        if left_out:
            lines.append((self.tr("{n} fila de otra sede se dejó fuera.") if left_out == 1
                          else self.tr("{n} filas de otras sedes se dejaron fuera."))
                         .format(n=fmt.count(left_out)))
        self._feedback(" ".join(lines))
        if imported.issues:
            lines.append(issues_text(imported.issues))
            self.show_message("\n".join(lines))
        self.imported.emit(self.list_model.scans())
        self.vin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _changed(self) -> None:
        """After every change to the list: save it, mark a shown result as stale."""
        if self._branch is not None:
            try:
                self.store.save(self._branch, self.list_model.entries())
            except OSError:
                log.warning("could not save the count", exc_info=True)
                self._feedback(self.tr(
                    "No se pudo guardar el conteo en la carpeta de datos: no cierre Cuadre."
                ), warn=True)
        if self.results.result is not None:
            self._stale = True
        self._refresh()

    def _show_result(self, result: CountResult | None) -> None:
        self._stale = False
        self.results.set_result(result)
        self._refresh()

    def _refresh(self) -> None:
        n, distinct, invalid = (self.list_model.scans(), self.list_model.distinct(),
                                self.list_model.invalid())
        parts = [(self.tr("{n} VIN contado") if n == 1 else self.tr("{n} VIN contados"))
                 .format(n=fmt.count(n))]
        if distinct != n:
            parts.append((self.tr("{n} distinto") if distinct == 1 else self.tr("{n} distintos"))
                         .format(n=fmt.count(distinct)))
        if invalid:
            parts.append((self.tr("{n} inválido") if invalid == 1 else self.tr("{n} inválidos"))
                         .format(n=fmt.count(invalid)))
        self.counted_label.setText(" · ".join(parts))

        running = self.runner.running
        ready = self._branch is not None and self._erp is not None
        self.compare_button.setEnabled(ready and not running)
        self.import_button.setEnabled(ready and not running)
        self.new_button.setEnabled(ready and not running and n > 0)
        self.vin_edit.setEnabled(ready)
        self.branch_combo.setEnabled(not running)

        self.results.set_numbers(self._branch, self._stale)

    def _feedback(self, text: str, warn: bool = False) -> None:
        self.feedback_label.setText(text)
        self.feedback_label.setProperty("warn", warn)
        style = self.feedback_label.style()
        style.unpolish(self.feedback_label)
        style.polish(self.feedback_label)
