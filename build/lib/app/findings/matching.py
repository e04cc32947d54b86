"""Matching by hand: records the engine left without a counterpart, linked by a person.

A manual match joins one finding's lone record with one or several of the other system's
(1:1, 1:n or n:1; customers and vehicles 1:1 only), each of them a one-sided finding still
alive: a payment without a receipt with the receipts without a payment, a customer or vehicle
only in one system with one only in the other. Payments show their totals and the difference
(CRM − ERP); a difference other than zero needs a reason within its limit
(:mod:`app.findings.writeoff`). A comment is always required. Matching is one transaction
with its audit row (``finding_matched``, the match's id as the record); its findings become
``matched``. ``unmatch`` undoes it (``finding_unmatched``), and they go back to people.

Every later saved run honours an active match (:func:`apply_matches`, called when a run is
saved): when it still finds each of the match's records alone, with the same amounts, those
findings leave the report and a link with method «manual» joins the records; otherwise the
match lapses (:mod:`app.findings.life`) and its findings come back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import FINDING_REASON_WORDS
from app.domain.schema import Entity, System
from app.domain.values import format_cop, in_bogota, money_str
from app.findings.errors import FindingError, InvalidState, NotFound
from app.findings.keys import Seen, matchable, observe
from app.findings.people import WORKERS, normalize, require
from app.findings.periods import refuse_if_closed
from app.findings.states import FindingState, Reason, Track
from app.findings.views import FindingView, views_of
from app.findings.writeoff import DEFAULT, WriteOff
from app.reconcile.results import EntityResult, Link, Report
from app.store.chain import append as audit
from app.store.db import Store
from app.store.models import FindingRow, ManualMatchRow
from app.store.values import canonical_json, utc_now

METHOD = "manual"


@dataclass(frozen=True, slots=True)
class MatchView:
    id: str
    workspace: str
    entity: Entity
    finding_ids: tuple[str, ...]
    crm_ids: tuple[str, ...]
    erp_ids: tuple[str, ...]
    crm_total: Decimal | None
    erp_total: Decimal | None
    difference: Decimal | None
    reason: Reason | None
    comment: str
    made_by: str
    made_at: datetime
    undone_by: str | None = None
    undone_at: datetime | None = None
    lapsed_run: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None and self.lapsed_run is None

    def explanation(self) -> str:
        """The link's sentence in the report: who matched it, when, and the difference."""
        text = f"conciliado a mano por {self.made_by} el {in_bogota(self.made_at):%d/%m/%Y}"
        if self.difference:
            why = FINDING_REASON_WORDS.get(self.reason or "", "sin motivo")
            text += f"; diferencia de {format_cop(self.difference)} por {why}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "workspace": self.workspace, "entity": self.entity.value,
            "findings": list(self.finding_ids), "crm_ids": list(self.crm_ids),
            "erp_ids": list(self.erp_ids), "crm_total": money_str(self.crm_total),
            "erp_total": money_str(self.erp_total), "difference": money_str(self.difference),
            "reason": None if self.reason is None else self.reason.value,
            "comment": self.comment, "made_by": self.made_by,
            "made_at": self.made_at.isoformat(), "active": self.active,
            "undone_by": self.undone_by,
            "undone_at": None if self.undone_at is None else self.undone_at.isoformat(),
            "lapsed_run": self.lapsed_run, "method": METHOD,
        }


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def match_view(row: ManualMatchRow) -> MatchView:
    return MatchView(
        row.id, row.workspace, Entity(row.entity), tuple(json.loads(row.finding_ids)),
        tuple(json.loads(row.crm_ids)), tuple(json.loads(row.erp_ids)), _money(row.crm_total),
        _money(row.erp_total), _money(row.difference),
        None if row.reason is None else Reason(row.reason), row.comment, row.made_by,
        row.made_at, row.undone_by, row.undone_at, row.lapsed_run)


