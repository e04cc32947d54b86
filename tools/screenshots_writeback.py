"""Screenshots of the write-back on the demo: the push dialog after a push, and the audit view.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots_writeback.py docs/screenshots

Works in a throwaway data folder: generates and reconciles the demo there, registers three
people (Ana proposes, Beatriz approves, Olga audits), proposes a handful of corrections of
every entity and both systems, approves them, changes one record in the demo ERP behind
Cuadre's back (so its push is a conflict), pushes through «Enviar aprobadas» and saves
``envio.png``; shows the conflict back in «Correcciones» as its proposer sees it
(``conflicto.png``); then opens Ver → Auditoría, verifies the chain and saves
``auditoria.png``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: (entity, target system, finding kind, how many) proposed and approved before the push.
WANTED = (
    ("customers", "erp", "phone_differs", 2),
    ("customers", "erp", "email_differs", 2),
    ("customers", "crm", "name_differs", 1),
    ("customers", "crm", "city_differs", 1),
    ("payments", "crm", "amount_differs", 1),
    ("vehicles", "crm", "branch_differs", 1),
)
COMMENTS = ("Confirmado por teléfono con el cliente", "Según la factura", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cuadre-shots-"))
    os.environ["CUADRE_DATA_DIR"] = str(work)

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.demo import demo_files
    from app.domain.schema import Entity, System
    from app.writeback import corrections, decisions
    from tools.screenshots import demo_people
    from ui.main import WINDOW_SIZE, setup_application
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    setup_application(app)

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(signal: Any, ms: int = 120_000) -> None:
        loop = QEventLoop()
        signal.connect(lambda *_: loop.quit())
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(check: Any, ms: int = 60_000) -> None:
        waited = 0
        while not check() and waited < ms:
            settle(50)
            waited += 50

    window = MainWindow()
    demo_people(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start_demo()
    wait(window.reportLoaded)
    report = window.report
    assert report is not None, "the demo did not load"

    session = window.decisions
    store = session.store
    assert store is not None
    session.add_person("ana", "Ana Ruiz", ["admin", "proposer"])
    session.set_user("ana")
    session.add_person("bea", "Beatriz Díaz", ["approver"])
    session.add_person("olga", "Olga Pardo", ["auditor"])

    made: list[tuple[Any, str]] = []  # (proposal, correction id)
    for n, (entity, target, kind, count) in enumerate(WANTED):
        result = report.results[Entity(entity)]
        taken = 0
        for m in result.mismatches:
            p = decisions.proposal(result, m)
            if (m.kind != kind or p.target is not System(target)
                    or decisions.why_not(p) is not None):
                continue
            for view in decisions.propose(store, "ana", p, comment=COMMENTS[n % len(COMMENTS)],
                                          workspace=window.shown_source()):
                made.append((p, view.id))
            taken += 1
            if taken == count:
                break
    for _p, cid in made:
        corrections.approve(store, "bea", cid, comment="Revisado")

    # Someone edits one of the e-mails in the ERP after the approval: that push is a conflict.
    changed = next(p for p, _cid in made if p.kind == "email_differs")
    with sqlite3.connect(demo_files().erp) as conn:
        conn.execute("UPDATE terceros SET email = ? WHERE id = ?",
                     ("facturacion.cliente@empresa.com.co", int(changed.source_id)))

    session.set_user("bea")
    dialog = window.open_push_dialog()
    assert dialog is not None
    wait_until(lambda: dialog.plan is not None and not dialog.running)
    dialog.start()
    wait(dialog.pushed)
    wait_until(lambda: not dialog.running)
    settle(400)
    dialog.grab().save(str(args.out / "envio.png"))
    print(dialog.summary_label.text())
    dialog.reject()

    # The conflict, back in «Correcciones», as its proposer sees it: both values, and
    # «Decidir de nuevo» to start again from what the system holds.
    session.set_user("ana")
    queue = window.show_corrections()
    window.resizeDocks([window.corrections_dock], [360], Qt.Orientation.Vertical)
    conflict = next(cid for p, cid in made if p is changed)
    queue.select(conflict)
    settle(400)
    window.grab().save(str(args.out / "conflicto.png"))

    session.set_user("olga")
    audit = window.open_audit()
    wait_until(lambda: audit.page is not None and not audit.loading)
    audit.verify_chain()
    wait_until(lambda: audit.verified is not None)
    audit.view.selectRow(0)
    settle(400)
    audit.grab().save(str(args.out / "auditoria.png"))
    print(audit.status.text())
    audit.close()
    window.shutdown()
    print(f"saved {args.out / 'envio.png'} and {args.out / 'auditoria.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
