"""Deciding on proposals: the glue between the engine's proposals and the correction service.

The window shows, for each finding, the :class:`~app.writeback.proposals.Proposal` of
:func:`~app.writeback.proposals.proposal_for`; what the user decides goes through
:mod:`app.writeback.corrections` (maker-checker, audit rows), never around it. One proposal may change
several canonical fields (a name is up to three columns, a city its code and name): it becomes
one correction per field. A correction belongs to a proposal when it corrects the same field
of the same record of the same system starting from the same value read — so proposing again
after a new reconciliation finds the corrections already made instead of doubling them.

Only pushable proposals (an edit, not blocked by Ley 1581, not a validated invoice) become
corrections: :func:`why_not` says in Spanish why another one cannot. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from app.domain.labels import FOLLOWUP_LABELS
from app.domain.schema import Entity, System
from app.paths import data_dir
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import EntityResult, Mismatch
from app.store.db import Store
from app.store.models import (
    CorrectionAuthor,
    CorrectionComment,
    CorrectionRow,
    OutboxRow,
    Person,
    PersonRole,
)
from app.store.values import audit_value, read_audit_value
from app.writeback import corrections, habeas
from app.writeback.corrections import CorrectionError, CorrectionView, is_creation
from app.writeback.policy import system_word
from app.writeback.proposals import Action, Proposal, proposal_for
from app.writeback.values import MONEY_FIELDS, shown

#: States in which a correction is still alive (an open decision, or on its way).
LIVE_STATES = ("proposed", "deferred", "approved", "queued", "attempting", "applied", "unknown",
               "conflict")
#: States a proposer or approver may still reject or defer from.
OPEN_STATES = ("proposed", "deferred")
#: States of a correction the push could not apply: decided again, or rejected for good.
UNAPPLIED_STATES = ("conflict", "failed")

STATE_NAMES = {"proposed": "Propuesta", "approved": "Aprobada", "rejected": "Rechazada",
               "deferred": "Aplazada", "queued": "En cola", "attempting": "En envío",
               "applied": "Aplicada", "conflict": "En conflicto", "failed": "Fallida",
               "unknown": "Resultado desconocido"}
ROLE_NAMES = {"proposer": "propone", "approver": "aprueba", "auditor": "audita",
              "admin": "administra"}

_REVIEW_WHY = "Este hallazgo no es una corrección de campo: se revisa a mano, no se propone."
_NOTE_WHY = ("La factura está validada ante la DIAN: no se edita; queda como tarea de nota "
             "crédito/débito para contabilidad.")


# --- people --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonInfo:
    login: str
    name: str
    roles: frozenset[str]

    def label(self) -> str:
        roles = ", ".join(ROLE_NAMES[r] for r in ("proposer", "approver", "auditor", "admin")
                          if r in self.roles)
        return f"{self.name} ({roles})" if roles else self.name


def people(store: Store) -> list[PersonInfo]:
    """The active people of the workspace, by name."""
    with store.read() as session:
        rows = session.execute(select(Person.login, Person.name).where(Person.active)
                               .order_by(Person.name, Person.login)).all()
        roles: dict[str, set[str]] = {}
        for login, role in session.execute(select(PersonRole.login, PersonRole.role)):
            roles.setdefault(login, set()).add(role)
    return [PersonInfo(login, name, frozenset(roles.get(login, ()))) for login, name in rows]


_USER_FILE = "usuario.txt"


def remembered_user() -> str | None:
    """Who worked last on this computer (a login, not a secret), or None."""
    try:
        text = (data_dir() / _USER_FILE).read_text("utf-8").strip()
    except OSError:
        return None
    return text or None


def remember_user(login: str | None) -> None:
    path = data_dir() / _USER_FILE
    try:
        if login:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(login, "utf-8")
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # only a convenience: the next start asks again


# --- proposals -----------------------------------------------------------------------------


def proposal(result: EntityResult, finding: Mismatch,
             system_of_record: Mapping[str, str] | None = None) -> Proposal:
    return proposal_for(result, finding, system_of_record)


def why_not(p: Proposal) -> str | None:
    """Why ``p`` cannot be proposed for sending (a Spanish sentence), or None when it can."""
    if p.action is Action.CREDIT_NOTE:
        return _NOTE_WHY
    if p.action is Action.REVIEW or not p.changes:
        return _REVIEW_WHY
    if p.blocked:
        text = habeas.SENTENCES.get(p.reason or "", "La corrección está bloqueada.")
        return text.format(target=system_word(p.target) if p.target else "otro sistema")
    return None


def value_text(field_name: str, value: Any) -> str:
    return shown(field_name, value)


def parse_value(field_name: str, text: str) -> Any:
    """What the user typed for ``field_name`` as a canonical value (empty: None).

    Money accepts «1.200.000», «1200000,50» or «1200000.50»; dates «04/03/2026» or ISO."""
    clean = text.strip()
    if not clean:
        return None
    if field_name in MONEY_FIELDS:
        raw = clean.replace("$", "").replace("\u00a0", "").replace(" ", "")
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        elif raw.count(".") > 1 or (raw.count(".") == 1 and len(raw.rsplit(".", 1)[1]) == 3):
            raw = raw.replace(".", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise CorrectionError(f"«{text}» no es un valor en pesos.", "bad_value") from None
        if not value.is_finite():
            raise CorrectionError(f"«{text}» no es un valor en pesos.", "bad_value")
        return value.quantize(Decimal("0.01"))
    if field_name in ("paid_on", "consent_date", "delivered_on"):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(clean, fmt).date()
            except ValueError:
                continue
        raise CorrectionError(f"«{text}» no es una fecha (dd/mm/aaaa).", "bad_value")
    return clean


def edit_text(field_name: str, value: Any) -> str:
    """A value as the edit box shows it (what :func:`parse_value` reads back)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def existing(store: Store, p: Proposal, states: Sequence[str] = LIVE_STATES
             ) -> list[CorrectionView]:
    """The corrections already made for ``p`` (same system, record, field and value read)."""
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
        return [corrections._view(r) for r in rows if wanted.get(r.field) == r.old_value]


