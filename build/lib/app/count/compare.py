"""A branch's physical count against ERP stock: what is missing from the lot, what is extra.

The branch manager scans or types the VINs on the lot (or imports a file of them); the count
is a frame with the canonical physical-count columns (DESIGN §3: ``branch, vin, counted_at,
counted_by, note``). :func:`compare_count` checks it against the ERP's vehicles and reports:

- ``count_missing_from_lot``: the ERP has the unit physically at this branch (available,
  reserved, sold but not delivered, demo) and nobody counted it;
- ``count_not_in_erp_stock``: counted, but the ERP has no such VIN (``detail="not_in_erp"``)
  or has it as delivered or in transit (``detail`` is that status);
- ``count_wrong_branch``: counted here, the ERP puts it at another branch (``erp_value``);
- ``count_invalid_vin``: a counted VIN that fails DESIGN §4's rules. When it matches no ERP VIN
  and a unit missing from the lot is within two edits of it (a misread O for 0, a dropped
  character), ``detail="suggest:<VIN>"`` names that unit, and the missing unit's finding says
  ``detail="typed_as:<counted VIN>"``; otherwise ``detail`` is the ``vin_problem`` code;
- ``count_scanned_twice``: informational; ``detail`` is how many times (``"2"``).

A counted VIN that fails the rules but is exactly an ERP VIN is still that unit: it is not
missing, and the invalid VIN is reported too (the Inventario tab reports it against the ERP).

Written as a generator (``app/progress.py``): it yields progress, checks the cancel token and
returns a :class:`CountResult`. No Qt.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from app.domain.schema import System, records
from app.domain.values import fold, normalize_vin, vin_problem
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Mismatch

#: The kinds a count reports, in the order the window lists them.
COUNT_KINDS = (
    "count_missing_from_lot",
    "count_not_in_erp_stock",
    "count_wrong_branch",
    "count_invalid_vin",
    "count_scanned_twice",
)

#: The physical-count columns (DESIGN §3).
COUNT_COLUMNS = ("branch", "vin", "counted_at", "counted_by", "note")

#: ERP statuses of a unit that stands on the branch's lot.
ON_LOT = frozenset({"available", "reserved", "sold", "demo"})
#: ERP statuses of a unit that cannot be on any lot.
OFF_LOT = frozenset({"delivered", "in_transit"})

#: How many edits (Levenshtein) may separate an invalid counted VIN from the unit it suggests.
SUGGEST_DISTANCE = 2

_PROGRESS_EVERY = 500


def count_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A physical-count frame from row dicts: every column present, as Python objects."""
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in COUNT_COLUMNS}
    return pd.DataFrame(data, columns=list(COUNT_COLUMNS))


def branch_slug(branch: str) -> str:
    """A file-name-safe form of a branch name: "Bogotá - Autopista Norte" → "bogota-autopista-norte"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(branch)).strip("-")
    return slug or "sede"


@dataclass(slots=True)
class CountResult:
    """What one branch's count shows, and the numbers behind it."""

    branch: str
    findings: list[Mismatch] = field(default_factory=list)
    expected: int = 0  # ERP units physically at the branch
    scans: int = 0  # count rows with a VIN, repeats included
    counted: int = 0  # distinct VINs counted
    confirmed: int = 0  # counted and, for the ERP, on this branch's lot
    other_branch_rows: int = 0  # rows of the file that belong to another ERP branch (left out)
    erp: pd.DataFrame | None = None
    _index: dict[str, dict[str, Any]] | None = field(default=None, repr=False)

    def summary(self) -> list[tuple[str, int, Decimal]]:
        """(kind, count, pesos at stake) for every count kind, in display order."""
        counts = dict.fromkeys(COUNT_KINDS, 0)
        stake = {k: Decimal(0) for k in COUNT_KINDS}
        for m in self.findings:
            counts[m.kind] += 1
            stake[m.kind] += m.at_stake or Decimal(0)
        return [(k, counts[k], stake[k]) for k in COUNT_KINDS]

    def by_kind(self) -> dict[str, int]:
        return {k: n for k, n, _ in self.summary()}

    def record(self, erp_id: str | None) -> dict[str, Any] | None:
        """The ERP vehicle with that id (make, model, colour… for the window)."""
        if erp_id is None or self.erp is None:
            return None
        if self._index is None:
            self._index = {str(r["source_id"]): r for r in records(self.erp)}
        return self._index.get(erp_id)


