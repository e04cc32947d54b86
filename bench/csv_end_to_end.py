"""`cuadre reconcile` on two customer exports, end to end, against a bare polars script.

    python bench/csv_end_to_end.py [--sizes 100000 1000000] [--keep FOLDER]

The labelled set (``app.demo.linkage.generate_labelled(size, seed=7)``) is written as the
files people bring (``export_frames``): the Spanish CRM's CSV (cp1252, «;», «ID Lead»,
«Nro. identificación», cities by name, phones written several ways) and the ERP's terceros as
a UTF-8 CSV («ID Tercero», «Nombre / Razón social», documents with thousands dots now and
then). Writing them is not timed. Then, each in its own process, timed from start to exit:

- **cuadre**: ``python -m app.cli reconcile --entity customers --crm CRM --erp ERP --out
  report.json``: start-up, reading and mapping both files, the whole customer reconcile
  (keys, residue, duplicates, findings) and the JSON report written;
- **polars**: ``python bench/floor.py CRM ERP``: reading both files with polars, normalizing
  document, name, phone, e-mail and city, joining on the document and comparing the fields.

With ``--before ROOT`` (another checkout, e.g. ``/work/main``), that checkout's ``cuadre
reconcile`` is timed too on the same files, and the two JSON reports are compared (every link,
finding and duplicate; only the run's start and end times may differ).

Peak MB is each child's own ``ru_maxrss`` (``os.wait4``). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write(size: int, folder: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from app.demo.linkage import export_frames, generate_labelled

    crm, erp = export_frames(generate_labelled(size, seed=7), "es")
    crm_path, erp_path = folder / f"crm_{size}.csv", folder / f"terceros_{size}.csv"
    crm.to_csv(crm_path, sep=";", index=False, encoding="cp1252")
    erp.to_csv(erp_path, index=False, encoding="utf-8")
    return crm_path, erp_path


def timed(command: list[str], root: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak MB of one child process (run from ``root``)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(root)})
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest so far
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return seconds, usage.ru_maxrss / 1024


def _same(folder: Path) -> bool:
    """Whether both reports hold the same (start and end times aside)."""
    docs = []
    for name in ("cuadre", "before"):
        doc = json.loads((folder / f"report_{name}.json").read_text("utf-8"))
        for moment in ("started_at", "finished_at"):
            doc.pop(moment, None)
        docs.append(doc)
    return docs[0] == docs[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--before", type=Path, help="another checkout to time and compare with")
    args = parser.parse_args()
    print("| size | CRM MB | ERP MB | tool | seconds | peak MB | × polars |")
    print("| --- | --- | --- | --- | --- | --- | --- |", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            crm, erp = write(size, folder)
            mb = f"{crm.stat().st_size / 1e6:.0f} | {erp.stat().st_size / 1e6:.0f}"
            polars_s, polars_mb = timed([sys.executable, "bench/floor.py", str(crm), str(erp)])
            print(f"| {size:,} | {mb} | polars | {polars_s:.2f} | {polars_mb:.0f} | 1.0 |")
            runs = [("cuadre", ROOT)] + ([("before", args.before)] if args.before else [])
            for name, root in runs:
                out = folder / f"report_{name}.json"
                seconds, peak = timed([sys.executable, "-m", "app.cli", "reconcile", "--entity",
                                       "customers", "--crm", str(crm), "--erp", str(erp),
                                       "--out", str(out)], root)
                print(f"| {size:,} | {mb} | {name} | {seconds:.2f} | {peak:.0f} | "
                      f"{seconds / polars_s:.1f} |", flush=True)
            if args.before:
                print(f"| {size:,} | reports the same: {_same(folder)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
