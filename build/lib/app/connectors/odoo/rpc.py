"""Odoo's two external APIs behind one call: XML-RPC (Odoo ≤ 18) and JSON-2 (Odoo 19+).

Both clients expose ``call(model, method, args, kwargs, context=…, write=…)`` and take the
method's arguments the way Odoo's own code passes them: positionally (``write`` gets ``[[ids],
values]``, ``create`` ``[vals_list]``, ``search_read`` ``[domain, fields]``, ``search_count``
``[domain]``, ``read`` ``[[ids], fields]``). By name go only the keywords Odoo's base signatures
name and no module renames (:data:`KEYWORDS`: ``offset``, ``limit``, ``order``,
``attributes``…) and ``context``. This matters: installed modules override methods with their
own parameter names — base_vat and partner_autocomplete define ``res.partner.write(self,
values)`` — so a value sent as ``vals=`` is a ``TypeError`` on a real Colombian Odoo 17.

XML-RPC sends the arguments as they are (``execute_kw(db, uid, key, model, method, args,
kwargs)``). JSON-2 takes only named arguments in its JSON body, bound by Odoo 19 against the
method's signature, so the positional ones are named as Odoo 19's own signatures name them
(:data:`JSON2_PARAMETERS`: ``write(self, vals)``, ``create(self, vals_list)``,
``search_read(self, domain, fields, offset, limit, order)``…), and the ids of a method on
records go in ``ids``.

What they share, because Odoo behaves the same way behind both:

- TLS is verified against the OS trust store (``app.connectors.http``); no switch turns it off.
- Reads are retried on a reset, a timeout or a 429/502/503/504 (``Retry-After`` honoured,
  capped jittered backoff); a write is sent once — a timeout on a write is an *unknown*
  outcome the write-back resolves by reading the record back (DESIGN §6, §9).
- Odoo's refusals become :class:`OdooFault` with a ``kind`` code and a short Spanish sentence.
  The fault's own text (it can quote personal data) never reaches a message: only its code is
  logged. The kind is read from the exception Odoo names — for an application fault, the last
  line of its traceback — so a ``TypeError`` or ``ValueError`` raised by Odoo's code is
  ``bad_request`` (the same call can never succeed), while a fault naming no recognisable
  exception is ``server``. One kind matters to the write-back: ``none_result``, the XML-RPC
  fault Odoo raises *after* a write when the method returned ``None`` (XML-RPC cannot marshal
  it); the write happened, so the caller reads the record back to decide.
"""

from __future__ import annotations

import errno
import http.client
import json
import logging
import random
import re
import ssl
import time
import xmlrpc.client
from collections.abc import Callable, Mapping, Sequence
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
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.progress import CancelToken

log = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: A proxy's answer when Odoo took too long: the write may have been committed behind it.
_GATEWAY_TIMEOUTS = frozenset({502, 504})
#: JSON-2 answers Odoo's own errors with these statuses and a JSON body naming the exception
#: (500 for an exception that is not Odoo's, such as a ValueError raised by a write).
_JSON2_ERRORS = frozenset({400, 403, 404, 409, 422, 500})

# XML-RPC fault codes of Odoo's /xmlrpc/2 endpoints (odoo/addons/base/controllers/rpc.py).
_FAULT_APPLICATION = 1
_FAULT_WARNING = 2  # UserError, ValidationError, MissingError, RedirectWarning
_FAULT_ACCESS_DENIED = 3
_FAULT_ACCESS_ERROR = 4

#: The only arguments a caller passes by name (besides ``context``): those Odoo's base
#: signatures name and that no module renames. Everything else is positional.
KEYWORDS = frozenset({"offset", "limit", "order", "attributes", "allfields", "load"})
#: Odoo 19's parameter names (after ``self``) of the ORM methods Cuadre calls: JSON-2 takes
#: every argument by name, bound by Odoo against the method's own signature.
JSON2_PARAMETERS: dict[str, tuple[str, ...]] = {
    "search_read": ("domain", "fields", "offset", "limit", "order"),
    "search": ("domain", "offset", "limit", "order"),
    "search_count": ("domain", "limit"),
    "read": ("fields", "load"),
    "write": ("vals",),
    "create": ("vals_list",),
    "unlink": (),
    "fields_get": ("allfields", "attributes"),
    "context_get": (),
}
#: Methods on records: their first positional argument is the record ids.
RECORD_METHODS = frozenset({"read", "write", "unlink"})


