"""The stock feed for ads: the ERP's available, unreserved vehicles as Meta's or Google's
vehicle catalog, or the «Quedan N» lines per model as CSV — what ``cuadre feed`` and the
dashboard's «Feed de anuncios…» button write.

Which vehicles: the ERP's records whose status is ``available`` and that no customer or deal
holds (an available unit with a ``customer_doc`` or ``deal_id`` is already promised: it is
counted as assigned). One row per VIN: a VIN the ERP lists several times, every time
available, is written once with a warning; listed once available and once not, it is left
out until the ERP agrees with itself. Every record read is accounted for — written, left out
with a reason (:class:`Omission`), or not offered (sold, reserved, in transit…):
:attr:`FeedResult.accounted` equals :attr:`FeedResult.records`.

A vehicle's state and odometer: its line in the settings' vehicles file when it says; else
the dealership's default state, and for the odometer the highest the ERP's workshop read for
the VIN, or 0 km for a new unit. The «Quedan» lines count the distinct VINs offered (those
left out of a catalog for a missing photo are still on the lot, and counted).

:func:`feed_task` is the generator the window runs off the GUI thread (progress, cancel) and
the command line drives; :func:`write_feed` writes the file whole or not at all.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from app.domain.i18n import mark_app, speaking, tr_app, tr_marked
from app.domain.schema import records
from app.domain.values import clean_text, format_count, normalize_vin
from app.insights.data import as_day, unavailable
from app.insights.feed_formats import (
    GOOGLE_COLUMNS,
    META_COLUMNS,
    STOCK_COLUMNS,
    Unit,
    google_row,
    meta_row,
    vehicle_name,
)
from app.insights.feed_settings import FeedSettings
from app.insights.model import NO_BRANCH, InsightData, ModelStock
from app.insights.stock import units_sentence
from app.paths import atomic_write
from app.progress import CancelToken, Progress, Task

FORMATS = ("meta", "google", "csv")
#: Why a record is not offered, by its ERP status (or held by a customer or a deal).
NOT_OFFERED_WORDS = {
    "reserved": mark_app("app.insights", "reservados"),
    "sold": mark_app("app.insights", "vendidos"),
    "delivered": mark_app("app.insights", "entregados"),
    "in_transit": mark_app("app.insights", "en tránsito"),
    "demo": mark_app("app.insights", "de exhibición"),
    "assigned": mark_app("app.insights", "disponibles pero asignados a un cliente o negocio"),
    "unknown": mark_app("app.insights", "con otro estado o sin estado"),
}
_STEP = 200  # rows between progress reports and cancel checks

RowMaker = Callable[[Unit, FeedSettings], "dict[str, str] | list[str]"]
_MAKERS: dict[str, tuple[tuple[str, ...], RowMaker]] = {
    "meta": (META_COLUMNS, meta_row), "google": (GOOGLE_COLUMNS, google_row)}


@dataclass(frozen=True, slots=True)
class Omission:
    """A vehicle offered in the ERP that the file leaves out, and why (one sentence)."""

    vin: str
    vehicle: str
    branch: str
    reason: str
    records: int = 1  # ERP records of the VIN


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What a feed holds, and what it left out."""

    format: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    omitted: tuple[Omission, ...]
    not_offered: tuple[tuple[str, int], ...]  # (status code or "assigned", records)
    duplicates: tuple[tuple[str, int], ...]  # (VIN, times the ERP lists it, always available)
    by_model: tuple[ModelStock, ...]
    by_branch: tuple[ModelStock, ...]
    records: int  # the ERP's vehicle records read
    vehicles_written: int  # distinct VINs in the file (the csv: counted in its lines)
    records_written: int  # the ERP records behind them (a VIN listed twice: 2)
    unavailable: str | None = None

    @property
    def accounted(self) -> int:
        """Records written (once per VIN), left out or not offered."""
        return (self.records_written + sum(o.records for o in self.omitted)
                + sum(n for _s, n in self.not_offered))


def build_feed(data: InsightData, settings: FeedSettings, fmt: str,
               cancel: CancelToken | None = None) -> FeedResult:
    """The feed of format ``fmt`` (:data:`FORMATS`) of ``data``'s ERP vehicles."""
    return _drive(feed_rows(data, settings, fmt, cancel))


def _drive(task: Task[FeedResult]) -> FeedResult:
    while True:
        try:
            next(task)
        except StopIteration as stop:
            return stop.value


