"""«Probar conexión»: open one system's source and count what it holds, or say why it cannot.

:func:`test_connection` is what Conexiones runs for the CRM or the ERP of the profile being
edited, on a worker: it opens the source (a database, an API or Odoo once; a file per entity),
counts the records of each entity — cheaply when the connector can count, else by pulling —
and returns the counts with the connectors' own Spanish sentences for what failed.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol, runtime_checkable

from app.connections.profiles import ConnectionProfile, of_system
from app.connections.sources import SecretLookup, close_connector, open_connector
from app.connectors.base import AuthError, Connector, SourceError, pulling
from app.connectors.http import NetworkError
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind
from app.progress import CancelToken, Progress, Task

log = logging.getLogger(__name__)

#: Errors that make every other entity of a shared connection fail the same way.
_FATAL = (AuthError, NetworkError)


@runtime_checkable
class _Counts(Protocol):
    """A connector that can count an entity without reading it (a database, an API, Odoo)."""

    def count(self, entity: Entity) -> int: ...


def _count(connector: Connector, entity: Entity, cancel: CancelToken | None) -> Task[int]:
    if isinstance(connector, _Counts):
        return int(connector.count(entity))
    frame = yield from pulling(connector, entity, cancel=cancel)
    return len(frame)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, SourceError):
        return str(exc)
    if isinstance(exc, ImportError):
        return tr_app("app.connections", "Este tipo de fuente no está disponible en esta "
                      "instalación de Cuadre.")
    if isinstance(exc, PermissionError):
        return tr_app("app.connections", "No hay permiso para leer la fuente.")
    if isinstance(exc, OSError):
        return tr_app("app.connections", "No se pudo leer la fuente (error de disco o de red).")
    # Only the type is logged: another library's message may quote a URL or a value.
    log.warning("connection test failed: %s", type(exc).__name__)
    return tr_app("app.connections", "La fuente respondió algo que no se pudo interpretar.")


def test_connection(profile: ConnectionProfile, system: System | str,
                    cancel: CancelToken | None = None, *,
                    secrets: SecretLookup | None = None) -> Task[dict[str, Any]]:
    """Open the source of ``system`` and count the records of each entity it holds.

    Returns ``{"system", "source", "counts": {entity: n}, "issues": {entity: n},
    "errors": {entity: message}, "error": message or None, "ok": bool}``: a source that
    cannot be opened at all (bad URL, refused credentials…) fills ``error``; an entity that
    fails alone fills ``errors``. Messages are the connectors' Spanish sentences.
    """
    system = System(system)
    config = profile.source(system)
    result: dict[str, Any] = {"system": system.value, "source": config.describe(), "counts": {},
                              "issues": {}, "errors": {}, "error": None, "ok": False}
    entities = config.entities(system)
    if not entities:
        result["error"] = tr_app("app.connections", "La fuente {system} no tiene archivos ni "
                                 "entidades.").format(system=of_system(system))
        return result
    shared: Connector | None = None
    try:
        if config.source_kind is not SourceKind.FILE:
            yield Progress(f"test_{system.value}_open", 0, len(entities))
            shared = open_connector(config, system, secrets=secrets)
        for done, entity in enumerate(entities):
            if cancel is not None:
                cancel.check()
            yield Progress(f"test_{system.value}_{entity.value}", done, len(entities))
            connector = shared
            try:
                if connector is None:
                    connector = open_connector(config, system, entity, secrets=secrets)
                result["counts"][entity.value] = yield from _count(connector, entity, cancel)
                issues = connector.issues()
                if issues:
                    result["issues"][entity.value] = len(issues)
            except SourceError as exc:
                if shared is not None and isinstance(exc, _FATAL):
                    raise
                result["errors"][entity.value] = str(exc)
            except (ImportError, OSError, ValueError, KeyError, TypeError) as exc:
                result["errors"][entity.value] = _failure(exc)
            finally:
                if connector is not shared:
                    close_connector(connector)
        yield Progress(f"test_{system.value}_done", len(entities), len(entities))
    except (SourceError, ImportError, OSError, ValueError, KeyError, TypeError) as exc:
        result["error"] = _failure(exc)
    finally:
        close_connector(shared)
    result["ok"] = result["error"] is None and not result["errors"]
    return result


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
