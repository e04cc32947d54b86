"""Truth tables for payment findings."""

from datetime import date
from decimal import Decimal

import pytest

from app.domain.schema import Entity, System, frame
from app.progress import run
from app.reconcile.keys import document_key
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult


def pay(sid, receipt="RC-004512", invoice="FEB-10001", amount="1500000", doc="79123456",
        paid=date(2026, 3, 2), **over):
    row = {
        "source_id": sid, "receipt_number": receipt, "invoice_number": invoice, "cufe": None,
        "customer_doc": doc, "amount": None if amount is None else Decimal(amount),
        "currency": "COP", "paid_on": paid, "method": "Transferencia", "status": None,
        "deal_id": None, "branch": "Bogotá - Autopista Norte", "updated_at": None,
    }
    row.update(over)
    return row


def reconcile(crm_rows, erp_rows, profile=None) -> EntityResult:
    return run(reconcile_payments(frame(Entity.PAYMENTS, crm_rows),
                                       frame(Entity.PAYMENTS, erp_rows), profile or Profile()))


@pytest.mark.parametrize(
    ("raw", "key"),
    [("RC-004512", "RC-4512"), ("RC 4512", "RC-4512"), ("rc4512", "RC-4512"),
     ("FEB-10001", "FEB-10001"), ("FEB10001", "FEB-10001"), ("FV4-01000", "FV4-1000"),
     ("12345", "12345"), (None, None), ("  ", None), ("INV/2026/00004", "INV-2026-4"),
     ("PBNK1/2026/00001", "PBNK1-2026-1"), ("N/A", None)],
)
def test_document_key(raw, key):
    assert document_key(raw) == key


def test_same_payment_links_by_receipt_despite_formatting():
    r = reconcile([pay("P1", receipt="RC 4512")], [pay("7")])
    assert [(x.crm_id, x.erp_id, x.method) for x in r.links] == [("P1", "7", "receipt_number")]
    assert r.mismatches == []


def test_payment_without_receipt_number_links_by_invoice():
    r = reconcile([pay("P1", receipt=None, invoice="FEB10001")], [pay("7")])
    assert [(x.crm_id, x.erp_id, x.method) for x in r.links] == [("P1", "7", "invoice_number")]


def test_invoice_fallback_refuses_ambiguity():
    r = reconcile([pay("P1", receipt=None)], [pay("7", receipt="RC-1"), pay("8", receipt="RC-2")])
    assert r.links == []
    assert sorted(m.kind for m in r.mismatches) == [
        "crm_payment_without_receipt", "erp_receipt_without_crm_payment",
        "erp_receipt_without_crm_payment"]


def test_amount_differs_carries_exact_amounts():
    r = reconcile([pay("P1", amount="150000")], [pay("7", amount="1500000.50")])
    [m] = r.mismatches
    assert m.kind == "amount_differs"
    assert (m.crm_amount, m.erp_amount, m.at_stake) == (
        Decimal("150000"), Decimal("1500000.50"), Decimal("1350000.50"))


def test_amount_tolerance_from_profile():
    profile = Profile(amount_tolerance_abs=Decimal("1000"))
    assert reconcile([pay("P1", amount="1500900")], [pay("7")], profile).mismatches == []
    assert len(reconcile([pay("P1", amount="1501001")], [pay("7")], profile).mismatches) == 1
    relative = Profile(amount_tolerance_rel=Decimal("0.01"))
    assert reconcile([pay("P1", amount="1514000")], [pay("7")], relative).mismatches == []


def test_date_differs_and_window():
    r = reconcile([pay("P1", paid=date(2026, 3, 9))], [pay("7")])
    [m] = r.mismatches
    assert (m.kind, m.crm_value, m.erp_value, m.detail) == ("date_differs", "2026-03-09", "2026-03-02", "7")
    assert reconcile([pay("P1", paid=date(2026, 3, 9))], [pay("7")],
                     Profile(date_window_days=7)).mismatches == []


def test_customer_differs():
    [m] = reconcile([pay("P1", doc="52111222")], [pay("7")]).mismatches
    # Issue 15: a customer-only difference on a payment whose amount agrees is counted, its
    # amount shown apart («Monto con cliente distinto»), never at stake (DESIGN §5).
    assert (m.kind, m.crm_value, m.erp_value, m.at_stake, m.apart) == (
        "customer_differs", "52111222", "79123456", None, Decimal("1500000"))


