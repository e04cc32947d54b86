"""One database as the SQL connector reads it: its engine, where each entity comes from (a
table found by name or given, or a read-only query) and its rows as canonical records.

:class:`Database` holds what the Connector (:class:`~app.connectors.sql.connector.SqlConnector`,
on top of it) and its writes (:mod:`app.connectors.sql.write`) share: the engine (the password
injected into the URL object only, never into a string that could be shown), each entity's
source worked out once, reading one row or many, and database errors turned into a Spanish
:class:`~app.connectors.base.SourceError` of our own.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    MetaData,
    Table,
    bindparam,
    cast,
    column,
    create_engine,
    false,
    func,
    inspect,
    literal_column,
    select,
    text,
    type_coerce,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import sqltypes
from sqlalchemy.types import NullType

from app.connectors.base import SourceError, SourceIssue, in_spanish
from app.connectors.files import records_frame
from app.connectors.files.cells import as_text
from app.connectors.files.headers import kind_name, resolve
from app.connectors.sql.errors import translate
from app.connectors.sql.options import (
    OPTIONS,
    driver_url,
    entity_mappings,
    missing_driver,
    parse_url,
    per_entity,
    positive,
)
from app.connectors.sql.orders import OrdersOption
from app.connectors.sql.query import checked_query
from app.connectors.sql.values import bound_moment, key_value
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.schema import Entity, System
from app.domain.schema import records as frame_records
from app.domain.values import fold

# The connector's one logger (``errors`` logs under it too).
_log = logging.getLogger("app.connectors.sql.connector")

#: Table names tried, in order, when the profile names none (folded: no accents, lower case).
DEFAULT_TABLES: dict[Entity, tuple[str, ...]] = {
    Entity.CUSTOMERS: ("customers", "clientes", "terceros", "contactos", "clients", "cliente",
                       "tercero", "contacto"),
    Entity.PAYMENTS: ("payments", "pagos", "recibos", "recibos_caja", "payment", "pago", "recibo"),
    Entity.VEHICLES: ("vehicles", "vehiculos", "inventario", "vehicle", "vehiculo", "stock"),
    Entity.DEALS: ("deals", "negocios", "oportunidades", "opportunities", "deal", "negocio"),
    # What the insights read besides, when the database has it (else absent, not an error).
    Entity.INVOICES: ("invoices", "facturas", "facturas_venta", "facturacion", "invoice",
                      "factura"),
    Entity.SERVICES: ("services", "workshop_orders", "ordenes_taller", "ordenes_trabajo",
                      "servicios", "taller", "service_orders", "orden_taller", "orden_trabajo",
                      "servicio"),
    Entity.CONTRACTS: ("contracts", "contratos", "polizas", "creditos", "seguros", "soat",
                       "contract", "contrato", "poliza", "credito"),
    Entity.FOLLOWUPS: ("followups", "seguimientos", "tareas", "actividades", "follow_ups",
                       "tasks", "seguimiento", "tarea"),
}
#: The column a copy of the id column is read under, when the id column also feeds a field.
ID_COPY = "cuadre_id"


@dataclass
class Source:
    """Where one entity comes from, worked out once: a table or a query, and its columns."""

    entity: Entity
    columns: list[str]
    table: Table | None = None
    query: str | None = None
    id_column: str | None = None
    updated_column: str | None = None
    mapping: dict[str, list[str]] = field(default_factory=dict)  # for records_frame
    id_copy: bool = False            # source_id is read from a copy of the id column

    @property
    def name(self) -> str:
        """«tabla contactos», «consulta de pagos»: for messages, in the language spoken."""
        if self.table is not None:
            return tr_app("app.connectors", "tabla {name}").format(name=self.table.name)
        return tr_app("app.connectors", "consulta de {kind}").format(kind=kind_name(self.entity))

    @property
    def headers(self) -> list[str]:
        """The columns as records_frame sees them (with the id's copy, when there is one)."""
        return [*self.columns, ID_COPY] if self.id_copy else self.columns


class Database:
    """One database (any SQLAlchemy URL): its engine, its entities' sources and their rows.

    Options (from the profile): ``tables`` ``{entity: "schema.table"}``; ``queries``
    ``{entity: "SELECT …"}``; ``id_column`` and ``updated_column`` (one name, or one per
    entity); ``chunk_size`` (rows per fetch, 5000); ``connect_args`` for the driver.
    ``mapping`` is ``{entity: {canonical field: column}}``.
    """

    def __init__(self, url: str, system: System | str, *, password: str | None = None,
                 mapping: Mapping[str, Any] | None = None, **options: Any) -> None:
        self.system = System(system)
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise SourceError(tr_app("app.connectors", "Opciones desconocidas para una base de datos: "
                                                       "{join}. Opciones válidas: {join2}.").format(
                                  join=', '.join(unknown), join2=', '.join(OPTIONS)))
        given = parse_url(url)
        self._shown = given.render_as_string(hide_password=True)
        self.url = driver_url(given)
        self._tables = per_entity(options.get("tables"), "tables")
        self._queries = {e: checked_query(q, tr_app("app.connectors", "La consulta de "
                                                                      "{kind}").format(kind=kind_name(e)),
                                          self.url.get_backend_name())
                         for e, q in per_entity(options.get("queries"), "queries").items()}
        both = sorted(set(self._tables) & set(self._queries))
        if both:
            raise SourceError(tr_app("app.connectors", "Para {join} se indicó una tabla y también una "
                                                       "consulta: deje solo una.").format(
                                  join=', '.join(kind_name(e) for e in both)))
        self._id_columns = per_entity(options.get("id_column"), "id_column", allow_all=True)
        self._updated_columns = per_entity(options.get("updated_column"), "updated_column",
                                           allow_all=True)
        self.chunk_size = positive(options.get("chunk_size", 5000))
        #: Where a reservation's order is inserted (``orders``), or None: the unit row alone.
        self.orders = OrdersOption.parse(options.get("orders"))
        self._mapping = entity_mappings(mapping)
        self._sources: dict[Entity, Source] = {}
        #: The values a coded column already holds, read once (``write`` spells alike).
        self.spellings: dict[tuple[Entity, str], list[Any]] = {}
        self._issues: list[SourceIssue] = []
        self._check_sqlite_file()
        self.engine = self._create_engine(password, options.get("connect_args"))

    def describe(self) -> str:
        return tr_app("app.connectors", "base de datos {system} {where}").format(
            system=self.system.value.upper(), where=self._shown)

    @in_spanish
    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        """One record in the canonical schema, or None when there is no row with that id."""
        src = self.source(Entity(entity))
        with self._errors(src, mark_app("app.connectors", "leer")), self.reading() as conn:
            row = self.fetch_one(conn, src, source_id)
        return None if row is None else self.canonical(src, [row])[0]

    # --- where each entity comes from -----------------------------------------------------------

    def source(self, entity: Entity) -> Source:
        if entity not in self._sources:
            self._sources[entity] = self._find_source(entity)
        return self._sources[entity]

    def _find_source(self, entity: Entity) -> Source:
        mapping = self._mapping.get(entity, {})
        if entity in self._queries:
            query = self._queries[entity]
            src = Source(entity, [], query=query)
            src.columns = self._query_columns(src)
            primary: str | None = None
        else:
            table = self._reflect(entity)
            src = Source(entity, [c.name for c in table.columns], table=table)
            keys = [c.name for c in table.primary_key.columns]
            primary = keys[0] if len(keys) == 1 else None
        src.id_column = self._id_column(src, mapping, primary)
        src.mapping = dict(mapping)
        if src.id_column is not None and "source_id" not in src.mapping:
            # The id column names the records. When it also holds another field (a vehicles
            # table keyed by VIN, receipts by their number) it keeps feeding that field and a
            # copy of it feeds source_id.
            feeds = next((f for f, cols in self.fields_of(src).items() if src.id_column in cols), None)
            src.id_copy = feeds not in (None, "source_id")
            src.mapping["source_id"] = [ID_COPY if src.id_copy else src.id_column]
        src.updated_column = self._updated_column(src, mapping)
        return src

    def _reflect(self, entity: Entity) -> Table:
        named = self._tables.get(entity)
        with self._errors(None, mark_app("app.connectors", "abrir")):
            found = inspect(self.engine)
            if named is None:
                existing = found.get_table_names() + found.get_view_names()
                by_name = {fold(n): n for n in existing}
                hit = next((by_name[n] for n in DEFAULT_TABLES[entity] if n in by_name), None)
                if hit is None:
                    listed = ", ".join(sorted(existing)[:30]) or "ninguna"
                    raise SourceError(
                        tr_app("app.connectors", "No se encontró una tabla de {entity_name} en "
                                                 "{describe} (se buscó {join}). Indique la tabla "
                                                 "(tables) o una consulta (queries) en el perfil. "
                                                 "Tablas: {listed}.").format(
                            entity_name=kind_name(entity), describe=self.describe(),
                            join=", ".join(DEFAULT_TABLES[entity][:4]), listed=listed))
                schema, name = None, hit
            else:
                schema, _, name = named.rpartition(".")
                schema = schema or None
                existing = found.get_table_names(schema=schema) + found.get_view_names(schema=schema)
                if name not in existing:
                    alike = [n for n in existing if n.casefold() == name.casefold()]
                    if len(alike) != 1:
                        raise SourceError(tr_app("app.connectors", "No existe la tabla «{named}» en "
                                                                   "{describe}: revise el nombre de la "
                                                                   "tabla de {entity_name}.").format(
                                              named=named, describe=self.describe(),
                                                  entity_name=kind_name(entity)))
                    name = alike[0]
            with warnings.catch_warnings():
                # A column type SQLAlchemy does not know (citext, a domain…) is read as the
                # driver gives it: nothing to warn the user about.
                warnings.simplefilter("ignore", sa_exc.SAWarning)
                return Table(name, MetaData(), schema=schema, autoload_with=self.engine)

    def _query_columns(self, src: Source) -> list[str]:
        """The query's column names, from running it on no rows."""
        assert src.query is not None
        probe: Any = select(literal_column("*")).select_from(text(src.query).columns().subquery("q"))
        with self._errors(src, mark_app("app.connectors", "leer")), self.reading() as conn:
            result = conn.execute(probe.where(false()))
            names = list(result.keys())
            result.close()
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise SourceError(tr_app("app.connectors", "La {name} devuelve varias columnas llamadas "
                                                       "{join}: deles nombres distintos con AS.").format(
                                  name=src.name, join=', '.join(f'«{n}»' for n in twice)))
        return names

    def _id_column(self, src: Source, mapping: Mapping[str, list[str]], primary: str | None
                   ) -> str | None:
        chosen = self._id_columns.get(src.entity)
        if chosen is None and len(mapping.get("source_id", [])) == 1:
            chosen = mapping["source_id"][0]
        if chosen is None:
            chosen = primary or next((c for c in src.columns if c.casefold() == "id"), None)
        if chosen is not None and chosen not in src.columns:
            raise SourceError(tr_app("app.connectors", "La {name} no tiene la columna «{chosen}» "
                                                       "indicada como identificador. Columnas: "
                                                       "{join}.").format(
                                  name=src.name, chosen=chosen, join=', '.join(src.columns)))
        return chosen

    def _updated_column(self, src: Source, mapping: Mapping[str, list[str]]) -> str | None:
        chosen = self._updated_columns.get(src.entity)
        if chosen is not None:
            if chosen not in src.columns:
                raise SourceError(tr_app("app.connectors", "La {name} no tiene la columna «{chosen}» "
                                                           "indicada como fecha de actualización. "
                                                           "Columnas: {join}.").format(
                                      name=src.name, chosen=chosen, join=', '.join(src.columns)))
            return chosen
        found = self.fields_of(src).get("updated_at", [])
        return found[0] if len(found) == 1 else None

    def fields_of(self, src: Source, row: Mapping[str, Any] | None = None) -> dict[str, list[str]]:
        """Canonical field → the column(s) that feed it, as the mapping and synonyms say; a
        row's values settle the one header read by content ("Modelo": a line or a year)."""
        headers = src.headers

        def values(i: int) -> list[Any]:
            return [] if row is None else [row.get(headers[i])]

        found = resolve(src.entity, headers, src.mapping, values)
        return {name: [headers[i] for i in indices] for name, indices in found.fields.items()}

    # --- reading --------------------------------------------------------------------------------

    def _selected(self, src: Source) -> list[Any]:
        """The table's columns; on SQLite as stored (no type conversion that could fail on one
        badly written date and take the whole pull with it)."""
        assert src.table is not None
        if self.sqlite:
            return [type_coerce(c, NullType()).label(c.name) for c in src.table.columns]
        return list(src.table.columns)

    def _pull_statement(self, src: Source, moment: datetime | None) -> tuple[Any, bool]:
        """The statement reading the entity, and whether it already leaves out old rows."""
        if src.table is None:
            assert src.query is not None
            return text(src.query), False
        statement = select(*self._selected(src))
        filtered = False
        if moment is not None and src.updated_column is not None and not self.sqlite:
            col = src.table.c[src.updated_column]
            bound = bound_moment(col, moment)
            if bound is not None:
                statement = statement.where(col >= bindparam("since", bound, type_=col.type))
                filtered = True
        if src.id_column is not None:
            statement = statement.order_by(src.table.c[src.id_column])
        return statement, filtered

    def _count(self, src: Source, statement: Any = None) -> int:
        """Rows of the table or query (those ``statement`` reads, when given)."""
        inner: Any
        if statement is not None:
            inner = statement.order_by(None)
        elif src.table is not None:
            inner = select(*src.table.columns)
        else:
            assert src.query is not None
            inner = text(src.query).columns()
        counted: Any = select(func.count()).select_from(inner.subquery("q"))
        with self._errors(src, mark_app("app.connectors", "contar")), self.reading() as conn:
            return int(conn.execute(counted).scalar_one())

    def fetch_one(self, conn: Connection, src: Source, source_id: str,
                   lock: bool = False) -> dict[str, Any] | None:
        if src.id_column is None:
            raise SourceError(tr_app("app.connectors", "La {name} no tiene una columna de identificador: "
                                                       "indíquela en el perfil (id_column).").format(
                                  name=src.name))
        if src.table is not None:
            key_col = src.table.c[src.id_column]
            key = key_value(key_col, source_id)
            if key is None:
                return None
            statement = select(*self._selected(src)).where(key_col == key)
            if lock:
                statement = statement.with_for_update()
        else:
            assert src.query is not None
            sub = text(src.query).columns(*(column(c) for c in src.columns)).subquery("q")
            # The query's column types are unknown: compare as text, as source_id is.
            statement = select(sub).where(cast(sub.c[src.id_column], sqltypes.String()) == source_id)
        result = conn.execute(statement)
        keys = list(result.keys())
        rows = result.fetchmany(2)
        result.close()
        if not rows:
            return None
        return dict(zip(keys, rows[0], strict=True))

    def _frame(self, src: Source, keys: list[str], rows: Sequence[Sequence[Any]]
               ) -> tuple[pd.DataFrame, list[SourceIssue]]:
        records = [dict(zip(keys, row, strict=True)) for row in rows]
        ids = None
        if src.id_column is not None and src.id_column in keys:
            at = keys.index(src.id_column)
            ids = [as_text(row[at]) or f"row-{n}" for n, row in enumerate(rows, start=1)]
            if src.id_copy:
                for record, row in zip(records, rows, strict=True):
                    record[ID_COPY] = row[at]
                keys = [*keys, ID_COPY]
        return records_frame(records, self.system, src.entity, src.mapping, name=src.name,
                             fields=keys, ids=ids)

    def canonical(self, src: Source, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        frame, _ = self._frame(src, src.columns, [[r.get(c) for c in src.columns] for r in rows])
        return frame_records(frame)

    # --- engine, connections, errors ------------------------------------------------------------

    @property
    def sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def _check_sqlite_file(self) -> None:
        """SQLite would create an empty database for a wrong path: refuse instead."""
        database = self.url.database or ""
        if not self.sqlite or database in ("", ":memory:") or database.startswith("file:"):
            return
        path = Path(database)
        if not path.is_file():
            raise SourceError(tr_app("app.connectors", "No se encuentra el archivo de base de datos "
                                                       "{name} (en {parent}).").format(
                                  name=path.name, parent=path.parent))

    def _create_engine(self, password: str | None, connect_args: Any) -> Engine:
        backend = self.url.get_backend_name()
        args: dict[str, Any] = {"connect_timeout": 15} if backend == "postgresql" else {}
        if connect_args is not None:
            if not isinstance(connect_args, Mapping):
                raise SourceError(tr_app("app.connectors", "connect_args debe ser un objeto {{opción: "
                                                           "valor}}."))
            args.update(connect_args)
        url = self.url.set(password=password) if password else self.url
        try:
            return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=args)
        except (ImportError, sa_exc.NoSuchModuleError) as error:
            raise SourceError(missing_driver(self.url)) from error
        except (sa_exc.ArgumentError, TypeError, ValueError) as error:
            raise SourceError(tr_app("app.connectors", "La URL de base de datos {describe} o sus "
                                                       "opciones no son válidas.").format(
                                  describe=self.describe())) from error

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in a transaction that only reads (READ ONLY where the server enforces it)."""
        with self.engine.connect() as conn:
            if self.url.get_backend_name() == "postgresql":
                conn = conn.execution_options(postgresql_readonly=True)
            with conn.begin():
                yield conn

    def translate_error(self, error: sa_exc.DBAPIError, src: Source | None, action: str) -> SourceError:
        return translate(error, where=self.describe(),
            what=src.name if src else tr_app("app.connectors", "base de datos"),
                         action=action, database=self.url.database)

    @contextmanager
    def _errors(self, src: Source | None, action: str) -> Iterator[None]:
        """Database errors as a Spanish SourceError of our own (the driver's text can quote
        the statement, its values and personal data: it is never passed on)."""
        try:
            yield
        except sa_exc.NoSuchTableError:
            raise SourceError(tr_app("app.connectors", "No existe la tabla en {describe}.").format(
                                  describe=self.describe())) from None
        except sa_exc.DBAPIError as error:
            raise self.translate_error(error, src, action) from None
        except sa_exc.SQLAlchemyError as error:
            _log.warning("SQL %s: %s", action, type(error).__name__)
            raise SourceError(tr_app("app.connectors", "No se pudo {action} en {describe}.").format(
                                  action=tr_marked("app.connectors", action),
                                      describe=self.describe())) from None
