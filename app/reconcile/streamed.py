"""The path a reconciliation takes when an export is too big to read whole.

``cuadre reconcile`` and the window's run (:func:`app.reconcile.engine.reconcile`) read each
side whole and compare in memory: right for a dealership's exports, not for a 1 GB CRM export
of ten million contacts. When the customers export of either side is at least
:func:`threshold` bytes (:data:`DEFAULT_MB` MB; ``CUADRE_STREAM_MB`` or ``cuadre reconcile
--stream-mb`` change it), the customers are read in batches (``FileConnector.pull_batches``)
and reconciled part by part (:mod:`app.reconcile.partitioned`) instead: the same links and
findings, a few hundred MB of memory whatever the file's size. The other side may be anything:
a file is read in batches too, a database or an API is pulled whole as usual.

The result is the same :class:`EntityResult` with ``streamed`` set, without the canonical
records themselves (``crm``/``erp`` None: ten million rows are what is not held), so the
side-by-side panel shows the finding's values but not every column of the records.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, cast, runtime_checkable

import pandas as pd

from app.connectors.base import Connector, pulling
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.reconcile import partitioned
from app.reconcile.profile import Profile
from app.reconcile.results import EntityResult

log = logging.getLogger(__name__)

#: Exports this big (MB, 10⁶ bytes) or bigger are read in batches; below, whole.
DEFAULT_MB = 200.0
#: The environment variable that changes :data:`DEFAULT_MB` (a number of MB; 0 always streams).
ENV = "CUADRE_STREAM_MB"
#: The entities that can take the streamed path.
STREAMABLE = frozenset({Entity.CUSTOMERS})


@runtime_checkable
class Batched(Protocol):
    """A source that can give an entity in batches, and say how big its export is."""

    def export_size(self, entity: Entity) -> int | None:
        """Bytes of the export holding ``entity``; None when it is no file (or unreadable)."""
        ...

    def pull_batches(self, entity: Entity) -> Iterator[pd.DataFrame]:
        ...


def threshold(mb: float | None = None) -> int:
    """The size in bytes from which an export is read in batches: ``mb`` when given, else
    ``CUADRE_STREAM_MB``, else :data:`DEFAULT_MB`. A value that is not a number ≥ 0 is
    ignored (and logged)."""
    if mb is None:
        raw = os.environ.get(ENV, "").strip()
        if raw:
            try:
                mb = float(raw.replace(",", "."))
            except ValueError:
                mb = None
            if mb is None or mb < 0 or mb != mb:
                log.warning("%s=%r is not a size in MB: using %s", ENV, raw, DEFAULT_MB)
                mb = None
    if mb is None:
        mb = DEFAULT_MB
    return int(max(0.0, mb) * 1_000_000)


def _size(connector: Connector, entity: Entity) -> int | None:
    return connector.export_size(entity) if isinstance(connector, Batched) else None


@dataclass(frozen=True)
class Plan:
    """Why an entity takes the streamed path: its biggest export and the threshold."""

    entity: Entity
    size: int
    threshold: int


def plan(crm: Connector, erp: Connector, entity: Entity, limit: int,
         cancel: CancelToken | None = None) -> Plan | None:
    """The streamed path for ``entity`` when it can take it and an export is big enough
    (asking a source may open it: ``cancel`` is honoured between the two)."""
    if entity not in STREAMABLE:
        return None
    sizes = []
    for connector in (crm, erp):
        if cancel is not None:
            cancel.check()
        size = _size(connector, entity)
        if size is not None:
            sizes.append(size)
    if not sizes or max(sizes) < limit:
        return None
    return Plan(entity, max(sizes), limit)


def _streams(connector: Connector, entity: Entity) -> bool:
    return isinstance(connector, Batched) and connector.export_size(entity) is not None


def _batches(connector: Connector, entity: Entity, whole: list[pd.DataFrame]
             ) -> Iterable[pd.DataFrame]:
    """The batches of one side: a file's, or the one frame a database or an API gave."""
    return connector.pull_batches(entity) if isinstance(connector, Batched) and \
        _streams(connector, entity) else whole


def reconcile_streamed(crm: Connector, erp: Connector, chosen: Plan,
                       profile: Profile | None = None,
                       cancel: CancelToken | None = None) -> Task[EntityResult]:
    """Reconcile ``chosen.entity`` in batches (see the module): progress per batch read and
    per part compared, a cancel point at each."""
    entity = chosen.entity
    log.info("%s: an export of %d bytes (threshold %d): read in batches", entity.value,
             chosen.size, chosen.threshold)
    frames: dict[str, list[pd.DataFrame]] = {"crm": [], "erp": []}
    for name, connector in (("crm", crm), ("erp", erp)):
        if not _streams(connector, entity):
            frames[name].append((yield from _pulled(pulling(connector, entity, None, cancel),
                                                   f"pull_{name}_{entity.value}")))
    crm_batches = _batches(crm, entity, frames["crm"])
    erp_batches = _batches(erp, entity, frames["erp"])
    summary = yield from _progress(partitioned.reconcile_customers(
        crm_batches, erp_batches, profile, cancel, keep_links=True), entity)
    return EntityResult(entity, links=summary.kept_links or [], duplicates=summary.duplicates,
                        mismatches=summary.mismatches, streamed=True)


def _pulled(task: Task[pd.DataFrame], step: str) -> Task[pd.DataFrame]:
    """A side pulled whole first (a database or an API beside a big file): its progress as
    the start of the run, under its own step."""
    while True:
        try:
            p = next(task)
        except StopIteration as stop:
            return cast(pd.DataFrame, stop.value)
        yield Progress(step, 0, 1, p.detail)


def _progress(task: Task[partitioned.Summary], entity: Entity) -> Task[partitioned.Summary]:
    """The partitioned run's progress under the engine's step codes, as one advance: reading
    the CRM is the first third, the ERP the second (the rows read so far as the detail: how
    many a file holds is not known before it is read), comparing the last, part by part."""
    while True:
        try:
            p = next(task)
        except StopIteration as stop:
            return stop.value
        if p.step == "read_crm":
            yield Progress(f"pull_crm_{entity.value}", 0, 3, f"{p.done:,}")
        elif p.step == "read_erp":
            yield Progress(f"pull_erp_{entity.value}", 1, 3, f"{p.done:,}")
        else:
            yield Progress(f"compare_{entity.value}", 2 * p.total + p.done, 3 * p.total)


__all__ = ["DEFAULT_MB", "ENV", "Batched", "Plan", "plan", "reconcile_streamed", "threshold"]
