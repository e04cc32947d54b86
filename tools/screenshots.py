"""Screenshots of the window on the demo, to look at it as a person would (DESIGN §7).

    xvfb-run -a .venv/bin/python tools/screenshots.py /tmp/shots

Opens the main window at 1440x900 on a new, empty workspace (a temporary store, so nobody
works yet and the proposals panel shows its banner), runs the demo (generating it in the data
folder if needed; set ``CUADRE_DATA_DIR`` to keep it elsewhere), waits for the load, then
saves one PNG per tab with a finding selected so the side-by-side panel shows, plus a few
other states: a duplicate group, a one-sided finding, the table filtered by a search, and the
empty window. Then the Conteo físico tab after importing the demo count of one branch and
comparing it with the ERP. Last, two people join the workspace, one proposes three phone
corrections and the other approves one: the rows and the panel say what is already done.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.demo import demo_files
from app.demo.count import count_path
from app.domain.schema import Entity
from app.writeback import corrections, decisions
from ui.count.count_tab import CountTab
from ui.main import WINDOW_SIZE, setup_application
from ui.main_window import MainWindow
from ui.reconcile.entity_tab import EntityTab

#: The branch whose demo count the Conteo físico shot imports and compares.
COUNT_BRANCH = "Bogotá - Autopista Norte"

#: (file name, entity, kinds to prefer for the selected row, search text)
SHOTS = (
    ("1_clientes.png", Entity.CUSTOMERS, ("name_differs", "phone_differs"), ""),
    ("2_pagos.png", Entity.PAYMENTS, ("amount_differs",), ""),
    ("3_inventario.png", Entity.VEHICLES, ("sold_in_crm_available_in_erp", "branch_differs"), ""),
    ("4_clientes_duplicado.png", Entity.CUSTOMERS, ("duplicate_key",), ""),
    ("5_pagos_sin_recibo.png", Entity.PAYMENTS, ("crm_payment_without_receipt",), ""),
    ("6_inventario_vin.png", Entity.VEHICLES, ("invalid_vin",), ""),
    ("7_clientes_busqueda.png", Entity.CUSTOMERS, (), "perez"),
    ("9_clientes_coincidencia.png", Entity.CUSTOMERS, ("possible_match",), ""),
    ("10_clientes_posible_duplicado.png", Entity.CUSTOMERS, ("possible_duplicate",), ""),
    ("11_pagos_grupo.png", Entity.PAYMENTS, ("date_differs",), ""),
)


# Qt's xcb plugin (a real X server such as Xvfb) needs these system libraries; when one is
# missing Qt aborts, so render offscreen instead: QWidget.grab() paints the same widgets.
_XCB_LIBS = ("xcb-cursor", "xcb-icccm", "xcb-image", "xcb-keysyms", "xcb-render-util",
             "xkbcommon-x11")


def demo_people(window: MainWindow) -> None:
    """The shots' workspace is a demonstration's (issue 17): its people need no passphrase,
    they hold generated secrets kept in it (app.writeback.identity)."""
    from app.writeback.identity import mark_demo

    if window.decisions.store is not None:
        mark_demo(window.decisions.store)


def _choose_platform() -> None:
    if "QT_QPA_PLATFORM" not in os.environ and not (
        os.environ.get("DISPLAY") and all(ctypes.util.find_library(lib) for lib in _XCB_LIBS)
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _settle(app: QApplication, ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _select_kind(tab: EntityTab, kinds: tuple[str, ...]) -> None:
    tab.set_kind(None)
    for kind in kinds:
        for row in range(tab.proxy.rowCount()):
            finding = tab.proxy.finding(tab.proxy.index(row, 0))
            if finding is not None and finding.kind == kind:
                tab.select_row(row)
                tab.view.setFocus()
                return
    tab.select_row(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--reset", action="store_true", help="regenerate the demo first")
    parser.add_argument("--hubspot", action="store_true",
                        help="only the HubSpot shots (Conexiones' form, the merge warning)")
    parser.add_argument("--big", type=int, metavar="ROWS",
                        help="only the Pagos tab with ROWS synthetic findings (issue 18)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    _choose_platform()
    app = QApplication(sys.argv[:1])
    setup_application(app)
    print(f"Qt platform: {app.platformName()}")
    workspace = tempfile.TemporaryDirectory(prefix="cuadre-shots-")
    window = MainWindow(store_url=f"sqlite:///{Path(workspace.name) / 'workspace.sqlite'}")
    demo_people(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    _settle(app)
    window.grab().save(str(args.out / "0_vacio.png"))
    if args.big:
        status = _big_shots(app, window, args.out, args.big)
        window.shutdown()
        workspace.cleanup()
        return status

    loop = QEventLoop()
    errors: list[str] = []
    window.reportLoaded.connect(lambda _report: loop.quit())

    def failed(message: str) -> None:
        errors.append(message)
        loop.quit()

    window.errorShown.connect(failed)
    window.start_demo(reset=args.reset)
    _settle(app, 400)
    window.grab().save(str(args.out / "0_cargando.png"))
    if window.runner.running:
        loop.exec()
    if errors:
        print(f"the demo failed: {errors[0]}", file=sys.stderr)
        return 1

    if args.hubspot:
        status = _hubspot_shots(app, window, args.out)
        window.shutdown()
        workspace.cleanup()
        return status
    for name, entity, kinds, search in SHOTS:
        tab = window.tab(entity)
        window.tabs.setCurrentWidget(tab)
        _life(app, tab)
        tab.search_edit.setText(search)
        tab.apply_search()
        _select_kind(tab, kinds)
        _settle(app)
        path = args.out / name
        window.grab().save(str(path))
        print(path)
        tab.search_edit.clear()
        tab.apply_search()
    status = _count_shot(app, window, args.out / "8_conteo_fisico.png")
    if status == 0:
        status = _proposed_shot(app, window, args.out / "12_clientes_propuestas.png")
    if status == 0:
        status = _reservation_shot(app, window, args.out / "12b_inventario_reserva.png")
    if status == 0:
        status = _period_shot(app, window, args.out / "13_cierre_periodo.png")
    if status == 0:
        status = _vin_shot(app, window, args.out / "20_donde_esta_el_vin.png")
    if status == 0:
        status = _life_shots(app, window, args.out)
    if status == 0:
        status = _feed_shots(app, window, args.out)
    if status == 0:
        status = _english_shots(app, window, args.out)
    if status == 0:
        status = login_shot(app, args.out / "21_iniciar_sesion.png")
    if status == 0:
        status = _cloud_erp_shots(app, args.out)
    window.shutdown()
    workspace.cleanup()
    return status


def login_shot(app: QApplication, path: Path) -> int:
    """Issue 17: «Iniciar sesión» over a window whose remembered person has no secret on this
    computer — a real workspace (not a demo) where ana and bea were registered with their
    passphrases; the dialog says why it opened, the secret typed (hidden)."""
    from ui.corrections.login_dialog import LoginDialog

    with tempfile.TemporaryDirectory(prefix="cuadre-login-") as folder:
        window = MainWindow(store_url=f"sqlite:///{Path(folder) / 'oficina.sqlite'}")
        window.resize(*WINDOW_SIZE)
        window.show()
        session = window.decisions
        for login, name, roles, secret in (
                ("ana", "Ana Ruiz", ["admin", "proposer"], "clave-de-ana-2026"),
                ("bea", "Beatriz Díaz", ["approver"], "clave-de-bea-2026")):
            refused = session.add_person(login, name, roles, secret)
            if refused is not None:
                print(f"could not add {login}: {refused}", file=sys.stderr)
                return 1
            if login == "ana":
                session.set_user("ana")
        why = ("«bea» no ha iniciado sesión en este equipo: su clave no está en el almacén "
               "seguro del sistema.")
        dialog = LoginDialog(session, "bea", why, window)
        dialog.show()
        dialog.secret.setText("clave-de-bea")
        _settle(app, 300)
        dialog.grab().save(str(path))
        window.grab().save(str(path.with_name(path.stem + "_ventana.png")))
        print(path)
        dialog.close()
        window.shutdown()
    return 0


def _proposed_shot(app: QApplication, window: MainWindow, path: Path) -> int:
    """Ana proposes three phone corrections, Carlos approves the first; Clientes filtered by
    «Teléfono distinto» with the last one selected: squares beside the kind, the panel's
    «Propuesta por Ana Ruiz el …»."""
    session = window.decisions
    for login, name, roles in (("ana", "Ana Ruiz", ["admin", "proposer"]),
                               ("carlos", "Carlos Mora", ["approver"])):
        refused = session.add_person(login, name, roles)
        if refused is not None:
            print(f"could not add {login}: {refused}", file=sys.stderr)
            return 1
        if login == "ana":
            session.set_user("ana")
    tab = window.tab(Entity.CUSTOMERS)
    window.tabs.setCurrentWidget(tab)
    tab.set_kind("phone_differs")
    proposed: list[int] = []
    for row in range(tab.proxy.rowCount()):
        tab.select_row(row)
        panel = tab.proposal_panel
        if panel.proposal is None or decisions.why_not(panel.proposal) is not None:
            continue  # a Ley 1581 block, say: not proposable
        refused = panel.propose()
        if refused is not None:
            print(f"could not propose: {refused}", file=sys.stderr)
            return 1
        proposed.append(row)
        if len(proposed) == 3:
            break
    store = session.store
    assert store is not None
    first = corrections.listing(store, state="proposed")[0]
    session.call(lambda: decisions.decide(store, "carlos", "approve", first.id))
    tab.select_row(proposed[-1])
    tab.view.setFocus()
    _settle(app)
    window.grab().save(str(path))
    print(path)
    return 0


def _reservation_shot(app: QApplication, window: MainWindow, path: Path) -> int:
    """Issue 16: Inventario filtered by «Vendido en CRM, disponible en ERP», Ana proposes the
    ERP order that reserves the first VIN; the panel shows the creation and «Propuesta por…»."""
    tab = window.tab(Entity.VEHICLES)
    window.tabs.setCurrentWidget(tab)
    tab.set_kind("sold_in_crm_available_in_erp")
    tab.select_row(0)
    refused = tab.proposal_panel.propose()
    if refused is not None:
        print(f"could not propose the reservation: {refused}", file=sys.stderr)
        return 1
    tab.select_row(1)
    tab.select_row(0)
    tab.view.setFocus()
    _settle(app)
    window.grab().save(str(path))
    print(path)
    return 0


def _period_shot(app: QApplication, window: MainWindow, path: Path) -> int:
    """«Cierre del periodo» as Ana on the demo reconciled again (now that someone works, the
    run is saved): the last month ended, its findings still loose listed and why «Certificar»
    waits."""
    from ui.period.period_dialog import PeriodDialog

    store = window.decisions.store
    if store is None:
        print("no workspace store for the period dialog", file=sys.stderr)
        return 1
    errors: list[str] = []
    window.start_demo(reset=False)
    _wait(app, window.reportLoaded, errors)
    dialog = PeriodDialog(store, window.decisions.workspace, window.decisions.user, window)
    dialog.show()
    _wait(app, dialog.loaded, [])
    _settle(app)
    dialog.grab().save(str(path))
    print(path)
    dialog.shutdown()
    dialog.close()
    return 0


def _vin_shot(app: QApplication, window: MainWindow, path: Path) -> int:
    """«¿Dónde está este VIN?» (Ctrl+L) on the run the period shot saved: the tail of a VIN
    of ``COUNT_BRANCH`` that was counted and has a finding with pesos at stake."""
    from app.count.saved import CountStore

    counted = {e.vin for e in CountStore().load(COUNT_BRANCH)}
    result = window.tab(Entity.VEHICLES).result
    found = [m for m in (result.mismatches if result is not None else [])
             if m.key in counted and m.at_stake and m.crm_id and m.erp_id]
    if not found:
        print("no counted VIN with a finding for the VIN dialog", file=sys.stderr)
        return 1
    dialog = window.open_vin()
    dialog.vin_edit.setText((found[0].key or "")[-8:])
    dialog.search()
    _wait(app, dialog.answered, [])
    _settle(app)
    dialog.grab().save(str(path))
    print(path)
    dialog.close()
    return 0


def _life_shots(app: QApplication, window: MainWindow, out: Path) -> int:
    """The findings' life on Pagos: two payments without a receipt given to Carlos, one
    explained, the demo reconciled again (F5 reads their states), the table filtered by
    «Responsable» (14_pagos_estado.png); then «Conciliar a mano…» on a payment without a
    receipt, its best candidate picked (15_conciliar_a_mano.png)."""
    from app.findings import FindingState, work
    from app.findings.views import findings

    store, workspace = window.decisions.store, window.decisions.workspace
    if store is None or workspace is None:
        print("no saved run for the findings' life", file=sys.stderr)
        return 1
    loose = [v for v in findings(store, workspace, entity=Entity.PAYMENTS)
             if v.kind == "crm_payment_without_receipt" and v.state is FindingState.OPEN]
    for view in loose[:2]:
        work.assign(store, "ana", workspace, view.id, "carlos", "Revisar con tesorería")
    work.explain(store, "ana", workspace, loose[1].id, "in_transit",
                 "Consignado el viernes; el banco lo abona el lunes")
    errors: list[str] = []
    window.start_demo(reset=False)
    _wait(app, window.reportLoaded, errors)
    tab = window.tab(Entity.PAYMENTS)
    window.tabs.setCurrentWidget(tab)
    _life(app, tab)
    owners = tab.life_filters.owner_combo
    owners.setCurrentIndex(owners.findData("carlos"))
    explained = [r for r in range(tab.proxy.rowCount())
                 if tab.proxy.index(r, tab.model.column_of("Estado")).data() == "Explicada"]
    tab.select_row(explained[0] if explained else 0)
    tab.view.scrollTo(tab.proxy.index(0, tab.model.column_of("Responsable")))  # in sight
    tab.view.setFocus()
    _settle(app)
    window.grab().save(str(out / "14_pagos_estado.png"))
    print(out / "14_pagos_estado.png")
    owners.setCurrentIndex(0)
    tab.set_kind("crm_payment_without_receipt")
    tab.select_row(2)
    dialog = tab.finding_actions.open_match()
    if dialog is None:
        print("«Conciliar a mano…» did not open", file=sys.stderr)
        return 1
    if dialog.runner.running:
        _wait(app, dialog.runner.finished, [])
    if dialog.table.rowCount():
        dialog.table.selectRow(0)
    _settle(app)
    dialog.grab().save(str(out / "15_conciliar_a_mano.png"))
    print(out / "15_conciliar_a_mano.png")
    dialog.reject()
    return 0


def _life(app: QApplication, tab: EntityTab) -> None:
    """Wait for the tab's states, owners and ages (read on a worker once the tab is in sight)."""
    for _ in range(400):
        if tab.life_ready:
            break
        _settle(app, 50)
    _settle(app)


