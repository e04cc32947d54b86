"""Issue 17: anchors kept outside the workspace — ``--anchor-file`` appends the audit trail's head
after every saved run (or by hand, ``cuadre audit anchor``), and ``cuadre audit verify
--anchor-file`` checks the trail against every line: a trail rewritten whole, head included,
passes the chain but not the file."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.audit_tamper import drop_guards, restore_guards, tamper

from app.audit.anchors import (
    AnchorError,
    append_anchor,
    check_outside,
    parse_anchor,
    read_anchors,
)
from app.audit.log import Anchor
from app.cli.main import main
from app.store import open_store

HASH = "ab" * 32


def test_the_file_is_read_line_by_line_and_only_ever_appended(tmp_path):
    path = tmp_path / "fuera" / "anclas.txt"
    assert read_anchors(path) == []  # not there yet
    when = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)
    append_anchor(path, Anchor(3, HASH), when, "cuadre audit anchor")
    append_anchor(path, Anchor(5, "cd" * 32), when, "cuadre workspace reconcile 1234")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"3:{HASH} 2026-12-07T21:00:00+00:00 cuadre audit anchor"
    assert read_anchors(path) == [Anchor(3, HASH), Anchor(5, "cd" * 32)]
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # the owner's only
    with path.open("a", encoding="utf-8") as out:
        out.write("\n# anotada a mano\n7:" + "EF" * 32 + "\n")
    assert read_anchors(path)[-1] == Anchor(7, "ef" * 32)
    with path.open("a", encoding="utf-8") as out:
        out.write("8:corta\n")
    with pytest.raises(AnchorError, match="línea 6: ancla no válida «8:corta»"):
        read_anchors(path)
    with pytest.raises(ValueError, match="zone"):
        append_anchor(path, Anchor(1, HASH), datetime(2026, 12, 7), "x")


def test_an_anchor_must_read_as_one():
    assert parse_anchor(f" 12:{HASH.upper()} ") == Anchor(12, HASH)
    for bad in ("12", f"x:{HASH}", "12:" + "g" * 64, "12:" + "a" * 63):
        with pytest.raises(AnchorError, match="se escribe N:HUELLA"):
            parse_anchor(bad)


def test_the_file_may_not_sit_beside_the_store(tmp_path):
    store = tmp_path / "espacio.sqlite"
    with pytest.raises(AnchorError, match="no puede estar en la carpeta del almacén"):
        check_outside(tmp_path / "anclas.txt", store)
    check_outside(tmp_path / "otro" / "anclas.txt", store)
    check_outside(tmp_path / "anclas.txt", None)  # a database server: its files are elsewhere


@pytest.fixture
def cuadre(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_STORE", f"sqlite:///{tmp_path / 'espacio' / 'w.sqlite'}")
    monkeypatch.delenv("CUADRE_ANCHOR_FILE", raising=False)
    monkeypatch.delenv("CUADRE_WORKSPACE", raising=False)

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    assert call("people", "add", "admin", "--name", "Administración", "--role",
                "administra")[0] == 0
    return call


def test_every_saved_run_appends_the_head_and_verify_checks_the_file(cuadre, tmp_path,
                                                                      monkeypatch):
    anchors = tmp_path / "usb" / "anclas.txt"
    code, _, err = cuadre("workspace", "reconcile", "--demo", "--as", "admin", "-q",
                          "--anchor-file", str(anchors))
    assert code == 0, err
    monkeypatch.setenv("CUADRE_ANCHOR_FILE", str(anchors))  # the variable does the same
    assert cuadre("workspace", "reconcile", "--demo", "--as", "admin", "-q")[0] == 0
    lines = anchors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all("cuadre workspace reconcile " in line for line in lines)
    code, out, _ = cuadre("audit", "verify")
    assert code == 0 and out.startswith("Registro de auditoría íntegro")
    code, out, _ = cuadre("audit", "anchor")
    assert code == 0 and "anotada en" in out
    assert len(read_anchors(anchors)) == 3

    # Someone with the file rewrites the trail's tail and its head, and puts the guards back.
    store = open_store(f"sqlite:///{tmp_path / 'espacio' / 'w.sqlite'}")
    try:
        drop_guards(store)
        with store.engine.begin() as conn:
            tamper(conn, "truncate_fix_head", random.Random(3))
            restore_guards(conn)
    finally:
        store.close()
    monkeypatch.delenv("CUADRE_ANCHOR_FILE")
    # The chain alone cannot tell; since issue 17 verify also checks what the trail says against
    # the tables and the signatures, and the shortened trail no longer agrees with them.
    assert cuadre("audit", "verify")[0] == 1
    code, _, err = cuadre("audit", "verify", "--anchor-file", str(anchors))
    assert code == 1 and "Registro de auditoría alterado" in err
    code, _, err = cuadre("audit", "anchor", "--anchor-file", str(anchors))
    assert code == 1 and len(read_anchors(anchors)) == 3  # nothing anchored over a rewrite


def test_a_file_beside_the_store_is_refused_before_reconciling(cuadre, tmp_path):
    beside = tmp_path / "espacio" / "anclas.txt"
    code, _, err = cuadre("workspace", "reconcile", "--demo", "--as", "admin", "-q",
                          "--anchor-file", str(beside))
    assert code == 1 and "no puede estar en la carpeta del almacén" in err
    assert not beside.exists()
    code, _, err = cuadre("audit", "anchor")
    assert code == 2 and "indique el archivo de anclas" in err


def test_a_damaged_file_is_never_half_read(cuadre, tmp_path):
    anchors = tmp_path / "usb" / "anclas.txt"
    anchors.parent.mkdir()
    anchors.write_text(f"1:{HASH}\nbasura\n", encoding="utf-8")
    code, _, err = cuadre("audit", "verify", "--anchor-file", str(anchors))
    assert code == 1 and "línea 2" in err
    assert Path(anchors).read_text(encoding="utf-8") == f"1:{HASH}\nbasura\n"


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
