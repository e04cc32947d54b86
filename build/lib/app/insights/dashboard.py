"""The dashboard's mismatch figures: findings and pesos at stake per entity, kind and branch of
one reconciliation, and their trend across the runs saved in the workspace.

A finding's branch is its own (``Mismatch.branch``), else the ``branch`` of its record in the
report's frames — the ERP's record first (the system of record for stock and receipts), then
the CRM's — else ``NO_BRANCH`` (customers have no branch).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from app.domain.schema import System
from app.insights.model import NO_BRANCH, KindBranchRow, TrendPoint
from app.reconcile.results import KINDS, EntityResult, Mismatch, Report


class TrendCount(Protocol):
    """One kind's figures in a saved run."""

    @property
    def count(self) -> int: ...

    @property
    def at_stake(self) -> Decimal: ...


class TrendRun(Protocol):
    """What the trend reads of a saved run: its id, when it was saved and its figures per
    entity and kind. The runs are saved and read by ``app.writeback.runs`` (its ``RunView`` is
    one), above the insights: whoever asks for the trend passes them in."""

    @property
    def id(self) -> str: ...

    @property
    def saved_at(self) -> datetime: ...

    @property
    def summary(self) -> Mapping[str, Mapping[str, TrendCount]]: ...


def mismatches(report: Report) -> tuple[KindBranchRow, ...]:
    """Per entity, kind and branch: how many findings, how many pesos at stake and the amount
    shown apart; in the order the window lists entities and kinds, branches alphabetically
    (``NO_BRANCH`` last)."""
    out: list[KindBranchRow] = []
    for entity, result in report.results.items():
        totals: dict[tuple[str, str], tuple[int, Decimal, Decimal]] = {}
        for m in result.findings():
            key = (m.kind, _branch(result, m))
            count, stake, apart = totals.get(key, (0, Decimal(0), Decimal(0)))
            totals[key] = (count + 1, stake + (m.at_stake or Decimal(0)),
                           apart + (m.apart or Decimal(0)))
        order = KINDS.get(entity, ())
        for (kind, branch), (count, stake, apart) in sorted(totals.items(), key=lambda kv: (
                order.index(kv[0][0]) if kv[0][0] in order else len(order), kv[0][0],
                kv[0][1] == NO_BRANCH, kv[0][1])):
            out.append(KindBranchRow(entity.value, kind, branch, count, stake, apart))
    return tuple(out)


def by_kind(rows: Sequence[KindBranchRow]) -> tuple[KindBranchRow, ...]:
    """The rows added up over branches: one per entity and kind with findings (``branch`` is
    ``""``), in the order :func:`mismatches` gives them — what the PDF's and the workbook's
    tables by kind show."""
    totals: dict[tuple[str, str], KindBranchRow] = {}
    for r in rows:
        if not r.count:
            continue
        seen = totals.get((r.entity, r.kind))
        totals[(r.entity, r.kind)] = r if seen is None else KindBranchRow(
            r.entity, r.kind, "", seen.count + r.count, seen.at_stake + r.at_stake,
            seen.apart + r.apart)
    return tuple(KindBranchRow(r.entity, r.kind, "", r.count, r.at_stake, r.apart)
                 for r in totals.values())


def _branch(result: EntityResult, m: Mismatch) -> str:
    if m.branch:
        return m.branch
    for system, source_id in ((System.ERP, m.erp_id), (System.CRM, m.crm_id)):
        record = result.record(system, source_id)
        if record is not None and isinstance(record.get("branch"), str) and record["branch"].strip():
            return str(record["branch"]).strip()
    return NO_BRANCH


def trend(runs: Sequence[TrendRun]) -> tuple[TrendPoint, ...]:
    """Every saved run's count and pesos per entity and kind (zeros included, so a line
    reaches the floor), oldest run first."""
    return tuple(
        TrendPoint(run.id, run.saved_at, entity, kind, c.count, c.at_stake)
        for run in sorted(runs, key=lambda r: (r.saved_at, r.id))
        for entity, kinds in run.summary.items()
        for kind, c in kinds.items())
