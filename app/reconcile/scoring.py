"""Comparing two customer records field by field, and scoring the comparison.

Each field gets a level — exact, close, different or missing — as in splink; the score is a
Fellegi–Sunter sum of per-level weights (log2 Bayes factors from m and u probabilities kept in
the profile), turned into a match probability. Bands: auto, review, none, with thresholds in
the profile. Two different valid documents never link: homonyms are common in Colombia.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from rapidfuzz.distance import DamerauLevenshtein

from app.domain.values import normalize_phone
from app.reconcile.names import NameComparison, compare_names, name_tokens, name_tokens_many

if TYPE_CHECKING:  # frames are only named here: pandas loads where they are made
    import pandas as pd

FIELDS = ("doc", "name", "phone", "email", "city")

#: (m, u) per field and level: how often the level shows up among true matches (m) and among
#: non-matches (u). Missing is neutral (no weight).
DEFAULT_MU: dict[str, dict[str, tuple[float, float]]] = {
    "doc": {"exact": (0.95, 1e-6), "close": (0.03, 1e-4), "different": (0.02, 0.9999)},
    "name": {"exact": (0.70, 1e-3), "close": (0.25, 1e-2), "different": (0.05, 0.989)},
    "phone": {"exact": (0.80, 1e-5), "different": (0.20, 0.99999)},
    "email": {"exact": (0.75, 1e-5), "close": (0.10, 1e-3), "different": (0.15, 0.999)},
    "city": {"exact": (0.90, 0.20), "different": (0.10, 0.80)},
}


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """The matcher's part of a profile; plain data so a run can be reproduced."""

    prior_log2_odds: float = -10.0  # about 1 true match per 1,000 candidate pairs
    auto_threshold: float = 0.99
    review_threshold: float = 0.5
    mu: Mapping[str, Mapping[str, tuple[float, float]]] = field(
        default_factory=lambda: DEFAULT_MU
    )
    _weights: dict[tuple[str, str], float] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    @property
    def review_log2_odds(self) -> float:
        """The review threshold as log2 odds, the scale weights add up on."""
        p = min(max(self.review_threshold, 1e-12), 1 - 1e-12)
        return math.log2(p / (1 - p))

    def weight(self, field_name: str, level: str) -> float:
        return self.weights().get((field_name, level), 0.0)

    def __post_init__(self) -> None:
        table = {
            (f, level): math.log2(m / u)
            for f, levels in self.mu.items() for level, (m, u) in levels.items()
        }
        object.__setattr__(self, "_weights", table)

    def weights(self) -> dict[tuple[str, str], float]:
        """log2(m/u) per (field, level), computed once when the settings are made."""
        return self._weights


# The three types below are made hundreds of thousands of times per run: NamedTuples build
# several times faster than frozen dataclasses, and are just as immutable.
class Comparison(NamedTuple):
    """Per-field levels (and why a level is "close") for one pair of records."""

    levels: dict[str, str]
    reasons: dict[str, str]
    missing_in: dict[str, str]  # field → "crm" | "erp" | "both" where it is missing

    def documents_conflict(self) -> bool:
        return self.levels.get("doc") in ("close", "different")


class Scored(NamedTuple):
    comparison: Comparison
    score: float  # match probability, 0–1
    band: str  # auto | review | none


class Prepared(NamedTuple):
    """What comparisons need of a record, computed once per record."""

    source_id: str
    doc: str | None
    name: tuple[str, ...]
    phone: str | None
    email: str | None
    email_user: str | None
    city: str | None


def _prepared(sid: str, doc: str | None, first: str | None, last: str | None,
              company: str | None, full: str | None, phone: Any, email: str | None,
              city: str | None) -> Prepared:
    if company:
        name = name_tokens(company, company=True)
    elif first or last:
        name = name_tokens(f"{first or ''} {last or ''}")
    else:
        name = name_tokens(full)
    # Connectors already write valid phones as their 10 digits.
    if not (isinstance(phone, str) and len(phone) == 10 and phone.isdigit() and phone[0] in "36"):
        phone = normalize_phone(phone)
    email = email or None
    return Prepared(sid, doc or None, name, phone, email,
                    email.split("@", 1)[0] if email and "@" in email else None, city or None)


_FIELDS = ("source_id", "doc_number", "first_names", "last_names", "company_name", "full_name",
           "phone", "email", "city_code")


def prepare(r: Mapping[str, Any]) -> Prepared:
    """What matching needs of one canonical customer record."""
    return _prepared(r["source_id"], *(r.get(f) for f in _FIELDS[1:]))


#: The last frames prepared, by ``id`` (with a weak reference, so a reused id is not taken
#: for the frame): an incremental run (``app.reconcile.delta``) reuses what the comparison of
#: the whole frame computed instead of preparing 100,000 records again.
_PREPARED: dict[int, tuple[weakref.ref[pd.DataFrame], list[Prepared]]] = {}


