"""The manager's summary as a PDF: one document that says where the dealership stands.

A4 portrait, in Spanish: the dealership and the date; what was reconciled; the differences
between the CRM and the ERP — counts and pesos at stake by kind and by branch, their trend
across stored runs, the items with most pesos at stake; the post-sale follow-ups due; the
lead-source funnel (only sales the ERP invoiced count); stock health (slow movers, units per
model); the customers most likely to renew, each with the reasons; the periods closed in the
workspace («Cierres del periodo», and a certificate's own page first when one is asked for:
:mod:`app.reports.closing`); and the audit chain's head
(rows and last hash), so the paper can be tied to the audit trail: ``cuadre audit verify
--anchor N:HUELLA`` later proves the trail still holds what it held when the report was made.
Every page's footer repeats the page number and the head's hash, shortened.

Built with reportlab's platypus; the charts are :mod:`app.reports.charts`' at 150 dpi. The
text font is DejaVu Sans, which matplotlib ships (and the bundle collects with its data): the
same letters as the charts, and every character Spanish text and the arrows need, embedded.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from app.domain.labels import FOLLOWUP_LABELS, SYSTEM_LABELS
from app.domain.schema import Entity
from app.domain.values import format_cop, format_stake
from app.insights.dashboard import by_kind
from app.insights.model import Insights, KindBranchRow
from app.paths import atomic_write
from app.reports import (
    NO_AUDIT,
    Head,
    apart_lines,
    day,
    decimal_text,
    entity_name,
    kind_name,
    moment,
    month_name,
    parse_head,
    percent,
    thousands,
)
from app.reports import charts as chart_module
from app.reports.charts import ACCENT, GRID, MUTED, TEXT
from app.reports.closing import Closings, certificate_page, closings_section

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from reportlab.platypus import Flowable

    from app.reconcile.results import Mismatch, Report

FONT, BOLD, MONO = "CuadreSans", "CuadreSans-Bold", "CuadreMono"
_FONT_FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}
#: Rows of the long lists (follow-ups, slow movers, models) before «y N más».
LIST_ROWS = 15
VERIFY = "cuadre audit verify"


def register_fonts() -> str:
    """Register the embedded fonts with reportlab (once); returns the text font's name."""
    import os

    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, BOLD)
    return FONT


