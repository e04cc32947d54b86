"""The Siigo Nube emulator: Siigo's API as its reference documents it, on the sandbox's port.

Served at Siigo's own paths (``/auth``, ``/v1/…``) from the demo ERP (``cloud_seed``):

- ``POST /auth`` with exactly ``{"username", "access_key"}`` → ``{"access_token",
  "expires_in": 86400, "token_type": "Bearer", "scope"}``; other fields are a 400, wrong
  credentials a 401.
- Every request needs ``Partner-Id`` (400 without: Siigo identifies the integration by it)
  and, but ``/auth``, ``Authorization: Bearer <token>`` with a live token (401 otherwise).
- ``GET /v1/customers``, ``/v1/invoices``, ``/v1/vouchers``: ``page``/``page_size`` (at most
  100, a 400 over it), the documented filters (``updated_start``…), any other parameter a
  400; ``{"pagination", "results", "_links"}``. ``GET /v1/cost-centers``: a plain list.
- ``GET``/``PUT /v1/customers/{id}`` (the PUT replaces the customer; unknown fields or a
  missing required one are a 400); ``POST /v1/customers`` once per ``Idempotency-Key`` (the
  same key again gets the first answer); an invoice the DIAN accepted is never edited (400).
- 100 requests a minute per company: a 429 with ``Retry-After`` past it.

Errors are Siigo's ``{"Errors": [{"Code", "Message", "Params", "Detail"}]}``.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from app.demo.sandbox.cloud_seed import Window, demo_rows, guid, iso_day, iso_moment, number, split_number
from app.demo.sandbox.rest_api import Reply, json_reply
from app.domain.schema import Entity
from app.domain.values import CANONICAL_TO_DIAN

PREFIXES = ("/auth", "/v1/")
USER = "api@concesionario.co"
MAX_PAGE_SIZE = 100
_FILTERS = {
    "customers": {"identification", "branch_office", "active", "type", "person_type",
                  "created_start", "created_end", "updated_start", "updated_end"},
    "invoices": {"document_id", "created_start", "created_end", "date_start", "date_end",
                 "updated_start", "updated_end", "customer_identification",
                 "customer_branch_office", "name"},
    "vouchers": {"created_start", "created_end", "date_start", "date_end", "updated_start",
                 "updated_end"},
}
_CUSTOMER_FIELDS = {"type", "person_type", "id_type", "identification", "check_digit", "name",
                    "commercial_name", "branch_office", "active", "vat_responsible",
                    "fiscal_responsibilities", "address", "phones", "contacts", "comments",
                    "related_users"}
_REQUIRED = ("person_type", "id_type", "identification", "name", "address", "phones", "contacts")


def error(status: int, code: str, message: str, *params: str,
          headers: dict[str, str] | None = None) -> Reply:
    return json_reply(status, {"Errors": [{"Code": code, "Message": message,
                                           "Params": list(params), "Detail": message}]}, headers)


class SiigoEmulator:
    """One Siigo company (the demo's), its API user, and the data it holds."""

    def __init__(self, erp: Path, access_key: str, *, per_minute: int = 100,
                 token_lifetime: int = 86400) -> None:
        self.access_key = access_key
        self.window = Window(per_minute)
        self.token_lifetime = token_lifetime
        self._tokens: dict[str, float] = {}
        self._lock = threading.RLock()
        self._replies: dict[str, Reply] = {}
        self.writes: list[tuple[str, str]] = []
        self._seed(demo_rows(erp))

    # --- the data -------------------------------------------------------------------------------

    def _seed(self, rows: dict[Entity, list[dict[str, Any]]]) -> None:
        branches = sorted({r["branch"] for e in (Entity.INVOICES, Entity.PAYMENTS)
                           for r in rows[e] if r.get("branch")})
        self.centers = [{"id": 100 + i, "code": f"{i + 1:03d}", "name": b, "active": True}
                        for i, b in enumerate(branches)]
        center = {c["name"]: c["id"] for c in self.centers}
        self.customers = {c["id"]: c for c in (self._customer(r) for r in rows[Entity.CUSTOMERS])}
        self.invoices = {i["id"]: i for i in (self._invoice(r, center)
                                              for r in rows[Entity.INVOICES])}
        self.vouchers = {v["id"]: v for v in (self._voucher(r, center)
                                              for r in rows[Entity.PAYMENTS])}

    @staticmethod
    def _customer(r: Mapping[str, Any]) -> dict[str, Any]:
        company = bool(r.get("company_name")) and not r.get("first_names")
        code = r.get("city_code") or ""
        names = [r["company_name"]] if company else [r.get("first_names") or "",
                                                      r.get("last_names") or ""]
        moment = iso_moment(r.get("updated_at"))
        body: dict[str, Any] = {
            "id": guid("customer", r["source_id"]), "type": "Customer",
            "person_type": "Company" if company else "Person",
            "id_type": {"code": CANONICAL_TO_DIAN.get(r.get("doc_type") or "", "13"),
                        "name": r.get("doc_type")},
            "identification": r.get("doc_number"), "name": names, "commercial_name": "",
            "branch_office": 0, "active": True, "vat_responsible": False,
            "fiscal_responsibilities": [{"code": "R-99-PN", "name": "No aplica - Otros"}],
            "address": {"address": r.get("address") or "",
                        "city": {"country_code": "Co", "state_code": code[:2],
                                 "city_code": code}, "postal_code": ""},
            "phones": [{"indicative": "57", "number": r.get("phone") or "", "extension": ""}],
            "contacts": [{"first_name": names[0], "last_name": names[-1] if len(names) > 1
                          else "", "email": r.get("email") or ""}],
            "comments": "", "metadata": {"created": moment, "last_updated": moment},
        }
        if r.get("check_digit"):
            body["check_digit"] = r["check_digit"]
        return body

    @staticmethod
    def _invoice(r: Mapping[str, Any], center: Mapping[str, int]) -> dict[str, Any]:
        prefix, digits = split_number(r.get("invoice_number"))
        status = r.get("status")
        return {
            "id": guid("invoice", r["source_id"]), "document": {"id": 24446}, "prefix": prefix,
            "number": int(digits) if digits else 0, "name": r.get("invoice_number"),
            "date": iso_day(r.get("issued_on")),
            "customer": {"id": None, "identification": r.get("customer_doc"), "branch_office": 0},
            "cost_center": center.get(r.get("branch") or ""), "total": number(r.get("total")),
            "observations": f"VIN {r['vin']}" if r.get("vin") else "",
            "balance": 0, "annulled": status == "annulled",
            "stamp": {"status": "Accepted" if status == "validated" else "Draft",
                      "cufe": r.get("cufe")},
            "metadata": {"created": iso_moment(r.get("updated_at")),
                         "last_updated": iso_moment(r.get("updated_at"))},
        }

    @staticmethod
    def _voucher(r: Mapping[str, Any], center: Mapping[str, int]) -> dict[str, Any]:
        prefix, digits = split_number(r.get("invoice_number"))
        value = number(r.get("amount"))
        due = {"prefix": prefix, "consecutive": int(digits) if digits else None, "quote": 1,
               "date": iso_day(r.get("paid_on"))} if r.get("invoice_number") else None
        return {
            "id": guid("voucher", r["source_id"]), "document": {"id": 5638},
            "number": int("".join(ch for ch in str(r.get("receipt_number") or "0") if ch.isdigit())
                          or 0),
            "name": r.get("receipt_number"), "date": iso_day(r.get("paid_on")),
            "type": "DebtPayment" if due else "AdvancePayment",
            "customer": {"identification": r.get("customer_doc"), "branch_office": 0},
            "cost_center": center.get(r.get("branch") or ""),
            "items": [{"due": due, "value": value}] if due else [],
            "payment": {"id": 5636, "name": r.get("method"), "value": value},
            "metadata": {"created": iso_moment(r.get("updated_at")),
                         "last_updated": iso_moment(r.get("updated_at"))},
        }

    # --- requests -------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: str, body: bytes,
               headers: Mapping[str, str]) -> Reply:
        allowed, _left, wait = self.window.take("demo")
        if not allowed:
            return error(429, "too_many_requests", "Too many requests: the limit is 100 per "
                         "minute.", headers={"Retry-After": str(max(1, int(wait + 0.999)))})
        if not (headers.get("partner-id") or "").strip():
            return error(400, "invalid_partner_id", "The Partner-Id header is required.",
                         "Partner-Id")
        if path == "/auth":
            return self._auth(method, body)
        if not self._live(headers.get("authorization")):
            return error(401, "unauthorized", "The access token is missing, invalid or expired.")
        parts = path.strip("/").split("/")  # v1, resource[, id]
        resource = parts[1] if len(parts) > 1 else ""
        key = parts[2] if len(parts) > 2 else None
        if resource == "cost-centers" and method == "GET" and key is None:
            return json_reply(200, self.centers)
        table = {"customers": self.customers, "invoices": self.invoices,
                 "vouchers": self.vouchers}.get(resource)
        if table is None or len(parts) > 3:
            return error(404, "not_found", "Resource not found.")
        if key is None:
            if method == "GET":
                return self._list(resource, table, query)
            if method == "POST" and resource == "customers":
                return self._create(body, headers.get("idempotency-key"))
            return error(405, "method_not_allowed", "Method not allowed.")
        with self._lock:
            record = table.get(key)
            if record is None:
                return error(404, "not_found", f"The {resource[:-1]} {key} does not exist.")
            if method == "GET":
                return json_reply(200, record)
            if method == "PUT" and resource == "customers":
                return self._update(key, record, body)
            if method == "PUT" and resource == "invoices" and record["stamp"]["status"] == "Accepted":
                return error(400, "invoice_stamped", "An invoice accepted by the DIAN cannot be "
                             "edited; issue a credit note.")
        return error(405, "method_not_allowed", "Method not allowed.")

    def _auth(self, method: str, body: bytes) -> Reply:
        if method != "POST":
            return error(405, "method_not_allowed", "Method not allowed.")
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or set(payload) != {"username", "access_key"}:
            extra = sorted(set(payload) - {"username", "access_key"}) if isinstance(payload, dict) \
                else []
            return error(400, "invalid_parameter", "The body must have username and access_key "
                         "only.", *extra)
        if payload["username"] != USER or not secrets.compare_digest(
                str(payload["access_key"]), self.access_key):
            return error(401, "invalid_credentials", "Invalid username or access key.")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = time.monotonic() + self.token_lifetime
        return json_reply(200, {"access_token": token, "expires_in": self.token_lifetime,
                                "token_type": "Bearer", "scope": "SiigoAPI"})

    def _live(self, header: str | None) -> bool:
        scheme, _, token = (header or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        with self._lock:
            expires = self._tokens.get(token.strip())
        return expires is not None and time.monotonic() < expires

    def expire_tokens(self) -> None:
        """Tests: every token issued so far expires now (as after 24 h)."""
        with self._lock:
            self._tokens.clear()

    def _list(self, resource: str, table: Mapping[str, dict[str, Any]], query: str) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        unknown = set(params) - _FILTERS[resource] - {"page", "page_size"}
        if unknown:
            return error(400, "invalid_parameter", "Unknown parameter.", *sorted(unknown))
        try:
            page = int(params.get("page", "1"))
            size = int(params.get("page_size", "25"))
        except ValueError:
            return error(400, "invalid_parameter", "page and page_size are numbers.", "page")
        if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
            return error(400, "invalid_parameter", f"page_size must be between 1 and "
                         f"{MAX_PAGE_SIZE}.", "page_size")
        since = params.get("updated_start")
        try:
            floor = datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None
        except ValueError:
            return error(400, "invalid_parameter", "updated_start is not a date.", "updated_start")
        if floor is not None and floor.tzinfo is None:
            floor = floor.replace(tzinfo=UTC)
        with self._lock:
            rows = [r for r in table.values() if self._keeps(r, params, floor)]
        chunk = rows[(page - 1) * size: page * size]
        return json_reply(200, {"pagination": {"page": page, "page_size": size,
                                               "total_results": len(rows)},
                                "results": chunk,
                                "_links": {"self": {"href": f"/v1/{resource}?page={page}"}}})

    @staticmethod
    def _keeps(r: Mapping[str, Any], params: Mapping[str, str], floor: datetime | None) -> bool:
        if "identification" in params and r.get("identification") != params["identification"]:
            return False
        if "type" in params and r.get("type", params["type"]) != params["type"]:
            return False
        if floor is not None:
            stamp = (r.get("metadata") or {}).get("last_updated")
            return isinstance(stamp, str) and \
                datetime.fromisoformat(stamp.replace("Z", "+00:00")) >= floor
        return True

    def _checked(self, body: bytes) -> dict[str, Any] | Reply:
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            return error(400, "invalid_json", "The body is not valid JSON.")
        if not isinstance(payload, dict):
            return error(400, "invalid_json", "The body must be an object.")
        unknown = set(payload) - _CUSTOMER_FIELDS
        if unknown:
            return error(400, "invalid_parameter", "Unknown field.", *sorted(unknown))
        missing = [f for f in _REQUIRED if not payload.get(f)]
        if missing:
            return error(400, "parameter_required", "Required field.", *missing)
        if not isinstance(payload["id_type"], str):
            return error(400, "invalid_parameter", "id_type is the DIAN code.", "id_type")
        return payload

    def _stored(self, payload: Mapping[str, Any], key: str, created: str | None) -> dict[str, Any]:
        now = iso_moment(datetime.now(UTC))
        record = {**payload, "id": key, "id_type": {"code": payload["id_type"]},
                  "metadata": {"created": created or now, "last_updated": now}}
        return record

    def _update(self, key: str, current: dict[str, Any], body: bytes) -> Reply:
        payload = self._checked(body)
        if isinstance(payload, Reply):
            return payload
        record = self._stored(payload, key, (current.get("metadata") or {}).get("created"))
        self.customers[key] = record
        self.writes.append(("PUT", key))
        return json_reply(200, record)

    def _create(self, body: bytes, idempotency: str | None) -> Reply:
        with self._lock:
            if idempotency and idempotency in self._replies:
                return self._replies[idempotency]
            payload = self._checked(body)
            if isinstance(payload, Reply):
                return payload
            if any(c.get("identification") == payload["identification"]
                   for c in self.customers.values()):
                return error(400, "already_exists", "A customer with this identification "
                             "already exists.", "identification")
            key = guid("created", payload["identification"])
            record = self._stored(payload, key, None)
            self.customers[key] = record
            self.writes.append(("POST", key))
            reply = json_reply(201, record)
            if idempotency:
                self._replies[idempotency] = reply
            return reply