def prepared_before(df: pd.DataFrame) -> list[Prepared] | None:
    """What :func:`prepare_frame` returned for this very frame, if it was among the last."""
    kept = _PREPARED.get(id(df))
    return kept[1] if kept is not None and kept[0]() is df else None


def prepare_frame(df: pd.DataFrame) -> list[Prepared]:
    """:func:`prepare` for every row of a canonical customer frame, column by column."""
    out = _prepare_frame(df)
    while len(_PREPARED) >= 4:
        del _PREPARED[next(iter(_PREPARED))]
    try:
        _PREPARED[id(df)] = (weakref.ref(df), out)
    except TypeError:  # not weakly referable: nothing kept
        pass
    return out


def _prepare_frame(df: pd.DataFrame) -> list[Prepared]:
    n = len(df)
    ids, docs, first, last, company, full, phones, emails, cities = (
        _values(df[f]) if f in df.columns else [None] * n for f in _FIELDS
    )
    texts = [c if c else (f"{a or ''} {b or ''}" if a or b else t)
             for a, b, c, t in zip(first, last, company, full, strict=True)]
    names = name_tokens_many(texts, [bool(c) for c in company])
    # One pass builds every record (each pass over a million records costs its memory
    # traffic). Connectors already write valid phones as their 10 digits; the rest is
    # normalized here.
    return [
        Prepared(sid, d or None, name,
                 p if p.__class__ is str and len(p) == 10 and p.isdigit() and p[0] in "36"
                 else (normalize_phone(p) if p else None),
                 e or None, e.split("@", 1)[0] if e and "@" in e else None, c or None)
        for sid, d, name, p, e, c in zip(ids, docs, names, phones, emails, cities, strict=True)
    ]


def _values(column: pd.Series) -> list[Any]:
    """A column's cells with None for what is missing (a typed column holds NaN instead)."""
    if column.dtype != object:
        column = column.astype(object).where(column.notna(), None)
    return column.tolist()


def documents_differ(a: str | None, b: str | None) -> bool:
    """Both present and more than one keystroke apart: two different people, whatever else."""
    if not a or not b or a == b:
        return False
    return min(len(a), len(b)) < 6 or DamerauLevenshtein.distance(a, b, score_cutoff=1) > 1


def _missing(va: object, vb: object) -> str:
    return "both" if not va and not vb else ("crm" if not va else "erp")


def compare(a: Prepared, b: Prepared) -> Comparison:
    """Per-field levels for a pair; on the hot path of matching, so written out plainly."""
    levels: dict[str, str] = {}
    reasons: dict[str, str] = {}
    missing: dict[str, str] = {}
    if not a.doc or not b.doc:
        levels["doc"] = "missing"
        missing["doc"] = _missing(a.doc, b.doc)
    elif a.doc == b.doc:
        levels["doc"] = "exact"
    elif documents_differ(a.doc, b.doc):
        levels["doc"] = "different"
    else:
        # One keystroke apart (a digit wrong, missing, extra, or two swapped): a typo, not
        # a different person — but a conflict only strong evidence can overcome.
        levels["doc"] = "close"
        reasons["doc"] = "typo"
    if a.name and a.name == b.name:
        levels["name"] = "exact"
    else:
        names: NameComparison = compare_names(a.name, b.name)
        levels["name"] = names.level
        if names.reason:
            reasons["name"] = names.reason
        if names.level == "missing":
            missing["name"] = _missing(a.name, b.name)
    if not a.phone or not b.phone:
        levels["phone"] = "missing"
        missing["phone"] = _missing(a.phone, b.phone)
    else:
        levels["phone"] = "exact" if a.phone == b.phone else "different"
    if not a.email or not b.email:
        levels["email"] = "missing"
        missing["email"] = _missing(a.email, b.email)
    elif a.email == b.email:
        levels["email"] = "exact"
    elif a.email_user and a.email_user == b.email_user:
        levels["email"] = "close"
        reasons["email"] = "same_user"
    else:
        # No "looks alike" rule: juan.perez12@ and juan.perez13@ are two different people.
        levels["email"] = "different"
    if not a.city or not b.city:
        levels["city"] = "missing"
        missing["city"] = _missing(a.city, b.city)
    else:
        levels["city"] = "exact" if a.city == b.city else "different"
    return Comparison(levels, reasons, missing)


def score(comparison: Comparison, settings: MatchSettings) -> Scored:
    weights = settings.weights()
    w = settings.prior_log2_odds
    for f, level in comparison.levels.items():
        w += weights.get((f, level), 0.0)
    probability = 1.0 / (1.0 + 2.0 ** (-w)) if w > -60 else 0.0
    if comparison.levels.get("doc") == "different":
        band = "none"  # two different documents: never the same person
    elif probability >= settings.auto_threshold and not comparison.documents_conflict():
        band = "auto"
    elif probability >= settings.auto_threshold:
        band = "review"  # documents one keystroke apart: strong evidence, a person decides
    elif probability >= settings.review_threshold and not comparison.documents_conflict():
        band = "review"
    else:
        band = "none"
    return Scored(comparison, round(probability, 4), band)
