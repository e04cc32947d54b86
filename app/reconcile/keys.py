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


@dataclass(slots=True)
class KeyJoin:
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (crm_id, erp_id, key)
    duplicates: list[Duplicate] = field(default_factory=list)
    crm_only: list[tuple[str, str]] = field(default_factory=list)  # (id, key)
    erp_only: list[tuple[str, str]] = field(default_factory=list)
    crm_unkeyed: list[str] = field(default_factory=list)
    erp_unkeyed: list[str] = field(default_factory=list)


def _group(ids: Iterable[str], keys: Iterable[str | None]
           ) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """Records by key: those alone on their key, those sharing one, and those without.

    Counting first (in C) keeps the common case — every key held once — to two passes."""
    ids, keys = list(ids), list(keys)
    counts = Counter(keys)
    counts.pop(None, None)
    repeated = {k for k, c in counts.items() if c > 1}
    single = {k: sid for k, sid in zip(keys, ids, strict=True) if k is not None and k not in repeated}
    shared: dict[str, list[str]] = {}
    if repeated:
        for sid, k in zip(ids, keys, strict=True):
            if k in repeated:
                shared.setdefault(k, []).append(sid)  # type: ignore[arg-type]
    unkeyed = [sid for sid, k in zip(ids, keys, strict=True) if k is None] if None in keys else []
    return single, shared, unkeyed


def join_on_key(
    crm_ids: Iterable[str],
    crm_keys: Iterable[str | None],
    erp_ids: Iterable[str],
    erp_keys: Iterable[str | None],
) -> KeyJoin:
    crm, crm_shared, crm_unkeyed = _group(crm_ids, crm_keys)
    erp, erp_shared, erp_unkeyed = _group(erp_ids, erp_keys)
    out = KeyJoin(crm_unkeyed=crm_unkeyed, erp_unkeyed=erp_unkeyed)
    for system, shared in ((System.CRM, crm_shared), (System.ERP, erp_shared)):
        out.duplicates.extend(Duplicate(system, key, tuple(ids)) for key, ids in shared.items())
    # A key held twice on either side is reported as a duplicate and pairs nothing.
    out.pairs = [(sid, erp[key], key) for key, sid in crm.items() if key in erp]
    out.crm_only = [(sid, key) for key, sid in crm.items() if key not in erp and key not in erp_shared]
    out.erp_only = [(sid, key) for key, sid in erp.items() if key not in crm and key not in crm_shared]
    return out
