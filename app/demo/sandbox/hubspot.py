"""The sandbox's HubSpot: CRM v3 as HubSpot documents it, as strict as the service.

Mounted beside the REST CRM/ERP and Odoo on the sandbox's port; the connector reaches it as
``hubspot://PORTAL@127.0.0.1:PORT``. What it answers, and how it refuses, follows HubSpot's
published reference:

- Authentication: a private app's access token as ``Authorization: Bearer …`` (any other
  scheme, or none, is a 401 ``INVALID_AUTHENTICATION``) —
  https://developers.hubspot.com/docs/api/private-apps
- ``GET /crm/v3/objects/{type}`` (``limit`` ≤ 100, ``after``, ``properties``; unknown
  properties are left out of the answer), ``GET /crm/v3/objects/{type}/{id}``,
  ``PATCH /crm/v3/objects/{type}/{id}`` —
  https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic
- ``POST /crm/v3/objects/{type}/search``: ``filterGroups`` (≤ 5 groups, ≤ 6 filters each, ≤ 18
  in all), ``sorts``, ``properties``, ``limit`` ≤ 200, ``after``; paging past 10,000 results is a
  400; a filter on an unknown property is a 400; 5 requests per second per token —
  https://developers.hubspot.com/docs/api/crm/search (Limitations)
- ``POST /crm/v3/objects/{type}/batch/read`` and ``/batch/update``: ≤ 100 inputs (more is a
  400; ≤ 50 when ``propertiesWithHistory`` is asked, HubSpot's own refusal quoted in
  https://github.com/PipedreamHQ/pipedream/pull/8462); an unknown or read-only property refuses
  the whole batch (400 ``VALIDATION_ERROR``); ids not found are a 207 with their errors —
  https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch
- ``POST /crm/v3/objects/contacts/merge`` with ``primaryObjectId`` and ``objectIdToMerge``;
  it cannot be undone — https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge
- ``GET /crm/v3/schemas`` (the custom objects), ``GET /account-info/v3/details`` (the portal).
- Rate limits (https://developers.hubspot.com/docs/api/usage-details): a burst window per
  token (private apps: 100 requests per 10 seconds on Free/Starter, the default here) and a
  daily limit, told in ``X-HubSpot-RateLimit-Max``/``-Remaining``/``-Interval-Milliseconds``
  and ``X-HubSpot-RateLimit-Daily``/``-Daily-Remaining`` (the search endpoint sends none of
  them); over a limit, 429 with ``errorType: RATE_LIMIT``, its ``policyName`` and
  ``Retry-After``.

Every error body has HubSpot's shape: ``status: "error"``, ``message``, ``correlationId``,
``category`` (https://developers.hubspot.com/docs/faq/api-error-responses).
"""

from __future__ import annotations

import hmac
import json
import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from app.demo.files import DemoFiles
from app.demo.sandbox.hubspot_data import (
    CUSTOM,
    PORTAL_ID,
    PROPERTIES,
    READ_ONLY,
    HsObject,
    HubSpotError,
    Portal,
)
from app.demo.sandbox.rest_api import Reply, json_reply
from app.demo.sandbox.tables import load as load_tables

PREFIXES = ("/crm/v3/", "/account-info/v3/")
LIST_MAX = 100
SEARCH_MAX = 200
SEARCH_CAP = 10_000
BATCH_MAX = 100
#: A batch read asking for property histories takes fewer inputs.
HISTORY_MAX = 50
OPERATORS = frozenset({"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
                       "HAS_PROPERTY", "NOT_HAS_PROPERTY"})


@dataclass(frozen=True, slots=True)
class Limits:
    """The portal's limits: the burst window, the search endpoint's per second, the day's."""

    burst: int = 100
    window: float = 10.0
    search_per_second: int = 5
    daily: int = 250_000


