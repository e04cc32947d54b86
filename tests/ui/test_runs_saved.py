"""Every reconciliation the window runs is saved as a run of its workspace (the dashboard's
trend), when a store is open and the person working may save runs; never otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_fakes import make_report

from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from app.writeback import runs
from ui.main_window import MainWindow
from ui.reconcile.profile_picker import demo_label


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    yield w
    assert w.shutdown()


def _reconcile(w: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.reportLoaded, timeout=20000):
        w.start_demo()


def test_each_reconciliation_becomes_a_run_of_the_workspace(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.decisions
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    session.set_user("ana")
    _reconcile(window, qtbot)
    _reconcile(window, qtbot)
    assert session.store is not None
    saved = runs.runs(session.store, demo_label())
    assert len(saved) == 2
    assert {r.actor for r in saved} == {"ana"}
    expected = sum(count for result in make_report().results.values()
                   for _, count, _ in result.summary())
    assert saved[0].findings == expected > 0


def test_an_auditor_or_nobody_reconciles_without_saving(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.decisions
    _reconcile(window, qtbot)  # nobody signed in
    assert session.add_person("ana", "Ana Ruiz", ["admin"]) is None
    session.set_user("ana")
    assert session.add_person("dora", "Dora Gil", ["auditor"]) is None
    session.set_user("dora")
    _reconcile(window, qtbot)
    assert session.store is not None
    assert runs.runs(session.store) == []
