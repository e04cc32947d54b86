"""The sandbox's HTTP server: the demo CRM under ``/crm`` and the demo ERP under ``/erp``.

A real HTTP/1.1 server on 127.0.0.1 (stdlib ``ThreadingHTTPServer``), so connectors are tested
through sockets, keep-alive, timeouts and closed connections as they meet them in a dealership,
not through mocks. What it speaks:

- ``GET /_health`` (no token): ``{"status": "ok"}``.
- Every other path needs ``Authorization: Bearer <token>`` (or Basic with the token as
  password): 401 otherwise.
- ``GET /<crm|erp>``: the entities the system serves (the ERP's invoices, services and
  contracts and the CRM's followups, read for the insights, when the demo files have them).
- ``GET /<crm|erp>/<entity>``: a page of records in id order. ``page``/``page_size`` (default
  100, at most 1000) or ``offset``/``limit``; ``modified_since`` (ISO 8601) keeps the records
  changed since then. ``X-Total-Count`` and a ``Link`` header (``rel="next"``) tell the rest.
  The CRM answers a JSON array; the ERP wraps it as ``{"data": [...], "total": N}``.
- ``GET /<sys>/<entity>/<id>``: one record with its ``ETag``.
- ``POST /crm/followups`` with the new record (``id`` chosen by the client): 201 with the
  record, its ``ETag`` and ``Location``; already there with those values → 200, nothing
  written; with others → 409; a customer document the CRM has no contact for → 422. An
  ``Idempotency-Key`` seen before returns the first answer again.
- ``POST /crm/customers`` and ``POST /erp/customers`` create a customer the same way (its id
  Cuadre's document key; 422 for what the system requires and lacks); ``DELETE
  /erp/customers/<id>`` archives a party nothing points at (409 ``in_use`` otherwise).
- ``POST /erp/orders`` registers the order that reserves a unit for a customer, ``POST
  /erp/orders/<id>/cancel`` cancels it and frees the unit (``orders``).
- ``PATCH /<sys>/<entity>/<id>``: needs ``If-Match`` (428 without, 412 when stale); unknown or
  read-only fields are a 400; an ``Idempotency-Key`` seen before returns the first answer again.
- ``POST /<sys>/<entity>/<id>/merge`` with ``{merged, changes, snapshot, children, undo}``:
  merges the ``merged`` records into ``<id>`` at once (or undoes it); 409 with the current
  values when a record no longer holds its snapshot; the same ``Idempotency-Key`` again
  returns the first answer (``store.Store.merge``).
- Writes and their ``Idempotency-Key``, as real idempotency layers (Stripe's, the IETF's
  draft-ietf-httpapi-idempotency-key-header) handle them: a request whose body arrives
  shorter than its Content-Length (the client died or cut the connection half way) is not
  handled at all, and a body that is not a JSON object is a 400 — neither stores anything
  under the key, so the resend is handled afresh. The first request read whole is handled
  and its answer stored (not a 5xx); a repeat gets it again with ``Idempotent-Replayed:
  true``; a repeat while the first is still being handled is a 409
  (``idempotency_key_in_flight``); the key reused with another method, path or body is a
  422 (``idempotency_key_reused``): ``rest_api.Idempotency``. Injected faults answer before
  this layer, as a proxy or a rate limiter in front of the API would.

This module is the HTTP side (reading requests whole, faults, the request log, the Odoo
mount, start and stop); ``rest_api`` answers the REST paths.
- ``/_faults``: ``GET`` lists, ``POST`` adds, ``DELETE`` clears the injected faults.
- ``/xmlrpc/2/…``, ``/json/2/…`` and ``/web/version``: Odoo's external API, from
  ``sandbox/odoo.py`` (its API key is the token), seeded from the demo ERP.
- ``/crm/v3/…`` and ``/account-info/v3/…``: HubSpot's CRM API, from ``sandbox/hubspot.py``
  (the token is the private app's access token), seeded from the demo CRM.
"""

from __future__ import annotations

import base64
import hmac
import io
import json
import logging
import secrets
import signal
import socket
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from app.connectors.base import SourceError
from app.demo.files import DemoFiles, ensure_demo
from app.demo.sandbox.cloud import CloudErps
from app.demo.sandbox.faults import FaultError, Faults
from app.demo.sandbox.hubspot import PREFIXES as HUBSPOT_PREFIXES
from app.demo.sandbox.hubspot import HubSpotApi, Limits, emulator, source_of
from app.demo.sandbox.odoo import make_app
from app.demo.sandbox.rest_api import Idempotency, Reply, json_reply, route
from app.demo.sandbox.store import Store
from app.demo.sandbox.views import SYSTEMS
from app.progress import run

log = logging.getLogger(__name__)

