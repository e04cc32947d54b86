"""Random tampering of an audit trail, for the verifier's tests on SQLite and PostgreSQL.

Each tampering runs inside a transaction the caller rolls back, as someone with write access
to the database would do it (the append-only triggers dropped first). Kinds: an edit of any
column of any row, a deletion, a swap of two rows' positions, an insertion (with a correctly
computed hash of its own), a truncation — and the same covered up by rewriting the head, or the
whole chain after the edit, which only an anchor noted beforehand can catch.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.store import Store
from app.store.chain import append, row_hash
from app.store.models import AUDIT_FIELDS
from app.store.values import GENESIS

COLUMNS = (*AUDIT_FIELDS, "hash")
KINDS = ("edit", "delete", "swap", "insert", "truncate", "truncate_fix_head", "rewrite_chain",
         "edit_head")
# Need the anchor (the attacker also fixed what the head or chain says).
COVERED_UP = frozenset({"truncate_fix_head", "rewrite_chain"})


def build_chain(store: Store, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with store.write() as session:
        for n in range(rows):
            append(session, actor=rnd.choice(["ana", "beto", "carla"]),
                   action=rnd.choice(["propose", "approve", "reject", "edit"]),
                   system=rnd.choice(["crm", "erp"]), entity="payments", record=f"RC-{n:05d}",
                   field="amount", old=f"{rnd.randint(-10**7, 10**7)}.00",
                   new=f"{rnd.randint(-10**7, 10**7)}.00", proposer="ana",
                   approver=rnd.choice([None, "carla"]), comment=rnd.choice([None, "ok", "=x"]),
                   outcome="approved", idempotency_key=f"k{n}")


def drop_guards(store: Store) -> None:
    with store.engine.begin() as conn:
        if store.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def restore_guards(conn: Connection) -> None:
    """What a careful insider does after tampering: the triggers back as Cuadre wrote them, so
    only the chain (and an anchor) can tell."""
    from app.store.triggers import install_guards

    install_guards(conn)


def read_rows(conn: Connection) -> list[dict[str, Any]]:
    result = conn.execute(text(f"SELECT {', '.join(COLUMNS)} FROM audit_log ORDER BY seq"))
    return [dict(r._mapping) for r in result]


def _changed(value: Any, column: str, rnd: random.Random) -> Any:
    if column == "seq":
        return value + rnd.randint(1, 5) * 100_000
    if value is None:
        return rnd.choice(["x", "-1", "carla"])
    if not value:
        return "x"
    # Same length (PostgreSQL silently trims trailing spaces that overflow a varchar(n)).
    i = rnd.randrange(len(value))
    return value[:i] + ("0" if value[i] != "0" else "1") + value[i + 1:]


def _set_head(conn: Connection, count: int, last: str) -> None:
    conn.execute(text("UPDATE audit_head SET count = :c, last_hash = :h WHERE id = 1"),
                 {"c": count, "h": last})


def _rewrite(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Recompute every hash (as an attacker who knows the algorithm would) and the head."""
    prev = GENESIS
    conn.execute(text("DELETE FROM audit_log"))
    chain = []
    for n, row in enumerate(rows, start=1):
        row = {**row, "seq": n, "prev_hash": prev}
        row["hash"] = prev = row_hash(row)
        chain.append(row)
    conn.execute(_INSERT, chain)
    _set_head(conn, len(rows), prev)


_INSERT = text(f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES "
               f"({', '.join(':' + c for c in COLUMNS)})")


def tamper(conn: Connection, kind: str, rnd: random.Random,
           rows: list[dict[str, Any]] | None = None) -> None:
    """One tampering of ``kind``; ``rows`` (the trail as it stands) is read when not given."""
    rows = read_rows(conn) if rows is None else rows
    n = len(rows)
    if kind == "edit":
        row = rnd.choice(rows)
        column = rnd.choice(COLUMNS)
        value = _changed(row[column], column, rnd)
        conn.execute(text(f"UPDATE audit_log SET {column} = :v WHERE seq = :s"),
                     {"v": value, "s": row["seq"]})
        where = value if column == "seq" else row["seq"]
        stored = conn.execute(text(f"SELECT {column} FROM audit_log WHERE seq = :s"),
                              {"s": where}).scalar()
        assert stored == value != row[column], column  # a real change, not a no-op
    elif kind == "edit_head":
        if rnd.random() < 0.5:
            _set_head(conn, n + rnd.choice([-1, 1, 2]), rows[-1]["hash"])
        else:
            _set_head(conn, n, _changed(rows[-1]["hash"], "hash", rnd))
    elif kind == "delete":
        seq = rnd.randint(1, n)
        conn.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": seq})
    elif kind == "swap":
        a, b = rnd.sample(range(1, n + 1), 2)
        conn.execute(text("UPDATE audit_log SET seq = :t WHERE seq = :a"), {"t": 10**7, "a": a})
        conn.execute(text("UPDATE audit_log SET seq = :a WHERE seq = :b"), {"a": a, "b": b})
        conn.execute(text("UPDATE audit_log SET seq = :b WHERE seq = :t"), {"b": b, "t": 10**7})
    elif kind == "insert":
        at = rnd.randint(1, n + 1)  # the new row's position (n + 1: at the end, head untouched)
        forged = {**rows[min(at, n) - 1], "comment": "forjada", "seq": at,
                  "prev_hash": rows[at - 2]["hash"] if at > 1 else GENESIS}
        forged["hash"] = row_hash(forged)
        conn.execute(text("UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= :a"), {"a": at})
        conn.execute(text("UPDATE audit_log SET seq = seq - 999999 WHERE seq >= 1000000"))
        conn.execute(_INSERT, forged)
    elif kind in ("truncate", "truncate_fix_head"):
        keep = rnd.randint(0, n - 1)
        conn.execute(text("DELETE FROM audit_log WHERE seq > :k"), {"k": keep})
        if kind == "truncate_fix_head":
            _set_head(conn, keep, rows[keep - 1]["hash"] if keep else GENESIS)
    elif kind == "rewrite_chain":
        target = rnd.randrange(n)
        column = rnd.choice([c for c in AUDIT_FIELDS if c not in ("seq", "prev_hash")])
        changed = [dict(r) for r in rows]
        changed[target][column] = _changed(changed[target][column], column, rnd)
        if rnd.random() < 0.3:
            del changed[rnd.randrange(n)]
        _rewrite(conn, changed)
    else:  # pragma: no cover
        raise ValueError(kind)
