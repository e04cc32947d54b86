"""Proposals: truth tables per kind and direction, stable idents, JSON, Ley 1581, fiscal history."""

import json
from datetime import date
from decimal import Decimal

import pytest
from support.proposals import erp_pay, pay, person, report

from app.connectors.base import Correction
from app.domain.schema import Entity, System
from app.writeback.outbox import to_correction
from app.writeback.policy import DEFAULT_SYSTEM_OF_RECORD
from app.writeback.proposals import (
    Action,
    FieldChange,
    NotPushable,
    Proposal,
    credit_note_tasks,
    proposal_for,
    propose,
)


def only(proposals, kind):
    found = [p for p in proposals if p.kind == kind]
    assert len(found) == 1, [p.kind for p in proposals]
    return found[0]


def customers(crm_over=None, erp_over=None, crm=None, erp=None):
    return report(customers=([crm or person("C1", **(crm_over or {}))],
                             [erp or person("1", **(erp_over or {}))]))


# --- direction: who wins which field ----------------------------------------------------------

# (kind, CRM differs as, ERP differs as, target, field, current, proposed)
CUSTOMER_TABLE = [
    ("phone_differs", {"phone": "3115550000"}, {}, System.ERP, "phone", "3105551234", "3115550000"),
    ("email_differs", {}, {"email": "otro@gmail.com"}, System.ERP, "email", "otro@gmail.com",
     "juan.perez@gmail.com"),
    ("city_differs", {"city_code": "05001", "city_name": "Medellín"}, {}, System.CRM, "city_code",
     "05001", "11001"),
]


@pytest.mark.parametrize(("kind", "crm", "erp", "target", "field", "current", "proposed"),
                         CUSTOMER_TABLE)
def test_customer_fields_follow_the_default_system_of_record(kind, crm, erp, target, field,
                                                             current, proposed):
    p = only(propose(customers(crm, erp)), kind)
    assert p.action is Action.EDIT and p.pushable
    assert p.target is target and p.system_of_record is not target
    assert p.source_id == ("C1" if target is System.CRM else "1")
    assert (p.changes[0].field, p.current, p.proposed) == (field, current, proposed)


def test_crm_wins_the_phone_and_the_sentence_says_so():
    p = only(propose(customers({"phone": "3115550000"})), "phone_differs")
    assert p.sentence == ("El CRM manda en el celular: corregir el celular del ERP de 3105551234 "
                          "a 3115550000.")


def test_erp_wins_the_legal_name_and_changes_only_what_differs():
    p = only(propose(customers({"last_names": "Pérez"}, {"last_names": "PÉREZ GÓMEZ"})),
             "name_differs")
    assert p.target is System.CRM and p.field == "name"
    assert p.changes == (FieldChange("last_names", "Pérez", "PÉREZ GÓMEZ"),)
    assert "El ERP manda en el nombre" in p.sentence
    assert "«Juan Carlos Pérez» a «Juan Carlos PÉREZ GÓMEZ»" in p.sentence


def test_city_moves_code_and_name_together():
    p = only(propose(customers({"city_code": "05001", "city_name": "Medellín"})), "city_differs")
    assert {c.field: (c.current, c.proposed) for c in p.changes} == {
        "city_code": ("05001", "11001"), "city_name": ("Medellín", "Bogotá")}


def test_the_profile_overrides_the_default():
    sor = {**DEFAULT_SYSTEM_OF_RECORD, "phone": "erp", "first_names": "crm", "company_name": "crm"}
    rep = customers({"phone": "3115550000", "last_names": "Pérez"})
    by_kind = {p.kind: p for p in propose(rep, sor)}
    assert by_kind["phone_differs"].target is System.CRM
    assert by_kind["phone_differs"].proposed == "3105551234"
    assert by_kind["name_differs"].target is System.ERP
    assert by_kind["name_differs"].changes == (FieldChange("last_names", "Pérez Gómez", "Pérez"),)


