"""``cuadre findings``: the findings of the workspace's latest saved run, and what people do
with them.

    cuadre findings list [--state abierta …] [--entity E] [--assignee LOGIN] [--json]
    cuadre findings reasons [--json]
    cuadre findings assign ID --to LOGIN --as LOGIN [--comment "…"]
    cuadre findings explain ID --reason CÓDIGO --comment "…" --as LOGIN
    cuadre findings reopen ID --as LOGIN [--comment "…"]
    cuadre findings candidates ID [--limit N] [--json]
    cuadre findings match ID CANDIDATO… --comment "…" [--reason CÓDIGO] --as LOGIN
    cuadre findings unmatch ID --as LOGIN [--comment "…"]

A finding is named by its id, or a unique beginning of it at least 6 characters long, as the
listing prints it (:func:`app.cli.common.resolve_id`). The workspace is ``--workspace``,
``CUADRE_WORKSPACE`` or the one of the latest saved run. States and reasons are typed as their
codes or their Spanish words («abierta», «comisión bancaria»). What is done goes through
:mod:`app.findings` (roles, audit rows); this module parses, calls and prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    IdKind,
    actor,
    add_common,
    choice,
    emit_json,
    entity_type,
    exit_codes_help,
    fail,
    open_workspace,
    resolve_id,
    resolve_ids,
    short_id,
    table,
    whole_number,
    workspace_help,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.labels import (
    ENTITY_LABELS,
    FINDING_REASON_LABELS,
    FINDING_REASON_WORDS,
    FINDING_STATE_WORDS,
    finding_state_label,
    kind_label,
)
from app.domain.schema import RECONCILED, Entity
from app.domain.values import fold, format_cop, money_str
from app.findings import FindingError, FindingState, NotPermitted, work
from app.findings.candidates import Candidate, candidates
from app.findings.errors import WRONG_REQUEST
from app.findings.matching import MatchPlan, MatchView, match, plan, unmatch
from app.findings.views import FindingView, findings, ids_of, workspace_of
from app.store.db import Store

FINDING = IdKind(mark_cli("cli.ids", "hallazgo"), mark_cli("cli.ids", "hallazgos"),
                 mark_cli("cli.ids", "ningún hallazgo"))


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "findings", help=tr_cli(
            "cli.findings", "los hallazgos: estado, responsable, explicación y conciliación a mano"),
        description=tr_cli(
            "cli.findings", "Los hallazgos de la última conciliación guardada del espacio de trabajo: su "
                            "estado, a quién se asignaron, por qué siguen ahí, y conciliar a mano lo que "
                            "quedó sin contraparte."))
    command.epilog = exit_codes_help()
    actions = command.add_subparsers(dest="findings_action",
                                     metavar=tr_cli("cli.findings", "ACCIÓN"), required=True)
    listing = actions.add_parser("list", help=tr_cli("cli.findings", "listar los hallazgos"),
                                 description=tr_cli(
                                     "cli.findings", "Lista los hallazgos vivos (los resueltos con "
                                                     "--state resuelta), los de más pesos en juego "
                                                     "primero."))
    listing.add_argument("--state", action="append", metavar=tr_cli("cli.findings", "ESTADO"),
                         help=tr_cli("cli.findings", "{states} (repita para varios)").format(
                             states=", ".join(FINDING_STATE_WORDS.values())))
    listing.add_argument("--entity", type=entity_type(RECONCILED),
                         metavar=tr_cli("cli.findings", "ENTIDAD"),
                         help=tr_cli("cli.findings", "solo de esa entidad (clientes, pagos o vehículos)"))
    listing.add_argument("--assignee", metavar=tr_cli("cli.findings", "USUARIO"), help=tr_cli(
        "cli.findings", "solo los asignados a esa persona"))
    listing.add_argument("--month", metavar=tr_cli("cli.findings", "AAAA-MM"),
                         help=tr_cli(
                             "cli.findings", "solo los de ese mes (la fecha del pago, o cuando se vio "
                                             "primero)"))
    listing.add_argument("--branch", metavar=tr_cli("cli.findings", "SEDE"), help=tr_cli(
        "cli.findings", "solo los de esa sede"))
    _common(listing, actor=False, json_output=True)
    reasons = actions.add_parser("reasons", help=tr_cli(
        "cli.findings", "los motivos para explicar un hallazgo"),
                                 description=tr_cli(
                                     "cli.findings", "Los motivos con que se explica un hallazgo o la "
                                                     "diferencia de una conciliación a mano."))
    add_common(reasons, actor=False, json_output=True)
    assign = actions.add_parser("assign", help=tr_cli("cli.findings", "asignar un hallazgo a una persona"),
                                description=tr_cli(
                                    "cli.findings", "Asigna un hallazgo a una persona del espacio de "
                                                    "trabajo."))
    _finding(assign)
    assign.add_argument("--to", required=True, metavar=tr_cli("cli.findings", "USUARIO"), help=tr_cli(
        "cli.findings", "a quién se asigna"))
    assign.add_argument("--comment", metavar=tr_cli("cli.findings", "TEXTO"), help=tr_cli(
        "cli.findings", "un comentario"))
    _common(assign, json_output=True)
    explain = actions.add_parser("explain", help=tr_cli(
        "cli.findings", "explicar por qué sigue un hallazgo"),
                                 description=tr_cli(
                                     "cli.findings", "Explica un hallazgo con un motivo de la lista "
                                                     "(cuadre findings reasons) y un comentario."))
    _finding(explain)
    explain.add_argument("--reason", required=True, metavar=tr_cli("cli.findings", "MOTIVO"),
                         help=tr_cli(
                             "cli.findings", "código o nombre del motivo (en_transito… o «pago en "
                                             "tránsito»)"))
    explain.add_argument("--comment", required=True, metavar=tr_cli("cli.findings", "TEXTO"), help=tr_cli(
        "cli.findings", "la explicación"))
    _common(explain, json_output=True)
    reopen = actions.add_parser("reopen", help=tr_cli("cli.findings", "volver a abrir un hallazgo"),
                                description=tr_cli(
                                    "cli.findings", "Deja un hallazgo explicado o asignado otra vez "
                                                    "abierto (con su responsable, si tiene)."))
    _finding(reopen)
    reopen.add_argument("--comment", metavar=tr_cli("cli.findings", "TEXTO"), help=tr_cli(
        "cli.findings", "por qué se reabre"))
    _common(reopen, json_output=True)
    _add_matching(actions)


def _add_matching(actions: Any) -> None:
    cands = actions.add_parser(
        "candidates", help=tr_cli(
            "cli.findings", "candidatos del otro sistema para un registro sin contraparte"),
        description=tr_cli(
            "cli.findings", "Para un pago, recibo, cliente o vehículo sin contraparte, los registros del "
                            "otro sistema que tampoco la tienen, ordenados con el porqué."))
    _finding(cands)
    cands.add_argument("--limit", type=whole_number, default=10, metavar=tr_cli("cli.findings", "N"),
                       help=tr_cli("cli.findings", "cuántos mostrar (10; 0 para todos)"))
    _common(cands, actor=False, json_output=True)
    matching = actions.add_parser(
        "match", help=tr_cli(
            "cli.findings", "conciliar a mano un registro con uno o varios del otro sistema"),
        description=tr_cli(
            "cli.findings", "Concilia a mano el registro de un hallazgo con uno o varios candidatos del "
                            "otro sistema (1:1, 1:n o n:1). Si los valores difieren, diga el motivo "
                            "(redondeo, comisión bancaria o retención)."))
    _finding(matching)
    matching.add_argument("candidates", nargs="+", metavar=tr_cli("cli.findings", "CANDIDATO"),
                          help=tr_cli(
                              "cli.findings", "id del hallazgo del otro sistema (como lo muestra "
                                              "candidates)"))
    matching.add_argument("--comment", metavar=tr_cli("cli.findings", "TEXTO"), help=tr_cli(
        "cli.findings", "por qué (obligatorio al conciliar)"))
    matching.add_argument("--reason", metavar=tr_cli("cli.findings", "MOTIVO"),
                          help=tr_cli(
                              "cli.findings", "motivo de la diferencia: redondeo, comisión bancaria o "
                                              "retención"))
    matching.add_argument("--preview", action="store_true",
                          help=tr_cli("cli.findings", "mostrar los totales y la diferencia sin conciliar"))
    _common(matching, json_output=True)
    undo = actions.add_parser("unmatch", help=tr_cli("cli.findings", "deshacer una conciliación a mano"),
                              description=tr_cli(
                                  "cli.findings", "Deshace la conciliación a mano que incluye este "
                                                  "hallazgo: sus hallazgos vuelven a estar abiertos."))
    _finding(undo)
    undo.add_argument("--comment", metavar=tr_cli("cli.findings", "TEXTO"), help=tr_cli(
        "cli.findings", "por qué se deshace"))
    _common(undo, json_output=True)


def _finding(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("finding", metavar=tr_cli("cli.findings", "ID"), help=tr_cli(
        "cli.findings", "id del hallazgo (6 caracteres o más)"))


def _common(parser: argparse.ArgumentParser, *, actor: bool = True,
            json_output: bool = False) -> None:
    parser.add_argument("--workspace", metavar=tr_cli("cli.findings", "NOMBRE"), help=workspace_help())
    add_common(parser, actor=actor, json_output=json_output)


def run(args: argparse.Namespace) -> int:
    """One action; a refusal of the findings' services is one sentence and its exit code."""
    try:
        return _ACTIONS[args.findings_action](args)
    except NotPermitted as exc:
        fail(args, str(exc))
        return EXIT_REFUSED
    except FindingError as exc:
        fail(args, str(exc))
        return EXIT_USAGE if exc.code in WRONG_REQUEST else EXIT_FAILED


