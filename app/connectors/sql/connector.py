"""A SQL database as a source: any SQLAlchemy URL, a table or a read-only query per entity.

``SqlConnector("postgresql://cuadre@erp.local/erp", System.ERP, password=…, tables={…})`` reads
each entity from a table (found by name when none is given: ``clientes``, ``terceros``,
``pagos``, ``recibos``, ``vehiculos``, ``inventario``…; for the insights ``facturas``,
``ordenes_taller``, ``contratos``, ``seguimientos``…) or from a query the profile gives
(``queries={"payments": "SELECT … FROM recibos JOIN facturas …"}``), and maps its columns to
the canonical schema exactly as a file's headers are mapped (synonyms plus an optional
mapping per entity, ``app.connectors.files.records_frame``): the same normalizers, the same
findings for unmapped columns and unreadable cells, and a bad row never drops the good ones.

Why it is built this way:

- The password comes from the keyring and is injected into the engine's URL object only
  (``URL.set``); it is never part of a string that could be shown or logged, and
  :meth:`SqlConnector.describe` has none. Database errors are turned into a Spanish sentence
  of our own: the driver's text can quote the statement, its parameters and personal data.
- Queries are read-only: one ``SELECT`` (or ``WITH … SELECT``) statement, checked before it
  runs, and on PostgreSQL run inside a ``READ ONLY`` transaction besides.
- Big tables are read in chunks (a server-side cursor where the driver has one), with one
  progress report per chunk and a cancel point; the total comes from a ``COUNT(*)``.
- ``since`` is filtered by the server when the change column is a real timestamp column of a
  table; otherwise (text timestamps, queries, SQLite) rows are filtered after reading, since
  comparing text timestamps in SQL is only right when every row writes them alike.
- :meth:`SqlConnector.apply` is a compare-and-set in one transaction: the row is read (locked
  where the database can), its canonical values are checked against the values read at
  approval, and the ``UPDATE`` repeats the raw values just read in its ``WHERE``, so a write
  that raced ours makes it touch no row — which is then read again to say applied, conflict
  or not found. SQLite needs no SAVEPOINT here, so pysqlite's transaction quirk is harmless.
- Reading the id column back into ``source_id`` is forced (the mapping gets it), so what
  ``pull`` calls a record is what ``read`` and ``apply`` find.

Beside it: ``sql_query`` (the read-only check), ``sql_errors`` (errors as Spanish sentences),
``sql_values`` (values between canonical and column, ``since``).
"""

from __future__ import annotations

import importlib.util
import logging
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
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
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from app.connectors import creations
from app.connectors.base import (
    AuthError,
    Correction,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
)
from app.connectors.files import records_frame
from app.connectors.files.cells import as_text
from app.connectors.files.headers import KIND_NAMES, normalize_mapping, resolve
from app.connectors.sql.errors import log_error, sqlstate, translate
from app.connectors.sql.query import checked_query
from app.connectors.sql.values import (
    bound_moment,
    changed_since,
    key_value,
    same,
    since_moment,
    storable,
)
from app.connectors.values import same_in_form
from app.domain.schema import Entity, System
from app.domain.schema import records as frame_records
from app.domain.values import fold
from app.progress import CancelToken, Progress, Task, run

_log = logging.getLogger(__name__)

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
_OPTIONS = ("tables", "queries", "id_column", "updated_column", "chunk_size", "connect_args")
#: Canonical fields read through a code table (a status, a yes/no): written back in the
#: column's own words ("Vendido", "13", "Sí") when some row already uses them.
_CODED = frozenset({"doc_type", "status", "stage", "habeas_data_consent", "claim_in_progress",
                    "is_customer"})
_DISTINCT_SAMPLE = 500
_ID_COPY = "cuadre_id"


@dataclass
class _Source:
    """Where one entity comes from, worked out once: a table or a query, and its columns."""

    entity: Entity
    name: str                        # "tabla contactos", "consulta de pagos": for messages
    columns: list[str]
    table: Table | None = None
    query: str | None = None
    id_column: str | None = None
    updated_column: str | None = None
    mapping: dict[str, list[str]] = field(default_factory=dict)  # for records_frame
    id_copy: bool = False            # source_id is read from a copy of the id column

    @property
    def headers(self) -> list[str]:
        """The columns as records_frame sees them (with the id's copy, when there is one)."""
        return [*self.columns, _ID_COPY] if self.id_copy else self.columns


