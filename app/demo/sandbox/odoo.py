"""Odoo's external API, emulated for the sandbox: XML-RPC (``/xmlrpc/2/``) and JSON-2 (``/json/2/``).

A small in-memory Odoo seeded from the demo ERP's SQLite file (on its first call), so the Odoo
connector is tested end to end over real HTTP. Its data is the demo ERP as a Colombian
dealership's Odoo 17 holds it (``odoo_seed``) plus the cases a real Odoo 17 showed
(``odoo_cases``); its ORM (``odoo_orm``) searches, reads and writes as Odoo does; this module
speaks the two protocols.

Calls are bound to the methods' real signatures (``odoo_signatures``), because an emulator
that accepts what the real service refuses hides bugs (DESIGN §9):

- XML-RPC binds ``execute_kw``'s positional arguments and keywords against Odoo 17's methods
  as the installed modules define them (``res.partner.write(self, values)`` with base_vat and
  partner_autocomplete; ``BaseModel.search_read(self, domain=None, fields=None, offset=0,
  limit=None, order=None, **read_kwargs)``…). An unexpected keyword, a missing or an extra
  positional is a fault with code 1 whose traceback ends, as Odoo's does, in ``TypeError:
  ResPartner.write() got an unexpected keyword argument 'vals'``. Odoo's own exceptions are
  faults 2 (UserError, ValidationError, MissingError; «El objeto x no existe» for an unknown
  model), 3 (AccessDenied) or 4 (AccessError; also a private method), with Odoo's message.
- JSON-2 binds the named arguments of its JSON body against Odoo 19's signatures
  (``write(self, vals)``…): a name the method does not take is 422 ``UnprocessableEntity``
  with Python's message, a model method called with ids too; an unknown model or method is
  404; Odoo's exceptions keep their status (UserError 422, AccessError 403, MissingError 404);
  any other exception raised by the method is 500 naming it (``builtins.ValueError``).

Odoo's quirks are emulated: XML-RPC cannot marshal ``None``, so a model listed in
``state.none_returning`` (a customization whose ``write`` forgets to return) faults *after*
applying the write; a posted journal entry refuses changes to its partner, dates, amounts or
taxes; ``write_date`` changes on every write, even one that changes nothing. ``state.calls``
records every call and ``state.write_delay`` holds a write's answer back (to time clients out).
"""

from __future__ import annotations

import json
import re
import threading
import time
import traceback
import xmlrpc.client
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from app.demo.sandbox.odoo_cases import seed
from app.demo.sandbox.odoo_orm import OdooState
from app.demo.sandbox.odoo_sales import action_cancel, action_confirm, move_reservation
from app.demo.sandbox.odoo_sales import create as create_record
from app.demo.sandbox.odoo_schema import PARTNER_OFFSET, USER_ID, OdooError
from app.demo.sandbox.odoo_seed import latest_stamp
from app.demo.sandbox.odoo_signatures import RECORD_METHODS, Unprocessable, bind17, bind19

StartResponse = Callable[..., Any]

#: Odoo 17's frames above a method's own, as its XML-RPC faults show them (for the traceback
#: an application fault carries; only its last line means anything to a client).
_FRAMES = (
    ("odoo/addons/base/controllers/rpc.py", 150, "xmlrpc_2", "response = self._xmlrpc(service)"),
    ("odoo/service/model.py", 59, "execute_kw",
     "return execute(db, uid, obj, method, *args, **kw or {})"),
    ("odoo/service/model.py", 133, "retrying", "result = func()"),
)
_CALL_KW = {
    True: (("odoo/api.py", 466, "call_kw", "result = _call_kw_multi(method, model, args, kwargs)"),
           ("odoo/api.py", 453, "_call_kw_multi", "result = method(recs, *args, **kwargs)")),
    False: (("odoo/api.py", 464, "call_kw", "result = _call_kw_model(method, model, args, kwargs)"),
            ("odoo/api.py", 435, "_call_kw_model", "result = method(recs, *args, **kwargs)")),
}


