"""«Exportar datos del titular» (Ley 1581): everything held about one document number.

:func:`subject_export` gathers, from both systems, the person's customer records (those with
the document and those linked to them), the payments, vehicles and deals that name the
document, the findings about any of those records and — given a :class:`Report` — the
proposals and merges about them, as a JSON-ready dict (money and dates as text).

Given the workspace store, it adds what Cuadre itself keeps about the person: the corrections
and merges proposed, decided or pushed for any of those records (with their comments) and the
audit rows about them (:func:`workspace_records`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from app import __version__
from app.audit.query import AuditEntry, rows_about
from app.domain.schema import Entity, System, records
from app.domain.values import normalize_doc_number
from app.paths import atomic_write
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Mismatch, Report
from app.store.db import Store
from app.writeback.corrections import CorrectionView, comments, listing
from app.writeback.merges import merge_proposals
from app.writeback.proposals import propose
from app.writeback.values import to_json_value

FORMAT = "cuadre-titular"
VERSION = 2  # 2: the workspace store's corrections and audit rows

Frames = Mapping[System | str, Mapping[Entity | str, pd.DataFrame | None]]


def subject_export(source: Report | Frames, doc_number: str, *,
                   deals: pd.DataFrame | None = None,
                   system_of_record: Mapping[str, str] | None = None,
                   store: Store | None = None, workspace: str | None = None) -> dict[str, Any]:
    """What Cuadre holds about ``doc_number`` in both systems.

    ``source`` is a reconciliation :class:`Report` (its canonical frames, findings and the
    proposals computed from it) or frames as ``{system: {entity: frame}}``. A report holds the
    CRM's deals when its source had them; ``deals`` gives (or overrides) them. With ``store``
    (the workspace store) the export also holds its corrections, merges and audit rows about
    the person's records — those of ``workspace`` (and of none) when it is given.
    """
    doc = normalize_doc_number(doc_number) or str(doc_number).strip()
    report = source if isinstance(source, Report) else None
    frames = _report_frames(source) if isinstance(source, Report) else _frames(source)
    if deals is None and report is not None:
        deals = report.deals
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
        "corrections": [], "audit": [],
    }
    if report is not None:
        _add_linked_customers(report, doc, held, ids)
        _add_report(out, report, doc, ids, system_of_record)
    if store is not None:
        out["corrections"], out["audit"] = workspace_records(store, doc, ids, workspace)
    return out


def _add_report(out: dict[str, Any], report: Report, doc: str,
                ids: dict[tuple[System, Entity], set[str]],
                system_of_record: Mapping[str, str] | None) -> None:
    """The findings, proposals, merges and credit notes of ``report`` about the records."""
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


# --- what the workspace store keeps ---------------------------------------------------------


def workspace_records(store: Store, doc: str, ids: Mapping[tuple[System, Entity], set[str]],
                      workspace: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The corrections (field and merge) about the person — one of their records is the one
    corrected, merged or re-pointed, or the document is the value read or written — with
    their comments, and the audit rows about those corrections or records."""
    mine: list[CorrectionView] = []
    for view in listing(store):
        if workspace is not None and view.workspace not in (None, workspace):
            continue
        if _names_person(view, doc, ids):
            mine.append(view)
    corrections = [_correction(store, v) for v in mine]
    records: set[str] = set().union(*ids.values()) if ids else set()
    chosen = {v.id for v in mine}
    audit = [_audit_entry(entry)
             for entry in rows_about(store, correction_ids=chosen, records=records)
             if entry.correction_id in chosen or _entry_names_person(entry, ids)]
    return corrections, audit


def _names_person(view: CorrectionView, doc: str,
                  ids: Mapping[tuple[System, Entity], set[str]]) -> bool:
    group = ids.get((view.system, view.entity), set())
    if view.source_id in group:
        return True
    if view.field in ("doc_number", "customer_doc") and doc in (
            normalize_doc_number(view.old_value), normalize_doc_number(view.new_value)):
        return True
    payload = view.payload
    involved = {str(payload.get("survivor") or ""), *(str(m) for m in payload.get("merged") or ())}
    if group.intersection(involved):
        return True
    for child in payload.get("children") or ():
        child_ids = ids.get((view.system, Entity(child["entity"])), set())
        if str(child.get("source_id")) in child_ids or doc in (
                normalize_doc_number(child.get("old")), normalize_doc_number(child.get("new"))):
            return True
    return False


