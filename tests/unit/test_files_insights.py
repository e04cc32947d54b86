"""Exports of what the insights read (``app/connectors/files``): invoices, workshop orders,
contracts and CRM follow-ups, and the stock's arrival day and a deal's creation day.

Every file is written here as a Colombian DMS, ERP or CRM exports it: Spanish headers, cp1252
with ``;`` and decimal commas, workbooks with native numbers and dates, kinds typed freely
("Revisión 5.000 km", "Póliza todo riesgo"). A cell that cannot be read is an issue and an
empty value; its row stays.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.connectors.files import FileConnector, FileFormatError
from app.connectors.files.cells import contract_kind, followup_kind, service_kind
from app.domain.schema import (
    COLUMNS,
    CONTRACT_KINDS,
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    INVOICE_STATUSES,
    SERVICE_KINDS,
    Entity,
    System,
)
from tests.unit.test_files import pull as pull_file
from tests.unit.test_files import workbook, write


def pull(path: Path, entity: Entity, system: System = System.ERP):
    """(frame, rows by source_id, issues as (source_id, column, reason, value))."""
    frame, issues, _ = pull_file(path, entity, system)
    rows = {r["source_id"]: r for r in frame.to_dict("records")}
    return frame, rows, {(i.source_id, i.column, i.reason, i.value) for i in issues}


# --- invoices --------------------------------------------------------------------------------


def test_invoices_from_an_erp_export_in_excel_es_co(tmp_path):
    path = write(tmp_path / "facturas.csv", [
        "Prefijo;Número;CUFE;NIT cliente;VIN;Sede;Fecha de emisión;Valor total;Estado",
        "FV;457;ab12;800.191.045-1;9bwzzz377vt004251;Bogotá;15/03/2026;$ 123.456.789,50;"
        "Validada DIAN",
        "FV;458;;52.326.162;;Medellín;31/02/2026;mucho;Anulada",
        "FV;459;;1020304050;;Cali;01/04/2026;45.000.000;Borrador",
        "FV;460;;1020304050;;Cali;02/04/2026;1.000;En el limbo",
    ], encoding="cp1252")
    frame, rows, problems = pull(path, Entity.INVOICES)
    assert list(frame.columns) == list(COLUMNS[Entity.INVOICES])
    first = rows["línea 2"]
    assert (first["invoice_number"], first["cufe"], first["customer_doc"], first["vin"]) == (
        "FV-457", "ab12", "800191045", "9BWZZZ377VT004251")
    assert (first["branch"], first["issued_on"], first["total"], first["status"]) == (
        "Bogotá", date(2026, 3, 15), Decimal("123456789.50"), "validated")
    assert [rows[r]["status"] for r in ("línea 3", "línea 4", "línea 5")] == ["annulled", "draft", None]
    assert set(frame["status"].dropna()) <= set(INVOICE_STATUSES)
    # The unreadable cells: an impossible date, a total in words, an unknown status. The rows
    # stay, with what could be read.
    # No identifier column: the records are named by their line (only the reconciled kinds'
    # files are reported for it; invoices are counted, not named in the report).
    assert problems == {
        ("línea 3", "Fecha de emisión", "unparseable", "31/02/2026"),
        ("línea 3", "Valor total", "unparseable", "mucho"),
        ("línea 5", "Estado", "unparseable", "En el limbo"),
    }
    assert rows["línea 3"]["invoice_number"] == "FV-458" and rows["línea 3"]["total"] is None
    assert rows["línea 4"]["total"] == Decimal("45000000")


def test_an_invoices_workbook_keeps_native_numbers_and_dates(tmp_path):
    path = workbook(tmp_path / "facturas.xlsx", [
        ["Reporte de facturación — enero 2026"],
        ["Id factura", "Factura No.", "Cédula cliente", "Fecha factura", "Total", "Estado"],
        ["F1", "FE-1001", 79845123, datetime(2026, 1, 17), 84_400_000, "VALIDADA DIAN"],
        ["F2", "FE-1002", 79845123, datetime(2026, 1, 18), 1_234.5, "ANULADA"],
    ])
    _frame, rows, problems = pull(path, Entity.INVOICES)
    assert problems == set()
    assert rows["F1"]["customer_doc"] == "79845123"
    assert rows["F1"]["issued_on"] == date(2026, 1, 17)
    assert rows["F1"]["total"] == Decimal(84_400_000) and rows["F2"]["total"] == Decimal("1234.5")
    assert isinstance(rows["F1"]["total"], Decimal)
    assert [rows["F1"]["status"], rows["F2"]["status"]] == ["validated", "annulled"]


def test_a_file_without_an_invoice_number_or_cufe_is_not_an_invoices_file(tmp_path):
    path = write(tmp_path / "ventas.csv", ["VIN;Valor total", "9BWZZZ377VT004251;1.000"])
    with pytest.raises(FileFormatError, match=r"no parece de facturas: falta una columna como "
                                              r"«Número de factura»"):
        FileConnector(path, System.ERP, Entity.INVOICES).pull(Entity.INVOICES)
    with pytest.raises(ValueError, match=r"tiene facturas, no seguimientos"):
        FileConnector(path, System.ERP, Entity.INVOICES).pull(Entity.FOLLOWUPS)


# --- workshop orders ---------------------------------------------------------------------------


def test_workshop_orders_with_kinds_as_typed_and_the_odometer_in_whole_km(tmp_path):
    path = workbook(tmp_path / "ordenes.xlsx", [
        ["OT", "Placa", "VIN", "Tipo de servicio", "Fecha de ingreso al taller", "Kilometraje",
         "Sede"],
        ["OT-1", "ABC123", "9BWZZZ377VT004251", "Revisión 5.000 km", datetime(2026, 5, 5),
         "4.760 km", "Bogotá"],
        ["OT-2", "ABC123", "9BWZZZ377VT004251", "Mantenimiento", "16/08/2026", 10_312, "Bogotá"],
        ["OT-3", "ABC123", "9BWZZZ377VT004251", "Revisión 15.000 km", "2026-11-02", "15.020",
         "Bogotá"],
        ["OT-4", "DEF456", "8AJBA3CD8TU632777", "Garantía", "03/01/2026", None, "Cali"],
        ["OT-5", "DEF456", "8AJBA3CD8TU632777", "Latonería y pintura", "04/02/2026", "12.345,6",
         "Cali"],
        ["OT-6", "DEF456", "8AJBA3CD8TU632777", "Lavado", "05/02/2026", "mucho", "Cali"],
        ["OT-7", "DEF456", "8AJBA3CD8TU632777", "PRIMER SERVICIO", "06/02/2026", -5, "Cali"],
    ])
    frame, rows, problems = pull(path, Entity.SERVICES)
    assert list(frame.columns) == list(COLUMNS[Entity.SERVICES])
    assert [rows[f"OT-{n}"]["kind"] for n in range(1, 8)] == [
        "first_service", "maintenance", "maintenance", "warranty", "repair", None,
        "first_service"]
    assert set(frame["kind"].dropna()) <= set(SERVICE_KINDS)
    assert [rows[f"OT-{n}"]["odometer_km"] for n in range(1, 8)] == [
        4760, 10312, 15020, None, 12346, None, None]
    assert all(type(v) is int for v in frame["odometer_km"].dropna())
    assert rows["OT-1"]["visited_on"] == date(2026, 5, 5)
    assert rows["OT-2"]["visited_on"] == date(2026, 8, 16)
    assert rows["OT-1"]["branch"] == "Bogotá"
    # The plate is not a VIN: it is left out, and said so.
    assert (None, "Placa", "unmapped_column", None) in problems
    assert problems - {(None, "Placa", "unmapped_column", None)} == {
        ("OT-6", "Tipo de servicio", "unparseable", "Lavado"),
        ("OT-6", "Kilometraje", "unparseable", "mucho"),
        ("OT-7", "Kilometraje", "unparseable", "-5"),
    }


# --- contracts ---------------------------------------------------------------------------------


def test_soat_insurance_and_financing_with_their_provider_and_end(tmp_path):
    path = write(tmp_path / "contratos.csv", [
        "Contrato;VIN;Documento cliente;Tipo;Aseguradora;Fecha inicio;Vencimiento",
        "C1;9BWZZZ377VT004251;79845123;SOAT;Seguros del Estado;20/08/2026;19/08/2027",
        "C2;9BWZZZ377VT004251;79845123;Póliza todo riesgo;SURA;20/08/2026;19/08/2027",
        "C3;9BWZZZ377VT004251;79845123;Crédito vehicular;Banco de Bogotá;17/12/2025;17/12/2031",
        "C4;8AJBA3CD8TU632777;43555666;Garantía extendida;Toyota;01/01/2026;pronto",
    ], encoding="cp1252")
    frame, rows, problems = pull(path, Entity.CONTRACTS)
    assert list(frame.columns) == list(COLUMNS[Entity.CONTRACTS])
    assert [rows[c]["kind"] for c in ("C1", "C2", "C3", "C4")] == [
        "soat", "insurance", "financing", None]
    assert set(frame["kind"].dropna()) <= set(CONTRACT_KINDS)
    assert [rows[c]["provider"] for c in ("C1", "C2", "C3")] == [
        "Seguros del Estado", "SURA", "Banco de Bogotá"]
    assert (rows["C1"]["starts_on"], rows["C1"]["ends_on"]) == (date(2026, 8, 20),
                                                                date(2027, 8, 19))
    assert rows["C1"]["customer_doc"] == "79845123"
    assert problems == {("C4", "Tipo", "unparseable", "Garantía extendida"),
                        ("C4", "Vencimiento", "unparseable", "pronto")}


def test_a_contracts_file_needs_a_vin_and_an_end(tmp_path):
    path = write(tmp_path / "polizas.csv", ["Póliza;VIN;Aseguradora", "P1;9BWZZZ377VT004251;SURA"])
    with pytest.raises(FileFormatError, match=r"no parece de contratos \(SOAT, seguros y "
                                              r"créditos\): falta una columna como «Fecha fin»"):
        FileConnector(path, System.ERP, Entity.CONTRACTS).pull(Entity.CONTRACTS)


# --- follow-ups --------------------------------------------------------------------------------


def test_crm_follow_up_tasks_with_their_kind_due_day_and_status(tmp_path):
    path = write(tmp_path / "tareas.csv", [
        "Id tarea;Cliente documento;VIN;Tipo;Fecha de vencimiento;Estado;Nota",
        "T1;79.845.123;9BWZZZ377VT004251;Aniversario;08/12/2026;Pendiente;Felicitar",
        "T2;79845123;9BWZZZ377VT004251;Primer servicio;25/11/2026;Abierta;",
        "T3;43555666;8AJBA3CD8TU632777;SOAT;01/12/2026;Hecha;Renovó con nosotros",
        "T4;43555666;8AJBA3CD8TU632777;Seguro;02/12/2026;Completada;",
        "T5;43555666;8AJBA3CD8TU632777;Renovación;03/12/2026;Realizada;",
        "T6;43555666;8AJBA3CD8TU632777;Otro;04/12/2026;Cancelada;No contesta",
        "T7;43555666;8AJBA3CD8TU632777;Llamar al perro;ayer;Quizás;",
    ])
    frame, rows, problems = pull(path, Entity.FOLLOWUPS, System.CRM)
    assert list(frame.columns) == list(COLUMNS[Entity.FOLLOWUPS])
    assert [rows[f"T{n}"]["kind"] for n in range(1, 8)] == [
        "anniversary", "first_service", "soat", "insurance", "renewal", "other", None]
    assert [rows[f"T{n}"]["status"] for n in range(1, 8)] == [
        "open", "open", "done", "done", "done", "cancelled", None]
    assert set(frame["kind"].dropna()) <= set(FOLLOWUP_KINDS)
    assert set(frame["status"].dropna()) <= set(FOLLOWUP_STATUSES)
    assert rows["T1"]["customer_doc"] == "79845123" and rows["T1"]["due_on"] == date(2026, 12, 8)
    assert (rows["T3"]["note"], rows["T2"]["note"]) == ("Renovó con nosotros", None)
    assert problems == {("T7", "Tipo", "unparseable", "Llamar al perro"),
                        ("T7", "Fecha de vencimiento", "unparseable", "ayer"),
                        ("T7", "Estado", "unparseable", "Quizás")}


# --- kinds as people type them -----------------------------------------------------------------


SERVICES_TYPED = [
    ("Primer servicio", "first_service"), ("Primera revisión", "first_service"),
    ("Revisión 5.000 km", "first_service"), ("revision 5000km", "first_service"),
    ("Mantenimiento", "maintenance"), ("Revisión 10.000 km", "maintenance"),
    ("Revisión 15.000 km", "maintenance"), ("Cambio de aceite", "maintenance"),
    ("MANTENIMIENTO PREVENTIVO 20.000", "maintenance"), ("Reparación", "repair"),
    ("Latonería", "repair"), ("Latonería y pintura", "repair"), ("Siniestro - colisión", "repair"),
    ("Garantía", "warranty"), ("GARANTIA DE FABRICA", "warranty"),
]
CONTRACTS_TYPED = [
    ("SOAT", "soat"), ("S.O.A.T.", "soat"), ("Seguro obligatorio", "soat"),
    ("TODO RIESGO", "insurance"), ("Póliza todo riesgo Sura", "insurance"),
    ("Seguro", "insurance"), ("CREDITO", "financing"), ("Financiación", "financing"),
    ("Leasing", "financing"), ("Crédito de vehículo Banco de Occidente", "financing"),
]
FOLLOWUPS_TYPED = [
    ("Aniversario de entrega", "anniversary"), ("Llamada aniversario", "anniversary"),
    ("Primera revisión", "first_service"), ("Revisión 5.000 km", "first_service"),
    ("Renovación SOAT", "soat"), ("Vence SOAT", "soat"), ("Renovación póliza", "insurance"),
    ("Renovación del seguro todo riesgo", "insurance"), ("Retoma", "renewal"),
    ("Encuesta", "other"),
]


@pytest.mark.parametrize(("parse", "typed", "kind"), [
    *((service_kind, t, k) for t, k in SERVICES_TYPED),
    *((contract_kind, t, k) for t, k in CONTRACTS_TYPED),
    *((followup_kind, t, k) for t, k in FOLLOWUPS_TYPED),
])
def test_kinds_as_workshops_insurers_and_salespeople_write_them(parse, typed, kind):
    assert parse(typed) == kind


# --- the stock's arrival day, a deal's creation day ---------------------------------------------


@pytest.mark.parametrize("header", ["Fecha de ingreso", "Fecha ingreso inventario",
                                    "Fecha de llegada"])
def test_the_day_a_unit_entered_stock(tmp_path, header):
    path = write(tmp_path / "inventario.csv", [
        f"VIN;Estado;{header}",
        "9BWZZZ377VT004251;Disponible;03/07/2026",
        "8AJBA3CD8TU632777;En tránsito;",
        "9FB5SR5B3T0703369;Disponible;mañana",
    ])
    _frame, rows, problems = pull(path, Entity.VEHICLES)
    assert [r["received_on"] for r in rows.values()] == [date(2026, 7, 3), None, None]
    assert problems == {(None, None, "no_id_column", "inventario.csv"),
                        ("línea 4", header, "unparseable", "mañana")}


@pytest.mark.parametrize("header", ["Fecha de creación", "Fecha creación", "Creado"])
def test_the_day_a_lead_came_in(tmp_path, header):
    path = write(tmp_path / "negocios.csv", [
        f"Id negocio;Documento cliente;Etapa;Origen;{header};Fecha de cierre",
        "N1;79845123;Vendido;Facebook;17/10/2026;30/10/2026",
        "N2;43555666;Prospecto;Walk-in;2026-11-02;",
    ])
    _frame, rows, problems = pull(path, Entity.DEALS, System.CRM)
    assert (rows["N1"]["created_on"], rows["N2"]["created_on"]) == (date(2026, 10, 17),
                                                                    date(2026, 11, 2))
    assert rows["N1"]["lead_source"] == "Facebook"
    assert problems == set()
