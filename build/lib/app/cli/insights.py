"""``cuadre insights``: the dealer insights of a reconciliation, with no window.

    cuadre insights followups (--demo | --profile NOMBRE | --crm … --erp …) [--days N] [--json]
    cuadre insights followups … --propose --as LOGIN [--store URL] [--workspace NOMBRE]
    cuadre insights funnel … [--by source,branch,month] [--json]
    cuadre insights stock … [--slow-days N] [--json]
    cuadre insights renewal … [--month 2026-11] [--limit N] [--json]

Each reconciles what it is given (as ``cuadre reconcile`` does) and prints one view
(:mod:`app.insights`) as a plain table, numbers and pesos the es-CO way, or as JSON (money as
exact text, dates as ISO). ``followups --propose`` turns the follow-ups due into proposed CRM
follow-up tasks (:func:`app.writeback.followups.propose_followups`) for a second person to
approve and ``cuadre push`` to send — only for customers whose consent allows contact.
Exit codes as the other commands: 0 done, 1 a source failed, 2 wrong usage, 3 refused by the
person's roles, 130 cancelled.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    actor,
    add_common,
    correction_json,
    correction_line,
    emit_json,
    exit_codes_help,
    fail,
    guarded,
    open_workspace,
    table,
    usage,
    whole_number,
    workspace_help,
    workspace_name,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.cli.sources import add_source_arguments, chosen_systems, reconcile_report

if TYPE_CHECKING:
    from app.insights.model import (
        FollowupsResult,
        FunnelResult,
        RenewalResult,
        StockHealth,
    )

VIEWS = ("followups", "funnel", "stock", "renewal")
#: What ``--by`` accepts: the codes, and their Spanish names.
GROUP_WORDS = {"source": "source", "origen": "source", "branch": "branch", "sede": "branch",
               "month": "month", "mes": "month"}
#: The months as a sentence names them (translated where they are said).
MONTHS = (mark_cli("cli.insights", "enero"), mark_cli("cli.insights", "febrero"),
          mark_cli("cli.insights", "marzo"), mark_cli("cli.insights", "abril"),
          mark_cli("cli.insights", "mayo"), mark_cli("cli.insights", "junio"),
          mark_cli("cli.insights", "julio"), mark_cli("cli.insights", "agosto"),
          mark_cli("cli.insights", "septiembre"), mark_cli("cli.insights", "octubre"),
          mark_cli("cli.insights", "noviembre"), mark_cli("cli.insights", "diciembre"))
_MONEY = frozenset({"revenue", "revenue_paid", "price", "at_stake"})


def add_parser(sub: Any) -> None:
    ins = sub.add_parser(
        "insights", help=tr_cli(
            "cli.insights", "indicadores del concesionario: seguimientos, embudo, inventario, "
                            "renovación"),
        description=tr_cli(
            "cli.insights", "Concilia lo indicado y muestra un indicador: seguimientos posventa por "
                            "hacer, ventas por origen del prospecto (solo lo facturado en el ERP), "
                            "salud del inventario o clientes con probabilidad de renovar."))
    ins.epilog = exit_codes_help()
    views = ins.add_subparsers(dest="insights_view", metavar=tr_cli("cli.insights", "INDICADOR"),
                               required=True)
    helps = {
        "followups": (tr_cli("cli.insights", "seguimientos posventa por hacer (aniversario, primer "
                             "servicio, SOAT, seguro)"),
                      tr_cli("cli.insights", "Vehículos entregados que llegan a un momento de "
                             "contacto en los próximos días sin seguimiento en el CRM; con "
                             "--propose, los propone como tareas del CRM para aprobar y enviar.")),
        "funnel": (tr_cli("cli.insights", "prospectos, negocios y ventas facturadas por origen"),
                   tr_cli("cli.insights", "El embudo por origen del prospecto (Facebook, "
                          "Instagram, web…): solo cuenta como venta lo que el ERP facturó, y como "
                          "cobrado lo que sus recibos cubren.")),
        "stock": (tr_cli("cli.insights", "días en inventario, unidades lentas y disponibles por "
                         "modelo"),
                  tr_cli("cli.insights", "Días en inventario por VIN, las unidades disponibles "
                         "con más días que el umbral y cuántas quedan de cada modelo.")),
        "renewal": (tr_cli("cli.insights", "clientes con más probabilidad de renovar su vehículo "
                           "este mes"),
                    tr_cli("cli.insights", "Un puntaje de 0 a 100 que suma razones explicadas "
                           "(edad del vehículo, fin del crédito, visitas al taller, último "
                           "contacto); solo clientes que autorizaron el contacto.")),
    }
    for view in VIEWS:
        short, long = helps[view]
        p = views.add_parser(view, help=short, description=long)
        p.epilog = exit_codes_help()
        add_source_arguments(p)
        p.add_argument("--quiet", "-q", action="store_true", help=tr_cli(
            "cli.insights", "no mostrar el progreso"))
        p.add_argument("--json", action="store_true",
                       help=tr_cli("cli.insights", "escribir el resultado en JSON (para programas)"))
        if view == "followups":
            p.add_argument("--days", type=whole_number, metavar=tr_cli("cli.insights", "N"),
                           help=tr_cli("cli.insights", "los próximos N días (por defecto 30)"))
            p.add_argument("--propose", action="store_true",
                           help=tr_cli(
                               "cli.insights", "proponer los seguimientos como tareas del CRM (las "
                                               "aprueba otra persona y las envía cuadre push)"))
            p.add_argument("--workspace", metavar=tr_cli("cli.insights", "NOMBRE"),
                           help=workspace_help())
            p.add_argument("--comment", metavar=tr_cli("cli.insights", "TEXTO"), help=tr_cli(
                "cli.insights", "comentario para quien apruebe"))
            add_common(p)
        elif view == "funnel":
            p.add_argument("--by", metavar=tr_cli("cli.insights", "GRUPOS"), default="source",
                           help=tr_cli(
                               "cli.insights", "agrupar por source (origen), branch (sede) y/o month "
                                               "(mes), separados por comas; por defecto source"))
        elif view == "stock":
            p.add_argument("--slow-days", type=whole_number, metavar=tr_cli("cli.insights", "N"),
                           help=tr_cli(
                               "cli.insights", "días en inventario desde los que una unidad es lenta "
                                               "(por defecto 90)"))
        else:
            p.add_argument("--month", metavar=tr_cli("cli.insights", "AAAA-MM"),
                           help=tr_cli(
                               "cli.insights", "el mes de la renovación (por defecto, el mes en curso)"))
            p.add_argument("--limit", type=whole_number, default=25, metavar=tr_cli("cli.insights", "N"),
                           help=tr_cli("cli.insights", "cuántos clientes listar (por defecto 25)"))


def run(args: argparse.Namespace) -> int:
    return guarded(_run, args)


def _run(args: argparse.Namespace) -> int:
    from app.insights.data import from_report

    options = _options(args)
    if args.insights_view == "followups" and args.propose:
        _check_proposer(args)
    what = chosen_systems(args)
    report = reconcile_report(args, what)
    data = from_report(report)
    view = args.insights_view
    if view == "followups":
        from app.insights.followups import followups_due

        due = followups_due(data, options["days"])
        if args.propose:
            return _propose(args, due, workspace_name(args) or what.name)
        return _show(args, due, _followups_text)
    if view == "funnel":
        from app.insights.funnel import funnel

        return _show(args, funnel(data, options["by"]), _funnel_text)
    if view == "stock":
        from app.insights.stock import stock_health

        return _show(args, stock_health(data, options["slow_days"]), _stock_text)
    from app.insights.renewal import renewal

    return _show(args, renewal(data, options["month"], options["limit"]), _renewal_text)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The view's options checked before anything is reconciled (a wrong one is exit 2)."""
    from app.insights.model import DEFAULT_SLOW_DAYS, DEFAULT_WINDOW_DAYS

    out: dict[str, Any] = {}
    view = args.insights_view
    if view == "followups":
        out["days"] = DEFAULT_WINDOW_DAYS if args.days is None else args.days
        if out["days"] < 0:
            raise usage(tr_cli("cli.insights", "--days no puede ser negativo"))
    elif view == "funnel":
        out["by"] = _grouping(args.by)
    elif view == "stock":
        out["slow_days"] = DEFAULT_SLOW_DAYS if args.slow_days is None else args.slow_days
        if out["slow_days"] < 0:
            raise usage(tr_cli("cli.insights", "--slow-days no puede ser negativo"))
    else:
        from app.insights.renewal import month_bounds

        out["month"] = args.month
        if args.month is not None:
            try:
                month_bounds(args.month)
            except ValueError:
                raise usage(tr_cli(
                    "cli.insights", "el mes «{month}» no es válido: escríbalo como AAAA-MM, por ejemplo "
                                    "2026-11").format(month=args.month)) from None
        if args.limit < 1:
            raise usage(tr_cli("cli.insights", "--limit debe ser al menos 1"))
        out["limit"] = args.limit
    return out


