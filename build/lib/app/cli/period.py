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
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    IdKind,
    actor,
    add_common,
    emit_json,
    entity_type,
    exit_codes_help,
    fail,
    open_workspace,
    resolve_id,
    short_id,
    table,
    usage,
    when,
    when_said,
    workspace_help,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli
from app.cli.labels import ENTITY_LABELS, FINDING_STATE_LABELS, PERIOD_STATE_LABELS
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

CLOSING = IdKind(mark_cli("cli.ids", "cierre"), mark_cli("cli.ids", "cierres"),
                 mark_cli("cli.ids", "ningún cierre"))


def add_parser(sub: Any) -> None:
    command = sub.add_parser(
        "period", help=tr_cli("cli.period", "certificar, firmar y reabrir el cierre de un mes"),
        description=tr_cli(
            "cli.period", "El cierre de un periodo (mes, sede y entidad): lo certifica quien propone "
                          "cuando todos sus hallazgos están explicados, corregidos, conciliados o "
                          "resueltos, y lo firma otra persona que aprueba."))
    command.epilog = exit_codes_help()
    actions = command.add_subparsers(dest="period_action", metavar=tr_cli("cli.period", "ACCIÓN"),
                                     required=True)
    cert = actions.add_parser("certify", help=tr_cli("cli.period", "certificar un periodo"),
                              description=tr_cli(
                                  "cli.period", "Certifica un periodo sobre la última conciliación "
                                                "guardada de su entidad."))
    _period(cert, required=True)
    cert.add_argument("--comment", metavar=tr_cli("cli.period", "TEXTO"), help=tr_cli(
        "cli.period", "un comentario para quien firme"))
    add_common(cert, json_output=True)
    for name, helping, words in (
            ("signoff", tr_cli("cli.period", "firmar un periodo certificado"),
             tr_cli("cli.period", "Firma un periodo certificado (quien lo certificó no puede "
                    "firmarlo).")),
            ("reopen", tr_cli("cli.period", "reabrir un periodo certificado o firmado"),
             tr_cli("cli.period", "Reabre un periodo (quien aprueba o administra), diciendo por "
                    "qué.")),
            ("show", tr_cli("cli.period", "ver el certificado de un periodo"),
             tr_cli("cli.period", "Muestra el certificado de un periodo: conciliación, hallazgos, "
                    "pesos, personas y la cabeza del registro de auditoría."))):
        action = actions.add_parser(name, help=helping, description=words)
        action.add_argument("certificate", nargs="?", metavar="ID",
                            help=tr_cli("cli.period", "id del cierre"))
        _period(action, required=False)
        if name != "show":
            action.add_argument("--comment", required=name == "reopen",
                                metavar=tr_cli("cli.period", "TEXTO"),
                                help=tr_cli("cli.period", "por qué") if name == "reopen"
                                else tr_cli("cli.period", "un comentario"))
        add_common(action, actor=name != "show", json_output=True)
    listing = actions.add_parser("list", help=tr_cli("cli.period", "listar los cierres"),
                                 description=tr_cli(
                                     "cli.period", "Lista los cierres del espacio de trabajo, el más "
                                                   "reciente primero (los reabiertos también)."))
    listing.add_argument("--workspace", metavar=tr_cli("cli.period", "NOMBRE"), help=workspace_help())
    add_common(listing, actor=False, json_output=True)


def _period(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--month", required=required, metavar=tr_cli("cli.period", "AAAA-MM"), help=tr_cli(
        "cli.period", "el mes (2026-11)"))
    parser.add_argument("--entity", required=required, type=entity_type(RECONCILED),
                        metavar=tr_cli("cli.period", "ENTIDAD"), help=tr_cli(
                            "cli.period", "clientes, pagos o vehículos"))
    parser.add_argument("--branch", metavar=tr_cli("cli.period", "SEDE"), help=tr_cli(
        "cli.period", "una sede (por defecto, todas)"))
    parser.add_argument("--workspace", metavar=tr_cli("cli.period", "NOMBRE"), help=workspace_help())


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
    return _done(args, made, tr_cli("cli.period", "Periodo {period} certificado por {login}. Falta "
                                    "la firma de otra persona que apruebe: cuadre period signoff "
                                    "{id} --as USUARIO").format(
        period=made.period.words(), login=login, id=short_id(made.id)))


