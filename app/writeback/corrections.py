"""Corrections with maker-checker: propose, edit, approve, reject, defer (no Qt).

One correction changes one field of one record in one system — or, of kind «merge», merges
duplicates of one system whole (its payload built by ``app.writeback.merging``, which proposes
it with :func:`propose_payload`). Its payload — what would be sent — is frozen by approval: the
approval stores the payload's hash and an idempotency key; editing afterwards voids the
approval and returns the correction to «proposed». Whoever wrote the payload (its proposer or
any editor) can never approve it: refused here with a Spanish message, and by the store itself
(a CHECK and triggers, ``app.store.triggers``), so a raw UPDATE cannot do it either. Roles
(:mod:`app.writeback.people`): proposers propose and edit, approvers approve and reject,
auditors only read. States are :class:`~app.writeback.states.CorrectionState`.

After a push, a correction that did not apply goes back to the queue (:func:`redecide`): from
«en conflicto» its precondition is rebased on the value the system holds (the outbox row's
``found``) — the system's value is what the new proposal now starts from; from «fallida» or
«rechazada por el sistema» (the system refused it, nothing was written) the precondition stays.
Either way it is «proposed» again with its approval voided, the person who decides again
becomes one of its authors, and a new approval creates a new idempotency key and a new outbox
row (the old rows stay as history). Approvers may instead reject it for good (:func:`reject`).
A proposal rejected by a person stays rejected: a new proposal is the way.

An applied correction can be undone (:func:`undo`): a new correction, «proposed», that
``reverts`` it, from the value applied back to the pre-image — the value the compare-and-set
checked just before the write — which goes through approval like any other.

Every state change writes its audit row in the same transaction. Two people deciding the same
item at once: on PostgreSQL the row is locked (``SELECT … FOR UPDATE``), on SQLite the write
transaction holds the database's write lock; either way the loser sees the new state and gets
:class:`ConcurrentChange` — never a silent overwrite. A caller that showed the user version
``n`` passes ``expected_version=n``, so a decision taken on a stale screen is refused too.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import outbox_state_word, state_word
from app.domain.schema import COLUMNS, Entity, System
from app.security import signing
from app.store.chain import append as audit
from app.store.chain import private_key
from app.store.db import Store
from app.store.models import CorrectionAuthor, CorrectionComment, CorrectionRow, OutboxRow
from app.store.values import (
    audit_value,
    decode_payload,
    encode_payload,
    read_audit_value,
    sha256_hex,
    utc_now,
)
from app.writeback.errors import (
    ConcurrentChange,
    CorrectionError,
    InvalidState,
    NotAllowed,
    NotFound,
)
from app.writeback.people import WORKERS, Role, normalize_login, require, roles
from app.writeback.states import EDITABLE, OPEN, UNAPPLIED, CorrectionState, OutboxState
from app.writeback.values import from_json_value


@dataclass(frozen=True, slots=True)
class CorrectionView:
    id: str
    workspace: str | None
    entity: Entity
    system: System
    source_id: str
    field: str
    old_value: Any
    new_value: Any
    payload: dict[str, Any]
    payload_hash: str
    approved_hash: str | None
    state: CorrectionState
    proposer: str
    last_editor: str | None
    approver: str | None
    decided_by: str | None
    idempotency_key: str | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None
    version: int
    kind: str = "field"  # "field" or "merge"
    reverts: str | None = None  # the correction this one undoes


def _view(row: CorrectionRow) -> CorrectionView:
    payload = decode_payload(row.payload)
    expected, changes = payload.get("expected") or {}, payload.get("changes") or {}
    return CorrectionView(
        row.id, row.workspace, Entity(row.entity), System(row.target_system), row.source_id,
        row.field, expected.get(row.field), changes.get(row.field),
        payload, row.payload_hash, row.approved_hash, CorrectionState(row.state), row.proposer,
        row.last_editor, row.approver, row.decided_by, row.idempotency_key, row.created_at,
        row.updated_at, row.decided_at, row.version, row.kind, row.reverts)


# --- corrections ---------------------------------------------------------------------------


def _payload(entity: Entity, system: System, source_id: str, field: str, old: Any,
             new: Any) -> dict[str, Any]:
    """A field correction's payload: ``field`` from ``old`` (the precondition) to ``new``."""
    return {"entity": entity.value, "system": system.value, "source_id": source_id,
            "changes": {field: new}, "expected": {field: old}}


