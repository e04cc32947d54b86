"""Talking to a REST/JSON API: requests with the profile's credentials, pages, one record
with its ETag, one write sent once, and the API's records read into the canonical schema.

:class:`RestApi` is what :class:`~app.connectors.rest.connector.RestConnector` (the Connector
protocol, its writes and merges) stands on. Requests go through
:class:`~app.connectors.http.HttpClient` (the OS trust store, Retry-After on 429/503, capped
jittered backoff on 5xx and resets — for reads only); a link to another server is never
followed (a credential would go there). Records become canonical frames through the same
header synonyms and mapping as a file export (:func:`~app.connectors.files.records_frame`).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pandas as pd

from app.connectors.base import AuthError, Outcome, OutcomeStatus, SourceError, SourceIssue
from app.connectors.files import MappingError, records_frame
from app.connectors.files.connector import load_mapping
from app.connectors.files.headers import kind_name
from app.connectors.files.sheet import Sheet
from app.connectors.http import HttpClient, NetworkError, Response, RetryPolicy
from app.connectors.rest.options import RestOptions
from app.connectors.rest.wire import (
    empty_frame,
    find_list,
    flatten,
    ident,
    list_total,
    next_link,
    one_record,
    read_json,
    wire,
)
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.domain.schema import records as frame_records

#: Every error status: a write's answer is returned whatever it is, never raised.
_ANY_ERROR = frozenset(range(400, 600))


class NotWritable(Exception):
    """A canonical field the API holds in no single field of its own."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class RestApi:
    """One REST/JSON API: its client, its pages and its records."""

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

    def describe(self) -> str:
        return f"API {self.system.value.upper()} {self._client.where()}"

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

    # --- requests -----------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        o = self.options
        headers = dict(o.headers)
        if o.auth == "none":
            return headers
        if not self._secret:
            raise AuthError(tr_app("app.connectors", "No hay credenciales guardadas para {where}: "
                                                     "guárdelas con «cuadre credentials set "
                                                     "{base_url}».").format(
                                where=self._client.where(), base_url=self.base_url))
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
            raise SourceError(tr_app("app.connectors", "La API {where} remite a otro servidor "
                                                       "({hostname}); por seguridad no se sigue.").format(
                                  where=self._client.where(), hostname=theirs.hostname))
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
                raise SourceError(tr_app("app.connectors", "La API {where} repite la misma página: "
                                                           "revise la paginación en el perfil.").format(
                                      where=self._where(url)))
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
            hint = (tr_app("app.connectors", " en «{key}»").format(key=self.options.items_key)
                    if self.options.items_key else "")
            raise SourceError(tr_app("app.connectors", "La respuesta de {where} no trae una lista de "
                                                       "registros{hint}: indique «items_key» en el "
                                                       "perfil.").format(
                                  where=self._where(where), hint=hint))
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
            raise SourceError(tr_app("app.connectors", "La respuesta de {where} no es un registro.").format(
                                  where=self._where(path)))
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
            raise MappingError(tr_app("app.connectors", "El mapeo de {kind} debe ser un "
                                                        "objeto JSON.").format(
                                   kind=kind_name(entity)))
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
                raise NotWritable(name)
            column = sheet.headers[columns[0]]
            if name == "is_customer" and isinstance(flat.get(column), str):
                # A CRM's contact stage («cliente» or «lead»), not a yes/no.
                value = "cliente" if value else "lead"
            out[column] = wire(value)
        return out
