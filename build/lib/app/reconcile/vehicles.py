"""Vehicles: link CRM inventory and ERP stock by VIN; report sales the ERP does not reflect.

Findings: sold in the CRM while the ERP still offers the VIN as available (another branch
could sell it), reserved or sold in the ERP to a different customer, a different branch, a VIN
in only one system, an invalid VIN (DESIGN §4: the check digit binds North-American VINs only)
and a VIN held twice by one system (each of its records still linked to the other system's).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pandas as pd

from app.domain.schema import Entity, System, records
from app.domain.values import fold, vin_problem
from app.progress import CancelToken, Progress, Task
from app.reconcile.keys import duplicates, join_on_key
from app.reconcile.results import (
    EntityResult,
    Link,
    Mismatch,
    one_per_fact,
    one_sided,
    with_counterparts,
)
from app.reconcile.stake import pesos

_SOLD = {"sold", "delivered"}
_COMMITTED = {"reserved", "sold", "delivered"}


def reconcile_vehicles(
    crm: pd.DataFrame, erp: pd.DataFrame, cancel: CancelToken | None = None
) -> Task[EntityResult]:
    result = EntityResult(Entity.VEHICLES, crm=crm, erp=erp)
    crm_rows = records(crm)
    erp_rows = records(erp)
    total = len(crm_rows) + len(erp_rows)
    for system, rows in ((System.CRM, crm_rows), (System.ERP, erp_rows)):
        for r in rows:
            problem = vin_problem(r["vin"])
            if problem is not None:
                result.mismatches.append(one_sided(
                    "invalid_vin", system, r["source_id"], r["vin"], key=r["vin"], field="vin",
                    detail=problem, branch=r["branch"],
                    at_stake=_stake("invalid_vin", system, r),
                ))
    yield Progress("compare_vehicles", total // 3, total)
    if cancel:
        cancel.check()

    join = join_on_key(
        [r["source_id"] for r in crm_rows], [r["vin"] for r in crm_rows],
        [r["source_id"] for r in erp_rows], [r["vin"] for r in erp_rows],
    )
    result.duplicates = duplicates(join)
    crm_by_id = {r["source_id"]: r for r in crm_rows}
    erp_by_id = {r["source_id"]: r for r in erp_rows}
    # A VIN held twice by one system is a duplicate, and each holder is still linked to the
    # other system's record of that VIN and compared with it.
    for crm_id, erp_id, vin in join.all_pairs():
        result.links.append(Link(crm_id, erp_id, "vin", "auto", 1.0))
        result.mismatches.extend(_compare(crm_by_id[crm_id], erp_by_id[erp_id], vin))
    result.mismatches = with_counterparts(one_per_fact(result.mismatches, result.links),
                                          result.links)
    for kind, system, only, by_id in (("only_in_crm", System.CRM, join.crm_only, crm_by_id),
                                      ("only_in_erp", System.ERP, join.erp_only, erp_by_id)):
        for vin, ids in _by_key(only).items():
            # One vehicle, one finding: the records of a VIN held twice are named together
            # and its price is at stake once (when the kind puts it at stake).
            r = by_id[ids[0]]
            crm_id, erp_id = (ids[0], None) if system is System.CRM else (None, ids[0])
            result.mismatches.append(Mismatch(kind, crm_id, erp_id, key=vin, system=system,
                                              branch=r["branch"], at_stake=_stake(kind, system, r),
                                              ids=tuple(ids) if len(ids) > 1 else ()))
    yield Progress("compare_vehicles", total, total)
    return result


def _stake(kind: str, system: System, r: dict[str, Any]) -> Decimal | None:
    """The pesos a finding about one system's record puts at stake (:mod:`.stake`)."""
    crm = system is System.CRM
    return pesos(Entity.VEHICLES, kind, crm=r["price"] if crm else None,
                 erp=None if crm else r["price"], sold=crm and r["status"] in _SOLD)[0]


def _by_key(only: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sid, key in only:
        out.setdefault(key, []).append(sid)
    return out


def _compare(a: dict[str, Any], b: dict[str, Any], vin: str) -> Iterator[Mismatch]:
    common = {
        "crm_id": a["source_id"], "erp_id": b["source_id"], "key": vin,
        "branch": b["branch"] or a["branch"],
    }

    def stake(kind: str) -> Decimal | None:
        return pesos(Entity.VEHICLES, kind, crm=a["price"], erp=b["price"] or a["price"],
                     sold=a["status"] in _SOLD)[0]

    if a["status"] in _SOLD and b["status"] == "available":
        kind = "sold_in_crm_available_in_erp"
        yield Mismatch(kind, field="status", crm_value=a["status"], erp_value=b["status"],
                       at_stake=stake(kind), **common)
    elif (
        a["status"] in _COMMITTED and b["status"] in _COMMITTED
        and a["customer_doc"] and b["customer_doc"] and a["customer_doc"] != b["customer_doc"]
    ):
        kind = "reserved_for_other_customer"
        yield Mismatch(kind, field="customer_doc", crm_value=a["customer_doc"],
                       erp_value=b["customer_doc"], at_stake=stake(kind), **common)
    if a["branch"] and b["branch"] and fold(a["branch"]) != fold(b["branch"]):
        yield Mismatch("branch_differs", field="branch", crm_value=a["branch"],
                       erp_value=b["branch"], at_stake=stake("branch_differs"), **common)
