"""Odoo's external API, emulated for the sandbox: XML-RPC (``/xmlrpc/2/``) and JSON-2 (``/json/2/``).

A small in-memory Odoo seeded from the demo ERP's SQLite file (on its first call), so the Odoo
connector is tested end to end over real HTTP. It holds the models and fields the connector reads, shaped as a
Colombian dealership's Odoo has them (``l10n_co``, ``l10n_co_edi``, ``sale_stock``, ``crm``):

- ``res.partner`` from ``terceros`` (``vat`` with the NIT's DV after a dash, the
  identification type, ``mobile``/``phone`` written +57 …, ``res.city`` with its DANE code in
  ``l10n_co_edi_code``, Studio fields ``x_autoriza_datos``… for Habeas Data);
- ``account.move`` (invoices posted, or cancelled when the demo annulled them; CUFE; the VIN
  sold in a Studio field ``x_vin``) from ``facturas`` and ``account.payment`` from
  ``recibos``, reconciled to their invoice;
- ``stock.lot`` (VIN in ``name``) and ``stock.quant`` per vehicle of ``inventario``: available
  and reserved units in the branch's stock, demo units in its demo location, units in transit
  in its transit location, delivered ones at the customer's; ``sale.order`` for sold ones;
- ``crm.lead``: a won opportunity per invoice, and a few open and lost (archived) ones.

Everything seeded belongs to company 1; company 2 holds a few records of its own, visible only
when the context's ``allowed_company_ids`` names it. Domains support ``= != > >= < <= in not in
like ilike =ilike`` and ``& | !``; ``active_test`` hides archived records unless false.

Odoo's quirks are emulated: XML-RPC cannot marshal ``None``, so a model listed in
``state.none_returning`` (a customization whose ``write`` forgets to return) faults *after*
applying the write; a posted journal entry refuses changes to its partner, dates, amounts or
taxes; ``write_date`` changes on every write, even one that changes nothing. ``state.calls``
records every call and ``state.write_delay`` holds a write's answer back (to time clients out).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import traceback
import xmlrpc.client
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from app.domain import divipola
from app.domain.values import nit_check_digit, only_digits

Record = dict[str, Any]
StartResponse = Callable[..., Any]

USER_ID = 2
USER_COMPANIES = (1, 2)
DEFAULT_COMPANY = 1
COLOMBIA = 49
COP = 8
PARTNER_OFFSET = 10  # terceros.id + this = res.partner id (1–3 are the companies and the admin)


# --- the schema ----------------------------------------------------------------------------------

# model → field → (type, relation)
_M2O, _M2M, _O2M = "many2one", "many2many", "one2many"
SCHEMA: dict[str, dict[str, tuple[str, str | None]]] = {
    "res.company": {"name": ("char", None), "partner_id": (_M2O, "res.partner"),
                    "currency_id": (_M2O, "res.currency")},
    "res.currency": {"name": ("char", None), "symbol": ("char", None)},
    "res.users": {"name": ("char", None), "login": ("char", None),
                  "partner_id": (_M2O, "res.partner"), "company_id": (_M2O, "res.company"),
                  "company_ids": (_M2M, "res.company"), "active": ("boolean", None)},
    "res.country": {"name": ("char", None), "code": ("char", None)},
    "res.country.state": {"name": ("char", None), "code": ("char", None),
                          "country_id": (_M2O, "res.country"),
                          "l10n_co_edi_code": ("integer", None)},
    "res.city": {"name": ("char", None), "zipcode": ("char", None),
                 "state_id": (_M2O, "res.country.state"), "country_id": (_M2O, "res.country"),
                 "l10n_co_edi_code": ("integer", None)},
    "l10n_latam.identification.type": {
        "name": ("char", None), "l10n_co_document_code": ("char", None),
        "is_vat": ("boolean", None), "country_id": (_M2O, "res.country"),
        "sequence": ("integer", None), "active": ("boolean", None)},
    "res.partner": {
        "name": ("char", None), "is_company": ("boolean", None),
        "parent_id": (_M2O, "res.partner"), "type": ("selection", None), "vat": ("char", None),
        "l10n_latam_identification_type_id": (_M2O, "l10n_latam.identification.type"),
        "phone": ("char", None), "mobile": ("char", None), "email": ("char", None),
        "street": ("char", None), "street2": ("char", None), "city": ("char", None),
        "city_id": (_M2O, "res.city"), "state_id": (_M2O, "res.country.state"),
        "zip": ("char", None), "country_id": (_M2O, "res.country"),
        "company_id": (_M2O, "res.company"), "customer_rank": ("integer", None),
        "supplier_rank": ("integer", None), "active": ("boolean", None), "lang": ("char", None),
        "x_autoriza_datos": ("boolean", None), "x_fecha_autorizacion": ("date", None),
        "x_canal_autorizacion": ("char", None), "x_reclamo_en_tramite": ("boolean", None)},
    "product.category": {"name": ("char", None), "complete_name": ("char", None),
                         "parent_id": (_M2O, "product.category")},
    "product.attribute": {"name": ("char", None)},
    "product.template.attribute.value": {"name": ("char", None),
                                         "attribute_id": (_M2O, "product.attribute")},
    "product.product": {
        "name": ("char", None), "default_code": ("char", None),
        "categ_id": (_M2O, "product.category"), "lst_price": ("float", None),
        "tracking": ("selection", None),
        "product_template_variant_value_ids": (_M2M, "product.template.attribute.value"),
        "active": ("boolean", None), "company_id": (_M2O, "res.company")},
    "stock.warehouse": {"name": ("char", None), "code": ("char", None),
                        "company_id": (_M2O, "res.company"),
                        "lot_stock_id": (_M2O, "stock.location"), "active": ("boolean", None)},
    "stock.location": {"name": ("char", None), "complete_name": ("char", None),
                       "usage": ("selection", None), "location_id": (_M2O, "stock.location"),
                       "warehouse_id": (_M2O, "stock.warehouse"),
                       "company_id": (_M2O, "res.company"), "active": ("boolean", None)},
    "stock.lot": {"name": ("char", None), "ref": ("char", None),
                  "product_id": (_M2O, "product.product"), "company_id": (_M2O, "res.company"),
                  "sale_order_ids": (_M2M, "sale.order"), "quant_ids": (_O2M, "stock.quant")},
    "stock.quant": {"product_id": (_M2O, "product.product"), "lot_id": (_M2O, "stock.lot"),
                    "location_id": (_M2O, "stock.location"), "quantity": ("float", None),
                    "reserved_quantity": ("float", None), "in_date": ("datetime", None),
                    "company_id": (_M2O, "res.company")},
    "sale.order": {"name": ("char", None), "partner_id": (_M2O, "res.partner"),
                   "state": ("selection", None), "invoice_status": ("selection", None),
                   "warehouse_id": (_M2O, "stock.warehouse"), "date_order": ("datetime", None),
                   "amount_total": ("monetary", None), "company_id": (_M2O, "res.company")},
    "account.journal": {"name": ("char", None), "code": ("char", None),
                        "type": ("selection", None), "company_id": (_M2O, "res.company")},
    "account.payment.method.line": {"name": ("char", None),
                                    "journal_id": (_M2O, "account.journal")},
    "crm.team": {"name": ("char", None), "company_id": (_M2O, "res.company"),
                 "active": ("boolean", None)},
    "account.move": {
        "name": ("char", None), "move_type": ("selection", None), "state": ("selection", None),
        "partner_id": (_M2O, "res.partner"), "invoice_date": ("date", None),
        "date": ("date", None), "amount_total": ("monetary", None),
        "amount_residual": ("monetary", None), "payment_state": ("selection", None),
        "l10n_co_edi_cufe_cude_ref": ("char", None), "team_id": (_M2O, "crm.team"),
        "journal_id": (_M2O, "account.journal"), "company_id": (_M2O, "res.company"),
        "currency_id": (_M2O, "res.currency"), "ref": ("char", None),
        "narration": ("text", None), "invoice_origin": ("char", None),
        "x_vin": ("char", None)},  # a Studio field: the vehicle an invoice sells
    "account.payment": {
        "name": ("char", None), "amount": ("monetary", None), "date": ("date", None),
        "partner_id": (_M2O, "res.partner"), "payment_type": ("selection", None),
        "partner_type": ("selection", None), "state": ("selection", None),
        "journal_id": (_M2O, "account.journal"),
        "payment_method_line_id": (_M2O, "account.payment.method.line"),
        "reconciled_invoice_ids": (_M2M, "account.move"), "currency_id": (_M2O, "res.currency"),
        "ref": ("char", None), "company_id": (_M2O, "res.company")},
    "crm.stage": {"name": ("char", None), "sequence": ("integer", None),
                  "is_won": ("boolean", None)},
    "utm.source": {"name": ("char", None)},
    "crm.lead": {
        "name": ("char", None), "type": ("selection", None), "partner_id": (_M2O, "res.partner"),
        "stage_id": (_M2O, "crm.stage"), "probability": ("float", None),
        "expected_revenue": ("monetary", None), "date_closed": ("datetime", None),
        "source_id": (_M2O, "utm.source"), "team_id": (_M2O, "crm.team"),
        "user_id": (_M2O, "res.users"), "active": ("boolean", None),
        "company_id": (_M2O, "res.company"), "email_from": ("char", None),
        "phone": ("char", None), "x_vin": ("char", None)},
}
_MAGIC = {"id": ("integer", None), "display_name": ("char", None),
          "create_date": ("datetime", None), "write_date": ("datetime", None)}
for _fields in SCHEMA.values():
    _fields.update(_MAGIC)

#: Fields Odoo computes: a write to them is refused here (as a client bug would be noticed).
READONLY = {"id", "display_name", "create_date", "write_date", "complete_name", "warehouse_id",
            "quantity", "reserved_quantity", "amount_residual", "payment_state",
            "reconciled_invoice_ids", "sale_order_ids", "quant_ids", "amount_total"}

#: What a posted journal entry (an invoice or a payment's) no longer lets change.
_POSTED_LOCKED = {
    "account.move": {"partner_id", "invoice_date", "date", "amount_total", "currency_id",
                     "journal_id", "invoice_line_ids", "line_ids", "fiscal_position_id",
                     "invoice_payment_term_id", "l10n_co_edi_cufe_cude_ref", "name"},
    "account.payment": {"amount", "date", "partner_id", "journal_id", "currency_id", "name"},
}


# --- errors, as Odoo raises them -----------------------------------------------------------------


class OdooError(Exception):
    """An exception of Odoo's own: ``kind`` is the class (UserError, AccessError…)."""

    XMLRPC_CODES: ClassVar[dict[str, int]] = {
        "UserError": 2, "ValidationError": 2, "MissingError": 2, "AccessDenied": 3, "AccessError": 4}
    HTTP_STATUS: ClassVar[dict[str, int]] = {
        "UserError": 422, "ValidationError": 422, "MissingError": 404, "AccessDenied": 401,
        "AccessError": 403}

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


