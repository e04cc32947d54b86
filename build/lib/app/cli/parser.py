"""The command line's parser, in Spanish — argparse's own texts included — and one that never
repeats what was typed where a secret could be.

argparse writes some texts itself: «usage:», the headings, the help of ``-h`` and every error
(«invalid choice: …»). It asks :mod:`gettext` for each one, so they are translated the way
gettext translates: from a catalog. Ours is ``resources/translations/argparse_es.po``, kept in
the repository (translators' tools open and merge it), compiled here in memory when the first
parser is built and read by :class:`gettext.GNUTranslations` — there is no ``.mo`` to build,
ship or let go stale. :class:`Parser` puts the catalog in argparse's hands only while it builds,
parses or formats, and gives the originals back after: nothing else in the process changes
language.

In English (:mod:`app.cli.i18n`: ``CUADRE_LANG``/``LANG`` beginning with ``en``) argparse keeps
its own English: :func:`spoken` lends the Spanish catalog only when the command line speaks
Spanish, and this module's own sentences go through ``tr_cli``.

A parser built with ``hide_typed=True`` (``cuadre credentials`` and the actions under it) never
shows what was typed in an error: a secret typed in the wrong place must not reach the screen.
It says what was wrong — which argument took something it does not accept, how many arguments
were left over — in its own words.
"""

from __future__ import annotations

import argparse
import ast
import functools
import gettext
import io
import logging
import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from app.cli.i18n import english, mark_cli, tr_cli, tr_marked

log = logging.getLogger(__name__)

#: The catalog of argparse's texts, inside the ``resources`` package.
CATALOG = ("translations", "argparse_es.po")
#: Set in the parsed arguments by a parser that hides what was typed (to its name, «cuadre
#: credentials set»: the innermost one wins), so that the top parser also hides the arguments
#: left over.
HIDDEN = "hide_typed"
_NAMES = ("_", "ngettext")  # what argparse calls to translate (``from gettext import …``)

_NOT_ACCEPTED_HIDDEN = mark_cli("cli.parser", "argumento {name}: {what} (lo escrito no se muestra: "
                                "podría ser una credencial)")
_UNEXPECTED_HIDDEN = mark_cli("cli.parser", "«{prog}» recibió algo que no espera (no se muestra: "
                              "podría ser una credencial, que nunca va en la línea de órdenes)")


# --- the catalog: a .po read and compiled -----------------------------------------------------


def read_po(text: str) -> dict[str, str]:
    """The translated entries of a gettext ``.po`` text, keyed as a compiled catalog keys them:
    ``msgid`` (``context\\x04msgid`` with a ``msgctxt``; ``singular\\0plural`` for a plural,
    whose forms are joined by ``\\0``). Untranslated and fuzzy entries are left out, as
    ``msgfmt`` leaves them; the header (``msgid ""``) is kept. A line that is none of the
    format's raises :class:`ValueError` naming it."""
    entries: dict[str, str] = {}
    parts: dict[str, list[str]] = {}
    section = ""
    fuzzy = False

    def finish() -> None:
        nonlocal fuzzy
        if any(key.startswith("msgstr") for key in parts):
            _add_entry(entries, {key: "".join(chunks) for key, chunks in parts.items()}, fuzzy)
            parts.clear()
            fuzzy = False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            finish()
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"') and section:
            parts[section].append(_unquote(line, number))
            continue
        if keyword in ("msgctxt", "msgid") or keyword == "msgid_plural" \
                or keyword.startswith("msgstr"):
            if keyword in ("msgctxt", "msgid"):
                finish()
            section = keyword
            parts[section] = [_unquote(rest.strip(), number)]
            continue
        raise ValueError(f"línea {number} del catálogo: no se entiende «{line[:40]}»")
    finish()
    return entries


def _unquote(text: str, number: int) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"línea {number} del catálogo: se esperaba un texto entre comillas")
    value = ast.literal_eval(text)  # the same escapes as C's: \n, \t, \", \\
    if not isinstance(value, str):
        raise ValueError(f"línea {number} del catálogo: se esperaba un texto entre comillas")
    return value


def _add_entry(entries: dict[str, str], entry: Mapping[str, str], fuzzy: bool) -> None:
    msgid = entry.get("msgid")
    if msgid is None:
        raise ValueError("una entrada del catálogo no tiene msgid")
    if "msgid_plural" in entry:
        forms = [entry[f"msgstr[{i}]"] for i in range(len(entry)) if f"msgstr[{i}]" in entry]
        key, value = f"{msgid}\0{entry['msgid_plural']}", "\0".join(forms)
        translated = all(forms)
    else:
        key, value = msgid, entry.get("msgstr", "")
        translated = bool(value)
    if "msgctxt" in entry:
        key = f"{entry['msgctxt']}\x04{key}"
    if translated and (not fuzzy or msgid == ""):
        entries[key] = value


def compile_mo(entries: Mapping[str, str]) -> bytes:
    """``entries`` (as :func:`read_po` gives them) as a GNU ``.mo`` file: what ``msgfmt``
    writes, little-endian, ids sorted, without the optional hash table."""
    keys = sorted(entries, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    header = 7 * 4
    table = header + 16 * len(keys)  # both tables of (length, offset) pairs
    offsets: list[int] = []
    position = table
    for blob in (*ids, *strs):
        offsets += [len(blob), position]
        position += len(blob) + 1
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), header, header + 8 * len(keys), 0,
                       table)
    return head + struct.pack(f"<{len(offsets)}I", *offsets) + b"".join(
        blob + b"\0" for blob in (*ids, *strs))


