"""The REST connector against the sandbox CRM/ERP over real HTTP: paging, changes since,
credentials, the faults a real API throws (429, 5xx, dropped and slow responses), reading
one record back and compare-and-set writes."""

from __future__ import annotations

import http.client
import json
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from app.connectors.base import AuthError, Correction, OutcomeStatus, SourceError, pulling
from app.connectors.http import NetworkError
from app.demo.connector import DemoCrm, DemoErp
from app.domain.schema import COLUMNS, Entity
from app.progress import Cancelled, CancelToken, Progress, run
from app.reconcile.engine import reconcile
from app.reconcile.results import KINDS

# --- helpers ---------------------------------------------------------------------------------


def raw(sandbox, method, path, body=None, headers=None):
    """One request to the sandbox with its token, outside the connector: (status, headers, json)."""
    conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers={
            "Authorization": f"Bearer {sandbox.token}", "Content-Type": "application/json",
            **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        conn.close()


def query(seen):
    return {k: v[0] for k, v in parse_qs(seen.query).items()}


def listing(sandbox, path):
    """The list requests the sandbox answered for ``path`` (no single-record reads)."""
    return [r for r in sandbox.requests(path) if r.path == path]


# --- paging ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pagination", ["page", "offset", "link", "auto"])
def test_every_record_comes_once_whatever_the_paging(sandbox, rest, pagination):
    expected = sandbox.store.records("crm", "customers")
    connector = rest("crm", pagination=pagination, page_size=700)
    frame = connector.pull(Entity.CUSTOMERS)
    assert list(frame["source_id"]) == [r["id"] for r in expected]
    assert list(frame.columns[: len(COLUMNS[Entity.CUSTOMERS])]) == list(COLUMNS[Entity.CUSTOMERS])
    pages = listing(sandbox, "/crm/customers")
    assert len(pages) == 4  # 2,319 records, 700 a page
    assert all(p.status == 200 for p in pages)
    params = [query(p) for p in pages]
    if pagination == "offset":
        assert [p["offset"] for p in params] == ["0", "700", "1400", "2100"]
        assert {p["limit"] for p in params} == {"700"}
    else:
        # Link pagination asks for the size only; the sandbox's next links carry the page.
        first = None if pagination == "link" else "1"
        assert [p.get("page") for p in params] == [first, "2", "3", "4"]
        assert {p["page_size"] for p in params} == {"700"}
    assert connector.issues() == []


def test_link_pagination_follows_the_servers_links(sandbox, rest):
    connector = rest("erp", pagination="link", size_param="limit", page_size=1000)
    frame = connector.pull(Entity.PAYMENTS)
    assert len(frame) == len(sandbox.store.records("erp", "payments"))
    params = [query(p) for p in listing(sandbox, "/erp/payments")]
    # The first request asks for the size; the sandbox's next links carry offset and limit.
    assert params[0] == {"limit": "1000"}
    assert [p["offset"] for p in params[1:]] == [str(n) for n in range(1000, len(frame), 1000)]
    assert len(params) > 3


@pytest.mark.parametrize(("pagination", "requests"), [("auto", 4), ("page", 5), ("offset", 5)])
def test_without_a_total_the_pages_end_where_the_server_says(sandbox, rest, pagination, requests):
    # 612 CRM vehicles are four full pages of 153: with links the last page has no next link;
    # without them only an empty page tells the end.
    connector = rest("crm", pagination=pagination, page_size=153, total_header="")
    frame = connector.pull(Entity.VEHICLES)
    assert len(frame) == 612 and frame["source_id"].is_unique
    pages = listing(sandbox, "/crm/vehicles")
    assert len(pages) == requests
    assert all(len(parse_qs(p.query)["page_size" if pagination != "offset" else "limit"]) == 1
               for p in pages)


def test_a_next_link_to_another_server_is_not_followed(sandbox, rest):
    # The sandbox builds its links from the Host header: this one points elsewhere, where
    # following it would hand the token to another server.
    connector = rest("crm", headers={"Host": "otro.example:8080"}, page_size=1000)
    with pytest.raises(SourceError, match="remite a otro servidor"):
        connector.pull(Entity.CUSTOMERS)
    assert len(sandbox.requests()) == 1


def test_a_source_string_opens_the_rest_connector_with_the_stored_secret(sandbox):
    from app.connections.sources import open_source

    asked = []

    def secrets(ref):
        asked.append(ref)
        return sandbox.token

    connector = open_source(sandbox.url("erp") + "/", "erp", secrets=secrets)
    try:
        assert connector.describe() == f"API ERP 127.0.0.1:{sandbox.port}/erp"
        assert len(connector.pull(Entity.VEHICLES)) == len(sandbox.store.records("erp", "vehicles"))
    finally:
        connector.close()
    assert asked == [sandbox.url("erp")]


def test_pull_task_reports_each_page_with_the_total_and_honours_cancel(sandbox, rest):
    connector = rest("erp", page_size=1000)
    steps: list[Progress] = []
    frame = run(pulling(connector, Entity.PAYMENTS), steps.append)
    total = len(sandbox.store.records("erp", "payments"))
    assert len(frame) == total
    pages = [p for p in steps if p.done]
    assert [p.done for p in pages] == [*range(1000, total, 1000), total] and total > 3000
    assert {p.total for p in pages} == {total}

    sandbox.clear_requests()
    token = CancelToken()
    task = connector.pull_task(Entity.PAYMENTS, cancel=token)
    next(task)  # started
    next(task)  # first page read
    token.cancel()
    with pytest.raises(Cancelled):
        next(task)
    assert len(listing(sandbox, "/erp/payments")) == 1


def test_count_asks_for_one_record_and_reads_the_total(sandbox, rest):
    connector = rest("crm")
    assert connector.count(Entity.VEHICLES) == len(sandbox.store.records("crm", "vehicles"))
    [seen] = listing(sandbox, "/crm/vehicles")
    assert query(seen)["page_size"] == "1"


def test_an_incremental_pull_brings_only_what_changed(sandbox, rest):
    connector = rest("crm")
    everything = connector.pull(Entity.PAYMENTS)
    latest = max(everything["updated_at"])
    assert connector.pull(Entity.PAYMENTS, since=latest + timedelta(seconds=1)).empty

    status, _, _ = raw(sandbox, "PATCH", "/crm/payments/P-000007", {"medio": "Efectivo"},
                                   {"If-Match": headers_etag(sandbox, "/crm/payments/P-000007")})
    assert status == 200
    changes = connector.pull(Entity.PAYMENTS, since=latest + timedelta(seconds=1))
    assert list(changes["source_id"]) == ["P-000007"]
    assert changes["method"].tolist() == ["Efectivo"]
    assert changes["updated_at"][0] > latest
    # The zone travels with the timestamp (Bogotá when none was given).
    sent = query(listing(sandbox, "/crm/payments")[-1])["modified_since"]
    assert datetime.fromisoformat(sent) == latest + timedelta(seconds=1)
    naive = connector.pull(Entity.PAYMENTS, since=datetime(2100, 1, 1))
    assert naive.empty and list(naive.columns) == list(changes.columns)
    assert query(listing(sandbox, "/crm/payments")[-1])["modified_since"] == "2100-01-01T00:00:00-05:00"


def headers_etag(sandbox, path):
    _, headers, _ = raw(sandbox, "GET", path)
    return headers["ETag"]


# --- credentials -----------------------------------------------------------------------------


def test_refused_credentials_are_an_auth_error_without_the_secret(sandbox, rest):
    canary = "canary-secret-7f3a9"
    with pytest.raises(AuthError) as refused:
        rest("crm", secret=canary).pull(Entity.CUSTOMERS)
    message = str(refused.value)
    assert "401" in message and "127.0.0.1" in message and "cuadre credentials set" in message
    assert canary not in message and sandbox.token not in message
    assert [r.status for r in sandbox.requests("/crm")] == [401]  # refused credentials: no retry

    with pytest.raises(AuthError) as missing:
        rest("crm", secret=None).pull(Entity.CUSTOMERS)
    assert f"cuadre credentials set {sandbox.url('crm')}" in str(missing.value)
    assert len(sandbox.requests("/crm")) == 1  # nothing sent without a credential


def test_basic_auth_sends_the_secret_as_the_password(sandbox, rest):
    connector = rest("erp", auth="basic", username="cuadre")
    assert len(connector.pull(Entity.VEHICLES)) == len(sandbox.store.records("erp", "vehicles"))
    assert sandbox.requests("/erp")[0].headers["authorization"].startswith("Basic ")


# --- faults ----------------------------------------------------------------------------------


def test_429_waits_what_retry_after_asks_then_succeeds(sandbox, rest):
    sandbox.faults.add(status=429, retry_after=1, path="/crm/vehicles")
    frame = rest("crm").pull(Entity.VEHICLES)
    assert len(frame) == len(sandbox.store.records("crm", "vehicles"))
    first, second, *_ = listing(sandbox, "/crm/vehicles")
    assert (first.status, second.status) == (429, 200)
    # The retry base delay is 0.01 s: only Retry-After explains a wait of a whole second.
    assert second.at - first.at >= 1.0


def test_a_retry_after_beyond_the_cap_fails_at_once_with_a_clear_message(sandbox, rest):
    sandbox.faults.add(status=429, retry_after=3600, path="/crm/vehicles")
    with pytest.raises(SourceError, match="pide esperar 3600 s"):
        rest("crm").pull(Entity.VEHICLES)
    assert len(listing(sandbox, "/crm/vehicles")) == 1


def test_5xx_is_retried_until_it_succeeds(sandbox, rest):
    sandbox.faults.add(status=503, count=2, path="/erp/customers")
    sandbox.faults.add(status=500, count=1, path="/erp/customers")
    frame = rest("erp").pull(Entity.CUSTOMERS)
    assert len(frame) == len(sandbox.store.records("erp", "customers"))
    assert [r.status for r in listing(sandbox, "/erp/customers")][:4] == [503, 503, 500, 200]


def test_persistent_5xx_is_a_source_error_after_the_last_attempt(sandbox, rest):
    sandbox.faults.add(status=500, count=0, path="/erp/customers")
    with pytest.raises(SourceError) as failed:
        rest("erp", retry_attempts=3).pull(Entity.CUSTOMERS)
    assert "HTTP 500" in str(failed.value) and "/erp/customers" in str(failed.value)
    assert "injected_fault" not in str(failed.value)  # never the response body
    assert [r.status for r in listing(sandbox, "/erp/customers")] == [500, 500, 500]


def test_a_dropped_response_to_a_read_is_retried(sandbox, rest):
    sandbox.faults.add(drop=1, path="/crm/payments")
    frame = rest("crm", page_size=1000).pull(Entity.PAYMENTS)
    assert len(frame) == len(sandbox.store.records("crm", "payments"))
    statuses = [r.status for r in listing(sandbox, "/crm/payments")]
    assert statuses[0] is None and statuses[1:] == [200] * -(-len(frame) // 1000)
    assert query(listing(sandbox, "/crm/payments")[1])["page"] == "1"


def test_a_slow_server_is_a_timeout_error(sandbox, rest):
    sandbox.faults.add(delay=5, count=0, path="/crm/deals")
    with pytest.raises(NetworkError, match="no respondió a tiempo tras varios intentos") as slow:
        rest("crm", timeout=0.3, retry_attempts=2).pull(Entity.DEALS)
    assert slow.value.maybe_sent
    assert len(listing(sandbox, "/crm/deals")) == 2


# --- what cannot be read ---------------------------------------------------------------------


def test_unreadable_cells_become_issues_and_keep_their_rows(sandbox, rest):
    path = "/crm/payments/P-000002"
    status, _, _ = raw(sandbox, "PATCH", path, {"valor": "no sé cuánto", "fecha": "31/02/2026"},
                       {"If-Match": headers_etag(sandbox, path)})
    assert status == 200
    connector = rest("crm")
    frame = connector.pull(Entity.PAYMENTS)
    assert len(frame) == len(sandbox.store.records("crm", "payments"))
    row = frame[frame["source_id"] == "P-000002"].iloc[0]
    assert row["amount"] is None and row["paid_on"] is None and row["receipt_number"] == "RC-004002"
    found = {(i.source_id, i.column, i.reason) for i in connector.issues()}
    assert found == {("P-000002", "valor", "unparseable"), ("P-000002", "fecha", "unparseable")}
    assert frame[frame["source_id"] == "P-000001"].iloc[0]["amount"] == Decimal("76000000")


# --- what the insights read besides -----------------------------------------------------------


#: (system, path, entity, the demo table behind it)
EXTRA_PATHS = (("erp", "invoices", Entity.INVOICES), ("erp", "services", Entity.SERVICES),
               ("erp", "contracts", Entity.CONTRACTS), ("crm", "followups", Entity.FOLLOWUPS))


@pytest.mark.parametrize(("system", "path", "entity"), EXTRA_PATHS)
def test_the_insights_paths_read_into_their_canonical_frames(sandbox, rest, system, path, entity):
    connector = rest(system, page_size=1000)
    frame = connector.pull(entity)
    assert list(frame.columns) == list(COLUMNS[entity])
    assert len(frame) == len(sandbox.store.records(system, path)) > 0
    assert connector.issues() == []
    rows = frame.to_dict("records")
    assert all(r["source_id"] and (r["vin"] or r["customer_doc"]) for r in rows)
    if entity is Entity.INVOICES:
        assert {r["status"] for r in rows} <= {"validated", "annulled"}
        assert all(isinstance(r["total"], Decimal) and isinstance(r["issued_on"], date)
                   for r in rows)
        assert all("-" in r["invoice_number"] for r in rows)  # prefix and number joined
    elif entity is Entity.SERVICES:
        assert {r["kind"] for r in rows} <= {"first_service", "maintenance", "repair", "warranty"}
        assert all(type(r["odometer_km"]) is int for r in rows if r["odometer_km"] is not None)
        assert all(isinstance(r["visited_on"], date) for r in rows)
    elif entity is Entity.CONTRACTS:
        assert {r["kind"] for r in rows} == {"soat", "insurance", "financing"}
        assert all(r["starts_on"] <= r["ends_on"] for r in rows)
    else:
        assert {r["status"] for r in rows} <= {"open", "done", "cancelled"}
        assert all(isinstance(r["due_on"], date) for r in rows)


def test_the_days_a_unit_came_in_and_a_lead_was_created_come_over_rest(sandbox, rest):
    vehicles = rest("erp", page_size=1000).pull(Entity.VEHICLES)
    stock = {str(r["id"]): r["fecha_ingreso"] for r in sandbox.store.records("erp", "vehicles")}
    assert {r["source_id"]: (r["received_on"].isoformat() if r["received_on"] else None)
            for r in vehicles.to_dict("records")} == stock
    assert any(stock.values()) and not all(stock.values())  # units in transit have none
    deals = rest("crm", page_size=1000).pull(Entity.DEALS)
    assert deals["created_on"].notna().all()


def test_a_path_the_api_does_not_have_is_a_quick_source_error(sandbox, rest):
    connector = rest("crm")
    for entity in (Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS):
        with pytest.raises(SourceError, match=rf"/crm/{entity.value} no existe en el servidor "
                                              r"\(HTTP 404\)"):
            connector.pull(entity)
        # Asked once, not retried: a 404 will not go away.
        assert [r.status for r in sandbox.requests(f"/crm/{entity.value}")] == [404]
    # The reconciliation goes on without them; the ERP's and the CRM's own come along.
    report = run(reconcile(connector, rest("erp"), entities=(Entity.VEHICLES,)))
    assert set(report.extras) == {Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS,
                                  Entity.FOLLOWUPS}
    wrong = run(reconcile(rest("erp"), rest("crm"), entities=(Entity.VEHICLES,)))
    assert wrong.extras == {}  # each asked of the other system: none there


# --- read and write --------------------------------------------------------------------------


def test_read_returns_one_canonical_record_or_none(sandbox, rest):
    connector = rest("erp")
    record = connector.read(Entity.CUSTOMERS, "1")
    assert record is not None
    assert record["source_id"] == "1" and record["doc_type"] == "CC"
    assert record["doc_number"] == sandbox.store.get("erp", "customers", "1")[0]["nit"]
    assert connector.read(Entity.CUSTOMERS, "999999") is None
    assert connector.read(Entity.PAYMENTS, "1")["invoice_number"] == "FEB-10001"


def correction(connector, entity, source_id, key="k-1", **changes):
    current = connector.read(entity, source_id)
    return Correction(entity, source_id, changes, {k: current[k] for k in changes}, key)


def test_apply_writes_with_if_match_and_the_idempotency_key(sandbox, rest):
    connector = rest("erp")
    fix = correction(connector, Entity.CUSTOMERS, "2", key="key-2", phone="3001112233",
                     email="nuevo@example.com")
    outcome = connector.apply(fix)
    assert outcome.status is OutcomeStatus.APPLIED
    assert outcome.record["phone"] == "3001112233"
    stored, etag = sandbox.store.get("erp", "customers", "2")
    assert (stored["telefono"], stored["email"], etag) == ("3001112233", "nuevo@example.com", '"v2"')
    [patch] = [r for r in sandbox.requests("/erp/customers/2") if r.method == "PATCH"]
    assert patch.headers["if-match"] == '"v1"' and patch.headers["idempotency-key"] == "key-2"
    assert connector.read(Entity.CUSTOMERS, "2")["email"] == "nuevo@example.com"

    # Applying it again changes nothing: the record already holds the new values.
    again = connector.apply(fix)
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
    assert len([r for r in sandbox.requests("/erp/customers/2") if r.method == "PATCH"]) == 1
    assert sandbox.store.get("erp", "customers", "2")[1] == '"v2"'


def test_apply_is_a_conflict_when_the_record_no_longer_holds_the_expected_values(sandbox, rest):
    connector = rest("crm")
    fix = Correction(Entity.CUSTOMERS, "C-00003", {"email": "otro@example.com"},
                     {"email": "no-era-este@example.com"}, "k-3")
    outcome = connector.apply(fix)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "expected_mismatch")
    assert "email" in outcome.detail and "no-era-este" not in outcome.detail
    assert not [r for r in sandbox.requests() if r.method == "PATCH"]


def test_apply_is_a_conflict_when_someone_writes_between_read_and_write(sandbox, rest, monkeypatch):
    connector = rest("crm")
    fix = correction(connector, Entity.CUSTOMERS, "C-00005", phone="3150000000")
    fetch = connector._fetch

    def read_then_someone_else_writes(entity, source_id):
        found = fetch(entity, source_id)
        status, _, _ = raw(sandbox, "PATCH", f"/crm/customers/{source_id}",
                           {"direccion": "Calle 1 # 2-3"}, {"If-Match": found[1]})
        assert status == 200
        return found

    monkeypatch.setattr(connector, "_fetch", read_then_someone_else_writes)
    outcome = connector.apply(fix)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "etag_mismatch")
    assert sandbox.store.get("crm", "customers", "C-00005")[0]["celular"] != "3150000000"