class _Meter:
    """Sliding windows of request times, per token (one lock)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._burst: deque[float] = deque()
        self._search: deque[float] = deque()
        self._day = 0
        self._lock = threading.Lock()

    def take(self, search: bool) -> tuple[str | None, float, dict[str, str]]:
        """(policy refused or None, seconds to wait, headers to send)."""
        now = time.monotonic()
        lim = self.limits
        with self._lock:
            while self._burst and now - self._burst[0] >= lim.window:
                self._burst.popleft()
            while self._search and now - self._search[0] >= 1.0:
                self._search.popleft()
            if self._day >= lim.daily:
                return "DAILY", 3600.0, {}
            if search and len(self._search) >= lim.search_per_second:
                return "SECONDLY", max(0.0, 1.0 - (now - self._search[0])), {}
            if len(self._burst) >= lim.burst:
                return "SECONDLY", max(0.0, lim.window - (now - self._burst[0])), {}
            self._burst.append(now)
            self._day += 1
            if search:
                self._search.append(now)
                return None, 0.0, {}
            return None, 0.0, {
                "X-HubSpot-RateLimit-Daily": str(lim.daily),
                "X-HubSpot-RateLimit-Daily-Remaining": str(lim.daily - self._day),
                "X-HubSpot-RateLimit-Interval-Milliseconds": str(int(lim.window * 1000)),
                "X-HubSpot-RateLimit-Max": str(lim.burst),
                "X-HubSpot-RateLimit-Remaining": str(lim.burst - len(self._burst)),
            }


def emulator(files: DemoFiles | None, token: str, limits: Limits | None) -> HubSpotApi:
    """The emulated portal, seeded from the demo CRM's file (a private copy of its tables)."""
    if files is None:
        raise RuntimeError("the sandbox has not started")
    tables, _latest = load_tables(files.crm, "crm")
    return HubSpotApi(Portal.from_demo(tables), token, limits)


def source_of(host: str, port: int) -> str:
    """The ``hubspot://`` source of the emulated portal on ``host:port``."""
    return f"hubspot://{PORTAL_ID}@{host}:{port}"


def error(status: int, message: str, category: str, headers: dict[str, str] | None = None,
          **extra: Any) -> Reply:
    return json_reply(status, {"status": "error", "message": message,
                               "correlationId": str(uuid.uuid4()), "category": category,
                               **extra}, headers)


