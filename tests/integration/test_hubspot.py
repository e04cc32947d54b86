"""HubSpot against the sandbox's emulator, over real HTTP on 127.0.0.1: the emulator refuses
what HubSpot refuses (its error shape, limits, rate limits), and the connector pulls, pulls
incrementally (search windows under the 10,000 cap), survives faults and rate limits, writes
corrections back and reads them back, merges contacts once and refuses to undo a merge; and
HubSpot reconciled against the demo ERP finds what the demo's CRM finds."""

from __future__ import annotations

import http.client
import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.connections.sources import open_source
from app.connectors.base import AuthError, Correction, MergeRequest, OutcomeStatus, SourceError
from app.connectors.hubspot import connector as hub_connector
from app.connectors.hubspot.connector import HubSpotConnector
from app.demo.connector import DemoCrm, DemoErp
from app.demo.sandbox import Sandbox, instructions
from app.demo.sandbox import hubspot as emulator
from app.demo.sandbox.hubspot import Limits
from app.demo.sandbox.hubspot_data import PORTAL_ID
from app.domain.schema import Entity
from app.domain.sources import SourceError as SpecError
from app.domain.sources import SourceKind, parse_source, secret_ref
from app.progress import run
from app.reconcile.engine import reconcile
from app.reconcile.results import KINDS

CONTACTS = "/crm/v3/objects/contacts"


def call(sb, method, path, body=None, token=True, headers=None):
    conn = http.client.HTTPConnection(sb.host, sb.port, timeout=10)
    try:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {sb.token}"
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=sent)
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(data)
    finally:
        conn.close()


def hubspot_error(body, category):
    assert body["status"] == "error" and body["category"] == category
    assert body["message"] and len(body["correlationId"]) == 36


@pytest.fixture
def hub(sandbox):
    made = []

    def make(**options):
        options.setdefault("attempts", 5)
        c = open_source(sandbox.hubspot_source, "crm", secrets=lambda ref: sandbox.token)
        if options:
            c = HubSpotConnector(sandbox.hubspot_source, options.pop("secret", sandbox.token),
                                 **options)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


# --- the source ------------------------------------------------------------------------------


def test_a_hubspot_source_is_named_by_its_portal_and_keeps_no_secret():
    assert parse_source("hubspot://12345678").kind is SourceKind.HUBSPOT
    assert secret_ref(" HubSpot://12345678 ") == "hubspot://12345678"
    assert secret_ref("hubspot://1@LocalHost:8765") == "hubspot://1@localhost:8765"
    for bad in ("hubspot://portal", "hubspot://123/x", "hubspot://1:clave@127.0.0.1",
                "hubspot://123?token=x", "hubspot://"):
        with pytest.raises(SpecError):
            parse_source(bad)
    assert hub_connector.api_base("hubspot://12") == ("12", "https://api.hubapi.com")
    assert hub_connector.api_base("hubspot://12@127.0.0.1:9") == ("12", "http://127.0.0.1:9")
    assert hub_connector.api_base("hubspot://12@crm.example.co") == ("12", "https://crm.example.co")


def test_cuadre_sandbox_says_how_to_connect_to_hubspot(sandbox):
    text = instructions(sandbox)
    source = f"hubspot://{PORTAL_ID}@127.0.0.1:{sandbox.port}"
    assert f"CRM (HubSpot): {source}" in text
    assert f"cuadre credentials set {source}" in text
    assert f"cuadre reconcile --crm {source} --erp {sandbox.url('erp')}" in text


# --- the emulator refuses what HubSpot refuses ------------------------------------------------


def test_the_emulator_wants_a_bearer_token_and_answers_hubspots_error_shape(sandbox):
    status, _, body = call(sandbox, "GET", CONTACTS, token=False)
    assert status == 401
    hubspot_error(body, "INVALID_AUTHENTICATION")
    basic = {"Authorization": "Basic eDp5"}
    assert call(sandbox, "GET", CONTACTS, token=False, headers=basic)[0] == 401
    status, _, body = call(sandbox, "GET", f"{CONTACTS}/1")
    assert status == 404
    hubspot_error(body, "OBJECT_NOT_FOUND")


