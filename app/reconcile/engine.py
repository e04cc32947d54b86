"""The reconciliation run: pull both systems, reconcile each entity, return a Report.

A generator (see ``app/progress.py``): it yields progress after every pull and comparison,
checks the cancel token at each step, and returns the :class:`Report`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import pandas as pd

from app.connectors.base import AuthError, Connector, SourceError
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile import behind, streamed
from app.reconcile.customers import reconcile_customers
from app.reconcile.gcpause import collector_paused
from app.reconcile.incremental import Puller
from app.reconcile.payments import reconcile_payments
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult, Report
from app.reconcile.vehicles import reconcile_vehicles

ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)
_STEPS_PER_ENTITY = 3  # pull CRM, pull ERP, compare
_SCALE = 100  # progress units per step, so a comparison can report its own advance
T = TypeVar("T")


def reconcile(
    crm: Connector,
    erp: Connector,
    profile: Profile | None = None,
    cancel: CancelToken | None = None,
    entities: tuple[Entity, ...] = ENTITIES,
    partial: bool = False,
    extra: bool = True,
    stream_bytes: int | None = None,
    in_database: bool | None = None,
    puller: Puller | None = None,
) -> Task[Report]:
    """Pull and compare ``entities`` one after the other (:func:`_reconcile`); what is left
    to do behind the run (writing snapshots, building keys) waits until it is over."""
    with behind.running():
        return (yield from _reconcile(crm, erp, profile, cancel, entities, partial, extra,
                                      (stream_bytes, in_database), puller or Puller()))


def _reconcile(
    crm: Connector,
    erp: Connector,
    profile: Profile | None,
    cancel: CancelToken | None,
    entities: tuple[Entity, ...],
    partial: bool,
    extra: bool,
    paths: tuple[int | None, bool | None],
    puller: Puller,
) -> Task[Report]:
    """Pull and compare ``entities`` one after the other.

    With ``partial``, an entity whose source cannot be read (a :class:`SourceError`: a missing
    file, a table that is not there) is recorded in ``Report.failures`` with its sentence and
    the others are still reconciled; only when none can be read does the first error stop the
    run. Credentials refused (:class:`AuthError`) always stop it: nothing else would read.
    An export of at least ``stream_bytes`` (default :func:`app.reconcile.streamed.threshold`)
    is read in batches and reconciled part by part (:mod:`app.reconcile.streamed`). Two
    databases' customers are diffed inside the servers (:mod:`app.reconcile.indatabase`) when
    ``in_database`` asks it, or (None) when both tables are that big.
    With ``extra``, the entities the insights read besides are pulled too, when the sources
    have them (``Report.extras``). ``puller`` reads each entity (whole by default, or only
    what changed: ``app.reconcile.incremental``) and says how in ``Report.pulls``."""
    profile = profile or Profile()
    started = datetime.now(UTC)
    total = _STEPS_PER_ENTITY * len(entities) + (1 if extra else 0)
    results: dict[Entity, EntityResult] = {}
    failures: dict[Entity, str] = {}
    first_error: SourceError | None = None
    comparers: dict[Entity, Callable[[pd.DataFrame, pd.DataFrame], Task[EntityResult]]] = {
        Entity.CUSTOMERS: lambda c, e: reconcile_customers(c, e, profile, cancel),
        Entity.PAYMENTS: lambda c, e: reconcile_payments(c, e, profile, cancel),
        Entity.VEHICLES: lambda c, e: reconcile_vehicles(c, e, cancel),
    }
    limit = streamed.threshold() if paths[0] is None else paths[0]
    for i, entity in enumerate(entities):
        _check(cancel)
        try:
            results[entity] = yield from _entity(
                crm, erp, entity, (i * _STEPS_PER_ENTITY, total), comparers[entity],
                (profile, cancel, puller), (limit, paths[1]))
        except AuthError:
            raise
        except SourceError as exc:
            if not partial:
                raise
            failures[entity] = str(exc)
            first_error = first_error or exc
    if first_error is not None and not results:
        raise first_error
    deals = (yield from _optional(puller, crm, Entity.DEALS, cancel)) \
        if Entity.CUSTOMERS in results else None
    extras: dict[Entity, pd.DataFrame] = {}
    if extra:
        yield Progress("pull_extras", (total - 1) * _SCALE, total * _SCALE)
        for system_connector, entity in ((erp, Entity.INVOICES), (erp, Entity.SERVICES),
                                         (erp, Entity.CONTRACTS), (crm, Entity.FOLLOWUPS)):
            found = yield from _within(_optional(puller, system_connector, entity, cancel), total - 1,
                                       total, "pull_extras")
            if found is not None:
                extras[entity] = found
    yield Progress("done", total * _SCALE, total * _SCALE)
    return Report(
        started_at=started,
        finished_at=datetime.now(UTC),
        sources={"crm": crm.describe(), "erp": erp.describe()},
        results=results,
        issues=puller.issues(crm, erp),
        failures=failures,
        deals=deals,
        extras=extras,
        pulls=list(puller.pulls), compared=list(puller.compared),
    )


def _entity(crm: Connector, erp: Connector, entity: Entity, steps: tuple[int, int],
            compare: Callable[[pd.DataFrame, pd.DataFrame], Task[EntityResult]],
            settings: tuple[Profile, CancelToken | None, Puller], paths: tuple[int, bool | None]
            ) -> Task[EntityResult]:
    """One entity: pulled (whole or only what changed, as ``puller`` reads) and compared, or
    by another path when its size calls for it (an export read in batches, two databases
    diffed inside the servers: always whole)."""
    base, total = steps
    profile, cancel, puller = settings
    # Said before anything is opened: finding a file's size may open a slow source.
    yield Progress(f"pull_crm_{entity.value}", base * _SCALE, total * _SCALE)
    big = streamed.plan(crm, erp, entity, paths[0], cancel)
    inside = None
    # No database connector exists unless its module was loaded: a run of files or APIs
    # never loads SQLAlchemy for this.
    if big is None and paths[1] is not False and "app.connectors.sql.database" in sys.modules:
        from app.reconcile import indatabase

        inside = indatabase.plan(crm, erp, entity, paths[1])
    if big is not None or inside is not None:
        if big is not None:
            task = streamed.reconcile_streamed(crm, erp, big, profile, cancel)
        else:
            from app.reconcile.indatabase import reconcile_in_database

            task = reconcile_in_database(cast(Any, inside), profile, cancel)
        return (yield from _within(task, base, total, span=_STEPS_PER_ENTITY))
    crm_frame = yield from _within(puller.pull(crm, entity, cancel), base, total,
                                   f"pull_crm_{entity.value}")
    _check(cancel)
    yield Progress(f"pull_erp_{entity.value}", (base + 1) * _SCALE, total * _SCALE)
    erp_frame = yield from _within(puller.pull(erp, entity, cancel), base + 1, total,
                                   f"pull_erp_{entity.value}")
    _check(cancel)
    yield Progress(f"compare_{entity.value}", (base + 2) * _SCALE, total * _SCALE)
    with collector_paused():
        result = yield from _within(puller.compare(entity, compare, crm_frame, erp_frame,
                                                   profile), base + 2, total)
    _check(cancel)
    return result


def _optional(puller: Puller, connector: Connector, entity: Entity,
              cancel: CancelToken | None) -> Task[pd.DataFrame | None]:
    """An entity read but not reconciled, when its source has it: the CRM's deals (what a
    merge of customers re-points, what a data subject's export lists) and the insights'
    extras. A source without it (an export of contacts only, an API with no such path) is not
    an error: None."""
    try:
        return (yield from puller.pull(connector, entity, cancel))
    except (SourceError, ValueError, LookupError, NotImplementedError):
        return None


def _within(task: Task[T], step: int, steps: int, name: str | None = None,
            span: int = 1) -> Task[T]:
    """Run ``task`` as step ``step`` of ``steps`` (``span`` steps long), its own progress
    scaled into that step (and reported under ``name`` when given: a connector's pages, as
    "pull_crm_customers")."""
    inner = task
    while True:
        try:
            p = next(inner)
        except StopIteration as stop:
            return stop.value
        yield Progress(name or p.step, step * _SCALE + int(p.fraction * _SCALE * span),
                       steps * _SCALE, p.detail)


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()