def _grouping(text: str) -> tuple[str, ...]:
    from app.domain.values import fold

    chosen = []
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        code = GROUP_WORDS.get(fold(word))
        if code is None:
            raise usage(tr_cli(
                "cli.insights", "agrupación desconocida «{word}»; use source (origen), branch (sede) o "
                                "month (mes), separadas por comas").format(word=word))
        chosen.append(code)
    from app.insights.funnel import grouping

    return grouping(chosen)


# --- output ----------------------------------------------------------------------------------


def to_json(value: Any, name: str = "") -> Any:
    """A view's dataclasses as JSON-ready values: money as exact text with two decimals, other
    decimals as exact text, dates as ISO; the funnel rows carry their conversion (a ratio,
    four places: 0.3505)."""
    from app.domain.values import money_str, rounded

    if is_dataclass(value) and not isinstance(value, type):
        doc = {f.name: to_json(getattr(value, f.name), f.name) for f in fields(value)}
        if hasattr(value, "conversion"):
            doc["conversion"] = str(rounded(value.conversion, 4))
        return doc
    if isinstance(value, tuple | list):
        return [to_json(v, name) for v in value]
    if isinstance(value, Decimal):
        return money_str(value) if name in _MONEY else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _show(args: argparse.Namespace, result: Any, text: Callable[[Any], str]) -> int:
    """The view as JSON or as text; a view the sources cannot give says why (exit 1)."""
    if args.json:
        emit_json(to_json(result))
    elif not result.unavailable:
        print(text(result))
    if result.unavailable:
        fail(args, result.unavailable)
        return EXIT_FAILED
    return EXIT_OK


