"""What each sandbox system's REST API shows and accepts: one *view* per system and entity.

A view turns a table row into the record the REST API returns, with the system's own Spanish
field names: the ERP flattens its joins as a real ERP's API would (a receipt carries its
invoice's prefix, number and CUFE and the customer's NIT; a vehicle its branch's name). Field
names are chosen so Cuadre's header synonyms (``app/connectors/files/headers.py``) read them
without a mapping: that is how a REST source reconciles exactly like the demo connector.
Besides what is reconciled, the ERP serves what the insights read — ``invoices`` (sale
invoices with their VIN), ``services`` (workshop orders) and ``contracts`` (SOAT, insurance,
financing) — and the CRM its ``followups``, when the demo files have those tables (older demo
files lack them: those paths then answer 404, as an API without them would).

A view also says which fields a write may set and how each value converts: only the view's
own table is written; joined fields are read-only except a vehicle's branch, which is moved
by name or code, and a follow-up's customer, which is the CRM contact holding that document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.demo.sandbox.tables import Row, Tables
from app.demo.systems import CRM_FOLLOWUP_KIND, CRM_FOLLOWUP_STATUS, MERGED_COLUMN
from app.domain.values import normalize_doc_number


class StoreError(Exception):
    """A request the store refuses: an HTTP status and a code for the JSON body."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


# --- value conversions for writes -------------------------------------------------------------


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("text expected")
    return str(value)