def test_the_emulator_refuses_pages_batches_and_properties_over_the_documented_limits(sandbox):
    assert call(sandbox, "GET", f"{CONTACTS}?limit=101")[0] == 400
    status, _, body = call(sandbox, "POST", f"{CONTACTS}/search", {"limit": 201})
    assert status == 400
    hubspot_error(body, "VALIDATION_ERROR")
    assert call(sandbox, "POST", f"{CONTACTS}/search", {"limit": 200, "after": 9900})[0] == 400
    unknown = {"filterGroups": [{"filters": [{"propertyName": "no_existe", "operator": "EQ",
                                              "value": "1"}]}]}
    assert call(sandbox, "POST", f"{CONTACTS}/search", unknown)[0] == 400
    ids = [{"id": str(10_000_001 + n)} for n in range(101)]
    assert call(sandbox, "POST", f"{CONTACTS}/batch/read", {"inputs": ids})[0] == 400
    status, _, body = call(sandbox, "POST", f"{CONTACTS}/batch/update", {"inputs": [
        {"id": "10000001", "properties": {"no_existe": "x"}}]})
    assert status == 400 and "PROPERTY_DOESNT_EXIST" in body["message"]
    status, _, body = call(sandbox, "POST", f"{CONTACTS}/batch/update", {"inputs": [
        {"id": "10000001", "properties": {"hs_lastmodifieddate": "x"}}]})
    assert status == 400 and "READ_ONLY_VALUE" in body["message"]
    status, _, body = call(sandbox, "POST", f"{CONTACTS}/batch/read", {
        "inputs": [{"id": "10000001"}, {"id": "1"}], "properties": ["email"]})
    assert status == 207 and body["numErrors"] == 1 and len(body["results"]) == 1


def test_the_emulator_enforces_the_rate_limits_with_hubspots_headers(demo_data, cuadre_data_dir):
    with Sandbox(port=0, data_dir=cuadre_data_dir,
                 hubspot_limits=Limits(burst=3, window=10.0)) as sb:
        status, headers, _ = call(sb, "GET", f"{CONTACTS}?limit=1")
        assert status == 200 and headers["x-hubspot-ratelimit-max"] == "3"
        assert headers["x-hubspot-ratelimit-remaining"] == "2"
        assert headers["x-hubspot-ratelimit-interval-milliseconds"] == "10000"
        assert "x-hubspot-ratelimit-daily-remaining" in headers
        search = call(sb, "POST", f"{CONTACTS}/search", {"limit": 1})
        assert search[0] == 200 and "x-hubspot-ratelimit-max" not in search[1]
        call(sb, "GET", f"{CONTACTS}?limit=1")
        status, headers, body = call(sb, "GET", f"{CONTACTS}?limit=1")
        assert status == 429 and int(headers["retry-after"]) >= 1
        assert (body["errorType"], body["policyName"]) == ("RATE_LIMIT", "SECONDLY")
    with Sandbox(port=0, data_dir=cuadre_data_dir) as sb:
        answers = [call(sb, "POST", f"{CONTACTS}/search", {"limit": 1})[0] for _ in range(8)]
        assert answers[:5] == [200] * 5 and 429 in answers[5:]


# --- pulling ---------------------------------------------------------------------------------


def test_a_pull_reads_every_object_as_the_demo_crm_holds_it(sandbox, hub, demo_data):
    c = hub()
    assert c.check_portal() == PORTAL_ID
    demo = DemoCrm(demo_data.crm)
    for entity in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS):
        got, want = c.pull(entity), demo.pull(entity)
        assert len(got) == len(want), entity
        drop = ["source_id", "updated_at"]
        key = {Entity.CUSTOMERS: "email", Entity.PAYMENTS: "receipt_number",
               Entity.VEHICLES: "vin", Entity.DEALS: "vin"}[entity]
        a = got.drop(columns=drop).sort_values([key, *[k for k in got if k not in drop][:3]])
        b = want[list(got.columns)].drop(columns=drop).sort_values(
            [key, *[k for k in got if k not in drop][:3]])
        assert a.astype(str).values.tolist() == b.astype(str).values.tolist(), entity
    consented = c.pull(Entity.CUSTOMERS)
    assert consented["habeas_data_consent"].any() and not consented["habeas_data_consent"].all()
    with_date = consented[consented["habeas_data_consent"]]
    assert with_date["consent_date"].notna().mean() > 0.9
    assert c.count(Entity.CUSTOMERS) == len(consented)
    assert c.issues() == []
    searched = [r for r in sandbox.requests("/crm/v3/objects") if r.path.endswith("/search")]
    assert len(searched) == 1  # the count; a whole pull lists, 100 a page
    assert all("limit=100" in r.query for r in sandbox.requests(CONTACTS) if r.method == "GET")


