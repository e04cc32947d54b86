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
characters long, as the listings print them (:func:`app.cli.common.resolve_id`). Proposing and
deciding call what the window calls (:mod:`app.writeback.decisions`: ``plan_task`` and
``propose_all``, one correction per field and never twice for the same proposal; ``decide_all``;
``undo``), through :mod:`app.writeback.corrections`, which enforces maker-checker and roles
(exit 3 when they refuse). This module parses, calls and prints.

``approve --all`` approves every proposed correction the person may approve: the ones they
proposed or edited are left for someone else (and counted), not refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.cli.common import (
    CORRECTION,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    PROPOSAL,
    RUN,
    actor,
    add_common,
    choice,
    correction_json,
    correction_line,
    emit_json,
    end_progress,
    entity_choices,
    entity_type,
    exit_codes_help,
    fail,
    field_code,
    open_workspace,
    progress_printer,
    resolve_id,
    resolve_ids,
    short_id,
    table,
    usage,
    when,
    when_said,
    workspace_help,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.labels import (
    CORRECTION_STATE_WORDS,
    entity_label,
    field_label,
    kind_label,
    state_word,
    system_label,
)
from app.domain.schema import Entity
from app.progress import run as drive
from app.reconcile.customers import display_name
from app.store.db import Store
from app.writeback import corrections
from app.writeback.corrections import CorrectionView
from app.writeback.decisions import (
    Decided,
    Decision,
    decide_all,
    existing,
    plan_task,
    propose_all,
    require_decider,
    undo,
    why_not,
)
from app.writeback.errors import CorrectionError
from app.writeback.people import Role, require_role
from app.writeback.proposals import Action, Proposal
from app.writeback.queue import describe, queue
from app.writeback.runs import RunView, get_run, latest_run, proposals_of, runs
from app.writeback.states import CorrectionState
from app.writeback.values import parse_value, shown

#: The entities whose corrections ``--entity`` picks (their codes or Spanish names).
ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)
def _entity_help() -> str:
    return tr_cli("cli.corrections", "solo de esa entidad: {entities}").format(
        entities=entity_choices(ENTITIES))