class OdooApp:
    """The WSGI application. ``state`` is the emulated database, seeded on first use (a
    sandbox that never sees an Odoo call never pays for it); tests reach in through it."""

    def __init__(self, erp_sqlite_path: Path, api_key: str, login: str, database: str,
                 server_version: str) -> None:
        self.erp_sqlite_path = Path(erp_sqlite_path)
        self.api_key = api_key
        self.login = login
        self.database = database
        self.server_version = server_version
        self._state: OdooState | None = None
        self._seeding = threading.Lock()

    @property
    def state(self) -> OdooState:
        with self._seeding:
            if self._state is None:
                tables = seed(self.erp_sqlite_path)
                self._state = OdooState(tables=tables, clock=latest_stamp(tables))
            return self._state

    def close(self) -> None:
        """Nothing to release: the data lives in memory."""

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if length else b""
        if path == "/web/version" and method == "GET":
            info = _version_info(self.server_version)
            return _reply(start_response, 200, {"version_info": info, "version":
                                                self.server_version})
        if path.startswith("/xmlrpc/2/"):
            if method != "POST":
                return _reply(start_response, 405, {"error": "method_not_allowed"})
            return self._xmlrpc(path.removeprefix("/xmlrpc/2/"), body, start_response)
        if path.startswith("/json/2/"):
            if method != "POST":
                return _reply(start_response, 405, {"error": "method_not_allowed"})
            return self._json2(path.removeprefix("/json/2/"), body, environ, start_response)
        return _reply(start_response, 404, {"error": "not_found"})

    # --- XML-RPC (Odoo 17) ---------------------------------------------------------------------

    def _xmlrpc(self, service: str, body: bytes, start_response: StartResponse) -> list[bytes]:
        try:
            params, called = xmlrpc.client.loads(body, use_builtin_types=True)
            name = str(called)
        except Exception:  # any unreadable request is a fault, as in Odoo
            return _xml(start_response, xmlrpc.client.Fault(1, "Invalid XML-RPC request"))
        try:
            if service == "common":
                result = self._common(name, list(params))
            elif service == "object":
                result = self._object(name, list(params))
            else:
                return _reply(start_response, 404, {"error": "not_found"})
            payload = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False)
        except OdooError as exc:
            code = OdooError.XMLRPC_CODES.get(exc.kind, 1)
            return _xml(start_response, xmlrpc.client.Fault(code, exc.message))
        except Exception as exc:  # Odoo turns the rest into an application fault
            on_records = len(params) > 4 and params[4] in RECORD_METHODS
            return _xml(start_response, xmlrpc.client.Fault(1, _traceback(exc, on_records)))
        return _respond(start_response, 200, payload.encode("utf-8"), "text/xml; charset=utf-8")

    def _common(self, name: str, params: list[Any]) -> Any:
        """The common service answers from the configuration: no need to seed for it."""
        if name == "version":
            return {"server_version": self.server_version,
                    "server_version_info": _version_info(self.server_version),
                    "server_serie": self.server_version, "protocol_version": 1}
        if name in ("authenticate", "login"):
            database, login, password = params[0], params[1], params[2]
            if database != self.database:
                raise RuntimeError(f'database "{database}" does not exist')
            return USER_ID if login == self.login and password == self.api_key else False
        raise AttributeError(f"The method {name!r} does not exist on service common")

    def _object(self, name: str, params: list[Any]) -> Any:
        if name not in ("execute_kw", "execute"):
            raise AttributeError(f"The method {name!r} does not exist on service object")
        database, uid, password, model, method = params[:5]
        if database != self.database:
            raise RuntimeError(f'database "{database}" does not exist')
        if uid != USER_ID or password != self.api_key:
            raise OdooError("AccessDenied", "Access Denied")
        if name == "execute_kw":
            args = list(params[5]) if len(params) > 5 else []
            kwargs = dict(params[6]) if len(params) > 6 else {}
        else:
            args, kwargs = list(params[5:]), {}
        if str(method).startswith("_"):
            raise OdooError("AccessError", f"Private methods (such as {method}) cannot be called "
                                           "remotely.")
        state = self.state
        if model not in state.tables:
            raise OdooError("UserError", f"El objeto {model} no existe")
        context = kwargs.pop("context", None) or {}
        ids, bound = bind17(model, method, args, kwargs)  # Python's TypeError, as in Odoo
        return self._dispatch("xmlrpc", model, method, ids, bound, context)

    # --- JSON-2 (Odoo 19) ----------------------------------------------------------------------

    def _json2(self, route: str, body: bytes, environ: Mapping[str, Any],
               start_response: StartResponse) -> list[bytes]:
        scheme, _, key = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
        if scheme.lower() != "bearer" or key.strip() != self.api_key:
            return _error(start_response, 401, "werkzeug.exceptions.Unauthorized", "Invalid apikey")
        database = environ.get("HTTP_X_ODOO_DATABASE")
        if database is not None and database != self.database:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound",
                          "The requested database was not found.")
        model, _, method = route.partition("/")
        if not model or not method or "/" in method:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound",
                          "Did you mean POST /json/2/<model>/<method>?")
        try:
            named = json.loads(body.decode("utf-8")) if body else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error(start_response, 400, "werkzeug.exceptions.BadRequest",
                          "could not parse the body as json")
        if not isinstance(named, dict):
            return _error(start_response, 400, "werkzeug.exceptions.BadRequest",
                          "could not parse the body, expecting a json object")
        try:
            result = self._json2_call(model, method, named)
        except OdooError as exc:
            return _error(start_response, OdooError.HTTP_STATUS.get(exc.kind, 422),
                          f"odoo.exceptions.{exc.kind}", exc.message)
        except LookupError as exc:
            return _error(start_response, 404, "werkzeug.exceptions.NotFound", str(exc.args[0]))
        except Unprocessable as exc:
            return _error(start_response, 422, "werkzeug.exceptions.UnprocessableEntity",
                          str(exc))
        except Exception as exc:  # Odoo 19 answers any other exception with 500, naming it
            return _error(start_response, 500, f"builtins.{type(exc).__name__}", str(exc))
        return _reply(start_response, 200, result)

    def _json2_call(self, model: str, method: str, named: dict[str, Any]) -> Any:
        state = self.state
        if model not in state.tables:
            raise LookupError(f"the model {model!r} does not exist")
        if method.startswith("_"):
            raise LookupError(f"Private methods (such as {model}.{method}) cannot be called "
                              "remotely.")
        ids = named.pop("ids", ())
        context = named.pop("context", None) or {}
        bound = bind19(model, method, ids, named)
        record_ids = [ids] if isinstance(ids, int) else list(ids or [])
        return self._dispatch("json2", model, method, record_ids, bound, context)

    # --- both ----------------------------------------------------------------------------------

    def _dispatch(self, protocol: str, model: str, method: str, ids: list[int] | None,
                  bound: dict[str, Any], context: Mapping[str, Any]) -> Any:
        """The emulated ORM's answer to a call whose arguments are already bound."""
        state = self.state
        result: Any
        with state.lock:
            state.calls.append((protocol, model, method))
            if method == "write":
                if model == "stock.move.line" and isinstance(bound["vals"], dict) \
                        and "lot_id" in bound["vals"]:  # the reservation follows the lot
                    lines = [state.tables[model][i] for i in ids or [] if i in state.tables[model]]
                    move_reservation(state, lines, bound["vals"]["lot_id"])
                result = state.write(model, list(ids or []), bound["vals"], context=context)
            elif method == "create":
                result = create_record(state, model, bound["vals_list"], context)
            elif method == "action_confirm":
                result = action_confirm(state, list(ids or []))
            elif method == "action_cancel":
                result = action_cancel(state, list(ids or []), context)
            elif method == "read":
                result = state.read(model, list(ids or []), bound["fields"], context=context)
            elif method == "search_read":
                result = state.search_read(model, bound["domain"], bound["fields"],
                                           bound["offset"] or 0, bound["limit"], bound["order"],
                                           context=context)
            elif method == "search":
                result = state.search(model, bound["domain"], bound["offset"] or 0,
                                      bound["limit"], bound["order"], context=context)
            elif method == "search_count":
                result = state.search_count(model, bound["domain"], bound["limit"], context=context)
            elif method == "fields_get":
                result = state.fields_get(model, bound["allfields"], bound["attributes"],
                                          context=context)
            else:
                result = state.context_get(context=context)
        if method == "write" and state.write_delay > 0:
            time.sleep(state.write_delay)
        return result


