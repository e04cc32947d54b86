"""HubSpot's wire: a private app's Bearer token, its rate limits kept, its errors read.

- Authentication: the private app's access token in ``Authorization: Bearer`` —
  https://developers.hubspot.com/docs/api/private-apps. It comes from the OS keyring and is
  never logged nor put in a message.
- Rate limits (https://developers.hubspot.com/docs/api/usage-details): private apps get a
  burst of 100 requests per 10 seconds (Free/Starter; 190 on Professional/Enterprise) and a
  daily quota; the search endpoints 5 requests per second per token
  (https://developers.hubspot.com/docs/api/crm/search, Limitations). Cuadre paces itself under
  both (sliding windows, option ``requests_per_10s``), and a 429 is waited for as its
  ``Retry-After`` asks (``http.HttpClient``); a daily-limit 429 asks for longer than Cuadre
  waits and stops the pull with a clear sentence.
- Errors: HubSpot's JSON error (``status``, ``message``, ``correlationId``, ``category``:
  https://developers.hubspot.com/docs/faq/api-error-responses) becomes :class:`HubSpotRefusal`
  with the category and the correlation id (for HubSpot's support), never the message's values.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from app.connectors.base import SourceError
from app.connectors.http import HttpClient, Response, RetryPolicy
from app.domain.i18n import tr_app
from app.progress import CancelToken

API = "https://api.hubapi.com"
#: Answers read here rather than raised by the HTTP client: HubSpot says why in the body.
READ_HERE = frozenset({400, 404, 207, 409})


class HubSpotRefusal(SourceError):
    """HubSpot refused a request (4xx with its error body): ``status`` and ``category``."""

    def __init__(self, message: str, status: int, category: str) -> None:
        super().__init__(message)
        self.status = status
        self.category = category


class _Pace:
    """Sliding windows: at most ``count`` calls in any ``seconds``."""

    def __init__(self, count: int, seconds: float) -> None:
        self.count, self.seconds = count, seconds
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self, sleep: Callable[[float], None]) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                while self._times and now - self._times[0] >= self.seconds:
                    self._times.popleft()
                if len(self._times) < self.count:
                    self._times.append(now)
                    return
                left = self.seconds - (now - self._times[0])
            sleep(max(0.01, left))


class Wire:
    """The calls of one HubSpot portal, paced and authenticated."""

    def __init__(self, base_url: str, token: str, *, timeout: float, policy: RetryPolicy,
                 burst: int = 100) -> None:
        self._token = token
        self.http = HttpClient(base_url, auth=lambda: {"Authorization": f"Bearer {self._token}"},
                               timeout=timeout, policy=policy)
        # A little under the documented limits: the portal's own clock is not ours.
        self._burst = _Pace(max(1, burst - 2), 10.05)
        self._search = _Pace(4, 1.05)

    @property
    def cancel(self) -> CancelToken | None:
        return self.http.cancel

    @cancel.setter
    def cancel(self, token: CancelToken | None) -> None:
        self.http.cancel = token

    def where(self) -> str:
        return self.http.where()

    def call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
             body: Any = None, safe: bool | None = None) -> Response:
        """One request; a 4xx HubSpot explains is raised as :class:`HubSpotRefusal` (a 207
        is returned: a batch that partly failed)."""
        if path.endswith("/search"):
            self._search.wait(self._sleep)
        self._burst.wait(self._sleep)
        response = self.http.request(method, path, params=params, json_body=body,
                                     idempotent=safe, ok=READ_HERE)
        if response.status in READ_HERE and response.status != 207:
            raise refusal(response, self.http.where(path))
        return response

    def _sleep(self, seconds: float) -> None:
        if self.http.cancel is not None:
            self.http.cancel.check()
        time.sleep(min(seconds, 0.25))

    def close(self) -> None:
        self.http.close()


def refusal(response: Response, where: str) -> HubSpotRefusal:
    """HubSpot's error body as a Spanish sentence: the status, the category, the correlation
    id — not HubSpot's message, which may quote the values sent."""
    try:
        body = response.json()
    except SourceError:
        body = {}
    body = body if isinstance(body, dict) else {}
    category = str(body.get("category") or body.get("errorType") or "")
    correlation = str(body.get("correlationId") or "")
    if response.status == 404:
        text = tr_app("app.connectors", "HubSpot ({where}) no tiene ese registro (HTTP 404).")
    else:
        text = tr_app("app.connectors", "HubSpot ({where}) rechazó la solicitud (HTTP {status}, "
                                        "{category}).")
    if correlation:
        text += " " + tr_app("app.connectors", "Referencia de HubSpot: {correlation}.")
    return HubSpotRefusal(text.format(where=where, status=response.status,
                                      category=category or "?", correlation=correlation),
                          response.status, category)