def matches(store: Store, workspace: str, *, active: bool = True) -> list[MatchView]:
    """The workspace's manual matches (only the active ones by default), oldest first."""
    with store.read() as session:
        query = select(ManualMatchRow).where(ManualMatchRow.workspace == workspace)
        if active:
            query = query.where(ManualMatchRow.undone_at.is_(None),
                                ManualMatchRow.lapsed_run.is_(None))
        return [match_view(r) for r in session.scalars(
            query.order_by(ManualMatchRow.made_at, ManualMatchRow.id))]


# --- honoured by every run ------------------------------------------------------------------


def _amount(entity: Entity, system: System, values: Mapping[str, Any]) -> Decimal | None:
    if entity is not Entity.PAYMENTS:
        return None
    value = values.get("crm_amount" if system is System.CRM else "erp_amount")
    return value if isinstance(value, Decimal) else None


def _seen_amounts(s: Seen) -> Mapping[str, Any]:
    return {"crm_amount": s.mismatch.crm_amount, "erp_amount": s.mismatch.erp_amount}


def applies(match: MatchView, seen: Mapping[str, Seen]) -> bool:
    """Whether a run that saw ``seen`` still finds each record of ``match`` alone, with the
    amounts it was matched with."""
    if not all(f in seen for f in match.finding_ids):
        return False
    if match.entity is not Entity.PAYMENTS:
        return True
    totals = {System.CRM: Decimal(0), System.ERP: Decimal(0)}
    for f in match.finding_ids:
        s = seen[f]
        system = System.CRM if s.crm_ids else System.ERP
        amount = _amount(match.entity, system, _seen_amounts(s))
        if amount is None:
            return False
        totals[system] += amount
    return (totals[System.CRM], totals[System.ERP]) == (match.crm_total, match.erp_total)


def apply_matches(store: Store, workspace: str, report: Report) -> Report:
    """``report`` with the workspace's active manual matches that still apply: the findings
    they answer removed, a «manual» link for each CRM–ERP pair added. The report given is not
    changed; without such matches it is returned as is."""
    active = matches(store, workspace)
    if not active:
        return report
    seen = observe(workspace, report)
    applied = [m for m in active if applies(m, seen)]
    if not applied:
        return report
    drop = {id(seen[f].mismatch) for m in applied for f in m.finding_ids}
    results: dict[Entity, EntityResult] = {}
    for entity, result in report.results.items():
        links = [Link(c, e, METHOD, "auto", 1.0, None, m.explanation())
                 for m in applied if m.entity is entity for c in m.crm_ids for e in m.erp_ids]
        if not links:
            results[entity] = result
            continue
        results[entity] = EntityResult(
            entity, links=[*result.links, *links], duplicates=list(result.duplicates),
            mismatches=[x for x in result.mismatches if id(x) not in drop],
            crm=result.crm, erp=result.erp, timings=dict(result.timings))
    return replace(report, results=results)


# --- matching and unmatching ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchPlan:
    """What matching a finding with candidates would do: the findings per system, the totals
    and their difference (payments), and the reasons that could explain it."""

    finding: FindingView
    crm: tuple[FindingView, ...]
    erp: tuple[FindingView, ...]
    crm_total: Decimal | None
    erp_total: Decimal | None
    difference: Decimal | None
    reasons: tuple[Reason, ...]

    @property
    def needs_reason(self) -> bool:
        return bool(self.difference)

    @property
    def base(self) -> Decimal:
        return max(abs(self.crm_total or Decimal(0)), abs(self.erp_total or Decimal(0)))


def plan(store: Store, workspace: str, finding_id: str, candidate_ids: Sequence[str],
         writeoff: WriteOff = DEFAULT) -> MatchPlan:
    """The match a person is about to make, checked (refused as :func:`match` would)."""
    with store.read() as session:
        return _plan(session, workspace, finding_id, candidate_ids, writeoff, lock=False)


