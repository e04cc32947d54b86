"""The insight charts (app/reports/charts.py): each draws its data into a matplotlib Figure —
bars and lines that can be counted — in Spanish with es-CO numbers, says «Sin datos» when
there is nothing to draw, renders to PNG, and never touches pyplot or Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from app.insights.model import (
    FollowupDue,
    FollowupsResult,
    FunnelResult,
    FunnelRow,
    KindBranchRow,
    Reason,
    RenewalCandidate,
    RenewalResult,
    StockHealth,
    StockItem,
    TrendPoint,
)
from app.reports import decimal_text, percent, pesos_short, thousands
from app.reports.charts import (
    CHARTS,
    NO_DATA,
    followups_chart,
    funnel_chart,
    mismatch_chart,
    png_bytes,
    renewal_chart,
    stock_bucket,
    stock_chart,
    trend_chart,
)

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)


def _bars(figure: Figure) -> list[Rectangle]:
    return [p for ax in figure.axes for p in ax.patches if isinstance(p, Rectangle)]


def _texts(figure: Figure) -> list[str]:
    found = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.texts]
        found += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return found


def _due(kind: str, days: int, allowed: bool = True) -> FollowupDue:
    return FollowupDue(f"VIN{days:014d}", "79123456", "Ana Gómez", kind,
                       TODAY + timedelta(days=days), TODAY - timedelta(days=365), "Cali",
                       "Toyota Hilux", "Un año desde la entrega", allowed)


def _item(branch: str, days: int | None, status: str = "available") -> StockItem:
    return StockItem(f"VIN{branch}{days}", "Toyota", "Hilux", 2026, branch, status,
                     None if days is None else TODAY - timedelta(days=days), days,
                     Decimal("150000000"), status == "available" and (days or 0) > 90)


def _candidate(n: int) -> RenewalCandidate:
    return RenewalCandidate(f"80{n}", f"Cliente {n}", f"VIN{n}", "Mazda CX-5", "Cali", 100 - n,
                            (Reason(30, "El crédito termina el 12/12/2026 (+30)"),))


def test_mismatches_are_bars_per_kind_stacked_by_branch():
    rows = [KindBranchRow("payments", "amount_differs", "Bogotá", 3, Decimal("12300000")),
            KindBranchRow("payments", "amount_differs", "Cali", 2, Decimal("1000000")),
            KindBranchRow("customers", "phone_differs", "Bogotá", 4, Decimal(0))]
    figure = mismatch_chart(rows)
    assert isinstance(figure, Figure) and len(figure.axes) == 1
    bars = _bars(figure)
    assert len(bars) == 4  # 2 kinds × 2 branches (Cali has no phone findings: a 0-wide bar)
    assert sorted(b.get_width() for b in bars) == [0, 2, 3, 4]
    texts = _texts(figure)
    assert "Valor distinto (pagos)" in texts and "Teléfono distinto (clientes)" in texts
    assert " 5 · $\u00a013,3 M" in texts  # the kind's findings and its pesos at stake
    assert {"Bogotá", "Cali"} <= set(texts)  # the legend


def test_many_kinds_are_summed_beyond_the_twelfth():
    kinds = ["only_in_crm", "only_in_erp", "name_differs", "phone_differs", "email_differs",
             "city_differs", "possible_match", "duplicate_key", "possible_duplicate",
             "invalid_check_digit", "missing_document", "missing_city", "missing_phone"]
    rows = [KindBranchRow("customers", k, "Cali", 20 - i, Decimal(0)) for i, k in enumerate(kinds)]
    figure = mismatch_chart(rows)
    assert len(_bars(figure)) == 12
    assert "Otros tipos" in _texts(figure)


def test_trend_is_two_lines_over_the_runs():
    points = []
    for n in range(3):
        saved = datetime(2026, 10, 1 + 7 * n, 15, tzinfo=UTC)
        points += [TrendPoint(f"r{n}", saved, "payments", "amount_differs", 10 - n,
                              Decimal(5_000_000 * (n + 1))),
                   TrendPoint(f"r{n}", saved, "customers", "phone_differs", 20, Decimal(0))]
    figure = trend_chart(points)
    lines = [line for ax in figure.axes for line in ax.get_lines()]
    assert len(lines) == 2
    counts, pesos = (list(line.get_ydata()) for line in lines)
    assert counts == [30, 29, 28]
    assert pesos == [5_000_000, 10_000_000, 15_000_000]
    texts = _texts(figure)
    assert "Hallazgos" in texts and "Pesos en juego" in texts


def test_funnel_is_four_bars_per_source_with_the_conversion():
    rows = (FunnelRow("Facebook", None, None, 10, 6, 4, 3, 2, Decimal(300), Decimal(200)),
            FunnelRow("Web", "Cali", "2026-10", 4, 2, 1, 1, 1, Decimal(100), Decimal(100)),
            FunnelRow("Web", "Cali", "2026-11", 4, 2, 2, 1, 0, Decimal(100), Decimal(0)))
    figure = funnel_chart(FunnelResult(("source", "month"), rows, sold_not_invoiced=1))
    bars = _bars(figure)
    assert len(bars) == 8
    heights = sorted(b.get_height() for b in bars)
    assert heights == [1, 2, 2, 3, 4, 6, 8, 10]  # Web's months added up: 8 leads, 2 invoiced
    texts = _texts(figure)
    assert "30,0\u00a0%" in texts and "25,0\u00a0%" in texts
    assert {"Prospectos", "Negocios", "Facturados", "Pagados"} <= set(texts)


def test_stock_is_day_buckets_by_branch_with_the_threshold():
    items = (_item("Cali", 5), _item("Cali", 30), _item("Cali", 31), _item("Bogotá", 95),
             _item("Bogotá", 400), _item("Bogotá", None))
    figure = stock_chart(StockHealth(90, items, (), (), undated=1))
    bars = _bars(figure)
    assert len(bars) == 10  # 5 buckets × 2 branches
    totals = [0] * 5
    for bar in bars:
        totals[round(bar.get_x() + bar.get_width() / 2)] += bar.get_height()
    assert totals == [2, 1, 0, 1, 1]  # the undated unit is not drawn
    (threshold,) = figure.axes[0].get_lines()
    assert list(threshold.get_xdata()) == [2.5, 2.5]  # between 61–90 and 91–180
    assert "Umbral de lenta rotación: 90 días" in _texts(figure)


@pytest.mark.parametrize(("days", "bucket"), [(0, 0), (30, 0), (31, 1), (90, 2), (91, 3),
                                              (180, 3), (181, 4), (5000, 4), (-2, 0)])
def test_stock_buckets(days, bucket):
    assert stock_bucket(days) == bucket


def test_followups_are_weekly_bars_stacked_by_kind():
    due = (_due("soat", 0), _due("soat", 1), _due("anniversary", 2), _due("anniversary", 9))
    figure = followups_chart(FollowupsResult(30, due, covered=0))
    bars = _bars(figure)
    assert len(bars) == 4  # 2 weeks (20/11 is a Friday: 16/11 and 23/11) × 2 kinds
    assert sum(b.get_height() for b in bars) == 4
    texts = _texts(figure)
    assert "Sem. 16/11" in texts and "Sem. 23/11" in texts
    assert "Renovación del SOAT" in texts and "Aniversario de entrega" in texts


def test_renewal_shows_the_top_ten_scores():
    figure = renewal_chart(RenewalResult("2026-11", tuple(_candidate(n) for n in range(12))))
    bars = _bars(figure)
    assert len(bars) == 10
    assert sorted((b.get_width() for b in bars), reverse=True) == list(range(100, 90, -1))
    texts = _texts(figure)
    assert "Probables renovaciones de noviembre de 2026" in texts
    assert "Cliente 0 — Mazda CX-5" in texts


EMPTY = {
    "mismatches": (),
    "trend": (),
    "followups": FollowupsResult(30, (), covered=0),
    "funnel": FunnelResult(("source",), (), sold_not_invoiced=0),
    "stock": StockHealth(90, (), (), (), undated=0),
    "renewal": RenewalResult("2026-11", ()),
}


@pytest.mark.parametrize("view", sorted(CHARTS))
def test_nothing_to_draw_says_sin_datos(view):
    figure = CHARTS[view](EMPTY[view])
    assert not _bars(figure)
    assert NO_DATA in _texts(figure)
    assert png_bytes(figure).startswith(b"\x89PNG")


def test_a_view_that_could_not_be_computed_says_why():
    figure = funnel_chart(FunnelResult(("source",), (), 0,
                                       unavailable="La fuente del ERP no entrega facturas."))
    assert f"{NO_DATA}: La fuente del ERP no entrega facturas." in _texts(figure)


def test_drawing_into_a_given_figure_replaces_what_it_had():
    figure = Figure()
    rows = [KindBranchRow("payments", "amount_differs", "Cali", 3, Decimal(5))]
    assert mismatch_chart(rows, figure=figure) is figure
    assert mismatch_chart(rows, figure=figure) is figure
    assert len(figure.axes) == 1 and len(_bars(figure)) == 1
    trend_chart((), figure=figure)
    assert not _bars(figure) and NO_DATA in _texts(figure)


def test_png_at_150_dpi_is_twice_the_72_dpi_size():
    rows = [KindBranchRow("payments", "amount_differs", "Cali", 3, Decimal(5))]
    small, large = (png_bytes(mismatch_chart(rows), dpi=d) for d in (72, 144))
    assert small.startswith(b"\x89PNG") and large.startswith(b"\x89PNG")
    width = int.from_bytes(small[16:20], "big"), int.from_bytes(large[16:20], "big")
    assert width == (432, 864)  # 6 inches wide


def test_es_co_numbers():
    assert thousands(1234567) == "1.234.567"
    assert decimal_text(1234.56, 1) == "1.234,6"
    assert pesos_short(Decimal("12345678")) == "$\u00a012,3 M"
    assert pesos_short(Decimal("1234567890")) == "$\u00a01.235 M"
    assert pesos_short(950_400) == "$\u00a0950 mil"
    assert pesos_short(800) == "$\u00a0800"
    assert pesos_short(-2_500_000) == "-$\u00a02,5 M"
    assert percent(Decimal("0.125")) == "12,5\u00a0%"


def test_the_charts_never_load_pyplot_or_qt():
    code = ("import sys\n"
            "from app.reports import charts\n"
            "from app.insights.model import KindBranchRow\n"
            "from decimal import Decimal\n"
            "charts.png_bytes(charts.mismatch_chart("
            "[KindBranchRow('payments', 'amount_differs', 'Cali', 1, Decimal(1))]))\n"
            "bad = [m for m in sys.modules if m.startswith(('matplotlib.pyplot', 'PySide6'))]\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
