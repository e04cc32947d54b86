"""Alegra end to end: the connector against the sandbox's Alegra emulator over real HTTP.

The emulator (``app/demo/sandbox/alegra.py``) serves the demo ERP at Alegra's own paths and
refuses what Alegra refuses: no Basic credentials, a ``limit`` over 30, a parameter or a field
it does not know, more than its requests a minute.
"""

from __future__ import annotations

import base64
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
import urllib3

from app.connections.sources import open_source
from app.connections.systems import adhoc_profile, reconcile_systems
from app.connectors.alegra.connector import AlegraConnector
from app.connectors.base import AuthError, Correction, OutcomeStatus, SourceError, pulling
from app.connectors.pacing import Pace
from app.demo.connector import DemoCrm, DemoErp
from app.demo.sandbox import Sandbox
from app.demo.sandbox.alegra import USER
from app.demo.sandbox.cloud_seed import Window
from app.domain.schema import Entity, records
from app.progress import Progress, run
from app.reconcile.engine import reconcile

_NOT_IN_ALEGRA = {"source_id", "updated_at", "habeas_data_consent", "consent_date",
                  "consent_channel", "claim_in_progress"}


@pytest.fixture(scope="module")
def served(demo_data, cuadre_data_dir) -> Iterator[Sandbox]:
    with Sandbox(port=0, data_dir=cuadre_data_dir, alegra_per_minute=0) as sb:
        yield sb


@pytest.fixture
def fresh(demo_data, cuadre_data_dir) -> Iterator[Sandbox]:
    with Sandbox(port=0, data_dir=cuadre_data_dir, alegra_per_minute=0) as sb:
        yield sb


def connect(sb: Sandbox, secret: str | None = None, stored: bool = True,
            quick: bool = True) -> AlegraConnector:
    key = secret if secret is not None else sb.token if stored else None
    connector = open_source(sb.alegra_source, "erp", secrets=lambda ref: key)
    assert isinstance(connector, AlegraConnector)
    if quick:  # Alegra's 150 a minute would make a whole pull wait: the limit tests count
        connector.pace = Pace(0)
    return connector


def comparable(rows: list[dict[str, Any]]) -> list[str]:
    def same(v: Any) -> Any:
        return v.normalize() if isinstance(v, Decimal) else v

    return sorted(repr(sorted((k, same(v)) for k, v in r.items() if k not in _NOT_IN_ALEGRA))
                  for r in rows)


def basic(user: str, token: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()}


