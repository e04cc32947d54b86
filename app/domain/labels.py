"""Spanish (es-CO) names for the codes the engine returns.

The engine speaks in codes; the command line and the window show these names. The window
passes them through Qt's translator (context ``"labels"``) so a second language can be added
without touching the engine.
"""

from __future__ import annotations

from app.domain.schema import Entity

ENTITY_LABELS: dict[Entity, str] = {
    Entity.CUSTOMERS: "Clientes",
    Entity.PAYMENTS: "Pagos",
    Entity.VEHICLES: "Inventario",
    Entity.DEALS: "Negocios",
    Entity.INVOICES: "Facturas",
    Entity.SERVICES: "Visitas al taller",
    Entity.CONTRACTS: "SOAT, seguros y créditos",
    Entity.FOLLOWUPS: "Seguimientos",
}

#: (entity, kind) → label; kinds shared by entities may read differently per entity.
KIND_LABELS: dict[tuple[Entity, str], str] = {
    (Entity.CUSTOMERS, "only_in_crm"): "Solo en el CRM",
    (Entity.CUSTOMERS, "only_in_erp"): "Solo en el ERP",
    (Entity.CUSTOMERS, "name_differs"): "Nombre distinto",
    (Entity.CUSTOMERS, "phone_differs"): "Teléfono distinto",
    (Entity.CUSTOMERS, "email_differs"): "Correo distinto",
    (Entity.CUSTOMERS, "city_differs"): "Ciudad distinta",
    (Entity.CUSTOMERS, "possible_match"): "Posible coincidencia (revisar)",
    (Entity.CUSTOMERS, "duplicate_key"): "Documento duplicado",
    (Entity.CUSTOMERS, "possible_duplicate"): "Posible duplicado",
    (Entity.CUSTOMERS, "invalid_check_digit"): "Dígito de verificación inválido",
    (Entity.CUSTOMERS, "missing_document"): "Falta Cédula/NIT",
    (Entity.CUSTOMERS, "missing_city"): "Falta Ciudad",
    (Entity.CUSTOMERS, "missing_phone"): "Falta Teléfono",
    (Entity.PAYMENTS, "crm_payment_without_receipt"): "Pagado en CRM sin recibo en ERP",
    (Entity.PAYMENTS, "erp_receipt_without_crm_payment"): "Recibo en ERP sin pago en CRM",
    (Entity.PAYMENTS, "amount_differs"): "Valor distinto",
    (Entity.PAYMENTS, "date_differs"): "Fecha distinta",
    (Entity.PAYMENTS, "customer_differs"): "Cliente distinto",
    (Entity.PAYMENTS, "duplicate_key"): "Recibo duplicado",
    (Entity.VEHICLES, "sold_in_crm_available_in_erp"): "Vendido en CRM, disponible en ERP",
    (Entity.VEHICLES, "reserved_for_other_customer"): "Reservado para otro cliente",
    (Entity.VEHICLES, "branch_differs"): "Sede distinta",
    (Entity.VEHICLES, "only_in_crm"): "Solo en el CRM",
    (Entity.VEHICLES, "only_in_erp"): "Solo en el ERP",
    (Entity.VEHICLES, "invalid_vin"): "VIN inválido",
    (Entity.VEHICLES, "duplicate_key"): "VIN duplicado",
    (Entity.VEHICLES, "count_missing_from_lot"): "No está en el patio",
    (Entity.VEHICLES, "count_not_in_erp_stock"): "En el patio, no en inventario del ERP",
    (Entity.VEHICLES, "count_wrong_branch"): "En otra sede según el ERP",
    (Entity.VEHICLES, "count_invalid_vin"): "VIN contado inválido",
    (Entity.VEHICLES, "count_scanned_twice"): "Contado más de una vez",
}

FIELD_LABELS: dict[str, str] = {
    "source_id": "Id en el sistema",
    "doc_type": "Tipo de documento",
    "doc_number": "Cédula/NIT",
    "check_digit": "DV",
    "first_names": "Nombres",
    "last_names": "Apellidos",
    "company_name": "Razón social",
    "name": "Nombre",
    "phone": "Teléfono",
    "email": "Correo",
    "city_code": "Código DIVIPOLA",
    "city_name": "Ciudad",
    "address": "Dirección",
    "habeas_data_consent": "Autorización de datos",
    "consent_date": "Fecha de autorización",
    "consent_channel": "Canal de autorización",
    "claim_in_progress": "Reclamo en trámite",
    "is_customer": "Es cliente",
    "updated_at": "Actualizado",
    "receipt_number": "Recibo",
    "invoice_number": "Factura",
    "cufe": "CUFE",
    "customer_doc": "Documento del cliente",
    "amount": "Valor",
    "currency": "Moneda",
    "paid_on": "Fecha de pago",
    "method": "Medio de pago",
    "status": "Estado",
    "deal_id": "Negocio",
    "branch": "Sede",
    "vin": "VIN",
    "make": "Marca",
    "model": "Línea",
    "model_year": "Modelo (año)",
    "color": "Color",
    "price": "Precio",
    "delivered_on": "Fecha de entrega",
    "received_on": "Fecha de ingreso al inventario",
    "stage": "Etapa",
    "lead_source": "Origen del prospecto",
    "closed_on": "Fecha de cierre",
    "created_on": "Fecha de creación",
    "issued_on": "Fecha de factura",
    "total": "Total",
    "kind": "Tipo",
    "visited_on": "Fecha de visita",
    "odometer_km": "Kilometraje",
    "provider": "Entidad",
    "starts_on": "Inicio",
    "ends_on": "Vence",
    "due_on": "Fecha del seguimiento",
    "note": "Nota",
}

#: The kinds of CRM follow-up the insights propose (app/insights/followups.py).
FOLLOWUP_LABELS = {
    "anniversary": "Aniversario de entrega",
    "first_service": "Primer servicio (5.000 km)",
    "soat": "Renovación del SOAT",
    "insurance": "Renovación del seguro",
    "renewal": "Renovación del vehículo",
    "other": "Otro",
}

SYSTEM_LABELS = {"crm": "CRM", "erp": "ERP"}

STATUS_LABELS = {
    "available": "Disponible",
    "reserved": "Reservado",
    "sold": "Vendido",
    "delivered": "Entregado",
    "in_transit": "En tránsito",
    "demo": "Demostración",
    "posted": "Contabilizado",
}

DETAIL_LABELS = {
    "length": "longitud distinta de 17",
    "characters": "caracteres no permitidos (I, O, Q u otros)",
    "check_digit": "dígito de control (posición 9) incorrecto",
    "missing": "vacío",
    "invalid_phone": "número no válido",
}


def kind_label(entity: Entity, kind: str) -> str:
    return KIND_LABELS.get((entity, kind), kind)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)
