"""A merge proposal and the user's choices → the MergeRequest and its Spanish preview."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from support.proposals import STAMP, car, erp_pay, pay, person, report

from app.connectors.base import ChildChange
from app.domain.schema import COLUMNS, Entity, System
from app.reconcile.results import Duplicate
from app.store.values import decode_payload, encode_payload
from app.writeback.errors import CorrectionError
from app.writeback.merges import merge_proposal, merge_proposals
from app.writeback.merging import (
    choosable,
    from_payload,
    merge_context,
    plan_merge,
    to_payload,
)

OLDER = STAMP - timedelta(days=30)
NO_CONSENT = {"habeas_data_consent": False, "consent_date": None, "consent_channel": None}


def crm_pair(**c2):
    """C1: the most recent record (the survivor), without consent; C2 older, with proof."""
    rep = report(customers=(
        [person("C1", phone="3001112233", **NO_CONSENT, updated_at=STAMP),
         person("C2", phone="3109998877", city_code="05001", city_name="Medellín",
                consent_date=date(2023, 2, 1), consent_channel="WhatsApp", updated_at=OLDER,
                **c2)],
        []))
    [proposal] = merge_proposals(rep)
    return rep, proposal


def test_the_survivor_changes_only_what_differs_and_keeps_the_best_consent_proof():
    rep, proposal = crm_pair()
    plan = plan_merge(merge_context(proposal, rep))
    request = plan.request
    assert (request.entity, request.survivor, request.merged) == (Entity.CUSTOMERS, "C1", ("C2",))
    # The most recent values are the survivor's own: nothing changes but the consent evidence,
    # carried whole (authorization, date, channel) from C2, the only proof.
    assert dict(request.changes) == {"habeas_data_consent": True,
                                     "consent_date": date(2023, 2, 1), "consent_channel": "WhatsApp"}
    assert plan.surviving["consent_date"] == date(2023, 2, 1)
    assert "autorización de datos de C2 (WhatsApp, 01/02/2023); viene de C2" in plan.consent
    # The snapshot holds every canonical field of both records, exactly as read.
    assert set(request.snapshot) == {"C1", "C2"}
    assert set(request.snapshot["C2"]) == set(COLUMNS[Entity.CUSTOMERS])
    assert request.snapshot["C1"]["phone"] == "3001112233"
    assert plan.sentence.startswith("Fusionar 2 registros del CRM en C1: C2 desaparece en él; "
                                    "cambian 3 campos")
    assert plan.blocked is None and plan.children == ()


def test_choosing_another_record_for_a_field_changes_the_survivor_and_the_preview():
    rep, proposal = crm_pair()
    context = merge_context(proposal, rep)
    plan = plan_merge(context, {"phone": "C2"})
    assert plan.request.changes["phone"] == "3109998877"
    [phone] = [f for f in plan.fields if f.field == "phone"]
    assert (phone.value, phone.from_id, phone.changed, phone.label) == (
        "3109998877", "C2", True, "Teléfono")
    assert dict(phone.options) == {"C1": "3001112233", "C2": "3109998877"}
    # A choice naming no record of the group is ignored: the default stays.
    assert plan_merge(context, {"phone": "X9"}).request.changes.get("phone") is None


def test_a_city_travels_whole_code_and_name_from_one_record():
    rep, proposal = crm_pair()
    context = merge_context(proposal, rep)
    assert "city_code" not in choosable(proposal) and "city_name" in choosable(proposal)
    plan = plan_merge(context, {"city_name": "C2", "city_code": "C1"})
    assert (plan.request.changes["city_name"], plan.request.changes["city_code"]) == (
        "Medellín", "05001")
    assert plan.choices["city_code"] == "C2"


def test_a_claim_in_progress_blocks_the_merge_with_the_reason():
    rep, proposal = crm_pair(claim_in_progress=True)
    plan = plan_merge(merge_context(proposal, rep))
    assert plan.blocked is not None and "reclamo en trámite" in plan.blocked
    assert "Bloqueada:" in plan.sentence


def erp_merge():
    """ERP customers E1 (survivor) and E2 (the same person, a typo in the NIT), with receipts
    and a vehicle naming E2's document."""
    typo = "79123457"
    rep = report(
        customers=([], [person("E1", updated_at=STAMP), person("E2", doc=typo, updated_at=OLDER)]),
        payments=([], [erp_pay("R1", doc=typo),  # a validated DIAN invoice: never re-pointed
                       pay("R2", receipt="RC-9", invoice=None, doc=typo),  # a plain receipt
                       pay("R3", receipt="RC-8", doc="79123456")]),  # already the survivor's
        vehicles=([], [car("V1", customer_doc=typo)]),
    )
    result = rep.results[Entity.CUSTOMERS]
    proposal = merge_proposal(result, Duplicate(System.ERP, None, ("E1", "E2"), method="fuzzy"))
    return rep, proposal


