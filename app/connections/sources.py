"""Opening the connector a source names (``--crm``, ``--erp``, a profile's two sources).

What a source string is — a file, a database URL, an API, ``odoo://…`` — and its keyring
reference are :mod:`app.domain.sources`'; this module turns one into its connector, its secret
looked up in the OS keyring by that reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from app.connectors.base import AuthError, Connector, SourceError
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind, SourceSpec, parse_source, secret_ref

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
    if spec.kind is SourceKind.FILE:
        from app.connectors.files import FileConnector

        if entity is None:
            raise SourceError("Un archivo trae una sola entidad: indique cuál con --entity "
                              "(customers, payments o vehicles).")
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
    from app.connectors.odoo.connector import OdooConnector

    parts = urlsplit(spec.location)
    tls = parts.scheme == "odoo+https"
    base = f"{'https' if tls else 'http'}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return OdooConnector(base, parts.path.strip("/"), parts.username or "", secret, system=system,
                         mapping=mapping, **dict(spec.options))


def _keyring_lookup(ref: str) -> str | None:
    from app.security.secrets import SecretStoreError, get_secret

    try:
        return get_secret(ref)
    except SecretStoreError as exc:  # a locked or broken keyring: the source cannot be opened
        raise AuthError(str(exc)) from None
