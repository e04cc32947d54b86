"""A source's secret (password, API key, token) in the operating system's credential store.

Entries are ``(service="Cuadre", username=<source reference>)``; the reference is
:func:`app.domain.sources.secret_ref` — the source string in canonical form, so
``cuadre credentials set SOURCE`` and the connector opening ``SOURCE`` meet at the same entry.

Only a real OS store is used: Windows Credential Manager, the macOS Keychain, Secret Service
(GNOME Keyring, KeePassXC…) or KWallet. The ``keyring`` library falls back to backends that
are not safe — ``fail`` (raises), ``null`` (drops the secret), ``keyrings.alt`` (a file on
disk) — and when that is all there is, saving is refused with the reason
(:class:`InsecureBackendError`) and reading returns nothing: a secret is never read from, or
written to, an insecure store. When keyring *chains* several backends, the first secure one is
used directly, so a file backend in the chain is never consulted.

Long secrets. Windows Credential Manager holds at most 2,560 bytes per entry
(``CRED_MAX_CREDENTIAL_BLOB_SIZE`` = 5 × 512) and keyring stores text as UTF-16, so about
1,280 characters; a long OAuth/JWT token would not fit. A secret over that size is split
transparently, on every platform (one format everywhere, testable anywhere): the parts go to
entries ``<ref>#parte-a1`` … ``#parte-aN``, each within the limit and never splitting a
character, and the main entry holds a header ``cuadre-partes/1:aN:<checksum>``. The next long
save writes to the ``b`` set and switches the header last, so a save that fails half-way leaves
the previous secret whole. Reading joins the parts and checks the checksum, so a mixed-up
secret is reported, never used. Nothing is
ever truncated: a secret over :data:`MAX_SECRET_CHARS` is refused whole. Every save is read back
and compared before it is reported as done.

Errors are :class:`SecretStoreError` with a Spanish sentence; the secret is never in a message,
a log line or an exception chain. Every secret that passes through here is registered with
:mod:`app.security.redaction`, so the log filter blanks it if anything else prints it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.security import redaction

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "Cuadre"
#: Windows' CRED_MAX_CREDENTIAL_BLOB_SIZE; keyring writes the secret as UTF-16-LE.
MAX_ENTRY_BYTES = 5 * 512
#: The most parts one secret may take, hence the longest secret accepted (~40,000 characters;
#: fewer when they are outside the Basic Multilingual Plane, which take 4 bytes in UTF-16).
MAX_PARTS = 32
MAX_SECRET_CHARS = MAX_PARTS * (MAX_ENTRY_BYTES // 2)
#: Windows' CRED_MAX_USERNAME_LENGTH is 513; leave room for the ``#parte-aNN`` suffix.
MAX_REF_CHARS = 500
PARTS_HEADER = "cuadre-partes/1:"
#: Two sets of part entries, used alternately, so a long secret is replaced atomically.
SLOTS = ("a", "b")

#: The OS stores keyring ships, by class, with the name the user knows them by.
SECURE_BACKENDS: dict[str, str] = {
    "keyring.backends.Windows.WinVaultKeyring": mark_app("app.security", "el Administrador de "
                                                                         "credenciales de Windows"),
    "keyring.backends.macOS.Keyring": mark_app("app.security", "el Llavero de macOS"),
    "keyring.backends.SecretService.Keyring":
        mark_app("app.security", "el llavero del sistema (Secret Service)"),
    "keyring.backends.libsecret.Keyring":
        mark_app("app.security", "el llavero del sistema (Secret Service)"),
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
}
_trusted: dict[type, str] = {}
_write_lock = threading.Lock()


class SecretStoreError(Exception):
    """The credential store could not do what was asked; the message says why, in Spanish."""


class InsecureBackendError(SecretStoreError):
    """There is no secure credential store on this computer, so nothing is saved."""


# --- which store ---------------------------------------------------------------------------


def trust_backend(cls: type, name: str) -> None:
    """Treat ``cls`` as a secure store (for tests: an in-memory backend)."""
    _trusted[cls] = name


def untrust_backend(cls: type) -> None:
    _trusted.pop(cls, None)


def _class_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _secure_name(backend: object) -> str | None:
    trusted = _trusted.get(type(backend))
    if trusted is not None:
        return trusted
    name = SECURE_BACKENDS.get(_class_name(backend))
    return tr_marked("app.security", name) if name is not None else None


_NO_STORE = mark_app("app.security", "no hay un almacén seguro de credenciales disponible en este "
                                     "equipo (en Windows, el "
             "Administrador de credenciales; en macOS, el Llavero; en Linux, un llavero Secret "
             "Service como GNOME Keyring o KWallet, con la sesión de escritorio abierta)")


def _insecure_reason(backend: object) -> str:
    name = _class_name(backend)
    if name == "keyring.backends.fail.Keyring":
        return tr_marked("app.security", _NO_STORE)
    if name == "keyring.backends.null.Keyring":
        return tr_app("app.security", "el almacén de credenciales está desactivado "
                                      "(keyring.backends.null), que descarta lo que se le entrega")
    if name.startswith("keyrings.alt"):
        return tr_app("app.security", "el almacén configurado ({name}) guarda las claves en un "
                                      "archivo del disco, que no es un almacén seguro del "
                                      "sistema").format(name=name)
    return tr_app("app.security", "el almacén configurado ({name}) no es un almacén seguro "
                                  "reconocido (Administrador de credenciales de Windows, Llavero "
                                  "de macOS, Secret Service o KWallet)").format(name=name)


@dataclass(frozen=True, slots=True)
class _Store:
    backend: KeyringBackend | None
    description: str  # the store's name when secure, else why it is refused

    @property
    def secure(self) -> bool:
        return self.backend is not None


def _store() -> _Store:
    """The secure backend to use, or the reason there is none."""
    try:
        import keyring
        from keyring.backends.chainer import ChainerBackend

        active = keyring.get_keyring()
        members = list(active.backends) if isinstance(active, ChainerBackend) else [active]
    except Exception as exc:  # a keyring config naming a backend that cannot load, a broken D-Bus…
        log.warning("keyring backend could not be loaded: %s", type(exc).__name__)
        return _Store(None, tr_app("app.security", "no se pudo cargar el almacén de credenciales "
                                                   "configurado ({kind}); revise la configuración "
                                                   "de keyring").format(kind=type(exc).__name__))
    for member in members:
        name = _secure_name(member)
        if name is not None:
            return _Store(member, name)
    if isinstance(active, ChainerBackend):
        return _Store(None, tr_marked("app.security", _NO_STORE))
    return _Store(None, _insecure_reason(active))


def backend_status() -> tuple[bool, str]:
    """(whether a secure store is active, its name — or why it is refused), in Spanish."""
    store = _store()
    return store.secure, store.description


# --- operations ----------------------------------------------------------------------------


def set_secret(ref: str, secret: str) -> None:
    """Save ``secret`` for ``ref`` in the OS store, replacing what was there; verified by
    reading it back. Raises :class:`InsecureBackendError` when there is no secure store."""
    _check_ref(ref)
    if not isinstance(secret, str) or not secret or secret.isspace():
        raise SecretStoreError(tr_app("app.security", "La credencial está vacía: no se guardó nada."))
    if secret.startswith(PARTS_HEADER):
        raise SecretStoreError(tr_app("app.security", "La credencial empieza con un texto que Cuadre "
                                                      "reserva para uso interno: no se guardó."))
    redaction.register(secret)
    parts = _split(secret) if len(secret) <= MAX_SECRET_CHARS else []
    if not parts or len(parts) > MAX_PARTS:
        raise SecretStoreError(tr_app("app.security", "La credencial tiene {thousands} caracteres; el "
                                                      "máximo es unos {thousands2}. No se guardó (nunca "
                                                      "se recorta).").format(
                                   thousands=_thousands(len(secret)),
                                       thousands2=_thousands(MAX_SECRET_CHARS)))
    store = _require_secure(ref, mark_app("app.security", "guardar"))
    backend = store.backend
    assert backend is not None
    with _write_lock:
        old = _current_header(backend, ref)
        if len(parts) == 1:
            _write(backend, ref, secret, store)
        else:
            # The parts go to the slot the current entry does not use, and the header is
            # switched last: a save that fails half-way leaves the previous secret intact.
            slot = "b" if old is not None and old[0] == "a" else "a"
            _delete_parts(backend, ref, slot)
            try:
                for number, part in enumerate(parts, start=1):
                    _write(backend, _part_name(ref, slot, number), part, store)
                _write(backend, ref, _header(slot, len(parts), secret), store)
            except SecretStoreError:
                _delete_parts(backend, ref, slot)
                raise
        for stale in SLOTS if len(parts) == 1 else [s for s in SLOTS if s != slot]:
            _delete_parts(backend, ref, stale, old[1] if old and old[0] == stale else 0)
        try:
            read_back = _read(backend, ref)
        except SecretStoreError:
            read_back = None
        if read_back != secret:
            _delete_all(backend, ref, store)
            raise SecretStoreError(
                tr_app("app.security", "{capital} no devolvió la credencial tal como se guardó; se "
                                       "retiró para no usar una incompleta. Intente de nuevo.").format(
                    capital=_capital(store.description)))
    log.info("credential saved for %s (%d part(s))", ref, len(parts))


def get_secret(ref: str) -> str | None:
    """The secret saved for ``ref``; None when there is none or no secure store exists."""
    _check_ref(ref)
    store = _store()
    if store.backend is None:
        log.info("no secure credential store; nothing read for %s", ref)
        return None
    secret = _read(store.backend, ref, store)
    if secret is not None:
        redaction.register(secret)
    return secret


def delete_secret(ref: str) -> bool:
    """Remove the secret saved for ``ref`` (all its parts); True if something was removed."""
    _check_ref(ref)
    store = _require_secure(ref, mark_app("app.security", "borrar"))
    backend = store.backend
    assert backend is not None
    with _write_lock:
        removed = _delete_all(backend, ref, store)
    # The secret stays registered for redaction: deleted here, it may still be valid out there.
    log.info("credential %s for %s", "deleted" if removed else "absent", ref)
    return removed


# --- helpers -------------------------------------------------------------------------------


def _check_ref(ref: str) -> None:
    if not isinstance(ref, str) or not ref.strip():
        raise SecretStoreError(tr_app("app.security", "Falta la fuente a la que pertenece la credencial."))
    if len(ref) > MAX_REF_CHARS:
        raise SecretStoreError(tr_app("app.security", "El nombre de la fuente tiene más de "
                                                      "{max_ref_chars} caracteres: el almacén del "
                                                      "sistema no lo admite.").format(
                                   max_ref_chars=MAX_REF_CHARS))


def _require_secure(ref: str, verb: str) -> _Store:
    store = _store()
    if store.backend is None:
        raise InsecureBackendError(
            tr_app("app.security", "No se puede {verb} la credencial de {ref}: {description}. Cuadre "
                                   "solo guarda contraseñas y tokens en el almacén seguro del "
                                   "sistema.").format(
                verb=tr_marked("app.security", verb), ref=ref, description=store.description))
    return store


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _store_error(exc: Exception, verb: str, ref: str, store: _Store) -> SecretStoreError:
    """A Spanish error for a backend failure; the backend's own message is not repeated (it
    is English and could, with some backend, quote what it was given)."""
    from keyring.errors import KeyringLocked, NoKeyringError

    log.warning("keyring could not %s %s: %s", verb, ref, type(exc).__name__)
    verb, no_store = tr_marked("app.security", verb), tr_marked("app.security", _NO_STORE)
    if isinstance(exc, KeyringLocked):
        return SecretStoreError(tr_app("app.security", "{capital} está bloqueado: desbloquéelo (o inicie "
                                                       "sesión) e intente de nuevo {verb} la credencial "
                                                       "de {ref}.").format(
                                    capital=_capital(store.description), verb=verb, ref=ref))
    if isinstance(exc, NoKeyringError):
        return InsecureBackendError(tr_app("app.security", "No se puede {verb} la credencial de {ref}: "
                                                           "{no_store}.").format(
                                        verb=verb, ref=ref, no_store=no_store))
    return SecretStoreError(tr_app("app.security", "{capital} no pudo {verb} la credencial de {ref} "
                                                   "({kind}).").format(
                                capital=_capital(store.description), verb=verb, ref=ref,
                                    kind=type(exc).__name__))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _write(backend: KeyringBackend, name: str, value: str, store: _Store) -> None:
    try:
        backend.set_password(SERVICE, name, value)
    except Exception as exc:
        raise _store_error(exc, mark_app("app.security", "guardar"), name.partition("#parte-")[0],
            store) from None


def _part_name(ref: str, slot: str, number: int) -> str:
    return f"{ref}#parte-{slot}{number}"


def _checksum(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16]


def _header(slot: str, count: int, secret: str) -> str:
    return f"{PARTS_HEADER}{slot}{count}:{_checksum(secret)}"


def _parse_header(value: str) -> tuple[str, int, str] | None:
    """(slot, number of parts, checksum) from a parts header; None when malformed."""
    if not value.startswith(PARTS_HEADER):
        return None
    where, _, checksum = value[len(PARTS_HEADER):].partition(":")
    slot, count = where[:1], where[1:]
    if slot not in SLOTS or not count.isdigit() or not 1 < int(count) <= MAX_PARTS \
            or len(checksum) != 16:
        return None
    return slot, int(count), checksum


def _split(secret: str) -> list[str]:
    """Pieces whose UTF-16 form fits one entry; a character is never cut in two."""
    if len(secret.encode("utf-16-le")) <= MAX_ENTRY_BYTES:
        return [secret]
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in secret:
        width = 4 if ord(char) > 0xFFFF else 2
        if size + width > MAX_ENTRY_BYTES:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return parts


def _read(backend: KeyringBackend, ref: str, store: _Store | None = None) -> str | None:
    """The whole secret for ``ref`` from ``backend`` (joining parts); None when absent."""
    store = store or _Store(backend, tr_app("app.security", "el almacén de credenciales"))
    try:
        value = backend.get_password(SERVICE, ref)
        if value is None or not value.startswith(PARTS_HEADER):
            return value
        header = _parse_header(value)
        pieces = [backend.get_password(SERVICE, _part_name(ref, header[0], n))
                  for n in range(1, header[1] + 1)] if header else []
    except Exception as exc:
        raise _store_error(exc, mark_app("app.security", "leer"), ref, store) from None
    joined = "".join(p for p in pieces if p is not None)
    if header is None or None in pieces or _checksum(joined) != header[2]:
        raise SecretStoreError(tr_app("app.security", "La credencial guardada para {ref} está incompleta "
                                                      "o dañada; guárdela de nuevo con «cuadre "
                                                      "credentials set {ref}».").format(ref=ref))
    return joined


def _current_header(backend: KeyringBackend, ref: str) -> tuple[str, int, str] | None:
    """The parts header of the current entry for ``ref``; None when it is whole or absent."""
    try:
        value = backend.get_password(SERVICE, ref)
    except Exception:
        return None
    return _parse_header(value) if value else None


def _delete_parts(backend: KeyringBackend, ref: str, slot: str, known: int = 0) -> bool:
    """Delete the parts in ``slot``: the first ``known`` ones (gaps or not), then on until one
    is missing (leftovers of a save that stopped half-way). True if any was deleted."""
    from keyring.errors import PasswordDeleteError

    removed = False
    for number in range(1, MAX_PARTS + 1):
        name = _part_name(ref, slot, number)
        try:
            if backend.get_password(SERVICE, name) is None:
                if number > known:
                    break
                continue
            backend.delete_password(SERVICE, name)
            removed = True
        except PasswordDeleteError:
            continue
        except Exception as exc:
            log.warning("keyring could not delete a part of a credential: %s", type(exc).__name__)
            break
    return removed


def _delete_all(backend: KeyringBackend, ref: str, store: _Store) -> bool:
    """Delete the main entry and every part (also leftovers of an interrupted save)."""
    from keyring.errors import PasswordDeleteError

    removed = False
    header = _current_header(backend, ref)
    try:
        backend.delete_password(SERVICE, ref)
        removed = True
    except PasswordDeleteError:
        pass
    except Exception as exc:
        raise _store_error(exc, mark_app("app.security", "borrar"), ref, store) from None
    for slot in SLOTS:
        known = header[1] if header and header[0] == slot else 0
        removed = _delete_parts(backend, ref, slot, known) or removed
    return removed
