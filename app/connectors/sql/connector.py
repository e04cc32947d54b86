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

Beneath it: ``database`` (the engine, each entity's source, reading rows), ``write`` (the
compare-and-set), ``options`` (a profile's options checked), ``query`` (the read-only check),
``errors`` (errors as Spanish sentences), ``values`` (values between canonical and column,
``since``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import select

from app.connectors.base import Correction, Outcome, SourceIssue, in_spanish
from app.connectors.files.cells import as_text
from app.connectors.sql.database import Database
from app.connectors.sql.values import changed_since, since_moment
from app.connectors.sql.write import Writer
from app.domain.i18n import mark_app, tr_app
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task, run


class SqlConnector(Database):
    """One database (any SQLAlchemy URL) read as the Connector protocol asks, and written to
    one approved correction at a time (options: :class:`~app.connectors.sql.database.Database`).
    """

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
        src = self.source(entity)
        statement, filtered = self._pull_statement(src, moment)
        total = self._count(src, statement if src.table is not None else None)
        yield Progress(step, 0, total, src.name)
        rows: list[Sequence[Any]] = []
        keys: list[str] = []
        with self._errors(src, mark_app("app.connectors", "leer")), self.reading() as conn:
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

    # -- what changed (an incremental run) ---------------------------------------------------

    def why_not_incremental(self, entity: Entity | str) -> str | None:
        """None when ``entity`` is a table with an id column and a change-time column."""
        src = self.source(Entity(entity))
        if src.table is None:
            return tr_app("app.connectors", "una consulta se lee entera cada vez")
        if src.id_column is None:
            return tr_app("app.connectors", "la tabla {name} no tiene columna de identificador "
                          "(id_column)").format(name=src.name)
        if src.updated_column is None:
            return tr_app("app.connectors", "la tabla {name} no tiene columna de fecha de cambio "
                          "(updated_column)").format(name=src.name)
        return None

    def version(self, entity: Entity | str) -> str | None:
        return None

    def list_ids(self, entity: Entity | str) -> list[str]:
        """Every id of the entity's table, as ``pull`` names its records, in its order (a row
        without one: "")."""
        src = self.source(Entity(entity))
        assert src.table is not None and src.id_column is not None
        col = src.table.c[src.id_column]
        with self._errors(src, mark_app("app.connectors", "leer")), self.reading() as conn:
            return [as_text(v) or "" for v in conn.execute(select(col).order_by(col)).scalars()]

    def count(self, entity: Entity | str) -> int:
        """How many rows the entity's table or query has."""
        return self._count(self.source(Entity(entity)))

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        """Apply one correction as a compare-and-set; never raises for what an Outcome says.
        A creation (a CRM follow-up) is refused at once: Cuadre never inserts rows here."""
        return Writer(self).apply(correction)


__all__ = ["SqlConnector"]
