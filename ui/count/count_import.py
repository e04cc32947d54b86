"""Importing a physical-count file for the Conteo físico tab: the task and its messages.

The file connector (``app.connectors.files.read_count``) reads CSV/XLSX exports into the
canonical count frame and reports unreadable cells as issues. :func:`import_task` runs it on
the tab's worker thread and groups the rows by the branch they name, so the tab can take the
rows of the branch being counted; :func:`issues_text` says in Spanish what could not be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.connectors.files.errors import FileFormatError, MappingError
from app.count.saved import CountEntry, entries_from_frame
from app.domain.values import fold, normalize_vin
from app.progress import Progress, Task
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import pandas as pd

#: ``read_count(path) -> (frame, issues)``: the file connector's reader of count files.
CountReader = Callable[[Path], "tuple[pd.DataFrame, list[Any]]"]

#: The reasons ``read_count`` gives, in words (anything else reads as "valor no válido").
_ISSUE_REASONS = {
    "unparseable": QT_TRANSLATE_NOOP("ui", "no se pudo interpretar"),
    "missing_vin": QT_TRANSLATE_NOOP("ui", "fila sin VIN (se omitió)"),
    "unmapped_column": QT_TRANSLATE_NOOP("ui", "columna que el conteo no usa"),
    "ambiguous_header": QT_TRANSLATE_NOOP("ui", "encabezado repetido; se usó otro"),
    "undecodable_bytes": QT_TRANSLATE_NOOP("ui", "caracteres ilegibles"),
    "nul_bytes": QT_TRANSLATE_NOOP("ui", "bytes nulos, que se quitaron"),
}
MAX_ISSUES_SHOWN = 8

#: The reader's own errors, whose message is a Spanish sentence meant for the user (a file that
#: is not a count, a required column missing…).
EXPLAINED_ERRORS: tuple[type[Exception], ...] = (FileFormatError, MappingError)


@dataclass(frozen=True, slots=True)
class ImportedCount:
    """What reading a count file gave, ready for the list (built on the worker thread)."""

    path: Path
    entries_by_branch: dict[str, list[CountEntry]]  # folded branch ("" = none) → entries
    issues: list[Any]
    error: str | None = None  # why the file could not be read at all, for the user


def import_task(path: Path, reader: CountReader,
                explained: tuple[type[Exception], ...] = ()) -> Task[ImportedCount]:
    """Read ``path`` with ``reader``; rows without a VIN are dropped. An ``explained`` error
    comes back as ``error``; any other fails the task (and is logged, not shown)."""
    yield Progress("count_import", 0, 2)
    try:
        frame, issues = reader(path)
    except explained as exc:
        return ImportedCount(path, {}, [], error=str(exc))
    yield Progress("count_import", 1, 2)
    n = len(frame)
    vins = frame["vin"] if "vin" in frame.columns else [None] * n
    branches = frame["branch"] if "branch" in frame.columns else [None] * n
    with_vin = [b for v, b in zip(vins, branches, strict=True) if normalize_vin(v) is not None]
    by_branch: dict[str, list[CountEntry]] = {}
    for entry, branch in zip(entries_from_frame(frame), with_vin, strict=True):
        by_branch.setdefault(fold(branch), []).append(entry)
    return ImportedCount(path, by_branch, list(issues))


def issues_text(issues: list[Any]) -> str:
    """What could not be read, in Spanish: a head line and up to a few rows."""
    head = (fmt.tr("1 aviso al leer el archivo:") if len(issues) == 1 else
            fmt.tr("{n} avisos al leer el archivo:").format(n=fmt.count(len(issues))))
    lines = [head]
    for issue in issues[:MAX_ISSUES_SHOWN]:
        reason = str(getattr(issue, "reason", "") or "")
        why = fmt.tr(_ISSUE_REASONS.get(reason, QT_TRANSLATE_NOOP("ui", "valor no válido")))
        where = []
        # A file's rows are named «línea N» (``app.connectors.files.sheet.line_id``).
        row = str(getattr(issue, "source_id", None) or "").removeprefix("row-").removeprefix("línea ")
        if row:
            where.append(fmt.tr("fila {row}").format(row=row))
        column = getattr(issue, "column", None)
        if column:
            where.append(fmt.tr("columna {column}").format(column=fmt.field_name(str(column))))
        value = getattr(issue, "value", None)
        text = f"· {', '.join(where) or fmt.tr('archivo')}: {why}"
        lines.append(f"{text} («{value}»)" if value else text)
    if len(issues) > MAX_ISSUES_SHOWN:
        lines.append(fmt.tr("… y {n} más.").format(n=fmt.count(len(issues) - MAX_ISSUES_SHOWN)))
    return "\n".join(lines)
