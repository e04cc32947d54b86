"""What every read-only table or list model here shares: the flags, the column headers, a base
for a table of rows described by columns, and the folded text searches and sorts compare."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex

_READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class HasHeader(Protocol):
    @property
    def header(self) -> str: ...

    @property
    def numeric(self) -> bool: ...


R = TypeVar("R")  # a row: a finding, an insight's dataclass…
C = TypeVar("C", bound=HasHeader)  # a column: its header and whether it holds numbers


def fast_fold(text: str) -> str:
    """Case- and accent-folded text for search ("Pérez" → "perez"), fast on 100,000 rows.

    Plain ASCII skips the Unicode work. Otherwise NFKD splits "é" into "e" and a combining
    mark, and encoding to ASCII drops the marks, with whatever else is not Latin (a dash, a
    non-Latin script): search text and what is typed are folded alike, so that is harmless.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return decomposed.encode("ascii", "ignore").decode("ascii")


def read_only_flags(index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
    """Selectable, never editable, no children."""
    return _READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


def cell_alignment(numeric: bool) -> Qt.AlignmentFlag:
    """Numbers (money) right-aligned, anything else left; centred vertically."""
    horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def column_header(columns: Sequence[HasHeader], section: int, orientation: Qt.Orientation,
                  role: int) -> Any:
    """A column's title, right-aligned for numbers (money); None for anything else."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return columns[section].header
    if role == Qt.ItemDataRole.TextAlignmentRole and columns[section].numeric:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return None


class ColumnsModel(QAbstractTableModel, Generic[R, C]):
    """Read-only rows described by columns: the counts, the headers, the flags and where a
    column is, answered once for every table of the window. Subclasses fill ``_rows`` (with
    a model reset) and answer ``data``."""

    def __init__(self, columns: Sequence[C], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: tuple[C, ...] = tuple(columns)
        self._rows: list[R] = []

    @property
    def columns(self) -> tuple[C, ...]:
        return self._columns

    def column_of(self, header: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.header == header)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self._columns, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_flags(index)