def _wait(app: QApplication, signal: object, errors: list[str]) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, loop.quit)
    if not errors:
        loop.exec()
    app.processEvents()


def _count_shot(app: QApplication, window: MainWindow, path: Path) -> int:
    """Import the demo count of ``COUNT_BRANCH``, compare it, select a typo'd VIN, save."""
    tab: CountTab = window.count_tab
    window.tabs.setCurrentWidget(tab)
    errors: list[str] = []
    tab.show_message = errors.append  # type: ignore[method-assign]
    tab.ask_import_mode = lambda current: "replace"  # type: ignore[method-assign]
    tab.set_branch(COUNT_BRANCH)
    tab.import_file(count_path(demo_files().crm.parent, COUNT_BRANCH))
    _wait(app, tab.imported, errors)
    if errors:
        print(f"the count import failed: {errors[0]}", file=sys.stderr)
        return 1
    tab.compare()
    _wait(app, tab.compared, errors)
    result = tab.result
    if result is None:
        print("the count comparison did not finish", file=sys.stderr)
        return 1
    print({kind: n for kind, n, _ in result.summary()})
    proxy = tab.results.proxy
    for row in range(proxy.rowCount()):
        finding = proxy.finding(proxy.index(row, 0))
        if finding is not None and (finding.detail or "").startswith("suggest:"):
            tab.results.view.selectRow(row)
            model = tab.list_model
            typed = next(r for r in range(model.rowCount())
                         if model.index(r, 0).data() == finding.key)
            tab.list_view.setCurrentIndex(model.index(typed, 0))
            tab.list_view.scrollTo(model.index(typed, 0),
                                   QAbstractItemView.ScrollHint.PositionAtCenter)
            break
    tab.vin_edit.setFocus()
    _settle(app)
    window.grab().save(str(path))
    print(path)
    return 0


