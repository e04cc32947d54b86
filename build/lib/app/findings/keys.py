"""A finding's stable key, and what a run saw of it.

The key is the finding's entity, kind and field with the ids of the records it is about —
sorted, so it does not depend on the order in which a run met them — as canonical JSON. A
finding about one record (``system`` set: a missing phone, a payment without a receipt) is about
that record (and the copies of a duplicate group), not about the twin the engine filled in
beside it, so a link found or lost later does not make it a new finding; a finding about a pair
(an amount that differs, a possible match, an invalid VIN seen in both systems) names both. Its
id is a hash of the workspace and the key: every run of a workspace that finds the same fact
names the same finding, and no other workspace shares it.

:func:`observe` turns a report into what one run saw: per finding, its key, records, branch,
date (a payment's), pesos and, for the one-sided kinds a person may match by hand
(:data:`MATCHABLE`), the record's fields the candidates are ranked on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.schema import Entity, System
from app.reconcile.results import EntityResult, Mismatch, Report
from app.store.values import canonical_json, sha256_hex

#: Per entity, the kind of a record only the CRM has and of one only the ERP has: what can be
#: matched by hand, each against the other.
MATCHABLE: dict[Entity, tuple[str, str]] = {
    Entity.PAYMENTS: ("crm_payment_without_receipt", "erp_receipt_without_crm_payment"),
    Entity.CUSTOMERS: ("only_in_crm", "only_in_erp"),
    Entity.VEHICLES: ("only_in_crm", "only_in_erp"),
}

#: The fields of a matchable record kept with its finding, to rank candidates on.
SNAPSHOT: dict[Entity, tuple[str, ...]] = {
    Entity.PAYMENTS: ("receipt_number", "invoice_number", "customer_doc", "amount", "paid_on",
                      "method", "branch"),
    Entity.CUSTOMERS: ("doc_type", "doc_number", "first_names", "last_names", "company_name",
                       "phone", "email", "city_code", "city_name"),
    Entity.VEHICLES: ("vin", "make", "model", "model_year", "color", "status", "branch", "price",
                      "customer_doc"),
}


def matchable(entity: Entity | str, kind: str) -> System | None:
    """The system whose lone record a finding of ``kind`` is, when it can be matched by hand."""
    kinds = MATCHABLE.get(Entity(entity))
    if kinds is None or kind not in kinds:
        return None
    return System.CRM if kind == kinds[0] else System.ERP


@dataclass(frozen=True, slots=True)
class Seen:
    """One finding as a run saw it."""

    id: str
    key: str
    entity: Entity
    mismatch: Mismatch
    crm_ids: tuple[str, ...]
    erp_ids: tuple[str, ...]
    branch: str | None
    dated: date | None
    #: What the finding shows (values, amounts, detail) and, when matchable, its record.
    data: Mapping[str, Any]

    @property
    def at_stake(self) -> Decimal | None:
        return self.mismatch.at_stake


def record_ids(m: Mismatch) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the records ``m`` is about, per system, sorted."""
    crm: set[str] = set()
    erp: set[str] = set()
    if m.system is not None:
        mine = crm if m.system is System.CRM else erp
        own = m.crm_id if m.system is System.CRM else m.erp_id
        mine.update(i for i in (own, *m.ids) if i is not None)
    else:
        crm.update(i for i in (m.crm_id,) if i is not None)
        erp.update(i for i in (m.erp_id,) if i is not None)
    return tuple(sorted(crm)), tuple(sorted(erp))


def finding_key(entity: Entity, m: Mismatch) -> str:
    crm, erp = record_ids(m)
    return canonical_json([entity.value, m.kind, m.field, list(crm), list(erp)])


def finding_id(workspace: str, key: str) -> str:
    return sha256_hex(canonical_json([workspace, key]))[:32]


def observe(workspace: str, report: Report) -> dict[str, Seen]:
    """Every finding of ``report`` (mismatches and duplicate groups), by id, in report order."""
    out: dict[str, Seen] = {}
    for entity, result in report.results.items():
        for seen in _observe_entity(workspace, entity, result):
            out.setdefault(seen.id, seen)
    return out


def _observe_entity(workspace: str, entity: Entity, result: EntityResult) -> Iterator[Seen]:
    for m in result.findings():
        key = finding_key(entity, m)
        crm, erp = record_ids(m)
        yield Seen(finding_id(workspace, key), key, entity, m, crm, erp, _branch(result, m),
                   _dated(entity, result, m), _data(entity, result, m))


def _records(result: EntityResult, m: Mismatch) -> Iterator[dict[str, Any]]:
    """The finding's records, the ERP's first (it holds the books and the stock)."""
    for system, source_id in ((System.ERP, m.erp_id), (System.CRM, m.crm_id)):
        record = result.record(system, source_id)
        if record is not None:
            yield record


def _branch(result: EntityResult, m: Mismatch) -> str | None:
    """The finding's branch, else its records' (as the dashboard reads it); None when none
    has one (customers)."""
    if m.branch:
        return m.branch
    for record in _records(result, m):
        branch = record.get("branch")
        if isinstance(branch, str) and branch.strip():
            return branch.strip()
    return None


def _dated(entity: Entity, result: EntityResult, m: Mismatch) -> date | None:
    """A payment's date (the ERP's when it has the receipt, else the CRM's): what puts a
    payment finding in a month. Other findings have none: their month is when first seen."""
    if entity is not Entity.PAYMENTS:
        return None
    for record in _records(result, m):
        paid = record.get("paid_on")
        if isinstance(paid, date):
            return paid
    return None


def _data(entity: Entity, result: EntityResult, m: Mismatch) -> dict[str, Any]:
    data: dict[str, Any] = {
        "crm_value": m.crm_value, "erp_value": m.erp_value, "crm_amount": m.crm_amount,
        "erp_amount": m.erp_amount, "apart": m.apart, "detail": m.detail,
    }
    system = matchable(entity, m.kind)
    if system is not None and not m.ids:
        own = m.crm_id if system is System.CRM else m.erp_id
        record = result.record(system, own)
        if record is not None:
            data["record"] = {f: _plain(record.get(f)) for f in SNAPSHOT[entity]}
    return data


def _plain(value: Any) -> Any:
    """A record's value as the store keeps it exactly (``encode_payload``): text, numbers,
    dates; a float some source gave becomes an exact Decimal, anything else its text."""
    if value is None or isinstance(value, (str, bool, int, Decimal, date)):
        return value
    if isinstance(value, float):
        return None if value != value else Decimal(str(value))  # NaN is an empty cell
    return str(value)
