"""The main window: tabs, summary, filters, the side-by-side panel, tasks and the real demo."""

from __future__ import annotations

import importlib
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox
from ui_fakes import (
    PAYMENTS_STAKE,
    PAYMENTS_TOTAL_TEXT,
    failing_task,
    make_report,
    slow_task,
)

from app.domain.schema import Entity
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.main_window import MainWindow


def _select(window: MainWindow, entity: Entity, kind: str) -> None:
    tab = window.tab(entity)
    window.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.finding(tab.proxy.index(r, 0)).kind == kind)
    tab.view.setCurrentIndex(tab.proxy.index(row, 0))


def test_title_and_tabs(main_window: MainWindow) -> None:
    assert main_window.windowTitle() == "Cuadre — Conciliación CRM ↔ ERP"
    assert main_window.tab_titles() == ["Clientes", "Pagos", "Inventario", "Conteo físico",
                                         "Tablero"]
    assert main_window.pages.currentWidget() is main_window.empty_page
    assert main_window.open_demo_button.text() == "Abrir la demo"


def test_load_report_fills_tabs_counts_and_totals(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    assert main_window.tab_titles() == [
        "Clientes (7)", "Pagos (5)", "Inventario (5)", "Conteo físico", "Tablero"
    ]
    assert main_window.pages.currentWidget() is main_window.tabs

    summary = main_window.tab(Entity.PAYMENTS).summary
    rows = {label: (count, money) for label, count, money in summary.row_texts()}
    assert rows["Todos"] == ("5", PAYMENTS_TOTAL_TEXT)
    assert rows["Valor distinto"] == ("1", "$\u00a034.567")
    assert rows["Pagado en CRM sin recibo en ERP"] == (
        "1", fmt.money(PAYMENTS_STAKE["crm_payment_without_receipt"])
    )
    assert rows["Recibo duplicado"] == ("1", fmt.money(PAYMENTS_STAKE["duplicate_key"]))
    assert summary.total_text() == f"Total: 5 diferencias · {PAYMENTS_TOTAL_TEXT} en juego"

    customers = main_window.tab(Entity.CUSTOMERS).summary
    assert customers.row_texts()[0] == ("Todos", "7", "")
    assert customers.total_text() == "Total: 7 diferencias"

    status = main_window.status_label.text()
    assert status.startswith("Reconciliado: 7 clientes, 6 pagos, 6 vehículos · 17 diferencias · ")


def test_choosing_a_kind_in_the_summary_filters_the_table(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.CUSTOMERS)
    kinds = [k for k in [None, *tab.summary._kinds[1:]]]
    row = kinds.index("phone_differs")
    tab.summary.list_widget().setCurrentRow(row)
    assert tab.proxy.rowCount() == 1
    assert tab.kind_combo.currentData() == "phone_differs"
    assert tab.shown_label.text() == "1 de 7 filas"

    tab.summary.list_widget().setCurrentRow(0)  # "Todos"
    assert tab.proxy.rowCount() == 7
    assert tab.kind_combo.currentIndex() == 0

    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("only_in_crm"))
    assert tab.proxy.rowCount() == 1
    assert tab.summary.selected_kind() == "only_in_crm"


def test_search_box_filters_without_accents(qtbot, main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.CUSTOMERS)
    qtbot.keyClicks(tab.search_edit, "perez")
    # Every finding about Juan Pérez (C-001 / E-101): his name is in both names' columns.
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2, timeout=3000)
    assert {tab.proxy.finding(tab.proxy.index(r, 0)).kind for r in range(2)} == {
        "name_differs", "phone_differs"}
    assert tab.shown_label.text() == "2 de 7 filas"
    tab.search_edit.clear()
    tab.apply_search()
    assert tab.proxy.rowCount() == 7


