"""A generic REST/JSON source: a CRM's or an ERP's HTTP API, configured by a profile.

``RestConnector(base_url, system, secret=…, mapping=…, **options)`` reads each entity from
``base_url/<path>`` page by page and turns the records, in the API's own field names, into the
canonical frame through the same header synonyms and mapping as a file export
(:func:`~app.connectors.files.records_frame`): an unreadable value is a ``SourceIssue``, never
a lost row. Requests go through :class:`~app.connectors.http.HttpClient` (the OS trust store,
Retry-After on 429/503, capped jittered backoff on 5xx and resets — for reads only).

Options (all optional; a profile stores them as data):

===================  ==========================================================================
``paths``            ``{entity: path}`` relative to the base URL (default: the entity's name;
                     the insights' ``invoices``, ``services``, ``contracts``, ``followups``
                     are read when the API answers them — a 404 there is "not available")
``auth``             ``"bearer"`` (default), ``"basic"`` (``username`` + the secret) or ``"none"``
``headers``          extra fixed headers (never a secret: a secret belongs in the keyring)
``pagination``       ``"auto"`` (default: follow ``Link: rel="next"``, else pages), ``"page"``,
                     ``"offset"``, ``"link"`` or ``"none"``
``page_param``       ``"page"``; ``size_param`` ``"page_size"``; ``page_size`` 500;
                     ``first_page`` 1; ``offset_param`` ``"offset"``; ``limit_param`` ``"limit"``
``since_param``      ``"modified_since"`` (ISO 8601 with its zone; ``""``: the API has none)
``items_key``        where the list is in the body (dotted, e.g. ``"data.items"``; default: a
                     top-level list, or the first list under items/data/results/records)
``id_field``         ``"id"``: the record's id, for ``read`` and ``apply`` (``path/{id}``)
``total_header``     ``"X-Total-Count"``
``timeout``          seconds per request (30)
``retry_attempts``   tries of a read (5); ``retry_base_delay`` first backoff ceiling (0.5 s)
===================  ==========================================================================

Writes (``apply``) are a compare-and-set: the record is read with its ETag, the correction's
expected values are checked, and a ``PATCH`` carries ``If-Match`` and the correction's
``Idempotency-Key``. A write is never retried here: a lost answer is an *unknown* outcome the
write-back resolves by reading the record back (DESIGN §6), and so is a 409 saying a request
with the same key is still being handled. A refusal the same request would get again (a 4xx
other than 408, 409, 425, 429; missing or refused credentials; a field the API does not
write) is marked ``permanent``: the write-back does not send it again. A creation (a CRM follow-up
from «Crear seguimientos»: nothing expected, the record must not exist yet) is a ``POST
<path>`` of the whole record under the API's own field names (learnt from a record the API
lists, else from the profile's mapping), with its id and the same ``Idempotency-Key``; until
the record can be read it is "not there yet", so a lost answer is resent, never doubled.
A merge of duplicates (``merge``) is compared whole with its snapshot the same way, then
sent as one ``POST <path>/<id>/merge``.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
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
from app.connectors.files.headers import EXTRA_COLUMNS, KIND_NAMES
from app.connectors.files.sheet import Sheet
from app.connectors.http import (
    HttpClient,
    NetworkError,
    Response,
    RetryPolicy,
    StatusError,
    refused_for_good,
    retry_after_of,
)
from app.connectors.merge_check import AFTER, BEFORE, child_key, merge_state
from app.connectors.odoo_values import comparable
from app.domain.schema import COLUMNS, Entity, System
from app.domain.schema import records as frame_records
from app.progress import CancelToken, Progress, Task, run

log = logging.getLogger(__name__)

BOGOTA_OFFSET_NAME = "America/Bogota"
_LIST_KEYS = ("items", "data", "results", "records")
_TOTAL_KEYS = ("total", "total_count", "totalCount", "total_results", "count")
_ONE_KEYS = ("data", "item", "record", "result")
_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[^;,]+)*)')
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_PAGINATIONS = ("auto", "page", "offset", "link", "none")
_AUTHS = ("bearer", "basic", "none")
#: Statuses after which a PATCH may or may not have been applied (a proxy gave up waiting).
_MAYBE_APPLIED = frozenset({502, 504})
_ANY_ERROR = frozenset(range(400, 600))


@dataclass(frozen=True, slots=True)
class RestOptions:
    """A REST profile's options, checked once (a bad one is a SourceError naming it)."""

    paths: Mapping[str, str] = field(default_factory=dict)
    auth: str = "bearer"
    username: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    pagination: str = "auto"
    page_param: str = "page"
    size_param: str = "page_size"
    page_size: int = 500
    first_page: int = 1
    offset_param: str = "offset"
    limit_param: str = "limit"
    since_param: str = "modified_since"
    items_key: str | None = None
    id_field: str = "id"
    total_header: str = "X-Total-Count"
    timeout: float = 30.0
    retry_attempts: int = 5
    retry_base_delay: float = 0.5

    @classmethod
    def parse(cls, options: Mapping[str, Any]) -> RestOptions:
        known = set(cls.__dataclass_fields__)
        for name in sorted(set(options) - known):
            log.debug("REST option %r is not used", name)
        values = {k: v for k, v in options.items() if k in known and v is not None}
        texts = ("auth", "username", "pagination", "page_param", "size_param", "offset_param",
                 "limit_param", "since_param", "items_key", "id_field", "total_header")
        for name in texts:
            if name in values and not isinstance(values[name], str):
                raise SourceError(f"La opción «{name}» del perfil debe ser texto.")
        for name in ("page_size", "first_page", "retry_attempts"):
            if name in values and (isinstance(values[name], bool) or not isinstance(values[name], int)
                                   or values[name] < (0 if name == "first_page" else 1)):
                raise SourceError(f"La opción «{name}» del perfil debe ser un entero positivo.")
        for name in ("timeout", "retry_base_delay"):
            if name in values and (isinstance(values[name], bool)
                                   or not isinstance(values[name], int | float) or values[name] <= 0):
                raise SourceError(f"La opción «{name}» del perfil debe ser un número positivo.")
        for name in ("paths", "headers"):
            if name in values and (not isinstance(values[name], Mapping) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in values[name].items())):
                raise SourceError(f"La opción «{name}» del perfil debe ser un objeto de textos.")
        made = cls(**values)
        if made.auth not in _AUTHS:
            raise SourceError(f"La autenticación «{made.auth}» no se conoce: use bearer, basic o none.")
        if made.pagination not in _PAGINATIONS:
            raise SourceError(f"La paginación «{made.pagination}» no se conoce: use auto, page, "
                              "offset, link o none.")
        if made.auth == "basic" and not made.username:
            raise SourceError("La autenticación basic necesita la opción «username» en el perfil.")
        if any(k.lower() in ("authorization", "cookie", "proxy-authorization") for k in made.headers):
            raise SourceError("Las credenciales no van en «headers» del perfil: se guardan con "
                              "«cuadre credentials set».")
        return made


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
        if o.pagination == "none" or (not params and not _next_link(response)):
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
            if all(_same(current.get(k), v, k) for k, v in correction.changes.items()):
                return Outcome(OutcomeStatus.APPLIED, "already_applied",
                               "El sistema ya tenía los valores nuevos.", current)
            if creating:
                return Outcome(OutcomeStatus.CONFLICT, "already_exists", (
                    "El sistema ya tiene un registro con ese identificador y otros valores: "
                    "no se creó otro."), current)
            differs = sorted(k for k, v in correction.expected.items()
                             if not _same(current.get(k), v, k))
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
            fingerprint = tuple(_ident(r, o.id_field) for r in items[:3]) if items else None
            if fingerprint and any(v is not None for v in fingerprint) and fingerprint == previous:
                raise SourceError(f"La API {self._where(url)} repite la misma página: "
                                  "revise la paginación en el perfil.")
            previous = fingerprint
            fetched += len(items)
            yield items, total
            following = _next_link(response)
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
        body = _json(response, self._where(where))
        items = _find_list(body, self.options.items_key)
        if items is None:
            hint = f" en «{self.options.items_key}»" if self.options.items_key else ""
            raise SourceError(f"La respuesta de {self._where(where)} no trae una lista de "
                              f"registros{hint}: indique «items_key» en el perfil.")
        return items, _total(response, body, self.options.total_header)

    def _fetch(self, entity: Entity, source_id: str) -> tuple[dict[str, Any], str | None] | None:
        """(the API's record, its ETag) or None on 404."""
        path = f"{self._path(entity).rstrip('/')}/{quote(str(source_id), safe='')}"
        response = self._client.request("GET", path, ok=frozenset({404}))
        if response.status == 404:
            return None
        body = _json(response, self._where(path))
        record = _one(body)
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
        return _refused(response, where)

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
        if status == 409 and _in_flight(response):
            return _refused(response, where)
        if status == 409:
            return Outcome(OutcomeStatus.CONFLICT, "already_exists",
                           f"{where} ya tiene un registro con ese identificador y otros valores "
                           "(HTTP 409): no se creó otro.", http_status=status)
        if status == 422 and _error_code(response) in _UNKNOWN_CUSTOMER:
            return Outcome(OutcomeStatus.REJECTED, "not_in_crm",
                           f"{where} no tiene un cliente con el documento del registro: créelo "
                           "primero allí y envíe de nuevo.", http_status=status, permanent=True)
        return _refused(response, where)

    def _answered(self, entity: Entity, response: Response, where: str) -> dict[str, Any] | None:
        """The record a successful write answered with, canonical; None when it sent none."""
        try:
            one = _one(_json(response, where)) if response.body else None
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
        ids = [f"#{n}" if (v := _ident(r, self.options.id_field)) is None else str(v)
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
                                 name="API", ids=[str(_ident(records[0], self.options.id_field))])
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
            out[sheet.headers[columns[0]]] = _wire(value)
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
                 for k, f in children.items()}, _same)
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
                answer = _json(response, where) if response.body else None
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
        return _refused(response, where)


