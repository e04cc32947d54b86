"""The dashboard's figures (app/insights/dashboard.py) and the whole computation
(app/insights/__init__.py): counts and pesos per kind and branch, their trend, the task."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.schema import Entity, System, frame
from app.insights import STEPS, compute, insights_task
from app.insights.dashboard import mismatches, trend
from app.insights.model import NO_BRANCH, KindBranchRow
from app.progress import Cancelled, CancelToken
from app.reconcile.results import Duplicate, EntityResult, Mismatch, Report
from app.writeback.runs import KindCount, RunView
from tests.support.insights_frames import vehicle

T0 = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _report(**extras) -> Report:
    payments = EntityResult(
        Entity.PAYMENTS,
        mismatches=[
            Mismatch("amount_differs", "c1", "e1", at_stake=Decimal("100.50"), branch="Cali"),
            Mismatch("amount_differs", "c2", "e2", at_stake=Decimal("20"), branch="Cali"),
            Mismatch("amount_differs", "c3", "e3", at_stake=Decimal("5"), branch="Bogotá"),
            Mismatch("crm_payment_without_receipt", "c4", None, at_stake=Decimal("7")),
        ])
    vehicles = EntityResult(
        Entity.VEHICLES,
        mismatches=[Mismatch("only_in_erp", None, "V-VIN-A"),  # the ERP record's branch
                    Mismatch("only_in_crm", "X", None),  # the CRM record's branch
                    Mismatch("invalid_vin", None, "V-GONE")],  # no record: no branch
        duplicates=[Duplicate(System.ERP, "VIN-A", ("V-VIN-A", "V-VIN-B"))],
        erp=frame(Entity.VEHICLES, [vehicle("VIN-A", branch="Medellín", status="available"),
                                    vehicle("VIN-B", branch="Medellín", status="reserved")]),
        crm=frame(Entity.VEHICLES, [{"source_id": "X", "vin": "VIN-X", "branch": " Cali "}]))
    customers = EntityResult(Entity.CUSTOMERS, mismatches=[Mismatch("only_in_crm", "k", None)])
    return Report(started_at=T0, finished_at=T0, sources={"crm": "a.csv", "erp": "b.csv"},
                  results={Entity.CUSTOMERS: customers, Entity.PAYMENTS: payments,
                           Entity.VEHICLES: vehicles}, **extras)


def test_findings_per_kind_and_branch_with_pesos_at_stake():
    rows = mismatches(_report())
    assert rows == (
        KindBranchRow("customers", "only_in_crm", NO_BRANCH, 1, Decimal(0)),
        KindBranchRow("payments", "crm_payment_without_receipt", NO_BRANCH, 1, Decimal(7)),
        KindBranchRow("payments", "amount_differs", "Bogotá", 1, Decimal(5)),
        KindBranchRow("payments", "amount_differs", "Cali", 2, Decimal("120.50")),
        KindBranchRow("vehicles", "only_in_crm", "Cali", 1, Decimal(0)),
        KindBranchRow("vehicles", "only_in_erp", "Medellín", 1, Decimal(0)),
        KindBranchRow("vehicles", "invalid_vin", NO_BRANCH, 1, Decimal(0)),
        KindBranchRow("vehicles", "duplicate_key", "Medellín", 1, Decimal(0)),
    )
    assert all(isinstance(r.at_stake, Decimal) for r in rows)


def _run(ident: str, saved_at: datetime, count: int, stake: str) -> RunView:
    return RunView(ident, "Demostración", saved_at, saved_at, saved_at, "ana", "demo",
                   {"crm": "a", "erp": "b"},
                   {"payments": {"amount_differs": KindCount(count, Decimal(stake)),
                                 "date_differs": KindCount(0, Decimal(0))}},
                   count, Decimal(stake), 0, "0" * 64)


def test_the_trend_lists_every_run_oldest_first_with_zeros():
    newer, older = _run("r2", T0, 3, "30.00"), _run("r1", T0 - timedelta(days=7), 5, "50.00")
    points = trend([newer, older])
    assert [(p.run_id, p.kind, p.count, p.at_stake) for p in points] == [
        ("r1", "amount_differs", 5, Decimal("50.00")), ("r1", "date_differs", 0, Decimal(0)),
        ("r2", "amount_differs", 3, Decimal("30.00")), ("r2", "date_differs", 0, Decimal(0))]
    assert points[0].saved_at == older.saved_at and points[0].entity == "payments"
    assert trend([]) == ()


def test_compute_runs_every_view_and_says_what_the_sources_lack():
    report = _report(deals=None)
    insights = compute(report, runs=[_run("r1", T0, 1, "1")], today=date(2026, 11, 20),
                       window_days=10, slow_days=30, by=("branch",))
    assert insights.today == date(2026, 11, 20)
    assert insights.mismatches == mismatches(report) and len(insights.trend) == 2
    assert insights.followups.window_days == 10 and insights.stock.slow_days == 30
    assert insights.funnel.by == ("source", "branch")
    # A CSV pair has no follow-ups, invoices or deals: each view says so, none fails.
    assert "seguimientos" in (insights.followups.unavailable or "")
    assert "negocios" in (insights.funnel.unavailable or "")
    assert insights.stock.unavailable is None and len(insights.stock.items) == 2
    assert insights.renewal.unavailable is not None  # no customers frame
    assert insights.sources == {"crm": "a.csv", "erp": "b.csv"}


def test_the_task_reports_each_view_and_stops_when_cancelled():
    task = insights_task(_report(), today=date(2026, 11, 20))
    seen = []
    try:
        while True:
            seen.append(next(task))
    except StopIteration as stop:
        result = stop.value
    assert [p.detail for p in seen] == [*STEPS, "done"]
    assert [p.done for p in seen] == list(range(len(STEPS) + 1))
    assert result.stock.unavailable is None

    cancel = CancelToken()
    task = insights_task(_report(), today=date(2026, 11, 20), cancel=cancel)
    next(task)
    cancel.cancel()
    with pytest.raises(Cancelled):
        next(task)


def test_the_demo_sources_pin_today():
    from app.insights.data import DEMO_TODAY, from_report

    report = _report()
    report.sources = {"crm": "demo CRM (crm_demo.sqlite)", "erp": "demo ERP (erp_demo.sqlite)"}
    assert from_report(report).today == DEMO_TODAY
    assert from_report(report, date(2027, 1, 1)).today == date(2027, 1, 1)


def test_empty_sources_give_empty_views_not_errors():
    from app.insights.followups import followups_due
    from app.insights.funnel import funnel
    from app.insights.renewal import renewal
    from app.insights.stock import stock_health
    from tests.support.insights_frames import data

    empty = data(customers_crm=[], customers_erp=[], vehicles_erp=[], payments_erp=[], deals=[],
                 invoices=[], services=[], contracts=[], followups=[])
    assert followups_due(empty).due == () and followups_due(empty).unavailable is None
    assert funnel(empty, ("source", "branch", "month")).rows == ()
    health = stock_health(empty)
    assert (health.items, health.by_model, health.undated, health.unavailable) == ((), (), 0, None)
    assert renewal(empty).candidates == () and renewal(empty).unavailable is None
    # Vehicles but nobody to contact, nothing in the window.
    some = data(customers_crm=[], vehicles_erp=[vehicle("VIN-A", delivered_on=date(2020, 1, 1))],
                followups=[], services=[], contracts=[])
    assert followups_due(some).due == () and renewal(some).candidates == ()
