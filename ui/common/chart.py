"""A chart in the window: a small QWidget around matplotlib's Qt canvas.

The drawing is ``app/reports/charts.py``'s — the same charts the manager's PDF carries — and
each of its functions draws into a :class:`~matplotlib.figure.Figure` it is given. This widget
owns that Figure and its :class:`FigureCanvasQTAgg`, and redraws when handed new data.

pyplot is never used: it keeps figures in a global registry and picks a backend of its own.
matplotlib's Qt layer uses the binding already imported (PySide6, imported first here);
``QT_API`` is set too, for the rare case something asks before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:  # matplotlib loads with the first chart shown, not with the window
    from matplotlib.figure import Figure

#: A chart function of ``app.reports.charts``: (data, figure=...) → the figure it drew into.
DrawFunction = Callable[..., "Figure"]

#: Below this size (pixels) a chart is not laid out: a hidden tab's canvas is 100 px wide,
#: where matplotlib's constrained layout collapses (and warns).
MIN_WIDTH, MIN_HEIGHT = 160, 100


def _canvas_class() -> type:
    """The Qt canvas, drawing only when it is on screen and big enough; a draw put off is
    done when it is shown (a resize draws anyway). Built on first use: importing matplotlib's
    Qt canvas takes a good part of a second."""
    global _CANVAS
    if _CANVAS is None:
        os.environ.setdefault("QT_API", "pyside6")
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        class _Canvas(FigureCanvasQTAgg):
            _put_off = False

            def draw(self) -> None:
                if not self.isVisible() or self.width() < MIN_WIDTH \
                        or self.height() < MIN_HEIGHT:
                    self._put_off = True
                    return
                self._put_off = False
                super().draw()

            def showEvent(self, event: QShowEvent) -> None:
                super().showEvent(event)
                if self._put_off:
                    self.draw_idle()

        _CANVAS = _Canvas
    return _CANVAS


_CANVAS: type | None = None


class ChartWidget(QWidget):
    """One chart: ``show_chart(draw, data)`` draws ``draw(data, figure=self.figure)``."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *,
                 minimum_height: int = 220) -> None:
        super().__init__(parent)
        self.setObjectName("chart")
        self._accessible_name, self._minimum_height = accessible_name, minimum_height
        self._figure: Figure | None = None
        self._canvas: Any = None
        self.setAccessibleName(accessible_name)
        self.setMinimumHeight(minimum_height)
        #: What was drawn last (tests and the screenshots read it), and by which function.
        self.data: Any = None
        self.draw_function: DrawFunction | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def figure(self) -> Figure:
        """The matplotlib Figure, made (with its canvas) the first time it is needed."""
        if self._figure is None:
            from matplotlib.figure import Figure

            self._figure = Figure(facecolor="#ffffff")
            self._canvas = _canvas_class()(self._figure)
            self._canvas.setParent(self)
            self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding,
                                       QSizePolicy.Policy.Expanding)
            self._canvas.setMinimumHeight(self._minimum_height)
            self._canvas.setAccessibleName(self._accessible_name)
            self._layout.addWidget(self._canvas)
        return self._figure

    @property
    def canvas(self) -> Any:
        """matplotlib's Qt canvas (``FigureCanvasQTAgg``)."""
        _ = self.figure
        return self._canvas

    def show_chart(self, draw: DrawFunction, data: Any) -> None:
        """Draw ``data`` with ``draw`` (a function of ``app.reports.charts``) and repaint."""
        self.draw_function, self.data = draw, data
        draw(data, figure=self.figure)
        self.canvas.draw_idle()

    def clear(self) -> None:
        self.draw_function, self.data = None, None
        if self._figure is None:  # nothing drawn yet
            return
        self.figure.clear()
        self.canvas.draw_idle()

    def texts(self) -> list[str]:
        """Every text the chart shows (titles, labels, ticks, notes), for tests."""
        if self._figure is None:
            return []
        found: list[str] = [t.get_text() for t in self.figure.texts]
        for axes in self.figure.axes:
            found += [axes.get_title(loc) for loc in ("left", "center", "right")]
            found += [axes.get_xlabel(), axes.get_ylabel()]
            found += [t.get_text() for t in axes.texts]
            found += [t.get_text() for t in axes.get_xticklabels() + axes.get_yticklabels()]
            legend = axes.get_legend()
            if legend is not None:
                found += [t.get_text() for t in legend.get_texts()]
        return [t for t in found if t]

    def sizeHint(self) -> QSize:
        return QSize(600, 300)
