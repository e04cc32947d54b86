"""Stock health: days in inventory per VIN, slow movers, and units available per model (per
branch too) for a campaign — «quedan 5 Toyota Hilux».

The definitions are :class:`app.insights.model.StockItem`'s. The choices left open:

- a slow mover has *more* days than the threshold: at exactly ``slow_days`` it is not one yet;
- a unit received after ``today`` (a date typed ahead) has negative days, shown as they are;
- the average days of a model count its dated units only (``None`` when none is dated), to
  one decimal, half up;
- a duplicated VIN in the ERP is listed as many times as the ERP lists it (the
  reconciliation reports the duplicate).

Only the ERP's inventory is needed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from app.domain.i18n import mark_app, tr_app
from app.domain.schema import records
from app.domain.values import fold
from app.insights.data import days, or_default, text, unavailable
from app.insights.model import (
    DEFAULT_SLOW_DAYS,
    NO_BRANCH,
    InsightData,
    ModelStock,
    StockHealth,
    StockItem,
)

IN_STOCK = ("available", "reserved", "demo")
_TENTH = Decimal("0.1")


def stock_health(data: InsightData, slow_days: int = DEFAULT_SLOW_DAYS) -> StockHealth:
    if slow_days < 0:
        raise ValueError("slow_days must not be negative")
    if data.vehicles_erp is None:
        return StockHealth(slow_days, (), (), (), 0, unavailable(
            mark_app("app.insights", "La fuente del ERP no entrega el inventario de vehículos"),
            mark_app("app.insights", "la salud del inventario no se puede calcular")))
    raw = data.vehicles_erp
    df = pd.DataFrame({
        "vin": text(raw["vin"]).fillna(""), "make": text(raw["make"]).fillna(""),
        "model": text(raw["model"]).fillna(""),
        "model_year": pd.to_numeric(raw["model_year"].map(
            lambda v: None if v is None else str(v)), errors="coerce"),
        "branch": or_default(raw["branch"], NO_BRANCH), "status": raw["status"],
        "received": days(raw["received_on"]), "price": raw["price"],
    })
    df = df[df["status"].isin(IN_STOCK)].copy()
    df["days"] = (pd.Timestamp(data.today) - df["received"]).dt.days
    df["slow"] = (df["status"] == "available") & (df["days"] > slow_days)
    df = df.sort_values(["days", "vin"], ascending=[False, True], na_position="last")
    items = tuple(
        StockItem(
            vin=r["vin"], make=r["make"], model=r["model"],
            model_year=None if pd.isna(r["model_year"]) else int(r["model_year"]),
            branch=r["branch"], status=r["status"],
            received_on=None if pd.isna(r["received"]) else r["received"].date(),
            days=None if pd.isna(r["days"]) else int(r["days"]),
            price=r["price"] if isinstance(r["price"], Decimal) else None, slow=bool(r["slow"]))
        for r in records(df))
    available = df[df["status"] == "available"]
    return StockHealth(slow_days, items, _by_model(available, branch=False),
                       _by_model(available, branch=True), int(df["received"].isna().sum()))


def _by_model(available: pd.DataFrame, *, branch: bool) -> tuple[ModelStock, ...]:
    keys = ["make", "model", "branch"] if branch else ["make", "model"]
    if available.empty:
        return ()
    g = available.groupby(keys, sort=True).agg(
        available=("vin", "size"), dated=("days", "count"), total_days=("days", "sum"),
        oldest=("days", "max")).reset_index()
    g = g.sort_values(["available", *keys], ascending=[False, *[True] * len(keys)])
    return tuple(
        ModelStock(
            make=r["make"], model=r["model"], branch=r["branch"] if branch else None,
            available=int(r["available"]),
            average_days=(Decimal(int(r["total_days"])) / Decimal(int(r["dated"]))).quantize(
                _TENTH, ROUND_HALF_UP) if r["dated"] else None,
            oldest_days=None if pd.isna(r["oldest"]) else int(r["oldest"]))
        for r in records(g))


def units_sentence(stock: ModelStock) -> str:
    """«Quedan 5 Toyota Hilux» / «Queda 1 Mazda CX-30» (en Bogotá when per branch), in the
    current language; a model that already names its make («Mazda 2») is not prefixed."""
    named = stock.make and fold(stock.model).startswith(fold(stock.make))  # «MAZDA 2»
    name = (stock.model if named else f"{stock.make} {stock.model}".strip()) or tr_app(
        "app.insights", "sin modelo")
    said = (tr_app("app.insights", "Queda {n} {name}") if stock.available == 1
            else tr_app("app.insights", "Quedan {n} {name}")).format(n=stock.available, name=name)
    if stock.branch:
        return tr_app("app.insights", "{units} en {branch}").format(units=said,
                                                                   branch=stock.branch)
    return said
