"""Truth tables for customer findings: each row of the table is one seeded situation."""

from datetime import UTC, datetime

import pytest

from app.domain.schema import Entity, System, frame
from app.progress import run
from app.reconcile.customers import reconcile_customers
from app.reconcile.results import EntityResult

STAMP = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def person(sid, doc="79123456", **over):
    base = {
        "source_id": sid, "doc_type": "CC", "doc_number": doc, "check_digit": None,
        "first_names": "Juan Carlos", "last_names": "Pérez Gómez", "company_name": None,
        "phone": "3105551234", "email": "juan.perez@gmail.com", "city_code": "11001",
        "city_name": "Bogotá", "address": "Calle 1 # 2-3", "habeas_data_consent": True,
        "consent_date": None, "consent_channel": None, "claim_in_progress": False,
        "is_customer": True, "updated_at": STAMP,
    }
    base.update(over)
    return base


def reconcile(crm_rows, erp_rows) -> EntityResult:
    return run(reconcile_customers(frame(Entity.CUSTOMERS, crm_rows), frame(Entity.CUSTOMERS, erp_rows)))


def kinds(result):
    return sorted(m.kind for m in result.findings())


def test_identical_records_link_with_no_findings():
    r = reconcile([person("C1")], [person("1")])
    assert [(x.crm_id, x.erp_id, x.method, x.band, x.score) for x in r.links] == [
        ("C1", "1", "doc_number", "auto", 1.0)]
    assert kinds(r) == []


def test_cosmetic_differences_are_not_findings():
    crm = person("C1", first_names="JUAN CARLOS", last_names="PEREZ GOMEZ",
                 email="juan.perez@gmail.com", city_code="11001", city_name="BOGOTA D.C.")
    assert kinds(reconcile([crm], [person("1")])) == []


@pytest.mark.parametrize(
    ("change", "kind", "field"),
    [
        ({"last_names": "P."}, "name_differs", "name"),
        ({"phone": "3209998877"}, "phone_differs", "phone"),
        ({"email": "otro@hotmail.com"}, "email_differs", "email"),
        ({"city_code": "05001", "city_name": "Medellín"}, "city_differs", "city_code"),
    ],
)
def test_field_differs(change, kind, field):
    r = reconcile([person("C1", **change)], [person("1")])
    [m] = r.mismatches
    assert (m.kind, m.crm_id, m.erp_id, m.field, m.key) == (kind, "C1", "1", field, "79123456")


def test_only_in_one_system_and_leads_are_not_owed():
    r = reconcile(
        [person("C1", doc="111111"), person("C2", doc="222222", is_customer=False)],
        [person("9", doc="999999")],
    )
    found = {(m.kind, m.crm_id, m.erp_id) for m in r.mismatches}
    assert found == {("only_in_crm", "C1", None), ("only_in_erp", None, "9")}


def test_duplicate_key_is_reported_and_each_duplicate_is_linked_and_compared():
    # The ERP record behind a CRM duplicate is never left out: both duplicates are linked to
    # it and their fields compared, and the duplicate group stays a finding.
    r = reconcile([person("C1"), person("C2", phone="3209998877")], [person("1", email="otro@x.co")])
    assert sorted((x.crm_id, x.erp_id, x.method, x.band) for x in r.links) == [
        ("C1", "1", "doc_number", "auto"), ("C2", "1", "doc_number", "auto")]
    [d] = r.duplicates
    assert (d.system, d.key, d.ids) == (System.CRM, "79123456", ("C1", "C2"))
    assert sorted((m.kind, m.crm_id, m.erp_id) for m in r.findings()) == [
        ("duplicate_key", "C1", None), ("email_differs", "C1", "1"), ("email_differs", "C2", "1"),
        ("phone_differs", "C2", "1")]


def test_duplicates_on_both_sides_link_every_pair():
    r = reconcile([person("C1"), person("C2")], [person("1"), person("2")])
    assert sorted((x.crm_id, x.erp_id) for x in r.links) == [
        ("C1", "1"), ("C1", "2"), ("C2", "1"), ("C2", "2")]
    assert sorted((d.system, d.ids) for d in r.duplicates) == [
        (System.CRM, ("C1", "C2")), (System.ERP, ("1", "2"))]


def test_a_document_held_twice_and_absent_from_the_other_system_is_only_there():
    r = reconcile([person("C1"), person("C2")], [person("1", doc="52111222")])
    only = sorted((m.kind, m.crm_id or m.erp_id) for m in r.mismatches if m.kind.startswith("only_in"))
    assert only == [("only_in_crm", "C1"), ("only_in_crm", "C2"), ("only_in_erp", "1")]


def test_a_placeholder_document_links_nothing_and_loses_nothing():
    crm = [person(f"C{i}", doc="222222222222", phone=f"31000000{i:02d}", email=None) for i in range(12)]
    r = reconcile(crm, [person("1", doc="222222222222")])
    assert r.links == []
    [d] = r.duplicates
    assert len(d.ids) == 12
    assert [(m.kind, m.erp_id) for m in r.mismatches if m.kind == "only_in_erp"] == [("only_in_erp", "1")]


