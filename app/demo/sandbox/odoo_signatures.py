"""The ORM methods' signatures the emulated Odoo binds its calls against, as Odoo defines them.

Odoo passes an XML-RPC call's arguments straight to the Python method (``method(records,
*args, **kwargs)``, ``odoo/api.py: call_kw``), so what a call may name depends on the
signature of the method that ends up first in the model's class hierarchy — often a module's
override, not ``BaseModel``'s. On a Colombian Odoo 17 (l10n_co with base_vat and
partner_autocomplete) ``res.partner.write`` is ``ResPartner.write(self, values)``: a value
sent as ``vals=`` is ``TypeError: ResPartner.write() got an unexpected keyword argument
'vals'``. The tables below were read from Odoo 17's source and checked on a real server
(each model's ``write`` parameter and the class Python names in its errors).

Binding is done by Python itself: each method is a real function with the real parameters,
named as Odoo's class names it, so a missing, extra or unexpected argument raises the very
``TypeError`` Odoo's server raises (and the XML-RPC side puts in its traceback).

JSON-2 (Odoo 19) binds named arguments with ``inspect.signature(func).bind`` and answers a
failure with 422 ``UnprocessableEntity`` carrying Python's message; Odoo 19 names ``write``'s
values ``vals`` everywhere.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Mapping
from typing import Any

Bound = dict[str, Any]

#: Odoo 17: the class that defines each model's outermost ``write`` and how it names its
#: values (checked on a real l10n_co server; models not listed inherit BaseModel's ``vals``).
WRITE_17: dict[str, tuple[str, str]] = {
    "res.partner": ("ResPartner", "values"), "account.payment": ("AccountPayment", "vals"),
    "account.move": ("AccountMove", "vals"), "crm.lead": ("Lead", "vals"),
    "stock.lot": ("StockLot", "vals"), "stock.quant": ("StockQuant", "vals"),
    "sale.order": ("SaleOrder", "values"), "sale.order.line": ("SaleOrderLine", "values"),
    "stock.picking": ("Picking", "vals"), "stock.move": ("StockMove", "vals"),
    "stock.move.line": ("StockMoveLine", "vals"), "res.company": ("ResCompany", "values"),
    "res.users": ("Users", "vals"), "product.product": ("ProductProduct", "vals"),
    "stock.location": ("Location", "values"), "stock.warehouse": ("Warehouse", "vals"),
    "crm.team": ("Team", "vals"), "account.journal": ("AccountJournal", "vals"),
    "res.country": ("Country", "vals"), "res.currency": ("ResCurrency", "vals"),
    "product.category": ("ProductCategory", "vals"),
    "product.template.attribute.value": ("ProductTemplateAttributeValue", "values"),
    "account.payment.method.line": ("AccountPaymentMethodLine", "vals"),
    "product.attribute": ("ProductAttribute", "vals"),
}
#: Odoo 17 models whose ``fields_get`` is a mixin's (same parameters, another class name).
FIELDS_GET_17 = {"sale.order.line": "AnalyticMixin"}
#: Methods called on records: their first positional argument is the record ids.
RECORD_METHODS = frozenset({"read", "write", "action_confirm", "action_cancel"})
#: Methods Odoo 17 declares ``@api.model`` (called on the model, no ids).
MODEL_METHODS = frozenset({"search_read", "search", "search_count", "fields_get", "context_get",
                           "create"})
#: Record methods only some models have (sale's order flow): model → methods.
ACTIONS = {"sale.order": frozenset({"action_confirm", "action_cancel"})}


def _named(qualname: str, fn: Callable[..., Bound]) -> Callable[..., Bound]:
    fn.__qualname__ = qualname
    fn.__name__ = qualname.rsplit(".", 1)[-1]
    return fn


# --- Odoo 17 (odoo/models.py and the installed modules' overrides) ------------------------------


def _read_format(self: Any, fnames: Any, load: Any = "_classic_read") -> Bound:
    return {"fields": fnames, "load": load}


_READ_FORMAT = _named("BaseModel._read_format", _read_format)


def _search_read(self: Any, domain: Any = None, fields: Any = None, offset: Any = 0,
                 limit: Any = None, order: Any = None, **read_kwargs: Any) -> Bound:
    read = _READ_FORMAT(self, fields, **read_kwargs)  # search_read hands them to _read_format
    return {"domain": domain, "fields": fields, "offset": offset, "limit": limit,
            "order": order, "load": read["load"]}


def _search(self: Any, domain: Any, offset: Any = 0, limit: Any = None,
            order: Any = None) -> Bound:
    return {"domain": domain, "offset": offset, "limit": limit, "order": order}


def _search_count(self: Any, domain: Any, limit: Any = None) -> Bound:
    return {"domain": domain, "limit": limit}


def _read(self: Any, fields: Any = None, load: Any = "_classic_read") -> Bound:
    return {"fields": fields, "load": load}


def _fields_get(self: Any, allfields: Any = None, attributes: Any = None) -> Bound:
    return {"allfields": allfields, "attributes": attributes}


def _context_get(self: Any) -> Bound:
    return {}


def _write_vals(self: Any, vals: Any) -> Bound:
    return {"vals": vals}


def _write_values(self: Any, values: Any) -> Bound:
    return {"vals": values}


def _create(self: Any, vals_list: Any) -> Bound:
    return {"vals_list": vals_list}


def _action(self: Any) -> Bound:
    return {}


def _copy(fn: Callable[..., Bound], qualname: str) -> Callable[..., Bound]:
    """A fresh function with ``fn``'s code and parameters under another class's name."""
    clone = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__,
                               fn.__closure__)
    clone.__kwdefaults__ = fn.__kwdefaults__
    return _named(qualname, clone)


_BASE_17 = {
    "search_read": _copy(_search_read, "BaseModel.search_read"),
    "search": _copy(_search, "BaseModel.search"),
    "search_count": _copy(_search_count, "BaseModel.search_count"),
    "read": _copy(_read, "BaseModel.read"),
    "fields_get": _copy(_fields_get, "BaseModel.fields_get"),
    "write": _copy(_write_vals, "BaseModel.write"),
    "create": _copy(_create, "BaseModel.create"),
}
_CONTEXT_GET_17 = _copy(_context_get, "Users.context_get")
_CACHE_17: dict[tuple[str, str], Callable[..., Bound]] = {}


def odoo17(model: str, method: str) -> Callable[..., Bound] | None:
    """The function Odoo 17 would call for ``model.method``, or None when it has none."""
    key = (model, method)
    if key in _CACHE_17:
        return _CACHE_17[key]
    fn: Callable[..., Bound] | None
    if method == "write" and model in WRITE_17:
        owner, name = WRITE_17[model]
        fn = _copy(_write_values if name == "values" else _write_vals, f"{owner}.write")
    elif method == "fields_get" and model in FIELDS_GET_17:
        fn = _copy(_fields_get, f"{FIELDS_GET_17[model]}.fields_get")
    elif method == "context_get":
        fn = _CONTEXT_GET_17 if model == "res.users" else None
    elif method in ACTIONS.get(model, ()):
        fn = _copy(_action, f"SaleOrder.{method}")
    elif method.startswith("action_"):
        fn = None
    else:
        fn = _BASE_17.get(method)
    _CACHE_17[key] = fn  # type: ignore[assignment]
    return fn


def bind17(model: str, method: str, args: list[Any], kwargs: Mapping[str, Any]
           ) -> tuple[list[int] | None, Bound]:
    """(record ids, arguments by the emulator's names) of an XML-RPC call, bound as Odoo 17's
    ``call_kw`` binds it; raises Python's own TypeError (or Odoo's IndexError for a method on
    records called without ids) when Odoo would."""
    fn = odoo17(model, method)
    if fn is None:
        raise AttributeError(f"type object '{model}' has no attribute '{method}'")
    ids: list[int] | None = None
    rest = list(args)
    if method in RECORD_METHODS:
        first = rest[0]  # an IndexError without ids, as in Odoo's _call_kw_multi
        rest = rest[1:]
        ids = [first] if isinstance(first, int) else list(first or [])
    return ids, fn(None, *rest, **kwargs)


# --- Odoo 19 (JSON-2) ----------------------------------------------------------------------------

_BASE_19: dict[str, Callable[..., Bound]] = {
    "search_read": _search_read, "search": _search, "search_count": _search_count,
    "read": _read, "fields_get": _fields_get, "write": _write_vals, "context_get": _context_get,
    "create": _create, "action_confirm": _action, "action_cancel": _action,
}


def odoo19(method: str) -> Callable[..., Bound] | None:
    """Odoo 19's function for ``method`` (every model names ``write``'s values ``vals``)."""
    return _BASE_19.get(method)


class Unprocessable(Exception):
    """What Odoo 19's JSON-2 controller answers with 422 ``UnprocessableEntity``."""


def bind19(model: str, method: str, ids: Any, named: Mapping[str, Any]) -> Bound:
    """The arguments of a JSON-2 call, bound as Odoo 19's controller binds them
    (``signature.bind(records, **kwargs)``, then the call): a binding failure is
    :class:`Unprocessable` with ``bind``'s own message; a TypeError raised inside the method
    (``search_read``'s read keywords go on to ``_read_format``) stays a TypeError."""
    fn = odoo19(method)
    if fn is None or (method == "context_get" and model != "res.users") or (
            method.startswith("action_") and method not in ACTIONS.get(model, ())):
        raise LookupError(f"The method '{method}' does not exist on the model '{model}'")
    if method in MODEL_METHODS and ids:
        raise Unprocessable(f"cannot call {model}.{method} with ids")
    try:
        inspect.signature(fn).bind(None, **named)
    except TypeError as exc:
        raise Unprocessable(exc.args[0]) from None
    return fn(None, **named)


__all__ = ["RECORD_METHODS", "WRITE_17", "Unprocessable", "bind17", "bind19", "odoo17", "odoo19"]
