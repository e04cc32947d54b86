"""«Crear seguimientos» through a CRM's REST API (the sandbox over HTTP), and the clear refusal
of the systems Cuadre never creates records in (SQL databases, Odoo).

Follow-ups due are built for customers and VINs the sandbox's demo CRM has, proposed with
``propose_followups``, approved by a second person and pushed with a ``RestConnector``: the
API gets one ``POST /crm/followups`` per follow-up with its idempotency key; a lost answer is
read back (created: applied; not there yet: resent with the same key), never created twice.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.push_cases import staff

from app.audit import verify
from app.connectors.base import Correction, OutcomeStatus
from app.connectors.http import RetryPolicy
from app.connectors.odoo.connector import OdooConnector
from app.connectors.sql.connector import SqlConnector
from app.demo.sandbox import Sandbox
from app.domain.schema import Entity, System
from app.domain.values import normalize_doc_number, normalize_vin
from app.insights.model import FollowupDue
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.followups import followup_id, followup_record, propose_followups
from app.writeback.push import push

from .test_sandbox import call

QUICK = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)
PATH = "/crm/followups"
KINDS = ("anniversary", "first_service", "soat", "insurance")


@pytest.fixture
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        staff(opened)
        yield opened


def _dues(sandbox: Sandbox, n: int) -> list[FollowupDue]:
    """``n`` follow-ups due for customers and VINs the sandbox's CRM has."""
    crm = sandbox.store.tables["crm"]
    vehicles = [v for v in crm["vehiculos"].values()
                if v.get("vin") and normalize_doc_number(v.get("documento_cliente"))]
    docs = {normalize_doc_number(r["numero_documento"]): r for r in crm["contactos"].values()}
    out = []
    for i, vehicle in enumerate(v for v in vehicles
                                if normalize_doc_number(v["documento_cliente"]) in docs):
        if i == n:
            break
        doc = normalize_doc_number(vehicle["documento_cliente"])
        assert doc is not None
        out.append(_due(str(normalize_vin(vehicle["vin"])), doc, KINDS[i % len(KINDS)],
                        date(2026, 12, 1) + timedelta(i)))
    assert len(out) == n
    return out


def _due(vin: str, doc: str, kind: str, due_on: date) -> FollowupDue:
    return FollowupDue(vin=vin, customer_doc=doc, customer_name="Cliente de prueba", kind=kind,
                       due_on=due_on, delivered_on=due_on - timedelta(days=365),
                       branch="Medellín", model="Toyota Hilux",
                       basis="Se cumple la fecha en la ventana.", contact_allowed=True)


def _approved(store, dues: list[FollowupDue]) -> list[str]:
    made = propose_followups(store, "ana", dues)
    assert made.skipped == ()
    for view in made.created:
        c.approve(store, "carla", view.id)
    return [view.id for view in made.created]


def _posts(sandbox: Sandbox) -> list[Any]:
    return [r for r in sandbox.requests(PATH) if r.method == "POST"]


def _rows(sandbox: Sandbox) -> dict[str, dict[str, Any]]:
    return sandbox.store.tables["crm"]["seguimientos"]


def test_follow_ups_are_created_through_the_crm_api_once(store, sandbox, rest):
    dues = _dues(sandbox, 4)
    ids = _approved(store, dues)
    before = len(_rows(sandbox))
    crm = rest("crm")

    summary = push(store, {System.CRM: crm}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 4}
    assert all(c.get(store, i).state == "applied" for i in ids)
    assert len(_rows(sandbox)) == before + 4
    posts = _posts(sandbox)
    assert len(posts) == 4 and all(p.status == 201 for p in posts)
    keys = {p.headers["idempotency-key"] for p in posts}
    assert len(keys) == 4 and all(sandbox.applied_keys[k] == 1 for k in keys)

    for due in dues:  # readable through the API, as the CRM keeps it
        record = crm.read(Entity.FOLLOWUPS, followup_id(due))
        assert record is not None
        assert (record["customer_doc"], record["vin"], record["kind"], record["due_on"],
                record["status"], record["note"]) == tuple(
            followup_record(due)[k] for k in ("customer_doc", "vin", "kind", "due_on",
                                              "status", "note"))
    row = _rows(sandbox)[followup_id(dues[0])]
    assert (row["tipo"], row["estado"], row["fecha"]) == ("Aniversario", "Pendiente",
                                                         dues[0].due_on.isoformat())
    listed = crm.pull(Entity.FOLLOWUPS)
    assert {followup_id(d) for d in dues} <= set(listed["source_id"])

    again = push(store, {System.CRM: crm}, "carla", policy=QUICK)
    assert again.items == ()
    assert len(_rows(sandbox)) == before + 4 and len(_posts(sandbox)) == 4
    assert verify(store).ok


