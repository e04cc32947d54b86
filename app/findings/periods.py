"""Closing a period (cierre): a month × branch × entity of a workspace, certified by a person
who proposes once every finding in it is settled, and signed off by a different person who
approves (maker-checker: the service refuses the same person, and so does a CHECK).

A finding belongs to a period by its entity, its branch (every branch when the period names
none) and its month: a payment's date, else the day it was first seen (Bogotá). A period is
certified on the latest saved run that reconciled its entity, which must have been saved after
the month ended; it is settled when each of its findings is explained, corrected (a correction
approved or sent), matched by hand or resolved (:data:`~app.findings.states.SETTLED`).

The certificate (:class:`Certificate`) records that run, the findings with their state and
pesos, the counts and pesos per state, both people, the times, and the audit head right after
each step's audit row («N:HASH», what ``cuadre audit verify --anchor`` takes); its body is
hashed and the hash is in the audit row, so the chain covers it. Sign-off is refused when a
finding of the period is no longer settled. Reopening (by who approves or administers, with a
comment) keeps the certificate as history and is audited; while a period is certified or
signed, its findings cannot be assigned, explained, reopened, matched or unmatched.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import ENTITY_LABELS
from app.domain.schema import RECONCILED, Entity
from app.domain.values import fold, format_cop, in_bogota, money_str
from app.findings.errors import FindingError, InvalidState, NotFound, NotPermitted
from app.findings.people import CERTIFIERS, REOPENERS, SIGNERS, normalize, require
from app.findings.states import SETTLED, FindingState
from app.findings.views import FindingView, views_of
from app.security import signing
from app.store.chain import append as audit
from app.store.chain import private_key
from app.store.db import Store
from app.store.models import FindingRow, PeriodRow, RunRow
from app.store.values import canonical_json, sha256_hex, utc_now

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
LIVE = ("certified", "signed")


@dataclass(frozen=True, slots=True)
class Period:
    """A month («2026-11»), an entity and a branch ("" for every branch)."""

    month: str
    entity: Entity
    branch: str = ""

    def holds(self, f: FindingView) -> bool:
        return (f.entity is self.entity and f.month == self.month
                and (not self.branch or fold(f.branch or "") == fold(self.branch)))

    def words(self) -> str:
        """«Pagos 2026-11, todas las sedes» (in the current language)."""
        where = self.branch or tr_app("app.findings", "todas las sedes")
        return f"{tr_marked('labels', ENTITY_LABELS[self.entity])} {self.month}, {where}"

    def end(self) -> date:
        """The month's last day."""
        year, month = int(self.month[:4]), int(self.month[5:])
        first_next = date(year + month // 12, month % 12 + 1, 1)
        return first_next - timedelta(days=1)


def period(month: str, entity: Entity | str, branch: str | None = None) -> Period:
    """A period from what a person typed; refused (``bad_period``) when the month is not
    «AAAA-MM» or the entity is not reconciled."""
    text = (month or "").strip()
    if not _MONTH.match(text):
        raise FindingError(tr_app("app.findings", "El mes «{month}» no es válido: escríbalo "
                                  "como AAAA-MM (2026-11).").format(month=text), "bad_period")
    try:
        chosen = Entity(entity)
    except ValueError:
        chosen = None
    if chosen not in RECONCILED:
        raise FindingError(tr_app("app.findings", "«{entity}» no es una entidad conciliada "
                                  "(customers, payments, vehicles).").format(entity=entity),
                           "bad_period")
    assert chosen is not None
    return Period(text, chosen, (branch or "").strip())


@dataclass(frozen=True, slots=True)
class Certificate:
    """One certification of a period, as stored (the live one, or history)."""

    id: str
    workspace: str
    period: Period
    state: str  # certified | signed | reopened
    run_id: str
    body: Mapping[str, Any]
    body_hash: str
    certified_by: str
    certified_at: datetime
    certified_anchor: str
    comment: str | None
    signed_by: str | None
    signed_at: datetime | None
    signed_anchor: str | None
    reopened_by: str | None
    reopened_at: datetime | None
    reopen_comment: str | None

    @property
    def total(self) -> int:
        return int(self.body["total"])

    @property
    def at_stake(self) -> Decimal:
        return Decimal(self.body["at_stake"])

    def counts(self) -> dict[str, int]:
        """Findings per state (codes) in the period when it was certified."""
        return {k: int(v) for k, v in self.body["counts"].items()}

    def pesos(self) -> dict[str, Decimal]:
        return {k: Decimal(v) for k, v in self.body["pesos"].items()}

    def to_json(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.isoformat()

        return {
            "id": self.id, "workspace": self.workspace, "month": self.period.month,
            "entity": self.period.entity.value, "branch": self.period.branch or None,
            "state": self.state, "run": self.run_id, "total": self.total,
            "at_stake": money_str(self.at_stake), "counts": self.counts(),
            "pesos": {k: money_str(v) for k, v in self.pesos().items()},
            "findings": self.body["findings"], "certificate_hash": self.body_hash,
            "certified_by": self.certified_by, "certified_at": iso(self.certified_at),
            "certified_anchor": self.certified_anchor, "comment": self.comment,
            "signed_by": self.signed_by, "signed_at": iso(self.signed_at),
            "signed_anchor": self.signed_anchor, "reopened_by": self.reopened_by,
            "reopened_at": iso(self.reopened_at), "reopen_comment": self.reopen_comment,
        }


def _certificate(row: PeriodRow) -> Certificate:
    return Certificate(
        row.id, row.workspace, Period(row.month, Entity(row.entity), row.branch), row.state,
        row.run_id, json.loads(row.certificate), row.certificate_hash, row.certified_by,
        row.certified_at, row.certified_anchor, row.comment, row.signed_by, row.signed_at,
        row.signed_anchor, row.reopened_by, row.reopened_at, row.reopen_comment)


# --- reading -------------------------------------------------------------------------------


def periods(store: Store, workspace: str | None = None) -> list[Certificate]:
    """Every certification (live and reopened) of ``workspace`` (all when None), newest first."""
    with store.read() as session:
        query = select(PeriodRow).order_by(PeriodRow.certified_at.desc(), PeriodRow.id)
        if workspace is not None:
            query = query.where(PeriodRow.workspace == workspace)
        return [_certificate(r) for r in session.scalars(query)]


def certificate(store: Store, workspace: str, month: str, entity: Entity | str,
                branch: str | None = None) -> Certificate | None:
    """The live certificate (certified or signed) of a period, or None: what the PDF carries."""
    wanted = period(month, entity, branch)
    with store.read() as session:
        row = _live(session, workspace, wanted)
        return None if row is None else _certificate(row)


def get_certificate(store: Store, certificate_id: str) -> Certificate:
    with store.read() as session:
        row = session.get(PeriodRow, certificate_id)
        if row is None:
            raise NotFound(tr_app("app.findings", "No hay ningún cierre con el id «{id}».").format(
                id=certificate_id))
        return _certificate(row)


def closing_of(session: Session, workspace: str, views: Iterable[FindingView]
               ) -> Certificate | None:
    """The live certificate of a period holding any of ``views`` (their period is closed), or
    None."""
    rows = session.scalars(select(PeriodRow).where(
        PeriodRow.workspace == workspace, PeriodRow.state.in_(LIVE))).all()
    for row in rows:
        closed = _certificate(row)
        if any(closed.period.holds(v) for v in views):
            return closed
    return None


def refuse_if_closed(session: Session, workspace: str, views: Iterable[FindingView]) -> None:
    closed = closing_of(session, workspace, views)
    if closed is not None:
        raise InvalidState(tr_app(
            "app.findings", "El periodo {period} está cerrado (certificado por {login}): "
            "reábralo primero (cuadre period reopen).").format(period=closed.period.words(),
                                                               login=closed.certified_by),
            "period_closed")


def _live(session: Session, workspace: str, wanted: Period) -> PeriodRow | None:
    return session.scalars(select(PeriodRow).where(
        PeriodRow.workspace == workspace, PeriodRow.month == wanted.month,
        PeriodRow.entity == wanted.entity.value, PeriodRow.branch == wanted.branch,
        PeriodRow.state.in_(LIVE))).first()


def members(session: Session, workspace: str, wanted: Period) -> list[FindingView]:
    """The findings of a period, resolved ones included."""
    rows = session.scalars(select(FindingRow).where(
        FindingRow.workspace == workspace, FindingRow.entity == wanted.entity.value)
        .order_by(FindingRow.first_seen_at, FindingRow.id)).all()
    return [v for v in views_of(session, rows) if wanted.holds(v)]


# --- certifying, signing off, reopening -----------------------------------------------------


def certify(store: Store, actor: str, workspace: str, month: str, entity: Entity | str,
            branch: str | None = None, comment: str | None = None, *,
            today: date | None = None) -> Certificate:
    """Certify a period (a person who proposes), once its month has ended, on the latest run
    that reconciled its entity, when every finding of it is settled."""
    login = normalize(actor)
    wanted = period(month, entity, branch)
    today = today or in_bogota(utc_now()).date()
    if wanted.end() >= today:
        raise InvalidState(tr_app("app.findings", "El mes {month} aún no termina: se certifica "
                                  "desde el día siguiente a su cierre.").format(
            month=wanted.month), "month_open")
    with store.write() as session:
        require(session, login, CERTIFIERS, mark_app("app.findings", "certificar un periodo"))
        if _live(session, workspace, wanted) is not None:
            raise InvalidState(tr_app("app.findings", "El periodo {period} ya está "
                                      "certificado.").format(period=wanted.words()),
                               "already_certified")
        run = _run_for(session, workspace, wanted)
        views = members(session, workspace, wanted)
        _require_settled(views, wanted)
        body = _body(workspace, wanted, run.id, views)
        digest = sha256_hex(canonical_json(body))
        now = utc_now()
        row = PeriodRow(id=str(uuid.uuid4()), workspace=workspace, month=wanted.month,
                        branch=wanted.branch, entity=wanted.entity.value, state="certified",
                        run_id=run.id, certificate=canonical_json(body), certificate_hash=digest,
                        certified_by=login, certified_at=now, certified_anchor="",
                        comment=(comment or "").strip() or None)
        session.add(row)
        session.flush()
        mark = audit(session, actor=login, action="period_certified",
                     entity=wanted.entity.value, record=row.id, new=f"sha256:{digest}",
                     comment=_summary(wanted, body, comment), outcome="certified", at=now)
        row.certified_anchor = f"{mark.seq}:{mark.hash}"
        session.flush()
        return _certificate(row)


def signoff(store: Store, actor: str, certificate_id: str, comment: str | None = None
            ) -> Certificate:
    """Sign off a certified period (a person who approves, never who certified it)."""
    login = normalize(actor)
    with store.write() as session:
        require(session, login, SIGNERS, mark_app("app.findings", "firmar el cierre de un periodo"))
        row = _row(session, certificate_id)
        if row.state != "certified":
            raise InvalidState(tr_app("app.findings", "El cierre está {state}: solo se firma uno "
                                      "certificado.").format(
                state=tr_marked("app.findings", _STATE_WORDS[row.state])), "invalid_state")
        if row.certified_by == login:
            raise NotPermitted(tr_app("app.findings", "«{login}» certificó este periodo: lo firma "
                                      "otra persona (maker-checker).").format(login=login))
        closed = _certificate(row)
        loose = [v for v in members(session, row.workspace, closed.period)
                 if v.state not in SETTLED]
        if loose:
            raise InvalidState(tr_app(
                "app.findings", "Desde la certificación, {n} hallazgos de {period} volvieron a "
                "quedar abiertos ({ids}): reabra el cierre y certifíquelo de nuevo.").format(
                n=len(loose), period=closed.period.words(), ids=_some(loose)), "findings_open")
        now = utc_now()
        key = private_key(session, login)  # refused here when the signer's key is not
        row.state, row.signed_by, row.signed_at = "signed", login, now
        if key is not None:
            row.signature = signing.sign(key, signing.signoff_message(
                row.id, row.certificate_hash, row.certified_by, login))
        mark = audit(session, actor=login, action="period_signed", entity=row.entity,
                     record=row.id, new=f"sha256:{row.certificate_hash}",
                     proposer=row.certified_by, approver=login, comment=comment,
                     outcome="signed", at=now)
        row.signed_anchor = f"{mark.seq}:{mark.hash}"
        session.flush()
        return _certificate(row)


def reopen(store: Store, actor: str, certificate_id: str, comment: str) -> Certificate:
    """Reopen a certified or signed period (who approves or administers), saying why."""
    login = normalize(actor)
    why = (comment or "").strip()
    if not why:
        raise FindingError(tr_app("app.findings", "Diga por qué se reabre el periodo "
                                  "(--comment)."), "missing_comment")
    with store.write() as session:
        require(session, login, REOPENERS, mark_app("app.findings", "reabrir un periodo"))
        row = _row(session, certificate_id)
        if row.state not in LIVE:
            raise InvalidState(tr_app("app.findings", "El cierre ya estaba reabierto."),
                               "invalid_state")
        now = utc_now()
        before = row.state
        row.state, row.reopened_by, row.reopened_at, row.reopen_comment = (
            "reopened", login, now, why)
        audit(session, actor=login, action="period_reopened", entity=row.entity, record=row.id,
              old=json.dumps(before), new=json.dumps("reopened"), comment=why,
              outcome="reopened", at=now)
        session.flush()
        return _certificate(row)


_STATE_WORDS = {"certified": mark_app("app.findings", "certificado"),
                "signed": mark_app("app.findings", "firmado"),
                "reopened": mark_app("app.findings", "reabierto")}


def _row(session: Session, certificate_id: str) -> PeriodRow:
    query = select(PeriodRow).where(PeriodRow.id == certificate_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.scalars(query).first()
    if row is None:
        raise NotFound(tr_app("app.findings", "No hay ningún cierre con el id «{id}».").format(
            id=certificate_id))
    return row


def _run_for(session: Session, workspace: str, wanted: Period) -> RunRow:
    """The latest run of ``workspace`` that reconciled the period's entity, saved after the
    month ended."""
    for run in session.scalars(select(RunRow).where(RunRow.workspace == workspace)
                               .order_by(RunRow.saved_at.desc(), RunRow.id.desc())):
        if wanted.entity.value not in json.loads(run.summary):
            continue
        if in_bogota(run.saved_at).date() <= wanted.end():
            raise InvalidState(tr_app(
                "app.findings", "La última conciliación de {entity} en «{workspace}» se guardó "
                "antes de terminar el mes {month}: concilie de nuevo y revise lo que encuentre "
                "antes de certificar.").format(entity=tr_marked("labels",
                                                                ENTITY_LABELS[wanted.entity]),
                                               workspace=workspace, month=wanted.month),
                "stale_run")
        return run
    raise FindingError(tr_app("app.findings", "No hay conciliaciones guardadas de {entity} en "
                              "«{workspace}».").format(
        entity=tr_marked("labels", ENTITY_LABELS[wanted.entity]), workspace=workspace), "no_run")


def _require_settled(views: list[FindingView], wanted: Period) -> None:
    loose = [v for v in views if v.state not in SETTLED]
    if loose:
        raise InvalidState(tr_app(
            "app.findings", "Quedan {n} hallazgos sin explicar, corregir, conciliar ni resolver "
            "en {period} ({ids}): «cuadre findings list --month {month} --entity {entity}» los "
            "muestra.").format(n=len(loose), period=wanted.words(), ids=_some(loose),
                               month=wanted.month,
                               entity=tr_marked("labels", ENTITY_LABELS[wanted.entity]).lower()),
            "findings_open")


def _some(views: list[FindingView], shown: int = 5) -> str:
    ids = ", ".join(v.id[:8] for v in views[:shown])
    return ids + (", …" if len(views) > shown else "")


def _body(workspace: str, wanted: Period, run_id: str, views: list[FindingView]
          ) -> dict[str, Any]:
    counts: dict[str, int] = {s.value: 0 for s in FindingState if s in SETTLED}
    pesos: dict[str, Decimal] = {s: Decimal(0) for s in counts}
    for v in views:
        counts[v.state.value] += 1
        pesos[v.state.value] += v.at_stake or Decimal(0)
    total = sum((v.at_stake or Decimal(0) for v in views), Decimal(0))
    return {
        "workspace": workspace, "month": wanted.month, "entity": wanted.entity.value,
        "branch": wanted.branch, "run": run_id, "total": len(views),
        "at_stake": money_str(total), "counts": counts,
        "pesos": {k: money_str(v) for k, v in pesos.items()},
        "findings": [[v.id, v.kind, v.state.value, money_str(v.at_stake)] for v in views],
    }


def _summary(wanted: Period, body: Mapping[str, Any], comment: str | None) -> str:
    text = (f"{wanted.words()}: {body['total']} hallazgos, "
            f"{format_cop(Decimal(body['at_stake']))} en juego, todos resueltos o explicados")
    return f"{text}. {comment.strip()}" if comment and comment.strip() else text
