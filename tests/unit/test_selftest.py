"""``cuadre --self-test``: one line per check, exit 1 when any check fails, and each real check
able to fail (a missing file, no keyring on Windows, RapidFuzz without its compiled code…)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from app.cli import selftest
from app.cli.selftest import Check, CheckFailed, Result, Status, check_keyring, check_resources

ROOT = Path(__file__).resolve().parents[2]
STATUS_WORDS = tuple(s.value for s in Status)


def _ok(_: Path) -> str:
    return "todo bien"


def _warn(_: Path) -> Result:
    return Result(Status.WARN, "mejorable")


def _broken(_: Path) -> str:
    raise CheckFailed("falta una pieza")


def _crashes(_: Path) -> str:
    raise ZeroDivisionError("división\npor cero")


def _needs_missing_module(_: Path) -> str:
    import modulo_que_no_existe  # type: ignore[import-not-found]  # noqa: F401

    return "no llega"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(STATUS_WORDS)]


def test_one_line_per_check_and_a_failed_check_makes_the_exit_code_1(monkeypatch):
    checks = [Check("Uno", _ok), Check("Dos", _warn), Check("Tres", _broken), Check("Cuatro", _ok)]
    monkeypatch.setattr(selftest, "engine_checks", lambda: list(checks))
    out = io.StringIO()

    code = selftest.self_test(gui=False, out=out)

    assert code == 1
    lines = _lines(out.getvalue())
    labels = [c.label for c in checks] + list(selftest.GUI_LABELS)
    assert len(lines) == len(labels)
    for line, label in zip(lines, labels, strict=True):
        assert line.split()[1] == label.split()[0]
    assert lines[0].startswith("OK ") and lines[1].startswith("AVISO ") and lines[2].startswith("FALLA ")
    assert "falta una pieza" in lines[2]
    assert all(line.startswith("OMITIDA ") for line in lines[4:])
    assert re.fullmatch(r"Resultado: 2 correctas, 1 con aviso, 1 con falla \(Tres\) \(en \d+,\d s\)\.",
                        out.getvalue().splitlines()[-1])


def test_warnings_alone_exit_0(monkeypatch):
    monkeypatch.setattr(selftest, "engine_checks", lambda: [Check("Uno", _ok), Check("Dos", _warn)])
    assert selftest.self_test(gui=False, out=io.StringIO()) == 0


def test_an_unexpected_error_is_one_spanish_line_not_a_traceback():
    out = io.StringIO()
    outcomes = selftest.run_checks([Check("Roto", _crashes), Check("Módulo", _needs_missing_module)], out)

    assert [o.result.status for o in outcomes] == [Status.FAIL, Status.FAIL]
    text = out.getvalue()
    assert "Traceback" not in text
    assert len(text.splitlines()) == 2
    assert "ZeroDivisionError: división por cero" in text
    assert "no se pudo cargar el módulo «modulo_que_no_existe»" in text


def test_checks_write_in_a_temporary_data_folder_and_the_previous_one_is_restored(tmp_path):
    before = os.environ.get("CUADRE_DATA_DIR")
    seen: list[tuple[str | None, Path]] = []

    def look(folder: Path) -> str:
        seen.append((os.environ.get("CUADRE_DATA_DIR"), folder))
        return "visto"

    selftest.run_checks([Check("Carpeta", look)], io.StringIO())

    (during, folder), = seen
    assert during == str(folder) and during != before
    assert not folder.exists()  # removed afterwards
    assert os.environ.get("CUADRE_DATA_DIR") == before


def test_missing_resources_fail_and_name_the_files(tmp_path):
    real = resources.files("resources")
    (tmp_path / "cuadre.qss").write_text(real.joinpath("cuadre.qss").read_text("utf-8"), "utf-8")
    with pytest.raises(CheckFailed, match=r"divipola_municipios\.csv, cuadre\.png"):
        check_resources(tmp_path, root=tmp_path)

    for name in selftest.RESOURCE_FILES:
        shutil.copyfile(str(real.joinpath(name)), tmp_path / name)
    # The style sheet's images (url(cuadre:…), from resources/icons) are part of it.
    (tmp_path / "cuadre.qss").write_text("QComboBox::down-arrow { image: url(cuadre:flecha.png); }",
                                         "utf-8")
    with pytest.raises(CheckFailed, match=r"icons/: flecha\.png"):
        check_resources(tmp_path, root=tmp_path)
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "flecha.png").write_bytes(b"png")
    assert "hoja de estilo (1 imagen)" in check_resources(tmp_path, root=tmp_path)
    assert "DIVIPOLA (1.122 municipios)" in check_resources(tmp_path, root=tmp_path)

    (tmp_path / "cuadre.qss").write_text("  \n", "utf-8")
    with pytest.raises(CheckFailed, match="vacía"):
        check_resources(tmp_path, root=tmp_path)


def test_no_secure_keyring_is_a_warning_on_linux_and_a_failure_on_windows(monkeypatch):
    # The tests' keyring backend refuses everything (tests/conftest.py).
    linux = check_keyring(Path("."), system="Linux")
    windows = check_keyring(Path("."), system="Windows")
    assert linux.status is Status.WARN and "no se guardarán credenciales" in linux.detail
    assert windows.status is Status.FAIL and "Administrador de credenciales" in windows.detail

    monkeypatch.setattr("app.security.secrets.backend_status", lambda: (True, "el llavero de prueba"))
    secure = check_keyring(Path("."), system="Windows")
    assert secure == Result(Status.OK, "almacén seguro: el llavero de prueba")


def test_rapidfuzz_without_its_compiled_code_fails(tmp_path):
    """A bundle that lost RapidFuzz's extension would silently fall back to pure Python."""
    code = ("import sys; from pathlib import Path; from app.cli.selftest import _rapidfuzz, CheckFailed\n"
            "try:\n    print(_rapidfuzz(Path('.')))\nexcept CheckFailed as e:\n    print('FALLA', e)\n")
    env = {**os.environ, "RAPIDFUZZ_IMPLEMENTATION": "python"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)
    assert proc.stdout.startswith("FALLA"), proc.stdout + proc.stderr
    assert "falta su módulo compilado" in proc.stdout


