"""What the commands share: exit codes and usage errors, the store and identity options,
refusals turned into one Spanish sentence, progress on a terminal, JSON and table output, and
the one way an id typed by a person is found (:func:`resolve_id`: the whole id or a unique
beginning of it). It imports no command: the commands import it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.labels import state_word
from app.writeback.queue import describe
from app.writeback.values import to_json_value

if TYPE_CHECKING:
    from app.progress import Progress
    from app.store import Store
    from app.writeback.corrections import CorrectionView

EXIT_OK = 0
EXIT_FAILED = 1  # something failed, or is left to do (a conflict, an item still queued)
EXIT_USAGE = 2
EXIT_REFUSED = 3  # maker-checker or the person's roles said no
EXIT_CANCELLED = 130

STORE_HELP = ("almacén de trabajo: URL de SQLAlchemy (sqlite:///…, postgresql://usuario@…); "
              "por defecto CUADRE_STORE o el archivo de la carpeta de datos")
ACTOR_HELP = "quién trabaja (su usuario); por defecto, la variable CUADRE_USER"
EXIT_CODES_HELP = ("Códigos de salida: 0 hecho; 1 falló o queda algo pendiente (un conflicto, un "
                   "envío fallido o en cola); 2 uso incorrecto; 3 rechazado por maker-checker o "
                   "por los roles; 130 cancelado (Ctrl+C).")
WORKSPACE_HELP = ("nombre del espacio de trabajo (la conciliación): por defecto CUADRE_WORKSPACE, "
                  "o el más reciente")


def add_common(parser: argparse.ArgumentParser, *, actor: bool = True,
               json_output: bool = False) -> None:
    parser.add_argument("--store", metavar="URL", help=STORE_HELP)
    if actor:
        parser.add_argument("--as", dest="actor", metavar="USUARIO", help=ACTOR_HELP)
    if json_output:
        parser.add_argument("--json", action="store_true",
                            help="escribir el resultado en JSON (para programas)")


class UsageError(Exception):
    """A wrong combination of options: one Spanish sentence, exit code 2."""


def usage(message: str) -> UsageError:
    """A wrong combination of options: exit 2 (``cuadre`` prints the sentence)."""
    return UsageError(message)


def store_url(args: argparse.Namespace) -> str | None:
    from app.store import configured_url

    return configured_url(getattr(args, "store", None))


def open_workspace(args: argparse.Namespace) -> Store:
    """The workspace store ``--store``/``CUADRE_STORE`` names; a database password comes from
    the credential store (``cuadre credentials set URL``), never from the command line."""
    from app.store import open_configured_store

    return open_configured_store(getattr(args, "store", None))


def actor(args: argparse.Namespace, *, required: bool = True) -> str | None:
    """Who works: ``--as`` or ``CUADRE_USER`` (a usage error when required and absent)."""
    login = (getattr(args, "actor", None) or os.environ.get("CUADRE_USER") or "").strip()
    if not login and required:
        raise usage("indique quién trabaja: --as USUARIO, o la variable CUADRE_USER")
    return login.lower() or None


def workspace_name(args: argparse.Namespace) -> str | None:
    name = (getattr(args, "workspace", None) or os.environ.get("CUADRE_WORKSPACE") or "").strip()
    return name or None


def guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run ``handler``; a refusal by the service or the store becomes one Spanish sentence on
    stderr and its exit code (3 for maker-checker and roles, 1 otherwise)."""
    from app.store import StoreError
    from app.writeback.errors import CorrectionError, NotAllowed

    try:
        return handler(args)
    except NotAllowed as exc:
        fail(args, str(exc))
        return EXIT_REFUSED
    except (CorrectionError, StoreError) as exc:
        fail(args, str(exc))
        return EXIT_FAILED


def fail(args: argparse.Namespace, message: str) -> None:
    print(f"cuadre {args.command}: {message}", file=sys.stderr)


def progress_printer(quiet: bool) -> Callable[[Progress], None]:
    """Progress on stderr when it is a terminal: the step and how far it is, on one line."""

    def show(p: Progress) -> None:
        if not quiet and sys.stderr.isatty():
            sys.stderr.write(f"\r{p.step:<28} {p.fraction:6.0%}")
            sys.stderr.flush()

    return show


def end_progress(quiet: bool) -> None:
    if not quiet and sys.stderr.isatty():
        sys.stderr.write("\n")


def emit_json(doc: Any) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=1))


