"""Opening the two systems (``app.connections.systems.open_systems``): the demo, a saved profile
or the ``--crm``/``--erp`` pair as an ad-hoc profile; one rule for partial failure and for
closing; what can be written to, decided once."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import app.connections.systems as systems_module
from app.connections.profiles import ConnectionProfile, ProfileError, SourceConfig
from app.connections.systems import (
    DEFAULT_WORKSPACE,
    DEMO_WORKSPACE,
    Demo,
    ProfileSource,
    adhoc_profile,
    open_systems,
    reconcile_systems,
)
from app.connectors.base import SourceError
from app.domain.schema import Entity, System
from app.progress import run

CUSTOMERS = "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad"


def write(path: Path, rows: list[str], header: str = CUSTOMERS) -> str:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", "utf-8")
    return str(path)


@pytest.fixture
def closes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every connector closed (``system:entity``)."""
    closed: list[str] = []
    real = systems_module.open_connector

    def tracked(config: SourceConfig, system: Any, entity: Any = None, **kwargs: Any) -> Any:
        connector = real(config, system, entity, **kwargs)
        tag = f"{System(system).value}:{entity.value if entity else '-'}"
        connector.close = lambda: closed.append(tag)
        return connector

    monkeypatch.setattr(systems_module, "open_connector", tracked)
    return closed


