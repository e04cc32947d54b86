"""CSV and XLSX exports as a connector, and a branch manager's physical count.

:class:`FileConnector` reads one file holding one entity (a CRM's customers export, an ERP's
receipts report…) into the canonical frame, through the same normalizers as the other
connectors so exact keys line up: document numbers as digits (a NIT's DV split off), phones as
10 digits (else the text as typed), e-mails lower-cased, VINs upper-cased, DIVIPOLA codes,
amounts as exact ``Decimal``, dates as ``date`` and timestamps with their zone (Bogotá when the
file gives none). A cell it cannot read is a ``SourceIssue`` and an empty value; the row stays.
The same goes for the entities the insights read: invoices (prefix + number, status
validated/annulled/draft), workshop visits (kind, odometer as whole kilometres), contracts
(SOAT, insurance, financing) and CRM follow-ups (kind, due day, open/done/cancelled).

Files carry no change tracking, so ``since`` is ignored: every pull reads the whole file.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import app.connectors.files.cells as cells
from app.connectors.base import SourceIssue
from app.connectors.files.errors import FileFormatError, MappingError
from app.connectors.files.headers import (
    COUNT,
    COUNT_COLUMNS,
    EXTRA_COLUMNS,
    kind_name,
    normalize_mapping,
)
from app.connectors.files.sheet import Sheet
from app.connectors.files.stream import BATCH_ROWS, FileStream
from app.domain import divipola, invoices
from app.domain.i18n import tr_app
from app.domain.schema import COLUMNS, Entity, System
from app.domain.values import (
    LETTERED_DOC_TYPES,
    clean_text,
    is_scientific,
    normalize_doc_number,
    normalize_email,
    normalize_phone,
    normalize_vin,
    only_digits,
    split_nit,
)

_NIT_WITH_DV = re.compile(r"^[\d.\s]+-\s*\d$")
_YEAR = re.compile(r"^(19|20)\d{2}$")

#: Until the schema names a source for physical counts, their issues are filed under the
#: ERP's vehicles: the stock the count is checked against.
COUNT_SYSTEM, COUNT_ENTITY = System.ERP, Entity.VEHICLES

MappingArg = Mapping[str, Any] | str | Path | None


def load_mapping(mapping: MappingArg, kind: str) -> dict[str, list[str]]:
    """A mapping given as a dict or as the path of a JSON file, checked against ``kind``."""
    if mapping is None:
        return {}
    if isinstance(mapping, str | Path):
        path = Path(mapping)
        try:
            raw = json.loads(path.read_text("utf-8-sig"))
        except OSError as exc:
            raise MappingError(tr_app("app.connectors", "No se puede leer el mapeo {name}: "
                                                        "{strerror}.").format(
                                   name=path.name, strerror=exc.strerror)) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MappingError(tr_app("app.connectors", "El mapeo {name} no es JSON válido.").format(
                                   name=path.name)) from exc
        if not isinstance(raw, dict):
            raise MappingError(
                tr_app("app.connectors", "El mapeo {name} debe ser un objeto JSON {{\"columna "
                                         "canónica\": \"Encabezado del archivo\"}}.").format(
                    name=path.name)
            )
        mapping = raw
    return normalize_mapping(kind, mapping)


class FileConnector:
    """One CSV/XLSX export of one entity, read as the Connector protocol asks."""

    def __init__(self, path: str | Path, system: System | str, entity: Entity | str,
                 mapping: MappingArg = None, *, sheet: str | None = None) -> None:
        self.path = Path(path)
        self.system = System(system)
        self.entity = Entity(entity)
        self.sheet = sheet
        self.mapping = load_mapping(mapping, self.entity)
        #: How the last pull read the file: encoding, separator, sheet, header line.
        self.layout: dict[str, Any] = {}
        self._issues: list[SourceIssue] = []

    def describe(self) -> str:
        return tr_app("app.connectors", "archivo {system} {name}").format(
            system=self.system.value.upper(), name=self.path.name)

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def _checked(self, entity: Entity | str) -> Entity:
        entity = Entity(entity)
        if entity is not self.entity:
            raise ValueError(
                f"El archivo {self.path.name} tiene {kind_name(self.entity)}, "
                f"no {kind_name(entity)}."
            )
        return entity

    def pull(self, entity: Entity | str, since: Any = None) -> pd.DataFrame:
        entity = self._checked(entity)
        self._issues = []

        def report(sid: str | None, column: str | None, reason: str, value: str | None) -> None:
            self._issues.append(SourceIssue(self.system, entity, sid, column, reason, value))

        # Millions of small lists and strings that form no cycles: the cyclic collector's
        # scans over them would cost more than reading (as in app/reconcile/gcpause.py).
        collecting = gc.isenabled()
        gc.disable()
        try:
            sheet = Sheet.from_file(self.path, entity, self.mapping, report, self.sheet)
            self.layout = sheet.layout
            return canonical_frame(sheet, self.system, entity)
        finally:
            if collecting:
                gc.enable()

    def export_size(self, entity: Entity | str) -> int | None:
        """Bytes of the file when it holds ``entity`` (None otherwise, or when it cannot be
        read: a pull then says why): what decides reading it in batches."""
        if Entity(entity) is not self.entity:
            return None
        try:
            return self.path.stat().st_size
        except OSError:
            return None

    def pull_batches(self, entity: Entity | str, batch_rows: int = BATCH_ROWS
                     ) -> Iterator[pd.DataFrame]:
        """The same canonical records and issues as :meth:`pull`, a batch of ``batch_rows``
        rows at a time, the file never held whole (``stream.FileStream``): for exports too big
        for memory. :meth:`issues` holds every issue once the batches are read."""
        entity = self._checked(entity)
        self._issues = []

        def report(sid: str | None, column: str | None, reason: str, value: str | None) -> None:
            self._issues.append(SourceIssue(self.system, entity, sid, column, reason, value))

        stream = FileStream(self.path, entity, self.mapping, report, self.sheet, batch_rows)
        for sheet in stream.sheets():
            self.layout = sheet.layout
            yield canonical_frame(sheet, self.system, entity)


def canonical_frame(sheet: Sheet, system: System, entity: Entity) -> pd.DataFrame:
    """The canonical frame of ``entity`` from a sheet's fields (issues go to its report)."""
    builders: dict[Entity, Callable[[Sheet], dict[str, list[Any]]]] = {
        Entity.CUSTOMERS: lambda s: _customers(s, system),
        Entity.PAYMENTS: _payments,
        Entity.VEHICLES: _vehicles,
        Entity.DEALS: _deals,
        **{entity: _extra(entity) for entity in _EXTRA_READERS},
    }
    data = builders[entity](sheet)
    return _frame(COLUMNS[entity] + EXTRA_COLUMNS.get(entity, ()), data, sheet.size)


