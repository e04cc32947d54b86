"""Writing a canonical field into a demo system's raw columns: the inverse of the readers.

A field writer takes the write's context and one canonical value and gives the raw column
values that hold it (a city code becomes the CRM's city name, a status the system's own
word, a customer document the id of the record holding it…). A value the system cannot hold
raises :class:`Refused`, which the write turns into a *rejected* outcome with its sentence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.demo.connector.reading import listed
from app.domain.labels import field_label
from app.domain.values import clean_text, money_str, normalize_doc_number, to_decimal


class Refused(Exception):
    """A value the system cannot hold: becomes a REJECTED outcome with this sentence."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class FieldContext:
    """What a field writer sees: the write connection, the raw row as it stands (with the
    writes of this change so far) and the records to prefer when a document names several."""

    conn: sqlite3.Connection
    row: dict[str, Any]
    prefer: tuple[str, ...] = ()


#: A field writer: (context, canonical value) → raw column updates. Raises Refused.
Writer = Callable[[FieldContext, Any], dict[str, Any]]


def refuse_value(name: str, value: Any) -> Refused:
    return Refused("unsupported_value",
                   f"El valor «{value}» no es válido para «{field_label(name)}».")


def _money_value(name: str, value: Any, required: bool = False) -> str | None:
    try:
        amount = to_decimal(value)
    except (ValueError, TypeError):
        raise refuse_value(name, value) from None
    if amount is None:
        if required:
            raise refuse_value(name, value)
        return None
    if not amount.is_finite():
        raise refuse_value(name, value)
    return money_str(amount)


def _date_value(name: str, value: Any, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise refuse_value(name, value)
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise refuse_value(name, value) from None


def stamp_value(value: Any) -> str:
    """A change stamp as the systems keep it: ISO text with its zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise refuse_value("updated_at", value) from None
    if moment.tzinfo is None:
        raise refuse_value("updated_at", value)
    return moment.isoformat()


def column(name: str, convert: Callable[[Any], Any] = clean_text) -> Writer:
    """A field held as is in one column (``name``), converted by ``convert``."""
    return lambda _ctx, value: {name: convert(value)}


def money_column(name: str, field: str, required: bool = False) -> Writer:
    return lambda _ctx, value: {name: _money_value(field, value, required)}


def date_column(name: str, field: str, required: bool = False) -> Writer:
    return lambda _ctx, value: {name: _date_value(field, value, required)}


def flag_column(name: str) -> Writer:
    return lambda _ctx, value: {name: int(bool(value))}


def year_column(name: str) -> Writer:
    def write(_ctx: FieldContext, value: Any) -> dict[str, Any]:
        text_ = clean_text(value)
        if text_ is not None and not text_.isdigit():
            raise refuse_value("model_year", value)
        return {name: None if text_ is None else int(text_)}
    return write


def coded_column(name: str, field: str, codes: Mapping[str, str]) -> Writer:
    """A canonical code stored as the system's own word (a status, a deal stage)."""
    def write(_ctx: FieldContext, value: Any) -> dict[str, Any]:
        text_ = clean_text(value)
        if text_ is None:
            return {name: None}
        if text_ not in codes:
            raise refuse_value(field, value)
        return {name: codes[text_]}
    return write


def holder(ctx: FieldContext, doc: Any, table: str, doc_column: str, pointer: str,
           missing: str) -> Any:
    """The id of the (listed) record of ``table`` whose ``doc_column`` is the document ``doc``:
    the row's current one (its ``pointer``) if it is one of them, then ``ctx.prefer``'s, then
    the first. Refused with ``missing`` when there is none."""
    wanted = normalize_doc_number(doc)
    ids = [r["id"] for r in ctx.conn.execute(
        f"SELECT id, {doc_column} FROM {table}{listed(ctx.conn, table)} ORDER BY id")
        if normalize_doc_number(r[doc_column]) == wanted]
    if not ids:
        raise Refused("unknown_customer", missing)
    by_text = {str(i): i for i in ids}
    for choice in (ctx.row.get(pointer), *ctx.prefer):
        if choice is not None and str(choice) in by_text:
            return by_text[str(choice)]
    return ids[0]
