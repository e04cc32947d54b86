"""The audit trail as a person reads it: filtered by person, record, dates and outcome.

:class:`AuditFilter` says what to keep; :func:`conditions` turns it into SQL (the export uses
the same conditions, so "Exportar…" writes exactly the rows on screen); :func:`rows` reads
the matching rows as :class:`AuditEntry`, in trail order. Dates are whole days in the user's
zone (:func:`app.domain.moments.user_zone`, the zone every time on screen is shown in; or one
given), compared with the UTC instants the trail stores: the stored ``at`` is fixed-width ISO
text, so text order is time order. Action codes have Spanish names
here, outcomes (the correction loop's states) theirs in ``app.domain.labels``, for whoever
shows them. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from app.domain.labels import ROLE_LABELS, state_label
from app.domain.moments import local_time, user_zone
from app.store.db import Store
from app.store.models import AUDIT_FIELDS, AuditRow
from app.store.values import iso_utc, read_audit_value

#: What each audit action means, in Spanish (an unknown code is shown as is).
ACTION_NAMES: dict[str, str] = {
    "propose": "Propuesta", "edit": "Editada", "edit_voids_approval": "Editada (anula la aprobación)",
    "approve": "Aprobada", "reject": "Rechazada", "defer": "Aplazada",
    "redecide": "Vuelve a decisión", "propose_undo": "Propuesta para deshacer",
    "propose_followup": "Seguimiento propuesto",
    "push_enqueue": "En cola para enviar", "push_attempt": "Envío intentado",
    "push_applied": "Aplicada en el sistema", "push_conflict": "Conflicto con el sistema",
    "push_rejected": "Rechazada por el sistema", "push_failed": "Envío fallido",
    "push_unknown": "Resultado desconocido", "push_retry": "Reintento programado",
    "push_requeue": "Vuelve a la cola", "push_refused": "No enviada (contenido alterado)",
    "push_merge": "Fusión enviada", "person_added": "Persona registrada",
    "reconcile": "Conciliación guardada", "store_migrated": "Almacén actualizado",
    "findings_tracked": "Hallazgos al día", "finding_assigned": "Hallazgo asignado",
    "finding_explained": "Hallazgo explicado", "finding_reopened": "Hallazgo reabierto",
    "finding_matched": "Conciliado a mano", "finding_unmatched": "Conciliación a mano deshecha",
    "match_lapsed": "Conciliación a mano caducada", "period_certified": "Periodo certificado",
    "period_signed": "Periodo firmado", "period_reopened": "Periodo reabierto",
}


def action_name(code: str | None) -> str:
    return "" if code is None else ACTION_NAMES.get(code, code)


def outcome_name(code: str | None) -> str:
    """A row's outcome (a correction's or outbox row's state) in Spanish."""
    return "" if code is None else state_label(code)