def feed_rows(data: InsightData, settings: FeedSettings, fmt: str,
              cancel: CancelToken | None = None) -> Task[FeedResult]:
    """:func:`build_feed` as a task: progress every few hundred vehicles, cancellable."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}")
    columns = STOCK_COLUMNS if fmt == "csv" else _MAKERS[fmt][0]
    if data.vehicles_erp is None:
        return FeedResult(fmt, columns, (), (), (), (), (), (), 0, 0, 0, unavailable(
            mark_app("app.insights", "La fuente del ERP no entrega el inventario de vehículos"),
            mark_app("app.insights", "no hay feed de anuncios")))
    raw = data.vehicles_erp
    yield Progress("feed", 0, 0)
    offered, not_offered, omitted, duplicates = _offered(raw)
    odometers = _odometers(data.services)
    units = []
    for i, row in enumerate(offered):
        if i % _STEP == 0:
            yield Progress("feed_units", i, len(offered))
            if cancel is not None:
                cancel.check()
        units.append(_unit(row, settings, odometers))
    by_model, by_branch = _lines(units)
    times = dict(duplicates)
    rows: list[dict[str, str]] = []
    if fmt == "csv":
        rows = _stock_rows(by_model, by_branch)
        written = len(units)
        records_written = sum(times.get(u.vin, 1) for u in units)
    else:
        records_written = 0
        make = _MAKERS[fmt][1]
        for i, unit in enumerate(units):
            if i % _STEP == 0:
                yield Progress("feed", i, len(units))
                if cancel is not None:
                    cancel.check()
            made = make(unit, settings)
            if isinstance(made, dict):
                rows.append(made)
                records_written += times.get(unit.vin, 1)
            else:
                omitted.append(Omission(unit.vin, unit.name, unit.branch, "; ".join(made),
                                        records=times.get(unit.vin, 1)))
        written = len(rows)
    yield Progress("feed", len(units), len(units))
    return FeedResult(fmt, columns, tuple(rows), tuple(omitted), not_offered,
                      tuple(duplicates), by_model, by_branch, len(raw), written,
                      records_written)


def _offered(raw: pd.DataFrame) -> tuple[list[dict[str, object]], tuple[tuple[str, int], ...],
                                         list[Omission], list[tuple[str, int]]]:
    """The records to offer (the first of each VIN), the counts of those not offered, the
    VINs left out because the ERP disagrees with itself, and the VINs listed more than once."""
    rows = records(raw)
    why_not: Counter[str] = Counter()
    by_vin: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        vin = normalize_vin(row.get("vin")) or ""
        row = {**row, "vin": vin}
        by_vin.setdefault(vin or f"\0{len(by_vin)}", []).append(row)
    offered, omitted, duplicates = [], [], []
    for vin, listed in by_vin.items():
        kinds = [_kind(r) for r in listed]
        if len(listed) > 1:
            if any(k != "offered" for k in kinds) and "offered" in kinds:
                first = listed[0]
                omitted.append(Omission(vin, _name(first), _branch(first), tr_app(
                    "app.insights", "el ERP lo lista {n} veces y no todas como disponible: "
                                    "no se publica hasta que el ERP lo aclare").format(
                    n=len(listed)), records=len(listed)))
                continue
            if all(k == "offered" for k in kinds):
                duplicates.append((vin, len(listed)))
                offered.append(listed[0])
                continue
        for row, kind in zip(listed, kinds, strict=True):
            if kind == "offered":
                offered.append(row)
            else:
                why_not[kind] += 1
    order = list(NOT_OFFERED_WORDS)
    counts = tuple(sorted(why_not.items(), key=lambda kv: order.index(kv[0])))
    return offered, counts, omitted, duplicates


def _kind(row: Mapping[str, object]) -> str:
    status = row.get("status")
    if status == "available":
        if clean_text(row.get("customer_doc")) or clean_text(row.get("deal_id")):
            return "assigned"
        return "offered"
    return str(status) if status in NOT_OFFERED_WORDS else "unknown"


def _name(row: Mapping[str, object]) -> str:
    return " ".join(p for p in (clean_text(row.get("make")), clean_text(row.get("model"))) if p)


def _branch(row: Mapping[str, object]) -> str:
    return clean_text(row.get("branch")) or NO_BRANCH


def _odometers(services: pd.DataFrame | None) -> dict[str, int]:
    """The highest odometer reading the workshop took of each VIN."""
    if services is None or services.empty:
        return {}
    km = pd.to_numeric(services["odometer_km"].map(lambda v: None if v is None else str(v)),
                       errors="coerce")
    vins = services["vin"].map(normalize_vin)
    frame = pd.DataFrame({"vin": vins, "km": km}).dropna()
    return {str(v): int(k) for v, k in frame.groupby("vin")["km"].max().items()}


def _unit(row: Mapping[str, object], settings: FeedSettings, odometers: Mapping[str, int]
          ) -> Unit:
    vin = str(row["vin"])
    extra = settings.vehicles.get(vin)
    condition = (extra.condition if extra and extra.condition else settings.condition)
    read = odometers.get(vin)
    km = extra.mileage_km if extra and extra.mileage_km is not None else read
    if km is None and condition == "new":
        km = 0
    price = row.get("price")
    make, model = clean_text(row.get("make")) or "", clean_text(row.get("model")) or ""
    return Unit(
        vin=vin, make=make, model=model, name=vehicle_name(make, model),
        year=_year(row.get("model_year")),
        color=clean_text(row.get("color")) or "", branch=_branch(row),
        price=price if isinstance(price, Decimal) else None,
        received_on=as_day(row.get("received_on")), condition=condition, mileage_km=km,
        image=extra.image_link if extra else None, problem=extra.problem if extra else None)


def _year(value: object) -> int | None:
    """A model year as the ERP gives it (2026, "2026", "2026.0"), None when it is not one."""
    text = str(value).strip() if value is not None else ""
    whole, _, fraction = text.partition(".")
    if whole.isdigit() and fraction.strip("0") == "":
        return int(whole)
    return None


def _lines(units: Sequence[Unit]) -> tuple[tuple[ModelStock, ...], tuple[ModelStock, ...]]:
    """The «Quedan N» counts per model and per model and branch, most units first."""
    per_model = Counter((u.make, u.model) for u in units)
    per_branch = Counter((u.make, u.model, u.branch) for u in units)
    models = tuple(ModelStock(make, model, None, n, None, None) for (make, model), n in
                   sorted(per_model.items(), key=lambda kv: (-kv[1], kv[0])))
    branches = tuple(ModelStock(make, model, branch, n, None, None)
                     for (make, model, branch), n in
                     sorted(per_branch.items(), key=lambda kv: (kv[0][:2], -kv[1], kv[0][2])))
    return models, branches


def _stock_rows(by_model: Sequence[ModelStock], by_branch: Sequence[ModelStock]
                ) -> list[dict[str, str]]:
    """The csv format: each model's line, then its lines per branch (in Spanish)."""
    out = []
    with speaking("es"):
        for m in by_model:
            out.append(_stock_row(m))
            out += [_stock_row(b) for b in by_branch if (b.make, b.model) == (m.make, m.model)]
    return out


