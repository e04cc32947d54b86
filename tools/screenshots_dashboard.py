"""Screenshots of the «Tablero» tab on the demo, to look at it as a person would (DESIGN §7).

    xvfb-run -a .venv/bin/python tools/screenshots_dashboard.py docs/screenshots

Works in a throwaway data folder and workspace store: registers two people (Ana proposes,
Beatriz approves), reconciles the demo as Ana (the window saves the run), and — so that the
trend has a history to show — saves three earlier runs of the same workspace, each with some
of today's differences repeated (as if the team had been resolving them week by week), dated
one, two and three weeks back in that throwaway store. Then it opens «Tablero» and saves one
PNG per view:

- ``tablero.png`` — Resumen: differences per kind and branch, and the trend;
- ``tablero-seguimientos.png`` — Seguimientos, after «Crear seguimientos» on a few rows;
- ``tablero-embudo.png`` — Embudo por origen, grouped by source and branch;
- ``tablero-inventario.png`` — Inventario, a slow mover selected;
- ``tablero-renovacion.png`` — Renovación, the top candidate's reasons.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: (file, view attribute) in the order they are taken.
SHOTS = (
    ("tablero.png", "summary_view"),
    ("tablero-seguimientos.png", "followups_view"),
    ("tablero-embudo.png", "funnel_view"),
    ("tablero-inventario.png", "stock_view"),
    ("tablero-renovacion.png", "renewal_view"),
)
#: Earlier runs for the trend: how many weeks back, and what share of today's differences
#: are repeated in it (more differences then, fewer now).
HISTORY = ((3, 0.6), (2, 0.4), (1, 0.15))


def _with_more_findings(report: Any, share: float) -> Any:
    """``report`` with a ``share`` of each entity's differences repeated (an earlier run)."""
    results = {}
    for entity, result in report.results.items():
        extra = result.mismatches[: int(len(result.mismatches) * share)]
        results[entity] = replace(result, mismatches=[*result.mismatches, *extra])
    return replace(report, results=results)


def _save_history(window: Any, store: Any, actor: str) -> None:
    """Save the earlier runs and date them back (in the throwaway store only)."""
    from sqlalchemy import update

    from app.writeback.runs import RunRow, save_run

    report = window.report
    workspace = window.shown_source()
    for weeks, share in HISTORY:
        run = save_run(store, actor, _with_more_findings(report, share), workspace, workspace)
        with store.write() as session:
            session.execute(update(RunRow).where(RunRow.id == run.id).values(
                saved_at=run.saved_at - timedelta(weeks=weeks),
                started_at=run.started_at - timedelta(weeks=weeks),
                finished_at=run.finished_at - timedelta(weeks=weeks)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cuadre-tablero-"))
    os.environ["CUADRE_DATA_DIR"] = str(work)

    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from tools.screenshots import _choose_platform, _settle, _wait, demo_people
    from ui.main import WINDOW_SIZE, setup_application
    from ui.main_window import MainWindow

    _choose_platform()
    app = QApplication(sys.argv[:1])
    setup_application(app)

    def wait_until(check: Any, ms: int = 60_000) -> None:
        waited = 0
        while not check() and waited < ms:
            _settle(app, 50)
            waited += 50

    window = MainWindow(store_url=f"sqlite:///{work / 'tablero.sqlite'}")
    demo_people(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    session = window.decisions
    store = session.store
    assert store is not None
    session.add_person("ana", "Ana Ruiz", ["admin", "proposer"])
    session.set_user("ana")
    session.add_person("bea", "Beatriz Díaz", ["approver"])

    errors: list[str] = []
    window.errorShown.connect(errors.append)
    window.start_demo()
    _wait(app, window.reportLoaded, errors)
    if errors or window.report is None:
        print(f"the demo did not load: {errors}", file=sys.stderr)
        return 1
    _save_history(window, store, "ana")

    tab = window.dashboard_tab
    window.tabs.setCurrentWidget(tab)
    wait_until(lambda: tab.insights is not None and not tab.running)
    insights = tab.insights
    if insights is None:
        print(f"the dashboard was not computed: {tab.status.text()}", file=sys.stderr)
        return 1

    # Seguimientos: propose the first rows with contact allowed (and one without), so the
    # shot shows what «Crear seguimientos» says.
    followups = tab.followups_view
    table = followups.table
    rows = [r for r in range(table.proxy.rowCount())
            if table.proxy.item(table.proxy.index(r, 0)).contact_allowed][:3]
    blocked = [r for r in range(table.proxy.rowCount())
               if not table.proxy.item(table.proxy.index(r, 0)).contact_allowed][:1]
    selection = table.view.selectionModel()
    for r in rows + blocked:
        selection.select(table.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    if rows:
        tab.create_followups()
        wait_until(lambda: not session.runner.running)
        _settle(app, 200)

    tab.funnel_view.group_combo.setCurrentIndex(1)  # Origen y sede
    wait_until(lambda: not tab.running and tab.insights is not insights, 10_000)
    wait_until(lambda: not tab.running)

    stock = tab.stock_view
    slow = [r for r in range(stock.items.proxy.rowCount())
            if stock.items.proxy.item(stock.items.proxy.index(r, 0)).slow]
    if slow:
        stock.items.view.selectRow(slow[0])

    for name, attribute in SHOTS:
        view = getattr(tab, attribute)
        tab.views.setCurrentWidget(view)
        _settle(app, 400)
        path = args.out / name
        window.grab().save(str(path))
        print(path)
    print(followups.outcome.text())
    window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