def _entry_names_person(entry: AuditEntry,
                        ids: Mapping[tuple[System, Entity], set[str]]) -> bool:
    """An audit row about one of the person's records (the same id in the same system)."""
    try:
        key = (System(entry.system or ""), Entity(entry.entity or ""))
    except ValueError:
        return False
    return entry.record in ids.get(key, set())


def _plain(value: Any) -> Any:
    """A payload value as JSON (dicts and lists walked, leaves as :func:`to_json_value`)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return to_json_value(value)


def _correction(store: Store, view: CorrectionView) -> dict[str, Any]:
    return {
        "id": view.id, "kind": view.kind, "state": view.state, "system": view.system.value,
        "entity": view.entity.value, "source_id": view.source_id, "field": view.field,
        "old": to_json_value(view.old_value), "new": to_json_value(view.new_value),
        "proposer": view.proposer, "approver": view.approver, "decided_by": view.decided_by,
        "created_at": to_json_value(view.created_at), "updated_at": to_json_value(view.updated_at),
        "reverts": view.reverts, "idempotency_key": view.idempotency_key,
        "payload": _plain(view.payload),
        "comments": [{"at": to_json_value(at), "author": who, "action": action, "text": text}
                     for at, who, action, text in comments(store, view.id)],
    }


def _audit_entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq, "at": entry.at.isoformat(), "actor": entry.actor,
        "action": entry.action, "action_name": entry.action_name, "system": entry.system,
        "entity": entry.entity, "record": entry.record, "field": entry.field,
        "old": to_json_value(entry.old_value), "new": to_json_value(entry.new_value),
        "proposer": entry.proposer, "approver": entry.approver, "comment": entry.comment,
        "outcome": entry.outcome, "idempotency_key": entry.idempotency_key,
        "correction_id": entry.correction_id, "hash": entry.hash,
    }


def _frames(source: Frames) -> dict[tuple[System, Entity], pd.DataFrame | None]:
    return {(System(s), Entity(e)): df for s, by_entity in source.items()
            for e, df in by_entity.items()}


def export_task(source: Report | Frames, doc_number: str, path: Path, *,
                deals: Callable[[], pd.DataFrame | None] | None = None,
                system_of_record: Mapping[str, str] | None = None,
                store: Store | None = None, workspace: str | None = None,
                cancel: CancelToken | None = None) -> Task[Path]:
    """:func:`subject_export` written to ``path`` as a task (the window runs it off the GUI
    thread); ``deals`` reads the CRM's deals first when given (a report has none)."""
    yield Progress("subject_export", 0, 1)
    frame = deals() if deals is not None else None
    if cancel is not None:
        cancel.check()
    data = subject_export(source, doc_number, deals=frame, system_of_record=system_of_record,
                          store=store, workspace=workspace)
    yield Progress("subject_export", 1, 1)
    return write_export(data, path)


def default_name(doc_number: str, today: date | None = None) -> str:
    """``titular_<documento>_<aaaa-mm-dd>.json``: the file name a save dialog offers."""
    doc = normalize_doc_number(doc_number) or "".join(
        c for c in str(doc_number) if c.isalnum()) or "titular"
    return f"titular_{doc}_{(today or date.today()).isoformat()}.json"


def write_export(data: Mapping[str, Any], path: Path) -> Path:
    """Write an export as UTF-8 JSON, whole or not at all (a temporary file, then renamed)."""
    path = Path(path)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))
    return path


def _report_frames(report: Report) -> dict[tuple[System, Entity], pd.DataFrame | None]:
    out: dict[tuple[System, Entity], pd.DataFrame | None] = {}
    for entity, result in report.results.items():
        out[(System.CRM, entity)] = result.crm
        out[(System.ERP, entity)] = result.erp
    # What the insights read besides: invoices, workshop visits, contracts, follow-ups.
    for entity, df in report.extras.items():
        out[(System.CRM if entity is Entity.FOLLOWUPS else System.ERP, entity)] = df
    return out


_DOC_COLUMN = {Entity.CUSTOMERS: "doc_number", Entity.PAYMENTS: "customer_doc",
               Entity.VEHICLES: "customer_doc", Entity.DEALS: "customer_doc",
               Entity.INVOICES: "customer_doc", Entity.SERVICES: "customer_doc",
               Entity.CONTRACTS: "customer_doc", Entity.FOLLOWUPS: "customer_doc"}


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
