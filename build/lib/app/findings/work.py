"""What people do with a finding: give it to someone, explain it, open it again.

Each is one transaction with its audit row (action ``finding_assigned``, ``finding_explained``
or ``finding_reopened``; the record is the finding's id), by a person who works on the
workspace (proposes, approves or administers), on a finding still alive (not resolved) whose
period is not closed. ``version``, when given, is the version the person saw: if someone
changed the finding since, nothing is overwritten (:class:`ConcurrentChange`).

- assign: to an active person who works on the workspace; an open finding becomes assigned
  (an explained one stays explained, with its new owner).
- explain: a reason from :class:`~app.findings.states.Reason` and a comment (both required).
- reopen: an explained or assigned finding back to open (keeping its owner: then assigned);
  a finding matched by hand is undone with ``unmatch`` instead.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app
from app.findings.errors import ConcurrentChange, FindingError, InvalidState, NotFound
from app.findings.people import WORKERS, normalize, require, roles
from app.findings.periods import refuse_if_closed
from app.findings.states import Reason, Track
from app.findings.views import FindingView, views_of
from app.store.chain import append as audit
from app.store.db import Store
from app.store.models import FindingRow
from app.store.values import utc_now


def assign(store: Store, actor: str, workspace: str, finding_id: str, to: str,
           comment: str | None = None, version: int | None = None) -> FindingView:
    login, owner = normalize(actor), normalize(to)
    with store.write() as session:
        require(session, login, WORKERS, mark_app("app.findings", "asignar hallazgos"))
        if not roles(session, owner) & WORKERS:
            raise FindingError(tr_app("app.findings", "«{login}» no está registrado con un rol "
                                      "para trabajar hallazgos (propone, aprueba o "
                                      "administra).").format(login=owner), "unknown_person")
        row = _alive(session, workspace, finding_id, version)
        before = row.assignee
        row.assignee = owner
        if row.state == Track.OPEN:
            row.state = Track.ASSIGNED.value
        return _done(session, row, login, "finding_assigned", before, owner, comment)


def explain(store: Store, actor: str, workspace: str, finding_id: str, reason: Reason | str,
            comment: str, version: int | None = None) -> FindingView:
    login = normalize(actor)
    try:
        why = Reason(reason)
    except ValueError:
        raise FindingError(tr_app("app.findings", "Motivo desconocido «{reason}».").format(
            reason=reason), "unknown_reason") from None
    text = (comment or "").strip()
    if not text:
        raise FindingError(tr_app("app.findings", "Una explicación lleva un comentario "
                                  "(--comment)."), "missing_comment")
    with store.write() as session:
        require(session, login, WORKERS, mark_app("app.findings", "explicar hallazgos"))
        row = _alive(session, workspace, finding_id, version)
        if row.state == Track.MATCHED:
            raise InvalidState(tr_app("app.findings", "El hallazgo está conciliado a mano: "
                                      "deshaga la conciliación antes de explicarlo."), "matched")
        before = row.reason
        row.state, row.reason, row.comment = Track.EXPLAINED.value, why.value, text
        return _done(session, row, login, "finding_explained", before, why.value, text)


def reopen(store: Store, actor: str, workspace: str, finding_id: str,
           comment: str | None = None, version: int | None = None) -> FindingView:
    login = normalize(actor)
    with store.write() as session:
        require(session, login, WORKERS, mark_app("app.findings", "reabrir hallazgos"))
        row = _alive(session, workspace, finding_id, version)
        if row.state == Track.MATCHED:
            raise InvalidState(tr_app("app.findings", "El hallazgo está conciliado a mano: se "
                                      "reabre deshaciendo la conciliación (unmatch)."), "matched")
        if row.state == Track.OPEN:
            raise InvalidState(tr_app("app.findings", "El hallazgo ya está abierto."),
                               "invalid_state")
        before = row.state
        row.state = (Track.ASSIGNED if row.assignee else Track.OPEN).value
        row.reason = row.comment = None
        return _done(session, row, login, "finding_reopened", before, row.state, comment)


def _alive(session: Session, workspace: str, finding_id: str, version: int | None
           ) -> FindingRow:
    """The finding, locked on PostgreSQL, checked: alive, at ``version``, period open."""
    query = select(FindingRow).where(FindingRow.workspace == workspace,
                                     FindingRow.id == finding_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.scalars(query).first()
    if row is None:
        raise NotFound(tr_app("app.findings", "No hay ningún hallazgo con el id «{id}» en "
                              "«{workspace}».").format(id=finding_id, workspace=workspace))
    if version is not None and row.version != version:
        raise ConcurrentChange(tr_app("app.findings", "Otra persona cambió este hallazgo "
                                      "mientras tanto: vuelva a leerlo."))
    if row.resolved_at is not None:
        raise InvalidState(tr_app("app.findings", "El hallazgo ya no aparece en la última "
                                  "conciliación (resuelto): no hay nada que hacer con él."),
                           "resolved")
    refuse_if_closed(session, workspace, views_of(session, [row]))
    return row


def _done(session: Session, row: FindingRow, login: str, action: str, old: str | None,
          new: str | None, comment: str | None) -> FindingView:
    now = utc_now()
    row.updated_by, row.updated_at = login, now
    session.flush()
    audit(session, actor=login, action=action, entity=row.entity, record=row.id,
          field=row.field, old=None if old is None else json.dumps(old),
          new=None if new is None else json.dumps(new),
          comment=(comment or "").strip() or None, at=now)
    return views_of(session, [row])[0]