def test_a_field_neither_profile_nor_default_names_goes_to_the_erp():
    rep = report(payments=([pay("P1", amount="1500000")], [pay("1", amount="1400000")]))
    p = only(propose(rep, {"phone": "crm"}), "amount_differs")
    assert p.target is System.CRM and p.proposed == Decimal("1400000")


def test_the_user_can_correct_the_system_of_record_instead():
    rep = customers({"phone": "3115550000"})
    m = rep[Entity.CUSTOMERS].mismatches[0]
    p = proposal_for(rep[Entity.CUSTOMERS], m, None, target=System.CRM)
    assert (p.target, p.current, p.proposed) == (System.CRM, "3115550000", "3105551234")
    assert p.sentence.startswith("Se corrige el CRM aunque el sistema de registro es el CRM")


# (kind, CRM row, ERP row, target, field, current, proposed)
PAYMENT_TABLE = [
    ("amount_differs", {"amount": "1520000"}, {}, "amount", Decimal("1520000"), Decimal("1500000")),
    ("date_differs", {"paid": date(2026, 3, 9)}, {}, "paid_on", date(2026, 3, 9), date(2026, 3, 2)),
    ("customer_differs", {"doc": "80111222"}, {}, "customer_doc", "80111222", "79123456"),
]


@pytest.mark.parametrize(("kind", "crm", "erp", "field", "current", "proposed"), PAYMENT_TABLE)
def test_the_erp_wins_the_fiscal_fields_of_payments(kind, crm, erp, field, current, proposed):
    rep = report(payments=([pay("P1", **crm)], [erp_pay("1", **erp)]))
    p = only(propose(rep), kind)
    assert (p.action, p.target, p.source_id) == (Action.EDIT, System.CRM, "P1")
    assert (p.changes[0].field, p.current, p.proposed) == (field, current, proposed)
    assert p.credit_note is None


def test_vehicle_branch_and_reservation_follow_the_erp():
    from support.proposals import car

    rep = report(vehicles=([car("V1", branch="Cali - Pasoancho", status="reserved",
                                customer_doc="111")],
                           [car("1", status="reserved", customer_doc="222")]))
    by_kind = {p.kind: p for p in propose(rep)}
    assert (by_kind["branch_differs"].target, by_kind["branch_differs"].proposed) == (
        System.CRM, "Bogotá - Autopista Norte")
    assert (by_kind["reserved_for_other_customer"].target,
            by_kind["reserved_for_other_customer"].proposed) == (System.CRM, "222")


def test_a_sale_the_erp_has_not_registered_is_not_undone_in_the_crm():
    from support.proposals import car

    # Without the buyer's document in the CRM there is nobody to reserve the unit for.
    rep = report(vehicles=([car("V1", status="sold")], [car("1", status="available")]))
    p = only(propose(rep), "sold_in_crm_available_in_erp")
    assert (p.action, p.reason, p.pushable) == (Action.REVIEW, "erp_sale_pending", False)
    # With the buyer: the ERP registers the order that reserves the VIN for them (issue 16),
    # whichever system is the record for the status; never the CRM copied back to available.
    rep = report(vehicles=([car("V1", status="sold", customer_doc="1020304050", deal_id="N-1")],
                           [car("1", status="available")]))
    for sor in (None, {"status": "crm"}):
        p = only(propose(rep, sor), "sold_in_crm_available_in_erp")
        assert (p.action, p.target, p.source_id, p.pushable) == (Action.CREATE, System.ERP, "1",
                                                                  True)
        assert [(c.field, c.current, c.proposed) for c in p.changes] == [
            ("status", "available", "reserved"), ("customer_doc", None, "1020304050")]
        assert "negocio N-1" in p.sentence and "reserva el VIN" in p.sentence


