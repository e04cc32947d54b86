"""Invoice and receipt numbers: one number is one key, however it was typed.

An invoice number is a single identifier (DESIGN §4, §9): Odoo's ``INV/2026/00004`` (journal,
year, sequence), a DIAN prefix and consecutive (``FEV-12``, ``SETP990000123``, ``FV4-01000``),
a receipt (``RC-00004512``, Odoo's ``PBNK1/2026/00001``) or a bare ``10023``. Its key keeps
every part — the prefix, Odoo's year (and month), the number — in order, and forgets only how
it was written: case, which separator stands between two parts (``-``, ``/``, a space, a dot),
leading zeros of a numeric part, a leading label («Factura No.»). So ``FV4-01000`` =
``fv4 1000`` and ``INV/2026/00004`` = ``INV/2026/4``, while ``INV/2025/00004``, ``INV/2026/4``
and ``4`` are three keys. Parts are never joined across a separator nor split apart, except
that a prefix typed against its number (``SETP990000123``, ``RC4512``) is read as prefix +
number; a prefix that ends in a digit needs a separator (``FV41000`` reads as ``FV`` 41000).

Several invoices in one reference are recognized only where whole numbers are separated
explicitly — ``;``, ``,``, ``|``, a line break, or «y» / «e» between two numbers — never on
``/`` or ``-``. A leading label is dropped when a space follows it («Factura », «No. »,
«Nro. »), so a prefix spelled like a label is read as one only with its number against it
(``NO.123`` is prefix NO, number 123; ``No. 123`` is 123).

One place for this, used by the matcher (``app/reconcile``) and the connectors' canonical
``invoice_number``.
"""

from __future__ import annotations

import re

from app.domain.values import clean_text

# A label people put before the number: «Factura», «Fact.», «No.», «Nro.», «N°», «#».
_LABEL = re.compile(r"^(?:(?:FACTURAS?|FACT\.|NRO\.?|NO\.|N[°º]\.?)\s+|#\s*|N[°º]\s*)", re.IGNORECASE)
_RUNS = re.compile(r"[^\W_]+")  # letters and digits; everything else separates parts
_PREFIX_AND_NUMBER = re.compile(r"(.*[^\W\d_])(\d+)")  # "SETP990000123" → SETP, 990000123
# «y» / «e» separate two numbers only between digits: "FEB-1 y FEB-2", never "Factura Y 12".
_SEVERAL = re.compile(r"\s*[;,|\n]\s*|(?<=\d)\s+(?:y|e|&|\+)\s+(?=[^;,|\n]*\d)", re.IGNORECASE)
_AROUND_DASH = re.compile(r"\s*([-/])\s*")
_DIGIT = re.compile(r"\d")
_LABEL_START = frozenset("FfNn#")
_SIMPLE = re.compile(r"(?:([A-Za-z]+)[ .\-]*)?0*([0-9]+)")


def invoice_key(raw: object) -> str | None:
    """The key of one invoice (or receipt) number; None when it holds no number at all.

    >>> invoice_key("INV/2026/00004"), invoice_key("fv4 01000"), invoice_key("SETP990000123")
    ('INV-2026-4', 'FV4-1000', 'SETP-990000123')
    """
    # Called for every receipt and invoice of a run: written for speed (no whitespace cleanup,
    # which the split into runs makes unneeded; the label pattern only when it could match).
    if raw.__class__ is str:
        text = raw.strip()
    elif isinstance(raw, float) and raw.is_integer():  # a spreadsheet's number, 10023.0
        text = str(int(raw))
    else:
        text = clean_text(raw) or ""
    if not text or _DIGIT.search(text) is None:
        return None
    if text[0] in _LABEL_START:  # «Factura No. FEB-10023»
        while (stripped := _LABEL.sub("", text, count=1)) != text:
            text = stripped
    simple = _SIMPLE.fullmatch(text)  # most numbers: "RC-00004512", "FEB10023", "10023"
    if simple is not None:
        prefix, number = simple.groups()
        return f"{prefix.upper()}-{number}" if prefix else number
    return key_of_parts(text)


def key_of_parts(text: str) -> str:
    """The key by the general rule (what :func:`invoice_key`'s shortcut must agree with): the
    runs of letters and digits, numeric runs without leading zeros, a prefix typed against the
    last number split from it."""
    runs = _RUNS.findall(text.upper())
    if not runs[-1].isdigit():
        last = _PREFIX_AND_NUMBER.fullmatch(runs[-1])
        if last is not None:
            runs[-1:] = [last.group(1), last.group(2)]
    return "-".join([run.lstrip("0") or "0" if run.isdigit() else run for run in runs])


def invoice_keys(raw: object) -> list[str]:
    """The keys of every invoice a reference names, in order, each once.

    >>> invoice_keys("FEB-10023 y feb 10024; INV/2026/00004")
    ['FEB-10023', 'FEB-10024', 'INV-2026-4']
    """
    text = raw.strip() if isinstance(raw, str) else clean_text(raw)  # line breaks separate
    if not text:
        return []
    keys = (invoice_key(part) for part in _SEVERAL.split(text))
    return list(dict.fromkeys(k for k in keys if k is not None))


def normalize_invoice(raw: object) -> str | None:
    """An invoice number as the canonical ``invoice_number`` shows it: spaces around ``-`` and
    ``/`` dropped ("FV - 457" → "FV-457"), and a prefix its number already carries not doubled
    ("FV-FV-457", "FV-FV457" from a prefix column and a number column → the number). The rest
    stays as written: the key, not this text, is what matching compares.
    """
    text = clean_text(raw)
    if text is None:
        return None
    text = _AROUND_DASH.sub(r"\1", text)
    prefix, dash, number = text.partition("-")
    if dash and any(ch.isalpha() for ch in prefix) and number.upper().startswith(prefix.upper()):
        after = number[len(prefix):len(prefix) + 1]
        if not after.isalpha():  # "FE-FEB-10023" is prefix FE, number FEB-10023: kept
            return number
    return text