def test_qt_checks_fail_on_a_missing_platform_plugin_or_translation(tmp_path):
    ui_selftest = pytest.importorskip("ui.selftest")
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqoffscreen.so").write_bytes(b"")
    with pytest.raises(CheckFailed, match="falta el complemento de plataforma"):
        ui_selftest.check_platform(tmp_path, plugins_dir=tmp_path / "platforms")
    with pytest.raises(CheckFailed, match="qtbase_es"):
        ui_selftest.check_translations(tmp_path, folder=str(tmp_path))


@pytest.mark.parametrize("gui", [False, True], ids=["sin-ventana", "con-ventana"])
def test_cuadre_self_test_passes_here(gui, tmp_path):
    """The real checks, as ``cuadre --self-test`` runs them (offscreen for the window)."""
    args = [sys.executable, "-m", "app.cli.main", "--self-test"] + ([] if gui else ["--no-gui"])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CUADRE_DATA_DIR": str(tmp_path / "datos")}
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = _lines(proc.stdout)
    assert [line.split()[1] for line in lines] == [
        "Entorno", "Recursos", "SQLite", "Llavero", "Claves", "pandas/NumPy", "RapidFuzz", "Excel",
        "Gráficos", "PDF", "Conectores", "Demostración", "Qt", "Ventana", "Traducciones"]
    assert not any(line.startswith("FALLA") for line in lines)
    window = next(line for line in lines if line.split()[1] == "Ventana")
    assert window.startswith("OK ") if gui else window.startswith("OMITIDA ")
    assert not (tmp_path / "datos" / "demo").exists()  # the checks' own folder, not the user's
