"""The demo's known answers for the dealer insights, worked out by the generator itself.

Computed from the rows the generator wrote (each system's own layout, ``app/demo/systems.py``)
with the definitions of :mod:`app.insights.model`, and never by calling ``app/insights``: the
insights engine is tested against these numbers, so they must come from somewhere else.
Written into the truth file as its ``"insights"`` object (:func:`insights_truth`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.demo.commerce import add_years
from app.demo.systems import (
    CRM_DEAL_STAGE,
    CRM_FOLLOWUP_KIND,
    CRM_FOLLOWUP_STATUS,
    ERP_CONTRACT_KIND,
    ERP_SERVICE_KIND,
)
from app.domain.values import normalize_doc_number, normalize_vin
from app.insights.model import (
    COVER_DAYS,
    DEFAULT_KM_PER_YEAR,
    DEFAULT_SLOW_DAYS,
    DEFAULT_WINDOW_DAYS,
    FIRST_SERVICE_KM,
    NO_SOURCE,
)

Row = Mapping[str, Any]

_STAGE = {v: k for k, v in CRM_DEAL_STAGE.items()}
_FOLLOWUP_KIND = {v: k for k, v in CRM_FOLLOWUP_KIND.items()}
_CANCELLED = CRM_FOLLOWUP_STATUS["cancelled"]
_FIRST_SERVICE = ERP_SERVICE_KIND["first_service"]
_CONTRACT_KIND = {v: k for k, v in ERP_CONTRACT_KIND.items()}
#: The follow-up kinds the insights look for, in the truth file's order.
DUE_KINDS = ("anniversary", "first_service", "soat", "insurance")
_ANNULLED = "ANULADA"


@dataclass(frozen=True, slots=True)
class Due:
    """A delivered vehicle reaching a follow-up moment in the window."""

    vin: str
    doc: str
    kind: str
    due_on: date


@dataclass(frozen=True, slots=True)
class ErpRows:
    """The ERP's rows the insights read, as the generator wrote them."""

    parties: Sequence[Row]
    stock: Sequence[Row]
    invoices: Sequence[Row]
    receipts: Sequence[Row]
    workshop: Sequence[Row]
    contracts: Sequence[Row]


@dataclass(frozen=True, slots=True)
class CrmRows:
    contacts: Sequence[Row]
    deals: Sequence[Row]
    followups: Sequence[Row]


def _day(text: Any) -> date | None:
    return None if text in (None, "") else date.fromisoformat(str(text)[:10])


