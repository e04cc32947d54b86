"""``cuadre credentials set|delete|check`` against an in-memory store: the secret is read from a
hidden prompt or stdin, stored under the source's reference, and never printed or logged."""

from __future__ import annotations

import io
import logging

import pytest
from keyring.backends import fail
from support.memory_keyring import NAME, MemoryKeyring, installed

from app.cli.main import main
from app.security import redaction
from app.security.secrets import SERVICE, get_secret

CANARY = "CANARY-cli-5d1e-9b07"
SOURCE = "HTTP://Crm.Example.CO:8443/api/"
REF = "http://crm.example.co:8443/api"


@pytest.fixture
def store():
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    redaction.clear()
    yield tmp_path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_cuadre", False)]:
        root.removeHandler(handler)
        handler.close()
    redaction.clear()


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def _everything_written(data_dir, capsys) -> str:
    out, err = capsys.readouterr()
    files = "".join(p.read_text("utf-8", errors="replace") for p in data_dir.rglob("*") if p.is_file())
    return out + err + files


def test_set_from_stdin_stores_under_the_canonical_reference(store, monkeypatch, capsys, data_dir):
    _stdin(monkeypatch, CANARY + "\r\n")
    assert main(["credentials", "set", SOURCE]) == 0
    assert store.entries == {(SERVICE, REF): CANARY}
    out, err = capsys.readouterr()
    assert out.strip() == f"Credencial guardada para {REF} en {NAME}."
    assert CANARY not in out + err
    assert (data_dir / "logs" / "cuadre.log").exists()
    assert CANARY not in _everything_written(data_dir, capsys)


def test_set_from_a_terminal_asks_without_echo(store, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or CANARY)
    assert main(["credentials", "set", "odoo://admin@erp.local:8069/prod"]) == 0
    assert asked and "odoo://admin@erp.local:8069/prod" in asked[0]
    assert get_secret("odoo://admin@erp.local:8069/prod") == CANARY
    out, err = capsys.readouterr()
    assert CANARY not in out + err


def test_only_the_first_line_of_stdin_is_the_secret(store, monkeypatch):
    _stdin(monkeypatch, "linea-uno-secreta\nlinea-dos\n")
    assert main(["credentials", "set", SOURCE]) == 0
    assert get_secret(REF) == "linea-uno-secreta"


def test_empty_input_saves_nothing(store, monkeypatch, capsys):
    _stdin(monkeypatch, "\n")
    assert main(["credentials", "set", SOURCE]) == 1
    assert "no se recibió ninguna credencial" in capsys.readouterr().err
    assert store.entries == {}


@pytest.mark.parametrize("source", ["clientes.csv", "sqlite:///crm.db"])
def test_a_source_without_a_secret_is_a_usage_error(store, monkeypatch, capsys, source):
    _stdin(monkeypatch, CANARY + "\n")
    assert main(["credentials", "set", source]) == 2
    assert "no necesita credencial" in capsys.readouterr().err
    assert store.entries == {}


def test_a_password_written_in_the_source_is_refused_and_not_repeated(store, monkeypatch, capsys):
    _stdin(monkeypatch, "x\n")
    assert main(["credentials", "set", f"postgresql://erp:{CANARY}@db.local:5432/erp"]) == 2
    err = capsys.readouterr().err
    assert "no debe llevar la contraseña" in err and CANARY not in err
    assert store.entries == {}


def test_an_insecure_store_refuses_before_asking(monkeypatch, capsys, data_dir):
    _stdin(monkeypatch, CANARY + "\n")
    with installed(fail.Keyring(), trusted=False):
        assert main(["credentials", "set", SOURCE]) == 1
    err = capsys.readouterr().err
    assert "no hay un almacén seguro" in err and "almacén seguro del sistema" in err
    assert CANARY not in err
    assert "\n" not in err.strip()  # one sentence, no traceback


