"""What the CRM and the ERP hold of one VIN, as plain dataclasses.

:func:`collect` builds them from the canonical frames a reconciliation pulled: the vehicle in
each system (a VIN held twice in one system gives two), the CRM's deals that name the VIN or
that its CRM vehicle points to, the ERP's invoices of the VIN, and the names of the customers
they name (by document, from each system's own customers). :meth:`VinRecords.to_row` and
:meth:`VinRecords.from_row` are how the store keeps them (compact positional JSON: money and
days as text, read back as Decimal and dates); :meth:`VinRecords.to_payload` is what
``--json`` shows. No Qt.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.schema import System, records
from app.domain.values import clean_text, normalize_doc_number, normalize_vin

if TYPE_CHECKING:  # frames are read where pandas is loaded already
    import pandas as pd

#: A VIN longer than this is not kept (a cell that is not a VIN at all).
MAX_VIN = 64


@dataclass(frozen=True, slots=True)
class Party:
    """A customer a record names: the document and the name that system gives it."""

    doc: str | None
    name: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {"doc": self.doc, "name": self.name}


@dataclass(frozen=True, slots=True)
class Vehicle:
    """The vehicle record of one system."""

    system: System
    source_id: str
    status: str | None = None
    branch: str | None = None
    make: str | None = None
    model: str | None = None
    model_year: str | None = None
    price: Decimal | None = None
    customer: Party | None = None
    deal_id: str | None = None
    delivered_on: date | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Deal:
    """A CRM deal of the VIN."""

    source_id: str
    stage: str | None = None
    customer: Party | None = None
    amount: Decimal | None = None
    branch: str | None = None
    closed_on: date | None = None
    updated_at: datetime | None = None
    salesperson: str | None = None  # the deal's owner, the «asesor comercial»


@dataclass(frozen=True, slots=True)
class Invoice:
    """An ERP invoice of the VIN (a vehicle sale)."""

    source_id: str
    number: str | None = None
    customer: Party | None = None
    issued_on: date | None = None
    total: Decimal | None = None
    status: str | None = None
    branch: str | None = None


_VEHICLE = ("source_id", "status", "branch", "make", "model", "model_year", "price", "deal_id",
            "delivered_on", "updated_at")
_DEAL = ("source_id", "stage", "amount", "branch", "closed_on", "updated_at", "salesperson")
_INVOICE = ("source_id", "number", "issued_on", "total", "status", "branch")


def _stored(value: Any) -> str:
    """Money, days and moments as text in :meth:`VinRecords.to_row`."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (Decimal, date)):
        return str(value)
    raise TypeError(type(value).__name__)


def _same(value: Any) -> Any:
    return value


def _opt(parse: Any) -> Any:
    return lambda value: None if value is None else parse(value)


#: How :meth:`VinRecords.from_row` reads back what is not text.
_READ = {"price": _opt(Decimal), "amount": _opt(Decimal), "total": _opt(Decimal),
         "delivered_on": _opt(date.fromisoformat), "closed_on": _opt(date.fromisoformat),
         "issued_on": _opt(date.fromisoformat), "updated_at": _opt(datetime.fromisoformat)}


