"""A saved run updates its findings' life (called by ``app.writeback.runs.save_run``, inside the
transaction that saves the run, so the run and what it did to its findings commit together).

For the entities the run reconciled — a run of payments alone resolves no customer finding —
a finding the run found is new (first seen: this run, now), seen again (last seen), or back
after it had been resolved (its life starts again: open, or assigned if it had someone, the
explanation cleared). One that is not found any more is resolved, by this run, now. A finding
matched by hand is found by the run as it was (the match is applied to the report after, see
:mod:`app.findings.matching`); a match whose records the run no longer finds as they were
lapses, and its findings go back to people (or are resolved, if gone). The run's transitions
are one audit row (``findings_tracked``: the counts, and the SHA-256 of the list of ids and
what happened to each), plus one row per lapsed match.

The correction that would answer each finding is taken from the run's own proposals (what
system, record and fields it would change), so the correction loop's rows can be read later
without importing it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from app.domain.values import money_str
from app.findings.keys import Seen, observe
from app.findings.matching import applies, match_view
from app.findings.states import Track
from app.reconcile.results import Report
from app.store.chain import append as audit
from app.store.models import FindingRow, ManualMatchRow, RunRow
from app.store.values import canonical_json, encode_payload, sha256_hex

_DUPLICATE_KINDS = ("duplicate_key", "possible_duplicate")
_table = cast(Table, FindingRow.__table__)


@dataclass(frozen=True, slots=True)
class Tracked:
    """What one run did to its workspace's findings."""

    new: int
    seen: int
    back: int
    resolved: int
    lapsed: int


def track(session: Session, run: RunRow, report: Report) -> Tracked:
    """Record what ``run`` (flushed, in ``session``'s transaction) found in ``report`` — the
    report as reconciled, before manual matches were applied."""
    seen = observe(run.workspace, report)
    entities = [e.value for e in report.results if e not in report.failures]
    seen = {i: s for i, s in seen.items() if s.entity.value in entities}
    targets = _targets(run.proposals)
    known = {row.id: row for row in session.execute(
        select(FindingRow.id, FindingRow.state, FindingRow.assignee, FindingRow.resolved_at,
               FindingRow.match_id)
        .where(FindingRow.workspace == run.workspace, FindingRow.entity.in_(entities)))}
    lapsed = _lapse(session, run, seen, entities)
    unmatched = {fid for match in lapsed for fid in json.loads(match.finding_ids)}
    new = [s for i, s in seen.items() if i not in known]
    back = [i for i, s in seen.items() if i in known and known[i].resolved_at is not None]
    gone = [i for i, r in known.items() if i not in seen and r.resolved_at is None]
    _insert(session, run, new, targets)
    _refresh(session, run, [s for i, s in seen.items() if i in known], targets)
    _reopen(session, run, back, known)
    _unmatch(session, run, [i for i in unmatched if i in known and i not in back], known)
    _resolve(session, run, gone)
    changes = sorted([(s.id, "new") for s in new] + [(i, "back") for i in back]
                     + [(i, "resolved") for i in gone])
    counts = Tracked(len(new), len(seen) - len(new), len(back), len(gone), len(lapsed))
    audit(session, actor=run.actor, action="findings_tracked", record=run.id,
          new=f"sha256:{sha256_hex(canonical_json(changes))}",
          comment=(f"{run.workspace}: {counts.new} hallazgos nuevos, {counts.seen} vistos de "
                   f"nuevo ({counts.back} que estaban resueltos), {counts.resolved} resueltos"
                   + (f", {counts.lapsed} conciliaciones a mano caducadas" if lapsed else "")),
          outcome="saved", at=run.saved_at)
    return counts


def _targets(proposals: str) -> dict[tuple[Any, ...], list[list[Any]]]:
    """The run's field proposals by the finding they answer: (entity, kind, crm id, erp id,
    key) → [[system, record, [fields]]]."""
    out: dict[tuple[Any, ...], list[list[Any]]] = {}
    for p in json.loads(proposals or "{}").get("fields", ()):
        if p.get("target") and p.get("source_id") and p.get("changes"):
            where = (p["entity"], p["kind"], p.get("crm_id"), p.get("erp_id"), p.get("key"))
            out.setdefault(where, []).append(
                [p["target"], p["source_id"], sorted({c["field"] for c in p["changes"]})])
    return out


