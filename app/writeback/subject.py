"""«Exportar datos del titular» (Ley 1581): everything held about one document number.

:func:`subject_export` gathers, from both systems, the person's customer records (those with
the document and those linked to them), the payments, vehicles and deals that name the
document, the findings about any of those records and — given a :class:`Report` — the
proposals and merges about them, as a JSON-ready dict (money and dates as text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from app import __version__
from app.domain.schema import Entity, System, records
from app.domain.values import normalize_doc_number
from app.reconcile.results import Mismatch, Report
from app.writeback.merges import merge_proposals
from app.writeback.proposals import propose
from app.writeback.values import to_json_value

FORMAT = "cuadre-titular"
VERSION = 1

Frames = Mapping[System | str, Mapping[Entity | str, pd.DataFrame | None]]


def subject_export(source: Report | Frames, doc_number: str, *,
                   deals: pd.DataFrame | None = None,
                   system_of_record: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What Cuadre holds about ``doc_number`` in both systems.

    ``source`` is a reconciliation :class:`Report` (its canonical frames, findings and the
    proposals computed from it) or frames as ``{system: {entity: frame}}``. A report has no
    deals (they are not reconciled): pass the CRM's deals frame as ``deals``.
    """
    doc = normalize_doc_number(doc_number) or str(doc_number).strip()
    report = source if isinstance(source, Report) else None
    frames = _report_frames(source) if isinstance(source, Report) else _frames(source)
    if deals is not None:
        frames[(System.CRM, Entity.DEALS)] = deals
    held: dict[str, dict[str, list[dict[str, Any]]]] = {s.value: {} for s in System}
    ids: dict[tuple[System, Entity], set[str]] = {}
    for (system, entity), df in frames.items():
        rows = _about(df, entity, doc)
        ids[(system, entity)] = {str(r["source_id"]) for r in rows}
        held[system.value][entity.value] = [{k: to_json_value(v) for k, v in r.items()}
                                            for r in rows]
    out: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "cuadre_version": __version__,
        "doc_number": doc, "generated_at": datetime.now(UTC).isoformat(), "systems": held,
        "findings": [], "proposals": [], "merges": [], "credit_notes": [],
    }
    if report is None:
        return out
    _add_linked_customers(report, doc, held, ids)
    for entity, result in report.results.items():
        crm_ids = ids.get((System.CRM, entity), set())
        erp_ids = ids.get((System.ERP, entity), set())
        for m in result.findings():
            if _concerns(m, crm_ids, erp_ids, doc):
                out["findings"].append({"entity": entity.value, **_finding(m)})
    for p in propose(report, system_of_record):
        crm_ids = ids.get((System.CRM, p.entity), set())
        erp_ids = ids.get((System.ERP, p.entity), set())
        if p.crm_id in crm_ids or p.erp_id in erp_ids or p.key == doc:
            out["proposals"].append(p.to_json())
            if p.credit_note is not None:
                out["credit_notes"].append(p.credit_note.to_json())
    for merge in merge_proposals(report, system_of_record):
        mine = ids.get((merge.system, merge.entity), set())
        if mine.intersection(merge.ids) or merge.key == doc:
            out["merges"].append(merge.to_json())
    return out


def _frames(source: Frames) -> dict[tuple[System, Entity], pd.DataFrame | None]:
    return {(System(s), Entity(e)): df for s, by_entity in source.items()
            for e, df in by_entity.items()}


def _report_frames(report: Report) -> dict[tuple[System, Entity], pd.DataFrame | None]:
    out: dict[tuple[System, Entity], pd.DataFrame | None] = {}
    for entity, result in report.results.items():
        out[(System.CRM, entity)] = result.crm
        out[(System.ERP, entity)] = result.erp
    return out


_DOC_COLUMN = {Entity.CUSTOMERS: "doc_number", Entity.PAYMENTS: "customer_doc",
               Entity.VEHICLES: "customer_doc", Entity.DEALS: "customer_doc"}


def _about(df: pd.DataFrame | None, entity: Entity, doc: str) -> list[dict[str, Any]]:
    column = _DOC_COLUMN[entity]
    if df is None or column not in df.columns or not len(df):
        return []
    hits = df[df[column].map(lambda v: v is not None and normalize_doc_number(v) == doc)]
    return records(hits)


def _add_linked_customers(report: Report, doc: str, held: dict[str, dict[str, list[dict[str, Any]]]],
                          ids: dict[tuple[System, Entity], set[str]]) -> None:
    """Customer records linked to the person's without the document (a CRM contact with no
    cédula that the matcher linked by name, phone and e-mail) are the person's too."""
    result = report.results.get(Entity.CUSTOMERS)
    if result is None:
        return
    crm_ids = ids.setdefault((System.CRM, Entity.CUSTOMERS), set())
    erp_ids = ids.setdefault((System.ERP, Entity.CUSTOMERS), set())
    for link in result.links:
        for mine, theirs, system in ((link.crm_id, link.erp_id, System.ERP),
                                     (link.erp_id, link.crm_id, System.CRM)):
            known = erp_ids if system is System.ERP else crm_ids
            owners = crm_ids if system is System.ERP else erp_ids
            if mine in owners and theirs not in known:
                record = result.record(system, theirs)
                if record is not None:
                    known.add(theirs)
                    held[system.value].setdefault(Entity.CUSTOMERS.value, []).append(
                        {k: to_json_value(v) for k, v in record.items()})


def _concerns(m: Mismatch, crm_ids: set[str], erp_ids: set[str], doc: str) -> bool:
    group = crm_ids if m.system is System.CRM else erp_ids
    return (m.crm_id in crm_ids or m.erp_id in erp_ids or m.key == doc
            or bool(group.intersection(m.ids))
            or (m.field in ("customer_doc", "doc_number") and doc in (m.crm_value, m.erp_value)))


def _finding(m: Mismatch) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(m):
        value = getattr(m, f.name)
        if isinstance(value, System):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        else:
            value = to_json_value(value)
        out[f.name] = value
    return out