def test_an_incremental_pull_searches_hs_lastmodifieddate_with_the_cursor(sandbox, hub):
    c = hub()
    since = datetime(2026, 6, 1, tzinfo=UTC)
    whole = c.pull(Entity.CUSTOMERS)
    changed = c.pull(Entity.CUSTOMERS, since=since)
    assert 0 < len(changed) < len(whole)
    assert (changed["updated_at"] >= since).all()
    assert len(changed) == (whole["updated_at"] >= since).sum()
    searches = [json.loads(r.body) for r in sandbox.requests(f"{CONTACTS}/search")]
    assert len(searches) > 1 and all(s["limit"] == 200 for s in searches)
    assert searches[1]["after"] == 200
    assert searches[0]["filterGroups"][0]["filters"][0]["propertyName"] == "hs_lastmodifieddate"


def test_more_changes_than_a_search_can_page_are_split_by_date(sandbox, hub, monkeypatch):
    monkeypatch.setattr(hub_connector, "SEARCH_CAP", 1000)
    monkeypatch.setattr(emulator, "SEARCH_CAP", 1000)
    c = hub()
    since = datetime(2000, 1, 1, tzinfo=UTC)
    assert len(c.pull(Entity.PAYMENTS, since=since)) == len(c.pull(Entity.PAYMENTS))
    bodies = [json.loads(r.body) for r in sandbox.requests("/crm/v3/objects/2-")
              if r.path.endswith("/search")]
    windows = {tuple(f["value"] for f in b["filterGroups"][0]["filters"]) for b in bodies}
    assert any(len(w) == 1 for w in windows)  # the last window is open-ended
    assert len(windows) > 4 and max(b["after"] for b in bodies) < 1000


# --- faults and limits -------------------------------------------------------------------------


def test_a_429_is_waited_for_and_a_5xx_retried(sandbox, hub):
    sandbox.faults.add(status=429, retry_after=1, path=CONTACTS, count=1)
    sandbox.faults.add(status=502, path=CONTACTS, count=1)
    assert len(hub().pull(Entity.CUSTOMERS)) > 2000
    statuses = [r.status for r in sandbox.requests(CONTACTS)]
    assert statuses[:3] == [429, 502, 200]


def test_a_portal_over_its_burst_limit_is_waited_for(demo_data, cuadre_data_dir):
    with Sandbox(port=0, data_dir=cuadre_data_dir,
                 hubspot_limits=Limits(burst=3, window=1.0)) as sb:
        c = HubSpotConnector(sb.hubspot_source, sb.token, requests_per_10s=1000)
        try:
            assert len(c.pull(Entity.VEHICLES)) == 612
        finally:
            c.close()
        assert 429 in [r.status for r in sb.requests("/crm/v3")]


def test_a_missing_or_refused_token_and_another_portal_say_so(sandbox, demo_data):
    with pytest.raises(AuthError, match="cuadre credentials set"):
        open_source(sandbox.hubspot_source, "crm", secrets=lambda ref: None).pull(Entity.CUSTOMERS)
    with pytest.raises(AuthError):
        HubSpotConnector(sandbox.hubspot_source, "otro").pull(Entity.CUSTOMERS)
    other = HubSpotConnector(f"hubspot://99@127.0.0.1:{sandbox.port}", sandbox.token)
    with pytest.raises(AuthError, match="otro portal"):
        other.pull(Entity.CUSTOMERS)
    assert sandbox.requests(CONTACTS) == []  # nothing of another portal was read
    with pytest.raises(SourceError, match="seguimientos"):
        HubSpotConnector(sandbox.hubspot_source, sandbox.token).pull(Entity.FOLLOWUPS)


# --- writing back ------------------------------------------------------------------------------