def sqlite_source(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute('CREATE TABLE customers ("Nro. Identificación" TEXT, "Nombres" TEXT)')
        conn.execute("INSERT INTO customers VALUES ('79845123', 'Juan')")
    return f"sqlite:///{path}"


# --- the --crm/--erp pair ---------------------------------------------------------------------


def test_two_files_are_a_profile_named_principal(tmp_path):
    profile = adhoc_profile(str(tmp_path / "c.csv"), str(tmp_path / "e.csv"),
                            entity=Entity.CUSTOMERS, mapping={"doc_number": "Cédula"})
    assert profile.name == DEFAULT_WORKSPACE == "Principal"
    assert profile.crm == SourceConfig("file", files={"customers": str(tmp_path / "c.csv")},
                                       mappings={"customers": {"doc_number": "Cédula"}})
    assert profile.erp.files == {"customers": str(tmp_path / "e.csv")}


def test_a_mapping_split_by_system_and_by_entity(tmp_path):
    profile = adhoc_profile("sqlite:///crm.db", str(tmp_path / "e.csv"), entity=Entity.PAYMENTS,
                            mapping={"crm": {"payments": {"amount": "Valor"}},
                                     "erp": {"amount": "Monto"}})
    assert profile.crm == SourceConfig("sql", "sqlite:///crm.db",
                                       mappings={"payments": {"amount": "Valor"}})
    assert profile.erp.mappings == {"payments": {"amount": "Monto"}}


def test_a_side_not_given_has_no_source(tmp_path):
    profile = adhoc_profile(None, str(tmp_path / "inventario.csv"), entity=Entity.VEHICLES)
    assert profile.crm == SourceConfig()
    assert profile.erp.files == {"vehicles": str(tmp_path / "inventario.csv")}


def test_what_does_not_fit_says_so():
    with pytest.raises(ProfileError, match="un archivo trae una sola entidad"):
        adhoc_profile("c.csv", "sqlite:///erp.db")
    with pytest.raises(ProfileError, match="sin --entity, el mapeo se escribe por entidad"):
        adhoc_profile("sqlite:///crm.db", "sqlite:///erp.db", mapping={"doc_number": "Cédula"})
    with pytest.raises(SourceError, match="No se reconoce el tipo de fuente"):
        adhoc_profile("ftp://crm", "sqlite:///erp.db")


def test_the_pair_is_reconciled_as_a_profile_and_closed(tmp_path, closes):
    crm = write(tmp_path / "crm.csv", ["79845123;Juan;Pérez;3001234567;Bogotá",
                                       "43555666;Ana;Gómez;3109876543;Cali"])
    erp = write(tmp_path / "erp.csv", ["79845123;Juan;Pérez;3009999999;Bogotá"])
    report = run(reconcile_systems(adhoc_profile(crm, erp, entity=Entity.CUSTOMERS)))
    assert set(report.results) == {Entity.CUSTOMERS}
    assert sorted(m.kind for m in report.results[Entity.CUSTOMERS].findings()) == [
        "only_in_crm", "phone_differs"]
    assert report.sources == {"crm": "archivo CRM crm.csv", "erp": "archivo ERP erp.csv"}
    assert sorted(closes) == ["crm:customers", "erp:customers"]


# --- opening and closing ----------------------------------------------------------------------


def test_everything_opened_is_closed_when_the_block_fails(tmp_path, closes):
    crm = sqlite_source(tmp_path / "crm.sqlite")
    profile = ConnectionProfile("Norte", crm=SourceConfig("sql", crm),
                                erp=SourceConfig("file", files={"customers": write(
                                    tmp_path / "erp.csv", ["79845123;Juan;;;"])}))
    with pytest.raises(RuntimeError), open_systems(profile) as opened:
        assert opened.name == "Norte" and opened.profile is profile
        assert opened.writable()  # the database is open
        run(opened.pull_task(System.ERP, Entity.CUSTOMERS))
        assert closes == []
        raise RuntimeError("the caller's own failure")
    assert sorted(closes) == ["crm:-", "erp:customers"]


def test_a_source_that_cannot_be_opened_stops_a_reconciliation_before_anything_is_read(
        tmp_path, closes):
    profile = ConnectionProfile(
        "Roto", crm=SourceConfig("sql", sqlite_source(tmp_path / "crm.sqlite")),
        erp=SourceConfig("sql", f"sqlite:///{tmp_path / 'no' / 'erp.sqlite'}"))
    steps: list[str] = []
    with pytest.raises(SourceError, match=r"^ERP: No se encuentra el archivo de base de datos"):
        run(reconcile_systems(profile), lambda p: steps.append(p.step))
    assert steps == [] and closes == ["crm:-"]


def test_only_what_is_needed_is_opened(tmp_path, closes):
    """A count reads the ERP alone: a CRM that cannot be reached does not stop it."""
    profile = ConnectionProfile(
        "Sede", crm=SourceConfig("sql", f"sqlite:///{tmp_path / 'no' / 'crm.sqlite'}"),
        erp=SourceConfig("file", files={"customers": write(tmp_path / "erp.csv",
                                                           ["79845123;Juan;;;"])}))
    with open_systems(profile) as opened:
        assert len(run(opened.pull_task(System.ERP, Entity.CUSTOMERS))) == 1
    assert closes == ["erp:customers"]


def test_entities_both_hold_or_the_one_wanted(tmp_path):
    profile = ConnectionProfile(
        "Norte", crm=SourceConfig("file", files={"customers": "c.csv", "payments": "p.csv"}),
        erp=SourceConfig("file", files={"customers": "e.csv"}))
    with open_systems(profile) as opened:
        assert opened.entities() == (Entity.CUSTOMERS,)
        assert opened.entities(Entity.CUSTOMERS) == (Entity.CUSTOMERS,)
        with pytest.raises(ProfileError, match="no tiene pagos en el ERP"):
            opened.entities(Entity.PAYMENTS)


# --- what can be written to -------------------------------------------------------------------


def test_an_export_file_is_never_written_a_database_is(tmp_path, closes):
    crm = sqlite_source(tmp_path / "crm.sqlite")
    profile = adhoc_profile(crm, str(tmp_path / "erp.csv"), entity=Entity.CUSTOMERS)
    with open_systems(profile) as opened:
        writable = opened.writable()
        assert list(writable) == [System.CRM]
        assert writable[System.CRM] is opened.crm.shared()  # type: ignore[attr-defined]
        assert opened.unwritable() == {System.ERP: "es un archivo exportado"}
    assert closes == ["crm:-"]


def test_a_system_not_given_is_neither(tmp_path):
    with open_systems(adhoc_profile(None, str(tmp_path / "e.csv"), entity=Entity.VEHICLES)) as o:
        assert o.writable() == {} and o.unwritable() == {System.ERP: "es un archivo exportado"}


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_is_opened_as_systems(cuadre_data_dir):
    with open_systems(Demo()) as demo:
        assert demo.name == DEMO_WORKSPACE == "Demostración" and demo.profile is None
        assert demo.entities() == (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)
        stock = run(demo.pull_task(System.ERP, Entity.VEHICLES))
        assert len(stock) > 0 and (cuadre_data_dir / "demo").is_dir()
        assert set(demo.writable()) == {System.CRM, System.ERP}
        assert demo.unwritable() == {}
        assert not isinstance(demo.crm, ProfileSource)