@dataclass(frozen=True, slots=True)
class VinRecords:
    """Everything both systems hold of ``vin``."""

    vin: str
    crm: tuple[Vehicle, ...] = ()
    erp: tuple[Vehicle, ...] = ()
    deals: tuple[Deal, ...] = ()
    invoices: tuple[Invoice, ...] = ()

    def vehicles(self, system: System) -> tuple[Vehicle, ...]:
        return self.crm if system is System.CRM else self.erp

    def to_payload(self) -> dict[str, Any]:
        def fields(obj: Any, names: Iterable[str]) -> dict[str, Any]:
            out = {name: getattr(obj, name) for name in names}
            out["customer"] = None if obj.customer is None else obj.customer.to_payload()
            return out

        return {"vin": self.vin,
                "crm": [fields(v, _VEHICLE) for v in self.crm],
                "erp": [fields(v, _VEHICLE) for v in self.erp],
                "deals": [fields(d, _DEAL) for d in self.deals],
                "invoices": [fields(i, _INVOICE) for i in self.invoices]}

    def to_row(self) -> str:
        """The compact text the store keeps (positional, money and days as text): a tenth of
        ``encode_payload``'s size and time for a run of 100.000 VINs."""
        def party(p: Party | None) -> list[str | None] | None:
            return None if p is None else [p.doc, p.name]

        def fields(obj: Any, names: tuple[str, ...]) -> list[Any]:
            return [*(getattr(obj, n) for n in names), party(obj.customer)]

        return json.dumps([self.vin, [fields(v, _VEHICLE) for v in self.crm],
                           [fields(v, _VEHICLE) for v in self.erp],
                           [fields(d, _DEAL) for d in self.deals],
                           [fields(i, _INVOICE) for i in self.invoices]],
                          ensure_ascii=False, separators=(",", ":"), default=_stored)

    @staticmethod
    def from_row(text: str) -> VinRecords:
        """What :meth:`to_row` wrote."""
        vin, crm, erp, deals, invoices = json.loads(text)

        def read(names: tuple[str, ...], values: list[Any]) -> dict[str, Any]:
            out = {n: _READ.get(n, _same)(v) for n, v in zip(names, values, strict=False)}
            last = values[len(names)] if len(values) > len(names) else None
            out["customer"] = None if last is None else Party(last[0], last[1])
            return out

        return VinRecords(
            vin, tuple(Vehicle(System.CRM, **read(_VEHICLE, v)) for v in crm),
            tuple(Vehicle(System.ERP, **read(_VEHICLE, v)) for v in erp),
            tuple(Deal(**read(_DEAL, d)) for d in deals),
            tuple(Invoice(**read(_INVOICE, i)) for i in invoices))


# --- building them from frames ------------------------------------------------------------------


def _blank(raw: Any) -> bool:
    """An empty cell: None, NaN, NaT."""
    if raw is None or (isinstance(raw, float) and raw != raw):
        return True
    pandas = sys.modules.get("pandas")  # without pandas loaded, no value can be its NaT
    return pandas is not None and raw is pandas.NaT


def _money(raw: Any) -> Decimal | None:
    if type(raw) is Decimal:
        return raw if raw.is_finite() else None
    if _blank(raw) or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    try:
        return Decimal(str(raw).strip())
    except ArithmeticError:
        return None


def _day(raw: Any) -> date | None:
    if type(raw) is date:
        return raw
    if _blank(raw):
        return None
    if isinstance(raw, datetime):  # a Timestamp is one too
        return raw.date()
    return raw if isinstance(raw, date) else None


def _moment(raw: Any) -> datetime | None:
    """A zone-aware moment (the store keeps no naive one)."""
    if _blank(raw) or not isinstance(raw, datetime) or raw.tzinfo is None:
        return None
    pandas = sys.modules.get("pandas")
    return raw.to_pydatetime() if pandas is not None and isinstance(raw, pandas.Timestamp) else raw


def _text(raw: Any) -> str | None:
    if type(raw) is str:
        return raw.strip() or None
    if _blank(raw):
        return None
    return clean_text(str(raw))


@functools.lru_cache(maxsize=4096)
def _doc(raw: str) -> str | None:
    return normalize_doc_number(raw)


def names(customers: pd.DataFrame | None) -> dict[str, str]:
    """Document → name (a company's, else given names and surnames) of a customers frame."""
    out: dict[str, str] = {}
    if customers is None or customers.empty:
        return out
    for r in records(customers):
        doc = normalize_doc_number(r.get("doc_number"), _text(r.get("doc_type")))
        if doc is None or doc in out:
            continue
        company = _text(r.get("company_name"))
        parts = [p for p in (_text(r.get("first_names")), _text(r.get("last_names"))) if p]
        name = company or " ".join(parts)
        if name:
            out[doc] = name
    return out


def _party(raw: Any, known: Mapping[str, str]) -> Party | None:
    doc = _doc(raw) if type(raw) is str else normalize_doc_number(raw)
    return None if doc is None else Party(doc, known.get(doc))


