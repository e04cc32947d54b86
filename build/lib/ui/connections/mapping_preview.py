"""The first rows of an export file and the columns Cuadre recognizes in it (no Qt here).

The column-mapping dialog shows what the file connector would see: the header row it would
pick (the one among the first rows that looks most like headers), the synonyms it would apply
(``app.connectors.files.headers.resolve``) and the mapping saved in the profile on top. Only the
beginning of the file is read — a one-million-row export previews as fast as a small one — and
the read runs on the dialog's worker thread.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.connectors.base import SourceError
from app.connectors.files.cells import as_text
from app.connectors.files.errors import FileFormatError, MappingError
from app.connectors.files.headers import REQUIRED, columns_of, header_key, recognized, resolve
from app.connectors.files.table import EXCEL_SUFFIXES, decode, read_table, sniff_separator, text_rows
from app.progress import Progress, Task
from ui.common import formatting as fmt

PREVIEW_ROWS = 20
#: The header row is searched among this many first rows (as the connector does).
HEADER_SEARCH_ROWS = 20
#: Text files larger than this are previewed from their first bytes only.
PREFIX_BYTES = 1 << 20
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class FilePreview:
    """What the dialog shows: headers, the first data rows and the columns per field."""

    name: str
    entity: str
    headers: list[str]
    rows: list[list[str]]
    header_line: int
    #: field → the headers that feed it now (saved mapping first, then synonyms)
    selection: dict[str, list[str]] = field(default_factory=dict)
    #: headers the saved mapping asks for that this file does not have
    stale: list[str] = field(default_factory=list)
    fields: tuple[str, ...] = ()
    required: tuple[tuple[str, ...], ...] = ()
    truncated: bool = False


def preview_task(path: Path, entity: str, mapping: Mapping[str, Any] | None = None,
                 sheet: str | None = None) -> Task[FilePreview | str]:
    """Read the beginning of ``path`` and work out its columns (a task for the worker); a
    file that cannot be read gives the reader's Spanish sentence instead."""
    yield Progress("mapping_preview", 0, 1)
    try:
        preview = preview_file(path, entity, mapping, sheet)
    except SourceError as exc:
        return str(exc)
    yield Progress("mapping_preview", 1, 1)
    return preview


def preview_file(path: Path, entity: str, mapping: Mapping[str, Any] | None = None,
                 sheet: str | None = None) -> FilePreview:
    """Raises ``FileFormatError`` (a Spanish sentence) when the file cannot be read."""
    wanted = HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1
    rows, lines, truncated = _first_rows(path, sheet, wanted)
    if not rows:
        raise FileFormatError(fmt.tr("El archivo {name} está vacío.").format(name=path.name))
    saved = _normalized(mapping or {})
    top = rows[:HEADER_SEARCH_ROWS]
    scores = [recognized(entity, row, saved) for row in top]
    at = scores.index(max(scores))
    data = rows[at + 1:at + 1 + PREVIEW_ROWS]
    width = max(len(rows[at]), *(len(r) for r in data)) if data else len(rows[at])
    raw_headers = [as_text(h) or "" for h in rows[at]] + [""] * (width - len(rows[at]))
    cells = [[as_text(c) or "" for c in r] + [""] * (width - len(r)) for r in data]
    keep = [i for i, h in enumerate(raw_headers) if h or any(r[i] for r in cells)]
    headers = [raw_headers[i] or f"#{i + 1}" for i in keep]
    table = [[r[i] for i in keep] for r in cells]
    columns = [[r[j] for r in table] for j in range(len(headers))]

    keys = {header_key(h) for h in headers}
    usable: dict[str, list[str]] = {}
    stale: list[str] = []
    for name, wanted_headers in saved.items():
        if name not in columns_of(entity):
            continue
        present = [h for h in wanted_headers if header_key(h) in keys]
        stale.extend(h for h in wanted_headers if header_key(h) not in keys)
        if present and len(present) == len(wanted_headers):
            usable[name] = present
    try:
        resolution = resolve(entity, headers, usable, lambda i: columns[i])
    except MappingError:  # one header asked for by two fields: start from the synonyms
        stale.extend(h for hs in usable.values() for h in hs)
        resolution = resolve(entity, headers, {}, lambda i: columns[i])
    selection = {name: [headers[i] for i in indices]
                 for name, indices in resolution.fields.items() if indices}
    return FilePreview(path.name, entity, headers, table, lines[at], selection, stale,
                       columns_of(entity), REQUIRED[entity], truncated)


def _normalized(mapping: Mapping[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, headers in mapping.items():
        listed = [headers] if isinstance(headers, str) else list(headers or [])
        cleaned = [h.strip() for h in listed if isinstance(h, str) and h.strip()]
        if cleaned:
            out[str(name)] = cleaned
    return out


def chosen_mapping(selection: Mapping[str, Sequence[str]]) -> dict[str, str | list[str]]:
    """``{field: header}`` (a list when several columns make up one field, e.g. two names)."""
    return {name: (list(headers) if len(headers) > 1 else headers[0])
            for name, headers in selection.items() if headers}


def missing_required(entity: str, selection: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """The required groups (one field of each is needed) that have no column."""
    return [group for group in REQUIRED[entity]
            if not any(selection.get(name) for name in group)]


# --- reading only the beginning -----------------------------------------------------------------


def _first_rows(path: Path, sheet: str | None, wanted: int) -> tuple[list[list[Any]], list[int], bool]:
    if not path.is_file():
        raise FileFormatError(fmt.tr("No se encuentra el archivo {name}.").format(name=path.name))
    with path.open("rb") as stream:
        head = stream.read(PREFIX_BYTES + 1)
    workbook = path.suffix.lower() in EXCEL_SUFFIXES or zipfile.is_zipfile(path)
    if workbook:
        return _first_sheet_rows(path, sheet, wanted)
    if head.startswith(_OLE) or len(head) <= PREFIX_BYTES:
        table = read_table(path, sheet)  # small, or refused with the connector's own message
        return table.rows[:wanted], table.lines[:wanted], len(table.rows) > wanted
    if sheet is not None:
        raise FileFormatError(fmt.tr("{name} es un archivo de texto: no tiene hojas.").format(
            name=path.name))
    # Only whole lines are shown: cut after decoding, so a character the read cut in two (two
    # bytes of UTF-16, four of UTF-32, several of UTF-8) leaves with its half line.
    text, _encoding, _replaced = decode(head)
    if (cut := text.rfind("\n")) >= 0:
        text = text[:cut + 1]
    rows, lines = text_rows(text, sniff_separator(text), path.name, limit=wanted)
    return rows, lines, True


def _first_sheet_rows(path: Path, sheet: str | None, wanted: int
                      ) -> tuple[list[list[Any]], list[int], bool]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with path.open("rb") as stream:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # styles or validations openpyxl skips
                book = load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise FileFormatError(fmt.tr("{name} no es un libro de Excel (.xlsx) válido.").format(
                name=path.name)) from exc
        try:
            if sheet is None:
                ws = book.worksheets[0]
            elif sheet in book.sheetnames:
                ws = book[sheet]
            else:
                raise FileFormatError(fmt.tr("{name} no tiene la hoja «{sheet}». Hojas: {sheets}.")
                                      .format(name=path.name, sheet=sheet,
                                              sheets=", ".join(book.sheetnames)))
            rows: list[list[Any]] = []
            lines: list[int] = []
            more = False
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                cells = list(values)
                if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
                    if len(rows) >= wanted:
                        more = True
                        break
                    rows.append(cells)
                    lines.append(number)
            return rows, lines, more
        finally:
            book.close()
