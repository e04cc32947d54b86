"""The dealer-insight charts, drawn with matplotlib for the window's dashboard and the PDF.

Each function draws one view of :mod:`app.insights.model` into a
:class:`matplotlib.figure.Figure` — the one it is given (cleared first: the window's canvas
keeps its figure) or a new one — and returns it. Never pyplot: pyplot keeps every figure in a
global registry and picks a GUI backend of its own, whereas a bare Figure is a plain object
that a worker thread may draw and the window's ``FigureCanvasQTAgg`` or the PDF's PNG render.
No Qt here either (``app`` never imports it).

What a person reads at a glance: Spanish titles and labels; es-CO numbers (``1.234``, pesos
as ``$ 12,3 M``); the window's colours (the style sheet's blue accent, amber for money at
stake, the neutral greys); sized to be read at about 600 × 300 px. An empty input draws a
centred «Sin datos» (with the reason when the view could not be computed) instead of failing.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from app.domain.i18n import english, mark_app, tr_app, tr_marked
from app.domain.labels import FOLLOWUP_LABELS
from app.domain.values import in_bogota
from app.insights.model import (
    NO_BRANCH,
    FollowupsResult,
    FunnelResult,
    KindBranchRow,
    RenewalResult,
    StockHealth,
    TrendPoint,
)
from app.reports import (
    decimal_text,
    entity_name,
    kind_name,
    month_name,
    percent,
    pesos_short,
    thousands,
)

# The window's palette (resources/cuadre.qss): one blue accent, neutral greys, amber for money.
ACCENT = "#1f5fa8"
AMBER = "#d97706"
TEXT = "#1d2733"
MUTED = "#4a5563"
GRID = "#dfe2e6"
#: Series colours, the accent first; distinguishable side by side and in grey print.
PALETTE = ("#1f5fa8", "#d97706", "#2f855a", "#9a3412", "#6b7280", "#0e7490", "#7c3aed",
           "#9db6d3", "#b45309", "#12283f")
#: Width × height in inches at 100 dpi: about 600 × 300 px.
SIZE = (6.0, 3.0)
NO_DATA = mark_app("app.reports", "Sin datos")
#: Days-in-inventory buckets of the stock chart: (label, first day, last day or None).
STOCK_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0–30", 0, 30), ("31–60", 31, 60), ("61–90", 61, 90), ("91–180", 91, 180), (">180", 181, None))
#: Kinds of the mismatch chart beyond which the rest are summed as «Otros tipos».
MAX_KINDS = 12
#: Candidates of the renewal chart.
MAX_CANDIDATES = 10

_STAGES = (("leads", mark_app("app.reports", "Prospectos")),
           ("deals", mark_app("app.reports", "Negocios")),
           ("invoiced", mark_app("app.reports", "Facturados")),
           ("paid", mark_app("app.reports", "Pagados")))


def _figure(figure: Figure | None) -> Figure:
    """``figure`` cleared, or a new one; laid out so labels are never cut."""
    if figure is None:
        figure = Figure(figsize=SIZE, dpi=100, facecolor="#ffffff")
    else:
        figure.clear()
    figure.set_layout_engine("constrained")
    return figure


def _style(ax: Any, title: str) -> None:
    """The chart's look; the title is the figure's, flush left (``figure.texts`` holds it)."""
    ax.figure.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold", color=TEXT)
    ax.tick_params(colors=MUTED, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.set_axisbelow(True)


def _empty(figure: Figure, title: str, reason: str | None = None) -> Figure:
    ax = figure.add_subplot()
    _style(ax, title)
    ax.set_axis_off()
    no_data = tr_marked("app.reports", NO_DATA)
    ax.text(0.5, 0.5, no_data if not reason else f"{no_data}: {reason}", ha="center",
            va="center", fontsize=10, color=MUTED, wrap=True, transform=ax.transAxes)
    return figure


def _count_axis(axis: Any) -> None:
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: decimal_text(v, 0)))


def _pesos_axis(axis: Any) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: pesos_short(v)))


def _legend(ax: Any, columns: int = 1) -> None:
    ax.legend(fontsize=7, frameon=False, ncols=columns, labelcolor=TEXT)


def _branch(name: str) -> str:
    """A branch as the legend names it: «Sin sede» (no branch) in the language spoken."""
    return tr_app("app.reports", "Sin sede") if name == NO_BRANCH else name


def _kind_name(entity: str, kind: str) -> str:
    """«Valor distinto (pagos)»: kinds of different entities may share a name."""
    return (f"{tr_marked('labels', kind_name(entity, kind))} "
            f"({tr_marked('labels', entity_name(entity)).lower()})")


# --- mismatches --------------------------------------------------------------------------------


def mismatch_chart(rows: Sequence[KindBranchRow], figure: Figure | None = None) -> Figure:
    """Findings per kind as horizontal bars, stacked by branch, the most frequent on top;
    each bar ends with its pesos at stake."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Diferencias por tipo y sede")
    found = [r for r in rows if r.count]
    if not found:
        return _empty(figure, title)
    totals: dict[str, int] = defaultdict(int)
    stake: dict[str, Decimal] = defaultdict(Decimal)
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for r in found:
        name = _kind_name(r.entity, r.kind)
        totals[name] += r.count
        stake[name] += r.at_stake
        cells[(name, r.branch)] += r.count
    kinds = sorted(totals, key=lambda k: (-totals[k], k))
    if len(kinds) > MAX_KINDS:
        rest, kinds = kinds[MAX_KINDS - 1:], kinds[: MAX_KINDS - 1]
        other = tr_app("app.reports", "Otros tipos")
        for name in rest:
            totals[other] += totals[name]
            stake[other] += stake[name]
            for (kind, branch), n in list(cells.items()):
                if kind == name:
                    cells[(other, branch)] += n
        kinds.append(other)
    branches = sorted({b for _, b in cells})
    ax = figure.add_subplot()
    _style(ax, title)
    left = [0] * len(kinds)
    positions = list(range(len(kinds)))
    for i, branch in enumerate(branches):
        widths = [cells.get((kind, branch), 0) for kind in kinds]
        ax.barh(positions, widths, left=left, color=PALETTE[i % len(PALETTE)], label=_branch(branch),
                height=0.7)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, kind in zip(positions, kinds, strict=True):
        note = thousands(totals[kind])
        if stake[kind]:
            note += f" · {pesos_short(stake[kind])}"
        ax.text(totals[kind], y, f" {note}", va="center", fontsize=7, color=TEXT)
    ax.set_yticks(positions, kinds)
    ax.invert_yaxis()
    ax.set_xlim(0, max(totals[k] for k in kinds) * 1.3)
    _count_axis(ax.xaxis)
    ax.set_xlabel(tr_app("app.reports", "Hallazgos"), fontsize=8, color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    _legend(ax)
    return figure


def trend_chart(points: Sequence[TrendPoint], figure: Figure | None = None) -> Figure:
    """Total findings (blue, left axis) and pesos at stake (amber, right axis) of each stored
    run, by the day it was saved."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Tendencia de las conciliaciones guardadas")
    if not points:
        return _empty(figure, title)
    runs: dict[str, list[Any]] = {}
    for p in points:
        entry = runs.setdefault(p.run_id, [p.saved_at, 0, Decimal(0)])
        entry[1] += p.count
        entry[2] += p.at_stake
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num

    ordered = sorted(runs.values(), key=lambda e: e[0])
    zone = in_bogota(ordered[0][0]).tzinfo
    when = [float(date2num(in_bogota(e[0]))) for e in ordered]
    ax = figure.add_subplot()
    _style(ax, title)
    ax.plot(when, [e[1] for e in ordered], color=ACCENT, marker="o", markersize=4,
            linewidth=1.8, label=tr_app("app.reports", "Hallazgos"))
    _count_axis(ax.yaxis)
    ax.set_ylim(0, max(max(e[1] for e in ordered) * 1.3, 1))  # room for the legend
    ax.set_ylabel(tr_app("app.reports", "Hallazgos"), fontsize=8, color=ACCENT)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    money = ax.twinx()
    money.plot(when, [float(e[2]) for e in ordered], color=AMBER, marker="s", markersize=4,
               linewidth=1.8, label=tr_app("app.reports", "Pesos en juego"))
    _pesos_axis(money.yaxis)
    money.set_ylim(0, max(float(max(e[2] for e in ordered)) * 1.3, 1.0))
    money.set_ylabel(tr_app("app.reports", "Pesos en juego"), fontsize=8, color=AMBER)
    money.tick_params(colors=MUTED, labelsize=8)
    for side in ("top", "left", "bottom"):
        money.spines[side].set_visible(False)
    money.spines["right"].set_color(GRID)
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=8))
    ax.xaxis.set_major_formatter(DateFormatter("%d/%m", tz=zone))  # no month names
    lines = [*ax.get_lines(), *money.get_lines()]
    ax.legend(lines, [str(line.get_label()) for line in lines], fontsize=7, frameon=False,
              loc="upper right", ncols=2, labelcolor=TEXT)
    return figure


# --- follow-ups ------------------------------------------------------------------------------


def followups_chart(result: FollowupsResult, figure: Figure | None = None) -> Figure:
    """Follow-ups due per week (Monday to Sunday), stacked by kind."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Seguimientos posventa pendientes (próximos {days} días)"
                   ).format(days=result.window_days)
    if not result.due:
        return _empty(figure, title, result.unavailable)
    weeks: list[date] = []
    first = min(d.due_on for d in result.due)
    last = max(d.due_on for d in result.due)
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for d in result.due:
        counts[(d.kind, d.due_on - timedelta(days=d.due_on.weekday()))] += 1
    kinds = [k for k in FOLLOWUP_LABELS if any(d.kind == k for d in result.due)]
    kinds += sorted({d.kind for d in result.due} - set(kinds))
    ax = figure.add_subplot()
    _style(ax, title)
    positions = list(range(len(weeks)))
    bottom = [0] * len(weeks)
    for i, kind in enumerate(kinds):
        heights = [counts.get((kind, w), 0) for w in weeks]
        ax.bar(positions, heights, bottom=bottom, color=PALETTE[i % len(PALETTE)], width=0.7,
               label=tr_marked("labels", FOLLOWUP_LABELS.get(kind, kind)))
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    week = tr_app("app.reports", "Sem. {day}")
    ax.set_xticks(positions, [week.format(day=f"{w:%d/%m}") for w in weeks])
    _count_axis(ax.yaxis)
    ax.set_ylabel(tr_app("app.reports", "Seguimientos"), fontsize=8, color=MUTED)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_ylim(0, max(bottom) * 1.25)
    _legend(ax, columns=2)
    return figure


