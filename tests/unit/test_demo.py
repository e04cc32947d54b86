"""The demo dealership: deterministic, realistic, and every seeded finding found."""

import sqlite3
from collections import Counter

import pytest

from app.demo import demo_files, demo_task, ensure_demo
from app.demo.connector import DemoCrm, DemoErp
from app.demo.generator import generate
from app.domain.schema import Entity
from app.domain.values import nit_dv_is_valid, normalize_phone, vin_problem
from app.progress import Cancelled, CancelToken, run
from app.reconcile.results import KINDS


def dump(path):
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    files = run(ensure_demo(data_dir=base))
    return files


def test_generator_is_deterministic(tmp_path, demo):
    other = demo_files(tmp_path)
    run(generate(other.crm, other.erp, other.truth))
    assert dump(other.crm) == dump(demo.crm)
    assert dump(other.erp) == dump(demo.erp)
    assert other.seeded() == demo.seeded()
    # The known answers too (seeded findings, the insights', the planted units).
    assert other.truth.read_text("utf-8") == demo.truth.read_text("utf-8")


def test_a_different_seed_gives_different_data(tmp_path, demo):
    other = demo_files(tmp_path)
    run(generate(other.crm, other.erp, other.truth, seed=7))
    assert dump(other.crm) != dump(demo.crm)


def test_demo_has_the_size_of_a_three_branch_dealership(demo):
    crm, erp = DemoCrm(demo.crm), DemoErp(demo.erp)
    customers = erp.pull(Entity.CUSTOMERS)
    assert 1800 <= len(customers) <= 2200
    assert 3600 <= len(erp.pull(Entity.PAYMENTS)) <= 4400
    assert 550 <= len(erp.pull(Entity.VEHICLES)) <= 650
    # Deals of sold units and of the CRM's leads (most never buy): the funnel's top.
    assert 450 <= len(crm.pull(Entity.DEALS)) <= 900
    branches = set(erp.pull(Entity.VEHICLES)["branch"])
    assert branches == {"Bogotá - Autopista Norte", "Medellín - El Poblado", "Cali - Pasoancho"}
    assert crm.issues() == [] and erp.issues() == []


def test_demo_data_looks_colombian(demo):
    erp = DemoErp(demo.erp).pull(Entity.CUSTOMERS)
    names = " ".join(erp["last_names"].dropna())
    assert any(c in names for c in "ÁÉÍÓÚÑ")
    nits = erp[erp["doc_type"] == "NIT"]
    valid = [nit_dv_is_valid(n, d) for n, d in zip(nits["doc_number"], nits["check_digit"], strict=True)]
    assert 0 < valid.count(False) < valid.count(True)  # mostly right, some wrong
    phones = [normalize_phone(p) for p in erp["phone"].dropna()]
    assert sum(p is not None for p in phones) / len(phones) > 0.95
    assert set(erp["city_code"].dropna()) <= {
        "11001", "25754", "25175", "25473", "25899", "05001", "05266", "05360", "05088",
        "05631", "76001", "76520", "76364", "76892"}
    vins = DemoErp(demo.erp).pull(Entity.VEHICLES)["vin"]
    assert sum(vin_problem(v) is None for v in vins) / len(vins) > 0.95
    payments = DemoErp(demo.erp).pull(Entity.PAYMENTS)
    assert payments["invoice_number"].str.match(r"^FE[BMC]-\d+$").all()
    assert payments["cufe"].str.fullmatch(r"[0-9a-f]{96}").all()


def test_every_kind_is_seeded_and_found_exactly(demo):
    report = run(demo_task(data_dir=demo.crm.parent.parent))
    seeded = demo.seeded()
    for entity, kinds in KINDS.items():
        found = Counter(m.kind for m in report[entity].findings())
        for kind in kinds:
            expected = seeded.get(f"{entity.value}.{kind}", 0)
            assert expected > 0, f"{entity.value}.{kind} is never seeded"
            assert found[kind] == expected, f"{entity.value}.{kind}"
    # The CRM's deals come along (not reconciled): what a merge re-points, what a data
    # subject's export lists.
    assert report.deals is not None and len(report.deals) == len(
        DemoCrm(demo.crm).pull(Entity.DEALS)) > 300


def test_mismatches_are_a_realistic_minority(demo):
    report = run(demo_task(data_dir=demo.crm.parent.parent))
    for entity in KINDS:
        result = report[entity]
        assert len(result.mismatches) < 0.4 * len(result.links), entity


def test_reset_rebuilds_and_cancel_leaves_no_half_files(tmp_path):
    token = CancelToken()
    task = ensure_demo(data_dir=tmp_path, cancel=token)
    next(task)
    token.cancel()
    with pytest.raises(Cancelled):
        run(task)
    assert not demo_files(tmp_path).exist()
    files = run(ensure_demo(data_dir=tmp_path))
    before = files.crm.stat().st_mtime_ns
    run(ensure_demo(data_dir=tmp_path))
    assert files.crm.stat().st_mtime_ns == before  # current files are reused
    run(ensure_demo(reset=True, data_dir=tmp_path))
    assert files.crm.stat().st_mtime_ns != before
