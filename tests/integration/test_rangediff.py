"""The diff inside the databases (``app.connectors.sql.rangediff``) gives what a full pull
gives, on real SQLite files and real PostgreSQL servers: inserts, deletes and changes at the
edges of the key ranges, NULLs, accents, duplicated keys, empty tables."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from app.connectors.sql.rangediff import (
    NotSupported,
    TableSide,
    diff_tables,
    findings,
    full_diff,
)
from app.progress import Cancelled, CancelToken, Progress, run

from .postgres import PostgresServer, postgres_server

COLUMNS = ("nombre", "telefono", "ciudad")
Row = tuple[Any, ...]


def base_rows(n: int) -> list[Row]:
    names = ["José Pérez", "MARÍA PEÑA", "Íñigo Núñez", "ana  lópez", "Zoë"]
    cities = ["Bogotá", "Medellín", None, "Cúcuta"]
    return [(f"{10_000 + i}", f"{names[i % 5]} {i}", None if i % 7 == 0 else f"310{i:07d}",
             cities[i % 4]) for i in range(n)]


def changed_rows(rows: list[Row], seed: int = 3) -> list[Row]:
    """Deletes, inserts and changes, some at the smallest and largest keys (range edges)."""
    rng = random.Random(seed)
    out = list(rows)
    del out[0]                      # the smallest key
    del out[-1]                     # the largest
    out[0] = (out[0][0], out[0][1].upper(), out[0][2], out[0][3])       # accents upper-cased
    out[5] = (out[5][0], out[5][1], None, out[5][3])                    # a value becomes NULL
    out[6] = (out[6][0], out[6][1], out[6][2], "")                      # NULL ≠ ''
    for i in rng.sample(range(10, len(out)), 20):
        out[i] = (out[i][0], out[i][1] + "ñ", out[i][2], out[i][3])
    for i in sorted(rng.sample(range(10, len(out)), 15), reverse=True):
        del out[i]
    out += [("0", "Antes de todas", None, None), ("99999999", "Después de todas", "3", "Pasto"),
            (None, "Sin documento", None, "Cali"), (out[3][0], "Duplicado", None, None)]
    return out


def sqlite_side(path: Path, rows: list[Row]) -> TableSide:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE clientes (documento TEXT, nombre TEXT, telefono TEXT, ciudad TEXT)")
        db.executemany("INSERT INTO clientes VALUES (?, ?, ?, ?)", rows)
    return TableSide(create_engine(f"sqlite:///{path}"), "clientes", "documento", COLUMNS)


def expected(left: list[Row], right: list[Row]) -> dict[str, list[Any]]:
    return findings(full_diff(left, right))


def test_sqlite_pair_same_findings_as_full_pull(tmp_path: Path) -> None:
    left = base_rows(3000)
    right = changed_rows(left)
    diff = run(diff_tables(sqlite_side(tmp_path / "a.db", left),
                           sqlite_side(tmp_path / "b.db", right)))
    got = findings(diff)
    assert got == expected(left, right)
    assert "10000" in got["only_left"] and "0" in got["only_right"]
    assert "99999999" in got["only_right"] and f"{10_000 + 2999}" in got["only_left"]
    assert None in got["only_right"]  # rows without a key are always pulled
    assert len(got["changed"]) >= 20
    assert diff.rows_moved < diff.total / 5
    assert (diff.left_total, diff.right_total) == (3000, len(right))


def test_equal_tables_move_nothing(tmp_path: Path) -> None:
    rows = base_rows(2000)
    diff = run(diff_tables(sqlite_side(tmp_path / "a.db", rows),
                           sqlite_side(tmp_path / "b.db", list(reversed(rows)))))
    assert findings(diff) == {"only_left": [], "only_right": [], "changed": []}
    assert diff.rows_moved == 0


def test_empty_and_one_sided_tables(tmp_path: Path) -> None:
    rows = base_rows(50)
    diff = run(diff_tables(sqlite_side(tmp_path / "a.db", []), sqlite_side(tmp_path / "b.db", rows)))
    assert findings(diff)["only_right"] == sorted(r[0] for r in rows)


def test_every_single_change_is_found(tmp_path: Path) -> None:
    """One change at a time, each at another place: the checksums never hide one."""
    rows = base_rows(400)
    left = sqlite_side(tmp_path / "a.db", rows)
    for n, i in enumerate((0, 1, 199, 398, 399)):
        other = list(rows)
        other[i] = (other[i][0], other[i][1], other[i][2], "Tunja")
        diff = run(diff_tables(left, sqlite_side(tmp_path / f"b{n}.db", other)))
        assert findings(diff) == {"only_left": [], "only_right": [], "changed": [rows[i][0]]}
        assert diff.rows_moved <= 20


def test_progress_and_cancel(tmp_path: Path) -> None:
    rows = base_rows(500)
    a, b = sqlite_side(tmp_path / "a.db", rows), sqlite_side(tmp_path / "b.db", rows[1:])
    seen: list[Progress] = []
    run(diff_tables(a, b), seen.append)
    assert seen and all(p.step == "diff" for p in seen)
    token = CancelToken()
    task = diff_tables(a, b, cancel=token)
    next(task)
    token.cancel()
    with pytest.raises(Cancelled):
        run(task)


def test_other_databases_are_refused() -> None:
    engine = create_engine("mysql+pymysql://u@127.0.0.1/x")
    side = TableSide(engine, "t", "k", ("a",))
    with pytest.raises(NotSupported):
        run(diff_tables(side, side))


# --- PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_pair():
    with postgres_server() as left, postgres_server() as right:
        yield left, right


def pg_side(server: PostgresServer, rows: list[Row], table: str) -> TableSide:
    with server.admin_connect(server.database) as conn:
        conn.execute(f"CREATE TABLE {table} (documento text, nombre text, telefono text, "
                     "ciudad text)")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", rows)
        conn.execute(f"GRANT SELECT ON {table} TO {server.user}")
    return TableSide(pg_engine(server), table, "documento", COLUMNS)


def pg_engine(server: PostgresServer) -> Engine:
    return create_engine(URL.create("postgresql+psycopg", username=server.user,
                                    password=server.password, host=server.host, port=server.port,
                                    database=server.database))


def diffed(a: TableSide, b: TableSide) -> Any:
    try:
        return run(diff_tables(a, b))
    finally:
        a.engine.dispose()
        b.engine.dispose()


def test_postgres_pair_same_findings_as_full_pull(pg_pair) -> None:
    left_server, right_server = pg_pair
    left = base_rows(5000)
    right = changed_rows(left, seed=11)
    diff = diffed(pg_side(left_server, left, "terceros_a"),
                  pg_side(right_server, right, "terceros_b"))
    assert findings(diff) == expected(left, right)
    assert diff.rows_moved < diff.total / 10


def test_postgres_against_sqlite(pg_pair, tmp_path: Path) -> None:
    """A server against a file: the same text hashes alike, so equal ranges are pruned."""
    rows = base_rows(2000)
    right = changed_rows(rows, seed=5)
    diff = diffed(pg_side(pg_pair[0], rows, "terceros_c"), sqlite_side(tmp_path / "b.db", right))
    assert findings(diff) == expected(rows, right)
    assert diff.rows_moved < diff.total / 5


def test_two_sql_sources_by_their_own_column_names(tmp_path: Path) -> None:
    """A CRM's «clientes» and an ERP's «terceros», each read as its profile maps it, diffed
    by the document and the fields both have."""
    from app.connectors.sql.connector import SqlConnector
    from app.connectors.sql.rangediff import source_sides
    from app.domain.schema import Entity, System

    rows = base_rows(800)
    right = changed_rows(rows, seed=2)
    with sqlite3.connect(tmp_path / "crm.db") as db:
        db.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, cedula TEXT, nombre TEXT, "
                   "celular TEXT, ciudad TEXT)")
        db.executemany("INSERT INTO clientes (cedula, nombre, celular, ciudad) VALUES (?, ?, ?, ?)",
                       rows)
    with sqlite3.connect(tmp_path / "erp.db") as db:
        db.execute("CREATE TABLE terceros (id_tercero INTEGER PRIMARY KEY, nit TEXT, "
                   "razon_social TEXT, telefono TEXT, municipio TEXT)")
        db.executemany("INSERT INTO terceros (nit, razon_social, telefono, municipio) "
                       "VALUES (?, ?, ?, ?)", right)
    with SqlConnector(f"sqlite:///{tmp_path / 'crm.db'}", System.CRM,
                      mapping={"customers": {"full_name": "nombre"}}) as crm, \
            SqlConnector(f"sqlite:///{tmp_path / 'erp.db'}", System.ERP,
                         mapping={"customers": {"full_name": "razon_social",
                                                "city_name": "municipio"}}) as erp:
        found = source_sides(crm, erp, Entity.CUSTOMERS)
        assert found is not None
        left_side, right_side, shared = found
        assert (left_side.key, right_side.key) == ("cedula", "nit")
        assert set(shared) == {"full_name", "phone", "city_name"}
        assert set(left_side.columns) == {"nombre", "celular", "ciudad"}
        assert set(right_side.columns) == {"razon_social", "telefono", "municipio"}
        diff = run(diff_tables(left_side, right_side))
    assert findings(diff) == expected(rows, right)
