"""The tables of the «Tablero» tab: one read-only model over a list of the insights'
dataclasses, described by columns, and the sortable proxy in front of it.

Unlike the findings tables these hold hundreds of rows, not 100,000, so sorting goes through
``QSortFilterProxyModel`` on :data:`SORT_ROLE` (a float, an ISO date or folded text per column).
Each column knows its display text and its raw value (``Decimal``, ``date``, ``int``): the raw
value is what «Exportar a Excel…» writes (``export_value``, ``ui/common/table_export.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.reports import day
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.models import ColumnsModel, cell_alignment, fast_fold
from ui.common.tables import fit_columns, setup_findings_view

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex

#: The role the proxy sorts on.
SORT_ROLE = Qt.ItemDataRole.UserRole + 41
#: The role that returns the row's object (a FollowupDue, a StockItem…).
ROW_ROLE = Qt.ItemDataRole.UserRole + 42

#: A row that will not be acted on (a follow-up whose contact is not allowed) reads greyed.
MUTED = QColor("#8a929c")
#: A row that needs attention (a slow mover) has a pale amber background.
ATTENTION = QColor("#fdf0d5")


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its header, its display text, its raw value (None: the text) and, for a
    raw value that is not pesos (a Decimal is written as money), its Excel number format."""

    header: str
    text: Callable[[T], str]
    value: Callable[[T], Any] | None = None
    numeric: bool = False
    tooltip: Callable[[T], str | None] | None = None
    excel_format: str | None = None


def _sort_key(value: Any, numeric: bool) -> Any:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float | Decimal):
        return float(value)
    if value is None:
        return float("-inf") if numeric else ""
    if isinstance(value, date):
        return value.isoformat()
    return fast_fold(str(value))


class RowsModel(ColumnsModel[T, Column[T]]):
    """Read-only rows of one dataclass; ``muted(row)`` greys a row, ``attention(row)`` tints
    it; ``export_value`` gives «Exportar a Excel…» the raw values."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None, *,
                 muted: Callable[[T], bool] | None = None,
                 attention: Callable[[T], bool] | None = None) -> None:
        super().__init__(columns, parent)
        self._muted = muted
        self._attention = attention

    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, row: int) -> T:
        return self._rows[row]

    def export_value(self, row: int, column: int) -> Any:
        """A cell's raw value (its text when the column has none) for «Exportar a Excel…»."""
        item, c = self._rows[row], self._columns[column]
        return c.value(item) if c.value is not None else c.text(item)

    def export_formats(self) -> dict[str, str]:
        """Excel number formats by header, for the columns that need their own."""
        return {c.header: c.excel_format for c in self._columns if c.excel_format}

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tooltip(item) if column.tooltip is not None else None
            return tip or column.text(item)
        if role == SORT_ROLE:
            raw = column.value(item) if column.value is not None else column.text(item)
            return _sort_key(raw, column.numeric)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column.numeric)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted is not None \
                and self._muted(item):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.BackgroundRole and self._attention is not None \
                and self._attention(item):
            return QBrush(ATTENTION)
        return None


