"""Approved corrections pushed through the outbox to Siigo Nube and Alegra (the sandbox's
emulators): applied once, with the approval's idempotency key; a throttled write waits what
Retry-After asks and is sent again; a receipt is never edited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support.push_cases import staff

from app.connectors.alegra.connector import AlegraConnector
from app.connectors.http import RetryPolicy
from app.connectors.siigo.connector import SiigoConnector
from app.demo.sandbox.alegra import USER as ALEGRA_USER
from app.demo.sandbox.cloud_seed import Window
from app.demo.sandbox.siigo import USER as SIIGO_USER
from app.domain.schema import Entity, System
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.push import push

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        staff(opened)
        yield opened


@pytest.fixture(params=["siigo", "alegra"])
def erp(request, sandbox):
    # Whole pulls here would wait for the minute's requests: neither side counts them (the
    # limits are tested in test_siigo.py and test_alegra.py).
    options = {"retry_delay": 0.01, "requests_per_minute": 0}
    if request.param == "siigo":
        connector: SiigoConnector | AlegraConnector = SiigoConnector(
            sandbox.base_url, SIIGO_USER, sandbox.token, **options)
        path = "/v1/customers/"
    else:
        connector = AlegraConnector(sandbox.base_url, ALEGRA_USER, sandbox.token, **options)
        path = "/api/v1/contacts/"
    sandbox.cloud_erp(path).window = Window(0)
    yield connector, path
    connector.close()


def _approved(store, connector, field: str = "email", new: str = "nuevo.erp@correo.co"):
    frame = connector.pull(Entity.CUSTOMERS)
    row = frame[frame["email"].notna() & frame["first_names"].notna()].iloc[5]
    made = c.propose(store, "ana", entity="customers", system="erp",
                     source_id=str(row["source_id"]), field=field, old=row[field], new=new)
    c.approve(store, "carla", made.id)
    return made, str(row["source_id"])


def test_a_push_applies_the_correction_once_and_a_second_push_sends_nothing(store, sandbox, erp):
    connector, path = erp
    made, sid = _approved(store, connector)
    sandbox.clear_requests()
    summary = push(store, {System.ERP: connector}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    assert connector.read(Entity.CUSTOMERS, sid)["email"] == "nuevo.erp@correo.co"
    [put] = [r for r in sandbox.requests(path + sid) if r.method == "PUT"]
    if isinstance(connector, SiigoConnector):  # Siigo takes the key; Alegra documents none
        assert put.headers["idempotency-key"] == c.get(store, made.id).idempotency_key
    again = push(store, {System.ERP: connector}, "carla", policy=QUICK)
    assert again.items == ()
    assert len([r for r in sandbox.requests(path + sid) if r.method == "PUT"]) == 1


def test_a_throttled_write_waits_what_retry_after_asks_then_applies(store, sandbox, erp):
    connector, path = erp
    made, sid = _approved(store, connector)
    sandbox.faults.add(status=429, retry_after=2, method="PUT", path=path + sid, count=1)
    sleeps: list[float] = []
    summary = push(store, {System.ERP: connector}, "carla", policy=QUICK, sleep=sleeps.append)
    assert summary.counts == {"applied": 1}
    assert 2.0 <= sum(sleeps) <= 2.0 + QUICK.base_delay + 1e-9
    assert [r.status for r in sandbox.requests(path + sid) if r.method == "PUT"] == [429, 200]
    item = outbox.latest(store, made.id)
    assert (item.state, item.attempts) == ("applied", 2)


def test_a_receipt_correction_is_refused_for_good(store, sandbox, erp):
    connector, _ = erp
    payment = connector.pull(Entity.PAYMENTS).iloc[0]
    made = c.propose(store, "ana", entity="payments", system="erp",
                     source_id=str(payment["source_id"]), field="amount",
                     old=payment["amount"], new=payment["amount"] + Decimal("1000"))
    c.approve(store, "carla", made.id)
    summary = push(store, {System.ERP: connector}, "carla", policy=QUICK)
    item = outbox.latest(store, made.id)
    assert item.attempts == 1 and item.state != "applied", summary.counts
