"""The window starts without the heavy libraries: they load when first needed (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Loaded with the first reconciliation, chart, PDF, file or big filter, never to open the
#: window.
NOT_AT_START = ("pandas", "matplotlib", "reportlab", "polars", "openpyxl", "numpy")


def test_the_windows_start_up_module_leaves_the_heavy_libraries_for_later() -> None:
    code = ("import sys, ui.main\n"
            f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_window_built_and_shown_still_leaves_them_for_later(tmp_path: Path) -> None:
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from ui.main import MainWindow, setup_application\n"
            "app = QApplication([])\n"
            "setup_application(app, 'es')\n"
            "window = MainWindow()\n"
            "window.show()\n"
            "app.processEvents()\n"
            f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
            "window.shutdown()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                                      "CUADRE_DATA_DIR": str(tmp_path)})
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
                          text=True, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split("\n")[0] == "False True ['hola']"
