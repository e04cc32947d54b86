"""«Actualizar» / ``cuadre vin --live``: one VIN read again in the two systems.

:func:`live_task` pulls the vehicles of the CRM and of the ERP (which a VIN lookup needs; a
system that cannot be read says so in its own sentence), and what completes them when the
systems have it: the CRM's deals, the ERP's invoices and, for a customer whose name is not
known yet, that system's customers. It keeps only the VIN asked for — or, when only a tail is
known and no run was saved, the VINs that end with it (:func:`app.vin.lookup.one_of` refuses
none or several). A task: it yields progress per step and honours cancel between them. No Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, Protocol

import pandas as pd

from app.connectors.base import SourceError
from app.count.saved import CountStore
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress, Task
from app.store.db import Store
from app.store.values import utc_now
from app.vin.index import find, latest
from app.vin.lookup import VinAnswer, answer, one_of, wanted
from app.vin.records import Frames, Party, VinRecords, collect

log = logging.getLogger(__name__)

#: What is read, in order: (system, entity, needed). An entity not needed that cannot be read
#: is left out (a source without deals or invoices is common).
_READS = ((System.CRM, Entity.VEHICLES, True), (System.ERP, Entity.VEHICLES, True),
          (System.CRM, Entity.DEALS, False), (System.ERP, Entity.INVOICES, False))


class Pulls(Protocol):
    """What :func:`live_task` reads through: :class:`app.connections.systems.Systems`."""

    def pull_task(self, system: System | str, entity: Entity,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]: ...


def _pull(systems: Pulls, system: System, entity: Entity, needed: bool,
          cancel: CancelToken | None) -> Task[pd.DataFrame | None]:
    step = f"pull_{system.value}_{entity.value}"
    yield Progress(step, 0, 1)
    try:
        task = systems.pull_task(system, entity, cancel)
        while True:
            try:
                report = next(task)
            except StopIteration as done:
                frame: pd.DataFrame = done.value
                break
            yield Progress(step, report.done, report.total, report.detail)
    except SourceError as exc:
        if needed:
            raise
        log.info("VIN read live without %s %s: %s", system.value, entity.value,
                 type(exc).__name__)
        return None
    yield Progress(step, 1, 1)
    return frame


def _only(frame: pd.DataFrame | None, vins: set[str] | None, tail: str | None) -> Any:
    """The rows of ``frame`` about the VINs wanted (all rows while the VIN is not known)."""
    if frame is None or frame.empty or "vin" not in frame.columns or (vins is None and not tail):
        return frame
    text = frame["vin"].map(lambda v: "" if v is None else str(v).upper().replace(" ", "")
                            .replace("-", ""))
    keep = text.isin(vins) if vins is not None else text.str.endswith(tail or "")
    return frame[keep]


def live_task(systems: Pulls, text: str, saved: VinRecords | None = None,
              cancel: CancelToken | None = None) -> Task[VinRecords]:
    """The VIN ``text`` names (or ``saved``'s VIN) as the two systems hold it now. Customer
    names already known from ``saved`` are kept; the others are read."""
    vin = saved.vin if saved is not None else wanted(text)
    read: dict[tuple[System, Entity], pd.DataFrame | None] = {}
    for system, entity, needed in _READS:
        if cancel is not None:
            cancel.check()
        read[(system, entity)] = yield from _pull(systems, system, entity, needed, cancel)
    frames = _frames(read, vin, exact=saved is not None)
    found = collect(frames, {vin} if saved is not None else None)
    exact = found.get(vin)
    records = exact if exact is not None else one_of(
        [r for v, r in sorted(found.items()) if v.endswith(vin)], vin)
    unnamed = _unnamed(records, saved)
    customers: dict[System, pd.DataFrame | None] = {}
    for system in (System.CRM, System.ERP):
        if system in unnamed:
            if cancel is not None:
                cancel.check()
            customers[system] = yield from _pull(systems, system, Entity.CUSTOMERS, False,
                                                 cancel)
    frames = Frames(frames.crm_vehicles, frames.erp_vehicles, frames.deals, frames.invoices,
                    customers.get(System.CRM), customers.get(System.ERP))
    again = collect(frames, {records.vin})[records.vin]
    return _with_names(again, saved)


def _frames(read: dict[tuple[System, Entity], pd.DataFrame | None], vin: str, *,
            exact: bool) -> Frames:
    vins, tail = ({vin}, None) if exact else (None, vin)
    crm = _only(read[(System.CRM, Entity.VEHICLES)], vins, tail)
    deals = read[(System.CRM, Entity.DEALS)]
    return Frames(crm, _only(read[(System.ERP, Entity.VEHICLES)], vins, tail), deals,
                  _only(read[(System.ERP, Entity.INVOICES)], vins, tail))


def _docs(records: VinRecords, system: System) -> set[str]:
    parties = [v.customer for v in records.vehicles(system)]
    if system is System.CRM:
        parties += [d.customer for d in records.deals]
    else:
        parties += [i.customer for i in records.invoices]
    return {p.doc for p in parties if p is not None and p.doc}


def _known(saved: VinRecords | None, system: System) -> dict[str, str]:
    if saved is None:
        return {}
    out: dict[str, str] = {}
    for v in saved.vehicles(system):
        if v.customer is not None and v.customer.doc and v.customer.name:
            out[v.customer.doc] = v.customer.name
    others = saved.deals if system is System.CRM else saved.invoices
    for o in others:
        if o.customer is not None and o.customer.doc and o.customer.name:
            out[o.customer.doc] = o.customer.name
    return out


def _unnamed(records: VinRecords, saved: VinRecords | None) -> set[System]:
    """The systems with a customer whose name ``saved`` does not give."""
    return {system for system in System
            if _docs(records, system) - set(_known(saved, system))}


def _with_names(records: VinRecords, saved: VinRecords | None) -> VinRecords:
    """``records`` with the names ``saved`` knows for customers left unnamed."""
    def named(party: Party | None, known: dict[str, str]) -> Party | None:
        if party is None or party.name or not party.doc or party.doc not in known:
            return party
        return Party(party.doc, known[party.doc])

    crm, erp = _known(saved, System.CRM), _known(saved, System.ERP)
    return replace(
        records,
        crm=tuple(replace(v, customer=named(v.customer, crm)) for v in records.crm),
        erp=tuple(replace(v, customer=named(v.customer, erp)) for v in records.erp),
        deals=tuple(replace(d, customer=named(d.customer, crm)) for d in records.deals),
        invoices=tuple(replace(i, customer=named(i.customer, erp)) for i in records.invoices))


#: Opens the two systems for a live read (``lambda: open_systems(what)``), closed when done;
#: what it opens reads as :class:`Pulls`.
Opener = Callable[[], AbstractContextManager[Any]]


def live_answer(opener: Opener, store: Store | None, workspace: str | None, text: str,
                counts: CountStore | None = None,
                cancel: CancelToken | None = None) -> Task[VinAnswer]:
    """«Actualizar»: the VIN ``text`` names read again in the systems ``opener`` opens, with
    its last count and its findings in ``workspace``. What the latest saved run holds of it,
    when anything, says which VIN a tail means and names its customers."""
    saved: VinRecords | None = None
    run = None
    if store is not None:
        run = latest(store, workspace)
        if run is not None and run.vins:
            matches = find(store, run.id, wanted(text))
            saved = one_of(matches, wanted(text)) if len(matches) > 1 else \
                (matches[0] if matches else None)
    with opener() as systems:
        records = yield from live_task(systems, text, saved, cancel)
    name = workspace or (run.workspace if run is not None else "")
    return answer(store, name, records, run, counts, live_at=utc_now(), typed=text)
