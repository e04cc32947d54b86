"""The VINs a saved run read, kept with it (the ``run_vins`` table).

A run keeps counts, pesos and proposals, not the records themselves; «¿Dónde está este VIN?»
needs a little of them for every VIN — also one that agrees in both systems and has no
finding. :func:`rows_of` prepares one row per VIN (its :class:`~app.vin.records.VinRecords`)
before the run's transaction; :func:`keep` writes them in that transaction and forgets the rows
of the workspace's earlier runs, so the store keeps one copy per workspace. :func:`latest` and
:func:`find` read them back. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.domain.schema import Entity
from app.reconcile.results import Report
from app.store.db import Store
from app.store.models import RunRow, RunVinRow
from app.vin.records import Frames, VinRecords, collect

#: At most this many VINs are listed for a tail that several VINs end with.
MAX_MATCHES = 50


def frames_of(report: Report) -> Frames:
    """The frames of ``report`` that name VINs or their customers."""
    vehicles = report.results.get(Entity.VEHICLES)
    customers = report.results.get(Entity.CUSTOMERS)
    return Frames(
        crm_vehicles=None if vehicles is None else vehicles.crm,
        erp_vehicles=None if vehicles is None else vehicles.erp,
        deals=report.deals, invoices=report.extras.get(Entity.INVOICES),
        crm_customers=None if customers is None else customers.crm,
        erp_customers=None if customers is None else customers.erp)


def rows_of(report: Report) -> dict[str, str]:
    """VIN → the stored text of its records (:meth:`VinRecords.to_row`): the work done before
    the run's transaction, so the store is not held while it is done."""
    return {vin: r.to_row() for vin, r in collect(frames_of(report)).items()}


def keep(session: Session, run: RunRow, rows: dict[str, str]) -> int:
    """Keep ``rows`` (:func:`rows_of`) with ``run`` (already flushed) and forget the VINs of the
    workspace's earlier runs; how many VINs were kept."""
    earlier = select(RunRow.id).where(RunRow.workspace == run.workspace, RunRow.id != run.id)
    session.execute(delete(RunVinRow).where(RunVinRow.run_id.in_(earlier)))
    if rows:
        session.execute(insert(RunVinRow), [{"run_id": run.id, "vin": vin, "data": text}
                                            for vin, text in rows.items()])
    return len(rows)


@dataclass(frozen=True, slots=True)
class SavedRun:
    """The latest saved run of a workspace, as a VIN lookup names it."""

    id: str
    workspace: str
    saved_at: datetime
    source: str
    vins: int  # how many VINs it kept (0: saved before VINs were kept, or no inventory read)


def latest(store: Store, workspace: str | None) -> SavedRun | None:
    """The latest saved run of ``workspace`` (of any workspace when None), or None."""
    with store.read() as session:
        query = select(RunRow.id, RunRow.workspace, RunRow.saved_at, RunRow.source).order_by(
            RunRow.saved_at.desc(), RunRow.id.desc()).limit(1)
        if workspace is not None:
            query = query.where(RunRow.workspace == workspace.strip())
        row = session.execute(query).one_or_none()
        if row is None:
            return None
        count = session.scalar(select(func.count()).select_from(RunVinRow).where(
            RunVinRow.run_id == row.id)) or 0
        return SavedRun(row.id, row.workspace, row.saved_at, row.source, int(count))


def find(store: Store, run_id: str, vin: str) -> list[VinRecords]:
    """The VIN ``vin`` kept with ``run_id`` (one), else the VINs that end with it (sorted,
    at most :data:`MAX_MATCHES` + 1, so that «more» can be told)."""
    with store.read() as session:
        exact = session.scalar(select(RunVinRow.data).where(
            RunVinRow.run_id == run_id, RunVinRow.vin == vin))
        if exact is not None:
            return [VinRecords.from_row(exact)]
        rows = session.scalars(select(RunVinRow.data).where(
            RunVinRow.run_id == run_id, RunVinRow.vin.endswith(vin, autoescape=True))
            .order_by(RunVinRow.vin).limit(MAX_MATCHES + 1)).all()
    return [VinRecords.from_row(text) for text in rows]