def _workspace(store: Store, args: argparse.Namespace) -> str:
    return workspace_of(store, workspace_name(args))


def _one(store: Store, workspace: str, given: str) -> str:
    return resolve_id(given, ids_of(store, workspace), FINDING)


# --- listing ----------------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    what = tr_cli("cli.findings", "estado")
    states = [FindingState(choice(s, FINDING_STATE_WORDS, what)) for s in args.state or ()]
    with open_workspace(args) as store:
        name = _workspace(store, args)
        found = findings(store, name, states=states or None, entity=args.entity)
    found = [f for f in found if _wanted(f, args)]
    found.sort(key=lambda f: (-(f.at_stake or Decimal(0)), -f.age(), f.id))
    if args.json:
        emit_json({"workspace": name, "findings": [f.to_json() for f in found]})
        return EXIT_OK
    if not found:
        narrowed = states or args.entity or args.assignee or args.month or args.branch
        print(tr_cli("cli.findings", "No hay hallazgos así en «{name}».").format(name=name)
              if narrowed else tr_cli("cli.findings", "No hay hallazgos en «{name}».").format(name=name))
        return EXIT_OK
    print(table((tr_cli("cli.findings", "Hallazgo"), tr_cli("cli.findings", "Estado"),
                 tr_cli("cli.findings", "Entidad"), tr_cli("cli.findings", "Diferencia"),
                 tr_cli("cli.findings", "Registros"), tr_cli("cli.findings", "Referencia"),
                 tr_cli("cli.findings", "En juego"), tr_cli("cli.findings", "Responsable"),
                 tr_cli("cli.findings", "Días")),
                [(short_id(f.id), finding_state_label(f.state), ENTITY_LABELS[f.entity],
                  kind_label(f.entity, f.kind), records_text(f), f.ref or "—",
                  format_cop(f.at_stake), f.assignee or "—", str(f.age())) for f in found]))
    total = sum((f.at_stake or Decimal(0) for f in found), Decimal(0))
    print(tr_cli(
        "cli.findings", "\n{count} en «{name}», {amount} en juego.").format(
        count=_count(len(found)), name=name, amount=format_cop(total)))
    return EXIT_OK


