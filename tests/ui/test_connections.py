"""Conexiones: profiles created, edited, duplicated and deleted in the window; secrets only in
the (fake) keyring; Probar conexión; the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.domain.schema import Entity, System
from ui.connections.connections_window import ConnectionsDialog, counts_text
from ui.connections.profile_editor import ProfileEditor

CANARY = "canario-7f3a-NO-DEBE-APARECER"


class FakeSecrets:
    """The ``app.security.secrets`` API in memory; ``secure=False`` is a keyrings.alt-like store."""

    class SecretStoreError(Exception):
        pass

    def __init__(self, secure: bool = True) -> None:
        self.secure = secure
        self.entries: dict[str, str] = {}

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref) if self.secure else None

    def set_secret(self, ref: str, secret: str) -> None:
        if not self.secure:
            raise self.SecretStoreError("el almacén no es seguro")
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        if self.secure:
            return True, "Secret Service (prueba)"
        return False, ("el almacén configurado (keyrings.alt.file.PlaintextKeyring) guarda las "
                       "claves en un archivo del disco, que no es un almacén seguro del sistema")


def write_customers(path: Path, rows: int, phone_header: str = "Celular") -> Path:
    lines = [f"Nro. Identificación;Nombres;Apellidos;{phone_header};Ciudad"]
    lines += [f"{79845123 + 7 * i};Juan;Pérez;{3001234567 + i};Bogotá" for i in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def write_payments(path: Path, rows: int) -> Path:
    lines = ["Recibo;Factura;Documento cliente;Valor;Fecha de pago"]
    lines += [f"RC-{i};FV-{i};79845123;1.500.000;15/03/2024" for i in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "datos"


@pytest.fixture
def store(folder: Path) -> ProfileStore:
    return ProfileStore(folder)


@pytest.fixture
def secrets() -> FakeSecrets:
    return FakeSecrets()


def make_dialog(qtbot, store: ProfileStore, secrets: FakeSecrets):  # type: ignore[no-untyped-def]
    dialog = ConnectionsDialog(store, secrets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def dialog(qtbot, store, secrets):  # type: ignore[no-untyped-def]
    made = make_dialog(qtbot, store, secrets)
    yield made
    assert made.runner.shutdown(), "the connection test was still running at the end"


def open_editor(qtbot, dialog: ConnectionsDialog, button) -> ProfileEditor:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor is not None and editor.isVisible()
    return editor


def file_profile(tmp_path: Path, name: str = "Norte", rows: int = 3) -> ConnectionProfile:
    crm = SourceConfig("file", files={
        "customers": str(write_customers(tmp_path / "clientes_crm.csv", rows)),
        "payments": str(write_payments(tmp_path / "pagos_crm.csv", 2)),
    })
    erp = SourceConfig("file", files={
        "customers": str(write_customers(tmp_path / "clientes_erp.csv", 4)),
    })
    return ConnectionProfile(name, crm=crm, erp=erp)


def all_text_under(folder: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*")
                     if p.is_file())


# --- create, edit, duplicate, delete ------------------------------------------------------------


def test_create_a_profile_with_a_secret(qtbot, dialog, store, secrets, tmp_path, folder):
    assert dialog.profile_list.count() == 0
    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.keyClicks(editor.name_edit, "Concesionario Norte")
    crm = editor.sources[System.CRM]
    qtbot.keyClicks(crm.file_edits[Entity.CUSTOMERS], str(write_customers(tmp_path / "c.csv", 3)))
    erp = editor.sources[System.ERP]
    editor.tabs.setCurrentWidget(erp)
    erp.set_kind("sql")
    qtbot.keyClicks(erp.sql_url, "postgresql://cuadre@erp.local:5432/erp")
    erp.sql_url.editingFinished.emit()
    assert erp.secret_edit.isVisible() and not crm.secret_edit.isVisibleTo(editor)
    assert erp.secret_edit.echoMode() == erp.secret_edit.EchoMode.Password
    qtbot.keyClicks(erp.secret_edit, CANARY)
    left_in_field: list[str] = []
    editor.accepted.connect(lambda: left_in_field.append(erp.secret_text()))

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert left_in_field == [""]  # cleared as soon as it was saved
    assert secrets.entries == {"postgresql://cuadre@erp.local:5432/erp": CANARY}
    saved = store.get("Concesionario Norte")
    assert saved is not None and saved.erp.source == "postgresql://cuadre@erp.local:5432/erp"
    assert CANARY not in all_text_under(folder)
    assert dialog.profile_list.count() == 1
    assert dialog.selected() == saved
    assert "Credencial guardada en Secret Service (prueba)." in dialog.message_label.text()
    assert "credencial guardada" in dialog.detail_labels["erp"].text()
    assert CANARY not in dialog.message_label.text() + dialog.detail_labels["erp"].text()


def test_edit_and_rename_a_profile(qtbot, store, secrets, tmp_path):
    store.save(file_profile(tmp_path, "Norte"))
    store.save(file_profile(tmp_path, "Sur"))
    dialog = make_dialog(qtbot, store, secrets)
    dialog.select("Norte")
    editor = open_editor(qtbot, dialog, dialog.edit_button)
    assert editor.name_edit.text() == "Norte"
    assert editor.sources[System.CRM].file_edits[Entity.PAYMENTS].text().endswith("pagos_crm.csv")
    editor.name_edit.clear()
    qtbot.keyClicks(editor.name_edit, "Norte principal")
    editor.date_window.setValue(4)
    editor.sor_combos["phone"].setCurrentIndex(editor.sor_combos["phone"].findData("erp"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert store.names() == ["Norte principal", "Sur"]  # renamed in place
    edited = store.get("Norte principal")
    assert edited is not None and edited.date_window_days == 4
    assert edited.system_of_record["phone"] == "erp"
    assert dialog.selected() == edited


def test_validation_is_inline_and_saves_nothing(qtbot, dialog, store, tmp_path):
    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and editor.name_error.isVisible()
    assert editor.name_error.text() == "Escriba un nombre para el perfil."

    qtbot.keyClicks(editor.name_edit, "Norte")
    crm = editor.sources[System.CRM]
    qtbot.keyClicks(crm.file_edits[Entity.CUSTOMERS], str(write_customers(tmp_path / "c.csv", 1)))
    erp = editor.sources[System.ERP]
    editor.tabs.setCurrentWidget(erp)
    erp.set_kind("sql")
    qtbot.keyClicks(erp.sql_url, "postgresql://cuadre:hunter2@erp.local/erp")
    editor.tabs.setCurrentIndex(0)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.tabs.currentWidget() is erp
    assert erp.error_label.isVisible() and "contraseña" in erp.error_label.text()
    assert "hunter2" not in erp.error_label.text()
    assert not store.path.exists()
    editor.reject()


def test_duplicate_a_profile(qtbot, store, secrets, tmp_path):
    store.save(file_profile(tmp_path, "Norte"))
    dialog = make_dialog(qtbot, store, secrets)
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    assert store.names() == ["Norte", "Norte (copia)", "Norte (copia) (copia)"]
    dialog.select("Norte")
    qtbot.mouseClick(dialog.duplicate_button, Qt.MouseButton.LeftButton)
    assert store.names()[-1] == "Norte (copia 2)"
    assert dialog.selected() is not None and dialog.selected().name == "Norte (copia 2)"


def test_delete_asks_first_and_can_forget_the_secret(qtbot, store, secrets, tmp_path):
    profile = file_profile(tmp_path, "Norte").with_source(
        "erp", SourceConfig("rest", "https://erp.example.com/api"))
    store.save(profile)
    store.save(file_profile(tmp_path, "Sur"))
    secrets.entries["https://erp.example.com/api"] = "x"
    dialog = make_dialog(qtbot, store, secrets)
    dialog.select("Norte")

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    box = dialog.delete_box
    assert box is not None and "«Norte»" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc is "No"
    assert dialog.delete_box is None and store.names() == ["Norte", "Sur"]

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    box = dialog.delete_box
    assert box is not None and box.checkBox() is not None and box.checkBox().isChecked()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert store.names() == ["Sur"]
    assert secrets.entries == {}
    assert dialog.selected() is not None and dialog.selected().name == "Sur"
    assert "eliminado" in dialog.message_label.text()


def test_the_delete_key_on_the_list_asks_too(qtbot, store, secrets, tmp_path):
    store.save(file_profile(tmp_path, "Norte"))
    dialog = make_dialog(qtbot, store, secrets)
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Delete)
    box = dialog.delete_box
    assert box is not None and box.checkBox() is None  # no credential to forget
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert store.names() == []
    assert not dialog.edit_button.isEnabled() and not dialog.test_button.isEnabled()


# --- secrets ------------------------------------------------------------------------------------


def test_an_insecure_store_refuses_the_secret_and_says_why(qtbot, store, tmp_path, folder):
    secrets = FakeSecrets(secure=False)
    dialog = make_dialog(qtbot, store, secrets)
    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.keyClicks(editor.name_edit, "Con API")
    crm = editor.sources[System.CRM]
    crm.set_kind("rest")
    qtbot.keyClicks(crm.rest_url, "https://crm.example.com/api")
    qtbot.keyClicks(crm.secret_edit, CANARY)
    qtbot.keyClicks(editor.sources[System.ERP].file_edits[Entity.CUSTOMERS],
                    str(write_customers(tmp_path / "c.csv", 1)))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    message = dialog.message_label.text()
    assert "No se guardó la credencial" in message and "no es un almacén seguro" in message
    assert "sin credencial" in message
    assert dialog.message_label.property("problem") is True
    assert secrets.entries == {}
    saved = store.get("Con API")
    assert saved is not None and saved.crm.source == "https://crm.example.com/api"
    assert "falta la credencial" in dialog.detail_labels["crm"].text()
    assert CANARY not in all_text_under(folder)
    assert CANARY not in message


def test_the_real_secret_module_with_an_in_memory_keyring(qtbot, store, tmp_path, folder):
    """The window against ``app.security.secrets`` itself, with a trusted in-memory backend
    (never the developer's keyring)."""
    keyring = pytest.importorskip("keyring")
    secrets_module = pytest.importorskip("app.security.secrets")
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.data: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.data.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.data[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.data.pop((service, username))

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    secrets_module.trust_backend(MemoryKeyring, "memoria de prueba")
    keyring.set_keyring(memory)
    try:
        dialog = make_dialog(qtbot, store, secrets_module)
        editor = open_editor(qtbot, dialog, dialog.new_button)
        qtbot.keyClicks(editor.name_edit, "Odoo")
        qtbot.keyClicks(editor.sources[System.CRM].file_edits[Entity.CUSTOMERS],
                        str(write_customers(tmp_path / "c.csv", 1)))
        erp = editor.sources[System.ERP]
        editor.tabs.setCurrentWidget(erp)
        erp.set_kind("odoo")
        qtbot.keyClicks(erp.odoo_url, "odoo+https://admin@erp.example.com/prod")
        qtbot.keyClicks(erp.secret_edit, CANARY)
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert "Credencial guardada en memoria de prueba." in dialog.message_label.text()
        assert secrets_module.get_secret("odoo+https://admin@erp.example.com/prod") == CANARY
        assert CANARY not in all_text_under(folder)
        dialog.runner.shutdown()
    finally:
        keyring.set_keyring(previous)
        secrets_module.untrust_backend(MemoryKeyring)


# --- Probar conexión ----------------------------------------------------------------------------


def test_probar_conexion_shows_counts_with_es_co_thousands(qtbot, store, secrets, tmp_path):
    store.save(file_profile(tmp_path, "Norte", rows=2319))
    dialog = make_dialog(qtbot, store, secrets)
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as caught:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    results = caught.args[0]
    assert results["crm"]["counts"] == {"customers": 2319, "payments": 2}
    # These exports have no identifier column: each file says so once (issue 13).
    assert dialog.result_plain.splitlines() == ["CRM: Clientes: 2.319 · Pagos: 2 "
                                                "(2 avisos al leer)",
                                                "ERP: Clientes: 4 (1 aviso al leer)"]
    assert dialog.result_label.isVisible()
    qtbot.waitUntil(lambda: not dialog.runner.running)
    assert dialog.test_button.isEnabled() and not dialog.cancel_button.isVisible()


def test_probar_conexion_shows_the_exact_failure(qtbot, store, secrets, tmp_path):
    profile = file_profile(tmp_path, "Norte").with_source(
        "erp", SourceConfig("file", files={"customers": str(tmp_path / "no_existe.csv")}))
    store.save(profile)
    dialog = make_dialog(qtbot, store, secrets)
    with qtbot.waitSignal(dialog.tested, timeout=20_000):
        qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Return)  # Enter = Probar conexión
    lines = dialog.result_plain.splitlines()
    assert lines[0] == "CRM: Clientes: 3 · Pagos: 2 (2 avisos al leer)"  # no identifier column
    assert lines[1] == "ERP · Clientes: No se encuentra el archivo no_existe.csv."
    assert "Traceback" not in dialog.result_plain


def test_probar_conexion_can_be_cancelled(qtbot, store, secrets, tmp_path, monkeypatch):
    import threading

    import app.connections.probe as probe

    store.save(file_profile(tmp_path, "Norte"))
    release = threading.Event()
    real = probe.open_connector

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(probe, "open_connector", slow)
    dialog = make_dialog(qtbot, store, secrets)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and dialog.progress_bar.isVisible()
    assert not dialog.test_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=10_000)
    assert dialog.result_plain == "Prueba cancelada."


