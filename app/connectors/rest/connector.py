"""A generic REST/JSON source: a CRM's or an ERP's HTTP API, configured by a profile.

``RestConnector(base_url, system, secret=…, mapping=…, **options)`` reads each entity from
``base_url/<path>`` page by page and turns the records, in the API's own field names, into the
canonical frame through the same header synonyms and mapping as a file export
(:func:`~app.connectors.files.records_frame`): an unreadable value is a ``SourceIssue``, never
a lost row. Requests go through :class:`~app.connectors.http.HttpClient` (the OS trust store,
Retry-After on 429/503, capped jittered backoff on 5xx and resets — for reads only).

Its options (all optional; a profile stores them as data) are
:class:`~app.connectors.rest.options.RestOptions`; how the API's answers read (lists, totals,
links, error codes) and what an error answer to a write means is :mod:`app.connectors.rest.wire`.

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

import base64
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

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
)
from app.connectors.files import MappingError, records_frame
from app.connectors.files.connector import load_mapping
from app.connectors.files.headers import KIND_NAMES
from app.connectors.files.sheet import Sheet
from app.connectors.http import (
    HttpClient,
    NetworkError,
    Response,
    RetryPolicy,
    StatusError,
    refused_for_good,
)
from app.connectors.merge_check import AFTER, BEFORE, child_key, merge_state
from app.connectors.rest.options import RestOptions
from app.connectors.rest.wire import (
    empty_frame,
    error_code,
    find_list,
    flatten,
    ident,
    in_flight,
    iso_moment,
    list_total,
    next_link,
    one_record,
    read_json,
    refused,
    same,
    wire,
)
from app.domain.schema import Entity, System
from app.domain.schema import records as frame_records
from app.progress import CancelToken, Progress, Task, run

_ANY_ERROR = frozenset(range(400, 600))


class RestConnector:
    """A REST/JSON API as the Connector protocol asks (pull, read, apply)."""

    def __init__(self, base_url: str, system: System | str, *, secret: str | None = None,
                 mapping: Mapping[str, Any] | None = None, **options: Any) -> None:
        self.system = System(system)
        self.options = RestOptions.parse(options)
        self.mapping: dict[str, Any] = {str(k): v for k, v in (mapping or {}).items()}
        self._secret = secret
        self._issues: list[SourceIssue] = []
        policy = RetryPolicy(attempts=self.options.retry_attempts,
                             base_delay=self.options.retry_base_delay)
        self._client = HttpClient(base_url, auth=self._auth_headers, timeout=self.options.timeout,
                                  policy=policy)
        self.base_url = self._client.base_url

    # --- protocol -----------------------------------------------------------------------------

    def describe(self) -> str:
        return f"API {self.system.value.upper()} {self._client.where()}"

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

    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        """The record ``source_id`` in the canonical schema, or None when the API has none."""
        entity = Entity(entity)
        found = self._fetch(entity, source_id)
        if found is None:
            return None
        return self._canonical(entity, found[0])

    def apply(self, correction: Correction) -> Outcome:
        """Compare-and-set one correction; every outcome is an :class:`Outcome`, never raised.

        A creation (:func:`~app.connectors.creations.is_creation`: a CRM follow-up, nothing
        expected) is read first too: absent → ``POST <path>`` with the whole record (its id
        under ``id_field``) and the ``Idempotency-Key``; already there with the new values →
        APPLIED without sending (a resend after a lost answer writes nothing twice); there
        with others → CONFLICT ``already_exists``."""
        entity = Entity(correction.entity)
        creating = creations.is_creation(correction)
        try:
            found = self._fetch(entity, correction.source_id)
            if found is None and creating:
                template = self._template(entity)
                if template is None:
                    return Outcome(OutcomeStatus.REJECTED, "field_names_unknown", (
                        f"La API {self._where(self._path(entity))} aún no tiene "
                        f"{KIND_NAMES[entity]} de los cuales tomar los nombres de los campos: "
                        "indíquelos en el mapeo del perfil."), permanent=True)
                new = {self.options.id_field: correction.source_id,
                       **self._source_changes(entity, template, correction.changes)}
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
        except _NotWritable as exc:
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

    def close(self) -> None:
        self._client.close()

    @property
    def midway(self) -> Callable[[], None] | None:
        """Tests only: called while a write's body is half sent (see
        :attr:`~app.connectors.http.HttpClient.midway`); the crash campaign kills there."""
        return self._client.midway

    @midway.setter
    def midway(self, call: Callable[[], None] | None) -> None:
        self._client.midway = call

    def __enter__(self) -> RestConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests -----------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        o = self.options
        headers = dict(o.headers)
        if o.auth == "none":
            return headers
        if not self._secret:
            raise AuthError(f"No hay credenciales guardadas para {self._client.where()}: "
                            f"guárdelas con «cuadre credentials set {self.base_url}».")
        if o.auth == "basic":
            pair = f"{o.username}:{self._secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            headers["Authorization"] = f"Bearer {self._secret}"
        return headers

    def _where(self, path: str) -> str:
        """Host and path of ``path`` for messages (no query string: it may carry a token)."""
        return self._client.where(self._client.url(path))

    def _path(self, entity: Entity) -> str:
        path = self.options.paths.get(entity.value, entity.value)
        if path.startswith(("http://", "https://")):
            self._same_origin(path)
        return path

    def _same_origin(self, url: str) -> str:
        """``url`` when it is on the API's own scheme, host and port (a credential is sent
        there); a SourceError otherwise."""
        mine, theirs = urlsplit(self.base_url), urlsplit(url)
        if (theirs.scheme, theirs.hostname, theirs.port) != (mine.scheme, mine.hostname, mine.port):
            raise SourceError(f"La API {self._client.where()} remite a otro servidor "
                              f"({theirs.hostname}); por seguridad no se sigue.")
        return url

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[tuple[list[Any], int | None]]:
        """(records, total or None) per page, until the last one."""
        o = self.options
        mode = o.pagination
        query = dict(params)
        if mode in ("auto", "page"):
            page = o.first_page
            query[o.page_param] = page
            if o.size_param:
                query[o.size_param] = o.page_size
        elif mode == "offset":
            offset = 0
            query.update({o.offset_param: offset, o.limit_param: o.page_size})
        elif mode == "link" and o.size_param:
            query[o.size_param] = o.page_size
        url: str = path
        size: int | None = None  # the page size the server really uses
        fetched = 0
        previous: tuple[Any, ...] | None = None
        linked = mode == "link"  # the server pages with links: no next link is the end
        while True:
            response = self._client.get(url, query)
            items, total = self._items(response, url)
            fingerprint = tuple(ident(r, o.id_field) for r in items[:3]) if items else None
            if fingerprint and any(v is not None for v in fingerprint) and fingerprint == previous:
                raise SourceError(f"La API {self._where(url)} repite la misma página: "
                                  "revise la paginación en el perfil.")
            previous = fingerprint
            fetched += len(items)
            yield items, total
            following = next_link(response)
            if following and mode in ("auto", "link"):
                url, query = self._same_origin(urljoin(self._client.url(url), following)), {}
                linked = True
                continue
            if linked or mode == "none" or not items:
                return
            if total is not None and fetched >= total:
                return
            size = size or len(items)
            if len(items) < min(size, o.page_size):
                return
            if mode == "offset":
                offset += len(items)
                query[o.offset_param] = offset
            else:
                page += 1
                query[o.page_param] = page

    def _one_params(self) -> dict[str, Any]:
        """The query asking for the first page with one record only (as far as the API's
        pagination lets us ask)."""
        o = self.options
        params: dict[str, Any] = {}
        if o.pagination == "offset":
            params = {o.offset_param: 0, o.limit_param: 1}
        elif o.pagination in ("auto", "page", "link") and o.size_param:
            params = {o.size_param: 1}
            if o.pagination != "link":
                params[o.page_param] = o.first_page
        return params

    def _template(self, entity: Entity) -> dict[str, Any] | None:
        """A record to learn the API's field names from before creating one: the first the
        API lists, else one made of the profile's mapping for ``entity``; None when neither
        has any."""
        path = self._path(entity)
        items, _ = self._items(self._client.get(path, self._one_params()), path)
        first = next((i for i in items if isinstance(i, dict)), None)
        if first is not None:
            return first
        raw = self.mapping.get(entity.value)
        names = [h if isinstance(h, str) else h[0] for h in (raw or {}).values()
                 if isinstance(h, str) or (isinstance(h, list) and h and isinstance(h[0], str))
                 ] if isinstance(raw, Mapping) else []
        if not names:
            return None
        return {self.options.id_field: None, **dict.fromkeys(names)}

    def _items(self, response: Response, where: str) -> tuple[list[Any], int | None]:
        body = read_json(response, self._where(where))
        items = find_list(body, self.options.items_key)
        if items is None:
            hint = f" en «{self.options.items_key}»" if self.options.items_key else ""
            raise SourceError(f"La respuesta de {self._where(where)} no trae una lista de "
                              f"registros{hint}: indique «items_key» en el perfil.")
        return items, list_total(response, body, self.options.total_header)

    def _fetch(self, entity: Entity, source_id: str) -> tuple[dict[str, Any], str | None] | None:
        """(the API's record, its ETag) or None on 404."""
        path = f"{self._path(entity).rstrip('/')}/{quote(str(source_id), safe='')}"
        response = self._client.request("GET", path, ok=frozenset({404}))
        if response.status == 404:
            return None
        body = read_json(response, self._where(path))
        record = one_record(body)
        if record is None:
            raise SourceError(f"La respuesta de {self._where(path)} no es un registro.")
        return record, response.header("etag")

    def _send(self, method: str, path: str, body: dict[str, Any], key: str,
              etag: str | None = None) -> Response | Outcome:
        """Send one write as JSON with its ``Idempotency-Key`` (and ``If-Match`` when an
        ``etag`` is given), never retried here: its answer (whatever the status), or the
        outcome when none came — UNKNOWN when it may have reached the server."""
        headers = {"Content-Type": "application/json"}
        if etag:
            headers["If-Match"] = etag
        if key:
            headers["Idempotency-Key"] = key
        try:
            return self._client.request(method, path, json_body=body, headers=headers,
                                        idempotent=False, ok=_ANY_ERROR)
        except NetworkError as exc:
            lost = OutcomeStatus.UNKNOWN if exc.maybe_sent else OutcomeStatus.FAILED
            return Outcome(lost, "network", str(exc))
        except SourceError as exc:  # no credentials, or cancelled before sending
            return Outcome(OutcomeStatus.FAILED, "not_sent", str(exc),
                           permanent=isinstance(exc, AuthError))

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
                           f"{where} no permite crear {KIND_NAMES[entity]} desde Cuadre "
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

    def _answered(self, entity: Entity, response: Response, where: str) -> dict[str, Any] | None:
        """The record a successful write answered with, canonical; None when it sent none."""
        try:
            one = one_record(read_json(response, where)) if response.body else None
            return self._canonical(entity, one) if one is not None else None
        except SourceError:
            return None

    # --- records ------------------------------------------------------------------------------

    def _mapping(self, entity: Entity, records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """The profile's mapping for ``entity``, plus the id field as ``source_id`` when the
        synonyms would not find it."""
        raw = self.mapping.get(entity.value) or {}
        if not isinstance(raw, Mapping):
            raise MappingError(f"El mapeo de {KIND_NAMES[entity]} debe ser un objeto JSON.")
        mapping = dict(raw)
        id_field = self.options.id_field
        if "source_id" not in mapping and id_field != "id" and any(id_field in r for r in records):
            mapping["source_id"] = id_field
        return mapping

    def _frame(self, entity: Entity, path: str, items: list[Any]
               ) -> tuple[pd.DataFrame, list[SourceIssue]]:
        records, issues = self._flatten(entity, items)
        if not records:
            return empty_frame(entity), issues
        ids = [f"#{n}" if (v := ident(r, self.options.id_field)) is None else str(v)
               for n, r in enumerate(records, start=1)]
        frame, found = records_frame(records, self.system, entity, self._mapping(entity, records),
                                     name=f"API {path}", ids=ids)
        return frame, issues + found

    def _flatten(self, entity: Entity, items: list[Any]
                 ) -> tuple[list[dict[str, Any]], list[SourceIssue]]:
        records: list[dict[str, Any]] = []
        issues: list[SourceIssue] = []
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                issues.append(SourceIssue(self.system, entity, f"#{n}", None, "not_a_record",
                                          None))
                continue
            records.append(flatten(item))
        return records, issues

    def _canonical(self, entity: Entity, record: Mapping[str, Any]) -> dict[str, Any]:
        records, _ = self._flatten(entity, [dict(record)])
        frame, _ = records_frame(records, self.system, entity, self._mapping(entity, records),
                                 name="API", ids=[str(ident(records[0], self.options.id_field))])
        return frame_records(frame)[0]

    def _source_changes(self, entity: Entity, record: Mapping[str, Any],
                        changes: Mapping[str, Any]) -> dict[str, Any]:
        """Canonical changes under the API's own field names: the columns the synonyms and
        the mapping read each canonical field from (one field each, else not writable)."""
        flat = flatten(dict(record))
        mapping = load_mapping(self._mapping(entity, [flat]), entity)
        sheet = Sheet.from_records("API", entity, [flat], mapping, lambda *a: None)
        out: dict[str, Any] = {}
        for name, value in changes.items():
            columns = sheet.resolution.fields.get(name, [])
            if len(columns) != 1 or "." in sheet.headers[columns[0]]:
                raise _NotWritable(name)
            out[sheet.headers[columns[0]]] = wire(value)
        return out

    # --- merging (MergingConnector) -----------------------------------------------------------

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
        except _NotWritable as exc:
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
            except _NotWritable:
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


#: Error codes of a 422 saying the new record's customer is not in the system.
_UNKNOWN_CUSTOMER = frozenset({"not_in_crm", "unknown_customer", "customer_not_found"})
#: Canonical fields an API may hold as one column only (a city by name or by DIVIPOLA code).
_DERIVED_PAIRS = {"city_code": "city_name", "city_name": "city_code"}


class _NotWritable(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


__all__ = ["RestConnector", "RestOptions", "empty_frame", "flatten", "iso_moment"]
