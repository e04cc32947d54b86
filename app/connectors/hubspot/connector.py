"""HubSpot, the CRM many dealerships pick, through its CRM v3 API.

The source is ``hubspot://PORTAL`` (the account's Hub ID; ``…@HOST:PORT`` for another API host,
such as the sandbox's emulator); the private app's token lives in the OS keyring. What is read,
as HubSpot's reference documents it:

- customers ← ``contacts``; deals ← ``deals``; vehicles ← the custom object the profile names
  (``objects: {"vehicles": "vehiculos"}``, the default when the portal has it), else the deals
  that carry a VIN (a deal property); payments ← a custom object too (``pagos`` by default).
  Custom objects are found by name in ``GET /crm/v3/schemas``
  (https://developers.hubspot.com/docs/api/crm/crm-custom-objects).
- A whole pull lists ``GET /crm/v3/objects/{type}`` 100 at a time with the ``after`` cursor
  (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic). An incremental
  pull (``since``) searches ``POST /crm/v3/objects/{type}/search`` on ``hs_lastmodifieddate``
  ≥ since, sorted ascending, 200 a page with ``after``; the search stops at 10,000 results, so
  a window holding more is split in halves by date until each fits
  (https://developers.hubspot.com/docs/api/crm/search, Limitations).
- Reads for the write side use ``POST …/batch/read`` and writes ``POST …/batch/update``, at
  most 100 inputs per call (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch).
  HubSpot has no ETag: a correction is a compare-and-set done here — the record is read, its
  values compared with those read at approval, then updated and read back.
- Merges go through ``POST /crm/v3/objects/contacts/merge`` (``primaryObjectId``,
  ``objectIdToMerge``), which HubSpot cannot undo
  (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge):
  Cuadre keeps the pre-image (the request's snapshot, stored with the approval), never retries
  a merge, and refuses an undo (it would have to be rebuilt by hand from that pre-image).
- Consent (Ley 1581) is read from the contact's legal basis ``hs_legal_basis`` with the
  authorisation's date and channel from the properties the profile maps (``values``).

Rate limits and errors are the wire's (``wire``). Options: ``objects`` ({entity: object}),
``deal_stages`` ({HubSpot stage id: canonical stage}), ``vehicle_statuses`` ({value: canonical
status}), ``consent_values`` (legal-basis values that record consent),
``consent_date_from_history`` (date an undated consent by its legal basis's history,
https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch), ``requests_per_10s``
(100), ``timeout`` (30 s), ``attempts`` (5).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from app.connectors import creations
from app.connectors.base import (
    AuthError,
    Correction,
    MergeRequest,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
    in_spanish,
)
from app.connectors.files.headers import kind_name
from app.connectors.http import (
    AuthStatusError,
    NetworkError,
    RetryPolicy,
    StatusError,
    refused_for_good,
)
from app.connectors.hubspot import DESCRIBED
from app.connectors.hubspot import values as hv
from app.connectors.hubspot.merge import merge_contacts
from app.connectors.hubspot.wire import API, HubSpotRefusal, Wire
from app.connectors.values import comparable
from app.domain.i18n import tr_app
from app.domain.schema import COLUMNS, Entity, System
from app.domain.values import in_bogota
from app.progress import CancelToken, Progress, Task, run

log = logging.getLogger(__name__)

LIST_PAGE = 100
SEARCH_PAGE = 200
SEARCH_CAP = 10_000
BATCH = 100
HISTORY_BATCH = 50
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_OBJECTS = {Entity.CUSTOMERS: "contacts", Entity.DEALS: "deals", Entity.VEHICLES: "vehiculos",
            Entity.PAYMENTS: "pagos"}


def api_base(location: str) -> tuple[str, str]:
    """(portal, API base URL) of a canonical ``hubspot://`` source."""
    parts = urlsplit(location)
    if parts.username is None:
        return str(parts.hostname), API
    host = str(parts.hostname) + (f":{parts.port}" if parts.port else "")
    scheme = "http" if parts.hostname in _LOOPBACK else "https"  # TLS off only on loopback
    return parts.username, f"{scheme}://{host}"


