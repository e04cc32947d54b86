"""Siigo Nube's API on the wire: the token, the ``Partner-Id`` header, paging and the pace.

As Siigo publishes it (Siigo API reference, https://siigoapi.docs.apiary.io/, and its
generated SDK's pages: CustomerApi ``GET /v1/customers`` with ``page``, ``page_size``,
``created_start``/``updated_start``…; VoucherApi ``GET /v1/vouchers``; credentials from
https://siigonube.portaldeclientes.siigo.com/basedeconocimiento/credenciales-api/):

- ``POST /auth`` with ``{"username", "access_key"}`` answers ``{"access_token", "expires_in"
  (86400: 24 h), "token_type": "Bearer"}``. The token is kept in memory only, for this
  connector's life, renewed a minute before it expires and once more when a call answers 401.
- Every call, ``/auth`` included, carries ``Partner-Id`` (the integrating application's name:
  ``Cuadre``) and ``Authorization: Bearer <token>``.
- Lists answer ``{"pagination": {"page", "page_size", "total_results"}, "results": [...],
  "_links": {...}}``; ``page_size`` is at most 100.
- 100 requests a minute per company: :class:`~app.connectors.pacing.Pace` keeps under it and a
  429 is waited for as ``Retry-After`` asks (``http``).
- A creation (``POST``) carries an ``Idempotency-Key``: the same key sent again gets the first
  answer, never a second record.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from app.connectors.base import AuthError, SourceError
from app.connectors.http import AuthStatusError, HttpClient, Response, RetryPolicy
from app.connectors.pacing import Pace
from app.domain.i18n import tr_app
from app.progress import CancelToken

PARTNER_ID = "Cuadre"
MAX_PAGE_SIZE = 100
REQUESTS_PER_MINUTE = 100
#: Renew the token this long before Siigo says it expires.
_EARLY = 60.0


class SiigoApi:
    """One Siigo company's API for one user: its token, its pace, its pages."""

    def __init__(self, base_url: str, username: str, access_key: str | None, *,
                 partner_id: str = PARTNER_ID, timeout: float = 30.0,
                 policy: RetryPolicy | None = None, requests_per_minute: int = REQUESTS_PER_MINUTE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.username = username
        self._key = access_key
        self.partner_id = partner_id
        self.pace = Pace(requests_per_minute)
        self._clock = clock
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()
        self.cancel: CancelToken | None = None
        self.http = HttpClient(base_url, auth=self._headers, timeout=timeout,
                               policy=policy or RetryPolicy())
        #: How many tokens were asked for (tests: renewed on expiry and on 401, never more).
        self.tokens_issued = 0

    def where(self) -> str:
        return self.http.where()

    # --- the token --------------------------------------------------------------------------

    def _headers(self) -> Mapping[str, str]:
        """Called by the HTTP client before every attempt: the pace, then the headers."""
        self.pace.acquire(self.cancel)
        return {"Partner-Id": self.partner_id, "Authorization": f"Bearer {self.token()}"}

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires - _EARLY:
                self._token, lifetime = self._sign_in()
                self._expires = self._clock() + lifetime
            return self._token

    def forget_token(self) -> None:
        with self._lock:
            self._token = None

    def _sign_in(self) -> tuple[str, float]:
        if not self._key:
            raise AuthError(tr_app("app.connectors", "No hay clave de acceso guardada para Siigo "
                                   "({user}): guárdela con «cuadre credentials set FUENTE».").format(
                user=self.username))
        auth = HttpClient(self.http.base_url, timeout=self.http.timeout, policy=self.http.policy,
                          sleep=self.http.sleep)
        auth.cancel = self.cancel
        try:
            self.pace.acquire(self.cancel)
            answer = auth.request("POST", "/auth", json_body={
                "username": self.username, "access_key": self._key},
                headers={"Partner-Id": self.partner_id}, idempotent=True)
        except AuthStatusError:
            raise AuthError(tr_app("app.connectors", "Siigo rechazó el usuario o la clave de acceso "
                                   "({user}). Revise la clave guardada.").format(
                user=self.username)) from None
        finally:
            auth.close()
        body = answer.json()
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise SourceError(tr_app("app.connectors", "Siigo no entregó un token de acceso."))
        self.tokens_issued += 1
        try:
            lifetime = float(body.get("expires_in") or 86400)
        except (TypeError, ValueError):
            lifetime = 86400.0
        return token, lifetime

    # --- calls ------------------------------------------------------------------------------

    def call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
             body: Any = None, key: str | None = None) -> Response:
        """One call; a 401 (the token expired early or was revoked) renews it once."""
        headers = {"Idempotency-Key": key} if key else None
        self.http.cancel = self.cancel
        for attempt in (1, 2):
            try:  # a write is never resent here: its outcome is the outbox's to resolve
                return self.http.request(method, path, params=params, json_body=body,
                                         headers=headers)
            except AuthStatusError:
                if attempt == 2 or self._key is None:
                    raise
                self.forget_token()
        raise AssertionError("unreachable")

    def pages(self, path: str, params: Mapping[str, Any], page_size: int
              ) -> Iterator[tuple[list[dict[str, Any]], int]]:
        """Every page of a list: (its results, the total Siigo reports)."""
        page = 1
        seen = 0
        while True:
            answer = self.call("GET", path, params={**params, "page": page, "page_size": page_size})
            body = answer.json()
            results = body.get("results") if isinstance(body, dict) else None
            if not isinstance(results, list):
                raise SourceError(tr_app("app.connectors", "Siigo respondió una lista sin "
                                         "«results» en {where}.").format(where=self.http.where(path)))
            pagination = body.get("pagination") or {}
            total = int(pagination.get("total_results") or 0)
            seen += len(results)
            yield [r for r in results if isinstance(r, dict)], total
            if not results or seen >= total:
                return
            page += 1

    def close(self) -> None:
        self.http.close()


def siigo_date(moment: datetime) -> str:
    """A moment as Siigo's date filters take it (``yyyy-MM-ddTHH:mm:ssZ``, UTC)."""
    from datetime import UTC

    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
