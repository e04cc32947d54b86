"""``cuadre reconcile``: reconcile with no window and write the JSON report.

    cuadre reconcile --demo --out report.json
    cuadre reconcile --crm http://127.0.0.1:8765/crm --erp odoo://admin@erp.local/concesionario
    cuadre reconcile --entity customers --crm clientes.csv --erp terceros.xlsx
    cuadre reconcile --profile "Concesionario Norte" --out report.json

The summary table goes to stdout, progress to a terminal's stderr. An entity that could not be
read is said on stderr and in the report («unread»), and the exit code is 1; the others are
still reconciled and written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_FAILED, EXIT_OK, write_json
from app.cli.sources import add_source_arguments, chosen_systems, reconcile_report


def add_parser(sub: Any) -> None:
    """Add ``reconcile`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    rec = sub.add_parser(
        "reconcile", help="conciliar sin ventana y escribir un informe JSON",
        description="Concilia la demostración (--demo), un perfil de conexión guardado "
                    "(--profile) o dos fuentes (--crm y --erp; con archivos, --entity).",
    )
    add_source_arguments(rec)
    rec.add_argument("--out", type=Path, metavar="ARCHIVO",
                     help="archivo JSON de salida (por defecto, ninguno)")
    rec.add_argument("--quiet", "-q", action="store_true", help="no mostrar progreso ni resumen")


def run(args: argparse.Namespace) -> int:
    from app.reconcile.export import summary_table, to_json

    what = chosen_systems(args)
    report = reconcile_report(args, what)
    if args.out is not None:
        doc = to_json(report)
        if args.profile is not None:
            doc = {**doc, "profile": what.name}  # as saved
        write_json(args.out, doc)
    if not args.quiet:
        print(summary_table(report))
        if report.issues:
            print(f"\nAviso: {_n(len(report.issues), 'aviso', 'avisos')} al leer las fuentes: "
                  "celdas o columnas que no se pudieron leer o no se usaron, registros sin "
                  "identificador (ver «source_issues» en el informe).")
        if args.out is not None:
            print(f"\nInforme escrito en {args.out}")
    for why in report.failures.values():
        print(f"cuadre reconcile: no se concilió: {why}", file=sys.stderr)
    return EXIT_FAILED if report.failures else EXIT_OK


def _n(count: int, one: str, many: str) -> str:
    from app.domain.values import format_count

    return f"{format_count(count)} {one if count == 1 else many}"