def records_frame(records: Sequence[Mapping[str, Any]], system: System, entity: Entity,
                  mapping: MappingArg = None, *, name: str, fields: Sequence[str] | None = None,
                  ids: Sequence[str] | None = None) -> tuple[pd.DataFrame, list[SourceIssue]]:
    """Records a database or an API returned, in their own field names, as the canonical frame
    of ``entity`` and the issues met: the same synonyms, mapping and cell readers as a file.

    ``name`` names the source in messages ("tabla terceros", "API /erp/customers"); ``fields``
    fixes the columns when no record may carry them all; ``ids`` names rows in issues before
    their ``source_id`` is known. Raises :class:`FileFormatError` (a ``SourceError``) when a
    required field is missing, :class:`MappingError` for a bad mapping.
    """
    issues: list[SourceIssue] = []

    def report(sid: str | None, column: str | None, reason: str, value: str | None) -> None:
        issues.append(SourceIssue(system, entity, sid, column, reason, value))

    sheet = Sheet.from_records(name, entity, records, load_mapping(mapping, entity), report,
                               fields=fields, ids=ids)
    return canonical_frame(sheet, system, entity), issues


def read_count(path: str | Path, mapping: MappingArg = None, *, sheet: str | None = None,
               branch: str | None = None) -> tuple[pd.DataFrame, list[SourceIssue]]:
    """A physical count file (a list of VINs) as a frame with the count columns
    ``branch, vin, counted_at, counted_by, note``, and what could not be read.

    Only a VIN column is required. ``branch`` fills rows that name none (a file per branch).
    A row without a VIN is left out and reported (``missing_vin``). ``counted_at`` is a date,
    or a zone-aware timestamp when the cell has a time of day.
    """
    issues: list[SourceIssue] = []

    def report(sid: str | None, column: str | None, reason: str, value: str | None) -> None:
        issues.append(SourceIssue(COUNT_SYSTEM, COUNT_ENTITY, sid, column, reason, value))

    s = Sheet.from_file(Path(path), COUNT, load_mapping(mapping, COUNT), report, sheet)
    dates = s.date_column("counted_at")
    default_branch = clean_text(branch)
    data: dict[str, list[Any]] = {
        "branch": [b or default_branch for b in s.text("branch")],
        "vin": s.apply("vin", _vin),
        "counted_at": s.apply("counted_at", dates.to_date_or_timestamp),
        "counted_by": s.text("counted_by"),
        "note": s.text("note"),
    }
    keep = [i for i, vin in enumerate(data["vin"]) if vin]
    for i in sorted(set(range(s.size)) - set(keep)):
        s.report(s.ids[i], "vin", "missing_vin", None)
    kept = {name: [values[i] for i in keep] for name, values in data.items()}
    return _frame(COUNT_COLUMNS, kept, len(keep)), issues


