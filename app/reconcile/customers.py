"""Customers: link CRM customers and ERP terceros by document number; report what differs.

Findings: only in one system, a field that differs on a linked pair (name, phone, email,
city — compared normalized, so "JUAN PÉREZ" equals "Juan Perez" and "+57 310…" equals
"310…"), a document held twice by one system, a NIT whose DV is wrong, and a field the ERP
requires (Cédula/NIT, Ciudad, Teléfono) that is missing. CRM leads that never bought are not
owed to the ERP and are left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import pandas as pd

from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.domain.values import nit_check_digit, nit_dv_is_valid
from app.progress import CancelToken, Progress, Task
from app.reconcile import fuzzy
from app.reconcile.explain import explain
from app.reconcile.keys import MAX_SHARED, join_on_key
from app.reconcile.profile import Profile
from app.reconcile.results import (
    Duplicate,
    EntityResult,
    Link,
    Mismatch,
    one_per_fact,
    one_sided,
    with_counterparts,
)
from app.reconcile.scoring import (
    FIELDS,
    Comparison,
    MatchSettings,
    Prepared,
    Scored,
    compare,
    prepare_frame,
    score,
)


def display_name(r: dict[str, Any]) -> str | None:
    if r.get("company_name"):
        return str(r["company_name"])
    parts = [p for p in (r.get("first_names"), r.get("last_names")) if p]
    return " ".join(str(p) for p in parts) or None


class _Rows:
    """A canonical frame's rows by position, read from its columns on demand.

    Turning 100,000 rows into dicts up front costs more than the matching that needs a
    handful of them; columns are read once, a row only when a finding needs it. The matching
    works on positions; source ids appear only in what it reports.
    """

    COLUMNS = ("source_id", "doc_type", "doc_number", "check_digit", "first_names", "last_names",
               "company_name", "phone", "email", "city_code", "city_name", "is_customer")

    def __init__(self, df: pd.DataFrame) -> None:
        n = len(df)
        self.columns: dict[str, list[Any]] = {
            c: df[c].tolist() if c in df.columns else [None] * n for c in self.COLUMNS
        }
        self.ids: list[str] = self.columns["source_id"]

    def row(self, i: int) -> dict[str, Any]:
        return {c: values[i] for c, values in self.columns.items()}

    def __len__(self) -> int:
        return len(self.ids)


def _validate(rows: _Rows, prepared: list[Prepared], positions: Iterable[int],
              system: System) -> Iterator[Mismatch]:
    """Invalid DVs and the fields the ERP requires (Cédula/NIT, Ciudad, Teléfono)."""
    col = rows.columns
    ids, docs, types, dvs = col["source_id"], col["doc_number"], col["doc_type"], col["check_digit"]
    cities, city_names, phones = col["city_code"], col["city_name"], col["phone"]
    for i in positions:
        sid, doc = ids[i], docs[i]
        if doc is None:
            yield one_sided("missing_document", system, sid, field="doc_number")
        elif types[i] == "NIT" and dvs[i] and not nit_dv_is_valid(doc, dvs[i]):
            yield one_sided(
                "invalid_check_digit", system, sid, dvs[i], key=doc, field="check_digit",
                detail=nit_check_digit(doc) if len(doc) <= 15 else None,
            )
        if cities[i] is None:
            yield one_sided("missing_city", system, sid, city_names[i], key=doc, field="city_name")
        if prepared[i].phone is None:
            yield one_sided(
                "missing_phone", system, sid, phones[i], key=doc, field="phone",
                detail="invalid_phone" if phones[i] else "missing",
            )


# (kind, comparison field, canonical field named in the finding, value shown)
_COMPARED: tuple[tuple[str, str, str, Callable[[dict[str, Any]], Any]], ...] = (
    ("name_differs", "name", "name", display_name),
    ("phone_differs", "phone", "phone", lambda r: r.get("phone")),
    ("email_differs", "email", "email", lambda r: r.get("email")),
    ("city_differs", "city", "city_code", lambda r: r.get("city_name")),
)


def reconcile_customers(
    crm: pd.DataFrame, erp: pd.DataFrame, profile: Profile | None = None,
    cancel: CancelToken | None = None,
) -> Task[EntityResult]:
    """Yields progress; returns the result."""
    settings = (profile or Profile()).match
    result = EntityResult(Entity.CUSTOMERS, crm=crm, erp=erp)
    clock = _Clock(result.timings)
    crm_rows, erp_rows = _Rows(crm), _Rows(erp)
    crm_customers = [i for i, flag in enumerate(crm_rows.columns["is_customer"]) if flag]
    total = len(crm_rows) + len(erp_rows)
    # What matching needs of each record, computed once and shared by every stage below.
    crm_list, erp_list = prepare_frame(crm), prepare_frame(erp)
    result.mismatches.extend(_validate(crm_rows, crm_list, crm_customers, System.CRM))
    result.mismatches.extend(_validate(erp_rows, erp_list, range(len(erp_rows)), System.ERP))
    yield Progress("compare_customers", total // 5, total)
    _check(cancel)

    # 1. Exact keys: the document number, joined on row positions. A document held twice in
    # one system links each holder to the other system's holders (and is a duplicate group).
    crm_docs, erp_docs = crm_rows.columns["doc_number"], erp_rows.columns["doc_number"]
    join = join_on_key(crm_customers, [crm_docs[i] for i in crm_customers],
                       range(len(erp_rows)), erp_docs)
    linker = _Linker(result, crm_rows, erp_rows, crm_list, erp_list)
    for n, (ci, ei, key) in enumerate(join.all_pairs()):
        linker.by_document(ci, ei, key)
        if n % 2000 == 0:
            _check(cancel)
    clock.lap("exact")  # preparing every record, validating, the key join and its links
    yield Progress("compare_customers", 2 * total // 5, total)

    # 2. Fuzzy residue: what the document could not link.
    crm_left = [i for i, _ in join.crm_only] + join.crm_unkeyed
    erp_left = [i for i, _ in join.erp_only] + join.erp_unkeyed
    for m in fuzzy.link([crm_list[i] for i in crm_left], [erp_list[i] for i in erp_left],
                        settings, cancel):
        linker.scored(crm_left[m.left], erp_left[m.right], m.scored, "fuzzy")
    clock.lap("residue")
    yield Progress("compare_customers", 3 * total // 5, total)

    # 3. Duplicates within each system: same document, or the same person by name, phone…
    crm_groups = _duplicates(System.CRM, crm_rows, crm_list,
                             [(k, ids) for s, k, ids in join.shared if s is System.CRM], settings, cancel)
    yield Progress("compare_customers", 4 * total // 5, total)
    erp_groups = _duplicates(System.ERP, erp_rows, erp_list,
                             [(k, ids) for s, k, ids in join.shared if s is System.ERP], settings, cancel)
    result.duplicates = [d for d, _ in crm_groups + erp_groups]
    # 4. Each duplicate is linked to its group's counterparts when the two compare as the same
    # person: the ERP record behind a CRM duplicate (and the reverse) is never left out.
    customer = set(crm_customers)
    for system, groups in ((System.CRM, crm_groups), (System.ERP, erp_groups)):
        owed = [(d, [i for i in members if system is System.ERP or i in customer])
                for d, members in groups]
        links = linker.links_of(system, [i for _, members in owed for i in members])
        for d, members in owed:
            linker.through_group(system, d, members, links, settings)
    clock.lap("duplicates")

    # A DV or a field missing on both linked records is one fact: one finding naming both.
    result.mismatches = with_counterparts(one_per_fact(result.mismatches, result.links),
                                          result.links)
    crm_ids, erp_ids = crm_rows.ids, erp_rows.ids
    for ci, key in join.crm_only:
        if ci not in linker.linked_crm:
            result.mismatches.append(Mismatch("only_in_crm", crm_ids[ci], None, key=key, system=System.CRM))
    for ei, key in join.erp_only:
        if ei not in linker.linked_erp:
            result.mismatches.append(Mismatch("only_in_erp", None, erp_ids[ei], key=key, system=System.ERP))
    yield Progress("compare_customers", total, total)
    return result


class _Linker:
    """Links between row positions, the findings each link brings, and who is linked to whom."""

    def __init__(self, result: EntityResult, crm: _Rows, erp: _Rows, crm_list: list[Prepared],
                 erp_list: list[Prepared]) -> None:
        self.result, self.crm, self.erp = result, crm, erp
        self.crm_list, self.erp_list = crm_list, erp_list
        # The positions of each link's records, in the order of ``result.links``: two lists
        # of ints cost less than a map per record, and only duplicates need looking up.
        self.crm_at: list[int] = []
        self.erp_at: list[int] = []
        #: Records a comparison (not the document) linked: the only ones "only in" could name.
        self.linked_crm: set[int] = set()
        self.linked_erp: set[int] = set()
        self.same = _same_everywhere()

    def _add(self, ci: int, ei: int, link: Link) -> None:
        self.result.links.append(link)
        self.crm_at.append(ci)
        self.erp_at.append(ei)

    def links_of(self, system: System, positions: list[int]) -> dict[int, list[tuple[int, Link]]]:
        """The links of these records of ``system``: position → (other system's position, link)."""
        wanted = set(positions)
        mine, theirs = (self.crm_at, self.erp_at) if system is System.CRM else (self.erp_at, self.crm_at)
        out: dict[int, list[tuple[int, Link]]] = {}
        if wanted:
            links = self.result.links
            for n, i in enumerate(mine):
                if i in wanted:
                    out.setdefault(i, []).append((theirs[n], links[n]))
        return out

    def by_document(self, ci: int, ei: int, key: str) -> None:
        a, b = self.crm_list[ci], self.erp_list[ei]
        if (a.name and a.name == b.name and a.phone and a.phone == b.phone
                and a.email and a.email == b.email and a.city and a.city == b.city):
            # Most key links agree on every field: one shared comparison, nothing to report.
            self._add(ci, ei, Link(a.source_id, b.source_id, "doc_number", "auto", 1.0,
                                   self.same.levels, self.same.why))
            return
        comparison = compare(a, b)
        self._add(ci, ei, Link(a.source_id, b.source_id, "doc_number", "auto", 1.0,
                               comparison.levels, explain(comparison)))
        self.result.mismatches.extend(_field_differences(self.crm, self.erp, ci, ei, key, comparison))

    def scored(self, ci: int, ei: int, scored: Scored, method: str, why: str | None = None) -> None:
        """A link the comparison decided: its differences when automatic, else a suggestion."""
        c = scored.comparison
        why = why or explain(c)
        key = self.erp.columns["doc_number"][ei] or self.crm.columns["doc_number"][ci]
        crm_id, erp_id = self.crm.ids[ci], self.erp.ids[ei]
        self._add(ci, ei, Link(crm_id, erp_id, method, scored.band, scored.score, c.levels, why))
        self.linked_crm.add(ci)
        self.linked_erp.add(ei)
        if scored.band == "auto":
            self.result.mismatches.extend(_field_differences(self.crm, self.erp, ci, ei, key, c))
        else:
            self.result.mismatches.append(Mismatch(
                "possible_match", crm_id, erp_id, key=key, score=scored.score, explanation=why,
                crm_value=display_name(self.crm.row(ci)), erp_value=display_name(self.erp.row(ei)),
                field="name",
            ))

    def through_group(self, system: System, group: Duplicate, members: list[int],
                      mine: dict[int, list[tuple[int, Link]]], settings: MatchSettings) -> None:
        """Link each member of a duplicate group to the records of the other system its mates
        are linked to. The pair must compare as the same person by itself, unless the group
        shares a document (the same tercero twice): then the mate's link carries over, two
        different documents excepted. The band is at most the group's, the mate link's and
        the pair's own."""
        crm_side = system is System.CRM
        counterparts: dict[int, tuple[int, Link]] = {}  # other-system position → (mate, link)
        for i in members:
            for j, link in mine.get(i, ()):
                if j not in counterparts or link.band == "auto":
                    counterparts[j] = (i, link)
        if not counterparts or len(counterparts) > MAX_SHARED:
            return
        ids = self.crm.ids if crm_side else self.erp.ids
        for i in members:
            linked = {j for j, _ in mine.get(i, ())}
            for j, (mate, via) in sorted(counterparts.items()):
                if j in linked:
                    continue
                ci, ei = (i, j) if crm_side else (j, i)
                s = score(compare(self.crm_list[ci], self.erp_list[ei]), settings)
                if s.comparison.levels.get("doc") == "different":
                    continue
                if s.band == "none":
                    if group.method != "key":
                        continue
                    s = s._replace(band=via.band, score=via.score)
                if "review" in (s.band, via.band, group.band):
                    s = s._replace(band="review")
                why = tr_app("app.reconcile", "{why}; duplicado de {mate} en el {system}").format(
                    why=explain(s.comparison), mate=ids[mate], system=_SYSTEM_WORD[system])
                if group.method == "key":
                    why += tr_app("app.reconcile", ", con el mismo documento")
                self.scored(ci, ei, s, "fuzzy", why)


_SYSTEM_WORD = {System.CRM: "CRM", System.ERP: "ERP"}


class _Clock:
    """Seconds per stage into ``timings`` (a pause at a ``yield`` counts in the next stage;
    the runners resume at once)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.started = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.started
        self.started = now


class _Same(NamedTuple):
    levels: dict[str, str]
    why: str


@lru_cache(maxsize=1)
def _same_everywhere() -> _Same:
    """The comparison of two records equal in every field, and its sentence."""
    c = Comparison({f: "exact" for f in FIELDS}, {}, {})
    return _Same(c.levels, explain(c))


def _field_differences(
    crm: _Rows, erp: _Rows, ci: int, ei: int, key: str | None, c: Comparison
) -> Iterator[Mismatch]:
    """A finding per field the comparison found different (both present, not equal)."""
    differing = [x for x in _COMPARED if c.levels.get(x[1]) in ("close", "different")]
    if not differing:
        return
    a, b = crm.row(ci), erp.row(ei)
    for kind, _level_field, field, shown in differing:
        yield Mismatch(kind, a["source_id"], b["source_id"], key=key, field=field,
                       crm_value=_text(shown(a)), erp_value=_text(shown(b)))


def _duplicates(
    system: System, rows: _Rows, prepared: list[Prepared],
    exact: list[tuple[str, tuple[int, ...]]], settings: MatchSettings, cancel: CancelToken | None,
) -> list[tuple[Duplicate, list[int]]]:
    """Records sharing a document (``exact``: key and row positions), joined and extended by
    fuzzy edges within the same system; reported with source ids, beside their positions."""
    docs = rows.columns["doc_number"]
    exact_groups = {frozenset(members): (key, members) for key, members in exact}
    out: list[tuple[Duplicate, list[int]]] = []
    for members, edges in fuzzy.duplicate_groups(prepared, settings, cancel,
                                                 [list(m) for _, m in exact], system.value):
        ids = tuple(rows.ids[i] for i in members)
        if edges:
            weakest = min(edges, key=lambda e: e.scored.score)
            comparison = weakest.scored.comparison
            strength, band = weakest.scored.score, weakest.scored.band
        else:
            comparison = compare(prepared[members[0]], prepared[members[1]])
            strength, band = 1.0, "auto"
        why = explain(comparison, same_system=True)
        found = exact_groups.get(frozenset(members))
        if found is not None:  # exactly the records that share the document
            key, shared = found
            out.append((Duplicate(system, key, tuple(rows.ids[i] for i in shared), explanation=why),
                        list(shared)))
        else:
            group_docs = {docs[i] for i in members} - {None}
            out.append((Duplicate(system, next(iter(group_docs)) if len(group_docs) == 1 else None,
                                  ids, "fuzzy", band, strength, why), list(members)))
    return out


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
