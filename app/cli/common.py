"""What the commands share: exit codes and usage errors, the store and identity options,
refusals turned into one Spanish sentence, progress on a terminal, JSON and table output, and
the one way an id typed by a person is found (:func:`resolve_id`: the whole id or a unique
beginning of it). It imports no command: the commands import it.

What a listing shows, it shows in the command line's language (Spanish unless ``LANG`` or
``CUADRE_LANG`` says English, :mod:`app.cli.i18n`): entities, fields, systems and states by their
names in :mod:`app.domain.labels`, read through :mod:`app.cli.labels` (``--json`` keeps the
codes), times by :func:`app.domain.moments.moment_text` (the user's zone, named). What a person
types may be a code, its Spanish name or its name in the command line's language
(:func:`entity_type`, :func:`field_code`, :func:`choice`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.labels import (
    ENTITY_LABELS,
    FIELD_LABELS,
    entity_word,
    entity_words,
    field_label,
    spoken_names,
    state_word,
    system_label,
)
from app.domain.moments import moment_text
from app.domain.schema import Entity

if TYPE_CHECKING:
    from app.progress import Progress
    from app.store import Store
    from app.writeback.corrections import CorrectionView

EXIT_OK = 0
EXIT_FAILED = 1  # something failed, or is left to do (a conflict, an item still queued)
EXIT_USAGE = 2
EXIT_REFUSED = 3  # maker-checker or the person's roles said no
EXIT_CANCELLED = 130

#: Texts kept in constants: marked for lupdate here, translated where they are used
#: (``tr_marked("cli.common", STORE_HELP)``).
STORE_HELP = mark_cli("cli.common", "almacén de trabajo: URL de SQLAlchemy (sqlite:///…, "
                      "postgresql://usuario@…); por defecto CUADRE_STORE o el archivo de la carpeta de datos")
ACTOR_HELP = mark_cli("cli.common", "quién trabaja (su usuario); por defecto, la variable "
                      "CUADRE_USER. Su clave sale del almacén seguro del sistema: «cuadre people "
                      "login USUARIO» la guarda una vez")
EXIT_CODES_HELP = mark_cli("cli.common", "Códigos de salida: 0 hecho; 1 falló o queda algo pendiente "
                           "(un conflicto, un envío fallido o en cola); 2 uso incorrecto; 3 "
                           "rechazado por maker-checker o por los roles; 130 cancelado (Ctrl+C).")
WORKSPACE_HELP = mark_cli("cli.common", "nombre del espacio de trabajo (la conciliación): por "
                          "defecto CUADRE_WORKSPACE, o el más reciente")


def exit_codes_help() -> str:
    """The exit codes, as a command's epilog says them."""
    return tr_marked("cli.common", EXIT_CODES_HELP)


def workspace_help() -> str:
    return tr_marked("cli.common", WORKSPACE_HELP)


def add_common(parser: argparse.ArgumentParser, *, actor: bool = True,
               json_output: bool = False) -> None:
    parser.add_argument("--store", metavar=tr_cli("cli.common", "URL"),
                        help=tr_marked("cli.common", STORE_HELP))
    if actor:
        parser.add_argument("--as", dest="actor", metavar=tr_cli("cli.common", "USUARIO"),
                            help=tr_marked("cli.common", ACTOR_HELP))
    if json_output:
        parser.add_argument("--json", action="store_true",
                            help=tr_cli("cli.common", "escribir el resultado en JSON (para programas)"))


class UsageError(Exception):
    """A wrong combination of options: one Spanish sentence, exit code 2."""


def usage(message: str) -> UsageError:
    """A wrong combination of options: exit 2 (``cuadre`` prints the sentence)."""
    return UsageError(message)


def store_url(args: argparse.Namespace) -> str | None:
    from app.store import configured_url

    return configured_url(getattr(args, "store", None))


