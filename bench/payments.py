"""Payments at scale, Cuadre against datacompy: wall time, peak memory, precision and recall.

    .venv-bench/bin/python bench/payments.py [--sizes 10000 100000] \
        [--tools cuadre,datacompy,datacompy-key] [--timeout 600]

Under ``.venv/bin/python`` (no datacompy) only Cuadre runs. Every tool sees the same labelled
set (``app.demo.payments_linkage.generate_payments(size, seed=7)``): about SIZE ERP receipts
and SIZE CRM payments; most payments name their receipt in another format than the ERP
("RC 4512" for "RC-00004512"), some only the invoice's CUFE or the invoice number, some are
split differently by the two systems (one payment for two or three receipts, or the reverse,
or one receipt for two invoices), some exist on one side only or were entered twice. Each
(tool, size) runs in its own process, so the peak memory (``ru_maxrss``) is that run's own; the
data are regenerated deterministically in every child.

- **cuadre** — ``app.reconcile.payments.reconcile_payments`` with a profile allowing $1.000
  and 3 days, with the garbage collector paused as ``app.reconcile.engine`` runs it: receipt
  key, then CUFE, then invoice, then invoice groups, and the comparison of every linked pair
  (its amount, date and customer findings included). Its ``exact`` row is its
  ``receipt_number`` links.
- **datacompy** — ``PandasCompare`` of the two frames joined on the raw ``receipt_number``
  column, the diff a user would run; its intersect rows are its links.
- **datacompy-key** — the same, joined on a key the user normalised first with pandas string
  methods (upper case, letters and digits only, leading zeros dropped); that step is timed.

Precision and recall count (CRM id, ERP id) pairs against the generator's truth: ``total``
against every true link (each CRM × ERP pair of a group counts), ``exact`` against the links
a normalized receipt key makes. Seconds exclude imports and data generation; peak MB is the
whole child process ("data MB" is the peak once the data are generated, before the tool runs).
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from harness import Pairs, peak_mb, print_row, report, score, spawn

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("cuadre", "datacompy", "datacompy-key")
AMOUNT_TOLERANCE = Decimal(1000)  # pesos, the profile's absolute tolerance
DATE_WINDOW_DAYS = 3

Parts = dict[str, tuple[Pairs, float]]


def load(size: int) -> Any:
    sys.path.insert(0, str(ROOT))
    from app.demo.payments_linkage import generate_payments

    return generate_payments(size, seed=7)


# --- the tools: each returns {part: (pairs, seconds)} -----------------------------------------

def run_cuadre(data: Any) -> Parts:
    from app.progress import run
    from app.reconcile.gcpause import collector_paused
    from app.reconcile.payments import reconcile_payments
    from app.reconcile.profile import Profile

    profile = Profile(amount_tolerance_abs=AMOUNT_TOLERANCE, date_window_days=DATE_WINDOW_DAYS)
    start = time.perf_counter()
    with collector_paused():  # as the engine runs every comparison
        result = run(reconcile_payments(data.crm, data.erp, profile))
    seconds = time.perf_counter() - start
    links = {(x.crm_id, x.erp_id) for x in result.links}
    exact = {(x.crm_id, x.erp_id) for x in result.links if x.method == "receipt_number"}
    return {"exact": (exact, seconds), "total": (links, seconds)}


def _compare(crm: pd.DataFrame, erp: pd.DataFrame, on: str) -> Pairs:
    import datacompy

    compare = datacompy.PandasCompare(crm, erp, join_columns=on, df1_name="crm", df2_name="erp")
    both = compare.intersect_rows
    return set(zip(both["source_id_crm"], both["source_id_erp"], strict=True))


def run_datacompy(data: Any) -> Parts:
    """datacompy's pandas Compare joined on receipt_number as each system wrote it."""
    start = time.perf_counter()
    pairs = _compare(data.crm, data.erp, "receipt_number")
    seconds = time.perf_counter() - start
    return {"exact": (pairs, seconds), "total": (pairs, seconds)}


def receipt_key(column: pd.Series) -> pd.Series:
    """The normalisation a user could write in pandas: "rc 004512" -> "RC4512"."""
    text = column.astype("string").str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
    return text.str.replace(r"^([A-Z]*)0*", r"\1", regex=True).astype(object)


def run_datacompy_key(data: Any) -> Parts:
    """datacompy joined on a receipt key normalised beforehand (that step timed too)."""
    start = time.perf_counter()
    crm = data.crm.assign(key=receipt_key(data.crm["receipt_number"]))
    erp = data.erp.assign(key=receipt_key(data.erp["receipt_number"]))
    pairs = _compare(crm, erp, "key")
    seconds = time.perf_counter() - start
    return {"exact": (pairs, seconds), "total": (pairs, seconds)}


RUNNERS: dict[str, Callable[[Any], Parts]] = {
    "cuadre": run_cuadre, "datacompy": run_datacompy, "datacompy-key": run_datacompy_key,
}


# --- scoring and the child process ----------------------------------------------------------

def child(tool: str, size: int) -> list[dict[str, Any]]:
    """Run one tool on one size in this process; one row per part."""
    data = load(size)
    truth = {"exact": data.exact_links, "total": data.true_links}
    data_mb = peak_mb()
    parts = RUNNERS[tool](data)
    mb = peak_mb()
    return [{"tool": tool, "size": size, "part": part, "seconds": seconds, "peak_mb": mb,
             "data_mb": data_mb, "crm": len(data.crm), "erp": len(data.erp),
             **score(pairs, truth[part])}
            for part, (pairs, seconds) in parts.items()]


# --- the table --------------------------------------------------------------------------------

HEADER = ("tool", "size", "CRM / ERP rows", "part", "seconds", "peak MB", "data MB", "links",
          "precision", "recall", "F1")


def cells(row: dict[str, Any]) -> list[str]:
    if "error" in row:
        return [row["tool"], f"{row['size']:,}", "", "error", row["error"], *[""] * 6]
    return [row["tool"], f"{row['size']:,}", f"{row['crm']:,} / {row['erp']:,}", row["part"],
            f"{row['seconds']:.2f}", f"{row['peak_mb']:.0f}", f"{row['data_mb']:.0f}",
            f"{row['links']:,}", f"{row['precision']:.4f}", f"{row['recall']:.4f}",
            f"{row['f1']:.4f}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--tools", default=None,
                        help=f"comma-separated, of {', '.join(TOOLS)} (default: those installed)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per tool and size")
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rows = child(args.child[0], int(args.child[1]))
        report(rows)
        return 0
    has_datacompy = importlib.util.find_spec("datacompy") is not None
    if args.tools is None:
        tools = [t for t in TOOLS if has_datacompy or not t.startswith("datacompy")]
        if not has_datacompy:
            print("datacompy is not installed here (it needs pandas < 3.1): only cuadre runs; "
                  "use .venv-bench/bin/python for the peers.", file=sys.stderr)
    else:
        tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    print_row(HEADER)
    print_row(["---"] * len(HEADER))
    for size in args.sizes:
        for tool in tools:
            for row in spawn(__file__, tool, size, args.timeout):
                print_row(cells(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
