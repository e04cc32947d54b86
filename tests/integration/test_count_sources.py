"""``cuadre count`` reads the ERP's stock from any source, and no command dies of a closed pipe.

A branch manager's count is compared with the ERP wherever the ERP is: the demo, an export, a
database, an API, Odoo (``--erp odoo://…``) or a saved profile (``--profile``). The sandbox
serves the demo ERP over REST and as Odoo on 127.0.0.1, so each path reads the same stock and
must find the same differences.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.demo import DemoFiles, demo_count_files
from app.security.secrets import set_secret
from tests.support.memory_keyring import MemoryKeyring, installed

BRANCH = "Cali - Pasoancho"


@pytest.fixture
def keyring_in_memory():
    with installed(MemoryKeyring()) as backend:
        yield backend


def _count_file(demo_data: DemoFiles) -> Path:
    return next(p for p in demo_count_files(demo_data) if "cali" in p.name)


def _summary(out: Path) -> dict[str, int]:
    doc = json.loads(out.read_text("utf-8"))
    assert doc["branch"] == BRANCH
    return {kind: row["count"] for kind, row in doc["summary"].items()}


@pytest.fixture
def demo_summary(demo_data: DemoFiles, tmp_path: Path) -> dict[str, int]:
    out = tmp_path / "demo.json"
    assert main(["count", "--demo", "-q", "--branch", BRANCH, "--count",
                 str(_count_file(demo_data)), "--out", str(out)]) == 0
    return _summary(out)


def test_count_reads_the_erp_stock_from_odoo(sandbox, demo_data, demo_summary, tmp_path,
                                             keyring_in_memory, capsys):
    source = sandbox.odoo_source
    set_secret(source, sandbox.token)
    out = tmp_path / "odoo.json"
    assert main(["count", "--erp", source, "--branch", BRANCH, "--count",
                 str(_count_file(demo_data)), "--out", str(out)]) == 0, capsys.readouterr().err
    found = _summary(out)
    assert found["count_missing_from_lot"] > 0 and found["count_wrong_branch"] > 0
    assert found == demo_summary
    assert "No está en el patio" in capsys.readouterr().out


def test_count_reads_the_erp_of_a_saved_profile(sandbox, demo_data, demo_summary, tmp_path,
                                                monkeypatch, keyring_in_memory, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "datos"))
    erp_url = sandbox.url("erp")
    set_secret(erp_url, sandbox.token)
    ProfileStore().add(ConnectionProfile(
        "Sede Cali", crm=SourceConfig("rest", sandbox.url("crm")),
        erp=SourceConfig("rest", erp_url)))
    out = tmp_path / "perfil.json"
    assert main(["count", "--profile", "Sede Cali", "-q", "--branch", BRANCH, "--count",
                 str(_count_file(demo_data)), "--out", str(out)]) == 0, capsys.readouterr().err
    assert _summary(out) == demo_summary


def test_count_names_the_saved_profiles_when_one_is_unknown(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    ProfileStore().add(ConnectionProfile("Norte", crm=SourceConfig("rest", "http://127.0.0.1:9/crm"),
                                         erp=SourceConfig("rest", "http://127.0.0.1:9/erp")))
    count = tmp_path / "c.csv"
    count.write_text("VIN\n", encoding="utf-8")
    assert main(["count", "--profile", "Sur", "--branch", BRANCH, "--count", str(count)]) == 2
    err = capsys.readouterr().err
    assert "«Sur»" in err and "«Norte»" in err and "Traceback" not in err


@pytest.mark.parametrize(("args", "message"), [
    (["--demo", "--erp", "x.csv"], "uno solo, no --demo y --erp"),
    (["--demo", "--mapping", "m.json"], "--mapping va con --erp"),
    ([], "--demo, --erp FUENTE o --profile NOMBRE"),
])
def test_count_takes_exactly_one_erp(args, message, tmp_path, capsys):
    count = tmp_path / "c.csv"
    count.write_text("VIN\n", encoding="utf-8")
    assert main(["count", *args, "--branch", BRANCH, "--count", str(count)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["reconcile", "--demo"], 141)])
def test_a_reader_that_stops_early_gets_no_broken_pipe(args, code, demo_data, cuadre_data_dir):
    """``cuadre … | head``: the reader has gone before the command writes; it ends quietly
    (141 = 128 + SIGPIPE, as a shell reports it; argparse's help ignores a closed pipe)."""
    env = {**os.environ, "CUADRE_DATA_DIR": str(cuadre_data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli.main", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `head` exiting before the first line arrives
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=300) == code, err
    proc.stderr.close()
    assert "Broken pipe" not in err and "BrokenPipe" not in err and "Traceback" not in err, err
