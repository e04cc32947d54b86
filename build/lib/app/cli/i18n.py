"""The command line's language: :mod:`app.domain.i18n`, under the names ``app/cli`` uses.

Every text the command line writes is marked in ``app/cli`` with
``tr_cli("context", "texto en español")`` (contexts such as ``"cli.findings"``) and, when kept
in a constant, ``mark_cli``; translated where it is used with :func:`tr_marked`. They are the
engine's ``tr_app``/``mark_app`` under the names lupdate is told about for the command line
(``tools/cli_translations.py``); the language, the catalog and how it is read are
:mod:`app.domain.i18n`'s (see its docstring).
"""

from __future__ import annotations

from app.domain.i18n import (
    JSON_NAME,
    LANGUAGE_VARIABLES,
    TS_NAME,
    Catalog,
    catalog,
    english,
    language,
    mark_app,
    read_ts,
    set_language,
    tr_app,
    tr_marked,
)

__all__ = ["JSON_NAME", "LANGUAGE_VARIABLES", "TS_NAME", "Catalog", "catalog", "english",
           "language", "mark_cli", "read_ts", "set_language", "tr_cli", "tr_marked"]

tr_cli = tr_app
mark_cli = mark_app
