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
from app.cli.i18n import tr_cli
from app.cli.sources import add_source_arguments, chosen_systems, reconcile_report


def add_parser(sub: Any) -> None:
    """Add ``reconcile`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    rec = sub.add_parser(
        "reconcile", help=tr_cli("cli.reconcile", "conciliar sin ventana y escribir un informe JSON"),
        description=tr_cli(
            "cli.reconcile", "Concilia la demostración (--demo), un perfil de conexión guardado "
                             "(--profile) o dos fuentes (--crm y --erp; con archivos, --entity)."),
    )
    add_source_arguments(rec)
    rec.add_argument("--out", type=Path, metavar=tr_cli("cli.reconcile", "ARCHIVO"),
                     help=tr_cli("cli.reconcile", "archivo JSON de salida (por defecto, ninguno)"))
    rec.add_argument("--quiet", "-q", action="store_true", help=tr_cli(
        "cli.reconcile", "no mostrar progreso ni resumen"))
    rec.add_argument("--stream-mb", type=_megabytes, metavar="MB", help=tr_cli(
        "cli.reconcile", "desde qué tamaño (MB) un archivo de clientes se lee por lotes y se "
                         "concilia por partes, sin cargarlo entero en memoria (por defecto "
                         "CUADRE_STREAM_MB, o 200)"))
    rec.add_argument("--in-database", action="store_true", default=None, help=tr_cli(
        "cli.reconcile", "con dos bases de datos (PostgreSQL o SQLite): comparar los clientes "
                         "dentro de los servidores y traer solo las filas que pueden diferir "
                         "(sin la opción, así se hace desde CUADRE_IN_DATABASE_ROWS filas, o "
                         "5.000.000)"))


def run(args: argparse.Namespace) -> int:
    from app.reconcile.export import pull_text, summary_table, to_json

    what = chosen_systems(args)
    report = reconcile_report(args, what)
    if args.out is not None:
        doc = to_json(report)
        if args.profile is not None:
            doc = {**doc, "profile": what.name}  # as saved
        write_json(args.out, doc)
    if not args.quiet:
        print(summary_table(report))
        if pulled := pull_text(report):  # nothing when no entity was pulled by the run
            print("\n" + pulled)
        if report.issues:
            print(tr_cli(
                "cli.reconcile", "\nAviso: {n} al leer las fuentes: celdas o columnas que no se pudieron "
                                 "leer o no se usaron, registros sin identificador (ver «source_issues» "
                                 "en el informe).").format(
                n=_n(len(report.issues), tr_cli("cli.reconcile", "aviso"),
                     tr_cli("cli.reconcile", "avisos"))))
        _say_streamed(report)
        if args.out is not None:
            print(tr_cli("cli.reconcile", "\nInforme escrito en {out}").format(out=args.out))
    for why in report.failures.values():
        print(tr_cli("cli.reconcile", "cuadre reconcile: no se concilió: {why}").format(why=why),
              file=sys.stderr)
    return EXIT_FAILED if report.failures else EXIT_OK


def _say_streamed(report: Any) -> None:
    """Which path each entity took, when one was read in batches or diffed in the databases."""
    from app.cli.labels import entity_label
    from app.domain.values import format_count, percent_of

    for entity, result in report.results.items():
        if result.moved is not None:
            print(tr_cli("cli.reconcile", "\n{entity}: comparados dentro de las bases de datos; "
                                          "salieron {rows} de {of} filas ({share})."
                         ).format(entity=entity_label(entity),
                                  rows=format_count(result.moved.rows),
                                  of=format_count(result.moved.of),
                                  share=percent_of(result.moved.rows, result.moved.of, 2)))
        if result.streamed:
            print(tr_cli("cli.reconcile", "\n{entity}: archivo grande; se leyó por lotes y se "
                                          "concilió por partes (sin cargarlo entero en "
                                          "memoria).").format(
                entity=entity_label(entity)))


def _megabytes(text: str) -> float:
    """An argparse ``type`` for ``--stream-mb``: a size in MB, 0 or more."""
    try:
        mb = float(text.strip().replace(",", "."))
    except ValueError:
        mb = -1.0
    if not mb >= 0:
        raise argparse.ArgumentTypeError(tr_cli(
            "cli.reconcile", "se esperaba un tamaño en MB (un número, 0 o más), no «{text}»"
        ).format(text=text))
    return mb


def _n(count: int, one: str, many: str) -> str:
    from app.domain.values import format_count

    return f"{format_count(count)} {one if count == 1 else many}"
