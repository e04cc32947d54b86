"""The same figures everywhere (issue 15): the demo's summary read from the window (the tabs'
summary lists and the «Tablero», offscreen), from ``cuadre reconcile``'s and ``cuadre insights
funnel``'s tables, from the manager's PDF (its text, through pypdf) and from the workbook
(through openpyxl, each number written the way its cell's format shows it) — counts, pesos at
stake, the amounts shown apart and the funnel's conversion — are the same texts.

The workbook's numbers are turned into text here by an independent half-up rounding (what a
spreadsheet shows for ``"$" #,##0`` and ``0.0%``), not by the code under test."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.cli.main import main
from app.demo import demo_task
from app.domain.labels import ENTITY_LABELS, apart_label, kind_label
from app.domain.schema import Entity
from app.insights import compute
from app.progress import run
from app.reconcile.results import Report
from app.reports import charts
from app.security.spreadsheets import MONEY_FORMAT, PERCENT_FORMAT
from ui.dashboard.funnel_view import FunnelView
from ui.dashboard.summary_view import SummaryView
from ui.reconcile.entity_tab import EntityTab

pytestmark = pytest.mark.slow

NONE = "—"  # what every surface shows where there are no pesos


@pytest.fixture(scope="module")
def demo() -> Report:
    """The demo in the session's data folder: the one ``cuadre … --demo`` reads too."""
    return run(demo_task())


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pesos(value: Any) -> str:
    """A number as a spreadsheet shows it with ``"$" #,##0``: half away from zero."""
    if value is None:
        return NONE
    whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ("-" if whole < 0 else "") + "$ " + f"{abs(whole):,}".replace(",", ".")


def _count(value: Any) -> str:
    return f"{int(value):,}".replace(",", ".")


def _percent(value: Any) -> str:
    """A ratio as a spreadsheet shows it with ``0.0%``."""
    tenths = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{tenths}".replace(".", ",") + " %"


# --- each surface, read back -----------------------------------------------------------------

Figures = dict[tuple[str, str], tuple[str, str]]  # (entity, kind label) → (count, pesos)
Apart = dict[tuple[str, str], str]  # (entity, «Monto con fecha distinta») → pesos


def _window(demo: Report, qtbot: Any) -> tuple[Figures, Apart]:
    figures: Figures = {}
    apart: Apart = {}
    for entity, result in demo.results.items():
        tab = EntityTab(entity)
        qtbot.addWidget(tab)
        tab.set_result(result)
        name = ENTITY_LABELS[entity]
        for label, count, pesos in tab.summary.row_texts():
            figures[(name, "Total" if label == "Todos" else label)] = (
                count, _plain(pesos) or NONE)
        apart.update({(name, label): _plain(pesos) for label, pesos in tab.summary.apart_texts()})
    return figures, apart


def _cli(capsys: Any) -> tuple[Figures, Apart]:
    assert main(["reconcile", "--demo"]) == 0
    lines = _plain_lines(capsys.readouterr().out)
    start = next(i for i, line in enumerate(lines) if line.startswith("-----")) + 1
    figures: Figures = {}
    apart: Apart = {}
    for line in lines[start:]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 3:  # an amount shown apart: no count of its own
            entity, label, pesos = cells
            apart[(entity, label.removesuffix(" (no en juego)"))] = pesos
        else:
            entity, label, count, pesos = cells
            figures[(entity, label)] = (count, pesos)
    return figures, apart


def _plain_lines(text: str) -> list[str]:
    return [line.replace("\u00a0", " ") for line in text.splitlines()]


def _pdf(demo: Report, tmp_path: Path) -> str:
    out = tmp_path / "resumen.pdf"
    assert main(["report", "--demo", "--out", str(out), "-q"]) == 0
    return _plain(" ".join(page.extract_text() for page in PdfReader(out).pages))


def _workbook(tmp_path: Path) -> Any:
    out = tmp_path / "indicadores.xlsx"
    assert main(["report", "--demo", "--out", str(out), "-q"]) == 0
    return load_workbook(out)


def _records(book: Any, sheet: str) -> list[dict[str, Any]]:
    """The table of a sheet, as dicts: the header is the row after the first blank one; each
    value with its cell (to read its number format)."""
    rows = list(book[sheet].iter_rows())
    start = next(i for i, row in enumerate(rows) if i and all(c.value is None for c in row)) + 1
    header = [c.value for c in rows[start]]
    return [dict(zip(header, row, strict=False)) for row in rows[start + 1:]
            if any(c.value is not None for c in row)]


# --- the tests -------------------------------------------------------------------------------


