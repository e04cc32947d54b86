"""«Exportar a Excel…»: any table of the window, as shown (filters, order, visible columns),
written through app.reports.xlsx — read back with openpyxl."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from ui_fakes import make_report

from app.domain.schema import Entity
from app.reconcile.results import Report
from ui.common.table_export import SHORTCUT, cell_value, slug, suggested_name
from ui.main_window import MainWindow

FORMULA = '=HYPERLINK("http://malo.example","clic")'


def _report_with_formula() -> Report:
    """The fake report, with a CRM name a spreadsheet would run as a formula."""
    report = make_report()
    customers = report.results[Entity.CUSTOMERS]
    mismatches = [replace(m, crm_value=FORMULA) if m.kind == "name_differs" else m
                  for m in customers.mismatches]
    results = dict(report.results)
    results[Entity.CUSTOMERS] = replace(customers, mismatches=mismatches)
    return replace(report, results=results)


def _rows(path: Path) -> tuple[list[list[Any]], list[Any]]:
    """(the sheet's rows as values, its cells) of the only sheet."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    return [[c.value for c in row] for row in sheet.iter_rows()], cells


def _table(rows: list[list[Any]], first_header: str) -> tuple[list[Any], list[list[Any]]]:
    """The header row (found by its first cell) and the rows under it."""
    at = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    return rows[at], [r for r in rows[at + 1:] if any(v is not None for v in r)]


def _export(qtbot, window: MainWindow, view: Any, path: Path) -> None:  # type: ignore[no-untyped-def]
    exporter = window.table_exporter
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as blocker:
        assert exporter.export_view(view, path)
    assert blocker.args[0] == path


def test_a_filtered_findings_table_exports_only_its_rows_with_formulas_neutralised(
        qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main_window.load_report(_report_with_formula())
    tab = main_window.tab(Entity.CUSTOMERS)
    tab.set_kind("name_differs")
    assert tab.proxy.rowCount() == 1
    path = tmp_path / "clientes.xlsx"
    _export(qtbot, main_window, tab.view, path)

    rows, cells = _rows(path)
    assert rows[0][0] == "Clientes — diferencias"
    assert ["Filtros: Tipo: Nombre distinto"] in [r[:1] for r in rows]
    header, data = _table(rows, "Tipo")
    assert header[:5] == ["Tipo", "Cédula/NIT", "Nombre (CRM / ERP)", "En el CRM", "En el ERP"]
    assert len(data) == 1  # the other six findings are filtered out
    assert data[0][0] == "Nombre distinto"
    assert data[0][3] == "'" + FORMULA  # shown as the text it is, never run
    assert all(c.data_type != "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in cells)
    assert str(path) in main_window.status_label.text()


def test_a_search_the_order_and_hidden_columns_are_what_is_exported(
        qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.PAYMENTS)
    stake = tab.model.money_column()
    assert stake is not None
    tab.view.sortByColumn(stake, Qt.SortOrder.DescendingOrder)
    tab.search_edit.setText("rc-000")  # still waiting to filter: the export applies it first
    tab.view.setColumnHidden(tab.model.column_of("Id CRM"), True)
    tab.view.horizontalHeader().moveSection(stake, 0)  # "En juego" dragged to the front
    path = tmp_path / "pagos.xlsx"
    _export(qtbot, main_window, tab.view, path)

    rows, _cells = _rows(path)
    assert ["Filtros: Buscar: rc-000"] in [r[:1] for r in rows]
    header, data = _table(rows, "En juego")
    assert "Id CRM" not in header
    assert header[1] == "Tipo"
    # Pesos as numbers, to the cent (the view rounds them to whole pesos), biggest first like
    # the view; the date-only difference puts none at stake (an empty cell, last).
    assert [r[0] for r in data] == [1200000, 250000, 90000, 34566.5, None]
    assert [r[header.index("Recibo")] for r in data] == [
        "RC-0002", "RC-0003", "RC-0005", "RC-0001", "RC-0004"]


def test_the_context_menu_and_the_window_action_export_the_table_in_focus(
        qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main_window.load_report(make_report())
    main_window.show()
    qtbot.waitExposed(main_window)
    tab = main_window.tab(Entity.VEHICLES)
    main_window.tabs.setCurrentWidget(tab)
    exporter = main_window.table_exporter

    menu = exporter.context_menu(tab.view)
    [action] = menu.actions()
    # The shortcut as the menus write it (translated when Qt's Spanish is installed).
    native = QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
    assert action.text() == f"E&xportar a Excel…\t{native}"
    assert native.endswith("+X")
    menu.deleteLater()
    # Ctrl+Shift+X belongs to that action alone (an ambiguous shortcut does nothing).
    owners = [a for a in main_window.findChildren(QAction)
              if a.shortcut() == QKeySequence(SHORTCUT)]
    assert owners == [main_window.export_action]
    assert main_window.export_action in main_window.menuBar().actions()[0].menu().actions()

    asked: list[str] = []

    def ask(suggested: str) -> Path:
        asked.append(suggested)
        return tmp_path / "elegido"  # no suffix: .xlsx is added

    exporter.ask_path = ask  # type: ignore[method-assign]
    tab.view.setFocus()
    assert exporter.current_view() is tab.view
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as blocker:
        main_window.export_action.trigger()
    assert asked == [suggested_name("Inventario — diferencias")]
    assert blocker.args == [tmp_path / "elegido.xlsx", 5]  # "Inventario (5)"


def test_a_file_that_cannot_be_written_is_a_spanish_message(
        qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main_window.load_report(make_report())
    errors: list[str] = []
    exporter = main_window.table_exporter
    exporter.show_error = errors.append  # type: ignore[method-assign]
    view = main_window.tab(Entity.CUSTOMERS).view
    with qtbot.waitSignal(exporter.runner.finished, timeout=20_000):
        assert exporter.export_view(view, tmp_path / "no-existe" / "clientes.xlsx")
    assert errors == ["No se pudo escribir «clientes.xlsx» en esa carpeta."]
    assert main_window.status_label.text().startswith("No se pudo exportar:")


def test_an_empty_table_is_not_exported(main_window: MainWindow, tmp_path: Path) -> None:
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.CUSTOMERS)
    tab.search_edit.setText("nadie se llama así")
    tab.apply_search()
    assert not main_window.table_exporter.export_view(tab.view, tmp_path / "x.xlsx")
    assert main_window.status_label.text() == ("La tabla no muestra filas: no hay nada que "
                                               "exportar.")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("text", "numeric", "value"), [
    ("$\u00a01.234.567", False, Decimal(1234567)),
    ("$\u00a0-1.234", True, Decimal(-1234)),
    ("$ 1.234,50", False, Decimal("1234.50")),
    ("15/03/2024", False, date(2024, 3, 15)),
    ("31/02/2024", False, "31/02/2024"),
    ("—", False, None),
    ("", True, None),
    ("2.004", True, 2004),
    ("2.004", False, "2.004"),  # a code in a text column stays text
    ("0012", False, "0012"),
    ("12,5", True, Decimal("12.5")),
    ("=1+2", False, "=1+2"),  # text: the writer neutralises it
])
def test_cell_value_reads_the_shown_text_back(text: str, numeric: bool, value: Any) -> None:
    assert cell_value(text, numeric) == value


def test_suggested_name() -> None:
    assert slug("Tablero — Embudo por origen") == "tablero-embudo-por-origen"
    assert suggested_name("Clientes — diferencias", date(2026, 11, 20)) == (
        "cuadre-clientes-diferencias-2026-11-20.xlsx")