def test_a_contact_correction_is_written_with_batch_update_and_read_back(sandbox, hub):
    c = hub()
    before = c.read(Entity.CUSTOMERS, "10000002")
    fix = Correction(Entity.CUSTOMERS, "10000002", {"email": "nueva@correo.co", "phone": "3001234567"},
                     {"email": before["email"], "phone": before["phone"]}, "k1")
    done = c.apply(fix)
    assert done.status is OutcomeStatus.APPLIED and done.record["email"] == "nueva@correo.co"
    props = sandbox.hubspot().portal.get("contacts", "10000002").properties
    assert (props["email"], props["mobilephone"]) == ("nueva@correo.co", "3001234567")
    assert [r.path for r in sandbox.requests(CONTACTS) if r.method == "POST"][-2:] == [
        f"{CONTACTS}/batch/update", f"{CONTACTS}/batch/read"]
    assert c.apply(fix).reason == "already_applied"
    stale = Correction(Entity.CUSTOMERS, "10000002", {"email": "otra@correo.co"},
                       {"email": before["email"]}, "k2")
    assert c.apply(stale).status is OutcomeStatus.CONFLICT
    consent = Correction(Entity.CUSTOMERS, "10000003", {"habeas_data_consent": True,
                                                        "consent_date": datetime(2026, 1, 5).date()},
                         {}, "k3")
    applied = c.apply(consent)
    assert applied.status is OutcomeStatus.APPLIED and applied.record["habeas_data_consent"]
    missing = c.apply(Correction(Entity.CUSTOMERS, "1", {"email": "a@b.co"}, {"email": None}, "k4"))
    assert (missing.status, missing.permanent) == (OutcomeStatus.REJECTED, True)
    changed = c.pull(Entity.CUSTOMERS, since=datetime.now(UTC) - timedelta(minutes=1))
    assert set(changed["source_id"]) == {"10000002", "10000003"}


# --- merging ---------------------------------------------------------------------------------


def _merge_request(c, survivor, other, **extra):
    snap = {i: c.read(Entity.CUSTOMERS, i) for i in (survivor, other)}
    return MergeRequest(Entity.CUSTOMERS, survivor, (other,), {"email": "fusion@correo.co"},
                        {i: {k: v for k, v in r.items() if k != "updated_at"}
                         for i, r in snap.items()}, key="m1", **extra)


def test_a_merge_goes_through_hubspots_endpoint_once_and_cannot_be_undone(sandbox, hub):
    c = hub()
    request = _merge_request(c, "10000010", "10000011")
    done = c.merge(request)
    assert done.status is OutcomeStatus.APPLIED, done.detail
    assert c.read(Entity.CUSTOMERS, "10000011") is None
    assert c.read(Entity.CUSTOMERS, "10000010")["email"] == "fusion@correo.co"
    merges = [json.loads(r.body) for r in sandbox.requests(f"{CONTACTS}/merge")]
    assert merges == [{"primaryObjectId": "10000010", "objectIdToMerge": "10000011"}]
    assert c.merge(request).reason == "already_applied"
    assert len(sandbox.requests(f"{CONTACTS}/merge")) == 1
    undo = c.merge(replace(request, undo=True))
    assert (undo.status, undo.reason, undo.permanent) == (OutcomeStatus.REJECTED, "cannot_undo", True)
    assert "imagen previa" in undo.detail


def test_a_merge_whose_records_changed_since_approval_is_not_sent(sandbox, hub):
    c = hub()
    request = _merge_request(c, "10000020", "10000021")
    c.apply(Correction(Entity.CUSTOMERS, "10000021", {"address": "Calle 1 # 2-3"}, {}, "x"))
    refused = c.merge(request)
    assert refused.status is OutcomeStatus.CONFLICT
    assert sandbox.requests(f"{CONTACTS}/merge") == []
    sandbox.faults.add(status=503, path=f"{CONTACTS}/merge", count=1)
    fresh = _merge_request(c, "10000030", "10000031")
    failed = c.merge(fresh)
    assert failed.status is OutcomeStatus.FAILED  # never retried by the connector
    assert len(sandbox.requests(f"{CONTACTS}/merge")) == 1


# --- the acceptance test -----------------------------------------------------------------------


