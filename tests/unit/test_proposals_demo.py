"""The whole demo: a proposal or an explicit non-proposal for every finding; the subject export."""

import json
from collections import Counter

import pytest

from app.demo import demo_task, ensure_demo
from app.demo.connector import DemoCrm
from app.domain.schema import Entity, System
from app.progress import run
from app.writeback.merges import merge_proposals
from app.writeback.outbox import to_correction
from app.writeback.proposals import Action, credit_note_tasks, propose
from app.writeback.subject import subject_export

pytestmark = pytest.mark.slow

#: What every kind the demo seeds becomes (blocked edits are still edits).
ACTION = {
    (Entity.CUSTOMERS, "name_differs"): Action.EDIT,
    (Entity.CUSTOMERS, "phone_differs"): Action.EDIT,
    (Entity.CUSTOMERS, "email_differs"): Action.EDIT,
    (Entity.CUSTOMERS, "city_differs"): Action.EDIT,
    (Entity.CUSTOMERS, "invalid_check_digit"): Action.EDIT,
    (Entity.CUSTOMERS, "missing_document"): Action.EDIT,
    (Entity.CUSTOMERS, "missing_city"): Action.EDIT,
    (Entity.CUSTOMERS, "missing_phone"): Action.EDIT,
    # Created in the other system (issue 16), or blocked with why.
    (Entity.CUSTOMERS, "only_in_crm"): Action.CREATE,
    (Entity.CUSTOMERS, "only_in_erp"): Action.CREATE,
    (Entity.CUSTOMERS, "possible_match"): Action.REVIEW,
    (Entity.PAYMENTS, "amount_differs"): Action.EDIT,
    (Entity.PAYMENTS, "date_differs"): Action.EDIT,
    (Entity.PAYMENTS, "customer_differs"): Action.EDIT,
    (Entity.PAYMENTS, "crm_payment_without_receipt"): Action.REVIEW,
    (Entity.PAYMENTS, "erp_receipt_without_crm_payment"): Action.REVIEW,
    (Entity.PAYMENTS, "duplicate_key"): Action.REVIEW,
    (Entity.VEHICLES, "sold_in_crm_available_in_erp"): Action.CREATE,  # the ERP's order
    (Entity.VEHICLES, "reserved_for_other_customer"): Action.EDIT,
    (Entity.VEHICLES, "branch_differs"): Action.EDIT,
    (Entity.VEHICLES, "only_in_crm"): Action.REVIEW,
    (Entity.VEHICLES, "only_in_erp"): Action.REVIEW,
    (Entity.VEHICLES, "invalid_vin"): Action.REVIEW,
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo-proposals")
    files = run(ensure_demo(data_dir=base))
    return files, run(demo_task(data_dir=base))


def test_every_finding_has_a_proposal_or_an_explicit_non_proposal(demo):
    _, report = demo
    proposals = propose(report)
    merges = merge_proposals(report)
    # Every mismatch, one proposal, in order.
    by_entity = {e: [p for p in proposals if p.entity is e] for e in report.results}
    for entity, result in report.results.items():
        mine = by_entity[entity]
        for m, p in zip(result.mismatches, mine, strict=False):
            assert (p.kind, p.crm_id, p.erp_id) == (m.kind, m.crm_id, m.erp_id)
        found = Counter(m.kind for m in result.findings())
        proposed = Counter(p.kind for p in mine)
        merged = Counter("duplicate_key" if g.method == "key" else "possible_duplicate"
                         for g in merges if g.entity is entity)
        assert proposed + merged == found, entity
        for p in mine:
            assert p.action is ACTION[(entity, p.kind)], (entity, p.kind, p.reason)
            assert p.sentence and p.ident
            assert p.reason is not None or p.pushable
            if p.action is Action.EDIT:
                assert p.changes and p.target is not None and p.source_id is not None
                assert all(c.current != c.proposed for c in p.changes)
    assert len({p.ident for p in proposals}) == len(proposals)
    assert {m.entity for m in merges} == {Entity.CUSTOMERS, Entity.VEHICLES}
    # The demo's people without consent and with claims are held back, with their reason.
    reasons = Counter(p.reason for p in proposals if p.blocked)
    assert reasons["no_consent"] > 0 and reasons["claim_in_progress"] > 0
    assert set(reasons) == {"no_consent", "claim_in_progress"}
    # Default direction: the ERP wins payments, so no validated invoice is ever touched.
    assert credit_note_tasks(proposals) == []
    assert all(p.target is System.CRM for p in proposals
               if p.entity is Entity.PAYMENTS and p.action is Action.EDIT)
    pushable = [p for p in proposals if p.pushable]
    assert all(to_correction(p, p.ident).changes for p in pushable)


def test_rerunning_gives_the_same_idents(demo):
    files, report = demo
    again = run(demo_task(data_dir=files.crm.parent.parent))
    assert [p.ident for p in propose(again)] == [p.ident for p in propose(report)]
    assert [m.ident for m in merge_proposals(again)] == [m.ident for m in merge_proposals(report)]


def test_when_the_crm_wins_payments_every_invoice_correction_is_a_note(demo):
    _, report = demo
    proposals = propose(report, {"amount": "crm", "paid_on": "crm", "customer_doc": "crm"})
    payments = [p for p in proposals if p.entity is Entity.PAYMENTS
                and p.kind in ("amount_differs", "date_differs", "customer_differs")]
    counts = Counter(m.kind for m in report[Entity.PAYMENTS].mismatches
                     if m.kind in ("amount_differs", "date_differs", "customer_differs"))
    assert len(payments) == sum(counts.values())
    assert all(p.action is Action.CREDIT_NOTE and not p.pushable for p in payments)
    notes = credit_note_tasks(proposals)
    assert len(notes) == len(payments)
    assert {n.note for n in notes if n.field == "amount"} <= {"credit_note", "debit_note"}
    assert all(n.invoice_number and n.cufe for n in notes)


def _person_in_both(report):
    """A document both systems hold, with payments in both and a finding about the person."""
    customers = report[Entity.CUSTOMERS]
    payments = report[Entity.PAYMENTS]
    crm_docs = set(customers.crm["doc_number"].dropna())
    erp_docs = set(customers.erp["doc_number"].dropna())
    paid = set(payments.crm["customer_doc"].dropna()) & set(payments.erp["customer_doc"].dropna())
    for m in customers.mismatches:
        if m.kind == "phone_differs" and m.key in crm_docs & erp_docs & paid:
            return m.key
    raise AssertionError("the demo has no such person")


def test_subject_export_gathers_everything_about_one_document(demo):
    files, report = demo
    doc = _person_in_both(report)
    deals = DemoCrm(files.crm).pull(Entity.DEALS)
    out = subject_export(report, doc, deals=deals)
    text = json.dumps(out, ensure_ascii=False)  # JSON-ready as it is
    assert out["format"] == "cuadre-titular" and out["doc_number"] == doc
    crm, erp = out["systems"]["crm"], out["systems"]["erp"]
    assert [c["doc_number"] for c in crm["customers"]] == [doc]
    assert [c["doc_number"] for c in erp["customers"]] == [doc]
    assert crm["payments"] and erp["payments"]
    assert all(p["customer_doc"] == doc for p in crm["payments"] + erp["payments"])
    assert all(isinstance(p["amount"], str) for p in erp["payments"])
    assert set(crm) == {"customers", "payments", "vehicles", "deals", "followups"}
    assert set(erp) == {"customers", "payments", "vehicles", "invoices", "services", "contracts"}
    expected_deals = int((deals["customer_doc"] == doc).sum())
    assert len(crm["deals"]) == expected_deals
    # What the insights read is held about the person too (Ley 1581: everything).
    invoices = report.extras[Entity.INVOICES]
    assert len(erp["invoices"]) == int((invoices["customer_doc"] == doc).sum())
    assert all(i["customer_doc"] == doc for i in erp["invoices"] + crm["followups"])
    kinds = {f["kind"] for f in out["findings"]}
    assert "phone_differs" in kinds
    assert any(p["kind"] == "phone_differs" for p in out["proposals"])
    assert "habeas_data_consent" in crm["customers"][0]
    assert doc in text


def test_subject_export_from_frames_and_for_a_stranger(demo):
    _, report = demo
    doc = _person_in_both(report)
    frames = {"crm": {"customers": report[Entity.CUSTOMERS].crm},
              "erp": {"customers": report[Entity.CUSTOMERS].erp}}
    out = subject_export(frames, f"{int(doc):,}".replace(",", "."))  # "52.661.563" is the same
    assert out["doc_number"] == doc
    assert len(out["systems"]["crm"]["customers"]) == 1
    assert out["findings"] == [] and out["proposals"] == []
    nobody = subject_export(report, "1")
    assert all(rows == [] for s in nobody["systems"].values() for rows in s.values())
    assert nobody["findings"] == [] and nobody["merges"] == []