def _rows(frame: pd.DataFrame | None, only: set[str] | None) -> list[tuple[str, dict[str, Any]]]:
    """(VIN, row) of every row of ``frame`` that names a VIN (only those in ``only``)."""
    if frame is None or frame.empty or "vin" not in frame.columns:
        return []
    out = []
    for r in records(frame):
        vin = normalize_vin(r.get("vin"))
        if vin is None or len(vin) > MAX_VIN or (only is not None and vin not in only):
            continue
        out.append((vin, r))
    return out


def _vehicle(system: System, r: dict[str, Any], known: Mapping[str, str]) -> Vehicle:
    return Vehicle(
        system, str(_text(r.get("source_id")) or ""), _text(r.get("status")),
        _text(r.get("branch")), _text(r.get("make")), _text(r.get("model")),
        _text(r.get("model_year")), _money(r.get("price")), _party(r.get("customer_doc"), known),
        _text(r.get("deal_id")), _day(r.get("delivered_on")), _moment(r.get("updated_at")))


def _deal(r: dict[str, Any], known: Mapping[str, str]) -> Deal:
    return Deal(str(_text(r.get("source_id")) or ""), _text(r.get("stage")),
                _party(r.get("customer_doc"), known), _money(r.get("amount")),
                _text(r.get("branch")), _day(r.get("closed_on")), _moment(r.get("updated_at")),
                _text(r.get("salesperson")))


def _invoice(r: dict[str, Any], known: Mapping[str, str]) -> Invoice:
    return Invoice(str(_text(r.get("source_id")) or ""), _text(r.get("invoice_number")),
                   _party(r.get("customer_doc"), known), _day(r.get("issued_on")),
                   _money(r.get("total")), _text(r.get("status")), _text(r.get("branch")))


@dataclass(frozen=True, slots=True)
class Frames:
    """The frames :func:`collect` reads (any may be absent: a source without it)."""

    crm_vehicles: pd.DataFrame | None = None
    erp_vehicles: pd.DataFrame | None = None
    deals: pd.DataFrame | None = None
    invoices: pd.DataFrame | None = None
    crm_customers: pd.DataFrame | None = None
    erp_customers: pd.DataFrame | None = None


def collect(frames: Frames, only: set[str] | None = None) -> dict[str, VinRecords]:
    """Every VIN the frames name (only those in ``only`` when given), with its records."""
    crm_names, erp_names = names(frames.crm_customers), names(frames.erp_customers)
    crm: dict[str, list[Vehicle]] = {}
    erp: dict[str, list[Vehicle]] = {}
    for vin, r in _rows(frames.crm_vehicles, only):
        crm.setdefault(vin, []).append(_vehicle(System.CRM, r, crm_names))
    for vin, r in _rows(frames.erp_vehicles, only):
        erp.setdefault(vin, []).append(_vehicle(System.ERP, r, erp_names))
    wanted_deals = {v.deal_id: vin for vin, vs in crm.items() for v in vs if v.deal_id}
    deals: dict[str, list[Deal]] = {}
    if frames.deals is not None and not frames.deals.empty:
        for r in records(frames.deals):
            source_id = _text(r.get("source_id"))
            named = normalize_vin(r.get("vin"))
            if named is not None and (len(named) > MAX_VIN or (only is not None
                                                               and named not in only)):
                named = None
            which = named or wanted_deals.get(source_id or "")
            if which is not None:
                deals.setdefault(which, []).append(_deal(r, crm_names))
    invoices: dict[str, list[Invoice]] = {}
    for vin, r in _rows(frames.invoices, only):
        invoices.setdefault(vin, []).append(_invoice(r, erp_names))
    every = sorted(set(crm) | set(erp) | set(deals) | set(invoices))
    return {vin: VinRecords(vin, tuple(crm.get(vin, ())), tuple(erp.get(vin, ())),
                            tuple(deals.get(vin, ())), tuple(invoices.get(vin, ())))
            for vin in every}
