"""Fixtures for the window tests; the fakes they use live in ``ui_fakes``."""

from __future__ import annotations

import pytest
from ui_fakes import make_report

from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report

# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def main_window(qtbot):  # type: ignore[no-untyped-def]
    """A MainWindow whose demo is a quick fake; its worker thread is stopped at the end."""
    from ui.main_window import MainWindow

    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    window = MainWindow(demo_factory=fake_demo)
    window.show_error = lambda message: None  # no dialog in tests; errorShown still fires
    qtbot.addWidget(window)
    window.resize(1440, 900)
    yield window
    assert window.shutdown(), "a task thread was still running at the end of the test"


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """A MainWindow on the fake demo with its workspace store in ``tmp_path``, shown; a test
    module that needs people or another report overrides it (asking for this one)."""
    from ui.main_window import MainWindow

    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # no dialog in tests; errorShown still fires
    qtbot.addWidget(w)
    w.show()
    yield w
    assert w.shutdown(), "a task thread was still running at the end of the test"


@pytest.fixture(autouse=True)
def _people_prove_who_they_are(people_secrets):  # type: ignore[no-untyped-def]
    """Every window test's people have remembered their passphrase on this computer
    (``people_secrets``, tests/conftest.py), as the window's «Usuario» needs since issue 17."""
    return people_secrets