# --- the in-memory database ----------------------------------------------------------------------


@dataclass
class OdooState:
    """The emulated database and the knobs tests turn. Every access holds ``lock``."""

    tables: dict[str, dict[int, Record]]
    clock: datetime
    lock: threading.RLock = field(default_factory=threading.RLock)
    #: Models whose ``write`` returns None (a customization that forgot ``return``).
    none_returning: set[str] = field(default_factory=set)
    #: Seconds a write's answer is held back after the write is applied.
    write_delay: float = 0.0
    #: (protocol, model, method) of every call, in order.
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def tick(self) -> str:
        """A write's timestamp: now, but never behind the data nor the previous write."""
        now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        self.clock = max(now, self.clock + timedelta(seconds=1))
        return _dt(self.clock)

    # --- record access ---------------------------------------------------------------------

    def model(self, name: str) -> dict[int, Record]:
        if name not in self.tables:
            raise KeyError(name)
        return self.tables[name]

    def companies(self, context: Mapping[str, Any]) -> set[int]:
        allowed = context.get("allowed_company_ids")
        if allowed is None:
            return {DEFAULT_COMPANY}
        if not isinstance(allowed, list) or any(c not in USER_COMPANIES for c in allowed):
            raise OdooError("AccessError", "Access to unauthorized or invalid companies.")
        return set(allowed) or {DEFAULT_COMPANY}

    def visible(self, model: str, rec: Record, companies: set[int]) -> bool:
        if "company_id" not in SCHEMA[model]:
            return True
        company = rec.get("company_id")
        return company is None or company in companies

    def display_name(self, model: str, rid: int) -> str:
        rec = self.tables[model].get(rid)
        if rec is None:
            return ""
        if model in ("stock.location", "product.category"):
            return str(rec.get("complete_name") or rec.get("name") or "")
        if model == "product.product":
            values = [self.tables["product.template.attribute.value"][v]["name"]
                      for v in rec.get("product_template_variant_value_ids") or []]
            return f"{rec['name']} ({', '.join(values)})" if values else str(rec["name"])
        if model == "product.template.attribute.value":
            attribute = self.tables["product.attribute"][rec["attribute_id"]]["name"]
            return f"{attribute}: {rec['name']}"
        return str(rec.get("name") or "")

    # --- ORM methods -----------------------------------------------------------------------

    def search(self, model: str, domain: Any = None, offset: int = 0, limit: int | None = None,
               order: str | None = None, context: Mapping[str, Any] | None = None) -> list[int]:
        context = context or {}
        table = self.model(model)
        companies = self.companies(context)
        terms = _parse_domain(domain or [])
        active_filter = ("active" in SCHEMA[model] and context.get("active_test", True)
                         and not _mentions(domain or [], "active"))
        candidates: Iterable[Record] = table.values()
        for term in terms:  # a top-level ("id", "in", ids) narrows the scan, as an index would
            if term[0] == "leaf" and term[1][0] == "id" and term[1][1] in ("=", "in"):
                wanted = term[1][2] if term[1][1] == "in" else [term[1][2]]
                candidates = [table[i] for i in dict.fromkeys(wanted or []) if i in table]
                break
        hits = [rec for rec in candidates
                if self.visible(model, rec, companies)
                and (not active_filter or rec.get("active"))
                and all(self._match(model, rec, t) for t in terms)]
        hits = _sorted(hits, order)
        end = None if limit is None or limit is False else offset + int(limit)
        return [rec["id"] for rec in hits[int(offset or 0):end]]

    def search_count(self, model: str, domain: Any = None, limit: int | None = None,
                     context: Mapping[str, Any] | None = None) -> int:
        return len(self.search(model, domain, limit=limit, context=context))

    def search_read(self, model: str, domain: Any = None, fields: list[str] | None = None,
                    offset: int = 0, limit: int | None = None, order: str | None = None,
                    context: Mapping[str, Any] | None = None, load: str | None = None
                    ) -> list[Record]:
        ids = self.search(model, domain, offset, limit, order, context)
        return self.read(model, ids, fields, context=context)

    def read(self, model: str, ids: list[int], fields: list[str] | None = None,
             context: Mapping[str, Any] | None = None, load: str | None = None) -> list[Record]:
        table = self.model(model)
        companies = self.companies(context or {})
        names = list(fields) if fields else [f for f in SCHEMA[model] if f != "id"]
        for name in names:
            if name not in SCHEMA[model]:
                raise ValueError(f"Invalid field {name!r} on model {model!r}")
        out = []
        for rid in ids:
            rec = table.get(rid)
            if rec is None:
                raise OdooError("MissingError", "Record does not exist or has been deleted.\n"
                                f"(Record: {model}({rid},), User: {USER_ID})")
            if not self.visible(model, rec, companies):
                raise OdooError("AccessError", f"You are not allowed to access '{model}' records "
                                "of another company.")
            out.append({"id": rid, **{n: self._export(model, rec, n) for n in names if n != "id"}})
        return out

    def write(self, model: str, ids: list[int], vals: Mapping[str, Any],
              context: Mapping[str, Any] | None = None) -> bool | None:
        table = self.model(model)
        companies = self.companies(context or {})
        if not isinstance(vals, Mapping):
            raise TypeError("write() argument vals must be a dict")
        for name in vals:
            if name not in SCHEMA[model]:
                raise ValueError(f"Invalid field {name!r} on model {model!r}")
            if name in READONLY:
                raise ValueError(f"Field {name!r} on model {model!r} is computed and cannot be written")
        records = []
        for rid in ids:
            rec = table.get(rid)
            if rec is None:
                raise OdooError("MissingError", "Record does not exist or has been deleted.")
            if not self.visible(model, rec, companies):
                raise OdooError("AccessError", "You are not allowed to modify this record.")
            locked = _POSTED_LOCKED.get(model, set()) & set(vals)
            if locked and rec.get("state") == "posted":
                raise OdooError("UserError", f"You cannot modify the {', '.join(sorted(locked))} of "
                                f"the posted entry {rec.get('name')}. Reset it to draft first, or "
                                "issue a credit note.")
            records.append(rec)
        converted = {name: self._import(model, name, value) for name, value in vals.items()}
        if model == "res.partner" and "vat" in converted:
            for rec in records:
                self._check_vat(rec, converted)
        stamp = self.tick()
        for rec in records:
            rec.update(converted)
            rec["write_date"] = stamp
        return None if model in self.none_returning else True

    def fields_get(self, model: str, allfields: list[str] | None = None,
                   attributes: list[str] | None = None,
                   context: Mapping[str, Any] | None = None) -> dict[str, Record]:
        out: dict[str, Record] = {}
        for name, (kind, relation) in SCHEMA[self._known(model)].items():
            if allfields and name not in allfields:
                continue
            info: Record = {"type": kind, "string": name.replace("_", " ").title(),
                            "readonly": name in READONLY, "store": True, "required": False}
            if relation:
                info["relation"] = relation
            out[name] = {k: v for k, v in info.items() if not attributes or k in attributes}
        return out

    def context_get(self, context: Mapping[str, Any] | None = None) -> Record:
        return {"lang": "es_CO", "tz": "America/Bogota", "uid": USER_ID}

    def _known(self, model: str) -> str:
        self.model(model)
        return model

    # --- values ----------------------------------------------------------------------------

    def _export(self, model: str, rec: Record, name: str) -> Any:
        """A stored value as Odoo's read() returns it: False for empty, [id, name] for m2o."""
        kind, relation = SCHEMA[model][name]
        if name == "display_name":
            return self.display_name(model, rec["id"])
        value = rec.get(name)
        if kind == _M2O:
            if value is None or relation is None:
                return False
            return [value, self.display_name(relation, value)]
        if kind in (_M2M, _O2M):
            if name == "quant_ids":
                return sorted(q["id"] for q in self.tables["stock.quant"].values()
                              if q.get("lot_id") == rec["id"])
            return list(value or [])
        if kind == "boolean":
            return bool(value)
        if kind == "integer":
            return int(value or 0)
        if kind in ("float", "monetary"):
            return float(value or 0.0)
        return False if value is None or value == "" else value

    def _import(self, model: str, name: str, value: Any) -> Any:
        kind, _relation = SCHEMA[model][name]
        if value is False and kind != "boolean":
            return [] if kind in (_M2M, _O2M) else None
        if kind == _M2O:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"Wrong value for {model}.{name}: {value!r}")
            return value
        if kind in (_M2M, _O2M):
            return _commands(value)
        if kind == "boolean":
            return bool(value)
        if kind in ("float", "monetary"):
            return float(value)
        if kind == "integer":
            return int(value)
        if kind == "date":
            return str(value)[:10]
        return None if value is None else str(value)

    def _check_vat(self, rec: Record, vals: Mapping[str, Any]) -> None:
        """base_vat's check for Colombian NITs: the DV after the dash must be right."""
        kind = vals.get("l10n_latam_identification_type_id",
                        rec.get("l10n_latam_identification_type_id"))
        types = self.tables["l10n_latam.identification.type"]
        if kind is None or types.get(kind, {}).get("l10n_co_document_code") != "rut":
            return
        vat = str(vals.get("vat") or "")
        number, _, dv = vat.rpartition("-")
        if number and dv and nit_check_digit(only_digits(number)) != dv:
            raise OdooError("ValidationError", f"The VAT number [{vat}] for partner "
                            f"[{rec.get('name')}] does not seem to be valid.")

    # --- domains ---------------------------------------------------------------------------

    def _value(self, model: str, rec: Record, path: str) -> tuple[str, str | None, Any]:
        """(type, relation, stored value) of a field, following ``partner_id.vat`` through
        many2ones."""
        head, _, rest = path.partition(".")
        if head not in SCHEMA[model]:
            raise ValueError(f"Invalid field {model}.{head} in leaf ('{path}', …)")
        kind, relation = SCHEMA[model][head]
        value = rec["id"] if head == "id" else rec.get(head)
        if head == "display_name":
            value = self.display_name(model, rec["id"])
        if not rest:
            return kind, relation, value
        if kind != _M2O or relation is None:
            raise ValueError(f"Only many2one paths are supported: {path}")
        target = self.tables[relation].get(value) if value is not None else None
        if target is None:
            first = rest.split(".")[0]
            if first not in SCHEMA[relation]:
                raise ValueError(f"Invalid field {relation}.{first} in leaf ('{path}', …)")
            return SCHEMA[relation][first][0], SCHEMA[relation][first][1], None
        return self._value(relation, target, rest)

    def _match(self, model: str, rec: Record, term: Any) -> bool:
        op = term[0]
        if op == "&":
            return self._match(model, rec, term[1]) and self._match(model, rec, term[2])
        if op == "|":
            return self._match(model, rec, term[1]) or self._match(model, rec, term[2])
        if op == "!":
            return not self._match(model, rec, term[1])
        path, operator, wanted = term[1]
        kind, relation, value = self._value(model, rec, path)
        if kind == _M2O and relation and value is not None and operator in (
            "like", "ilike", "not ilike", "=ilike", "=like"
        ):
            kind, value = "char", self.display_name(relation, value)
        return _compare(kind, value, operator, wanted)