# --- lead-source funnel ----------------------------------------------------------------------


def funnel_chart(result: FunnelResult, figure: Figure | None = None) -> Figure:
    """Per lead source, grouped bars prospects → deals → invoiced → paid, with the conversion
    (invoiced ÷ prospects) over each group. Rows grouped by branch or month are added up per
    source."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Embudo por origen del prospecto (ventas facturadas en el ERP)")
    sums: dict[str, dict[str, int]] = {}
    for row in result.rows:
        entry = sums.setdefault(row.source, dict.fromkeys((s for s, _ in _STAGES), 0))
        for stage, _ in _STAGES:
            entry[stage] += getattr(row, stage)
    sources = sorted((s for s in sums if sums[s]["leads"]), key=lambda s: (-sums[s]["leads"], s))
    if not sources:
        return _empty(figure, title, result.unavailable)
    ax = figure.add_subplot()
    _style(ax, title)
    width = 0.8 / len(_STAGES)
    for i, (stage, label) in enumerate(_STAGES):
        xs = [n + (i - (len(_STAGES) - 1) / 2) * width for n in range(len(sources))]
        ax.bar(xs, [sums[s][stage] for s in sources], width=width,
               label=tr_marked("app.reports", label),
               color=PALETTE[i % len(PALETTE)])
    top = max(sums[s]["leads"] for s in sources)
    for n, source in enumerate(sources):
        ratio = Decimal(sums[source]["invoiced"]) / Decimal(sums[source]["leads"])
        ax.text(n, sums[source]["leads"] + top * 0.04, percent(ratio), ha="center", fontsize=7,
                color=TEXT, fontweight="bold")
    ax.set_xticks(range(len(sources)), sources)
    if len(sources) > 5:
        ax.tick_params(axis="x", labelrotation=30)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
    ax.set_xlabel(tr_app("app.reports", "Sobre cada origen: facturados ÷ prospectos"), fontsize=8,
                  color=MUTED)
    _count_axis(ax.yaxis)
    ax.set_ylim(0, top * 1.25)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    _legend(ax, columns=4)
    return figure


# --- stock -----------------------------------------------------------------------------------


def stock_bucket(days: int) -> int:
    """The index in :data:`STOCK_BUCKETS` of a number of days in inventory."""
    for index, (_, low, high) in enumerate(STOCK_BUCKETS):
        if days >= low and (high is None or days <= high):
            return index
    return 0  # negative days (received after today): the first bucket


def stock_chart(health: StockHealth, figure: Figure | None = None) -> Figure:
    """Units in stock by days in inventory (0–30 … >180), stacked by branch, with the slow
    mover threshold marked."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Días en inventario (unidades en existencia)")
    dated = [i for i in health.items if i.days is not None]
    if not dated:
        return _empty(figure, title, health.unavailable)
    branches = sorted({i.branch for i in dated})
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for item in dated:
        assert item.days is not None
        counts[(item.branch, stock_bucket(item.days))] += 1
    ax = figure.add_subplot()
    _style(ax, title)
    positions = list(range(len(STOCK_BUCKETS)))
    bottom = [0] * len(positions)
    for i, branch in enumerate(branches):
        heights = [counts.get((branch, b), 0) for b in positions]
        ax.bar(positions, heights, bottom=bottom, width=0.7, label=_branch(branch),
               color=PALETTE[i % len(PALETTE)])
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    ax.set_xticks(positions, [label for label, _, _ in STOCK_BUCKETS])
    ax.set_xlabel(tr_app("app.reports", "Días en inventario"), fontsize=8, color=MUTED)
    _count_axis(ax.yaxis)
    ax.set_ylabel(tr_app("app.reports", "Unidades"), fontsize=8, color=MUTED)
    ax.set_ylim(0, max(bottom) * 1.3)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    at = _threshold_position(health.slow_days)
    ax.axvline(at, color="#9a3412", linestyle="--", linewidth=1.2,
               label=tr_app("app.reports", "Umbral de lenta rotación: {days} días").format(
                   days=thousands(health.slow_days)))
    _legend(ax)
    return figure


