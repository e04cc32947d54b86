"""Canonical values as JSON text and back, as short Spanish text for sentences, and as a person
types them.

Money is ``Decimal`` written as an exact string with two places; dates and zone-aware
timestamps are ISO text. The type of a value is known from its canonical field, so JSON
carries no type tags and reading it back gives the same Python value. What a person types for a
new value (:func:`parse_value`) reads back what an edit box shows (:func:`edit_text`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import STATUS_LABELS
from app.domain.values import format_cop, money_str
from app.writeback.errors import CorrectionError

MONEY_FIELDS = frozenset({"amount", "price"})
DATE_FIELDS = frozenset({"paid_on", "consent_date", "delivered_on", "closed_on", "counted_at_date"})
TIMESTAMP_FIELDS = frozenset({"updated_at"})


def to_json_value(value: Any) -> Any:
    """A canonical value as JSON: text for money, dates and timestamps; None for NaN."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, Decimal):
        return money_str(value) if value.is_finite() else None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "item"):  # a numpy scalar that slipped through
        return to_json_value(value.item())
    return str(value)


def from_json_value(field: str, value: Any) -> Any:
    """The Python value of ``field`` written by :func:`to_json_value`."""
    if value is None:
        return None
    try:
        if field in MONEY_FIELDS:
            return Decimal(str(value))
        if field in TIMESTAMP_FIELDS:
            return datetime.fromisoformat(str(value))
        if field in DATE_FIELDS:
            return date.fromisoformat(str(value))
    except (InvalidOperation, ValueError):
        return value
    return value


def same(a: Any, b: Any) -> bool:
    """Whether two canonical values are the same value (``Decimal("5")`` equals ``"5.00"``)."""
    return to_json_value(a) == to_json_value(b)


def shown(field: str, value: Any, *, spanish: bool = False) -> str:
    """A value as the sentence shows it: pesos, dd/mm/aaaa, the status's name, «vacío» (the
    words in the current language; in Spanish whatever it is with ``spanish``, for the
    sentences a run stores — its proposals — which every reader of the workspace shares)."""
    if value is None or value == "":
        return "vacío" if spanish else tr_app("app.writeback", "vacío")
    if field in MONEY_FIELDS and isinstance(value, Decimal):
        return format_cop(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if field == "status":
        name = STATUS_LABELS.get(str(value), str(value))
        return name if spanish else tr_marked("labels", name)
    return str(value)


def shown_stored(field: str, value: Any) -> str:
    """A value read back from the store or a system as a sentence shows it (:func:`shown`):
    an amount kept as a bare number (``59020000``) is pesos too."""
    if field in MONEY_FIELDS and isinstance(value, int | str) and not isinstance(value, bool):
        try:
            value = Decimal(str(value))
        except InvalidOperation:
            pass
    return shown(field, value)


def parse_value(field_name: str, text: str) -> Any:
    """What the user typed for ``field_name`` as a canonical value (empty: None).

    Money accepts «1.200.000», «1200000,50» or «1200000.50»; dates «04/03/2026» or ISO."""
    clean = text.strip()
    if not clean:
        return None
    if field_name in MONEY_FIELDS:
        raw = clean.replace("$", "").replace("\u00a0", "").replace(" ", "")
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        elif raw.count(".") > 1 or (raw.count(".") == 1 and len(raw.rsplit(".", 1)[1]) == 3):
            raw = raw.replace(".", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise CorrectionError(tr_app("app.writeback", "«{text}» no es un valor en "
                                         "pesos.").format(text=text), "bad_value") from None
        if not value.is_finite():
            raise CorrectionError(tr_app("app.writeback", "«{text}» no es un valor en "
                                         "pesos.").format(text=text), "bad_value")
        return value.quantize(Decimal("0.01"))
    if field_name in ("paid_on", "consent_date", "delivered_on"):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(clean, fmt).date()
            except ValueError:
                continue
        raise CorrectionError(tr_app("app.writeback", "«{text}» no es una fecha "
                                     "(dd/mm/aaaa).").format(text=text), "bad_value")
    return clean


def edit_text(field_name: str, value: Any) -> str:
    """A value as the edit box shows it (what :func:`parse_value` reads back)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
