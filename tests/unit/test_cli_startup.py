"""A command loads what it needs and no more: ``app.cli.main`` imports a command's module only
when that command runs, so ``cuadre --version`` starts without pandas, SQLAlchemy or Qt, and a
command does not load the others' (no timing here: which modules are loaded, in a fresh
interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "sqlalchemy", "PySide6", "matplotlib", "reportlab", "rapidfuzz")


def _loaded(*argv: str, tmp_path: Path) -> set[str]:
    code = ("import json, sys\n"
            "from app.cli.main import main\n"
            "try:\n"
            f"    main({list(argv)!r})\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    env = {"PATH": "/usr/bin:/bin", "CUADRE_DATA_DIR": str(tmp_path), "CUADRE_LANG": "es_CO.UTF-8",
           "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_the_version_loads_nothing_heavy(tmp_path):
    loaded = _loaded("--version", tmp_path=tmp_path)
    assert not [m for m in HEAVY if m in loaded]
    assert not [m for m in loaded if m.startswith("app.cli.") and m not in (
        "app.cli.main", "app.cli.common", "app.cli.i18n", "app.cli.labels", "app.cli.parser")]


@pytest.mark.parametrize(("argv", "module", "others"), [
    (("people", "list"), "app.cli.people", ("app.cli.reconcile", "app.cli.report",
                                            "app.cli.feed", "app.cli.vin", "app.cli.schedule")),
    (("audit", "verify"), "app.cli.audit", ("app.cli.corrections", "app.cli.insights",
                                            "app.cli.count")),
])
def test_a_command_loads_its_module_and_not_the_others(argv, module, others, tmp_path):
    loaded = _loaded(*argv, tmp_path=tmp_path)
    assert module in loaded
    assert not [m for m in others if m in loaded]
    assert "PySide6" not in loaded and "matplotlib" not in loaded
