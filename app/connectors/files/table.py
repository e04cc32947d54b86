"""Reading an export file into a plain table: header candidates, rows of cells, line numbers.

Text is decoded as UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM (Excel's "Texto
Unicode"), UTF-16 or UTF-32 *without* one (told by where the NUL bytes of ASCII text fall:
every second byte, or three of every four) or, when UTF-8 fails, cp1252 (what Excel in es-CO
saves); undecodable bytes become U+FFFD and are reported by the connector, never a crash. Text
whose NUL bytes follow no such pattern is not decoded into garbage: a few stray NULs are
removed from the cells they sat in (and listed, line and column), a file full of them is
refused. What a file holds decides how it is read, not
its name: a workbook saved as ".csv" reads as a workbook, tab-separated text named ".xls" as
text, and only the old binary .xls is refused. The separator (``,`` ``;`` tab ``|``) is the one
that appears most consistently outside quotes in the first records (``csv.Sniffer`` guesses
wrong on Spanish text full of commas).
XLSX is read with openpyxl, read-only, values only: text cells stay text, numbers and dates
stay native (``int``, ``float``, ``datetime``) so the connector can read them without guessing.
Fully blank rows are dropped here; choosing the header row is the connector's job.

A hostile file is refused within seconds with one Spanish sentence (:class:`FileFormatError`),
never read for minutes: a record of more than :data:`MAX_COLUMNS` cells (16,384, Excel's
limit) or a cell of more than :data:`MAX_CELL_CHARS` characters (32,767, the most an Excel
cell holds — in a CSV it is nearly always a quote left open, which swallows the lines after it).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.connectors.files.errors import FileFormatError
from app.domain.i18n import tr_app

#: The most columns a record may have: Excel's own limit (column XFD).
MAX_COLUMNS = 16_384
#: The most characters a cell may hold: Excel's own limit for one cell.
MAX_CELL_CHARS = 32_767
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
    #: (line, column index) of each cell NUL bytes were removed from.
    nuls: list[tuple[int, int]] = field(default_factory=list)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The file's non-blank rows; raises :class:`FileFormatError` for what cannot be a table."""
    if is_workbook(path, sheet):
        return _read_xlsx(path, sheet)
    # Anything else is text, whatever its name: some systems write tab-separated ".xls".
    return _read_text(path)


def is_workbook(path: Path, sheet: str | None) -> bool:
    """Whether the file is read as a workbook (True) or as text (False), by what it holds;
    raises :class:`FileFormatError` for a missing file, an old .xls, a sheet asked of text."""
    if not path.is_file():
        raise FileFormatError(tr_app("app.connectors", "No se encuentra el archivo {name}.").format(
                                  name=path.name))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return True
    with path.open("rb") as stream:
        signature = stream.read(len(_OLE))
    if signature == _OLE:
        raise FileFormatError(
            tr_app("app.connectors", "{name} es un libro de Excel antiguo (.xls): guárdelo como .xlsx o "
                                     "CSV.").format(name=path.name)
        )
    if zipfile.is_zipfile(path):  # an .xlsx renamed, or saved without its extension
        return True
    if sheet is not None:
        raise FileFormatError(tr_app("app.connectors", "{name} es un archivo de texto: no tiene "
                                                       "hojas.").format(
                                  name=path.name))
    return False


