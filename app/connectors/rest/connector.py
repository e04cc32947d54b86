"""A generic REST/JSON source: a CRM's or an ERP's HTTP API, configured by a profile.

``RestConnector(base_url, system, secret=…, mapping=…, **options)`` reads each entity from
``base_url/<path>`` page by page and turns the records, in the API's own field names, into the
canonical frame through the same header synonyms and mapping as a file export
(:func:`~app.connectors.files.records_frame`): an unreadable value is a ``SourceIssue``, never
a lost row. Requests go through :class:`~app.connectors.http.HttpClient` (the OS trust store,
Retry-After on 429/503, capped jittered backoff on 5xx and resets — for reads only).

Its options (all optional; a profile stores them as data) are
:class:`~app.connectors.rest.options.RestOptions`; how the API's answers read (lists, totals,
links, error codes) and what an error answer to a write means is :mod:`app.connectors.rest.wire`;
the requests, pages and records are :class:`~app.connectors.rest.api.RestApi`'s.

Writes (``apply``) are a compare-and-set: the record is read with its ETag, the correction's
expected values are checked, and a ``PATCH`` carries ``If-Match`` and the correction's
``Idempotency-Key``. A write is never retried here: a lost answer is an *unknown* outcome the
write-back resolves by reading the record back (DESIGN §6), and so is a 409 saying a request
with the same key is still being handled. A refusal the same request would get again (a 4xx
other than 408, 409, 425, 429; missing or refused credentials; a field the API does not
write) is marked ``permanent``: the write-back does not send it again. A creation (a CRM
follow-up from «Crear seguimientos»: nothing expected, the record must not exist yet) is a
``POST <path>`` of the whole record under the API's own field names (learnt from a record the API
lists, else from the profile's mapping), with its id and the same ``Idempotency-Key``; until
the record can be read it is "not there yet", so a lost answer is resent, never doubled.
A merge of duplicates (``merge``) is compared whole with its snapshot the same way, then
sent as one ``POST <path>/<id>/merge``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

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
from app.connectors.http import NetworkError, StatusError, refused_for_good
from app.connectors.merge_check import AFTER, BEFORE, child_key, merge_state
from app.connectors.rest import orders
from app.connectors.rest.api import NotWritable, RestApi
from app.connectors.rest.wire import (
    error_code,
    flatten,
    ident,
    in_flight,
    iso_moment,
    next_link,
    read_json,
    refused,
    same,
)
from app.domain.i18n import tr_app
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task, run


class RestConnector(RestApi):
    """A REST/JSON API as the Connector protocol asks (pull, read, apply, merge)."""

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def pull(self, entity: Entity | str, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def pull_task(self, entity: Entity | str, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        """Page by page: a Progress per page (with the total when the API tells it)."""
        entity = Entity(entity)
        path = self._path(entity)
        step = f"pull_{self.system.value}_{entity.value}"
        params: dict[str, Any] = {}
        if since is not None and self.options.since_param:
            params[self.options.since_param] = iso_moment(since)
        items: list[Any] = []
        self._client.cancel = cancel
        try:
            if cancel is not None:
                cancel.check()
            yield Progress(step, 0, 0, "")
            for page, total in self._pages(path, params):
                items.extend(page)
                yield Progress(step, len(items), total or 0, f"{len(items)} registros")
                if cancel is not None:
                    cancel.check()
        finally:
            self._client.cancel = None
        frame, issues = self._frame(entity, path, items)
        self._issues = [i for i in self._issues if i.entity != entity] + issues
        return frame

    # -- what changed (an incremental run) ---------------------------------------------------

    def why_not_incremental(self, entity: Entity | str) -> str | None:
        """Customers, when the API filters by change time (``since_param``) and lists ids
        alone (``fields_param``). The other entities of an API often carry values of other
        records (a receipt its customer's NIT, a vehicle its branch's name) whose changes
        their own change time does not show: they are read whole."""
        o = self.options
        if not o.since_param:
            return tr_app("app.connectors", "la API no filtra por fecha de cambio (since_param)")
        if not o.fields_param:
            return tr_app("app.connectors", "la API no lista solo los identificadores "
                          "(fields_param)")
        if Entity(entity) is not Entity.CUSTOMERS:
            return tr_app("app.connectors", "en una API, {kind} pueden llevar datos de otros "
                          "registros (el cliente, la factura): se leen enteros").format(
                kind=kind_name(Entity(entity)))
        return None

    def version(self, entity: Entity | str) -> str | None:
        return None

    def list_ids(self, entity: Entity | str) -> list[str]:
        """Every id of ``entity``, page by page with only the id field asked for, in the order
        a pull reads them (a record without one: "")."""
        path = self._path(Entity(entity))
        id_field = self.options.id_field
        ids: list[str] = []
        for page, _total in self._pages(path, {self.options.fields_param: id_field}):
            ids += ["" if (v := ident(flatten(item), id_field) if isinstance(item, dict)
                           else None) is None else str(v) for item in page]
        return ids

    def count(self, entity: Entity | str) -> int:
        """How many records the API holds: one small request when it tells a total."""
        entity = Entity(entity)
        path = self._path(entity)
        params = self._one_params()
        response = self._client.get(path, params)
        items, total = self._items(response, path)
        if total is not None:
            return total
        o = self.options
        if o.pagination == "none" or (not params and not next_link(response)):
            return len(items)
        return sum(len(page) for page, _ in self._pages(path, {}))

    @in_spanish
    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        """The record ``source_id`` in the canonical schema, or None when the API has none."""
        entity = Entity(entity)
        found = self._fetch(entity, source_id)
        if found is None:
            return None
        return self._canonical(entity, found[0])

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        """Compare-and-set one correction; every outcome is an :class:`Outcome`, never raised.

        A creation (:func:`~app.connectors.creations.is_creation`: a CRM follow-up, nothing
        expected) is read first too: absent → ``POST <path>`` with the whole record (its id
        under ``id_field``) and the ``Idempotency-Key``; already there with the new values →
        APPLIED without sending (a resend after a lost answer writes nothing twice); there
        with others → CONFLICT ``already_exists``."""
        entity = Entity(correction.entity)
        creating = creations.is_creation(correction)
        order = creations.reserves(correction) or creations.releases(correction)
        try:
            if order:  # the ERP reserves a unit with an order (``orders``)
                return orders.reserve(self, correction, order,
                                      cancel=creations.releases(correction) is not None)
            found = self._fetch(entity, correction.source_id)
            if found is not None and _archives(correction) \
                    and not self._writable(entity, found[0], correction):
                return self._archive(entity, correction)
            if found is None and creating:
                template = self._template(entity)
                if template is None:
                    return Outcome(OutcomeStatus.REJECTED, "field_names_unknown", (
                        f"La API {self._where(self._path(entity))} aún no tiene "
                        f"{kind_name(entity)} de los cuales tomar los nombres de los campos: "
                        "indíquelos en el mapeo del perfil."), permanent=True)
                new = {self.options.id_field: correction.source_id,
                       **self._merge_changes(entity, template, correction.changes)}
                return self._post(entity, correction, new)
            if found is None:
                return Outcome(OutcomeStatus.CONFLICT, "not_found",
                               "El registro ya no existe en el sistema.")
            record, etag = found
            current = self._canonical(entity, record)
            if all(same(current.get(k), v, k) for k, v in correction.changes.items()):
                return Outcome(OutcomeStatus.APPLIED, "already_applied",
                               "El sistema ya tenía los valores nuevos.", current)
            if creating:
                return Outcome(OutcomeStatus.CONFLICT, "already_exists", (
                    "El sistema ya tiene un registro con ese identificador y otros valores: "
                    "no se creó otro."), current)
            differs = sorted(k for k, v in correction.expected.items()
                             if not same(current.get(k), v, k))
            if differs:
                return Outcome(OutcomeStatus.CONFLICT, "expected_mismatch",
                               "El registro cambió desde la aprobación: " + ", ".join(differs) + ".",
                               current)
            body = self._source_changes(entity, record, correction.changes)
        except NotWritable as exc:
            return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                           f"El campo «{exc.field}» no corresponde a un único campo de la API.",
                           permanent=True)
        except AuthError as exc:  # no credentials stored, or refused: a person must fix them
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc),
                           http_status=getattr(exc, "status", None), permanent=True)
        except NetworkError as exc:  # a read: nothing was written
            return Outcome(OutcomeStatus.FAILED, "network", str(exc))
        except StatusError as exc:  # the read was refused (after the client's own retries)
            return Outcome(OutcomeStatus.FAILED, "read_failed", str(exc),
                           http_status=exc.status, retry_after=exc.retry_after,
                           permanent=refused_for_good(exc.status))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "read_failed", str(exc))
        return self._patch(entity, correction, body, etag)

    def __enter__(self) -> RestConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def _patch(self, entity: Entity, correction: Correction, body: dict[str, Any],
               etag: str | None) -> Outcome:
        path = f"{self._path(entity).rstrip('/')}/{quote(str(correction.source_id), safe='')}"
        where = self._where(path)
        response = self._send("PATCH", path, body, correction.key, etag)
        if isinstance(response, Outcome):
            return response
        status = response.status
        if 200 <= status < 300:
            return Outcome(OutcomeStatus.APPLIED, "", "", self._answered(entity, response, where),
                           http_status=status)
        return refused(response, where)

    def _post(self, entity: Entity, correction: Correction, body: dict[str, Any]) -> Outcome:
        """Send a creation once; its answers mapped as a PATCH's are (:func:`_refused`), plus:
        409 → CONFLICT ``already_exists``, a 422 naming a customer the system lacks →
        REJECTED ``not_in_crm``, an API that creates nothing there (404/405/501) → REJECTED."""
        path = self._path(entity)
        where = self._where(path)
        response = self._send("POST", path, body, correction.key)
        if isinstance(response, Outcome):
            return response
        status = response.status
        if 200 <= status < 300:
            return Outcome(OutcomeStatus.APPLIED, "", f"Registro creado en {where}.",
                           self._answered(entity, response, where), http_status=status)
        if status in (404, 405, 501):
            return Outcome(OutcomeStatus.REJECTED, "create_unsupported",
                           f"{where} no permite crear {kind_name(entity)} desde Cuadre "
                           f"(HTTP {status}): créelo en el propio sistema.", http_status=status,
                           permanent=status < 500)
        if status == 409 and in_flight(response):
            return refused(response, where)
        if status == 409:
            return Outcome(OutcomeStatus.CONFLICT, "already_exists",
                           f"{where} ya tiene un registro con ese identificador y otros valores "
                           "(HTTP 409): no se creó otro.", http_status=status)
        if status == 422 and error_code(response) in _UNKNOWN_CUSTOMER:
            return Outcome(OutcomeStatus.REJECTED, "not_in_crm",
                           f"{where} no tiene un cliente con el documento del registro: créelo "
                           "primero allí y envíe de nuevo.", http_status=status, permanent=True)
        return refused(response, where)

    def _writable(self, entity: Entity, record: dict[str, Any], c: Correction) -> bool:
        try:
            self._source_changes(entity, record, c.changes)
        except NotWritable:
            return False
        return True

    def _archive(self, entity: Entity, c: Correction) -> Outcome:
        """The undo of a customer's creation where the API keeps no customer flag: ``DELETE
        <path>/<id>`` (the API archives it) with the ``Idempotency-Key``."""
        path = f"{self._path(entity).rstrip('/')}/{quote(str(c.source_id), safe='')}"
        where = self._where(path)
        response = self._send("DELETE", path, {}, c.key)
        if isinstance(response, Outcome):
            return response
        if 200 <= response.status < 300:
            return Outcome(OutcomeStatus.APPLIED, "", f"Cliente archivado en {where}.",
                           {"source_id": c.source_id, "is_customer": False},
                           http_status=response.status)
        if response.status in (404, 405, 501):
            return Outcome(OutcomeStatus.REJECTED, "archive_unsupported",
                           f"{where} no permite archivar el cliente desde Cuadre (HTTP "
                           f"{response.status}): archívelo en el propio sistema.",
                           http_status=response.status, permanent=response.status < 500)
        return refused(response, where)

    # --- merging (MergingConnector) -----------------------------------------------------------

    @in_spanish
    def merge(self, request: MergeRequest) -> Outcome:
        """One merge at once: ``POST <path>/<survivor>/merge`` with ``{merged, changes,
        snapshot, children, undo}`` in the API's field names and the request's
        ``Idempotency-Key``. Every involved record is read first and compared, canonically,
        with the request's snapshot (the compare-and-set): already merged → APPLIED without
        sending; changed → CONFLICT, nothing sent. The snapshot sent is the records exactly
        as just read, so the API refuses (409) anything written in between. An API without
        the endpoint (404/405/501) → REJECTED. Never retried here; every outcome is returned."""
        entity = Entity(request.entity)
        try:
            survivor = self._fetch(entity, request.survivor)
            merged = {m: self._fetch(entity, m) for m in request.merged}
            children = {child_key(c.entity, c.source_id): self._fetch(Entity(c.entity), c.source_id)
                        for c in request.children}
            current = None if survivor is None else self._canonical(entity, survivor[0])
            state, why = merge_state(
                request, current,
                {m: None if f is None else self._canonical(entity, f[0]) for m, f in merged.items()},
                {k: None if f is None else self._canonical(Entity(k[0]), f[0])
                 for k, f in children.items()}, same)
            if state == AFTER:
                return Outcome(OutcomeStatus.APPLIED, "already_applied",
                               "El sistema ya tenía la fusión hecha.", current)
            if state != BEFORE or survivor is None:
                return Outcome(OutcomeStatus.CONFLICT, "snapshot_mismatch", why, current)
            body = self._merge_body(entity, request, survivor[0], merged, children)
        except NotWritable as exc:
            return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                           f"El campo «{exc.field}» no corresponde a un único campo de la API.",
                           permanent=True)
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except NetworkError as exc:  # reads: nothing was written
            return Outcome(OutcomeStatus.FAILED, "network", str(exc))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "read_failed", str(exc))
        return self._post_merge(entity, request, body)

    def _merge_body(self, entity: Entity, request: MergeRequest, survivor: dict[str, Any],
                    merged: Mapping[str, tuple[dict[str, Any], str | None] | None],
                    children: Mapping[tuple[str, str], tuple[dict[str, Any], str | None] | None]
                    ) -> dict[str, Any]:
        if request.undo:  # the survivor gets its snapshot back; the merged ones come back
            before = request.snapshot.get(request.survivor, {})
            changes = self._merge_changes(entity, survivor, {f: before.get(f)
                                                             for f in request.changes})
            snapshot = {request.survivor: survivor}
        else:
            changes = self._merge_changes(entity, survivor, request.changes)
            snapshot = {request.survivor: survivor,
                        **{m: found[0] for m, found in merged.items() if found is not None}}
        kids = []
        for c in request.children:
            found = children[child_key(c.entity, c.source_id)]
            assert found is not None  # merge_state said every child is there
            [(name, value)] = self._source_changes(
                Entity(c.entity), found[0], {c.field: c.old if request.undo else c.new}).items()
            kids.append({"entity": Entity(c.entity).value, "id": c.source_id, "field": name,
                         "old": found[0].get(name), "new": value})
        return {"merged": list(request.merged), "changes": changes, "snapshot": snapshot,
                "children": kids, "undo": request.undo}

    def _merge_changes(self, entity: Entity, record: Mapping[str, Any],
                       changes: Mapping[str, Any]) -> dict[str, Any]:
        """The survivor's changes in API names; a city's code or name that the API does not
        hold beside the other (it derives one from the other) is written through the other."""
        out: dict[str, Any] = {}
        for name, value in changes.items():
            try:
                out.update(self._source_changes(entity, record, {name: value}))
            except NotWritable:
                if _DERIVED_PAIRS.get(name) not in changes:
                    raise
        return out

    def _post_merge(self, entity: Entity, request: MergeRequest, body: dict[str, Any]) -> Outcome:
        path = (f"{self._path(entity).rstrip('/')}/{quote(str(request.survivor), safe='')}"
                "/merge")
        where = self._where(path)
        response = self._send("POST", path, body, request.key)
        if isinstance(response, Outcome):
            return response
        status = response.status
        if 200 <= status < 300:
            record = None
            try:
                answer = read_json(response, where) if response.body else None
                one = answer.get("survivor") if isinstance(answer, dict) else None
                record = self._canonical(entity, one) if isinstance(one, dict) else None
            except SourceError:
                pass
            return Outcome(OutcomeStatus.APPLIED, "", "", record, http_status=status)
        if status in (404, 405, 501):
            return Outcome(OutcomeStatus.REJECTED, "merge_unsupported",
                           f"{where} no permite fusionar registros desde Cuadre (HTTP {status}): "
                           "fusiónelos en el propio sistema.", http_status=status,
                           permanent=status < 500)
        return refused(response, where)


def _archives(c: Correction) -> bool:
    """The undo of a customer's creation: it stops being a customer (``is_customer`` false)."""
    return Entity(c.entity) is Entity.CUSTOMERS and dict(c.changes) == {"is_customer": False}


#: Error codes of a 422 saying the new record's customer is not in the system.
_UNKNOWN_CUSTOMER = frozenset({"not_in_crm", "unknown_customer", "customer_not_found"})
#: Canonical fields an API may hold as one column only (a city by name or by DIVIPOLA code).
_DERIVED_PAIRS = {"city_code": "city_name", "city_name": "city_code"}


__all__ = ["RestConnector"]
