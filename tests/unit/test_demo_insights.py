"""The demo's after-sale data (issue 7): consistent tables, the new entities pulled in the
canonical schema, and the known answers the generator writes for the dealer insights."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from app.demo import DemoFiles, ensure_demo
from app.demo.commerce import add_months, add_years
from app.demo.connector import DemoCrm, DemoErp
from app.demo.generator import TODAY
from app.domain.schema import (
    COLUMNS,
    CONTRACT_KINDS,
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    INVOICE_STATUSES,
    SERVICE_KINDS,
    Entity,
)
from app.domain.values import vin_problem
from app.progress import run
from app.reconcile.engine import reconcile

EXTRAS = {Entity.INVOICES: "erp", Entity.SERVICES: "erp", Entity.CONTRACTS: "erp",
          Entity.FOLLOWUPS: "crm"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-insights")))


@pytest.fixture(scope="module")
def truth(demo: DemoFiles) -> dict[str, Any]:
    return dict(json.loads(demo.truth.read_text("utf-8")))


@pytest.fixture(scope="module")
def frames(demo: DemoFiles) -> dict[tuple[str, Entity], pd.DataFrame]:
    crm, erp = DemoCrm(demo.crm), DemoErp(demo.erp)
    pulled = {("crm", e): crm.pull(e) for e in (Entity.CUSTOMERS, Entity.DEALS, Entity.FOLLOWUPS,
                                                 Entity.VEHICLES)}
    pulled |= {("erp", e): erp.pull(e) for e in (Entity.CUSTOMERS, Entity.VEHICLES,
                                                  Entity.PAYMENTS, Entity.INVOICES,
                                                  Entity.SERVICES, Entity.CONTRACTS)}
    assert crm.issues() == [] and erp.issues() == []
    return pulled


def rows(path: Path, sql: str) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


def day(text: str) -> date:
    return date.fromisoformat(text[:10])


# --- the generated tables ----------------------------------------------------------------------


def test_every_reference_points_at_a_record_that_exists(demo: DemoFiles) -> None:
    for path in (demo.crm, demo.erp):
        assert rows(path, "PRAGMA foreign_key_check") == []
    assert rows(demo.crm, "SELECT s.id FROM seguimientos s LEFT JOIN contactos c "
                          "ON c.id = s.contacto_id WHERE c.id IS NULL") == []
    stock = {r["vin"]: r for r in rows(demo.erp, "SELECT * FROM inventario")}
    for table in ("ordenes_taller", "contratos"):
        for r in rows(demo.erp, f"SELECT * FROM {table}"):
            unit = stock[r["vin"]]  # a VIN of the ERP's stock, delivered to that customer
            assert (unit["estado"], unit["tercero_id"]) == ("ENTREGADO", r["tercero_id"]), table
    followed = {r["vin"] for r in rows(demo.crm, "SELECT vin FROM seguimientos")}
    assert followed <= {v for v, u in stock.items() if u["estado"] == "ENTREGADO"}


def test_dates_are_sane(demo: DemoFiles) -> None:
    stock = {r["vin"]: r for r in rows(demo.erp, "SELECT * FROM inventario")}
    for r in stock.values():
        if r["estado"] == "TRANSITO":
            assert r["fecha_ingreso"] is None
            continue
        received = day(r["fecha_ingreso"])
        assert received <= TODAY
        if r["fecha_entrega"]:
            assert received < day(r["fecha_entrega"]) <= TODAY
    for v in rows(demo.erp, "SELECT * FROM ordenes_taller"):
        delivered = day(stock[v["vin"]]["fecha_entrega"])
        assert delivered < day(v["fecha"]) <= TODAY
        assert v["kilometraje"] is None or v["kilometraje"] > 0
    for c in rows(demo.erp, "SELECT * FROM contratos"):
        assert day(c["inicio"]) <= TODAY and day(c["inicio"]) < day(c["fin"])
        if c["tipo"] in ("SOAT", "TODO RIESGO"):  # a one-year policy, current today
            assert day(c["fin"]) == add_years(day(c["inicio"]), 1) - timedelta(days=1)
            assert day(c["fin"]) >= TODAY
    # Every delivered unit has its current SOAT, and only one.
    soat = Counter(c["vin"] for c in rows(demo.erp, "SELECT vin FROM contratos WHERE tipo = 'SOAT'"))
    handed = {v for v, u in stock.items() if u["estado"] == "ENTREGADO" and u["tercero_id"]}
    assert set(soat) == handed and set(soat.values()) == {1}
    for d in rows(demo.crm, "SELECT * FROM negocios"):
        created = day(d["creado"])
        assert created <= TODAY
        assert d["fecha_cierre"] is None or created <= day(d["fecha_cierre"]) <= TODAY
    # Deliveries reach years back, with model years (and VIN year codes) to match.
    ages = [(TODAY - day(stock[v]["fecha_entrega"])).days / 365 for v in handed]
    assert min(ages) < 1 and max(ages) > 5 and sum(a > 1 for a in ages) > len(ages) / 2
    for v in handed:
        assert 0 <= int(stock[v]["anio"]) - day(stock[v]["fecha_entrega"]).year <= 1


def test_vehicle_sales_are_invoiced_with_the_vin_and_paid_by_receipts(demo: DemoFiles) -> None:
    stock = {r["vin"]: r for r in rows(demo.erp, "SELECT * FROM inventario")}
    invoices = rows(demo.erp, "SELECT * FROM facturas WHERE vin IS NOT NULL")
    assert {i["estado"] for i in rows(demo.erp, "SELECT estado FROM facturas")} == {
        "VALIDADA DIAN", "ANULADA"}
    valid = [i for i in invoices if i["estado"] == "VALIDADA DIAN"]
    annulled = [i for i in invoices if i["estado"] == "ANULADA"]
    assert len(annulled) == 2
    sold = {v for v, u in stock.items() if u["estado"] in ("VENDIDO", "ENTREGADO")}
    # Each unit sold has one valid invoice, but the one whose new invoice is not issued yet.
    by_vin = Counter(i["vin"] for i in valid)
    assert set(by_vin.values()) == {1} and len(sold - set(by_vin)) == 1
    for i in valid:
        unit = stock[i["vin"]]
        assert (i["tercero_id"], Decimal(i["total"])) == (unit["tercero_id"], Decimal(unit["precio"]))
    # Amounts as both systems write them: plain digits, never "7.44E+7".
    for path, sql in ((demo.erp, "SELECT valor FROM recibos"), (demo.crm, "SELECT valor FROM pagos"),
                      (demo.erp, "SELECT total FROM facturas")):
        assert all(re.fullmatch(r"\d+(\.\d\d)?", r["valor"]) for r in rows(
            path, sql.replace("total FROM", "total AS valor FROM"))), sql
    paid = Counter[int]()
    for r in rows(demo.erp, "SELECT factura_id, valor FROM recibos"):
        paid[r["factura_id"]] += Decimal(r["valor"])  # type: ignore[assignment]
    assert all(paid[i["id"]] == 0 for i in annulled)  # no receipt for an annulled invoice
    full = sum(paid[i["id"]] >= Decimal(i["total"]) for i in valid)
    assert 0.8 * len(valid) < full < len(valid)  # most paid in full, some still owe a part


def test_a_known_set_of_available_units_are_slow_movers(demo: DemoFiles,
                                                       truth: dict[str, Any]) -> None:
    available = rows(demo.erp, "SELECT * FROM inventario WHERE estado = 'DISPONIBLE'")
    days = {r["vin"]: (TODAY - day(r["fecha_ingreso"])).days for r in available}
    slow = sorted(v for v, d in days.items() if d > 90)
    assert truth["insights"]["slow_movers"] == slow
    assert 0.08 <= len(slow) / len(available) <= 0.15
    # Far from the threshold either way: a day's difference in counting changes nothing.
    assert all(d >= 100 or d <= 80 for d in days.values())


# --- the new entities through the connector -------------------------------------------------


def test_the_new_entities_are_pulled_in_the_canonical_schema(
        frames: dict[tuple[str, Entity], pd.DataFrame]) -> None:
    for entity, system in EXTRAS.items():
        df = frames[system, entity]
        assert list(df.columns) == list(COLUMNS[entity]) and len(df) > 50, entity
        assert df["source_id"].map(type).eq(str).all()
    invoices = frames["erp", Entity.INVOICES]
    assert invoices["invoice_number"].str.fullmatch(r"FE[BMC]-\d+").all()
    assert invoices["total"].map(type).eq(Decimal).all()
    assert invoices["issued_on"].map(type).eq(date).all()
    assert set(invoices["status"]) == {"validated", "annulled"} <= set(INVOICE_STATUSES)
    assert set(invoices["branch"]) == {"Bogotá - Autopista Norte", "Medellín - El Poblado",
                                       "Cali - Pasoancho"}
    vins = invoices["vin"].dropna()
    assert 150 < len(vins) < len(invoices) and all(vin_problem(v) is None or v[0] in "12345"
                                                   for v in vins)
    services = frames["erp", Entity.SERVICES]
    # Every kind but the preparation (alistamiento) Cuadre opens with a reservation (issue 16).
    assert set(services["kind"]) == set(SERVICE_KINDS) - {"preparation"}
    readings = services["odometer_km"].dropna()
    assert readings.map(type).eq(int).all() and 0 < len(readings) < len(services)
    assert services["visited_on"].map(type).eq(date).all()
    contracts = frames["erp", Entity.CONTRACTS]
    assert set(contracts["kind"]) == set(CONTRACT_KINDS)
    assert (contracts["starts_on"] < contracts["ends_on"]).all()
    assert contracts["provider"].notna().all()
    followups = frames["crm", Entity.FOLLOWUPS]
    assert set(followups["kind"]) <= set(FOLLOWUP_KINDS)
    assert {"anniversary", "first_service", "soat", "insurance", "other"} <= set(followups["kind"])
    assert set(followups["status"]) == set(FOLLOWUP_STATUSES)
    assert followups["customer_doc"].str.fullmatch(r"\d+").all()
    assert followups["source_id"].str.fullmatch(r"S-\d{5}").all()
    # The day a unit came in (the ERP's; none in transit) and the day a lead came in.
    stock = frames["erp", Entity.VEHICLES]
    assert (stock["received_on"].isna() == (stock["status"] == "in_transit")).all()
    assert frames["crm", Entity.VEHICLES]["received_on"].isna().all()
    assert frames["crm", Entity.DEALS]["created_on"].map(type).eq(date).all()


def test_each_system_has_only_its_own_entities(demo: DemoFiles) -> None:
    for entity, system in EXTRAS.items():
        other = DemoErp(demo.erp) if system == "crm" else DemoCrm(demo.crm)
        with pytest.raises(ValueError, match="has no"):
            other.pull(entity)
        assert other.read(entity, "1") is None


def test_a_file_of_an_older_generator_has_no_extras_and_still_reconciles(
        demo: DemoFiles, tmp_path: Path) -> None:
    old = tmp_path / "crm.sqlite"
    old.write_bytes(demo.crm.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("DROP TABLE seguimientos")
    with pytest.raises(ValueError):
        DemoCrm(old).pull(Entity.FOLLOWUPS)
    report = run(reconcile(DemoCrm(old), DemoErp(demo.erp)))
    assert set(report.extras) == {Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS}


def test_a_reconciliation_of_the_demo_brings_the_extras(
        demo: DemoFiles, frames: dict[tuple[str, Entity], pd.DataFrame]) -> None:
    report = run(reconcile(DemoCrm(demo.crm), DemoErp(demo.erp)))
    assert set(report.extras) == set(EXTRAS)
    for entity, system in EXTRAS.items():
        assert report.extras[entity].equals(frames[system, entity]), entity


# --- the known answers -------------------------------------------------------------------------


def test_the_insights_truth_has_the_shared_shape(truth: dict[str, Any]) -> None:
    known = truth["insights"]
    assert set(known) == {
        "today", "window_days", "slow_days", "followups_due", "followups_due_vins",
        "followups_covered", "followups_blocked", "funnel", "sold_not_invoiced", "slow_movers",
        "available_by_model", "renewal_seeded"}
    assert (known["today"], known["window_days"], known["slow_days"]) == ("2026-11-20", 30, 90)
    kinds = ("anniversary", "first_service", "soat", "insurance")
    assert tuple(known["followups_due"]) == kinds == tuple(known["followups_due_vins"])
    for kind in kinds:
        vins = known["followups_due_vins"][kind]
        assert known["followups_due"][kind] == len(vins) > 0 and vins == sorted(vins)
    assert known["followups_covered"] >= 4 and known["followups_blocked"] >= 3
    for row in known["funnel"].values():
        assert row["leads"] >= row["deals"] >= row["sold_crm"] >= row["invoiced"] >= row["paid"]
        assert Decimal(row["revenue"]) >= Decimal(row["revenue_paid"]) >= 0
        assert re.fullmatch(r"\d+\.\d\d", row["revenue"])


def test_each_planted_follow_up_case_lands_where_it_should(truth: dict[str, Any]) -> None:
    due = truth["insights"]["followups_due_vins"]
    planted = truth["planted"]
    listed = {name: {k for k, vins in due.items() if vin in vins} for name, vin in planted.items()}
    assert "anniversary" in listed["anniversary"]
    assert "anniversary" not in listed["anniversary_covered"]  # a pending follow-up covers it
    assert "anniversary" in listed["anniversary_cancelled"]  # a cancelled one does not
    assert "first_service" in listed["first_service_estimated"]  # 15.000 km a year
    assert "first_service" in listed["first_service_reading_in"]  # the reading brings it in
    assert "first_service" not in listed["first_service_reading_out"]  # … or pushes it out
    assert "first_service" not in listed["first_service_covered"]
    assert "soat" not in listed["soat_covered"]  # called a week ago, done
    assert "insurance" in listed["insurance"]  # the policy renews apart from the SOAT
    assert "insurance" not in listed["insurance_covered"]  # a task 40 days before: covered
    assert "insurance" in listed["insurance_far_followup"]  # 50 days before: not
    for name in ("no_consent", "claim", "not_in_crm"):  # listed, contact blocked
        assert listed[name] >= {"anniversary", "soat"}, name


def test_the_funnel_counts_only_what_the_erp_invoiced(
        truth: dict[str, Any], frames: dict[tuple[str, Entity], pd.DataFrame]) -> None:
    known = truth["insights"]
    deals = frames["crm", Entity.DEALS]
    invoices = frames["erp", Entity.INVOICES]
    funnel = known["funnel"]
    assert sum(r["leads"] for r in funnel.values()) == len(deals)
    assert deals["lead_source"].notna().all() and set(funnel) == set(deals["lead_source"])
    # Every deal has its branch's salesperson.
    from app.demo.world import BRANCHES, SALESPEOPLE
    people = {b.name: set(SALESPEOPLE[b.code]) for b in BRANCHES}
    assert all(p in people[b] for p, b in zip(deals["salesperson"], deals["branch"], strict=True))
    sold = deals[deals["stage"] == "sold"]
    valid = invoices[(invoices["status"] == "validated") & invoices["vin"].notna()]
    # One sold deal per VIN and one valid invoice per VIN: a sale is the two meeting.
    assert sold["vin"].dropna().is_unique and valid["vin"].is_unique
    invoiced = set(sold["vin"].dropna()) & set(valid["vin"])
    assert sum(r["invoiced"] for r in funnel.values()) == len(invoiced)
    assert sum(r["sold_crm"] for r in funnel.values()) == len(sold)
    assert known["sold_not_invoiced"] == len(sold) - len(invoiced)
    assert known["sold_not_invoiced"] >= truth["seeded"]["vehicles.sold_in_crm_available_in_erp"]
    revenue = sum((r.total for r in valid.itertuples() if r.vin in invoiced), Decimal(0))
    assert sum(Decimal(r["revenue"]) for r in funnel.values()) == revenue
    # Most sales are paid in full; the CRM's leads mostly never buy.
    assert 0.7 * len(invoiced) < sum(r["paid"] for r in funnel.values()) < len(invoiced)
    assert sum(r["invoiced"] for r in funnel.values()) < 0.5 * len(deals)


def test_available_units_by_model(truth: dict[str, Any],
                                  frames: dict[tuple[str, Entity], pd.DataFrame]) -> None:
    stock = frames["erp", Entity.VEHICLES]
    available = stock[stock["status"] == "available"]
    expected = Counter(f"{r.make} {r.model}" for r in available.itertuples())
    assert truth["insights"]["available_by_model"] == dict(sorted(expected.items()))
    assert truth["insights"]["available_by_model"]["TOYOTA HILUX"] > 0  # as the ERP writes it


def test_the_planted_renewals_stand_out(truth: dict[str, Any],
                                        frames: dict[tuple[str, Entity], pd.DataFrame]) -> None:
    seeded = truth["insights"]["renewal_seeded"]
    assert len(seeded) == 8 == len(set(seeded))
    customers = frames["erp", Entity.CUSTOMERS].set_index("doc_number")
    contracts = frames["erp", Entity.CONTRACTS]
    loans = contracts[contracts["kind"] == "financing"]
    month_end = add_months(TODAY.replace(day=1), 2) - timedelta(days=1)
    ending = loans[(loans["ends_on"] >= TODAY) & (loans["ends_on"] <= month_end)]
    # Only the planted customers have a loan ending this month or next.
    assert sorted(ending["customer_doc"]) == seeded
    stock = frames["erp", Entity.VEHICLES].set_index("vin")
    services = frames["erp", Entity.SERVICES]
    followups = frames["crm", Entity.FOLLOWUPS]
    for loan in ending.itertuples():
        person = customers.loc[loan.customer_doc]
        assert person["habeas_data_consent"] and person["consent_date"] is not None
        assert not person["claim_in_progress"]
        age = (TODAY - stock.loc[loan.vin, "delivered_on"]).days / 365
        assert 3 <= age <= 5
        visits = services[(services["vin"] == loan.vin)
                          & (services["visited_on"] >= TODAY - timedelta(days=730))]
        assert len(visits) >= 3
        called = followups[(followups["customer_doc"] == loan.customer_doc)
                           & (followups["status"] == "done")
                           & (followups["due_on"] >= TODAY - timedelta(days=90))]
        assert len(called) >= 1