def test_a_date_only_difference_is_counted_its_amount_shown_apart_not_at_stake():
    r = reconcile([pay("P1", paid=date(2026, 3, 4), amount="1499999.5")],
                  [pay("7", amount="1499999.5")])
    [m] = r.mismatches
    assert (m.kind, m.at_stake, m.apart) == ("date_differs", None, Decimal("1499999.5"))
    summary = {kind: (n, stake) for kind, n, stake in r.summary()}
    assert summary["date_differs"] == (1, Decimal(0))
    assert r.apart() == [("date_differs", 1, Decimal("1499999.5")),
                         ("customer_differs", 0, Decimal(0))]


def test_amount_and_date_both_differ_puts_only_the_difference_at_stake():
    r = reconcile([pay("P1", paid=date(2026, 3, 9), amount="1000000")], [pay("7")])
    found = {m.kind: (m.at_stake, m.apart) for m in r.mismatches}
    assert found == {"amount_differs": (Decimal("500000"), None),
                     "date_differs": (None, Decimal("1500000"))}
    assert sum((s for _, _, s in r.summary()), Decimal(0)) == Decimal("500000")


def test_a_payment_recorded_twice_puts_the_duplicated_amount_at_stake():
    r = reconcile([pay("P1"), pay("P2"), pay("P3", amount="1400000")], [pay("7")])
    [dup] = [m for m in r.findings() if m.kind == "duplicate_key"]
    # Three copies of one receipt: every copy but the largest is money counted twice.
    assert (dup.ids, dup.at_stake) == (("P1", "P2", "P3"), Decimal("2900000"))
    erp = reconcile([pay("P1")], [pay("7"), pay("8", amount="1500000.25")])
    [dup] = [m for m in erp.findings() if m.kind == "duplicate_key"]
    assert (dup.system, dup.at_stake) == (System.ERP, Decimal("1500000"))


def test_unlinked_payments_on_each_side():
    r = reconcile([pay("P1", receipt="RC-9999", amount="2000000")], [pay("7")])
    found = {(m.kind, m.crm_id, m.erp_id, m.at_stake) for m in r.mismatches}
    assert found == {
        ("crm_payment_without_receipt", "P1", None, Decimal("2000000")),
        ("erp_receipt_without_crm_payment", None, "7", Decimal("1500000")),
    }


def test_payment_entered_twice_is_a_duplicate_and_each_copy_is_linked():
    r = reconcile([pay("P1"), pay("P2", amount="1400000")], [pay("7")])
    assert [(d.system, d.ids) for d in r.duplicates] == [(System.CRM, ("P1", "P2"))]
    assert sorted((x.crm_id, x.erp_id, x.method) for x in r.links) == [
        ("P1", "7", "receipt_number"), ("P2", "7", "receipt_number")]
    assert sorted((m.kind, m.crm_id, m.erp_id) for m in r.findings()) == [
        ("amount_differs", "P2", "7"), ("duplicate_key", "P1", None)]


def test_receipt_recorded_twice_in_the_erp_links_both_copies():
    r = reconcile([pay("P1", receipt="RC 4512")], [pay("7"), pay("8")])
    assert [(d.system, d.ids) for d in r.duplicates] == [(System.ERP, ("7", "8"))]
    assert sorted((x.crm_id, x.erp_id) for x in r.links) == [("P1", "7"), ("P1", "8")]


def test_a_receipt_number_twice_in_one_system_and_absent_in_the_other_is_one_finding():
    r = reconcile([pay("P1"), pay("P2")], [pay("7", receipt="RC-1")])
    [missing] = [m for m in r.mismatches if m.kind == "crm_payment_without_receipt"]
    assert (missing.crm_id, missing.ids, missing.at_stake) == ("P1", ("P1", "P2"), Decimal("1500000"))
    assert [m.erp_id for m in r.mismatches if m.kind == "erp_receipt_without_crm_payment"] == ["7"]


CUFE = "ab" * 48


def test_cufe_links_when_both_carry_it():
    r = reconcile([pay("P1", receipt=None, invoice="FEB-999", cufe=CUFE.upper())],
                  [pay("7", cufe=CUFE)])
    assert [(x.crm_id, x.erp_id, x.method) for x in r.links] == [("P1", "7", "cufe")]


def test_one_crm_payment_for_two_receipts_is_a_group_not_a_finding():
    r = reconcile([pay("P1", receipt=None, amount="3000000")],
                  [pay("7", receipt="RC-1", amount="1000000"), pay("8", receipt="RC-2", amount="2000000")])
    assert r.mismatches == []
    assert sorted((x.crm_id, x.erp_id, x.method) for x in r.links) == [
        ("P1", "7", "invoice_group"), ("P1", "8", "invoice_group")]
    assert r.links[0].explanation == (
        "1 pago del CRM y 2 recibos del ERP de la factura FEB-10001 suman lo mismo")


