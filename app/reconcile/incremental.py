"""How a run reads each entity: everything (full), or only what changed since the last run.

:class:`Puller` is the engine's reader: it pulls an entity whole and records it as a full
pull (:class:`Pull`). :class:`IncrementalPuller` keeps, per workspace, system and entity, what
it pulled (a :class:`~app.reconcile.snapshots.Snapshot`) and its high-water mark (the newest
``updated_at``); the next run asks the source only for what changed since that mark (minus a
few minutes, for clocks and transactions that commit late), lists the source's ids to find
what was deleted, and rebuilds the whole entity from the snapshot and the changes, in the
order the source gives them — the frame a full pull would have read, so the findings are the
same. A source whose entity has a version token (a file: its size and time) is read again
whole when the token changed, and not at all when it did not.

A run is full for an entity, saying why in Spanish (``Pull.reason``), when a full run was asked
for (Shift+F5, ``--full``), when there is no snapshot or it cannot be read back, when it was
taken with another configuration of the source, when the last full pull is older than
``full_every`` (7 days by default; ``CUADRE_FULL_EVERY_DAYS``), when the source cannot tell what
changed (its connector says why), when its records carry no change time, or when the listing
shows records that are neither in the snapshot nor among the changes (created with an old
change time).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from app.connectors.base import (
    AuthError,
    ChangesConnector,
    Connector,
    SourceError,
    SourceIssue,
    pulling,
)
from app.domain.i18n import tr_app
from app.domain.labels import ENTITY_LABELS
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress, Task
from app.reconcile import delta
from app.reconcile.delta import Change, Compared, Comparer
from app.reconcile.results import EntityResult
from app.reconcile.snapshots import Snapshot, SnapshotBroken, SnapshotStore

log = logging.getLogger(__name__)

FULL = "full"
INCREMENTAL = "incremental"
#: Days between full pulls, unless ``CUADRE_FULL_EVERY_DAYS`` says otherwise.
FULL_EVERY_DAYS = 7
#: How far before the high-water mark a change pull starts.
OVERLAP = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Pull:
    """How one entity of one system was read by a run."""

    system: System
    entity: Entity
    mode: str  # FULL | INCREMENTAL
    records: int  # records read from the source
    total: int  # records reconciled (the snapshot's and the changes)
    deleted: int = 0  # records of the snapshot the source no longer lists
    reason: str | None = None  # why the pull was full when an incremental one was asked for

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"system": self.system.value, "entity": self.entity.value,
                               "mode": self.mode, "records": self.records, "total": self.total}
        if self.mode == INCREMENTAL:
            doc["deleted"] = self.deleted
        if self.reason:
            doc["reason"] = self.reason
        return doc


def full_every() -> timedelta:
    """The most time between two full pulls: ``CUADRE_FULL_EVERY_DAYS`` (default 7)."""
    raw = os.environ.get("CUADRE_FULL_EVERY_DAYS", "").strip()
    try:
        days = float(raw) if raw else FULL_EVERY_DAYS
    except ValueError:
        days = FULL_EVERY_DAYS
    return timedelta(days=max(days, 0))


class Puller:
    """Reads every entity whole (what a full run does): records each pull."""

    def __init__(self) -> None:
        self.pulls: list[Pull] = []
        self.compared: list[Compared] = []
        self._issues: dict[tuple[System, Entity], list[SourceIssue]] = {}

    def compare(self, entity: Entity, comparer: Comparer, crm: pd.DataFrame,
                erp: pd.DataFrame, settings: object) -> Task[EntityResult]:
        """Compare an entity as read: whole (an incremental puller may compare only what the
        changes touch: ``app.reconcile.delta``); says how in ``compared``."""
        result, how = yield from delta.compare(entity, comparer, crm, erp, None, None, None)
        self.compared.append(how)
        return result

    def pull(self, connector: Connector, entity: Entity,
             cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        frame = yield from pulling(connector, entity, None, cancel)
        self._record(connector, entity, Pull(connector.system, entity, FULL, len(frame),
                                             len(frame)), _own_issues(connector, entity))
        return frame

    def _record(self, connector: Connector, entity: Entity, pull: Pull,
                issues: list[SourceIssue]) -> None:
        self.pulls.append(pull)
        self._issues[(connector.system, entity)] = issues

    def issues(self, *connectors: Connector) -> list[SourceIssue]:
        """What the connectors could not read: for the entities pulled here, what this run
        knows of the whole entity (the snapshot's issues and the changes'); else as they
        report it."""
        out: list[SourceIssue] = []
        for connector in connectors:
            shown: set[tuple[System, Entity]] = set()
            for issue in connector.issues():
                key = (connector.system, Entity(issue.entity))
                if key not in self._issues:
                    out.append(issue)
                elif key not in shown:
                    shown.add(key)
                    out += self._issues[key]
            out += [i for key, found in self._issues.items()
                    if key[0] == connector.system and key not in shown for i in found]
        return out


def _own_issues(connector: Connector, entity: Entity) -> list[SourceIssue]:
    return [i for i in connector.issues() if Entity(i.entity) == entity]


class IncrementalPuller(Puller):
    """Reads only what changed since the last run, where it can (module docstring)."""

    def __init__(self, store: SnapshotStore, workspace: str, fingerprints: Mapping[System, str],
                 *, full: bool = False, every: timedelta | None = None,
                 now: datetime | None = None) -> None:
        super().__init__()
        self.store = store
        self.workspace = workspace
        self.fingerprints = dict(fingerprints)
        self.full = full
        self.every = every if every is not None else full_every()
        self.now = now or datetime.now(UTC)
        #: What changed per system and entity (incremental pulls), and the token of the
        #: snapshot each entity now stands in (what a baseline of the comparison must match).
        self.changes: dict[tuple[System, Entity], Change] = {}
        self.tokens: dict[tuple[System, Entity], str] = {}

    def compare(self, entity: Entity, comparer: Comparer, crm: pd.DataFrame,
                erp: pd.DataFrame, settings: object) -> Task[EntityResult]:
        """Compare only what changed since the last comparison of the same sources and
        settings when both systems were read by change (``app.reconcile.delta``)."""
        slot = (self.workspace, entity.value, self.fingerprints.get(System.CRM, ""),
                self.fingerprints.get(System.ERP, ""), repr(settings))
        changes = None if self.full else {
            s: self.changes[(s, entity)] for s in (System.CRM, System.ERP)
            if (s, entity) in self.changes}
        tokens = {s: self.tokens[(s, entity)] for s in (System.CRM, System.ERP)
                  if (s, entity) in self.tokens}
        result, how = yield from delta.compare(entity, comparer, crm, erp, slot, changes, tokens,
                                               getattr(settings, "match", None))
        self.compared.append(how)
        return result

    def pull(self, connector: Connector, entity: Entity,
             cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        system = connector.system
        snap, reason = self._usable(connector, entity)
        if snap is not None and isinstance(connector, ChangesConnector):
            done = yield from self._changes(connector, entity, snap, cancel)
            if isinstance(done, pd.DataFrame):
                return done
            reason = done
        frame = yield from pulling(connector, entity, None, cancel)
        issues = _own_issues(connector, entity)
        self._record(connector, entity, Pull(system, entity, FULL, len(frame), len(frame),
                                             reason=reason), issues)
        if isinstance(connector, ChangesConnector) and (
                connector.version(entity) is not None
                or connector.why_not_incremental(entity) is None):
            self._keep(connector, entity, frame, issues, full_at=self.now)
        return frame

    def _token(self, system: System, entity: Entity, taken_at: datetime, records: int) -> None:
        self.tokens[(system, entity)] = f"{taken_at.isoformat()}|{records}"

    def _usable(self, connector: Connector, entity: Entity) -> tuple[Snapshot | None, str]:
        """The snapshot to start from, or why there is none (a Spanish sentence)."""
        if self.full:
            return None, tr_app("app.reconcile", "se pidió una lectura completa")
        if not isinstance(connector, ChangesConnector):
            return None, tr_app("app.reconcile", "la fuente no puede decir qué cambió")
        if connector.version(entity) is None:
            why = connector.why_not_incremental(entity)
            if why:
                return None, why
        try:
            snap = self.store.load(self.workspace, connector.system, entity)
        except SnapshotBroken as exc:
            log.warning("snapshot not readable, full pull: %s", exc)
            return None, tr_app("app.reconcile", "la lectura anterior guardada está dañada")
        if snap is None:
            return None, tr_app("app.reconcile", "no hay una lectura anterior guardada")
        if snap.fingerprint != self._fingerprint(connector):
            return None, tr_app("app.reconcile", "la configuración de la fuente cambió desde la "
                                "lectura anterior")
        if self.now - snap.full_at >= self.every:
            days = self.every.total_seconds() / 86400
            return None, tr_app("app.reconcile", "la última lectura completa tiene {days} días o "
                                "más").format(days=f"{days:g}")
        return snap, ""

    def _fingerprint(self, connector: Connector) -> str:
        """The source's configuration as the caller gave it, else as it describes itself."""
        given = self.fingerprints.get(connector.system)
        return given if given is not None else connector.describe()

    def _changes(self, connector: ChangesConnector, entity: Entity, snap: Snapshot,
                 cancel: CancelToken | None) -> Task[pd.DataFrame | str]:
        """The entity from the snapshot and what changed; why not (a sentence) when it
        cannot be done."""
        assert isinstance(connector, Connector)
        system = connector.system
        version = connector.version(entity)
        if version is not None:
            if version != snap.version:
                return tr_app("app.reconcile", "el archivo cambió: se lee entero")
            self._record(connector, entity, Pull(system, entity, INCREMENTAL, 0, len(snap.frame)),
                         list(snap.issues))
            self._token(system, entity, snap.taken_at, len(snap.frame))
            self.changes[(system, entity)] = Change(frozenset(), frozenset(),
                                                    self.tokens[(system, entity)])
            return snap.frame
        why = connector.why_not_incremental(entity)
        if why:
            return why
        if snap.high_water is None:
            return tr_app("app.reconcile", "los registros no dicen cuándo cambiaron")
        # From the newest change seen, or from when it was seen if that is earlier: a joined
        # record (a tercero behind a receipt) is stamped by the system's clock, which the
        # newest stamp of data that runs ahead of the clock would hide.
        since = min(snap.high_water, snap.taken_at) - OVERLAP
        changed = yield from pulling(connector, entity, since, cancel)
        if cancel is not None:
            cancel.check()
        yield Progress(f"list_{entity.value}", 0, 1)
        try:
            ids = connector.list_ids(entity)
        except AuthError:
            raise
        except SourceError as exc:  # the source refused the listing: read it whole instead
            return tr_app("app.reconcile", "no se pudieron listar sus identificadores: "
                          "{why}").format(why=str(exc).rstrip("."))
        merged = _merge(snap.frame, changed, ids)
        if isinstance(merged, str):
            return merged
        frame, gone = merged
        deleted = len(gone)
        fresh = set(changed["source_id"].tolist())
        listed = set(ids)
        issues = [i for i in snap.issues if i.source_id is None or (
            i.source_id not in fresh and i.source_id in listed)]
        issues += [i for i in _own_issues(connector, entity)
                   if i.source_id is not None or i not in issues]
        self._record(connector, entity, Pull(system, entity, INCREMENTAL, len(changed),
                                             len(frame), deleted), issues)
        self._token(system, entity, snap.taken_at, len(snap.frame))
        self.changes[(system, entity)] = Change(
            frozenset(_really_changed(changed, snap.frame) & listed),
            frozenset(gone),
            self.tokens[(system, entity)])
        if deleted or not _same_records(changed, snap.frame) or issues != list(snap.issues):
            self.tokens.pop((system, entity), None)
            newest = [s for s in (snap.high_water, _high_water(changed)) if s is not None]
            self._keep(connector, entity, frame, issues, full_at=snap.full_at,
                       high_water=max(newest) if newest else None)
        return frame

    def _keep(self, connector: Connector, entity: Entity, frame: pd.DataFrame,
              issues: list[SourceIssue], *, full_at: datetime,
              high_water: datetime | bool | None = True) -> None:
        """Save what was read as the snapshot of the next run; a failure costs only that.
        ``high_water``: the newest change seen, when the caller knows it (an incremental
        pull: the snapshot's or the changes'), else read from ``frame``."""
        version = connector.version(entity) if isinstance(connector, ChangesConnector) else None
        newest = _high_water(frame) if high_water is True else high_water
        snap = Snapshot(frame, tuple(issues), self._fingerprint(connector),
                        newest if isinstance(newest, datetime) else None,
                        full_at, self.now, version)
        try:
            self.store.save(self.workspace, connector.system, entity, snap)
            self._token(connector.system, entity, self.now, len(frame))
        except (OSError, TypeError, ValueError) as exc:
            log.warning("snapshot of %s %s not saved: %s", connector.system.value,
                        entity.value, type(exc).__name__)
        except Exception as exc:  # sqlite3.Error: the run goes on without a snapshot
            log.warning("snapshot of %s %s not saved: %s", connector.system.value,
                        entity.value, type(exc).__name__)


