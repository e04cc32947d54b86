"""Comparing two customer records field by field, and scoring the comparison.

Each field gets a level — exact, close, different or missing — as in splink; the score is a
Fellegi–Sunter sum of per-level weights (log2 Bayes factors from m and u probabilities kept in
the profile), turned into a match probability. Bands: auto, review, none, with thresholds in
the profile. Two different valid documents never link: homonyms are common in Colombia.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from app.domain.values import normalize_phone
from app.reconcile.names import NameComparison, compare_names, name_tokens

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

    def weight(self, field_name: str, level: str) -> float:
        m_u = self.mu.get(field_name, {}).get(level)
        if m_u is None:
            return 0.0
        m, u = m_u
        return math.log2(m / u)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per-field levels (and why a level is "close") for one pair of records."""

    levels: dict[str, str]
    reasons: dict[str, str]
    missing_in: dict[str, str]  # field → "crm" | "erp" | "both" where it is missing

    def documents_conflict(self) -> bool:
        return self.levels.get("doc") in ("close", "different")


@dataclass(frozen=True, slots=True)
class Scored:
    comparison: Comparison
    score: float  # match probability, 0–1
    band: str  # auto | review | none


@dataclass(frozen=True, slots=True)
class Prepared:
    """What comparisons need of a record, computed once per record."""

    source_id: str
    doc: str | None
    name: tuple[str, ...]
    phone: str | None
    email: str | None
    email_user: str | None
    city: str | None


def prepare(r: Mapping[str, Any]) -> Prepared:
    company = bool(r.get("company_name"))
    if company:
        name = name_tokens(r.get("company_name"), company=True)
    elif r.get("first_names") or r.get("last_names"):
        name = name_tokens(f"{r.get('first_names') or ''} {r.get('last_names') or ''}")
    else:
        name = name_tokens(r.get("full_name"))
    email = r.get("email") or None
    return Prepared(
        source_id=r["source_id"],
        doc=r.get("doc_number") or None,
        name=name,
        phone=normalize_phone(r.get("phone")),
        email=email,
        email_user=email.split("@", 1)[0] if email and "@" in email else None,
        city=r.get("city_code") or None,
    )


def _doc_level(a: str | None, b: str | None) -> tuple[str, str | None]:
    if not a or not b:
        return "missing", None
    if a == b:
        return "exact", None
    # One keystroke apart (a digit wrong, missing, extra, or two swapped): a typo, not a
    # different person — but still a conflict that only strong evidence can overcome.
    if DamerauLevenshtein.distance(a, b) <= 1 and min(len(a), len(b)) >= 6:
        return "close", "typo"
    return "different", None


def _email_level(a: Prepared, b: Prepared) -> tuple[str, str | None]:
    if not a.email or not b.email:
        return "missing", None
    if a.email == b.email:
        return "exact", None
    if a.email_user and a.email_user == b.email_user:
        return "close", "same_user"
    # No "looks alike" rule: juan.perez12@ and juan.perez13@ are two different people.
    return "different", None


def compare(a: Prepared, b: Prepared) -> Comparison:
    levels: dict[str, str] = {}
    reasons: dict[str, str] = {}
    missing: dict[str, str] = {}

    def put(field_name: str, level: str, reason: str | None, va: object, vb: object) -> None:
        levels[field_name] = level
        if reason:
            reasons[field_name] = reason
        if level == "missing":
            missing[field_name] = "both" if not va and not vb else ("crm" if not va else "erp")

    put("doc", *_doc_level(a.doc, b.doc), a.doc, b.doc)
    names: NameComparison = compare_names(a.name, b.name)
    put("name", names.level, names.reason, a.name, b.name)
    if not a.phone or not b.phone:
        put("phone", "missing", None, a.phone, b.phone)
    else:
        put("phone", "exact" if a.phone == b.phone else "different", None, a.phone, b.phone)
    put("email", *_email_level(a, b), a.email, b.email)
    if not a.city or not b.city:
        put("city", "missing", None, a.city, b.city)
    else:
        put("city", "exact" if a.city == b.city else "different", None, a.city, b.city)
    return Comparison(levels, reasons, missing)


def score(comparison: Comparison, settings: MatchSettings) -> Scored:
    w = settings.prior_log2_odds + sum(
        settings.weight(f, level) for f, level in comparison.levels.items()
    )
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