#: Error codes of a 422 saying the new record's customer is not in the system.
_UNKNOWN_CUSTOMER = frozenset({"not_in_crm", "unknown_customer", "customer_not_found"})
#: Error codes of a 409 saying a request with the same Idempotency-Key is still being handled
#: (draft-ietf-httpapi-idempotency-key-header; Stripe's "idempotency_key_in_use").
_IN_FLIGHT = frozenset({"idempotency_key_in_flight", "idempotency_key_in_use",
                        "request_in_progress", "concurrent_request"})
#: Canonical fields an API may hold as one column only (a city by name or by DIVIPOLA code).
_DERIVED_PAIRS = {"city_code": "city_name", "city_name": "city_code"}


class _NotWritable(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


# --- helpers ------------------------------------------------------------------------------------

def _in_flight(response: Response) -> bool:
    return response.status == 409 and _error_code(response) in _IN_FLIGHT


def _refused(response: Response, where: str) -> Outcome:
    """The outcome of a write answered with an error status; it carries the status and, for
    429/503, the seconds ``Retry-After`` asked to wait. A 4xx other than 408/409/425/429 is
    ``permanent``: the same request would be refused again. A 409 saying the same key is still
    in flight is UNKNOWN: the earlier request may yet apply it."""
    status = response.status
    code = _error_code(response) or f"http_{status}"

    def outcome(kind: OutcomeStatus, reason: str, detail: str) -> Outcome:
        return Outcome(kind, reason, detail, http_status=status,
                       retry_after=retry_after_of(response), permanent=refused_for_good(status))

    if _in_flight(response):
        return outcome(OutcomeStatus.UNKNOWN, "in_flight",
                       f"{where} aún atiende un envío anterior con la misma clave (HTTP 409): "
                       "se leerá el registro antes de decidir.")
    if status in (409, 412):
        return outcome(OutcomeStatus.CONFLICT, "etag_mismatch" if status == 412 else code,
                       f"{where} rechazó el cambio porque el registro cambió (HTTP {status}).")
    if status in (401, 403):
        return outcome(OutcomeStatus.FAILED, "auth",
                       f"{where} rechazó las credenciales (HTTP {status}).")
    if status in (408, 425, 429):
        return outcome(OutcomeStatus.FAILED, code,
                       f"{where} no aceptó la solicitud ahora (HTTP {status}); reintente.")
    if status in _MAYBE_APPLIED:
        return outcome(OutcomeStatus.UNKNOWN, code,
                       f"{where} no confirmó el cambio (HTTP {status}): léalo de nuevo.")
    if status >= 500:
        return outcome(OutcomeStatus.FAILED, code, f"{where} falló (HTTP {status}).")
    return outcome(OutcomeStatus.REJECTED, code, f"{where} rechazó el cambio (HTTP {status}).")



def empty_frame(entity: Entity) -> pd.DataFrame:
    """The canonical frame with no rows (an incremental pull that found no change)."""
    columns = COLUMNS[entity] + EXTRA_COLUMNS.get(entity, ())
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}, columns=list(columns))


