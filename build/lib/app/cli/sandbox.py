"""``cuadre sandbox [--port P] [--token T]``: the sandbox CRM and ERP until Ctrl+C."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import whole_number
from app.cli.i18n import tr_cli

DEFAULT_PORT = 8765


def add_parser(sub: Any) -> None:
    """Add the ``sandbox`` subcommand to the ``cuadre`` parser's subparsers."""
    cmd = sub.add_parser(
        "sandbox", help=tr_cli(
            "cli.sandbox", "servir un CRM y un ERP de prueba en 127.0.0.1 (datos de la demostración)"),
        description=tr_cli(
            "cli.sandbox", "Sirve el CRM (/crm) y el ERP (/erp) de la demostración como APIs REST en "
                           "127.0.0.1, con token, paginación, cambios desde una fecha y escritura con "
                           "ETag; el ERP también habla XML-RPC de Odoo. Corre hasta Ctrl+C."),
    )
    cmd.add_argument("--port", type=whole_number, default=DEFAULT_PORT, metavar=tr_cli(
        "cli.sandbox", "PUERTO"),
                     help=tr_cli(
                         "cli.sandbox",
                         "puerto en 127.0.0.1 (por defecto {DEFAULT_PORT}; 0: uno libre)").format(
                         DEFAULT_PORT=DEFAULT_PORT))
    cmd.add_argument("--token", metavar=tr_cli("cli.sandbox", "TOKEN"),
                     help=tr_cli("cli.sandbox", "token de acceso (por defecto, uno aleatorio)"))


def run(args: argparse.Namespace) -> int:
    from app.connectors.base import SourceError
    from app.demo.sandbox.server import serve

    if not 0 <= args.port <= 65535:
        print(tr_cli("cli.sandbox", "cuadre sandbox: el puerto debe estar entre 0 y 65535."), file=sys.stderr)
        return 2
    try:
        serve(args.port, token=args.token)
    except SourceError as exc:
        print(tr_cli("cli.sandbox", "cuadre sandbox: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    return 0
