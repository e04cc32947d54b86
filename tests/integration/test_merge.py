"""Merging duplicates in the sandbox CRM over HTTP, end to end (issue 5, items 1, 3, 5, 6).

The sandbox's demo CRM gets one crafted duplicate: ``C-09001``, the person of ``C-00600``
typed again with a wrong digit in the cédula, a later consent (WhatsApp) and another phone,
with a payment, a vehicle and a deal under the wrong document. The reconciliation is read
over REST from the sandbox (once per module: every test's sandbox starts from the same data)
and the merge goes through the store's maker-checker and the real push.
"""

from __future__ import annotations

import copy
import http.client
import json
from typing import Any

import pytest
from sqlalchemy import select

from app.audit import verify
from app.connectors.base import OutcomeStatus
from app.connectors.http import RetryPolicy
from app.connectors.rest.connector import RestConnector
from app.demo.sandbox import Sandbox
from app.domain.schema import COLUMNS, Entity, System
from app.progress import run
from app.reconcile.engine import reconcile
from app.reconcile.results import Duplicate, Report
from app.store import open_store
from app.store.models import AuditRow
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.errors import NotAllowed
from app.writeback.merges import merge_proposal
from app.writeback.merging import (
    MergePlan,
    merge_context,
    plan_merge,
    propose_plan,
    request_of,
    undo_merge,
)
from app.writeback.people import add_person
from app.writeback.push import push

SURVIVOR, TWIN = "C-00600", "C-09001"
MERGE_PATH = f"/crm/customers/{SURVIVOR}/merge"
CHILDREN = {("pagos", "P-900001"), ("vehiculos", "V-09001"), ("negocios", "N-09001")}
QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


def craft(sandbox: Sandbox) -> None:
    """Add the duplicate and its children to the sandbox's CRM (the same every time)."""
    t = sandbox.store.tables["crm"]
    base = t["contactos"][SURVIVOR]
    base.update(autoriza_tratamiento=0, fecha_autorizacion=None, canal_autorizacion=None)
    doc = base["numero_documento"]
    typo = doc[:-1] + str((int(doc[-1]) + 1) % 10)
    twin = {**base, "id": TWIN, "numero_documento": typo, "celular": "3157778899",
            "autoriza_tratamiento": 1, "fecha_autorizacion": "2025-04-02",
            "canal_autorizacion": "WhatsApp", "actualizado": "2024-01-10T09:00:00-05:00"}
    t["contactos"][TWIN] = twin
    t["pagos"]["P-900001"] = {**t["pagos"]["P-000001"], "id": "P-900001",
                              "documento_cliente": typo, "recibo": "RC-990001"}
    t["vehiculos"]["V-09001"] = {**t["vehiculos"]["V-00001"], "id": "V-09001",
                                 "vin": "9BWZZZ377VT004251", "documento_cliente": typo,
                                 "negocio_id": "N-09001"}
    t["negocios"]["N-09001"] = {**t["negocios"]["N-00001"], "id": "N-09001",
                                "contacto_id": TWIN, "vin": "9BWZZZ377VT004251"}


def connectors(sandbox: Sandbox) -> dict[System, RestConnector]:
    return {s: RestConnector(sandbox.url(s.value), s, secret=sandbox.token,
                             retry_base_delay=0.01) for s in System}


@pytest.fixture(scope="module")
def world(demo_data, cuadre_data_dir) -> tuple[Report, Any]:
    """The reconciliation of the crafted sandbox over REST, and the CRM's deals."""
    with Sandbox(port=0, data_dir=cuadre_data_dir) as sb:
        craft(sb)
        made = connectors(sb)
        try:
            report = run(reconcile(made[System.CRM], made[System.ERP],
                                   entities=(Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)))
            deals = made[System.CRM].pull(Entity.DEALS)
        finally:
            for connector in made.values():
                connector.close()
    return report, deals


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana Proponente", ["proposer"])
        add_person(opened, "admin", "carla", "Carla Aprobadora", ["approver"])
        yield opened
        assert verify(opened).ok


@pytest.fixture
def crafted(sandbox):
    craft(sandbox)
    made = connectors(sandbox)
    yield made
    for connector in made.values():
        connector.close()


def plan(world, **choices: str) -> MergePlan:
    report, deals = world
    proposal = merge_proposal(report.results[Entity.CUSTOMERS],
                              Duplicate(System.CRM, None, (SURVIVOR, TWIN), method="fuzzy"))
    return plan_merge(merge_context(proposal, report, deals=deals), choices or None)


def approved(store, world, **choices: str):
    made = plan(world, **choices)
    view = propose_plan(store, "ana", made, comment="la misma persona, cédula mal digitada")
    return made, c.approve(store, "carla", view.id)


def raw_rows(sandbox) -> dict[tuple[str, str], dict[str, Any]]:
    t = sandbox.store.tables["crm"]
    keys = [("contactos", SURVIVOR), ("contactos", TWIN), *sorted(CHILDREN)]
    return {k: copy.deepcopy(t[k[0]][k[1]]) for k in keys}


