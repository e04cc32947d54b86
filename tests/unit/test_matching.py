"""Spanish names, field levels, scores, bands and explanations for customer matching."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reconcile.explain import explain
from app.reconcile.fuzzy import candidate_pairs, duplicate_groups, link
from app.reconcile.names import compare_names, name_tokens, name_tokens_many
from app.reconcile.scoring import MatchSettings, compare, prepare, prepare_frame, score

SETTINGS = MatchSettings()


@pytest.mark.parametrize(
    ("text", "company", "tokens"),
    [
        ("  JUAN   Pérez  ", False, ("juan", "perez")),
        ("María del Pilar de la Torre", False, ("maria", "pilar", "torre")),
        ("Transportes Gómez S.A.S.", True, ("transportes", "gomez")),
        ("TRANSPORTES GOMEZ S. A. S.", True, ("transportes", "gomez")),
        ("Inversiones Ruiz y Cía. LTDA", True, ("inversiones", "ruiz")),
        ("Juan P.", False, ("juan", "p")),
        (None, False, ()),
    ],
)
def test_name_tokens(text, company, tokens):
    assert name_tokens(text, company) == tokens


_NAME_TEXT = st.one_of(st.none(), st.lists(
    st.sampled_from([*"aeoáéñÑüJPdlsy .,-&'\t\n\x1cßøǅ²ﬁ", "de ", "del ", "S.A.S", "Ltda"]),
    max_size=12).map("".join))


@given(st.lists(st.tuples(_NAME_TEXT, st.booleans()), max_size=12))
def test_a_column_of_names_folds_as_each_name_alone(rows):
    """The column-at-a-time path (one joined string) equals one name at a time, whatever the
    text: accents, ligatures, odd spaces, punctuation, a newline inside a name."""
    texts, companies = [t for t, _ in rows], [c for _, c in rows]
    assert name_tokens_many(texts, companies) == [name_tokens(t, c) for t, c in rows]


def test_a_frame_prepares_as_each_record_alone():
    records = [
        {"source_id": "1", "doc_number": "79845123", "first_names": "Juan Carlos",
         "last_names": "Pérez", "company_name": None, "full_name": None,
         "phone": "+57 310 123 4567", "email": "juan@x.co", "city_code": "05001"},
        {"source_id": "2", "doc_number": "", "first_names": None, "last_names": None,
         "company_name": "Transportes Gómez S.A.S.", "full_name": None, "phone": "6015551234",
         "email": None, "city_code": None},
        {"source_id": "3", "doc_number": None, "first_names": None, "last_names": None,
         "company_name": None, "full_name": "JUAN P.", "phone": "123", "email": "sin-arroba",
         "city_code": ""},
    ]
    frame = pd.DataFrame(records, dtype=object)  # as connectors build it: None, never NaN
    assert prepare_frame(frame) == [prepare(r) for r in records]


@pytest.mark.parametrize(
    ("a", "b", "level", "reason"),
    [
        ("JUAN PEREZ GOMEZ", "Juan Pérez Gómez", "exact", None),
        ("Juan P.", "Juan Pérez Gómez", "close", "initial"),
        ("Juan Pérez", "Juan Pérez Gómez", "close", "missing_token"),
        ("Juan Pérez Gmoez", "Juan Pérez Gómez", "close", "typo"),
        ("Gómez Juan", "Juan Gómez", "close", "order"),
        ("Pedro Pérez", "Juan Pérez", "different", None),
        ("Juan", "Juan Pérez", "different", None),  # a lone first name proves nothing
        ("", "Juan Pérez", "missing", None),
    ],
)
def test_compare_names(a, b, level, reason):
    result = compare_names(name_tokens(a), name_tokens(b))
    assert (result.level, result.reason) == (level, reason)


def rec(sid, doc="79123456", first="Juan", last="Pérez Gómez", phone="3105551234",
        email="juan.perez7@gmail.com", city="11001", company=None):
    return prepare({"source_id": sid, "doc_number": doc, "first_names": first, "last_names": last,
                    "company_name": company, "phone": phone, "email": email, "city_code": city})


def test_levels_of_a_pair():
    c = compare(rec("a", doc=None, last="P."), rec("b", email="juanp@hotmail.com"))
    assert c.levels == {"doc": "missing", "name": "close", "phone": "exact", "email": "different",
                        "city": "exact"}
    assert c.missing_in == {"doc": "crm"}


def test_document_one_keystroke_apart_is_close():
    assert compare(rec("a", doc="79123465"), rec("b")).levels["doc"] == "close"  # transposed
    assert compare(rec("a", doc="7912345"), rec("b")).levels["doc"] == "close"  # one dropped
    assert compare(rec("a", doc="80111222"), rec("b")).levels["doc"] == "different"


def test_homonyms_with_different_documents_never_link():
    # Same name, same city, even the same landline at the office: two different cédulas.
    s = score(compare(rec("a", doc="52111222", phone="6014567890", email=None),
                      rec("b", phone="6014567890", email=None)), SETTINGS)
    assert s.band == "none"


def test_missing_document_with_phone_and_email_links_automatically():
    s = score(compare(rec("a", doc=None, first="JUAN", last="P."), rec("b")), SETTINGS)
    assert s.band == "auto" and s.score >= SETTINGS.auto_threshold


def test_a_mistyped_document_needs_review_even_with_strong_evidence():
    s = score(compare(rec("a", doc="79123465"), rec("b")), SETTINGS)
    assert s.score >= SETTINGS.auto_threshold and s.band == "review"


def test_weak_evidence_is_no_match():
    # Same common name and city only: not enough.
    s = score(compare(rec("a", doc=None, phone="3209998877", email="otro@x.co"), rec("b")), SETTINGS)
    assert s.band == "none"


def test_shared_phone_with_another_name_is_only_a_suggestion():
    # A spouse paying from the same phone.
    s = score(compare(rec("a", doc=None, first="Ana", last="Ruiz", email=None), rec("b")), SETTINGS)
    assert s.band == "review"


def test_thresholds_come_from_the_settings():
    c = compare(rec("a", doc=None, first="Ana", last="Ruiz", email=None), rec("b"))
    assert score(c, SETTINGS).band == "review"
    assert score(c, MatchSettings(review_threshold=0.97)).band == "none"


def test_explanations_in_spanish():
    c = compare(rec("a", doc=None, first="Juan", last="P."), rec("b"))
    assert explain(c) == ("mismo celular, correo y ciudad; el nombre difiere solo por una inicial; "
                          "falta documento en el CRM")
    c = compare(rec("a", doc="79123465"), rec("b", city="05001"))
    assert explain(c) == ("mismo celular, correo y nombre; los documentos difieren en un dígito "
                          "(posible error de digitación); la ciudad es distinta")
    assert "en un registro" in explain(compare(rec("a", doc=None), rec("b")), same_system=True)


def test_blocking_pairs_only_records_sharing_a_key():
    left = [rec("a", doc=None), rec("b", doc="11111111", first="Ana", last="Ruiz",
                                       phone="3001112233", email="ana@x.co")]
    right = [rec("c"), rec("d", doc="22222222", first="Luis", last="Mejía",
                              phone="3004445566", email="luis@y.co")]
    assert candidate_pairs(left, right) == {(0, 0)}


def test_link_is_one_to_one_best_first():
    left = [rec("a", doc=None), rec("a2", doc=None, email=None)]
    right = [rec("b")]
    [m] = link(left, right, SETTINGS)
    assert (m.left, m.right) == (0, 0)


def test_duplicate_groups_join_exact_and_fuzzy():
    records = [rec("a"), rec("b"), rec("c", doc=None, last="P."),
               rec("x", doc="52000111", first="Ana", last="Ruiz", phone="3001112233", email="a@r.co")]
    groups = duplicate_groups(records, SETTINGS, known=[[0, 1]])
    assert [members for members, _ in groups] == [[0, 1, 2]]


@given(st.lists(st.text(alphabet="0123459", min_size=1, max_size=11), min_size=2, max_size=40))
def test_near_documents_on_bytes_equal_the_text_distances(docs):
    """The NumPy prefix/suffix bound loses no pair the exact distances would keep."""
    from app.reconcile.fuzzy import _near_documents, _near_documents_text

    pairs = {tuple(sorted(p)) for p in _near_documents(docs)}
    assert pairs == {tuple(sorted(p)) for p in _near_documents_text(docs)}


def test_documents_one_keystroke_apart_meet_within_one_system():
    from app.reconcile.fuzzy import _near_documents

    docs = ["79845123", "79845132", "1020304050", "102030405", "52333444", "900123456", "52333444"]
    pairs = {tuple(sorted(p)) for p in _near_documents(docs)}
    assert (0, 1) in pairs  # two digits swapped
    assert (2, 3) in pairs  # a digit missing
    assert (4, 6) in pairs  # the same document twice
    assert not any(5 in p for p in pairs)
    assert {tuple(sorted(p)) for p in _near_documents([*docs, "Ñ1234567"])} >= pairs
