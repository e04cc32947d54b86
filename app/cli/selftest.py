"""``cuadre --self-test``: checks what a broken installation would break, one line per check.

A bundle built by PyInstaller fails in ways the source tree never does: a module found only at
run time is left out, a compiled extension or a Qt plugin is missing, a data file is not
collected. Each check here exercises one such part for real — the workspace store on SQLite,
the keyring backend, pandas and RapidFuzz's compiled code, the demo generated and reconciled
in a temporary folder — so ``cuadre --self-test`` after an install (or in CI, after a build)
says which part is missing in one Spanish line, and exits 1 if any check failed.

The window checks (Qt's platform plugin, a window, Qt's Spanish translations) live in
``ui/selftest.py``: ``app`` never imports Qt, so they are loaded by name only when a window
check is wanted (``--no-gui`` skips them: Wine cannot start Qt's GUI).

A check is a function returning its detail; it raises :class:`CheckFailed` (or anything else)
to fail and returns a :class:`Result` with :attr:`Status.WARN` for what is the computer's
matter rather than the install's (no secure keyring on a Linux server, say). Everything the
checks write goes to a temporary data folder (``CUADRE_DATA_DIR``), removed at the end, so the
user's data and profiles are never touched.
"""

from __future__ import annotations

import importlib
import logging
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app import __version__
from app.cli.i18n import mark_cli, tr_cli, tr_marked

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

log = logging.getLogger(__name__)

#: Where the window checks live (imported by name: see the module docstring).
GUI_CHECKS_MODULE = "ui.selftest"
#: What ``resources/`` must hold for the window and the engine (beside the style sheet's
#: images, ``url(cuadre:NAME)``, looked for in ``resources/icons``).
RESOURCE_FILES = ("cuadre.qss", "divipola_municipios.csv", "cuadre.png")
_QSS_IMAGE = re.compile(r"url\(\s*cuadre:([^)\s]+)\s*\)")


class Status(Enum):
    OK = "OK"
    WARN = "AVISO"
    FAIL = "FALLA"
    SKIPPED = "OMITIDA"


class CheckFailed(Exception):
    """A check found the part broken; the message is one Spanish sentence."""


@dataclass(frozen=True, slots=True)
class Result:
    status: Status
    detail: str


@dataclass(frozen=True, slots=True)
class Check:
    """``label`` names the part ("SQLite"); ``run`` returns its detail, or a :class:`Result`."""

    label: str
    run: Callable[[Path], str | Result]


@dataclass(frozen=True, slots=True)
class Outcome:
    label: str
    result: Result
    seconds: float


# --- the engine's checks ---------------------------------------------------------------------


def _environment(_: Path) -> str:
    frozen = (tr_cli("cli.selftest", "empaquetado (PyInstaller)") if getattr(sys, "frozen", False)
              else tr_cli("cli.selftest", "desde el código fuente"))
    return (f"Cuadre {__version__}, Python {platform.python_version()} "
            f"({platform.architecture()[0]}), {platform.system()} {platform.release()}, {frozen}")