def _targets_of(s: Seen, targets: Mapping[tuple[Any, ...], list[list[Any]]]) -> str:
    m = s.mismatch
    if m.kind in _DUPLICATE_KINDS and m.system is not None:
        found = [[m.system.value, i, ["*"]] for i in (*s.crm_ids, *s.erp_ids)]
    else:
        found = targets.get((s.entity.value, m.kind, m.crm_id, m.erp_id, m.key), [])
    return canonical_json(found)


def _values(s: Seen) -> dict[str, Any]:
    """The columns a run writes about what it saw."""
    return {"ref": s.mismatch.key, "branch": s.branch, "dated": s.dated,
            "at_stake": money_str(s.at_stake), "data": encode_payload(s.data)}


def _insert(session: Session, run: RunRow, new: list[Seen],
            targets: Mapping[tuple[Any, ...], list[list[Any]]]) -> None:
    if not new:
        return
    now = run.saved_at
    session.execute(_table.insert(), [{
        "id": s.id, "workspace": run.workspace, "key": s.key, "entity": s.entity.value,
        "kind": s.mismatch.kind, "field": s.mismatch.field,
        "system": s.mismatch.system.value if s.mismatch.system else None,
        "crm_ids": json.dumps(list(s.crm_ids)), "erp_ids": json.dumps(list(s.erp_ids)),
        **_values(s), "targets": _targets_of(s, targets), "first_run": run.id,
        "first_seen_at": now, "last_run": run.id, "last_seen_at": now, "since_at": now,
        "state": Track.OPEN.value, "updated_at": now, "version": 1,
    } for s in new])


def _by_id(**values: Any) -> Any:
    """An UPDATE of one finding by id (``b_id``), its version bumped, for executemany."""
    return (update(_table).where(_table.c.id == bindparam("b_id"))
            .values(version=_table.c.version + 1, **values))


def _refresh(session: Session, run: RunRow, again: list[Seen],
             targets: Mapping[tuple[Any, ...], list[list[Any]]]) -> None:
    if not again:
        return
    names = ("ref", "branch", "dated", "at_stake", "data", "targets")
    session.execute(
        _by_id(last_run=run.id, last_seen_at=run.saved_at,
               **{n: bindparam(f"b_{n}") for n in names}),
        [{"b_id": s.id, **{f"b_{k}": v for k, v in _values(s).items()},
          "b_targets": _targets_of(s, targets)} for s in again])


def _reopen(session: Session, run: RunRow, back: list[str], known: Mapping[str, Any]) -> None:
    """Found again after being resolved: a new life, back to people (a resolved finding is
    never matched: its match lapsed when it went)."""
    if back:
        session.execute(_by_id(resolved_run=None, resolved_at=None, since_at=run.saved_at,
                               reason=None, comment=None, state=bindparam("b_state"),
                               updated_at=run.saved_at),
                        [{"b_id": i, "b_state": _fallback(known[i].assignee)} for i in back])


def _unmatch(session: Session, run: RunRow, ids: list[str], known: Mapping[str, Any]) -> None:
    """A lapsed match's findings go back to people (open, or assigned)."""
    if ids:
        session.execute(_by_id(state=bindparam("b_state"), match_id=None,
                               updated_at=run.saved_at),
                        [{"b_id": i, "b_state": _fallback(known[i].assignee)} for i in ids])


def _resolve(session: Session, run: RunRow, gone: list[str]) -> None:
    if gone:
        session.execute(_by_id(resolved_run=run.id, resolved_at=run.saved_at),
                        [{"b_id": i} for i in gone])


def _fallback(assignee: str | None) -> str:
    return (Track.ASSIGNED if assignee else Track.OPEN).value


def _lapse(session: Session, run: RunRow, seen: Mapping[str, Seen],
           entities: list[str]) -> list[ManualMatchRow]:
    """The workspace's active matches of these entities that no longer apply: marked lapsed
    by this run, each with its audit row."""
    rows = session.scalars(select(ManualMatchRow).where(
        ManualMatchRow.workspace == run.workspace, ManualMatchRow.entity.in_(entities),
        ManualMatchRow.undone_at.is_(None), ManualMatchRow.lapsed_run.is_(None))).all()
    lapsed = [row for row in rows if not applies(match_view(row), seen)]
    for row in lapsed:
        row.lapsed_run = run.id
        audit(session, actor=run.actor, action="match_lapsed", entity=row.entity, record=row.id,
              comment="La conciliación ya no encuentra estos registros como estaban: la "
                      "conciliación a mano deja de aplicarse.", at=run.saved_at)
    session.flush()
    return lapsed