def value_words(action: str | None, value: Any) -> Any:
    """A stored value in words where it holds codes: the roles a person was registered with
    («admin,proposer» → «propone, administra», in the loop's order, as ``people list`` shows
    them); any other value as it is."""
    if action == "person_added" and isinstance(value, str):
        given = [role for role in value.split(",") if role]
        known = [word for role, word in ROLE_LABELS.items() if role in given]  # the loop's order
        return ", ".join(known + [role for role in given if role not in ROLE_LABELS])
    return value


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which rows to keep; an empty field keeps everything.

    ``person``: a login that did the action, proposed or approved it. ``record``: text found
    in the record's id (case ignored), or a whole correction id or idempotency key.
    ``since``/``until``: whole days, both included, in ``zone`` (default: the user's,
    :func:`app.domain.moments.user_zone`).
    ``outcome``: a state code (``applied``, ``conflict``…)."""

    person: str | None = None
    record: str | None = None
    since: date | None = None
    until: date | None = None
    outcome: str | None = None
    zone: tzinfo | None = None

    def is_empty(self) -> bool:
        return not (self.person or (self.record or "").strip() or self.since or self.until
                    or self.outcome)


def _start_of(day: date, zone: tzinfo | None) -> str:
    return iso_utc(datetime.combine(day, time.min, zone or user_zone()))


def conditions(audit_filter: AuditFilter | None) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``audit_filter`` over ``audit_log``."""
    f = audit_filter or AuditFilter()
    out: list[ColumnElement[bool]] = []
    if f.person:
        out.append(or_(AuditRow.actor == f.person, AuditRow.proposer == f.person,
                       AuditRow.approver == f.person))
    text = (f.record or "").strip()
    if text:
        out.append(or_(AuditRow.record.icontains(text, autoescape=True),
                       AuditRow.correction_id == text, AuditRow.idempotency_key == text))
    if f.since is not None:
        out.append(AuditRow.at >= _start_of(f.since, f.zone))
    if f.until is not None:
        out.append(AuditRow.at < _start_of(f.until + timedelta(days=1), f.zone))
    if f.outcome:
        out.append(AuditRow.outcome == f.outcome)
    return out


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit row as read: every column as stored (``old``/``new`` are JSON literals; see
    :meth:`old_value`), ``at`` as a zone-aware UTC datetime."""

    seq: int
    at: datetime
    actor: str
    action: str
    system: str | None
    entity: str | None
    record: str | None
    field: str | None
    old: str | None
    new: str | None
    proposer: str | None
    approver: str | None
    comment: str | None
    outcome: str | None
    idempotency_key: str | None
    correction_id: str | None
    prev_hash: str
    hash: str

    @property
    def old_value(self) -> Any:
        return read_audit_value(self.old)

    @property
    def new_value(self) -> Any:
        return read_audit_value(self.new)

    @property
    def action_name(self) -> str:
        return action_name(self.action)

    @property
    def outcome_name(self) -> str:
        return outcome_name(self.outcome)

    def local_time(self, zone: tzinfo | None = None) -> datetime:
        """``at`` in ``zone`` (default: the user's, :func:`app.domain.moments.user_zone`)."""
        return local_time(self.at, zone)


_NAMES = tuple(f.name for f in fields(AuditEntry))
assert _NAMES == (*AUDIT_FIELDS, "hash")


def _entry(values: tuple[Any, ...]) -> AuditEntry:
    data = dict(zip(_NAMES, values, strict=True))
    moment = datetime.fromisoformat(data["at"])
    data["at"] = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return AuditEntry(**data)


def rows(store: Store, audit_filter: AuditFilter | None = None, *,
         limit: int | None = None) -> list[AuditEntry]:
    """The rows ``audit_filter`` keeps, in trail order (the last ``limit`` when given)."""
    columns = [getattr(AuditRow, name) for name in _NAMES]
    query = select(*columns).where(*conditions(audit_filter))
    if limit is not None:
        query = query.order_by(AuditRow.seq.desc()).limit(limit)
    else:
        query = query.order_by(AuditRow.seq)
    with store.read() as session, session.begin():
        found = [_entry(tuple(r)) for r in session.execute(query)]
    if limit is not None:
        found.reverse()
    return found


def rows_about(store: Store, *, correction_ids: Iterable[str] = (),
               records: Iterable[str] = ()) -> list[AuditEntry]:
    """The rows of any of ``correction_ids`` or about any of ``records`` (record ids of any
    system: the caller tells systems apart by ``system``/``entity``), in trail order."""
    ids, names = sorted(set(correction_ids)), sorted(set(records))
    if not ids and not names:
        return []
    columns = [getattr(AuditRow, name) for name in _NAMES]
    found: dict[int, AuditEntry] = {}
    with store.read() as session, session.begin():
        # In chunks: a person with many records must not exceed the database's parameters.
        for column, values in ((AuditRow.correction_id, ids), (AuditRow.record, names)):
            for start in range(0, len(values), 500):
                query = select(*columns).where(column.in_(values[start:start + 500]))
                for r in session.execute(query):
                    entry = _entry(tuple(r))
                    found[entry.seq] = entry
    return [found[seq] for seq in sorted(found)]


def people(store: Store) -> list[str]:
    """Everyone the trail names as actor, proposer or approver, sorted."""
    names: set[str] = set()
    with store.read() as session, session.begin():
        for column in (AuditRow.actor, AuditRow.proposer, AuditRow.approver):
            names.update(v for v in session.scalars(select(column).distinct()) if v)
    return sorted(names)


def outcomes(store: Store) -> list[str]:
    """The outcome codes the trail holds, sorted."""
    with store.read() as session, session.begin():
        return sorted(v for v in session.scalars(select(AuditRow.outcome).distinct()) if v)
