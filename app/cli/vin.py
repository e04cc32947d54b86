"""``cuadre vin``: where one VIN stands in the CRM, the ERP and the last physical count.

    cuadre vin VIN [--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE] [--workspace NOMBRE]
                   [--live] [--json] [--store URL]

``VIN`` is the whole VIN or its last characters (at least 6). The answer comes from the
workspace's latest saved run (:mod:`app.vin.lookup`): the workspace is ``--workspace``,
``CUADRE_WORKSPACE``, the one of the systems named (the demo's, the profile's, «Principal»),
else the latest saved one. ``--live`` reads the VIN again in the two systems named
(:mod:`app.vin.live`). A tail that several VINs end with lists them and exits 2; a VIN not
found, or nothing saved, exits 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_common,
    emit_json,
    end_progress,
    fail,
    open_workspace,
    progress_printer,
    short_id,
    table,
    usage,
    when,
    when_said,
    workspace_name,
)
from app.cli.i18n import tr_cli
from app.cli.labels import kind_label, said
from app.cli.sources import SOURCE_HELP, pair_profile, saved_profile
from app.connections.profiles import ConnectionProfile
from app.connections.systems import Demo, open_systems
from app.domain import labels as spanish
from app.domain.schema import Entity, System
from app.domain.values import format_cop
from app.progress import run as drive
from app.vin.live import live_answer
from app.vin.lookup import Ambiguous, VinAnswer, VinError, lookup
from app.vin.records import Party, Vehicle, VinRecords


def add_parser(sub: Any) -> None:
    """Add ``vin`` to the ``cuadre`` subcommands."""
    cmd = sub.add_parser(
        "vin", help=tr_cli("cli.vin", "¿dónde está este VIN? El CRM, el ERP y el último conteo"),
        description=tr_cli(
            "cli.vin", "Muestra un VIN en los dos sistemas — el negocio del CRM, su etapa y su "
                       "cliente; el estado del ERP, su sede, para quién está reservado o vendido "
                       "y su factura —, dónde y cuándo se contó por última vez y sus hallazgos "
                       "abiertos, según la última conciliación guardada (o leído en vivo con "
                       "--live)."))
    cmd.epilog = tr_cli("cli.vin", "Códigos de salida: 0 encontrado; 1 no encontrado o nada "
                        "guardado; 2 uso incorrecto o varios VIN terminan en lo escrito.")
    cmd.add_argument("vin", metavar="VIN", help=tr_cli(
        "cli.vin", "el VIN o sus últimos caracteres (al menos 6)"))
    cmd.add_argument("--demo", action="store_true", help=tr_cli(
        "cli.vin", "el concesionario de demostración"))
    cmd.add_argument("--profile", metavar=tr_cli("cli.vin", "NOMBRE"), help=tr_cli(
        "cli.vin", "un perfil guardado en Conexiones"))
    cmd.add_argument("--crm", metavar=tr_cli("cli.vin", "FUENTE"), help=tr_cli(
        "cli.vin", "el CRM: {sources}").format(sources=said_source()))
    cmd.add_argument("--erp", metavar=tr_cli("cli.vin", "FUENTE"), help=tr_cli(
        "cli.vin", "el ERP: {sources}").format(sources=said_source()))
    cmd.add_argument("--workspace", metavar=tr_cli("cli.vin", "NOMBRE"), help=tr_cli(
        "cli.vin", "el espacio de trabajo: por defecto CUADRE_WORKSPACE, el de los sistemas "
                   "indicados o el más reciente"))
    cmd.add_argument("--live", action="store_true", help=tr_cli(
        "cli.vin", "leer el VIN otra vez en los dos sistemas (hace falta --demo, --profile o "
                   "--crm/--erp)"))
    cmd.add_argument("--quiet", "-q", action="store_true", help=tr_cli(
        "cli.vin", "no mostrar el progreso de la lectura en vivo"))
    add_common(cmd, actor=False, json_output=True)


def said_source() -> str:
    from app.cli.i18n import tr_marked

    return tr_marked("cli.sources", SOURCE_HELP)


def _systems(args: argparse.Namespace) -> Demo | ConnectionProfile | None:
    given = [flag for flag, value in (("--demo", args.demo), ("--profile", args.profile),
                                      ("--crm/--erp", args.crm or args.erp)) if value]
    if len(given) > 1:
        raise usage(tr_cli("cli.vin", "indique un solo origen: --demo, --profile NOMBRE o "
                           "--crm FUENTE --erp FUENTE"))
    if args.demo:
        return Demo()
    if args.profile is not None:
        return saved_profile(args.profile)
    if args.crm or args.erp:
        if not (args.crm and args.erp):
            raise usage(tr_cli("cli.vin", "hacen falta las dos fuentes: --crm y --erp"))
        return pair_profile(args.crm, args.erp, Entity.VEHICLES, None)
    if args.live:
        raise usage(tr_cli("cli.vin", "--live lee los sistemas: indique --demo, --profile "
                           "NOMBRE o --crm FUENTE --erp FUENTE"))
    return None


def run(args: argparse.Namespace) -> int:
    what = _systems(args)
    workspace = workspace_name(args) or (what.name if what is not None else None)
    with open_workspace(args) as store:
        try:
            if args.live:
                assert what is not None
                found = _live(args, store, what, workspace)
            else:
                found = lookup(store, workspace, args.vin)
        except Ambiguous as exc:
            return _ambiguous(args, exc)
        except VinError as exc:
            if args.json:
                emit_json({"error": exc.code, "message": str(exc)})
            fail(args, str(exc))
            return EXIT_USAGE if exc.code == "short" else EXIT_FAILED
    if args.json:
        emit_json(found.to_json())
    else:
        print(answer_text(found))
    return EXIT_OK


def _live(args: argparse.Namespace, store: Any, what: Demo | ConnectionProfile,
          workspace: str | None) -> VinAnswer:
    """The VIN read again in the systems; what was saved, if anything, names its customers."""
    quiet = args.quiet or args.json
    found = drive(live_answer(lambda: open_systems(what), store, workspace or what.name,
                              args.vin), progress_printer(quiet))
    end_progress(quiet)
    return found


def _ambiguous(args: argparse.Namespace, exc: Ambiguous) -> int:
    if args.json:
        emit_json({"error": exc.code, "message": str(exc),
                   "matches": [_match_json(r) for r in exc.matches], "more": exc.more})
    else:
        print(table((tr_cli("cli.vin", "VIN"), tr_cli("cli.vin", "CRM"), tr_cli("cli.vin", "ERP")),
                    [(r.vin, _where(r.crm), _where(r.erp)) for r in exc.matches]))
        if exc.more:
            print(tr_cli("cli.vin", "… y más."))
    fail(args, str(exc))
    return EXIT_USAGE


def _match_json(r: VinRecords) -> dict[str, Any]:
    return {"vin": r.vin, "crm": [v.source_id for v in r.crm], "erp": [v.source_id for v in r.erp]}


def _where(vehicles: Sequence[Vehicle]) -> str:
    if not vehicles:
        return tr_cli("cli.vin", "no lo tiene")
    return " / ".join(" · ".join(p for p in (_status(v.status), v.branch) if p) or v.source_id
                      for v in vehicles)


# --- the answer as text -----------------------------------------------------------------------


def _status(code: str | None) -> str:
    if not code:
        return ""
    return said(spanish.STATUS_LABELS[code]) if code in spanish.STATUS_LABELS else code


def _stage(code: str | None) -> str:
    if not code:
        return ""
    return said(spanish.STAGE_LABELS[code]) if code in spanish.STAGE_LABELS else code


def _party(p: Party | None) -> str:
    if p is None:
        return "—"
    return " · ".join(x for x in (p.doc, p.name) if x) or "—"


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return when(value)
    return value.strftime("%d/%m/%Y")


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p) or "—"


def _column(system: System, v: Vehicle | None, r: VinRecords, first: bool) -> list[str]:
    """One column of the side-by-side table: the vehicle record of ``system`` (None: the
    system does not hold it) and, in its first column, the deals or the invoices."""
    deals = [d for d in r.deals if v is None or d.source_id == v.deal_id or (
        first and not any(d.source_id == x.deal_id for x in r.crm))]
    customer = v.customer if v is not None else None
    if system is System.CRM and customer is None and deals:
        customer = deals[0].customer
    cells = [
        (_status(v.status) or "—") if v is not None else tr_cli("cli.vin", "no lo tiene"),
        _join(v.branch if v else None), _party(customer),
        _join(v.make, v.model, v.model_year) if v else "—",
        format_cop(v.price) if v else "—",
    ]
    if system is System.CRM:
        cells += ["; ".join(_join(d.source_id, _day(d.closed_on)) for d in deals)
                  or (v.deal_id if v is not None and v.deal_id else "—"),
                  "; ".join(_stage(d.stage) or "—" for d in deals) or "—",
                  "; ".join(d.salesperson or "—" for d in deals) or "—", "—"]
    else:
        invoices = r.invoices if first else ()
        cells += ["—", "—", "—", "; ".join(_join(i.number, _day(i.issued_on), format_cop(i.total))
                                      for i in invoices) or "—"]
    cells.append((_day(v.delivered_on) or "—") if v else "—")
    return cells


def side_by_side(r: VinRecords) -> str:
    """The records of both systems in columns, one per record."""
    heads = [""]
    columns: list[list[str]] = []
    for system in (System.CRM, System.ERP):
        held = r.vehicles(system)
        label = system.value.upper()
        for i, v in enumerate(held or (None,)):
            heads.append(f"{label} {v.source_id}" if v is not None else label)
            columns.append(_column(system, v, r, i == 0))
    names = [tr_cli("cli.vin", "Estado"), tr_cli("cli.vin", "Sede"),
             tr_cli("cli.vin", "Cliente"), tr_cli("cli.vin", "Vehículo"),
             tr_cli("cli.vin", "Precio"), tr_cli("cli.vin", "Negocio"),
             tr_cli("cli.vin", "Etapa"), tr_cli("cli.vin", "Asesor"),
             tr_cli("cli.vin", "Factura"),
             tr_cli("cli.vin", "Entregado")]
    return table(heads, [[name, *(c[i] for c in columns)] for i, name in enumerate(names)])


def answer_text(a: VinAnswer) -> str:
    """What ``cuadre vin`` prints."""
    lines = [tr_cli("cli.vin", "VIN {vin}").format(vin=a.vin)]
    if a.live_at is not None:
        lines.append(tr_cli("cli.vin", "Leído en vivo en los dos sistemas el {moment}.").format(
            moment=when_said(a.live_at)))
    elif a.run is not None:
        lines.append(tr_cli("cli.vin", "Según la conciliación guardada de «{workspace}» del "
                            "{moment}.").format(workspace=a.workspace,
                                                moment=when_said(a.run.saved_at)))
    lines += ["", side_by_side(a.records), ""]
    c = a.counted
    if c is None:
        lines.append(tr_cli("cli.vin", "Conteo físico: no aparece en los conteos guardados."))
    else:
        moment = c.counted_at or c.saved_at
        lines.append(tr_cli("cli.vin", "Conteo físico: contado en {branch} el {moment}{by}.")
                     .format(branch=c.branch,
                             moment=when_said(moment) if isinstance(moment, datetime)
                             else _day(moment) or "—",
                             by=tr_cli("cli.vin", " por {who}").format(who=c.counted_by)
                             if c.counted_by else ""))
    lines.append("")
    if not a.findings:
        lines.append(tr_cli("cli.vin", "Hallazgos abiertos: ninguno."))
        return "\n".join(lines)
    lines.append(tr_cli("cli.vin", "Hallazgos abiertos: {count}").format(count=len(a.findings)))
    lines.append(table(
        (tr_cli("cli.vin", "Hallazgo"), tr_cli("cli.vin", "Diferencia"),
         tr_cli("cli.vin", "Estado"), tr_cli("cli.vin", "En juego"),
         tr_cli("cli.vin", "Responsable"), tr_cli("cli.vin", "Días")),
        [(short_id(f.id), kind_label(f.entity, f.kind),
          said(spanish.finding_state_label(f.state.value)), format_cop(f.at_stake),
          f.assignee or "—", str(f.age())) for f in a.findings]))
    return "\n".join(lines)
