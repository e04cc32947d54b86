"""Findings as people see them: their effective state, who has them, why, and how old.

:func:`findings` reads a workspace's findings (by default those still alive: not resolved) with
the stage of the corrections that answer them, read from the store's ``corrections`` rows — the
same system, record and field the run's proposal would change (a merge for a duplicate group),
made since the finding's life began. :func:`workspace_of` says which workspace a command means
(the one named, else the one of the latest saved run). No Qt, no correction loop imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.domain.values import in_bogota, money_str
from app.findings.errors import FindingError, NotFound
from app.findings.states import FindingState, Reason, Track, correction_stage, effective
from app.store.db import Store
from app.store.models import CorrectionRow, FindingRow, RunRow
from app.store.values import decode_payload, utc_now


@dataclass(frozen=True, slots=True)
class FindingView:
    id: str
    workspace: str
    entity: Entity
    kind: str
    field: str | None
    system: System | None
    crm_ids: tuple[str, ...]
    erp_ids: tuple[str, ...]
    ref: str | None
    branch: str | None
    dated: date | None
    at_stake: Decimal | None
    first_run: str
    first_seen_at: datetime
    last_run: str
    last_seen_at: datetime
    since_at: datetime
    resolved_run: str | None
    resolved_at: datetime | None
    track: Track
    state: FindingState
    correction: FindingState | None
    assignee: str | None
    reason: Reason | None
    comment: str | None
    match_id: str | None
    updated_by: str | None
    updated_at: datetime
    version: int
    data: Mapping[str, Any]  # what the last run saw (values, amounts, the lone record)

    @property
    def record(self) -> Mapping[str, Any] | None:
        """The lone record of a one-sided finding, as the last run saw it (for matching)."""
        record = self.data.get("record")
        return record if isinstance(record, Mapping) else None

    @property
    def month(self) -> str:
        """The month the finding belongs to: a payment's date, else the day it was first seen
        (in Bogotá), as «2026-11»."""
        day = self.dated or in_bogota(self.first_seen_at).date()
        return f"{day.year:04d}-{day.month:02d}"

    def age(self, now: datetime | None = None) -> int:
        """Days from the first run that found it to now (to its resolution, once resolved),
        counted in Bogotá's calendar."""
        end = self.resolved_at or now or utc_now()
        return (in_bogota(end).date() - in_bogota(self.first_seen_at).date()).days

    def to_json(self, now: datetime | None = None) -> dict[str, Any]:
        """JSON-ready: codes, exact money as text, times in ISO with their zone."""
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.isoformat()

        return {
            "id": self.id, "workspace": self.workspace, "entity": self.entity.value,
            "kind": self.kind, "field": self.field,
            "system": None if self.system is None else self.system.value,
            "crm_ids": list(self.crm_ids), "erp_ids": list(self.erp_ids), "ref": self.ref,
            "branch": self.branch, "dated": None if self.dated is None else self.dated.isoformat(),
            "month": self.month, "at_stake": money_str(self.at_stake),
            "state": self.state.value, "track": self.track.value,
            "correction": None if self.correction is None else self.correction.value,
            "assignee": self.assignee, "reason": None if self.reason is None else self.reason.value,
            "comment": self.comment, "match_id": self.match_id, "age_days": self.age(now),
            "first_run": self.first_run, "first_seen_at": iso(self.first_seen_at),
            "last_run": self.last_run, "last_seen_at": iso(self.last_seen_at),
            "resolved_run": self.resolved_run, "resolved_at": iso(self.resolved_at),
            "updated_by": self.updated_by, "updated_at": iso(self.updated_at),
            "version": self.version,
        }


def workspace_of(store: Store, name: str | None = None) -> str:
    """The workspace a command works on: ``name``, else the latest saved run's. Refused when
    nothing was saved there yet."""
    with store.read() as session:
        query = select(RunRow.workspace).order_by(RunRow.saved_at.desc(), RunRow.id.desc())
        if name:
            query = query.where(RunRow.workspace == name.strip())
        found = session.scalars(query.limit(1)).first()
    if found is None:
        raise FindingError(
            tr_app("app.findings", "No hay conciliaciones guardadas en «{workspace}»: «cuadre "
                   "workspace reconcile …» guarda una.").format(workspace=name.strip()) if name
            else tr_app("app.findings", "No hay conciliaciones guardadas: «cuadre workspace "
                        "reconcile …» guarda una."), "no_run")
    return found


