"""Reconciling a saved profile (``app.connections.systems``) and remembering the chosen one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import app.connections.systems as runs
from app.connections.profiles import ConnectionProfile, ProfileError, SourceConfig
from app.connections.store import ProfileStore
from app.connections.systems import profile_entities, reconcile_systems
from app.connectors.base import AuthError, SourceError
from app.domain.schema import Entity, System
from app.progress import Cancelled, CancelToken, run

CUSTOMERS = "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad"
PAYMENTS = "Recibo;Factura;Documento cliente;Valor;Fecha de pago"


def write(path: Path, header: str, rows: list[str]) -> str:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", "utf-8")
    return str(path)


def profile(tmp_path: Path, name: str = "Norte", **settings: Any) -> ConnectionProfile:
    crm = SourceConfig("file", files={
        "customers": write(tmp_path / "c_crm.csv", CUSTOMERS, ["79845123;Juan;Pérez;3001234567;Bogotá",
                                                              "43555666;Ana;Gómez;3109876543;Cali"]),
        "payments": write(tmp_path / "p_crm.csv", PAYMENTS, ["RC-1;FV-1;79845123;1.500.000;15/03/2024"]),
    })
    erp = SourceConfig("file", files={
        "customers": write(tmp_path / "c_erp.csv", CUSTOMERS, ["79845123;Juan;Pérez;3001234567;Bogotá"]),
        "payments": write(tmp_path / "p_erp.csv", PAYMENTS, ["RC-1;FV-1;79845123;1.500.900;20/03/2024"]),
        "vehicles": write(tmp_path / "v_erp.csv", "VIN;Marca", ["9BWZZZ377VT004251;Chevrolet"]),
    })
    return ConnectionProfile(name, crm=crm, erp=erp, **settings)


def kinds(report: Any, entity: Entity) -> list[str]:
    return sorted(m.kind for m in report.results[entity].findings())


@pytest.fixture
def closes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every connector closed (``system:entity``)."""
    closed: list[str] = []
    real = runs.open_connector

    def tracked(config: SourceConfig, system: Any, entity: Any = None, **kwargs: Any) -> Any:
        connector = real(config, system, entity, **kwargs)
        tag = f"{System(system).value}:{entity.value if entity else '-'}"
        connector.close = lambda: closed.append(tag)
        return connector

    monkeypatch.setattr(runs, "open_connector", tracked)
    return closed


def test_only_the_entities_both_systems_hold(tmp_path):
    assert profile_entities(profile(tmp_path)) == (Entity.CUSTOMERS, Entity.PAYMENTS)
    assert profile_entities(profile(tmp_path), Entity.PAYMENTS) == (Entity.PAYMENTS,)
    with pytest.raises(ProfileError, match="no tiene inventario en el CRM"):
        profile_entities(profile(tmp_path), Entity.VEHICLES)
    apart = ConnectionProfile(
        "Aparte", crm=SourceConfig("file", files={"customers": "c.csv"}),
        erp=SourceConfig("file", files={"vehicles": "v.csv"}))
    with pytest.raises(ProfileError, match="no tienen ninguna entidad en común"):
        profile_entities(apart)


def test_a_profile_is_reconciled_with_its_tolerances_and_every_file_closed(tmp_path, closes):
    strict = run(reconcile_systems(profile(tmp_path)))
    assert set(strict.results) == {Entity.CUSTOMERS, Entity.PAYMENTS}
    assert kinds(strict, Entity.CUSTOMERS) == ["only_in_crm"]
    assert kinds(strict, Entity.PAYMENTS) == ["amount_differs", "date_differs"]
    assert sorted(closes) == ["crm:customers", "crm:payments", "erp:customers", "erp:payments"]
    assert strict.sources == {"crm": "perfil CRM: c_crm.csv, p_crm.csv",
                              "erp": "perfil ERP: c_erp.csv, p_erp.csv, v_erp.csv"}

    closes.clear()
    lenient = run(reconcile_systems(profile(tmp_path, amount_tolerance_abs=Decimal(1000),
                                            date_window_days=7), entity=Entity.PAYMENTS))
    assert set(lenient.results) == {Entity.PAYMENTS}
    assert kinds(lenient, Entity.PAYMENTS) == []
    assert sorted(closes) == ["crm:payments", "erp:payments"]
    assert lenient.sources == {"crm": "archivo CRM p_crm.csv", "erp": "archivo ERP p_erp.csv"}


