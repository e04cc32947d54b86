"""Database errors as one Spanish sentence of our own, for the SQL connector.

A driver's error text can quote the statement, its parameter values (a cédula, a phone) and
the server's own wording; none of it is passed on or logged. What the user reads is decided
from the error's code (SQLSTATE, MySQL's number) or, when the driver gives none — a refused
connection, a bad password at login — from a few well-known phrases. The log gets the
exception's class and code only.
"""

from __future__ import annotations

import logging

from sqlalchemy import exc as sa_exc

from app.connectors.base import AuthError, SourceError

_log = logging.getLogger("app.connectors.sql.connector")

_AUTH_FAILED = ("password authentication failed", "authentication failed", "access denied for user",
                "login failed for user", "invalid password", "invalid authorization")
_NO_TABLE = ("no such table", "doesn't exist", "invalid object name")
_NO_COLUMN = ("no such column", "unknown column", "invalid column name")
_UNREACHABLE = ("connection refused", "could not connect", "can't connect", "timeout",
                "unable to open database", "server closed the connection", "connection failed",
                "could not translate host name", "name or service not known")
_CREDENTIALS = "«cuadre credentials set FUENTE»"


def translate(error: sa_exc.DBAPIError, *, where: str, what: str, action: str,
              database: str | None) -> SourceError:
    """The error for the user. ``where`` names the source (no secret in it), ``what`` the
    table or query ("tabla terceros"), ``action`` the verb ("leer", "corregir")."""
    log_error(error, action)
    message = str(error.orig).casefold() if error.orig is not None else ""
    code = sqlstate(error) or ""
    note = f" (código {code})" if code else ""

    def says(*parts: str) -> bool:
        return any(p in message for p in parts)

    if says("no password supplied", "password is required"):
        return AuthError(f"{where} pide una contraseña y no hay una guardada para esta fuente: "
                         f"guárdela con {_CREDENTIALS}.")
    if code in ("28P01", "28000", "1045", "18456") or says(*_AUTH_FAILED):
        return AuthError(f"{where} rechazó el usuario o la contraseña. Revise el usuario de la "
                         f"URL y actualice la contraseña con {_CREDENTIALS}.")
    if code in ("3D000", "1049") or says("unknown database") or (
            says("database") and says("does not exist") and not says("relation", "column")):
        return SourceError(f"No existe la base de datos «{database}» en el servidor de {where}.")
    if code in ("42703", "42S22", "1054") or says(*_NO_COLUMN) or (
            says("column") and says("does not exist")):
        return SourceError(f"Al {action} la {what}: una columna no existe en {where}{note}. "
                           "Revise la consulta o el mapeo del perfil.")
    if code in ("42P01", "42S02", "1146") or says(*_NO_TABLE) or (
            says("relation") and says("does not exist")):
        return SourceError(f"Al {action} la {what}: una tabla no existe en {where}{note}. "
                           "Revise el nombre de la tabla o la consulta del perfil.")
    if code == "25006" or says("read-only transaction", "readonly database"):
        return SourceError(f"La {what} intentó modificar datos en {where}: solo se permiten "
                           "consultas de lectura.")
    if code in ("42501", "1142") or says("permission denied", "command denied"):
        return AuthError(f"El usuario no tiene permiso para {action} la {what} en {where}{note}.")
    if code in ("42601", "42000", "1064") or says("syntax error"):
        return SourceError(f"La {what} tiene un error de sintaxis{note}: revise la consulta.")
    if says("file is not a database"):
        return SourceError(f"{where} no es un archivo de base de datos SQLite.")
    if says("database is locked"):
        return SourceError(f"{where} está bloqueada por otro programa: intente de nuevo.")
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError) or says(*_UNREACHABLE):
        return SourceError(f"No se pudo conectar con {where}: revise que el servidor esté "
                           f"encendido y la dirección y el puerto{note}.")
    return SourceError(f"{where} devolvió un error al {action} la {what}{note}.")


def sqlstate(error: sa_exc.DBAPIError) -> str | None:
    """The error's code: SQLSTATE (psycopg, psycopg2) or MySQL's error number."""
    orig = error.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code:
        return str(code)
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int):
        return str(args[0])
    return None


def log_error(error: sa_exc.DBAPIError, action: str) -> None:
    """What failed, for the log: the driver's exception class and code, never its text."""
    _log.warning("SQL %s: %s %s", action, type(error.orig).__name__, sqlstate(error) or "")
