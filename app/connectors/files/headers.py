"""Which column of an export is which canonical field: header synonyms and a saved mapping.

Headers are compared folded: accents, case, spaces and punctuation do not count ("Nro.
identificación" = "NRO IDENTIFICACION"). Each entity has its synonyms, most specific first; when
two headers claim one field, the earlier synonym (then the leftmost column) wins and the other
is reported. A mapping ``{canonical field: "Header as in the file"}`` overrides synonyms.

Besides the canonical columns, some fields are parts the connector puts together:
``first_name_1``/``first_name_2`` (→ ``first_names``), ``last_name_1``/``last_name_2``,
``invoice_prefix`` (+ number → ``invoice_number``); and two extras the matcher reads:
``full_name`` (one "Nombre" column) and ``phone_alt`` (the landline when a mobile exists).

The insights' entities (invoices, workshop visits, contracts, follow-ups) are read with the
headers Colombian DMS/ERP and CRM exports give them ("Prefijo" + "Número", "OT", "Kilometraje",
"Aseguradora", "Fecha de vencimiento"…).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.connectors.files.errors import MappingError
from app.domain.schema import COLUMNS, Entity
from app.domain.values import fold

#: The physical count is not an Entity of the reconciliation; it has its own columns.
COUNT = "count"
COUNT_COLUMNS = ("branch", "vin", "counted_at", "counted_by", "note")

EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {Entity.CUSTOMERS: ("full_name", "phone_alt")}

_ID = ("Id", "Código", "Consecutivo", "Identificador")
_UPDATED = ("Fecha de actualización", "Fecha actualización", "Última actualización",
            "Última modificación", "Fecha modificación", "Fecha de modificación", "Modificado",
            "Actualizado")
_CUSTOMER_DOC = ("Documento cliente", "Documento del cliente", "Documento (cliente)",
                 "NIT cliente", "Cédula cliente", "CC cliente", "Identificación cliente",
                 "Nro. documento cliente", "Cliente documento", "Cliente NIT", "NIT/CC cliente",
                 "Documento", "Identificación", "Nro. identificación", "Número de identificación",
                 "Número documento", "Número de documento", "NIT/CC", "CC/NIT", "Cédula/NIT",
                 "NIT", "Cédula", "CC")
_VIN = ("VIN", "Chasis", "No. chasis", "Nro. chasis", "N° chasis", "Número de chasis",
        "Número chasis", "VIN/Chasis", "Chasis/VIN", "Serie", "No. serie", "Número de serie",
        "Serial")
_BRANCH = ("Sede", "Sucursal", "Agencia", "Bodega", "Punto de venta", "Concesionario",
           "Ubicación")
_DEAL = ("Id negocio", "Negocio", "Id oportunidad", "Oportunidad", "Negocio id")
_INVOICE_NUMBER = ("Número de factura", "Número factura", "No. factura", "Nro. factura",
                   "N° factura", "Factura No.", "Factura", "Factura electrónica")
_INVOICE_PREFIX = ("Prefijo", "Prefijo factura")
_CUFE = ("CUFE", "Código CUFE", "CUFE/CUDE")

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    Entity.CUSTOMERS: {
        "source_id": ("Id cliente", "Código cliente", "Id contacto", "Código contacto",
                      "Id tercero", "Código tercero", *_ID),
        "doc_type": ("Tipo de documento", "Tipo documento", "Tipo de identificación",
                     "Tipo identificación", "Tipo doc", "Tipo de doc", "Tipo id",
                     "Tipo documento identidad"),
        "doc_number": ("Número de identificación", "Nro. identificación", "No. identificación",
                       "Número identificación", "Identificación", "Número de documento",
                       "Número documento", "Nro. documento", "No. documento", "N° documento",
                       "Num. documento", "Documento de identidad", "Documento", "NIT/CC",
                       "CC/NIT", "Cédula/NIT", "NIT/Cédula", "Cédula", "NIT", "CC", "Doc",
                       "Documento cliente", "Identificación cliente", "NIT cliente",
                       "Cédula cliente"),
        "check_digit": ("Dígito de verificación", "Dígito verificación", "DV", "Dig. verif.",
                        "Dígito verificación NIT", "DV NIT"),
        "first_names": ("Nombres", "Nombre(s)"),
        "first_name_1": ("Primer nombre",),
        "first_name_2": ("Segundo nombre", "Otros nombres"),
        "last_names": ("Apellidos", "Apellido(s)"),
        "last_name_1": ("Primer apellido",),
        "last_name_2": ("Segundo apellido",),
        "company_name": ("Razón social", "Empresa", "Nombre empresa", "Nombre de la empresa",
                         "Compañía"),
        "full_name": ("Nombre completo", "Nombre", "Nombre cliente", "Nombre del cliente",
                      "Cliente", "Nombre o razón social", "Nombre/Razón social", "Contacto",
                      "Nombre contacto", "Nombre tercero", "Tercero"),
        "phone": ("Celular", "Móvil", "Teléfono celular", "Tel. celular", "Número celular",
                  "Cel", "Teléfono móvil", "WhatsApp"),
        "phone_alt": ("Teléfono", "Tel", "Teléfono fijo", "Tel. fijo", "Fijo",
                      "Teléfono de contacto", "Teléfono 1"),
        "email": ("Correo electrónico", "Correo", "E-mail", "Email", "Mail", "Correo cliente"),
        "city_name": ("Ciudad/Municipio", "Ciudad", "Municipio", "Ciudad de residencia",
                      "Ciudad residencia"),
        "city_code": ("Código DANE", "Cód. DANE", "Código municipio", "Cód. municipio",
                      "Código ciudad", "Cód. ciudad", "Código DIVIPOLA", "DIVIPOLA"),
        "address": ("Dirección", "Dirección de residencia", "Dirección residencia", "Domicilio"),
        "habeas_data_consent": ("Autoriza datos", "Habeas data", "Autorización tratamiento",
                                "Autorización tratamiento de datos", "Autorización de datos",
                                "Autoriza tratamiento", "Autoriza tratamiento de datos",
                                "Acepta tratamiento de datos", "Autorización habeas data"),
        "consent_date": ("Fecha de autorización", "Fecha autorización", "Fecha habeas data"),
        "consent_channel": ("Canal de autorización", "Canal autorización"),
        "claim_in_progress": ("Reclamo en trámite", "Reclamo", "Reclamo habeas data"),
        "is_customer": ("Es cliente", "Etapa", "Etapa del contacto", "Tipo de contacto"),
        "updated_at": _UPDATED,
    },
    Entity.PAYMENTS: {
        "source_id": ("Id pago", "Código pago", *_ID),
        "receipt_number": ("Recibo de caja", "No. recibo", "Nro. recibo", "N° recibo",
                           "Número de recibo", "Número recibo", "Recibo No.", "Recibo", "RC",
                           "No. RC", "Comprobante"),
        "invoice_number": _INVOICE_NUMBER,
        "invoice_prefix": _INVOICE_PREFIX,
        "cufe": _CUFE,
        "customer_doc": _CUSTOMER_DOC,
        "amount": ("Valor pagado", "Valor recibido", "Valor pago", "Monto pagado", "Valor",
                   "Monto", "Importe", "Valor total", "Total"),
        "currency": ("Moneda",),
        "paid_on": ("Fecha de pago", "Fecha pago", "Fecha recibo", "Fecha de consignación",
                    "Fecha"),
        "method": ("Medio de pago", "Forma de pago", "Medio pago", "Forma pago",
                   "Método de pago", "Medio"),
        "status": ("Estado", "Estado pago"),
        "deal_id": _DEAL,
        "branch": _BRANCH,
        "updated_at": _UPDATED,
    },
    Entity.VEHICLES: {
        "source_id": ("Id vehículo", "Código vehículo", *_ID),
        "vin": _VIN,
        "make": ("Marca",),
        "model": ("Línea", "Referencia"),
        "model_year": ("Año modelo", "Modelo año", "Año"),
        "color": ("Color",),
        "status": ("Estado", "Estado vehículo", "Estado inventario"),
        "branch": _BRANCH,
        "price": ("Precio de venta", "Precio venta", "Precio", "Valor venta", "Precio de lista",
                  "Precio lista", "Valor"),
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
        "source_id": (*_DEAL, *_ID),
        "customer_doc": _CUSTOMER_DOC,
        "stage": ("Etapa", "Estado", "Fase"),
        "vin": _VIN,
        "amount": ("Valor negocio", "Valor", "Monto", "Total"),
        "lead_source": ("Origen", "Fuente", "Origen del lead", "Fuente del lead", "Canal"),
        "closed_on": ("Fecha de cierre", "Fecha cierre"),
        "branch": _BRANCH,
        "updated_at": _UPDATED,
        "created_on": ("Fecha de creación", "Fecha creación", "Creado", "Creado el",
                       "Fecha de registro", "Fecha registro", "Fecha del lead",
                       "Fecha de ingreso del lead"),
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
                      "Fecha facturación", "Fecha"),
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
    Entity.CUSTOMERS: "clientes", Entity.PAYMENTS: "pagos", Entity.VEHICLES: "vehículos",
    Entity.DEALS: "negocios", Entity.INVOICES: "facturas", Entity.SERVICES: "visitas al taller",
    Entity.CONTRACTS: "contratos (SOAT, seguros y créditos)", Entity.FOLLOWUPS: "seguimientos",
    COUNT: "conteo físico",
}

# Parts that make up one field, and the field they make up.
_PARTS = {"first_name_1": "first_names", "first_name_2": "first_names",
          "last_name_1": "last_names", "last_name_2": "last_names",
          "invoice_prefix": "invoice_number"}
_INVOICE_NUMBER_AFTER_PREFIX = {"numero", "no", "nro", "num", "n", "numerofactura"}
_YEAR = re.compile(r"^(19|20)\d{2}$")


def header_key(header: Any) -> str:
    """A header folded for comparison: "Nro. Identificación" → "nroidentificacion"."""
    return re.sub(r"[^a-z0-9]", "", fold(header))


def _index(kind: str) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for name, synonyms in SYNONYMS[kind].items():
        for rank, synonym in enumerate(synonyms):
            index.setdefault(header_key(synonym), (name, rank))
    return index


_INDEXES = {kind: _index(kind) for kind in SYNONYMS}


def columns_of(kind: str) -> tuple[str, ...]:
    """The canonical columns a mapping may name for ``kind``."""
    if kind == COUNT:
        return COUNT_COLUMNS
    return COLUMNS[Entity(kind)] + EXTRA_COLUMNS.get(kind, ())


def recognized(kind: str, cells: Sequence[Any], mapping: Mapping[str, Sequence[str]]) -> int:
    """How many cells of a row look like headers of ``kind``: to find the header row."""
    mapped = {header_key(h) for headers in mapping.values() for h in headers}
    index = _INDEXES[kind]
    return sum(1 for c in cells if (k := header_key(c)) and (k in index or k in mapped))


def expected_headers(kind: str, names: Sequence[str]) -> list[str]:
    """The first synonyms of the fields ``names`` (and their parts), for error messages."""
    out: list[str] = []
    for name, synonyms in SYNONYMS[kind].items():
        if name in names or _PARTS.get(name) in names:
            out.extend(synonyms[:3])
    return out


@dataclass(slots=True)
class Resolution:
    """Which column(s) feed each field; what was left out and why."""

    fields: dict[str, list[int]] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)
    #: (ignored column, column chosen instead)
    ambiguous: list[tuple[int, int]] = field(default_factory=list)

    def missing(self, kind: str) -> list[tuple[str, ...]]:
        return [group for group in REQUIRED[kind] if not any(f in self.fields for f in group)]


def resolve(
    kind: str,
    headers: Sequence[str],
    mapping: Mapping[str, Sequence[str]],
    values: Callable[[int], Sequence[Any]],
) -> Resolution:
    """Assign each header to a field: the mapping first, then synonyms; ``values(i)`` gives a
    column's cells for the one header decided by content ("Modelo": a line or a year)."""
    result = Resolution()
    taken: set[int] = set()
    for name, wanted in mapping.items():
        result.fields[name] = [_find(h, headers, taken) for h in wanted]
        taken.update(result.fields[name])
    keys = [header_key(h) for h in headers]
    index = _INDEXES[kind]
    candidates: dict[str, list[tuple[int, int]]] = {}
    for i, key in enumerate(keys):
        if i in taken:
            continue
        if not key:
            result.unmapped.append(i)
            continue
        hit = index.get(key)
        if hit is None:
            hit = _by_content(kind, key, keys, values(i), index)
        if hit is None or hit[0] in mapping or _PARTS.get(hit[0]) in mapping:
            result.unmapped.append(i)
            continue
        candidates.setdefault(hit[0], []).append((hit[1], i))
    for name, found in candidates.items():
        (_, chosen), *others = sorted(found)
        result.fields[name] = [chosen]
        result.ambiguous.extend((i, chosen) for _, i in others)
    _join_parts(result)
    if "phone" not in result.fields and "phone_alt" in result.fields:
        result.fields["phone"] = result.fields.pop("phone_alt")
    return result