def compare_count(
    count: pd.DataFrame,
    erp_vehicles: pd.DataFrame,
    branch: str,
    cancel: CancelToken | None = None,
) -> Task[CountResult]:
    """Compare ``branch``'s count with the ERP's vehicles; yields progress, returns the result.

    Count rows whose branch names another ERP branch are left out (``other_branch_rows``);
    rows without a branch, or naming one the ERP does not know, count for ``branch``.
    """
    if "vin" not in count.columns:
        raise ValueError("a physical count needs a 'vin' column")
    here = fold(branch)
    erp_rows = records(erp_vehicles)
    by_vin, branch_names = _erp_index(erp_rows)
    result = CountResult(branch=branch_names.get(here, branch), erp=erp_vehicles)
    scans = _scans(count, here, branch_names, result)

    total = len(scans) + len(erp_rows)
    yield Progress("count_compare", 0, total)
    findings: list[Mismatch] = []
    seen: set[str] = set()  # ERP ids of units counted here
    unmatched_invalid: list[str] = []  # reported below, with a suggestion if any
    for done, (vin, times) in enumerate(scans.items(), start=1):
        if done % _PROGRESS_EVERY == 0:
            _check(cancel)
            yield Progress("count_compare", done, total)
        findings += _counted(vin, times, by_vin.get(vin), here, result, seen, unmatched_invalid)

    _check(cancel)
    missing = _missing(erp_rows, here, seen, result)
    yield Progress("count_compare", total, total)

    typed_as: dict[str, str] = {}
    findings += _invalid(unmatched_invalid, missing, result, typed_as, cancel)
    for vin, r in missing.items():
        findings.append(Mismatch(
            "count_missing_from_lot", None, str(r["source_id"]), key=None if vin.startswith("#") else vin,
            field="status", erp_value=r["status"], at_stake=r["price"], branch=r["branch"],
            system=System.ERP, detail=f"typed_as:{typed_as[vin]}" if vin in typed_as else None,
        ))

    order = {k: i for i, k in enumerate(COUNT_KINDS)}
    result.findings = sorted(findings, key=lambda m: order[m.kind])
    yield Progress("count_compare", total, total)
    return result


