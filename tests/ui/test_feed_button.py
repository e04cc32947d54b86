"""«Feed de anuncios…» beside the «Quedan…» line: the save dialog's file type picks the format,
the file is written off the GUI thread, and what was left out is said."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.demo import demo_task
from app.progress import CancelToken, Progress, Task, run
from app.reconcile.results import Report
from ui.dashboard.feed_export import FILTERS
from ui.main_window import MainWindow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    folder = tmp_path_factory.mktemp("feed-demo")
    return run(demo_task(data_dir=folder)), folder


@pytest.fixture
def window(qtbot, demo, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    report, folder = demo
    monkeypatch.setenv("CUADRE_DATA_DIR", str(folder))  # where the demo's feed settings are

    def demo_factory(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return report

    w = MainWindow(demo_factory=demo_factory, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.reportLoaded, timeout=60_000):
        w.start_demo()
    tab = w.dashboard_tab
    with qtbot.waitSignal(tab.computed, timeout=60_000):
        w.tabs.setCurrentWidget(tab)
    tab.views.setCurrentWidget(tab.stock_view)
    yield w
    assert w.shutdown()


def _dialog(monkeypatch, path: Path | None, fmt: str) -> list[tuple[Any, ...]]:
    """The save dialog answers ``path`` with the file type of ``fmt``; what it was asked."""
    asked: list[tuple[Any, ...]] = []
    wanted = next(text for code, text in FILTERS if code == fmt)

    def answer(*args: Any) -> tuple[str, str]:
        asked.append(args)
        filters = args[3].split(";;")
        chosen = next(f for f, (code, _t) in zip(filters, FILTERS, strict=True) if code == fmt)
        assert chosen == wanted  # Spanish session: the texts as written
        return (str(path) if path else "", chosen)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


@pytest.mark.parametrize("fmt", ["meta", "csv"])
def test_the_button_writes_the_feed_off_the_gui_thread(qtbot, window, monkeypatch, tmp_path,
                                                       fmt):
    tab = window.dashboard_tab
    view = tab.stock_view
    button = view.feed_button
    assert button.isEnabled() and button.isVisible()
    assert button.text() == "Feed de an&uncios…"
    out = tmp_path / f"feed_{fmt}"  # no extension: .csv is added
    asked = _dialog(monkeypatch, out, fmt)
    with qtbot.waitSignal(tab.feed.written, timeout=30_000) as written:
        button.click()
        assert tab.feed.runner.running or written.signal_triggered  # the GUI thread went on
    assert len(asked) == 1
    result = written.args[0]
    target = out.with_suffix(".csv")
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(result.rows) > 10
    assert ("vehicle_id" in rows[0]) == (fmt == "meta")
    said = view.feed_outcome.text()
    assert said.startswith(f"Feed escrito en {target}: ") and view.feed_outcome.isVisible()
    box = window.findChild(QMessageBox, "feedBox")
    assert box is not None and box.isVisible()
    if fmt == "meta":
        assert result.omitted and "vehículos omitidos" in said
        assert "sin foto (image_link)" in box.detailedText()
        assert "Quedan " in box.detailedText()
    box.close()


def test_cancelling_the_dialog_writes_nothing(qtbot, window, monkeypatch, tmp_path):
    tab = window.dashboard_tab
    _dialog(monkeypatch, None, "google")
    assert tab.export_feed() == "No se escribió el feed."
    assert not tab.feed.runner.running
    assert tab.stock_view.feed_outcome.text() == "No se escribió el feed."
    assert list(tmp_path.glob("*.csv")) == []


def test_a_bad_settings_file_is_said_not_raised(qtbot, window, monkeypatch, tmp_path, demo):
    settings = demo[1] / "demo" / "feed.json"
    saved = settings.read_text("utf-8")
    settings.write_text('{"condition": "seminuevo"}', "utf-8")
    try:
        _dialog(monkeypatch, tmp_path / "g.csv", "google")
        tab = window.dashboard_tab
        with qtbot.waitSignal(tab.feed.message, timeout=30_000,
                              check_params_cb=lambda t: t.startswith("No se escribió")):
            tab.stock_view.feed_button.click()
        assert "condition" in tab.stock_view.feed_outcome.text()
        assert not (tmp_path / "g.csv").exists()
    finally:
        settings.write_text(saved, "utf-8")
        box = window.findChild(QMessageBox, "feedBox")
        if box is not None:
            box.close()
