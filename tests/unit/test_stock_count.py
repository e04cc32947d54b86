"""Physical count vs ERP stock: truth tables per kind, the demo counts, the saved list."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.count.compare import (
    COUNT_KINDS,
    CountResult,
    branch_slug,
    compare_count,
    count_frame,
)
from app.count.saved import (
    CountEntry,
    CountStore,
    DamagedCountFile,
    entries_from_frame,
    entries_to_frame,
)
from app.demo import demo_count_files, ensure_demo
from app.demo.count import HEADERS, write_demo_counts
from app.domain.labels import KIND_LABELS
from app.domain.schema import Entity, frame
from app.domain.values import vin_check_digit, vin_problem
from app.progress import Cancelled, CancelToken, Progress, run

BOG = "Bogotá - Autopista Norte"
MED = "Medellín - El Poblado"
PRICE = Decimal("74500000")


def vin(serial: int, wmi: str = "9GA") -> str:
    """A valid VIN (check digit right, so it is valid whatever the region)."""
    body = f"{wmi}SJ69R0T0{serial:06d}"
    return body[:8] + vin_check_digit(body) + body[9:]


def unit(sid: str, v: str | None, status: str = "available", branch: str | None = BOG,
         price: Decimal | None = PRICE) -> dict:
    return {
        "source_id": sid, "vin": v, "make": "CHEVROLET", "model": "ONIX", "model_year": "2026",
        "color": "BLANCO", "status": status, "branch": branch, "price": price,
        "customer_doc": None, "deal_id": None, "delivered_on": None, "updated_at": None,
    }


def compare(counted: list, erp_rows: list, branch: str = BOG) -> CountResult:
    rows = [c if isinstance(c, dict) else {"branch": branch, "vin": c} for c in counted]
    return run(compare_count(count_frame(rows), frame(Entity.VEHICLES, erp_rows), branch))


def found(result: CountResult) -> list[tuple]:
    return [(m.kind, m.erp_id, m.key, m.detail) for m in result.findings]


# -- truth tables ----------------------------------------------------------------------------


def test_every_unit_counted_is_clean():
    r = compare([vin(1), vin(2)], [unit("1", vin(1)), unit("2", vin(2), "reserved")])
    assert found(r) == []
    assert (r.expected, r.counted, r.scans, r.confirmed) == (2, 2, 2, 2)
    assert r.summary() == [(k, 0, Decimal(0)) for k in COUNT_KINDS]


@pytest.mark.parametrize("status, missing", [
    ("available", True), ("reserved", True), ("sold", True), ("demo", True),
    ("delivered", False), ("in_transit", False),
])
def test_missing_from_lot_only_for_units_physically_here(status, missing):
    r = compare([], [unit("7", vin(7), status)])
    expected = [("count_missing_from_lot", "7", vin(7), None)] if missing else []
    assert found(r) == expected
    if missing:
        [m] = r.findings
        assert (m.at_stake, m.erp_value, m.field, m.branch) == (PRICE, status, "status", BOG)


def test_units_of_another_branch_are_not_missing_here():
    r = compare([], [unit("7", vin(7), branch=MED)])
    assert found(r) == [] and r.expected == 0


@pytest.mark.parametrize("status, detail", [
    (None, "not_in_erp"), ("delivered", "delivered"), ("in_transit", "in_transit"),
])
def test_counted_but_not_in_erp_stock(status, detail):
    erp = [] if status is None else [unit("9", vin(9), status)]
    r = compare([vin(9)], erp)
    [m] = r.findings
    assert (m.kind, m.detail, m.key) == ("count_not_in_erp_stock", detail, vin(9))
    assert m.erp_id == (None if status is None else "9")
    assert m.at_stake == (None if status is None else PRICE)
    assert r.confirmed == 0


def test_delivered_at_another_branch_is_not_in_stock_rather_than_wrong_branch():
    r = compare([vin(9)], [unit("9", vin(9), "delivered", branch=MED)])
    assert [m.kind for m in r.findings] == ["count_not_in_erp_stock"]


def test_wrong_branch_names_the_erp_branch():
    r = compare([vin(3)], [unit("3", vin(3), "reserved", branch=MED)])
    [m] = r.findings
    assert (m.kind, m.erp_id, m.erp_value, m.branch, m.at_stake) == (
        "count_wrong_branch", "3", MED, BOG, PRICE)


def test_branch_names_compare_without_accents_or_case():
    r = compare([vin(3)], [unit("3", vin(3))], branch="BOGOTA - autopista norte")
    assert found(r) == [] and r.confirmed == 1
    assert r.branch == BOG  # the ERP's spelling


def test_typo_vin_is_invalid_and_suggests_the_missing_unit():
    real = "9FB5SR5B1TG412307"
    assert vin_problem(real) is None
    typed = real.replace("0", "O", 1)
    r = compare([typed], [unit("60", real), unit("61", vin(61))])
    assert found(r) == [
        ("count_missing_from_lot", "60", real, f"typed_as:{typed}"),
        ("count_missing_from_lot", "61", vin(61), None),
        ("count_invalid_vin", "60", typed, f"suggest:{real}"),
    ]
    assert r.confirmed == 0 and r.expected == 2


@pytest.mark.parametrize("typed, suggested", [
    ("9FB5SR5B1TG4123O7", True),  # one edit: O for 0
    ("9FB5SR5B1TG41237", True),  # one character dropped (length)
    ("9FB5SR5B1TG4I23O7", True),  # two edits
    ("9FB5SR5B1TQ4I23O7", False),  # three edits: no suggestion, the reason instead
])
def test_suggestion_within_two_edits(typed, suggested):
    real = "9FB5SR5B1TG412307"
    r = compare([typed], [unit("60", real)])
    [invalid] = [m for m in r.findings if m.kind == "count_invalid_vin"]
    if suggested:
        assert (invalid.detail, invalid.erp_id) == (f"suggest:{real}", "60")
    else:
        assert (invalid.detail, invalid.erp_id) == (vin_problem(typed), None)


def test_no_suggestion_from_a_unit_that_was_counted():
    real = "9FB5SR5B1TG412307"
    r = compare([real, real.replace("0", "O", 1)], [unit("60", real)])
    assert found(r) == [("count_invalid_vin", None, real.replace("0", "O", 1), "characters")]


def test_invalid_vin_that_is_exactly_an_erp_vin_is_that_unit():
    bad = "1GCUYEED0TB469073"  # North-American, wrong check digit: in the ERP just so
    assert vin_problem(bad) == "check_digit"
    r = compare([bad], [unit("5", bad)])
    assert found(r) == [("count_invalid_vin", "5", bad, "check_digit")]
    assert r.confirmed == 1 and r.expected == 1


def test_non_north_american_check_digit_is_not_invalid():
    body = vin(4)
    wrong = body[:8] + ("0" if body[8] != "0" else "1") + body[9:]
    assert vin_problem(wrong) is None
    r = compare([wrong], [unit("4", wrong)])
    assert found(r) == []


def test_scanned_twice_is_reported_once_and_the_unit_is_not_missing():
    r = compare([vin(1), vin(1).lower(), f" {vin(1)} "], [unit("1", vin(1))])
    assert found(r) == [("count_scanned_twice", "1", vin(1), "3")]
    assert (r.scans, r.counted, r.confirmed) == (3, 1, 1)
    assert r.summary()[-1] == ("count_scanned_twice", 1, Decimal(0))


def test_blank_vins_are_skipped_and_rows_of_another_branch_left_out():
    rows = [{"branch": BOG, "vin": vin(1)}, {"branch": BOG, "vin": None},
            {"branch": BOG, "vin": "  "}, {"branch": MED, "vin": vin(2)},
            {"branch": None, "vin": vin(3)}, {"branch": "Bodega", "vin": vin(4)}]
    erp = [unit("1", vin(1)), unit("2", vin(2), branch=MED), unit("3", vin(3)),
           unit("4", vin(4))]
    r = compare(rows, erp)
    assert found(r) == []
    assert (r.other_branch_rows, r.counted, r.confirmed) == (1, 3, 3)


def test_summary_adds_pesos_at_stake_per_kind():
    erp = [unit("1", vin(1), price=Decimal("100")), unit("2", vin(2), price=None),
           unit("3", vin(3), branch=MED, price=Decimal("50"))]
    r = compare([vin(3)], erp)
    summary = dict((k, (n, s)) for k, n, s in r.summary())
    assert summary["count_missing_from_lot"] == (2, Decimal("100"))
    assert summary["count_wrong_branch"] == (1, Decimal("50"))
    assert r.record("3")["branch"] == MED
    assert r.record("nope") is None


def test_findings_are_listed_in_kind_order():
    erp = [unit("1", vin(1)), unit("2", vin(2), branch=MED)]
    r = compare([vin(2), vin(9), vin(9), "XYZ"], erp)
    assert [m.kind for m in r.findings] == [
        "count_missing_from_lot", "count_not_in_erp_stock", "count_wrong_branch",
        "count_invalid_vin", "count_scanned_twice",
    ]


def test_progress_and_cancel():
    erp = frame(Entity.VEHICLES, [unit(str(i), vin(i)) for i in range(1200)])
    count = count_frame([{"branch": BOG, "vin": vin(i)} for i in range(1200)])
    steps = []
    result = run(compare_count(count, erp, BOG), steps.append)
    assert result.confirmed == 1200
    assert all(isinstance(p, Progress) and p.step == "count_compare" for p in steps)
    assert steps[-1].fraction == 1.0

    token = CancelToken()
    task = compare_count(count, erp, BOG, token)
    next(task)
    token.cancel()
    with pytest.raises(Cancelled):
        run(task)


def test_a_count_needs_a_vin_column():
    with pytest.raises(ValueError):
        run(compare_count(count_frame([]).drop(columns=["vin"]), frame(Entity.VEHICLES, []), BOG))


def test_every_kind_has_a_spanish_label():
    for kind in COUNT_KINDS:
        assert KIND_LABELS[(Entity.VEHICLES, kind)]


def test_branch_slug():
    assert branch_slug(BOG) == "bogota-autopista-norte"
    assert branch_slug("Medellín / El Poblado ") == "medellin-el-poblado"
    assert branch_slug("¿?") == "sede"


# -- the demo counts -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-count")))


def test_demo_writes_one_count_per_branch(demo):
    paths = demo_count_files(demo)
    assert [p.name for p in paths] == [
        "conteo_bogota-autopista-norte.csv", "conteo_medellin-el-poblado.csv",
        "conteo_cali-pasoancho.csv",
    ]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(HEADERS)
    branch, v, day, who, _note = lines[1].split(";")
    assert branch == BOG and len(v) == 17 and who
    assert datetime.strptime(day, "%d/%m/%Y").date() <= date(2026, 11, 20)


def test_demo_counts_are_deterministic(demo, tmp_path):
    again = write_demo_counts(demo.erp, tmp_path)
    for path in demo_count_files(demo):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()
    assert set(again) == {BOG, MED, "Cali - Pasoancho"}


def test_the_engine_finds_exactly_what_the_demo_count_seeded(demo, tmp_path):
    from app.demo.connector import DemoErp

    erp = DemoErp(demo.erp).pull(Entity.VEHICLES)
    for branch, seeded in write_demo_counts(demo.erp, tmp_path).items():
        result = run(compare_count(count_frame(seeded.rows), erp, branch))
        assert result.by_kind() == {k: seeded.truth[k] for k in COUNT_KINDS}, branch
        assert seeded.truth["count_wrong_branch"] == 2
        assert seeded.truth["count_not_in_erp_stock"] == 3
        assert seeded.truth["count_scanned_twice"] == 1
        assert seeded.truth["count_missing_from_lot"] >= 6
        typed, real = seeded.typo
        assert typed == real.replace("0", "O", 1)
        assert any(m.kind == "count_invalid_vin" and m.key == typed and m.detail == f"suggest:{real}"
                   for m in result.findings)
        assert result.counted == len({r["vin"] for r in seeded.rows})


def test_demo_counts_are_rewritten_when_missing(demo):
    path = demo_count_files(demo)[1]
    before = path.read_bytes()
    path.unlink()
    run(ensure_demo(data_dir=demo.crm.parent.parent))
    assert path.read_bytes() == before


# -- the saved list --------------------------------------------------------------------------


def test_store_round_trip(tmp_path):
    store = CountStore(tmp_path / "conteos")
    entries = [
        CountEntry(vin(1), datetime(2026, 11, 20, 9, 15).astimezone(), "Diana Ospina", "Patio"),
        CountEntry(vin(2), date(2026, 11, 19)),
        CountEntry("9FB5SR5B1TG4123O7"),  # invalid ones are kept as typed
        CountEntry(vin(1)),
    ]
    path = store.save(BOG, entries)
    assert path == tmp_path / "conteos" / "bogota-autopista-norte.json"
    assert store.load(BOG) == entries
    assert store.load(MED) == []
    data = json.loads(path.read_text("utf-8"))
    assert data["branch"] == BOG and len(data["entries"]) == 4
    store.clear(BOG)
    assert not path.exists() and store.load(BOG) == []
    store.clear(BOG)  # clearing twice is fine


def test_store_defaults_to_the_data_folder(cuadre_data_dir):
    assert CountStore().path_for(MED) == cuadre_data_dir / "conteos" / "medellin-el-poblado.json"


def test_a_failed_save_keeps_the_previous_file_whole(tmp_path, monkeypatch):
    store = CountStore(tmp_path)
    store.save(BOG, [CountEntry(vin(1))])

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.save(BOG, [CountEntry(vin(1)), CountEntry(vin(2))])
    monkeypatch.undo()
    assert store.load(BOG) == [CountEntry(vin(1))]
    assert [p.name for p in tmp_path.iterdir()] == ["bogota-autopista-norte.json"]  # no temp left


def test_save_writes_a_temporary_file_then_replaces(tmp_path, monkeypatch):
    store = CountStore(tmp_path)
    calls = []
    real_replace = os.replace

    def spy(src, dst):
        calls.append((os.path.dirname(src), os.path.basename(dst), os.path.getsize(src) > 0))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store.save(BOG, [CountEntry(vin(1))])
    assert calls == [(str(tmp_path), "bogota-autopista-norte.json", True)]


def test_a_damaged_file_is_moved_aside_not_overwritten(tmp_path):
    store = CountStore(tmp_path)
    store.path_for(BOG).write_text('{"format": "cuadre-conteo", "entries": [', "utf-8")
    with pytest.raises(DamagedCountFile) as info:
        store.load(BOG)
    assert info.value.moved_to is not None and info.value.moved_to.exists()
    assert not store.path_for(BOG).exists()
    assert store.load(BOG) == []


def test_entries_and_frames():
    df = count_frame([
        {"branch": BOG, "vin": " 9ga-sj69r0t0000001 ", "counted_at": date(2026, 11, 20),
         "counted_by": " Diana ", "note": None},
        {"branch": BOG, "vin": None},
    ])
    entries = entries_from_frame(df)
    assert entries == [CountEntry("9GASJ69R0T0000001", date(2026, 11, 20), "Diana", None)]
    back = entries_to_frame(MED, entries)
    assert list(back.columns) == ["branch", "vin", "counted_at", "counted_by", "note"]
    assert back.iloc[0]["branch"] == MED
