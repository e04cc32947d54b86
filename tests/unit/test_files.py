"""CSV/XLSX exports as dealership systems write them (``app/connectors/files``).

Every file is written here, in ``tmp_path``, byte for byte as Excel es-CO, a CRM export or a
branch manager would: cp1252 with ``;`` and decimal commas, UTF-8 with a BOM, workbooks whose
cédulas are numbers, a trailing ``;`` on every line, a "Total" row at the bottom.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from app.connectors.files import (
    FileConnector,
    FileFormatError,
    MappingError,
    read_count,
)
from app.connectors.files.cells import DateColumn, NumberFormat, date_column, number_column
from app.connectors.files.headers import SYNONYMS, header_key
from app.connectors.files.table import decode, sniff_separator
from app.domain.schema import COLUMNS, Entity, System

BOGOTA = ZoneInfo("America/Bogota")


def write(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def workbook(path: Path, rows: list[list[object]], sheet: str = "Hoja1",
             first: str | None = None) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    if first is not None:  # a sheet before the one with the data
        ws.title = first
        ws.append(["nada que ver aquí"])
        ws = book.create_sheet(sheet)
    else:
        ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def pull(path: Path, entity: Entity, system: System = System.ERP, **kw: object):
    connector = FileConnector(path, system, entity, **kw)  # type: ignore[arg-type]
    frame = connector.pull(entity)
    return frame, connector.issues(), connector


def reasons(issues, reason: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(i.source_id, i.column, i.value) for i in issues if i.reason == reason]


def but_no_id(issues, name: str) -> list:
    """The issues besides the one that says the file has no identifier column (checked)."""
    assert reasons(issues, "no_id_column") == [(None, None, name)]
    return [i for i in issues if i.reason != "no_id_column"]


# --- the files people bring ----------------------------------------------------------------


def test_excel_es_co_csv_cp1252_semicolons_decimal_commas_day_first(tmp_path):
    path = write(tmp_path / "recibos.csv", [
        "No. recibo;Prefijo;Número;NIT;Valor;Fecha de pago;Forma de pago;Sede;",
        "RC-0001;FV;457;800.191.045-1;$ 1.234.567,89;15/03/2026;Consignación;Bogotá;",
        "RC-0002;FV;458;0012345678;$ 45.000.000,00;01/04/2026;Efectivo;Medellín;",
        "RC-0003;FV;;1020304050;(1.500,50);31/12/2025;Crédito;Medellín;",
        ";;;;;;;;",
        "TOTAL;;;;$ 46.233.067,39;;;;",
    ], encoding="cp1252")
    frame, issues, connector = pull(path, Entity.PAYMENTS)

    assert list(frame.columns) == list(COLUMNS[Entity.PAYMENTS])
    assert connector.layout["encoding"] == "cp1252"
    assert connector.layout["separator"] == ";"
    assert frame["amount"].tolist() == [Decimal("1234567.89"), Decimal("45000000.00"),
                                        Decimal("-1500.50")]
    assert frame["paid_on"].tolist() == [date(2026, 3, 15), date(2026, 4, 1), date(2025, 12, 31)]
    assert frame["invoice_number"].tolist() == ["FV-457", "FV-458", None]
    assert frame["customer_doc"].tolist() == ["800191045", "0012345678", "1020304050"]
    assert frame["method"].tolist() == ["Consignación", "Efectivo", "Crédito"]
    assert frame["branch"].tolist() == ["Bogotá", "Medellín", "Medellín"]
    assert frame["currency"].tolist() == ["COP"] * 3
    assert frame["source_id"].tolist() == ["línea 2", "línea 3", "línea 4"]  # lines of the file
    assert but_no_id(issues, "recibos.csv") == []


def test_utf8_bom_commas_quotes_and_newlines_inside_fields(tmp_path):
    path = write(tmp_path / "clientes.csv", [
        "Código,Identificación,Tipo de identificación,Nombres,Apellidos,Dirección,Correo electrónico",
        'C-1,1020304050,13,"José María","Pérez Gómez","Calle 10 # 5-20, Apto 301",JOSE@Correo.COM',
        'C-2,800191045,31,,,"Cra 7 ""A"" # 12-34',
        'Barrio Centro",ventas@empresa.co',
        "C-3,52111222,Cédula de ciudadanía,Ana,Ruiz,,",
    ], encoding="utf-8-sig")
    frame, issues, connector = pull(path, Entity.CUSTOMERS, System.CRM)

    assert connector.layout == {"encoding": "utf-8-sig", "separator": ",", "sheet": None,
                                "header_line": 1}
    assert frame["source_id"].tolist() == ["C-1", "C-2", "C-3"]
    assert frame["doc_type"].tolist() == ["CC", "NIT", "CC"]
    assert frame["first_names"].tolist() == ["José María", None, "Ana"]
    assert frame["address"].tolist() == ["Calle 10 # 5-20, Apto 301",
                                         'Cra 7 "A" # 12-34 Barrio Centro', None]
    assert frame["email"].tolist() == ["jose@correo.com", "ventas@empresa.co", None]
    assert list(frame.columns) == [*COLUMNS[Entity.CUSTOMERS], "full_name", "phone_alt"]
    assert issues == []


def test_xlsx_numbers_dates_and_a_named_sheet(tmp_path):
    path = workbook(tmp_path / "cartera.xlsx", [
        ["Informe de recaudo — marzo 2026"],
        [],
        ["Recibo", "Cédula", "Valor pagado", "Fecha", "Actualizado"],
        ["RC-1", 1020304050, 1234567.89, datetime(2026, 3, 15), datetime(2026, 3, 15, 10, 30)],
        ["RC-2", "0098765432", 45000000, datetime(2026, 3, 16), "2026-03-16T08:00:00Z"],
        ["RC-3", 1.0e9, "$ 2.500.000", 46097, 46097.5],
        ["Total", None, 48734567.89, None, None],
    ], sheet="Recaudo", first="Portada")
    frame, issues, connector = pull(path, Entity.PAYMENTS, sheet="Recaudo")

    assert connector.layout["sheet"] == "Recaudo"
    assert connector.layout["header_line"] == 3
    assert frame["customer_doc"].tolist() == ["1020304050", "0098765432", "1000000000"]
    assert frame["amount"].tolist() == [Decimal("1234567.89"), Decimal(45000000),
                                        Decimal(2500000)]
    assert frame["paid_on"].tolist() == [date(2026, 3, 15), date(2026, 3, 16), date(2026, 3, 16)]
    assert frame["updated_at"].tolist() == [
        datetime(2026, 3, 15, 10, 30, tzinfo=BOGOTA),
        datetime(2026, 3, 16, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 16, 12, 0, tzinfo=BOGOTA),
    ]
    assert frame["source_id"].tolist() == ["línea 4", "línea 5", "línea 6"]
    assert but_no_id(issues, "cartera.xlsx") == []


def test_xlsx_first_sheet_by_default_and_unknown_sheet(tmp_path):
    path = workbook(tmp_path / "vins.xlsx", [["VIN"], ["9BWZZZ377VT004251"]])
    frame, issues = read_count(path)
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251"]
    assert issues == []
    with pytest.raises(FileFormatError, match=r"no tiene la hoja «Conteo»\. Hojas: Hoja1"):
        read_count(path, sheet="Conteo")


def test_leading_zeros_survive_csv_and_xlsx_text(tmp_path):
    csv_path = write(tmp_path / "c.csv", ["Cédula;Nombre", "0001234567;Ana", "00123;Luis"])
    frame, _, _ = pull(csv_path, Entity.CUSTOMERS)
    assert frame["doc_number"].tolist() == ["0001234567", "00123"]

    xlsx_path = workbook(tmp_path / "c.xlsx", [["Cédula", "Nombre"], ["0001234567", "Ana"]])
    frame, _, _ = pull(xlsx_path, Entity.CUSTOMERS)
    assert frame["doc_number"].tolist() == ["0001234567"]


# --- headers -------------------------------------------------------------------------------


def test_split_names_phones_and_a_full_name_column(tmp_path):
    path = write(tmp_path / "contactos.csv", [
        "ID;Primer nombre;Segundo nombre;Primer apellido;Segundo apellido;Teléfono;Móvil;"
        "E-mail;Ciudad/Municipio;Habeas data",
        "7;Juan;Carlos;Pérez;;(1) 345 6789;+57 300 123 4567;A@B.CO;medellin;S",
        "8;María;;López;Díaz;604 444 5555;;;Bogota D.C.;x",
        "9;Ana;;Ruiz;;12345;3001234567;;Ciudad Gótica;0",
    ])
    frame, issues, _ = pull(path, Entity.CUSTOMERS, System.CRM)
    assert frame["first_names"].tolist() == ["Juan Carlos", "María", "Ana"]
    assert frame["last_names"].tolist() == ["Pérez", "López Díaz", "Ruiz"]
    assert frame["phone"].tolist() == ["3001234567", None, "3001234567"]
    assert frame["phone_alt"].tolist() == ["6013456789", "6044445555", "12345"]
    assert frame["email"].tolist() == ["a@b.co", None, None]
    assert frame["city_code"].tolist() == ["05001", "11001", None]
    assert frame["city_name"].tolist() == ["medellin", "Bogota D.C.", "Ciudad Gótica"]
    assert frame["habeas_data_consent"].tolist() == [True, True, False]
    assert frame["full_name"].tolist() == [None, None, None]
    assert reasons(issues, "unknown_city") == [("9", "Ciudad/Municipio", "Ciudad Gótica")]

    single = write(tmp_path / "crm.csv", ["Nombre completo;Celular;Cód. municipio",
                                          "Juan Pérez G.;3001234567;5001", "Ana;;11001"])
    frame, issues, _ = pull(single, Entity.CUSTOMERS, System.CRM)
    assert frame["full_name"].tolist() == ["Juan Pérez G.", "Ana"]
    assert frame["first_names"].tolist() == [None, None]
    assert frame["city_code"].tolist() == ["05001", "11001"]
    assert frame["city_name"].tolist() == ["Medellín", "Bogotá D.C."]
    assert but_no_id(issues, "crm.csv") == []


@pytest.mark.parametrize("header", ["Documento", "IDENTIFICACION", "Nro. identificación",
                                    "NIT/CC", "Cédula", "CC/NIT", "nit", "  Número de documento "])
def test_document_synonyms_fold_accents_case_spaces_and_punctuation(tmp_path, header):
    path = write(tmp_path / "c.csv", [f"{header};Razón social", "900.373.115-3;Autos SAS"])
    frame, issues, _ = pull(path, Entity.CUSTOMERS)
    assert frame["doc_number"].tolist() == ["900373115"]
    assert frame["check_digit"].tolist() == ["3"]
    assert frame["company_name"].tolist() == ["Autos SAS"]
    assert but_no_id(issues, "c.csv") == []


def test_nit_with_dv_in_the_cell_or_in_its_own_column(tmp_path):
    path = write(tmp_path / "terceros.csv", [
        "NIT;Dígito de verificación;Razón social;Tipo documento",
        "800.191.045-1;;Concesionario SA;NIT",
        "800191045;1;Concesionario SA;31",
        "860.002.964-4;5;Otra SA;NIT",
        "52.111.222;;;CC",
        "PENDIENTE;;Sin documento;",
    ])
    frame, issues, _ = pull(path, Entity.CUSTOMERS)
    assert frame["doc_number"].tolist() == ["800191045", "800191045", "860002964", "52111222", None]
    assert frame["check_digit"].tolist() == ["1", "1", "5", None, None]
    assert frame["doc_type"].tolist() == ["NIT", "NIT", "NIT", "CC", None]
    assert reasons(issues, "conflicting_check_digit") == [("línea 4", "Dígito de verificación", "4/5")]
    assert reasons(issues, "unparseable") == [("línea 6", "NIT", "PENDIENTE")]


def test_unmapped_and_ambiguous_headers_are_reported_once_each(tmp_path):
    path = write(tmp_path / "vehiculos.csv", [
        "VIN;Chasis;Marca;Línea;Modelo;Color;Estado;Bodega;Precio;Kilometraje;Observaciones;",
        "9bwzzz377vt004251;9BWZZZ377VT004251;Renault;Duster;2025;Blanco;Disponible;Norte;"
        "89.990.000;0;;",
        "3VWFE21C04M000001;;Mazda;CX-30;2024;Rojo;En tránsito;Sur;112.500.000;12;ok;",
        "3VWFE21C04M000002;;Kia;Picanto;2024;Gris;sold;Sur;58.000.000;;;",
    ])
    frame, issues, _ = pull(path, Entity.VEHICLES)
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251", "3VWFE21C04M000001",
                                     "3VWFE21C04M000002"]
    assert frame["model"].tolist() == ["Duster", "CX-30", "Picanto"]
    assert frame["model_year"].tolist() == ["2025", "2024", "2024"]  # "Modelo" is the year here
    assert frame["status"].tolist() == ["available", "in_transit", "sold"]
    assert frame["price"].tolist() == [Decimal(89990000), Decimal(112500000), Decimal(58000000)]
    assert reasons(issues, "unmapped_column") == [(None, "Kilometraje", None),
                                                  (None, "Observaciones", None)]
    assert reasons(issues, "ambiguous_header") == [(None, "Chasis", "VIN")]
    assert not reasons(issues, "ambiguous_number_format")  # "89.990.000" proves es-CO


def test_modelo_is_the_line_when_a_year_column_exists(tmp_path):
    path = write(tmp_path / "v.csv", ["Serie;Marca;Modelo;Año;Estado",
                                      "9BWZZZ377VT004251;Renault;Duster;2025;Reservado"])
    frame, issues, _ = pull(path, Entity.VEHICLES)
    assert frame[["model", "model_year", "status"]].iloc[0].tolist() == ["Duster", "2025",
                                                                         "reserved"]
    assert but_no_id(issues, "v.csv") == []


def test_no_synonym_claims_one_header_for_two_fields():
    for kind, fields in SYNONYMS.items():
        owner: dict[str, str] = {}
        for name, synonyms in fields.items():
            for synonym in synonyms:
                key = header_key(synonym)
                assert owner.setdefault(key, name) == name, (kind, synonym, owner[key], name)


# --- mapping -------------------------------------------------------------------------------


def test_mapping_overrides_synonyms_from_a_dict_or_a_json_file(tmp_path):
    path = write(tmp_path / "raro.csv", ["Ident;Nom;Ape;Tel. casa;Documento",
                                         "123;Ana;Ruiz;3001234567;999"])
    mapping = {"doc_number": "Ident", "first_names": "Nom", "last_names": "ape",
               "phone": "Tel. casa"}
    frame, issues, _ = pull(path, Entity.CUSTOMERS, mapping=mapping)
    assert frame[["doc_number", "first_names", "last_names", "phone"]].iloc[0].tolist() == [
        "123", "Ana", "Ruiz", "3001234567"]
    # "Documento" would have been the document; the mapping chose another column.
    assert reasons(issues, "unmapped_column") == [(None, "Documento", None)]

    saved = tmp_path / "mapeo.json"
    saved.write_text(json.dumps({"doc_number": "Ident", "full_name": ["Nom", "Ape"]}), "utf-8")
    frame, _, _ = pull(path, Entity.CUSTOMERS, mapping=saved)
    assert frame[["doc_number", "full_name"]].iloc[0].tolist() == ["123", "Ana Ruiz"]


def test_mapping_errors_say_what_exists(tmp_path):
    path = write(tmp_path / "c.csv", ["Documento;Nombre", "1;Ana"])
    with pytest.raises(MappingError, match=r"no existen: cedula\. Columnas válidas: source_id"):
        FileConnector(path, System.ERP, Entity.CUSTOMERS, {"cedula": "Documento"})
    connector = FileConnector(path, System.ERP, Entity.CUSTOMERS, {"doc_number": "Cédula"})
    with pytest.raises(MappingError, match=r"«Cédula», que no está.*«Documento», «Nombre»"):
        connector.pull(Entity.CUSTOMERS)
    bad = tmp_path / "m.json"
    bad.write_text("[1, 2]", "utf-8")
    with pytest.raises(ValueError, match="debe ser un objeto JSON"):
        FileConnector(path, System.ERP, Entity.CUSTOMERS, bad)
    bad.write_text("{no", "utf-8")
    with pytest.raises(ValueError, match="no es JSON válido"):
        FileConnector(path, System.ERP, Entity.CUSTOMERS, bad)
    with pytest.raises(ValueError, match="debe ser el encabezado"):
        FileConnector(path, System.ERP, Entity.CUSTOMERS, {"doc_number": 3})


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(("entity", "lines", "expected"), [
    (Entity.CUSTOMERS, ["Celular;Correo", "3001234567;a@b.co"], "«Nombres»"),
    (Entity.PAYMENTS, ["Recibo;Fecha", "RC-1;01/01/2026"], "«Valor pagado»"),
    (Entity.PAYMENTS, ["Valor;Fecha", "1.000;01/01/2026"], "«Recibo de caja»"),
    (Entity.VEHICLES, ["Marca;Línea", "Kia;Picanto"], "«VIN», «Chasis»"),
])
def test_a_missing_required_column_is_a_spanish_sentence(tmp_path, entity, lines, expected):
    path = write(tmp_path / "export.csv", lines)
    with pytest.raises(FileFormatError) as caught:
        FileConnector(path, System.CRM, entity).pull(entity)
    message = str(caught.value)
    assert message.startswith("El archivo export.csv no parece de ")
    assert expected in message
    assert f"Encabezados del archivo (línea 1): «{lines[0].split(';')[0]}»" in message


def test_files_that_are_not_tables(tmp_path):
    with pytest.raises(FileFormatError, match=r"No se encuentra el archivo nada\.csv"):
        FileConnector(tmp_path / "nada.csv", System.ERP, Entity.VEHICLES).pull(Entity.VEHICLES)
    empty = write(tmp_path / "vacio.csv", ["", ""])
    with pytest.raises(FileFormatError, match="está vacío"):
        read_count(empty)
    old = tmp_path / "viejo.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(FileFormatError, match=r"\.xls.*guárdelo como \.xlsx o CSV"):
        read_count(old)
    # Some systems write tab-separated text and call it .xls: that reads.
    tsv = write(tmp_path / "inventario.xls", ["VIN\tSede", "9BWZZZ377VT004251\tNorte"])
    assert read_count(tsv)[0]["branch"].tolist() == ["Norte"]
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(FileFormatError, match="no es un libro de Excel"):
        read_count(broken)
    archive = tmp_path / "conteos.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("conteo.csv", "VIN\n9BWZZZ377VT004251\n")
    with pytest.raises(FileFormatError, match="no es un libro de Excel"):
        read_count(archive)


def test_a_workbook_saved_as_csv_still_reads(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["VIN", "Sede"], ["9BWZZZ377VT004251", "Norte"]])
    misnamed = path.rename(tmp_path / "conteo.csv")
    frame, _ = read_count(misnamed)
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251"]


def test_pull_of_another_entity_and_describe(tmp_path):
    path = write(tmp_path / "clientes.csv", ["Documento;Nombre", "1;Ana"])
    connector = FileConnector(str(path), "crm", "customers")
    assert connector.describe() == "archivo CRM clientes.csv"
    with pytest.raises(ValueError, match="tiene clientes, no pagos"):
        connector.pull(Entity.PAYMENTS)


# --- cells ---------------------------------------------------------------------------------


def test_a_bad_amount_or_date_is_an_issue_and_the_row_stays(tmp_path):
    path = write(tmp_path / "pagos.csv", [
        "Recibo;Valor;Fecha;Actualizado",
        "RC-1;1.234,50;15/03/2026;15/03/2026 10:30",
        "RC-2;mil pesos;31/02/2026;ayer",
        "RC-3;-2.000,00;16-mar-2026;16/03/2026 2:05 p. m.",
    ])
    frame, issues, _ = pull(path, Entity.PAYMENTS, System.CRM)
    assert frame["receipt_number"].tolist() == ["RC-1", "RC-2", "RC-3"]
    assert frame["amount"].tolist() == [Decimal("1234.50"), None, Decimal("-2000.00")]
    assert frame["paid_on"].tolist() == [date(2026, 3, 15), None, date(2026, 3, 16)]
    assert frame["updated_at"].tolist() == [datetime(2026, 3, 15, 10, 30, tzinfo=BOGOTA), None,
                                            datetime(2026, 3, 16, 14, 5, tzinfo=BOGOTA)]
    assert reasons(issues, "unparseable") == [("línea 3", "Valor", "mil pesos"),
                                              ("línea 3", "Fecha", "31/02/2026"),
                                              ("línea 3", "Actualizado", "ayer")]
    assert all(i.system is System.CRM and i.entity is Entity.PAYMENTS for i in issues)


def test_an_ambiguous_number_column_reads_as_thousands_and_says_so(tmp_path):
    path = write(tmp_path / "p.csv", ["Recibo;Valor;Monto", "RC-1;1.234;1.234,5", "RC-2;12.500;7",
                                      "RC-3;;8"])
    frame, issues, _ = pull(path, Entity.PAYMENTS)
    assert frame["amount"].tolist() == [Decimal(1234), Decimal(12500), None]
    assert reasons(issues, "ambiguous_number_format") == [(None, "Valor", "es-CO")]
    assert reasons(issues, "ambiguous_header") == [(None, "Monto", "Valor")]


def test_mixed_number_formats_pick_the_majority_and_flag_the_rest(tmp_path):
    path = write(tmp_path / "p.csv", ["Recibo;Valor", "1;1.234,50", "2;2.000,00", "3;1,234.50"])
    frame, issues, _ = pull(path, Entity.PAYMENTS)
    assert frame["amount"].tolist() == [Decimal("1234.50"), Decimal("2000.00"), None]
    assert reasons(issues, "mixed_number_format") == [(None, "Valor", "es-CO")]
    assert reasons(issues, "unparseable") == [("línea 4", "Valor", "1,234.50")]


@pytest.mark.parametrize(("values", "expected"), [
    (["1,234,567.89", "12.5"], ["1234567.89", "12.5"]),
    (["1,234", "99"], ["1234", "99"]),  # en-US thousands, ambiguous
    (["$ 1.234.567", "COP 5.000"], ["1234567", "5000"]),
    (["(1.000,00)", "2.000,00-", "-$ 3.000,5", "$ -4,25"], ["-1000.00", "-2000.00", "-3000.5",
                                                            "-4.25"]),
    (["1\u00a0234\u00a0567,89", "$1'234.567"], ["1234567.89", "1234567"]),
])
def test_number_columns(values, expected):
    column = number_column(values)
    assert [column.parse(v) for v in values] == [Decimal(e) for e in expected]


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _format(value: Decimal, style: NumberFormat, symbol: bool) -> str:
    thousands, decimal = (".", ",") if style is NumberFormat.ES_CO else (",", ".")
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    out = _group(whole, thousands) + (decimal + fraction if fraction else "")
    if symbol:
        out = "$\u00a0" + out
    return ("-" if value < 0 else "") + out


@given(
    st.lists(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                         allow_nan=False, allow_infinity=False), min_size=1, max_size=20),
    st.sampled_from(list(NumberFormat)),
    st.booleans(),
)
def test_number_parser_round_trips_a_column_in_either_convention(amounts, style, symbol):
    written = [_format(a, style, symbol) for a in amounts]
    column = number_column(written)
    assert [column.parse(w) for w in written] == amounts


@pytest.mark.parametrize(("values", "expected"), [
    (["15/03/2026", "01/04/2026"], [date(2026, 3, 15), date(2026, 4, 1)]),
    (["5/3/26", "7/1/99"], [date(2026, 3, 5), date(1999, 1, 7)]),
    (["2026-03-15", "2026/04/01"], [date(2026, 3, 15), date(2026, 4, 1)]),
    (["15-03-2026", "01.04.2026"], [date(2026, 3, 15), date(2026, 4, 1)]),
    (["15-mar-2026", "1 de abril de 2026", "3-Dic-25", "4 sept 2026"],
     [date(2026, 3, 15), date(2026, 4, 1), date(2025, 12, 3), date(2026, 9, 4)]),
    (["46096", 46096, 46096.0, "20260315"],
     [date(2026, 3, 15), date(2026, 3, 15), date(2026, 3, 15), date(2026, 3, 15)]),
    (["03/15/2026", "04/01/2026"], [date(2026, 3, 15), date(2026, 4, 1)]),  # proven month-first
    (["03/04/2026"], [date(2026, 4, 3)]),  # Colombia: day first unless proven otherwise
])
def test_date_columns(values, expected):
    column = date_column(values)
    assert [column.to_date(v) for v in values] == expected


def test_timestamps_always_carry_a_zone():
    column = DateColumn()
    assert column.to_timestamp("15/03/2026") == datetime(2026, 3, 15, tzinfo=BOGOTA)
    assert column.to_timestamp("2026-03-15 10:30:00-05:00") == datetime(
        2026, 3, 15, 10, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert column.to_timestamp("15/03/2026 08:15 a.m.") == datetime(2026, 3, 15, 8, 15, tzinfo=BOGOTA)
    assert column.to_timestamp(datetime(2026, 3, 15, 9)) == datetime(2026, 3, 15, 9, tzinfo=BOGOTA)
    for bad in ("32/01/2026", "15/13/2026", "15-foo-2026", "25:00", "15/03/2026 13:00 p.m."):
        with pytest.raises(ValueError):
            column.to_timestamp(bad)


# --- bytes and layout ----------------------------------------------------------------------


def test_separator_is_the_one_that_splits_every_line_alike():
    assert sniff_separator("Nombre;Dirección\nAna;Calle 1, apto 2\nLuis;Cra 3, casa 4, int 5\n") == ";"
    assert sniff_separator("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_separator("a|b\n1|2\n") == "|"
    assert sniff_separator('a,b\n"1;2;3",4\n') == ","
    assert sniff_separator("VIN\n9BWZZZ377VT004251\n") == ","  # one column: any will do


def test_decoding_never_fails():
    assert decode("Bogotá".encode()) == ("Bogotá", "utf-8", False)
    assert decode("\ufeffBogotá".encode()) == ("Bogotá", "utf-8-sig", False)
    assert decode("Bogotá".encode("cp1252")) == ("Bogotá", "cp1252", False)
    assert decode("Bogotá\tCali".encode("utf-16")) == ("Bogotá\tCali", "utf-16", False)
    assert decode(b"Bogot\xe1 \x81") == ("Bogotá \ufffd", "cp1252", True)  # 0x81: no character
    pasted = "Medellín\r\n".encode() + "Bogotá\r\n".encode("cp1252") + "Cúcuta\n".encode()
    assert decode(pasted) == ("Medellín\r\nBogotá\r\nCúcuta\n", "utf-8", False)
    assert decode("Medellín ".encode() + b"\x81") == ("Medellín \ufffd", "utf-8", True)


def test_undecodable_bytes_are_reported_on_their_cell(tmp_path):
    path = tmp_path / "roto.csv"
    path.write_bytes("VIN;Observación\r\n9BWZZZ377VT004251;golpe en puerta\r\n".encode("cp1252")
                     + b"3VWFE21C04M000001;raya \x81 trasera\r\n")
    frame, issues = read_count(path)
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251", "3VWFE21C04M000001"]
    assert frame["note"].tolist() == ["golpe en puerta", "raya \ufffd trasera"]
    assert reasons(issues, "undecodable_bytes") == [("línea 3", "Observación", "raya \ufffd trasera")]


def test_tab_and_pipe_files_lf_and_cr_line_ends(tmp_path):
    tab = write(tmp_path / "t.txt", ["VIN\tSede", "9BWZZZ377VT004251\tNorte"], newline="\n")
    pipe = write(tmp_path / "p.csv", ["Sede|Chasis", "Sur|3VWFE21C04M000001"], newline="\r")
    assert read_count(tab)[0]["branch"].tolist() == ["Norte"]
    assert read_count(pipe)[0]["vin"].tolist() == ["3VWFE21C04M000001"]


# --- physical count ------------------------------------------------------------------------


def test_read_count_with_spanish_headers(tmp_path):
    path = write(tmp_path / "conteo_norte.csv", [
        "Sede;Número de chasis;Fecha;Contado por;Observación;",
        "Norte; 9bwzzz377vt004251 ;20/11/2026;Diana Ospina;;",
        ";3VWFE21C04M000001;20/11/2026 16:45;Diana Ospina;rayón;",
        "Norte;;20/11/2026;Diana Ospina;no tenía VIN visible;",
    ], encoding="utf-8-sig")
    frame, issues = read_count(path, branch="Autopista Norte")
    assert list(frame.columns) == ["branch", "vin", "counted_at", "counted_by", "note"]
    assert frame.to_dict("records") == [
        {"branch": "Norte", "vin": "9BWZZZ377VT004251", "counted_at": date(2026, 11, 20),
         "counted_by": "Diana Ospina", "note": None},
        {"branch": "Autopista Norte", "vin": "3VWFE21C04M000001",
         "counted_at": datetime(2026, 11, 20, 16, 45, tzinfo=BOGOTA),
         "counted_by": "Diana Ospina", "note": "rayón"},
    ]
    assert [(i.source_id, i.column, i.reason) for i in issues] == [
        ("línea 4", "Número de chasis", "missing_vin")]


def test_read_count_needs_only_a_vin_column_and_refuses_without_one(tmp_path):
    frame, issues = read_count(write(tmp_path / "solo.csv", ["Serie", "9BWZZZ377VT004251"]))
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251"]
    assert frame["branch"].tolist() == [None]
    assert issues == []
    with pytest.raises(FileFormatError, match=r"no parece de conteo físico.*«VIN»"):
        read_count(write(tmp_path / "mal.csv", ["Placa;Sede", "ABC123;Norte"]))


def test_row_ids_are_the_line_a_record_starts_on_and_extra_cells_are_reported(tmp_path):
    path = write(tmp_path / "c.csv", [
        "Documento;Nombre;Dirección",
        '1;Ana;"Calle 1',
        'Barrio Sur"',
        "2;Luis;Calle 2;sobra",
    ])
    frame, issues, _ = pull(path, Entity.CUSTOMERS)
    assert frame["source_id"].tolist() == ["línea 2", "línea 4"]
    assert frame["address"].tolist() == ["Calle 1 Barrio Sur", "Calle 2"]
    assert reasons(issues, "unmapped_column") == [(None, "#4", None)]


def test_deals_export(tmp_path):
    path = write(tmp_path / "negocios.csv", [
        "Id negocio,Documento cliente,Etapa,VIN,Valor,Origen,Fecha de cierre",
        'N-1,1020304050,Prueba de manejo,,"$89,990,000.00",Facebook,',
        "N-2,52111222,Ganado,9BWZZZ377VT004251,1500.5,Vitrina,2026-03-15",
        "N-3,,Congelado,,,,",
    ])
    frame, issues, _ = pull(path, Entity.DEALS, System.CRM)
    assert frame["source_id"].tolist() == ["N-1", "N-2", "N-3"]
    assert frame["stage"].tolist() == ["test_drive", "sold", None]
    assert frame["amount"].tolist() == [Decimal("89990000.00"), Decimal("1500.5"), None]
    assert frame["closed_on"].tolist() == [None, date(2026, 3, 15), None]
    assert reasons(issues, "unparseable") == [("N-3", "Etapa", "Congelado")]
