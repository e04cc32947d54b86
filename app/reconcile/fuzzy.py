"""Fuzzy matching of the records keys could not link, under blocking.

Candidate pairs come only from records sharing a blocking key — the phone, the e-mail, the
document within one keystroke (symmetric-delete variants), the first name with the first
surname's initial, a company's first words — so the cost grows about linearly with size.
Blocks larger than ``MAX_BLOCK`` say nothing (a shared "juan|g") and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from app.progress import CancelToken
from app.reconcile.groups import DisjointSets
from app.reconcile.scoring import (
    MatchSettings,
    Prepared,
    Scored,
    cannot_reach_review,
    compare,
    documents_differ,
    score,
)

MAX_BLOCK = 40


def blocking_keys(p: Prepared, documents: bool = True) -> set[str]:
    """The keys that put ``p`` in a block; ``documents=False`` leaves out the document's.

    Plain strings with a one-letter kind ("p" phone, "e" e-mail, "d" document or a document
    one keystroke shorter, "n"/"s" name) — cheaper to build and hash than tuples.
    """
    keys: set[str] = set()
    if p.phone:
        keys.add("p" + p.phone)
    if p.email:
        keys.add("e" + p.email)
    doc = p.doc
    if documents and doc and len(doc) >= 6:
        keys.add("d" + doc)
        keys.update(["d" + doc[:i] + doc[i + 1:] for i in range(len(doc))])
    n = p.name
    if len(n) >= 2:
        keys.add(f"n{n[0]}|{n[1][0]}")
        if len(n) >= 3:
            # "Juan Carlos Pérez" against "Juan Pérez"; both surnames survive a first-name typo.
            keys.add(f"n{n[0]}|{n[2][0]}")
            keys.add(f"s{n[-2]}|{n[-1]}")
    return keys


def _blocks(records: Sequence[Prepared]) -> dict[str, tuple[list[int], list[int]]]:
    """Block key → (members with a document, members without one)."""
    blocks: dict[str, tuple[list[int], list[int]]] = {}
    for i, p in enumerate(records):
        side = 0 if p.doc else 1
        for key in blocking_keys(p):
            entry = blocks.get(key)
            if entry is None:
                entry = blocks[key] = ([], [])
            entry[side].append(i)
    return blocks


def candidate_pairs(
    left: Sequence[Prepared], right: Sequence[Prepared] | None = None
) -> set[tuple[int, int]]:
    """Index pairs (i, j) to compare: across two lists, or within ``left`` (i < j).

    Two records that both carry a document can only be one person when the documents are
    within one keystroke, so they are paired through the document keys alone; the name,
    phone and e-mail keys pair a record without a document with everyone in its block.
    """
    if right is None:
        return _pairs_within(left)
    blocks_l = _blocks(left)
    # The right side only joins blocks the left side opened.
    blocks_r: dict[str, tuple[list[int], list[int]]] = {}
    for j, p in enumerate(right):
        for key in blocking_keys(p):
            if key in blocks_l:
                blocks_r.setdefault(key, ([], []))[0 if p.doc else 1].append(j)
    pairs: set[tuple[int, int]] = set()
    for key, (r_doc, r_none) in blocks_r.items():
        l_doc, l_none = blocks_l[key]
        if len(l_doc) + len(l_none) > MAX_BLOCK or len(r_doc) + len(r_none) > MAX_BLOCK:
            continue
        if key[0] == "d":  # documents within a keystroke: everyone in the block
            pairs.update((i, j) for i in l_doc + l_none for j in r_doc + r_none)
        else:
            pairs.update((i, j) for i in l_none for j in r_doc + r_none)
            pairs.update((i, j) for i in l_doc for j in r_none)
    return pairs


def _pairs_within(records: Sequence[Prepared]) -> set[tuple[int, int]]:
    """Pairs inside one system, built to stay cheap on a million records.

    Records without a document are blocked by name, phone and e-mail against everyone;
    records that both carry one meet only when sorting by the document, or by the document
    read backwards, puts them within ``_WINDOW`` of each other and they are one keystroke
    apart (a typo anywhere in the number moves it in one of the two orders at most).
    """
    pairs: set[tuple[int, int]] = set()
    no_doc: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(records):
        if not p.doc:
            for key in blocking_keys(p):
                no_doc[key].append(i)
    if no_doc:
        documented: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(records):
            if p.doc:
                for key in blocking_keys(p, documents=False):
                    if key in no_doc:
                        documented[key].append(i)
        for key, members in no_doc.items():
            others = documented.get(key, [])
            if len(members) + len(others) > MAX_BLOCK:
                continue  # "juan|p" among thousands says nothing
            pairs.update((min(i, j), max(i, j)) for i in members for j in others)
            pairs.update(
                (members[a], members[b])
                for a in range(len(members)) for b in range(a + 1, len(members))
            )
    with_doc = [(p.doc, i) for i, p in enumerate(records) if p.doc]
    for order in (sorted(with_doc), sorted(with_doc, key=lambda t: t[0][::-1])):
        docs = [d for d, _ in order]
        ids = [i for _, i in order]
        for step in range(1, _WINDOW + 1):
            if len(docs) <= step:
                break
            # Element-wise distances in C: doc n against doc n + step of the same order.
            distance = process.cpdist(docs[:-step], docs[step:],
                                      scorer=DamerauLevenshtein.distance, score_cutoff=2,
                                      workers=-1)
            for n in np.flatnonzero(distance <= 1):
                a, b = docs[n], docs[n + step]
                if min(len(a), len(b)) >= 6 or a == b:
                    i, j = ids[n], ids[n + step]
                    pairs.add((min(i, j), max(i, j)))
    return pairs


_WINDOW = 2


class Match(NamedTuple):
    left: int
    right: int
    scored: Scored


def link(
    left: Sequence[Prepared], right: Sequence[Prepared], settings: MatchSettings,
    cancel: CancelToken | None = None,
) -> list[Match]:
    """One-to-one links between ``left`` and ``right`` (best score first), bands auto/review."""
    scored = _score_pairs(candidate_pairs(left, right), left, right, settings, cancel)
    taken_l: set[int] = set()
    taken_r: set[int] = set()
    out: list[Match] = []
    for m in sorted(scored, key=lambda m: (-m.scored.score, m.left, m.right)):
        if m.left not in taken_l and m.right not in taken_r:
            taken_l.add(m.left)
            taken_r.add(m.right)
            out.append(m)
    return out


def duplicate_groups(
    records: Sequence[Prepared], settings: MatchSettings, cancel: CancelToken | None = None,
    known: Iterable[Sequence[int]] = (),
) -> list[tuple[list[int], list[Match]]]:
    """Groups of records of one system that are the same person (auto or review edges).

    ``known`` are groups already found by exact keys; fuzzy edges may join them. Returns each
    group's member indexes with the edges that formed it.
    """
    sets: DisjointSets[int] = DisjointSets()
    for group in known:
        for other in group[1:]:
            sets.union(group[0], other)
    edges = _score_pairs(candidate_pairs(records), records, records, settings, cancel)
    for e in edges:
        sets.union(e.left, e.right)
    by_root: dict[int, list[Match]] = defaultdict(list)
    for e in edges:
        by_root[sets.find(e.left)].append(e)
    groups = sorted(sorted(members) for members in sets.groups())
    return [(members, by_root.get(sets.find(members[0]), [])) for members in groups]


def _score_pairs(
    pairs: set[tuple[int, int]], left: Sequence[Prepared], right: Sequence[Prepared],
    settings: MatchSettings, cancel: CancelToken | None,
) -> list[Match]:
    out: list[Match] = []
    for n, (i, j) in enumerate(sorted(pairs)):
        if cancel is not None and n % 5000 == 0:
            cancel.check()
        a, b = left[i], right[j]
        if documents_differ(a.doc, b.doc) or cannot_reach_review(a, b, settings):
            continue  # never a link: skip the full comparison
        s = score(compare(a, b), settings)
        if s.band != "none":
            out.append(Match(i, j, s))
    return out
