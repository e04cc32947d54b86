"""``cuadre corrections``: the latest reconciliation's proposals, and deciding on corrections.

    cuadre corrections proposals [--entity E] [--field F] [--pushable] [--json]
    cuadre corrections propose --as LOGIN (IDENT… | --all [--entity E] [--field F]) [--comment …]
    cuadre corrections list [--state propuesta|aprobada|…] [--entity E] [--json]
    cuadre corrections approve|reject|defer --as LOGIN (ID… | --all [--entity E]) [--comment …]
    cuadre corrections edit ID --value "…" --as LOGIN [--comment …]
    cuadre corrections undo ID --as LOGIN [--comment …]
    cuadre corrections redecide ID --as LOGIN [--value "…"] [--comment …]

Proposals come from the workspace's latest saved run (``--run`` for another), named by their
``ident``; corrections and runs by their id — each, or a unique beginning of it at least 6
characters long, as the listings print them (:func:`app.cli.common.resolve_id`).
Proposing goes through :func:`app.writeback.decisions.propose_task` (one correction per field, never
twice for the same proposal); deciding through :mod:`app.writeback.corrections`, which enforces
maker-checker and roles (exit 3 when they refuse).

``approve --all`` approves every proposed correction the person may approve: the ones they
proposed or edited are left for someone else (and counted), not refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    CORRECTION,
    EXIT_CODES_HELP,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    PROPOSAL,
    RUN,
    WORKSPACE_HELP,
    actor,
    add_common,
    choice,
    emit_json,
    end_progress,
    fail,
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
from app.writeback.values import to_json_value

if TYPE_CHECKING:
    from app.store import Store
    from app.writeback.corrections import CorrectionView
    from app.writeback.proposals import Proposal
    from app.writeback.runs import RunView

#: Correction states by code, with the Spanish word the command also accepts.
STATE_WORDS = {"proposed": "propuesta", "approved": "aprobada", "rejected": "rechazada",
               "deferred": "aplazada", "queued": "en cola", "attempting": "en envío",
               "applied": "aplicada", "conflict": "en conflicto", "failed": "fallida",
               "unknown": "desconocida"}
ENTITY_CODES = ("customers", "payments", "vehicles")


def add_parser(sub: Any) -> None:
    corr = sub.add_parser("corrections", help="proponer, aprobar y listar correcciones",
                          description="Las propuestas de la última conciliación guardada y las "
                                      "correcciones con maker-checker: quien propone no aprueba.")
    corr.epilog = EXIT_CODES_HELP
    actions = corr.add_subparsers(dest="corrections_action", metavar="ACCIÓN", required=True)

    props = actions.add_parser(
        "proposals", help="las propuestas de la última conciliación guardada",
        description="Lista las propuestas de la conciliación guardada más reciente: su "
                    "identificador, si se pueden proponer para enviar y, si no, por qué.")
    _run_filters(props)
    props.add_argument("--pushable", action="store_true",
                       help="solo las que se pueden proponer para enviar")
    add_common(props, actor=False, json_output=True)

    propose = actions.add_parser(
        "propose", help="proponer correcciones desde las propuestas",
        description="Propone las propuestas indicadas por su identificador, o todas las que se "
                    "pueden enviar (--all, con --entity y --field para acotar).")
    propose.add_argument("idents", nargs="*", metavar="IDENT", help="identificador de la propuesta")
    propose.add_argument("--all", action="store_true",
                         help="todas las que se pueden proponer y aún no están propuestas")
    _run_filters(propose)
    propose.add_argument("--comment", metavar="TEXTO", help="comentario para quien apruebe")
    add_common(propose, json_output=True)

    listing = actions.add_parser("list", help="listar las correcciones",
                                 description="Lista las correcciones, la más reciente primero.")
    listing.add_argument("--state", metavar="ESTADO",
                         help="propuesta, aprobada, rechazada, aplazada, en cola, aplicada, en "
                              "conflicto, fallida…")
    listing.add_argument("--entity", choices=ENTITY_CODES, help="solo de esa entidad")
    listing.add_argument("--workspace", metavar="NOMBRE", help="solo de ese espacio de trabajo")
    add_common(listing, actor=False, json_output=True)

    for name, verb, what in (("approve", "aprobar", "Aprueba"), ("reject", "rechazar", "Rechaza"),
                             ("defer", "aplazar", "Aplaza")):
        decide = actions.add_parser(
            name, help=f"{verb} correcciones propuestas",
            description=f"{what} las correcciones indicadas por su id, o todas las propuestas "
                        "(--all).")
        decide.add_argument("ids", nargs="*", metavar="ID", help="id de la corrección")
        decide.add_argument("--all", action="store_true", help="todas las propuestas")
        decide.add_argument("--entity", choices=ENTITY_CODES, help="con --all: solo de esa entidad")
        decide.add_argument("--workspace", metavar="NOMBRE",
                            help="con --all: solo de ese espacio de trabajo")
        decide.add_argument("--comment", metavar="TEXTO", help="comentario (queda en la auditoría)")
        add_common(decide, json_output=True)

    edit = actions.add_parser(
        "edit", help="cambiar el valor nuevo de una corrección",
        description="Cambia el valor nuevo de una corrección; si estaba aprobada, pierde la "
                    "aprobación y quien la edita ya no puede aprobarla.")
    edit.add_argument("id", metavar="ID", help="id de la corrección")
    edit.add_argument("--value", required=True, metavar="VALOR",
                      help="el valor nuevo (pesos como 1.200.000; fechas dd/mm/aaaa; vacío: borrar)")
    edit.add_argument("--comment", metavar="TEXTO", help="comentario")
    add_common(edit, json_output=True)

    undo = actions.add_parser(
        "undo", help="proponer deshacer una corrección o fusión aplicada",
        description="Propone una corrección nueva que devuelve el registro al valor que tenía "
                    "antes (o deshace una fusión); necesita su propia aprobación.")
    undo.add_argument("id", metavar="ID", help="id de la corrección aplicada")
    undo.add_argument("--comment", metavar="TEXTO", help="por qué se deshace")
    add_common(undo, json_output=True)

    again = actions.add_parser(
        "redecide", help="devolver a «propuesta» una corrección en conflicto o fallida",
        description="Devuelve a «propuesta» una corrección en conflicto (con el valor que hoy "
                    "tiene el sistema como punto de partida), fallida o rechazada por el sistema; "
                    "necesita una aprobación nueva, de otra persona.")
    again.add_argument("id", metavar="ID", help="id de la corrección")
    again.add_argument("--value", metavar="VALOR", help="otro valor nuevo (por defecto, el mismo)")
    again.add_argument("--comment", metavar="TEXTO", help="comentario")
    add_common(again, json_output=True)


def _run_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--entity", choices=ENTITY_CODES, help="solo de esa entidad")
    parser.add_argument("--field", action="append", metavar="CAMPO",
                        help="solo de ese campo (phone, email, name, city…; repita para varios)")
    parser.add_argument("--workspace", metavar="NOMBRE", help=WORKSPACE_HELP)
    parser.add_argument("--run", metavar="ID", help="otra conciliación guardada (por su id)")


def run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "proposals": _proposals, "propose": _propose, "list": _list, "edit": _edit,
        "undo": _undo, "redecide": _redecide}
    return handlers.get(args.corrections_action, _decide)(args)


# --- proposals -------------------------------------------------------------------------------


def _saved_run(store: Store, args: argparse.Namespace) -> RunView:
    from app.writeback.runs import get_run, latest_run, runs

    if args.run:
        found = get_run(store, resolve_id(args.run, [r.id for r in runs(store)], RUN))
        if found is None:  # gone between the listing and the reading
            raise usage(f"no existe la conciliación guardada «{args.run.strip()}»")
        return found
    name = workspace_name(args)
    found = latest_run(store, name)
    if found is None:
        from app.writeback.corrections import CorrectionError

        where = f" en «{name}»" if name else ""
        raise CorrectionError(f"No hay conciliaciones guardadas{where}: ejecute primero «cuadre "
                              "workspace reconcile …».", "no_run")
    return found


def _selected(proposals: Sequence[Proposal], args: argparse.Namespace) -> list[Proposal]:
    fields = set(args.field or ())
    return [p for p in proposals
            if (args.entity is None or p.entity.value == args.entity)
            and (not fields or p.field in fields)]


@dataclass(slots=True)
class _Status:
    why_not: str | None
    made: list[CorrectionView] = field(default_factory=list)

    def text(self) -> str:
        if self.made:
            states = sorted({STATE_WORDS.get(v.state, v.state) for v in self.made})
            return f"ya propuesta ({', '.join(states)})"
        return "se puede proponer" if self.why_not is None else "no se envía"


def _status(store: Store, p: Proposal) -> _Status:
    from app.writeback.decisions import existing, why_not

    reason = why_not(p)
    return _Status(reason, existing(store, p) if reason is None else [])


def _proposal_json(p: Proposal, status: _Status) -> dict[str, Any]:
    return {**p.to_json(), "pushable": status.why_not is None, "why_not": status.why_not,
            "corrections": [{"id": v.id, "field": v.field, "state": v.state}
                            for v in status.made]}


def _change_text(p: Proposal) -> str:
    from app.writeback.decisions import value_text

    return "; ".join(f"{c.field}: {value_text(c.field, c.current)} → "
                     f"{value_text(c.field, c.proposed)}" for c in p.changes)


def _proposals(args: argparse.Namespace) -> int:
    from app.domain.labels import kind_label
    from app.writeback.runs import proposals_of

    with open_workspace(args) as store:
        saved = _saved_run(store, args)
        props = proposals_of(saved)
        chosen = _selected(props.fields, args)
        statuses = [_status(store, p) for p in chosen]
    rows = [(p, s) for p, s in zip(chosen, statuses, strict=True)
            if not args.pushable or (s.why_not is None)]
    merges = [m for m in props.merges if args.entity in (None, m.entity.value)]
    if args.json:
        emit_json({"run": saved.to_json(),
                   "proposals": [_proposal_json(p, s) for p, s in rows],
                   "merges": [{**m.to_json(), "pushable": False,
                               "why_not": _MERGE_WHY} for m in merges],
                   "credit_notes": [t.to_json() for t in props.credit_notes]})
        return EXIT_OK
    print(f"Conciliación «{saved.workspace}» del {when(saved.saved_at)} ({saved.id}), "
          f"por {saved.actor}: {saved.source}")
    if not rows:
        print("No hay propuestas con esos filtros.")
        return EXIT_OK
    print(table(("Ident", "Entidad", "Hallazgo", "Sistema", "Registro", "Cambio", "Estado"),
                [(p.ident[:12], p.entity.value, kind_label(p.entity, p.kind),
                  p.target.value.upper() if p.target else "—", p.source_id or "—",
                  _change_text(p) if p.changes else "—", s.text()) for p, s in rows]))
    reasons: dict[str, int] = {}
    for _, s in rows:
        if s.why_not is not None:
            reasons[s.why_not] = reasons.get(s.why_not, 0) + 1
    if reasons:
        print("\nPor qué no se envían:")
        for reason, count in sorted(reasons.items(), key=lambda r: -r[1]):
            print(f"  {count} × {reason}")
    print(f"\n{sum(1 for _, s in rows if s.why_not is None and not s.made)} se pueden proponer: "
          "cuadre corrections propose --as USUARIO --all (o IDENT…)")
    if merges or props.credit_notes:
        print(f"Además: {len(merges)} fusiones de duplicados (se proponen en la ventana) y "
              f"{len(props.credit_notes)} notas crédito/débito para contabilidad (--json las "
              "lista).")
    return EXIT_OK


_MERGE_WHY = ("Las fusiones se revisan y proponen en la ventana («Fusionar…»), donde se elige "
              "qué valor queda de cada campo; después se aprueban y envían como las demás.")


def _resolve_idents(proposals: Sequence[Proposal], idents: Sequence[str]) -> list[Proposal]:
    by_ident = {p.ident: p for p in proposals}
    return [by_ident[i] for i in resolve_ids(idents, by_ident, PROPOSAL)]


def _propose(args: argparse.Namespace) -> int:
    from app.progress import CancelToken
    from app.progress import run as drive
    from app.writeback.corrections import NotAllowed, roles_of
    from app.writeback.decisions import existing, propose_task, why_not
    from app.writeback.runs import proposals_of

    if bool(args.idents) == bool(args.all):
        raise usage("indique las propuestas (IDENT…) o --all: una de las dos")
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        if "proposer" not in roles_of(store, login):
            raise NotAllowed(f"«{login}» no tiene el rol para proponer: no puede proponer "
                             "correcciones.")
        saved = _saved_run(store, args)
        fields = proposals_of(saved).fields
        chosen = (_selected(fields, args) if args.all else _resolve_idents(fields, args.idents))
        failed: list[str] = []
        already = 0
        to_propose: list[Proposal] = []
        for p in chosen:
            reason = why_not(p)
            if reason is not None:
                if not args.all:  # asked for by name: say why it cannot be
                    failed.append(f"{p.ident[:12]}: {reason}")
            elif existing(store, p):
                already += 1
            else:
                to_propose.append(p)
        outcome = drive(propose_task(store, login, to_propose, args.comment, saved.workspace,
                                     CancelToken()), progress_printer(args.json))
        end_progress(args.json)
        made = [v for p in to_propose for v in existing(store, p, ("proposed",))
                if v.proposer == login]
    failed += outcome.failed
    if args.json:
        emit_json({"run": saved.id, "proposed": [_correction_json(v) for v in made],
                   "already_proposed": already, "failed": failed})
    else:
        for view in made:
            print(_correction_line(view))
        print(f"{outcome.proposed} propuestas hechas ({outcome.corrections} correcciones)"
              + (f"; {already} ya {'estaba propuesta' if already == 1 else 'estaban propuestas'}"
                 if already else "")
              + (f"; {len(failed)} no se pudieron" if failed else "") + ".")
    for message in failed:
        fail(args, message)
    return EXIT_FAILED if failed else EXIT_OK


# --- corrections -----------------------------------------------------------------------------


def _change(v: CorrectionView) -> str:
    """«old → new» for a field, the merge in words for a merge."""
    from app.writeback.decisions import describe

    if v.kind == "merge":
        from app.writeback import merging

        return merging.describe(v)
    return describe(v)


def _correction_json(v: CorrectionView) -> dict[str, Any]:
    return {"id": v.id, "kind": v.kind, "reverts": v.reverts, "workspace": v.workspace,
            "entity": v.entity.value,
            "system": v.system.value, "source_id": v.source_id, "field": v.field,
            "old": to_json_value(v.old_value), "new": to_json_value(v.new_value),
            "state": v.state, "proposer": v.proposer, "last_editor": v.last_editor,
            "approver": v.approver, "decided_by": v.decided_by,
            "created_at": v.created_at.isoformat(), "updated_at": v.updated_at.isoformat(),
            "version": v.version}


def _correction_line(v: CorrectionView) -> str:
    return (f"{v.id}  {STATE_WORDS.get(v.state, v.state)}  {v.system.value.upper()} "
            f"{v.entity.value} {v.source_id} {v.field}: {_change(v)}")


def _list(args: argparse.Namespace) -> int:
    from app.domain.schema import Entity
    from app.writeback.decisions import queue

    state = choice(args.state, STATE_WORDS, "estado") if args.state else None
    with open_workspace(args) as store:
        items = queue(store, state=state,
                      entity=Entity(args.entity) if args.entity else None)
    if args.workspace:
        items = [i for i in items if i.view.workspace == args.workspace.strip()]
    if args.json:
        emit_json([{**_correction_json(i.view), "authors": sorted(i.authors),
                    "last_comment": i.last_comment} for i in items])
    elif not items:
        print("No hay correcciones con esos filtros.")
    else:
        print(table(("Id", "Estado", "Sistema", "Entidad", "Registro", "Campo", "Cambio",
                     "Propuso", "Aprobó", "Actualizada"),
                    [(short_id(i.view.id), STATE_WORDS.get(i.view.state, i.view.state),
                      i.view.system.value.upper(), i.view.entity.value, i.view.source_id,
                      i.view.field, _change(i.view), i.view.proposer, i.view.approver or "—",
                      when(i.view.updated_at)) for i in items]))
    return EXIT_OK


def correction_ids(store: Store, ids: Sequence[str]) -> list[str]:
    """The corrections ``ids`` name (whole ids or unique beginnings: :func:`resolve_id`)."""
    from app.writeback import corrections

    return resolve_ids(ids, [v.id for v in corrections.listing(store)], CORRECTION)


@dataclass(slots=True)
class _Decided:
    done: list[CorrectionView] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # maker-checker, roles
    failed: list[str] = field(default_factory=list)  # state, concurrency, not found
    left: int = 0  # --all: written by this person, left for someone else

    @property
    def code(self) -> int:
        return EXIT_REFUSED if self.refused else EXIT_FAILED if self.failed else EXIT_OK


def _decide(args: argparse.Namespace) -> int:
    from app.domain.schema import Entity
    from app.writeback import corrections, decisions

    if bool(args.ids) == bool(args.all):
        raise usage("indique las correcciones (ID…) o --all: una de las dos")
    login = actor(args)
    assert login is not None
    act = {"approve": corrections.approve, "reject": corrections.reject,
           "defer": corrections.defer}[args.corrections_action]
    result = _Decided()
    with open_workspace(args) as store:
        needed = _DECIDERS[args.corrections_action]
        if not corrections.roles_of(store, login) & needed:
            word = {"approve": "aprobar", "reject": "rechazar", "defer": "aplazar"}
            raise corrections.NotAllowed(f"«{login}» no tiene el rol para "
                                         f"{word[args.corrections_action]} correcciones.")
        work: list[tuple[str, int | None]]
        if args.all:
            items = decisions.queue(store, state="proposed",
                                    entity=Entity(args.entity) if args.entity else None)
            if args.workspace:
                items = [i for i in items if i.view.workspace == args.workspace.strip()]
            items.reverse()  # oldest first, as they were proposed
            if args.corrections_action == "approve":
                mine = [i for i in items if login in i.authors or login == i.view.proposer]
                result.left = len(mine)
                items = [i for i in items if i not in mine]
            # The version listed: a correction changed meanwhile is refused, not decided blind.
            work = [(i.view.id, i.view.version) for i in items]
        else:
            work = [(i, None) for i in correction_ids(store, args.ids)]
        for correction_id, version in work:
            try:
                result.done.append(act(store, login, correction_id, comment=args.comment,
                                       expected_version=version))
            except corrections.NotAllowed as exc:
                result.refused.append(f"{correction_id}: {exc}")
                if exc.code != "maker_checker":  # a missing role refuses every item alike
                    break
            except corrections.CorrectionError as exc:
                result.failed.append(f"{correction_id}: {exc}")
    _report_decisions(args, result)
    return result.code


#: Who may take each decision (the service checks again, per item).
_DECIDERS = {"approve": {"approver"}, "reject": {"approver"},
             "defer": {"proposer", "approver", "admin"}}
_DONE_WORDS = {"approve": "aprobadas", "reject": "rechazadas", "defer": "aplazadas"}


def _report_decisions(args: argparse.Namespace, result: _Decided) -> None:
    if args.json:
        emit_json({"done": [_correction_json(v) for v in result.done],
                   "refused": result.refused, "failed": result.failed,
                   "left_for_someone_else": result.left})
    else:
        for view in result.done:
            print(_correction_line(view))
        text = f"{len(result.done)} {_DONE_WORDS[args.corrections_action]}"
        if result.left:
            text += (f"; {result.left} las propuso o editó usted: debe aprobarlas otra persona")
        print(text + ".")
    for message in result.refused + result.failed:
        fail(args, message)


#: One decision on one correction: (store, who, the correction as it is) → the result.
_OneAction = Callable[["Store", str, "CorrectionView"], "CorrectionView"]


def _on_one(args: argparse.Namespace, do: _OneAction, note: Callable[[CorrectionView], str | None]
            ) -> int:
    """Resolve ``args.id``, act on it, and print the correction as it ended (and ``note``)."""
    from app.writeback import corrections

    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        [correction_id] = correction_ids(store, [args.id])
        current = corrections.get(store, correction_id)
        view = do(store, login, current)
    if args.json:
        emit_json(_correction_json(view))
    else:
        print(_correction_line(view))
        text = note(current)
        if text:
            print(text)
    return EXIT_OK


def _edit(args: argparse.Namespace) -> int:
    from app.writeback import corrections
    from app.writeback.decisions import parse_value

    return _on_one(args, lambda store, login, current: corrections.edit(
        store, login, current.id, new=parse_value(current.field, args.value),
        comment=args.comment, expected_version=current.version),
        lambda current: "La corrección perdió su aprobación: debe aprobarla otra persona."
        if current.state == "approved" else None)


def _undo(args: argparse.Namespace) -> int:
    from app.writeback import corrections, merging

    def undo(store: Store, login: str, current: CorrectionView) -> CorrectionView:
        revert = merging.undo_merge if merging.is_merge(current) else corrections.undo
        return revert(store, login, current.id, comment=args.comment)

    return _on_one(args, undo, lambda _: "Propuesta para deshacer: debe aprobarla otra persona "
                                         "antes de enviarla.")


def _redecide(args: argparse.Namespace) -> int:
    from app.writeback import corrections
    from app.writeback.decisions import parse_value

    return _on_one(args, lambda store, login, current: corrections.redecide(
        store, login, current.id,
        new=None if args.value is None else parse_value(current.field, args.value),
        comment=args.comment, expected_version=current.version),
        lambda _: "Vuelve a «propuesta»: necesita una aprobación nueva, de otra persona.")