def _erp_index(erp_rows: list[dict[str, Any]]
               ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """The ERP's units by VIN, and its branches' names by their folded form."""
    by_vin: dict[str, list[dict[str, Any]]] = {}
    branch_names: dict[str, str] = {}
    for r in erp_rows:
        vin = normalize_vin(r["vin"])
        if vin is not None:
            by_vin.setdefault(vin, []).append(r)
        if r["branch"]:
            branch_names.setdefault(fold(r["branch"]), r["branch"])
    return by_vin, branch_names


def _scans(count: pd.DataFrame, here: str, branch_names: dict[str, str],
           result: CountResult) -> Counter[str]:
    """How many times each VIN was counted at this branch (rows of another ERP branch are
    left out and counted in ``other_branch_rows``); sets ``scans`` and ``counted``."""
    scans: Counter[str] = Counter()
    branches = count["branch"] if "branch" in count.columns else [None] * len(count)
    for raw_vin, raw_branch in zip(count["vin"], branches, strict=True):
        vin = normalize_vin(raw_vin)
        if vin is None:
            continue
        row_branch = fold(raw_branch)
        if row_branch and row_branch != here and row_branch in branch_names:
            result.other_branch_rows += 1
            continue
        scans[vin] += 1
    result.scans = sum(scans.values())
    result.counted = len(scans)
    return scans


def _counted(vin: str, times: int, candidates: list[dict[str, Any]] | None, here: str,
             result: CountResult, seen: set[str], unmatched_invalid: list[str]) -> list[Mismatch]:
    """The findings of one counted VIN; notes the ERP units it confirms in ``seen`` and an
    invalid VIN no unit holds in ``unmatched_invalid``."""
    findings: list[Mismatch] = []
    problem = vin_problem(vin)
    unit = _best_unit(candidates, here) if candidates else None
    if unit is None:
        if problem is not None:
            unmatched_invalid.append(vin)
        else:
            findings.append(Mismatch(
                "count_not_in_erp_stock", None, None, key=vin, branch=result.branch,
                detail="not_in_erp",
            ))
    else:
        seen.update(str(r["source_id"]) for r in candidates or () if fold(r["branch"]) == here)
        wrong = _counted_unit(unit, vin, here, result)
        findings.extend(wrong)
        if not wrong:
            result.confirmed += 1
        if problem is not None:
            findings.append(Mismatch(
                "count_invalid_vin", None, str(unit["source_id"]), key=vin, field="vin",
                branch=result.branch, detail=problem,
            ))
    if times > 1:
        findings.append(Mismatch(
            "count_scanned_twice", None, None if unit is None else str(unit["source_id"]),
            key=vin, branch=result.branch, detail=str(times),
        ))
    return findings


def _missing(erp_rows: list[dict[str, Any]], here: str, seen: set[str],
             result: CountResult) -> dict[str, dict[str, Any]]:
    """VIN (or ``#id`` when it has none) → the ERP unit on this branch's lot nobody counted, in
    ERP order; sets ``expected``."""
    missing: dict[str, dict[str, Any]] = {}
    for r in erp_rows:
        if fold(r["branch"]) != here or _status(r) not in ON_LOT:
            continue
        result.expected += 1
        if str(r["source_id"]) not in seen:
            missing.setdefault(normalize_vin(r["vin"]) or f"#{r['source_id']}", r)
    return missing


def _invalid(unmatched_invalid: list[str], missing: dict[str, dict[str, Any]],
             result: CountResult, typed_as: dict[str, str],
             cancel: CancelToken | None) -> list[Mismatch]:
    """The invalid VINs no unit holds, each with the missing unit a typo most likely meant
    (noted in ``typed_as``: that unit's VIN → the VIN counted)."""
    findings: list[Mismatch] = []
    missing_vins = [v for v in missing if not v.startswith("#")]
    for vin in unmatched_invalid:
        _check(cancel)
        match = process.extractOne(
            vin, missing_vins, scorer=Levenshtein.distance, score_cutoff=SUGGEST_DISTANCE
        ) if missing_vins else None
        suggestion = match[0] if match is not None else None
        if suggestion is not None:
            typed_as.setdefault(suggestion, vin)
        findings.append(Mismatch(
            "count_invalid_vin", None, str(missing[suggestion]["source_id"]) if suggestion else None,
            key=vin, field="vin", branch=result.branch,
            detail=f"suggest:{suggestion}" if suggestion else vin_problem(vin),
        ))
    return findings


def _status(unit: dict[str, Any]) -> str | None:
    status = unit.get("status")
    return str(status) if status else None


def _best_unit(candidates: list[dict[str, Any]], here: str) -> dict[str, Any]:
    """Of the ERP records holding one VIN, the one the count most likely saw."""
    def rank(r: dict[str, Any]) -> tuple[int, int]:
        return (0 if fold(r["branch"]) == here else 1, 0 if _status(r) in ON_LOT else 1)

    return min(candidates, key=rank)


def _counted_unit(unit: dict[str, Any], vin: str, here: str, result: CountResult) -> list[Mismatch]:
    """What is wrong with counting ``unit`` at this branch, if anything."""
    status = _status(unit)
    common: dict[str, Any] = {
        "key": vin, "branch": result.branch, "at_stake": unit["price"],
    }
    erp_id = str(unit["source_id"])
    if status in OFF_LOT:
        return [Mismatch("count_not_in_erp_stock", None, erp_id, field="status",
                         erp_value=status, detail=status, **common)]
    if fold(unit["branch"]) != here:
        return [Mismatch("count_wrong_branch", None, erp_id, field="branch",
                         erp_value=unit["branch"], **common)]
    return []


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()