@functools.cache
def catalog() -> gettext.NullTranslations:
    """argparse's texts in Spanish (English, with a warning in the log, if the catalog is
    missing from a broken installation: ``cuadre --self-test`` names it)."""
    from importlib import resources

    try:
        text = resources.files("resources").joinpath(*CATALOG).read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        log.warning("argparse's Spanish catalog is missing: %s", "/".join(CATALOG))
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_mo(read_po(text))))


@contextmanager
def spanish() -> Iterator[None]:
    """argparse speaks Spanish inside, as before outside (nesting is fine)."""
    module = vars(argparse)
    saved = {name: module[name] for name in _NAMES}
    spoken = catalog()
    module.update({"_": spoken.gettext, "ngettext": spoken.ngettext})
    try:
        yield
    finally:
        module.update(saved)


def spoken_catalog() -> gettext.NullTranslations:
    """argparse's texts in the command line's language: the Spanish catalog, or argparse's
    own English."""
    return gettext.NullTranslations() if english() else catalog()


@contextmanager
def spoken() -> Iterator[None]:
    """argparse speaks the command line's language inside (Spanish unless it is English)."""
    if english():
        yield
        return
    with spanish():
        yield


# --- the parser --------------------------------------------------------------------------------


class _Said(str):
    """A sentence this module wrote: it holds nothing typed, so a hiding parser shows it."""

    __slots__ = ()


class Parser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` that speaks Spanish (its subcommands too: they are
    built with its class); with ``hide_typed``, one whose errors never repeat what was typed
    (the subcommands under it inherit that)."""

    def __init__(self, *args: Any, hide_typed: bool = False, **kwargs: Any) -> None:
        with spoken():
            super().__init__(*args, **kwargs)
        self.hide_typed = hide_typed
        if hide_typed:
            self.set_defaults(**{HIDDEN: self.prog})

    def add_subparsers(self, **kwargs: Any) -> Any:
        if self.hide_typed:
            kwargs.setdefault("parser_class", functools.partial(type(self), hide_typed=True))
        with spoken():
            return super().add_subparsers(**kwargs)

    def format_usage(self) -> str:
        with spoken():
            return super().format_usage()

    def format_help(self) -> str:
        with spoken():
            return super().format_help()

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        parsed, left_over = self.parse_known_args(args, namespace)
        if left_over:
            hidden = getattr(parsed, HIDDEN, None) or (self.prog if self.hide_typed else None)
            if hidden:
                self.error(_Said(_left_over_hidden(str(hidden), len(left_over))))
            with spoken():
                self.error(spoken_catalog().gettext("unrecognized arguments: %s")
                           % " ".join(left_over))
        return parsed

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        with spoken():
            if not self.hide_typed:
                return super().parse_known_args(args, namespace)
            exits, self.exit_on_error = self.exit_on_error, False
            try:
                return super().parse_known_args(args, namespace)
            except argparse.ArgumentError as err:
                self.error(_Said(self._not_accepted(err)))
            finally:
                self.exit_on_error = exits

    def error(self, message: str) -> NoReturn:
        """Usage and the error on stderr, exit 2; a hiding parser shows only what holds
        nothing typed (its own sentences, the arguments it misses)."""
        if self.hide_typed and not isinstance(message, _Said) and not _names_only(message):
            message = tr_marked("cli.parser", _UNEXPECTED_HIDDEN).format(prog=self.prog)
        with spoken():
            super().error(message)

    def _not_accepted(self, err: argparse.ArgumentError) -> str:
        """Which argument took something it does not accept, and what it accepts."""
        name = err.argument_name or "?"
        action = next((a for a in self._actions if name in _action_names(a)), None)
        choices = list(action.choices) if action is not None and action.choices else []
        what = (tr_cli("cli.parser", "se esperaba {choices}").format(choices=_either(choices))
                if choices else tr_cli("cli.parser", "el valor no es válido"))
        return tr_marked("cli.parser", _NOT_ACCEPTED_HIDDEN).format(name=name, what=what)


def _action_names(action: argparse.Action) -> set[str]:
    names = {"/".join(action.option_strings), action.dest}
    if isinstance(action.metavar, str):
        names.add(action.metavar)
    return names


def _either(words: Iterable[Any]) -> str:
    """«set, delete o check»."""
    listed = [str(w) for w in words]
    if len(listed) == 1:
        return listed[0]
    return tr_cli("cli.parser", "{some} o {last}").format(some=", ".join(listed[:-1]),
                                                          last=listed[-1])


def _names_only(message: str) -> bool:
    """Whether ``message`` is one of argparse's that names only the parser's own arguments
    (the ones missing), never a value typed."""
    spoken = spoken_catalog()
    for msgid in ("the following arguments are required: %s",
                  "one of the arguments %s is required"):
        start = spoken.gettext(msgid).split("%s")[0]
        if message.startswith(start):
            return True
    return False


def _left_over_hidden(prog: str, count: int) -> str:
    if count > 1:
        return tr_cli("cli.parser", "sobran {count} argumentos que «{prog}» no espera; no se "
                      "muestran porque podrían ser una credencial, que nunca va en la línea de "
                      "órdenes: «cuadre credentials set FUENTE» la pide sin mostrarla").format(
            count=count, prog=prog)
    return tr_cli("cli.parser", "sobra un argumento que «{prog}» no espera; no se muestra porque "
                  "podría ser una credencial, que nunca va en la línea de órdenes: «cuadre "
                  "credentials set FUENTE» la pide sin mostrarla").format(prog=prog)
