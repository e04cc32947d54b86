"""Incremental comparison: a run reconciles only what the changes touch.

After a comparison of a whole entity the run keeps its result (a
:class:`~app.reconcile.closure.Baseline`, in memory for the process: the window's F5 after
F5) and, per record, the keys by which it can meet other records. The next run, when both
systems were read by change from the very snapshots that result was made of, starts from the
records that changed (edited, new, deleted, in either system) and takes the closure of the
records they can meet (``app.reconcile.closure``: the same document, VIN, receipt number,
CUFE or invoice; for customers the documents one keystroke away and the fuzzy matching's
blocks, followed to the records the matcher would pair, or whole where a block's size may
have crossed the matcher's limit).

The same comparison function the full run uses (``reconcile_customers``, ``…_payments``,
``…_vehicles``) then runs on those records — told which fuzzy blocks the whole entity has
too large (``fuzzy.WHOLE_BLOCKS``), so it skips what the whole comparison skips — and its
findings, links and duplicates replace the previous ones that name any of them; the rest is
kept as it was. What names both a record of the closure and one outside it (which a closed
set cannot produce) makes the entity compared whole instead, as does a closure past
:data:`MOST` of the records: the findings are those of a full run in every case.

Known limit: within one system the matching pairs documents one keystroke apart only when
sorting puts them within two places (``fuzzy._near_documents``); the subset, with fewer
documents between them, could pair two such records the full run leaves apart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from app.domain.schema import Entity, System
from app.progress import Progress, Task
from app.reconcile import behind, fuzzy
from app.reconcile.closure import (
    SIDES,
    TAG,
    Baseline,
    Closure,
    Info,
    NearInWhole,
    Ref,
    infos,
)
from app.reconcile.results import Duplicate, EntityResult, Link, Mismatch
from app.reconcile.scoring import MatchSettings, prepared_before

log = logging.getLogger(__name__)

FULL = "full"
INCREMENTAL = "incremental"
#: Past this share of an entity's records in the closure, the entity is compared whole.
MOST = 0.3
_TAG = TAG

Comparer = Callable[[pd.DataFrame, pd.DataFrame], Task[EntityResult]]


@dataclass(frozen=True, slots=True)
class Change:
    """What changed in one entity of one system since the snapshot ``base`` (its token): the
    ids read again (edited or new) and the ids no longer listed."""

    changed: frozenset[str]
    deleted: frozenset[str]
    base: str


@dataclass(frozen=True, slots=True)
class Compared:
    """How one entity was compared by a run: whole, or only the records the changes touch."""

    entity: Entity
    mode: str  # FULL | INCREMENTAL
    records: int  # records compared (both systems)
    total: int  # records of the entity (both systems)

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity.value, "mode": self.mode, "records": self.records,
                "total": self.total}


#: The baselines of this process, by (workspace, entity, sources, profile); a few at most.
_BASELINES: dict[tuple[str, ...], Baseline] = {}


def forget() -> None:
    """Drop every kept baseline (the next comparisons are whole)."""
    _BASELINES.clear()


def compare(entity: Entity, comparer: Comparer, crm: pd.DataFrame, erp: pd.DataFrame,
            slot: tuple[str, ...] | None, changes: dict[System, Change] | None,
            tokens: dict[System, str] | None, match: MatchSettings | None = None
            ) -> Task[tuple[EntityResult, Compared]]:
    """Compare ``entity``: only what ``changes`` touch when the baseline of ``slot`` was made
    of the snapshots the changes start from; else whole. Keeps the new baseline."""
    base = _BASELINES.pop(slot, None) if slot is not None else None
    total = len(crm) + len(erp)
    result: EntityResult | None = None
    records = total
    if base is not None and changes is not None and all(
            base.tokens.get(s) == changes[s].base for s in SIDES if s in changes) \
            and set(changes) == set(SIDES):
        done = yield from _delta(entity, comparer, base, crm, erp, changes, match)
        if done is not None:
            result, records = done
    mode = INCREMENTAL if result is not None else FULL
    if result is None:
        result = yield from comparer(crm, erp)
        base = Baseline(result, {})
        if entity is Entity.CUSTOMERS:
            base.prepared = {System.CRM: prepared_before(crm), System.ERP: prepared_before(erp)}
        if slot is not None:
            _prepare(base, entity)
    assert base is not None
    base.result = result
    if slot is not None and tokens is not None and set(tokens) == set(SIDES):
        base.tokens = dict(tokens)
        while len(_BASELINES) >= 6:
            del _BASELINES[next(iter(_BASELINES))]
        _BASELINES[slot] = base
    return result, Compared(entity, mode, records, total)


# --- keys ---------------------------------------------------------------------------------

def _prepare(base: Baseline, entity: Entity) -> None:
    """Build the keys of a whole comparison in a thread behind the run (the report is out
    meanwhile; an F5 soon after waits for them)."""
    def build() -> None:
        try:
            behind.wait_idle()  # once the run is over (unless an F5 wants the keys)
            _build(base, entity)
        except Exception:  # the next comparison is whole
            log.exception("keys of %s not built", entity.value)
            base.info = None
        finally:
            base.ready.set()

    threading.Thread(target=build, name=f"cuadre-keys-{entity.value}", daemon=True).start()


def ready(timeout: float | None = None) -> bool:
    """Wait until the kept baselines' keys are built (benchmarks, tests)."""
    with behind.hurried():
        return all(b.ready.wait(timeout) for b in list(_BASELINES.values()))


