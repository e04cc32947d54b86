"""«¿Dónde está este VIN?» (issue 16, item 3): one VIN across the CRM, the ERP and the last
count, from the workspace's latest saved run — a VIN that agrees in both systems too —, by its
last characters, refusing a tail several VINs end with; and read again live in the systems."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from app.connections.systems import DEMO_WORKSPACE, Demo, open_systems, reconcile_systems
from app.count.saved import CountEntry, CountStore
from app.domain.schema import Entity, System
from app.findings.states import FindingState
from app.progress import Cancelled, CancelToken, run
from app.store import open_store
from app.store.models import RunVinRow
from app.vin.index import latest
from app.vin.live import live_answer, live_task
from app.vin.lookup import Ambiguous, VinError, lookup
from app.writeback.people import add_person
from app.writeback.runs import save_run


@pytest.fixture(scope="module")
def demo():
    return run(reconcile_systems(Demo()))


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        yield opened


@pytest.fixture
def saved(store, demo):
    save_run(store, "admin", demo, "demo", DEMO_WORKSPACE)
    return store


@pytest.fixture
def counts(tmp_path):
    return CountStore(tmp_path / "conteos")


def agreeing_sale(report):
    """A VIN sold in both systems, linked, with no finding on either record."""
    result = report[Entity.VEHICLES]
    touched = {i for m in result.findings() for i in (m.crm_id, m.erp_id, *m.ids) if i}
    for link in result.links:
        crm = result.record(System.CRM, link.crm_id)
        erp = result.record(System.ERP, link.erp_id)
        if link.crm_id in touched or link.erp_id in touched:
            continue
        if crm["status"] == "sold" and erp["status"] == "sold" and crm["deal_id"]:
            return crm, erp
    raise AssertionError("the demo has no sale both systems agree on")


def first_of(report, kind):
    return next(m for m in report[Entity.VEHICLES].mismatches if m.kind == kind)


def test_a_sale_both_systems_agree_on_is_found_with_its_deal_customer_and_invoice(saved, demo,
                                                                                  counts):
    crm, erp = agreeing_sale(demo)
    found = lookup(saved, DEMO_WORKSPACE, crm["vin"], counts)
    assert found.vin == crm["vin"] and found.workspace == DEMO_WORKSPACE
    assert found.run is not None and found.live_at is None
    assert [v.source_id for v in found.records.crm] == [crm["source_id"]]
    assert [v.source_id for v in found.records.erp] == [erp["source_id"]]
    assert found.records.crm[0].status == found.records.erp[0].status == "sold"
    deal = found.records.deals[0]
    assert deal.source_id == crm["deal_id"] and deal.stage == "sold"
    assert deal.customer is not None and deal.customer.name  # the CRM's name of the buyer
    assert found.records.erp[0].customer.doc == erp["customer_doc"]
    assert found.records.erp[0].customer.name
    assert [i.number for i in found.records.invoices]  # the ERP's sale invoice of the VIN
    assert found.findings == ()
    assert found.counted is None


def test_a_vin_with_a_finding_lists_it_open_with_its_pesos(saved, demo, counts):
    m = first_of(demo, "sold_in_crm_available_in_erp")
    found = lookup(saved, DEMO_WORKSPACE, m.key, counts)
    assert found.records.crm[0].status == "sold"
    assert found.records.erp[0].status == "available"
    assert [(f.kind, f.state, f.at_stake) for f in found.findings] == [
        ("sold_in_crm_available_in_erp", FindingState.OPEN, m.at_stake)]
    as_json = found.to_json()
    assert as_json["findings"][0]["kind"] == "sold_in_crm_available_in_erp"
    assert as_json["erp"][0]["status"] == "available"


def test_its_last_characters_find_it_in_any_case_and_with_dashes(saved, demo, counts):
    m = first_of(demo, "reserved_for_other_customer")
    tail = m.key[-8:]
    assert lookup(saved, None, tail.lower(), counts).vin == m.key
    assert lookup(saved, None, f"{tail[:4]}-{tail[4:]}", counts).vin == m.key
    assert lookup(saved, DEMO_WORKSPACE, m.key[-6:], counts).vin == m.key


def vins(store):
    with store.read() as session:
        return list(session.scalars(select(RunVinRow.vin)))


def shared_tail(store):
    by_tail = defaultdict(set)
    for vin in vins(store):
        by_tail[vin[-6:]].add(vin)
    return next((tail, sorted(v)) for tail, v in sorted(by_tail.items()) if len(v) > 1)


def test_a_tail_several_vins_end_with_lists_them_and_asks_for_more(saved, counts):
    tail, both = shared_tail(saved)
    with pytest.raises(Ambiguous) as refused:
        lookup(saved, None, tail, counts)
    assert [r.vin for r in refused.value.matches] == both
    assert refused.value.code == "ambiguous" and "escriba más caracteres" in str(refused.value)
    assert lookup(saved, None, both[0], counts).vin == both[0]  # the whole VIN is one


@pytest.mark.parametrize(("typed", "code"), [("ZZZZZZZZ", "unknown"), ("A1B2C", "short"),
                                             ("  ", "short")])
def test_an_unknown_vin_or_too_few_characters_are_refused(saved, counts, typed, code):
    with pytest.raises(VinError) as refused:
        lookup(saved, None, typed, counts)
    assert refused.value.code == code


def test_without_a_saved_run_it_says_how_to_make_one(store, counts):
    with pytest.raises(VinError) as refused:
        lookup(store, DEMO_WORKSPACE, "9GASJ69R2TP075153", counts)
    assert refused.value.code == "no_run"
    assert "cuadre workspace reconcile" in str(refused.value) and "--live" in str(refused.value)


def test_a_run_saved_without_its_vins_says_so(saved, counts):
    with saved.write() as session:
        session.execute(delete(RunVinRow))
    with pytest.raises(VinError) as refused:
        lookup(saved, None, "9GASJ69R2TP075153", counts)
    assert refused.value.code == "no_index" and "concilie de nuevo" in str(refused.value)


def test_only_the_latest_run_of_a_workspace_keeps_its_vins(saved, demo):
    first = latest(saved, DEMO_WORKSPACE)
    save_run(saved, "admin", demo, "demo", DEMO_WORKSPACE)
    second = latest(saved, DEMO_WORKSPACE)
    assert first is not None and second is not None and first.id != second.id
    with saved.read() as session:
        kept = dict(session.execute(select(RunVinRow.run_id, func.count())
                                    .group_by(RunVinRow.run_id)).all())
    assert kept == {second.id: second.vins} and second.vins == first.vins > 600


def test_the_last_count_says_where_and_when_it_was_counted(saved, demo, counts):
    m = first_of(demo, "branch_differs")
    early = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    counts.save("Cali - Pasoancho", [CountEntry(m.key, early, "jperez")])
    counts.save("Bogotá - Autopista Norte", [CountEntry("OTROVIN0000000001", early),
                                             CountEntry(m.key, early + timedelta(days=3),
                                                        "crojas", "patio 2"),
                                             CountEntry(m.key, date(2026, 11, 1))])
    found = lookup(saved, None, m.key, counts)
    assert found.counted is not None
    assert (found.counted.branch, found.counted.counted_at, found.counted.counted_by,
            found.counted.times) == ("Bogotá - Autopista Norte", early + timedelta(days=3),
                                     "crojas", 2)
    assert found.to_json()["counted"]["branch"] == "Bogotá - Autopista Norte"


def test_live_reads_the_same_records_again_and_finds_a_tail_without_a_saved_run(saved, demo,
                                                                                 store, counts):
    m = first_of(demo, "sold_in_crm_available_in_erp")
    from_run = lookup(saved, None, m.key, counts)
    fresh = run(live_answer(lambda: open_systems(Demo()), saved, DEMO_WORKSPACE, m.key[-8:],
                            counts))
    assert fresh.live_at is not None and fresh.vin == m.key
    assert fresh.records.crm == from_run.records.crm
    assert fresh.records.erp == from_run.records.erp
    assert fresh.records.deals == from_run.records.deals
    assert [f.id for f in fresh.findings] == [f.id for f in from_run.findings]
    with open_systems(Demo()) as systems:
        alone = run(live_task(systems, m.key[-7:]))
    assert alone == from_run.records  # names read from the systems' customers


def test_live_refuses_a_shared_tail_and_stops_when_cancelled(saved):
    tail, _both = shared_tail(saved)
    with open_systems(Demo()) as systems, pytest.raises(Ambiguous):
        run(live_task(systems, tail))
    cancel = CancelToken()
    cancel.cancel()
    with open_systems(Demo()) as systems, pytest.raises(Cancelled):
        run(live_task(systems, "9GASJ69R2TP075153", cancel=cancel))


def test_records_join_deals_invoices_and_names_and_survive_the_store():
    from decimal import Decimal

    from app.domain.schema import frame
    from app.vin.records import Frames, Party, VinRecords, collect

    bogota = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    crm = frame(Entity.VEHICLES, [
        {"source_id": "V-1", "vin": " 9gasj69r2tp-075153 ", "status": "sold", "branch": "Cali",
         "price": Decimal("68000000.50"), "customer_doc": "900.123.456-7", "deal_id": "N-9",
         "model_year": 2026, "updated_at": bogota},
        {"source_id": "V-2", "vin": None, "status": "available"},
        {"source_id": "V-3", "vin": "X" * 70, "status": "available"}])
    erp = frame(Entity.VEHICLES, [
        {"source_id": "7", "vin": "9GASJ69R2TP075153", "status": "reserved",
         "customer_doc": "52326162", "price": float("nan"), "delivered_on": date(2026, 11, 4),
         "updated_at": datetime(2026, 11, 3, 9, 30)}])  # naive: not kept
    deals = frame(Entity.DEALS, [
        {"source_id": "N-9", "stage": "sold", "vin": None, "customer_doc": "900123456",
         "amount": Decimal("68000000"), "closed_on": date(2026, 11, 2)},
        {"source_id": "N-10", "stage": "lost", "vin": "JM1DL3W7TR561944"}])
    invoices = frame(Entity.INVOICES, [
        {"source_id": "1", "invoice_number": "FEB-1", "vin": "9GASJ69R2TP075153",
         "customer_doc": "52326162", "total": Decimal("68000000"), "issued_on": date(2026, 11, 3),
         "status": "validated"}])
    crm_people = frame(Entity.CUSTOMERS, [{"doc_type": "NIT", "doc_number": "900123456",
                                           "company_name": "Transportes Andinos S.A.S."}])
    erp_people = frame(Entity.CUSTOMERS, [{"doc_type": "CC", "doc_number": "52326162",
                                           "first_names": "Ángela", "last_names": "Ramírez"}])
    found = collect(Frames(crm, erp, deals, invoices, crm_people, erp_people))
    assert sorted(found) == ["9GASJ69R2TP075153", "JM1DL3W7TR561944"]  # the lost deal's too
    r = found["9GASJ69R2TP075153"]
    assert r.crm[0].customer == Party("900123456", "Transportes Andinos S.A.S.")
    assert r.crm[0].model_year == "2026" and r.crm[0].price == Decimal("68000000.50")
    assert r.erp[0].customer == Party("52326162", "Ángela Ramírez")
    assert r.erp[0].price is None and r.erp[0].updated_at is None
    assert [(d.source_id, d.stage, d.customer.name) for d in r.deals] == [
        ("N-9", "sold", "Transportes Andinos S.A.S.")]  # by the vehicle's deal id
    assert [(i.number, i.customer.name) for i in r.invoices] == [("FEB-1", "Ángela Ramírez")]
    again = VinRecords.from_row(r.to_row())
    assert again == r and again.crm[0].updated_at == bogota
    assert collect(Frames(crm, erp, deals, invoices), {"JM1DL3W7TR561944"}).keys() == {
        "JM1DL3W7TR561944"}
