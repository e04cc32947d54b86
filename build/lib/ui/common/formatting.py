"""How the window writes values: pesos, counts, dates, statuses and empty cells (es-CO).

Display only: the engine hands over codes, ``Decimal`` amounts and dates, and this module turns
them into the text a person in Colombia expects (``$ 1.234.567``, ``15/03/2024``, ``Vendido``).
Pesos, counts and percentages are written by ``app.domain.values`` — the functions the command
line, the PDF and the XLSX use — so a figure reads the same on every surface. Labels from
``app.domain.labels`` pass through Qt's translator (context ``"labels"``).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from app.domain import values
from app.domain.labels import (
    DETAIL_LABELS,
    ENTITY_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    SYSTEM_LABELS,
    apart_label,
    field_label,
    kind_label,
    outbox_state_word,
    state_label,
    state_word,
)
from app.domain.schema import Entity, System
from app.writeback import values as writeback_values

EMPTY = values.EMPTY

#: Canonical columns that hold pesos.
MONEY_FIELDS = frozenset({"amount", "price"})

_LOCALE = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)


def locale() -> QLocale:
    """The locale every number in the window is written in (es-CO)."""
    return _LOCALE


def tr_label(text: str) -> str:
    """A label from ``app.domain.labels`` through Qt's translator (context ``"labels"``)."""
    return QCoreApplication.translate("labels", text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate under ``context`` and returns it untranslated: for tables of
    texts translated later by name (``self.tr(HEADERS[i])`` in a class named ``context``, or
    :func:`tr` for ``"ui"``). Qt's own has no types."""
    return text


def tr(text: str) -> str:
    """Window text that is not tied to one widget (context ``"ui"``)."""
    return QCoreApplication.translate("ui", text)


def entity_name(entity: Entity) -> str:
    return tr_label(ENTITY_LABELS.get(entity, str(entity)))


def kind_name(entity: Entity, kind: str) -> str:
    return tr_label(kind_label(entity, kind))


def apart_name(entity: Entity, kind: str) -> str:
    """«Monto con fecha distinta»: a kind's amount counted but not at stake."""
    return tr_label(apart_label(entity, kind))


def field_name(name: str) -> str:
    return tr_label(field_label(name))


def system_name(system: System | str | None) -> str:
    if system is None:
        return EMPTY
    return tr_label(SYSTEM_LABELS.get(str(system), str(system).upper()))


def status_name(code: str) -> str:
    return tr_label(STATUS_LABELS.get(code, code))


def state_name(state: str) -> str:
    """A correction's state as a heading or a cell («En conflicto»)."""
    return tr_label(state_label(state))


def state_in_sentence(state: str) -> str:
    """A correction's state inside a sentence («en conflicto»)."""
    return tr_label(state_word(state))


def outbox_state_name(state: str, count: int = 1) -> str:
    """An outbox row's state in a sentence, counted when ``count`` > 1 («aplicadas»)."""
    return tr_label(outbox_state_word(state, count))


def role_name(role: str) -> str:
    """What a role lets a person do («propone»)."""
    return tr_label(ROLE_LABELS.get(str(role), str(role)))


def detail_name(code: str | None, kind: str | None = None) -> str:
    """A finding's ``detail`` in words; some kinds carry a value there, not a code."""
    if not code:
        return ""
    if kind == "date_differs" and code.isdigit():
        days = int(code)
        return (tr("{n} día de diferencia") if days == 1 else tr("{n} días de diferencia")).format(
            n=count(days)
        )
    if kind == "invalid_check_digit":
        return tr("el DV correcto es {dv}").format(dv=code)
    return tr_label(DETAIL_LABELS.get(code, code))


def shown_value(field: str, value: Any, *, stored: bool = False) -> str:
    """A correction's value as a sentence shows it (:func:`app.writeback.values.shown`, or
    ``shown_stored`` for a value read back from the store), «vacío» and a status in the
    window's language."""
    if value is None or value == "":
        return tr_label("vacío")
    if field == "status":
        return status_name(str(value))
    if stored:
        return writeback_values.shown_stored(field, value)
    return writeback_values.shown(field, value)


def whole_pesos(value: Any) -> int | None:
    """An amount rounded half-up to whole pesos, or None when it is empty or not a number
    (:func:`app.domain.values.whole_pesos`: the one rounding rule)."""
    return values.whole_pesos(value)


def money(value: Any) -> str:
    """``$ 1.234.567`` (es-CO, half-up to the peso, non-breaking space); ``—`` when empty.

    The engine's :func:`app.domain.values.format_cop`, so the window, the command line, the
    PDF and the XLSX read the same figure."""
    return values.format_cop(value)


def count(n: int) -> str:
    """``2.004``: a count with es-CO thousands separators."""
    return values.format_count(n)


def decimal(value: Any, digits: int = 1) -> str:
    """``1.234,5``: es-CO digits, rounded half-up (``—`` when empty)."""
    return values.format_decimal(value, digits)


def percent(ratio: Any) -> str:
    """``35,1 %`` for the ratio 0.3505…, rounded half-up once (``—`` when empty)."""
    return values.format_percent(ratio)


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    # pandas' missing markers (NaT, NA) are not equal to themselves or refuse to compare.
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


_DATE_FIELDS = frozenset({"paid_on", "delivered_on", "consent_date"})


def value_text(field: str | None, value: Any) -> str:
    """A canonical field's value as the window writes it."""
    if isinstance(value, str):  # the common case first: the table calls this per row
        if field in MONEY_FIELDS:
            shown = money(value)
            return shown if shown != EMPTY else value.strip() or EMPTY
        if field == "status":
            return status_name(value)
        if field in _DATE_FIELDS:
            return _iso_date_text(value)
        return value if value and not value.isspace() else EMPTY
    if is_empty(value):
        return EMPTY
    if field in MONEY_FIELDS:
        text = money(value)
        return text if text != EMPTY else str(value)
    if isinstance(value, bool):
        return tr("Sí") if value else tr("No")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _iso_date_text(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return text


def comparable(field: str | None, value: Any) -> Any:
    """A value normalized for "do these two differ?": text stripped and casefolded, amounts as
    numbers, empty as None. Display only: it decides which rows the panel highlights.

    Identifiers stay text ("007" is not "7"); only money columns read text as a number.
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
    if isinstance(value, datetime):
        return value.astimezone() if value.tzinfo is not None else value
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if field in MONEY_FIELDS:
        try:
            return Decimal(text).normalize()
        except InvalidOperation:
            pass
    return text.casefold()


_STEP_TEXT = {
    "generate_demo": QT_TRANSLATE_NOOP("ui", "Generando los datos de la demo"),
    "prepare_view": QT_TRANSLATE_NOOP("ui", "Preparando las tablas"),
    "done": QT_TRANSLATE_NOOP("ui", "Terminando"),
    "pull_extras": QT_TRANSLATE_NOOP("ui", "Leyendo facturas, taller, contratos y seguimientos"),
    "save_run": QT_TRANSLATE_NOOP("ui", "Guardando la conciliación en el espacio de trabajo"),
}
_STEP_PREFIX_TEXT = {
    "pull_crm_": QT_TRANSLATE_NOOP("ui", "Leyendo {entity} del CRM"),
    "pull_erp_": QT_TRANSLATE_NOOP("ui", "Leyendo {entity} del ERP"),
    "compare_": QT_TRANSLATE_NOOP("ui", "Comparando {entity}"),
}


def step_text(step: str) -> str:
    """What a progress step code (``"pull_crm_customers"``) means, for the status bar."""
    if step in _STEP_TEXT:
        return tr(_STEP_TEXT[step])
    for prefix, text in _STEP_PREFIX_TEXT.items():
        if step.startswith(prefix):
            code = step.removeprefix(prefix)
            try:
                entity = entity_name(Entity(code)).lower()
            except ValueError:
                break
            return tr(text).format(entity=entity)
    return tr("Trabajando")
