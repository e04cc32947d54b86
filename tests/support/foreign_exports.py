"""CRM and ERP exports written the ways other people's programs write them, from known records.

A :class:`Records` holds one entity's records on both sides as plain values (documents and
phones as text, money as ``Decimal``, dates as ``date``). :func:`write_export` writes one side
as a file in a :class:`Variant`: encoding (UTF-8 with or without BOM, cp1252, UTF-16), separator,
amounts in es-CO (``$ 1.234.567,89``), en-US (``1,234,567.89``) or plain (``1234567.89``),
dates day-first, ISO or mixed, blank lines, title rows, trailing empty columns, a duplicated
header name, or an XLSX workbook with native numbers and dates (documents as numbers, phones
as floats such as ``3001234567.0``) and merged cells. Lossy variants are marked
(:attr:`Variant.lossy`): Excel's «1,23457E+15» documents, a document column whose leading zeros
a spreadsheet dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.values import nit_check_digit

CITIES = ("Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira")
FIRST = ("José", "María", "Ana", "Luis", "Nicolás", "Sofía", "Andrés", "Ñusta")
LAST = ("Pérez", "Gómez", "Peña", "Rodríguez", "Muñoz", "Castaño", "Ortiz", "Díaz")
MAKES = (("Renault", "Duster"), ("Chevrolet", "Onix"), ("Mazda", "CX-30"), ("Kia", "Picanto"))
STATUSES = ("Disponible", "Vendido", "Reservado", "Entregado")
BRANCHES = ("Cali - Pasoancho", "Bogotá - Calle 80", "Medellín - El Poblado")

#: The headers each side writes, per entity: (canonical name, header).
HEADERS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "customers": {
        "crm": (("id", "ID"), ("doc_type", "Tipo documento"), ("doc", "Documento"),
                ("dv", "DV"), ("first", "Nombres"), ("last", "Apellidos"),
                ("company", "Razón social"), ("phone", "Celular"), ("email", "Correo"),
                ("city", "Ciudad")),
        "erp": (("id", "Código"), ("doc_type", "Tipo de documento"), ("doc", "Identificación"),
                ("dv", "Dígito de verificación"), ("first", "Nombres"), ("last", "Apellidos"),
                ("company", "Razón social"), ("phone", "Teléfono celular"),
                ("email", "E-mail"), ("city", "Municipio")),
    },
    "payments": {
        "crm": (("id", "ID"), ("receipt", "No. recibo"), ("invoice", "Factura"),
                ("doc", "Documento cliente"), ("amount", "Valor"), ("date", "Fecha de pago"),
                ("branch", "Sede")),
        "erp": (("id", "Código"), ("receipt", "Comprobante"), ("invoice", "Documento cruce"),
                ("doc", "NIT tercero"), ("amount", "Valor recibido"),
                ("date", "Fecha elaboración"), ("branch", "Sede")),
    },
    "vehicles": {
        "crm": (("id", "ID"), ("vin", "VIN"), ("make", "Marca"), ("model", "Línea"),
                ("year", "Año modelo"), ("status", "Estado"), ("price", "Precio"),
                ("branch", "Sede")),
        "erp": (("id", "Código"), ("vin", "Chasis"), ("make", "Marca"), ("model", "Línea"),
                ("year", "Año"), ("status", "Estado vehículo"), ("price", "Precio de venta"),
                ("branch", "Bodega")),
    },
}
MONEY = ("amount", "price")
DATES = ("date",)
DOCS = ("doc",)
#: Columns a program reading the file with pandas would take for numbers.
NUMERIC = ("id", "doc", "phone", "year", "dv", "vin")


@dataclass(frozen=True)
class Records:
    """One entity's records as each side holds them: a dict per record, keyed as in HEADERS."""

    entity: str
    crm: list[dict[str, Any]]
    erp: list[dict[str, Any]]

    def side(self, system: str) -> list[dict[str, Any]]:
        return self.crm if system == "crm" else self.erp


