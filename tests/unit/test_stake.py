"""Pesos at stake per kind (DESIGN §5), written once in ``app.reconcile.stake``: a truth table
of what each kind puts at stake and what it shows apart."""

from decimal import Decimal

import pytest

from app.domain.labels import APART_LABELS, apart_label
from app.domain.schema import Entity
from app.reconcile.results import KINDS
from app.reconcile.stake import APART, AT_STAKE, pesos

D = Decimal


@pytest.mark.parametrize(
    ("entity", "kind", "facts", "at_stake", "apart"),
    [
        (Entity.PAYMENTS, "crm_payment_without_receipt", {"crm": D("1500000")}, D("1500000"), None),
        (Entity.PAYMENTS, "erp_receipt_without_crm_payment", {"erp": D("250000.50")},
         D("250000.50"), None),
        (Entity.PAYMENTS, "amount_differs", {"crm": D("150000"), "erp": D("1500000.50")},
         D("1350000.50"), None),
        (Entity.PAYMENTS, "amount_differs", {"crm": None, "erp": D("80000")}, D("80000"), None),
        (Entity.PAYMENTS, "date_differs", {"crm": D("900000"), "erp": D("900000")}, None,
         D("900000")),
        (Entity.PAYMENTS, "customer_differs", {"crm": D("700000"), "erp": D("700000.25")}, None,
         D("700000.25")),  # the ERP's amount: the system of record for receipts
        (Entity.PAYMENTS, "duplicate_key", {"copies": [D("90000"), D("90000")]}, D("90000"),
         None),
        (Entity.PAYMENTS, "duplicate_key", {"copies": [D("5"), D("7"), None, D("7")]}, D("12"),
         None),  # every copy but the largest; a copy without an amount adds nothing
        (Entity.PAYMENTS, "duplicate_key", {"copies": [D("5")]}, None, None),
        (Entity.VEHICLES, "sold_in_crm_available_in_erp", {"crm": D("1"), "erp": D("2")}, D("2"),
         None),
        (Entity.VEHICLES, "reserved_for_other_customer", {"crm": D("3")}, D("3"), None),
        (Entity.VEHICLES, "only_in_crm", {"crm": D("74500000"), "sold": True}, D("74500000"),
         None),
        (Entity.VEHICLES, "only_in_crm", {"crm": D("74500000"), "sold": False}, None, None),
        (Entity.VEHICLES, "only_in_erp", {"erp": D("74500000")}, None, None),
        (Entity.VEHICLES, "branch_differs", {"crm": D("1"), "erp": D("1")}, None, None),
        (Entity.VEHICLES, "invalid_vin", {"erp": D("74500000")}, None, None),
        (Entity.VEHICLES, "duplicate_key", {"copies": [D("1"), D("1")]}, None, None),
        (Entity.CUSTOMERS, "only_in_crm", {"crm": D("1")}, None, None),
    ],
)
def test_what_a_finding_puts_at_stake(entity, kind, facts, at_stake, apart):
    assert pesos(entity, kind, **facts) == (at_stake, apart)


def test_customer_data_differences_carry_no_pesos():
    for kind in KINDS[Entity.CUSTOMERS]:
        assert pesos(Entity.CUSTOMERS, kind, crm=D(1), erp=D(2), copies=[D(1), D(1)],
                     sold=True) == (None, None)


def test_every_definition_names_a_kind_that_exists_and_an_amount_apart_has_its_words():
    for entity, kind in (*AT_STAKE, *APART):
        assert kind in KINDS[entity]
    assert not set(AT_STAKE) & set(APART)  # never both at stake and apart
    assert set(APART_LABELS) == set(APART)
    assert apart_label(Entity.PAYMENTS, "date_differs") == "Monto con fecha distinta"
    assert apart_label(Entity.PAYMENTS, "customer_differs") == "Monto con cliente distinto"
