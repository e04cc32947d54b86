"""Stored reconciliations ("runs"): what a reconciliation found and proposed, in the workspace.

A run is kept so that work can go on after the reconciliation that found it: ``cuadre
corrections proposals`` lists the latest run's proposals and ``propose`` turns them into
corrections without reconciling again; several people of a shared office workspace
(PostgreSQL) work on the same run; the dashboard reads the history. A run holds:

- which workspace it belongs to (a profile's name, «Demostración», or a name given with
  ``--workspace``), who ran it, when it started and ended (UTC);
- the source description — what was reconciled, as the connectors describe it: no secret
  (a source string never carries one, and descriptions hide passwords);
- per entity and kind, how many findings and how many pesos are at stake (Decimal as text),
  with the totals in their own columns for a quick listing;
- the proposals as JSON: field proposals (:class:`~app.writeback.proposals.Proposal`), merge
  proposals (:class:`~app.writeback.merges.MergeProposal`) and the accountant's credit-note
  tasks, each with its stable ``ident``, and the proposals' SHA-256, which the run's audit row
  carries, so the hash chain covers what was proposed.

Not the report's records themselves: a run is what to decide on, not a copy of both systems —
only, per VIN, the little «¿Dónde está este VIN?» shows (``app.vin.index``, the latest run of
a workspace).
Saving a run is one transaction with its audit row (action ``reconcile``). No Qt here.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import defer

from app.domain.i18n import tr_app
from app.domain.values import money_str
from app.findings.life import track
from app.findings.matching import apply_matches
from app.insights.dashboard import mismatches
from app.progress import Progress, Task
from app.reconcile.results import Report
from app.store.chain import append as audit
from app.store.db import Store
from app.store.errors import StoreError
from app.store.models import RunRow
from app.store.values import sha256_hex, utc_now
from app.vin.index import keep as keep_vins
from app.vin.index import rows_of as vin_rows
from app.writeback.errors import CorrectionError, NotAllowed
from app.writeback.fiscal import CreditNoteTask
from app.writeback.merges import MergeProposal, merge_proposals
from app.writeback.people import WORKERS, normalize_login, roles_of
from app.writeback.proposals import Proposal, credit_note_tasks, propose

log = logging.getLogger(__name__)
T = TypeVar("T")

#: The roles that may save a run (an auditor only reads).
RUNNER_ROLES = WORKERS


@dataclass(frozen=True, slots=True)
class KindCount:
    count: int
    at_stake: Decimal
    #: The same per branch (``app.insights.dashboard``'s branch of a finding): branch →
    #: (count, pesos). Empty for runs saved before branches were kept.
    branches: Mapping[str, tuple[int, Decimal]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunProposals:
    """A run's proposals, as the engine made them."""

    fields: tuple[Proposal, ...] = ()
    merges: tuple[MergeProposal, ...] = ()
    credit_notes: tuple[CreditNoteTask, ...] = ()


