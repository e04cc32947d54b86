"""A labelled payments set: CRM payments and ERP receipts with the true links known.

Used by the payments accuracy test and by the payments benchmark at 10k–1M per side. The ERP
writes every receipt as ``RC-00004512`` and its invoice as ``FEB-10023`` with the invoice's CUFE
(96 hex); the CRM is typed by the sales floor:

- most payments name their receipt, mostly in another format (``RC 4512``, ``rc-00004512``,
  ``RC4512``, ``RC-4512``, ``Rc.4512``): a normalized receipt key links them (``exact_links``);
- some name no receipt but carry the invoice's CUFE (``cufe_links``), some only the invoice,
  written another way (``FEB-010023``, ``feb 10023``: ``invoice_links``);
- payments the two systems split differently (``groups``): one CRM payment for an invoice the
  ERP shows as two or three receipts, two or three CRM payments for one receipt, and one
  receipt for two invoices that the CRM recorded as one payment each; the totals agree;
- on linked pairs, amounts that differ within and beyond the tolerance (``amount_within``,
  ``amount_beyond``: :data:`AMOUNT_TOLERANCE`) and dates a few days apart or more than the
  window (``date_within``, ``date_beyond``: :data:`DATE_WINDOW_DAYS`);
- payments only in the CRM (a receipt number the ERP never recorded, or none), receipts only
  in the ERP, payments entered twice in the CRM with the same receipt number
  (``crm_duplicates``) and receipts recorded twice in the ERP (``erp_duplicates``): a shared
  key is reported as a duplicate, and each copy is still linked to its counterpart;
- a quarter of the invoices named as Odoo names them (``INV/2026/00004``: journal, year,
  sequence; the same sequence in two years), typed ``INV/2026/4`` or ``inv 2026 00004`` in the
  CRM: one invoice number, never three pieces.

Random draws are made up front with NumPy and the rows are written column by column, so a
million per side takes seconds. Deterministic for a seed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd

from app.demo.world import BRANCHES, PAYMENT_METHODS
from app.domain.schema import COLUMNS, Entity
from app.reconcile.gcpause import collector_paused

Pair = tuple[str, str]

#: The tolerances the labels assume: a difference of at most this many pesos is "within".
AMOUNT_TOLERANCE = Decimal(1000)
#: Dates at most this many days apart are "within" the window.
DATE_WINDOW_DAYS = 3

#: What one case of the set is, with its share of cases.
SCENARIOS: tuple[tuple[str, float], ...] = (
    ("receipt", 0.836),  # one receipt, one payment naming it
    ("cufe", 0.02),  # the payment names no receipt, carries the invoice's CUFE
    ("invoice", 0.02),  # the payment names only the invoice
    ("erp_only", 0.03),
    ("crm_only", 0.03),
    ("split_erp", 0.015),  # one CRM payment, two or three receipts of its invoice
    ("split_crm", 0.01),  # two or three CRM payments, one receipt
    ("two_invoices", 0.005),  # one receipt for two invoices, one CRM payment per invoice
    ("crm_twice", 0.004),  # the CRM payment entered twice with the same receipt number
    ("erp_twice", 0.003),  # the ERP receipt recorded twice (an import run twice)
)
_SHARE = np.array([s for _, s in SCENARIOS]) / sum(s for _, s in SCENARIOS)
_NAMES = [name for name, _ in SCENARIOS]
_RECEIPTS = {"crm_only": 0.0, "split_erp": 2.5, "erp_twice": 2.0}  # ERP receipts per case; else 1
#: Receipts per case, on average: how many cases make about ``n`` receipts.
_RECEIPTS_PER_CASE = float(sum(_SHARE[k] * _RECEIPTS.get(name, 1.0) for k, name in enumerate(_NAMES)))

_PREFIXES = ("FEB", "FEM", "FEC", "FV4")  # DIAN-authorized invoice prefixes
_BRANCHES = [b.name for b in BRANCHES]
_METHODS = list(PAYMENT_METHODS)
_BASE_DAY = date(2025, 1, 1)
_DAYS = [_BASE_DAY + timedelta(days=d) for d in range(-40, 420)]  # shared date objects
_HALF = Decimal("0.50")


@dataclass(frozen=True, slots=True)
class LabelledPayments:
    crm: pd.DataFrame
    erp: pd.DataFrame
    true_links: frozenset[Pair]  # (crm source_id, erp source_id), every pair of a group included
    exact_links: frozenset[Pair]  # the true links a normalized receipt-number key makes
    cufe_links: frozenset[Pair]
    invoice_links: frozenset[Pair]
    group_links: frozenset[Pair]  # every (crm, erp) pair of every group
    groups: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (crm ids, erp ids)
    amount_within: frozenset[Pair]  # linked pairs whose amounts differ within the tolerance
    amount_beyond: frozenset[Pair]  # …and beyond it: an amount_differs finding
    date_within: frozenset[Pair]
    date_beyond: frozenset[Pair]  # a date_differs finding
    crm_only: frozenset[str]
    erp_only: frozenset[str]
    crm_duplicates: frozenset[Pair]  # (crm id, its copy), both with the same receipt number
    erp_duplicates: frozenset[Pair]  # (erp id, its copy)


def _erp_receipt(number: int) -> str:
    """A receipt number as the ERP writes it: zero-padded to 8 digits, "RC-00004512"."""
    return f"RC-{number:08d}"


def _receipt_as_typed(number: int, style: int) -> str:
    """A receipt number as the sales floor typed it (style 0: as the ERP writes it).

    Every other style differs from the ERP's at every size (the ERP pads to 8 digits)."""
    if style == 1:
        return f"RC {number}"
    if style == 2:
        return f"rc-{number:08d}"
    if style == 3:
        return f"RC{number}"
    if style == 4:
        return f"RC-{number}"
    if style == 5:
        return f"  RC {number:08d} "
    if style == 6:
        return f"Rc.{number}"
    return _erp_receipt(number)


