"""The command line's language: Spanish, or English when the environment asks for it.

Every text the command line writes is marked in ``app/cli`` with
``tr_cli("context", "texto en español")`` (contexts such as ``"cli.findings"``), which returns
the English translation when the language is English and the Spanish text as is otherwise.
Placeholders are :meth:`str.format` named fields inside the marked literal —
``tr_cli("cli", "{n} hallazgos").format(n=…)`` — never an f-string: Qt's ``lupdate`` must see a
literal. A text kept in a constant is marked where it is written with ``mark_cli`` (it returns
it unchanged; lupdate sees it as ``QT_TRANSLATE_NOOP``) and translated where it is used with
:func:`tr_marked`.

The translations are Qt's: ``resources/translations/cuadre_cli_en.ts`` is the source, kept in
the repository, extracted by Qt's own lupdate (``python tools/cli_translations.py update``:
``pyside6-lupdate <the modules> -tr-function-alias translate+=tr_cli,QT_TRANSLATE_NOOP+=mark_cli``)
and translated with Qt Linguist or by hand. ``app`` never loads Qt, so the command line cannot
use a ``QTranslator``: ``python tools/cli_translations.py build`` compiles the .ts into
``cuadre_cli_en.json`` (context → Spanish source → English, finished translations only; built,
not committed) and, with ``pyside6-lrelease``, the ``.qm`` beside it. When the JSON is missing
(a fresh checkout) or older than the .ts, the .ts itself is read here with the standard
library's :mod:`xml.etree`, so the English command line works without a build step.

The language: ``CUADRE_LANG``, else ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` — the first one set
and not empty. A value beginning with ``en`` is English; anything else (``es_CO``, ``C``,
nothing) is Spanish. Money and dates keep Colombia's format in both: they are pesos.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

#: The variables that choose the language, the first one set and not empty wins.
LANGUAGE_VARIABLES = ("CUADRE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
#: The translation source and the catalog built from it, inside the ``resources`` package.
TS_NAME = "cuadre_cli_{language}.ts"
JSON_NAME = "cuadre_cli_{language}.json"

Catalog = dict[str, dict[str, str]]  # context → Spanish source → translation


def language() -> str:
    """``"en"`` when the environment asks for English, ``"es"`` otherwise."""
    for name in LANGUAGE_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def english() -> bool:
    return language() == "en"


def tr_cli(context: str, text: str) -> str:
    """``text`` (Spanish, a literal) in the command line's language."""
    return tr_marked(context, text)


def mark_cli(context: str, text: str) -> str:
    """``text`` unchanged: marks a literal kept in a constant for lupdate; translate it where
    it is used with :func:`tr_marked` and the same context."""
    del context
    return text


def tr_marked(context: str, text: str) -> str:
    """A text marked with :func:`mark_cli` (or any Spanish source) in the command line's
    language; a text without a finished translation stays Spanish."""
    if not english():
        return text
    return catalog("en").get(context, {}).get(text) or text


def _translations_dir() -> Path:
    return Path(str(resources.files("resources").joinpath("translations")))


@functools.cache
def catalog(lang: str) -> Catalog:
    """The finished translations of ``lang``: the built JSON, or the .ts read here when the
    JSON is missing or older than it. Nothing (Spanish stays) when neither can be read."""
    folder = _translations_dir()
    ts, built = folder / TS_NAME.format(language=lang), folder / JSON_NAME.format(language=lang)
    try:
        if built.is_file() and (not ts.is_file() or built.stat().st_mtime >= ts.stat().st_mtime):
            doc = json.loads(built.read_text("utf-8"))
            if isinstance(doc, dict):
                return {str(c): {str(s): str(t) for s, t in m.items()} for c, m in doc.items()}
        return read_ts(ts.read_text("utf-8"))
    except (OSError, ValueError, ET.ParseError, AttributeError):
        log.warning("the command line's %s translations could not be read", lang)
        return {}


def read_ts(text: str) -> Catalog:
    """The finished translations of a Qt ``.ts`` text: context → source → translation.
    Unfinished, obsolete and vanished messages are left out, as ``lrelease`` leaves them."""
    root = ET.fromstring(text)  # noqa: S314 - our own file, from the resources package
    out: Catalog = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type"):
                continue
            if translation.text:
                out.setdefault(name, {})[source] = translation.text
    return out
