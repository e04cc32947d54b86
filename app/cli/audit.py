"""``cuadre audit``: check the audit trail's hash chain, or export it.

    cuadre audit verify [--store URL] [--anchor N:HUELLA …] [--anchor-file ARCHIVO]
    cuadre audit anchor --anchor-file ARCHIVO [--store URL]
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
from app.cli.i18n import tr_cli


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``audit`` to the ``cuadre`` subcommands (``sub`` from ``add_subparsers``)."""
    audit = sub.add_parser(
        "audit", help=tr_cli("cli.audit", "verificar o exportar el registro de auditoría"),
        description=tr_cli(
            "cli.audit", "Verifica la cadena de huellas del registro de auditoría o lo exporta a "
                         "XLSX/CSV."))
    actions = audit.add_subparsers(dest="audit_action", metavar=tr_cli("cli.audit", "ACCIÓN"),
                                   required=True)
    store_help = tr_cli("cli.audit", "almacén de trabajo: URL de SQLAlchemy (sqlite:///…, "
                        "postgresql://usuario@…); por defecto, el de la carpeta de datos")
    check = actions.add_parser(
        "verify", help=tr_cli("cli.audit", "comprobar que nadie alteró el registro"),
        description=tr_cli(
            "cli.audit", "Recorre el registro y comprueba cada huella; termina con 0 si está íntegro y "
                         "con 1 indicando la primera fila alterada."))
    check.add_argument("--store", metavar=tr_cli("cli.audit", "URL"), help=store_help)
    check.add_argument("--anchor", action="append", default=[], metavar=tr_cli("cli.audit", "N:HUELLA"),
                       help=tr_cli(
                           "cli.audit", "una huella anotada antes (fila N); detecta un registro reescrito"))
    check.add_argument("--anchor-file", type=Path, metavar=tr_cli("cli.audit", "ARCHIVO"),
                       help=tr_cli("cli.audit", "verificar también contra cada ancla de este "
                                                "archivo (por defecto CUADRE_ANCHOR_FILE)"))
    keep = actions.add_parser(
        "anchor", help=tr_cli("cli.audit", "anotar la cabeza del registro en un archivo de anclas"),
        description=tr_cli(
            "cli.audit", "Verifica el registro contra las anclas del archivo y, si está íntegro, "
                         "le añade una línea con su cabeza. El archivo va fuera del espacio de "
                         "trabajo: otro disco, una memoria USB, una carpeta que solo escriba "
                         "auditoría."))
    keep.add_argument("--anchor-file", type=Path, metavar=tr_cli("cli.audit", "ARCHIVO"),
                      help=tr_cli("cli.audit", "el archivo de anclas (por defecto "
                                               "CUADRE_ANCHOR_FILE)"))
    keep.add_argument("--store", metavar=tr_cli("cli.audit", "URL"), help=store_help)
    out = actions.add_parser("export", help=tr_cli("cli.audit", "exportar el registro a XLSX o CSV"),
                             description=tr_cli(
                                 "cli.audit", "Escribe el registro completo en un archivo .xlsx o .csv "
                                              "seguro de abrir en una hoja de cálculo."))
    out.add_argument("--out", type=Path, required=True, metavar=tr_cli("cli.audit", "ARCHIVO"),
                     help=tr_cli("cli.audit", "archivo de salida (.xlsx o .csv)"))
    out.add_argument("--store", metavar=tr_cli("cli.audit", "URL"), help=store_help)
    return audit


def run(args: argparse.Namespace) -> int:
    """Carry out ``cuadre audit …``; returns the exit code."""
    from app.audit import anchors as kept
    from app.audit.export import export
    from app.audit.log import verify
    from app.store import StoreError, open_configured_store

    anchors = []
    for text in getattr(args, "anchor", []) or []:
        try:
            anchors.append(kept.parse_anchor(text))
        except kept.AnchorError as exc:
            print(tr_cli("cli.audit", "cuadre audit: {exc}.").format(exc=exc), file=sys.stderr)
            return EXIT_USAGE
    path = kept.anchor_file(getattr(args, "anchor_file", None))
    if args.audit_action == "anchor" and path is None:
        print(tr_cli("cli.audit", "cuadre audit anchor: indique el archivo de anclas "
                                  "(--anchor-file o CUADRE_ANCHOR_FILE)."), file=sys.stderr)
        return EXIT_USAGE
    if args.audit_action == "export" and args.out.suffix.lower() not in (".csv", ".xlsx"):
        print(tr_cli("cli.audit", "cuadre audit export: el archivo debe terminar en .xlsx o .csv."),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        store = open_configured_store(args.store)
    except StoreError as exc:
        print(tr_cli("cli.audit", "cuadre audit: {exc}").format(exc=exc), file=sys.stderr)
        return EXIT_FAILED
    with store:
        if path is not None and args.audit_action != "export":
            try:
                kept.check_outside(path, store.file)
                anchors += kept.read_anchors(path)
            except kept.AnchorError as exc:
                print(tr_cli("cli.audit", "cuadre audit: {exc}.").format(exc=exc),
                      file=sys.stderr)
                return EXIT_FAILED
        if args.audit_action in ("verify", "anchor"):
            result = verify(store, anchors)
            if result.ok and args.audit_action == "anchor" and result.anchor() is not None:
                return _keep(path, result)
            if result.ok:
                print(result.message)
                print(tr_cli("cli.audit", "Ancla para la próxima verificación: --anchor {count}:{hash}")
                      .format(count=result.head_count, hash=result.head_hash) if result.head_count
                      else tr_cli("cli.audit", "El registro está vacío."))
                return EXIT_OK
            print(result.message, file=sys.stderr)
            return EXIT_FAILED
        count = export(store, args.out)
        print(tr_cli("cli.audit", "{count} filas exportadas a {out}").format(count=count, out=args.out))
        return EXIT_OK


def _keep(path: Any, result: Any) -> int:
    """Append the verified head to the anchor file ``path``."""
    from datetime import UTC, datetime

    from app.audit import anchors as kept

    anchor = result.anchor()
    try:
        kept.append_anchor(path, anchor, datetime.now(UTC), "cuadre audit anchor")
    except kept.AnchorError as exc:
        print(tr_cli("cli.audit", "cuadre audit: {exc}.").format(exc=exc), file=sys.stderr)
        return EXIT_FAILED
    print(result.message)
    print(tr_cli("cli.audit", "Ancla {count}:{hash} anotada en {path}.").format(
        count=anchor.seq, hash=anchor.hash, path=path))
    return EXIT_OK
