"""«Exportar a Excel…» for every table of the window: what the table shows, as an XLSX file.

One implementation for all of them. :class:`TableExporter` is installed on a window (or a
dialog): each :class:`~PySide6.QtWidgets.QTableView` under it gets the action in its context
menu, and the window's action (Archivo › «Exportar a Excel…», Ctrl+Shift+X) exports the table
that has the focus, or the one that had it last.

What is exported is what the view shows: the rows its proxy lets through, in the proxy's
order, the columns not hidden, in the order the header shows them. A cell is written as its
display text, except money and dates, which go as numbers and dates the spreadsheet can add
up and sort: the es-CO text is read back (``$ 1.234.567`` → 1234567, ``15/03/2024`` → a date,
a count in a right-aligned column → an integer).

A model of many rows (the findings tables hold 100,000) answers faster, and exactly, with a
method ``export_value(row, column)`` (its own row numbers, not the proxy's): the raw value —
a ``Decimal`` to the cent, a ``date`` — or the display text, read without a Qt call per cell.
It may name an Excel number format per header, ``export_formats()`` (a Decimal is written as
pesos unless its column says otherwise). The widget holding the table may describe it: a method
``export_info(view) -> ExportInfo`` on the view or an ancestor gives the title and the active
filters, which go above the table in the file («Filtros: …»).

The rows are read here, on the GUI thread (Qt models belong to it); the file is written by
``app.security.spreadsheets.write_table`` on a worker (text that a spreadsheet would run as a
formula is neutralised there). Success goes to the status bar (``message``), failure to a
message box.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from app.progress import CancelToken, Progress, Task
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+Shift+X"

_INSTALLED = "cuadreTableExport"  # a dynamic property marking a view that has the action

_MONEY = re.compile(r"^(-?)\$[\s\u00a0]?(-?)(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?$")
_INTEGER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*$")
_DECIMAL = re.compile(r"^-?\d{1,3}(?:\.\d{3})*,\d+$")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
#: How a cell that may be read back as a value (or the empty mark) starts.
_VALUE_START = frozenset("0123456789$- \u00a0\t" + fmt.EMPTY)


@dataclass(frozen=True, slots=True)
class ExportInfo:
    """How a widget describes a table of its own: a title, and the filters now applied
    (one Spanish phrase each: "Tipo: Teléfono distinto", "Buscar: pérez")."""

    title: str
    filters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableSnapshot:
    """The rows a view shows, read on the GUI thread, ready to be written anywhere."""

    title: str
    headers: list[str]
    rows: list[list[Any]]
    filters: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # Excel number format by header


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    path: Path
    rows: int
    error: str | None = None


# -- reading a view -------------------------------------------------------------------------


def cell_value(text: Any, numeric: bool = False) -> Any:
    """A cell's display text back as a value: pesos as Decimal, dd/mm/aaaa as a date, a count
    of a numeric column as int, the empty mark as None; anything else stays text."""
    if not isinstance(text, str):
        return text
    if not text:
        return None
    if text[0] not in _VALUE_START:  # a name, a code, a kind: text (most cells)
        return text
    stripped = text.strip()
    if not stripped or stripped == fmt.EMPTY:
        return None
    # Cheap tests first: this runs once per cell of tables of 100,000 rows.
    money = _MONEY.match(stripped) if "$" in stripped[:2] else None
    if money is not None:
        sign = "-" if money.group(1) or money.group(2) else ""
        whole = money.group(3).replace(".", "")
        cents = money.group(4)
        return Decimal(f"{sign}{whole}.{cents}" if cents else f"{sign}{whole}")
    found = _DATE.match(stripped) if len(stripped) == 10 and stripped[2] == "/" else None
    if found is not None:
        day, month, year = (int(g) for g in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return text
    if numeric:
        if _INTEGER.match(stripped):
            return int(stripped.replace(".", ""))
        if _DECIMAL.match(stripped):
            try:
                return Decimal(stripped.replace(".", "").replace(",", "."))
            except InvalidOperation:
                return text
    return text


def _source_model(model: Any) -> Any:
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    return model


def _source_rows(model: Any, rows: list[int]) -> list[int]:
    """The rows of the innermost model behind the view's ``rows``. A filtering proxy that does
    not sort (the findings tables sort in their model) keeps the source's order: its rows are
    the accepted ones, asked of its filter directly — mapping 100,000 rows one Qt call at a
    time takes seconds. A proxy that knows its source rows (the findings tables') says them."""
    source_rows = getattr(model, "source_rows", None)
    if callable(source_rows) and isinstance(model, QAbstractProxyModel) \
            and not isinstance(model.sourceModel(), QAbstractProxyModel):
        every = source_rows()
        return [every[r] for r in rows]
    if isinstance(model, QSortFilterProxyModel) and model.sortColumn() < 0:
        source = model.sourceModel()
        if source is not None and not isinstance(source, QAbstractProxyModel):
            root = QModelIndex()
            accepted = [i for i in range(source.rowCount())
                        if model.filterAcceptsRow(i, root)]
            if len(accepted) == model.rowCount():
                return [accepted[r] for r in rows]
    return [_to_source(model, r, 0)[0] for r in rows]


def _to_source(model: Any, row: int, column: int) -> tuple[int, int]:
    """A view row and column as the innermost model numbers them (through every proxy)."""
    index = model.index(row, column)
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        index = model.mapToSource(index)
        model = model.sourceModel()
    return index.row(), index.column()


def _right_aligned(value: Any) -> bool:
    if value is None:
        return False
    try:
        return bool(int(value) & int(Qt.AlignmentFlag.AlignRight))
    except (TypeError, ValueError):
        return bool(value & Qt.AlignmentFlag.AlignRight)


def export_info(view: QTableView) -> ExportInfo:
    """The title and filters the view or its nearest describing ancestor gives; else the
    view's accessible name (or the window's title) and no filters."""
    widget: QWidget | None = view
    while widget is not None:
        describe = getattr(widget, "export_info", None)
        if callable(describe):
            info = describe(view)
            if isinstance(info, ExportInfo):
                return info
        widget = widget.parentWidget()
    title = view.accessibleName() or view.window().windowTitle() or fmt.tr("Tabla")
    return ExportInfo(title)


def snapshot(view: QTableView) -> TableSnapshot:
    """The visible rows and columns of ``view``, in the order shown."""
    model = view.model()
    info = export_info(view)
    if model is None:
        return TableSnapshot(info.title, [], [], list(info.filters))
    header = view.horizontalHeader()
    columns = [c for c in (header.logicalIndex(v) for v in range(header.count()))
               if c >= 0 and not view.isColumnHidden(c)]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.DisplayRole) or "") for c in columns]
    rows = [r for r in range(model.rowCount()) if not view.isRowHidden(r)]
    first = rows[0] if rows else 0
    numeric = [
        _right_aligned(model.headerData(c, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.TextAlignmentRole))
        or (bool(rows) and _right_aligned(model.data(model.index(first, c),
                                                     Qt.ItemDataRole.TextAlignmentRole)))
        for c in columns
    ]
    source = _source_model(model)
    own_formats = getattr(source, "export_formats", None)
    formats = {h: f for h, f in (own_formats() if callable(own_formats) else {}).items()
               if h in headers}
    fast = getattr(source, "export_value", None)
    out: list[list[Any]] = []
    if callable(fast) and rows:
        # Proxies filter and sort rows; they keep the columns: map those once.
        source_columns = [_to_source(model, first, c)[1] for c in columns]
        for row in _source_rows(model, rows):
            out.append([cell_value(fast(row, c), is_number)
                        for c, is_number in zip(source_columns, numeric, strict=True)])
    else:
        display = Qt.ItemDataRole.DisplayRole
        for r in rows:
            out.append([cell_value(model.data(model.index(r, c), display), is_number)
                        for c, is_number in zip(columns, numeric, strict=True)])
    return TableSnapshot(info.title, headers, out, list(info.filters), formats)


