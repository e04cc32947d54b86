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
from app.domain.i18n import tr_app, tr_marked

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
    action = tr_marked("app.connectors", action)
    message = str(error.orig).casefold() if error.orig is not None else ""
    code = sqlstate(error) or ""
    note = tr_app("app.connectors", " (código {code})").format(code=code) if code else ""

    def says(*parts: str) -> bool:
        return any(p in message for p in parts)

    if says("no password supplied", "password is required"):
        return AuthError(tr_app("app.connectors", "{where} pide una contraseña y no hay una guardada "
                                                  "para esta fuente: guárdela con {credentials}.").format(
                             where=where, credentials=_CREDENTIALS))
    if code in ("28P01", "28000", "1045", "18456") or says(*_AUTH_FAILED):
        return AuthError(tr_app("app.connectors", "{where} rechazó el usuario o la contraseña. Revise el "
                                                  "usuario de la URL y actualice la contraseña con "
                                                  "{credentials}.").format(
                             where=where, credentials=_CREDENTIALS))
    if code in ("3D000", "1049") or says("unknown database") or (
            says("database") and says("does not exist") and not says("relation", "column")):
        return SourceError(tr_app("app.connectors", "No existe la base de datos «{database}» en el "
                                                    "servidor de {where}.").format(
                               database=database, where=where))
    if code in ("42703", "42S22", "1054") or says(*_NO_COLUMN) or (
            says("column") and says("does not exist")):
        return SourceError(tr_app("app.connectors", "Al {action} la {what}: una columna no existe en "
                                                    "{where}{note}. Revise la consulta o el mapeo del "
                                                    "perfil.").format(
                               action=action, what=what, where=where, note=note))
    if code in ("42P01", "42S02", "1146") or says(*_NO_TABLE) or (
            says("relation") and says("does not exist")):
        return SourceError(tr_app("app.connectors", "Al {action} la {what}: una tabla no existe en "
                                                    "{where}{note}. Revise el nombre de la tabla o la "
                                                    "consulta del perfil.").format(
                               action=action, what=what, where=where, note=note))
    if code == "25006" or says("read-only transaction", "readonly database"):
        return SourceError(tr_app("app.connectors", "La {what} intentó modificar datos en {where}: solo "
                                                    "se permiten consultas de lectura.").format(
                               what=what, where=where))
    if code in ("42501", "1142") or says("permission denied", "command denied"):
        return AuthError(tr_app("app.connectors", "El usuario no tiene permiso para {action} la {what} "
                                                  "en {where}{note}.").format(
                             action=action, what=what, where=where, note=note))
    if code in ("42601", "42000", "1064") or says("syntax error"):
        return SourceError(tr_app("app.connectors", "La {what} tiene un error de sintaxis{note}: revise "
                                                    "la consulta.").format(what=what, note=note))
    if says("file is not a database"):
        return SourceError(tr_app("app.connectors", "{where} no es un archivo de base de datos "
                                                    "SQLite.").format(
                               where=where))
    if says("database is locked"):
        return SourceError(tr_app("app.connectors", "{where} está bloqueada por otro programa: intente "
                                                    "de nuevo.").format(where=where))
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError) or says(*_UNREACHABLE):
        return SourceError(tr_app("app.connectors", "No se pudo conectar con {where}: revise que el "
                                                    "servidor esté encendido y la dirección y el "
                                                    "puerto{note}.").format(where=where, note=note))
    return SourceError(tr_app("app.connectors", "{where} devolvió un error al {action} la "
                                                "{what}{note}.").format(
                           where=where, action=action, what=what, note=note))


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