def merge_posts(sandbox):
    return [r for r in sandbox.requests(MERGE_PATH) if r.method == "POST"]


def test_the_plan_read_from_the_sandbox(world):
    made = plan(world, phone=TWIN)
    request = made.request
    assert (request.survivor, request.merged) == (SURVIVOR, (TWIN,))
    assert request.changes["phone"] == "3157778899"
    # The consent proof of the twin (the only one) travels with the survivor.
    assert (request.changes["habeas_data_consent"], str(request.changes["consent_date"]),
            request.changes["consent_channel"]) == (True, "2025-04-02", "WhatsApp")
    assert {(ch.entity, ch.source_id) for ch in request.children} == {
        (Entity.PAYMENTS, "P-900001"), (Entity.VEHICLES, "V-09001"), (Entity.DEALS, "N-09001")}
    assert made.credit_notes == ()


def test_a_merge_is_applied_all_at_once(store, sandbox, crafted, world):
    made, done = approved(store, world, phone=TWIN)
    before = raw_rows(sandbox)
    summary = push(store, crafted, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    [post] = merge_posts(sandbox)
    assert post.headers["idempotency-key"] == done.idempotency_key
    crm = crafted[System.CRM]
    survivor = crm.read(Entity.CUSTOMERS, SURVIVOR)
    assert survivor is not None
    assert {k: survivor[k] for k in made.request.changes} == dict(made.request.changes)
    # The merged record is hidden (404, out of every listing) but kept, marked.
    assert crm.read(Entity.CUSTOMERS, TWIN) is None
    assert TWIN not in set(crm.pull(Entity.CUSTOMERS)["source_id"])
    assert sandbox.store.tables["crm"]["contactos"][TWIN]["fusionado_en"] == SURVIVOR
    # Every child names the survivor now (the deal through its link to the contact).
    doc = before[("contactos", SURVIVOR)]["numero_documento"]
    for entity, sid in ((Entity.PAYMENTS, "P-900001"), (Entity.VEHICLES, "V-09001"),
                        (Entity.DEALS, "N-09001")):
        assert crm.read(entity, sid)["customer_doc"] == doc  # type: ignore[index]
    assert sandbox.store.tables["crm"]["negocios"]["N-09001"]["contacto_id"] == SURVIVOR
    with store.read() as s:
        assert [r.action for r in s.scalars(select(AuditRow).where(
            AuditRow.correction_id == done.id).order_by(AuditRow.seq))] == [
            "propose", "approve", "push_enqueue", "push_attempt", "push_applied"]


def test_a_third_party_edit_after_approval_is_a_conflict_and_nothing_changes(
        store, sandbox, crafted, world):
    _, done = approved(store, world, phone=TWIN)
    _, etag = sandbox.store.get("crm", "customers", TWIN)
    sandbox.store.patch("crm", "customers", TWIN, {"correo": "otra@persona.co"}, etag)
    before = raw_rows(sandbox)
    summary = push(store, crafted, "carla", policy=QUICK)
    assert summary.counts == {"conflict": 1}
    assert summary.items[0].reason == "snapshot_mismatch"
    assert f"{TWIN} cambió desde la aprobación: email" in (summary.items[0].detail or "")
    assert merge_posts(sandbox) == []  # the compare-and-set stopped it before any write
    assert raw_rows(sandbox) == before
    assert c.get(store, done.id).state == "conflict"


def test_a_write_between_the_read_and_the_merge_is_refused_whole(
        store, sandbox, crafted, world, monkeypatch):
    _, done = approved(store, world, phone=TWIN)
    crm = crafted[System.CRM]
    fetch = crm._fetch

    def someone_writes_after_our_reads(entity, source_id):
        found = fetch(entity, source_id)
        if source_id == "N-09001":  # the last record the merge reads
            _, etag = sandbox.store.get("crm", "customers", TWIN)
            sandbox.store.patch("crm", "customers", TWIN, {"correo": "rapida@otra.co"}, etag)
        return found

    monkeypatch.setattr(crm, "_fetch", someone_writes_after_our_reads)
    before = raw_rows(sandbox)
    summary = push(store, crafted, "carla", policy=QUICK)
    monkeypatch.undo()
    assert summary.counts == {"conflict": 1} and len(merge_posts(sandbox)) == 1
    assert summary.items[0].reason == "snapshot_mismatch"  # the sandbox's 409
    assert c.get(store, done.id).state == "conflict"
    after = raw_rows(sandbox)
    twin = after.pop(("contactos", TWIN))
    assert twin["correo"] == "rapida@otra.co" and twin["fusionado_en"] is None
    before.pop(("contactos", TWIN))
    assert after == before  # nothing of the merge was written


def test_a_lost_answer_is_read_back_and_the_same_key_never_merges_twice(
        store, sandbox, crafted, world):
    _, done = approved(store, world, phone=TWIN)
    sandbox.faults.add(drop=1, method="POST", path=MERGE_PATH)
    summary = push(store, crafted, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1} and summary.items[0].reason == "read_back"
    [post] = merge_posts(sandbox)
    assert not post.answered
    merged = raw_rows(sandbox)
    versions = dict(sandbox.store._versions)

    # The same request again, as a client that lost the answer would send it (the same key
    # and the same body: a different body under the key is refused, 422): the first answer.
    conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
    try:
        conn.request("POST", MERGE_PATH, body=post.body, headers={
            "Authorization": f"Bearer {sandbox.token}", "Content-Type": "application/json",
            "Idempotency-Key": done.idempotency_key or ""})
        answer = conn.getresponse()
        answer.read()
    finally:
        conn.close()
    assert answer.status == 200 and answer.getheader("Idempotent-Replayed") == "true"
    # And the connector, asked again, sees it done and sends nothing.
    again = crafted[System.CRM].merge(request_of(c.get(store, done.id)))
    assert again.status is OutcomeStatus.APPLIED and again.reason == "already_applied"
    assert len(merge_posts(sandbox)) == 2
    assert raw_rows(sandbox) == merged and dict(sandbox.store._versions) == versions


def test_a_failed_merge_is_not_retried_by_the_push(store, sandbox, crafted, world):
    _, done = approved(store, world)
    sandbox.faults.add(status=503, retry_after=1, method="POST", path=MERGE_PATH, count=1)
    slept: list[float] = []
    summary = push(store, crafted, "carla", policy=QUICK, sleep=slept.append)
    assert summary.counts == {"failed": 1} and len(merge_posts(sandbox)) == 1 and slept == []
    assert push(store, crafted, "carla", policy=QUICK).items == ()
    assert len(merge_posts(sandbox)) == 1
    [item] = outbox.listing(store, correction_id=done.id)
    outbox.requeue(store, "carla", [item.id])
    assert push(store, crafted, "carla", policy=QUICK).counts == {"applied": 1}
    first, second = merge_posts(sandbox)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == \
        done.idempotency_key


def canonical(crafted, entity, sid):
    record = crafted[System.CRM].read(entity, sid)
    assert record is not None
    return {k: record[k] for k in COLUMNS[entity] if k != "updated_at"}


def test_undo_restores_the_pre_image_exactly(store, sandbox, crafted, world):
    made, done = approved(store, world, phone=TWIN, last_names=TWIN)
    keys = [(Entity.CUSTOMERS, SURVIVOR), (Entity.CUSTOMERS, TWIN), (Entity.PAYMENTS, "P-900001"),
            (Entity.VEHICLES, "V-09001"), (Entity.DEALS, "N-09001")]
    before = {k: canonical(crafted, *k) for k in keys}
    raw_before = raw_rows(sandbox)
    assert push(store, crafted, "carla", policy=QUICK).counts == {"applied": 1}
    assert crafted[System.CRM].read(Entity.CUSTOMERS, TWIN) is None

    undo = undo_merge(store, "ana", done.id, comment="eran dos personas")
    with pytest.raises(NotAllowed):
        c.approve(store, "ana", undo.id)
    c.approve(store, "carla", undo.id)
    summary = push(store, crafted, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    assert {k: canonical(crafted, *k) for k in keys} == before
    # The snapshot itself says the same: what was read at approval is what is there again.
    for sid in (SURVIVOR, TWIN):
        wanted = {k: v for k, v in made.request.snapshot[sid].items() if k != "updated_at"}
        assert canonical(crafted, Entity.CUSTOMERS, sid) == wanted
    after = raw_rows(sandbox)
    assert after[("contactos", TWIN)] == raw_before[("contactos", TWIN)]  # untouched, even its stamp
    assert after[("negocios", "N-09001")]["contacto_id"] == TWIN
    assert undo.id != done.id and c.get(store, undo.id).reverts == done.id


def test_the_sandbox_refuses_a_bad_or_stale_merge(sandbox, crafted):
    def post(path, body, key=None):
        conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
        try:
            headers = {"Authorization": f"Bearer {sandbox.token}",
                       "Content-Type": "application/json"}
            if key:
                headers["Idempotency-Key"] = key
            conn.request("POST", path, body=json.dumps(body), headers=headers)
            answer = conn.getresponse()
            return answer.status, json.loads(answer.read())
        finally:
            conn.close()

    assert post(MERGE_PATH, {"merged": []})[0] == 400
    status, body = post(MERGE_PATH, {"merged": [TWIN], "snapshot": {TWIN: {"correo": "x@y.co"}}})
    assert (status, body["error"]) == (409, "snapshot_mismatch") and TWIN in body["current"]
    status, body = post(MERGE_PATH, {"merged": [TWIN], "undo": True})
    assert (status, body["error"]) == (409, "not_merged")
    assert post("/crm/customers/NO-EXISTE/merge", {"merged": [TWIN]})[0] == 404
    assert sandbox.store.tables["crm"]["contactos"][TWIN].get("fusionado_en") is None