@dataclass(frozen=True, slots=True)
class RunView:
    """A saved run as read. ``proposals_text`` is None when it was listed without them
    (:func:`runs`); :func:`proposals_of` then reads them from the store."""

    id: str
    workspace: str
    started_at: datetime
    finished_at: datetime
    saved_at: datetime
    actor: str
    source: str
    systems: Mapping[str, str]
    summary: Mapping[str, Mapping[str, KindCount]]
    findings: int
    at_stake: Decimal
    issues: int
    proposals_hash: str
    proposals_text: str | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The run without its proposals, JSON-ready (money as exact text)."""
        return {
            "id": self.id, "workspace": self.workspace,
            "started_at": self.started_at.isoformat(), "finished_at": self.finished_at.isoformat(),
            "saved_at": self.saved_at.isoformat(), "actor": self.actor, "source": self.source,
            "systems": dict(self.systems),
            "summary": {entity: {kind: {
                "count": c.count, "at_stake": money_str(c.at_stake),
                "branches": {b: {"count": n, "at_stake": money_str(p)}
                             for b, (n, p) in c.branches.items()}}
                for kind, c in kinds.items()}
                for entity, kinds in self.summary.items()},
            "findings": self.findings, "at_stake": money_str(self.at_stake),
            "issues": self.issues, "proposals_hash": self.proposals_hash,
        }


def _summary(report: Report) -> tuple[dict[str, dict[str, dict[str, Any]]], int, Decimal]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    total, stake = 0, Decimal(0)
    for entity, result in report.results.items():
        kinds = out.setdefault(entity.value, {})
        for kind, count, pesos in result.summary():
            kinds[kind] = {"count": count, "at_stake": money_str(pesos), "branches": {}}
            total += count
            stake += pesos
    for row in mismatches(report):
        entry = out.setdefault(row.entity, {}).setdefault(
            row.kind, {"count": 0, "at_stake": "0.00", "branches": {}})
        entry["branches"][row.branch] = {"count": row.count,
                                         "at_stake": money_str(row.at_stake)}
    return out, total, stake


def _proposals_doc(report: Report, sor: Mapping[str, str] | None) -> dict[str, list[Any]]:
    """The report's proposals (field, merge, credit notes) as JSON-ready lists."""
    fields = propose(report, sor)
    return {
        "fields": [p.to_json() for p in fields],
        "merges": [m.to_json() for m in merge_proposals(report, sor)],
        "credit_notes": [t.to_json() for t in credit_note_tasks(fields)],
    }


def save_run(store: Store, actor: str, report: Report, source: str, workspace: str,
             sor: Mapping[str, str] | None = None) -> RunView:
    """Save ``report`` as a run of ``workspace`` (with its proposals in the direction of the
    system of record ``sor``), audited as «reconcile». Only a registered person who may
    propose, approve or administer saves runs."""
    login = normalize_login(actor)
    name = (workspace or "").strip()
    if not name:
        raise ValueError("a run belongs to a named workspace")
    if not roles_of(store, login) & RUNNER_ROLES:
        raise NotAllowed(tr_app("app.writeback", "«{login}» no está registrado con un rol para "
                                "conciliar en el espacio de trabajo (propone, aprueba o "
                                "administra).").format(login=login))
    found, report = report, apply_matches(store, name, report)  # manual links honoured
    summary, findings, stake = _summary(report)
    doc = _proposals_doc(report, sor)
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = sha256_hex(text)
    vins = vin_rows(report)
    now = utc_now()
    row = RunRow(
        id=str(uuid.uuid4()), workspace=name, started_at=report.started_at,
        finished_at=report.finished_at, saved_at=now, actor=login, source=source,
        systems=json.dumps(dict(report.sources), ensure_ascii=False, sort_keys=True),
        summary=json.dumps(summary, ensure_ascii=False), findings=findings,
        at_stake=money_str(stake) or "0.00", issues=len(report.issues), proposals=text,
        proposals_hash=digest)
    with store.write() as session:
        session.add(row)
        session.flush()
        audit(session, actor=login, action="reconcile", record=row.id, new=f"sha256:{digest}",
              comment=f"{name}: {findings} hallazgos, {len(doc['fields'])} propuestas y "
                      f"{len(doc['merges'])} fusiones ({source})",
              outcome="saved", at=now)
        track(session, row, found)  # the findings' life, in the same transaction
        keep_vins(session, row, vins)  # what «¿Dónde está este VIN?» reads
        return _view(row, with_proposals=True)


class CarriesReport(Protocol):
    """A task result that carries a report and can be rebuilt around another one (the
    window's prepared report: its tables' rows are prepared again for the entities that
    changed)."""

    report: Report

    def with_report(self, report: Report) -> Any: ...


