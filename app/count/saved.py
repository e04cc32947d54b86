"""Keeps the physical count being typed or scanned safe on disk, one file per branch.

A count of a few hundred VINs takes an hour on the lot; a crash or a closed window must not
lose it. The window saves the whole list after every change to
``<data folder>/conteos/<branch-slug>.json`` and loads it back when the branch is chosen again.
Each save writes a temporary file in the same folder, flushes it to disk and renames it over
the old one (:func:`app.paths.atomic_write`), so the file on disk is always a complete list:
the previous one or the new one, never half of either. "Nuevo conteo" deletes it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.values import clean_text, normalize_vin
from app.paths import atomic_write, data_dir

if TYPE_CHECKING:
    import pandas as pd  # frames are made and read where pandas is loaded

log = logging.getLogger(__name__)

FORMAT = "cuadre-conteo"
VERSION = 1


@dataclass(frozen=True, slots=True)
class CountEntry:
    """One VIN counted (one scan: a VIN scanned twice is two entries)."""

    vin: str
    counted_at: datetime | date | None = None
    counted_by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SavedCount:
    """One branch's saved list, as :meth:`CountStore.every` reads it."""

    branch: str
    saved_at: datetime | None
    entries: tuple[CountEntry, ...]


class DamagedCountFile(Exception):
    """A saved count could not be read; it was moved aside to ``moved_to`` (kept, not lost)."""

    def __init__(self, path: Path, moved_to: Path | None) -> None:
        super().__init__(str(path))
        self.path = path
        self.moved_to = moved_to


class CountStore:
    """The saved counts, one JSON file per branch, under ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        # Resolved on use, so CUADRE_DATA_DIR set after construction (tests) is honoured.
        return self._folder if self._folder is not None else data_dir() / "conteos"

    def path_for(self, branch: str) -> Path:
        from app.count.compare import branch_slug  # pandas and rapidfuzz: when counting

        return self.folder / f"{branch_slug(branch)}.json"

    def load(self, branch: str) -> list[CountEntry]:
        """The saved list of ``branch`` ([] when none). A damaged file is moved aside and
        :class:`DamagedCountFile` raised, so the next save does not overwrite it."""
        path = self.path_for(branch)
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return []
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError("not a Cuadre count")
            return [_entry(e) for e in data["entries"]]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            aside = path.with_name(
                f"{path.stem}.danado-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}.json"
            )
            moved: Path | None = aside
            try:
                os.replace(path, aside)
            except OSError:
                moved = None
            log.warning("saved count %s unreadable (%s); moved to %s", path.name,
                        type(exc).__name__, moved)
            raise DamagedCountFile(path, moved) from exc

    def save(self, branch: str, entries: Iterable[CountEntry]) -> Path:
        """Replace the saved list of ``branch`` with ``entries``, atomically."""
        path = self.path_for(branch)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "version": VERSION,
            "branch": branch,
            "saved_at": datetime.now(UTC).isoformat(),
            "entries": [_json(e) for e in entries],
        }
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

        def write(tmp: Path) -> None:
            with tmp.open("wb") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())  # on disk before it replaces the previous list

        atomic_write(path, write)
        return path

    def every(self) -> list[SavedCount]:
        """Every branch's saved list (where a VIN was last counted). Read only: a file that
        cannot be read is skipped here and moved aside when its branch is opened."""
        out = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                data = json.loads(path.read_text("utf-8"))
                if data.get("format") != FORMAT:
                    continue
                saved = _moment(data.get("saved_at"))
                out.append(SavedCount(str(data.get("branch") or path.stem),
                                      saved if isinstance(saved, datetime) else None,
                                      tuple(_entry(e) for e in data["entries"])))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.info("saved count %s skipped (%s)", path.name, type(exc).__name__)
        return out

    def clear(self, branch: str) -> None:
        """Forget the saved list of ``branch`` ("Nuevo conteo")."""
        self.path_for(branch).unlink(missing_ok=True)


def entries_to_frame(branch: str, entries: Iterable[CountEntry]) -> pd.DataFrame:
    """The canonical physical-count frame of a typed list, for ``compare_count``."""
    from app.count.compare import count_frame

    return count_frame([
        {"branch": branch, "vin": e.vin, "counted_at": e.counted_at,
         "counted_by": e.counted_by, "note": e.note}
        for e in entries
    ])


def entries_from_frame(frame: pd.DataFrame) -> list[CountEntry]:
    """The rows of a physical-count frame (an imported file) as entries; rows without a VIN
    are dropped."""
    out = []
    for row in frame.to_dict("records"):
        vin = normalize_vin(row.get("vin"))
        if vin is None:
            continue
        out.append(CountEntry(
            vin, _moment(row.get("counted_at")), clean_text(row.get("counted_by")),
            clean_text(row.get("note")),
        ))
    return out


def _moment(raw: Any) -> datetime | date | None:
    pandas = sys.modules.get("pandas")  # without pandas loaded, no value can be one of its own
    if raw is None or (pandas is not None and raw is pandas.NaT):
        return None
    if pandas is not None and isinstance(raw, pandas.Timestamp):
        return None if pandas.isna(raw) else raw.to_pydatetime()
    if isinstance(raw, datetime | date):
        return raw
    text = clean_text(raw)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        return None


def _json(e: CountEntry) -> dict[str, Any]:
    return {
        "vin": e.vin,
        "counted_at": None if e.counted_at is None else e.counted_at.isoformat(),
        "counted_by": e.counted_by,
        "note": e.note,
    }


def _entry(raw: dict[str, Any]) -> CountEntry:
    vin = normalize_vin(raw["vin"])
    if vin is None:
        raise ValueError("an entry without a VIN")
    return CountEntry(vin, _moment(raw.get("counted_at")), raw.get("counted_by"), raw.get("note"))
