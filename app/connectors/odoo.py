"""Odoo, the ERP many Colombian dealerships run, through its external API.

Odoo ≤ 18 speaks XML-RPC (``/xmlrpc/2``), Odoo 19+ JSON-2 (``/json/2/<model>/<method>`` with a
bearer API key); ``protocol="auto"`` asks the server's version and picks (``odoo_rpc``). Odoo's
schema is known, so the mapping to the canonical schema is fixed here:

- customers ← ``res.partner`` (customers: ``customer_rank > 0``): ``vat`` split into number and
  DV for a NIT, the ``l10n_latam_identification_type_id`` as CC/NIT/CE/PA…, the name split
  into given names and surnames (or the company's name), mobile before phone, the city's DANE
  code from ``res.city.l10n_co_edi_code`` or, for a typed city, from DIVIPOLA by name;
- payments ← ``account.payment`` (customer receipts) with the reconciled invoice's number,
  CUFE and sales team (the branch);
- vehicles ← ``stock.lot`` (the VIN is the serial's ``name``) with the product's make, line,
  year and colour, and ``stock.quant`` for where the unit is and whether it is reserved;
  ``sale.order`` (``sale_stock``) for the customer and whether it is already invoiced;
- vehicles' arrival in stock (``received_on``) ← the ``in_date`` of a unit's quant in an
  internal location (none for units in transit or delivered);
- deals ← ``crm.lead``, archived (lost) ones included; ``created_on`` ← its ``create_date``;
- invoices (for the insights) ← ``account.move``: customer invoices (``out_invoice``) posted
  or cancelled, with their CUFE, customer, sales team (the branch) and total. Odoo keeps no
  VIN on an invoice: it is read from a custom field the profile maps (``{"invoices": {"vin":
  "x_vin"}}``, a Studio field), else left empty. Workshop visits, contracts and follow-ups
  are not read from Odoo: asking for them is a quick SourceError (the insights go without).

Odoo returns ``False`` for every empty field: it becomes ``None``. Amounts arrive as floats
(XML-RPC and JSON alike) and become ``Decimal`` rounded to the cent; ``write_date`` is UTC and
stays so, zone-aware. Pulls page by id (``id > last``, ``limit``), counting first, and
``since`` filters on ``write_date``. ``company_ids`` become ``allowed_company_ids`` in every
call's context, for multi-company databases. A profile's ``mapping`` (``{entity: {canonical
field: Odoo field}}``) adds custom fields such as Studio's ``x_autoriza_datos``.

Writes (``apply``) are compare-and-set on values, then read back (``odoo_write``); Odoo's
values become canonical ones by the rules in ``odoo_values``; the two protocols are
``odoo_rpc``'s.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import InvalidOperation
from typing import Any, Protocol
from urllib.parse import urlsplit

import pandas as pd

from app.connectors import creations
from app.connectors.base import (
    AuthError,
    Correction,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
)
from app.connectors.files import cells
from app.connectors.files.connector import normalize_invoice
from app.connectors.files.headers import EXTRA_COLUMNS, KIND_NAMES, columns_of
from app.connectors.http import NetworkError, RetryPolicy
from app.connectors.odoo_rpc import (
    Json2Client,
    OdooFault,
    XmlRpcClient,
    major_version,
    web_version,
)
from app.connectors.odoo_values import (
    CO_DOCUMENT_TYPES,
    as_text,
    day,
    ids_of,
    local_day,
    m2o,
    money,
    reader,
    since_utc,
    split_person_name,
    split_vat,
    stamp,
)
from app.connectors.odoo_write import Writer
from app.domain import divipola
from app.domain.schema import COLUMNS, Entity, System
from app.domain.values import fold, normalize_email, normalize_phone, normalize_vin
from app.progress import CancelToken, Progress, Task, run

log = logging.getLogger(__name__)

PROTOCOLS = ("auto", "xmlrpc", "json2")
_PROTOCOL_NAMES = {"xmlrpc": "XML-RPC", "json2": "JSON-2"}


class Rpc(Protocol):
    protocol: str
    cancel: CancelToken | None

    def authenticate(self) -> int: ...

    def call(self, model: str, method: str, *, ids: list[int] | None = None,
             params: Mapping[str, Any] | None = None, context: Mapping[str, Any] | None = None,
             write: bool = False) -> Any: ...

    def close(self) -> None: ...


# --- what is read from where ---------------------------------------------------------------------

_MODELS = {Entity.CUSTOMERS: "res.partner", Entity.PAYMENTS: "account.payment",
           Entity.VEHICLES: "stock.lot", Entity.DEALS: "crm.lead",
           Entity.INVOICES: "account.move"}
#: The fields each entity's model is asked for, when the database has them.
_FIELDS = {
    Entity.CUSTOMERS: (
        "name", "is_company", "vat", "l10n_latam_identification_type_id", "l10n_co_document_type",
        "l10n_co_verification_code", "firstname", "lastname", "lastname2", "phone", "mobile",
        "email", "street", "street2", "city", "city_id", "customer_rank", "write_date"),
    Entity.PAYMENTS: (
        "name", "amount", "date", "partner_id", "reconciled_invoice_ids", "state", "journal_id",
        "payment_method_line_id", "currency_id", "write_date"),
    Entity.VEHICLES: ("name", "product_id", "sale_order_ids", "write_date"),
    Entity.DEALS: (
        "name", "partner_id", "stage_id", "probability", "expected_revenue", "date_closed",
        "source_id", "team_id", "active", "won_status", "create_date", "write_date"),
    Entity.INVOICES: (
        "name", "move_type", "state", "partner_id", "invoice_date", "amount_total", "team_id",
        "currency_id", "write_date", "l10n_co_edi_cufe_cude_ref", "l10n_co_dian_cufe_cude_ref"),
}
#: Each entity's records among the model's: customers, customer receipts.
_BASE_DOMAINS: dict[Entity, tuple[tuple[str, str, Any], ...]] = {
    Entity.CUSTOMERS: (("customer_rank", ">", 0),),
    Entity.PAYMENTS: (("payment_type", "=", "inbound"), ("partner_type", "=", "customer")),
    Entity.VEHICLES: (),
    Entity.DEALS: (),
    Entity.INVOICES: (("move_type", "=", "out_invoice"), ("state", "in", ["posted", "cancel"])),
}
_MODULES = {"res.partner": "contacts", "account.payment": "account (Facturación)",
            "account.move": "account (Facturación)", "stock.lot": "stock (Inventario)",
            "crm.lead": "crm"}
#: The CUFE/CUDE of an electronic invoice, as Colombian e-invoicing modules call it.
_CUFE_FIELDS = ("l10n_co_edi_cufe_cude_ref", "l10n_co_dian_cufe_cude_ref")
_PAYMENT_STATUS = {"posted": "posted", "paid": "posted", "in_process": "posted", "draft": "draft",
                   "cancel": "cancelled", "canceled": "cancelled", "rejected": "rejected"}
_INVOICE_STATUS = {"posted": "validated", "cancel": "annulled", "draft": "draft"}
#: What Cuadre reads from Odoo, for messages: "clientes, pagos, vehículos, negocios ni facturas".
_READ = ", ".join(KIND_NAMES[e] for e in list(_MODELS)[:-1]) + f" ni {KIND_NAMES[list(_MODELS)[-1]]}"
#: Odoo's default pipeline stages, in English and Spanish, beside the CRM names files use.
_STAGES = {fold(k): v for k, v in {
    "New": "lead", "Nuevo": "lead", "Qualified": "lead", "Calificado": "lead",
    "Proposition": "negotiation", "Propuesta": "negotiation", "Won": "sold", "Ganado": "sold",
}.items()}
_YEAR_ATTRIBUTES = {"ano", "año", "year", "modelo", "ano modelo", "año modelo"}
_DEMO_WORDS = ("demo", "demostracion")


# --- the connector -------------------------------------------------------------------------------


class OdooConnector:
    """One Odoo database. ``secret`` is the user's password or, better, an API key.

    Options: ``protocol`` ("auto", "xmlrpc" or "json2"), ``company_ids`` (the companies to
    read, as ``allowed_company_ids``), ``page_size`` (records per call, 500), ``timeout``
    (seconds, 60), ``attempts`` (tries of a read, 5), ``include_archived`` (archived partners
    and lots too), ``domains`` (``{entity: [Odoo domain leaves]}`` narrowing a pull).
    """

    def __init__(self, base_url: str, database: str, login: str, secret: str | None, *,
                 system: System = System.ERP, mapping: Mapping[str, Any] | None = None,
                 **options: Any) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError("La dirección de Odoo debe ser http(s)://servidor[:puerto].")
        self.base_url = base_url.rstrip("/")
        self.host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.database = database
        self.login = login
        self._secret = secret
        self.system = System(system)
        protocol = str(options.get("protocol") or "auto").lower().replace("-", "")
        if protocol not in PROTOCOLS:
            raise SourceError("El protocolo de Odoo debe ser «auto», «xmlrpc» o «json2».")
        self.requested_protocol = protocol
        self.company_ids = _company_ids(options.get("company_ids"))
        self.page_size = max(1, min(5000, int(options.get("page_size") or 500)))
        self.timeout = float(options.get("timeout") or 60.0)
        self.policy = RetryPolicy(attempts=max(1, int(options.get("attempts") or 5)))
        self.include_archived = bool(options.get("include_archived", False))
        self.domains = _domains(options.get("domains"))
        self.mapping = _mapping(mapping)
        self._protocol: str | None = None if protocol == "auto" else protocol
        self._uid: int | None = None
        self._key_checked = False
        self._fields: dict[str, dict[str, dict[str, Any]]] = {}
        self._issues: list[SourceIssue] = []
        self._lock = threading.Lock()

    # --- the Connector protocol ----------------------------------------------------------------

    @property
    def protocol(self) -> str | None:
        """"xmlrpc" or "json2" once known (``auto`` decides on first use)."""
        return self._protocol

    def describe(self) -> str:
        via = _PROTOCOL_NAMES.get(self._protocol or "", "XML-RPC o JSON-2")
        companies = (f", compañías {', '.join(map(str, self.company_ids))}"
                     if self.company_ids else "")
        return f"Odoo {self.host} (base {self.database}, {via}{companies})"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def close(self) -> None:
        """Nothing stays open between operations (each has its own connection); the field
        lists learned are forgotten, so a reopened connector sees modules installed since."""
        with self._lock:
            self._fields.clear()

    def pull(self, entity: Entity | str, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def pull_task(self, entity: Entity | str, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        """The pull as a task: a Progress per page of ``page_size`` records."""
        entity = Entity(entity)
        step = f"pull_{entity.value}"
        issues: list[SourceIssue] = []
        rows: list[dict[str, Any]] = []
        with self._session(entity, issues, cancel) as s:
            domain = s.domain(since)
            total = int(s.call(s.model, "search_count", domain=domain))
            yield Progress(step, 0, total)
            last = 0
            while True:
                if cancel is not None:
                    cancel.check()
                page = s.call(s.model, "search_read", domain=[*domain, ("id", ">", last)],
                              fields=s.fields(), limit=self.page_size, order="id")
                if not page:
                    break
                rows.extend(s.rows(page))
                last = int(page[-1]["id"])
                yield Progress(step, len(rows), max(total, len(rows)))
                if len(page) < self.page_size:
                    break
        self._issues = [i for i in self._issues if i.entity != entity] + issues
        return _frame(entity, rows)

    def count(self, entity: Entity | str) -> int:
        """How many records a pull of ``entity`` would read."""
        with self._session(Entity(entity), []) as s:
            return int(s.call(s.model, "search_count", domain=s.domain(None)))

    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        rid = _record_id(source_id)
        if rid is None:
            return None
        with self._session(Entity(entity), []) as s:
            return s.one(rid)[1]

    def apply(self, correction: Correction) -> Outcome:
        """One compare-and-set write; never raises for what an Outcome can say. A creation
        (a CRM follow-up) is refused at once: Cuadre never creates records in Odoo."""
        cannot = creations.refused(correction, "Odoo")
        if cannot is not None:
            return cannot
        entity = Entity(correction.entity)
        rid = _record_id(correction.source_id)
        if rid is None:
            return Outcome(OutcomeStatus.REJECTED, "not_found",
                           "El identificador no es el de un registro de Odoo.")
        try:
            with self._session(entity, []) as s:
                return Writer(s, rid, correction).apply()
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc))
        except NetworkError as exc:  # before anything was written: reading the record failed
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))

    # --- connection ----------------------------------------------------------------------------

    def where(self) -> str:
        return f"{self.host}/{self.database}"

    @contextmanager
    def _session(self, entity: Entity, issues: list[SourceIssue],
                 cancel: CancelToken | None = None) -> Iterator[Session]:
        if entity not in _MODELS:  # said before any connection: the insights go without it
            raise SourceError(f"Cuadre no lee {KIND_NAMES[entity]} de Odoo.")
        rpc = self._connect(cancel)
        try:
            yield Session(self, rpc, entity, issues)
        finally:
            rpc.close()

    def _connect(self, cancel: CancelToken | None) -> Rpc:
        """A client for one operation (its own connection), authenticated."""
        if not self._secret:
            raise AuthError(f"No hay clave guardada para Odoo {self.where()}: guárdela con "
                            "«cuadre credentials set odoo://USUARIO@SERVIDOR/BASE».")
        protocol = self._resolve_protocol()
        rpc: Rpc
        if protocol == "json2":
            rpc = Json2Client(self.base_url, self.database, self._secret, timeout=self.timeout,
                              policy=self.policy)
        else:
            rpc = XmlRpcClient(self.base_url, self.database, self.login, self._secret,
                               timeout=self.timeout, policy=self.policy, uid=self._uid)
        rpc.cancel = cancel
        try:
            if protocol == "xmlrpc":
                self._uid = rpc.authenticate()
            elif not self._key_checked:
                rpc.authenticate()
                self._key_checked = True
        except BaseException:
            rpc.close()
            raise
        return rpc

    def _resolve_protocol(self) -> str:
        with self._lock:
            if self._protocol is None:
                self._protocol = self._detect()
            return self._protocol

    def _detect(self) -> str:
        """JSON-2 from Odoo 19 on (XML-RPC is deprecated there), XML-RPC before."""
        probe = XmlRpcClient(self.base_url, self.database, self.login, "", timeout=self.timeout,
                             policy=RetryPolicy(attempts=min(2, self.policy.attempts)))
        try:
            major = major_version(probe.version())
        except NetworkError:
            raise
        except SourceError:
            major = None  # no XML-RPC (Odoo 22+, or a proxy that blocks it): ask /web/version
        finally:
            probe.close()
        if major is None:
            try:
                major = major_version(web_version(self.base_url, timeout=self.timeout))
            except SourceError as exc:
                raise SourceError(f"No se reconoce un servidor Odoo en {self.host}: no responde "
                                  "ni XML-RPC ni /web/version.") from exc
        log.info("Odoo %s: versión %s", self.host, major)
        return "json2" if major is not None and major >= 19 else "xmlrpc"

    def _fields_of(self, rpc: Rpc, model: str) -> dict[str, dict[str, Any]]:
        with self._lock:
            known = self._fields.get(model)
        if known is None:
            try:
                known = rpc.call(model, "fields_get", params={"attributes": ["type", "relation"]},
                                 context=self.context())
            except OdooFault as exc:
                if exc.kind in ("server", "missing", "bad_request"):
                    module = _MODULES.get(model, "")
                    raise SourceError(f"Odoo ({self.where()}) no tiene el modelo «{model}»"
                                      + (f": ¿está instalado el módulo {module}?" if module else ".")
                                      ) from None
                raise
            if not isinstance(known, dict):
                known = {}
            with self._lock:
                self._fields[model] = known
        return known

    def context(self, archived: bool = False) -> dict[str, Any]:
        ctx: dict[str, Any] = {"lang": "es_CO", "tz": "America/Bogota"}
        if self.company_ids:
            ctx["allowed_company_ids"] = list(self.company_ids)
        if archived:
            ctx["active_test"] = False
        return ctx


def _company_ids(value: Any) -> list[int]:
    if value in (None, "", []):
        return []
    items = [value] if isinstance(value, int | str) else list(value)
    try:
        ids = [int(v) for v in items]
    except (TypeError, ValueError):
        raise SourceError("«company_ids» debe ser una lista de números de compañía de Odoo.") from None
    if any(i <= 0 for i in ids):
        raise SourceError("«company_ids» debe ser una lista de números de compañía de Odoo.")
    return ids


def _domains(value: Any) -> dict[Entity, list[Any]]:
    """``{entity: [leaf, …]}``: extra Odoo domain leaves (and ``"|"``/``"&"``) per entity."""
    out: dict[Entity, list[Any]] = {}
    for key, leaves in dict(value or {}).items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(f"Los dominios de Odoo nombran «{key}», que no es {_READ}.") from None
        if not isinstance(leaves, list | tuple):
            raise SourceError("Un dominio de Odoo es una lista: [[\"campo\", \"=\", valor], …].")
        out[entity] = [tuple(leaf) if isinstance(leaf, list) else leaf for leaf in leaves]
    return out


def _mapping(mapping: Mapping[str, Any] | None) -> dict[Entity, dict[str, str]]:
    """``{entity: {canonical column: Odoo field}}`` (a list of fields takes its first)."""
    out: dict[Entity, dict[str, str]] = {}
    for key, fields in dict(mapping or {}).items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(f"El mapeo de Odoo nombra «{key}», que no es {_READ}.") from None
        if not isinstance(fields, Mapping):
            raise SourceError("El mapeo de Odoo es {entidad: {columna: campo de Odoo}}.")
        known = columns_of(entity)
        own: dict[str, str] = {}
        for column, field in fields.items():
            if column not in known:
                raise SourceError(f"El mapeo de Odoo nombra la columna «{column}», que no existe "
                                  f"en {entity.value}.")
            name = field[0] if isinstance(field, list | tuple) and field else field
            if not isinstance(name, str) or not name:
                raise SourceError(f"El mapeo de Odoo no dice qué campo lee «{column}».")
            own[column] = name
        out[entity] = own
    return out


def _record_id(source_id: Any) -> int | None:
    text = str(source_id).strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _frame(entity: Entity, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(COLUMNS[entity] + EXTRA_COLUMNS.get(entity, ()))
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=columns)


# --- one operation: reads with their related records ---------------------------------------------


class Session:
    """One pull, read or write on one connection: field lists, related-record caches and the
    canonical rows of the entity's records."""

    def __init__(self, conn: OdooConnector, rpc: Rpc, entity: Entity,
                 issues: list[SourceIssue]) -> None:
        self.conn = conn
        self.rpc = rpc
        self.entity = entity
        self.model = _MODELS[entity]
        self.issues = issues
        self.mapped = conn.mapping.get(entity, {})
        self.archived = entity is Entity.DEALS or conn.include_archived
        self._cache: dict[str, dict[int, dict[str, Any]]] = {}
        self._docs: dict[int, str | None] = {}
        available = self.available(self.model)
        missing = [f for f in self.mapped.values() if f not in available]
        if missing:
            raise SourceError(f"Odoo ({conn.where()}) no tiene el campo «{missing[0]}» en "
                              f"{self.model}: revise el mapeo.")

    # --- calls -----------------------------------------------------------------------------

    def call(self, model: str, method: str, **params: Any) -> Any:
        return self.rpc.call(model, method, params=params, context=self.conn.context(self.archived))

    def available(self, model: str) -> dict[str, dict[str, Any]]:
        return self.conn._fields_of(self.rpc, model)

    def has(self, model: str, field: str) -> bool:
        return field in self.available(model)

    def want(self, model: str, names: Sequence[str]) -> list[str]:
        available = self.available(model)
        return [n for n in names if n in available]

    def fields(self) -> list[str]:
        own = self.want(self.model, _FIELDS[self.entity])
        if self.entity is Entity.DEALS and "active" not in own and self.has(self.model, "active"):
            own.append("active")
        return own + [f for f in self.mapped.values() if f not in own]

    def domain(self, since: Any) -> list[Any]:
        base = [leaf for leaf in _BASE_DOMAINS[self.entity] if self.has(self.model, leaf[0])]
        domain: list[Any] = [*base, *self.conn.domains.get(self.entity, [])]
        moment = since_utc(since)
        if moment is None:
            return domain
        if self.entity is Entity.VEHICLES and self.has("stock.quant", "lot_id"):
            # A unit that moved changed its quant, not its lot.
            moved = self.call("stock.quant", "search_read", domain=[("write_date", ">=", moment)],
                              fields=["lot_id"])
            lots = sorted({i for q in moved if (i := m2o(q.get("lot_id"))[0]) is not None})
            return [*domain, "|", ("write_date", ">=", moment), ("id", "in", lots)]
        return [*domain, ("write_date", ">=", moment)]

    def records(self, model: str, ids: Sequence[int], fields: Sequence[str]
                ) -> dict[int, dict[str, Any]]:
        """Related records by id, read once per operation (archived and all, when visible)."""
        cache = self._cache.setdefault(model, {})
        wanted = sorted({i for i in ids if i not in cache})
        if not wanted:  # nothing to read: not even the model's fields (it may not be installed)
            return {i: cache[i] for i in ids if cache.get(i)}
        names = self.want(model, fields)
        size = self.conn.page_size
        for start in range(0, len(wanted), size):
            chunk = wanted[start:start + size]
            found = self.rpc.call(model, "search_read", params={
                "domain": [("id", "in", chunk)], "fields": names},
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

    # --- canonical rows ----------------------------------------------------------------------

    def one(self, rid: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(the raw record, its canonical row) of one id, or (None, None)."""
        found = self.rpc.call(self.model, "search_read", params={
            "domain": [("id", "=", rid)], "fields": self.fields()},
            context=self.conn.context(archived=True))
        if not found:
            return None, None
        return found[0], self.rows(found)[0]

    def rows(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        build = {Entity.CUSTOMERS: self._customers, Entity.PAYMENTS: self._payments,
                 Entity.VEHICLES: self._vehicles, Entity.DEALS: self._deals,
                 Entity.INVOICES: self._invoices}[self.entity]
        out = build(records)
        for rec, row in zip(records, out, strict=True):
            for column, field in self.mapped.items():
                row[column] = self.cell(row["source_id"], column, reader(column, self.entity),
                                        rec.get(field))
        return out

    def doc_types(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return self.records("l10n_latam.identification.type", ids,
                            ["name", "l10n_co_document_code", "is_vat"])

    def doc_type(self, rec: dict[str, Any], types: Mapping[int, dict[str, Any]],
                 sid: str | None) -> str | None:
        tid, tname = m2o(rec.get("l10n_latam_identification_type_id"))
        if tid is not None:
            t = types.get(tid, {})
            code = CO_DOCUMENT_TYPES.get(as_text(t.get("l10n_co_document_code")) or "")
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

    def partner_docs(self, ids: Sequence[int]) -> dict[int, str | None]:
        """Partners' document numbers (DV apart), for payments, vehicles and deals."""
        wanted = [i for i in ids if i not in self._docs]
        if wanted:
            partners = self.records("res.partner", wanted,
                                    ["vat", "l10n_latam_identification_type_id",
                                     "l10n_co_document_type"])
            types = self.doc_types([t for p in partners.values() if (t := m2o(
                p.get("l10n_latam_identification_type_id"))[0]) is not None])
            for pid in wanted:
                p = partners.get(pid)
                number = None
                if p is not None:
                    number = split_vat(as_text(p.get("vat")), self.doc_type(p, types, None))[0]
                self._docs[pid] = number
        return {i: self._docs.get(i) for i in ids}

    def _customers(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        types = self.doc_types([i for r in records if (i := m2o(
            r.get("l10n_latam_identification_type_id"))[0]) is not None])
        cities = self.records("res.city", [i for r in records if (i := m2o(r.get("city_id"))[0])
                                           is not None], ["name", "l10n_co_edi_code"])
        split_names = self.has("res.partner", "firstname")
        out = []
        for r in records:
            sid = str(r["id"])
            doc_type = self.doc_type(r, types, sid)
            vat = as_text(r.get("vat"))
            number, dv = split_vat(vat, doc_type)
            if vat is not None and number is None:
                self.report(sid, "doc_number", "unparseable", vat)
            verification = as_text(r.get("l10n_co_verification_code"))
            if dv is None and doc_type == "NIT" and verification and verification.isdigit():
                dv = verification
            name = as_text(r.get("name"))
            first: str | None
            last: str | None
            company = name if r.get("is_company") else None
            if company:
                first = last = None
            elif split_names:
                first = as_text(r.get("firstname"))
                last = " ".join(p for p in (as_text(r.get("lastname")), as_text(r.get("lastname2")))
                                if p) or None
            else:
                first, last = split_person_name(name)
            mobile, landline = as_text(r.get("mobile")), as_text(r.get("phone"))
            m, p = normalize_phone(mobile), normalize_phone(landline)
            phone = m or p or mobile or landline
            alt = (p or landline) if m and landline else None
            code, city = self._city(sid, r, cities)
            out.append({
                "source_id": sid, "doc_type": doc_type, "doc_number": number, "check_digit": dv,
                "first_names": first, "last_names": last, "company_name": company,
                "phone": phone, "email": normalize_email(as_text(r.get("email"))),
                "city_code": code, "city_name": city,
                "address": " ".join(a for a in (as_text(r.get("street")), as_text(r.get("street2")))
                                    if a) or None,
                "habeas_data_consent": None, "consent_date": None, "consent_channel": None,
                "claim_in_progress": None,
                "is_customer": (int(r.get("customer_rank") or 0) > 0
                                if "customer_rank" in r else True),
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
                "full_name": name, "phone_alt": alt,
            })
        return out

    def _city(self, sid: str, r: dict[str, Any], cities: Mapping[int, dict[str, Any]]
              ) -> tuple[str | None, str | None]:
        """(DANE code, name): the city record's l10n_co_edi_code, else DIVIPOLA by name."""
        cid, cname = m2o(r.get("city_id"))
        typed = as_text(r.get("city"))
        name = typed or cname
        code: str | None = None
        if cid is not None:
            raw = str(cities.get(cid, {}).get("l10n_co_edi_code") or "").strip()
            if raw.isdigit() and int(raw) > 0:
                code = raw.lstrip("0").zfill(5)  # an Integer field: 5001 is Medellín's 05001
        if code is None and name is not None:
            code = divipola.city_code(name)
            if code is None:
                self.report(sid, "city_name", "unknown_city", name)
        return code, name or divipola.city_name(code)

    def _payments(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        cufe_field = next((f for f in _CUFE_FIELDS if self.has("account.move", f)), None)
        invoices = self.records("account.move", [i for r in records
                                                 for i in ids_of(r.get("reconciled_invoice_ids"))],
                                ["name", "state", "team_id", *([cufe_field] if cufe_field else [])])
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            linked = sorted((invoices[i] for i in ids_of(r.get("reconciled_invoice_ids"))
                             if i in invoices), key=lambda m: str(m.get("name") or ""))
            invoice = linked[0] if linked else {}
            if len(linked) > 1:
                self.report(sid, "invoice_number", "several_invoices",
                            ", ".join(str(m.get("name")) for m in linked))
            state = as_text(r.get("state"))
            method = m2o(r.get("payment_method_line_id"))[1] or m2o(r.get("journal_id"))[1]
            receipt = as_text(r.get("name"))
            out.append({
                "source_id": sid, "receipt_number": None if receipt == "/" else receipt,
                "invoice_number": normalize_invoice(as_text(invoice.get("name"))),
                "cufe": as_text(invoice.get(cufe_field)) if cufe_field else None,
                "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "amount": self.cell(sid, "amount", money, r.get("amount")),
                "currency": (m2o(r.get("currency_id"))[1] or "COP").upper(),
                "paid_on": self.cell(sid, "paid_on", day, r.get("date")),
                "method": method, "status": _PAYMENT_STATUS.get(state or "", state),
                "deal_id": None, "branch": m2o(invoice.get("team_id"))[1],
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
            })
        return out

    def _vehicles(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lot_ids = [int(r["id"]) for r in records]
        quants: dict[int, list[dict[str, Any]]] = {}
        if self.has("stock.quant", "lot_id"):
            for start in range(0, len(lot_ids), self.conn.page_size):
                chunk = lot_ids[start:start + self.conn.page_size]
                found = self.rpc.call("stock.quant", "search_read", params={
                    "domain": [("lot_id", "in", chunk), ("quantity", ">", 0)],
                    "fields": self.want("stock.quant", ["lot_id", "location_id", "quantity",
                                                        "reserved_quantity", "in_date",
                                                        "write_date"])},
                    context=self.conn.context(archived=True))
                for q in found:
                    lot = m2o(q.get("lot_id"))[0]
                    if lot is not None:
                        quants.setdefault(lot, []).append(q)
        locations = self.records("stock.location", [i for qs in quants.values() for q in qs if (
            i := m2o(q.get("location_id"))[0]) is not None],
            ["name", "complete_name", "usage", "warehouse_id"])
        products = self.records("product.product", [i for r in records if (
            i := m2o(r.get("product_id"))[0]) is not None],
            ["name", "categ_id", "lst_price", "product_template_variant_value_ids"])
        values = self.records("product.template.attribute.value", [
            v for p in products.values() for v in ids_of(p.get("product_template_variant_value_ids"))],
            ["name", "attribute_id"])
        orders = self.records("sale.order", [o for r in records for o in ids_of(r.get("sale_order_ids"))],
                              ["partner_id", "state", "invoice_status", "warehouse_id"])
        docs = self.partner_docs([i for o in orders.values() if (i := m2o(o.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            product = products.get(m2o(r.get("product_id"))[0] or 0, {})
            make, model = _make_model(product, m2o(r.get("product_id"))[1])
            year, color = _variant(product, values)
            sold = [orders[o] for o in ids_of(r.get("sale_order_ids"))
                    if o in orders and orders[o].get("state") in ("sale", "done")]
            order = sold[-1] if sold else {}
            placed = sorted(quants.get(int(r["id"]), []), key=lambda q: _place_rank(q, locations))
            if len(placed) > 1:
                self.report(sid, "branch", "several_locations",
                            ", ".join(m2o(q.get("location_id"))[1] or "?" for q in placed))
            quant = placed[0] if placed else {}
            location = locations.get(m2o(quant.get("location_id"))[0] or 0, {})
            status = _vehicle_status(quant, location, order)
            branch = m2o(location.get("warehouse_id"))[1] or m2o(order.get("warehouse_id"))[1]
            stamps = [s for s in (self.cell(sid, "updated_at", stamp, r.get("write_date")),
                                  *(stamp(q.get("write_date")) for q in placed)) if s]
            out.append({
                "source_id": sid, "vin": normalize_vin(as_text(r.get("name"))), "make": make,
                "model": model, "model_year": year, "color": color, "status": status,
                "branch": branch,
                "price": self.cell(sid, "price", money, product.get("lst_price")),
                "customer_doc": docs.get(m2o(order.get("partner_id"))[0] or 0),
                "deal_id": None,
                "delivered_on": (self.cell(sid, "delivered_on", local_day, quant.get("in_date"))
                                 if status == "delivered" else None),
                "updated_at": max(stamps) if stamps else None,
                # A unit on the lot has been in stock since its quant came into the location.
                "received_on": (self.cell(sid, "received_on", local_day, quant.get("in_date"))
                                if location.get("usage") == "internal" else None),
            })
        return out

    def _deals(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stages = self.records("crm.stage", [i for r in records if (i := m2o(r.get("stage_id"))[0])
                                            is not None], ["name", "is_won"])
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            out.append({
                "source_id": sid, "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "stage": self._stage(sid, r, stages), "vin": None,
                "amount": self.cell(sid, "amount", money, r.get("expected_revenue")),
                "lead_source": m2o(r.get("source_id"))[1],
                "closed_on": self.cell(sid, "closed_on", local_day, r.get("date_closed")),
                "branch": m2o(r.get("team_id"))[1],
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
                "created_on": self.cell(sid, "created_on", local_day, r.get("create_date")),
            })
        return out

    def _invoices(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            state = as_text(r.get("state"))
            cufe = next((c for f in _CUFE_FIELDS if (c := as_text(r.get(f)))), None)
            out.append({
                "source_id": sid, "invoice_number": normalize_invoice(as_text(r.get("name"))),
                "cufe": cufe, "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "vin": None, "branch": m2o(r.get("team_id"))[1],
                "issued_on": self.cell(sid, "issued_on", day, r.get("invoice_date")),
                "total": self.cell(sid, "total", money, r.get("amount_total")),
                "status": _INVOICE_STATUS.get(state or "", state),
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
            })
        return out

    def _stage(self, sid: str, r: dict[str, Any], stages: Mapping[int, dict[str, Any]]) -> str | None:
        """Won and lost first (Odoo 18's ``won_status``, else is_won / archived at 0 %)."""
        won_status = as_text(r.get("won_status"))
        if won_status in ("won", "lost"):
            return "sold" if won_status == "won" else "lost"
        stage_id, stage_name = m2o(r.get("stage_id"))
        stage = stages.get(stage_id or 0, {})
        probability = float(r.get("probability") or 0)
        if stage.get("is_won") or (probability >= 100 and r.get("active", True)):
            return "sold"
        if r.get("active") is False and probability <= 0:
            return "lost"
        name = stage_name or as_text(stage.get("name"))
        if name is None:
            return "lead"
        code = _STAGES.get(fold(name))
        if code is None:
            try:
                code = cells.coded(cells.DEAL_STAGE)(name)
            except ValueError:
                self.report(sid, "stage", "unknown_stage", name)
        return code


def _make_model(product: Mapping[str, Any], shown: str | None) -> tuple[str | None, str | None]:
    """Make and line: the product's category names the make ("Vehículos / TOYOTA"), the product
    the line ("TOYOTA HILUX" → HILUX)."""
    name = as_text(product.get("name")) or shown
    _cid, category = m2o(product.get("categ_id"))
    leaf = category.rsplit("/", 1)[-1].strip() if category and "/" in category else None
    if name is None:
        return leaf, None
    if leaf and fold(name).startswith(fold(leaf) + " "):
        return leaf, name[len(leaf):].strip() or None
    return leaf, name


def _variant(product: Mapping[str, Any], values: Mapping[int, dict[str, Any]]
             ) -> tuple[str | None, str | None]:
    """Model year and colour from the variant's attribute values ("Año: 2025", "Color: Rojo")."""
    year = color = None
    for vid in ids_of(product.get("product_template_variant_value_ids")):
        value = values.get(vid, {})
        attribute = fold(m2o(value.get("attribute_id"))[1] or "")
        text = as_text(value.get("name"))
        if attribute in _YEAR_ATTRIBUTES and text and text.isdigit() and len(text) == 4:
            year = text
        elif attribute == "color":
            color = text
    return year, color


def _place_rank(quant: Mapping[str, Any], locations: Mapping[int, dict[str, Any]]) -> int:
    usage = locations.get(m2o(quant.get("location_id"))[0] or 0, {}).get("usage")
    return {"internal": 0, "transit": 1, "customer": 2}.get(str(usage), 3)


def _vehicle_status(quant: Mapping[str, Any], location: Mapping[str, Any],
                    order: Mapping[str, Any]) -> str | None:
    """Where the unit is says most; an invoiced sale order makes a unit on the lot sold."""
    if not quant:
        return None
    usage = location.get("usage")
    if usage == "customer":
        return "delivered"
    if usage == "transit":
        return "in_transit"
    if usage != "internal":
        return None
    place = fold(f"{as_text(location.get('complete_name')) or ''} {as_text(location.get('name')) or ''}")
    if any(word in place for word in _DEMO_WORDS):
        return "demo"
    if order.get("invoice_status") == "invoiced":
        return "sold"
    if float(quant.get("reserved_quantity") or 0) > 0 or order:
        return "reserved"
    return "available"


__all__ = ["OdooConnector", "Session"]
