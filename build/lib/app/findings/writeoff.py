"""How far the totals of a manual match may differ, and with which reason (as Odoo's
write-off models): a difference of zero needs none; any other needs one of
:data:`~app.findings.states.DIFFERENCE_REASONS`, within that reason's limit. Beyond every limit
the records are not the same money: explain the finding or correct the amount instead.

The limits are the dealership's usual ones in Colombia: a rounding is at most $ 1.000; a bank
fee at most 1 % of the larger total or $ 50.000, whichever allows more; a withholding
(retención en la fuente, ICA, IVA) at most 11 % of the larger total — the highest withholding
rate of the tax statute (honorarios).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.findings.states import DIFFERENCE_REASONS, Reason


@dataclass(frozen=True, slots=True)
class WriteOff:
    rounding: Decimal = Decimal(1000)
    bank_fee_abs: Decimal = Decimal(50000)
    bank_fee_rel: Decimal = Decimal("0.01")
    withholding_rel: Decimal = Decimal("0.11")

    def limit(self, reason: Reason, base: Decimal) -> Decimal:
        """The largest difference ``reason`` explains on totals of ``base`` pesos."""
        if reason is Reason.ROUNDING:
            return self.rounding
        if reason is Reason.BANK_FEE:
            return max(self.bank_fee_abs, abs(base) * self.bank_fee_rel)
        if reason is Reason.WITHHOLDING:
            return abs(base) * self.withholding_rel
        return Decimal(0)

    def fits(self, reason: Reason | None, difference: Decimal, base: Decimal) -> bool:
        """Whether ``difference`` may be given ``reason`` (None: only a zero difference)."""
        if not difference:
            return True
        return reason in DIFFERENCE_REASONS and abs(difference) <= self.limit(reason, base)

    def reasons_for(self, difference: Decimal, base: Decimal) -> tuple[Reason, ...]:
        """The reasons that could explain ``difference`` (none needed when it is zero)."""
        if not difference:
            return ()
        return tuple(r for r in DIFFERENCE_REASONS if abs(difference) <= self.limit(r, base))

    def widest(self, base: Decimal) -> Decimal:
        return max(self.limit(r, base) for r in DIFFERENCE_REASONS)


DEFAULT = WriteOff()