# --- entities ----------------------------------------------------------------------------------


def _frame(columns: tuple[str, ...], data: dict[str, list[Any]], size: int) -> pd.DataFrame:
    series = {c: pd.Series(data.get(c, [None] * size), dtype=object) for c in columns}
    return pd.DataFrame(series, columns=list(columns))


def _source_ids(s: Sheet) -> list[str]:
    """Each record's own id; a file's row without one is named by its line («línea 23»)."""
    if not s.has("source_id"):
        return s.ids
    ids = s.apply("source_id", cells.identifier_text)  # «1,23457E+15»: named by its line
    if s.header_line is not None:
        for sid, row in zip(ids, s.ids, strict=True):
            if sid is None:
                s.report(row, "source_id", "missing_id", None)
    return [sid or row for sid, row in zip(ids, s.ids, strict=True)]


def _phone(value: Any) -> str | None:
    """The 10-digit phone, or the text as typed when it is not a valid Colombian number."""
    text = cells.identifier_text(value)
    if text is not None and len(text) == 10 and text.isdigit() and (
        text[0] == "3" or text.startswith("60")
    ):
        return text  # already what normalize_phone returns: the common case, kept fast
    return normalize_phone(text) or text


def _email(value: Any) -> str | None:
    if type(value) is str:  # normalize_email's own steps, inline: once per distinct e-mail
        return " ".join(value.split()).replace(" ", "").lower() or None
    return normalize_email(value if isinstance(value, str) else cells.as_text(value))


def _doc_number(value: Any) -> str | None:
    text = cells.identifier_text(value)
    if text is None:
        return None
    if text.isdigit():  # the common case, and what normalize_doc_number would return
        return text
    number = normalize_doc_number(text)
    if number is None:
        raise ValueError("no digits")
    return number


def _amounts(s: Sheet, name: str) -> list[Any]:
    column = s.number_column(name)
    if s.has(name) and s.notes and column.ambiguous:
        s.report(None, name, "ambiguous_number_format", column.format.value)
    if s.has(name) and s.notes and column.mixed:
        s.report(None, name, "mixed_number_format", column.format.value)
    return s.apply(name, column.parse)


