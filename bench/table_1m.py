"""Whether the window stays responsive on a million findings: filter, search, sort.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/table_1m.py [rows]

Builds 1,000,000 payment findings (pesos with ties and gaps, names with accents, two
branches), prepares their rows as the worker that produced the report does, and shows them in
a real Pagos tab (``ui.reconcile.entity_tab.EntityTab``) of 1440×900. Then it types in the
search box and clicks on the headers as a person would, and prints for each step:

- ``GUI max``: the longest the GUI thread went without handling its events, measured by a
  probe (a ``QTimer`` every 2 ms records the gaps between its ticks; the probe's own 2 ms are
  taken off): ``wall`` as a person waits (on a machine shared with other work this includes
  waiting for a core: the first line, doing nothing, shows how much), ``cpu`` the GUI
  thread's own work between two ticks (``time.thread_time``). The window must answer within
  50 ms;
- ``to view``: from the keystroke (or the click) to the table showing the rows the filter
  or sort asked for (the proxy has applied its answer and the row count reads it), typing
  pauses included.

Not a test: figures depend on the machine and on what else runs on it. The test suite checks
results (tests/ui/test_findings_proxy.py), never times.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.schema import Entity, System
from app.reconcile.results import KINDS, EntityResult, Mismatch
from ui.main import setup_application
from ui.reconcile.entity_tab import EntityTab
from ui.reconcile.findings_model import prepare_findings

_NAMES = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith", "Ibáñez", "Castaño", "Zuluaga"]
_FIRST = ["Juan", "María José", "Andrés", "Lucía", "Óscar", "Ángela", "Sebastián"]
_BRANCHES = ["Bogotá - Autopista Norte", "Medellín - El Poblado", "Cali - Pasoancho"]


def findings(n: int) -> list[Mismatch]:
    rnd = random.Random(1)
    kinds = KINDS[Entity.PAYMENTS]
    return [
        Mismatch(
            kind=rnd.choice(kinds), crm_id=f"P-{i:07d}", erp_id=f"R-{i:07d}",
            key=f"RC-{i:07d}", field="customer_doc",
            crm_value=f"{rnd.choice(_FIRST)} {rnd.choice(_NAMES)}",
            erp_value=str(rnd.randint(1, 10**9)),
            at_stake=None if i % 9 == 0 else Decimal(rnd.randint(0, 10**6) * 1000),
            branch=rnd.choice(_BRANCHES), system=System.CRM,
        )
        for i in range(n)
    ]


class Probe:
    """Ticks every 2 ms on the GUI thread. The longest gap between two ticks is the longest
    the window did not answer (``wall``: the GUI thread's own work, waiting for the
    interpreter's lock, and waiting for a core on a busy machine); the most CPU the GUI
    thread used between two ticks is its own work alone (``cpu``)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.last = self.last_cpu = 0.0
        self.worst = self.worst_cpu = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last, self.worst, self.worst_cpu = 0.0, 0.0, 0.0
        self.last_cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = self.clock.elapsed(), time.thread_time()
        self.worst = max(self.worst, now - self.last - 2)
        self.worst_cpu = max(self.worst_cpu, (cpu - self.last_cpu) * 1000)
        self.last, self.last_cpu = now, cpu

    def stop(self) -> tuple[int, int]:
        self._tick()  # a block that lasted until now counts too
        self.timer.stop()
        return round(max(self.worst, 0)), round(self.worst_cpu)


def wait_until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    """Run the event loop until ``done()`` (checked every 1 ms)."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    start = time.perf_counter()
    check.timeout.connect(lambda: (done() or time.perf_counter() - start > timeout_s)
                          and loop.quit())
    check.start()
    loop.exec()
    check.stop()


def pause(ms: int) -> None:
    wait_until(lambda: False, ms / 1000)


#: Every step's (label, GUI max wall, GUI max cpu, to view), for the last lines.
RESULTS: list[tuple[str, int, int, float]] = []


def step(label: str, tab: EntityTab, probe: Probe, action: Callable[[], object],
         expect: Callable[[], bool]) -> None:
    """Do ``action`` (on the GUI thread, as an event would) and wait for the view to show
    what was asked (``expect``), the probe running throughout."""
    probe.start()
    pause(20)  # the probe sees the loop idle first
    start = time.perf_counter()
    last_key = action()  # typing several keys: measured from the last one
    if isinstance(last_key, float):
        start = last_key
    wait_until(lambda: not tab.proxy.busy and not tab._search_timer.isActive() and expect())
    elapsed = time.perf_counter() - start
    pause(10)
    wall, cpu = probe.stop()
    print(f"{label:<40} {wall:6d} {cpu:6d} {elapsed * 1000:8.0f} {tab.proxy.rowCount():>10,}")
    RESULTS.append((label, wall, cpu, elapsed * 1000))


def type_text(tab: EntityTab, text: str, gap_ms: int) -> float:
    """Type ``text`` in the search box, one key every ``gap_ms``; when the last key went."""
    last = time.perf_counter()
    for i, char in enumerate(text):
        if i:
            pause(gap_ms)
        last = time.perf_counter()
        QTest.keyClick(tab.search_edit, char)
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    setup_application(app, "es")
    n = args.rows
    start = time.perf_counter()
    found = findings(n)
    result = EntityResult(Entity.PAYMENTS, mismatches=found)
    print(f"{n:,} payment findings built in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    prepared = prepare_findings(Entity.PAYMENTS, found, result)
    print(f"rows prepared (on the worker, in the window) in {time.perf_counter() - start:.1f} s")

    tab = EntityTab(Entity.PAYMENTS)
    tab.resize(1440, 900)
    tab.show()
    probe = Probe()
    pause(100)
    money = tab.model.money_column() or 0
    print(f"{'':<40} {'GUI max (ms)':>13} {'to view':>8} {'rows':>10}")
    print(f"{'':<40} {'wall':>6} {'cpu':>6} {'(ms)':>8}")
    step("nothing (the machine's own noise)", tab, probe, lambda: pause(1000), lambda: True)
    step(f"show {n:,} rows, sorted by pesos", tab, probe,
         lambda: tab.set_result(result, prepared), lambda: tab.proxy.rowCount() == n)
    step("sort by pesos again (keys cached)", tab, probe,
         lambda: tab.view.sortByColumn(money, Qt.SortOrder.AscendingOrder),
         lambda: tab.proxy.rowCount() == n)
    step("sort by type (first time: keys read)", tab, probe,
         lambda: tab.view.sortByColumn(0, Qt.SortOrder.AscendingOrder),
         lambda: tab.proxy.sort_column() == 0)
    step("sort by type, descending", tab, probe,
         lambda: tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder),
         lambda: tab.proxy.rowCount() == n)
    step("filter by kind (combo)", tab, probe,
         lambda: tab.kind_combo.setCurrentIndex(1), lambda: tab.proxy.rowCount() < n)
    step("back to every kind", tab, probe,
         lambda: tab.kind_combo.setCurrentIndex(0), lambda: tab.proxy.rowCount() == n)
    tab.search_edit.setFocus()
    step("keystroke 'p' (one letter)", tab, probe,
         lambda: type_text(tab, "p", 0), lambda: tab.proxy.search() == "p")
    step("keystroke 'e' ('pe')", tab, probe,
         lambda: type_text(tab, "e", 0), lambda: tab.proxy.search() == "pe")
    step("'rez' typed 120 ms apart, from 'z'", tab, probe,
         lambda: type_text(tab, "rez", 120), lambda: tab.proxy.search() == "perez")
    step("select all, type 'rc-0999999' at once", tab, probe,
         lambda: (tab.search_edit.selectAll(), type_text(tab, "rc-0999999", 0))[1],
         lambda: tab.proxy.search() == "rc-0999999")
    step("clear the search (Esc-like: empty)", tab, probe,
         lambda: tab.search_edit.clear(), lambda: tab.proxy.search() == "")
    step("sort by pesos, every row shown", tab, probe,
         lambda: tab.view.sortByColumn(money, Qt.SortOrder.DescendingOrder),
         lambda: tab.proxy.sort_column() == money)
    tab.proxy.shutdown()
    steps = RESULTS[1:]  # not the machine's noise
    worst = max(steps, key=lambda r: r[2])
    print(f"longest the GUI thread worked at once: {worst[2]} ms ({worst[0]}); "
          f"waited for, at most: {max(r[1] for r in steps)} ms")
    typed = [r for r in steps if "'" in r[0]]
    if typed:
        print(f"keystroke to filtered view: {min(r[3] for r in typed):.0f}–"
              f"{max(r[3] for r in typed):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
