"""Connectors for the demo CRM and demo ERP SQLite files (``app/demo/systems.py``).

They read each system's own tables and map them to the canonical schema: document numbers
without dots or DV, DIVIPOLA codes for free-text cities, phones as 10 digits, amounts as
``Decimal``, timestamps with their zone. A cell that cannot be read is reported as a
:class:`SourceIssue` and left empty; the row is kept. Pulls open the file read-only.

They are also writable, so the whole write-back loop works on the embedded demo:

- ``read(entity, source_id)``: one record, canonical, or None.
- Besides what is reconciled, what the dealer insights read: the ERP's invoices, workshop
  visits and contracts, the CRM's follow-ups (a CRM asked for an ERP-only entity, or the other
  way round, raises ``ValueError``: the engine takes it as "not in this source").
- ``apply(correction)``: a compare-and-set in one SQLite write transaction (``BEGIN
  IMMEDIATE``): read the record, answer *applied* when it already holds the new values,
  *conflict* when it no longer holds the values read at approval (compared as
  :func:`app.writeback.push.equal` does), else write the raw column(s) with the inverse of
  the read mapping (a city code becomes the CRM's city name, a status the system's own word,
  a customer document the ERP's ``tercero_id``…) and read it back in the same transaction.
  A field with no simple raw column is *rejected* with a Spanish sentence, and so is a value
  the system would not read back as sent (nothing is written then).
- A *creation* (a CRM follow-up: ``expected`` empty, the record not there yet) inserts the
  record with the id it was given and reads it back; already there with those values →
  *applied*, with others → *conflict*; a customer with no CRM contact → *rejected*
  (``not_in_crm``).
- ``merge(request)``: a :class:`MergeRequest` at once or not at all, when every involved
  record still stands as the request expects (:mod:`app.connectors.merge_check`, the same
  question the push asks after a lost answer): the survivor gets the chosen values, the
  merged records are hidden (``fusionado_en``), children are re-pointed; ``undo`` gives the
  survivor its snapshot values back, lists the merged records again and re-points the
  children back.

Every write records its idempotency key and outcome in the system's ``cuadre_aplicados``
table, in the same transaction: a repeated key answers the first outcome and writes nothing.
Both are in a generated demo's contacts and parties (``app/demo/systems.py``); the vehicle
tables, and files of an older generator, get them with the first write that needs them.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from app.connectors import merge_check
from app.connectors.base import (
    Correction,
    MergeRequest,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
)
from app.demo.systems import (
    APPLIED_DDL,
    CRM_DEAL_STAGE,
    CRM_FOLLOWUP_KIND,
    CRM_FOLLOWUP_STATUS,
    CRM_VEHICLE_STATUS,
    ERP_CONTRACT_KIND,
    ERP_INVOICE_STATUS,
    ERP_SERVICE_KIND,
    ERP_VEHICLE_STATUS,
    MERGEABLE_TABLES,
    MERGED_COLUMN,
)
from app.domain import divipola
from app.domain.labels import field_label
from app.domain.schema import Entity, System, frame
from app.domain.values import (
    CANONICAL_TO_DIAN,
    DIAN_DOC_TYPES,
    clean_text,
    fold,
    money_str,
    normalize_doc_number,
    normalize_email,
    normalize_phone,
    normalize_vin,
    split_nit,
    to_decimal,
)

log = logging.getLogger(__name__)

_CRM_STATUS = {v: k for k, v in CRM_VEHICLE_STATUS.items()}
_ERP_STATUS = {v: k for k, v in ERP_VEHICLE_STATUS.items()}
_CRM_STAGE = {v: k for k, v in CRM_DEAL_STAGE.items()}
_FOLLOWUP_KIND = {v: k for k, v in CRM_FOLLOWUP_KIND.items()}
_FOLLOWUP_STATUS = {v: k for k, v in CRM_FOLLOWUP_STATUS.items()}
_INVOICE_STATUS = {v: k for k, v in ERP_INVOICE_STATUS.items()}
_SERVICE_KIND = {v: k for k, v in ERP_SERVICE_KIND.items()}
_CONTRACT_KIND = {v: k for k, v in ERP_CONTRACT_KIND.items()}

#: Both demo systems keep local Colombian time with its offset (no daylight saving time).
_BOGOTA = timezone(timedelta(hours=-5))

_ENTITY_WORDS = {Entity.CUSTOMERS: "clientes", Entity.PAYMENTS: "pagos",
                 Entity.VEHICLES: "vehículos", Entity.DEALS: "negocios",
                 Entity.INVOICES: "facturas", Entity.SERVICES: "visitas al taller",
                 Entity.CONTRACTS: "contratos", Entity.FOLLOWUPS: "seguimientos"}


@dataclass(frozen=True, slots=True)
class _Query:
    """Where one entity lives: the SELECT (with its joins), the table's alias, the table
    written to and its change-stamp column."""

    select: str
    alias: str
    table: str
    stamp: str

    @property
    def mergeable(self) -> bool:
        return self.table in MERGEABLE_TABLES


class _Refused(Exception):
    """A value the system cannot hold: becomes a REJECTED outcome with this sentence."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class _Ctx:
    """What a field writer sees: the write connection, the raw row as it stands (with the
    writes of this change so far) and the records to prefer when a document names several."""

    conn: sqlite3.Connection
    row: dict[str, Any]
    prefer: tuple[str, ...] = ()


