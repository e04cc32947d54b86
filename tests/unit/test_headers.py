"""Columns recognized by what their header means (``app/connectors/files``: headers, meaning,
content), as other people's exports name them.

A truth table of (entity, header) → field with the traps a header must not fall into, the
same headers in the spellings people type (hypothesis), the cells deciding where a header
leaves a doubt, whole exports shaped like HubSpot, Salesforce, Zoho, Siigo and World Office
ones, and a file without an identifier column: its records named «línea N», said first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli.main import main
from app.connectors.files import FileConnector
from app.connectors.files.headers import SYNONYMS, header_key, resolve
from app.connectors.files.meaning import words
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile.engine import reconcile
from app.reconcile.export import summary_table, to_json

C, P, V, D, INV = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS,
                 Entity.INVOICES)


def field_of(kind: str, header: str, cells: Sequence[object] = ()) -> str | None:
    """The field one column gets, alone in its export, or None."""
    found = resolve(kind, [header], {}, lambda _i: list(cells))
    return next((name for name, cols in found.fields.items() if cols == [0]), None)


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def pull(path: Path, entity: Entity, system: System = System.CRM, **kw: object):
    connector = FileConnector(path, system, entity, **kw)  # type: ignore[arg-type]
    frame = connector.pull(entity)
    return frame, connector.issues()


def reasons(issues, reason: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(i.source_id, i.column, i.value) for i in issues if i.reason == reason]


# --- the truth table -----------------------------------------------------------------------

TRUTH: list[tuple[str, str, str | None]] = [
    # The record's own identifier, named with its record, in either order and language.
    (C, "ID Lead", "source_id"),
    (C, "Lead ID", "source_id"),
    (C, "Record ID", "source_id"),
    (C, "Record Id", "source_id"),
    (C, "Nro. prospecto", "source_id"),
    (C, "Código del tercero", "source_id"),
    (C, "# Contacto", "source_id"),
    (C, "Id del cliente", "source_id"),
    (C, "ContactId", "source_id"),
    (C, "lead_id", "source_id"),
    (C, "Número de cliente", "source_id"),
    (C, "Account ID", "source_id"),  # Salesforce person accounts
    (P, "Id pago", "source_id"),
    (P, "Payment ID", "source_id"),
    (P, "Número de pago", "source_id"),
    (P, "ID recibo", "source_id"),
    (D, "# Negocio", "source_id"),
    (D, "Deal ID", "source_id"),
    (D, "Opportunity ID", "source_id"),
    (D, "Record ID", "source_id"),
    (D, "Nro. oportunidad", "source_id"),
    (D, "ID Lead", "source_id"),  # a lead is the deal in a dealership CRM's pipeline
    (V, "ID del vehículo", "source_id"),
    (V, "Vehicle ID", "source_id"),
    (INV, "Invoice ID", "source_id"),
    # What the value is comes before whose it is.
    (C, "Número de identificación", "doc_number"),
    (C, "Número identificación cliente", "doc_number"),
    (C, "Cédula del cliente", "doc_number"),
    (P, "Número de identificación", "customer_doc"),
    (P, "Número de factura", "invoice_number"),
    (INV, "Número de factura", "invoice_number"),
    (INV, "Invoice Number", "invoice_number"),
    (P, "No. recibo", "receipt_number"),
    (P, "Núm. recibo", "receipt_number"),
    (P, "Número comprobante", "receipt_number"),
    (C, "Número de celular", "phone"),
    (V, "Número de chasis", "vin"),
    # Another record named in the export: a reference.
    (P, "# Negocio", "deal_id"),
    (P, "Deal ID", "deal_id"),
    (V, "ID negocio", "deal_id"),
    # Headers joining two alternatives, in either order.
    (C, "Nombre / Razón social", "full_name"),
    (C, "Razón social / Nombre", "full_name"),
    (C, "Razón social o nombre", "full_name"),
    (C, "Nombre-Razón social", "full_name"),
    (C, "Nombre completo o razón social del cliente", "full_name"),
    (C, "Cédula / NIT", "doc_number"),
    (C, "NIT o Cédula", "doc_number"),
    (C, "Celular / Teléfono", "phone"),
    (C, "Teléfono o celular", "phone"),
    (D, "NIT/Cédula del cliente", "customer_doc"),
    # The English of HubSpot, Salesforce and Zoho exports.
    (C, "First Name", "first_names"),
    (C, "Last Name", "last_names"),
    (C, "Full Name", "full_name"),
    (C, "Mobile Phone Number", "phone"),
    (C, "Mobile", "phone"),
    (C, "Phone Number", "phone"),  # the landline column becomes the phone when it is alone
    (C, "Email", "email"),
    (C, "Email Address", "email"),
    (C, "City", "city_name"),
    (C, "Street Address", "address"),
    (C, "Lifecycle Stage", "is_customer"),
    (C, "Last Modified Date", "updated_at"),
    (C, "Modified Time", "updated_at"),
    (C, "Account Name", "company_name"),
    (D, "Deal Stage", "stage"),
    (D, "Stage", "stage"),
    (D, "Amount", "amount"),
    (D, "Close Date", "closed_on"),
    (D, "Create Date", "created_on"),
    (D, "Created Time", "created_on"),
    (D, "Original Source", "lead_source"),
    (D, "Lead Source", "lead_source"),
    (D, "Asesor comercial", "salesperson"),
    (D, "Vendedor", "salesperson"),
    (V, "Make", "make"),
    (V, "Year", "model_year"),
    # The export's own record as a qualifier.
    (C, "Celular del cliente", "phone"),
    (C, "Correo del contacto", "email"),
    (C, "Ciudad del lead", "city_name"),
    (P, "Valor del pago", "amount"),
    (P, "Valor del recibo", "amount"),
    (D, "Valor del negocio", "amount"),
    (V, "Precio del vehículo", "price"),
    # Colombian accounting (Siigo, World Office, Helisa).
    (P, "Documento cruce", "invoice_number"),
    (P, "Doc. cruce", "invoice_number"),
    (P, "Número documento cruce", "invoice_number"),
    (P, "Nro. doc. cruce", "invoice_number"),
    (P, "Factura cruce", "invoice_number"),
    (P, "NIT tercero", "customer_doc"),
    (P, "Nit del tercero", "customer_doc"),
    (P, "Identificación del tercero", "customer_doc"),
    (P, "Comprobante", "receipt_number"),
    (P, "Valor", "amount"),
    (P, "Fecha elaboración", "paid_on"),
    (P, "Fecha de elaboración", "paid_on"),
    (INV, "Fecha elaboración", "issued_on"),
    # Traps: headers that must NOT be taken (for this field, or at all).
    (P, "ID cliente", None),  # the customer's reference in a payments export, not the id
    (P, "Customer ID", None),
    (P, "ID Lead", None),
    (D, "ID cliente", None),
    (D, "Contact ID", None),
    (D, "Associated Contact IDs", None),
    (D, "Account ID", None),
    (D, "Deal owner", "salesperson"),
    (D, "Deal Name", None),
    (D, "Account Name", None),
    (C, "Lead Owner", None),  # Zoho: the salesperson
    (C, "Contact owner", None),
    (C, "Lead Status", None),
    (C, "Lead Source", None),
    (C, "Create Date", None),
    (C, "State/Region", None),
    (C, "Associated Company ID", None),
    (C, "Código postal", None),
    (C, "ID asesor", None),
    (C, "Celular del asesor", None),
    (C, "Nombre del asesor", None),
    (C, "Número de factura", None),
    (C, "Número de contrato", None),
    (C, "Código cuenta", None),  # a ledger account
    (C, "Número de cuenta", None),
    (C, "Cliente no contactar", None),
    (C, "Tipo de cliente", None),
    (P, "Nombre tercero", None),
    (P, "Tipo comprobante", None),
    (V, "Placa", None),
    # English document headers: a CRM's custom property, an international ERP's export.
    (C, "Document Number", "doc_number"),
    (C, "ID Number", "doc_number"),
    (C, "National ID", "doc_number"),
    (C, "Tax ID", "doc_number"),
    (C, "Identification Number", "doc_number"),
    (C, "Document ID", "doc_number"),
    (P, "Customer Document", "customer_doc"),
    (P, "Customer Tax ID", "customer_doc"),
]


@pytest.mark.parametrize(("kind", "header", "expected"), TRUTH,
                         ids=[f"{k}:{h}" for k, h, _ in TRUTH])
def test_truth_table(kind, header, expected):
    assert field_of(kind, header) == expected


def test_every_synonym_still_names_its_own_field():
    wholes = {"first_name_1": "first_names", "first_name_2": "first_names",
              "last_name_1": "last_names", "last_name_2": "last_names", "phone_alt": "phone"}
    confirmed_by_cells = {"documento", "doc", "identificacion", "tercero"}
    for kind, fields in SYNONYMS.items():
        for name, synonyms in fields.items():
            for synonym in synonyms:
                if name == "invoice_prefix" or (kind != C and header_key(synonym)
                                                in confirmed_by_cells):
                    continue
                assert field_of(kind, synonym) == wholes.get(name, name), (kind, synonym)


def test_no_loose_spelling_claims_one_header_for_two_fields():
    for kind, fields in SYNONYMS.items():
        owner: dict[str, str] = {}
        for name, synonyms in fields.items():
            for synonym in synonyms:
                key = "".join(w for w in words(synonym) if w not in ("de", "del", "la", "el"))
                assert owner.setdefault(key, name) == name, (kind, synonym, owner[key], name)


def test_a_header_that_must_be_confirmed_by_its_cells():
    # In a receipts export «Tercero» is the third party's NIT or its name; «Documento» the
    # payer's document or the receipt's own number (World Office), and the cells tell.
    assert field_of(P, "Tercero", ["800.191.045-1", "52111222", "1020304050"]) == "customer_doc"
    assert field_of(P, "Tercero", ["Autos del Norte SAS", "Ana Ruiz"]) is None
    assert field_of(P, "Documento", ["52111222", "79123456", "1020304050"]) == "customer_doc"
    assert field_of(P, "Documento", ["RC-0001", "RC 1-0002", "R1 0045"]) == "receipt_number"
    # A document written with its type in front is still the payer's document.
    assert field_of(P, "Documento", ["CC 79123456", "NIT: 800.191.045-1", "C.C. 52111222"]) \
        == "customer_doc"
    assert field_of(P, "Documento", ["ver anexo", "pendiente"]) is None
    # Part of a header understood, part not: only if the cells are what that part says.
    assert field_of(V, "Placa / VIN", ["9BWZZZ377VT004251", "3VWFE21C04M000001"]) == "vin"
    assert field_of(V, "Placa / VIN", ["ABC123", "XYZ987"]) is None
    assert field_of(C, "Company / Account", ["Autos SAS"]) is None
    # A VIN named by its vehicle in another kind's export.
    assert field_of(D, "ID vehículo", ["9BWZZZ377VT004251"]) == "vin"
    assert field_of(D, "ID vehículo", ["V-1", "V-2"]) is None


def test_a_header_the_cells_show_to_be_another_field():
    assert field_of(C, "Ciudad", ["05001", "11001", "76001"]) == "city_code"
    assert field_of(C, "Ciudad", ["Medellín", "Bogotá"]) == "city_name"
    assert field_of(C, "Ciudad", ["05001"]) == "city_name"  # one cell is no evidence
    assert field_of(C, "Ciudad / Código DANE", ["5001", "11001", "76001"]) == "city_code"
    assert field_of(C, "Contacto", ["ana@correo.co", "luis@empresa.com"]) == "email"
    assert field_of(C, "Contacto", ["3001234567", "3109876543", "3205551234"]) == "phone"
    assert field_of(C, "Contacto", ["Ana Ruiz", "Luis Gómez"]) == "full_name"
    assert field_of(C, "Teléfono o correo", ["ana@correo.co"]) == "email"
    assert field_of(C, "Teléfono o correo", ["3001234567", "6014567890", "3109876543"]) == "phone"


def test_two_columns_claiming_one_field_the_cells_decide():
    headers = ["VIN", "Serie", "Celular", "WhatsApp", "Correo", "Email", "Ciudad", "Cód. ciudad"]
    cells = [
        ["M4R-123456", "K9K-654321"],  # engine numbers under «VIN»
        ["9BWZZZ377VT004251", "3VWFE21C04M000001"],
        ["6014567890", "6044445555"],  # landlines under «Celular»
        ["3001234567", "3109876543"],
        ["ver CRM", "no tiene"],
        ["ana@correo.co", "luis@empresa.com"],
        ["Medellín", "Cali"],
        ["05001", "76001"],
    ]
    found = resolve(V, headers[:2], {}, lambda i: cells[i])
    assert found.fields["vin"] == [1] and found.ambiguous == [(0, 1)]
    found = resolve(C, headers[2:], {}, lambda i: cells[i + 2])
    assert found.fields["phone"] == [1]  # «WhatsApp»: the mobiles, not «Celular»'s landlines
    assert found.fields["email"] == [3]  # «Email»: the addresses
    assert sorted(found.ambiguous) == [(0, 1), (2, 3)]  # the losers are reported
    assert (found.fields["city_name"], found.fields["city_code"]) == ([4], [5])
    # With no cells to tell, the more specific header wins, as before.
    found = resolve(V, headers[:2], {}, lambda i: [])
    assert found.fields["vin"] == [0]


def test_the_saved_mapping_overrides_what_headers_mean():
    headers = ["ID Lead", "Código interno", "Nombre / Razón social", "Cédula o NIT"]
    found = resolve(C, headers, {"source_id": ["Código interno"], "full_name": ["Cédula o NIT"]},
                    lambda i: [])
    assert found.fields["source_id"] == [1] and found.fields["full_name"] == [3]
    assert sorted(found.unmapped) == [0, 2]  # meaning never takes a field the mapping gave


# --- the same headers as people type them ---------------------------------------------------

_MARKERS = ["ID", "Id", "id", "Código", "Codigo", "CÓDIGO", "Nro.", "Nro", "No.", "N°", "Nº",
            "Número", "NUMERO", "Num.", "#"]
_RECORDS = {
    C: ["Lead", "LEAD", "Prospecto", "Contacto", "Tercero", "Cliente", "CLIENTE", "cliente"],
    P: ["Pago", "PAGO", "Payment"],
    D: ["Negocio", "Deal", "Oportunidad", "OPORTUNIDAD", "Opportunity"],
    V: ["Vehículo", "Vehiculo", "VEHÍCULO", "Vehicle"],
}


@st.composite
def identifier_headers(draw):  # type: ignore[no-untyped-def]
    kind = draw(st.sampled_from(sorted(_RECORDS)))
    marker = draw(st.sampled_from(_MARKERS))
    record = draw(st.sampled_from(_RECORDS[kind]))
    joiner = draw(st.sampled_from([" ", "  ", " de ", " del ", "_", " - ", ". "]))
    parts = [marker, record] if draw(st.booleans()) else [record, marker]
    tail = draw(st.sampled_from(["", ":", " ", "."]))
    return kind, draw(st.sampled_from(["", " "])) + joiner.join(parts) + tail


@given(identifier_headers())
def test_an_identifier_is_recognized_however_it_is_spelled(case):
    kind, header = case
    assert field_of(kind, header) == "source_id", header


_TRAPS = [(P, ["ID", "Código", "Nro."], ["cliente", "Cliente", "contacto", "Lead"]),
          (D, ["ID", "Id", "Código"], ["Cliente", "Contacto", "Contact"]),
          (C, ["Número", "Nro.", "No."], ["identificación", "Identificacion", "documento",
                                          "factura", "contrato", "cuenta"]),
          (P, ["Número", "Nro.", "No."], ["factura", "Factura", "identificación"]),
          (C, ["Código", "ID", "Id"], ["asesor", "postal", "vendedor", "cuenta"])]


@given(st.sampled_from(_TRAPS).flatmap(lambda t: st.tuples(
    st.just(t[0]), st.sampled_from(t[1]), st.sampled_from(t[2]),
    st.sampled_from([" ", " de ", " del ", "_"]), st.booleans())))
def test_a_trap_is_never_the_record_s_identifier(case):
    kind, marker, word, joiner, marker_first = case
    header = joiner.join([marker, word] if marker_first else [word, marker])
    assert field_of(kind, header) != "source_id", header


_COMBINED = [(C, "Nombre", "Razón social", "full_name"), (C, "Cédula", "NIT", "doc_number"),
             (C, "Celular", "Teléfono", "phone"), (C, "Nombres", "Razón social", "full_name"),
             (C, "Correo", "E-mail", "email")]


@given(st.sampled_from(_COMBINED), st.sampled_from([" / ", "/", " o ", " O ", " - ", " | ",
                                                    " y/o "]),
       st.booleans(), st.sampled_from([str, str.upper, str.lower]))
def test_combined_headers_in_either_order_and_any_case(case, joiner, swap, cased):
    kind, left, right, expected = case
    parts = [right, left] if swap else [left, right]
    header = cased(joiner.join(parts))
    assert field_of(kind, header) == expected, header


# --- whole exports -------------------------------------------------------------------------


def test_a_hubspot_contacts_export(tmp_path):
    path = write(tmp_path / "hubspot-crm-exports-all-contacts-2026-03-15.csv", [
        "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,City,"
        "Lifecycle Stage,Lead Status,Contact owner,Create Date,Last Modified Date,"
        "Número de documento,Original Source",
        "51,Juan Carlos,Pérez,JUAN@Correo.co,601 4567890,+57 310 555 1234,Medellín,Customer,"
        "Connected,Diana Ospina,2026-01-10 09:15,2026-03-14 17:02,79.123.456,Offline Sources",
        "1201,Ana,Ruiz,ana.ruiz@hotmail.com,,3001112233,Bogotá,Lead,New,Diana Ospina,"
        "2026-02-01 11:00,2026-02-01 11:00,52111222,Organic Search",
    ], encoding="utf-8-sig")
    frame, issues = pull(path, C)
    assert frame["source_id"].tolist() == ["51", "1201"]
    assert frame["first_names"].tolist() == ["Juan Carlos", "Ana"]
    assert frame["last_names"].tolist() == ["Pérez", "Ruiz"]
    assert frame["email"].tolist() == ["juan@correo.co", "ana.ruiz@hotmail.com"]
    assert frame["phone"].tolist() == ["3105551234", "3001112233"]
    assert frame["phone_alt"].tolist() == ["6014567890", None]
    assert frame["city_code"].tolist() == ["05001", "11001"]
    assert frame["doc_number"].tolist() == ["79123456", "52111222"]
    assert frame["is_customer"].tolist() == [True, False]
    assert frame["updated_at"].iloc[0].date() == date(2026, 3, 14)
    assert sorted(h for _, h, _ in reasons(issues, "unmapped_column")) == [
        "Contact owner", "Create Date", "Lead Status", "Original Source"]
    assert not reasons(issues, "no_id_column") and not reasons(issues, "unparseable")


def test_a_hubspot_deals_export_with_its_english_stages(tmp_path):
    path = write(tmp_path / "deals.csv", [
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Pipeline,Deal owner,"
        "Cédula cliente,VIN,Associated Contact IDs",
        "9001,Duster Juan,Closed Won,89990000,2026-03-15,2026-02-01,Sales Pipeline,Diana,"
        "79123456,9BWZZZ377VT004251,51",
        "9002,Picanto Ana,Appointment Scheduled,,,2026-03-01,Sales Pipeline,Diana,52111222,,1201",
        "9003,Kia Luis,Closed Lost,58000000,2026-03-20,2026-02-11,Sales Pipeline,Diana,1020304050,,",
    ])
    frame, issues = pull(path, D)
    assert frame["source_id"].tolist() == ["9001", "9002", "9003"]
    assert frame["stage"].tolist() == ["sold", "lead", "lost"]
    assert frame["amount"].tolist() == [Decimal(89990000), None, Decimal(58000000)]
    assert frame["closed_on"].tolist() == [date(2026, 3, 15), None, date(2026, 3, 20)]
    assert frame["created_on"].tolist() == [date(2026, 2, 1), date(2026, 3, 1), date(2026, 2, 11)]
    assert frame["customer_doc"].tolist() == ["79123456", "52111222", "1020304050"]
    assert frame["vin"].tolist() == ["9BWZZZ377VT004251", None, None]
    assert frame["salesperson"].tolist() == ["Diana", "Diana", "Diana"]
    assert sorted(h for _, h, _ in reasons(issues, "unmapped_column")) == [
        "Associated Contact IDs", "Deal Name", "Pipeline"]
    assert not reasons(issues, "unparseable")


def test_a_salesforce_leads_report(tmp_path):
    path = write(tmp_path / "report1710000000000.csv", [
        '"Lead ID","First Name","Last Name","Company / Account","Mobile","Phone","Email",'
        '"City","Lead Source","Lead Status","Lead Owner","Created Date","Last Modified Date",'
        '"Cédula"',
        '"00Q5e00000AbCdE","Juan","Pérez","","3105551234","","juan@correo.co","Cali","Web",'
        '"Open - Not Contacted","Diana Ospina","15/03/2026","15/03/2026","79123456"',
        '"00Q5e00000AbCdF","Luis","Gómez","Autos SAS","","6014567890","","Bogotá","Phone Inquiry",'
        '"Working - Contacted","Diana Ospina","16/03/2026","17/03/2026","80019104"',
    ])
    frame, issues = pull(path, C)
    assert frame["source_id"].tolist() == ["00Q5e00000AbCdE", "00Q5e00000AbCdF"]  # case kept
    assert frame["phone"].tolist() == ["3105551234", None]
    assert frame["phone_alt"].tolist() == [None, "6014567890"]
    assert frame["city_code"].tolist() == ["76001", "11001"]
    assert frame["doc_number"].tolist() == ["79123456", "80019104"]
    assert frame["updated_at"].iloc[1].date() == date(2026, 3, 17)
    # «Company / Account» is half understood and has no cells to confirm it: left, reported.
    assert sorted(h for _, h, _ in reasons(issues, "unmapped_column")) == [
        "Company / Account", "Created Date", "Lead Owner", "Lead Source", "Lead Status"]


def test_a_salesforce_opportunities_report(tmp_path):
    path = write(tmp_path / "oportunidades.csv", [
        "Opportunity ID;Opportunity Name;Account Name;Stage;Amount;Close Date;Lead Source;"
        "Created Date;NIT/Cédula del cliente",
        "0065e00000XyZ01;Duster;Juan Pérez;Negotiation/Review;89.990.000;30/04/2026;Web;"
        "15/03/2026;79.123.456",
        "0065e00000XyZ02;Fleet;Autos SAS;Closed Won;450.000.000;01/04/2026;Partner;"
        "01/02/2026;800.191.045-1",
    ])
    frame, issues = pull(path, D)
    assert frame["source_id"].tolist() == ["0065e00000XyZ01", "0065e00000XyZ02"]
    assert frame["stage"].tolist() == ["negotiation", "sold"]
    assert frame["amount"].tolist() == [Decimal(89990000), Decimal(450000000)]
    assert frame["customer_doc"].tolist() == ["79123456", "800191045"]
    assert frame["lead_source"].tolist() == ["Web", "Partner"]
    assert sorted(h for _, h, _ in reasons(issues, "unmapped_column")) == [
        "Account Name", "Opportunity Name"]


def test_a_zoho_leads_export(tmp_path):
    path = write(tmp_path / "Leads_001.csv", [
        "Record Id,Lead Owner,First Name,Last Name,Full Name,Email,Mobile,Phone,City,"
        "Lead Source,Lead Status,Created Time,Modified Time,Número de identificación",
        "zcrm_4876876000000123001,Diana Ospina,Juan,Pérez,Juan Pérez,juan@correo.co,"
        "310 555 1234,,Medellín,Advertisement,Contacted,2026-03-15 09:00:00,"
        "2026-03-16 10:00:00,79123456",
    ])
    frame, issues = pull(path, C)
    row = frame.iloc[0]
    assert (row["source_id"], row["full_name"], row["first_names"]) == (
        "zcrm_4876876000000123001", "Juan Pérez", "Juan")
    assert (row["phone"], row["doc_number"], row["city_code"]) == ("3105551234", "79123456",
                                                                   "05001")
    assert "Lead Owner" in [h for _, h, _ in reasons(issues, "unmapped_column")]
    assert not reasons(issues, "no_id_column")


def test_a_siigo_receipts_report(tmp_path):
    path = write(tmp_path / "recibos_siigo.csv", [
        "Comprobante;Consecutivo;Fecha elaboración;Identificación;Nombre tercero;"
        "Documento cruce;Valor;Forma de pago;Sucursal",
        "RC-1;245;15/03/2026;800.191.045-1;Concesionario SA;FV-457;$ 1.234.567,89;"
        "Consignación;Bogotá",
        "RC-1;246;16/03/2026;52.111.222;Ana Ruiz;FV-458;$ 45.000.000,00;Efectivo;Medellín",
    ], encoding="cp1252")
    frame, issues = pull(path, P, System.ERP)
    assert frame["source_id"].tolist() == ["245", "246"]
    assert frame["receipt_number"].tolist() == ["RC-1", "RC-1"]
    assert frame["paid_on"].tolist() == [date(2026, 3, 15), date(2026, 3, 16)]
    assert frame["customer_doc"].tolist() == ["800191045", "52111222"]
    assert frame["invoice_number"].tolist() == ["FV-457", "FV-458"]
    assert frame["amount"].tolist() == [Decimal("1234567.89"), Decimal("45000000.00")]
    assert frame["branch"].tolist() == ["Bogotá", "Medellín"]
    assert reasons(issues, "unmapped_column") == [(None, "Nombre tercero", None)]


def test_a_world_office_receipts_export_without_an_identifier(tmp_path):
    path = write(tmp_path / "recaudos_wo.csv", [
        "Documento;Fecha;Tercero;Nombre tercero;Doc. cruce;Valor;Detalle",
        "RC 1-0001;15/03/2026;800191045;Concesionario SA;FV-457;1.234.567,89;Abono",
        "RC 1-0002;16/03/2026;52111222;Ana Ruiz;FV-458;45.000.000;Cancelación",
        "RC 1-0003;16/03/2026;1020304050;Luis Gómez;FV-459;2.500.000;Anticipo",
    ])
    frame, issues = pull(path, P, System.ERP)
    # «Documento» holds the receipts, «Tercero» the payers' documents: the cells said so.
    assert frame["receipt_number"].tolist() == ["RC 1-0001", "RC 1-0002", "RC 1-0003"]
    assert frame["customer_doc"].tolist() == ["800191045", "52111222", "1020304050"]
    assert frame["invoice_number"].tolist() == ["FV-457", "FV-458", "FV-459"]
    assert frame["source_id"].tolist() == ["línea 2", "línea 3", "línea 4"]
    assert reasons(issues, "no_id_column") == [(None, None, "recaudos_wo.csv")]
    assert issues[0].reason == "no_id_column"


# --- a file without an identifier column ----------------------------------------------------


CRM_WITHOUT_ID = ["Reporte de leads — marzo 2026", "",
                  "Nombre / Razón social;Cédula o NIT;Celular / Teléfono",
                  "Juan Pérez;79123456;3105551234",
                  "Ana Ruiz;52111222;3001112233"]
ERP_WITH_ID = ["Código,Identificación,Nombre,Celular",
               "1,79123456,JUAN PEREZ,3105551234",
               "2,52111222,ANA MARIA RUIZ,3001112233"]


def test_records_are_named_by_the_line_a_person_sees(tmp_path):
    path = write(tmp_path / "leads.csv", CRM_WITHOUT_ID)
    frame, issues = pull(path, C)
    assert frame["source_id"].tolist() == ["línea 4", "línea 5"]  # header on line 3
    assert frame["full_name"].tolist() == ["Juan Pérez", "Ana Ruiz"]  # names are read
    assert issues[0].reason == "no_id_column" and issues[0].value == "leads.csv"
    # The mapping can name the identifier; then the file has one.
    frame, issues = pull(path, C, mapping={"source_id": "Cédula o NIT"})
    assert frame["source_id"].tolist() == ["79123456", "52111222"]
    assert not reasons(issues, "no_id_column")


def test_a_blank_identifier_is_named_by_its_line_and_reported(tmp_path):
    path = write(tmp_path / "c.csv", ["ID Lead;Nombre;Cédula", "L-1;Ana;1", ";Luis;2",
                                      "L-3;Eva;3"])
    frame, issues = pull(path, C)
    assert frame["source_id"].tolist() == ["L-1", "línea 3", "L-3"]
    assert reasons(issues, "missing_id") == [("línea 3", "ID Lead", None)]


def test_the_report_says_so_first_json_and_summary(tmp_path):
    crm = FileConnector(write(tmp_path / "leads.csv", CRM_WITHOUT_ID), System.CRM, C)
    erp = FileConnector(write(tmp_path / "terceros.csv", ERP_WITH_ID), System.ERP, C)
    report = run(reconcile(crm, erp, entities=(C,)))
    doc = to_json(report)
    assert next(iter(doc)) == "warnings"
    assert len(doc["warnings"]) == 1 and "leads.csv" in doc["warnings"][0]
    assert "no tiene columna de identificador" in doc["warnings"][0]
    assert "«línea 2»" in doc["warnings"][0] and "source_id" in doc["warnings"][0]
    assert {"system": "crm", "entity": "customers", "source_id": None, "column": None,
            "reason": "no_id_column", "value": "leads.csv"} in doc["source_issues"]
    assert {(x["crm_id"], x["erp_id"]) for x in doc["customers"]["links"]} == {
        ("línea 4", "1"), ("línea 5", "2")}
    first = summary_table(report).splitlines()[0]
    assert first.startswith("Atención: el archivo leads.csv (CRM, clientes) no tiene columna")
    # A report whose files all have identifiers starts with its table, as before.
    clean = run(reconcile(erp, erp, entities=(C,)))
    assert to_json(clean)["warnings"] == []
    assert summary_table(clean).startswith("Entidad")


def test_the_command_line_prints_it_first(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    crm = write(tmp_path / "leads.csv", CRM_WITHOUT_ID)
    erp = write(tmp_path / "terceros.csv", ERP_WITH_ID)
    out = tmp_path / "r.json"
    assert main(["reconcile", "--entity", "customers", "--crm", str(crm), "--erp", str(erp),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("Atención: el archivo leads.csv")
    raw = out.read_text("utf-8")
    assert raw.splitlines()[1] == ' "warnings": ['  # the JSON's first key
    assert json.loads(raw)["warnings"][0].startswith("Atención: el archivo leads.csv")


def test_a_workbook_row_is_its_spreadsheet_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Inventario al 15/03/2026"])
    ws.append([])
    ws.append(["Chasis", "Marca", "Actualizado"])
    ws.append(["9BWZZZ377VT004251", "Renault", datetime(2026, 3, 15, 10, 30)])
    ws.append(["3VWFE21C04M000001", "Kia", None])
    book.save(tmp_path / "inventario.xlsx")
    frame, issues = pull(tmp_path / "inventario.xlsx", V, System.ERP)
    assert frame["source_id"].tolist() == ["línea 4", "línea 5"]
    assert reasons(issues, "no_id_column") == [(None, None, "inventario.xlsx")]
