"""The headers each kind of export gives its columns: synonyms per canonical field.

Spanish first, as Colombian DMS/ERP and CRM exports write them, then the English of the usual
CRMs' exports (HubSpot «Record ID», «Phone Number», «Lifecycle Stage»; Salesforce «Lead ID»,
«Account Name», «Stage»; Zoho «Record Id», «Mobile», «Full Name») and the words of Colombian
accounting software (Siigo, World Office, Helisa: «Comprobante», «NIT tercero», «Documento
cruce» — the invoice a receipt pays —, «Fecha elaboración»). Within a field the list goes
from the most specific header to the loosest: when two columns claim one field, the earlier
synonym wins.

Headers these lists do not spell are read by what they mean (``meaning.py``): an identifier
named with the record it identifies, a header joining two alternatives.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain.i18n import mark_app, tr_marked
from app.domain.schema import COLUMNS, Entity
from app.domain.values import fold

#: The physical count is not an Entity of the reconciliation; it has its own columns.
COUNT = "count"
COUNT_COLUMNS = ("branch", "vin", "counted_at", "counted_by", "note")

EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {Entity.CUSTOMERS: ("full_name", "phone_alt")}

_ID = ("Id", "Código", "Consecutivo", "Identificador", "Record ID")
_UPDATED = ("Fecha de actualización", "Fecha actualización", "Última actualización",
            "Última modificación", "Fecha modificación", "Fecha de modificación", "Modificado",
            "Actualizado", "Last Modified Date", "Last Modified", "Modified Time",
            "Last Modified Time", "Updated At", "Updated")
_CUSTOMER_DOC = ("Documento cliente", "Documento del cliente", "Documento (cliente)",
                 "NIT cliente", "Cédula cliente", "CC cliente", "Identificación cliente",
                 "Nro. documento cliente", "Cliente documento", "Cliente NIT", "NIT/CC cliente",
                 "Documento", "Identificación", "Nro. identificación", "Número de identificación",
                 "Número documento", "Número de documento", "NIT/CC", "CC/NIT", "Cédula/NIT",
                 "NIT", "Cédula", "CC", "NIT tercero", "NIT del tercero", "Identificación tercero",
                 "Identificación del tercero", "Documento tercero", "Cédula tercero",
                 "Tercero NIT", "Customer Document", "Customer Document Number",
                 "Customer ID Number", "Customer Tax ID", "Customer National ID")
_VIN = ("VIN", "Chasis", "No. chasis", "Nro. chasis", "N° chasis", "Número de chasis",
        "Número chasis", "VIN/Chasis", "Chasis/VIN", "Serie", "No. serie", "Número de serie",
        "Serial")
_BRANCH = ("Sede", "Sucursal", "Agencia", "Bodega", "Punto de venta", "Concesionario",
           "Ubicación")
_DEAL = ("Id negocio", "Negocio", "Id oportunidad", "Oportunidad", "Negocio id")
_INVOICE_NUMBER = ("Número de factura", "Número factura", "No. factura", "Nro. factura",
                   "N° factura", "Factura No.", "Factura", "Factura electrónica",
                   "Invoice Number", "Invoice")
#: In Colombian accounting the receipt "crosses" the document it pays: the invoice.
_CROSSED = ("Documento cruce", "Doc. cruce", "Número documento cruce",
            "Número de documento cruce", "Nro. documento cruce", "No. documento cruce",
            "Documento de cruce", "Factura cruce", "Número cruce", "Cruce")
_INVOICE_PREFIX = ("Prefijo", "Prefijo factura")
_CUFE = ("CUFE", "Código CUFE", "CUFE/CUDE")

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    Entity.CUSTOMERS: {
        "source_id": ("Id cliente", "Código cliente", "Id contacto", "Código contacto",
                      "Id tercero", "Código tercero", "Contact ID", "Lead ID", "Customer ID",
                      *_ID),
        "doc_type": ("Tipo de documento", "Tipo documento", "Tipo de identificación",
                     "Tipo identificación", "Tipo doc", "Tipo de doc", "Tipo id",
                     "Tipo documento identidad"),
        "doc_number": ("Número de identificación", "Nro. identificación", "No. identificación",
                       "Número identificación", "Identificación", "Número de documento",
                       "Número documento", "Nro. documento", "No. documento", "N° documento",
                       "Num. documento", "Documento de identidad", "Documento", "NIT/CC",
                       "CC/NIT", "Cédula/NIT", "NIT/Cédula", "Cédula", "NIT", "CC", "Doc",
                       "Documento cliente", "Identificación cliente", "NIT cliente",
                       "Cédula cliente",
                       # English exports (a CRM's custom property, an international ERP's)
                       "Document Number", "Document No.", "Document ID", "ID Number",
                       "Identification Number", "National ID", "National ID Number", "Tax ID",
                       "Tax ID Number", "VAT Number"),
        "check_digit": ("Dígito de verificación", "Dígito verificación", "DV", "Dig. verif.",
                        "Dígito verificación NIT", "DV NIT"),
        "first_names": ("Nombres", "Nombre(s)", "First Name", "Given Name"),
        "first_name_1": ("Primer nombre",),
        "first_name_2": ("Segundo nombre", "Otros nombres"),
        "last_names": ("Apellidos", "Apellido(s)", "Last Name", "Surname", "Family Name"),
        "last_name_1": ("Primer apellido",),
        "last_name_2": ("Segundo apellido",),
        "company_name": ("Razón social", "Empresa", "Nombre empresa", "Nombre de la empresa",
                         "Compañía", "Company", "Company Name", "Account Name"),
        "full_name": ("Nombre completo", "Nombre", "Nombre cliente", "Nombre del cliente",
                      "Cliente", "Nombre o razón social", "Nombre/Razón social", "Contacto",
                      "Nombre contacto", "Nombre tercero", "Tercero", "Full Name", "Name",
                      "Contact Name", "Lead Name", "Customer Name"),
        "phone": ("Celular", "Móvil", "Teléfono celular", "Tel. celular", "Número celular",
                  "Cel", "Teléfono móvil", "WhatsApp", "Mobile Phone Number", "Mobile Phone",
                  "Mobile", "Cell Phone"),
        "phone_alt": ("Teléfono", "Tel", "Teléfono fijo", "Tel. fijo", "Fijo",
                      "Teléfono de contacto", "Teléfono 1", "Phone Number", "Phone",
                      "Business Phone", "Telephone"),
        "email": ("Correo electrónico", "Correo", "E-mail", "Email", "Mail", "Correo cliente",
                  "Email Address"),
        "city_name": ("Ciudad/Municipio", "Ciudad", "Municipio", "Ciudad de residencia",
                      "Ciudad residencia", "City"),
        "city_code": ("Código DANE", "Cód. DANE", "Código municipio", "Cód. municipio",
                      "Código ciudad", "Cód. ciudad", "Código DIVIPOLA", "DIVIPOLA"),
        "address": ("Dirección", "Dirección de residencia", "Dirección residencia", "Domicilio",
                    "Street Address", "Street", "Address", "Mailing Street"),
        "habeas_data_consent": ("Autoriza datos", "Habeas data", "Autorización tratamiento",
                                "Autorización tratamiento de datos", "Autorización de datos",
                                "Autoriza tratamiento", "Autoriza tratamiento de datos",
                                "Acepta tratamiento de datos", "Autorización habeas data"),
        "consent_date": ("Fecha de autorización", "Fecha autorización", "Fecha habeas data"),
        "consent_channel": ("Canal de autorización", "Canal autorización"),
        "claim_in_progress": ("Reclamo en trámite", "Reclamo", "Reclamo habeas data"),
        "is_customer": ("Es cliente", "Etapa", "Etapa del contacto", "Tipo de contacto",
                        "Lifecycle Stage", "Etapa del ciclo de vida"),
        "updated_at": _UPDATED,
    },
    Entity.PAYMENTS: {
        "source_id": ("Id pago", "Código pago", "Payment ID", *_ID),
        "receipt_number": ("Recibo de caja", "No. recibo", "Nro. recibo", "N° recibo",
                           "Número de recibo", "Número recibo", "Recibo No.", "Recibo", "RC",
                           "No. RC", "Comprobante", "Número comprobante",
                           "Número de comprobante", "No. comprobante", "Nro. comprobante",
                           "Comprobante No.", "Receipt Number", "Receipt"),
        "invoice_number": (*_INVOICE_NUMBER, *_CROSSED),
        "invoice_prefix": _INVOICE_PREFIX,
        "cufe": _CUFE,
        "customer_doc": _CUSTOMER_DOC,
        "amount": ("Valor pagado", "Valor recibido", "Valor pago", "Monto pagado", "Valor",
                   "Monto", "Importe", "Valor total", "Total", "Valor abono", "Abono",
                   "Valor recaudo", "Valor recaudado", "Amount"),
        "currency": ("Moneda", "Currency"),
        "paid_on": ("Fecha de pago", "Fecha pago", "Fecha recibo", "Fecha de consignación",
                    "Fecha de elaboración", "Fecha elaboración", "Fecha comprobante",
                    "Fecha de recaudo", "Fecha recaudo", "Fecha", "Payment Date"),
        "method": ("Medio de pago", "Forma de pago", "Medio pago", "Forma pago",
                   "Método de pago", "Medio", "Payment Method"),
        "status": ("Estado", "Estado pago", "Status"),
        "deal_id": _DEAL,
        "branch": _BRANCH,
        "updated_at": _UPDATED,
    },
    Entity.VEHICLES: {
        "source_id": ("Id vehículo", "Código vehículo", "Vehicle ID", *_ID),
        "vin": _VIN,
        "make": ("Marca", "Make"),
        "model": ("Línea", "Referencia", "Model"),
        "model_year": ("Año modelo", "Modelo año", "Año", "Model Year", "Year"),
        "color": ("Color",),
        "status": ("Estado", "Estado vehículo", "Estado inventario", "Status"),
        "branch": _BRANCH,
        "price": ("Precio de venta", "Precio venta", "Precio", "Valor venta", "Precio de lista",
                  "Precio lista", "Valor", "Price"),
        "customer_doc": (*_CUSTOMER_DOC[:11], "Documento"),
        "deal_id": _DEAL,
        "delivered_on": ("Fecha de entrega", "Fecha entrega", "Entregado el"),
        "updated_at": _UPDATED,
        "received_on": ("Fecha de ingreso", "Fecha ingreso", "Fecha ingreso inventario",
                        "Fecha de ingreso al inventario", "Fecha de ingreso inventario",
                        "Fecha de llegada", "Fecha llegada", "Fecha de recepción",
                        "Fecha recepción", "Fecha de entrada", "Fecha entrada", "Ingresó el"),
    },
    Entity.DEALS: {
        "source_id": (*_DEAL, "Deal ID", "Opportunity ID", *_ID),
        "customer_doc": _CUSTOMER_DOC,
        "stage": ("Etapa", "Estado", "Fase", "Deal Stage", "Stage", "Opportunity Stage"),
        "vin": _VIN,
        "amount": ("Valor negocio", "Valor", "Monto", "Total", "Amount"),
        "lead_source": ("Origen", "Fuente", "Origen del lead", "Fuente del lead", "Canal",
                        "Lead Source", "Original Source", "Original Source Type", "Source"),
        "closed_on": ("Fecha de cierre", "Fecha cierre", "Close Date", "Closed Date"),
        "salesperson": ("Asesor", "Asesor comercial", "Vendedor", "Ejecutivo comercial",
                        "Ejecutivo de ventas", "Propietario del negocio", "Deal Owner",
                        "Opportunity Owner", "Salesperson", "Sales Rep"),
        "branch": _BRANCH,
        "updated_at": _UPDATED,
        "created_on": ("Fecha de creación", "Fecha creación", "Creado", "Creado el",
                       "Fecha de registro", "Fecha registro", "Fecha del lead",
                       "Fecha de ingreso del lead", "Create Date", "Created Date",
                       "Created Time", "Creation Date"),
    },
    Entity.INVOICES: {
        "source_id": ("Id factura", "Código factura", "Id", "Identificador"),
        # A bare "Número" beside "Prefijo" is the invoice's number in an invoices export.
        "invoice_number": (*_INVOICE_NUMBER, "Número", "No.", "Nro.", "Consecutivo"),
        "invoice_prefix": _INVOICE_PREFIX,
        "cufe": _CUFE,
        "customer_doc": _CUSTOMER_DOC,
        "vin": _VIN,
        "branch": _BRANCH,
        "issued_on": ("Fecha factura", "Fecha de factura", "Fecha de emisión", "Fecha emisión",
                      "Fecha de expedición", "Fecha expedición", "Fecha de facturación",
                      "Fecha facturación", "Fecha de elaboración", "Fecha elaboración",
                      "Fecha", "Invoice Date"),
        "total": ("Valor total", "Total", "Total factura", "Valor factura", "Total a pagar",
                  "Valor", "Monto", "Importe"),
        "status": ("Estado", "Estado factura", "Estado DIAN", "Estado de la factura"),
        "updated_at": _UPDATED,
    },
    Entity.SERVICES: {
        "source_id": ("Orden de trabajo", "OT", "No. OT", "Nro. OT", "N° OT", "Número OT",
                      "Número de OT", "Orden de taller", "Número de orden", "No. orden",
                      "Orden", "Id orden", "Id servicio", "Id visita", *_ID),
        "vin": _VIN,
        "customer_doc": _CUSTOMER_DOC,
        "kind": ("Tipo de servicio", "Tipo servicio", "Tipo de orden", "Tipo orden",
                 "Tipo de trabajo", "Tipo", "Servicio", "Motivo de ingreso", "Motivo"),
        "visited_on": ("Fecha de ingreso al taller", "Fecha ingreso taller",
                       "Fecha de ingreso", "Fecha ingreso", "Fecha de servicio",
                       "Fecha servicio", "Fecha de visita", "Fecha visita", "Fecha OT",
                       "Fecha de la orden", "Fecha orden", "Fecha de apertura", "Fecha"),
        "odometer_km": ("Kilometraje", "Km", "Kms", "Kilómetros", "Odómetro",
                        "Lectura odómetro", "Lectura del odómetro", "Kilometraje de ingreso",
                        "Km de ingreso", "Km ingreso", "Kilometraje actual"),
        "branch": (*_BRANCH, "Taller"),
        "updated_at": _UPDATED,
    },
    Entity.CONTRACTS: {
        "source_id": ("Id contrato", "Número de contrato", "No. contrato", "Contrato",
                      "Número de póliza", "No. póliza", "Nro. póliza", "Póliza",
                      "Número de crédito", "No. crédito", "Crédito", "Obligación", *_ID),
        "vin": _VIN,
        "customer_doc": (*_CUSTOMER_DOC, "Documento tomador", "NIT tomador",
                         "Cédula tomador", "Documento titular", "Documento deudor"),
        "kind": ("Tipo", "Tipo de contrato", "Tipo contrato", "Tipo de producto", "Producto",
                 "Ramo", "Tipo de póliza", "Tipo póliza"),
        "provider": ("Aseguradora", "Financiera", "Entidad", "Entidad financiera",
                     "Compañía de seguros", "Compañía", "Banco", "Proveedor"),
        "starts_on": ("Fecha inicio", "Fecha de inicio", "Inicio", "Inicio vigencia",
                      "Inicio de vigencia", "Fecha inicio vigencia", "Vigencia desde", "Desde",
                      "Fecha de expedición", "Fecha expedición", "Fecha desembolso",
                      "Fecha de desembolso"),
        "ends_on": ("Fecha fin", "Fecha de fin", "Fin", "Fecha final", "Vencimiento",
                    "Fecha de vencimiento", "Fecha vencimiento", "Fin vigencia",
                    "Fin de vigencia", "Fecha fin vigencia", "Vigencia hasta", "Hasta",
                    "Fecha de terminación", "Fecha terminación"),
        "updated_at": _UPDATED,
    },
    Entity.FOLLOWUPS: {
        "source_id": ("Id tarea", "Id de tarea", "Tarea id", "Id actividad", "Id de actividad",
                      "Actividad id", "Id seguimiento", "Id del seguimiento", *_ID),
        "customer_doc": _CUSTOMER_DOC,
        "vin": _VIN,
        "kind": ("Tipo", "Tipo de seguimiento", "Tipo seguimiento", "Tipo de tarea",
                 "Tipo tarea", "Tipo de actividad", "Tipo actividad", "Motivo"),
        "due_on": ("Fecha de vencimiento", "Fecha vencimiento", "Vence", "Fecha límite",
                   "Fecha programada", "Programada para", "Fecha de la tarea", "Fecha tarea",
                   "Fecha de seguimiento", "Fecha seguimiento", "Fecha"),
        "status": ("Estado", "Estado de la tarea", "Estado tarea", "Estado de la actividad"),
        "note": ("Nota", "Notas", "Observación", "Observaciones", "Comentario", "Comentarios",
                 "Descripción", "Asunto", "Detalle"),
        "updated_at": _UPDATED,
    },
    COUNT: {
        "branch": (*_BRANCH, "Patio"),
        "vin": _VIN,
        "counted_at": ("Fecha conteo", "Fecha de conteo", "Fecha y hora", "Contado el", "Fecha",
                       "Hora"),
        "counted_by": ("Contado por", "Responsable", "Usuario", "Quién contó", "Conteo por"),
        "note": ("Observación", "Observaciones", "Nota", "Notas", "Comentario", "Comentarios"),
    },
}

#: A field that is enough by itself, or the groups of which one must be present.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    Entity.CUSTOMERS: (("doc_number", "first_names", "last_names", "company_name", "full_name"),),
    Entity.PAYMENTS: (("amount",), ("receipt_number", "invoice_number")),
    Entity.VEHICLES: (("vin",),),
    Entity.DEALS: (("customer_doc", "vin"),),
    Entity.INVOICES: (("invoice_number", "cufe"),),
    Entity.SERVICES: (("vin",),),
    Entity.CONTRACTS: (("vin",), ("ends_on",)),
    Entity.FOLLOWUPS: (("customer_doc", "vin"), ("due_on",)),
    COUNT: (("vin",),),
}

#: What each kind of data is called in messages ("El archivo x.csv no parece de facturas").
KIND_NAMES: dict[str, str] = {
    Entity.CUSTOMERS: mark_app("app.connectors", "clientes"),
    Entity.PAYMENTS: mark_app("app.connectors", "pagos"),
    Entity.VEHICLES: mark_app("app.connectors", "vehículos"),
    Entity.DEALS: mark_app("app.connectors", "negocios"),
    Entity.INVOICES: mark_app("app.connectors", "facturas"),
    Entity.SERVICES: mark_app("app.connectors", "visitas al taller"),
    Entity.CONTRACTS: mark_app("app.connectors", "contratos (SOAT, seguros y créditos)"),
    Entity.FOLLOWUPS: mark_app("app.connectors", "seguimientos"),
    COUNT: mark_app("app.connectors", "conteo físico"),
}


def kind_name(kind: str) -> str:
    """What a kind of data is called in a message («facturas»), in the language spoken; an
    unknown code as is."""
    name = KIND_NAMES.get(kind)
    return tr_marked("app.connectors", name) if name else str(kind)

# Parts that make up one field, and the field they make up.
PARTS = {"first_name_1": "first_names", "first_name_2": "first_names",
         "last_name_1": "last_names", "last_name_2": "last_names",
         "invoice_prefix": "invoice_number"}


def header_key(header: Any) -> str:
    """A header folded for comparison: "Nro. Identificación" → "nroidentificacion"."""
    return re.sub(r"[^a-z0-9]", "", fold(header))


def columns_of(kind: str) -> tuple[str, ...]:
    """The canonical columns a mapping may name for ``kind``."""
    if kind == COUNT:
        return COUNT_COLUMNS
    return COLUMNS[Entity(kind)] + EXTRA_COLUMNS.get(kind, ())


def _index(kind: str) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for name, synonyms in SYNONYMS[kind].items():
        for rank, synonym in enumerate(synonyms):
            index.setdefault(header_key(synonym), (name, rank))
    return index


#: Per kind: folded header → (field, rank of the synonym within the field's list).
INDEXES = {kind: _index(kind) for kind in SYNONYMS}