def findings(store: Store, workspace: str, *, states: Iterable[FindingState] | None = None,
             entity: Entity | str | None = None, resolved: bool = False,
             ids: Sequence[str] | None = None) -> list[FindingView]:
    """The findings of ``workspace`` — alive ones, or also resolved ones with ``resolved`` (or
    when ``states`` asks for them) — by entity and first seen, newest last."""
    wanted = None if states is None else frozenset(FindingState(s) for s in states)
    with store.read() as session:
        query = select(FindingRow).where(FindingRow.workspace == workspace)
        if entity is not None:
            query = query.where(FindingRow.entity == Entity(entity).value)
        if ids is not None:
            query = query.where(FindingRow.id.in_(list(ids)))
        elif not resolved and (wanted is None or FindingState.RESOLVED not in wanted):
            query = query.where(FindingRow.resolved_at.is_(None))
        rows = session.scalars(query.order_by(FindingRow.entity, FindingRow.first_seen_at,
                                              FindingRow.id)).all()
        views = views_of(session, rows)
    return [v for v in views if wanted is None or v.state in wanted]


def get(store: Store, workspace: str, finding_id: str) -> FindingView:
    found = findings(store, workspace, ids=[finding_id])
    if not found:
        raise NotFound(tr_app("app.findings", "No hay ningún hallazgo con el id «{id}» en "
                              "«{workspace}».").format(id=finding_id, workspace=workspace))
    return found[0]


def ids_of(store: Store, workspace: str) -> list[str]:
    """Every finding id of ``workspace`` (for resolving what a person types)."""
    with store.read() as session:
        return list(session.scalars(select(FindingRow.id).where(
            FindingRow.workspace == workspace)))


_Index = dict[tuple[str, str, str, str], list[tuple[datetime, str]]]


def views_of(session: Session, rows: Sequence[FindingRow]) -> list[FindingView]:
    """The views of ``rows``, each with the stage of the corrections that answer it."""
    index = _corrections(session, {r.workspace for r in rows}, {r.entity for r in rows})
    return [_view(row, index) for row in rows]


def _corrections(session: Session, workspaces: set[str], entities: set[str]) -> _Index:
    index: _Index = {}
    if not entities:
        return index
    query = select(CorrectionRow.entity, CorrectionRow.target_system, CorrectionRow.source_id,
                   CorrectionRow.field, CorrectionRow.created_at, CorrectionRow.state).where(
        CorrectionRow.entity.in_(sorted(entities)),
        or_(CorrectionRow.workspace.in_(sorted(workspaces)), CorrectionRow.workspace.is_(None)))
    for entity, system, source_id, name, created, state in session.execute(query):
        index.setdefault((entity, system, source_id, name), []).append((created, state))
    return index


def _stage(row: FindingRow, index: _Index) -> FindingState | None:
    states = [state
              for system, source_id, names in json.loads(row.targets or "[]")
              for name in names
              for created, state in index.get((row.entity, system, source_id, name), ())
              if created >= row.since_at]
    return correction_stage(states)


def _view(row: FindingRow, index: _Index) -> FindingView:
    track = Track(row.state)
    stage = _stage(row, index) if row.resolved_at is None else None
    return FindingView(
        id=row.id, workspace=row.workspace, entity=Entity(row.entity), kind=row.kind,
        field=row.field, system=None if row.system is None else System(row.system),
        crm_ids=tuple(json.loads(row.crm_ids)), erp_ids=tuple(json.loads(row.erp_ids)),
        ref=row.ref, branch=row.branch, dated=row.dated,
        at_stake=None if row.at_stake is None else Decimal(row.at_stake),
        first_run=row.first_run, first_seen_at=row.first_seen_at, last_run=row.last_run,
        last_seen_at=row.last_seen_at, since_at=row.since_at, resolved_run=row.resolved_run,
        resolved_at=row.resolved_at, track=track,
        state=effective(track, row.resolved_at is not None, stage), correction=stage,
        assignee=row.assignee, reason=None if row.reason is None else Reason(row.reason),
        comment=row.comment, match_id=row.match_id, updated_by=row.updated_by,
        updated_at=row.updated_at, version=row.version, data=decode_payload(row.data))
