"""The Conteo físico tab: scanning, the saved list, importing, comparing with the ERP."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.connectors.base import SourceIssue
from app.count.compare import COUNT_KINDS, count_frame
from app.count.saved import CountEntry, CountStore
from app.domain.schema import Entity, System, frame
from app.reconcile.results import EntityResult, Report
from ui.common import formatting as fmt
from ui.count.count_tab import CountTab

BOG = "Bogotá - Autopista Norte"
MED = "Medellín - El Poblado"
STAMP = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
A = "9GASJ69R2TP075153"
B = "3N1CP5BV9TM676725"
C = "KNAPM81C2TU639501"
D = "JM1DL3W7XTR561944"
E = "9FB5SR5B1TG412307"
TYPO = "9FB5SR5B1TG4123O7"  # E with the letter O for a zero
UNKNOWN = "9BWAB45U7TT000123"


def _unit(sid: str, vin: str, status: str, branch: str, price: str) -> dict:
    return {
        "source_id": sid, "vin": vin, "make": "MAZDA", "model": "CX-30", "model_year": "2026",
        "color": "ROJO", "status": status, "branch": branch, "price": Decimal(price),
        "customer_doc": None, "deal_id": None, "delivered_on": None, "updated_at": STAMP,
    }


def count_report() -> Report:
    erp = frame(Entity.VEHICLES, [
        _unit("1", A, "available", BOG, "70000000"),
        _unit("2", B, "reserved", BOG, "80000000"),
        _unit("3", C, "available", MED, "90000000"),
        _unit("4", D, "delivered", BOG, "100000000"),
        _unit("5", E, "sold", BOG, "110000000"),
    ])
    result = EntityResult(Entity.VEHICLES, crm=frame(Entity.VEHICLES, []), erp=erp)
    return Report(STAMP, STAMP, {"crm": "CRM", "erp": "ERP"}, {Entity.VEHICLES: result})


@pytest.fixture
def store(tmp_path: Path) -> CountStore:
    return CountStore(tmp_path / "conteos")


@pytest.fixture
def tab(qtbot, store):  # type: ignore[no-untyped-def]
    widget = CountTab(store=store)
    widget.show_message = lambda text: widget.messageShown.emit(text)  # no dialog in tests
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.set_report(count_report())
    yield widget
    assert widget.shutdown(), "a count task was still running at the end of the test"


def scan(qtbot, tab: CountTab, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(tab.vin_edit, text)
    qtbot.keyClick(tab.vin_edit, Qt.Key.Key_Return)


def listed(tab: CountTab) -> list[str]:
    m = tab.list_model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def compare(qtbot, tab: CountTab):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.compared, timeout=10_000) as blocker:
        qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def summary_counts(tab: CountTab) -> dict[str, str]:
    return {label: n for label, n, _ in tab.results.summary.row_texts()}


# -- scanning --------------------------------------------------------------------------------


def test_branches_are_the_erps(tab: CountTab) -> None:
    assert tab.branches() == [BOG, MED]
    assert tab.current_branch() == BOG
    assert tab.counted_label.text() == "0 VIN contados"
    assert not tab.new_button.isEnabled()
    assert tab.compare_button.isEnabled()


def test_typing_vins_and_enter_adds_them_and_keeps_the_focus(qtbot, tab: CountTab) -> None:
    with qtbot.waitExposed(tab):
        tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.vin_edit.setFocus()
    scan(qtbot, tab, A.lower())
    scan(qtbot, tab, f" {B[:8]}-{B[8:]} ")
    assert listed(tab) == [A, B]
    assert tab.vin_edit.text() == ""
    assert QApplication.focusWidget() is tab.vin_edit
    assert tab.counted_label.text() == "2 VIN contados"
    assert tab.feedback_label.text() == f"Agregado: {B}"
    qtbot.keyClick(tab.vin_edit, Qt.Key.Key_Return)  # an empty Enter adds nothing
    assert listed(tab) == [A, B]


def test_an_invalid_vin_is_flagged_at_once(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, A)
    scan(qtbot, tab, TYPO)
    index = tab.list_model.index(1, 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole) == (
        "VIN inválido: caracteres no permitidos (I, O, Q u otros)"
    )
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    valid = tab.list_model.index(0, 0)
    assert valid.data(Qt.ItemDataRole.ForegroundRole) is None
    assert valid.data(Qt.ItemDataRole.ToolTipRole) == "VIN válido"
    assert tab.feedback_label.property("warn") is True
    assert "caracteres no permitidos" in tab.feedback_label.text()
    assert tab.counted_label.text() == "2 VIN contados · 1 inválido"


def test_a_short_vin_says_why(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, "9GASJ69R2")
    assert tab.list_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "VIN inválido: longitud distinta de 17"
    )


def test_a_repeated_scan_is_marked_on_both_rows(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, A)
    scan(qtbot, tab, A)
    for row in (0, 1):
        index = tab.list_model.index(row, 0)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == "Contado 2 veces"
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.counted_label.text() == "2 VIN contados · 1 distinto"
    assert "contado 2 veces" in tab.feedback_label.text()


def test_delete_removes_the_selected_scan(qtbot, tab: CountTab, store: CountStore) -> None:
    for v in (A, B, C):
        scan(qtbot, tab, v)
    tab.list_view.setCurrentIndex(tab.list_model.index(1, 0))
    qtbot.keyClick(tab.list_view, Qt.Key.Key_Delete)
    assert listed(tab) == [A, C]
    assert tab.list_view.currentIndex().row() == 1  # the next one, ready for another Supr
    qtbot.keyClick(tab.list_view, Qt.Key.Key_Delete)
    assert listed(tab) == [A]
    assert [e.vin for e in store.load(BOG)] == [A]
    assert tab.feedback_label.text() == "Se quitó 1 VIN de la lista."


def test_the_list_is_saved_after_every_change_and_comes_back(qtbot, tab, store) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, tab, A)
    assert [e.vin for e in store.load(BOG)] == [A]
    scan(qtbot, tab, TYPO)
    assert [e.vin for e in store.load(BOG)] == [A, TYPO]

    again = CountTab(store=store)  # as after a crash: a new window, the same data folder
    qtbot.addWidget(again)
    again.set_report(count_report())
    assert listed(again) == [A, TYPO]
    assert again.feedback_label.text() == "Se recuperó el conteo guardado (2 VIN)."
    assert again.shutdown()


def test_each_branch_keeps_its_own_list(qtbot, tab: CountTab, store: CountStore) -> None:
    scan(qtbot, tab, A)
    tab.set_branch(MED)
    assert listed(tab) == []
    scan(qtbot, tab, C)
    tab.set_branch(BOG)
    assert listed(tab) == [A]
    assert [e.vin for e in store.load(MED)] == [C]


def test_new_count_asks_then_clears_the_list_and_the_saved_copy(qtbot, tab, store) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, tab, A)
    asked: list[int] = []
    tab.confirm_new_count = lambda n: asked.append(n) or False
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert listed(tab) == [A] and asked == [1]
    tab.confirm_new_count = lambda n: True
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert listed(tab) == []
    assert not store.path_for(BOG).exists()
    assert tab.result is None


# -- comparing -------------------------------------------------------------------------------


def test_compare_shows_the_right_counts(qtbot, tab: CountTab) -> None:
    for v in (A, C, D, UNKNOWN, TYPO, A):
        scan(qtbot, tab, v)
    result = compare(qtbot, tab)
    assert result.by_kind() == {
        "count_missing_from_lot": 2,  # B (reserved) and E (sold, typed as TYPO)
        "count_not_in_erp_stock": 2,  # D delivered, UNKNOWN
        "count_wrong_branch": 1,  # C is Medellín's
        "count_invalid_vin": 1,
        "count_scanned_twice": 1,
    }
    counts = summary_counts(tab)
    assert counts["Todos"] == "7"
    assert counts["No está en el patio"] == "2"
    assert counts["En el patio, no en inventario del ERP"] == "2"
    assert counts["En otra sede según el ERP"] == "1"
    assert counts["VIN contado inválido"] == "1"
    assert counts["Contado más de una vez"] == "1"
    money = {label: m for label, _, m in tab.results.summary.row_texts()}
    assert money["No está en el patio"] == fmt.money(Decimal("190000000")) == "$\u00a0190.000.000"
    assert tab.results.title.text() == f"Resultado: {BOG}"
    assert tab.results.numbers.text() == (
        "3 vehículos en el patio según el ERP · 5 VIN contados · 1 confirmado"
    )
    assert tab.results.proxy.rowCount() == 7

    texts = {}
    model = tab.results.model
    detail = model.column_of("Detalle")
    for r in range(model.rowCount()):
        m = model.finding(r)
        texts[(m.kind, m.key)] = model.index(r, detail).data()
    assert texts[("count_invalid_vin", TYPO)] == (
        f"VIN inválido: caracteres no permitidos (I, O, Q u otros). ¿Quiso decir {E}?"
    )
    assert texts[("count_missing_from_lot", E)] == f"¿Es el que se contó como {TYPO}?"
    assert texts[("count_wrong_branch", C)] == f"El ERP lo ubica en {MED}"
    assert texts[("count_not_in_erp_stock", D)] == "El ERP lo da por entregado"
    assert texts[("count_not_in_erp_stock", UNKNOWN)] == "El ERP no tiene este VIN"
    assert texts[("count_scanned_twice", A)] == "Contado 2 veces"
    vehicle = model.column_of("Vehículo en el ERP")
    row = next(r for r in range(model.rowCount()) if model.finding(r).key == B)
    assert model.index(row, vehicle).data() == "Mazda Cx-30 2026 · Rojo"
    assert model.index(row, model.column_of("Estado en el ERP")).data() == "Reservado"
    assert model.index(row, model.column_of("En juego")).data() == "$\u00a080.000.000"


def test_choosing_a_kind_filters_the_findings(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, C)
    compare(qtbot, tab)
    kinds = [None, *COUNT_KINDS]
    tab.results.summary.list_widget().setCurrentRow(kinds.index("count_wrong_branch"))
    assert tab.results.proxy.rowCount() == 1
    assert tab.results.proxy.finding(tab.results.proxy.index(0, 0)).key == C
    tab.results.summary.list_widget().setCurrentRow(0)
    assert tab.results.proxy.rowCount() == 4


def test_changing_the_list_after_comparing_says_so(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, A)
    compare(qtbot, tab)
    scan(qtbot, tab, B)
    assert tab.results.numbers.text().endswith("La lista cambió después de comparar: vuelva a comparar.")
    result = compare(qtbot, tab)
    assert result.confirmed == 2
    assert "vuelva a comparar" not in tab.results.numbers.text()


def test_models_keep_qts_contract(qtbot, qtmodeltester, tab: CountTab) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(tab.list_model)
    qtmodeltester.check(tab.results.model)
    for v in (A, TYPO, A, C):
        scan(qtbot, tab, v)
    qtmodeltester.check(tab.list_model)
    compare(qtbot, tab)
    qtmodeltester.check(tab.results.model)
    tab.results.view.sortByColumn(tab.results.model.column_of("En juego"),
                                  Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.results.proxy)
    first = tab.results.proxy.finding(tab.results.proxy.index(0, 0))
    assert first.at_stake == Decimal("110000000")


# -- importing -------------------------------------------------------------------------------


def _reader(rows: list[dict], issues: list | None = None):  # type: ignore[no-untyped-def]
    def read(path: Path) -> tuple[pd.DataFrame, list]:
        return count_frame(rows), list(issues or [])

    return read


def import_with(qtbot, tab: CountTab, reader, path: Path = Path("conteo.csv")) -> None:  # type: ignore[no-untyped-def]
    tab._reader = reader
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        tab.import_file(path)


def test_import_takes_the_branch_the_file_names_and_says_what_it_could_not_read(
    qtbot, tab: CountTab, store: CountStore
) -> None:
    messages: list[str] = []
    tab.messageShown.connect(messages.append)
    rows = [
        {"branch": "MEDELLÍN - EL POBLADO", "vin": C, "counted_at": datetime(2026, 11, 20).date(),
         "counted_by": "Diana Ospina"},
        {"branch": "Medellín - El Poblado", "vin": UNKNOWN},
        {"branch": "Medellín - El Poblado", "vin": None},
    ]
    issue = SourceIssue(System.ERP, Entity.VEHICLES, "row-4", "Fecha", "unparseable", "31/02/2026")
    import_with(qtbot, tab, _reader(rows, [issue]), Path("conteos/conteo_med.xlsx"))
    assert tab.current_branch() == MED
    assert listed(tab) == [C, UNKNOWN]
    assert [e.counted_by for e in store.load(MED)] == ["Diana Ospina", None]
    [message] = messages
    assert message.startswith("Se importaron 2 VIN de «conteo_med.xlsx».")
    assert "1 aviso al leer el archivo:" in message
    assert "· fila 4, columna Fecha: no se pudo interpretar («31/02/2026»)" in message
    assert "Traceback" not in message


def test_import_into_a_list_asks_whether_to_replace_or_add(qtbot, tab: CountTab) -> None:
    scan(qtbot, tab, A)
    tab.ask_import_mode = lambda n: "add"
    import_with(qtbot, tab, _reader([{"branch": BOG, "vin": B}, {"branch": MED, "vin": C}]))
    assert listed(tab) == [A, B]
    assert "1 fila de otra sede se dejó fuera." in tab.feedback_label.text()
    tab.ask_import_mode = lambda n: "replace"
    import_with(qtbot, tab, _reader([{"branch": None, "vin": D}]))
    assert listed(tab) == [D]


def test_a_failed_import_is_a_spanish_message(qtbot, tab: CountTab) -> None:
    def broken(path: Path) -> tuple[pd.DataFrame, list]:
        raise ValueError("Unsupported format: b'PK\\x03'")

    tab._reader = broken
    with qtbot.waitSignal(tab.messageShown, timeout=10_000) as blocker:
        tab.import_file(Path("conteo.xlsx"))
    assert blocker.args[0] == (
        "No se pudo leer el archivo del conteo.\n"
        "Los datos de origen tienen un valor que no se pudo interpretar."
    )
    assert listed(tab) == []


def test_a_running_import_can_be_cancelled(qtbot, tab: CountTab) -> None:
    release = threading.Event()

    def slow(path: Path) -> tuple[pd.DataFrame, list]:
        release.wait(5)
        return count_frame([{"branch": BOG, "vin": A}]), []

    tab._reader = slow
    with qtbot.waitSignal(tab.runner.progress, timeout=5000):
        tab.import_file(Path("conteo.csv"))
    assert not tab.cancel_button.isHidden() and not tab.compare_button.isEnabled()
    with qtbot.waitSignal(tab.runner.cancelled, timeout=5000):
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert listed(tab) == []
    assert tab.compare_button.isEnabled() and tab.cancel_button.isHidden()


def test_import_a_real_file_with_a_row_it_cannot_read(qtbot, tab: CountTab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "conteo bogotá.csv"
    path.write_bytes(
        "Sede;Chasis;Fecha;Contado por;Observación\r\n"
        f"Bogotá - Autopista Norte;{A.lower()};20/11/2026;Diana Ospina;Patio\r\n"
        "Bogotá - Autopista Norte;;20/11/2026;Diana Ospina;sin VIN\r\n"
        f"Bogotá - Autopista Norte;{B};31/02/2026;Diana Ospina;\r\n".encode("cp1252")
    )
    messages: list[str] = []
    tab.messageShown.connect(messages.append)
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        tab.import_file(path)  # the window's own reader: app.connectors.files.read_count
    assert listed(tab) == [A, B]
    [message] = messages
    assert message.startswith("Se importaron 2 VIN de «conteo bogotá.csv».")
    assert "fila 3" in message and "fila sin VIN (se omitió)" in message
    assert "Traceback" not in message


def test_a_file_that_is_not_a_count_says_why_in_spanish(qtbot, tab: CountTab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clientes.csv"
    path.write_text("Cédula;Nombre\r\n79123456;Juan Pérez\r\n", encoding="utf-8")
    with qtbot.waitSignal(tab.messageShown, timeout=10_000) as blocker:
        tab.import_file(path)
    message = blocker.args[0]
    assert message.startswith("No se pudo leer el archivo del conteo.\nEl archivo clientes.csv")
    assert listed(tab) == []


def test_import_and_compare_the_demo_count(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.demo import ensure_demo
    from app.demo.connector import DemoErp
    from app.demo.count import write_demo_counts
    from app.progress import run

    files = run(ensure_demo(data_dir=tmp_path))
    demo_counts = write_demo_counts(files.erp, tmp_path / "counts")
    erp = DemoErp(files.erp).pull(Entity.VEHICLES)
    result = EntityResult(Entity.VEHICLES, crm=frame(Entity.VEHICLES, []), erp=erp)
    widget = CountTab(store=CountStore(tmp_path / "conteos"))
    qtbot.addWidget(widget)
    widget.show_message = lambda text: widget.messageShown.emit(text)
    widget.set_report(Report(STAMP, STAMP, {}, {Entity.VEHICLES: result}))

    seeded = demo_counts[MED]
    with qtbot.waitSignal(widget.imported, timeout=20_000):
        widget.import_file(seeded.path)  # the Bogotá tab switches to the file's branch
    assert widget.current_branch() == MED
    assert widget.list_model.scans() == len(seeded.rows)
    with qtbot.waitSignal(widget.compared, timeout=20_000) as blocker:
        widget.compare()
    assert blocker.args[0].by_kind() == {k: seeded.truth[k] for k in COUNT_KINDS}
    assert widget.shutdown()


# -- in the main window ----------------------------------------------------------------------


def test_the_main_window_has_the_count_tab_after_inventario(qtbot, main_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    main_window.count_tab.store = CountStore(tmp_path)
    main_window.load_report(count_report())
    titles = main_window.tab_titles()
    assert titles[2].startswith("Inventario") and titles[3] == "Conteo físico"
    assert main_window.count_tab.branches() == [BOG, MED]
    main_window.tabs.setCurrentWidget(main_window.count_tab)
    main_window.focus_search()  # Ctrl+F on this tab does nothing, and does not fail
    main_window.count_tab.add_vin(A)
    with qtbot.waitSignal(main_window.count_tab.compared, timeout=10_000):
        main_window.count_tab.compare()
    assert main_window.count_tab.result is not None
    main_window.load_report(count_report())  # a new reconciliation: the old result goes
    assert main_window.count_tab.result is None
    assert listed(main_window.count_tab) == [A]


def test_escape_cancels_the_count_tabs_task(qtbot, main_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    main_window.count_tab.store = CountStore(tmp_path)
    main_window.load_report(count_report())
    release = threading.Event()

    def slow(path: Path) -> tuple[pd.DataFrame, list]:
        release.wait(5)
        return count_frame([]), []

    tab = main_window.count_tab
    tab._reader = slow
    with qtbot.waitSignal(tab.runner.progress, timeout=5000):
        tab.import_file(Path("conteo.csv"))
    assert main_window.cancel_action.isEnabled()
    with qtbot.waitSignal(tab.runner.cancelled, timeout=5000):
        main_window.cancel_action.trigger()
        release.set()
    assert not main_window.cancel_action.isEnabled()


def test_entries_keep_their_dates(store: CountStore) -> None:
    store.save(BOG, [CountEntry(A, STAMP)])
    assert store.load(BOG)[0].counted_at == STAMP
