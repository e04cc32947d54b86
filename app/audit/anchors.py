"""Anchors kept outside the workspace: a plain text file that grows by one line per run.

An anchor is a row number and that row's hash (:class:`app.audit.log.Anchor`). Someone who can
write the workspace store can rewrite the whole chain and its head consistently; they cannot
rewrite a file on another disk, a USB key or a share only the auditor writes. So
``cuadre workspace reconcile --anchor-file F`` (or ``$CUADRE_ANCHOR_FILE``) appends the head
after each saved run, ``cuadre audit anchor --anchor-file F`` appends it by hand, and
``cuadre audit verify --anchor-file F`` checks the trail against every line of the file.

One line per anchor: ``N:HUELLA`` (64 hex characters), then, separated by spaces, when it was
taken (ISO 8601, with its zone) and what took it. Blank lines and lines starting with ``#``
are ignored; any other line that does not read as an anchor is an error naming its number, so
a damaged file is never half read. The file is only ever appended to (``O_APPEND``), never
rewritten; it must not sit in the store's own folder, where whoever rewrites the one can
rewrite the other.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from app.audit.log import Anchor
from app.domain.i18n import tr_app
from app.store.errors import StoreError

#: The variable that names the anchor file when no ``--anchor-file`` is given.
ANCHOR_FILE_VARIABLE = "CUADRE_ANCHOR_FILE"


class AnchorError(StoreError):
    """An anchor or an anchor file that cannot be used; the message is one sentence (a
    StoreError: the commands that write the store report it as they report the store's)."""


def parse_anchor(text: str) -> Anchor:
    """``N:HUELLA`` → :class:`Anchor`; :class:`AnchorError` when it does not read as one."""
    seq, _, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise AnchorError(tr_app("app.audit", "ancla no válida «{text}»: se escribe N:HUELLA (64 "
                                              "caracteres)").format(text=text.strip()[:80]))
    return Anchor(int(seq), digest)


def read_anchors(path: Path) -> list[Anchor]:
    """Every anchor of the file, in order (none when the file does not exist yet)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise AnchorError(tr_app("app.audit", "no se pudo leer el archivo de anclas {path}: "
                                              "{why}").format(path=path, why=_why(exc))) from None
    out = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            out.append(parse_anchor(text.split()[0]))
        except AnchorError as exc:
            raise AnchorError(tr_app("app.audit", "{path}, línea {number}: {why}").format(
                path=path, number=number, why=exc)) from None
    return out


def check_outside(path: Path, store_file: Path | None) -> None:
    """Refuse an anchor file in the SQLite store's own folder (``store_file``; None for a
    database server, whose files are elsewhere)."""
    if store_file is None:
        return
    if path.resolve().parent == store_file.resolve().parent:
        raise AnchorError(tr_app("app.audit", "el archivo de anclas no puede estar en la carpeta "
                                              "del almacén de trabajo ({folder}): quien reescriba "
                                              "el uno reescribiría el otro. Guárdelo en otro "
                                              "disco, una memoria USB o una carpeta que solo "
                                              "escriba auditoría.").format(
            folder=store_file.resolve().parent))


def append_anchor(path: Path, anchor: Anchor, when: datetime, what: str) -> None:
    """Add one line to the file (created with the owner's permissions only when absent)."""
    if when.tzinfo is None:
        raise ValueError("an anchor's moment carries its zone")
    line = f"{anchor.seq}:{anchor.hash} {when.isoformat(timespec='seconds')} {what}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(line)
    except OSError as exc:
        raise AnchorError(tr_app("app.audit", "no se pudo escribir el archivo de anclas {path}: "
                                              "{why}").format(path=path, why=_why(exc))) from None


def anchor_file(given: Path | None) -> Path | None:
    """``--anchor-file``, else ``$CUADRE_ANCHOR_FILE``, else None."""
    if given is not None:
        return given
    named = os.environ.get(ANCHOR_FILE_VARIABLE, "").strip()
    return Path(named) if named else None


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


__all__ = ["ANCHOR_FILE_VARIABLE", "AnchorError", "anchor_file", "append_anchor",
           "check_outside", "parse_anchor", "read_anchors"]