def raw(sb: Sandbox, method: str, path: str, body: Any = None,
        headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    pool = urllib3.PoolManager(retries=False)
    answer = pool.request(method, sb.base_url + path, headers=headers or {},
                          body=None if body is None else json.dumps(body).encode())
    return answer.status, json.loads(answer.data or b"null"), dict(answer.headers)


@pytest.mark.parametrize("entity", [Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES])
def test_a_pull_gives_the_demo_erps_records(served, demo_data, entity):
    task = pulling(connect(served), entity)
    progress: list[Progress] = []
    while True:
        try:
            progress.append(next(task))
        except StopIteration as stop:
            frame = stop.value
            break
    assert comparable(records(frame)) == comparable(records(DemoErp(demo_data.erp).pull(entity)))
    assert progress[-1].done == progress[-1].total


def test_pages_are_start_and_limit_30_with_basic_auth_on_every_call(served):
    served.clear_requests()
    connect(served).pull(Entity.CUSTOMERS)
    seen = served.requests("/api/v1/contacts")
    assert len(seen) == 66  # 1961 contacts, 30 a page
    assert all("limit=30" in r.query and "metadata=true" in r.query for r in seen)
    assert "start=1950" in seen[-1].query
    assert all(r.headers["authorization"] == basic(USER, served.token)["Authorization"]
               for r in seen)


def test_payments_are_tied_to_the_invoices_they_pay(served, demo_data):
    payments = records(connect(served).pull(Entity.PAYMENTS))
    tied = [p for p in payments if p["invoice_number"]]
    assert len(tied) == len(payments) and all(p["cufe"] and p["branch"] for p in tied)
    one = next(p for p in payments if p["receipt_number"] == "RC-004001")
    assert (one["invoice_number"], one["amount"]) == ("FEB-10001", Decimal("76000000"))
    again = connect(served).read(Entity.PAYMENTS, one["source_id"])
    assert again["invoice_number"] == "FEB-10001" and again["cufe"] == one["cufe"]


def test_a_wrong_token_is_an_auth_error_that_never_shows_it(served):
    with pytest.raises(AuthError) as caught:
        connect(served, secret="token-malo-999").pull(Entity.CUSTOMERS)
    assert "Alegra rechazó" in str(caught.value) and "token-malo-999" not in str(caught.value)
    with pytest.raises(AuthError, match="cuadre credentials set"):
        connect(served, stored=False).count(Entity.CUSTOMERS)
    with pytest.raises(SourceError, match="no guarda"):
        connect(served).pull(Entity.VEHICLES)


def test_the_emulator_refuses_what_alegra_refuses(served):
    ok = basic(USER, served.token)
    assert raw(served, "GET", "/api/v1/contacts")[0] == 401
    assert raw(served, "GET", "/api/v1/contacts", headers=basic(USER, "otro"))[0] == 401
    status, body, headers = raw(served, "GET", "/api/v1/contacts?limit=31", headers=ok)
    assert status == 400 and body["code"] == 400 and "30" in body["message"]
    status, body, _ = raw(served, "GET", "/api/v1/contacts?page=2", headers=ok)
    assert status == 400 and "page" in body["message"]
    status, body, _ = raw(served, "PUT", "/api/v1/contacts/1", {"apodo": "x"}, ok)
    assert status == 400 and "apodo" in body["message"]
    status, body, headers = raw(served, "GET", "/api/v1/contacts?limit=2", headers=ok)
    assert status == 200 and isinstance(body, list) and len(body) == 2  # no metadata: a list
    assert headers["X-Rate-Limit-Limit"] == "0"


def test_past_its_requests_a_minute_alegra_answers_429_and_the_pull_waits(served):
    emulator = served.cloud_erp("/api/v1/")
    emulator.window = Window(8, seconds=1.0)
    try:
        ok = basic(USER, served.token)
        answers = [raw(served, "GET", "/api/v1/contacts?limit=1", headers=ok) for _ in range(9)]
        assert [a[0] for a in answers] == [200] * 8 + [429]
        assert answers[0][2]["X-Rate-Limit-Remaining"] == "7"
        time.sleep(1.1)
        served.clear_requests()
        paced = connect(served)
        emulator.window = Window(25, seconds=1.0)
        paced.pace = Pace(25, window=1.0)
        assert paced.count(Entity.CUSTOMERS) == 1961
        assert len(paced.pull(Entity.CUSTOMERS)) == 1961
        assert not any(r.status == 429 for r in served.requests())
    finally:
        emulator.window = Window(0)


def test_a_contact_correction_is_written_and_read_back(fresh):
    connector = connect(fresh)
    before = connector.read(Entity.CUSTOMERS, "2")
    outcome = connector.apply(Correction(Entity.CUSTOMERS, "2", {
        "phone": "6014445566", "city_code": "11001", "last_names": "OCAMPO RÍOS"},
        expected={"phone": before["phone"]}, key="k"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    after = outcome.record
    assert (after["phone"], after["city_code"], after["last_names"]) == (
        "6014445566", "11001", "OCAMPO RÍOS")
    assert after["first_names"] == before["first_names"] and after["email"] == before["email"]
    stored = fresh.cloud_erp("/api/v1/").contacts["2"]
    assert stored["address"]["city"].startswith("Bogotá")  # Alegra keeps names, not codes
    assert stored["mobile"] == "" and stored["phonePrimary"] == "6014445566"
    stale = connector.apply(Correction(Entity.CUSTOMERS, "2", {"email": "x@y.co"},
                                       expected={"email": "antes@y.co"}))
    assert stale.status is OutcomeStatus.CONFLICT
    paid = connector.apply(Correction(Entity.PAYMENTS, "1", {"amount": Decimal("1")}))
    assert (paid.reason, paid.permanent) == ("posted_invoice", True)
    made = connector.apply(Correction(Entity.CUSTOMERS, "DOC-1", {"doc_number": "1"}))
    assert made.reason == "cannot_create"
    assert fresh.cloud_erp("/api/v1/").writes == [("PUT", "2")]


def test_reconciling_the_crm_against_alegra_finds_what_the_demo_finds(served, demo_data):
    def counts(report: Any) -> dict[Entity, Counter[str]]:
        return {e: Counter(m.kind for m in report[e].findings())
                for e in (Entity.CUSTOMERS, Entity.PAYMENTS)}

    demo = run(reconcile(DemoCrm(demo_data.crm), DemoErp(demo_data.erp)))
    quick = adhoc_profile(served.url("crm"), served.alegra_source)
    profile = replace(quick, erp=replace(quick.erp, options={"requests_per_minute": 0}))
    served.clear_requests()
    report = run(reconcile_systems(profile, secrets=lambda ref: served.token))
    assert counts(report) == counts(demo)
    assert len(served.requests("/api/v1/invoices")) == 124  # read once, 30 a page
    assert report.failures == {} and report.issues == []
    assert len(report.extras[Entity.INVOICES]) == 3713