def _really_changed(changed: pd.DataFrame, base: pd.DataFrame) -> set[str]:
    """The ids of the records read again that are new or differ from the snapshot's (not
    those read again only for the overlap)."""
    kept = base[base["source_id"].isin(set(changed["source_id"].tolist()))]
    before = {r[0]: r for r in kept.itertuples(index=False, name=None)}
    return {r[0] for r in changed.itertuples(index=False, name=None) if before.get(r[0]) != r}


def _same_records(changed: pd.DataFrame, base: pd.DataFrame) -> bool:
    """Whether every record read again is already in the snapshot as it is (those read again
    only for the overlap): then the snapshot stands as it was and is not written again."""
    if changed.empty:
        return True
    ids = set(changed["source_id"].tolist())
    kept = base[base["source_id"].isin(ids)]
    if len(kept) != len(changed):
        return False
    mine = kept.sort_values("source_id", kind="stable").reset_index(drop=True)
    theirs = changed.sort_values("source_id", kind="stable").reset_index(drop=True)
    return bool(mine.equals(theirs))


def _high_water(frame: pd.DataFrame) -> datetime | None:
    if "updated_at" not in frame.columns:
        return None
    stamps = [s for s in frame["updated_at"].tolist()
              if isinstance(s, datetime) and s.tzinfo is not None]
    return max(stamps) if stamps else None


