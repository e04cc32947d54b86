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
    EXIT_CODES_HELP,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    WORKSPACE_HELP,
    IdKind,
    actor,
    add_common,
    choice,
    emit_json,
    entity_type,
    fail,
    open_workspace,
    resolve_id,
    resolve_ids,
    short_id,
    table,
    whole_number,
    workspace_name,
)
from app.domain.labels import (
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

FINDING = IdKind("hallazgo", "hallazgos", "ningún hallazgo")


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "findings", help="los hallazgos: estado, responsable, explicación y conciliación a mano",
        description="Los hallazgos de la última conciliación guardada del espacio de trabajo: "
                    "su estado, a quién se asignaron, por qué siguen ahí, y conciliar a mano "
                    "lo que quedó sin contraparte.")
    command.epilog = EXIT_CODES_HELP
    actions = command.add_subparsers(dest="findings_action", metavar="ACCIÓN", required=True)
    listing = actions.add_parser("list", help="listar los hallazgos",
                                 description="Lista los hallazgos vivos (los resueltos con "
                                             "--state resuelta), los de más pesos en juego "
                                             "primero.")
    listing.add_argument("--state", action="append", metavar="ESTADO",
                         help=", ".join(FINDING_STATE_WORDS.values()) + " (repita para varios)")
    listing.add_argument("--entity", type=entity_type(RECONCILED), metavar="ENTIDAD",
                         help="solo de esa entidad (clientes, pagos o vehículos)")
    listing.add_argument("--assignee", metavar="USUARIO", help="solo los asignados a esa persona")
    listing.add_argument("--month", metavar="AAAA-MM",
                         help="solo los de ese mes (la fecha del pago, o cuando se vio primero)")
    listing.add_argument("--branch", metavar="SEDE", help="solo los de esa sede")
    _common(listing, actor=False, json_output=True)
    reasons = actions.add_parser("reasons", help="los motivos para explicar un hallazgo",
                                 description="Los motivos con que se explica un hallazgo o la "
                                             "diferencia de una conciliación a mano.")
    add_common(reasons, actor=False, json_output=True)
    assign = actions.add_parser("assign", help="asignar un hallazgo a una persona",
                                description="Asigna un hallazgo a una persona del espacio de "
                                            "trabajo.")
    _finding(assign)
    assign.add_argument("--to", required=True, metavar="USUARIO", help="a quién se asigna")
    assign.add_argument("--comment", metavar="TEXTO", help="un comentario")
    _common(assign, json_output=True)
    explain = actions.add_parser("explain", help="explicar por qué sigue un hallazgo",
                                 description="Explica un hallazgo con un motivo de la lista "
                                             "(cuadre findings reasons) y un comentario.")
    _finding(explain)
    explain.add_argument("--reason", required=True, metavar="MOTIVO",
                         help="código o nombre del motivo (en_transito… o «pago en tránsito»)")
    explain.add_argument("--comment", required=True, metavar="TEXTO", help="la explicación")
    _common(explain, json_output=True)
    reopen = actions.add_parser("reopen", help="volver a abrir un hallazgo",
                                description="Deja un hallazgo explicado o asignado otra vez "
                                            "abierto (con su responsable, si tiene).")
    _finding(reopen)
    reopen.add_argument("--comment", metavar="TEXTO", help="por qué se reabre")
    _common(reopen, json_output=True)
    _add_matching(actions)


