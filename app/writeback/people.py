"""Who works in a workspace and what each person may do (maker-checker's people).

A person is a login (kept in lower case) with a name and roles: proposers propose and edit,
approvers approve, reject and push, auditors only read, admins manage people (and push). The
first person of a new workspace must be an admin; after that only an admin registers people.
Who a person is — proven with their own secret — is :mod:`app.writeback.identity`'s; the window
remembers who worked last on this computer (:func:`remembered_user`, a login, never a secret).
Role checks read the person in the caller's transaction (:func:`require`), so a decision and the
check it needs are one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import ROLE_LABELS, ROLE_VERBS
from app.paths import data_dir
from app.store.chain import append as audit
from app.store.db import Store
from app.store.models import Person, PersonRole
from app.store.values import audit_value, utc_now
from app.writeback.enrol import enrol
from app.writeback.errors import CorrectionError, NotAllowed
from app.writeback.identity import provision


class Role(StrEnum):
    PROPOSER = "proposer"
    APPROVER = "approver"
    AUDITOR = "auditor"
    ADMIN = "admin"


#: Who sends approved corrections to the systems (and puts failed sends back in the queue).
PUSHERS = frozenset({Role.APPROVER, Role.ADMIN})
#: Who works on corrections at all (an auditor only reads).
WORKERS = frozenset({Role.PROPOSER, Role.APPROVER, Role.ADMIN})


def normalize_login(login: str) -> str:
    clean = (login or "").strip().lower()
    if not clean:
        raise CorrectionError(tr_app("app.writeback", "Falta el usuario."), "missing_login")
    return clean


def roles(session: Session, login: str) -> set[str]:
    """The roles of an active person (none for an unknown or inactive login)."""
    person = session.get(Person, login)
    if person is None or not person.active:
        return set()
    return set(session.scalars(select(PersonRole.role).where(PersonRole.login == login)))


def require(session: Session, actor: str, role: Role, doing: str) -> None:
    """Refuse (:class:`NotAllowed`) unless ``actor`` has ``role``; ``doing`` says what was
    refused («no puede aprobar correcciones», marked with ``mark_app("app.writeback", …)``)."""
    if role not in roles(session, actor):
        raise NotAllowed(tr_app("app.writeback", "«{login}» no tiene el rol para {role}: no puede "
                                "{doing}.").format(login=actor,
                                                   role=tr_marked("labels", ROLE_VERBS[role]),
                                                   doing=tr_marked("app.writeback", doing)))


def roles_of(store: Store, login: str) -> set[str]:
    with store.read() as session:
        return roles(session, normalize_login(login))


def require_role(store: Store, actor: str, role: Role, doing: str) -> str:
    """The normalized login of ``actor`` when it has ``role``; else :class:`NotAllowed` (as
    :func:`require` words it). For a check before long work, not instead of the service's."""
    login = normalize_login(actor)
    with store.read() as session:
        require(session, login, role, doing)
    return login


def require_pusher(store: Store, actor: str) -> str:
    """The normalized login of ``actor`` when it may push; else :class:`NotAllowed`. Checked
    before any system is opened."""
    login = normalize_login(actor)
    if not roles_of(store, login) & PUSHERS:
        raise NotAllowed(tr_app("app.writeback", "«{login}» no tiene el rol para enviar "
                                "correcciones a los sistemas: solo aprobadores o "
                                "administradores.").format(login=login))
    return login


def add_person(store: Store, actor: str | None, login: str, name: str,
               wanted: Iterable[str], secret: str | None = None) -> bool:
    """Register a person with roles. Only an admin may do it — except the very first person
    of a new workspace, who must be an admin. ``secret`` is how they will prove who they are
    (:func:`app.writeback.identity.provision`: a passphrase on SQLite, their login role's
    password on PostgreSQL). Whether the person got a signing key
    (:func:`app.writeback.enrol.enrol`: not on a computer without a secure keyring)."""
    login = normalize_login(login)
    chosen = sorted(set(wanted))
    unknown = [r for r in chosen if r not in tuple(Role)]
    if unknown:
        raise CorrectionError(tr_app("app.writeback", "Rol desconocido: {roles}.").format(
            roles=", ".join(unknown)), "unknown_role")
    with store.write() as session:
        first = session.scalar(select(Person.login).limit(1)) is None
        if first:
            if Role.ADMIN not in chosen:
                raise NotAllowed(tr_app("app.writeback", "La primera persona del espacio de "
                                        "trabajo debe ser administradora."))
            who = login
        else:
            if actor is None:
                raise NotAllowed(tr_app("app.writeback", "Solo un administrador puede registrar "
                                        "personas."))
            who = normalize_login(actor)
            require(session, who, Role.ADMIN, mark_app("app.writeback", "registrar personas"))
        if session.get(Person, login) is not None:
            raise CorrectionError(tr_app("app.writeback", "«{login}» ya está registrado.").format(
                login=login), "exists")
        session.add(Person(login=login, name=name.strip() or login, active=True,
                           created_at=utc_now()))
        session.flush()
        session.add_all(PersonRole(login=login, role=r) for r in chosen)
        provision(session, who, login, secret, admin=Role.ADMIN in chosen, first=first)
        audit(session, actor=who, action="person_added", record=login,
              new=audit_value(",".join(chosen)))
        return enrol(session, who, login, first)


@dataclass(frozen=True, slots=True)
class PersonInfo:
    login: str
    name: str
    roles: frozenset[str]

    def role_words(self) -> str:
        """«propone, aprueba»: the person's roles in the order of the loop."""
        return ", ".join(word for role, word in ROLE_LABELS.items() if role in self.roles)

    def label(self) -> str:
        words = self.role_words()
        return f"{self.name} ({words})" if words else self.name


def people(store: Store) -> list[PersonInfo]:
    """The active people of the workspace, by name."""
    with store.read() as session:
        rows = session.execute(select(Person.login, Person.name).where(Person.active)
                               .order_by(Person.name, Person.login)).all()
        held: dict[str, set[str]] = {}
        for login, role in session.execute(select(PersonRole.login, PersonRole.role)):
            held.setdefault(login, set()).add(role)
    return [PersonInfo(login, name, frozenset(held.get(login, ()))) for login, name in rows]


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
