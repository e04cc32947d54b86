"""Merge proposals: default choice per field, consent carried over, claims block, JSON."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

from support.proposals import STAMP, car, person, report

from app.domain.schema import Entity, System
from app.writeback.merges import MergeProposal, merge_proposals
from app.writeback.proposals import propose

OLDER = STAMP - timedelta(days=30)


def merges(crm, erp, sor=None):
    return merge_proposals(report(customers=(crm, erp)), sor)


def test_duplicates_sharing_a_document_become_one_merge():
    [m] = merges([person("C1"), person("C2")], [])
    assert (m.entity, m.system, m.key, m.ids) == (Entity.CUSTOMERS, System.CRM, "79123456", ("C1", "C2"))
    assert m.choice("phone").rule == "same" and not m.blocked
    assert m.sentence.startswith("Fusionar 2 registros del CRM con el documento 79123456 en ")


def test_most_recent_non_empty_value_wins_by_default():
    [m] = merges([person("C1", phone="3001112233", email=None, updated_at=STAMP),
                  person("C2", phone="3109998877", email="viejo@gmail.com", updated_at=OLDER)], [])
    phone, email = m.choice("phone"), m.choice("email")
    assert (phone.value, phone.from_id, phone.rule) == ("3001112233", "C1", "most_recent")
    assert (email.value, email.from_id, email.rule) == ("viejo@gmail.com", "C2", "most_recent")
    assert dict(phone.options) == {"C1": "3001112233", "C2": "3109998877"}


def test_timestamps_in_other_zones_compare_as_instants():
    bogota = datetime(2026, 11, 1, 0, 0, tzinfo=timezone(timedelta(hours=-5)))  # 05:00 UTC
    [m] = merges([person("C1", phone="3001112233", updated_at=datetime(2026, 11, 1, 4, 0, tzinfo=UTC)),
                  person("C2", phone="3109998877", updated_at=bogota)], [])
    assert m.choice("phone").from_id == "C2"


def test_the_system_of_record_value_wins_when_a_duplicate_holds_it():
    # The ERP (system of record for names) says "Pérez Gómez": the older duplicate has it.
    crm = [person("C1", last_names="Perez G.", updated_at=STAMP),
           person("C2", last_names="PÉREZ GÓMEZ", updated_at=OLDER)]
    [m] = merges(crm, [person("1")])
    assert (m.choice("last_names").from_id, m.choice("last_names").rule) == ("C2", "system_of_record")
    # The CRM is the system of record for the phone: the most recent CRM value wins.
    # With the profile saying the CRM wins names, the most recent wins again.
    [m] = merges(crm, [person("1")], {"first_names": "crm", "last_names": "crm"})
    assert (m.choice("last_names").from_id, m.choice("last_names").rule) == ("C1", "most_recent")


def test_the_survivor_is_the_most_recent_record_when_none_is_linked():
    [m] = merges([person("C1", updated_at=OLDER), person("C2", updated_at=STAMP)], [])
    assert (m.survivor, m.merged) == ("C2", ("C1",))


def test_consent_evidence_survives_the_merge():
    no = {"habeas_data_consent": False, "consent_date": None, "consent_channel": None}
    [m] = merges([person("C1", **no, updated_at=STAMP),
                  person("C2", consent_date=date(2023, 2, 1), consent_channel="WhatsApp",
                         updated_at=OLDER)], [])
    assert m.survivor == "C1"
    assert (m.consent.from_id, m.consent.consent, m.consent.date, m.consent.channel) == (
        "C2", True, date(2023, 2, 1), "WhatsApp")
    assert m.consent.proven
    survivor = m.surviving_record()
    assert (survivor["source_id"], survivor["habeas_data_consent"], survivor["consent_date"],
            survivor["consent_channel"]) == ("C1", True, date(2023, 2, 1), "WhatsApp")
    assert "se conserva la autorización de datos de C2 (WhatsApp, 01/02/2023)" in m.sentence


def test_the_latest_dated_consent_is_kept_and_undated_consent_is_no_proof():
    [m] = merges([person("C1", consent_date=None, consent_channel="web"),
                  person("C2", consent_date=date(2022, 1, 1)),
                  person("C3", consent_date=date(2025, 6, 1), consent_channel="correo")], [])
    assert (m.consent.from_id, m.consent.date) == ("C3", date(2025, 6, 1))


def test_a_claim_in_progress_blocks_the_merge():
    [m] = merges([person("C1"), person("C2", claim_in_progress=True)], [])
    assert m.blocked and m.reason == "claim_in_progress"
    assert "reclamo en trámite" in m.sentence


def test_merge_idents_are_stable_and_round_trip_through_json():
    crm = [person("C1", phone="3001112233"), person("C2", consent_date=date(2023, 2, 1))]
    [a] = merges(crm, [])
    [b] = merges(list(reversed(crm)), [])
    assert a.ident == b.ident
    back = MergeProposal.from_json(json.loads(json.dumps(a.to_json())))
    assert back == a


def test_vehicle_duplicates_merge_and_receipt_duplicates_are_reviews():
    from support.proposals import erp_pay, pay

    rep = report(vehicles=([car("V1"), car("V2", color="Rojo", updated_at=OLDER)], [car("1")]),
                 payments=([pay("P1"), pay("P2")], [erp_pay("1")]))
    [m] = merge_proposals(rep)
    assert (m.entity, m.ids, m.consent) == (Entity.VEHICLES, ("V1", "V2"), None)
    assert m.choice("color").value == "Blanco"
    assert [(p.kind, p.reason) for p in propose(rep) if p.entity is Entity.PAYMENTS
            and p.kind == "duplicate_key"] == [("duplicate_key", "duplicate_receipt")]
