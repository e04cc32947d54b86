"""Two PostgreSQL databases too big to move, diffed inside the servers against a full pull.

    python bench/db_diff.py [--rows 10000000] [--every 3000]

Starts two throwaway PostgreSQL servers as the tests do (``tests/integration/postgres.py``),
loads ROWS customers in each (``terceros``: document, name with accents, phone, e-mail, city,
some NULLs), the second with differences: every EVERY-th row deleted, every EVERY-th (offset 1)
changed (an e-mail, a name, a NULL phone), and ROWS/EVERY new rows, i.e. 0.1 % with the
default. Then it diffs them twice and prints time and rows that left the servers:

- **range diff**: ``app.connectors.sql.rangediff.diff_tables`` (checksums per key-hash range,
  bisected, only differing ranges pulled);
- **full pull**: every row of both tables streamed to this process (server-side cursors) and
  compared here, holding one side as key → row hash.

Both must find the same keys only left, only right and changed; the script says so or fails.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine

from app.connectors.sql.rangediff import TableSide, diff_tables, findings
from app.progress import run
from tests.integration.postgres import PostgresServer, postgres_server

COLUMNS = ("nombre", "telefono", "email", "ciudad")
_CREATE = ("CREATE TABLE terceros (documento text, nombre text, telefono text, email text, "
           "ciudad text)")
_ROWS = """
INSERT INTO terceros
SELECT (1000000000 + g)::text,
       (ARRAY['José', 'María', 'Íñigo', 'Ñusta', 'Juan'])[1 + g %% 5] || ' Pérez ' || g,
       CASE WHEN g %% 97 = 0 THEN NULL ELSE '3' || lpad((g %% 1000000000)::text, 9, '0') END,
       'cliente' || g || '@correo.com.co',
       (ARRAY['Bogotá', 'Medellín', 'Cali', 'Cúcuta', NULL])[1 + g %% 5]
FROM generate_series(1, %(rows)s) AS g
"""


def load(server: PostgresServer, rows: int, every: int, changed: bool) -> float:
    started = time.monotonic()
    with server.admin_connect(server.database) as conn:
        conn.execute(_CREATE)
        conn.execute(_ROWS, {"rows": rows})
        if changed:
            conn.execute("DELETE FROM terceros WHERE (documento::bigint - 1000000000) %% %(e)s = 0",
                         {"e": every})
            conn.execute("UPDATE terceros SET email = upper(email), telefono = CASE WHEN "
                         "telefono IS NULL THEN '3001234567' END "
                         "WHERE (documento::bigint - 1000000000) %% %(e)s = 1", {"e": every})
            conn.execute("INSERT INTO terceros SELECT (5000000000 + g)::text, 'Ñoño Núñez ' || g, "
                         "NULL, NULL, 'Pasto' FROM generate_series(1, %(n)s) AS g",
                         {"n": rows // every})
        conn.execute(f"GRANT SELECT ON terceros TO {server.user}")
        conn.execute("VACUUM ANALYZE terceros")
    return time.monotonic() - started


def engine_of(server: PostgresServer) -> Any:
    from sqlalchemy.engine import URL

    url = URL.create("postgresql+psycopg", username=server.user, password=server.password,
                     host=server.host, port=server.port, database=server.database)
    return create_engine(url)


def side(server: PostgresServer) -> TableSide:
    return TableSide(engine_of(server), "terceros", "documento", COLUMNS)


def full_pull(left: PostgresServer, right: PostgresServer) -> tuple[dict[str, list[Any]], int]:
    """Every row of both tables to this process; the left held as key → hash of the row."""
    import psycopg

    def rows(server: PostgresServer) -> Any:
        with psycopg.connect(host=server.host, port=server.port, user=server.user,
                             password=server.password, dbname=server.database) as conn:
            with conn.cursor(name="everything") as cur:
                cur.itersize = 50_000
                cur.execute("SELECT documento, " + ", ".join(COLUMNS) + " FROM terceros")
                yield from cur

    def digest(row: tuple[Any, ...]) -> bytes:
        return hashlib.md5(repr(row).encode(), usedforsecurity=False).digest()

    moved = 0
    held: dict[str, bytes] = {}
    for row in rows(left):
        held[row[0]] = digest(row)
        moved += 1
    only_right, changed = [], []
    for row in rows(right):
        moved += 1
        own = held.pop(row[0], None)
        if own is None:
            only_right.append(row[0])
        elif own != digest(row):
            changed.append(row[0])
    return {"only_left": sorted(held), "only_right": sorted(only_right),
            "changed": sorted(changed)}, moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--every", type=int, default=3000)
    args = parser.parse_args()
    with postgres_server() as crm, postgres_server() as erp:
        t_left = load(crm, args.rows, args.every, changed=False)
        t_right = load(erp, args.rows, args.every, changed=True)
        print(f"loaded {args.rows:,} rows: left {t_left:.1f} s, right {t_right:.1f} s", flush=True)
        diff = run(diff_tables(side(crm), side(erp)))
        found = findings(diff)
        print("| method | seconds | rows moved | of rows | share | checksum groups | queries |")
        print("|---|---|---|---|---|---|---|")
        share = diff.rows_moved / diff.total
        print(f"| range diff | {diff.seconds:.1f} | {diff.rows_moved:,} | {diff.total:,} | "
              f"{share:.3%} | {diff.checksums:,} | {diff.queries} |", flush=True)
        started = time.monotonic()
        full, moved = full_pull(crm, erp)
        seconds = time.monotonic() - started
        print(f"| full pull | {seconds:.1f} | {moved:,} | {moved:,} | 100% | – | 2 |", flush=True)
        counts = {k: len(v) for k, v in found.items()}
        same = {k: sorted(map(str, v)) for k, v in found.items()} == full
        print(f"findings: {counts}; same as the full pull: {'yes' if same else 'NO'}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:,.0f} MB")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
