"""``app/`` is the engine and never imports Qt or ``ui``: checked two ways."""

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "pytestqt")


def _imports(path: Path):
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_module_in_app_imports_qt_or_ui():
    offenders = [
        f"{path.relative_to(APP.parent)}: {name}"
        for path in APP.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
        and not (path.relative_to(APP).as_posix() == "cli/main.py" and name == "ui.main")
    ]
    assert offenders == []


def test_the_guard_catches_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport ui.main\n")
    assert [n for n in _imports(bad) if n.split(".")[0] in FORBIDDEN] == ["PySide6.QtCore", "ui.main"]


def test_importing_every_engine_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in APP.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=APP.parent, check=False, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