@dataclass(frozen=True)
class Variant:
    """How one export is written."""

    xlsx: bool = False
    native: bool = False  # XLSX: numbers and dates as numbers and dates, not text
    merged: bool = False  # XLSX: a merged title above the table, a merged blank block
    encoding: str = "utf-8"  # utf-8, utf-8-sig, cp1252, utf-16
    separator: str = ","
    amounts: str = "plain"  # plain, es-CO, en-US
    dates: str = "dmy"  # dmy (31/01/2026), iso (2026-01-31), mixed (both in one column)
    blank_lines: bool = False
    title_rows: bool = False
    trailing_columns: int = 0
    duplicate_header: bool = False  # an extra column named like another unused one
    crlf: bool = False
    floats: bool = False  # numbers as a pandas float column writes them: «3001234567.0»
    duplicate_known: bool = False  # a known column written twice under its header
    total_row: bool = False  # a closing «Total» row
    padding: bool = False  # spaces (and a no-break space) around every value
    quote_all: bool = False  # every field quoted
    upper_headers: bool = False  # «DOCUMENTO», as some ERPs write headers
    nulls: str = ""  # what an empty cell holds: "", "nan" (pandas), "NULL" (SQL), "#N/D" (Excel)
    # Lossy: what other people's programs do to documents.
    scientific: bool = False  # Excel's «1,23457E+15» for documents of 12+ digits
    zeros_lost: bool = False  # documents as numbers: «0012345» became «12345»
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lossy(self) -> bool:
        return self.scientific or self.zeros_lost

    def clean(self) -> Variant:
        return replace(self, scientific=False, zeros_lost=False)


CLEAN = Variant()


def _money(value: Decimal | None, style: str) -> str:
    if value is None:
        return ""
    whole = value == value.to_integral_value() and style.endswith("-whole")
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"  # en-US grouping
    style = style.removesuffix("-whole")
    if style == "en-US":
        return text
    if style == "es-CO":
        return "$ " + text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{value:.2f}"


def _date(value: date | None, style: str, row: int) -> str:
    if value is None:
        return ""
    if style == "iso" or (style == "mixed" and row % 3 == 1):
        return value.isoformat()
    if style == "stamp" or (style == "mixed" and row % 3 == 2):
        return f"{value.isoformat()} 00:00:00"  # a datetime column written by pandas
    if style == "dashes":
        return value.strftime("%d-%m-%Y")
    return value.strftime("%d/%m/%Y")


def _scientific(text: str) -> str:
    """How Excel shows a long number in a General cell: «1,23457E+15» (es-CO)."""
    mantissa = f"{Decimal(text):.5E}".replace("E+", "E+")
    head, _, exponent = mantissa.partition("E")
    head = head.rstrip("0").rstrip(".")
    return f"{head.replace('.', ',')}E+{int(exponent):02d}"


def cell_text(name: str, value: Any, variant: Variant, row: int) -> str:
    if value is None:
        return variant.nulls
    if name in MONEY:
        return _money(value, variant.amounts)
    if name in DATES:
        return _date(value, variant.dates, row)
    text = str(value)
    if variant.floats and text.isdigit() and name in NUMERIC and not text.startswith("0"):
        return f"{text}.0"
    if name in DOCS and text.isdigit():
        if variant.scientific and len(text) >= 12:
            return _scientific(text)
        if variant.zeros_lost:
            return text.lstrip("0") or "0"
    return text


def cell_native(name: str, value: Any, variant: Variant) -> Any:
    """The value as a workbook holds it when typed by a person or written by a program."""
    if value is None:
        return None
    if name in MONEY:
        return float(value) if variant.native else _money(value, variant.amounts)
    if name in DATES:
        return datetime(value.year, value.month, value.day) if variant.native else (
            _date(value, variant.dates, 0))
    text = str(value)
    if variant.native and text.isdigit() and name in NUMERIC:
        if name in DOCS and text.startswith("0") and not variant.zeros_lost:
            return text  # a careful writer keeps a zero-led document as text
        number = int(text)
        return float(number) if name == "phone" else number
    return cell_text(name, value, variant, 0)


def header_and_rows(records: Records, system: str, variant: Variant
                    ) -> tuple[list[str], list[list[Any]], list[str]]:
    """The header, the rows (native values for a workbook, text otherwise), and the names."""
    columns = HEADERS[records.entity][system]
    names = [n for n, _ in columns]
    header = [h for _, h in columns]
    rows: list[list[Any]] = []
    for i, record in enumerate(records.side(system)):
        if variant.xlsx:
            rows.append([cell_native(n, record.get(n), variant) for n in names])
        else:
            rows.append([cell_text(n, record.get(n), variant, i) for n in names])
    if variant.duplicate_known:  # the second copy, same header, same values
        header += [header[2]]
        rows = [[*r, r[2]] for r in rows]
    if variant.upper_headers:
        header = [h.upper() for h in header]
    if variant.padding and not variant.xlsx:
        rows = [[f" {c}\u00a0" if c != "" else c for c in r] for r in rows]
    if variant.duplicate_header:
        header += ["Observaciones", "Observaciones"]
        rows = [[*r, f"nota {i}", ""] for i, r in enumerate(rows)]
    if variant.trailing_columns:
        header += [""] * variant.trailing_columns
        rows = [[*r, *([""] * variant.trailing_columns)] for r in rows]
    return header, rows, names


