"""What a reconciliation finds: links, duplicate groups and typed mismatches, per entity.

Plain frozen dataclasses; the window and the JSON writer render them. Kinds are codes
(``"amount_differs"``); ``ui/`` turns them into Spanish text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.schema import Entity, System, records
from app.reconcile.stake import APART, pesos

if TYPE_CHECKING:  # frames are only named here: pandas loads where they are made
    import pandas as pd

#: The mismatch kinds each entity can report, in the order the window lists them.
KINDS: dict[Entity, tuple[str, ...]] = {
    Entity.CUSTOMERS: (
        "only_in_crm",
        "only_in_erp",
        "name_differs",
        "phone_differs",
        "email_differs",
        "city_differs",
        "possible_match",
        "duplicate_key",
        "possible_duplicate",
        "invalid_check_digit",
        "missing_document",
        "missing_city",
        "missing_phone",
    ),
    Entity.PAYMENTS: (
        "crm_payment_without_receipt",
        "erp_receipt_without_crm_payment",
        "amount_differs",
        "date_differs",
        "customer_differs",
        "duplicate_key",
    ),
    Entity.VEHICLES: (
        "sold_in_crm_available_in_erp",
        "reserved_for_other_customer",
        "branch_differs",
        "only_in_crm",
        "only_in_erp",
        "invalid_vin",
        "duplicate_key",
    ),
}


@dataclass(frozen=True, slots=True)
class Link:
    """A CRM record and an ERP record that are the same thing.

    Not one-to-one: the records of a duplicate group are each linked to their counterpart
    (two CRM records sharing a document both link to the ERP's), and an invoice group links
    every payment of the group to every receipt of it."""

    crm_id: str
    erp_id: str
    method: str  # which key linked them: "doc_number", "receipt_number", "vin", "fuzzy"…
    band: str  # "auto" | "review" | "none"
    score: float
    levels: dict[str, str] | None = None  # per field: exact | close | different | missing
    explanation: str | None = None  # one Spanish sentence


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Several records of one system that share a key. Never silently paired."""

    system: System
    key: str | None
    ids: tuple[str, ...]
    method: str = "key"  # "key": they share a key; "fuzzy": name, phone, e-mail… agree
    band: str = "auto"
    score: float = 1.0
    explanation: str | None = None


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One disagreement. One-sided findings leave the other id as None.

    ``field`` names the canonical column that differs, when one does. ``at_stake`` is the
    amount in COP this finding puts in doubt (None where no money is involved); ``apart`` an
    amount counted but not at stake, shown apart (a payment whose date or customer differs:
    its amount). Both come from :func:`app.reconcile.stake.pesos`, per kind.

    A problem both systems have on linked records (an invalid VIN typed the same into both) is
    one finding naming both records, ``system`` None (:func:`one_per_fact`).
    """

    kind: str
    crm_id: str | None
    erp_id: str | None
    key: str | None = None
    field: str | None = None
    crm_value: str | None = None
    erp_value: str | None = None
    crm_amount: Decimal | None = None
    erp_amount: Decimal | None = None
    at_stake: Decimal | None = None
    branch: str | None = None
    system: System | None = None  # for one-sided findings: whose record it is
    detail: str | None = None  # a finer code, e.g. "check_digit" for an invalid VIN
    ids: tuple[str, ...] = ()  # duplicate groups: every id of the group
    score: float | None = None  # for suggested links and fuzzy duplicates
    explanation: str | None = None
    apart: Decimal | None = None


def one_sided(kind: str, system: System, source_id: str, value: str | None = None,
              **details: Any) -> Mismatch:
    """A finding about one record of one system (a missing phone, an invalid VIN…)."""
    crm = system is System.CRM
    return Mismatch(
        kind, source_id if crm else None, None if crm else source_id, system=system,
        crm_value=value if crm else None, erp_value=None if crm else value, **details,
    )


def with_counterparts(findings: list[Mismatch], links: list[Link]) -> list[Mismatch]:
    """Fill the other system's id into one-sided findings about a linked record.

    A missing phone in the CRM record of a customer the ERP also holds is still the CRM's
    problem (``system`` says so), but the side-by-side panel and a correction need the twin.
    """
    erp_of = {link.crm_id: link.erp_id for link in links}
    crm_of = {link.erp_id: link.crm_id for link in links}
    out = []
    for m in findings:
        if m.crm_id is not None and m.erp_id is None and m.crm_id in erp_of:
            m = replace(m, erp_id=erp_of[m.crm_id])
        elif m.erp_id is not None and m.crm_id is None and m.erp_id in crm_of:
            m = replace(m, crm_id=crm_of[m.erp_id])
        out.append(m)
    return out


#: Kinds about one record that both systems' records of one thing can have: on linked records
#: they are one fact, one finding (DESIGN §5).
SAME_FACT_KINDS = frozenset({"invalid_vin", "invalid_check_digit", "missing_document",
                             "missing_city", "missing_phone"})


def one_per_fact(findings: list[Mismatch], links: list[Link]) -> list[Mismatch]:
    """One finding per fact: a one-sided finding of a :data:`SAME_FACT_KINDS` kind on a CRM
    record and the same kind on the ERP record it is automatically linked to become one
    finding naming both (each system's value kept, ``system`` None), in the CRM finding's
    place. A suggested link (band «review») is not proof they are one thing: its findings stay
    apart. Each finding joins at most one other."""
    crm_at: dict[tuple[str, str], int] = {}
    erp_at: dict[tuple[str, str], int] = {}
    for n, m in enumerate(findings):
        if m.kind not in SAME_FACT_KINDS or m.ids or m.system is None:
            continue
        if m.system is System.CRM and m.crm_id is not None:
            crm_at.setdefault((m.kind, m.crm_id), n)
        elif m.system is System.ERP and m.erp_id is not None:
            erp_at.setdefault((m.kind, m.erp_id), n)
    if not crm_at or not erp_at:
        return findings
    kinds = {kind for kind, _ in crm_at} & {kind for kind, _ in erp_at}
    merged: dict[int, Mismatch] = {}
    gone: set[int] = set()
    for link in links:
        if link.band != "auto":
            continue
        for kind in kinds:
            c, e = crm_at.get((kind, link.crm_id)), erp_at.get((kind, link.erp_id))
            if c is None or e is None or c in merged or c in gone or e in merged or e in gone:
                continue
            merged[c] = _both(findings[c], findings[e], link)
            gone.add(e)
    return [merged.get(n, m) for n, m in enumerate(findings) if n not in gone]


def _both(crm: Mismatch, erp: Mismatch, link: Link) -> Mismatch:
    return replace(
        crm, crm_id=link.crm_id, erp_id=link.erp_id, system=None, key=erp.key or crm.key,
        field=crm.field or erp.field, erp_value=erp.erp_value, erp_amount=erp.erp_amount,
        at_stake=erp.at_stake if erp.at_stake is not None else crm.at_stake,
        apart=erp.apart if erp.apart is not None else crm.apart,
        branch=erp.branch or crm.branch, detail=crm.detail if crm.detail == erp.detail else None,
    )


@dataclass(slots=True)
class EntityResult:
    """Everything found for one entity, plus the canonical records it was found in."""

    entity: Entity
    links: list[Link] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    crm: pd.DataFrame | None = None
    erp: pd.DataFrame | None = None
    #: Seconds spent per stage ("exact", "residue", "duplicates"…), for benchmarks and logs.
    timings: dict[str, float] = field(default_factory=dict)
    #: Read in batches and compared part by part (an export too big to read whole:
    #: :mod:`app.reconcile.streamed`); ``crm`` and ``erp`` are then None.
    streamed: bool = False
    #: Diffed inside both databases (:mod:`app.reconcile.indatabase`): the rows that left
    #: the servers, of the rows both tables hold (``.rows``, ``.of``); None otherwise.
    moved: Any = None
    _index: dict[System, dict[str, dict[str, Any]]] = field(default_factory=dict, repr=False)
    _links: dict[tuple[str, str], Link] | None = field(default=None, repr=False)
    _groups: dict[tuple[System, str], Duplicate] | None = field(default=None, repr=False)

    def record(self, system: System, source_id: str | None) -> dict[str, Any] | None:
        """The canonical record of ``system`` with that id, for the side-by-side panel."""
        if source_id is None:
            return None
        if system not in self._index:
            df = self.crm if system is System.CRM else self.erp
            self._index[system] = (
                {} if df is None else {r["source_id"]: r for r in records(df)}
            )
        return self._index[system].get(source_id)

    def link_between(self, crm_id: str | None, erp_id: str | None) -> Link | None:
        """The link joining these two records, if any (for the side-by-side panel)."""
        if crm_id is None or erp_id is None:
            return None
        if self._links is None:
            self._links = {(x.crm_id, x.erp_id): x for x in self.links}
        return self._links.get((crm_id, erp_id))

    def duplicate_group(self, system: System, source_id: str | None) -> Duplicate | None:
        """The duplicate group holding that record, if any.

        A record of a duplicate group is linked (and compared) like any other, so several
        records of one system may be linked to one record of the other: a correction copied
        *from* a duplicate into its counterpart is one of several candidates until they are
        merged."""
        if source_id is None:
            return None
        if self._groups is None:
            self._groups = {(d.system, i): d for d in self.duplicates for i in d.ids}
        return self._groups.get((system, source_id))

    def findings(self) -> list[Mismatch]:
        """Mismatches plus one ``duplicate_key`` row per duplicate group: what the table lists.
        A payment recorded twice puts the duplicated amount at stake (:mod:`.stake`)."""
        rows = list(self.mismatches)
        for d in self.duplicates:
            crm = d.ids[0] if d.system is System.CRM else None
            erp = d.ids[0] if d.system is System.ERP else None
            kind = "duplicate_key" if d.method == "key" else "possible_duplicate"
            at_stake, apart = pesos(self.entity, kind, copies=self._amounts(d))
            rows.append(
                Mismatch(
                    kind=kind, crm_id=crm, erp_id=erp, key=d.key, system=d.system, ids=d.ids,
                    score=d.score, explanation=d.explanation, at_stake=at_stake, apart=apart,
                )
            )
        return rows

    def _amounts(self, d: Duplicate) -> list[Decimal | None]:
        """The amounts of a duplicate group's records (payments only: nothing else is doubled
        money)."""
        if self.entity is not Entity.PAYMENTS:
            return []
        records = (self.record(d.system, i) for i in d.ids)
        return [r.get("amount") if r is not None else None for r in records]

    def summary(self) -> list[tuple[str, int, Decimal]]:
        """(kind, count, pesos at stake) for every kind of this entity, in display order."""
        counts = dict.fromkeys(KINDS[self.entity], 0)
        stake = {k: Decimal(0) for k in KINDS[self.entity]}
        for m in self.findings():
            counts[m.kind] = counts.get(m.kind, 0) + 1
            stake[m.kind] = stake.get(m.kind, Decimal(0)) + (m.at_stake or Decimal(0))
        return [(k, counts[k], stake[k]) for k in counts]

    def apart(self) -> list[tuple[str, int, Decimal]]:
        """(kind, count, amount shown apart) for the kinds whose amount is counted but not at
        stake (:data:`app.reconcile.stake.APART`), in display order: «Monto con fecha
        distinta»…"""
        kinds = [k for k in KINDS[self.entity] if (self.entity, k) in APART]
        counts = dict.fromkeys(kinds, 0)
        amounts = {k: Decimal(0) for k in kinds}
        for m in self.mismatches:
            if m.kind in counts:
                counts[m.kind] += 1
                amounts[m.kind] += m.apart or Decimal(0)
        return [(k, counts[k], amounts[k]) for k in kinds]


@dataclass(slots=True)
class Report:
    """A whole run: one result per reconciled entity."""

    started_at: datetime
    finished_at: datetime
    sources: dict[str, str]
    results: dict[Entity, EntityResult]
    #: Cells, rows and columns the connectors could not read (``SourceIssue``s).
    issues: list[Any] = field(default_factory=list)
    #: Entities that could not be read at all, with the Spanish sentence why (a partial run:
    #: the others were reconciled).
    failures: dict[Entity, str] = field(default_factory=dict)
    #: The CRM's deals, when its source has them (not reconciled: merges re-point them, a
    #: data subject's export lists them).
    deals: pd.DataFrame | None = None
    #: What the dealer insights read besides (``app/insights``): the ERP's invoices, workshop
    #: visits and contracts, the CRM's follow-ups — only those the sources have.
    extras: dict[Entity, pd.DataFrame] = field(default_factory=dict)
    #: How each reconciled entity was read: whole or only what changed
    #: (``app.reconcile.incremental.Pull``).
    pulls: list[Any] = field(default_factory=list)
    #: How each entity was compared: whole or only what the changes touch
    #: (``app.reconcile.delta.Compared``).
    compared: list[Any] = field(default_factory=list)

    def __getitem__(self, entity: Entity) -> EntityResult:
        return self.results[entity]
