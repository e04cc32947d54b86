"""The ``cuadre`` command: the window by default, ``cuadre reconcile`` with no screen.

    cuadre                       opens the window
    cuadre --demo [--reset-demo] opens the window on the demo dealership
    cuadre --self-test [--no-gui] checks the installation, one line per part
    cuadre reconcile --demo --out report.json
    cuadre reconcile --crm http://127.0.0.1:8765/crm --erp odoo://admin@erp.local/concesionario
    cuadre reconcile --entity customers --crm clientes.csv --erp terceros.xlsx
    cuadre reconcile --profile "Concesionario Norte" --out report.json
    cuadre credentials set SOURCE | delete SOURCE
    cuadre sandbox --port 8765
    cuadre audit verify [--store URL] | export --out auditoria.xlsx
    cuadre people | workspace | corrections | push | outbox …   (app/commands: the write-back
                                                                loop, for scripts)
    cuadre insights followups|funnel|stock|renewal --demo     (the dealer insights)
    cuadre report --demo --out resumen.pdf|indicadores.xlsx   (the manager's report)

Errors are one Spanish sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import select
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.cli.workspace_commands import COMMANDS as WORKSPACE_COMMANDS
from app.connectors.base import SourceError
from app.domain.schema import Entity, System
from app.progress import Cancelled, Progress, Task, run
from app.reconcile.engine import ENTITIES

if TYPE_CHECKING:
    import pandas as pd

    from app.connections.profiles import ConnectionProfile
    from app.reconcile.results import Report

log = logging.getLogger("cuadre")

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_CANCELLED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool its reader left


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cuadre",
        description="Concilia el CRM y el ERP del concesionario: clientes, pagos e inventario.",
    )
    parser.add_argument("--version", action="version", version=f"Cuadre {__version__}")
    parser.add_argument("--demo", action="store_true", help="abrir con el concesionario de demostración")
    parser.add_argument("--reset-demo", action="store_true",
                        help="regenerar los datos de demostración antes de abrir")
    parser.add_argument("--self-test", action="store_true",
                        help="comprobar la instalación (una línea por prueba; sale con 1 si algo falla)")
    parser.add_argument("--no-gui", action="store_true", help="con --self-test: sin abrir ventanas")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")
    rec = sub.add_parser(
        "reconcile", help="conciliar sin ventana y escribir un informe JSON",
        description="Concilia la demostración (--demo), un perfil de conexión guardado "
                    "(--profile) o dos fuentes (--crm y --erp; con archivos, --entity).",
    )
    add_source_arguments(rec)
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
    cnt.add_argument("--erp", metavar="FUENTE", help=f"el inventario del ERP: {SOURCE_HELP}")
    cnt.add_argument("--profile", metavar="NOMBRE",
                     help="el inventario del ERP de un perfil guardado en Conexiones")
    cnt.add_argument("--mapping", type=Path, metavar="JSON",
                     help='columnas del inventario del ERP: {"vin": "Encabezado"}')
    cnt.add_argument("--out", type=Path, help="archivo JSON de salida")
    cnt.add_argument("--quiet", "-q", action="store_true", help="no mostrar el resumen")

    from app.cli.credentials import add_parser as add_credentials_parser

    add_credentials_parser(sub)

    from app.cli.sandbox import add_parser as add_sandbox_parser

    add_sandbox_parser(sub)

    from app.cli.audit import add_parser as add_audit_parser

    add_audit_parser(sub)

    from app.cli.report import add_parser as add_report_parser

    add_report_parser(sub)

    from app.cli.workspace_commands import add_parsers as add_workspace_parsers

    add_workspace_parsers(sub)

    from app.cli.insights import add_parser as add_insights_parser

    add_insights_parser(sub)
    return parser


SOURCE_HELP = ("archivo CSV/XLSX, URL de base de datos (sqlite:///…, postgresql://usuario@…), "
               "API http(s)://… u odoo://USUARIO@SERVIDOR/BASE")


def add_source_arguments(rec: argparse.ArgumentParser) -> None:
    """What to reconcile: --demo, --profile or --crm/--erp (with --entity and --mapping)."""
    rec.add_argument("--demo", action="store_true", help="conciliar el concesionario de demostración")
    rec.add_argument("--reset-demo", action="store_true", help="regenerar la demostración primero")
    rec.add_argument("--profile", metavar="NOMBRE",
                     help="conciliar un perfil guardado en Conexiones (sus fuentes y tolerancias)")
    rec.add_argument("--entity", choices=[e.value for e in ENTITIES],
                     help="qué comparan los archivos --crm y --erp (con --profile: solo esa)")
    rec.add_argument("--crm", metavar="FUENTE", help=f"el CRM: {SOURCE_HELP}")
    rec.add_argument("--erp", metavar="FUENTE", help=f"el ERP: {SOURCE_HELP}")
    rec.add_argument("--mapping", type=Path, metavar="JSON",
                     help='columnas: {"doc_number": "Encabezado"} para ambos archivos, o '
                          '{"crm": {...}, "erp": {...}}')


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
    from app.connections.sources import open_source
    from app.demo import demo_task
    from app.domain.sources import SourceKind, parse_source
    from app.reconcile.engine import reconcile

    given = args.crm is not None or args.erp is not None
    if args.profile is not None:
        if args.demo or args.reset_demo or given or args.mapping is not None:
            raise UsageError("--profile ya trae sus fuentes y columnas: no lo combine con --demo, "
                             "--crm, --erp ni --mapping")
        return _profile_task(args)
    if args.demo and given:
        raise UsageError("use --demo o --crm/--erp, no ambos")
    if args.demo:
        return demo_task(reset=args.reset_demo)
    if not given:
        raise UsageError("indique los datos: --demo, o --crm FUENTE y --erp FUENTE")
    if args.crm is None or args.erp is None:
        raise UsageError("hacen falta las dos fuentes: --crm y --erp")
    crm_spec, erp_spec = parse_source(args.crm), parse_source(args.erp)
    files = SourceKind.FILE in (crm_spec.kind, erp_spec.kind)
    if files and args.entity is None:
        raise UsageError("un archivo trae una sola entidad: indique cuál con --entity")
    entities = (Entity(args.entity),) if args.entity else ENTITIES
    crm_map, erp_map = _mappings(args.mapping)
    one = entities[0] if files else None
    crm = open_source(crm_spec, System.CRM, entity=one, mapping=_per_entity(crm_map, one))
    erp = open_source(erp_spec, System.ERP, entity=one, mapping=_per_entity(erp_map, one))
    args.opened = (crm, erp)
    return reconcile(crm, erp, entities=entities)


def _profile_task(args: argparse.Namespace) -> Task[Report]:
    """The saved profile ``--profile`` reconciled (an unknown name is a usage error)."""
    from app.connections.profiles import ProfileError
    from app.connections.systems import profile_entities, reconcile_systems

    entity = Entity(args.entity) if args.entity else None
    profile = saved_profile(args.profile)
    try:
        profile_entities(profile, entity)
    except ProfileError as exc:
        raise UsageError(str(exc).rstrip(".")) from None
    args.profile_name = profile.name  # as saved, for the report
    return reconcile_systems(profile, entity=entity)


def saved_profile(name: str) -> ConnectionProfile:
    """The connection profile saved as ``name``; an unknown name is a usage error that lists
    the saved ones."""
    from app.connections.profiles import ProfileError
    from app.connections.store import ProfileStore

    store = ProfileStore()
    try:
        profile = store.get(name)
    except ProfileError as exc:  # the profiles file cannot be read: a failure, not a usage error
        raise SourceError(str(exc)) from None
    if profile is None:
        names = store.names()
        known = (f"; los guardados son: {', '.join(f'«{n}»' for n in names)}" if names else
                 "; no hay perfiles guardados (se crean en la ventana: Archivo › Conexiones…)")
        raise UsageError(f"no existe el perfil «{name.strip()}»{known}")
    return profile


def _per_entity(mapping: dict[str, Any] | None, entity: Entity | None) -> dict[str, Any] | None:
    """A mapping file gives one entity's columns (with --entity) or ``{entity: {…}}``."""
    if mapping is None:
        return None
    if set(mapping) <= {e.value for e in Entity}:
        return mapping
    if entity is None:
        raise UsageError("sin --entity, el mapeo se escribe por entidad: "
                         '{"customers": {"columna": "Encabezado"}, …}')
    return {entity.value: mapping}


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def reconcile_report(args: argparse.Namespace) -> Report:
    """Reconcile what ``args`` names (:func:`add_source_arguments`), progress on a terminal's
    stderr, and close the sources opened for it."""
    try:
        report = run(_reconcile_task(args), _progress_printer(args.quiet))
    finally:
        for connector in getattr(args, "opened", ()):
            close = getattr(connector, "close", None)
            if close is not None:
                close()
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    return report


