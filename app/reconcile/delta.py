"""Incremental comparison: a run reconciles only what the changes touch.

After a comparison of a whole entity the run keeps its result (:class:`Baseline`, in memory for
the process: the window's F5 after F5) and, per record, the keys by which it can meet other
records. The next run, when both systems were read by change from the very snapshots that
result was made of, starts from the records that changed (edited, new, deleted, in either
system) and takes the closure of the records they can meet:

* every record sharing a key with one of them — the document, the VIN, the receipt number,
  the CUFE, every invoice a payment names; for customers also the phone, the e-mail and the
  name keys of the fuzzy matching's blocks (``app.reconcile.fuzzy.blocking_keys``) where a
  record without a document takes part (the only pairs those blocks make), and the documents
  one keystroke away (a typo: the same person, within a system or across);
* a block the matching skips for being too large (``fuzzy.MAX_BLOCK``) is not followed: enough
  of its records are added, as padding, for the comparison of the subset to skip it as well.

The same comparison function the full run uses (``reconcile_customers``, ``…_payments``,
``…_vehicles``: their public interface only) then runs on those records, and its findings,
links and duplicates replace the previous ones that name any of them; the rest is kept as it
was. What names both a record of the closure and one outside it (which a closed set cannot
produce) makes the entity compared whole instead, as does a closure past :data:`MOST` of the
records: the findings are those of a full run in every case.

Known limit: within one system the matching pairs documents one keystroke apart only when
sorting puts them within two places (``fuzzy._near_documents``); the subset, with fewer
documents between them, could pair two such records the full run leaves apart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd
from rapidfuzz.distance import OSA

from app.domain.invoices import invoice_key, invoice_keys
from app.domain.schema import Entity, System
from app.progress import Progress, Task
from app.reconcile import fuzzy, scoring
from app.reconcile.keys import MAX_SHARED
from app.reconcile.results import Duplicate, EntityResult, Link, Mismatch
from app.reconcile.scoring import (
    MatchSettings,
    Prepared,
    prepare_frame,
    prepared_before,
    score,
)

log = logging.getLogger(__name__)

FULL = "full"
INCREMENTAL = "incremental"
#: Past this share of an entity's records in the closure, the entity is compared whole.
MOST = 0.3
SIDES = (System.CRM, System.ERP)
_TAG = {System.CRM: "c", System.ERP: "e"}

Comparer = Callable[[pd.DataFrame, pd.DataFrame], Task[EntityResult]]
Ref = tuple[str, str]  # ("c" | "e", source_id)


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


@dataclass(slots=True)
class _Info:
    keys: tuple[str, ...]
    doc: str | None
    customer: bool
    prepared: Prepared | None = None


@dataclass(slots=True)
class Baseline:
    """What the last comparison of an entity left: its result (with the frames compared), the
    snapshot tokens those frames came from, and per record its keys (built when first
    needed, then kept up to date)."""

    result: EntityResult
    tokens: dict[System, str]
    info: dict[Ref, _Info] | None = None
    index: dict[str, set[Ref]] = field(default_factory=dict)
    #: Per record, the records each finding, link or duplicate naming it names with it.
    together: dict[Ref, list[frozenset[Ref]]] = field(default_factory=dict)
    #: Set once the keys are built (behind the run that compared whole: :func:`_prepare`).
    ready: threading.Event = field(default_factory=threading.Event)

    def wait(self) -> None:
        """Wait for the keys; build them here when no thread is building them."""
        if not self.ready.wait(0) and self.info is None:
            self.ready.wait()
    prepared: dict[System, list[Prepared] | None] = field(default_factory=dict)


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


# --- keys -----------------------------------------------------------------------------------

def _near(doc: str | None) -> list[str]:
    """Keys two documents one keystroke apart share (both of 6 characters or more; ``m`` the
    shorter's length, ``h`` = (m − 1) // 2): a keystroke among the first ``h`` characters
    leaves the last ``h`` whole («z»); one further on but before the last two leaves the first
    ``h`` and the last two («a»); one among the last three leaves the first m − 3 («b»).
    Documents share prefixes (cédulas are issued in series), so a key holds few besides."""
    if not doc or len(doc) < 6:
        return []
    out = []
    for m in (len(doc) - 1, len(doc)):
        if m >= 6:
            h = (m - 1) // 2
            out += [f"z{m}:{doc[-h:]}", f"a{m}:{doc[:h]}|{doc[-2:]}", f"b{m}:{doc[:m - 3]}"]
    return out


def _customer_keys(p: Prepared) -> tuple[str, ...]:
    """The document, the fuzzy blocks' keys but the document's (as
    ``fuzzy.blocking_keys(p, documents=False)``, written out: it runs for every record) and
    the keys of documents a keystroke away."""
    keys = [f"D{p.doc}"] if p.doc else []
    if p.phone:
        keys.append("p" + p.phone)
    if p.email:
        keys.append("e" + p.email)
    n = p.name
    if len(n) >= 2:
        keys.append(f"n{n[0]}|{n[1][0]}")
        if len(n) >= 3:
            if n[2][0] != n[1][0]:
                keys.append(f"n{n[0]}|{n[2][0]}")
            keys.append(f"s{n[-2]}|{n[-1]}")
    return tuple(keys + _near(p.doc)) if p.doc else tuple(keys)


def _payment_keys(receipt: Any, cufe: Any, invoice: Any) -> tuple[str, ...]:
    """The receipt number's key, the CUFE and every invoice the payment names."""
    keys = []
    key = invoice_key(receipt) if receipt else None
    if key:
        keys.append(f"R{key}")
    if isinstance(cufe, str) and cufe.strip():
        keys.append(f"C{cufe.strip().lower()}")
    if invoice:
        keys += [f"I{k}" for k in _invoices(invoice)]
    return tuple(keys)


@lru_cache(maxsize=65536)
def _invoices(text: Any) -> tuple[str, ...]:
    return tuple(invoice_keys(text))


def _infos(entity: Entity, system: System, frame: pd.DataFrame,
           prepared: list[Prepared] | None) -> Iterator[tuple[Ref, _Info]]:
    """Each record's keys (``frame`` holds only the records wanted)."""
    tag = _TAG[system]
    ids = frame["source_id"].tolist()
    if entity is Entity.CUSTOMERS:
        prepared = prepared if prepared is not None else prepare_frame(frame)
        flags = (frame["is_customer"].tolist() if "is_customer" in frame.columns
                 else [True] * len(ids))
        for sid, p, flag in zip(ids, prepared, flags, strict=True):
            yield (tag, sid), _Info(_customer_keys(p), p.doc,
                                    system is System.ERP or bool(flag), p)
    elif entity is Entity.PAYMENTS:
        columns = [frame[c].tolist() if c in frame.columns else [None] * len(ids)
                   for c in ("receipt_number", "cufe", "invoice_number")]
        for sid, receipt, cufe, invoice in zip(ids, *columns, strict=True):
            yield (tag, sid), _Info(_payment_keys(receipt, cufe, invoice), None, True)
    else:
        for sid, vin in zip(ids, frame["vin"].tolist(), strict=True):
            yield (tag, sid), _Info((f"V{vin}",) if vin else (), None, True)


def _prepare(base: Baseline, entity: Entity) -> None:
    """Build the keys of a whole comparison in a thread behind the run (the report is out
    meanwhile; an F5 soon after waits for them)."""
    def build() -> None:
        try:
            _build(base, entity)
        except Exception:  # the next comparison is whole
            log.exception("keys of %s not built", entity.value)
            base.info = None
        finally:
            base.ready.set()

    threading.Thread(target=build, name=f"cuadre-keys-{entity.value}", daemon=True).start()


def ready(timeout: float | None = None) -> bool:
    """Wait until the kept baselines' keys are built (benchmarks, tests)."""
    return all(b.ready.wait(timeout) for b in list(_BASELINES.values()))


def _build(base: Baseline, entity: Entity) -> None:
    """Every record's keys and the index key → records, for the baseline's frames."""
    base.info, base.index = {}, {}
    for system in SIDES:
        frame = base.result.crm if system is System.CRM else base.result.erp
        assert frame is not None
        for ref, info in _infos(entity, system, frame, base.prepared.get(system)):
            _add(base, ref, info)
    base.prepared = {}
    base.together = {}
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


def _add(base: Baseline, ref: Ref, info: _Info) -> None:
    assert base.info is not None
    base.info[ref] = info
    for k in info.keys:
        base.index.setdefault(k, set()).add(ref)


def _drop(base: Baseline, ref: Ref) -> _Info | None:
    assert base.info is not None
    info = base.info.pop(ref, None)
    if info is not None:
        for k in info.keys:
            holders = base.index.get(k)
            if holders is not None:
                holders.discard(ref)
                if not holders:
                    del base.index[k]
    return info


# --- the closure ----------------------------------------------------------------------------

class _Closure:
    """The records the changes touch (``core``) and those added only so that the subset's
    blocks are as large as the whole's (``pads``)."""

    def __init__(self, base: Baseline, entity: Entity, limit: int,
                 settings: MatchSettings | None) -> None:
        self.base, self.entity, self.limit = base, entity, limit
        self.settings = settings or MatchSettings()
        assert base.info is not None
        self.info = base.info
        self.core: set[Ref] = set()
        self.pads: set[Ref] = set()
        self.todo: list[tuple[Ref, _Info]] = []
        #: Keys the old versions of changed records held (a block's size before).
        self.before: dict[str, int] = {}
        #: Blocks padded instead of followed: checked again once the closure is complete.
        self.padded: dict[str, None] = {}
        self._residues: dict[Ref, bool] = {}
        self._pads_done: set[str] = set()
        self._sides: dict[str, tuple[dict[str, list[Ref]], dict[str, list[Ref]],
                                     dict[str, bool]]] = {}

    def reach(self, ref: Ref, info: _Info | None = None) -> None:
        if ref in self.core:
            if info is not None:  # a changed record's old keys: followed too
                self.todo.append((ref, info))
            return
        self.core.add(ref)
        self.pads.discard(ref)
        mine = self.info.get(ref)
        if mine is not None:
            self.todo.append((ref, mine))
        if info is not None:
            self.todo.append((ref, info))
        for group in self.base.together.get(ref, ()):  # what was found with it before
            for other in group:
                self.reach(other)

    def run(self) -> bool:
        """Follow keys to the closure; False when it grows past the limit."""
        while True:
            while self.todo:
                ref, info = self.todo.pop()
                for k in info.keys:
                    self._follow(ref, info, k)
                if len(self.core) > self.limit:
                    return False
            again = list(self.padded)
            self.padded.clear()
            for key in again:  # the closure grew since: is the block still too large?
                self._block(key, None)
            if not self.todo:
                return True

    def _follow(self, ref: Ref, info: _Info, key: str) -> None:
        holders = self.base.index.get(key, ())
        kind = key[0]
        if self.entity is not Entity.CUSTOMERS or kind == "D":
            for other in holders:
                self.reach(other)
        elif kind in "abz":
            if self.info.get(ref) is not info:
                return
            for other in holders:
                doc = self.info[other].doc
                if other not in self.core and doc and info.doc and (doc == info.doc or OSA.distance(
                        doc, info.doc, score_cutoff=1) <= 1) and self._near_pair(ref, info, other):
                    self.reach(other)
        else:
            self._block(key, (ref, info))

    def _block(self, key: str, source: tuple[Ref, _Info] | None) -> None:
        """A block of the fuzzy matching (phone, e-mail, name). It pairs only where a record
        without a document is in it, and is skipped past ``MAX_BLOCK`` records: followed to
        the records ``source`` would score as the same person with, whole when its size may
        have crossed the limit (the closure's records are the only ones whose membership can
        differ from the last run), else padded."""
        sides = self._sides.get(key)
        if sides is None:
            by_side: dict[str, list[Ref]] = {"c": [], "e": []}
            for other in self.base.index.get(key, ()):
                by_side[other[0]].append(other)
            residue = {s: [r for r in by_side[s] if self._residue(r)] for s in ("c", "e")}
            bare = {s: any(self.info[r].doc is None for r in by_side[s]) for s in ("c", "e")}
            bare["r"] = any(self.info[r].doc is None for s in ("c", "e") for r in residue[s])
            sides = self._sides[key] = (by_side, residue, bare)
        by_side, residue, bare = sides
        moved = self.before.get(key, 0)
        for side in ("c", "e"):  # within one system: every record of it counts
            if bare[side]:
                self._size(key, by_side[side], moved, source, within=True)
        if bare["r"]:
            for s in ("c", "e"):
                if len(residue[s]) > fuzzy.MAX_BLOCK:
                    self._size(key, residue[s], moved, None, within=False)
            if all(len(residue[s]) <= fuzzy.MAX_BLOCK for s in ("c", "e")):
                for s in ("c", "e"):
                    self._size(key, residue[s], moved, source, within=False)

    def _size(self, key: str, members: list[Ref], moved: int,
              source: tuple[Ref, _Info] | None, *, within: bool) -> None:
        if len(members) - moved - len(self.core) > fuzzy.MAX_BLOCK:
            changing = moved + len(self.core)  # a bound, without counting
        else:
            changing = moved + sum(1 for r in members if r in self.core)
        if len(members) - changing > fuzzy.MAX_BLOCK:
            if key not in self._pads_done:
                self._pads_done.add(key)
                self._pad(members)
            self.padded[key] = None
        elif len(members) + changing > fuzzy.MAX_BLOCK or source is None:
            for other in members:
                self.reach(other)
        else:
            ref, info = source
            if self.info.get(ref) is not info:
                return  # an old version pairs nothing now (what it paired: ``together``)
            if within or self._residue(ref):
                for other in members:
                    if other not in self.core and self._pairs(ref, info, other, within):
                        self.reach(other)

    def _pairs(self, ref: Ref, info: _Info, other: Ref, within: bool) -> bool:
        """Whether the matching would score the two as the same person (auto or review)."""
        theirs = self.info[other]
        if within != (ref[0] == other[0]) or (info.doc is not None and theirs.doc is not None):
            return False
        a, b = info.prepared, theirs.prepared
        if a is None or b is None:
            return True
        if ref[0] == "e":
            a, b = b, a
        return (score(scoring.compare(a, b), self.settings).band != "none"
                or (within and score(scoring.compare(b, a), self.settings).band != "none"))

    def _near_pair(self, ref: Ref, info: _Info, other: Ref) -> bool:
        """Two documents a keystroke apart: a pair of one system, or of the fuzzy matching
        when both are left to it; followed when they score as the same person."""
        theirs = self.info[other]
        a, b = info.prepared, theirs.prepared
        if ref[0] != other[0] and not (self._residue(ref) and self._residue(other)):
            return False
        if a is None or b is None:
            return True
        if ref[0] == "e":
            a, b = b, a
        return (score(scoring.compare(a, b), self.settings).band != "none"
                or score(scoring.compare(b, a), self.settings).band != "none")

    def _pad(self, members: list[Ref]) -> None:
        """Enough of a skipped block for the subset to skip it too, each with every record of
        its document (so what the document links stays linked, and what it leaves stays)."""
        for ref in sorted(members)[:fuzzy.MAX_BLOCK + 1]:
            if ref in self.core or ref in self.pads:
                continue
            self.pads.add(ref)
            doc = self.info[ref].doc
            for other in self.base.index.get(f"D{doc}", ()) if doc else ():
                if other not in self.core:
                    self.pads.add(other)

    def _residue(self, ref: Ref) -> bool:
        """Whether the document join leaves the record to the fuzzy matching
        (``app.reconcile.keys.join_on_key``: no document, or none on the other side, or the
        lone record facing a placeholder)."""
        known = self._residues.get(ref)
        if known is None:
            known = self._residues[ref] = self._left_to_fuzzy(ref)
        return known

    def _left_to_fuzzy(self, ref: Ref) -> bool:
        info = self.info[ref]
        if not info.customer:
            return False
        if info.doc is None:
            return True
        mine = theirs = 0
        for other in self.base.index.get(f"D{info.doc}", ()):
            if self.info[other].customer:
                if other[0] == ref[0]:
                    mine += 1
                else:
                    theirs += 1
        return theirs == 0 or (mine == 1 and theirs > MAX_SHARED)


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
    old: list[tuple[Ref, _Info]] = []
    for system in SIDES:
        change, tag = changes[system], _TAG[system]
        for sid in change.changed | change.deleted:
            info = _drop(base, (tag, sid))
            if info is not None:
                old.append(((tag, sid), info))
        frame = frames[system]
        fresh = frame[frame["source_id"].isin(change.changed)]
        for ref, info in _infos(entity, system, fresh, None):
            _add(base, ref, info)
    total = len(crm) + len(erp)
    closure = _Closure(base, entity, max(int(total * MOST), 1), match)
    for _ref, info in old:
        for k in info.keys:
            closure.before[k] = closure.before.get(k, 0) + 1
    for ref, info in old:
        closure.reach(ref, info)
    for system in SIDES:
        for sid in changes[system].changed:
            closure.reach((_TAG[system], sid))
    yield Progress(f"compare_{entity.value}", 1, 4)
    if not closure.run():
        log.info("%s: the changes touch too much, compared whole", entity.value)
        return None
    wanted = closure.core | closure.pads
    subset = {s: frames[s][frames[s]["source_id"].isin(
        {sid for tag, sid in wanted if tag == _TAG[s]})] for s in SIDES}
    part = yield from comparer(subset[System.CRM], subset[System.ERP])
    spliced = _splice(entity, base.result, part, closure.core, crm, erp)
    if spliced is None:
        log.warning("%s: the incremental comparison is not closed, compared whole",
                    entity.value)
        return None
    for ref in closure.core:
        base.together.pop(ref, None)
    _together_of(base, spliced, closure.core)
    spliced.timings["incremental"] = time.perf_counter() - started
    return spliced, len(subset[System.CRM]) + len(subset[System.ERP])


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
    for item in items:
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
    """The previous result without what names the closure, plus the part's findings about the
    closure (those about padding records only are dropped: the previous ones stand)."""
    out = EntityResult(entity, crm=crm, erp=erp)
    for name in ("links", "duplicates", "mismatches"):
        kept, _, crossed = _split(getattr(before, name), core)
        outside, fresh, crossed_now = _split(getattr(part, name), core)
        if crossed or crossed_now:
            return None
        del outside  # about padding records only
        setattr(out, name, kept + fresh)
    return out