def test_hubspot_reconciled_against_the_demo_erp_finds_what_the_demo_crm_finds(
        sandbox, hub, rest, demo_data):
    def findings(report):
        return {entity: Counter((m.kind, m.erp_id, m.field, m.at_stake)
                                for m in report[entity].findings()) for entity in KINDS}

    demo = run(reconcile(DemoCrm(demo_data.crm), DemoErp(demo_data.erp)))
    report = run(reconcile(hub(), rest("erp")))
    assert findings(report) == findings(demo)
    assert sum(sum(c.values()) for c in findings(report).values()) > 1000
    assert report.sources["crm"] == f"HubSpot (portal {PORTAL_ID})"


def test_vehicles_kept_on_deals_and_a_missing_custom_object_are_read_as_the_profile_says(
        sandbox, hub):
    c = hub(objects={"vehicles": "deals", "payments": "cobros"})
    vehicles = c.pull(Entity.VEHICLES)
    deals = c.pull(Entity.DEALS)
    with_unit = deals[deals["vin"].notna() & deals["stage"].ne("lost")]
    assert len(vehicles) == len(with_unit) > 0
    assert sorted(vehicles["vin"]) == sorted(with_unit["vin"])
    assert set(vehicles["status"].dropna()) <= {"sold", "reserved"}
    assert set(vehicles["deal_id"]) <= set(deals["source_id"])
    with pytest.raises(SourceError, match="cobros"):
        c.pull(Entity.PAYMENTS)


def test_probar_conexion_counts_what_the_portal_holds(sandbox):
    from app.connections.probe import test_connection
    from app.connections.profiles import ConnectionProfile, SourceConfig

    profile = ConnectionProfile("HubSpot", crm=SourceConfig(kind="hubspot",
                                                            source=sandbox.hubspot_source))
    result = run(test_connection(profile, "crm", secrets=lambda ref: sandbox.token))
    assert result["ok"], result
    assert result["counts"] == {"customers": 2319, "payments": 4057, "vehicles": 612,
                                "deals": 645}
    refused = run(test_connection(profile, "crm", secrets=lambda ref: "otro"))
    assert not refused["ok"] and "HTTP 401" in refused["error"]


def test_a_merge_carries_the_consent_and_repoints_the_related_records(sandbox, hub):
    from app.connectors.base import ChildChange

    c = hub()
    survivor, other = "10000040", "10000041"
    payments = c.pull(Entity.PAYMENTS)
    doc = c.read(Entity.CUSTOMERS, other)["doc_number"]
    mine = payments[payments["customer_doc"] == doc]["source_id"].tolist()[:2]
    assert mine and doc != c.read(Entity.CUSTOMERS, survivor)["doc_number"]
    new_doc = c.read(Entity.CUSTOMERS, survivor)["doc_number"]
    base = _merge_request(c, survivor, other)
    request = replace(base, changes={"habeas_data_consent": True,
                                     "consent_date": datetime(2025, 3, 4).date(),
                                     "consent_channel": "formulario web"},
                      children=tuple(ChildChange(Entity.PAYMENTS, p, "customer_doc", doc, new_doc)
                                     for p in mine))
    done = c.merge(request)
    assert done.status is OutcomeStatus.APPLIED, done.detail
    kept = c.read(Entity.CUSTOMERS, survivor)
    assert (kept["habeas_data_consent"], str(kept["consent_date"]), kept["consent_channel"]) == (
        True, "2025-03-04", "formulario web")
    assert all(c.read(Entity.PAYMENTS, p)["customer_doc"] == new_doc for p in mine)


def test_a_push_to_hubspot_waits_what_a_429_asks_then_writes_once(sandbox, hub, tmp_path):
    from support.push_cases import staff

    from app.connectors.http import RetryPolicy
    from app.domain.schema import System
    from app.store import open_store
    from app.writeback import corrections as fixes
    from app.writeback import outbox
    from app.writeback.push import push

    c = hub()
    before = c.read(Entity.CUSTOMERS, "10000050")
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        staff(store)
        made = fixes.propose(store, "ana", entity="customers", system="crm",
                             source_id="10000050", field="email", old=before["email"],
                             new="empujado@correo.co")
        fixes.approve(store, "carla", made.id)
        sandbox.faults.add(status=429, retry_after=2, method="POST",
                           path=f"{CONTACTS}/batch/update", count=1)
        sleeps: list[float] = []
        summary = push(store, {System.CRM: c}, "carla",
                       policy=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05),
                       sleep=sleeps.append)
        assert summary.counts == {"applied": 1}
        assert 2.0 <= sum(sleeps) <= 2.1
        item = outbox.latest(store, made.id)
        assert (item.state, item.attempts) == ("applied", 2)
    assert [r.status for r in sandbox.requests(f"{CONTACTS}/batch/update")] == [429, 200]
    assert c.read(Entity.CUSTOMERS, "10000050")["email"] == "empujado@correo.co"


