"""Incremental runs: the snapshot kept per workspace, system and entity; only what changed
pulled; deletions found by listing ids; the same findings as a full run; a full run, saying
why, when the snapshot is missing, broken, of another configuration or too old."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from app.cli.main import main
from app.connections.systems import Demo, adhoc_profile, reconcile_systems
from app.connectors.base import SourceIssue
from app.connectors.sql.connector import SqlConnector
from app.demo import demo_files, ensure_demo
from app.demo.changes import simulate_changes
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile.engine import reconcile
from app.reconcile.export import mismatch_json, pull_text, to_json
from app.reconcile.incremental import FULL, INCREMENTAL, IncrementalPuller
from app.reconcile.results import Report
from app.reconcile.snapshots import (
    Snapshot,
    SnapshotBroken,
    SnapshotStore,
    decode_frame,
    encode_frame,
    flush,
    forget_kept,
    use_key,
)

KEY = bytes(range(32))  # the tests' own key: no keyring here


@pytest.fixture(autouse=True)
def _key():
    use_key(lambda: KEY)
    yield
    flush()
    forget_kept()
    use_key(None)

BOGOTA = timezone(timedelta(hours=-5))


def findings(report: Report) -> dict[str, list[str]]:
    return {e.value: sorted(json.dumps(mismatch_json(m), sort_keys=True, default=str)
                            for m in r.findings()) for e, r in report.results.items()}


def modes(report: Report) -> dict[tuple[str, str], str]:
    return {(p.system.value, p.entity.value): p.mode for p in report.pulls}


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A demo of its own, in a data folder of its own, with its snapshots there too."""
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    return run(ensure_demo())


# --- the snapshot ---------------------------------------------------------------------------


def test_a_snapshot_reads_back_exactly_what_was_kept(tmp_path):
    frame = pd.DataFrame({
        "source_id": pd.Series(["C-1", "C-2", "C-3"], dtype=object),
        "amount": pd.Series([Decimal("1234567.50"), None, Decimal("0.10")], dtype=object),
        "paid_on": pd.Series([date(2026, 1, 31), None, date(2025, 12, 1)], dtype=object),
        "updated_at": pd.Series([datetime(2026, 5, 1, 8, 30, tzinfo=BOGOTA), None,
                                 datetime(2026, 5, 2, tzinfo=UTC)], dtype=object),
        "consent": pd.Series([True, False, None], dtype=object),
        "mixed": pd.Series(["texto", Decimal("2"), date(2026, 2, 2)], dtype=object),
    })
    issues = (SourceIssue(System.CRM, Entity.PAYMENTS, "C-2", "valor", "unparseable", "$x"),)
    back, back_issues = decode_frame(encode_frame(frame, issues))
    assert back_issues == issues
    assert list(back.columns) == list(frame.columns)
    for column in frame.columns:
        assert back[column].tolist() == frame[column].tolist()
        assert [type(v) for v in back[column]] == [type(v) for v in frame[column]]
    assert back["updated_at"][0].utcoffset() == timedelta(hours=-5)

    store = SnapshotStore(tmp_path / "snapshots.sqlite")
    now = datetime(2026, 6, 1, tzinfo=UTC)
    store.save("Norte", System.CRM, Entity.PAYMENTS,
               Snapshot(frame, issues, "fp", now, now, now, "v1"))
    loaded = store.load("Norte", System.CRM, Entity.PAYMENTS)
    assert loaded is not None and loaded.version == "v1" and loaded.high_water == now
    assert loaded.frame["amount"].tolist() == frame["amount"].tolist()
    assert store.load("Sur", System.CRM, Entity.PAYMENTS) is None


def test_a_tampered_or_foreign_snapshot_is_broken(tmp_path):
    path = tmp_path / "snapshots.sqlite"
    store = SnapshotStore(path)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    frame = pd.DataFrame({"source_id": pd.Series(["1"], dtype=object)})
    store.save("W", System.ERP, Entity.CUSTOMERS, Snapshot(frame, (), "fp", None, now, now))
    flush()  # written behind the run
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE snapshots SET body = X'00ff'")
    forget_kept()  # another process reads the file, not this one's copy
    with pytest.raises(SnapshotBroken):
        store.load("W", System.ERP, Entity.CUSTOMERS)
    path.write_bytes(b"esto no es una base de datos" * 100)
    with pytest.raises(SnapshotBroken):
        store.load("W", System.ERP, Entity.CUSTOMERS)
    store.save("W", System.ERP, Entity.CUSTOMERS, Snapshot(frame, (), "fp", None, now, now))
    forget_kept()
    assert store.load("W", System.ERP, Entity.CUSTOMERS) is not None  # started anew


