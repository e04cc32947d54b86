"""Payments: link CRM payments to ERP receipts by receipt number, then CUFE, then invoice.

A CRM payment that names its receipt is linked by it ("RC 4512" = "RC-004512"); one that
names none is linked by the invoice's CUFE when both systems carry it, else by its invoice
("FV4-01000" = "FV4-1000") when exactly one unlinked receipt of that invoice remains. What is
left is grouped by invoice: one CRM payment for two receipts, two payments for one receipt,
one receipt for several invoices — a group whose totals agree is matched, not reported. On a
linked pair the amount, the date and the customer are compared within the profile's
tolerances. What stays unlinked is either a payment accounting doesn't see or a receipt the
sales floor never recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pandas as pd

from app.domain.i18n import language
from app.domain.invoices import invoice_keys
from app.domain.schema import Entity, System, records
from app.domain.values import money_str
from app.progress import CancelToken, Progress, Task
from app.reconcile.groups import DisjointSets
from app.reconcile.keys import document_key, duplicates, join_on_key
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult, Link, Mismatch
from app.reconcile.stake import pesos


def _amounts_differ(a: Decimal | None, b: Decimal | None, profile: Profile) -> bool:
    if a is None or b is None:
        return a is not b
    allowed = max(profile.amount_tolerance_abs, abs(b) * profile.amount_tolerance_rel)
    return abs(a - b) > allowed


def reconcile_payments(
    crm: pd.DataFrame, erp: pd.DataFrame, profile: Profile, cancel: CancelToken | None = None
) -> Task[EntityResult]:
    result = EntityResult(Entity.PAYMENTS, crm=crm, erp=erp)
    crm_rows = records(crm)
    erp_rows = records(erp)
    total = len(crm_rows) + len(erp_rows)
    crm_by_id = {r["source_id"]: r for r in crm_rows}
    erp_by_id = {r["source_id"]: r for r in erp_rows}

    by_receipt = join_on_key(
        [r["source_id"] for r in crm_rows], [document_key(r["receipt_number"]) for r in crm_rows],
        [r["source_id"] for r in erp_rows], [document_key(r["receipt_number"]) for r in erp_rows],
    )
    result.duplicates = duplicates(by_receipt)
    # A receipt number held twice is reported as a duplicate, and each copy is still linked to
    # the other system's receipt with that number (its amount and date compared).
    pairs = [(c, e, k, "receipt_number") for c, e, k in by_receipt.all_pairs()]
    yield Progress("compare_payments", total // 3, total)
    if cancel:
        cancel.check()

    # Second and third keys, only for CRM payments that name no receipt: the invoice's CUFE
    # when both systems carry it, then the invoice number.
    dup_ids = {i for d in result.duplicates for i in d.ids}
    erp_left = [s for s, _ in by_receipt.erp_only if s not in dup_ids] + by_receipt.erp_unkeyed
    crm_unkeyed = list(by_receipt.crm_unkeyed)
    for method, key_of in (("cufe", _cufe_key), ("invoice_number", _invoice_key)):
        join = join_on_key(crm_unkeyed, [key_of(crm_by_id[s]) for s in crm_unkeyed],
                           erp_left, [key_of(erp_by_id[s]) for s in erp_left])
        pairs += [(c, e, k, method) for c, e, k in join.pairs]
        done_crm = {c for c, _, _ in join.pairs}
        done_erp = {e for _, e, _ in join.pairs}
        crm_unkeyed = [x for x in crm_unkeyed if x not in done_crm]
        erp_left = [x for x in erp_left if x not in done_erp]
    crm_left = [s for s, _ in by_receipt.crm_only if s not in dup_ids] + crm_unkeyed

    # Payments split differently by the two systems (one CRM payment for two receipts of an
    # invoice, or the reverse): a group whose totals agree is matched, not reported.
    grouped_crm: set[str] = set()
    grouped_erp: set[str] = set()
    for crm_ids, erp_ids, invoice in _invoice_groups(crm_left, erp_left, crm_by_id, erp_by_id,
                                                     profile):
        why = _group_why(len(crm_ids), len(erp_ids), invoice)
        for c in crm_ids:
            for e in erp_ids:
                result.links.append(Link(c, e, "invoice_group", "auto", 1.0, None, why))
        grouped_crm.update(crm_ids)
        grouped_erp.update(erp_ids)
    crm_left = [x for x in crm_left if x not in grouped_crm]
    erp_left = [x for x in erp_left if x not in grouped_erp]

    for n, (crm_id, erp_id, key, method) in enumerate(pairs):
        result.links.append(Link(crm_id, erp_id, method, "auto", 1.0))
        result.mismatches.extend(_compare(crm_by_id[crm_id], erp_by_id[erp_id], key, profile))
        if cancel and n % 2000 == 0:
            cancel.check()
    for sid in crm_left:
        r = crm_by_id[sid]
        result.mismatches.append(Mismatch(
            "crm_payment_without_receipt", sid, None, key=r["receipt_number"] or r["invoice_number"],
            crm_amount=r["amount"], at_stake=_stake("crm_payment_without_receipt", crm=r["amount"]),
            branch=r["branch"], system=System.CRM,
        ))
    for sid in erp_left:
        r = erp_by_id[sid]
        result.mismatches.append(Mismatch(
            "erp_receipt_without_crm_payment", None, sid, key=r["receipt_number"],
            erp_amount=r["amount"], at_stake=_stake("erp_receipt_without_crm_payment",
                                                    erp=r["amount"]),
            branch=r["branch"], system=System.ERP,
        ))
    result.mismatches.extend(_duplicates_alone(by_receipt.crm_only, by_receipt.erp_only, dup_ids,
                                               crm_by_id, erp_by_id))
    yield Progress("compare_payments", total, total)
    return result


def _stake(kind: str, crm: Decimal | None = None, erp: Decimal | None = None) -> Decimal | None:
    return pesos(Entity.PAYMENTS, kind, crm=crm, erp=erp)[0]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _group_why(payments: int, receipts: int, invoice: str) -> str:
    """Why an invoice group is linked, in the language spoken (the report's text for people)."""
    several = "," in invoice
    if language() == "en":
        return (f"{_count(payments, 'payment', 'payments')} in the CRM and "
                f"{_count(receipts, 'receipt', 'receipts')} in the ERP for "
                f"{'invoices' if several else 'invoice'} {invoice} add up the same")
    return (f"{_count(payments, 'pago', 'pagos')} del CRM y "
            f"{_count(receipts, 'recibo', 'recibos')} del ERP de "
            f"{'las facturas' if several else 'la factura'} {invoice} suman lo mismo")


def _cufe_key(r: dict[str, Any]) -> str | None:
    cufe = r.get("cufe")
    return cufe.strip().lower() if isinstance(cufe, str) and cufe.strip() else None


def _duplicates_alone(crm_only: list[tuple[str, str]], erp_only: list[tuple[str, str]],
                      dup_ids: set[str], crm_by_id: dict[str, dict[str, Any]],
                      erp_by_id: dict[str, dict[str, Any]]) -> Iterator[Mismatch]:
    """A receipt number held by several records of one system and none of the other: one
    finding per number, naming every copy (its amount at stake once: one payment, not two)."""
    for kind, system, only, by_id in (
        ("crm_payment_without_receipt", System.CRM, crm_only, crm_by_id),
        ("erp_receipt_without_crm_payment", System.ERP, erp_only, erp_by_id),
    ):
        copies: dict[str, list[str]] = {}
        for sid, key in only:
            if sid in dup_ids:
                copies.setdefault(key, []).append(sid)
        for ids in copies.values():
            r = by_id[ids[0]]
            crm_id, erp_id = (ids[0], None) if system is System.CRM else (None, ids[0])
            amounts = ({"crm_amount": r["amount"]} if system is System.CRM
                       else {"erp_amount": r["amount"]})
            stake = (_stake(kind, crm=r["amount"]) if system is System.CRM
                     else _stake(kind, erp=r["amount"]))
            yield Mismatch(kind, crm_id, erp_id, key=r["receipt_number"], at_stake=stake,
                           branch=r["branch"], system=system, ids=tuple(ids), **amounts)


def _invoice_keys(r: dict[str, Any]) -> list[str]:
    """Every invoice a payment names ("FEB-10023; FEB-10024" names two; "INV/2026/00004" one)."""
    return invoice_keys(r.get("invoice_number"))


def _invoice_key(r: dict[str, Any]) -> str | None:
    keys = _invoice_keys(r)
    return keys[0] if len(keys) == 1 else None


def _invoice_groups(
    crm_ids: list[str], erp_ids: list[str], crm_by_id: dict[str, dict[str, Any]],
    erp_by_id: dict[str, dict[str, Any]], profile: Profile,
) -> Iterator[tuple[list[str], list[str], str]]:
    """Connected groups of unlinked CRM payments and ERP receipts sharing invoices, with
    several records on at least one side, of one customer, whose amounts add up to the same
    total.

    One customer: every payment and receipt of the group that names a customer document names
    the same one. Invoices join records only through whole invoice numbers, but a number typed
    wrong can still be another customer's: totals that happen to agree are no proof."""
    sets: DisjointSets[tuple[str, str]] = DisjointSets()
    for side, ids, by_id in (("c", crm_ids, crm_by_id), ("e", erp_ids, erp_by_id)):
        for sid in ids:
            for key in _invoice_keys(by_id[sid]):
                sets.union(("i", key), (side, sid))
    groups: list[tuple[list[str], list[str], list[str]]] = []
    for members in sets.groups():
        found: dict[str, list[str]] = {"c": [], "e": [], "i": []}
        for side, value in members:
            found[side].append(value)
        groups.append((found["c"], found["e"], found["i"]))
    for crm_side, erp_side, invoices in groups:
        if not crm_side or not erp_side or len(crm_side) + len(erp_side) < 3:
            continue
        customers = {crm_by_id[s]["customer_doc"] for s in crm_side}
        customers |= {erp_by_id[s]["customer_doc"] for s in erp_side}
        if len(customers - {None, ""}) > 1:
            continue
        amounts_c = [crm_by_id[s]["amount"] for s in crm_side]
        amounts_e = [erp_by_id[s]["amount"] for s in erp_side]
        if None in amounts_c or None in amounts_e:
            continue
        if not _amounts_differ(sum(amounts_c, Decimal(0)), sum(amounts_e, Decimal(0)), profile):
            yield sorted(crm_side), sorted(erp_side), ", ".join(sorted(invoices))


def _compare(a: dict[str, Any], b: dict[str, Any], key: str, profile: Profile) -> Iterator[Mismatch]:
    common = {
        "crm_id": a["source_id"], "erp_id": b["source_id"], "key": key,
        "crm_amount": a["amount"], "erp_amount": b["amount"], "branch": b["branch"] or a["branch"],
    }
    if _amounts_differ(a["amount"], b["amount"], profile):
        at_stake, apart = pesos(Entity.PAYMENTS, "amount_differs", crm=a["amount"], erp=b["amount"])
        yield Mismatch("amount_differs", field="amount", crm_value=money_str(a["amount"]),
                       erp_value=money_str(b["amount"]), at_stake=at_stake, apart=apart,
                       **common)
    if a["paid_on"] is not None and b["paid_on"] is not None:
        days = abs((a["paid_on"] - b["paid_on"]).days)
        if days > profile.date_window_days:
            at_stake, apart = pesos(Entity.PAYMENTS, "date_differs", crm=a["amount"], erp=b["amount"])
            yield Mismatch("date_differs", field="paid_on", crm_value=a["paid_on"].isoformat(),
                           erp_value=b["paid_on"].isoformat(), at_stake=at_stake, apart=apart,
                           detail=str(days), **common)
    if a["customer_doc"] and b["customer_doc"] and a["customer_doc"] != b["customer_doc"]:
        at_stake, apart = pesos(Entity.PAYMENTS, "customer_differs", crm=a["amount"], erp=b["amount"])
        yield Mismatch("customer_differs", field="customer_doc", crm_value=a["customer_doc"],
                       erp_value=b["customer_doc"], at_stake=at_stake, apart=apart, **common)
