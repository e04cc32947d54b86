"""Issue 17, item 4: the workspace store tried as an attacker — every tampering is caught.

Each case copies the store a realistic session left (``golden``, see conftest), tampers with
the copy as someone who can write the file would (CHECK constraints ignored, triggers dropped
and put back, the chain and head recomputed; see ``tampering.py``), and then:

- ``cuadre audit verify`` (:func:`app.audit.verify`, with no anchor: the strongest case) must
  say the trail is altered;
- for a forged approval or a smuggled outbox row, carla's honest push must refuse to send it:
  nothing reaches the system, and the refusal is in the trail;
- approving, signing off or approving keys as someone else from the command line, with only the
  insider's key in the keyring, is refused (exit 3) and writes nothing.

The cases are generated from the session's shape (rows, corrections, outbox rows, keys): more
than 500 of them.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from support.memory_keyring import installed

from app.audit import verify
from app.cli.main import main
from app.connectors.http import RetryPolicy
from app.security import passphrases, signing
from app.store import open_store
from app.store.chain import SigningError
from app.store.models import AuditRow, CorrectionRow
from app.writeback.identity import url_key
from app.writeback.push import push
from security.conftest import WS, passphrase
from security.tampering import (
    EDITED,
    Case,
    connectors,
    delete_row,
    edit_row,
    forge_signature,
    forged_approval,
    insider_key,
    payload_swap,
    replay_row,
    smuggled_outbox,
    strip_everything,
    strip_signature,
    swap_key,
    swap_rows,
    table_edits,
    truncate,
)

ROWS = 52  # the golden session's trail (checked below)
#: The rows whose every column is edited (all of them for the signature and the actor).
FULL = (1, 2, 9, 10, 17, 22, 29, 30, 32, 41, 44, 46, 49, 51, 52)
CORRECTION_COLUMNS = ("state", "proposer", "approver", "idempotency_key", "target_system",
                      "entity", "source_id", "field", "old_value", "new_value", "payload",
                      "approval_signature")
OUTBOX_COLUMNS = ("correction_id", "idempotency_key", "target_system", "entity", "source_id",
                  "field", "changes", "expected", "state", "enqueued_by")
PERIOD_COLUMNS = ("state", "certificate", "certificate_hash", "certified_by", "signed_by",
                  "signature")
QUICK = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)


def _trail_cases() -> Iterator[Case]:
    for seq in range(1, ROWS + 1):
        columns = EDITED if seq in FULL else ("actor", "new")
        for column in columns:
            yield Case(f"edit row {seq} {column}", edit_row(seq, column))
        yield Case(f"delete row {seq}", delete_row(seq))
        if seq % 2 == 0:  # row 1 was written before there was any key
            yield Case(f"strip signature {seq}", strip_signature(seq))
            yield Case(f"forge signature {seq} (garbage)", forge_signature(seq, "garbage"))
        if seq % 2 == 1 and seq < ROWS:
            yield Case(f"reorder rows {seq}-{seq + 1}", swap_rows(seq, seq + 1))
    for seq in (2, 9, 10, 17, 22, 29, 30, 32, 44, 46, 51, 52):
        yield Case(f"replay row {seq}", replay_row(seq))
        if seq not in (44,):  # beto's own row: his signature of it is his
            yield Case(f"forge signature {seq} (insider)", forge_signature(seq, "insider"))
        yield Case(f"forge signature {seq} (unknown key)", forge_signature(seq, "attacker"))
    for a, b in ((9, 10), (10, 44), (44, 46), (30, 29), (51, 52), (2, 9), (17, 44), (46, 45)):
        yield Case(f"swap actors {a}/{b}", swap_rows(a, b, actors_only=True))
    for seq in (44, 45):  # beto's own rows, re-signed by beto
        for column in EDITED[:-1]:
            yield Case(f"insider edit row {seq} {column}", edit_row(seq, column, insider=True))
    for n in range(1, 6):
        yield Case(f"truncate {n}", truncate(n))
    # A whole workspace rewritten as one that never signed: only an anchor shows it.
    yield Case("strip every signature and key", strip_everything, anchored=True)


def _approval_cases() -> Iterator[Case]:
    for signer in ("none", "insider", "lost", "attacker"):
        for with_row in (False, True):
            yield Case(f"forged approval ({signer}, row {with_row})",
                       forged_approval(signer, with_row=with_row), push="proposed")
    yield Case("forged approval with a key swapped in", forged_approval(
        "attacker", with_row=True, register=True), push="proposed")
    yield Case("payload changed after approval", payload_swap, push="pending")
    yield Case("outbox row for an unapproved correction", smuggled_outbox("proposed"),
               push="proposed")
    yield Case("outbox row with other changes", smuggled_outbox("pending", edit=True),
               push="pending")
    for login in ("admin", "ana", "carla", "beto"):
        yield Case(f"key of {login} swapped in the store", swap_key(login, current=True))
    yield Case("carla's lost key swapped in the store", swap_key("carla", current=False))


def _golden_cases() -> list[Case]:
    return [*_trail_cases(), *_approval_cases()]


CASES = _golden_cases()


def _table_cases(conn: sqlite3.Connection) -> list[tuple[str, Any]]:
    out = list(table_edits(conn, "corrections", "id", CORRECTION_COLUMNS))
    out += table_edits(conn, "outbox", "id", OUTBOX_COLUMNS)
    out += table_edits(conn, "periods", "id", PERIOD_COLUMNS)
    out += table_edits(conn, "person_keys", "key_id", ("login", "since_seq", "until_seq"))
    return out


TABLE_CASES = 11 * len(CORRECTION_COLUMNS) + 5 * len(OUTBOX_COLUMNS) + len(PERIOD_COLUMNS) + 15
GUARDS = ("corrections_maker_checker_insert", "corrections_maker_checker_update",
          "correction_authors_maker_checker", "audit_log_no_update", "audit_log_no_delete")


def test_the_suite_tries_more_than_500_tamperings():
    assert len(CASES) + TABLE_CASES + 2 * len(GUARDS) + 5 > 500


def test_the_golden_store_is_whole_and_as_expected(golden):
    with closing(sqlite3.connect(golden.path)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (ROWS,)
        assert len(_table_cases(conn)) == TABLE_CASES
    with open_store(f"sqlite:///{golden.path}") as store:
        assert verify(store).ok


@pytest.fixture
def tmp_path(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory when the system has one (each case writes a store with
    ``synchronous=FULL``: on a busy disk that is most of the suite's time)."""
    shm = Path("/dev/shm")  # noqa: S108 - a private folder is made in it (0700)
    if not shm.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="cuadre-") as folder:
        yield Path(folder)


