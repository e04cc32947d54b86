"""An in-memory keyring backend, so no test touches the developer's own keyring.

:func:`installed` makes it keyring's active backend (trusted by ``app.security.secrets`` as a
secure store) and restores whatever was active before — including "not chosen yet", so keyring
never probes the real stores on the test's behalf.

``max_entry_bytes`` makes it refuse, like Windows Credential Manager, a value whose UTF-16 form
is longer than that; ``truncate_to`` makes it silently keep only a prefix (a faulty store, to show
that a save is verified).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError

from app.security.secrets import trust_backend, untrust_backend

NAME = "un almacén de prueba en memoria"


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict: ``{(service, username): password}``."""

    # Below fail.Keyring's 0: keyring's own detection never picks it (or chains it) by itself.
    priority = -1  # type: ignore[assignment]

    def __init__(self, max_entry_bytes: int | None = None, truncate_to: int | None = None) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.max_entry_bytes = max_entry_bytes
        self.truncate_to = truncate_to
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.max_entry_bytes is not None and len(password.encode("utf-16-le")) > self.max_entry_bytes:
            raise PasswordSetError("blob too large")
        self.entries[(service, username)] = password[: self.truncate_to]

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@contextmanager
def installed(backend: KeyringBackend, *, trusted: bool = True) -> Iterator[KeyringBackend]:
    """Make ``backend`` keyring's active backend for the block (trusted as secure if asked)."""
    previous = keyring.core._keyring_backend
    if trusted:
        trust_backend(type(backend), NAME)
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous
        if trusted:
            untrust_backend(type(backend))


#: Every person's passphrase where :class:`PeopleKeyring` stands in for their keyring.
TEST_PASSPHRASE = "clave-de-prueba-2026"


class PeopleKeyring(MemoryKeyring):
    """A :class:`MemoryKeyring` in which every person of every workspace has remembered
    :data:`TEST_PASSPHRASE` on this computer (the entries ``persona:…`` of
    ``app.security.passphrases``); an entry the test sets or deletes wins."""

    def __init__(self) -> None:
        super().__init__()
        self.forgotten: set[tuple[str, str]] = set()

    def get_password(self, service: str, username: str) -> str | None:
        found = super().get_password(service, username)
        if found is None and username.startswith("persona:") \
                and (service, username) not in self.forgotten:
            return TEST_PASSPHRASE
        return found

    def set_password(self, service: str, username: str, password: str) -> None:
        self.forgotten.discard((service, username))
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.forgotten.add((service, username))
        self.entries.pop((service, username), None)