def _by_content(kind: str, key: str, keys: Sequence[str], cells: Sequence[Any],
                index: Mapping[str, tuple[str, int]]) -> tuple[str, int] | None:
    present = {index[k][0] for k in keys if k in index}
    if kind == Entity.VEHICLES and key == "modelo":
        # In Colombia "Modelo" is usually the model year; with a "Año" column it is the line.
        if "model_year" in present:
            return ("model", 99)
        texts = [str(c).strip() for c in cells if c not in (None, "")]
        years = bool(texts) and all(_YEAR.match(t.removesuffix(".0")) for t in texts)
        return ("model_year", 99) if years else ("model", 99)
    if kind in (Entity.PAYMENTS, Entity.INVOICES) and key in _INVOICE_NUMBER_AFTER_PREFIX \
            and "invoice_prefix" in present:
        return ("invoice_number", 99)
    return None


def _join_parts(result: Resolution) -> None:
    """First + second name (or surname) become one field unless a whole-name column exists."""
    fields = result.fields
    for whole, parts in (("first_names", ("first_name_1", "first_name_2")),
                         ("last_names", ("last_name_1", "last_name_2"))):
        found = [fields.pop(p)[0] for p in parts if p in fields]
        if not found:
            continue
        if whole in fields:
            result.ambiguous.extend((i, fields[whole][0]) for i in found)
        else:
            fields[whole] = found
    if "invoice_prefix" in fields:
        prefix = fields.pop("invoice_prefix")
        if "invoice_number" in fields:
            fields["invoice_number"] = prefix + fields["invoice_number"]
        else:
            result.unmapped.extend(prefix)


