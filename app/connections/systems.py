"""The two systems a reconciliation reads, opened the one way every caller opens them.

What to open is the demo dealership (:class:`Demo`) or a connection profile: a saved one, or
the ``--crm``/``--erp`` pair of the command line as an unsaved profile (:func:`adhoc_profile`,
named «Principal»). :func:`open_systems` opens its CRM and ERP as :class:`Systems` and closes
every connector it opened when the ``with`` block ends, however it ends;
:func:`reconcile_systems` is that and a reconciliation in one task — what the window's
"Reconciliar de nuevo" and ``cuadre reconcile`` both run.

Each system of a profile is one connector (:class:`ProfileSource`): the source's own connector
for a database, an API or Odoo, or one file connector per entity for exports (a file holds one
entity). Only the entities both systems have are reconciled, with the profile's tolerances and
thresholds (:meth:`~app.connections.profiles.ConnectionProfile.to_reconcile_profile`, called
here and nowhere else); the demo is reconciled with the engine's defaults.

One rule for partial failure. A source that cannot be used raises
:class:`~app.connectors.base.SourceError` (an :class:`~app.connectors.base.AuthError` for
credentials) whose Spanish sentence says which system and entity failed: "ERP · Clientes: No se
encuentra el archivo terceros.csv." When only some entities cannot be read, the others are
reconciled and the report lists the failed ones (``Report.failures``, each with that sentence);
a run stops only when nothing can be read or credentials are refused.

What the insights read besides (the ERP's invoices, workshop visits and contracts, the CRM's
follow-ups: :data:`~app.connections.profiles.OPTIONAL_ENTITIES`) is pulled when the source has
it — a file given for it, a table or path the database or API answers — and lands in
``Report.extras``. One that cannot be read is not a failure of the run: it is absent (the
insights say so), and the log says why when the profile named a file for it.

What Cuadre can write to is decided here, once (:meth:`Systems.writable`): a database, an API
or Odoo whose connector reads and applies corrections; an export file never.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, cast, runtime_checkable

import pandas as pd

from app.connections.profiles import (
    OPTIONAL_ENTITIES,
    ConnectionProfile,
    ProfileError,
    SourceConfig,
)
from app.connections.sources import SecretLookup, close_connector, open_connector
from app.connectors.base import (
    AuthError,
    Connector,
    SourceError,
    SourceIssue,
    WritableConnector,
    pulling,
)
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import ENTITY_LABELS
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind, parse_source
from app.progress import CancelToken, Task, run
from app.reconcile.engine import ENTITIES, reconcile
from app.reconcile.profile import Profile
from app.reconcile.results import Report

log = logging.getLogger(__name__)

#: The workspace of the demo dealership.
DEMO_WORKSPACE = "Demostración"
#: The name of the ``--crm``/``--erp`` pair (an unsaved profile) and of its workspace.
DEFAULT_WORKSPACE = "Principal"

#: Why a system a correction is meant for cannot take it: its source is an export file.
EXPORT_FILE = "es un archivo exportado"

_ENTITY_WORDS = {Entity.CUSTOMERS: mark_app("app.connections", "clientes"),
                 Entity.PAYMENTS: mark_app("app.connections", "pagos"),
                 Entity.VEHICLES: mark_app("app.connections", "inventario"),
                 Entity.DEALS: mark_app("app.connections", "negocios")}


@dataclass(frozen=True)
class Demo:
    """The demo dealership: its CRM and ERP databases in the data folder, written on first use
    (and anew with ``reset``)."""

    reset: bool = False

    @property
    def name(self) -> str:
        return DEMO_WORKSPACE


@runtime_checkable
class _Writes(Protocol):
    """What a connector needs to take a correction (``WritableConnector`` beyond reading)."""

    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None: ...

    def apply(self, correction: Any) -> Any: ...


# --- which entities ---------------------------------------------------------------------------


def profile_entities(profile: ConnectionProfile, wanted: Entity | None = None) -> tuple[Entity, ...]:
    """The entities both systems of ``profile`` hold, in the engine's order (only ``wanted``
    when given). Raises :class:`ProfileError` when there is nothing to compare."""
    crm = set(profile.crm.entities(System.CRM))
    erp = set(profile.erp.entities(System.ERP))
    shared = tuple(e for e in ENTITIES if e in crm and e in erp)
    if wanted is not None:
        if wanted not in shared:
            missing = [who for who, held in ((tr_app("app.connections", "el CRM"), crm),
                                             (tr_app("app.connections", "el ERP"), erp))
                       if wanted not in held]
            nor = " {} ".format(tr_app("app.connections", "ni en"))
            raise ProfileError(tr_app("app.connections", "el perfil «{name}» no tiene {entity} en "
                                      "{where}").format(
                name=profile.name, entity=tr_marked("app.connections", _ENTITY_WORDS[wanted]),
                where=nor.join(missing) or tr_app("app.connections", "los dos sistemas")),
                "entities")
        return (wanted,)
    if not shared:
        raise ProfileError(tr_app(
            "app.connections", "El CRM y el ERP del perfil «{name}» no tienen ninguna entidad en "
            "común (clientes, pagos o inventario): indique el mismo tipo de datos en los "
            "dos.").format(name=profile.name), "entities")
    return shared


# --- the --crm/--erp pair ---------------------------------------------------------------------


def adhoc_profile(crm: str | None, erp: str | None, *, entity: Entity | None = None,
                  mapping: Mapping[str, Any] | None = None) -> ConnectionProfile:
    """The ``--crm``/``--erp`` pair (with ``--entity`` and ``--mapping``) as an unsaved profile
    named «Principal», so it is opened and reconciled as a saved one is. A side not given
    (``cuadre count`` names only the ERP) has no source.

    A file holds one entity: ``entity`` says which. ``mapping`` is a mapping file's object:
    ``{campo: encabezado}`` for both sources (with ``entity``) or ``{entity: {…}}``, either one
    split by system as ``{"crm": …, "erp": …}``. Raises :class:`ProfileError` (a sentence about
    the options) when they do not fit, :class:`SourceError` for a source string not understood.
    """
    crm_map, erp_map = _split(mapping)
    return ConnectionProfile(DEFAULT_WORKSPACE, crm=_adhoc_source(crm, crm_map, entity),
                             erp=_adhoc_source(erp, erp_map, entity))


def _split(mapping: Mapping[str, Any] | None) -> tuple[Any, Any]:
    """(CRM mapping, ERP mapping) of a mapping file: shared, or split by system."""
    if not mapping:
        return None, None
    if set(mapping) <= {System.CRM.value, System.ERP.value}:
        return mapping.get(System.CRM.value), mapping.get(System.ERP.value)
    return mapping, mapping


def _adhoc_source(text: str | None, mapping: Any, entity: Entity | None) -> SourceConfig:
    if text is None:
        return SourceConfig()
    spec = parse_source(text)
    mappings = _per_entity(mapping, entity)
    if spec.kind is SourceKind.FILE:
        if entity is None:
            raise ProfileError(tr_app("app.connections", "un archivo trae una sola entidad: "
                                      "indique cuál con --entity"), "entities")
        return SourceConfig(SourceKind.FILE.value, files={entity.value: text}, mappings=mappings)
    return SourceConfig(spec.kind.value, source=text, mappings=mappings)


def _per_entity(mapping: Any, entity: Entity | None) -> dict[str, Any]:
    """A mapping gives one entity's columns (with ``entity``) or ``{entity: {…}}``."""
    if mapping is None:
        return {}
    if not isinstance(mapping, Mapping):
        raise ProfileError(tr_app("app.connections", 'el mapeo debe ser un objeto {{"columna": '
                                  '"Encabezado"}}').format(), "mappings")
    if set(mapping) <= {e.value for e in Entity}:
        return dict(mapping)
    if entity is None:
        raise ProfileError(tr_app("app.connections", "sin --entity, el mapeo se escribe por "
                                  'entidad: {{"customers": {{"columna": "Encabezado"}}, …}}'
                                  ).format(),
                           "mappings")
    return {entity.value: mapping}