def first_service_days(days_at_reading: int | None, km: int | None) -> int:
    """Days from delivery to 5.000 km: at the rate of the reading (km ÷ days since delivery),
    else at 15.000 km a year; rounded up. Exact (integer) arithmetic."""
    if days_at_reading and km and days_at_reading > 0 and km > 0:
        return -(-FIRST_SERVICE_KM * days_at_reading // km)
    return -(-FIRST_SERVICE_KM * 365 // DEFAULT_KM_PER_YEAR)


def due_items(erp: ErpRows, today: date, window: int = DEFAULT_WINDOW_DAYS) -> list[Due]:
    """Every follow-up moment of a delivered vehicle (status ENTREGADO, delivery date and
    customer) in [today, today + window], covered or not."""
    end = today + timedelta(days=window)
    docs = {r["id"]: normalize_doc_number(r["nit"]) for r in erp.parties}
    first_done: set[str] = set()
    readings: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for v in erp.workshop:
        vin = normalize_vin(v["vin"]) or ""
        if v["tipo"] == _FIRST_SERVICE:
            first_done.add(vin)
        if v["kilometraje"] is not None:
            readings[vin].append((_day(v["fecha"]) or today, int(v["kilometraje"])))
    ends: dict[tuple[str, str], list[date]] = defaultdict(list)
    for c in erp.contracts:
        kind = _CONTRACT_KIND.get(c["tipo"])
        ends_on = _day(c["fin"])
        if kind in ("soat", "insurance") and ends_on is not None:
            ends[normalize_vin(c["vin"]) or "", kind].append(ends_on)

    due: list[Due] = []
    for r in erp.stock:
        delivered = _day(r["fecha_entrega"])
        doc = docs.get(r["tercero_id"])
        unit_vin = normalize_vin(r["vin"])
        if r["estado"] != "ENTREGADO" or delivered is None or doc is None or unit_vin is None:
            continue
        vin = unit_vin
        for k in range(max(1, today.year - delivered.year - 1), end.year - delivered.year + 1):
            moment = add_years(delivered, k)
            if today <= moment <= end:
                due.append(Due(vin, doc, "anniversary", moment))
        if vin not in first_done:
            latest = max(readings[vin], default=None)
            days = first_service_days((latest[0] - delivered).days if latest else None,
                                      latest[1] if latest else None)
            moment = delivered + timedelta(days=days)
            if today <= moment <= end:
                due.append(Due(vin, doc, "first_service", moment))
        for kind in ("soat", "insurance"):
            due.extend(Due(vin, doc, kind, d) for d in ends[vin, kind] if today <= d <= end)
    return due


def covered(item: Due, followups: Iterable[Row]) -> bool:
    """A CRM follow-up (not cancelled) of the same VIN and kind within COVER_DAYS of it."""
    return any(
        f["estado"] != _CANCELLED and _FOLLOWUP_KIND.get(f["tipo"]) == item.kind
        and normalize_vin(f["vin"]) == item.vin
        and abs(((_day(f["fecha"]) or date.min) - item.due_on).days) <= COVER_DAYS
        for f in followups
    )


def _contact_allowed(crm: CrmRows, erp: ErpRows) -> dict[str, bool]:
    """Document → may the dealership contact the person (Ley 1581: dated consent on the CRM
    or ERP record, no claim in progress on either, and a CRM contact to hold the task)."""
    consent: dict[str, bool] = defaultdict(bool)
    claim: dict[str, bool] = defaultdict(bool)
    in_crm: set[str] = set()
    for c in crm.contacts:
        doc = normalize_doc_number(c["numero_documento"])
        if doc is None:
            continue
        in_crm.add(doc)
        consent[doc] |= bool(c["autoriza_tratamiento"]) and bool(c["fecha_autorizacion"])
        claim[doc] |= bool(c["reclamo_en_tramite"])
    for t in erp.parties:
        doc = normalize_doc_number(t["nit"])
        if doc is None:
            continue
        consent[doc] |= bool(t["autoriza_datos"]) and bool(t["fecha_autorizacion"])
        claim[doc] |= bool(t["reclamo"])
    docs = set(consent) | in_crm
    return {d: d in in_crm and consent[d] and not claim[d] for d in docs}


def _funnel(crm: CrmRows, erp: ErpRows) -> tuple[dict[str, dict[str, Any]], int]:
    contacts = {c["id"]: normalize_doc_number(c["numero_documento"]) for c in crm.contacts}
    parties = {t["id"]: normalize_doc_number(t["nit"]) for t in erp.parties}
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for r in erp.receipts:
        if r["factura_id"] is not None:
            paid[r["factura_id"]] += Decimal(r["valor"])
    open_invoices: dict[str, list[Row]] = defaultdict(list)
    for inv in sorted(erp.invoices, key=lambda i: (i["fecha"], i["id"])):
        vin = normalize_vin(inv["vin"])
        if vin is not None and inv["estado"] != _ANNULLED:
            open_invoices[vin].append(inv)
    rows: dict[str, dict[str, Any]] = {}
    not_invoiced = 0
    for d in crm.deals:
        source = d["origen"] or NO_SOURCE
        row = rows.setdefault(source, {"leads": 0, "deals": 0, "sold_crm": 0, "invoiced": 0,
                                       "paid": 0, "revenue": Decimal(0),
                                       "revenue_paid": Decimal(0)})
        stage = _STAGE.get(d["etapa"], d["etapa"])
        row["leads"] += 1
        row["deals"] += stage in ("test_drive", "negotiation", "sold")
        if stage != "sold":
            continue
        row["sold_crm"] += 1
        candidates = open_invoices.get(normalize_vin(d["vin"]) or "", [])
        doc = contacts.get(d["contacto_id"])
        same = [i for i in candidates if parties.get(i["tercero_id"]) == doc]
        if not candidates:
            not_invoiced += 1
            continue
        invoice = (same or candidates)[0]
        candidates.remove(invoice)
        total = Decimal(invoice["total"])
        row["invoiced"] += 1
        row["revenue"] += total
        if paid[invoice["id"]] >= total:
            row["paid"] += 1
            row["revenue_paid"] += total
    for row in rows.values():
        row["revenue"] = str(row["revenue"].quantize(Decimal("0.01")))
        row["revenue_paid"] = str(row["revenue_paid"].quantize(Decimal("0.01")))
    return dict(sorted(rows.items())), not_invoiced


def insights_truth(crm: CrmRows, erp: ErpRows, today: date,
                   renewal_docs: Iterable[str]) -> dict[str, Any]:
    """The ``"insights"`` object of the demo's truth file (``i7_shared.md``)."""
    allowed = _contact_allowed(crm, erp)
    listed: dict[str, list[str]] = {k: [] for k in DUE_KINDS}
    n_covered = n_blocked = 0
    for item in due_items(erp, today):
        if covered(item, crm.followups):
            n_covered += 1
            continue
        listed[item.kind].append(item.vin)
        n_blocked += not allowed.get(item.doc, False)
    funnel, not_invoiced = _funnel(crm, erp)
    available = [r for r in erp.stock if r["estado"] == "DISPONIBLE"]
    slow = sorted(
        r["vin"] for r in available
        if r["fecha_ingreso"] and (today - date.fromisoformat(r["fecha_ingreso"])).days
        > DEFAULT_SLOW_DAYS)
    by_model = Counter(f"{r['marca']} {r['linea']}" for r in available)
    return {
        "today": today.isoformat(), "window_days": DEFAULT_WINDOW_DAYS,
        "slow_days": DEFAULT_SLOW_DAYS,
        "followups_due": {k: len(v) for k, v in listed.items()},
        "followups_due_vins": {k: sorted(v) for k, v in listed.items()},
        "followups_covered": n_covered,
        "followups_blocked": n_blocked,
        "funnel": funnel,
        "sold_not_invoiced": not_invoiced,
        "slow_movers": slow,
        "available_by_model": dict(sorted(by_model.items())),
        "renewal_seeded": sorted(renewal_docs),
    }
