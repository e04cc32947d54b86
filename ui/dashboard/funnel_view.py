"""«Embudo por origen», a view of the «Tablero» tab: leads → deals → ERP invoices → paid, per
lead source, and per branch or month when asked."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.insights.model import FunnelResult, FunnelRow, Insights
from app.security.spreadsheets import PERCENT_FORMAT
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.table_export import filters_text
from ui.dashboard.insight_table import Column, Table, make_table, month_text, percent_text
from ui.dashboard.insight_view import InsightView, line_label, vsplit

#: The funnel's groupings, as the combo offers them.
GROUPINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("FunnelView", "Origen"), ("source",)),
    (QT_TRANSLATE_NOOP("FunnelView", "Origen y sede"), ("source", "branch")),
    (QT_TRANSLATE_NOOP("FunnelView", "Origen y mes"), ("source", "month")),
)


class FunnelView(InsightView):
    """Leads → deals → ERP invoices → paid, per source (and branch or month)."""

    name = QT_TRANSLATE_NOOP("ui", "Embudo por origen")  # fmt.tr(name) when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_combo = QComboBox(self)
        for text, by in GROUPINGS:
            self.group_combo.addItem(self.tr(text), by)
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.group_combo.setAccessibleName(self.tr("Agrupar el embudo por"))
        self.group_combo.currentIndexChanged.connect(lambda _i: self.paramsChanged.emit())
        group_label = QLabel(self.tr("A&grupar por:"), self)
        group_label.setBuddy(self.group_combo)
        self.controls.addWidget(group_label)
        self.controls.addWidget(self.group_combo)
        self.controls.addStretch(1)
        self.not_counted = line_label(self, object_name="panelExplanation")
        self.layout().insertWidget(2, self.not_counted)  # type: ignore[union-attr]

        self.chart = ChartWidget(self.tr("Embudo por origen del prospecto"), self)
        self.table: Table[FunnelRow] = make_table((
            Column(fmt.tr("Origen"), lambda r: r.source),
            Column(fmt.field_name("branch"), lambda r: r.branch or fmt.EMPTY,
                   lambda r: r.branch),
            Column(fmt.tr("Mes"), lambda r: month_text(r.month), lambda r: r.month),
            *(Column(header, _count_text(attr), _attr(attr), numeric=True)
              for header, attr in ((fmt.tr("Prospectos"), "leads"), (fmt.tr("Negocios"), "deals"),
                                   (fmt.tr("Vendidos CRM"), "sold_crm"),
                                   (fmt.tr("Facturados ERP"), "invoiced"),
                                   (fmt.tr("Pagados"), "paid"))),
            Column(fmt.tr("Conversión"), lambda r: percent_text(r.conversion),
                   lambda r: r.conversion, numeric=True,
                   tooltip=lambda r: fmt.tr("Facturados en el ERP ÷ prospectos"),
                   excel_format=PERCENT_FORMAT),
            Column(fmt.tr("Ingresos facturados"), lambda r: fmt.money(r.revenue),
                   lambda r: r.revenue, numeric=True),
            Column(fmt.tr("Ingresos pagados"), lambda r: fmt.money(r.revenue_paid),
                   lambda r: r.revenue_paid, numeric=True),
        ), self.tr("Embudo por origen"), self, object_name="funnelTable")
        self.set_content(vsplit(self, self.chart, self.table.view, (300, 380)))

    def by(self) -> tuple[str, ...]:
        by = self.group_combo.currentData()
        return tuple(by) if by else ("source",)

    def tables(self) -> list[Table[Any]]:
        return [self.table]

    def filters(self) -> tuple[str, ...]:
        return filters_text([(self.tr("Agrupado por"), self.group_combo.currentText())])

    def set_insights(self, insights: Insights) -> None:
        result = insights.funnel
        if self.show_unavailable(result.unavailable):
            self.summary.setText("")
            self.not_counted.hide()
            self.table.set_rows([])
            return
        self._show_columns(result)
        rows = result.rows
        leads = sum(r.leads for r in rows)
        invoiced = sum(r.invoiced for r in rows)
        revenue = sum((r.revenue for r in rows), Decimal(0))
        ratio = Decimal(invoiced) / Decimal(leads) if leads else Decimal(0)
        self.summary.setText(self.tr(
            "{leads} prospectos → {invoiced} ventas facturadas en el ERP ({ratio}) · {revenue} "
            "facturados").format(leads=fmt.count(leads), invoiced=fmt.count(invoiced),
                                 ratio=percent_text(ratio), revenue=fmt.money(revenue)))
        n = result.sold_not_invoiced
        self.not_counted.setText((
            self.tr("{n} venta marcada como vendida en el CRM sin factura en el ERP no se cuenta.")
            if n == 1 else
            self.tr("{n} ventas marcadas como vendidas en el CRM sin factura en el ERP no se "
                    "cuentan.")).format(n=fmt.count(n)))
        self.not_counted.show()
        from app.reports import charts  # matplotlib: with the first chart
        self.chart.show_chart(charts.funnel_chart, result)
        self.table.set_rows(rows)

    def _show_columns(self, result: FunnelResult) -> None:
        view = self.table.view
        view.setColumnHidden(1, "branch" not in result.by)
        view.setColumnHidden(2, "month" not in result.by)
        index = next((i for i, (_t, by) in enumerate(GROUPINGS) if by == tuple(result.by)), None)
        if index is not None and index != self.group_combo.currentIndex():
            with QSignalBlocker(self.group_combo):
                self.group_combo.setCurrentIndex(index)


def _attr(name: str) -> Callable[[Any], Any]:
    return lambda r: getattr(r, name)


def _count_text(name: str) -> Callable[[Any], str]:
    return lambda r: fmt.count(getattr(r, name))
