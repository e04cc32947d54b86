"""Issue 17, item 1 on a local SQLite workspace: a person proves who they are with their own
passphrase (Argon2id), remembered in the OS keyring of their computer; ``--as`` someone whose
secret is missing or wrong is refused with one Spanish sentence and exit 3, never a traceback.

These tests use a plain in-memory keyring (not ``people_secrets``): every secret here is one a
person typed, through stdin, as a script gives it."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest
from support.memory_keyring import MemoryKeyring, installed

from app.cli.main import main
from app.security import passphrases
from app.security.secrets import SERVICE
from app.store import open_store
from app.writeback import identity
from app.writeback.people import add_person

ADMIN_KEY = "clave-de-admin-larga"
ANA_KEY = "clave-inicial-de-ana"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def keyring_store():
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(passphrases, "PROFILE", "CHEAPEST")


@pytest.fixture
def url(tmp_path, monkeypatch):
    address = f"sqlite:///{tmp_path / 'espacio.sqlite'}"
    monkeypatch.setenv("CUADRE_STORE", address)
    return address


@pytest.fixture
def cuadre(capsys, monkeypatch, url):
    def call(*args: str, stdin: str = "") -> Ran:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


def _entry(backend: MemoryKeyring, url: str, login: str) -> str | None:
    return backend.entries.get((SERVICE, passphrases.person_ref(identity.url_key(url), login)))


@pytest.fixture
def office(cuadre, keyring_store, url):
    """admin (registered first, remembered here) and ana (given an initial passphrase)."""
    first = cuadre("people", "add", "admin", "--name", "Admin", "--role", "administra",
                   stdin=ADMIN_KEY + "\n")
    assert first.code == 0, first.err
    assert "quedó guardada en el almacén seguro" in first.err
    added = cuadre("people", "add", "ana", "--name", "Ana", "--role", "propone", "--as", "admin",
                   stdin=ANA_KEY + "\n")
    assert added.code == 0, added.err
    assert "cuadre people login ana" in added.err
    return keyring_store


def test_the_first_person_is_remembered_and_the_hash_is_argon2id(office, url):
    assert _entry(office, url, "admin") == ADMIN_KEY
    assert _entry(office, url, "ana") is None  # her secret is for her own computer
    with open_store(url) as store, store.read() as session:
        from app.store.models import PersonSecret

        kept = session.get(PersonSecret, "ana")
        assert kept is not None and kept.verifier.startswith("$argon2id$")
        assert ANA_KEY not in kept.verifier and kept.demo_secret is None


def test_as_someone_whose_secret_is_not_here_is_refused(office, cuadre):
    ran = cuadre("corrections", "propose", "--all", "--as", "ana")
    assert ran.code == 3
    assert ran.err == ("cuadre corrections: «ana» no ha iniciado sesión en este equipo: su clave "
                       "no está en el almacén seguro del sistema. Guárdela una vez con «cuadre "
                       "people login ana» (o en la ventana, «Iniciar sesión»).\n")
    assert "Traceback" not in ran.err


def test_login_with_a_wrong_passphrase_is_refused_and_nothing_is_kept(office, cuadre, url):
    wrong = cuadre("people", "login", "ana", stdin="no-es-la-clave\n")
    assert wrong.code == 3 and "La clave de «ana» no es la correcta." in wrong.err
    assert _entry(office, url, "ana") is None


def test_login_keeps_the_secret_and_then_as_works(office, cuadre, url):
    done = cuadre("people", "login", "ana", stdin=ANA_KEY + "\n")
    assert done.code == 0, done.err
    assert done.out == ("Clave de «ana» comprobada y guardada en el almacén seguro de este "
                        "equipo.\n")
    assert _entry(office, url, "ana") == ANA_KEY
    listed = cuadre("corrections", "propose", "--all", "--as", "ana")
    assert listed.code == 1 and "No hay conciliaciones guardadas" in listed.err  # past the identity


def test_a_stale_remembered_secret_is_refused(office, cuadre, url):
    office.entries[(SERVICE, passphrases.person_ref(identity.url_key(url), "admin"))] = \
        "otra-clave-vieja-123"
    ran = cuadre("people", "list", "--json")  # no --as: no identity needed to read
    assert ran.code == 0
    refused = cuadre("people", "add", "luis", "--name", "Luis", "--role", "audita",
                     "--as", "admin", stdin="clave-de-luis-123\n")
    assert refused.code == 3 and "ya no es la correcta" in refused.err


def test_claiming_another_person_with_cuadre_user_is_refused(office, cuadre, monkeypatch):
    monkeypatch.setenv("CUADRE_USER", "ana")  # the name only: the secret must be ana's own
    ran = cuadre("people", "add", "luis", "--name", "Luis", "--role", "audita",
                 stdin="clave-de-luis-123\n")
    assert ran.code == 3 and "«ana» no ha iniciado sesión" in ran.err


def test_unknown_person_is_refused(office, cuadre):
    ran = cuadre("corrections", "propose", "--all", "--as", "nadie")
    assert ran.code == 3 and "«nadie» no está registrado" in ran.err


def test_passphrase_change_needs_the_current_one(office, cuadre, url):
    assert cuadre("people", "login", "ana", stdin=ANA_KEY + "\n").code == 0
    wrong = cuadre("people", "passphrase", "ana", stdin="equivocada-1234\nnueva-clave-de-ana\n")
    assert wrong.code == 3 and "no es la correcta" in wrong.err
    short = cuadre("people", "passphrase", "ana", stdin=ANA_KEY + "\ncorta\n")
    assert short.code == 1 and "al menos 10 caracteres" in short.err
    done = cuadre("people", "passphrase", "ana", stdin=ANA_KEY + "\nnueva-clave-de-ana\n")
    assert done.code == 0 and done.out == "La clave de «ana» cambió.\n"
    assert _entry(office, url, "ana") == "nueva-clave-de-ana"
    assert cuadre("people", "login", "ana", stdin=ANA_KEY + "\n").code == 3  # the old one


def test_only_an_admin_resets_a_lost_passphrase(office, cuadre, url):
    refused = cuadre("people", "passphrase", "admin", "--reset", "--as", "ana",
                     stdin="clave-robada-12345\n")
    assert refused.code == 3  # ana has not logged in here, and is no admin anyway
    assert cuadre("people", "login", "ana", stdin=ANA_KEY + "\n").code == 0
    refused = cuadre("people", "passphrase", "admin", "--reset", "--as", "ana",
                     stdin="clave-robada-12345\n")
    assert refused.code == 3 and "no tiene el rol para administrar" in refused.err
    done = cuadre("people", "passphrase", "ana", "--reset", "--as", "admin",
                  stdin="clave-repuesta-123\n")
    assert done.code == 0, done.err
    # What ana's computer remembered no longer opens the workspace.
    stale = cuadre("corrections", "propose", "--all", "--as", "ana")
    assert stale.code == 3 and "ya no es la correcta" in stale.err
    verified = cuadre("audit", "verify")
    assert verified.code == 0, verified.err


def test_the_first_person_needs_a_passphrase(cuadre, keyring_store):
    ran = cuadre("people", "add", "admin", "--name", "Admin", "--role", "administra", stdin="")
    assert ran.code == 2 and "la primera persona necesita una clave" in ran.err


def test_a_secret_is_never_taken_from_the_command_line(cuadre, keyring_store):
    with pytest.raises(SystemExit) as done:
        cuadre("people", "login", "ana", "--password", "x")
    assert done.value.code == 2


def test_without_a_secure_keyring_the_first_person_is_told(cuadre):
    # The tests' default keyring backend refuses everything (tests/conftest.py).
    ran = cuadre("people", "add", "admin", "--name", "Admin", "--role", "administra",
                 stdin=ADMIN_KEY + "\n")
    assert ran.code == 0 and "Su clave no se guardó en este equipo" in ran.err
    later = cuadre("corrections", "propose", "--all", "--as", "admin")
    assert later.code == 3 and "no ha iniciado sesión" in later.err


def test_a_demo_workspace_keeps_generated_secrets_for_its_people(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    with open_store(url) as store:
        identity.mark_demo(store)
        add_person(store, None, "ana", "Ana", ["admin"])
        assert identity.authenticate(store, "ana") == "ana"  # no keyring at all
        with store.read() as session:
            from app.store.models import PersonSecret

            kept = session.get(PersonSecret, "ana")
            assert kept is not None and kept.demo_secret
            assert passphrases.matches(kept.verifier, kept.demo_secret)


def test_a_workspace_with_people_never_becomes_a_demo(tmp_path, keyring_store):
    url = f"sqlite:///{tmp_path / 'real.sqlite'}"
    with open_store(url) as store:
        add_person(store, None, "ana", "Ana", ["admin"], ADMIN_KEY)
        with pytest.raises(identity.CorrectionError, match="no se vuelve de demostración"):
            identity.mark_demo(store)
        with pytest.raises(identity.NotAuthenticated):
            identity.authenticate(store, "ana")  # nothing in the keyring, not a demo
        assert identity.authenticate(store, "ana", ADMIN_KEY) == "ana"


def test_a_demo_workspace_from_the_command_line_works_with_no_keyring(cuadre):
    """`people add --demo` (the first person only) marks the workspace as a demo: with the
    tests' keyring that refuses everything, its people still act (their generated secrets are
    kept in it), and a workspace with people never becomes one."""
    first = cuadre("people", "add", "admin", "--name", "Admin", "--role", "administra", "--demo")
    assert first.code == 0 and first.err == "", first.err
    assert cuadre("people", "add", "ana", "--name", "Ana", "--role", "propone",
                  "--as", "admin").code == 0
    ran = cuadre("corrections", "propose", "--all", "--as", "ana")
    assert ran.code == 1 and "No hay conciliaciones guardadas" in ran.err  # past the identity
    late = cuadre("people", "add", "luis", "--name", "Luis", "--role", "audita", "--as", "admin",
                  "--demo")
    assert late.code == 2 and "--demo solo vale para la primera persona" in late.err
