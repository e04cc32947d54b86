"""Connectors for the demo CRM and demo ERP SQLite files (``app/demo/systems.py``).

They read each system's own tables, read-only, and map them to the canonical schema: document
numbers without dots or DV, DIVIPOLA codes for free-text cities, phones as 10 digits, amounts
as ``Decimal``, timestamps with their zone. A cell that cannot be read is reported as a
:class:`SourceIssue` and left empty; the row is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import create_engine, text

from app.connectors.base import SourceIssue
from app.demo.systems import CRM_DEAL_STAGE, CRM_VEHICLE_STATUS, ERP_VEHICLE_STATUS
from app.domain import divipola
from app.domain.schema import Entity, System, frame
from app.domain.values import (
    DIAN_DOC_TYPES,
    clean_text,
    normalize_doc_number,
    normalize_email,
    normalize_phone,
    normalize_vin,
    split_nit,
    to_decimal,
)

_CRM_STATUS = {v: k for k, v in CRM_VEHICLE_STATUS.items()}
_ERP_STATUS = {v: k for k, v in ERP_VEHICLE_STATUS.items()}
_CRM_STAGE = {v: k for k, v in CRM_DEAL_STAGE.items()}


class _SqliteSource:
    system: System

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._issues: list[SourceIssue] = []

    def describe(self) -> str:
        return f"demo {self.system.value.upper()} ({self.path.name})"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def _rows(self, sql: str) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            raise FileNotFoundError(self.path)
        # Read-only: pulling must never change the source.
        engine = create_engine(f"sqlite:///file:{self.path}?mode=ro&uri=true")
        try:
            with engine.connect() as conn:
                for row in conn.execute(text(sql)).mappings():
                    yield dict(row)
        finally:
            engine.dispose()

    def _cell(self, entity: Entity, sid: str, column: str, raw: Any,
              parse: Callable[[Any], Any]) -> Any:
        """Parse one cell; an unreadable one becomes an issue and an empty value."""
        try:
            return parse(raw)
        except (ValueError, TypeError):
            self._issues.append(
                SourceIssue(self.system, entity, sid, column, "unparseable", clean_text(raw))
            )
            return None

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        readers = {
            Entity.CUSTOMERS: self._customers,
            Entity.PAYMENTS: self._payments,
            Entity.VEHICLES: self._vehicles,
            Entity.DEALS: self._deals,
        }
        if entity not in readers:
            raise ValueError(f"{self.system} has no {entity}")
        self._issues = [i for i in self._issues if i.entity != entity]
        return frame(entity, list(readers[entity]()))

    def _customers(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _payments(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _vehicles(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _deals(self) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no deals")


def _timestamp(raw: Any) -> datetime | None:
    text_ = clean_text(raw)
    if text_ is None:
        return None
    moment = datetime.fromisoformat(text_)
    if moment.tzinfo is None:
        raise ValueError("timestamp without zone")
    return moment


def _date(raw: Any) -> date | None:
    text_ = clean_text(raw)
    return None if text_ is None else date.fromisoformat(text_[:10])


def _phone(raw: Any) -> str | None:
    """The 10-digit phone, or the text as typed when it is not a valid Colombian number."""
    return normalize_phone(raw) or clean_text(raw)


def _money(raw: Any) -> Decimal | None:
    return to_decimal(clean_text(raw))


class DemoCrm(_SqliteSource):
    system = System.CRM

    def _customers(self) -> Iterator[dict[str, Any]]:
        e = Entity.CUSTOMERS
        for r in self._rows("SELECT * FROM contactos ORDER BY id"):
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
                "phone": _phone(r["celular"]), "email": normalize_email(r["correo"]),
                "city_code": divipola.city_code(r["ciudad"]), "city_name": clean_text(r["ciudad"]),
                "address": clean_text(r["direccion"]),
                "habeas_data_consent": bool(r["autoriza_tratamiento"]),
                "consent_date": self._cell(e, sid, "fecha_autorizacion", r["fecha_autorizacion"], _date),
                "consent_channel": clean_text(r["canal_autorizacion"]),
                "claim_in_progress": bool(r["reclamo_en_tramite"]),
                "is_customer": r["etapa"] == "cliente",
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
            }

    def _payments(self) -> Iterator[dict[str, Any]]:
        e = Entity.PAYMENTS
        for r in self._rows("SELECT * FROM pagos ORDER BY id"):
            sid = r["id"]
            yield {
                "source_id": sid, "receipt_number": clean_text(r["recibo"]),
                "invoice_number": clean_text(r["factura"]), "cufe": None,
                "customer_doc": normalize_doc_number(r["documento_cliente"]),
                "amount": self._cell(e, sid, "valor", r["valor"], _money), "currency": "COP",
                "paid_on": self._cell(e, sid, "fecha", r["fecha"], _date),
                "method": clean_text(r["medio"]), "status": None,  # the CRM keeps no payment status
                "deal_id": clean_text(r["negocio_id"]), "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
            }

    def _vehicles(self) -> Iterator[dict[str, Any]]:
        e = Entity.VEHICLES
        for r in self._rows("SELECT * FROM vehiculos ORDER BY id"):
            sid = r["id"]
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]), "make": clean_text(r["marca"]),
                "model": clean_text(r["linea"]),
                "model_year": None if r["modelo"] is None else str(r["modelo"]),
                "color": clean_text(r["color"]),
                "status": _CRM_STATUS.get(clean_text(r["estado"]) or "", clean_text(r["estado"])),
                "branch": clean_text(r["sede"]),
                "price": self._cell(e, sid, "precio", r["precio"], _money),
                "customer_doc": normalize_doc_number(r["documento_cliente"]),
                "deal_id": clean_text(r["negocio_id"]), "delivered_on": None,
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
            }

    def _deals(self) -> Iterator[dict[str, Any]]:
        e = Entity.DEALS
        sql = (
            "SELECT n.*, c.numero_documento AS documento FROM negocios n "
            "LEFT JOIN contactos c ON c.id = n.contacto_id ORDER BY n.id"
        )
        for r in self._rows(sql):
            sid = r["id"]
            yield {
                "source_id": sid, "customer_doc": normalize_doc_number(r["documento"]),
                "stage": _CRM_STAGE.get(r["etapa"], r["etapa"]), "vin": normalize_vin(r["vin"]),
                "amount": self._cell(e, sid, "valor", r["valor"], _money),
                "lead_source": clean_text(r["origen"]),
                "closed_on": self._cell(e, sid, "fecha_cierre", r["fecha_cierre"], _date),
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
            }


class DemoErp(_SqliteSource):
    system = System.ERP

    def _customers(self) -> Iterator[dict[str, Any]]:
        e = Entity.CUSTOMERS
        for r in self._rows("SELECT * FROM terceros ORDER BY id"):
            sid = str(r["id"])
            code = clean_text(r["cod_municipio"])
            yield {
                "source_id": sid, "doc_type": DIAN_DOC_TYPES.get(r["tipo_doc"] or "", r["tipo_doc"]),
                "doc_number": normalize_doc_number(r["nit"]), "check_digit": clean_text(r["dv"]),
                "first_names": clean_text(r["nombres"]), "last_names": clean_text(r["apellidos"]),
                "company_name": clean_text(r["razon_social"]), "phone": _phone(r["telefono"]),
                "email": normalize_email(r["email"]), "city_code": code,
                "city_name": divipola.city_name(code), "address": clean_text(r["direccion"]),
                "habeas_data_consent": bool(r["autoriza_datos"]),
                "consent_date": self._cell(e, sid, "fecha_autorizacion", r["fecha_autorizacion"], _date),
                "consent_channel": clean_text(r["canal_autorizacion"]),
                "claim_in_progress": bool(r["reclamo"]), "is_customer": True,
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
            }

    def _payments(self) -> Iterator[dict[str, Any]]:
        e = Entity.PAYMENTS
        sql = (
            "SELECT r.*, f.prefijo, f.numero AS factura_numero, f.cufe, t.nit, s.nombre AS sede "
            "FROM recibos r LEFT JOIN facturas f ON f.id = r.factura_id "
            "LEFT JOIN terceros t ON t.id = r.tercero_id "
            "LEFT JOIN sedes s ON s.id = f.sede_id ORDER BY r.id"
        )
        for r in self._rows(sql):
            sid = str(r["id"])
            invoice = f"{r['prefijo']}-{r['factura_numero']}" if r["prefijo"] else None
            yield {
                "source_id": sid, "receipt_number": clean_text(r["numero"]),
                "invoice_number": invoice, "cufe": clean_text(r["cufe"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "amount": self._cell(e, sid, "valor", r["valor"], _money), "currency": "COP",
                "paid_on": self._cell(e, sid, "fecha", r["fecha"], _date),
                "method": clean_text(r["medio"]), "status": "posted", "deal_id": None,
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
            }

    def _vehicles(self) -> Iterator[dict[str, Any]]:
        e = Entity.VEHICLES
        sql = (
            "SELECT i.*, s.nombre AS sede, t.nit FROM inventario i "
            "LEFT JOIN sedes s ON s.id = i.sede_id "
            "LEFT JOIN terceros t ON t.id = i.tercero_id ORDER BY i.id"
        )
        for r in self._rows(sql):
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]), "make": clean_text(r["marca"]),
                "model": clean_text(r["linea"]),
                "model_year": None if r["anio"] is None else str(r["anio"]),
                "color": clean_text(r["color"]),
                "status": _ERP_STATUS.get(clean_text(r["estado"]) or "", clean_text(r["estado"])),
                "branch": clean_text(r["sede"]),
                "price": self._cell(e, sid, "precio", r["precio"], _money),
                "customer_doc": normalize_doc_number(r["nit"]), "deal_id": None,
                "delivered_on": self._cell(e, sid, "fecha_entrega", r["fecha_entrega"], _date),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
            }
