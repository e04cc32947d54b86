"""``cuadre report``: the manager's PDF or the insights workbook, with no window.

    cuadre report --demo --out resumen.pdf
    cuadre report --profile "Concesionario Norte" --out indicadores.xlsx [--days 45]
                  [--slow-days 120] [--store URL] [--dealership "Autos del Norte S.A.S."]
    cuadre report --profile "Concesionario Norte" --out cierre.pdf --period ID

Reconciles what the options name (as ``cuadre reconcile`` does: --demo, --profile or
--crm/--erp), computes the dealer insights, and writes ``--out``: a ``.pdf`` (the manager's
summary, :mod:`app.reports.pdf`) or an ``.xlsx`` (one sheet per view,
:func:`app.reports.xlsx.insights_sheets`). With a workspace store (``--store`` or
``CUADRE_STORE``) the report carries the trend of the runs saved there and the audit chain's
head; without one it says it has neither. The PDF also lists the periods closed in that
workspace («Cierres del periodo»); ``--period ID`` (a certificate's id, or a unique beginning
of it, as ``cuadre period list`` shows) makes its first page that certificate, a page to sign.
The file is written whole or not at all.

Exit codes: 0 written; 1 the sources, the store or the file failed (one Spanish sentence), or
an entity could not be reconciled (the report is still written, and says what it holds);
2 wrong usage (an extension other than .pdf/.xlsx, say).
"""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    resolve_id,
    short_id,
    usage,
    whole_number,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.period import CLOSING
from app.cli.sources import add_source_arguments, chosen_systems, reconcile_report
from app.connections.systems import Demo
from app.domain.i18n import speaking

if TYPE_CHECKING:
    from app.connections.profiles import ConnectionProfile
    from app.insights.model import Insights
    from app.reconcile.results import Report
    from app.reports.closing import Closings
    from app.writeback.runs import RunView