def _build(base: Baseline, entity: Entity) -> None:
    """Every record's keys and the index key → records, for the baseline's frames."""
    base.info, base.index = {}, {}
    for system in SIDES:
        frame = base.result.crm if system is System.CRM else base.result.erp
        assert frame is not None
        for ref, info in infos(entity, system, frame, base.prepared.get(system)):
            base.add(ref, info)
    base.prepared = {}
    base.together = {}
    base.residues = {}
    if entity is Entity.CUSTOMERS:
        for ref in base.info:
            base.residue(ref)
        base.sort_documents()
    _together(base, base.result)


def _together(base: Baseline, result: EntityResult) -> None:
    _together_of(base, result, None)


def _together_of(base: Baseline, result: EntityResult, only: set[Ref] | None) -> None:
    """Index what ``result`` names together (only what names ``only``, when given)."""
    for items in (result.links, result.duplicates, result.mismatches):
        for item in items:
            refs = _refs_of(item)
            if len(refs) > 1 and (only is None or not refs.isdisjoint(only)):
                group = frozenset(refs)
                for ref in refs:
                    base.together.setdefault(ref, []).append(group)


# --- the comparison -------------------------------------------------------------------------

def _delta(entity: Entity, comparer: Comparer, base: Baseline, crm: pd.DataFrame,
           erp: pd.DataFrame, changes: dict[System, Change], match: MatchSettings | None
           ) -> Task[tuple[EntityResult, int] | None]:
    """The result of comparing ``crm`` and ``erp`` (the whole entity as read now), from the
    baseline and a comparison of what the changes touch; None when it must be compared whole.
    The baseline is brought up to date (it is the caller's to keep only on success)."""
    started = time.perf_counter()
    base.wait()
    if base.info is None:
        _build(base, entity)
    frames = {System.CRM: crm, System.ERP: erp}
    old: list[tuple[Ref, Info]] = []
    changed: list[Ref] = []
    near = _near_before(base, changes)
    for system in SIDES:
        change, tag = changes[system], _TAG[system]
        for sid in change.changed | change.deleted:
            info = base.drop((tag, sid))
            if info is not None:
                old.append(((tag, sid), info))
        frame = frames[system]
        fresh = frame[frame["source_id"].isin(change.changed)]
        for ref, info in infos(entity, system, fresh, None):
            base.add(ref, info)
            changed.append(ref)
    total = len(crm) + len(erp)
    closure = Closure(base, entity, max(int(total * MOST), 1), match, old, changed)
    if base.docs and base.info is not None:  # documents entering or leaving a neighbourhood
        was = {ref: info.doc for ref, info in old}
        reach: set[Ref] = set()
        for ref, around in near.items():
            now = base.info.get(ref)
            if now is None or now.doc != was.get(ref):
                reach |= around
        docs = {ref: base.info[ref].doc for ref in changed}
        moving = {t: {d for r, d in docs.items() if d and r[0] == t} for t in ("c", "e")}
        for ref, doc in docs.items():
            if doc and doc != was.get(ref):
                reach |= base.near_window(ref[0], doc, moving[ref[0]])
        for ref in reach:
            closure.reach(ref)
    yield Progress(f"compare_{entity.value}", 1, 4)
    if not closure.run():
        log.info("%s: the changes touch too much, compared whole", entity.value)
        return None
    subset = {s: frames[s][frames[s]["source_id"].isin(
        {sid for tag, sid in closure.core if tag == _TAG[s]})] for s in SIDES}
    told = fuzzy.WHOLE_BLOCKS.set(closure.too_large)
    told_near = fuzzy.WHOLE_NEAR.set(NearInWhole(base, {"c": crm, "e": erp}))
    try:
        part = yield from comparer(subset[System.CRM], subset[System.ERP])
    finally:
        try:
            fuzzy.WHOLE_NEAR.reset(told_near)
            fuzzy.WHOLE_BLOCKS.reset(told)
        except ValueError:  # closed from another context
            fuzzy.WHOLE_NEAR.set(None)
            fuzzy.WHOLE_BLOCKS.set(None)
    spliced = _splice(entity, base.result, part, closure.core, crm, erp)
    if spliced is None:
        log.warning("%s: the incremental comparison is not closed, compared whole",
                    entity.value)
        return None
    for ref in closure.core:
        base.together.pop(ref, None)
    _together_of(base, part, None)  # what the part found: all of it names the closure only
    spliced.timings["incremental"] = time.perf_counter() - started
    return spliced, len(subset[System.CRM]) + len(subset[System.ERP])