def _dates(s: Sheet, name: str, timestamps: bool = False) -> list[Any]:
    column = s.date_column(name)
    return s.apply(name, column.to_timestamp if timestamps else column.to_date)


def _customers(s: Sheet, system: System) -> dict[str, list[Any]]:
    ids = _source_ids(s)
    s.ids = ids  # issues name the record by its own id from here on
    numbers: list[str | None] = []
    inline_dv: list[str | None] = []
    number: str | None
    dv: str | None
    doc_types = s.apply("doc_type", cells.doc_type)
    for sid, value, doc_type in zip(ids, s.raw("doc_number"), doc_types, strict=True):
        text = cells.as_text(value)
        if is_scientific(text):  # Excel's «1,23457E+15»: the digits are lost, never guessed
            s.report(sid, "doc_number", "scientific_notation", text)
            numbers.append(None)
            inline_dv.append(None)
            continue
        text = cells.unfloat(text)
        if text is not None and text.isdigit():
            number, dv = text, None
        elif text is not None and _NIT_WITH_DV.match(text) and doc_type not in LETTERED_DOC_TYPES:
            number, dv = split_nit(text)
        else:  # a passport or a foreign document keeps its letters
            number, dv = normalize_doc_number(text, doc_type), None
        if text is not None and number is None:
            s.report(sid, "doc_number", "unparseable", text)
        numbers.append(number)
        inline_dv.append(dv)
    check_digits = _check_digits(s, inline_dv)
    cities = _cities(s)
    return {
        "source_id": ids,
        "doc_type": doc_types,
        "doc_number": numbers,
        "check_digit": check_digits,
        "first_names": s.text("first_names"),
        "last_names": s.text("last_names"),
        "company_name": s.text("company_name"),
        "phone": s.apply("phone", _phone),
        "email": s.apply("email", _email),
        "city_code": [c for c, _ in cities],
        "city_name": [n for _, n in cities],
        "address": s.text("address"),
        "habeas_data_consent": s.apply("habeas_data_consent", cells.yes_no),
        "consent_date": _dates(s, "consent_date"),
        "consent_channel": s.text("consent_channel"),
        "claim_in_progress": s.apply("claim_in_progress", cells.yes_no),
        # An export of customers lists customers, unless a column says otherwise.
        "is_customer": (s.apply("is_customer", _is_customer) if s.has("is_customer")
                        else [True] * s.size),
        "updated_at": _dates(s, "updated_at", timestamps=True),
        "full_name": s.text("full_name"),
        "phone_alt": s.apply("phone_alt", _phone),
    }


def _is_customer(value: Any) -> bool | None:
    text = cells.as_text(value)
    if text is not None and text.casefold() in ("cliente", "customer"):  # HubSpot's stage
        return True
    try:
        return cells.yes_no(value)
    except ValueError:
        return False  # a CRM stage other than "cliente": a lead


def _check_digits(s: Sheet, inline: list[str | None]) -> list[str | None]:
    def one(value: Any) -> str | None:
        text = cells.unfloat(cells.as_text(value))
        if text is None:
            return None
        digits = only_digits(text)
        if len(digits) != 1 or len(text) > 2:
            raise ValueError("not a check digit")
        return digits

    if not s.has("check_digit"):
        return inline
    column = s.apply("check_digit", one)
    out: list[str | None] = []
    for sid, own, given in zip(s.ids, column, inline, strict=True):
        if own is not None and given is not None and own != given:
            s.report(sid, "check_digit", "conflicting_check_digit", f"{given}/{own}")
        out.append(own if own is not None else given)
    return out


