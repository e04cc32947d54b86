"""A source as the user writes it: what it names, its canonical form, its keyring reference.

``--crm`` and ``--erp`` (and a profile's two sources) take one of:

- a file path: a CSV/XLSX export of one entity (``clientes.csv``);
- a SQLAlchemy URL: ``sqlite:///crm.db``, ``postgresql://user@host:5432/erp``,
  ``mysql+pymysql://user@host/crm``, ``mssql+pyodbc://…`` when its driver is installed;
- an ``http(s)://`` base URL: a REST/JSON API (the sandbox's ``http://127.0.0.1:P/crm``);
- ``odoo://USER@HOST:PORT/DATABASE`` (``odoo+https://`` for TLS), Odoo's external API;
- ``hubspot://PORTAL`` (the HubSpot account's Hub ID), HubSpot's CRM API at
  ``api.hubapi.com``; ``hubspot://PORTAL@HOST:PORT`` names another API host (the sandbox's
  emulator on 127.0.0.1: plain HTTP only on the loopback, TLS everywhere else).
- ``siigo://USUARIO@empresa`` and ``alegra://CORREO@empresa``, the cloud ERPs (``cloud_erp``).

A source string never holds a secret: a password in it is refused. The secret lives in the OS
keyring under the source's *reference* (:func:`secret_ref`), which is the source string in a
canonical form — what ``cuadre credentials set SOURCE`` stores and the connector looks up.
Opening the connector a source names is :func:`app.connections.sources.open_source`'s.

:class:`SourceError` (and :class:`AuthError` for credentials) is how any source says it cannot
be used; the connectors raise them too (``app.connectors.base`` hands them on).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from app.domain import cloud_erp
from app.domain.i18n import tr_app


class SourceError(Exception):
    """The source cannot be used: the message says why, in Spanish, with no secret in it."""


class AuthError(SourceError):
    """The source refused the credentials (or none are stored for it)."""


class SourceKind(StrEnum):
    FILE = "file"
    SQL = "sql"
    REST = "rest"
    ODOO = "odoo"
    HUBSPOT = "hubspot"
    SIIGO = "siigo"
    ALEGRA = "alegra"


_ODOO_SCHEMES = ("odoo", "odoo+http", "odoo+https")
_HUBSPOT_SCHEMES = ("hubspot",)
_SQL_SCHEMES = ("sqlite", "postgresql", "postgres", "mysql", "mariadb", "mssql", "oracle")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A parsed source string. ``location`` is the canonical form (no secret in it)."""

    kind: SourceKind
    location: str
    #: Connector options from a profile: paths or tables per entity, pagination, auth scheme…
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def needs_secret(self) -> bool:
        if self.kind is SourceKind.FILE:
            return False
        if self.kind is SourceKind.SQL:
            return not self.location.startswith("sqlite")
        return True

    def describe(self) -> str:
        return {SourceKind.FILE: "archivo", SourceKind.SQL: "base de datos",
                SourceKind.REST: "API", SourceKind.ODOO: "Odoo", SourceKind.HUBSPOT: "HubSpot",
                SourceKind.SIIGO: "Siigo Nube", SourceKind.ALEGRA: "Alegra"}[self.kind] + f" {self.location}"


def parse_source(text: str, options: Mapping[str, Any] | None = None) -> SourceSpec:
    """Recognize what a source string names; raises :class:`SourceError` with the reason."""
    raw = (text or "").strip()
    if not raw:
        raise SourceError(tr_app("app.domain", "Indique la fuente: un archivo, una URL de base "
                                 "de datos, una URL http(s) o odoo://usuario@servidor/base."))
    scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
    opts = dict(options or {})
    if scheme in ("http", "https"):
        return SourceSpec(SourceKind.REST, _canonical_http(raw), opts)
    if scheme in _ODOO_SCHEMES:
        return SourceSpec(SourceKind.ODOO, _canonical_odoo(raw), opts)
    if scheme in _HUBSPOT_SCHEMES:
        return SourceSpec(SourceKind.HUBSPOT, _canonical_hubspot(raw), opts)
    if scheme in cloud_erp.SCHEMES:
        return SourceSpec(SourceKind(cloud_erp.service_of(scheme)),
                          cloud_erp.canonical(raw, SourceError), opts)
    if scheme.split("+", 1)[0] in _SQL_SCHEMES:
        return SourceSpec(SourceKind.SQL, _canonical_sql(raw), opts)
    if scheme and len(scheme) > 1:  # "C:\\…" has a one-letter "scheme"
        raise SourceError(tr_app("app.domain", "No se reconoce el tipo de fuente «{scheme}://». "
                                 "Use un archivo, una URL de base de datos (sqlite, postgresql, "
                                 "mysql, mssql), http(s):// o odoo://.").format(scheme=scheme))
    return SourceSpec(SourceKind.FILE, str(Path(raw).expanduser()), opts)