def _near_before(base: Baseline, changes: dict[System, Change]) -> dict[Ref, set[Ref]]:
    """Per changed record, the records near the document it held, in the sorted orders as
    they were (before the baseline is brought up to date)."""
    near: dict[Ref, set[Ref]] = {}
    if base.docs and base.info is not None:
        for system in SIDES:
            tag = _TAG[system]
            held = {sid: base.info.get((tag, sid)) for sid in
                    changes[system].changed | changes[system].deleted}
            moving = {i.doc for i in held.values() if i is not None and i.doc}
            for sid, info in held.items():
                if info is not None and info.doc:
                    near[(tag, sid)] = base.near_window(tag, info.doc, moving)
    return near


def _refs_of(item: Link | Duplicate | Mismatch) -> set[Ref]:
    if isinstance(item, Link):
        return {("c", item.crm_id), ("e", item.erp_id)}
    if isinstance(item, Duplicate):
        return {(_TAG[item.system], i) for i in item.ids}
    refs: set[Ref] = set()
    if item.crm_id is not None:
        refs.add(("c", item.crm_id))
    if item.erp_id is not None:
        refs.add(("e", item.erp_id))
    tags = (_TAG[item.system],) if item.system is not None else ("c", "e")
    refs.update((t, i) for i in item.ids for t in tags)
    return refs


def _split(items: Iterable[Any], core: set[Ref]) -> tuple[list[Any], list[Any], bool]:
    """(items naming no record of ``core``, items naming only records of it, whether an item
    names both: a closure that is not closed)."""
    outside: list[Any] = []
    inside: list[Any] = []
    crm = {sid for tag, sid in core if tag == "c"}
    erp = {sid for tag, sid in core if tag == "e"}
    for item in items:
        if type(item) is Link:  # most items: two ids, looked up without building refs
            a, b = item.crm_id in crm, item.erp_id in erp
            if a and b:
                inside.append(item)
            elif a or b:
                return outside, inside, True
            else:
                outside.append(item)
            continue
        refs = _refs_of(item)
        touched = sum(1 for r in refs if r in core)
        if touched == 0:
            outside.append(item)
        elif touched == len(refs):
            inside.append(item)
        else:
            return outside, inside, True
    return outside, inside, False


def _splice(entity: Entity, before: EntityResult, part: EntityResult, core: set[Ref],
            crm: pd.DataFrame, erp: pd.DataFrame) -> EntityResult | None:
    """The previous result without what names the closure, plus the part's findings (all
    about the closure)."""
    out = EntityResult(entity, crm=crm, erp=erp)
    for name in ("links", "duplicates", "mismatches"):
        kept, _, crossed = _split(getattr(before, name), core)
        outside, fresh, crossed_now = _split(getattr(part, name), core)
        if crossed or crossed_now or outside:
            return None
        setattr(out, name, kept + fresh)
    return out
