"""The insights on the demo dealership against the answers its generator knows.

The generator works its answers out from what it seeded (``app/demo/known.py``, the truth
file's ``"insights"`` object), never by calling ``app/insights``; here the engine, reading the
demo through the connectors and a reconciliation, must find the same follow-ups, funnel, slow
movers and units per model, and rank the seeded renewals in its top ten.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from app.demo import demo_task
from app.insights import compute
from app.insights.model import Insights
from app.progress import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Insights, dict[str, Any]]:
    base = tmp_path_factory.mktemp("insights-demo")
    report = run(demo_task(data_dir=base))
    truth = json.loads((base / "demo" / "demo_truth.json").read_text("utf-8"))["insights"]
    return compute(report), truth


def test_today_and_defaults_are_the_truths(demo):
    insights, truth = demo
    assert insights.today.isoformat() == truth["today"]
    assert insights.followups.window_days == truth["window_days"]
    assert insights.stock.slow_days == truth["slow_days"]
    for view in (insights.followups, insights.funnel, insights.stock, insights.renewal):
        assert view.unavailable is None


def test_follow_ups_due_per_kind_with_their_vins(demo):
    insights, truth = demo
    found: dict[str, list[str]] = {k: [] for k in truth["followups_due"]}
    for due in insights.followups.due:
        found[due.kind].append(due.vin)
    assert {k: sorted(v) for k, v in found.items()} == truth["followups_due_vins"]
    assert {k: len(v) for k, v in found.items()} == truth["followups_due"]
    assert sum(truth["followups_due"].values()) > 0  # the demo seeds some of every kind
    assert all(truth["followups_due"][k] > 0 for k in truth["followups_due"])


def test_covered_and_blocked_follow_ups(demo):
    insights, truth = demo
    assert insights.followups.covered == truth["followups_covered"] > 0
    blocked = [d for d in insights.followups.due if not d.contact_allowed]
    assert len(blocked) == truth["followups_blocked"] > 0
    assert all(d.blocked_reason for d in blocked)


def test_the_funnel_by_source(demo):
    insights, truth = demo
    got = {r.source: {"leads": r.leads, "deals": r.deals, "sold_crm": r.sold_crm,
                      "invoiced": r.invoiced, "paid": r.paid, "revenue": str(r.revenue),
                      "revenue_paid": str(r.revenue_paid)} for r in insights.funnel.rows}
    expected = {source: {**row, "revenue": str(Decimal(row["revenue"])),
                         "revenue_paid": str(Decimal(row["revenue_paid"]))}
                for source, row in truth["funnel"].items()}
    # Compared as Decimals written the same way: "123.00" and "123.0" are one amount.
    assert {s: {**r, "revenue": Decimal(r["revenue"]), "revenue_paid": Decimal(r["revenue_paid"])}
            for s, r in got.items()} == {
        s: {**r, "revenue": Decimal(r["revenue"]), "revenue_paid": Decimal(r["revenue_paid"])}
        for s, r in expected.items()}
    assert insights.funnel.sold_not_invoiced == truth["sold_not_invoiced"] > 0


def test_slow_movers_and_units_per_model(demo):
    insights, truth = demo
    assert sorted(i.vin for i in insights.stock.slow) == truth["slow_movers"]
    assert truth["slow_movers"]
    assert {f"{m.make} {m.model}": m.available for m in insights.stock.by_model} == \
        truth["available_by_model"]


def test_the_seeded_renewals_rank_in_the_top_ten(demo):
    insights, truth = demo
    top = [c.customer_doc for c in insights.renewal.candidates[:10]]
    assert truth["renewal_seeded"] and set(truth["renewal_seeded"]) <= set(top)
    for candidate in insights.renewal.candidates[:10]:
        assert candidate.score == sum(r.points for r in candidate.reasons)


def test_mismatches_per_kind_and_branch_add_up_to_the_report(demo):
    insights, _ = demo
    assert insights.mismatches
    assert all(r.count > 0 for r in insights.mismatches)
    branches = {r.branch for r in insights.mismatches if r.entity == "payments"}
    assert len(branches) >= 3  # the demo's three branches
