"""Changes made to the demo's systems between two runs, as people make them: what an
incremental run must find (tests, ``bench/incremental.py``).

:func:`simulate_changes` edits a share of the records of both demo files — a phone or e-mail
typed again, an amount corrected, a vehicle's status moved on — adds a few (a record entered
again) and removes a few (a CRM payment deleted, a contact hidden by a merge), each written
with a fresh change stamp, as the systems stamp their own writes. Deterministic for a seed.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

_BOGOTA = timezone(timedelta(hours=-5))

#: (file, table, stamp column, columns one edit may change).
_EDITS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("crm", "contactos", "actualizado", ("celular", "correo", "ciudad", "nombres")),
    ("erp", "terceros", "modificado", ("telefono", "email", "apellidos")),
    ("crm", "pagos", "actualizado", ("valor", "fecha")),
    ("erp", "recibos", "modificado", ("valor",)),
    ("crm", "vehiculos", "actualizado", ("estado", "sede")),
    ("erp", "inventario", "modificado", ("estado", "color")),
)
#: Tables whose records may be deleted outright (nothing refers to them).
_DELETABLE = {("crm", "pagos"), ("erp", "recibos")}
#: Tables whose records are hidden by a merge instead (others refer to them).
_HIDDEN = {("crm", "contactos")}


def simulate_changes(crm: Path, erp: Path, share: float = 0.01, seed: int = 1,
                     now: datetime | None = None) -> Counter[str]:
    """Edit ``share`` of each table's records (about a tenth of that share added and as many
    removed) in the demo files ``crm`` and ``erp``; returns what was done, per table."""
    rng = random.Random(seed)
    done: Counter[str] = Counter()
    paths = {"crm": Path(crm), "erp": Path(erp)}
    for system, table, stamp_column, columns in _EDITS:
        conn = sqlite3.connect(paths[system], isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            stamp = _stamp(conn, table, stamp_column, now)
            ids = [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
            count = max(1, round(len(ids) * share)) if ids else 0
            for sid in rng.sample(ids, min(count, len(ids))):
                column = rng.choice(columns)
                value = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?",
                                     (sid,)).fetchone()[0]
                conn.execute(f"UPDATE {table} SET {column} = ?, {stamp_column} = ? WHERE id = ?",
                             (_edited(rng, column, value), stamp, sid))
                done[f"{table}.edited"] += 1
            extra = max(1, count // 10) if ids else 0
            for sid in rng.sample(ids, min(extra, len(ids))):
                _copy(conn, table, stamp_column, sid, stamp)
                done[f"{table}.added"] += 1
            if (system, table) in _DELETABLE or (system, table) in _HIDDEN:
                for sid in rng.sample(ids, min(extra, len(ids))):
                    if (system, table) in _HIDDEN:
                        conn.execute(f"UPDATE {table} SET fusionado_en = ?, {stamp_column} = ? "
                                     "WHERE id = ?", (stamp, stamp, sid))
                    else:
                        conn.execute(f"DELETE FROM {table} WHERE id = ?", (sid,))
                    done[f"{table}.removed"] += 1
            conn.execute("COMMIT")
        finally:
            conn.close()
    return done


def _stamp(conn: sqlite3.Connection, table: str, column: str, now: datetime | None) -> str:
    """Now in Bogotá, or just after the newest stamp when the data run ahead of the clock."""
    moment = (now or datetime.now(_BOGOTA)).astimezone(_BOGOTA).replace(microsecond=0)
    newest = conn.execute(f"SELECT MAX({column}) FROM {table}").fetchone()[0]
    if newest:
        latest = datetime.fromisoformat(newest).astimezone(_BOGOTA)
        moment = max(moment, latest + timedelta(seconds=1))
    return moment.isoformat()


def _edited(rng: random.Random, column: str, value: Any) -> Any:
    if column in {"valor"}:
        try:
            return str(int(float(value or 0)) + rng.choice((-50000, 1000, 250000)))
        except ValueError:
            return "1000000"
    if column == "fecha":
        return value  # re-saved as is: only its stamp moves
    if column in {"celular", "telefono"}:
        return f"3{rng.randrange(10**9):09d}"
    if column in {"correo", "email"}:
        return f"cambio{rng.randrange(10**6)}@correo.com.co"
    if column == "estado":
        return value  # re-saved: the record is read again and must reconcile the same
    if column == "ciudad":
        return rng.choice(("Bogotá", "Medellín", "Cali", "Bucaramanga"))
    return f"{value or ''} {rng.choice(('A', 'B', 'C'))}".strip()


def _copy(conn: sqlite3.Connection, table: str, stamp_column: str, sid: Any, stamp: str) -> None:
    """The record ``sid`` entered again under a new id."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    row = dict(zip(columns, conn.execute(f"SELECT * FROM {table} WHERE id = ?", (sid,))
                   .fetchone(), strict=True))
    if isinstance(sid, int):
        row["id"] = conn.execute(f"SELECT MAX(id) + 1 FROM {table}").fetchone()[0]
    else:
        row["id"] = f"{sid}-N{conn.execute(f'SELECT COUNT(*) FROM {table}').fetchone()[0]}"
    row[stamp_column] = stamp
    marks = ", ".join("?" for _ in columns)
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                 [row[c] for c in columns])
