"""Reconciling a saved connection profile: open both systems' sources, reconcile, close.

:func:`reconcile_profile` is what the window's "Reconciliar de nuevo" and ``cuadre reconcile
--profile NAME`` run. Each system of the profile becomes one connector
(:class:`ProfileSource`): the source's own connector for a database, an API or Odoo, or one
file connector per entity for exports (a file holds one entity). Only the entities both systems
have are reconciled, with the profile's tolerances and thresholds
(:meth:`~app.connections.profiles.ConnectionProfile.to_reconcile_profile`). Every connector opened is
closed when the run ends, however it ends.

A source that cannot be used raises :class:`~app.connectors.base.SourceError` (an
:class:`~app.connectors.base.AuthError` for credentials) whose Spanish sentence says which
system and entity failed: "ERP · Clientes: No se encuentra el archivo terceros.csv." When only
some entities cannot be read, the others are reconciled and the report lists the failed ones
(``Report.failures``, each with that sentence); a run stops only when nothing can be read or
credentials are refused.

What the insights read besides (the ERP's invoices, workshop visits and contracts, the CRM's
follow-ups: :data:`~app.connections.profiles.OPTIONAL_ENTITIES`) is pulled when the source has it — a file
given for it, a table or path the database or API answers — and lands in ``Report.extras``.
One that cannot be read is not a failure of the run: it is absent (the insights say so), and
the log says why when the profile named a file for it.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from app.connections.profiles import (
    OPTIONAL_ENTITIES,
    ConnectionProfile,
    ProfileError,
    SourceConfig,
    open_connector,
)
from app.connections.sources import SecretLookup
from app.connectors.base import AuthError, Connector, SourceError, SourceIssue, pulling
from app.domain.labels import ENTITY_LABELS
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind
from app.progress import CancelToken, Task, run
from app.reconcile.engine import ENTITIES, reconcile
from app.reconcile.results import Report

log = logging.getLogger(__name__)

_ENTITY_WORDS = {Entity.CUSTOMERS: "clientes", Entity.PAYMENTS: "pagos",
                 Entity.VEHICLES: "inventario", Entity.DEALS: "negocios"}


def profile_entities(profile: ConnectionProfile, wanted: Entity | None = None) -> tuple[Entity, ...]:
    """The entities both systems of ``profile`` hold, in the engine's order (only ``wanted``
    when given). Raises :class:`ProfileError` when there is nothing to compare."""
    crm = set(profile.crm.entities(System.CRM))
    erp = set(profile.erp.entities(System.ERP))
    shared = tuple(e for e in ENTITIES if e in crm and e in erp)
    if wanted is not None:
        if wanted not in shared:
            missing = [who for who, held in (("el CRM", crm), ("el ERP", erp)) if wanted not in held]
            raise ProfileError(
                f"el perfil «{profile.name}» no tiene {_ENTITY_WORDS[wanted]} en "
                f"{' ni en '.join(missing) or 'los dos sistemas'}", "entities")
        return (wanted,)
    if not shared:
        raise ProfileError(
            f"El CRM y el ERP del perfil «{profile.name}» no tienen ninguna entidad en común "
            "(clientes, pagos o inventario): indique el mismo tipo de datos en los dos.", "entities")
    return shared


def _where(system: System, entity: Entity | None) -> str:
    who = system.value.upper()
    return f"{who} · {ENTITY_LABELS[entity]}" if entity is not None else who


def _located(exc: SourceError, system: System, entity: Entity | None) -> SourceError:
    """The same failure, saying which system (and entity) it came from."""
    kind = AuthError if isinstance(exc, AuthError) else SourceError
    return kind(f"{_where(system, entity)}: {exc}")


def _close(connector: Any) -> None:
    close = getattr(connector, "close", None)
    if callable(close):
        try:
            close()
        except Exception:  # closing must never hide the run's own outcome
            log.warning("closing a connector failed: %s", type(connector).__name__)


class ProfileSource:
    """One system of a profile as a single connector for the engine.

    A database, API or Odoo source is opened once (:meth:`open`); a file source opens the file
    of each entity when that entity is pulled. :meth:`close` closes whatever was opened.
    """

    def __init__(self, config: SourceConfig, system: System, *,
                 secrets: SecretLookup | None = None) -> None:
        self.system = system
        self.config = config
        self._secrets = secrets
        self._shared: Connector | None = None
        self._files: dict[Entity, Connector] = {}

    @property
    def per_file(self) -> bool:
        return self.config.source_kind is SourceKind.FILE

    def open(self) -> None:
        """Open a shared source now (files are opened per entity, when pulled)."""
        if self.per_file or self._shared is not None:
            return
        try:
            self._shared = open_connector(self.config, self.system, secrets=self._secrets)
        except SourceError as exc:
            raise _located(exc, self.system, None) from exc

    def _connector(self, entity: Entity) -> Connector:
        if not self.per_file:
            self.open()
            assert self._shared is not None
            return self._shared
        if entity not in self._files:
            self._files[entity] = open_connector(self.config, self.system, entity,
                                                 secrets=self._secrets)
        return self._files[entity]

    def describe(self) -> str:
        if self._shared is not None:
            return self._shared.describe()
        if len(self._files) == 1:
            return next(iter(self._files.values())).describe()
        return f"perfil {self.system.value.upper()}: {self.config.describe()}"

    def pull_task(self, entity: Entity, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        try:
            connector = self._connector(entity)
            return (yield from pulling(connector, entity, since, cancel))
        except SourceError as exc:
            located = _located(exc, self.system, entity)
            if entity in OPTIONAL_ENTITIES[self.system]:
                self._absent(entity, located)
            raise located from exc

    def _absent(self, entity: Entity, error: SourceError) -> None:
        """An entity read for the insights could not be read: the run goes on without it
        (the engine leaves it out). Worth a warning when the profile named a file for it;
        a database or API without it is common, so that is only noted."""
        named = self.per_file and bool(self.config.files.get(entity.value))
        if named or not self.per_file:
            log.log(logging.WARNING if named else logging.INFO,
                    "not read for the insights (left out): %s", error)

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def issues(self) -> list[SourceIssue]:
        opened = [self._shared] if self._shared is not None else list(self._files.values())
        return [issue for connector in opened for issue in connector.issues()]

    def close(self) -> None:
        for connector in [self._shared, *self._files.values()]:
            if connector is not None:
                _close(connector)
        self._shared = None
        self._files = {}


def reconcile_profile(profile: ConnectionProfile, cancel: CancelToken | None = None, *,
                      entity: Entity | None = None,
                      secrets: SecretLookup | None = None) -> Task[Report]:
    """Pull the CRM and ERP of ``profile`` and reconcile the entities both hold (only
    ``entity`` when given). ``secrets`` looks a source's secret up by its reference (default:
    the OS keyring). Every connector is closed at the end, also on failure or cancel."""
    entities = profile_entities(profile, entity)
    crm = ProfileSource(profile.crm, System.CRM, secrets=secrets)
    erp = ProfileSource(profile.erp, System.ERP, secrets=secrets)
    try:
        crm.open()
        erp.open()
        return (yield from reconcile(crm, erp, profile.to_reconcile_profile(), cancel, entities,
                                     partial=True))
    finally:
        crm.close()
        erp.close()
