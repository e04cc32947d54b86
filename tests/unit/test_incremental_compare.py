"""Incremental comparison (``app.reconcile.delta``): after random edits, insertions and
deletions on both sides — documents retyped, blanked or given to someone else, VINs and
receipt numbers changed, records entered twice — an F5 run compares only what the changes
touch, and every finding, link and duplicate is the full run's."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from app.connections.systems import Demo, reconcile_systems
from app.demo import ensure_demo
from app.demo.changes import simulate_changes
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile import delta
from app.reconcile.delta import FULL, INCREMENTAL
from app.reconcile.export import mismatch_json, to_json
from app.reconcile.results import Report
from app.reconcile.snapshots import (
    Snapshot,
    SnapshotBroken,
    SnapshotStore,
    decode_frame,
    flush,
    forget_kept,
    use_key,
)

BOGOTA = timezone(timedelta(hours=-5))

#: (file, table, change-stamp column, columns a key lives in).
_KEYS = (
    ("crm", "contactos", "actualizado", ("numero_documento", "celular", "correo", "nombres")),
    ("erp", "terceros", "modificado", ("nit", "telefono", "email", "apellidos")),
    ("crm", "pagos", "actualizado", ("recibo", "factura", "documento_cliente")),
    ("erp", "recibos", "modificado", ("numero",)),
    ("crm", "vehiculos", "actualizado", ("vin", "estado")),
    ("erp", "inventario", "modificado", ("vin", "estado")),
)


def _retype(rng: random.Random, value: object, others: list[object]) -> object:
    """A key typed wrong, blanked, or another record's."""
    text = "" if value is None else str(value)
    roll = rng.random()
    if roll < 0.25 or not text:
        return rng.choice(others)  # someone else's: a duplicate, a stolen link
    if roll < 0.4:
        return None
    at = rng.randrange(len(text))
    return text[:at] + rng.choice("0123456789") + text[at + 1:]  # a keystroke


def _scramble(files: object, seed: int, count: int = 12) -> None:
    rng = random.Random(seed)
    paths = {"crm": Path(files.crm), "erp": Path(files.erp)}  # type: ignore[attr-defined]
    for system, table, stamp, columns in _KEYS:
        conn = sqlite3.connect(paths[system], isolation_level=None)
        try:
            newest = datetime.fromisoformat(
                conn.execute(f"SELECT MAX({stamp}) FROM {table}").fetchone()[0])
            now = max(datetime.now(BOGOTA).replace(microsecond=0),
                      newest + timedelta(seconds=1)).isoformat()  # as the systems stamp writes
            ids = [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
            for sid in rng.sample(ids, count):
                column = rng.choice(columns)
                others = [conn.execute(f"SELECT {column} FROM {table} WHERE id = ?",
                                       (rng.choice(ids),)).fetchone()[0] for _ in range(3)]
                value = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?",
                                     (sid,)).fetchone()[0]
                new = _retype(rng, value, others)
                update = f"UPDATE {table} SET {column} = ?, {stamp} = ? WHERE id = ?"
                try:
                    conn.execute(update, (new, now, sid))
                except sqlite3.IntegrityError:  # a column that may not be empty
                    conn.execute(update, (new if new is not None else "", now, sid))
        finally:
            conn.close()


def _everything(report: Report) -> dict[str, tuple[list[str], ...]]:
    def text(items: list[object]) -> list[str]:
        return sorted(repr(i) for i in items)

    return {e.value: (sorted(json.dumps(mismatch_json(m), sort_keys=True, default=str)
                             for m in r.findings()), text(r.links), text(r.duplicates))  # type: ignore[arg-type]
            for e, r in report.results.items()}


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    delta.forget()
    yield run(ensure_demo())
    delta.forget()


def test_an_incremental_comparison_finds_what_a_full_one_finds(demo):
    first = run(reconcile_systems(Demo()))
    assert {c.mode for c in first.compared} == {FULL}
    for seed in (5, 17, 23, 42):
        _scramble(demo, seed)
        simulate_changes(demo.crm, demo.erp, share=0.01, seed=seed)
        incremental = run(reconcile_systems(Demo()))
        compared = {c.entity: c for c in incremental.compared}
        assert {c.mode for c in compared.values()} == {INCREMENTAL}, seed
        assert all(c.records < c.total // 2 for c in compared.values()), compared
        full = run(reconcile_systems(Demo(), full=True))
        assert {c.mode for c in full.compared} == {FULL}
        assert _everything(incremental) == _everything(full), seed
        for entity, result in full.results.items():
            assert incremental.results[entity].crm.equals(result.crm)  # type: ignore[union-attr]
        if seed == 17:  # an F5 after an F5: the baseline kept by the last one
            again = run(reconcile_systems(Demo()))
            assert {c.mode for c in again.compared} == {INCREMENTAL}
            assert _everything(again) == _everything(full)


def test_the_report_says_how_each_entity_was_compared(demo):
    run(reconcile_systems(Demo()))
    simulate_changes(demo.crm, demo.erp, share=0.01, seed=2)
    doc = to_json(run(reconcile_systems(Demo())))
    modes = {c["entity"]: c["mode"] for c in doc["comparison"]}
    assert modes == {e.value: INCREMENTAL for e in (Entity.CUSTOMERS, Entity.PAYMENTS,
                                                    Entity.VEHICLES)}
    assert all(0 < c["records"] < c["total"] for c in doc["comparison"])
    full = to_json(run(reconcile_systems(Demo(), full=True)))
    assert {c["mode"] for c in full["comparison"]} == {FULL}
    assert all(c["records"] == c["total"] for c in full["comparison"])


def test_a_snapshot_on_disk_is_encrypted_and_without_a_keyring_none_is_written(tmp_path):
    frame = pd.DataFrame({"source_id": pd.Series(["C-1"], dtype=object),
                          "last_names": pd.Series(["Pérez Gómez"], dtype=object)})
    now = datetime(2026, 6, 1, tzinfo=UTC)
    snap = Snapshot(frame, (), "fp", now, now, now)
    store = SnapshotStore(tmp_path / "snapshots.sqlite")
    try:
        use_key(lambda: bytes(32))
        store.save("Norte", System.CRM, Entity.CUSTOMERS, snap)
        flush()
        with sqlite3.connect(store.path) as conn:
            body = conn.execute("SELECT body FROM snapshots").fetchone()[0]
        with pytest.raises(SnapshotBroken):
            decode_frame(body)  # not the compressed text: sealed
        forget_kept()
        kept = store.load("Norte", System.CRM, Entity.CUSTOMERS)
        assert kept is not None and kept.frame["last_names"].tolist() == ["Pérez Gómez"]
        use_key(lambda: bytes([1]) * 32)  # another key: not readable, a full run
        forget_kept()
        with pytest.raises(SnapshotBroken):
            store.load("Norte", System.CRM, Entity.CUSTOMERS)

        use_key(lambda: None)  # no secure keyring
        other = SnapshotStore(tmp_path / "otro.sqlite")
        other.save("Norte", System.CRM, Entity.CUSTOMERS, snap)
        flush()
        assert not other.path.exists()  # nothing written in the clear
        back = other.load("Norte", System.CRM, Entity.CUSTOMERS)  # this process keeps it
        assert back is not None and back.frame.equals(frame)
    finally:
        forget_kept()
        use_key(None)
