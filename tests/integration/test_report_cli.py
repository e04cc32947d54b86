"""``cuadre report`` on the demo dealership, headless: the manager's PDF and the insights
workbook, with and without a workspace store (the trend and the audit chain's head come from
it), and the refusals — an unknown extension (exit 2), a folder that does not exist or a file
that cannot be written (exit 1, nothing half-written) — each one Spanish sentence."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.audit.log import head
from app.cli.main import main
from app.insights.model import DEFAULT_SLOW_DAYS, DEFAULT_WINDOW_DAYS
from app.store import open_store

#: People prove who they are since issue 17 (``people_secrets``, tests/conftest.py).
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("people_secrets")]

# Issue 15: «Diferencias por tipo» (the figures the window, the command line and the PDF show
# per kind, with the amounts shown apart) comes after «Resumen».
SHEETS = ["Resumen", "Diferencias por tipo", "Hallazgos por sede", "Seguimientos", "Embudo", "Inventario",
          "Disponibles por línea", "Renovación"]


@pytest.fixture(scope="module")
def truth(cuadre_data_dir: Path) -> dict:
    """The demo's known answers (its generator works them out from what it seeded)."""
    from app.demo import demo_files, ensure_demo
    from app.progress import run

    run(ensure_demo())
    return json.loads(demo_files().truth.read_text("utf-8"))["insights"]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages)
                    .replace("\u00a0", " ").split())


def _sheet_rows(path: Path, name: str) -> list[list]:
    ws = load_workbook(path)[name]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _table(rows: list[list]) -> tuple[list, list[list]]:
    """(header, data rows) of a sheet: the header is the row after the blank one."""
    start = next(i for i, row in enumerate(rows) if i and all(v is None for v in row)) + 1
    return rows[start], [r for r in rows[start + 1:] if any(v is not None for v in r)]


def _records(path: Path, name: str) -> list[dict]:
    header, rows = _table(_sheet_rows(path, name))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_pdf_of_the_demo(tmp_path, capsys, truth):
    out = tmp_path / "resumen.pdf"
    assert main(["report", "--demo", "--out", str(out), "--dealership", "Autos Demo S.A.S."]) == 0
    captured = capsys.readouterr()
    assert f"Informe escrito en {out}" in captured.out
    assert "Conciliando…" in captured.err and "Calculando los indicadores…" in captured.err
    text = _pdf_text(out)
    assert "Resumen para la gerencia — Autos Demo S.A.S." in text
    assert "datos al 20/11/2026" in text  # the demo's pinned day
    assert "Diferencias entre el CRM y el ERP" in text and "Recibo en ERP sin pago en CRM" in text
    assert "Sin almacén de trabajo: no hay cadena de auditoría." in text
    assert "Sin tendencia" in text
    assert "No disponible" not in text  # the demo has every view's data
    due = sum(truth["followups_due"].values())
    assert f"{due} vehículos llegan a un momento de seguimiento sin tarea en el CRM " \
           f"({truth['followups_covered']} más ya la tienen). {truth['followups_blocked']} no " \
           "se pueden contactar" in text
    assert f"{len(truth['slow_movers'])} de lenta rotación (disponibles hace más de 90 días)" in text
    assert max(truth["slow_movers"]) in text or len(truth["slow_movers"]) > 15
    assert f"{truth['sold_not_invoiced']} negocios «vendidos» en el CRM no tienen factura" in text
    assert "Probables renovaciones de noviembre de 2026" in text