def _mentions(domain: Iterable[Any], name: str) -> bool:
    return any(isinstance(t, list | tuple) and len(t) == 3 and t[0] == name for t in domain)


def _parse_domain(domain: Any) -> list[Any]:
    """Odoo's prefix-notation domain as a list of terms (implicitly and-ed)."""
    if not isinstance(domain, list | tuple):
        raise ValueError(f"Invalid domain: {domain!r}")
    items = list(domain)
    pos = 0

    def term() -> Any:
        nonlocal pos
        if pos >= len(items):
            raise ValueError("Invalid domain: an operator lacks its operands")
        item = items[pos]
        pos += 1
        if item in ("&", "|"):
            return (item, term(), term())
        if item == "!":
            return ("!", term())
        if isinstance(item, list | tuple) and len(item) == 3 and isinstance(item[0], str):
            path, operator, wanted = item
            if operator in ("in", "not in"):  # a set once, not a list scanned per record
                if not isinstance(wanted, list | tuple | set | frozenset):
                    wanted = [wanted]
                wanted = frozenset(None if o is False else o for o in wanted)
            return ("leaf", (path, operator, wanted))
        raise ValueError(f"Invalid domain term {item!r}")

    terms = []
    while pos < len(items):
        terms.append(term())
    # Leaves on the id first: cheap, and they rule out most records (paging by id).
    return sorted(terms, key=lambda t: not (t[0] == "leaf" and t[1][0] == "id"))


