"""Pesos at stake: what each kind of finding puts in doubt, written once (DESIGN §5).

«En juego» is money that is missing, doubled or wrong if nobody acts. Every finding gets its
pesos from :func:`pesos`, and every surface (the window, the command line, the PDF, the XLSX,
the JSON report) adds up what it gave, so a kind means the same money everywhere:

========================  ====================================  ===============================
entity                    kind                                  en juego
========================  ====================================  ===============================
payments                  paid in the CRM, no receipt in ERP    the payment's amount
payments                  receipt in the ERP, no CRM payment    the receipt's amount
payments                  amount differs                        the difference (CRM − ERP)
payments                  receipt recorded twice                the duplicated amount: every
                                                                copy but the largest
vehicles                  sold in CRM, available in ERP         the vehicle's price
vehicles                  reserved or sold to another customer  the vehicle's price
vehicles                  only in the CRM, sold there           the vehicle's price (a sale
                                                                the ERP does not hold at all)
everything else           —                                     no pesos
========================  ====================================  ===============================

A date-only or customer-only difference on a linked payment is counted but is not money at
stake: the amounts agree (or their difference is its own «Valor distinto» finding). Its amount
is shown *apart* — «Monto con fecha distinta», «Monto con cliente distinto» — never added to
the pesos at stake. Customer data differences carry no pesos, nor do a vehicle at another
branch, a vehicle only in the ERP, an invalid VIN (the vehicle's money is the kind that says
what is wrong with it) or a VIN held twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from app.domain.schema import Entity


class Basis(StrEnum):
    """What a finding's pesos are."""

    NONE = "none"
    #: The one record's amount: a payment or receipt only one system holds.
    AMOUNT = "amount"
    #: |CRM − ERP|: a linked payment whose amount differs.
    DIFFERENCE = "difference"
    #: The vehicle's price (the ERP's, else the CRM's): a sale the ERP does not reflect.
    PRICE = "price"
    #: The vehicle's price when the CRM has it sold or delivered, else no pesos.
    SOLD_PRICE = "sold_price"
    #: Every copy but the largest: a payment recorded more than once.
    DUPLICATED = "duplicated"


#: (entity, kind) → what the finding puts at stake; a kind not here carries no pesos.
AT_STAKE: dict[tuple[Entity, str], Basis] = {
    (Entity.PAYMENTS, "crm_payment_without_receipt"): Basis.AMOUNT,
    (Entity.PAYMENTS, "erp_receipt_without_crm_payment"): Basis.AMOUNT,
    (Entity.PAYMENTS, "amount_differs"): Basis.DIFFERENCE,
    (Entity.PAYMENTS, "duplicate_key"): Basis.DUPLICATED,
    (Entity.VEHICLES, "sold_in_crm_available_in_erp"): Basis.PRICE,
    (Entity.VEHICLES, "reserved_for_other_customer"): Basis.PRICE,
    (Entity.VEHICLES, "only_in_crm"): Basis.SOLD_PRICE,
}

#: (entity, kind) → the amount counted but shown apart, never at stake
#: (``app.domain.labels.APART_LABELS`` names it).
APART: dict[tuple[Entity, str], Basis] = {
    (Entity.PAYMENTS, "date_differs"): Basis.AMOUNT,
    (Entity.PAYMENTS, "customer_differs"): Basis.AMOUNT,
}


def pesos(entity: Entity, kind: str, *, crm: Decimal | None = None, erp: Decimal | None = None,
          copies: Iterable[Decimal | None] = (), sold: bool = False,
          ) -> tuple[Decimal | None, Decimal | None]:
    """(pesos at stake, amount shown apart) of a finding of ``kind``.

    ``crm`` and ``erp`` are each system's amount (a payment's, a vehicle's price) — a one-sided
    finding gives only its own; ``copies`` the amounts of a duplicate group's records; ``sold``
    whether the CRM has the vehicle sold or delivered. None where the kind carries no pesos."""
    stake = AT_STAKE.get((entity, kind), Basis.NONE)
    apart = APART.get((entity, kind), Basis.NONE)
    return (_amount(stake, crm, erp, copies, sold), _amount(apart, crm, erp, copies, sold))


def _amount(basis: Basis, crm: Decimal | None, erp: Decimal | None,
            copies: Iterable[Decimal | None], sold: bool) -> Decimal | None:
    if basis is Basis.AMOUNT or basis is Basis.PRICE or (basis is Basis.SOLD_PRICE and sold):
        return erp if erp is not None else crm
    if basis is Basis.DIFFERENCE:
        if crm is None and erp is None:
            return None
        return abs((crm or Decimal(0)) - (erp or Decimal(0)))
    if basis is Basis.DUPLICATED:
        amounts = [a for a in copies if a is not None]
        return sum(amounts, Decimal(0)) - max(amounts) if len(amounts) > 1 else None
    return None