def test_the_command_line_reconciles_hubspot_with_its_token_from_the_keyring(
        sandbox, monkeypatch, capsys, tmp_path):
    import io

    from support.memory_keyring import MemoryKeyring, installed

    from app.cli.main import main

    out = tmp_path / "informe.json"
    with installed(MemoryKeyring()) as keyring:
        for source in (sandbox.hubspot_source, sandbox.url("erp")):
            monkeypatch.setattr("sys.stdin", io.StringIO(sandbox.token + "\n"))
            assert main(["credentials", "set", source]) == 0
        code = main(["reconcile", "--crm", sandbox.hubspot_source, "--erp", sandbox.url("erp"),
                     "--out", str(out), "--quiet"])
    printed = "".join(capsys.readouterr())
    assert code == 0, printed
    assert keyring.entries and sandbox.token not in printed
    report = json.loads(out.read_text("utf-8"))
    assert f"HubSpot (portal {PORTAL_ID})" in json.dumps(report, ensure_ascii=False)
    assert sandbox.token not in out.read_text("utf-8")


def test_an_undated_consent_can_take_the_day_its_legal_basis_was_recorded(sandbox, hub):
    first = hub().pull(Entity.CUSTOMERS)
    consenting = first[first["habeas_data_consent"]].head(3)
    days = dict(zip(consenting["source_id"], consenting["consent_date"], strict=True))
    ids = list(days)
    # The dealership never typed the day in; one consent was withdrawn and given again.
    status, _, _ = call(sandbox, "POST", f"{CONTACTS}/batch/update", {"inputs": [
        {"id": i, "properties": {"fecha_autorizacion": ""}} for i in ids]})
    assert status == 200
    for value in ("", "Freely given consent from contact"):
        call(sandbox, "POST", f"{CONTACTS}/batch/update", {"inputs": [
            {"id": ids[2], "properties": {"hs_legal_basis": value}}]})
    sandbox.clear_requests()
    plain = hub().pull(Entity.CUSTOMERS).set_index("source_id")
    assert plain.loc[ids, "consent_date"].isna().all()  # a finding, by default
    assert sandbox.requests(f"{CONTACTS}/batch/read") == []
    dated = hub(consent_date_from_history=True).pull(Entity.CUSTOMERS).set_index("source_id")
    assert [dated.loc[i, "consent_date"] for i in ids[:2]] == [days[i] for i in ids[:2]]
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Bogota"))
    assert dated.loc[ids[2], "consent_date"] == today.date()
    others = plain.index.difference(ids)
    assert [i for i in others
            if str(dated.loc[i, "consent_date"]) != str(plain.loc[i, "consent_date"])] == []
    reads = [json.loads(r.body) for r in sandbox.requests(f"{CONTACTS}/batch/read")]
    assert len(reads) == 1 and reads[0]["propertiesWithHistory"] == ["hs_legal_basis"]
    too_many = {"inputs": [{"id": str(10_000_001 + n)} for n in range(51)],
                "propertiesWithHistory": ["hs_legal_basis"]}
    assert call(sandbox, "POST", f"{CONTACTS}/batch/read", too_many)[0] == 400


def test_a_pull_yields_progress_per_page_and_stops_when_cancelled(sandbox, hub):
    from app.progress import Cancelled, CancelToken, Progress

    c = hub()
    cancel = CancelToken()
    task = c.pull_task(Entity.PAYMENTS, cancel=cancel)
    assert next(task).step == "pull_payments"
    page = next(task)
    assert isinstance(page, Progress) and page.done == 100
    cancel.cancel()
    with pytest.raises(Cancelled):
        for _ in task:
            pass
    pages = [r for r in sandbox.requests("/crm/v3/objects/2-") if r.method == "GET"]
    assert len(pages) == 1  # 41 pages in all: the rest were never asked for