def _keywords(method: str, kwargs: Mapping[str, Any] | None) -> dict[str, Any]:
    """The named arguments of a call, refused when Odoo's modules may name them otherwise
    (a programming error: those go positionally)."""
    named = dict(kwargs or {})
    odd = sorted(set(named) - KEYWORDS)
    if odd:
        raise ValueError(f"{method}(): {', '.join(odd)} must be passed positionally")
    return named


def json2_body(method: str, args: Sequence[Any], kwargs: Mapping[str, Any] | None
               ) -> dict[str, Any]:
    """The JSON-2 body of a call: ``ids`` for a method on records, the positional arguments
    named as Odoo 19 names them, then the keywords."""
    named = _keywords(method, kwargs)
    rest = list(args)
    body: dict[str, Any] = {}
    if method in RECORD_METHODS:
        if not rest:
            raise ValueError(f"{method}() needs the record ids as its first argument")
        ids = rest.pop(0)
        body["ids"] = [ids] if isinstance(ids, int) else list(ids)
    names = JSON2_PARAMETERS.get(method)
    if names is None and rest:
        raise ValueError(f"{method}(): no Odoo 19 signature known to name its arguments")
    if len(rest) > len(names or ()):
        raise ValueError(f"{method}() takes {len(names or ())} arguments after the ids")
    for name, value in zip(names or (), rest, strict=False):
        if name in named:
            raise ValueError(f"{method}(): {name} given twice")
        body[name] = value
    body.update(named)
    return body


class OdooFault(SourceError):
    """Odoo refused a call. ``kind`` is a code: ``user_error`` (a UserError or a validation),
    ``posted`` (a posted or reconciled journal entry cannot change), ``missing`` (a record or
    a model that is not there), ``access_error``, ``bad_request`` (a TypeError or ValueError
    in Odoo: an unknown field or argument), ``none_result`` (see the module), ``server``
    (anything else, e.g. a serialization failure: may succeed later). ``code`` is Odoo's
    fault code or HTTP status, for the log."""

    def __init__(self, message: str, kind: str, code: int | str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code


#: Words of Odoo's refusals to touch a posted or reconciled journal entry (English, Spanish).
_POSTED_HINTS = ("posted", "publicad", "asentad", "validad", "asiento contable", "reconciled",
                 "conciliad")
#: Odoo's exceptions (the class named last in a traceback) and what they mean here.
_EXCEPTIONS = {
    "accesserror": "access_error", "accessdenied": "access_denied", "missingerror": "missing",
    "usererror": "user_error", "validationerror": "user_error", "redirectwarning": "user_error",
    "typeerror": "bad_request", "valueerror": "bad_request", "keyerror": "bad_request",
    "attributeerror": "bad_request",
}
#: «Object x doesn't exist»: the model is not installed (Odoo 17 says it in the user's language).
_NO_MODEL = re.compile(r"\b(object|objeto)\s+\S+\s+(doesn't exist|does not exist|no existe)",
                       re.IGNORECASE)
_MISSING = ("does not exist or has been deleted", "no existe o ha sido eliminado")


_RAISED = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Denied|Failure|Fault))(?::|$)")


def _raised(text: str) -> str | None:
    """The exception class an application fault's traceback ends with ("TypeError"), if any:
    the last line that starts with an exception's name (a message may span lines)."""
    for line in reversed(text.strip().splitlines()):
        found = _RAISED.match(line)
        if found:
            return found.group(1).rsplit(".", 1)[-1]
    return None


def _fault_kind(text: str, code: int | str | None) -> str:
    """What an Odoo fault means, from its code and the exception named in its text."""
    lowered = text.lower()
    if "cannot marshal none" in lowered:
        return "none_result"
    if code == _FAULT_ACCESS_ERROR:
        return "access_error"
    if code == _FAULT_ACCESS_DENIED:
        return "access_denied"
    raised = (_raised(text) or "").lower()
    kind = _EXCEPTIONS.get(raised)
    if code == _FAULT_WARNING or kind in ("user_error", "missing"):
        if _NO_MODEL.search(text) or any(m in lowered for m in _MISSING) or kind == "missing":
            return "missing"
        return "posted" if any(h in lowered for h in _POSTED_HINTS) else "user_error"
    if kind is not None:
        return kind
    return "server"


