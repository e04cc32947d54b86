"""«¿Dónde está este VIN?»: the answer for a VIN, or its last characters, from what is saved.

:func:`lookup` reads the workspace's latest saved run (:mod:`app.vin.index`): the VIN's records
in both systems; then where and when it was last counted (the saved physical counts,
:class:`~app.count.saved.CountStore`) and every finding on it still alive
(:mod:`app.findings.views`: a vehicle finding whose VIN or records are this VIN's). Nothing is
read from the systems: it answers in well under a second. :func:`answer` builds the same
answer around records read live (:mod:`app.vin.live`).

What a person types is a whole VIN or its last characters (at least :data:`MIN_TAIL`); a tail
that several VINs end with is refused with those VINs (:class:`Ambiguous`). Refusals are
:class:`VinError` with a code and a Spanish sentence. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from app.count.saved import CountStore
from app.domain.i18n import tr_app
from app.domain.schema import Entity
from app.domain.values import BOGOTA, money_str, normalize_vin
from app.findings.states import FindingState
from app.findings.views import FindingView, findings
from app.store.db import Store
from app.vin.index import MAX_MATCHES, SavedRun, find, latest
from app.vin.records import VinRecords

#: The fewest characters a VIN's tail may have to be looked up.
MIN_TAIL = 6


class VinError(Exception):
    """A VIN that cannot be answered: ``code`` is one of ``short``, ``no_run``, ``no_index``,
    ``unknown``, ``ambiguous``; the message is one Spanish sentence."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class Ambiguous(VinError):
    """Several VINs end with what was typed: ``matches`` (at most :data:`MAX_MATCHES`)."""

    def __init__(self, message: str, matches: Sequence[VinRecords], more: bool) -> None:
        super().__init__(message, "ambiguous")
        self.matches = tuple(matches)
        self.more = more


@dataclass(frozen=True, slots=True)
class Counted:
    """Where and when a VIN was last counted on a lot (a saved physical count)."""

    branch: str
    counted_at: datetime | date | None
    counted_by: str | None
    note: str | None
    saved_at: datetime | None
    times: int  # scans of this VIN in that count


@dataclass(frozen=True, slots=True)
class VinAnswer:
    """One VIN across both systems and the last count. ``run`` is the saved run the records
    come from (None when read live with no run saved); ``live_at`` when they were read live."""

    records: VinRecords
    workspace: str
    run: SavedRun | None
    counted: Counted | None
    findings: tuple[FindingView, ...] = ()
    live_at: datetime | None = None
    typed: str = field(default="", compare=False)

    @property
    def vin(self) -> str:
        return self.records.vin

    def to_json(self, now: datetime | None = None) -> dict[str, Any]:
        """JSON-ready: codes, money as exact text, dates and times in ISO."""
        return {
            "vin": self.vin, "workspace": self.workspace,
            "run": None if self.run is None else {
                "id": self.run.id, "saved_at": self.run.saved_at.isoformat(),
                "source": self.run.source},
            "live_at": None if self.live_at is None else self.live_at.isoformat(),
            **_plain(self.records.to_payload()),
            "counted": None if self.counted is None else {
                "branch": self.counted.branch, "counted_at": _iso(self.counted.counted_at),
                "counted_by": self.counted.counted_by, "note": self.counted.note,
                "saved_at": _iso(self.counted.saved_at), "times": self.counted.times},
            "findings": [_finding_json(f, now) for f in self.findings],
        }


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "vin"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return money_str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _finding_json(f: FindingView, now: datetime | None) -> dict[str, Any]:
    return {"id": f.id, "entity": f.entity.value, "kind": f.kind, "state": f.state.value,
            "at_stake": money_str(f.at_stake), "branch": f.branch, "assignee": f.assignee,
            "age_days": f.age(now), "crm_ids": list(f.crm_ids), "erp_ids": list(f.erp_ids)}


# --- what was typed -------------------------------------------------------------------------------


def wanted(text: str | None) -> str:
    """What was typed as a VIN or its tail (upper case, no spaces or dashes); refused when
    shorter than :data:`MIN_TAIL`."""
    vin = normalize_vin(text)
    if vin is None or len(vin) < MIN_TAIL:
        raise VinError(tr_app("app.vin", "Escriba el VIN o al menos sus últimos {n} "
                              "caracteres.").format(n=MIN_TAIL), "short")
    return vin


