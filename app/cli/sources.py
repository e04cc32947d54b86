"""The options that name the two systems, and the reconciliation they run.

``reconcile``, ``workspace reconcile``, ``report`` and ``insights`` take the same options
(:func:`add_source_arguments`): ``--demo``, ``--profile NOMBRE`` (a profile saved in
Conexiones) or ``--crm FUENTE --erp FUENTE`` (with ``--entity`` and ``--mapping``), which
:func:`chosen_systems` turns into what :mod:`app.connections.systems` opens — the demo, the
saved profile, or the pair as an unsaved profile «Principal» — so every command reconciles
through the one pipeline the window uses too (:func:`reconcile_report`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    UsageError,
    end_progress,
    entity_choices,
    entity_type,
    progress_printer,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.labels import entity_word
from app.connections.profiles import ConnectionProfile, ProfileError
from app.connections.store import ProfileStore
from app.connections.systems import Demo, adhoc_profile, reconcile_systems
from app.domain.schema import Entity
from app.domain.sources import SourceError, parse_source
from app.progress import run
from app.reconcile.engine import ENTITIES

if TYPE_CHECKING:
    from app.reconcile.results import Report

SOURCE_HELP = mark_cli("cli.sources", "archivo CSV/XLSX, URL de base de datos (sqlite:///…, "
                       "postgresql://usuario@…), API http(s)://… u odoo://USUARIO@SERVIDOR/BASE")
#: The CRM and the ERPs Cuadre names by their service (issue 19), with the forms they take.
CRM_BY_NAME = mark_cli("cli.sources", "hubspot://PORTAL (HubSpot: el Hub ID de la cuenta, p. ej. "
                       "hubspot://12345678; hubspot://PORTAL@127.0.0.1:PUERTO para el sandbox)")
ERP_BY_NAME = mark_cli("cli.sources", "siigo://USUARIO@empresa (Siigo Nube: el usuario API y un "
                       "nombre que usted da a la empresa, p. ej. "
                       "siigo://api@concesionario.co@autos-norte) o alegra://CORREO@empresa "
                       "(Alegra: el correo del usuario, p. ej. "
                       "alegra://contabilidad@concesionario.co@autos-norte); en otro servidor, "
                       "siigo+https://USUARIO@SERVIDOR:PUERTO o alegra+https://CORREO@SERVIDOR:PUERTO")


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """What to reconcile: --demo, --profile or --crm/--erp (with --entity and --mapping)."""
    parser.add_argument("--demo", action="store_true",
                        help=tr_cli("cli.sources", "conciliar el concesionario de demostración"))
    parser.add_argument("--reset-demo", action="store_true",
                        help=tr_cli("cli.sources", "regenerar la demostración primero"))
    parser.add_argument("--profile", metavar=tr_cli("cli.sources", "NOMBRE"),
                        help=tr_cli(
                            "cli.sources", "conciliar un perfil guardado en Conexiones (sus fuentes y "
                                           "tolerancias)"))
    parser.add_argument("--entity", type=entity_type(ENTITIES), metavar=tr_cli("cli.sources", "ENTIDAD"),
                        help=tr_cli(
                            "cli.sources", "qué comparan los archivos --crm y --erp: {entity_choices} "
                                           "(con --profile: solo esa)").format(
                            entity_choices=entity_choices(ENTITIES)))
    parser.add_argument("--crm", metavar=tr_cli("cli.sources", "FUENTE"), help=tr_cli(
        "cli.sources", "el CRM: {sources}, o {named}").format(
            sources=tr_marked("cli.sources", SOURCE_HELP), named=tr_marked("cli.sources", CRM_BY_NAME)))
    parser.add_argument("--erp", metavar=tr_cli("cli.sources", "FUENTE"), help=tr_cli(
        "cli.sources", "el ERP: {sources}, {named}").format(
            sources=tr_marked("cli.sources", SOURCE_HELP), named=tr_marked("cli.sources", ERP_BY_NAME)))
    parser.add_argument("--full", action="store_true", help=tr_cli(
        "cli.sources", "leer todo de nuevo (por defecto, solo lo que cambió desde la conciliación "
                       "anterior, donde la fuente lo sabe decir)"))
    parser.add_argument("--mapping", type=Path, metavar=tr_cli("cli.sources", "JSON"),
                        help=tr_cli(
                            "cli.sources", 'columnas: {"doc_number": "Encabezado"} para ambos archivos, '
                                           'o {"crm": {...}, "erp": {...}}'))


def chosen_systems(args: argparse.Namespace) -> Demo | ConnectionProfile:
    """The systems :func:`add_source_arguments`' options name; a wrong combination is a
    usage error."""
    given = args.crm is not None or args.erp is not None
    if args.profile is not None:
        if args.demo or args.reset_demo or given or args.mapping is not None:
            raise UsageError(tr_cli(
                "cli.sources", "--profile ya trae sus fuentes y columnas: no lo combine con --demo, "
                               "--crm, --erp ni --mapping"))
        return saved_profile(args.profile)
    if args.demo and given:
        raise UsageError(tr_cli("cli.sources", "use --demo o --crm/--erp, no ambos"))
    if args.demo:
        return Demo(reset=args.reset_demo)
    if not given:
        raise UsageError(tr_cli("cli.sources", "indique los datos: --demo, o --crm FUENTE y --erp FUENTE"))
    if args.crm is None or args.erp is None:
        raise UsageError(tr_cli("cli.sources", "hacen falta las dos fuentes: --crm y --erp"))
    return pair_profile(args.crm, args.erp, chosen_entity(args), args.mapping)


def pair_profile(crm: str | None, erp: str | None, entity: Entity | None,
                 mapping: Path | None) -> ConnectionProfile:
    """``--crm``/``--erp`` (either may be absent) as an unsaved profile; what does not fit is
    a usage error."""
    try:
        return adhoc_profile(crm, erp, entity=entity, mapping=read_mapping(mapping))
    except ProfileError as exc:
        raise UsageError(str(exc)) from None


def chosen_entity(args: argparse.Namespace) -> Entity | None:
    return Entity(args.entity) if args.entity else None


def read_mapping(path: Path | None) -> dict[str, Any] | None:
    """The object a ``--mapping`` file holds (None without one)."""
    if path is None:
        return None
    try:
        raw = json.loads(path.read_text("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(tr_cli("cli.sources", "el mapeo {name} no es JSON válido").format(
            name=path.name)) from exc
    if not isinstance(raw, dict):
        raise UsageError(tr_cli(
            "cli.sources", 'el mapeo {name} debe ser un objeto {{"columna": "Encabezado"}}').format(
            name=path.name))
    return raw


def saved_profile(name: str) -> ConnectionProfile:
    """The connection profile saved as ``name``; an unknown name is a usage error that lists
    the saved ones."""
    store = ProfileStore()
    try:
        profile = store.get(name)
    except ProfileError as exc:  # the profiles file cannot be read: a failure, not a usage error
        raise SourceError(str(exc)) from None
    if profile is None:
        names = store.names()
        known = (tr_cli("cli.sources", "; los guardados son: {names}").format(
            names=", ".join(f"«{n}»" for n in names)) if names else
                 tr_cli("cli.sources", "; no hay perfiles guardados (se crean en la ventana: "
                        "Archivo › Conexiones…)"))
        raise UsageError(tr_cli("cli.sources", "no existe el perfil «{name}»{known}").format(
            name=name.strip(), known=known))
    return profile


def reconcile_report(args: argparse.Namespace, what: Demo | ConnectionProfile) -> Report:
    """Reconcile ``what`` (only ``--entity`` when given), progress on a terminal's stderr. An
    entity the profile does not hold is a usage error."""
    try:
        report = run(reconcile_systems(what, entity=chosen_entity(args),
                                       stream_bytes=stream_bytes(args),
                                       in_database=getattr(args, "in_database", None),
                                       full=bool(getattr(args, "full", False))),
                     progress_printer(args.quiet))
    except ProfileError as exc:
        raise UsageError(str(exc).rstrip(".")) from None
    end_progress(args.quiet)
    return report


def stream_bytes(args: argparse.Namespace) -> int | None:
    """``--stream-mb`` in bytes (None without it: ``CUADRE_STREAM_MB`` or the default)."""
    mb = getattr(args, "stream_mb", None)
    if mb is None:
        return None
    from app.reconcile.streamed import threshold

    return threshold(mb)


def described(args: argparse.Namespace, what: Demo | ConnectionProfile) -> str:
    """What was reconciled, in words a listing shows (never a secret)."""
    if isinstance(what, Demo):
        return tr_cli("cli.sources", "concesionario de demostración")
    if args.profile is not None:
        return tr_cli("cli.sources", "perfil «{name}»").format(name=what.name)
    crm, erp = parse_source(args.crm), parse_source(args.erp)
    entity = f" ({entity_word(args.entity, 2)})" if args.entity else ""
    return f"CRM: {crm.describe()}; ERP: {erp.describe()}{entity}"
