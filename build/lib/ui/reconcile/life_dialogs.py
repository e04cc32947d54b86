"""«Asignar a…» and «Explicar…»: what a person says about the findings selected in a table.

Both only ask; the tab's :class:`~ui.reconcile.finding_actions.FindingActions` calls the
engine (``app.findings.work``) off the GUI thread, which decides and audits. «Asignar a…»
lists the people who work on findings (propose, approve or administer); «Explicar…» takes a
reason from the engine's list and a comment, both required (the «Explicar» button says why it
waits until they are there).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import FINDING_REASON_LABELS
from app.findings.people import WORKERS
from app.writeback.people import PersonInfo
from ui.common import formatting as fmt


def workers(people: Sequence[PersonInfo]) -> list[PersonInfo]:
    """The people a finding can be given to: those who propose, approve or administer."""
    return [p for p in people if p.roles & WORKERS]


def comment_edit(parent: QWidget, name: str, placeholder: str, height: int) -> QPlainTextEdit:
    """A comment box that Tab leaves, as the findings' dialogs ask for one."""
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(height)
    return edit


def labelled_form(parent: QWidget, rows: Sequence[tuple[str, QWidget]]) -> QFormLayout:
    """A form whose labels are the buddies of their fields (Alt + the underlined letter), as
    the findings' dialogs end: their reason and their comment."""
    form = QFormLayout()
    for text, field in rows:
        label = QLabel(text, parent)
        label.setBuddy(field)
        form.addRow(label, field)
    return form


def _heading(parent: QWidget, count: int) -> QLabel:
    text = (fmt.tr("1 hallazgo seleccionado") if count == 1 else
            fmt.tr("{n} hallazgos seleccionados").format(n=fmt.count(count)))
    label = QLabel(text, parent)
    label.setObjectName("panelSubtitle")
    return label


class AssignDialog(QDialog):
    """«Asignar a…»: one person of the workspace for the selected findings."""

    def __init__(self, people: Sequence[PersonInfo], count: int, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Asignar hallazgos"))
        self.person_combo = QComboBox(self)
        self.person_combo.setObjectName("personCombo")
        self.person_combo.setAccessibleName(self.tr("Persona"))
        for person in workers(people):
            self.person_combo.addItem(person.label(), person.login)
        if current:
            self.person_combo.setCurrentIndex(max(self.person_combo.findData(current), 0))
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("assignComment")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setPlaceholderText(self.tr("Opcional"))
        self.comment_edit.setFixedHeight(70)
        form = QFormLayout()
        person_label = QLabel(self.tr("&Persona:"), self)
        person_label.setBuddy(self.person_combo)
        form.addRow(person_label, self.person_combo)
        comment_label = QLabel(self.tr("C&omentario:"), self)
        comment_label.setBuddy(self.comment_edit)
        form.addRow(comment_label, self.comment_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("&Asignar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(self.person_combo.count() > 0)
        if not self.person_combo.count():
            self.ok_button.setToolTip(self.tr("Nadie del espacio de trabajo propone, aprueba "
                                              "ni administra: registre a alguien en Personas…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self, count))
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def login(self) -> str | None:
        data = self.person_combo.currentData()
        return str(data) if data else None

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()


class ExplainDialog(QDialog):
    """«Explicar…»: a reason from the list and a comment, both required."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainDialog")
        self.setWindowTitle(self.tr("Explicar hallazgos"))
        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("reasonCombo")
        self.reason_combo.setAccessibleName(self.tr("Motivo"))
        for code, label in FINDING_REASON_LABELS.items():
            self.reason_combo.addItem(fmt.tr_label(label), code)
        self.comment_edit = comment_edit(
            self, "explainComment", self.tr("Por qué sigue este hallazgo (obligatorio)"), 90)
        self.comment_edit.textChanged.connect(self._validate)
        form = labelled_form(self, [(self.tr("&Motivo:"), self.reason_combo),
                                    (self.tr("C&omentario:"), self.comment_edit)])
        self.why_label = QLabel(self)
        self.why_label.setObjectName("dialogHint")
        self.why_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("&Explicar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self, count))
        layout.addLayout(form)
        layout.addWidget(self.why_label)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        ready = bool(self.comment())
        self.ok_button.setEnabled(ready)
        self.why_label.setText("" if ready else
                               self.tr("Una explicación lleva un comentario: escríbalo para "
                                       "poder explicar."))

    def reason(self) -> str:
        return str(self.reason_combo.currentData())

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()
