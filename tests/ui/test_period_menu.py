"""Ver › «Cierre del periodo…» (Ctrl+Shift+P) opens the period dialog on the workspace shown,
for the person working; it follows a change of person, and without anybody working it is off
with the reason in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ui.period.period_dialog import PeriodDialog


def test_the_period_action_needs_someone_working(window, qtbot):  # type: ignore[no-untyped-def]
    action = window.period_action
    assert action in window.view_menu.actions()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+P")
    window._update_write_actions()
    assert not action.isEnabled()
    assert "quién trabaja" in action.toolTip()
    session = window.decisions
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    session.set_user("ana")
    assert action.isEnabled()


def test_it_opens_the_dialog_for_the_person_working(window, qtbot):  # type: ignore[no-untyped-def]
    session = window.decisions
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    session.set_user("ana")
    assert session.add_person("luis", "Luis Mora", ["approver"]) is None
    with qtbot.waitSignal(window.reportLoaded, timeout=20000):
        window.start_demo()
    window.activateWindow()
    window.period_action.trigger()
    dialog = window.findChild(PeriodDialog)
    assert isinstance(dialog, PeriodDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowModality() != Qt.WindowModality.NonModal
    assert dialog.login == "ana"
    session.set_user("luis")
    assert dialog.login == "luis"
    dialog.shutdown()
    dialog.close()