def open_workspace(args: argparse.Namespace) -> Store:
    """The workspace store ``--store``/``CUADRE_STORE`` names. For a command that takes
    ``--as``, when someone is named (``--as`` or ``CUADRE_USER``), opened as that person once
    they proved who they are with the secret their OS keyring holds
    (:func:`app.writeback.identity.open_as`: on PostgreSQL, their own login role); otherwise as
    the address says, a database password from the credential store (``cuadre credentials set
    URL``). Never a secret from the command line or the environment."""
    from app.store import open_configured_store

    login = actor(args, required=False) if hasattr(args, "actor") else None
    if login:
        from app.writeback.identity import open_as

        return open_as(getattr(args, "store", None), login)
    return open_configured_store(getattr(args, "store", None))


def actor(args: argparse.Namespace, *, required: bool = True) -> str | None:
    """Who works: ``--as`` or ``CUADRE_USER`` (a usage error when required and absent). The
    name only: :func:`open_workspace` makes them prove it."""
    login = (getattr(args, "actor", None) or os.environ.get("CUADRE_USER") or "").strip()
    if not login and required:
        raise usage(tr_cli("cli.common", "indique quién trabaja: --as USUARIO, o la variable CUADRE_USER"))
    return login.lower() or None


def workspace_name(args: argparse.Namespace) -> str | None:
    name = (getattr(args, "workspace", None) or os.environ.get("CUADRE_WORKSPACE") or "").strip()
    return name or None


def guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run ``handler``; a refusal by the service or the store becomes one Spanish sentence on
    stderr and its exit code (3 for maker-checker and roles, 1 otherwise)."""
    from app.store import StoreError
    from app.store.chain import SigningError
    from app.writeback.errors import CorrectionError, NotAllowed

    try:
        return handler(args)
    except (NotAllowed, SigningError) as exc:  # a signature refused: someone else's name
        fail(args, str(exc))
        return EXIT_REFUSED
    except (CorrectionError, StoreError) as exc:
        fail(args, str(exc))
        return EXIT_FAILED


def fail(args: argparse.Namespace, message: str) -> None:
    print(tr_cli("cli.common", "cuadre {command}: {message}").format(command=args.command,
                                                                    message=message),
          file=sys.stderr)


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
    from app.cli.jsontext import dumps

    print(dumps(doc))


def correction_json(v: CorrectionView) -> dict[str, Any]:
    """A correction as the commands print it for programs (``--json``)."""
    return {"id": v.id, "kind": v.kind, "reverts": v.reverts, "workspace": v.workspace,
            "entity": v.entity.value,
            "system": v.system.value, "source_id": v.source_id, "field": v.field,
            "old": _json_value(v.old_value), "new": _json_value(v.new_value),
            "state": v.state, "proposer": v.proposer, "last_editor": v.last_editor,
            "approver": v.approver, "decided_by": v.decided_by,
            "created_at": v.created_at.isoformat(), "updated_at": v.updated_at.isoformat(),
            "version": v.version}


def correction_line(v: CorrectionView) -> str:
    """A correction on one line: id, state, system, record, field and the change."""
    return (f"{v.id}  {state_word(v.state)}  {record_text(v.system, v.entity, v.source_id)} · "
            f"{field_label(v.field)}: {_describe(v)}")


def record_text(system: Any, entity: Entity | str, source_id: str | None) -> str:
    """A record as a line names it: «CRM cliente C-1»."""
    return f"{system_label(getattr(system, 'value', system))} {entity_word(entity)} " \
           f"{source_id or '—'}"


def write_json(path: Path, doc: dict[str, Any]) -> None:
    """``doc`` to ``path`` whole: written beside it, then renamed over it. Encoded piece by
    piece into the file: a report of a million links is never one string in memory."""
    tmp = path.with_name(path.name + ".tmp")
    from app.cli.jsontext import dump  # json.dump(indent=1)'s bytes, faster

    with tmp.open("w", encoding="utf-8") as out:
        dump(doc, out)
    tmp.replace(path)


def when(moment: datetime | None) -> str:
    """A stored moment as a table cell shows it: in the user's zone, to the minute, with its
    offset («17/12/2026 09:30 -05:00»)."""
    return moment_text(moment, offset=True)


def when_said(moment: datetime | None) -> str:
    """A stored moment as a sentence says it: «17/12/2026 09:30 (hora de Colombia)»."""
    return moment_text(moment)


# --- what a person types: codes or their Spanish names ----------------------------------------


def _key(word: str) -> str:
    from app.domain.values import fold

    return fold(word).replace("-", " ").replace("_", " ").strip()


def entity_type(entities: Sequence[Entity]) -> Callable[[str], str]:
    """An argparse ``type`` for ``--entity``: the code of one of ``entities`` that a word
    names — its code («customers»), its heading («Clientes», «Inventario») or its words
    («cliente», «vehículos»), case and accents ignored; another word is the option's error,
    in Spanish."""
    names = {}
    for entity in entities:
        for word in (entity.value, ENTITY_LABELS.spanish.get(entity, ""),
                     ENTITY_LABELS.get(entity, ""), *entity_words(entity)):
            if word:
                names[_key(word)] = entity.value

    def entity_code(text: str) -> str:
        code = names.get(_key(text))
        if code is None:
            raise argparse.ArgumentTypeError(tr_cli(
                "cli.common", "«{text}» no es una entidad: use {entity_choices}").format(
                text=text, entity_choices=entity_choices(entities)))
        return code

    return entity_code


def entity_choices(entities: Sequence[Entity]) -> str:
    """«clientes, pagos o vehículos»."""
    words = [entity_word(e, 2) for e in entities]
    if len(words) == 1:
        return words[0]
    return tr_cli("cli.common", "{some} o {last}").format(some=", ".join(words[:-1]), last=words[-1])


def field_code(text: str) -> str:
    """The field a word names: its code («email») or its Spanish name («correo»), case and
    accents ignored; a word that names none stays as typed (a filter that then keeps
    nothing)."""
    wanted = _key(text)
    for code, name in spoken_names(FIELD_LABELS):
        if wanted in (_key(code), _key(name)):
            return code
    return text.strip()


def whole_number(text: str) -> int:
    """An argparse ``type`` for a count of days, a limit, a port: a whole number."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(tr_cli(
            "cli.common", "se esperaba un número entero, no «{text}»").format(text=text)) from None


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
    wanted = _key(text)
    for code, name in spoken_names(names):
        if wanted in (_key(code), _key(name)):
            return code
    known = ", ".join(sorted({n for n in names.values()}))
    raise usage(tr_cli(
        "cli.common", "{what} desconocido «{text}»; use uno de: {known}").format(
        what=what, text=text, known=known))


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


