"""«Enviar aprobadas» on the embedded demo: a correction proposed by one person and approved by
another reaches the demo database; a conflict shows both values and goes back to the queue;
cancel stops between items; a send left unconfirmed by a crash is checked first."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.demo import DemoFiles, demo_files, demo_task
from app.demo.connector import DemoCrm, DemoErp
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile.results import Report
from app.store.db import Store
from app.writeback import corrections, decisions, outbox
from app.writeback.proposals import Proposal
from app.writeback.values import shown
from ui.corrections.push_dialog import PushDialog, demo_systems
from ui.main_window import MainWindow

WAIT = 30_000


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """One generated demo and its reconciliation, shared; each test writes to a copy."""
    base = tmp_path_factory.mktemp("push-demo")
    return base, run(demo_task(data_dir=base))


@pytest.fixture
def demo(pristine: tuple[Path, Report], tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> DemoFiles:
    base, _report = pristine
    shutil.copytree(base / "demo", tmp_path / "demo")
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))  # the window's demo is this copy
    return demo_files(tmp_path)


@pytest.fixture
def window(qtbot, demo: DemoFiles, pristine: tuple[Path, Report],
           tmp_path: Path) -> Iterator[MainWindow]:
    w = MainWindow(store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.load_report(pristine[1])
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    s.set_user("ana")
    assert s.add_person("bea", "Beatriz Díaz", ["approver"]) is None
    yield w
    assert w.shutdown()


def _store(w: MainWindow) -> Store:
    assert w.decisions.store is not None
    return w.decisions.store


def pushable(report: Report, n: int) -> list[tuple[Any, Proposal]]:
    """``n`` findings of the demo's customers whose proposal can be sent (an ERP phone or
    e-mail, consent on record)."""
    result = report.results[Entity.CUSTOMERS]
    out = []
    for m in result.mismatches:
        if m.kind not in ("phone_differs", "email_differs"):
            continue
        p = decisions.proposal(result, m)
        if decisions.why_not(p) is None and p.target is System.ERP:
            out.append((m, p))
        if len(out) == n:
            return out
    raise AssertionError("the demo has too few pushable proposals")


def approve_all(w: MainWindow, proposals: list[Proposal]) -> list[str]:
    store = _store(w)
    ids = [v.id for p in proposals for v in decisions.propose(store, "ana", p)]
    for cid in ids:
        corrections.approve(store, "bea", cid)
    w.decisions.set_user("bea")
    return ids


def open_and_push(w: MainWindow, qtbot) -> PushDialog:
    dialog = w.open_push_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.running, timeout=WAIT)
    assert dialog.send_button.isEnabled()
    with qtbot.waitSignal(dialog.pushed, timeout=WAIT):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    return dialog


class Opened:
    """Connectors a test opened itself, as the systems a push writes to."""

    def __init__(self, connectors: Mapping[System, Any]) -> None:
        self.connectors = dict(connectors)

    def writable(self) -> dict[System, Any]:
        return self.connectors

    def unwritable(self) -> dict[System, str]:
        return {}


@contextmanager
def opened(connectors: Mapping[System, Any]) -> Iterator[Opened]:
    yield Opened(connectors)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()


def erp_value(demo: DemoFiles, source_id: str, field: str) -> Any:
    record = DemoErp(demo.erp).read(Entity.CUSTOMERS, source_id)
    assert record is not None
    return record[field]


def test_proposed_by_one_approved_by_another_pushed_to_the_demo(window: MainWindow, qtbot,
                                                                 demo: DemoFiles) -> None:
    [(finding, proposal)] = pushable(window.report, 1)  # type: ignore[arg-type]
    tab = window.tab(Entity.CUSTOMERS)
    window.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.finding(tab.proxy.index(r, 0)) == finding)
    tab.select_row(row)
    assert not window.push_action.isEnabled()  # nothing approved yet
    assert tab.proposal_panel.propose() is None  # ana proposes …
    window.decisions.set_user("bea")  # … bea approves
    queue = window.show_corrections()
    [item] = queue.items
    assert queue.approve() is None
    assert window.push_action.isEnabled()
    assert window.push_action.shortcut().toString() == "Ctrl+Shift+E"

    dialog = open_and_push(window, qtbot)
    change = proposal.changes[0]
    assert erp_value(demo, proposal.source_id or "", change.field) == change.proposed
    [line] = dialog.line_texts()
    assert line[:5] == ["ERP", "Clientes", proposal.source_id, "Teléfono" if change.field ==
                        "phone" else "Correo", "Aplicada"]
    assert "Envío: 1 aplicada." in dialog.summary_label.text()
    assert not dialog.resume_note.isVisible()
    # The dock shows it applied; nothing is left to send.
    assert queue.items[0].view.id == item.view.id
    assert cell(queue.table, 0, 0) == "Aplicada"
    assert not window.push_action.isEnabled()
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.total == 0, timeout=WAIT)
    assert not dialog.send_button.isEnabled()


def test_a_record_changed_after_approval_is_a_conflict_with_both_values(
        window: MainWindow, qtbot, demo: DemoFiles) -> None:
    found = pushable(window.report, 2)  # type: ignore[arg-type]
    ids = approve_all(window, [p for _m, p in found])
    assert len(ids) == 2
    changed = found[1][1]
    field = changed.changes[0].field
    column = {"phone": "telefono", "email": "email"}[field]
    someone_else = "3110000000" if field == "phone" else "otra.persona@correo.co"
    with sqlite3.connect(demo.erp) as conn:  # edited in the ERP between approval and push
        conn.execute(f"UPDATE terceros SET {column} = ? WHERE id = ?",
                     (someone_else, int(changed.source_id or "0")))

    dialog = open_and_push(window, qtbot)
    lines = {row[2]: row for row in dialog.line_texts()}
    assert lines[found[0][1].source_id or ""][4] == "Aplicada"
    conflict = lines[changed.source_id or ""]
    assert conflict[4] == "En conflicto"
    wanted = shown(field, changed.changes[0].proposed)
    assert f"Se quería «{wanted}»; el sistema tiene «{someone_else}»." in conflict[5]
    assert "Volvió a la cola de Correcciones" in conflict[5]
    assert "volvieron a la cola" in dialog.summary_label.text()
    assert erp_value(demo, changed.source_id or "", field) == someone_else  # never overwritten
    queue = window.show_corrections()
    states = {i.view.id: cell(queue.table, r, 0) for r, i in enumerate(queue.items)}
    conflict_id = next(v.id for v in corrections.listing(_store(window))
                       if v.source_id == changed.source_id)
    assert states[conflict_id] == "En conflicto"


def test_a_conflict_is_decided_again_approved_sent_and_then_undone(
        window: MainWindow, qtbot, demo: DemoFiles) -> None:
    """The whole after-push path in the «Correcciones» dock: the conflict row shows what the
    system holds; «Decidir de nuevo» (the proposer) puts it back as a proposal starting from
    that value; another person approves; it is sent; «Deshacer…» proposes the way back, which
    needs its own approval and restores the value the system had."""
    [(_m, proposal)] = pushable(window.report, 1)  # type: ignore[arg-type]
    [cid] = approve_all(window, [proposal])
    field, wanted = proposal.changes[0].field, proposal.changes[0].proposed
    column = {"phone": "telefono", "email": "email"}[field]
    someone_else = "3110000000" if field == "phone" else "otra.persona@correo.co"
    with sqlite3.connect(demo.erp) as conn:
        conn.execute(f"UPDATE terceros SET {column} = ? WHERE id = ?",
                     (someone_else, int(proposal.source_id or "0")))
    open_and_push(window, qtbot).close()
    queue = window.show_corrections()
    queue.select(cid)
    assert cell(queue.table, queue.table.currentRow(), 5).endswith(
        f"; el sistema tiene {someone_else}")
    assert not queue.redecide_button.isEnabled()  # bea approves; deciding again is a proposer's
    assert queue.reject_button.isEnabled()  # … but she could give it up for good

    window.decisions.set_user("ana")
    queue.select(cid)
    assert queue.redecide_button.isEnabled() and not queue.undo_button.isEnabled()
    assert queue.redecide() is None
    again = corrections.get(_store(window), cid)
    assert again.state == "proposed" and again.old_value == someone_else and again.new_value == wanted

    window.decisions.set_user("bea")
    queue.select(cid)
    assert queue.approve() is None
    open_and_push(window, qtbot).close()
    assert erp_value(demo, proposal.source_id or "", field) == wanted

    window.decisions.set_user("ana")
    queue.reload()
    queue.select(cid)
    assert queue.undo_button.isEnabled()
    assert queue.undo() is None
    [back] = [v for v in corrections.listing(_store(window)) if v.reverts == cid]
    assert back.state == "proposed" and back.new_value == someone_else
    window.decisions.set_user("bea")
    queue.reload()
    queue.select(back.id)
    assert queue.approve() is None
    open_and_push(window, qtbot).close()
    assert erp_value(demo, proposal.source_id or "", field) == someone_else


class GatedErp(DemoErp):
    """The demo ERP, whose first write waits until the test lets it go."""

    def __init__(self, path: Path, entered: threading.Event, release: threading.Event) -> None:
        super().__init__(path)
        self.entered, self.release = entered, release

    def apply(self, correction: Correction) -> Outcome:
        self.entered.set()
        assert self.release.wait(WAIT / 1000)
        return super().apply(correction)


def test_cancel_stops_between_items_and_leaves_the_rest_queued(
        window: MainWindow, qtbot, demo: DemoFiles) -> None:
    found = pushable(window.report, 3)  # type: ignore[arg-type]
    approve_all(window, [p for _m, p in found])
    entered, release = threading.Event(), threading.Event()
    dialog = PushDialog(window.decisions, lambda: opened({
        System.CRM: DemoCrm(demo.crm), System.ERP: GatedErp(demo.erp, entered, release)}),
                        "la demostración", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.running, timeout=WAIT)
    assert dialog.intro.text().startswith("Por enviar: 3 aprobada(s).")
    dialog.start()
    qtbot.waitUntil(entered.is_set, timeout=WAIT)
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    with qtbot.waitSignal(dialog.pushed, timeout=WAIT):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert "Cancelando" in dialog.status.text()
        release.set()
    report = dialog.report
    assert report is not None and report.summary is not None
    assert report.summary.cancelled and report.summary.remaining == 2
    assert [line[4] for line in dialog.line_texts()] == ["Aplicada"]
    assert "Cancelado: quedan 2 por enviar" in dialog.summary_label.text()
    assert dialog.status.text() == "Envío cancelado."
    assert [i.state for i in outbox.pending(_store(window))] == ["queued", "queued"]
    assert dialog.close_button.isEnabled()


class DownErp(DemoErp):
    """The demo ERP refusing the credentials: nothing is written, the push says why."""

    def apply(self, correction: Correction) -> Outcome:
        return Outcome(OutcomeStatus.FAILED, "auth", "El ERP rechazó las credenciales.")


def test_failed_items_are_retried_on_request(window: MainWindow, qtbot,
                                             demo: DemoFiles) -> None:
    [(_finding, proposal)] = pushable(window.report, 1)  # type: ignore[arg-type]
    approve_all(window, [proposal])
    tried: list[str] = []

    def connectors() -> Any:  # down the first time, back the second
        erp = DownErp(demo.erp) if not tried else DemoErp(demo.erp)
        tried.append(type(erp).__name__)
        return opened({System.CRM: DemoCrm(demo.crm), System.ERP: erp})

    dialog = PushDialog(window.decisions, connectors, "la demostración", window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.running, timeout=WAIT)
    with qtbot.waitSignal(dialog.pushed, timeout=WAIT):
        dialog.start()
    [line] = dialog.line_texts()
    assert line[4:] == ["Fallida", "El ERP rechazó las credenciales."]
    assert "Las fallidas se pueden reintentar." in dialog.summary_label.text()
    assert not dialog.retry_button.isHidden() and dialog.retry_button.isEnabled()
    with qtbot.waitSignal(dialog.pushed, timeout=WAIT):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert tried == ["DownErp", "DemoErp"]
    assert [row[4] for row in dialog.line_texts()] == ["Aplicada"]
    change = proposal.changes[0]
    assert erp_value(demo, proposal.source_id or "", change.field) == change.proposed
    assert dialog.retry_button.isHidden()


def test_a_send_left_unconfirmed_by_a_crash_is_checked_first(
        window: MainWindow, qtbot, demo: DemoFiles) -> None:
    [(_finding, proposal)] = pushable(window.report, 1)  # type: ignore[arg-type]
    approve_all(window, [proposal])
    store = _store(window)
    [item] = outbox.enqueue(store, "bea").items
    outbox.transition(store, item, "bea", "attempting", attempt=True)  # then the process died
    dialog = window.open_push_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.running, timeout=WAIT)
    assert dialog.resume_note.text() == ("Hay 1 envíos sin confirmar de una sesión anterior: se "
                                         "comprobarán primero.")
    with qtbot.waitSignal(dialog.pushed, timeout=WAIT):
        dialog.start()
    change = proposal.changes[0]
    assert erp_value(demo, proposal.source_id or "", change.field) == change.proposed
    assert [line[4] for line in dialog.line_texts()] == ["Aplicada"]


def test_the_push_goes_to_the_demo_in_the_data_folder(demo: DemoFiles) -> None:
    with demo_systems()() as systems:
        connectors = systems.writable()
        assert {s: c.path for s, c in connectors.items()} == {  # type: ignore[attr-defined]
            System.CRM: demo.crm, System.ERP: demo.erp}