def _add_entity(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    parser.add_argument("--entity", type=entity_type(ENTITIES),
                        metavar=tr_cli("cli.corrections", "ENTIDAD"),
                        help=help_text or _entity_help())


def add_parser(sub: Any) -> None:
    corr = sub.add_parser("corrections", help=tr_cli(
        "cli.corrections", "proponer, aprobar y listar correcciones"),
                          description=tr_cli(
                              "cli.corrections", "Las propuestas de la última conciliación guardada y "
                                                 "las correcciones con maker-checker: quien propone no "
                                                 "aprueba."))
    corr.epilog = exit_codes_help()
    actions = corr.add_subparsers(dest="corrections_action",
                                  metavar=tr_cli("cli.corrections", "ACCIÓN"), required=True)

    props = actions.add_parser(
        "proposals", help=tr_cli("cli.corrections", "las propuestas de la última conciliación guardada"),
        description=tr_cli(
            "cli.corrections", "Lista las propuestas de la conciliación guardada más reciente: su "
                               "identificador, si se pueden proponer para enviar y, si no, por qué."))
    _run_filters(props)
    props.add_argument("--pushable", action="store_true",
                       help=tr_cli("cli.corrections", "solo las que se pueden proponer para enviar"))
    add_common(props, actor=False, json_output=True)

    propose = actions.add_parser(
        "propose", help=tr_cli("cli.corrections", "proponer correcciones desde las propuestas"),
        description=tr_cli(
            "cli.corrections", "Propone las propuestas indicadas por su identificador, o todas las que "
                               "se pueden enviar (--all, con --entity y --field para acotar)."))
    propose.add_argument("idents", nargs="*", metavar=tr_cli("cli.corrections", "IDENT"), help=tr_cli(
        "cli.corrections", "identificador de la propuesta"))
    propose.add_argument("--all", action="store_true",
                         help=tr_cli(
                             "cli.corrections", "todas las que se pueden proponer y aún no están "
                                                "propuestas"))
    _run_filters(propose)
    propose.add_argument("--comment", metavar=tr_cli("cli.corrections", "TEXTO"), help=tr_cli(
        "cli.corrections", "comentario para quien apruebe"))
    add_common(propose, json_output=True)

    listing = actions.add_parser("list", help=tr_cli("cli.corrections", "listar las correcciones"),
                                 description=tr_cli(
                                     "cli.corrections", "Lista las correcciones, la más reciente primero."))
    listing.add_argument("--state", metavar=tr_cli("cli.corrections", "ESTADO"),
                         help=tr_cli(
                             "cli.corrections", "propuesta, aprobada, rechazada, aplazada, en cola, "
                                                "aplicada, en conflicto, fallida…"))
    _add_entity(listing)
    listing.add_argument("--workspace", metavar=tr_cli("cli.corrections", "NOMBRE"), help=tr_cli(
        "cli.corrections", "solo de ese espacio de trabajo"))
    add_common(listing, actor=False, json_output=True)

    _add_decisions(actions)
    _add_changes(actions)


def _add_decisions(actions: Any) -> None:
    """approve, reject and defer."""
    for name, helping, words in (
            ("approve", tr_cli("cli.corrections", "aprobar correcciones propuestas"),
             tr_cli("cli.corrections", "Aprueba las correcciones indicadas por su id, o todas las "
                    "propuestas (--all).")),
            ("reject", tr_cli("cli.corrections", "rechazar correcciones propuestas"),
             tr_cli("cli.corrections", "Rechaza las correcciones indicadas por su id, o todas las "
                    "propuestas (--all).")),
            ("defer", tr_cli("cli.corrections", "aplazar correcciones propuestas"),
             tr_cli("cli.corrections", "Aplaza las correcciones indicadas por su id, o todas las "
                    "propuestas (--all).")),
    ):
        decide = actions.add_parser(name, help=helping, description=words)
        decide.add_argument("ids", nargs="*", metavar=tr_cli("cli.corrections", "ID"), help=tr_cli(
            "cli.corrections", "id de la corrección"))
        decide.add_argument("--all", action="store_true", help=tr_cli(
            "cli.corrections", "todas las propuestas"))
        _add_entity(decide, tr_cli("cli.corrections", "con --all: {what}").format(
            what=_entity_help()))
        decide.add_argument("--workspace", metavar=tr_cli("cli.corrections", "NOMBRE"),
                            help=tr_cli("cli.corrections", "con --all: solo de ese espacio de trabajo"))
        decide.add_argument("--comment", metavar=tr_cli("cli.corrections", "TEXTO"), help=tr_cli(
            "cli.corrections", "comentario (queda en la auditoría)"))
        add_common(decide, json_output=True)


def _add_changes(actions: Any) -> None:
    """edit, undo and redecide."""
    edit = actions.add_parser(
        "edit", help=tr_cli("cli.corrections", "cambiar el valor nuevo de una corrección"),
        description=tr_cli(
            "cli.corrections", "Cambia el valor nuevo de una corrección; si estaba aprobada, pierde la "
                               "aprobación y quien la edita ya no puede aprobarla."))
    edit.add_argument("id", metavar=tr_cli("cli.corrections", "ID"), help=tr_cli(
        "cli.corrections", "id de la corrección"))
    edit.add_argument("--value", required=True, metavar=tr_cli("cli.corrections", "VALOR"),
                      help=tr_cli(
                          "cli.corrections", "el valor nuevo (pesos como 1.200.000; fechas dd/mm/aaaa; "
                                             "vacío: borrar)"))
    edit.add_argument("--comment", metavar=tr_cli("cli.corrections", "TEXTO"), help=tr_cli(
        "cli.corrections", "comentario"))
    add_common(edit, json_output=True)

    undo = actions.add_parser(
        "undo", help=tr_cli("cli.corrections", "proponer deshacer una corrección o fusión aplicada"),
        description=tr_cli(
            "cli.corrections", "Propone una corrección nueva que devuelve el registro al valor que tenía "
                               "antes (o deshace una fusión); necesita su propia aprobación."))
    undo.add_argument("id", metavar=tr_cli("cli.corrections", "ID"), help=tr_cli(
        "cli.corrections", "id de la corrección aplicada"))
    undo.add_argument("--comment", metavar=tr_cli("cli.corrections", "TEXTO"), help=tr_cli(
        "cli.corrections", "por qué se deshace"))
    add_common(undo, json_output=True)

    again = actions.add_parser(
        "redecide", help=tr_cli(
            "cli.corrections", "devolver a «propuesta» una corrección en conflicto o fallida"),
        description=tr_cli(
            "cli.corrections", "Devuelve a «propuesta» una corrección en conflicto (con el valor que hoy "
                               "tiene el sistema como punto de partida), fallida o rechazada por el "
                               "sistema; necesita una aprobación nueva, de otra persona."))
    again.add_argument("id", metavar=tr_cli("cli.corrections", "ID"), help=tr_cli(
        "cli.corrections", "id de la corrección"))
    again.add_argument("--value", metavar=tr_cli("cli.corrections", "VALOR"), help=tr_cli(
        "cli.corrections", "otro valor nuevo (por defecto, el mismo)"))
    again.add_argument("--comment", metavar=tr_cli("cli.corrections", "TEXTO"), help=tr_cli(
        "cli.corrections", "comentario"))
    add_common(again, json_output=True)


def _run_filters(parser: argparse.ArgumentParser) -> None:
    _add_entity(parser)
    parser.add_argument("--field", action="append", metavar=tr_cli("cli.corrections", "CAMPO"),
                        type=field_code,
                        help=tr_cli(
                            "cli.corrections", "solo de ese campo (teléfono, correo, nombre, ciudad…, o "
                                               "su código: phone, email…; repita para varios)"))
    parser.add_argument("--workspace", metavar=tr_cli("cli.corrections", "NOMBRE"), help=workspace_help())
    parser.add_argument("--run", metavar=tr_cli("cli.corrections", "ID"), help=tr_cli(
        "cli.corrections", "otra conciliación guardada (por su id)"))




def run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "proposals": _proposals, "propose": _propose, "list": _list, "edit": _edit,
        "undo": _undo, "redecide": _redecide}
    return handlers.get(args.corrections_action, _decide)(args)