def _wanted(f: FindingView, args: argparse.Namespace) -> bool:
    """The filters the store does not apply: owner, month, branch (accents and case aside)."""
    if args.assignee and f.assignee != args.assignee.strip().lower():
        return False
    if args.month and f.month != args.month.strip():
        return False
    return not args.branch or fold(f.branch or "") == fold(args.branch)


def _count(n: int) -> str:
    return (tr_cli("cli.findings", "{n} hallazgo") if n == 1
            else tr_cli("cli.findings", "{n} hallazgos")).format(n=n)


def records_text(f: FindingView) -> str:
    """«CRM P-000311 · ERP 330»."""
    parts = []
    if f.crm_ids:
        parts.append("CRM " + ", ".join(f.crm_ids))
    if f.erp_ids:
        parts.append("ERP " + ", ".join(f.erp_ids))
    return " · ".join(parts) or "—"


def _reasons(args: argparse.Namespace) -> int:
    if args.json:
        emit_json([{"code": code, "label": label} for code, label in FINDING_REASON_LABELS.items()])
    else:
        print(table((tr_cli("cli.findings", "Código"), tr_cli("cli.findings", "Motivo")),
                    list(FINDING_REASON_LABELS.items())))
    return EXIT_OK


# --- assigning, explaining, reopening ---------------------------------------------------------


def _act(args: argparse.Namespace, call: Callable[[Store, str, str, str], FindingView],
         done: Callable[[FindingView], str]) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        name = _workspace(store, args)
        view = call(store, login, name, _one(store, name, args.finding))
    if args.json:
        emit_json(view.to_json())
    else:
        print(tr_cli(
            "cli.findings", "Hallazgo {id} ({entity} · {kind}) {done}.").format(
            id=short_id(view.id), entity=ENTITY_LABELS[view.entity],
            kind=kind_label(view.entity, view.kind), done=done(view)))
    return EXIT_OK