def match(store: Store, actor: str, workspace: str, finding_id: str,
          candidate_ids: Sequence[str], comment: str, reason: Reason | str | None = None,
          writeoff: WriteOff = DEFAULT) -> MatchView:
    """Match ``finding_id``'s record with the candidates' (findings of the other system)."""
    login = normalize(actor)
    text = (comment or "").strip()
    if not text:
        raise FindingError(tr_app("app.findings", "Una conciliación a mano lleva un comentario "
                                  "(--comment)."), "missing_comment")
    why = _reason(reason)
    with store.write() as session:
        require(session, login, WORKERS, mark_app("app.findings", "conciliar a mano"))
        chosen = _plan(session, workspace, finding_id, candidate_ids, writeoff, lock=True)
        _check_difference(chosen, why, writeoff)
        now = utc_now()
        views = (*chosen.crm, *chosen.erp)
        row = ManualMatchRow(
            id=str(uuid.uuid4()), workspace=workspace, entity=chosen.finding.entity.value,
            finding_ids=json.dumps([v.id for v in views]),
            crm_ids=json.dumps([i for v in chosen.crm for i in v.crm_ids]),
            erp_ids=json.dumps([i for v in chosen.erp for i in v.erp_ids]),
            crm_total=money_str(chosen.crm_total), erp_total=money_str(chosen.erp_total),
            difference=money_str(chosen.difference), reason=why.value if why else None,
            comment=text, made_by=login, made_at=now)
        session.add(row)
        session.flush()
        for finding in _rows(session, workspace, [v.id for v in views], lock=False):
            finding.state, finding.match_id = Track.MATCHED.value, row.id
            finding.updated_by, finding.updated_at = login, now
        made = match_view(row)
        audit(session, actor=login, action="finding_matched", entity=row.entity, record=row.id,
              new=canonical_json({"crm": list(made.crm_ids), "erp": list(made.erp_ids),
                                  "difference": money_str(made.difference),
                                  "reason": row.reason}),
              comment=text, at=now)
        return made


def unmatch(store: Store, actor: str, workspace: str, finding_id: str,
            comment: str | None = None) -> MatchView:
    """Undo the active match holding ``finding_id``: its findings go back to people."""
    login = normalize(actor)
    with store.write() as session:
        require(session, login, WORKERS, mark_app("app.findings",
                                                  "deshacer conciliaciones a mano"))
        [finding] = _rows(session, workspace, [finding_id], lock=True)
        if finding.match_id is None:
            raise InvalidState(tr_app("app.findings", "El hallazgo no está conciliado a mano."),
                               "not_matched")
        row = session.get(ManualMatchRow, finding.match_id)
        assert row is not None
        members = _rows(session, workspace, json.loads(row.finding_ids), lock=True)
        refuse_if_closed(session, workspace, views_of(session, members))
        now = utc_now()
        row.undone_by, row.undone_at = login, now
        for member in members:
            if member.match_id == row.id:
                member.match_id = None
                member.state = (Track.ASSIGNED if member.assignee else Track.OPEN).value
                member.updated_by, member.updated_at = login, now
        session.flush()
        audit(session, actor=login, action="finding_unmatched", entity=row.entity,
              record=row.id, comment=(comment or "").strip() or None, at=now)
        return match_view(row)


def _reason(reason: Reason | str | None) -> Reason | None:
    if reason is None or reason == "":
        return None
    try:
        return Reason(reason)
    except ValueError:
        raise FindingError(tr_app("app.findings", "Motivo desconocido «{reason}».").format(
            reason=reason), "unknown_reason") from None


def _rows(session: Session, workspace: str, ids: Sequence[str], *, lock: bool
          ) -> list[FindingRow]:
    query = select(FindingRow).where(FindingRow.workspace == workspace,
                                     FindingRow.id.in_(list(ids)))
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    rows = {r.id: r for r in session.scalars(query)}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise NotFound(tr_app("app.findings", "No hay ningún hallazgo con el id «{id}» en "
                              "«{workspace}».").format(id=missing[0], workspace=workspace))
    return [rows[i] for i in ids]


