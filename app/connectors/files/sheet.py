"""One export file as columns the connector can read: header row found, fields assigned.

Between the raw table (``table.py``) and the canonical frame (``connector.py``): picks the header
row (the one among the first rows that looks most like headers, so a title above the table
does no harm), drops the empty columns a trailing ``;`` leaves and a trailing row marked
"Total", reports unmapped and ambiguous headers, undecodable bytes and removed NUL bytes, and
refuses a file that lacks a required column. :meth:`Sheet.apply` reads a field's cells through
a parser, once per distinct value, reporting each unreadable cell and keeping its row.

A file's rows are named by the line a person sees in it, header counted, as a spreadsheet or a
text editor numbers it: «línea 23» (:func:`line_id`). That is the record's id when the file
has no identifier column, which the sheet reports once for the kinds the report names
(``no_id_column``, the file's name as value) so the report can say so first; records from a
database or an API are named by the caller (``row-N`` by default).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import app.connectors.files.cells as cells
from app.connectors.files.cells import NULL_MARKERS, as_text
from app.connectors.files.errors import FileFormatError
from app.connectors.files.headers import (
    SYNONYMS,
    Resolution,
    expected_headers,
    kind_name,
    recognized,
    resolve,
)
from app.connectors.files.table import read_table
from app.domain.i18n import tr_app
from app.domain.schema import Entity
from app.domain.values import clean_text, fold

#: (source_id, column, reason, value) → records a SourceIssue.
Report = Callable[[str | None, str | None, str, str | None], None]

_HEADER_SEARCH_ROWS = 20
_TOTAL_MARKS = {"total", "totales", "total general", "gran total"}
#: The reason a file without an identifier column is reported with (its name as the value).
NO_ID_COLUMN = "no_id_column"
#: The kinds whose records the report names, links and corrects: a file of them without an
#: identifier column is reported. The insights' extras (invoices, visits…) are only counted.
_NAMED_KINDS = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS)


def line_id(line: int) -> str:
    """How a record of a file is named when it has no id of its own: «línea 23»."""
    return f"línea {line}"


class Sheet:
    """The data rows of one file, by column, with the field each column feeds."""

    def __init__(self, name: str, kind: str, headers: Sequence[Any], rows: Sequence[Sequence[Any]],
                 mapping: Mapping[str, Sequence[str]], report: Report, *,
                 ids: Sequence[str] | None = None, header_line: int | None = None,
                 layout: dict[str, Any] | None = None, replaced: bool = False) -> None:
        """Rows under known headers: a file's table once its header row is found
        (:meth:`from_file`), or records from a database or an API (:meth:`from_records`).
        ``ids`` name each row in the issues (default ``row-N``; a file's rows are named by
        their line, :func:`line_id`)."""
        self.name = name
        self.kind = kind
        self._report = report
        self.layout: dict[str, Any] = dict(layout or {})
        self.header_line = header_line
        #: Per-column conventions decided beforehand (a file read in batches decides them
        #: over the whole file); ``notes``: whether this sheet reports them (one batch does).
        self.decided: dict[str, Any] = {}
        self.notes = True
        width = max(len(headers), *(len(r) for r in rows)) if rows else len(headers)
        self.headers, self.columns = _columns(list(headers), rows, width)
        self._drop_empty_unnamed()
        self.size = len(rows)
        self.lines = list(range(1, self.size + 1))
        self.ids = list(ids) if ids is not None else [f"row-{n}" for n in self.lines]
        self.resolution = resolve(kind, self.headers, mapping, lambda i: self.columns[i])
        self._refuse_if_incomplete()
        if header_line is not None and kind in _NAMED_KINDS and not self.has("source_id"):
            self._report(None, None, NO_ID_COLUMN, name)
        self._report_headers()
        if replaced:
            self._report_replacements()

    @classmethod
    def from_file(cls, path: Path, kind: str, mapping: Mapping[str, Sequence[str]],
                  report: Report, sheet: str | None = None) -> Sheet:
        """An export file: the header row is the one among the first rows that looks most
        like headers; a trailing "Total" row is dropped; rows are named by their line."""
        table = read_table(path, sheet)
        layout: dict[str, Any] = {"encoding": table.encoding, "separator": table.separator,
                                  "sheet": table.sheet}
        if not table.rows:
            raise FileFormatError(tr_app("app.connectors", "El archivo {name} está vacío.").format(
                                      name=path.name))
        top = table.rows[:_HEADER_SEARCH_ROWS]
        scores = [recognized(kind, row, mapping) for row in top]
        at = scores.index(max(scores))
        layout["header_line"] = table.lines[at]
        rows = table.rows[at + 1:]
        lines = table.lines[at + 1:]
        if rows and _is_total(rows[-1]):
            rows, lines = rows[:-1], lines[:-1]
        made = cls(path.name, kind, table.rows[at], rows, mapping, report,
                   ids=[line_id(n) for n in lines], header_line=table.lines[at],
                   layout=layout, replaced=table.replaced)
        made.lines = lines
        made._report_nuls(table.nuls, table.rows[at], table.lines[at])
        return made

    @classmethod
    def from_records(cls, name: str, kind: str, records: Sequence[Mapping[str, Any]],
                     mapping: Mapping[str, Sequence[str]], report: Report, *,
                     fields: Sequence[str] | None = None, ids: Sequence[str] | None = None
                     ) -> Sheet:
        """Records from a database or an API, their field names read as headers.

        ``fields`` fixes the columns (a query's columns, even when it returns no row);
        otherwise every key any record has, in order of first appearance.
        """
        if fields is None:
            seen: dict[str, None] = {}
            for record in records:
                seen.update(dict.fromkeys(record))
            fields = list(seen)
        rows = [[record.get(f) for f in fields] for record in records]
        return cls(name, kind, fields, rows, mapping, report, ids=ids)

    # --- reading fields -------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.resolution.fields

    def header(self, name: str) -> str | None:
        if name not in self.resolution.fields:
            return None
        return self.headers[self.resolution.fields[name][0]]

    def parts(self, name: str) -> list[list[Any]]:
        """The cells of each column that feeds the field, in order (none when it is absent)."""
        return [self.columns[i] for i in self.resolution.fields.get(name, [])]

    def raw(self, name: str, joiner: str = " ") -> list[Any]:
        """The field's cells (several columns joined as text); Nones when the file lacks it."""
        indices = self.resolution.fields.get(name)
        if not indices:
            return [None] * self.size
        if len(indices) == 1:
            return self.columns[indices[0]]
        parts = [self.columns[i] for i in indices]
        rows = zip(*parts, strict=True)
        return [joiner.join(t for v in cells if (t := as_text(v))) or None for cells in rows]

    def text(self, name: str, joiner: str = " ") -> list[str | None]:
        return self.apply(name, as_text, joiner=joiner)

    def apply(self, name: str, parse: Callable[[Any], Any], *, values: list[Any] | None = None,
              joiner: str = " ") -> list[Any]:
        """``parse`` over the field's cells; an unreadable cell is reported and becomes None."""
        cells = self.raw(name, joiner) if values is None else values
        if name not in self.resolution.fields and values is None:
            return cells
        if len(cells) != len(self.ids):
            raise ValueError(f"{name}: {len(cells)} cells for {len(self.ids)} rows")
        # Text is the common case; other cells are keyed with their type (1 ≠ True ≠ "1").
        # Each distinct cell is parsed once, in order of first appearance; the rows then take
        # their results in one pass at C speed.
        keys = cells if set(map(type, cells)) <= {str} else \
            [v if type(v) is str else (type(v), v) for v in cells]
        bad = object()
        results: dict[Any, Any] = {}
        if parse is as_text and keys is cells:  # text read as text: as_text's cleaning, inline
            results = {v: as_text(v) for v in dict.fromkeys(cells)}  # NULL markers too
            return [results[v] for v in cells]
        for key, value in _first_cells(keys, cells).items():
            try:
                # «nan», «NULL», «#N/D»: a program's way of writing an empty cell
                results[key] = (None if type(value) is str and value.strip() in NULL_MARKERS
                                else parse(value))
            except (ValueError, TypeError, ArithmeticError) as exc:
                results[key] = (bad, getattr(exc, "reason", "unparseable"))
        out = [results[key] for key in keys]
        if any(type(r) is tuple and r and r[0] is bad for r in results.values()):
            for i, result in enumerate(out):
                if type(result) is tuple and result and result[0] is bad:
                    self.report(self.ids[i], name, result[1], as_text(cells[i]))
                    out[i] = None
        return out

    def report(self, sid: str | None, name: str | None, reason: str, value: str | None) -> None:
        """An issue about a field's cell, named by the file's header for the user to find."""
        self._report(sid, (self.header(name) or name) if name else None, reason, value)

    def number_column(self, name: str, values: list[Any] | None = None) -> cells.NumberColumn:
        """How the field writes its numbers, decided over all its cells (or ``values``)."""
        if name in self.decided:
            return self.decided[name]
        return cells.number_column(self.distinct(name) if values is None else values)

    def date_column(self, name: str) -> cells.DateColumn:
        """How the field writes its dates (day first unless its cells prove otherwise)."""
        if name in self.decided:
            return self.decided[name]
        return cells.date_column(self.distinct(name))

    def distinct(self, name: str) -> list[Any]:
        """The field's distinct cells, for parsers decided per column."""
        seen: dict[tuple[type, Any], Any] = {}
        for value in self.raw(name):
            seen.setdefault((type(value), value), value)
        return list(seen.values())

    # --- construction helpers --------------------------------------------------------------

    def _drop_empty_unnamed(self) -> None:
        keep = [i for i, (h, col) in enumerate(zip(self.headers, self.columns, strict=True))
                if h or any(c not in (None, "") for c in col)]
        self.headers = [self.headers[i] or f"#{i + 1}" for i in keep]
        self.columns = [self.columns[i] for i in keep]

    def _refuse_if_incomplete(self) -> None:
        missing = self.resolution.missing(self.kind)
        if not missing:
            return
        names = [n for group in missing for n in group]
        expected = ", ".join(f"«{h}»" for h in expected_headers(self.kind, names))
        found = ", ".join(f"«{h}»" for h in self.headers if not h.startswith("#")) or "ninguno"
        kind = kind_name(self.kind)
        if self.header_line is None:
            raise FileFormatError(
                tr_app("app.connectors", "Los datos de {name} no parecen de {kind}: falta un campo como "
                                         "{expected}. Campos recibidos: {found}. Si el campo tiene otro "
                                         "nombre, indíquelo en un mapeo.").format(
                    name=self.name, kind=kind, expected=expected, found=found)
            )
        raise FileFormatError(
            tr_app("app.connectors", "El archivo {name} no parece de {kind}: falta una columna como "
                                     "{expected}. Encabezados del archivo (línea {header_line}): "
                                     "{found}. Si la columna tiene otro nombre, indíquelo en un "
                                     "mapeo.").format(
                name=self.name, kind=kind, expected=expected, header_line=self.header_line, found=found)
        )

    def _report_headers(self) -> None:
        res = self.resolution
        for i in res.unmapped:
            self._report(None, self.headers[i], "unmapped_column", None)
        for ignored, chosen in res.ambiguous:
            self._report(None, self.headers[ignored], "ambiguous_header", self.headers[chosen])

    def _report_nuls(self, nuls: Sequence[tuple[int, int]], header_row: Sequence[Any],
                     header_line: int) -> None:
        """Each cell NUL bytes were removed from, by its line and its column's header (none
        for the lines above the header row, a title's)."""
        for line, column in nuls:
            header: str | None = None
            if line >= header_line:
                named = as_text(header_row[column]) if column < len(header_row) else None
                header = named or f"#{column + 1}"
            self._report(line_id(line), header, "nul_bytes", None)

    def _report_replacements(self) -> None:
        for header, column in zip(self.headers, self.columns, strict=True):
            for sid, value in zip(self.ids, column, strict=True):
                if isinstance(value, str) and "\ufffd" in value:
                    self._report(sid, header, "undecodable_bytes", clean_text(value))


def _first_cells(keys: list[Any], cells: list[Any]) -> dict[Any, Any]:
    """Each distinct key and the first cell it came from, in order of first appearance."""
    if keys is cells:
        return {value: value for value in dict.fromkeys(cells)}
    first: dict[Any, Any] = {}
    for key, value in zip(keys, cells, strict=True):
        first.setdefault(key, value)
    return first


def _is_total(row: list[Any]) -> bool:
    first = next((t for c in row if (t := as_text(c))), None)
    return first is not None and fold(first).rstrip(":. ") in _TOTAL_MARKS


def _columns(header_row: list[Any], rows: Sequence[Sequence[Any]], width: int
             ) -> tuple[list[str], list[list[Any]]]:
    headers = [as_text(h) or "" for h in header_row] + [""] * (width - len(header_row))
    padded = (r if len(r) == width else [*r, *[""] * (width - len(r))] for r in rows)
    columns = [list(col) for col in itertools.zip_longest(*padded, fillvalue="")] if rows else []
    if not columns:
        columns = [[] for _ in headers]
    return headers, columns


__all__ = ["NO_ID_COLUMN", "SYNONYMS", "Report", "Resolution", "Sheet", "line_id"]