def _stock_row(m: ModelStock) -> dict[str, str]:
    return {"make": m.make, "model": m.model, "branch": m.branch or "",
            "available": str(m.available), "text": units_sentence(m)}


# --- the file ---------------------------------------------------------------------------------


def write_feed(path: Path, result: FeedResult) -> None:
    """``result``'s rows as CSV (UTF-8, comma, a header of the platform's exact names), whole
    or not at all."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(result.columns),
                                    lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(result.rows)

    atomic_write(path, write)


def feed_task(data: InsightData, settings: FeedSettings, fmt: str, path: Path, *,
              cancel: CancelToken | None = None) -> Task[FeedResult]:
    """Build the feed and write it to ``path`` (nothing is written when the ERP has no
    inventory or the work is cancelled)."""
    result = yield from feed_rows(data, settings, fmt, cancel)
    if result.unavailable:
        return result
    if cancel is not None:
        cancel.check()
    yield Progress("feed_write", 0, 1)
    write_feed(path, result)
    yield Progress("feed_write", 1, 1)
    return result


# --- what it says -----------------------------------------------------------------------------


def summary_lines(result: FeedResult, *, top: int = 0) -> list[str]:
    """What the feed holds and what it left out, in the current language: the count line, the
    duplicates, the «Quedan» lines (the ``top`` first models, all with 0) and every vehicle
    left out with its reason."""
    if result.unavailable:
        return [result.unavailable]
    n = format_count
    lines = [tr_app("app.insights", "{records} vehículos en el ERP: {written} en el archivo, "
                    "{omitted} omitidos, {other} no disponibles o reservados.").format(
        records=n(result.records),
        written=n(result.records_written),
        omitted=n(sum(o.records for o in result.omitted)),
        other=n(sum(k for _s, k in result.not_offered)))]
    if result.not_offered:
        lines.append(tr_app("app.insights", "No se ofrecen: {list}.").format(list=", ".join(
            f"{n(k)} {tr_marked('app.insights', NOT_OFFERED_WORDS[s])}"
            for s, k in result.not_offered)))
    for vin, times in result.duplicates:
        lines.append(tr_app("app.insights", "Aviso: el VIN {vin} aparece {n} veces en el ERP; "
                                            "se cuenta una sola vez.").format(
            vin=vin, n=times))
    shown = result.by_model[:top] if top else result.by_model
    if shown:
        lines.append(tr_app("app.insights", "Disponibles por modelo:"))
        lines += [f"  {units_sentence(m)}" for m in shown]
        if len(shown) < len(result.by_model):
            lines.append("  " + tr_app("app.insights", "(y {n} modelos más)").format(
                n=n(len(result.by_model) - len(shown))))
    if result.omitted:
        lines.append(tr_app("app.insights", "Omitidos ({n}):").format(
            n=n(len(result.omitted))))
        lines += [f"  {o.vin} · {o.vehicle or '—'} · {o.branch}: {o.reason}"
                  for o in result.omitted]
    return lines


def no_settings_line(path: Path) -> str:
    """What to do when there are no settings yet (the catalogs need them; the csv does not)."""
    return tr_app("app.insights", "No hay configuración del feed en {path}: de ese archivo "
                                  "salen las direcciones de las sedes, las fotos y la página "
                                  "de cada vehículo (vea «Feed de anuncios» en el "
                                  "README).").format(path=path)
