"""What an incremental comparison starts from and how far the changes reach.

:class:`Baseline` is what the last comparison of an entity left (its result, and per record
the keys by which it can meet other records); :class:`Closure` takes, from the records that
changed, the records they can meet (``app.reconcile.delta`` says how it is used):

* every record sharing a key with one of them — the document, the VIN, the receipt number,
  the CUFE, every invoice a payment names; for customers the documents one keystroke away
  (a typo), and the fuzzy matching's blocks (phone, e-mail, name keys) where a record without
  a document takes part: followed to the records the matcher would score as the same person;
* a block whose size may have crossed ``fuzzy.MAX_BLOCK`` with the changes (the matching
  skips a block past it) is followed whole: pairs among records that did not change may
  appear or vanish there. Whether a block is too large is decided on the whole entity
  (:meth:`Closure.too_large`), and the comparison of the subset is told so
  (``fuzzy.WHOLE_BLOCKS``): it skips exactly the blocks the whole comparison skips.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd
from rapidfuzz.distance import OSA

from app.domain.invoices import invoice_key, invoice_keys
from app.domain.schema import Entity, System
from app.reconcile import behind, fuzzy, scoring
from app.reconcile.keys import MAX_SHARED
from app.reconcile.results import EntityResult
from app.reconcile.scoring import MatchSettings, Prepared, prepare_frame, score

SIDES = (System.CRM, System.ERP)
TAG = {System.CRM: "c", System.ERP: "e"}
_WHERE = {"crm": "c", "erp": "e"}

Ref = tuple[str, str]  # ("c" | "e", source_id)


@dataclass(slots=True)
class Info:
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
    info: dict[Ref, Info] | None = None
    index: dict[str, set[Ref]] = field(default_factory=dict)
    #: Per record, the records each finding, link or duplicate naming it names with it.
    together: dict[Ref, list[frozenset[Ref]]] = field(default_factory=dict)
    #: Set once the keys are built (behind the run that compared whole).
    ready: threading.Event = field(default_factory=threading.Event)
    prepared: dict[System, list[Prepared] | None] = field(default_factory=dict)
    #: Per record, whether the document join leaves it to the fuzzy matching (kept between
    #: runs; a closure forgets those of the records whose documents it changes).
    residues: dict[Ref, bool] = field(default_factory=dict)
    #: Per system ("c", "e"), every record's document sorted as written and read backwards
    #: (customers: the orders in which the matching pairs documents a keystroke apart).
    docs: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    _backward: dict[int, tuple[set[str], set[str]]] = field(default_factory=dict)

    def sort_documents(self) -> None:
        assert self.info is not None
        docs: dict[str, list[str]] = {"c": [], "e": []}
        for ref, info in self.info.items():
            if info.doc:
                docs[ref[0]].append(info.doc)
        self.docs = {t: (sorted(d), sorted(x[::-1] for x in d)) for t, d in docs.items()}

    def near_window(self, tag: str, doc: str, moving: set[str]) -> set[Ref]:
        """The records of system ``tag`` around ``doc`` in either order — up to the second
        record on each side whose document is not among ``moving`` (the documents entering or
        leaving with it) — whose documents are a keystroke apart from another's there (or
        shared): the pairs whose nearness ``doc`` entering or leaving may change."""
        forward, backward = self.docs[tag]
        around = _around(forward, doc, moving)
        back = self._backward.get(id(moving))
        if back is None or back[0] is not moving:
            if len(self._backward) > 8:
                self._backward.clear()
            back = self._backward[id(moving)] = (moving, {m[::-1] for m in moving})
        around.update(x[::-1] for x in _around(backward, doc[::-1], back[1]))
        out: set[Ref] = set()
        for d in around:
            holders = [r for r in self.index.get(f"D{d}", ()) if r[0] == tag]
            if len(holders) > 1 or any(
                    e != d and min(len(d), len(e)) >= 6
                    and OSA.distance(d, e, score_cutoff=1) <= 1 for e in around):
                out.update(holders)
        return out

    def _sorted(self, tag: str, doc: str | None, add: bool) -> None:
        if not doc or tag not in self.docs:
            return
        for column, text in zip(self.docs[tag], (doc, doc[::-1]), strict=True):
            if add:
                insort(column, text)
            else:
                at = bisect_left(column, text)
                if at < len(column) and column[at] == text:
                    del column[at]

    def residue(self, ref: Ref) -> bool:
        """Whether the document join leaves the record to the fuzzy matching
        (``app.reconcile.keys.join_on_key``: no document, or none on the other side, or the
        lone record facing a placeholder)."""
        known = self.residues.get(ref)
        if known is None:
            known = self.residues[ref] = self._left_to_fuzzy(ref)
        return known

    def _left_to_fuzzy(self, ref: Ref) -> bool:
        assert self.info is not None
        info = self.info[ref]
        if not info.customer:
            return False
        if info.doc is None:
            return True
        mine = theirs = 0
        for other in self.index.get(f"D{info.doc}", ()):
            if self.info[other].customer:
                if other[0] == ref[0]:
                    mine += 1
                else:
                    theirs += 1
        return theirs == 0 or (mine == 1 and theirs > MAX_SHARED)

    def wait(self) -> None:
        """Wait for the keys; build them here when no thread is building them."""
        if not self.ready.wait(0) and self.info is None:
            with behind.hurried():
                self.ready.wait()

    def add(self, ref: Ref, info: Info) -> None:
        assert self.info is not None
        self.info[ref] = info
        for k in info.keys:
            self.index.setdefault(k, set()).add(ref)
        self._sorted(ref[0], info.doc, True)

    def drop(self, ref: Ref) -> Info | None:
        assert self.info is not None
        info = self.info.pop(ref, None)
        if info is not None:
            self._sorted(ref[0], info.doc, False)
            for k in info.keys:
                holders = self.index.get(k)
                if holders is not None:
                    holders.discard(ref)
                    if not holders:
                        del self.index[k]
        return info


def _around(column: list[str], key: str, moving: set[str]) -> set[str]:
    """``key`` and the values beside it in the sorted ``column`` up to the second on each side
    that is not ``moving``."""
    lo, hi = bisect_left(column, key), bisect_right(column, key)
    out = set(column[lo:hi]) | {key}
    for step, at in ((-1, lo - 1), (1, hi)):
        counted = 0
        while 0 <= at < len(column) and counted < 2:
            out.add(column[at])
            counted += column[at] not in moving
            at += step
    return out


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


def infos(entity: Entity, system: System, frame: pd.DataFrame,
          prepared: list[Prepared] | None) -> Iterator[tuple[Ref, Info]]:
    """Each record's keys (``frame`` holds only the records wanted)."""
    tag = TAG[system]
    ids = frame["source_id"].tolist()
    if entity is Entity.CUSTOMERS:
        prepared = prepared if prepared is not None else prepare_frame(frame)
        flags = (frame["is_customer"].tolist() if "is_customer" in frame.columns
                 else [True] * len(ids))
        for sid, p, flag in zip(ids, prepared, flags, strict=True):
            yield (tag, sid), Info(_customer_keys(p), p.doc, system is System.ERP or bool(flag), p)
    elif entity is Entity.PAYMENTS:
        columns = [frame[c].tolist() if c in frame.columns else [None] * len(ids)
                   for c in ("receipt_number", "cufe", "invoice_number")]
        for sid, receipt, cufe, invoice in zip(ids, *columns, strict=True):
            yield (tag, sid), Info(_payment_keys(receipt, cufe, invoice), None, True)
    else:
        for sid, vin in zip(ids, frame["vin"].tolist(), strict=True):
            yield (tag, sid), Info((f"V{vin}",) if vin else (), None, True)