class HubSpotApi:
    """One emulated portal: its data (from the demo CRM's tables), token and limits."""

    def __init__(self, portal: Portal, token: str, limits: Limits | None = None) -> None:
        self.portal = portal
        self.token = token
        self.meter = _Meter(limits or Limits())

    def handle(self, method: str, path: str, query: str, body: bytes,
               headers: dict[str, str]) -> Reply:
        scheme, _, value = (headers.get("authorization") or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                                   self.token.encode()):
            return error(401, "Authentication credentials not found. This API supports OAuth "
                         "2.0 authentication and you can find more details at "
                         "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
                         "INVALID_AUTHENTICATION")
        search = method == "POST" and path.endswith("/search")
        policy, wait, limit_headers = self.meter.take(search)
        if policy is not None:
            return json_reply(429, {
                "status": "error", "errorType": "RATE_LIMIT", "policyName": policy,
                "message": "You have reached your daily limit." if policy == "DAILY" else
                "You have reached your secondly limit.",
                "correlationId": str(uuid.uuid4())}, {"Retry-After": str(max(1, math.ceil(wait)))})
        try:
            reply = self._route(method, path, query, body)
        except HubSpotError as exc:
            reply = error(exc.status, exc.message, exc.category, **exc.extra)
        reply.headers.update(limit_headers)
        return reply

    # --- routing ---------------------------------------------------------------------------

    def _route(self, method: str, path: str, query: str, body: bytes) -> Reply:
        parts = [p for p in path.split("/") if p]
        if parts == ["account-info", "v3", "details"] and method == "GET":
            return json_reply(200, {"portalId": PORTAL_ID, "accountType": "STANDARD",
                                    "timeZone": "America/Bogota", "companyCurrency": "COP",
                                    "additionalCurrencies": [], "utcOffset": "-05:00",
                                    "utcOffsetMilliseconds": -18_000_000,
                                    "uiDomain": "app.hubspot.com", "dataHostingLocation": "na1"})
        if parts == ["crm", "v3", "schemas"] and method == "GET":
            return json_reply(200, {"results": [self._schema(t) for t in CUSTOM]})
        if len(parts) < 4 or parts[:3] != ["crm", "v3", "objects"]:
            raise HubSpotError(404, "Not Found", "OBJECT_NOT_FOUND")
        kind = self.portal.kind(parts[3])
        rest = parts[4:]
        args = {k: v[-1] for k, v in parse_qs(query).items()}
        handlers: dict[tuple[str, tuple[str, ...]], Callable[[], Reply]] = {
            ("GET", ()): lambda: self._list(kind, args),
            ("POST", ("search",)): lambda: self._search(kind, _json(body)),
            ("POST", ("batch", "read")): lambda: self._batch_read(kind, _json(body)),
            ("POST", ("batch", "update")): lambda: self._batch_update(kind, _json(body)),
            ("POST", ("merge",)): lambda: self._merge(kind, _json(body)),
        }
        if len(rest) == 1 and rest[0] not in ("search", "merge"):
            handlers[("GET", tuple(rest))] = lambda: self._one(kind, rest[0], args)
            handlers[("PATCH", tuple(rest))] = lambda: self._patch(kind, rest[0], _json(body))
        handler = handlers.get((method, tuple(rest)))
        if handler is None:
            raise HubSpotError(405 if rest else 404, f"HTTP {method} is not supported by this "
                               "endpoint.", "VALIDATION_ERROR")
        with self.portal.lock:
            return handler()

    def _schema(self, type_id: str) -> dict[str, Any]:
        name = CUSTOM[type_id]
        return {"id": type_id.split("-", 1)[1], "name": name, "objectTypeId": type_id,
                "fullyQualifiedName": f"p{PORTAL_ID}_{name}",
                "labels": {"singular": name[:-1], "plural": name},
                "properties": [{"name": p, "type": "string",
                                "modificationMetadata": {"readOnlyValue": p in READ_ONLY}}
                               for p in PROPERTIES[type_id]]}

    # --- reads -----------------------------------------------------------------------------

    def _list(self, kind: str, args: dict[str, str]) -> Reply:
        limit = _whole(args.get("limit", "10"), "limit")
        if not 1 <= limit <= LIST_MAX:
            raise HubSpotError(400, f"limit must be between 1 and {LIST_MAX}", "VALIDATION_ERROR")
        after = _whole(args.get("after", "0"), "after")
        names = _names(args.get("properties"))
        rows = [o for o in self.portal.listed(kind) if int(o.id) > after]
        page = rows[:limit]
        out: dict[str, Any] = {"results": [o.view(names) for o in page]}
        if len(rows) > limit:
            out["paging"] = {"next": {"after": page[-1].id,
                                      "link": f"?after={page[-1].id}"}}
        return json_reply(200, out)

    def _one(self, kind: str, oid: str, args: dict[str, str]) -> Reply:
        record = self.portal.get(kind, oid)
        if record is None:
            raise HubSpotError(404, "Object not found.  objectId are usually numeric.",
                               "OBJECT_NOT_FOUND", context={"id": [oid]})
        return json_reply(200, record.view(_names(args.get("properties"))))

    def _search(self, kind: str, req: dict[str, Any]) -> Reply:
        limit = _whole(req.get("limit", 10), "limit")
        if not 1 <= limit <= SEARCH_MAX:
            raise HubSpotError(400, f"limit must be between 1 and {SEARCH_MAX}",
                               "VALIDATION_ERROR")
        after = _whole(req.get("after", 0) or 0, "after")
        if after + limit > SEARCH_CAP:
            raise HubSpotError(400, "There was a problem with the request.", "VALIDATION_ERROR",
                               errors=[{"message": f"The maximum number of results for a "
                                        f"search is {SEARCH_CAP}.", "in": "after"}])
        groups = req.get("filterGroups") or []
        if not isinstance(groups, list) or len(groups) > 5 or \
                sum(len(g.get("filters") or []) for g in groups) > 18 or \
                any(len(g.get("filters") or []) > 6 for g in groups):
            raise HubSpotError(400, "Too many filter groups or filters: at most 5 groups of 6 "
                               "filters, 18 in all.", "VALIDATION_ERROR")
        known = PROPERTIES[kind]
        for group in groups:
            for f in group.get("filters") or []:
                if f.get("propertyName") not in known:
                    raise HubSpotError(400, f"There was a problem with the request. Property "
                                       f"{f.get('propertyName')} does not exist.",
                                       "VALIDATION_ERROR")
                if f.get("operator") not in OPERATORS:
                    raise HubSpotError(400, f"Unknown operator {f.get('operator')}",
                                       "VALIDATION_ERROR")
        rows = [o for o in self.portal.listed(kind)
                if not groups or any(all(_matches(o, f) for f in g.get("filters") or [])
                                     for g in groups)]
        for sort in reversed(req.get("sorts") or []):
            name = sort.get("propertyName") if isinstance(sort, dict) else str(sort).lstrip("-")
            desc = (sort.get("direction") == "DESCENDING") if isinstance(sort, dict) \
                else str(sort).startswith("-")
            rows.sort(key=_sort_key(str(name)), reverse=desc)
        if not req.get("sorts"):
            rows.sort(key=lambda o: int(o.id))
        page = rows[after:after + limit]
        out: dict[str, Any] = {"total": len(rows),
                               "results": [o.view(_names(req.get("properties"))) for o in page]}
        if after + limit < len(rows):
            out["paging"] = {"next": {"after": str(after + limit),
                                      "link": f"?after={after + limit}"}}
        return json_reply(200, out)

    def _batch_read(self, kind: str, req: dict[str, Any]) -> Reply:
        inputs = _inputs(req)
        names = _names(req.get("properties"))
        history = _names(req.get("propertiesWithHistory"))
        if history and len(inputs) > HISTORY_MAX:
            raise HubSpotError(400, "The maximum number of inputs supported in a batch request "
                               f"for property histories is {HISTORY_MAX}. Please reduce the "
                               "number of items and try again.", "VALIDATION_ERROR")
        found: list[HsObject] = []
        missing: list[str] = []
        for item in inputs:
            record = self.portal.get(kind, str(item.get("id")))
            (found.append(record) if record is not None else missing.append(str(item.get("id"))))
        views = [o.view(names) | ({"propertiesWithHistory": o.past(history)} if history else {})
                 for o in found]
        return _batch_answer(views, missing)

    # --- writes ----------------------------------------------------------------------------

    def _batch_update(self, kind: str, req: dict[str, Any]) -> Reply:
        inputs = _inputs(req)
        for item in inputs:
            props = item.get("properties")
            if not isinstance(props, dict) or not props:
                raise HubSpotError(400, "Invalid input JSON: every input needs properties.",
                                   "VALIDATION_ERROR")
            self.portal.check_properties(kind, props)
        done, missing = [], []
        for item in inputs:
            record = self.portal.update(kind, str(item.get("id")), item["properties"])
            (done.append(record.view(list(item["properties"]))) if record is not None
             else missing.append(str(item.get("id"))))
        return _batch_answer(done, missing)

    def _patch(self, kind: str, oid: str, req: dict[str, Any]) -> Reply:
        props = req.get("properties")
        if not isinstance(props, dict):
            raise HubSpotError(400, "Invalid input JSON: properties expected.", "VALIDATION_ERROR")
        self.portal.check_properties(kind, props)
        record = self.portal.update(kind, oid, props)
        if record is None:
            raise HubSpotError(404, "Object not found.  objectId are usually numeric.",
                               "OBJECT_NOT_FOUND", context={"id": [oid]})
        return json_reply(200, record.view(list(props)))

    def _merge(self, kind: str, req: dict[str, Any]) -> Reply:
        primary, other = req.get("primaryObjectId"), req.get("objectIdToMerge")
        if not isinstance(primary, str | int) or not isinstance(other, str | int):
            raise HubSpotError(400, "Invalid input JSON: primaryObjectId and objectIdToMerge "
                               "are required.", "VALIDATION_ERROR")
        if kind != "contacts":
            raise HubSpotError(400, "The sandbox merges contacts only.", "VALIDATION_ERROR")
        merged = self.portal.merge(str(primary), str(other))
        return json_reply(200, merged.view(None))


