"""The sandbox's REST API (``/crm`` and ``/erp``) and its idempotency layer.

:func:`route` answers one request already read whole (``server._Handler`` reads it and turns
away a body cut short): lists with paging headers, one record with its ETag, and the writes —
PATCH, a creation POST, a merge POST — each with its body parsed before anything else (a body
that is not a JSON object is a 400 that stores nothing), then handled once per
``Idempotency-Key`` by :class:`Idempotency`, as real idempotency layers do (Stripe's; the
IETF's draft-ietf-httpapi-idempotency-key-header): the first request with a key is handled
and its answer stored; a repeat gets that answer again; a repeat while the first is still
being handled is a 409 and stores nothing; the key with another method, path or body is a
422. What the records hold and how a write changes them is ``store.Store``'s.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlencode

from app.demo.sandbox.orders import cancel as cancel_order
from app.demo.sandbox.orders import create as create_order
from app.demo.sandbox.orders import get as get_order
from app.demo.sandbox.store import MergeBody, Store
from app.demo.sandbox.tables import parse_timestamp
from app.demo.sandbox.views import SYSTEMS, StoreError

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(slots=True)
class Reply:
    """An answer, whole: status, body, headers (Content-Length is added when it is sent)."""

    status: int
    body: bytes
    headers: dict[str, str]


def json_reply(status: int, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, {"Content-Type": "application/json; charset=utf-8", **(headers or {})})


class Served(Protocol):
    """What the REST paths need of the sandbox serving them (``server.Sandbox``)."""

    @property
    def store(self) -> Store: ...

    @property
    def idempotency(self) -> Idempotency: ...

    @property
    def stopping(self) -> threading.Event: ...


def route(sandbox: Served, method: str, path: str, query: str, body: bytes,
          headers: dict[str, str], origin: str, gate: threading.Event | None = None) -> Reply:
    segments = [s for s in path.split("/") if s]
    if segments[:2] == ["erp", "orders"]:
        try:
            return _orders(sandbox, method, path, segments[2:], body, headers, gate)
        except StoreError as exc:
            return json_reply(exc.status, exc.body())
    if not segments or segments[0] not in SYSTEMS or len(segments) > 4 or (
            len(segments) == 4 and segments[3] != "merge"):
        return json_reply(404, {"error": "not_found"})
    system = segments[0]
    try:
        if len(segments) == 1:
            if method not in ("GET", "HEAD"):
                return json_reply(405, {"error": "method_not_allowed"}, {"Allow": "GET"})
            return json_reply(200, {"system": system, "entities": sandbox.store.entities(system)})
        entity = segments[1]
        store = sandbox.store
        if len(segments) == 2:
            creates = bool(store.view(system, entity).creates)
            if method == "POST" and creates:
                fields = _object(body, "el registro a crear")
                return _write(sandbox, method, path, headers, fields, lambda: _create(
                    store, system, entity, path, fields, origin), gate)
            if method not in ("GET", "HEAD"):
                return json_reply(405, {"error": "method_not_allowed"},
                                  {"Allow": "GET, POST" if creates else "GET"})
            return _list(sandbox.store, system, entity, path, query, origin)
        key = segments[2]
        if len(segments) == 4:
            if method != "POST":
                return json_reply(405, {"error": "method_not_allowed"}, {"Allow": "POST"})
            request = _parsed(body)
            merge = MergeBody.parse(request)
            return _write(sandbox, method, path, headers, request, lambda: _merge(
                store, system, entity, key, merge), gate)
        if method in ("GET", "HEAD"):
            record, etag = store.get(system, entity, key)
            return json_reply(200, record, {"ETag": etag})
        if method == "PATCH":
            changes = _object(body, "los campos a cambiar")
            return _write(sandbox, method, path, headers, changes, lambda: _patch(
                store, system, entity, key, changes, headers), gate)
        archives = system == "erp" and entity == "customers"
        if method == "DELETE" and archives:  # a party is archived, never erased
            return _write(sandbox, method, path, headers, {}, lambda: json_reply(
                200, store.archive(system, entity, key)), gate)
        return json_reply(405, {"error": "method_not_allowed"},
                          {"Allow": "GET, PATCH, DELETE" if archives else "GET, PATCH"})
    except StoreError as exc:
        return json_reply(exc.status, exc.body())


def _orders(sandbox: Served, method: str, path: str, rest: list[str], body: bytes,
            headers: dict[str, str], gate: threading.Event | None) -> Reply:
    """``/erp/orders``: the ERP reserves a unit with an order (``orders``)."""
    store = sandbox.store
    if not rest:
        if method != "POST":
            return json_reply(405, {"error": "method_not_allowed"}, {"Allow": "POST"})
        fields = _object(body, "el pedido")

        def place() -> Reply:
            order, created = create_order(store, fields)
            return json_reply(201 if created else 200, order,
                              {"Location": f"{path.rstrip('/')}/{quote(str(order['id']), safe='')}"})

        return _write(sandbox, method, path, headers, fields, place, gate)
    if len(rest) == 1 and method in ("GET", "HEAD"):
        return json_reply(200, get_order(store, rest[0]))
    if len(rest) == 2 and rest[1] == "cancel":
        if method != "POST":
            return json_reply(405, {"error": "method_not_allowed"}, {"Allow": "POST"})
        payload = _parsed(body) or {}
        return _write(sandbox, method, path, headers, payload,
                      lambda: json_reply(200, cancel_order(store, rest[0])), gate)
    return json_reply(404, {"error": "not_found"})


def _query_int(params: dict[str, str], name: str, default: int | None, low: int) -> int | None:
    if name not in params:
        return default
    try:
        value = int(params[name])
    except ValueError:
        raise StoreError(400, "invalid_parameter", f"{name} debe ser un entero.") from None
    if value < low:
        raise StoreError(400, "invalid_parameter", f"{name} debe ser al menos {low}.")
    return value


def _list(store: Store, system: str, entity: str, path: str, query: str, origin: str) -> Reply:
    params = dict(parse_qsl(query, keep_blank_values=True))
    since = None
    if params.get("modified_since"):
        try:
            since = parse_timestamp(params["modified_since"])
        except ValueError:
            raise StoreError(400, "invalid_parameter",
                             "modified_since debe ser una fecha ISO 8601.") from None
    if "offset" in params or "limit" in params:
        offset = _query_int(params, "offset", 0, 0) or 0
        limit = min(_query_int(params, "limit", DEFAULT_PAGE_SIZE, 1) or 1, MAX_PAGE_SIZE)
        after = {**params, "offset": str(offset + limit), "limit": str(limit)}
        before = {**params, "offset": str(max(0, offset - limit)), "limit": str(limit)}
        has_prev = offset > 0
    else:
        page = _query_int(params, "page", 1, 1) or 1
        limit = min(_query_int(params, "page_size", DEFAULT_PAGE_SIZE, 1) or 1, MAX_PAGE_SIZE)
        offset = (page - 1) * limit
        after = {**params, "page": str(page + 1), "page_size": str(limit)}
        before = {**params, "page": str(page - 1), "page_size": str(limit)}
        has_prev = page > 1
    chunk, total = store.page(system, entity, since, offset, limit)
    if "fields" in params:  # only those fields (``fields=id``: the ids, to find what was deleted)
        names = [n.strip() for n in params["fields"].split(",") if n.strip()]
        known = store.view(system, entity).fields(store.tables[system])
        unknown = [n for n in names if n not in known]
        if not names or unknown:
            raise StoreError(400, "invalid_parameter", "fields debe nombrar campos del registro: "
                             f"{', '.join(unknown) or '(ninguno)'} no lo son.")
        chunk = [{n: row.get(n) for n in names} for row in chunk]
    links = []
    if offset + limit < total:
        links.append(f'<{origin}{path}?{urlencode(after)}>; rel="next"')
    if has_prev:
        links.append(f'<{origin}{path}?{urlencode(before)}>; rel="prev"')
    headers = {"X-Total-Count": str(total)}
    if links:
        headers["Link"] = ", ".join(links)
    payload: Any = chunk if system == "crm" else {"data": chunk, "total": total}
    return json_reply(200, payload, headers)


def _parsed(body: bytes) -> Any:
    """The body as JSON, or None when it is empty or not JSON."""
    try:
        return json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, ValueError):
        return None


def _object(body: bytes, what: str) -> dict[str, Any]:
    """A write's body, a JSON object with something in it; a 400 otherwise, raised before the
    idempotency layer (nothing is stored under the request's key for it)."""
    parsed = _parsed(body)
    if not isinstance(parsed, dict) or not parsed:
        raise StoreError(400, "invalid_json", f"Envíe un objeto JSON con {what}.")
    return parsed


def _write(sandbox: Served, method: str, path: str, headers: dict[str, str], payload: Any,
           handle: Callable[[], Reply], gate: threading.Event | None = None) -> Reply:
    """A write whose body was read whole and parsed: handled once per ``Idempotency-Key``.
    From here on the request has begun to execute, so its answer — a refusal of the store
    (412, 409, 400 for a read-only field…) included — is what a repeat gets. A ``gate`` (an
    injected fault) holds it, its key in flight, until set or the sandbox stops."""

    def execute() -> Reply:
        while gate is not None and not gate.wait(0.1) and not sandbox.stopping.is_set():
            pass
        try:
            return handle()
        except StoreError as exc:
            return json_reply(exc.status, exc.body())

    return sandbox.idempotency.once(headers.get("idempotency-key"), method, path, execute,
                                    fingerprint=fingerprint(payload))


def fingerprint(payload: Any) -> str:
    """What identifies a request's content for its idempotency key: the parsed body,
    whatever its keys' order or spacing."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _patch(store: Store, system: str, entity: str, key: str, changes: dict[str, Any],
           headers: dict[str, str]) -> Reply:
    record, etag = store.patch(system, entity, key, changes, headers.get("if-match"))
    return json_reply(200, record, {"ETag": etag})


def _create(store: Store, system: str, entity: str, path: str, fields: dict[str, Any],
            origin: str) -> Reply:
    record, etag, created = store.create(system, entity, fields)
    where = f"{origin}{path.rstrip('/')}/{quote(str(record['id']), safe='')}"
    return json_reply(201 if created else 200, record, {"ETag": etag, "Location": where})


def _merge(store: Store, system: str, entity: str, key: str, merge: MergeBody) -> Reply:
    record, etag = store.merge(system, entity, key, merge)
    return json_reply(200, {"survivor": record}, {"ETag": etag})


class Idempotency:
    """Writes handled once per ``Idempotency-Key``; thread-safe. ``applied`` counts, per key,
    the times a write was handled afresh with a 2xx (a repeat answered from the log is not
    counted, so 1 is "applied once")."""

    def __init__(self) -> None:
        #: Idempotency-Key → ((method, path, body fingerprint), the answer stored for it).
        self._stored: dict[str, tuple[tuple[str, str, str], Reply]] = {}
        #: Idempotency-Key → (method, path, body fingerprint) of the request being handled.
        self._in_flight: dict[str, tuple[str, str, str]] = {}
        self._lock = threading.Lock()
        self.applied: Counter[str] = Counter()

    def once(self, key: str | None, method: str, path: str, handle: Callable[[], Reply], *,
             fingerprint: str = "") -> Reply:
        """Handle a write once per ``Idempotency-Key``, as real idempotency layers do
        (Stripe's; draft-ietf-httpapi-idempotency-key-header). Only requests read whole and
        parsed get here (see ``_Handler._body`` and ``_write``): a request cut in the middle
        stores nothing, so its resend is handled afresh. The first request with a key is
        handled and its answer stored (a 5xx is not: it may clear); a repeat gets that answer
        again (``Idempotent-Replayed: true``); the key with another method, path or body
        (``fingerprint``) is a 422; a repeat while the first is still being handled is a 409,
        storing nothing (try again later)."""
        if not key:
            return handle()
        request = (method, path, fingerprint)
        with self._lock:
            seen = self._stored.get(key)
            busy = self._in_flight.get(key)
            if (seen is not None and seen[0] != request) or (busy is not None and busy != request):
                return json_reply(422, {"error": "idempotency_key_reused",
                                        "message": "Esa clave de idempotencia ya se usó para "
                                                   "otra operación."})
            if seen is not None:
                first = seen[1]
                return Reply(first.status, first.body,
                             {**first.headers, "Idempotent-Replayed": "true"})
            if busy is not None:
                return json_reply(409, {"error": "idempotency_key_in_flight",
                                        "message": "Una solicitud con esa clave de idempotencia "
                                                   "aún se está atendiendo."},
                                  {"Retry-After": "1"})
            self._in_flight[key] = request
        reply: Reply | None = None
        try:
            reply = handle()
            return reply
        finally:
            with self._lock:
                del self._in_flight[key]
                if reply is not None and reply.status < 500:
                    self._stored[key] = (request, reply)
                if reply is not None and 200 <= reply.status < 300:
                    self.applied[key] += 1

    def in_flight(self) -> set[str]:
        """The Idempotency-Keys of the writes being handled right now (for tests)."""
        with self._lock:
            return set(self._in_flight)