def test_selecting_a_row_shows_both_records_with_the_difference_highlighted(
    main_window: MainWindow,
) -> None:
    main_window.load_report(make_report())
    _select(main_window, Entity.PAYMENTS, "amount_differs")
    panel = main_window.tab(Entity.PAYMENTS).side_panel
    assert panel.caption_text() == "Valor distinto"
    assert panel.headers() == ["Campo", "CRM · P-1", "ERP · R-1"]
    assert panel.cell_text("amount", 1) == "$\u00a01.234.567"
    assert panel.cell_text("amount", 2) == "$\u00a01.200.001"
    assert panel.cell_text("paid_on", 1) == "01/03/2026"
    assert panel.cell_text("status", 2) == "Contabilizado"
    assert panel.cell_text("cufe", 1) == "—"
    assert panel.is_highlighted("amount")
    assert not panel.is_highlighted("cufe")  # kept by one system only: not a disagreement
    assert not panel.is_highlighted("receipt_number")
    assert not panel.is_highlighted("source_id")

    table = panel.table()
    row = panel.fields().index("amount")
    assert table.item(row, 1).font().bold()
    assert table.item(row, 1).background().color().name() != "#000000"
    plain = panel.fields().index("currency")
    assert not table.item(plain, 1).font().bold()


def test_text_compares_trimmed_and_casefolded(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    _select(main_window, Entity.VEHICLES, "sold_in_crm_available_in_erp")
    panel = main_window.tab(Entity.VEHICLES).side_panel
    assert panel.cell_text("status", 1) == "Vendido"
    assert panel.cell_text("status", 2) == "Disponible"
    assert panel.cell_text("price", 1) == "$\u00a068.000.000"
    assert panel.is_highlighted("status")
    assert not panel.is_highlighted("make")  # "Chevrolet" vs "CHEVROLET"
    assert not panel.is_highlighted("price")


def test_a_one_sided_finding_says_the_other_system_has_no_record(
    main_window: MainWindow,
) -> None:
    main_window.load_report(make_report())
    _select(main_window, Entity.CUSTOMERS, "only_in_crm")
    panel = main_window.tab(Entity.CUSTOMERS).side_panel
    assert panel.caption_text() == "Solo en el CRM"
    assert panel.headers() == ["Campo", "CRM · C-002", "ERP"]
    assert panel.cell_text("first_names", 1) == "Ana"
    assert panel.cell_text(panel.fields()[0], 2) == "No existe en el ERP"


def test_a_duplicate_group_shows_every_record(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    _select(main_window, Entity.CUSTOMERS, "duplicate_key")
    panel = main_window.tab(Entity.CUSTOMERS).side_panel
    assert panel.caption_text() == "Documento duplicado"
    assert panel.headers() == ["Campo", "CRM · C-003", "CRM · C-004"]
    assert "2 registros del CRM comparten Cédula/NIT 52111222" in panel.subcaption_text()
    assert panel.is_highlighted("first_names")  # "Luz" vs "Luz Marina"
    assert not panel.is_highlighted("doc_number")


def test_keyboard_moves_through_the_table_and_the_panel_follows(
    qtbot, main_window: MainWindow
) -> None:
    main_window.load_report(make_report())
    with qtbot.waitExposed(main_window):
        main_window.show()
    tab = main_window.tab(Entity.CUSTOMERS)
    tab.view.setFocus()
    first = tab.current_finding()
    assert first is not None and tab.side_panel.caption_text() == fmt.kind_name(
        Entity.CUSTOMERS, first.kind
    )
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    second = tab.current_finding()
    assert second is not first
    assert tab.side_panel.caption_text() == fmt.kind_name(Entity.CUSTOMERS, second.kind)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.view.currentIndex().row() == 2
    qtbot.keyClick(tab.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert tab.view.currentIndex().row() == 1

    with qtbot.waitActive(main_window):
        main_window.activateWindow()
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.search_edit.hasFocus, timeout=2000)
    assert tab.search_edit.placeholderText() == "Buscar…"


def test_the_side_panel_uses_bold_and_colour_for_differences(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    _select(main_window, Entity.CUSTOMERS, "phone_differs")
    panel = main_window.tab(Entity.CUSTOMERS).side_panel
    assert panel.is_highlighted("phone")
    item = panel.table().item(panel.fields().index("phone"), 2)
    assert item.text() == "3009999999"
    assert item.font().weight() >= QFont.Weight.Bold


def test_start_demo_runs_the_task_and_shows_its_report(qtbot, main_window: MainWindow) -> None:
    with qtbot.waitExposed(main_window):
        main_window.show()
    with qtbot.waitSignal(main_window.reportLoaded, timeout=5000) as blocker:
        qtbot.mouseClick(main_window.open_demo_button, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], Report)
    assert main_window.tab_titles()[0] == "Clientes (7)"
    assert not main_window.cancel_button.isVisible()
    assert not main_window.progress_bar.isVisible()


def test_cancel_stops_a_running_task(qtbot, main_window: MainWindow) -> None:
    with qtbot.waitExposed(main_window):
        main_window.show()
    started = threading.Event()
    with qtbot.waitSignal(main_window.runner.progress, timeout=5000):
        main_window.run_task(slow_task(started))
    assert main_window.cancel_button.isVisible()
    assert main_window.progress_bar.isVisible()
    assert not main_window.reconcile_action.isEnabled()
    with qtbot.waitSignal(main_window.runner.cancelled, timeout=5000):
        qtbot.mouseClick(main_window.cancel_button, Qt.MouseButton.LeftButton)
    assert not main_window.cancel_button.isVisible()
    assert not main_window.progress_bar.isVisible()
    assert main_window.status_label.text() == "Cancelado."
    assert main_window.reconcile_action.isEnabled()


def test_escape_cancels_too(qtbot, main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    with qtbot.waitExposed(main_window):
        main_window.show()
    with qtbot.waitActive(main_window):
        main_window.activateWindow()
    view = main_window.tab(Entity.CUSTOMERS).view
    view.setFocus()
    with qtbot.waitSignal(main_window.runner.progress, timeout=5000):
        main_window.run_task(slow_task(threading.Event()))
    with qtbot.waitSignal(main_window.runner.cancelled, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert main_window.status_label.text() == "Cancelado. Se conserva la conciliación anterior."
    assert main_window.tab_titles()[0] == "Clientes (7)"


def test_a_failing_task_shows_a_spanish_message_without_raising(
    qtbot, main_window: MainWindow
) -> None:
    with qtbot.waitSignal(main_window.errorShown, timeout=5000) as blocker:
        main_window.run_task(failing_task(PermissionError("/root/secret")))
    message = blocker.args[0]
    assert message == "No hay permiso para leer o escribir en la carpeta de datos."
    assert main_window.status_label.text() == f"Falló: {message}"
    assert not main_window.runner.running


def test_the_default_error_dialog_does_not_block(qtbot) -> None:
    window = MainWindow(demo_factory=lambda reset, cancel: iter(()))  # never run
    qtbot.addWidget(window)
    window.show_error("No se pudo leer una de las bases de datos de origen.")
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert box.informativeText() == "No se pudo leer una de las bases de datos de origen."
    box.close()
    assert window.shutdown()


@pytest.mark.slow
def test_the_real_demo_end_to_end(qtbot, cuadre_data_dir) -> None:  # type: ignore[no-untyped-def]
    demo = importlib.import_module("app.demo")
    if not hasattr(demo, "demo_task"):
        pytest.skip("app.demo.demo_task is not there yet")
    window = MainWindow()
    qtbot.addWidget(window)
    errors: list[str] = []
    window.errorShown.connect(errors.append)
    window.show_error = lambda message: None
    with qtbot.waitSignal(window.reportLoaded, timeout=120_000) as blocker:
        window.start_demo(reset=False)
    assert errors == []
    report = blocker.args[0]
    assert (cuadre_data_dir / "demo").is_dir()
    for i, entity in enumerate((Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)):
        tab = window.tab(entity)
        findings = report.results[entity].findings()
        assert tab.finding_count() == len(findings) > 0
        assert window.tab_titles()[i].endswith(f"({fmt.count(len(findings))})")
        total = sum((m.at_stake or 0 for m in findings), 0)
        if total:
            assert tab.summary.row_texts()[0][2] == fmt.money(total)
        assert tab.current_finding() is not None
        assert tab.side_panel.caption_text() == fmt.kind_name(
            entity, tab.current_finding().kind
        )
    assert window.status_label.text().startswith("Reconciliado: ")
    assert window.shutdown()


def test_run_gui_opens_the_window_and_returns_the_exit_code(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main import run_gui

    seen: list[tuple[MainWindow, bool, bool]] = []

    def look_and_quit() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                seen.append((w, w.pages.currentWidget() is w.empty_page, w.runner.running))
        # exit(), not quit(): quit() posts events that would end the next test's event loops.
        qapp.exit(0)

    palette, sheet = qapp.palette(), qapp.styleSheet()
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    QTimer.singleShot(0, look_and_quit)
    try:
        assert run_gui(["cuadre"], demo=False, reset_demo=False) == 0
    finally:
        for window, *_ in seen:
            window.close()
        qapp.setQuitOnLastWindowClosed(quit_on_close)
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
    assert qapp.applicationName() == "Cuadre"
    assert qapp.organizationName() == "Cuadre"
    assert [(empty, running) for _, empty, running in seen] == [(True, False)]
    assert seen[0][0].windowTitle() == "Cuadre — Conciliación CRM ↔ ERP"
    assert seen[0][0].shutdown()


def test_a_new_report_keeps_the_order_the_header_shows(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.PAYMENTS)
    money = tab.model.money_column()
    tab.view.sortByColumn(money, Qt.SortOrder.DescendingOrder)
    assert tab.proxy.index(0, money).data() == "$\u00a01.200.000"
    main_window.load_report(make_report())
    shown = [tab.proxy.index(r, money).data() for r in range(tab.proxy.rowCount())]
    assert shown == ["$\u00a01.200.000", "$\u00a0250.000", "$\u00a090.000", "$\u00a034.567", "—"]


def test_panel_explains_why_records_were_linked(main_window: MainWindow) -> None:
    from dataclasses import replace

    from app.reconcile.results import Link

    report = make_report()
    result = report.results[Entity.PAYMENTS]
    finding = next(m for m in result.findings() if m.kind == "amount_differs")
    result.links = [Link(finding.crm_id, finding.erp_id, "receipt_number", "auto", 1.0,
                         {"doc": "exact"}, "mismo documento")]
    main_window.load_report(report)
    _select(main_window, Entity.PAYMENTS, "amount_differs")
    panel = main_window.tab(Entity.PAYMENTS).side_panel
    assert panel.explanation_text() == "Vinculados por Recibo: mismo documento"

    suggested = replace(finding, kind="possible_match", score=0.874, explanation="mismo celular")
    panel.show_finding(result, suggested)
    assert panel.explanation_text() == "Coincidencia sugerida, a revisar (87,4 %): mismo celular"


def test_a_city_written_two_ways_with_one_code_is_not_highlighted(main_window: MainWindow) -> None:
    from app.domain.schema import System

    report = make_report()
    result = report.results[Entity.CUSTOMERS]
    finding = next(m for m in result.findings() if m.crm_id and m.erp_id)
    crm = result.record(System.CRM, finding.crm_id)
    erp = result.record(System.ERP, finding.erp_id)
    crm.update(city_code="11001", city_name="Bogota")
    erp.update(city_code="11001", city_name="Bogotá D.C.")
    panel = main_window.tab(Entity.CUSTOMERS).side_panel
    panel.show_finding(result, finding)
    assert not panel.is_highlighted("city_name")
    crm.update(city_code="05001", city_name="Medellín")
    panel.show_finding(result, finding)
    assert panel.is_highlighted("city_name")
