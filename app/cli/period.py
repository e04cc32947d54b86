"""``cuadre period``: closing a month (cierre) — certified by who proposes, signed off by who
approves.

    cuadre period certify --month 2026-11 --entity pagos [--branch "…"] --as LOGIN [--comment "…"]
    cuadre period signoff (ID | --month … --entity … [--branch …]) --as LOGIN [--comment "…"]
    cuadre period reopen (ID | --month … --entity … [--branch …]) --comment "…" --as LOGIN
    cuadre period list [--json]
    cuadre period show (ID | --month … --entity … [--branch …]) [--json]

A period is a month, an entity and a branch (every branch when none is given) of the
workspace (``--workspace``, ``CUADRE_WORKSPACE`` or the latest saved run's). It is certified
once every finding in it is explained, corrected, matched or resolved; who certified it never
signs it off (exit 3). A certificate is named by its id (or a unique beginning of it), or by
its period. What is done goes through :mod:`app.findings.periods`; this module prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
    emit_json,
    entity_type,
    fail,
    open_workspace,
    resolve_id,
    short_id,
    table,
    usage,
    when,
    when_said,
    workspace_name,
)
from app.domain.labels import ENTITY_LABELS, FINDING_STATE_LABELS, PERIOD_STATE_LABELS
from app.domain.schema import RECONCILED, Entity
from app.domain.values import format_cop
from app.findings import FindingError, NotPermitted
from app.findings.errors import WRONG_REQUEST
from app.findings.periods import (
    Certificate,
    certificate,
    certify,
    get_certificate,
    periods,
    reopen,
    signoff,
)
from app.findings.views import workspace_of
from app.store.db import Store

CLOSING = IdKind("cierre", "cierres", "ningún cierre")


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "period", help="certificar, firmar y reabrir el cierre de un mes",
        description="El cierre de un periodo (mes, sede y entidad): lo certifica quien propone "
                    "cuando todos sus hallazgos están explicados, corregidos, conciliados o "
                    "resueltos, y lo firma otra persona que aprueba.")
    command.epilog = EXIT_CODES_HELP
    actions = command.add_subparsers(dest="period_action", metavar="ACCIÓN", required=True)
    cert = actions.add_parser("certify", help="certificar un periodo",
                              description="Certifica un periodo sobre la última conciliación "
                                          "guardada de su entidad.")
    _period(cert, required=True)
    cert.add_argument("--comment", metavar="TEXTO", help="un comentario para quien firme")
    add_common(cert, json_output=True)
    for name, helping, words in (
            ("signoff", "firmar un periodo certificado",
             "Firma un periodo certificado (quien lo certificó no puede firmarlo)."),
            ("reopen", "reabrir un periodo certificado o firmado",
             "Reabre un periodo (quien aprueba o administra), diciendo por qué."),
            ("show", "ver el certificado de un periodo",
             "Muestra el certificado de un periodo: conciliación, hallazgos, pesos, personas y "
             "la cabeza del registro de auditoría.")):
        action = actions.add_parser(name, help=helping, description=words)
        action.add_argument("certificate", nargs="?", metavar="ID", help="id del cierre")
        _period(action, required=False)
        if name != "show":
            action.add_argument("--comment", required=name == "reopen", metavar="TEXTO",
                                help="por qué" if name == "reopen" else "un comentario")
        add_common(action, actor=name != "show", json_output=True)
    listing = actions.add_parser("list", help="listar los cierres",
                                 description="Lista los cierres del espacio de trabajo, el más "
                                             "reciente primero (los reabiertos también).")
    listing.add_argument("--workspace", metavar="NOMBRE", help=WORKSPACE_HELP)
    add_common(listing, actor=False, json_output=True)


def _period(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--month", required=required, metavar="AAAA-MM", help="el mes (2026-11)")
    parser.add_argument("--entity", required=required, type=entity_type(RECONCILED),
                        metavar="ENTIDAD", help="clientes, pagos o vehículos")
    parser.add_argument("--branch", metavar="SEDE", help="una sede (por defecto, todas)")
    parser.add_argument("--workspace", metavar="NOMBRE", help=WORKSPACE_HELP)


def run(args: argparse.Namespace) -> int:
    try:
        return _ACTIONS[args.period_action](args)
    except NotPermitted as exc:
        fail(args, str(exc))
        return EXIT_REFUSED
    except FindingError as exc:
        fail(args, str(exc))
        return EXIT_USAGE if exc.code in WRONG_REQUEST else EXIT_FAILED


def _certify(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        name = workspace_of(store, workspace_name(args))
        made = certify(store, login, name, args.month, args.entity, args.branch, args.comment)
    return _done(args, made, f"Periodo {made.period.words()} certificado por {login}. Falta la "
                             f"firma de otra persona que apruebe: cuadre period signoff "
                             f"{short_id(made.id)} --as USUARIO")


def _chosen(store: Store, args: argparse.Namespace) -> Certificate:
    """The certificate an action names: by id, or the live one of the period given."""
    name = workspace_of(store, workspace_name(args))
    if args.certificate:
        if args.month or args.entity:
            raise usage("indique el cierre por su id o por --month y --entity, no por ambos")
        known = [c.id for c in periods(store, name)]
        return get_certificate(store, resolve_id(args.certificate, known, CLOSING))
    if not (args.month and args.entity):
        raise usage("indique el cierre: su id, o --month y --entity (y --branch si tiene sede)")
    found = certificate(store, name, args.month, args.entity, args.branch)
    if found is None:
        raise FindingError(f"El periodo {args.month} de {ENTITY_LABELS[Entity(args.entity)]} "
                           "no está certificado.", "not_certified")
    return found


def _signoff(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        signed = signoff(store, login, _chosen(store, args).id, args.comment)
    return _done(args, signed, f"Cierre de {signed.period.words()} firmado por {login} "
                               f"(certificado por {signed.certified_by}).")


def _reopen(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        opened = reopen(store, login, _chosen(store, args).id, args.comment)
    return _done(args, opened, f"Periodo {opened.period.words()} reabierto por {login}: sus "
                               "hallazgos se pueden trabajar de nuevo.")


def _show(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        shown = _chosen(store, args)
    if args.json:
        emit_json(shown.to_json())
    else:
        print(certificate_text(shown))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        name = workspace_of(store, workspace_name(args))
        found = periods(store, name)
    if args.json:
        emit_json([c.to_json() for c in found])
    elif not found:
        print(f"No hay cierres en «{name}»: «cuadre period certify --month AAAA-MM --entity "
              "ENTIDAD --as USUARIO» certifica uno.")
    else:
        print(table(("Cierre", "Mes", "Entidad", "Sede", "Estado", "Hallazgos", "En juego",
                     "Certificó", "Firmó"),
                    [(short_id(c.id), c.period.month, ENTITY_LABELS[c.period.entity],
                      c.period.branch or "todas", PERIOD_STATE_LABELS[c.state], str(c.total),
                      format_cop(c.at_stake), f"{c.certified_by} {when(c.certified_at)}",
                      f"{c.signed_by} {when(c.signed_at)}" if c.signed_by else "—")
                     for c in found]))
    return EXIT_OK


def _done(args: argparse.Namespace, made: Certificate, sentence: str) -> int:
    if args.json:
        emit_json(made.to_json())
    else:
        print(sentence)
    return EXIT_OK


def certificate_text(c: Certificate) -> str:
    """The certificate as a person reads it."""
    lines = [f"Cierre de {c.period.words()} — «{c.workspace}» ({short_id(c.id)})",
             f"Estado:           {PERIOD_STATE_LABELS[c.state]}",
             f"Conciliación:     {c.run_id}",
             f"Hallazgos:        {c.total} ({format_cop(c.at_stake)} en juego)"]
    pesos = c.pesos()
    lines += [f"  {FINDING_STATE_LABELS[state]:<24} {count:>5}  {format_cop(pesos[state])}"
              for state, count in c.counts().items() if count]
    lines.append(f"Certificado por:  {c.certified_by}, {when_said(c.certified_at)}")
    if c.comment:
        lines.append(f"                  «{c.comment}»")
    if c.signed_by:
        lines.append(f"Firmado por:      {c.signed_by}, {when_said(c.signed_at)}")
    if c.reopened_by:
        lines.append(f"Reabierto por:    {c.reopened_by}, {when_said(c.reopened_at)}: "
                     f"«{c.reopen_comment}»")
    anchor = c.signed_anchor or c.certified_anchor
    lines += [f"Huella:           sha256:{c.body_hash}",
              f"Auditoría:        cuadre audit verify --anchor {anchor}"]
    return "\n".join(lines)


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "certify": _certify, "signoff": _signoff, "reopen": _reopen, "show": _show, "list": _list,
}