def _n(number: int) -> str:
    from app.insights.data import int_text

    return int_text(number)


def _pesos(value: Decimal | None) -> str:
    from app.domain.values import format_cop

    return format_cop(value)


def _decimal(value: Decimal | None) -> str:
    from app.domain.values import format_decimal

    return format_decimal(value, 1)


def _day(value: date | None) -> str:
    from app.insights.data import day_text

    return "—" if value is None else day_text(value)


def _followups_text(result: FollowupsResult) -> str:
    from app.cli.labels import FOLLOWUP_LABELS

    allowed = sum(1 for d in result.due if d.contact_allowed)
    covered = (tr_cli("cli.insights", "{covered} ya tiene seguimiento en el CRM.") if result.covered == 1
               else tr_cli("cli.insights", "{covered} ya tienen seguimiento en el CRM.")).format(
        covered=_n(result.covered))
    lines = [tr_cli("cli.insights", "Seguimientos posventa para los próximos {days} días: {due} por hacer "
                    "({allowed} con autorización de contacto); ").format(
        days=result.window_days, due=_n(len(result.due)), allowed=_n(allowed)) + covered]
    if result.due:
        lines += ["", table(
            (tr_cli("cli.insights", "Fecha"), tr_cli("cli.insights", "Tipo"), "VIN",
             tr_cli("cli.insights", "Modelo"), tr_cli("cli.insights", "Sede"),
             tr_cli("cli.insights", "Cliente"), tr_cli("cli.insights", "Documento"),
             tr_cli("cli.insights", "Teléfono"),
             tr_cli("cli.insights", "Contacto"), tr_cli("cli.insights", "Por qué")),
            [(_day(d.due_on), FOLLOWUP_LABELS.get(d.kind, d.kind), d.vin, d.model, d.branch,
              d.customer_name or "—", d.customer_doc, d.phone or "—",
              tr_cli("cli.insights", "sí") if d.contact_allowed else tr_cli("cli.insights", "no"),
              d.basis if d.contact_allowed
              else f"{d.basis}. {d.blocked_reason}") for d in result.due])]
        lines += ["", tr_cli("cli.insights", "Para proponerlos como tareas del CRM: cuadre insights "
                             "followups … --propose --as USUARIO")]
    return "\n".join(lines)


