"""Opening the connector a source names (``--crm``, ``--erp``, a profile's two sources).

What a source string is — a file, a database URL, an API, ``odoo://…`` — and its keyring
reference are :mod:`app.domain.sources`'; this module turns one into its connector
(:func:`open_source`; :func:`open_connector` for a profile's :class:`SourceConfig`), its secret
looked up in the OS keyring by that reference, and closes it (:func:`close_connector`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from app.connections.profiles import SourceConfig
from app.connectors.base import AuthError, Connector, SourceError
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind, SourceSpec, parse_source, secret_ref
from app.security.secrets import SecretStoreError, get_secret

log = logging.getLogger(__name__)

SecretLookup = Callable[[str], str | None]


def open_source(spec: SourceSpec | str, system: System | str, *,
                entity: Entity | str | None = None,
                mapping: Mapping[str, Any] | None = None,
                secrets: SecretLookup | None = None) -> Connector:
    """The connector for ``spec``. ``entity`` is required for a file (a file holds one);
    ``mapping`` is ``{entity: {canonical field: source field}}`` (or one entity's mapping for
    a file); ``secrets`` looks a secret up by reference (default: the OS keyring)."""
    spec = parse_source(spec) if isinstance(spec, str) else spec
    system = System(system)
    lookup = secrets if secrets is not None else _keyring_lookup
    # Each family is imported when its kind is opened: a database driver or an HTTP client is
    # loaded only by a run that uses it.
    if spec.kind is SourceKind.FILE:
        from app.connectors.files import FileConnector

        if entity is None:
            raise SourceError(tr_app("app.connections", "Un archivo trae una sola entidad: indique "
                                     "cuál con --entity (customers, payments o vehicles)."))
        entity = Entity(entity)
        one: Mapping[str, Any] | None = mapping
        if mapping and set(mapping) <= {e.value for e in Entity}:  # {entity: {…}}
            one = mapping.get(entity.value)
        return FileConnector(spec.location, system, entity, one, sheet=spec.options.get("sheet"))
    secret = lookup(secret_ref(spec)) if spec.needs_secret else None
    if spec.kind is SourceKind.SQL:
        from app.connectors.sql.connector import SqlConnector

        return SqlConnector(spec.location, system, password=secret, mapping=mapping,
                            **dict(spec.options))
    if spec.kind is SourceKind.REST:
        from app.connectors.rest.connector import RestConnector

        return RestConnector(spec.location, system, secret=secret, mapping=mapping,
                             **dict(spec.options))
    if spec.kind is SourceKind.HUBSPOT:
        from app.connectors.hubspot.connector import HubSpotConnector

        return HubSpotConnector(spec.location, secret, system=system, mapping=mapping,
                                **dict(spec.options))
    if spec.kind in (SourceKind.SIIGO, SourceKind.ALEGRA):
        return _cloud_erp(spec, system, secret, mapping)
    from app.connectors.odoo.connector import OdooConnector

    parts = urlsplit(spec.location)
    tls = parts.scheme == "odoo+https"
    base = f"{'https' if tls else 'http'}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return OdooConnector(base, parts.path.strip("/"), parts.username or "", secret, system=system,
                         mapping=mapping, **dict(spec.options))


def _cloud_erp(spec: SourceSpec, system: System, secret: str | None,
               mapping: Mapping[str, Any] | None) -> Connector:
    """Siigo Nube or Alegra: the service's address (or the server named), the user, the key."""
    from app.domain import cloud_erp

    base, user = cloud_erp.base_url(spec.location), cloud_erp.user_of(spec.location)
    label = spec.location.rpartition("@")[2]
    if spec.kind is SourceKind.SIIGO:
        from app.connectors.siigo.connector import SiigoConnector

        return SiigoConnector(base, user, secret, system=system, label=label, mapping=mapping,
                              **dict(spec.options))
    from app.connectors.alegra.connector import AlegraConnector

    return AlegraConnector(base, user, secret, system=system, label=label, mapping=mapping,
                           **dict(spec.options))


def open_connector(config: SourceConfig, system: System | str, entity: Entity | None = None, *,
                   secrets: SecretLookup | None = None) -> Connector:
    """The connector for a profile's ``config`` (for a file source, the file of ``entity``)."""
    system = System(system)
    mappings = {str(e): dict(m) for e, m in config.mappings.items()}
    if config.source_kind is SourceKind.FILE:
        if entity is None or not config.files.get(entity.value):
            raise SourceError(tr_app("app.connections", "Esta fuente no tiene un archivo para esa "
                                     "entidad."))
        spec = parse_source(config.files[entity.value], config.options)
        if spec.kind is not SourceKind.FILE:
            raise SourceError(tr_app("app.connections", "«{path}» no es la ruta de un "
                                     "archivo.").format(path=config.files[entity.value]))
        # Only this file's own mapping: given all of them, a file without one would be read
        # with the whole {entity: mapping} dict as its mapping.
        own = mappings.get(entity.value)
        return open_source(spec, system, entity=entity, mapping=own or None, secrets=secrets)
    return open_source(config.spec(), system, mapping=mappings or None, secrets=secrets)


@runtime_checkable
class _Closes(Protocol):
    def close(self) -> None: ...


def close_connector(connector: object) -> None:
    """Close ``connector`` when it holds something open (a connection, a session); a failure
    to close is logged, never raised: it must not hide how the work itself ended."""
    if not isinstance(connector, _Closes):
        return
    try:
        connector.close()
    except Exception:
        log.warning("closing a connector failed: %s", type(connector).__name__)


def _keyring_lookup(ref: str) -> str | None:
    try:
        return get_secret(ref)
    except SecretStoreError as exc:  # a locked or broken keyring: the source cannot be opened
        raise AuthError(str(exc)) from None
