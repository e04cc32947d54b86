"""Customer matching at scale: wall time, peak memory, precision and recall.

    .venv/bin/python bench/matching.py [SIZE ...]        (default: 10000 100000)

Each size runs in its own process (so peak memory is that run's own), on the labelled set of
``app/demo/linkage.py``: SIZE customers per side, about 5 % of them with broken keys (a missing
or mistyped document, "Juan P.", a dropped surname), homonyms, people in one system only and
leads entered twice. Prints one row per size. Not a test: figures depend on the machine.

Besides the total, the engine's own stage times: "exacto" (preparing every record, the
document join and its links), "residuo" (blocking and scoring what keys left) and "duplic."
(duplicates within each system). The peers run in ``bench/peers.py``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one(size: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from app.demo.linkage import generate_labelled
    from app.domain.schema import Entity, System
    from app.progress import run
    from app.reconcile.engine import reconcile

    data = generate_labelled(size)

    class Frames:  # a connector over an in-memory frame
        def __init__(self, system: System, df: object) -> None:
            self.system, self.df = system, df

        def describe(self) -> str:
            return "labelled"

        def pull(self, entity: Entity, since: object = None) -> object:
            return self.df

        def issues(self) -> list[object]:
            return []

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    report = run(reconcile(Frames(System.CRM, data.crm), Frames(System.ERP, data.erp),  # type: ignore[arg-type]
                           entities=(Entity.CUSTOMERS,)))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = report[Entity.CUSTOMERS]
    links = {(x.crm_id, x.erp_id) for x in result.links}
    tp = len(links & data.true_links)
    return {
        "size": size, "seconds": seconds, "peak_mb": peak_mb, "data_mb": before / 1024,
        "precision": tp / max(1, len(links)), "recall": tp / len(data.true_links),
        "homonym_links": len(links & data.homonyms),
        "residue": len(data.residue_links),
        "stages": result.timings,
    }


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        return 0
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    print(f"{'clientes por lado':>18} {'residuo':>8} {'segundos':>9} {'exacto':>7} "
          f"{'residuo':>7} {'duplic.':>7} {'pico MB':>8} {'precisión':>9} {'recall':>7} "
          f"{'homónimos':>9}")
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out)
        st = r["stages"]
        print(f"{r['size']:>18,} {r['residue']:>8,} {r['seconds']:>9.2f} {st['exact']:>7.2f} "
              f"{st['residue']:>7.2f} {st['duplicates']:>7.2f} {r['peak_mb']:>8.0f} "
              f"{r['precision']:>9.4f} {r['recall']:>7.4f} {r['homonym_links']:>9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