def _reconcile(args: argparse.Namespace) -> int:
    from app.reconcile.export import summary_table, to_json

    report = reconcile_report(args)
    if args.out is not None:
        doc = to_json(report)
        if getattr(args, "profile_name", None) is not None:
            doc = {**doc, "profile": args.profile_name}
        _write_json(args.out, doc)
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
    return EXIT_FAILED if report.failures else 0


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}".replace(",", ".")


def _count(args: argparse.Namespace) -> int:
    from app.connectors.files import read_count
    from app.count.compare import compare_count
    from app.reconcile.export import count_summary_table, count_to_json

    erp_stock = run(_erp_stock_task(args), _progress_printer(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    counted, issues = read_count(args.count, branch=args.branch)
    result = run(compare_count(counted, erp_stock, args.branch))
    if args.out is not None:
        _write_json(args.out, count_to_json(result, issues))
    if not args.quiet:
        print(count_summary_table(result))
        if args.out is not None:
            print(f"\nInforme escrito en {args.out}")
    return 0


def _erp_stock_task(args: argparse.Namespace) -> Task[pd.DataFrame]:
    """The ERP's vehicles for ``cuadre count``: the demo's, a saved profile's ERP, or any
    source ``--erp`` names (an export, a database, an API, Odoo), closed once read."""
    from app.connectors.base import pulling

    given = [flag for flag, value in (("--demo", args.demo), ("--erp", args.erp),
                                      ("--profile", args.profile)) if value]
    if len(given) != 1:
        raise UsageError("indique el inventario del ERP: --demo, --erp FUENTE o --profile NOMBRE"
                         + (f" (uno solo, no {' y '.join(given)})" if given else ""))
    if args.mapping is not None and args.erp is None:
        raise UsageError("--mapping va con --erp (un perfil ya trae sus columnas)")
    if args.demo:
        from app.demo import ensure_demo
        from app.demo.connector import DemoErp

        files = yield from ensure_demo()
        return (yield from pulling(DemoErp(files.erp), Entity.VEHICLES))
    if args.profile is not None:
        from app.connections.systems import ProfileSource

        source = ProfileSource(saved_profile(args.profile).erp, System.ERP)
        try:
            return (yield from source.pull_task(Entity.VEHICLES))
        finally:
            source.close()
    from app.connections.sources import open_source

    _crm_map, erp_map = _mappings(args.mapping)
    erp = open_source(args.erp, System.ERP, entity=Entity.VEHICLES,
                      mapping=_per_entity(erp_map, Entity.VEHICLES))
    try:
        return (yield from pulling(erp, Entity.VEHICLES))
    finally:
        close = getattr(erp, "close", None)
        if close is not None:
            close()


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
    args = _parser().parse_args(argv)
    from app.security.logs import configure

    log_path = configure()
    try:
        if args.self_test:
            from app.cli.selftest import self_test

            return self_test(gui=not args.no_gui)
        if args.command == "reconcile":
            return _reconcile(args)
        if args.command == "count":
            return _count(args)
        if args.command == "report":
            from app.cli.report import run as run_report

            return run_report(args)
        if args.command == "credentials":
            from app.cli.credentials import run as run_credentials

            return run_credentials(args)
        if args.command == "audit":
            from app.cli.audit import run as run_audit

            args.store = args.store or os.environ.get("CUADRE_STORE") or None
            return run_audit(args)
        if args.command == "insights":
            from app.cli.insights import run as run_insights

            return run_insights(args)
        if args.command in WORKSPACE_COMMANDS:
            from app.cli.workspace_commands import run as run_workspace

            return run_workspace(args)
        if args.command == "sandbox":
            from app.cli.sandbox import run as run_sandbox

            return run_sandbox(args)
        from ui.main import run_gui  # Qt is loaded only when a window is wanted

        return run_gui(sys.argv[:1], demo=args.demo, reset_demo=args.reset_demo)
    except UsageError as exc:
        print(f"cuadre {args.command}: {exc}.", file=sys.stderr)
        return EXIT_USAGE
    except SourceError as exc:  # its own Spanish message, never a secret
        log.info("source failed: %s", type(exc).__name__)
        print(f"cuadre: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Cancelled:
        print("Cancelado.", file=sys.stderr)
        return EXIT_CANCELLED
    except KeyboardInterrupt:
        print("\nInterrumpido.", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        raise  # main() tells a closed stdout from a cut connection
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