def test_an_invalid_check_digit_is_corrected_where_it_is_wrong():
    nit = {"doc_type": "NIT", "doc_number": "800191045", "company_name": "Transportes Ospina S.A.S."}
    rep = customers(crm=person("C1", **nit, check_digit="7"), erp=person("1", **nit, check_digit="1"))
    p = only(propose(rep), "invalid_check_digit")
    assert (p.target, p.source_id, p.current, p.proposed) == (System.CRM, "C1", "7", "1")
    assert p.sentence == "El DV del NIT 800191045 es 1: corregir el DV del CRM de 7 a 1."


def test_a_missing_phone_is_filled_from_the_linked_record():
    rep = customers({"phone": None})
    p = only(propose(rep), "missing_phone")
    assert (p.target, p.changes) == (System.CRM, (FieldChange("phone", None, "3105551234"),))
    assert p.sentence == "El celular falta en el CRM: tomar 3105551234 del ERP."


def test_a_value_neither_system_has_is_a_review():
    rep = customers({"phone": None}, {"phone": None})
    assert {(p.kind, p.action, p.reason) for p in propose(rep)} == {
        ("missing_phone", Action.REVIEW, "no_value")}


def test_one_sided_findings_and_possible_matches_are_reviews():
    rep = report(customers=([person("C1", doc="111")], [person("1", doc="222", email="x@y.co",
                                                               phone="3001112233")]),
                 payments=([pay("P1", receipt="RC-1")], [erp_pay("1", receipt="RC-2",
                                                                 invoice="FEB-2")]))
    reviews = {(p.kind, p.reason) for p in propose(rep) if p.action is Action.REVIEW}
    assert ("crm_payment_without_receipt", "missing_receipt") in reviews
    assert ("erp_receipt_without_crm_payment", "missing_crm_payment") in reviews
    created = {(p.kind, p.target) for p in propose(rep) if p.action is Action.CREATE}
    assert reviews & {("possible_match", "possible_match")} or created & {
        ("only_in_crm", System.ERP)}
    for p in propose(rep):
        if p.action is Action.REVIEW:
            assert not p.pushable and p.changes == () and p.sentence
            with pytest.raises(NotPushable):
                to_correction(p, "k")


# --- idents, JSON, corrections ----------------------------------------------------------------


def test_idents_are_stable_across_runs_and_distinct():
    first = propose(customers({"phone": "3115550000", "email": "nuevo@gmail.com"}))
    again = propose(customers({"phone": "3115550000", "email": "nuevo@gmail.com"}))
    assert [p.ident for p in first] == [p.ident for p in again]
    assert len({p.ident for p in first}) == len(first)
    other = propose(customers({"phone": "3125550000", "email": "nuevo@gmail.com"}))
    assert {p.ident for p in other} & {p.ident for p in first} == {
        next(p.ident for p in first if p.kind == "email_differs")}


def test_proposals_round_trip_through_json():
    rep = report(customers=([person("C1", phone="3115550000")], [person("1")]),
                 payments=([pay("P1", amount="1520000", paid=date(2026, 3, 9))], [erp_pay("1")]))
    proposals = propose(rep, {"amount": "crm"})
    text = json.dumps([p.to_json() for p in proposals])
    back = [Proposal.from_json(d) for d in json.loads(text)]
    assert back == proposals
    note = next(p for p in back if p.credit_note)
    assert isinstance(note.credit_note.amount, Decimal)
    assert '"1520000.00"' in text and '"2026-03-09"' in text


def test_to_correction_carries_the_precondition_and_the_key():
    p = only(propose(customers({"city_code": "05001", "city_name": "Medellín"})), "city_differs")
    c = to_correction(p, "idem-1")
    assert c == Correction(Entity.CUSTOMERS, "C1", {"city_code": "11001", "city_name": "Bogotá"},
                           {"city_code": "05001", "city_name": "Medellín"}, "idem-1")


# --- Ley 1581 -------------------------------------------------------------------------------


NO_CONSENT = {"habeas_data_consent": False, "consent_date": None, "consent_channel": None}