def _sealed(payload: Mapping[str, Any]) -> tuple[str, str]:
    """A payload as the store keeps it, and the hash an approval freezes."""
    text = encode_payload(payload)
    return text, sha256_hex(text)


def is_creation(payload: Mapping[str, Any]) -> bool:
    """A payload that creates a record (a CRM follow-up: ``app.writeback.followups``): its
    ``changes`` are the whole new record and its ``expected`` is empty — the precondition is
    that the record does not exist yet."""
    return bool(payload.get("create")) and not payload.get("expected")


def _load(session: Session, correction_id: str) -> CorrectionRow:
    query = select(CorrectionRow).where(CorrectionRow.id == correction_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFound(tr_app("app.writeback", "No existe la corrección {id}.").format(
            id=correction_id))
    return row


def _check_version(row: CorrectionRow, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        who = row.decided_by or row.last_editor or row.proposer
        raise ConcurrentChange(tr_app(
            "app.writeback", "La corrección cambió mientras la revisaba (ahora está {state}, "
            "último cambio de «{login}»): vuelva a cargarla antes de decidir.").format(
            state=_state(row.state), login=who))


def _check_state(row: CorrectionRow, allowed: Sequence[str], doing: str) -> None:
    if row.state not in allowed:
        doing = tr_marked("app.writeback", doing)
        raise InvalidState(
            tr_app("app.writeback", "No se puede {doing}: la corrección ya está {state} por "
                   "«{login}».").format(doing=doing, state=_state(row.state),
                                         login=row.decided_by) if row.decided_by
            else tr_app("app.writeback", "No se puede {doing}: la corrección ya está "
                        "{state}.").format(doing=doing, state=_state(row.state)))


def _state(state: str) -> str:
    """A correction's state inside a sentence, in the current language."""
    return tr_marked("labels", state_word(state))


def _comment(session: Session, row: CorrectionRow, actor: str, action: str,
             comment: str | None, at: datetime) -> str | None:
    text = (comment or "").strip() or None
    if text is not None:
        session.add(CorrectionComment(correction_id=row.id, at=at, author=actor, action=action,
                                      text=text))
    return text


def _audit(session: Session, row: CorrectionRow, actor: str, action: str, comment: str | None,
           at: datetime, old: str | None = None, new: str | None = None) -> None:
    audit(session, actor=actor, action=action, system=row.target_system, entity=row.entity,
          record=row.source_id, field=row.field, old=old if old is not None else row.old_value,
          new=new if new is not None else row.new_value, proposer=row.proposer,
          approver=row.approver, comment=comment, outcome=row.state,
          idempotency_key=row.idempotency_key, correction_id=row.id, at=at)


def _translate(exc: Exception) -> CorrectionError:
    text = str(getattr(exc, "orig", exc))
    if "maker_checker" in text:
        return NotAllowed(tr_app("app.writeback", "Quien propone o edita una corrección no "
                                 "puede aprobarla (lo impide el almacén)."), "maker_checker")
    if "session_actor" in text:
        return NotAllowed(tr_app("app.writeback", "El servidor del almacén solo deja actuar a "
                                 "cada persona en su propio nombre: quien se conectó no es a "
                                 "quien nombra el cambio; no se guardó nada."), "session_actor")
    if isinstance(exc, StaleDataError):
        return ConcurrentChange(tr_app("app.writeback", "Otra persona cambió esta corrección al "
                                       "mismo tiempo: vuelva a cargarla; no se sobrescribió "
                                       "nada."))
    if isinstance(exc, OperationalError) and ("locked" in text or "could not serialize" in text
                                              or "deadlock" in text):
        return ConcurrentChange(tr_app("app.writeback", "El almacén de trabajo está ocupado por "
                                       "otra persona: intente de nuevo en unos segundos; no se "
                                       "guardó nada."))
    return CorrectionError(tr_app("app.writeback", "El almacén de trabajo rechazó el cambio; no "
                                  "se guardó nada."), "store_refused")


@contextmanager
def _guarded() -> Iterator[None]:
    """Store errors raised inside a write become Spanish CorrectionErrors."""
    try:
        yield
    except (IntegrityError, StaleDataError, OperationalError) as exc:
        raise _translate(exc) from None


def _insert(session: Session, actor: str, at: datetime, *, kind: str, entity: Entity,
            system: System, source_id: str, field: str, old: Any, new: Any,
            payload: Mapping[str, Any], reverts: str | None = None,
            workspace: str | None = None) -> CorrectionRow:
    """A new row, «proposed» by ``actor`` (its first author)."""
    text, digest = _sealed(payload)
    row = CorrectionRow(
        id=str(uuid.uuid4()), kind=kind, reverts=reverts, workspace=workspace,
        entity=entity.value, target_system=system.value, source_id=source_id, field=field,
        old_value=audit_value(old), new_value=audit_value(new), payload=text,
        payload_hash=digest, state=CorrectionState.PROPOSED, proposer=actor, created_at=at,
        updated_at=at)
    session.add(row)
    session.flush()
    session.add(CorrectionAuthor(correction_id=row.id, login=actor))
    return row


def propose(store: Store, actor: str, *, entity: Entity | str, system: System | str,
            source_id: str, field: str, old: Any, new: Any, workspace: str | None = None,
            comment: str | None = None) -> CorrectionView:
    """A new correction, «proposed»: ``field`` of ``source_id`` from ``old`` (as read) to
    ``new``."""
    entity, system = Entity(entity), System(system)
    source_id = str(source_id)
    if field not in COLUMNS.get(entity, ()) or field in ("source_id", "updated_at"):
        raise CorrectionError(tr_app("app.writeback", "«{field}» no es un campo corregible de "
                                     "{entity}.").format(field=field, entity=entity.value),
                              "unknown_field")
    if old == new:
        raise CorrectionError(tr_app("app.writeback", "El valor nuevo es igual al actual: no hay "
                                     "nada que corregir."), "no_change")
    return propose_payload(store, actor, kind="field", entity=entity, system=system,
                           source_id=source_id, field=field, old=old, new=new,
                           payload=_payload(entity, system, source_id, field, old, new),
                           workspace=workspace, comment=comment)


def propose_payload(store: Store, actor: str, *, kind: str, entity: Entity | str,
                    system: System | str, source_id: str, field: str, old: Any, new: Any,
                    payload: Mapping[str, Any], reverts: str | None = None,
                    workspace: str | None = None, comment: str | None = None,
                    action: str = "propose",
                    guard: Callable[[Session], None] | None = None) -> CorrectionView:
    """A new correction, «proposed», carrying ``payload`` (a field's, or one the caller built:
    a merge, ``app.writeback.merging``; a creation, ``app.writeback.followups``).
    ``old``/``new`` are what the queue and the audit trail show; ``guard`` runs inside the
    write transaction and refuses by raising."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        require(session, actor, Role.PROPOSER,
                mark_app("app.writeback", "proponer correcciones"))
        if guard is not None:
            guard(session)
        row = _insert(session, actor, now, kind=kind, entity=Entity(entity),
                      system=System(system), source_id=str(source_id), field=field, old=old,
                      new=new, payload=payload, reverts=reverts, workspace=workspace)
        _audit(session, row, actor, action, _comment(session, row, actor, "propose", comment, now),
               now)
        return _view(row)


def _edited(row: CorrectionRow, new: Any) -> tuple[str, str, str | None]:
    """(payload, its hash, the new value as the trail shows it) after an edit: a field's new
    value, or — for a merge — its whole new payload (same survivor, chosen again)."""
    if row.kind == "merge":
        if not isinstance(new, Mapping) or new.get("kind") != "merge" \
                or new.get("source_id") != row.source_id:
            raise CorrectionError(tr_app("app.writeback", "Una fusión se edita eligiendo de nuevo "
                                         "sus valores en el diálogo de fusión."), "not_a_field")
        text = encode_payload(new)
        if text == row.payload:
            raise CorrectionError(tr_app("app.writeback", "La fusión quedó igual: no hay nada "
                                         "que cambiar."), "no_change")
        return text, sha256_hex(text), row.new_value
    current = decode_payload(row.payload)
    old_value = current["expected"].get(row.field)
    if new == old_value:
        raise CorrectionError(tr_app("app.writeback", "El valor nuevo es igual al actual: no hay "
                                     "nada que corregir."), "no_change")
    text, digest = _sealed(_with_value(row, current, old_value, new))
    return text, digest, audit_value(new)


def _with_value(row: CorrectionRow, payload: Mapping[str, Any], old: Any,
                new: Any) -> dict[str, Any]:
    """A field correction's payload with a new value (and precondition ``old``); a creation
    keeps the rest of the new record as proposed."""
    if is_creation(payload):
        return {**payload, "changes": {**payload["changes"], row.field: new}}
    if len(payload.get("changes") or {}) > 1:  # a reservation: its other fields stay
        return {**payload, "changes": {**payload["changes"], row.field: new},
                "expected": {**payload["expected"], row.field: old}}
    return _payload(Entity(row.entity), System(row.target_system), row.source_id, row.field,
                    old, new)


def _reopen(session: Session, row: CorrectionRow, actor: str, at: datetime) -> None:
    """Back to «proposed» with its payload rewritten by ``actor``: any approval (and its key)
    voided, ``actor`` one of its authors — so never its approver."""
    row.state, row.approver, row.approved_hash = CorrectionState.PROPOSED, None, None
    row.idempotency_key = row.approval_signature = None
    row.decided_by, row.decided_at = None, None
    row.last_editor, row.updated_at = actor, at
    session.flush()
    if session.get(CorrectionAuthor, (row.id, actor)) is None:
        session.add(CorrectionAuthor(correction_id=row.id, login=actor))


def edit(store: Store, actor: str, correction_id: str, *, new: Any, comment: str | None = None,
         expected_version: int | None = None) -> CorrectionView:
    """Change the new value. An approved correction loses its approval (back to «proposed»,
    a new approval needed); the editor becomes one of its authors and cannot approve it."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        require(session, actor, Role.PROPOSER,
                mark_app("app.writeback", "editar correcciones"))
        row = _load(session, correction_id)
        _check_version(row, expected_version)
        _check_state(row, EDITABLE, mark_app("app.writeback", "editarla"))
        payload, digest, new_value = _edited(row, new)
        voided = row.state == CorrectionState.APPROVED
        previous_new = row.new_value
        row.payload, row.payload_hash, row.new_value = payload, digest, new_value
        _reopen(session, row, actor, now)
        text = _comment(session, row, actor, "edit", comment, now)
        _audit(session, row, actor, "edit_voids_approval" if voided else "edit", text, now,
               old=previous_new, new=row.new_value)
        session.flush()
        return _view(row)


def approve(store: Store, actor: str, correction_id: str, *, comment: str | None = None,
            expected_version: int | None = None) -> CorrectionView:
    """Approve: freezes the payload (its hash) and creates the idempotency key the push will
    send on every attempt. Only an approver who did not write the payload."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        require(session, actor, Role.APPROVER,
                mark_app("app.writeback", "aprobar correcciones"))
        row = _load(session, correction_id)
        _check_version(row, expected_version)
        _check_state(row, OPEN, mark_app("app.writeback", "aprobarla"))
        authors = set(session.scalars(select(CorrectionAuthor.login).where(
            CorrectionAuthor.correction_id == row.id)))
        if actor == row.proposer or actor in authors:
            raise NotAllowed(tr_app("app.writeback", "Quien propone o edita una corrección no "
                                    "puede aprobarla: debe aprobarla otra persona."),
                             "maker_checker")
        if sha256_hex(row.payload) != row.payload_hash:
            raise InvalidState(tr_app("app.writeback", "El contenido de la corrección no coincide "
                                      "con su huella: no se puede aprobar."), "payload_tampered")
        key, token = private_key(session, actor), secrets.token_hex(16)  # refused: no key
        row.state, row.approver = CorrectionState.APPROVED, actor
        row.approved_hash, row.idempotency_key = row.payload_hash, token
        row.approval_signature = signing.sign(key, signing.approval_message(
            row.id, row.payload_hash, token, actor)) if key is not None else None
        row.decided_by, row.decided_at, row.updated_at = actor, now, now
        session.flush()
        text = _comment(session, row, actor, "approve", comment, now)
        _audit(session, row, actor, "approve", text, now)
        return _view(row)


def _decide(store: Store, actor: str, correction_id: str, state: CorrectionState,
            action: str, comment: str | None, expected_version: int | None, role: Role | None,
            doing: str, allowed: Sequence[CorrectionState]) -> CorrectionView:
    """Move an open correction to ``state`` (``role``: who may; None: anyone who works on
    corrections, not an auditor)."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        if role is not None:
            require(session, actor, role, doing)
        elif not roles(session, actor) & WORKERS:
            raise NotAllowed(tr_app("app.writeback", "«{login}» solo puede consultar: no puede "
                                    "{doing}.").format(login=actor,
                                                       doing=tr_marked("app.writeback", doing)))
        row = _load(session, correction_id)
        _check_version(row, expected_version)
        _check_state(row, allowed, doing)
        row.state, row.decided_by, row.decided_at, row.updated_at = state, actor, now, now
        session.flush()
        text = _comment(session, row, actor, action, comment, now)
        _audit(session, row, actor, action, text, now)
        return _view(row)


def reject(store: Store, actor: str, correction_id: str, *, comment: str | None = None,
           expected_version: int | None = None) -> CorrectionView:
    """Reject a proposal, or give up on a correction the push left «en conflicto» or
    «fallida» (approvers only; a reason in ``comment`` is good practice)."""
    return _decide(store, actor, correction_id, CorrectionState.REJECTED, "reject", comment,
                   expected_version, Role.APPROVER, mark_app("app.writeback", "rechazarla"),
                   (*OPEN, *UNAPPLIED))


def defer(store: Store, actor: str, correction_id: str, *, comment: str | None = None,
          expected_version: int | None = None) -> CorrectionView:
    """Put a proposal aside for later (proposers and approvers; it stays open)."""
    return _decide(store, actor, correction_id, CorrectionState.DEFERRED, "defer", comment,
                   expected_version, None, mark_app("app.writeback", "aplazarla"),
                   (CorrectionState.PROPOSED,))


def _latest_row(session: Session, correction_id: str) -> OutboxRow | None:
    """The correction's newest outbox row (one per approval). Not locked: a row that ended is
    never changed again, and locking it here would take locks in the push's opposite order."""
    return session.scalars(select(OutboxRow).where(OutboxRow.correction_id == correction_id)
                           .order_by(OutboxRow.id.desc()).limit(1)).one_or_none()


def _system_refused(session: Session, row: CorrectionRow) -> OutboxRow | None:
    """The outbox row of a correction the system refused («rechazada» by the push, not by a
    person), or None."""
    if row.state != CorrectionState.REJECTED:
        return None
    latest = _latest_row(session, row.id)
    return latest if latest is not None and latest.state == OutboxState.REJECTED \
        and latest.idempotency_key == row.idempotency_key else None


def redecide(store: Store, actor: str, correction_id: str, *, new: Any = None,
             comment: str | None = None, expected_version: int | None = None) -> CorrectionView:
    """Send a correction the push could not apply back to the queue, «proposed».

    From «en conflicto»: the precondition becomes the value the system holds (what the push
    found), and the new value is kept (or ``new``). From «fallida» or «rechazada por el
    sistema» nothing was written: the precondition stays, the value may change (``new``).
    The approval is voided (a new one creates a new key and a new outbox row); ``actor``
    becomes an author and cannot approve it. Proposers only."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        require(session, actor, Role.PROPOSER,
                mark_app("app.writeback", "decidir de nuevo correcciones"))
        row = _load(session, correction_id)
        _check_version(row, expected_version)
        if row.kind != "field":
            raise InvalidState(tr_app("app.writeback", "Una fusión que no se aplicó se decide de "
                                      "nuevo desde las fusiones, no aquí."), "not_a_field")
        refused = row.state == CorrectionState.REJECTED
        if refused and _system_refused(session, row) is None:
            raise InvalidState(tr_app("app.writeback", "No se puede decidir de nuevo: la rechazó "
                                      "«{login}»; proponga una corrección nueva.").format(
                login=row.decided_by))
        if not refused:
            _check_state(row, UNAPPLIED, mark_app("app.writeback", "decidirla de nuevo"))
        conflict = row.state == CorrectionState.CONFLICT
        payload = decode_payload(row.payload)
        expected = payload["expected"].get(row.field)
        if is_creation(payload) and conflict:
            raise InvalidState(tr_app("app.writeback", "El registro ya existe en el sistema con "
                                      "otros valores: no se vuelve a crear; recházela o "
                                      "corrija el que existe."), "already_exists")
        if conflict:
            latest = _latest_row(session, row.id)
            if latest is None or latest.state != OutboxState.CONFLICT or latest.found is None:
                raise InvalidState(tr_app("app.writeback", "El envío no trajo el valor que tiene "
                                          "el sistema (el registro ya no existe o no se pudo "
                                          "leer): no se puede partir de él; recházela o "
                                          "proponga una corrección nueva."), "no_found")
            expected = from_json_value(row.field, read_audit_value(latest.found))
        wanted = payload["changes"].get(row.field) if new is None else new
        if wanted == expected:
            raise CorrectionError(tr_app("app.writeback", "El sistema ya tiene el valor "
                                         "propuesto: no hay nada que corregir."), "no_change")
        why = ("en conflicto: parte del valor que tiene el sistema" if conflict
               else outbox_state_word(row.state))
        row.payload, row.payload_hash = _sealed(_with_value(row, payload, expected, wanted))
        row.old_value, row.new_value = audit_value(expected), audit_value(wanted)
        _reopen(session, row, actor, now)
        note = _comment(session, row, actor, "redecide", comment, now)
        _audit(session, row, actor, "redecide",
               f"Vuelve a la cola ({why})." + (f" {note}" if note else ""), now)
        session.flush()
        return _view(row)


def undo(store: Store, actor: str, correction_id: str, *,
         comment: str | None = None) -> CorrectionView:
    """A new correction, «proposed», that reverts an applied one: from the value applied
    back to its pre-image (the value the compare-and-set checked just before the write).

    It goes through approval like any other (``actor`` is its proposer and cannot approve
    it). Refused unless the original is applied, or while another undo of it is open or
    applied. An undo can be undone. Proposers only."""
    actor = normalize_login(actor)
    now = utc_now()
    with _guarded(), store.write() as session:
        require(session, actor, Role.PROPOSER,
                mark_app("app.writeback", "deshacer correcciones"))
        original = _load(session, correction_id)
        if original.kind != "field":
            raise InvalidState(tr_app("app.writeback", "Una fusión se deshace desde las "
                                      "fusiones, no aquí."), "not_a_field")
        if original.state != CorrectionState.APPLIED:
            raise InvalidState(tr_app("app.writeback", "Solo se deshace una corrección aplicada; "
                                      "esta está {state}.").format(
                state=_state(original.state)), "not_applied")
        applied = _latest_row(session, original.id)
        if applied is None or applied.state != OutboxState.APPLIED:
            raise InvalidState(tr_app("app.writeback", "No se encuentra el envío que aplicó la "
                                      "corrección: no hay valor anterior al que volver."),
                               "no_pre_image")
        others = session.scalars(select(CorrectionRow.id).where(
            CorrectionRow.reverts == original.id,
            CorrectionRow.state != CorrectionState.REJECTED)).first()
        if others is not None:
            raise InvalidState(tr_app("app.writeback", "Ya hay una corrección que la deshace "
                                      "(pendiente o aplicada): decídala a ella."),
                               "already_undone")
        entity, system = Entity(original.entity), System(original.target_system)
        field = original.field
        before: Any
        after: Any
        payload = _undo_payload(entity, system, original, applied)
        field = original.field if original.field in payload["changes"] else next(
            iter(payload["changes"]))
        after, before = payload["expected"].get(field), payload["changes"].get(field)
        row = _insert(session, actor, now, kind="field", entity=entity, system=system,
                      source_id=original.source_id, field=field, old=after, new=before,
                      payload=payload, reverts=original.id, workspace=original.workspace)
        note = _comment(session, row, actor, "propose_undo", comment, now)
        _audit(session, row, actor, "propose_undo",
               f"Deshace la corrección {original.id}." + (f" {note}" if note else ""), now)
        return _view(row)


def _undo_payload(entity: Entity, system: System, original: CorrectionRow,
                  applied: OutboxRow) -> dict[str, Any]:
    """What undoes an applied correction. A record Cuadre created is not deleted: a
    follow-up is cancelled, a customer stops being one (the CRM keeps the contact as a lead,
    the ERP archives the party where it allows it). A correction of several fields (a
    reservation) goes back whole: the ERP cancels the order and releases the unit."""
    sid = original.source_id
    if is_creation(decode_payload(original.payload)):
        field, after, before = (("is_customer", True, False) if entity is Entity.CUSTOMERS
                                else ("status", "open", "cancelled"))
        return _payload(entity, system, sid, field, after, before)
    expected, changes = decode_payload(applied.expected), decode_payload(applied.changes)
    if len(changes) > 1:
        return {"entity": entity.value, "system": system.value, "source_id": sid,
                "changes": {k: expected.get(k) for k in changes}, "expected": dict(changes)}
    return _payload(entity, system, sid, original.field, changes.get(original.field),
                    expected.get(original.field))


def get(store: Store, correction_id: str) -> CorrectionView:
    with store.read() as session:
        row = session.get(CorrectionRow, correction_id)
        if row is None:
            raise NotFound(tr_app("app.writeback", "No existe la corrección {id}.").format(
                id=correction_id))
        return _view(row)


def listing(store: Store, *, state: str | None = None,
            workspace: str | None = None) -> list[CorrectionView]:
    with store.read() as session:
        query = select(CorrectionRow).order_by(CorrectionRow.created_at, CorrectionRow.id)
        if state is not None:
            query = query.where(CorrectionRow.state == state)
        if workspace is not None:
            query = query.where(CorrectionRow.workspace == workspace)
        return [_view(r) for r in session.scalars(query)]


def comments(store: Store, correction_id: str) -> list[tuple[datetime, str, str, str]]:
    """(when, who, on which action, text) for every comment, oldest first."""
    with store.read() as session:
        rows = session.scalars(select(CorrectionComment).where(
            CorrectionComment.correction_id == correction_id).order_by(CorrectionComment.id))
        return [(r.at, r.author, r.action, r.text) for r in rows]
