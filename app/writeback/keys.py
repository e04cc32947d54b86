"""A new signing key for someone who lost theirs (or never had one): asked, then approved.

1. The person, on their own computer: ``cuadre people key request --as LOGIN`` makes a key pair,
   keeps the private half in that computer's keyring and writes a ``key_requested`` row with
   the public half, signed with the new key (whoever asks holds it; the lost key is not needed).
2. An administrator who is someone else: ``cuadre people key approve LOGIN --as ADMIN`` writes
   ``key_replaced`` (or ``key_registered`` for someone with no key yet), signed with the
   administrator's own key. From the next row on the new key signs for LOGIN; the old key keeps
   its stretch of the trail, so what it signed stays checkable.

A workspace with no key at all (made where there was no secure keyring) starts signing when an
administrator approves their own request: that first row is signed with the requested key.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app
from app.security import signing
from app.security.secrets import SecretStoreError
from app.store.chain import append as audit
from app.store.chain import current_key, forget_signers, signs, workspace_id
from app.store.db import Store
from app.store.models import AuditRow, Person, PersonKey
from app.writeback.enrol import register_key
from app.writeback.errors import CorrectionError, NotAllowed, NotFound
from app.writeback.people import Role, normalize_login, require


def request_key(store: Store, actor: str) -> str:
    """Make a new key pair for ``actor`` here and ask for it to be approved; its key id."""
    login = normalize_login(actor)
    with store.write() as session:
        person = session.get(Person, login)
        if person is None or not person.active:
            raise NotFound(tr_app("app.writeback", "«{login}» no está registrado.").format(
                login=login), "not_found")
        key = signing.new_key()
        try:
            kid = signing.save_private(workspace_id(session), login, key)
        except SecretStoreError as exc:
            raise CorrectionError(str(exc), "no_keyring") from None
        audit(session, actor=login, action="key_requested", record=login,
              new=signing.public_text(key), signer=key)
        return kid


def approve_key(store: Store, actor: str, login: str) -> str:
    """Approve ``login``'s latest key request (an administrator, not ``login`` — unless the
    workspace has no key at all yet); the new key's id."""
    admin, login = normalize_login(actor), normalize_login(login)
    with store.write() as session:
        require(session, admin, Role.ADMIN, mark_app("app.writeback", "aprobar claves de firma"))
        public = session.scalar(select(AuditRow.new).where(
            AuditRow.action == "key_requested", AuditRow.record == login)
            .order_by(AuditRow.seq.desc()).limit(1))
        if public is None or session.get(PersonKey, signing.key_id(public)) is not None:
            raise NotFound(tr_app("app.writeback", "«{login}» no tiene una solicitud de clave "
                                  "pendiente: la pide con «cuadre people key request --as "
                                  "{login}».").format(login=login), "no_request")
        old = current_key(session, login)
        bootstrap = not signs(session)
        if admin == login and not bootstrap:
            raise NotAllowed(tr_app("app.writeback", "Una persona no aprueba su propia clave de "
                                    "firma: la aprueba otro administrador."), "maker_checker")
        if bootstrap and admin != login:
            raise NotAllowed(tr_app("app.writeback", "Este espacio de trabajo aún no firma: el "
                                    "primer administrador aprueba primero su propia clave."),
                             "maker_checker")
        key = signing.load_private(workspace_id(session), login, signing.key_id(public)) \
            if bootstrap else None
        if bootstrap and key is None:
            raise NotAllowed(tr_app("app.writeback", "La clave pedida no está en el almacén de "
                                    "credenciales de este equipo: apruébela donde la pidió."),
                             "no_key")
        if key is not None:
            return register_key(session, admin, login, key, bootstrap=True)
        return _register_public(session, admin, login, public, old.key_id if old else None)


def _register_public(session: Session, admin: str, login: str, public: str,
                     old: str | None) -> str:
    """Register a requested public key (its private half is on the person's computer)."""
    kid = signing.key_id(public)
    row = audit(session, actor=admin, action="key_replaced" if old else "key_registered",
                record=login, old=old, new=public)
    if old is not None:
        replaced = session.get(PersonKey, old)
        if replaced is not None:
            replaced.until_seq = row.seq
    session.add(PersonKey(key_id=kid, login=login, public_key=public, since_seq=row.seq + 1,
                          until_seq=None))
    session.flush()
    forget_signers(session)
    return kid


__all__ = ["approve_key", "request_key"]
