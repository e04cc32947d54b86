"""One HTTP client for the connectors: the OS trust store, timeouts, and careful retries.

TLS is always verified, against the operating system's trust store (``truststore``), so a
dealership's corporate CA works without exporting certificates; there is no switch to turn
verification off. Requests are made with urllib3 with its own retries disabled: retrying is
decided here, and only for requests that are safe to repeat (reads). A write is never retried
by the client — a timeout on a write is an *unknown* outcome for the write-back to resolve by
reading the record back (DESIGN §6, §9).

Retries: 429 and 503 wait what ``Retry-After`` asks (capped); other 5xx, resets and timeouts
wait an exponential, jittered backoff (capped). Every wait checks the cancel token. Errors
raise :class:`~app.connectors.base.SourceError` (or ``AuthError`` for 401/403) with a Spanish
sentence naming the host and path — never a header, a token or a response body.
"""

from __future__ import annotations

import json
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import truststore
import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from app.connectors.base import AuthError, SourceError
from app.domain.i18n import tr_app
from app.progress import CancelToken

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_HONOURS_RETRY_AFTER = frozenset({429, 503})
#: 4xx answers that mean "not now" rather than "never": the server timed the request out (408),
#: the resource is busy (409: e.g. the same idempotency key still in flight), too early (425),
#: too many requests (429). Every other 4xx is a refusal that sending again cannot change.
TRANSIENT_4XX = frozenset({408, 409, 425, 429})
USER_AGENT = "Cuadre/1 (+conciliacion CRM-ERP)"


