"""``cuadre push`` and ``cuadre outbox``: send the approved corrections, and see the outbox.

    cuadre push --as LOGIN (--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE) [--system crm]
                [--only ID…]
    cuadre outbox list [--state en-cola|aplicada|en-conflicto|fallida|…] [--json]
    cuadre outbox requeue (N.º | ID)… --as LOGIN

``push`` queues every approved correction and sends them one by one through the systems'
compare-and-set — :func:`app.writeback.sending.push_approved`, what the window's «Enviar
aprobadas» runs, on the systems ``app.connections.systems.open_systems`` opens — with one line
per item as it ends. Ctrl+C
stops between items — the one being sent finishes and is recorded, the rest stays queued for
the next push — and exits 130; a second Ctrl+C interrupts at once (nothing is lost either way:
an item left «attempting» is read back before anything is sent again). Exit 1 when anything
ended in conflict, failed, was rejected, is still unknown or stays queued. A source that cannot
be written (a CSV/XLSX export) is skipped with a warning: its system's corrections stay queued.

Corrections are named by their id or a unique beginning of it (at least 6 characters: the
listings print 8), resolved by :func:`app.cli.common.resolve_id`. ``--only`` refuses,
before anything is sent, a correction that is not waiting to be sent (proposed, applied, in
conflict…: it says which state and what to do) or that belongs to another workspace's systems.
``outbox requeue`` takes the row's number in the queue (N.º) or its correction's id.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.cli.common import (
    CORRECTION,
    EXIT_CANCELLED,
    EXIT_FAILED,
    EXIT_OK,
    MIN_PREFIX,
    actor,
    add_common,
    choice,
    emit_json,
    exit_codes_help,
    open_workspace,
    progress_printer,
    resolve_id,
    resolve_ids,
    short_id,
    table,
    usage,
    when,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.labels import (
    CORRECTION_STATE_WORDS,
    entity_label,
    field_label,
    outbox_state_word,
    state_word,
    system_label,
)
from app.cli.sources import CRM_BY_NAME, ERP_BY_NAME, SOURCE_HELP, pair_profile, saved_profile
from app.connections.profiles import ConnectionProfile
from app.connections.systems import Demo, Systems, open_systems
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress
from app.progress import run as drive
from app.store.db import Store
from app.writeback import corrections, outbox
from app.writeback.errors import InvalidState, NotAllowed
from app.writeback.outbox import OutboxItem
from app.writeback.people import PUSHERS, require_pusher, roles_of
from app.writeback.push import ItemResult, PushSummary
from app.writeback.sending import push_approved
from app.writeback.states import SENDING, CorrectionState, OutboxState
from app.writeback.values import to_json_value


def add_parsers(sub: Any) -> None:
    push = sub.add_parser(
        "push", help=tr_cli("cli.push", "enviar las correcciones aprobadas al CRM y al ERP"),
        description=tr_cli(
            "cli.push", "Pone en cola las correcciones aprobadas y las envía una por una, con la misma "
                        "clave de idempotencia en cada intento. Ctrl+C detiene el envío entre una "
                        "corrección y la siguiente; lo demás queda en cola."))
    push.epilog = exit_codes_help()
    push.add_argument("--demo", action="store_true", help=tr_cli(
        "cli.push", "los sistemas de la demostración"))
    push.add_argument("--profile", metavar=tr_cli("cli.push", "NOMBRE"), help=tr_cli(
        "cli.push", "los sistemas de un perfil guardado"))
    push.add_argument("--crm", metavar=tr_cli("cli.push", "FUENTE"), help=tr_cli(
        "cli.sources", "el CRM: {sources}, o {named}").format(
            sources=tr_marked("cli.sources", SOURCE_HELP), named=tr_marked("cli.sources", CRM_BY_NAME)))
    push.add_argument("--erp", metavar=tr_cli("cli.push", "FUENTE"), help=tr_cli(
        "cli.sources", "el ERP: {sources}, {named}").format(
            sources=tr_marked("cli.sources", SOURCE_HELP), named=tr_marked("cli.sources", ERP_BY_NAME)))
    push.add_argument("--system", choices=("crm", "erp"), type=str.lower, metavar=tr_cli(
        "cli.push", "SISTEMA"),
                      help=tr_cli(
                          "cli.push", "enviar solo las de ese sistema: crm o erp (las del otro quedan en "
                                      "cola)"))
    push.add_argument("--workspace", metavar=tr_cli("cli.push", "NOMBRE"),
                      help=tr_cli(
                          "cli.push", "el espacio de trabajo de estos sistemas; por defecto "
                                      "CUADRE_WORKSPACE, el perfil, «Demostración» o «Principal»"))
    push.add_argument("--all-workspaces", action="store_true",
                      help=tr_cli(
                          "cli.push", "enviar también las aprobadas en otros espacios de trabajo (cuando "
                                      "todos corrigen estos mismos sistemas)"))
    push.add_argument("--only", nargs="+", metavar=tr_cli("cli.push", "ID"),
                      help=tr_cli(
                          "cli.push", "enviar solo estas correcciones (su id, o el comienzo de su id que "
                                      "muestran los listados: al menos 6 caracteres); las demás "
                                      "aprobadas quedan en espera"))
    push.add_argument("--quiet", "-q", action="store_true", help=tr_cli(
        "cli.push", "no mostrar cada corrección"))
    add_common(push, json_output=True)

    box = sub.add_parser("outbox", help=tr_cli("cli.push", "ver la cola de envío o reintentar las fallidas"),
                         description=tr_cli(
                             "cli.push", "La cola de envío: cada corrección aprobada en camino a su "
                                         "sistema, con su estado, intentos y motivo."))
    box.epilog = exit_codes_help()
    actions = box.add_subparsers(dest="outbox_action", metavar=tr_cli("cli.push", "ACCIÓN"), required=True)
    listing = actions.add_parser("list", help=tr_cli("cli.push", "listar la cola de envío"),
                                 description=tr_cli(
                                     "cli.push", "Lista la cola de envío en el orden en que se envía."))
    listing.add_argument("--state", metavar=tr_cli("cli.push", "ESTADO"),
                         help=tr_cli(
                             "cli.push", "en cola, en envío, aplicada, en conflicto, rechazada, fallida, "
                                         "desconocida"))
    add_common(listing, actor=False, json_output=True)
    requeue = actions.add_parser(
        "requeue", help=tr_cli("cli.push", "volver a poner en cola envíos fallidos"),
        description=tr_cli(
            "cli.push", "Vuelve a poner en cola los envíos fallidos indicados (con la misma clave: sigue "
                        "siendo la misma operación aprobada); el próximo «cuadre push» los envía."))
    requeue.add_argument("ids", nargs="+", metavar=tr_cli("cli.push", "N|ID"),
                         help=tr_cli(
                             "cli.push", "número en la cola (N.º), o id de la corrección (o su comienzo: "
                                         "al menos 6 caracteres)"))
    add_common(requeue)


# --- push ------------------------------------------------------------------------------------


def _systems(args: argparse.Namespace) -> Demo | ConnectionProfile:
    """The systems the push writes to: the demo, a saved profile, or the ``--crm``/``--erp``
    pair as an unsaved profile."""
    given = args.crm is not None or args.erp is not None
    if sum((args.demo, args.profile is not None, given)) != 1:
        raise usage(tr_cli("cli.push", "indique a dónde enviar: --demo, --profile NOMBRE, o --crm y --erp"))
    if args.demo:
        return Demo()
    if args.profile is not None:
        return saved_profile(args.profile)
    # A push only writes, and an export file is never written: which entity a file holds —
    # what an unsaved profile asks of a file — does not matter here.
    return pair_profile(args.crm, args.erp, Entity.CUSTOMERS, None)


def _scope(store: Store, args: argparse.Namespace, target: str) -> str | None:
    """The workspace this push sends (``target``; None: all, with ``--all-workspaces``).
    Corrections approved in another workspace's reconciliation (maybe other systems) stay
    where they are, and the user is told how many (unless ``--only`` names the ones to
    send)."""
    if args.all_workspaces:
        return None
    if args.only:
        return target
    others = [v for v in corrections.listing(store)
              if v.state in SENDING and v.workspace not in (None, target)]
    if others:
        names = ", ".join(f"«{w}»" for w in sorted({str(v.workspace) for v in others}))
        print(tr_cli(
            "cli.push", "Aviso: {count} correcciones aprobadas de otro espacio de trabajo ({names}) no "
                        "se envían a los sistemas de «{target}»; envíelas con --workspace o "
                        "--all-workspaces si corrigen estos mismos sistemas.").format(
            count=len(others), names=names, target=target), file=sys.stderr)
    return target


#: Why a correction in each state is not sent, and what to do (``--only``).
_WHY_NOT_SENT = {
    CorrectionState.PROPOSED: mark_cli("cli.push", "debe aprobarla otra persona antes de enviarla"),
    CorrectionState.DEFERRED: mark_cli("cli.push", "está aplazada: decídala y que otra persona la "
                                       "apruebe antes de enviarla"),
    CorrectionState.REJECTED: mark_cli("cli.push", "no se envía (para intentarlo de nuevo, «cuadre "
                                       "corrections redecide {id}» si la rechazó el sistema; una "
                                       "rechazada por una persona necesita una propuesta nueva)"),
    CorrectionState.APPLIED: mark_cli("cli.push", "ya está en el sistema: no hay nada que enviar"),
    CorrectionState.CONFLICT: mark_cli("cli.push", "el sistema tiene otro valor: decídala de nuevo "
                                       "con «cuadre corrections redecide {id}»"),
    CorrectionState.FAILED: mark_cli("cli.push",
                                     "vuelva a ponerla en cola con «cuadre outbox requeue {id}»"),
}


def _only(store: Store, args: argparse.Namespace, workspace: str | None) -> list[str] | None:
    """The corrections ``--only`` names (None: no ``--only``), refused — before anything is
    sent — when one of them is not waiting to be sent, or belongs to another workspace."""
    if not args.only:
        return None
    views = {v.id: v for v in corrections.listing(store)}
    chosen = resolve_ids(args.only, views, CORRECTION)
    problems = []
    for correction_id in chosen:
        view, short = views[correction_id], short_id(correction_id)
        if view.state not in SENDING:
            why = tr_marked("cli.push", _WHY_NOT_SENT.get(view.state, mark_cli("cli.push", "no se envía")))
            problems.append(tr_cli("cli.push", "la corrección {id} está «{state}»: {why}").format(
                id=short, state=state_word(view.state), why=why.format(id=short)))
        elif workspace is not None and view.workspace not in (None, workspace):
            problems.append(tr_cli("cli.push", "la corrección {id} es del espacio de trabajo "
                                   "«{theirs}», no de «{workspace}»: envíela con --workspace o "
                                   "--all-workspaces").format(
                id=short, theirs=view.workspace, workspace=workspace))
    if problems:
        raise InvalidState("; ".join(problems) + ".")
    return chosen


def _warn_unwritable(systems: Systems, only: System | None) -> None:
    """Say which systems cannot take a correction (their corrections stay queued)."""
    for system, why in systems.unwritable().items():
        if only in (None, system):
            print(tr_cli(
                "cli.push", "Aviso: el {upper} {why}: sus correcciones quedan en cola.").format(
                upper=system.value.upper(), why=why),
                  file=sys.stderr)


@contextmanager
def _ctrl_c_cancels(cancel: CancelToken) -> Iterator[None]:
    """The first Ctrl+C cancels between items; a second one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        print(tr_cli(
            "cli.push", "\nCancelando: termina la corrección en curso y el resto queda en cola (Ctrl+C "
                        "otra vez interrumpe ya)."), file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _item_json(item: ItemResult) -> dict[str, Any]:
    return {"outbox_id": item.outbox_id, "correction_id": item.correction_id,
            "system": item.system.value, "entity": item.entity, "source_id": item.source_id,
            "field": item.field, "state": item.state, "reason": item.reason,
            "detail": item.detail, "found": item.found, "attempts": item.attempts}


def _summary_json(summary: PushSummary) -> dict[str, Any]:
    return {"items": [_item_json(i) for i in summary.items], "counts": summary.counts,
            "refused": [{"correction_id": c, "why": why} for c, why in summary.refused],
            "cancelled": summary.cancelled, "remaining": summary.remaining}


def run_push(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    quiet = args.quiet or args.json
    bar = progress_printer(quiet or sys.stdout.isatty())  # on a terminal the lines suffice

    def show(p: Progress) -> None:
        bar(p)
        if not quiet and p.detail:
            print(tr_cli(
                "cli.push", "[{done}/{total}] {detail}").format(
                done=p.done, total=p.total, detail=p.detail), flush=True)

    only_system = System(args.system) if args.system else None
    with open_workspace(args) as store:
        require_pusher(store, login)  # before opening any system
        what = _systems(args)
        workspace = _scope(store, args, workspace_name(args) or what.name)
        only = _only(store, args, workspace)
        with open_systems(what) as systems:
            _warn_unwritable(systems, only_system)
            cancel = CancelToken()
            with _ctrl_c_cancels(cancel):
                summary = drive(push_approved(store, systems, login, cancel,
                                              workspace=workspace, only=only,
                                              system=only_system), show)
    if args.json:
        emit_json(_summary_json(summary))
    else:
        print(summary.sentence())
    if summary.cancelled:
        print(tr_cli(
            "cli.push", "Cancelado: {remaining} quedan en cola; el próximo «cuadre push» los envía.").format(
            remaining=summary.remaining), file=sys.stderr)
        return EXIT_CANCELLED
    unfinished = [i for i in summary.items if i.state != OutboxState.APPLIED]
    return EXIT_FAILED if unfinished or summary.refused or summary.remaining else EXIT_OK


# --- outbox ----------------------------------------------------------------------------------


def _outbox_json(item: OutboxItem) -> dict[str, Any]:
    return {"id": item.id, "correction_id": item.correction_id, "system": item.system.value,
            "entity": item.entity.value, "source_id": item.source_id, "field": item.field,
            "new": to_json_value(item.changes.get(item.field)),
            "expected": to_json_value(item.expected.get(item.field)), "state": item.state,
            "terminal": item.terminal, "attempts": item.attempts, "reason": item.reason,
            "detail": item.detail, "found": item.found,
            "created_at": item.created_at.isoformat(), "updated_at": item.updated_at.isoformat(),
            "finished_at": item.finished_at.isoformat() if item.finished_at else None}


def run_outbox(args: argparse.Namespace) -> int:
    if args.outbox_action == "requeue":
        login = actor(args)
        assert login is not None
        with open_workspace(args) as store:
            if not roles_of(store, login) & PUSHERS:
                raise NotAllowed(tr_cli("cli.push", "«{login}» no tiene el rol para reenviar "
                                        "correcciones: solo aprobadores o administradores.")
                                 .format(login=login))
            rows = _outbox_rows(store, args.ids)
            done = outbox.requeue(store, login, rows.values())
        back = {i.id for i in done}
        print(tr_cli(
            "cli.push", "{count} vuelven a la cola; el próximo «cuadre push» las envía.").format(
            count=len(back)))
        skipped = [given for given, n in rows.items() if n not in back]
        if skipped:
            print(tr_cli(
                "cli.push", "cuadre outbox: {ids} no están fallidas (o no existen): no se "
                            "tocaron.").format(ids=", ".join(skipped)), file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    state = (choice(args.state, CORRECTION_STATE_WORDS, tr_cli("cli.push", "estado"))
             if args.state else None)
    with open_workspace(args) as store:
        items = outbox.listing(store, state=state)
    if args.json:
        emit_json([_outbox_json(i) for i in items])
    elif not items:
        print(tr_cli("cli.push", "La cola de envío está vacía.") if state is None else
              tr_cli("cli.push", "No hay envíos en ese estado."))
    else:
        print(table((tr_cli("cli.push", "N.º"), tr_cli("cli.push", "Corrección"),
                     tr_cli("cli.push", "Estado"), tr_cli("cli.push", "Intentos"),
                     tr_cli("cli.push", "Sistema"), tr_cli("cli.push", "Entidad"),
                     tr_cli("cli.push", "Registro"), tr_cli("cli.push", "Campo"),
                     tr_cli("cli.push", "Actualizado"), tr_cli("cli.push", "Motivo")),
                    [(str(i.id), short_id(i.correction_id),
                      outbox_state_word(i.state), str(i.attempts),
                      system_label(i.system.value), entity_label(i.entity), i.source_id,
                      field_label(i.field),
                      when(i.updated_at), i.detail or i.reason or "") for i in items]))
    return EXIT_OK


def _outbox_rows(store: Store, given: list[str]) -> dict[str, int]:
    """Each of ``given`` → the outbox row it names: a row's number in the queue (as ``outbox
    list`` prints it; one that does not exist is passed on, for requeue to skip), or a
    correction's id or unique beginning (its newest row). A number that is also the beginning
    of a correction's id is ambiguous: an error naming both."""
    items = outbox.listing(store)
    numbers = {i.id for i in items}
    newest = {i.correction_id: i.id for i in items}  # listed in row order: the last one wins
    out: dict[str, int] = {}
    for text in given:
        word = text.strip()
        if word.isdigit():
            starts = [c for c in newest if c.startswith(word)] if len(word) >= MIN_PREFIX else []
            if not starts:  # a row's number (requeue skips one that does not exist)
                out[word] = int(word)
                continue
            if int(word) in numbers:
                names = ", ".join(short_id(c) for c in starts[:3])
                raise usage(tr_cli(
                    "cli.push", "«{word}» es el N.º de un envío y también el comienzo del id de {count} "
                                "corrección(es) ({names}): escriba el id de la corrección que quiere "
                                "reenviar").format(word=word, count=len(starts), names=names))
        out[word] = newest[resolve_id(word, newest, CORRECTION)]
    return out
