"""Deciding: what the window and the command line both call to propose and to decide.

The window shows, for each finding, the :class:`~app.writeback.proposals.Proposal` of
:func:`proposal`; the command line reads the proposals of a saved run. Either way what a person
decides goes through :mod:`app.writeback.corrections` (maker-checker, audit rows), never around
it, and through the same functions here:

- proposing: :func:`propose` (one proposal, maybe with edited values), :func:`plan_task`
  (which of many can be proposed, counted before asking) and :func:`propose_all` (propose
  them, one small transaction each);
- deciding a correction: :func:`decide` (approve, reject or defer one, as shown at version
  ``n``) and :func:`decide_all` (many, or every proposed one); turning a proposal down before
  any correction exists: :func:`decide_proposal`; undoing an applied one: :func:`undo`.

One proposal may change several canonical fields (a name is up to three columns, a city its code
and name): it becomes one correction per field. A correction belongs to a proposal when it
corrects the same field of the same record of the same system starting from the same value
read — so proposing again after a new reconciliation finds the corrections already made
instead of doubling them. Only pushable proposals (an edit, not blocked by Ley 1581, not a
validated invoice) become corrections: :func:`why_not` says in Spanish why another one cannot.
No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import state_word
from app.domain.schema import Entity, System
from app.domain.values import normalize_doc_number
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import EntityResult, Mismatch, Report
from app.store.db import Store
from app.store.models import CorrectionRow
from app.store.values import audit_value
from app.writeback import corrections, creating, habeas, merging
from app.writeback.corrections import CorrectionView
from app.writeback.errors import CorrectionError, NotAllowed
from app.writeback.people import WORKERS, Role, normalize_login, roles_of
from app.writeback.policy import system_word
from app.writeback.proposals import Action, Proposal, proposal_for
from app.writeback.queue import queue
from app.writeback.states import LIVE, OPEN, CorrectionState

_REVIEW_WHY = mark_app("app.writeback", "Este hallazgo no es una corrección de campo: se revisa "
                                        "a mano, no se propone.")
_NOTE_WHY = mark_app("app.writeback", "La factura está validada ante la DIAN: no se edita; queda "
                                      "como tarea de nota crédito/débito para contabilidad.")


# --- one proposal --------------------------------------------------------------------------


def proposal(result: EntityResult, finding: Mismatch,
             system_of_record: Mapping[str, str] | None = None,
             report: Report | None = None) -> Proposal:
    """The correction Cuadre proposes for ``finding`` (the window's panel shows it); with the
    whole ``report``, told what it depends on (:func:`with_requirements`)."""
    return with_requirements(result, finding, system_of_record, report)[-1]


def with_requirements(result: EntityResult, finding: Mismatch,
                      system_of_record: Mapping[str, str] | None = None,
                      report: Report | None = None) -> list[Proposal]:
    """The proposal for ``finding``, after what must be proposed before it: a VIN's reservation
    for a customer the ERP lacks comes after that customer's creation in the ERP (both, in
    that order; the reservation ``requires`` it), or — nothing to create the customer from —
    blocked, saying what is missing. Without ``report``, the proposal alone."""
    p = proposal_for(result, finding, system_of_record)
    if report is None or not (p.action is Action.CREATE and p.entity is Entity.VEHICLES):
        return [p]
    doc = next((c.proposed for c in p.changes if c.field == "customer_doc"), None)
    customers = report.results.get(Entity.CUSTOMERS)
    firsts = [] if customers is None or doc is None else [
        proposal_for(customers, m, system_of_record) for m in customers.mismatches
        if m.kind == "only_in_crm" and normalize_doc_number(m.key) == doc]
    return creating.with_dependencies(
        [c for c in firsts if c.action is Action.CREATE and c.target is System.ERP] + [p], report)


def why_not(p: Proposal) -> str | None:
    """Why ``p`` cannot be proposed for sending (a sentence in the current language), or None
    when it can."""
    if p.action is Action.CREDIT_NOTE:
        return tr_marked("app.writeback", _NOTE_WHY)
    if p.action is Action.REVIEW or not p.changes:
        return tr_marked("app.writeback", _REVIEW_WHY)
    if p.blocked and p.reason in (creating.MISSING_DATA, creating.MISSING_CUSTOMER):
        return p.sentence.partition(" Bloqueada: ")[2] or p.sentence
    if p.blocked:
        text = habeas.SENTENCES.get(p.reason or "")
        said = (tr_marked("app.writeback", text) if text
                else tr_app("app.writeback", "La corrección está bloqueada."))
        return said.format(target=system_word(p.target) if p.target
                           else tr_app("app.writeback", "otro sistema"))
    return None


def existing(store: Store, p: Proposal, states: Sequence[CorrectionState] = LIVE
             ) -> list[CorrectionView]:
    """The corrections already made for ``p`` (same system, record, field and value read). An
    applied one whose undo was applied too is not among them: the record is back where it
    was, and the same correction may be proposed again (a reservation undone, then wanted)."""
    if p.target is None or p.source_id is None or not p.changes:
        return []
    wanted = {c.field: audit_value(c.current) for c in p.changes}
    with store.read() as session:
        rows = session.scalars(select(CorrectionRow).where(
            CorrectionRow.entity == p.entity.value,
            CorrectionRow.target_system == p.target.value,
            CorrectionRow.source_id == p.source_id,
            CorrectionRow.field.in_(list(wanted)),
            CorrectionRow.state.in_(list(states)),
        ).order_by(CorrectionRow.created_at)).all()
        applied = [r.id for r in rows if r.state == CorrectionState.APPLIED]
        undone = set(session.scalars(select(CorrectionRow.reverts).where(
            CorrectionRow.reverts.in_(applied),
            CorrectionRow.state == CorrectionState.APPLIED))) if applied else set()
        return [corrections._view(r) for r in rows
                if wanted.get(r.field) == r.old_value and r.id not in undone]


def propose(store: Store, actor: str, p: Proposal, *, comment: str | None = None,
            values: Mapping[str, Any] | None = None, workspace: str | None = None,
            before: Sequence[Proposal] = ()) -> list[CorrectionView]:
    """Propose ``p`` (with the values the user edited, if any): one correction per field.
    Refused when ``p`` cannot be sent, or when it was already proposed. ``before``: what ``p``
    requires (:func:`with_requirements`), proposed first unless it already is."""
    made_before: list[CorrectionView] = []
    if before:
        _check_proposable(store, p)  # nothing is proposed before a refused proposal
    for first in before:
        if not existing(store, first):
            made_before += propose(store, actor, first, comment=comment, workspace=workspace)
    return made_before + _propose_one(store, actor, p, comment, values, workspace)


def _check_proposable(store: Store, p: Proposal) -> None:
    reason = why_not(p)
    if reason is not None:
        raise CorrectionError(reason, "not_pushable")
    if existing(store, p):
        raise CorrectionError(tr_app("app.writeback", "Esta corrección ya está propuesta: "
                                     "búsquela en Correcciones."), "already_proposed")


def _propose_one(store: Store, actor: str, p: Proposal, comment: str | None,
                 values: Mapping[str, Any] | None,
                 workspace: str | None) -> list[CorrectionView]:
    _check_proposable(store, p)
    assert p.target is not None and p.source_id is not None
    if p.action is Action.CREATE:
        return [_propose_creation(store, actor, p, comment, values or {}, workspace)]
    made = []
    for change in p.changes:
        new = (values or {}).get(change.field, change.proposed)
        if new == change.current:
            continue
        made.append(corrections.propose(
            store, actor, entity=p.entity, system=p.target, source_id=p.source_id,
            field=change.field, old=change.current, new=new, workspace=workspace,
            comment=comment))
    if not made:
        raise CorrectionError(tr_app("app.writeback", "El valor nuevo es igual al actual: no hay "
                                     "nada que corregir."), "no_change")
    return made


def _propose_creation(store: Store, actor: str, p: Proposal, comment: str | None,
                      values: Mapping[str, Any], workspace: str | None) -> CorrectionView:
    """One correction for the whole of a creation (:mod:`app.writeback.creating`): a new
    customer (``expected`` empty: it must not exist yet) or a reservation (the vehicle must
    still be available, with nobody's document on it)."""
    assert p.target is not None and p.source_id is not None
    changes = {c.field: values.get(c.field, c.proposed) for c in p.changes}
    if p.entity is Entity.VEHICLES:
        expected = {c.field: c.current for c in p.changes}
        payload = {"entity": p.entity.value, "system": p.target.value, "source_id": p.source_id,
                   "changes": changes, "expected": expected, "reserve": True}
        old, new = expected.get("status"), changes.get("status")
    else:
        payload = {"entity": p.entity.value, "system": p.target.value, "source_id": p.source_id,
                   "changes": changes, "expected": {}, "create": True}
        old, new = None, changes.get(p.field or "doc_number")
    return corrections.propose_payload(
        store, actor, kind="field", entity=p.entity, system=p.target, source_id=p.source_id,
        field=p.field or "doc_number", old=old, new=new, payload=payload, workspace=workspace,
        comment=comment or p.sentence, action="propose_creation")


# --- deciding ------------------------------------------------------------------------------


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    DEFER = "defer"


#: Who may take each decision (the service checks again, per item) and the verb a refusal
#: uses for it.
_DECIDERS = {Decision.APPROVE: frozenset({Role.APPROVER}),
             Decision.REJECT: frozenset({Role.APPROVER}), Decision.DEFER: WORKERS}
_VERBS = {Decision.APPROVE: mark_app("app.writeback", "aprobar"),
          Decision.REJECT: mark_app("app.writeback", "rechazar"),
          Decision.DEFER: mark_app("app.writeback", "aplazar")}


def decide(store: Store, actor: str, decision: Decision | str, correction_id: str, *,
           comment: str | None = None, expected_version: int | None = None) -> CorrectionView:
    """Approve, reject or defer one correction (as shown at ``expected_version``)."""
    act = {Decision.APPROVE: corrections.approve, Decision.REJECT: corrections.reject,
           Decision.DEFER: corrections.defer}[Decision(decision)]
    return act(store, actor, correction_id, comment=comment, expected_version=expected_version)


def decide_proposal(store: Store, actor: str, p: Proposal, decision: Decision | str, *,
                    comment: str | None = None,
                    workspace: str | None = None) -> list[CorrectionView]:
    """Reject or defer ``p``: its open corrections, or — when none was made yet — the proposal
    recorded first (so the trail says who turned it down and why)."""
    decision = Decision(decision)
    reason = why_not(p)
    if reason is not None:
        raise CorrectionError(reason, "not_pushable")
    current = existing(store, p)
    open_ones = [v for v in current if v.state in OPEN
                 and not (decision is Decision.DEFER and v.state == CorrectionState.DEFERRED)]
    if current and not open_ones:
        raise CorrectionError(tr_app("app.writeback", "No se puede: la corrección ya está "
                                     "{state}.").format(
            state=tr_marked("labels", state_word(current[0].state))), "invalid_state")
    if not current:
        open_ones = propose(store, actor, p, comment=None, workspace=workspace)
    return [decide(store, actor, decision, v.id, comment=comment, expected_version=v.version)
            for v in open_ones]


def undo(store: Store, actor: str, correction: CorrectionView, *,
         comment: str | None = None) -> CorrectionView:
    """Propose undoing an applied correction — or merge (:func:`app.writeback.merging.undo_merge`)
    — as a new correction that needs its own approval."""
    revert = merging.undo_merge if merging.is_merge(correction) else corrections.undo
    return revert(store, actor, correction.id, comment=comment)


@dataclass(slots=True)
class Decided:
    """What :func:`decide_all` did."""

    done: list[CorrectionView] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # maker-checker, roles ("id: why")
    failed: list[str] = field(default_factory=list)  # state, concurrency, not found
    left: int = 0  # approving all: written by this person, left for someone else


def require_decider(store: Store, actor: str, decision: Decision | str) -> str:
    """The normalized login of ``actor`` when it may take ``decision`` at all; else
    :class:`NotAllowed` (checked before the work, as each decision checks again)."""
    decision = Decision(decision)
    login = normalize_login(actor)
    if not roles_of(store, login) & _DECIDERS[decision]:
        raise NotAllowed(tr_app("app.writeback", "«{login}» no tiene el rol para {doing} "
                                "correcciones.").format(
            login=login, doing=tr_marked("app.writeback", _VERBS[decision])))
    return login


def decide_all(store: Store, actor: str, decision: Decision | str,
               correction_ids: Sequence[str] | None = None, *, entity: Entity | None = None,
               workspace: str | None = None, comment: str | None = None) -> Decided:
    """Decide the corrections ``correction_ids`` — or, when None, every proposed one (of
    ``entity`` and ``workspace`` when given), oldest first, each as listed (a correction changed
    meanwhile is refused, not decided blind). Approving all leaves those ``actor`` proposed or
    edited for someone else (counted in ``left``), instead of refusing them. Refused at once
    (:class:`NotAllowed`) when ``actor`` may not take the decision at all."""
    decision = Decision(decision)
    login = require_decider(store, actor, decision)
    result = Decided()
    work: list[tuple[str, int | None]]
    if correction_ids is None:
        items = [i for i in queue(store, state=CorrectionState.PROPOSED, entity=entity)
                 if workspace is None or i.view.workspace == workspace]
        items.reverse()  # oldest first, as they were proposed
        if decision is Decision.APPROVE:
            mine = [i for i in items if login in i.authors or login == i.view.proposer]
            result.left = len(mine)
            items = [i for i in items if i not in mine]
        work = [(i.view.id, i.view.version) for i in items]
    else:
        work = [(i, None) for i in correction_ids]
    for correction_id, version in work:
        try:
            result.done.append(decide(store, login, decision, correction_id, comment=comment,
                                      expected_version=version))
        except NotAllowed as exc:
            result.refused.append(f"{correction_id}: {exc}")
            if exc.code != "maker_checker":  # a missing role refuses every item alike
                break
        except CorrectionError as exc:
            result.failed.append(f"{correction_id}: {exc}")
    return result


# --- many proposals ------------------------------------------------------------------------


@dataclass(slots=True)
class BulkPlan:
    """What proposing many proposals would do, counted before asking."""

    to_propose: list[Proposal] = field(default_factory=list)
    already: int = 0
    blocked: int = 0
    credit_notes: int = 0
    reviews: int = 0
    #: Each proposal that cannot be sent, with why (:func:`why_not`).
    refused: list[tuple[Proposal, str]] = field(default_factory=list)

    @property
    def fields(self) -> int:
        """The corrections they make: one per field, one per creation (a whole record)."""
        return sum(1 if p.action is Action.CREATE else len(p.changes) for p in self.to_propose)


def plan_task(store: Store, proposals: Iterable[Proposal], cancel: CancelToken | None = None,
              total: int | None = None) -> Task[BulkPlan]:
    """Classify ``proposals`` (``total`` of them, when known): which can be proposed, which
    already were, and why the others cannot."""
    plan = BulkPlan()
    seen = 0
    for p in proposals:
        if seen % 50 == 0:
            if cancel is not None:
                cancel.check()
            yield Progress("plan_corrections", seen, total or 0)
        seen += 1
        reason = why_not(p)
        if reason is not None:
            plan.refused.append((p, reason))
            if p.action is Action.CREDIT_NOTE:
                plan.credit_notes += 1
            elif p.action is Action.REVIEW or not p.changes:
                plan.reviews += 1
            else:
                plan.blocked += 1
        elif existing(store, p):
            plan.already += 1
        else:
            plan.to_propose.append(p)
    yield Progress("plan_corrections", seen, seen)
    return plan


def findings_plan_task(store: Store, result: EntityResult, findings: Sequence[Mismatch],
                       system_of_record: Mapping[str, str] | None,
                       cancel: CancelToken) -> Task[BulkPlan]:
    """:func:`plan_task` for the findings selected in the window (their proposals are made
    on the worker too)."""
    return plan_task(store, (proposal_for(result, f, system_of_record) for f in findings),
                     cancel, len(findings))


@dataclass
class BulkOutcome:
    proposed: int = 0  # proposals
    corrections: int = 0  # corrections (fields)
    made: list[CorrectionView] = field(default_factory=list)  # the corrections, in order
    failed: list[str] = field(default_factory=list)  # Spanish messages
    cancelled: bool = False


def propose_all(store: Store, actor: str, proposals: Sequence[Proposal], comment: str | None,
                workspace: str | None, cancel: CancelToken | None = None) -> Task[BulkOutcome]:
    """Propose each of ``proposals`` (one small transaction each); stops between items when
    cancelled, keeping what was already proposed."""
    outcome = BulkOutcome()
    total = len(proposals)
    for i, p in enumerate(proposals):
        if cancel is not None and cancel.cancelled:
            outcome.cancelled = True
            break
        yield Progress("propose_corrections", i, total)
        try:
            made = propose(store, actor, p, comment=comment, workspace=workspace)
        except CorrectionError as exc:
            outcome.failed.append(str(exc))
            continue
        outcome.proposed += 1
        outcome.corrections += len(made)
        outcome.made.extend(made)
    yield Progress("propose_corrections", total, total)
    return outcome
