"""Candidates for matching by hand, ranked the way an accountant would look for them.

For a finding whose record has no counterpart (:data:`~app.findings.keys.MATCHABLE`), the
candidates are the other system's records that have none either — alive, not matched, one
record each — scored on what they share with it, each reason a :class:`Hint` (a code and its
detail; the words are ``app.domain.labels.CANDIDATE_HINT_LABELS``):

- payments: the same invoice (+40), an invoice or receipt number a keystroke away (+15),
  the same customer document (+30), the same amount (+25) or one a rounding, bank fee or
  withholding away (+10), the nearest date (up to +10, within a month), the same branch (+3);
- customers: the same document (+50) or one a keystroke away (+30), a name the matcher calls
  the same or close (+30), the same phone (+25) or e-mail (+25), the same city (+5);
- vehicles: a VIN one or two characters away (+40), the same customer (+25), make, line and
  model year (+15), colour (+5), branch (+3).

A candidate needs at least one reason of substance (:data:`SUBSTANTIAL`): a date or a branch
alone is no reason. They come best first: score, then the smallest difference in pesos, then
the nearest date, then the id. The data is what the last run saw (kept with each finding), so
ranking needs no system.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rapidfuzz.distance import OSA

from app.domain.i18n import tr_app
from app.domain.invoices import invoice_key, invoice_keys
from app.domain.labels import CANDIDATE_HINT_LABELS
from app.domain.schema import Entity, System
from app.domain.values import fold, format_cop, money_str, normalize_email, normalize_phone
from app.findings.errors import FindingError
from app.findings.keys import MATCHABLE, matchable
from app.findings.states import FindingState, Track
from app.findings.views import FindingView, findings, get
from app.findings.writeoff import DEFAULT, WriteOff
from app.reconcile.customers import display_name
from app.reconcile.names import compare_names, name_tokens
from app.store.db import Store

#: Reasons that make a record a candidate on their own.
SUBSTANTIAL = frozenset({"same_invoice", "similar_invoice", "similar_receipt", "same_customer",
                         "same_amount", "same_document", "close_document", "similar_name",
                         "same_phone", "same_email", "close_vin", "same_model"})
#: How many days apart two payments still earn points for their dates.
DATE_WINDOW = 31


@dataclass(frozen=True, slots=True)
class Hint:
    """One reason for a candidate's rank: a code and its detail (text: pesos, days, a key)."""

    code: str
    value: str | None = None

    def text(self) -> str:
        """The reason in Spanish («valor cercano (diferencia $ 12.000)»)."""
        value = self.value
        if self.code == "close_amount" and value is not None:
            value = format_cop(Decimal(value))
        if self.code == "near_date" and value == "1":
            return "fecha a 1 día"
        return CANDIDATE_HINT_LABELS.get(self.code, self.code).format(value=value)


@dataclass(frozen=True, slots=True)
class Candidate:
    finding: FindingView
    score: int
    hints: tuple[Hint, ...]
    #: Payments: this record's amount against the finding's (CRM − ERP); None otherwise.
    difference: Decimal | None = None
    days: int | None = None

    def why(self) -> str:
        return ", ".join(h.text() for h in self.hints)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.finding.id, "score": self.score,
                "reasons": [{"code": h.code, "value": h.value, "text": h.text()}
                            for h in self.hints],
                "difference": money_str(self.difference), "days": self.days,
                "crm_ids": list(self.finding.crm_ids), "erp_ids": list(self.finding.erp_ids),
                "ref": self.finding.ref, "at_stake": money_str(self.finding.at_stake),
                "record": _json_record(self.finding.record)}


