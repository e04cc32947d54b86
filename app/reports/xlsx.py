"""The dealer insights as an XLSX workbook (``cuadre report --out informe.xlsx``): one sheet per
view, every row (where the PDF shows the first ones), written by
:mod:`app.security.spreadsheets` — typed cells, no formula injection, whole or nothing.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.labels import FOLLOWUP_LABELS, STATUS_LABELS, SYSTEM_LABELS, apart_label
from app.domain.schema import Entity
from app.insights.dashboard import by_kind
from app.reports import NO_AUDIT, apart_lines, entity_name, kind_name, month_name, parse_head
from app.reports.closing import VERIFY, Closings, closings_rows
from app.security.spreadsheets import PERCENT_FORMAT, Sheet

#: What «en juego» means, above the table by kind (DESIGN §5; ``app.reconcile.stake``).
STAKE_NOTE = ("En juego: el dinero que falta, está doble o está mal si nadie actúa. El monto "
              "aparte se cuenta pero no está en juego (un pago con otra fecha o con otro cliente "
              "y el mismo valor).")

if TYPE_CHECKING:
    from app.insights.model import Insights


def insights_sheets(insights: Insights, *, dealership: str, generated_at: datetime,
                    audit_head: str | None, closings: Closings | None = None) -> list[Sheet]:
    """The dealer insights as sheets, one per view: Resumen, Hallazgos por sede, Tendencia
    (when there are stored runs), Seguimientos, Embudo, Inventario, Disponibles por línea,
    Renovación, and «Cierres del periodo» when the workspace closed any. Every row, where the
    PDF shows the first ones."""
    fol, fun, stock, ren = insights.followups, insights.funnel, insights.stock, insights.renewal
    kinds = by_kind(insights.mismatches)
    apart = tuple(f"Aparte, no en juego: {line}." for line in apart_lines(kinds))
    sheets = [_summary_sheet(insights, dealership, generated_at, audit_head),
              Sheet("Diferencias por tipo", "Diferencias entre el CRM y el ERP por tipo",
                    ["Entidad", "Tipo de diferencia", "Hallazgos", "Pesos en juego",
                     "Monto aparte (no en juego)"],
                    [[entity_name(r.entity), kind_name(r.entity, r.kind), r.count,
                      r.at_stake or None, r.apart or None] for r in kinds],
                    notes=(STAKE_NOTE, *apart)),
              Sheet("Hallazgos por sede", "Diferencias entre el CRM y el ERP por tipo y sede",
                    ["Entidad", "Tipo de diferencia", "Sede", "Hallazgos", "Pesos en juego"],
                    [[entity_name(r.entity), kind_name(r.entity, r.kind), r.branch, r.count,
                      r.at_stake or None] for r in insights.mismatches], notes=apart)]
    if insights.trend:
        sheets.append(Sheet(
            "Tendencia", "Conciliaciones guardadas: hallazgos y pesos en juego",
            ["Guardada", "Conciliación", "Entidad", "Tipo de diferencia", "Hallazgos",
             "Pesos en juego"],
            [[p.saved_at, p.run_id, entity_name(p.entity), kind_name(p.entity, p.kind),
              p.count, p.at_stake] for p in insights.trend]))
    sheets.append(Sheet(
        "Seguimientos", f"Seguimientos posventa de los próximos {fol.window_days} días sin tarea "
                        "en el CRM",
        ["Fecha", "Tipo", "Cliente", "Documento", "Teléfono", "VIN", "Vehículo", "Sede",
         "Entregado", "Por qué", "Se puede contactar", "Por qué no"],
        [[d.due_on, FOLLOWUP_LABELS.get(d.kind, d.kind), d.customer_name, d.customer_doc,
          d.phone, d.vin, d.model, d.branch, d.delivered_on, d.basis, d.contact_allowed,
          d.blocked_reason] for d in sorted(fol.due, key=lambda d: (d.due_on, d.kind, d.vin))],
        notes=_view_lines(fol.unavailable,
                          f"{fol.covered} más ya tienen seguimiento en el CRM (no se listan).")))
    sheets.append(Sheet(
        "Embudo", "Del prospecto a la venta facturada, por origen",
        ["Origen", "Sede", "Mes", "Prospectos", "Negocios", "Vendidos (CRM)", "Facturados",
         "Pagados", "Conversión", "Facturado", "Pagado"],
        [[r.source, r.branch, r.month, r.leads, r.deals, r.sold_crm, r.invoiced, r.paid,
          r.conversion, r.revenue, r.revenue_paid] for r in fun.rows],
        formats={"Conversión": PERCENT_FORMAT},
        notes=_view_lines(fun.unavailable, "Solo cuentan las ventas que el ERP facturó; "
                                           f"{fun.sold_not_invoiced} vendidos en el CRM sin "
                                           "factura no se cuentan.")))
    sheets.append(Sheet(
        "Inventario", "Unidades en existencia y días en inventario",
        ["VIN", "Marca", "Línea", "Año", "Sede", "Estado", "Ingreso", "Días", "Precio",
         "Lenta rotación"],
        [[i.vin, i.make, i.model, i.model_year, i.branch, STATUS_LABELS.get(i.status, i.status),
          i.received_on, i.days, i.price, i.slow]
         for i in sorted(stock.items, key=lambda i: (-(i.days or 0), i.vin))],
        notes=_view_lines(stock.unavailable, "Lenta rotación: disponibles hace más de "
                                             f"{stock.slow_days} días.")))
    sheets.append(Sheet(
        "Disponibles por línea", "Unidades disponibles por línea y sede",
        ["Marca", "Línea", "Sede", "Disponibles", "Días en promedio", "La más antigua (días)"],
        [[m.make, m.model, m.branch or "Todas", m.available,
          None if m.average_days is None else float(m.average_days), m.oldest_days]
         for m in (*stock.by_model, *stock.by_model_branch)],
        formats={"Días en promedio": "0.0"}, notes=_view_lines(stock.unavailable, None)))
    sheets.append(Sheet(
        "Renovación", f"Probables renovaciones de {month_name(ren.month)}",
        ["Puntaje", "Cliente", "Documento", "Teléfono", "VIN", "Vehículo", "Sede", "Razones"],
        [[c.score, c.customer_name, c.customer_doc, c.phone, c.vin, c.model, c.branch,
          "; ".join(r.sentence for r in c.reasons)] for c in ren.candidates],
        notes=_view_lines(ren.unavailable, "Solo clientes que autorizaron el contacto y sin "
                                           "reclamo en trámite.")))
    if closings is not None and closings.certificates:
        headers, rows = closings_rows(closings)
        sheets.append(Sheet(
            "Cierres del periodo", "Periodos certificados y firmados del espacio de trabajo",
            headers, rows,
            notes=("Cada cierre certifica una conciliación guardada: sus hallazgos por estado y "
                   "sus pesos, quién lo certificó (propone), quién lo firmó (aprueba) y la "
                   "cabeza del registro de auditoría en cada paso, que verifica «"
                   f"{VERIFY}».",)))
    return sheets


def _summary_sheet(insights: Insights, dealership: str, generated_at: datetime,
                   audit_head: str | None) -> Sheet:
    head = parse_head(audit_head)
    stake = sum((r.at_stake for r in insights.mismatches), Decimal(0))
    rows: list[list[Any]] = [
        ["Concesionario", dealership],
        ["Generado", generated_at],
        ["Datos al", insights.today],
        *([f"Fuente: {SYSTEM_LABELS.get(k, k)}", v] for k, v in insights.sources.items()),
        ["Diferencias", sum(r.count for r in insights.mismatches)],
        ["Pesos en juego", stake],
        *([f"{apart_label(Entity(r.entity), r.kind)} (no en juego)", r.apart]
          for r in by_kind(insights.mismatches) if r.apart),
        ["Conciliaciones guardadas (tendencia)",
         len({p.run_id for p in insights.trend}) if head else "sin almacén de trabajo"],
        ["Seguimientos pendientes", len(insights.followups.due)],
        ["Seguimientos ya registrados en el CRM", insights.followups.covered],
        ["Vendidos en el CRM sin factura en el ERP", insights.funnel.sold_not_invoiced],
        ["Unidades en existencia", len(insights.stock.items)],
        ["Unidades de lenta rotación", len(insights.stock.slow)],
        ["Candidatos a renovación", len(insights.renewal.candidates)],
    ]
    if head is None:
        rows.append(["Cadena de auditoría", NO_AUDIT])
    else:
        rows += [["Filas del registro de auditoría", head.rows],
                 ["Huella final del registro", head.hash]]
        if head.anchor:
            rows.append(["Verificación", f"cuadre audit verify --anchor {head.anchor}"])
    return Sheet("Resumen", f"Indicadores del concesionario — {dealership}", ["Concepto", "Valor"],
                 rows)


def _view_lines(unavailable: str | None, note: str | None) -> tuple[str, ...]:
    """The lines above a view's table: why it is empty, or what to know to read it."""
    if unavailable:
        return (f"No disponible: {unavailable}",)
    return (note,) if note else ()

