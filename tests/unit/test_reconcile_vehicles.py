"""Truth tables for vehicle findings."""

from decimal import Decimal

import pytest

from app.domain.schema import Entity, System, frame
from app.progress import run
from app.reconcile.results import EntityResult
from app.reconcile.vehicles import reconcile_vehicles

VIN = "9GASJ69R0T0123456"
NA_VIN = "1M8GDM9AXKP042788"


def unit(sid, vin=VIN, status="available", branch="Cali - Pasoancho", doc=None, **over):
    row = {
        "source_id": sid, "vin": vin, "make": "Chevrolet", "model": "Onix", "model_year": "2026",
        "color": "Blanco", "status": status, "branch": branch, "price": Decimal("74500000"),
        "customer_doc": doc, "deal_id": None, "delivered_on": None, "updated_at": None,
    }
    row.update(over)
    return row


def reconcile(crm_rows, erp_rows) -> EntityResult:
    return run(reconcile_vehicles(frame(Entity.VEHICLES, crm_rows), frame(Entity.VEHICLES, erp_rows)))


def found(result):
    return sorted((m.kind, m.crm_id, m.erp_id) for m in result.findings())


def test_same_unit_same_state_is_clean():
    r = reconcile([unit("V1", status="sold", doc="79")], [unit("1", status="sold", doc="79")])
    assert [(x.crm_id, x.erp_id, x.method) for x in r.links] == [("V1", "1", "vin")]
    assert found(r) == []


@pytest.mark.parametrize("crm_status", ["sold", "delivered"])
def test_sold_in_crm_available_in_erp(crm_status):
    r = reconcile([unit("V1", status=crm_status, doc="79")], [unit("1")])
    [m] = r.mismatches
    assert (m.kind, m.at_stake, m.crm_value, m.erp_value) == (
        "sold_in_crm_available_in_erp", Decimal("74500000"), crm_status, "available")


def test_reserved_for_another_customer():
    r = reconcile([unit("V1", status="sold", doc="79")], [unit("1", status="reserved", doc="52")])
    assert found(r) == [("reserved_for_other_customer", "V1", "1")]


def test_branch_differs_ignores_case_and_accents():
    assert found(reconcile([unit("V1", branch="CALI - PASOANCHO")], [unit("1")])) == []
    r = reconcile([unit("V1", branch="Medellín - El Poblado")], [unit("1")])
    assert found(r) == [("branch_differs", "V1", "1")]


def test_only_in_one_system():
    r = reconcile([unit("V1", vin="9GASJ69R0T0999999")], [unit("1")])
    assert found(r) == [("only_in_crm", "V1", None), ("only_in_erp", None, "1")]


@pytest.mark.parametrize(
    ("vin", "detail"),
    [("9GASJ69R0TO123456", "characters"), ("9GASJ69R0T012345", "length"),
     ("1M8GDM9A1KP042788", "check_digit"), (None, "missing")],
)
def test_invalid_vin(vin, detail):
    r = reconcile([], [unit("1", vin=vin)])
    invalid = [m for m in r.mismatches if m.kind == "invalid_vin"]
    assert [(m.erp_id, m.system, m.detail) for m in invalid] == [("1", System.ERP, detail)]


def test_non_north_american_check_digit_is_not_a_finding():
    vin = "9BRKZAAG1T0123456"  # check digit wrong, but a Brazilian plant
    assert found(reconcile([unit("V1", vin=vin)], [unit("1", vin=vin)])) == []


def test_vin_held_twice_is_a_duplicate_and_each_record_is_linked_and_compared():
    r = reconcile([unit("V1"), unit("V2", branch="Bogotá - Autopista Norte")], [unit("1")])
    assert sorted((x.crm_id, x.erp_id, x.method) for x in r.links) == [("V1", "1", "vin"), ("V2", "1", "vin")]
    assert sorted(found(r)) == [("branch_differs", "V2", "1"), ("duplicate_key", "V1", None)]
    assert [m.ids for m in r.findings() if m.kind == "duplicate_key"] == [("V1", "V2")]


def test_vin_held_twice_in_the_erp_and_absent_from_the_crm_is_one_vehicle():
    r = reconcile([], [unit("1"), unit("2")])
    [only] = [m for m in r.mismatches if m.kind == "only_in_erp"]
    # Issue 15: stock only the ERP holds is not money missing (DESIGN §5): no pesos at stake.
    assert (only.erp_id, only.ids, only.at_stake) == ("1", ("1", "2"), None)


def test_vin_sold_twice_in_the_crm_and_absent_from_the_erp_is_one_vehicle_at_stake():
    r = reconcile([unit("V1", status="sold", doc="79"), unit("V2", status="sold", doc="79")], [])
    [only] = [m for m in r.mismatches if m.kind == "only_in_crm"]
    assert (only.crm_id, only.ids, only.at_stake) == ("V1", ("V1", "V2"), Decimal("74500000"))


@pytest.mark.parametrize(("status", "at_stake"), [
    ("sold", Decimal("74500000")), ("delivered", Decimal("74500000")), ("available", None),
    ("reserved", None)])
def test_a_unit_only_in_the_crm_puts_its_price_at_stake_only_when_the_crm_sold_it(status,
                                                                                   at_stake):
    [m] = reconcile([unit("V1", status=status, doc="79")], []).mismatches
    assert (m.kind, m.at_stake) == ("only_in_crm", at_stake)


def test_an_invalid_vin_held_by_both_systems_is_one_finding_naming_both_records():
    bad = "1M8GDM9A1KP042788"
    r = reconcile([unit("V1", vin=bad)], [unit("1", vin=bad, branch="Cali - Pasoancho")])
    [m] = r.mismatches
    assert (m.kind, m.system, m.crm_id, m.erp_id, m.crm_value, m.erp_value, m.detail) == (
        "invalid_vin", None, "V1", "1", bad, bad, "check_digit")
    assert (m.at_stake, m.branch) == (None, "Cali - Pasoancho")
    assert r.summary()[[k for k, _, _ in r.summary()].index("invalid_vin")][1:] == (1, 0)


def test_an_invalid_vin_in_one_system_only_keeps_its_system_and_its_twin():
    bad = "1M8GDM9A1KP042788"
    r = reconcile([unit("V1", vin=bad)], [unit("1", vin=bad), unit("2", vin="9GASJ69R0T0999999")])
    # The ERP's copy of the VIN is invalid too: one finding; the other ERP unit is fine.
    assert [(m.kind, m.system, m.crm_id, m.erp_id) for m in r.mismatches
            if m.kind == "invalid_vin"] == [("invalid_vin", None, "V1", "1")]
    r = reconcile([unit("V1", vin=bad)], [])
    [m] = [m for m in r.mismatches if m.kind == "invalid_vin"]
    assert (m.system, m.crm_id, m.erp_id) == (System.CRM, "V1", None)


def test_what_each_vehicle_kind_puts_at_stake():
    price = Decimal("74500000")
    sold = reconcile([unit("V1", status="sold", doc="79", branch="Medellín - El Poblado")],
                     [unit("1")])
    assert sorted((m.kind, m.at_stake) for m in sold.mismatches) == [
        ("branch_differs", None), ("sold_in_crm_available_in_erp", price)]
    other = reconcile([unit("V1", status="sold", doc="79")], [unit("1", status="reserved", doc="52")])
    assert [(m.kind, m.at_stake) for m in other.mismatches] == [
        ("reserved_for_other_customer", price)]
    twice = reconcile([unit("V1"), unit("V2")], [unit("1")])
    assert [(m.kind, m.at_stake) for m in twice.findings()] == [("duplicate_key", None)]
