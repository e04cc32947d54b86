"""A person's own secret: its hash (Argon2id) and where this computer remembers it (the keyring).

Why a passphrase and not the OS account. On a local SQLite workspace a person proves who they
are with a passphrase of their own, hashed with Argon2id (``argon2-cffi``'s defaults, RFC 9106's
second recommended profile: 3 passes over 64 MiB, 4 lanes, a 16-byte random salt): the hash is
kept in the workspace store, the passphrase never. The OS account was the other choice, and it
was not taken: dealerships share one Windows account on a front-desk PC far more often than
they give each clerk their own, the account name can be set by whoever runs Cuadre (``USER``,
``USERNAME``) and proves nothing by itself, and a workspace copied to another computer would
meet accounts that were never bound. A passphrase works the same on every computer and lets
two people who share an OS account still be told apart.

The keyring. A person's secret — their passphrase on SQLite, their PostgreSQL role's password
on a shared server — is remembered in their OS keyring on their own computer, so scripts and
the window need not ask for it every time. It is never read from an argument or an environment
variable. Entries live under keyring's service ``Cuadre`` (as the sources' credentials do, see
:mod:`app.security.secrets`), with the username::

    persona:<login>@<workspace>            the person's secret (this module)
    persona-<purpose>:<login>@<workspace>  anything else kept per person (say ``firma``)

``<login>`` is the person's login (lower case), ``<workspace>`` the store it belongs to, as
:func:`app.writeback.identity.workspace_key` writes it: ``sqlite:<absolute path of the file>``,
or ``postgresql://<host>:<port>/<database>`` (no user: every person of that server's database
shares it). :func:`person_ref` builds it; nothing else should.
"""

from __future__ import annotations

import logging
import secrets as _random

from app.domain.i18n import tr_app
from app.security import redaction
from app.security.secrets import SecretStoreError, delete_secret, get_secret, set_secret

log = logging.getLogger(__name__)

#: The shortest passphrase accepted (characters). Argon2id makes guessing slow, not impossible.
MIN_CHARS = 10
#: The purpose of the entry holding the person's own secret.
SECRET = "clave"  # noqa: S105 - the name of a keyring entry, not a secret


class PassphraseError(Exception):
    """A passphrase that cannot be used (too short, empty): the message says why, in Spanish."""


def person_ref(workspace: str, login: str, purpose: str = SECRET) -> str:
    """The keyring username of ``login``'s entry ``purpose`` in ``workspace`` (module doc)."""
    prefix = "persona" if purpose == SECRET else f"persona-{purpose}"
    return f"{prefix}:{login}@{workspace}"


def check_new(secret: str) -> str:
    """``secret`` when it may become a passphrase; else :class:`PassphraseError`."""
    if not isinstance(secret, str) or not secret.strip():
        raise PassphraseError(tr_app("app.security", "La clave está vacía."))
    if len(secret) < MIN_CHARS:
        raise PassphraseError(tr_app("app.security", "La clave debe tener al menos {least} "
                                     "caracteres.").format(least=MIN_CHARS))
    return secret


#: The Argon2id parameters new hashes are made with (``argon2.profiles``' name). A hash keeps
#: its own parameters, so checking it never depends on this; the tests make cheap hashes.
PROFILE = "RFC_9106_LOW_MEMORY"


def hash_secret(secret: str) -> str:
    """The Argon2id hash of ``secret`` (its encoded form: parameters, salt and hash). About
    0.4 s on a busy two-core machine: the window does it off its thread."""
    from argon2 import PasswordHasher, profiles

    redaction.register(secret)
    return PasswordHasher.from_parameters(getattr(profiles, PROFILE)).hash(secret)


def matches(hashed: str, secret: str) -> bool:
    """Whether ``secret`` is the one ``hashed`` was made from (never raises for a wrong one)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    redaction.register(secret)  # whatever is typed as a passphrase is never logged
    try:
        return PasswordHasher().verify(hashed, secret)
    except (VerificationError, InvalidHashError):
        return False


def generated() -> str:
    """A random secret (for a demo workspace's people and the PostgreSQL roles of tests)."""
    return _random.token_urlsafe(24)


def recall(workspace: str, login: str) -> str | None:
    """The secret this computer's keyring holds for ``login`` in ``workspace``; None when there
    is none or no secure keyring (then the person gives it again)."""
    try:
        return get_secret(person_ref(workspace, login))
    except SecretStoreError as exc:
        log.warning("a person's secret could not be read from the keyring: %s", type(exc).__name__)
        return None


def remember(workspace: str, login: str, secret: str) -> None:
    """Keep ``secret`` in this computer's keyring (:class:`SecretStoreError`, in Spanish, when
    there is no secure one)."""
    set_secret(person_ref(workspace, login), secret)


def forget(workspace: str, login: str) -> bool:
    """Remove ``login``'s secret from this computer's keyring; True when there was one."""
    try:
        return delete_secret(person_ref(workspace, login))
    except SecretStoreError:
        return False
