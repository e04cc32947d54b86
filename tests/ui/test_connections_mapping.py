"""The column-mapping dialog: preview, recognized headers, highlights, and the saved mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

import ui.connections.mapping_preview as mapping_preview
from app.connections.probe import test_connection
from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.domain.schema import Entity, System
from app.progress import run
from ui.connections.mapping_dialog import MappingDialog
from ui.connections.mapping_preview import PREVIEW_ROWS, preview_file
from ui.connections.profile_editor import ProfileEditor


class NoSecrets:
    def get_secret(self, ref: str) -> str | None:
        return None

    def set_secret(self, ref: str, secret: str) -> None:
        raise AssertionError("no secret in this test")

    def delete_secret(self, ref: str) -> bool:
        return False

    def backend_status(self) -> tuple[bool, str]:
        return True, "prueba"


def export(path: Path, rows: int = 30) -> Path:
    """A CRM export with a title line above the headers and a phone column no synonym knows."""
    lines = ["Reporte de contactos - Concesionario Norte", "",
             "Nro. Identificación;Nombres;Apellidos;Línea directa;Ciudad;Observación interna"]
    lines += [f"{79845123 + i};Juan;Pérez;300123{i:04d};Bogotá;nota {i}" for i in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def open_dialog(qtbot, path: Path, entity: Entity = Entity.CUSTOMERS, mapping=None):  # type: ignore[no-untyped-def]
    dialog = MappingDialog(path, entity, mapping)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewLoaded, timeout=10_000):
        dialog.show()
    return dialog


def chosen(dialog: MappingDialog, name: str) -> str:
    return dialog.combos[name].currentText()


def test_preselects_recognized_headers_and_lists_unused_columns(qtbot, tmp_path):
    dialog = open_dialog(qtbot, export(tmp_path / "contactos.csv"))
    assert chosen(dialog, "doc_number") == "Nro. Identificación"
    assert chosen(dialog, "first_names") == "Nombres"
    assert chosen(dialog, "city_name") == "Ciudad"
    assert chosen(dialog, "phone") == "— sin columna —"
    assert dialog.table.rowCount() == PREVIEW_ROWS
    assert dialog.table.item(0, 0).text() == "79845123"
    assert dialog.table.verticalHeaderItem(0).text() == "4"  # the file's own line number
    assert "línea 3" in dialog.info_label.text()
    assert "«Línea directa»" in dialog.unused_label.text()
    assert "«Observación interna»" in dialog.unused_label.text()
    assert dialog.table.horizontalHeaderItem(0).text() == "Nro. Identificación\n→ Cédula/NIT"
    assert dialog.ok_button.isEnabled() and dialog.ok_button.isDefault()
    dialog.reject()


def test_a_changed_mapping_is_returned_on_enter(qtbot, tmp_path):
    dialog = open_dialog(qtbot, export(tmp_path / "contactos.csv"))
    dialog.choose("phone", "Línea directa")
    assert "«Línea directa»" not in dialog.unused_label.text()
    qtbot.keyClick(dialog.combos["phone"], Qt.Key.Key_Return)
    assert dialog.result() == MappingDialog.DialogCode.Accepted
    mapping = dialog.mapping()
    assert mapping["phone"] == "Línea directa"
    assert mapping["doc_number"] == "Nro. Identificación"
    assert "email" not in mapping


def test_escape_cancels(qtbot, tmp_path):
    dialog = open_dialog(qtbot, export(tmp_path / "contactos.csv"))
    qtbot.keyClick(dialog.combos["phone"], Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == MappingDialog.DialogCode.Rejected


def test_required_fields_without_a_column_are_highlighted(qtbot, tmp_path):
    path = tmp_path / "pagos.csv"
    path.write_text("Comprobante;Fecha;Nota\r\nRC-1;15/03/2024;x\r\n", "utf-8")
    dialog = open_dialog(qtbot, path, Entity.PAYMENTS)
    assert chosen(dialog, "receipt_number") == "Comprobante"
    assert chosen(dialog, "amount") == "— sin columna —"
    assert dialog.combos["amount"].property("problem") is True
    assert dialog.labels["amount"].property("problem") is True
    assert not dialog.combos["receipt_number"].property("problem")
    assert "Falta el campo obligatorio Valor." in dialog.warning_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.choose("amount", "Nota")
    assert not dialog.combos["amount"].property("problem")
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_one_column_for_two_fields_is_refused(qtbot, tmp_path):
    dialog = open_dialog(qtbot, export(tmp_path / "contactos.csv"))
    dialog.choose("phone", "Ciudad")
    assert dialog.combos["phone"].property("problem") is True
    assert dialog.combos["city_name"].property("problem") is True
    assert "«Ciudad» está elegida para" in dialog.warning_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_a_saved_mapping_is_preselected_and_a_stale_one_explained(qtbot, tmp_path):
    mapping = {"phone": "Línea directa", "email": "Correo que ya no está"}
    dialog = open_dialog(qtbot, export(tmp_path / "contactos.csv"), mapping=mapping)
    assert chosen(dialog, "phone") == "Línea directa"
    assert chosen(dialog, "email") == "— sin columna —"
    assert "«Correo que ya no está»" in dialog.info_label.text()
    dialog.reject()


def test_a_file_that_cannot_be_read_says_why(qtbot, tmp_path):
    dialog = open_dialog(qtbot, tmp_path / "no_existe.csv")
    assert dialog.info_label.text() == "No se encuentra el archivo no_existe.csv."
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_names_split_in_two_columns_stay_joined(qtbot, tmp_path):
    path = tmp_path / "terceros.csv"
    path.write_text("NIT;Primer nombre;Segundo nombre;Apellidos\r\n79845123;Juan;Carlos;Pérez\r\n",
                    "utf-8")
    dialog = open_dialog(qtbot, path)
    assert chosen(dialog, "first_names") == "Primer nombre + Segundo nombre"
    assert dialog.mapping()["first_names"] == ["Primer nombre", "Segundo nombre"]
    dialog.reject()


# --- through the profile editor ---------------------------------------------------------------


def test_the_editor_saves_the_mapping_in_the_profile_and_it_is_used(qtbot, tmp_path):
    store = ProfileStore(tmp_path / "datos")
    csv_path = export(tmp_path / "contactos.csv")
    profile = ConnectionProfile("Norte",
                                crm=SourceConfig("file", files={"customers": str(csv_path)}),
                                erp=SourceConfig("file", files={"customers": str(csv_path)}))
    store.save(profile)
    editor = ProfileEditor(store, NoSecrets(), profile)
    qtbot.addWidget(editor)
    editor.show()
    crm = editor.sources[System.CRM]
    with qtbot.waitSignal(crm.mappingDialogOpened) as opened:
        qtbot.mouseClick(crm.mapping_buttons[Entity.CUSTOMERS], Qt.MouseButton.LeftButton)
    dialog = opened.args[1]
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.choose("phone", "Línea directa")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert crm.mapping(Entity.CUSTOMERS)["phone"] == "Línea directa"
    assert crm.mapping_notes[Entity.CUSTOMERS].text() != ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    saved = store.get("Norte")
    assert saved is not None
    assert saved.crm.mappings["customers"]["phone"] == "Línea directa"
    assert saved.erp.mappings == {}
    # The file connector reads the file with that mapping: phones come from the new column.
    result = run(test_connection(saved, "crm"))
    assert result["ok"] and result["counts"] == {"customers": 30}
    from app.connections.sources import open_connector

    frame = open_connector(saved.crm, "crm", Entity.CUSTOMERS).pull(Entity.CUSTOMERS)
    assert frame["phone"].iloc[0] == "3001230000"


# --- the preview reads only the beginning ---------------------------------------------------


def test_a_big_text_file_is_previewed_from_its_first_bytes(tmp_path, monkeypatch):
    path = tmp_path / "grande.csv"
    row = "79845123;Juan;Pérez;3001234567;Bogotá\r\n"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Cédula;Nombres;Apellidos;Celular;Ciudad\r\n")
        stream.write(row * (2 * mapping_preview.PREFIX_BYTES // len(row)))

    def whole_file(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(mapping_preview, "read_table", whole_file)
    preview = preview_file(path, "customers")
    assert len(preview.rows) == PREVIEW_ROWS and preview.truncated
    assert preview.selection["doc_number"] == ["Cédula"]
    assert preview.rows[0][4] == "Bogotá"


def test_a_workbook_is_previewed_row_by_row(tmp_path):
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["VIN", "Marca", "Línea", "Modelo", "Sede"])
    for i in range(500):
        ws.append([f"9BWAB45U7TT{i:06d}", "VW", "Polo", 2026, "Norte"])
    path = tmp_path / "inventario.xlsx"
    book.save(path)
    preview = preview_file(path, "vehicles")
    assert len(preview.rows) == PREVIEW_ROWS and preview.truncated
    assert preview.selection["vin"] == ["VIN"]
    assert preview.selection["model_year"] == ["Modelo"]  # decided by content, as the connector does
    assert preview.rows[0][3] == "2026"


@pytest.mark.parametrize("text", ["", "\r\n\r\n"])
def test_an_empty_file_is_explained(tmp_path, text):
    path = tmp_path / "vacio.csv"
    path.write_text(text, "utf-8")
    from app.connectors.files import FileFormatError

    with pytest.raises(FileFormatError, match="vacío"):
        preview_file(path, "customers")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16", "utf-32-le", "utf-8"])
def test_a_big_wide_text_file_shows_no_half_character(tmp_path, monkeypatch, encoding):
    """The first bytes end inside a character (UTF-16/32 and UTF-8 alike), with fewer whole
    rows than the preview shows: it keeps whole lines only, never a «�» from the cut."""
    path = tmp_path / "ancho.csv"
    head = "Cédula;Nombres;Apellidos;Celular;Ciudad;Observaciones\r\n"
    row = "79845123;José;Pérez;3001234567;Bogotá;" + "Ñ" * 30_000 + "\r\n"
    path.write_bytes((head + row * 40).encode(encoding))
    # The read stops inside a character: one byte past a four-byte boundary of the body.
    monkeypatch.setattr(mapping_preview, "PREFIX_BYTES", mapping_preview.PREFIX_BYTES + 1)
    preview = preview_file(path, "customers")
    assert preview.truncated and preview.selection["doc_number"] == ["Cédula"]
    assert 0 < len(preview.rows) < mapping_preview.PREVIEW_ROWS
    assert all("\ufffd" not in str(cell) for r in preview.rows for cell in r)
    assert [r[4] for r in preview.rows] == ["Bogotá"] * len(preview.rows)
