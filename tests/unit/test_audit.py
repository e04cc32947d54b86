"""The hash-chained audit trail: appended in the caller's transaction, every tampering found,
exported without formula injection (negative amounts stay numbers), and ``cuadre audit``."""

from __future__ import annotations

import csv
import itertools
import random
from collections import Counter
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from support.audit_tamper import (
    COVERED_UP,
    KINDS,
    build_chain,
    drop_guards,
    read_rows,
    restore_guards,
    tamper,
)

from app.audit import Anchor, verify, verify_session
from app.audit.export import cell, export
from app.cli.main import main
from app.security.spreadsheets import safe_text
from app.store import open_store
from app.store.chain import append
from app.store.values import GENESIS, audit_value


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as opened:
        yield opened


def test_an_empty_trail_verifies(store):
    result = verify(store)
    assert result.ok and result.rows == 0 and result.head_hash == GENESIS


def test_append_is_part_of_the_callers_transaction(store):
    build_chain(store, 3)
    with pytest.raises(RuntimeError), store.write() as session:
        append(session, actor="ana", action="propose")
        raise RuntimeError("the state change failed")
    result = verify(store)
    assert result.ok and result.rows == 3


def test_rows_are_chained(store):
    build_chain(store, 5)
    with store.read() as s:
        from app.store.models import AuditRow

        rows = list(s.query(AuditRow).order_by(AuditRow.seq))
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert all(r.at.endswith("+00:00") for r in rows)


def test_row_hash_is_the_canonical_json_hash():
    from app.store.chain import row_hash
    from app.store.models import AUDIT_FIELDS
    from app.store.values import canonical_json, sha256_hex

    row = {name: f"{name} ñ =" for name in AUDIT_FIELDS} | {"seq": 3, "old": None}
    assert row_hash(row) == sha256_hex(canonical_json(row))


def test_the_verifier_catches_every_one_of_1000_random_tamperings(store):
    build_chain(store, 200)
    clean = verify(store)
    assert clean.ok
    anchor = clean.anchor()
    assert anchor == Anchor(200, clean.head_hash)
    drop_guards(store)
    rnd = random.Random(20240601)
    missed: list[str] = []
    kinds: Counter[str] = Counter()
    with store.engine.connect() as conn:
        with conn.begin():
            rows = read_rows(conn)
        for _ in range(1000):
            kind = rnd.choice(KINDS)
            kinds[kind] += 1
            transaction = conn.begin()
            try:
                tamper(conn, kind, rnd, rows)
                restore_guards(conn)
                with Session(bind=conn) as session:
                    # Covered-up tamperings (head or whole chain rewritten) need the anchor an
                    # auditor noted; everything else is caught by the chain and head alone.
                    result = verify_session(session, [anchor] if kind in COVERED_UP else [])
            finally:
                transaction.rollback()
            if result.ok or not result.message.startswith("Registro de auditoría alterado"):
                missed.append(kind)
        with Session(bind=conn) as session:  # every tampering was rolled back; guards dropped
            assert verify_session(session, [anchor]).reason == "guards_missing"
        with conn.begin():
            restore_guards(conn)
        with Session(bind=conn) as session:
            assert verify_session(session, [anchor]).ok
    assert missed == []
    assert set(kinds) == set(KINDS) and min(kinds.values()) > 80


def test_covered_up_tampering_passes_without_an_anchor(store):
    """What the anchor is for: a rewritten chain with a matching head is self-consistent."""
    build_chain(store, 30)
    anchor = verify(store).anchor()
    assert anchor is not None
    drop_guards(store)
    with store.engine.begin() as conn:
        tamper(conn, "truncate_fix_head", random.Random(1))
        restore_guards(conn)  # and puts the triggers back
    assert verify(store).ok
    result = verify(store, [anchor])
    assert not result.ok and result.reason == "anchor_missing"


def test_the_first_broken_row_is_named(store):
    build_chain(store, 10)
    drop_guards(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET new = '-1.00' WHERE seq = 4")
    result = verify(store)
    assert (result.ok, result.broken_seq, result.reason) == (False, 4, "hash_mismatch")
    assert "fila 4" in result.message


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\",\"clic\")", "'=HYPERLINK(\"http://x\",\"clic\")"),
    ("+57 300 123 4567", "'+57 300 123 4567"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("Juan Pérez", "Juan Pérez"),
])
def test_text_that_a_spreadsheet_would_run_is_escaped(value, expected):
    assert safe_text(value) == expected
    assert cell("comment", value) == expected
    assert cell("new", audit_value(value)) == expected  # text values too


def test_numbers_stay_numbers():
    assert cell("old", audit_value(Decimal("-1500000.00"))) == Decimal("-1500000.00")
    assert cell("new", audit_value(Decimal("-7"))) == -7
    assert cell("new", audit_value("0012")) == "0012"  # a document number stays text
    assert cell("new", audit_value("-1500000.00")) == "'-1500000.00"  # text that looks numeric
    assert cell("seq", 3) == 3