def _erp_invoice(prefix: str, number: int) -> str:
    """An invoice number as the ERP writes it: a DIAN prefix and number ("FEB-10023"), or an
    Odoo name (prefix "INV": "INV/2026/00004"; the sequence restarts each year, so the same
    sequence is in 2025 and in 2026)."""
    if prefix == "INV":
        return f"INV/{_odoo_year(number)}/{number // 8:05d}"
    return f"{prefix}-{number}"


def _odoo_year(number: int) -> int:
    return 2025 if number % 8 == 0 else 2026


def _invoice_as_typed(prefix: str, number: int, style: int) -> str:
    """An invoice number as the sales floor typed it (style 0: as the ERP writes it)."""
    if prefix == "INV":
        year, seq = _odoo_year(number), number // 8
        return (f"INV/{year}/{seq}" if style == 1 else f"inv {year} {seq:05d}" if style == 2
                else _erp_invoice(prefix, number))
    if style == 1:
        return f"{prefix}-0{number}"  # "FV4-01000" for the ERP's "FV4-1000"
    if style == 2:
        return f"{prefix.lower()} {number}"
    if style == 3 and not prefix[-1].isdigit():  # "FV41000" would read as FV-41000
        return f"{prefix}{number}"
    if style == 3:
        return f"{prefix} 0{number}"
    return _erp_invoice(prefix, number)


class _Side:
    """The columns of one system's payments, appended row by row."""

    def __init__(self) -> None:
        self.cols: dict[str, list[object]] = {c: [] for c in (
            "source_id", "receipt_number", "invoice_number", "cufe", "customer_doc", "amount",
            "paid_on", "method", "branch")}

    def add(self, sid: str, receipt: str | None, invoice: str | None, cufe: str | None,
            doc: str, amount: Decimal, paid: date, method: str, branch: str) -> None:
        c = self.cols
        c["source_id"].append(sid)
        c["receipt_number"].append(receipt)
        c["invoice_number"].append(invoice)
        c["cufe"].append(cufe)
        c["customer_doc"].append(doc)
        c["amount"].append(amount)
        c["paid_on"].append(paid)
        c["method"].append(method)
        c["branch"].append(branch)

    def frame(self, seed: int | None = None) -> pd.DataFrame:
        """A canonical payments frame (object columns, None for missing), its rows shuffled
        when given a seed."""
        n = len(self.cols["source_id"])
        fixed: dict[str, object] = {"currency": "COP", "status": "aplicado", "deal_id": None,
                                    "updated_at": None}
        df = pd.DataFrame({name: pd.Series(self.cols[name] if name in self.cols else [fixed[name]] * n,
                                           dtype=object)
                           for name in COLUMNS[Entity.PAYMENTS]})
        if seed is None:
            return df
        order = np.random.default_rng(seed).permutation(n)
        return df.take(order).reset_index(drop=True)


