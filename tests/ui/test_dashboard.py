"""«Tablero»: the insight views on the real demo (its known answers), recomputing when a spin
box changes, «Crear seguimientos» through a real SQLite workspace store, the trend of saved
runs, and a dashboard table exported as shown."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt

from app.demo import demo_files, demo_task
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress, Task, run
from app.reconcile.results import Report
from app.writeback import corrections
from app.writeback.followups import followup_id
from ui.common import formatting as fmt
from ui.dashboard.dashboard_tab import DashboardTab
from ui.main_window import MainWindow
from ui.reconcile.profile_picker import demo_label


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict[str, Any]]:
    """The demo reconciled once for the module, and the generator's known answers."""
    folder = tmp_path_factory.mktemp("tablero-demo")
    report = run(demo_task(data_dir=folder))
    truth = json.loads(demo_files(folder).truth.read_text("utf-8"))["insights"]
    return report, truth


def _window(qtbot, demo: tuple[Report, dict[str, Any]], url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    report = demo[0]

    def demo_factory(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return report

    w = MainWindow(demo_factory=demo_factory, store_url=url)
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, demo, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window on the demo with a SQLite workspace store: Ana proposes (and administers),
    Beatriz approves."""
    w = _window(qtbot, demo, f"sqlite:///{tmp_path / 'tablero.sqlite'}")
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    s.set_user("ana")
    assert s.add_person("bea", "Beatriz Díaz", ["approver"]) is None
    yield w
    assert w.shutdown()


def _reconcile(w: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.reportLoaded, timeout=60_000):
        w.start_demo()


def _open(w: MainWindow, qtbot) -> DashboardTab:  # type: ignore[no-untyped-def]
    """Reconcile, then look at «Tablero»: that is when its insights are computed."""
    _reconcile(w, qtbot)
    tab = w.dashboard_tab
    assert tab.insights is None  # not computed while no one looks at it
    with qtbot.waitSignal(tab.computed, timeout=60_000):
        w.tabs.setCurrentWidget(tab)
    return tab


def _cells(table: Any, header: str) -> list[Any]:
    """The display text of one column, in the order shown."""
    column = table.model.column_of(header)
    proxy = table.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_the_tablero_tab_is_last_and_shows_the_demo_known_answers(
        qtbot, window: MainWindow, demo) -> None:  # type: ignore[no-untyped-def]
    report, truth = demo
    tab = _open(window, qtbot)
    titles = window.tab_titles()
    assert titles[-1] == "Tablero"
    assert [t.split(" (")[0] for t in titles[:4]] == ["Clientes", "Pagos", "Inventario",
                                                     "Conteo físico"]
    insights = tab.insights
    assert insights is not None
    assert tab.as_of.text() == "Datos al 20/11/2026"
    window.tabs.setCurrentIndex(0)
    window.dashboard_action.trigger()  # Ver › Tablero (Ctrl+Shift+T)
    assert window.current_tab() is tab

    # Resumen: every finding of the report, by kind and branch, with the pesos at stake.
    summary = tab.summary_view
    total = sum(n for result in report.results.values() for _, n, _ in result.summary())
    shown = _cells(summary.table, "Diferencias")
    assert sum(int(n.replace(".", "")) for n in shown) == total
    assert summary.summary.text().startswith(f"{fmt.count(total)} diferencias · $")
    assert "Diferencias por tipo y sede" in summary.chart.texts()

    # Seguimientos: what is due in the next 30 days, by kind; the not-allowed ones greyed.
    followups = tab.followups_view
    due = followups.table.shown()
    assert Counter(d.kind for d in due) == Counter(truth["followups_due"])
    for kind, vins in truth["followups_due_vins"].items():
        assert sorted(d.vin for d in due if d.kind == kind) == vins
    blocked = [d for d in due if not d.contact_allowed]
    assert len(blocked) == truth["followups_blocked"]
    kinds = _cells(followups.table, "Tipo")
    assert "Aniversario de entrega" in kinds and "Renovación del SOAT" in kinds
    row = next(r for r in range(followups.table.proxy.rowCount())
               if not followups.table.proxy.item(followups.table.proxy.index(r, 0))
               .contact_allowed)
    colour = followups.table.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour is not None  # greyed
    covered = truth["followups_covered"]
    assert f"{covered} ya tienen seguimiento en el CRM" in followups.summary.text()
    assert followups.chart.texts()

    # Embudo: per source, only what the ERP invoiced counts as a sale.
    funnel = tab.funnel_view
    rows = {r.source: r for r in funnel.table.shown()}
    assert set(rows) == set(truth["funnel"])
    for source, known in truth["funnel"].items():
        r = rows[source]
        assert (r.leads, r.deals, r.sold_crm, r.invoiced, r.paid) == (
            known["leads"], known["deals"], known["sold_crm"], known["invoiced"], known["paid"])
        assert r.revenue == Decimal(known["revenue"])
    n = truth["sold_not_invoiced"]
    assert funnel.not_counted.text() == (
        f"{n} ventas marcadas como vendidas en el CRM sin factura en el ERP no se cuentan.")
    assert funnel.table.view.isColumnHidden(1) and funnel.table.view.isColumnHidden(2)

    # Inventario: the slow movers, and the units per model for a campaign.
    stock = tab.stock_view
    assert sorted(i.vin for i in stock.items.shown() if i.slow) == truth["slow_movers"]
    available = {f"{m.make} {m.model}": m.available for m in stock.models.shown()}
    assert {k: v for k, v in available.items() if v} == truth["available_by_model"]
    top = max(truth["available_by_model"].items(), key=lambda kv: kv[1])
    assert stock.campaign.text().startswith(f"Quedan {top[1]} {top[0]},")

    # Renovación: the customers seeded as obvious renewals are in the top ten, with reasons.
    renewal = tab.renewal_view
    top_ten = [c.customer_doc for c in renewal.table.shown()[:10]]
    assert set(truth["renewal_seeded"]) <= set(top_ten)
    first = renewal.table.shown()[0]
    assert renewal.current() == first
    assert first.reasons[0].sentence in renewal.detail.text()


def test_a_spin_box_or_the_grouping_recomputes(qtbot, window: MainWindow, demo) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    assert tab.insights is not None
    before = len(tab.insights.followups.due)

    with qtbot.waitSignal(tab.computed, timeout=60_000):
        tab.followups_view.window_spin.setValue(90)
    assert tab.insights.followups.window_days == 90
    assert len(tab.followups_view.table.shown()) == len(tab.insights.followups.due) > before

    # Typing "30" in a spin box passes through "3": one computation, after the last change.
    stock = tab.stock_view
    stock.slow_spin.setValue(3)
    stock.slow_spin.setValue(30)
    assert tab._timer.isActive() and not tab.running
    with qtbot.waitSignal(tab.computed, timeout=60_000):
        pass
    assert tab.insights.stock.slow_days == 30
    slow = [i for i in stock.items.shown() if i.slow]
    assert len(slow) > len(demo[1]["slow_movers"])
    assert all(i.days is not None and i.days > 30 for i in slow)
    assert "más de 30 días" in stock.summary.text()
    stock.only_slow.setChecked(True)
    assert {i.vin for i in stock.items.shown()} == {i.vin for i in slow}

    funnel = tab.funnel_view
    with qtbot.waitSignal(tab.computed, timeout=60_000):
        funnel.group_combo.setCurrentIndex(funnel.group_combo.findText("Origen y sede"))
    assert tab.insights.funnel.by == ("source", "branch")
    assert not funnel.table.view.isColumnHidden(1) and funnel.table.view.isColumnHidden(2)
    assert all(r.branch for r in funnel.table.shown())


def test_crear_seguimientos_proposes_through_the_store_and_skips_the_not_allowed(
        qtbot, window: MainWindow, demo) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    view = tab.followups_view
    due = view.table.shown()
    allowed = [d for d in due if d.contact_allowed]
    blocked = [d for d in due if not d.contact_allowed]
    assert allowed and blocked
    button = view.create_button
    assert button.isEnabled()
    assert button.text() == f"&Crear seguimientos ({len(allowed)})"

    session = window.decisions
    with qtbot.waitSignal(session.runner.finished, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    store = session.store
    assert store is not None
    made = corrections.listing(store)
    assert len(made) == len(allowed)
    assert {(c.entity, c.system, c.state, c.proposer) for c in made} == {
        (Entity.FOLLOWUPS.value, System.CRM, "proposed", "ana")}
    assert sorted(c.workspace for c in made) == [demo_label()] * len(allowed)
    text = view.outcome.text()
    assert text.startswith(f"{len(allowed)} seguimientos propuestos. Esperan la aprobación de "
                           "otra persona en «Correcciones» y se envían al CRM con «Enviar "
                           "aprobadas».")
    assert f"{len(blocked)} no se propusieron:" in text
    assert window.status_label.text() == text

    # The same again: nothing new (each follow-up stands once); a second person approves one.
    with qtbot.waitSignal(session.runner.finished, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(corrections.listing(store)) == len(allowed)
    assert view.outcome.text().startswith("No se propuso ningún seguimiento.")
    assert "Ya hay un seguimiento igual propuesto" in view.outcome.text()
    approved = corrections.approve(store, "bea", made[0].id)
    assert approved.state == "approved"


def test_crear_seguimientos_proposes_only_the_selected_rows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    table = tab.followups_view.table
    rows = [r for r in range(table.proxy.rowCount())
            if table.proxy.item(table.proxy.index(r, 0)).contact_allowed][:2]
    rows += [r for r in range(table.proxy.rowCount())
             if not table.proxy.item(table.proxy.index(r, 0)).contact_allowed][:1]
    selection = table.view.selectionModel()
    for r in rows:
        selection.select(table.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    assert tab.followups_view.create_button.text() == "&Crear seguimientos (2)"
    with qtbot.waitSignal(window.decisions.runner.finished, timeout=60_000):
        assert tab.create_followups() is None
    assert window.decisions.store is not None
    made = corrections.listing(window.decisions.store)
    chosen = [table.proxy.item(table.proxy.index(r, 0)) for r in rows[:2]]
    assert sorted(c.source_id for c in made) == sorted(followup_id(d) for d in chosen)
    assert "1 no se propuso:" in tab.followups_view.outcome.text()


def test_crear_seguimientos_says_why_it_cannot(qtbot, window: MainWindow, demo) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    button = tab.followups_view.create_button
    session = window.decisions
    assert session.add_person("olga", "Olga Pardo", ["auditor"]) is None
    session.set_user("olga")
    assert not button.isEnabled()
    assert button.toolTip() == "Su usuario no tiene el rol de proponer."
    session.set_user(None)
    assert not button.isEnabled()
    assert button.toolTip() == "Elija primero quién trabaja (Usuario, en la barra de herramientas)."
    assert tab.create_followups() == button.toolTip()  # forced anyway: refused, nothing written
    assert session.store is not None
    assert corrections.listing(session.store) == []


def test_without_a_store_the_button_is_disabled_with_the_reason(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, demo, "esto no es una dirección")
    try:
        tab = _open(w, qtbot)
        assert w.decisions.store is None
        button = tab.followups_view.create_button
        assert not button.isEnabled()
        assert button.toolTip() == w.decisions.error
        assert button.toolTip().startswith("La dirección del almacén de trabajo no es válida")
        # No store, no saved runs: the trend says when it appears.
        assert tab.summary_view.trend_stack.currentWidget() is tab.summary_view.no_trend
    finally:
        assert w.shutdown()


def test_the_trend_appears_once_runs_are_saved(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.decisions.set_user(None)  # nobody signed in: the reconciliation is not saved
    tab = _open(window, qtbot)
    summary = tab.summary_view
    assert summary.trend_stack.currentWidget() is summary.no_trend
    assert summary.no_trend.text().startswith("La tendencia aparece cuando haya conciliaciones "
                                              "guardadas")
    assert summary.summary.text().endswith("sin conciliaciones guardadas")

    window.decisions.set_user("ana")  # now each reconciliation is saved as a run
    for _ in range(2):
        with qtbot.waitSignal(tab.computed, timeout=60_000):
            _reconcile(window, qtbot)  # the tab is on screen: computed again at once
    assert summary.trend_stack.currentWidget() is summary.trend_chart
    assert summary.summary.text().endswith("2 conciliaciones guardadas")
    assert "Tendencia de las conciliaciones guardadas" in summary.trend_chart.texts()


def test_a_dashboard_table_exports_as_shown(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    view = tab.funnel_view
    window.tabs.setCurrentWidget(tab)
    tab.views.setCurrentWidget(view)
    path = tmp_path / "embudo.xlsx"
    with qtbot.waitSignal(window.table_exporter.exported, timeout=20_000):
        assert window.table_exporter.export_view(view.table.view, path)
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows())
    assert rows[0][0].value == "Tablero — Embudo por origen"
    assert rows[1][0].value == "Filtros: Agrupado por: Origen"
    at = next(i for i, r in enumerate(rows) if r[0].value == "Origen")
    header = [c.value for c in rows[at]]
    assert "Sede" not in header and "Mes" not in header  # hidden when not grouped by them
    data = [r for r in rows[at + 1:] if r[0].value]
    shown = view.table.shown()
    assert [r[0].value for r in data] == [f.source for f in shown]
    conversion = header.index("Conversión")
    assert data[0][conversion].number_format == "0.0%"
    # Issue 15: the conversion is exact (rounded once, where it is shown); a spreadsheet holds
    # it as a double.
    assert data[0][conversion].value == pytest.approx(float(shown[0].conversion), rel=1e-15)
    revenue = header.index("Ingresos facturados")
    assert Decimal(str(data[0][revenue].value)) == shown[0].revenue


def test_the_corrections_queue_and_the_audit_view_export_through_the_same_action(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = _open(window, qtbot)
    allowed = [d for d in tab.followups_view.table.shown() if d.contact_allowed]
    with qtbot.waitSignal(window.decisions.runner.finished, timeout=60_000):
        assert tab.create_followups() is None
    exporter = window.table_exporter

    queue = window.show_corrections()
    queue.set_filters(state="proposed")
    path = tmp_path / "cola.xlsx"
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as blocker:
        assert exporter.export_view(queue.table, path)
    assert blocker.args[1] == len(allowed)
    rows = [[c.value for c in r] for r in load_workbook(path).worksheets[0].iter_rows()]
    assert rows[0][0] == "Correcciones"
    assert rows[1][0] == "Filtros: Estado: Propuesta"
    header = next(r for r in rows if r[0] == "Estado")
    assert header[:3] == ["Estado", "Entidad", "Sistema"]

    audit = window.open_audit()
    qtbot.waitUntil(lambda: audit.page is not None and not audit.loading, timeout=20_000)
    path = tmp_path / "auditoria.xlsx"
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as blocker:
        assert exporter.export_view(audit.view, path)
    assert blocker.args[1] == audit.proxy.rowCount() >= len(allowed)
    assert load_workbook(path).worksheets[0]["A1"].value == "Auditoría"
    menu = exporter.context_menu(audit.view)  # the dialog's table has the action too
    assert [a.text().split("\t")[0] for a in menu.actions()] == ["E&xportar a Excel…"]
    menu.deleteLater()
    audit.close()
