"""Incremental runs against the Odoo emulator over real HTTP: customers by ``write_date`` and
an id listing (``search``); what takes values from other models is read whole, saying why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.connectors.base import Correction, OutcomeStatus
from app.domain.schema import Entity
from app.progress import run
from app.reconcile.incremental import FULL, INCREMENTAL, IncrementalPuller
from app.reconcile.snapshots import SnapshotStore
from tests.support.odoo_emulator import Odoo, served


@pytest.fixture
def odoo(demo_data) -> Iterator[Odoo]:
    with served(demo_data.erp) as emulator:
        yield emulator


def test_odoo_customers_are_read_by_change_and_the_rest_whole(odoo, tmp_path):
    store = SnapshotStore(tmp_path / "snap.sqlite")
    connector = odoo.connector("xmlrpc")
    first = IncrementalPuller(store, "W", {})
    everything = run(first.pull(connector, Entity.CUSTOMERS))
    assert first.pulls[0].mode == FULL
    ids = connector.list_ids(Entity.CUSTOMERS)
    assert ids == everything["source_id"].tolist()

    target = everything.iloc[5]["source_id"]
    outcome = connector.apply(Correction(Entity.CUSTOMERS, target,
                                         {"email": "cambio.incremental@example.com"}))
    assert outcome.status is OutcomeStatus.APPLIED
    second = IncrementalPuller(store, "W", {})
    frame = run(second.pull(connector, Entity.CUSTOMERS))
    [pull] = second.pulls
    assert pull.mode == INCREMENTAL and target in run(_changed(connector, store))
    assert 1 <= pull.records < len(everything) // 10 and pull.total == len(everything)
    fresh = connector.pull(Entity.CUSTOMERS)
    assert frame.equals(fresh)
    assert frame.loc[frame["source_id"] == target, "email"].item() == \
        "cambio.incremental@example.com"

    payments = IncrementalPuller(store, "W", {})
    run(payments.pull(connector, Entity.PAYMENTS))
    run(payments.pull(connector, Entity.PAYMENTS))
    assert [p.mode for p in payments.pulls] == [FULL, FULL]
    assert payments.pulls[1].reason == ("en Odoo, pagos toman datos de otros modelos (el cliente, "
                                        "la factura): se leen enteros")


def _changed(connector, store):  # type: ignore[no-untyped-def]
    """The ids a further incremental pull reads (the write above is among them)."""
    puller = IncrementalPuller(store, "W", {})
    snap = store.load("W", connector.system, Entity.CUSTOMERS)
    assert snap is not None and snap.high_water is not None
    frame = yield from puller.pull(connector, Entity.CUSTOMERS)
    assert puller.pulls[0].mode == INCREMENTAL
    changed = connector.pull(Entity.CUSTOMERS, since=snap.high_water)
    assert len(frame) == puller.pulls[0].total
    return changed["source_id"].tolist()