@pytest.mark.parametrize(("crm", "erp", "blocked"), [
    (NO_CONSENT, NO_CONSENT, True),
    ({"habeas_data_consent": True, "consent_date": None}, NO_CONSENT, True),  # no date: no proof
    ({"habeas_data_consent": None, "consent_date": None}, NO_CONSENT, True),
    ({}, NO_CONSENT, False),  # the CRM record holds the proof
    (NO_CONSENT, {}, False),  # the ERP record does
])
def test_contact_data_without_proof_of_consent_is_blocked(crm, erp, blocked):
    rep = customers({"phone": "3115550000", **crm}, erp)
    p = only(propose(rep), "phone_differs")
    assert p.blocked is blocked and p.pushable is not blocked
    assert p.reason == ("no_consent" if blocked else None)
    if blocked:
        assert "Bloqueada: No hay autorización" in p.sentence
        with pytest.raises(NotPushable):
            to_correction(p, "k")


def test_consent_does_not_block_what_is_not_contact_data():
    nit = {"doc_type": "NIT", "doc_number": "800191045", "company_name": "Transportes S.A.S."}
    rep = customers(crm=person("C1", **nit, **NO_CONSENT, check_digit="7", city_code="05001",
                               city_name="Medellín"),
                    erp=person("1", **nit, **NO_CONSENT, check_digit="1"))
    for p in propose(rep):
        assert not p.blocked, p


@pytest.mark.parametrize("who", ["crm", "erp"])
def test_a_claim_in_progress_blocks_every_correction(who):
    claim = {"claim_in_progress": True}
    rep = customers({"phone": "3115550000", "city_code": "05001", "city_name": "Medellín",
                     **(claim if who == "crm" else {})}, claim if who == "erp" else {})
    proposals = propose(rep)
    assert proposals and all(p.blocked and p.reason == "claim_in_progress" for p in proposals)
    assert all("reclamo en trámite" in p.sentence for p in proposals)


# --- fiscal history -------------------------------------------------------------------------


@pytest.mark.parametrize(("crm", "field", "note", "amount", "reissue"), [
    ({"amount": "1520000"}, "amount", "debit_note", Decimal("20000"), False),
    ({"amount": "1450000"}, "amount", "credit_note", Decimal("50000"), False),
    ({"doc": "80111222"}, "customer_doc", "credit_note", Decimal("1500000"), True),
    ({"paid": date(2026, 3, 9)}, "paid_on", "credit_note", Decimal("1500000"), True),
])
def test_a_validated_invoice_gets_a_note_never_an_edit(crm, field, note, amount, reissue):
    rep = report(payments=([pay("P1", **crm)], [erp_pay("1")]))
    sor = {field: "crm"}
    p = next(x for x in propose(rep, sor) if x.field == field)
    assert (p.action, p.target, p.reason, p.pushable) == (
        Action.CREDIT_NOTE, System.ERP, "validated_invoice", False)
    task = p.credit_note
    assert task is not None and credit_note_tasks([p]) == [task]
    assert (task.note, task.amount, task.reissue, task.invoice_number, task.source_id) == (
        note, amount, reissue, "FEB-10001", "1")
    assert task.proposal == p.ident and task.sentence == p.sentence
    assert p.sentence.startswith("La factura FEB-10001 (CUFE abababab…) está validada ante la DIAN")
    with pytest.raises(NotPushable):
        to_correction(p, "k")


def test_an_unvalidated_erp_payment_is_a_plain_edit():
    rep = report(payments=([pay("P1", amount="1520000")], [pay("1", status="draft")]))
    p = only(propose(rep, {"amount": "crm"}), "amount_differs")
    assert (p.action, p.target, p.pushable) == (Action.EDIT, System.ERP, True)


