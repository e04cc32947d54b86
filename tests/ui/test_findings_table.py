"""Tables people can work in (issue 15, item 5): both customers' names, one-sided rows that
say what their record holds, a search through the records, values cut in the middle, and the
table opening sorted by pesos at stake (then age)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from ui_fakes import RESULTS, make_report

from app.domain.schema import Entity, System
from app.reconcile.results import EntityResult, Mismatch
from ui.common.tables import ElidingDelegate, FastTextDelegate, fit_columns, setup_findings_view
from ui.main_window import MainWindow
from ui.reconcile.finding_rows import Mark
from ui.reconcile.findings_model import FindingsModel
from ui.reconcile.findings_proxy import FindingsProxy


def _model(entity: Entity, result: EntityResult | None = None) -> FindingsModel:
    result = result or RESULTS[entity]()
    model = FindingsModel(entity)
    model.set_findings(result.findings(), result)
    return model


def _proxy(model: FindingsModel) -> FindingsProxy:
    proxy = FindingsProxy()
    proxy.setSourceModel(model)
    return proxy


def _row(model: FindingsModel, kind: str) -> dict[str, str]:
    row = next(r for r in range(model.rowCount()) if model.finding(r).kind == kind)
    return {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in range(model.columnCount())}


def _kinds(proxy: FindingsProxy) -> list[str]:
    return [proxy.finding(proxy.index(r, 0)).kind for r in range(proxy.rowCount())]


# -- both names -----------------------------------------------------------------------------


def test_customers_show_the_crm_and_the_erp_name() -> None:
    model = _model(Entity.CUSTOMERS)
    names = model.names_column()
    assert names is not None and model.headerData(names, Qt.Orientation.Horizontal) == (
        "Nombre (CRM / ERP)")
    # C-001 and E-101 write him differently: both names, on every finding about him.
    assert _row(model, "name_differs")["Nombre (CRM / ERP)"] == "Juan Pérez / JUAN PEREZ GOMEZ"
    assert _row(model, "phone_differs")["Nombre (CRM / ERP)"] == "Juan Pérez / JUAN PEREZ GOMEZ"
    row = next(r for r in range(model.rowCount()) if model.finding(r).kind == "phone_differs")
    assert model.index(row, names).data(Qt.ItemDataRole.ToolTipRole) == (
        "CRM: Juan Pérez\nERP: JUAN PEREZ GOMEZ")
    # One-sided: the one record's name; a company by its legal name.
    assert _row(model, "missing_city")["Nombre (CRM / ERP)"] == "Pedro Ríos"
    assert _row(model, "only_in_erp")["Nombre (CRM / ERP)"] == "Transportes Andinos S.A.S."
    assert _row(model, "duplicate_key")["Nombre (CRM / ERP)"] == "Luz Muñoz"
    # Payments and vehicles have no names column.
    assert _model(Entity.PAYMENTS).names_column() is None


def test_names_that_differ_only_in_case_and_accents_show_once() -> None:
    result = RESULTS[Entity.CUSTOMERS]()
    result.record(System.ERP, "E-101").update(first_names="JUAN", last_names="PEREZ")
    model = _model(Entity.CUSTOMERS, result)
    assert _row(model, "phone_differs")["Nombre (CRM / ERP)"] == "Juan Pérez"
    names = model.names_column()
    row = next(r for r in range(model.rowCount()) if model.finding(r).kind == "phone_differs")
    assert model.index(row, names).data(Qt.ItemDataRole.ToolTipRole) == (
        "CRM: Juan Pérez\nERP: JUAN PEREZ")


# -- one-sided rows read their record -------------------------------------------------------


def test_a_one_sided_row_shows_what_its_record_holds() -> None:
    customers = _model(Entity.CUSTOMERS)
    # «Falta Ciudad» on C-005 (no ERP twin): the CRM's city is what is missing.
    missing = _row(customers, "missing_city")
    assert (missing["En el CRM"], missing["En el ERP"]) == ("(sin dato)", "—")
    only = _row(customers, "only_in_crm")
    assert (only["En el CRM"], only["En el ERP"]) == ("Bogotá D.C. · 3001234567", "No existe")

    vehicles = _row(_model(Entity.VEHICLES), "only_in_erp")
    assert (vehicles["En el CRM"], vehicles["En el ERP"]) == (
        "No existe", "Mazda CX-30 2026 · En tránsito")
    payments = _row(_model(Entity.PAYMENTS), "crm_payment_without_receipt")
    assert (payments["En el CRM"], payments["En el ERP"]) == ("$\u00a01.200.000", "No existe")


def test_a_missing_field_on_a_linked_record_shows_the_other_systems_value() -> None:
    result = RESULTS[Entity.CUSTOMERS]()
    result.record(System.CRM, "C-001").update(city_code=None, city_name=None)
    result.mismatches = [m for m in result.mismatches if m.kind != "missing_city"]
    result.mismatches.append(Mismatch("missing_city", "C-001", "E-101", key="79123456",
                                      field="city_name", system=System.CRM))
    row = _row(_model(Entity.CUSTOMERS, result), "missing_city")
    assert (row["En el CRM"], row["En el ERP"]) == ("(sin dato)", "Bogotá D.C.")


def test_without_records_a_row_still_reads_what_the_finding_carries() -> None:
    model = FindingsModel(Entity.CUSTOMERS)
    model.set_findings(RESULTS[Entity.CUSTOMERS]().findings())  # no result: no records
    assert _row(model, "name_differs")["En el CRM"] == "Juan Pérez"
    assert _row(model, "missing_city")["En el CRM"] == "—"
    assert _row(model, "only_in_crm")["En el ERP"] == "No existe"


# -- search ---------------------------------------------------------------------------------


def test_search_finds_every_finding_about_a_person_by_name() -> None:
    proxy = _proxy(_model(Entity.CUSTOMERS))
    proxy.set_search("perez")
    assert sorted(_kinds(proxy)) == ["name_differs", "phone_differs"]
    proxy.set_search("PÉREZ GÓMEZ")  # the ERP's spelling, accents typed
    assert sorted(_kinds(proxy)) == ["name_differs", "phone_differs"]
    proxy.set_search("transportes andinos")
    assert _kinds(proxy) == ["only_in_erp"]


def test_search_looks_in_the_records_documents_phones_and_emails() -> None:
    proxy = _proxy(_model(Entity.CUSTOMERS))
    proxy.set_search("c-002@correo.co")  # an e-mail no column shows
    assert _kinds(proxy) == ["only_in_crm"]
    proxy.set_search("C-004@CORREO.CO")  # the second record of a duplicate group
    assert _kinds(proxy) == ["duplicate_key"]
    proxy.set_search("310 444 5566")  # a phone typed with spaces
    assert _kinds(proxy) == ["duplicate_key"]
    proxy.set_search("1020304050")  # a document
    assert _kinds(proxy) == ["missing_city"]
    proxy.set_search("900.123.456")  # a NIT typed with dots
    assert _kinds(proxy) == ["invalid_check_digit"]

    payments = _proxy(_model(Entity.PAYMENTS))
    payments.set_search("fv-003-457")  # the invoice of a record, not shown in the table
    assert len(_kinds(payments)) == payments.findings_model().rowCount()
    vehicles = _proxy(_model(Entity.VEHICLES))
    vehicles.set_search("901878080")  # the customer's document on the sold vehicle
    assert _kinds(vehicles) == ["sold_in_crm_available_in_erp"]


def test_search_still_ignores_what_is_nowhere() -> None:
    proxy = _proxy(_model(Entity.CUSTOMERS))
    proxy.set_search("zzz no existe")
    assert proxy.rowCount() == 0
    proxy.set_search("3001")  # digits: matched as typed, not as a number
    assert proxy.rowCount() > 0


def test_search_finds_what_is_already_done() -> None:
    model = _model(Entity.CUSTOMERS)
    proxy = _proxy(model)
    phone = next(r for r in range(model.rowCount()) if model.finding(r).kind == "phone_differs")
    model.set_marks({phone: Mark("Propuesta por Ana Ruiz el 02/03/2026", "#d99a00")})
    proxy.set_search("propuesta por ana")
    assert _kinds(proxy) == ["phone_differs"]
    model.set_marks({})
    assert proxy.rowCount() == 0  # the mark is gone, and the filter follows


# -- values never cut -----------------------------------------------------------------------


def test_tables_cut_values_in_the_middle_and_kinds_at_their_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = QTableView()
    qtbot.addWidget(view)
    setup_findings_view(view, "Diferencias")
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = _model(Entity.VEHICLES)
    view.setModel(model)
    delegate = view.itemDelegate()
    assert isinstance(delegate, ElidingDelegate)

    def elide_mode(column: int) -> Qt.TextElideMode:
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(0, column))
        return option.textElideMode  # type: ignore[attr-defined]

    assert " " in model.index(0, 0).data()  # a kind: words, cut at their end
    assert elide_mode(0) == Qt.TextElideMode.ElideRight
    assert elide_mode(model.column_of("VIN")) == Qt.TextElideMode.ElideMiddle
    # Every cell's tooltip is its whole value.
    vin = model.column_of("VIN")
    assert model.index(0, vin).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, vin).data()


def test_the_side_panel_never_cuts_a_vin_or_an_email_at_its_end(
        main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    tab = main_window.tab(Entity.CUSTOMERS)
    tab.select_row(next(r for r in range(tab.proxy.rowCount())
                        if tab.proxy.finding(tab.proxy.index(r, 0)).kind == "phone_differs"))
    table = tab.side_panel.table()
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    email = tab.side_panel.fields().index("email")
    assert table.item(email, 1).toolTip() == "c-001@correo.co"
    vehicles = main_window.tab(Entity.VEHICLES)
    main_window.tabs.setCurrentWidget(vehicles)
    vehicles.select_row(next(
        r for r in range(vehicles.proxy.rowCount())
        if vehicles.proxy.finding(vehicles.proxy.index(r, 0)).kind == "branch_differs"))
    vin_row = vehicles.side_panel.fields().index("vin")
    item = vehicles.side_panel.table().item(vin_row, 1)
    assert len(item.text()) == 17 and item.toolTip() == item.text()



def test_the_findings_table_paints_as_qt_itself_would(main_window: MainWindow) -> None:
    """The findings table paints and measures its cells itself (fast, for big tables): pixel
    for pixel what Qt's own painting shows — selected and alternate rows, amounts to the
    right, values cut in the middle and words at their end, a mark's square, the current
    cell's frame — and the widths its columns fit to."""
    main_window.load_report(make_report())
    for entity in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES):
        tab = main_window.tab(entity)
        main_window.tabs.setCurrentWidget(tab)
        assert isinstance(tab.view.itemDelegate(), FastTextDelegate)
        tab.model.set_marks({1: Mark("Propuesta por Ana Ruiz el 02/03/2026", "#d99a00")})
        tab.view.horizontalHeader().resizeSection(1, 45)  # a key cut in its middle
        tab.view.horizontalHeader().resizeSection(0, 70)  # a kind cut at its end
        tab.select_row(2)
        tab.view.setFocus()
        fast = tab.view.viewport().grab().toImage()
        # Columns fit to their content measure the same too.
        widths = [tab.view.sizeHintForColumn(c) for c in range(tab.proxy.columnCount())]
        tab.view.setItemDelegate(ElidingDelegate(tab.view))
        assert tab.view.viewport().grab().toImage() == fast, entity
        assert [tab.view.sizeHintForColumn(c) for c in range(tab.proxy.columnCount())] == widths
        # And a table fitted to its content gets Qt's own widths.
        header = tab.view.horizontalHeader()
        fit_columns(tab.view, 10_000, rows=200)
        qt = [header.sectionSize(c) for c in range(tab.proxy.columnCount())]
        tab.view.setItemDelegate(FastTextDelegate(tab.proxy.paint_cell, tab.view))
        fit_columns(tab.view, 10_000, rows=200)
        assert [header.sectionSize(c) for c in range(tab.proxy.columnCount())] == qt
        # A disabled table is painted in the palette's disabled colours, as Qt does.
        tab.view.setEnabled(False)
        fast = tab.view.viewport().grab().toImage()
        tab.view.setItemDelegate(ElidingDelegate(tab.view))
        assert tab.view.viewport().grab().toImage() == fast, entity
        tab.view.setEnabled(True)


