"""Payments: link CRM payments to ERP receipts by receipt number, then by invoice.

A CRM payment that names its receipt is linked by it ("RC 4512" = "RC-004512"); one that
names none is linked by its invoice when exactly one unlinked receipt of that invoice remains.
On a linked pair the amount, the date and the customer are compared within the profile's
tolerances. What stays unlinked is either a payment accounting doesn't see or a receipt the
sales floor never recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pandas as pd

from app.domain.schema import Entity, System, records
from app.domain.values import money_str
from app.progress import CancelToken, Progress
from app.reconcile.keys import document_key, join_on_key
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult, Link, Mismatch


def _amounts_differ(a: Decimal | None, b: Decimal | None, profile: Profile) -> bool:
    if a is None or b is None:
        return a is not b
    allowed = max(profile.amount_tolerance_abs, abs(b) * profile.amount_tolerance_rel)
    return abs(a - b) > allowed


def reconcile_payments(
    crm: pd.DataFrame, erp: pd.DataFrame, profile: Profile, cancel: CancelToken | None = None
) -> Iterator[Progress | EntityResult]:
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
    result.duplicates = by_receipt.duplicates
    pairs = [(c, e, k, "receipt_number") for c, e, k in by_receipt.pairs]
    yield Progress("compare_payments", total // 3, total)
    if cancel:
        cancel.check()

    # Second key, only for CRM payments that name no receipt.
    erp_left = [sid for sid, _ in by_receipt.erp_only] + by_receipt.erp_unkeyed
    by_invoice = join_on_key(
        by_receipt.crm_unkeyed,
        [document_key(crm_by_id[s]["invoice_number"]) for s in by_receipt.crm_unkeyed],
        erp_left, [document_key(erp_by_id[s]["invoice_number"]) for s in erp_left],
    )
    pairs += [(c, e, k, "invoice_number") for c, e, k in by_invoice.pairs]
    linked_erp = {e for _, e, _, _ in pairs}
    # Several payments of one invoice are not duplicates; they stay unlinked until issue-level
    # grouping (1:n, n:1) arrives with fuzzy matching.
    linked_by_invoice = {c for c, _, _ in by_invoice.pairs}
    crm_left = [s for s, _ in by_receipt.crm_only] + [
        s for s in by_receipt.crm_unkeyed if s not in linked_by_invoice
    ]
    dup_ids = {i for d in result.duplicates for i in d.ids}

    for n, (crm_id, erp_id, key, method) in enumerate(pairs):
        result.links.append(Link(crm_id, erp_id, method, "auto", 1.0))
        result.mismatches.extend(_compare(crm_by_id[crm_id], erp_by_id[erp_id], key, profile))
        if cancel and n % 2000 == 0:
            cancel.check()
    for sid in crm_left:
        if sid in dup_ids:
            continue
        r = crm_by_id[sid]
        result.mismatches.append(Mismatch(
            "crm_payment_without_receipt", sid, None, key=r["receipt_number"] or r["invoice_number"],
            crm_amount=r["amount"], at_stake=r["amount"], branch=r["branch"], system=System.CRM,
        ))
    for sid in erp_left:
        if sid in linked_erp:
            continue
        r = erp_by_id[sid]
        result.mismatches.append(Mismatch(
            "erp_receipt_without_crm_payment", None, sid, key=r["receipt_number"],
            erp_amount=r["amount"], at_stake=r["amount"], branch=r["branch"], system=System.ERP,
        ))
    yield Progress("compare_payments", total, total)
    yield result


def _compare(a: dict[str, Any], b: dict[str, Any], key: str, profile: Profile) -> Iterator[Mismatch]:
    common = {
        "crm_id": a["source_id"], "erp_id": b["source_id"], "key": key,
        "crm_amount": a["amount"], "erp_amount": b["amount"], "branch": b["branch"] or a["branch"],
    }
    if _amounts_differ(a["amount"], b["amount"], profile):
        diff = abs((a["amount"] or Decimal(0)) - (b["amount"] or Decimal(0)))
        yield Mismatch("amount_differs", field="amount", crm_value=money_str(a["amount"]),
                       erp_value=money_str(b["amount"]), at_stake=diff, **common)
    if a["paid_on"] is not None and b["paid_on"] is not None:
        days = abs((a["paid_on"] - b["paid_on"]).days)
        if days > profile.date_window_days:
            yield Mismatch("date_differs", field="paid_on", crm_value=a["paid_on"].isoformat(),
                           erp_value=b["paid_on"].isoformat(), at_stake=b["amount"],
                           detail=str(days), **common)
    if a["customer_doc"] and b["customer_doc"] and a["customer_doc"] != b["customer_doc"]:
        yield Mismatch("customer_differs", field="customer_doc", crm_value=a["customer_doc"],
                       erp_value=b["customer_doc"], at_stake=b["amount"], **common)