# --- one system of a profile ------------------------------------------------------------------


def _where(system: System, entity: Entity | None) -> str:
    who = system.value.upper()
    return f"{who} · {ENTITY_LABELS[entity]}" if entity is not None else who


def _located(exc: SourceError, system: System, entity: Entity | None) -> SourceError:
    """The same failure, saying which system (and entity) it came from."""
    kind = AuthError if isinstance(exc, AuthError) else SourceError
    return kind(f"{_where(system, entity)}: {exc}")


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

    @property
    def given(self) -> bool:
        """Whether the profile names a source for this system at all."""
        return bool(self.config.source.strip() or any(self.config.files.values()))

    def open(self) -> None:
        """Open a shared source now (files are opened per entity, when pulled)."""
        if not self.per_file:
            self.shared()

    def shared(self) -> Connector:
        """The one connector of a database, API or Odoo source, opened on first use."""
        if self._shared is None:
            try:
                self._shared = open_connector(self.config, self.system, secrets=self._secrets)
            except SourceError as exc:
                raise _located(exc, self.system, None) from exc
        return self._shared

    def _connector(self, entity: Entity) -> Connector:
        if not self.per_file:
            return self.shared()
        if entity not in self._files:
            self._files[entity] = open_connector(self.config, self.system, entity,
                                                 secrets=self._secrets)
        return self._files[entity]

    def describe(self) -> str:
        if self._shared is not None:
            return self._shared.describe()
        if len(self._files) == 1:
            return next(iter(self._files.values())).describe()
        return tr_app("app.connections", "perfil {system}: {source}").format(
            system=self.system.value.upper(), source=self.config.describe())

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
            close_connector(connector)
        self._shared = None
        self._files = {}


# --- the two systems --------------------------------------------------------------------------