def _merge(base: pd.DataFrame, changed: pd.DataFrame, ids: list[str]
           ) -> tuple[pd.DataFrame, list[str]] | str:
    """The snapshot ``base`` with the ``changed`` records in place and those ``ids`` no longer
    lists gone, in the order of ``ids``: (frame, ids deleted). Why not, when it cannot be
    rebuilt: records listed that are neither in the snapshot nor changed, repeated ids, or
    other columns. One hash of the listing serves every look-up."""
    if list(base.columns) != list(changed.columns):
        return tr_app("app.reconcile", "las columnas de la fuente cambiaron")
    listed = pd.Index(ids, dtype=object)
    if not listed.is_unique:
        return tr_app("app.reconcile", "la fuente repite identificadores")
    if "" in listed:
        return tr_app("app.reconcile", "hay registros sin identificador")
    at_changed = listed.get_indexer(pd.Index(changed["source_id"], dtype=object))
    changed, at_changed = changed[at_changed >= 0], at_changed[at_changed >= 0]
    fresh = changed["source_id"]  # (those deleted after they were read left out)
    if fresh.duplicated().any():
        return tr_app("app.reconcile", "la fuente repite identificadores")
    at_base = listed.get_indexer(pd.Index(base["source_id"], dtype=object))
    keep = (at_base >= 0) & ~base["source_id"].isin(set(fresh.tolist())).to_numpy()
    if int(keep.sum()) + len(changed) != len(ids):
        return tr_app("app.reconcile", "hay registros nuevos con una fecha de cambio anterior a "
                      "la lectura pasada")
    deleted = base["source_id"][at_base < 0].tolist()
    whole = pd.concat([base[keep], changed], ignore_index=True)
    order = np.argsort(np.concatenate([at_base[keep], at_changed]), kind="stable")
    return whole.take(order).reset_index(drop=True), deleted