# -- default order ----------------------------------------------------------------------------


def test_tabs_open_sorted_by_pesos_at_stake(main_window: MainWindow) -> None:
    main_window.load_report(make_report())
    for entity in (Entity.PAYMENTS, Entity.VEHICLES):
        tab = main_window.tab(entity)
        money = tab.model.money_column()
        header = tab.view.horizontalHeader()
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
            money, Qt.SortOrder.DescendingOrder)
        stakes = [tab.proxy.finding(tab.proxy.index(r, 0)).at_stake
                  for r in range(tab.proxy.rowCount())]
        present = [s for s in stakes if s is not None]
        assert present == sorted(present, reverse=True) and present
        assert stakes == present + [None] * (len(stakes) - len(present))
        assert tab.current_finding() is not None  # the first row, the biggest, is chosen
        assert tab.current_finding().at_stake == present[0]
    # Customers carry no pesos: the oldest first; with no saved run, no age: the engine's order.
    customers = main_window.tab(Entity.CUSTOMERS)
    header = customers.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        customers.model.age_column(), Qt.SortOrder.DescendingOrder)
    assert customers.model.findings() == make_report().results[Entity.CUSTOMERS].findings()


def test_the_same_pesos_put_the_oldest_finding_first() -> None:
    stake = Decimal("500000")
    findings = [
        Mismatch("amount_differs", f"P-{i}", f"R-{i}", key=f"RC-{i}", at_stake=a)
        for i, a in enumerate([stake, Decimal("9"), stake, None, stake])
    ]
    ages = {"RC-0": 3, "RC-2": 40, "RC-4": None, "RC-1": 1}
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(findings)
    money = model.money_column()
    model.set_ages(lambda m: ages.get(m.key or ""))
    proxy = _proxy(model)
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        proxy.sort(money, order)
        keys = [proxy.finding(proxy.index(r, 0)).key for r in range(proxy.rowCount())]
        same = [k for k in keys if k in ("RC-0", "RC-2", "RC-4")]
        assert same == ["RC-2", "RC-0", "RC-4"]  # 40 days, 3 days, age unknown
        assert keys[-1] == "RC-3"  # no pesos: last either way
    assert model.row_item(0).age is not None


