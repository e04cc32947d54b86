"""How long the findings table takes with 100,000 rows: load, filter, search and sort.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/table_100k.py [rows]

Prints seconds per operation with a real QTableView attached (what the window does). Rows are
prepared on the worker thread that produced the report, so only "show" blocks the window.
Not a test: figures depend on the machine; the test suite only checks results at this size.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.schema import Entity
from app.reconcile.results import KINDS, Mismatch
from ui.reconcile.findings_model import FindingsModel, FindingsProxy, prepare_findings


def findings(n: int) -> list[Mismatch]:
    rnd = random.Random(1)
    names = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith"]
    return [
        Mismatch(
            kind=rnd.choice(KINDS[Entity.PAYMENTS]), crm_id=f"P-{i:06d}", erp_id=f"R-{i:06d}",
            key=f"RC-{i:07d}", field="customer_doc", crm_value=f"{rnd.choice(names)} Juan",
            erp_value=str(rnd.randint(1, 10**9)), at_stake=Decimal(rnd.randint(0, 10**9)),
            branch=rnd.choice(["Bogotá - Autopista Norte", "Medellín - El Poblado"]),
        )
        for i in range(n)
    ]


def timed(label: str, app: QApplication, action: Callable[[], object]) -> None:
    start = time.perf_counter()
    action()
    app.processEvents()
    print(f"{label:<34} {time.perf_counter() - start:6.3f} s")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv[:1])
    rows = findings(n)
    model = FindingsModel(Entity.PAYMENTS)
    proxy = FindingsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1000, 700)
    view.show()
    money = model.money_column() or 0
    print(f"{n:,} rows")
    prepared = []
    timed("prepare rows (worker thread)", app,
          lambda: prepared.append(prepare_findings(Entity.PAYMENTS, rows)))
    timed("show prepared rows (GUI thread)", app, lambda: model.set_findings(prepared[0]))
    view.selectRow(5)
    timed("filter by kind", app, lambda: proxy.set_kind("amount_differs"))
    timed("search 'perez'", app, lambda: proxy.set_search("perez"))
    timed("clear filters", app, lambda: (proxy.set_kind(None), proxy.set_search("")))
    timed("sort money, first time (keys)", app,
          lambda: view.sortByColumn(money, Qt.SortOrder.DescendingOrder))
    timed("sort money, ascending", app,
          lambda: view.sortByColumn(money, Qt.SortOrder.AscendingOrder))
    timed("sort by type (text)", app, lambda: view.sortByColumn(0, Qt.SortOrder.AscendingOrder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