def secret_ref(spec: SourceSpec | str) -> str:
    """The keyring entry name for a source: its canonical location."""
    return (spec if isinstance(spec, SourceSpec) else parse_source(spec)).location


def _no_password(password: str | None) -> None:
    if password:
        raise SourceError(tr_app("app.domain", "La fuente no debe llevar la contraseña escrita: "
                                 "guárdela con «cuadre credentials set FUENTE» (queda en el "
                                 "almacén seguro del sistema)."))


def _canonical_http(raw: str) -> str:
    parts = urlsplit(raw)
    _no_password(parts.password)
    if parts.username:
        raise SourceError(tr_app("app.domain", "La URL http(s) no debe llevar usuario: se "
                                 "configura en el perfil."))
    if not parts.hostname:
        # Not echoed: what was typed may hold a token (its query is refused only after this).
        raise SourceError(tr_app("app.domain", "La URL no tiene servidor: escríbala como "
                                 "{scheme}://SERVIDOR/ruta.").format(
            scheme=parts.scheme or "https"))
    if parts.query or parts.fragment:
        raise SourceError(tr_app("app.domain", "La URL base no debe llevar parámetros (?…): "
                                 "pueden contener secretos. Configure la paginación en el "
                                 "perfil."))
    netloc = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path.rstrip("/"), "", ""))


def _canonical_odoo(raw: str) -> str:
    parts = urlsplit(raw)
    _no_password(parts.password)
    if not parts.username or not parts.hostname:
        raise SourceError(tr_app("app.domain", "Una fuente Odoo se escribe "
                                 "odoo://USUARIO@SERVIDOR:PUERTO/BASE (odoo+https:// con TLS)."))
    database = parts.path.strip("/")
    if not database or "/" in database:
        raise SourceError(tr_app("app.domain", "Indique la base de datos de Odoo: "
                                 "odoo://USUARIO@SERVIDOR/BASE."))
    scheme = parts.scheme.lower()
    scheme = "odoo" if scheme == "odoo+http" else scheme
    netloc = f"{parts.username}@{parts.hostname.lower()}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((scheme, netloc, "/" + database, "", ""))


def _canonical_hubspot(raw: str) -> str:
    """``hubspot://PORTAL`` or ``hubspot://PORTAL@HOST[:PORT]``: the Hub ID is digits."""
    parts = urlsplit(raw)
    _no_password(parts.password)
    portal = parts.username if parts.username is not None else parts.hostname
    host = parts.hostname if parts.username is not None else None
    if not portal or not portal.isdigit() or parts.path.strip("/") or parts.query \
            or parts.fragment or (parts.username is None and parts.port):
        raise SourceError(tr_app("app.domain", "Una fuente HubSpot se escribe hubspot://PORTAL, "
                                 "con el número de la cuenta (Hub ID), por ejemplo "
                                 "hubspot://12345678."))
    if host is None:
        return f"hubspot://{portal}"
    return f"hubspot://{portal}@{host.lower()}" + (f":{parts.port}" if parts.port else "")


def _canonical_sql(raw: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise SourceError(tr_app("app.domain", "La URL de base de datos no es válida (ejemplo: "
                                 "postgresql://usuario@servidor:5432/base).")) from exc
    _no_password(url.password)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        url = url.set(database=str(Path(url.database or "").expanduser()))
    return url.render_as_string(hide_password=False)