def _traceback(exc: BaseException, on_records: bool) -> str:
    """An application fault's text as Odoo 17 sends it: the server's traceback, ending in the
    exception (``TypeError: ResPartner.write() got an unexpected keyword argument 'vals'``)."""
    lines = ["Traceback (most recent call last):\n"]
    for path, line, function, code in (*_FRAMES, *_CALL_KW[on_records]):
        lines.append(f'  File "/usr/lib/python3/dist-packages/{path}", line {line}, in '
                     f"{function}\n    {code}\n")
    lines.extend(traceback.format_exception_only(type(exc), exc))
    return "".join(lines)


def _version_info(version: str) -> list[Any]:
    digits = [int(p) for p in re.findall(r"\d+", version)[:2]] + [0, 0]
    return [digits[0], digits[1], 0, "final", 0, ""]


def _respond(start_response: StartResponse, status: int, payload: bytes,
             content_type: str) -> list[bytes]:
    reasons = {200: "OK", 400: "BAD REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN",
               404: "NOT FOUND", 405: "METHOD NOT ALLOWED", 422: "UNPROCESSABLE ENTITY",
               500: "INTERNAL SERVER ERROR"}
    start_response(f"{status} {reasons.get(status, 'ERROR')}",
                   [("Content-Type", content_type), ("Content-Length", str(len(payload)))])
    return [payload]


def _reply(start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
    return _respond(start_response, status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                    "application/json; charset=utf-8")


def _error(start_response: StartResponse, status: int, name: str, message: str) -> list[bytes]:
    """Odoo 19's JSON-2 error body (``http.serialize_exception``)."""
    arguments = [message, status] if name.startswith("werkzeug.") else [message]
    return _reply(start_response, status, {"name": name, "message": message,
                                           "arguments": arguments, "context": {}, "debug": ""})


def _xml(start_response: StartResponse, fault: xmlrpc.client.Fault) -> list[bytes]:
    payload = xmlrpc.client.dumps(fault, methodresponse=True, allow_none=False)
    return _respond(start_response, 200, payload.encode("utf-8"), "text/xml; charset=utf-8")


def make_app(erp_sqlite_path: Path, api_key: str, login: str = "admin", database: str = "sandbox",
             *, server_version: str = "17.0") -> OdooApp:
    """The emulator as a WSGI application, seeded from the demo ERP file on first use.

    ``server_version`` is what ``version()`` and ``/web/version`` announce ("19.0" makes a
    client in ``auto`` mode choose JSON-2; both protocols are always served).
    """
    path = Path(erp_sqlite_path)
    if not path.exists():
        raise FileNotFoundError(path)
    return OdooApp(path, api_key, login, database, server_version)


__all__ = ["PARTNER_OFFSET", "OdooApp", "OdooError", "OdooState", "make_app", "seed"]