def _feed_shots(app: QApplication, window: MainWindow, out: Path) -> int:
    """«Tablero › Inventario» with «Feed de anuncios…» beside the «Quedan…» line, after writing
    the demo's Meta feed (the save dialog answered), and the box that says what it left out."""
    from PySide6.QtWidgets import QMessageBox

    tab = window.dashboard_tab
    errors: list[str] = []
    tab.runner.failed.connect(errors.append)
    window.tabs.setCurrentWidget(tab)
    if tab.insights is None or tab.runner.running:
        _wait(app, tab.computed, errors)
    tab.views.setCurrentWidget(tab.stock_view)
    target = out / "feed_meta.csv"
    tab.feed.ask_file = lambda: (target, "meta")  # type: ignore[method-assign]
    tab.feed.runner.failed.connect(errors.append)
    tab.stock_view.feed_button.click()
    _wait(app, tab.feed.written, errors)
    if errors:
        print(f"the feed failed: {errors[0]}", file=sys.stderr)
        return 1
    _settle(app, 300)
    box = window.findChild(QMessageBox, "feedBox")
    window.grab().save(str(out / "17_feed_de_anuncios.png"))
    if box is not None:
        box.grab().save(str(out / "18_feed_resultado.png"))
        box.close()
    print(out / "17_feed_de_anuncios.png")
    return 0


