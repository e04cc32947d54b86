"""Fuzzy matching of the records keys could not link, under blocking.

Candidate pairs come only from records sharing a blocking key — the phone, the e-mail, the
document within one keystroke (symmetric-delete variants), the first name with the first
surname's initial, a company's first words — so the cost grows about linearly with size.
Blocks larger than ``MAX_BLOCK`` say nothing (a shared "juan|g") and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from app.progress import CancelToken
from app.reconcile.groups import DisjointSets
from app.reconcile.scoring import (
    MatchSettings,
    Prepared,
    Scored,
    compare,
    documents_differ,
    score,
)

MAX_BLOCK = 40

#: Set while a part of an entity is compared (``app.reconcile.delta``): whether the whole
#: entity's block of a key is past ``MAX_BLOCK`` — among one system's records ("crm",
#: "erp") or in the residue ("residue") — so that the part skips exactly the blocks the whole
#: comparison skips. Keys of documents ("d…") are judged on the part, as without it.
WHOLE_BLOCKS: ContextVar[Callable[[str, str], bool] | None] = ContextVar(
    "whole_blocks", default=None)


#: Set with :data:`WHOLE_BLOCKS`: whether two records of one system ("crm", "erp") whose
#: documents are a keystroke apart are near enough in the whole entity's sorted documents
#: for :func:`_near_documents` to pair them there (the part has fewer documents between).
WHOLE_NEAR: ContextVar[Callable[[str, Prepared, Prepared], bool] | None] = ContextVar(
    "whole_near", default=None)


def _too_large(key: str, where: str, size: int) -> bool:
    whole = WHOLE_BLOCKS.get()
    if whole is not None and where and key[0] != "d":
        return whole(key, where)
    return size > MAX_BLOCK


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
    left: Sequence[Prepared], right: Sequence[Prepared] | None = None, where: str = ""
) -> set[tuple[int, int]]:
    """Index pairs (i, j) to compare: across two lists, or within ``left`` (i < j).

    Two records that both carry a document can only be one person when the documents are
    within one keystroke, so they are paired through the document keys alone; the name,
    phone and e-mail keys pair a record without a document with everyone in its block.
    """
    if right is None:
        return _pairs_within(left, where)
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
        if _too_large(key, "residue", max(len(l_doc) + len(l_none), len(r_doc) + len(r_none))):
            continue
        if key[0] == "d":  # documents within a keystroke: everyone in the block
            pairs.update((i, j) for i in l_doc + l_none for j in r_doc + r_none)
        else:
            pairs.update((i, j) for i in l_none for j in r_doc + r_none)
            pairs.update((i, j) for i in l_doc for j in r_none)
    return pairs


def _pairs_within(records: Sequence[Prepared], where: str = "") -> set[tuple[int, int]]:
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
        documented = _documented_members(records, no_doc)
        for key, members in no_doc.items():
            others = documented.get(key, [])
            if _too_large(key, where, len(members) + len(others)):
                continue  # "juan|p" among thousands says nothing
            pairs.update((min(i, j), max(i, j)) for i in members for j in others)
            pairs.update(
                (members[a], members[b])
                for a in range(len(members)) for b in range(a + 1, len(members))
            )
    with_doc = [i for i, p in enumerate(records) if p.doc]
    if len(with_doc) >= 2:
        docs = [records[i].doc or "" for i in with_doc]
        whole = WHOLE_NEAR.get() if where else None
        for a, b in _near_documents(docs):
            i, j = with_doc[a], with_doc[b]
            if whole is None or whole(where, records[i], records[j]):
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _near_documents(docs: list[str]) -> Iterator[tuple[int, int]]:
    """Positions (a, b) of documents one keystroke apart (or equal, when short) that sorting
    by the document, or by the document read backwards, puts within ``_WINDOW`` of each other.

    The documents become rows of bytes: for each neighbour pair, the shared prefix (rows as
    written) and the shared suffix (rows read backwards) are measured on the whole column in
    NumPy. One keystroke apart needs ``prefix + suffix ≥ longest − 2``; only the few pairs
    that pass are compared exactly (optimal string alignment: a swap of two digits costs 1).
    """
    try:
        width = max(map(len, docs))
        forward = np.array(docs, dtype=f"S{width}")
        backward = np.array([d[::-1] for d in docs], dtype=f"S{width}")
    except UnicodeEncodeError:  # a document with letters beyond ASCII: the same test, in C
        yield from _near_documents_text(docs)
        return
    n = len(docs)
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=n)
    rows, rows_back = forward.view(np.uint8).reshape(n, width), backward.view(np.uint8).reshape(n, width)
    for keys in (forward, backward):
        order = np.argsort(keys, kind="stable")
        for step in range(1, _WINDOW + 1):
            if n <= step:
                break
            x, y = order[:-step], order[step:]
            prefix = _shared_prefix(rows[x], rows[y], width)
            suffix = _shared_prefix(rows_back[x], rows_back[y], width)
            longest = np.maximum(lengths[x], lengths[y])
            shortest = np.minimum(lengths[x], lengths[y])
            maybe = (longest - shortest <= 1) & (prefix + suffix >= longest - 2)
            for k in np.flatnonzero(maybe).tolist():
                a, b = int(x[k]), int(y[k])
                da, db = docs[a], docs[b]
                if (min(len(da), len(db)) >= 6 or da == db) and OSA.distance(da, db, score_cutoff=1) <= 1:
                    yield a, b


def _shared_prefix(left: np.ndarray, right: np.ndarray, width: int) -> np.ndarray:
    same = left == right
    return np.where(same.all(axis=1), width, same.argmin(axis=1))


def _near_documents_text(docs: list[str]) -> Iterator[tuple[int, int]]:
    """:func:`_near_documents` on text (any alphabet), with rapidfuzz's element-wise distances."""
    for sort_key in (docs, [d[::-1] for d in docs]):
        order = np.argsort(np.array(sort_key), kind="stable").tolist()
        ranked = [docs[k] for k in order]
        for step in range(1, _WINDOW + 1):
            if len(ranked) <= step:
                break
            near = process.cpdist(ranked[:-step], ranked[step:], scorer=Levenshtein.distance,
                                  score_cutoff=2, workers=-1)
            for n in np.flatnonzero(near <= 2).tolist():
                a, b = ranked[n], ranked[n + step]
                if (min(len(a), len(b)) >= 6 or a == b) and OSA.distance(a, b, score_cutoff=1) <= 1:
                    yield order[n], order[n + step]