def test_an_unreadable_entity_is_reported_and_the_others_reconciled(tmp_path, closes):
    broken = profile(tmp_path).with_source("erp", SourceConfig("file", files={
        "customers": str(tmp_path / "c_erp.csv"), "payments": str(tmp_path / "falta.csv")}))
    report = run(reconcile_systems(broken))
    assert set(report.results) == {Entity.CUSTOMERS}
    assert kinds(report, Entity.CUSTOMERS) == ["only_in_crm"]
    assert report.failures == {
        Entity.PAYMENTS: "ERP · Pagos: No se encuentra el archivo falta.csv."}
    assert sorted(closes) == ["crm:customers", "crm:payments", "erp:customers", "erp:payments"]


def test_when_nothing_can_be_read_the_first_failure_stops_the_run(tmp_path, closes):
    broken = profile(tmp_path).with_source("erp", SourceConfig("file", files={
        "customers": str(tmp_path / "no_c.csv"), "payments": str(tmp_path / "falta.csv")}))
    with pytest.raises(SourceError) as caught:
        run(reconcile_systems(broken))
    assert str(caught.value) == "ERP · Clientes: No se encuentra el archivo no_c.csv."
    assert "crm:customers" in closes and "crm:payments" in closes


def test_a_database_that_does_not_exist(tmp_path):
    broken = profile(tmp_path).with_source(
        "erp", SourceConfig("sql", f"sqlite:///{tmp_path / 'no' / 'erp.sqlite'}"))
    with pytest.raises(SourceError, match=r"^ERP: No se encuentra el archivo de base de datos "
                                          r"erp\.sqlite"):
        run(reconcile_systems(broken))


def test_refused_credentials_stay_an_auth_error(tmp_path):
    api = profile(tmp_path).with_source("crm", SourceConfig("rest", "http://127.0.0.1:9/crm"))
    with pytest.raises(AuthError, match=r"^CRM · Clientes: No hay credenciales guardadas"):
        run(reconcile_systems(api, secrets=lambda ref: None))


def test_cancel_closes_the_files(tmp_path, closes):
    token = CancelToken()
    task = reconcile_systems(profile(tmp_path), token)
    for progress in task:
        if progress.step == "pull_erp_customers":
            token.cancel()
            break
    with pytest.raises(Cancelled):
        next(task)
    assert sorted(closes) == ["crm:customers", "erp:customers"]  # never the payments files


# --- the remembered choice --------------------------------------------------------------------


def test_the_active_profile_is_remembered_renamed_and_forgotten(tmp_path):
    store = ProfileStore(tmp_path / "datos")
    assert store.active() is None
    store.set_active(None)  # nothing to remember: no file written
    assert not store.path.exists()
    store.save(profile(tmp_path, "Norte"))
    store.save(profile(tmp_path, "Sur"))
    store.set_active("sur")
    assert ProfileStore(tmp_path / "datos").active() == "Sur"
    store.save(profile(tmp_path, "Norte", date_window_days=3))  # other saves keep it
    assert store.active() == "Sur"
    store.rename("Sur", "Sur 2")
    assert store.active() == "Sur 2"
    with pytest.raises(ProfileError, match="No existe el perfil «Oeste»"):
        store.set_active("Oeste")
    store.set_active(None)
    assert store.active() is None
    store.set_active("Norte")
    store.delete("Norte")
    assert store.active() is None and store.names() == ["Sur 2"]


# --- what the insights read besides ------------------------------------------------------------


def with_extras(tmp_path: Path) -> ConnectionProfile:
    """The profile above, plus an ERP's invoices, workshop orders and contracts and a CRM's
    follow-up tasks, as their systems export them."""
    base = profile(tmp_path)
    invoices = write(tmp_path / "facturas.csv", "Prefijo;Número;NIT cliente;VIN;Sede;"
                     "Fecha de emisión;Valor total;Estado",
                     ["FV;1;79845123;9BWZZZ377VT004251;Bogotá;15/03/2024;84.400.000;Validada DIAN",
                      "FV;2;79845123;;Bogotá;16/03/2024;1.500.000,50;Anulada"])
    services = write(tmp_path / "taller.csv", "OT;VIN;Tipo de servicio;"
                     "Fecha de ingreso al taller;Kilometraje;Sede",
                     ["OT-1;9BWZZZ377VT004251;Revisión 5.000 km;02/09/2024;4.980 km;Bogotá"])
    contracts = write(tmp_path / "contratos.csv", "Contrato;VIN;Cédula cliente;Tipo;Aseguradora;"
                      "Fecha inicio;Fecha de vencimiento",
                      ["C-1;9BWZZZ377VT004251;79845123;SOAT;SURA;15/03/2024;14/03/2025"])
    followups = write(tmp_path / "tareas.csv", "Id tarea;Cliente documento;VIN;Tipo;"
                      "Fecha de vencimiento;Estado;Nota",
                      ["T-1;79845123;9BWZZZ377VT004251;SOAT;01/03/2025;Pendiente;Llamar"])
    return ConnectionProfile(
        "Con indicadores",
        crm=SourceConfig("file", files={**base.crm.files, "followups": followups}),
        erp=SourceConfig("file", files={**base.erp.files, "invoices": invoices,
                                        "services": services, "contracts": contracts}))