def _cities(s: Sheet) -> list[tuple[str | None, str | None]]:
    """(DIVIPOLA code, name) from a code column, a name column, or both."""
    codes, names = s.raw("city_code"), s.raw("city_name")
    pairs = list(zip(codes, names, strict=True))
    # Each distinct (code, name) pair is looked up once, in order of first appearance.
    found = {key: _city(cells.as_text(key[0]), cells.as_text(key[1]))
             for key in dict.fromkeys(pairs)}
    cities = [found[key] for key in pairs]
    if any(unknown is not None for _, _, unknown in found.values()):
        for sid, name_cell, (_, _, unknown) in zip(s.ids, names, cities, strict=True):
            if unknown is not None:
                s.report(sid, "city_name" if name_cell not in (None, "") else "city_code",
                         "unknown_city", unknown)
    return [(code, name) for code, name, _ in cities]


def _city(code_text: str | None, name_text: str | None
          ) -> tuple[str | None, str | None, str | None]:
    """(code, name, the text that named no municipality)."""
    code: str | None = None
    name: str | None = None
    unknown: str | None = None
    for text in (code_text, name_text):
        if text is None:
            continue
        if text.isdigit() and len(text) in (4, 5):  # a DANE code, maybe without its zero
            code = code or text.zfill(5)
            continue
        name = name or text
        found = divipola.city_code(text)
        if found is None:
            unknown = text
        code = code or found
    return code, name or divipola.city_name(code), unknown


def _payments(s: Sheet) -> dict[str, list[Any]]:
    ids = _source_ids(s)
    s.ids = ids
    invoice = _invoice_numbers(s)
    return {
        "source_id": ids,
        "receipt_number": s.apply("receipt_number", cells.identifier_text),
        "invoice_number": invoice,
        "cufe": s.text("cufe"),
        "customer_doc": s.apply("customer_doc", _doc_number),
        "amount": _amounts(s, "amount"),
        "currency": ([(c or "COP").upper() for c in s.text("currency")] if s.has("currency")
                     else ["COP"] * s.size),
        "paid_on": _dates(s, "paid_on"),
        "method": s.text("method"),
        "status": s.text("status"),
        "deal_id": s.apply("deal_id", cells.identifier_text),
        "branch": s.text("branch"),
        "updated_at": _dates(s, "updated_at", timestamps=True),
    }


def _invoice_numbers(s: Sheet) -> list[str | None]:
    """Invoice numbers, the prefix column (if any) joined on; a prefix alone is no invoice."""
    parts = s.parts("invoice_number")
    if not parts:
        return [None] * s.size
    *heads, numbers = parts
    out: list[str | None] = []
    for i, number in enumerate(numbers):
        text = cells.unfloat(cells.as_text(number))
        if text is not None and heads:
            text = "-".join([*(t for h in heads if (t := cells.as_text(h[i]))), text])
        out.append(normalize_invoice(text))
    return out


def normalize_invoice(value: Any) -> str | None:
    """"FV-457", "FV - 457" → "FV-457"; a prefix the number already carries is not doubled;
    an Odoo name stays whole ("INV/2026/00004"). One rule for every connector and the matcher:
    :func:`app.domain.invoices.normalize_invoice` (the cell read as text first: 457.0 → "457")."""
    return invoices.normalize_invoice(cells.as_text(value))


def _vehicles(s: Sheet) -> dict[str, list[Any]]:
    ids = _source_ids(s)
    s.ids = ids
    return {
        "source_id": ids,
        "vin": s.apply("vin", _vin),
        "make": s.text("make"),
        "model": s.text("model"),
        "model_year": s.apply("model_year", _model_year),
        "color": s.text("color"),
        "status": s.apply("status", cells.coded(cells.VEHICLE_STATUS)),
        "branch": s.text("branch"),
        "price": _amounts(s, "price"),
        "customer_doc": s.apply("customer_doc", _doc_number),
        "deal_id": s.apply("deal_id", cells.identifier_text),
        "delivered_on": _dates(s, "delivered_on"),
        "updated_at": _dates(s, "updated_at", timestamps=True),
        "received_on": _dates(s, "received_on"),
    }