class Systems:
    """One CRM and one ERP, opened by :func:`open_systems`.

    ``name`` is the workspace their reconciliations belong to: «Demostración», the profile's
    name, or «Principal» for ``--crm``/``--erp``. ``profile`` is None for the demo.
    """

    def __init__(self, what: Demo | ConnectionProfile, *, secrets: SecretLookup | None = None,
                 cancel: CancelToken | None = None) -> None:
        self.name = what.name
        self._cancel = cancel
        self._demo = what if isinstance(what, Demo) else None
        self._ready = self._demo is None
        self.crm: Connector
        self.erp: Connector
        if isinstance(what, Demo):
            from app.demo import demo_files  # the demo's modules only when the demo is opened
            from app.demo.connector import DemoCrm, DemoErp

            files = demo_files()
            self.profile: ConnectionProfile | None = None
            self.crm, self.erp = DemoCrm(files.crm), DemoErp(files.erp)
            self.settings = Profile()
        else:
            self.profile = what
            self.crm = ProfileSource(what.crm, System.CRM, secrets=secrets)
            self.erp = ProfileSource(what.erp, System.ERP, secrets=secrets)
            self.settings = what.to_reconcile_profile()

    def source(self, system: System | str) -> Connector:
        return self.crm if System(system) is System.CRM else self.erp

    def entities(self, wanted: Entity | None = None) -> tuple[Entity, ...]:
        """What a reconciliation of these systems compares (only ``wanted`` when given);
        :class:`ProfileError` when the two hold nothing in common (or not ``wanted``)."""
        if self.profile is not None:
            return profile_entities(self.profile, wanted)
        return ENTITIES if wanted is None else (wanted,)

    def ready_task(self, cancel: CancelToken | None = None) -> Task[None]:
        """Make the systems readable: the demo's databases are written the first time (anew
        with ``Demo(reset=True)``); a profile's sources need nothing. Done once."""
        if not self._ready:
            assert self._demo is not None
            from app.demo import ensure_demo

            yield from ensure_demo(reset=self._demo.reset,
                                  cancel=cancel if cancel is not None else self._cancel)
            self._ready = True

    def reconcile_task(self, cancel: CancelToken | None = None, *,
                       entity: Entity | None = None) -> Task[Report]:
        """Pull both systems and reconcile what they both hold (only ``entity`` when given),
        with the profile's tolerances and thresholds."""
        cancel = cancel if cancel is not None else self._cancel
        entities = self.entities(entity)
        yield from self.ready_task(cancel)
        self.open()
        return (yield from reconcile(self.crm, self.erp, self.settings, cancel, entities,
                                     partial=True))

    def pull_task(self, system: System | str, entity: Entity,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        """Every record of ``entity`` in one system (the ERP's vehicles for a count)."""
        cancel = cancel if cancel is not None else self._cancel
        yield from self.ready_task(cancel)
        return (yield from pulling(self.source(system), entity, None, cancel))

    def writable(self) -> dict[System, WritableConnector]:
        """The systems a correction can be written to, by their connector."""
        return {system: cast(WritableConnector, target)
                for system, target in self._targets().items() if not isinstance(target, str)}

    def unwritable(self) -> dict[System, str]:
        """The systems given that cannot take a correction, and why, in Spanish: «es un
        archivo exportado», «(API http://…) no admite escritura»."""
        return {system: target for system, target in self._targets().items()
                if isinstance(target, str)}

    def _targets(self) -> dict[System, Connector | str]:
        """Each system given: the connector a correction goes through, or why there is none."""
        run(self.ready_task())
        out: dict[System, Connector | str] = {}
        for system in System:
            source = self.source(system)
            if isinstance(source, ProfileSource):
                if not source.given:
                    continue
                if source.per_file:
                    out[system] = EXPORT_FILE
                    continue
                source = source.shared()
            out[system] = source if isinstance(source, _Writes) else \
                tr_app("app.connections", "({source}) no admite escritura").format(
                    source=source.describe())
        return out

    def open(self) -> None:
        """Open both shared sources now, as a reconciliation does: a database, an API or Odoo
        that cannot be reached says so before anything is read. Files are opened when their
        entity is pulled."""
        for source in (self.crm, self.erp):
            if isinstance(source, ProfileSource):
                source.open()

    def close(self) -> None:
        for source in (self.crm, self.erp):
            close_connector(source)


@contextmanager
def open_systems(what: Demo | ConnectionProfile, *, secrets: SecretLookup | None = None,
                 cancel: CancelToken | None = None) -> Iterator[Systems]:
    """The CRM and ERP of ``what`` (the demo, a saved profile, or :func:`adhoc_profile`), each
    source opened when it is first needed (a reconciliation opens both before reading; a count
    opens only the ERP). ``secrets`` looks a source's secret up by its reference (default: the
    OS keyring); ``cancel`` stops the work done through them. Everything opened is closed when
    the block ends, also on failure or cancel."""
    systems = Systems(what, secrets=secrets, cancel=cancel)
    try:
        yield systems
    finally:
        systems.close()


def reconcile_systems(what: Demo | ConnectionProfile, cancel: CancelToken | None = None, *,
                      entity: Entity | None = None,
                      secrets: SecretLookup | None = None) -> Task[Report]:
    """Open the systems of ``what``, reconcile what both hold (only ``entity`` when given) and
    close them: the one reconciliation the window and the command line run."""
    with open_systems(what, secrets=secrets, cancel=cancel) as systems:
        return (yield from systems.reconcile_task(cancel, entity=entity))
