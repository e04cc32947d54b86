"""Two customers tables reconciled with only the rows that can matter leaving the servers.

:mod:`.rangediff` finds which ranges of keys differ between two tables. A reconciliation needs
more than what differs: a record equal on both sides can still be a finding on its own (a
phone that is no phone, a city DIVIPOLA does not know, a NIT's DV, a lead, a document held
twice). So a row stays in its server only when the server can prove the engine would find
nothing in it but a link by document to its twin:

- its key is on both sides once, written only with digits, and the two rows agree, as text,
  on every column the engine reads (names, phone, e-mail, city, document type), none empty;
- its phone is ten digits beginning with 3 or 60 (what ``normalize_phone`` keeps as it is);
- its city is one DIVIPOLA knows, and (in the CRM) its stage says customer: both judged here
  by Cuadre's own readers on the distinct values the server lists (a column of more than
  :data:`MAX_DISTINCT` values is not judged: nothing is pruned);
- it carries no DV column value.

Every other row is pulled, with the rows of the other side that share its key or its
document once normalized, and the whole engine reconciles what was pulled: the same findings
as a full pull. What is lost: the links between twins that stayed in the servers (counted,
not listed), fuzzy duplicate groups that would join a record that stayed (a person entered
twice, once with another document) and reading issues of columns the engine does not compare.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from app.connectors.base import SourceIssue
from app.connectors.files.cells import as_text
from app.connectors.files.connector import _city, _is_customer
from app.connectors.sql.database import Database
from app.connectors.sql.rangediff import Ranges, TableSide, _in_list, _key_hash, _prepare
from app.domain.i18n import mark_app
from app.domain.schema import Entity

log = logging.getLogger(__name__)

#: The customers fields the engine compares or validates: each side must read each of them
#: from one column of its own, or neither side read it.
READ = ("doc_type", "first_names", "last_names", "company_name", "full_name", "phone",
        "phone_alt", "email", "city_code", "city_name")
#: Columns with more distinct values than this are not judged value by value.
MAX_DISTINCT = 20_000
#: Keys named in one ``IN`` list.
_CHUNK = 5000


class NotPrunable(Exception):
    """The two tables cannot be pruned (the reason, for the log): pull them whole."""


@dataclass
class Side:
    """One database's customers table, as the pruning reads it."""

    db: Database
    table: TableSide
    fields: dict[str, list[str]]
    suspects: set[Any] = field(default_factory=set)
    moved: int = 0
    #: The rows it cannot prove clean, as SQL and its parameters (:func:`suspect_predicate`).
    where: tuple[str, dict[str, Any]] = ("1 = 1", {})


def sides(crm: Database, erp: Database, entity: Entity = Entity.CUSTOMERS) -> tuple[Side, Side]:
    """Both tables as diff sides comparing every column the engine reads; :class:`NotPrunable`
    when a side reads a query, lacks a one-column document, or reads a field the other lacks."""
    if entity is not Entity.CUSTOMERS:
        raise NotPrunable("only customers")
    if {crm.engine.dialect.name, erp.engine.dialect.name} - {"postgresql", "sqlite"}:
        raise NotPrunable("neither PostgreSQL nor SQLite")
    out = []
    columns: list[tuple[str, ...]] = []
    found = []
    for db in (crm, erp):
        src = db.source(entity)
        if src.table is None or src.id_copy:
            raise NotPrunable("a query, or the id column feeds a field")
        fields = db.fields_of(src)
        if len(fields.get("doc_number", ())) != 1 or "check_digit" in fields:
            raise NotPrunable("no one-column document, or a DV column")
        found.append(fields)
    read = [tuple(f for f in READ if f in fields) for fields in found]
    if read[0] != read[1] or any(len(f.get(n, ())) != 1 for f in found for n in read[0]):
        raise NotPrunable(f"the sides read other fields: {read}")
    for db, fields in zip((crm, erp), found, strict=True):
        src = db.source(entity)
        assert src.table is not None
        columns.append(tuple(fields[n][0] for n in read[0]))
        out.append(Side(db, TableSide(db.engine, src.table.name, fields["doc_number"][0],
                                      columns[-1], schema=src.table.schema), fields))
    for side, is_crm in zip(out, (True, False), strict=True):
        side.where = suspect_predicate(side, is_crm)
    return out[0], out[1]


