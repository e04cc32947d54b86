"""«Iniciar sesión»: who works proves it with their own secret.

Shown at start when the person who worked last on this computer has no secret here (or a wrong
one), and when someone is chosen in «Usuario» whose secret this computer does not hold. The
person, their secret (hidden), and whether to remember it in the system's secure store; Entrar
checks it off the GUI thread (Argon2id takes ~0.4 s) and says why not, in Spanish, keeping what
was typed in the person field. Keyboard: Enter signs in, Esc closes; the secret field has the
focus when the person is already chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.corrections.corrections_session import DecisionsSession


class LoginDialog(QDialog):
    def __init__(self, session: DecisionsSession, login: str | None = None, why: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Iniciar sesión"))
        self.session = session
        intro = QLabel(self.tr("Cada persona demuestra quién es con su propia clave: así nadie "
                               "propone ni aprueba en nombre de otra."), self)
        intro.setWordWrap(True)
        self.person = QComboBox(self)
        self.person.setObjectName("loginPerson")
        for person in session.people():
            self.person.addItem(f"{person.name} ({person.login})", person.login)
        if self.person.count() == 0:  # a shared server not open yet: the login is typed
            self.person.setEditable(True)
            self.person.setEditText(login or "")
        elif login is not None:
            self.person.setCurrentIndex(max(self.person.findData(login), 0))
        self.secret = QLineEdit(self)
        self.secret.setObjectName("loginSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Clave"))
        self.remember = QCheckBox(self.tr("&Recordarla en este equipo (almacén seguro del "
                                          "sistema)"), self)
        self.remember.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Persona:"), self.person)
        form.addRow(self.tr("&Clave:"), self.secret)
        form.addRow("", self.remember)
        self.status = QLabel(why, self)
        self.status.setObjectName("loginStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #8a1c1c;")
        self.status.setVisible(bool(why))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.enter = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.enter.setText(self.tr("&Entrar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        session.signInFinished.connect(self._finished)
        self.resize(460, 0)
        (self.secret if login is not None else self.person).setFocus()

    def login(self) -> str:
        """The chosen person's login (typed, when the list is empty)."""
        return str(self.person.currentData() or self.person.currentText()).strip().lower()

    def submit(self) -> None:
        login = self.login()
        if not login:
            return
        if not self.secret.text():
            self._say(self.tr("Escriba la clave de {login}.").format(login=login))
            return
        self._busy(True)
        self._say(self.tr("Comprobando la clave…"), error=False)
        self.session.sign_in(login, self.secret.text(), remember=self.remember.isChecked())

    def _finished(self, login: str, why: str) -> None:
        if login != self.login() and login:
            return
        self._busy(False)
        if why:
            self._say(why)
            self.secret.selectAll()
            self.secret.setFocus()
            return
        self.secret.clear()
        self.accept()

    def _busy(self, busy: bool) -> None:
        for widget in (self.person, self.secret, self.remember, self.enter):
            widget.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = True) -> None:
        self.status.setStyleSheet("color: #8a1c1c;" if error else "")
        self.status.setText(text)
        self.status.show()
