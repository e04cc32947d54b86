"""Tamperings of a workspace store, generated systematically, as an attacker does them.

The attacker has the SQLite file (the workstation, a backup, the database server) and no
private key — or is beto, an insider with his own key in his keyring, who re-signs every row of
his own that he touches. Each tampering works on a raw ``sqlite3`` connection: the append-only
triggers are dropped first and put back exactly as they were afterwards (unless dropping them is
the tampering), and when it touches the trail the chain is recomputed after it — every row's
``prev_hash`` and ``hash`` and the head — so the chain alone never gives it away.

A case is a name and a function ``(connection, golden) -> None``; :func:`cases` generates them.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.connectors.rest.connector import RestConnector
from app.domain.schema import System
from app.security import signing
from app.store.chain import row_hash
from app.store.models import AUDIT_FIELDS

Tamper = Callable[[sqlite3.Connection, Any], None]
COLUMNS = (*AUDIT_FIELDS, "hash", "signature")
#: The audit columns an edit changes (seq and prev_hash are the chain's own).
EDITED = ("at", "actor", "action", "system", "entity", "record", "field", "old", "new",
          "proposer", "approver", "comment", "outcome", "idempotency_key", "correction_id",
          "signature")
PEOPLE = ("admin", "ana", "carla", "beto")


@dataclass(frozen=True)
class Case:
    name: str
    tamper: Tamper
    push: str | None = None  # a correction a push must refuse to send (None: verify only)
    anchored: bool = False  # verified with the anchor the session noted (else with none)


def insider_key(golden: Any) -> signing.Ed25519PrivateKey:
    """beto's private key, from the session's keyring."""
    [value] = [v for k, v in golden.keys.items() if k[1].split("/")[2] == "beto"]
    return signing.Ed25519PrivateKey.from_private_bytes(base64.b64decode(value[8:]))


ATTACKER = signing.new_key()  # a key nobody registered


def connectors(sandbox: Any) -> dict[System, RestConnector]:
    """REST connectors to the sandbox CRM and ERP (quick retries)."""
    return {s: RestConnector(sandbox.url(s.value), s, secret=sandbox.token,
                             retry_base_delay=0.01) for s in System}


# --- the chain, rewritten ------------------------------------------------------------------


def rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_log ORDER BY seq")
    return [dict(zip(COLUMNS, r, strict=True)) for r in cursor]


def write_rows(conn: sqlite3.Connection, new: list[dict[str, Any]],
               resign: signing.Ed25519PrivateKey | None = None, who: str = "beto") -> None:
    """Replace the whole trail by ``new`` (renumbered 1…n), the chain and head recomputed;
    ``resign``: the insider's key, re-signing his own rows."""
    conn.execute("DELETE FROM audit_log")
    prev = "0" * 64
    for seq, row in enumerate(new, start=1):
        row = {**row, "seq": seq, "prev_hash": prev}
        digest = row_hash(row)
        if resign is not None and row["actor"] == who and row["hash"] != digest:
            row["signature"] = signing.sign(resign, signing.row_message(digest))
        row["hash"] = prev = digest
        conn.execute(f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(COLUMNS))})", [row[c] for c in COLUMNS])
    conn.execute("UPDATE audit_head SET count = ?, last_hash = ? WHERE id = 1", (len(new), prev))


def _other(column: str, value: Any) -> Any:
    if column in ("actor", "proposer", "approver"):
        return "beto" if value != "beto" else "ana"
    if column == "action":
        return "approve" if value != "approve" else "reject"
    if column == "outcome":
        return "applied" if value != "applied" else "rejected"
    if column == "system":
        return "erp" if value != "erp" else "crm"
    if column == "at":
        return "2026-01-01T00:00:00+00:00" if value != "2026-01-01T00:00:00+00:00" else None
    if column == "idempotency_key":
        return "0" * 32
    return "x" if value is None else f"{value}x"


def edit_row(seq: int, column: str, *, insider: bool = False) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        trail = rows(conn)
        row = trail[seq - 1]
        if column == "signature":  # another row's signature, or none
            donor = trail[seq % len(trail)]["signature"]
            row["signature"] = donor if donor != row["signature"] else None
        else:
            row[column] = _other(column, row[column])
        write_rows(conn, trail, insider_key(golden) if insider else None)
    return tamper


