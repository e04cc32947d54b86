"""``cuadre vin``: one VIN across both systems, as text and as JSON, from the saved run or
read live; a tail several VINs end with is listed (exit 2), an unknown VIN exits 1."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.connections.systems import DEMO_WORKSPACE, Demo, reconcile_systems
from app.domain.schema import Entity
from app.progress import run
from app.store import open_store
from app.store.models import RunVinRow
from app.writeback.people import add_person
from app.writeback.runs import save_run


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(scope="module")
def demo():
    return run(reconcile_systems(Demo()))


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    address = f"sqlite:///{tmp_path / 'espacio.sqlite'}"
    monkeypatch.setenv("CUADRE_STORE", address)
    monkeypatch.delenv("CUADRE_WORKSPACE", raising=False)
    with open_store(address) as store:
        add_person(store, None, "admin", "Administración", ["admin"])
    return address


@pytest.fixture
def saved(store_url, demo):
    with open_store(store_url) as store:
        save_run(store, "admin", demo, "concesionario de demostración", DEMO_WORKSPACE)
    return store_url


@pytest.fixture
def cuadre(capsys):
    def call(*args: Any) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out.replace("\xa0", " "), err)

    return call


def finding(demo, kind):
    return next(m for m in demo[Entity.VEHICLES].mismatches if m.kind == kind)


def test_text_shows_both_systems_the_count_and_the_open_findings(saved, demo, cuadre):
    m = finding(demo, "sold_in_crm_available_in_erp")
    ran = cuadre("vin", m.key[-8:], "--demo")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0] == f"VIN {m.key}"
    assert lines[1].startswith("Según la conciliación guardada de «Demostración» del ")
    head = lines[3].split()
    assert head[:2] == ["CRM", m.crm_id] and head[2:] == ["ERP", m.erp_id]
    rows = {line.split("  ")[0]: line for line in lines[5:15]}
    assert set(rows) == {"Estado", "Sede", "Cliente", "Vehículo", "Precio", "Negocio", "Etapa",
                         "Asesor", "Factura", "Entregado"}
    assert "Vendido" in rows["Estado"] and "Disponible" in rows["Estado"]
    deal = next(d for d in demo.deals.itertuples() if d.vin == m.key)
    assert deal.salesperson and deal.salesperson in rows["Asesor"]  # who sold it
    assert "Conteo físico: no aparece en los conteos guardados." in lines
    assert "Hallazgos abiertos: 1" in lines
    assert any("Vendido en CRM, disponible en ERP" in line and "Abierta" in line
               for line in lines)


def test_json_carries_codes_and_exact_money(saved, demo, cuadre):
    m = finding(demo, "reserved_for_other_customer")
    ran = cuadre("vin", m.key, "--json")
    assert ran.code == 0, ran.err
    doc = ran.json()
    assert doc["vin"] == m.key and doc["workspace"] == DEMO_WORKSPACE
    assert doc["run"]["source"] == "concesionario de demostración" and doc["live_at"] is None
    assert doc["erp"][0]["status"] in ("reserved", "sold") and doc["erp"][0]["customer"]["doc"]
    assert doc["erp"][0]["customer"]["doc"] != doc["crm"][0]["customer"]["doc"]
    assert doc["crm"][0]["price"].endswith(".00")
    assert [f["kind"] for f in doc["findings"]] == ["reserved_for_other_customer"]
    assert doc["findings"][0]["at_stake"] == f"{m.at_stake:.2f}"


def test_a_shared_tail_lists_the_vins_and_exits_2(saved, cuadre):
    with open_store(saved) as store, store.read() as session:
        every = list(session.scalars(select(RunVinRow.vin)))
    by_tail = defaultdict(set)
    for vin in every:
        by_tail[vin[-6:]].add(vin)
    tail, both = next((t, sorted(v)) for t, v in sorted(by_tail.items()) if len(v) > 1)
    ran = cuadre("vin", tail, "--demo")
    assert ran.code == 2
    assert [line.split()[0] for line in ran.out.splitlines()[2:]] == both
    assert "VIN terminan en" in ran.err and "escriba más caracteres" in ran.err
    as_json = cuadre("vin", tail, "--json")
    assert as_json.code == 2 and [m["vin"] for m in as_json.json()["matches"]] == both


def test_unknown_vin_nothing_saved_and_wrong_options(store_url, saved, cuadre):
    ran = cuadre("vin", "ZZZZZZZZ", "--demo")
    assert ran.code == 1 and "Ningún VIN es ni termina en «ZZZZZZZZ»" in ran.err
    ran = cuadre("vin", "ZZZZZZZZ", "--workspace", "Otra sede")
    assert ran.code == 1 and "No hay conciliaciones guardadas en «Otra sede»" in ran.err
    assert "cuadre workspace reconcile" in ran.err
    ran = cuadre("vin", "ABC", "--demo")
    assert ran.code == 2 and "al menos sus últimos 6 caracteres" in ran.err
    ran = cuadre("vin", "9GASJ69R2TP075153", "--live")
    assert ran.code == 2 and "--live lee los sistemas" in ran.err
    ran = cuadre("vin", "9GASJ69R2TP075153", "--demo", "--crm", "crm.csv", "--erp", "erp.csv")
    assert ran.code == 2 and "un solo origen" in ran.err


def test_live_reads_the_vin_in_the_systems(saved, demo, cuadre):
    m = finding(demo, "sold_in_crm_available_in_erp")
    ran = cuadre("vin", m.key[-8:], "--demo", "--live", "--json")
    assert ran.code == 0, ran.err
    doc = ran.json()
    assert doc["live_at"] and doc["vin"] == m.key
    assert [f["kind"] for f in doc["findings"]] == ["sold_in_crm_available_in_erp"]
    text = cuadre("vin", m.key, "--demo", "--live", "-q")
    assert text.code == 0 and text.out.splitlines()[1].startswith("Leído en vivo")
