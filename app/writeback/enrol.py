"""A person's signing key, made when the person is registered (``cuadre people add``).

The key pair is made on the computer where the person is registered; its private half goes to
that computer's OS keyring (:mod:`app.security.signing`), its public half to ``person_keys``,
registered by a ``key_registered`` audit row in the same transaction. The first person of a
new workspace registers their own key, signing that row with it; later an administrator
registers each new person's key and signs the row with their own.

A computer with no secure keyring (a headless server, CI) cannot keep a private key. Then a
workspace that does not sign yet keeps working without signatures (the person gets no key and
the command says so); a workspace that already signs refuses to register someone who could not
sign anything they do.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.i18n import tr_app
from app.security import signing
from app.security.secrets import SecretStoreError
from app.store.chain import append as audit
from app.store.chain import current_key, forget_signers, signs, workspace_id
from app.store.models import PersonKey
from app.writeback.errors import CorrectionError


def register_key(session: Session, actor: str, login: str, key: signing.Ed25519PrivateKey, *,
                 bootstrap: bool = False, old: str | None = None) -> str:
    """Write the row that registers ``key``'s public half for ``login`` (``key_registered``,
    or ``key_replaced`` when ``old`` names the key it replaces) and the ``person_keys`` rows.
    ``bootstrap``: the workspace's first key, its row signed with the key itself."""
    public = signing.public_text(key)
    kid = signing.key_id(public)
    row = audit(session, actor=actor, action="key_replaced" if old else "key_registered",
                record=login, old=old, new=public, signer=key if bootstrap else None)
    if old is not None:
        replaced = session.get(PersonKey, old)
        if replaced is not None:
            replaced.until_seq = row.seq
    session.add(PersonKey(key_id=kid, login=login, public_key=public, since_seq=row.seq + 1,
                          until_seq=None))
    session.flush()
    forget_signers(session)
    return kid


def enrol(session: Session, who: str, login: str, first: bool) -> bool:
    """Give the person just registered (``login``, by ``who``) a key pair, when this computer
    can keep it; whether they got one. Refused (:class:`CorrectionError`) in a workspace that
    signs when there is no secure keyring here."""
    signed = signs(session)
    if not first and not signed:
        return False  # the administrator signs nothing yet: the workspace stays unsigned
    if not first and current_key(session, who) is None:
        return False
    key = signing.new_key()
    try:
        signing.save_private(workspace_id(session), login, key)
    except SecretStoreError as exc:
        if not signed:
            return False
        raise CorrectionError(tr_app(
            "app.writeback", "Este espacio de trabajo firma cada acción y la clave de firma de "
                             "«{login}» no se puede guardar en este equipo: {why}").format(
            login=login, why=exc), "no_keyring") from None
    register_key(session, who, login, key, bootstrap=first)
    return True


__all__ = ["enrol", "register_key"]