def _add_matching(actions: Any) -> None:
    cands = actions.add_parser(
        "candidates", help="candidatos del otro sistema para un registro sin contraparte",
        description="Para un pago, recibo, cliente o vehículo sin contraparte, los registros "
                    "del otro sistema que tampoco la tienen, ordenados con el porqué.")
    _finding(cands)
    cands.add_argument("--limit", type=whole_number, default=10, metavar="N",
                       help="cuántos mostrar (10; 0 para todos)")
    _common(cands, actor=False, json_output=True)
    matching = actions.add_parser(
        "match", help="conciliar a mano un registro con uno o varios del otro sistema",
        description="Concilia a mano el registro de un hallazgo con uno o varios candidatos "
                    "del otro sistema (1:1, 1:n o n:1). Si los valores difieren, diga el "
                    "motivo (redondeo, comisión bancaria o retención).")
    _finding(matching)
    matching.add_argument("candidates", nargs="+", metavar="CANDIDATO",
                          help="id del hallazgo del otro sistema (como lo muestra candidates)")
    matching.add_argument("--comment", metavar="TEXTO", help="por qué (obligatorio al conciliar)")
    matching.add_argument("--reason", metavar="MOTIVO",
                          help="motivo de la diferencia: redondeo, comisión bancaria o retención")
    matching.add_argument("--preview", action="store_true",
                          help="mostrar los totales y la diferencia sin conciliar")
    _common(matching, json_output=True)
    undo = actions.add_parser("unmatch", help="deshacer una conciliación a mano",
                              description="Deshace la conciliación a mano que incluye este "
                                          "hallazgo: sus hallazgos vuelven a estar abiertos.")
    _finding(undo)
    undo.add_argument("--comment", metavar="TEXTO", help="por qué se deshace")
    _common(undo, json_output=True)


