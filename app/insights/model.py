"""What the dealer insights answer, as plain frozen dataclasses shared by the engine
(``app/insights``), the reports (``app/reports``), the command line and the window.

The definitions — what counts as due, invoiced, slow — are in the docstrings here, because the
demo's known answers (``app/demo``'s truth file) and the tests hold the engine to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # frames are only named here: pandas loads where they are made
    import pandas as pd

#: Defaults a person can change (window spin boxes, command-line options).
DEFAULT_WINDOW_DAYS = 30
DEFAULT_SLOW_DAYS = 90
FIRST_SERVICE_KM = 5000
#: Kilometres a year assumed when a vehicle has no odometer reading (15.000 km/año).
DEFAULT_KM_PER_YEAR = 15000
#: A CRM follow-up of the same VIN and kind within this many days of the due date covers it.
COVER_DAYS = 45
NO_BRANCH = "Sin sede"
NO_SOURCE = "Sin origen"


@dataclass(frozen=True, slots=True)
class InsightData:
    """The canonical frames the insights read (``None`` when the source does not have them).

    Built from a reconciliation's :class:`~app.reconcile.results.Report` by
    :func:`app.insights.data.from_report`: customers of both systems, the ERP's vehicles and
    receipts (payments), the CRM's deals, and the extras (invoices, services, contracts,
    follow-ups). ``today`` is the day the questions are asked about (the demo pins it).
    """

    today: date
    customers_crm: pd.DataFrame | None = None
    customers_erp: pd.DataFrame | None = None
    vehicles_erp: pd.DataFrame | None = None
    payments_erp: pd.DataFrame | None = None
    deals: pd.DataFrame | None = None
    invoices: pd.DataFrame | None = None
    services: pd.DataFrame | None = None
    contracts: pd.DataFrame | None = None
    followups: pd.DataFrame | None = None

    def missing(self) -> list[str]:
        """Which frames are absent, as names (``"invoices"``…), for the «no disponible»
        sentence of a view that needs them."""
        return [name for name in ("customers_crm", "customers_erp", "vehicles_erp",
                                  "payments_erp", "deals", "invoices", "services", "contracts",
                                  "followups") if getattr(self, name) is None]


# --- post-sale follow-ups --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowupDue:
    """A delivered vehicle reaching a follow-up moment in the window with no CRM follow-up.

    Kinds (``app.domain.schema.FOLLOWUP_KINDS``):

    - ``anniversary``: ``delivered_on`` + k years (k ≥ 1) falls in [today, today + window];
    - ``first_service``: no workshop visit of kind ``first_service`` for the VIN; due when the
      odometer reaches 5.000 km: the rate comes from the latest visit with an odometer reading
      (km ÷ days since delivery), else 15.000 km a year; due = delivered_on + ceil(5000 ÷ rate)
      days, in the window;
    - ``soat`` / ``insurance``: the latest contract of that kind for the VIN ends in the
      window (one already renewed by a later contract is not due).

    Only ERP vehicles with status ``delivered``, a ``delivered_on`` and a ``customer_doc``.
    A CRM follow-up (not cancelled) of the same VIN and kind with ``due_on`` within
    ``COVER_DAYS`` of ``due_on`` covers it: then it is not listed. ``contact_allowed`` is
    Ley 1581: dated consent on the customer's CRM or ERP record and no claim in progress on
    either; ``blocked_reason`` says why not (or that the customer is not in the CRM, where the
    follow-up would be created), and then ``phone`` is left out: no list hands out the number
    of someone who may not be called. ``basis`` explains the date in one Spanish sentence.
    """

    vin: str
    customer_doc: str
    customer_name: str
    kind: str
    due_on: date
    delivered_on: date
    branch: str
    model: str
    basis: str
    contact_allowed: bool
    blocked_reason: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class FollowupsResult:
    window_days: int
    due: tuple[FollowupDue, ...]
    covered: int  # due in the window but already followed up in the CRM (not listed)
    unavailable: str | None = None  # why the view cannot be computed (a frame missing)


# --- ROI by lead source ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FunnelRow:
    """One group of the lead-source funnel (``source`` always; ``branch`` and ``month``
    ("2026-07") when grouped by them, else ``None``).

    - ``leads``: CRM deals (every deal began as a lead), by ``lead_source`` (``NO_SOURCE``
      when empty); month = ``created_on``, else ``closed_on``, else ``updated_at``;
      branch = the deal's branch (``NO_BRANCH`` when empty);
    - ``deals``: those past the lead stage (``test_drive``, ``negotiation``, ``sold``);
    - ``sold_crm``: stage ``sold`` in the CRM — shown, never counted as a sale;
    - ``invoiced``: sold deals with an ERP invoice of the same VIN (validated — not annulled,
      not a draft; a source that gives no status counts as validated; one invoice
      counts for one deal: the same customer first, else the earliest); the sale;
    - ``paid``: invoiced deals whose invoice the ERP's receipts cover in full;
    - ``revenue``: the invoices' totals (COP, Decimal); ``revenue_paid``: the paid ones'.
    - ``conversion``: invoiced ÷ leads (0 when no leads), exact: a surface rounds it once, when
      it writes it (``app.domain.values.format_percent``; JSON keeps four places).
    """

    source: str
    branch: str | None
    month: str | None
    leads: int
    deals: int
    sold_crm: int
    invoiced: int
    paid: int
    revenue: Decimal
    revenue_paid: Decimal

    @property
    def conversion(self) -> Decimal:
        if not self.leads:
            return Decimal(0)
        return Decimal(self.invoiced) / Decimal(self.leads)


@dataclass(frozen=True, slots=True)
class FunnelResult:
    by: tuple[str, ...]  # ("source",), ("source", "branch"), ("source", "month")…
    rows: tuple[FunnelRow, ...]
    sold_not_invoiced: int  # CRM «Vendido» with no ERP invoice: not counted as sales
    unavailable: str | None = None


# --- stock health ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StockItem:
    """One ERP unit in stock (status ``available``, ``reserved`` or ``demo``): days in
    inventory = today − ``received_on`` (None when the ERP has no date). A slow mover is an
    ``available`` unit with more days than the threshold."""

    vin: str
    make: str
    model: str
    model_year: int | None
    branch: str
    status: str
    received_on: date | None
    days: int | None
    price: Decimal | None
    slow: bool


@dataclass(frozen=True, slots=True)
class ModelStock:
    """Units ``available`` of one make and model (per branch when ``branch`` is set)."""

    make: str
    model: str
    branch: str | None
    available: int
    average_days: Decimal | None
    oldest_days: int | None


@dataclass(frozen=True, slots=True)
class StockHealth:
    slow_days: int
    items: tuple[StockItem, ...]
    by_model: tuple[ModelStock, ...]  # all branches together, most units first
    by_model_branch: tuple[ModelStock, ...]
    undated: int  # units in stock with no received_on
    unavailable: str | None = None

    @property
    def slow(self) -> tuple[StockItem, ...]:
        return tuple(i for i in self.items if i.slow)


# --- renewal likelihood ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    points: int
    sentence: str  # Spanish: "El crédito termina el 12/12/2026 (+30)"


@dataclass(frozen=True, slots=True)
class RenewalCandidate:
    """A customer and one vehicle of theirs, with an explainable score: the sum of its
    reasons' points, 0–100. Only customers whose consent allows contact and with no claim in
    progress are scored."""

    customer_doc: str
    customer_name: str
    vin: str
    model: str
    branch: str
    score: int
    reasons: tuple[Reason, ...]
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class RenewalResult:
    month: str  # "2026-11"
    candidates: tuple[RenewalCandidate, ...]  # highest score first
    unavailable: str | None = None


# --- dashboard -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindBranchRow:
    """Findings of one entity and kind at one branch (``NO_BRANCH`` when a finding has none):
    how many, their pesos at stake and the amount counted but shown apart (a payment whose date
    or customer differs: ``app.reconcile.stake``)."""

    entity: str
    kind: str
    branch: str
    count: int
    at_stake: Decimal
    apart: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One stored run's totals for one entity and kind (the dashboard's trend)."""

    run_id: str
    saved_at: datetime
    entity: str
    kind: str
    count: int
    at_stake: Decimal


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the dashboard and the manager's report show, computed at once."""

    today: date
    mismatches: tuple[KindBranchRow, ...]
    trend: tuple[TrendPoint, ...]
    followups: FollowupsResult
    funnel: FunnelResult
    stock: StockHealth
    renewal: RenewalResult
    sources: dict[str, str] = field(default_factory=dict)