def _flag(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if value in (0, 1):
        return int(value)
    raise ValueError("true or false expected")


def _integer(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("integer expected")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError("integer expected")


@dataclass(frozen=True, slots=True)
class Writable:
    """An API field a PATCH may set: the table column it lands in, and how its value converts."""

    column: str
    convert: Callable[[Any], Any] = _text
    #: For fields that are looked up in another table (a vehicle's branch by name).
    lookup: Callable[[Tables, Any], Any] | None = None


@dataclass(frozen=True, slots=True)
class View:
    """One REST entity of one system: its table, timestamp column, record shape, writable fields."""

    system: str
    entity: str
    table: str
    updated: str
    expose: Callable[[Row, Tables], Row]
    writable: Mapping[str, Writable] = field(default_factory=dict)
    #: The API fields a new record must bring (``POST /<sys>/<entity>``); empty: the API
    #: creates no record of this entity.
    creates: tuple[str, ...] = ()
    #: Column values a new record gets when the request does not set them.
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def fields(self, tables: Tables) -> list[str]:
        sample = next(iter(tables[self.table].values()), None)
        return list(self.expose(sample, tables)) if sample is not None else []


def _same(*names: str) -> dict[str, Writable]:
    return {n: Writable(n) for n in names}


# --- CRM -------------------------------------------------------------------------------------


def _crm_customer(r: Row, t: Tables) -> Row:
    return {
        "id": r["id"], "tipo_documento": r["tipo_documento"],
        "numero_documento": r["numero_documento"], "nombres": r["nombres"],
        "apellidos": r["apellidos"], "empresa": r["empresa"], "celular": r["celular"],
        "correo": r["correo"], "ciudad": r["ciudad"], "direccion": r["direccion"],
        "autoriza_tratamiento": bool(r["autoriza_tratamiento"]),
        "fecha_autorizacion": r["fecha_autorizacion"], "canal_autorizacion": r["canal_autorizacion"],
        "reclamo_en_tramite": bool(r["reclamo_en_tramite"]),
        "etapa": r["etapa"],  # "cliente" or "lead"
        "actualizado": r["actualizado"],
    }


def _crm_deal(r: Row, t: Tables) -> Row:
    contact = t["contactos"].get(str(r["contacto_id"]))
    return {
        "id": r["id"], "documento_cliente": contact["numero_documento"] if contact else None,
        "etapa": r["etapa"], "vin": r["vin"], "valor": r["valor"], "origen": r["origen"],
        "sede": r["sede"], "fecha_cierre": r["fecha_cierre"], "actualizado": r["actualizado"],
        "creado": r.get("creado"), "asesor": r.get("asesor"),
    }


def _crm_payment(r: Row, t: Tables) -> Row:
    return {
        "id": r["id"], "documento_cliente": r["documento_cliente"], "recibo": r["recibo"],
        "factura": r["factura"], "valor": r["valor"], "fecha": r["fecha"], "medio": r["medio"],
        "sede": r["sede"], "negocio_id": r["negocio_id"], "actualizado": r["actualizado"],
    }


def _crm_vehicle(r: Row, t: Tables) -> Row:
    return {
        "id": r["id"], "vin": r["vin"], "marca": r["marca"], "linea": r["linea"],
        "modelo": r["modelo"], "color": r["color"], "estado": r["estado"], "sede": r["sede"],
        "documento_cliente": r["documento_cliente"], "negocio_id": r["negocio_id"],
        "precio": r["precio"], "actualizado": r["actualizado"],
    }


def _crm_followup(r: Row, t: Tables) -> Row:
    contact = t["contactos"].get(str(r["contacto_id"]))
    return {
        "id": r["id"], "documento_cliente": contact["numero_documento"] if contact else None,
        "vin": r["vin"], "tipo": r["tipo"], "fecha_vencimiento": r["fecha"],
        "estado": r["estado"], "nota": r["nota"], "actualizado": r["actualizado"],
    }


# --- ERP -------------------------------------------------------------------------------------


def _erp_customer(r: Row, t: Tables) -> Row:
    return {
        "id": r["id"], "tipo_doc": r["tipo_doc"], "nit": r["nit"], "dv": r["dv"],
        "nombres": r["nombres"], "apellidos": r["apellidos"], "razon_social": r["razon_social"],
        "telefono": r["telefono"], "email": r["email"], "cod_municipio": r["cod_municipio"],
        "direccion": r["direccion"], "autoriza_datos": bool(r["autoriza_datos"]),
        "fecha_autorizacion": r["fecha_autorizacion"], "canal_autorizacion": r["canal_autorizacion"],
        "reclamo": bool(r["reclamo"]), "modificado": r["modificado"],
    }


def _get(t: Tables, table: str, key: Any) -> Row:
    return t[table].get(str(key), {}) if key is not None else {}


def _erp_receipt(r: Row, t: Tables) -> Row:
    invoice = _get(t, "facturas", r["factura_id"])
    party = _get(t, "terceros", r["tercero_id"])
    branch = _get(t, "sedes", invoice.get("sede_id"))
    return {
        "id": r["id"], "numero_recibo": r["numero"], "prefijo": invoice.get("prefijo"),
        "numero_factura": invoice.get("numero"), "cufe": invoice.get("cufe"),
        "nit_cliente": party.get("nit"), "valor": r["valor"], "fecha": r["fecha"],
        "medio": r["medio"], "sede": branch.get("nombre"), "modificado": r["modificado"],
    }


def _erp_vehicle(r: Row, t: Tables) -> Row:
    branch = _get(t, "sedes", r["sede_id"])
    party = _get(t, "terceros", r["tercero_id"])
    return {
        "id": r["id"], "vin": r["vin"], "marca": r["marca"], "linea": r["linea"],
        # "Modelo" is the model year in Colombian stock lists.
        "modelo": r["anio"], "color": r["color"], "estado": r["estado"],
        "sede": branch.get("nombre"), "nit_cliente": party.get("nit"), "precio": r["precio"],
        "fecha_entrega": r["fecha_entrega"], "modificado": r["modificado"],
        "fecha_ingreso": r.get("fecha_ingreso"),
    }


def _erp_invoice(r: Row, t: Tables) -> Row:
    party = _get(t, "terceros", r["tercero_id"])
    branch = _get(t, "sedes", r["sede_id"])
    return {
        "id": r["id"], "prefijo": r["prefijo"], "numero_factura": r["numero"], "cufe": r["cufe"],
        "nit_cliente": party.get("nit"), "vin": r.get("vin"), "sede": branch.get("nombre"),
        "fecha_factura": r["fecha"], "total": r["total"], "estado": r["estado"],
        "modificado": r.get("modificado"),
    }


def _erp_service(r: Row, t: Tables) -> Row:
    party = _get(t, "terceros", r["tercero_id"])
    branch = _get(t, "sedes", r["sede_id"])
    return {
        "id": r["id"], "vin": r["vin"], "nit_cliente": party.get("nit"),
        "tipo_servicio": r["tipo"], "fecha_ingreso": r["fecha"],
        "kilometraje": r["kilometraje"], "sede": branch.get("nombre"),
        "modificado": r["modificado"],
    }


def _erp_contract(r: Row, t: Tables) -> Row:
    party = _get(t, "terceros", r["tercero_id"])
    return {
        "id": r["id"], "vin": r["vin"], "nit_cliente": party.get("nit"), "tipo": r["tipo"],
        "entidad": r["entidad"], "fecha_inicio": r["inicio"], "fecha_fin": r["fin"],
        "modificado": r["modificado"],
    }


def _coded(words: Mapping[str, str]) -> Callable[[Any], Any]:
    """A column kept in the system's own words ("Aniversario", "Pendiente"), written by that
    word or by Cuadre's code for it ("anniversary", "open"), case aside."""
    known = {**{k.casefold(): v for k, v in words.items()},
             **{v.casefold(): v for v in words.values()}}

    def convert(value: Any) -> Any:
        if not isinstance(value, str) or value.strip().casefold() not in known:
            raise ValueError("unknown word")
        return known[value.strip().casefold()]

    return convert


def _day(value: Any) -> Any:
    """A date as ISO text ("2026-12-08"), the way the demo tables keep days."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("date expected")
    return date.fromisoformat(value.strip()).isoformat()


def _contact_id(t: Tables, value: Any) -> Any:
    """The CRM contact holding the customer document ``value`` (dots, spaces or a DV aside);
    a customer the CRM does not have cannot get a follow-up: 422."""
    wanted = normalize_doc_number(value)
    for row in t["contactos"].values():
        if wanted is not None and not row.get(MERGED_COLUMN) \
                and normalize_doc_number(row["numero_documento"]) == wanted:
            return row["id"]
    raise StoreError(422, "not_in_crm", "El CRM no tiene un contacto con el documento del "
                     "cliente: créelo primero y envíe de nuevo el seguimiento.",
                     fields=["documento_cliente"])


def _branch_id(t: Tables, value: Any) -> Any:
    """A branch named by its name or code → its id; ValueError when there is none."""
    if value is None:
        return None
    wanted = str(value).strip().casefold()
    for row in t["sedes"].values():
        if wanted in (str(row["nombre"]).casefold(), str(row["codigo"]).casefold()):
            return row["id"]
    raise ValueError("unknown branch")


_CRM_CUSTOMER_WRITES = {
    **_same("tipo_documento", "numero_documento", "nombres", "apellidos", "empresa", "celular",
            "correo", "ciudad", "direccion", "fecha_autorizacion", "canal_autorizacion", "etapa"),
    "autoriza_tratamiento": Writable("autoriza_tratamiento", _flag),
    "reclamo_en_tramite": Writable("reclamo_en_tramite", _flag),
}
_ERP_CUSTOMER_WRITES = {
    **_same("tipo_doc", "nit", "dv", "nombres", "apellidos", "razon_social", "telefono", "email",
            "cod_municipio", "direccion", "fecha_autorizacion", "canal_autorizacion"),
    "autoriza_datos": Writable("autoriza_datos", _flag),
    "reclamo": Writable("reclamo", _flag),
}

VIEWS: dict[tuple[str, str], View] = {
    # Customers are created from Cuadre too (a customer only in the other system: POST, the
    # id Cuadre's document key), with what each system requires.
    ("crm", "customers"): View("crm", "customers", "contactos", "actualizado", _crm_customer,
                               _CRM_CUSTOMER_WRITES, creates=("numero_documento",),
                               defaults={"autoriza_tratamiento": 0, "reclamo_en_tramite": 0,
                                         "etapa": "cliente"}),
    ("crm", "deals"): View("crm", "deals", "negocios", "actualizado", _crm_deal,
                           _same("etapa", "vin", "valor", "origen", "sede", "fecha_cierre",
                                 "asesor")),
    ("crm", "payments"): View("crm", "payments", "pagos", "actualizado", _crm_payment, {
        **_same("documento_cliente", "recibo", "factura", "valor", "fecha", "medio", "sede",
                "negocio_id"),
    }),
    ("crm", "vehicles"): View("crm", "vehicles", "vehiculos", "actualizado", _crm_vehicle, {
        **_same("vin", "marca", "linea", "color", "estado", "sede", "documento_cliente",
                "negocio_id", "precio"),
        "modelo": Writable("modelo", _integer),
    }),
    ("erp", "customers"): View("erp", "customers", "terceros", "modificado", _erp_customer,
                               _ERP_CUSTOMER_WRITES,
                               creates=("tipo_doc", "nit", "telefono", "cod_municipio"),
                               defaults={"autoriza_datos": 0, "reclamo": 0}),
    ("erp", "payments"): View("erp", "payments", "recibos", "modificado", _erp_receipt, {
        **_same("valor", "fecha", "medio"),
        "numero_recibo": Writable("numero"),
    }),
    ("erp", "vehicles"): View("erp", "vehicles", "inventario", "modificado", _erp_vehicle, {
        **_same("vin", "marca", "linea", "color", "estado", "precio", "fecha_entrega"),
        "modelo": Writable("anio", _integer),
        "sede": Writable("sede_id", lookup=_branch_id),
    }),
    # Created from Cuadre («Crear seguimientos»: POST) and cancelled by an undo (PATCH).
    ("crm", "followups"): View(
        "crm", "followups", "seguimientos", "actualizado", _crm_followup, {
            **_same("vin", "nota"),
            "documento_cliente": Writable("contacto_id", lookup=_contact_id),
            "tipo": Writable("tipo", _coded(CRM_FOLLOWUP_KIND)),
            "fecha_vencimiento": Writable("fecha", _day),
            "estado": Writable("estado", _coded(CRM_FOLLOWUP_STATUS)),
        }, creates=("documento_cliente", "tipo", "fecha_vencimiento"),
        defaults={"estado": CRM_FOLLOWUP_STATUS["open"]}),
    # Read for the insights only: nothing here is corrected from Cuadre.
    ("erp", "invoices"): View("erp", "invoices", "facturas", "modificado", _erp_invoice),
    ("erp", "services"): View("erp", "services", "ordenes_taller", "modificado", _erp_service),
    ("erp", "contracts"): View("erp", "contracts", "contratos", "modificado", _erp_contract),
}

SYSTEMS = ("crm", "erp")
#: A child's customer document that is a join, not a column: (system, entity, API field) →
#: (the child's link column, the customer table it points into).
OWNER_LINKS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("crm", "deals", "documento_cliente"): ("contacto_id", "contactos"),
    ("erp", "payments", "nit_cliente"): ("tercero_id", "terceros"),
    ("erp", "vehicles", "nit_cliente"): ("tercero_id", "terceros"),
}


def entities_of(system: str) -> list[str]:
    return [entity for (s, entity) in VIEWS if s == system]