# --- the demo: what changed, same findings ----------------------------------------------------


def test_changed_added_and_deleted_records_are_found_and_the_findings_are_a_full_runs(demo):
    first = run(reconcile_systems(Demo()))
    assert set(modes(first).values()) == {FULL}
    assert all(p.reason == "no hay una lectura anterior guardada" for p in first.pulls)
    for seed in (3, 11, 29):  # several random change sets, one after the other
        done = simulate_changes(demo.crm, demo.erp, share=0.02, seed=seed)
        assert done["contactos.edited"] and done["recibos.removed"] and done["terceros.added"]
        incremental = run(reconcile_systems(Demo()))
        full = run(reconcile_systems(Demo(), full=True))
        assert set(modes(incremental).values()) == {INCREMENTAL}
        assert all(p.reason == "se pidió una lectura completa" for p in full.pulls)
        assert findings(incremental) == findings(full)
        assert incremental.issues == full.issues
        for entity, result in full.results.items():
            mine = incremental.results[entity]
            assert mine.crm is not None and result.crm is not None
            assert mine.crm.equals(result.crm) and mine.erp is not None
            assert mine.erp.equals(result.erp)
        pulled = {(p.system, p.entity): p for p in incremental.pulls}
        payments = pulled[(System.CRM, Entity.PAYMENTS)]
        assert payments.deleted == done["pagos.removed"]
        assert payments.total == len(full.results[Entity.PAYMENTS].crm)  # type: ignore[arg-type]
        assert 0 < payments.records < payments.total // 5
        hidden = pulled[(System.CRM, Entity.CUSTOMERS)]
        assert hidden.deleted == done["contactos.removed"]


def test_a_missing_broken_foreign_or_old_snapshot_means_a_full_run_saying_why(demo, tmp_path):
    store = SnapshotStore(tmp_path / "snap.sqlite")

    def pulls():  # type: ignore[no-untyped-def]
        return run(reconcile_systems(Demo(), snapshots=store)).pulls

    assert {p.reason for p in pulls()} == {"no hay una lectura anterior guardada"}
    assert {p.mode for p in pulls()} == {INCREMENTAL}
    flush()
    store.path.write_bytes(b"\0" * 4096)  # a cut or overwritten file
    broken = pulls()
    assert {p.mode for p in broken} == {FULL}
    assert broken[0].reason == "la lectura anterior guardada está dañada"  # then started anew
    assert {p.mode for p in pulls()} == {INCREMENTAL}

    crm, erp = demo_files().crm, demo_files().erp
    from app.demo.connector import DemoCrm, DemoErp

    def engine(prints: dict[System, str], now: datetime | None = None) -> Report:
        puller = IncrementalPuller(store, "Demostración", prints, now=now)
        return run(reconcile(DemoCrm(crm), DemoErp(erp), entities=(Entity.VEHICLES,),
                             puller=puller, extra=False))

    prints = {System.CRM: "a", System.ERP: "b"}
    engine(prints)
    assert {p.mode for p in engine(prints).pulls} == {INCREMENTAL}
    other = engine({System.CRM: "a", System.ERP: "otra"}).pulls
    assert [(p.system, p.mode) for p in other] == [(System.CRM, INCREMENTAL), (System.ERP, FULL)]
    assert other[1].reason == "la configuración de la fuente cambió desde la lectura anterior"
    later = engine({System.CRM: "a", System.ERP: "otra"}, now=datetime.now(UTC) + timedelta(days=8))
    assert {p.reason for p in later.pulls} == {"la última lectura completa tiene 7 días o más"}


def test_the_json_report_and_the_summary_say_how_each_entity_was_read(demo):
    run(reconcile_systems(Demo()))
    report = run(reconcile_systems(Demo()))
    doc = to_json(report)
    assert [set(p) >= {"system", "entity", "mode", "records"} for p in doc["pull"]]
    pulled = {(p["system"], p["entity"], p["mode"]) for p in doc["pull"]}
    assert pulled >= {(s, e, "incremental") for s in ("crm", "erp")
                      for e in ("customers", "payments", "vehicles")}
    # What the insights read besides is read by change too.
    assert {("crm", "deals", "incremental"), ("erp", "invoices", "incremental")} <= pulled
    assert all(isinstance(p["records"], int) and p["total"] >= p["records"] for p in doc["pull"])
    text = pull_text(report)
    assert text.startswith("Lectura incremental (solo lo cambiado):")
    assert "CRM · Clientes: incremental," in text


