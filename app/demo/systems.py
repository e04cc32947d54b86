"""Table layouts of the demo CRM and demo ERP: each system's own schema, not Cuadre's.

They look like what dealership systems hold: the CRM keeps free-text cities, formatted phones
and NITs with their DV after a dash; the ERP keeps DIAN document-type codes, DIVIPOLA codes,
integer ids and invoices by prefix and number. Amounts are stored as exact decimal text.
The demo connector (``app/demo/connector/``) maps these to the canonical schema.

Besides what is reconciled, they hold what the dealer insights read: the CRM's follow-up tasks
(``seguimientos``) and the day each deal came in; the ERP's vehicle-sale invoices (with the
VIN), the day each unit entered stock, workshop orders (``ordenes_taller``, with the odometer
when it was read) and contracts (``contratos``: SOAT, insurance and financing of a vehicle).

Cuadre also writes to them (the write-back loop runs on the demo): contacts and parties carry
``fusionado_en``, set when a merge hid the record (listings skip it, an undo clears it; the
vehicle tables get the column with their first merge), and each database records in
``cuadre_aplicados`` every idempotency key applied, with the outcome it answered, so a repeated
key never writes twice.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, Text

crm_metadata = MetaData()

crm_contacts = Table(
    "contactos", crm_metadata,
    Column("id", Text, primary_key=True),
    Column("tipo_documento", Text),  # CC | NIT | CE
    Column("numero_documento", Text),  # NITs as typed: "900.123.456-7"
    Column("nombres", Text),
    Column("apellidos", Text),
    Column("empresa", Text),
    Column("celular", Text),
    Column("correo", Text),
    Column("ciudad", Text),
    Column("direccion", Text),
    Column("autoriza_tratamiento", Integer, nullable=False),
    Column("fecha_autorizacion", Text),
    Column("canal_autorizacion", Text),
    Column("reclamo_en_tramite", Integer, nullable=False),
    Column("etapa", Text, nullable=False),  # lead | cliente
    Column("actualizado", Text, nullable=False),
    Column("fusionado_en", Text),  # when a merge hid it (None: listed)
)

crm_deals = Table(
    "negocios", crm_metadata,
    Column("id", Text, primary_key=True),
    Column("contacto_id", Text, ForeignKey("contactos.id"), nullable=False),
    Column("etapa", Text, nullable=False),  # Prospecto | Prueba de manejo | Negociación | …
    Column("vin", Text),
    Column("valor", Text),
    Column("origen", Text),
    Column("sede", Text),
    Column("fecha_cierre", Text),
    Column("actualizado", Text, nullable=False),
    Column("creado", Text),  # the day the lead came in
    Column("asesor", Text),  # the salesperson who owns the deal
)

crm_payments = Table(
    "pagos", crm_metadata,
    Column("id", Text, primary_key=True),
    Column("documento_cliente", Text),
    Column("recibo", Text),  # the cashier's receipt number, as the salesperson typed it
    Column("factura", Text),
    Column("valor", Text, nullable=False),
    Column("fecha", Text, nullable=False),
    Column("medio", Text),
    Column("sede", Text),
    Column("negocio_id", Text),
    Column("actualizado", Text, nullable=False),
)

crm_vehicles = Table(
    "vehiculos", crm_metadata,
    Column("id", Text, primary_key=True),
    Column("vin", Text),
    Column("marca", Text),
    Column("linea", Text),
    Column("modelo", Integer),
    Column("color", Text),
    Column("estado", Text),  # Disponible | Reservado | Vendido | Entregado | En tránsito | Demo
    Column("sede", Text),
    Column("documento_cliente", Text),
    Column("negocio_id", Text),
    Column("precio", Text),
    Column("actualizado", Text, nullable=False),
)

crm_followups = Table(
    "seguimientos", crm_metadata,
    Column("id", Text, primary_key=True),  # "S-00001"; Cuadre's creations "SEG-…"
    Column("contacto_id", Text, ForeignKey("contactos.id"), nullable=False),
    Column("vin", Text),
    Column("tipo", Text, nullable=False),  # Aniversario | Primer servicio | SOAT | Seguro | …
    Column("fecha", Text, nullable=False),  # the day the follow-up is for
    Column("estado", Text, nullable=False),  # Pendiente | Hecho | Cancelado
    Column("nota", Text),
    Column("actualizado", Text, nullable=False),
)

crm_applied = Table(
    "cuadre_aplicados", crm_metadata,
    Column("clave", Text, primary_key=True),  # the idempotency key of a write from Cuadre
    Column("resultado", Text, nullable=False),  # the outcome answered, as JSON
)

erp_metadata = MetaData()

erp_branches = Table(
    "sedes", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("codigo", Text, nullable=False),
    Column("nombre", Text, nullable=False),
    Column("cod_municipio", Text, nullable=False),
)

erp_parties = Table(
    "terceros", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("tipo_doc", Text),  # DIAN code: 13 cédula, 31 NIT, 22 cédula de extranjería
    Column("nit", Text),
    Column("dv", Text),
    Column("nombres", Text),
    Column("apellidos", Text),
    Column("razon_social", Text),
    Column("telefono", Text),
    Column("email", Text),
    Column("cod_municipio", Text),
    Column("direccion", Text),
    Column("autoriza_datos", Integer, nullable=False),
    Column("fecha_autorizacion", Text),
    Column("canal_autorizacion", Text),
    Column("reclamo", Integer, nullable=False),
    Column("modificado", Text, nullable=False),
    Column("fusionado_en", Text),
)

erp_invoices = Table(
    "facturas", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("prefijo", Text, nullable=False),
    Column("numero", Integer, nullable=False),
    Column("cufe", Text),
    Column("tercero_id", Integer, ForeignKey("terceros.id")),
    Column("sede_id", Integer, ForeignKey("sedes.id")),
    Column("fecha", Text, nullable=False),
    Column("total", Text, nullable=False),
    Column("estado", Text, nullable=False),  # VALIDADA DIAN | ANULADA
    Column("vin", Text),  # the vehicle sold, when the invoice is a vehicle sale
    Column("modificado", Text),
)

erp_receipts = Table(
    "recibos", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("numero", Text, nullable=False),
    Column("factura_id", Integer, ForeignKey("facturas.id")),
    Column("tercero_id", Integer, ForeignKey("terceros.id")),
    Column("valor", Text, nullable=False),
    Column("fecha", Text, nullable=False),
    Column("medio", Text),
    Column("modificado", Text, nullable=False),
)

erp_stock = Table(
    "inventario", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("vin", Text),
    Column("marca", Text),
    Column("linea", Text),
    Column("anio", Integer),
    Column("color", Text),
    Column("estado", Text),  # DISPONIBLE | RESERVADO | VENDIDO | ENTREGADO | TRANSITO | DEMO
    Column("sede_id", Integer, ForeignKey("sedes.id")),
    Column("tercero_id", Integer, ForeignKey("terceros.id")),
    Column("precio", Text),
    Column("fecha_entrega", Text),
    Column("modificado", Text, nullable=False),
    Column("fecha_ingreso", Text),  # the day the unit entered stock (None: in transit)
)

erp_workshop = Table(
    "ordenes_taller", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("vin", Text, nullable=False),
    Column("tercero_id", Integer, ForeignKey("terceros.id")),
    Column("tipo", Text, nullable=False),  # PRIMER SERVICIO | MANTENIMIENTO | REPARACION | …
    Column("fecha", Text, nullable=False),
    Column("kilometraje", Integer),  # the odometer when it was read
    Column("sede_id", Integer, ForeignKey("sedes.id")),
    Column("modificado", Text, nullable=False),
)

erp_contracts = Table(
    "contratos", erp_metadata,
    Column("id", Integer, primary_key=True),
    Column("vin", Text, nullable=False),
    Column("tercero_id", Integer, ForeignKey("terceros.id")),
    Column("tipo", Text, nullable=False),  # SOAT | TODO RIESGO | CREDITO
    Column("entidad", Text),  # the insurer or the lender
    Column("inicio", Text, nullable=False),
    Column("fin", Text, nullable=False),
    Column("modificado", Text, nullable=False),
)

erp_applied = Table(
    "cuadre_aplicados", erp_metadata,
    Column("clave", Text, primary_key=True),
    Column("resultado", Text, nullable=False),
)

#: The column a merge sets on the records it hides (the vehicle tables, and demo files of an
#: older generator, get it with their first merge).
MERGED_COLUMN = "fusionado_en"
#: The tables whose records a merge may hide.
MERGEABLE_TABLES = frozenset({"contactos", "vehiculos", "terceros", "inventario"})
#: ``cuadre_aplicados`` for a demo file of an older generator (run before every write).
APPLIED_DDL = ("CREATE TABLE IF NOT EXISTS cuadre_aplicados "
               "(clave TEXT PRIMARY KEY, resultado TEXT NOT NULL)")

CRM_VEHICLE_STATUS = {
    "available": "Disponible", "reserved": "Reservado", "sold": "Vendido",
    "delivered": "Entregado", "in_transit": "En tránsito", "demo": "Demo",
}
ERP_VEHICLE_STATUS = {
    "available": "DISPONIBLE", "reserved": "RESERVADO", "sold": "VENDIDO",
    "delivered": "ENTREGADO", "in_transit": "TRANSITO", "demo": "DEMO",
}
CRM_DEAL_STAGE = {
    "lead": "Prospecto", "test_drive": "Prueba de manejo", "negotiation": "Negociación",
    "sold": "Vendido", "lost": "Perdido",
}
CRM_FOLLOWUP_KIND = {
    "anniversary": "Aniversario", "first_service": "Primer servicio", "soat": "SOAT",
    "insurance": "Seguro", "renewal": "Renovación", "other": "Otro",
}
CRM_FOLLOWUP_STATUS = {"open": "Pendiente", "done": "Hecho", "cancelled": "Cancelado"}
ERP_INVOICE_STATUS = {"validated": "VALIDADA DIAN", "annulled": "ANULADA"}
ERP_SERVICE_KIND = {
    "first_service": "PRIMER SERVICIO", "maintenance": "MANTENIMIENTO", "repair": "REPARACION",
    "warranty": "GARANTIA", "preparation": "ALISTAMIENTO",
}
ERP_CONTRACT_KIND = {"soat": "SOAT", "insurance": "TODO RIESGO", "financing": "CREDITO"}