def no_run_message(workspace: str | None) -> str:
    where = tr_app("app.vin", " en «{workspace}»").format(workspace=workspace) if workspace else ""
    return tr_app("app.vin", "No hay conciliaciones guardadas{where}: concilie y guarde una "
                  "(«cuadre workspace reconcile …», o «Reconciliar» en la ventana con un "
                  "usuario elegido), o lea el VIN en vivo en los dos sistemas (--live, "
                  "«Actualizar»).").format(where=where)


# --- the answer -----------------------------------------------------------------------------------


def lookup(store: Store, workspace: str | None, text: str,
           counts: CountStore | None = None) -> VinAnswer:
    """The VIN ``text`` names (whole, or its last characters) in ``workspace``'s latest saved
    run (the latest of any workspace when None), with its last count and its findings."""
    vin = wanted(text)
    run = latest(store, workspace)
    if run is None:
        raise VinError(no_run_message(workspace), "no_run")
    if run.vins == 0:
        raise VinError(tr_app("app.vin", "La última conciliación guardada de «{workspace}» no "
                              "guardó los VIN (se guardó antes de esta versión, o no se leyó el "
                              "inventario): concilie de nuevo, o lea el VIN en vivo (--live, "
                              "«Actualizar»).").format(workspace=run.workspace), "no_index")
    matches = find(store, run.id, vin)
    return answer(store, run.workspace, one_of(matches, vin), run, counts, typed=text)


def one_of(matches: Sequence[VinRecords], vin: str) -> VinRecords:
    """The one VIN of ``matches``; refused when none or several."""
    if not matches:
        raise VinError(tr_app("app.vin", "Ningún VIN es ni termina en «{vin}» en el CRM ni en el "
                              "ERP.").format(vin=vin), "unknown")
    if len(matches) > 1:
        more = len(matches) > MAX_MATCHES
        raise Ambiguous(tr_app("app.vin", "{count} VIN terminan en «{vin}»: escriba más "
                               "caracteres.").format(count=len(matches) if not more else
                                                     f"{MAX_MATCHES}+", vin=vin),
                        matches[:MAX_MATCHES], more)
    return matches[0]


def answer(store: Store | None, workspace: str, records: VinRecords, run: SavedRun | None,
           counts: CountStore | None = None, *, live_at: datetime | None = None,
           typed: str = "") -> VinAnswer:
    """The answer around ``records``: the last count of the VIN and, with a store, its alive
    findings in ``workspace``."""
    found: tuple[FindingView, ...] = ()
    if store is not None:
        found = on_vin(findings(store, workspace, entity=Entity.VEHICLES), records)
    return VinAnswer(records, workspace, run, last_counted(counts or CountStore(), records.vin),
                     found, live_at, typed)


def on_vin(candidates: Sequence[FindingView], records: VinRecords) -> tuple[FindingView, ...]:
    """The findings of ``candidates`` about this VIN (by their VIN or their records), still
    alive, the most pesos first."""
    crm = {v.source_id for v in records.crm}
    erp = {v.source_id for v in records.erp}
    mine = [f for f in candidates
            if f.state is not FindingState.RESOLVED and (
                normalize_vin(f.ref) == records.vin or crm & set(f.crm_ids)
                or erp & set(f.erp_ids))]
    return tuple(sorted(mine, key=lambda f: (-(f.at_stake or 0), f.first_seen_at, f.id)))


def _key(moment: datetime | date | None, saved: datetime | None) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=BOGOTA)
    if isinstance(moment, date):
        return datetime.combine(moment, time(), BOGOTA)
    return saved or datetime.min.replace(tzinfo=UTC)


def last_counted(counts: CountStore, vin: str) -> Counted | None:
    """Where and when ``vin`` was last counted (its latest scan across the saved counts)."""
    best: tuple[datetime, Counted] | None = None
    for saved in counts.every():
        scans = [e for e in saved.entries if e.vin == vin]
        if not scans:
            continue
        last = max(scans, key=lambda e: _key(e.counted_at, saved.saved_at))
        key = _key(last.counted_at, saved.saved_at)
        if best is None or key > best[0]:
            best = (key, Counted(saved.branch, last.counted_at, last.counted_by, last.note,
                                 saved.saved_at, len(scans)))
    return None if best is None else best[1]
