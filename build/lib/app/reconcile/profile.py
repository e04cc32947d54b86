"""A reconciliation profile: the tolerances and choices of one dealership, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.reconcile.scoring import MatchSettings


@dataclass(frozen=True, slots=True)
class Profile:
    #: A payment's amount may differ by this many pesos…
    amount_tolerance_abs: Decimal = Decimal(0)
    #: …or by this fraction of the ERP amount, whichever allows more.
    amount_tolerance_rel: Decimal = Decimal(0)
    #: Days a payment date may differ between systems before it is a finding.
    date_window_days: int = 0
    #: Customer matching: field weights and the auto / review thresholds.
    match: MatchSettings = field(default_factory=MatchSettings)
