"""A database's sale orders: the configured insert that registers the order behind a VIN's
reservation (:func:`app.connectors.creations.reserves`), and its cancellation.

In a database Cuadre reserves a unit the way the dealership's own software does: the unit's
row takes «reserved» and the customer (the compare-and-set ``UPDATE`` of :mod:`write`), and —
when the profile names an orders table (option ``orders``) — a row is inserted there in the
same transaction, so either both are written or neither::

    "orders": {"table": "pedidos", "ref_column": "numero",
               "columns": {"numero": "ref", "vehiculo_id": "vehicle_id", "vin": "vin",
                           "nit_cliente": "customer_doc", "valor": "price",
                           "estado": "=CONFIRMADO", "creado": "now"},
               "status_column": "estado", "cancelled": "ANULADO"}

A column's source is ``ref`` (Cuadre's :func:`~app.connectors.creations.order_ref`, the same
for the same unit and customer), ``vehicle_id``, ``vin``, ``customer_doc``, ``price``,
``branch``, ``now`` (the moment, with its zone), or ``=TEXT`` (that text). The undo sets
``status_column`` to ``cancelled`` on that order (or deletes its row when no status column is
named). An order already there under the reference is not inserted again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import MetaData, Table, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from app.connectors import creations
from app.connectors.base import SourceError
from app.domain.i18n import tr_app

SOURCES = ("ref", "vehicle_id", "vin", "customer_doc", "price", "branch", "now")


@dataclass(frozen=True, slots=True)
class OrdersOption:
    table: str
    columns: Mapping[str, str]
    ref_column: str
    status_column: str | None = None
    cancelled: str | None = None
    _tables: dict[str, Table] = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, raw: Any) -> OrdersOption | None:
        if raw is None:
            return None
        bad = SourceError(tr_app("app.connectors", "La opción «orders» del perfil debe ser "
                                 "un objeto con table, ref_column y columns (columna: origen), "
                                 "con orígenes ref, vehicle_id, vin, customer_doc, price, branch, "
                                 "now o =TEXTO."))
        if not isinstance(raw, Mapping):
            raise bad
        table, ref, columns = raw.get("table"), raw.get("ref_column"), raw.get("columns")
        if not isinstance(table, str) or not isinstance(ref, str) \
                or not isinstance(columns, Mapping) or not columns:
            raise bad
        for column, source in columns.items():
            if not isinstance(column, str) or not isinstance(source, str) or not (
                    source in SOURCES or source.startswith("=")):
                raise bad
        if columns.get(ref) != "ref":
            raise bad
        status, cancelled = raw.get("status_column"), raw.get("cancelled")
        if (status is None) != (cancelled is None) or not all(
                v is None or isinstance(v, str) for v in (status, cancelled)):
            raise bad
        return cls(table, dict(columns), ref, status, cancelled)

    def reflected(self, engine: Engine) -> Table:
        if self.table not in self._tables:
            schema, _, name = self.table.rpartition(".")
            self._tables[self.table] = Table(name, MetaData(), schema=schema or None,
                                             autoload_with=engine)
        return self._tables[self.table]


def place(conn: Connection, engine: Engine, option: OrdersOption, vehicle: Mapping[str, Any],
          vehicle_id: str, doc: str) -> str:
    """Insert the order (unless its reference is there): the sentence for the outcome."""
    table = option.reflected(engine)
    ref = creations.order_ref(vehicle_id, doc)
    found = conn.execute(select(table.c[option.ref_column])
                         .where(table.c[option.ref_column] == ref)).first()
    values = {"ref": ref, "vehicle_id": vehicle_id, "vin": vehicle.get("vin"),
              "customer_doc": doc, "price": vehicle.get("price"), "branch": vehicle.get("branch"),
              "now": datetime.now(UTC)}
    row = {column: source[1:] if source.startswith("=") else values[source]
           for column, source in option.columns.items()}
    if found is None:
        conn.execute(insert(table).values(row))
    elif option.status_column is not None:  # a cancelled order of Cuadre's, confirmed again
        conn.execute(update(table).where(table.c[option.ref_column] == ref)
                     .values({option.status_column: row.get(option.status_column)}))
    return f"Pedido {ref} registrado en {option.table}: el vehículo queda reservado."


def cancel(conn: Connection, engine: Engine, option: OrdersOption, vehicle_id: str,
           doc: str) -> str:
    table = option.reflected(engine)
    ref = creations.order_ref(vehicle_id, doc)
    where = table.c[option.ref_column] == ref
    if option.status_column is not None:
        conn.execute(update(table).where(where).values({option.status_column: option.cancelled}))
    else:
        conn.execute(delete(table).where(where))
    return f"Pedido {ref} anulado en {option.table}: el vehículo queda disponible."
