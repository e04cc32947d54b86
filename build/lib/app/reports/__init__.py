"""What a person takes away from Cuadre: the dealer insights as an XLSX workbook (``xlsx``),
their charts (``charts``) and the manager's PDF summary (``pdf``); ``cuadre report``
(:mod:`app.cli.report`) makes either file with no window.

This package module holds only what they share and is cheap to import (no openpyxl,
matplotlib or reportlab here): es-CO number and date text, the names of entities and finding
kinds, the audit chain's head as a report prints it. Every spreadsheet is written by
:mod:`app.security.spreadsheets` (no cell a spreadsheet would run as a formula), every file
whole or not at all (:func:`app.paths.atomic_write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.values import (
    NBSP,
    format_cop,
    format_count,
    format_decimal,
    format_percent,
    in_bogota,
    rounded,
)

if TYPE_CHECKING:
    from app.insights.model import KindBranchRow

#: What a report says in place of the audit chain's head when there is no workspace store.
NO_AUDIT = "sin almacén de trabajo: no hay cadena de auditoría"


def thousands(number: int | Decimal) -> str:
    """``1.234.567``: a whole number with es-CO thousands separators."""
    return format_count(int(number))


def decimal_text(value: float | Decimal, digits: int = 1) -> str:
    """``1.234,5``: es-CO digits (dot thousands, comma decimals), rounded half-up."""
    return format_decimal(value, digits)


def pesos_short(value: float | Decimal | int | None) -> str:
    """Pesos for a chart's axis or label: ``$ 12,3 M``, ``$ 950 mil``, ``$ 800`` (half-up, as
    every figure)."""
    amount = rounded(value, 2)
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 1_000_000:
        text = f"{decimal_text(amount / 1_000_000, 1 if amount < 100_000_000 else 0)} M"
    elif amount >= 1_000:
        text = f"{format_decimal(amount / 1_000, 0)} mil"
    else:
        text = format_decimal(amount, 0)
    return f"{sign}${NBSP}{text}"


def percent(value: float | Decimal, digits: int = 1) -> str:
    """``12,5 %`` for the ratio 0.125 (:func:`app.domain.values.format_percent`)."""
    return format_percent(value, digits)


def day(value: date | datetime | None) -> str:
    """``20/11/2026`` (a moment is shown in Bogotá)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = in_bogota(value)
    return value.strftime("%d/%m/%Y")


MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")


def month_name(month: str) -> str:
    """``"2026-11"`` → ``noviembre de 2026``."""
    year, _, number = month.partition("-")
    if number.isdigit() and 1 <= int(number) <= 12:
        return f"{MONTHS[int(number) - 1]} de {year}"
    return month


def moment(value: datetime) -> str:
    """``20/11/2026 14:05`` in Bogotá."""
    return in_bogota(value).strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True, slots=True)
class Head:
    """The audit chain's head as a report prints it: the last row's hash and the number of
    rows (None when only the hash was given)."""

    hash: str
    rows: int | None

    @property
    def anchor(self) -> str | None:
        """``N:HUELLA`` for ``cuadre audit verify --anchor`` (None for an empty trail, which
        has no row to anchor to)."""
        return f"{self.rows}:{self.hash}" if self.rows else None


def parse_head(text: str | None) -> Head | None:
    """``"N:HUELLA"`` (an anchor, as ``cuadre audit verify`` prints it) or a bare hash."""
    if not text or not text.strip():
        return None
    rows, sep, digest = text.strip().partition(":")
    if sep and rows.isdigit():
        return Head(digest, int(rows))
    return Head(text.strip(), None)


def entity_name(entity: str) -> str:
    """The Spanish name of an entity code (``"payments"`` → «Pagos»)."""
    from app.domain.labels import ENTITY_LABELS
    from app.domain.schema import Entity

    try:
        return ENTITY_LABELS.get(Entity(entity), entity)
    except ValueError:
        return entity


def apart_lines(rows: Sequence[KindBranchRow]) -> list[str]:
    """«Monto con fecha distinta: $ 2.777.130.280 (97)»: each amount counted but not at stake,
    per entity and kind (rows added up over branches: ``app.insights.dashboard.by_kind``)."""
    from app.domain.labels import apart_label
    from app.domain.schema import Entity

    return [f"{apart_label(Entity(r.entity), r.kind)}: {format_cop(r.apart)} "
            f"({format_count(r.count)})" for r in rows if r.apart]


def kind_name(entity: str, kind: str) -> str:
    """The Spanish name of a finding kind of an entity (``"amount_differs"`` → «Valor
    distinto»)."""
    from app.domain.labels import kind_label
    from app.domain.schema import Entity

    try:
        return kind_label(Entity(entity), kind)
    except ValueError:
        return kind
