"""Workspace stores for the write-back tests: a SQLite file, or a fresh database on the
PostgreSQL server the tests start (``tests/integration/postgres.py``).

``opened(kind, folder, pg)`` yields an open store of either kind; ``pg`` is called only for
PostgreSQL (so a SQLite-only run never starts a server). A PostgreSQL database is created for
the test, owned by the application role, and dropped afterwards (``WITH (FORCE)``: a pushing
thread or a killed child may have left a connection behind).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect

from app.store import Store, open_store

KINDS = ("sqlite", "postgresql")
_numbers = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a store is: its URL (no password in it) and the password, if any."""

    url: str
    password: str | None = None

    def open(self) -> Store:
        return open_store(self.url, password=self.password)


@contextmanager
def place(kind: str, folder: Path, pg: Callable[[], Any]) -> Iterator[Place]:
    """A place for a new store of ``kind`` (the PostgreSQL database exists, empty)."""
    if kind == "sqlite":
        yield Place(f"sqlite:///{folder / 'workspace.sqlite'}")
        return
    from psycopg import sql

    server = pg()
    name = f"cuadre_push_{next(_numbers)}"
    with server.admin_connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(server.user)))
    try:
        yield Place(f"postgresql://{server.user}@{server.host}:{server.port}/{name}",
                    server.password)
    finally:
        with server.admin_connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def opened(kind: str, folder: Path, pg: Callable[[], Any]) -> Iterator[Store]:
    """An open store of ``kind``, closed (and its database dropped) afterwards."""
    with place(kind, folder, pg) as where, where.open() as store:
        yield store


def shape(where: Place, tables: tuple[str, ...] = ("corrections", "outbox")) -> dict[str, object]:
    """What a schema upgrade must get right, per table: columns (name, type, NULL, default),
    indexes (name, columns, unique, partial condition), CHECKs (name, text) and references —
    to compare an upgraded store with a new one."""
    url = where.url
    if url.startswith("postgresql://"):
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, connect_args={"password": where.password} if where.password
                           else {})
    try:
        found = inspect(engine)
        out: dict[str, object] = {}
        for table in tables:
            out[table] = sorted((c["name"], str(c["type"]), c["nullable"], c["default"])
                                for c in found.get_columns(table))
            out[table + ".indexes"] = sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]),
                 sorted((k, str(v)) for k, v in i.get("dialect_options", {}).items()))
                for i in found.get_indexes(table))
            out[table + ".checks"] = sorted((str(k["name"]), " ".join(k["sqltext"].split()))
                                            for k in found.get_check_constraints(table))
            # (SQLite does not report the name of a reference written in a column)
            out[table + ".fks"] = sorted((tuple(k["constrained_columns"]), k["referred_table"],
                                          tuple(k["referred_columns"]))
                                         for k in found.get_foreign_keys(table))
        return out
    finally:
        engine.dispose()