def _find(wanted: str, headers: Sequence[str], taken: set[int]) -> int:
    exact = [i for i, h in enumerate(headers) if h == wanted.strip() and i not in taken]
    if exact:
        return exact[0]
    key = header_key(wanted)
    folded = [i for i, h in enumerate(headers) if key and header_key(h) == key and i not in taken]
    if folded:
        return folded[0]
    listed = ", ".join(f"«{h}»" for h in headers if h)
    raise MappingError(
        f"El mapeo pide la columna «{wanted}», que no está en el archivo. "
        f"Columnas del archivo: {listed}."
    )


def normalize_mapping(kind: str, raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{field: header or [headers]}`` checked against the canonical columns of ``kind``."""
    allowed = columns_of(kind)
    unknown = [name for name in raw if name not in allowed]
    if unknown:
        raise MappingError(
            f"El mapeo nombra columnas que no existen: {', '.join(map(str, unknown))}. "
            f"Columnas válidas: {', '.join(allowed)}."
        )
    out: dict[str, list[str]] = {}
    for name, headers in raw.items():
        listed = [headers] if isinstance(headers, str) else headers
        if not isinstance(listed, list | tuple) or not listed or not all(
            isinstance(h, str) and h.strip() for h in listed
        ):
            raise MappingError(
                f"En el mapeo, «{name}» debe ser el encabezado del archivo (texto) "
                "o una lista de encabezados."
            )
        out[name] = [h.strip() for h in listed]
    return out
