"""Alegra as Cuadre's ERP: contacts, invoices and payments, and contact corrections.

As Alegra publishes its API (https://developer.alegra.com/docs/authenticación,
https://developer.alegra.com/reference/límite-de-request-1, the contacts, invoices and
payments references under https://developer.alegra.com/reference):

- HTTP Basic with the user's e-mail and API token on every call (``Authorization: Basic
  base64(correo:token)``); a refused pair is a 401.
- ``GET /api/v1/contacts`` (``type=client``), ``/api/v1/invoices``, ``/api/v1/payments``
  page with ``start`` and ``limit`` (at most 30 per page) and ``metadata=true``, which wraps
  the list as ``{"metadata": {"total"}, "data": [...]}``.
- 150 requests a minute per user (``X-Rate-Limit-*`` headers; 429 past it):
  :class:`~app.connectors.pacing.Pace` keeps under it, a 429 is waited for (``http``).
- Alegra documents no modified-since filter (its webhooks say what changed): ``since`` reads
  everything and keeps what changed by the records' own dates where they carry one.

A Colombian contact carries ``identificationObject`` (``type``: CC, NIT…, ``number``, ``dv``),
``nameObject`` (given names and surnames) or a company's ``name``, ``kindOfPerson``,
``email``, ``mobile``/``phonePrimary`` and ``address`` (``address``, ``city``,
``department``). An invoice carries ``numberTemplate.fullNumber``, ``stamp.cufe`` and
``stamp.legalStatus`` (the DIAN's acceptance), ``costCenter`` and ``total``; a payment
(``type: in``) names the ``invoices`` it pays, from which its number, CUFE and branch come.

Writes: a contact correction is read, compared with what was approved, sent (``PUT
/api/v1/contacts/{id}`` with the fields that change) and read back. Payments and invoices are
never edited from Cuadre (an accepted invoice gets a credit note: ``posted_invoice``); Cuadre
creates no contact in Alegra.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from app.connectors import creations
from app.connectors.alegra import values
from app.connectors.base import (
    AuthError,
    Correction,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
    in_spanish,
)
from app.connectors.http import HttpClient, NetworkError, Response, RetryPolicy, StatusError, refused_for_good
from app.connectors.pacing import Pace
from app.connectors.values import comparable
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System, frame
from app.progress import CancelToken, Progress, Task, run

MAX_LIMIT = 30
REQUESTS_PER_MINUTE = 150
_PATHS = {Entity.CUSTOMERS: "/api/v1/contacts", Entity.PAYMENTS: "/api/v1/payments",
          Entity.INVOICES: "/api/v1/invoices"}


class AlegraConnector:
    """One Alegra company, as one user (e-mail) with an API token (``secret``).

    Options: ``limit`` (records per page, ≤ 30), ``requests_per_minute`` (150), ``timeout``,
    ``attempts``.
    """

    def __init__(self, base_url: str, email: str, secret: str | None, *,
                 system: System = System.ERP, label: str = "", limit: int = MAX_LIMIT,
                 requests_per_minute: int = REQUESTS_PER_MINUTE, timeout: float = 30.0,
                 attempts: int = 5, retry_delay: float = 0.5,
                 mapping: Mapping[str, Any] | None = None) -> None:
        if not 1 <= int(limit) <= MAX_LIMIT:
            raise SourceError(tr_app("app.connectors", "Alegra entrega a lo sumo {n} registros "
                                     "por página: «limit» debe estar entre 1 y {n}.").format(
                n=MAX_LIMIT))
        self.system = system
        self.label = label
        self.email = email
        self.limit = int(limit)
        self._token = secret
        self.pace = Pace(requests_per_minute)
        self.cancel: CancelToken | None = None
        self.http = HttpClient(base_url, auth=self._headers, timeout=timeout,
                               policy=RetryPolicy(attempts=attempts, base_delay=retry_delay))
        self._issues: list[SourceIssue] = []
        self._invoices: dict[str, dict[str, Any]] | None = None

    def describe(self) -> str:
        return f"Alegra {self.label or self.http.where()}"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def close(self) -> None:
        self.http.close()

    def _headers(self) -> Mapping[str, str]:
        if not self._token:
            raise AuthError(tr_app("app.connectors", "No hay token guardado para Alegra ({user}): "
                                   "guárdelo con «cuadre credentials set FUENTE».").format(
                user=self.email))
        self.pace.acquire(self.cancel)
        pair = base64.b64encode(f"{self.email}:{self._token}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}

    def _call(self, method: str, path: str, params: Mapping[str, Any] | None = None,
              body: Any = None) -> Response:
        self.http.cancel = self.cancel
        try:
            return self.http.request(method, path, params=params, json_body=body)
        except AuthError as exc:
            if isinstance(exc, StatusError):
                raise AuthError(tr_app("app.connectors", "Alegra rechazó el correo o el token "
                                       "({user}). Revise el token guardado.").format(
                    user=self.email)) from None
            raise

    # --- reading -------------------------------------------------------------------------------

    def _path(self, entity: Entity) -> str:
        path = _PATHS.get(entity)
        if path is None:
            raise SourceError(tr_app("app.connectors", "Alegra no guarda {what}: Cuadre lee de "
                                     "Alegra clientes, pagos y facturas.").format(what=entity.value))
        return path

    def _params(self, entity: Entity) -> dict[str, Any]:
        return {"type": "client"} if entity is Entity.CUSTOMERS else \
            {"type": "in"} if entity is Entity.PAYMENTS else {}

    def count(self, entity: Entity) -> int:
        body = self._call("GET", self._path(entity), {**self._params(entity), "start": 0,
                                                      "limit": 1, "metadata": "true"}).json()
        return int(((body or {}).get("metadata") or {}).get("total") or 0)

    def _pages(self, entity: Entity) -> Iterator[tuple[list[dict[str, Any]], int]]:
        start = 0
        while True:
            body = self._call("GET", self._path(entity), {
                **self._params(entity), "start": start, "limit": self.limit,
                "metadata": "true"}).json()
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, list):
                raise SourceError(tr_app("app.connectors", "Alegra respondió una lista sin «data» "
                                         "en {where}.").format(where=self.http.where(
                                             self._path(entity))))
            total = int((body.get("metadata") or {}).get("total") or 0)
            yield [r for r in data if isinstance(r, dict)], total
            start += len(data)
            if not data or start >= total:
                return

    def _list(self, entity: Entity, cancel: CancelToken | None) -> Task[list[dict[str, Any]]]:
        self.cancel = cancel
        rows: list[dict[str, Any]] = []
        for data, total in self._pages(entity):
            rows.extend(data)
            yield Progress(f"pull_{entity.value}", len(rows), max(total, len(rows)))
        return rows

    def pull_task(self, entity: Entity, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        entity = Entity(entity)
        self._path(entity)
        rows: list[dict[str, Any]]
        if entity is Entity.CUSTOMERS:
            raw = yield from self._list(entity, cancel)
            rows = [values.contact(r) for r in raw]
        else:
            if self._invoices is None:  # read once a run: the payments' and the invoices' pull
                invoices = yield from self._list(Entity.INVOICES, cancel)
                self._invoices = {str(i.get("id")): i for i in invoices}
            invoices = list(self._invoices.values())
            if entity is Entity.INVOICES:
                rows = [values.invoice(r) for r in invoices]
            else:
                raw = yield from self._list(entity, cancel)
                rows = [values.payment(r, self._invoices) for r in raw]
        if isinstance(since, datetime):  # no filter on Alegra's side: kept by their own dates
            rows = [r for r in rows if r.get("updated_at") is None or r["updated_at"] >= since]
        return frame(entity, rows)

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def _raw(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        if not str(source_id).isdigit():
            return None
        try:
            body = self._call("GET", f"{self._path(entity)}/{source_id}").json()
        except StatusError as exc:
            if exc.status in (400, 404):
                return None
            raise
        return body if isinstance(body, dict) else None

    @in_spanish
    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        entity = Entity(entity)
        raw = self._raw(entity, source_id)
        if raw is None:
            return None
        if entity is Entity.CUSTOMERS:
            return values.contact(raw)
        if entity is Entity.INVOICES:
            return values.invoice(raw)
        paid = {}
        for item in raw.get("invoices") or []:
            one = self._raw(Entity.INVOICES, str(item.get("id")))
            if one is not None:
                paid[str(one.get("id"))] = one
        return values.payment(raw, paid)

    # --- writing -------------------------------------------------------------------------------

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        entity = Entity(correction.entity)
        cannot = creations.refused(correction, "Alegra")
        if cannot is not None:
            return Outcome(cannot.status, cannot.reason, cannot.detail, permanent=True)
        if entity is Entity.PAYMENTS:
            return Outcome(OutcomeStatus.REJECTED, "posted_invoice",
                           "Cuadre no edita pagos ni facturas en Alegra: una factura aceptada "
                           "por la DIAN se corrige con una nota crédito.", permanent=True)
        if entity is not Entity.CUSTOMERS:
            return Outcome(OutcomeStatus.REJECTED, "read_only",
                           "Cuadre solo corrige contactos en Alegra.", permanent=True)
        try:
            return self._update(correction)
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except NetworkError as exc:
            if exc.maybe_sent:
                return Outcome(OutcomeStatus.UNKNOWN, "timeout",
                               str(exc) + " Lea el registro antes de reenviar.")
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except StatusError as exc:
            return Outcome(OutcomeStatus.REJECTED if refused_for_good(exc.status)
                           else OutcomeStatus.FAILED, f"http_{exc.status}", str(exc),
                           http_status=exc.status, retry_after=exc.retry_after,
                           permanent=refused_for_good(exc.status))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))

    def _update(self, c: Correction) -> Outcome:
        unknown = set(c.changes) - values.WRITABLE
        if unknown:
            return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                           "Alegra no recibe estos campos desde Cuadre: "
                           + ", ".join(sorted(unknown)) + ".", permanent=True)
        raw = self._raw(Entity.CUSTOMERS, c.source_id)
        if raw is None:
            return Outcome(OutcomeStatus.CONFLICT, "not_found", "Alegra ya no tiene este contacto.")
        now = values.contact(raw)
        if all(comparable(k, now.get(k)) == comparable(k, v) for k, v in c.changes.items()):
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           "Alegra ya tenía estos valores: no se escribió nada.", now)
        stale = [k for k, v in c.expected.items() if comparable(k, now.get(k)) != comparable(k, v)]
        if stale:
            return Outcome(OutcomeStatus.CONFLICT, "changed_since_approval",
                           "El contacto cambió en Alegra desde que se aprobó la corrección.", now)
        self._call("PUT", f"/api/v1/contacts/{c.source_id}", body=values.contact_body(raw, c.changes))
        after = self.read(Entity.CUSTOMERS, c.source_id)
        if after is not None and all(comparable(k, after.get(k)) == comparable(k, v)
                                     for k, v in c.changes.items()):
            return Outcome(OutcomeStatus.APPLIED, "", "Contacto corregido en Alegra.", after)
        return Outcome(OutcomeStatus.CONFLICT, "read_back_differs",
                       "Alegra aceptó el cambio pero el contacto no quedó como se esperaba: "
                       "revíselo en Alegra.", after)


__all__ = ["AlegraConnector"]
