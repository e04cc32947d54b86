"""Secrets through a real Secret Service (GNOME Keyring), never the developer's own.

Each test starts a private D-Bus session (``dbus-run-session``) with ``gnome-keyring-daemon``
unlocked inside it, and HOME and the XDG folders pointed at a temporary folder: the keyring file
it creates is a throwaway, and the developer's session bus is not even visible (its address is
replaced). The test body runs in a driver process inside that session and reports in JSON.

Needs the Debian/Ubuntu packages ``dbus`` (``dbus-run-session``) and ``gnome-keyring``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CANARY = "CANARY-ss-41c9-e6d2-secreto"
LONG_CANARY = ("CANARYLONG-" + "eyJhbGciOiJSUzI1NiJ9" * 300)[:5000]
SOURCE = "http://127.0.0.1:9/crm/"

pytestmark = pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="hace falta un Secret Service real: instale los paquetes «dbus» y «gnome-keyring» "
           "(dbus-run-session y gnome-keyring-daemon)",
)

DRIVER = r'''
import json, os, subprocess, sys

import keyring

from app.domain.sources import secret_ref
from app.security.secrets import backend_status, delete_secret, get_secret, set_secret

source, canary, long_canary = sys.argv[1:4]
ref = secret_ref(source)
report = {"bus": os.environ.get("DBUS_SESSION_BUS_ADDRESS", ""),
          "backend": f"{type(keyring.get_keyring()).__module__}.{type(keyring.get_keyring()).__name__}",
          "status": backend_status()}


def cli(*args, stdin=""):
    proc = subprocess.run([sys.executable, "-m", "app.cli.main", "credentials", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)
    return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}


report["check"] = cli("check")
report["set"] = cli("set", source, stdin=canary + "\n")
report["read_in_another_process"] = get_secret(ref)
report["check_source"] = cli("check", source)
report["raw_entry"] = keyring.get_password("Cuadre", ref)
set_secret(ref, long_canary)
report["long_read"] = get_secret(ref) == long_canary
report["long_entries"] = [len(keyring.get_password("Cuadre", f"{ref}#parte-a{n}") or "")
                          for n in range(1, 6)]
report["delete"] = cli("delete", source)
report["after_delete"] = get_secret(ref)
report["parts_after_delete"] = [keyring.get_password("Cuadre", f"{ref}#parte-a{n}")
                                for n in range(1, 6)]
report["set_again"] = cli("set", source, stdin=canary + "\n")
print(json.dumps(report))
'''


def _session_env(home: Path) -> dict[str, str]:
    """A clean environment whose HOME and XDG folders are all under ``home``."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "CUADRE_DATA_DIR": str(home / "cuadre-data"),
        "PYTHONPATH": str(REPO),
        "KEYRING_PASSWORD": "contrasena-de-prueba",
    }
    (home / "run").mkdir(mode=0o700)
    return env


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    home = tmp_path_factory.mktemp("keyring-home")
    driver = home / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    script = ('printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets '
              '>/dev/null && exec "$0" "$@"')
    proc = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, sys.executable, str(driver),
         SOURCE, CANARY, LONG_CANARY],
        cwd=REPO, env=_session_env(home), capture_output=True, text=True, timeout=180, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return home, json.loads(proc.stdout.strip().splitlines()[-1]), proc.stdout + proc.stderr


def test_runs_on_a_private_bus_not_the_developers(session):
    _, report, _ = session
    assert report["bus"] and report["bus"] != os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    assert report["backend"] == "keyring.backends.SecretService.Keyring"
    assert report["status"][0] is True and "Secret Service" in report["status"][1]


def test_credentials_set_stores_in_the_secret_service(session):
    _, report, _ = session
    assert report["check"]["code"] == 0 and "que es seguro" in report["check"]["out"]
    assert report["set"]["code"] == 0, report["set"]["err"]
    assert "Credencial guardada para http://127.0.0.1:9/crm en el llavero del sistema" \
        in report["set"]["out"]
    assert report["read_in_another_process"] == CANARY  # really stored, not held in memory
    assert report["raw_entry"] == CANARY
    assert report["check_source"]["code"] == 0


def test_a_long_token_round_trips_in_parts(session):
    _, report, _ = session
    assert report["long_read"] is True
    assert report["long_entries"][:4] == [1280, 1280, 1280, 1160] and report["long_entries"][4] == 0


def test_credentials_delete_removes_every_part(session):
    _, report, _ = session
    assert report["delete"]["code"] == 0, report["delete"]["err"]
    assert report["after_delete"] is None
    assert report["parts_after_delete"] == [None] * 5
    assert report["set_again"]["code"] == 0


def test_the_secret_is_in_no_file_and_no_output(session):
    home, report, output = session
    assert report["read_in_another_process"] == CANARY  # the canary did go into the store...
    files = [p for p in home.rglob("*") if p.is_file() and p.name != "driver.py"]
    assert any(p.suffix == ".keyring" for p in files)  # ...whose file exists, encrypted
    assert any(p.name == "cuadre.log" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in (CANARY, LONG_CANARY[:40]):
            assert secret.encode() not in data and secret.encode("utf-16-le") not in data, path
    for step in ("check", "set", "check_source", "delete", "set_again"):
        assert CANARY not in report[step]["out"] + report[step]["err"]
    assert CANARY not in output.replace(json.dumps(CANARY), "")  # only the driver's own report
