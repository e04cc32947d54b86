"""``cuadre workspace``: reconcile into the workspace store, and list what was reconciled.

    cuadre workspace reconcile (--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE [--entity E])
                               [--workspace NOMBRE] --as LOGIN [--out informe.json] [--full]
    cuadre workspace runs [--workspace NOMBRE] [--json]

A reconciliation saved here (:func:`app.writeback.runs.save_run`) keeps its findings' counts and
pesos at stake and its proposals, so ``cuadre corrections proposals`` and ``propose`` work on
it later — from another command, another script or another person of a shared workspace.
The workspace is named after the profile (or «Demostración»); ``--workspace`` names it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_OK,
    actor,
    add_common,
    emit_json,
    exit_codes_help,
    open_workspace,
    table,
    when,
    workspace_help,
    workspace_name,
    write_json,
)
from app.cli.i18n import tr_cli
from app.cli.sources import add_source_arguments, chosen_systems, described, reconcile_report
from app.connections.systems import DEFAULT_WORKSPACE, DEMO_WORKSPACE, Demo


def add_parser(sub: Any) -> None:
    ws = sub.add_parser("workspace", help=tr_cli(
        "cli.workspace", "conciliar en el espacio de trabajo y ver lo conciliado"),
                        description=tr_cli(
                            "cli.workspace", "Concilia y guarda el resultado (hallazgos y propuestas) en "
                                             "el espacio de trabajo, o lista las conciliaciones "
                                             "guardadas."))
    ws.epilog = exit_codes_help()
    actions = ws.add_subparsers(dest="workspace_action", metavar=tr_cli("cli.workspace", "ACCIÓN"),
                                required=True)
    rec = actions.add_parser(
        "reconcile", help=tr_cli(
            "cli.workspace", "conciliar y guardar la conciliación en el espacio de trabajo"),
        description=tr_cli(
            "cli.workspace", "Concilia la demostración (--demo), un perfil guardado (--profile) o dos "
                             "fuentes (--crm y --erp) y guarda sus hallazgos y propuestas, para proponer "
                             "y aprobar correcciones después."))
    add_source_arguments(rec)
    rec.add_argument("--workspace", metavar=tr_cli("cli.workspace", "NOMBRE"),
                     help=tr_cli(
                         "cli.workspace", "nombre del espacio de trabajo; por defecto CUADRE_WORKSPACE, "
                                          "el perfil, «{DEMO_WORKSPACE}» o «{DEFAULT_WORKSPACE}»").format(
                         DEMO_WORKSPACE=DEMO_WORKSPACE, DEFAULT_WORKSPACE=DEFAULT_WORKSPACE))
    rec.add_argument("--out", type=Path, metavar=tr_cli("cli.workspace", "ARCHIVO"),
                     help=tr_cli("cli.workspace", "además, el informe JSON completo"))
    rec.add_argument("--quiet", "-q", action="store_true", help=tr_cli(
        "cli.workspace", "no mostrar progreso ni resumen"))
    rec.add_argument("--anchor-file", type=Path, metavar=tr_cli("cli.workspace", "ARCHIVO"),
                     help=tr_cli("cli.workspace", "anotar la cabeza del registro de auditoría en "
                                                  "este archivo, fuera del espacio de trabajo, "
                                                  "después de guardar (por defecto "
                                                  "CUADRE_ANCHOR_FILE)"))
    add_common(rec, json_output=True)
    listing = actions.add_parser("runs", help=tr_cli("cli.workspace", "listar las conciliaciones guardadas"),
                                 description=tr_cli(
                                     "cli.workspace", "Lista las conciliaciones guardadas, la más "
                                                      "reciente primero."))
    listing.add_argument("--workspace", metavar=tr_cli("cli.workspace", "NOMBRE"), help=workspace_help())
    add_common(listing, actor=False, json_output=True)


def run(args: argparse.Namespace) -> int:
    if args.workspace_action == "reconcile":
        return _reconcile(args)
    return _runs(args)


def _reconcile(args: argparse.Namespace) -> int:
    from app.audit import anchors as kept
    from app.reconcile.export import pull_text, summary_table, to_json
    from app.writeback.errors import NotAllowed
    from app.writeback.people import WORKERS, roles_of
    from app.writeback.runs import proposals_of, save_run

    login = actor(args)
    assert login is not None
    path = kept.anchor_file(args.anchor_file)
    with open_workspace(args) as store:
        if path is not None:  # refused before pulling, like a person who may not reconcile
            kept.check_outside(path, store.file)
        # Refused before minutes of pulling, not after.
        if not roles_of(store, login) & WORKERS:
            raise NotAllowed(tr_cli("cli.workspace", "«{login}» no está registrado con un rol para "
                                    "conciliar en el espacio de trabajo (propone, aprueba o "
                                    "administra).").format(login=login))
        what = chosen_systems(args)
        report = reconcile_report(args, what)
        name = workspace_name(args) or what.name
        # A saved profile says which system holds the truth of each field; otherwise the
        # default applies (DESIGN §5).
        sor = dict(what.system_of_record) if not isinstance(what, Demo) and args.profile \
            else None
        saved = save_run(store, login, report, described(args, what), name, sor)
        if path is not None:
            from app.audit.log import head

            kept.append_anchor(path, head(store), saved.saved_at,
                               f"cuadre workspace reconcile {saved.id}")
    if args.out is not None:
        write_json(args.out, {**to_json(report), "run": saved.id, "workspace": name})
    if args.json:
        emit_json(saved.to_json())
        return EXIT_OK
    if not args.quiet:
        props = proposals_of(saved)
        pushable = sum(1 for p in props.fields if p.pushable)
        print(summary_table(report))
        if pulled := pull_text(report):  # nothing when no entity was pulled by the run
            print("\n" + pulled)
        print(tr_cli(
            "cli.workspace", "\nConciliación guardada en «{name}» ({id}): {count} propuestas de "
                             "corrección ({pushable} se pueden proponer para enviar), {count2} fusiones "
                             "y {count3} notas crédito/débito.").format(
            name=name, id=saved.id, count=len(props.fields), pushable=pushable, count2=len(props.merges),
            count3=len(props.credit_notes)))
        print(tr_cli("cli.workspace", "Siguiente paso: cuadre corrections proposals"))
    return EXIT_OK


def _runs(args: argparse.Namespace) -> int:
    from app.domain.values import format_cop
    from app.writeback.runs import runs

    with open_workspace(args) as store:
        found = runs(store, workspace_name(args))
    if args.json:
        emit_json([r.to_json() for r in found])
    elif not found:
        print(tr_cli(
            "cli.workspace", "No hay conciliaciones guardadas: «cuadre workspace reconcile …» guarda una."))
    else:
        print(table((tr_cli("cli.workspace", "Conciliación"), tr_cli("cli.workspace", "Espacio"), tr_cli(
            "cli.workspace", "Guardada"), tr_cli("cli.workspace", "Por"), tr_cli(
                "cli.workspace", "Hallazgos"), tr_cli("cli.workspace", "En juego"),
                     tr_cli("cli.workspace", "Fuente")),
                    [(r.id, r.workspace, when(r.saved_at), r.actor, str(r.findings),
                      format_cop(r.at_stake), r.source) for r in found]))
    return EXIT_OK