def propose(store: Store, actor: str, p: Proposal, *, comment: str | None = None,
            values: Mapping[str, Any] | None = None,
            workspace: str | None = None) -> list[CorrectionView]:
    """Propose ``p`` (with the values the user edited, if any): one correction per field.
    Refused when ``p`` cannot be sent, or when it was already proposed."""
    reason = why_not(p)
    if reason is not None:
        raise CorrectionError(reason, "not_pushable")
    if existing(store, p):
        raise CorrectionError("Esta corrección ya está propuesta: búsquela en Correcciones.",
                              "already_proposed")
    assert p.target is not None and p.source_id is not None
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
        raise CorrectionError("El valor nuevo es igual al actual: no hay nada que corregir.",
                              "no_change")
    return made


def decide(store: Store, actor: str, p: Proposal, action: str, *, comment: str | None = None,
           workspace: str | None = None) -> list[CorrectionView]:
    """Reject or defer ``p`` («reject» | «defer»): its open corrections, or — when none was
    made yet — the proposal recorded first (so the trail says who turned it down and why)."""
    reason = why_not(p)
    if reason is not None:
        raise CorrectionError(reason, "not_pushable")
    do = corrections.reject if action == "reject" else corrections.defer
    current = existing(store, p)
    open_ones = [v for v in current if v.state in OPEN_STATES
                 and not (action == "defer" and v.state == "deferred")]
    if current and not open_ones:
        state = STATE_NAMES.get(current[0].state, current[0].state).lower()
        raise CorrectionError(f"No se puede: la corrección ya está {state}.", "invalid_state")
    if not current:
        open_ones = propose(store, actor, p, comment=None, workspace=workspace)
    return [do(store, actor, v.id, comment=comment, expected_version=v.version)
            for v in open_ones]


# --- bulk ----------------------------------------------------------------------------------


@dataclass(slots=True)
class BulkPlan:
    """What a bulk «Proponer selección» would do, counted before asking."""

    to_propose: list[Proposal] = field(default_factory=list)
    already: int = 0
    blocked: int = 0
    credit_notes: int = 0
    reviews: int = 0

    @property
    def fields(self) -> int:
        return sum(len(p.changes) for p in self.to_propose)


@dataclass(slots=True)
class BulkOutcome:
    proposed: int = 0  # proposals
    corrections: int = 0  # corrections (fields)
    failed: list[str] = field(default_factory=list)  # Spanish messages
    cancelled: bool = False


def plan_task(store: Store, result: EntityResult, findings: Sequence[Mismatch],
              system_of_record: Mapping[str, str] | None, cancel: CancelToken) -> Task[BulkPlan]:
    """Classify the selected findings (off the GUI thread): which can be proposed."""
    plan = BulkPlan()
    total = len(findings)
    for i, finding in enumerate(findings):
        if i % 50 == 0:
            cancel.check()
            yield Progress("plan_corrections", i, total)
        p = proposal_for(result, finding, system_of_record)
        if p.action is Action.CREDIT_NOTE:
            plan.credit_notes += 1
        elif p.action is Action.REVIEW or not p.changes:
            plan.reviews += 1
        elif p.blocked:
            plan.blocked += 1
        elif existing(store, p):
            plan.already += 1
        else:
            plan.to_propose.append(p)
    yield Progress("plan_corrections", total, total)
    return plan


