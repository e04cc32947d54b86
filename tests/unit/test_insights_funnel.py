"""ROI by lead source (app/insights/funnel.py): only what the ERP invoiced is a sale."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.insights.funnel import NO_MONTH, funnel, grouping
from app.insights.model import NO_BRANCH, NO_SOURCE
from tests.support.insights_frames import data, deal, invoice, receipt

M = Decimal(1_000_000)

DEALS = [
    deal("D1", "lead"),
    deal("D2", "negotiation"),
    deal("D3", "sold", vin="VIN-A", customer_doc="1"),
    deal("D4", "sold", source="Instagram", vin="VIN-B", branch="Medellín"),
    deal("D5", "sold", source="Instagram", vin="VIN-C", customer_doc="2", branch="Medellín",
         created_on=date(2026, 6, 1)),
    deal("D6", "sold", source="web", vin="VIN-C", customer_doc="3", created_on=date(2026, 8, 9)),
    deal("D7", "sold", source="web", vin="VIN-D", customer_doc="4", created_on=None,
         closed_on=date(2026, 9, 30)),
    deal("D8", "lost", source="  ", branch=None, created_on=None,
         updated_at=datetime(2026, 10, 1, 3, tzinfo=UTC)),  # 30/09 in Bogotá
]
INVOICES = [
    invoice("I1", "FEB-1001", "VIN-A", "100000000", customer_doc="1"),
    invoice("I2", "FEB-1002", "VIN-B", "90000000", status="annulled"),
    invoice("I5", "FEB-1005", "VIN-B", "90000000", status="draft"),  # not a sale either
    # One invoice for two deals of the same VIN: the same customer's deal gets it.
    invoice("I3", "FEB-1003", "VIN-C", "70000000", customer_doc="3"),
    invoice("I4", "FEB-1004", "VIN-D", "80000000", customer_doc="4", cufe="ABC123"),
]
RECEIPTS = [
    receipt("R1", "FEB-01001", "60000000"),  # written another way: the same invoice
    receipt("R2", "FEB 1001", "40000000"),
    receipt("R3", None, "50000000", cufe="abc123"),  # by CUFE; partly paid
    receipt("R4", "FEB-1003", "70000000", status="cancelled"),  # pays nothing
]


def _rows(result):
    return {(r.source, r.branch, r.month): r for r in result.rows}


def test_the_funnel_by_source_counts_only_invoiced_sales():
    result = funnel(data(deals=DEALS, invoices=INVOICES, payments_erp=RECEIPTS))
    assert result.by == ("source",) and result.unavailable is None
    rows = _rows(result)
    assert list(rows) == [("Facebook", None, None), ("Instagram", None, None),
                          ("Sin origen", None, None), ("web", None, None)]
    fb = rows["Facebook", None, None]
    assert (fb.leads, fb.deals, fb.sold_crm, fb.invoiced, fb.paid) == (3, 2, 1, 1, 1)
    assert (fb.revenue, fb.revenue_paid) == (100 * M, 100 * M)
    # Issue 15: exact, rounded once where it is written (35,0 % vs 35,1 % came from rounding
    # it to four places first).
    assert fb.conversion == Decimal(1) / Decimal(3)
    ig = rows["Instagram", None, None]
    # D4's invoices are annulled or a draft; D5's VIN was invoiced to D6's customer.
    assert (ig.leads, ig.deals, ig.sold_crm, ig.invoiced, ig.paid) == (2, 2, 2, 0, 0)
    assert ig.revenue == 0 and ig.conversion == 0
    web = rows["web", None, None]
    # I3 has only a cancelled receipt, I4 is paid 50 of 80 millions: neither is paid.
    assert (web.leads, web.deals, web.sold_crm, web.invoiced, web.paid) == (2, 2, 2, 2, 0)
    assert (web.revenue, web.revenue_paid) == (150 * M, 0)
    assert web.conversion == 1
    none = rows[NO_SOURCE, None, None]
    assert (none.leads, none.deals, none.sold_crm, none.invoiced) == (1, 0, 0, 0)
    assert result.sold_not_invoiced == 2
    assert all(isinstance(r.revenue, Decimal) for r in result.rows)


def test_by_branch_and_month():
    result = funnel(data(deals=DEALS, invoices=INVOICES, payments_erp=RECEIPTS),
                    by=("month", "branch"))
    assert result.by == ("source", "month", "branch")
    rows = _rows(result)
    assert set(rows) == {
        ("Facebook", "Bogotá", "2026-07"), ("Instagram", "Medellín", "2026-07"),
        ("Instagram", "Medellín", "2026-06"), ("web", "Bogotá", "2026-08"),
        ("web", "Bogotá", "2026-09"),  # no created_on: the closing day's month
        (NO_SOURCE, NO_BRANCH, "2026-09"),  # only updated_at, a UTC stamp: Bogotá's day
    }
    assert rows["web", "Bogotá", "2026-08"].invoiced == 1
    assert rows["web", "Bogotá", "2026-08"].revenue == 70 * M


def test_a_deal_with_no_date_falls_in_no_month():
    result = funnel(data(deals=[deal("D1", "lead", created_on=None)], invoices=[],
                         payments_erp=[]), by=("month",))
    assert [(r.source, r.month, r.leads) for r in result.rows] == [("Facebook", NO_MONTH, 1)]


def test_one_invoice_counts_for_one_deal_the_earliest_when_no_customer_matches():
    deals = [deal("D1", "sold", vin="VIN-X", customer_doc="7", created_on=date(2026, 9, 1)),
             deal("D2", "sold", vin="VIN-X", customer_doc="8", created_on=date(2026, 8, 1))]
    result = funnel(data(deals=deals, payments_erp=[],
                         invoices=[invoice("I1", "FEB-1", "VIN-X", "10", customer_doc="9")]),
                    by=("month",))
    assert {r.month: r.invoiced for r in result.rows} == {"2026-08": 1, "2026-09": 0}
    assert result.sold_not_invoiced == 1


def test_two_invoices_of_one_vin_for_two_deals_count_once_each():
    deals = [deal("D1", "sold", vin="VIN-X", customer_doc="7"),
             deal("D2", "sold", vin="VIN-X", customer_doc="8")]
    result = funnel(data(deals=deals, payments_erp=[], invoices=[
        invoice("I1", "FEB-1", "VIN-X", "10", customer_doc="8", issued_on=date(2026, 1, 1)),
        invoice("I2", "FEB-2", "VIN-X", "20", customer_doc="7", issued_on=date(2026, 2, 1))]))
    [row] = result.rows
    assert (row.invoiced, row.revenue, result.sold_not_invoiced) == (2, Decimal(30), 0)


def test_a_receipt_for_two_invoices_pays_them_in_the_order_named():
    deals = [deal("D1", "sold", vin="VIN-X"), deal("D2", "sold", vin="VIN-Y"),
             deal("D3", "sold", vin="VIN-Z")]
    invoices = [invoice("I1", "FEB-1", "VIN-X", "100"), invoice("I2", "FEB-2", "VIN-Y", "50"),
                invoice("I3", "FEB-3", "VIN-Z", "40")]
    result = funnel(data(deals=deals, invoices=invoices, payments_erp=[
        receipt("R1", "FEB-1; FEB-2", "130"),  # 100 to FEB-1, 30 of 50 to FEB-2
        receipt("R2", "FEB-2", "20"),  # completes FEB-2 first: the two-invoice receipt after
        receipt("R3", "FEB-3 y FEB-9", "40"),  # FEB-9 is no invoice: all of it to FEB-3
    ]))
    [row] = result.rows
    assert (row.invoiced, row.paid, row.revenue_paid) == (3, 3, Decimal(190))


def test_a_receipt_short_of_the_total_leaves_the_invoice_unpaid():
    result = funnel(data(deals=[deal("D1", "sold", vin="VIN-X")],
                         invoices=[invoice("I1", "FEB-1", "VIN-X", "100.00")],
                         payments_erp=[receipt("R1", "FEB-1", "99.99")]))
    [row] = result.rows
    assert (row.invoiced, row.paid, row.revenue, row.revenue_paid) == (1, 0, Decimal("100.00"), 0)


def test_a_missing_frame_is_a_sentence():
    result = funnel(data(deals=DEALS, invoices=None, payments_erp=RECEIPTS))
    assert result.rows == () and result.unavailable == (
        "La fuente del ERP no entrega facturas: el embudo no se puede calcular.")
    assert "negocios" in (funnel(data(deals=None, invoices=[], payments_erp=[])).unavailable or "")
    assert "recibos" in (funnel(data(deals=[], invoices=[], payments_erp=None)).unavailable or "")


def test_grouping_puts_source_first_and_refuses_unknown_names():
    assert grouping(["branch", "source", "branch"]) == ("source", "branch")
    assert grouping([]) == ("source",)
    with pytest.raises(ValueError):
        grouping(["color"])
