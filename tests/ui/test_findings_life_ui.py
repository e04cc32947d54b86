"""The findings' life in the window (issue 15, items 2 and 5): «Estado» and «Responsable»
beside «Antigüedad», filters by state, owner and age that survive F5 with the sort and the
selection, and «Asignar a…», «Explicar…», «Reabrir» on the selected findings — through the
real widgets, off the GUI thread, checked in the store and the audit trail; a refusal is a
Spanish sentence in the panel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog
from ui_fakes import make_report, wait_life

from app.audit.query import rows as audit_rows
from app.domain.schema import Entity
from app.findings import FindingState
from app.findings.views import findings
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from app.writeback.workspace import Store
from ui.main_window import MainWindow
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.finding_actions import SHORTCUTS
from ui.reconcile.life_dialogs import AssignDialog, ExplainDialog
from ui.reconcile.profile_picker import demo_label


@pytest.fixture
def window(window: MainWindow) -> Iterator[MainWindow]:
    """conftest's window, with people: Ana works (admin, proposer), Luis approves, Dora audits."""
    w = window
    session = w.decisions
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    session.set_user("ana")
    assert session.add_person("luis", "Luis Mora", ["approver"]) is None
    assert session.add_person("dora", "Dora Gil", ["auditor"]) is None
    yield w


def reconcile(w: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.reportLoaded, timeout=20000):
        w.start_demo()
    wait_life(w, qtbot)


def shown(w: MainWindow, entity: Entity, qtbot) -> EntityTab:  # type: ignore[no-untyped-def]
    """The tab of ``entity``, in sight, its states read (off the GUI thread, when it comes
    into sight)."""
    tab = w.entity_tabs[entity]
    w.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.life_ready, timeout=20000)
    return tab


def store_of(w: MainWindow) -> Store:
    assert w.decisions.store is not None
    return w.decisions.store


def column(tab: EntityTab, header: str) -> list[str]:
    c = tab.model.column_of(header)
    return [tab.proxy.index(r, c).data() for r in range(tab.proxy.rowCount())]


def select(tab: EntityTab, *keys: str) -> None:
    """Select the rows whose finding has one of ``keys`` (the first current)."""
    assert tab.select_keys([]) is False
    model = tab.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    first = True
    for r in range(tab.proxy.rowCount()):
        finding = tab.proxy.finding(tab.proxy.index(r, 0))
        if finding is not None and finding.key in keys:
            index = tab.proxy.index(r, 0)
            if first:
                model.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                first = False
            else:
                model.select(index, flags.Select | flags.Rows)
    assert not first, keys


def finish(tab: EntityTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.finding_actions.runner.running, timeout=10000)


def by_record(w: MainWindow) -> dict[tuple[str, ...], object]:
    return {(*v.crm_ids, *v.erp_ids): v
            for v in findings(store_of(w), demo_label(), entity=Entity.PAYMENTS)}


def actions_of(w: MainWindow) -> list[str]:
    return [e.action for e in audit_rows(store_of(w))]


def test_state_owner_and_age_columns_come_from_the_saved_run(window, qtbot):  # type: ignore[no-untyped-def]
    reconcile(window, qtbot)
    tab = shown(window, Entity.PAYMENTS, qtbot)
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(tab.model.columnCount())]
    at = headers.index("Antigüedad")
    assert headers[at - 2:at + 1] == ["Estado", "Responsable", "Antigüedad"]
    assert set(column(tab, "Estado")) == {"Abierta"}
    assert set(column(tab, "Responsable")) == {"—"}
    assert set(column(tab, "Antigüedad")) == {"0 días"}
    assert "Abierta" in tab.life_panel.status_text()
    # The actions are in the table's context menu, with their shortcuts.
    menu = tab.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[:5] == ["&Asignar a…", "&Explicar…", "&Reabrir", "&Conciliar a mano…",
                         "&Deshacer conciliación a mano"]
    assert any("Excel" in t for t in texts)
    assert tab.finding_actions.assign_action.shortcut().toString() == SHORTCUTS["assign"]


