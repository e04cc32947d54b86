"""The main window reconciles a saved connection profile: chosen in the toolbar or with
"Usar este perfil" in Conexiones, run with F5, remembered; a source that fails says why in
Spanish and the results on screen stay."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_fakes import make_report

from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from ui.connections.connections_window import ConnectionsDialog
from ui.main_window import MainWindow

CANARY = "canario-7f3a-NO-DEBE-APARECER"

CUSTOMERS_HEADER = "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad"
PAYMENTS_HEADER = "Recibo;Factura;Documento cliente;Valor;Fecha de pago"


class FakeSecrets:
    """The ``app.security.secrets`` API in memory (never the real keyring)."""

    def __init__(self, entries: dict[str, str] | None = None) -> None:
        self.entries = dict(entries or {})

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref)

    def set_secret(self, ref: str, secret: str) -> None:
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        return True, "almacén de prueba"


def write(path: Path, header: str, rows: list[str]) -> str:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", "utf-8")
    return str(path)


def files_profile(tmp_path: Path, name: str = "Norte", **settings: object) -> ConnectionProfile:
    """Customers and payments in the CRM; customers and payments in the ERP, vehicles only in
    the CRM (so only customers and payments are reconciled)."""
    crm = SourceConfig("file", files={
        "customers": write(tmp_path / "clientes_crm.csv", CUSTOMERS_HEADER, [
            "79845123;Juan;Pérez;3001234567;Bogotá",
            "43555666;Ana;Gómez;3109876543;Medellín",
        ]),
        "payments": write(tmp_path / "pagos_crm.csv", PAYMENTS_HEADER + ";Observaciones", [
            "RC-1;FV-1;79845123;1.500.000;15/03/2024;al día",
            "RC-2;FV-2;79845123;12,3,4;16/03/2024;",
        ]),
        "vehicles": write(tmp_path / "vehiculos_crm.csv", "VIN;Marca;Estado", [
            "9BWZZZ377VT004251;Chevrolet;Vendido",
        ]),
    })
    erp = SourceConfig("file", files={
        "customers": write(tmp_path / "clientes_erp.csv", CUSTOMERS_HEADER, [
            "79845123;Juan;Pérez;3009999999;Bogotá",
        ]),
        "payments": write(tmp_path / "pagos_erp.csv", PAYMENTS_HEADER, [
            "RC-1;FV-1;79845123;1.500.500;15/03/2024",
            "RC-2;FV-2;79845123;800.000;16/03/2024",
        ]),
    })
    return ConnectionProfile(name, crm=crm, erp=erp, **settings)  # type: ignore[arg-type]


def broken_profile(tmp_path: Path, name: str = "Roto") -> ConnectionProfile:
    """A CRM file and an ERP database that does not exist."""
    crm = SourceConfig("file", files={"customers": write(
        tmp_path / "clientes_roto.csv", CUSTOMERS_HEADER, ["79845123;Juan;Pérez;3001234567;Bogotá"])})
    missing = tmp_path / "no_existe" / "erp.sqlite"
    return ConnectionProfile(name, crm=crm, erp=SourceConfig("sql", f"sqlite:///{missing}"))


def fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
    yield Progress("generate_demo", 1, 1)
    return make_report()


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "datos")


@pytest.fixture
def secrets() -> FakeSecrets:
    return FakeSecrets()


def make_window(qtbot, store: ProfileStore, secrets: FakeSecrets) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_factory=fake_demo, profile_store=store, secrets=secrets)
    window.show_error = lambda message: None  # errorShown still fires
    qtbot.addWidget(window)
    window.resize(1440, 900)
    return window


@pytest.fixture
def window(qtbot, store, secrets):  # type: ignore[no-untyped-def]
    made = make_window(qtbot, store, secrets)
    yield made
    assert made.shutdown(), "a task thread was still running at the end of the test"


def choose(qtbot, window: MainWindow, name: str | None) -> None:  # type: ignore[no-untyped-def]
    """Pick ``name`` (None: Demostración) in the toolbar's selector, as a user does."""
    combo = window.profile_picker.combo
    row = 0 if name is None else combo.findData(name)
    assert row >= 0, name
    combo.setCurrentIndex(row)
    combo.activated.emit(row)


def press_f5(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)


def kinds(report: Report, entity: Entity) -> list[str]:
    return sorted(m.kind for m in report.results[entity].findings())


# --- choosing and running -------------------------------------------------------------------