def propose_task(store: Store, actor: str, proposals: Sequence[Proposal], comment: str | None,
                 workspace: str | None, cancel: CancelToken) -> Task[BulkOutcome]:
    """Propose each of ``proposals`` (one small transaction each); stops between items when
    cancelled, keeping what was already proposed."""
    outcome = BulkOutcome()
    total = len(proposals)
    for i, p in enumerate(proposals):
        if cancel.cancelled:
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
    yield Progress("propose_corrections", total, total)
    return outcome


# --- the queue -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueItem:
    view: CorrectionView
    authors: frozenset[str]
    last_comment: str | None
    #: What the system held when the push found a conflict (as the audit trail writes
    #: values), or None.
    found: str | None = None


def queue(store: Store, *, state: str | None = None, proposer: str | None = None,
          entity: Entity | None = None) -> list[QueueItem]:
    """The corrections, newest first, with who wrote each payload and its last comment."""
    views = corrections.listing(store, state=state)
    views = [v for v in views if (proposer is None or v.proposer == proposer)
             and (entity is None or v.entity is entity)]
    views.reverse()
    with store.read() as session:
        authors: dict[str, set[str]] = {}
        for cid, login in session.execute(select(CorrectionAuthor.correction_id,
                                                 CorrectionAuthor.login)):
            authors.setdefault(cid, set()).add(login)
        last: dict[str, str] = {}
        for cid, author, text in session.execute(
                select(CorrectionComment.correction_id, CorrectionComment.author,
                       CorrectionComment.text).order_by(CorrectionComment.id)):
            last[cid] = f"{author}: {text}"
        found: dict[str, str | None] = {}
        conflicts = [v.id for v in views if v.state == "conflict"]
        if conflicts:
            for cid, value in session.execute(
                    select(OutboxRow.correction_id, OutboxRow.found)
                    .where(OutboxRow.correction_id.in_(conflicts)).order_by(OutboxRow.id)):
                found[cid] = value  # the newest row wins
    return [QueueItem(v, frozenset(authors.get(v.id, {v.proposer})), last.get(v.id),
                      found.get(v.id)) for v in views]


def approve_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not approve ``item`` (Spanish), or None when the button may work.
    The service checks again: this only explains the disabled button."""
    if actor is None:
        return "Elija primero quién trabaja (Usuario)."
    if item.view.state not in OPEN_STATES:
        return f"La corrección ya está {STATE_NAMES.get(item.view.state, '').lower()}."
    if actor in item.authors or actor == item.view.proposer:
        return "Usted propuso o editó esta corrección: debe aprobarla otra persona."
    if "approver" not in set(roles):
        return "Su usuario no tiene el rol de aprobar."
    return None


def reject_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    if actor is None:
        return "Elija primero quién trabaja (Usuario)."
    if "approver" not in set(roles):
        return "Su usuario no tiene el rol de aprobar o rechazar."
    if item.view.state not in (*OPEN_STATES, *UNAPPLIED_STATES):
        return f"La corrección ya está {STATE_NAMES.get(item.view.state, '').lower()}."
    return None


def redecide_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not send ``item`` back to the queue to decide again, or None."""
    if actor is None:
        return "Elija primero quién trabaja (Usuario)."
    if item.view.state not in UNAPPLIED_STATES:
        return "Solo una corrección en conflicto o fallida se decide de nuevo."
    if item.view.kind != "field":
        return ("Una fusión que no se aplicó se propone de nuevo desde el hallazgo de "
                "duplicados («Fusionar…»).")
    if "proposer" not in set(roles):
        return "Su usuario no tiene el rol de proponer."
    return None


def undo_refusal(item: QueueItem, actor: str | None, roles: Iterable[str]) -> str | None:
    """Why ``actor`` may not propose undoing ``item``, or None."""
    if actor is None:
        return "Elija primero quién trabaja (Usuario)."
    if item.view.state != "applied":
        return "Solo se deshace una corrección o fusión aplicada."
    if "proposer" not in set(roles):
        return "Su usuario no tiene el rol de proponer."
    return None


def describe(view: CorrectionView, found: str | None = None) -> str:
    """«3009999999 → 3001234567»-style text for a queue row; for a conflict, also what the
    system holds now («…; el sistema tiene 3105556677»). A record Cuadre creates (a CRM
    follow-up) reads «Nuevo: aniversario de entrega, 24/11/2026»."""
    if is_creation(view.payload):
        kind = view.payload["changes"].get("kind")
        label = FOLLOWUP_LABELS.get(kind, kind) if view.entity is Entity.FOLLOWUPS else None
        text = f"Nuevo: {label[:1].lower()}{label[1:]}, " if label else "Nuevo: "
        return text + value_text(view.field, view.new_value)
    text = (f"{value_text(view.field, view.old_value)} → "
            f"{value_text(view.field, view.new_value)}")
    if view.state == "conflict" and found is not None:
        text += f"; el sistema tiene {value_text(view.field, read_audit_value(found))}"
    return text


def system_name(system: System) -> str:
    return system_word(system)
