"""Secrets live only in a secure OS store: round trips, refusals, long secrets, failures.

Every test runs against an in-memory backend (``support.memory_keyring``) or a deliberately
insecure one; the developer's own keyring is never opened.
"""

from __future__ import annotations

import traceback

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError
from support.memory_keyring import NAME, MemoryKeyring, installed

from app.domain.sources import secret_ref
from app.security import redaction
from app.security.secrets import (
    MAX_ENTRY_BYTES,
    MAX_SECRET_CHARS,
    SERVICE,
    InsecureBackendError,
    SecretStoreError,
    backend_status,
    delete_secret,
    get_secret,
    set_secret,
)

REF = secret_ref("http://127.0.0.1:8069/crm/")
CANARY = "CANARY-7f3a-9c21-secreto"


@pytest.fixture
def store():
    with installed(MemoryKeyring(max_entry_bytes=MAX_ENTRY_BYTES)) as backend:
        yield backend


@pytest.fixture(autouse=True)
def _fresh_redaction():
    redaction.clear()
    yield
    redaction.clear()


class PlaintextKeyring(KeyringBackend):
    """Looks like keyrings.alt's file backend: keeps secrets, but in a file (here, a dict)."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username))


PlaintextKeyring.__module__ = "keyrings.alt.file"


def _sizes(backend: MemoryKeyring) -> list[int]:
    return [len(v.encode("utf-16-le")) for v in backend.entries.values()]


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_under_the_cuadre_service_and_the_source_reference(store):
    assert REF == "http://127.0.0.1:8069/crm"
    assert get_secret(REF) is None
    set_secret(REF, CANARY)
    assert store.entries == {(SERVICE, REF): CANARY}
    assert get_secret(REF) == CANARY
    set_secret(REF, "otra-clave-2")  # replaces
    assert get_secret(REF) == "otra-clave-2"
    assert delete_secret(REF) is True
    assert store.entries == {}
    assert get_secret(REF) is None
    assert delete_secret(REF) is False


def test_sources_are_kept_apart(store):
    crm, erp = secret_ref("odoo://admin@erp.local:8069/prod"), secret_ref("https://crm.example.co/api")
    set_secret(crm, "clave-erp-1")
    set_secret(erp, "clave-crm-2")
    assert (get_secret(crm), get_secret(erp)) == ("clave-erp-1", "clave-crm-2")
    delete_secret(crm)
    assert (get_secret(crm), get_secret(erp)) == (None, "clave-crm-2")


def test_a_secure_store_reports_its_name(store):
    assert backend_status() == (True, NAME)


@pytest.mark.parametrize("secret", ["", "   ", "\t\n"])
def test_an_empty_secret_is_refused(store, secret):
    with pytest.raises(SecretStoreError, match="vacía"):
        set_secret(REF, secret)
    assert store.entries == {}


def test_an_empty_or_absurd_reference_is_refused(store):
    with pytest.raises(SecretStoreError, match="Falta la fuente"):
        set_secret(" ", CANARY)
    with pytest.raises(SecretStoreError, match="más de 500"):
        get_secret("http://x/" + "a" * 600)


def test_secrets_read_or_saved_are_registered_for_redaction(store):
    store.entries[(SERVICE, REF)] = CANARY  # saved by an earlier run
    assert redaction.scrub(f"valor {CANARY}") == f"valor {CANARY}"
    assert get_secret(REF) == CANARY
    assert redaction.scrub(f"valor {CANARY}") == "valor ***"
    set_secret(REF, "otro-canario-99")
    assert "otro-canario-99" not in redaction.scrub("x otro-canario-99 x")


# --- insecure stores -------------------------------------------------------------------------


@pytest.mark.parametrize(("backend", "reason"), [
    (fail.Keyring(), "no hay un almacén seguro"),
    (null.Keyring(), "desactivado"),
    (PlaintextKeyring(), "archivo del disco"),
    (MemoryKeyring(), "no es un almacén seguro reconocido"),  # not trusted this time
])
def test_an_insecure_store_is_refused_with_the_reason(backend, reason):
    with installed(backend, trusted=False):
        secure, why = backend_status()
        assert not secure and reason in why
        with pytest.raises(InsecureBackendError) as refused:
            set_secret(REF, CANARY)
        message = str(refused.value)
        assert reason in message and "almacén seguro del sistema" in message and REF in message
        assert CANARY not in message
        assert get_secret(REF) is None
        with pytest.raises(InsecureBackendError):
            delete_secret(REF)
    assert getattr(backend, "entries", {}) == {}


def test_an_insecure_store_is_never_read(tmp_path):
    plain = PlaintextKeyring()
    plain.entries[(SERVICE, REF)] = CANARY
    with installed(plain, trusted=False):
        assert get_secret(REF) is None


def test_a_chain_uses_its_secure_member_and_never_the_file_backend(monkeypatch):
    plain, memory = PlaintextKeyring(), MemoryKeyring()
    plain.entries[(SERVICE, REF)] = "de-un-archivo"
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plain, memory])
    with installed(memory):  # trusts MemoryKeyring, activates it...
        with installed(chainer.ChainerBackend(), trusted=False):  # ...then puts the chain on top
            assert backend_status() == (True, NAME)
            assert get_secret(REF) is None
            set_secret(REF, CANARY)
            assert memory.entries == {(SERVICE, REF): CANARY}
            assert plain.entries == {(SERVICE, REF): "de-un-archivo"}


def test_a_chain_without_a_secure_member_is_refused(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring()])
    with installed(chainer.ChainerBackend(), trusted=False):
        secure, why = backend_status()
        assert not secure and "no hay un almacén seguro" in why
        with pytest.raises(InsecureBackendError):
            set_secret(REF, CANARY)


def test_a_configured_backend_that_cannot_load_is_refused(monkeypatch):
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.no_such_module.Keyring")
    secure, why = backend_status()
    assert not secure and "no se pudo cargar" in why
    assert get_secret(REF) is None


def test_the_real_os_stores_are_the_secure_ones():
    from app.security.secrets import SECURE_BACKENDS

    assert set(SECURE_BACKENDS) >= {
        "keyring.backends.Windows.WinVaultKeyring", "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"}
    assert not any("fail" in n or "null" in n or "alt" in n or "chainer" in n for n in SECURE_BACKENDS)


# --- long secrets (Windows Credential Manager: 2,560 bytes per entry) -----------------------


def test_a_secret_that_fits_one_entry_is_stored_whole(store):
    fits = "x" * (MAX_ENTRY_BYTES // 2)  # 1,280 characters = 2,560 bytes in UTF-16
    set_secret(REF, fits)
    assert store.entries == {(SERVICE, REF): fits}


@pytest.mark.parametrize("length", [MAX_ENTRY_BYTES // 2 + 1, 5000, MAX_SECRET_CHARS])
def test_a_long_token_is_split_into_parts_that_fit_and_read_back_whole(store, length):
    token = ("eyJhbGciOiJSUzI1NiJ9." * (length // 20 + 1))[:length]
    set_secret(REF, token)
    assert len(store.entries) == 1 + -(-length // (MAX_ENTRY_BYTES // 2))
    assert max(_sizes(store)) <= MAX_ENTRY_BYTES
    assert token not in store.entries.values()  # not whole anywhere...
    assert get_secret(REF) == token  # ...and whole when read
    assert delete_secret(REF) is True
    assert store.entries == {}


def test_characters_outside_the_bmp_are_never_cut_in_two(store):
    token = "a" + "🔑" * 700 + "ñ" * 500  # 4 bytes each in UTF-16, straddling the boundary
    set_secret(REF, token)
    assert len(store.entries) > 2 and max(_sizes(store)) <= MAX_ENTRY_BYTES
    for value in store.entries.values():
        value.encode("utf-8")  # a lone surrogate would raise here
    assert get_secret(REF) == token


def test_replacing_a_long_secret_leaves_no_stale_parts(store):
    set_secret(REF, "L" * 6000)
    set_secret(REF, "M" * 3000)
    assert len(store.entries) == 1 + 3
    assert get_secret(REF) == "M" * 3000
    set_secret(REF, "corto-123")
    assert store.entries == {(SERVICE, REF): "corto-123"}
    set_secret(REF, "N" * 3000)
    set_secret(REF, "O" * 3000)
    assert len(store.entries) == 1 + 3 and get_secret(REF) == "O" * 3000


def test_a_too_long_secret_is_refused_whole_and_the_old_one_kept(store):
    set_secret(REF, CANARY)
    with pytest.raises(SecretStoreError, match="nunca se recorta"):
        set_secret(REF, "x" * (MAX_SECRET_CHARS + 1))
    with pytest.raises(SecretStoreError, match="nunca se recorta"):
        set_secret(REF, "🔑" * (MAX_SECRET_CHARS // 2 + 1))  # fewer characters, too many bytes
    assert store.entries == {(SERVICE, REF): CANARY}


def test_a_save_that_fails_half_way_keeps_the_previous_long_secret(store):
    old = "V" * 4000
    set_secret(REF, old)
    calls = {"n": 0}
    original = MemoryKeyring.set_password

    def flaky(self, service, username, password):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, service, username, password)

    store.set_password = flaky.__get__(store)
    with pytest.raises(SecretStoreError, match="no pudo guardar"):
        set_secret(REF, "W" * 4000)
    store.set_password = original.__get__(store)
    assert get_secret(REF) == old
    assert len(store.entries) == 1 + 4  # the half-written parts were removed


def test_mixed_up_parts_are_reported_not_used(store):
    set_secret(REF, "P" * 3000)
    part = next(k for k in store.entries if k[1] != REF)
    store.entries[part] = "Q" * 1280
    with pytest.raises(SecretStoreError, match="incompleta o dañada") as damaged:
        get_secret(REF)
    assert "credentials set" in str(damaged.value) and "P" * 20 not in str(damaged.value)
    del store.entries[part]
    with pytest.raises(SecretStoreError, match="incompleta o dañada"):
        get_secret(REF)
    assert delete_secret(REF) is True and store.entries == {}


def test_the_internal_header_cannot_be_saved_as_a_secret(store):
    with pytest.raises(SecretStoreError, match="reserva"):
        set_secret(REF, "cuadre-partes/1:a2:0123456789abcdef")


def test_a_store_that_truncates_silently_is_caught_by_the_read_back():
    with installed(MemoryKeyring(truncate_to=100)) as store:
        with pytest.raises(SecretStoreError, match="no devolvió la credencial"):
            set_secret(REF, "z" * 200)
        assert store.entries == {}  # nothing half-kept to be used later


def test_orphan_parts_of_an_interrupted_save_are_deleted(store):
    store.entries[(SERVICE, REF + "#parte-a1")] = "huérfana-1"
    store.entries[(SERVICE, REF + "#parte-a2")] = "huérfana-2"
    assert delete_secret(REF) is True
    assert store.entries == {}


# --- store failures --------------------------------------------------------------------------


class BrokenKeyring(MemoryKeyring):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service, username):
        raise self.error

    def set_password(self, service, username, password):
        raise self.error

    def delete_password(self, service, username):
        raise self.error


@pytest.mark.parametrize(("error", "message"), [
    (KeyringLocked("Failed to unlock the collection!"), "está bloqueado"),
    (RuntimeError(f"dbus said: {CANARY}"), "no pudo guardar"),
    (OSError(5, f"Access denied {CANARY}"), "no pudo guardar"),
])
def test_store_failures_are_spanish_and_never_carry_the_secret(error, message):
    with installed(BrokenKeyring(error)):
        with pytest.raises(SecretStoreError, match=message) as failed:
            set_secret(REF, CANARY)
        shown = "".join(traceback.format_exception(failed.value))
        assert CANARY not in shown and REF in str(failed.value)
        with pytest.raises(SecretStoreError, match=r"leer|bloqueado"):
            get_secret(REF)
        with pytest.raises(SecretStoreError, match=r"borrar|bloqueado"):
            delete_secret(REF)


def test_deleting_something_absent_is_not_an_error(store):
    store.delete_password = lambda s, u: (_ for _ in ()).throw(PasswordDeleteError("nope"))
    assert delete_secret(REF) is False
