"""Customers of two databases too big to move, reconciled with the diff inside the servers.

When both systems are SQL databases (PostgreSQL or SQLite: profiles with database sources,
the shared PostgreSQL), ``cuadre reconcile --in-database`` — or any run where both customers
tables hold at least :func:`threshold` rows (``CUADRE_IN_DATABASE_ROWS``, :data:`DEFAULT_ROWS`)
— does not pull both tables whole: each server computes checksums per range of keys
(:func:`app.connectors.sql.rangediff.bisect`), lists the keys of rows it cannot prove clean
(:mod:`app.connectors.sql.keyed`), and only the rows of differing ranges and of those keys
are pulled and reconciled by the engine. Same findings as a full pull; see
:mod:`app.connectors.sql.keyed` for what is not listed (links between rows that stayed, fuzzy
duplicate groups joining one of them).

When the tables cannot be pruned (a query instead of a table, columns read differently on the
two sides, another database), the run pulls them whole as before and the log says why.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import pandas as pd

from app.connectors.base import Connector
from app.connectors.sql import keyed
from app.connectors.sql.database import Database
from app.connectors.sql.rangediff import bisect
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile.customers import reconcile_customers
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult

log = logging.getLogger(__name__)

#: Both tables this big (rows) or bigger are diffed inside the servers without being asked.
DEFAULT_ROWS = 5_000_000
ENV = "CUADRE_IN_DATABASE_ROWS"
T = TypeVar("T")


@dataclass(frozen=True)
class Moved:
    """Rows that left the servers, of the rows both tables hold."""

    rows: int
    of: int


def threshold() -> int:
    """``CUADRE_IN_DATABASE_ROWS`` when it is a whole number ≥ 0, else :data:`DEFAULT_ROWS`."""
    raw = os.environ.get(ENV, "").strip().replace(".", "").replace("_", "")
    if raw.isdigit():
        return int(raw)
    if raw:
        log.warning("%s is not a number of rows: using %d", ENV, DEFAULT_ROWS)
    return DEFAULT_ROWS


def database_of(connector: Connector) -> Database | None:
    """The database behind a connector (a profile's database source), if it is one."""
    if isinstance(connector, Database):
        return connector
    shared = getattr(connector, "shared", None)
    if callable(shared) and not getattr(connector, "per_file", True):
        inner = shared()
        return inner if isinstance(inner, Database) else None
    return None


def plan(crm: Connector, erp: Connector, entity: Entity, wanted: bool | None
         ) -> tuple[keyed.Side, keyed.Side] | None:
    """Both tables as pruning sides, when ``entity`` is diffed inside the servers: asked for
    (``wanted`` True) or, with ``wanted`` None, when both hold :func:`threshold` rows."""
    if entity is not Entity.CUSTOMERS or wanted is False:
        return None
    left, right = database_of(crm), database_of(erp)
    if left is None or right is None:
        return None
    if wanted is None:
        limit = threshold()
        counts = [cast(Any, db).count(entity) if hasattr(db, "count") else 0
                  for db in (left, right)]
        if min(counts) < limit:
            return None
    try:
        return keyed.sides(left, right, entity)
    except keyed.NotPrunable as why:
        log.info("in-database diff not possible, pulled whole: %s", why)
        return None


def reconcile_in_database(pair: tuple[keyed.Side, keyed.Side], profile: Profile | None = None,
                          cancel: CancelToken | None = None) -> Task[EntityResult]:
    """Bisect, pull what can matter, reconcile it (see the module); progress throughout."""
    crm, erp = pair
    yield Progress("compare_customers", 0, 3)
    ranges = yield from _scaled(bisect(crm.table, erp.table, cancel=cancel), 0)
    suspects = keyed.suspect_keys(crm) | keyed.suspect_keys(erp)
    _check(cancel)
    yield Progress("pull_crm_customers", 1, 3)
    crm_frame, crm_issues, crm_keys = keyed.pull(crm, ranges, suspects)
    _check(cancel)
    yield Progress("pull_erp_customers", 4, 9)
    erp_frame, erp_issues, erp_keys = keyed.pull(erp, ranges, suspects)
    # A pulled row whose document, once normalized, is the key of a row that stayed: that row
    # is its duplicate or its twin, pulled too (on both sides).
    docs = {str(d) for f in (crm_frame, erp_frame) for d in f["doc_number"].dropna()}
    frames = [crm_frame, erp_frame]
    issues = [crm_issues, erp_issues]
    for n, (side, have) in enumerate(((crm, crm_keys), (erp, erp_keys))):
        more = docs - have
        if more:
            extra, extra_issues, _ = keyed.pull(side, None, more, null_keys=False)
            frames[n] = pd.concat([frames[n], extra], ignore_index=True)
            issues[n] = [*issues[n], *extra_issues]
    moved = Moved(crm.moved + erp.moved, ranges.left_total + ranges.right_total)
    log.info("in-database diff: %d rows of %d left the servers", moved.rows, moved.of)
    return (yield from _compare(pair, (frames[0], frames[1]), (issues[0], issues[1]),
                                profile, cancel, moved))


def _compare(pair: tuple[keyed.Side, keyed.Side], frames: tuple[pd.DataFrame, pd.DataFrame],
             issues: tuple[list[Any], list[Any]], profile: Profile | None,
             cancel: CancelToken | None, moved: Moved) -> Task[EntityResult]:
    for side, found in zip(pair, issues, strict=True):
        db = cast(Any, side.db)
        db._issues = [i for i in db._issues if i.entity != Entity.CUSTOMERS] + found
    _check(cancel)
    result = yield from _scaled(reconcile_customers(frames[0], frames[1], profile, cancel), 2)
    result.moved = moved
    return result


def _scaled(task: Task[T], third: int) -> Task[T]:
    """``task``'s progress as the ``third``-th third of the whole."""
    while True:
        try:
            p = next(task)
        except StopIteration as stop:
            return cast(T, stop.value)
        yield Progress("compare_customers", third * 100 + int(p.fraction * 100), 300, p.detail)


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()


__all__ = ["DEFAULT_ROWS", "ENV", "Moved", "database_of", "plan", "reconcile_in_database",
           "threshold"]
