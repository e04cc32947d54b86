"""``cuadre audit``: check the audit trail's hash chain, or export it.

    cuadre audit verify [--store URL] [--anchor N:HUELLA]
    cuadre audit export --out auditoria.xlsx|auditoria.csv [--store URL]

``verify`` exits 0 when the trail is intact (and prints its final fingerprint, worth noting
down as an anchor), 1 with the first row that does not add up. ``--store`` takes any
SQLAlchemy URL (default: ``$CUADRE_STORE``, else the workspace file in the data folder); a
PostgreSQL password comes
from the credential store (``cuadre credentials set URL``), never from the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``audit`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    audit = sub.add_parser(
        "audit", help="verificar o exportar el registro de auditoría",
        description="Verifica la cadena de huellas del registro de auditoría o lo exporta a "
                    "XLSX/CSV.")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACCIÓN", required=True)
    store_help = ("almacén de trabajo: URL de SQLAlchemy (sqlite:///…, postgresql://usuario@…); "
                  "por defecto, el de la carpeta de datos")
    check = actions.add_parser(
        "verify", help="comprobar que nadie alteró el registro",
        description="Recorre el registro y comprueba cada huella; termina con 0 si está íntegro "
                    "y con 1 indicando la primera fila alterada.")
    check.add_argument("--store", metavar="URL", help=store_help)
    check.add_argument("--anchor", action="append", default=[], metavar="N:HUELLA",
                       help="una huella anotada antes (fila N); detecta un registro reescrito")
    out = actions.add_parser("export", help="exportar el registro a XLSX o CSV",
                             description="Escribe el registro completo en un archivo .xlsx o .csv "
                                         "seguro de abrir en una hoja de cálculo.")
    out.add_argument("--out", type=Path, required=True, metavar="ARCHIVO",
                     help="archivo de salida (.xlsx o .csv)")
    out.add_argument("--store", metavar="URL", help=store_help)
    return audit


def run(args: argparse.Namespace) -> int:
    """Carry out ``cuadre audit …``; returns the exit code."""
    from app.audit.export import export
    from app.audit.log import Anchor, verify
    from app.store import StoreError, open_configured_store

    anchors = []
    for text in getattr(args, "anchor", []) or []:
        seq, _, digest = text.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            print(f"cuadre audit: ancla no válida «{text}»: se escribe N:HUELLA (64 caracteres).",
                  file=sys.stderr)
            return EXIT_USAGE
        anchors.append(Anchor(int(seq), digest.lower()))
    if args.audit_action == "export" and args.out.suffix.lower() not in (".csv", ".xlsx"):
        print("cuadre audit export: el archivo debe terminar en .xlsx o .csv.", file=sys.stderr)
        return EXIT_USAGE
    try:
        store = open_configured_store(args.store)
    except StoreError as exc:
        print(f"cuadre audit: {exc}", file=sys.stderr)
        return EXIT_FAILED
    with store:
        if args.audit_action == "verify":
            result = verify(store, anchors)
            if result.ok:
                print(result.message)
                print(f"Ancla para la próxima verificación: --anchor {result.head_count}:"
                      f"{result.head_hash}" if result.head_count else "El registro está vacío.")
                return EXIT_OK
            print(result.message, file=sys.stderr)
            return EXIT_FAILED
        count = export(store, args.out)
        print(f"{count} filas exportadas a {args.out}")
        return EXIT_OK
