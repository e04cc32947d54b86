"""Exact-key joins: pair records that share a normalized key, report what a key cannot pair.

A key held by two records of one system is a duplicate: it is reported and neither side is
paired on it (DESIGN §5: never silently paired). Records without a key are returned apart, for
validation findings now and fuzzy matching later.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.domain.schema import System
from app.domain.values import clean_text
from app.reconcile.results import Duplicate

_DOC_NUMBER = re.compile(r"^(.*?)[\s\-]*0*(\d+)$")


def document_key(raw: object) -> str | None:
    """Prefix + number of an invoice or receipt: "FEB-01000" = "FEB 1000" = "feb1000"."""
    text = clean_text(raw)
    if text is None:
        return None
    compact = text.upper().replace(" ", "-")
    m = _DOC_NUMBER.match(compact)
    if not m:
        return compact
    prefix = m.group(1).strip("-. ")
    return f"{prefix}-{m.group(2)}" if prefix else m.group(2)


#: What a key join pairs: source ids, or row positions (the customer matcher's own).
RecordId = TypeVar("RecordId", str, int)


@dataclass(slots=True)
class KeyJoin(Generic[RecordId]):
    pairs: list[tuple[RecordId, RecordId, str]] = field(default_factory=list)  # (crm, erp, key)
    #: Keys held by several records of one system: (system, key, records), never paired.
    shared: list[tuple[System, str, tuple[RecordId, ...]]] = field(default_factory=list)
    crm_only: list[tuple[RecordId, str]] = field(default_factory=list)  # (record, key)
    erp_only: list[tuple[RecordId, str]] = field(default_factory=list)
    crm_unkeyed: list[RecordId] = field(default_factory=list)
    erp_unkeyed: list[RecordId] = field(default_factory=list)


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
    # A key held twice on either side is reported as a duplicate and pairs nothing.
    out.pairs = [(sid, erp[key], key) for key, sid in crm.items() if key in erp]
    out.crm_only = [(sid, key) for key, sid in crm.items() if key not in erp and key not in erp_shared]
    out.erp_only = [(sid, key) for key, sid in erp.items() if key not in crm and key not in crm_shared]
    return out
