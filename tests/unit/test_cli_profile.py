"""``cuadre reconcile --profile NAME``: a saved connection profile reconciled with no screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore

CUSTOMERS = "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad"


def write(path: Path, rows: list[str]) -> str:
    path.write_text("\r\n".join([CUSTOMERS, *rows]) + "\r\n", "utf-8")
    return str(path)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProfileStore:
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "datos"))
    store = ProfileStore()
    crm = SourceConfig("file", files={"customers": write(tmp_path / "crm.csv", [
        "79845123;Juan;Pérez;3001234567;Bogotá", "43555666;Ana;Gómez;3109876543;Cali"])})
    erp = SourceConfig("file", files={"customers": write(tmp_path / "erp.csv", [
        "79845123;Juan;Pérez;3009999999;Bogotá"])})
    store.save(ConnectionProfile("Concesionario Norte", crm=crm, erp=erp))
    missing = tmp_path / "no_existe" / "erp.sqlite"
    store.save(ConnectionProfile("Roto", crm=crm, erp=SourceConfig("sql", f"sqlite:///{missing}")))
    return store


def test_a_profile_is_reconciled_and_its_report_written(data, tmp_path, capsys):
    out = tmp_path / "informe.json"
    assert main(["reconcile", "--profile", "concesionario norte", "--out", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["profile"] == "Concesionario Norte"  # as saved
    assert set(doc) >= {"customers", "sources", "source_issues"}
    assert "payments" not in doc  # the profile's files hold customers only
    assert sorted(m["kind"] for m in doc["customers"]["mismatches"]) == ["only_in_crm",
                                                                          "phone_differs"]
    assert doc["sources"] == {"crm": "archivo CRM crm.csv", "erp": "archivo ERP erp.csv"}
    stdout = capsys.readouterr().out
    assert "Teléfono distinto" in stdout and f"Informe escrito en {out}" in stdout


def test_quiet_and_one_entity(data, tmp_path, capsys):
    out = tmp_path / "informe.json"
    assert main(["reconcile", "--profile", "Concesionario Norte", "--entity", "customers",
                 "-q", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text("utf-8"))["customers"]["summary"]


def test_an_unknown_profile_is_a_usage_error(data, capsys):
    assert main(["reconcile", "--profile", "Sur"]) == 2
    err = capsys.readouterr().err
    assert err == ("cuadre reconcile: no existe el perfil «Sur»; los guardados son: "
                   "«Concesionario Norte», «Roto».\n")


def test_without_any_profile_saved(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    assert main(["reconcile", "--profile", "Norte"]) == 2
    assert "no hay perfiles guardados" in capsys.readouterr().err


def test_an_entity_the_profile_lacks_is_a_usage_error(data, capsys):
    assert main(["reconcile", "--profile", "Concesionario Norte", "--entity", "payments"]) == 2
    assert capsys.readouterr().err == ("cuadre reconcile: el perfil «Concesionario Norte» no "
                                       "tiene pagos en el CRM ni en el ERP.\n")


@pytest.mark.parametrize("extra", [["--demo"], ["--crm", "a.csv", "--erp", "b.csv"],
                                   ["--mapping", "m.json"]])
def test_profile_with_other_sources_is_a_usage_error(data, capsys, extra):
    assert main(["reconcile", "--profile", "Roto", *extra]) == 2
    assert "--profile ya trae sus fuentes" in capsys.readouterr().err


def test_a_source_that_fails_says_why(data, tmp_path, capsys):
    out = tmp_path / "informe.json"
    assert main(["reconcile", "--profile", "Roto", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cuadre: ERP: No se encuentra el archivo de base de datos erp.sqlite")
    assert "Traceback" not in err
    assert not out.exists()


def test_a_partial_run_writes_what_was_read_and_exits_one(data, tmp_path, capsys):
    """One entity unreadable: the others are reconciled and written, the failure is said on
    stderr and in the report, and a script sees exit code 1."""
    crm = SourceConfig("file", files={"customers": str(tmp_path / "crm.csv"),
                                      "payments": str(tmp_path / "pagos_crm.csv")})
    erp = SourceConfig("file", files={"customers": str(tmp_path / "erp.csv"),
                                      "payments": str(tmp_path / "no_hay.csv")})
    (tmp_path / "pagos_crm.csv").write_text("Recibo;Valor\r\nRC-1;1000\r\n", "utf-8")
    data.save(ConnectionProfile("Parcial", crm=crm, erp=erp))
    out = tmp_path / "informe.json"
    assert main(["reconcile", "--profile", "Parcial", "-q", "--out", str(out)]) == 1
    doc = json.loads(out.read_text("utf-8"))
    assert doc["customers"]["mismatches"]
    assert doc["unread"] == {"payments": "ERP · Pagos: No se encuentra el archivo no_hay.csv."}
    assert capsys.readouterr().err == (
        "cuadre reconcile: no se concilió: ERP · Pagos: No se encuentra el archivo no_hay.csv.\n")
