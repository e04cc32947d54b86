"""``cuadre workspace``: reconcile into the workspace store, and list what was reconciled.

    cuadre workspace reconcile (--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE [--entity E])
                               [--workspace NOMBRE] --as LOGIN [--out informe.json]
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
    EXIT_CODES_HELP,
    EXIT_OK,
    WORKSPACE_HELP,
    actor,
    add_common,
    emit_json,
    open_workspace,
    table,
    when,
    workspace_name,
    write_json,
)
from app.cli.sources import add_source_arguments, chosen_systems, described, reconcile_report
from app.connections.systems import DEFAULT_WORKSPACE, DEMO_WORKSPACE, Demo


def add_parser(sub: Any) -> None:
    ws = sub.add_parser("workspace", help="conciliar en el espacio de trabajo y ver lo conciliado",
                        description="Concilia y guarda el resultado (hallazgos y propuestas) en el "
                                    "espacio de trabajo, o lista las conciliaciones guardadas.")
    ws.epilog = EXIT_CODES_HELP
    actions = ws.add_subparsers(dest="workspace_action", metavar="ACCIÓN", required=True)
    rec = actions.add_parser(
        "reconcile", help="conciliar y guardar la conciliación en el espacio de trabajo",
        description="Concilia la demostración (--demo), un perfil guardado (--profile) o dos "
                    "fuentes (--crm y --erp) y guarda sus hallazgos y propuestas, para proponer "
                    "y aprobar correcciones después.")
    add_source_arguments(rec)
    rec.add_argument("--workspace", metavar="NOMBRE",
                     help="nombre del espacio de trabajo; por defecto CUADRE_WORKSPACE, el "
                          f"perfil, «{DEMO_WORKSPACE}» o «{DEFAULT_WORKSPACE}»")
    rec.add_argument("--out", type=Path, metavar="ARCHIVO",
                     help="además, el informe JSON completo")
    rec.add_argument("--quiet", "-q", action="store_true", help="no mostrar progreso ni resumen")
    add_common(rec, json_output=True)
    listing = actions.add_parser("runs", help="listar las conciliaciones guardadas",
                                 description="Lista las conciliaciones guardadas, la más reciente "
                                             "primero.")
    listing.add_argument("--workspace", metavar="NOMBRE", help=WORKSPACE_HELP)
    add_common(listing, actor=False, json_output=True)


def run(args: argparse.Namespace) -> int:
    if args.workspace_action == "reconcile":
        return _reconcile(args)
    return _runs(args)


def _reconcile(args: argparse.Namespace) -> int:
    from app.reconcile.export import summary_table, to_json
    from app.writeback.errors import NotAllowed
    from app.writeback.people import WORKERS, roles_of
    from app.writeback.runs import proposals_of, save_run

    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        # Refused before minutes of pulling, not after.
        if not roles_of(store, login) & WORKERS:
            raise NotAllowed(f"«{login}» no está registrado con un rol para conciliar en el "
                             "espacio de trabajo (propone, aprueba o administra).")
        what = chosen_systems(args)
        report = reconcile_report(args, what)
        name = workspace_name(args) or what.name
        # A saved profile says which system holds the truth of each field; otherwise the
        # default applies (DESIGN §5).
        sor = dict(what.system_of_record) if not isinstance(what, Demo) and args.profile \
            else None
        saved = save_run(store, login, report, described(args, what), name, sor)
    if args.out is not None:
        write_json(args.out, {**to_json(report), "run": saved.id, "workspace": name})
    if args.json:
        emit_json(saved.to_json())
        return EXIT_OK
    if not args.quiet:
        props = proposals_of(saved)
        pushable = sum(1 for p in props.fields if p.pushable)
        print(summary_table(report))
        print(f"\nConciliación guardada en «{name}» ({saved.id}): {len(props.fields)} propuestas "
              f"de corrección ({pushable} se pueden proponer para enviar), "
              f"{len(props.merges)} fusiones y {len(props.credit_notes)} notas crédito/débito.")
        print("Siguiente paso: cuadre corrections proposals")
    return EXIT_OK


def _runs(args: argparse.Namespace) -> int:
    from app.domain.values import format_cop
    from app.writeback.runs import runs

    with open_workspace(args) as store:
        found = runs(store, workspace_name(args))
    if args.json:
        emit_json([r.to_json() for r in found])
    elif not found:
        print("No hay conciliaciones guardadas: «cuadre workspace reconcile …» guarda una.")
    else:
        print(table(("Conciliación", "Espacio", "Guardada", "Por", "Hallazgos", "En juego",
                     "Fuente"),
                    [(r.id, r.workspace, when(r.saved_at), r.actor, str(r.findings),
                      format_cop(r.at_stake), r.source) for r in found]))
    return EXIT_OK
