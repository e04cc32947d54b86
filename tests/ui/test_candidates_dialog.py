"""«Conciliar a mano…» (issue 15, item 3) through the window: the finding on top, the other
system's records ranked with their reasons (off the GUI thread), the live difference as the
selection changes, only the reasons that fit it, «Conciliar» disabled with its reason until
the match is valid; 1:1 with a bank fee, undone, then n:1 from two receipts selected in the
table — stored, audited, shown as manual, and honoured after F5 (the report shown is the one
saved, the matched rows kept and marked «Conciliada a mano»)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from ui_fakes import _payment, wait_life

from app.audit.query import rows as audit_rows
from app.domain.schema import Entity, System, frame
from app.findings import FindingState
from app.findings.views import FindingView, findings
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import EntityResult, Mismatch, Report
from app.writeback import runs
from ui.main_window import MainWindow
from ui.reconcile.candidates_dialog import CandidatesDialog
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.profile_picker import demo_label

STAMP = datetime(2026, 3, 2, 14, 32, tzinfo=UTC)
DAY = date(2026, 3, 2)
BRANCH = "Bogotá - Autopista Norte"


def loose_payments() -> Report:
    """CRM P9 (invoice FEB-100, $ 1.000.000) has no receipt; the ERP has receipts without a
    CRM payment: A ($ 995.000, a bank fee less), S1 + S2 ($ 600.000 + $ 400.000, the same
    invoice split) and Z (nothing in common)."""
    def crm(i: str, amount: str, **extra: object) -> dict:
        return _payment(i, f"RC-{i}", amount, DAY, BRANCH, invoice_number="FEB-100", **extra)

    crm_rows = [crm("P9", "1000000")]
    erp_rows = [crm("A", "995000"), crm("S1", "600000"), crm("S2", "400000"),
                _payment("Z", "RC-Z", "7000000", date(2026, 4, 30), "Cali - Pasoancho",
                         invoice_number="FEB-999", customer_doc="1")]
    mismatches = [Mismatch("crm_payment_without_receipt", "P9", None, key="RC-P9",
                           crm_amount=Decimal("1000000"), at_stake=Decimal("1000000"),
                           branch=BRANCH, system=System.CRM)]
    for row in erp_rows:
        mismatches.append(Mismatch(
            "erp_receipt_without_crm_payment", None, row["source_id"],
            key=row["receipt_number"], erp_amount=row["amount"], at_stake=row["amount"],
            branch=row["branch"], system=System.ERP))
    result = EntityResult(entity=Entity.PAYMENTS, links=[], duplicates=[],
                          mismatches=mismatches, crm=frame(Entity.PAYMENTS, crm_rows),
                          erp=frame(Entity.PAYMENTS, erp_rows))
    return Report(started_at=STAMP, finished_at=STAMP,
                  sources={"crm": "CRM de prueba", "erp": "ERP de prueba"},
                  results={Entity.PAYMENTS: result})


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return loose_payments()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.show()
    assert w.decisions.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    w.decisions.set_user("ana")
    yield w
    assert w.shutdown()


def reconcile(w: MainWindow, qtbot) -> EntityTab:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(w.reportLoaded, timeout=20000):
        w.start_demo()
    wait_life(w, qtbot)
    tab = w.entity_tabs[Entity.PAYMENTS]
    w.tabs.setCurrentWidget(tab)
    return tab


def select(tab: EntityTab, *ids: str) -> None:
    model, flags = tab.view.selectionModel(), QItemSelectionModel.SelectionFlag
    model.clearSelection()
    picked = [r for r in range(tab.proxy.rowCount())
              if (f := tab.proxy.finding(tab.proxy.index(r, 0))) is not None
              and (f.crm_id or f.erp_id) in ids]
    assert len(picked) == len(ids), ids
    model.setCurrentIndex(tab.proxy.index(picked[0], 0), flags.ClearAndSelect | flags.Rows)
    for r in picked[1:]:
        model.select(tab.proxy.index(r, 0), flags.Select | flags.Rows)


def open_dialog(tab: EntityTab, qtbot) -> CandidatesDialog:  # type: ignore[no-untyped-def]
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.finding_actions.dialog
    assert isinstance(dialog, CandidatesDialog)
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=10000)
    assert not dialog.busy.isVisible()
    return dialog


def records(dialog: CandidatesDialog) -> list[str]:
    return [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]


def pick(dialog: CandidatesDialog, *names: str) -> None:
    dialog.table.clearSelection()
    for r, text in enumerate(records(dialog)):
        if text.split()[-1] in names:
            dialog.table.selectRow(r)


def saved(w: MainWindow) -> dict[str, FindingView]:
    assert w.decisions.store is not None
    return {(*v.crm_ids, *v.erp_ids)[0]: v
            for v in findings(w.decisions.store, demo_label(), entity=Entity.PAYMENTS)}


def audited(w: MainWindow) -> list[str]:
    assert w.decisions.store is not None
    return [e.action for e in audit_rows(w.decisions.store)]


def state_of(tab: EntityTab, source_id: str) -> str | None:
    column = tab.model.column_of("Estado")
    for r in range(tab.proxy.rowCount()):
        f = tab.proxy.finding(tab.proxy.index(r, 0))
        if f is not None and (f.crm_id or f.erp_id) == source_id:
            return str(tab.proxy.index(r, column).data())
    return None


def test_candidates_ranked_live_difference_and_reasons_that_fit(window, qtbot):  # type: ignore[no-untyped-def]
    tab = reconcile(window, qtbot)
    select(tab, "P9")
    dialog = open_dialog(tab, qtbot)
    assert "P9" in dialog.findChild(type(dialog.why_label), "panelTitle").text()
    assert records(dialog) == ["ERP A", "ERP S1", "ERP S2"]  # Z shares nothing of substance
    first = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert first[2] == "RC-A · FEB-100" and first[6].replace("\xa0", " ") == "$ 5.000"
    assert "misma factura" in first[7] and "mismo cliente" in first[7]
    assert int(first[0]) > int(dialog.table.item(1, 0).text())

    assert not dialog.match_button.isEnabled()
    assert dialog.why_label.text() == "Elija al menos un candidato del otro sistema."
    # The keyboard picks: the first candidate is current, Space takes it.
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert [v.erp_ids for v in dialog.picked()] == [("A",)]
    assert "diferencia $ 5.000" in dialog.totals_label.text().replace("\xa0", " ")
    reasons = [dialog.reason_combo.itemData(i) for i in range(dialog.reason_combo.count())]
    assert reasons == ["bank_fee", "withholding"]  # $ 5.000 is more than a rounding
    assert dialog.reason_combo.isEnabled()
    assert "comentario" in dialog.match_button.toolTip()
    pick(dialog, "A", "S1")  # $ 1.595.000 against $ 1.000.000: not the same money
    assert not dialog.reason_combo.isEnabled()
    assert "no son el mismo dinero" in dialog.why_label.text()
    pick(dialog, "S1", "S2")  # the invoice split in two: no difference, no reason
    assert "diferencia $ 0" in dialog.totals_label.text().replace("\xa0", " ")
    assert not dialog.reason_combo.isEnabled()
    dialog.comment_edit.setPlainText("Pago partido en dos recibos")
    assert dialog.match_button.isEnabled() and dialog.why_label.text() == ""
    dialog.reject()


def test_match_one_to_one_with_a_bank_fee_then_undo(window, qtbot):  # type: ignore[no-untyped-def]
    tab = reconcile(window, qtbot)
    select(tab, "P9")
    dialog = open_dialog(tab, qtbot)
    pick(dialog, "A")
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("bank_fee"))
    dialog.comment_edit.setPlainText("El banco cobró la comisión")
    with qtbot.waitSignal(dialog.matched, timeout=10000):
        dialog.match_button.click()
    found = saved(window)
    assert found["P9"].state is found["A"].state is FindingState.MATCHED
    assert found["P9"].match_id == found["A"].match_id is not None
    assert "finding_matched" in audited(window)
    assert state_of(tab, "P9") == state_of(tab, "A") == "Conciliada a mano"
    select(tab, "P9")
    assert "Conciliada a mano por Ana Ruiz el" in tab.life_panel.status_text()
    assert tab.finding_actions.unmatch_action.isEnabled()
    assert not tab.finding_actions.match_action.isEnabled()

    tab.finding_actions.unmatch_action.trigger()
    qtbot.waitUntil(lambda: not tab.finding_actions.runner.running, timeout=10000)
    found = saved(window)
    assert found["P9"].state is found["A"].state is FindingState.OPEN
    assert "finding_unmatched" in audited(window)
    assert state_of(tab, "A") == "Abierta"


def test_n_to_one_from_the_table_and_honoured_after_f5(window, qtbot):  # type: ignore[no-untyped-def]
    tab = reconcile(window, qtbot)
    select(tab, "S1", "S2")  # two receipts of one system: n:1
    dialog = open_dialog(tab, qtbot)
    assert records(dialog) == ["CRM P9"]
    pick(dialog, "P9")
    assert "diferencia $ 0" in dialog.totals_label.text().replace("\xa0", " ")
    dialog.comment_edit.setPlainText("Un pago, dos recibos")
    with qtbot.waitSignal(dialog.matched, timeout=10000):
        dialog.match_button.click()
    found = saved(window)
    assert {found[i].state for i in ("P9", "S1", "S2")} == {FindingState.MATCHED}
    assert found["A"].state is FindingState.OPEN

    tab = reconcile(window, qtbot)  # F5: the report shown is the one saved
    assert window.decisions.store is not None
    assert runs.latest_run(window.decisions.store, demo_label()).findings == 2
    # Matched by hand, the store keeps them: marked, not vanished, and not counted.
    assert state_of(tab, "A") == "Abierta"
    assert state_of(tab, "P9") == state_of(tab, "S1") == "Conciliada a mano"
    assert tab.finding_count() == 2 and window.tabs.tabText(1) == "Pagos (2)"
    select(tab, "S1")
    assert "Conciliada a mano por Ana Ruiz el" in tab.life_panel.status_text()
    assert tab.finding_actions.unmatch_action.isEnabled()
    report = window.report
    assert report is not None
    manual = [(link.crm_id, link.erp_id) for link in report.results[Entity.PAYMENTS].links
              if link.method == "manual"]
    assert manual == [("P9", "S1"), ("P9", "S2")]
    assert saved(window)["P9"].state is FindingState.MATCHED  # still matched in the store
