"""Colombian identifiers and values: NIT check digit, cédula, phones, VIN, money, names, and
Bogotá's time.

Every function here is pure and total: it takes whatever a system exported (``None``, extra
spaces, dots, dashes) and returns a normalized value or ``None``; validity is reported as a
code, never by raising. The rules are the ones in DESIGN §4.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

# --- NIT -------------------------------------------------------------------------------------

_NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(nit: str) -> str:
    """DIAN's check digit (DV) of a NIT given as digits only.

    >>> nit_check_digit("800191045")
    '1'
    """
    digits = only_digits(nit)
    if not digits or len(digits) > len(_NIT_WEIGHTS):
        raise ValueError("a NIT has 1 to 15 digits")
    total = sum(int(d) * w for d, w in zip(reversed(digits), _NIT_WEIGHTS, strict=False))
    s = total % 11
    return str(s if s in (0, 1) else 11 - s)


def split_nit(raw: Any) -> tuple[str | None, str | None]:
    """Split "800.191.045-1" into ("800191045", "1"); a NIT without a dash has no DV."""
    text = clean_text(raw)
    if text is None:
        return None, None
    if "-" in text:
        number, _, dv = text.rpartition("-")
        return only_digits(number) or None, only_digits(dv) or None
    return only_digits(text) or None, None


def nit_dv_is_valid(number: str | None, dv: str | None) -> bool:
    """True when the stated DV is the one DIAN's algorithm gives for ``number``."""
    if not number or dv is None or dv == "":
        return False
    try:
        return nit_check_digit(number) == dv
    except ValueError:
        return False


# --- documents -------------------------------------------------------------------------------

#: DIAN document-type codes (DESIGN §4) to the canonical short codes.
DIAN_DOC_TYPES: dict[str, str] = {
    "11": "RC",
    "12": "TI",
    "13": "CC",
    "21": "TE",
    "22": "CE",
    "31": "NIT",
    "41": "PA",
    "42": "DE",
    "50": "NIT_EXT",
    "91": "NUIP",
}
CANONICAL_TO_DIAN: dict[str, str] = {v: k for k, v in DIAN_DOC_TYPES.items()}


#: Documents that may carry letters (DIAN 21, 22, 41, 42, 50, and Odoo's SC/CD): a passport
#: ``AB1234567`` is that, never ``1234567``. Colombian numbers (CC, NIT, TI…) are digits.
LETTERED_DOC_TYPES = frozenset({"TE", "CE", "PA", "DE", "NIT_EXT", "SC", "CD"})

# A word people write before the number: «CC 79.123.456», «C.C. …», «NIT: …», «Pasaporte …».
_DOC_LABEL = re.compile(
    r"^(?:C\.?\s?C|C\.?\s?E|T\.?\s?I|NIT|RUT|PP|PAS|PASAPORTE|PASSPORT|C[EÉ]DULA|DOC|"
    r"DOCUMENTO|NO|NRO|N[°º])\b[\s.:#°º-]*", re.IGNORECASE)
# The same Colombian labels typed against the number: «CC79123456», «NIT900123456-7».
_GLUED_LABEL = re.compile(r"^(?:C\.?C\.?|NIT|T\.?I\.?)(?=\d[\d.\s-]*$)", re.IGNORECASE)
# Or after it: «79123456 CC», «900123456-7 (NIT)».
_TRAILING_LABEL = re.compile(r"(?<=\d)[\s(]+(?:C\.?\s?C|C\.?\s?E|T\.?\s?I|NIT)\.?\)?$",
                             re.IGNORECASE)


def normalize_doc_number(raw: Any, doc_type: str | None = None) -> str | None:
    """A document number as text, as it is compared (leading zeros kept, never padded).

    Colombian numbers are their digits; a NIT's DV, when written after a dash, is not part of
    the number. A document that may carry letters (:data:`LETTERED_DOC_TYPES`, or any number
    whose type is unknown and that has letters once a leading «CC», «NIT», «Pasaporte»… is
    dropped) keeps them, upper-cased, without spaces or punctuation: ``ab-123 4567`` →
    ``AB1234567``. Letters are never dropped from a passport, nor digits taken out of one.
    """
    text = clean_text(raw)
    if text is None:
        return None
    while (label := _DOC_LABEL.match(text)) and label.end() < len(text):
        text = text[label.end():]
    text = _TRAILING_LABEL.sub("", _GLUED_LABEL.sub("", text))
    lettered = doc_type in LETTERED_DOC_TYPES or (
        doc_type is None and any(c.isalpha() for c in text))
    if lettered:
        kept = "".join(c for c in text.upper() if c.isalnum())
        return kept if any(c.isdigit() for c in kept) else None
    if "-" in text:
        text = text.rpartition("-")[0]
    digits = only_digits(text)
    return digits or None


