"""Odoo's two external APIs behind one call: XML-RPC (Odoo ≤ 18) and JSON-2 (Odoo 19+).

Both clients expose ``call(model, method, ids=…, params=…, context=…, write=…)`` with named
arguments only (``domain``, ``fields``, ``vals``…), which both protocols accept: XML-RPC's
``execute_kw`` takes the record ids as its one positional argument and the rest as keywords;
JSON-2 takes them all in its JSON body (Odoo's ``/json/2/<model>/<method>``).

What they share, because Odoo behaves the same way behind both:

- TLS is verified against the OS trust store (``app.connectors.http``); no switch turns it off.
- Reads are retried on a reset, a timeout or a 429/502/503/504 (``Retry-After`` honoured,
  capped jittered backoff); a write is sent once — a timeout on a write is an *unknown*
  outcome the write-back resolves by reading the record back (DESIGN §6, §9).
- Odoo's refusals become :class:`OdooFault` with a ``kind`` code and a short Spanish sentence.
  The fault's own text (it can quote personal data) never reaches a message: only its code is
  logged. One kind matters to the write-back: ``none_result``, the XML-RPC fault Odoo raises
  *after* a write when the method returned ``None`` (XML-RPC cannot marshal it); the write
  happened, so the caller reads the record back to decide.
"""

from __future__ import annotations

import errno
import http.client
import json
import logging
import random
import ssl
import time
import xmlrpc.client
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit
from xml.parsers.expat import ExpatError

from app.connectors.base import AuthError, SourceError
from app.connectors.http import (
    HttpClient,
    NetworkError,
    RetryPolicy,
    retry_after_seconds,
    status_error,
    trust_store_context,
)
from app.progress import CancelToken

log = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: A proxy's answer when Odoo took too long: the write may have been committed behind it.
_GATEWAY_TIMEOUTS = frozenset({502, 504})
#: JSON-2 answers Odoo's own errors with these statuses and a JSON body naming the exception.
_JSON2_ERRORS = frozenset({400, 403, 404, 409, 422})

# XML-RPC fault codes of Odoo's /xmlrpc/2 endpoints (odoo/addons/base/controllers/rpc.py).
_FAULT_APPLICATION = 1
_FAULT_WARNING = 2  # UserError, ValidationError, MissingError, RedirectWarning
_FAULT_ACCESS_DENIED = 3
_FAULT_ACCESS_ERROR = 4


