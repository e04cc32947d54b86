"""The demo ERP: its parties, receipts, stock, invoices, workshop orders and contracts.

The ERP keeps DIAN document-type codes, the NIT and its DV apart, DIVIPOLA codes (no city
names), integer ids, invoices by prefix and number, and points at a party (``tercero``) and a
branch (``sede``) by id. Its invoices, workshop orders and contracts are read for the dealer
insights only: nothing there is corrected from Cuadre.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from app.connectors import creations
from app.connectors.base import Correction, Outcome, OutcomeStatus
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
from app.demo.connector.orders import archive_party, cancel_order, place_order
from app.demo.connector.reading import Query, Row, RowReader, day, kilometres, money, phone, timestamp
from app.demo.connector.writing import WritableSource, _now_stamp
from app.demo.systems import (
    ERP_CONTRACT_KIND,
    ERP_INVOICE_STATUS,
    ERP_SERVICE_KIND,
    ERP_VEHICLE_STATUS,
)
from app.domain import divipola
from app.domain.schema import Entity, System
from app.domain.values import (
    CANONICAL_TO_DIAN,
    DIAN_DOC_TYPES,
    clean_text,
    normalize_doc_number,
    normalize_email,
    normalize_vin,
)

_ERP_STATUS = {v: k for k, v in ERP_VEHICLE_STATUS.items()}
_INVOICE_STATUS = {v: k for k, v in ERP_INVOICE_STATUS.items()}
_SERVICE_KIND = {v: k for k, v in ERP_SERVICE_KIND.items()}
_CONTRACT_KIND = {v: k for k, v in ERP_CONTRACT_KIND.items()}


def _erp_doc_type(_ctx: FieldContext, value: Any) -> dict[str, Any]:
    text_ = clean_text(value)
    if text_ is None:
        return {"tipo_doc": None}
    if text_ not in CANONICAL_TO_DIAN:
        raise refuse_value("doc_type", value)
    return {"tipo_doc": CANONICAL_TO_DIAN[text_]}


def _erp_city_code(_ctx: FieldContext, value: Any) -> dict[str, Any]:
    code = clean_text(value)
    if code is not None and divipola.city_name(code) is None:
        raise refuse_value("city_code", value)
    return {"cod_municipio": code}


def _erp_city_name(_ctx: FieldContext, value: Any) -> dict[str, Any]:
    """The ERP keeps only the DIVIPOLA code: the name must name one municipality."""
    if clean_text(value) is None:
        return {"cod_municipio": None}
    code = divipola.city_code(value)
    if code is None:
        raise Refused("unsupported_value",
                       f"El ERP guarda la ciudad por su código DIVIPOLA y «{value}» no "
                       "corresponde a un solo municipio.")
    return {"cod_municipio": code}


def _tercero_for(ctx: FieldContext, doc: Any) -> dict[str, Any]:
    """The ERP points at a tercero by id: the one with the document."""
    if normalize_doc_number(doc) is None:
        return {"tercero_id": None}
    return {"tercero_id": holder(ctx, doc, "terceros", "nit", "tercero_id",
                                  "El ERP no tiene un tercero con ese documento: créelo "
                                  "primero.")}


def _sede_for(ctx: FieldContext, value: Any) -> dict[str, Any]:
    name = clean_text(value)
    if name is None:
        return {"sede_id": None}
    row = ctx.conn.execute("SELECT id FROM sedes WHERE nombre = :n", {"n": name}).fetchone()
    if row is None:
        raise Refused("unknown_branch", f"El ERP no tiene la sede «{name}».")
    return {"sede_id": int(row[0])}


class DemoErp(WritableSource):
    system = System.ERP
    QUERIES: ClassVar[Mapping[Entity, Query]] = {
        Entity.CUSTOMERS: Query("SELECT t.* FROM terceros t", "t", "terceros", "modificado"),
        Entity.PAYMENTS: Query(
            "SELECT r.*, f.prefijo, f.numero AS factura_numero, f.cufe, t.nit, "
            "s.nombre AS sede FROM recibos r LEFT JOIN facturas f ON f.id = r.factura_id "
            "LEFT JOIN terceros t ON t.id = r.tercero_id "
            "LEFT JOIN sedes s ON s.id = f.sede_id", "r", "recibos", "modificado",
            ("f.modificado", "t.modificado")),
        Entity.VEHICLES: Query(
            "SELECT i.*, s.nombre AS sede, t.nit FROM inventario i "
            "LEFT JOIN sedes s ON s.id = i.sede_id "
            "LEFT JOIN terceros t ON t.id = i.tercero_id", "i", "inventario", "modificado",
            ("t.modificado",)),
        Entity.INVOICES: Query(
            "SELECT f.*, s.nombre AS sede, t.nit FROM facturas f "
            "LEFT JOIN sedes s ON s.id = f.sede_id "
            "LEFT JOIN terceros t ON t.id = f.tercero_id", "f", "facturas", "modificado",
            ("t.modificado",)),
        Entity.SERVICES: Query(
            "SELECT o.*, s.nombre AS sede, t.nit FROM ordenes_taller o "
            "LEFT JOIN sedes s ON s.id = o.sede_id "
            "LEFT JOIN terceros t ON t.id = o.tercero_id", "o", "ordenes_taller", "modificado",
            ("t.modificado",)),
        Entity.CONTRACTS: Query(
            "SELECT k.*, t.nit FROM contratos k LEFT JOIN terceros t ON t.id = k.tercero_id",
            "k", "contratos", "modificado", ("t.modificado",)),
    }
    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {
        Entity.CUSTOMERS: {
            "doc_type": _erp_doc_type,
            "doc_number": column("nit", normalize_doc_number),
            "check_digit": column("dv"),
            "first_names": column("nombres"),
            "last_names": column("apellidos"),
            "company_name": column("razon_social"),
            "phone": column("telefono", phone),
            "email": column("email", normalize_email),
            "city_code": _erp_city_code,
            "city_name": _erp_city_name,
            "address": column("direccion"),
            "habeas_data_consent": flag_column("autoriza_datos"),
            "consent_date": date_column("fecha_autorizacion", "consent_date"),
            "consent_channel": column("canal_autorizacion"),
            "claim_in_progress": flag_column("reclamo"),
            "updated_at": column("modificado", stamp_value),
        },
        Entity.PAYMENTS: {
            "receipt_number": column("numero"),
            "customer_doc": _tercero_for,
            "amount": money_column("valor", "amount", required=True),
            "paid_on": date_column("fecha", "paid_on", required=True),
            "method": column("medio"),
            "updated_at": column("modificado", stamp_value),
        },
        Entity.VEHICLES: {
            "vin": column("vin", normalize_vin),
            "make": column("marca"),
            "model": column("linea"),
            "model_year": year_column("anio"),
            "color": column("color"),
            "status": coded_column("estado", "status", ERP_VEHICLE_STATUS),
            "branch": _sede_for,
            "price": money_column("precio", "price"),
            "customer_doc": _tercero_for,
            "delivered_on": date_column("fecha_entrega", "delivered_on"),
            "updated_at": column("modificado", stamp_value),
        },
    }

    CREATES: ClassVar[Mapping[Entity, tuple[tuple[str, ...], Mapping[str, Any]]]] = {
        Entity.CUSTOMERS: (("doc_type", "doc_number", "phone", "city_code"),
                           {"habeas_data_consent": False, "claim_in_progress": False}),
    }
    DOC_COLUMN: ClassVar[str | None] = "nit"
    ASSIGNS_IDS: ClassVar[bool] = True

    def _id(self, source_id: str) -> Any:
        text_ = str(source_id).strip()
        return int(text_) if text_.isdigit() else text_

    def _apply(self, conn: sqlite3.Connection, entity: Entity, c: Correction) -> Outcome:
        """A correction as every demo system applies it; a reservation also registers the
        order (and the preparation) that holds the unit, its undo cancels them, and the undo
        of a customer's creation archives the party (:mod:`app.demo.connector.orders`)."""
        if entity is Entity.CUSTOMERS and dict(c.changes) == {"is_customer": False}:
            return self._archive(conn, c)
        reserving, releasing = creations.reserves(c), creations.releases(c)
        outcome = super()._apply(conn, entity, c)
        if outcome.status is not OutcomeStatus.APPLIED or outcome.reason == "already_applied":
            return outcome
        stamp = _now_stamp()
        if reserving:
            return replace(outcome, detail=place_order(conn, c.source_id, reserving,
                                                              stamp))
        if releasing:
            return replace(outcome, detail=cancel_order(conn, c.source_id, releasing,
                                                               stamp))
        return outcome

    def _archive(self, conn: sqlite3.Connection, c: Correction) -> Outcome:
        sid = self._real_id(conn, Entity.CUSTOMERS, c.source_id)
        current = self._read(conn, Entity.CUSTOMERS, sid)
        if current is None:
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           "El ERP ya no lista a este tercero.",
                           {"source_id": c.source_id, "is_customer": False})
        archive_party(conn, sid, _now_stamp())
        return Outcome(OutcomeStatus.APPLIED, "", "Tercero archivado en el ERP.",
                       {**current, "is_customer": False})

    def _readers(self) -> Mapping[Entity, RowReader]:
        return {Entity.CUSTOMERS: self._customers, Entity.PAYMENTS: self._payments,
                Entity.VEHICLES: self._vehicles, Entity.INVOICES: self._invoices,
                Entity.SERVICES: self._services, Entity.CONTRACTS: self._contracts}

    def _customers(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.CUSTOMERS
        for r in rows:
            sid = str(r["id"])
            code = clean_text(r["cod_municipio"])
            yield {
                "source_id": sid, "doc_type": DIAN_DOC_TYPES.get(r["tipo_doc"] or "", r["tipo_doc"]),
                "doc_number": normalize_doc_number(r["nit"]), "check_digit": clean_text(r["dv"]),
                "first_names": clean_text(r["nombres"]), "last_names": clean_text(r["apellidos"]),
                "company_name": clean_text(r["razon_social"]), "phone": phone(r["telefono"]),
                "email": normalize_email(r["email"]), "city_code": code,
                "city_name": divipola.city_name(code), "address": clean_text(r["direccion"]),
                "habeas_data_consent": bool(r["autoriza_datos"]),
                "consent_date": self._cell(e, sid, "fecha_autorizacion", r["fecha_autorizacion"], day),
                "consent_channel": clean_text(r["canal_autorizacion"]),
                "claim_in_progress": bool(r["reclamo"]), "is_customer": True,
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], timestamp),
            }

    def _payments(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.PAYMENTS
        for r in rows:
            sid = str(r["id"])
            invoice = f"{r['prefijo']}-{r['factura_numero']}" if r["prefijo"] else None
            yield {
                "source_id": sid, "receipt_number": clean_text(r["numero"]),
                "invoice_number": invoice, "cufe": clean_text(r["cufe"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "amount": self._cell(e, sid, "valor", r["valor"], money), "currency": "COP",
                "paid_on": self._cell(e, sid, "fecha", r["fecha"], day),
                "method": clean_text(r["medio"]), "status": "posted", "deal_id": None,
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], timestamp),
            }

    def _vehicles(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.VEHICLES
        for r in rows:
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]), "make": clean_text(r["marca"]),
                "model": clean_text(r["linea"]),
                "model_year": None if r["anio"] is None else str(r["anio"]),
                "color": clean_text(r["color"]),
                "status": _ERP_STATUS.get(clean_text(r["estado"]) or "", clean_text(r["estado"])),
                "branch": clean_text(r["sede"]),
                "price": self._cell(e, sid, "precio", r["precio"], money),
                "customer_doc": normalize_doc_number(r["nit"]), "deal_id": None,
                "delivered_on": self._cell(e, sid, "fecha_entrega", r["fecha_entrega"], day),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], timestamp),
                "received_on": self._cell(e, sid, "fecha_ingreso", r.get("fecha_ingreso"), day),
            }

    def _invoices(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.INVOICES
        for r in rows:
            sid = str(r["id"])
            status = clean_text(r["estado"])
            yield {
                "source_id": sid, "invoice_number": f"{r['prefijo']}-{r['numero']}",
                "cufe": clean_text(r["cufe"]), "customer_doc": normalize_doc_number(r["nit"]),
                "vin": normalize_vin(r.get("vin")), "branch": clean_text(r["sede"]),
                "issued_on": self._cell(e, sid, "fecha", r["fecha"], day),
                "total": self._cell(e, sid, "total", r["total"], money),
                "status": _INVOICE_STATUS.get(status or "", status),
                "updated_at": self._cell(e, sid, "modificado", r.get("modificado"), timestamp),
            }

    def _services(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.SERVICES
        for r in rows:
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "kind": _SERVICE_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "visited_on": self._cell(e, sid, "fecha", r["fecha"], day),
                "odometer_km": self._cell(e, sid, "kilometraje", r["kilometraje"], kilometres),
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], timestamp),
            }

    def _contracts(self, rows: Iterable[Row]) -> Iterator[Row]:
        e = Entity.CONTRACTS
        for r in rows:
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "kind": _CONTRACT_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "provider": clean_text(r["entidad"]),
                "starts_on": self._cell(e, sid, "inicio", r["inicio"], day),
                "ends_on": self._cell(e, sid, "fin", r["fin"], day),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], timestamp),
            }