def test_a_validated_status_without_cufe_is_still_fiscal():
    rep = report(payments=([pay("P1", amount="1520000")], [pay("1", status="posted")]))
    p = only(propose(rep, {"amount": "crm"}), "amount_differs")
    assert p.action is Action.CREDIT_NOTE


# --- duplicates: each copy is linked, none of them dictates a field -------------------------


def test_two_crm_copies_never_propose_two_values_for_one_erp_field():
    """A lead entered twice is linked twice to the ERP's customer (nothing is left out), but
    the copies disagree on the phone the CRM rules: no field edit comes from either of them
    (they would conflict); the proposal says to merge them first."""
    r = report(customers=([person("C1", phone="3001112233"), person("C2", phone="3109998877")],
                          [person("1", phone="3205550000")]))
    assert {(x.crm_id, x.erp_id) for x in r.results[Entity.CUSTOMERS].links} == {("C1", "1"),
                                                                                   ("C2", "1")}
    phones = [p for p in propose(r) if p.kind == "phone_differs"]
    assert len(phones) == 2
    assert all(p.action is Action.REVIEW and p.reason == "from_duplicate" for p in phones)
    assert not [p for p in propose(r) if p.action is Action.EDIT and p.target is System.ERP
                and p.field == "phone"]


def test_the_erp_still_corrects_each_crm_copy_it_rules():
    """The ERP rules the name: each CRM copy gets its own correction (different records)."""
    r = report(customers=([person("C1", last_names="Perez"), person("C2", last_names="P.")],
                          [person("1", last_names="Pérez Gómez")]))
    names = [p for p in propose(r) if p.kind == "name_differs"]
    assert sorted(p.source_id for p in names if p.action is Action.EDIT) == ["C1", "C2"]
    assert all(p.target is System.CRM for p in names)


# --- the language spoken ------------------------------------------------------------------------


@pytest.fixture
def english():
    from app.domain import i18n

    i18n.set_language("en")
    yield
    i18n.set_language(None)


def test_the_sentences_read_in_english_with_the_same_idents(english):
    from app.domain import i18n

    nit = {"doc_type": "NIT", "doc_number": "800191045", "company_name": "Transportes Ospina S.A.S."}
    dv = customers(crm=person("C1", **nit, check_digit="7"), erp=person("1", **nit, check_digit="1"))
    said = {kind: only(propose(rep), kind) for rep, kind in (
        (customers({"phone": "3115550000"}), "phone_differs"),
        (customers({"phone": None}), "missing_phone"),
        (dv, "invalid_check_digit"),
        (customers({"phone": "3115550000", "claim_in_progress": True}), "phone_differs"))}
    assert said["phone_differs"].sentence.startswith("The CRM is the reference for the mobile")
    assert "Blocked: " in said["phone_differs"].sentence  # the claim in progress
    assert said["missing_phone"].sentence == (
        "The mobile is missing in the CRM: take 3105551234 from the ERP.")
    assert said["invalid_check_digit"].sentence == (
        "The check digit of NIT 800191045 is 1: correct the check digit in the CRM from 7 to 1.")
    note = next(x for x in propose(report(payments=([pay("P1", amount="1520000")],
                                                     [erp_pay("1")])), {"amount": "crm"})
                if x.field == "amount")
    assert note.sentence.startswith("Invoice FEB-10001 (CUFE abababab…) is validated with the "
                                    "DIAN and is not edited: issue a debit note for $\xa020.000")
    alone = [p for p in propose(customers(crm=person("C1"), erp=person("2", doc_number="9")))
             if p.kind in ("only_in_crm", "only_in_erp")]
    assert sorted(p.sentence.split(":")[0] for p in alone) == ["It is only in the CRM",
                                                               "It is only in the ERP"]
    assert all(": create customer «" in p.sentence for p in alone)
    english_idents = {p.ident for p in propose(customers({"phone": "3115550000"}))}
    i18n.set_language("es")
    assert {p.ident for p in propose(customers({"phone": "3115550000"}))} == english_idents
