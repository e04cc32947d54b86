"""The emulated HubSpot portal's data: the demo CRM as HubSpot's CRM v3 objects hold it.

The demo CRM's tables become the objects a dealership on HubSpot keeps, every value a string
as HubSpot's API returns it (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3):

- ``contacts`` ← ``contactos``: HubSpot's own ``firstname``, ``lastname``, ``email``,
  ``mobilephone``, ``city``, ``address``, ``company``, ``lifecyclestage`` (``customer`` or
  ``lead``) and the legal basis ``hs_legal_basis`` («Freely given consent from contact» when the
  person authorised the processing, Ley 1581), plus the custom properties a Colombian
  dealership adds: ``tipo_documento``, ``numero_documento``, ``fecha_autorizacion`` (a date
  property: the day of the authorisation), ``canal_autorizacion``, ``reclamo_en_tramite``;
- ``deals`` ← ``negocios``: ``dealname``, ``dealstage`` (the default pipeline's internal
  stage ids), ``amount``, ``closedate``, ``createdate`` and custom ``vin``, ``sede``,
  ``origen``, ``asesor``, ``documento_cliente``;
- the custom objects ``vehiculos`` and ``pagos`` (``2-…`` object type ids, ``p<portal>_…``
  fully qualified names) ← ``vehiculos`` and ``pagos``, with the demo's columns as properties
  and a vehicle's ``estado`` as an enumeration's internal values (``available``, ``sold``…).

Every object carries ``hs_object_id``, ``createdate`` and ``hs_lastmodifieddate`` (UTC,
milliseconds, ``Z``). Ids are numeric strings. Writes change ``hs_lastmodifieddate``; a merge
keeps the primary's id, fills its empty properties from the merged contact, lists the merged
id in ``hs_merged_object_ids`` and hides the merged contact.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.demo.sandbox.tables import Row, Tables, parse_timestamp
from app.demo.systems import CRM_DEAL_STAGE, CRM_VEHICLE_STATUS

PORTAL_ID = 24681357
VEHICLES_TYPE = "2-3508482"
PAYMENTS_TYPE = "2-3508483"
#: The default pipeline's internal stage ids, per Cuadre's canonical stage.
DEAL_STAGES = {"lead": "appointmentscheduled", "test_drive": "qualifiedtobuy",
               "negotiation": "contractsent", "sold": "closedwon", "lost": "closedlost"}
CONSENT = "Freely given consent from contact"
_STAGE_OF = {v: DEAL_STAGES[k] for k, v in CRM_DEAL_STAGE.items()}
_STATUS_OF = {v: k for k, v in CRM_VEHICLE_STATUS.items()}
_OFFSET = {"contacts": 10_000_000, "deals": 20_000_000, VEHICLES_TYPE: 30_000_000,
           PAYMENTS_TYPE: 40_000_000}

#: Properties HubSpot computes: a write to one is refused (``READ_ONLY_VALUE``).
READ_ONLY = frozenset({"hs_object_id", "createdate", "hs_lastmodifieddate",
                       "hs_merged_object_ids", "lastmodifieddate"})
_COMMON = ("hs_object_id", "createdate", "hs_lastmodifieddate")
PROPERTIES: dict[str, tuple[str, ...]] = {
    "contacts": (
        *_COMMON, "firstname", "lastname", "email", "mobilephone", "phone", "city", "address",
        "company", "lifecyclestage", "hs_legal_basis", "hs_merged_object_ids", "lastmodifieddate",
        "tipo_documento", "numero_documento", "fecha_autorizacion", "canal_autorizacion",
        "reclamo_en_tramite"),
    "deals": (*_COMMON, "dealname", "dealstage", "pipeline", "amount", "closedate", "vin", "sede",
              "origen", "asesor", "documento_cliente"),
    VEHICLES_TYPE: (*_COMMON, "vin", "marca", "linea", "modelo", "color", "estado", "sede",
                    "documento_cliente", "negocio_id", "precio"),
    PAYMENTS_TYPE: (*_COMMON, "documento_cliente", "recibo", "factura", "valor", "fecha",
                    "medio", "sede", "negocio_id"),
}
CUSTOM = {VEHICLES_TYPE: "vehiculos", PAYMENTS_TYPE: "pagos"}


def hs_moment(moment: datetime) -> str:
    """A datetime as HubSpot writes one: UTC, milliseconds, ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.astimezone(UTC).microsecond // 1000:03d}Z"