def manager_summary(path: Path, insights: Insights, *, dealership: str, generated_at: datetime,
                    audit_head: str | None, top: int = 10, report: Report | None = None,
                    closings: Closings | None = None) -> None:
    """Write the manager's PDF to ``path`` (whole or not at all).

    ``audit_head`` is the audit chain's head as ``"N:HUELLA"`` (rows and last hash: see
    :func:`app.audit.log.head`), a bare hash, or None when there is no workspace store.
    ``report``, the reconciliation the insights came from, gives the items with most pesos
    at stake (without it, the kinds and branches with most stand in for them). ``closings``,
    the workspace's certified periods, add «Cierres del periodo»; the one it names ``first``
    is the first page (:mod:`app.reports.closing`).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    head = parse_head(audit_head)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(_color(MUTED))
        canvas.drawString(doc.leftMargin, 1.1 * cm, f"Cuadre · {dealership} · {day(generated_at)}")
        chain = (f"Auditoría: {head.hash[:12]}…" + (f" ({thousands(head.rows)} filas)"
                                                      if head.rows is not None else "")
                 if head else "Sin cadena de auditoría")
        canvas.drawRightString(A4[0] - doc.rightMargin, 1.1 * cm,
                               f"{chain} · Página {canvas.getPageNumber()}")
        canvas.restoreState()

    def write(tmp: Path) -> None:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=A4, leftMargin=1.8 * cm, rightMargin=1.8 * cm, topMargin=1.6 * cm,
            bottomMargin=1.8 * cm, title=f"Resumen para la gerencia — {dealership}",
            author="Cuadre", subject="Conciliación CRM ↔ ERP e indicadores del concesionario",
            lang="es-CO")
        story = _Story(insights, head, top, report, closings).build(dealership, generated_at)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)

    atomic_write(Path(path), write)


def _color(hex_text: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_text)


class _Story:
    """The document's flowables, section by section."""

    def __init__(self, insights: Insights, head: Head | None, top: int,
                 report: Report | None, closings: Closings | None = None) -> None:
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.insights, self.head, self.top, self.report = insights, head, top, report
        self.closings = closings or Closings()
        base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12,
                              textColor=_color(TEXT))
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
        self.note = ParagraphStyle("note", parent=base, textColor=_color(MUTED), fontSize=8,
                                   leading=10.5)
        self.title = ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=22,
                                    spaceAfter=4)
        self.h1 = ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=12.5, leading=16,
                                 spaceBefore=12, spaceAfter=5, textColor=_color(ACCENT),
                                 keepWithNext=1)
        #: A line that introduces the table or chart after it (never left alone at a page end).
        self.lead = ParagraphStyle("lead", parent=self.note, keepWithNext=1, spaceBefore=2)
        self.mono = ParagraphStyle("mono", parent=base, fontName=MONO, fontSize=8.5, leading=11)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.flow: list[Flowable] = []

    # --- building blocks -------------------------------------------------------------------

    def text(self, markup: str, style: Any = None) -> None:
        from reportlab.platypus import Paragraph

        self.flow.append(Paragraph(markup, style or self.body))

    def heading(self, title: str) -> None:
        self.text(escape(title), self.h1)

    def space(self, points: float = 6) -> None:
        from reportlab.platypus import Spacer

        self.flow.append(Spacer(1, points))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], numeric: Sequence[int] = (), total: bool = False) -> None:
        """A table with a coloured header; ``numeric`` columns right-aligned; the last row
        bold when ``total``. Widths are fractions of the text width."""
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph, Table, TableStyle

        if not rows:
            return
        usable = A4[0] - 3.6 * cm
        last = len(rows) - 1

        def wrap(value: Any, column: int, row: int) -> Any:
            if not isinstance(value, str):
                return value  # a Paragraph made by the caller
            style = self.cell_right if column in numeric else self.cell
            text = escape(value)
            return Paragraph(f"<b>{text}</b>" if total and row == last else text, style)

        data = [[Paragraph(f"<b>{escape(h)}</b>", self.cell_right if i in numeric else self.cell)
                 for i, h in enumerate(headers)]]
        data += [[wrap(v, i, n) for i, v in enumerate(row)] for n, row in enumerate(rows)]
        table = Table(data, colWidths=[usable * w for w in widths], repeatRows=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), _color("#d6e4f5")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, _color(ACCENT)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, _color(GRID)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if total:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, _color(MUTED)))
        table.setStyle(TableStyle(style))
        self.flow.append(table)
        self.space()

    def chart(self, figure: Figure, height_ratio: float = 0.5) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm
        from reportlab.platypus import Image

        figure.set_size_inches(7.0, 7.0 * height_ratio)
        width = A4[0] - 3.6 * cm
        self.flow.append(Image(io.BytesIO(chart_module.png_bytes(figure, dpi=150)), width=width,
                               height=width * height_ratio))
        self.space()

    # --- sections -------------------------------------------------------------------------

    def build(self, dealership: str, generated_at: datetime) -> list[Flowable]:
        certificate_page(self, self.closings)
        self.cover(dealership, generated_at)
        self.mismatches()
        self.top_items()
        self.followups()
        self.funnel()
        self.stock()
        self.renewal()
        closings_section(self, self.closings)
        self.audit()
        return self.flow

    def cover(self, dealership: str, generated_at: datetime) -> None:
        self.text(escape(f"Resumen para la gerencia — {dealership}"), self.title)
        self.text(escape(f"Generado el {moment(generated_at)} (hora de Colombia) · datos al "
                         f"{day(self.insights.today)}"), self.note)
        sources = self.insights.sources
        if sources:
            described = "; ".join(f"{SYSTEM_LABELS.get(k, k)}: {v}" for k, v in sources.items())
            self.text(escape(f"Qué se concilió: {described}."), self.note)
        self.space(4)

    def mismatches(self) -> None:
        rows = self.insights.mismatches
        self.heading("Diferencias entre el CRM y el ERP")
        count = sum(r.count for r in rows)
        stake = sum((r.at_stake for r in rows), Decimal(0))
        if not count:
            self.text("La conciliación no encontró diferencias.")
        else:
            self.text(f"<b>{thousands(count)}</b> diferencias, con <b>{format_cop(stake)}</b> en "
                      "juego (el dinero que falta, está doble o está mal si nadie actúa).")
            self.space(4)
            self.by_kind(rows)
            self.by_branch(rows)
            self.chart(chart_module.mismatch_chart(rows), 0.55)
        self.trend()

    def by_kind(self, rows: Sequence[KindBranchRow]) -> None:
        kinds = sorted(by_kind(rows), key=lambda r: (-r.at_stake, -r.count, r.entity, r.kind))
        table = [[entity_name(r.entity), kind_name(r.entity, r.kind), thousands(r.count),
                  format_stake(r.at_stake)] for r in kinds]
        table.append(["Total", "", thousands(sum(r.count for r in kinds)),
                      format_stake(sum((r.at_stake for r in kinds), Decimal(0)))])
        self.table(["Entidad", "Tipo de diferencia", "Hallazgos", "Pesos en juego"], table,
                   (0.16, 0.5, 0.14, 0.2), numeric=(2, 3), total=True)
        apart = apart_lines(kinds)
        if apart:
            self.text(escape("Aparte, no en juego: " + "; ".join(apart) + "."), self.note)
            self.space(4)

    def by_branch(self, rows: Sequence[KindBranchRow]) -> None:
        counts: dict[str, list[Any]] = defaultdict(lambda: [0, Decimal(0)])
        for r in rows:
            counts[r.branch][0] += r.count
            counts[r.branch][1] += r.at_stake
        ordered = sorted((b for b in counts if counts[b][0]), key=lambda b: (-counts[b][1], b))
        self.table(["Sede", "Hallazgos", "Pesos en juego"],
                   [[b, thousands(counts[b][0]), format_stake(counts[b][1])] for b in ordered],
                   (0.5, 0.2, 0.3), numeric=(1, 2))

    def trend(self) -> None:
        if self.insights.trend:
            runs = len({p.run_id for p in self.insights.trend})
            self.text(f"Tendencia de las {thousands(runs)} conciliaciones guardadas en el almacén "
                      "de trabajo:", self.lead)
            self.chart(chart_module.trend_chart(self.insights.trend), 0.42)
        elif self.head is None:
            self.text("Sin tendencia: sin almacén de trabajo no hay conciliaciones guardadas con "
                      "qué comparar (indique --store o CUADRE_STORE).", self.note)
        else:
            self.text("Sin tendencia: el almacén de trabajo aún no tiene conciliaciones "
                      "guardadas («cuadre workspace reconcile» guarda una).", self.note)

    def top_items(self) -> None:
        self.heading(f"Las {self.top} diferencias con más pesos en juego")
        if self.report is None:
            rows = sorted((r for r in self.insights.mismatches if r.at_stake),
                          key=lambda r: -r.at_stake)[: self.top]
            self.text("Sin el detalle de la conciliación: por tipo y sede.", self.lead)
            self.table(["Tipo de diferencia", "Sede", "Hallazgos", "Pesos en juego"],
                       [[kind_name(r.entity, r.kind), r.branch, thousands(r.count),
                         format_cop(r.at_stake)] for r in rows], (0.42, 0.28, 0.12, 0.18),
                       numeric=(2, 3))
            return
        items = top_findings(self.report, self.top)
        if not items:
            self.text("Ninguna diferencia pone pesos en juego.")
            return
        self.table(["Tipo de diferencia", "Sede", "Registro", "CRM", "ERP", "En juego"],
                   [[kind_name(e.value, m.kind), m.branch or "—", _record(m),
                     _side(m, m.crm_amount, m.crm_value), _side(m, m.erp_amount, m.erp_value),
                     format_cop(m.at_stake)] for e, m in items],
                   (0.25, 0.15, 0.19, 0.13, 0.13, 0.15), numeric=(3, 4, 5))

    def followups(self) -> None:
        result = self.insights.followups
        self.heading(f"Seguimientos posventa (próximos {result.window_days} días)")
        if result.unavailable:
            self.text(escape(f"No disponible: {result.unavailable}"))
            return
        due = sorted(result.due, key=lambda d: (d.due_on, d.kind, d.vin))
        blocked = sum(1 for d in due if not d.contact_allowed)
        self.text(f"<b>{thousands(len(due))}</b> vehículos llegan a un momento de seguimiento sin "
                  f"tarea en el CRM ({thousands(result.covered)} más ya la tienen). "
                  f"{thousands(blocked)} no se pueden contactar (sin autorización de datos, con "
                  "reclamo en trámite o sin registro en el CRM).")
        if not due:
            return
        self.space(4)
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for d in due:
            kinds[d.kind][0] += 1
            kinds[d.kind][1] += d.contact_allowed
        order = [k for k in FOLLOWUP_LABELS if k in kinds] + sorted(set(kinds) - set(FOLLOWUP_LABELS))
        self.table(["Tipo", "Pendientes", "Se pueden contactar", "Bloqueados"],
                   [[FOLLOWUP_LABELS.get(k, k), thousands(kinds[k][0]), thousands(kinds[k][1]),
                     thousands(kinds[k][0] - kinds[k][1])] for k in order],
                   (0.4, 0.2, 0.2, 0.2), numeric=(1, 2, 3))
        self.chart(chart_module.followups_chart(result), 0.42)
        self.text("Los primeros:", self.lead)
        self.table(["Fecha", "Tipo", "Cliente", "Vehículo", "Sede", "Contacto"],
                   [[day(d.due_on), FOLLOWUP_LABELS.get(d.kind, d.kind), d.customer_name,
                     f"{d.model} · {d.vin}", d.branch,
                     "Sí" if d.contact_allowed else (d.blocked_reason or "No")]
                    for d in due[:LIST_ROWS]], (0.12, 0.16, 0.19, 0.24, 0.13, 0.16))
        self.more(len(due))

    def funnel(self) -> None:
        result = self.insights.funnel
        self.heading("Origen de los prospectos: del prospecto a la venta facturada")
        if result.unavailable:
            self.text(escape(f"No disponible: {result.unavailable}"))
            return
        sums: dict[str, list[Any]] = {}
        for r in result.rows:
            entry = sums.setdefault(r.source, [0, 0, 0, 0, 0, Decimal(0)])
            for i, value in enumerate((r.leads, r.deals, r.sold_crm, r.invoiced, r.paid,
                                       r.revenue)):
                entry[i] += value
        self.text("Solo cuentan como ventas los negocios que el ERP facturó; "
                  f"{thousands(result.sold_not_invoiced)} negocios «vendidos» en el CRM no tienen "
                  "factura en el ERP y no se cuentan.")
        if not sums:
            return
        self.space(4)
        order = sorted(sums, key=lambda s: (-sums[s][5], -sums[s][0], s))
        rows = [[s, *(thousands(v) for v in sums[s][:5]),
                 percent(Decimal(sums[s][3]) / Decimal(sums[s][0])) if sums[s][0] else "—",
                 format_cop(sums[s][5])] for s in order]
        totals = [sum(sums[s][i] for s in sums) for i in range(6)]
        rows.append(["Total", *(thousands(v) for v in totals[:5]),
                     percent(Decimal(totals[3]) / Decimal(totals[0])) if totals[0] else "—",
                     format_cop(totals[5])])
        self.table(["Origen", "Prospectos", "Negocios", "Vendidos (CRM)", "Facturados", "Pagados",
                    "Conversión", "Facturado"], rows,
                   (0.13, 0.12, 0.11, 0.11, 0.12, 0.1, 0.12, 0.19), numeric=tuple(range(1, 8)),
                   total=True)
        self.chart(chart_module.funnel_chart(result), 0.45)

    def stock(self) -> None:
        health = self.insights.stock
        self.heading("Inventario")
        if health.unavailable:
            self.text(escape(f"No disponible: {health.unavailable}"))
            return
        slow = sorted(health.slow, key=lambda i: (-(i.days or 0), i.vin))
        undated = (f" {thousands(health.undated)} no tienen fecha de ingreso en el ERP."
                   if health.undated else "")
        self.text(f"<b>{thousands(len(health.items))}</b> unidades en existencia; "
                  f"<b>{thousands(len(slow))}</b> de lenta rotación (disponibles hace más de "
                  f"{thousands(health.slow_days)} días).{undated}")
        if any(i.days is not None for i in health.items):
            self.space(4)
            self.chart(chart_module.stock_chart(health), 0.42)
        if slow:
            self.text("Lenta rotación, las más antiguas primero:", self.lead)
            self.table(["VIN", "Vehículo", "Sede", "Días", "Precio"],
                       [[i.vin, _vehicle(i.make, i.model, i.model_year), i.branch,
                         thousands(i.days or 0), format_cop(i.price)] for i in slow[:LIST_ROWS]],
                       (0.24, 0.28, 0.22, 0.09, 0.17), numeric=(3, 4))
            self.more(len(slow))
        if health.by_model:
            self.text("Unidades disponibles por línea (para campañas):", self.lead)
            self.table(["Vehículo", "Disponibles", "Días en promedio", "La más antigua"],
                       [[_vehicle(m.make, m.model), thousands(m.available),
                         "—" if m.average_days is None else decimal_text(m.average_days, 1),
                         "—" if m.oldest_days is None else f"{thousands(m.oldest_days)} días"]
                        for m in health.by_model[:LIST_ROWS]], (0.4, 0.18, 0.2, 0.22),
                       numeric=(1, 2, 3))
            self.more(len(health.by_model))

    def renewal(self) -> None:
        result = self.insights.renewal
        self.heading(f"Probables renovaciones de {month_name(result.month)}")
        if result.unavailable:
            self.text(escape(f"No disponible: {result.unavailable}"))
            return
        top = result.candidates[: self.top]
        if not top:
            self.text("Ningún cliente con autorización de contacto suma puntos este mes.")
            return
        self.text("El puntaje (0–100) es la suma de las razones de cada cliente: edad del "
                  "vehículo, visitas al taller, último contacto y fin del crédito. Solo clientes "
                  "que autorizaron el contacto y sin reclamo en trámite.", self.lead)
        self.space(4)
        from reportlab.platypus import Paragraph

        self.table(["Cliente", "Vehículo", "Sede", "Puntaje", "Razones"],
                   [[c.customer_name, c.model, c.branch, str(c.score),
                     Paragraph("<br/>".join(escape(r.sentence) for r in c.reasons), self.cell)]
                    for c in top],
                   (0.2, 0.15, 0.15, 0.1, 0.4), numeric=(3,))

    def audit(self) -> None:
        self.heading("Cadena de auditoría")
        if self.head is None:
            self.text(escape(NO_AUDIT[0].upper() + NO_AUDIT[1:] + "."))
            return
        if self.head.rows == 0:
            self.text("Al generar este informe, el registro de auditoría del almacén de trabajo "
                      f"estaba vacío (0 filas). Compruébelo con <font face='{MONO}'>{VERIFY}"
                      "</font>.")
            return
        rows = (f"{thousands(self.head.rows)} filas" if self.head.rows is not None
                else "filas sin indicar")
        self.text(f"Al generar este informe, el registro de auditoría tenía {rows}; su huella "
                  "final era:")
        self.text(escape(self.head.hash), self.mono)
        anchor = f" --anchor {self.head.anchor}" if self.head.anchor else ""
        self.text("Para comprobar que el registro no cambió desde entonces, ejecute "
                  f"<font face='{MONO}'>{escape(VERIFY + anchor)}</font> contra el mismo "
                  "almacén de trabajo.")

    def more(self, total: int) -> None:
        if total > LIST_ROWS:
            self.text(f"… y {thousands(total - LIST_ROWS)} más (el libro XLSX del informe los "
                      "lista todos).", self.note)


def top_findings(report: Report, top: int) -> list[tuple[Entity, Mismatch]]:
    """The ``top`` findings of ``report`` with most pesos at stake (ties: by kind and key)."""
    found = [(entity, m) for entity, result in report.results.items()
             for m in result.findings() if m.at_stake]
    found.sort(key=lambda item: (-(item[1].at_stake or 0), item[1].kind, item[1].key or ""))
    return found[:top]


def _record(m: Mismatch) -> str:
    return m.key or m.erp_id or m.crm_id or "—"


def _side(m: Mismatch, amount: Decimal | None, value: str | None) -> str:
    """One system's value of a finding, as a sentence shows it (pesos, «Vendido»…)."""
    from app.writeback.values import shown

    if amount is not None:
        return format_cop(amount)
    return shown(m.field or "", value) if value else "—"


def _vehicle(make: str, model: str, year: int | None = None) -> str:
    name = f"{make} {model}".strip() or "—"
    return f"{name} {year}" if year else name