# --- the closure ----------------------------------------------------------------------------

class Closure:
    """The records the changes touch (``core``), from the old versions of the records that
    changed (``old``: their keys before) and the ids now changed (``changed``), already
    brought up to date in the baseline's index."""

    def __init__(self, base: Baseline, entity: Entity, limit: int,
                 settings: MatchSettings | None, old: list[tuple[Ref, Info]],
                 changed: list[Ref]) -> None:
        self.base, self.entity, self.limit = base, entity, limit
        self.settings = settings or MatchSettings()
        assert base.info is not None
        self.info = base.info
        self.core: set[Ref] = set()
        self.todo: list[tuple[Ref, Info]] = []
        #: Per (side, key): how many old versions of changed records held it, and how many
        #: changed records hold it now (a block's size before = now − fresh + before).
        self.before: dict[tuple[str, str], int] = {}
        self.fresh: dict[tuple[str, str], int] = {}
        #: Records whose place in the fuzzy residue may have changed: the changed ones and
        #: every holder of a document one of them held or holds.
        self.moving: set[Ref] = set()
        self._sides: dict[str, tuple[dict[str, list[Ref]], dict[str, list[Ref]],
                                     dict[str, bool]]] = {}
        self._large: dict[tuple[str, str], int] = {}
        for ref, info in old:
            self._count(self.before, ref, info)
        for ref in changed:
            now = self.info.get(ref)
            if now is not None:
                self._count(self.fresh, ref, now)
        for ref in self.moving:
            base.residues.pop(ref, None)
        for ref, info in old:
            self.reach(ref, info)
        for ref in changed:
            self.reach(ref)

    def _count(self, counts: dict[tuple[str, str], int], ref: Ref, info: Info) -> None:
        self.moving.add(ref)
        for k in info.keys:
            counts[(ref[0], k)] = counts.get((ref[0], k), 0) + 1
            if k[0] == "D":
                self.moving.update(self.base.index.get(k, ()))

    def reach(self, ref: Ref, info: Info | None = None) -> None:
        if ref in self.core:
            if info is not None:  # a changed record's old keys: followed too
                self.todo.append((ref, info))
            return
        self.core.add(ref)
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
        while self.todo:
            ref, info = self.todo.pop()
            for k in info.keys:
                self._follow(ref, info, k)
            if len(self.core) > self.limit:
                return False
        return True

    def _follow(self, ref: Ref, info: Info, key: str) -> None:
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
            self._block(key, ref, info)

    def _members(self, key: str) -> tuple[dict[str, list[Ref]], dict[str, list[Ref]],
                                          dict[str, bool]]:
        """A block's records by side, its residue's by side, and whether a record without a
        document is in it (by side; "r": in the residue)."""
        sides = self._sides.get(key)
        if sides is None:
            by_side: dict[str, list[Ref]] = {"c": [], "e": []}
            for other in self.base.index.get(key, ()):
                by_side[other[0]].append(other)
            info = self.info
            bare = {s: any(info[r].doc is None for r in by_side[s]) for s in ("c", "e")}
            # A customer without a document is always left to the fuzzy matching.
            bare["r"] = any(info[r].doc is None and info[r].customer
                            for s in ("c", "e") for r in by_side[s])
            residue = {s: [r for r in by_side[s] if self._residue(r)] if bare["r"] else []
                       for s in ("c", "e")}
            sides = self._sides[key] = (by_side, residue, bare)
        return sides

    def _block(self, key: str, ref: Ref, info: Info) -> None:
        """A block of the fuzzy matching (phone, e-mail, name). It pairs only where a record
        without a document is in it, and is skipped past ``MAX_BLOCK`` records. Skipped
        before and now: nothing to follow; its size may have crossed the limit: every record
        in it; else the records ``ref`` would score as the same person with."""
        by_side, residue, bare = self._members(key)
        current = self.info.get(ref) is info  # an old version pairs nothing now (``together``)
        side = ref[0]
        if bare[side]:  # within one system: every record of it counts
            members = by_side[side]
            now = len(members)
            was = now - self.fresh.get((side, key), 0) + self.before.get((side, key), 0)
            if (now > fuzzy.MAX_BLOCK) != (was > fuzzy.MAX_BLOCK):
                self._all(members)
            elif now <= fuzzy.MAX_BLOCK and current:
                for other in members:
                    if other not in self.core and self._pairs(ref, info, other, True):
                        self.reach(other)
        if not bare["r"]:
            return
        now_over = was_over = False
        may_differ = False
        for s in ("c", "e"):
            n = len(residue[s])
            moved = self._moved(key, s, by_side[s])
            now_over |= n > fuzzy.MAX_BLOCK
            was_over |= n - moved > fuzzy.MAX_BLOCK
            may_differ |= (n - moved <= fuzzy.MAX_BLOCK) != (n + moved <= fuzzy.MAX_BLOCK)
        if now_over and was_over:
            return  # skipped before and now (whatever moved)
        if now_over or may_differ:
            self._all(residue["c"] + residue["e"])
        elif current and self._residue(ref):
            for other in residue["e" if side == "c" else "c"]:
                if other not in self.core and self._pairs(ref, info, other, False):
                    self.reach(other)

    def _moved(self, key: str, side: str, members: list[Ref]) -> int:
        """How many of a block's records on ``side`` may have entered or left the residue (a
        bound on how much its size there may have changed)."""
        known = self._large.get((key, side))
        if known is None:
            known = self._large[(key, side)] = self.before.get((side, key), 0) + sum(
                1 for r in members if r in self.moving)
        return int(known)

    def _all(self, members: list[Ref]) -> None:
        for other in members:
            self.reach(other)

    def too_large(self, key: str, where: str) -> bool:
        """Whether the whole entity's block of ``key`` is past ``fuzzy.MAX_BLOCK``: among the
        records of one system (``where`` "crm" or "erp") or in the residue ("residue": on
        either side)."""
        known = self._large.get((key, where))
        if known is None:
            by_side, residue, _bare = self._members(key)
            if where == "residue":  # (no customer without a document there: no pairs anyway)
                known = any(len(residue[s]) > fuzzy.MAX_BLOCK for s in ("c", "e"))
            else:
                known = len(by_side[_WHERE[where]]) > fuzzy.MAX_BLOCK
            self._large[(key, where)] = int(known)
        return bool(known)

    def _pairs(self, ref: Ref, info: Info, other: Ref, within: bool) -> bool:
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

    def _near_pair(self, ref: Ref, info: Info, other: Ref) -> bool:
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

    def _residue(self, ref: Ref) -> bool:
        return self.base.residue(ref)