def test_delete_and_delete_again(store, monkeypatch, capsys):
    store.entries[(SERVICE, REF)] = CANARY
    assert main(["credentials", "delete", SOURCE]) == 0
    assert f"Se borró la credencial de {REF} guardada en {NAME}." in capsys.readouterr().out
    assert store.entries == {}
    assert main(["credentials", "delete", SOURCE]) == 1
    assert "no había una credencial guardada" in capsys.readouterr().err


def test_delete_with_an_insecure_store_says_why(capsys):
    with installed(fail.Keyring(), trusted=False):
        assert main(["credentials", "delete", SOURCE]) == 1
    assert "no hay un almacén seguro" in capsys.readouterr().err


def test_check_names_the_store_and_whether_a_source_has_a_secret(store, capsys):
    assert main(["credentials", "check"]) == 0
    assert f"Almacén de credenciales en uso: {NAME}, que es seguro." in capsys.readouterr().out
    assert main(["credentials", "check", SOURCE]) == 1
    assert f"no hay una credencial guardada para {REF}" in capsys.readouterr().err
    store.entries[(SERVICE, REF)] = CANARY
    assert main(["credentials", "check", SOURCE]) == 0
    out, err = capsys.readouterr()
    assert f"Hay una credencial guardada para {REF}" in out and CANARY not in out + err


def test_check_with_an_insecure_store_fails(capsys):
    with installed(fail.Keyring(), trusted=False):
        assert main(["credentials", "check"]) == 1
    err = capsys.readouterr().err
    assert "No hay un almacén seguro" in err and "no guardará credenciales" in err


def test_a_locked_store_is_a_clear_failure(monkeypatch, capsys):
    from keyring.errors import KeyringLocked

    class Locked(MemoryKeyring):
        def set_password(self, service, username, password):
            raise KeyringLocked("Failed to unlock the collection!")

    _stdin(monkeypatch, CANARY + "\n")
    with installed(Locked()):
        assert main(["credentials", "set", SOURCE]) == 1
    err = capsys.readouterr().err
    assert "está bloqueado" in err and CANARY not in err


@pytest.mark.parametrize("args", [["credentials"], ["credentials", "set"], ["credentials", "rotate", "x"]])
def test_wrong_use_exits_with_2(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2


def test_a_secret_cannot_be_given_on_the_command_line(store, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["credentials", "set", SOURCE, CANARY])
    assert exited.value.code == 2
    assert store.entries == {}
    assert CANARY not in "".join(capsys.readouterr())


@pytest.mark.parametrize("args", [
    ["credentials", "set", SOURCE, CANARY],  # the secret after the source
    ["credentials", "set", SOURCE, "--", CANARY],
    ["credentials", "set", "--password", CANARY, SOURCE],  # as an option nobody offers
    ["credentials", "set", f"--token={CANARY}", SOURCE],
    ["credentials", "set", "-" + CANARY],
    ["credentials", CANARY],  # in the action's place
    ["credentials", f"--{CANARY}", "check"],
    ["credentials", "check", SOURCE, CANARY],
    ["credentials", "delete", CANARY, SOURCE],
])
def test_an_argument_out_of_place_is_never_repeated(store, monkeypatch, capsys, data_dir, args):
    """A secret typed in the wrong place does not reach the screen (nor the log): the error
    says in one Spanish sentence what was wrong, without what was typed."""
    _stdin(monkeypatch, "x\n")
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert CANARY not in out + err
    said = err.strip().splitlines()[-1]
    assert said.startswith("cuadre") and ": error: " in said
    assert any(why in said for why in ("no se muestra", "faltan los argumentos obligatorios"))
    assert "usage" not in err and "unrecognized" not in err and "invalid choice" not in err
    assert CANARY not in _everything_written(data_dir, capsys)
    assert store.entries == {}


def test_a_secret_typed_as_the_source_is_not_repeated(store, monkeypatch, capsys):
    _stdin(monkeypatch, "x\n")
    assert main(["credentials", "set", CANARY]) == 2  # reads as a file: takes no secret
    err = capsys.readouterr().err
    assert CANARY not in err and "es un archivo, que no necesita credencial" in err
    assert err.count("\n") == 1 and store.entries == {}
