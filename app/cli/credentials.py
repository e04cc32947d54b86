"""``cuadre credentials``: put a source's secret in the OS credential store, or take it out.

    cuadre credentials set FUENTE      asks for the secret (hidden) or reads one line from stdin
    cuadre credentials delete FUENTE   removes it
    cuadre credentials check [FUENTE]  which store is in use and whether it is secure; with a
                                       source, whether a secret is saved for it (never shown)

The secret never comes from the command line (it would stay in the shell history and be
visible to other users in the process list) and is never printed — nor is anything typed in the
wrong place: the parser hides what it did not expect (:class:`app.cli.parser.Parser` with
``hide_typed``), and a source that reads as a plain file (what a secret typed as ``FUENTE``
would be) is not repeated. Exit codes: 0 done, 1 failed (the reason on stderr), 2 wrong use (a
source that needs no secret, say).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from app.cli.i18n import tr_cli


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``credentials`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    cred = sub.add_parser(
        "credentials", hide_typed=True,
        help=tr_cli(
            "cli.credentials", "guardar o borrar la clave de una fuente en el almacén seguro del sistema"),
        description=tr_cli(
            "cli.credentials", "Guarda la contraseña, clave de API o token de una fuente en el almacén "
                               "seguro del sistema (Administrador de credenciales de Windows, Llavero de "
                               "macOS, Secret Service en Linux), nunca en un archivo."),
    )
    actions = cred.add_subparsers(dest="credentials_action",
                                  metavar=tr_cli("cli.credentials", "ACCIÓN"), required=True)
    put = actions.add_parser(
        "set", help=tr_cli("cli.credentials", "guardar la credencial de una fuente"),
        description=tr_cli(
            "cli.credentials", "Pide la credencial sin mostrarla (o lee una línea de la entrada "
                               "estándar) y la guarda para la fuente."))
    put.add_argument("source", metavar=tr_cli("cli.credentials", "FUENTE"),
                     help=tr_cli(
                         "cli.credentials", "la fuente tal como se escribe en --crm/--erp: URL de base "
                                            "de datos, http(s)://…, odoo://USUARIO@SERVIDOR/BASE, "
                                            "hubspot://PORTAL (guarda el token de la app privada), "
                                            "siigo://USUARIO@empresa (la clave de acceso de Siigo) "
                                            "o alegra://CORREO@empresa (el token de la API de "
                                            "Alegra)"))
    drop = actions.add_parser("delete", help=tr_cli(
        "cli.credentials", "borrar la credencial guardada de una fuente"))
    drop.add_argument("source", metavar=tr_cli("cli.credentials", "FUENTE"))
    check = actions.add_parser(
        "check", help=tr_cli("cli.credentials", "ver qué almacén se usa y si es seguro"),
        description=tr_cli(
            "cli.credentials", "Muestra el almacén de credenciales en uso y si es seguro; con una "
                               "fuente, dice si tiene una credencial guardada (sin mostrarla)."))
    check.add_argument("source", metavar=tr_cli("cli.credentials", "FUENTE"), nargs="?")
    return cred


def run(args: argparse.Namespace) -> int:
    """Carry out ``cuadre credentials …``; returns the exit code."""
    from app.security.secrets import SecretStoreError

    action = args.credentials_action
    try:
        if action == "check":
            return _check(args.source)
        ref = _reference(args.source)
        if ref is None:
            return EXIT_USAGE
        return _set(ref) if action == "set" else _delete(ref)
    except SecretStoreError as exc:
        _fail(str(exc))
        return EXIT_FAILED


def _fail(message: str) -> None:
    print(tr_cli("cli.credentials", "cuadre credentials: {message}").format(message=message), file=sys.stderr)


def _reference(source: str) -> str | None:
    """The keyring reference for ``source``; None (after saying why) when it takes no secret."""
    from app.connectors.base import SourceError
    from app.domain.sources import SourceKind, parse_source, secret_ref

    try:
        spec = parse_source(source)
    except SourceError as exc:
        _fail(str(exc))
        return None
    if spec.kind is SourceKind.FILE:  # not repeated: it may be a secret typed as the source
        _fail(tr_cli("cli.credentials", "lo escrito como FUENTE es un archivo, que no necesita "
                     "credencial: se lee sin contraseña (no se muestra, por si era la credencial: "
                     "nunca va en la línea de órdenes)."))
        return None
    if not spec.needs_secret:
        _fail(tr_cli("cli.credentials", "la fuente {source} no necesita credencial: se lee sin "
                     "contraseña.").format(source=spec.describe()))
        return None
    return secret_ref(spec)


def _read_secret(ref: str) -> str:
    """The secret, hidden when typed; from a pipe, its first line (without the line break)."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(tr_cli("cli.credentials", "Credencial (contraseña, clave de API o "
                                          "token) para {ref}: ").format(ref=ref))
        except EOFError:
            return ""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _set(ref: str) -> int:
    from app.security.secrets import backend_status, set_secret

    secure, where = backend_status()
    if not secure:  # say so before asking for a secret that could not be kept
        _fail(tr_cli("cli.credentials", "no se puede guardar la credencial: {where}. Cuadre solo "
                     "guarda contraseñas y tokens en el almacén seguro del sistema.").format(
                         where=where))
        return EXIT_FAILED
    secret = _read_secret(ref)
    if not secret or secret.isspace():
        _fail(tr_cli("cli.credentials", "no se recibió ninguna credencial; no se guardó nada."))
        return EXIT_FAILED
    set_secret(ref, secret)
    print(tr_cli(
        "cli.credentials", "Credencial guardada para {ref} en {where}.").format(ref=ref, where=where))
    return EXIT_OK


def _delete(ref: str) -> int:
    from app.security.secrets import backend_status, delete_secret

    if delete_secret(ref):
        print(tr_cli(
            "cli.credentials", "Se borró la credencial de {ref} guardada en {backend_status}.").format(
            ref=ref, backend_status=backend_status()[1]))
        return EXIT_OK
    _fail(tr_cli("cli.credentials", "no había una credencial guardada para {ref}.").format(ref=ref))
    return EXIT_FAILED


def _check(source: str | None) -> int:
    from app.security.secrets import backend_status, get_secret

    secure, where = backend_status()
    if not secure:
        _fail(tr_cli("cli.credentials", "{where}. Cuadre no guardará credenciales mientras no haya "
                     "un almacén seguro.").format(where=f"{where[:1].upper()}{where[1:]}"))
        return EXIT_FAILED
    print(tr_cli(
        "cli.credentials", "Almacén de credenciales en uso: {where}, que es seguro.").format(where=where))
    if source is None:
        return EXIT_OK
    ref = _reference(source)
    if ref is None:
        return EXIT_USAGE
    if get_secret(ref) is None:
        _fail(tr_cli("cli.credentials", "no hay una credencial guardada para {ref}.").format(ref=ref))
        return EXIT_FAILED
    print(tr_cli("cli.credentials", "Hay una credencial guardada para {ref}.").format(ref=ref))
    return EXIT_OK
