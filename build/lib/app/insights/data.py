"""The frames the insights read, taken from a reconciliation's report, and what the views
share: who may be contacted (Ley 1581), dates and numbers written the es-CO way.

The insights never pull anything themselves: a reconciliation already read both systems
(:func:`app.reconcile.engine.reconcile`, with its ``extras``), so the dashboard is computed
from the same records the findings came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd

from app.domain.i18n import mark_app, tr_marked
from app.domain.schema import Entity, System
from app.domain.values import BOGOTA, format_count
from app.insights.model import InsightData
from app.reconcile.results import Report

#: Why a contact may not be made, one Spanish sentence each (Ley 1581 de 2012).
CLAIM_REASON = mark_app("app.insights", "La persona tiene un reclamo en trámite (Ley 1581): no "
                                        "se le contacta hasta que se resuelva.")
NO_CONSENT_REASON = mark_app("app.insights", "No hay autorización de tratamiento de datos con "
                                             "fecha (Ley 1581): no se le puede contactar.")
NOT_IN_CRM_REASON = mark_app("app.insights", "El cliente no está en el CRM, donde se crearía el "
                                             "seguimiento.")


def from_report(report: Report, today: date | None = None) -> InsightData:
    """The insights' frames from ``report`` (``None`` for what the sources did not have).

    ``today`` defaults to the demo's pinned day when the report is the demo's (its answers
    are known for that day), else to today in Bogotá."""
    def side(entity: Entity, system: System) -> pd.DataFrame | None:
        result = report.results.get(entity)
        if result is None:
            return None
        return result.crm if system is System.CRM else result.erp

    return InsightData(
        today=today or default_today(report.sources),
        customers_crm=side(Entity.CUSTOMERS, System.CRM),
        customers_erp=side(Entity.CUSTOMERS, System.ERP),
        vehicles_erp=side(Entity.VEHICLES, System.ERP),
        payments_erp=side(Entity.PAYMENTS, System.ERP),
        deals=report.deals,
        invoices=report.extras.get(Entity.INVOICES),
        services=report.extras.get(Entity.SERVICES),
        contracts=report.extras.get(Entity.CONTRACTS),
        followups=report.extras.get(Entity.FOLLOWUPS),
    )


#: The day the embedded demo's records describe: ``app/demo`` generates them as of this day
#: (its follow-ups due, its slow stock and its renewals are known for it), so the insights of
#: the demo are read as of it too. Kept here, below the demo, which takes it from here.
DEMO_TODAY = date(2026, 11, 20)


def is_demo(sources: Mapping[str, str]) -> bool:
    """Whether the sources are the embedded demo's (``app/demo/connector/reading.py``
    describes them as «demo CRM (…)» and «demo ERP (…)»)."""
    return (str(sources.get("crm", "")).startswith("demo CRM")
            and str(sources.get("erp", "")).startswith("demo ERP"))


def default_today(sources: Mapping[str, str]) -> date:
    """The demo's day for the demo's sources, else today in Bogotá."""
    if is_demo(sources):
        return DEMO_TODAY
    return datetime.now(BOGOTA).date()


# --- values ----------------------------------------------------------------------------------


def day_text(day: date) -> str:
    """dd/mm/aaaa, as a Colombian reads a date."""
    return day.strftime("%d/%m/%Y")


def int_text(n: int) -> str:
    """An integer with es-CO thousands dots: 15.000 (:func:`app.domain.values.format_count`)."""
    return format_count(n)


def as_day(value: object) -> date | None:
    """A canonical date or timestamp as a day (a timestamp in Bogotá), None when empty."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return (value.astimezone(BOGOTA) if value.tzinfo is not None else value).date()
    if isinstance(value, date):
        return value
    return None


def days(series: pd.Series) -> pd.Series:
    """A column of dates or timestamps as ``datetime64`` days (NaT when empty): what the
    views compare and subtract without a Python loop."""
    return pd.to_datetime(series.map(as_day), errors="coerce")


