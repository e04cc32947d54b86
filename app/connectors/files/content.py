"""What a column holds, judged from its cells: the tiebreaker when headers are not enough.

A header says what a column should be; its cells say what it is. When two columns claim one
field, when a header is ambiguous («Documento» in a receipts export may be the payer's NIT or
the receipt itself), or when a header names nothing Cuadre knows, the cells decide:

    city_code          5-digit DIVIPOLA (DANE) codes: «05001», or «5001» after a spreadsheet
    vin                17 characters without I, O or Q
    phone              10-digit Colombian mobiles, 3XXXXXXXXX (after +57, spaces, dashes)
    phone_alt          any Colombian phone: a mobile or 60 + area + 7 digits
    email              something@domain.tld
    doc_number         a cédula or NIT: 5 to 12 digits, dots and a «-DV» allowed, never a phone
    customer_doc       the same
    receipt_number     an accounting document: a prefix of letters and a number («RC-0001»,
                       «RC 1-245», «R1 0045»)

A column *fits* a field when at least :data:`FIT` of its distinct non-blank cells (a sample
of the first :data:`SAMPLE`) look like it. To turn a header's claim into another field
(«Ciudad» into a city code) the evidence must be a column, not a cell or two
(:data:`EVIDENCE`).

Cells never name a column whose header means nothing known: «Celular asesor» is full of
mobiles and is no customer's phone. An unknown header stays unmapped, reported, for the
mapping to name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from app.domain import divipola
from app.domain.values import clean_text, normalize_phone, normalize_vin

#: Distinct non-blank cells looked at: enough to judge a column, cheap on a 100,000-row file.
SAMPLE = 200
#: The share of sampled cells that must look like the field for the column to fit it.
FIT = 0.8

_VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_DOC = re.compile(r"^\d[\d.\s]*(-\s*\d)?$")
#: «CC 79123456», «NIT: 800.191.045-1», «C.C. 52111222»: a document with its type in front.
_DOC_TYPE = re.compile(r"^(?:c\.?\s?c|nit|c\.?\s?e|t\.?\s?i)\.?\s*[:.]?\s*(?=\d)",
                       re.IGNORECASE)
_RECEIPT = re.compile(r"^[A-Za-z]{1,5}\s*[-.]?\s*\d[\d\s-]*$")


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _city_code(text: str) -> bool:
    return text.isdigit() and len(text) in (4, 5) and text.zfill(5) in divipola.municipalities()


def _vin(text: str) -> bool:
    vin = normalize_vin(text)
    return vin is not None and bool(_VIN.match(vin))


def _mobile(text: str) -> bool:
    phone = normalize_phone(text)
    return phone is not None and phone.startswith("3")


def _phone(text: str) -> bool:
    return normalize_phone(text) is not None


def _email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def _doc(text: str) -> bool:
    text = _DOC_TYPE.sub("", text)
    if not _DOC.match(text):
        return False
    digits = re.sub(r"\D", "", text.split("-")[0])
    return 5 <= len(digits) <= 12 and not _mobile(digits)


TESTS: dict[str, Callable[[str], bool]] = {
    "city_code": _city_code, "vin": _vin, "phone": _mobile, "phone_alt": _phone,
    "email": _email, "doc_number": _doc, "customer_doc": _doc,
    "receipt_number": lambda text: bool(_RECEIPT.match(text)) and not _doc(text),
}

#: The fewest distinct cells that show a column to be another field than its header says: a
#: VIN or an e-mail is unmistakable once, a 10-digit number or a 5-digit code only as a
#: column of them.
EVIDENCE: dict[str, int] = {"vin": 1, "email": 1, "phone": 3, "phone_alt": 3, "city_code": 3,
                            "doc_number": 3, "customer_doc": 3, "receipt_number": 1}


def sample(cells: Iterable[Any]) -> list[str]:
    """Up to :data:`SAMPLE` distinct non-blank cells, as text."""
    seen: dict[str, None] = {}
    judged: set[Any] = set()  # a cell seen again says nothing new («Cliente», «Lead»…)
    for cell in cells:
        key = cell if type(cell) is str else (type(cell), cell)
        if key in judged:
            continue
        judged.add(key)
        text = _text(cell)
        if text is not None and text not in seen:
            seen[text] = None
            if len(seen) >= SAMPLE:
                break
    return list(seen)


def share(field: str, texts: list[str]) -> float | None:
    """The share of ``texts`` that look like ``field``; None when the field has no test or
    there is nothing to judge."""
    test = TESTS.get(field)
    if test is None or not texts:
        return None
    return sum(1 for t in texts if test(t)) / len(texts)


def fits(field: str, cells: Iterable[Any], *, evidence: bool = False) -> bool | None:
    """Whether the column looks like ``field``; None when that cannot be told (no test for
    the field, no cell to judge, or — with ``evidence`` — fewer cells than :data:`EVIDENCE`
    asks to overrule a header)."""
    texts = sample(cells)
    if evidence and len(texts) < EVIDENCE.get(field, 1):
        return None
    found = share(field, texts)
    return None if found is None else found >= FIT
