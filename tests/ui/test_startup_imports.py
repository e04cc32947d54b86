"""The window starts without the heavy libraries: they load when first needed (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Loaded with the first reconciliation, chart, PDF, file, database or big filter, never to
#: open the window; nor the demo dealership (its generator and SQLite systems) unless asked.
NOT_AT_START = ("pandas", "matplotlib", "reportlab", "polars", "openpyxl", "numpy", "pyarrow",
                "psycopg", "psycopg2", "pymysql", "urllib3", "requests", "app.demo")


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


_CLI = ("import sys\n"
        "from app.cli.main import main\n"
        "try:\n"
        "    code = main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(code, 'app.demo' in sys.modules)\n")


def _cli(tmp_path: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", _CLI, *args], cwd=ROOT, capture_output=True,
                          text=True, check=True,
                          env={**os.environ, "CUADRE_DATA_DIR": str(tmp_path / "data")})
    return done.stdout.strip().splitlines()[-1]


def test_the_command_line_loads_the_demo_only_for_demo(tmp_path: Path) -> None:
    """``cuadre --help`` and ``cuadre reconcile`` on two exports never import the demo (its
    generator and systems take most of a second to load); ``--demo`` does."""
    crm, erp = tmp_path / "crm.csv", tmp_path / "erp.csv"
    crm.write_text("Id;Documento;Nombre\nC1;79123456;Juan Pérez\n", encoding="utf-8")
    erp.write_text("Código,Identificación,Nombre\n1,79123456,JUAN PEREZ\n", encoding="utf-8")
    assert _cli(tmp_path, "--help") == "0 False"
    assert _cli(tmp_path, "reconcile", "--help") == "0 False"
    assert _cli(tmp_path, "reconcile", "--entity", "customers", "--crm", str(crm),
                "--erp", str(erp), "--out", str(tmp_path / "r.json")) == "0 False"
    assert (tmp_path / "r.json").exists()
    assert _cli(tmp_path, "reconcile", "--demo", "--entity", "vehicles",
                "--out", str(tmp_path / "demo.json")) == "0 True"
