"""Full against incremental runs on the demo dealership grown to about 100k records per side.

    .venv/bin/python bench/incremental.py [--customers 32000] [--share 0.01] [--seed 1]
    .venv/bin/python bench/incremental.py --source rest --customers 100000

``--source demo`` (default) reads the demo's SQLite files with the demo connector, every
entity. ``--source rest`` serves the same files with the sandbox's REST API on 127.0.0.1
(``app.demo.sandbox``, a real HTTP server, pages of 500) and reconciles the customers
(what an API reads by change) through a ``--crm``/``--erp`` pair; the sandbox is started
again on the changed files, on the same port and token.

In one process: the demo's two SQLite files are generated with ``--customers`` customers
(about 100,000 records per side in all: customers, payments, vehicles), in a data folder of
its own; a first full run keeps the snapshots; ``--share`` of each table's records is then
changed (``app.demo.changes.simulate_changes``: edits, a few records added and removed, each
with a fresh change stamp); an incremental run and a full run reconcile the changed data,
timed from opening the sources to the report (the demo's generation is not counted). The
findings of both (every finding of every entity, as the JSON report writes it) and the source
issues must be the same: otherwise the script says which entity differs and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _findings(report: Any) -> dict[str, list[str]]:
    """Every finding, link and duplicate of every entity, as text, in order."""
    from app.reconcile.export import mismatch_json

    return {e.value: sorted(json.dumps(mismatch_json(m), sort_keys=True, default=str)
                            for m in r.findings())
            + sorted(map(repr, r.links)) + sorted(map(repr, r.duplicates))
            for e, r in report.results.items()}


#: What is reconciled (``--source``): the demo, or the pair the sandbox serves.
WHAT: dict[str, Any] = {}


KEY: list[bytes] = []

#: Seconds spent behind each run (writing snapshots, building the comparison's keys), by run.
BEHIND: dict[str, float] = {}


def _timed(full: bool, name: str = "") -> tuple[float, Any]:
    """A run as F5 (or, with ``full``, Shift+F5) makes it, its snapshots kept; then what it
    left to do behind it (writing snapshots, building keys) is waited for and timed apart."""
    seconds, report = _run(lambda systems: systems.puller(full))
    BEHIND[name] = _settle()
    return seconds, report


def _settle() -> float:
    from app.reconcile import delta
    from app.reconcile.snapshots import flush

    started = time.perf_counter()
    flush()
    delta.ready()
    return time.perf_counter() - started


def _plain() -> tuple[float, Any]:
    """A full run as runs were before snapshots: everything read, nothing kept."""
    return _run(lambda _systems: None)


def _run(puller: Any) -> tuple[float, Any]:
    from app.connections.systems import open_systems
    from app.progress import run
    from app.reconcile.engine import reconcile

    started = time.perf_counter()
    with open_systems(WHAT["what"], secrets=WHAT.get("secrets")) as systems:
        run(systems.ready_task())
        systems.open()
        report = run(reconcile(systems.crm, systems.erp, systems.settings, None,
                               WHAT.get("entities") or systems.entities(), partial=True,
                               extra=WHAT.get("extra", True), puller=puller(systems)))
    return time.perf_counter() - started, report


def _serve(port: int, token: str) -> Any:
    """The sandbox on ``port`` with ``token``, and the pair it serves as what is reconciled."""
    from app.connections.systems import adhoc_profile
    from app.demo.sandbox import Sandbox
    from app.domain.schema import Entity

    sandbox = Sandbox(port=port, token=token).start()
    WHAT["what"] = adhoc_profile(sandbox.url("crm"), sandbox.url("erp"),
                                 entity=Entity.CUSTOMERS)
    WHAT["secrets"] = lambda _ref: token
    WHAT["entities"], WHAT["extra"] = (Entity.CUSTOMERS,), False
    return sandbox


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=32000)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", choices=("demo", "rest"), default="demo")
    args = parser.parse_args(argv)
    os.environ["CUADRE_DATA_DIR"] = tempfile.mkdtemp(prefix="cuadre-bench-")
    from app.reconcile.snapshots import use_key

    KEY.append(os.urandom(32))
    use_key(lambda: KEY[0])  # no keyring on a benchmark machine: a key of its own

    from app.demo import demo_files
    from app.demo.changes import simulate_changes
    from app.demo.generator import generate
    from app.progress import run

    files = demo_files()
    files.crm.parent.mkdir(parents=True, exist_ok=True)
    made = time.perf_counter()
    run(generate(files.crm, files.erp, files.truth, customers=args.customers,
                 leads=args.customers // 6, vehicles=args.customers // 3))
    print(f"demo generated in {time.perf_counter() - made:.1f} s")
    from app.connections.systems import Demo

    WHAT["what"] = Demo()
    port, token, sandbox = _free_port(), "bench-token-not-a-secret", None
    if args.source == "rest":
        sandbox = _serve(port, token)
    seconds, first = _timed(full=True, name="first")
    sides = {s: sum(p.total for p in first.pulls if p.system.value == s
                    and p.entity.value in ("customers", "payments", "vehicles"))
             for s in ("crm", "erp")}
    extra = sum(p.total for p in first.pulls) - sum(sides.values())
    print(f"records reconciled: CRM {sides['crm']:,}, ERP {sides['erp']:,}; read for the "
          f"insights besides: {extra:,} "
          f"(first full run, keeps the snapshots: {seconds:.2f} s)")
    if sandbox is not None:
        sandbox.stop()
    done = simulate_changes(files.crm, files.erp, share=args.share, seed=args.seed)
    if args.source == "rest":
        sandbox = _serve(port, token)
    print(f"changed: {sum(done.values()):,} records "
          f"({', '.join(f'{k} {v:,}' for k, v in sorted(done.items()))})")

    incremental_s, incremental = _timed(full=False, name="incremental")
    full_s, full = _timed(full=True, name="full")
    plain_s, plain = _plain()
    BEHIND["plain"] = _settle()
    if sandbox is not None:
        sandbox.stop()
    print()
    print("| run | seconds to the report | seconds behind it | records read | records "
          "compared | findings |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, key, secs, report in (
            ("full, nothing kept (as before)", "plain", plain_s, plain),
            ("full, snapshots kept (Shift+F5, --full)", "full", full_s, full),
            ("incremental (F5)", "incremental", incremental_s, incremental)):
        read = sum(p.records for p in report.pulls)
        compared = sum(c.records for c in report.compared)
        count = sum(len(r.findings()) for r in report.results.values())
        print(f"| {name} | {secs:.2f} | {BEHIND[key]:.2f} | {read:,} | {compared:,} | "
              f"{count:,} |")
    print(f"\nincremental is {plain_s / incremental_s:.1f}x faster than a full run as before "
          f"({full_s / incremental_s:.1f}x faster than a full run that keeps its snapshots)")
    # What is reconciled must be read by change; what is read besides (the CRM's deals over
    # an API) may be read whole, as the report says.
    modes = {p.mode for p in incremental.pulls
             if p.entity.value in ("customers", "payments", "vehicles")}
    modes |= {c.mode for c in incremental.compared}
    same = _findings(incremental) == _findings(full) == _findings(plain)
    issues = incremental.issues == full.issues == plain.issues
    for entity in full.results:
        if _findings(incremental).get(entity.value) != _findings(full)[entity.value]:
            print(f"DIFFERENT findings: {entity.value}")
    if modes != {"incremental"}:
        print(f"NOT INCREMENTAL: {sorted(modes)}")
    if not issues:
        print("DIFFERENT source issues")
    ok = same and issues and modes == {"incremental"}
    print("same findings: yes" if ok else "same findings: NO")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