class HubSpotConnector:
    """One HubSpot portal (``secret``: the private app's access token)."""

    def __init__(self, location: str, secret: str | None, *, system: System = System.CRM,
                 mapping: Mapping[str, Any] | None = None, **options: Any) -> None:
        self.portal, self.base_url = api_base(location)
        self.location = location
        self.system = System(system)
        self._secret = secret
        self._issues: list[SourceIssue] = []
        self._types: dict[str, str] | None = None
        self.objects = {Entity(k): str(v) for k, v in dict(options.get("objects") or {}).items()}
        self.stages = {**hv.DEAL_STAGES, **dict(options.get("deal_stages") or {})}
        self.statuses = {**{s: s for s in hv.VEHICLE_STATUSES},
                         **dict(options.get("vehicle_statuses") or {})}
        self.consent = tuple(str(v).casefold() for v in options.get("consent_values") or
                             (hv.CONSENT_LABEL, "CONSENT_WITH_NOTICE"))
        self.fields = {e: {**f, **_own(mapping, e)} for e, f in hv.DEFAULTS.items()}
        #: A consent without a date takes the day its legal basis was recorded in HubSpot
        #: (``propertiesWithHistory``): opt-in, since that is when someone typed it in.
        self.history_dates = bool(options.get("consent_date_from_history"))
        self.timeout = float(options.get("timeout") or 30)
        self.burst = int(options.get("requests_per_10s") or 100)
        self.policy = RetryPolicy(attempts=int(options.get("attempts") or 5))
        self._wire: Wire | None = None

    # --- connection ----------------------------------------------------------------------

    def describe(self) -> str:
        return f"{DESCRIBED} (portal {self.portal})"

    def wire(self) -> Wire:
        """The portal's wire, opened (and the token's portal checked) on first use; a pull
        sets its cancel token on it for the pull's length."""
        if not self._secret:
            raise AuthError(tr_app("app.connectors", "No hay token guardado para HubSpot (portal "
                                   "{portal}): guárdelo con «cuadre credentials set {source}».")
                            .format(portal=self.portal, source=self.location))
        if self._wire is None:
            self._wire = Wire(self.base_url, self._secret, timeout=self.timeout,
                              policy=self.policy, burst=self.burst)
            try:
                self.check_portal()
            except BaseException:
                self.close()
                raise
        return self._wire

    def close(self) -> None:
        if self._wire is not None:
            self._wire.close()
            self._wire = None

    def check_portal(self) -> int | None:
        """The portal the token belongs to (``GET /account-info/v3/details``,
        https://developers.hubspot.com/docs/api-reference/account-account-info-v3); a token of
        another portal is refused: it would read another dealership's CRM. None when the
        token may not ask (403: the check is skipped, the CRM scopes are what matter)."""
        wire = self._wire if self._wire is not None else self.wire()
        try:
            details = wire.call("GET", "/account-info/v3/details").json()
        except AuthStatusError as exc:
            if exc.status == 403:
                log.info("HubSpot: the token may not read the account's details")
                return None
            raise
        portal = int(details.get("portalId") or 0) if isinstance(details, dict) else 0
        if str(portal) != self.portal:
            raise AuthError(tr_app("app.connectors", "El token guardado es de otro portal de "
                                   "HubSpot, no del {portal}.").format(portal=self.portal))
        return portal

    def object_type(self, entity: Entity) -> tuple[str, bool]:
        """(the object type to read ``entity`` from, whether vehicles are read from deals)."""
        if entity not in _OBJECTS:
            raise SourceError(tr_app("app.connectors", "Cuadre no lee {kind} de HubSpot.").format(
                kind=kind_name(entity)))
        wanted = self.objects.get(entity, _OBJECTS[entity])
        if wanted in ("contacts", "deals", "0-1", "0-3"):
            return wanted, entity is Entity.VEHICLES
        found = self._custom().get(wanted.casefold())
        if found is not None:
            return found, False
        if entity is Entity.VEHICLES and entity not in self.objects:
            return "deals", True
        raise SourceError(tr_app("app.connectors", "HubSpot (portal {portal}) no tiene el objeto "
                                 "«{name}» para {kind}: nombre en el perfil el objeto "
                                 "personalizado que los guarda.").format(
            portal=self.portal, name=wanted, kind=kind_name(entity)))

    def _custom(self) -> dict[str, str]:
        """Custom objects by name, fully qualified name and id (``GET /crm/v3/schemas``)."""
        if self._types is None:
            schemas = self.wire().call("GET", "/crm/v3/schemas").json()
            types: dict[str, str] = {}
            for s in (schemas.get("results") or []) if isinstance(schemas, dict) else []:
                type_id = str(s.get("objectTypeId") or "")
                for key in (s.get("name"), s.get("fullyQualifiedName"), type_id):
                    if key:
                        types[str(key).casefold()] = type_id
            self._types = types
        return self._types

    def deal_vehicle(self) -> dict[str, str]:
        """Where a vehicle kept as a deal is read from: the deal's mapped properties (the VIN's
        property above all: ``{"deals": {"vin": "…"}}`` in the profile)."""
        deal = self.fields[Entity.DEALS]
        return {**hv.VEHICLE_DEALS, "vin": deal["vin"], "branch": deal["branch"],
                "customer_doc": deal["customer_doc"], "price": deal["amount"],
                "status": deal["stage"]}

    def properties(self, entity: Entity, as_deal: bool = False) -> list[str]:
        fields = self.deal_vehicle() if as_deal else self.fields[entity]
        extra = ["phone"] if entity is Entity.CUSTOMERS else []
        return sorted({*fields.values(), *extra, "hs_object_id"})

    # --- reading -------------------------------------------------------------------------

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def pull_task(self, entity: Entity, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        entity = Entity(entity)
        wire = self.wire()
        wire.cancel = cancel
        try:
            kind, as_deal = self.object_type(entity)
            props = self.properties(entity, as_deal)
            rows: list[dict[str, Any]] = []
            pages = self._search(wire, kind, props, since) if since is not None else \
                self._list(wire, kind, props)
            step = f"pull_{entity.value}"
            yield Progress(step, 0, 0, "")
            for page in pages:
                rows += [r for r in (self.canonical(entity, o, as_deal) for o in page) if r]
                yield Progress(step, len(rows), 0, f"{len(rows)} registros")
            if entity is Entity.CUSTOMERS and self.history_dates:
                self._consent_dates(wire, rows)
        except HubSpotRefusal as exc:
            raise SourceError(str(exc)) from None
        finally:
            wire.cancel = None
        return _frame(entity, rows)

    def _list(self, wire: Wire, kind: str, props: list[str]) -> Any:
        after: str | None = None
        while True:
            params = {"limit": LIST_PAGE, "properties": ",".join(props), "archived": "false",
                      "after": after}
            answer = wire.call("GET", f"/crm/v3/objects/{kind}", params=params).json()
            yield answer.get("results") or []
            after = ((answer.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return

    def _search(self, wire: Wire, kind: str, props: list[str], since: Any) -> Any:
        """Search windows [start, end) on ``hs_lastmodifieddate`` (the last one open-ended:
        a record may carry a later stamp than this clock), each under 10,000 results."""
        windows: list[tuple[datetime, datetime | None]] = [(_as_utc(since), None)]
        while windows:
            low, high = windows.pop(0)
            after = 0
            while True:
                answer = wire.call("POST", f"/crm/v3/objects/{kind}/search", safe=True,
                                   body=_query(props, low, high, after)).json()
                if after == 0 and int(answer.get("total") or 0) > SEARCH_CAP:
                    windows[:0] = _halves(low, high)
                    break
                yield answer.get("results") or []
                nxt = ((answer.get("paging") or {}).get("next") or {}).get("after")
                if not nxt or int(nxt) + SEARCH_PAGE > SEARCH_CAP:
                    break
                after = int(nxt)

    def canonical(self, entity: Entity, obj: Mapping[str, Any],
                  as_deal: bool = False) -> dict[str, Any] | None:
        """One HubSpot object as a canonical row (None: not a row of ``entity``); a value that
        cannot be read becomes an issue and the row keeps the others."""
        p, sid = obj.get("properties") or {}, str(obj.get("id"))
        try:
            if entity is Entity.CUSTOMERS:
                row = hv.customer(p, self.fields[entity], self.consent)
            elif entity is Entity.DEALS:
                row = hv.deal(p, self.fields[entity], self.stages)
            elif entity is Entity.VEHICLES:
                fields = self.deal_vehicle() if as_deal else self.fields[entity]
                if as_deal and (not p.get(fields["vin"]) or
                                self.stages.get(str(p.get(fields["status"]))) == "lost"):
                    return None  # no unit, or a lost deal: it says nothing of the unit
                row = hv.vehicle(p, fields, self.statuses, sid, as_deal)
            else:
                row = hv.payment(p, self.fields[entity])
        except (ValueError, ArithmeticError):
            self._issues.append(SourceIssue(self.system, entity, sid, None, "unreadable_value"))
            return {"source_id": sid}
        return {"source_id": sid, **row}

    def _consent_dates(self, wire: Wire, rows: list[dict[str, Any]]) -> None:
        """Date the consents that carry none from the legal basis's history (``batch/read``
        with ``propertiesWithHistory``, 50 a call): the day the unbroken run of consenting
        values up to now began, in Bogotá."""
        prop = self.fields[Entity.CUSTOMERS]["habeas_data_consent"]
        by_id = {r["source_id"]: r for r in rows
                 if r.get("habeas_data_consent") and r.get("consent_date") is None}
        ids = list(by_id)
        for start in range(0, len(ids), HISTORY_BATCH):
            answer = wire.call("POST", "/crm/v3/objects/contacts/batch/read", safe=True, body={
                "properties": [prop], "propertiesWithHistory": [prop],
                "inputs": [{"id": i} for i in ids[start:start + HISTORY_BATCH]]}).json()
            for obj in answer.get("results") or []:
                since = None
                for entry in (obj.get("propertiesWithHistory") or {}).get(prop) or []:
                    if not hv.consents(entry.get("value"), self.consent):
                        break
                    since = hv.moment(entry.get("timestamp")) or since
                row = by_id.get(str(obj.get("id")))
                if row is not None and since is not None:
                    row["consent_date"] = in_bogota(since).date()

    def count(self, entity: Entity) -> int:
        """How many records ``entity`` has (a search's ``total``, one record asked)."""
        kind, as_deal = self.object_type(Entity(entity))
        body: dict[str, Any] = {"limit": 1, "properties": ["hs_object_id"]}
        if as_deal:
            body["filterGroups"] = [{"filters": [{"propertyName": self.deal_vehicle()["vin"],
                                                  "operator": "HAS_PROPERTY"}]}]
        answer = self.wire().call("POST", f"/crm/v3/objects/{kind}/search", body=body,
                                  safe=True).json()
        return int(answer.get("total") or 0)

    def read_many(self, entity: Entity, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Records by id, ``batch/read`` 100 at a time; a merged-away id is absent (HubSpot
        answers it with the record it went into)."""
        kind, as_deal = self.object_type(entity)
        out: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            answer = self.wire().call("POST", f"/crm/v3/objects/{kind}/batch/read", safe=True, body={
                "properties": self.properties(entity, as_deal),
                "inputs": [{"id": i} for i in chunk]}).json()
            for obj in answer.get("results") or []:
                row = self.canonical(entity, obj, as_deal)
                if row is not None and str(obj.get("id")) in chunk:
                    out[str(obj.get("id"))] = row
        return out

    @in_spanish
    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        try:
            return self.read_many(Entity(entity), [str(source_id)]).get(str(source_id))
        except HubSpotRefusal as exc:
            raise SourceError(str(exc)) from None

    # --- writing -------------------------------------------------------------------------

    def update_many(self, entity: Entity, changes: Mapping[str, Mapping[str, str]]) -> set[str]:
        """``batch/update`` 100 at a time: {id: properties}; the ids HubSpot updated."""
        kind, _ = self.object_type(entity)
        done: set[str] = set()
        items = list(changes.items())
        for start in range(0, len(items), BATCH):
            answer = self.wire().call("POST", f"/crm/v3/objects/{kind}/batch/update", safe=False,
                                      body={"inputs": [{"id": i, "properties": dict(p)}
                                                       for i, p in items[start:start + BATCH]]})
            done |= {str(o.get("id")) for o in answer.json().get("results") or []}
        return done

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        """One compare-and-set: read, compare with what was approved, update, read back."""
        cannot = creations.refused(correction, "HubSpot")
        if cannot is not None:
            return Outcome(cannot.status, cannot.reason, cannot.detail, permanent=True)
        entity, sid = Entity(correction.entity), str(correction.source_id)
        try:
            current = self.read_many(entity, [sid]).get(sid)
            if current is None:
                return Outcome(OutcomeStatus.REJECTED, "not_found", "HubSpot no tiene ese "
                               "registro (¿se fusionó o se borró?).", permanent=True)
            if _holds(current, correction.changes):
                return Outcome(OutcomeStatus.APPLIED, "already_applied", "HubSpot ya tenía "
                               "estos valores.", current)
            if not _holds(current, correction.expected):
                return Outcome(OutcomeStatus.CONFLICT, "changed", "El registro cambió en HubSpot "
                               "desde la aprobación.", current)
            try:
                props = hv.written(entity, correction.changes, self.fields[entity], current)
            except ValueError as exc:
                return Outcome(OutcomeStatus.REJECTED, "read_only", f"Cuadre no escribe «{exc}» "
                               "en HubSpot.", permanent=True)
            self.update_many(entity, {sid: props})
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except HubSpotRefusal as exc:
            return Outcome(OutcomeStatus.REJECTED, "refused", str(exc), http_status=exc.status,
                           permanent=True)
        except NetworkError as exc:
            if exc.maybe_sent:
                return Outcome(OutcomeStatus.UNKNOWN, "timeout", str(exc) + " Lea el registro "
                               "antes de reenviar.")
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except StatusError as exc:  # 429/5xx: not written; the push waits what it asked
            return Outcome(OutcomeStatus.FAILED, f"http_{exc.status}", str(exc),
                           http_status=exc.status, retry_after=exc.retry_after,
                           permanent=refused_for_good(exc.status))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))
        return self._read_back(entity, sid, correction.changes)

    def _read_back(self, entity: Entity, sid: str, changes: Mapping[str, Any]) -> Outcome:
        try:
            after = self.read_many(entity, [sid]).get(sid)
        except SourceError as exc:
            return Outcome(OutcomeStatus.UNKNOWN, "read_back_failed", str(exc))
        if after is not None and _holds(after, changes):
            return Outcome(OutcomeStatus.APPLIED, "", "Corrección escrita y leída de nuevo en "
                           "HubSpot.", after)
        return Outcome(OutcomeStatus.CONFLICT, "read_back_differs", "HubSpot aceptó el cambio "
                       "pero el registro no quedó como se esperaba: revíselo en HubSpot.", after)

    @in_spanish
    def merge(self, request: MergeRequest) -> Outcome:
        return merge_contacts(self, request)


def _own(mapping: Mapping[str, Any] | None, entity: Entity) -> dict[str, str]:
    own = dict((mapping or {}).get(entity.value) or {})
    known = set(COLUMNS[entity])
    bad = [k for k in own if k not in known or not isinstance(own[k], str)]
    if bad:
        raise SourceError(tr_app("app.connectors", "El mapeo de HubSpot nombra «{column}», que no "
                                 "es una columna de {value}.").format(column=bad[0],
                                                                      value=entity.value))
    return {str(k): str(v) for k, v in own.items()}


def _holds(record: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return all(comparable(k, record.get(k)) == comparable(k, v) for k, v in wanted.items()
               if k not in ("updated_at", "source_id"))


def _as_utc(since: Any) -> datetime:
    if not isinstance(since, datetime) or since.tzinfo is None:
        raise SourceError(tr_app("app.connectors", "La fecha desde la que leer cambios debe "
                                 "llevar zona horaria."))
    return since.astimezone(UTC)


def _halves(low: datetime, high: datetime | None) -> list[tuple[datetime, datetime | None]]:
    """A window split in two by date (an open-ended one at the middle of low → now)."""
    end = high if high is not None else max(datetime.now(UTC), low + timedelta(seconds=4))
    if end - low <= timedelta(seconds=2):
        raise SourceError(tr_app("app.connectors", "HubSpot tiene más de 10.000 cambios en dos "
                                 "segundos: lea todo de nuevo, sin fecha desde."))
    middle = low + (end - low) / 2
    return [(low, middle), (middle, high)]


def _millis(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


def _query(props: list[str], low: datetime, high: datetime | None,
           after: int) -> dict[str, Any]:
    filters = [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": _millis(low)}]
    if high is not None:
        filters.append({"propertyName": "hs_lastmodifieddate", "operator": "LT",
                        "value": _millis(high)})
    return {"filterGroups": [{"filters": filters}],
            "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
            "properties": props, "limit": SEARCH_PAGE, "after": after}


def _frame(entity: Entity, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(COLUMNS[entity])
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=columns)


__all__ = ["DESCRIBED", "HubSpotConnector", "api_base"]
