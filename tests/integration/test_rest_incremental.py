"""Incremental runs against the sandbox's REST API over real HTTP: customers by
``modified_since`` and an id listing (``fields=id``), which the sandbox checks strictly; the
other entities are read whole, saying why."""

from __future__ import annotations

import http.client
import json

from app.connectors.base import SourceError
from app.domain.schema import Entity
from app.progress import run
from app.reconcile.incremental import FULL, INCREMENTAL, IncrementalPuller
from app.reconcile.snapshots import SnapshotStore


def _raw(sandbox, method, path, body=None, headers=None):  # type: ignore[no-untyped-def]
    conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers={
            "Authorization": f"Bearer {sandbox.token}", "Content-Type": "application/json",
            **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read() or b"null")
    finally:
        conn.close()


def test_the_sandbox_lists_ids_alone_and_refuses_unknown_fields(sandbox):
    status, _, body = _raw(sandbox, "GET", "/crm/customers?fields=id&page_size=3")
    assert status == 200 and body == [{"id": i} for i in ("C-00001", "C-00002", "C-00003")]
    status, _, body = _raw(sandbox, "GET", "/crm/customers?fields=id,contrasena")
    assert status == 400 and body["error"] == "invalid_parameter" and "contrasena" in body["message"]
    status, _, body = _raw(sandbox, "GET", "/crm/customers?modified_since=ayer")
    assert status == 400 and body["error"] == "invalid_parameter"


def test_rest_customers_are_read_by_change_and_deletions_found(sandbox, rest, tmp_path):
    store = SnapshotStore(tmp_path / "snap.sqlite")
    connector = rest("crm")
    first = IncrementalPuller(store, "W", {})
    everything = run(first.pull(connector, Entity.CUSTOMERS))
    assert first.pulls[0].mode == FULL
    assert connector.list_ids(Entity.CUSTOMERS) == everything["source_id"].tolist()

    _, headers, _ = _raw(sandbox, "GET", "/crm/customers/C-00007")
    status, _, _ = _raw(sandbox, "PATCH", "/crm/customers/C-00007", {"correo": "otro@correo.co"},
                        {"If-Match": headers["ETag"]})
    assert status == 200
    with sandbox.store._lock:  # a contact removed in the CRM, as a merge hides it
        sandbox.store.tables["crm"]["contactos"]["C-00009"]["fusionado_en"] = "2026-12-01"
    second = IncrementalPuller(store, "W", {})
    frame = run(second.pull(connector, Entity.CUSTOMERS))
    [pull] = second.pulls
    assert (pull.mode, pull.deleted, pull.total) == (INCREMENTAL, 1, len(everything) - 1)
    assert 1 <= pull.records < len(everything) // 10
    assert frame.equals(connector.pull(Entity.CUSTOMERS))
    assert frame.loc[frame["source_id"] == "C-00007", "email"].item() == "otro@correo.co"

    payments = IncrementalPuller(store, "W", {})
    run(payments.pull(connector, Entity.PAYMENTS))
    assert payments.pulls[0].mode == FULL and payments.pulls[0].reason == (
        "en una API, pagos pueden llevar datos de otros registros (el cliente, la factura): "
        "se leen enteros")
    none = IncrementalPuller(store, "W", {})
    run(none.pull(rest("crm", fields_param=""), Entity.CUSTOMERS))
    assert none.pulls[0].reason == "la API no lista solo los identificadores (fields_param)"


def test_an_api_that_refuses_the_id_listing_is_read_whole_saying_why(sandbox, rest, tmp_path,
                                                                     monkeypatch):
    store = SnapshotStore(tmp_path / "snap.sqlite")
    connector = rest("crm")
    run(IncrementalPuller(store, "W", {}).pull(connector, Entity.CUSTOMERS))

    def refused(_entity):  # type: ignore[no-untyped-def]
        raise SourceError("La API respondió 400 a la lista de identificadores.")

    monkeypatch.setattr(connector, "list_ids", refused)
    puller = IncrementalPuller(store, "W", {})
    frame = run(puller.pull(connector, Entity.CUSTOMERS))
    [pull] = puller.pulls
    assert (pull.mode, pull.reason) == (FULL, "no se pudieron listar sus identificadores: La API "
                                              "respondió 400 a la lista de identificadores")
    assert len(frame) == pull.total > 0
