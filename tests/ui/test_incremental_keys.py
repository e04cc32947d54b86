"""F5 reconciles reading only what changed; Shift+F5 reads everything again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ui.main_window import MainWindow


def test_shift_f5_asks_for_a_full_run_and_f5_for_an_incremental_one(main_window: MainWindow,
                                                                     qtbot) -> None:
    asked: list[bool] = []
    main_window.start_demo = lambda reset=False, full=False: asked.append(full)  # type: ignore[method-assign]
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    assert main_window.full_action.shortcut() == QKeySequence("Shift+F5")
    assert main_window.reconcile_action.shortcut() == QKeySequence("F5")
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    qtbot.keyClick(main_window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert asked == [False, True]


def test_the_status_bar_says_how_the_sources_were_read(main_window: MainWindow) -> None:
    from ui_fakes import make_report

    from app.domain.schema import Entity, System
    from app.reconcile.incremental import Pull

    report = make_report()
    report.pulls = [Pull(System.CRM, Entity.CUSTOMERS, "incremental", 3, 7),
                    Pull(System.ERP, Entity.CUSTOMERS, "incremental", 2, 7, 1)]
    main_window.load_report(report)
    text = main_window.status_label.text()
    assert text.endswith(" · lectura incremental: 5 registros leídos (solo lo cambiado)")
    assert "CRM · Clientes: incremental, 3 registros leídos de 7" in main_window.status_label.toolTip()
    report.pulls = [Pull(System.CRM, Entity.CUSTOMERS, "full", 7, 7, reason="x")]
    main_window.load_report(report)
    assert main_window.status_label.text().endswith(" · lectura completa")