def doc_type_code(raw: Any) -> str | None:
    """Canonical document type from a DIAN code ("13") or a short name ("CC", "nit")."""
    text = clean_text(raw)
    if text is None:
        return None
    upper = text.upper().replace(".", "")
    if upper in DIAN_DOC_TYPES:
        return DIAN_DOC_TYPES[upper]
    if upper in CANONICAL_TO_DIAN or upper in ("CE", "PA", "TI", "NIT_EXT"):
        return upper
    return None


# --- phones ----------------------------------------------------------------------------------

_OLD_LANDLINE_AREA = {"1", "2", "4", "5", "6", "7", "8"}


def normalize_phone(raw: Any) -> str | None:
    """A Colombian phone as its 10 digits, or None when it cannot be one.

    Strips +57 / 57 / 0057, spaces, dashes and parentheses. A 7-digit landline written with the
    old one-digit area prefix ("(1) 345 6789", "1 3456789") becomes 60 + area + number.
    """
    digits = only_digits(clean_text(raw) or "")
    if not digits:
        return None
    for prefix in ("0057", "57"):
        if len(digits) == 10 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix):]
            break
    if len(digits) == 8 and digits[0] in _OLD_LANDLINE_AREA:
        digits = "60" + digits
    if len(digits) == 10 and (digits[0] == "3" or digits.startswith("60")):
        return digits
    return None


# --- VIN -------------------------------------------------------------------------------------

_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_SHAPE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")


def normalize_vin(raw: Any) -> str | None:
    """Upper-case, without spaces or dashes; None for an empty cell."""
    text = clean_text(raw)
    if text is None:
        return None
    return re.sub(r"[\s\-]", "", text).upper() or None


