"""The sandbox's data: the demo CRM and ERP tables held in memory, shown as each system's API would.

Each system keeps its own tables (``app/demo/systems.py``), loaded once from the demo SQLite
files and then changed only in memory, so a test can write freely and the next sandbox starts
clean. An API *view* turns a table row into the record the REST API returns, with the system's
own Spanish field names: the ERP flattens its joins as a real ERP's API would (a receipt carries
its invoice's prefix, number and CUFE and the customer's NIT; a vehicle its branch's name).

Field names are chosen so Cuadre's header synonyms (``app/connectors/files/headers.py``) read
them without a mapping: that is how a REST source reconciles exactly like the demo connector.
Besides what is reconciled, the ERP serves what the insights read — ``invoices`` (sale
invoices with their VIN), ``services`` (workshop orders) and ``contracts`` (SOAT, insurance,
financing) — and the CRM its ``followups``, when the demo files have those tables (older demo
files lack them: those paths then answer 404, as an API without them would).

Writes (``patch``) go to the view's own table only; joined fields are read-only except a
vehicle's branch, which is moved by name or code, and a follow-up's customer, which is the CRM
contact holding that document. The CRM's follow-ups are also *created* (``create``: «Crear
seguimientos» sends each with the id Cuadre chose; a customer the CRM does not have is a 422).
Every record has a version counter (its ETag) and every write stamps its modified timestamp
with a clock that never runs behind the data.

A merge (``merge``) happens all at once under the store's lock: every involved record must
still hold the values the client sent as its snapshot (else 409 with what they hold now); the
merged records are kept but hidden (``fusionado_en`` names the survivor: 404 on read, absent
from listings), the survivor takes the changes, the children are re-pointed — by their own
document column, or by their link to the customer record where the document is a join. An undo
brings it all back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.demo.systems import CRM_FOLLOWUP_KIND, CRM_FOLLOWUP_STATUS
from app.domain.values import normalize_doc_number

BOGOTA = ZoneInfo("America/Bogota")

Row = dict[str, Any]
Tables = dict[str, dict[str, Row]]

CRM_TABLES = ("contactos", "negocios", "pagos", "vehiculos")
ERP_TABLES = ("sedes", "terceros", "facturas", "recibos", "inventario")
#: Tables only newer demo files have (what the insights read): loaded when present.
OPTIONAL_TABLES = {"crm": ("seguimientos",), "erp": ("ordenes_taller", "contratos")}


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
        "creado": r.get("creado"),
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
        if wanted is not None and not row.get(MERGED) \
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
    ("crm", "customers"): View("crm", "customers", "contactos", "actualizado", _crm_customer,
                               _CRM_CUSTOMER_WRITES),
    ("crm", "deals"): View("crm", "deals", "negocios", "actualizado", _crm_deal,
                           _same("etapa", "vin", "valor", "origen", "sede", "fecha_cierre")),
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
                               _ERP_CUSTOMER_WRITES),
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
#: The column of a merged (hidden) record naming the record it was merged into.
MERGED = "fusionado_en"
#: A child's customer document that is a join, not a column: (system, entity, API field) →
#: (the child's link column, the customer table it points into).
OWNER_LINKS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("crm", "deals", "documento_cliente"): ("contacto_id", "contactos"),
    ("erp", "payments", "nit_cliente"): ("tercero_id", "terceros"),
    ("erp", "vehicles", "nit_cliente"): ("tercero_id", "terceros"),
}


def entities_of(system: str) -> list[str]:
    return [entity for (s, entity) in VIEWS if s == system]


def _present(path: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``names`` the SQLite file has as tables."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return tuple(n for n in names if n in found)


def parse_timestamp(text: str) -> datetime:
    """An ISO-8601 timestamp; one without a zone is Bogotá time. ValueError when it is none."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "+") if "T" in text else text.strip())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BOGOTA)


