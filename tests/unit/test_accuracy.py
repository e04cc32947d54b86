"""Matching accuracy on a labelled set: precision and recall of customer links, no homonyms.

The set (``app/demo/linkage.py``) breaks keys the ways real data does — missing documents,
transposed or wrong digits, "Juan P.", a surname dropped or mistyped — and sets traps:
another person with the same name in the same city, people in only one system, a lead
entered twice. Links of either band (automatic or for review) count as predicted links.
"""

import pytest

from app.demo.linkage import generate_labelled
from app.progress import run
from app.reconcile.customers import reconcile_customers
from app.reconcile.results import EntityResult


def _reconcile(crm, erp) -> EntityResult:
    return run(reconcile_customers(crm, erp))


@pytest.fixture(scope="module", params=[11, 29])
def outcome(request):
    data = generate_labelled(4000, seed=request.param, residue=0.08)
    return data, _reconcile(data.crm, data.erp)


def test_link_precision_and_recall_at_least_98_percent(outcome):
    data, result = outcome
    predicted = {(x.crm_id, x.erp_id) for x in result.links}
    true_positives = len(predicted & data.true_links)
    precision = true_positives / len(predicted)
    recall = true_positives / len(data.true_links)
    assert precision >= 0.98, precision
    assert recall >= 0.98, recall


def test_keys_alone_would_miss_the_residue(outcome):
    data, result = outcome
    fuzzy = {(x.crm_id, x.erp_id) for x in result.links if x.method == "fuzzy"}
    assert len(data.residue_links) > 200
    assert len(fuzzy & data.residue_links) / len(data.residue_links) >= 0.98


def test_no_homonym_is_ever_linked(outcome):
    data, result = outcome
    predicted = {(x.crm_id, x.erp_id) for x in result.links}
    assert data.homonyms, "the set must contain homonyms to test anything"
    assert predicted & data.homonyms == set()


def test_mistyped_documents_are_sent_to_review_not_linked_automatically(outcome):
    data, result = outcome
    crm_docs = dict(zip(data.crm["source_id"], data.crm["doc_number"], strict=True))
    erp_docs = dict(zip(data.erp["source_id"], data.erp["doc_number"], strict=True))
    conflicting = [x for x in result.links
                   if crm_docs[x.crm_id] and erp_docs[x.erp_id] and crm_docs[x.crm_id] != erp_docs[x.erp_id]]
    assert conflicting and all(x.band == "review" for x in conflicting)


def test_leads_entered_twice_are_found_as_duplicate_groups(outcome):
    data, result = outcome
    groups = [set(d.ids) for d in result.duplicates if d.system.value == "crm"]
    found = sum(1 for a, b in data.crm_duplicates if any({a, b} <= g for g in groups))
    assert data.crm_duplicates
    assert found / len(data.crm_duplicates) >= 0.95
    true_pairs = {frozenset(p) for p in data.crm_duplicates}
    false_groups = [g for g in groups if not any(p <= g for p in true_pairs)]
    assert false_groups == []