def _threshold_position(days: int) -> float:
    """Where ``days`` falls on the bucket axis: between two bars when it is a bucket's last
    day, inside a bar in proportion otherwise."""
    index = stock_bucket(max(days, 0))
    _, low, high = STOCK_BUCKETS[index]
    if high is None:
        return index - 0.5
    if days >= high:
        return index + 0.5
    return index - 0.5 + (days - low + 1) / (high - low + 1)


# --- renewal ---------------------------------------------------------------------------------


def renewal_chart(result: RenewalResult, figure: Figure | None = None) -> Figure:
    """The customers most likely to renew this month: their score (0–100) as horizontal bars,
    the highest on top."""
    figure = _figure(figure)
    title = tr_app("app.reports", "Probables renovaciones de {month}").format(
        month=_month(result.month))
    top = list(result.candidates[:MAX_CANDIDATES])
    if not top:
        return _empty(figure, title, result.unavailable)
    ax = figure.add_subplot()
    _style(ax, title)
    positions = list(range(len(top)))
    ax.barh(positions, [c.score for c in top], color=ACCENT, height=0.65)
    for y, c in zip(positions, top, strict=True):
        ax.text(c.score, y, f" {c.score}", va="center", fontsize=7, color=TEXT)
    ax.set_yticks(positions, [_short(f"{c.customer_name} — {c.model}", 38) for c in top])
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(tr_app("app.reports", "Puntaje (0–100)"), fontsize=8, color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    return figure


#: The months in English, for the window in English (the PDF is Spanish: app.reports).
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")


def _month(month: str) -> str:
    """«noviembre de 2026», or «November 2026» in English."""
    year, _, number = month.partition("-")
    if english() and number.isdigit() and 1 <= int(number) <= 12:
        return f"{_ENGLISH_MONTHS[int(number) - 1]} {year}"
    return month_name(month)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- output ----------------------------------------------------------------------------------


def png_bytes(figure: Figure, dpi: int = 150) -> bytes:
    """The figure as a PNG (matplotlib's Agg renderer, no GUI)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


#: Every chart, by the view it draws (the PDF and the tests walk them).
CHARTS: dict[str, Callable[..., Figure]] = {
    "mismatches": mismatch_chart, "trend": trend_chart, "followups": followups_chart,
    "funnel": funnel_chart, "stock": stock_chart, "renewal": renewal_chart,
}