def iso_moment(since: Any) -> str:
    """``since`` as ISO 8601 with its zone (Bogotá when it has none; a date is its midnight)."""
    from zoneinfo import ZoneInfo

    if isinstance(since, str):
        return since
    if isinstance(since, date) and not isinstance(since, datetime):
        since = datetime.combine(since, time(0))
    if not isinstance(since, datetime):
        raise SourceError("La fecha desde la cual traer cambios no es válida.")
    if since.tzinfo is None:
        since = since.replace(tzinfo=ZoneInfo(BOGOTA_OFFSET_NAME))
    return since.isoformat()


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """Nested objects one level down as ``parent.child``; lists as JSON text."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = _scalar(inner)
        else:
            out[str(key)] = _scalar(value)
    return out


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _ident(record: Any, id_field: str) -> Any:
    return record.get(id_field) if isinstance(record, dict) else None


def _json(response: Response, where: str) -> Any:
    """The body as JSON, numbers with a fraction as exact Decimals (money is never a float)."""
    try:
        return json.loads(response.body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(f"{where} respondió algo que no es JSON válido.") from None


def _find_list(body: Any, key: str | None) -> list[Any] | None:
    if key:
        node = body
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node if isinstance(node, list) else None
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for name in _LIST_KEYS:
            value = body.get(name)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                inner = _find_list(value, None)
                if inner is not None:
                    return inner
    return None


def _total(response: Response, body: Any, header: str) -> int | None:
    raw = response.header(header.lower()) if header else None
    if raw is not None and raw.strip().isdigit():
        return int(raw.strip())
    if isinstance(body, dict):
        for holder in (body, body.get("meta"), body.get("pagination")):
            if not isinstance(holder, dict):
                continue
            for name in _TOTAL_KEYS:
                value = holder.get(name)
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    return value
    return None


def _next_link(response: Response) -> str | None:
    """The ``rel="next"`` target of a ``Link`` header (RFC 8288), or None."""
    header = response.header("link")
    if not header:
        return None
    for target, params in _LINK.findall(header):
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "rel" and "next" in value.strip().strip('"').lower().split():
                return target.strip()
    return None


def _one(body: Any) -> dict[str, Any] | None:
    if isinstance(body, dict):
        for name in _ONE_KEYS:
            inner = body.get(name)
            if isinstance(inner, dict) and len(body) <= 3:
                return inner
        return body
    return None


def _error_code(response: Response) -> str | None:
    """A short error code from a JSON error body (never its message: it may hold personal data)."""
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    code = body.get("error") or body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, str) and _CODE.match(code) else None


def _wire(value: Any) -> Any:
    """A canonical value as JSON carries it: money and dates as text, the rest as is."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _same(current: Any, wanted: Any, field: str) -> bool:
    """Canonical values of ``field`` equal as the reconciliation would see them (None and ""
    alike, 5 = 5.00, a phone's spacing or an e-mail's case no difference)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if current == wanted:
        return True
    if isinstance(current, Decimal | int) and isinstance(wanted, Decimal | int | str):
        try:
            if Decimal(str(current)) == Decimal(str(wanted)):
                return True
        except ArithmeticError:
            pass
    if isinstance(current, date | datetime) and isinstance(wanted, str) \
            and current.isoformat() == wanted:
        return True
    try:
        return bool(comparable(field, current) == comparable(field, wanted))
    except (TypeError, ValueError, ArithmeticError):
        return False


__all__ = ["RestConnector", "RestOptions", "empty_frame", "flatten", "iso_moment"]
