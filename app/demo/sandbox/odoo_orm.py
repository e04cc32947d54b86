"""The emulated Odoo's database and ORM: search, read, write and fields_get as Odoo 17 does them.

``OdooState`` holds the tables (model → id → record, values as Odoo stores them) and the
knobs tests turn. Reads answer as Odoo's ``read()`` does: ``False`` for an empty field,
``[id, display name]`` for a many2one, ids for x2many; missing ids are left out (Odoo 17
answers ``read`` of a deleted record with nothing). Domains support ``= != > >= < <= in not in
like ilike =ilike`` and ``& | !`` and many2one paths (``partner_id.vat``); an unknown field is
Odoo's ``ValueError``. ``active_test`` hides archived records unless false; records of a company
outside ``allowed_company_ids`` are invisible.

What Odoo computes is computed here too: one2many fields from their inverse many2one, a
partner's ``commercial_partner_id`` (itself for a company or a partner without parent, else
its parent's), and sale_stock's ``stock.lot.sale_order_ids`` — only from *done* move lines
into a customer location whose move came from a sale order line, so a unit reserved on an
open delivery, or sold and invoiced but not yet delivered, has no sale order there. Writes
check what Odoo checks: base_vat's NIT check digit (ValidationError, in Spanish as Odoo
answers a user in es_CO), a posted or reconciled journal entry's locked fields (UserError),
computed fields (ValueError); a company's ``vat`` and identification type reach its contacts.
A leaf on a computed field Odoo cannot search (``NOT_SEARCHABLE``) is ignored, as Odoo 17
does: it matches every record.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.demo.sandbox.odoo_repair import request as repair_request
from app.demo.sandbox.odoo_schema import (
    COMMERCIAL_FIELDS,
    DEFAULT_COMPANY,
    INVERSES,
    M2M,
    M2O,
    NOT_SEARCHABLE,
    O2M,
    POSTED_LOCKED,
    READONLY,
    SCHEMA,
    USER_COMPANIES,
    USER_ID,
    OdooError,
)
from app.domain.values import nit_check_digit, only_digits

Record = dict[str, Any]
_M2O, _M2M, _O2M = M2O, M2M, O2M


def dt(moment: datetime) -> str:
    """A datetime as Odoo stores and sends it: UTC, "YYYY-MM-DD HH:MM:SS"."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


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
        return dt(self.clock)

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
        if model == "res.partner" and rec.get("parent_id") and not rec.get("is_company"):
            return f"{self.display_name(model, rec['parent_id'])}, {rec.get('name') or ''}"
        if model == "sale.order.line":  # "S00001 - VOLKSWAGEN T-CROSS (Juan Carlos Pérez Gómez)"
            order = self.tables["sale.order"].get(rec.get("order_id") or 0, {})
            product = self.tables["product.product"].get(rec.get("product_id") or 0, {})
            partner = self.display_name("res.partner", order.get("partner_id") or 0)
            return f"{order.get('name', '')} - {product.get('name', '')} ({partner})"
        return str(rec.get("name") or "")

    # --- ORM methods -----------------------------------------------------------------------

    def search(self, model: str, domain: Any = None, offset: int = 0, limit: int | None = None,
               order: str | None = None, context: Mapping[str, Any] | None = None) -> list[int]:
        context = context or {}
        table = self.model(model)
        companies = self.companies(context)
        terms = _parse_domain(domain or [])
        for term in _leaves(terms):
            self._check_path(model, term[0], term)
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
        names = self._fields_to_read(model, fields)  # checked before searching, as Odoo does
        ids = self.search(model, domain, offset, limit, order, context)
        return self.read(model, ids, names, context=context)

    def read(self, model: str, ids: list[int], fields: list[str] | None = None,
             context: Mapping[str, Any] | None = None, load: str | None = None) -> list[Record]:
        table = self.model(model)
        companies = self.companies(context or {})
        names = self._fields_to_read(model, fields)
        computed = self._computed(model, names)
        out = []
        for rid in ids:
            rec = table.get(rid)
            if rec is None:
                continue  # Odoo 17's read() leaves out what no longer exists
            if not self.visible(model, rec, companies):
                raise OdooError("AccessError", "Debido a restricciones de seguridad, no tiene "
                                f"permiso para acceder a los registros de '{model}'.")
            row = {"id": rid}
            for n in names:
                if n != "id":
                    row[n] = computed[n](rec) if n in computed else self._export(model, rec, n)
            out.append(row)
        return out

    def _fields_to_read(self, model: str, fields: list[str] | None) -> list[str]:
        names = list(fields) if fields else [f for f in SCHEMA[model] if f != "id"]
        for name in names:
            if name not in SCHEMA[model]:
                raise ValueError(f"Invalid field {name!r} on model {model!r}")
        return names

    def _computed(self, model: str, names: list[str]) -> dict[str, Callable[[Record], Any]]:
        """Readers of the computed fields among ``names``, each indexed once per read."""
        out: dict[str, Callable[[Record], Any]] = {}
        for name in names:
            inverse = INVERSES.get((model, name))
            if inverse is not None:
                out[name] = _lister(self._index(*inverse))
        if model == "repair.order" and "repair_request" in names:  # related to the sale line
            out["repair_request"] = lambda rec: repair_request(self, rec)
        if model == "stock.lot" and "sale_order_ids" in names:
            out["sale_order_ids"] = _lister(self._delivered_orders())
        if model == "res.partner" and "commercial_partner_id" in names:
            out["commercial_partner_id"] = lambda rec: self._export(
                model, {**rec, "commercial_partner_id": self.commercial(rec["id"])},
                "commercial_partner_id")
        return out

    def _index(self, comodel: str, many2one: str) -> dict[int, list[int]]:
        index: dict[int, list[int]] = {}
        for rec in self.tables[comodel].values():
            target = rec.get(many2one)
            if target is not None:
                index.setdefault(target, []).append(rec["id"])
        return index

    def _delivered_orders(self) -> dict[int, set[int]]:
        """sale_stock's ``_compute_sale_order_ids``: lot → the orders of its done move lines
        into a customer location."""
        moves, lines = self.tables["stock.move"], self.tables["sale.order.line"]
        locations = self.tables["stock.location"]
        out: dict[int, set[int]] = {}
        for line in self.tables["stock.move.line"].values():
            move = moves.get(line.get("move_id") or 0, {})
            sale_line = lines.get(move.get("sale_line_id") or 0)
            usage = locations.get(line.get("location_dest_id") or 0, {}).get("usage")
            if line.get("state") == "done" and usage == "customer" and sale_line and line.get("lot_id"):
                out.setdefault(line["lot_id"], set()).add(sale_line["order_id"])
        return out

    def commercial(self, rid: int) -> int:
        """A partner's commercial entity: itself when a company or without parent."""
        rec = self.tables["res.partner"].get(rid, {})
        parent = rec.get("parent_id")
        if rec.get("is_company") or not parent:
            return rid
        return self.commercial(parent)

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
            locked = POSTED_LOCKED.get(model, set()) & set(vals)
            if locked and rec.get("state") == "posted":
                raise OdooError("UserError", self._posted_refusal(model, rec))
            records.append(rec)
        converted = {name: self._import(model, name, value) for name, value in vals.items()}
        if model == "res.partner" and "vat" in converted:
            for rec in records:
                self._check_vat(rec, converted)
        stamp = self.tick()
        for rec in records:
            rec.update(converted)
            rec["write_date"] = stamp
        if model == "res.partner" and set(COMMERCIAL_FIELDS) & set(converted):
            self._sync_commercial(records, stamp)
        return None if model in self.none_returning else True

    def _posted_refusal(self, model: str, rec: Record) -> str:
        """Odoo 17's refusal (account_move_line ``_check_reconciliation``, in Spanish as it
        answers a user in es_CO) to change a posted entry's partner, dates or amounts."""
        name = rec.get("name")
        reconciled = (rec.get("payment_state") in ("paid", "partial", "in_payment")
                      if model == "account.move" else bool(rec.get("reconciled_invoice_ids")))
        if reconciled:
            return ("No puede hacer esta modificación en un asiento contable conciliado. Puede "
                    "cambiar algunos campos no legales o primero debe romper la conciliación.\n"
                    f"Asiento contable (id): {name} ({rec['id']})")
        return ("No puede modificar un asiento contable publicado: restablézcalo a borrador "
                f"primero. Asiento contable (id): {name} ({rec['id']})")

    def _sync_commercial(self, records: list[Record], stamp: str) -> None:
        """A company's document reaches its contacts and addresses (base's commercial sync)."""
        partners = self.tables["res.partner"]
        for rec in records:
            if self.commercial(rec["id"]) != rec["id"]:
                continue
            for child in partners.values():
                if child["id"] != rec["id"] and self.commercial(child["id"]) == rec["id"]:
                    child.update({f: rec.get(f) for f in COMMERCIAL_FIELDS})
                    child["write_date"] = stamp

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
            inverse = INVERSES.get((model, name))
            if inverse is not None:
                comodel, many2one = inverse
                return sorted(r["id"] for r in self.tables[comodel].values()
                              if r.get(many2one) == rec["id"])
            if model == "stock.lot" and name == "sale_order_ids":
                return sorted(self._delivered_orders().get(rec["id"], ()))
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
            raise OdooError("ValidationError", f"\nEl número NIT [{vat}] para contacto "
                            f"[{rec.get('name')}] no parece ser válido.\nTome en cuenta que el "
                            "formato esperado es CO213123432-1 or CO213.123.432-1")

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
        elif model == "res.partner" and head == "commercial_partner_id":
            value = self.commercial(rec["id"])
        elif (model, head) in INVERSES:
            comodel, many2one = INVERSES[model, head]
            value = [r["id"] for r in self.tables[comodel].values() if r.get(many2one) == rec["id"]]
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

    def _check_path(self, model: str, path: str, leaf: Any) -> None:
        """Odoo's ValueError for a leaf on a field the model does not have."""
        head, _, rest = path.partition(".")
        if head not in SCHEMA[model]:
            shown = (leaf[0], leaf[1], sorted(leaf[2]) if isinstance(leaf[2], frozenset) else leaf[2])
            raise ValueError(f"Invalid field {model}.{head} in leaf {shown!r}")
        kind, relation = SCHEMA[model][head]
        if rest and kind == _M2O and relation is not None:
            self._check_path(relation, rest, leaf)
        elif rest:
            raise ValueError(f"Only many2one paths are supported: {path}")

    def _match(self, model: str, rec: Record, term: Any) -> bool:
        op = term[0]
        if op == "&":
            return self._match(model, rec, term[1]) and self._match(model, rec, term[2])
        if op == "|":
            return self._match(model, rec, term[1]) or self._match(model, rec, term[2])
        if op == "!":
            return not self._match(model, rec, term[1])
        path, operator, wanted = term[1]
        if (model, path.partition(".")[0]) in NOT_SEARCHABLE:
            return True  # Odoo ignores the leaf: every record matches it
        kind, relation, value = self._value(model, rec, path)
        if kind == _M2O and relation and value is not None and operator in (
            "like", "ilike", "not ilike", "=ilike", "=like"
        ):
            kind, value = "char", self.display_name(relation, value)
        return _compare(kind, value, operator, wanted)


def _lister(index: Mapping[int, Iterable[int]]) -> Callable[[Record], list[int]]:
    """The reader of an x2many computed from ``index`` (record id → related ids)."""
    def read(rec: Record) -> list[int]:
        return sorted(index.get(rec["id"], ()))

    return read


def _leaves(terms: Iterable[Any]) -> Iterable[Any]:
    for term in terms:
        if term[0] == "leaf":
            yield term[1]
        else:
            yield from _leaves(term[1:])


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