def test_children_are_repointed_but_a_validated_invoice_needs_a_credit_note():
    rep, proposal = erp_merge()
    plan = plan_merge(merge_context(proposal, rep))
    assert plan.request.survivor == "E1"
    assert set(plan.request.children) == {
        ChildChange(Entity.PAYMENTS, "R2", "customer_doc", "79123457", "79123456"),
        ChildChange(Entity.VEHICLES, "V1", "customer_doc", "79123457", "79123456"),
    }
    [note] = plan.credit_notes
    assert (note.entity, note.source_id) == (Entity.PAYMENTS, "R1")
    assert "validada ante la DIAN y no se reasigna" in note.sentence
    assert "nota crédito" in note.sentence
    repointed = {c.source_id: c.sentence for c in plan.children if c.action == "repoint"}
    assert repointed["R2"].startswith("Pago R2 (recibo RC-9, $")
    assert repointed["R2"].endswith("pasa del documento 79123457 al 79123456.")
    assert "2 registros relacionados pasan al que queda" in plan.sentence
    assert "1 pago de facturas validadas requiere nota crédito" in plan.sentence


def test_taking_the_other_document_repoints_the_survivors_own_children():
    rep, proposal = erp_merge()
    plan = plan_merge(merge_context(proposal, rep), {"doc_number": "E2"})
    assert plan.request.changes["doc_number"] == "79123457"
    assert [(c.source_id, c.old, c.new) for c in plan.request.children] == [
        ("R3", "79123456", "79123457")]


def test_deals_are_children_only_when_the_caller_has_them():
    from app.domain.schema import frame

    rep = report(customers=([person("C1"), person("C2", doc="79123457", updated_at=OLDER)], []))
    proposal = merge_proposal(rep.results[Entity.CUSTOMERS],
                              Duplicate(System.CRM, None, ("C1", "C2"), method="fuzzy"))
    deals = frame(Entity.DEALS, [{"source_id": "N1", "customer_doc": "79123457", "stage": "sold"}])
    assert plan_merge(merge_context(proposal, rep)).request.children == ()
    plan = plan_merge(merge_context(proposal, rep, deals=deals))
    assert plan.request.children == (
        ChildChange(Entity.DEALS, "N1", "customer_doc", "79123457", "79123456"),)
    assert plan.children[0].sentence.startswith("Negocio N1: pasa del documento")


def test_the_payload_is_deterministic_and_gives_the_same_request_back():
    rep, proposal = erp_merge()
    request = plan_merge(merge_context(proposal, rep), {"phone": "E2"}).request
    first = encode_payload(to_payload(request, System.ERP))
    assert first == encode_payload(to_payload(request, System.ERP))
    assert from_payload(decode_payload(first)) == request
    assert from_payload(decode_payload(first), key="k1").key == "k1"


def test_a_record_missing_from_the_report_is_refused():
    rep, proposal = crm_pair()
    rep.results[Entity.CUSTOMERS].crm = rep.results[Entity.CUSTOMERS].crm.iloc[:1]
    rep.results[Entity.CUSTOMERS]._index.clear()
    with pytest.raises(CorrectionError, match="concilie de nuevo"):
        merge_context(proposal, rep)