def _english_shots(app: QApplication, window: MainWindow, out: Path) -> int:
    """The window as it opens in English (ui/common/language.py): the report shown, a
    customers finding selected, the dashboard and the «Language» menu; Spanish again after."""
    from ui.common.language import install_language

    if window.report is None or not install_language(app, "en"):
        print("no English: build it with tools/translations.py build", file=sys.stderr)
        return 1
    english = MainWindow()
    try:
        english.resize(*WINDOW_SIZE)
        english.show()
        errors: list[str] = []
        english.errorShown.connect(errors.append)
        english.start_demo(reset=False)  # reconciled in English, as the window opens in it
        _wait(app, english.reportLoaded, errors)
        tab = english.tab(Entity.CUSTOMERS)
        english.tabs.setCurrentWidget(tab)
        _life(app, tab)
        _select_kind(tab, ("name_differs",))
        _settle(app, 300)
        english.grab().save(str(out / "14_english_customers.png"))
        english.tabs.setCurrentWidget(english.dashboard_tab)
        _settle(app, 2500)
        english.grab().save(str(out / "15_english_dashboard.png"))
        english.language_menu.popup(english.mapToGlobal(english.rect().center()))
        _settle(app)
        english.language_menu.grab().save(str(out / "16_english_language_menu.png"))
        english.language_menu.hide()
        print(out / "14_english_customers.png")
    finally:
        english.shutdown()
        english.close()
        install_language(app, "es")
    return 0




