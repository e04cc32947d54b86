"""Dealer insights from a reconciliation: post-sale follow-ups due, ROI by lead source, stock
health, renewal likelihood and the dashboard's mismatch figures.

Computed from a :class:`~app.reconcile.results.Report` — the records both systems gave the
reconciliation, with its ``extras`` (invoices, workshop visits, contracts, follow-ups) — never
by pulling again. The shared dataclasses and the exact definitions are in
:mod:`app.insights.model`; each view is its own module. :func:`insights_task` computes them all
as a task (``app/progress.py``) the window runs off the GUI thread; :func:`compute` runs it
here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.insights.model import DEFAULT_SLOW_DAYS, DEFAULT_WINDOW_DAYS, Insights
from app.progress import CancelToken, Progress, Task, run

if TYPE_CHECKING:
    from app.insights.dashboard import TrendRun
    from app.reconcile.results import Report

#: The views, in the order :func:`insights_task` computes them (its progress' ``detail``).
STEPS = ("mismatches", "trend", "followups", "funnel", "stock", "renewal")


def insights_task(
    report: Report,
    *,
    runs: Sequence[TrendRun] = (),
    today: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    slow_days: int = DEFAULT_SLOW_DAYS,
    by: Sequence[str] = ("source",),
    cancel: CancelToken | None = None,
) -> Task[Insights]:
    """Every view of ``report`` (and the trend of ``runs``), one progress step per view; the
    cancel token is checked between views."""
    from app.insights import dashboard
    from app.insights.data import from_report
    from app.insights.followups import followups_due
    from app.insights.funnel import funnel
    from app.insights.renewal import renewal
    from app.insights.stock import stock_health

    data = from_report(report, today)
    total = len(STEPS)

    def step(name: str) -> Task[None]:
        yield Progress("insights", STEPS.index(name), total, name)
        if cancel is not None:
            cancel.check()

    yield from step("mismatches")
    rows = dashboard.mismatches(report)
    yield from step("trend")
    points = dashboard.trend(runs)
    yield from step("followups")
    due = followups_due(data, window_days)
    yield from step("funnel")
    roi = funnel(data, by)
    yield from step("stock")
    stock = stock_health(data, slow_days)
    yield from step("renewal")
    likely = renewal(data)
    yield Progress("insights", total, total, "done")
    return Insights(today=data.today, mismatches=rows, trend=points, followups=due, funnel=roi,
                    stock=stock, renewal=likely, sources=dict(report.sources))


def compute(
    report: Report,
    *,
    runs: Sequence[TrendRun] = (),
    today: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    slow_days: int = DEFAULT_SLOW_DAYS,
    by: Sequence[str] = ("source",),
) -> Insights:
    """:func:`insights_task` run to its end on this thread."""
    return run(insights_task(report, runs=runs, today=today, window_days=window_days,
                             slow_days=slow_days, by=by))
