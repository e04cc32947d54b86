"""Demo physical counts: one count file per branch, written from the demo ERP's stock.

What a branch manager would bring back from the lot, as Excel in es-CO saves it
(``conteo_<branch-slug>.csv`` beside the demo databases: ``;``-separated UTF-8 with a BOM,
headers ``Sede;VIN;Fecha;Contado por;Observación``, dates dd/mm/yyyy). Deterministic (a
fixed seed). Seeded per branch, and returned as ground truth so tests can check that
``compare_count`` finds exactly these:

- a few units on the lot that nobody counted (``count_missing_from_lot``);
- two units the ERP places at this branch that stand at the next one: counted there
  (``count_wrong_branch``) and missing here;
- two VINs the ERP has never heard of and one it has as delivered (``count_not_in_erp_stock``);
- a missing unit whose VIN was typed with the letter O for a zero (``count_invalid_vin``,
  suggesting the unit); any other counted VIN that fails DESIGN §4's rules is invalid too;
- one VIN scanned twice (``count_scanned_twice``).
"""

from __future__ import annotations

import csv
import io
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.count.compare import ON_LOT, branch_slug
from app.demo.connector import DemoErp
from app.domain.schema import Entity, records
from app.domain.values import fold, vin_check_digit, vin_problem

SEED = 20261121
#: The day the counts were made (the demo's "today").
COUNT_DAY = date(2026, 11, 20)
HEADERS = ("Sede", "VIN", "Fecha", "Contado por", "Observación")

_COUNTERS = ("Carolina Rojas", "Andrés Felipe Molina", "Diana Ospina", "Jhon Jairo Cardona",
             "Luisa Fernanda Vélez", "Mauricio Quintero")
_NOTES = ("Patio trasero", "Sala de exhibición", "Taller (alistamiento)", "Parqueadero cubierto",
          "Sin placas", "Lavado")
_MOVED = 2  # units of each branch that stand at the next branch
_UNKNOWN = 2  # VINs the ERP does not have


@dataclass(slots=True)
class DemoCount:
    """One branch's demo count: where it was written, its rows and what it should show."""

    branch: str
    path: Path
    rows: list[dict[str, Any]]  # canonical count rows (branch, vin, counted_at, counted_by, note)
    truth: Counter[str] = field(default_factory=Counter)  # kind → findings expected
    typo: tuple[str, str] | None = None  # (VIN as typed, the unit's VIN)


def count_path(folder: Path, branch: str) -> Path:
    return folder / f"conteo_{branch_slug(branch)}.csv"


def write_demo_counts(erp_path: Path, folder: Path | None = None,
                      seed: int = SEED) -> dict[str, DemoCount]:
    """Write one count file per ERP branch into ``folder`` (the demo's folder by default)."""
    folder = folder or erp_path.parent
    stock = records(DemoErp(erp_path).pull(Entity.VEHICLES))
    rng = random.Random(seed)
    branches = sorted({r["branch"] for r in stock if r["branch"]}, key=fold)
    erp_vins = {r["vin"] for r in stock if r["vin"]}
    on_lot = {
        b: [r for r in stock if r["branch"] == b and r["status"] in ON_LOT]
        for b in branches
    }
    # Only units with a valid VIN are picked for a seeded role, so each yields one finding.
    movable = {b: [r for r in on_lot[b] if _valid(r)] for b in branches}
    moved = {b: rng.sample(movable[b], _MOVED) for b in branches}

    counts = {}
    for i, b in enumerate(branches):
        previous = branches[i - 1]
        counts[b] = _branch_count(rng, b, on_lot[b], moved[b], moved[previous], stock, erp_vins,
                                  count_path(folder, b))
    for c in counts.values():
        _write_csv(c.path, c.rows)
    return counts


def _branch_count(rng: random.Random, branch: str, lot: list[dict[str, Any]],
                  moved_out: list[dict[str, Any]], moved_in: list[dict[str, Any]],
                  stock: list[dict[str, Any]], erp_vins: set[str], path: Path) -> DemoCount:
    out_ids = {r["source_id"] for r in moved_out}
    here = [r for r in lot if r["source_id"] not in out_ids and r["vin"]]
    without_vin = len(lot) - len(moved_out) - len(here)  # nobody can count those: missing
    candidates = [r for r in here if _valid(r)]
    typo_unit = rng.choice([r for r in candidates if "0" in r["vin"]])
    candidates.remove(typo_unit)
    n_missing = max(3, len(here) // 25)
    missing = rng.sample(candidates, n_missing)
    missing_ids = {r["source_id"] for r in missing} | {typo_unit["source_id"]}
    counted = [r for r in here if r["source_id"] not in missing_ids]
    twice = rng.choice([r for r in counted if _valid(r)])

    delivered = [r for r in stock if r["status"] == "delivered" and _valid(r)]
    delivered_here = [r for r in delivered if r["branch"] == branch] or delivered
    delivered_unit = rng.choice(delivered_here)
    unknown = [_unknown_vin(rng, erp_vins) for _ in range(_UNKNOWN)]
    typed = typo_unit["vin"].replace("0", "O", 1)

    vins = [r["vin"] for r in counted] + [r["vin"] for r in moved_in] + unknown
    vins += [delivered_unit["vin"], typed, twice["vin"]]
    rng.shuffle(vins)
    # The repeat comes later than the first scan: someone walked the row again.
    first = vins.index(twice["vin"])
    vins.remove(twice["vin"])
    vins.insert(rng.randint(first + 1, len(vins)), twice["vin"])

    people = rng.sample(_COUNTERS, 2)
    rows = []
    for n, vin in enumerate(vins):
        rows.append({
            "branch": branch, "vin": vin,
            # Counting took two days.
            "counted_at": COUNT_DAY - timedelta(days=1 if n < len(vins) // 3 else 0),
            "counted_by": people[0] if n % 3 else people[1],
            "note": rng.choice(_NOTES) if rng.random() < 0.08 else None,
        })

    truth: Counter[str] = Counter()
    truth["count_missing_from_lot"] = n_missing + 1 + len(moved_out) + without_vin
    truth["count_wrong_branch"] = len(moved_in)
    truth["count_not_in_erp_stock"] = len(unknown) + 1
    # The typo, and any counted unit whose VIN (in the ERP too) fails the rules.
    truth["count_invalid_vin"] = 1 + sum(vin_problem(r["vin"]) is not None for r in counted)
    truth["count_scanned_twice"] = 1
    return DemoCount(branch, path, rows, truth, (typed, typo_unit["vin"]))


def _valid(unit: dict[str, Any]) -> bool:
    return vin_problem(unit["vin"]) is None


def _unknown_vin(rng: random.Random, taken: set[str]) -> str:
    """A valid VIN of a make the dealership sells that is in no ERP record."""
    model = rng.choice(sorted(taken))
    while True:
        body = model[:11] + f"{rng.randint(0, 999_999):06d}"
        vin = body[:8] + vin_check_digit(body) + body[9:]
        if vin not in taken and vin_problem(vin) is None:
            taken.add(vin)
            return vin


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """Excel-like: ``;`` separators, a BOM, CRLF line ends, dd/mm/yyyy; atomically replaced."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow([
            r["branch"], r["vin"], r["counted_at"].strftime("%d/%m/%Y"), r["counted_by"],
            r["note"] or "",
        ])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    os.replace(tmp, path)
