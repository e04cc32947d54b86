"""The built bundles and the installer, run as a user would run them (build/build.sh makes them).

- The Linux bundle (``dist/linux/cuadre``): ``--self-test`` with no screen and ``reconcile
  --demo`` give what the source tree gives. Skipped when the bundle is not built, or is older
  than the code (a stale bundle says nothing about the code under test).
- The Windows bundle and the installer under Wine (``dist/windows``, ``dist/Cuadre-Setup-*.exe``):
  only with ``CUADRE_TEST_WINE=1`` (``.ci/run`` and ``build/README.md`` set it), since each
  start under Wine costs seconds: the headless self-test (Windows' credential store, pandas,
  RapidFuzz and SQLite loaded from the bundle), the demo reconciled, and the installer's whole
  life in a fresh Wine prefix: install, upgrade in place keeping the user's data, uninstall
  keeping it, uninstall with /DELETEDATA removing it.
- Signing: the real ``build/installer.nsi``, compiled with makensis around a stand-in program
  and signed through ``build/build.sh sign`` with a throwaway self-signed certificate; the
  signature verifies, and fails once a byte changes. Skipped without makensis, osslsigncode
  and openssl (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
LINUX_EXE = DIST / "linux" / "cuadre" / "cuadre"
WINDOWS_EXE = DIST / "windows" / "cuadre" / "cuadre.exe"
INSTALLER = DIST / f"Cuadre-Setup-{__version__}.exe"
BUILD_SH = ROOT / "build" / "build.sh"
SOURCES = ("app", "ui", "resources")
WINE_WANTED = os.environ.get("CUADRE_TEST_WINE") == "1"


def _stale(artifact: Path) -> str | None:
    """Why ``artifact`` cannot be tested: missing, or older than a file it is built from."""
    if not artifact.exists():
        return f"{artifact.relative_to(ROOT)} no está construido (build/build.sh)"
    built = artifact.stat().st_mtime
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".qss", ".csv", ".ico", ".png") and path.stat().st_mtime > built:
                return f"{artifact.relative_to(ROOT)} es anterior a {path.relative_to(ROOT)}: reconstrúyalo"
    return None


def _require(artifact: Path, wine: bool = False) -> None:
    if wine and not WINE_WANTED:
        pytest.skip("las pruebas bajo Wine corren con CUADRE_TEST_WINE=1")
    if wine and shutil.which("wine") is None:
        pytest.skip("wine no está instalado")
    reason = _stale(artifact)
    if reason:
        pytest.skip(reason)


def _status_lines(text: str) -> dict[str, str]:
    lines = [line for line in text.splitlines() if line.startswith(("OK ", "AVISO ", "FALLA ", "OMITIDA "))]
    return {line.split()[1]: line for line in lines}


@pytest.fixture(scope="module")
def source_summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The demo's summary as the source tree reconciles it."""
    from app.demo import demo_task
    from app.progress import run
    from app.reconcile.export import to_json

    doc = to_json(run(demo_task(data_dir=tmp_path_factory.mktemp("fuente"))))
    return {entity: doc[entity]["summary"] for entity in ("customers", "payments", "vehicles")}


# --- the Linux bundle ------------------------------------------------------------------------


def _no_screen_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "CUADRE_DATA_DIR": str(tmp_path / "datos")}