class RowsProxy(QSortFilterProxyModel):
    """Sorts on :data:`SORT_ROLE`; ``set_predicate`` keeps only the rows it accepts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._predicate = predicate
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._predicate is None:
            return True
        model = self.sourceModel()
        if not isinstance(model, RowsModel):
            return True
        return bool(self._predicate(model.row(source_row)))

    def item(self, index: _Index) -> Any:
        """The row object at a proxy index, or None."""
        return index.data(ROW_ROLE) if index.isValid() else None


@dataclass
class Table(Generic[T]):
    """A table view with its model and proxy, as the dashboard's views build them."""

    view: QTableView
    model: RowsModel[T]
    proxy: RowsProxy

    def shown(self) -> list[T]:
        """The rows as the view shows them (filtered, sorted)."""
        return [self.proxy.item(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def selected(self) -> list[T]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.proxy.item(self.proxy.index(r, 0)) for r in rows]

    def set_rows(self, rows: Sequence[T]) -> None:
        self.model.set_rows(rows)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their content, within reason (the last one stretches)."""
        fit_columns(self.view, max(160, self.view.fontMetrics().averageCharWidth() * 32),
                    rows=100)


def make_table(columns: Sequence[Column[T]], accessible_name: str, parent: QWidget, *,
               object_name: str, muted: Callable[[T], bool] | None = None,
               attention: Callable[[T], bool] | None = None,
               multi_select: bool = False, stretch: int | None = None) -> Table[T]:
    """A read-only, sortable table of ``columns`` (the window's common table look); the
    ``stretch`` column (default: the last) takes the width left."""
    model: RowsModel[T] = RowsModel(columns, parent, muted=muted, attention=attention)
    proxy = RowsProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(object_name)
    view.setModel(proxy)
    setup_findings_view(view, accessible_name)
    if multi_select:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    if stretch is not None:
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return Table(view, model, proxy)


# -- texts the columns share ----------------------------------------------------------------

_MONTHS = (
    QT_TRANSLATE_NOOP("ui", "ene."), QT_TRANSLATE_NOOP("ui", "feb."), QT_TRANSLATE_NOOP("ui", "mar."),
    QT_TRANSLATE_NOOP("ui", "abr."), QT_TRANSLATE_NOOP("ui", "may."), QT_TRANSLATE_NOOP("ui", "jun."),
    QT_TRANSLATE_NOOP("ui", "jul."), QT_TRANSLATE_NOOP("ui", "ago."), QT_TRANSLATE_NOOP("ui", "sep."),
    QT_TRANSLATE_NOOP("ui", "oct."), QT_TRANSLATE_NOOP("ui", "nov."), QT_TRANSLATE_NOOP("ui", "dic."),
)
MONTH_NAMES = (
    QT_TRANSLATE_NOOP("ui", "enero"), QT_TRANSLATE_NOOP("ui", "febrero"), QT_TRANSLATE_NOOP("ui", "marzo"),
    QT_TRANSLATE_NOOP("ui", "abril"), QT_TRANSLATE_NOOP("ui", "mayo"), QT_TRANSLATE_NOOP("ui", "junio"),
    QT_TRANSLATE_NOOP("ui", "julio"), QT_TRANSLATE_NOOP("ui", "agosto"),
    QT_TRANSLATE_NOOP("ui", "septiembre"), QT_TRANSLATE_NOOP("ui", "octubre"),
    QT_TRANSLATE_NOOP("ui", "noviembre"), QT_TRANSLATE_NOOP("ui", "diciembre"),
)


def month_text(month: str | None) -> str:
    """"2026-07" → "jul. 2026"; empty → "—"."""
    if not month:
        return fmt.EMPTY
    try:
        year, number = month.split("-")[:2]
        return f"{fmt.tr(_MONTHS[int(number) - 1])} {year}"
    except (ValueError, IndexError):
        return month


def month_long(month: str) -> str:
    """"2026-11" → "noviembre de 2026"."""
    try:
        year, number = month.split("-")[:2]
        return fmt.tr("{month} de {year}").format(month=fmt.tr(MONTH_NAMES[int(number) - 1]),
                                                   year=year)
    except (ValueError, IndexError):
        return month


def date_text(value: date | None) -> str:
    """``20/11/2026``; empty → "—"."""
    return fmt.EMPTY if value is None else day(value)


def number_text(n: int | None) -> str:
    return fmt.count(n) if n is not None else fmt.EMPTY


def percent_text(ratio: Decimal) -> str:
    """0.1234 → "12,3 %" (es-CO, half-up once), as the charts, the PDF and the command line
    write it."""
    return fmt.percent(ratio)


def days_text(n: int | None) -> str:
    if n is None:
        return fmt.EMPTY
    return (fmt.tr("{n} día") if n == 1 else fmt.tr("{n} días")).format(n=fmt.count(n))