def _json_record(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {k: money_str(v) if isinstance(v, Decimal) else
            v.isoformat() if isinstance(v, date) else v for k, v in record.items()}


def candidates(store: Store, workspace: str, finding_id: str, limit: int | None = 10,
               writeoff: WriteOff = DEFAULT) -> tuple[FindingView, list[Candidate]]:
    """The finding and its candidates, best first (``limit`` of them; all when None)."""
    finding = get(store, workspace, finding_id)
    side = matchable(finding.entity, finding.kind)
    if side is None or finding.record is None:
        raise FindingError(tr_app("app.findings", "Este hallazgo no es un registro sin "
                                  "contraparte: no tiene candidatos para conciliar a mano."),
                           "not_matchable")
    if finding.state is FindingState.RESOLVED or finding.track is Track.MATCHED:
        raise FindingError(tr_app("app.findings", "Este hallazgo ya no espera contraparte "
                                  "(resuelto o conciliado a mano)."), "not_open")
    wanted = MATCHABLE[finding.entity][1 if side is System.CRM else 0]
    pool = [v for v in findings(store, workspace, entity=finding.entity)
            if v.kind == wanted and v.record is not None and v.track is not Track.MATCHED]
    ranked = rank(finding, pool, writeoff)
    return finding, ranked if limit is None else ranked[:limit]


def rank(finding: FindingView, pool: Sequence[FindingView], writeoff: WriteOff = DEFAULT
         ) -> list[Candidate]:
    """``pool`` scored against ``finding``, those with a reason of substance, best first."""
    assert finding.record is not None
    score = _SCORERS[finding.entity]
    out = []
    for other in pool:
        assert other.record is not None
        found = score(finding, other, writeoff)
        if any(h.code in SUBSTANTIAL for h in found.hints):
            out.append(found)
    return sorted(out, key=lambda c: (
        -c.score, abs(c.difference) if c.difference is not None else Decimal(0),
        c.days if c.days is not None else 0, c.finding.id))


def _close(a: Any, b: Any, most: int = 1) -> bool:
    """Two keys at most ``most`` keystrokes apart — a character changed, added, dropped, or
    two neighbours swapped — never equal, never empty."""
    if not a or not b or a == b:
        return False
    return bool(OSA.distance(str(a), str(b), score_cutoff=most) <= most)


def _payment(finding: FindingView, other: FindingView, writeoff: WriteOff) -> Candidate:
    a, b = finding.record or {}, other.record or {}
    hints: list[Hint] = []
    points = 0
    mine, theirs = invoice_keys(a.get("invoice_number")), invoice_keys(b.get("invoice_number"))
    if set(mine) & set(theirs):
        hints.append(Hint("same_invoice"))
        points += 40
    elif any(_close(x, y) for x in mine for y in theirs):
        hints.append(Hint("similar_invoice", str(b.get("invoice_number"))))
        points += 15
    if _close(invoice_key(a.get("receipt_number")), invoice_key(b.get("receipt_number"))):
        hints.append(Hint("similar_receipt", str(b.get("receipt_number"))))
        points += 15
    if a.get("customer_doc") and a.get("customer_doc") == b.get("customer_doc"):
        hints.append(Hint("same_customer"))
        points += 30
    difference = days = None
    x, y = a.get("amount"), b.get("amount")
    if isinstance(x, Decimal) and isinstance(y, Decimal):
        crm, erp = (x, y) if finding.crm_ids else (y, x)
        difference = crm - erp
        if not difference:
            hints.append(Hint("same_amount"))
            points += 25
        elif abs(difference) <= writeoff.widest(max(abs(x), abs(y))):
            hints.append(Hint("close_amount", money_str(abs(difference))))
            points += 10
    if isinstance(a.get("paid_on"), date) and isinstance(b.get("paid_on"), date):
        days = abs((a["paid_on"] - b["paid_on"]).days)
        if days <= DATE_WINDOW:
            hints.append(Hint("same_date") if days == 0 else Hint("near_date", str(days)))
            points += 10 - days // 4
    points += _branch(a, b, hints)
    return Candidate(other, points, tuple(hints), difference, days)


def _customer(finding: FindingView, other: FindingView, writeoff: WriteOff) -> Candidate:
    a, b = finding.record or {}, other.record or {}
    hints: list[Hint] = []
    points = 0
    if a.get("doc_number") and a.get("doc_number") == b.get("doc_number"):
        hints.append(Hint("same_document"))
        points += 50
    elif _close(a.get("doc_number"), b.get("doc_number")):
        hints.append(Hint("close_document", str(b.get("doc_number"))))
        points += 30
    company = bool(a.get("company_name") or b.get("company_name"))
    level = compare_names(name_tokens(display_name(dict(a)), company),
                          name_tokens(display_name(dict(b)), company)).level
    if level in ("exact", "close"):
        hints.append(Hint("similar_name"))
        points += 30
    for code, field, norm in (("same_phone", "phone", normalize_phone),
                              ("same_email", "email", normalize_email)):
        mine = norm(a.get(field))
        if mine and mine == norm(b.get(field)):
            hints.append(Hint(code))
            points += 25
    if a.get("city_code") and a.get("city_code") == b.get("city_code"):
        hints.append(Hint("same_city"))
        points += 5
    return Candidate(other, points, tuple(hints))


def _vehicle(finding: FindingView, other: FindingView, writeoff: WriteOff) -> Candidate:
    a, b = finding.record or {}, other.record or {}
    hints: list[Hint] = []
    points = 0
    if _close(a.get("vin"), b.get("vin"), 2):
        hints.append(Hint("close_vin", str(b.get("vin"))))
        points += 40
    if a.get("customer_doc") and a.get("customer_doc") == b.get("customer_doc"):
        hints.append(Hint("same_customer"))
        points += 25
    same = [fold(a.get(f)) == fold(b.get(f)) != "" for f in ("make", "model", "model_year")]
    if all(same):
        hints.append(Hint("same_model"))
        points += 15
    if fold(a.get("color")) and fold(a.get("color")) == fold(b.get("color")):
        hints.append(Hint("same_color"))
        points += 5
    points += _branch(a, b, hints)
    return Candidate(other, points, tuple(hints))


def _branch(a: Mapping[str, Any], b: Mapping[str, Any], hints: list[Hint]) -> int:
    if fold(a.get("branch")) and fold(a.get("branch")) == fold(b.get("branch")):
        hints.append(Hint("same_branch"))
        return 3
    return 0


_SCORERS: dict[Entity, Callable[[FindingView, FindingView, WriteOff], Candidate]] = {
    Entity.PAYMENTS: _payment,
    Entity.CUSTOMERS: _customer,
    Entity.VEHICLES: _vehicle,
}
