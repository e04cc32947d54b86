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

#: An entity's records in words, (one, many): a record in a line («CRM cliente C-1») and the
#: entity in a sentence («clientes»). The command line also accepts them for ``--entity``.
ENTITY_WORDS: dict[Entity, tuple[str, str]] = {
    Entity.CUSTOMERS: ("cliente", "clientes"),
    Entity.PAYMENTS: ("pago", "pagos"),
    Entity.VEHICLES: ("vehículo", "vehículos"),
    Entity.DEALS: ("negocio", "negocios"),
    Entity.INVOICES: ("factura", "facturas"),
    Entity.SERVICES: ("visita al taller", "visitas al taller"),
    Entity.CONTRACTS: ("contrato", "contratos"),
    Entity.FOLLOWUPS: ("seguimiento", "seguimientos"),
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

#: (entity, kind) → the name of its amount counted but not at stake, shown apart (DESIGN §5:
#: a payment whose date or customer differs; ``app.reconcile.stake.APART``).
APART_LABELS: dict[tuple[Entity, str], str] = {
    (Entity.PAYMENTS, "date_differs"): "Monto con fecha distinta",
    (Entity.PAYMENTS, "customer_differs"): "Monto con cliente distinto",
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
    "salesperson": "Asesor comercial",
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

#: A CRM deal's stage (``DEAL_STAGES``), as «¿Dónde está este VIN?» names it.
STAGE_LABELS = {
    "lead": "Prospecto",
    "test_drive": "Prueba de manejo",
    "negotiation": "Negociación",
    "sold": "Vendido",
    "lost": "Perdido",
}

# --- the correction loop (app/writeback): its states and roles ---------------------------------

#: A correction's state as a heading or a table cell names it (the queue, the push dialog, the
#: audit trail's «Resultado»).
CORRECTION_STATE_LABELS = {
    "proposed": "Propuesta",
    "approved": "Aprobada",
    "rejected": "Rechazada",
    "deferred": "Aplazada",
    "queued": "En cola",
    "attempting": "En envío",
    "applied": "Aplicada",
    "conflict": "En conflicto",
    "failed": "Fallida",
    "unknown": "Resultado desconocido",
}

#: The same inside a sentence («la corrección ya está en conflicto») and in the command line's
#: listings, which also accept these words for a state.
CORRECTION_STATE_WORDS = {
    "proposed": "propuesta",
    "approved": "aprobada",
    "rejected": "rechazada",
    "deferred": "aplazada",
    "queued": "en cola",
    "attempting": "en envío",
    "applied": "aplicada",
    "conflict": "en conflicto",
    "failed": "fallida",
    "unknown": "con resultado desconocido",
}

#: An outbox row's state in a sentence («… (email): aplicada»). People reject corrections; a
#: row is rejected only by the system it was sent to.
OUTBOX_STATE_WORDS = {
    **{state: CORRECTION_STATE_WORDS[state]
       for state in ("queued", "attempting", "applied", "conflict", "failed", "unknown")},
    "rejected": "rechazada por el sistema",
}

#: How many rows ended in a state, counted («9 aplicadas, 1 en conflicto»).
OUTBOX_STATE_PLURALS = {
    "queued": "en cola",
    "attempting": "en envío",
    "applied": "aplicadas",
    "conflict": "en conflicto",
    "rejected": "rechazadas por el sistema",
    "failed": "fallidas",
    "unknown": "con resultado desconocido",
}

#: A CRM follow-up's correction, in a sentence about the follow-up (a masculine noun: «ya hay un
#: seguimiento igual aprobado»).
FOLLOWUP_STATE_WORDS = {
    "proposed": "propuesto",
    "deferred": "aplazado",
    "approved": "aprobado",
    "queued": "en cola",
    "attempting": "en envío",
    "applied": "ya creado en el CRM",
    "unknown": "con envío sin confirmar",
    "conflict": "en conflicto",
    "failed": "con envío fallido",
}

#: What each role lets a person do («Ana Ruiz (propone, aprueba)»); the command line accepts
#: these words for a role.
ROLE_LABELS = {"proposer": "propone", "approver": "aprueba", "auditor": "audita",
               "admin": "administra"}

#: The same as a verb, for a refusal («no tiene el rol para aprobar»).
ROLE_VERBS = {"proposer": "proponer", "approver": "aprobar", "auditor": "auditar",
              "admin": "administrar"}

DETAIL_LABELS = {
    "length": "longitud distinta de 17",
    "characters": "caracteres no permitidos (I, O, Q u otros)",
    "check_digit": "dígito de control (posición 9) incorrecto",
    "missing": "vacío",
    "invalid_phone": "número no válido",
}


def entity_label(entity: Entity | str) -> str:
    """An entity as a heading or a table cell names it («Clientes»); an unknown code as is."""
    try:
        return ENTITY_LABELS[Entity(entity)]
    except ValueError:
        return str(entity)


def entity_word(entity: Entity | str, count: int = 1) -> str:
    """One of an entity's records in a line («cliente»); with ``count`` > 1, several
    («clientes»). An unknown code as is."""
    try:
        one, many = ENTITY_WORDS[Entity(entity)]
    except ValueError:
        return str(entity)
    return many if count > 1 else one


def system_label(system: str) -> str:
    """«CRM», «ERP» from a system's code (``crm``, ``erp``)."""
    return SYSTEM_LABELS.get(str(system), str(system).upper())


def kind_label(entity: Entity, kind: str) -> str:
    return KIND_LABELS.get((entity, kind), kind)


def apart_label(entity: Entity, kind: str) -> str:
    """«Monto con fecha distinta»: what the amount a kind shows apart is called."""
    return APART_LABELS.get((entity, kind), f"Monto de {kind_label(entity, kind).lower()}")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def state_label(state: str) -> str:
    """A correction's state as a heading or a table cell («En conflicto»)."""
    return CORRECTION_STATE_LABELS.get(state, state)


def state_word(state: str) -> str:
    """A correction's state inside a sentence («en conflicto»)."""
    return CORRECTION_STATE_WORDS.get(state, state)


def outbox_state_word(state: str, count: int = 1) -> str:
    """An outbox row's state in a sentence; with ``count`` > 1, as it reads counted."""
    word = OUTBOX_STATE_WORDS.get(state, state)
    return OUTBOX_STATE_PLURALS.get(state, word) if count > 1 else word


# --- findings across runs (app/findings): states, reasons, candidates, periods -----------------

#: A finding's state as a heading or a table cell (DESIGN §5, «Findings have a life»).
FINDING_STATE_LABELS = {
    "open": "Abierta",
    "assigned": "Asignada",
    "explained": "Explicada",
    "correction_proposed": "Con corrección propuesta",
    "correction_approved": "Con corrección aprobada",
    "correction_sent": "Con corrección enviada",
    "matched": "Conciliada a mano",
    "resolved": "Resuelta",
}

#: The same inside a sentence and in the command line's listings, which also accept these
#: words for a state («--state abierta»).
FINDING_STATE_WORDS = {code: label.lower() for code, label in FINDING_STATE_LABELS.items()}

#: Why a finding stands (explained), or why a manual match's totals differ.
FINDING_REASON_LABELS = {
    "in_transit": "Pago en tránsito",
    "rounding": "Redondeo",
    "bank_fee": "Comisión bancaria",
    "withholding": "Retención",
    "advance": "Anticipo",
    "typo": "Error de digitación",
    "known_duplicate": "Duplicado conocido",
    "other": "Otro",
}
FINDING_REASON_WORDS = {code: label.lower() for code, label in FINDING_REASON_LABELS.items()}

#: Why a record is a candidate for matching by hand; ``{value}`` is the detail (a difference in
#: pesos, days apart, the other record's invoice or VIN).
CANDIDATE_HINT_LABELS = {
    "same_invoice": "misma factura",
    "similar_invoice": "factura parecida ({value})",
    "similar_receipt": "recibo parecido ({value})",
    "same_customer": "mismo cliente",
    "same_amount": "mismo valor",
    "close_amount": "valor cercano (diferencia {value})",
    "same_date": "misma fecha",
    "near_date": "fecha a {value} días",
    "same_branch": "misma sede",
    "same_document": "mismo documento",
    "close_document": "documento parecido ({value})",
    "similar_name": "nombre parecido",
    "same_phone": "mismo teléfono",
    "same_email": "mismo correo",
    "same_city": "misma ciudad",
    "close_vin": "VIN parecido ({value})",
    "same_model": "misma marca, línea y modelo",
    "same_color": "mismo color",
}

#: A period's certificate (cierre) as a heading or a table cell.
PERIOD_STATE_LABELS = {"certified": "Certificado", "signed": "Firmado", "reopened": "Reabierto"}

#: What the findings' audit rows mean (the audit trail's «Acción»).
FINDING_ACTION_NAMES = {
    "findings_tracked": "Hallazgos de la conciliación",
    "finding_assigned": "Hallazgo asignado",
    "finding_explained": "Hallazgo explicado",
    "finding_reopened": "Hallazgo reabierto",
    "finding_matched": "Conciliado a mano",
    "finding_unmatched": "Conciliación a mano deshecha",
    "match_lapsed": "Conciliación a mano caducada",
    "period_certified": "Periodo certificado",
    "period_signed": "Cierre firmado",
    "period_reopened": "Periodo reabierto",
}


def finding_state_label(state: str) -> str:
    return FINDING_STATE_LABELS.get(state, state)


def finding_reason_label(reason: str | None) -> str:
    return "" if reason is None else FINDING_REASON_LABELS.get(reason, reason)