def check_resources(_: Path, root: Traversable | None = None) -> str:
    """The data files the window and the engine read through importlib.resources (``root``:
    another folder, for tests)."""
    if root is None:
        from importlib import resources

        try:
            root = resources.files("resources")
        except ModuleNotFoundError:
            raise CheckFailed(tr_cli("cli.selftest", "falta el paquete de recursos «resources»")) from None
    missing = [name for name in RESOURCE_FILES if not root.joinpath(name).is_file()]
    if missing:
        raise CheckFailed(tr_cli(
            "cli.selftest", "faltan archivos de recursos: {join}").format(join=', '.join(missing)))
    style = root.joinpath("cuadre.qss").read_text("utf-8")
    if not style.strip():
        raise CheckFailed(tr_cli("cli.selftest", "la hoja de estilo cuadre.qss está vacía"))
    images = sorted(set(_QSS_IMAGE.findall(style)))
    missing = [name for name in images if not root.joinpath("icons", name).is_file()]
    if missing:
        raise CheckFailed(tr_cli(
            "cli.selftest", "faltan imágenes de la hoja de estilo en icons/: {join}").format(
            join=', '.join(missing)))
    from app.domain.divipola import city_code, municipalities

    count = len(municipalities())
    if count < 1000 or city_code("Medellín") != "05001":
        raise CheckFailed(tr_cli(
            "cli.selftest", "la lista DIVIPOLA está incompleta ({count} municipios)").format(count=count))
    pictures = (tr_cli("cli.selftest", "{n} imagen") if len(images) == 1
                else tr_cli("cli.selftest", "{n} imágenes")).format(n=len(images))
    return tr_cli("cli.selftest", "hoja de estilo ({pictures}), ícono y DIVIPOLA ({count} "
                  "municipios)").format(pictures=pictures, count=_thousands(count))


def _sqlite(folder: Path) -> str:
    """The workspace store created on SQLite (tables, triggers, WAL), as the window opens it."""
    import sqlite3

    from sqlalchemy import URL

    from app.store.db import open_store

    url = URL.create("sqlite", database=str(folder / "selftest.sqlite")).render_as_string()
    with open_store(url) as store, store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar()
    if str(mode).lower() != "wal":
        raise CheckFailed(tr_cli(
            "cli.selftest", "el almacén de trabajo no quedó en modo WAL ({mode})").format(mode=mode))
    return tr_cli("cli.selftest", "SQLite {version}; almacén de trabajo creado ({tables} tablas, "
                  "WAL)").format(version=sqlite3.sqlite_version, tables=tables)


def _passphrases(_: Path) -> str:
    """Argon2id, which people's passphrases are hashed with (its compiled bindings): a hash
    made and checked with the parameters Cuadre uses, and how long it took."""
    import time

    from app.security.passphrases import hash_secret, matches

    started = time.perf_counter()
    hashed = hash_secret("prueba-de-autodiagnostico")
    if not hashed.startswith("$argon2id$") or not matches(hashed, "prueba-de-autodiagnostico") \
            or matches(hashed, "otra-clave-cualquiera"):
        raise CheckFailed(tr_cli("cli.selftest", "Argon2id no comprobó bien una clave"))
    return tr_cli("cli.selftest", "Argon2id: huella de una clave creada y comprobada en {seconds} s").format(
        seconds=f"{time.perf_counter() - started:.2f}".replace(".", ","))


def check_keyring(_: Path, system: str | None = None) -> Result:
    """The OS credential store keyring picked, by name. Windows always has one, so a missing
    one there is a broken bundle (keyring's Windows backend not collected); elsewhere it is
    the computer's matter (a server with no desktop session), hence only a warning."""
    from app.security.secrets import backend_status

    secure, description = backend_status()
    if secure:
        return Result(Status.OK, tr_cli("cli.selftest", "almacén seguro: {description}").format(
            description=description))
    if (system or platform.system()) == "Windows":
        return Result(Status.FAIL, tr_cli("cli.selftest", "no se encontró el Administrador de "
                                          "credenciales: {description}").format(
            description=description))
    return Result(Status.WARN, tr_cli("cli.selftest", "no se guardarán credenciales: {description}")
                  .format(description=description))


def _pandas(_: Path) -> str:
    from decimal import Decimal

    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"sede": ["Cali", "Bogotá", "Cali"], "valor": ["1.5", "2", "3"]})
    frame["valor"] = frame["valor"].map(Decimal)
    totals = frame.groupby("sede")["valor"].sum()
    if totals["Cali"] != Decimal("4.5") or int(np.arange(4).sum()) != 6:
        raise CheckFailed(tr_cli("cli.selftest", "pandas o NumPy calculan mal una suma de prueba"))
    return f"pandas {pd.__version__}, NumPy {np.__version__}"


