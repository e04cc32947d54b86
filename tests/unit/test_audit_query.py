"""The audit trail filtered as the window's audit view asks for it (person, record, local
dates, outcome), and exported filtered: only those rows, formula-safe, amounts numeric."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.audit.export import export
from app.audit.query import AuditFilter, action_name, outcomes, people, rows, value_words
from app.store import Store, open_store
from app.store.chain import append
from app.store.values import audit_value

BOGOTA = timezone(timedelta(hours=-5))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as opened:
        trail(opened)
        yield opened


def trail(store: Store) -> None:
    """Six rows: two records, three people, two days (in Bogotá), a formula and a negative
    amount among the values."""
    events = [
        # (UTC instant, actor, action, record, proposer, approver, outcome, old, new, comment)
        (datetime(2026, 3, 1, 14, tzinfo=UTC), "ana", "propose", "C-00017", "ana", None,
         "proposed", "3001112233", "3009998877", "Confirmado por teléfono"),
        (datetime(2026, 3, 1, 15, tzinfo=UTC), "bea", "approve", "C-00017", "ana", "bea",
         "approved", "3001112233", "3009998877", None),
        (datetime(2026, 3, 2, 4, 30, tzinfo=UTC), "bea", "push_applied", "C-00017", "ana", "bea",
         "applied", "3001112233", "3009998877", None),  # 23:30 on March 1st in Bogotá
        (datetime(2026, 3, 2, 16, tzinfo=UTC), "carlos", "propose", "RC-004001", "carlos", None,
         "proposed", Decimal("-1500000.00"), Decimal("1500000.00"), "=HYPERLINK(\"x\")"),
        (datetime(2026, 3, 2, 17, tzinfo=UTC), "bea", "approve", "RC-004001", "carlos", "bea",
         "approved", Decimal("-1500000.00"), Decimal("1500000.00"), "+ok"),
        (datetime(2026, 3, 2, 18, tzinfo=UTC), "bea", "push_conflict", "RC-004001", "carlos",
         "bea", "conflict", "-SUM(A1)", Decimal("1500000.00"), "@cmd"),
    ]
    with store.write() as session:
        for at, actor, action, record, proposer, approver, outcome, old, new, comment in events:
            append(session, actor=actor, action=action, system="erp", entity="payments",
                   record=record, field="amount", old=audit_value(old), new=audit_value(new),
                   proposer=proposer, approver=approver, comment=comment, outcome=outcome,
                   idempotency_key=f"key-{record}", correction_id=f"corr-{record}", at=at)


def seqs(store: Store, f: AuditFilter) -> list[int]:
    return [e.seq for e in rows(store, f)]


def test_no_filter_keeps_every_row_in_trail_order(store: Store) -> None:
    found = rows(store, AuditFilter())
    assert [e.seq for e in found] == [1, 2, 3, 4, 5, 6]
    first = found[0]
    assert first.at == datetime(2026, 3, 1, 14, tzinfo=UTC)
    assert first.local_time(BOGOTA).isoformat() == "2026-03-01T09:00:00-05:00"
    assert first.action_name == "Propuesta" and first.outcome_name == "Propuesta"
    assert found[3].old_value == Decimal("-1500000.00")
    assert rows(store, limit=2)[0].seq == 5  # the last two, still in order


def test_person_is_whoever_acted_proposed_or_approved(store: Store) -> None:
    assert seqs(store, AuditFilter(person="ana")) == [1, 2, 3]
    assert seqs(store, AuditFilter(person="carlos")) == [4, 5, 6]
    assert seqs(store, AuditFilter(person="bea")) == [2, 3, 5, 6]
    assert people(store) == ["ana", "bea", "carlos"]


def test_record_text_ignores_case_and_wildcards(store: Store) -> None:
    assert seqs(store, AuditFilter(record="rc-004")) == [4, 5, 6]
    assert seqs(store, AuditFilter(record="  00017 ")) == [1, 2, 3]
    assert seqs(store, AuditFilter(record="corr-C-00017")) == [1, 2, 3]  # a correction id
    assert seqs(store, AuditFilter(record="key-RC-004001")) == [4, 5, 6]  # a key
    assert seqs(store, AuditFilter(record="%")) == []  # a wildcard is just a character


def test_dates_are_whole_local_days(store: Store) -> None:
    march_1 = AuditFilter(since=date(2026, 3, 1), until=date(2026, 3, 1), zone=BOGOTA)
    assert seqs(store, march_1) == [1, 2, 3]  # 04:30 UTC on the 2nd is the 1st in Bogotá
    assert seqs(store, AuditFilter(since=date(2026, 3, 2), zone=BOGOTA)) == [4, 5, 6]
    assert seqs(store, AuditFilter(until=date(2026, 2, 28), zone=BOGOTA)) == []
    in_utc = AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 2), zone=UTC)
    assert seqs(store, in_utc) == [3, 4, 5, 6]


def test_outcome_and_filters_together(store: Store) -> None:
    assert seqs(store, AuditFilter(outcome="approved")) == [2, 5]
    assert seqs(store, AuditFilter(outcome="approved", person="carlos")) == [5]
    assert seqs(store, AuditFilter(outcome="conflict", record="C-00017")) == []
    assert outcomes(store) == ["applied", "approved", "conflict", "proposed"]
    assert AuditFilter().is_empty() and not AuditFilter(outcome="applied").is_empty()
    assert action_name("push_conflict") == "Conflicto con el sistema"
    assert action_name("something_new") == "something_new"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_filtered_export_writes_only_those_rows_safely(store: Store, tmp_path: Path,
                                                         suffix: str) -> None:
    path = tmp_path / f"auditoria{suffix}"
    assert export(store, path, AuditFilter(person="carlos")) == 3
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    else:
        sheet = load_workbook(path).active
        assert sheet is not None
        table = [list(r) for r in sheet.iter_rows(values_only=True)]
    header, body = table[0], table[1:]
    assert [r[header.index("Registro")] for r in body] == ["RC-004001"] * 3
    comments = [r[header.index("Comentario")] for r in body]
    assert comments == ["'=HYPERLINK(\"x\")", "'+ok", "'@cmd"]
    old = [r[header.index("Valor anterior")] for r in body]
    if suffix == ".csv":
        assert old == ["-1500000.00", "-1500000.00", "'-SUM(A1)"]
    else:  # a number cell stays a number; the text that looks like a formula is escaped
        assert old[:2] == [-1500000, -1500000] and old[2] == "'-SUM(A1)"
    for row in body:  # no text cell can start a formula (a bare number is a number)
        for value in row:
            if isinstance(value, str) and value and value[0] in "=+-@":
                assert suffix == ".csv" and value.lstrip("-").replace(".", "").isdigit(), value


@pytest.fixture
def zone_named(monkeypatch):
    """Sets ``TZ`` for the test (the user's zone is read from it)."""
    from app.domain import moments

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        moments._zone.cache_clear()

    yield set_zone
    moments._zone.cache_clear()


def test_days_without_a_zone_are_the_user_s(store: Store, zone_named) -> None:
    march_1 = AuditFilter(since=date(2026, 3, 1), until=date(2026, 3, 1))
    zone_named("America/Bogota")
    assert seqs(store, march_1) == [1, 2, 3]  # 04:30 UTC on the 2nd is the 1st in Bogotá
    assert rows(store)[0].local_time().isoformat() == "2026-03-01T09:00:00-05:00"
    zone_named("UTC")
    assert seqs(store, march_1) == [1, 2]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("zone", "heading", "first"), [
    ("America/Bogota", "Fecha y hora (hora de Colombia)", "01/03/2026 09:00:00 -05:00"),
    ("Europe/Madrid", "Fecha y hora (hora de Madrid)", "01/03/2026 15:00:00 +01:00"),
])
def test_the_export_writes_times_in_the_user_s_zone_and_names_it(
        store: Store, tmp_path: Path, zone_named, suffix: str, zone: str, heading: str,
        first: str) -> None:
    zone_named(zone)
    path = tmp_path / f"auditoria{suffix}"
    assert export(store, path) == 6
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    else:
        sheet = load_workbook(path).active
        assert sheet is not None
        table = [list(r) for r in sheet.iter_rows(values_only=True)]
    header, body = table[0], table[1:]
    assert header[1] == heading and "UTC" not in " ".join(str(h) for h in header)
    assert body[0][1] == first
    # Codes by their Spanish names, as the audit view shows them.
    named = {h: body[-1][header.index(h)] for h in ("Acción", "Sistema", "Entidad", "Campo",
                                                     "Resultado")}
    assert named == {"Acción": "Conflicto con el sistema", "Sistema": "ERP", "Entidad": "Pagos",
                     "Campo": "Valor", "Resultado": "En conflicto"}


def test_the_roles_a_person_was_given_read_as_words(tmp_path: Path) -> None:
    from app.writeback.people import add_person

    path = tmp_path / "auditoria.csv"
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        add_person(store, None, "ana", "Ana Ruiz", ["admin", "approver"])
        [entry] = rows(store)
        assert value_words(entry.action, entry.new_value) == "aprueba, administra"
        assert value_words("approve", "admin,approver") == "admin,approver"  # only roles
        assert export(store, path) == 1
    with path.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["Acción"], row["Valor nuevo"]) == ("Persona registrada", "aprueba, administra")
