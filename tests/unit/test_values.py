"""Colombian value rules (DESIGN §4): truth tables plus properties of the normalizers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.values import (
    doc_type_code,
    fold,
    format_cop,
    format_count,
    format_decimal,
    format_percent,
    format_stake,
    money_str,
    nit_check_digit,
    nit_dv_is_valid,
    normalize_doc_number,
    normalize_phone,
    normalize_vin,
    percent_of,
    split_nit,
    to_decimal,
    vin_check_digit,
    vin_problem,
    whole_pesos,
)


@pytest.mark.parametrize(
    ("nit", "dv"),
    [("800191045", "1"), ("213123432", "1"), ("900373115", "3"), ("860002964", "4"),
     ("890900608", "9"), ("1", "8")],
)
def test_nit_check_digit(nit, dv):
    assert nit_check_digit(nit) == dv


def test_nit_check_digit_rejects_empty_and_too_long():
    with pytest.raises(ValueError):
        nit_check_digit("")
    with pytest.raises(ValueError):
        nit_check_digit("1" * 16)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("800.191.045-1", ("800191045", "1")), ("800191045", ("800191045", None)),
     (" 900 373 115 - 3 ", ("900373115", "3")), (None, (None, None)), ("", (None, None))],
)
def test_split_nit(raw, expected):
    assert split_nit(raw) == expected


def test_nit_dv_validity():
    assert nit_dv_is_valid("800191045", "1")
    assert not nit_dv_is_valid("800191045", "2")
    assert not nit_dv_is_valid("800191045", None)
    assert not nit_dv_is_valid(None, "1")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("79.123.456", "79123456"), ("0012345", "0012345"), ("900.123.456-7", "900123456"),
     ("  ", None), (None, None), (float("nan"), None)],
)
def test_doc_number_keeps_leading_zeros_and_drops_dv(raw, expected):
    assert normalize_doc_number(raw) == expected


@pytest.mark.parametrize(("raw", "doc_type", "expected"), [
    # Labels people write around a Colombian number go; the number stays digits.
    ("CC 79.123.456", None, "79123456"), ("C.C. 79.123.456", None, "79123456"),
    ("CC79123456", None, "79123456"), ("NIT: 900.123.456-7", None, "900123456"),
    ("79123456 CC", None, "79123456"), ("900123456-7 (NIT)", None, "900123456"),
    ("No. 0012345", None, "0012345"), ("AB1234567", "CC", "1234567"),
    ("CC-79123456", None, "79123456"),
    # Passports and foreign documents keep their letters, with or without a known type.
    ("AB1234567", None, "AB1234567"), ("ab-123 4567", None, "AB1234567"),
    ("Pasaporte AB1234567", None, "AB1234567"), ("PA1234567", "PA", "PA1234567"),
    ("PE 123456", "PA", "PE123456"), ("E-123456", "CE", "E123456"),
    ("12-3456789", "NIT_EXT", "123456789"),
    # Nothing to compare.
    ("SIN DOCUMENTO", None, None), ("N/A", None, None), ("NO APLICA", "PA", None),
])
def test_doc_number_keeps_a_passports_letters_and_drops_labels(raw, doc_type, expected):
    assert normalize_doc_number(raw, doc_type) == expected


# A passport's letters are not a label people write before a number («CC-», «NO.», «PP »).
_LABEL_LIKE = ("CC", "CE", "TI", "NIT", "RUT", "PP", "DOC", "NO", "NRO")


@given(st.from_regex(r"[A-Z]{1,3}[0-9]{5,9}", fullmatch=True).filter(
    lambda doc: not doc.startswith(_LABEL_LIKE)))
def test_a_lettered_document_is_one_key_however_it_is_typed(doc):
    """The same passport typed with spaces, dashes or in lower case is one key, never its digits."""
    typed = f" {doc[:2].lower()}-{doc[2:]} "
    assert normalize_doc_number(typed) == normalize_doc_number(doc, "PA") == doc


@pytest.mark.parametrize(("raw", "code"), [("13", "CC"), ("31", "NIT"), ("nit", "NIT"),
                                          ("C.C.", "CC"), ("xx", None), (None, None)])
def test_doc_type_code(raw, code):
    assert doc_type_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3105551234", "3105551234"),
        ("+57 310 555 1234", "3105551234"),
        ("57-310-555-1234", "3105551234"),
        ("(310) 555-1234", "3105551234"),
        ("6014567890", "6014567890"),
        ("(1) 4567890", "6014567890"),  # old Bogotá landline with its one-digit area code
        ("4 4567890", "6044567890"),
        ("310555123", None),  # a digit short
        ("2105551234", None),  # not a mobile, not a 60x landline
        ("", None),
        (None, None),
    ],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


@given(st.text(alphabet="0123456789 +-()", max_size=20))
def test_normalize_phone_is_idempotent(raw):
    once = normalize_phone(raw)
    assert once is None or (normalize_phone(once) == once and len(once) == 10)


def test_vin_check_digit_known_example():
    assert vin_check_digit("1M8GDM9AXKP042788") == "X"
    assert vin_problem("1M8GDM9AXKP042788") is None


@pytest.mark.parametrize(
    ("vin", "problem"),
    [
        ("1M8GDM9A1KP042788", "check_digit"),  # North American: the check digit binds
        ("9BRKZAAG1T0123456", None),  # Brazil: a wrong check digit is not a rejection
        ("9GASJ69R0TO123456", "characters"),  # letter O
        ("9GASJ69R0T012345", "length"),
        (None, "missing"),
    ],
)
def test_vin_problem(vin, problem):
    assert vin_problem(vin) == problem


def test_normalize_vin():
    assert normalize_vin(" 9gasj69r0-t0123456 ") == "9GASJ69R0T0123456"
    assert normalize_vin("  ") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234567.50", Decimal("1234567.50")), (1234567, Decimal(1234567)),
     (0.1, Decimal("0.1")), ("", None), (None, None), (float("nan"), None)],
)
def test_to_decimal(raw, expected):
    assert to_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["1.234,50", "abc", "$ 1.000"])
def test_to_decimal_refuses_locale_text(raw):
    with pytest.raises(ValueError):
        to_decimal(raw)


def test_money_formats():
    assert money_str(Decimal("1234567.5")) == "1234567.50"
    assert money_str(None) is None
    assert format_cop(Decimal("1234567.49")) == "$\u00a01.234.567"
    assert format_cop(Decimal("-950000")) == "-$\u00a0950.000"
    assert format_cop(None) == "—"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("9485146512.50", "$\u00a09.485.146.513"),  # issue 15: banker's rounding read …512
     ("9485146513.50", "$\u00a09.485.146.514"), ("0.49", "$\u00a00"), ("0.5", "$\u00a01"),
     ("-0.4", "$\u00a00"), ("-1234.5", "-$\u00a01.235"), ("1e3", "$\u00a01.000")],
)
def test_display_rounds_half_up_to_the_peso(amount, shown):
    assert format_cop(Decimal(amount)) == shown
    assert format_cop(amount) == shown  # text, as a table model may hold it
    assert whole_pesos(Decimal(amount)) == int(shown.replace("$\u00a0", "").replace(".", ""))


def test_display_takes_any_number_and_says_so_when_there_is_none():
    assert format_cop(1234567.5) == "$\u00a01.234.568"
    assert format_cop(7) == "$\u00a07"
    for empty in (None, "", "abc", float("nan"), Decimal("NaN"), True):
        assert format_cop(empty) == "—"
        assert whole_pesos(empty) is None
    assert format_stake(Decimal(0)) == "—" and format_stake(None) == "—"
    assert format_stake(Decimal("0.4")) == "$\u00a00"  # pesos at stake, rounded to none
    assert format_stake(Decimal("10.5")) == "$\u00a011"


def test_json_keeps_exact_decimals():
    assert money_str(Decimal("1234567.5")) == "1234567.50"
    assert money_str(Decimal("0.125")) == "0.125"  # never rounded (half-even read 0.12)
    assert money_str(Decimal("9485146512.505")) == "9485146512.505"
    assert money_str(Decimal("1E+3")) == "1000.00"
    assert money_str(Decimal("-3")) == "-3.00"


def test_counts_and_decimals_the_es_co_way():
    assert format_count(0) == "0"
    assert format_count(2004) == "2.004"
    assert format_count(-1234567) == "-1.234.567"
    assert format_decimal(Decimal("1234.55"), 1) == "1.234,6"
    assert format_decimal(Decimal("44.45"), 1) == "44,5"  # float formatting read 44,4
    assert format_decimal(2.675, 2) == "2,68"  # the double 2.67499… is read as written
    assert format_decimal(Decimal("-0.05"), 1) == "-0,1"
    assert format_decimal(Decimal("12.5"), 0) == "13"
    assert format_decimal(None) == "—"


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(34, 97, "35,1\u00a0%"),  # 0.350515…: four places first (0.3505) read 35,0 %
     (29, 94, "30,9\u00a0%"), (26, 84, "31,0\u00a0%"), (5, 11, "45,5\u00a0%"),
     (1, 8, "12,5\u00a0%"), (0, 3, "0,0\u00a0%"), (3, 3, "100,0\u00a0%"), (1, 0, "—")],
)
def test_one_percentage_formatter(part, whole, shown):
    assert percent_of(part, whole) == shown
    if whole:
        assert format_percent(Decimal(part) / Decimal(whole)) == shown


def test_fold():
    assert fold("  BOGOTÁ   D.C. ") == "bogota d.c."
    assert fold("Muñoz Ibáñez") == "munoz ibanez"
    assert fold(None) == ""
