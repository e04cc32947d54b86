"""Under the side-by-side records: the correction Cuadre proposes for the selected finding.

Shows the proposal's sentence, each field's current → proposed value, and why it cannot be
proposed when it cannot (Ley 1581 block, a review, a credit-note task); then a comment and
Pr&oponer, Editar va&lor…, Rec&hazar and Apla&zar, and — with several rows selected —
Proponer &selección…, which counts first (off the GUI thread) and asks before proposing.
While nobody works yet, an inline banner says that proposing needs a person and opens the
people dialog; once a correction exists, the panel says where it stands («Propuesta por Ana
Ruiz el …», ``ui.corrections.proposal_state``), as the findings table's row does.
For a group of duplicate customers or vehicles, &Fusionar… opens the merge dialog
(``ui.corrections.merge_dialog``). Every action goes through ``app.writeback.decisions`` /
``app.writeback.merging`` → ``app.writeback.corrections`` (roles, maker-checker, audit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.reconcile.results import Duplicate, EntityResult, Mismatch, Report
from app.writeback import corrections, decisions, merging
from app.writeback.corrections import CorrectionView
from app.writeback.decisions import BulkOutcome, BulkPlan, Decision
from app.writeback.errors import CorrectionError
from app.writeback.merges import MERGEABLE, MergeProposal, merge_proposal
from app.writeback.merging import merge_context
from app.writeback.people import WORKERS, Role
from app.writeback.proposals import Proposal
from app.writeback.states import OPEN, CorrectionState
from app.writeback.values import edit_text, parse_value
from ui.common import formatting as fmt
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.merge_dialog import MergeDialog
from ui.corrections.proposal_state import DUPLICATE_KINDS as _DUPLICATE_KINDS
from ui.corrections.proposal_state import PersonBanner, correction_mark
from ui.corrections.user_dialog import UserDialog


class EditValuesDialog(QDialog):
    """One box per field of the proposal, filled with the proposed value."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Editar valor propuesto"))
        self.proposal = proposal
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for change in proposal.changes:
            edit = QLineEdit(edit_text(change.field, change.proposed), self)
            edit.setToolTip(self.tr("Valor actual: {value}").format(
                value=fmt.shown_value(change.field, change.current)))
            self.edits[change.field] = edit
            form.addRow(fmt.field_name(change.field) + ":", edit)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.values: dict[str, Any] = {}

    def _accept(self) -> None:
        try:
            self.values = {f: parse_value(f, e.text()) for f, e in self.edits.items()}
        except CorrectionError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class ProposalPanel(QFrame):
    """The proposal for the current finding and the decisions on it."""

    message = Signal(str)  # what the last action did (or why it was refused)
    sessionSet = Signal(object)  # the DecisionsSession the panel now works in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalPanel")
        self.session: DecisionsSession | None = None
        self._result: EntityResult | None = None
        self._finding: Mismatch | None = None
        self.proposal: Proposal | None = None
        self._before: list[Proposal] = []  # what the proposal requires, proposed first
        self._existing: list[CorrectionView] = []
        self._selection: Callable[[], Sequence[Mismatch]] = list
        self._report_source: Callable[[], Report | None] = self._window_report

        self._build_texts()
        comment_row = self._build_comment()
        buttons = self._build_buttons()
        bulk_row = self._build_bulk()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 0, 0)
        layout.setSpacing(5)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addWidget(self.sentence)
        layout.addWidget(self.changes)
        layout.addWidget(self.status)
        layout.addLayout(comment_row)
        layout.addLayout(buttons)
        layout.addLayout(bulk_row)
        layout.addStretch(1)
        self._refresh()

    # -- building -----------------------------------------------------------------------------

    def _build_texts(self) -> None:
        """The banner (nobody works yet), the title, the proposal's sentence, its changes and
        its status."""
        self.banner = PersonBanner(self)
        self.banner.peopleRequested.connect(self.open_people)
        self.title = QLabel(self.tr("Corrección propuesta"), self)
        self.title.setObjectName("panelTitle")
        self.sentence = QLabel(self)
        self.sentence.setObjectName("proposalSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QLabel(self)
        self.changes.setObjectName("proposalChanges")
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setObjectName("proposalStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

    def _build_comment(self) -> QHBoxLayout:
        self.comment = QLineEdit(self)
        self.comment.setObjectName("proposalComment")
        self.comment.setPlaceholderText(self.tr("Comentario (opcional)"))
        self.comment.setAccessibleName(self.tr("Comentario de la decisión"))
        comment_label = QLabel(self.tr("&Comentario:"), self)
        comment_label.setBuddy(self.comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(comment_label)
        comment_row.addWidget(self.comment, 1)
        return comment_row

    def _build_buttons(self) -> QHBoxLayout:
        """Fusionar…, Proponer, Editar valor…, Rechazar, Aplazar (and Proponer selección…,
        placed by :meth:`_build_bulk`)."""
        self.propose_button = QPushButton(self.tr("Pr&oponer"), self)
        self.propose_button.setObjectName("primaryButton")
        self.edit_button = QPushButton(self.tr("Editar va&lor…"), self)
        self.reject_button = QPushButton(self.tr("Rec&hazar"), self)
        self.defer_button = QPushButton(self.tr("Apla&zar"), self)
        self.bulk_button = QPushButton(self.tr("Proponer &selección…"), self)
        self.merge_button = QPushButton(self.tr("&Fusionar…"), self)
        self.merge_button.setToolTip(self.tr("Elegir qué valores quedan y proponer la fusión "
                                             "de los registros duplicados"))
        self.merge_button.clicked.connect(self.open_merge)
        self.propose_button.clicked.connect(self.propose)
        self.edit_button.clicked.connect(self.edit_values)
        self.reject_button.clicked.connect(lambda: self.decide(Decision.REJECT))
        self.defer_button.clicked.connect(lambda: self.decide(Decision.DEFER))
        self.bulk_button.clicked.connect(self.propose_selection)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.merge_button, self.propose_button, self.edit_button,
                       self.reject_button, self.defer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _build_bulk(self) -> QHBoxLayout:
        """Proponer selección…, with its progress and its cancel button."""
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancelar"), self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel)
        bulk_row = QHBoxLayout()
        bulk_row.addWidget(self.bulk_button)
        bulk_row.addWidget(self.progress, 1)
        bulk_row.addWidget(self.cancel_button)
        return bulk_row

    # -- wiring -------------------------------------------------------------------------------

    def set_session(self, session: DecisionsSession) -> None:
        self.session = session
        session.changed.connect(self._reload)
        session.runner.runningChanged.connect(self._on_running)
        session.runner.progress.connect(self._on_progress)
        self._reload()
        self.sessionSet.emit(session)

    def set_selection_source(self, selection: Callable[[], Sequence[Mismatch]]) -> None:
        """Where the bulk action reads the selected findings from (the findings table)."""
        self._selection = selection

    def show_finding(self, result: EntityResult | None, finding: Mismatch | None) -> None:
        self._result, self._finding = result, finding
        self.comment.clear()
        self._reload()

    def selection_changed(self) -> None:
        self._refresh_bulk()

    # -- state --------------------------------------------------------------------------------

    def _reload(self) -> None:
        session = self.session
        if self._result is None or self._finding is None:
            self.proposal, self._before = None, []
        else:
            sor = session.system_of_record if session is not None else None
            # The whole report tells a VIN's reservation whether the ERP has its customer.
            *self._before, self.proposal = decisions.with_requirements(
                self._result, self._finding, sor, self._report_source())
        self._existing = []
        if session is not None and session.store is not None and self.proposal is not None:
            merge = self.merge_proposal()
            self._existing = (merging.existing(session.store, merge) if merge is not None
                              else decisions.existing(session.store, self.proposal))
        if session is not None:
            self.banner.show_for(session.store is not None, session.user,
                                 session.user is None and bool(session.people()))
        self._refresh()

    def _refresh(self) -> None:
        p = self.proposal
        self.setVisible(True)
        if p is None:
            self.sentence.setText(self.tr("Seleccione una diferencia para ver la corrección "
                                          "que Cuadre propone."))
            self.changes.setText("")
            self.changes.hide()
            self.status.setText("")
            self.status.hide()
        else:
            self.sentence.setText(p.sentence)
            lines = [f"{fmt.field_name(c.field)}: {fmt.shown_value(c.field, c.current)} → "
                     f"{fmt.shown_value(c.field, c.proposed)}" for c in p.changes]
            if p.target is not None and p.changes:
                lines.insert(0, self.tr("En el {system}, registro {id}:").format(
                    system=fmt.system_name(p.target), id=p.source_id))
            self.changes.setText("\n".join(lines))
            self.changes.setVisible(bool(lines))
            status = self._status_text(p)
            self.status.setText(status)
            self.status.setVisible(bool(status))
            self.status.setProperty("blocked", bool(decisions.why_not(p)))
            self.status.setStyleSheet(
                "color: #8a1c1c;" if p.blocked else "color: #4a3000;" if decisions.why_not(p)
                else "color: #1f5130;")
        self._refresh_buttons()
        self._refresh_bulk()

    def _done_text(self) -> str:
        """«Propuesta por Ana Ruiz el 02/03/2026. Véala en Correcciones.», or ""."""
        if not self._existing or self.session is None:
            return ""
        names = {p.login: p.name for p in self.session.people()}
        return self.tr("{done}. Véala en Correcciones.").format(
            done=correction_mark(self._existing[0], names))

    def _status_text(self, p: Proposal) -> str:
        if self.merge_group() is not None:
            return self._done_text() or self.tr(
                "Use «Fusionar…» para elegir qué valores quedan y proponer la fusión.")
        why = decisions.why_not(p)
        if why is not None:
            if p.blocked:  # the sentence already says why
                return self.tr("Bloqueada: no se puede proponer para enviar.")
            return why
        return self._done_text()

    def _refusal(self, action: str) -> str | None:
        """Why ``action`` is not possible now (the disabled button's tooltip), or None."""
        session, p = self.session, self.proposal
        if session is None or session.store is None:
            return session.error if session is not None and session.error else self.tr(
                "No hay almacén de trabajo.")
        if session.user is None:
            return self.tr("Elija primero quién trabaja (Usuario, en la barra de herramientas).")
        if p is None:
            return self.tr("Seleccione una diferencia.")
        why = decisions.why_not(p)
        if why is not None:
            return why
        open_ones = [v for v in self._existing if v.state in OPEN]
        needs_record = not self._existing
        if self._existing and not open_ones:
            return self.tr("La corrección ya está {state}.").format(
                state=fmt.state_in_sentence(self._existing[0].state))
        if action == "propose":
            if self._existing:
                return self.tr("Ya está propuesta: búsquela en Correcciones.")
            return None if session.has(Role.PROPOSER) else self.tr(
                "Su usuario no tiene el rol de proponer.")
        if action == "edit":
            return None if session.has(Role.PROPOSER) else self.tr(
                "Su usuario no tiene el rol de proponer.")
        if needs_record and not session.has(Role.PROPOSER):
            return self.tr("Su usuario no tiene el rol de proponer: no puede registrarla.")
        if action == Decision.REJECT:
            return None if session.has(Role.APPROVER) else self.tr(
                "Rechazar requiere el rol de aprobar.")
        if action == Decision.DEFER:
            if all(v.state == CorrectionState.DEFERRED for v in open_ones) and open_ones:
                return self.tr("Ya está aplazada.")
            return None if session.roles & WORKERS else self.tr(
                "Su usuario solo puede consultar.")
        return None

    def _refresh_buttons(self) -> None:
        busy = self.session is not None and self.session.runner.running
        for action, button in (("propose", self.propose_button), ("edit", self.edit_button),
                               (Decision.REJECT, self.reject_button),
                               (Decision.DEFER, self.defer_button)):
            why = self._refusal(action)
            button.setEnabled(why is None and not busy)
            button.setToolTip(why or "")
        self.comment.setEnabled(self.proposal is not None
                                and decisions.why_not(self.proposal) is None)
        mergeable = self.merge_group() is not None
        self.merge_button.setVisible(mergeable)
        self.merge_button.setEnabled(mergeable and not busy)

    def _refresh_bulk(self) -> None:
        n = len(self._selection())
        session = self.session
        self.bulk_button.setVisible(n > 1)
        self.bulk_button.setText(self.tr("Proponer &selección ({n})…").format(n=fmt.count(n)))
        ok = (session is not None and session.store is not None and session.has(Role.PROPOSER)
              and not session.runner.running)
        self.bulk_button.setEnabled(ok)
        self.bulk_button.setToolTip("" if ok else self.tr(
            "Requiere un usuario con el rol de proponer."))

    # -- actions ------------------------------------------------------------------------------

    def _comment(self) -> str | None:
        return self.comment.text().strip() or None

    def _done(self, error: str | None, text: str) -> None:
        if error is None:
            self.comment.clear()
            self.message.emit(text)
        else:
            self.message.emit(error)

    def propose(self) -> str | None:
        """Propose the shown correction as it is; None or the refusal."""
        return self._apply(None)

    def edit_values(self) -> str | None:
        """Ask for the values (``ask_values``), then propose them or edit the open corrections."""
        if self.proposal is None or self._refusal("edit") is not None:
            return self._refusal("edit")
        values = self.ask_values(self.proposal)
        if values is None:
            return None
        return self._apply(values)

    def _apply(self, values: dict[str, Any] | None) -> str | None:
        session, p = self.session, self.proposal
        if session is None or p is None or session.user is None:
            return self._refusal("propose")
        store, user, comment = session.store, session.user, self._comment()
        assert store is not None
        open_ones = [v for v in self._existing if v.state in OPEN]
        if values is not None and open_ones:
            def edit() -> None:
                for v in open_ones:
                    if v.field in values:
                        corrections.edit(store, user, v.id, new=values[v.field], comment=comment,
                                         expected_version=v.version)
            error = session.call(edit)
            self._done(error, self.tr("Valor editado: la corrección espera aprobación."))
            return error
        before = self._before
        error = session.call(lambda: decisions.propose(store, user, p, comment=comment,
                                                       values=values, before=before,
                                                       workspace=session.workspace))
        self._done(error, self.tr("Corrección propuesta: espera la aprobación de otra persona."))
        return error

    def decide(self, action: Decision | str) -> str | None:
        """Reject («reject») or defer («defer») the shown proposal; None or the refusal."""
        action = Decision(action)
        session, p = self.session, self.proposal
        why = self._refusal(action)
        if session is None or p is None or session.user is None or session.store is None:
            return why
        store, user, comment = session.store, session.user, self._comment()
        error = session.call(lambda: decisions.decide_proposal(
            store, user, p, action, comment=comment, workspace=session.workspace))
        self._done(error, self.tr("Corrección rechazada.") if action is Decision.REJECT
                   else self.tr("Corrección aplazada."))
        return error

    def propose_selection(self) -> None:
        """Count what the selected rows would give (off the GUI thread), ask, then propose."""
        session, result = self.session, self._result
        findings = list(self._selection())
        if session is None or session.store is None or result is None or not findings \
                or session.user is None:
            return
        store, user, sor = session.store, session.user, session.system_of_record
        comment, workspace = self._comment(), session.workspace

        def planned(plan: Any) -> None:
            if not isinstance(plan, BulkPlan):
                return
            if not plan.to_propose:
                self.message.emit(self.tr("No hay nada que proponer en la selección: ")
                                  + self.plan_text(plan))
                return
            if not self.ask_confirm(self.plan_text(plan)):
                return
            session.run(lambda cancel: decisions.propose_all(
                store, user, plan.to_propose, comment, workspace, cancel), done)

        def done(outcome: Any) -> None:
            if not isinstance(outcome, BulkOutcome):
                return
            text = self.tr("Propuestas {n} correcciones ({f} campos).").format(
                n=fmt.count(outcome.proposed), f=fmt.count(outcome.corrections))
            if outcome.failed:
                text += " " + self.tr("{n} no se pudieron proponer: {why}").format(
                    n=fmt.count(len(outcome.failed)), why=outcome.failed[0])
            self.comment.clear()
            self.message.emit(text)

        session.run(lambda cancel: decisions.findings_plan_task(store, result, findings, sor,
                                                                cancel), planned)

    def plan_text(self, plan: BulkPlan) -> str:
        parts = [self.tr("Se propondrán {n} correcciones ({f} campos).").format(
            n=fmt.count(len(plan.to_propose)), f=fmt.count(plan.fields))]
        for n, text in ((plan.already, self.tr("{n} ya estaban propuestas")),
                        (plan.blocked, self.tr("{n} bloqueadas (Ley 1581), no se proponen")),
                        (plan.credit_notes, self.tr("{n} son notas crédito/débito")),
                        (plan.reviews, self.tr("{n} se revisan a mano"))):
            if n:
                parts.append(text.format(n=fmt.count(n)) + ".")
        return " ".join(parts)

    # -- merging duplicates ---------------------------------------------------------------------

    def set_report_source(self, source: Callable[[], Report | None]) -> None:
        """Where the merge dialog reads the whole report from (related payments and vehicles
        are in other entities' results); by default the window's ``report``."""
        self._report_source = source

    def _window_report(self) -> Report | None:
        report = getattr(self.window(), "report", None)
        return report if isinstance(report, Report) else None

    def merge_group(self) -> Duplicate | None:
        """The duplicate group the shown finding is, when its records can be merged."""
        result, finding = self._result, self._finding
        if result is None or finding is None or result.entity not in MERGEABLE \
                or finding.kind not in _DUPLICATE_KINDS or finding.system is None:
            return None
        ids = tuple(finding.ids)
        return next((d for d in result.duplicates if d.system is finding.system
                     and tuple(d.ids) == ids), None)

    def merge_proposal(self) -> MergeProposal | None:
        group, result = self.merge_group(), self._result
        if group is None or result is None:
            return None
        sor = self.session.system_of_record if self.session is not None else None
        return merge_proposal(result, group, sor)

    def merge_dialog(self) -> MergeDialog | None:
        """The merge dialog for the shown duplicate group (not yet shown), or None with the
        reason emitted when the records are not in the report any more."""
        proposal, result = self.merge_proposal(), self._result
        if proposal is None or result is None:
            return None
        report = self._report_source() or Report(
            datetime.now(UTC), datetime.now(UTC), {}, {result.entity: result})
        try:
            context = merge_context(proposal, report)
        except CorrectionError as exc:
            self.message.emit(str(exc))
            return None
        dialog = MergeDialog(context, self.session, self)
        dialog.proposed.connect(lambda _view: self.message.emit(self.tr(
            "Fusión propuesta: espera la aprobación de otra persona en Correcciones.")))
        return dialog

    def open_merge(self) -> None:
        dialog = self.merge_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    # -- dialogs (tests replace these) ------------------------------------------------------

    def open_people(self) -> UserDialog | None:
        """The banner's button: the people dialog, to create the first person or choose one."""
        if self.session is None:
            return None
        dialog = UserDialog(self.session, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def ask_values(self, proposal: Proposal) -> dict[str, Any] | None:
        dialog = EditValuesDialog(proposal, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values

    def ask_confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Proponer selección"), text + "\n\n"
                                      + self.tr("¿Proponerlas ahora?"))
        return answer == QMessageBox.StandardButton.Yes

    # -- progress -------------------------------------------------------------------------------

    def _on_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
        self._refresh_buttons()
        self._refresh_bulk()

    def _on_progress(self, progress: Any) -> None:
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))

    def _cancel(self) -> None:
        if self.session is not None:
            self.session.cancel()