_OPERATORS = {"=", "!=", ">", ">=", "<", "<=", "in", "not in", "like", "ilike", "not ilike",
              "=ilike", "=like"}


def _compare(kind: str, value: Any, operator: str, wanted: Any) -> bool:
    if operator not in _OPERATORS:
        raise ValueError(f"Invalid operator {operator!r}")
    if kind == "boolean":
        value = bool(value)
    many = kind in (_M2M, _O2M)
    if wanted is False and kind != "boolean":
        wanted = None
    if operator in ("=", "!="):
        if many:
            hit = (not value) if wanted is None else wanted in (value or [])
        elif kind == "boolean":
            hit = value == bool(wanted)
        else:
            hit = value == wanted or (value in (None, "") and wanted in (None, ""))
        return hit if operator == "=" else not hit
    if operator in ("in", "not in"):
        options = wanted if isinstance(wanted, frozenset) else frozenset(wanted or [])
        if kind == "boolean" and None in options:
            options = options | {False}
        hit = bool(options.intersection(value or [])) if many else value in options
        return hit if operator == "in" else not hit
    if operator in (">", ">=", "<", "<="):
        if value is None or wanted is None:
            return False
        if kind in ("date", "datetime"):
            value, wanted = str(value), str(wanted)
        try:
            return {">": value > wanted, ">=": value >= wanted, "<": value < wanted,
                    "<=": value <= wanted}[operator]
        except TypeError:
            return False
    text = "" if value is None else str(value)
    pattern = str(wanted or "")
    if operator in ("=ilike", "=like"):
        regex = "^" + re.escape(pattern).replace("%", ".*").replace("_", ".") + "$"
        return re.match(regex, text, re.IGNORECASE if operator == "=ilike" else 0) is not None
    needle = pattern.strip("%")
    if operator == "like":
        return needle in text
    hit = needle.casefold() in text.casefold()
    return hit if operator == "ilike" else not hit


def _sorted(records: list[Record], order: str | None) -> list[Record]:
    keys = [part.split() for part in (order or "id").split(",") if part.strip()]
    out = records
    for spec in reversed(keys):
        descending = len(spec) > 1 and spec[1].lower() == "desc"
        out = sorted(out, key=_sort_key(spec[0]), reverse=descending)
    return out


def _sort_key(name: str) -> Callable[[Record], tuple[bool, Any]]:
    def key(rec: Record) -> tuple[bool, Any]:
        value = rec["id"] if name == "id" else rec.get(name)
        return value is None, "" if value is None else value

    return key


def _commands(value: Any) -> list[int]:
    """x2many write commands: (6, 0, ids) replaces; a plain list of ids is taken as is."""
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return list(value)
    ids: list[int] = []
    for command in value or []:
        if command[0] == 6:
            ids = list(command[2])
        elif command[0] == 4:
            ids.append(command[1])
        elif command[0] == 5:
            ids = []
        else:
            raise ValueError(f"Unsupported x2many command {command!r}")
    return ids


# --- seeding from the demo ERP -------------------------------------------------------------------


def _dt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _utc(text: str | None) -> str | None:
    """A demo timestamp ("2025-10-17T05:44:00-05:00") as Odoo stores it: UTC, no zone."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _dt(moment.astimezone(UTC))


def _closing_time(day: str) -> str:
    """5 p.m. in Bogotá on ``day``, in UTC."""
    return f"{day[:10]} 22:00:00"


def _phone(text: str | None) -> str | None:
    """A phone as Odoo's phone_validation writes it: "+57 301 3414178"."""
    digits = only_digits(text or "")
    if len(digits) == 10:
        return f"+57 {digits[:3]} {digits[3:]}"
    return text or None