def test_counts_pesos_and_amounts_apart_read_the_same_on_every_surface(demo, qtbot, capsys,
                                                                        tmp_path):
    window, window_apart = _window(demo, qtbot)
    cli, cli_apart = _cli(capsys)
    assert window == cli
    assert window_apart == cli_apart
    kinds = {key: value for key, value in cli.items() if key[1] != "Total"}
    assert len(kinds) == sum(len(r.summary()) for r in demo.results.values())
    # The sum that read $ 9.485.146.512 on the command line and …513 in the window: exact
    # halves round up everywhere.
    receipts = sum((m.at_stake or Decimal(0)) for m in demo[Entity.PAYMENTS].findings()
                   if m.kind == "erp_receipt_without_crm_payment")
    assert receipts % 1 == Decimal("0.5")
    assert cli[("Pagos", kind_label(Entity.PAYMENTS, "erp_receipt_without_crm_payment"))][1] \
        == _pesos(receipts)

    pdf = _pdf(demo, tmp_path)
    for (entity, label), (count, pesos) in kinds.items():
        if count != "0":  # the PDF lists the kinds that were found
            assert f"{entity} {label} {count} {pesos}" in pdf, (entity, label)
    for (_entity, label), pesos in cli_apart.items():
        assert f"{label}: {pesos}" in pdf

    book = _workbook(tmp_path)
    by_kind = _records(book, "Diferencias por tipo")
    xlsx: Figures = {}
    xlsx_apart: Apart = {}
    for r in by_kind:
        key = (r["Entidad"].value, r["Tipo de diferencia"].value)
        stake, aside = r["Pesos en juego"], r["Monto aparte (no en juego)"]
        for cell in (stake, aside):
            assert cell.value is None or cell.number_format == MONEY_FORMAT
        xlsx[key] = (_count(r["Hallazgos"].value), _pesos(stake.value))
        if aside.value is not None:
            entity = next(e for e, n in ENTITY_LABELS.items() if n == key[0])
            kind = next(k for k, _, _ in demo[entity].apart() if kind_label(entity, k) == key[1])
            xlsx_apart[(key[0], apart_label(entity, kind))] = _pesos(aside.value)
    assert xlsx == {key: value for key, value in kinds.items() if value[0] != "0"}
    assert xlsx_apart == cli_apart
    per_branch: dict[tuple[str, str], list[Decimal]] = {}
    for r in _records(book, "Hallazgos por sede"):
        entry = per_branch.setdefault((r["Entidad"].value, r["Tipo de diferencia"].value),
                                      [Decimal(0), Decimal(0)])
        entry[0] += r["Hallazgos"].value
        entry[1] += Decimal(str(r["Pesos en juego"].value or 0))
    assert {k: (_count(n), _pesos(p) if p else NONE) for k, (n, p) in per_branch.items()} == xlsx

    # The grand totals: the «Tablero»'s line, the PDF's and the workbook's «Resumen».
    insights = compute(demo)
    view = SummaryView()
    qtbot.addWidget(view)
    view.set_insights(insights)
    count = sum(int(c.replace(".", "")) for (_e, label), (c, _p) in cli.items() if label == "Total")
    stake = sum((r.at_stake for r in insights.mismatches), Decimal(0))
    headline = _plain(view.summary.text())
    assert headline.startswith(f"{_count(count)} diferencias · {_pesos(stake)} en juego")
    assert f"{_count(count)} diferencias, con {_pesos(stake)} en juego" in pdf
    summary = {r[0].value: r[1].value for r in book["Resumen"].iter_rows() if r[0].value}
    assert (_count(summary["Diferencias"]), _pesos(summary["Pesos en juego"])) == (
        _count(count), _pesos(stake))
    for (_entity, label), pesos in cli_apart.items():
        assert _pesos(summary[f"{label} (no en juego)"]) == pesos


def test_the_conversion_reads_the_same_in_the_table_the_chart_the_command_line_the_pdf_and_the_xlsx(
        demo, qtbot, capsys, tmp_path):
    insights = compute(demo)
    view = FunnelView()
    qtbot.addWidget(view)
    view.set_insights(insights)
    model = view.table.model
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Conversión")
    table = {model.row(r).source: _plain(model.data(model.index(r, column)))
             for r in range(model.rowCount())}
    assert len(table) >= 5

    figure = charts.funnel_chart(insights.funnel)
    labels = [_plain(t.get_text()) for t in figure.axes[0].texts]
    sources = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert dict(zip(sources, labels, strict=True)) == table

    assert main(["insights", "funnel", "--demo", "-q"]) == 0
    lines = _plain_lines(capsys.readouterr().out)
    head = next(i for i, line in enumerate(lines) if line.startswith("Origen"))
    names = re.split(r"\s{2,}", lines[head].strip())
    cli = {}
    for line in lines[head + 2:]:
        if not line.strip():
            break
        cells = dict(zip(names, re.split(r"\s{2,}", line.strip()), strict=True))
        cli[cells["Origen"]] = cells["Conversión"]
    assert cli == table

    pdf = _pdf(demo, tmp_path)
    for row in insights.funnel.rows:
        counts = " ".join(_count(n) for n in (row.leads, row.deals, row.sold_crm, row.invoiced,
                                               row.paid))
        assert f"{row.source} {counts} {table[row.source]}" in pdf, row.source

    book = _workbook(tmp_path)
    xlsx = {}
    for r in _records(book, "Embudo"):
        assert r["Conversión"].number_format == PERCENT_FORMAT
        xlsx[r["Origen"].value] = _percent(r["Conversión"].value)
    assert xlsx == table
    # The demo holds the trap (Instagram's 34 of 97, 0.350515…, read 35,0 % in the table
    # after rounding to four places first, 35,1 % on the chart): the check above can fail.
    four_places = {r.source: (Decimal(r.invoiced) / Decimal(r.leads)).quantize(Decimal("0.0001"))
                   for r in insights.funnel.rows}
    twice = {s: f"{float(v) * 100:.1f}".replace(".", ",") + " %" for s, v in four_places.items()}
    assert twice != table


def test_the_self_test_counts_the_differences_the_window_shows(demo, qtbot, tmp_path):
    """``cuadre --self-test``'s «Demostración» line counts what the window's tabs list (issue 20:
    it counted 1.276 where the window showed 1.361)."""
    from app.cli.selftest import _demo

    shown = 0
    for entity, result in demo.results.items():
        tab = EntityTab(entity)
        qtbot.addWidget(tab)
        tab.set_result(result)
        shown += tab.finding_count()
    line = _demo(tmp_path)  # the demo generated afresh there, as the self-test does
    assert f"{shown:,}".replace(",", ".") in line, line
    assert shown > 1000