def _assign(args: argparse.Namespace) -> int:
    return _act(args, lambda s, who, ws, fid: work.assign(s, who, ws, fid, args.to, args.comment),
                lambda v: tr_cli("cli.findings", "asignado a {who}").format(who=v.assignee))


def _explain(args: argparse.Namespace) -> int:
    reason = choice(args.reason, FINDING_REASON_LABELS, tr_cli("cli.findings", "motivo"))
    return _act(args, lambda s, who, ws, fid: work.explain(s, who, ws, fid, reason, args.comment),
                lambda v: tr_cli("cli.findings", "explicado: {reason}").format(
                    reason=FINDING_REASON_WORDS[reason]))


def _reopen(args: argparse.Namespace) -> int:
    return _act(args, lambda s, who, ws, fid: work.reopen(s, who, ws, fid, args.comment),
                lambda v: tr_cli("cli.findings", "reabierto: {state}").format(
                    state=FINDING_STATE_WORDS[v.state]))


# --- matching by hand -------------------------------------------------------------------------


def _candidates(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        name = _workspace(store, args)
        finding, found = candidates(store, name, _one(store, name, args.finding),
                                    limit=args.limit or None)
    if args.json:
        emit_json({"finding": finding.to_json(), "candidates": [c.to_json() for c in found]})
        return EXIT_OK
    print(finding_line(finding) + "\n")
    if not found:
        print(tr_cli(
            "cli.findings", "Ningún registro del otro sistema sin contraparte comparte con este factura, "
                            "cliente, valor, documento, nombre, teléfono, correo ni VIN."))
        return EXIT_OK
    head, cells = _CANDIDATE_COLUMNS[finding.entity]
    head = [tr_marked("cli.findings", h) for h in head]
    print(table((tr_cli("cli.findings", "Candidato"), tr_cli("cli.findings", "Puntos"),
                 tr_cli("cli.findings", "Registro"), *head, tr_cli("cli.findings", "Por qué")),
                [(short_id(c.finding.id), str(c.score), records_text(c.finding), *cells(c),
                  c.why()) for c in found]))
    print(tr_cli(
        "cli.findings", '\nPara conciliar: cuadre findings match {short_id} CANDIDATO… --comment "…" '
                        "--as USUARIO").format(short_id=short_id(finding.id)))
    return EXIT_OK


def finding_line(f: FindingView) -> str:
    """The finding a candidates' list is for, on one line."""
    record = f.record or {}
    parts = [tr_cli("cli.findings", "Hallazgo {id}").format(id=short_id(f.id)),
             ENTITY_LABELS[f.entity], kind_label(f.entity, f.kind), records_text(f)]
    parts += [str(v) for v in _record_cells(f.entity, record) if v not in (None, "", "—")]
    return " · ".join(parts)


def _record_cells(entity: Entity, r: Any) -> list[str]:
    if entity is Entity.PAYMENTS:
        return [r.get("receipt_number") or "—", r.get("invoice_number") or "—",
                format_cop(r.get("amount")), _day(r.get("paid_on")), r.get("customer_doc") or "—"]
    if entity is Entity.CUSTOMERS:
        name = r.get("company_name") or " ".join(
            str(p) for p in (r.get("first_names"), r.get("last_names")) if p)
        return [r.get("doc_number") or "—", name or "—", r.get("phone") or "—",
                r.get("email") or "—", r.get("city_name") or "—"]
    return [r.get("vin") or "—", " ".join(str(r.get(k) or "") for k in
                                          ("make", "model", "model_year")).strip() or "—",
            r.get("branch") or "—", r.get("customer_doc") or "—"]


def _day(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else "—"


def _difference(c: Candidate) -> str:
    return "—" if c.difference is None else format_cop(c.difference)


_CANDIDATE_COLUMNS: dict[Entity, tuple[Sequence[str], Callable[[Candidate], list[str]]]] = {
    Entity.PAYMENTS: ((mark_cli("cli.findings", "Recibo"), mark_cli("cli.findings", "Factura"),
                       mark_cli("cli.findings", "Valor"), mark_cli("cli.findings", "Fecha"),
                       mark_cli("cli.findings", "Cliente"), mark_cli("cli.findings", "Diferencia")),
                      lambda c: [*_record_cells(Entity.PAYMENTS, c.finding.record or {}),
                                 _difference(c)]),
    Entity.CUSTOMERS: ((mark_cli("cli.findings", "Documento"), mark_cli("cli.findings", "Nombre"),
                        mark_cli("cli.findings", "Teléfono"), mark_cli("cli.findings", "Correo"),
                        mark_cli("cli.findings", "Ciudad")),
                       lambda c: _record_cells(Entity.CUSTOMERS, c.finding.record or {})),
    Entity.VEHICLES: (("VIN", mark_cli("cli.findings", "Vehículo"), mark_cli("cli.findings", "Sede"),
                       mark_cli("cli.findings", "Cliente")),
                      lambda c: _record_cells(Entity.VEHICLES, c.finding.record or {})),
}


def _match(args: argparse.Namespace) -> int:
    login = actor(args, required=not args.preview)
    reason = (choice(args.reason, FINDING_REASON_LABELS, tr_cli("cli.findings", "motivo"))
              if args.reason else None)
    with open_workspace(args) as store:
        name = _workspace(store, args)
        known = ids_of(store, name)
        finding = resolve_id(args.finding, known, FINDING)
        others = resolve_ids(args.candidates, known, FINDING)
        if args.preview or login is None:
            return _preview(args, plan(store, name, finding, others))
        made = match(store, login, name, finding, others, args.comment or "", reason)
    if args.json:
        emit_json(made.to_json())
    else:
        print(tr_cli(
            "cli.findings", "Conciliado a mano: {match_text}. Las próximas conciliaciones lo respetan "
                            "mientras sus registros sigan así; se deshace con «cuadre findings unmatch "
                            "{short_id}».").format(
            match_text=match_text(made), short_id=short_id(finding)))
    return EXIT_OK


def _preview(args: argparse.Namespace, chosen: MatchPlan) -> int:
    """What matching would join, its totals and difference, and the reasons that fit it."""
    doc = {"crm": [v.id for v in chosen.crm], "erp": [v.id for v in chosen.erp],
           "crm_total": money_str(chosen.crm_total), "erp_total": money_str(chosen.erp_total),
           "difference": money_str(chosen.difference),
           "reasons": [r.value for r in chosen.reasons]}
    if args.json:
        emit_json(doc)
        return EXIT_OK
    crm = ", ".join(i for v in chosen.crm for i in v.crm_ids)
    erp = ", ".join(i for v in chosen.erp for i in v.erp_ids)
    print(tr_cli("cli.findings", "CRM {crm} con ERP {erp}.").format(crm=crm, erp=erp))
    if chosen.difference is None:
        return EXIT_OK
    print(tr_cli(
        "cli.findings", "Total CRM {crm}, total ERP {erp}: diferencia {difference}.").format(
        crm=format_cop(chosen.crm_total), erp=format_cop(chosen.erp_total),
        difference=format_cop(chosen.difference)))
    if not chosen.difference:
        print(tr_cli("cli.findings", "Los totales cuadran: no hace falta motivo."))
    elif chosen.reasons:
        print(tr_cli("cli.findings", "Motivos posibles (--reason): ") + ", ".join(
            f"{r.value} ({FINDING_REASON_WORDS[r.value]})" for r in chosen.reasons) + ".")
    else:
        print(tr_cli(
            "cli.findings", "La diferencia es mayor de lo que explica un redondeo, una comisión bancaria "
                            "o una retención: no se puede conciliar así."))
    return EXIT_OK


def match_text(m: MatchView) -> str:
    """«CRM P-1 con ERP 330, 331 (diferencia $ 12.000 por comisión bancaria)»."""
    text = tr_cli("cli.findings", "CRM {crm} con ERP {erp}").format(crm=", ".join(m.crm_ids),
                                                                     erp=", ".join(m.erp_ids))
    if m.difference:
        why = FINDING_REASON_WORDS.get(m.reason.value if m.reason else "",
                                       tr_cli("cli.findings", "sin motivo"))
        text += tr_cli("cli.findings", " (diferencia {amount} por {why})").format(
            amount=format_cop(m.difference), why=why)
    return text


def _unmatch(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        name = _workspace(store, args)
        undone = unmatch(store, login, name, _one(store, name, args.finding), args.comment)
    if args.json:
        emit_json(undone.to_json())
    else:
        print(tr_cli(
            "cli.findings", "Conciliación a mano deshecha: {match_text}. Sus hallazgos vuelven a estar "
                            "abiertos.").format(match_text=match_text(undone)))
    return EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list, "reasons": _reasons, "assign": _assign, "explain": _explain,
    "reopen": _reopen, "candidates": _candidates, "match": _match, "unmatch": _unmatch,
}
