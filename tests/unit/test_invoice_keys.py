"""Invoice numbers stay whole (issue 13): one number is one key however it is typed, two numbers
are never one key, and invoices never join the payments of two customers.

Examples first (the formats dealerships meet: DIAN prefixes, Odoo's ``INV/2026/00004``, bare
numbers), then properties over random numbers written the ways people write them.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.invoices import invoice_key, invoice_keys, key_of_parts, normalize_invoice
from app.domain.schema import Entity, frame
from app.progress import run
from app.reconcile.keys import document_key
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile


@pytest.mark.parametrize(
    ("a", "b"),
    [("FV4-01000", "FV4 1000"), ("FV4-01000", "fv4-1000"), ("INV/2026/00004", "INV/2026/4"),
     ("INV/2026/00004", "inv 2026 00004"), ("FEB-10023", "FEB10023"), ("FEB-10023", "feb 010023"),
     ("SETP990000123", "SETP-990000123"), ("FE-1234", "Factura No. FE-1234"),
     ("PBNK1/2026/00001", "PBNK1/2026/1"), ("10023", "0010023")],
)
def test_one_number_written_two_ways_is_one_key(a, b):
    assert invoice_key(a) == invoice_key(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [("INV/2026/00004", "INV/2025/00004"), ("INV/2026/00004", "4"), ("INV/2026/00004", "INV/2026/00005"),
     ("FV4-1000", "FV-41000"), ("FV4-1000", "FV-1000"), ("FEB-10023", "FEM-10023"),
     ("SETP990000123", "990000123"), ("FE-1234", "FE-12-34"), ("FV04-1", "FV4-1")],
)
def test_two_numbers_are_two_keys(a, b):
    assert invoice_key(a) != invoice_key(b)


@pytest.mark.parametrize(
    "number", ["INV/2026/00004", "FEV/2026/00012", "SETP990000123", "FE-1234", "FV4-01000",
               "PBNK1/2026/00001", "INV/2026/03/0001"],
)
def test_one_number_is_never_split(number):
    assert len(invoice_keys(number)) == 1
    assert invoice_keys(number) == [invoice_key(number)] == [document_key(number)]


@pytest.mark.parametrize(
    "reference", ["FEB-10023; FEB-10024", "FEB-10023 y FEB-10024", "FEB-10023, FEB-10024",
                  "FEB-10023 Y feb 10024", "FEB-10023\nFEB-10024", "FEB-10023 | FEB-10024"],
)
def test_several_invoices_only_when_separated_explicitly(reference):
    assert invoice_keys(reference) == ["FEB-10023", "FEB-10024"]


@pytest.mark.parametrize("reference", ["FEB-10023/10024", "FEB-10023-10024", "FEB-10023 - 10024"])
def test_slashes_and_dashes_never_separate_invoices(reference):
    assert len(invoice_keys(reference)) == 1


def test_no_number_is_no_key():
    assert [invoice_key(v) for v in (None, "", "  ", "N/A", "Anticipo", float("nan"))] == [None] * 6
    assert invoice_keys("Factura Y 123") == ["Y-123"]  # «y» separates only two numbers


def test_a_spreadsheet_number_is_its_digits():
    assert invoice_key(10023.0) == invoice_key(10023) == invoice_key("10023")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("FV - 457", "FV-457"), ("FV-FV-457", "FV-457"), ("FV-FV457", "FV457"),
     ("FE-FEB-10023", "FE-FEB-10023"), ("INV/2026/00004", "INV/2026/00004"),
     ("INV / 2026 / 4", "INV/2026/4"), (None, None)],
)
def test_the_canonical_invoice_number_keeps_the_number_as_written(raw, shown):
    assert normalize_invoice(raw) == shown


# --- properties -------------------------------------------------------------------------------

# Prefixes spelled like a label («No. », «Nro. », «Fact. ») are read as labels when a space
# follows them; real DIAN prefixes are not words, so they are left out here.
_LABEL_WORDS = {"NO", "NRO", "FACT", "N"}
# Common values often, so that different invoices share pieces (a journal, a year, a number):
# the pieces are what used to join them.
dian_prefix = st.sampled_from(["FEB", "FV4", "SETP", "FE", "FEV"]) | st.from_regex(
    r"[A-Z]{1,4}[0-9]?", fullmatch=True).filter(lambda p: p not in _LABEL_WORDS)
odoo_journal = st.sampled_from(["INV", "FEV", "PBNK1"]) | st.from_regex(
    r"[A-Z]{2,5}[0-9]?", fullmatch=True).filter(lambda p: p not in _LABEL_WORDS)
number = st.integers(1, 12) | st.integers(1, 10**9)

#: An invoice's identity: what makes two invoices the same one.
dian = st.tuples(st.just("dian"), dian_prefix, number)
odoo = st.tuples(st.just("odoo"), odoo_journal, st.sampled_from([2025, 2026]) | st.integers(2019, 2030),
                 st.none() | st.integers(1, 12), st.integers(1, 12) | st.integers(1, 99_999))
bare = st.tuples(st.just("bare"), number)
identity = st.one_of(dian, odoo, bare)


@st.composite
def written(draw, ident):
    """One way a person or a system writes the invoice ``ident``."""
    pad = draw(st.integers(0, 3))
    kind = ident[0]
    if kind == "bare":
        text = "0" * pad + str(ident[1])
    elif kind == "dian":
        prefix, number = ident[1], ident[2]
        seps = ["-", " ", "/", ".", " - "] + ([] if prefix[-1].isdigit() else [""])
        text = f"{prefix}{draw(st.sampled_from(seps))}{'0' * pad}{number}"
    else:
        journal, year, month, seq = ident[1:]
        sep = draw(st.sampled_from(["/", " ", "-", " / "]))
        parts = [journal, str(year)]
        if month is not None:
            parts.append(draw(st.sampled_from([f"{month:02d}", str(month)])))
        parts.append(draw(st.sampled_from([f"{seq:05d}", f"{seq:04d}", str(seq)])))
        text = sep.join(parts)
    text = draw(st.sampled_from([text, text.lower(), text.title()]))
    label = draw(st.sampled_from(["", "", "Factura ", "No. ", "Factura No. ", "N° "]))
    return label + draw(st.sampled_from(["", " "])) + text


@given(st.data(), identity)
def test_any_way_of_writing_one_invoice_gives_its_key(data, ident):
    a, b = data.draw(written(ident)), data.draw(written(ident))
    assert invoice_key(a) == invoice_key(b) is not None, (a, b)
    assert invoice_keys(a) == [invoice_key(a)]


@given(st.text(alphabet="ABRCSTVabrc0123456789 .-/_ñ", min_size=1, max_size=14))
def test_the_shortcut_agrees_with_the_general_rule(text):
    # invoice_key reads most numbers ("RC-00004512") with one pattern; the rule is key_of_parts.
    if any(ch.isdigit() for ch in text):
        assert invoice_key(text) == key_of_parts(text.strip())


@given(st.data(), identity, identity)
def test_two_invoices_never_share_a_key(data, one, other):
    if one == other:
        return
    a, b = data.draw(written(one)), data.draw(written(other))
    assert invoice_key(a) != invoice_key(b), (a, b)


@given(st.data(), st.lists(identity, min_size=2, max_size=4, unique=True))
def test_a_list_of_invoices_gives_each_key_once(data, idents):
    texts = [data.draw(written(i)) for i in idents]
    joiner = data.draw(st.sampled_from(["; ", ", ", " y ", "\n", " | "]))
    assert invoice_keys(joiner.join(texts)) == [invoice_key(t) for t in texts]


# Each case: an invoice, its customer, and how many CRM payments and ERP receipts it has. The
# amounts are equal across invoices on purpose, so a wrong group would add up just as well.
_SHAPES = [(1, 1), (1, 2), (2, 1), (1, 3), (0, 1), (1, 0), (2, 2)]
case = st.tuples(identity, st.sampled_from(["111111", "222222", "333333"]),
                 st.sampled_from(_SHAPES), st.booleans())


def _pay(sid, receipt, invoice, doc, amount, paid):
    return {"source_id": sid, "receipt_number": receipt, "invoice_number": invoice, "cufe": None,
            "customer_doc": doc, "amount": amount, "currency": "COP", "paid_on": paid,
            "method": None, "status": None, "deal_id": None, "branch": None, "updated_at": None}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.lists(case, min_size=1, max_size=7, unique_by=lambda c: c[0]))
def test_invoices_never_link_the_payments_of_two_customers(data, cases):
    crm, erp = [], []
    owner: dict[str, tuple[str, str]] = {}  # source id → (invoice key, customer)
    paid = date(2026, 3, 2)
    for n, (ident, doc, (n_crm, n_erp), doc_known) in enumerate(cases):
        canonical = data.draw(written(ident))
        key = invoice_key(canonical)
        for k in range(n_crm):
            sid = f"P{n}-{k}"
            crm.append(_pay(sid, None, data.draw(written(ident)), doc if doc_known or k else None,
                            Decimal(6_000_000 // max(n_crm, 1)), paid))
            owner[sid] = (key, doc)
        for k in range(n_erp):
            sid = f"R{n}-{k}"
            erp.append(_pay(sid, f"RC-{n}{k:03d}", canonical, doc, Decimal(6_000_000 // n_erp), paid))
            owner[sid] = (key, doc)
    result = run(reconcile_payments(frame(Entity.PAYMENTS, crm), frame(Entity.PAYMENTS, erp),
                                    Profile()))
    for link in result.links:
        (crm_key, crm_doc), (erp_key, erp_doc) = owner[link.crm_id], owner[link.erp_id]
        assert crm_doc == erp_doc, link
        assert crm_key == erp_key, link
    # Nothing is left out: each record is linked or reported.
    named = {i for x in result.links for i in (x.crm_id, x.erp_id)}
    named |= {i for m in result.findings() for i in (m.crm_id, m.erp_id, *m.ids)}
    assert set(owner) <= named
