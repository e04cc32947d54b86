"""The ``cuadre`` command: its parser and its dispatch to one module per command.

    cuadre                       opens the window
    cuadre --demo [--reset-demo] opens the window on the demo dealership
    cuadre --self-test [--no-gui] checks the installation, one line per part
    cuadre reconcile --demo --out report.json                 (app/cli/reconcile.py)
    cuadre reconcile --crm http://127.0.0.1:8765/crm --erp odoo://admin@erp.local/concesionario
    cuadre reconcile --profile "Concesionario Norte" --out report.json
    cuadre count --count conteo.csv --branch "Cali - Pasoancho" --demo   (app/cli/count.py)
    cuadre credentials set SOURCE | delete SOURCE
    cuadre sandbox --port 8765
    cuadre audit verify [--store URL] | export --out auditoria.xlsx
    cuadre people | workspace | corrections | push | outbox …   (the write-back loop, for
                                                                scripts)
    cuadre insights followups|funnel|stock|renewal --demo     (the dealer insights)
    cuadre report --demo --out resumen.pdf|indicadores.xlsx   (the manager's report)
    cuadre schedule add|list|remove|run|smtp …                (scheduled runs and alerts)
    cuadre vin 9GASJ69R2TP075153 [--demo] [--live] [--json]   (where one VIN stands)
    cuadre feed --format meta|google|csv --out FILE --demo    (the stock feed for ads)

Errors are one sentence on stderr and a non-zero exit, never a traceback: Spanish, or English
when the environment asks for it (``LANG=en_US.UTF-8``, ``CUADRE_LANG=en``: :mod:`app.cli.i18n`).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import select
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from app import __version__
from app.cli.common import EXIT_CANCELLED, EXIT_FAILED, EXIT_USAGE, UsageError, guarded
from app.cli.i18n import tr_cli
from app.cli.parser import Parser
from app.domain.sources import SourceError
from app.progress import Cancelled

log = logging.getLogger("cuadre")

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool its reader left

Handler = Callable[[argparse.Namespace], int]

#: Each command: its module in ``app.cli``, the function that runs it, and whether the
#: write-back loop's refusals by the service or the store become one sentence and their exit
#: code (:func:`app.cli.common.guarded`). A command's module is imported only when that command
#: runs (or when the whole list is wanted: ``cuadre -h``, an unknown command), so ``cuadre
#: vin`` or ``cuadre --version`` do not load what reconciling needs.
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "reconcile": ("reconcile", "run", False),
    "count": ("count", "run", False),
    "credentials": ("credentials", "run", False),
    "sandbox": ("sandbox", "run", False),
    "audit": ("audit", "run", False),
    "report": ("report", "run", False),
    "people": ("people", "run", True),
    "workspace": ("workspace", "run", True),
    "corrections": ("corrections", "run", True),
    "push": ("push", "run_push", True),
    "outbox": ("push", "run_outbox", True),
    "insights": ("insights", "run", False),
    "feed": ("feed", "run", False),
    "findings": ("findings", "run", True),
    "period": ("period", "run", True),
    "schedule": ("schedule", "run", True),
    "vin": ("vin", "run", True),
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"app.cli.{name}")


def _register(name: str, sub: Any) -> None:
    """Add the subcommands module ``name`` defines (``push`` defines push and outbox)."""
    module = _module(name)
    if name == "push":
        module.add_parsers(sub)
    else:
        module.add_parser(sub)


def _wanted(argv: list[str]) -> tuple[str, ...] | None:
    """The modules whose commands the parser needs for ``argv``: the named command's alone; none
    when no command is named and no help asked (the window, --version, --self-test); every
    one (None) for the help's list or an unknown command's error."""
    words = [a for a in argv if not a.startswith("-")]
    if not words:
        return None if {"-h", "--help"} & set(argv) else ()
    chosen = COMMANDS.get(words[0])
    return (chosen[0],) if chosen is not None else None


def _parser(modules: tuple[str, ...] | None = None) -> argparse.ArgumentParser:
    """``cuadre``'s parser: in Spanish, argparse's own words included (:mod:`app.cli.parser`);
    its subcommands are built with its class."""
    parser = Parser(
        prog="cuadre",
        description=tr_cli(
            "cli.main", "Concilia el CRM y el ERP del concesionario: clientes, pagos e inventario."),
    )
    parser.add_argument("--version", action="version", version=f"Cuadre {__version__}",  # a name
                        help=tr_cli("cli.main", "mostrar la versión de Cuadre y salir"))
    parser.add_argument("--demo", action="store_true", help=tr_cli(
        "cli.main", "abrir con el concesionario de demostración"))
    parser.add_argument("--reset-demo", action="store_true",
                        help=tr_cli("cli.main", "regenerar los datos de demostración antes de abrir"))
    parser.add_argument("--self-test", action="store_true",
                        help=tr_cli(
                            "cli.main", "comprobar la instalación (una línea por prueba; sale con 1 si "
                                        "algo falla)"))
    parser.add_argument("--no-gui", action="store_true", help=tr_cli(
        "cli.main", "con --self-test: sin abrir ventanas"))
    sub = parser.add_subparsers(dest="command", metavar=tr_cli("cli.main", "COMANDO"))
    every = dict.fromkeys(module for module, _, _ in COMMANDS.values())  # the help's order
    for name in every if modules is None else modules:
        _register(name, sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code. Output cut short by its reader (``cuadre … | head``)
    ends the command quietly, as it ends a Unix tool: no «Broken pipe», exit 141."""
    try:
        return _main(argv)
    except BrokenPipeError:
        if not _stdout_closed():
            raise
        # Python flushes stdout again at exit: point it at nothing so that flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _stdout_closed() -> bool:
    """Whether stdout's reader has gone (a BrokenPipeError may also come from a socket)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    poll = getattr(select, "poll", None)  # not on Windows, where the flush above tells
    if poll is None:
        return False
    try:
        watch = poll()
        watch.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _fd, events in watch.poll(0))
    except (OSError, ValueError):
        return False


def _main(argv: list[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = _parser(_wanted(given)).parse_args(given)
    from app.security.logs import configure

    log_path = configure()
    try:
        if args.self_test:
            from app.cli.selftest import self_test

            return self_test(gui=not args.no_gui)
        if args.command is not None:
            module, function, refusals = COMMANDS[args.command]
            handler: Handler = getattr(_module(module), function)
            return guarded(handler, args) if refusals else handler(args)
        from app.cli.display import problem

        no_window = problem()
        if no_window is not None:  # before Qt, which would abort with its own English noise
            print(no_window, file=sys.stderr)
            return EXIT_FAILED
        from ui.main import run_gui  # Qt is loaded only when a window is wanted

        return run_gui(sys.argv[:1], demo=args.demo, reset_demo=args.reset_demo)
    except UsageError as exc:
        print(tr_cli("cli.main", "cuadre {command}: {exc}.").format(command=args.command, exc=exc),
              file=sys.stderr)
        return EXIT_USAGE
    except SourceError as exc:  # its own Spanish message, never a secret
        log.info("source failed: %s", type(exc).__name__)
        print(tr_cli("cli.main", "cuadre: {exc}").format(exc=exc), file=sys.stderr)
        return EXIT_FAILED
    except Cancelled:
        print(tr_cli("cli.main", "Cancelado."), file=sys.stderr)
        return EXIT_CANCELLED
    except KeyboardInterrupt:
        print(tr_cli("cli.main", "\nInterrumpido."), file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        raise  # main() tells a closed stdout from a cut connection
    except OSError as exc:
        log.debug("I/O failure", exc_info=True)
        print(tr_cli(
            "cli.main", "cuadre: no se pudo leer o escribir un archivo: {why}{where}").format(
            why=exc.strerror or exc, where=f" ({exc.filename})" if exc.filename else ""),
              file=sys.stderr)
        return EXIT_FAILED
    except Exception:
        log.exception("unexpected failure")
        print(tr_cli(
            "cli.main", "cuadre: ocurrió un error inesperado; el detalle quedó en {log_path}").format(
            log_path=log_path),
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
