"""A big export read in batches, in little memory, with exactly the rules of a whole read.

``Sheet.from_file`` holds the whole file: its rows, then its columns, then the canonical frame.
A 1 GB customers export (10 M rows) does not fit that way. :class:`FileStream` reads the file
again and again instead, never holding more than one batch of rows:

1. **survey** (one pass): the header row among the first rows, the widest record, which
   unnamed columns hold anything, the trailing "Total" row, and per column what
   ``headers.resolve`` may look at — its first :data:`content.SAMPLE` distinct cells and the
   first cell that is not a year (for «Modelo»). From these the fields are resolved exactly
   as for the whole file, and the header findings are reported once.
2. **decide** (one pass, only when the kind has amounts or dates): the columns' number
   convention (es-CO or en-US, ambiguous, mixed) and date order (day first unless proven
   otherwise), from every cell as ``cells.number_column`` and ``cells.date_column`` decide
   them; only the voting texts of amount columns are kept.
3. **read**: batches of rows become :class:`Sheet` objects sharing those decisions, and each
   becomes a canonical frame through the same builders as a whole read
   (``connector.canonical_frame``): same records, same issues, same «línea N» ids.

Text is decoded by ``textstream`` (the same encodings, decided over the whole file, read a
megabyte at a time); workbooks by openpyxl in read-only mode, row by row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import app.connectors.files.cells as cells
import app.connectors.files.content as content
import app.connectors.files.textstream as textstream
from app.connectors.files.errors import FileFormatError
from app.connectors.files.headers import recognized, resolve
from app.connectors.files.sheet import (
    _HEADER_SEARCH_ROWS,
    _NAMED_KINDS,
    NO_ID_COLUMN,
    Report,
    Sheet,
    _is_total,
    line_id,
)
from app.connectors.files.table import (
    is_workbook,
    open_book,
    sheet_records,
    sniff_separator,
    text_records,
    worksheet,
)
from app.domain.i18n import tr_app

#: Rows per batch: a few tens of MB of Python objects.
BATCH_ROWS = 50_000
_YEAR = re.compile(r"^(19|20)\d{2}$")
#: Fields read as amounts (``number_column``) and as kilometres; dates end in these.
_AMOUNTS = ("amount", "price", "total")
_KILOMETRES = ("odometer_km",)
_DATE_ENDINGS = ("_on", "_at", "_date")


class _Column:
    """What the survey keeps of one column: enough for ``resolve`` to judge it as it would
    the whole column (``content.sample`` stops at SAMPLE distinct cells; «Modelo» asks
    whether every cell is a year)."""

    __slots__ = ("cells", "done", "filled", "not_year", "seen")

    def __init__(self) -> None:
        self.cells: list[Any] = []
        self.seen: set[str] = set()
        self.not_year: Any = None
        self.filled = False
        self.done = False

    def add(self, cell: Any) -> bool:
        """Take a cell in; True when the column has just seen all it needs to."""
        if cell is None or cell == "":
            return False
        self.filled = True
        if len(self.seen) < content.SAMPLE:
            text = content._text(cell)
            if text is not None and text not in self.seen:
                self.seen.add(text)
                self.cells.append(cell)
        if self.not_year is None and not _YEAR.match(str(cell).strip().removesuffix(".0")):
            self.not_year = cell
        self.done = len(self.seen) >= content.SAMPLE and self.not_year is not None
        return self.done

    def values(self) -> list[Any]:
        if self.not_year is None or any(c is self.not_year for c in self.cells):
            return self.cells
        return [*self.cells, self.not_year]


class FileStream:
    """One export file of ``kind`` read in batches of ``batch_rows`` rows."""

    def __init__(self, path: Path, kind: str, mapping: Mapping[str, Sequence[str]],
                 report: Report, sheet: str | None = None, batch_rows: int = BATCH_ROWS) -> None:
        self.path, self.kind, self.mapping = path, kind, mapping
        self._report, self.sheet, self.batch_rows = report, sheet, max(1, batch_rows)
        self.workbook = is_workbook(path, sheet)
        self.layout: dict[str, Any] = {"encoding": None, "separator": None, "sheet": None}
        self._plan: textstream.TextPlan | None = None
        if not self.workbook:
            self._plan = textstream.plan(path)
            self.layout["encoding"] = self._plan.encoding
            self.layout["separator"] = sniff_separator(textstream.head_text(path, self._plan))
        self._nuls: list[tuple[int, int]] = []
        self.template: Sheet | None = None
        self._keep: list[int] = []
        self._width = 0
        self._last_line: int | None = None  # the trailing "Total" row's line, when there is one
        self._header_row: list[Any] = []
        self._active: list[int] = []  # the columns the survey still looks at
        self._needed: set[int] = set()  # the columns deciding conventions reads
        self.rows = 0

    # --- records -----------------------------------------------------------------------------

    def records(self) -> Iterator[tuple[list[Any], int]]:
        """A fresh pass over the file's non-blank records and their lines."""
        if self._plan is None:
            with open_book(self.path) as book:
                ws = worksheet(self.path, book, self.sheet)
                self.layout["sheet"] = ws.title
                yield from sheet_records(ws, self.path.name)
            return
        separator = self.layout["separator"]
        yield from text_records(textstream.lines(self.path, self._plan), separator,
                                self.path.name, nuls=self._nuls, has_nul=self._plan.has_nul)

    # --- 1. survey ---------------------------------------------------------------------------

    def survey(self) -> Sheet:
        """The header row, the fields resolved, the header findings reported (once)."""
        top: list[tuple[list[Any], int]] = []
        columns: list[_Column] = []
        header: list[Any] | None = None
        header_line = 0
        previous: list[Any] | None = None
        last_line: int | None = None
        rows = 0
        for record, line in self.records():
            if header is None:
                top.append((record, line))
                if len(top) < _HEADER_SEARCH_ROWS:
                    continue
                header, header_line, pending = self._header(top)
            else:
                pending = [(record, line)]
            for row, at in pending:
                if previous is not None:
                    self._count(previous, columns)
                    rows += 1
                previous, last_line = row, at
        if header is None:
            if not top:
                raise FileFormatError(tr_app("app.connectors", "El archivo {name} está vacío.")
                                      .format(name=self.path.name))
            header, header_line, pending = self._header(top)
            for row, at in pending:
                if previous is not None:
                    self._count(previous, columns)
                    rows += 1
                previous, last_line = row, at
        if previous is not None:
            if _is_total(previous):
                self._last_line = last_line
            else:
                self._count(previous, columns)
                rows += 1
        self.rows = rows
        return self._template(header, header_line, columns)

    def _header(self, top: list[tuple[list[Any], int]]
                ) -> tuple[list[Any], int, list[tuple[list[Any], int]]]:
        scores = [recognized(self.kind, row, self.mapping) for row, _ in top]
        at = scores.index(max(scores))
        self.layout["header_line"] = top[at][1]
        return top[at][0], top[at][1], top[at + 1:]

    def _count(self, row: list[Any], columns: list[_Column]) -> None:
        if len(row) > self._width:
            self._width = len(row)
        while len(columns) < len(row):
            columns.append(_Column())
            self._active.append(len(columns) - 1)
        done = False
        for i in self._active:
            if i < len(row):
                done = columns[i].add(row[i]) or done
        if done:  # a column that has shown all resolve may look at is not looked at again
            self._active = [i for i in self._active if not columns[i].done]

    def _template(self, header: list[Any], header_line: int, columns: list[_Column]) -> Sheet:
        width = max(len(header), self._width)
        names = [cells.as_text(h) or "" for h in header] + [""] * (width - len(header))
        filled = [i < len(columns) and columns[i].filled for i in range(width)]
        self._keep = [i for i in range(width) if names[i] or filled[i]]
        headers = [names[i] or f"#{i + 1}" for i in self._keep]
        profiles = [columns[i].values() if i < len(columns) else [] for i in self._keep]
        sheet = Sheet.__new__(Sheet)
        sheet.name, sheet.kind, sheet._report = self.path.name, self.kind, self._report
        sheet.layout, sheet.header_line = dict(self.layout), header_line
        sheet.decided, sheet.notes = {}, True
        sheet.headers, sheet.columns = headers, [[] for _ in headers]
        sheet.size, sheet.lines, sheet.ids = 0, [], []
        sheet.resolution = resolve(self.kind, headers, self.mapping, lambda i: profiles[i])
        self._header_row = header
        sheet._refuse_if_incomplete()
        if self.kind in _NAMED_KINDS and not sheet.has("source_id"):
            self._report(None, None, NO_ID_COLUMN, self.path.name)
        sheet._report_headers()
        self.template = sheet
        return sheet

    # --- 2. decide ---------------------------------------------------------------------------

    def decide(self) -> None:
        """Each amount and date field's convention, over every cell of the file."""
        assert self.template is not None
        fields = self.template.resolution.fields
        amounts = [f for f in fields if f in _AMOUNTS or f in _KILOMETRES]
        dates = [f for f in fields if f.endswith(_DATE_ENDINGS)]
        if not amounts and not dates:
            return
        self._needed = {j for f in (*amounts, *dates) for j in fields[f]}
        votes: dict[str, dict[str, None]] = {f: {} for f in amounts}
        proofs = {f: [False, False] for f in dates}
        for batch in self._batches(decided=False):
            for f in amounts:
                raw = batch.raw(f)
                values = [cells.without_km(v) for v in raw] if f in _KILOMETRES else raw
                seen = votes[f]
                for value in values:
                    if isinstance(value, str) and value not in seen:
                        seen[value] = None
            for f in dates:
                proof = proofs[f]
                for value in dict.fromkeys(v for v in batch.raw(f) if isinstance(v, str)):
                    m = cells._NUMERIC.match(cells.fold(value))
                    if m:
                        proof[0] |= int(m[1]) > 12
                        proof[1] |= int(m[2]) > 12
        decided: dict[str, Any] = {f: cells.number_column(texts) for f, texts in votes.items()}
        decided.update({f: cells.DateColumn(day_first=p[0] or not p[1]) for f, p in proofs.items()})
        self.template.decided = decided

    # --- 3. read -----------------------------------------------------------------------------

    def sheets(self) -> Iterator[Sheet]:
        """Survey and decide, then the batches as sheets (their issues reported as read)."""
        if self.template is None:
            self.survey()
            self.decide()
        yield from self._batches(decided=True)

    def _batches(self, decided: bool) -> Iterator[Sheet]:
        template = self.template
        assert template is not None
        header_line = template.header_line or 0
        rows: list[list[Any]] = []
        lines: list[int] = []
        first = True
        self._nuls.clear()
        for record, line in self.records():
            if line <= header_line or line == self._last_line:
                continue
            rows.append(record)
            lines.append(line)
            if len(rows) >= self.batch_rows:
                yield self._batch(rows, lines, decided, first)
                rows, lines, first = [], [], False
        if rows or first or self._nuls:
            yield self._batch(rows, lines, decided, first)

    def _batch(self, rows: list[list[Any]], lines: list[int], decided: bool, first: bool) -> Sheet:
        template = self.template
        assert template is not None
        keep = self._keep
        sheet = Sheet.__new__(Sheet)
        sheet.name, sheet.kind = template.name, template.kind
        sheet._report = template._report if decided else _ignore
        sheet.layout, sheet.header_line = template.layout, template.header_line
        sheet.decided = template.decided
        sheet.notes = decided and first
        sheet.headers, sheet.resolution = template.headers, template.resolution
        if not decided:  # deciding reads a few fields: only their columns are cut
            sheet.columns = [[(r[i] if i < len(r) else "") for r in rows] if j in self._needed
                             else [] for j, i in enumerate(keep)]
        else:
            width = max(self._width, len(self._header_row))
            padded = (r if len(r) == width else [*r, *[""] * (width - len(r))] for r in rows)
            every = [list(c) for c in itertools.zip_longest(*padded, fillvalue="")] if rows else []
            sheet.columns = [every[i] for i in keep] if rows else [[] for _ in keep]
        sheet.size = len(rows)
        sheet.lines = list(lines)
        sheet.ids = [line_id(n) for n in lines]
        if decided:
            if self._plan is not None and self._plan.replaced:
                sheet._report_replacements()
            sheet._report_nuls(self._nuls, self._header_row, template.header_line or 0)
        self._nuls.clear()
        return sheet


def _ignore(*_args: Any) -> None:
    """Issues met while deciding conventions are reported by the reading pass, not twice."""


__all__ = ["BATCH_ROWS", "FileStream"]
