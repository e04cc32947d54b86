"""Test setup shared by every suite: Qt without a screen and a throwaway data folder.

``QT_QPA_PLATFORM`` is set when this file is imported, before anything loads Qt, so window
tests run headless (an explicit value from the environment, e.g. ``xcb`` under Xvfb, wins).
``CUADRE_DATA_DIR`` points at a temporary folder for the whole session, so no test reads or
writes the user's real data folder (the demo databases, the log); ``PYTHON_KEYRING_BACKEND``
keeps every test away from the user's keyring, and ``CUADRE_STORE``/``CUADRE_USER``/
``CUADRE_WORKSPACE`` are cleared so none works in the developer's own workspace.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the developer's own keyring: the default backend refuses everything, and
# a test that needs one installs an in-memory store (tests/support/memory_keyring.py) or
# starts its own Secret Service on a private D-Bus.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# Nor the developer's own workspace, identity or workspace name (a test that wants them sets
# them with monkeypatch).
for _name in ("CUADRE_STORE", "CUADRE_USER", "CUADRE_WORKSPACE"):
    os.environ.pop(_name, None)
# The command line speaks the language of LANG; the suite expects its Spanish whatever the
# developer's locale (a test of the English sets its own).
os.environ["CUADRE_LANG"] = "es_CO.UTF-8"


@pytest.fixture(scope="session", autouse=True)
def cuadre_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's data folder (``CUADRE_DATA_DIR``); restored afterwards."""
    path = tmp_path_factory.mktemp("cuadre-data")
    previous = os.environ.get("CUADRE_DATA_DIR")
    os.environ["CUADRE_DATA_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("CUADRE_DATA_DIR", None)
    else:
        os.environ["CUADRE_DATA_DIR"] = previous


@pytest.fixture(scope="session", autouse=True)
def cuadre_translations() -> None:
    """The window's .qm files (built, not committed): compiled by tools/translations.py when
    missing or older than their .ts, so the English UI can be tested on a fresh clone."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    sources = sorted((root / "resources" / "translations").glob("cuadre_??.ts"))
    if any(not ts.with_suffix(".qm").exists()
           or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime for ts in sources):
        subprocess.run([sys.executable, str(root / "tools" / "translations.py"), "build"],
                       check=True, capture_output=True)


@pytest.fixture
def people_secrets(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """People who prove who they are, as every test before issue 17 took for granted: an
    in-memory keyring (``support.memory_keyring.PeopleKeyring``) in which every person of every
    workspace has remembered ``TEST_PASSPHRASE`` on this computer (an entry set or deleted by
    the test wins), people registered with no secret get that one, new hashes are Argon2id's
    cheapest (a hash keeps its parameters: checking works the same), and what ``cuadre
    people`` reads from stdin is that passphrase. The keyring is yielded, for a test that
    wants to remove or change an entry."""
    from support.memory_keyring import TEST_PASSPHRASE, PeopleKeyring, installed

    from app.security import passphrases
    from app.writeback import people

    real = people.provision

    def provision(session, actor, login, secret, **kw):  # type: ignore[no-untyped-def]
        real(session, actor, login, TEST_PASSPHRASE if secret is None else secret, **kw)

    monkeypatch.setattr(people, "provision", provision)

    class Typed:
        """What the person types at every prompt of ``cuadre people``: their passphrase."""

        def isatty(self) -> bool:
            return False

        def readline(self) -> str:
            return TEST_PASSPHRASE + "\n"

    monkeypatch.setattr(sys, "stdin", Typed())
    monkeypatch.setattr(passphrases, "PROFILE", "CHEAPEST")
    with installed(PeopleKeyring()) as backend:
        yield backend


@pytest.fixture
def keyless(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workspaces made as on a computer that cannot keep signing keys: they sign nothing
    (issue 17), for tests that write a trail as people never registered there."""
    from app.writeback import people

    monkeypatch.setattr(people, "enrol", lambda *_args, **_kw: False)