def _percent(value: Decimal) -> str:
    from app.domain.values import format_percent

    return format_percent(value)


def _funnel_text(result: FunnelResult) -> str:
    names = {"source": tr_cli("cli.insights", "Origen"), "branch": tr_cli("cli.insights", "Sede"),
             "month": tr_cli("cli.insights", "Mes")}
    head = (*(names[b] for b in result.by), tr_cli("cli.insights", "Prospectos"),
            tr_cli("cli.insights", "Negocios"), tr_cli("cli.insights", "Vendidos (CRM)"),
            tr_cli("cli.insights", "Facturados"), tr_cli("cli.insights", "Pagados"),
            tr_cli("cli.insights", "Conversión"), tr_cli("cli.insights", "Facturado"),
            tr_cli("cli.insights", "Cobrado"))
    rows = [(*(str(getattr(r, b)) for b in result.by), _n(r.leads), _n(r.deals),
             _n(r.sold_crm), _n(r.invoiced), _n(r.paid), _percent(r.conversion),
             _pesos(r.revenue), _pesos(r.revenue_paid)) for r in result.rows]
    lines = [tr_cli("cli.insights", "Embudo por origen del prospecto: solo es venta lo que el ERP facturó "
                    "(conversión = facturados ÷ prospectos)."), ""]
    lines.append(table(head, rows) if rows else tr_cli("cli.insights", "No hay negocios en el CRM."))
    if result.sold_not_invoiced:
        lines += ["", tr_cli("cli.insights", "{count} negocios «Vendido» en el CRM no tienen factura "
                             "en el ERP: no cuentan como venta.").format(count=_n(result.sold_not_invoiced))]
    return "\n".join(lines)


def _stock_text(health: StockHealth) -> str:
    units = len(health.items)
    lines = [(tr_cli("cli.insights", "Inventario: {units} unidad (disponibles, reservadas y de exhibición); "
                     "{slow} disponibles con más de {days} días (lentas).") if units == 1
              else tr_cli("cli.insights", "Inventario: {units} unidades (disponibles, reservadas y de "
                          "exhibición); {slow} disponibles con más de {days} días (lentas)."))
             .format(units=_n(units), slow=_n(len(health.slow)), days=health.slow_days)]
    if health.undated:
        lines.append(tr_cli("cli.insights", "{count} unidades no tienen fecha de ingreso en el ERP: "
                            "sus días no se conocen.").format(count=_n(health.undated)))
    if health.slow:
        lines += ["", tr_cli("cli.insights", "Unidades lentas:"), table(
            ("VIN", tr_cli("cli.insights", "Marca y modelo"), tr_cli("cli.insights", "Año"),
             tr_cli("cli.insights", "Sede"),
             tr_cli("cli.insights", "Días"), tr_cli("cli.insights", "Ingreso"),
             tr_cli("cli.insights", "Precio")),
            [(i.vin, f"{i.make} {i.model}".strip(), str(i.model_year or "—"), i.branch,
              _n(i.days or 0), _day(i.received_on), _pesos(i.price)) for i in health.slow])]
    if health.by_model:
        lines += ["", tr_cli("cli.insights", "Disponibles por modelo:"), table(
            (tr_cli("cli.insights", "Marca y modelo"), tr_cli("cli.insights", "Disponibles"),
             tr_cli("cli.insights", "Días promedio"),
             tr_cli("cli.insights", "Más antigua")),
            [(f"{m.make} {m.model}".strip(), _n(m.available),
              _decimal(m.average_days),
              "—" if m.oldest_days is None else _n(m.oldest_days)) for m in health.by_model])]
    return "\n".join(lines)