def _stamp(text: Any) -> str | None:
    return hs_moment(parse_timestamp(str(text))) if text else None


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def object_id(kind: str, position: int) -> str:
    """The id of the ``position``-th record (from 1, in the demo's id order)."""
    return str(_OFFSET[kind] + position)


def _contact(r: Row) -> dict[str, str | None]:
    return {
        "firstname": r["nombres"], "lastname": r["apellidos"], "email": r["correo"],
        "mobilephone": r["celular"], "phone": None, "city": r["ciudad"],
        "address": r["direccion"], "company": r["empresa"],
        "lifecyclestage": "customer" if r["etapa"] == "cliente" else "lead",
        "hs_legal_basis": CONSENT if r["autoriza_tratamiento"] else None,
        "tipo_documento": r["tipo_documento"], "numero_documento": r["numero_documento"],
        "fecha_autorizacion": r["fecha_autorizacion"],
        "canal_autorizacion": r["canal_autorizacion"],
        "reclamo_en_tramite": "true" if r["reclamo_en_tramite"] else "false",
        "hs_merged_object_ids": None,
        "hs_lastmodifieddate": _stamp(r["actualizado"]), "createdate": _stamp(r["actualizado"]),
    }


def _deal(r: Row, t: Tables) -> dict[str, str | None]:
    contact = t["contactos"].get(str(r["contacto_id"]))
    return {
        "dealname": f"{r['id']} {r.get('vin') or ''}".strip(), "pipeline": "default",
        "dealstage": _STAGE_OF.get(r["etapa"], r["etapa"]), "amount": _s(r["valor"]),
        "closedate": f"{r['fecha_cierre']}T00:00:00.000Z" if r["fecha_cierre"] else None,
        "vin": r["vin"], "sede": r["sede"], "origen": r["origen"], "asesor": r.get("asesor"),
        "documento_cliente": contact["numero_documento"] if contact else None,
        "hs_lastmodifieddate": _stamp(r["actualizado"]),
        "createdate": f"{r['creado']}T00:00:00.000Z" if r.get("creado") else
        _stamp(r["actualizado"]),
    }


def _vehicle(r: Row) -> dict[str, str | None]:
    return {
        "vin": r["vin"], "marca": r["marca"], "linea": r["linea"], "modelo": _s(r["modelo"]),
        "color": r["color"], "estado": _STATUS_OF.get(r["estado"] or "", r["estado"]),
        "sede": r["sede"], "documento_cliente": r["documento_cliente"],
        "negocio_id": r["negocio_id"], "precio": _s(r["precio"]),
        "hs_lastmodifieddate": _stamp(r["actualizado"]), "createdate": _stamp(r["actualizado"]),
    }


def _payment(r: Row) -> dict[str, str | None]:
    return {
        "documento_cliente": r["documento_cliente"], "recibo": r["recibo"],
        "factura": r["factura"], "valor": _s(r["valor"]), "fecha": r["fecha"],
        "medio": r["medio"], "sede": r["sede"], "negocio_id": r["negocio_id"],
        "hs_lastmodifieddate": _stamp(r["actualizado"]), "createdate": _stamp(r["actualizado"]),
    }


@dataclass
class HsObject:
    id: str
    properties: dict[str, str | None]
    merged_into: str | None = None
    #: Each property's past values, newest first, as ``propertiesWithHistory`` lists them.
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def record(self, name: str, value: str | None, when: str, source: str) -> None:
        self.history.setdefault(name, []).insert(0, {
            "value": value or "", "timestamp": when, "sourceType": source, "sourceId": None})

    def past(self, names: list[str]) -> dict[str, list[dict[str, Any]]]:
        return {n: list(self.history.get(n, [])) for n in names if n in self.properties}

    def view(self, names: list[str] | None) -> dict[str, Any]:
        shown = names or ["createdate", "hs_lastmodifieddate", "hs_object_id"]
        props = {n: self.properties.get(n) for n in shown if n in self.properties}
        props["hs_object_id"] = self.id
        created = self.properties.get("createdate")
        return {"id": self.id, "properties": props, "createdAt": created,
                "updatedAt": self.properties.get("hs_lastmodifieddate"), "archived": False}