def test_one_receipt_for_two_invoices_is_a_group():
    r = reconcile(
        [pay("P1", receipt=None, invoice="FEB-1", amount="500000"),
         pay("P2", receipt=None, invoice="FEB-2", amount="700000.50")],
        [pay("7", invoice="FEB-0001; FEB-2", amount="1200000.50")],
    )
    assert r.mismatches == []
    assert {x.crm_id for x in r.links} == {"P1", "P2"}


def test_a_group_whose_totals_differ_stays_reported():
    r = reconcile([pay("P1", receipt=None, amount="2900000")],
                  [pay("7", receipt="RC-1", amount="1000000"), pay("8", receipt="RC-2", amount="2000000")])
    assert r.links == []
    assert sorted(m.kind for m in r.mismatches) == [
        "crm_payment_without_receipt", "erp_receipt_without_crm_payment",
        "erp_receipt_without_crm_payment"]


def test_group_totals_honour_the_tolerance():
    r = reconcile([pay("P1", receipt=None, amount="2999500")],
                  [pay("7", receipt="RC-1", amount="1000000"), pay("8", receipt="RC-2", amount="2000000")],
                  Profile(amount_tolerance_abs=Decimal("1000")))
    assert r.mismatches == [] and len(r.links) == 2


# --- Odoo's invoice names: one number, never three pieces (issue 13) --------------------------


def test_odoo_invoice_names_link_each_payment_to_its_own_receipt():
    # The reported case: three customers' payments naming only their Odoo invoices were joined
    # through "INV", "2026" and "4" into one «suman lo mismo» group.
    crm = [pay("P1", receipt=None, invoice="INV/2026/4", doc="111111", amount="1000000"),
           pay("P2", receipt=None, invoice="inv 2026 00005", doc="222222", amount="1000000"),
           pay("P3", receipt=None, invoice="INV/2025/00004", doc="333333", amount="1000000")]
    erp = [pay("7", receipt="PBNK1/2026/00001", invoice="INV/2026/00004", doc="111111",
               amount="1000000"),
           pay("8", receipt="PBNK1/2026/00002", invoice="INV/2026/00005", doc="222222",
               amount="1000000"),
           pay("9", receipt="PBNK1/2025/00001", invoice="INV/2025/00004", doc="333333",
               amount="1000000")]
    r = reconcile(crm, erp)
    assert sorted((x.crm_id, x.erp_id, x.method) for x in r.links) == [
        ("P1", "7", "invoice_number"), ("P2", "8", "invoice_number"), ("P3", "9", "invoice_number")]
    assert r.mismatches == []


def test_odoo_receipt_names_are_whole_keys():
    r = reconcile([pay("P1", receipt="pbnk1/2026/1"), pay("P2", receipt="PBNK1/2025/00001")],
                  [pay("7", receipt="PBNK1/2026/00001")])
    assert [(x.crm_id, x.erp_id) for x in r.links] == [("P1", "7")]
    assert [(m.kind, m.crm_id) for m in r.mismatches] == [("crm_payment_without_receipt", "P2")]


def test_an_invoice_group_of_two_customers_is_not_linked():
    crm = [pay("P1", receipt=None, invoice="FEB-1", doc="111111", amount="1000000"),
           pay("P2", receipt=None, invoice="FEB-1", doc="222222", amount="2000000")]
    r = reconcile(crm, [pay("7", invoice="FEB-1", doc="111111", amount="3000000")])
    assert r.links == []
    assert sorted(m.kind for m in r.mismatches) == [
        "crm_payment_without_receipt", "crm_payment_without_receipt",
        "erp_receipt_without_crm_payment"]


def test_an_invoice_group_of_one_customer_links_when_a_document_is_missing():
    crm = [pay("P1", receipt=None, invoice="FEB-1", doc=None, amount="1000000"),
           pay("P2", receipt=None, invoice="FEB-1", doc="111111", amount="2000000")]
    r = reconcile(crm, [pay("7", invoice="FEB-1", doc="111111", amount="3000000")])
    assert sorted((x.crm_id, x.erp_id, x.method) for x in r.links) == [
        ("P1", "7", "invoice_group"), ("P2", "7", "invoice_group")]


def test_several_invoices_only_when_separated_explicitly():
    crm = [pay("P1", receipt=None, invoice="FEB-10023", amount="1000000"),
           pay("P2", receipt=None, invoice="FEB-10024", amount="2000000")]
    for written in ("FEB-10023; FEB-10024", "FEB-10023 y FEB-10024", "FEB-10023, FEB-10024"):
        r = reconcile(crm, [pay("7", invoice=written, amount="3000000")])
        assert {x.crm_id for x in r.links} == {"P1", "P2"}, written
    # "/" and "-" never separate invoices: this names one number that nobody paid.
    r = reconcile(crm, [pay("7", invoice="FEB-10023/10024", amount="3000000")])
    assert r.links == []
