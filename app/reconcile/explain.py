"""One Spanish sentence that says why two records were (or were not) linked.

"mismo celular y correo; el nombre difiere solo por una inicial; falta el documento en el
CRM". Built from a comparison's per-field levels, so it always says what the score used.
"""

from __future__ import annotations

from functools import lru_cache

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
    return _sentence(
        tuple(c.levels.items()), tuple(c.reasons.items()), tuple(c.missing_in.items()),
        phone_is_mobile, same_system,
    )


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