class HubSpotError(Exception):
    """A refusal in HubSpot's error shape: status, message, category (and context)."""

    def __init__(self, status: int, message: str, category: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.category, self.extra = status, message, category, extra


@dataclass
class Portal:
    """The portal's objects, read and written under one lock."""

    objects: dict[str, dict[str, HsObject]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_demo(cls, tables: Tables) -> Portal:
        portal = cls()
        built: dict[str, dict[str, HsObject]] = {k: {} for k in PROPERTIES}
        for kind, table, make in (("contacts", "contactos", _contact),
                                  (VEHICLES_TYPE, "vehiculos", _vehicle),
                                  (PAYMENTS_TYPE, "pagos", _payment)):
            for n, row in enumerate(tables.get(table, {}).values(), 1):
                oid = object_id(kind, n)
                built[kind][oid] = HsObject(oid, {**make(row), "hs_object_id": oid})
                if kind == "contacts" and row["autoriza_tratamiento"]:
                    # Typed in when the person signed, else when the contact was imported.
                    when = f"{row['fecha_autorizacion']}T17:00:00.000Z" \
                        if row["fecha_autorizacion"] else built[kind][oid].properties["createdate"]
                    built[kind][oid].record("hs_legal_basis", CONSENT, str(when), "CRM_UI")
        for n, row in enumerate(tables.get("negocios", {}).values(), 1):
            oid = object_id("deals", n)
            built["deals"][oid] = HsObject(oid, {**_deal(row, tables), "hs_object_id": oid})
        portal.objects = built
        return portal

    def kind(self, object_type: str) -> str:
        """The object type a path names (``contacts``, ``0-1``, ``2-…``, ``p<portal>_name``)."""
        aliases = {"0-1": "contacts", "contact": "contacts", "0-3": "deals", "deal": "deals"}
        for type_id, name in CUSTOM.items():
            aliases[name] = type_id
            aliases[f"p{PORTAL_ID}_{name}"] = type_id
        kind = aliases.get(object_type, object_type)
        if kind not in self.objects:
            raise HubSpotError(400, f"Unable to infer object type from: {object_type}",
                               "VALIDATION_ERROR")
        return kind

    def get(self, kind: str, oid: str) -> HsObject | None:
        """The live record (a merged contact's id answers with the contact it went into)."""
        seen = self.objects[kind].get(oid)
        while seen is not None and seen.merged_into is not None:
            seen = self.objects[kind].get(seen.merged_into)
        return seen

    def listed(self, kind: str) -> list[HsObject]:
        return sorted((o for o in self.objects[kind].values() if o.merged_into is None),
                      key=lambda o: int(o.id))

    def check_properties(self, kind: str, values: Mapping[str, Any]) -> None:
        known = PROPERTIES[kind]
        for name, value in values.items():
            if name not in known:
                raise HubSpotError(
                    400, f'Property values were not valid: [{{"isValid":false,"message":'
                    f'"Property \\"{name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST",'
                    f'"name":"{name}"}}]', "VALIDATION_ERROR")
            if name in READ_ONLY:
                raise HubSpotError(
                    400, f'Property values were not valid: [{{"isValid":false,"message":'
                    f'"\\"{name}\\" is a read only property; its value cannot be set.",'
                    f'"error":"READ_ONLY_VALUE","name":"{name}"}}]', "VALIDATION_ERROR")
            if value is not None and not isinstance(value, str | int | float | bool):
                raise HubSpotError(400, f"Invalid input JSON: the value of {name} must be a "
                                   "string", "VALIDATION_ERROR")

    def update(self, kind: str, oid: str, values: Mapping[str, Any]) -> HsObject | None:
        record = self.get(kind, oid)
        if record is None:
            return None
        now = hs_moment(datetime.now(UTC))
        for name, value in values.items():
            text = None if value in (None, "") else \
                ("true" if value is True else "false" if value is False else str(value))
            record.properties[name] = text
            record.record(name, text, now, "INTEGRATION")
        record.properties["hs_lastmodifieddate"] = now
        return record

    def merge(self, primary: str, other: str) -> HsObject:
        first, second = self.get("contacts", primary), self.get("contacts", other)
        if first is None or second is None:
            raise HubSpotError(404, "Object not found.  objectId are usually numeric.",
                               "OBJECT_NOT_FOUND")
        if first.id == second.id:
            raise HubSpotError(400, f"Cannot merge object {primary} with itself",
                               "VALIDATION_ERROR")
        for name, value in second.properties.items():
            if name not in READ_ONLY and first.properties.get(name) in (None, "") \
                    and value not in (None, ""):
                first.properties[name] = value
        ids = [i for i in (first.properties.get("hs_merged_object_ids") or "").split(";") if i]
        first.properties["hs_merged_object_ids"] = ";".join([*ids, second.id])
        first.properties["hs_lastmodifieddate"] = hs_moment(datetime.now(UTC))
        second.merged_into = first.id
        return first
