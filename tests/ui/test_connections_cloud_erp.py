"""Conexiones with Siigo Nube and Alegra: their forms, the secret in the keyring only, and
«Probar conexión» against the sandbox's emulators."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.demo import ensure_demo
from app.demo.sandbox import Sandbox
from app.domain.schema import Entity, System
from app.progress import run
from tests.ui.test_connections import CANARY, FakeSecrets, all_text_under, make_dialog, open_editor


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "datos")


@pytest.fixture(scope="module")
def sandbox(cuadre_data_dir: Path) -> Iterator[Sandbox]:
    run(ensure_demo(data_dir=cuadre_data_dir))
    with Sandbox(port=0, data_dir=cuadre_data_dir) as sb:
        yield sb


@pytest.mark.parametrize(("kind", "user", "source"), [
    ("siigo", "api@concesionario.co", "siigo://api@concesionario.co@autos-norte"),
    ("alegra", "contabilidad@concesionario.co",
     "alegra://contabilidad@concesionario.co@autos-norte"),
])
def test_a_cloud_erp_is_a_form_of_user_and_company_its_key_in_the_keyring(
        qtbot, store, tmp_path, kind, user, source):
    secrets = FakeSecrets()
    dialog = make_dialog(qtbot, store, secrets)
    editor = open_editor(qtbot, dialog, dialog.new_button)
    qtbot.keyClicks(editor.name_edit, "Autos Norte")
    crm = editor.sources[System.CRM]
    crm.set_kind("rest")
    qtbot.keyClicks(crm.rest_url, "https://crm.example.co/api")
    assert crm.kind_combo.findData(kind) == -1  # an ERP: not offered for the CRM
    erp = editor.sources[System.ERP]
    editor.tabs.setCurrentWidget(erp)
    erp.set_kind(kind)
    page = erp.cloud_pages[erp.kind]
    assert page.isVisible() and not erp.pages[0].isVisible()
    qtbot.keyClicks(page.user, user)
    qtbot.keyClicks(page.company, "autos-norte")
    page.company.editingFinished.emit()
    assert erp.source_text() == source and erp.secret_edit.isVisible()
    qtbot.keyClicks(erp.secret_edit, CANARY)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert secrets.entries.get(source) == CANARY
    saved = store.get("Autos Norte")
    assert saved is not None and (saved.erp.kind, saved.erp.source) == (kind, source)
    assert CANARY not in all_text_under(tmp_path / "datos")
    # Opened again, the form shows what was saved (the key never).
    again = open_editor(qtbot, dialog, dialog.edit_button).sources[System.ERP]
    assert again.cloud_pages[again.kind].user.text() == user
    assert again.cloud_pages[again.kind].company.text() == "autos-norte"
    assert again.secret_edit.text() == "" and "Hay una credencial guardada" in again.secret_status.text()
    dialog.editor.reject()


def test_another_server_is_named_by_its_address(qtbot, store):
    dialog = make_dialog(qtbot, store, FakeSecrets())
    erp = open_editor(qtbot, dialog, dialog.new_button).sources[System.ERP]
    erp.set_kind("siigo")
    page = erp.cloud_pages[erp.kind]
    qtbot.keyClicks(page.user, "api@x.co")
    qtbot.keyClicks(page.server, "http://127.0.0.1:8765")
    assert erp.source_text() == "siigo+http://api@x.co@127.0.0.1:8765"
    page.set_source("alegra+https://a@b.co@proxy.example.co")
    assert (page.user.text(), page.server.text()) == ("a@b.co", "https://proxy.example.co")
    dialog.editor.reject()


@pytest.mark.parametrize("which", ["siigo", "alegra"])
def test_probar_conexion_counts_what_the_cloud_erp_holds(qtbot, store, sandbox, which):
    source = sandbox.siigo_source if which == "siigo" else sandbox.alegra_source
    secrets = FakeSecrets()
    secrets.entries.update({sandbox.url("crm"): sandbox.token, source: sandbox.token})
    store.save(ConnectionProfile("Sandbox", crm=SourceConfig("rest", sandbox.url("crm")),
                                 erp=SourceConfig(which, source)))
    dialog = make_dialog(qtbot, store, secrets)
    with qtbot.waitSignal(dialog.tested, timeout=60_000) as caught:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    erp = caught.args[0]["erp"]
    assert erp["error"] is None and erp["counts"] == {
        Entity.CUSTOMERS.value: 1961, Entity.PAYMENTS.value: 4273, Entity.INVOICES.value: 3713}
    assert dialog.result_plain.splitlines()[1].startswith("ERP: Clientes: 1.961")
    qtbot.waitUntil(lambda: not dialog.runner.running)


def test_probar_conexion_says_when_siigo_refuses_the_key(qtbot, store, sandbox):
    secrets = FakeSecrets()
    secrets.entries.update({sandbox.url("crm"): sandbox.token, sandbox.siigo_source: CANARY})
    store.save(ConnectionProfile("Sandbox", crm=SourceConfig("rest", sandbox.url("crm")),
                                 erp=SourceConfig("siigo", sandbox.siigo_source)))
    dialog = make_dialog(qtbot, store, secrets)
    with qtbot.waitSignal(dialog.tested, timeout=60_000):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    text = dialog.result_plain
    assert "Siigo rechazó el usuario o la clave de acceso" in text
    assert CANARY not in text and "Traceback" not in text
    qtbot.waitUntil(lambda: not dialog.runner.running)
