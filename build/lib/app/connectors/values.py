"""Canonical values as every connector family compares them: what differs only in form is the
same value.

A compare-and-set write (DESIGN §6) checks that a record still holds the values read at
approval and whether it already holds the new ones. Each family reads values its own way — an
Odoo field answers ``False`` when empty and floats for money, a database column text or a
typed value, an API JSON — so :func:`comparable` brings a value to the form the reconciliation
compares: "+57 301 3414178" is "3013414178", an e-mail's case is no difference, an amount is
exact to the cent, a date is its day, a DANE code has its five digits. It lives here, beside
the protocol, so the families (``files``, ``sql``, ``rest``, ``odoo``) share it without
importing each other.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from app.domain.values import (
    clean_text,
    normalize_doc_number,
    normalize_email,
    normalize_phone,
    normalize_vin,
    to_decimal,
)

CENT = Decimal("0.01")

#: Canonical columns by kind (the booleans, the days, the amounts, the document numbers).
BOOL_COLUMNS = {"habeas_data_consent", "claim_in_progress", "is_customer"}
DATE_COLUMNS = {"consent_date", "paid_on", "delivered_on", "closed_on", "received_on",
                "created_on", "issued_on", "visited_on", "starts_on", "ends_on", "due_on"}
MONEY_COLUMNS = {"amount", "price", "total"}
DOC_COLUMNS = {"doc_number", "customer_doc"}


def is_empty(value: Any) -> bool:
    """None, ``""`` or ``False`` (Odoo's answer for every empty field)."""
    return value is None or value is False or value == ""


def as_text(value: Any) -> str | None:
    return None if is_empty(value) else clean_text(value)


def money(value: Any) -> Decimal | None:
    """An amount as Decimal, rounded to the cent half up (as Odoo rounds currencies); a float
    (Odoo's amounts over XML-RPC and JSON) by its shortest repr: 1234567.89, never
    1234567.8899999."""
    if is_empty(value):
        return None
    if isinstance(value, float):
        value = str(value)
    amount = to_decimal(value)
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def phone_of(value: Any) -> str | None:
    return normalize_phone(value) or as_text(value)


def comparable(column: str, value: Any) -> Any:
    """A value as compare-and-set compares it: what differs only in form is the same."""
    if column in BOOL_COLUMNS:
        return None if value is None else bool(value)
    if is_empty(value):  # Odoo's False is an empty field here
        return None
    if column in ("phone", "phone_alt"):
        return phone_of(value)
    if column == "email":
        return normalize_email(value)
    if column in DOC_COLUMNS:
        return normalize_doc_number(value)
    if column in MONEY_COLUMNS:
        try:
            return money(value)
        except (ValueError, TypeError, InvalidOperation):
            return value
    if column in DATE_COLUMNS:
        return str(value)[:10]
    if column == "city_code":
        return str(value).zfill(5)
    if column == "vin":
        return normalize_vin(value)
    if isinstance(value, bool | datetime):
        return value
    return clean_text(value)


def same_in_form(column: str, current: Any, wanted: Any) -> bool:
    """Whether two values of ``column`` are :func:`comparable`-equal (a value that cannot be
    brought to form is not)."""
    try:
        return bool(comparable(column, current) == comparable(column, wanted))
    except (TypeError, ValueError, ArithmeticError):
        return False
