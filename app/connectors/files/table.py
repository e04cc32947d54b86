"""Reading an export file into a plain table: header candidates, rows of cells, line numbers.

Text is decoded as UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Texto Unicode")
or, when UTF-8 fails, cp1252 (what Excel in es-CO saves); undecodable bytes become U+FFFD and
are reported by the connector, never a crash. What a file holds decides how it is read, not
its name: a workbook saved as ".csv" reads as a workbook, tab-separated text named ".xls" as
text, and only the old binary .xls is refused. The separator (``,`` ``;`` tab ``|``) is the one
that appears most consistently outside quotes in the first records (``csv.Sniffer`` guesses
wrong on Spanish text full of commas).
XLSX is read with openpyxl, read-only, values only: text cells stay text, numbers and dates
stay native (``int``, ``float``, ``datetime``) so the connector can read them without guessing.
Fully blank rows are dropped here; choosing the header row is the connector's job.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.connectors.files.errors import FileFormatError

SEPARATORS = (";", "\t", "|", ",")  # order breaks ties: ';' is Excel es-CO's own
_SAMPLE_CHARS = 65_536
_SAMPLE_RECORDS = 30
_BOM = b"\xef\xbb\xbf"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(slots=True)
class Table:
    """Non-blank rows of a file, each with the 1-based line (CSV) or row (XLSX) it starts on."""

    rows: list[list[Any]]
    lines: list[int]
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    #: Bytes that were not valid in the chosen encoding were replaced by U+FFFD.
    replaced: bool = False


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The file's non-blank rows; raises :class:`FileFormatError` for what cannot be a table."""
    if not path.is_file():
        raise FileFormatError(f"No se encuentra el archivo {path.name}.")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path, sheet)
    with path.open("rb") as stream:
        signature = stream.read(len(_OLE))
    if signature == _OLE:
        raise FileFormatError(
            f"{path.name} es un libro de Excel antiguo (.xls): guárdelo como .xlsx o CSV."
        )
    if zipfile.is_zipfile(path):  # an .xlsx renamed, or saved without its extension
        return _read_xlsx(path, sheet)
    # Anything else is text, whatever its name: some systems write tab-separated ".xls".
    if sheet is not None:
        raise FileFormatError(f"{path.name} es un archivo de texto: no tiene hojas.")
    return _read_text(path)


# --- text ------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, replaced): UTF-16 with BOM, UTF-8 with/without BOM, else cp1252;
    never raises.

    A UTF-8 file with a few lines pasted from a cp1252 one reads line by line: each line in
    the encoding it decodes in, U+FFFD (``replaced``) only for bytes valid in neither.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Texto Unicode": UTF-16, tabs
        text = data.decode("utf-16", errors="replace")
        return text, "utf-16", "\ufffd" in text
    if data.startswith(_BOM):
        data, encoding = data[len(_BOM):], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return data.decode("utf-8"), encoding, False
    except UnicodeDecodeError:
        pass
    if encoding == "utf-8-sig" or _mostly_utf8(data):
        lines, replaced = [], False
        for raw in data.split(b"\n"):
            try:
                lines.append(raw.decode("utf-8"))
                continue
            except UnicodeDecodeError:
                pass
            if _mostly_utf8(raw):
                lines.append(raw.decode("utf-8", errors="replace"))
                replaced = True
            else:
                line, bad = _cp1252(raw)
                lines.append(line)
                replaced |= bad
        return "\n".join(lines), encoding, replaced
    text, replaced = _cp1252(data)
    return text, "cp1252", replaced


def _mostly_utf8(data: bytes) -> bool:
    """Accented cp1252 text almost never forms valid UTF-8 sequences: when at least as many
    characters decode as UTF-8 as fail to, the bytes are UTF-8 with some damage."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - damaged
    return good > 0 and good >= damaged


def _cp1252(data: bytes) -> tuple[str, bool]:
    try:
        return data.decode("cp1252"), False
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character
        return data.decode("cp1252", errors="replace"), True


def sniff_separator(text: str) -> str:
    """The separator that splits the first records most consistently (outside quotes)."""
    counts: list[Counter[str]] = []
    current: Counter[str] = Counter()
    in_quotes = False
    prev = ""
    for ch in text[:_SAMPLE_CHARS]:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes:
            if ch in "\r\n":
                if not (ch == "\n" and prev == "\r"):
                    counts.append(current)
                    current = Counter()
                    if len(counts) >= _SAMPLE_RECORDS:
                        break
            elif ch in SEPARATORS:
                current[ch] += 1
        prev = ch
    else:
        counts.append(current)
    best, best_score = ",", (0, 0)
    for sep in SEPARATORS:
        per_line = [c[sep] for c in counts if c[sep]]
        if not per_line:
            continue
        mode, lines = Counter(per_line).most_common(1)[0]
        score = (lines, mode)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_text(path: Path) -> Table:
    text, encoding, replaced = decode(path.read_bytes())
    separator = sniff_separator(text)
    rows, lines = text_rows(text, separator, path.name)
    return Table(rows, lines, encoding=encoding, separator=separator, replaced=replaced)


def text_rows(text: str, separator: str, name: str, limit: int | None = None
              ) -> tuple[list[list[Any]], list[int]]:
    """The non-blank records of CSV text and the line each starts on (at most ``limit``)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"',
                        doublequote=True, skipinitialspace=False, strict=False)
    rows: list[list[Any]] = []
    lines: list[int] = []
    line = 0
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            if any(cell.strip() for cell in record):
                rows.append(record)
                lines.append(start)
                if limit is not None and len(rows) >= limit:
                    break
    except csv.Error as exc:  # a NUL byte, or a field beyond the csv module's size limit
        raise FileFormatError(
            f"{name} no se puede leer como CSV cerca de la línea {line + 1}: {exc}."
        ) from exc
    return rows, lines


# --- xlsx ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # import cost only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    # Opened as a stream so a workbook saved under another extension still reads; a
    # read-only workbook reads lazily, so the stream stays open until it is closed.
    with path.open("rb") as stream:
        try:
            with warnings.catch_warnings():
                # A user's workbook may lack a default style or carry data validation openpyxl
                # does not support: harmless for reading values, and not the user's problem.
                warnings.simplefilter("ignore")
                book = load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise FileFormatError(f"{path.name} no es un libro de Excel (.xlsx) válido.") from exc
        try:
            return _sheet_rows(path, book, sheet)
        finally:
            book.close()


def _sheet_rows(path: Path, book: Any, sheet: str | None) -> Table:
    names = book.sheetnames
    if sheet is None:
        ws = book.worksheets[0]
    elif sheet in names:
        ws = book[sheet]
    else:
        raise FileFormatError(f"{path.name} no tiene la hoja «{sheet}». Hojas: {', '.join(names)}.")
    rows: list[list[Any]] = []
    lines: list[int] = []
    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if any(c is not None and c != "" for c in cells):
            rows.append(cells)
            lines.append(number)
    return Table(rows, lines, sheet=ws.title)


def _cell(value: Any) -> Any:
    """A worksheet value as the connector reads it: text stays text, a whole float is an int."""
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