def _rapidfuzz(_: Path) -> str:
    """Name matching needs RapidFuzz's compiled code: its pure-Python fallback is ~100× slower
    and is what a bundle missing the extension would silently use."""
    import rapidfuzz
    from rapidfuzz import fuzz

    implementation = fuzz.ratio.__module__
    if not implementation.startswith("rapidfuzz.fuzz_cpp"):
        raise CheckFailed(tr_cli(
            "cli.selftest", "RapidFuzz {version} usa la versión en Python puro ({implementation}): falta "
                            "su módulo compilado").format(
            version=rapidfuzz.__version__, implementation=implementation))
    if round(fuzz.ratio("JUAN PEREZ", "JUAN PERES")) != 90:
        raise CheckFailed(tr_cli("cli.selftest", "RapidFuzz compara mal dos nombres de prueba"))
    return tr_cli("cli.selftest", "RapidFuzz {version}, código compilado ({module})").format(
        version=rapidfuzz.__version__, module=implementation.rsplit(".", 1)[-1])


def _xlsx(folder: Path) -> str:
    import openpyxl

    path = folder / "prueba.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Cédula", "Valor"])
    sheet.append(["79123456", 1500000])
    book.save(path)
    again = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(again.worksheets[0].iter_rows(values_only=True))
    finally:
        again.close()
    if rows != [("Cédula", "Valor"), ("79123456", 1500000)]:
        raise CheckFailed(tr_cli("cli.selftest", "un libro XLSX escrito no se leyó igual"))
    return tr_cli("cli.selftest", "openpyxl {version}: libro escrito y leído").format(
        version=openpyxl.__version__)


def _charts(_: Path) -> bytes:
    """A dashboard chart drawn with matplotlib's Agg renderer to PNG: its compiled code, its
    data folder (matplotlibrc, the DejaVu fonts) and the chart code. Returns the PNG."""
    from decimal import Decimal

    from app.insights.model import KindBranchRow
    from app.reports.charts import mismatch_chart, png_bytes

    figure = mismatch_chart([KindBranchRow("payments", "amount_differs", "Bogotá", 3,
                                           Decimal("1500000"))])
    png = png_bytes(figure, dpi=72)
    if not png.startswith(b"\x89PNG"):
        raise CheckFailed(tr_cli("cli.selftest", "matplotlib no produjo una imagen PNG"))
    return png


