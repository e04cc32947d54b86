"""The file reading as it was before the fast paths of issue 18 (end-to-end speed): the
tests run the connector with these put back and compare every frame and issue.

``sheet_apply`` is ``Sheet.apply`` cell by cell with its cache; ``read_text`` reads every
text file through the csv module (``text_rows``), quotes or not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.connectors.files import table
from app.connectors.files.cells import as_text


def sheet_apply(self: Any, name: str, parse: Callable[[Any], Any], *,
                values: list[Any] | None = None, joiner: str = " ") -> list[Any]:
    cells = self.raw(name, joiner) if values is None else values
    if name not in self.resolution.fields and values is None:
        return cells
    cache: dict[Any, Any] = {}
    out: list[Any] = []
    bad = object()
    for sid, value in zip(self.ids, cells, strict=True):
        key = value if type(value) is str else (type(value), value)
        try:
            result = cache[key]
        except KeyError:
            try:
                result = parse(value)
            except (ValueError, TypeError, ArithmeticError):
                result = bad
            cache[key] = result
        if result is bad:
            self.report(sid, name, "unparseable", as_text(value))
            result = None
        out.append(result)
    return out


def read_text(path: Path) -> table.Table:
    text, encoding, replaced = table.decode(path.read_bytes(), path.name)
    separator = table.sniff_separator(text)
    nuls: list[tuple[int, int]] = []
    rows, lines = table.text_rows(text, separator, path.name, nuls=nuls)
    return table.Table(rows, lines, encoding=encoding, separator=separator, replaced=replaced,
                       nuls=nuls)


def cities(s: Any) -> list[tuple[str | None, str | None]]:
    """``connector._cities`` row by row with its cache, as it was."""
    from app.connectors.files import cells
    from app.connectors.files.connector import _city

    cache: dict[tuple[Any, Any], tuple[str | None, str | None, str | None]] = {}
    out: list[tuple[str | None, str | None]] = []
    pairs = zip(s.ids, s.raw("city_code"), s.raw("city_name"), strict=True)
    for sid, code_cell, name_cell in pairs:
        key = (code_cell, name_cell)
        if key not in cache:
            cache[key] = _city(cells.as_text(code_cell), cells.as_text(name_cell))
        code, name, unknown = cache[key]
        if unknown is not None:
            s.report(sid, "city_name" if name_cell not in (None, "") else "city_code",
                     "unknown_city", unknown)
        out.append((code, name))
    return out