# --- connectors ---------------------------------------------------------------------------------


def _shop(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, documento TEXT, nombres TEXT,"
                      " apellidos TEXT, celular TEXT, actualizado TIMESTAMP)")
        conn.executemany("INSERT INTO clientes VALUES (?,?,?,?,?,?)", [
            (n, str(10000000 + n), "Ana", f"Pérez {n}", f"310{n:07d}",
             f"2026-01-{n:02d}T10:00:00-05:00") for n in range(1, 21)])


def test_a_sql_table_with_a_change_column_is_read_by_change(tmp_path):
    path = tmp_path / "erp.sqlite"
    _shop(path)
    store = SnapshotStore(tmp_path / "snap.sqlite")
    sql = SqlConnector(f"sqlite:///{path}", "erp", tables={"customers": "clientes"},
                       id_column="id", updated_column="actualizado")
    try:
        assert sql.why_not_incremental(Entity.CUSTOMERS) is None
        assert sql.list_ids(Entity.CUSTOMERS)[:3] == ["1", "2", "3"]
        puller = IncrementalPuller(store, "W", {})
        full = run(puller.pull(sql, Entity.CUSTOMERS))
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE clientes SET celular = '3001112233', "
                         "actualizado = '2026-02-01T09:00:00-05:00' WHERE id = 4")
            conn.execute("DELETE FROM clientes WHERE id = 7")
            conn.execute("INSERT INTO clientes VALUES (21, '99', 'Eva', 'Ríos', '3110000000', "
                         "'2026-02-01T09:30:00-05:00')")
        puller = IncrementalPuller(store, "W", {})
        again = run(puller.pull(sql, Entity.CUSTOMERS))
        [pull] = puller.pulls
        # 4 and 21 changed; 20 holds the high-water mark and is read again (the overlap).
        assert (pull.mode, pull.records, pull.deleted, pull.total) == (INCREMENTAL, 3, 1, 20)
        fresh = run(IncrementalPuller(store, "X", {}).pull(sql, Entity.CUSTOMERS))
        assert again.equals(fresh) and not again.equals(full)
        assert again.loc[again["source_id"] == "4", "phone"].item() == "3001112233"
    finally:
        sql.close()
    query = SqlConnector(f"sqlite:///{path}", "erp",
                         queries={"customers": "SELECT * FROM clientes"})
    try:
        assert query.why_not_incremental(Entity.CUSTOMERS) == "una consulta se lee entera cada vez"
    finally:
        query.close()


def test_a_file_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    crm, erp = tmp_path / "crm.csv", tmp_path / "erp.csv"
    crm.write_text("ID Lead,Nro. identificación,Nombres,Apellidos\nL1,1020,Ana,Pérez\n", "utf-8")
    erp.write_text("ID Tercero,NIT,Nombres,Apellidos\n7,1020,Ana,Perez\n", "utf-8")
    profile = adhoc_profile(str(crm), str(erp), entity=Entity.CUSTOMERS)
    first = run(reconcile_systems(profile))
    assert {p.mode for p in first.pulls} == {FULL}
    second = run(reconcile_systems(profile))
    assert [(p.mode, p.records) for p in second.pulls] == [(INCREMENTAL, 0)] * 2
    assert findings(second) == findings(first) and second.issues == first.issues
    erp.write_text("ID Tercero,NIT,Nombres,Apellidos\n7,1020,Ana,Perez\n8,3040,Luis,Gil\n",
                   "utf-8")
    third = run(reconcile_systems(profile))
    assert [(p.system, p.mode) for p in third.pulls] == [(System.CRM, INCREMENTAL),
                                                          (System.ERP, FULL)]
    assert third.pulls[1].reason == "el archivo cambió: se lee entero"
    assert "only_in_erp" in {m.kind for m in third.results[Entity.CUSTOMERS].mismatches}


# --- the command line ---------------------------------------------------------------------------


def test_the_cli_reads_by_change_unless_full_is_asked(demo, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["reconcile", "--demo", "-q", "--out", str(out)]) == 0
    assert main(["reconcile", "--demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Lectura incremental (solo lo cambiado):" in printed
    assert {p["mode"] for p in json.loads(out.read_text("utf-8"))["pull"]} == {"incremental"}
    assert main(["reconcile", "--demo", "--full", "--out", str(out)]) == 0
    assert "Lectura completa:" in capsys.readouterr().out
    doc = json.loads(out.read_text("utf-8"))
    assert {(p["mode"], p["reason"]) for p in doc["pull"]} == {
        ("full", "se pidió una lectura completa")}
