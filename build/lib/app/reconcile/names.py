"""Spanish personal and company names, normalized and compared.

"JUAN P." against "Juan Pérez Gómez", "María del Pilar" against "Maria Pilar", "TRANSPORTES
GÓMEZ SAS" against "Transportes Gómez S.A.S.": accents, case, spacing and punctuation fold
away; particles (de, del, de la) and company-type suffixes (S.A.S., LTDA, S.A.) are dropped;
an initial matches the name it abbreviates; one surname may be missing; a typo is tolerated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio, token_sort_ratio

from app.domain.values import fold_word

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "van", "von"})
COMPANY_SUFFIXES = frozenset(
    {"sas", "sa", "ltda", "limitada", "cia", "compania", "eu", "bic", "sca", "scs", "zomac"}
)
_NOT_WORD = re.compile(r"[^0-9a-z\s]+")  # after folding: "&", dots, dashes, the rest
_SPACE_FOR_PUNCTUATION = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isdigit() or "a" <= c <= "z" or c.isspace())}
)


@dataclass(frozen=True, slots=True)
class NameComparison:
    level: str  # exact | close | different | missing
    reason: str | None = None  # for close: initial | missing_token | typo | order


def name_tokens(text: str | None, company: bool = False) -> tuple[str, ...]:
    """Folded tokens without punctuation or particles; "S.A.S." and "S. A. S." become "sas"."""
    if not text:
        return ()
    return _tokens(_NOT_WORD.sub(" ", fold_word(str(text))), company)


def name_tokens_many(texts: Sequence[str | None], company: Sequence[bool]) -> list[tuple[str, ...]]:
    """:func:`name_tokens` for a whole column, equal to calling it on each text.

    Folding and punctuation removal run once over the column joined by newlines, in C, rather
    than twice per name.
    """
    joined = "\n".join([t or "" for t in texts])
    if joined.count("\n") != len(texts) - 1:  # a name with a newline of its own
        return [name_tokens(t, c) for t, c in zip(texts, company, strict=True)]
    # Folded text is ASCII: what is not a letter, a digit or a space becomes a space.
    lines = fold_word(joined).translate(_SPACE_FOR_PUNCTUATION).split("\n")
    return [_tokens(line, True) if is_company else tuple([t for t in line.split() if t not in PARTICLES])
            for line, is_company in zip(lines, company, strict=True)]


def _tokens(folded: str, company: bool) -> tuple[str, ...]:
    raw = folded.split()
    if not company:
        return tuple([t for t in raw if t not in PARTICLES])
    merged: list[str] = []
    run = ""
    for t in raw:  # "s a s" (from "S. A. S.") → "sas"
        if len(t) == 1:
            run += t
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(t)
    if run:
        merged.append(run)
    return tuple(t for t in merged if t not in PARTICLES and t not in COMPANY_SUFFIXES)


def _token_match(a: str, b: str) -> str | None:
    """How two name tokens match: equal, as an initial, with a typo — or not at all."""
    if a == b:
        return "equal"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    if min(len(a), len(b)) >= 4 and (
        Levenshtein.distance(a, b) <= 1 or ratio(a, b) >= 85
    ):
        return "typo"
    return None


def compare_names(a: tuple[str, ...], b: tuple[str, ...]) -> NameComparison:
    """Compare two token tuples from :func:`name_tokens`."""
    if not a or not b:
        return NameComparison("missing")
    if a == b:
        return NameComparison("exact")
    if sorted(a) == sorted(b):
        return NameComparison("close", "order")
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # Greedy in order: first names first, as people write them.
    used = [False] * len(long_)
    kinds: list[str] = []
    for token in short:
        for j, other in enumerate(long_):
            if not used[j]:
                how = _token_match(token, other)
                if how is not None:
                    used[j] = True
                    kinds.append(how)
                    break
        else:
            break
    full_tokens = sum(1 for k in kinds if k != "initial")
    first_ok = _token_match(short[0], long_[0]) in ("equal", "typo")
    if len(kinds) == len(short) and full_tokens >= 1 and first_ok and len(short) >= 2:
        if "initial" in kinds:
            return NameComparison("close", "initial")
        if "typo" in kinds:
            return NameComparison("close", "typo")
        return NameComparison("close", "missing_token")
    if token_sort_ratio(" ".join(a), " ".join(b)) >= 92:
        return NameComparison("close", "typo")
    return NameComparison("different")