_ID_TYPES = [  # l10n_co's identification types (data/l10n_latam.identification.type.csv)
    ("NIT", "rut", True), ("Cédula de ciudadanía", "national_citizen_id", False),
    ("ID del Exterior", "external_id", False), ("Cédula Extranjera", "foreign_id_card", False),
    ("Pasaporte", "passport", False), ("Tarjeta de Identidad", "id_card", False),
    ("Registro Civil", "civil_registration", False),
    ("Cédula de extranjería", "foreign_resident_card", False),
    ("Tarjeta de extranjería", "foreign_colombian_card", False),
    ("PPT", "PPT", False),
]
_DIAN_TO_TYPE = {"31": 1, "13": 2, "42": 3, "50": 3, "41": 5, "12": 6, "11": 7, "22": 8, "21": 9}
_SOURCES = ("Sitio web", "Facebook", "Referido", "Sala de ventas", "WhatsApp")
_STAGES = (("Nuevo", 1, False), ("Prueba de manejo", 2, False), ("Negociación", 3, False),
           ("Ganado", 4, True))
_METHODS = ("Efectivo", "Consignación", "Transferencia", "Tarjeta de crédito", "Tarjeta débito",
            "Desembolso financiera")


class _Seed:
    """Builds the tables: ``add`` gives each record the next id of its model."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[int, Record]] = {m: {} for m in SCHEMA}
        self.stamp = "2024-01-01 00:00:00"

    def add(self, model: str, rid: int | None = None, **values: Any) -> int:
        table = self.tables[model]
        rid = rid if rid is not None else max(table, default=0) + 1
        rec = {"id": rid, "create_date": self.stamp, "write_date": self.stamp}
        for name, value in values.items():
            if name not in SCHEMA[model]:
                raise KeyError(f"{model}.{name}")
            rec[name] = value
        table[rid] = rec
        return rid


def _rows(path: Path, sql: str) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql))


def seed(erp_sqlite_path: Path) -> dict[str, dict[int, Record]]:
    """The emulated database, from the demo ERP file (``app/demo/systems.py``)."""
    path = Path(erp_sqlite_path)
    if not path.exists():
        raise FileNotFoundError(path)
    s = _Seed()
    add = s.add
    add("res.currency", COP, name="COP", symbol="$")
    add("res.country", COLOMBIA, name="Colombia", code="CO")
    add("res.company", 1, name="Concesionario Demo S.A.S.", partner_id=1, currency_id=COP)
    add("res.company", 2, name="Cuadre Usados S.A.S.", partner_id=2, currency_id=COP)
    add("res.partner", 1, name="Concesionario Demo S.A.S.", is_company=True, active=True,
        vat="900000001-" + nit_check_digit("900000001"), customer_rank=0, supplier_rank=0,
        country_id=COLOMBIA, l10n_latam_identification_type_id=1, type="contact")
    add("res.partner", 2, name="Cuadre Usados S.A.S.", is_company=True, active=True,
        vat="900000002-" + nit_check_digit("900000002"), customer_rank=0, supplier_rank=0,
        country_id=COLOMBIA, l10n_latam_identification_type_id=1, type="contact")
    add("res.partner", 3, name="Administrador", is_company=False, active=True, customer_rank=0,
        supplier_rank=0, company_id=1, email="admin@concesionario.example", type="contact")
    add("res.users", USER_ID, name="Administrador", login="admin", partner_id=3, company_id=1,
        company_ids=list(USER_COMPANIES), active=True)
    for seq, (name, code, is_vat) in enumerate(_ID_TYPES, start=1):
        add("l10n_latam.identification.type", seq, name=name, l10n_co_document_code=code,
            is_vat=is_vat, country_id=COLOMBIA, sequence=seq, active=True)

    branches = {r["id"]: r for r in _rows(path, "SELECT * FROM sedes ORDER BY id")}
    customers_location = add("stock.location", name="Customers", complete_name="Partners/Customers",
                             usage="customer", active=True)
    warehouses: dict[int, int] = {}
    stock: dict[int, dict[str, int]] = {}
    teams: dict[int, int] = {}
    for bid, b in branches.items():
        wh = add("stock.warehouse", name=b["nombre"], code=b["codigo"], company_id=1, active=True)
        view = add("stock.location", name=b["codigo"], complete_name=b["codigo"], usage="view",
                   warehouse_id=wh, company_id=1, active=True)
        places = {"stock": ("Existencias", "internal"), "demo": ("Demostración", "internal"),
                  "transit": ("Tránsito", "transit")}
        stock[bid] = {key: add("stock.location", name=name, complete_name=f"{b['codigo']}/{name}",
                               usage=usage, location_id=view, warehouse_id=wh, company_id=1,
                               active=True)
                      for key, (name, usage) in places.items()}
        s.tables["stock.warehouse"][wh]["lot_stock_id"] = stock[bid]["stock"]
        warehouses[bid] = wh
        teams[bid] = add("crm.team", name=b["nombre"], company_id=1, active=True)

    # Partners, with their cities and departments.
    states: dict[str, int] = {}
    cities: dict[str, int] = {}

    def city_of(code: str | None) -> int | None:
        if not code or code not in divipola.municipalities():
            return None
        if code not in cities:
            m = divipola.municipalities()[code]
            if m.department_code not in states:
                states[m.department_code] = add(
                    "res.country.state", name=m.department, code=m.department_code,
                    country_id=COLOMBIA, l10n_co_edi_code=int(m.department_code))
            cities[code] = add("res.city", name=divipola.city_name(code), country_id=COLOMBIA,
                               state_id=states[m.department_code], l10n_co_edi_code=int(code))
        return cities[code]

    latest = "2024-01-01 00:00:00"
    for i, r in enumerate(_rows(path, "SELECT * FROM terceros ORDER BY id")):
        code = r["cod_municipio"]
        city_id = city_of(code)
        city_name = divipola.city_name(code) if code else None
        # Some partners carry only the city's name, typed, as before base_address_extended.
        if i % 7 == 3 and city_name and divipola.city_code(city_name) == code:
            city_id = None
        is_company = r["tipo_doc"] == "31"
        vat = r["nit"]
        if is_company and r["dv"]:
            vat = f"{r['nit']}-{r['dv']}"
        elif i % 11 == 5 and vat and vat.isdigit() and len(vat) > 6:
            vat = f"{int(vat):,}".replace(",", ".")  # "52.326.162", as some people type it
        phone = r["telefono"]
        mobile = phone if phone and only_digits(phone).startswith("3") else None
        landline = None if mobile else phone
        stamp = _utc(r["modificado"]) or latest
        latest = max(latest, stamp)
        name = r["razon_social"] if is_company else " ".join(
            p for p in (r["nombres"], r["apellidos"]) if p)
        add("res.partner", r["id"] + PARTNER_OFFSET, name=name, is_company=is_company,
            type="contact", vat=vat, l10n_latam_identification_type_id=_DIAN_TO_TYPE.get(
                r["tipo_doc"] or ""), phone=_phone(landline), mobile=_phone(mobile),
            email=r["email"] or None, street=r["direccion"], city=city_name, city_id=city_id,
            state_id=s.tables["res.city"][city_id]["state_id"] if city_id else None,
            country_id=COLOMBIA, company_id=1, customer_rank=1, supplier_rank=0, active=True,
            lang="es_CO", x_autoriza_datos=bool(r["autoriza_datos"]),
            x_fecha_autorizacion=r["fecha_autorizacion"], x_canal_autorizacion=r["canal_autorizacion"],
            x_reclamo_en_tramite=bool(r["reclamo"]))
        s.tables["res.partner"][r["id"] + PARTNER_OFFSET]["write_date"] = stamp

    # Invoices, payments and the won opportunity behind each sale.
    sale_journal = add("account.journal", name="Facturas de venta", code="FV", type="sale",
                       company_id=1)
    journals = {"cash": add("account.journal", name="Caja", code="CSH", type="cash", company_id=1),
                "bank": add("account.journal", name="Bancos", code="BNK", type="bank", company_id=1)}
    methods = {m: add("account.payment.method.line", name=m) for m in _METHODS}
    stages = {name: add("crm.stage", name=name, sequence=seq, is_won=won)
              for name, seq, won in _STAGES}
    sources = [add("utm.source", name=n) for n in _SOURCES]
    # Sums in Decimal; what the emulated Odoo stores and sends is a float, as Odoo's monetary
    # fields are on the wire (the connector turns them back into Decimal to the cent).
    paid: dict[int, Decimal] = {}
    for r in _rows(path, "SELECT factura_id, valor FROM recibos"):
        if r["factura_id"] is not None:
            paid[r["factura_id"]] = paid.get(r["factura_id"], Decimal(0)) + Decimal(r["valor"])
    moves: dict[int, int] = {}
    for i, r in enumerate(_rows(path, "SELECT * FROM facturas ORDER BY id")):
        exact_total = Decimal(r["total"])
        exact_residual = max(Decimal(0), exact_total - paid.get(r["id"], Decimal(0)))
        total, residual = float(exact_total), float(exact_residual)
        state = ("paid" if exact_residual == 0
                 else ("partial" if exact_residual < exact_total else "not_paid"))
        partner = r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] is not None else None
        closed = _closing_time(r["fecha"])
        columns = r.keys()  # older demo files have no VIN or status besides «validated»
        moves[r["id"]] = add(
            "account.move", name=f"{r['prefijo']}-{r['numero']}", move_type="out_invoice",
            state="cancel" if r["estado"] == "ANULADA" else "posted", partner_id=partner,
            invoice_date=r["fecha"], date=r["fecha"],
            amount_total=total, amount_residual=residual, payment_state=state,
            l10n_co_edi_cufe_cude_ref=r["cufe"], team_id=teams.get(r["sede_id"]),
            journal_id=sale_journal, company_id=1, currency_id=COP,
            x_vin=r["vin"] if "vin" in columns else None)
        s.tables["account.move"][moves[r["id"]]]["write_date"] = closed
        lead = add("crm.lead", name=f"Venta {r['prefijo']}-{r['numero']}", type="opportunity",
                   partner_id=partner, stage_id=stages["Ganado"], probability=100.0,
                   expected_revenue=total, date_closed=closed, source_id=sources[i % len(sources)],
                   team_id=teams.get(r["sede_id"]), user_id=USER_ID, active=True, company_id=1)
        s.tables["crm.lead"][lead]["write_date"] = closed
        latest = max(latest, closed)
    for r in _rows(path, "SELECT * FROM recibos ORDER BY id"):
        method = r["medio"] if r["medio"] in methods else "Transferencia"
        pid = add("account.payment", name=r["numero"], amount=float(r["valor"]), date=r["fecha"],
                  partner_id=r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] else None,
                  payment_type="inbound", partner_type="customer", state="posted",
                  journal_id=journals["cash" if method == "Efectivo" else "bank"],
                  payment_method_line_id=methods[method], currency_id=COP, company_id=1,
                  reconciled_invoice_ids=[moves[r["factura_id"]]] if r["factura_id"] in moves else [])
        stamp = _utc(r["modificado"]) or latest
        s.tables["account.payment"][pid]["write_date"] = stamp
        latest = max(latest, stamp)

    # Vehicles: a product per make, line, year and colour; a serial lot and a quant per VIN.
    vehicles_category = add("product.category", name="Vehículos", complete_name="Vehículos")
    categories: dict[str, int] = {}
    attributes = {"year": add("product.attribute", name="Año"),
                  "color": add("product.attribute", name="Color")}
    values: dict[tuple[str, str], int] = {}
    products: dict[tuple[Any, ...], int] = {}

    def value_of(attribute: str, name: str) -> int:
        if (attribute, name) not in values:
            values[attribute, name] = add("product.template.attribute.value", name=name,
                                          attribute_id=attributes[attribute])
        return values[attribute, name]

    for r in _rows(path, "SELECT * FROM inventario ORDER BY id"):
        make, line = r["marca"] or "", r["linea"] or ""
        if make not in categories:
            categories[make] = add("product.category", name=make, parent_id=vehicles_category,
                                   complete_name=f"Vehículos / {make}")
        key = (make, line, r["anio"], r["color"])
        if key not in products:
            variant = [value_of("year", str(r["anio"]))] if r["anio"] else []
            variant += [value_of("color", r["color"])] if r["color"] else []
            products[key] = add("product.product", name=f"{make} {line}".strip(),
                                categ_id=categories[make], lst_price=float(r["precio"] or 0),
                                tracking="serial", product_template_variant_value_ids=variant,
                                active=True)
        status = r["estado"]
        partner = r["tercero_id"] + PARTNER_OFFSET if r["tercero_id"] is not None else None
        stamp = _utc(r["modificado"]) or latest
        latest = max(latest, stamp)
        orders = []
        if status in ("RESERVADO", "VENDIDO", "ENTREGADO") and partner is not None:
            order = add("sale.order", name=f"S{r['id']:05d}", partner_id=partner, state="sale",
                        invoice_status="to invoice" if status == "RESERVADO" else "invoiced",
                        warehouse_id=warehouses.get(r["sede_id"]), date_order=stamp,
                        amount_total=float(r["precio"] or 0), company_id=1)
            orders.append(order)
        lot = add("stock.lot", name=r["vin"], product_id=products[key], company_id=1,
                  sale_order_ids=orders)
        here = stock.get(r["sede_id"], {})
        location = {"DEMO": here.get("demo"), "TRANSITO": here.get("transit"),
                    "ENTREGADO": customers_location}.get(status, here.get("stock"))
        in_date = f"{r['fecha_entrega']} 15:00:00" if status == "ENTREGADO" and r["fecha_entrega"] \
            else stamp
        arrived = r["fecha_ingreso"] if "fecha_ingreso" in r.keys() else None
        if status not in ("ENTREGADO", "TRANSITO") and arrived:
            in_date = f"{arrived} 15:00:00"  # the day the unit entered the branch's stock
        quant = add("stock.quant", product_id=products[key], lot_id=lot, location_id=location,
                    quantity=1.0, in_date=in_date, company_id=1,
                    reserved_quantity=1.0 if status in ("RESERVADO", "VENDIDO") else 0.0)
        for model, rid in (("stock.lot", lot), ("stock.quant", quant)):
            s.tables[model][rid]["write_date"] = stamp

    _seed_extras(s, stages, sources, teams)
    # Every seeded write_date is the latest at most: the clock starts after it.
    return s.tables


def _seed_extras(s: _Seed, stages: dict[str, int], sources: list[int],
                 teams: dict[int, int]) -> None:
    """Open and lost opportunities in company 1; a few records of company 2."""
    add = s.add
    partners = sorted(p for p in s.tables["res.partner"] if p > PARTNER_OFFSET)[:6]
    team = next(iter(teams.values()), None)
    for i, (stage, active, probability) in enumerate((
        ("Nuevo", True, 10.0), ("Prueba de manejo", True, 30.0), ("Negociación", True, 60.0),
        ("Nuevo", True, 10.0), ("Nuevo", False, 0.0), ("Negociación", False, 0.0),
    )):
        add("crm.lead", name=f"Interesado {i + 1}", type="opportunity",
            partner_id=partners[i % len(partners)] if partners else None, stage_id=stages[stage],
            probability=probability, expected_revenue=120_000_000.0 + i * 1_000_000,
            source_id=sources[i % len(sources)], team_id=team, user_id=USER_ID, active=active,
            company_id=1, x_vin=None if i else "9BWZZZ377VT004251")
    # Company 2: a used-car business in the same database.
    nit = "901234567"
    company_a = add("res.partner", name="Transportes del Valle S.A.S.", is_company=True,
                    type="contact", vat=nit + nit_check_digit(nit),  # written without the dash
                    l10n_latam_identification_type_id=1, country_id=COLOMBIA, company_id=2,
                    customer_rank=1, supplier_rank=0, active=True, lang="es_CO")
    company_b = add("res.partner", name="Pedro Pablo Gómez de la Rosa", is_company=False,
                    type="contact", vat="N/A", l10n_latam_identification_type_id=2,
                    mobile="+57 315 4443322", city="Medellín", country_id=COLOMBIA, company_id=2,
                    customer_rank=1, supplier_rank=0, active=True, lang="es_CO")
    journal = add("account.journal", name="Facturas usados", code="FU", type="sale", company_id=2)
    bank = add("account.journal", name="Bancos usados", code="BU", type="bank", company_id=2)
    move = add("account.move", name="FU-1", move_type="out_invoice", state="posted",
               partner_id=company_a, invoice_date="2026-03-02", date="2026-03-02",
               amount_total=45_000_000.0, amount_residual=0.0, payment_state="paid",
               journal_id=journal, company_id=2, currency_id=COP)
    add("account.payment", name="RU-0001", amount=45_000_000.0, date="2026-03-03",
        partner_id=company_a, payment_type="inbound", partner_type="customer", state="posted",
        journal_id=bank, currency_id=COP, company_id=2, reconciled_invoice_ids=[move])
    wh = add("stock.warehouse", name="Usados Bogotá", code="USA", company_id=2, active=True)
    location = add("stock.location", name="Existencias", complete_name="USA/Existencias",
                   usage="internal", warehouse_id=wh, company_id=2, active=True)
    category = add("product.category", name="RENAULT", complete_name="Vehículos / RENAULT")
    product = add("product.product", name="RENAULT DUSTER", categ_id=category,
                  lst_price=62_000_000.0, tracking="serial", active=True, company_id=2)
    lot = add("stock.lot", name="9FBHSRAJBGM000123", product_id=product, company_id=2)
    add("stock.quant", product_id=product, lot_id=lot, location_id=location, quantity=1.0,
        reserved_quantity=0.0, in_date="2026-02-01 15:00:00", company_id=2)
    add("crm.lead", name="Duster usada", type="opportunity", partner_id=company_b,
        stage_id=stages["Negociación"], probability=50.0, expected_revenue=60_000_000.0,
        user_id=USER_ID, active=True, company_id=2)


def _latest_stamp(tables: Mapping[str, Mapping[int, Record]]) -> datetime:
    stamps = [rec["write_date"] for table in tables.values() for rec in table.values()
              if rec.get("write_date")]
    return datetime.fromisoformat(max(stamps)) + timedelta(minutes=1)


# --- the protocols -------------------------------------------------------------------------------

#: The named parameters of each method after the record ids (for positional XML-RPC calls).
_SIGNATURES: dict[str, tuple[str, ...]] = {
    "search_read": ("domain", "fields", "offset", "limit", "order"),
    "search": ("domain", "offset", "limit", "order"),
    "search_count": ("domain", "limit"),
    "read": ("fields", "load"),
    "write": ("vals",),
    "fields_get": ("allfields", "attributes"),
    "context_get": (),
}
_RECORD_METHODS = {"read", "write"}


class OdooApp:
    """The WSGI application. ``state`` is the emulated database, seeded on first use (a
    sandbox that never sees an Odoo call never pays for it); tests reach in through it."""

    def __init__(self, erp_sqlite_path: Path, api_key: str, login: str, database: str,
                 server_version: str) -> None:
        self.erp_sqlite_path = Path(erp_sqlite_path)
        self.api_key = api_key
        self.login = login
        self.database = database
        self.server_version = server_version
        self._state: OdooState | None = None
        self._seeding = threading.Lock()

    @property
    def state(self) -> OdooState:
        with self._seeding:
            if self._state is None:
                tables = seed(self.erp_sqlite_path)
                self._state = OdooState(tables=tables, clock=_latest_stamp(tables))
            return self._state

    def close(self) -> None:
        """Nothing to release: the data lives in memory."""

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if length else b""
        if path == "/web/version" and method == "GET":
            info = _version_info(self.server_version)
            return _reply(start_response, 200, {"version_info": info, "version":
                                                self.server_version})
        if path.startswith("/xmlrpc/2/"):
            if method != "POST":
                return _reply(start_response, 405, {"error": "method_not_allowed"})
            return self._xmlrpc(path.removeprefix("/xmlrpc/2/"), body, start_response)
        if path.startswith("/json/2/"):
            if method != "POST":
                return _reply(start_response, 405, {"error": "method_not_allowed"})
            return self._json2(path.removeprefix("/json/2/"), body, environ, start_response)
        return _reply(start_response, 404, {"error": "not_found"})

    # --- XML-RPC -----------------------------------------------------------------------------

    def _xmlrpc(self, service: str, body: bytes, start_response: StartResponse) -> list[bytes]:
        try:
            params, called = xmlrpc.client.loads(body, use_builtin_types=True)
            name = str(called)
        except Exception:  # any unreadable request is a fault, as in Odoo
            return _xml(start_response, xmlrpc.client.Fault(1, "Invalid XML-RPC request"))
        try:
            if service == "common":
                result = self._common(name, list(params))
            elif service == "object":
                result = self._object(name, list(params))
            else:
                return _reply(start_response, 404, {"error": "not_found"})
            payload = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False)
        except OdooError as exc:
            code = OdooError.XMLRPC_CODES.get(exc.kind, 1)
            return _xml(start_response, xmlrpc.client.Fault(code, exc.message))
        except Exception as exc:  # Odoo turns the rest into an application fault
            text = "".join(traceback.format_exception_only(type(exc), exc))
            return _xml(start_response, xmlrpc.client.Fault(
                1, f"Traceback (most recent call last):\n  ...\n{text}"))
        return _respond(start_response, 200, payload.encode("utf-8"), "text/xml; charset=utf-8")

    def _common(self, name: str, params: list[Any]) -> Any:
        """The common service answers from the configuration: no need to seed for it."""
        if name == "version":
            return {"server_version": self.server_version,
                    "server_version_info": _version_info(self.server_version),
                    "server_serie": self.server_version, "protocol_version": 1}
        if name in ("authenticate", "login"):
            database, login, password = params[0], params[1], params[2]
            if database != self.database:
                raise RuntimeError(f'database "{database}" does not exist')
            return USER_ID if login == self.login and password == self.api_key else False
        raise AttributeError(f"The method {name!r} does not exist on service common")

    def _object(self, name: str, params: list[Any]) -> Any:
        if name not in ("execute_kw", "execute"):
            raise AttributeError(f"The method {name!r} does not exist on service object")
        database, uid, password, model, method = params[:5]
        if database != self.database:
            raise RuntimeError(f'database "{database}" does not exist')
        if uid != USER_ID or password != self.api_key:
            raise OdooError("AccessDenied", "Access Denied")
        if name == "execute_kw":
            args = list(params[5]) if len(params) > 5 else []
            kwargs = dict(params[6]) if len(params) > 6 else {}
        else:
            args, kwargs = list(params[5:]), {}
        ids: list[int] | None = None
        if method in _RECORD_METHODS:
            if not args:
                raise TypeError(f"{method}() missing the record ids")
            ids = [args[0]] if isinstance(args[0], int) else list(args[0])
            args = args[1:]
        names = _SIGNATURES.get(method)
        if names is None:
            raise AttributeError(f"The method '{method}' does not exist on the model '{model}'")
        if len(args) > len(names):
            raise TypeError(f"{method}() takes at most {len(names)} positional arguments")
        for pname, value in zip(names, args, strict=False):
            if pname in kwargs:
                raise TypeError(f"{method}() got multiple values for argument '{pname}'")
            kwargs[pname] = value
        return self._dispatch("xmlrpc", model, method, ids, kwargs)

    # --- JSON-2 ------------------------------------------------------------------------------

    def _json2(self, route: str, body: bytes, environ: Mapping[str, Any],
               start_response: StartResponse) -> list[bytes]:
        scheme, _, key = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
        if scheme.lower() != "bearer" or key.strip() != self.api_key:
            return _error(start_response, 401, "werkzeug.exceptions.Unauthorized", "Invalid apikey")
        database = environ.get("HTTP_X_ODOO_DATABASE")
        if database is not None and database != self.database:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound",
                          "The requested database was not found.")
        model, _, method = route.partition("/")
        if not model or not method or "/" in method:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound", "Not Found")
        try:
            named = json.loads(body.decode("utf-8")) if body else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error(start_response, 400, "werkzeug.exceptions.BadRequest", "Invalid JSON")
        if not isinstance(named, dict):
            return _error(start_response, 400, "werkzeug.exceptions.BadRequest",
                          "The body must be a JSON object")
        ids = named.pop("ids", None)
        try:
            if method in _RECORD_METHODS and ids is None:
                raise TypeError(f"{method}() needs ids")
            result = self._dispatch("json2", model, method, ids, named)
        except OdooError as exc:
            return _error(start_response, OdooError.HTTP_STATUS.get(exc.kind, 422),
                          f"odoo.exceptions.{exc.kind}", exc.message)
        except KeyError as exc:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound", f"Model {exc} not found")
        except (TypeError, ValueError, AttributeError) as exc:
            return _error(start_response, 422, f"builtins.{type(exc).__name__}", str(exc))
        return _reply(start_response, 200, result)

    # --- both --------------------------------------------------------------------------------

    def _dispatch(self, protocol: str, model: str, method: str, ids: list[int] | None,
                  kwargs: dict[str, Any]) -> Any:
        state = self.state
        names = _SIGNATURES.get(method)
        if names is None:
            raise AttributeError(f"The method '{method}' does not exist on the model '{model}'")
        context = kwargs.pop("context", None) or {}
        unknown = set(kwargs) - set(names)
        if unknown:
            raise TypeError(f"{method}() got an unexpected keyword argument '{sorted(unknown)[0]}'")
        if method == "context_get" and model != "res.users":
            raise AttributeError(f"The method '{method}' does not exist on the model '{model}'")
        with state.lock:
            state.calls.append((protocol, model, method))
            state.model(model)
            call = getattr(state, method)
            if method in _RECORD_METHODS:
                result = call(model, list(ids or []), context=context, **kwargs)
            elif method == "context_get":
                result = call(context=context)
            else:
                result = call(model, context=context, **kwargs)
        if method == "write" and state.write_delay > 0:
            time.sleep(state.write_delay)
        return result


def _version_info(version: str) -> list[Any]:
    digits = [int(p) for p in re.findall(r"\d+", version)[:2]] + [0, 0]
    return [digits[0], digits[1], 0, "final", 0, ""]


def _respond(start_response: StartResponse, status: int, payload: bytes,
             content_type: str) -> list[bytes]:
    reasons = {200: "OK", 400: "BAD REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN",
               404: "NOT FOUND", 405: "METHOD NOT ALLOWED", 422: "UNPROCESSABLE ENTITY"}
    start_response(f"{status} {reasons.get(status, 'ERROR')}",
                   [("Content-Type", content_type), ("Content-Length", str(len(payload)))])
    return [payload]


def _reply(start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
    return _respond(start_response, status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                    "application/json; charset=utf-8")


def _error(start_response: StartResponse, status: int, name: str, message: str) -> list[bytes]:
    return _reply(start_response, status, {"name": name, "message": message,
                                           "arguments": [message], "context": {}, "debug": ""})


def _xml(start_response: StartResponse, fault: xmlrpc.client.Fault) -> list[bytes]:
    payload = xmlrpc.client.dumps(fault, methodresponse=True, allow_none=False)
    return _respond(start_response, 200, payload.encode("utf-8"), "text/xml; charset=utf-8")


def make_app(erp_sqlite_path: Path, api_key: str, login: str = "admin", database: str = "sandbox",
             *, server_version: str = "17.0") -> OdooApp:
    """The emulator as a WSGI application, seeded from the demo ERP file on first use.

    ``server_version`` is what ``version()`` and ``/web/version`` announce ("19.0" makes a
    client in ``auto`` mode choose JSON-2; both protocols are always served).
    """
    path = Path(erp_sqlite_path)
    if not path.exists():
        raise FileNotFoundError(path)
    return OdooApp(path, api_key, login, database, server_version)


__all__ = ["OdooApp", "OdooError", "OdooState", "make_app", "seed"]