MAX_BODY = 10 * 1024 * 1024
ODOO_PREFIXES = ("/xmlrpc/2/", "/json/2/", "/web/version")
#: A keep-alive connection idle this long is closed by the server.
IDLE_TIMEOUT = 60.0

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
OdooFactory = Callable[[Path, str], WsgiApp]


@dataclass(slots=True)
class Seen:
    """One request as the sandbox saw it: for tests to tell what a client sent and got.
    Logged when it arrives; ``status`` is set once it is answered (None while it waits or
    when its answer was dropped: see ``answered``)."""

    method: str
    path: str
    query: str
    at: float  # time.monotonic() when the request arrived
    headers: dict[str, str]
    status: int | None = None
    answered: bool = False
    #: False when the body came shorter than its Content-Length (the client went away with
    #: half a request sent): such a request is never handled.
    whole: bool = True
    #: The body as received (a test may send it again, as a client that lost the answer would).
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    """Threads per connection, every one joined on close; open connections are cut on stop."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def cut_connections(self) -> None:
        """Wake every handler blocked on a keep-alive connection so it can end."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away mid-response is normal here (timeouts, dropped tests).
        log.debug("sandbox request failed", exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CuadreSandbox/1"
    timeout = IDLE_TIMEOUT
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("sandbox: " + format, *args)

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    # --- one request --------------------------------------------------------------------------

    def _dispatch(self) -> None:
        sandbox = self.server.sandbox
        arrived = time.monotonic()
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        body, whole = self._body()
        if body is None:
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        seen = Seen(self.command, path, parts.query, arrived, headers, whole=whole, body=body)
        if path != "/_health":
            sandbox._seen(seen)
        if not whole:
            # Half a request: nothing is handled and nothing stored under its Idempotency-Key,
            # so a resend is handled afresh (as Stripe's and the IETF draft's layers do).
            self.close_connection = True
            return
        reply: Reply | None
        try:
            reply = self._route(sandbox, path, parts.query, body, headers)
        except Exception:  # a bug here must not kill the connection thread silently
            log.exception("sandbox handler failed")
            reply = json_reply(500, {"error": "internal", "message": "Error interno del sandbox."})
        seen.status, seen.answered = (reply.status, True) if reply is not None else (None, False)
        if reply is None:  # dropped: handled, but no response, and the connection is cut
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _body(self) -> tuple[bytes | None, bool]:
        """(the body, whether it came whole); (None, True) when the request was answered
        already (no length, or too long). A body cut short — the client closed or reset the
        connection, or went silent past the idle timeout, before sending Content-Length
        bytes — is not whole."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._early(411, "length_required")
            return None, True
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._early(413 if length > MAX_BODY else 400, "bad_length")
            return None, True
        if not length:
            return b"", True
        try:
            data = self.rfile.read(length)
        except OSError:  # reset or timed out in the middle of the body
            return b"", False
        return data, len(data) == length

    def _early(self, status: int, code: str) -> None:
        reply = json_reply(status, {"error": code})
        self.close_connection = True
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(reply.body)

    def _route(self, sandbox: Sandbox, path: str, query: str, body: bytes,
               headers: dict[str, str]) -> Reply | None:
        if path == "/_health":
            return json_reply(200, {"status": "ok"})
        odoo = path.startswith(ODOO_PREFIXES)
        hubspot = path.startswith(HUBSPOT_PREFIXES)
        cloud = sandbox.cloud_erp(path)
        if cloud is not None:  # Siigo's and Alegra's own paths, with their own credentials
            injection = sandbox.faults.take(self.command, path)
            if injection is not None and injection.status is not None:
                extra = {"Retry-After": injection.retry_after} if injection.retry_after else {}
                return json_reply(injection.status, {"error": "injected_fault"}, extra)
            reply = cloud.handle(self.command, path, query, body, headers)
            return None if injection is not None and injection.drop else reply  # handled, lost
        if not odoo and not hubspot and not sandbox.authorized(headers.get("authorization")):
            return json_reply(401, {"error": "unauthorized",
                                    "message": "Falta el token o no es válido."},
                              {"WWW-Authenticate": 'Bearer realm="sandbox"'})
        if path == "/_faults" or path.startswith("/_faults/"):
            return self._faults(sandbox, body)
        injection = sandbox.faults.take(self.command, path)
        if injection is not None:
            if injection.delay and sandbox.stopping.wait(injection.delay):
                return None  # the sandbox is stopping: nobody waits for this answer
            if injection.status is not None:
                extra = {"Retry-After": injection.retry_after} if injection.retry_after else {}
                return json_reply(injection.status, {"error": "injected_fault"}, extra)
        if odoo:
            reply = self._odoo(sandbox, path, query, body, headers)
        elif hubspot:
            reply = sandbox.hubspot().handle(self.command, path, query, body, headers)
        else:
            gate = injection.gate if injection is not None else None
            reply = route(sandbox, self.command, path, query, body, headers, self._origin(headers),
                          gate)
        return None if injection is not None and injection.drop else reply

    def _origin(self, headers: dict[str, str]) -> str:
        host = headers.get("host") or f"127.0.0.1:{self.server.server_address[1]}"
        return f"http://{host}"

    def _faults(self, sandbox: Sandbox, body: bytes) -> Reply:
        if self.command == "GET":
            return json_reply(200, {"rules": sandbox.faults.rules()})
        if self.command == "DELETE":
            sandbox.faults.clear()
            return json_reply(200, {"rules": []})
        if self.command != "POST":
            return json_reply(405, {"error": "method_not_allowed"}, {"Allow": "GET, POST, DELETE"})
        try:
            payload = json.loads(body or b"{}")
            if isinstance(payload, dict) and payload.get("clear") is True:
                sandbox.faults.clear()
                payload = {k: v for k, v in payload.items() if k != "clear"}
                if not payload:
                    return json_reply(200, {"rules": []})
            sandbox.faults.add_json(payload)
        except (ValueError, TypeError) as exc:
            message = str(exc) if isinstance(exc, FaultError) else "JSON no válido"
            return json_reply(400, {"error": "invalid_fault", "message": message})
        return json_reply(201, {"rules": sandbox.faults.rules()})

    def _odoo(self, sandbox: Sandbox, path: str, query: str, body: bytes,
              headers: dict[str, str]) -> Reply:
        app = sandbox.odoo()
        if app is None:
            return json_reply(404, {"error": "not_found",
                                    "message": "El emulador de Odoo no está disponible."})
        return _call_wsgi(app, self.command, path, query, body, headers,
                          self.server.server_address, self.client_address)


# --- WSGI bridge for the Odoo emulator -------------------------------------------------------------


def _call_wsgi(app: WsgiApp, method: str, path: str, query: str, body: bytes,
               headers: dict[str, str], server: tuple[Any, ...], client: tuple[Any, ...]) -> Reply:
    """Run one request through a WSGI application and collect its whole answer."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method, "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": query,
        "CONTENT_TYPE": headers.get("content-type", ""), "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": str(server[0]), "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": str(client[0]),
        "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(), "wsgi.multithread": True, "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        if name not in ("content-type", "content-length"):
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    started: list[Any] = []
    written: list[bytes] = []

    def start_response(status: str, response_headers: list[tuple[str, str]],
                       exc_info: Any = None) -> Callable[[bytes], None]:
        started[:] = [status, response_headers]
        return written.append

    result = app(environ, start_response)
    try:
        chunks = [*written, *result]
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        return json_reply(500, {"error": "internal"})
    status = int(str(started[0]).split(" ", 1)[0])
    skip = {"content-length", "connection", "transfer-encoding", "keep-alive"}
    out = {k: v for k, v in started[1] if k.lower() not in skip}
    return Reply(status, b"".join(chunks), out)


# --- the sandbox ----------------------------------------------------------------------------------


class Sandbox:
    """The sandbox CRM and ERP on one port, as a context manager::

        with Sandbox(port=0) as sb:
            sb.url("crm"), sb.token, sb.faults.add(status=429, retry_after=1)

    ``data_dir`` is where the demo files are (written on first use); ``odoo_factory`` builds
    the Odoo emulator on its first request (default: ``sandbox/odoo.py``'s ``make_app``;
    ``False``: none).
    """

    def __init__(self, port: int = 0, token: str | None = None, data_dir: Path | None = None, *,
                 host: str = "127.0.0.1", odoo_factory: OdooFactory | bool | None = None,
                 log_size: int = 1000, hubspot_limits: Limits | None = None,
                 siigo_per_minute: int = 100, alegra_per_minute: int = 150) -> None:
        self.host = host
        #: Siigo Nube and Alegra (``cloud_seed.CloudErps``), with their published limits.
        self.clouds = CloudErps(siigo_per_minute, alegra_per_minute)
        self._port = port
        self.token = token or secrets.token_urlsafe(24)
        self.data_dir = data_dir
        self.faults = Faults()
        self.stopping = threading.Event()
        self._store: Store | None = None
        self._odoo_factory = odoo_factory
        self._odoo_app: WsgiApp | None = None
        self._odoo_lock = threading.Lock()
        self._files: DemoFiles | None = None
        self._log: deque[Seen] = deque(maxlen=log_size)
        self._log_lock = threading.Lock()
        #: Writes handled once per Idempotency-Key (``rest_api.Idempotency``).
        self.idempotency = Idempotency()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._hubspot_limits = hubspot_limits
        self._hubspot: HubSpotApi | None = None
        self._hubspot_lock = threading.Lock()

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> Sandbox:
        self._files = run(ensure_demo(data_dir=self.data_dir))
        self._store = Store(self._files.crm, self._files.erp)
        try:
            self._server = _Server((self.host, self._port), self)
        except OSError as exc:
            raise SourceError(f"No se pudo abrir el puerto {self._port} en {self.host}: "
                              f"{exc.strerror or exc}.") from exc
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="cuadre-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections and join every thread."""
        self.stopping.set()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.cut_connections()
            server.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._odoo_lock:
            close = getattr(self._odoo_app, "close", None)
            if callable(close):
                close()
            self._odoo_app = None

    # --- the Odoo emulator --------------------------------------------------------------------

    @property
    def odoo_available(self) -> bool:
        return self._factory() is not None

    def _factory(self) -> OdooFactory | None:
        if self._odoo_factory is False:
            return None
        if self._odoo_factory is None or self._odoo_factory is True:
            return make_app
        return self._odoo_factory

    def odoo(self) -> WsgiApp | None:
        """The Odoo emulator (built on first use: seeding it takes a moment), or None."""
        with self._odoo_lock:
            if self._odoo_app is None and self._files is not None:
                factory = self._factory()
                if factory is not None:
                    self._odoo_app = factory(self._files.erp, self.token)
            return self._odoo_app

    def hubspot(self) -> HubSpotApi:
        """The HubSpot emulator, its portal seeded from the demo CRM on first use."""
        with self._hubspot_lock:
            if self._hubspot is None:
                self._hubspot = emulator(self._files, self.token, self._hubspot_limits)
            return self._hubspot

    @property
    def hubspot_source(self) -> str:
        return source_of(self.host, self.port)

    def cloud_erp(self, path: str) -> Any:
        """The Siigo or Alegra emulator serving ``path`` (built on first use), or None."""
        return self.clouds.serving(path, self._files.erp if self._files else None, self.token)

    @property
    def siigo_source(self) -> str:
        return self.clouds.source("siigo", self.host, self.port)

    @property
    def alegra_source(self) -> str:
        return self.clouds.source("alegra", self.host, self.port)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def store(self) -> Store:
        """The data being served (the demo's, as changed by the writes so far)."""
        if self._store is None:
            raise RuntimeError("the sandbox has not started")
        return self._store

    # --- addresses ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            return self._port
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, system: str) -> str:
        """The REST base URL of ``"crm"`` or ``"erp"``."""
        if system not in SYSTEMS:
            raise ValueError(system)
        return f"{self.base_url}/{system}"

    @property
    def odoo_source(self) -> str:
        return f"odoo://admin@{self.host}:{self.port}/sandbox"

    # --- requests -----------------------------------------------------------------------------

    def authorized(self, header: str | None) -> bool:
        if not header:
            return False
        scheme, _, value = header.strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer":
            return hmac.compare_digest(value.encode(), self.token.encode())
        if scheme.lower() == "basic":
            try:
                _, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                return False
            return hmac.compare_digest(password.encode(), self.token.encode())
        return False

    @property
    def applied_keys(self) -> Counter[str]:
        """How many times each Idempotency-Key was handled afresh with a 2xx (applied): a
        repeat answered from the log is not counted, so 1 is "applied once"."""
        return self.idempotency.applied

    def in_flight(self) -> set[str]:
        """The Idempotency-Keys of the writes being handled right now (for tests)."""
        return self.idempotency.in_flight()

    def _seen(self, request: Seen) -> None:
        with self._log_lock:
            self._log.append(request)

    def requests(self, path_prefix: str = "") -> list[Seen]:
        """The requests seen so far (the latest ``log_size``), optionally under a path."""
        with self._log_lock:
            return [r for r in self._log if r.path.startswith(path_prefix)]

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()


def serve(port: int, token: str | None = None, data_dir: Path | None = None,
          out: Any = None) -> None:
    """Run the sandbox until Ctrl+C or SIGTERM, printing (in Spanish) how to connect to it."""
    stream = out if out is not None else sys.stdout
    done = threading.Event()

    def on_term(signum: int, frame: Any) -> None:
        done.set()

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        with Sandbox(port=port, token=token, data_dir=data_dir) as sb:
            sb.odoo()  # seeded now rather than on the first client's call
            sb.hubspot()
            sb.cloud_erp("/v1/")
            sb.cloud_erp("/api/v1/")
            from app.demo.sandbox.instructions import instructions

            print(instructions(sb), file=stream, flush=True)
            try:
                while not done.wait(0.5):
                    pass
            except KeyboardInterrupt:
                pass
            print("Deteniendo el sandbox…", file=stream, flush=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