def tampered(golden: Any, folder: Path, tamper: Any, *, keep_triggers: bool = True) -> str:
    """A copy of the golden store with ``tamper`` applied as an attacker would; its URL."""
    path = golden.copy(folder)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall()
        conn.execute("BEGIN")
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        tamper(conn, golden)
        if keep_triggers:
            for _, sql in triggers:
                conn.execute(sql)
        conn.execute("COMMIT")
    return f"sqlite:///{path}"


def assert_detected(url: str, anchors: list[Any] | None = None) -> None:
    with open_store(url) as store:
        result = verify(store, anchors or [])
    assert not result.ok, "verify did not see it"
    assert result.message.startswith("Registro de auditoría alterado")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_tampering_is_detected(case, golden, sandbox, tmp_path):
    url = tampered(golden, tmp_path, case.tamper)
    if case.push is not None:
        _assert_push_refuses(url, golden, sandbox, getattr(golden, case.push))
    assert_detected(url, [golden.anchor] if case.anchored else [])


def _assert_push_refuses(url: str, golden: Any, sandbox: Any, ident: str) -> None:
    with open_store(url) as store, store.read() as s:
        sid, system = s.execute(select(CorrectionRow.source_id, CorrectionRow.target_system)
                                .where(CorrectionRow.id == ident)).one()
        top = s.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1))
    before = len(sandbox.requests(f"/{system}/customers/{sid}"))
    made = connectors(sandbox)
    try:
        with installed(golden.keyring("carla")), open_store(url) as store:
            signing.forget_cached()
            try:
                summary = push(store, made, "carla", only=[ident], policy=QUICK)
            except SigningError:  # her key is no longer the store's: she cannot even start
                summary, after = None, [("push_refused", "carla")]
            else:
                with store.read() as s:
                    after = [(r.action, r.actor) for r in s.scalars(select(AuditRow).where(
                        AuditRow.seq > top, AuditRow.correction_id == ident))]
    finally:
        for connector in made.values():
            connector.close()
        signing.forget_cached()
    writes = [r for r in sandbox.requests(f"/{system}/customers/{sid}")[before:]
              if r.method != "GET"]
    assert writes == [], "the tampered correction reached the system"
    assert ("push_refused", "carla") in after
    assert summary is None or not summary.counts.get("applied")


@pytest.mark.parametrize("index", range(TABLE_CASES))
def test_an_edited_table_row_is_detected(index, golden, tmp_path):
    with closing(sqlite3.connect(golden.path)) as conn:
        name, tamper = _table_cases(conn)[index]
    assert_detected(tampered(golden, tmp_path, tamper)), name