def slug(text: str) -> str:
    """"Pagos — diferencias" → "pagos-diferencias": a file-name part without accents."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "tabla"


def suggested_name(title: str, day: date | None = None) -> str:
    """``cuadre-<vista>-<fecha>.xlsx``."""
    return f"cuadre-{slug(title)}-{(day or date.today()).isoformat()}.xlsx"


def export_task(path: Path, table: TableSnapshot, cancel: CancelToken) -> Task[ExportOutcome]:
    """Write ``table`` to ``path`` (off the GUI thread). A file the system will not let us
    write is an outcome with its Spanish reason, not a failure of the task."""
    from app.security.spreadsheets import write_table  # openpyxl loads only when someone exports

    yield Progress("export_table", 0, 1)
    cancel.check()
    try:
        n = write_table(path, table.title, table.headers, table.rows, filters=table.filters,
                        formats=table.formats)
    except PermissionError:
        return ExportOutcome(path, 0, fmt.tr(
            "No hay permiso para escribir «{name}». Si el archivo está abierto en Excel, "
            "ciérrelo y vuelva a intentarlo.").format(name=path.name))
    except OSError as exc:
        log.warning("table export failed: %s", type(exc).__name__)
        return ExportOutcome(path, 0, fmt.tr(
            "No se pudo escribir «{name}» en esa carpeta.").format(name=path.name))
    return ExportOutcome(path, n)


# -- the action -----------------------------------------------------------------------------


class TableExporter(QObject):
    """«Exportar a Excel…» for every table view under the windows it is installed on."""

    message = Signal(str)  # a Spanish sentence for the status bar (done, or why not)
    exported = Signal(object, int)  # the path written and the number of rows

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._last: QTableView | None = None
        self._folder: Path | None = None
        self.action = QAction(self.tr("E&xportar a Excel…"), parent)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(self.tr(
            "Guarda en un archivo XLSX las filas que muestra la tabla, con sus filtros"))
        self.action.triggered.connect(self.export_current)
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_written)
        self.runner.failed.connect(self._on_failed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # -- installing -------------------------------------------------------------------------

    def install(self, root: QWidget) -> None:
        """Give every table view under ``root`` the action; ``root``'s window gets the
        shortcut (the main window has it through its menu; a dialog needs it added)."""
        if root.isWindow() and self.action not in root.actions():
            root.addAction(self.action)
        views: list[QTableView] = list(root.findChildren(QTableView))
        if isinstance(root, QTableView):
            views.insert(0, root)
        for view in views:
            self.install_view(view)

    def install_view(self, view: QTableView) -> None:
        if view.property(_INSTALLED):
            return
        view.setProperty(_INSTALLED, True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos, v=view: self._context_menu(v, pos))

    def _context_menu(self, view: QTableView, pos: QPoint) -> None:
        menu = self.context_menu(view)
        menu.popup(view.viewport().mapToGlobal(pos))

    def context_menu(self, view: QTableView) -> QMenu:
        """The table's context menu (its one action shows the shortcut)."""
        menu = QMenu(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        action = menu.addAction(self.tr("E&xportar a Excel…") + "\t" + QKeySequence(
            SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText))
        action.setEnabled(not self.runner.running)
        action.triggered.connect(lambda: self.export_view(view))
        return menu

    @Slot(object, object)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and not isinstance(widget, QTableView):
            widget = widget.parentWidget()
        if isinstance(widget, QTableView) and widget.property(_INSTALLED):
            self._last = widget

    # -- exporting --------------------------------------------------------------------------

    def current_view(self) -> QTableView | None:
        """The table Ctrl+Shift+X means: the focused one, else the last focused one still on
        screen in the active window, else the biggest one on screen there."""
        window = QApplication.activeWindow() or self._parent.window()
        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, QTableView):
            focus = focus.parentWidget()
        if isinstance(focus, QTableView) and focus.property(_INSTALLED):
            return focus
        last = self._last
        try:
            if last is not None and last.isVisible() and last.window() is window:
                return last
        except RuntimeError:  # the view was deleted with its dialog
            self._last = None
        found: list[QTableView] = list(window.findChildren(QTableView))
        shown = [v for v in found if v.property(_INSTALLED) and v.isVisible()]
        if not shown:
            return None
        return max(shown, key=lambda v: v.width() * v.height())

    @Slot()
    def export_current(self) -> bool:
        view = self.current_view()
        if view is None:
            self.message.emit(self.tr("No hay una tabla a la vista para exportar."))
            return False
        return self.export_view(view)

    def export_view(self, view: QTableView, path: Path | None = None) -> bool:
        """Export what ``view`` shows to ``path`` (asked, with a suggested name, when not
        given); the file is written off the GUI thread. False when nothing was started."""
        if self.runner.running:
            self.message.emit(self.tr("Ya se está exportando una tabla; espere a que termine."))
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # 100,000 rows: seconds
        try:
            table = snapshot(view)
        finally:
            QApplication.restoreOverrideCursor()
        if not table.rows:
            self.message.emit(self.tr("La tabla no muestra filas: no hay nada que exportar."))
            return False
        if path is None:
            path = self.ask_path(suggested_name(table.title))
            if path is None:
                return False
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._folder = path.parent
        target = path
        self.message.emit(self.tr("Exportando {n} filas a {name}…").format(
            n=fmt.count(len(table.rows)), name=path.name))
        self.runner.start(lambda cancel: export_task(target, table, cancel))
        return True

    def ask_path(self, suggested: str) -> Path | None:
        """Where to save (override in tests)."""
        folder = self._folder or Path.home()
        name, _chosen = QFileDialog.getSaveFileName(
            self._parent, self.tr("Exportar a Excel"), str(folder / suggested),
            self.tr("Libro de Excel (*.xlsx)"))
        return Path(name) if name else None

    def show_error(self, message: str) -> None:
        """A failed export: a non-blocking message box (override in tests)."""
        box = QMessageBox(self._parent)
        box.setObjectName("exportErrorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cuadre"))
        box.setText(self.tr("No se pudo exportar la tabla a Excel."))
        box.setInformativeText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot(object)
    def _on_written(self, outcome: Any) -> None:
        if not isinstance(outcome, ExportOutcome):
            return
        if outcome.error is not None:
            self._fail(outcome.error)
            return
        self.message.emit((self.tr("Exportada {n} fila a {path}.") if outcome.rows == 1 else
                           self.tr("Exportadas {n} filas a {path}.")).format(
            n=fmt.count(outcome.rows), path=outcome.path))
        self.exported.emit(outcome.path, outcome.rows)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._fail(message)

    def _fail(self, message: str) -> None:
        self.message.emit(self.tr("No se pudo exportar: {why}").format(why=message))
        self.show_error(message)

    def shutdown(self) -> bool:
        return self.runner.shutdown()


def filters_text(parts: Sequence[tuple[str, str | None]]) -> tuple[str, ...]:
    """("Tipo", "Teléfono distinto"), ("Buscar", "") → ("Tipo: Teléfono distinto",): the
    filters a widget reports, leaving out those not applied (empty or None)."""
    return tuple(f"{name}: {value}" for name, value in parts if value)
