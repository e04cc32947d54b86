"""The translations of the command line and of the engine's sentences:
``resources/translations/cuadre_cli_<lang>.ts`` (committed) and what is built from it (not
committed): ``cuadre_cli_<lang>.json``, which ``app`` reads (:mod:`app.domain.i18n`: ``app``
never loads Qt, so no ``QTranslator``), and the ``.qm`` that ``lrelease`` makes of it, for Qt
Linguist or a window that wants the same texts.

    python tools/cli_translations.py update   # the .ts from app, keeping every translation
    python tools/cli_translations.py build    # .ts → .json (and .qm with pyside6-lrelease)
    python tools/cli_translations.py check    # exit 1 when a message is new, gone or unfinished

``update`` runs Qt's own lupdate over every module of ``app`` (``app/cli``'s texts, contexts
``cli.*``, and the engine's, contexts ``app.<package>``), with the marks as aliases of Qt's —
``tr_cli``/``tr_app("context", "texto")`` are ``translate``, ``mark_cli``/``mark_app("context",
"texto")`` are ``QT_TRANSLATE_NOOP`` (the context must be a literal too) — into a scratch
file; adds the context ``"labels"``, written from the Spanish tables of :mod:`app.domain.labels` (entity,
field, kind, state and role names; lupdate cannot see dictionary values), whose translations
are taken, when the .ts has none yet, from the window's ``cuadre_<lang>.ts`` (the same words in
both); and merges the translations already in the .ts: a message keeps its translation while
its context and source stand, a message no source holds any more goes, a new one is
``unfinished``. The command line also builds the JSON itself from the .ts when it is missing,
so a fresh checkout speaks English without this step; ``build`` makes it faster and checks it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
#: The languages the command line is translated to (Spanish is the source language).
LANGUAGES = ("en",)
#: The command line's marks, as lupdate's ``-tr-function-alias`` names them.
ALIASES = ("translate+=tr_cli,translate+=tr_app,QT_TRANSLATE_NOOP+=mark_cli,"
           "QT_TRANSLATE_NOOP+=mark_app")
LABELS_CONTEXT = "labels"
#: The tables of :mod:`app.domain.labels` whose values the command line shows.
LABEL_TABLES = ("ENTITY_LABELS", "ENTITY_WORDS", "KIND_LABELS", "APART_LABELS", "FIELD_LABELS",
                "FOLLOWUP_LABELS", "STATUS_LABELS", "STAGE_LABELS", "CORRECTION_STATE_LABELS",
                "CORRECTION_STATE_WORDS", "OUTBOX_STATE_WORDS", "OUTBOX_STATE_PLURALS",
                "FOLLOWUP_STATE_WORDS", "ROLE_LABELS", "ROLE_VERBS", "DETAIL_LABELS",
                "FINDING_STATE_LABELS", "FINDING_STATE_WORDS", "FINDING_REASON_LABELS",
                "FINDING_REASON_WORDS", "CANDIDATE_HINT_LABELS", "PERIOD_STATE_LABELS",
                "FINDING_ACTION_NAMES")
#: Tables of other modules whose values the command line (and the audit's export) shows.
OTHER_LABEL_TABLES = {"app.audit.query": ("ACTION_NAMES",)}
_FIELD = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}")

Catalog = dict[str, dict[str, str | None]]  # context → source → translation (None: unfinished)


def ts_path(language: str) -> Path:
    return TS_DIR / f"cuadre_cli_{language}.ts"


def json_path(language: str) -> Path:
    return TS_DIR / f"cuadre_cli_{language}.json"


def qm_path(language: str) -> Path:
    return TS_DIR / f"cuadre_cli_{language}.qm"


def cli_sources() -> list[Path]:
    """Every module of ``app``: the command line's (``tr_cli``) and the engine's (``tr_app``);
    a module without marks adds nothing."""
    return sorted((ROOT / "app").rglob("*.py"))


def _qt_tool(name: str) -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    exe = folder / (f"{name}.exe" if sys.platform == "win32" else name)
    if not exe.is_file():
        raise SystemExit(f"cli_translations: falta {name} de Qt ({exe}); instale PySide6")
    return exe


def read_ts(path: Path) -> Catalog:
    """Every message of a .ts: its translation, or None when unfinished (obsolete and vanished
    messages are left out)."""
    catalog: Catalog = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        messages = catalog.setdefault(context.findtext("name") or "", {})
        for node in context.iter("message"):
            translation = node.find("translation")
            kind = None if translation is None else translation.get("type")
            if kind in ("obsolete", "vanished"):
                continue
            text = None if translation is None or kind else translation.text
            messages[node.findtext("source") or ""] = text or None
    return catalog


def lupdate_catalog(sources: list[Path] | None = None) -> Catalog:
    """What Qt's lupdate finds in ``sources`` (all of app by default), every message
    unfinished."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "scratch.ts"
        subprocess.run(  # noqa: S603 - Qt's own tool, our own files
            [str(_qt_tool("lupdate")), "-silent", "-locations", "none", "-no-obsolete",
             "-tr-function-alias", ALIASES, *map(str, sources or cli_sources()),
             "-ts", str(scratch)],
            check=True, cwd=ROOT,
        )
        found = read_ts(scratch)
    return {name: dict.fromkeys(messages) for name, messages in found.items()}


