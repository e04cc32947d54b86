"""DANE's DIVIPOLA municipality codes: 5 digits as text, looked up from free-text city names.

The list ships in ``resources/divipola_municipios.csv`` (DIAN's UBL 2.1 code list). Names are
matched accent- and case-folded, with the aliases people actually type ("Bogotá D.C.",
"Cartagena de Indias", "Cali").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from app.domain.values import clean_text, fold


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    department_code: str
    department: str


# Folded alias → code. Only unambiguous, common spellings.
_ALIASES = {
    "bogota": "11001",
    "bogota d.c.": "11001",
    "bogota dc": "11001",
    "bogota, d.c.": "11001",
    "santafe de bogota": "11001",
    "santa fe de bogota": "11001",
    "cali": "76001",
    "santiago de cali": "76001",
    "cartagena": "13001",
    "cartagena de indias": "13001",
    "medellin": "05001",
    "barranquilla": "08001",
    "bucaramanga": "68001",
    "cucuta": "54001",
    "san jose de cucuta": "54001",
    "pereira": "66001",
    "manizales": "17001",
    "ibague": "73001",
    "villavicencio": "50001",
    "santa marta": "47001",
    "pasto": "52001",
    "san juan de pasto": "52001",
}


# The code list's own spelling is kept as data; these read better on screen.
_DISPLAY_NAMES = {"11001": "Bogotá D.C.", "13001": "Cartagena de Indias"}


@cache
def municipalities() -> dict[str, Municipality]:
    """All municipalities by code."""
    text = resources.files("resources").joinpath("divipola_municipios.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {
        r["codigo_municipio"]: Municipality(
            code=r["codigo_municipio"],
            name=r["municipio"],
            department_code=r["codigo_departamento"],
            department=r["departamento"],
        )
        for r in rows
    }


@cache
def _by_folded_name() -> dict[str, str | None]:
    """Folded name → code; None where two municipalities share a name (e.g. "Armenia")."""
    index: dict[str, str | None] = {}
    for m in municipalities().values():
        key = fold(m.name)
        index[key] = None if key in index else m.code
    index.update(_ALIASES)
    return index


def city_code(raw: object) -> str | None:
    """The DIVIPOLA code for a city name or code, or None when unknown or ambiguous.

    Accepts "05001", "5001" (a code that lost its leading zero in a spreadsheet), "Medellín",
    "MEDELLIN", "Medellín, Antioquia" and the aliases above.
    """
    text = clean_text(raw)
    if text is None:
        return None
    if text.isdigit() and len(text) in (4, 5):
        code = text.zfill(5)
        return code if code in municipalities() else None
    index = _by_folded_name()
    folded = fold(text)
    if folded in index:
        return index[folded]
    # "Medellín, Antioquia" / "Mosquera (Cundinamarca)": the name, then the department
    # to tell apart municipalities that share a name.
    for sep in (",", " - ", "("):
        if sep in folded:
            head, tail = (part.strip(" )") for part in folded.split(sep, 1))
            if index.get(head):
                return index[head]
            matches = [
                m.code for m in municipalities().values()
                if fold(m.name) == head and fold(m.department) == tail
            ]
            if len(matches) == 1:
                return matches[0]
    return None


def city_name(code: str | None) -> str | None:
    """Display name of a DIVIPOLA code ("11001" → "Bogotá, D.c."), None when unknown."""
    if code is None:
        return None
    m = municipalities().get(code)
    if m is None:
        return None
    return _DISPLAY_NAMES.get(code, m.name)
