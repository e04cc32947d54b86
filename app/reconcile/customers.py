"""Customers: link CRM customers and ERP terceros by document number; report what differs.

Findings: only in one system, a field that differs on a linked pair (name, phone, email,
city — compared normalized, so "JUAN PÉREZ" equals "Juan Perez" and "+57 310…" equals
"310…"), a document held twice by one system, a NIT whose DV is wrong, and a field the ERP
requires (Cédula/NIT, Ciudad, Teléfono) that is missing. CRM leads that never bought are not
owed to the ERP and are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pandas as pd

from app.domain.schema import Entity, System, records
from app.domain.values import nit_check_digit, nit_dv_is_valid
from app.progress import CancelToken, Progress, Task
from app.reconcile import fuzzy
from app.reconcile.explain import explain
from app.reconcile.keys import join_on_key
from app.reconcile.profile import Profile
from app.reconcile.results import (
    Duplicate,
    EntityResult,
    Link,
    Mismatch,
    one_sided,
    with_counterparts,
)
from app.reconcile.scoring import Comparison, MatchSettings, Prepared, compare, prepare_frame


def display_name(r: dict[str, Any]) -> str | None:
    if r.get("company_name"):
        return str(r["company_name"])
    parts = [p for p in (r.get("first_names"), r.get("last_names")) if p]
    return " ".join(str(p) for p in parts) or None


def _validate(r: dict[str, Any], p: Prepared, system: System) -> Iterator[Mismatch]:
    sid = r["source_id"]
    doc = r.get("doc_number")
    if doc is None:
        yield one_sided("missing_document", system, sid, field="doc_number")
    elif r.get("doc_type") == "NIT" and r.get("check_digit") and not nit_dv_is_valid(
        doc, r["check_digit"]
    ):
        yield one_sided(
            "invalid_check_digit", system, sid, r["check_digit"], key=doc, field="check_digit",
            detail=nit_check_digit(doc) if len(doc) <= 15 else None,
        )
    if r.get("city_code") is None:
        yield one_sided("missing_city", system, sid, r.get("city_name"), key=doc, field="city_name")
    if p.phone is None:
        yield one_sided(
            "missing_phone", system, sid, r.get("phone"), key=doc, field="phone",
            detail="invalid_phone" if r.get("phone") else "missing",
        )


# (kind, comparison field, canonical field named in the finding, value shown)
_COMPARED: tuple[tuple[str, str, str, Callable[[dict[str, Any]], Any]], ...] = (
    ("name_differs", "name", "name", display_name),
    ("phone_differs", "phone", "phone", lambda r: r.get("phone")),
    ("email_differs", "email", "email", lambda r: r.get("email")),
    ("city_differs", "city", "city_code", lambda r: r.get("city_name")),
)


def reconcile_customers(
    crm: pd.DataFrame, erp: pd.DataFrame, profile: Profile | None = None,
    cancel: CancelToken | None = None,
) -> Task[EntityResult]:
    """Yields progress; returns the result."""
    settings = (profile or Profile()).match
    result = EntityResult(Entity.CUSTOMERS, crm=crm, erp=erp)
    crm_all = records(crm)
    crm_rows = [r for r in crm_all if r["is_customer"]]
    erp_rows = records(erp)
    total = len(crm_all) + len(erp_rows)
    # What matching needs of each record, computed once and shared by every stage below.
    crm_prepared = {p.source_id: p for p in prepare_frame(crm)}
    erp_prepared = {p.source_id: p for p in prepare_frame(erp)}
    for system, rows, prepared in (
        (System.CRM, crm_rows, crm_prepared), (System.ERP, erp_rows, erp_prepared)
    ):
        for r in rows:
            result.mismatches.extend(_validate(r, prepared[r["source_id"]], system))
    yield Progress("compare_customers", total // 5, total)
    _check(cancel)

    # 1. Exact keys: the document number.
    join = join_on_key(
        [r["source_id"] for r in crm_rows], [r["doc_number"] for r in crm_rows],
        [r["source_id"] for r in erp_rows], [r["doc_number"] for r in erp_rows],
    )
    crm_by_id = {r["source_id"]: r for r in crm_all}
    erp_by_id = {r["source_id"]: r for r in erp_rows}
    def prep(system: System, sid: str) -> Prepared:
        return (crm_prepared if system is System.CRM else erp_prepared)[sid]

    for n, (crm_id, erp_id, key) in enumerate(join.pairs):
        comparison = compare(prep(System.CRM, crm_id), prep(System.ERP, erp_id))
        result.links.append(Link(crm_id, erp_id, "doc_number", "auto", 1.0,
                                 comparison.levels, explain(comparison)))
        result.mismatches.extend(
            _field_differences(crm_by_id[crm_id], erp_by_id[erp_id], key, comparison))
        if n % 2000 == 0:
            _check(cancel)
    yield Progress("compare_customers", 2 * total // 5, total)

    # 2. Fuzzy residue: what the document could not link.
    in_groups = {i for d in join.duplicates for i in d.ids}
    crm_left = [s for s, _ in join.crm_only] + [s for s in join.crm_unkeyed if s not in in_groups]
    erp_left = [s for s, _ in join.erp_only] + [s for s in join.erp_unkeyed if s not in in_groups]
    left = [prep(System.CRM, s) for s in crm_left]
    right = [prep(System.ERP, s) for s in erp_left]
    linked_crm: set[str] = set()
    linked_erp: set[str] = set()
    for m in fuzzy.link(left, right, settings, cancel):
        crm_id, erp_id = crm_left[m.left], erp_left[m.right]
        linked_crm.add(crm_id)
        linked_erp.add(erp_id)
        c = m.scored.comparison
        why = explain(c)
        key = erp_by_id[erp_id]["doc_number"] or crm_by_id[crm_id]["doc_number"]
        result.links.append(Link(crm_id, erp_id, "fuzzy", m.scored.band, m.scored.score, c.levels, why))
        if m.scored.band == "auto":
            result.mismatches.extend(_field_differences(crm_by_id[crm_id], erp_by_id[erp_id], key, c))
        else:
            result.mismatches.append(Mismatch(
                "possible_match", crm_id, erp_id, key=key, score=m.scored.score, explanation=why,
                crm_value=display_name(crm_by_id[crm_id]), erp_value=display_name(erp_by_id[erp_id]),
                field="name",
            ))
    yield Progress("compare_customers", 3 * total // 5, total)

    result.mismatches = with_counterparts(result.mismatches, result.links)
    for sid, key in join.crm_only:
        if sid not in linked_crm:
            result.mismatches.append(Mismatch("only_in_crm", sid, None, key=key, system=System.CRM))
    for sid, key in join.erp_only:
        if sid not in linked_erp:
            result.mismatches.append(Mismatch("only_in_erp", None, sid, key=key, system=System.ERP))

    # 3. Duplicates within each system: same document, or the same person by name, phone…
    crm_groups = _duplicates(System.CRM, crm_all, crm_prepared,
                             [d for d in join.duplicates if d.system is System.CRM], settings, cancel)
    yield Progress("compare_customers", 4 * total // 5, total)
    erp_groups = _duplicates(System.ERP, erp_rows, erp_prepared,
                             [d for d in join.duplicates if d.system is System.ERP], settings, cancel)
    result.duplicates = crm_groups + erp_groups
    yield Progress("compare_customers", total, total)
    return result


def _field_differences(
    a: dict[str, Any], b: dict[str, Any], key: str | None, c: Comparison
) -> Iterator[Mismatch]:
    """A finding per field the comparison found different (both present, not equal)."""
    for kind, level_field, field, shown in _COMPARED:
        if c.levels.get(level_field) in ("close", "different"):
            yield Mismatch(kind, a["source_id"], b["source_id"], key=key, field=field,
                           crm_value=_text(shown(a)), erp_value=_text(shown(b)))


def _duplicates(
    system: System, rows: list[dict[str, Any]], by_id: dict[str, Prepared],
    exact: list[Duplicate], settings: MatchSettings, cancel: CancelToken | None,
) -> list[Duplicate]:
    """Exact-key groups, joined and extended by fuzzy edges within the same system."""
    index = {r["source_id"]: i for i, r in enumerate(rows)}
    prepared = [by_id[r["source_id"]] for r in rows]
    known = [[index[s] for s in d.ids if s in index] for d in exact]
    exact_sets = {frozenset(d.ids): d for d in exact}
    out: list[Duplicate] = []
    for members, edges in fuzzy.duplicate_groups(prepared, settings, cancel, known):
        ids = tuple(rows[i]["source_id"] for i in members)
        if edges:
            weakest = min(edges, key=lambda e: e.scored.score)
            comparison = weakest.scored.comparison
            score, band = weakest.scored.score, weakest.scored.band
        else:
            comparison = compare(prepared[members[0]], prepared[members[1]])
            score, band = 1.0, "auto"
        exact_group = exact_sets.get(frozenset(ids))
        if exact_group is not None:
            out.append(replace(exact_group, explanation=explain(comparison, same_system=True)))
        else:
            docs = {rows[i]["doc_number"] for i in members} - {None}
            out.append(Duplicate(system, next(iter(docs)) if len(docs) == 1 else None, ids,
                                 "fuzzy", band, score, explain(comparison, same_system=True)))
    return out


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
