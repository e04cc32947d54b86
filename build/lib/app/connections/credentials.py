"""A source's credential, as Conexiones keeps it: in the OS keyring, never in a profile.

The secret of a database, an API or Odoo lives in the keyring under the source's reference
(:func:`app.domain.sources.secret_ref`), through :mod:`app.security.secrets`, which refuses
insecure backends. The window reaches it through :class:`SecretsApi` (that module is one;
tests give an in-memory one) and these functions, which never return or log the secret.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from app.domain.i18n import tr_app
from app.domain.sources import SourceError, secret_ref
from app.security import secrets as keyring_secrets

log = logging.getLogger(__name__)


class SecretsApi(Protocol):
    """What ``app.security.secrets`` offers (the module itself is one)."""

    def get_secret(self, ref: str) -> str | None: ...

    def set_secret(self, ref: str, secret: str) -> None: ...

    def delete_secret(self, ref: str) -> bool: ...

    def backend_status(self) -> tuple[bool, str]: ...


def default_secrets() -> SecretsApi:
    """The OS keyring (``app.security.secrets``)."""
    return keyring_secrets


def has_secret(source: str, secrets: SecretsApi | None = None) -> bool:
    """Whether the keyring holds the secret of ``source`` (never returns the secret)."""
    api = secrets or default_secrets()
    try:
        return api.get_secret(secret_ref(source)) is not None
    except Exception:  # a keyring that cannot be read holds nothing we can use
        log.warning("could not read the secret store")
        return False


@dataclass(frozen=True, slots=True)
class SecretOutcome:
    """What happened to a secret typed in the window: saved (and where), or why not."""

    saved: bool
    message: str


def store_secret(source: str, secret: str, secrets: SecretsApi | None = None) -> SecretOutcome:
    """Put ``secret`` in the OS keyring under the source's reference. An insecure or missing
    backend is refused with its reason; nothing is written anywhere else."""
    api = secrets or default_secrets()
    if not secret:
        return SecretOutcome(False, tr_app("app.connections", "No se escribió ninguna credencial."))
    try:
        ref = secret_ref(source)
    except SourceError as exc:
        return SecretOutcome(False, str(exc))
    try:
        secure, backend = api.backend_status()
    except Exception:
        log.warning("could not query the secret store")
        return SecretOutcome(False, tr_app("app.connections", "No se pudo consultar el almacén "
                                           "seguro de credenciales."))
    if not secure:
        return SecretOutcome(False, tr_app("app.connections", "No se guardó la credencial: "
                                           "{why}").format(why=_sentence(backend)))
    try:
        api.set_secret(ref, secret)
    except keyring_secrets.SecretStoreError as exc:  # its own Spanish sentence, no secret in it
        return SecretOutcome(False, tr_app("app.connections", "No se guardó la credencial: "
                                           "{why}").format(why=_sentence(str(exc))))
    except Exception as exc:
        # Only the type is logged: another library's message may quote the secret.
        log.warning("the secret store failed: %s", type(exc).__name__)
        return SecretOutcome(False, tr_app("app.connections", "No se guardó la credencial: el "
                                           "almacén seguro del sistema falló."))
    return SecretOutcome(True, tr_app("app.connections", "Credencial guardada en {backend}.").format(
        backend=backend))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def forget_secret(source: str, secrets: SecretsApi | None = None) -> bool:
    """Remove the source's secret from the keyring; True when one was there."""
    api = secrets or default_secrets()
    try:
        return bool(api.delete_secret(secret_ref(source)))
    except Exception:
        log.warning("could not delete from the secret store")
        return False