def correction_json(v: CorrectionView) -> dict[str, Any]:
    """A correction as the commands print it for programs (``--json``)."""
    return {"id": v.id, "kind": v.kind, "reverts": v.reverts, "workspace": v.workspace,
            "entity": v.entity.value,
            "system": v.system.value, "source_id": v.source_id, "field": v.field,
            "old": to_json_value(v.old_value), "new": to_json_value(v.new_value),
            "state": v.state, "proposer": v.proposer, "last_editor": v.last_editor,
            "approver": v.approver, "decided_by": v.decided_by,
            "created_at": v.created_at.isoformat(), "updated_at": v.updated_at.isoformat(),
            "version": v.version}


def correction_line(v: CorrectionView) -> str:
    """A correction on one line: id, state, system, record, field and the change."""
    return (f"{v.id}  {state_word(v.state)}  {v.system.value.upper()} "
            f"{v.entity.value} {v.source_id} {v.field}: {describe(v)}")


def write_json(path: Path, doc: dict[str, Any]) -> None:
    """``doc`` to ``path`` whole: written beside it, then renamed over it."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def when(moment: datetime | None) -> str:
    """A stored UTC moment in this computer's local time, to the minute."""
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces, a rule under the head."""
    lines = [list(head), *(list(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
           for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def choice(text: str, names: Mapping[str, str], what: str) -> str:
    """The code a user's word stands for: the code itself or its Spanish name (case and
    accents ignored, «en cola» = «en-cola»)."""
    from app.domain.values import fold

    def key(word: str) -> str:
        return fold(word).replace("-", " ").replace("_", " ").strip()

    wanted = key(text)
    for code, name in names.items():
        if wanted in (key(code), key(name)):
            return code
    known = ", ".join(sorted({n for n in names.values()}))
    raise usage(f"{what} desconocido «{text}»; use uno de: {known}")


# --- ids typed by a person -------------------------------------------------------------------

#: The listings print ids this long (``3ca01b48``); a person may type any beginning of an id
#: at least :data:`MIN_PREFIX` characters long that no other id shares.
SHORT_ID = 8
MIN_PREFIX = 6
#: Candidates an ambiguous beginning names in its error, at most.
_NAMED = 8


def short_id(identifier: str) -> str:
    """An id as the listings print it."""
    return identifier[:SHORT_ID]


@dataclass(frozen=True, slots=True)
class IdKind:
    """What a kind of id names, for the errors: «la corrección», «las correcciones»…"""

    one: str  # "corrección"
    many: str  # "correcciones"
    none: str  # "ninguna corrección"


CORRECTION = IdKind("corrección", "correcciones", "ninguna corrección")
PROPOSAL = IdKind("propuesta", "propuestas", "ninguna propuesta")
RUN = IdKind("conciliación guardada", "conciliaciones guardadas", "ninguna conciliación guardada")


def resolve_id(given: str, known: Iterable[str], kind: IdKind) -> str:
    """The one id of ``known`` that ``given`` names: the whole id, or a beginning of it at
    least :data:`MIN_PREFIX` characters long that no other id of ``known`` shares (case and
    surrounding spaces ignored). Anything else is a usage error (exit 2) with one Spanish
    sentence: too short, naming none, or naming several (listed, each long enough to tell
    it from the others)."""
    text = given.strip().lower()
    ids = list(dict.fromkeys(known))
    exact = {i.lower(): i for i in ids}
    if text in exact:
        return exact[text]
    if len(text) < MIN_PREFIX:
        raise usage(f"«{given.strip()}» es muy corto para un id: escriba al menos {MIN_PREFIX} "
                    "caracteres")
    found = [i for i in ids if i.lower().startswith(text)]
    if not found:
        raise usage(f"no hay {kind.none} con el id «{given.strip()}»")
    if len(found) > 1:
        width = max(SHORT_ID, _telling(found))
        names = ", ".join(i[:width] for i in found[:_NAMED]) + (", …" if len(found) > _NAMED
                                                                  else "")
        raise usage(f"«{given.strip()}» es el comienzo de {len(found)} {kind.many} ({names}): "
                    "escriba más caracteres")
    return found[0]


def resolve_ids(given: Iterable[str], known: Iterable[str], kind: IdKind) -> list[str]:
    """:func:`resolve_id` for each of ``given``, in order, each id once."""
    ids = list(known)
    return list(dict.fromkeys(resolve_id(g, ids, kind) for g in given))


def _telling(ids: Sequence[str]) -> int:
    """The shortest length at which the beginnings of ``ids`` all differ (their full length
    when some are beginnings of others)."""
    longest = max(len(i) for i in ids)
    for width in range(1, longest + 1):
        if len({i[:width] for i in ids}) == len(ids):
            return width
    return longest