def text(series: pd.Series) -> pd.Series:
    """A column of text with empty strings and non-text as None, stripped (object dtype:
    ``Series.map`` would infer pandas' string dtype, where None becomes NaN)."""
    return pd.Series([v.strip() or None if isinstance(v, str) else None for v in series],
                     index=series.index, dtype=object)


def ids(series: pd.Series) -> pd.Series:
    """A column of identifiers (customer documents) as text, None when empty."""
    return text(pd.Series([None if v is None else str(v) for v in series], index=series.index,
                          dtype=object))


def or_default(series: pd.Series, default: str) -> pd.Series:
    return text(series).fillna(default)


def model_name(df: pd.DataFrame) -> pd.Series:
    """«Toyota Hilux»: make and model of each vehicle row."""
    make, model = text(df["make"]).fillna(""), text(df["model"]).fillna("")
    return (make + " " + model).str.strip()


# --- who may be contacted --------------------------------------------------------------------


def _people(df: pd.DataFrame | None, system: str) -> pd.DataFrame:
    """One row per document of one system: consent, claim, name and phone (the first known)."""
    cols = ["doc", f"consent_{system}", f"claim_{system}", f"name_{system}", f"phone_{system}"]
    if df is None or df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols}).set_index("doc")
    first = text(df["first_names"]).fillna("")
    last = text(df["last_names"]).fillna("")
    person = (first + " " + last).str.strip()
    name = person.where(person != "", text(df["company_name"]))
    rows = pd.DataFrame({
        "doc": ids(df["doc_number"]),
        # Proof of authorization: consent given *and* dated (app/writeback/habeas.py).
        f"consent_{system}": df["habeas_data_consent"].map(lambda v: v is True)
        & df["consent_date"].notna(),
        f"claim_{system}": df["claim_in_progress"].map(bool),
        f"name_{system}": name, f"phone_{system}": text(df["phone"]),
    })
    rows = rows[rows["doc"].notna()]
    # Several records of one document (duplicates): any consent counts, any claim blocks.
    return rows.groupby("doc").agg({
        f"consent_{system}": "any", f"claim_{system}": "any",
        f"name_{system}": "first", f"phone_{system}": "first"})


def contacts(data: InsightData) -> pd.DataFrame:
    """Per customer document: ``in_crm``, ``allowed`` (Ley 1581: dated consent on the CRM or
    ERP record and no claim in progress on either), ``blocked_reason`` (a Spanish sentence
    when contact is not allowed or the customer is not in the CRM), ``name`` and ``phone``
    (the CRM's first, else the ERP's)."""
    crm, erp = _people(data.customers_crm, "crm"), _people(data.customers_erp, "erp")
    both = crm.join(erp, how="outer")
    in_crm = both["consent_crm"].notna()
    consent = both["consent_crm"].eq(True) | both["consent_erp"].eq(True)
    claim = both["claim_crm"].eq(True) | both["claim_erp"].eq(True)
    out = pd.DataFrame(index=both.index)
    out["in_crm"] = in_crm
    out["allowed"] = consent & ~claim
    reason = pd.Series(None, index=both.index, dtype=object)
    reason = reason.mask(~in_crm, tr_marked("app.insights", NOT_IN_CRM_REASON))
    reason = reason.mask(~consent, tr_marked("app.insights", NO_CONSENT_REASON))
    reason = reason.mask(claim, tr_marked("app.insights", CLAIM_REASON))
    out["blocked_reason"] = reason
    out["name"] = both["name_crm"].where(both["name_crm"].notna(), both["name_erp"])
    out["phone"] = both["phone_crm"].where(both["phone_crm"].notna(), both["phone_erp"])
    return out


def unavailable(what: str, consequence: str) -> str:
    """«La fuente del ERP no entrega facturas: el embudo no se puede calcular.», in the current
    language (``what`` and ``consequence`` marked with ``mark_app("app.insights", …)``)."""
    return f"{tr_marked('app.insights', what)}: {tr_marked('app.insights', consequence)}."
