"""Siigo Nube end to end: the connector against the sandbox's Siigo emulator over real HTTP.

The emulator (``app/demo/sandbox/siigo.py``) serves the demo ERP at Siigo's own paths and
refuses what Siigo refuses: no ``Partner-Id``, no live token, a ``page_size`` over 100, a
parameter or a field it does not know, more than its requests a minute.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import urllib3

from app.connections.sources import open_source
from app.connections.systems import adhoc_profile, reconcile_systems
from app.connectors.base import AuthError, Correction, OutcomeStatus, SourceError, pulling
from app.connectors.pacing import Pace
from app.connectors.siigo.connector import SiigoConnector
from app.demo.connector import DemoCrm, DemoErp
from app.demo.sandbox import Sandbox
from app.demo.sandbox.cloud_seed import Window
from app.demo.sandbox.siigo import USER
from app.domain.schema import Entity, records
from app.progress import Progress, run
from app.reconcile.engine import reconcile

#: What Siigo does not keep (the demo ERP does): left out when comparing with it.
_NOT_IN_SIIGO = {"source_id", "updated_at", "habeas_data_consent", "consent_date",
                 "consent_channel", "claim_in_progress"}


@pytest.fixture(scope="module")
def served(demo_data, cuadre_data_dir) -> Iterator[Sandbox]:
    """A sandbox whose Siigo counts no requests (the limit tests set one), not written to."""
    with Sandbox(port=0, data_dir=cuadre_data_dir, siigo_per_minute=0) as sb:
        yield sb


@pytest.fixture
def fresh(demo_data, cuadre_data_dir) -> Iterator[Sandbox]:
    """A sandbox of its own, for a test that writes."""
    with Sandbox(port=0, data_dir=cuadre_data_dir, siigo_per_minute=0) as sb:
        yield sb


def connect(sb: Sandbox, secret: str | None = None, stored: bool = True, **options: Any) -> SiigoConnector:
    options.setdefault("retry_delay", 0.01)
    key = secret if secret is not None else sb.token if stored else None
    connector = open_source(sb.siigo_source, "erp", secrets=lambda ref: key)
    assert isinstance(connector, SiigoConnector)
    if options:
        connector.close()
        base = sb.base_url
        connector = SiigoConnector(base, USER, key, **options)
    return connector


def comparable(rows: list[dict[str, Any]]) -> list[str]:
    """The rows as comparable text: 10000000.50 and 10000000.5 are one amount."""
    def same(v: Any) -> Any:
        return v.normalize() if isinstance(v, Decimal) else v

    return sorted(repr(sorted((k, same(v)) for k, v in r.items() if k not in _NOT_IN_SIIGO))
                  for r in rows)


def raw(sb: Sandbox, method: str, path: str, body: Any = None,
        headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    pool = urllib3.PoolManager(retries=False)
    answer = pool.request(method, sb.base_url + path, headers=headers or {},
                          body=None if body is None else json.dumps(body).encode())
    return answer.status, json.loads(answer.data or b"null"), dict(answer.headers)


def token(sb: Sandbox) -> str:
    status, body, _ = raw(sb, "POST", "/auth", {"username": USER, "access_key": sb.token},
                          {"Partner-Id": "Cuadre", "Content-Type": "application/json"})
    assert status == 200 and body["expires_in"] == 86400 and body["token_type"] == "Bearer"
    return str(body["access_token"])


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("entity", [Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES])
def test_a_pull_gives_the_demo_erps_records(served, demo_data, entity):
    connector = connect(served)
    task = pulling(connector, entity)
    progress: list[Progress] = []
    while True:
        try:
            progress.append(next(task))
        except StopIteration as stop:
            frame = stop.value
            break
    assert comparable(records(frame)) == comparable(records(DemoErp(demo_data.erp).pull(entity)))
    assert connector.issues() == []
    assert progress[-1].done == progress[-1].total and len(progress) > 10  # page by page


def test_every_call_has_the_partner_id_and_one_token_serves_the_whole_pull(served):
    served.clear_requests()
    connector = connect(served)
    connector.pull(Entity.CUSTOMERS)
    seen = [r for r in served.requests() if r.path in ("/auth", "/v1/customers")]
    assert all(r.headers.get("partner-id") == "Cuadre" for r in seen)
    assert [r.path for r in seen].count("/auth") == 1 and connector.api.tokens_issued == 1
    lists = [r for r in seen if r.path == "/v1/customers"]
    assert len(lists) == 20 and all("page_size=100" in r.query for r in lists)
    assert all(r.headers["authorization"].startswith("Bearer ") for r in lists)
    assert served.token not in json.dumps([r.headers for r in lists])  # the key goes to /auth only


def test_an_expired_token_is_renewed_once_and_the_pull_goes_on(served):
    connector = connect(served)
    assert connector.count(Entity.CUSTOMERS) == 1961
    served.cloud_erp("/v1/").expire_tokens()  # as after 24 h
    assert connector.count(Entity.CUSTOMERS) == 1961
    assert connector.api.tokens_issued == 2


def test_the_token_is_renewed_before_its_24_hours_are_up(served):
    connector = connect(served)
    now = [1000.0]
    connector.api._clock = lambda: now[0]
    assert connector.count(Entity.CUSTOMERS) == 1961
    now[0] += 86400 - 120  # two minutes left: still good
    connector.count(Entity.CUSTOMERS)
    assert connector.api.tokens_issued == 1
    served.clear_requests()
    now[0] += 90  # within the last minute: a new one first, no 401 on the way
    connector.count(Entity.CUSTOMERS)
    assert connector.api.tokens_issued == 2
    assert [r.status for r in served.requests()] == [200, 200]


def test_incremental_pulls_ask_siigo_for_what_changed_since(served, demo_data):
    demo = records(DemoErp(demo_data.erp).pull(Entity.CUSTOMERS))
    since = sorted(r["updated_at"] for r in demo)[-50]
    served.clear_requests()
    frame = connect(served).pull(Entity.CUSTOMERS, since=since)
    assert comparable(records(frame)) == comparable([r for r in demo if r["updated_at"] >= since])
    assert 50 <= len(frame) < 100
    queries = [r.query for r in served.requests("/v1/customers")]
    assert queries and all("updated_start=" in q for q in queries)


def test_a_wrong_key_is_an_auth_error_that_never_shows_the_key(served):
    connector = connect(served, secret="clave-equivocada-123")
    with pytest.raises(AuthError) as caught:
        connector.pull(Entity.CUSTOMERS)
    assert "Siigo rechazó" in str(caught.value) and "clave-equivocada-123" not in str(caught.value)
    with pytest.raises(AuthError, match="cuadre credentials set"):
        connect(served, stored=False).pull(Entity.CUSTOMERS)


def test_what_siigo_does_not_hold_is_refused_before_any_call(served):
    with pytest.raises(SourceError, match="no guarda"):
        connect(served).pull(Entity.VEHICLES)
    with pytest.raises(SourceError, match="a lo sumo 100"):
        connect(served, page_size=101)


# --- the emulator is as strict as Siigo ----------------------------------------------------------


def test_the_emulator_refuses_what_siigo_refuses(served):
    live = token(served)
    ok = {"Partner-Id": "Cuadre", "Authorization": f"Bearer {live}"}
    status, body, _ = raw(served, "GET", "/v1/customers", headers={"Authorization": ok["Authorization"]})
    assert status == 400 and body["Errors"][0]["Params"] == ["Partner-Id"]
    assert raw(served, "GET", "/v1/customers", headers={"Partner-Id": "Cuadre"})[0] == 401
    status, body, _ = raw(served, "GET", "/v1/customers?page_size=101", headers=ok)
    assert status == 400 and body["Errors"][0]["Params"] == ["page_size"]
    status, body, _ = raw(served, "GET", "/v1/customers?modified_since=2026-01-01", headers=ok)
    assert status == 400 and body["Errors"][0]["Params"] == ["modified_since"]
    status, body, _ = raw(served, "POST", "/auth", {"username": USER, "access_key": served.token,
                                                    "password": "x"}, {"Partner-Id": "Cuadre"})
    assert status == 400 and body["Errors"][0]["Params"] == ["password"]
    assert raw(served, "POST", "/auth", {"username": USER, "access_key": "mala"},
               {"Partner-Id": "Cuadre"})[0] == 401
    some = raw(served, "GET", "/v1/customers?page_size=1", headers=ok)[1]["results"][0]
    status, body, _ = raw(served, "PUT", f"/v1/customers/{some['id']}",
                          {**{k: some[k] for k in ("person_type", "identification", "name",
                                                   "address", "phones", "contacts")},
                           "id_type": "13", "apodo": "x"}, ok)
    assert status == 400 and body["Errors"][0]["Params"] == ["apodo"]


def test_past_its_requests_a_minute_siigo_answers_429_and_the_pull_waits(served):
    emulator = served.cloud_erp("/v1/")
    live = token(served)
    emulator.window = Window(8, seconds=1.0)
    try:
        ok = {"Partner-Id": "Cuadre", "Authorization": f"Bearer {live}"}
        answers = [raw(served, "GET", "/v1/customers?page_size=1", headers=ok) for _ in range(9)]
        assert [a[0] for a in answers] == [200] * 8 + [429]
        assert int(answers[8][2]["Retry-After"]) >= 1
        served.clear_requests()
        frame = connect(served, page_size=100).pull(Entity.CUSTOMERS)  # waits as asked
        assert len(frame) == 1961
        assert any(r.status == 429 for r in served.requests())
        # Kept under the limit on the client's side, Siigo never has to say 429.
        time.sleep(1.1)  # the window of the pull above is over
        served.clear_requests()
        paced = connect(served, page_size=100)
        paced.api.pace = Pace(8, window=1.0)
        assert len(paced.pull(Entity.CUSTOMERS)) == 1961
        assert not any(r.status == 429 for r in served.requests())
    finally:
        emulator.window = Window(0)


# --- writing ---------------------------------------------------------------------------------------


def _customer(sb: Sandbox) -> dict[str, Any]:
    return next(r for r in records(connect(sb).pull(Entity.CUSTOMERS))
                if r["first_names"] and r["phone"])


def test_a_customer_correction_is_written_whole_and_read_back(fresh):
    connector, before = connect(fresh), _customer(fresh)
    fresh.clear_requests()
    outcome = connector.apply(Correction(Entity.CUSTOMERS, before["source_id"],
                                         {"phone": "3001234567", "email": "nuevo@correo.co"},
                                         expected={"phone": before["phone"]}, key="k-1"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    assert outcome.record["phone"] == "3001234567" and outcome.record["email"] == "nuevo@correo.co"
    put = [r for r in fresh.requests() if r.method == "PUT"]
    assert len(put) == 1 and put[0].path == f"/v1/customers/{before['source_id']}"
    sent = json.loads(put[0].body)
    assert sent["name"] == [before["first_names"], before["last_names"]]  # the rest kept
    again = connector.apply(Correction(Entity.CUSTOMERS, before["source_id"],
                                       {"phone": "3001234567"}, expected={"phone": "3000000000"}))
    assert again.reason == "already_applied"
    stale = connector.apply(Correction(Entity.CUSTOMERS, before["source_id"], {"phone": "3110000000"},
                                       expected={"phone": before["phone"]}))
    assert (stale.status, stale.reason) == (OutcomeStatus.CONFLICT, "changed_since_approval")
    assert fresh.cloud_erp("/v1/").writes == [("PUT", before["source_id"])]


def test_receipts_are_never_edited_and_unknown_fields_are_refused(fresh):
    connector = connect(fresh)
    paid = connector.apply(Correction(Entity.PAYMENTS, "x", {"amount": Decimal("1")},
                                      expected={"amount": Decimal("2")}))
    assert (paid.status, paid.reason, paid.permanent) == (OutcomeStatus.REJECTED,
                                                         "posted_invoice", True)
    assert "nota crédito" in paid.detail
    odd = connector.apply(Correction(Entity.CUSTOMERS, "x", {"doc_number": "1"}, {"doc_number": "2"}))
    assert (odd.status, odd.reason) == (OutcomeStatus.REJECTED, "field_not_writable")
    assert fresh.cloud_erp("/v1/").writes == []


def test_a_customer_is_created_once_under_its_idempotency_key(fresh):
    connector = connect(fresh)
    new = {"doc_type": "CC", "doc_number": "1012345678", "first_names": "ANA", "last_names": "RUIZ",
           "phone": "3151234567", "email": "ana@correo.co", "city_code": "05001",
           "address": "CALLE 1 # 2-3"}
    made = connector.apply(Correction(Entity.CUSTOMERS, "DOC-1012345678", new, key="crear-1"))
    assert made.status is OutcomeStatus.APPLIED, made.detail
    post = [r for r in fresh.requests() if r.method == "POST" and r.path == "/v1/customers"]
    assert post[0].headers["idempotency-key"] == "crear-1"
    # The same request again (a lost answer) gets the first answer, not a second customer.
    status, body, _ = raw(fresh, "POST", "/v1/customers", json.loads(post[0].body), {
        "Partner-Id": "Cuadre", "Authorization": f"Bearer {token(fresh)}",
        "Idempotency-Key": "crear-1"})
    assert status == 201 and body["id"] == made.record["source_id"]
    twice = connector.apply(Correction(Entity.CUSTOMERS, "DOC-1012345678", new, key="crear-1"))
    assert twice.reason == "already_applied"
    assert [w for w in fresh.cloud_erp("/v1/").writes if w[0] == "POST"] == [
        ("POST", made.record["source_id"])]
    assert connector.read(Entity.CUSTOMERS, "DOC-1012345678")["phone"] == "3151234567"


# --- the acceptance test ---------------------------------------------------------------------------


def test_reconciling_the_crm_against_siigo_finds_what_the_demo_finds(served, demo_data):
    def counts(report: Any) -> dict[Entity, Counter[str]]:
        return {e: Counter(m.kind for m in report[e].findings())
                for e in (Entity.CUSTOMERS, Entity.PAYMENTS)}

    demo = run(reconcile(DemoCrm(demo_data.crm), DemoErp(demo_data.erp)))
    # Siigo's 100 requests a minute would make this wait a minute: the emulator counts none
    # here (the limit tests count them), and neither does the connector.
    quick = adhoc_profile(served.url("crm"), served.siigo_source)
    profile = replace(quick, erp=replace(quick.erp, options={"requests_per_minute": 0}))
    served.clear_requests()
    report = run(reconcile_systems(profile, secrets=lambda ref: served.token))
    assert counts(report) == counts(demo)
    assert len(served.requests("/v1/invoices")) == 38  # read once, for payments and invoices
    assert sum(sum(c.values()) for c in counts(report).values()) > 500
    assert report.failures == {} and report.issues == []
    assert len(report.extras[Entity.INVOICES]) == 3713


def test_a_pull_is_cancelled_between_pages(served):
    from app.progress import Cancelled, CancelToken

    cancel = CancelToken()
    task = pulling(connect(served), Entity.CUSTOMERS, cancel=cancel)
    next(task)
    cancel.cancel()
    with pytest.raises(Cancelled):
        for _ in task:
            pass


def test_the_since_filter_is_siigos_date_format():
    from app.connectors.siigo.wire import siigo_date

    moment = datetime(2026, 3, 1, 7, 30, tzinfo=datetime.now().astimezone().tzinfo)
    assert siigo_date(moment).endswith("Z") and "T" in siigo_date(moment)
    assert siigo_date(moment - timedelta(hours=1)) < siigo_date(moment)


def test_5xx_on_a_read_is_tried_again_and_a_lost_answer_to_a_write_is_unknown(fresh):
    connector = connect(fresh)
    fresh.faults.add(status=503, path="/v1/customers", method="GET", count=2)
    assert len(connector.pull(Entity.CUSTOMERS)) == 1961
    statuses = [r.status for r in fresh.requests("/v1/customers") if r.method == "GET"]
    assert statuses[:3] == [503, 503, 200]
    before = _customer(fresh)
    fresh.faults.add(drop=1, path=f"/v1/customers/{before['source_id']}", method="PUT")
    lost = connector.apply(Correction(Entity.CUSTOMERS, before["source_id"], {"phone": "3009998877"},
                                      expected={"phone": before["phone"]}, key="k-lost"))
    assert lost.status is OutcomeStatus.UNKNOWN and "Lea el registro" in lost.detail
    # Read back, the write is there (it was handled; only its answer was lost): no resend needed.
    assert connector.read(Entity.CUSTOMERS, before["source_id"])["phone"] == "3009998877"
    again = connector.apply(Correction(Entity.CUSTOMERS, before["source_id"], {"phone": "3009998877"},
                                       expected={"phone": before["phone"]}, key="k-lost"))
    assert again.reason == "already_applied"
    assert [w for w in fresh.cloud_erp("/v1/").writes] == [("PUT", before["source_id"])]