def test_the_selector_lists_the_demo_first_then_the_profiles(qtbot, store, secrets, tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    store.save(broken_profile(tmp_path, "Sur"))
    window = make_window(qtbot, store, secrets)
    assert window.profile_picker.names() == ["Demostración", "Norte", "Sur"]
    assert window.current_source() is None
    assert window.open_demo_button.text() == "Abrir la demo"
    assert window.regenerate_action.isVisible()  # the demo is chosen
    assert window.shutdown()


def test_choosing_a_profile_reconciles_its_files_and_f5_runs_it_again(qtbot, window, store,
                                                                       tmp_path):
    store.save(files_profile(tmp_path, "Norte", amount_tolerance_abs=Decimal(1000)))
    window.refresh_profiles()
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000) as loaded:
        choose(qtbot, window, "Norte")
    report = loaded.args[0]

    # Only what both systems hold: vehicles are only in the CRM.
    assert set(report.results) == {Entity.CUSTOMERS, Entity.PAYMENTS}
    assert kinds(report, Entity.CUSTOMERS) == ["only_in_crm", "phone_differs"]
    # The profile's tolerance ($ 1.000) absorbs RC-1's $ 500; RC-2 differs for real.
    assert kinds(report, Entity.PAYMENTS) == ["amount_differs"]
    assert window.tab_titles() == ["Clientes (2)", "Pagos (1)", "Inventario", "Conteo físico",
                                   "Tablero"]
    assert not window.tabs.isTabEnabled(2)  # nothing compared: not "0 differences"
    assert window.tabs.tabToolTip(2) == ("No se concilió: solo uno de los dos sistemas (o "
                                         "ninguno) trae inventario.")
    assert window.windowTitle() == "Cuadre — Norte"
    assert window.source_label.text() == "Perfil «Norte»" and window.source_label.isVisibleTo(window)
    assert window.status_label.text().startswith("Reconciliado: 2 clientes, 2 pagos · 3 diferencias")
    assert not window.regenerate_action.isVisible()  # the demo's own action
    assert store.active() == "Norte"

    # A new row in the ERP export; F5 reads the files again.
    write(tmp_path / "clientes_erp.csv", CUSTOMERS_HEADER, [
        "79845123;Juan;Pérez;3009999999;Bogotá", "43555666;Ana;Gómez;3109876543;Medellín"])
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000) as loaded:
        press_f5(qtbot, window)
    assert kinds(loaded.args[0], Entity.CUSTOMERS) == ["phone_differs"]
    assert window.tab_titles()[0] == "Clientes (1)"
    qtbot.waitUntil(lambda: not window.runner.running)
    assert not window.cancel_button.isVisible()


def test_unreadable_cells_are_listed(qtbot, window, store, tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    window.refresh_profiles()
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000):
        choose(qtbot, window, "Norte")
    assert window.issues_button.isVisibleTo(window)
    # 3 cells and columns, and the 4 files without an identifier column (issue 13), said first.
    text = window.issues_button.text()
    assert text.startswith("⚠ ") and text.endswith(" no tiene columna de identificador: sus "
                                                   "registros se nombran por su línea · 7 avisos al leer")
    assert text.removeprefix("⚠ ").split(" no tiene ")[0].endswith(".csv")
    tip = window.issues_button.toolTip()
    assert tip.splitlines()[1] == ("· CRM · Clientes: sin columna de identificador; los registros "
                                   "se nombran por su línea («clientes_crm.csv»)")  # listed first
    assert "CRM · Pagos, fila 3, columna Valor: no se pudo interpretar («12,3,4»)" in tip
    assert "columna que no se usa" in tip  # Observaciones
    window.show_issues()
    box = window.findChild(QMessageBox, "issuesBox")
    assert box is not None and box.isVisible()
    box.close()


def test_a_failing_source_says_why_and_keeps_the_previous_results(qtbot, window, store,
                                                                   tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    store.save(broken_profile(tmp_path, "Roto"))
    window.refresh_profiles()
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000):
        choose(qtbot, window, "Norte")
    shown = window.report
    titles = window.tab_titles()

    with qtbot.waitSignal(window.errorShown, timeout=20_000) as failed:
        choose(qtbot, window, "Roto")
    message = failed.args[0]
    assert message == "ERP: No se encuentra el archivo de base de datos erp.sqlite (en " \
        f"{tmp_path / 'no_existe'})."
    assert "Traceback" not in message
    qtbot.waitUntil(lambda: not window.runner.running)
    assert window.report is shown and window.tab_titles() == titles
    assert window.windowTitle() == "Cuadre — Norte"  # what is on screen
    assert window.source_label.text() == "Perfil «Norte»"
    assert window.status_label.text() == (f"Falló: {message} Se conserva la conciliación "
                                          "anterior.")
    assert window.current_source() == "Roto"  # F5 tries it again once it is fixed
    assert window.reconcile_action.isEnabled()


