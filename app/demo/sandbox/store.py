"""The sandbox's live data: both systems' tables in memory, read and written under one lock.

Records are read and written through the views (``views``): writes (``patch``) are a
compare-and-set on the record's version counter (its ETag), with API field names, and stamp
the modified timestamp with a clock that never runs behind the data. The CRM's follow-ups are
also *created* (``create``: «Crear seguimientos» sends each with the id Cuadre chose; a
customer the CRM does not have is a 422).

A merge (``merge``) happens all at once under the store's lock: every involved record must
still hold the values the client sent as its snapshot (else 409 with what they hold now); the
merged records are kept but hidden (``fusionado_en`` names the survivor: 404 on read, absent
from listings), the survivor takes the changes, the children are re-pointed — by their own
document column, or by their link to the customer record where the document is a join. An undo
brings it all back.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.demo.sandbox.tables import Row, Tables, load, parse_timestamp
from app.demo.sandbox.views import OWNER_LINKS, VIEWS, StoreError, View, entities_of
from app.demo.systems import MERGED_COLUMN
from app.domain.values import BOGOTA


class Store:
    """The two systems' tables in memory; every read and write holds one lock."""

    def __init__(self, crm: Path, erp: Path) -> None:
        (crm_tables, crm_latest), (erp_tables, erp_latest) = load(crm, "crm"), load(erp, "erp")
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
            rows = [row for row in tables[view.table].values() if not row.get(MERGED_COLUMN)
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
            if row is None or row.get(MERGED_COLUMN):
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
            if row is None or row.get(MERGED_COLUMN):
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
                shown = None if row.get(MERGED_COLUMN) else view.expose(row, tables)
                if shown is None or any(row.get(c) != v for c, v in values.items()):
                    raise StoreError(409, "already_exists", "Ya existe un registro con ese "
                                     "identificador y otros valores: no se creó otro.",
                                     current=shown)
                return shown, self.etag(system, view.table, key), False
            blank = dict.fromkeys(next(iter(table.values()), {}))
            row = {**blank, **view.defaults, **values, "id": key, view.updated: self._stamp()}
            table[key] = row
            return view.expose(row, tables), self.etag(system, view.table, key), True

    def archive(self, system: str, entity: str, key: str) -> Row:
        """Archive a party (``DELETE /erp/customers/<id>``): hidden from reads and listings,
        as a merged one is; refused (409 ``in_use``) while a unit, receipt, invoice or order
        points at it. Already archived or gone → 404."""
        view = self.view(system, entity)
        with self._lock:
            tables = self.tables[system]
            row = tables[view.table].get(key)
            if row is None or row.get(MERGED_COLUMN):
                raise StoreError(404, "not_found", "No existe ese registro.")
            for table in ("inventario", "recibos", "facturas", "pedidos"):
                if any(str(r.get("tercero_id")) == key and not r.get(MERGED_COLUMN)
                       and r.get("estado") != "ANULADO" for r in tables.get(table, {}).values()):
                    raise StoreError(409, "in_use", "El tercero tiene movimientos en el ERP: no "
                                     "se archiva.")
            shown = view.expose(row, tables)
            row[MERGED_COLUMN] = "archivado"
            self._touch(system, view, key, row)
            return shown

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

    @property
    def lock(self) -> threading.RLock:
        """The lock every read and write holds (``orders`` writes under it too)."""
        return self._lock

    def stamp(self) -> str:
        return self._stamp()

    def touch(self, system: str, table: str, key: str, row: Row) -> None:
        """Stamp a row written outside the views (an order's unit) and bump its ETag."""
        row["modificado" if system == "erp" else "actualizado"] = self._stamp()
        self._versions[(system, table, key)] = self._versions.get((system, table, key), 1) + 1

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
            if row is None or row.get(MERGED_COLUMN):
                raise StoreError(404, "not_found", "No existe ese registro.")
            gone = [m for m in body.merged if m not in table or m == survivor]
            if gone:
                raise StoreError(404, "not_found", f"No existe el registro {gone[0]}.")
            wrong = [m for m in body.merged
                     if (table[m].get(MERGED_COLUMN) != survivor if body.undo
                         else table[m].get(MERGED_COLUMN))]
            if wrong:
                raise StoreError(409, "already_merged" if not body.undo else "not_merged",
                                 f"El registro {wrong[0]} no está como la fusión espera.",
                                 current={m: table[m].get(MERGED_COLUMN) for m in wrong})
            self._check_snapshot(view, tables, body)
            writes = self._child_writes(system, tables, survivor, body)
            values = self._convert(view, tables, body.changes)
            # Everything checked: now write it all.
            row.update(values)
            self._touch(system, view, survivor, row)
            for m in body.merged:
                table[m][MERGED_COLUMN] = None if body.undo else survivor
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
            current = view.expose(row, tables) if row is not None and not row.get(MERGED_COLUMN) else None
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
