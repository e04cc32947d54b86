"""The language of the engine's sentences and of the command line: Spanish, or English when the
environment asks for it or the program sets it.

Every sentence ``app`` gives a person — an error it raises, a summary line, a reason, a zone's
name — is written in Spanish and marked with ``tr_app("app.<package>", "texto en español")``,
which returns the English translation when the language is English and the Spanish text as is
otherwise (the command line marks its own with ``tr_cli``, :mod:`app.cli.i18n`, the same
function under the name its modules use; contexts ``"cli.*"``). Placeholders are
:meth:`str.format` named fields inside the marked literal —
``tr_app("app.findings", "{n} hallazgos").format(n=…)`` — never an f-string: Qt's ``lupdate``
must see a literal. A text kept in a constant is marked where it is written with ``mark_app``
(it returns it unchanged; lupdate sees it as ``QT_TRANSLATE_NOOP``) and translated where it is
used with :func:`tr_marked`. Codes, column keys, JSON fields and log messages (logs stay
English) are never marked.

The translations are Qt's: ``resources/translations/cuadre_cli_en.ts`` is the source, kept in
the repository, extracted by Qt's own lupdate (``python tools/cli_translations.py update``:
``pyside6-lupdate <the modules> -tr-function-alias
translate+=tr_cli,translate+=tr_app,QT_TRANSLATE_NOOP+=mark_cli,QT_TRANSLATE_NOOP+=mark_app``)
and translated with Qt Linguist or by hand. ``app`` never loads Qt, so it cannot use a
``QTranslator``: ``python tools/cli_translations.py build`` compiles the .ts into
``cuadre_cli_en.json`` (context → Spanish source → English, finished translations only; built,
not committed) and, with ``pyside6-lrelease``, the ``.qm`` beside it. When the JSON is missing
(a fresh checkout) or older than the .ts, the .ts itself is read here with the standard
library's :mod:`xml.etree`, so English works without a build step.

The language: what the program set with :func:`set_language` (the window, when its menu
changes), else the environment: ``CUADRE_LANG``, else ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` —
the first one set and not empty. A value beginning with ``en`` is English; anything else
(``es_CO``, ``C``, nothing) is Spanish. Money and dates keep Colombia's format in both: they
are pesos.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

#: The variables that choose the language, the first one set and not empty wins.
LANGUAGE_VARIABLES = ("CUADRE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
#: The languages there are: Spanish (the source) and English.
LANGUAGES = ("es", "en")
#: The translation source and the catalog built from it, inside the ``resources`` package.
TS_NAME = "cuadre_cli_{language}.ts"
JSON_NAME = "cuadre_cli_{language}.json"

Catalog = dict[str, dict[str, str]]  # context → Spanish source → translation

_chosen: list[str] = []  # what set_language chose; empty: the environment decides
_this_thread = threading.local()  # ``lang``: what :func:`speaking` holds on this thread


def set_language(lang: str | None) -> None:
    """Speak ``lang`` (``"es"`` or ``"en"``) from now on, whatever the environment says; with
    ``None``, the environment chooses again. The window calls it when its menu changes."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    _chosen.clear()
    if lang is not None:
        _chosen.append(lang)


def environment_language() -> str:
    """``"en"`` when the environment asks for English, ``"es"`` otherwise."""
    for name in LANGUAGE_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def language() -> str:
    """``"en"`` or ``"es"``: what :func:`speaking` holds on this thread, else what the program
    set, else what the environment asks for."""
    held = getattr(_this_thread, "lang", None)
    if held is not None:
        return str(held)
    return _chosen[0] if _chosen else environment_language()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` on this thread only while the block runs: a document made for the
    dealership (the manager's PDF, its workbook) is Spanish whatever the window speaks, even
    while the window, on another thread, goes on in English."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    before = getattr(_this_thread, "lang", None)
    _this_thread.lang = lang
    try:
        yield
    finally:
        _this_thread.lang = before


def english() -> bool:
    return language() == "en"


def tr_app(context: str, text: str) -> str:
    """``text`` (Spanish, a literal) in the current language."""
    return tr_marked(context, text)


def mark_app(context: str, text: str) -> str:
    """``text`` unchanged: marks a literal kept in a constant for lupdate; translate it where
    it is used with :func:`tr_marked` and the same context."""
    del context
    return text


def tr_marked(context: str, text: str) -> str:
    """A text marked with :func:`mark_app` (or any Spanish source) in the current language; a
    text without a finished translation stays Spanish."""
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
        log.warning("the %s translations could not be read", lang)
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
