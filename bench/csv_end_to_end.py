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

Peak MB is the child's ``ru_maxrss``. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MB of one child process."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    print("| size | CRM MB | ERP MB | tool | seconds | peak MB | × polars |")
    print("| --- | --- | --- | --- | --- | --- | --- |", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            crm, erp = write(size, folder)
            mb = f"{crm.stat().st_size / 1e6:.0f} | {erp.stat().st_size / 1e6:.0f}"
            # RUSAGE_CHILDREN keeps the largest child's peak: the small one goes first.
            polars_s, polars_mb = timed([sys.executable, "bench/floor.py", str(crm), str(erp)])
            cuadre_s, cuadre_mb = timed([sys.executable, "-m", "app.cli", "reconcile", "--entity",
                                         "customers", "--crm", str(crm), "--erp", str(erp),
                                         "--out", str(folder / "report.json")])
            print(f"| {size:,} | {mb} | polars | {polars_s:.2f} | {polars_mb:.0f} | 1.0 |")
            print(f"| {size:,} | {mb} | cuadre | {cuadre_s:.2f} | {cuadre_mb:.0f} | "
                  f"{cuadre_s / polars_s:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
