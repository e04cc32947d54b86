"""Issue 17 in the window: who works proves it. «Iniciar sesión» opens at start when the person
who worked last has no secret on this computer, and when «Usuario» chooses someone whose secret
it does not hold; a wrong secret is said in Spanish and nothing changes; the right one, typed
and confirmed with Enter, makes them the person working and is remembered in the keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.security import passphrases
from app.security.secrets import SERVICE
from app.writeback import identity
from app.writeback.people import remember_user
from ui.corrections.corrections_session import DecisionsSession
from ui.main_window import MainWindow

SECRETS = {"ana": "clave-de-ana-123", "bea": "clave-de-bea-123"}


def _office(url: str) -> None:
    session = DecisionsSession(url)
    assert session.add_person("ana", "Ana Ruiz", ["admin", "proposer"], SECRETS["ana"]) is None
    session.set_user("ana")  # the first person proved it by creating the workspace
    assert session.add_person("bea", "Beatriz Díaz", ["approver"], SECRETS["bea"]) is None
    assert session.shutdown()


def _ref(url: str, login: str) -> str:
    return passphrases.person_ref(identity.url_key(url), login)


def test_at_start_a_person_without_their_secret_here_is_asked_for_it(
        qtbot, tmp_path: Path, people_secrets) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'oficina.sqlite'}"
    _office(url)
    people_secrets.delete_password(SERVICE, _ref(url, "bea"))  # not on this computer
    remember_user("bea")
    window = MainWindow(store_url=url)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.user_selector.login_dialog is not None, timeout=10_000)
        dialog = window.user_selector.login_dialog
        assert dialog is not None and dialog.isVisible()
        assert window.decisions.user is None
        assert dialog.windowTitle() == "Iniciar sesión"
        assert dialog.person.currentData() == "bea"
        assert "«bea» no ha iniciado sesión en este equipo" in dialog.status.text()
        assert dialog.secret.hasFocus() or dialog.focusWidget() is dialog.secret

        dialog.secret.setText("no-es-la-clave")
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "no es la correcta" in dialog.status.text(), timeout=10_000)
        assert window.decisions.user is None and dialog.isVisible()
        assert dialog.secret.isEnabled() and dialog.secret.selectedText() == "no-es-la-clave"

        dialog.secret.setText(SECRETS["bea"])
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.decisions.user == "bea", timeout=10_000)
        qtbot.waitUntil(lambda: window.user_selector.login_dialog is None, timeout=5_000)
        assert window.decisions.roles == {"approver"}
        assert people_secrets.entries[(SERVICE, _ref(url, "bea"))] == SECRETS["bea"]
    finally:
        remember_user(None)
        assert window.shutdown()


def test_choosing_someone_whose_secret_is_stale_asks_for_it(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'oficina.sqlite'}"
    _office(url)  # this computer's keyring holds the tests' passphrase, not theirs
    remember_user(None)
    window = MainWindow(store_url=url)
    qtbot.addWidget(window)
    window.show()
    try:
        combo = window.user_selector.combo
        combo.setCurrentIndex(combo.findData("ana"))
        combo.activated.emit(combo.currentIndex())
        qtbot.waitUntil(lambda: window.user_selector.login_dialog is not None, timeout=10_000)
        dialog = window.user_selector.login_dialog
        assert dialog is not None and "ya no es la correcta" in dialog.status.text()
        assert window.decisions.user is None
        dialog.remember.setChecked(False)
        dialog.secret.setText(SECRETS["ana"])
        dialog.submit()
        qtbot.waitUntil(lambda: window.decisions.user == "ana", timeout=10_000)
        # Proven in this window: choosing her again needs nothing more.
        window.decisions.choose(None)
        window.decisions.choose("ana")
        assert window.decisions.user == "ana"
    finally:
        remember_user(None)
        assert window.shutdown()


def test_a_demo_workspace_needs_no_secret(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.store import open_store
    from app.writeback import people

    # The real registration: a person given no secret gets one the demo generates and keeps
    # (this computer's keyring, which holds another for everybody here, is not asked).
    monkeypatch.setattr(people, "provision", identity.provision)

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    with open_store(url) as store:
        identity.mark_demo(store)
    session = DecisionsSession(url)
    try:
        assert session.is_demo()
        assert session.add_person("ana", "Ana Ruiz", ["admin"]) is None  # a generated secret
        session.set_user("ana")
        assert session.add_person("bea", "Beatriz Díaz", ["approver"]) is None
        session.choose("bea")  # checked off the GUI thread, against the demo's own secret
        qtbot.waitUntil(lambda: session.user == "bea", timeout=10_000)
        with session.store.read() as s:  # type: ignore[union-attr]
            from app.store.models import PersonSecret

            assert all(row.demo_secret for row in s.query(PersonSecret))
    finally:
        assert session.shutdown()
