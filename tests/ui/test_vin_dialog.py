"""«¿Dónde está este VIN?» (Ctrl+L): a VIN or its tail, Enter → both systems side by side, the
count, the open findings (Enter on one shows it in its tab); a shared tail lists the VINs;
«Actualizar» reads the VIN live on the worker, with progress and cancel."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from ui_fakes import make_report

from app.connections.systems import DEMO_WORKSPACE, Demo, open_systems, reconcile_systems
from app.domain.schema import Entity
from app.findings.keys import finding_key
from app.progress import CancelToken, Progress, Task, run
from app.reconcile.results import Report
from app.writeback.workspace import open_workspace
from ui.vin.vin_dialog import VinDialog

WAIT = 30_000


@pytest.fixture(scope="module")
def demo() -> Report:
    return run(reconcile_systems(Demo()))


@pytest.fixture
def store(tmp_path: Path, demo: Report):  # type: ignore[no-untyped-def]
    from app.writeback.people import add_person
    from app.writeback.runs import save_run

    opened = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite'}").store
    assert opened is not None
    add_person(opened, None, "admin", "Administración", ["admin"])
    save_run(opened, "admin", demo, "demo", DEMO_WORKSPACE)
    yield opened
    opened.close()


def demo_opener():  # type: ignore[no-untyped-def]
    return lambda: open_systems(Demo())


@pytest.fixture
def dialog(qtbot, store) -> Iterator[VinDialog]:  # type: ignore[no-untyped-def]
    d = VinDialog(store, DEMO_WORKSPACE, demo_opener)
    qtbot.addWidget(d)
    d.show()
    yield d
    assert d.shutdown()


def ask(qtbot, d: VinDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    d.vin_edit.setText(text)
    d.vin_edit.setFocus()
    with qtbot.waitSignal(d.answered, timeout=WAIT):
        qtbot.keyClick(d.vin_edit, Qt.Key.Key_Return)


def texts(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_enter_shows_both_systems_and_enter_on_a_finding_asks_for_its_tab(qtbot, dialog, demo):
    m = next(x for x in demo[Entity.VEHICLES].mismatches
             if x.kind == "sold_in_crm_available_in_erp")
    ask(qtbot, dialog, m.key[-8:])
    assert dialog.isVisible()  # Enter looked up; it did not close the dialog
    assert dialog.answer is not None and dialog.answer.vin == m.key
    assert m.key in dialog.source_label.text() and "Demostración" in dialog.source_label.text()
    sides = dialog.sides
    heads = [sides.horizontalHeaderItem(c).text() for c in range(sides.columnCount())]
    assert heads == [f"CRM {m.crm_id}", f"ERP {m.erp_id}"]
    assert texts(sides, 0)[0] == "Vendido" and texts(sides, 1)[0] == "Disponible"
    assert "no aparece" in dialog.count_label.text()
    assert dialog.findings.rowCount() == 1
    assert dialog.findings.item(0, 1).text() == "Vendido en CRM, disponible en ERP"
    dialog.findings.setFocus()
    dialog.findings.setCurrentCell(0, 0)
    with qtbot.waitSignal(dialog.findingChosen) as chosen:
        qtbot.keyClick(dialog.findings, Qt.Key.Key_Return)
    assert chosen.args == ["vehicles", dialog.answer.findings[0].id]


def test_a_shared_tail_lists_the_vins_and_choosing_one_looks_it_up(qtbot, dialog, store):
    from collections import defaultdict

    from sqlalchemy import select

    from app.store.models import RunVinRow

    with store.read() as session:
        every = list(session.scalars(select(RunVinRow.vin)))
    by_tail = defaultdict(set)
    for vin in every:
        by_tail[vin[-6:]].add(vin)
    tail, both = next((t, sorted(v)) for t, v in sorted(by_tail.items()) if len(v) > 1)
    ask(qtbot, dialog, tail)
    assert dialog.answer is None and dialog.matches.isVisible()
    assert texts(dialog.matches, 0) == both
    assert "escriba más caracteres" in dialog.source_label.text()
    dialog.matches.setCurrentCell(1, 0)
    with qtbot.waitSignal(dialog.answered, timeout=WAIT):
        qtbot.keyClick(dialog.matches, Qt.Key.Key_Return)
    assert dialog.answer is not None and dialog.answer.vin == both[1]
    assert not dialog.matches.isVisible()


def test_an_unknown_vin_says_so(qtbot, dialog):
    ask(qtbot, dialog, "ZZZZZZZZ")
    assert dialog.answer is None
    assert "Ningún VIN es ni termina en «ZZZZZZZZ»" in dialog.source_label.text()
    assert dialog.sides.rowCount() == 0


def test_actualizar_reads_the_vin_live(qtbot, dialog, demo):
    m = next(x for x in demo[Entity.VEHICLES].mismatches
             if x.kind == "reserved_for_other_customer")
    ask(qtbot, dialog, m.key[-8:])
    saved = dialog.answer
    with qtbot.waitSignal(dialog.answered, timeout=WAIT):
        qtbot.mouseClick(dialog.live_button, Qt.MouseButton.LeftButton)
    assert dialog.answer is not None and dialog.answer.live_at is not None
    assert "leído en vivo" in dialog.source_label.text()
    assert saved is not None and dialog.answer.records == saved.records
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible()


class _Endless:
    """A system that never finishes reading (until cancelled)."""

    def pull_task(self, system, entity, cancel: CancelToken | None = None) -> Task[None]:  # type: ignore[no-untyped-def]
        while True:
            if cancel is not None:
                cancel.check()
            time.sleep(0.01)
            yield Progress(f"pull_{entity.value}", 0, 0)


def test_a_live_read_shows_progress_and_can_be_cancelled(qtbot, store):
    d = VinDialog(store, DEMO_WORKSPACE, lambda: (lambda: nullcontext(_Endless())))
    qtbot.addWidget(d)
    d.show()
    d.vin_edit.setText("9GASJ69R2TP075153")
    d.live_button.click()
    qtbot.waitUntil(lambda: d.cancel_button.isVisible() and d.progress.isVisible())
    qtbot.waitUntil(lambda: "Leyendo" in d.source_label.text())
    assert not d.live_button.isEnabled() and not d.search_button.isEnabled()
    with qtbot.waitSignal(d.runner.cancelled, timeout=WAIT):
        d.cancel_button.click()
    assert d.source_label.text() == "Lectura cancelada."
    assert d.live_button.isEnabled() and not d.cancel_button.isVisible()
    assert d.shutdown()


def test_ctrl_l_opens_it_and_a_finding_opens_in_its_tab(qtbot, window):
    session = window.decisions
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    session.set_user("ana")  # someone works: the reconciliation is saved as a run
    with qtbot.waitSignal(window.reportLoaded, timeout=WAIT):
        window.start_demo()
    assert window.vin_action in window.view_menu.actions()
    assert window.vin_action.shortcut() == QKeySequence("Ctrl+L")
    window.vin_action.trigger()
    dialog = window.findChild(VinDialog)
    assert isinstance(dialog, VinDialog)
    ask(qtbot, dialog, "tp075153")
    assert dialog.answer is not None and dialog.answer.vin == "9GASJ69R2TP075153"
    assert [f.kind for f in dialog.answer.findings] == ["sold_in_crm_available_in_erp"]
    inventory = window.tab(Entity.VEHICLES)
    inventory.set_kind("branch_differs")  # a filter that hides it: cleared to show it
    dialog.findings.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is inventory
    current = inventory.current_finding()
    assert current is not None and current.kind == "sold_in_crm_available_in_erp"
    assert finding_key(Entity.VEHICLES, current) == finding_key(
        Entity.VEHICLES, make_report()[Entity.VEHICLES].mismatches[0])
    assert not window.show_vin_finding("vehicles", "0" * 32)
    dialog.shutdown()
    dialog.close()