def delete_row(seq: int) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        trail = rows(conn)
        del trail[seq - 1]
        write_rows(conn, trail)
    return tamper


def swap_rows(a: int, b: int, *, actors_only: bool = False) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        trail = rows(conn)
        if actors_only:
            trail[a - 1]["actor"], trail[b - 1]["actor"] = (trail[b - 1]["actor"],
                                                            trail[a - 1]["actor"])
        else:
            trail[a - 1], trail[b - 1] = trail[b - 1], trail[a - 1]
        write_rows(conn, trail, insider_key(golden))
    return tamper


def replay_row(seq: int) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        trail = rows(conn)
        write_rows(conn, [*trail, dict(trail[seq - 1])])
    return tamper


def truncate(n: int) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        write_rows(conn, rows(conn)[:-n])
    return tamper


def strip_signature(seq: int) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        conn.execute("UPDATE audit_log SET signature = NULL WHERE seq = ?", (seq,))
    return tamper


def forge_signature(seq: int, key: str) -> Tamper:
    """A signature by the insider's or an unregistered key, or garbage under the right id."""
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        digest, old = conn.execute("SELECT hash, signature FROM audit_log WHERE seq = ?",
                                   (seq,)).fetchone()
        if key == "garbage":
            forged = f"{old.split(':')[0]}:{base64.b64encode(bytes(64)).decode()}"
        else:
            forged = signing.sign(insider_key(golden) if key == "insider" else ATTACKER,
                                  signing.row_message(digest))
        conn.execute("UPDATE audit_log SET signature = ? WHERE seq = ?", (forged, seq))
    return tamper


def strip_everything(conn: sqlite3.Connection, golden: Any) -> None:
    """Every signature and key gone, the chain recomputed: a workspace that never signed."""
    trail = [dict(r, signature=None) for r in rows(conn) if not r["action"].startswith("key_")]
    write_rows(conn, trail)
    conn.execute("DELETE FROM person_keys")
    conn.execute("UPDATE corrections SET approval_signature = NULL")
    conn.execute("UPDATE periods SET signature = NULL")


# --- the tables ------------------------------------------------------------------------------


def set_value(table: str, key: str, ident: Any, column: str, value: Any) -> Tamper:
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, ident))
    return tamper


def table_edits(conn: sqlite3.Connection, table: str, key: str,
                columns: tuple[str, ...]) -> Iterator[tuple[str, Tamper]]:
    cursor = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table} ORDER BY {key}")
    for ident, *values in cursor.fetchall():
        for column, value in zip(columns, values, strict=True):
            if column in ("payload", "changes", "expected", "certificate"):
                changed = value.replace("@", "@x", 1) if "@" in value else value[:-1] + ',"x":1}'
            elif column in ("state",):
                changed = "applied" if value != "applied" else "queued"
            else:
                changed = _other(column, value)
            yield f"{table}[{ident}].{column}", set_value(table, key, ident, column, changed)


def swap_key(login: str, *, current: bool) -> Tamper:
    """The public key of a person replaced by the attacker's, in the keys' table."""
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        public = signing.public_text(ATTACKER)
        clause = "until_seq IS NULL" if current else "until_seq IS NOT NULL"
        conn.execute(f"UPDATE person_keys SET public_key = ? WHERE login = ? AND {clause}",
                     (public, login))
    return tamper


def resign_as(login: str, key: signing.Ed25519PrivateKey, conn: sqlite3.Connection) -> None:
    """The attacker's key made ``login``'s current key in the table (the real one closed)."""
    top = conn.execute("SELECT count FROM audit_head").fetchone()[0]
    conn.execute("UPDATE person_keys SET until_seq = ? WHERE login = ? AND until_seq IS NULL",
                 (top + 1, login))
    public = signing.public_text(key)
    conn.execute("INSERT INTO person_keys VALUES (?, ?, ?, ?, NULL)",
                 (signing.key_id(public), login, public, top + 1))


