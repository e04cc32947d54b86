"""«Cierre del periodo» in the window (issue 15, item 4): pick a month, an entity and a branch,
see what is still loose, certify it (who proposes, only once nothing is loose, the reason on
screen otherwise), sign it off as another person who approves, and reopen it with a comment —
through the widgets, each call on the dialog's worker, checked in the store and its audit; a
refusal by the engine is shown in Spanish."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from support.proposals import erp_pay, pay, report

from app.audit import verify
from app.findings import work
from app.findings.periods import certify, periods, reopen
from app.findings.views import findings
from app.store import open_store
from app.store.models import AuditRow
from app.writeback.people import add_person
from app.writeback.runs import save_run
from ui.period.period_dialog import PeriodDialog, open_period_dialog

WS = "Concesionario Norte"
CALI = "Cali - Pasoancho"


@pytest.fixture
def store(tmp_path):
    """March 2026 saved twice: P2 ($ 900.000) paid at last (resolved); receipt 9 ($ 700.000,
    Bogotá) and P4 ($ 300.000, Cali) still loose."""
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4)),
               pay("P4", receipt="RC-4", invoice="FEC-4", amount="300000",
                   paid=date(2026, 3, 28), branch=CALI)]
        erp = [erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="700000",
                       paid=date(2026, 3, 5))]
        paid = [*erp, erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000",
                              paid=date(2026, 3, 4))]
        save_run(opened, "ana", report(payments=(crm, erp)), "prueba", WS)
        save_run(opened, "ana", report(payments=(crm, paid)), "prueba", WS)
        yield opened


def _of(store, record):
    return next(v for v in findings(store, WS, resolved=True)
                if record in (*v.crm_ids, *v.erp_ids))


def _settle(store):
    work.explain(store, "ana", WS, _of(store, "9").id, "typo", "Recibo de otro negocio")
    work.explain(store, "ana", WS, _of(store, "P4").id, "in_transit", "Consignación del 31")


def _open(qtbot, store, login, workspace=WS) -> PeriodDialog:
    dialog = PeriodDialog(store, workspace, login)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def _click(qtbot, dialog, button):
    assert button.isEnabled(), dialog.why_label.text()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _trail(store):
    from sqlalchemy import select

    with store.read() as session:
        return [(r.action, r.actor, r.comment) for r in session.scalars(
            select(AuditRow).where(AuditRow.action.startswith("period_", autoescape=True))
            .order_by(AuditRow.seq))]


def test_certify_sign_off_and_reopen_through_the_widgets(qtbot, store):
    dialog = _open(qtbot, store, "ana")
    assert dialog.choice() == ("2026-03", "payments", "")  # the last month with findings
    assert dialog.loose_table.rowCount() == 2
    assert "3 hallazgos en el periodo; 2 sin explicar" in dialog.loose_label.text()
    assert not dialog.certify_button.isEnabled()
    assert "No se puede certificar: 2 hallazgos siguen sin explicar" in dialog.why_label.text()
    assert dialog.state_label.text() == "Estado del periodo: sin certificar."

    _settle(store)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.reload(dialog.choice())
    assert dialog.loose_table.rowCount() == 0
    assert "ninguno suelto" in dialog.loose_label.text()
    dialog.comment_edit.setText("Marzo cuadrado")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        _click(qtbot, dialog, dialog.certify_button)
    [made] = periods(store, WS)
    assert (made.state, made.certified_by, made.comment) == ("certified", "ana", "Marzo cuadrado")
    assert "Periodo Pagos 2026-03, todas las sedes certificado" in dialog.message_label.text()
    assert "pendiente de firma" in dialog.state_label.text()
    assert not dialog.certify_button.isEnabled() and not dialog.sign_button.isEnabled()
    assert "«ana» no aprueba" in dialog.sign_button.toolTip()
    assert dialog.certificates_table.rowCount() == 1
    assert dialog.certificates_table.item(0, 3).text() == "Certificado"
    dialog.close()

    signer = _open(qtbot, store, "carla")
    assert not signer.certify_button.isEnabled()  # carla does not propose
    signer.comment_edit.setText("Revisado contra el extracto")
    _click(qtbot, signer, signer.sign_button)
    signed = periods(store, WS)[0]
    assert (signed.state, signed.signed_by) == ("signed", "carla")
    assert signer.certificates_table.item(0, 3).text() == "Firmado"
    assert "firmado por carla" in signer.state_label.text()
    assert signer.comment_edit.text() == ""  # what was said went with the signature

    assert not signer.reopen_button.isEnabled()
    assert signer.why_label.text() == "Para reabrir, diga por qué en «Comentario»."
    qtbot.keyClicks(signer.comment_edit, "Falta un soporte")
    _click(qtbot, signer, signer.reopen_button)
    opened = periods(store, WS)[0]
    assert (opened.state, opened.reopened_by, opened.reopen_comment) == (
        "reopened", "carla", "Falta un soporte")
    assert signer.state_label.text() == "Estado del periodo: sin certificar."
    assert "«Falta un soporte»" in signer.certificates_table.item(0, 8).text()
    assert [(a, who) for a, who, _c in _trail(store)] == [
        ("period_certified", "ana"), ("period_signed", "carla"), ("period_reopened", "carla")]
    assert _trail(store)[-1][2] == "Falta un soporte"
    assert verify(store).ok
    assert signer.shutdown()


def test_who_certified_never_signs_and_refusals_are_said_in_spanish(qtbot, store):
    add_person(store, "admin", "beto", "Beto", ["proposer", "approver"])
    _settle(store)
    made = certify(store, "beto", WS, "2026-03", "payments")
    beto = _open(qtbot, store, "beto")
    assert not beto.sign_button.isEnabled()
    assert beto.why_label.text() == "«beto» certificó este periodo: lo firma otra persona que apruebe."

    carla = _open(qtbot, store, "carla")
    assert carla.sign_button.isEnabled()
    reopen(store, "admin", made.id, "Se revisa")  # meanwhile, someone reopens it
    _click(qtbot, carla, carla.sign_button)
    assert "solo se firma uno certificado" in carla.message_label.text()
    assert periods(store, WS)[0].state == "reopened"  # nothing was signed
    assert carla.state_label.text() == "Estado del periodo: sin certificar."


def test_a_branch_and_a_month_typed_wrong(qtbot, store):
    dialog = _open(qtbot, store, "ana")
    dialog.branch_combo.setCurrentIndex(dialog.branch_combo.findData(CALI))
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.branch_combo.activated.emit(dialog.branch_combo.currentIndex())
    assert dialog.choice() == ("2026-03", "payments", CALI)
    assert dialog.loose_table.rowCount() == 1  # P4, Cali's
    assert dialog.loose_table.item(0, 5).text() == "$\u00a0300.000"
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.month_combo.setEditText("marzo")
        dialog.month_combo.lineEdit().editingFinished.emit()
    assert "El mes «marzo» no es válido" in dialog.message_label.text()
    assert not dialog.certify_button.isEnabled()


def test_without_a_saved_run_it_says_so_and_nobody_acts(qtbot, tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'vacio.sqlite'}") as empty:
        dialog = open_period_dialog(None, empty, None, None)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.snapshot is not None, timeout=10_000)
        assert "No hay conciliaciones guardadas" in dialog.message_label.text()
        assert "Nadie trabaja todavía" in dialog.who_label.text()
        for button in (dialog.certify_button, dialog.sign_button, dialog.reopen_button):
            assert not button.isEnabled()
        dialog.close()


def test_a_certificate_is_picked_from_the_keyboard_and_the_person_can_change(qtbot, store):
    work.explain(store, "ana", WS, _of(store, "P4").id, "in_transit", "Consignación del 31")
    certify(store, "ana", WS, "2026-03", "payments", CALI)
    dialog = _open(qtbot, store, None)
    assert "Nadie trabaja todavía" in dialog.who_label.text()
    assert dialog.choice() == ("2026-03", "payments", "")
    assert not dialog.reopen_button.isEnabled()
    table = dialog.certificates_table
    table.setFocus()
    table.setCurrentCell(0, 0)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter picked the period; it did not close the dialog
    assert dialog.choice() == ("2026-03", "payments", CALI)
    assert "pendiente de firma" in dialog.state_label.text()
    assert not dialog.sign_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.set_login("carla")
    assert dialog.choice() == ("2026-03", "payments", CALI)  # the same period, read again
    assert dialog.sign_button.isEnabled()
    assert "«carla»" in dialog.who_label.text()