def test_linux_bundle_self_test_passes_with_no_screen(tmp_path):
    _require(LINUX_EXE)
    proc = subprocess.run([str(LINUX_EXE), "--self-test"], capture_output=True, text=True,
                          env=_no_screen_env(tmp_path), timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = _status_lines(proc.stdout)
    assert "empaquetado (PyInstaller)" in lines["Entorno"]
    # No screen: the same sentence the window's entry points print (issue 20), then offscreen.
    assert lines["Qt"].startswith("AVISO ") and "sesión de escritorio" in lines["Qt"]
    assert "offscreen" in lines["Qt"]
    assert lines["Ventana"].startswith("OK ") and lines["Traducciones"].startswith("OK ")
    assert not any(line.startswith("FALLA") for line in lines.values())


def test_linux_bundle_reconciles_the_demo_as_the_source_does(tmp_path, source_summary):
    _require(LINUX_EXE)
    out = tmp_path / "r.json"
    proc = subprocess.run([str(LINUX_EXE), "reconcile", "--demo", "--out", str(out), "-q"],
                          capture_output=True, text=True, env=_no_screen_env(tmp_path), timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(out.read_text("utf-8"))
    assert {e: doc[e]["summary"] for e in source_summary} == source_summary


# --- the Windows bundle under Wine -----------------------------------------------------------


def _wine_env(prefix: Path, home: Path) -> dict[str, str]:
    """The Windows programs' environment. Not the tests' PYTHON_KEYRING_BACKEND (a refusing
    backend, tests/conftest.py): the bundle must find Windows' own credential store, which
    lives in the Wine prefix, never in the developer's keyring."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    return {**env, "WINEPREFIX": str(prefix), "WINEARCH": "win64", "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree=;mshtml=;winemenubuilder.exe=d", "HOME": str(home)}


def _wine(env: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """``wine ARGS`` with its output through a pipe (Wine 8 gives a Windows program a regular
    file as stdout badly), decoded from the Windows code page; waits for every Wine process."""
    proc = subprocess.run(["wine", *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, env=env, timeout=timeout, check=False)
    subprocess.run(["wineserver", "-w"], env=env, timeout=timeout, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("cp1252", "replace"))


@pytest.fixture(scope="module")
def build_wine_env() -> dict[str, str]:
    """The prefix build/build.sh made (so the bundle's tests do not pay for a new one)."""
    cache = Path(os.environ.get("CUADRE_BUILD_CACHE", ROOT / ".cache" / "build"))
    return _wine_env(cache / "wine", cache / "wine-home")


def test_windows_bundle_self_test_under_wine(build_wine_env):
    _require(WINDOWS_EXE, wine=True)
    proc = _wine(build_wine_env, str(WINDOWS_EXE), "--self-test", "--no-gui")
    assert proc.returncode == 0, proc.stdout
    lines = _status_lines(proc.stdout)
    assert "Windows" in lines["Entorno"] and "empaquetado" in lines["Entorno"]
    assert lines["Llavero"].startswith("OK ")
    assert "Administrador de credenciales de Windows" in lines["Llavero"]
    for name in ("Recursos", "SQLite", "pandas/NumPy", "RapidFuzz", "Excel", "Conectores", "Demostración"):
        assert lines[name].startswith("OK "), lines[name]


def test_windows_bundle_window_offscreen_under_wine(build_wine_env):
    """Qt's native Windows platform aborts under Wine 8 (build/README.md), the offscreen one
    builds and paints the real window. Wine does not pass QT_QPA_PLATFORM on, so cmd sets it."""
    _require(WINDOWS_EXE, wine=True)
    exe = "Z:" + str(WINDOWS_EXE).replace("/", "\\")
    proc = _wine(build_wine_env, "cmd", "/c", f"set QT_QPA_PLATFORM=offscreen&& {exe} --self-test")
    assert proc.returncode == 0, proc.stdout
    lines = _status_lines(proc.stdout)
    assert lines["Ventana"].startswith("OK "), proc.stdout
    assert lines["Traducciones"].startswith("OK "), proc.stdout


def test_windows_bundle_reconciles_the_demo_under_wine(build_wine_env, tmp_path, source_summary):
    _require(WINDOWS_EXE, wine=True)
    out = tmp_path / "r.json"
    proc = _wine(build_wine_env, str(WINDOWS_EXE), "reconcile", "--demo", "--out",
                 "Z:" + str(out).replace("/", "\\"), "-q")
    assert proc.returncode == 0, proc.stdout
    doc = json.loads(out.read_text("utf-8"))
    assert {e: doc[e]["summary"] for e in source_summary} == source_summary


# --- the installer under Wine ----------------------------------------------------------------


def test_installer_installs_upgrades_and_uninstalls_keeping_the_data(tmp_path):
    _require(INSTALLER, wine=True)
    env = _wine_env(tmp_path / "prefijo", tmp_path / "home")
    subprocess.run(["wineboot", "-i"], env=env, capture_output=True, timeout=600, check=False)
    subprocess.run(["wineserver", "-w"], env=env, timeout=600, check=False)
    (user,) = [p for p in (tmp_path / "prefijo" / "drive_c" / "users").iterdir() if p.name != "Public"]
    program = user / "AppData" / "Local" / "Programs" / "Cuadre"
    data = user / "AppData" / "Local" / "Cuadre"
    start_menu = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Cuadre"

    assert _wine(env, str(INSTALLER), "/S").returncode == 0
    assert (program / "cuadre.exe").is_file() and (program / "cuadrew.exe").is_file()
    assert (program / "desinstalar.exe").is_file() and (program / "_internal").is_dir()
    assert (start_menu / "Cuadre.lnk").is_file()
    assert (user / "Desktop" / "Cuadre.lnk").exists()
    query = _wine(env, "reg", "query", key, "/v", "DisplayVersion")
    assert re.search(rf"DisplayVersion\s+REG_SZ\s+{re.escape(__version__)}", query.stdout), query.stdout

    # The user's data (what the app writes under %LOCALAPPDATA%\Cuadre), and a file of an
    # older version's program that the new one no longer ships.
    (data / "perfiles").mkdir(parents=True)
    (data / "perfiles" / "norte.json").write_text('{"name": "Norte"}', "utf-8")
    (program / "_internal" / "viejo.dll").write_bytes(b"version anterior")

    assert _wine(env, str(INSTALLER), "/S").returncode == 0  # the upgrade, in place
    assert (program / "cuadre.exe").is_file()
    assert not (program / "_internal" / "viejo.dll").exists()
    assert (data / "perfiles" / "norte.json").read_text("utf-8") == '{"name": "Norte"}'

    assert _wine(env, str(program / "desinstalar.exe"), "/S").returncode == 0
    assert not (program / "cuadre.exe").exists() and not (program / "_internal").exists()
    assert not (start_menu / "Cuadre.lnk").exists()
    assert not (user / "Desktop" / "Cuadre.lnk").exists()
    assert _wine(env, "reg", "query", key).returncode != 0
    assert (data / "perfiles" / "norte.json").is_file()  # kept

    assert _wine(env, str(INSTALLER), "/S", "/NODESKTOP").returncode == 0
    assert (program / "cuadre.exe").is_file() and not (user / "Desktop" / "Cuadre.lnk").exists()
    assert _wine(env, str(program / "desinstalar.exe"), "/S", "/DELETEDATA").returncode == 0
    assert not (program / "cuadre.exe").exists()
    assert not data.exists()  # asked for


# --- signing ---------------------------------------------------------------------------------


def _signing_tools() -> None:
    missing = [tool for tool in ("makensis", "osslsigncode", "openssl") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"faltan {', '.join(missing)}")


def _throwaway_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """(a .pfx with its password file, the password file, the certificate in PEM)."""
    key, cert, pfx, password = (folder / n for n in ("clave.pem", "cert.pem", "cert.pfx", "clave.txt"))
    password.write_text("prueba-desechable\n", "utf-8")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=Cuadre pruebas/O=Cuadre", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=120)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(key), "-in", str(cert),
                    "-out", str(pfx), "-passout", f"file:{password}"],
                   check=True, capture_output=True, timeout=120)
    return pfx, password, cert


def _verify(path: Path, cert: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["osslsigncode", "verify", "-in", str(path), "-CAfile", str(cert)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_installer_script_builds_signed_and_the_signature_verifies(tmp_path):
    _signing_tools()
    pfx, password, cert = _throwaway_certificate(tmp_path)
    # A stand-in program: any small Windows executable will do for the installer to wrap.
    (tmp_path / "hola.nsi").write_text('OutFile "hola.exe"\nSection\nSectionEnd\n', "utf-8")
    subprocess.run(["makensis", "-V1", str(tmp_path / "hola.nsi")], check=True, timeout=120)
    program = tmp_path / "programa"
    (program / "_internal").mkdir(parents=True)
    for exe in ("cuadre.exe", "cuadrew.exe"):
        shutil.copyfile(tmp_path / "hola.exe", program / exe)
    (program / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    out = tmp_path / "Cuadre-Setup-prueba.exe"
    env = {**os.environ, "CUADRE_SIGN_PFX": str(pfx), "CUADRE_SIGN_PASSWORD_FILE": str(password)}

    proc = subprocess.run(
        ["makensis", "-V2", f"-DVERSION={__version__}", "-DVERSION4=0.1.0.0", f"-DSOURCE={program}",
         f"-DOUTFILE={out}", f'-DSIGN_COMMAND="{BUILD_SH}" sign', str(ROOT / "build" / "installer.nsi")],
        capture_output=True, text=True, env=env, timeout=300, check=False)

    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.count("Firmado:") == 2, proc.stderr  # the uninstaller, then the installer
    assert "prueba-desechable" not in proc.stdout + proc.stderr
    verified = _verify(out, cert)
    assert verified.returncode == 0 and "Signature verification: ok" in verified.stdout, verified.stdout
    assert "CN=Cuadre pruebas" in verified.stdout

    tampered = tmp_path / "alterado.exe"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    assert _verify(tampered, cert).returncode != 0


def test_build_sh_sign_refuses_without_a_certificate(tmp_path):
    exe = tmp_path / "programa.exe"
    exe.write_bytes(b"MZ")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUADRE_SIGN")}
    proc = subprocess.run(["bash", str(BUILD_SH), "sign", str(exe)], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert proc.returncode != 0
    assert "CUADRE_SIGN_PFX" in proc.stderr
    assert exe.read_bytes() == b"MZ"


if sys.platform != "linux":  # the bundles are built and run on Linux (Wine included)
    pytestmark = pytest.mark.skip(reason="solo en Linux")
