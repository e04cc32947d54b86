"""Where the seconds of ``cuadre reconcile`` on two customer exports go, stage by stage.

    python bench/e2e_stages.py CRM.csv ERP.csv

In one process, as the command runs them (the garbage collector paused while reconciling,
as the engine pauses it): importing the command's modules, reading and
mapping both exports (``FileConnector.pull``), reconciling the customers, building the
report's JSON document (``to_json``) and writing its text (``app.cli.common.write_json``).
Run it with ``PYTHONPATH`` at another checkout to see that checkout's stages (the files of
``bench/csv_end_to_end.py --keep``). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path


def main() -> int:
    crm_path, erp_path = sys.argv[1], sys.argv[2]
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    import app.cli.reconcile  # noqa: F401  (what the command imports)
    from app.cli.common import write_json
    from app.connectors.files.connector import FileConnector
    from app.domain.schema import Entity
    from app.progress import run
    from app.reconcile.customers import reconcile_customers
    from app.reconcile.export import to_json
    from app.reconcile.gcpause import collector_paused
    from app.reconcile.results import Report

    seconds["imports"] = time.perf_counter() - start
    start = time.perf_counter()
    crm = FileConnector(crm_path, "crm", "customers").pull("customers")
    erp = FileConnector(erp_path, "erp", "customers").pull("customers")
    seconds["read both exports"] = time.perf_counter() - start
    start = time.perf_counter()
    with collector_paused():  # as app.reconcile.engine runs it
        result = run(reconcile_customers(crm, erp))
    seconds["reconcile customers"] = time.perf_counter() - start
    now = datetime.now(UTC)
    start = time.perf_counter()
    doc = to_json(Report(started_at=now, finished_at=now, sources={},
                         results={Entity.CUSTOMERS: result}))
    seconds["report document"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        write_json(Path(scratch) / "report.json", doc)
        seconds["report JSON text"] = time.perf_counter() - start
    print("| stage | seconds |")
    print("| --- | --- |")
    for name, value in seconds.items():
        print(f"| {name} | {value:.2f} |")
    print(f"| total | {sum(seconds.values()):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