def append_row(conn: sqlite3.Connection, key: signing.Ed25519PrivateKey | None,
               **values: Any) -> None:
    """One row at the end of the trail, chained properly and signed with ``key``."""
    seq, prev = conn.execute("SELECT count, last_hash FROM audit_head").fetchone()
    row = {c: None for c in AUDIT_FIELDS}
    row.update(values, seq=seq + 1, prev_hash=prev, at="2026-12-08T01:00:00+00:00")
    row["hash"] = digest = row_hash(row)
    row["signature"] = signing.sign(key, signing.row_message(digest)) if key else None
    conn.execute(f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES "
                 f"({', '.join('?' * len(COLUMNS))})", [row[c] for c in COLUMNS])
    conn.execute("UPDATE audit_head SET count = ?, last_hash = ? WHERE id = 1", (seq + 1, digest))


def forged_approval(signer: str, *, with_row: bool, target: str = "proposed",
                    register: bool = False) -> Tamper:
    """A correction set to approved behind Cuadre's back, «approved by carla»: with no audit
    row, or an «approve» row signed by nobody, the insider, carla's lost key or the attacker's
    key (``register``: which the attacker also made carla's key in the table)."""
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        ident = getattr(golden, target)
        key = {"none": None, "insider": insider_key(golden), "attacker": ATTACKER,
               "lost": golden.lost_key}[signer]
        if register and key is not None:
            resign_as("carla", key, conn)
        token = "f" * 32
        payload_hash, proposer, field, new, old, system, entity, sid = conn.execute(
            "SELECT payload_hash, proposer, field, new_value, old_value, target_system, entity, "
            "source_id FROM corrections WHERE id = ?", (ident,)).fetchone()
        signature = signing.sign(key, signing.approval_message(
            ident, payload_hash, token, "carla")) if key else None
        conn.execute("UPDATE corrections SET state = 'approved', approver = 'carla', "
                     "approved_hash = payload_hash, idempotency_key = ?, decided_by = 'carla', "
                     "approval_signature = ? WHERE id = ?", (token, signature, ident))
        if with_row:
            append_row(conn, key, actor="carla", action="approve", system=system, entity=entity,
                       record=sid, field=field, old=old, new=new, proposer=proposer,
                       approver="carla", outcome="approved", idempotency_key=token,
                       correction_id=ident)
    return tamper


def payload_swap(conn: sqlite3.Connection, golden: Any) -> None:
    """The approved correction's new value changed after approval (hashes made to match)."""
    from app.store.values import sha256_hex

    payload, = conn.execute("SELECT payload FROM corrections WHERE id = ?",
                            (golden.pending,)).fetchone()
    changed = payload.replace("3109876543", "3000000000")
    conn.execute("UPDATE corrections SET payload = ?, payload_hash = ?, approved_hash = ?, "
                 "new_value = ? WHERE id = ?", (changed, sha256_hex(changed), sha256_hex(changed),
                                                json.dumps("3000000000"), golden.pending))


def smuggled_outbox(target: str, *, edit: bool = False) -> Tamper:
    """An outbox row written straight into the table: for a correction nobody approved, or
    for the approved one with other changes than approved."""
    def tamper(conn: sqlite3.Connection, golden: Any) -> None:
        ident = getattr(golden, target)
        sid, field, system, key, payload = conn.execute(
            "SELECT source_id, field, target_system, coalesce(idempotency_key, 'k'), payload "
            "FROM corrections WHERE id = ?", (ident,)).fetchone()
        decoded = json.loads(payload)
        changes = json.dumps({field: "3000000000" if edit else decoded["changes"][field]},
                             separators=(",", ":"))
        conn.execute("INSERT INTO outbox (correction_id, kind, idempotency_key, target_system, "
                     "entity, source_id, field, changes, expected, state, attempts, "
                     "enqueued_by, created_at, updated_at) VALUES (?, 'field', ?, ?, "
                     "'customers', ?, ?, ?, ?, 'queued', 0, 'carla', '2026-12-08 01:00:00', "
                     "'2026-12-08 01:00:00')",
                     (ident, key, system, sid, field, changes,
                      json.dumps(decoded["expected"], separators=(",", ":"))))
        conn.execute("UPDATE corrections SET state = 'queued' WHERE id = ?", (ident,))
    return tamper
