"""No record left out (issue 13, item 5): every record of both inputs appears in the report.

On generated data with duplicates on both sides — customers entered twice in the CRM and
created twice in the ERP, payments entered twice and receipts recorded twice, a VIN held twice
by each system, placeholder keys — every source id of the CRM and of the ERP is in a link, a
duplicate group or a finding naming it, and every member of a duplicate group is linked to
its counterpart in the other system when it has one.

CRM leads that never bought are the one exception, by design (``app/reconcile/customers.py``:
they are not owed to the ERP); a lead that duplicates a customer is still named by its group.
"""

import random
from decimal import Decimal

import pytest

from app.demo.linkage import generate_labelled
from app.demo.payments_linkage import AMOUNT_TOLERANCE, DATE_WINDOW_DAYS, generate_payments
from app.domain.schema import Entity, frame
from app.domain.values import vin_check_digit
from app.progress import run
from app.reconcile.customers import reconcile_customers
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult
from app.reconcile.vehicles import reconcile_vehicles


def named(result: EntityResult) -> tuple[set[str], set[str]]:
    """The CRM and ERP ids the report names anywhere: links, duplicate groups, findings."""
    crm = {x.crm_id for x in result.links}
    erp = {x.erp_id for x in result.links}
    for d in result.duplicates:
        (crm if d.system.value == "crm" else erp).update(d.ids)
    for m in result.findings():
        crm.add(m.crm_id)
        erp.add(m.erp_id)
        if m.ids:
            (crm if (m.system and m.system.value == "crm") else erp).update(m.ids)
    return crm - {None}, erp - {None}


def assert_conserved(result: EntityResult, crm_ids: set[str], erp_ids: set[str]) -> None:
    crm, erp = named(result)
    assert crm_ids - crm == set(), "CRM records left out of the report"
    assert erp_ids - erp == set(), "ERP records left out of the report"


def assert_duplicates_linked(result: EntityResult, pairs: frozenset[tuple[str, str]],
                             crm_side: bool) -> None:
    """Each copy is linked to whatever its original is linked to (and the reverse)."""
    links: dict[str, set[str]] = {}
    for x in result.links:
        mine, theirs = (x.crm_id, x.erp_id) if crm_side else (x.erp_id, x.crm_id)
        links.setdefault(mine, set()).add(theirs)
    with_counterpart = [(a, b) for a, b in pairs if links.get(a) or links.get(b)]
    assert with_counterpart
    for a, b in with_counterpart:
        assert links.get(a) == links.get(b), (a, b)


@pytest.fixture(scope="module", params=[3, 17])
def customers(request):
    data = generate_labelled(3000, seed=request.param, residue=0.05, copy_rate=0.03)
    return data, run(reconcile_customers(data.crm, data.erp))


def test_every_customer_is_in_the_report(customers):
    data, result = customers
    assert data.crm_copies and data.erp_copies and data.crm_duplicates
    owed = set(data.crm.loc[data.crm["is_customer"].astype(bool), "source_id"])
    assert_conserved(result, owed, set(data.erp["source_id"]))
    # The leads entered again are named by their group, though no lead is owed to the ERP.
    assert {lead for _, lead in data.crm_duplicates} <= named(result)[0]


def test_each_customer_duplicate_is_linked_to_its_counterpart(customers):
    data, result = customers
    assert_duplicates_linked(result, data.crm_copies, crm_side=True)
    assert_duplicates_linked(result, data.erp_copies, crm_side=False)
    grouped = {frozenset(d.ids) for d in result.duplicates}
    for pair in data.crm_copies | data.erp_copies:
        assert any(set(pair) <= g for g in grouped), pair  # the duplicate finding stays


@pytest.fixture(scope="module")
def payments():
    data = generate_payments(4000, seed=5)
    profile = Profile(amount_tolerance_abs=AMOUNT_TOLERANCE, date_window_days=DATE_WINDOW_DAYS)
    return data, run(reconcile_payments(data.crm, data.erp, profile))


def test_every_payment_and_receipt_is_in_the_report(payments):
    data, result = payments
    assert data.crm_duplicates and data.erp_duplicates
    assert_conserved(result, set(data.crm["source_id"]), set(data.erp["source_id"]))


def test_each_payment_duplicate_is_linked_to_its_counterpart(payments):
    data, result = payments
    assert_duplicates_linked(result, data.crm_duplicates, crm_side=True)
    assert_duplicates_linked(result, data.erp_duplicates, crm_side=False)


# --- vehicles: a small generated stock with every case ---------------------------------------

_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _vin(rng: random.Random) -> str:
    body = "3VW" + "".join(rng.choice(_VIN_CHARS) for _ in range(14))
    return body[:8] + vin_check_digit(body) + body[9:]  # North-American: the digit binds


def _unit(sid, vin, branch="Cali - Pasoancho", status="available"):
    return {"source_id": sid, "vin": vin, "make": "Volkswagen", "model": "Jetta",
            "model_year": "2026", "color": "Gris", "status": status, "branch": branch,
            "price": Decimal("98000000"), "customer_doc": None, "deal_id": None,
            "delivered_on": None, "updated_at": None}


def _stock(rng: random.Random, n: int):
    crm, erp = [], []
    crm_twice, erp_twice = set(), set()
    for i in range(n):
        vin, roll = _vin(rng), rng.random()
        if roll < 0.05:
            crm.append(_unit(f"V{i}", vin))
            continue
        if roll < 0.1:
            erp.append(_unit(f"S{i}", vin))
            continue
        if roll < 0.13:  # typed wrong in one system: an invalid VIN, and a VIN in one system
            vin = vin[:8] + ("0" if vin[8] != "0" else "1") + vin[9:]
        crm.append(_unit(f"V{i}", vin, status=rng.choice(["available", "sold", "reserved"])))
        erp.append(_unit(f"S{i}", vin, branch=rng.choice(["Cali - Pasoancho", "Medellín - El Poblado"])))
        if rng.random() < 0.04:
            crm.append(_unit(f"V{i}-2", vin))
            crm_twice.add((f"V{i}", f"V{i}-2"))
        if rng.random() < 0.04:
            erp.append(_unit(f"S{i}-2", vin))
            erp_twice.add((f"S{i}", f"S{i}-2"))
    crm += [_unit(f"VX{k}", None) for k in range(3)]  # no VIN at all
    erp += [_unit(f"SP{k}", "00000000000000000") for k in range(12)]  # a placeholder
    crm.append(_unit("VP", "00000000000000000"))
    return crm, erp, frozenset(crm_twice), frozenset(erp_twice)


def test_every_vehicle_is_in_the_report():
    crm, erp, crm_twice, erp_twice = _stock(random.Random(4), 1500)
    assert crm_twice and erp_twice
    result = run(reconcile_vehicles(frame(Entity.VEHICLES, crm), frame(Entity.VEHICLES, erp)))
    assert_conserved(result, {r["source_id"] for r in crm}, {r["source_id"] for r in erp})
    assert_duplicates_linked(result, crm_twice, crm_side=True)
    assert_duplicates_linked(result, erp_twice, crm_side=False)
    # A placeholder VIN held by twelve records links nothing and still names everyone.
    assert not [x for x in result.links if x.erp_id.startswith("SP") or x.crm_id == "VP"]
