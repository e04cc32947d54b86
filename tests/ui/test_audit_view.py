"""The audit view (Ver → Auditoría…): filters by person, record, dates and outcome narrow the
rows; «Verificar cadena» says intact or where it broke; «Exportar…» writes the filtered rows,
no cell able to start a formula; anyone with a role may open it."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import text
from support.audit_tamper import build_chain, drop_guards

from app.domain import moments
from app.store.chain import append
from app.store.db import Store
from ui.audit.audit_view import COLUMNS, AuditDialog
from ui.main_window import MainWindow

WAIT = 20_000
HEADERS = [c.header for c in COLUMNS]


@pytest.fixture
def window(qtbot, tmp_path: Path, keyless: None) -> Iterator[MainWindow]:
    w = MainWindow(store_url=f"sqlite:///{tmp_path / 'w.sqlite'}")
    w.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(w)
    s = w.decisions
    assert s.add_person("ana", "Ana Ruiz", ["admin"]) is None
    s.set_user("ana")
    assert s.add_person("olga", "Olga Paz", ["auditor"]) is None
    store = s.store
    assert store is not None
    build_chain(store, 40)  # ana, beto and carla; records RC-00000…; some comments "=x"
    with store.write() as session:  # and one row from last year
        append(session, actor="dora", action="push_conflict", system="erp", entity="payments",
               record="RC-99999", field="amount", old="-250000.00", new="250000.00",
               outcome="conflict", comment="@SUM(A1)", at=datetime(2025, 6, 1, 15, tzinfo=UTC))
    yield w
    assert w.shutdown()


def _store(w: MainWindow) -> Store:
    assert w.decisions.store is not None
    return w.decisions.store


def loaded(dialog: AuditDialog, qtbot) -> int:
    qtbot.waitUntil(lambda: dialog.page is not None and not dialog.loading, timeout=WAIT)
    return dialog.model.rowCount()


def column(dialog: AuditDialog, header: str) -> list[str]:
    c = HEADERS.index(header)
    return [dialog.proxy.index(r, c).data() for r in range(dialog.proxy.rowCount())]


def test_anyone_with_a_role_opens_it_auditors_included(window: MainWindow) -> None:
    assert window.audit_action.isEnabled()
    assert window.audit_action.shortcut().toString() == "Ctrl+Shift+A"
    window.decisions.set_user("olga")  # an auditor only
    assert window.audit_action.isEnabled()
    assert not window.push_action.isEnabled()  # but an auditor does not push
    window.decisions.set_user(None)
    assert not window.audit_action.isEnabled()
    assert "quién trabaja" in window.audit_action.toolTip()


def test_filters_narrow_the_rows(window: MainWindow, qtbot, qtmodeltester) -> None:
    window.decisions.set_user("olga")
    dialog = window.open_audit()
    total = loaded(dialog, qtbot)
    assert total == 43  # two people added, forty events, one last year
    qtmodeltester.check(dialog.model)
    assert dialog.count_label.text() == "43 registros"
    # Newest first; local time with its offset; the action in Spanish.
    assert column(dialog, "N.º")[0] == "43"
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d [+-]\d\d:\d\d", t)
               for t in column(dialog, "Cuándo"))
    assert "Persona registrada" in column(dialog, "Acción")
    assert "vacío → audita" in column(dialog, "Cambio")  # olga's role, in words
    assert column(dialog, "Cambio")[0] == "-$\u00a0250.000 → $\u00a0250.000"  # pesos, es-CO

    dialog.set_filter(person="beto")
    beto = loaded(dialog, qtbot)
    assert 0 < beto < total and set(column(dialog, "Quién")) == {"beto"}

    dialog.set_filter(record="rc-0001")  # RC-00010 … RC-00019, case ignored
    assert loaded(dialog, qtbot) == 10
    assert all(r.startswith("RC-0001") for r in column(dialog, "Registro"))

    dialog.set_filter(until=date(2025, 12, 31))
    assert loaded(dialog, qtbot) == 1 and column(dialog, "Quién") == ["dora"]
    dialog.set_filter(since=date.today() - timedelta(days=1))
    assert loaded(dialog, qtbot) == 42

    dialog.set_filter(outcome="conflict")
    assert loaded(dialog, qtbot) == 1
    assert column(dialog, "Resultado") == ["En conflicto"]
    assert dialog.outcome_combo.currentText() == "En conflicto"
    qtmodeltester.check(dialog.model)

    dialog.set_filter()
    assert loaded(dialog, qtbot) == total


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_the_filtered_rows_and_no_cell_starts_a_formula(
        window: MainWindow, qtbot, tmp_path: Path, suffix: str) -> None:
    dialog = window.open_audit()
    loaded(dialog, qtbot)
    dialog.set_filter(person="carla")
    shown = loaded(dialog, qtbot)
    asked: list[str] = []
    target = tmp_path / f"auditoria{suffix}"

    def ask(default_name: str) -> Path | None:
        asked.append(default_name)
        return target

    dialog.ask_save_path = ask  # type: ignore[method-assign]
    dialog.export_rows()
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=WAIT)
    assert asked == [f"auditoria_{date.today().isoformat()}.xlsx"]
    assert dialog.exported is not None and dialog.exported.count == shown
    assert dialog.status.text() == f"Se exportaron {shown} filas a {target}."
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    else:
        sheet = load_workbook(target).active
        assert sheet is not None
        table = [["" if v is None else v for v in r] for r in sheet.iter_rows(values_only=True)]
    header, body = table[0], table[1:]
    assert len(body) == shown
    who = header.index("Quién")
    assert all(r[who] == "carla" or r[header.index("Aprobó")] == "carla" for r in body)
    comments = {r[header.index("Comentario")] for r in body}
    assert "=x" not in comments and ("'=x" in comments or not comments - {"", "ok"})
    for row in body:
        for value in row:
            if isinstance(value, str) and value and value[0] in "=+@":
                pytest.fail(f"a cell could start a formula: {value!r}")
            if isinstance(value, str) and value.startswith("-"):
                assert re.fullmatch(r"-\d+\.\d\d", value), value  # a negative amount, as such


def test_times_are_the_user_s_named_not_the_computer_s_utc(window: MainWindow, qtbot,
                                                           monkeypatch) -> None:
    """A computer left at UTC (a server, a container) shows Bogotá's time, as the PDF does;
    the cell carries the offset and its tooltip names the zone."""
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(moments, "system_zone", lambda: ZoneInfo("Etc/UTC"))
    moments._zone.cache_clear()
    dialog = window.open_audit()
    loaded(dialog, qtbot)
    dialog.set_filter(until=date(2025, 12, 31))
    assert loaded(dialog, qtbot) == 1
    assert column(dialog, "Cuándo") == ["01/06/2025 10:00:00 -05:00"]
    cell = dialog.proxy.index(0, HEADERS.index("Cuándo"))
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "01/06/2025 10:00:00 (hora de Colombia)"
    monkeypatch.setenv("TZ", "Europe/Madrid")  # a person elsewhere chooses their zone
    moments._zone.cache_clear()
    assert cell.data() == "01/06/2025 17:00:00 +02:00"
    moments._zone.cache_clear()


def test_verify_says_intact_then_where_it_broke(window: MainWindow, qtbot) -> None:
    dialog = window.open_audit()
    loaded(dialog, qtbot)
    dialog.verify_chain()
    qtbot.waitUntil(lambda: dialog.verified is not None, timeout=WAIT)
    assert dialog.status.text() == "Cadena íntegra: 43 registros."

    store = _store(window)
    drop_guards(store)
    with store.engine.begin() as conn:  # someone edits row 7 behind Cuadre's back
        conn.execute(text("UPDATE audit_log SET comment = 'todo bien' WHERE seq = 7"))
    dialog.verify_chain()
    qtbot.waitUntil(lambda: dialog.verified is not None, timeout=WAIT)
    assert dialog.verified is not None and not dialog.verified.ok
    assert dialog.status.text().startswith("Registro de auditoría alterado: la fila 7 fue "
                                           "modificada")
