"""Renewal likelihood: the customers most likely to change their vehicle this month, each with
the reasons, as an additive score a person can check by hand — no fitted model.

A score is the sum of four parts (0–100), each with its points and a Spanish sentence:

- **vehicle age** (``AGE_POINTS``), from ``delivered_on``, else from the model year: full
  years at the reference day; 5 years or more 30 points, 4 → 25, 3 → 20, 2 → 10, less → 0;
- **financing end** (the vehicle's ``financing`` contracts; the best one counts): ends in the
  month → ``FINANCING_THIS_MONTH`` (30); ends later but within ``FINANCING_SOON_DAYS`` (60)
  of the reference day → ``FINANCING_SOON`` (20); ended in the ``FINANCING_ENDED_MONTHS`` (6)
  months before the month → ``FINANCING_ENDED`` (15): no more instalments, ready for another;
- **workshop visits** of the vehicle in the ``VISIT_YEARS`` (2) years up to the reference day:
  ``VISITS_MANY`` (15) from ``MANY_VISITS`` (3) visits, ``VISITS_SOME`` (10) for one or two,
  and ``RECENT_VISIT`` (+5) when the last one was within ``RECENT_VISIT_DAYS`` (180) days;
- **last contact** with the customer — the latest CRM follow-up done (its ``due_on``, else
  when it was updated) or activity on one of their deals (created, closed or updated) — within
  ``CONTACT_RECENT_DAYS`` (90) days → ``CONTACT_RECENT`` (20), within ``CONTACT_YEAR_DAYS``
  (365) → ``CONTACT_YEAR`` (10).

The maximum is 30 + 30 + 20 + 20 = 100. «This month» is the month of ``today`` unless
``month`` ("2026-12") is given; the reference day is ``today`` in today's month and the first
day of any other month. One candidate per customer: their delivered vehicle with the highest
score (ties: the VIN first in order). Only customers whose consent allows contact (dated
consent on the CRM or ERP record, no claim in progress on either) are scored; a score of 0 is
not listed. Reasons worth 0 points are not listed either: the reasons add up to the score.

The ERP's inventory and the customers are needed; without contracts, workshop visits, deals
or follow-ups their parts score 0.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from app.domain.i18n import mark_app, tr_app
from app.domain.schema import records
from app.insights.data import (
    contacts,
    day_text,
    days,
    ids,
    model_name,
    or_default,
    text,
    unavailable,
)
from app.insights.model import (
    NO_BRANCH,
    InsightData,
    Reason,
    RenewalCandidate,
    RenewalResult,
)

#: (at least this many full years, points), first match wins.
AGE_POINTS = ((5, 30), (4, 25), (3, 20), (2, 10))
FINANCING_THIS_MONTH = 30
FINANCING_SOON = 20
FINANCING_SOON_DAYS = 60
FINANCING_ENDED = 15
FINANCING_ENDED_MONTHS = 6
VISIT_YEARS = 2
MANY_VISITS = 3
VISITS_MANY = 15
VISITS_SOME = 10
RECENT_VISIT = 5
RECENT_VISIT_DAYS = 180
CONTACT_RECENT = 20
CONTACT_RECENT_DAYS = 90
CONTACT_YEAR = 10
CONTACT_YEAR_DAYS = 365

_VIEW = mark_app("app.insights", "la probabilidad de renovación no se puede calcular")


def month_bounds(month: str) -> tuple[date, date]:
    """The first and last day of "2026-11" (a ValueError for anything else)."""
    try:
        year, number = (int(p) for p in month.split("-"))
        first = date(year, number, 1)
    except ValueError:
        raise ValueError(f"not a month: {month!r}") from None
    return first, first.replace(day=calendar.monthrange(year, number)[1])


def renewal(data: InsightData, month: str | None = None, limit: int | None = 25) -> RenewalResult:
    month = month or f"{data.today:%Y-%m}"
    first, last = month_bounds(month)
    ref = data.today if first <= data.today <= last else first
    if data.vehicles_erp is None:
        return RenewalResult(month, (), unavailable(
            mark_app("app.insights", "La fuente del ERP no entrega el inventario de vehículos"),
            _VIEW))
    if data.customers_crm is None and data.customers_erp is None:
        return RenewalResult(month, (), unavailable(
            mark_app("app.insights", "Las fuentes no entregan clientes (sin su autorización no se "
                                     "les contacta)"), _VIEW))
    v = _vehicles(data.vehicles_erp)
    who = contacts(data)
    v = v.join(who[["allowed", "name", "phone"]], on="customer_doc")
    v = v[v["allowed"].eq(True)].reset_index(drop=True)
    at = pd.Timestamp(ref)
    v = v.merge(_financing(data, at, pd.Timestamp(first), pd.Timestamp(last)), on="vin",
                how="left")
    v = v.merge(_visits(data, at), on="vin", how="left")
    v = v.merge(_last_contact(data, at), on="customer_doc", how="left")
    reasons = pd.Series([_reasons(r, ref) for r in records(v)], index=v.index, dtype=object)
    v["reasons"] = reasons
    v["score"] = reasons.map(lambda rs: sum(x.points for x in rs))
    v = v[v["score"] > 0].sort_values(["customer_doc", "score", "vin"],
                                      ascending=[True, False, True])
    v = v.drop_duplicates("customer_doc").sort_values(["score", "customer_doc"],
                                                       ascending=[False, True])
    if limit is not None:
        v = v.head(limit)
    return RenewalResult(month, tuple(
        RenewalCandidate(
            customer_doc=r["customer_doc"],
            customer_name=r["name"] if isinstance(r["name"], str) else "", vin=r["vin"],
            model=r["model"], branch=r["branch"], score=int(r["score"]),
            reasons=tuple(r["reasons"]),
            phone=r["phone"] if isinstance(r["phone"], str) else None)
        for r in records(v)))


def _vehicles(raw: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame({
        "vin": text(raw["vin"]), "status": raw["status"],
        "customer_doc": ids(raw["customer_doc"]),
        "delivered_on": days(raw["delivered_on"]),
        "model_year": pd.to_numeric(raw["model_year"].map(
            lambda v: None if v is None else str(v)), errors="coerce"),
        "branch": or_default(raw["branch"], NO_BRANCH), "model": model_name(raw),
    })
    df = df[(df["status"] == "delivered") & df["vin"].notna() & df["customer_doc"].notna()]
    return df.drop(columns="status").drop_duplicates("vin", keep="last").reset_index(drop=True)


def _financing(data: InsightData, at: pd.Timestamp, first: pd.Timestamp, last: pd.Timestamp
               ) -> pd.DataFrame:
    """Per VIN, the financing contract worth most points: (fin_points, fin_ends, fin_case)."""
    columns = {"vin": pd.Series(dtype=object), "fin_points": pd.Series(dtype=float),
               "fin_ends": pd.Series(dtype="datetime64[s]"), "fin_case": pd.Series(dtype=object)}
    if data.contracts is None or data.contracts.empty:
        return pd.DataFrame(columns)
    c = pd.DataFrame({"vin": text(data.contracts["vin"]), "kind": data.contracts["kind"],
                      "fin_ends": days(data.contracts["ends_on"])})
    c = c[(c["kind"] == "financing") & c["vin"].notna() & c["fin_ends"].notna()]
    ended_from = first - pd.DateOffset(months=FINANCING_ENDED_MONTHS)
    cases = [
        (c["fin_ends"] >= first) & (c["fin_ends"] <= last),
        (c["fin_ends"] > last) & (c["fin_ends"] <= at + pd.Timedelta(days=FINANCING_SOON_DAYS)),
        (c["fin_ends"] >= ended_from) & (c["fin_ends"] < first),
    ]
    c = c.assign(
        fin_points=np.select(cases, [FINANCING_THIS_MONTH, FINANCING_SOON, FINANCING_ENDED], 0),
        fin_case=np.select(cases, ["month", "soon", "ended"], ""))
    c = c[c["fin_points"] > 0].sort_values(["vin", "fin_points", "fin_ends"],
                                          ascending=[True, False, True])
    return c.drop_duplicates("vin")[["vin", "fin_points", "fin_ends", "fin_case"]]


def _visits(data: InsightData, at: pd.Timestamp) -> pd.DataFrame:
    """Per VIN: visits in the last ``VISIT_YEARS`` years up to ``at``, and the last one."""
    if data.services is None or data.services.empty:
        return pd.DataFrame({"vin": pd.Series(dtype=object), "visits": pd.Series(dtype=float),
                             "last_visit": pd.Series(dtype="datetime64[s]")})
    # The preparation before delivery (alistamiento) is not a visit of the owner's.
    owned = data.services[data.services["kind"] != "preparation"]
    s = pd.DataFrame({"vin": text(owned["vin"]), "visited": days(owned["visited_on"])})
    since = at - pd.DateOffset(years=VISIT_YEARS)
    s = s[s["vin"].notna() & (s["visited"] > since) & (s["visited"] <= at)]
    return s.groupby("vin").agg(visits=("visited", "size"),
                                last_visit=("visited", "max")).reset_index()


def _last_contact(data: InsightData, at: pd.Timestamp) -> pd.DataFrame:
    """Per customer document: the latest contact up to ``at`` and what it was."""
    parts = []
    if data.followups is not None and not data.followups.empty:
        f = data.followups
        when = days(f["due_on"])
        when = when.where(when.notna(), days(f["updated_at"]))
        parts.append(pd.DataFrame({"customer_doc": f["customer_doc"], "contact": when,
                                   "contact_what": "followup"})[f["status"] == "done"])
    if data.deals is not None and not data.deals.empty:
        d = data.deals
        for column in ("created_on", "closed_on", "updated_at"):
            parts.append(pd.DataFrame({"customer_doc": d["customer_doc"],
                                       "contact": days(d[column]), "contact_what": "deal"}))
    if not parts:
        return pd.DataFrame({"customer_doc": pd.Series(dtype=object),
                             "contact": pd.Series(dtype="datetime64[s]"),
                             "contact_what": pd.Series(dtype=object)})
    c = pd.concat(parts, ignore_index=True)
    c["customer_doc"] = ids(c["customer_doc"])
    c = c[c["customer_doc"].notna() & c["contact"].notna() & (c["contact"] <= at)]
    return c.sort_values(["customer_doc", "contact"]).drop_duplicates("customer_doc", keep="last")


def _age_years(delivered: date, ref: date) -> int:
    return ref.year - delivered.year - ((ref.month, ref.day) < (delivered.month, delivered.day))


def _reasons(r: dict[str, Any], ref: date) -> list[Reason]:
    """The reasons worth points for one vehicle row (``_vehicles`` joined with the parts)."""
    out: list[Reason] = []
    delivered, year = r["delivered_on"], r["model_year"]
    if not pd.isna(delivered):
        age = _age_years(delivered.date(), ref)
        lead = tr_app("app.insights", "Entregado el {day}: {age}").format(
            day=day_text(delivered.date()), age=_years(age))
    elif not pd.isna(year):
        age = ref.year - int(year)
        lead = tr_app("app.insights", "Modelo {year}, sin fecha de entrega: ≈ {age}").format(
            year=int(year), age=_years(age))
    else:
        age, lead = 0, ""
    points = next((p for least, p in AGE_POINTS if age >= least), 0)
    if points:
        out.append(Reason(points, f"{lead} (+{points})"))
    fin = r["fin_points"]
    if not pd.isna(fin) and fin > 0:
        ends = day_text(r["fin_ends"].date())
        case = r["fin_case"]
        sentence = {"month": tr_app("app.insights", "El crédito termina este mes, el {day}"),
                    "soon": tr_app("app.insights", "El crédito termina pronto, el {day}"),
                    "ended": tr_app("app.insights", "El crédito terminó el {day}: ya no paga "
                                                    "cuotas")}[case].format(day=ends)
        out.append(Reason(int(fin), f"{sentence} (+{int(fin)})"))
    visits = r["visits"]
    if not pd.isna(visits) and visits > 0:
        n = int(visits)
        points = VISITS_MANY if n >= MANY_VISITS else VISITS_SOME
        said = (tr_app("app.insights", "1 visita al taller en los últimos {years} años") if n == 1
                else tr_app("app.insights", "{n} visitas al taller en los últimos {years} años"))
        out.append(Reason(points, f"{said.format(n=n, years=VISIT_YEARS)} (+{points})"))
        last_visit = r["last_visit"].date()
        if (ref - last_visit).days <= RECENT_VISIT_DAYS:
            said = tr_app("app.insights", "Última visita al taller el {day}").format(
                day=day_text(last_visit))
            out.append(Reason(RECENT_VISIT, f"{said} (+{RECENT_VISIT})"))
    contact = r["contact"]
    if not pd.isna(contact):
        ago = (ref - contact.date()).days
        points = (CONTACT_RECENT if ago <= CONTACT_RECENT_DAYS
                  else CONTACT_YEAR if ago <= CONTACT_YEAR_DAYS else 0)
        if points:
            said = (tr_app("app.insights", "Último contacto el {day}: un seguimiento hecho en el "
                                           "CRM") if r["contact_what"] == "followup"
                    else tr_app("app.insights", "Último contacto el {day}: movimiento en un "
                                                "negocio del CRM"))
            out.append(Reason(points, f"{said.format(day=day_text(contact.date()))} (+{points})"))
    return out


def _years(n: int) -> str:
    return (tr_app("app.insights", "1 año") if n == 1
            else tr_app("app.insights", "{n} años").format(n=n))