def _documented_members(records: Sequence[Prepared], blocks: dict[str, list[int]]
                        ) -> dict[str, list[int]]:
    """Records with a document in the blocks that records without one opened: the same keys as
    :func:`blocking_keys` (document keys left out), looked up without building a key string for
    every record — most share no phone, e-mail or name key with a record lacking a document."""
    # Each block key, reachable from the parts a record has: phone, e-mail, (first name,
    # initial), (surname, surname).
    phones: dict[str, str] = {}
    emails: dict[str, str] = {}
    initials: dict[str, dict[str, str]] = defaultdict(dict)
    surnames: dict[str, dict[str, str]] = defaultdict(dict)
    for k in blocks:
        kind, rest = k[0], k[1:]
        if kind == "p":
            phones[rest] = k
        elif kind == "e":
            emails[rest] = k
        elif kind == "n":
            first, _, initial = rest.rpartition("|")
            initials[first][initial] = k
        elif kind == "s":
            one, _, two = rest.partition("|")
            surnames[one][two] = k
    # A block past MAX_BLOCK is skipped whole: once a key has more members than could fit,
    # more are not collected ("juan|p" has thousands among a million customers).
    room = {k: MAX_BLOCK - len(v) + 1 for k, v in blocks.items()}
    members: dict[str, list[int]] = defaultdict(list)

    def join(key: str | None, i: int) -> None:
        if key is not None and room[key] > 0:
            room[key] -= 1
            members[key].append(i)

    # One pass over the records (each pass costs the memory traffic of a million records).
    none: dict[str, str] = {}
    for i, p in enumerate(records):
        if not p.doc:
            continue
        if p.phone:
            join(phones.get(p.phone), i)
        if p.email:
            join(emails.get(p.email), i)
        n = p.name
        if len(n) < 2:
            continue
        wanted = initials.get(n[0], none)
        one = n[1][0]
        join(wanted.get(one), i)
        if len(n) >= 3:
            other = n[2][0]
            if other != one:
                join(wanted.get(other), i)
            join(surnames.get(n[-2], none).get(n[-1]), i)
    return members


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
    known: Iterable[Sequence[int]] = (), where: str = "",
) -> list[tuple[list[int], list[Match]]]:
    """Groups of records of one system that are the same person (auto or review edges).

    ``known`` are groups already found by exact keys; fuzzy edges may join them. Returns each
    group's member indexes with the edges that formed it. ``where`` names the system ("crm",
    "erp": see :data:`WHOLE_BLOCKS`).
    """
    sets: DisjointSets[int] = DisjointSets()
    for group in known:
        for other in group[1:]:
            sets.union(group[0], other)
    edges = _score_pairs(candidate_pairs(records, where=where), records, records, settings,
                         cancel)
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
    if not pairs:
        return []
    both = np.array(sorted(pairs), dtype=np.int64)
    keep = _can_reach_review(both[:, 0], both[:, 1], left, right, settings)
    out: list[Match] = []
    for n, (i, j) in enumerate(both[keep].tolist()):
        if cancel is not None and n % 5000 == 0:
            cancel.check()
        s = score(compare(left[i], right[j]), settings)
        if s.band != "none":
            out.append(Match(i, j, s))
    return out