def test_marks_show_beside_the_kind_and_in_their_column() -> None:
    model = _model(Entity.PAYMENTS)
    row = next(r for r in range(model.rowCount()) if model.finding(r).kind == "date_differs")
    model.set_marks({row: Mark("Aprobada por Carlos Mora el 03/03/2026", "#2f6fb3")})
    assert model.index(row, model.mark_column()).data() == (
        "Aprobada por Carlos Mora el 03/03/2026")
    assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole).name() == "#2f6fb3"
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Fecha distinta\nAprobada por Carlos Mora el 03/03/2026")
    other = (row + 1) % model.rowCount()
    assert model.index(other, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(other, model.mark_column()).data() == ""


def test_marks_on_scattered_rows_keep_qts_contract(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = _model(Entity.CUSTOMERS)
    proxy = _proxy(model)
    qtmodeltester.check(proxy)
    proxy.set_search("por ana")
    model.set_marks({0: Mark("Propuesta por Ana Ruiz el 02/03/2026", "#d99a00"),
                     1: Mark("Propuesta por Ana Ruiz el 02/03/2026", "#d99a00"),
                     4: Mark("Aprobada por Beatriz Díaz el 03/03/2026", "#2f6fb3")})
    assert proxy.rowCount() == 2
    assert {proxy.mapToSource(proxy.index(r, 0)).row() for r in range(2)} == {0, 1}
    qtmodeltester.check(proxy)
    model.set_marks({4: Mark("Propuesta por Ana Ruiz el 04/03/2026", "#d99a00")})
    assert [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())] == [4]


def test_an_unlinked_group_row_replaces_nothing(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    result = RESULTS[Entity.CUSTOMERS]()
    result.mismatches = [replace(m, crm_id="C-999") if m.kind == "only_in_crm" else m
                         for m in result.mismatches]  # a record the frame does not hold
    model = _model(Entity.CUSTOMERS, result)
    assert _row(model, "only_in_crm")["En el CRM"] == "—"
    qtmodeltester.check(model)
