"""«Exportar datos del titular» (Ley 1581): from the button on Clientes or the menu, a JSON file
with everything Cuadre holds about one document — both systems' records, the findings, and the
workspace's corrections and audit rows about them — written off the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_fakes import make_report

from app.domain.schema import Entity
from app.writeback.subject import FORMAT
from ui.main_window import MainWindow

WAIT = 20_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    w = MainWindow(store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    w.show_info = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    s.set_user("ana")
    yield w
    assert w.shutdown()


def select(w: MainWindow, kind: str) -> None:
    tab = w.tab(Entity.CUSTOMERS)
    w.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.finding(tab.proxy.index(r, 0)).kind == kind)  # type: ignore[union-attr]
    tab.select_row(row)


def read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_customers_button_exports_the_person_with_their_corrections(
        window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.load_report(make_report())
    select(window, "phone_differs")  # C-001 ↔ E-101, cédula 79123456
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    panel.comment.setText("Confirmado con el cliente")
    assert panel.propose() is None
    button = window.tab(Entity.CUSTOMERS).subject_button
    assert button is not None and button.isEnabled()
    assert "79123456" in button.toolTip()
    offered: list[str] = []
    target = tmp_path / "salida" / "titular.json"
    target.parent.mkdir()

    def ask(default_name: str) -> Path | None:
        offered.append(default_name)
        return target

    window.ask_save_path = ask  # type: ignore[method-assign]
    with qtbot.waitSignal(window.subjectExported, timeout=WAIT) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [target]
    assert offered == [f"titular_79123456_{date.today().isoformat()}.json"]
    assert window.status_label.text() == f"Datos del titular exportados a {target}."

    data = read(target)
    assert (data["format"], data["doc_number"]) == (FORMAT, "79123456")
    assert [r["source_id"] for r in data["systems"]["crm"]["customers"]] == ["C-001"]
    assert [r["source_id"] for r in data["systems"]["erp"]["customers"]] == ["E-101"]
    assert {f["kind"] for f in data["findings"]} >= {"phone_differs", "name_differs"}
    [correction] = data["corrections"]
    assert (correction["system"], correction["source_id"], correction["field"],
            correction["state"]) == ("erp", "E-101", "phone", "proposed")
    assert (correction["old"], correction["new"]) == ("3009999999", "3001234567")
    assert correction["comments"][0]["text"] == "Confirmado con el cliente"
    [audit] = data["audit"]
    assert (audit["action"], audit["actor"], audit["correction_id"]) == (
        "propose", "ana", correction["id"])
    assert audit["at"].endswith("+00:00")


def test_the_menu_asks_for_the_document_and_someone_else_has_nothing_of_hers(
        window: MainWindow, qtbot, tmp_path: Path) -> None:
    assert not window.subject_action.isEnabled()  # nothing reconciled yet
    assert window.export_subject("79123456") is False
    assert "Concilie primero" in window.status_label.text()
    window.load_report(make_report())
    select(window, "phone_differs")
    assert window.tab(Entity.CUSTOMERS).proposal_panel.propose() is None
    assert window.subject_action.isEnabled()
    window.ask_document = lambda: "43.555.666"  # type: ignore[method-assign]
    window.ask_save_path = lambda default_name: tmp_path / default_name  # type: ignore[method-assign]
    with qtbot.waitSignal(window.subjectExported, timeout=WAIT) as blocker:
        window.subject_action.trigger()
    path = blocker.args[0]
    assert path.name == f"titular_43555666_{date.today().isoformat()}.json"
    data = read(path)
    assert [r["source_id"] for r in data["systems"]["crm"]["customers"]] == ["C-002"]
    assert data["corrections"] == [] and data["audit"] == []  # Juan's correction is not hers

    window.ask_document = lambda: "no sé"  # type: ignore[method-assign]
    assert window.export_subject() is False
    assert window.status_label.text() == "«no sé» no es un número de documento."
