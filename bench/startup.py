"""How long Cuadre takes from start to its first window, from source, and what it imports.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs 7] [--top 15]

Starts a fresh Python process per run that does what ``cuadre`` does to open the window
(``ui.main``: the QApplication, its style and language, ``MainWindow`` shown at 1440×900) and
says when the window has been shown and the event loop has gone round once (its first paint
is queued by then). The time is from just before the process is started to that moment:
the interpreter's own start, every import and building the window. Prints each run and the
median, then the slowest imports of one more start under ``python -X importtime`` (cumulative
microseconds, the window's module included), and which heavy libraries the start loaded.

The data folder is a temporary one (``CUADRE_DATA_DIR``), created by the first run, so the
later runs start as a person's second start does. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Libraries the window should load only when first needed (issue 18).
HEAVY = ("pandas", "polars", "matplotlib", "reportlab", "openpyxl", "rapidfuzz", "sqlalchemy",
         "numpy", "pyarrow", "psycopg", "pymysql", "urllib3", "requests", "cryptography",
         "keyring", "app.demo")

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.main import WINDOW_SIZE, MainWindow, setup_application

app = QApplication(sys.argv[:1])
setup_application(app, "es")
window = MainWindow()
window.resize(*WINDOW_SIZE)
window.show()

def shown():
    heavy = [m for m in sys.argv[1].split(",") if m in sys.modules]
    print("SHOWN", window.isVisible(), ",".join(heavy), flush=True)
    window.shutdown()
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ, CUADRE_DATA_DIR=data_dir, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def one_start(data_dir: str) -> tuple[float, float, list[str]]:
    """Seconds from launching the process to the window shown, the CPU seconds the process
    used (its work alone, whatever else the machine runs; closing included) and the heavy
    modules loaded."""
    cpu = _cpu()
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, ",".join(HEAVY)], cwd=ROOT,
                             env=_env(data_dir), stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("SHOWN"):
            elapsed = time.perf_counter() - start
            child.wait(timeout=60)
            parts = line.split()
            return elapsed, _cpu() - cpu, (parts[2].split(",") if len(parts) > 2 else [])
    child.wait(timeout=60)
    raise RuntimeError(f"the window did not open (exit code {child.returncode})")


def import_offenders(data_dir: str, top: int) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of the slowest imports of one start."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", CHILD, ",".join(HEAVY)],
                          cwd=ROOT, env=_env(data_dir), capture_output=True, text=True,
                          check=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = (p.strip() for p in line[len("import time:"):].split("|"))
        rows.append((int(cumulative), int(own), name))
    return sorted(rows, reverse=True)[:top] if top else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        one_start(data_dir)  # creates the data folder's stores: a first start, not timed
        times, cpus, heavy = [], [], []
        for n in range(args.runs):
            seconds, cpu, heavy = one_start(data_dir)
            times.append(seconds)
            cpus.append(cpu)
            print(f"run {n + 1}: {seconds:.2f} s (CPU {cpu:.2f} s)")
        print(f"start to first window, median of {args.runs}: {statistics.median(times):.2f} s"
              f" (min {min(times):.2f}, max {max(times):.2f}); CPU {statistics.median(cpus):.2f} s")
        print("heavy libraries loaded at start: " + (", ".join(heavy) or "none"))
        if args.top:
            print("\nslowest imports (python -X importtime; cumulative, self):")
        for cumulative, own, name in import_offenders(data_dir, args.top):
            print(f"{cumulative / 1e6:7.3f} s {own / 1e6:7.3f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
