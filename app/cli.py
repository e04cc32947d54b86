"""The ``cuadre`` command: the window by default, ``cuadre reconcile`` with no screen.

    cuadre                       opens the window
    cuadre --demo [--reset-demo] opens the window on the demo dealership
    cuadre reconcile --demo --out report.json

Errors are one Spanish sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.connectors.files import FileFormatError, MappingError
from app.domain.schema import Entity, System
from app.progress import Cancelled, Progress, Task, run
from app.reconcile.engine import ENTITIES

if TYPE_CHECKING:
    from app.reconcile.results import Report

log = logging.getLogger("cuadre")

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_CANCELLED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cuadre",
        description="Concilia el CRM y el ERP del concesionario: clientes, pagos e inventario.",
    )
    parser.add_argument("--version", action="version", version=f"Cuadre {__version__}")
    parser.add_argument("--demo", action="store_true", help="abrir con el concesionario de demostración")
    parser.add_argument("--reset-demo", action="store_true",
                        help="regenerar los datos de demostración antes de abrir")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")
    rec = sub.add_parser(
        "reconcile", help="conciliar sin ventana y escribir un informe JSON",
        description="Concilia la demostración (--demo) o dos exportaciones CSV/XLSX de una "
                    "entidad (--entity con --crm y --erp).",
    )
    rec.add_argument("--demo", action="store_true", help="conciliar el concesionario de demostración")
    rec.add_argument("--reset-demo", action="store_true", help="regenerar la demostración primero")
    rec.add_argument("--entity", choices=[e.value for e in ENTITIES],
                     help="qué comparan los archivos --crm y --erp")
    rec.add_argument("--crm", type=Path, metavar="ARCHIVO", help="exportación del CRM (CSV o XLSX)")
    rec.add_argument("--erp", type=Path, metavar="ARCHIVO", help="exportación del ERP (CSV o XLSX)")
    rec.add_argument("--mapping", type=Path, metavar="JSON",
                     help='columnas: {"doc_number": "Encabezado"} para ambos archivos, o '
                          '{"crm": {...}, "erp": {...}}')
    rec.add_argument("--out", type=Path, help="archivo JSON de salida (por defecto, ninguno)")
    rec.add_argument("--quiet", "-q", action="store_true", help="no mostrar progreso ni resumen")

    cnt = sub.add_parser(
        "count", help="comparar un conteo físico del patio con el inventario del ERP",
        description="Compara los VIN contados en una sede con el inventario del ERP.",
    )
    cnt.add_argument("--count", type=Path, required=True, metavar="ARCHIVO",
                     help="conteo (CSV o XLSX con una columna VIN)")
    cnt.add_argument("--branch", required=True, help="sede contada, como la nombra el ERP")
    cnt.add_argument("--demo", action="store_true", help="inventario del ERP de la demostración")
    cnt.add_argument("--erp", type=Path, metavar="ARCHIVO", help="inventario del ERP (CSV o XLSX)")
    cnt.add_argument("--out", type=Path, help="archivo JSON de salida")
    cnt.add_argument("--quiet", "-q", action="store_true", help="no mostrar el resumen")
    return parser


def _progress_printer(quiet: bool) -> Callable[[Progress], None]:
    def show(p: Progress) -> None:
        if not quiet and sys.stderr.isatty():
            sys.stderr.write(f"\r{p.step:<28} {p.fraction:6.0%}")
            sys.stderr.flush()

    return show


class UsageError(Exception):
    """A wrong combination of options: one Spanish sentence, exit code 2."""


def _mappings(path: Path | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(CRM mapping, ERP mapping) from one JSON file: shared, or split by system."""
    if path is None:
        return None, None
    try:
        raw = json.loads(path.read_text("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"el mapeo {path.name} no es JSON válido") from exc
    if not isinstance(raw, dict):
        raise UsageError(f'el mapeo {path.name} debe ser un objeto {{"columna": "Encabezado"}}')
    if set(raw) <= {"crm", "erp"} and raw:
        return raw.get("crm"), raw.get("erp")
    return raw, raw


def _reconcile_task(args: argparse.Namespace) -> Task[Report]:
    from app.connectors.files import FileConnector
    from app.demo import demo_task
    from app.reconcile.engine import reconcile

    files = args.crm is not None or args.erp is not None
    if args.demo and files:
        raise UsageError("use --demo o --crm/--erp, no ambos")
    if args.demo:
        return demo_task(reset=args.reset_demo)
    if not files:
        raise UsageError("indique los datos: --demo, o --entity con --crm ARCHIVO y --erp ARCHIVO")
    if args.crm is None or args.erp is None or args.entity is None:
        raise UsageError("con archivos hacen falta --entity, --crm y --erp")
    entity = Entity(args.entity)
    crm_map, erp_map = _mappings(args.mapping)
    return reconcile(
        FileConnector(args.crm, System.CRM, entity, crm_map),
        FileConnector(args.erp, System.ERP, entity, erp_map),
        entities=(entity,),
    )


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _reconcile(args: argparse.Namespace) -> int:
    from app.reconcile.export import summary_table, to_json

    report = run(_reconcile_task(args), _progress_printer(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.out is not None:
        _write_json(args.out, to_json(report))
    if not args.quiet:
        print(summary_table(report))
        if report.issues:
            print(f"\nAviso: {len(report.issues)} celdas o columnas no se pudieron leer o no se "
                  "usaron (ver «source_issues» en el informe).")
        if args.out is not None:
            print(f"\nInforme escrito en {args.out}")
    return 0


def _count(args: argparse.Namespace) -> int:
    from app.connectors.demo import DemoErp
    from app.connectors.files import FileConnector, read_count
    from app.demo import demo_files, ensure_demo
    from app.reconcile.export import count_summary_table, count_to_json
    from app.reconcile.stock_count import compare_count

    if args.demo == (args.erp is not None):
        raise UsageError("indique el inventario del ERP: --demo o --erp ARCHIVO")
    if args.demo:
        run(ensure_demo())
        erp_stock = DemoErp(demo_files().erp).pull(Entity.VEHICLES)
    else:
        erp_stock = FileConnector(args.erp, System.ERP, Entity.VEHICLES).pull(Entity.VEHICLES)
    counted, issues = read_count(args.count, branch=args.branch)
    result = run(compare_count(counted, erp_stock, args.branch))
    if args.out is not None:
        _write_json(args.out, count_to_json(result, issues))
    if not args.quiet:
        print(count_summary_table(result))
        if args.out is not None:
            print(f"\nInforme escrito en {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from app.logsetup import configure

    log_path = configure()
    try:
        if args.command == "reconcile":
            return _reconcile(args)
        if args.command == "count":
            return _count(args)
        from ui.main import run_gui  # Qt is loaded only when a window is wanted

        return run_gui(sys.argv[:1], demo=args.demo, reset_demo=args.reset_demo)
    except UsageError as exc:
        print(f"cuadre {args.command}: {exc}.", file=sys.stderr)
        return EXIT_USAGE
    except (FileFormatError, MappingError) as exc:  # its own Spanish message
        print(f"cuadre: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Cancelled:
        print("Cancelado.", file=sys.stderr)
        return EXIT_CANCELLED
    except KeyboardInterrupt:
        print("\nInterrumpido.", file=sys.stderr)
        return EXIT_CANCELLED
    except OSError as exc:
        log.debug("I/O failure", exc_info=True)
        print(f"cuadre: no se pudo leer o escribir un archivo: {exc.strerror or exc}"
              f"{f' ({exc.filename})' if exc.filename else ''}", file=sys.stderr)
        return EXIT_FAILED
    except Exception:
        log.exception("unexpected failure")
        print(f"cuadre: ocurrió un error inesperado; el detalle quedó en {log_path}",
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