_UPDATED_COLUMNS = ("actualizado", "modificado")
_loaded: dict[tuple[str, tuple[str, ...]], tuple[tuple[int, int], Tables, datetime | None]] = {}
_loaded_lock = threading.Lock()


def _read(path: Path, names: tuple[str, ...]) -> Tables:
    """Every row of ``names`` from a demo SQLite file, read-only, keyed by id as text."""
    tables: Tables = {}
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        for name in names:
            rows = conn.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
            tables[name] = {str(r["id"]): dict(r) for r in rows}
    return tables


def _load(path: Path, names: tuple[str, ...]) -> tuple[Tables, datetime | None]:
    """A private copy of the file's tables and their latest modified timestamp. The file is
    read once while it does not change: every sandbox a test suite starts copies it from memory."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    key = (str(path.resolve()), names)
    with _loaded_lock:
        cached = _loaded.get(key)
        if cached is None or cached[0] != version:
            tables = _read(path, names)
            stamps = [parse_timestamp(str(r[c])) for rows in tables.values() for r in rows.values()
                      for c in _UPDATED_COLUMNS if r.get(c)]
            cached = (version, tables, max(stamps, default=None))
            _loaded[key] = cached
    _, tables, latest = cached
    return {name: {k: dict(r) for k, r in rows.items()} for name, rows in tables.items()}, latest


class Store:
    """The two systems' tables in memory; every read and write holds one lock."""

    def __init__(self, crm: Path, erp: Path) -> None:
        (crm_tables, crm_latest), (erp_tables, erp_latest) = (
            _load(crm, CRM_TABLES + _present(crm, OPTIONAL_TABLES["crm"])),
            _load(erp, ERP_TABLES + _present(erp, OPTIONAL_TABLES["erp"])))
        self.tables: dict[str, Tables] = {"crm": crm_tables, "erp": erp_tables}
        self._versions: dict[tuple[str, str, str], int] = {}
        #: What each child re-pointed by a merge linked to before (an undo puts it back).
        self._merge_links: dict[tuple[str, str, str], Any] = {}
        self._lock = threading.RLock()
        latest = [t for t in (crm_latest, erp_latest) if t is not None]
        self._clock = max(latest, default=datetime.now(BOGOTA))

    # --- reading ------------------------------------------------------------------------------

    def view(self, system: str, entity: str) -> View:
        found = VIEWS.get((system, entity))
        if found is None or found.table not in self.tables.get(system, {}):
            raise StoreError(404, "not_found", f"{system} no tiene «{entity}».")
        return found

    def entities(self, system: str) -> list[str]:
        """The entities ``system`` serves (those whose table the demo files have)."""
        return [e for e in entities_of(system) if VIEWS[(system, e)].table in self.tables[system]]

    def records(self, system: str, entity: str, since: datetime | None = None) -> list[Row]:
        """Every record of the view in id order; only those modified at or after ``since``."""
        return self.page(system, entity, since)[0]

    def page(self, system: str, entity: str, since: datetime | None = None, offset: int = 0,
             limit: int | None = None) -> tuple[list[Row], int]:
        """(the records from ``offset``, at most ``limit`` of them, and how many there are)."""
        view = self.view(system, entity)
        with self._lock:
            tables = self.tables[system]
            rows = [row for row in tables[view.table].values() if not row.get(MERGED)
                    and (since is None or self._changed_since(row.get(view.updated), since))]
            chunk = rows[offset:] if limit is None else rows[offset:offset + limit]
            return [view.expose(row, tables) for row in chunk], len(rows)

    @staticmethod
    def _changed_since(stamp: Any, since: datetime) -> bool:
        if not stamp:
            return True  # a record without a timestamp cannot be shown to be old
        try:
            return parse_timestamp(str(stamp)) >= since
        except ValueError:
            return True

    def get(self, system: str, entity: str, key: str) -> tuple[Row, str]:
        """(record, ETag); StoreError 404 when there is none."""
        view = self.view(system, entity)
        with self._lock:
            tables = self.tables[system]
            row = tables[view.table].get(key)
            if row is None or row.get(MERGED):
                raise StoreError(404, "not_found", "No existe ese registro.")
            return view.expose(row, tables), self.etag(system, view.table, key)

    def etag(self, system: str, table: str, key: str) -> str:
        return f'"v{self._versions.get((system, table, key), 1)}"'

    # --- writing ------------------------------------------------------------------------------

    def patch(self, system: str, entity: str, key: str, changes: Mapping[str, Any],
              if_match: str | None) -> tuple[Row, str]:
        """Compare-and-set on the record's ETag, then write ``changes`` (API field names)."""
        view = self.view(system, entity)
        with self._lock:
            tables = self.tables[system]
            row = tables[view.table].get(key)
            if row is None or row.get(MERGED):
                raise StoreError(404, "not_found", "No existe ese registro.")
            if not if_match:
                raise StoreError(428, "precondition_required",
                                 "Envíe If-Match con el ETag leído del registro.")
            current = self.etag(system, view.table, key)
            if if_match.strip() != "*" and current not in _etags(if_match):
                raise StoreError(412, "etag_mismatch", "El registro cambió desde que se leyó.",
                                 etag=current)
            values = self._convert(view, tables, changes)
            row.update(values)
            row[view.updated] = self._stamp()
            version = self._versions.get((system, view.table, key), 1) + 1
            self._versions[(system, view.table, key)] = version
            return view.expose(row, tables), self.etag(system, view.table, key)

    def create(self, system: str, entity: str, fields: Mapping[str, Any]) -> tuple[Row, str, bool]:
        """Insert the record ``fields["id"]`` (the id the client chose) with ``fields`` (API
        names), checked and written at once under the lock: (record, ETag, created). Already
        there with those values → created False, nothing written (a client resending after a
        lost answer); with other values → 409 ``already_exists`` with what it holds. 400 for
        no id or an unknown, read-only or invalid field; 422 for a required field missing or
        a customer the CRM does not have; 405 when the API creates no such record."""
        view = self.view(system, entity)
        if not view.creates:
            raise StoreError(405, "method_not_allowed", f"{system} no crea «{entity}».")
        key = fields.get("id")
        if isinstance(key, bool) or not isinstance(key, str | int) or not str(key).strip():
            raise StoreError(400, "missing_id", "Envíe en «id» el identificador del registro nuevo.")
        key = str(key).strip()
        missing = [name for name in view.creates if fields.get(name) in (None, "")]
        if missing:
            raise StoreError(422, "missing_field", "Faltan datos para crear el registro: "
                             + ", ".join(missing) + ".", fields=missing)
        with self._lock:
            tables = self.tables[system]
            values = self._convert(view, tables, {k: v for k, v in fields.items() if k != "id"})
            table = tables[view.table]
            row = table.get(key)
            if row is not None:
                shown = None if row.get(MERGED) else view.expose(row, tables)
                if shown is None or any(row.get(c) != v for c, v in values.items()):
                    raise StoreError(409, "already_exists", "Ya existe un registro con ese "
                                     "identificador y otros valores: no se creó otro.",
                                     current=shown)
                return shown, self.etag(system, view.table, key), False
            blank = dict.fromkeys(next(iter(table.values()), {}))
            row = {**blank, **view.defaults, **values, "id": key, view.updated: self._stamp()}
            table[key] = row
            return view.expose(row, tables), self.etag(system, view.table, key), True

    def _convert(self, view: View, tables: Tables, changes: Mapping[str, Any]) -> Row:
        known = set(view.fields(tables)) | set(view.writable)
        unknown = sorted(str(f) for f in changes if f not in known)
        if unknown:
            raise StoreError(400, "unknown_field", "Campos que no existen: " + ", ".join(unknown),
                             fields=unknown)
        read_only = sorted(str(f) for f in changes if f not in view.writable)
        if read_only:
            raise StoreError(400, "read_only_field",
                             "Campos de solo lectura: " + ", ".join(read_only), fields=read_only)
        values: Row = {}
        for name, value in changes.items():
            spec = view.writable[name]
            if isinstance(value, dict | list):
                raise StoreError(400, "invalid_value", f"Valor no válido para {name}.", fields=[name])
            try:
                values[spec.column] = (spec.lookup(tables, value) if spec.lookup is not None
                                       else spec.convert(value))
            except ValueError:
                raise StoreError(400, "invalid_value", f"Valor no válido para {name}.",
                                 fields=[name]) from None
        return values

    def _stamp(self) -> str:
        """A modified timestamp later than every one in the data (the demo's run into the future)."""
        now = datetime.now(BOGOTA).replace(microsecond=0)
        self._clock = max(now, self._clock + timedelta(seconds=1)).astimezone(BOGOTA)
        return self._clock.isoformat(timespec="seconds")

    # --- merging ------------------------------------------------------------------------------

    def merge(self, system: str, entity: str, survivor: str, body: MergeBody) -> tuple[Row, str]:
        """Merge ``body.merged`` into ``survivor`` (or, with ``body.undo``, bring them back):
        all of it or nothing. 409 ``snapshot_mismatch`` with the records as they are when any
        record no longer holds its snapshot or a child its ``old`` value; 400 for a field that
        cannot be written. (survivor as the API shows it, its ETag)."""
        view = self.view(system, entity)
        with self._lock:
            tables = self.tables[system]
            table = tables[view.table]
            row = table.get(survivor)
            if row is None or row.get(MERGED):
                raise StoreError(404, "not_found", "No existe ese registro.")
            gone = [m for m in body.merged if m not in table or m == survivor]
            if gone:
                raise StoreError(404, "not_found", f"No existe el registro {gone[0]}.")
            wrong = [m for m in body.merged
                     if (table[m].get(MERGED) != survivor if body.undo else table[m].get(MERGED))]
            if wrong:
                raise StoreError(409, "already_merged" if not body.undo else "not_merged",
                                 f"El registro {wrong[0]} no está como la fusión espera.",
                                 current={m: table[m].get(MERGED) for m in wrong})
            self._check_snapshot(view, tables, body)
            writes = self._child_writes(system, tables, survivor, body)
            values = self._convert(view, tables, body.changes)
            # Everything checked: now write it all.
            row.update(values)
            self._touch(system, view, survivor, row)
            for m in body.merged:
                table[m][MERGED] = None if body.undo else survivor
                self._versions[(system, view.table, m)] = self._versions.get(
                    (system, view.table, m), 1) + 1
            for child_view, key, update, previous in writes:
                child = tables[child_view.table][key]
                child.update(update)
                self._touch(system, child_view, key, child)
                link = (system, child_view.table, key)
                if previous is None:
                    self._merge_links.pop(link, None)
                else:
                    self._merge_links.setdefault(link, previous)
            return view.expose(row, tables), self.etag(system, view.table, survivor)

    def _touch(self, system: str, view: View, key: str, row: Row) -> None:
        row[view.updated] = self._stamp()
        self._versions[(system, view.table, key)] = self._versions.get(
            (system, view.table, key), 1) + 1

    def _check_snapshot(self, view: View, tables: Tables, body: MergeBody) -> None:
        table = tables[view.table]
        differs: dict[str, Row | None] = {}
        for key, wanted in body.snapshot.items():
            row = table.get(str(key))
            current = view.expose(row, tables) if row is not None else None
            if current is None or any(not _same_value(current.get(f), v) for f, v in wanted.items()):
                differs[str(key)] = current
        if differs:
            raise StoreError(409, "snapshot_mismatch",
                             "Algún registro cambió desde que se leyó: no se fusionó nada.",
                             current=differs)

    def _child_writes(self, system: str, tables: Tables, survivor: str, body: MergeBody
                      ) -> list[tuple[View, str, Row, Any]]:
        """(view, id, column values, the link it held before — forward only) per child,
        after checking each still holds ``old``."""
        out: list[tuple[View, str, Row, Any]] = []
        for child in body.children:
            view = self.view(system, str(child["entity"]))
            key, field_name = str(child["id"]), str(child["field"])
            row = tables[view.table].get(key)
            current = view.expose(row, tables) if row is not None and not row.get(MERGED) else None
            if current is None or not _same_value(current.get(field_name), child.get("old")):
                raise StoreError(409, "snapshot_mismatch",
                                 "Un registro relacionado cambió: no se fusionó nada.",
                                 current={key: current})
            assert row is not None
            link = OWNER_LINKS.get((system, view.entity, field_name))
            if link is None:
                out.append((view, key, self._convert(view, tables, {field_name: child.get("new")}),
                            None))
                continue
            column, _ = link
            before = self._merge_links.get((system, view.table, key))
            owner = (before if body.undo and before is not None
                     else self._owner(tables, link, survivor, body, child.get("new")))
            out.append((view, key, {column: _same_type(row[column], owner)},
                        None if body.undo else row[column]))
        return out

    def _owner(self, tables: Tables, link: tuple[str, str], survivor: str, body: MergeBody,
               doc: Any) -> str:
        """The involved customer record a child now belongs to: the survivor on a merge; on
        an undo, the one whose document is the child's ``new`` one."""
        if not body.undo:
            return survivor
        _, table = link
        view = next(v for v in VIEWS.values() if v.table == table)
        for key in body.merged:
            shown = view.expose(tables[table][key], tables)
            if any(_same_value(v, doc) for k, v in shown.items() if k in ("numero_documento", "nit")):
                return key
        return survivor


