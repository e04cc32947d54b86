"""Exact-key joins: pair records that share a normalized key, report what a key cannot pair.

A key held by two records of one system is a duplicate: it is reported and neither side is
paired on it (DESIGN §5: never silently paired). Records without a key are returned apart, for
validation findings now and fuzzy matching later.
"""

from __future__ import annotations

import re
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


def _group(ids: Iterable[str], keys: Iterable[str | None]) -> tuple[dict[str, list[str]], list[str]]:
    groups: dict[str, list[str]] = {}
    unkeyed: list[str] = []
    for sid, key in zip(ids, keys, strict=True):
        if key is None:
            unkeyed.append(sid)
        else:
            groups.setdefault(key, []).append(sid)
    return groups, unkeyed


def join_on_key(
    crm_ids: Iterable[str],
    crm_keys: Iterable[str | None],
    erp_ids: Iterable[str],
    erp_keys: Iterable[str | None],
) -> KeyJoin:
    crm, crm_unkeyed = _group(crm_ids, crm_keys)
    erp, erp_unkeyed = _group(erp_ids, erp_keys)
    out = KeyJoin(crm_unkeyed=crm_unkeyed, erp_unkeyed=erp_unkeyed)
    for system, groups in ((System.CRM, crm), (System.ERP, erp)):
        out.duplicates.extend(
            Duplicate(system, key, tuple(ids)) for key, ids in groups.items() if len(ids) > 1
        )
    for key, ids in crm.items():
        other = erp.get(key)
        if len(ids) > 1 or (other is not None and len(other) > 1):
            continue  # reported as a duplicate
        if other is None:
            out.crm_only.append((ids[0], key))
        else:
            out.pairs.append((ids[0], other[0], key))
    for key, ids in erp.items():
        if len(ids) == 1 and key not in crm:
            out.erp_only.append((ids[0], key))
    return out
