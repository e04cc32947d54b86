"""Post-sale follow-ups due: delivered vehicles reaching a moment worth a call — a delivery
anniversary, the first service at 5.000 km, the SOAT or the insurance ending — within the next
``window_days`` with no follow-up in the CRM.

The definitions are :class:`app.insights.model.FollowupDue`'s; the choices it leaves open:

- a delivery on 29 February has its anniversary on 28 February in a year with no 29th (the
  last day of that February), as ``pandas.DateOffset`` counts years;
- one follow-up per VIN and kind: the first anniversary in the window, the earliest contract
  of that kind ending in it (with a window of more than a year, later ones are for later);
- the odometer rate comes from the latest workshop visit (of any kind, up to ``today``) with
  a reading above 0 km taken after the delivery day: km ÷ days since delivery;
- a duplicated VIN in the ERP counts once, with its latest delivery;
- contact is allowed only when the customer is in the CRM (where the follow-up would be
  created), has dated consent on the CRM or ERP record and no claim in progress on either;
  the reason shown is the claim first, then the missing consent, then the missing CRM record.

The ERP's inventory and the CRM's follow-ups are needed (without the CRM's follow-ups nothing
could be told covered, and the list would propose calls already made); without workshop visits
the first service is estimated from the delivery day only, without contracts there are no
SOAT or insurance follow-ups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.domain.i18n import mark_app, tr_marked
from app.domain.schema import FOLLOWUP_KINDS, records
from app.insights.data import (
    NOT_IN_CRM_REASON,
    contacts,
    day_text,
    days,
    ids,
    int_text,
    model_name,
    or_default,
    text,
    unavailable,
)
from app.insights.model import (
    COVER_DAYS,
    DEFAULT_KM_PER_YEAR,
    DEFAULT_WINDOW_DAYS,
    FIRST_SERVICE_KM,
    NO_BRANCH,
    FollowupDue,
    FollowupsResult,
    InsightData,
)

_VIEW = mark_app("app.insights", "los seguimientos posventa no se pueden calcular")
_DUE_COLUMNS = ["vin", "kind", "due_on", "basis"]


def followups_due(data: InsightData, window_days: int = DEFAULT_WINDOW_DAYS,
                  km_per_year: int = DEFAULT_KM_PER_YEAR) -> FollowupsResult:
    """The follow-ups due in ``[today, today + window_days]`` not covered by the CRM."""
    if window_days < 0:
        raise ValueError("window_days must not be negative")
    if km_per_year <= 0:
        raise ValueError("km_per_year must be positive")
    if data.vehicles_erp is None:
        return FollowupsResult(window_days, (), 0, unavailable(
            mark_app("app.insights", "La fuente del ERP no entrega el inventario de vehículos"),
            _VIEW))
    if data.followups is None:
        return FollowupsResult(window_days, (), 0, unavailable(
            mark_app("app.insights", "La fuente del CRM no entrega seguimientos"), _VIEW))
    today = pd.Timestamp(data.today)
    end = today + pd.Timedelta(days=window_days)
    delivered = _delivered(data.vehicles_erp)
    found = pd.concat([
        _anniversaries(delivered, today, end),
        _first_services(delivered, data, today, end, km_per_year),
        _contracts(delivered, data, today, end),
    ], ignore_index=True)
    if found.empty:
        return FollowupsResult(window_days, (), 0)
    found["due_on"] = pd.to_datetime(found["due_on"])
    covered = _covered(found, data.followups)
    due = found[~covered].merge(delivered, on="vin", how="left")
    return FollowupsResult(window_days, _items(due, data), int(covered.sum()))


def _delivered(vehicles: pd.DataFrame) -> pd.DataFrame:
    """Delivered ERP vehicles with a delivery day and a customer: one row per VIN."""
    df = pd.DataFrame({
        "vin": text(vehicles["vin"]), "status": vehicles["status"],
        "delivered_on": days(vehicles["delivered_on"]),
        "customer_doc": ids(vehicles["customer_doc"]),
        "branch": or_default(vehicles["branch"], NO_BRANCH), "model": model_name(vehicles),
    })
    df = df[(df["status"] == "delivered") & df["vin"].notna() & df["delivered_on"].notna()
            & df["customer_doc"].notna()]
    df = df.sort_values(["vin", "delivered_on"]).drop_duplicates("vin", keep="last")
    return df.drop(columns="status").reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _DUE_COLUMNS})


def _anniversaries(delivered: pd.DataFrame, today: pd.Timestamp, end: pd.Timestamp
                   ) -> pd.DataFrame:
    """The first anniversary (k ≥ 1 years) on or after today, when it is by ``end``."""
    if delivered.empty:
        return _empty()
    start_years = (today.year - delivered["delivered_on"].dt.year).clip(lower=1).astype(int)
    on = pd.Series(pd.NaT, index=delivered.index, dtype="datetime64[s]")
    years = start_years.copy()
    for k in sorted(set(start_years)):  # a handful of distinct ages: one vector step each
        rows = start_years == k
        on[rows] = delivered.loc[rows, "delivered_on"] + pd.DateOffset(years=int(k))
    late = on < today  # this year's is past: the next one
    for k in sorted(set(start_years[late])):
        rows = late & (start_years == k)
        on[rows] = delivered.loc[rows, "delivered_on"] + pd.DateOffset(years=int(k) + 1)
        years[rows] = k + 1
    hit = on <= end
    rows = delivered[hit]
    basis = [f"Entregado el {day_text(d.date())}: cumple {'un año' if k == 1 else f'{k} años'} "
             f"el {day_text(a.date())}"
             for d, k, a in zip(rows["delivered_on"], years[hit], on[hit], strict=True)]
    return pd.DataFrame({"vin": rows["vin"], "kind": "anniversary", "due_on": on[hit],
                         "basis": basis})


def _first_services(delivered: pd.DataFrame, data: InsightData, today: pd.Timestamp,
                    end: pd.Timestamp, km_per_year: int) -> pd.DataFrame:
    """5.000 km: from the latest odometer reading's rate, else ``km_per_year``."""
    pending = delivered[["vin", "delivered_on"]]
    readings = pd.DataFrame({"vin": pd.Series(dtype=object),
                             "visited_on": pd.Series(dtype="datetime64[s]"),
                             "km": pd.Series(dtype=float)})
    if data.services is not None and not data.services.empty:
        visits = pd.DataFrame({
            "vin": text(data.services["vin"]), "kind": data.services["kind"],
            "visited_on": days(data.services["visited_on"]),
            "km": pd.to_numeric(data.services["odometer_km"].map(_number), errors="coerce"),
        })
        served = set(visits.loc[visits["kind"] == "first_service", "vin"].dropna())
        pending = pending[~pending["vin"].isin(served)]
        readings = visits[(visits["km"] > 0) & (visits["visited_on"] <= today)]
    merged = pending.merge(readings[["vin", "visited_on", "km"]], on="vin", how="left")
    # A reading on or before the delivery day gives no rate: as if there were none (the
    # vehicle stays, with the yearly estimate, unless a later reading exists).
    before = merged["visited_on"] <= merged["delivered_on"]
    merged["visited_on"] = merged["visited_on"].mask(before)
    merged["km"] = merged["km"].mask(before)
    merged = (merged.sort_values(["vin", "visited_on"], na_position="first")
              .drop_duplicates("vin", keep="last").reset_index(drop=True))
    default_days = -(-FIRST_SERVICE_KM * 365 // km_per_year)  # ceil, in integers
    read = merged["visited_on"].notna()
    elapsed = (merged["visited_on"] - merged["delivered_on"]).dt.days.fillna(0).astype(np.int64)
    km = merged["km"].fillna(1).astype(np.int64)
    needed = np.where(read, -(-FIRST_SERVICE_KM * elapsed // km), default_days)
    due = merged["delivered_on"] + pd.to_timedelta(needed, unit="D")
    hit = (due >= today) & (due <= end)
    rows = merged[hit]
    rate = (f"{int_text(FIRST_SERVICE_KM)} km a {int_text(km_per_year)} km/año ≈ "
            f"{default_days} días después de la entrega")
    basis = [f"Última lectura {int_text(int(k))} km el {day_text(v.date())}: ≈ "
             f"{int_text(FIRST_SERVICE_KM)} km el {day_text(d.date())}" if r
             else f"Sin lectura de kilometraje: {rate}"
             for r, k, v, d in zip(read[hit], km[hit], rows["visited_on"], due[hit], strict=True)]
    return pd.DataFrame({"vin": rows["vin"], "kind": "first_service", "due_on": due[hit],
                         "basis": basis})


def _number(value: object) -> object:
    """An odometer cell as a number pandas reads (Decimal, int, text of digits)."""
    return None if value is None else str(value)


def _contracts(delivered: pd.DataFrame, data: InsightData, today: pd.Timestamp,
               end: pd.Timestamp) -> pd.DataFrame:
    """SOAT and insurance policies of delivered vehicles ending in the window."""
    if data.contracts is None or data.contracts.empty:
        return _empty()
    c = pd.DataFrame({
        "vin": text(data.contracts["vin"]), "kind": data.contracts["kind"],
        "provider": text(data.contracts["provider"]), "ends_on": days(data.contracts["ends_on"]),
    })
    c = c[c["kind"].isin(("soat", "insurance")) & c["ends_on"].notna()
          & c["vin"].isin(delivered["vin"])]
    # Only the latest policy of each kind counts: one that a later policy already renews is
    # not due, even when it ends in the window.
    c = c.sort_values(["vin", "kind", "ends_on"]).drop_duplicates(["vin", "kind"], keep="last")
    c = c[(c["ends_on"] >= today) & (c["ends_on"] <= end)]
    basis = [f"{'SOAT' if k == 'soat' else 'Seguro'}{f' ({p})' if isinstance(p, str) else ''} "
             f"vence el {day_text(e.date())}"
             for k, p, e in zip(c["kind"], c["provider"], c["ends_on"], strict=True)]
    return pd.DataFrame({"vin": c["vin"], "kind": c["kind"], "due_on": c["ends_on"],
                         "basis": basis})


def _covered(found: pd.DataFrame, followups: pd.DataFrame) -> pd.Series:
    """Whether a CRM follow-up (not cancelled) of the same VIN and kind is due within
    ``COVER_DAYS`` of each due date (a boolean per row of ``found``)."""
    crm = pd.DataFrame({
        "vin": text(followups["vin"]), "kind": followups["kind"],
        "crm_due": days(followups["due_on"]), "status": followups["status"],
    })
    crm = crm[(crm["status"] != "cancelled") & crm["vin"].notna() & crm["crm_due"].notna()]
    pairs = found.reset_index().merge(crm, on=["vin", "kind"])
    near = (pairs["crm_due"] - pairs["due_on"]).abs() <= pd.Timedelta(days=COVER_DAYS)
    return pd.Series(found.index.isin(pairs.loc[near, "index"]), index=found.index)


def _items(due: pd.DataFrame, data: InsightData) -> tuple[FollowupDue, ...]:
    who = contacts(data)
    due = due.join(who, on="customer_doc")
    allowed = due["allowed"].eq(True) & due["in_crm"].eq(True)
    reason = due["blocked_reason"].where(due["blocked_reason"].notna(),
                                           tr_marked("app.insights", NOT_IN_CRM_REASON))
    due = due.assign(allowed=allowed, reason=reason.where(~allowed, None),
                     order=due["kind"].map(FOLLOWUP_KINDS.index))
    due = due.sort_values(["due_on", "order", "vin"])
    return tuple(
        FollowupDue(
            vin=r["vin"], customer_doc=r["customer_doc"],
            customer_name=r["name"] if isinstance(r["name"], str) else "", kind=r["kind"],
            due_on=r["due_on"].date(), delivered_on=r["delivered_on"].date(),
            branch=r["branch"], model=r["model"], basis=r["basis"],
            contact_allowed=bool(r["allowed"]),
            blocked_reason=r["reason"] if isinstance(r["reason"], str) else None,
            # Ley 1581: a number to call only for someone who may be called.
            phone=r["phone"] if r["allowed"] and isinstance(r["phone"], str) else None)
        for r in records(due))

