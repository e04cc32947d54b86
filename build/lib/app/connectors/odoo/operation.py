"""What every operation on an Odoo database stands on: one connection, the fields it has, the
related records read once, and the issues found on the way.

An :class:`Operation` holds one connection (``Rpc``: XML-RPC or JSON-2, ``rpc``) for one
entity's operation, the field lists learned with ``fields_get`` (kept by the connector
across operations), the related records read once per operation (partners' documents,
identification types, countries…) and the source issues it reports. Every ORM call goes through
:meth:`Operation.call` with positional arguments, as Odoo's own code calls the methods.

It asks the connector only what :class:`Database` says, so it sits below everything that reads
or writes: ``stock`` (vehicles), ``session`` (each entity's canonical rows), ``write`` (a
correction) and ``connector`` (the Connector) on top.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import InvalidOperation
from typing import Any, Protocol

import app.connectors.files.cells as cells
from app.connectors.base import SourceError, SourceIssue
from app.connectors.odoo.values import CO_DOCUMENT_TYPES, m2o, split_vat
from app.connectors.values import as_text
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.progress import CancelToken


class Rpc(Protocol):
    """A client of one connection (``XmlRpcClient`` or ``Json2Client``)."""

    protocol: str
    cancel: CancelToken | None

    def authenticate(self) -> int: ...

    def call(self, model: str, method: str, args: Sequence[Any] = (),
             kwargs: Mapping[str, Any] | None = None, *,
             context: Mapping[str, Any] | None = None, write: bool = False) -> Any: ...

    def close(self) -> None: ...


class Database(Protocol):
    """What an operation needs of the connector: its settings and the field lists it keeps."""

    system: System
    mapping: dict[Entity, dict[str, str]]
    include_archived: bool
    page_size: int
    domains: dict[Entity, list[Any]]

    def where(self) -> str: ...

    def context(self, archived: bool = False) -> dict[str, Any]: ...

    def fields_of(self, rpc: Rpc, model: str) -> dict[str, dict[str, Any]]: ...


#: The model each entity is read from.
MODELS = {Entity.CUSTOMERS: "res.partner", Entity.PAYMENTS: "account.payment",
           Entity.VEHICLES: "stock.lot", Entity.DEALS: "crm.lead",
           Entity.INVOICES: "account.move"}


class Operation:
    """One pull, read or write on one connection: calls, field lists, related-record caches,
    the issues found."""

    def __init__(self, conn: Database, rpc: Rpc, entity: Entity,
                 issues: list[SourceIssue]) -> None:
        self.conn = conn
        self.rpc = rpc
        self.entity = entity
        self.model = MODELS[entity]
        self.issues = issues
        self.mapped = conn.mapping.get(entity, {})
        self.archived = entity is Entity.DEALS or conn.include_archived
        self._cache: dict[str, dict[int, dict[str, Any]]] = {}
        self._docs: dict[int, str | None] = {}
        available = self.available(self.model)
        missing = [f for f in self.mapped.values() if f not in available]
        if missing:
            raise SourceError(tr_app("app.connectors", "Odoo ({where}) no tiene el campo «{field}» "
                                                       "en {model}: revise el mapeo.").format(
                                  where=conn.where(), field=missing[0], model=self.model))

    # --- calls -----------------------------------------------------------------------------

    def call(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """``model.method(*args, **kwargs)`` as Odoo's own code calls it: positional arguments,
        keywords only where Odoo's base signature names them (``limit``, ``order``…)."""
        return self.rpc.call(model, method, args, kwargs,
                             context=self.conn.context(self.archived))

    def available(self, model: str) -> dict[str, dict[str, Any]]:
        return self.conn.fields_of(self.rpc, model)

    def has(self, model: str, field: str) -> bool:
        return field in self.available(model)

    def want(self, model: str, names: Sequence[str]) -> list[str]:
        available = self.available(model)
        return [n for n in names if n in available]

    def records(self, model: str, ids: Sequence[int], fields: Sequence[str]
                ) -> dict[int, dict[str, Any]]:
        """Related records by id, read once per operation (archived and all, when visible);
        cached by model *and* fields, so a record read with fewer fields is read again."""
        cache = self._cache.setdefault(f"{model}:{','.join(sorted(fields))}", {})
        wanted = sorted({i for i in ids if i not in cache})
        if not wanted:  # nothing to read: not even the model's fields (it may not be installed)
            return {i: cache[i] for i in ids if cache.get(i)}
        names = self.want(model, fields)
        size = self.conn.page_size
        for start in range(0, len(wanted), size):
            chunk = wanted[start:start + size]
            found = self.rpc.call(model, "search_read", [[("id", "in", chunk)], names],
                                  context=self.conn.context(archived=True))
            for rec in found:
                cache[int(rec["id"])] = rec
            for rid in chunk:
                cache.setdefault(rid, {})  # not visible: remembered as nothing
        return {i: cache[i] for i in ids if cache.get(i)}

    def report(self, sid: str | None, column: str | None, reason: str, value: Any = None) -> None:
        text = None if value is None else str(value)
        self.issues.append(SourceIssue(self.conn.system, self.entity, sid, column, reason, text))

    def cell(self, sid: str, column: str, parse: Callable[[Any], Any], raw: Any) -> Any:
        """Parse one value; an unreadable one is an issue and None, the row stays."""
        try:
            return parse(raw)
        except (ValueError, TypeError, InvalidOperation, ArithmeticError):
            self.report(sid, column, "unparseable", as_text(raw) if not isinstance(raw, list) else raw)
            return None

    def doc_types(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return self.records("l10n_latam.identification.type", ids,
                            ["name", "l10n_co_document_code", "is_vat", "country_id"])

    def doc_type(self, rec: dict[str, Any], types: Mapping[int, dict[str, Any]],
                 sid: str | None) -> str | None:
        tid, tname = m2o(rec.get("l10n_latam_identification_type_id"))
        if tid is not None:
            t = types.get(tid, {})
            code = CO_DOCUMENT_TYPES.get(as_text(t.get("l10n_co_document_code")) or "")
            if code == "NIT" and not t.get("country_id") and self._foreign(rec):
                return "NIT_EXT"  # l10n_latam's generic «VAT» on a foreign partner
            if code:
                return code
            name = tname or as_text(t.get("name"))
            try:
                found = cells.doc_type(name)
            except ValueError:
                found = None
            if found is None and t.get("is_vat"):
                found = "NIT"
            if found is None and sid is not None:
                self.report(sid, "doc_type", "unknown_doc_type", name)
            return found
        legacy = as_text(rec.get("l10n_co_document_type"))  # l10n_co before l10n_latam
        return CO_DOCUMENT_TYPES.get(legacy or "")

    def _foreign(self, rec: Mapping[str, Any]) -> bool:
        cid = m2o(rec.get("country_id"))[0]
        if cid is None:
            return False
        country = self.records("res.country", [cid], ["code"]).get(cid, {})
        return bool(country) and (as_text(country.get("code")) or "").upper() != "CO"

    def partner_docs(self, ids: Sequence[int]) -> dict[int, str | None]:
        """Partners' document numbers (DV apart), for payments, vehicles and deals."""
        wanted = [i for i in ids if i not in self._docs]
        if wanted:
            partners = self.records("res.partner", wanted,
                                    ["vat", "l10n_latam_identification_type_id",
                                     "l10n_co_document_type", "country_id"])
            types = self.doc_types([t for p in partners.values() if (t := m2o(
                p.get("l10n_latam_identification_type_id"))[0]) is not None])
            for pid in wanted:
                p = partners.get(pid)
                number = None
                if p is not None:
                    number = split_vat(as_text(p.get("vat")), self.doc_type(p, types, None))[0]
                self._docs[pid] = number
        return {i: self._docs.get(i) for i in ids}