def _export_rows(store):
    build_chain(store, 2)
    with store.write() as session:
        append(session, actor="=cmd|' /C calc'!A0", action="approve", record="@SUM(1+1)",
               field="amount", old=audit_value(Decimal("1500000.00")),
               new=audit_value(Decimal("-1500000.00")), comment="-2+3", correction_id="c9")
        append(session, actor="ana", action="edit", record="0012", field="doc_number",
               old=audit_value("0012"), new=audit_value("=1+1"), comment="\x07campana")


def test_xlsx_export_is_safe_and_numeric(store, tmp_path):
    _export_rows(store)
    path = tmp_path / "auditoria.xlsx"
    assert export(store, path) == 4
    book = load_workbook(path)
    sheet = book["Auditoría"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[4], strict=True)}
    assert row["Quién"].value == "'=cmd|' /C calc'!A0" and row["Quién"].data_type == "s"
    assert row["Registro"].value == "'@SUM(1+1)"
    assert row["Comentario"].value == "'-2+3"
    assert row["Valor nuevo"].data_type == "n" and row["Valor nuevo"].value == -1500000
    assert row["Valor anterior"].value == 1500000
    last = {h: c.value for h, c in zip(header, sheet[5], strict=True)}
    assert last["Registro"] == "0012" and last["Valor anterior"] == "0012"
    assert last["Valor nuevo"] == "'=1+1" and last["Comentario"] == "\ufffdcampana"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)
    book.close()


def test_csv_export_is_safe_and_numeric(store, tmp_path):
    _export_rows(store)
    path = tmp_path / "auditoria.csv"
    assert export(store, path) == 4
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[2]["Quién"] == "'=cmd|' /C calc'!A0"
    assert rows[2]["Valor nuevo"] == "-1500000.00"  # a number: never escaped
    assert rows[2]["Comentario"] == "'-2+3"
    assert rows[3]["Valor nuevo"] == "'=1+1" and rows[3]["Registro"] == "0012"
    dangerous = [v for r in rows for k, v in r.items()
                 if k not in ("Valor anterior", "Valor nuevo") and v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


def test_cli_verify_and_export(store, tmp_path, capsys):
    build_chain(store, 20)
    url = store.describe()
    assert main(["audit", "verify", "--store", url]) == 0
    out = capsys.readouterr().out
    assert "íntegro: 20 filas" in out and "--anchor 20:" in out
    anchor = out.strip().rsplit("--anchor ", 1)[1]
    assert main(["audit", "verify", "--store", url, "--anchor", anchor]) == 0
    assert main(["audit", "export", "--store", url, "--out", str(tmp_path / "a.xlsx")]) == 0
    assert main(["audit", "export", "--store", url, "--out", str(tmp_path / "a.csv")]) == 0
    assert "20 filas exportadas" in capsys.readouterr().out
    assert main(["audit", "export", "--store", url, "--out", str(tmp_path / "a.txt")]) == 2
    assert main(["audit", "verify", "--store", url, "--anchor", "nope"]) == 2
    capsys.readouterr()
    drop_guards(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 7")
    assert main(["audit", "verify", "--store", url]) == 1
    err = capsys.readouterr().err
    assert "Registro de auditoría alterado" in err and "8" in err


def test_cli_verify_refuses_a_store_on_a_network_share(capsys):
    assert main(["audit", "verify", "--store", r"sqlite:///\\nas\c\w.sqlite"]) == 1
    assert "carpeta de red" in capsys.readouterr().err


def test_guards_dropped_rewritten_or_disabled_are_noticed(store):
    """Dropping the append-only triggers, or putting a trigger that does nothing in the place of
    one, is a tampering of its own: nothing else shows in the chain, so verify looks."""
    build_chain(store, 5)
    assert verify(store).ok
    drop_guards(store)
    result = verify(store)
    assert (result.ok, result.reason) == (False, "guards_missing")
    assert "audit_log_no_update" in result.message and "audit_log_no_delete" in result.message
    with store.engine.begin() as conn:
        restore_guards(conn)
    assert verify(store).ok
    with store.engine.begin() as conn:  # the same name, a body that lets every change through
        conn.exec_driver_sql("DROP TRIGGER corrections_maker_checker_update")
        conn.exec_driver_sql("CREATE TRIGGER corrections_maker_checker_update BEFORE UPDATE ON "
                             "corrections WHEN 0 BEGIN SELECT 1; END")
    result = verify(store)
    assert (result.ok, result.reason) == (False, "guards_missing")
    assert "corrections_maker_checker_update" in result.message
    # Opening the store again does not put them back quietly: verify still tells.
    reopened = open_store(str(store.engine.url))
    try:
        assert verify(reopened).reason == "guards_missing"
    finally:
        reopened.close()