def _renewal_text(result: RenewalResult) -> str:
    year, month = result.month.split("-")
    lines = [tr_cli("cli.insights", "Clientes con más probabilidad de renovar en {month} de {year} "
                    "(puntaje de 0 a 100: la suma de las razones):").format(
        month=tr_marked("cli.insights", MONTHS[int(month) - 1]), year=year)]
    if not result.candidates:
        return lines[0] + tr_cli("cli.insights", " ninguno.")
    lines += ["", table(
        (tr_cli("cli.insights", "Puntaje"), tr_cli("cli.insights", "Cliente"),
         tr_cli("cli.insights", "Documento"),
         tr_cli("cli.insights", "Teléfono"), "VIN", tr_cli("cli.insights", "Modelo"),
         tr_cli("cli.insights", "Sede"),
         tr_cli("cli.insights", "Razones")),
        [(str(c.score), c.customer_name or "—", c.customer_doc, c.phone or "—", c.vin,
          c.model, c.branch, "; ".join(r.sentence for r in c.reasons))
         for c in result.candidates])]
    return "\n".join(lines)


# --- proposing follow-ups --------------------------------------------------------------------


def _check_proposer(args: argparse.Namespace) -> None:
    """Refused before minutes of reconciling, not after."""
    from app.writeback.errors import NotAllowed
    from app.writeback.people import Role, roles_of

    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        if Role.PROPOSER not in roles_of(store, login):
            raise NotAllowed(tr_cli("cli.insights", "«{login}» no tiene el rol para proponer: no puede "
                                    "proponer seguimientos.").format(login=login))


def _propose(args: argparse.Namespace, result: FollowupsResult, workspace: str) -> int:
    """Propose the follow-ups due as CRM tasks in ``workspace``."""
    from app.writeback.followups import propose_followups

    if result.unavailable:
        fail(args, result.unavailable)
        return EXIT_FAILED
    login = actor(args)
    assert login is not None
    with open_workspace(args) as store:
        made = propose_followups(store, login, result.due, workspace=workspace,
                                 comment=args.comment)
    skipped = [(due, why) for due, why in made.skipped]
    if args.json:
        emit_json({"created": [correction_json(v) for v in made.created],
                   "skipped": [{**to_json(due), "reason": why} for due, why in skipped]})
        return EXIT_OK
    for view in made.created:
        print(correction_line(view))
    if skipped:
        print(tr_cli("cli.insights", "\nNo se proponen:"))
        print(table((tr_cli("cli.insights", "Fecha"), "VIN", tr_cli("cli.insights", "Cliente"),
                     tr_cli("cli.insights", "Por qué")),
                    [(_day(d.due_on), d.vin, d.customer_doc, why) for d, why in skipped]))
    print(("\n" if made.created or skipped else "") + made.sentence()
          + (tr_cli("cli.insights", " Debe aprobarlos otra persona; después, cuadre push los crea en el "
                    "CRM.") if made.created else ""))
    return EXIT_OK