class _MemorySecrets:
    """A keyring in memory for the shots (the token «guardada»)."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref)

    def set_secret(self, ref: str, secret: str) -> None:
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        return True, "memoria"


def _hubspot_shots(app: QApplication, window: MainWindow, out: Path) -> int:
    """Issue 19: Conexiones' profile editor on the CRM tab with a HubSpot portal, and the merge
    dialog of a CRM duplicate group when the CRM is HubSpot (the warning that it cannot undo)."""
    from app.connections.profiles import ConnectionProfile, SourceConfig
    from app.connections.store import ProfileStore
    from app.writeback.merges import merge_proposals
    from app.writeback.merging import merge_context
    from ui.connections.profile_editor import ProfileEditor
    from ui.corrections.merge_dialog import MergeDialog

    folder = tempfile.TemporaryDirectory(prefix="cuadre-hubspot-")
    secrets = _MemorySecrets()
    source = "hubspot://24681357@127.0.0.1:8765"
    secrets.set_secret(source, "token")
    profile = ConnectionProfile("Concesionario Norte (HubSpot)", crm=SourceConfig(
        kind="hubspot", source=source, options={"objects": {"vehicles": "vehiculos",
                                                            "payments": "pagos"}},
        mappings={"deals": {"vin": "vin"}}),
        erp=SourceConfig(kind="rest", source="http://127.0.0.1:8765/erp"))
    editor = ProfileEditor(ProfileStore(Path(folder.name)), secrets, profile, window)
    editor.set_profile(profile)
    editor.show()
    _settle(app, 300)
    editor.grab().save(str(out / "30_conexiones_hubspot.png"))
    print(out / "30_conexiones_hubspot.png")
    editor.close()
    report = window.report
    if report is None:
        return 1
    report.sources = {**report.sources, "crm": "HubSpot (portal 24681357)"}
    proposal = next(p for p in merge_proposals(report) if p.system.value == "crm")
    dialog = MergeDialog(merge_context(proposal, report), None, window)
    dialog.show()
    _settle(app, 300)
    dialog.grab().save(str(out / "31_fusion_hubspot.png"))
    print(out / "31_fusion_hubspot.png")
    dialog.close()
    folder.cleanup()
    return 0



def _cloud_erp_shots(app: QApplication, out: Path) -> int:
    """Conexiones with Siigo Nube and Alegra (issue 19): the ERP tab's Siigo and Alegra forms,
    then «Probar conexión» on a profile whose ERP is the sandbox's Siigo."""
    from app.connections.profiles import ConnectionProfile, SourceConfig
    from app.connections.store import ProfileStore
    from app.demo.sandbox import Sandbox
    from app.domain.schema import System
    from ui.connections.connections_window import ConnectionsDialog

    folder = tempfile.TemporaryDirectory(prefix="cuadre-shots-conexiones-")
    secrets = _MemorySecrets()
    with Sandbox(port=0) as sb:
        secrets.entries.update({sb.url("crm"): sb.token, sb.siigo_source: sb.token})
        store = ProfileStore(Path(folder.name))
        store.save(ConnectionProfile("Sandbox Siigo", crm=SourceConfig("rest", sb.url("crm")),
                                     erp=SourceConfig("siigo", sb.siigo_source)))
        dialog = ConnectionsDialog(store, secrets)
        dialog.resize(1000, 640)
        dialog.show()
        _settle(app)
        dialog.edit_selected()
        editor = dialog.editor
        assert editor is not None
        erp = editor.sources[System.ERP]
        editor.tabs.setCurrentWidget(erp)
        _settle(app)
        editor.grab().save(str(out / "21_conexiones_siigo.png"))
        erp.set_kind("alegra")
        page = erp.cloud_pages[erp.kind]
        page.user.setText("contabilidad@concesionario.co")
        page.company.setText("autos-norte")
        erp.refresh_secret_status()
        _settle(app)
        editor.grab().save(str(out / "22_conexiones_alegra.png"))
        editor.reject()
        errors: list[str] = []
        dialog.test_selected()
        _wait(app, dialog.tested, errors)
        _settle(app, 300)
        dialog.grab().save(str(out / "23_conexiones_probar_siigo.png"))
        dialog.close()
    folder.cleanup()
    print(out / "23_conexiones_probar_siigo.png")
    return 0 if not errors else 1