FORMATS = (".pdf", ".xlsx")
#: The dealership's name when neither --dealership nor a profile gives one.
DEMO_DEALERSHIP = "Concesionario de demostración"
OTHER_DEALERSHIP = "Concesionario"


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``report`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    rep = sub.add_parser(
        "report",
        help=tr_cli("cli.report", "escribir el resumen para la gerencia (PDF) o los indicadores "
                                  "(XLSX)"),
        description=tr_cli("cli.report", "Concilia (--demo, --profile o --crm/--erp), calcula "
                           "los indicadores del concesionario y escribe el resumen para la "
                           "gerencia en PDF o un libro XLSX con una hoja por vista."))
    add_source_arguments(rep)
    rep.add_argument("--out", type=Path, required=True, metavar=tr_cli("cli.report", "ARCHIVO"),
                     help=tr_cli("cli.report", "informe de salida: .pdf (resumen) o .xlsx "
                                               "(libro de indicadores)"))
    rep.add_argument("--days", type=whole_number, metavar="N",
                     help=tr_cli("cli.report", "días hacia adelante de los seguimientos "
                                               "posventa (por defecto, 30)"))
    rep.add_argument("--slow-days", type=whole_number, metavar="N",
                     help=tr_cli("cli.report", "días en inventario desde los que una unidad "
                                               "disponible es de lenta rotación (por defecto, "
                                               "90)"))
    rep.add_argument("--store", metavar="URL",
                     help=tr_cli("cli.report", "almacén de trabajo (sqlite:///…, "
                                               "postgresql://usuario@…; por defecto "
                                               "CUADRE_STORE): de él salen la tendencia y la "
                                               "cadena de auditoría; sin él, el informe no las "
                                               "trae"))
    rep.add_argument("--period", metavar="ID",
                     help=tr_cli("cli.report", "un cierre (su id, como lo muestra «cuadre "
                                               "period list»): la primera página del PDF es "
                                               "su certificado, para firmar; necesita el "
                                               "almacén de trabajo"))
    rep.add_argument("--dealership", metavar=tr_cli("cli.report", "TEXTO"),
                     help=tr_cli("cli.report", "nombre del concesionario en el informe (por "
                                               "defecto, el del perfil)"))
    rep.add_argument("--quiet", "-q", action="store_true",
                     help=tr_cli("cli.report", "no mostrar el progreso"))
    return rep


def run(args: argparse.Namespace) -> int:
    """Carry out ``cuadre report``; returns the exit code. Usage and source errors are raised
    for ``cuadre``'s handlers (``app.cli.main``) to print."""
    from app.insights.model import DEFAULT_SLOW_DAYS, DEFAULT_WINDOW_DAYS
    from app.store import StoreError, configured_url, open_configured_store

    out: Path = args.out
    problem = _usage_problem(args)
    if problem:
        _fail(problem)
        return EXIT_USAGE
    folder = out.resolve().parent
    if not folder.is_dir():
        _fail(tr_cli("cli.report", "no existe la carpeta {folder} donde escribir el "
                                   "informe").format(folder=folder))
        return EXIT_FAILED
    window = args.days if args.days is not None else DEFAULT_WINDOW_DAYS
    slow = args.slow_days if args.slow_days is not None else DEFAULT_SLOW_DAYS

    url = configured_url(args.store)
    try:
        store = open_configured_store(url) if url is not None else None
    except StoreError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    try:
        _say(args, tr_cli("cli.report", "Conciliando…"))
        what = chosen_systems(args)
        report = reconcile_report(args, what)
        runs: list[RunView] = []
        head: str | None = None
        closings: Closings | None = None
        if store is not None:
            _say(args, tr_cli("cli.report", "Leyendo las conciliaciones guardadas y la cadena "
                                            "de auditoría…"))
            workspace = workspace_name(args) or what.name
            runs, head = _from_store(store, workspace)
            closings = closings_of(store, workspace, args.period)
    except StoreError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    finally:
        if store is not None:
            store.close()
    from app.insights import compute

    _say(args, tr_cli("cli.report", "Calculando los indicadores…"))
    with speaking("es"):  # the dealership's documents are Spanish, whatever the terminal speaks
        insights = compute(report, runs=runs, window_days=window, slow_days=slow)
    _say(args, tr_cli("cli.report", "Escribiendo {path}…").format(path=out))
    try:
        with speaking("es"):
            write_report(out, insights, dealership=_dealership(args, what), audit_head=head,
                         report=report, closings=closings)
    except OSError as exc:
        _fail(tr_cli("cli.report", "no se pudo escribir el informe {path}: {why}").format(
            path=out, why=_why(exc)))
        return EXIT_FAILED
    if not args.quiet:
        print(tr_cli("cli.report", "Informe escrito en {path}").format(path=out))
    for why in report.failures.values():
        _fail(tr_cli("cli.report", "el informe no incluye lo que no se concilió: {why}").format(
            why=why))
    return EXIT_FAILED if report.failures else EXIT_OK


def write_report(path: Path, insights: Insights, *, dealership: str, audit_head: str | None,
                 report: Report | None = None, generated_at: datetime | None = None,
                 closings: Closings | None = None) -> None:
    """The PDF or the workbook, by ``path``'s extension (the closings go in both; the
    certificate's own page to sign, ``--period``, only in the PDF)."""
    moment = generated_at or datetime.now(UTC)
    if path.suffix.lower() == ".pdf":
        from app.reports.pdf import manager_summary

        manager_summary(path, insights, dealership=dealership, generated_at=moment,
                        audit_head=audit_head, report=report, closings=closings)
        return
    from app.reports.xlsx import insights_sheets
    from app.security.spreadsheets import write_workbook

    write_workbook(path, insights_sheets(insights, dealership=dealership, generated_at=moment,
                                         audit_head=audit_head, closings=closings))


def _usage_problem(args: argparse.Namespace) -> str | None:
    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        return (tr_cli("cli.report", "el informe debe terminar en .pdf o .xlsx, no en "
                              "«{suffix}»").format(suffix=args.out.suffix) if suffix
                else tr_cli("cli.report", "el informe debe terminar en .pdf o .xlsx"))
    for option, value in (("--days", args.days), ("--slow-days", args.slow_days)):
        if value is not None and value < 1:
            return tr_cli("cli.report", "{option} debe ser un número de días mayor que "
                                        "cero").format(option=option)
    if args.period is not None:
        from app.store import configured_url

        if suffix != ".pdf":
            return tr_cli("cli.report", "--period pone el certificado de un cierre en el PDF: "
                                        "el informe debe ser .pdf")
        if configured_url(args.store) is None:
            return tr_cli("cli.report", "--period lee el cierre del almacén de trabajo: indique "
                                        "--store o CUADRE_STORE")
    return None


def closings_of(store: Any, workspace: str, chosen: str | None) -> Closings:
    """The closings of ``workspace`` the PDF lists, the one ``chosen`` names first (its id or
    a unique beginning of it, among every closing of the store: one of another workspace is
    a usage error that names it), and the names of the people who signed."""
    from app.findings.periods import periods
    from app.reports.closing import Closings
    from app.writeback.people import people

    certificates = periods(store, workspace)
    first = None
    if chosen is not None:
        every = periods(store)
        found = resolve_id(chosen, [c.id for c in every], CLOSING)
        first = next(c for c in every if c.id == found)
        if first.workspace != workspace:
            raise usage(tr_cli("cli.report", "el cierre {id} es del espacio de trabajo "
                               "«{other}» y este informe es de «{workspace}»: indique "
                               "CUADRE_WORKSPACE=\"{other}\" o el perfil de ese espacio").format(
                id=short_id(first.id), other=first.workspace, workspace=workspace))
    _check_signoffs(store, [c for c in (*certificates, *([first] if first else []))
                            if c.signed_by])
    names = {p.login: p.name for p in people(store)}
    return Closings(certificates, first, names)


def _check_signoffs(store: Any, signed: list[Any]) -> None:
    """A period printed as signed carries its signer's valid signature, or nothing is printed."""
    from app.audit.agreement import unsigned_signoffs
    from app.store import StoreError

    with store.read() as session:
        bad = unsigned_signoffs(session, sorted({c.id for c in signed}))
    if bad:
        raise StoreError(tr_cli("cli.report", "la firma del cierre {id} no es válida (no la hizo "
                                              "la clave de quien firmó, o el cierre cambió "
                                              "después): no se imprime como firmado. Revise el "
                                              "almacén con «cuadre audit verify».").format(
            id=short_id(bad[0])))


def _from_store(store: Any, workspace: str) -> tuple[list[RunView], str]:
    """The runs of the workspace being reported on (for the trend) and the audit chain's
    head as ``N:HUELLA``."""
    from app.audit.log import head
    from app.writeback.runs import runs

    anchor = head(store)
    return runs(store, workspace), f"{anchor.seq}:{anchor.hash}"


def _dealership(args: argparse.Namespace, what: Demo | ConnectionProfile) -> str:
    given = (args.dealership or "").strip()
    if given:
        return given
    if args.profile is not None:
        return what.name
    return DEMO_DEALERSHIP if isinstance(what, Demo) else OTHER_DEALERSHIP


_ERRNO_TEXT = {
    errno.EACCES: mark_cli("cli.report", "sin permiso para escribir ahí"),
    errno.EPERM: mark_cli("cli.report", "sin permiso para escribir ahí"),
    errno.EISDIR: mark_cli("cli.report", "ese nombre es una carpeta"),
    errno.ENOSPC: mark_cli("cli.report", "no queda espacio en el disco"),
    errno.EROFS: mark_cli("cli.report", "el disco es de solo lectura"),
    errno.ENOENT: mark_cli("cli.report", "la carpeta ya no existe"),
}


def _why(exc: OSError) -> str:
    """The reason a file could not be written, in Spanish when it is a common one (Windows
    gives its own message, already in the system's language)."""
    if exc.errno in _ERRNO_TEXT:
        return tr_marked("cli.report", _ERRNO_TEXT[exc.errno])
    return exc.strerror or type(exc).__name__


def _say(args: argparse.Namespace, line: str) -> None:
    if not args.quiet:
        print(line, file=sys.stderr, flush=True)


def _fail(message: str) -> None:
    print(tr_cli("cli.report", "cuadre report: {message}.").format(message=message),
          file=sys.stderr)