def test_assign_explain_reopen_through_the_window(window, qtbot):  # type: ignore[no-untyped-def]
    reconcile(window, qtbot)
    tab = shown(window, Entity.PAYMENTS, qtbot)
    select(tab, "RC-0002", "RC-0003")
    assert tab.finding_actions.assign_action.isEnabled()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.finding_actions.dialog
    assert isinstance(dialog, AssignDialog)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("luis"))
    dialog.comment_edit.setPlainText("Revisar con tesorería")
    dialog.ok_button.click()
    finish(tab, qtbot)
    saved = by_record(window)
    assert saved[("P-2",)].assignee == saved[("R-3",)].assignee == "luis"
    assert saved[("P-2",)].state is FindingState.ASSIGNED
    assert actions_of(window).count("finding_assigned") == 2
    states = dict(zip(column(tab, "Tipo"), column(tab, "Responsable"), strict=True))
    assert list(states.values()).count("Luis Mora") == 2
    assert "Luis Mora" in tab.life_panel.status_text()

    # «Explicar…»: a comment is required before the button works.
    select(tab, "RC-0002")
    tab.finding_actions.explain_action.trigger()
    explain = tab.finding_actions.dialog
    assert isinstance(explain, ExplainDialog)
    assert not explain.ok_button.isEnabled() and "comentario" in explain.why_label.text()
    explain.reason_combo.setCurrentIndex(explain.reason_combo.findData("in_transit"))
    explain.comment_edit.setPlainText("Consignado el viernes, llega el lunes")
    assert explain.ok_button.isEnabled()
    explain.ok_button.click()
    finish(tab, qtbot)
    view = by_record(window)[("P-2",)]
    assert (view.state, view.reason, view.comment) == (
        FindingState.EXPLAINED, "in_transit", "Consignado el viernes, llega el lunes")
    assert "finding_explained" in actions_of(window)
    assert "Pago en tránsito — Consignado el viernes" in tab.life_panel.status_text()

    # Filters: state, owner, age — and they, the sort and the selection survive F5.
    states = tab.life_filters.state_combo
    states.setCurrentIndex(states.findData("explained"))
    assert column(tab, "Estado") == ["Explicada"]
    states.setCurrentIndex(0)
    owners = tab.life_filters.owner_combo
    owners.setCurrentIndex(owners.findData("luis"))
    assert sorted(column(tab, "Estado")) == ["Asignada", "Explicada"]
    owners.setCurrentIndex(owners.findText("Sin asignar"))
    assert set(column(tab, "Responsable")) == {"—"} and tab.proxy.rowCount() > 0
    owners.setCurrentIndex(owners.findText("Yo"))  # Ana has none
    assert tab.proxy.rowCount() == 0
    owners.setCurrentIndex(owners.findData("luis"))
    tab.view.sortByColumn(tab.model.column_of("Estado"), Qt.SortOrder.AscendingOrder)
    select(tab, "RC-0003")
    reconcile(window, qtbot)
    assert owners.currentData() == "luis"
    assert column(tab, "Estado") == ["Asignada", "Explicada"]  # read again, still sorted
    assert tab.view.horizontalHeader().sortIndicatorSection() == tab.model.column_of("Estado")
    current = tab.current_finding()
    assert current is not None and current.key == "RC-0003"
    ages = tab.life_filters.age_combo
    ages.setCurrentIndex(ages.findData(7))
    assert tab.proxy.rowCount() == 0  # all seen today
    ages.setCurrentIndex(0)

    # «Reabrir» takes the explained one back to its owner.
    select(tab, "RC-0002")
    tab.finding_actions.reopen_action.trigger()
    finish(tab, qtbot)
    view = by_record(window)[("P-2",)]
    assert (view.state, view.reason) == (FindingState.ASSIGNED, None)
    assert "finding_reopened" in actions_of(window)
    assert sorted(column(tab, "Estado")) == ["Asignada", "Asignada"]


def test_a_refusal_is_a_spanish_sentence_not_a_traceback(window, qtbot):  # type: ignore[no-untyped-def]
    reconcile(window, qtbot)
    tab = shown(window, Entity.PAYMENTS, qtbot)
    window.decisions.set_user("dora")  # an auditor only reads
    select(tab, "RC-0002")
    tab.finding_actions.reopen_action.setEnabled(True)
    tab.finding_actions.explain_action.trigger()
    explain = tab.finding_actions.dialog
    assert isinstance(explain, ExplainDialog)
    explain.comment_edit.setPlainText("Ya se revisó")
    explain.ok_button.click()
    finish(tab, qtbot)
    message = tab.life_panel.message_label.text()
    assert "«dora» no puede explicar hallazgos" in message
    assert "Traceback" not in message
    assert by_record(window)[("P-2",)].state is FindingState.OPEN
    assert "finding_explained" not in actions_of(window)


def test_nobody_working_no_actions(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'x.sqlite'}")
    qtbot.addWidget(w)
    reconcile(w, qtbot)
    tab = shown(w, Entity.PAYMENTS, qtbot)
    tab.select_row(0)
    assert not any(a.isEnabled() for a in tab.finding_actions.actions())
    assert "Usuario" in tab.finding_actions.assign_action.toolTip()
    assert set(column(tab, "Estado")) == {"—"}
    assert "Sin seguimiento" in tab.life_panel.status_text()
    assert w.shutdown()


def test_assign_dialog_lists_only_people_who_work(window, qtbot):  # type: ignore[no-untyped-def]
    reconcile(window, qtbot)
    tab = shown(window, Entity.CUSTOMERS, qtbot)
    tab.select_row(0)
    tab.finding_actions.assign_action.trigger()
    dialog = tab.finding_actions.dialog
    assert isinstance(dialog, AssignDialog)
    logins = [dialog.person_combo.itemData(i) for i in range(dialog.person_combo.count())]
    assert logins == ["ana", "luis"]  # not the auditor
    assert dialog.login() == "ana"  # the person working, by default
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "finding_assigned" not in actions_of(window)


def test_the_states_are_read_off_the_gui_thread(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.reconcile import life_reader

    reconcile(window, qtbot)
    tab = shown(window, Entity.PAYMENTS, qtbot)
    qtbot.waitUntil(lambda: not tab._life_reader.running, timeout=10000)
    assert set(column(tab, "Estado")) == {"Abierta"}
    states = tab.life_filters.state_combo
    states.setCurrentIndex(states.findData("open"))
    select(tab, "RC-0003")
    calls = []

    def nothing_read(store, workspace, entity, token):  # type: ignore[no-untyped-def]
        calls.append(entity)
        return life_reader.LifeData(token)

    monkeypatch.setattr(life_reader, "read_life", nothing_read)
    with qtbot.waitSignal(tab._life_reader.loaded, timeout=10000):
        reconcile(window, qtbot)
    assert calls  # read again after F5, on the worker
    assert tab.proxy.rowCount() == 0  # nothing read is open: the filter holds
    monkeypatch.undo()
    with qtbot.waitSignal(tab._life_reader.loaded, timeout=10000):
        reconcile(window, qtbot)
    assert set(column(tab, "Estado")) == {"Abierta"}
    current = tab.current_finding()
    assert current is not None and current.key == "RC-0003"  # the selection came back
