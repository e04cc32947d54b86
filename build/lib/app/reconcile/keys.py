"""Exact-key joins: pair records that share a normalized key, report what a key cannot pair.

A key held once on each side pairs its two records. A key held by several records of one
system is a duplicate: it is reported as a group (DESIGN §5: never silently paired), and each
of its records is still linked to the records of the other system holding the key, so no
record drops out of the report and each one's fields are compared. A key held by more than
:data:`MAX_SHARED` records of one system is a placeholder ("0", "222222222222" for consumidor
final), not an identity: its records stay a duplicate group and pair nothing. Records
without a key are returned apart, for validation findings now and fuzzy matching later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.domain.invoices import invoice_key
from app.domain.schema import System
from app.reconcile.results import Duplicate

#: Invoice and receipt numbers: one number is one key (``app/domain/invoices.py``).
document_key = invoice_key

#: Records one system may hold under one key and still be paired with the other system's.
MAX_SHARED = 10

#: What a key join pairs: source ids, or row positions (the customer matcher's own).
RecordId = TypeVar("RecordId", str, int)


@dataclass(slots=True)
class KeyJoin(Generic[RecordId]):
    #: Keys held once on each side: (crm, erp, key).
    pairs: list[tuple[RecordId, RecordId, str]] = field(default_factory=list)
    #: Keys that several records of one system hold, present on both sides: every CRM record
    #: holding the key with every ERP record holding it, (crm, erp, key).
    shared_pairs: list[tuple[RecordId, RecordId, str]] = field(default_factory=list)
    #: Keys held by several records of one system: (system, key, records), a duplicate group.
    shared: list[tuple[System, str, tuple[RecordId, ...]]] = field(default_factory=list)
    #: Records whose key the other system does not hold (a shared key's records included).
    crm_only: list[tuple[RecordId, str]] = field(default_factory=list)  # (record, key)
    erp_only: list[tuple[RecordId, str]] = field(default_factory=list)
    crm_unkeyed: list[RecordId] = field(default_factory=list)
    erp_unkeyed: list[RecordId] = field(default_factory=list)

    def all_pairs(self) -> list[tuple[RecordId, RecordId, str]]:
        return self.pairs + self.shared_pairs


def duplicates(join: KeyJoin[str]) -> list[Duplicate]:
    """The shared keys of a join on source ids, as findings."""
    return [Duplicate(system, key, ids) for system, key, ids in join.shared]


def _group(ids: Iterable[RecordId], keys: Iterable[str | None]
           ) -> tuple[dict[str, RecordId], dict[str, list[RecordId]], list[RecordId]]:
    """Records by key: those alone on their key, those sharing one, and those without.

    Counting first (in C) keeps the common case — every key held once — to two passes."""
    ids, keys = list(ids), list(keys)
    counts = Counter(keys)
    counts.pop(None, None)
    repeated = {k for k, c in counts.items() if c > 1}
    single = {k: sid for k, sid in zip(keys, ids, strict=True) if k is not None and k not in repeated}
    shared: dict[str, list[RecordId]] = {}
    if repeated:
        for sid, k in zip(ids, keys, strict=True):
            if k in repeated:
                shared.setdefault(k, []).append(sid)  # type: ignore[arg-type]
    unkeyed = [sid for sid, k in zip(ids, keys, strict=True) if k is None] if None in keys else []
    return single, shared, unkeyed


def join_on_key(
    crm_ids: Iterable[RecordId],
    crm_keys: Iterable[str | None],
    erp_ids: Iterable[RecordId],
    erp_keys: Iterable[str | None],
) -> KeyJoin[RecordId]:
    crm, crm_shared, crm_unkeyed = _group(crm_ids, crm_keys)
    erp, erp_shared, erp_unkeyed = _group(erp_ids, erp_keys)
    out: KeyJoin[RecordId] = KeyJoin(crm_unkeyed=crm_unkeyed, erp_unkeyed=erp_unkeyed)
    for system, shared in ((System.CRM, crm_shared), (System.ERP, erp_shared)):
        out.shared.extend((system, key, tuple(ids)) for key, ids in shared.items())
    out.pairs = [(sid, erp[key], key) for key, sid in crm.items() if key in erp]
    out.crm_only = [(sid, key) for key, sid in crm.items() if key not in erp and key not in erp_shared]
    out.erp_only = [(sid, key) for key, sid in erp.items() if key not in crm and key not in crm_shared]
    out.crm_only += [(sid, key) for key, ids in crm_shared.items()
                     if key not in erp and key not in erp_shared for sid in ids]
    out.erp_only += [(sid, key) for key, ids in erp_shared.items()
                     if key not in crm and key not in crm_shared for sid in ids]
    # A key several records of one system hold: each of them with each holder on the other side.
    for key in crm_shared.keys() | erp_shared.keys():
        crm_holders = crm_shared.get(key) or ([crm[key]] if key in crm else [])
        erp_holders = erp_shared.get(key) or ([erp[key]] if key in erp else [])
        if not crm_holders or not erp_holders:
            continue
        if len(crm_holders) <= MAX_SHARED and len(erp_holders) <= MAX_SHARED:
            out.shared_pairs.extend((c, e, key) for c in crm_holders for e in erp_holders)
        elif key in crm:  # a placeholder: the lone record facing it is unpaired, not lost
            out.crm_only.append((crm[key], key))
        elif key in erp:
            out.erp_only.append((erp[key], key))
    out.shared_pairs.sort(key=lambda p: (str(p[2]), p[0], p[1]))
    return out
