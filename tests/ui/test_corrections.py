"""Deciding on proposals in the window: propose, maker-checker approval, reject/defer, bulk,
Ley 1581 blocks, credit-note tasks apart, the people dialog, keyboard access."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_fakes import _customer, make_report, wait_life

from app.domain.schema import Entity, System, frame
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import EntityResult, Link, Mismatch, Report
from app.writeback import corrections, decisions
from app.writeback.errors import CorrectionError
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.user_dialog import UserDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
        yield Progress("generate_demo", 1, 1)
        return make_report()

    w = MainWindow(demo_factory=fake_demo, store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert w.shutdown()


def _people(w: MainWindow) -> None:
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin", "proposer"]) is None
    s.set_user("ana")
    assert s.add_person("bea", "Beatriz Díaz", ["approver", "proposer"]) is None
    assert s.add_person("carlos", "Carlos Mora", ["approver"]) is None


def _select(w: MainWindow, entity: Entity, kind: str) -> None:
    tab = w.tab(entity)
    w.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.finding(tab.proxy.index(r, 0)).kind == kind)
    tab.select_row(row)


def _store(w: MainWindow):  # type: ignore[no-untyped-def]
    assert w.decisions.store is not None
    return w.decisions.store


def test_propose_then_another_person_approves(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _people(window)
    _select(window, Entity.CUSTOMERS, "phone_differs")
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    assert panel.sentence.text().startswith("El CRM manda en el celular")
    assert "3009999999 → 3001234567" in panel.changes.text()
    assert panel.propose_button.isEnabled()
    panel.comment.setText("Confirmado por teléfono")
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)

    [made] = corrections.listing(_store(window))
    assert (made.state, made.proposer, made.system, made.field) == ("proposed", "ana", System.ERP,
                                                                    "phone")
    assert (made.old_value, made.new_value) == ("3009999999", "3001234567")
    assert corrections.comments(_store(window), made.id)[0][3] == "Confirmado por teléfono"
    assert not panel.propose_button.isEnabled()  # never twice
    assert panel.status.text().startswith("Propuesta por Ana Ruiz el ")
    assert panel.status.text().endswith(". Véala en Correcciones.")

    queue = window.show_corrections()
    assert [i.view.id for i in queue.items] == [made.id]
    assert queue.table.item(0, 0).text() == "Propuesta"
    # ana proposed it: the button says why she cannot approve …
    assert not queue.approve_button.isEnabled()
    assert "debe aprobarla otra persona" in queue.approve_button.toolTip()
    assert queue.reason.isVisible()
    # … and forcing it anyway, the service refuses (ana is not even an approver).
    assert "no puede aprobar" in (queue.approve() or "")
    window.decisions.set_user("bea")
    assert queue.approve_button.isEnabled()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    approved = corrections.get(_store(window), made.id)
    assert (approved.state, approved.approver) == ("approved", "bea")
    assert approved.idempotency_key
    assert queue.table.item(0, 0).text() == "Aprobada"


def test_the_proposer_cannot_approve_even_as_approver(window: MainWindow) -> None:
    window.load_report(make_report())
    _people(window)
    window.decisions.set_user("bea")  # bea may approve, but not her own proposal
    _select(window, Entity.VEHICLES, "branch_differs")
    panel = window.tab(Entity.VEHICLES).proposal_panel
    assert panel.propose() is None
    queue = window.show_corrections()
    assert not queue.approve_button.isEnabled()
    assert queue.approve_button.toolTip() == ("Usted propuso o editó esta corrección: debe "
                                              "aprobarla otra persona.")
    refusal = queue.approve()
    assert refusal is not None and "no puede aprobarla" in refusal
    assert window.status_label.text() == refusal  # the refusal is shown
    assert queue.items[0].view.state == "proposed"
    window.decisions.set_user("carlos")
    assert queue.approve() is None
    assert corrections.listing(_store(window))[0].approver == "carlos"


def test_edit_value_then_reject_and_defer_with_comments(window: MainWindow) -> None:
    window.load_report(make_report())
    _people(window)
    panel = window.tab(Entity.PAYMENTS).proposal_panel
    _select(window, Entity.PAYMENTS, "date_differs")
    panel.ask_values = lambda p: {"paid_on": date(2026, 3, 5)}  # type: ignore[method-assign]
    assert panel.edit_values() is None
    [edited] = corrections.listing(_store(window))
    assert edited.new_value == date(2026, 3, 5)  # the edited value, not 04/03

    # ana cannot reject (not an approver): disabled with the reason; she defers instead.
    assert not panel.reject_button.isEnabled()
    assert panel.reject_button.toolTip() == "Rechazar requiere el rol de aprobar."
    panel.comment.setText("Esperar extracto del banco")
    assert panel.decide("defer") is None
    assert corrections.get(_store(window), edited.id).state == "deferred"
    assert "Aplazada" in panel.status.text()

    window.decisions.set_user("bea")
    _select(window, Entity.CUSTOMERS, "name_differs")
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    panel.comment.setText("El nombre del CRM es el correcto")
    assert panel.decide("reject") is None  # recorded first, then rejected: both audited
    rejected = [v for v in corrections.listing(_store(window)) if v.entity is Entity.CUSTOMERS]
    assert {v.field for v in rejected} == {"first_names", "last_names"}
    assert {v.state for v in rejected} == {"rejected"}
    assert all(corrections.comments(_store(window), v.id)[-1][3]
               == "El nombre del CRM es el correcto" for v in rejected)
    queue = window.show_corrections()
    queue.set_filters(state="rejected")
    assert len(queue.items) == 2
    assert "El nombre del CRM es el correcto" in queue.table.item(0, 8).text()
    queue.set_filters(state="deferred", proposer="ana", entity=Entity.PAYMENTS)
    assert [i.view.id for i in queue.items] == [edited.id]
    queue.set_filters(proposer="carlos")
    assert queue.items == []


def test_bulk_propose_counts_and_confirms(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _people(window)
    tab = window.tab(Entity.CUSTOMERS)
    window.tabs.setCurrentWidget(tab)
    tab.view.setFocus()
    tab.view.selectAll()
    panel = tab.proposal_panel
    assert len(tab.selected_findings()) == 7
    assert panel.bulk_button.isVisible() and panel.bulk_button.isEnabled()
    assert panel.bulk_button.text() == "Proponer &selección (7)…"
    asked: list[str] = []
    panel.ask_confirm = lambda text: asked.append(text) or True  # type: ignore[method-assign]
    messages: list[str] = []
    panel.message.connect(messages.append)
    qtbot.mouseClick(panel.bulk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    # The two customers only in one system are created in the other (issue 16): one
    # correction each, whole.
    assert asked == ["Se propondrán 5 correcciones (6 campos). 2 se revisan a mano."]
    assert messages[-1] == "Propuestas 5 correcciones (6 campos)."
    assert len(corrections.listing(_store(window), state="proposed")) == 6

    # Again: nothing new, and it says why.
    messages.clear()
    panel.propose_selection()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1] == ("No hay nada que proponer en la selección: Se propondrán 0 "
                            "correcciones (0 campos). 5 ya estaban propuestas. 2 se revisan a "
                            "mano.")
    assert len(corrections.listing(_store(window))) == 6


def _no_consent_report() -> Report:
    crm = frame(Entity.CUSTOMERS, [_customer("C-001", "79123456", "Juan", "Pérez",
                                             habeas_data_consent=False, consent_date=None)])
    erp = frame(Entity.CUSTOMERS, [_customer("E-101", "79123456", "Juan", "Pérez",
                                             phone="3009999999", habeas_data_consent=False,
                                             consent_date=None)])
    result = EntityResult(
        entity=Entity.CUSTOMERS, links=[Link("C-001", "E-101", "doc_number", "auto", 1.0)],
        duplicates=[], crm=crm, erp=erp,
        mismatches=[Mismatch("phone_differs", "C-001", "E-101", key="79123456", field="phone",
                             crm_value="3001234567", erp_value="3009999999")])
    report = make_report()
    return replace(report, results={**report.results, Entity.CUSTOMERS: result})


def test_blocked_proposal_cannot_be_proposed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(_no_consent_report())
    _people(window)
    _select(window, Entity.CUSTOMERS, "phone_differs")
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    p = panel.proposal
    assert p is not None and p.blocked and p.reason == "no_consent"
    assert "Bloqueada: No hay autorización" in panel.sentence.text()
    assert panel.status.text() == "Bloqueada: no se puede proponer para enviar."
    for button in (panel.propose_button, panel.edit_button, panel.reject_button,
                   panel.defer_button):
        assert not button.isEnabled()
        assert "Ley 1581" in button.toolTip()
    with pytest.raises(CorrectionError) as refused:
        decisions.propose(_store(window), "ana", p)
    assert refused.value.code == "not_pushable"
    # In bulk too: counted as blocked, never proposed.
    tab = window.tab(Entity.CUSTOMERS)
    tab.view.selectAll()
    messages: list[str] = []
    panel.message.connect(messages.append)
    panel.propose_selection()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "1 bloqueadas (Ley 1581), no se proponen." in messages[-1]
    assert corrections.listing(_store(window)) == []


def test_credit_note_tasks_are_listed_apart(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    window.load_report(report)
    _people(window)
    window.decisions.system_of_record = {"amount": "crm"}  # the ERP's validated invoice loses
    window.decisions.changed.emit()
    queue = window.show_corrections()
    queue.load_report(report)
    qtbot.waitUntil(lambda: len(queue.notes) == 1, timeout=10_000)
    assert queue.notes_title.text() == "Notas crédito/débito para contabilidad (1)"
    assert queue.notes_table.item(0, 0).text() == "Nota débito"
    assert queue.notes_table.item(0, 1).text() == "FV-003-457"
    assert "validada ante la DIAN" in queue.notes_table.item(0, 5).text()

    _select(window, Entity.PAYMENTS, "amount_differs")
    panel = window.tab(Entity.PAYMENTS).proposal_panel
    assert panel.proposal is not None and panel.proposal.credit_note is not None
    assert not panel.propose_button.isEnabled()
    assert "nota crédito/débito" in panel.propose_button.toolTip()
    assert corrections.listing(_store(window)) == []  # never in the push queue


def test_first_person_is_admin_and_sees_no_password(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = DecisionsSession(f"sqlite:///{tmp_path / 'w.sqlite'}")
    dialog = UserDialog(session)
    qtbot.addWidget(dialog)
    assert "con su propia clave" in dialog.findChildren(type(dialog.error))[0].text()
    assert dialog.add_box.title() == "Primera persona: será la administradora"
    assert not dialog.role_checks["admin"].isEnabled()
    dialog.login_edit.setText("MGarcia")
    dialog.name_edit.setText("María García")
    assert dialog.add() == "Escriba su clave inicial (al menos 10 caracteres): la persona la " \
        "cambia después."
    dialog.secret_edit.setText("clave-de-maria-1")
    dialog.again_edit.setText("clave-de-maria-2")
    assert dialog.add() == "Las dos claves no coinciden."
    dialog.again_edit.setText("clave-de-maria-1")
    assert dialog.add() is None  # hashed off the GUI thread
    qtbot.waitUntil(lambda: session.user == "mgarcia")
    assert session.roles == {"admin", "proposer", "approver", "auditor"}
    assert dialog.add_box.title() == "Agregar una persona (solo administradores)"
    session.set_user(None)
    dialog.refresh()
    assert not dialog.add_box.isEnabled()  # only an admin adds people
    assert session.shutdown()


def test_keyboard_access_to_the_main_actions(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _people(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    texts = [b.text() for b in (panel.propose_button, panel.edit_button, panel.reject_button,
                                panel.defer_button)]
    assert texts == ["Pr&oponer", "Editar va&lor…", "Rec&hazar", "Apla&zar"]
    # No other visible button of the window shares these letters (an ambiguous mnemonic only
    # moves the focus).
    _select(window, Entity.CUSTOMERS, "phone_differs")
    window.tab(Entity.CUSTOMERS).view.setFocus()
    qtbot.keyClick(window.tab(Entity.CUSTOMERS).view, Qt.Key.Key_O,
                   Qt.KeyboardModifier.AltModifier)
    # A mnemonic clicks with a short animation: wait for it.
    qtbot.waitUntil(lambda: [v.field for v in corrections.listing(_store(window))] == ["phone"])

    assert window.corrections_action.shortcut().toString() == "Ctrl+Shift+C"
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.corrections_dock.isVisible()
    queue = window.corrections_tab
    assert (queue.approve_button.text(), queue.reject_button.text()) == ("Apro&bar", "&Rechazar")
    window.decisions.set_user("carlos")
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: corrections.listing(_store(window))[0].state == "approved")


# -- nobody works yet; what is already done (issue 15, item 5) ------------------------------


def _row_of(tab, kind: str) -> int:  # type: ignore[no-untyped-def]
    model = tab.model
    return next(r for r in range(model.rowCount()) if model.finding(r).kind == kind)


def test_with_nobody_yet_a_banner_offers_to_create_a_person(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _select(window, Entity.CUSTOMERS, "phone_differs")
    panel = window.tab(Entity.CUSTOMERS).proposal_panel
    assert panel.banner.isVisible()
    assert "hace falta una persona" in panel.banner.text.text()
    assert panel.banner.button.text() == "Crear persona…"
    assert not panel.propose_button.isEnabled()

    qtbot.mouseClick(panel.banner.button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(UserDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.add_box.title() == "Primera persona: será la administradora"
    dialog.login_edit.setText("ana")
    dialog.name_edit.setText("Ana Ruiz")
    dialog.secret_edit.setText("clave-de-ana-123")
    dialog.again_edit.setText("clave-de-ana-123")
    assert dialog.add() is None
    qtbot.waitUntil(lambda: window.decisions.user == "ana")
    dialog.close()
    assert not panel.banner.isVisible()
    assert panel.propose_button.isEnabled()

    window.decisions.set_user(None)  # people exist, nobody chosen
    assert panel.banner.isVisible()
    assert panel.banner.text.text() == "Para proponer correcciones, elija quién trabaja."
    assert panel.banner.button.text() == "Elegir persona…"


def test_the_row_and_the_panel_say_what_is_already_done(window: MainWindow) -> None:
    from app.domain.values import in_bogota

    window.load_report(make_report())
    _people(window)
    tab = window.tab(Entity.CUSTOMERS)
    mark_column = tab.model.mark_column()
    _select(window, Entity.CUSTOMERS, "phone_differs")
    panel = tab.proposal_panel
    assert all(tab.model.index(r, mark_column).data() == ""
               for r in range(tab.model.rowCount()))
    assert panel.propose() is None

    [made] = corrections.listing(_store(window))
    day = in_bogota(made.updated_at).strftime("%d/%m/%Y")
    row = _row_of(tab, "phone_differs")
    assert tab.model.index(row, mark_column).data() == f"Propuesta por Ana Ruiz el {day}"
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert panel.status.text() == f"Propuesta por Ana Ruiz el {day}. Véala en Correcciones."
    others = [r for r in range(tab.model.rowCount()) if r != row]
    assert all(tab.model.index(r, mark_column).data() == "" for r in others)

    window.decisions.set_user("bea")
    assert decisions.decide(_store(window), "bea", "approve", made.id).state == "approved"
    window.decisions.changed.emit()
    approved = corrections.get(_store(window), made.id)
    day = in_bogota(approved.decided_at).strftime("%d/%m/%Y")
    assert tab.model.index(row, mark_column).data() == f"Aprobada por Beatriz Díaz el {day}"
    assert panel.status.text().startswith(f"Aprobada por Beatriz Díaz el {day}")

    # The next reconciliation (F5) finds the same finding: the row says it again.
    window.load_report(make_report())
    row = _row_of(tab, "phone_differs")
    assert tab.model.index(row, mark_column).data() == f"Aprobada por Beatriz Díaz el {day}"

    # A rejected proposal is no longer under way: the row is clear again.
    _select(window, Entity.CUSTOMERS, "name_differs")
    assert panel.decide("reject") is None
    assert tab.model.index(_row_of(tab, "name_differs"), mark_column).data() == ""


def test_a_correction_on_its_way_or_sent_reads_so() -> None:
    from datetime import UTC, datetime

    from app.writeback.states import CorrectionState
    from ui.corrections.proposal_state import correction_color, correction_mark

    late_night = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # still the 2nd in Bogotá
    names = {"ana": "Ana Ruiz", "bea": "Beatriz Díaz"}
    base = corrections.CorrectionView(
        "c1", None, Entity.CUSTOMERS, System.ERP, "E-101", "phone", "1", "2", {}, "h", None,
        CorrectionState.PROPOSED, "ana", None, "bea", "bea", None, late_night, late_night,
        late_night, 1)
    assert correction_mark(base, names) == "Propuesta por Ana Ruiz el 02/03/2026"
    assert correction_mark(replace(base, state=CorrectionState.QUEUED), names) == (
        "Aprobada por Beatriz Díaz el 02/03/2026: en cola para enviar")
    assert correction_mark(replace(base, state=CorrectionState.APPLIED), names) == (
        "Enviada el 02/03/2026: aplicada")
    assert correction_mark(replace(base, state=CorrectionState.CONFLICT), names) == (
        "Enviada el 02/03/2026: en conflicto")
    assert correction_mark(replace(base, state=CorrectionState.DEFERRED, decided_by="zoe"),
                           names) == "Aplazada por zoe el 02/03/2026"
    colors = {correction_color(replace(base, state=s)) for s in CorrectionState}
    assert len(colors) >= 4  # waiting, on its way, applied, refused read apart


def test_a_merge_under_way_marks_its_duplicate_group(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _people(window)
    _select(window, Entity.CUSTOMERS, "duplicate_key")
    tab = window.tab(Entity.CUSTOMERS)
    panel = tab.proposal_panel
    assert panel.status.text().startswith("Use «Fusionar…»")
    dialog = panel.merge_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    [merge] = corrections.listing(_store(window))
    assert merge.kind == "merge"
    row = _row_of(tab, "duplicate_key")
    assert tab.model.index(row, tab.model.mark_column()).data().startswith(
        "Propuesta por Ana Ruiz el ")
    assert panel.status.text().startswith("Propuesta por Ana Ruiz el ")
    assert panel.status.text().endswith("Véala en Correcciones.")


def test_a_tab_out_of_sight_catches_up_when_shown(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.load_report(make_report())
    _people(window)
    customers = window.tab(Entity.CUSTOMERS)
    window.tabs.setCurrentWidget(window.tab(Entity.VEHICLES))
    qtbot.waitUntil(lambda: not customers.isVisible())
    report = window.report
    assert report is not None
    result = report.results[Entity.CUSTOMERS]
    finding = next(m for m in result.findings() if m.kind == "phone_differs")
    decisions.propose(_store(window), "ana", decisions.proposal(result, finding))
    window.decisions.changed.emit()  # as the corrections dock does after a decision
    window.tabs.setCurrentWidget(customers)
    qtbot.waitUntil(customers.isVisible)
    row = _row_of(customers, "phone_differs")
    assert customers.model.index(row, customers.model.mark_column()).data().startswith(
        "Propuesta por Ana Ruiz el ")


def test_findings_carry_their_age_and_the_oldest_comes_first(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from sqlalchemy import update

    from app.findings import views as finding_views
    from app.store.models import FindingRow as StoredFinding
    from app.writeback import runs

    _people(window)
    report = make_report()
    runs.save_run(_store(window), "ana", report, "Demostración", "Demostración")
    stored = finding_views.findings(_store(window), "Demostración", entity=Entity.CUSTOMERS)
    phone = next(v for v in stored if v.kind == "phone_differs")
    with _store(window).write() as session:  # as if a run ten days ago had found it first
        session.execute(update(StoredFinding).where(StoredFinding.id == phone.id).values(
            first_seen_at=phone.first_seen_at - timedelta(days=10)))
    window._shown_source = "Demostración"  # what F5 reconciled
    window.load_report(report)
    wait_life(window, qtbot)

    tab = window.tab(Entity.CUSTOMERS)
    age = tab.model.age_column()
    header = tab.view.horizontalHeader()
    # Customers carry no pesos: the oldest first.
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        age, Qt.SortOrder.DescendingOrder)
    assert tab.proxy.finding(tab.proxy.index(0, 0)).kind == "phone_differs"
    assert tab.proxy.index(0, age).data() == "10 días"
    assert {tab.proxy.index(r, age).data() for r in range(1, tab.proxy.rowCount())} == {
        "0 días"}
    payments = window.tab(Entity.PAYMENTS)
    window.tabs.setCurrentWidget(payments)  # read when the tab is shown
    qtbot.waitUntil(lambda: payments.model.row_item(0).age == 0)
    money = payments.model.money_column()
    assert payments.view.horizontalHeader().sortIndicatorSection() == money  # pesos first
