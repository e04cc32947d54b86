"""A database source's options as a profile gives them, checked: the URL (never with its
password), the driver to use, the tables, queries and columns named per entity, the mapping.

Every problem is a :class:`~app.connectors.base.SourceError` with a Spanish sentence saying
what to fix in the profile.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from app.connectors.base import SourceError
from app.connectors.files.headers import normalize_mapping
from app.domain.i18n import tr_app
from app.domain.schema import Entity

#: The options a profile may give a database source.
OPTIONS = ("tables", "queries", "id_column", "updated_column", "chunk_size", "connect_args",
           "orders")


def parse_url(raw: str | URL) -> URL:
    try:
        url = make_url(raw)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise SourceError(tr_app("app.connectors", "La URL de base de datos no es válida (ejemplo: "
                                                   "postgresql://usuario@servidor:5432/base).")) from error
    if url.password:
        raise SourceError(tr_app("app.connectors", "La URL de base de datos no debe llevar la "
                                                   "contraseña: guárdela con «cuadre credentials set "
                                                   "FUENTE»."))
    return url


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def driver_url(url: URL) -> URL:
    """Pick the driver that is installed when the URL names none: psycopg 3 for PostgreSQL
    (SQLAlchemy's default is psycopg2), PyMySQL for MySQL/MariaDB; refuse SQL Server clearly
    when its ODBC bridge is missing."""
    backend, _, driver = url.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql" and not driver and not _installed("psycopg2"):
        driver = "psycopg"
    if backend in ("mysql", "mariadb") and not driver and not _installed("MySQLdb"):
        driver = "pymysql"
    if backend == "mssql" and (driver or "pyodbc") == "pyodbc" and not _installed("pyodbc"):
        raise SourceError(missing_driver(url))
    return url.set(drivername=f"{backend}+{driver}" if driver else backend)


def missing_driver(url: URL) -> str:
    if url.get_backend_name() == "mssql":
        return tr_app("app.connectors", "Para leer SQL Server instale el controlador pyodbc («pip "
                                        "install pyodbc») y el «ODBC Driver 18 for SQL Server» de "
                                        "Microsoft, y vuelva a intentar.")
    return tr_app("app.connectors", "No está instalado el controlador de base de datos para "
                                    "«{driver}»: instale el controlador indicado o use otro en la "
                                    "URL.").format(driver=url.drivername)


def per_entity(raw: Any, option: str, *, allow_all: bool = False) -> dict[Entity, str]:
    """``{entity: text}`` from the profile (or one text for every entity, where allowed)."""
    if raw is None:
        return {}
    if isinstance(raw, str) and allow_all:
        return dict.fromkeys(Entity, raw)
    if not isinstance(raw, Mapping):
        raise SourceError(tr_app("app.connectors", "La opción {option} debe ser un objeto {{entidad: "
                                                   "valor}}.").format(option=option))
    out: dict[Entity, str] = {}
    for key, value in raw.items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(tr_app("app.connectors", "En {option}, «{key}» no es una entidad "
                                                       "({join}).").format(
                                  option=option, key=key, join=', '.join(e.value for e in Entity))) from None
        if not isinstance(value, str) or (not value.strip() and option != "queries"):
            raise SourceError(tr_app("app.connectors", "En {option}, el valor de {key} debe ser un "
                                                       "texto.").format(
                                  option=option, key=key))
        out[entity] = value.strip()
    return out


def entity_mappings(raw: Mapping[str, Any] | None) -> dict[Entity, dict[str, list[str]]]:
    if not raw:
        return {}
    out: dict[Entity, dict[str, list[str]]] = {}
    for key, one in raw.items():
        try:
            entity = Entity(key)
        except ValueError:
            raise SourceError(tr_app("app.connectors", "El mapeo de una base de datos va por entidad: "
                                                       "{{\"customers\": {{\"doc_number\": \"cedula\"}}, "
                                                       "…}}; «{key}» no es una "
                                                       "entidad.").format(key=key)) from None
        if not isinstance(one, Mapping):
            raise SourceError(tr_app("app.connectors", "El mapeo de {key} debe ser un objeto {{campo: "
                                                       "columna}}.").format(key=key))
        out[entity] = normalize_mapping(entity, one)
    return out


def positive(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value <= 0:
        raise SourceError(tr_app("app.connectors", "chunk_size debe ser un número entero positivo de "
                                                   "filas."))
    return value
