"""The window's translations: ``resources/translations/cuadre_<lang>.ts`` (committed) and the
``.qm`` files Qt loads (built, not committed).

    python tools/translations.py update   # the .ts from the sources, keeping every translation
    python tools/translations.py build    # lrelease: each cuadre_<lang>.ts → cuadre_<lang>.qm
                                          # (only when missing or older than its .ts; --force)
    python tools/translations.py check    # what is left to translate (exit 1 when anything is)

``update`` runs Qt's ``lupdate`` over every module of ``ui/`` into a scratch file, renames the
contexts of the window's module-level helpers to the one they translate with at run time
(``fmt.tr``/``tr`` in ``ui/common`` → ``"ui"``), adds the context ``"labels"``, written from
the Spanish tables of :mod:`app.domain.labels` (entity, field, kind, state, role… names) and
the audit's action names (``app.audit.query.ACTION_NAMES``), which the window passes through
``QCoreApplication.translate("labels", …)``; lupdate cannot see them, so ``-no-obsolete``
would otherwise drop them), and merges the translations already in the .ts:
a message keeps its translation while its context and source text stand; a message no source
holds any more goes (as lupdate's ``-no-obsolete``). New messages are ``unfinished``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
#: The languages the window is translated to (Spanish is the source language).
LANGUAGES = ("en",)
#: Contexts lupdate gives calls of the module-level helpers, and the one they translate with:
#: ``tr("…")`` inside ``ui/common/formatting.py`` or ``ui/common/tasks.py`` (no class: ""),
#: ``fmt.tr("…")`` / ``formatting.tr("…")`` elsewhere.
CONTEXT_ALIASES = {"": "ui", "fmt": "ui", "formatting": "ui"}
#: Qt's own texts named in ui/ (the self-test reads qtbase's «Cancel»): not Cuadre's to translate.
FOREIGN_CONTEXTS = frozenset({"QPlatformTheme"})
LABELS_CONTEXT = "labels"
#: Where the engine's Spanish names live: a module and its tables (None: every UPPER_CASE
#: dict in it). The window shows each through ``fmt.tr_label``.
LABEL_TABLES: dict[str, tuple[str, ...] | None] = {
    "app.domain.labels": None,
    "app.audit.query": ("ACTION_NAMES",),
}


@dataclass
class Message:
    source: str
    comment: str = ""
    numerus: bool = False
    translations: list[str] = field(default_factory=list)  # one, or one per plural form
    finished: bool = False

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.source, self.comment, self.numerus)


Catalog = dict[str, dict[tuple[str, str, bool], Message]]  # context → key → message


def ts_path(language: str) -> Path:
    return TS_DIR / f"cuadre_{language}.ts"


def qm_path(language: str) -> Path:
    return TS_DIR / f"cuadre_{language}.qm"


def _qt_tool(name: str) -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    exe = folder / (f"{name}.exe" if sys.platform == "win32" else name)
    if not exe.is_file():
        raise SystemExit(f"translations: falta {name} de Qt ({exe}); instale PySide6")
    return exe


def ui_sources() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def read_ts(path: Path) -> Catalog:
    catalog: Catalog = {}
    root = ET.parse(path).getroot()  # noqa: S314 (the project's own .ts, or lupdate's)
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        messages = catalog.setdefault(name, {})
        for node in context.iter("message"):
            translation = node.find("translation")
            forms: list[str] = []
            kind = None
            if translation is not None:
                kind = translation.get("type")
                numerus = translation.findall("numerusform")
                forms = [f.text or "" for f in numerus] if numerus else [translation.text or ""]
            message = Message(
                source=node.findtext("source") or "",
                comment=node.findtext("comment") or "",
                numerus=node.get("numerus") == "yes",
                translations=forms,
                finished=kind is None and any(forms),
            )
            messages.setdefault(message.key, message)
    return catalog


def lupdate_catalog() -> Catalog:
    """What lupdate finds in ui/ now, its contexts as the window translates them."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "scratch.ts"
        subprocess.run(  # noqa: S603 (Qt's lupdate from PySide6, on ui/'s files)
            [str(_qt_tool("lupdate")), "-silent", "-locations", "none", "-no-obsolete",
             "-target-language", LANGUAGES[0], *map(str, ui_sources()), "-ts", str(scratch)],
            check=True, cwd=ROOT,
        )
        found = read_ts(scratch)
    catalog: Catalog = {}
    for name, messages in found.items():
        if name in FOREIGN_CONTEXTS:
            continue
        target = catalog.setdefault(CONTEXT_ALIASES.get(name, name), {})
        for key, message in messages.items():
            target.setdefault(key, Message(message.source, message.comment, message.numerus))
    return catalog