def _finding(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("finding", metavar="ID", help="id del hallazgo (6 caracteres o más)")


def _common(parser: argparse.ArgumentParser, *, actor: bool = True,
            json_output: bool = False) -> None:
    parser.add_argument("--workspace", metavar="NOMBRE", help=WORKSPACE_HELP)
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
    states = [FindingState(choice(s, FINDING_STATE_WORDS, "estado")) for s in args.state or ()]
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
        print(f"No hay hallazgos {'así ' if narrowed else ''}en «{name}».")
        return EXIT_OK
    print(table(("Hallazgo", "Estado", "Entidad", "Diferencia", "Registros", "Referencia",
                 "En juego", "Responsable", "Días"),
                [(short_id(f.id), finding_state_label(f.state), ENTITY_LABELS[f.entity],
                  kind_label(f.entity, f.kind), records_text(f), f.ref or "—",
                  format_cop(f.at_stake), f.assignee or "—", str(f.age())) for f in found]))
    total = sum((f.at_stake or Decimal(0) for f in found), Decimal(0))
    print(f"\n{_count(len(found))} en «{name}», {format_cop(total)} en juego.")
    return EXIT_OK


def _wanted(f: FindingView, args: argparse.Namespace) -> bool:
    """The filters the store does not apply: owner, month, branch (accents and case aside)."""
    if args.assignee and f.assignee != args.assignee.strip().lower():
        return False
    if args.month and f.month != args.month.strip():
        return False
    return not args.branch or fold(f.branch or "") == fold(args.branch)


def _count(n: int) -> str:
    return f"{n} hallazgo" if n == 1 else f"{n} hallazgos"


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
        print(table(("Código", "Motivo"), list(FINDING_REASON_LABELS.items())))
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
        print(f"Hallazgo {short_id(view.id)} ({ENTITY_LABELS[view.entity]} · "
              f"{kind_label(view.entity, view.kind)}) {done(view)}.")
    return EXIT_OK


def _assign(args: argparse.Namespace) -> int:
    return _act(args, lambda s, who, ws, fid: work.assign(s, who, ws, fid, args.to, args.comment),
                lambda v: f"asignado a {v.assignee}")


def _explain(args: argparse.Namespace) -> int:
    reason = choice(args.reason, FINDING_REASON_LABELS, "motivo")
    return _act(args, lambda s, who, ws, fid: work.explain(s, who, ws, fid, reason, args.comment),
                lambda v: f"explicado: {FINDING_REASON_WORDS[reason]}")


def _reopen(args: argparse.Namespace) -> int:
    return _act(args, lambda s, who, ws, fid: work.reopen(s, who, ws, fid, args.comment),
                lambda v: f"reabierto: {FINDING_STATE_WORDS[v.state]}")


# --- matching by hand -------------------------------------------------------------------------


def _candidates(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        name = _workspace(store, args)
        finding, found = candidates(store, name, _one(store, name, args.finding),
                                    limit=args.limit or None)
    if args.json:
        emit_json({"finding": finding.to_json(), "candidates": [c.to_json() for c in found]})
        return EXIT_OK
    print(f"{finding_line(finding)}\n")
    if not found:
        print("Ningún registro del otro sistema sin contraparte comparte con este factura, "
              "cliente, valor, documento, nombre, teléfono, correo ni VIN.")
        return EXIT_OK
    head, cells = _CANDIDATE_COLUMNS[finding.entity]
    print(table(("Candidato", "Puntos", "Registro", *head, "Por qué"),
                [(short_id(c.finding.id), str(c.score), records_text(c.finding), *cells(c),
                  c.why()) for c in found]))
    print(f"\nPara conciliar: cuadre findings match {short_id(finding.id)} CANDIDATO… "
          "--comment \"…\" --as USUARIO")
    return EXIT_OK


def finding_line(f: FindingView) -> str:
    """The finding a candidates' list is for, on one line."""
    record = f.record or {}
    parts = [f"Hallazgo {short_id(f.id)}", ENTITY_LABELS[f.entity], kind_label(f.entity, f.kind),
             records_text(f)]
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
    Entity.PAYMENTS: (("Recibo", "Factura", "Valor", "Fecha", "Cliente", "Diferencia"),
                      lambda c: [*_record_cells(Entity.PAYMENTS, c.finding.record or {}),
                                 _difference(c)]),
    Entity.CUSTOMERS: (("Documento", "Nombre", "Teléfono", "Correo", "Ciudad"),
                       lambda c: _record_cells(Entity.CUSTOMERS, c.finding.record or {})),
    Entity.VEHICLES: (("VIN", "Vehículo", "Sede", "Cliente"),
                      lambda c: _record_cells(Entity.VEHICLES, c.finding.record or {})),
}


def _match(args: argparse.Namespace) -> int:
    login = actor(args, required=not args.preview)
    reason = choice(args.reason, FINDING_REASON_LABELS, "motivo") if args.reason else None
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
        print(f"Conciliado a mano: {match_text(made)}. Las próximas conciliaciones lo respetan "
              f"mientras sus registros sigan así; se deshace con «cuadre findings unmatch "
              f"{short_id(finding)}».")
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
    print(f"CRM {crm} con ERP {erp}.")
    if chosen.difference is None:
        return EXIT_OK
    print(f"Total CRM {format_cop(chosen.crm_total)}, total ERP {format_cop(chosen.erp_total)}: "
          f"diferencia {format_cop(chosen.difference)}.")
    if not chosen.difference:
        print("Los totales cuadran: no hace falta motivo.")
    elif chosen.reasons:
        print("Motivos posibles (--reason): " + ", ".join(
            f"{r.value} ({FINDING_REASON_WORDS[r.value]})" for r in chosen.reasons) + ".")
    else:
        print("La diferencia es mayor de lo que explica un redondeo, una comisión bancaria o una "
              "retención: no se puede conciliar así.")
    return EXIT_OK


def match_text(m: MatchView) -> str:
    """«CRM P-1 con ERP 330, 331 (diferencia $ 12.000 por comisión bancaria)»."""
    text = f"CRM {', '.join(m.crm_ids)} con ERP {', '.join(m.erp_ids)}"
    if m.difference:
        why = FINDING_REASON_WORDS.get(m.reason.value if m.reason else "", "sin motivo")
        text += f" (diferencia {format_cop(m.difference)} por {why})"
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
        print(f"Conciliación a mano deshecha: {match_text(undone)}. Sus hallazgos vuelven a "
              "estar abiertos.")
    return EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list, "reasons": _reasons, "assign": _assign, "explain": _explain,
    "reopen": _reopen, "candidates": _candidates, "match": _match, "unmatch": _unmatch,
}