def label_texts() -> list[str]:
    """Every Spanish name in :data:`LABEL_TABLES`, in their order, once each."""
    sys.path.insert(0, str(ROOT))
    try:
        import importlib

        from app.domain import labels
        tables = [getattr(labels, name) for name in LABEL_TABLES]
        tables += [getattr(importlib.import_module(module), name)
                   for module, names in OTHER_LABEL_TABLES.items() for name in names]
    finally:
        sys.path.remove(str(ROOT))
    texts: dict[str, None] = {}
    for table in tables:
        for value in table.values():
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str) and text.strip():
                    texts.setdefault(text, None)
    return list(texts)


def source_catalog() -> Catalog:
    """Every message the command line may translate: lupdate's, then the labels'."""
    catalog = lupdate_catalog()
    catalog[LABELS_CONTEXT] = dict.fromkeys(label_texts())
    return catalog


def merged(sources: Catalog, kept: Catalog, window: Catalog) -> Catalog:
    """``sources`` with the translations ``kept`` has for the same context and source; a label
    without one takes the window's."""
    out: Catalog = {}
    for name in sorted(sources):
        out[name] = {}
        for source in sources[name]:
            text = kept.get(name, {}).get(source)
            if text is None and name == LABELS_CONTEXT:
                text = window.get(LABELS_CONTEXT, {}).get(source)
            out[name][source] = text
    return out


def _quoted(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def write_ts(path: Path, catalog: Catalog, language: str) -> None:
    """``catalog`` as lupdate writes a .ts (Qt Linguist opens it; lupdate merges into it)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="es">']
    for name, messages in catalog.items():
        lines += ["<context>", f"    <name>{_quoted(name)}</name>"]
        for source, text in messages.items():
            lines += ["    <message>", f"        <source>{_quoted(source)}</source>",
                      f"        <translation>{_quoted(text)}</translation>" if text is not None
                      else '        <translation type="unfinished"></translation>',
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fields(text: str) -> list[str]:
    """The :meth:`str.format` fields of ``text``, sorted (``{{`` is a brace, not a field)."""
    return sorted(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def problems(language: str) -> list[str]:
    """What is new, gone, unfinished or badly translated in the .ts of ``language``."""
    found, kept = source_catalog(), read_ts(ts_path(language))
    out = []
    for name, messages in found.items():
        for source in messages:
            if source not in kept.get(name, {}):
                out.append(f"nuevo, sin la .ts: [{name}] {source!r}")
            elif kept[name][source] is None:
                out.append(f"sin traducir: [{name}] {source!r}")
            elif name != LABELS_CONTEXT and fields(source) != fields(kept[name][source] or ""):
                out.append(f"la traducción no tiene los mismos campos: [{name}] {source!r}")
    out += [f"ya no está en el código: [{name}] {source!r}" for name, messages in kept.items()
            for source in messages if source not in found.get(name, {})]
    return out


def update() -> None:
    for language in LANGUAGES:
        path = ts_path(language)
        kept = read_ts(path) if path.is_file() else {}
        window_ts = TS_DIR / f"cuadre_{language}.ts"
        window = read_ts(window_ts) if window_ts.is_file() else {}
        catalog = merged(source_catalog(), kept, window)
        write_ts(path, catalog, language)
        left = sum(t is None for m in catalog.values() for t in m.values())
        total = sum(len(m) for m in catalog.values())
        print(f"{path.relative_to(ROOT)}: {total} mensajes, {left} sin traducir")


def build() -> None:
    for language in LANGUAGES:
        finished = {name: {s: t for s, t in messages.items() if t is not None}
                    for name, messages in read_ts(ts_path(language)).items()}
        target = json_path(language)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps({n: m for n, m in finished.items() if m}, ensure_ascii=False,
                                  indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(target)
        subprocess.run(  # noqa: S603 - Qt's own tool, our own files
            [str(_qt_tool("lrelease")), "-silent", str(ts_path(language)), "-qm",
             str(qm_path(language))], check=True, cwd=ROOT)
        print(f"{target}, {qm_path(language)}")


def check() -> int:
    found = [f"{language}: {p}" for language in LANGUAGES for p in problems(language)]
    for line in found:
        print(line)
    return 1 if found else 0


def main(argv: list[str]) -> int:
    actions = {"update": update, "build": build}
    if len(argv) != 1 or argv[0] not in (*actions, "check"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if argv[0] == "check":
        return check()
    actions[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