#: A field writer: (context, canonical value) → raw column updates. Raises _Refused.
Writer = Callable[[_Ctx, Any], dict[str, Any]]


class _SqliteSource:
    system: System
    QUERIES: ClassVar[Mapping[Entity, _Query]] = {}
    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {}
    #: Entities a correction may create (``expected`` empty: "must not exist yet"), with the
    #: fields a new record must have and the values it gets when the correction omits them.
    CREATES: ClassVar[Mapping[Entity, tuple[tuple[str, ...], Mapping[str, Any]]]] = {}

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._issues: list[SourceIssue] = []

    def describe(self) -> str:
        return f"demo {self.system.value.upper()} ({self.path.name})"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    @property
    def _word(self) -> str:
        return self.system.value.upper()

    # --- reading ------------------------------------------------------------------------------

    def _connect(self, write: bool = False) -> sqlite3.Connection:
        if not self.path.exists():
            raise FileNotFoundError(self.path)
        if write:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            conn.execute("PRAGMA foreign_keys=ON")
        else:
            # Read-only: pulling must never change the source.
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
        conn.row_factory = sqlite3.Row
        return conn

    def _sql(self, conn: sqlite3.Connection, entity: Entity, *, one: bool = False,
             hidden: bool = False) -> str:
        query = self.QUERIES[entity]
        where = []
        if not hidden and _marks_merges(conn, query.table):
            where.append(f"{query.alias}.{MERGED_COLUMN} IS NULL")
        if one:
            where.append(f"{query.alias}.id = :id")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"{query.select}{clause} ORDER BY {query.alias}.id"

    @staticmethod
    def _rows(conn: sqlite3.Connection, sql: str,
              params: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        for row in conn.execute(sql, dict(params or {})):
            yield dict(row)

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

    def _reader(self, entity: Entity) -> Callable[[Iterable[dict[str, Any]]], Iterator[dict[str, Any]]]:
        readers = {
            Entity.CUSTOMERS: self._customers,
            Entity.PAYMENTS: self._payments,
            Entity.VEHICLES: self._vehicles,
            Entity.DEALS: self._deals,
            Entity.INVOICES: self._invoices,
            Entity.SERVICES: self._services,
            Entity.CONTRACTS: self._contracts,
            Entity.FOLLOWUPS: self._followups,
        }
        if entity not in self.QUERIES:
            raise ValueError(f"{self.system} has no {entity}")
        return readers[entity]

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        entity = Entity(entity)
        read = self._reader(entity)
        self._issues = [i for i in self._issues if i.entity != entity]
        conn = self._connect()
        try:
            if not _has_table(conn, self.QUERIES[entity].table):
                # A demo file of an older generator: the insights go without it.
                raise ValueError(f"{self.system} has no {entity}")
            return frame(entity, list(read(self._rows(conn, self._sql(conn, entity)))))
        finally:
            conn.close()

    def read(self, entity: Entity | str, source_id: str) -> dict[str, Any] | None:
        """The record ``source_id`` in the canonical schema, or None when there is none (a
        merged record is gone, as in the listings)."""
        try:
            conn = self._connect()
            try:
                return self._read(conn, Entity(entity), source_id)
            finally:
                conn.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("demo %s read failed: %s", self.system.value, type(exc).__name__)
            raise SourceError(f"No se pudo leer el {self._word} de demostración: el archivo no "
                              "está o está bloqueado.") from None

    def _read(self, conn: sqlite3.Connection, entity: Entity, source_id: str, *,
              hidden: bool = False) -> dict[str, Any] | None:
        if entity not in self.QUERIES:
            return None
        issues = list(self._issues)  # one record read back is not a pull: no issues kept
        try:
            rows = self._rows(conn, self._sql(conn, entity, one=True, hidden=hidden),
                              {"id": self._id(source_id)})
            found = list(self._reader(entity)(rows))
        finally:
            self._issues = issues
        return found[0] if found else None

    def _raw(self, conn: sqlite3.Connection, entity: Entity, source_id: str) -> dict[str, Any]:
        table = self.QUERIES[entity].table
        row = conn.execute(f"SELECT * FROM {table} WHERE id = :id",
                           {"id": self._id(source_id)}).fetchone()
        assert row is not None  # read just before, in the same transaction
        return dict(row)

    def _id(self, source_id: str) -> Any:
        return source_id

    def _customers(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _payments(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _vehicles(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover

    def _deals(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no deals")

    def _invoices(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no invoices")

    def _services(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no workshop visits")

    def _contracts(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no contracts")

    def _followups(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        raise ValueError(f"{self.system} has no follow-ups")

    # --- writing ------------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the database's write lock at once."""
        conn = self._connect(write=True)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def apply(self, correction: Correction) -> Outcome:
        """Apply one correction once, as a compare-and-set; never raises for an outcome."""
        entity = Entity(correction.entity)
        return self._once(correction.key, entity, correction.source_id,
                          lambda conn: self._apply(conn, entity, correction))

    def merge(self, request: MergeRequest) -> Outcome:
        """Apply (or undo) one merge at once: all of it or nothing."""
        entity = Entity(request.entity)
        if entity not in self.QUERIES or not self.QUERIES[entity].mergeable:
            return Outcome(OutcomeStatus.REJECTED, "not_mergeable",
                           f"El {self._word} de demostración no fusiona "
                           f"{_ENTITY_WORDS[entity]}.")
        return self._once(request.key, entity, request.survivor,
                          lambda conn: self._merge(conn, entity, request))

    def _once(self, key: str, entity: Entity, source_id: str,
              work: Callable[[sqlite3.Connection], Outcome]) -> Outcome:
        """Run ``work`` in one write transaction, once per idempotency key: a key already
        recorded answers its first outcome; ``work``'s writes are kept only when it applied."""
        try:
            with self._writing() as conn:
                conn.execute(APPLIED_DDL)
                first = self._recorded(conn, key)
                if first is not None:
                    return Outcome(first.status, first.reason, first.detail,
                                   self._read(conn, entity, source_id))
                conn.execute("SAVEPOINT cambio")
                try:
                    outcome = work(conn)
                except _Refused as refused:
                    outcome = Outcome(OutcomeStatus.REJECTED, refused.reason, refused.detail)
                if outcome.status is not OutcomeStatus.APPLIED:
                    conn.execute("ROLLBACK TO cambio")
                conn.execute("RELEASE cambio")
                self._record(conn, key, outcome)
                return outcome
        except (sqlite3.Error, OSError) as exc:
            log.warning("demo %s write failed: %s", self.system.value, type(exc).__name__)
            return Outcome(OutcomeStatus.FAILED, "unavailable",
                           f"No se pudo escribir en el {self._word} de demostración: el archivo "
                           "no está o está bloqueado.")

    @staticmethod
    def _recorded(conn: sqlite3.Connection, key: str) -> Outcome | None:
        if not key:
            return None
        row = conn.execute("SELECT resultado FROM cuadre_aplicados WHERE clave = :k",
                           {"k": key}).fetchone()
        if row is None:
            return None
        first = json.loads(row[0])
        return Outcome(OutcomeStatus(first["status"]), first.get("reason", ""),
                       first.get("detail", ""))

    @staticmethod
    def _record(conn: sqlite3.Connection, key: str, outcome: Outcome) -> None:
        if not key:
            return
        text = json.dumps({"status": outcome.status.value, "reason": outcome.reason,
                           "detail": outcome.detail}, ensure_ascii=False)
        conn.execute("INSERT INTO cuadre_aplicados (clave, resultado) VALUES (:k, :r)",
                     {"k": key, "r": text})

    def _apply(self, conn: sqlite3.Connection, entity: Entity, c: Correction) -> Outcome:
        creation = entity in self.CREATES and not c.expected
        current = self._read(conn, entity, c.source_id)
        if current is None:
            return self._create(conn, entity, c) if creation else self._missing(entity)
        if _holds(current, c.changes):
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           f"El {self._word} ya tenía los valores nuevos.", current)
        if creation:
            return Outcome(OutcomeStatus.CONFLICT, "already_exists",
                           f"El {self._word} ya tiene un registro de {_ENTITY_WORDS[entity]} "
                           "con ese identificador y otros valores ("
                           + ", ".join(field_label(f) for f in _differing(current, c.changes))
                           + "): no se creó otro.", current)
        stale = _differing(current, c.expected)
        if stale:
            return Outcome(OutcomeStatus.CONFLICT, "changed_since_approval",
                           f"El registro cambió en el {self._word} desde la aprobación ("
                           + ", ".join(field_label(f) for f in stale) + ").", current)
        self._update(conn, entity, c.source_id, c.changes)
        after = self._read(conn, entity, c.source_id)
        assert after is not None
        self._check_written(after, c.changes)
        return Outcome(OutcomeStatus.APPLIED, "", "", after)

    def _create(self, conn: sqlite3.Connection, entity: Entity, c: Correction) -> Outcome:
        """Insert the record ``c.source_id`` with ``c.changes`` (written through the same
        field writers as an update) and read it back in this transaction."""
        query = self.QUERIES[entity]
        required, defaults = self.CREATES[entity]
        values = {**defaults, **{k: v for k, v in c.changes.items() if k != "source_id"}}
        missing = [name for name in required if values.get(name) in (None, "")]
        if missing:
            raise _Refused("missing_field",
                           f"Faltan datos para crear el registro en el {self._word} ("
                           + ", ".join(field_label(f) for f in missing) + "): no se creó nada.")
        row = self._raw_values(conn, entity, {"id": c.source_id}, values)
        row.setdefault(query.stamp, _now_stamp())
        columns = ["id", *row]
        conn.execute(f"INSERT INTO {query.table} ({', '.join(columns)}) VALUES "
                     f"({', '.join(':' + col for col in columns)})",
                     {"id": c.source_id, **row})
        after = self._read(conn, entity, c.source_id)
        assert after is not None
        self._check_written(after, values)
        return Outcome(OutcomeStatus.APPLIED, "", f"Registro creado en el {self._word}.", after)

    def _missing(self, entity: Entity) -> Outcome:
        return Outcome(OutcomeStatus.CONFLICT, "not_found",
                       f"El registro ya no existe en el {self._word}.")

    def _check_written(self, record: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        """Refuse (and so roll back) a write the system does not read back as sent."""
        wrong = _differing(record, values)
        if wrong:
            raise _Refused("unsupported_value",
                           f"El {self._word} de demostración no guarda ese valor tal cual ("
                           + ", ".join(field_label(f) for f in wrong) + "): no se escribió nada.")

    def _update(self, conn: sqlite3.Connection, entity: Entity, source_id: str,
                values: Mapping[str, Any], prefer: tuple[str, ...] = ()) -> None:
        """Write canonical ``values`` to the record's raw columns (and its change stamp, unless
        ``values`` sets ``updated_at`` itself)."""
        query = self.QUERIES[entity]
        updates = self._raw_values(conn, entity, self._raw(conn, entity, source_id), values,
                                   prefer)
        if "updated_at" not in values:
            updates[query.stamp] = _now_stamp()
        if updates:
            sets = ", ".join(f"{column} = :{column}" for column in updates)
            conn.execute(f"UPDATE {query.table} SET {sets} WHERE id = :__id",
                         {**updates, "__id": self._id(source_id)})

    def _raw_values(self, conn: sqlite3.Connection, entity: Entity, raw: dict[str, Any],
                    values: Mapping[str, Any],
                    prefer: tuple[str, ...] = ()) -> dict[str, Any]:
        """Canonical ``values`` as the raw column values that hold them (the inverse of the
        read mapping), given the raw row as it stands."""
        writers = self.WRITERS.get(entity, {})
        ctx = _Ctx(conn, raw, prefer)
        updates: dict[str, Any] = {}
        for name, value in values.items():
            writer = writers.get(name)
            if writer is None:
                raise _Refused("field_not_writable",
                               f"El {self._word} de demostración no tiene dónde guardar "
                               f"«{field_label(name)}» de {_ENTITY_WORDS[entity]}.")
            part = writer(ctx, value)
            ctx.row.update(part)
            updates.update(part)
        return updates

    # --- merges -------------------------------------------------------------------------------

    def _merge(self, conn: sqlite3.Connection, entity: Entity, r: MergeRequest) -> Outcome:
        """Merge (or, with ``r.undo``, restore) when the records stand where the request
        expects them (:func:`app.connectors.merge_check.merge_state`); already done → applied
        without a write; anything else → conflict."""
        state, why = self._merge_state(conn, entity, r)
        survivor = self._read(conn, entity, r.survivor)
        if state == merge_check.AFTER:
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           f"El {self._word} ya estaba así: no se escribió nada.", survivor)
        if state == merge_check.OTHER:
            return Outcome(OutcomeStatus.CONFLICT,
                           "not_found" if survivor is None else "changed_since_approval",
                           why, survivor)
        if not r.undo:
            if r.changes:
                self._update(conn, entity, r.survivor, r.changes)
            self._hide(conn, entity, r.merged, _now_stamp())
            for child in r.children:
                self._update(conn, child.entity, child.source_id, {child.field: child.new},
                             prefer=(r.survivor,))
        else:
            before = r.snapshot.get(r.survivor, {})
            self._update(conn, entity, r.survivor, {k: before.get(k) for k in r.changes})
            self._hide(conn, entity, r.merged, None)
            for child in r.children:
                self._update(conn, child.entity, child.source_id, {child.field: child.old},
                             prefer=r.merged)
        state, why = self._merge_state(conn, entity, r)
        if state != merge_check.AFTER:
            raise _Refused("unsupported_value", f"El {self._word} de demostración no pudo dejar "
                           f"la fusión como se aprobó; no se escribió nada. {why}".strip())
        n = len(r.merged)
        detail = (f"Fusión deshecha: {n} registro(s) restaurado(s)." if r.undo
                  else f"{n} registro(s) fusionado(s) en {r.survivor}.")
        return Outcome(OutcomeStatus.APPLIED, "", detail, self._read(conn, entity, r.survivor))

    def _merge_state(self, conn: sqlite3.Connection, entity: Entity,
                     r: MergeRequest) -> tuple[str, str]:
        """Where the records stand against ``r``, as read in this transaction."""
        survivor = self._read(conn, entity, r.survivor)
        merged = {m: self._read(conn, entity, m) for m in r.merged}
        children = {merge_check.child_key(c.entity, c.source_id):
                    self._read(conn, Entity(c.entity), c.source_id) for c in r.children}
        return merge_check.merge_state(r, survivor, merged, children, _equal)

    def _hide(self, conn: sqlite3.Connection, entity: Entity, ids: Iterable[str],
              stamp: str | None) -> None:
        """Mark ``ids`` merged at ``stamp`` (None: back in the listings); the table gets its
        ``fusionado_en`` column with its first merge."""
        table = self.QUERIES[entity].table
        if not _marks_merges(conn, table):
            if stamp is None:
                return  # never merged: nothing to bring back
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {MERGED_COLUMN} TEXT")
        for sid in ids:
            conn.execute(f"UPDATE {table} SET {MERGED_COLUMN} = :at WHERE id = :id",
                         {"at": stamp, "id": self._id(sid)})


def _marks_merges(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` has had a merge (its ``fusionado_en`` column)."""
    return table in MERGEABLE_TABLES and any(
        row[1] == MERGED_COLUMN for row in conn.execute(f"PRAGMA table_info({table})"))


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :t",
                        {"t": table}).fetchone() is not None


def _listed(conn: sqlite3.Connection, table: str) -> str:
    """The WHERE clause that keeps a table's records a merge has not hidden."""
    return f" WHERE {MERGED_COLUMN} IS NULL" if _marks_merges(conn, table) else ""


# --- canonical comparisons ----------------------------------------------------------------------


def _equal(current: Any, wanted: Any, field: str | None = None) -> bool:
    """The push's own equality (one notion of "the same"); a city's name is also the same
    when it names the same municipality — the ERP keeps only the code and gives back DIVIPOLA's
    name («Itagui» is «Itagüí»), the CRM may keep the department after it."""
    from app.writeback.push import equal

    if equal(current, wanted, field):
        return True
    return field == "city_name" and _same_city(current, wanted)


def _same_city(a: Any, b: Any) -> bool:
    if clean_text(a) is None or clean_text(b) is None:
        return False
    code_a, code_b = divipola.city_code(a), divipola.city_code(b)
    if code_a is not None and code_b is not None:
        return code_a == code_b
    # An ambiguous name («Mosquera») and the same name with its department.
    head_a, head_b = (fold(str(v)).split(",")[0].split("(")[0].strip() for v in (a, b))
    return head_a == head_b and (code_a or code_b) is not None


def _holds(record: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    return all(_equal(record.get(k), v, k) for k, v in values.items())


def _differing(record: Mapping[str, Any], values: Mapping[str, Any]) -> list[str]:
    return sorted(k for k, v in values.items() if not _equal(record.get(k), v, k))


# --- reading cells ------------------------------------------------------------------------------


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


def _kilometres(raw: Any) -> int | None:
    """An odometer reading: whole kilometres (the ERP keeps an integer)."""
    if raw is None or raw == "":
        return None
    value = int(raw)
    if value < 0:
        raise ValueError("negative odometer")
    return value


# --- writing cells (the inverse of the readers) -------------------------------------------------


def _now_stamp() -> str:
    return datetime.now(_BOGOTA).replace(microsecond=0).isoformat()


def _refuse_value(name: str, value: Any) -> _Refused:
    return _Refused("unsupported_value",
                    f"El valor «{value}» no es válido para «{field_label(name)}».")


def _text_value(value: Any) -> str | None:
    return clean_text(value)


def _money_value(name: str, value: Any, required: bool = False) -> str | None:
    try:
        amount = to_decimal(value)
    except (ValueError, TypeError):
        raise _refuse_value(name, value) from None
    if amount is None:
        if required:
            raise _refuse_value(name, value)
        return None
    if not amount.is_finite():
        raise _refuse_value(name, value)
    return money_str(amount)


def _date_value(name: str, value: Any, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise _refuse_value(name, value)
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise _refuse_value(name, value) from None


def _stamp_value(value: Any) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise _refuse_value("updated_at", value) from None
    if moment.tzinfo is None:
        raise _refuse_value("updated_at", value)
    return moment.isoformat()


def _column(column: str, convert: Callable[[Any], Any] = _text_value) -> Writer:
    """A field held as is in one column."""
    return lambda _ctx, value: {column: convert(value)}


def _money_column(column: str, name: str, required: bool = False) -> Writer:
    return lambda _ctx, value: {column: _money_value(name, value, required)}


def _date_column(column: str, name: str, required: bool = False) -> Writer:
    return lambda _ctx, value: {column: _date_value(name, value, required)}


def _flag_column(column: str) -> Writer:
    return lambda _ctx, value: {column: int(bool(value))}


def _year_column(column: str) -> Writer:
    def write(_ctx: _Ctx, value: Any) -> dict[str, Any]:
        text_ = clean_text(value)
        if text_ is not None and not text_.isdigit():
            raise _refuse_value("model_year", value)
        return {column: None if text_ is None else int(text_)}
    return write


def _coded_column(column: str, name: str, codes: Mapping[str, str]) -> Writer:
    """A canonical code stored as the system's own word (a status, a deal stage)."""
    def write(_ctx: _Ctx, value: Any) -> dict[str, Any]:
        text_ = clean_text(value)
        if text_ is None:
            return {column: None}
        if text_ not in codes:
            raise _refuse_value(name, value)
        return {column: codes[text_]}
    return write


def _phone_value(value: Any) -> str | None:
    return normalize_phone(value) or clean_text(value)


def _email_value(value: Any) -> str | None:
    return normalize_email(value)


def _doc_value(value: Any) -> str | None:
    return normalize_doc_number(value)


# --- the CRM ------------------------------------------------------------------------------------


def _crm_doc_number(ctx: _Ctx, value: Any) -> dict[str, Any]:
    """The CRM keeps a NIT with its DV after a dash, in one column."""
    number = normalize_doc_number(value)
    if number is None:
        return {"numero_documento": None}
    if clean_text(ctx.row.get("tipo_documento")) == "NIT":
        _old, dv = split_nit(ctx.row.get("numero_documento"))
        return {"numero_documento": f"{number}-{dv}" if dv else number}
    return {"numero_documento": number}


def _crm_check_digit(ctx: _Ctx, value: Any) -> dict[str, Any]:
    if clean_text(ctx.row.get("tipo_documento")) != "NIT":
        raise _Refused("unsupported_value", "Solo un NIT tiene dígito de verificación.")
    number, _old = split_nit(ctx.row.get("numero_documento"))
    dv = clean_text(value)
    if number is None:
        raise _Refused("unsupported_value", "El contacto no tiene NIT al que poner el DV.")
    if dv is not None and not (dv.isdigit() and len(dv) == 1):
        raise _refuse_value("check_digit", value)
    return {"numero_documento": f"{number}-{dv}" if dv else number}


def _crm_city_code(_ctx: _Ctx, value: Any) -> dict[str, Any]:
    """The CRM keeps the city's name: the one DIVIPOLA gives the code (with the department
    when the name alone is ambiguous)."""
    code = clean_text(value)
    if code is None:
        return {"ciudad": None}
    name = divipola.city_name(code)
    if name is None:
        raise _refuse_value("city_code", value)
    if divipola.city_code(name) != code:
        department = divipola.municipalities()[code].department
        name = f"{name}, {department}"
    return {"ciudad": name}


def _crm_city_name(_ctx: _Ctx, value: Any) -> dict[str, Any]:
    return {"ciudad": clean_text(value)}


def _holder(ctx: _Ctx, doc: Any, table: str, doc_column: str, pointer: str,
            missing: str) -> Any:
    """The id of the (listed) record of ``table`` whose ``doc_column`` is the document ``doc``:
    the row's current one (its ``pointer``) if it is one of them, then ``ctx.prefer``'s, then
    the first. Refused with ``missing`` when there is none."""
    wanted = normalize_doc_number(doc)
    ids = [r["id"] for r in ctx.conn.execute(
        f"SELECT id, {doc_column} FROM {table}{_listed(ctx.conn, table)} ORDER BY id")
        if normalize_doc_number(r[doc_column]) == wanted]
    if not ids:
        raise _Refused("unknown_customer", missing)
    by_text = {str(i): i for i in ids}
    for choice in (ctx.row.get(pointer), *ctx.prefer):
        if choice is not None and str(choice) in by_text:
            return by_text[str(choice)]
    return ids[0]


def _contact_for(ctx: _Ctx, doc: Any) -> dict[str, Any]:
    """A CRM deal points at a contact by id: the one with the document."""
    if normalize_doc_number(doc) is None:
        raise _Refused("unsupported_value", "Un negocio del CRM necesita un contacto.")
    return {"contacto_id": _holder(ctx, doc, "contactos", "numero_documento", "contacto_id",
                                   "El CRM no tiene un contacto con ese documento: créelo "
                                   "primero.")}


def _followup_contact(ctx: _Ctx, doc: Any) -> dict[str, Any]:
    """A CRM follow-up hangs on the contact with the customer's document; a customer the CRM
    does not have cannot get one (``not_in_crm``)."""
    if normalize_doc_number(doc) is None:
        raise _Refused("not_in_crm", "Un seguimiento del CRM necesita el documento del cliente.")
    try:
        return _contact_for(ctx, doc)
    except _Refused:
        raise _Refused("not_in_crm", "El CRM no tiene un contacto con el documento del cliente: "
                       "créelo primero y envíe de nuevo el seguimiento.") from None


class DemoCrm(_SqliteSource):
    system = System.CRM
    QUERIES: ClassVar[Mapping[Entity, _Query]] = {
        Entity.CUSTOMERS: _Query("SELECT c.* FROM contactos c", "c", "contactos", "actualizado"),
        Entity.PAYMENTS: _Query("SELECT p.* FROM pagos p", "p", "pagos", "actualizado"),
        Entity.VEHICLES: _Query("SELECT v.* FROM vehiculos v", "v", "vehiculos", "actualizado"),
        Entity.DEALS: _Query("SELECT n.*, c.numero_documento AS documento FROM negocios n "
                             "LEFT JOIN contactos c ON c.id = n.contacto_id", "n", "negocios",
                             "actualizado"),
        Entity.FOLLOWUPS: _Query("SELECT s.*, c.numero_documento AS documento "
                                 "FROM seguimientos s LEFT JOIN contactos c ON c.id = s.contacto_id",
                                 "s", "seguimientos", "actualizado"),
    }
    CREATES: ClassVar[Mapping[Entity, tuple[tuple[str, ...], Mapping[str, Any]]]] = {
        Entity.FOLLOWUPS: (("customer_doc", "kind", "due_on"), {"status": "open"}),
    }
    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {
        Entity.CUSTOMERS: {
            "doc_type": _column("tipo_documento"),
            "doc_number": _crm_doc_number,
            "check_digit": _crm_check_digit,
            "first_names": _column("nombres"),
            "last_names": _column("apellidos"),
            "company_name": _column("empresa"),
            "phone": _column("celular", _phone_value),
            "email": _column("correo", _email_value),
            "city_code": _crm_city_code,
            "city_name": _crm_city_name,
            "address": _column("direccion"),
            "habeas_data_consent": _flag_column("autoriza_tratamiento"),
            "consent_date": _date_column("fecha_autorizacion", "consent_date"),
            "consent_channel": _column("canal_autorizacion"),
            "claim_in_progress": _flag_column("reclamo_en_tramite"),
            "is_customer": _column("etapa", lambda v: "cliente" if v else "lead"),
            "updated_at": _column("actualizado", _stamp_value),
        },
        Entity.PAYMENTS: {
            "receipt_number": _column("recibo"),
            "invoice_number": _column("factura"),
            "customer_doc": _column("documento_cliente", _doc_value),
            "amount": _money_column("valor", "amount", required=True),
            "paid_on": _date_column("fecha", "paid_on", required=True),
            "method": _column("medio"),
            "deal_id": _column("negocio_id"),
            "branch": _column("sede"),
            "updated_at": _column("actualizado", _stamp_value),
        },
        Entity.VEHICLES: {
            "vin": _column("vin", normalize_vin),
            "make": _column("marca"),
            "model": _column("linea"),
            "model_year": _year_column("modelo"),
            "color": _column("color"),
            "status": _coded_column("estado", "status", CRM_VEHICLE_STATUS),
            "branch": _column("sede"),
            "price": _money_column("precio", "price"),
            "customer_doc": _column("documento_cliente", _doc_value),
            "deal_id": _column("negocio_id"),
            "updated_at": _column("actualizado", _stamp_value),
        },
        Entity.DEALS: {
            "customer_doc": _contact_for,
            "stage": _coded_column("etapa", "stage", CRM_DEAL_STAGE),
            "vin": _column("vin", normalize_vin),
            "amount": _money_column("valor", "amount"),
            "lead_source": _column("origen"),
            "closed_on": _date_column("fecha_cierre", "closed_on"),
            "branch": _column("sede"),
            "updated_at": _column("actualizado", _stamp_value),
            "created_on": _date_column("creado", "created_on"),
        },
        Entity.FOLLOWUPS: {
            "customer_doc": _followup_contact,
            "vin": _column("vin", normalize_vin),
            "kind": _coded_column("tipo", "kind", CRM_FOLLOWUP_KIND),
            "due_on": _date_column("fecha", "due_on", required=True),
            "status": _coded_column("estado", "status", CRM_FOLLOWUP_STATUS),
            "note": _column("nota"),
            "updated_at": _column("actualizado", _stamp_value),
        },
    }

    def _customers(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.CUSTOMERS
        for r in rows:
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

    def _payments(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.PAYMENTS
        for r in rows:
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

    def _vehicles(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.VEHICLES
        for r in rows:
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

    def _deals(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.DEALS
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "customer_doc": normalize_doc_number(r["documento"]),
                "stage": _CRM_STAGE.get(r["etapa"], r["etapa"]), "vin": normalize_vin(r["vin"]),
                "amount": self._cell(e, sid, "valor", r["valor"], _money),
                "lead_source": clean_text(r["origen"]),
                "closed_on": self._cell(e, sid, "fecha_cierre", r["fecha_cierre"], _date),
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
                "created_on": self._cell(e, sid, "creado", r.get("creado"), _date),
            }

    def _followups(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.FOLLOWUPS
        for r in rows:
            sid = r["id"]
            yield {
                "source_id": sid, "customer_doc": normalize_doc_number(r["documento"]),
                "vin": normalize_vin(r["vin"]),
                "kind": _FOLLOWUP_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "due_on": self._cell(e, sid, "fecha", r["fecha"], _date),
                "status": _FOLLOWUP_STATUS.get(r["estado"], clean_text(r["estado"])),
                "note": clean_text(r["nota"]),
                "updated_at": self._cell(e, sid, "actualizado", r["actualizado"], _timestamp),
            }


# --- the ERP ------------------------------------------------------------------------------------


def _erp_doc_type(_ctx: _Ctx, value: Any) -> dict[str, Any]:
    text_ = clean_text(value)
    if text_ is None:
        return {"tipo_doc": None}
    if text_ not in CANONICAL_TO_DIAN:
        raise _refuse_value("doc_type", value)
    return {"tipo_doc": CANONICAL_TO_DIAN[text_]}


def _erp_city_code(_ctx: _Ctx, value: Any) -> dict[str, Any]:
    code = clean_text(value)
    if code is not None and divipola.city_name(code) is None:
        raise _refuse_value("city_code", value)
    return {"cod_municipio": code}


def _erp_city_name(_ctx: _Ctx, value: Any) -> dict[str, Any]:
    """The ERP keeps only the DIVIPOLA code: the name must name one municipality."""
    if clean_text(value) is None:
        return {"cod_municipio": None}
    code = divipola.city_code(value)
    if code is None:
        raise _Refused("unsupported_value",
                       f"El ERP guarda la ciudad por su código DIVIPOLA y «{value}» no "
                       "corresponde a un solo municipio.")
    return {"cod_municipio": code}


def _tercero_for(ctx: _Ctx, doc: Any) -> dict[str, Any]:
    """The ERP points at a tercero by id: the one with the document."""
    if normalize_doc_number(doc) is None:
        return {"tercero_id": None}
    return {"tercero_id": _holder(ctx, doc, "terceros", "nit", "tercero_id",
                                  "El ERP no tiene un tercero con ese documento: créelo "
                                  "primero.")}


def _sede_for(ctx: _Ctx, value: Any) -> dict[str, Any]:
    name = clean_text(value)
    if name is None:
        return {"sede_id": None}
    row = ctx.conn.execute("SELECT id FROM sedes WHERE nombre = :n", {"n": name}).fetchone()
    if row is None:
        raise _Refused("unknown_branch", f"El ERP no tiene la sede «{name}».")
    return {"sede_id": int(row[0])}


class DemoErp(_SqliteSource):
    system = System.ERP
    QUERIES: ClassVar[Mapping[Entity, _Query]] = {
        Entity.CUSTOMERS: _Query("SELECT t.* FROM terceros t", "t", "terceros", "modificado"),
        Entity.PAYMENTS: _Query(
            "SELECT r.*, f.prefijo, f.numero AS factura_numero, f.cufe, t.nit, "
            "s.nombre AS sede FROM recibos r LEFT JOIN facturas f ON f.id = r.factura_id "
            "LEFT JOIN terceros t ON t.id = r.tercero_id "
            "LEFT JOIN sedes s ON s.id = f.sede_id", "r", "recibos", "modificado"),
        Entity.VEHICLES: _Query(
            "SELECT i.*, s.nombre AS sede, t.nit FROM inventario i "
            "LEFT JOIN sedes s ON s.id = i.sede_id "
            "LEFT JOIN terceros t ON t.id = i.tercero_id", "i", "inventario", "modificado"),
        Entity.INVOICES: _Query(
            "SELECT f.*, s.nombre AS sede, t.nit FROM facturas f "
            "LEFT JOIN sedes s ON s.id = f.sede_id "
            "LEFT JOIN terceros t ON t.id = f.tercero_id", "f", "facturas", "modificado"),
        Entity.SERVICES: _Query(
            "SELECT o.*, s.nombre AS sede, t.nit FROM ordenes_taller o "
            "LEFT JOIN sedes s ON s.id = o.sede_id "
            "LEFT JOIN terceros t ON t.id = o.tercero_id", "o", "ordenes_taller", "modificado"),
        Entity.CONTRACTS: _Query(
            "SELECT k.*, t.nit FROM contratos k LEFT JOIN terceros t ON t.id = k.tercero_id",
            "k", "contratos", "modificado"),
    }
    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {
        Entity.CUSTOMERS: {
            "doc_type": _erp_doc_type,
            "doc_number": _column("nit", _doc_value),
            "check_digit": _column("dv"),
            "first_names": _column("nombres"),
            "last_names": _column("apellidos"),
            "company_name": _column("razon_social"),
            "phone": _column("telefono", _phone_value),
            "email": _column("email", _email_value),
            "city_code": _erp_city_code,
            "city_name": _erp_city_name,
            "address": _column("direccion"),
            "habeas_data_consent": _flag_column("autoriza_datos"),
            "consent_date": _date_column("fecha_autorizacion", "consent_date"),
            "consent_channel": _column("canal_autorizacion"),
            "claim_in_progress": _flag_column("reclamo"),
            "updated_at": _column("modificado", _stamp_value),
        },
        Entity.PAYMENTS: {
            "receipt_number": _column("numero"),
            "customer_doc": _tercero_for,
            "amount": _money_column("valor", "amount", required=True),
            "paid_on": _date_column("fecha", "paid_on", required=True),
            "method": _column("medio"),
            "updated_at": _column("modificado", _stamp_value),
        },
        Entity.VEHICLES: {
            "vin": _column("vin", normalize_vin),
            "make": _column("marca"),
            "model": _column("linea"),
            "model_year": _year_column("anio"),
            "color": _column("color"),
            "status": _coded_column("estado", "status", ERP_VEHICLE_STATUS),
            "branch": _sede_for,
            "price": _money_column("precio", "price"),
            "customer_doc": _tercero_for,
            "delivered_on": _date_column("fecha_entrega", "delivered_on"),
            "updated_at": _column("modificado", _stamp_value),
        },
    }

    def _id(self, source_id: str) -> Any:
        text_ = str(source_id).strip()
        return int(text_) if text_.isdigit() else text_

    def _customers(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.CUSTOMERS
        for r in rows:
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

    def _payments(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.PAYMENTS
        for r in rows:
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

    def _vehicles(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
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
                "price": self._cell(e, sid, "precio", r["precio"], _money),
                "customer_doc": normalize_doc_number(r["nit"]), "deal_id": None,
                "delivered_on": self._cell(e, sid, "fecha_entrega", r["fecha_entrega"], _date),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
                "received_on": self._cell(e, sid, "fecha_ingreso", r.get("fecha_ingreso"), _date),
            }

    def _invoices(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.INVOICES
        for r in rows:
            sid = str(r["id"])
            status = clean_text(r["estado"])
            yield {
                "source_id": sid, "invoice_number": f"{r['prefijo']}-{r['numero']}",
                "cufe": clean_text(r["cufe"]), "customer_doc": normalize_doc_number(r["nit"]),
                "vin": normalize_vin(r.get("vin")), "branch": clean_text(r["sede"]),
                "issued_on": self._cell(e, sid, "fecha", r["fecha"], _date),
                "total": self._cell(e, sid, "total", r["total"], _money),
                "status": _INVOICE_STATUS.get(status or "", status),
                "updated_at": self._cell(e, sid, "modificado", r.get("modificado"), _timestamp),
            }

    def _services(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.SERVICES
        for r in rows:
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "kind": _SERVICE_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "visited_on": self._cell(e, sid, "fecha", r["fecha"], _date),
                "odometer_km": self._cell(e, sid, "kilometraje", r["kilometraje"], _kilometres),
                "branch": clean_text(r["sede"]),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
            }

    def _contracts(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        e = Entity.CONTRACTS
        for r in rows:
            sid = str(r["id"])
            yield {
                "source_id": sid, "vin": normalize_vin(r["vin"]),
                "customer_doc": normalize_doc_number(r["nit"]),
                "kind": _CONTRACT_KIND.get(r["tipo"], clean_text(r["tipo"])),
                "provider": clean_text(r["entidad"]),
                "starts_on": self._cell(e, sid, "inicio", r["inicio"], _date),
                "ends_on": self._cell(e, sid, "fin", r["fin"], _date),
                "updated_at": self._cell(e, sid, "modificado", r["modificado"], _timestamp),
            }