def test_counts_text_in_entity_order():
    assert counts_text({"vehicles": 410, "customers": 2319, "payments": 3912}) == (
        "Clientes: 2.319 · Pagos: 3.912 · Inventario: 410")


# --- keyboard ----------------------------------------------------------------------------------


def test_escape_closes_the_dialog(qtbot, dialog):
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_saves_the_editor_and_escape_cancels_it(qtbot, dialog, store, tmp_path):
    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.keyClicks(editor.name_edit, "Con teclado")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Escape)
    assert not editor.isVisible() and not store.path.exists()

    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.keyClicks(editor.name_edit, "Con teclado")
    path = str(write_customers(tmp_path / "c.csv", 1))
    for system in System:
        qtbot.keyClicks(editor.sources[system].file_edits[Entity.CUSTOMERS], path)
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert not editor.isVisible()
    assert store.names() == ["Con teclado"]


def test_fields_have_mnemonics_and_a_sensible_tab_order(qtbot, dialog):
    editor = open_editor(qtbot, dialog, dialog.new_button)
    crm = editor.sources[System.CRM]
    labels = [w for w in crm.findChildren(type(crm.secret_label)) if w.buddy() is not None]
    assert any(label.buddy() is crm.kind_combo and "&" in label.text() for label in labels)
    assert crm.file_edits[Entity.CUSTOMERS].nextInFocusChain() is not None
    assert editor.save_button.isDefault()
    assert dialog.test_button.isDefault()
    editor.reject()


