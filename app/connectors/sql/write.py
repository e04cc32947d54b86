"""Writing one approved correction to a database row: a compare-and-set in one transaction.

The row is read (locked where the database can), its canonical values are checked against the
values read at approval, and the ``UPDATE`` repeats the raw values just read in its ``WHERE``,
so a write that raced ours makes it touch no row — which is then read again to say applied,
conflict or not found. A coded field (a status, a yes/no) is written in the column's own words
when some row already uses them. SQLite needs no SAVEPOINT here, so pysqlite's transaction
quirk is harmless. Whatever goes wrong is an :class:`~app.connectors.base.Outcome`, never an
exception: the push decides from it (DESIGN §6).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import InvalidOperation
from typing import Any

from sqlalchemy import Column, bindparam, select, type_coerce, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from app.connectors import creations
from app.connectors.base import AuthError, Correction, Outcome, OutcomeStatus, SourceError
from app.connectors.files.headers import kind_name
from app.connectors.sql.database import Database, Source
from app.connectors.sql.errors import log_error, sqlstate
from app.connectors.sql.orders import cancel as cancel_order
from app.connectors.sql.orders import place as place_order
from app.connectors.sql.values import key_value, same, storable
from app.connectors.values import same_in_form
from app.domain.i18n import mark_app
from app.domain.schema import Entity

# The connector's one logger (``errors`` logs under it too).
_log = logging.getLogger("app.connectors.sql.connector")

#: Canonical fields read through a code table (a status, a yes/no): written back in the
#: column's own words ("Vendido", "13", "Sí") when some row already uses them.
CODED = frozenset({"doc_type", "status", "stage", "habeas_data_consent", "claim_in_progress",
                   "is_customer"})
_DISTINCT_SAMPLE = 500


class CommitUnknown(Exception):
    """The COMMIT itself failed: the change may or may not have been kept."""


class Writer:
    """The writes of one database: one correction at a time."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def apply(self, correction: Correction) -> Outcome:
        """Apply one correction as a compare-and-set; never raises for what an Outcome says.
        A creation (a CRM follow-up) is refused at once: Cuadre never inserts rows here."""
        cannot = creations.refused(correction, "una base de datos SQL")
        if cannot is not None:
            return cannot
        try:
            entity = Entity(correction.entity)
            src = self.db.source(entity)
        except (SourceError, ValueError) as error:
            reason = "auth" if isinstance(error, AuthError) else "source"
            return Outcome(OutcomeStatus.FAILED, reason, _sentence(error))
        if src.table is None:
            return Outcome(OutcomeStatus.REJECTED, "read_only",
                           f"Los datos de {kind_name(entity)} se leen con una consulta: son de "
                           "solo lectura. "
                           "Para corregirlos, configure la tabla en el perfil.")
        if src.id_column is None:
            return Outcome(OutcomeStatus.REJECTED, "no_id_column",
                           f"La {src.name} no tiene una columna de identificador: indíquela en el "
                           "perfil (id_column).")
        try:
            outcome = self._apply(src, correction)
        except CommitUnknown:
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
            failure = self.db.translate_error(error, src, mark_app("app.connectors", "corregir"))
            reason = "auth" if isinstance(failure, AuthError) else "database"
            return Outcome(OutcomeStatus.FAILED, reason, str(failure))
        except sa_exc.SQLAlchemyError as error:
            _log.warning("SQL apply: %s", type(error).__name__)
            return Outcome(OutcomeStatus.FAILED, "database",
                           f"No se pudo corregir la {src.name} en {self.db.describe()}.")
        if outcome.status is OutcomeStatus.APPLIED and outcome.record is None:
            try:
                record = self.db.read(entity, correction.source_id)
            except SourceError:
                record = None
            return Outcome(outcome.status, outcome.reason, outcome.detail, record)
        return outcome


    def _apply(self, src: Source, correction: Correction) -> Outcome:
        assert src.table is not None and src.id_column is not None
        table, sid = src.table, correction.source_id
        changes = dict(correction.changes)
        not_found = Outcome(OutcomeStatus.REJECTED, "not_found",
                            f"La {src.name} ya no tiene ese registro.")
        with self.db.engine.connect() as conn:
            transaction = conn.begin()
            try:
                raw = self.db.fetch_one(conn, src, sid, lock=True)
                if raw is None:
                    transaction.rollback()
                    return not_found
                targets, refused = _targets(self.db.fields_of(src, raw), changes)
                if refused:
                    transaction.rollback()
                    return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                                   f"No se puede escribir {', '.join(refused)} en la {src.name}: "
                                   "el campo no viene de una sola columna.")
                current = self.db.canonical(src, [raw])[0]
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
                detail = self._order(conn, correction, current)
            except BaseException:
                if transaction.is_active:
                    transaction.rollback()
                raise
            try:
                transaction.commit()
            except sa_exc.DBAPIError as error:
                log_error(error, "commit")
                raise CommitUnknown from None
        return Outcome(OutcomeStatus.APPLIED, "", detail)

    def _order(self, conn: Connection, c: Correction, current: Mapping[str, Any]) -> str:
        """A reservation's order inserted (or its undo's cancelled) in the same transaction,
        where the profile names an orders table (:mod:`app.connectors.sql.orders`)."""
        option = self.db.orders
        reserving, releasing = creations.reserves(c), creations.releases(c)
        if option is None or not (reserving or releasing):
            return ""
        if reserving:
            return place_order(conn, self.db.engine, option, current, c.source_id, reserving)
        assert releasing is not None
        return cancel_order(conn, self.db.engine, option, c.source_id, releasing)

    def _after_race(self, src: Source, sid: str, changes: Mapping[str, Any],
                    not_found: Outcome) -> Outcome:
        """The UPDATE touched no row: someone changed or removed it since we read it."""
        with self.db.reading() as conn:
            raw = self.db.fetch_one(conn, src, sid)
        if raw is None:
            return not_found
        current = self.db.canonical(src, [raw])[0]
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
        return bindparam(name, value, type_=NullType() if self.db.sqlite else col.type,
                         unique=name is None)

    def _db_value(self, conn: Connection, src: Source, raw: Mapping[str, Any], field_: str,
                  col: str, value: Any) -> Any:
        """The canonical value as this column writes it."""
        assert src.table is not None
        column_ = src.table.c[col]
        if value is not None and field_ in CODED and not isinstance(column_.type, sqltypes.Boolean):
            spelled = self._spelled_like(conn, src, raw, field_, col, value)
            if spelled is not None:
                return spelled
        return storable(column_.type, value, self.db.sqlite)

    def _spelled_like(self, conn: Connection, src: Source, raw: Mapping[str, Any], field_: str,
                      col: str, value: Any) -> Any:
        """A value some row already has in ``col`` that reads as ``value`` ("Vendido" for sold)."""
        assert src.table is not None
        found = self.db.spellings.get((src.entity, col))
        if found is None:
            target = src.table.c[col]
            picked = type_coerce(target, NullType()) if self.db.sqlite else target
            found = list(conn.execute(select(picked).where(target.is_not(None)).distinct()
                                      .limit(_DISTINCT_SAMPLE)).scalars())
            self.db.spellings[(src.entity, col)] = found
        rows = [{**raw, col: v} for v in found]
        for spelled, record in zip(found, self.db.canonical(src, rows) if rows else [], strict=True):
            if same(record.get(field_), value):
                return spelled
        return None


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