# --- proposals -------------------------------------------------------------------------------


def _saved_run(store: Store, args: argparse.Namespace) -> RunView:
    if args.run:
        found = get_run(store, resolve_id(args.run, [r.id for r in runs(store)], RUN))
        if found is None:  # gone between the listing and the reading
            raise usage(tr_cli(
                "cli.corrections", "no existe la conciliación guardada «{strip}»").format(
                strip=args.run.strip()))
        return found
    name = workspace_name(args)
    found = latest_run(store, name)
    if found is None:
        where = tr_cli("cli.corrections", " en «{name}»").format(name=name) if name else ""
        raise CorrectionError(tr_cli("cli.corrections", "No hay conciliaciones guardadas{where}: "
                                     "ejecute primero «cuadre workspace reconcile …».")
                              .format(where=where), "no_run")
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
            states = sorted({state_word(v.state) for v in self.made})
            return tr_cli("cli.corrections", "ya propuesta ({states})").format(
                states=", ".join(states))
        return tr_cli("cli.corrections", "se puede proponer") if self.why_not is None \
            else tr_cli("cli.corrections", "no se envía")


def _status(store: Store, p: Proposal) -> _Status:
    reason = why_not(p)
    return _Status(reason, existing(store, p) if reason is None else [])


def _proposal_json(p: Proposal, status: _Status) -> dict[str, Any]:
    return {**p.to_json(), "pushable": status.why_not is None, "why_not": status.why_not,
            "corrections": [{"id": v.id, "field": v.field, "state": v.state}
                            for v in status.made]}


def _change_text(p: Proposal) -> str:
    if p.action is Action.CREATE and p.entity is Entity.CUSTOMERS:
        values = {c.field: c.proposed for c in p.changes}
        return tr_cli("cli.corrections", "Nuevo cliente: {name} ({doc})").format(
            name=display_name(values) or "—",
            doc=f"{values.get('doc_type') or ''} {values.get('doc_number')}".strip())
    return "; ".join(f"{field_label(c.field)}: {shown(c.field, c.current)} → "
                     f"{shown(c.field, c.proposed)}"
                     for c in p.changes)


def _proposals(args: argparse.Namespace) -> int:
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
    print(tr_cli(
        "cli.corrections", "Conciliación «{workspace}» del {when_said} ({id}), por {actor}: "
                           "{source}").format(
        workspace=saved.workspace, when_said=when_said(saved.saved_at), id=saved.id,
        actor=saved.actor, source=saved.source))
    if not rows:
        print(tr_cli("cli.corrections", "No hay propuestas con esos filtros."))
        return EXIT_OK
    print(table((tr_cli("cli.corrections", "Ident"), tr_cli("cli.corrections", "Entidad"), tr_cli(
        "cli.corrections", "Hallazgo"), tr_cli("cli.corrections", "Sistema"), tr_cli(
            "cli.corrections", "Registro"), tr_cli("cli.corrections", "Cambio"), tr_cli(
                "cli.corrections", "Estado")),
                [(p.ident[:12], entity_label(p.entity), kind_label(p.entity, p.kind),
                  system_label(p.target.value) if p.target else "—", p.source_id or "—",
                  _change_text(p) if p.changes else "—", s.text()) for p, s in rows]))
    reasons: dict[str, int] = {}
    for _, s in rows:
        if s.why_not is not None:
            reasons[s.why_not] = reasons.get(s.why_not, 0) + 1
    if reasons:
        print(tr_cli("cli.corrections", "\nPor qué no se envían:"))
        for reason, count in sorted(reasons.items(), key=lambda r: -r[1]):
            print(tr_cli("cli.corrections", "  {count} × {reason}").format(count=count, reason=reason))
    print(tr_cli(
        "cli.corrections", "\n{sum} se pueden proponer: cuadre corrections propose --as USUARIO --all (o "
                           "IDENT…)").format(
        sum=sum((1 for _, s in rows if s.why_not is None and (not s.made)))))
    if merges or props.credit_notes:
        print(tr_cli(
            "cli.corrections", "Además: {count} fusiones de duplicados (se proponen en la ventana) y "
                               "{count2} notas crédito/débito para contabilidad (--json las lista).").format(
            count=len(merges), count2=len(props.credit_notes)))
    return EXIT_OK


