"""The Alegra emulator: Alegra's API as its documentation describes it, on the sandbox's port.

Served at Alegra's own paths (``/api/v1/…``) from the demo ERP (``cloud_seed``):

- HTTP Basic with the user's e-mail and API token on every request; 401 otherwise
  (https://developer.alegra.com/docs/authenticación).
- ``GET /api/v1/contacts``, ``/invoices``, ``/payments``: ``start`` and ``limit`` (at most
  30: a 400 over it), ``metadata=true`` wraps the list as ``{"metadata": {"total"}, "data"}``,
  the documented filters; any other parameter is a 400.
- ``GET``/``PUT /api/v1/contacts/{id}``: the PUT changes the fields sent; unknown fields are a
  400. Invoices and payments are read only here.
- 150 requests a minute per user, ``X-Rate-Limit-Limit``/``-Remaining``/``-Reset`` on every
  answer and a 429 past it (https://developer.alegra.com/reference/límite-de-request-1).

Errors are Alegra's ``{"code", "message"}``.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from app.demo.sandbox.cloud_seed import Window, demo_rows, iso_day, number, split_number
from app.demo.sandbox.rest_api import Reply, json_reply
from app.domain import divipola
from app.domain.schema import Entity

PREFIXES = ("/api/v1/",)
USER = "contabilidad@concesionario.co"
MAX_LIMIT = 30
_LIST_PARAMS = {"start", "limit", "metadata", "order_direction", "order_field", "query", "type",
                "name", "identification", "status", "client_id", "date"}
_CONTACT_FIELDS = {"name", "nameObject", "identification", "identificationObject", "email",
                   "phonePrimary", "phoneSecondary", "mobile", "address", "kindOfPerson",
                   "regime", "type", "status", "observations", "fax"}
_TYPES_BACK = {"PA": "PP", "DE": "DIE"}
_METHODS = {"Efectivo": "cash", "Consignación": "deposit", "Transferencia": "transfer",
            "Cheque": "check", "Tarjeta de crédito": "credit-card", "Tarjeta débito": "debit-card"}


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return json_reply(status, {"code": status, "message": message}, headers)


class AlegraEmulator:
    """One Alegra company (the demo's), one user, and the data it holds."""

    def __init__(self, erp: Path, token: str, *, per_minute: int = 150) -> None:
        self.token = token
        self.window = Window(per_minute)
        self._lock = threading.RLock()
        self.writes: list[tuple[str, str]] = []
        rows = demo_rows(erp)
        self.contacts = {c["id"]: c for c in (self._contact(r) for r in rows[Entity.CUSTOMERS])}
        self.invoices = {i["id"]: i for i in (self._invoice(r) for r in rows[Entity.INVOICES])}
        by_number = {i["numberTemplate"]["fullNumber"]: i["id"] for i in self.invoices.values()}
        self.payments = {p["id"]: p for p in (self._payment(r, by_number)
                                              for r in rows[Entity.PAYMENTS])}

    @staticmethod
    def _contact(r: Mapping[str, Any]) -> dict[str, Any]:
        company = bool(r.get("company_name")) and not r.get("first_names")
        first, _, second = str(r.get("first_names") or "").partition(" ")
        last, _, second_last = str(r.get("last_names") or "").partition(" ")
        town = divipola.municipalities().get(str(r.get("city_code") or ""))
        phone = str(r.get("phone") or "")
        name = r.get("company_name") if company else \
            " ".join(p for p in (r.get("first_names"), r.get("last_names")) if p)
        return {
            "id": str(r["source_id"]), "name": name,
            "nameObject": None if company else {"firstName": first, "secondName": second or None,
                                                "lastName": last,
                                                "secondLastName": second_last or None},
            "identification": r.get("doc_number"),
            "identificationObject": {"type": _TYPES_BACK.get(r.get("doc_type") or "",
                                                             r.get("doc_type")),
                                     "number": r.get("doc_number"), "dv": r.get("check_digit")},
            "kindOfPerson": "LEGAL_ENTITY" if company else "PERSON_ENTITY",
            "email": r.get("email"), "mobile": phone if phone.startswith("3") else None,
            "phonePrimary": None if phone.startswith("3") else phone or None,
            "address": {"address": r.get("address"), "city": town.name if town else None,
                        "department": town.department if town else None, "country": "Colombia"},
            "type": ["client"], "status": "active",
        }

    @staticmethod
    def _invoice(r: Mapping[str, Any]) -> dict[str, Any]:
        prefix, digits = split_number(r.get("invoice_number"))
        status = r.get("status")
        return {
            "id": str(r["source_id"]), "date": iso_day(r.get("issued_on")),
            "status": "void" if status == "annulled" else "closed",
            "client": {"identification": r.get("customer_doc")},
            "numberTemplate": {"prefix": prefix, "number": digits,
                               "fullNumber": r.get("invoice_number")},
            "total": number(r.get("total")),
            "observations": f"VIN {r['vin']}" if r.get("vin") else "",
            "stamp": {"legalStatus": "STAMPED_AND_ACCEPTED" if status == "validated"
                      else "PENDING", "cufe": r.get("cufe")},
            "costCenter": {"id": None, "name": r.get("branch")},
        }

    @staticmethod
    def _payment(r: Mapping[str, Any], invoices: Mapping[str, str]) -> dict[str, Any]:
        paid = invoices.get(r.get("invoice_number") or "")
        return {
            "id": str(r["source_id"]), "date": iso_day(r.get("paid_on")), "type": "in",
            "status": "void" if r.get("status") == "annulled" else "open",
            "numberTemplate": {"fullNumber": r.get("receipt_number")},
            "amount": number(r.get("amount")),
            "paymentMethod": _METHODS.get(str(r.get("method")), r.get("method")),
            "client": {"identification": r.get("customer_doc")},
            "invoices": [{"id": paid, "amount": number(r.get("amount"))}] if paid else [],
            "costCenter": {"id": None, "name": r.get("branch")},
        }

    # --- requests -------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: str, body: bytes,
               headers: Mapping[str, str]) -> Reply:
        if not self._authorized(headers.get("authorization")):
            return error(401, "Las credenciales de autenticación no son válidas.")
        allowed, left, reset = self.window.take(USER)
        limits = {"X-Rate-Limit-Limit": str(self.window.limit),
                  "X-Rate-Limit-Remaining": str(left),
                  "X-Rate-Limit-Reset": str(max(0, int(reset + 0.999)))}
        if not allowed:
            return error(429, "Too Many Requests", limits)
        reply = self._route(method, path, query, body)
        reply.headers.update(limits)
        return reply

    def _authorized(self, header: str | None) -> bool:
        scheme, _, value = (header or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, token = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return user == USER and secrets.compare_digest(token, self.token)

    def _route(self, method: str, path: str, query: str, body: bytes) -> Reply:
        parts = path.strip("/").split("/")  # api, v1, resource[, id]
        resource = parts[2] if len(parts) > 2 else ""
        key = parts[3] if len(parts) > 3 else None
        table = {"contacts": self.contacts, "invoices": self.invoices,
                 "payments": self.payments}.get(resource)
        if table is None or len(parts) > 4:
            return error(404, "No se encontró el recurso.")
        if key is None:
            return self._list(table, query) if method == "GET" else \
                error(405, "Método no permitido.")
        with self._lock:
            record = table.get(key)
            if record is None:
                return error(404, "No se encontró el elemento.")
            if method == "GET":
                return json_reply(200, record)
            if method == "PUT" and resource == "contacts":
                return self._update(key, record, body)
        return error(405, "Método no permitido.")

    def _list(self, table: Mapping[str, dict[str, Any]], query: str) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        unknown = set(params) - _LIST_PARAMS
        if unknown:
            return error(400, "Parámetro no reconocido: " + ", ".join(sorted(unknown)) + ".")
        try:
            start = int(params.get("start", "0"))
            limit = int(params.get("limit", str(MAX_LIMIT)))
        except ValueError:
            return error(400, "start y limit deben ser números.")
        if start < 0 or not 1 <= limit <= MAX_LIMIT:
            return error(400, f"El límite debe estar entre 1 y {MAX_LIMIT}.")
        kind = params.get("type")
        with self._lock:
            rows = [r for r in table.values() if kind is None or kind == r.get("type")
                    or kind in (r.get("type") or [])]
        chunk = rows[start: start + limit]
        if params.get("metadata") == "true":
            return json_reply(200, {"metadata": {"total": len(rows)}, "data": chunk})
        return json_reply(200, chunk)

    def _update(self, key: str, current: dict[str, Any], body: bytes) -> Reply:
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return error(400, "El cuerpo debe ser un objeto JSON.")
        unknown = set(payload) - _CONTACT_FIELDS
        if unknown:
            return error(400, "Campo no reconocido: " + ", ".join(sorted(unknown)) + ".")
        record = {**current, **payload}
        self.contacts[key] = record
        self.writes.append(("PUT", key))
        return json_reply(200, record)
