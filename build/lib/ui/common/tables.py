"""How every table of findings or rows in the window looks and behaves, how its columns fit
their content and where a cell too narrow for its text is cut: one place, so they all agree."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)


def setup_findings_view(view: QTableView, accessible_name: str) -> None:
    """Read-only, one row selected at a time, sortable (source order until asked), compact rows."""
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the engine's order first
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # A VIN, an e-mail or a document cut at its end reads as another one: cut the middle
    # of a value, the end of words (the models give the whole text as the cell's tooltip).
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setItemDelegate(ElidingDelegate(view))
    view.setAccessibleName(accessible_name)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def fit_columns(view: QTableView, widest: int, *, rows: int = 1000) -> None:
    """Columns as wide as their content (measured on the first ``rows`` rows; Qt's default is
    1,000), none but the last wider than ``widest`` pixels, so one long cell does not push the
    others out of sight."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(rows)
    view.resizeColumnsToContents()
    for c in range(view.model().columnCount() - 1):
        if header.sectionSize(c) > widest:
            header.resizeSection(c, widest)


class ElidingDelegate(QStyledItemDelegate):
    """Where a cell too narrow for its text is cut: a value written as one piece (a VIN, an
    e-mail, a document, a CUFE) in its middle, so its start and end stay readable and it
    cannot pass for another; words (a kind of finding, a sentence, a name) at their end."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = str(option.text).strip()  # type: ignore[attr-defined]
        option.textElideMode = (  # type: ignore[attr-defined]
            Qt.TextElideMode.ElideRight if " " in text else Qt.TextElideMode.ElideMiddle)