_MERGE_WHY = ("Las fusiones se revisan y proponen en la ventana («Fusionar…»), donde se elige "
              "qué valor queda de cada campo; después se aprueban y envían como las demás.")


def _resolve_idents(proposals: Sequence[Proposal], idents: Sequence[str]) -> list[Proposal]:
    by_ident = {p.ident: p for p in proposals}
    return [by_ident[i] for i in resolve_ids(idents, by_ident, PROPOSAL)]


def _with_requirements(chosen: Sequence[Proposal], proposals: Sequence[Proposal]
                       ) -> list[Proposal]:
    """``chosen`` with what each needs first (a reservation's customer, created in the ERP:
    ``Proposal.requires``) placed before it, so it is proposed, approved and sent first."""
    by_ident = {p.ident: p for p in proposals}
    out: list[Proposal] = []
    for p in chosen:
        first = by_ident.get(p.requires) if p.requires else None
        if first is not None and first not in out:
            out.append(first)
        if p not in out:
            out.append(p)
    return out


def _propose(args: argparse.Namespace) -> int:
    if bool(args.idents) == bool(args.all):
        raise usage(tr_cli("cli.corrections", "indique las propuestas (IDENT…) o --all: una de las dos"))
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        require_role(store, login, Role.PROPOSER, "proponer correcciones")
        saved = _saved_run(store, args)
        fields = proposals_of(saved).fields
        chosen = _with_requirements(
            _selected(fields, args) if args.all else _resolve_idents(fields, args.idents), fields)
        plan = drive(plan_task(store, chosen, total=len(chosen)))
        outcome = drive(propose_all(store, login, plan.to_propose, args.comment,
                                    saved.workspace), progress_printer(args.json))
        end_progress(args.json)
    # Asked for by name, a proposal that cannot be sent says why; --all passes over them.
    failed = [] if args.all else [f"{p.ident[:12]}: {why}" for p, why in plan.refused]
    failed += outcome.failed
    already = plan.already
    if args.json:
        emit_json({"run": saved.id, "proposed": [correction_json(v) for v in outcome.made],
                   "already_proposed": already, "failed": failed})
    else:
        for view in outcome.made:
            print(correction_line(view))
        was = tr_cli("cli.corrections", "{already} ya estaba propuesta") if already == 1 \
            else tr_cli("cli.corrections", "{already} ya estaban propuestas")
        print(tr_cli("cli.corrections", "{proposed} propuestas hechas ({corrections} correcciones)")
              .format(proposed=outcome.proposed, corrections=outcome.corrections)
              + ("; " + was.format(already=already) if already else "")
              + (tr_cli("cli.corrections", "; {count} no se pudieron").format(count=len(failed))
                 if failed else "") + ".")
    for message in failed:
        fail(args, message)
    return EXIT_FAILED if failed else EXIT_OK


# --- corrections -----------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    state = choice(args.state, CORRECTION_STATE_WORDS, "estado") if args.state else None
    with open_workspace(args) as store:
        items = queue(store, state=state, entity=Entity(args.entity) if args.entity else None)
    if args.workspace:
        items = [i for i in items if i.view.workspace == args.workspace.strip()]
    if args.json:
        emit_json([{**correction_json(i.view), "authors": sorted(i.authors),
                    "last_comment": i.last_comment} for i in items])
    elif not items:
        print(tr_cli("cli.corrections", "No hay correcciones con esos filtros."))
    else:
        print(table((tr_cli("cli.corrections", "Id"), tr_cli("cli.corrections", "Estado"), tr_cli(
            "cli.corrections", "Sistema"), tr_cli("cli.corrections", "Entidad"), tr_cli(
                "cli.corrections", "Registro"), tr_cli("cli.corrections", "Campo"), tr_cli(
                    "cli.corrections", "Cambio"),
                     tr_cli("cli.corrections", "Propuso"), tr_cli("cli.corrections", "Aprobó"), tr_cli(
                         "cli.corrections", "Actualizada")),
                    [(short_id(i.view.id), state_word(i.view.state),
                      system_label(i.view.system.value), entity_label(i.view.entity),
                      i.view.source_id, field_label(i.view.field), describe(i.view),
                      i.view.proposer, i.view.approver or "—",
                      when(i.view.updated_at)) for i in items]))
    return EXIT_OK