def _split(total: int, parts: int, cuts: list[float]) -> list[int]:
    """``total`` pesos in ``parts`` amounts rounded to thousands, the last taking the rest."""
    out = [max(1000, int(total * f) // 1000 * 1000) for f in cuts[:parts - 1]]
    return [*out, total - sum(out)]


def generate_payments(n: int, seed: int = 7) -> LabelledPayments:
    """About ``n`` ERP receipts and ``n`` CRM payments; canonical payments frames."""
    with collector_paused():  # millions of small objects, no cycles
        return _generate(n, seed)


def _generate(n: int, seed: int) -> LabelledPayments:
    draws = _draw(max(1, round(n / _RECEIPTS_PER_CASE)), seed)
    build = _Builder(seed, draws)
    for i in range(len(draws.scenario)):
        build.case(i)
    return build.labelled()


@dataclass(frozen=True, slots=True)
class _Draws:
    """Every random draw of the set, one value per case, drawn up front in one fixed order
    (the same seed gives the same set)."""

    scenario: list[int]
    receipt_style: list[int]
    invoice_style: list[int]
    amount: list[int]
    cents: list[bool]
    day: list[int]
    amount_roll: list[float]
    date_roll: list[float]
    small: list[int]
    shift: list[int]
    far: list[int]
    sign: list[int]
    off: list[float]
    parts: list[int]
    cuts: list[list[float]]
    doc: list[int]
    method: list[int]
    branch: list[int]


def _draw(cases: int, seed: int) -> _Draws:
    rng = np.random.default_rng(seed)
    scenario = rng.choice(len(SCENARIOS), size=cases, p=_SHARE).tolist()
    # Receipt styles: 30 % as the ERP writes them, the rest in six other ways.
    receipt_style = rng.choice(7, size=cases, p=[0.3, 0.2, 0.12, 0.12, 0.1, 0.08, 0.08]).tolist()
    invoice_style = rng.integers(0, 4, size=cases).tolist()
    # Amounts in pesos: an advance, a down payment, fees, accessories, the balance.
    concept = rng.choice(5, size=cases, p=[0.25, 0.2, 0.15, 0.2, 0.2])
    amount = np.select(
        [concept == 0, concept == 1, concept == 2, concept == 3],
        [rng.integers(10, 101, cases) * 100_000, rng.integers(10, 81, cases) * 1_000_000,
         rng.integers(1_150_000, 2_600_001, cases), rng.integers(180_000, 6_500_001, cases)],
        rng.integers(25, 181, cases) * 1_000_000,
    ).tolist()
    return _Draws(
        scenario=scenario, receipt_style=receipt_style, invoice_style=invoice_style,
        amount=amount,
        cents=(rng.random(cases) < 0.05).tolist(),  # card fees leave cents
        day=rng.integers(40, 405, cases).tolist(),  # index into _DAYS
        amount_roll=rng.random(cases).tolist(),
        date_roll=rng.random(cases).tolist(),
        small=rng.integers(1, 1000, cases).tolist(),  # a difference within the tolerance, pesos
        shift=rng.integers(1, DATE_WINDOW_DAYS + 1, cases).tolist(),
        far=rng.integers(DATE_WINDOW_DAYS + 2, 30, cases).tolist(),
        sign=rng.choice([-1, 1], size=cases).tolist(),
        off=rng.uniform(0.01, 0.2, cases).tolist(),  # a difference beyond it, as a share
        parts=rng.integers(2, 4, cases).tolist(),
        cuts=rng.uniform(0.15, 0.45, (cases, 2)).tolist(),
        doc=rng.integers(10_000_000, 1_199_999_999, cases).tolist(),
        method=rng.integers(0, len(_METHODS), cases).tolist(),
        branch=rng.integers(0, len(_BRANCHES), cases).tolist(),
    )


@dataclass(frozen=True, slots=True)
class _Case:
    """What every kind of case starts from: its invoice, customer, amount, day and ids."""

    i: int
    kind: str
    total: Decimal
    paid: date
    person: str
    how: str
    where: str
    erp_invoice: str
    crm_invoice: str
    cufe: str
    crm_id: str
    erp_id: str


class _Builder:
    """Both sides' payments and the labels, written case by case in the draws' order."""

    def __init__(self, seed: int, draws: _Draws) -> None:
        self.seed = seed
        self.d = draws
        self.crm, self.erp = _Side(), _Side()
        self.truth: set[Pair] = set()
        self.exact: set[Pair] = set()
        self.by_cufe: set[Pair] = set()
        self.by_invoice: set[Pair] = set()
        self.groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        self.amount_within: set[Pair] = set()
        self.amount_beyond: set[Pair] = set()
        self.date_within: set[Pair] = set()
        self.date_beyond: set[Pair] = set()
        self.crm_only: set[str] = set()
        self.erp_only: set[str] = set()
        self.crm_twice: set[Pair] = set()
        self.erp_twice: set[Pair] = set()
        self._receipt_no = 4000
        self._invoice_no = 1000

    def _next_receipt(self) -> int:
        self._receipt_no += 1
        return self._receipt_no

    def _next_invoice(self) -> tuple[str, int, str]:
        self._invoice_no += 1
        number = self._invoice_no
        prefix = "INV" if number % 8 in (0, 3) else _PREFIXES[number % len(_PREFIXES)]
        cufe = hashlib.sha384(f"{self.seed}:{prefix}{number}".encode()).hexdigest()
        return prefix, number, cufe

    def case(self, i: int) -> None:
        d = self.d
        prefix, inv, cufe = self._next_invoice()
        c = _Case(i, _NAMES[d.scenario[i]], Decimal(d.amount[i]) + (_HALF if d.cents[i] else 0),
                  _DAYS[d.day[i]], str(d.doc[i]), _METHODS[d.method[i]], _BRANCHES[d.branch[i]],
                  _erp_invoice(prefix, inv), _invoice_as_typed(prefix, inv, d.invoice_style[i]),
                  cufe, f"P{i}", f"R{i}")
        if c.kind in ("receipt", "cufe", "invoice", "crm_twice", "erp_twice"):
            self._receipted(c)
        elif c.kind == "erp_only":
            self.erp.add(c.erp_id, _erp_receipt(self._next_receipt()), c.erp_invoice, c.cufe,
                         c.person, c.total, c.paid, c.how, c.where)
            self.erp_only.add(c.erp_id)
        elif c.kind == "crm_only":
            if i % 2:  # a receipt number the cashier gave and the ERP never recorded
                self.crm.add(c.crm_id, _receipt_as_typed(self._next_receipt(), d.receipt_style[i]),
                             c.crm_invoice, None, c.person, c.total, c.paid, c.how, c.where)
            else:  # not invoiced yet: no receipt, no invoice
                self.crm.add(c.crm_id, None, None, None, c.person, c.total, c.paid, c.how, c.where)
            self.crm_only.add(c.crm_id)
        elif c.kind in ("split_erp", "split_crm"):
            self._split_sides(c)
        else:
            self._two_invoices(c)

    def _receipted(self, c: _Case) -> None:
        """One receipt the CRM payment names (by number, CUFE or invoice), maybe with an
        amount or a date apart, or entered twice on one side."""
        d, i = self.d, c.i
        number = self._next_receipt()
        self.erp.add(c.erp_id, _erp_receipt(number), c.erp_invoice, c.cufe, c.person, c.total,
                     c.paid, c.how, c.where)
        crm_amount, crm_paid = c.total, c.paid
        pair = (c.crm_id, c.erp_id)
        if c.kind == "erp_twice":
            copy = f"{c.erp_id}-bis"
            self.erp.add(copy, _erp_receipt(number), c.erp_invoice, c.cufe, c.person, c.total,
                         c.paid, c.how, c.where)
            self.erp_twice.add((c.erp_id, copy))
            self.exact.add((c.crm_id, copy))
            self.truth.add((c.crm_id, copy))
        elif c.kind != "crm_twice":
            roll = d.amount_roll[i]
            if roll < 0.03:
                crm_amount = c.total + d.sign[i] * (_HALF if d.small[i] < 100 else d.small[i])
                self.amount_within.add(pair)
            elif roll < 0.045:
                crm_amount = c.total + d.sign[i] * max(5000, int(d.amount[i] * d.off[i]) // 1000 * 1000)
                self.amount_beyond.add(pair)
            roll = d.date_roll[i]
            if roll < 0.08:
                crm_paid = _DAYS[d.day[i] + d.sign[i] * d.shift[i]]
                self.date_within.add(pair)
            elif roll < 0.09:
                crm_paid = _DAYS[d.day[i] + d.sign[i] * d.far[i]]
                self.date_beyond.add(pair)
        typed = _receipt_as_typed(number, d.receipt_style[i])
        if c.kind == "cufe":  # upper case half the time: a CUFE is hex, either case
            self.crm.add(c.crm_id, None, None, c.cufe.upper() if i % 2 else c.cufe, c.person,
                         crm_amount, crm_paid, c.how, c.where)
            self.by_cufe.add(pair)
        elif c.kind == "invoice":
            self.crm.add(c.crm_id, None, c.crm_invoice, None, c.person, crm_amount, crm_paid,
                         c.how, c.where)
            self.by_invoice.add(pair)
        else:
            self.crm.add(c.crm_id, typed, c.crm_invoice, None, c.person, crm_amount, crm_paid,
                         c.how, c.where)
            if c.kind == "crm_twice":
                copy = f"{c.crm_id}-bis"
                self.crm.add(copy, typed, c.crm_invoice, None, c.person, crm_amount, crm_paid,
                             c.how, c.where)
                self.crm_twice.add((c.crm_id, copy))
                self.exact.add((copy, c.erp_id))
                self.truth.add((copy, c.erp_id))
            self.exact.add(pair)
        self.truth.add(pair)

    def _split_sides(self, c: _Case) -> None:
        """One CRM payment for two or three receipts of its invoice (``split_erp``), or two or
        three CRM payments for one receipt (``split_crm``)."""
        d, i = self.d, c.i
        amounts = [Decimal(a) for a in _split(d.amount[i], d.parts[i], d.cuts[i])]
        amounts[-1] += _HALF if d.cents[i] else 0
        group: tuple[tuple[str, ...], tuple[str, ...]]
        many = [f"{c.crm_id if c.kind == 'split_crm' else c.erp_id}-{k}" for k in range(len(amounts))]
        days = [_DAYS[d.day[i] + 7 * k] for k in range(len(amounts))]
        if c.kind == "split_erp":  # the salesperson wrote one payment for the total
            for sid, a, paid in zip(many, amounts, days, strict=True):
                self.erp.add(sid, _erp_receipt(self._next_receipt()), c.erp_invoice, c.cufe,
                             c.person, a, paid, c.how, c.where)
            self.crm.add(c.crm_id, None, c.crm_invoice, None, c.person, c.total, days[-1], c.how,
                         c.where)
            group = ((c.crm_id,), tuple(many))
        else:  # the CRM logged the card payments that made one receipt
            self.erp.add(c.erp_id, _erp_receipt(self._next_receipt()), c.erp_invoice, c.cufe,
                         c.person, c.total, c.paid, c.how, c.where)
            for sid, a in zip(many, amounts, strict=True):
                self.crm.add(sid, None, c.crm_invoice, None, c.person, a, c.paid, c.how, c.where)
            group = (tuple(many), (c.erp_id,))
        self.groups.append(group)

    def _two_invoices(self, c: _Case) -> None:
        """One receipt paid two invoices; the CRM recorded one payment each."""
        d, i = self.d, c.i
        prefix2, inv2, _ = self._next_invoice()
        amounts = [Decimal(a) for a in _split(d.amount[i], 2, d.cuts[i])]
        amounts[-1] += _HALF if d.cents[i] else 0
        self.erp.add(c.erp_id, _erp_receipt(self._next_receipt()),
                     f"{c.erp_invoice}; {_erp_invoice(prefix2, inv2)}", None, c.person, c.total,
                     c.paid, c.how, c.where)
        typed_invoices = (c.crm_invoice, _invoice_as_typed(prefix2, inv2, d.invoice_style[i]))
        ids = (f"{c.crm_id}-0", f"{c.crm_id}-1")
        for sid, a, typed_invoice in zip(ids, amounts, typed_invoices, strict=True):
            self.crm.add(sid, None, typed_invoice, None, c.person, a, c.paid, c.how, c.where)
        self.groups.append((ids, (c.erp_id,)))

    def labelled(self) -> LabelledPayments:
        group_links = {(crm, erp) for crm_ids, erp_ids in self.groups
                       for crm in crm_ids for erp in erp_ids}
        return LabelledPayments(
            crm=self.crm.frame(), erp=self.erp.frame(seed=self.seed + 1),
            true_links=frozenset(self.truth | group_links), exact_links=frozenset(self.exact),
            cufe_links=frozenset(self.by_cufe), invoice_links=frozenset(self.by_invoice),
            group_links=frozenset(group_links), groups=tuple(self.groups),
            amount_within=frozenset(self.amount_within),
            amount_beyond=frozenset(self.amount_beyond),
            date_within=frozenset(self.date_within), date_beyond=frozenset(self.date_beyond),
            crm_only=frozenset(self.crm_only), erp_only=frozenset(self.erp_only),
            crm_duplicates=frozenset(self.crm_twice), erp_duplicates=frozenset(self.erp_twice),
        )