# --- text ------------------------------------------------------------------------------------


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
              (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
#: Bytes looked at to tell UTF-16/32 without a BOM, or a file that is not text at all.
_PATTERN_SAMPLE = 65_536
#: Above this share of NUL bytes, with no UTF-16/32 pattern, a file is not text.
_NUL_SHARE_REFUSED = 0.25


def decode(data: bytes, name: str | None = None) -> tuple[str, str, bool]:
    """(text, encoding, replaced): UTF-16/32 with or without BOM, UTF-8 with/without BOM, else
    cp1252. Raises :class:`FileFormatError` only for bytes that are no text in any of them
    (full of NULs in no UTF-16/32 pattern: a binary file), rather than decode garbage.

    A UTF-8 file with a few lines pasted from a cp1252 one reads line by line: each line in
    the encoding it decodes in, U+FFFD (``replaced``) only for bytes valid in neither. Stray
    NUL bytes stay in the text for :func:`text_rows` to remove and list.
    """
    for bom, codec in _WIDE_BOMS:  # UTF-32's BOM begins like UTF-16's: it is tried first
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return text, codec, "\ufffd" in text
    wide = wide_encoding(data)
    if wide is not None:
        text = data.decode(wide, errors="replace")
        return text, wide, "\ufffd" in text
    refuse_binary(data[:_PATTERN_SAMPLE], name)
    return _narrow(data)


def refuse_binary(sample: bytes, name: str | None) -> None:
    """Refuses bytes full of NULs in no UTF-16/32 pattern: a binary file, not text."""
    if sample and sample.count(0) / len(sample) > _NUL_SHARE_REFUSED:
        raise FileFormatError(
            tr_app("app.connectors", "{name} no parece un archivo de texto: está lleno de "
                                     "bytes nulos que no siguen el patrón de UTF-16 ni de UTF-32; "
                                     "guárdelo como CSV (UTF-8) o como libro de Excel (.xlsx).").format(
                name=name or tr_app("app.connectors", "El archivo"))
        )


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the NUL bytes of ASCII text fall: the
    high byte of every character (every second byte, little- or big-endian) or the three high
    bytes of every four. None for text in a one-byte encoding or UTF-8."""
    sample = data[:_PATTERN_SAMPLE]
    n = len(sample) - len(sample) % 4
    if n < 4:
        return None
    quarter = n // 4
    z = [sample[k:n:4].count(0) / quarter for k in range(4)]
    if z[1] >= 0.9 and z[2] >= 0.9 and z[3] >= 0.9 and z[0] <= 0.05:
        return "utf-32-le"
    if z[0] >= 0.9 and z[1] >= 0.9 and z[2] >= 0.9 and z[3] <= 0.05:
        return "utf-32-be"
    odd, even = (z[1] + z[3]) / 2, (z[0] + z[2]) / 2
    if odd >= 0.5 and even <= 0.05:
        return "utf-16-le"
    if even >= 0.5 and odd <= 0.05:
        return "utf-16-be"
    return None


def _narrow(data: bytes) -> tuple[str, str, bool]:
    """UTF-8 (with or without BOM), line by line when damaged, else cp1252."""
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
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore"))  # at C speed
    good = beyond_ascii - damaged
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
    text, encoding, replaced = decode(path.read_bytes(), path.name)
    separator = sniff_separator(text)
    nuls: list[tuple[int, int]] = []
    plain = plain_rows(text, separator, path.name)
    rows, lines = plain if plain is not None else text_rows(text, separator, path.name, nuls=nuls)
    return Table(rows, lines, encoding=encoding, separator=separator, replaced=replaced,
                 nuls=nuls)


def text_rows(text: str, separator: str, name: str, limit: int | None = None, *,
              nuls: list[tuple[int, int]] | None = None) -> tuple[list[list[Any]], list[int]]:
    """The non-blank records of CSV text and the line each starts on (at most ``limit``).

    NUL bytes are removed from the cells they sat in; ``nuls`` (when given) receives the
    (line, column index) of each. A record wider than :data:`MAX_COLUMNS` or a cell longer
    than :data:`MAX_CELL_CHARS` is refused (:class:`FileFormatError`) as soon as it is read.
    """
    rows: list[list[Any]] = []
    lines: list[int] = []
    records = text_records(io.StringIO(text, newline=""), separator, name, nuls=nuls,
                           has_nul="\x00" in text)
    for record, start in records:
        rows.append(record)
        lines.append(start)
        if limit is not None and len(rows) >= limit:
            break
    return rows, lines


_LINE_END = re.compile(r"\r\n|\r|\n")


def plain_rows(text: str, separator: str, name: str) -> tuple[list[list[Any]], list[int]] | None:
    """:func:`text_rows` at C speed for text with no quote and no NUL byte, where every line
    is one record and every separator splits a cell (what the csv module reads from such
    text); None for any other text. Same rows, same lines, same refusals."""
    if '"' in text or "\x00" in text:
        return None
    rows: list[list[Any]] = []
    lines: list[int] = []
    # A shorter line can hold neither a cell over MAX_CELL_CHARS nor over MAX_COLUMNS cells.
    shortest = min(MAX_CELL_CHARS, MAX_COLUMNS)
    for number, line in enumerate(_LINE_END.split(text), start=1):
        record = line.split(separator)
        if len(line) >= shortest:
            _check_size(len(record), max(map(len, record)), name, number)
        if line.replace(separator, "").strip():
            rows.append(record)
            lines.append(number)
    return rows, lines


def text_records(lines: Iterable[str], separator: str, name: str, *,
                 nuls: list[tuple[int, int]] | None = None, has_nul: bool = True
                 ) -> Iterator[tuple[list[Any], int]]:
    """The non-blank records of CSV text given line by line (as ``io.StringIO(text,
    newline="")`` splits it) and the line each starts on: :func:`text_rows`, streamed."""
    reader = csv.reader(lines, delimiter=separator, quotechar='"',
                        doublequote=True, skipinitialspace=False, strict=False)
    line = 0
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            _check_size(len(record), max(map(len, record), default=0), name, start)
            if has_nul:
                _remove_nuls(record, start, nuls)
            if any(cell.strip() for cell in record):
                yield record, start
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own cell limit
            raise _too_long(name, line + 1) from None
        raise FileFormatError(
            tr_app("app.connectors", "{name} no se puede leer como CSV cerca de la línea {line}.").format(
                name=name, line=line + 1)
        ) from exc


def _check_size(width: int, longest: int, name: str, line: int) -> None:
    """Refuses a record wider than Excel's sheets or a cell longer than Excel's cells."""
    if width > MAX_COLUMNS:
        raise FileFormatError(
            tr_app("app.connectors", "{name} tiene {thousands} columnas en la línea {line}, y Cuadre lee "
                                     "hasta {thousands2} (el máximo de Excel): no parece una exportación "
                                     "de datos.").format(
                name=name, thousands=_thousands(width), line=line, thousands2=_thousands(MAX_COLUMNS))
        )
    if longest > MAX_CELL_CHARS:
        raise _too_long(name, line)


def _too_long(name: str, line: int) -> FileFormatError:
    return FileFormatError(
        tr_app("app.connectors", "{name} tiene en la línea {line} un valor de más de {thousands} "
                                 "caracteres (el máximo de una celda de Excel); suele ser una comilla "
                                 "que se abrió y no se cerró: revise esa línea.").format(
            name=name, line=line, thousands=_thousands(MAX_CELL_CHARS))
    )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _remove_nuls(record: list[str], line: int, nuls: list[tuple[int, int]] | None) -> None:
    for column, cell in enumerate(record):
        if "\x00" in cell:
            record[column] = cell.replace("\x00", "")
            if nuls is not None:
                nuls.append((line, column))


# --- xlsx ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    with open_book(path) as book:
        return _sheet_rows(path, book, sheet)


@contextmanager
def open_book(path: Path) -> Iterator[Any]:
    """The workbook, read-only and values only, closed afterwards."""
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
            raise FileFormatError(tr_app("app.connectors", "{name} no es un libro de Excel (.xlsx) "
                                                           "válido.").format(name=path.name)) from exc
        try:
            yield book
        finally:
            book.close()


def _sheet_rows(path: Path, book: Any, sheet: str | None) -> Table:
    ws = worksheet(path, book, sheet)
    rows: list[list[Any]] = []
    lines: list[int] = []
    for cells, number in sheet_records(ws, path.name):
        rows.append(cells)
        lines.append(number)
    return Table(rows, lines, sheet=ws.title)


def worksheet(path: Path, book: Any, sheet: str | None) -> Any:
    """The sheet asked for (the first when none is), or a Spanish refusal naming the others."""
    names = book.sheetnames
    if sheet is None:
        return book.worksheets[0]
    if sheet in names:
        return book[sheet]
    raise FileFormatError(tr_app("app.connectors", "{name} no tiene la hoja «{sheet}». Hojas: "
                                                   "{join}.").format(
                              name=path.name, sheet=sheet, join=', '.join(names)))


def sheet_records(ws: Any, name: str) -> Iterator[tuple[list[Any], int]]:
    """A worksheet's non-blank rows and their numbers, read as they stream from the file.

    A cell merged down a column (a «Sede» typed once beside the rows it covers, as reports
    are laid out) holds its value on every row it covers: the file keeps it on the first only.
    """
    merged = _vertical_merges(ws)
    tops: dict[int, Any] = {}
    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if merged:
            _fill_merged(cells, number, merged, tops)
        longest = max((len(c) for c in cells if isinstance(c, str)), default=0)
        _check_size(len(cells), longest, name, number)
        if any(c is not None and c != "" for c in cells):
            yield cells, number


def _cell(value: Any) -> Any:
    """A worksheet value as the connector reads it: text stays text, a whole float is an int."""
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
_CHUNK = 1 << 20


def _vertical_merges(ws: Any) -> dict[int, list[tuple[int, int]]]:
    """The sheet's merged ranges that span rows in one column: column index (from 0) → [(first
    row, last row)]. Read-only sheets do not parse them, so the sheet's XML is scanned for its
    ``<mergeCell ref="B2:B9"/>`` elements (decompressed a megabyte at a time, never parsed)."""
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    member = getattr(ws, "_worksheet_path", None)
    if archive is None or member is None:
        return {}
    from openpyxl.utils.cell import column_index_from_string

    found: dict[int, list[tuple[int, int]]] = {}
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                text = tail + chunk
                for m in _MERGE.finditer(text):
                    first, last = m[1].decode(), m[3].decode()
                    if first == last and int(m[4]) > int(m[2]):
                        column = column_index_from_string(first) - 1
                        found.setdefault(column, []).append((int(m[2]), int(m[4])))
                tail = text[-200:]  # an element cut between two chunks (one met twice is kept once)
    except (KeyError, OSError, zipfile.BadZipFile, ValueError):
        return {}
    return {c: sorted(set(spans)) for c, spans in found.items()}


def _fill_merged(cells: list[Any], number: int, merged: dict[int, list[tuple[int, int]]],
                 tops: dict[int, Any]) -> None:
    """Give row ``number``'s cells covered by a vertical merge the merge's first cell's value
    (``tops`` keeps it per column, from the row that starts the merge)."""
    for column, spans in merged.items():
        for first, last in spans:
            if first == number and column < len(cells):
                tops[column] = cells[column]
            elif first < number <= last:
                if column >= len(cells):
                    cells.extend([None] * (column + 1 - len(cells)))
                if cells[column] is None or cells[column] == "":
                    cells[column] = tops.get(column)
