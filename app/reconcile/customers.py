"""Customers: link CRM customers and ERP terceros by document number; report what differs.

Findings: only in one system, a field that differs on a linked pair (name, phone, email,
city — compared normalized, so "JUAN PÉREZ" equals "Juan Perez" and "+57 310…" equals
"310…"), a document held twice by one system, a NIT whose DV is wrong, and a field the ERP
requires (Cédula/NIT, Ciudad, Teléfono) that is missing. CRM leads that never bought are not
owed to the ERP and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from app.domain.schema import Entity, System, records
from app.domain.values import fold, nit_check_digit, nit_dv_is_valid, normalize_phone
from app.progress import CancelToken, Progress
from app.reconcile.keys import join_on_key
from app.reconcile.results import EntityResult, Link, Mismatch, one_sided, with_counterparts

_PUNCT = re.compile(r"[^\w\s&]")


def display_name(r: dict[str, Any]) -> str | None:
    if r.get("company_name"):
        return str(r["company_name"])
    parts = [p for p in (r.get("first_names"), r.get("last_names")) if p]
    return " ".join(str(p) for p in parts) or None


def name_key(r: dict[str, Any]) -> str | None:
    """Accents, case, punctuation and spacing folded: "S.A.S." = "SAS", "PÉREZ" = "Perez"."""
    name = display_name(r)
    if name is None:
        return None
    return " ".join(_PUNCT.sub("", fold(name)).split()) or None


def _validate(r: dict[str, Any], system: System) -> Iterator[Mismatch]:
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
    if normalize_phone(r.get("phone")) is None:
        yield one_sided(
            "missing_phone", system, sid, r.get("phone"), key=doc, field="phone",
            detail="invalid_phone" if r.get("phone") else "missing",
        )


_COMPARED = (
    ("name_differs", "name", name_key, display_name),
    ("phone_differs", "phone", lambda r: normalize_phone(r.get("phone")), lambda r: r.get("phone")),
    ("email_differs", "email", lambda r: r.get("email"), lambda r: r.get("email")),
    ("city_differs", "city_code", lambda r: r.get("city_code"), lambda r: r.get("city_name")),
)


def reconcile_customers(
    crm: pd.DataFrame, erp: pd.DataFrame, cancel: CancelToken | None = None
) -> Iterator[Progress | EntityResult]:
    """Yields progress, then the result as its last item."""
    result = EntityResult(Entity.CUSTOMERS, crm=crm, erp=erp)
    crm_rows = [r for r in records(crm) if r["is_customer"]]
    erp_rows = records(erp)
    total = len(crm_rows) + len(erp_rows)
    for system, rows in ((System.CRM, crm_rows), (System.ERP, erp_rows)):
        for r in rows:
            result.mismatches.extend(_validate(r, system))
    yield Progress("compare_customers", total // 3, total)
    if cancel:
        cancel.check()

    join = join_on_key(
        [r["source_id"] for r in crm_rows], [r["doc_number"] for r in crm_rows],
        [r["source_id"] for r in erp_rows], [r["doc_number"] for r in erp_rows],
    )
    result.duplicates = join.duplicates
    crm_by_id = {r["source_id"]: r for r in crm_rows}
    erp_by_id = {r["source_id"]: r for r in erp_rows}
    for n, (crm_id, erp_id, key) in enumerate(join.pairs):
        result.links.append(Link(crm_id, erp_id, "doc_number", "auto", 1.0))
        a, b = crm_by_id[crm_id], erp_by_id[erp_id]
        for kind, field, normalize, shown in _COMPARED:
            va, vb = normalize(a), normalize(b)
            if va is not None and vb is not None and va != vb:
                result.mismatches.append(Mismatch(
                    kind, crm_id, erp_id, key=key, field=field,
                    crm_value=_text(shown(a)), erp_value=_text(shown(b)),
                ))
        if cancel and n % 2000 == 0:
            cancel.check()
    result.mismatches = with_counterparts(result.mismatches, result.links)
    for sid, key in join.crm_only:
        result.mismatches.append(Mismatch("only_in_crm", sid, None, key=key, system=System.CRM))
    for sid, key in join.erp_only:
        result.mismatches.append(Mismatch("only_in_erp", None, sid, key=key, system=System.ERP))
    yield Progress("compare_customers", total, total)
    yield result


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
