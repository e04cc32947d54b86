"""ROI by lead source: the CRM's leads → deals → «Vendido» → real ERP invoices → paid, with
conversion and revenue per source (and branch, and month).

The definitions are :class:`app.insights.model.FunnelRow`'s. Only what the ERP invoiced is a
sale: a deal the CRM marks sold with no invoice of its VIN is shown (``sold_crm``) and counted
apart (``sold_not_invoiced``), never as revenue. The choices the definition leaves open:

- an invoice and a deal go together by VIN; when several sold deals share a VIN and its
  invoices, pairs are taken in this order until each deal and each invoice has at most one
  partner: the same customer first, then the earliest invoice (``issued_on``), then the
  earliest deal (``created_on``, else ``closed_on``, else ``updated_at``), then by id;
- only a validated invoice counts (status ``validated``, or none when the source does not
  say): an annulled one or a draft is not a sale;
- a receipt pays the invoice it names by CUFE when both carry one, else by invoice number
  ("FEB-010023" = "FEB-10023"); a receipt naming several invoices ("FEB-1; FEB-2") pays them
  in the order named, each up to what the others left unpaid; a cancelled, rejected, annulled
  or draft receipt pays nothing; an invoice is paid when its receipts reach its total;
- a deal with no date at all falls in the month «Sin fecha».

Deals, invoices and the ERP's receipts are needed: without any of them the funnel is not
computed (``unavailable`` says which is missing).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import pandas as pd

from app.domain.i18n import mark_app
from app.domain.invoices import invoice_keys
from app.insights.data import as_day, days, ids, or_default, text, unavailable
from app.insights.model import NO_BRANCH, NO_SOURCE, FunnelResult, FunnelRow, InsightData
from app.reconcile.keys import document_key

GROUPS = ("source", "branch", "month")
NO_MONTH = "Sin fecha"
PAST_LEAD = ("test_drive", "negotiation", "sold")
_VOID_RECEIPTS = frozenset({"cancelled", "rejected", "annulled", "draft"})
_VIEW = mark_app("app.insights", "el embudo no se puede calcular")


def grouping(by: Iterable[str]) -> tuple[str, ...]:
    """``by`` as the funnel groups: "source" first, then the others in the order given, each
    once. An unknown name is a ValueError (the command line says it in Spanish first)."""
    wanted = [b.strip() for b in by if b.strip()]
    unknown = [b for b in wanted if b not in GROUPS]
    if unknown:
        raise ValueError(f"unknown funnel grouping: {', '.join(unknown)}")
    return ("source", *dict.fromkeys(b for b in wanted if b != "source"))


def funnel(data: InsightData, by: Sequence[str] = ("source",)) -> FunnelResult:
    groups = grouping(by)
    for frame, what in (
            (data.deals, mark_app("app.insights", "La fuente del CRM no entrega negocios")),
            (data.invoices, mark_app("app.insights", "La fuente del ERP no entrega facturas")),
            (data.payments_erp, mark_app("app.insights",
                                         "La fuente del ERP no entrega recibos de caja"))):
        if frame is None:
            return FunnelResult(groups, (), 0, unavailable(what, _VIEW))
    assert data.deals is not None and data.invoices is not None and data.payments_erp is not None
    deals = _deals(data.deals)
    invoices = _invoices(data.invoices)
    partner = _pairs(deals, invoices)
    paid = _paid(invoices, data.payments_erp)
    total = invoices.set_index("invoice")["total"]
    deals["invoice"] = deals["deal"].map(partner)
    deals["invoiced"] = deals["invoice"].notna()
    deals["paid"] = deals["invoice"].map(lambda i: i in paid)
    deals["revenue"] = deals["invoice"].map(total).map(lambda v: v if isinstance(v, Decimal)
                                                       else Decimal(0))
    deals["revenue_paid"] = deals["revenue"].where(deals["paid"], Decimal(0))
    sold = deals["stage"] == "sold"
    grouped = deals.assign(is_deal=deals["stage"].isin(PAST_LEAD), sold=sold).groupby(
        list(groups), sort=True).agg(
        leads=("deal", "size"), deals=("is_deal", "sum"), sold_crm=("sold", "sum"),
        invoiced=("invoiced", "sum"), paid=("paid", "sum"), revenue=("revenue", "sum"),
        revenue_paid=("revenue_paid", "sum"))
    rows = []
    for key, g in grouped.iterrows():
        values = dict(zip(groups, key if isinstance(key, tuple) else (key,), strict=True))
        rows.append(FunnelRow(
            source=str(values["source"]), branch=values.get("branch"), month=values.get("month"),
            leads=int(g["leads"]), deals=int(g["deals"]), sold_crm=int(g["sold_crm"]),
            invoiced=int(g["invoiced"]), paid=int(g["paid"]), revenue=Decimal(g["revenue"]),
            revenue_paid=Decimal(g["revenue_paid"])))
    return FunnelResult(groups, tuple(rows), int((sold & ~deals["invoiced"]).sum()))


def _deals(raw: pd.DataFrame) -> pd.DataFrame:
    created, closed, updated = (raw[c].map(as_day) for c in ("created_on", "closed_on",
                                                               "updated_at"))
    when = created.where(created.notna(), closed)
    when = when.where(when.notna(), updated)
    return pd.DataFrame({
        "deal": ids(raw["source_id"]), "stage": raw["stage"], "vin": text(raw["vin"]),
        "customer_doc": ids(raw["customer_doc"]),
        "source": or_default(raw["lead_source"], NO_SOURCE),
        "branch": or_default(raw["branch"], NO_BRANCH),
        "month": when.map(lambda d: NO_MONTH if d is None else f"{d:%Y-%m}"),
        "deal_day": pd.to_datetime(when, errors="coerce"),
    })


def _invoices(raw: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame({
        "invoice": ids(raw["source_id"]), "vin": text(raw["vin"]),
        "invoice_doc": ids(raw["customer_doc"]),
        "issued": days(raw["issued_on"]), "total": raw["total"], "status": raw["status"],
        "key": raw["invoice_number"].map(document_key),
        "cufe": text(raw["cufe"].map(lambda v: v.lower() if isinstance(v, str) else None)),
    })
    df = df[df["status"].isna() | (df["status"] == "validated")].drop_duplicates("invoice")
    return df.drop(columns="status").reset_index(drop=True)


def _pairs(deals: pd.DataFrame, invoices: pd.DataFrame) -> dict[str, str]:
    """deal id → invoice id: each sold deal with at most one invoice of its VIN, and each
    invoice counted for at most one deal (the order in the module's docstring)."""
    sold = deals[(deals["stage"] == "sold") & deals["vin"].notna()]
    pairs = sold.merge(invoices[invoices["vin"].notna()], on="vin")
    if pairs.empty:
        return {}
    pairs["other"] = pairs["customer_doc"] != pairs["invoice_doc"]
    pairs = pairs.sort_values(["other", "issued", "deal_day", "deal", "invoice"],
                              na_position="last")
    out: dict[str, str] = {}
    taken: set[str] = set()
    # A greedy pass over the candidate pairs only (a VIN's few deals × its few invoices).
    for deal, invoice in zip(pairs["deal"], pairs["invoice"], strict=True):
        if deal not in out and invoice not in taken:
            out[deal] = invoice
            taken.add(invoice)
    return out


def _paid(invoices: pd.DataFrame, receipts: pd.DataFrame) -> set[str]:
    """The invoices the ERP's receipts cover in full."""
    r = pd.DataFrame({
        "amount": receipts["amount"].map(lambda v: v if isinstance(v, Decimal) else Decimal(0)),
        "status": receipts["status"],
        "cufe": text(receipts["cufe"].map(lambda v: v.lower() if isinstance(v, str) else None)),
        "keys": [invoice_keys(v) for v in receipts["invoice_number"]],
    })
    r = r[~r["status"].isin(_VOID_RECEIPTS)]
    by_cufe = invoices[invoices["cufe"].notna()].drop_duplicates("cufe").set_index("cufe")
    by_key = invoices[invoices["key"].notna()].drop_duplicates("key").set_index("key")
    target = r["cufe"].map(by_cufe["invoice"])
    single = r["keys"].map(lambda k: k[0] if len(k) == 1 else None)
    target = target.where(target.notna(), single.map(by_key["invoice"]))
    received: dict[str, Decimal] = {
        str(k): v for k, v in
        r.assign(invoice=target)[target.notna()].groupby("invoice")["amount"].sum().items()}
    total = dict(zip(invoices["invoice"], invoices["total"], strict=True))
    # A receipt for several invoices: in the order named, each up to what is left unpaid.
    for amount, keys in zip(r.loc[target.isna(), "amount"], r.loc[target.isna(), "keys"],
                            strict=True):
        for key in keys if len(keys) > 1 else ():
            invoice = by_key["invoice"].get(key)
            if invoice is None or amount <= 0:
                continue
            owed = max(Decimal(0), (total[invoice] or Decimal(0)) - received.get(invoice, 0))
            part = min(owed, amount)
            received[invoice] = received.get(invoice, Decimal(0)) + part
            amount -= part
    return {i for i, t in total.items()
            if isinstance(t, Decimal) and t > 0 and received.get(i, Decimal(0)) >= t}