def test_a_duplicate_without_a_document_is_linked_through_its_group():
    # The same customer entered again without a document: a duplicate by name, phone and
    # e-mail; the document links the first, the group links the second to the same tercero.
    r = reconcile([person("C1"), person("C1b", doc=None)], [person("1")])
    links = sorted((x.crm_id, x.erp_id, x.method, x.band) for x in r.links)
    assert links == [("C1", "1", "doc_number", "auto"), ("C1b", "1", "fuzzy", "auto")]
    assert [set(d.ids) for d in r.duplicates] == [{"C1", "C1b"}]
    [why] = [x.explanation for x in r.links if x.crm_id == "C1b"]
    assert why.endswith("duplicado de C1 en el CRM")


def test_an_erp_duplicate_with_a_mistyped_document_is_only_suggested():
    r = reconcile([person("C1")], [person("1"), person("2", doc="79123465")])
    by_erp = {x.erp_id: (x.method, x.band) for x in r.links}
    assert by_erp == {"1": ("doc_number", "auto"), "2": ("fuzzy", "review")}
    assert ("possible_match", "C1", "2") in {(m.kind, m.crm_id, m.erp_id) for m in r.mismatches}


def test_a_homonym_in_a_duplicate_group_is_never_linked_through_it():
    # Two CRM records with the same name, phone and e-mail but two documents are two people:
    # no duplicate group joins them, so the ERP record of one never reaches the other.
    r = reconcile([person("C1"), person("C2", doc="52111222")], [person("1")])
    assert [(x.crm_id, x.erp_id) for x in r.links] == [("C1", "1")]
    assert ("only_in_crm", "C2") in {(m.kind, m.crm_id) for m in r.mismatches}


def test_invalid_nit_check_digit_on_either_side():
    company = {"doc_type": "NIT", "first_names": None, "last_names": None,
               "company_name": "Transportes Gómez S.A.S."}
    r = reconcile(
        [person("C1", doc="800191045", check_digit="7", **company)],
        [person("1", doc="800191045", check_digit="1", **company)],
    )
    [m] = r.mismatches
    assert (m.kind, m.system, m.crm_value, m.detail) == ("invalid_check_digit", System.CRM, "7", "1")


def test_company_suffix_punctuation_is_not_a_difference():
    company = {"doc_type": "NIT", "first_names": None, "last_names": None}
    r = reconcile([person("C1", doc="800191045", company_name="TRANSPORTES GOMEZ SAS", **company)],
                  [person("1", doc="800191045", company_name="Transportes Gómez S.A.S.", **company)])
    assert kinds(r) == []


@pytest.mark.parametrize(
    ("change", "kind", "detail"),
    [
        ({"doc_number": None}, "missing_document", None),
        ({"city_code": None, "city_name": "Gotham"}, "missing_city", None),
        ({"phone": None}, "missing_phone", "missing"),
        ({"phone": "310555123"}, "missing_phone", "invalid_phone"),
    ],
)
def test_missing_required_field(change, kind, detail):
    r = reconcile([], [person("1", **change)])
    found = [m for m in r.mismatches if m.kind == kind]
    assert len(found) == 1
    assert (found[0].erp_id, found[0].system, found[0].detail) == ("1", System.ERP, detail)


def test_a_missing_value_on_one_side_is_not_a_field_difference():
    r = reconcile([person("C1", email=None)], [person("1")])
    assert kinds(r) == []


def test_a_finding_about_a_linked_record_names_its_twin():
    r = reconcile([person("C1", phone=None)], [person("1")])
    [m] = r.mismatches
    assert (m.kind, m.system, m.crm_id, m.erp_id) == ("missing_phone", System.CRM, "C1", "1")


@pytest.mark.parametrize(
    ("change", "kind", "crm_value", "erp_value", "detail"),
    [
        ({"city_code": None, "city_name": None}, "missing_city", None, None, None),
        ({"phone": None}, "missing_phone", None, None, "missing"),
        ({"doc_type": "NIT", "doc_number": "800191045", "check_digit": "7", "first_names": None,
          "last_names": None, "company_name": "Transportes Gómez S.A.S."},
         "invalid_check_digit", "7", "7", "1"),
    ],
)
def test_a_problem_of_both_linked_records_is_one_finding_naming_both(change, kind, crm_value,
                                                                     erp_value, detail):
    r = reconcile([person("C1", **change)], [person("1", **change)])
    found = [m for m in r.mismatches if m.kind == kind]
    assert [(m.system, m.crm_id, m.erp_id, m.crm_value, m.erp_value, m.detail, m.at_stake)
            for m in found] == [(None, "C1", "1", crm_value, erp_value, detail, None)]
    assert dict((k, n) for k, n, _ in r.summary())[kind] == 1


def test_each_systems_value_and_a_shared_detail_survive_the_merge():
    # A phone missing in the CRM and unusable in the ERP: one fact (no phone to call), two
    # details — the merged finding keeps neither rather than one that is false for the other.
    r = reconcile([person("C1", phone=None)], [person("1", phone="310555123")])
    [m] = [m for m in r.mismatches if m.kind == "missing_phone"]
    assert (m.system, m.crm_value, m.erp_value, m.detail) == (None, None, "310555123", None)


def test_a_suggested_link_does_not_merge_two_records_problems():
    # Not the same document: the fuzzy match is only suggested, each city stays its own finding.
    crm = person("C1", doc="79123456", city_code=None, city_name=None)
    erp = person("1", doc="79123465", city_code=None, city_name=None)
    r = reconcile([crm], [erp])
    assert [link.band for link in r.links] == ["review"]
    found = sorted((m.system, m.crm_id, m.erp_id) for m in r.mismatches if m.kind == "missing_city")
    assert [s for s, _, _ in found] == [System.CRM, System.ERP]
