"""The summary list beside a findings table: one row per kind, with its count and pesos at stake.

The Clientes, Pagos and Inventario tabs and the Conteo físico's result share it. It shows a
``summary()`` (an ``EntityResult``'s or a ``CountResult``'s) as it comes; choosing a row
(click, or arrow keys) asks the tab to filter the table by that kind, and "Todos" shows every
kind. Each row is drawn in two lines, the kind's name on the left and the count over the pesos
on the right, so long Spanish names fit a narrow panel. A line under the list gives the totals,
and another the amounts counted but not at stake, apart («Monto con fecha distinta»: DESIGN §5).
Pesos and counts are written by ``app.domain.values`` through ``ui.common.formatting``, as the
command line, the PDF and the XLSX write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from ui.common import formatting as fmt

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
MONEY_ROLE = Qt.ItemDataRole.UserRole + 3
EMPTY_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the kind has no findings

_Index = QModelIndex | QPersistentModelIndex
_PAD = 8
_NUMBERS_WIDTH = 132  # room for "$ 11.462.943.441"
_COUNT_WIDTH = 56  # room for "12.345" when no pesos are shown


class _SummaryDelegate(QStyledItemDelegate):
    """Kind name left (up to two lines); count and pesos right-aligned, one over the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbers_width = _NUMBERS_WIDTH

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = QFontMetrics(option.font).lineSpacing() * 2 + 2 * _PAD
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        if index.data(EMPTY_ROLE) and not selected:
            text_color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        muted = QColor(text_color)
        if not index.data(EMPTY_ROLE):
            muted.setAlpha(190)

        rect = option.rect.adjusted(_PAD, _PAD // 2, -_PAD, -_PAD // 2)
        width = self.numbers_width
        numbers = QRect(rect.right() - width, rect.top(), width, rect.height())
        label_rect = QRect(rect.left(), rect.top(), rect.width() - width - _PAD, rect.height())
        half = rect.height() // 2

        painter.save()
        font = QFont(option.font)
        font.setBold(index.data(KIND_ROLE) is None)  # "Todos", the total, in bold
        painter.setFont(font)
        painter.setPen(text_color)
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            label_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            | int(Qt.TextFlag.TextWordWrap),
            label,
        )
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        money = str(index.data(MONEY_ROLE) or "")
        # Without pesos to show, the count sits level with the name.
        count_height = half if money else rect.height()
        painter.drawText(
            QRect(numbers.left(), numbers.top(), numbers.width(), count_height),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(index.data(COUNT_ROLE) or ""),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(numbers.left(), numbers.top() + half, numbers.width(), rect.height() - half),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            money,
        )
        painter.restore()


class SummaryPanel(QWidget):
    """Kinds with their counts; choosing a row selects that kind."""

    kindSelected = Signal(object)  # a kind code, or None for "Todos"

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPanel")
        self._entity = entity
        self._kinds: list[str | None] = []

        self._title = QLabel(self.tr("Resumen por tipo"), self)
        self._title.setObjectName("panelTitle")

        self._list = QListWidget(self)
        self._list.setObjectName("summaryList")
        self._delegate = _SummaryDelegate(self._list)
        self._list.setItemDelegate(self._delegate)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._list.setUniformItemSizes(True)
        self._list.setAccessibleName(self.tr("Resumen por tipo de diferencia"))
        self._list.currentRowChanged.connect(self._on_current_changed)

        self._total = QLabel(self)
        self._total.setObjectName("summaryTotal")
        self._total.setWordWrap(True)
        self._apart = QLabel(self)
        self._apart.setObjectName("panelSubtitle")  # muted: not pesos at stake
        self._apart.setWordWrap(True)
        self._apart.setToolTip(self.tr(
            "Se cuentan como diferencias, pero no están en juego: el valor es el mismo en los "
            "dos sistemas (cambia la fecha o el cliente)."))
        self._apart_rows: list[tuple[str, str]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self._title)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._total)
        layout.addWidget(self._apart)
        self.setMinimumWidth(260)
        self.set_summary([])

    # -- filling ----------------------------------------------------------------------------

    def set_summary(self, summary: Sequence[tuple[str, int, Decimal]],
                    apart: Sequence[tuple[str, int, Decimal]] = ()) -> None:
        """Show ``EntityResult.summary()``: (kind, count, pesos at stake) in display order, and
        ``EntityResult.apart()``: (kind, count, amount counted but not at stake)."""
        total_count = sum(n for _, n, _ in summary)
        total_stake = sum((s for _, _, s in summary), Decimal(0))
        rows: list[tuple[str | None, str, int, Decimal]] = [
            (None, self.tr("Todos"), total_count, total_stake)
        ]
        rows += [(kind, fmt.kind_name(self._entity, kind), n, s) for kind, n, s in summary]

        self._delegate.numbers_width = _NUMBERS_WIDTH if total_stake else _COUNT_WIDTH
        with QSignalBlocker(self._list):
            self._list.clear()
            self._kinds = [kind for kind, *_ in rows]
            for kind, label, n, stake in rows:
                item = QListWidgetItem(label)
                item.setData(KIND_ROLE, kind)
                item.setData(COUNT_ROLE, fmt.count(n))
                # Customers put no money at stake: no column of dashes then.
                item.setData(MONEY_ROLE, fmt.money(stake) if stake else "")
                item.setData(EMPTY_ROLE, n == 0)
                money = f" · {fmt.money(stake)}" if stake else ""
                item.setToolTip(f"{label}: {fmt.count(n)}{money}")
                self._list.addItem(item)
            self._list.setCurrentRow(0)

        if total_stake:
            total = self.tr("Total: {n} diferencias · {stake} en juego").format(
                n=fmt.count(total_count), stake=fmt.money(total_stake)
            )
        else:
            total = self.tr("Total: {n} diferencias").format(n=fmt.count(total_count))
        self._total.setText(total)
        self._apart_rows = [(fmt.apart_name(self._entity, kind), fmt.money(amount))
                            for kind, n, amount in apart if n]
        self._apart.setText("\n".join([self.tr("Aparte, no en juego:"), *(
            self.tr("{label}: {money}").format(label=label, money=money)
            for label, money in self._apart_rows)]))
        self._apart.setVisible(bool(self._apart_rows))

    # -- the kind chosen --------------------------------------------------------------------

    def select_kind(self, kind: str | None) -> None:
        """Move the selection to ``kind`` without emitting ``kindSelected``."""
        if kind not in self._kinds:
            kind = None
        with QSignalBlocker(self._list):
            self._list.setCurrentRow(self._kinds.index(kind))

    def selected_kind(self) -> str | None:
        row = self._list.currentRow()
        return self._kinds[row] if 0 <= row < len(self._kinds) else None

    def _on_current_changed(self, row: int) -> None:
        if 0 <= row < len(self._kinds):
            self.kindSelected.emit(self._kinds[row])

    # -- what the window and tests read ----------------------------------------------------

    def list_widget(self) -> QListWidget:
        return self._list

    def row_texts(self) -> list[tuple[str, str, str]]:
        """(label, count, pesos) as shown, row by row, "Todos" first; pesos "" when none."""
        out = []
        for r in range(self._list.count()):
            item = self._list.item(r)
            out.append((item.text(), item.data(COUNT_ROLE), item.data(MONEY_ROLE)))
        return out

    def total_text(self) -> str:
        return self._total.text()

    def apart_texts(self) -> list[tuple[str, str]]:
        """(label, amount) as shown under the total: «Monto con fecha distinta», «$ …»."""
        return list(self._apart_rows)
