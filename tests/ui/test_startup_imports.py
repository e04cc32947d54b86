"""The window starts without the heavy libraries: they load when first needed (issue 18)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Loaded with the first chart, PDF or big filter, never to open the window.
NOT_AT_START = ("matplotlib", "reportlab", "polars")


def test_the_windows_start_up_module_leaves_charts_pdfs_and_polars_for_later() -> None:
    code = ("import sys, ui.main\n"
            f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == ""


def test_a_chart_loads_matplotlib_when_it_is_first_drawn() -> None:
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from ui.common.chart import ChartWidget\n"
            "app = QApplication([])\n"
            "chart = ChartWidget('x')\n"
            "before = 'matplotlib' in sys.modules\n"
            "chart.show_chart(lambda data, figure: figure.text(0.5, 0.5, data), 'hola')\n"
            "print(before, 'matplotlib' in sys.modules, chart.texts())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**__import__("os").environ,
                                                      "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split("\n")[0] == "False True ['hola']"