def pull_place(p: Pull) -> str:
    """Where a pull read, in words: «CRM · Clientes»."""
    from app.domain.i18n import tr_marked

    return f"{p.system.value.upper()} · {tr_marked('labels', ENTITY_LABELS[p.entity])}"


def describe_pulls(pulls: list[Pull]) -> list[str]:
    """One Spanish line per pull: «CRM · Clientes: incremental, 23 leídos de 2.351 (1
    borrado)», «ERP · Pagos: completa, 4.120 leídos (no hay una lectura anterior guardada)»."""
    from app.domain.values import format_count

    lines = []
    for p in pulls:
        where = pull_place(p)
        if p.mode == INCREMENTAL:
            text = (tr_app("app.reconcile", "{where}: incremental, {n} registro leído de {total}")
                    if p.records == 1 else
                    tr_app("app.reconcile", "{where}: incremental, {n} registros leídos de "
                           "{total}")).format(where=where, n=format_count(p.records),
                                              total=format_count(p.total))
            if p.deleted:
                text += " " + (tr_app("app.reconcile", "(1 ya no está)") if p.deleted == 1 else
                               tr_app("app.reconcile", "({n} ya no están)").format(
                                   n=format_count(p.deleted)))
        else:
            text = (tr_app("app.reconcile", "{where}: completa, {n} registro leído")
                    if p.records == 1 else
                    tr_app("app.reconcile", "{where}: completa, {n} registros leídos")).format(
                where=where, n=format_count(p.records))
            if p.reason:
                text += f" ({p.reason})"
        lines.append(text)
    return lines


def is_incremental(pulls: list[Pull]) -> bool:
    return any(p.mode == INCREMENTAL for p in pulls)