def test_the_workbook_of_the_demo(tmp_path, capsys, truth):
    out = tmp_path / "indicadores.xlsx"
    assert main(["report", "--demo", "--out", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""  # --quiet
    assert load_workbook(out).sheetnames == SHEETS  # no «Tendencia»: no store, no runs
    summary = {r[0]: r[1] for r in _sheet_rows(out, "Resumen")[3:] if r[0]}
    assert summary["Concesionario"] == "Concesionario de demostración"
    assert summary["Cadena de auditoría"] == "sin almacén de trabajo: no hay cadena de auditoría"
    assert summary["Vendidos en el CRM sin factura en el ERP"] == truth["sold_not_invoiced"]

    findings = _records(out, "Hallazgos por sede")
    assert list(findings[0]) == ["Entidad", "Tipo de diferencia", "Sede", "Hallazgos",
                                 "Pesos en juego"]
    assert summary["Diferencias"] == sum(r["Hallazgos"] for r in findings) > 0

    slow = sorted(r["VIN"] for r in _records(out, "Inventario") if r["Lenta rotación"] == "Sí")
    assert slow == truth["slow_movers"]
    available = {f"{r['Marca']} {r['Línea']}": r["Disponibles"]
                 for r in _records(out, "Disponibles por línea") if r["Sede"] == "Todas"}
    assert available == truth["available_by_model"]

    due = _records(out, "Seguimientos")
    assert len(due) == sum(truth["followups_due"].values())
    assert sum(1 for r in due if r["Se puede contactar"] == "No") == truth["followups_blocked"]

    funnel = {r["Origen"]: r for r in _records(out, "Embudo")}
    for source, known in truth["funnel"].items():  # a known row per lead source
        row = funnel[source]
        assert (row["Prospectos"], row["Facturados"], row["Pagados"]) == (
            known["leads"], known["invoiced"], known["paid"])
        assert Decimal(str(row["Facturado"])) == Decimal(known["revenue"])

    renewal = _records(out, "Renovación")
    top_ten = {r["Documento"] for r in renewal[:10]}
    assert set(truth["renewal_seeded"]) <= top_ten
    assert all(r["Razones"] for r in renewal)


def test_days_and_slow_days_reach_the_views(tmp_path):
    out = tmp_path / "indicadores.xlsx"
    assert main(["report", "--demo", "--out", str(out), "-q", "--days", "45",
                 "--slow-days", "120"]) == 0
    assert _sheet_rows(out, "Seguimientos")[0][0] == (
        "Seguimientos posventa de los próximos 45 días sin tarea en el CRM")
    assert _sheet_rows(out, "Inventario")[1][0] == "Lenta rotación: disponibles hace más de 120 días."
    stock = _records(out, "Inventario")
    assert all((r["Días"] or 0) > 120 for r in stock if r["Lenta rotación"] == "Sí")


def test_with_a_store_the_report_has_the_trend_and_the_audit_head(tmp_path, capsys,
                                                                   monkeypatch):
    url = f"sqlite:///{tmp_path / 'trabajo.sqlite'}"
    monkeypatch.setenv("CUADRE_USER", "ana")
    assert main(["people", "add", "ana", "--name", "Ana", "--role", "admin", "--store",
                 url]) == 0
    for _ in range(2):
        assert main(["workspace", "reconcile", "--demo", "--store", url, "-q"]) == 0
    with open_store(url) as store:
        anchor = head(store)
    assert anchor.seq >= 3
    capsys.readouterr()

    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    monkeypatch.setenv("CUADRE_STORE", url)  # the variable, as a scheduled task sets it
    assert main(["report", "--demo", "--out", str(pdf), "-q"]) == 0
    text = _pdf_text(pdf)
    assert "Tendencia de las 2 conciliaciones guardadas" in text
    assert f"{anchor.seq} filas" in text and anchor.hash in text
    assert f"cuadre audit verify --anchor {anchor.seq}:{anchor.hash}" in text
    assert f"Auditoría: {anchor.hash[:12]}…" in text

    assert main(["report", "--demo", "--out", str(xlsx), "-q", "--store", url]) == 0
    book = load_workbook(xlsx)
    assert "Tendencia" in book.sheetnames
    summary = {r[0]: r[1] for r in _sheet_rows(xlsx, "Resumen")[3:] if r[0]}
    assert summary["Huella final del registro"] == anchor.hash
    assert summary["Filas del registro de auditoría"] == anchor.seq
    assert summary["Conciliaciones guardadas (tendencia)"] == 2
    # The anchor the report printed verifies the trail.
    assert main(["audit", "verify", "--store", url, "--anchor", f"{anchor.seq}:{anchor.hash}"]) == 0


def test_an_unknown_extension_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "informe.docx"
    assert main(["report", "--demo", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "cuadre report: el informe debe terminar en .pdf o .xlsx, no en «.docx»."
    assert not out.exists()


def test_days_must_be_positive(tmp_path, capsys):
    assert main(["report", "--demo", "--out", str(tmp_path / "r.pdf"), "--days", "0"]) == 2
    assert "--days debe ser un número de días mayor que cero" in capsys.readouterr().err


def test_a_missing_folder_fails_before_reconciling(tmp_path, capsys):
    out = tmp_path / "no-existe" / "r.xlsx"
    assert main(["report", "--demo", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "no existe la carpeta" in captured.err and "Conciliando" not in captured.err
    assert not out.parent.exists()


def test_a_file_that_cannot_be_written_fails_with_a_sentence(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    out.mkdir()  # a folder where the file should go: cannot be replaced, even by root
    (out / "dentro.txt").write_text("intacto", "utf-8")
    assert main(["report", "--demo", "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"cuadre report: no se pudo escribir el informe {out}: ese nombre es una carpeta."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]  # no temporary file left
    assert (out / "dentro.txt").read_text("utf-8") == "intacto"


def test_the_defaults_the_help_states_are_the_engines(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"(por defecto, {DEFAULT_WINDOW_DAYS})" in help_text
    assert f"(por defecto, {DEFAULT_SLOW_DAYS})" in help_text
