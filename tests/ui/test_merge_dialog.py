"""The merge dialog: opened from a duplicate group with «Fusionar…», a radio per record's value,
the surviving record previewed live, proposing through maker-checker, blocked with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_fakes import make_report

from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from app.writeback import corrections, merging
from ui.corrections.merge_dialog import MergeDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert w.shutdown()


def people(w: MainWindow, user: str = "ana") -> None:
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    s.set_user("ana")
    assert s.add_person("bea", "Beatriz Díaz", ["approver", "proposer"]) is None
    assert s.add_person("carlos", "Carlos Mora", ["approver"]) is None
    s.set_user(user)


def select(w: MainWindow, entity: Entity, kind: str) -> None:
    tab = w.tab(entity)
    w.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.finding(tab.proxy.index(r, 0)).kind == kind)
    tab.select_row(row)


def open_dialog(w: MainWindow, qtbot, entity: Entity = Entity.CUSTOMERS) -> MergeDialog:  # type: ignore[no-untyped-def]
    select(w, entity, "duplicate_key")
    panel = w.tab(entity).proposal_panel
    assert panel.merge_button.isVisible() and panel.merge_button.isEnabled()
    dialog = panel.merge_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_fusionar_is_offered_for_duplicate_groups_only(window: MainWindow) -> None:
    window.load_report(make_report())
    people(window)
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    select(window, Entity.CUSTOMERS, "phone_differs")
    assert not panel.merge_button.isVisible()
    select(window, Entity.CUSTOMERS, "duplicate_key")
    assert panel.merge_button.isVisible() and panel.merge_button.text() == "&Fusionar…"
    assert "Fusionar…" in panel.status.text()
    # Duplicate receipts are never merged: no button on the payments tab.
    select(window, Entity.PAYMENTS, "duplicate_key")
    assert not window.tab(Entity.PAYMENTS).proposal_panel.merge_button.isVisible()
    select(window, Entity.VEHICLES, "duplicate_key")
    assert window.tab(Entity.VEHICLES).proposal_panel.merge_button.isVisible()


def test_a_radio_choice_changes_the_preview_and_propose_creates_the_merge(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    people(window)
    dialog = open_dialog(window, qtbot)
    survivor = dialog.context.proposal.survivor
    other = next(i for i in dialog.context.proposal.ids if i != survivor)
    names = dialog.results["first_names"]
    default = dialog.plan.surviving["first_names"]
    assert names.text() == default and not names.property("changed")
    assert dialog.radios[("first_names", survivor)].isChecked()
    assert "no cambia ningún campo" in dialog.sentence.text()

    qtbot.mouseClick(dialog.radios[("first_names", other)], Qt.MouseButton.LeftButton)
    wanted = dialog.context.records[other]["first_names"]
    assert wanted != default
    assert names.text() == wanted and names.property("changed") is True
    assert "cambia 1 campo" in dialog.sentence.text()
    assert dialog.plan.request.changes == {"first_names": wanted}
    assert "Se conserva la autorización de datos de" in dialog.consent.text()
    assert "no hay nada que reasignar" in dialog.related.text()

    assert dialog.propose_button.isEnabled()
    dialog.comment.setText("misma cédula, dos contactos")
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    store = window.decisions.store
    assert store is not None
    [made] = corrections.listing(store)
    assert (made.kind, made.state, made.proposer, made.source_id) == (
        "merge", "proposed", "ana", survivor)
    assert merging.request_of(made).changes == {"first_names": wanted}
    assert corrections.comments(store, made.id)[0][3] == "misma cédula, dos contactos"
    assert window.status_label.text().startswith("Fusión propuesta")

    # The queue shows it readably, and another person approves it there.
    queue = window.show_corrections()
    assert queue.table.item(0, 4).text() == "Fusión"
    assert queue.table.item(0, 5).text() == (f"Fusión de 2 registros en {survivor} "
                                             f"(se va {other}; cambia 1 campo)")
    assert not queue.approve_button.isEnabled()
    window.decisions.set_user("bea")
    assert queue.approve() is None
    assert corrections.get(store, made.id).state == "approved"

    # A second dialog for the same group cannot propose it again.
    again = open_dialog(window, qtbot)
    assert not again.propose_button.isEnabled()
    assert "Ya hay una fusión de estos registros en curso (aprobada)" in again.reason.text()


def test_a_group_with_a_claim_is_blocked_with_the_reason(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    result = report.results[Entity.CUSTOMERS]
    assert result.crm is not None
    result.crm.loc[result.crm["source_id"] == "C-004", "claim_in_progress"] = True
    window.load_report(report)
    people(window)
    dialog = open_dialog(window, qtbot)
    assert not dialog.propose_button.isEnabled()
    assert dialog.reason.isVisible() and "reclamo en trámite" in dialog.reason.text()
    assert dialog.propose_button.toolTip() == dialog.reason.text()
    assert "Bloqueada:" in dialog.sentence.text()
    assert dialog.propose() is not None
    assert corrections.listing(window.decisions.store) == []  # type: ignore[arg-type]


def test_without_the_proposer_role_the_button_says_why(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    people(window, user="carlos")
    dialog = open_dialog(window, qtbot, Entity.VEHICLES)
    assert not dialog.propose_button.isEnabled()
    assert dialog.reason.text() == "Su usuario no tiene el rol de proponer."


def test_the_dialog_is_used_with_the_keyboard(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    people(window)
    dialog = open_dialog(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    survivor = dialog.context.proposal.survivor
    # The first field's checked value has the focus; the arrows take another record's value.
    focused = QApplication.focusWidget()
    field = next(f for (f, s), r in dialog.radios.items() if r is focused)
    other = next(i for i in dialog.context.proposal.ids if i != survivor)
    assert dialog.radios[(field, survivor)].isChecked()
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    assert dialog.radios[(field, other)].isChecked()
    assert dialog.choices[field] == other
    # Tab goes on to the next field's group, and on to the comment and the buttons.
    seen = set()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert dialog.comment in seen and dialog.propose_button in seen
