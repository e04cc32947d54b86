"""One sentence that says why two records were (or were not) linked.

"mismo celular y correo; el nombre difiere solo por una inicial; falta el documento en el
CRM". Built from a comparison's per-field levels, so it always says what the score used; in
the language spoken when the reconciliation runs (:mod:`app.domain.i18n`: "same mobile and
e-mail; the name differs only by an initial; document missing in the CRM" in English). It is
the report's text for people — never stored in the workspace, the audit or a system.
"""

from __future__ import annotations

from functools import lru_cache

from app.domain.i18n import language
from app.reconcile.scoring import Comparison

_NOUN = {
    "doc": ("documento", "m"), "name": ("nombre", "m"), "phone": ("celular", "m"),
    "email": ("correo", "m"), "city": ("ciudad", "f"),
}
_CLOSE = {
    ("name", "initial"): "el nombre difiere solo por una inicial",
    ("name", "missing_token"): "a un nombre le falta un apellido o un nombre",
    ("name", "typo"): "el nombre difiere por un error de digitación",
    ("name", "order"): "el nombre tiene las mismas palabras en otro orden",
    ("doc", "typo"): "los documentos difieren en un dígito (posible error de digitación)",
    ("email", "same_user"): "el correo tiene el mismo usuario en otro dominio",
    ("email", "typo"): "el correo difiere por un error de digitación",
}
_SYSTEM = {"crm": "en el CRM", "erp": "en el ERP", "both": "en ambos sistemas"}


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " y " + words[-1]


def explain(c: Comparison, phone_is_mobile: bool = True, same_system: bool = False) -> str:
    """The sentence for ``c``; ``same_system`` when both records come from one system."""
    # Most pairs fall into a handful of patterns: build each sentence once.
    levels, reasons, missing = (tuple(c.levels.items()), tuple(c.reasons.items()),
                                tuple(c.missing_in.items()))
    if language() == "en":
        return _sentence_en(levels, reasons, missing, phone_is_mobile, same_system)
    return _sentence(levels, reasons, missing, phone_is_mobile, same_system)


@lru_cache(maxsize=4096)
def _sentence(
    levels_items: tuple[tuple[str, str], ...], reasons_items: tuple[tuple[str, str], ...],
    missing_items: tuple[tuple[str, str], ...], phone_is_mobile: bool, same_system: bool,
) -> str:
    c = Comparison(dict(levels_items), dict(reasons_items), dict(missing_items))
    nouns = dict(_NOUN)
    if not phone_is_mobile:
        nouns["phone"] = ("teléfono", "m")
    order = ("doc", "phone", "email", "name", "city")
    same = [f for f in order if c.levels.get(f) == "exact"]
    parts: list[str] = []
    if same:
        first_gender = nouns[same[0]][1]
        parts.append(("misma " if first_gender == "f" else "mismo ") + _join([nouns[f][0] for f in same]))
    for f in order:
        level = c.levels.get(f)
        if level == "close":
            parts.append(_CLOSE.get((f, c.reasons.get(f, "")), f"el {nouns[f][0]} es parecido"))
        elif level == "different":
            noun, gender = nouns[f]
            article, ending = ("la", "a") if gender == "f" else ("el", "o")
            parts.append(f"{article} {noun} es distint{ending}")
    missing = [(f, c.missing_in[f]) for f in order if c.levels.get(f) == "missing"]
    places = (
        {"crm": "en un registro", "erp": "en un registro", "both": "en ambos registros"}
        if same_system else _SYSTEM
    )
    for where in ("crm", "erp", "both"):
        fields = [nouns[f][0] for f, w in missing if w == where]
        if fields:
            parts.append(f"falta {_join(fields)} {places[where]}")
    return "; ".join(parts) if parts else "sin datos para comparar"


_NOUN_EN = {"doc": "document", "name": "name", "phone": "mobile", "email": "e-mail", "city": "city"}
_CLOSE_EN = {
    ("name", "initial"): "the name differs only by an initial",
    ("name", "missing_token"): "one name lacks a surname or a given name",
    ("name", "typo"): "the name differs by a typing error",
    ("name", "order"): "the name has the same words in another order",
    ("doc", "typo"): "the documents differ in one digit (possible typing error)",
    ("email", "same_user"): "the e-mail has the same user at another domain",
    ("email", "typo"): "the e-mail differs by a typing error",
}
_SYSTEM_EN = {"crm": "in the CRM", "erp": "in the ERP", "both": "in both systems"}


def _join_en(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@lru_cache(maxsize=4096)
def _sentence_en(
    levels_items: tuple[tuple[str, str], ...], reasons_items: tuple[tuple[str, str], ...],
    missing_items: tuple[tuple[str, str], ...], phone_is_mobile: bool, same_system: bool,
) -> str:
    """The English sentence: the same parts, in the same order, as :func:`_sentence`."""
    c = Comparison(dict(levels_items), dict(reasons_items), dict(missing_items))
    nouns = dict(_NOUN_EN)
    if not phone_is_mobile:
        nouns["phone"] = "phone"
    order = ("doc", "phone", "email", "name", "city")
    same = [f for f in order if c.levels.get(f) == "exact"]
    parts: list[str] = []
    if same:
        parts.append("same " + _join_en([nouns[f] for f in same]))
    for f in order:
        level = c.levels.get(f)
        if level == "close":
            parts.append(_CLOSE_EN.get((f, c.reasons.get(f, "")), f"the {nouns[f]} is similar"))
        elif level == "different":
            parts.append(f"the {nouns[f]} differs")
    missing = [(f, c.missing_in[f]) for f in order if c.levels.get(f) == "missing"]
    places = (
        {"crm": "in one record", "erp": "in one record", "both": "in both records"}
        if same_system else _SYSTEM_EN
    )
    for where in ("crm", "erp", "both"):
        fields = [nouns[f] for f, w in missing if w == where]
        if fields:
            parts.append(f"{_join_en(fields)} missing {places[where]}")
    return "; ".join(parts) if parts else "no data to compare"