def _can_reach_review(i: np.ndarray, j: np.ndarray, left: Sequence[Prepared],
                      right: Sequence[Prepared], settings: MatchSettings) -> np.ndarray:
    """For each pair (i[n], j[n]): could it reach the review band, were the names identical?

    Looks only at the cheap fields (document, phone, e-mail, city), on whole columns at once,
    so that most candidate pairs — people who merely share a first name and an initial — are
    dropped before any name is compared. Two documents more than a keystroke apart never pass.
    """
    g = settings.weights().get

    def column(records: Sequence[Prepared], field: str, at: np.ndarray) -> np.ndarray:
        k = Prepared._fields.index(field)
        if len(records) < len(at):  # a small residue, many pairs: read each record once
            return np.array([p[k] or "" for p in records], dtype=object)[at]
        return np.array([records[n][k] or "" for n in at.tolist()], dtype=object)

    w = np.full(len(i), settings.prior_log2_odds + g(("name", "exact"), 0.0))
    keep = np.ones(len(i), dtype=bool)
    da, db = column(left, "doc", i), column(right, "doc", j)
    present = (da != "") & (db != "")
    w[present & (da == db)] += g(("doc", "exact"), 0.0)
    for n in np.flatnonzero(present & (da != db)).tolist():
        if documents_differ(da[n], db[n]):
            keep[n] = False  # two different documents: two people, whatever else agrees
        else:
            w[n] += g(("doc", "close"), 0.0)
    # Added in the order a full score adds them, so the sums are the same to the last bit.
    _add_equal(w, column(left, "phone", i), column(right, "phone", j), "phone", g)
    a, b = column(left, "email", i), column(right, "email", j)
    ua, ub = column(left, "email_user", i), column(right, "email_user", j)
    present = (a != "") & (b != "")
    same = present & (a == b)
    same_user = present & ~same & (ua != "") & (ua == ub)
    w[same] += g(("email", "exact"), 0.0)
    w[same_user] += g(("email", "close"), 0.0)
    w[present & ~same & ~same_user] += g(("email", "different"), 0.0)
    _add_equal(w, column(left, "city", i), column(right, "city", j), "city", g)
    return keep & (w >= settings.review_log2_odds)


def _add_equal(w: np.ndarray, a: np.ndarray, b: np.ndarray, field: str,
               g: Callable[[tuple[str, str], float], float]) -> None:
    present = (a != "") & (b != "")
    same = present & (a == b)
    w[same] += g((field, "exact"), 0.0)
    w[present & ~same] += g((field, "different"), 0.0)