class OdooFault(SourceError):
    """Odoo refused a call. ``kind`` is a code: ``user_error`` (a UserError or a validation),
    ``posted`` (a posted journal entry cannot change), ``missing``, ``access_error``,
    ``bad_request`` (an unknown field or argument), ``none_result`` (see the module),
    ``server``. ``code`` is Odoo's fault code or HTTP status, for the log."""

    def __init__(self, message: str, kind: str, code: int | str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code


_POSTED_HINTS = ("posted", "publicad", "asentad", "validad")


def _fault_kind(text: str, code: int | str | None) -> str:
    """What an Odoo fault means, from its code and the exception named in its text."""
    lowered = text.lower()
    if "cannot marshal none" in lowered:
        return "none_result"
    if code == _FAULT_ACCESS_ERROR or "accesserror" in lowered:
        return "access_error"
    if code == _FAULT_ACCESS_DENIED or "accessdenied" in lowered:
        return "access_denied"
    if "missingerror" in lowered or "does not exist or has been deleted" in lowered:
        return "missing"
    user = code == _FAULT_WARNING or "usererror" in lowered or "validationerror" in lowered
    if user:
        return "posted" if any(h in lowered for h in _POSTED_HINTS) else "user_error"
    if "valueerror" in lowered or "typeerror" in lowered or "invalid field" in lowered:
        return "bad_request"
    return "server"


def _fault(kind: str, code: int | str | None, where: str) -> SourceError:
    """The exception for an Odoo refusal: a Spanish sentence naming the call, no data."""
    if kind == "access_denied":
        return AuthError(f"Odoo ({where}) rechazó el usuario o la clave API. Revise la clave "
                         "guardada con «cuadre credentials set».")
    sentences = {
        "access_error": "no tiene permiso para esta operación (revise los permisos del usuario "
                        "y sus compañías permitidas)",
        "missing": "no encontró el registro (fue borrado o no es visible para este usuario)",
        "posted": "no permite cambiar un documento contable ya publicado",
        "user_error": "rechazó la operación por una regla de negocio",
        "bad_request": "no reconoce un campo o un argumento de la consulta (¿otra versión o un "
                       "módulo no instalado?)",
        "none_result": "aplicó la operación pero no pudo devolver su resultado por XML-RPC",
        "server": "falló al atender la consulta",
    }
    return OdooFault(f"Odoo ({where}) {sentences.get(kind, sentences['server'])}.", kind, code)


class _Waiter:
    """Retry pacing shared by both clients: backoff or Retry-After, cancel-aware sleeps."""

    def __init__(self, policy: RetryPolicy, sleep: Callable[[float], None]) -> None:
        self.policy = policy
        self.sleep = sleep
        self.cancel: CancelToken | None = None

    def check(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            self.check()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self.sleep(min(0.2, left))


# --- XML-RPC -----------------------------------------------------------------------------------


class _Transport(xmlrpc.client.Transport):
    """xmlrpc.client's transport with a timeout, the OS trust store for https, and exactly one
    attempt per request: the stdlib resends once on a reset, which must not happen to a write
    (this module retries reads itself)."""

    def __init__(self, https: bool, timeout: float) -> None:
        super().__init__()
        self.user_agent = "Cuadre/1 (+conciliacion CRM-ERP)"
        self._https = https
        self._timeout = timeout
        self._context = trust_store_context() if https else None

    def make_connection(self, host: Any) -> http.client.HTTPConnection:
        cached = self._connection
        if cached and host == cached[0] and cached[1] is not None:
            return cached[1]
        chost, self._extra_headers, _x509 = self.get_host_info(host)
        conn: http.client.HTTPConnection
        if self._https:
            conn = http.client.HTTPSConnection(chost, timeout=self._timeout, context=self._context)
        else:
            conn = http.client.HTTPConnection(chost, timeout=self._timeout)
        self._connection = host, conn
        return conn

    def request(self, host: Any, handler: Any, request_body: Any, verbose: bool = False) -> Any:
        return self.single_request(host, handler, request_body, verbose)


def _network(exc: BaseException, where: str, retried: bool) -> NetworkError:
    tries = " tras varios intentos" if retried else ""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return NetworkError(f"{where} presentó un certificado que no es de confianza para este "
                            "equipo.", maybe_sent=False)
    if isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) in (
        errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH
    ):
        return NetworkError(f"{where} rechazó la conexión o no se alcanza{tries}.", maybe_sent=False)
    if isinstance(exc, TimeoutError):
        return NetworkError(f"{where} no respondió a tiempo{tries}.", maybe_sent=True)
    return NetworkError(f"{where} cortó la conexión{tries}.", maybe_sent=True)


class XmlRpcClient:
    """Odoo's ``/xmlrpc/2/common`` and ``/xmlrpc/2/object``; ``authenticate`` gets the uid."""

    protocol = "xmlrpc"

    def __init__(self, base_url: str, database: str, login: str, secret: str, *,
                 timeout: float = 60.0, policy: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep, uid: int | None = None) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError("La dirección de Odoo no es una URL http(s) válida.")
        self.base_url = base_url.rstrip("/")
        self.host = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.database = database
        self._login = login
        self._secret = secret
        self._uid = uid
        self._waiter = _Waiter(policy or RetryPolicy(), sleep)
        https = parts.scheme == "https"
        self._transports = {name: _Transport(https, timeout) for name in ("common", "object")}
        self._proxies = {
            name: xmlrpc.client.ServerProxy(f"{self.base_url}/xmlrpc/2/{name}", transport=t,
                                            allow_none=True)
            for name, t in self._transports.items()
        }

    @property
    def cancel(self) -> CancelToken | None:
        return self._waiter.cancel

    @cancel.setter
    def cancel(self, token: CancelToken | None) -> None:
        self._waiter.cancel = token

    def where(self, service: str = "object") -> str:
        return f"{self.host}/xmlrpc/2/{service}"

    def version(self) -> dict[str, Any]:
        """The server's version() answer (no authentication needed)."""
        result = self._invoke("common", lambda p: p.version(), write=False, what="version")
        return result if isinstance(result, dict) else {}

    def authenticate(self) -> int:
        if self._uid is None:
            try:
                uid = self._invoke("common", lambda p: p.authenticate(
                    self.database, self._login, self._secret, {}), write=False, what="authenticate")
            except OdooFault as fault:
                if fault.kind == "access_denied":
                    raise
                raise SourceError(f"Odoo ({self.host}) no pudo abrir la base «{self.database}»: "
                                  "revise el nombre de la base de datos.") from None
            if not uid or isinstance(uid, bool):
                raise AuthError(f"Odoo ({self.host}, base {self.database}) rechazó el usuario o la "
                                "clave API. Revise la clave guardada con «cuadre credentials set».")
            self._uid = int(uid)
        return self._uid

    def call(self, model: str, method: str, *, ids: list[int] | None = None,
             params: Mapping[str, Any] | None = None, context: Mapping[str, Any] | None = None,
             write: bool = False) -> Any:
        uid = self.authenticate()
        args: list[Any] = [] if ids is None else [list(ids)]
        kwargs = dict(params or {})
        if context:
            kwargs["context"] = dict(context)
        return self._invoke("object", lambda p: p.execute_kw(
            self.database, uid, self._secret, model, method, args, kwargs),
            write=write, what=f"{model}.{method}")

    def close(self) -> None:
        for transport in self._transports.values():
            transport.close()

    def _invoke(self, service: str, fn: Callable[[Any], Any], *, write: bool, what: str) -> Any:
        proxy = self._proxies[service]
        transport = self._transports[service]
        if write:
            transport.close()  # a fresh connection: a stale keep-alive must not eat the write
        policy = self._waiter.policy
        attempt = 0
        while True:
            attempt += 1
            self._waiter.check()
            try:
                return fn(proxy)
            except xmlrpc.client.Fault as fault:
                code = fault.faultCode
                kind = _fault_kind(str(fault.faultString), code)
                log.warning("Odoo respondió con la falla %s (%s) en %s", code, kind, what)
                raise _fault(kind, code, self.where(service)) from None
            except xmlrpc.client.ProtocolError as exc:
                transport.close()
                status = int(exc.errcode)
                if status in _RETRY_STATUSES and not write and attempt < policy.attempts:
                    delay = policy.backoff(attempt)
                    asked = retry_after_seconds((exc.headers or {}).get("Retry-After"))
                    if asked is not None:
                        if asked > policy.max_retry_after:
                            raise SourceError(f"{self.where(service)} pide esperar {int(asked)} s "
                                              "antes de otra consulta. Intente más tarde.") from None
                        delay = asked + random.uniform(0, min(1.0, policy.base_delay))
                    self._waiter.wait(delay)
                    continue
                if status == 404:
                    raise SourceError(f"{self.where(service)} no existe en el servidor (HTTP 404): "
                                      "¿es la dirección de Odoo, y ofrece XML-RPC?") from None
                if write and status in _GATEWAY_TIMEOUTS:
                    raise NetworkError(f"{self.where(service)} no respondió a tiempo (HTTP {status}).",
                                       maybe_sent=True) from None
                raise status_error(status, self.where(service)) from None
            except (xmlrpc.client.ResponseError, ExpatError) as exc:
                transport.close()
                raise SourceError(f"{self.where(service)} no respondió XML-RPC válido.") from exc
            except (OSError, http.client.HTTPException) as exc:
                transport.close()
                error = _network(exc, self.where(service), retried=attempt > 1)
                if not write and attempt < policy.attempts and not isinstance(
                    exc, ssl.SSLCertVerificationError
                ):
                    self._waiter.wait(policy.backoff(attempt))
                    continue
                raise error from None


# --- JSON-2 ------------------------------------------------------------------------------------


class Json2Client:
    """Odoo 19+'s ``POST /json/2/<model>/<method>`` with ``Authorization: bearer <API key>``."""

    protocol = "json2"

    def __init__(self, base_url: str, database: str, secret: str, *, timeout: float = 60.0,
                 policy: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.database = database
        self._http = HttpClient(base_url, auth=lambda: {"Authorization": f"bearer {secret}"},
                                timeout=timeout, policy=policy or RetryPolicy(), sleep=sleep)
        self.host = self._http.where().rstrip("/")
        self._checked = False

    @property
    def cancel(self) -> CancelToken | None:
        return self._http.cancel

    @cancel.setter
    def cancel(self, token: CancelToken | None) -> None:
        self._http.cancel = token

    def authenticate(self) -> int:
        """Checks the key with ``res.users/context_get`` (a 401 raises AuthError)."""
        try:
            context = self.call("res.users", "context_get")
        except OdooFault as fault:
            if fault.code != 404:
                raise
            raise SourceError(f"Odoo ({self.host}) no encontró la base «{self.database}» o no "
                              "ofrece la API JSON-2 (Odoo 19 o posterior).") from None
        self._checked = True
        uid = context.get("uid") if isinstance(context, dict) else None
        return int(uid) if isinstance(uid, int) else 0

    def call(self, model: str, method: str, *, ids: list[int] | None = None,
             params: Mapping[str, Any] | None = None, context: Mapping[str, Any] | None = None,
             write: bool = False) -> Any:
        body: dict[str, Any] = dict(params or {})
        if ids is not None:
            body["ids"] = list(ids)
        if context:
            body["context"] = dict(context)
        path = f"/json/2/{model}/{method}"
        response = self._http.request(
            "POST", path, json_body=body, headers={"X-Odoo-Database": self.database},
            idempotent=not write, ok=_JSON2_ERRORS | (_GATEWAY_TIMEOUTS if write else frozenset()),
        )
        if response.status in _GATEWAY_TIMEOUTS:
            raise NetworkError(f"{self._http.where(path)} no respondió a tiempo (HTTP "
                               f"{response.status}).", maybe_sent=True)
        try:
            payload = json.loads(response.body.decode("utf-8"), parse_float=Decimal) \
                if response.body else None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(f"{self._http.where(path)} no respondió JSON válido.") from exc
        if 200 <= response.status < 300:
            return payload
        name = str(payload.get("name", "")) if isinstance(payload, dict) else ""
        message = str(payload.get("message", "")) if isinstance(payload, dict) else ""
        kind = _json2_kind(name, message, response.status)
        log.warning("Odoo respondió HTTP %s (%s) en %s.%s", response.status, kind, model, method)
        raise _fault(kind, response.status, self._http.where(path))

    def close(self) -> None:
        self._http.close()


def _json2_kind(name: str, message: str, status: int) -> str:
    """What a JSON-2 error means: the exception Odoo names, else the HTTP status."""
    lowered = name.lower()
    if "accessdenied" in lowered or "unauthorized" in lowered:
        return "access_denied"
    if lowered.startswith("odoo.exceptions.") or lowered.endswith(("valueerror", "typeerror")):
        return _fault_kind(f"{name} {message}", _FAULT_WARNING if "usererror" in lowered else None)
    return {403: "access_error", 404: "missing", 422: "user_error"}.get(status, "bad_request")


def web_version(base_url: str, *, timeout: float = 30.0) -> dict[str, Any]:
    """``GET /web/version`` (no authentication): ``{"version_info": [19, 0, …], …}``."""
    client = HttpClient(base_url, timeout=timeout, policy=RetryPolicy(attempts=2))
    try:
        payload = client.get("/web/version").json()
    finally:
        client.close()
    return payload if isinstance(payload, dict) else {}


def major_version(info: Mapping[str, Any]) -> int | None:
    """The major version from version()/``/web/version``: 17 for "17.0", "saas~18.2+e"…"""
    numbers = info.get("server_version_info") or info.get("version_info")
    if isinstance(numbers, list | tuple) and numbers and isinstance(numbers[0], int):
        return int(numbers[0])
    text = str(info.get("server_version") or info.get("version") or "")
    digits = "".join(c if c.isdigit() else " " for c in text).split()
    return int(digits[0]) if digits else None
