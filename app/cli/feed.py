"""``cuadre feed``: the stock feed for ads, with no window.

    cuadre feed --format meta|google|csv --out FILE (--demo | --profile NOMBRE | --crm … --erp …)
                [--settings feed.json] [--json] [--quiet]

Reconciles what it is given (as ``cuadre reconcile`` does), then writes the ERP's available,
unreserved vehicles as Meta's vehicle catalog (``meta``) or Google's vehicle ads feed
(``google``), one row per VIN, or the «Quedan N» lines per model and branch (``csv``)
(:mod:`app.insights.feed`). The branches' addresses, the photos and the vehicles' page come
from the feed's settings: ``--settings``, else the demo's own or ``feed.json`` in the data
folder (:mod:`app.connections.feed`). It prints what the file holds, the «Quedan» lines and
every vehicle left out with its reason; ``--json`` prints the same for programs. The file is
written whole or not at all.

Exit codes: 0 written (vehicles left out are listed, not a failure); 1 a source, the settings
or the file failed (one sentence); 2 wrong usage; 130 cancelled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    emit_json,
    end_progress,
    exit_codes_help,
    fail,
    progress_printer,
)
from app.cli.i18n import tr_cli
from app.cli.sources import add_source_arguments, chosen_systems, reconcile_report

if TYPE_CHECKING:
    from app.insights.feed import FeedResult

FORMATS = ("meta", "google", "csv")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``feed`` to the ``cuadre`` subcommands."""
    p = sub.add_parser(
        "feed", help=tr_cli("cli.feed", "escribir el inventario disponible para anuncios (Meta, "
                                        "Google o las líneas «Quedan N»)"),
        description=tr_cli(
            "cli.feed", "Concilia lo indicado y escribe los vehículos disponibles y sin reservar "
                        "del ERP en el formato de catálogo de vehículos de Meta o de Google (una "
                        "fila por VIN), o las líneas «Quedan N» por modelo y sede en CSV. Lista "
                        "los vehículos que deja por fuera y por qué."))
    p.epilog = exit_codes_help()
    add_source_arguments(p)
    p.add_argument("--format", required=True, choices=FORMATS, dest="feed_format",
                   metavar=tr_cli("cli.feed", "FORMATO"),
                   help=tr_cli("cli.feed", "meta (catálogo de vehículos de Meta), google "
                                           "(anuncios de vehículos de Google) o csv (líneas "
                                           "«Quedan N»)"))
    p.add_argument("--out", type=Path, required=True, metavar=tr_cli("cli.feed", "ARCHIVO"),
                   help=tr_cli("cli.feed", "el archivo CSV que se escribe"))
    p.add_argument("--settings", type=Path, metavar=tr_cli("cli.feed", "ARCHIVO"),
                   help=tr_cli("cli.feed", "configuración del feed (JSON: sedes, fotos, página "
                                           "de los vehículos); por defecto feed.json en la "
                                           "carpeta de datos, o la de la demostración"))
    p.add_argument("--json", action="store_true",
                   help=tr_cli("cli.feed", "escribir el resumen en JSON (para programas)"))
    p.add_argument("--quiet", "-q", action="store_true",
                   help=tr_cli("cli.feed", "no mostrar el progreso"))
    return p


def run(args: argparse.Namespace) -> int:
    from app.connections.feed import feed_settings
    from app.insights.data import from_report
    from app.insights.feed import feed_task, no_settings_line, summary_lines
    from app.insights.feed_settings import FeedSettingsError
    from app.progress import run as drive

    out: Path = args.out
    folder = out.resolve().parent
    if not folder.is_dir():
        fail(args, tr_cli("cli.feed", "no existe la carpeta {folder} donde escribir el "
                                      "feed").format(folder=folder))
        return EXIT_FAILED
    if args.settings is not None and not args.settings.exists():
        fail(args, tr_cli("cli.feed", "no existe el archivo de configuración {path}").format(
            path=args.settings))
        return EXIT_FAILED
    what = chosen_systems(args)
    report = reconcile_report(args, what)
    try:
        settings, path = feed_settings(report.sources, args.settings)
    except FeedSettingsError as exc:
        fail(args, str(exc))
        return EXIT_FAILED
    data = from_report(report)
    try:
        result = drive(feed_task(data, settings, args.feed_format, out),
                       progress_printer(args.quiet))
        end_progress(args.quiet)
    except OSError as exc:
        fail(args, tr_cli("cli.feed", "no se pudo escribir el feed {path}: {why}").format(
            path=out, why=exc.strerror or type(exc).__name__))
        return EXIT_FAILED
    if result.unavailable:
        fail(args, result.unavailable)
        return EXIT_FAILED
    if args.json:
        emit_json(result_json(result, out))
        return EXIT_OK
    if settings.source is None and args.feed_format != "csv":
        print(no_settings_line(path), file=sys.stderr)
    print("\n".join(summary_lines(result)))
    print(tr_cli("cli.feed", "Feed escrito en {path}: {rows} filas.").format(
        path=out, rows=len(result.rows)))
    return EXIT_OK


def result_json(result: FeedResult, out: Path) -> dict[str, Any]:
    """The summary for programs: codes and counts, reasons as sentences."""
    return {
        "format": result.format, "file": str(out), "rows": len(result.rows),
        "records": result.records, "vehicles_written": result.vehicles_written,
        "records_written": result.records_written,
        "omitted": [{"vin": o.vin, "vehicle": o.vehicle, "branch": o.branch,
                     "reason": o.reason, "records": o.records} for o in result.omitted],
        "not_offered": dict(result.not_offered),
        "duplicates": dict(result.duplicates),
        "available_by_model": [{"make": m.make, "model": m.model, "available": m.available}
                               for m in result.by_model],
    }