def _json(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HubSpotError(400, "Invalid input JSON on line 1", "VALIDATION_ERROR") from None
    if not isinstance(value, dict):
        raise HubSpotError(400, "Invalid input JSON: an object is expected.", "VALIDATION_ERROR")
    return value


def _whole(value: Any, name: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise HubSpotError(400, f"Invalid value for {name}: {value}", "VALIDATION_ERROR") from None


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(i).strip() for i in items if str(i).strip()] or None


def _inputs(req: dict[str, Any]) -> list[dict[str, Any]]:
    inputs = req.get("inputs")
    if not isinstance(inputs, list) or not inputs or not all(isinstance(i, dict) for i in inputs):
        raise HubSpotError(400, "Invalid input JSON: inputs is required.", "VALIDATION_ERROR")
    if len(inputs) > BATCH_MAX:
        raise HubSpotError(400, f"Batch input limit exceeded: at most {BATCH_MAX} inputs per "
                           "request.", "VALIDATION_ERROR")
    return inputs


def _batch_answer(results: list[dict[str, Any]], missing: list[str]) -> Reply:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    out: dict[str, Any] = {"status": "COMPLETE", "results": results, "startedAt": now,
                           "completedAt": now}
    if not missing:
        return json_reply(200, out)
    out["numErrors"] = len(missing)
    out["errors"] = [{"status": "error", "category": "OBJECT_NOT_FOUND",
                      "message": "Could not get some objects, they may be deleted or not "
                                 "exist.", "context": {"ids": missing}}]
    return json_reply(207, out)


def _sort_key(name: str) -> Callable[[HsObject], tuple[str, int]]:
    def key(o: HsObject) -> tuple[str, int]:
        return (o.properties.get(name) or "", int(o.id))
    return key


def _epoch(value: Any) -> float | None:
    text = str(value)
    if text.isdigit():
        return int(text) / 1000
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _matches(o: HsObject, f: dict[str, Any]) -> bool:
    name, op = f.get("propertyName"), f.get("operator")
    have = o.properties.get(str(name))
    if op == "HAS_PROPERTY":
        return have not in (None, "")
    if op == "NOT_HAS_PROPERTY":
        return have in (None, "")
    if have in (None, ""):
        return False
    if op in ("IN", "NOT_IN"):
        inside = have in [str(v) for v in f.get("values") or []]
        return inside if op == "IN" else not inside
    left: Any = have
    right: Any = f.get("value")
    high: Any = f.get("highValue")
    if str(name).endswith("date") or name == "hs_lastmodifieddate":
        left, right, high = _epoch(have), _epoch(right), _epoch(high) if high is not None else None
        if left is None or right is None:
            return False
    else:
        right = str(right)
    checks = {"EQ": lambda: left == right, "NEQ": lambda: left != right,
              "LT": lambda: left < right, "LTE": lambda: left <= right,
              "GT": lambda: left > right, "GTE": lambda: left >= right,
              "BETWEEN": lambda: high is not None and right <= left <= high}
    return bool(checks[str(op)]())
