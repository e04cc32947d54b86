"""The sandbox servers themselves: token, paging headers, changes since, ETag and If-Match,
idempotency keys, the faults switched over HTTP, the Odoo mount, a clean stop, and
``cuadre sandbox`` as a real process."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import xmlrpc.client
from argparse import Namespace
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from support.waiting import wait_until

from app.cli.sandbox import run as run_command
from app.demo.sandbox import Sandbox, instructions
from app.demo.sandbox.store import Store
from app.demo.sandbox.views import StoreError

ROOT = Path(__file__).resolve().parents[2]


def call(sandbox, method, path, body=None, headers=None, token=True):
    """(status, headers, parsed JSON) over a fresh connection (closed before returning)."""
    conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
    try:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {sandbox.token}"
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=sent)
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, (
            json.loads(data) if data else None)
    finally:
        conn.close()


# --- access ----------------------------------------------------------------------------------


def test_health_is_open_and_everything_else_needs_the_token(sandbox):
    assert call(sandbox, "GET", "/_health", token=False)[:1] == (200,)
    status, headers, body = call(sandbox, "GET", "/crm/customers", token=False)
    assert status == 401 and body["error"] == "unauthorized"
    assert headers["www-authenticate"].startswith("Bearer")
    wrong = call(sandbox, "GET", "/erp/customers", headers={"Authorization": "Bearer nope"},
                 token=False)
    assert wrong[0] == 401
    assert call(sandbox, "GET", "/_faults", token=False)[0] == 401
    basic = "Basic " + __import__("base64").b64encode(f"alguien:{sandbox.token}".encode()).decode()
    assert call(sandbox, "GET", "/erp", headers={"Authorization": basic}, token=False)[0] == 200


def test_a_given_token_is_used_and_a_random_one_differs_per_start(demo_data, cuadre_data_dir):
    with Sandbox(port=0, token="fijo-123", data_dir=cuadre_data_dir, odoo_factory=False) as one:
        assert one.token == "fijo-123"
    with Sandbox(port=0, data_dir=cuadre_data_dir, odoo_factory=False) as a, \
            Sandbox(port=0, data_dir=cuadre_data_dir, odoo_factory=False) as b:
        assert a.token != b.token and len(a.token) >= 24
        assert a.port != b.port


def test_the_root_of_each_system_lists_its_entities(sandbox):
    assert call(sandbox, "GET", "/crm")[2] == {
        "system": "crm", "entities": ["customers", "deals", "payments", "vehicles", "followups"]}
    assert call(sandbox, "GET", "/erp")[2]["entities"] == [
        "customers", "payments", "vehicles", "invoices", "services", "contracts"]
    assert call(sandbox, "GET", "/erp/deals")[0] == 404
    assert call(sandbox, "GET", "/crm/invoices")[0] == 404
    assert call(sandbox, "GET", "/erp/followups")[0] == 404
    assert call(sandbox, "GET", "/pos/customers")[0] == 404
    assert call(sandbox, "DELETE", "/crm/customers/C-00001")[0] == 405


def test_demo_files_without_the_insights_tables_serve_the_rest(demo_data, tmp_path):
    # Demo files written before the insights had no workshop orders, contracts or follow-ups.
    old = {}
    for name, path, tables in (("crm", demo_data.crm, ("seguimientos",)),
                               ("erp", demo_data.erp, ("ordenes_taller", "contratos"))):
        old[name] = tmp_path / path.name
        old[name].write_bytes(path.read_bytes())
        with closing(sqlite3.connect(old[name])) as conn:
            for table in tables:
                conn.execute(f"DROP TABLE {table}")
            conn.commit()
    store = Store(old["crm"], old["erp"])
    assert store.entities("crm") == ["customers", "deals", "payments", "vehicles"]
    assert store.entities("erp") == ["customers", "payments", "vehicles", "invoices"]
    for system, entity in (("crm", "followups"), ("erp", "services"), ("erp", "contracts")):
        with pytest.raises(StoreError) as refused:
            store.records(system, entity)
        assert refused.value.status == 404
    assert len(store.records("erp", "invoices")) == len(Store(demo_data.crm, demo_data.erp)
                                                        .records("erp", "invoices"))


def test_the_insights_records_carry_the_names_cuadre_reads(sandbox):
    status, _, body = call(sandbox, "GET", "/erp/services?page_size=1")
    assert status == 200 and set(body["data"][0]) == {
        "id", "vin", "nit_cliente", "tipo_servicio", "fecha_ingreso", "kilometraje", "sede",
        "modificado"}
    status, _, body = call(sandbox, "GET", "/crm/followups?page_size=1")
    assert status == 200 and set(body[0]) == {
        "id", "documento_cliente", "vin", "tipo", "fecha_vencimiento", "estado", "nota",
        "actualizado"}
    # Follow-ups are created from Cuadre and an undo cancels one (PATCH of its status)...
    path = f"/crm/followups/{body[0]['id']}"
    etag = call(sandbox, "GET", path)[1]["etag"]
    done = call(sandbox, "PATCH", path, {"estado": "cancelled"}, {"If-Match": etag})
    assert (done[0], done[2]["estado"]) == (200, "Cancelado")
    # ...what the insights only read is never written from Cuadre.
    status, _, body = call(sandbox, "GET", "/erp/services?page_size=1")
    path = f"/erp/services/{body['data'][0]['id']}"
    etag = call(sandbox, "GET", path)[1]["etag"]
    refused = call(sandbox, "PATCH", path, {"kilometraje": 1}, {"If-Match": etag})
    assert (refused[0], refused[2]["error"]) == (400, "read_only_field")
    assert call(sandbox, "POST", "/erp/services", {"id": "X"})[0] == 405


# --- listing ---------------------------------------------------------------------------------


def test_pages_carry_the_total_and_links_to_the_next_and_previous(sandbox):
    total = len(sandbox.store.records("crm", "payments"))
    status, headers, body = call(sandbox, "GET", "/crm/payments?page=2&page_size=50")
    assert status == 200 and isinstance(body, list) and len(body) == 50
    assert int(headers["x-total-count"]) == total
    assert [r["id"] for r in body] == [r["id"] for r in sandbox.store.records("crm", "payments")[50:100]]
    links = dict(part.split("; ")[::-1] for part in headers["link"].split(", "))
    nxt = urlsplit(links['rel="next"'].strip("<>"))
    assert (nxt.hostname, nxt.port, nxt.path) == ("127.0.0.1", sandbox.port, "/crm/payments")
    assert parse_qs(nxt.query) == {"page": ["3"], "page_size": ["50"]}
    assert parse_qs(urlsplit(links['rel="prev"'].strip("<>")).query)["page"] == ["1"]

    # The ERP wraps its records; offset/limit work too; the last page has no next link.
    status, headers, body = call(sandbox, "GET", f"/erp/customers?offset={1961 - 10}&limit=100")
    assert body["total"] == 1961 and len(body["data"]) == 10 and 'rel="next"' not in headers["link"]


def test_page_size_is_capped_and_bad_parameters_are_refused(sandbox):
    status, headers, body = call(sandbox, "GET", "/crm/payments?page_size=5000")
    assert status == 200 and len(body) == 1000 and "page_size=1000" in headers["link"]
    assert len(call(sandbox, "GET", "/crm/payments")[2]) == 100  # the default size
    for bad in ("page=0", "page_size=abc", "offset=-1", "modified_since=ayer"):
        status, _, body = call(sandbox, "GET", f"/crm/payments?{bad}")
        assert (status, body["error"]) == (400, "invalid_parameter"), bad


def test_modified_since_keeps_records_changed_at_or_after_it(sandbox):
    records = sandbox.store.records("erp", "vehicles")
    stamps = sorted(r["modificado"] for r in records)
    cut = stamps[-5]
    status, headers, body = call(sandbox, "GET", "/erp/vehicles?modified_since="
                                 + cut.replace("+", "%2B").replace(":", "%3A"))
    assert status == 200 and int(headers["x-total-count"]) == len(body["data"])
    assert sorted(r["modificado"] for r in body["data"]) == [s for s in stamps if s >= cut]


# --- writes ----------------------------------------------------------------------------------


def test_writes_need_the_current_etag(sandbox):
    status, headers, record = call(sandbox, "GET", "/crm/customers/C-00001")
    assert status == 200 and headers["etag"] == '"v1"' and record["id"] == "C-00001"
    body = {"correo": "nuevo@example.com"}
    assert call(sandbox, "PATCH", "/crm/customers/C-00001", body)[0] == 428
    stale = call(sandbox, "PATCH", "/crm/customers/C-00001", body, {"If-Match": '"v0"'})
    assert (stale[0], stale[2]["error"]) == (412, "etag_mismatch")
    status, headers, changed = call(sandbox, "PATCH", "/crm/customers/C-00001", body,
                                    {"If-Match": '"v1"'})
    assert status == 200 and headers["etag"] == '"v2"' and changed["correo"] == "nuevo@example.com"
    assert changed["actualizado"] > record["actualizado"]
    assert call(sandbox, "GET", "/crm/customers/C-00001")[2] == changed
    assert call(sandbox, "PATCH", "/crm/customers/C-00001", body, {"If-Match": "*"})[0] == 200
    assert call(sandbox, "PATCH", "/crm/customers/C-99999", body, {"If-Match": "*"})[0] == 404


def test_writes_name_known_writable_fields_with_sensible_values(sandbox):
    etag = {"If-Match": "*"}
    unknown = call(sandbox, "PATCH", "/erp/customers/1", {"telefono": "3001234567", "color": "x"}, etag)
    assert unknown[0] == 400 and unknown[2] == {
        "error": "unknown_field", "message": "Campos que no existen: color", "fields": ["color"]}
    read_only = call(sandbox, "PATCH", "/erp/payments/1", {"nit_cliente": "1"}, etag)
    assert (read_only[0], read_only[2]["error"]) == (400, "read_only_field")
    bad_flag = call(sandbox, "PATCH", "/erp/customers/1", {"autoriza_datos": "tal vez"}, etag)
    assert (bad_flag[0], bad_flag[2]["error"]) == (400, "invalid_value")
    assert call(sandbox, "PATCH", "/erp/customers/1", None, etag)[0] == 400
    assert sandbox.store.get("erp", "customers", "1")[1] == '"v1"'  # nothing was written
    # A vehicle moves branch by the branch's code or name.
    moved = call(sandbox, "PATCH", "/erp/vehicles/1", {"sede": "MED"}, etag)
    assert moved[0] == 200 and moved[2]["sede"] == "Medellín - El Poblado"
    assert call(sandbox, "PATCH", "/erp/vehicles/1", {"sede": "Tunja"}, etag)[0] == 400


def test_an_idempotency_key_applies_a_write_once(sandbox):
    key = {"If-Match": '"v1"', "Idempotency-Key": "clave-1"}
    first = call(sandbox, "PATCH", "/erp/customers/3", {"email": "a@example.com"}, key)
    again = call(sandbox, "PATCH", "/erp/customers/3", {"email": "a@example.com"}, key)
    assert first[0] == again[0] == 200 and first[2] == again[2]
    assert again[1]["idempotent-replayed"] == "true" and "idempotent-replayed" not in first[1]
    assert sandbox.store.get("erp", "customers", "3")[1] == '"v2"'  # written once
    other = call(sandbox, "PATCH", "/erp/customers/4", {"email": "b@example.com"},
                 {"If-Match": "*", "Idempotency-Key": "clave-1"})
    assert (other[0], other[2]["error"]) == (422, "idempotency_key_reused")


def raw_call(sandbox, method, path, data: bytes, headers=None):
    """(status, headers, parsed JSON) for a request whose body is ``data`` as is."""
    conn = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=10)
    try:
        conn.request(method, path, body=data, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {sandbox.token}",
            **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, (
            json.loads(body) if body else None)
    finally:
        conn.close()




def test_a_request_cut_in_its_body_is_not_handled_and_stores_nothing_under_its_key(sandbox):
    """A client dies with half a PATCH sent (shorter than its Content-Length): no answer is
    stored under its Idempotency-Key, so the resend is handled afresh and applied once."""
    path, key = "/erp/customers/3", "clave-cortada"
    data = json.dumps({"email": "cortado@example.com"}).encode()
    with socket.create_connection((sandbox.host, sandbox.port), timeout=10) as sock:
        sock.sendall((f"PATCH {path} HTTP/1.1\r\nHost: {sandbox.host}\r\n"
                      f"Authorization: Bearer {sandbox.token}\r\n"
                      "Content-Type: application/json\r\nIf-Match: \"v1\"\r\n"
                      f"Idempotency-Key: {key}\r\nContent-Length: {len(data)}\r\n\r\n"
                      ).encode() + data[:len(data) // 2])
    wait_until(lambda: bool(sandbox.requests(path)))
    [cut] = sandbox.requests(path)
    assert (cut.whole, cut.answered, cut.status) == (False, False, None)
    assert sandbox.store.get("erp", "customers", "3")[1] == '"v1"'  # nothing written
    status, headers, record = call(sandbox, "PATCH", path, {"email": "cortado@example.com"},
                                   {"If-Match": '"v1"', "Idempotency-Key": key})
    assert status == 200 and "idempotent-replayed" not in headers
    assert record["email"] == "cortado@example.com" and sandbox.applied_keys[key] == 1


def test_an_unreadable_body_stores_nothing_and_a_key_keeps_to_one_body(sandbox):
    path, key = "/erp/customers/3", {"If-Match": '"v1"', "Idempotency-Key": "clave-2"}
    for data in (b'{"email": "a@exa', b"[1, 2]", b"{}", b"\xff\xfe"):
        bad = raw_call(sandbox, "PATCH", path, data, key)
        assert (bad[0], bad[2]["error"]) == (400, "invalid_json"), data
    body = {"email": "a@example.com", "telefono": "3001234567"}
    first = call(sandbox, "PATCH", path, body, key)
    assert first[0] == 200 and "idempotent-replayed" not in first[1]
    # The same content in another order and spacing is the same request: its answer again.
    reordered = raw_call(sandbox, "PATCH", path,
                         b'{ "telefono" : "3001234567", "email": "a@example.com" }', key)
    assert reordered[0] == 200 and reordered[1]["idempotent-replayed"] == "true"
    other = call(sandbox, "PATCH", path, {"email": "b@example.com"}, key)
    assert (other[0], other[2]["error"]) == (422, "idempotency_key_reused")
    assert sandbox.store.get("erp", "customers", "3")[1] == '"v2"'  # written once
    assert sandbox.applied_keys["clave-2"] == 1


def test_a_repeat_while_the_first_is_being_handled_is_409_and_stores_nothing(sandbox):
    path, key = "/erp/customers/4", {"If-Match": '"v1"', "Idempotency-Key": "clave-3"}
    body = {"email": "en-vuelo@example.com"}
    gate = threading.Event()
    sandbox.faults.add(gate=gate, method="PATCH", path=path)
    answers: queue.Queue = queue.Queue()
    first = threading.Thread(target=lambda: answers.put(call(sandbox, "PATCH", path, body, key)))
    first.start()
    try:
        wait_until(lambda: "clave-3" in sandbox.in_flight())
        busy = call(sandbox, "PATCH", path, body, key)
        assert (busy[0], busy[2]["error"], busy[1]["retry-after"]) == (
            409, "idempotency_key_in_flight", "1")
        other = call(sandbox, "PATCH", path, {"email": "otro@example.com"}, key)
        assert (other[0], other[2]["error"]) == (422, "idempotency_key_reused")
    finally:
        gate.set()
        first.join()
    assert answers.get_nowait()[0] == 200 and sandbox.in_flight() == set()
    again = call(sandbox, "PATCH", path, body, key)
    assert again[0] == 200 and again[1]["idempotent-replayed"] == "true"
    assert sandbox.store.get("erp", "customers", "4")[1] == '"v2"'
    assert sandbox.applied_keys["clave-3"] == 1


# --- faults ----------------------------------------------------------------------------------


def test_faults_are_switched_over_http(sandbox):
    rule = {"status": 503, "count": 2, "retry_after": 1, "path": "/erp"}
    assert call(sandbox, "POST", "/_faults", rule)[0] == 201
    [listed] = call(sandbox, "GET", "/_faults")[2]["rules"]
    assert listed["status"] == 503 and listed["remaining"] == 2
    assert call(sandbox, "GET", "/crm/customers/C-00001")[0] == 200  # another path
    status, headers, body = call(sandbox, "GET", "/erp/customers/1")
    assert (status, headers["retry-after"], body["error"]) == (503, "1", "injected_fault")
    assert call(sandbox, "GET", "/erp/customers/1")[0] == 503
    assert call(sandbox, "GET", "/erp/customers/1")[0] == 200  # the rule is used up

    assert call(sandbox, "POST", "/_faults", {"status": 500, "count": 0})[0] == 201
    assert call(sandbox, "GET", "/_health", token=False)[0] == 200  # never faulted
    assert [call(sandbox, "GET", "/crm")[0] for _ in range(3)] == [500, 500, 500]
    assert call(sandbox, "DELETE", "/_faults")[2] == {"rules": []}
    assert call(sandbox, "GET", "/crm")[0] == 200

    for bad in ({"status": 200}, {"colour": 1}, {"drop": 1, "status": 500}, {}, [1]):
        assert call(sandbox, "POST", "/_faults", bad)[0] == 400, bad


def test_a_dropped_response_closes_the_connection_after_handling_the_request(sandbox):
    sandbox.faults.add(drop=1, method="PATCH")
    with pytest.raises(http.client.RemoteDisconnected):
        call(sandbox, "PATCH", "/crm/payments/P-000001", {"medio": "Efectivo"}, {"If-Match": "*"})
    assert sandbox.store.get("crm", "payments", "P-000001")[0]["medio"] == "Efectivo"
    [seen] = sandbox.requests("/crm/payments")
    assert seen.status is None and not seen.answered


def test_stop_ends_every_connection_even_a_waiting_one(demo_data, cuadre_data_dir):
    sb = Sandbox(port=0, data_dir=cuadre_data_dir, odoo_factory=False).start()
    idle = http.client.HTTPConnection(sb.host, sb.port, timeout=30)
    waiting = http.client.HTTPConnection(sb.host, sb.port, timeout=30)
    outcome: queue.Queue[object] = queue.Queue()
    try:
        idle.request("GET", "/_health")
        idle.getresponse().read()  # kept alive, open
        sb.faults.add(delay=600)

        def slow() -> None:
            try:
                waiting.request("GET", "/crm", headers={"Authorization": f"Bearer {sb.token}"})
                outcome.put(waiting.getresponse().status)
            except (OSError, http.client.HTTPException) as exc:
                outcome.put(exc)

        client = threading.Thread(target=slow)
        client.start()
        while not sb.requests("/crm"):
            threading.Event().wait(0.01)
        sb.stop()
        client.join(timeout=30)
        assert isinstance(outcome.get(timeout=1), http.client.RemoteDisconnected)
        assert not [t for t in threading.enumerate() if "process_request" in t.name]
    finally:
        idle.close()
        waiting.close()
        sb.stop()


# --- Odoo ------------------------------------------------------------------------------------


def test_odoo_paths_go_to_the_wsgi_emulator_with_faults_and_without_the_bearer(
        demo_data, cuadre_data_dir):
    seen = []

    def factory(erp_path, api_key):
        assert erp_path == demo_data.erp and api_key == "clave-odoo"

        def app(environ, start_response):
            seen.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], environ["wsgi.input"].read()))
            start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", "999")])
            return [b"<methodResponse/>"]

        return app

    with Sandbox(port=0, token="clave-odoo", data_dir=cuadre_data_dir, odoo_factory=factory) as sb:
        conn = http.client.HTTPConnection(sb.host, sb.port, timeout=10)
        try:
            conn.request("POST", "/xmlrpc/2/common", body=b"<methodCall/>",
                         headers={"Content-Type": "text/xml"})
            response = conn.getresponse()
            assert (response.status, response.read()) == (200, b"<methodResponse/>")
            assert response.getheader("Content-Length") == str(len(b"<methodResponse/>"))
            sb.faults.add(status=503, path="/xmlrpc/")
            conn.request("POST", "/xmlrpc/2/object", body=b"<methodCall/>")
            assert conn.getresponse().status == 503
        finally:
            conn.close()
        assert seen == [("POST", "/xmlrpc/2/common", b"<methodCall/>")]


def test_the_odoo_emulator_is_mounted_when_present(sandbox):
    pytest.importorskip("app.demo.sandbox.odoo")
    with xmlrpc.client.ServerProxy(f"{sandbox.base_url}/xmlrpc/2/common") as common:
        version = common.version()
    assert "server_version" in version


# --- the command -----------------------------------------------------------------------------


def test_instructions_tell_how_to_connect_in_spanish(sandbox):
    text = instructions(sandbox)
    crm, erp = sandbox.url("crm"), sandbox.url("erp")
    assert f"cuadre credentials set {crm}" in text and f"cuadre credentials set {erp}" in text
    assert f"cuadre reconcile --crm {crm} --erp {erp}" in text
    assert sandbox.token in text and "Ctrl+C para detener" in text


def test_a_busy_port_is_a_clear_message(demo_data, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert run_command(Namespace(port=port, token=None)) == 1
    err = capsys.readouterr().err
    assert f"No se pudo abrir el puerto {port}" in err and "Traceback" not in err


def test_cuadre_sandbox_runs_until_terminated(demo_data, cuadre_data_dir):
    env = {**os.environ, "CUADRE_DATA_DIR": str(cuadre_data_dir)}
    command = [sys.executable, "-m", "app.cli.main", "sandbox", "--port", "0", "--token", "tok-humo"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8") as proc:
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        printed: list[str] = []
        try:
            while not any("Ctrl+C" in line for line in printed):
                line = lines.get(timeout=60)
                assert line is not None, proc.stderr.read() if proc.stderr else ""
                printed.append(line)
            crm = next(line.split()[-1] for line in printed if line.strip().startswith("CRM"))
            parts = urlsplit(crm)
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            try:
                conn.request("GET", "/_health")
                assert conn.getresponse().status == 200
            finally:
                conn.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        reader.join(timeout=10)
        rest = []
        while (line := lines.get(timeout=1)) is not None:
            rest.append(line)
        assert proc.returncode == 0
    text = "".join(printed)
    assert f"cuadre credentials set {crm}" in text and "tok-humo" in text
    assert crm == f"http://127.0.0.1:{parts.port}/crm"
    assert "Deteniendo" in "".join(rest)