class NearInWhole:
    """``fuzzy.WHOLE_NEAR`` for a part of the baseline's entity: whether two records of one
    system are within two places of each other in the whole's documents, sorted as written or
    read backwards (ties in the frame's order, as the matching's stable sort)."""

    def __init__(self, base: Baseline, frames: dict[str, pd.DataFrame]) -> None:
        self.base, self.frames = base, frames
        self._at: dict[str, dict[str, int]] = {}

    def __call__(self, where: str, a: Prepared, b: Prepared) -> bool:
        tag = _WHERE[where]
        if tag not in self.base.docs or not a.doc or not b.doc:
            return True
        for n, column in enumerate(self.base.docs[tag]):
            if abs(self._place(tag, column, a, n == 1) - self._place(tag, column, b, n == 1)) <= 2:
                return True
        return False

    def _place(self, tag: str, column: list[str], p: Prepared, backward: bool) -> int:
        doc = p.doc or ""
        start = bisect_left(column, doc[::-1] if backward else doc)
        holders = [r[1] for r in self.base.index.get(f"D{doc}", ()) if r[0] == tag]
        if len(holders) < 2:
            return start
        at = self._at.get(tag)
        if at is None:
            ids = self.frames[tag]["source_id"].tolist()
            at = self._at[tag] = {sid: n for n, sid in enumerate(ids)}
        return start + sorted(holders, key=lambda sid: at.get(sid, -1)).index(p.source_id)
