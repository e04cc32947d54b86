"""Odoo, the ERP many Colombian dealerships run, through its external API.

Odoo ≤ 18 speaks XML-RPC (``/xmlrpc/2``), Odoo 19+ JSON-2 (``/json/2/<model>/<method>`` with a
bearer API key); ``protocol="auto"`` asks the server's version and picks (``rpc``). Odoo's
schema is known, so the mapping to the canonical schema is fixed here:

- customers ← ``res.partner``: every person and company with a document (``vat`` set), as
  the dealership holds them — contacts created in Contacts or imported have
  ``customer_rank = 0`` and are customers all the same. Left out: the companies' own
  partners (the dealership itself), pure suppliers (``supplier_rank > 0`` and never a
  customer), and the contacts and addresses *of* a company (``parent_id`` set on a partner
  that is not a company: an employee, an invoice or delivery address). Those carry the
  company's ``vat`` (Odoo copies a company's document to them), so reading them would show
  each company several times under one NIT; they are the company's, and documents, invoices
  and payments resolve to the company's document anyway. Archived partners only with
  ``include_archived``; the profile's ``domains`` narrow it further (``[["customer_rank",
  ">", 0]]`` gives the old reading). ``vat`` is split into number and DV for a NIT; the
  ``l10n_latam_identification_type_id`` gives CC/NIT/CE/PA/DE/NIT_EXT… (the generic «VAT»
  type of a foreign partner is a foreign NIT); passports and foreign documents keep their
  letters (``values``); the name is split into given names and surnames (or the
  company's name), mobile before phone, the city's DANE code from
  ``res.city.l10n_co_edi_code`` or, for a typed city, from DIVIPOLA by name;
- payments ← ``account.payment`` (customer receipts) with the reconciled invoice's number,
  CUFE and sales team (the branch);
- vehicles ← ``stock.lot`` (the VIN is the serial's ``name``), where the unit is and for whom
  it is reserved, sold or delivered, with the order (``stock``);
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

Every ORM method is called with positional arguments, as Odoo's own code calls it
(``rpc``). Writes (``apply``) are compare-and-set on values, then read back
(``write``); a refusal that sending again cannot change comes back ``permanent``. Odoo's
values become canonical ones by the rules in ``values``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any
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
    in_spanish,
)
from app.connectors.files.headers import EXTRA_COLUMNS, columns_of, kind_name
from app.connectors.http import NetworkError, RetryPolicy
from app.connectors.odoo import create
from app.connectors.odoo.operation import MODELS, Rpc
from app.connectors.odoo.rpc import (
    Json2Client,
    OdooFault,
    XmlRpcClient,
    major_version,
    web_version,
)
from app.connectors.odoo.session import Session
from app.connectors.odoo.write import Writer, refusal
from app.connectors.values import comparable
from app.domain.i18n import tr_app
from app.domain.schema import COLUMNS, Entity, System
from app.progress import CancelToken, Progress, Task, run

log = logging.getLogger(__name__)

PROTOCOLS = ("auto", "xmlrpc", "json2")
_PROTOCOL_NAMES = {"xmlrpc": "XML-RPC", "json2": "JSON-2"}

#: The module a model comes with, for a message when it is missing.
_MODULES = {"res.partner": "contacts", "account.payment": "account (Facturación)",
            "account.move": "account (Facturación)", "stock.lot": "stock (Inventario)",
            "crm.lead": "crm"}


def _read() -> str:
    """The kinds of data Cuadre reads from Odoo, for a refusal («clientes, pagos … ni
    facturas»), in the language spoken."""
    kinds = [kind_name(e) for e in MODELS]
    return tr_app("app.connectors", "{kinds} ni {last}").format(kinds=", ".join(kinds[:-1]),
                                                                 last=kinds[-1])


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
            raise SourceError(tr_app("app.connectors", "La dirección de Odoo debe ser "
                                                       "http(s)://servidor[:puerto]."))
        self.base_url = base_url.rstrip("/")
        self.host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.database = database
        self.login = login
        self._secret = secret
        self.system = System(system)
        protocol = str(options.get("protocol") or "auto").lower().replace("-", "")
        if protocol not in PROTOCOLS:
            raise SourceError(tr_app("app.connectors", "El protocolo de Odoo debe ser «auto», «xmlrpc» o "
                                                       "«json2»."))
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
        via = _PROTOCOL_NAMES.get(self._protocol or "") or tr_app("app.connectors",
                                                                 "XML-RPC o JSON-2")
        if self.company_ids:
            return tr_app("app.connectors",
                          "Odoo {host} (base {database}, {via}, compañías {companies})").format(
                host=self.host, database=self.database, via=via,
                companies=", ".join(map(str, self.company_ids)))
        return tr_app("app.connectors", "Odoo {host} (base {database}, {via})").format(
            host=self.host, database=self.database, via=via)

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
            total = int(s.call(s.model, "search_count", domain))
            yield Progress(step, 0, total)
            last = 0
            while True:
                if cancel is not None:
                    cancel.check()
                page = s.call(s.model, "search_read", [*domain, ("id", ">", last)], s.fields(),
                              limit=self.page_size, order="id")
                if not page:
                    break
                rows.extend(s.rows(page))
                last = int(page[-1]["id"])
                yield Progress(step, len(rows), max(total, len(rows)))
                if len(page) < self.page_size:
                    break
        self._issues = [i for i in self._issues if i.entity != entity] + issues
        return _frame(entity, rows)

    # -- what changed (an incremental run) ---------------------------------------------------

    def why_not_incremental(self, entity: Entity | str) -> str | None:
        """Customers (``res.partner``, read from their own fields) by ``write_date``; the
        others take values from other models (a payment's or a unit's customer document is
        its partner's), whose changes their own ``write_date`` does not show."""
        if Entity(entity) is Entity.CUSTOMERS:
            return None
        return tr_app("app.connectors", "en Odoo, {kind} toman datos de otros modelos (el "
                      "cliente, la factura): se leen enteros").format(kind=kind_name(Entity(entity)))

    def version(self, entity: Entity | str) -> str | None:
        return None

    def list_ids(self, entity: Entity | str) -> list[str]:
        """Every id a pull of ``entity`` reads (``search`` on its domain), in id order."""
        with self._session(Entity(entity), []) as s:
            return [str(i) for i in s.call(s.model, "search", s.domain(None), order="id")]

    def count(self, entity: Entity | str) -> int:
        """How many records a pull of ``entity`` would read."""
        with self._session(Entity(entity), []) as s:
            return int(s.call(s.model, "search_count", s.domain(None)))

    @in_spanish
    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        entity = Entity(entity)
        doc = creations.key_document(source_id) if entity is Entity.CUSTOMERS else None
        rid = _record_id(source_id)
        if rid is None and doc is None:
            return None
        with self._session(entity, []) as s:
            if rid is None:  # a customer Cuadre created, named by its document
                rid = _partner_of(s, source_id)
            return s.one(rid)[1] if rid is not None else None

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        """One compare-and-set write; never raises for what an Outcome can say. A creation
        (a CRM follow-up) is refused at once: Cuadre never creates records in Odoo. Whatever
        is *rejected* (by Odoo or before reaching it) is ``permanent``: the same correction
        would be refused again."""
        created = self._create(correction)
        if created is not None:
            return created
        cannot = creations.refused(correction, "Odoo")
        if cannot is not None:
            return replace(cannot, permanent=True)
        entity = Entity(correction.entity)
        rid = _record_id(correction.source_id)
        if rid is None:
            return Outcome(OutcomeStatus.REJECTED, "not_found",
                           "El identificador no es el de un registro de Odoo.", permanent=True)
        try:
            with self._session(entity, []) as s:
                outcome = Writer(s, rid, correction).apply()
        except AuthError as exc:  # a refused key stays refused until someone changes it
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except NetworkError as exc:  # before anything was written: reading the record failed
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except OdooFault as fault:  # reading it: Odoo's refusal (a record rule…), as for a write
            outcome = refusal(fault)
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))
        if outcome.status is OutcomeStatus.REJECTED and not outcome.permanent:
            return replace(outcome, permanent=True)
        return outcome

    def _create(self, c: Correction) -> Outcome | None:
        """A customer's creation (or its undo: archived), or a vehicle's reservation (or its
        undo: the order cancelled), as :mod:`app.connectors.odoo.create` does them, then read
        back; None for any other correction."""
        entity = Entity(c.entity)
        named = entity is Entity.CUSTOMERS and creations.key_document(c.source_id) is not None
        reserving, releasing = creations.reserves(c), creations.releases(c)
        if not (named or reserving or releasing):
            return None
        workshop = False
        try:
            with self._session(entity, []) as s:
                outcome = self._created(s, c, reserving, releasing)
                workshop = bool(reserving) and outcome is None and create.has_workshop(s)
            if outcome is not None:
                return replace(outcome, permanent=True) \
                    if outcome.status is OutcomeStatus.REJECTED else outcome
            after = self.read(entity, c.source_id)
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except NetworkError as exc:
            if exc.maybe_sent:
                return Outcome(OutcomeStatus.UNKNOWN, "timeout", str(exc) + " Lea el registro "
                               "antes de reenviar.")
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except OdooFault as fault:
            if fault.kind == "none_result":
                return Outcome(OutcomeStatus.UNKNOWN, "none_result", str(fault))
            return refusal(fault)
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))
        wanted = {k: v for k, v in c.changes.items() if k != "is_customer"}
        if after is not None and all(comparable(k, after.get(k)) == comparable(k, v)
                                     or k in ("first_names", "last_names")
                                     for k, v in wanted.items()):
            done = ("reserve_workshop" if workshop else "reserve") if reserving else \
                "release" if releasing else "customer"
            return Outcome(OutcomeStatus.APPLIED, "", _DONE[done], after)
        return Outcome(OutcomeStatus.CONFLICT, "read_back_differs",
                       "Odoo aceptó el cambio pero el registro no quedó como se esperaba: "
                       "revíselo en Odoo.", after)

    def _created(self, s: Session, c: Correction, reserving: str | None,
                 releasing: str | None) -> Outcome | None:
        if reserving or releasing:
            rid = _record_id(c.source_id)
            if rid is None:
                return Outcome(OutcomeStatus.REJECTED, "not_found",
                               "El identificador no es el de un lote de Odoo.")
            if reserving:
                return create.reserve(s, rid, c, reserving)
            assert releasing is not None
            return create.release(s, rid, c, releasing)
        pid = _partner_of(s, c.source_id)
        if dict(c.changes) == {"is_customer": False}:
            if pid is None:
                return Outcome(OutcomeStatus.APPLIED, "already_applied",
                               "Odoo ya no lista a este cliente.", {"is_customer": False})
            create.archive_partner(s, pid)
            return Outcome(OutcomeStatus.APPLIED, "", "Contacto archivado en Odoo.",
                           {**(s.one(pid)[1] or {}), "is_customer": False})
        if pid is not None:
            current = s.one(pid)[1] or {}
            if all(comparable(k, current.get(k)) == comparable(k, v)
                   for k, v in c.changes.items() if k not in ("first_names", "last_names")):
                return Outcome(OutcomeStatus.APPLIED, "already_applied",
                               "Odoo ya tenía este cliente: no se creó otro.", current)
            return Outcome(OutcomeStatus.CONFLICT, "already_exists",
                           "Odoo ya tiene un cliente con ese documento y otros datos: no se "
                           "creó otro.", current)
        return create.create_partner(s, c)

    # --- connection ----------------------------------------------------------------------------

    def where(self) -> str:
        return f"{self.host}/{self.database}"

    @contextmanager
    def _session(self, entity: Entity, issues: list[SourceIssue],
                 cancel: CancelToken | None = None) -> Iterator[Session]:
        if entity not in MODELS:  # said before any connection: the insights go without it
            raise SourceError(tr_app("app.connectors", "Cuadre no lee {kind} de Odoo.").format(
                                  kind=kind_name(entity)))
        rpc = self._connect(cancel)
        try:
            yield Session(self, rpc, entity, issues)
        finally:
            rpc.close()

    def _connect(self, cancel: CancelToken | None) -> Rpc:
        """A client for one operation (its own connection), authenticated."""
        if not self._secret:
            raise AuthError(tr_app("app.connectors", "No hay clave guardada para Odoo {where}: guárdela "
                                                     "con «cuadre credentials set "
                                                     "odoo://USUARIO@SERVIDOR/BASE».").format(
                                where=self.where()))
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
                raise SourceError(tr_app("app.connectors", "No se reconoce un servidor Odoo en {host}: "
                                                           "no responde ni XML-RPC ni /web/version.").format(
                                      host=self.host)) from exc
        log.info("Odoo %s: versión %s", self.host, major)
        return "json2" if major is not None and major >= 19 else "xmlrpc"

    def fields_of(self, rpc: Rpc, model: str) -> dict[str, dict[str, Any]]:
        with self._lock:
            known = self._fields.get(model)
        if known is None:
            try:
                known = rpc.call(model, "fields_get", [], {"attributes": ["type", "relation"]},
                                 context=self.context())
            except OdooFault as exc:
                if exc.kind in ("server", "missing", "bad_request"):
                    module = _MODULES.get(model, "")
                    raise SourceError(tr_app("app.connectors", "Odoo ({where}) no tiene el modelo "
                                                               "«{model}»").format(
                                          where=self.where(), model=model)
                                      + (tr_app("app.connectors", ": ¿está instalado el módulo "
                                                                  "{module}?").format(
                                             module=module) if module else ".")
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
        raise SourceError(tr_app("app.connectors", "«company_ids» debe ser una lista de números de "
                                                   "compañía de Odoo.")) from None
    if any(i <= 0 for i in ids):
        raise SourceError(tr_app("app.connectors", "«company_ids» debe ser una lista de números de "
                                                   "compañía de Odoo."))
    return ids


def _domains(value: Any) -> dict[Entity, list[Any]]:
    """``{entity: [leaf, …]}``: extra Odoo domain leaves (and ``"|"``/``"&"``) per entity."""
    out: dict[Entity, list[Any]] = {}
    for key, leaves in dict(value or {}).items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(tr_app("app.connectors", "Los dominios de Odoo nombran «{key}», que no es "
                                                       "{read}.").format(key=key, read=_read())) from None
        if not isinstance(leaves, list | tuple):
            raise SourceError(tr_app("app.connectors", "Un dominio de Odoo es una lista: [[\"campo\", "
                                                       "\"=\", valor], …]."))
        out[entity] = [tuple(leaf) if isinstance(leaf, list) else leaf for leaf in leaves]
    return out


def _mapping(mapping: Mapping[str, Any] | None) -> dict[Entity, dict[str, str]]:
    """``{entity: {canonical column: Odoo field}}`` (a list of fields takes its first)."""
    out: dict[Entity, dict[str, str]] = {}
    for key, fields in dict(mapping or {}).items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(tr_app("app.connectors", "El mapeo de Odoo nombra «{key}», que no es "
                                                       "{read}.").format(key=key, read=_read())) from None
        if not isinstance(fields, Mapping):
            raise SourceError(tr_app("app.connectors", "El mapeo de Odoo es {{entidad: {{columna: campo "
                                                       "de Odoo}}}}."))
        known = columns_of(entity)
        own: dict[str, str] = {}
        for column, field in fields.items():
            if column not in known:
                raise SourceError(tr_app("app.connectors", "El mapeo de Odoo nombra la columna "
                                                           "«{column}», que no existe en {value}.").format(
                                      column=column, value=entity.value))
            name = field[0] if isinstance(field, list | tuple) and field else field
            if not isinstance(name, str) or not name:
                raise SourceError(tr_app("app.connectors", "El mapeo de Odoo no dice qué campo lee "
                                                           "«{column}».").format(column=column))
            own[column] = name
        out[entity] = own
    return out


#: What an applied creation says.
_DONE = {
    "reserve": "Pedido registrado y confirmado en Odoo: su entrega reserva el lote del VIN. "
               "Odoo sin módulo de taller: sin orden de alistamiento.",
    "reserve_workshop": "Pedido registrado y confirmado en Odoo: su entrega reserva el lote del "
                        "VIN, y su orden de alistamiento quedó en Reparaciones.",
    "release": "Pedido de Cuadre cancelado en Odoo, con su orden de alistamiento si la tenía: el "
               "lote queda libre.",
    "customer": "Cliente creado en Odoo.",
}


def _partner_of(s: Session, source_id: str) -> int | None:
    """The partner a customer's document key names (None when Odoo has no single one)."""
    doc = creations.key_document(source_id)
    if doc is None:
        return _record_id(source_id)
    return Writer(s, 0, Correction(Entity.CUSTOMERS, source_id, {}))._partner_by_doc(doc)


def _record_id(source_id: Any) -> int | None:
    text = str(source_id).strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _frame(entity: Entity, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(COLUMNS[entity] + EXTRA_COLUMNS.get(entity, ()))
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=columns)


__all__ = ["OdooConnector"]
