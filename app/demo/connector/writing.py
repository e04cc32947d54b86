"""Writing to a demo system's file: corrections, creations and merges, each at most once.

:class:`WritableSource` adds to the reading side:

- ``apply(correction)``: a compare-and-set in one SQLite write transaction (``BEGIN
  IMMEDIATE``): read the record, answer *applied* when it already holds the new values,
  *conflict* when it no longer holds the values read at approval (compared as
  :func:`app.writeback.push.equal` does), else write the raw column(s) through the system's
  field writers (``fields``) and read it back in the same transaction. A field with no simple
  raw column is *rejected* with a Spanish sentence, and so is a value the system would not
  read back as sent (nothing is written then).
- A *creation* (``expected`` empty, the record not there yet, an entity of ``CREATES``)
  inserts the record with the id it was given and reads it back; already there with those
  values → *applied*, with others → *conflict*.
- ``merge(request)``: a :class:`MergeRequest` at once or not at all, when every involved
  record still stands as the request expects (:mod:`app.connectors.merge_check`, the same
  question the push asks after a lost answer): the survivor gets the chosen values, the
  merged records are hidden (``fusionado_en``), children are re-pointed; ``undo`` gives the
  survivor its snapshot values back, lists the merged records again and re-points the
  children back.

Every write records its idempotency key and outcome in the system's ``cuadre_aplicados``
table, in the same transaction: a repeated key answers the first outcome and writes nothing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from app.connectors import creations, merge_check
from app.connectors.base import Correction, MergeRequest, Outcome, OutcomeStatus
from app.demo.connector.fields import FieldContext, Refused, Writer
from app.demo.connector.reading import SqliteSource, listed, marks_merges
from app.demo.systems import APPLIED_DDL, MERGED_COLUMN
from app.domain import divipola
from app.domain.labels import field_label
from app.domain.schema import Entity
from app.domain.values import clean_text, fold, normalize_doc_number
from app.writeback.push import equal

log = logging.getLogger(__name__)

#: Both demo systems keep local Colombian time with its offset (no daylight saving time).
_BOGOTA = timezone(timedelta(hours=-5))

_ENTITY_WORDS = {Entity.CUSTOMERS: "clientes", Entity.PAYMENTS: "pagos",
                 Entity.VEHICLES: "vehículos", Entity.DEALS: "negocios",
                 Entity.INVOICES: "facturas", Entity.SERVICES: "visitas al taller",
                 Entity.CONTRACTS: "contratos", Entity.FOLLOWUPS: "seguimientos"}


class WritableSource(SqliteSource):
    """A demo system's file that Cuadre's write-back loop writes to."""

    WRITERS: ClassVar[Mapping[Entity, Mapping[str, Writer]]] = {}
    #: Entities a correction may create (``expected`` empty: "must not exist yet"), with the
    #: fields a new record must have and the values it gets when the correction omits them.
    CREATES: ClassVar[Mapping[Entity, tuple[tuple[str, ...], Mapping[str, Any]]]] = {}
    #: The customers' document column (a created customer is found by it).
    DOC_COLUMN: ClassVar[str | None] = None
    #: Whether the system gives new records their ids (integer keys) instead of Cuadre.
    ASSIGNS_IDS: ClassVar[bool] = False

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
                except Refused as refused:
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

    def _read(self, conn: sqlite3.Connection, entity: Entity, source_id: str, *,
              hidden: bool = False) -> dict[str, Any] | None:
        """A record by its id, or — a customer Cuadre created, named by its document
        (:func:`~app.connectors.creations.document_key`) — by that document."""
        return super()._read(conn, entity, self._real_id(conn, entity, source_id), hidden=hidden)

    def _real_id(self, conn: sqlite3.Connection, entity: Entity, source_id: str) -> str:
        """The table's id of ``source_id``: itself, or the customer's with that document."""
        doc = creations.key_document(source_id) if entity is Entity.CUSTOMERS else None
        if doc is None or self.DOC_COLUMN is None:
            return source_id
        table = self.QUERIES[entity].table
        for row in conn.execute(f"SELECT id, {self.DOC_COLUMN} FROM {table}"
                                f"{listed(conn, table)} ORDER BY id"):
            if normalize_doc_number(row[1]) == doc:
                return str(row[0])
        return source_id

    def _apply(self, conn: sqlite3.Connection, entity: Entity, c: Correction) -> Outcome:
        creation = entity in self.CREATES and creations.is_creation(c)
        c = replace(c, source_id=self._real_id(conn, entity, c.source_id))
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
            raise Refused("missing_field",
                           f"Faltan datos para crear el registro en el {self._word} ("
                           + ", ".join(field_label(f) for f in missing) + "): no se creó nada.")
        row = self._raw_values(conn, entity, {"id": c.source_id}, values)
        row.setdefault(query.stamp, _now_stamp())
        # A customer named by its document gets the id the system gives it.
        given = self.ASSIGNS_IDS and creations.key_document(c.source_id) is not None
        columns = [*([] if given else ["id"]), *row]
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
            raise Refused("unsupported_value",
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
        ctx = FieldContext(conn, raw, prefer)
        updates: dict[str, Any] = {}
        for name, value in values.items():
            writer = writers.get(name)
            if writer is None:
                raise Refused("field_not_writable",
                               f"El {self._word} de demostración no tiene dónde guardar "
                               f"«{field_label(name)}» de {_ENTITY_WORDS[entity]}.")
            part = writer(ctx, value)
            ctx.row.update(part)
            updates.update(part)
        return updates

    def _raw(self, conn: sqlite3.Connection, entity: Entity, source_id: str) -> dict[str, Any]:
        table = self.QUERIES[entity].table
        row = conn.execute(f"SELECT * FROM {table} WHERE id = :id",
                           {"id": self._id(source_id)}).fetchone()
        assert row is not None  # read just before, in the same transaction
        return dict(row)


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
            raise Refused("unsupported_value", f"El {self._word} de demostración no pudo dejar "
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
        if not marks_merges(conn, table):
            if stamp is None:
                return  # never merged: nothing to bring back
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {MERGED_COLUMN} TEXT")
        for sid in ids:
            conn.execute(f"UPDATE {table} SET {MERGED_COLUMN} = :at WHERE id = :id",
                         {"at": stamp, "id": self._id(sid)})


# --- canonical comparisons ----------------------------------------------------------------------


def _equal(current: Any, wanted: Any, field: str | None = None) -> bool:
    """The push's own equality (one notion of "the same"); a city's name is also the same
    when it names the same municipality — the ERP keeps only the code and gives back DIVIPOLA's
    name («Itagui» is «Itagüí»), the CRM may keep the department after it."""
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


def _now_stamp() -> str:
    return datetime.now(_BOGOTA).replace(microsecond=0).isoformat()

