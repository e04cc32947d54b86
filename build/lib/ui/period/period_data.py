"""What the «Cierre del periodo» dialog reads and does, as tasks for its worker thread.

:func:`reading` reads a workspace's closing picture (:class:`Snapshot`): the months and
branches its findings fall in, the findings of the chosen period (``app.findings.periods``'
``members``, as the engine counts them) with those still loose, the period's live certificate,
every certificate of the workspace and the roles of the person working. :func:`acting` does
one of certify, sign off or reopen (``app.findings.periods``, which decides and audits) and
reads the picture again. A refusal (``app.findings.errors``) comes back as its Spanish sentence
in :attr:`Snapshot.refusal`; nothing here touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from app.domain.schema import RECONCILED, Entity
from app.domain.values import fold, in_bogota
from app.findings import FindingError
from app.findings.periods import (
    LIVE,
    Certificate,
    Period,
    certify,
    members,
    period,
    periods,
    reopen,
    signoff,
)
from app.findings.states import SETTLED
from app.findings.views import FindingView, findings, workspace_of
from app.progress import CancelToken, Progress, Task
from app.writeback.people import people
from app.writeback.workspace import Store

#: What a person picked: a month («2026-11»), an entity and a branch ("" for every branch).
Choice = tuple[str, Entity, str]


def _today() -> date:
    return in_bogota(datetime.now(UTC)).date()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The closing picture of a workspace, for one chosen period (``choice``: None when none
    could be read, or what was typed names none)."""

    workspace: str | None
    choice: Choice | None
    months: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()
    views: tuple[FindingView, ...] = ()  # the period's findings, resolved ones included
    live: Certificate | None = None  # the period's certified or signed certificate
    certificates: tuple[Certificate, ...] = ()  # every one of the workspace, newest first
    roles: frozenset[str] = frozenset()  # of the person working
    today: date = field(default_factory=_today)
    refusal: str | None = None  # why what was asked was refused (Spanish)
    picked: Choice | None = None  # what was typed, when it names no period («marzo»)
    done: str | None = None  # what an action did: certified | signed | reopened

    @property
    def loose(self) -> list[FindingView]:
        """The findings that keep the period open (open, assigned, a correction only
        proposed), most pesos first."""
        return sorted((v for v in self.views if v.state not in SETTLED),
                      key=lambda v: (-(v.at_stake or 0), v.first_seen_at, v.id))

    @property
    def period(self) -> Period | None:
        return None if self.choice is None else Period(*self.choice)

    def month_over(self) -> bool:
        chosen = self.period
        return chosen is not None and chosen.end() < self.today


def default_choice(views: list[FindingView], today: date) -> Choice:
    """The latest month with findings that has ended (else the month before ``today``), of
    the entity with most findings in it (payments on a tie), every branch."""
    this_month = f"{today.year:04d}-{today.month:02d}"
    ended = sorted({v.month for v in views if v.month < this_month}, reverse=True)
    previous = f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"
    month = ended[0] if ended else previous
    counts = {e: sum(1 for v in views if v.entity is e and v.month == month)
              for e in RECONCILED}
    entity = max(RECONCILED, key=lambda e: (counts[e], e is Entity.PAYMENTS))
    return month, entity, ""



def read(store: Store, workspace: str | None, login: str | None,
         choice: Choice | None) -> Snapshot:
    """The picture of ``workspace`` (the latest saved run's when None) for ``choice`` (the
    last month ended when None); a refusal when nothing was saved, or a month written wrong."""
    today = _today()
    try:
        name = workspace_of(store, workspace)
    except FindingError as exc:
        return Snapshot(workspace, choice, refusal=str(exc), today=today)
    every = findings(store, name, resolved=True)
    months = tuple(sorted({v.month for v in every}, reverse=True))
    branches = tuple(sorted({v.branch for v in every if v.branch}, key=fold))
    certificates = tuple(periods(store, name))
    roles = next((p.roles for p in people(store) if p.login == login), frozenset())
    base = Snapshot(name, choice, months, branches, (), None, certificates, roles, today)
    chosen = choice or default_choice(every, today)
    try:
        wanted = period(*chosen)
    except FindingError as exc:
        return replace(base, choice=None, picked=chosen, refusal=str(exc))
    with store.read() as session:
        views = tuple(members(session, name, wanted))
    live = next((c for c in certificates if c.period == wanted and c.state in LIVE), None)
    return replace(base, choice=(wanted.month, wanted.entity, wanted.branch), views=views,
                   live=live)


def reading(store: Store, workspace: str | None, login: str | None, choice: Choice | None,
            cancel: CancelToken) -> Task[Snapshot]:
    """:func:`read` as a task for the dialog's worker."""
    yield Progress("period_read", 0, 1)
    return read(store, workspace, login, choice)


#: An action on a period: (store, login, workspace, the live certificate or None, choice,
#: comment) → what it made.
Action = Callable[[Store, str, str, Certificate | None, Choice, str], Certificate]


def _certify(store: Store, login: str, workspace: str, live: Certificate | None,
             choice: Choice, comment: str) -> Certificate:
    month, entity, branch = choice
    return certify(store, login, workspace, month, entity, branch, comment or None)


def _signoff(store: Store, login: str, workspace: str, live: Certificate | None,
             choice: Choice, comment: str) -> Certificate:
    if live is None:
        raise FindingError(QCoreApplication.translate(
            "PeriodDialog", "El periodo no está certificado: no hay nada que firmar."),
            "not_certified")
    return signoff(store, login, live.id, comment or None)


def _reopen(store: Store, login: str, workspace: str, live: Certificate | None,
            choice: Choice, comment: str) -> Certificate:
    if live is None:
        raise FindingError(QCoreApplication.translate(
            "PeriodDialog", "El periodo no está certificado: no hay nada que reabrir."),
            "not_certified")
    return reopen(store, login, live.id, comment)


ACTIONS: dict[str, Action] = {"certified": _certify, "signed": _signoff, "reopened": _reopen}


def acting(store: Store, done: str, login: str, before: Snapshot, comment: str,
           cancel: CancelToken) -> Task[Snapshot]:
    """Certify, sign off or reopen (``done`` says which) the period of ``before`` as
    ``login``, then read the picture again; a refusal comes back in it."""
    yield Progress("period_action", 0, 1)
    assert before.workspace is not None and before.choice is not None
    refusal = None
    try:
        ACTIONS[done](store, login, before.workspace, before.live, before.choice, comment)
    except FindingError as exc:
        refusal = str(exc)
    after = read(store, before.workspace, login, before.choice)
    return replace(after, refusal=refusal or after.refusal, done=None if refusal else done)
