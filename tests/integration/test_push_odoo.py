"""Retry-After on writes to Odoo (JSON-2 over HTTP), through the sandbox's Odoo emulator and
its switchable faults: the write's outcome carries the HTTP status and what Retry-After asked,
and the push waits that long, then sends the same write again."""

from __future__ import annotations

import pytest
from support.push_cases import staff

from app.connectors.base import Correction, OutcomeStatus
from app.connectors.http import RetryPolicy
from app.connectors.odoo.connector import OdooConnector
from app.domain.schema import Entity, System
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.push import push

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
WRITE = "/json/2/res.partner/write"


@pytest.fixture
def odoo(sandbox):
    if not sandbox.odoo_available:
        pytest.skip("the sandbox has no Odoo emulator")
    connector = OdooConnector(sandbox.base_url, "sandbox", "admin", sandbox.token,
                              protocol="json2")
    yield connector
    connector.close()


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        staff(opened)
        yield opened


def _customer(odoo: OdooConnector) -> dict:
    frame = odoo.pull(Entity.CUSTOMERS)
    row = frame[frame["email"].notna()].iloc[3]
    return {"source_id": str(row["source_id"]), "email": row["email"]}


def test_a_throttled_odoo_write_reports_its_status_and_retry_after(sandbox, odoo):
    customer = _customer(odoo)
    sandbox.faults.add(status=429, retry_after=7, method="POST", path=WRITE, count=1)
    outcome = odoo.apply(Correction(Entity.CUSTOMERS, customer["source_id"],
                                    {"email": "nuevo.odoo@correo.co"},
                                    {"email": customer["email"]}, "k-odoo-1"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.FAILED, "http_429")
    assert (outcome.http_status, outcome.retry_after) == (429, 7.0)
    assert "429" in outcome.detail and sandbox.token not in outcome.detail
    assert odoo.read(Entity.CUSTOMERS, customer["source_id"])["email"] == customer["email"]


def test_a_push_to_odoo_waits_what_retry_after_asks_then_applies(store, sandbox, odoo):
    customer = _customer(odoo)
    made = c.propose(store, "ana", entity="customers", system="erp",
                     source_id=customer["source_id"], field="email", old=customer["email"],
                     new="nuevo.odoo@correo.co")
    c.approve(store, "carla", made.id)
    sandbox.faults.add(status=503, retry_after=2, method="POST", path=WRITE, count=1)
    sleeps: list[float] = []
    summary = push(store, {System.ERP: odoo}, "carla", policy=QUICK, sleep=sleeps.append)
    assert summary.counts == {"applied": 1}
    assert 2.0 <= sum(sleeps) <= 2.0 + QUICK.base_delay + 1e-9
    assert [r.status for r in sandbox.requests(WRITE)] == [503, 200]
    assert odoo.read(Entity.CUSTOMERS, customer["source_id"])["email"] == "nuevo.odoo@correo.co"
    item = outbox.latest(store, made.id)
    assert (item.state, item.attempts) == ("applied", 2)


def test_a_write_odoo_refuses_for_good_is_sent_once(store, sandbox):
    """A value Odoo cannot take (a text for a many2one a profile mapped by mistake) is a
    ValueError inside Odoo (JSON-2: 500 ``builtins.ValueError``): sending it again would get
    the same answer, so the push stops after one attempt instead of five."""
    if not sandbox.odoo_available:
        pytest.skip("the sandbox has no Odoo emulator")
    connector = OdooConnector(sandbox.base_url, "sandbox", "admin", sandbox.token,
                              protocol="json2", mapping={"customers": {"consent_channel": "city_id"}})
    try:
        customer = _customer(connector)
        made = c.propose(store, "ana", entity="customers", system="erp",
                         source_id=customer["source_id"], field="consent_channel", old=None,
                         new="web")
        c.approve(store, "carla", made.id)
        sleeps: list[float] = []
        summary = push(store, {System.ERP: connector}, "carla", policy=QUICK, sleep=sleeps.append)
    finally:
        connector.close()
    item = outbox.latest(store, made.id)
    assert summary.counts == {"failed": 1} and sleeps == []
    assert (item.state, item.attempts, item.reason) == ("failed", 1, "bad_request")
    assert [r.status for r in sandbox.requests(WRITE)] == [500]