class SqlConnector:
    """One database (any SQLAlchemy URL) read as the Connector protocol asks, and written to
    one approved correction at a time.

    Options (from the profile): ``tables`` ``{entity: "schema.table"}``; ``queries``
    ``{entity: "SELECT …"}``; ``id_column`` and ``updated_column`` (one name, or one per
    entity); ``chunk_size`` (rows per fetch, 5000); ``connect_args`` for the driver.
    ``mapping`` is ``{entity: {canonical field: column}}``.
    """

    def __init__(self, url: str, system: System | str, *, password: str | None = None,
                 mapping: Mapping[str, Any] | None = None, **options: Any) -> None:
        self.system = System(system)
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise SourceError(f"Opciones desconocidas para una base de datos: {', '.join(unknown)}. "
                              f"Opciones válidas: {', '.join(_OPTIONS)}.")
        given = _parse_url(url)
        self._shown = given.render_as_string(hide_password=True)
        self.url = _driver_url(given)
        self._tables = _per_entity(options.get("tables"), "tables")
        self._queries = {e: checked_query(q, f"La consulta de {KIND_NAMES[e]}",
                                          self.url.get_backend_name())
                         for e, q in _per_entity(options.get("queries"), "queries").items()}
        both = sorted(set(self._tables) & set(self._queries))
        if both:
            raise SourceError(f"Para {', '.join(KIND_NAMES[e] for e in both)} se indicó una tabla "
                              "y también una consulta: deje solo una.")
        self._id_columns = _per_entity(options.get("id_column"), "id_column", allow_all=True)
        self._updated_columns = _per_entity(options.get("updated_column"), "updated_column",
                                            allow_all=True)
        self.chunk_size = _positive(options.get("chunk_size", 5000))
        self._mapping = _entity_mappings(mapping)
        self._sources: dict[Entity, _Source] = {}
        self._spellings: dict[tuple[Entity, str], list[Any]] = {}
        self._issues: list[SourceIssue] = []
        self._check_sqlite_file()
        self.engine = self._create_engine(password, options.get("connect_args"))

    # --- the protocol -------------------------------------------------------------------------

    def describe(self) -> str:
        return f"base de datos {self.system.value.upper()} {self._shown}"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def close(self) -> None:
        """Close the connections the engine keeps open."""
        self.engine.dispose()

    def __enter__(self) -> SqlConnector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pull(self, entity: Entity | str, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(Entity(entity), since))

    def pull_task(self, entity: Entity | str, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        """Read ``entity`` chunk by chunk (a progress report and a cancel point each), then map
        it; rows older than ``since`` are left out when the source says when rows changed."""
        entity = Entity(entity)
        moment = since_moment(since)
        step = f"pull_{entity.value}"
        if cancel is not None:
            cancel.check()
        src = self._source(entity)
        statement, filtered = self._pull_statement(src, moment)
        total = self._count(src, statement if src.table is not None else None)
        yield Progress(step, 0, total, src.name)
        rows: list[Sequence[Any]] = []
        keys: list[str] = []
        with self._errors(src, "leer"), self._reading() as conn:
            result = conn.execution_options(stream_results=True, yield_per=self.chunk_size
                                            ).execute(statement)
            keys = list(result.keys())
            for part in result.partitions():
                rows.extend(part)
                if cancel is not None:
                    cancel.check()
                yield Progress(step, len(rows), max(total, len(rows)), src.name)
        frame, issues = self._frame(src, keys, rows)
        if moment is not None and not filtered and src.updated_column is not None:
            frame, issues = changed_since(frame, issues, moment)
        self._issues = [i for i in self._issues if i.entity != entity] + issues
        return frame

    def count(self, entity: Entity | str) -> int:
        """How many rows the entity's table or query has."""
        return self._count(self._source(Entity(entity)))

    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        """One record in the canonical schema, or None when there is no row with that id."""
        src = self._source(Entity(entity))
        with self._errors(src, "leer"), self._reading() as conn:
            row = self._fetch_one(conn, src, source_id)
        return None if row is None else self._canonical(src, [row])[0]

    def apply(self, correction: Correction) -> Outcome:
        """Apply one correction as a compare-and-set; never raises for what an Outcome says.
        A creation (a CRM follow-up) is refused at once: Cuadre never inserts rows here."""
        cannot = creations.refused(correction, "una base de datos SQL")
        if cannot is not None:
            return cannot
        try:
            entity = Entity(correction.entity)
            src = self._source(entity)
        except (SourceError, ValueError) as error:
            reason = "auth" if isinstance(error, AuthError) else "source"
            return Outcome(OutcomeStatus.FAILED, reason, _sentence(error))
        if src.table is None:
            return Outcome(OutcomeStatus.REJECTED, "read_only",
                           f"Los datos de {KIND_NAMES[entity]} se leen con una consulta: son de "
                           "solo lectura. "
                           "Para corregirlos, configure la tabla en el perfil.")
        if src.id_column is None:
            return Outcome(OutcomeStatus.REJECTED, "no_id_column",
                           f"La {src.name} no tiene una columna de identificador: indíquela en el "
                           "perfil (id_column).")
        try:
            outcome = self._apply(src, correction)
        except _CommitUnknown:
            return Outcome(OutcomeStatus.UNKNOWN, "commit_unknown",
                           "Se perdió la conexión al confirmar el cambio: lea el registro antes de "
                           "volver a enviarlo.")
        except (sa_exc.IntegrityError, sa_exc.DataError) as error:
            log_error(error, "apply")
            return Outcome(OutcomeStatus.REJECTED, "invalid_value",
                           f"La base de datos rechazó el valor nuevo para la {src.name} "
                           f"({sqlstate(error) or 'sin código'}).")
        except SourceError as error:
            reason = "auth" if isinstance(error, AuthError) else "source"
            return Outcome(OutcomeStatus.FAILED, reason, str(error))
        except (ValueError, InvalidOperation):
            return Outcome(OutcomeStatus.REJECTED, "invalid_value",
                           f"El valor nuevo no cabe en la columna de la {src.name}.")
        except sa_exc.DBAPIError as error:
            failure = self._translate(error, src, "corregir")
            reason = "auth" if isinstance(failure, AuthError) else "database"
            return Outcome(OutcomeStatus.FAILED, reason, str(failure))
        except sa_exc.SQLAlchemyError as error:
            _log.warning("SQL apply: %s", type(error).__name__)
            return Outcome(OutcomeStatus.FAILED, "database",
                           f"No se pudo corregir la {src.name} en {self.describe()}.")
        if outcome.status is OutcomeStatus.APPLIED and outcome.record is None:
            try:
                record = self.read(entity, correction.source_id)
            except SourceError:
                record = None
            return Outcome(outcome.status, outcome.reason, outcome.detail, record)
        return outcome

    # --- where each entity comes from -----------------------------------------------------------

    def _source(self, entity: Entity) -> _Source:
        if entity not in self._sources:
            self._sources[entity] = self._find_source(entity)
        return self._sources[entity]

    def _find_source(self, entity: Entity) -> _Source:
        mapping = self._mapping.get(entity, {})
        if entity in self._queries:
            query = self._queries[entity]
            src = _Source(entity, f"consulta de {KIND_NAMES[entity]}", [], query=query)
            src.columns = self._query_columns(src)
            primary: str | None = None
        else:
            table = self._reflect(entity)
            src = _Source(entity, f"tabla {table.name}", [c.name for c in table.columns], table=table)
            keys = [c.name for c in table.primary_key.columns]
            primary = keys[0] if len(keys) == 1 else None
        src.id_column = self._id_column(src, mapping, primary)
        src.mapping = dict(mapping)
        if src.id_column is not None and "source_id" not in src.mapping:
            # The id column names the records. When it also holds another field (a vehicles
            # table keyed by VIN, receipts by their number) it keeps feeding that field and a
            # copy of it feeds source_id.
            feeds = next((f for f, cols in self._fields(src).items() if src.id_column in cols), None)
            src.id_copy = feeds not in (None, "source_id")
            src.mapping["source_id"] = [_ID_COPY if src.id_copy else src.id_column]
        src.updated_column = self._updated_column(src, mapping)
        return src

    def _reflect(self, entity: Entity) -> Table:
        named = self._tables.get(entity)
        with self._errors(None, "abrir"):
            found = inspect(self.engine)
            if named is None:
                existing = found.get_table_names() + found.get_view_names()
                by_name = {fold(n): n for n in existing}
                hit = next((by_name[n] for n in DEFAULT_TABLES[entity] if n in by_name), None)
                if hit is None:
                    listed = ", ".join(sorted(existing)[:30]) or "ninguna"
                    raise SourceError(
                        f"No se encontró una tabla de {KIND_NAMES[entity]} en {self.describe()} "
                        f"(se buscó {', '.join(DEFAULT_TABLES[entity][:4])}). Indique la tabla "
                        f"(tables) o una consulta (queries) en el perfil. Tablas: {listed}.")
                schema, name = None, hit
            else:
                schema, _, name = named.rpartition(".")
                schema = schema or None
                existing = found.get_table_names(schema=schema) + found.get_view_names(schema=schema)
                if name not in existing:
                    alike = [n for n in existing if n.casefold() == name.casefold()]
                    if len(alike) != 1:
                        raise SourceError(f"No existe la tabla «{named}» en {self.describe()}: "
                                          f"revise el nombre de la tabla de {KIND_NAMES[entity]}.")
                    name = alike[0]
            with warnings.catch_warnings():
                # A column type SQLAlchemy does not know (citext, a domain…) is read as the
                # driver gives it: nothing to warn the user about.
                warnings.simplefilter("ignore", sa_exc.SAWarning)
                return Table(name, MetaData(), schema=schema, autoload_with=self.engine)

    def _query_columns(self, src: _Source) -> list[str]:
        """The query's column names, from running it on no rows."""
        assert src.query is not None
        probe: Any = select(literal_column("*")).select_from(text(src.query).columns().subquery("q"))
        with self._errors(src, "leer"), self._reading() as conn:
            result = conn.execute(probe.where(false()))
            names = list(result.keys())
            result.close()
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise SourceError(f"La {src.name} devuelve varias columnas llamadas "
                              f"{', '.join(f'«{n}»' for n in twice)}: deles nombres distintos con AS.")
        return names

    def _id_column(self, src: _Source, mapping: Mapping[str, list[str]], primary: str | None
                   ) -> str | None:
        chosen = self._id_columns.get(src.entity)
        if chosen is None and len(mapping.get("source_id", [])) == 1:
            chosen = mapping["source_id"][0]
        if chosen is None:
            chosen = primary or next((c for c in src.columns if c.casefold() == "id"), None)
        if chosen is not None and chosen not in src.columns:
            raise SourceError(f"La {src.name} no tiene la columna «{chosen}» indicada como "
                              f"identificador. Columnas: {', '.join(src.columns)}.")
        return chosen

    def _updated_column(self, src: _Source, mapping: Mapping[str, list[str]]) -> str | None:
        chosen = self._updated_columns.get(src.entity)
        if chosen is not None:
            if chosen not in src.columns:
                raise SourceError(f"La {src.name} no tiene la columna «{chosen}» indicada como "
                                  f"fecha de actualización. Columnas: {', '.join(src.columns)}.")
            return chosen
        found = self._fields(src).get("updated_at", [])
        return found[0] if len(found) == 1 else None

    def _fields(self, src: _Source, row: Mapping[str, Any] | None = None) -> dict[str, list[str]]:
        """Canonical field → the column(s) that feed it, as the mapping and synonyms say; a
        row's values settle the one header read by content ("Modelo": a line or a year)."""
        headers = src.headers

        def values(i: int) -> list[Any]:
            return [] if row is None else [row.get(headers[i])]

        found = resolve(src.entity, headers, src.mapping, values)
        return {name: [headers[i] for i in indices] for name, indices in found.fields.items()}

    # --- reading --------------------------------------------------------------------------------

    def _selected(self, src: _Source) -> list[Any]:
        """The table's columns; on SQLite as stored (no type conversion that could fail on one
        badly written date and take the whole pull with it)."""
        assert src.table is not None
        if self._sqlite:
            return [type_coerce(c, NullType()).label(c.name) for c in src.table.columns]
        return list(src.table.columns)

    def _pull_statement(self, src: _Source, moment: datetime | None) -> tuple[Any, bool]:
        """The statement reading the entity, and whether it already leaves out old rows."""
        if src.table is None:
            assert src.query is not None
            return text(src.query), False
        statement = select(*self._selected(src))
        filtered = False
        if moment is not None and src.updated_column is not None and not self._sqlite:
            col = src.table.c[src.updated_column]
            bound = bound_moment(col, moment)
            if bound is not None:
                statement = statement.where(col >= bindparam("since", bound, type_=col.type))
                filtered = True
        if src.id_column is not None:
            statement = statement.order_by(src.table.c[src.id_column])
        return statement, filtered

    def _count(self, src: _Source, statement: Any = None) -> int:
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
        with self._errors(src, "contar"), self._reading() as conn:
            return int(conn.execute(counted).scalar_one())

    def _fetch_one(self, conn: Connection, src: _Source, source_id: str,
                   lock: bool = False) -> dict[str, Any] | None:
        if src.id_column is None:
            raise SourceError(f"La {src.name} no tiene una columna de identificador: indíquela en "
                              "el perfil (id_column).")
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

    def _frame(self, src: _Source, keys: list[str], rows: Sequence[Sequence[Any]]
               ) -> tuple[pd.DataFrame, list[SourceIssue]]:
        records = [dict(zip(keys, row, strict=True)) for row in rows]
        ids = None
        if src.id_column is not None and src.id_column in keys:
            at = keys.index(src.id_column)
            ids = [as_text(row[at]) or f"row-{n}" for n, row in enumerate(rows, start=1)]
            if src.id_copy:
                for record, row in zip(records, rows, strict=True):
                    record[_ID_COPY] = row[at]
                keys = [*keys, _ID_COPY]
        return records_frame(records, self.system, src.entity, src.mapping, name=src.name,
                             fields=keys, ids=ids)

    def _canonical(self, src: _Source, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        frame, _ = self._frame(src, src.columns, [[r.get(c) for c in src.columns] for r in rows])
        return frame_records(frame)

    # --- writing --------------------------------------------------------------------------------

    def _apply(self, src: _Source, correction: Correction) -> Outcome:
        assert src.table is not None and src.id_column is not None
        table, sid = src.table, correction.source_id
        changes = dict(correction.changes)
        not_found = Outcome(OutcomeStatus.REJECTED, "not_found",
                            f"La {src.name} ya no tiene ese registro.")
        with self.engine.connect() as conn:
            transaction = conn.begin()
            try:
                raw = self._fetch_one(conn, src, sid, lock=True)
                if raw is None:
                    transaction.rollback()
                    return not_found
                targets, refused = _targets(self._fields(src, raw), changes)
                if refused:
                    transaction.rollback()
                    return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                                   f"No se puede escribir {', '.join(refused)} en la {src.name}: "
                                   "el campo no viene de una sola columna.")
                current = self._canonical(src, [raw])[0]
                if all(_holds(current, f, v) for f, v in changes.items()):
                    transaction.rollback()
                    return Outcome(OutcomeStatus.APPLIED, "already_applied",
                                   "El registro ya tenía los valores nuevos.", current)
                changed = [f for f, v in correction.expected.items()
                           if not _holds(current, f, v)]
                if changed:
                    transaction.rollback()
                    return _conflict(changed, current)
                values = {col: self._db_value(conn, src, raw, field_, col, changes[field_])
                          for field_, col in targets.items()}
                key_col = table.c[src.id_column]
                guard = [key_col == key_value(key_col, sid)]
                guard += [self._equals(table.c[col], raw[col]) for col in values]
                statement = update(table).where(*guard).values(
                    {table.c[col]: self._bound(table.c[col], value, f"new_{i}")
                     for i, (col, value) in enumerate(values.items())})
                touched = conn.execute(statement).rowcount
                if touched > 1:
                    transaction.rollback()
                    return Outcome(OutcomeStatus.REJECTED, "duplicate_id",
                                   f"Varias filas de la {src.name} tienen ese identificador: indique "
                                   "una columna única en el perfil (id_column).")
                if touched != 1:
                    transaction.rollback()
                    return self._after_race(src, sid, changes, not_found)
            except BaseException:
                if transaction.is_active:
                    transaction.rollback()
                raise
            try:
                transaction.commit()
            except sa_exc.DBAPIError as error:
                log_error(error, "commit")
                raise _CommitUnknown from None
        return Outcome(OutcomeStatus.APPLIED)

    def _after_race(self, src: _Source, sid: str, changes: Mapping[str, Any],
                    not_found: Outcome) -> Outcome:
        """The UPDATE touched no row: someone changed or removed it since we read it."""
        with self._reading() as conn:
            raw = self._fetch_one(conn, src, sid)
        if raw is None:
            return not_found
        current = self._canonical(src, [raw])[0]
        if all(_holds(current, f, v) for f, v in changes.items()):
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           "El registro ya tenía los valores nuevos.", current)
        return _conflict([f for f, v in changes.items() if not _holds(current, f, v)], current)

    def _equals(self, col: Column[Any], value: Any) -> ColumnElement[bool]:
        """``col`` still holds ``value``, NULL included (IS NULL rather than = NULL)."""
        if value is None:
            return col.is_(None)
        return col == self._bound(col, value, None)

    def _bound(self, col: Column[Any], value: Any, name: str | None) -> Any:
        # On SQLite values go as stored (text, numbers): the reflected types' converters
        # expect Python dates where the column holds text.
        return bindparam(name, value, type_=NullType() if self._sqlite else col.type,
                         unique=name is None)

    def _db_value(self, conn: Connection, src: _Source, raw: Mapping[str, Any], field_: str,
                  col: str, value: Any) -> Any:
        """The canonical value as this column writes it."""
        assert src.table is not None
        column_ = src.table.c[col]
        if value is not None and field_ in _CODED and not isinstance(column_.type, sqltypes.Boolean):
            spelled = self._spelled_like(conn, src, raw, field_, col, value)
            if spelled is not None:
                return spelled
        return storable(column_.type, value, self._sqlite)

    def _spelled_like(self, conn: Connection, src: _Source, raw: Mapping[str, Any], field_: str,
                      col: str, value: Any) -> Any:
        """A value some row already has in ``col`` that reads as ``value`` ("Vendido" for sold)."""
        assert src.table is not None
        found = self._spellings.get((src.entity, col))
        if found is None:
            target = src.table.c[col]
            picked = type_coerce(target, NullType()) if self._sqlite else target
            found = list(conn.execute(select(picked).where(target.is_not(None)).distinct()
                                      .limit(_DISTINCT_SAMPLE)).scalars())
            self._spellings[(src.entity, col)] = found
        rows = [{**raw, col: v} for v in found]
        for spelled, record in zip(found, self._canonical(src, rows) if rows else [], strict=True):
            if same(record.get(field_), value):
                return spelled
        return None

    # --- engine, connections, errors ------------------------------------------------------------

    @property
    def _sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def _check_sqlite_file(self) -> None:
        """SQLite would create an empty database for a wrong path: refuse instead."""
        database = self.url.database or ""
        if not self._sqlite or database in ("", ":memory:") or database.startswith("file:"):
            return
        path = Path(database)
        if not path.is_file():
            raise SourceError(f"No se encuentra el archivo de base de datos {path.name} "
                              f"(en {path.parent}).")

    def _create_engine(self, password: str | None, connect_args: Any) -> Engine:
        backend = self.url.get_backend_name()
        args: dict[str, Any] = {"connect_timeout": 15} if backend == "postgresql" else {}
        if connect_args is not None:
            if not isinstance(connect_args, Mapping):
                raise SourceError("connect_args debe ser un objeto {opción: valor}.")
            args.update(connect_args)
        url = self.url.set(password=password) if password else self.url
        try:
            return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=args)
        except (ImportError, sa_exc.NoSuchModuleError) as error:
            raise SourceError(_missing_driver(self.url)) from error
        except (sa_exc.ArgumentError, TypeError, ValueError) as error:
            raise SourceError(f"La URL de base de datos {self.describe()} o sus opciones no son "
                              "válidas.") from error

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection in a transaction that only reads (READ ONLY where the server enforces it)."""
        with self.engine.connect() as conn:
            if self.url.get_backend_name() == "postgresql":
                conn = conn.execution_options(postgresql_readonly=True)
            with conn.begin():
                yield conn

    def _translate(self, error: sa_exc.DBAPIError, src: _Source | None, action: str) -> SourceError:
        return translate(error, where=self.describe(), what=src.name if src else "base de datos",
                         action=action, database=self.url.database)

    @contextmanager
    def _errors(self, src: _Source | None, action: str) -> Iterator[None]:
        """Database errors as a Spanish SourceError of our own (the driver's text can quote
        the statement, its values and personal data: it is never passed on)."""
        try:
            yield
        except sa_exc.NoSuchTableError:
            raise SourceError(f"No existe la tabla en {self.describe()}.") from None
        except sa_exc.DBAPIError as error:
            raise self._translate(error, src, action) from None
        except sa_exc.SQLAlchemyError as error:
            _log.warning("SQL %s: %s", action, type(error).__name__)
            raise SourceError(f"No se pudo {action} en {self.describe()}.") from None

class _CommitUnknown(Exception):
    """The COMMIT itself failed: the change may or may not have been kept."""


# --- options ------------------------------------------------------------------------------------


def _parse_url(raw: str | URL) -> URL:
    try:
        url = make_url(raw)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise SourceError("La URL de base de datos no es válida (ejemplo: "
                          "postgresql://usuario@servidor:5432/base).") from error
    if url.password:
        raise SourceError("La URL de base de datos no debe llevar la contraseña: guárdela con "
                          "«cuadre credentials set FUENTE».")
    return url


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _driver_url(url: URL) -> URL:
    """Pick the driver that is installed when the URL names none: psycopg 3 for PostgreSQL
    (SQLAlchemy's default is psycopg2), PyMySQL for MySQL/MariaDB; refuse SQL Server clearly
    when its ODBC bridge is missing."""
    backend, _, driver = url.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql" and not driver and not _installed("psycopg2"):
        driver = "psycopg"
    if backend in ("mysql", "mariadb") and not driver and not _installed("MySQLdb"):
        driver = "pymysql"
    if backend == "mssql" and (driver or "pyodbc") == "pyodbc" and not _installed("pyodbc"):
        raise SourceError(_missing_driver(url))
    return url.set(drivername=f"{backend}+{driver}" if driver else backend)


def _missing_driver(url: URL) -> str:
    if url.get_backend_name() == "mssql":
        return ("Para leer SQL Server instale el controlador pyodbc («pip install pyodbc») y el "
                "«ODBC Driver 18 for SQL Server» de Microsoft, y vuelva a intentar.")
    return (f"No está instalado el controlador de base de datos para «{url.drivername}»: "
            "instale el controlador indicado o use otro en la URL.")


def _per_entity(raw: Any, option: str, *, allow_all: bool = False) -> dict[Entity, str]:
    """``{entity: text}`` from the profile (or one text for every entity, where allowed)."""
    if raw is None:
        return {}
    if isinstance(raw, str) and allow_all:
        return dict.fromkeys(Entity, raw)
    if not isinstance(raw, Mapping):
        raise SourceError(f"La opción {option} debe ser un objeto {{entidad: valor}}.")
    out: dict[Entity, str] = {}
    for key, value in raw.items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(f"En {option}, «{key}» no es una entidad "
                              f"({', '.join(e.value for e in Entity)}).") from None
        if not isinstance(value, str) or (not value.strip() and option != "queries"):
            raise SourceError(f"En {option}, el valor de {key} debe ser un texto.")
        out[entity] = value.strip()
    return out


def _entity_mappings(raw: Mapping[str, Any] | None) -> dict[Entity, dict[str, list[str]]]:
    if not raw:
        return {}
    out: dict[Entity, dict[str, list[str]]] = {}
    for key, one in raw.items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError("El mapeo de una base de datos va por entidad: "
                              '{"customers": {"doc_number": "cedula"}, …}; '
                              f"«{key}» no es una entidad.") from None
        if not isinstance(one, Mapping):
            raise SourceError(f"El mapeo de {key} debe ser un objeto {{campo: columna}}.")
        out[entity] = normalize_mapping(entity, one)
    return out


def _positive(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value <= 0:
        raise SourceError("chunk_size debe ser un número entero positivo de filas.")
    return value


def _targets(fields: Mapping[str, list[str]], changes: Mapping[str, Any]
             ) -> tuple[dict[str, str], list[str]]:
    """Canonical field → the one column that holds it; the fields that have no such column."""
    targets: dict[str, str] = {}
    refused: list[str] = []
    for name in changes:
        columns = fields.get(name, [])
        if name == "source_id" or len(columns) != 1 or columns[0] in targets.values():
            refused.append(name)
        else:
            targets[name] = columns[0]
    return targets, refused


def _holds(record: Mapping[str, Any], field_: str, wanted: Any) -> bool:
    """Whether a canonical record holds ``wanted`` in ``field_`` as compare-and-set sees it:
    a difference of form (a phone's spacing or +57, an e-mail's case) is none."""
    return same(record.get(field_), wanted) or same_in_form(field_, record.get(field_), wanted)


def _conflict(fields: list[str], current: Mapping[str, Any]) -> Outcome:
    return Outcome(OutcomeStatus.CONFLICT, "expected_mismatch",
                   f"El registro cambió desde la aprobación ({', '.join(fields)}): revise los valores "
                   "actuales antes de corregir.", current)


def _sentence(error: Exception) -> str:
    return str(error) if isinstance(error, SourceError) else "La entidad no es válida."


__all__ = ["DEFAULT_TABLES", "SqlConnector"]