def _fault(kind: str, code: int | str | None, where: str) -> SourceError:
    """The exception for an Odoo refusal: a Spanish sentence naming the call, no data."""
    if kind == "access_denied":
        return AuthError(tr_app("app.connectors", "Odoo ({where}) rechazó el usuario o la clave API. "
                                                  "Revise la clave guardada con «cuadre credentials "
                                                  "set».").format(
                             where=where))
    sentence = tr_marked("app.connectors", _FAULT_SENTENCES.get(kind, _FAULT_SENTENCES["server"]))
    return OdooFault(sentence.format(where=where), kind, code)


#: What Cuadre says of each kind of Odoo refusal (``where`` names the call).
_FAULT_SENTENCES = {
    "access_error": mark_app("app.connectors", "Odoo ({where}) no tiene permiso para esta operación "
                                               "(revise los permisos del usuario y sus compañías "
                                               "permitidas)."),
    "missing": mark_app("app.connectors", "Odoo ({where}) no encontró el registro (fue borrado o no "
                                          "es visible para este usuario)."),
    "posted": mark_app("app.connectors", "Odoo ({where}) no permite cambiar un documento contable "
                                         "ya publicado."),
    "user_error": mark_app("app.connectors", "Odoo ({where}) rechazó la operación por una regla de "
                                             "negocio."),
    "bad_request": mark_app("app.connectors", "Odoo ({where}) no reconoce un campo o un argumento de "
                                              "la consulta (¿otra versión o un módulo no "
                                              "instalado?)."),
    "none_result": mark_app("app.connectors", "Odoo ({where}) aplicó la operación pero no pudo "
                                              "devolver su resultado por XML-RPC."),
    "server": mark_app("app.connectors", "Odoo ({where}) falló al atender la consulta."),
}


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
    tries = tr_app("app.connectors", " tras varios intentos") if retried else ""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return NetworkError(tr_app("app.connectors", "{where} presentó un certificado que no es de "
                                                     "confianza para este "
                                                     "equipo.").format(where=where), maybe_sent=False)
    if isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) in (
        errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH
    ):
        return NetworkError(tr_app("app.connectors", "{where} rechazó la conexión o no se "
                                                     "alcanza{tries}.").format(
                                where=where, tries=tries), maybe_sent=False)
    if isinstance(exc, TimeoutError):
        return NetworkError(tr_app("app.connectors", "{where} no respondió a tiempo{tries}.").format(
                                where=where, tries=tries), maybe_sent=True)
    return NetworkError(tr_app("app.connectors", "{where} cortó la conexión{tries}.").format(
                            where=where, tries=tries), maybe_sent=True)


