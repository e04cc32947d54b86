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

from app import __version__
from app.progress import Cancelled, Progress, run

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
    rec = sub.add_parser("reconcile", help="conciliar sin ventana y escribir un informe JSON")
    rec.add_argument("--demo", action="store_true", help="conciliar el concesionario de demostración")
    rec.add_argument("--reset-demo", action="store_true", help="regenerar la demostración primero")
    rec.add_argument("--out", type=Path, help="archivo JSON de salida (por defecto, ninguno)")
    rec.add_argument("--quiet", "-q", action="store_true", help="no mostrar progreso ni resumen")
    return parser


def _progress_printer(quiet: bool) -> Callable[[Progress], None]:
    def show(p: Progress) -> None:
        if not quiet and sys.stderr.isatty():
            sys.stderr.write(f"\r{p.step:<28} {p.fraction:6.0%}")
            sys.stderr.flush()

    return show


def _reconcile(args: argparse.Namespace) -> int:
    from app.demo import demo_task
    from app.reconcile.export import summary_table, to_json

    if not args.demo:
        print("cuadre reconcile: indique el origen de los datos; por ahora solo --demo.",
              file=sys.stderr)
        return EXIT_USAGE
    report = run(demo_task(reset=args.reset_demo), _progress_printer(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.out is not None:
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_text(json.dumps(to_json(report), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(args.out)
    if not args.quiet:
        print(summary_table(report))
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
        from ui.main import run_gui  # Qt is loaded only when a window is wanted

        return run_gui(sys.argv[:1], demo=args.demo, reset_demo=args.reset_demo)
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