@dataclass(frozen=True, slots=True)
class MergeBody:
    """A merge request as the API receives it (API field names, values as JSON carries them)."""

    merged: tuple[str, ...]
    changes: Mapping[str, Any]
    snapshot: Mapping[str, Mapping[str, Any]]  # record id → the values it must still hold
    children: tuple[Mapping[str, Any], ...]  # {entity, id, field, old, new}
    undo: bool

    @classmethod
    def parse(cls, body: Any) -> MergeBody:
        def bad(what: str) -> StoreError:
            return StoreError(400, "invalid_merge", f"Fusión mal formada: {what}.")

        if not isinstance(body, dict):
            raise bad("envíe un objeto JSON")
        merged = body.get("merged")
        if not isinstance(merged, list) or not merged or not all(isinstance(m, str) for m in merged):
            raise bad("«merged» debe ser una lista de ids")
        changes, snapshot = body.get("changes", {}), body.get("snapshot", {})
        if not isinstance(changes, dict) or not isinstance(snapshot, dict) or not all(
                isinstance(v, dict) for v in snapshot.values()):
            raise bad("«changes» y «snapshot» deben ser objetos")
        children = body.get("children", [])
        if not isinstance(children, list) or not all(
                isinstance(c, dict) and {"entity", "id", "field"} <= set(c) for c in children):
            raise bad("«children» debe ser una lista de {entity, id, field, old, new}")
        if not isinstance(body.get("undo", False), bool):
            raise bad("«undo» debe ser true o false")
        return cls(tuple(merged), changes, snapshot, tuple(children), bool(body.get("undo")))


def _same_value(current: Any, sent: Any) -> bool:
    """A stored value and the one a client sent back (numbers may come as text)."""
    if current == sent and isinstance(current, bool) == isinstance(sent, bool):
        return True
    if isinstance(current, int | float) and not isinstance(current, bool) \
            and isinstance(sent, int | float | str) and not isinstance(sent, bool):
        try:
            return Decimal(str(current)) == Decimal(str(sent))
        except ArithmeticError:
            return False
    return False


def _same_type(previous: Any, value: Any) -> Any:
    """A link column's new value in the type the column held (ids are keyed as text)."""
    if isinstance(previous, int) and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _etags(header: str) -> set[str]:
    """The entity tags listed in an If-Match header (weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