def _quote(cell: str, separator: str, always: bool = False) -> str:
    if always or any(c in cell for c in (separator, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_export(path: Path, records: Records, system: str, variant: Variant = CLEAN) -> Path:
    header, rows, _ = header_and_rows(records, system, variant)
    if variant.xlsx:
        return _write_xlsx(path.with_suffix(".xlsx"), header, rows, variant)
    newline = "\r\n" if variant.crlf else "\n"
    sep = variant.separator
    lines: list[str] = []
    if variant.title_rows:
        lines += [_quote("Informe de " + records.entity, sep), _quote("Generado el 07/12/2026 "
                                                                      "18:00", sep), ""]
    every = variant.quote_all
    lines.append(sep.join(_quote(h, sep, every) for h in header))
    for i, row in enumerate(rows):
        lines.append(sep.join(_quote(str(c), sep, every) for c in row))
        if variant.blank_lines and i % 2 == 0:
            lines.append("")
            lines.append(sep * (len(header) - 1))  # a blank row as a spreadsheet saves it
    if variant.total_row:
        lines.append(sep.join(["Total", *([""] * (len(header) - 1))]))
    text = newline.join(lines) + newline
    path = path.with_suffix(".csv")
    if variant.encoding == "bom+cp1252":  # a UTF-8 BOM before cp1252 bytes, as some tools write
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("cp1252"))
    else:
        path.write_bytes(text.encode(variant.encoding, errors="strict"))
    return path


def _write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
                variant: Variant) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    top = 1
    if variant.merged:
        sheet.cell(row=1, column=1, value="Informe del sistema")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        top = 3
    for j, name in enumerate(header, start=1):
        sheet.cell(row=top, column=j, value=name or None)
    for i, row in enumerate(rows, start=top + 1):
        for j, value in enumerate(row, start=1):
            sheet.cell(row=i, column=j, value=None if value == "" else value)
    if variant.merged and rows:
        _merge_runs(sheet, header, top, len(rows))
        # A person merged the last column's empty cells into one block, as dealers do for notes.
        last = len(header) + 1
        sheet.cell(row=top, column=last, value="Notas")
        sheet.merge_cells(start_row=top + 1, start_column=last, end_row=top + len(rows),
                          end_column=last)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _merge_runs(sheet: Any, header: Sequence[str], top: int, count: int) -> None:
    """Rows of one branch under one merged «Sede» cell, as a report lays them out."""
    if "Sede" not in header and "Bodega" not in header:
        return
    column = (header.index("Sede") if "Sede" in header else header.index("Bodega")) + 1
    first = top + 1
    for row in range(top + 2, top + count + 2):
        value = sheet.cell(row=row, column=column).value if row <= top + count else object()
        if value != sheet.cell(row=first, column=column).value:
            if row - first > 1 and sheet.cell(row=first, column=column).value is not None:
                for below in range(first + 1, row):
                    sheet.cell(row=below, column=column).value = None
                sheet.merge_cells(start_row=first, start_column=column, end_row=row - 1,
                                  end_column=column)
            first = row


# --- known records -------------------------------------------------------------------------


def person(i: int, doc: str, kind: str, phone: str, email: str | None, city: str) -> dict[str, Any]:
    if kind == "NIT":
        return {"doc_type": "NIT", "doc": doc, "dv": nit_check_digit(doc), "first": None,
                "last": None, "company": f"{LAST[i % len(LAST)]} Autos S.A.S.", "phone": phone,
                "email": email, "city": city}
    return {"doc_type": "CC", "doc": doc, "dv": None, "first": FIRST[i % len(FIRST)],
            "last": f"{LAST[i % len(LAST)]} {LAST[(i * 3 + 1) % len(LAST)]}", "company": None,
            "phone": phone, "email": email, "city": city}
