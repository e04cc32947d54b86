"""The headless command: ``cuadre reconcile --demo --out FILE``."""

import json
import os
import re
import subprocess
import sys

import pytest

from app.cli import main

MONEY = re.compile(r"^-?\d+\.\d{2}$")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    out = base / "report.json"
    env = {**os.environ, "CUADRE_DATA_DIR": str(base / "data")}
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", "reconcile", "--demo", "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, json.loads(out.read_text("utf-8"))


def test_json_has_the_documented_shape(report):
    _, doc = report
    for entity in ("customers", "payments", "vehicles"):
        section = doc[entity]
        assert set(section) >= {"links", "duplicates", "mismatches"}
        assert section["links"] and section["mismatches"] and section["duplicates"]
        for link in section["links"]:
            assert set(link) >= {"crm_id", "erp_id", "method", "band", "score"}
            assert isinstance(link["crm_id"], str) and isinstance(link["erp_id"], str)
            assert link["band"] in ("auto", "review") and 0 <= link["score"] <= 1
        for dup in section["duplicates"]:
            assert dup["system"] in ("crm", "erp") and len(dup["ids"]) >= 2
            assert dup["method"] in ("key", "fuzzy")
            assert all(isinstance(i, str) for i in dup["ids"])
        for m in section["mismatches"]:
            assert {"kind", "crm_id", "erp_id"} <= set(m)
            assert m["crm_id"] is not None or m["erp_id"] is not None


def test_payment_amounts_are_exact_decimal_strings(report):
    _, doc = report
    amounts = [
        m[k] for m in doc["payments"]["mismatches"] for k in ("crm_amount", "erp_amount")
        if m[k] is not None
    ]
    assert amounts and all(isinstance(a, str) and MONEY.match(a) for a in amounts)
    differs = [m for m in doc["payments"]["mismatches"] if m["kind"] == "amount_differs"]
    assert differs and all(m["crm_amount"] != m["erp_amount"] for m in differs)
    raw = json.dumps(doc)
    assert not re.search(r'"(crm_amount|erp_amount|at_stake)": \d', raw)  # never a number


def test_summary_table_on_stdout(report):
    stdout, doc = report
    assert "Pagado en CRM sin recibo en ERP" in stdout
    assert "VIN inválido" in stdout
    count = doc["payments"]["summary"]["amount_differs"]["count"]
    assert re.search(rf"Valor distinto\s+{count}\s+\$\xa0[\d.]+", stdout)


def test_reconcile_without_a_source_is_a_usage_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    assert main(["reconcile"]) == 2
    assert "--demo" in capsys.readouterr().err


def test_unwritable_output_is_a_clear_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    assert main(["reconcile", "--demo", "-q", "--out", str(tmp_path / "no" / "r.json")]) == 1
    err = capsys.readouterr().err
    assert "no se pudo" in err and "Traceback" not in err


def test_customer_links_and_duplicates_explain_themselves(report):
    _, doc = report
    customers = doc["customers"]
    fuzzy = [x for x in customers["links"] if x["method"] == "fuzzy"]
    assert fuzzy and {x["band"] for x in fuzzy} == {"auto", "review"}
    for item in customers["links"] + customers["duplicates"]:
        assert item["explanation"] and item["explanation"][0].islower()
    for link in customers["links"]:
        assert set(link["levels"]) == {"doc", "name", "phone", "email", "city"}
        assert set(link["levels"].values()) <= {"exact", "close", "different", "missing"}
    review = [m for m in customers["mismatches"] if m["kind"] == "possible_match"]
    assert review and all("documentos difieren" in m["explanation"] for m in review)