def test_a_dropped_answer_to_a_write_is_unknown_and_reading_back_resolves_it(sandbox, rest):
    connector = rest("erp")
    fix = correction(connector, Entity.VEHICLES, "5", key="k-5", color="ROJO FUEGO")
    sandbox.faults.add(drop=1, method="PATCH", path="/erp/vehicles/5")
    outcome = connector.apply(fix)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.UNKNOWN, "network")
    assert len([r for r in sandbox.requests("/erp/vehicles/5") if r.method == "PATCH"]) == 1
    # The sandbox handled the write before dropping the answer: a retry finds it applied.
    retry = connector.apply(fix)
    assert (retry.status, retry.reason) == (OutcomeStatus.APPLIED, "already_applied")


def test_a_write_that_fails_is_not_retried_by_the_connector(sandbox, rest):
    connector = rest("erp")
    fix = correction(connector, Entity.CUSTOMERS, "6", key="k-6", email="x@example.com")
    sandbox.faults.add(status=503, method="PATCH", path="/erp/customers/6")
    outcome = connector.apply(fix)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.FAILED, "injected_fault")
    assert len([r for r in sandbox.requests("/erp/customers/6") if r.method == "PATCH"]) == 1


def test_fields_the_api_cannot_take_are_rejected(sandbox, rest):
    crm, erp = rest("crm"), rest("erp")
    # The CRM keeps a city name, no DIVIPOLA code.
    no_code = crm.apply(Correction(Entity.CUSTOMERS, "C-00001", {"city_code": "05001"}, {}, "a"))
    assert (no_code.status, no_code.reason) == (OutcomeStatus.REJECTED, "field_not_writable")
    # The ERP writes an invoice number as prefix and number: two fields.
    split = erp.apply(Correction(Entity.PAYMENTS, "1", {"invoice_number": "FEB-1"}, {}, "b"))
    assert (split.status, split.reason) == (OutcomeStatus.REJECTED, "field_not_writable")
    # The CUFE comes from the invoice: the ERP refuses it (HTTP 400).
    refused = erp.apply(Correction(Entity.PAYMENTS, "1", {"cufe": "0" * 96}, {}, "c"))
    assert (refused.status, refused.reason) == (OutcomeStatus.REJECTED, "read_only_field")
    assert "400" in refused.detail
    missing = erp.apply(Correction(Entity.CUSTOMERS, "999999", {"email": "a@b.co"}, {}, "d"))
    assert (missing.status, missing.reason) == (OutcomeStatus.CONFLICT, "not_found")


# --- the acceptance test ---------------------------------------------------------------------


def test_reconciling_the_sandbox_over_rest_finds_what_the_demo_finds(sandbox, rest, demo_data):
    def counts(report):
        return {entity: Counter(m.kind for m in report[entity].findings()) for entity in KINDS}

    demo = run(reconcile(DemoCrm(demo_data.crm), DemoErp(demo_data.erp)))
    crm, erp = rest("crm"), rest("erp")
    report = run(reconcile(crm, erp))
    assert counts(report) == counts(demo)
    assert sum(sum(c.values()) for c in counts(report).values()) > 1000
    assert report.issues == []
    assert report.sources == {"crm": f"API CRM 127.0.0.1:{sandbox.port}/crm",
                              "erp": f"API ERP 127.0.0.1:{sandbox.port}/erp"}
    assert {e: len(f) for e, f in report.extras.items()} == {
        e: len(sandbox.store.records(system, path)) for system, path, e in EXTRA_PATHS}