def _big_shots(app: QApplication, window: MainWindow, out: Path, rows: int) -> int:
    """The Pagos tab with ``rows`` findings (``bench/table_1m.py``'s), prepared as the worker
    does: sorted by pesos, then filtered by a search typed in, then sorted by kind."""
    from datetime import UTC, datetime

    from app.reconcile.results import EntityResult, Report
    from bench.table_1m import findings
    from ui.reconcile.findings_model import PreparedReport, prepare_findings

    found = findings(rows)
    result = EntityResult(Entity.PAYMENTS, mismatches=found)
    now = datetime.now(UTC)
    report = Report(now, now, {"crm": "sintético", "erp": "sintético"},
                    {Entity.PAYMENTS: result})
    window.load_report(PreparedReport(report, {
        Entity.PAYMENTS: prepare_findings(Entity.PAYMENTS, found, result)}))
    tab = window.tab(Entity.PAYMENTS)
    window.tabs.setCurrentWidget(tab)
    errors: list[str] = []
    for name, act in (("30_pagos_grande.png", lambda: None),
                      ("31_pagos_grande_busqueda.png",
                       lambda: (tab.search_edit.setText("lucia perez"), tab.apply_search())),
                      ("32_pagos_grande_por_tipo.png",
                       lambda: tab.view.sortByColumn(0, Qt.SortOrder.AscendingOrder))):
        act()
        _settle(app, 100)
        if tab.proxy.busy:
            _wait(app, tab.proxy.settled, errors)
        _settle(app, 200)
        window.grab().save(str(out / name))
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