def _chosen(store: Store, args: argparse.Namespace) -> Certificate:
    """The certificate an action names: by id, or the live one of the period given."""
    name = workspace_of(store, workspace_name(args))
    if args.certificate:
        if args.month or args.entity:
            raise usage(tr_cli(
                "cli.period", "indique el cierre por su id o por --month y --entity, no por ambos"))
        known = [c.id for c in periods(store, name)]
        return get_certificate(store, resolve_id(args.certificate, known, CLOSING))
    if not (args.month and args.entity):
        raise usage(tr_cli(
            "cli.period", "indique el cierre: su id, o --month y --entity (y --branch si tiene "
                          "sede)"))
    found = certificate(store, name, args.month, args.entity, args.branch)
    if found is None:
        raise FindingError(tr_cli("cli.period", "El periodo {month} de {entity} no está "
                                  "certificado.").format(
            month=args.month, entity=ENTITY_LABELS[Entity(args.entity)]), "not_certified")
    return found


def _signoff(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        signed = signoff(store, login, _chosen(store, args).id, args.comment)
    return _done(args, signed, tr_cli("cli.period", "Cierre de {period} firmado por {login} "
                                      "(certificado por {certifier}).").format(
        period=signed.period.words(), login=login, certifier=signed.certified_by))


def _reopen(args: argparse.Namespace) -> int:
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        opened = reopen(store, login, _chosen(store, args).id, args.comment)
    return _done(args, opened, tr_cli("cli.period", "Periodo {period} reabierto por {login}: sus "
                                      "hallazgos se pueden trabajar de nuevo.").format(
        period=opened.period.words(), login=login))


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
        print(tr_cli(
            "cli.period", "No hay cierres en «{name}»: «cuadre period certify --month AAAA-MM "
                          "--entity ENTIDAD --as USUARIO» certifica uno.").format(name=name))
    else:
        print(table((tr_cli("cli.period", "Cierre"), tr_cli("cli.period", "Mes"),
                     tr_cli("cli.period", "Entidad"), tr_cli("cli.period", "Sede"),
                     tr_cli("cli.period", "Estado"), tr_cli("cli.period", "Hallazgos"),
                     tr_cli("cli.period", "En juego"), tr_cli("cli.period", "Certificó"),
                     tr_cli("cli.period", "Firmó")),
                    [(short_id(c.id), c.period.month, ENTITY_LABELS[c.period.entity],
                      c.period.branch or tr_cli("cli.period", "todas"),
                      PERIOD_STATE_LABELS[c.state], str(c.total),
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
    lines = [tr_cli("cli.period", "Cierre de {period} — «{workspace}» ({id})").format(
        period=c.period.words(), workspace=c.workspace, id=short_id(c.id)),
             _labelled(tr_cli("cli.period", "Estado:"), PERIOD_STATE_LABELS[c.state]),
             _labelled(tr_cli("cli.period", "Conciliación:"), c.run_id),
             _labelled(tr_cli("cli.period", "Hallazgos:"), tr_cli(
                 "cli.period", "{total} ({amount} en juego)").format(
                 total=c.total, amount=format_cop(c.at_stake)))]
    pesos = c.pesos()
    lines += [f"  {FINDING_STATE_LABELS[state]:<24} {count:>5}  {format_cop(pesos[state])}"
              for state, count in c.counts().items() if count]
    lines.append(_labelled(tr_cli("cli.period", "Certificado por:"),
                           f"{c.certified_by}, {when_said(c.certified_at)}"))
    if c.comment:
        lines.append(_labelled("", f"«{c.comment}»"))
    if c.signed_by:
        lines.append(_labelled(tr_cli("cli.period", "Firmado por:"),
                               f"{c.signed_by}, {when_said(c.signed_at)}"))
    if c.reopened_by:
        lines.append(_labelled(tr_cli("cli.period", "Reabierto por:"),
                               f"{c.reopened_by}, {when_said(c.reopened_at)}: «{c.reopen_comment}»"))
    anchor = c.signed_anchor or c.certified_anchor
    lines += [_labelled(tr_cli("cli.period", "Huella:"), f"sha256:{c.body_hash}"),
              _labelled(tr_cli("cli.period", "Auditoría:"), f"cuadre audit verify --anchor {anchor}")]
    return "\n".join(lines)


def _labelled(label: str, value: str) -> str:
    """«Estado:           certificado»: the values of a certificate in one column."""
    return f"{label:<18}{value}"


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "certify": _certify, "signoff": _signoff, "reopen": _reopen, "show": _show, "list": _list,
}
