"""The floor and Cuadre's customer engine, in one process.

    python bench/same_process.py [SIZE] [--runs 3]

On one labelled set (``app.demo.linkage.generate_labelled(SIZE, seed=7)``), run after run in
the same process so that every tool sees the same load: the bare polars floor of
``bench/floor.py`` (and its DuckDB query when duckdb is installed) and
``app.reconcile.customers.reconcile_customers`` (its ``exact`` stage and its total). Prints
the best of ``--runs`` seconds for each, with the garbage collector paused as the engine runs
it, and the exact part's ratio to the polars floor. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, nargs="?", default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import floor

    from app.demo.linkage import generate_labelled
    from app.progress import run
    from app.reconcile.customers import reconcile_customers

    data = generate_labelled(args.size, seed=7)
    floors = [("floor-polars", floor.polars_frames)]
    if importlib.util.find_spec("duckdb") is not None:
        floors.append(("floor-duckdb", floor.duckdb_frames))
    gc.disable()
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)

    for _ in range(args.runs):
        for name, compare in floors:
            start = time.perf_counter()
            compare(data.crm, data.erp)
            keep(name, time.perf_counter() - start)
        start = time.perf_counter()
        result = run(reconcile_customers(data.crm, data.erp))
        keep("cuadre total", time.perf_counter() - start)
        keep("cuadre exact", result.timings["exact"])
        del result
    print(f"| {args.size:,} per side, best of {args.runs} | seconds |")
    print("| --- | --- |")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} |")
    print(f"| cuadre exact ÷ floor-polars | {best['cuadre exact'] / best['floor-polars']:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