def vin_check_digit(vin: str) -> str:
    """The check digit (position 9) a VIN of valid shape should carry."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def vin_problem(vin: str | None) -> str | None:
    """Why a VIN is invalid, as a code, or None when it is valid.

    ``length`` and ``characters`` always invalidate it. A wrong check digit invalidates only a
    North-American VIN (first character 1–5); elsewhere the check digit is optional.
    """
    if not vin:
        return "missing"
    if len(vin) != 17:
        return "length"
    if not _VIN_SHAPE.match(vin):
        return "characters"
    if vin[0] in "12345" and vin_check_digit(vin) != vin[8]:
        return "check_digit"
    return None


# --- money -----------------------------------------------------------------------------------

_CENT = Decimal("0.01")


def to_decimal(raw: Any) -> Decimal | None:
    """A machine-written amount ("1234567.50", 1234567, Decimal) as Decimal; None if empty.

    Locale-formatted amounts from files ("$ 1.234.567,89") are parsed per column by the file
    connector, never here: this function refuses a comma.
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        # Floats only arrive from careless sources; repr keeps what the source meant.
        if raw != raw:  # NaN: an empty cell in pandas
            return None
        return Decimal(repr(raw))
    text = str(raw).strip()
    if not text:
        return None
    if "," in text:
        raise ValueError(f"ambiguous amount: {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc


def money_str(value: Decimal | None) -> str | None:
    """Exact decimal string for JSON ("1234567.50"): at least two places, never rounded (a
    sum of amounts with three decimals keeps them), never a float nor an exponent."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not isinstance(exponent, int) or exponent >= -2:
        return str(value.quantize(_CENT)) if value.is_finite() else str(value)
    return format(value, "f")


# --- display: the one rounding rule ------------------------------------------------------------
#
# Every surface — the window, the command line, the PDF and the XLSX — writes pesos, counts
# and percentages with these functions, so the same figure reads the same everywhere. Display
# rounds half-up (half away from zero, as Excel shows a number); JSON keeps exact decimals
# (``money_str``).

NBSP = "\u00a0"
EMPTY = "—"


def _number(value: Any) -> Decimal | None:
    """Any number a surface is handed (Decimal, int, float, machine-written text) as Decimal;
    None when it is empty or not a finite number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def rounded(value: Any, digits: int = 0) -> Decimal | None:
    """``value`` rounded half-up to ``digits`` decimals (None when it is not a number)."""
    number = _number(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def whole_pesos(value: Any) -> int | None:
    """An amount rounded half-up to whole pesos (``9485146512.50`` → ``9485146513``), or None
    when it is empty or not a number."""
    pesos = rounded(value)
    return None if pesos is None else int(pesos)


def format_count(n: int) -> str:
    """``2.004``: a whole number with es-CO thousands dots."""
    return f"{int(n):,}".replace(",", ".")


def format_decimal(value: Any, digits: int = 1) -> str:
    """``1.234,5``: es-CO digits (dot thousands, comma decimals), rounded half-up; ``—`` when
    empty."""
    number = rounded(value, digits)
    if number is None:
        return EMPTY
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    text = format_count(int(whole))
    return f"{sign}{text},{fraction}" if digits > 0 else f"{sign}{text}"


def format_cop(value: Any) -> str:
    """es-CO display of pesos, rounded half-up to the peso: ``$ 1.234.567`` (a non-breaking
    space after the sign); ``—`` when empty."""
    pesos = whole_pesos(value)
    if pesos is None:
        return EMPTY
    sign = "-" if pesos < 0 else ""
    return f"{sign}$" + NBSP + format_count(abs(pesos))


def format_stake(value: Any) -> str:
    """Pesos at stake as a table shows them: :func:`format_cop`, or ``—`` when there are none
    (a kind that carries no pesos, or none found)."""
    return format_cop(value) if _number(value) else EMPTY


def format_percent(ratio: Any, digits: int = 1) -> str:
    """The ratio ``0.350515…`` as ``35,1 %`` (half-up on the exact ratio, never on a rounded
    one; a non-breaking space before the sign); ``—`` when empty."""
    number = _number(ratio)
    if number is None:
        return EMPTY
    return format_decimal(number * 100, digits) + NBSP + "%"


def percent_of(part: Any, whole: Any, digits: int = 1) -> str:
    """``part ÷ whole`` as a percentage (:func:`format_percent`); ``—`` when ``whole`` is 0."""
    a, b = _number(part), _number(whole)
    if a is None or not b:
        return EMPTY
    return format_percent(a / b, digits)


# --- text ------------------------------------------------------------------------------------


def clean_text(raw: Any) -> str | None:
    """Strip and collapse whitespace; None for None, NaN and blank cells."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw != raw:
        return None
    text = " ".join(str(raw).split())
    return text or None


_NOT_DIGIT = re.compile(r"[^0-9]")
# How a spreadsheet shows a long number in a General cell, and saves it so in a CSV:
# «1,23457E+15» (es-CO), «1.23457E+15», «3E+09». The digits past the sixth are gone.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+\d{1,3}$")


def is_scientific(raw: Any) -> bool:
    """Whether a cell that should hold an identifier holds Excel's scientific notation: the
    number it was cannot be known (a named source issue, never a wrong document)."""
    return isinstance(raw, str) and "+" in raw and _SCIENTIFIC.match(raw.strip()) is not None


def only_digits(text: str) -> str:
    """The ASCII digits of ``text``, in order."""
    return text if text.isascii() and text.isdigit() else _NOT_DIGIT.sub("", text)


def fold_word(text: str) -> str:
    """Accent- and case-folded text, spacing left as it is (the fast path for names).

    Decomposes to NFKD and drops what is not ASCII, all in C: "Muñoz" → "munoz". Letters with
    no ASCII base (rare in Colombian names: "ß", "ø") are dropped rather than kept.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.casefold()


def fold(text: Any) -> str:
    """Accent- and case-folded, whitespace-collapsed text for comparisons ("Bogotá" → "bogota")."""
    cleaned = clean_text(text)
    return "" if cleaned is None else fold_word(cleaned)


def normalize_email(raw: Any) -> str | None:
    text = clean_text(raw)
    if text is None:
        return None
    return text.replace(" ", "").lower() or None


# --- time ------------------------------------------------------------------------------------

#: Where the dealerships are: a source's time without a zone is Bogotá's (DESIGN §3), and the
#: dates and times a person reads are shown in Bogotá.
BOGOTA = ZoneInfo("America/Bogota")


def in_bogota(moment: datetime) -> datetime:
    """A moment in Bogotá (a naive one is taken as UTC, as the store keeps them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BOGOTA)


def bogota_moment(value: date | datetime) -> datetime:
    """A moment with its zone: a naive time is Bogotá's, a date its midnight in Bogotá (how a
    source's «since» and its timestamps without zone are read, DESIGN §3)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), BOGOTA)
    return value if value.tzinfo is not None else value.replace(tzinfo=BOGOTA)