def test_a_file_profile_brings_what_the_insights_read_in_canonical_types(tmp_path, closes):
    report = run(reconcile_systems(with_extras(tmp_path)))
    assert set(report.results) == {Entity.CUSTOMERS, Entity.PAYMENTS}
    assert set(report.extras) == {Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS,
                                  Entity.FOLLOWUPS}
    assert report.failures == {}
    invoices = report.extras[Entity.INVOICES].to_dict("records")
    assert [(i["invoice_number"], i["vin"], i["status"]) for i in invoices] == [
        ("FV-1", "9BWZZZ377VT004251", "validated"), ("FV-2", None, "annulled")]
    assert [i["total"] for i in invoices] == [Decimal("84400000"), Decimal("1500000.50")]
    assert all(isinstance(i["total"], Decimal) for i in invoices)
    assert invoices[0]["issued_on"] == date(2024, 3, 15)
    [visit] = report.extras[Entity.SERVICES].to_dict("records")
    assert (visit["kind"], visit["visited_on"], visit["odometer_km"]) == (
        "first_service", date(2024, 9, 2), 4980)
    assert type(visit["odometer_km"]) is int
    [soat] = report.extras[Entity.CONTRACTS].to_dict("records")
    assert (soat["kind"], soat["provider"], soat["starts_on"], soat["ends_on"]) == (
        "soat", "SURA", date(2024, 3, 15), date(2025, 3, 14))
    [task] = report.extras[Entity.FOLLOWUPS].to_dict("records")
    assert (task["kind"], task["due_on"], task["status"], task["customer_doc"]) == (
        "soat", date(2025, 3, 1), "open", "79845123")
    # The reconciled files have no identifier column: their records are named by their line,
    # and the report says so (issue 13); nothing else went unread.
    assert sorted((i.reason, i.value) for i in report.issues) == [
        ("no_id_column", "c_crm.csv"), ("no_id_column", "c_erp.csv"),
        ("no_id_column", "p_crm.csv"), ("no_id_column", "p_erp.csv")]
    # Every file opened is closed, the extras' too.
    assert sorted(closes) == ["crm:customers", "crm:followups", "crm:payments", "erp:contracts",
                              "erp:customers", "erp:invoices", "erp:payments", "erp:services"]


def test_an_unreadable_extra_is_left_out_without_failing_the_run(tmp_path, caplog):
    good = with_extras(tmp_path)
    broken = good.with_source("erp", SourceConfig("file", files={
        **good.erp.files,
        "invoices": str(tmp_path / "no_esta.csv"),
        "contracts": write(tmp_path / "sin_fin.csv", "Contrato;VIN;Tipo", ["C-1;9BWZZZ377VT004251;SOAT"]),
    }))
    with caplog.at_level("INFO", logger="app.connections.systems"):
        report = run(reconcile_systems(broken))
    assert set(report.results) == {Entity.CUSTOMERS, Entity.PAYMENTS}
    assert report.failures == {}
    assert set(report.extras) == {Entity.SERVICES, Entity.FOLLOWUPS}
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 2
    assert any("ERP · Facturas: No se encuentra el archivo no_esta.csv." in m for m in warned)
    assert any("ERP · SOAT, seguros y créditos: El archivo sin_fin.csv no parece de contratos"
               in m for m in warned)
    # A profile that names no file for an extra says nothing about it.
    caplog.clear()
    with caplog.at_level("INFO", logger="app.connections.systems"):
        plain = run(reconcile_systems(profile(tmp_path)))
    assert plain.extras == {} and caplog.records == []
