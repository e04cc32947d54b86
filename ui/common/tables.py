"""How every table of findings or rows in the window looks and behaves, how its columns fit
their content and where a cell too narrow for its text is cut: one place, so they all agree."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

#: Pixels between a cell's edge and its text, as Qt's own painting leaves them.
_TEXT_MARGIN = 3


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
    delegate = view.itemDelegate()
    if isinstance(delegate, FastTextDelegate):  # measured without Qt asking each cell
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        for c in range(view.model().columnCount()):
            content = delegate.column_width(view, option, c, rows)
            header.resizeSection(c, min(max(content, header.sectionSizeHint(c),
                                            header.minimumSectionSize()),
                                        header.maximumSectionSize()))
    else:
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


#: What a :class:`FastTextDelegate` reads per cell: its text, whether it is right-aligned (a
#: number) and whether the model gives it a decoration (then Qt's own painting draws it).
CellText = Callable[[int, int], tuple[str, bool, bool]]

_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate.value
_ACTIVE_GROUP, _INACTIVE_GROUP, _DISABLED_GROUP = (
    QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
_ELIDE_WORDS, _ELIDE_VALUE = Qt.TextElideMode.ElideRight, Qt.TextElideMode.ElideMiddle
#: Text widths kept between repaints (per delegate); past this many the cache starts again.
_WIDTHS_KEPT = 20_000


class FastTextDelegate(ElidingDelegate):
    """An :class:`ElidingDelegate` that paints a plain cell itself: its background (selected
    or alternate row), its text in the palette's colour, cut as :class:`ElidingDelegate`
    cuts it. Qt's painting asks the model for ten roles per cell and lays the text out
    through the style: the findings table of a 1440×900 window took 32–37 ms of the GUI
    thread to repaint, the longest the window stopped after each sort or filter of a big
    table; this takes 18–22 ms, pixel for pixel the same. The text comes from
    ``cell_text`` (row and column of the view's model) in one call, widths are measured once
    per text. A cell with a decoration, or the one with the keyboard focus, is painted by Qt
    as before."""

    def __init__(self, cell_text: CellText, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cell_text = cell_text
        self._palette_key = -1
        self._font = QFont()
        self._metrics: QFontMetricsF | None = None
        self._widths: dict[str, float] = {}

    def _prepare(self, option: QStyleOptionViewItem) -> None:
        """Colours and font measures, read again when the palette or the font change."""
        palette, font = option.palette, option.font  # type: ignore[attr-defined]
        self._palette_key = palette.cacheKey()
        # Per colour group, as Qt's style picks it: active, inactive window, disabled.
        roles = (QPalette.ColorRole.Highlight, QPalette.ColorRole.AlternateBase,
                 QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText)
        self._colours = {group: tuple(QColor(palette.color(group, role)) for role in roles)
                         for group in (_ACTIVE_GROUP, _INACTIVE_GROUP, _DISABLED_GROUP)}
        if self._metrics is None or font != self._font:
            self._font = QFont(font)
            self._metrics = QFontMetricsF(font)
            whole = QFontMetrics(font)
            self._height, self._ascent = whole.height(), whole.ascent()
            self._row_height = whole.height()
            self._widths = {}

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """What a column fitted to its content measures (200 rows at a time): the text's width
        and the margins, as Qt's own measure gives, without asking the model for its roles."""
        text, _right, decorated = self._cell_text(index.row(), index.column())
        if decorated or "\n" in text:
            return super().sizeHint(option, index)
        return QSize(self._text_width(option, text), self._row_height)

    def column_width(self, view: QTableView, option: QStyleOptionViewItem, column: int,
                     rows: int) -> int:
        """What ``view.sizeHintForColumn(column)`` measures with ``rows`` as its precision
        (the rows from the first one shown), in one call from Python rather than one per
        cell."""
        model = view.model()
        count = model.rowCount()
        first = max(0, min(view.rowAt(0), count - rows))
        widest = 0
        for row in range(first, min(count, first + rows)):
            text, _right, decorated = self._cell_text(row, column)
            if decorated or "\n" in text:
                wide = super().sizeHint(option, model.index(row, column)).width()
            else:
                wide = self._text_width(option, text)
            widest = max(widest, wide)
        return widest + 1 if view.showGrid() and count else widest

    def _text_width(self, option: QStyleOptionViewItem, text: str) -> int:
        """A plain cell's width as Qt measures it: its text and both margins."""
        palette, font = option.palette, option.font  # type: ignore[attr-defined]
        if palette.cacheKey() != self._palette_key or font != self._font:
            self._prepare(option)
        metrics = self._metrics
        assert metrics is not None  # (set by ``_prepare``)
        wide = self._widths.get(text)
        if wide is None:
            wide = self._widths[text] = metrics.horizontalAdvance(text)
        return math.ceil(wide) + 2 * _TEXT_MARGIN

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text, right, decorated = self._cell_text(index.row(), index.column())
        state = option.state._value_  # type: ignore[attr-defined]  # (``.value``: 3× slower)
        if decorated or state & _FOCUSED:
            super().paint(painter, option, index)
            return
        palette, font = option.palette, option.font  # type: ignore[attr-defined]
        if palette.cacheKey() != self._palette_key or font != self._font:
            self._prepare(option)
        x, y, width, height = option.rect.getRect()  # type: ignore[attr-defined]
        highlight, alternate, colour, selected = self._colours[
            (_ACTIVE_GROUP if state & _ACTIVE else _INACTIVE_GROUP) if state & _ENABLED
            else _DISABLED_GROUP]
        if state & _SELECTED:
            painter.fillRect(x, y, width, height, highlight)
            painter.setPen(selected)
        else:
            if option.features._value_ & _ALTERNATE:  # type: ignore[attr-defined]
                painter.fillRect(x, y, width, height, alternate)
            painter.setPen(colour)
        if not text:
            return
        metrics = self._metrics
        assert metrics is not None  # (set by ``_prepare``)
        room = width - 2 * _TEXT_MARGIN
        wide = self._widths.get(text)
        if wide is None:
            if len(self._widths) >= _WIDTHS_KEPT:
                self._widths = {}
            wide = self._widths[text] = metrics.horizontalAdvance(text)
        if wide > room:
            text = metrics.elidedText(
                text, _ELIDE_WORDS if " " in text.strip() else _ELIDE_VALUE, room)
            wide = metrics.horizontalAdvance(text)
        left = x + width - _TEXT_MARGIN - wide if right else x + _TEXT_MARGIN
        baseline = y + (height - self._height) // 2 + self._ascent
        painter.drawText(QPointF(left, baseline), text)