def test_the_main_window_opens_conexiones(qtbot, main_window, monkeypatch, secrets):
    import ui.connections.connections_window as connections

    monkeypatch.setattr(connections, "default_secrets", lambda: secrets)  # never the real keyring
    assert main_window.connections_action.shortcut().toString() == "Ctrl+K"
    main_window.connections_action.trigger()
    opened = main_window.findChildren(ConnectionsDialog)
    assert len(opened) == 1 and opened[0].isVisible()
    assert opened[0].windowTitle() == "Conexiones"
    opened[0].reject()


def test_a_damaged_profiles_file_is_explained(qtbot, store, secrets, folder):
    folder.mkdir(parents=True)
    store.path.write_text("{esto no es json", "utf-8")
    dialog = make_dialog(qtbot, store, secrets)
    message = dialog.message_label.text()
    assert "dañado" in message and "profiles.json.bak" in message
    assert dialog.message_label.property("problem") is True
    assert (folder / "profiles.json.bak").read_text("utf-8") == "{esto no es json"
    assert dialog.profile_list.count() == 0


def test_quitar_credencial_removes_it_from_the_keyring(qtbot, store, secrets, tmp_path):
    store.save(file_profile(tmp_path, "Norte").with_source(
        "erp", SourceConfig("rest", "https://erp.example.com/api")))
    secrets.entries["https://erp.example.com/api"] = "x"
    dialog = make_dialog(qtbot, store, secrets)
    assert "credencial guardada" in dialog.detail_labels["erp"].text()
    editor = open_editor(qtbot, dialog, dialog.edit_button)
    erp = editor.sources[System.ERP]
    editor.tabs.setCurrentWidget(erp)
    assert "Hay una credencial guardada" in erp.secret_status.text()
    assert erp.secret_edit.text() == ""  # the stored secret is never shown
    qtbot.mouseClick(erp.forget_button, Qt.MouseButton.LeftButton)
    assert secrets.entries == {}
    assert not erp.forget_button.isEnabled()
    editor.reject()
