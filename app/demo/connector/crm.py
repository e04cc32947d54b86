"""The demo CRM: its contacts, deals, payments, vehicles and follow-ups, read and written.

The CRM keeps NITs with their DV after a dash in one column, free-text cities, phones as
typed, statuses and stages in its own Spanish words; deals and follow-ups point at a contact
by id. Its follow-ups are also *created* (a correction with ``expected`` empty): one for a
customer with no CRM contact is *rejected* (``not_in_crm``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from app.demo.connector.fields import (
    FieldContext,
    Refused,
    Writer,
    coded_column,
    column,
    date_column,
    flag_column,
    holder,
    money_column,
    refuse_value,
    stamp_value,
    year_column,
)
from app.demo.connector.reading import Query, Row, RowReader, day, money, phone, timestamp
from app.demo.connector.writing import WritableSource
from app.demo.systems import CRM_DEAL_STAGE, CRM_FOLLOWUP_KIND, CRM_FOLLOWUP_STATUS, CRM_VEHICLE_STATUS
from app.domain import divipola
from app.domain.schema import Entity, System
from app.domain.values import (
    clean_text,
    normalize_doc_number,
    normalize_email,
    normalize_vin,
    split_nit,
)

_CRM_STATUS = {v: k for k, v in CRM_VEHICLE_STATUS.items()}
_CRM_STAGE = {v: k for k, v in CRM_DEAL_STAGE.items()}
_FOLLOWUP_KIND = {v: k for k, v in CRM_FOLLOWUP_KIND.items()}
_FOLLOWUP_STATUS = {v: k for k, v in CRM_FOLLOWUP_STATUS.items()}


def _crm_doc_number(ctx: FieldContext, value: Any) -> dict[str, Any]:
    """The CRM keeps a NIT with its DV after a dash, in one column."""
    number = normalize_doc_number(value)
    if number is None:
        return {"numero_documento": None}
    if clean_text(ctx.row.get("tipo_documento")) == "NIT":
        _old, dv = split_nit(ctx.row.get("numero_documento"))
        return {"numero_documento": f"{number}-{dv}" if dv else number}
    return {"numero_documento": number}


def _crm_check_digit(ctx: FieldContext, value: Any) -> dict[str, Any]:
    if clean_text(ctx.row.get("tipo_documento")) != "NIT":
        raise Refused("unsupported_value", "Solo un NIT tiene dígito de verificación.")
    number, _old = split_nit(ctx.row.get("numero_documento"))
    dv = clean_text(value)
    if number is None:
        raise Refused("unsupported_value", "El contacto no tiene NIT al que poner el DV.")
    if dv is not None and not (dv.isdigit() and len(dv) == 1):
        raise refuse_value("check_digit", value)
    return {"numero_documento": f"{number}-{dv}" if dv else number}


def _crm_city_code(_ctx: FieldContext, value: Any) -> dict[str, Any]:
    """The CRM keeps the city's name: the one DIVIPOLA gives the code (with the department
    when the name alone is ambiguous)."""
    code = clean_text(value)
    if code is None:
        return {"ciudad": None}
    name = divipola.city_name(code)
    if name is None:
        raise refuse_value("city_code", value)
    if divipola.city_code(name) != code:
        department = divipola.municipalities()[code].department
        name = f"{name}, {department}"
    return {"ciudad": name}


def _crm_city_name(_ctx: FieldContext, value: Any) -> dict[str, Any]:
    return {"ciudad": clean_text(value)}


def _contact_for(ctx: FieldContext, doc: Any) -> dict[str, Any]:
    """A CRM deal points at a contact by id: the one with the document."""
    if normalize_doc_number(doc) is None:
        raise Refused("unsupported_value", "Un negocio del CRM necesita un contacto.")
    return {"contacto_id": holder(ctx, doc, "contactos", "numero_documento", "contacto_id",
                                   "El CRM no tiene un contacto con ese documento: créelo "
                                   "primero.")}


def _followup_contact(ctx: FieldContext, doc: Any) -> dict[str, Any]:
    """A CRM follow-up hangs on the contact with the customer's document; a customer the CRM
    does not have cannot get one (``not_in_crm``)."""
    if normalize_doc_number(doc) is None:
        raise Refused("not_in_crm", "Un seguimiento del CRM necesita el documento del cliente.")
    try:
        return _contact_for(ctx, doc)
    except Refused:
        raise Refused("not_in_crm", "El CRM no tiene un contacto con el documento del cliente: "
                       "créelo primero y envíe de nuevo el seguimiento.") from None


class DemoCrm(WritableSource):
    system = System.CRM
    QUERIES: ClassVar[Mapping[Entity, Query]] = {
        Entity.CUSTOMERS: Query("SELECT c.* FROM contactos c", "c", "contactos", "actualizado"),
        Entity.PAYMENTS: Query("SELECT p.* FROM pagos p", "p", "pagos", "actualizado"),
        Entity.VEHICLES: Query("SELECT v.* FROM vehiculos v", "v", "vehiculos", "actualizado"),
        Entity.DEALS: Query("SELECT n.*, c.numero_documento AS documento FROM negocios n "
                             "LEFT JOIN contactos c ON c.id = n.contacto_id", "n", "negocios",
                             "actualizado", ("c.actualizado",)),
        Entity.FOLLOWUPS: Query("SELECT s.*, c.numero_documento AS documento "
                                 "FROM seguimientos s LEFT JOIN contactos c ON c.id = s.contacto_id",
                                 "s", "seguimientos", "actualizado", ("c.actualizado",)),
    }
    CREATES: ClassVar[Mapping[Entity, tuple[tuple[str, ...], Mapping[str, Any]]]] = {
        Entity.FOLLOWUPS: (("customer_doc", "kind", "due_on"), {"status": "open"}),
        Entity.CUSTOMERS: (("doc_number",), {"is_customer": True, "habeas_data_consent": False,
                                             "claim_in_progress": False}),
    }
    DOC_COLUMN: ClassVar[str | None] = "numero_documento"
    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {
        Entity.CUSTOMERS: {
            "doc_type": column("tipo_documento"),
            "doc_number": _crm_doc_number,
            "check_digit": _crm_check_digit,
            "first_names": column("nombres"),
            "last_names": column("apellidos"),
            "company_name": column("empresa"),
            "phone": column("celular", phone),
            "email": column("correo", normalize_email),
            "city_code": _crm_city_code,
            "city_name": _crm_city_name,
            "address": column("direccion"),
            "habeas_data_consent": flag_column("autoriza_tratamiento"),
            "consent_date": date_column("fecha_autorizacion", "consent_date"),
            "consent_channel": column("canal_autorizacion"),
            "claim_in_progress": flag_column("reclamo_en_tramite"),
            "is_customer": column("etapa", lambda v: "cliente" if v else "lead"),
            "updated_at": column("actualizado", stamp_value),
        },
        Entity.PAYMENTS: {
            "receipt_number": column("recibo"),
            "invoice_number": column("factura"),
            "customer_doc": column("documento_cliente", normalize_doc_number),
            "amount": money_column("valor", "amount", required=True),
            "paid_on": date_column("fecha", "paid_on", required=True),
            "method": column("medio"),
            "deal_id": column("negocio_id"),
            "branch": column("sede"),
            "updated_at": column("actualizado", stamp_value),
        },
        Entity.VEHICLES: {
            "vin": column("vin", normalize_vin),
            "make": column("marca"),
            "model": column("linea"),
            "model_year": year_column("modelo"),
            "color": column("color"),
            "status": coded_column("estado", "status", CRM_VEHICLE_STATUS),
            "branch": column("sede"),
            "price": money_column("precio", "price"),
            "customer_doc": column("documento_cliente", normalize_doc_number),
            "deal_id": column("negocio_id"),
            "updated_at": column("actualizado", stamp_value),
        },
        Entity.DEALS: {
            "customer_doc": _contact_for,
            "stage": coded_column("etapa", "stage", CRM_DEAL_STAGE),
            "vin": column("vin", normalize_vin),
            "amount": money_column("valor", "amount"),
            "lead_source": column("origen"),
            "salesperson": column("asesor"),
            "closed_on": date_column("fecha_cierre", "closed_on"),
            "branch": column("sede"),
            "updated_at": column("actualizado", stamp_value),
            "created_on": date_column("creado", "created_on"),
        },
        Entity.FOLLOWUPS: {
            "customer_doc": _followup_contact,
            "vin": column("vin", normalize_vin),
            "kind": coded_column("tipo", "kind", CRM_FOLLOWUP_KIND),
            "due_on": date_column("fecha", "due_on", required=True),
            "status": coded_column("estado", "status", CRM_FOLLOWUP_STATUS),
            "note": column("nota"),
            "updated_at": column("actualizado", stamp_value),
        },
    }

    def _readers(self) -> Mapping[Entity, RowReader]:
        return {Entity.CUSTOMERS: self._customers, Entity.PAYMENTS: self._payments,
                Entity.VEHICLES: self._vehicles, Entity.DEALS: self._deals,
                Entity.FOLLOWUPS: self._followups}

    def _customers(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.CUSTOMERS
        for r in rows:
            sid = r["id"]
            doc_type = clean_text(r["tipo_documento"])
            number, dv = (
                split_nit(r["numero_documento"]) if doc_type == "NIT"
                else (normalize_doc_number(r["numero_documento"]), None)
            )
            yield {
                "source_id": sid, "doc_type": doc_type, "doc_number": number,
                "check_digit": dv, "first_names": clean_text(r["nombres"]),
                "last_names": clean_text(r["apellidos"]), "company_name": clean_text(r["empresa"]),
                "phone": phone(r["celular"]), "email": normalize_email(r["correo"]),
                "city_code": divipola.city_code(r["ciudad"]), "city_name": clean_text(r["ciudad"]),
                "address": clean_text(r["direccion"]),
                "habeas_data_consent": bool(r["autoriza_tratamiento"]),
                "consent_date": self._cell(e, sid, "fecha_autorizacion", r["fecha_autorizacion"], day),
                "consent_channel": clean_text(r["canal_autorizacion"]),
                "claim_in_progress": bool(r["reclamo_en_tramite"]),
                "is_customer": r["etapa"] == "cliente",
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], timestamp),
            }

    def _payments(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.PAYMENTS
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "receipt_number": clean_text(r["recibo"]),
                "invoice_number": clean_text(r["factura"]), "cufe": None,
                "customer_doc": normalize_doc_number(r["documento_cliente"]),
                "amount": self._cell(e, sid, "valor", r["valor"], money), "currency": "COP",
                "paid_on": self._cell(e, sid, "fecha", r["fecha"], day),
                "method": clean_text(r["medio"]), "status": None,  # the CRM keeps no payment status
                "deal_id": clean_text(r["negocio_id"]), "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], timestamp),
            }

    def _vehicles(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.VEHICLES
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]), "make": clean_text(r["marca"]),
                "model": clean_text(r["linea"]),
                "model_year": None if r["modelo"] is None else str(r["modelo"]),
                "color": clean_text(r["color"]),
                "status": _CRM_STATUS.get(clean_text(r["estado"]) or "", clean_text(r["estado"])),
                "branch": clean_text(r["sede"]),
                "price": self._cell(e, sid, "precio", r["precio"], money),
                "customer_doc": normalize_doc_number(r["documento_cliente"]),
                "deal_id": clean_text(r["negocio_id"]), "delivered_on": None,
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], timestamp),
            }

    def _deals(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.DEALS
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "customer_doc": normalize_doc_number(r["documento"]),
                "stage": _CRM_STAGE.get(r["etapa"], r["etapa"]), "vin": normalize_vin(r["vin"]),
                "amount": self._cell(e, sid, "valor", r["valor"], money),
                "lead_source": clean_text(r["origen"]),
                "salesperson": clean_text(r.get("asesor")),
                "closed_on": self._cell(e, sid, "fecha_cierre", r["fecha_cierre"], day),
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], timestamp),
                "created_on": self._cell(e, sid, "creado", r.get("creado"), day),
            }

    def _followups(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.FOLLOWUPS
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "customer_doc": normalize_doc_number(r["documento"]),
                "vin": normalize_vin(r["vin"]),
                "kind": _FOLLOWUP_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "due_on": self._cell(e, sid, "fecha", r["fecha"], day),
                "status": _FOLLOWUP_STATUS.get(r["estado"], clean_text(r["estado"])),
                "note": clean_text(r["nota"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], timestamp),
            }