def correction_ids(store: Store, ids: Sequence[str]) -> list[str]:
    """The corrections ``ids`` name (whole ids or unique beginnings: :func:`resolve_id`)."""
    return resolve_ids(ids, [v.id for v in corrections.listing(store)], CORRECTION)


_DONE_WORDS = {Decision.APPROVE: mark_cli("cli.corrections", "aprobadas"),
               Decision.REJECT: mark_cli("cli.corrections", "rechazadas"),
               Decision.DEFER: mark_cli("cli.corrections", "aplazadas")}
_DONE_WORD = {Decision.APPROVE: mark_cli("cli.corrections", "aprobada"),
              Decision.REJECT: mark_cli("cli.corrections", "rechazada"),
              Decision.DEFER: mark_cli("cli.corrections", "aplazada")}


def _decide(args: argparse.Namespace) -> int:
    if bool(args.ids) == bool(args.all):
        raise usage(tr_cli("cli.corrections", "indique las correcciones (ID…) o --all: una de las dos"))
    login = actor(args)
    assert login is not None
    decision = Decision(args.corrections_action)
    with open_workspace(args) as store:
        require_decider(store, login, decision)
        ids = None if args.all else correction_ids(store, args.ids)
        result = decide_all(store, login, decision, ids,
                            entity=Entity(args.entity) if args.entity and args.all else None,
                            workspace=args.workspace.strip() if args.workspace and args.all
                            else None, comment=args.comment)
    _report_decisions(args, decision, result)
    return EXIT_REFUSED if result.refused else EXIT_FAILED if result.failed else EXIT_OK


def _report_decisions(args: argparse.Namespace, decision: Decision, result: Decided) -> None:
    if args.json:
        emit_json({"done": [correction_json(v) for v in result.done],
                   "refused": result.refused, "failed": result.failed,
                   "left_for_someone_else": result.left})
    else:
        for view in result.done:
            print(correction_line(view))
        words = _DONE_WORD if len(result.done) == 1 else _DONE_WORDS
        text = f"{len(result.done)} {tr_marked('cli.corrections', words[decision])}"
        if result.left:
            text += tr_cli("cli.corrections", "; {left} las propuso o editó usted: debe aprobarlas "
                           "otra persona").format(left=result.left)
        print(text + ".")
    for message in result.refused + result.failed:
        fail(args, message)


#: One decision on one correction: (store, who, the correction as it is) → the result.
_OneAction = Callable[[Store, str, CorrectionView], CorrectionView]


def _on_one(args: argparse.Namespace, do: _OneAction, note: Callable[[CorrectionView], str | None]
            ) -> int:
    """Resolve ``args.id``, act on it, and print the correction as it ended (and ``note``)."""
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        [correction_id] = correction_ids(store, [args.id])
        current = corrections.get(store, correction_id)
        view = do(store, login, current)
    if args.json:
        emit_json(correction_json(view))
    else:
        print(correction_line(view))
        text = note(current)
        if text:
            print(text)
    return EXIT_OK


def _edit(args: argparse.Namespace) -> int:
    return _on_one(args, lambda store, login, current: corrections.edit(
        store, login, current.id, new=parse_value(current.field, args.value),
        comment=args.comment, expected_version=current.version),
        lambda current: tr_cli("cli.corrections",
                               "La corrección perdió su aprobación: debe aprobarla otra persona.")
        if current.state == CorrectionState.APPROVED else None)


def _undo(args: argparse.Namespace) -> int:
    return _on_one(args, lambda store, login, current: undo(store, login, current,
                                                            comment=args.comment),
                   lambda _: tr_cli("cli.corrections", "Propuesta para deshacer: debe aprobarla "
                                    "otra persona antes de enviarla."))


def _redecide(args: argparse.Namespace) -> int:
    return _on_one(args, lambda store, login, current: corrections.redecide(
        store, login, current.id,
        new=None if args.value is None else parse_value(current.field, args.value),
        comment=args.comment, expected_version=current.version),
        lambda _: tr_cli("cli.corrections",
                         "Vuelve a «propuesta»: necesita una aprobación nueva, de otra persona."))
