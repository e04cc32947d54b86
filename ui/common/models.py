"""What every read-only table or list model here answers the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

_READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class HasHeader(Protocol):
    @property
    def header(self) -> str: ...

    @property
    def numeric(self) -> bool: ...


def read_only_flags(index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
    """Selectable, never editable, no children."""
    return _READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


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