class XmlRpcClient:
    """Odoo's ``/xmlrpc/2/common`` and ``/xmlrpc/2/object``; ``authenticate`` gets the uid."""

    protocol = "xmlrpc"

    def __init__(self, base_url: str, database: str, login: str, secret: str, *,
                 timeout: float = 60.0, policy: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep, uid: int | None = None) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(tr_app("app.connectors", "La dirección de Odoo no es una URL http(s) "
                                                       "válida."))
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
                raise SourceError(tr_app("app.connectors", "Odoo ({host}) no pudo abrir la base "
                                                           "«{database}»: revise el nombre de la base de "
                                                           "datos.").format(
                                      host=self.host, database=self.database)) from None
            if not uid or isinstance(uid, bool):
                raise AuthError(tr_app("app.connectors", "Odoo ({host}, base {database}) rechazó el "
                                                         "usuario o la clave API. Revise la clave "
                                                         "guardada con «cuadre credentials set».").format(
                                    host=self.host, database=self.database))
            self._uid = int(uid)
        return self._uid

    def call(self, model: str, method: str, args: Sequence[Any] = (),
             kwargs: Mapping[str, Any] | None = None, *,
             context: Mapping[str, Any] | None = None, write: bool = False) -> Any:
        """``execute_kw`` with ``args`` positional, as Odoo's own code calls the method."""
        named = _keywords(method, kwargs)
        uid = self.authenticate()
        positional = list(args)
        if context:
            named["context"] = dict(context)
        return self._invoke("object", lambda p: p.execute_kw(
            self.database, uid, self._secret, model, method, positional, named),
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
                            raise SourceError(tr_app("app.connectors", "{where} pide esperar {seconds} s "
                                                                       "antes de otra consulta. Intente "
                                                                       "más tarde.").format(
                                                  where=self.where(service), seconds=int(asked))) from None
                        delay = asked + random.uniform(0, min(1.0, policy.base_delay))
                    self._waiter.wait(delay)
                    continue
                if status == 404:
                    raise SourceError(tr_app("app.connectors", "{where} no existe en el servidor (HTTP "
                                                               "404): ¿es la dirección de Odoo, y ofrece "
                                                               "XML-RPC?").format(
                                          where=self.where(service))) from None
                if write and status in _GATEWAY_TIMEOUTS:
                    raise NetworkError(tr_app("app.connectors", "{where} no respondió a tiempo (HTTP "
                                                                "{status}).").format(
                                           where=self.where(service), status=status),
                                       maybe_sent=True) from None
                raise status_error(status, self.where(service)) from None
            except (xmlrpc.client.ResponseError, ExpatError) as exc:
                transport.close()
                raise SourceError(tr_app("app.connectors", "{where} no respondió XML-RPC válido.").format(
                                      where=self.where(service))) from exc
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
            raise SourceError(tr_app("app.connectors", "Odoo ({host}) no encontró la base «{database}» o "
                                                       "no ofrece la API JSON-2 (Odoo 19 o "
                                                       "posterior).").format(
                                  host=self.host, database=self.database)) from None
        self._checked = True
        uid = context.get("uid") if isinstance(context, dict) else None
        return int(uid) if isinstance(uid, int) else 0

    def call(self, model: str, method: str, args: Sequence[Any] = (),
             kwargs: Mapping[str, Any] | None = None, *,
             context: Mapping[str, Any] | None = None, write: bool = False) -> Any:
        """``POST /json/2/<model>/<method>`` with the arguments named (:func:`json2_body`)."""
        body = json2_body(method, args, kwargs)
        if context:
            body["context"] = dict(context)
        path = f"/json/2/{model}/{method}"
        response = self._http.request(
            "POST", path, json_body=body, headers={"X-Odoo-Database": self.database},
            idempotent=not write, ok=_JSON2_ERRORS | (_GATEWAY_TIMEOUTS if write else frozenset()),
        )
        if response.status in _GATEWAY_TIMEOUTS:
            raise NetworkError(tr_app("app.connectors", "{where} no respondió a tiempo (HTTP "
                                                        "{status}).").format(
                                   where=self._http.where(path), status=response.status), maybe_sent=True)
        try:
            payload = json.loads(response.body.decode("utf-8"), parse_float=Decimal) \
                if response.body else None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(tr_app("app.connectors", "{where} no respondió JSON válido.").format(
                                  where=self._http.where(path))) from exc
        if 200 <= response.status < 300:
            return payload
        if response.status == 500 and not (isinstance(payload, dict) and payload.get("name")):
            raise status_error(500, self._http.where(path))  # not Odoo's own error answer
        name = str(payload.get("name", "")) if isinstance(payload, dict) else ""
        message = str(payload.get("message", "")) if isinstance(payload, dict) else ""
        kind = _json2_kind(name, message, response.status)
        log.warning("Odoo respondió HTTP %s (%s) en %s.%s", response.status, kind, model, method)
        raise _fault(kind, response.status, self._http.where(path))

    def close(self) -> None:
        self._http.close()


def _json2_kind(name: str, message: str, status: int) -> str:
    """What a JSON-2 error means: the exception Odoo names, else the HTTP status.

    Odoo 19 answers a call whose arguments do not bind to the method's signature with 422
    ``werkzeug.exceptions.UnprocessableEntity`` (the same call can never succeed), and an
    exception of Python's own (``builtins.ValueError``…) raised by the method with 500."""
    lowered = name.lower()
    if "accessdenied" in lowered or "unauthorized" in lowered:
        return "access_denied"
    if "unprocessableentity" in lowered or "badrequest" in lowered:
        return "bad_request"
    exception = lowered.rsplit(".", 1)[-1]
    if lowered.startswith("odoo.exceptions."):
        code = _FAULT_WARNING if exception in ("usererror", "validationerror", "missingerror",
                                               "redirectwarning") else None
        return _fault_kind(f"{message}\n{name.rsplit('.', 1)[-1]}: {message}", code)
    if exception in _EXCEPTIONS:
        return _EXCEPTIONS[exception]
    if status == 500:
        return "server"
    return {403: "access_error", 404: "missing", 409: "server", 422: "user_error"}.get(
        status, "bad_request")


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
