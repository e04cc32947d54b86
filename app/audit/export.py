"""The audit trail to CSV or XLSX, safe to open in a spreadsheet.

Text that a spreadsheet would run as a formula — starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return (OWASP's list), or their full-width forms — is written with a leading
apostrophe, so it shows as the text it is (:func:`app.security.spreadsheets.safe_text`, which
every spreadsheet Cuadre writes uses). Numbers are never escaped: an amount of ``-1500000.00``
stays the number it is (an XLSX number cell; in CSV the bare number), because the trail keeps
its values as JSON literals (``app.store.values.audit_value``) and so knows a number from text
that looks like one: the document number ``"0012"`` stays text with its zeros.

Given an :class:`~app.audit.query.AuditFilter`, only the rows it keeps are written (the
window's audit view exports what it shows), with the same escaping.

Every column reads as the audit view shows it: the action, system, entity, field and outcome
by their names in the language spoken, like the headings (the roles a person was given too),
and when each row happened in the user's zone, to the second, with its offset
(«07/12/2026 12:58:03 -05:00», :func:`app.domain.moments.moment_text`), under a heading
that names the zone («Fecha y hora (hora de Colombia)»).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.audit.query import AuditFilter, action_name, conditions, outcome_name, value_words
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import entity_label, field_label, system_label
from app.domain.moments import moment_text, user_zone, zone_name
from app.paths import atomic_write
from app.security.spreadsheets import safe_text, xlsx_text
from app.store.db import Store
from app.store.models import AUDIT_FIELDS, AuditRow
from app.store.values import read_audit_value

#: Column headers, in Spanish, in export order (written in the current language).
HEADERS: dict[str, str] = {
    "seq": mark_app("app.audit", "N.º"),
    "at": mark_app("app.audit", "Fecha y hora"),
    "actor": mark_app("app.audit", "Quién"),
    "action": mark_app("app.audit", "Acción"),
    "system": mark_app("app.audit", "Sistema"),
    "entity": mark_app("app.audit", "Entidad"),
    "record": mark_app("app.audit", "Registro"),
    "field": mark_app("app.audit", "Campo"),
    "old": mark_app("app.audit", "Valor anterior"),
    "new": mark_app("app.audit", "Valor nuevo"),
    "proposer": mark_app("app.audit", "Propuso"),
    "approver": mark_app("app.audit", "Aprobó"),
    "comment": mark_app("app.audit", "Comentario"),
    "outcome": mark_app("app.audit", "Resultado"),
    "idempotency_key": mark_app("app.audit", "Clave de idempotencia"),
    "correction_id": mark_app("app.audit", "Corrección"),
    "prev_hash": mark_app("app.audit", "Huella anterior"),
    "hash": mark_app("app.audit", "Huella"),
}
_VALUE_COLUMNS = frozenset({"old", "new"})
#: The columns that hold codes, and their names in Spanish.
_NAMED: dict[str, Callable[[str], str]] = {
    "action": action_name, "system": system_label, "entity": entity_label,
    "field": field_label, "outcome": outcome_name,
}


def headers() -> list[str]:
    """The column headings, the time's naming the user's zone."""
    zone = zone_name(user_zone())
    said = {column: tr_marked("app.audit", text) for column, text in HEADERS.items()}
    return [f"{text} ({zone})" if column == "at" else text for column, text in said.items()]


def cell(column: str, value: Any, action: str | None = None) -> Any:
    """What goes in the cell: numbers as numbers (Decimal/int), text escaped, None empty; the
    moment (stored as ISO text in UTC) in the user's zone, with its offset; codes by their
    names in the language spoken, as the headings (``action``: the row's, for the values it
    holds in codes)."""
    if value is None:
        return None
    if column == "at":
        moment = datetime.fromisoformat(str(value))
        return moment_text(moment, seconds=True, offset=True)
    if column in _NAMED:
        return safe_text(tr_marked("labels", _NAMED[column](str(value))))
    if column in _VALUE_COLUMNS:
        value = value_words(action, read_audit_value(value))
        if action == "person_added" and isinstance(value, str):  # roles, by their names
            value = ", ".join(tr_marked("labels", role) for role in value.split(", "))
        if value is None:
            return None
        if isinstance(value, bool):
            return safe_text("true" if value else "false")
        if isinstance(value, (int, Decimal)):
            return value
        if not isinstance(value, str):  # a list or object written by hand: show its text
            value = str(value)
    if isinstance(value, int) and column == "seq":
        return value
    return safe_text(str(value))


def rows(store: Store, audit_filter: AuditFilter | None = None) -> Iterator[list[Any]]:
    columns = [getattr(AuditRow, name) for name in HEADERS]
    query = select(*columns).where(*conditions(audit_filter)).order_by(AuditRow.seq)
    with store.read() as session, session.begin():
        for row in session.execute(query):
            values = dict(zip(HEADERS, row, strict=True))
            yield [cell(name, value, values["action"]) for name, value in values.items()]


def export_csv(store: Store, path: Path, audit_filter: AuditFilter | None = None) -> int:
    """Write the trail (the rows ``audit_filter`` keeps) as CSV (UTF-8 with BOM, so Excel
    reads the accents); returns rows."""
    count = 0

    def write(tmp: Path) -> None:
        nonlocal count
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(headers())
            for values in rows(store, audit_filter):
                writer.writerow("" if v is None else v for v in values)
                count += 1

    atomic_write(path, write)
    return count


def export_xlsx(store: Store, path: Path, audit_filter: AuditFilter | None = None) -> int:
    """Write the trail (the rows ``audit_filter`` keeps) as an XLSX workbook (one sheet,
    «Auditoría»); returns rows."""
    from openpyxl import Workbook

    count = 0

    def write(tmp: Path) -> None:
        nonlocal count
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Auditoría")
        sheet.append(headers())
        for values in rows(store, audit_filter):
            sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in values])
            count += 1
        book.save(tmp)

    atomic_write(path, write)
    return count


def export(store: Store, path: Path, audit_filter: AuditFilter | None = None) -> int:
    """CSV or XLSX by the file's extension; returns the number of rows written."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return export_csv(store, path, audit_filter)
    if suffix == ".xlsx":
        return export_xlsx(store, path, audit_filter)
    raise ValueError(tr_app("app.audit", "formato no admitido: {suffix}; use .csv o .xlsx").format(
        suffix=path.suffix or tr_app("app.audit", "(sin extensión)")))


assert set(AUDIT_FIELDS) | {"hash"} == set(HEADERS)