#: The words of an :class:`IdKind` are marked in the context ``"cli.ids"`` and translated when an
#: error says them.
CORRECTION = IdKind(mark_cli("cli.ids", "corrección"), mark_cli("cli.ids", "correcciones"),
                    mark_cli("cli.ids", "ninguna corrección"))
PROPOSAL = IdKind(mark_cli("cli.ids", "propuesta"), mark_cli("cli.ids", "propuestas"),
                  mark_cli("cli.ids", "ninguna propuesta"))
RUN = IdKind(mark_cli("cli.ids", "conciliación guardada"),
             mark_cli("cli.ids", "conciliaciones guardadas"),
             mark_cli("cli.ids", "ninguna conciliación guardada"))


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
        raise usage(tr_cli(
            "cli.common", "«{given}» es muy corto para un id: escriba al menos {least} caracteres"
        ).format(given=given.strip(), least=MIN_PREFIX))
    found = [i for i in ids if i.lower().startswith(text)]
    if not found:
        raise usage(tr_cli(
            "cli.common", "no hay {none} con el id «{given}»").format(
            none=tr_marked("cli.ids", kind.none), given=given.strip()))
    if len(found) > 1:
        width = max(SHORT_ID, _telling(found))
        names = ", ".join(i[:width] for i in found[:_NAMED]) + (", …" if len(found) > _NAMED
                                                                  else "")
        raise usage(tr_cli(
            "cli.common", "«{given}» es el comienzo de {count} {many} ({names}): escriba más "
                          "caracteres").format(given=given.strip(), count=len(found),
                                               many=tr_marked("cli.ids", kind.many), names=names))
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


def _json_value(value: Any) -> Any:
    from app.writeback.values import to_json_value  # the store's side: loaded when used

    return to_json_value(value)


def _describe(view: Any) -> str:
    from app.writeback.queue import describe

    return describe(view)