def test_a_creation_whose_answer_is_lost_is_read_back_and_exists_once(store, sandbox, rest):
    [due] = _dues(sandbox, 1)
    [cid] = _approved(store, [due])
    before = len(_rows(sandbox))
    sandbox.faults.add(drop=1, method="POST", path=PATH)  # written, then the answer is lost

    summary = push(store, {System.CRM: rest("crm")}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    assert len(_rows(sandbox)) == before + 1
    [post] = _posts(sandbox)
    assert not post.answered  # the server wrote it; the client never heard
    item = outbox.listing(store, correction_id=cid)[0]
    assert (item.state, item.reason, item.attempts) == ("applied", "read_back", 1)


def test_a_creation_not_there_yet_is_resent_with_the_same_key(store, sandbox, rest):
    """A gateway timeout (504) may or may not have reached the CRM: the push reads the
    follow-up, finds none, and sends it again with the same key — created once."""
    [due] = _dues(sandbox, 1)
    [cid] = _approved(store, [due])
    before = len(_rows(sandbox))
    sandbox.faults.add(status=504, method="POST", path=PATH)

    summary = push(store, {System.CRM: rest("crm")}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}
    first, second = _posts(sandbox)
    assert (first.status, second.status) == (504, 201)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert len(_rows(sandbox)) == before + 1
    assert outbox.listing(store, correction_id=cid)[0].attempts == 2


def test_a_throttled_creation_waits_what_the_crm_asks_and_then_creates_it(store, sandbox, rest):
    [due] = _dues(sandbox, 1)
    _approved(store, [due])
    sandbox.faults.add(status=503, retry_after=2, method="POST", path=PATH)
    waited: list[float] = []

    summary = push(store, {System.CRM: rest("crm")}, "carla", policy=QUICK, sleep=waited.append)
    assert summary.counts == {"applied": 1}
    assert sum(waited) >= 2
    assert [p.status for p in _posts(sandbox)] == [503, 201]
    assert followup_id(due) in _rows(sandbox)


def test_a_follow_up_for_a_customer_the_crm_lacks_is_rejected_in_spanish(store, sandbox, rest):
    [known] = _dues(sandbox, 1)
    stranger = _due(known.vin, "1999999999", "soat", date(2026, 12, 5))
    [cid] = _approved(store, [stranger])
    before = len(_rows(sandbox))

    summary = push(store, {System.CRM: rest("crm")}, "carla", policy=QUICK)
    [item] = summary.items
    assert (item.state, item.reason) == ("rejected", "not_in_crm")
    assert item.detail is not None and "no tiene un cliente con el documento" in item.detail
    assert c.get(store, cid).state == "rejected"
    assert len(_rows(sandbox)) == before and followup_id(stranger) not in _rows(sandbox)


def test_an_id_taken_with_other_values_is_a_conflict_and_nothing_is_overwritten(
        store, sandbox, rest):
    [due] = _dues(sandbox, 1)
    [cid] = _approved(store, [due])
    ident = followup_id(due)
    other = {"id": ident, "documento_cliente": due.customer_doc, "vin": due.vin,
             "tipo": "Otro", "fecha_vencimiento": "2027-01-15", "nota": "Creado a mano"}
    sandbox.store.create("crm", "followups", other)

    summary = push(store, {System.CRM: rest("crm")}, "carla", policy=QUICK)
    [item] = summary.items
    assert (item.state, item.reason) == ("conflict", "already_exists")
    assert c.get(store, cid).state == "conflict"
    assert _posts(sandbox) == []  # read first: nothing sent
    assert _rows(sandbox)[ident]["nota"] == "Creado a mano"


# --- the sandbox's POST, as any client meets it -------------------------------------------------


def test_the_sandbox_creates_a_follow_up_once_per_key(sandbox: Sandbox) -> None:
    [due] = _dues(sandbox, 1)
    body = {"id": "SEG-PRUEBA", "documento_cliente": due.customer_doc, "vin": due.vin,
            "tipo": "soat", "fecha_vencimiento": "2026-12-24", "nota": "Renovar SOAT"}
    status, headers, record = call(sandbox, "POST", PATH, body, {"Idempotency-Key": "k-1"})
    assert status == 201 and headers["etag"] == '"v1"'
    assert headers["location"].endswith(f"{PATH}/SEG-PRUEBA")
    assert (record["tipo"], record["estado"], record["fecha_vencimiento"]) == (
        "SOAT", "Pendiente", "2026-12-24")
    count = len(_rows(sandbox))

    status, headers, again = call(sandbox, "POST", PATH, body, {"Idempotency-Key": "k-1"})
    assert (status, headers.get("idempotent-replayed"), again) == (201, "true", record)
    status, _, same = call(sandbox, "POST", PATH, body, {"Idempotency-Key": "k-2"})
    assert status == 200 and same == record  # already there with these values
    assert len(_rows(sandbox)) == count and sandbox.applied_keys["k-1"] == 1

    status, _, got = call(sandbox, "GET", f"{PATH}/SEG-PRUEBA")
    assert status == 200 and got == record

    status, _, clash = call(sandbox, "POST", PATH, {**body, "tipo": "Seguro"},
                            {"Idempotency-Key": "k-3"})
    assert (status, clash["error"]) == (409, "already_exists")
    assert clash["current"]["tipo"] == "SOAT"

    status, _, unknown = call(sandbox, "POST", PATH, {**body, "id": "SEG-OTRO",
                                                      "documento_cliente": "1999999999"})
    assert (status, unknown["error"]) == (422, "not_in_crm")
    assert "no tiene un contacto" in unknown["message"]
    status, _, missing = call(sandbox, "POST", PATH, {"id": "SEG-X", "vin": due.vin})
    assert (status, missing["error"]) == (422, "missing_field")
    status, _, bad = call(sandbox, "POST", PATH, {**body, "id": "SEG-Y", "tipo": "Visita"})
    assert (status, bad["error"]) == (400, "invalid_value")
    assert "SEG-OTRO" not in _rows(sandbox) and "SEG-Y" not in _rows(sandbox)

    # Customers are created too (issue 16), with what the CRM requires; payments never.
    status, _, missing = call(sandbox, "POST", "/crm/customers", {"id": "X"})
    assert (status, missing["error"]) == (422, "missing_field")
    status, headers, _ = call(sandbox, "POST", "/crm/payments", {"id": "X"})
    assert status == 405 and headers["allow"] == "GET"


# --- systems Cuadre creates nothing in --------------------------------------------------------


def _creation(key: str) -> Correction:
    due = _due("9FB5SR5B3T0703369", "52326162", "anniversary", date(2026, 12, 8))
    return Correction(Entity.FOLLOWUPS, followup_id(due), followup_record(due), {}, key)


def test_a_sql_database_refuses_a_creation_and_inserts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE seguimientos (id TEXT PRIMARY KEY, documento TEXT, vin TEXT, "
                     "tipo TEXT, fecha TEXT, estado TEXT, nota TEXT)")
        conn.execute("INSERT INTO seguimientos VALUES ('S-1', '52326162', '9FB5SR5B3T0703369', "
                     "'Aniversario', '2026-12-08', 'Pendiente', 'Llamar')")
    conn.close()
    sql = SqlConnector(f"sqlite:///{path}", System.CRM)
    try:
        outcome = sql.apply(_creation("k-sql"))
    finally:
        sql.close()
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, "cannot_create")
    assert outcome.detail == ("Cuadre no crea seguimientos en una base de datos SQL: créelo en "
                              "el CRM.")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM seguimientos").fetchone()[0] == 1
    conn.close()


def test_odoo_refuses_a_creation_without_calling_it(sandbox: Sandbox) -> None:
    odoo = OdooConnector(sandbox.base_url, "sandbox", "admin", sandbox.token)
    outcome = odoo.apply(_creation("k-odoo"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, "cannot_create")
    assert outcome.detail == "Cuadre no crea seguimientos en Odoo: créelo en el CRM."
    assert sandbox.requests("/xmlrpc") == [] and sandbox.requests("/json") == []
    # An ordinary correction with nothing expected is no creation: never refused that way.
    plain = odoo.apply(Correction(Entity.CUSTOMERS, "no-es-un-id", {"email": "a@b.co"}, {}, "k"))
    assert plain.reason != "cannot_create"