def label_texts() -> list[str]:
    """Every Spanish name in :data:`LABEL_TABLES`, in their order, once each."""
    import importlib

    sys.path.insert(0, str(ROOT))
    try:
        modules = {name: importlib.import_module(name) for name in LABEL_TABLES}
    finally:
        sys.path.remove(str(ROOT))
    texts: dict[str, None] = {}
    for module_name, wanted in LABEL_TABLES.items():
        for name, table in vars(modules[module_name]).items():
            if not (name.isupper() and isinstance(table, dict)):
                continue
            if wanted is not None and name not in wanted:
                continue
            for value in table.values():
                for text in value if isinstance(value, tuple) else (value,):
                    if isinstance(text, str) and text.strip():
                        texts.setdefault(text, None)
    return list(texts)


def source_catalog() -> Catalog:
    """Every message the window may translate: lupdate's, then the labels'."""
    catalog = lupdate_catalog()
    labels = catalog.setdefault(LABELS_CONTEXT, {})
    for text in label_texts():
        message = Message(text)
        labels.setdefault(message.key, message)
    return catalog


def merge(sources: Catalog, existing: Catalog) -> Catalog:
    """``sources`` with the translations ``existing`` has for the same context and text."""
    merged: Catalog = {}
    for name, messages in sources.items():
        old = existing.get(name, {})
        merged[name] = {}
        for key, message in messages.items():
            known = old.get(key)
            if known is not None:
                message = Message(message.source, message.comment, message.numerus,
                                  list(known.translations), known.finished)
            merged[name][key] = message
    return merged


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def write_ts(path: Path, language: str, catalog: Catalog) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="es_CO">']
    for name in sorted(catalog):
        lines += ["<context>", f"    <name>{_escape(name)}</name>"]
        for message in catalog[name].values():
            numerus = ' numerus="yes"' if message.numerus else ""
            lines.append(f"    <message{numerus}>")
            lines.append(f"        <source>{_escape(message.source)}</source>")
            if message.comment:
                lines.append(f"        <comment>{_escape(message.comment)}</comment>")
            kind = "" if message.finished else ' type="unfinished"'
            forms = message.translations or [""]
            if message.numerus:
                lines.append(f"        <translation{kind}>")
                lines += [f"            <numerusform>{_escape(f)}</numerusform>" for f in forms]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{kind}>{_escape(forms[0])}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def update() -> None:
    sources = source_catalog()
    for language in LANGUAGES:
        path = ts_path(language)
        existing = read_ts(path) if path.exists() else {}
        merged = merge(sources, existing)
        write_ts(path, language, merged)
        left = sum(not m.finished for messages in merged.values() for m in messages.values())
        total = sum(len(messages) for messages in merged.values())
        print(f"{path.relative_to(ROOT)}: {total} mensajes, {left} sin traducir")


def build(force: bool = False) -> list[Path]:
    """Each cuadre_<lang>.ts compiled to its .qm (lrelease) when the .qm is missing or older
    than the .ts (always with ``force``); the files written. Up-to-date files are left alone,
    so a build reading them (PyInstaller) never sees one half rewritten."""
    built = []
    for language in LANGUAGES:
        source, target = ts_path(language), qm_path(language)
        if not force and target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        subprocess.run(  # noqa: S603 (Qt's lrelease from PySide6, on the project's .ts)
            [str(_qt_tool("lrelease")), "-silent", str(source), "-qm", str(target)],
            check=True, cwd=ROOT)
        built.append(target)
    return built


def untranslated(language: str) -> list[str]:
    """The sources' messages the .ts does not translate yet («context: text»)."""
    existing = read_ts(ts_path(language)) if ts_path(language).exists() else {}
    left = []
    for name, messages in source_catalog().items():
        for key, message in messages.items():
            known = existing.get(name, {}).get(key)
            if known is None or not known.finished:
                left.append(f"{name}: {message.source}")
    return left


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "build":
        for path in build(force="--force" in argv[1:]):
            print(path.relative_to(ROOT))
    elif command == "check":
        left = [line for language in LANGUAGES for line in untranslated(language)]
        print("\n".join(left) or "Todo traducido.")
        return 1 if left else 0
    else:
        print("uso: python tools/translations.py update|build [--force]|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
