"""Fuzzy matching of the records keys could not link, under blocking.

Candidate pairs come only from records sharing a blocking key — the phone, the e-mail, the
document within one keystroke (symmetric-delete variants), the first name with the first
surname's initial, a company's first words — so the cost grows about linearly with size.
Blocks larger than ``MAX_BLOCK`` say nothing (a shared "juan|g") and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from app.progress import CancelToken
from app.reconcile.scoring import MatchSettings, Prepared, Scored, compare, score

MAX_BLOCK = 40


def blocking_keys(p: Prepared) -> Iterator[tuple[str, str]]:
    if p.phone:
        yield ("p", p.phone)
    if p.email:
        yield ("e", p.email)
    if p.doc and len(p.doc) >= 6:
        yield ("d", p.doc)
        for i in range(len(p.doc)):
            yield ("d", p.doc[:i] + p.doc[i + 1:])
    n = p.name
    if len(n) >= 2:
        yield ("n", f"{n[0]}|{n[1][0]}")
    if len(n) >= 3:
        # "Juan Carlos Pérez" against "Juan Pérez"; both surnames survive a first-name typo.
        yield ("n", f"{n[0]}|{n[2][0]}")
        yield ("s", f"{n[-2]}|{n[-1]}")


def candidate_pairs(
    left: Sequence[Prepared], right: Sequence[Prepared] | None = None
) -> set[tuple[int, int]]:
    """Index pairs (i, j) to compare: across two lists, or within ``left`` (i < j)."""
    blocks_l: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(left):
        for key in set(blocking_keys(p)):
            blocks_l[key].append(i)
    pairs: set[tuple[int, int]] = set()
    if right is None:
        for members in blocks_l.values():
            if 1 < len(members) <= MAX_BLOCK:
                for a in range(len(members)):
                    for b in range(a + 1, len(members)):
                        pairs.add((members[a], members[b]))
        return pairs
    blocks_r: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, p in enumerate(right):
        for key in set(blocking_keys(p)):
            if key in blocks_l:
                blocks_r[key].append(j)
    for key, js in blocks_r.items():
        is_ = blocks_l[key]
        if len(is_) <= MAX_BLOCK and len(js) <= MAX_BLOCK:
            pairs.update((i, j) for i in is_ for j in js)
    return pairs


@dataclass(frozen=True, slots=True)
class Match:
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
    parent = list(range(len(records)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for group in known:
        for other in group[1:]:
            union(group[0], other)
    edges = _score_pairs(candidate_pairs(records), records, records, settings, cancel)
    for e in edges:
        union(e.left, e.right)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        members[find(i)].append(i)
    by_root: dict[int, list[Match]] = defaultdict(list)
    for e in edges:
        by_root[find(e.left)].append(e)
    return [(ids, by_root.get(root, [])) for root, ids in sorted(members.items()) if len(ids) > 1]


def _score_pairs(
    pairs: set[tuple[int, int]], left: Sequence[Prepared], right: Sequence[Prepared],
    settings: MatchSettings, cancel: CancelToken | None,
) -> list[Match]:
    out: list[Match] = []
    for n, (i, j) in enumerate(sorted(pairs)):
        if cancel is not None and n % 5000 == 0:
            cancel.check()
        s = score(compare(left[i], right[j]), settings)
        if s.band != "none":
            out.append(Match(i, j, s))
    return out