def test_the_error_box_names_the_profile(qtbot, store, secrets, tmp_path):
    store.save(broken_profile(tmp_path, "Roto"))
    window = MainWindow(demo_factory=fake_demo, profile_store=store, secrets=secrets)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.errorShown, timeout=20_000):
        choose(qtbot, window, "Roto")
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert box.text() == "No se pudo conciliar el perfil «Roto»."
    assert box.informativeText().startswith("ERP: No se encuentra el archivo de base de datos")
    box.close()
    assert window.shutdown()


def test_an_unreachable_server_and_a_missing_credential(qtbot, store, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    crm = SourceConfig("rest", f"http://127.0.0.1:{port}/crm")
    erp = SourceConfig("file", files={"customers": write(
        tmp_path / "c.csv", CUSTOMERS_HEADER, ["79845123;Juan;Pérez;3001234567;Bogotá"])})
    store.save(ConnectionProfile("API", crm=crm, erp=erp))
    secrets = FakeSecrets({f"http://127.0.0.1:{port}/crm": CANARY})
    window = make_window(qtbot, store, secrets)
    with qtbot.waitSignal(window.errorShown, timeout=30_000) as failed:
        choose(qtbot, window, "API")
    message = failed.args[0]
    assert message.startswith(f"CRM · Clientes: 127.0.0.1:{port}/crm/customers rechazó la "
                              "conexión")
    assert CANARY not in message and CANARY not in window.status_label.text()
    assert window.pages.currentWidget() is window.empty_page  # nothing shown yet, nothing lost
    assert window.status_label.text() == f"Falló: {message}"

    secrets.entries.clear()
    with qtbot.waitSignal(window.errorShown, timeout=30_000) as failed:
        press_f5(qtbot, window)
    assert failed.args[0].startswith("CRM · Clientes: No hay credenciales guardadas para "
                                     f"127.0.0.1:{port}/crm")
    assert failed.args[0].endswith(" La credencial se escribe en Conexiones (Ctrl+K) › Editar…")
    assert window.shutdown()


def test_a_missing_required_column_is_explained(qtbot, window, store, tmp_path):
    profile = files_profile(tmp_path, "Norte")
    erp = SourceConfig("file", files={
        "customers": str(tmp_path / "clientes_erp.csv"),
        "payments": write(tmp_path / "pagos_sin_valor.csv", "Recibo;Fecha de pago",
                          ["RC-1;15/03/2024"])})
    store.save(profile.with_source("erp", erp))
    window.refresh_profiles()
    with qtbot.waitSignal(window.errorShown, timeout=20_000) as failed:
        choose(qtbot, window, "Norte")
    message = failed.args[0]
    assert message.startswith("ERP · Pagos: El archivo pagos_sin_valor.csv no parece de pagos: "
                              "falta una columna como «Valor pagado»")
    assert "Traceback" not in message


def test_cancel_stops_a_profile_run(qtbot, window, store, tmp_path, monkeypatch):
    import threading

    import app.connections.systems as runs

    store.save(files_profile(tmp_path, "Norte"))
    window.refresh_profiles()
    release = threading.Event()
    closed: list[str] = []
    real = runs.open_connector

    def slow(config, system, entity=None, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        connector = real(config, system, entity, **kwargs)
        connector.close = lambda: closed.append(f"{system}:{entity}")  # type: ignore[attr-defined]
        return connector

    monkeypatch.setattr(runs, "open_connector", slow)
    with qtbot.waitSignal(window.runner.progress, timeout=5000):
        choose(qtbot, window, "Norte")
    assert window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.runner.cancelled, timeout=10_000):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert window.status_label.text() == "Cancelado."
    assert window.report is None
    qtbot.waitUntil(lambda: len(closed) == 1, timeout=5000)  # the file opened was closed


# --- remembering ------------------------------------------------------------------------------


def test_the_choice_is_remembered(qtbot, store, secrets, tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    first = make_window(qtbot, store, secrets)
    with qtbot.waitSignal(first.reportLoaded, timeout=20_000):
        choose(qtbot, first, "Norte")
    assert first.shutdown()
    assert "Norte" in store.path.read_text("utf-8")

    second = make_window(qtbot, store, secrets)
    assert second.current_source() == "Norte"
    assert second.open_demo_button.text() == "Conciliar «Norte»"
    assert not second.regenerate_action.isVisible()
    with qtbot.waitSignal(second.reportLoaded, timeout=20_000):
        qtbot.mouseClick(second.open_demo_button, Qt.MouseButton.LeftButton)
    assert second.windowTitle() == "Cuadre — Norte"

    with qtbot.waitSignal(second.reportLoaded, timeout=20_000):
        choose(qtbot, second, None)  # back to the demo
    assert second.windowTitle() == "Cuadre — Demostración"
    assert second.source_label.text() == "Demostración"
    assert store.active() is None
    assert second.shutdown()
    third = make_window(qtbot, store, secrets)
    assert third.current_source() is None
    assert third.open_demo_button.text() == "Abrir la demo"
    assert third.shutdown()


def test_renaming_keeps_and_deleting_forgets_the_choice(tmp_path):
    store = ProfileStore(tmp_path)
    store.save(files_profile(tmp_path, "Norte"))
    store.save(files_profile(tmp_path, "Sur"))
    store.set_active("norte")
    assert store.active() == "Norte"
    store.rename("Norte", "Norte principal")
    assert store.active() == "Norte principal"
    store.delete("Norte principal")
    assert store.active() is None
    assert store.names() == ["Sur"]


# --- Conexiones -------------------------------------------------------------------------------


def test_usar_este_perfil_in_conexiones(qtbot, window, store, tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    store.save(broken_profile(tmp_path, "Sur"))
    dialog = window.open_connections()
    assert isinstance(dialog, ConnectionsDialog) and dialog.isVisible()
    assert dialog.store is store
    dialog.select("Norte")
    assert dialog.use_button.isEnabled()
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000):
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert closed == [1]  # accepted and closed
    assert window.current_source() == "Norte" and store.active() == "Norte"
    assert window.profile_picker.names() == ["Demostración", "Norte", "Sur"]
    assert window.windowTitle() == "Cuadre — Norte"

    again = window.open_connections()
    bold = [again.profile_list.item(r).font().bold() for r in range(again.profile_list.count())]
    assert bold == [True, False]  # the profile the window reconciles
    again.reject()


def test_a_profile_deleted_in_conexiones_falls_back_to_the_demo(qtbot, window, store, tmp_path):
    store.save(files_profile(tmp_path, "Norte"))
    store.set_active("Norte")
    window.refresh_profiles()
    assert window.current_source() == "Norte"
    dialog = window.open_connections()
    dialog.store.delete("Norte")
    dialog.reject()
    assert window.profile_picker.names() == ["Demostración"]
    assert window.current_source() is None
    assert window.open_demo_button.text() == "Abrir la demo"


def test_a_profile_with_one_unreadable_entity_shows_the_rest(qtbot, window, store, tmp_path):
    """Customers read, payments not: the customers tab is filled, the payments tab is disabled
    with the reason, and the user is told which entity was not read."""
    profile = files_profile(tmp_path, "Norte")
    erp = SourceConfig("file", files={
        "customers": str(tmp_path / "clientes_erp.csv"),
        "payments": str(tmp_path / "no_existe.csv")})
    store.save(profile.with_source("erp", erp))
    window.refresh_profiles()
    with qtbot.waitSignal(window.reportLoaded, timeout=20_000), \
            qtbot.waitSignal(window.errorShown, timeout=20_000) as told:
        choose(qtbot, window, "Norte")
    assert told.args[0] == "ERP · Pagos: No se encuentra el archivo no_existe.csv."
    titles = window.tab_titles()
    customers, payments = titles.index(next(t for t in titles if t.startswith("Clientes"))), \
        titles.index("Pagos")
    assert window.tabs.isTabEnabled(customers) and not window.tabs.isTabEnabled(payments)
    assert window.tabs.tabToolTip(payments) == ("No se pudo leer: ERP · Pagos: No se encuentra "
                                                "el archivo no_existe.csv.")
    assert window.status_label.text().startswith("Conciliación parcial: 1 sin leer.")