def saving(task: Task[T], store: Store, actor: str, source: str, workspace: str,
           sor: Mapping[str, str] | None = None) -> Task[T]:
    """Run a reconciliation ``task`` and save its report as a run of ``workspace`` — the
    window does this after every reconciliation, so the dashboard has a trend. The task's
    result comes back showing what was saved: its report with the workspace's manual matches
    applied (:func:`app.findings.matching.apply_matches`: the findings they answer gone, a
    «manual» link instead) — the Report itself, or something carrying one as ``.report`` and
    rebuilt with ``with_report`` (the window's prepared report); anything else (a failure)
    as is. A person who may not save runs (an auditor) or a store that refuses is logged,
    never costs the report: the matches are applied all the same."""
    result = yield from task
    report = result if isinstance(result, Report) else getattr(result, "report", None)
    if not isinstance(report, Report):
        return result
    yield Progress("save_run", 0, 1)
    try:
        save_run(store, actor, report, source, workspace, sor)
    except (StoreError, CorrectionError, ValueError) as exc:
        log.warning("reconciliation not saved as a run: %s", exc)
    try:
        shown = apply_matches(store, (workspace or "").strip(), report)
    except StoreError as exc:
        log.warning("manual matches not applied to the report shown: %s", exc)
        shown = report
    yield Progress("save_run", 1, 1)
    if shown is report:
        return result
    if isinstance(result, Report):
        return cast(T, shown)
    rebuild = getattr(result, "with_report", None)
    return cast(T, rebuild(shown)) if callable(rebuild) else result


def _view(row: RunRow, *, with_proposals: bool) -> RunView:
    summary = {entity: {kind: KindCount(int(c["count"]), Decimal(c["at_stake"]), {
                            branch: (int(b["count"]), Decimal(b["at_stake"]))
                            for branch, b in (c.get("branches") or {}).items()})
                        for kind, c in kinds.items()}
               for entity, kinds in json.loads(row.summary).items()}
    return RunView(
        row.id, row.workspace, row.started_at, row.finished_at, row.saved_at, row.actor,
        row.source, json.loads(row.systems), summary, row.findings, Decimal(row.at_stake),
        row.issues, row.proposals_hash, row.proposals if with_proposals else None)


def latest_run(store: Store, workspace: str | None = None) -> RunView | None:
    """The newest run of ``workspace`` (of any workspace when None), with its proposals."""
    with store.read() as session:
        query = select(RunRow).order_by(RunRow.saved_at.desc(), RunRow.id.desc()).limit(1)
        if workspace is not None:
            query = query.where(RunRow.workspace == workspace.strip())
        row = session.scalars(query).one_or_none()
        return None if row is None else _view(row, with_proposals=True)


def get_run(store: Store, run_id: str) -> RunView | None:
    """One run by id, with its proposals."""
    with store.read() as session:
        row = session.get(RunRow, run_id)
        return None if row is None else _view(row, with_proposals=True)


def runs(store: Store, workspace: str | None = None) -> list[RunView]:
    """The runs of ``workspace`` (all when None), newest first, without their proposals
    (they can be large: :func:`proposals_of` reads one run's)."""
    with store.read() as session:
        query = (select(RunRow).options(defer(RunRow.proposals))
                 .order_by(RunRow.saved_at.desc(), RunRow.id.desc()))
        if workspace is not None:
            query = query.where(RunRow.workspace == workspace.strip())
        return [_view(r, with_proposals=False) for r in session.scalars(query)]


def workspaces(store: Store) -> list[str]:
    """The names of the workspaces that have runs, in alphabetical order."""
    with store.read() as session:
        return sorted(set(session.scalars(select(RunRow.workspace).distinct())))


def proposals_of(run: RunView, store: Store | None = None) -> RunProposals:
    """The proposals of ``run`` (read from ``store`` when the run was listed without them).
    Refused when the stored text no longer matches the hash the audit trail holds."""
    text = run.proposals_text
    if text is None:
        if store is None:
            raise ValueError("this run was listed without its proposals: pass the store")
        with store.read() as session:
            text = session.scalar(select(RunRow.proposals).where(RunRow.id == run.id))
        if text is None:
            raise LookupError(run.id)
    if sha256_hex(text) != run.proposals_hash:
        raise StoreError(tr_app("app.writeback", "Las propuestas guardadas de la conciliación "
                                "{id} no coinciden con su huella: el almacén fue alterado.").format(
            id=run.id))
    doc = json.loads(text)
    return RunProposals(
        tuple(Proposal.from_json(p) for p in doc.get("fields", ())),
        tuple(MergeProposal.from_json(m) for m in doc.get("merges", ())),
        tuple(CreditNoteTask.from_json(t) for t in doc.get("credit_notes", ())))