def _fetch(side: Side, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    with _reading(side) as conn:
        return [tuple(r) for r in conn.execute(text(sql), params or {})]


@contextmanager
def _reading(side: Side) -> Iterator[Connection]:
    """A connection; a database error becomes the connector's own Spanish SourceError."""
    src = side.db.source(Entity.CUSTOMERS)
    with side.db._errors(src, mark_app("app.connectors", "leer")), side.db.reading() as conn:
        yield conn


def _distinct(side: Side, names: Sequence[str]) -> list[tuple[Any, ...]]:
    t = side.table
    cols = ", ".join(t.quoted(n) for n in names)
    rows = _fetch(side, f"SELECT DISTINCT {cols} FROM {t.source} LIMIT {MAX_DISTINCT + 1}")
    if len(rows) > MAX_DISTINCT:
        raise NotPrunable(f"more than {MAX_DISTINCT} distinct values in {names}")
    return rows


def _among(side: Side, names: Sequence[str], values: list[tuple[Any, ...]], prefix: str
           ) -> tuple[str, dict[str, Any]]:
    """A predicate: the row's ``names`` are one of ``values`` (NULLs apart)."""
    if not values:
        return "1 = 0", {}
    t = side.table
    ors, params = [], {}
    for n, row in enumerate(values):
        ands = []
        for name, value in zip(names, row, strict=True):
            if value is None:
                ands.append(f"{t.quoted(name)} IS NULL")
            else:
                params[f"{prefix}{n}_{len(ands)}"] = value
                ands.append(f"{t.quoted(name)} = :{prefix}{n}_{len(ands)}")
        ors.append("(" + " AND ".join(ands) + ")")
    return " OR ".join(ors), params


def suspect_predicate(side: Side, crm: bool) -> tuple[str, dict[str, Any]]:
    """SQL true for the rows of ``side`` the server cannot prove clean (see the module)."""
    t = side.table
    key = t.quoted(t.key)
    postgres = t.dialect == "postgresql"
    digits = f"CAST({key} AS TEXT) !~ '^[0-9]+$'" if postgres else \
        f"CAST({key} AS TEXT) GLOB '*[^0-9]*'"
    ors = [f"{key} IS NULL", digits, f"CAST({key} AS TEXT) = ''",
           f"{key} IN (SELECT {key} FROM {t.source} GROUP BY {key} HAVING count(*) > 1)"]
    for name in t.columns:
        ors.append(f"{t.quoted(name)} IS NULL OR CAST({t.quoted(name)} AS TEXT) = ''")
    phone = t.quoted(side.fields["phone"][0]) if "phone" in side.fields else None
    if phone is not None:
        ors.append(f"NOT (CAST({phone} AS TEXT) ~ '^(3[0-9]{{9}}|60[0-9]{{8}})$')" if postgres else
                   f"NOT (CAST({phone} AS TEXT) GLOB '3[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]"
                   f"[0-9]' OR CAST({phone} AS TEXT) GLOB '60[0-9][0-9][0-9][0-9][0-9][0-9][0-9]"
                   f"[0-9]')")
    params: dict[str, Any] = {}
    cities = [side.fields[n][0] for n in ("city_code", "city_name") if n in side.fields]
    if cities:
        bad = [v for v in _distinct(side, cities) if _unknown_city(cities, v, side.fields)]
        clause, given = _among(side, cities, bad, "city")
        ors.append(clause)
        params.update(given)
    stage = side.fields.get("is_customer", [])
    if crm and len(stage) == 1:
        leads = [v for v in _distinct(side, stage) if _is_customer(v[0]) is not True]
        clause, given = _among(side, stage, leads, "stage")
        ors.append(clause)
        params.update(given)
    elif len(stage) > 1:
        raise NotPrunable("a stage read from several columns")
    return " OR ".join(f"({o})" for o in ors), params


def _unknown_city(names: Sequence[str], values: tuple[Any, ...],
                  fields: dict[str, list[str]]) -> bool:
    cells = dict(zip(names, values, strict=True))
    code = cells.get(fields["city_code"][0]) if "city_code" in fields else None
    name = cells.get(fields["city_name"][0]) if "city_name" in fields else None
    found, _, unknown = _city(as_text(code), as_text(name))
    return found is None or unknown is not None


def suspect_keys(side: Side) -> set[Any]:
    """The keys of ``side``'s rows it cannot prove clean (NULL keys are pulled apart)."""
    where, params = side.where
    t = side.table
    rows = _fetch(side, f"SELECT DISTINCT {t.quoted(t.key)} FROM {t.source} WHERE {where}", params)
    side.suspects = {r[0] for r in rows if r[0] is not None}
    return side.suspects


def _listed(side: Side, expression: str, values: Sequence[str], name: str
            ) -> tuple[str, dict[str, Any]]:
    """``expression`` is one of ``values`` (texts), with one parameter whatever their number."""
    if side.table.dialect == "postgresql":
        return f"{expression} IN (SELECT unnest(CAST(:{name} AS text[])))", {name: list(values)}
    return f"{expression} IN (SELECT value FROM json_each(:{name}))", {name: json.dumps(values)}


def pull(side: Side, ranges: Ranges | None, keys: Iterable[Any], *, null_keys: bool = True,
         entity: Entity = Entity.CUSTOMERS) -> tuple[pd.DataFrame, list[SourceIssue], set[str]]:
    """The canonical records of the rows of the differing ranges, of ``keys`` (compared as
    text) and, with ``null_keys``, without a key, each once; the issues read in them; the
    keys pulled, as text."""
    db, t = side.db, side.table
    src = db.source(entity)
    assert src.table is not None
    key = t.quoted(t.key)
    wanted = sorted({str(k) for k in keys if k is not None})
    ors: list[str] = [f"{key} IS NULL"] if null_keys else []
    params: dict[str, Any] = {}
    if ranges is not None and ranges.differing:
        clause, given = _in_list(replace(t, fast=ranges.fast), ranges.digits, ranges.differing)
        if t.dialect != "postgresql":
            clause, given = _listed(side, _key_hash(t, ranges.digits), ranges.differing,
                                    "prefixes")
        ors.append(clause)
        params.update(given)
    if wanted:
        clause, given = _listed(side, f"CAST({key} AS TEXT)", wanted, "keys")
        ors.append(clause)
        params.update(given)
    if not ors:
        return db._frame(src, [c.name for c in src.table.columns], [])[0], [], set()
    statement = select(*db._selected(src)).where(
        text(" OR ".join(f"({o})" for o in ors)).bindparams(**params))
    with _reading(side) as conn:
        _prepare(conn, t)
        result = conn.execute(statement)
        names = list(result.keys())
        rows = [tuple(r) for r in result]
    side.moved += len(rows)
    at = names.index(t.key)
    frame, issues = db._frame(src, names, rows)
    return frame, issues, {str(r[at]) for r in rows if r[at] is not None}


__all__ = ["MAX_DISTINCT", "NotPrunable", "Side", "pull", "sides", "suspect_keys",
           "suspect_predicate"]