def check_charts(folder: Path) -> str:
    import matplotlib
    from matplotlib import font_manager

    png = _charts(folder)
    font = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).name
    return tr_cli("cli.selftest", "matplotlib {version}: gráfico dibujado ({size} KB, {font})").format(
        version=matplotlib.__version__, size=len(png) // 1024, font=font)


def check_pdf(folder: Path) -> str:
    """A PDF with Spanish text in the embedded font and a chart, as the manager's summary is
    written (reportlab, and the DejaVu fonts it embeds from matplotlib's data)."""
    import io

    import reportlab
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

    from app.reports.pdf import register_fonts

    path = folder / "prueba.pdf"
    font = register_fonts()
    doc = SimpleDocTemplate(str(path))
    doc.build([Paragraph("Renovación del SOAT → señal de $ 1.500.000",
                         ParagraphStyle("prueba", fontName=font)),
               Image(io.BytesIO(_charts(folder)), width=300, height=150)])
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"FontFile2" not in data:
        raise CheckFailed(tr_cli(
            "cli.selftest", "el PDF de prueba no se escribió completo o sin su letra incrustada"))
    return tr_cli("cli.selftest", "reportlab {version}: PDF escrito ({size} KB, letra incrustada)"
                  ).format(version=reportlab.Version, size=len(data) // 1024)


def _connectors(_: Path) -> str:
    """TLS against the OS trust store and the SQL drivers' dialects (loaded by name at run
    time, so the first modules a bundle leaves out)."""
    import ssl

    import psycopg
    import pymysql
    import truststore
    from sqlalchemy import create_engine

    truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    for url in ("postgresql+psycopg://cuadre@localhost/erp", "mysql+pymysql://cuadre@localhost/crm"):
        create_engine(url).dispose()  # loads the dialect and its driver; connects to nothing
    return tr_cli("cli.selftest", "TLS con el almacén de certificados del sistema; psycopg "
                  "{psycopg} ({impl}), PyMySQL {pymysql}").format(
        psycopg=psycopg.__version__, impl=psycopg.pq.__impl__, pymysql=pymysql.VERSION_STRING)


def _demo(folder: Path) -> str:
    """The demo generated into the temporary folder and reconciled: the whole engine."""
    from app.demo import demo_task
    from app.progress import run
    from app.reconcile.engine import ENTITIES

    report = run(demo_task(data_dir=folder))
    if report.failures:
        raise CheckFailed(tr_cli("cli.selftest", "la demostración no se pudo conciliar: ")
                          + "; ".join(report.failures.values()))
    # What the window's status bar and the summary's «Total» count: mismatches and duplicates.
    found = {entity: len(report.results[entity].findings()) for entity in ENTITIES
             if entity in report.results}
    empty = [entity.value for entity in ENTITIES if not found.get(entity)]
    if empty:
        raise CheckFailed(tr_cli("cli.selftest", "la conciliación de la demostración no encontró "
                                 "diferencias en: ") + ", ".join(empty))
    return tr_cli("cli.selftest", "generada y conciliada: {count} diferencias en 3 entidades").format(
        count=_thousands(sum(found.values())))


def engine_checks() -> list[Check]:
    return [
        Check(mark_cli("cli.selftest", "Entorno"), _environment),
        Check(mark_cli("cli.selftest", "Recursos"), check_resources),
        Check("SQLite", _sqlite),
        Check(mark_cli("cli.selftest", "Llavero"), check_keyring),
        Check(mark_cli("cli.selftest", "Claves"), _passphrases),
        Check("pandas/NumPy", _pandas),
        Check("RapidFuzz", _rapidfuzz),
        Check("Excel (XLSX)", _xlsx),
        Check(mark_cli("cli.selftest", "Gráficos"), check_charts),
        Check("PDF (reportlab)", check_pdf),
        Check(mark_cli("cli.selftest", "Conectores"), _connectors),
        Check(mark_cli("cli.selftest", "Demostración"), _demo),
    ]


def gui_checks() -> list[Check]:
    """The window checks from ``ui.selftest`` (imports Qt)."""
    module = importlib.import_module(GUI_CHECKS_MODULE)
    checks: list[Check] = module.checks()
    return checks


#: The window's checks (``ui.selftest``), by label; marked here so that the command line's lines
#: name them in its language.
GUI_LABELS = (mark_cli("cli.selftest", "Qt (plataforma)"), mark_cli("cli.selftest", "Ventana"),
              mark_cli("cli.selftest", "Traducciones"))
#: A status as the command line's lines say it (the window shows its own words).
_STATUS_WORDS = {Status.OK: "OK", Status.WARN: mark_cli("cli.selftest", "AVISO"),
                 Status.FAIL: mark_cli("cli.selftest", "FALLA"),
                 Status.SKIPPED: mark_cli("cli.selftest", "OMITIDA")}


# --- running them ----------------------------------------------------------------------------


def _run_one(check: Check, folder: Path) -> Result:
    try:
        outcome = check.run(folder)
    except CheckFailed as exc:
        return Result(Status.FAIL, str(exc))
    except Exception as exc:  # a missing module, a DLL that does not load…: named, not traced
        log.exception("self-test check %s failed", check.label)
        name = getattr(exc, "name", None) if isinstance(exc, ImportError) else None
        if name:
            return Result(Status.FAIL, tr_cli("cli.selftest", "no se pudo cargar el módulo «{name}» "
                                              "({error})").format(name=name, error=type(exc).__name__))
        return Result(Status.FAIL, f"{type(exc).__name__}: {_one_line(str(exc))}")
    return outcome if isinstance(outcome, Result) else Result(Status.OK, outcome)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _one_line(text: str, limit: int = 400) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def format_line(outcome: Outcome) -> str:
    status = tr_marked("cli.selftest", _STATUS_WORDS[outcome.result.status])
    label = tr_marked("cli.selftest", outcome.label)
    return f"{status:<7} {label:<16} {_one_line(outcome.result.detail)}"


@contextmanager
def _scratch_data_dir() -> Iterator[Path]:
    """A temporary data folder for everything the checks write; the previous value restored."""
    previous = os.environ.get("CUADRE_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="cuadre-selftest-", ignore_cleanup_errors=True) as tmp:
        os.environ["CUADRE_DATA_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if previous is None:
                os.environ.pop("CUADRE_DATA_DIR", None)
            else:
                os.environ["CUADRE_DATA_DIR"] = previous


def run_checks(checks: Sequence[Check], out: TextIO, skipped: Sequence[str] = ()) -> list[Outcome]:
    """Run ``checks`` in order, each printed as soon as it ends (a crash still shows how far it
    got); ``skipped`` labels get a line saying so."""
    outcomes: list[Outcome] = []
    with _scratch_data_dir() as folder:
        for check in checks:
            start = time.perf_counter()
            result = _run_one(check, folder)
            outcome = Outcome(check.label, result, time.perf_counter() - start)
            outcomes.append(outcome)
            print(format_line(outcome), file=out, flush=True)
    for label in skipped:
        outcome = Outcome(label, Result(Status.SKIPPED, tr_cli("cli.selftest", "sin ventana (--no-gui)")),
                          0.0)
        outcomes.append(outcome)
        print(format_line(outcome), file=out, flush=True)
    return outcomes


def self_test(gui: bool = True, out: TextIO | None = None) -> int:
    """``cuadre --self-test``: 0 when nothing failed (warnings allowed), else 1."""
    out = out or sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:  # a Windows pipe is cp1252: an unencodable character is a "?"
        reconfigure(errors="replace")
    print(tr_cli("cli.selftest", "Autodiagnóstico de Cuadre {version}").format(version=__version__),
          file=out, flush=True)
    checks = engine_checks()
    skipped: tuple[str, ...] = ()
    if gui:
        try:
            checks += gui_checks()
        except Exception as exc:  # ui itself (or Qt's Python modules) does not import
            log.exception("window checks could not be loaded")
            checks.append(Check(GUI_LABELS[0], _failed_import(exc)))
    else:
        skipped = GUI_LABELS
    outcomes = run_checks(checks, out, skipped)
    failed = [o.label for o in outcomes if o.result.status is Status.FAIL]
    warned = [o.label for o in outcomes if o.result.status is Status.WARN]
    passed = sum(o.result.status is Status.OK for o in outcomes)
    verdict = (tr_cli("cli.selftest", "{count} con falla ({names})").format(
        count=len(failed), names=", ".join(tr_marked("cli.selftest", f) for f in failed))
        if failed else tr_cli("cli.selftest", "ninguna falla"))
    seconds = f"{sum(o.seconds for o in outcomes):.1f}".replace(".", ",")
    print(tr_cli(
        "cli.selftest",
        "Resultado: {passed} correctas, {count} con aviso, {verdict} (en {seconds} s).").format(
        passed=passed, count=len(warned), verdict=verdict, seconds=seconds),
          file=out, flush=True)
    return 1 if failed else 0


def _failed_import(exc: Exception) -> Callable[[Path], str]:
    def fail(_: Path) -> str:
        raise CheckFailed(tr_cli(
            "cli.selftest", "no se pudieron cargar las pruebas de la ventana: {name}: {detail}"
        ).format(name=type(exc).__name__, detail=_one_line(str(exc))))

    return fail
