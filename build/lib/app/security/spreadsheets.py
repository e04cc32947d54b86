"""Every spreadsheet Cuadre writes, written so that opening it runs nothing and reads right.

- **No formula injection.** Text that a spreadsheet would run as a formula — starting with
  ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed (OWASP's list), or their
  full-width forms ``＝ ＋ － ＠``, which Excel also accepts — gets a leading apostrophe, so it
  is shown as the text it is (:func:`safe_text`; the audit trail's export, the insights
  workbook and the window's «Exportar a Excel…» all go through it). openpyxl would otherwise
  store a string starting with ``=`` as a formula.
- **Numbers stay numbers.** Decimal (money: shown with ``"$" #,##0``, which Excel groups per
  the user's locale), int and float are number cells, a negative amount included; dates and
  moments are date cells (a moment in Bogotá's time: Excel has no time zones). Text that only
  looks like a number (``"-5"``, a document ``"0012"``) stays text.
- **Ready to read.** A title row, the filters the view had as lines ``Filtros: …``, then the
  header (bold, frozen) with an auto-filter over the rows, and columns wide enough for what
  the first rows hold.
- **Whole or nothing.** Written to a temporary file beside the target, then renamed
  (:func:`app.paths.atomic_write`).

Workbooks are written in openpyxl's write-only mode, so a 100.000-row view does not hold a
cell object per value in memory. It sits low (beside the secrets) because the audit export,
below the reports, needs the same escaping.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.values import in_bogota
from app.paths import atomic_write

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: Number formats (Excel codes; Excel shows separators per the user's locale).
MONEY_FORMAT = '"$" #,##0'
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # what XLSX cannot hold
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 500  # rows read to size the columns
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def safe_text(text: str) -> str:
    """Text a spreadsheet will show, never evaluate: a leading apostrophe when it starts as a
    formula would."""
    return "'" + text if text.startswith(_DANGEROUS) else text


def xlsx_text(text: str) -> str:
    """:func:`safe_text`, with the control characters XLSX cannot hold replaced by U+FFFD
    (openpyxl refuses to write them)."""
    return _ILLEGAL.sub("\ufffd", safe_text(text))


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a workbook: a titled table. ``filters`` are written above it as
    «Filtros: …» lines, ``notes`` as plain lines after them; ``formats`` overrides the number
    format of a column, by header (``{"Conversión": PERCENT_FORMAT}``)."""

    name: str
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    filters: Sequence[str] = ()
    formats: Mapping[str, str] = field(default_factory=dict)
    notes: Sequence[str] = ()


def write_table(path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                *, filters: Sequence[str] = (), sheet: str = "Datos",
                formats: Mapping[str, str] | None = None) -> int:
    """Write one table as a one-sheet workbook; returns the number of rows written."""
    (count,) = write_workbook(path, [Sheet(sheet, title, headers, rows, filters,
                                           dict(formats or {}))])
    return count


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> tuple[int, ...]:
    """Write several tables, one per sheet, in order; returns the rows written per sheet."""
    from openpyxl import Workbook

    counts: list[int] = []

    def write(tmp: Path) -> None:
        counts.clear()
        book = Workbook(write_only=True)
        used: set[str] = set()
        for sheet in sheets:
            counts.append(_write_sheet(book.create_sheet(_sheet_name(sheet.name, used)), sheet))
        book.save(tmp)

    atomic_write(Path(path), write)
    return tuple(counts)


def _write_sheet(ws: WriteOnlyWorksheet, sheet: Sheet) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers = [str(h) for h in sheet.headers]
    width = max(len(headers), 1)
    rows = iter(sheet.rows)
    sample = list(itertools.islice(rows, _WIDTH_SAMPLE))
    for index, size in enumerate(_widths(headers, sample), start=1):
        ws.column_dimensions[get_column_letter(index)].width = size

    lines = [f"Filtros: {text}" for text in sheet.filters] + [str(n) for n in sheet.notes]
    header_row = len(lines) + 3  # the title, the filter and note lines, a blank row
    ws.freeze_panes = f"A{header_row + 1}"  # before the first row: write-only mode
    title = WriteOnlyCell(ws, value=xlsx_text(sheet.title))
    title.font = Font(bold=True, size=13)
    ws.append([title])
    for text in lines:
        line = WriteOnlyCell(ws, value=xlsx_text(text))
        line.font = Font(italic=True, color="4A5563")
        ws.append([line])
    ws.append([])
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F5FA8")
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=xlsx_text(text))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        head.append(cell)
    ws.append(head)

    formats = [sheet.formats.get(h) for h in headers]
    count = 0
    for values in itertools.chain(sample, rows):
        ws.append([_cell(ws, value, formats[i] if i < len(formats) else None)
                   for i, value in enumerate(values)])
        count += 1
    last = get_column_letter(width)
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    return count


def _cell(ws: WriteOnlyWorksheet, value: Any, number_format: str | None) -> Any:
    """A typed cell: numbers and dates as such (with their format), text made safe."""
    from openpyxl.cell import WriteOnlyCell

    value, default = _typed(value)
    if value is None or isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=value)
    chosen = number_format or default
    if chosen:
        cell.number_format = chosen
    return cell


def _typed(value: Any) -> tuple[Any, str | None]:
    """(what to store, its default number format)."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return "Sí" if value else "No", None
    if isinstance(value, Decimal):
        return (value, MONEY_FORMAT) if value.is_finite() else (None, None)
    if isinstance(value, int) or _is_numpy_integer(value):
        return int(value), None
    if isinstance(value, float) or _is_numpy_float(value):
        number = float(value)
        return (number, None) if math.isfinite(number) else (None, None)
    if isinstance(value, datetime):
        if _missing(value):
            return None, None
        when = in_bogota(value) if value.tzinfo is not None else value
        return when.replace(tzinfo=None), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if _missing(value):
        return None, None
    return xlsx_text(value if isinstance(value, str) else str(value)), None


def _is_numpy_integer(value: Any) -> bool:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind in ("i", "u") and not hasattr(value, "__len__")


def _is_numpy_float(value: Any) -> bool:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind == "f" and not hasattr(value, "__len__")


def _missing(value: Any) -> bool:
    """pandas' NaT and NA: not equal to themselves, or refusing to compare."""
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def _widths(headers: Sequence[str], sample: Sequence[Sequence[Any]]) -> Iterator[float]:
    for index, header in enumerate(headers):
        longest = max((len(line) for line in header.splitlines()), default=0)
        for row in sample:
            if index < len(row) and row[index] is not None:
                longest = max(longest, _shown_length(row[index]))
        yield float(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))


def _shown_length(value: Any) -> int:
    if isinstance(value, Decimal) and value.is_finite():
        return len(f"{int(value):,}") + 3  # "$ " and the separators
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


def _sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts (≤ 31 characters, none of ``[]:*?/\\``), unique in the book."""
    base = _BAD_SHEET_CHARACTERS.sub(" ", name).strip().strip("'")[:31] or "Hoja"
    chosen, n = base, 2
    while chosen.lower() in used:
        suffix = f" ({n})"
        chosen, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(chosen.lower())
    return chosen
