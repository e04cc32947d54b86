"""Files that would hang the importer, hide bytes in values or decode into garbage
(``app/connectors/files/table.py``), each generated here byte for byte.

- more than 16,384 columns (Excel's limit) or a cell over 32,767 characters (Excel's cell
  limit; in a CSV nearly always a quote left open) is refused within seconds, one Spanish
  sentence, whatever path reads it (connector, count, the mapping preview's ``text_rows``);
- NUL bytes are removed from the cells they sat in and listed: line and column;
- UTF-16 and UTF-32 without a BOM are told by where the NULs of ASCII text fall and decoded
  right; bytes full of NULs in no such pattern are refused, never decoded into garbage.

The 200,000-column file is timed and the seconds printed (``pytest -s``); no test asserts a
time.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.connectors.files import FileConnector, FileFormatError, read_count
from app.connectors.files.table import MAX_CELL_CHARS, MAX_COLUMNS, decode, text_rows
from app.domain.schema import Entity, System

VINS = ["9BWZZZ377VT004251", "3VWFE21C04M000001", "3VWFE21C04M000002"]


def pull(path: Path, entity: Entity = Entity.VEHICLES):
    connector = FileConnector(path, System.ERP, entity)
    frame = connector.pull(entity)
    return frame, connector.issues(), connector.layout


def wide_file(path: Path, columns: int) -> Path:
    """A header of ``columns`` columns and one record: 200,000 of them make about 2 MB."""
    header = ";".join(["VIN", *(f"c{i:06d}" for i in range(1, columns))])
    row = ";".join([VINS[0], *("x" * (columns - 1))])
    path.write_bytes(f"{header}\r\n{row}\r\n".encode())
    return path


# --- too wide, too long --------------------------------------------------------------------


def test_two_hundred_thousand_columns_are_refused_in_seconds(tmp_path):
    path = wide_file(tmp_path / "ancho.csv", 200_000)
    assert 1.8e6 < path.stat().st_size < 2.2e6
    started = time.perf_counter()
    with pytest.raises(FileFormatError) as caught:
        pull(path)
    seconds = time.perf_counter() - started
    print(f"\n200.000 columnas ({path.stat().st_size / 1e6:.1f} MB) rechazadas en {seconds:.2f} s")
    message = str(caught.value)
    assert message == ("ancho.csv tiene 200.000 columnas en la línea 1, y Cuadre lee hasta "
                       "16.384 (el máximo de Excel): no parece una exportación de datos.")
    with pytest.raises(FileFormatError, match=r"200\.000 columnas"):
        read_count(path)
    # The mapping dialog's preview reads the first rows through the same function.
    text = path.read_text("utf-8")
    with pytest.raises(FileFormatError, match=r"200\.000 columnas en la línea 1"):
        text_rows(text, ";", path.name, limit=40)


def test_excel_s_own_width_still_reads(tmp_path):
    path = wide_file(tmp_path / "justo.csv", MAX_COLUMNS)
    frame, issues, _ = pull(path)
    assert frame["vin"].tolist() == [VINS[0]]
    assert len([i for i in issues if i.reason == "unmapped_column"]) == MAX_COLUMNS - 1
    with pytest.raises(FileFormatError, match=r"16\.385 columnas en la línea 1"):
        pull(wide_file(tmp_path / "una_mas.csv", MAX_COLUMNS + 1))


@pytest.mark.parametrize("size", [MAX_CELL_CHARS + 1, 200_000])  # ours, and past csv's own
def test_a_cell_longer_than_excel_s_is_refused_naming_its_line(tmp_path, size):
    path = tmp_path / "largo.csv"
    path.write_text(f"VIN;Nota\r\n{VINS[0]};ok\r\n{VINS[1]};{'x' * size}\r\n", "utf-8")
    with pytest.raises(FileFormatError) as caught:
        pull(path)
    assert str(caught.value) == (
        "largo.csv tiene en la línea 3 un valor de más de 32.767 caracteres (el máximo de una "
        "celda de Excel); suele ser una comilla que se abrió y no se cerró: revise esa línea.")


def test_a_quote_left_open_is_named_by_the_line_it_opens_on(tmp_path):
    lines = ["VIN;Nota", f'{VINS[0]};bien', f'{VINS[1]};"golpe en la puerta']
    lines += [f"{VINS[2]};fila {n} que la comilla se traga" for n in range(2_000)]
    path = tmp_path / "comilla.csv"
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    with pytest.raises(FileFormatError, match=r"comilla\.csv tiene en la línea 3 un valor"):
        read_count(path)


def test_a_cell_of_excel_s_own_length_still_reads(tmp_path):
    path = tmp_path / "justo.csv"
    path.write_text(f"VIN;Nota\r\n{VINS[0]};{'x' * MAX_CELL_CHARS}\r\n", "utf-8")
    frame, _ = read_count(path)
    assert len(frame["note"].iloc[0]) == MAX_CELL_CHARS


def test_the_command_line_prints_the_refusal_as_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    wide = wide_file(tmp_path / "ancho.csv", 200_000)
    good = tmp_path / "bien.csv"
    good.write_text(f"VIN;Marca\r\n{VINS[0]};Renault\r\n", "utf-8")
    code = main(["reconcile", "--entity", "vehicles", "--crm", str(good), "--erp", str(wide),
                 "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "ancho.csv tiene 200.000 columnas en la línea 1" in err
    assert "Traceback" not in err


# --- NUL bytes -----------------------------------------------------------------------------


def test_nul_bytes_are_removed_and_listed_by_line_and_column(tmp_path):
    path = tmp_path / "nulos.csv"
    path.write_bytes(b"Inventario\x00 de marzo\r\n"
                     b"V\x00IN;Marca;Color\r\n"
                     + f"{VINS[0]};Renault;Blanco\r\n".encode()
                     + f"{VINS[1]};Ma\x00\x00zda;Ro\x00jo\r\n".encode()
                     + f"{VINS[2]}\x00;Kia;Gris\r\n".encode())
    frame, issues, layout = pull(path)
    assert layout["encoding"] == "utf-8" and layout["header_line"] == 2
    assert frame["vin"].tolist() == VINS
    assert frame["make"].tolist() == ["Renault", "Mazda", "Kia"]
    assert frame["color"].tolist() == ["Blanco", "Rojo", "Gris"]
    assert [(i.source_id, i.column) for i in issues if i.reason == "nul_bytes"] == [
        ("línea 1", None), ("línea 2", "VIN"), ("línea 4", "Marca"), ("línea 4", "Color"),
        ("línea 5", "VIN")]
    assert all("\x00" not in str(v) for v in frame.to_numpy().ravel())


def test_a_few_nuls_in_cp1252_text_are_not_taken_for_utf16(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("VIN;Sede\r\n".encode("cp1252") + VINS[0].encode() + b";Bogot\xe1\x00\r\n")
    frame, issues = read_count(path)
    assert frame["branch"].tolist() == ["Bogotá"]
    assert [(i.source_id, i.column, i.reason) for i in issues] == [
        ("línea 2", "Sede", "nul_bytes")]


# --- UTF-16 and UTF-32 without a BOM ---------------------------------------------------------

SPANISH = ["Bogotá", "Medellín", "Peñalosa", "Núñez", "Güicán", "Cúcuta", "Ibagué", "señor",
           "camión", "¿pagó?", "¡sí!", "€ 1.234,50", "«nota»", "—", "Ñ"]


def _table(rows: list[list[str]]) -> str:
    return "".join(";".join(r) + "\r\n" for r in rows)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_read_right(tmp_path, codec):
    text = _table([["VIN", "Sede", "Nota"], [VINS[0], "Bogotá", "¡señor Núñez!"],
                   [VINS[1], "Medellín", "€ 1.234,50 «ok»"]])
    path = tmp_path / "unicode.csv"
    path.write_bytes(text.encode(codec))
    frame, issues = read_count(path)
    assert frame["branch"].tolist() == ["Bogotá", "Medellín"]
    assert frame["note"].tolist() == ["¡señor Núñez!", "€ 1.234,50 «ok»"]
    assert issues == []
    assert decode(text.encode(codec)) == (text, codec, False)


@pytest.mark.parametrize(("codec", "named"), [("utf-32", "utf-32"), ("utf-16", "utf-16")])
def test_with_a_bom_too(codec, named):
    text = _table([["VIN", "Sede"], [VINS[0], "Bogotá"]])
    assert decode(text.encode(codec)) == (text, named, False)  # Python writes the BOM


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(SPANISH),
                                   st.text("abcdefghijklmnopqrstuvwxyzÁÉÍÓÚáéíóúñÑ0123456789 .,-",
                                           min_size=1, max_size=12)),
                         min_size=2, max_size=6), min_size=1, max_size=8),
       st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_any_spanish_table_without_a_bom_decodes_to_itself(rows, codec):
    text = _table([["Documento", "Nombre"], *rows])
    assert decode(text.encode(codec)) == (text, codec, False)


def test_bytes_full_of_nuls_in_no_pattern_are_refused(tmp_path):
    noise = random.Random(13)
    path = tmp_path / "foto.csv"
    path.write_bytes(bytes(noise.choice((0, noise.randrange(1, 256))) for _ in range(50_000)))
    with pytest.raises(FileFormatError) as caught:
        read_count(path)
    assert str(caught.value) == (
        "foto.csv no parece un archivo de texto: está lleno de bytes nulos que no siguen el "
        "patrón de UTF-16 ni de UTF-32; guárdelo como CSV (UTF-8) o como libro de Excel (.xlsx).")


def test_an_odd_trailing_byte_of_utf16_is_reported_not_garbage(tmp_path):
    path = tmp_path / "cortado.csv"
    path.write_bytes(_table([["VIN", "Sede"], [VINS[0], "Cali"]]).encode("utf-16-le") + b"\x41")
    frame, issues, layout = pull(path)
    assert layout["encoding"] == "utf-16-le"
    assert frame["vin"].tolist() == [VINS[0], "\ufffd"]  # the half character, on its own line
    assert frame["branch"].tolist() == ["Cali", None]
    assert [(i.source_id, i.column, i.reason) for i in issues if i.reason != "no_id_column"] == [
        ("línea 3", "VIN", "undecodable_bytes")]
