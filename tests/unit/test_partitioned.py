"""Customers reconciled part by part (``app.reconcile.partitioned``) find what the whole
engine finds: every link by method, every finding, every duplicate document; fuzzy
duplicate groups only among what the documents left unpaired (said in the module)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from app.demo.linkage import generate_labelled
from app.progress import Cancelled, CancelToken, run
from app.reconcile import partitioned
from app.reconcile.customers import reconcile_customers


def batches(frame: pd.DataFrame, rows: int) -> list[pd.DataFrame]:
    return [frame.iloc[i:i + rows] for i in range(0, len(frame), rows)]


@pytest.mark.parametrize("parts", [1, 5])
def test_same_links_and_findings_as_the_whole_engine(parts: int) -> None:
    labelled = generate_labelled(2500, seed=11)
    crm = labelled.crm.copy()
    crm.loc[crm.index[::9], "is_customer"] = False  # leads: never compared with the ERP
    whole = run(reconcile_customers(crm, labelled.erp))
    summary = run(partitioned.reconcile_customers(batches(crm, 600), batches(labelled.erp, 450),
                                                  parts=parts))
    assert summary.links == Counter(link.method for link in whole.links)
    assert Counter(summary.mismatches) == Counter(whole.mismatches)
    keyed = [d for d in whole.duplicates if d.method == "key"]
    assert Counter(d for d in summary.duplicates if d.method == "key") == Counter(keyed)
    assert set(summary.duplicates) <= set(whole.duplicates)
    assert summary.crm_rows == len(crm) and summary.erp_rows == len(labelled.erp)
    assert summary.crm_customers == int((crm["is_customer"] == True).sum())  # noqa: E712


def test_cancel_stops_between_batches() -> None:
    labelled = generate_labelled(300, seed=3)
    token = CancelToken()
    task = partitioned.reconcile_customers(batches(labelled.crm, 50), batches(labelled.erp, 50),
                                           cancel=token)
    next(task)
    token.cancel()
    with pytest.raises(Cancelled):
        run(task)