@pytest.mark.parametrize("guard", GUARDS)
@pytest.mark.parametrize("how", ["dropped", "emptied"])
def test_a_missing_or_emptied_guard_is_detected(guard, how, golden, tmp_path):
    def tamper(conn: sqlite3.Connection, _: Any) -> None:
        if how == "emptied":  # the same name, a body that does nothing
            conn.execute(f"CREATE TRIGGER {guard} BEFORE DELETE ON people "
                         "BEGIN SELECT 1; END")

    url = tampered(golden, tmp_path, tamper, keep_triggers=False)
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:  # put the others back
        conn.executescript(";".join(_original_triggers(golden, skip=guard)))
    assert_detected(url)


def _original_triggers(golden: Any, skip: str) -> list[str]:
    with closing(sqlite3.connect(golden.path)) as conn:
        return [sql for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") if name != skip]


CLI = [
    ("approve as carla", ["corrections", "approve", "{proposed}", "--as", "carla"]),
    ("reopen carla's sign-off as carla", ["period", "reopen", "{period}", "--as", "carla",
                                          "--comment", "otra vez"]),
    ("approve beto's key as admin", ["people", "key", "approve", "beto", "--as", "admin"]),
    ("add a person as admin", ["people", "add", "eve", "--name", "Eve", "--role", "aprueba",
                               "--as", "admin"]),
    ("push as carla", ["push", "--as", "carla", "--only", "{pending}"]),
]


@pytest.mark.parametrize("knows", [False, True], ids=["sin-su-clave", "con-su-clave"])
@pytest.mark.parametrize(("name", "argv"), CLI, ids=[n for n, _ in CLI])
def test_acting_as_someone_else_from_the_command_line_is_refused(name, argv, knows, golden,
                                                                 sandbox, tmp_path, capsys,
                                                                 monkeypatch):
    """At beto's desk (only his passphrase and key in the keyring): ``--as`` someone else is
    refused — the trail is not one row longer and what was asked did not happen. Without the
    other person's passphrase the sign-in refuses (issue 17, item 1); with it (seen over a
    shoulder), their signing key is still missing and the signature refuses (item 2)."""
    url = f"sqlite:///{golden.copy(tmp_path)}"
    monkeypatch.setenv("CUADRE_STORE", url)
    values = {"proposed": golden.proposed, "pending": golden.pending,
              "period": golden.ids["period"]}
    other = "admin" if "as admin" in name else "carla"
    desk = golden.keyring("beto")
    with installed(desk):  # what beto's computer remembers for this copy of the workspace
        passphrases.remember(url_key(url), "beto", passphrase("beto"))
        if knows:
            passphrases.remember(url_key(url), other, passphrase(other))
    if name == "approve beto's key as admin":  # beto asks for a new key, then «admin» approves
        with installed(desk):
            assert main(["people", "key", "request", "--as", "beto"]) == 0
    with open_store(url) as store, store.read() as s:
        before = s.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1))
    capsys.readouterr()
    with installed(desk):
        signing.forget_cached()
        code = main([a.format(**values) for a in argv] + (
            ["--crm", sandbox.url("crm"), "--erp", sandbox.url("erp")] if argv[0] == "push"
            else []))
    signing.forget_cached()
    err = capsys.readouterr().err
    assert code == 3, err
    assert ("clave de firma" if knows else "no ha iniciado sesión") in err, err
    with open_store(url) as store, store.read() as s:
        assert s.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1)) == before
        assert verify(store).ok


@pytest.mark.parametrize("forged", ["insider", "none", "certificate"])
def test_a_report_does_not_print_a_forged_sign_off_as_signed(forged, golden, tmp_path):
    """The period report checks the sign-off's signature before printing it as signed."""
    from app.cli.report import closings_of
    from app.store import StoreError
    from app.store.values import sha256_hex

    def tamper(conn: sqlite3.Connection, _: Any) -> None:
        ident = golden.ids["period"]
        if forged == "certificate":  # another certificate, its hash made to match
            body = conn.execute("SELECT certificate FROM periods WHERE id = ?",
                                (ident,)).fetchone()[0].replace("2026-03", "2026-02")
            conn.execute("UPDATE periods SET certificate = ?, certificate_hash = ? WHERE id = ?",
                         (body, sha256_hex(body), ident))
            return
        signature = signing.sign(insider_key(golden), b"x") if forged == "insider" else None
        conn.execute("UPDATE periods SET signature = ? WHERE id = ?", (signature, ident))

    with open_store(f"sqlite:///{golden.path}") as store:
        assert closings_of(store, WS, None).certificates  # the honest store prints
    url = tampered(golden, tmp_path, tamper)
    with open_store(url) as store, pytest.raises(StoreError, match="no es válida"):
        closings_of(store, WS, None)
    assert_detected(url)