def _plan(session: Session, workspace: str, finding_id: str, candidate_ids: Sequence[str],
          writeoff: WriteOff, *, lock: bool) -> MatchPlan:
    others = [c for c in dict.fromkeys(candidate_ids) if c != finding_id]
    if not others:
        raise FindingError(tr_app("app.findings", "Elija al menos un candidato del otro "
                                  "sistema."), "no_candidate")
    rows = _rows(session, workspace, [finding_id, *others], lock=lock)
    views = views_of(session, rows)
    finding, picked = views[0], views[1:]
    side = _lone_side(finding)
    for v in picked:
        if v.entity is not finding.entity or _lone_side(v) is side:
            raise FindingError(tr_app("app.findings", "«{id}» no es un registro solo del otro "
                                      "sistema en {entity}: no se puede conciliar con "
                                      "este.").format(id=v.id[:8],
                                                      entity=finding.entity.value),
                               "not_a_candidate")
    if finding.entity is not Entity.PAYMENTS and len(picked) > 1:
        raise FindingError(tr_app("app.findings", "Clientes y vehículos se concilian uno con "
                                  "uno."), "one_to_one")
    refuse_if_closed(session, workspace, views)
    crm = tuple(v for v in views if _lone_side(v) is System.CRM)
    erp = tuple(v for v in views if _lone_side(v) is System.ERP)
    if finding.entity is not Entity.PAYMENTS:
        return MatchPlan(finding, crm, erp, None, None, None, ())
    crm_total, erp_total = _total(crm, System.CRM), _total(erp, System.ERP)
    difference = crm_total - erp_total
    base = max(abs(crm_total), abs(erp_total))
    return MatchPlan(finding, crm, erp, crm_total, erp_total, difference,
                     writeoff.reasons_for(difference, base))


def _lone_side(v: FindingView) -> System:
    """The system of the lone record of a finding that can be matched; refused otherwise."""
    side = matchable(v.entity, v.kind)
    if side is None or v.record is None:
        raise FindingError(tr_app("app.findings", "El hallazgo «{id}» no es un registro sin "
                                  "contraparte que se pueda conciliar a mano.").format(
            id=v.id[:8]), "not_matchable")
    if v.state is FindingState.RESOLVED:
        raise InvalidState(tr_app("app.findings", "El hallazgo «{id}» ya no aparece en la "
                                  "última conciliación.").format(id=v.id[:8]), "resolved")
    if v.track is Track.MATCHED:
        raise InvalidState(tr_app("app.findings", "El hallazgo «{id}» ya está conciliado a "
                                  "mano.").format(id=v.id[:8]), "matched")
    return side


def _total(views: Sequence[FindingView], system: System) -> Decimal:
    total = Decimal(0)
    for v in views:
        amount = _amount(v.entity, system, v.data)
        if amount is None:
            raise FindingError(tr_app("app.findings", "El registro del hallazgo «{id}» no tiene "
                                      "valor: no se puede conciliar por valor.").format(
                id=v.id[:8]), "no_amount")
        total += amount
    return total


def _check_difference(chosen: MatchPlan, why: Reason | None, writeoff: WriteOff) -> None:
    if chosen.difference is None or writeoff.fits(why, chosen.difference, chosen.base):
        return
    shown = format_cop(abs(chosen.difference))
    if not chosen.reasons:
        raise FindingError(tr_app(
            "app.findings", "La diferencia de {amount} es mayor de lo que explica un redondeo, "
            "una comisión bancaria o una retención: no son el mismo dinero. Explique el hallazgo "
            "o corrija el valor.").format(amount=shown), "difference_too_large")
    words = ", ".join(f"{r.value} ({tr_marked('labels', FINDING_REASON_WORDS[r.value])})"
                      for r in chosen.reasons)
    if why is None:
        raise FindingError(tr_app("app.findings", "Los valores difieren en {amount}: diga el "
                                  "motivo (--reason), uno de: {reasons}.").format(
            amount=shown, reasons=words), "reason_needed")
    said = tr_marked("labels", FINDING_REASON_WORDS.get(why.value, why.value))
    raise FindingError(tr_app("app.findings", "«{reason}» no explica una diferencia de {amount}; "
                              "puede ser: {reasons}.").format(reason=said, amount=shown,
                                                              reasons=words),
                       "reason_does_not_fit")
