"""The sandbox's data as it starts: the demo CRM and ERP files' tables, read into memory once.

Each system keeps its own tables (``app/demo/systems.py``), loaded from the demo SQLite files
and then changed only in memory (``store``), so a test can write freely and the next sandbox
starts clean. The tables that only newer demo files have (what the insights read) are loaded
when present.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.values import bogota_moment

Row = dict[str, Any]
Tables = dict[str, dict[str, Row]]

CRM_TABLES = ("contactos", "negocios", "pagos", "vehiculos")
ERP_TABLES = ("sedes", "terceros", "facturas", "recibos", "inventario")
#: Tables only newer demo files have (what the insights read): loaded when present.
OPTIONAL_TABLES = {"crm": ("seguimientos",), "erp": ("ordenes_taller", "contratos")}


def parse_timestamp(text: str) -> datetime:
    """An ISO-8601 timestamp; one without a zone is Bogotá time. ValueError when it is none."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "+") if "T" in text else text.strip())
    return bogota_moment(moment)


def load(path: Path, system: str) -> tuple[Tables, datetime | None]:
    """A private copy of ``system``'s tables in the demo file ``path`` (its optional ones when
    the file has them) and their latest modified timestamp."""
    required = CRM_TABLES if system == "crm" else ERP_TABLES
    return _load(path, required + _present(path, OPTIONAL_TABLES[system]))


def _present(path: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``names`` the SQLite file has as tables."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return tuple(n for n in names if n in found)


_UPDATED_COLUMNS = ("actualizado", "modificado")
_loaded: dict[tuple[str, tuple[str, ...]], tuple[tuple[int, int], Tables, datetime | None]] = {}
_loaded_lock = threading.Lock()


def _read(path: Path, names: tuple[str, ...]) -> Tables:
    """Every row of ``names`` from a demo SQLite file, read-only, keyed by id as text."""
    tables: Tables = {}
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        for name in names:
            rows = conn.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
            tables[name] = {str(r["id"]): dict(r) for r in rows}
    return tables


def _load(path: Path, names: tuple[str, ...]) -> tuple[Tables, datetime | None]:
    """A private copy of the file's tables and their latest modified timestamp. The file is
    read once while it does not change: every sandbox a test suite starts copies it from memory."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    key = (str(path.resolve()), names)
    with _loaded_lock:
        cached = _loaded.get(key)
        if cached is None or cached[0] != version:
            tables = _read(path, names)
            stamps = [parse_timestamp(str(r[c])) for rows in tables.values() for r in rows.values()
                      for c in _UPDATED_COLUMNS if r.get(c)]
            cached = (version, tables, max(stamps, default=None))
            _loaded[key] = cached
    _, tables, latest = cached
    return {name: {k: dict(r) for k, r in rows.items()} for name, rows in tables.items()}, latest

