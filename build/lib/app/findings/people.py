"""Who may act on findings and periods, read from the workspace's people (``people`` and
``person_roles``; the correction loop registers them, ``app.writeback.people``). Role codes as
the store keeps them: proposer, approver, auditor, admin."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import ROLE_LABELS
from app.findings.errors import FindingError, NotPermitted
from app.store.models import Person, PersonRole

#: Who works on findings (an auditor only reads).
WORKERS = frozenset({"proposer", "approver", "admin"})
#: Who certifies a period (who proposes), who signs it off and who reopens it.
CERTIFIERS = frozenset({"proposer"})
SIGNERS = frozenset({"approver"})
REOPENERS = frozenset({"approver", "admin"})


def normalize(login: str | None) -> str:
    clean = (login or "").strip().lower()
    if not clean:
        raise FindingError(tr_app("app.findings", "Falta el usuario."), "missing_login")
    return clean


def roles(session: Session, login: str) -> set[str]:
    """The roles of an active person (none for an unknown or inactive login)."""
    person = session.get(Person, login)
    if person is None or not person.active:
        return set()
    return set(session.scalars(select(PersonRole.role).where(PersonRole.login == login)))


def require(session: Session, login: str, allowed: Iterable[str], doing: str) -> None:
    """Refuse (:class:`NotPermitted`) unless ``login`` holds one of ``allowed``; ``doing``
    says what was refused («explicar hallazgos», marked with ``mark_app("app.findings", …)``)."""
    wanted = frozenset(allowed)
    if not roles(session, login) & wanted:
        either = " {} ".format(tr_app("app.findings", "o"))
        words = either.join(tr_marked("labels", ROLE_LABELS[r]) for r in ROLE_LABELS
                            if r in wanted)
        raise NotPermitted(tr_app("app.findings", "«{login}» no puede {doing}: hace falta el rol "
                                  "{roles}.").format(login=login,
                                                     doing=tr_marked("app.findings", doing),
                                                     roles=words))