def _vin(value: Any) -> str | None:
    return normalize_vin(cells.identifier_text(value))


def _model_year(value: Any) -> str | None:
    text = cells.unfloat(cells.as_text(value))
    if text is None:
        return None
    if not _YEAR.match(text):
        raise ValueError("not a year")
    return text


def _deals(s: Sheet) -> dict[str, list[Any]]:
    ids = _source_ids(s)
    s.ids = ids
    return {
        "source_id": ids,
        "customer_doc": s.apply("customer_doc", _doc_number),
        "stage": s.apply("stage", cells.coded(cells.DEAL_STAGE)),
        "vin": s.apply("vin", _vin),
        "amount": _amounts(s, "amount"),
        "lead_source": s.text("lead_source"),
        "salesperson": s.text("salesperson"),
        "closed_on": _dates(s, "closed_on"),
        "branch": s.text("branch"),
        "updated_at": _dates(s, "updated_at", timestamps=True),
        "created_on": _dates(s, "created_on"),
    }


# --- what the insights read besides ----------------------------------------------------------

#: How a builder reads one canonical column from a sheet.
Reader = Callable[[Sheet, str], list[Any]]


def _text(s: Sheet, name: str) -> list[Any]:
    return s.text(name)


def _parsed(parse: Callable[[Any], Any]) -> Reader:
    return lambda s, name: s.apply(name, parse)


def _days(s: Sheet, name: str) -> list[Any]:
    return _dates(s, name)


def _stamps(s: Sheet, name: str) -> list[Any]:
    return _dates(s, name, timestamps=True)


def _kilometres(s: Sheet, name: str) -> list[Any]:
    """Odometer readings as whole kilometres: "12.345 km", "12,345", 12345.0 → 12345."""
    values = [cells.without_km(v) for v in s.raw(name)]
    column = s.number_column(name, values)
    return s.apply(name, lambda v: cells.whole_km(column.parse(v)), values=values)


_DOC, _VIN = _parsed(_doc_number), _parsed(_vin)
#: Each column of the insights' entities and how it is read (``source_id`` comes first, always).
_EXTRA_READERS: dict[Entity, dict[str, Reader]] = {
    Entity.INVOICES: {
        "invoice_number": lambda s, _name: _invoice_numbers(s), "cufe": _text,
        "customer_doc": _DOC, "vin": _VIN, "branch": _text, "issued_on": _days,
        "total": _amounts, "status": _parsed(cells.coded(cells.INVOICE_STATUS)),
        "updated_at": _stamps,
    },
    Entity.SERVICES: {
        "vin": _VIN, "customer_doc": _DOC, "kind": _parsed(cells.service_kind),
        "visited_on": _days, "odometer_km": _kilometres, "branch": _text, "updated_at": _stamps,
    },
    Entity.CONTRACTS: {
        "vin": _VIN, "customer_doc": _DOC, "kind": _parsed(cells.contract_kind),
        "provider": _text, "starts_on": _days, "ends_on": _days, "updated_at": _stamps,
    },
    Entity.FOLLOWUPS: {
        "customer_doc": _DOC, "vin": _VIN, "kind": _parsed(cells.followup_kind),
        "due_on": _days, "status": _parsed(cells.coded(cells.FOLLOWUP_STATUS)), "note": _text,
        "updated_at": _stamps,
    },
}


def _extra(entity: Entity) -> Callable[[Sheet], dict[str, list[Any]]]:
    """The builder of one of the insights' entities, from its readers."""
    readers = _EXTRA_READERS[entity]

    def build(s: Sheet) -> dict[str, list[Any]]:
        ids = _source_ids(s)
        s.ids = ids
        return {"source_id": ids, **{name: read(s, name) for name, read in readers.items()}}

    return build


__all__ = ["FileConnector", "FileFormatError", "MappingError", "load_mapping", "read_count"]
