"""The headless command: ``cuadre reconcile --demo --out FILE``."""

import json
import os
import re
import subprocess
import sys

import pytest

from app.cli.main import main

MONEY = re.compile(r"^-?\d+\.\d{2}$")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    out = base / "report.json"
    env = {**os.environ, "CUADRE_DATA_DIR": str(base / "data")}
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "reconcile", "--demo", "--out", str(out)],
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


CRM_CSV = """Id;Tipo documento;Documento;Nombres;Apellidos;Celular;Correo;Ciudad
C1;CC;79.123.456;Juan Carlos;Pérez Gómez;+57 310 555 1234;juan.perez@gmail.com;Bogotá D.C.
C3;NIT;800.191.045-7;;;601 4567890;contabilidad@gomez.com.co;Medellín
C4;CC;52111222;Ana María;Ruiz;3001112233;ana.ruiz@hotmail.com;Cali
"""
ERP_CSV = (
    "Código,Identificación,DV,Primer nombre,Segundo nombre,Primer apellido,Segundo apellido,"
    "Teléfono,E-mail,Cód. municipio\n"
) + """1,79123456,,JUAN,CARLOS,PEREZ,GOMEZ,3105551234,juan.perez@gmail.com,11001
2,800191045,1,,,,,6014567890,contabilidad@gomez.com.co,5001
3,52111223,,ANA,MARIA,RUIZ,,3001112233,ana.ruiz@hotmail.com,76001
"""


def test_reconcile_two_exports_as_excel_and_erps_write_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    crm, erp, out = tmp_path / "crm.csv", tmp_path / "erp.csv", tmp_path / "r.json"
    crm.write_bytes(CRM_CSV.encode("cp1252"))  # Excel es-CO: cp1252 and ";"
    erp.write_text(ERP_CSV, encoding="utf-8-sig")
    code = main(["reconcile", "--entity", "customers", "--crm", str(crm), "--erp", str(erp),
                 "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text("utf-8"))
    assert set(doc) >= {"customers", "source_issues"} and "payments" not in doc
    links = {(x["crm_id"], x["erp_id"]): x for x in doc["customers"]["links"]}
    assert links[("C1", "1")]["method"] == "doc_number"
    assert links[("C4", "3")]["band"] == "review"  # one digit apart: a person confirms
    kinds = {(m["kind"], m["crm_id"]) for m in doc["customers"]["mismatches"]}
    assert ("invalid_check_digit", "C3") in kinds
    assert doc["sources"] == {"crm": "archivo CRM crm.csv", "erp": "archivo ERP erp.csv"}


def test_mapping_file_overrides_headers(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    crm, erp, out = tmp_path / "crm.csv", tmp_path / "erp.csv", tmp_path / "r.json"
    crm.write_text("Ref;Cliente;Cedula del comprador\nC1;Juan Pérez;79123456\n", encoding="utf-8")
    erp.write_text("Id,Nombre,Documento\n1,JUAN PEREZ,79123456\n", encoding="utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"crm": {"source_id": "Ref", "doc_number": "Cedula del comprador",
                                           "full_name": "Cliente"}}), encoding="utf-8")
    assert main(["reconcile", "--entity", "customers", "--crm", str(crm), "--erp", str(erp),
                 "--mapping", str(mapping), "--out", str(out), "-q"]) == 0, capsys.readouterr().err
    doc = json.loads(out.read_text("utf-8"))
    assert [(x["crm_id"], x["erp_id"]) for x in doc["customers"]["links"]] == [("C1", "1")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["reconcile", "--entity", "customers", "--crm", "x.csv"], "--erp"),
        (["reconcile", "--demo", "--crm", "x.csv", "--erp", "y.csv"], "no ambos"),
        (["count", "--count", "c.csv", "--branch", "Cali"], "--erp FUENTE o --profile NOMBRE"),
    ],
)
def test_option_mistakes_are_usage_errors(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_file_without_the_required_columns_says_which_headers_would_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    bad = tmp_path / "bad.csv"
    bad.write_text("Color;Sabor\nrojo;dulce\n", encoding="utf-8")
    assert main(["reconcile", "--entity", "payments", "--crm", str(bad), "--erp", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Valor" in err and "Traceback" not in err


def test_count_against_the_demo_finds_what_was_seeded(tmp_path, monkeypatch, capsys):
    from app.demo import demo_files

    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    out = tmp_path / "count.json"
    assert main(["reconcile", "--demo", "-q"]) == 0
    count_file = demo_files().crm.parent / "conteo_cali-pasoancho.csv"
    assert main(["count", "--demo", "--branch", "Cali - Pasoancho", "--count", str(count_file),
                 "--out", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["branch"] == "Cali - Pasoancho"
    assert doc["summary"]["count_missing_from_lot"]["count"] > 0
    assert doc["summary"]["count_wrong_branch"]["count"] > 0
    assert "No está en el patio" in capsys.readouterr().out
