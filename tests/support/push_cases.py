"""Approved corrections against the sandbox, and the checks every push test makes.

A *case* is one approved correction of a customer's e-mail in the sandbox CRM or ERP (ids that
are no other id's prefix, so a fault rule on ``/erp/customers/1000`` matches that record only),
with the value it should end with. The sandbox counts a record's writes in its ETag
(``"v1"`` as seeded, one more per applied write), so "applied once" is ``"v2"``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.audit import verify
from app.connectors.rest.connector import RestConnector
from app.demo.sandbox import Sandbox
from app.domain.schema import Entity
from app.store import Store
from app.writeback import corrections as c
from app.writeback import outbox
from app.writeback.people import add_person

#: The sandbox's e-mail column in each system's customer records.
EMAIL = {"crm": "correo", "erp": "email"}
TERMINAL = ("applied", "conflict", "rejected", "failed")


@dataclass(frozen=True, slots=True)
class Case:
    correction_id: str
    system: str
    source_id: str
    old: str | None
    new: str

    @property
    def path(self) -> str:
        return f"/{self.system}/customers/{self.source_id}"


def staff(store: Store) -> None:
    add_person(store, None, "admin", "Administración", ["admin"])
    add_person(store, "admin", "ana", "Ana Proponente", ["proposer"])
    add_person(store, "admin", "carla", "Carla Aprobadora", ["approver"])
    add_person(store, "admin", "dora", "Dora Auditora", ["auditor"])


def record_ids(sandbox: Sandbox, n: int) -> list[tuple[str, str]]:
    """``n`` customers, alternating CRM and ERP, each record once; only ids that are no other
    id's prefix (a fault rule's path matches by prefix)."""
    pools = []
    for system, table in (("crm", "contactos"), ("erp", "terceros")):
        keys = sorted(sandbox.store.tables[system][table])
        pools.append([(system, k) for k in keys
                      if not any(o != k and o.startswith(k) for o in keys[keys.index(k):][:60])
                      and not (system == "erp" and len(k) < 4)])
    if n > 2 * min(len(p) for p in pools):
        raise ValueError("not that many sandbox customers")
    return [pools[i % 2][i // 2] for i in range(n)]


def approved(store: Store, sandbox: Sandbox, n: int, tag: str = "n") -> list[Case]:
    """``n`` approved corrections (proposed by ana, approved by carla): each customer's e-mail
    from what the sandbox holds now, as the connector reads it (the canonical value: the
    precondition the compare-and-set checks), to a new address."""
    cases = []
    readers = {s: RestConnector(sandbox.url(s), s, secret=sandbox.token) for s in EMAIL}
    try:
        olds = [(system, sid, readers[system].read(Entity.CUSTOMERS, sid)["email"])  # type: ignore[index]
                for system, sid in record_ids(sandbox, n)]
    finally:
        for reader in readers.values():
            reader.close()
    for i, (system, sid, old) in enumerate(olds):
        new = f"{tag}{i}.{sid.lower()}@correo-nuevo.co"
        made = c.propose(store, "ana", entity="customers", system=system, source_id=sid,
                         field="email", old=old, new=new)
        c.approve(store, "carla", made.id)
        cases.append(Case(made.id, system, sid, old, new))
    return cases


def third_party_edit(sandbox: Sandbox, case: Case, value: str) -> None:
    """Someone else changes the e-mail in the system, between approval and push."""
    _, etag = sandbox.store.get(case.system, "customers", case.source_id)
    sandbox.store.patch(case.system, "customers", case.source_id, {EMAIL[case.system]: value},
                        etag)


def held(sandbox: Sandbox, case: Case) -> tuple[str | None, str]:
    """(the e-mail the system holds, the record's ETag)."""
    record, etag = sandbox.store.get(case.system, "customers", case.source_id)
    return record[EMAIL[case.system]], etag


def patches(sandbox: Sandbox, case: Case) -> int:
    return len([r for r in sandbox.requests(case.path) if r.method == "PATCH"])


def correction_states(store: Store) -> dict[str, str]:
    return {v.id: v.state for v in c.listing(store)}


def check_final(store: Store, sandbox: Sandbox, cases: Iterable[Case],
                conflicts: dict[str, str] | None = None) -> None:
    """The end state of a push: every correction terminal, its current outbox row (one per
    approval) too; an applied one is in the system exactly once (ETag v2); a conflict left the
    third party's value alone (its one write: v2) and kept both values; the audit trail
    verifies."""
    conflicts = conflicts or {}
    states = correction_states(store)
    rows: dict[str, outbox.OutboxItem] = {}
    for item in outbox.listing(store):  # one row per approval: the last one is the current
        earlier = rows.get(item.correction_id)
        assert earlier is None or (earlier.terminal and earlier.key != item.key), \
            f"two outbox rows for one approval of {item.correction_id}"
        rows[item.correction_id] = item
    for case in cases:
        item = rows[case.correction_id]
        value, etag = held(sandbox, case)
        if case.correction_id in conflicts:
            assert (item.state, states[case.correction_id]) == ("conflict", "conflict"), case
            assert value == conflicts[case.correction_id] and etag == '"v2"', (case, value, etag)
            assert item.found == f'"{conflicts[case.correction_id]}"'
        else:
            assert (item.state, states[case.correction_id]) == ("applied", "applied"), \
                (case, item)
            assert (value, etag) == (case.new, '"v2"'), (case, value, etag)
        assert item.key and item.attempts >= 1
    result = verify(store)
    assert result.ok, result.message


def applied_once(store: Store, sandbox: Sandbox, cases: Iterable[Case]) -> None:
    """The sandbox applied each applied case's key exactly once (a repeat answered from its
    idempotency log does not count)."""
    for case in cases:
        item = outbox.latest(store, case.correction_id)
        assert item is not None
        if item.state == "applied":
            assert sandbox.applied_keys[item.key] == 1, (case, sandbox.applied_keys[item.key])


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of the store file, on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
