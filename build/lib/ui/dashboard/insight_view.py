"""What the five views of the «Tablero» tab share: :class:`InsightView` — a row of controls, a
summary line, and a stack that shows either the view's content or why its data is missing
(``unavailable``) — and the small widgets they are built from.

A view shows an :class:`~app.insights.model.Insights` (computed by ``app.insights`` off the GUI
thread, :mod:`ui.dashboard.dashboard_tab`); its charts are ``app/reports/charts.py``'s, the
same the manager's PDF carries. The controls that change what is computed — the follow-ups'
window, the funnel's grouping, the slow-mover threshold — emit ``paramsChanged``; the tab
recomputes. Each view describes its tables for «Exportar a Excel…» (``export_info``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.insights.model import Insights
from ui.common import formatting as fmt
from ui.common.table_export import ExportInfo
from ui.dashboard.insight_table import Table


def title_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("panelTitle")
    return label


def line_label(parent: QWidget, *, object_name: str = "panelSubtitle") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def days_spin(parent: QWidget, value: int, maximum: int, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(1, maximum)
    spin.setValue(value)
    spin.setSuffix(fmt.tr(" días"))
    spin.setAccessibleName(name)
    spin.setKeyboardTracking(True)
    spin.setMinimumWidth(96)
    return spin


def vsplit(parent: QWidget, top: QWidget, bottom: QWidget, sizes: Sequence[int]) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


class InsightView(QWidget):
    """What the five views share: a header (controls, a summary line), a stack that shows
    either the content or why the view cannot be computed, and ``export_info``."""

    paramsChanged = Signal()  # a control that changes what is computed moved

    #: The view's name, as its tab and the exported file's title say it.
    name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = line_label(self)
        self.summary.setObjectName("insightSummary")
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls.setSpacing(8)
        self.unavailable = QLabel(self)
        self.unavailable.setObjectName("placeholder")
        self.unavailable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.unavailable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)

    def set_content(self, widget: QWidget) -> None:
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)

    def show_unavailable(self, why: str | None) -> bool:
        """Show ``why`` instead of the content (True), or the content when ``why`` is None."""
        if why:
            self.unavailable.setText(why)
            self.stack.setCurrentWidget(self.unavailable)
            return True
        self.stack.setCurrentIndex(1)
        return False

    def filters(self) -> tuple[str, ...]:
        return ()

    def table_title(self, view: QTableView) -> str:
        return fmt.tr(self.name)  # marcado con QT_TRANSLATE_NOOP (each view's name)

    def export_info(self, view: QTableView) -> ExportInfo:
        return ExportInfo(fmt.tr("Tablero — {view}").format(view=self.table_title(view)),
                          self.filters())

    def tables(self) -> list[Table[Any]]:
        return []

    def set_insights(self, insights: Insights) -> None:
        raise NotImplementedError
