"""``cuadre count``: compare a branch's physical count with the ERP's stock, with no window.

    cuadre count --count conteo.csv --branch "Cali - Pasoancho" (--demo | --profile NOMBRE |
                 --erp FUENTE [--mapping columnas.json]) [--out conteo.json]

The ERP's vehicles are read wherever the ERP is — the demo, a saved profile's ERP, or any
source ``--erp`` names (an export, a database, an API, Odoo) — through the same
:func:`~app.connections.systems.open_systems` a reconciliation uses, and closed once read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_OK, end_progress, progress_printer, usage, write_json
from app.cli.i18n import tr_cli, tr_marked
from app.cli.sources import SOURCE_HELP, pair_profile, saved_profile
from app.connections.profiles import ConnectionProfile
from app.connections.systems import Demo, open_systems
from app.domain.schema import Entity, System
from app.progress import run as drive


def add_parser(sub: Any) -> None:
    """Add ``count`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    cnt = sub.add_parser(
        "count", help=tr_cli("cli.count", "comparar un conteo físico del patio con el inventario del ERP"),
        description=tr_cli("cli.count", "Compara los VIN contados en una sede con el inventario del ERP."),
    )
    cnt.add_argument("--count", type=Path, required=True, metavar=tr_cli("cli.count", "ARCHIVO"),
                     help=tr_cli("cli.count", "conteo (CSV o XLSX con una columna VIN)"))
    cnt.add_argument("--branch", required=True, metavar=tr_cli("cli.count", "SEDE"),
                     help=tr_cli("cli.count", "sede contada, como la nombra el ERP"))
    cnt.add_argument("--demo", action="store_true", help=tr_cli(
        "cli.count", "inventario del ERP de la demostración"))
    cnt.add_argument("--erp", metavar=tr_cli("cli.count", "FUENTE"), help=tr_cli(
        "cli.count", "el inventario del ERP: {sources}").format(
        sources=tr_marked("cli.sources", SOURCE_HELP)))
    cnt.add_argument("--profile", metavar=tr_cli("cli.count", "NOMBRE"),
                     help=tr_cli("cli.count", "el inventario del ERP de un perfil guardado en Conexiones"))
    cnt.add_argument("--mapping", type=Path, metavar=tr_cli("cli.count", "JSON"),
                     help=tr_cli("cli.count", 'columnas del inventario del ERP: {"vin": "Encabezado"}'))
    cnt.add_argument("--out", type=Path, metavar=tr_cli("cli.count", "ARCHIVO"), help=tr_cli(
        "cli.count", "archivo JSON de salida"))
    cnt.add_argument("--quiet", "-q", action="store_true", help=tr_cli("cli.count", "no mostrar el resumen"))


def run(args: argparse.Namespace) -> int:
    from app.connectors.files import read_count
    from app.count.compare import compare_count
    from app.count.export import count_summary_table, count_to_json

    with open_systems(_erp_of(args)) as systems:
        erp_stock = drive(systems.pull_task(System.ERP, Entity.VEHICLES),
                          progress_printer(args.quiet))
    end_progress(args.quiet)
    counted, issues = read_count(args.count, branch=args.branch)
    result = drive(compare_count(counted, erp_stock, args.branch))
    if args.out is not None:
        write_json(args.out, count_to_json(result, issues))
    if not args.quiet:
        print(count_summary_table(result))
        if args.out is not None:
            print(tr_cli("cli.count", "\nInforme escrito en {out}").format(out=args.out))
    return EXIT_OK


def _erp_of(args: argparse.Namespace) -> Demo | ConnectionProfile:
    """Where the ERP's stock is: the demo, a saved profile, or ``--erp`` alone."""
    given = [flag for flag, value in (("--demo", args.demo), ("--erp", args.erp),
                                      ("--profile", args.profile)) if value]
    if len(given) != 1:
        raise usage(tr_cli("cli.count", "indique el inventario del ERP: --demo, --erp FUENTE o "
                           "--profile NOMBRE")
                    + (tr_cli("cli.count", " (uno solo, no {given})").format(
                        given=tr_cli("cli.count", " y ").join(given)) if given else ""))
    if args.mapping is not None and args.erp is None:
        raise usage(tr_cli("cli.count", "--mapping va con --erp (un perfil ya trae sus columnas)"))
    if args.demo:
        return Demo()
    if args.profile is not None:
        return saved_profile(args.profile)
    return pair_profile(None, args.erp, Entity.VEHICLES, args.mapping)
