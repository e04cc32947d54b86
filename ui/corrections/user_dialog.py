"""Usuario: who is working, and the people of the workspace with their roles.

Who works proves it with their own secret (``ui.corrections.login_dialog``): choosing someone
whose secret this computer does not hold opens «Iniciar sesión». It decides whose name goes on
a proposal or an approval and which buttons apply. The first person of a new workspace is its
administrator; after that only an administrator registers people (``app.writeback.corrections``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import ROLE_LABELS
from app.writeback.people import Role
from ui.common import formatting as fmt
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.login_dialog import LoginDialog


class UserSelector(QWidget):
    """The toolbar's «Usuario:» combo and its «Personas…» button."""

    def __init__(self, session: DecisionsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.combo = QComboBox(self)
        self.combo.setObjectName("userCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(self.tr("Quién trabaja: cada persona entra con su propia clave"))
        self.combo.activated.connect(self._chosen)
        label = QLabel(self.tr("&Usuario:"), self)
        label.setBuddy(self.combo)
        self.people_button = QPushButton(self.tr("Personas…"), self)
        self.people_button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.people_button)
        session.userChanged.connect(lambda _u: self.refresh())
        session.loginNeeded.connect(self.open_login)
        self.login_dialog: LoginDialog | None = None
        self.refresh()

    def open_login(self, login: str | None = None, why: str = "") -> LoginDialog:
        """«Iniciar sesión» (one at a time: a refusal inside it is said there)."""
        if self.login_dialog is not None:
            return self.login_dialog
        dialog = LoginDialog(self.session, login or None, why, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._login_closed())
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def _login_closed(self) -> None:
        self.login_dialog = None
        self.refresh()

    def refresh(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        people = self.session.people()
        if not people:
            self.combo.addItem(self.tr("Nadie (cree la primera persona)"), None)
        else:
            self.combo.addItem(self.tr("— elija —"), None)
            for person in people:
                self.combo.addItem(person.label(), person.login)
        self.combo.setCurrentIndex(max(self.combo.findData(self.session.user), 0))
        self.combo.setEnabled(self.session.store is not None)
        self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        self.session.choose(self.combo.itemData(index))

    def open_dialog(self) -> UserDialog:
        dialog = UserDialog(self.session, self.window())
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class UserDialog(QDialog):
    """The people of the workspace; add a person (admins, or the very first one)."""

    def __init__(self, session: DecisionsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(self.tr("Usuario y personas"))
        self.session = session
        note = QLabel(self.tr("Cada persona entra con su propia clave: indica quién propone y "
                              "quién aprueba cada corrección. Quien propone una corrección no "
                              "puede aprobarla."), self)
        note.setWordWrap(True)
        self.people_list = QListWidget(self)
        self.people_list.setAccessibleName(self.tr("Personas del espacio de trabajo"))
        self.people_list.itemDoubleClicked.connect(lambda _i: self.use_selected())
        use = QPushButton(self.tr("&Trabajar como esta persona"), self)
        use.clicked.connect(self.use_selected)

        self.add_box = QGroupBox(self)
        self.login_edit = QLineEdit(self)
        self.login_edit.setPlaceholderText(self.tr("p. ej. mgarcia"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("p. ej. María García"))
        self.role_checks = {role: QCheckBox(fmt.role_name(role).capitalize(), self)
                            for role in ROLE_LABELS}
        roles_row = QWidget(self)
        row = QHBoxLayout(roles_row)
        row.setContentsMargins(0, 0, 0, 0)
        for check in self.role_checks.values():
            row.addWidget(check)
        form = QFormLayout(self.add_box)
        form.addRow(self.tr("&Usuario:"), self.login_edit)
        form.addRow(self.tr("&Nombre:"), self.name_edit)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("newSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Clave inicial:"), self.secret_edit)
        form.addRow(self.tr("Re&pítala:"), self.again_edit)
        form.addRow(self.tr("Roles:"), roles_row)
        self.add_button = QPushButton(self.tr("&Agregar persona"), self)
        self.add_button.clicked.connect(self.add)
        form.addRow("", self.add_button)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c1c;")
        self.error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(use, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 480)
        self.refresh()

    def refresh(self) -> None:
        people = self.session.people()
        self.people_list.clear()
        for person in people:
            mark = " ✓" if person.login == self.session.user else ""
            self.people_list.addItem(f"{person.label()} — {person.login}{mark}")
            self.people_list.item(self.people_list.count() - 1).setData(
                Qt.ItemDataRole.UserRole, person.login)
        first = not people
        if first:
            self.add_box.setTitle(self.tr("Primera persona: será la administradora"))
            for role, check in self.role_checks.items():
                check.setChecked(True)
                check.setEnabled(role != Role.ADMIN)
        else:
            self.add_box.setTitle(self.tr("Agregar una persona (solo administradores)"))
            for check in self.role_checks.values():
                check.setEnabled(True)
        allowed = first or self.session.has(Role.ADMIN)
        self.add_box.setEnabled(allowed and self.session.store is not None)

    def use_selected(self) -> None:
        item = self.people_list.currentItem()
        if item is not None:
            self.session.choose(item.data(Qt.ItemDataRole.UserRole))
            self.refresh()

    def add(self) -> str | None:
        """Register the person off the GUI thread (their secret is hashed); a refusal of the
        form itself is returned at once, the service's is shown when it comes back."""
        roles = [r for r, check in self.role_checks.items() if check.isChecked()]
        first = not self.session.people()
        login = self.login_edit.text()
        secret = self.secret_edit.text()
        if secret != self.again_edit.text():
            return self._refuse(self.tr("Las dos claves no coinciden."))
        if not secret and not self.session.is_demo():
            return self._refuse(self.tr("Escriba su clave inicial (al menos 10 caracteres): "
                                        "la persona la cambia después."))
        self.add_button.setEnabled(False)
        self.session.add_person_later(login, self.name_edit.text(), roles, secret or None,
                                      lambda refusal: self._added(refusal, login, first))
        return None

    def _refuse(self, message: str) -> str:
        self.error.setText(message)
        self.error.show()
        return message

    def _added(self, refusal: str | None, login: str, first: bool) -> None:
        self.add_button.setEnabled(True)
        if refusal is not None:
            self._refuse(refusal)
            return
        self.error.hide()
        if first:  # the first person works right away
            self.session.set_user(login.strip().lower())
        for edit in (self.login_edit, self.name_edit, self.secret_edit, self.again_edit):
            edit.clear()
        self.refresh()
