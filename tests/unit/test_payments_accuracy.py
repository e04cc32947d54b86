"""Payment matching accuracy on a labelled set: precision and recall of links, groups, findings.

The set (``app/demo/payments_linkage.py``) writes receipt and invoice numbers the ways the
sales floor does, leaves the receipt out of some payments (CUFE or invoice only), splits
payments differently in the two systems, moves amounts and dates within and beyond the
profile's tolerances, adds payments on one side only, a payment entered twice in the CRM and a
receipt recorded twice in the ERP, and names a quarter of the invoices as Odoo does
(``INV/2026/00004``).
"""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from app.demo.payments_linkage import AMOUNT_TOLERANCE, DATE_WINDOW_DAYS, generate_payments
from app.domain.schema import COLUMNS, Entity
from app.progress import run
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile

PROFILE = Profile(amount_tolerance_abs=AMOUNT_TOLERANCE, date_window_days=DATE_WINDOW_DAYS)


@pytest.fixture(scope="module")
def outcome():
    data = generate_payments(3000)
    return data, run(reconcile_payments(data.crm, data.erp, PROFILE))


def _pairs(result, kind=None, method=None):
    if kind is not None:
        return {(m.crm_id, m.erp_id) for m in result.mismatches if m.kind == kind}
    return {(x.crm_id, x.erp_id) for x in result.links if method is None or x.method == method}


def test_the_set_holds_every_case():
    data = generate_payments(3000)
    assert 2800 <= len(data.crm) <= 3200 and 2800 <= len(data.erp) <= 3200
    assert list(data.crm.columns) == list(COLUMNS[Entity.PAYMENTS]) == list(data.erp.columns)
    assert all(dtype.kind == "O" for dtype in [*data.crm.dtypes, *data.erp.dtypes])
    sizes = Counter((len(c), len(e)) for c, e in data.groups)
    assert sizes[(1, 2)] and sizes[(1, 3)] and sizes[(2, 1)] and sizes[(3, 1)], sizes
    for labels in (data.cufe_links, data.invoice_links, data.amount_within, data.amount_beyond,
                   data.date_within, data.date_beyond, data.crm_only, data.erp_only,
                   data.crm_duplicates, data.erp_duplicates):
        assert len(labels) >= 5
    odoo = data.erp["invoice_number"].dropna().str.fullmatch(r"INV/20(25|26)/\d{5}")
    assert 0.15 < odoo.mean() < 0.35
    crm_receipts = dict(zip(data.crm["source_id"], data.crm["receipt_number"], strict=True))
    erp_receipts = dict(zip(data.erp["source_id"], data.erp["receipt_number"], strict=True))
    written_alike = sum(crm_receipts[c] == erp_receipts[e] for c, e in data.exact_links)
    assert 0.2 < written_alike / len(data.exact_links) < 0.4  # most are written another way
    row = data.erp.iloc[0]
    assert isinstance(row["amount"], Decimal) and isinstance(row["paid_on"], date)
    cufes = data.erp["cufe"].dropna()
    assert len(cufes) > 0.9 * len(data.erp) and cufes.str.fullmatch(r"[0-9a-f]{96}").all()
    assert data.crm.isna().sum().sum() == data.crm.map(lambda v: v is None).sum().sum()


def test_the_set_is_deterministic_for_a_seed():
    a, b, c = generate_payments(500, seed=3), generate_payments(500, seed=3), generate_payments(500)
    assert a.crm.equals(b.crm) and a.erp.equals(b.erp) and a.true_links == b.true_links
    assert not a.crm.equals(c.crm)


def test_link_precision_and_recall_at_least_99_percent(outcome):
    data, result = outcome
    predicted = _pairs(result)
    hits = len(predicted & data.true_links)
    precision, recall = hits / len(predicted), hits / len(data.true_links)
    assert precision >= 0.99, precision
    assert recall >= 0.99, recall


def test_each_key_makes_its_links(outcome):
    data, result = outcome
    assert _pairs(result, method="receipt_number") == data.exact_links
    assert _pairs(result, method="cufe") == data.cufe_links
    assert _pairs(result, method="invoice_number") == data.invoice_links


def test_every_group_is_matched_not_reported(outcome):
    data, result = outcome
    assert _pairs(result, method="invoice_group") == data.group_links
    grouped = {i for crm_ids, erp_ids in data.groups for i in (*crm_ids, *erp_ids)}
    reported = {i for m in result.mismatches for i in (m.crm_id, m.erp_id)}
    assert grouped & reported == set()


def test_amounts_beyond_the_tolerance_differ_and_those_within_do_not(outcome):
    data, result = outcome
    assert _pairs(result, "amount_differs") == data.amount_beyond
    for m in result.mismatches:
        if m.kind == "amount_differs":
            assert m.at_stake == abs(m.crm_amount - m.erp_amount) > AMOUNT_TOLERANCE


def test_dates_beyond_the_window_differ_and_those_within_do_not(outcome):
    data, result = outcome
    assert _pairs(result, "date_differs") == data.date_beyond


def test_one_sided_payments_and_the_payments_recorded_twice(outcome):
    data, result = outcome
    assert {c for c, _ in _pairs(result, "crm_payment_without_receipt")} == data.crm_only
    assert {e for _, e in _pairs(result, "erp_receipt_without_crm_payment")} == data.erp_only
    assert {frozenset(d.ids) for d in result.duplicates} == {
        frozenset(pair) for pair in data.crm_duplicates | data.erp_duplicates}
    # Each copy is linked to the other system's receipt, beside the duplicate finding.
    linked = _pairs(result)
    crm_ids = {c for c, _ in linked}
    erp_ids = {e for _, e in linked}
    assert {i for pair in data.crm_duplicates for i in pair} <= crm_ids
    assert {i for pair in data.erp_duplicates for i in pair} <= erp_ids