class StatusError(SourceError):
    """A final non-2xx answer: its HTTP ``status`` and, for 429/503, the seconds the server
    asked to wait (``retry_after``, from ``Retry-After``), so a write's outcome can carry them."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class AuthStatusError(AuthError, StatusError):
    """401/403: the credentials were refused (an :class:`AuthError` that knows its status)."""


class NetworkError(SourceError):
    """No response: the host refused, reset or timed out. ``maybe_sent`` is True when the
    request may have reached the server (a write's outcome is then unknown)."""

    def __init__(self, message: str, maybe_sent: bool) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How many times a safe request is tried, and how long to wait between tries."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    #: A Retry-After longer than this is not waited for: the pull fails with a clear message.
    max_retry_after: float = 120.0

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """Full-jitter exponential backoff for try number ``attempt`` (1-based), capped."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return (rng or random).uniform(0, ceiling)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date; None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(slots=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(tr_app("app.connectors", "El servidor respondió algo que no es JSON "
                                                       "válido.")) from exc

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def trust_store_context() -> ssl.SSLContext:
    """An SSL context that verifies against the OS trust store (and checks host names)."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@dataclass
class HttpClient:
    """A pool of connections to one service. ``auth`` gives the headers that authenticate a
    request (called per request, so a token can be refreshed); it is never logged."""

    base_url: str
    auth: Callable[[], Mapping[str, str]] | None = None
    timeout: float = 30.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    cancel: CancelToken | None = None
    sleep: Callable[[float], None] = time.sleep
    #: Tests only (the crash campaign): when set, a write's body is sent in two parts and this
    #: is called between them, so a test can kill the process with half a request on the wire.
    #: None (always, outside tests): the body goes in one piece.
    midway: Callable[[], None] | None = None
    #: A header that, on a 429 without ``Retry-After``, tells the seconds left in the service's
    #: window (Alegra's ``X-Rate-Limit-Reset``: «los segundos que le quedan al período actual»).
    reset_header: str | None = None
    _pool: urllib3.PoolManager = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(tr_app("app.connectors", "La dirección {where} no es una URL http(s) "
                                                       "válida.").format(where=self.where()))
        if parts.username or parts.password:
            raise SourceError(tr_app("app.connectors", "La URL no debe llevar usuario ni contraseña: se "
                                                       "guardan en el almacén de credenciales del "
                                                       "sistema."))
        self.base_url = self.base_url.rstrip("/")
        self._pool = urllib3.PoolManager(
            num_pools=4, maxsize=4, retries=False,
            ssl_context=trust_store_context() if parts.scheme == "https" else None,
            headers={"User-Agent": USER_AGENT},
        )

    def where(self, path: str = "") -> str:
        """Host and path for messages: no query string (it may carry a token), no user info."""
        parts = urlsplit(self.base_url + path if path.startswith("/") or not path else path)
        host = parts.hostname or "?"
        if parts.port:
            host = f"{host}:{parts.port}"
        return f"{host}{parts.path or '/'}"

    def url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        if path.startswith(("http://", "https://")):
            url = path
        else:
            url = f"{self.base_url}/{path.lstrip('/')}" if path else self.base_url
        if params:
            query = urlencode({k: v for k, v in params.items() if v is not None})
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        return url

    # --- requests ---------------------------------------------------------------------------

    def get(self, path: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
        return self.request("GET", path, params=params, headers=headers, idempotent=True)

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                json_body: Any = None, body: bytes | None = None,
                headers: Mapping[str, str] | None = None, idempotent: bool | None = None,
                ok: frozenset[int] | None = None) -> Response:
        """Send one request; retry it only when it is safe to (``idempotent``, by default GET
        and HEAD). Returns the response when its status is 2xx or in ``ok``; raises otherwise."""
        safe = method in ("GET", "HEAD") if idempotent is None else idempotent
        url = self.url(path, params)
        sent_headers = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, default=str).encode("utf-8")
            sent_headers.setdefault("Content-Type", "application/json")
        sent_headers.setdefault("Accept", "application/json")
        if body and self.midway is not None and not safe:
            sent_headers["Content-Length"] = str(len(body))
        attempt = 0
        while True:
            attempt += 1
            self._check()
            if self.auth is not None:
                sent_headers.update(self.auth())
            try:
                raw = self._pool.request(
                    method, url, body=self._body(body, safe), headers=sent_headers,
                    redirect=False,
                    timeout=urllib3.Timeout(connect=min(10.0, self.timeout), read=self.timeout),
                    preload_content=True,
                )
            except (ReadTimeoutError, ProtocolError, Urllib3Error) as exc:
                if safe and attempt < self.policy.attempts:
                    self._wait(self.policy.backoff(attempt))
                    continue
                raise _network_error(exc, self.where(url), safe) from None
            response = Response(raw.status, {k.lower(): v for k, v in raw.headers.items()},
                                raw.data or b"")
            if 200 <= response.status < 300 or (ok and response.status in ok):
                return response
            if response.status in _RETRY_STATUSES and safe and attempt < self.policy.attempts:
                delay = self.policy.backoff(attempt)
                if response.status in _HONOURS_RETRY_AFTER:
                    asked = self._asked(response)
                    if asked is not None:
                        if asked > self.policy.max_retry_after:
                            raise StatusError(
                                tr_app("app.connectors", "{where} pide esperar {seconds} s antes de otra "
                                                         "consulta (límite de solicitudes). Intente más "
                                                         "tarde.").format(
                                    where=self.where(url), seconds=int(asked)),
                                response.status, asked)
                        delay = asked + random.uniform(0, min(1.0, self.policy.base_delay))
                self._wait(delay)
                continue
            raise status_error(response.status, self.where(url), self._asked(response))

    def close(self) -> None:
        self._pool.clear()

    def _asked(self, response: Response) -> float | None:
        """The seconds a 429/503 asks to wait: its Retry-After, else (a 429) the
        :attr:`reset_header` the service documents."""
        asked = retry_after_of(response)
        if asked is None and response.status == 429 and self.reset_header:
            try:
                left = float(response.header(self.reset_header) or "")
            except ValueError:
                return None
            return left if 0 <= left < 86400 else None
        return asked

    # --- helpers ----------------------------------------------------------------------------

    def _body(self, body: bytes | None, safe: bool) -> bytes | Iterator[bytes] | None:
        """The body as sent: whole, or (a write, with :attr:`midway` set) in two halves with
        the call between them (the Content-Length header, set already, keeps it unchunked)."""
        midway = self.midway
        if not body or midway is None or safe:
            return body

        def halves(whole: bytes) -> Iterator[bytes]:
            cut = len(whole) // 2
            yield whole[:cut]
            midway()
            yield whole[cut:]

        return halves(body)

    def _check(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def _wait(self, seconds: float) -> None:
        """Sleep in short slices so a cancel is honoured within a fraction of a second."""
        deadline = time.monotonic() + seconds
        while True:
            self._check()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self.sleep(min(0.2, left))


def refused_for_good(status: int | None) -> bool:
    """Whether an HTTP ``status`` is a refusal that the same request, sent again, would get
    again: a 4xx other than :data:`TRANSIENT_4XX`."""
    return status is not None and 400 <= status < 500 and status not in TRANSIENT_4XX


def retry_after_of(response: Response) -> float | None:
    """The seconds a 429/503 answer asks to wait (its ``Retry-After``), else None."""
    if response.status not in _HONOURS_RETRY_AFTER:
        return None
    return retry_after_seconds(response.header("retry-after"))


def status_error(status: int, where: str, retry_after: float | None = None) -> StatusError:
    """The error for a final non-2xx status: a Spanish sentence with the host and path only,
    carrying the status (and what Retry-After asked, when given)."""
    if status in (401, 403):
        return AuthStatusError(
            tr_app("app.connectors", "{where} rechazó las credenciales (HTTP {status}). Revise el token "
                                     "o la clave guardados con «cuadre credentials set».").format(
                where=where, status=status), status)
    if status == 404:
        return StatusError(tr_app("app.connectors", "{where} no existe en el servidor (HTTP 404). Revise "
                                                    "la ruta.").format(where=where), status)
    if status == 429:
        return StatusError(tr_app("app.connectors", "{where} sigue limitando las solicitudes (HTTP 429). "
                                                    "Intente más tarde.").format(where=where), status,
                                                        retry_after)
    if status >= 500:
        return StatusError(tr_app("app.connectors", "{where} falló del lado del servidor (HTTP {status}) "
                                                    "tras varios intentos.").format(
                               where=where, status=status), status, retry_after)
    return StatusError(tr_app("app.connectors", "{where} respondió HTTP {status}.").format(
                           where=where, status=status), status)


def _network_error(exc: Exception, where: str, retried: bool) -> NetworkError:
    tries = tr_app("app.connectors", " tras varios intentos") if retried else ""
    sentence, maybe_sent = tr_app("app.connectors", "{where} no está disponible{tries}."), True
    if isinstance(exc, ReadTimeoutError):
        sentence = tr_app("app.connectors", "{where} no respondió a tiempo{tries}.")
    elif isinstance(exc, urllib3.exceptions.SSLError):
        sentence = tr_app("app.connectors", "{where} presentó un certificado que no es de confianza "
                                            "para este equipo{tries}.")
        maybe_sent = False
    elif isinstance(exc, urllib3.exceptions.NewConnectionError | urllib3.exceptions.ConnectTimeoutError):
        sentence = tr_app("app.connectors", "{where} rechazó la conexión o no se alcanza{tries}.")
        maybe_sent = False
    elif isinstance(exc, ProtocolError):
        sentence = tr_app("app.connectors", "{where} cortó la conexión{tries}.")
    return NetworkError(sentence.format(where=where, tries=tries), maybe_sent)
