"""«Cierre del periodo»: certify, sign off and reopen a month of a workspace in the window.

Pick a month, an entity and a branch (every branch by default): the dialog says how many
findings of that period are still loose — open, assigned, or with a correction only proposed —
and lists them; «Certificar» (a person who proposes) is enabled only when none is, and the
reason is said on screen when it is not; «Firmar» is for a different person who approves;
«Reabrir» (who approves or administers) needs a comment. Below, every certificate of the
workspace with its state; activating one picks its period. Every read and every action runs
on the dialog's worker (:mod:`ui.period.period_data`, through :class:`~ui.common.tasks.TaskRunner`);
the engine (``app.findings.periods``) decides and audits, and its refusals are shown in Spanish.

The main window opens it with :func:`open_period_dialog` (``store``, ``workspace``, ``login``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import FINDING_STATE_LABELS, PERIOD_STATE_LABELS
from app.domain.moments import moment_text
from app.domain.schema import RECONCILED, Entity
from app.findings.people import CERTIFIERS, REOPENERS, SIGNERS
from app.findings.periods import Certificate
from app.findings.views import FindingView
from app.writeback.workspace import Store
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner
from ui.period.period_data import Choice, Snapshot, acting, reading

_ERROR_STYLE = "color: #8a1c1c;"
_GOOD_STYLE = "color: #1d5e2a;"


def _cell(text: str, *, right: bool = False, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PeriodDialog(QDialog):
    """The closing of a month × entity × branch of ``workspace`` (the latest saved run's when
    None), worked as ``login`` (nobody when None: it only reads)."""

    changed = Signal()  # a period was certified, signed off or reopened
    loaded = Signal()  # a picture was read (after a read or an action)

    def __init__(self, store: Store, workspace: str | None, login: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.setWindowTitle(self.tr("Cierre del periodo"))
        self.store, self.workspace, self.login = store, workspace, login
        self.snapshot: Snapshot | None = None
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._shown)
        self.runner.failed.connect(self._failed)
        self.runner.runningChanged.connect(lambda _r: self._enable())
        self._build()
        self.resize(900, 680)
        self.reload(None)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.who_label = QLabel(self)
        self.who_label.setObjectName("periodWho")
        self.who_label.setWordWrap(True)
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("periodMonth")
        self.month_combo.setEditable(True)
        self.month_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.month_combo.setToolTip(self.tr("El mes, como AAAA-MM (2026-11)"))
        editor = self.month_combo.lineEdit()
        assert editor is not None  # an editable combo has one
        editor.editingFinished.connect(self._picked)
        self.month_combo.activated.connect(lambda _i: self._picked())
        self.entity_combo = QComboBox(self)
        self.entity_combo.setObjectName("periodEntity")
        for entity in RECONCILED:
            self.entity_combo.addItem(fmt.entity_name(entity), entity.value)
        self.entity_combo.activated.connect(lambda _i: self._picked())
        self.branch_combo = QComboBox(self)
        self.branch_combo.setObjectName("periodBranch")
        self.branch_combo.activated.connect(lambda _i: self._picked())
        picks = QHBoxLayout()
        for text, combo in ((self.tr("&Mes:"), self.month_combo),
                            (self.tr("&Entidad:"), self.entity_combo),
                            (self.tr("&Sede:"), self.branch_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            picks.addWidget(label)
            picks.addWidget(combo, 1)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("periodState")
        self.state_label.setWordWrap(True)
        self.loose_label = QLabel(self)
        self.loose_label.setObjectName("periodLoose")
        self.loose_label.setWordWrap(True)
        self.loose_table = _table(self, "periodLooseTable", [
            self.tr("Hallazgo"), self.tr("Tipo"), self.tr("Estado"), self.tr("Responsable"),
            self.tr("Sede"), self.tr("En juego")])
        self.loose_table.setAccessibleName(self.tr("Hallazgos sin cerrar del periodo"))
        header = self.loose_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setObjectName("periodComment")
        self.comment_edit.setPlaceholderText(self.tr(
            "Opcional al certificar y al firmar; obligatorio para reabrir: diga por qué"))
        self.comment_edit.textChanged.connect(lambda _t: self._enable())
        comment_row = QFormLayout()
        comment_label = QLabel(self.tr("C&omentario:"), self)
        comment_label.setBuddy(self.comment_edit)
        comment_row.addRow(comment_label, self.comment_edit)
        self._build_buttons()
        self.certificates_table = _table(self, "periodCertificates", [
            self.tr("Mes"), self.tr("Entidad"), self.tr("Sede"), self.tr("Estado"),
            self.tr("Hallazgos"), self.tr("En juego"), self.tr("Certificó"), self.tr("Firmó"),
            self.tr("Reabierto")])
        self.certificates_table.setAccessibleName(self.tr("Cierres del espacio de trabajo"))
        self.certificates_table.setToolTip(self.tr("Doble clic o Entrar: trabajar ese periodo"))
        self.certificates_table.itemActivated.connect(self._certificate_chosen)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("periodMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who_label)
        layout.addLayout(picks)
        layout.addWidget(self.state_label)
        layout.addWidget(self.loose_label)
        layout.addWidget(self.loose_table, 3)
        layout.addLayout(comment_row)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.why_label)
        layout.addWidget(self.message_label)
        heading = QLabel(self.tr("Cierres del espacio de trabajo"), self)
        heading.setObjectName("panelSubtitle")
        layout.addWidget(heading)
        layout.addWidget(self.certificates_table, 2)
        layout.addWidget(close)

    def _build_buttons(self) -> None:
        self.certify_button = QPushButton(self.tr("&Certificar"), self)
        self.certify_button.setObjectName("certifyButton")
        self.certify_button.clicked.connect(lambda: self._act("certified"))
        self.sign_button = QPushButton(self.tr("&Firmar"), self)
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(lambda: self._act("signed"))
        self.reopen_button = QPushButton(self.tr("&Reabrir"), self)
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(lambda: self._act("reopened"))
        for button in (self.certify_button, self.sign_button, self.reopen_button):
            button.setAutoDefault(False)
        self.actions_row = QHBoxLayout()
        self.actions_row.addWidget(self.certify_button)
        self.actions_row.addWidget(self.sign_button)
        self.actions_row.addWidget(self.reopen_button)
        self.actions_row.addStretch(1)
        self.why_label = QLabel(self)
        self.why_label.setObjectName("periodWhy")
        self.why_label.setWordWrap(True)

    # --- reading and acting (on the worker) ---------------------------------------------------

    def choice(self) -> Choice:
        """The period picked on screen."""
        month = self.month_combo.currentText().strip()
        entity = Entity(self.entity_combo.currentData())
        branch = self.branch_combo.currentData() or ""
        return month, entity, str(branch)

    def set_login(self, login: str | None) -> None:
        """Work as ``login`` from now on (the window's «Usuario» changed): read again."""
        self.login = login
        self.reload(self.snapshot.choice if self.snapshot is not None else None)

    def reload(self, choice: Choice | None) -> None:
        store, workspace, login = self.store, self.workspace, self.login
        self.runner.start(lambda cancel: reading(store, workspace, login, choice, cancel))

    def _picked(self) -> None:
        if self.snapshot is not None and self.choice() != self.snapshot.choice:
            self.reload(self.choice())

    def _act(self, done: str) -> None:
        before, login = self.snapshot, self.login
        if before is None or login is None or self.runner.running:
            return
        store, comment = self.store, self.comment_edit.text().strip()
        self.message_label.clear()
        self.runner.start(lambda cancel: acting(store, done, login, before, comment, cancel))

    def _certificate_chosen(self, item: QTableWidgetItem) -> None:
        row = self.certificates_table.item(item.row(), 0)
        chosen = row.data(Qt.ItemDataRole.UserRole) if row is not None else None
        if isinstance(chosen, Certificate) and not self.runner.running:
            p = chosen.period
            self.reload((p.month, p.entity, p.branch))

    def _failed(self, message: str) -> None:
        self._say(message, error=True)
        self._enable()

    def _say(self, text: str, *, error: bool) -> None:
        self.message_label.setStyleSheet(_ERROR_STYLE if error else _GOOD_STYLE)
        self.message_label.setText(text)

    # --- showing ------------------------------------------------------------------------------

    def _shown(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        if snapshot.workspace is not None:
            self.workspace = snapshot.workspace
        self._show_picks(snapshot)
        self._show_period(snapshot)
        self._show_certificates(snapshot)
        if snapshot.refusal:
            self._say(snapshot.refusal, error=True)
        elif snapshot.done:
            self._say(self._done_text(snapshot), error=False)
            self.comment_edit.clear()
            self.changed.emit()
        else:
            self.message_label.clear()
        self._enable()
        self.loaded.emit()

    def _done_text(self, s: Snapshot) -> str:
        words = s.period.words() if s.period else ""
        if s.done == "certified":
            return self.tr("Periodo {p} certificado. Falta la firma de otra persona que "
                           "apruebe.").format(p=words)
        if s.done == "signed":
            return self.tr("Cierre de {p} firmado.").format(p=words)
        return self.tr("Periodo {p} reabierto: sus hallazgos se pueden trabajar de "
                       "nuevo.").format(p=words)

    def _show_picks(self, s: Snapshot) -> None:
        month, entity, branch = s.choice or s.picked or ("", Entity.PAYMENTS, "")
        self.month_combo.blockSignals(True)
        self.month_combo.clear()
        self.month_combo.addItems(list(s.months) if month in s.months or not month
                                  else [month, *s.months])
        self.month_combo.setEditText(month)
        self.month_combo.blockSignals(False)
        self.entity_combo.setCurrentIndex(max(self.entity_combo.findData(entity.value), 0))
        self.branch_combo.clear()
        self.branch_combo.addItem(self.tr("Todas las sedes"), "")
        for name in s.branches:
            self.branch_combo.addItem(name, name)
        if branch and self.branch_combo.findData(branch) < 0:
            self.branch_combo.addItem(branch, branch)
        self.branch_combo.setCurrentIndex(max(self.branch_combo.findData(branch), 0))
        who = (self.tr("Trabaja como «{login}» en «{ws}».").format(login=self.login,
                                                                    ws=s.workspace or "—")
               if self.login else
               self.tr("Nadie trabaja todavía: elija quién trabaja en «Usuario» para "
                       "certificar, firmar o reabrir."))
        self.who_label.setText(who)

    def _show_period(self, s: Snapshot) -> None:
        self.state_label.setText(self._state_text(s.live))
        loose = s.loose
        if s.choice is None or (s.refusal and not s.views and s.workspace is None):
            self.loose_label.clear()
        elif not s.views:
            self.loose_label.setText(self.tr("Ningún hallazgo en el periodo."))
        elif loose:
            total = (self.tr("1 hallazgo en el periodo") if len(s.views) == 1 else
                     self.tr("{n} hallazgos en el periodo").format(n=fmt.count(len(s.views))))
            self.loose_label.setText(self.tr(
                "{total}; {n} sin explicar, corregir, conciliar ni resolver:").format(
                    total=total, n=fmt.count(len(loose))))
        else:
            self.loose_label.setText(
                self.tr("El hallazgo del periodo está explicado, corregido, conciliado o resuelto.")
                if len(s.views) == 1 else
                self.tr("{n} hallazgos en el periodo, ninguno suelto: todos están explicados, "
                        "corregidos, conciliados o resueltos.").format(n=fmt.count(len(s.views))))
        self.loose_table.setRowCount(len(loose))
        for row, view in enumerate(loose):
            self._loose_row(row, view)

    def _loose_row(self, row: int, v: FindingView) -> None:
        cells = [_cell(v.id[:8], data=v.id), _cell(fmt.kind_name(v.entity, v.kind)),
                 _cell(fmt.tr_label(FINDING_STATE_LABELS.get(v.state.value, v.state.value))),
                 _cell(v.assignee or "—"), _cell(v.branch or "—"),
                 _cell(fmt.money(v.at_stake), right=True)]
        for column, item in enumerate(cells):
            self.loose_table.setItem(row, column, item)

    def _state_text(self, live: Certificate | None) -> str:
        if live is None:
            return self.tr("Estado del periodo: sin certificar.")
        if live.state == "signed":
            return self.tr("Estado del periodo: firmado por {s} el {sw}; certificado por {c} el "
                           "{cw}.").format(s=live.signed_by, sw=moment_text(live.signed_at),
                                           c=live.certified_by, cw=moment_text(live.certified_at))
        return self.tr("Estado del periodo: certificado por {c} el {cw}; pendiente de firma de "
                       "otra persona que apruebe.").format(c=live.certified_by,
                                                           cw=moment_text(live.certified_at))

    def _show_certificates(self, s: Snapshot) -> None:
        table = self.certificates_table
        table.setRowCount(len(s.certificates))
        for row, c in enumerate(s.certificates):
            reopened = (f"{c.reopened_by} {moment_text(c.reopened_at, offset=True)}: "
                        f"«{c.reopen_comment}»" if c.reopened_by else "—")
            cells = [_cell(c.period.month, data=c), _cell(fmt.entity_name(c.period.entity)),
                     _cell(c.period.branch or self.tr("Todas")),
                     _cell(fmt.tr_label(PERIOD_STATE_LABELS.get(c.state, c.state))),
                     _cell(fmt.count(c.total), right=True), _cell(fmt.money(c.at_stake), right=True),
                     _cell(f"{c.certified_by} {moment_text(c.certified_at, offset=True)}"),
                     _cell(f"{c.signed_by} {moment_text(c.signed_at, offset=True)}"
                           if c.signed_by else self.tr("pendiente de firma")
                           if c.state != "reopened" else "—"),
                     _cell(reopened)]
            for column, item in enumerate(cells):
                table.setItem(row, column, item)

    # --- what may be done ---------------------------------------------------------------------

    def _enable(self) -> None:
        """Each button enabled when it can work; the first reason one cannot, on screen."""
        busy = self.runner.running
        s = self.snapshot
        for combo in (self.month_combo, self.entity_combo, self.branch_combo):
            combo.setEnabled(not busy)
        reasons = self._reasons(s) if s is not None else {}
        self.certify_button.setEnabled(not busy and s is not None and not reasons["certified"])
        self.sign_button.setEnabled(not busy and s is not None and not reasons["signed"])
        self.reopen_button.setEnabled(not busy and s is not None and not reasons["reopened"])
        if busy:
            self.why_label.setText(self.tr("Leyendo el almacén de trabajo…"))
            return
        live = s.live if s is not None else None
        key = "certified" if live is None else "signed" if live.state == "certified" else "reopened"
        why = reasons.get(key, "")
        self.why_label.setText("" if s is not None and why == s.refusal else why)
        for button, code in ((self.certify_button, "certified"), (self.sign_button, "signed"),
                             (self.reopen_button, "reopened")):
            button.setToolTip(reasons.get(code, ""))

    def _reasons(self, s: Snapshot) -> dict[str, str]:
        """Why each action cannot be done now ("" when it can)."""
        if s.workspace is None or s.choice is None or s.period is None:
            nothing = s.refusal or self.tr("Elija un periodo.")
            return {"certified": nothing, "signed": nothing, "reopened": nothing}
        return {"certified": self._why_not_certify(s), "signed": self._why_not_sign(s),
                "reopened": self._why_not_reopen(s)}

    def _nobody(self) -> str:
        return self.tr("Elija quién trabaja («Usuario») para actuar sobre el periodo.")

    def _why_not_certify(self, s: Snapshot) -> str:
        if not self.login:
            return self._nobody()
        if not s.roles & CERTIFIERS:
            return self.tr("«{u}» no propone: certifica una persona con el rol de "
                           "proponer.").format(u=self.login)
        if s.live is not None:
            return self.tr("El periodo ya está certificado.")
        if not s.month_over():
            return self.tr("El mes {m} aún no termina: se certifica desde el día siguiente a "
                           "su cierre.").format(m=s.choice[0] if s.choice else "")
        if s.loose:
            return self.tr("No se puede certificar: {n} hallazgos siguen sin explicar, "
                           "corregir, conciliar ni resolver (la lista de arriba).").format(
                               n=fmt.count(len(s.loose)))
        return ""

    def _why_not_sign(self, s: Snapshot) -> str:
        live = s.live
        if live is None:
            return self.tr("No hay nada que firmar: el periodo no está certificado.")
        if live.state == "signed":
            return self.tr("El cierre ya está firmado.")
        if not self.login:
            return self._nobody()
        if not s.roles & SIGNERS:
            return self.tr("«{u}» no aprueba: firma una persona con el rol de "
                           "aprobar.").format(u=self.login)
        if live.certified_by == self.login:
            return self.tr("«{u}» certificó este periodo: lo firma otra persona que "
                           "apruebe.").format(u=self.login)
        return ""

    def _why_not_reopen(self, s: Snapshot) -> str:
        if s.live is None:
            return self.tr("No hay nada que reabrir: el periodo no está certificado.")
        if not self.login:
            return self._nobody()
        if not s.roles & REOPENERS:
            return self.tr("«{u}» no puede reabrir: hace falta el rol de aprobar o "
                           "administrar.").format(u=self.login)
        if not self.comment_edit.text().strip():
            return self.tr("Para reabrir, diga por qué en «Comentario».")
        return ""

    # --- closing ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter works the widget with the focus (a certificate picks its period, a button
        clicks) and never closes the dialog: only Esc and «Cerrar» do."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
                self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    def shutdown(self) -> bool:
        """Stop the worker (waiting for a call under way); True when it stopped."""
        return self.runner.shutdown()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)


def open_period_dialog(parent: QWidget | None, store: Store, workspace: str | None,
                       login: str | None) -> PeriodDialog:
    """Open «Cierre del periodo» over ``parent`` (window-modal; deleted when closed)."""
    dialog = PeriodDialog(store, workspace, login, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
