"""«Inventario», a view of the «Tablero» tab: days in stock per VIN, the slow movers, and the
units available per model (with the line a campaign would start from)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.insights.model import DEFAULT_SLOW_DAYS, Insights, ModelStock, StockItem
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.models import fast_fold
from ui.common.table_export import ExportInfo, filters_text
from ui.dashboard.insight_table import Column, Table, date_text, days_text, make_table, number_text
from ui.dashboard.insight_view import InsightView, days_spin, line_label, title_label, vsplit

#: How many models the «Quedan …» line names.
TOP_MODELS = 4
#: Average days in stock (a Decimal, which the workbook would otherwise write as pesos).
DAYS_FORMAT = "#,##0.0"


def _vehicle(make: str, model: str) -> str:
    """"Toyota Hilux"; a model that already names its make ("MAZDA 2") is not prefixed."""
    if make and model and fast_fold(model).startswith(fast_fold(make)):
        return model
    return " ".join(p for p in (make, model) if p) or fmt.EMPTY


class StockView(InsightView):
    """Days in stock per VIN, slow movers, units available per model; «Feed de anuncios…»
    beside the «Quedan…» line asks for the stock feed (the tab writes it)."""

    name = QT_TRANSLATE_NOOP("ui", "Inventario")  # fmt.tr(name) when shown
    feedRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slow_spin = days_spin(self, DEFAULT_SLOW_DAYS, 3650,
                               self.tr("Días en inventario para considerar lenta una unidad"))
        self.slow_spin.setToolTip(self.tr(
            "Una unidad disponible con más días en inventario que estos es lenta"))
        self.slow_spin.valueChanged.connect(lambda _v: self.paramsChanged.emit())
        slow_label = QLabel(self.tr("&Lenta después de:"), self)
        slow_label.setBuddy(self.slow_spin)
        self.only_slow = QCheckBox(self.tr("S&olo las lentas"), self)
        self.only_slow.toggled.connect(self._filter_slow)
        self.controls.addWidget(slow_label)
        self.controls.addWidget(self.slow_spin)
        self.controls.addSpacing(12)
        self.controls.addWidget(self.only_slow)
        self.controls.addStretch(1)
        self.campaign = line_label(self, object_name="panelExplanation")
        self.feed_button = QPushButton(self.tr("Feed de an&uncios…"), self)
        self.feed_button.setObjectName("feedButton")
        self.feed_button.setToolTip(self.tr(
            "Escribe los vehículos disponibles y sin reservar del ERP para el catálogo de "
            "Meta o de Google, o las líneas «Quedan N» en CSV, y dice cuáles deja por fuera"))
        self.feed_button.setEnabled(False)
        self.feed_button.clicked.connect(self.feedRequested)
        self.feed_outcome = line_label(self)
        self.feed_outcome.setObjectName("feedOutcome")
        self.feed_outcome.hide()
        campaign_row = QHBoxLayout()
        campaign_row.setSpacing(10)
        campaign_row.addWidget(self.campaign, 1)
        campaign_row.addWidget(self.feed_button, 0, Qt.AlignmentFlag.AlignTop)
        self.layout().insertLayout(2, campaign_row)  # type: ignore[union-attr]
        self.layout().insertWidget(3, self.feed_outcome)  # type: ignore[union-attr]

        self.chart = ChartWidget(self.tr("Días en inventario por modelo"), self)
        self.models: Table[ModelStock] = make_table((
            Column(fmt.tr("Modelo"), lambda m: _vehicle(m.make, m.model)),
            Column(fmt.tr("Disponibles"), lambda m: fmt.count(m.available), lambda m: m.available,
                   numeric=True),
            Column(fmt.tr("Días prom."), lambda m: fmt.decimal(m.average_days, 1),
                lambda m: m.average_days, numeric=True, excel_format=DAYS_FORMAT,
                tooltip=lambda m: fmt.tr("Días en inventario, en promedio")),
            Column(fmt.tr("Días máx."), lambda m: number_text(m.oldest_days),
                   lambda m: m.oldest_days, numeric=True,
                   tooltip=lambda m: fmt.tr("Días de la unidad más antigua: {days}").format(
                       days=days_text(m.oldest_days))),
        ), self.tr("Unidades disponibles por modelo"), self, object_name="modelsTable")
        # What a campaign or a price decision reads first: the unit, where it is, how long.
        self.items: Table[StockItem] = make_table((
            Column(fmt.field_name("vin"), lambda i: i.vin),
            Column(fmt.tr("Vehículo"), lambda i: _vehicle(i.make, i.model)),
            Column(fmt.field_name("branch"), lambda i: i.branch),
            Column(fmt.tr("Días"), lambda i: number_text(i.days), lambda i: i.days, numeric=True),
            Column(fmt.tr("Lenta"), lambda i: fmt.tr("Sí") if i.slow else "",
                   lambda i: fmt.tr("Sí") if i.slow else None),
            Column(fmt.tr("Precio"), lambda i: fmt.money(i.price), lambda i: i.price,
                   numeric=True),
            Column(fmt.tr("Ingreso"), lambda i: date_text(i.received_on),
                   lambda i: i.received_on),
            Column(fmt.tr("Estado"), lambda i: fmt.status_name(i.status)),
            Column(fmt.tr("Año"), lambda i: str(i.model_year) if i.model_year else fmt.EMPTY,
                   lambda i: i.model_year, numeric=True),
        ), self.tr("Inventario por VIN"), self, object_name="stockTable",
            attention=lambda i: i.slow)
        self.items.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)

        tables = QSplitter(Qt.Orientation.Horizontal, self)
        tables.setChildrenCollapsible(False)
        for title, table in ((self.tr("Disponibles por modelo"), self.models),
                             (self.tr("Unidades en inventario"), self.items)):
            box = QWidget(tables)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(4)
            box_layout.addWidget(title_label(title, box))
            box_layout.addWidget(table.view, 1)
            tables.addWidget(box)
        tables.setSizes([500, 860])
        self.set_content(vsplit(self, self.chart, tables, (280, 400)))

    def slow_days(self) -> int:
        return self.slow_spin.value()

    def tables(self) -> list[Table[Any]]:
        return [self.models, self.items]

    def table_title(self, view: QTableView) -> str:
        if view is self.models.view:
            return self.tr("Disponibles por modelo")
        return self.tr("Unidades en inventario")

    def filters(self) -> tuple[str, ...]:
        return filters_text([
            (self.tr("Lenta después de"), self.slow_spin.text()),
            (self.tr("Solo"), self.tr("unidades lentas") if self.only_slow.isChecked() else None),
        ])

    def export_info(self, view: QTableView) -> ExportInfo:
        info = super().export_info(view)
        if view is self.models.view:  # «Solo las lentas» filters the units, not the models
            return ExportInfo(info.title, info.filters[:1])
        return info

    def show_feed_outcome(self, text: str) -> None:
        self.feed_outcome.setText(text)
        self.feed_outcome.setVisible(bool(text))

    def _filter_slow(self, only: bool) -> None:
        self.items.proxy.set_predicate((lambda i: bool(i.slow)) if only else None)

    def set_insights(self, insights: Insights) -> None:
        health = insights.stock
        self.feed_button.setEnabled(not health.unavailable)
        if self.show_unavailable(health.unavailable):
            self.summary.setText("")
            self.campaign.hide()
            self.models.set_rows([])
            self.items.set_rows([])
            return
        slow = health.slow
        parts = [(self.tr("{n} unidad en inventario") if len(health.items) == 1
                  else self.tr("{n} unidades en inventario")).format(n=fmt.count(len(health.items))),
                 (self.tr("{n} lenta (disponible hace más de {d} días)") if len(slow) == 1
                  else self.tr("{n} lentas (disponibles hace más de {d} días)")).format(
                     n=fmt.count(len(slow)), d=fmt.count(health.slow_days))]
        if health.undated:
            parts.append(self.tr("{n} sin fecha de ingreso").format(
                n=fmt.count(health.undated)))
        self.summary.setText(" · ".join(parts))
        self.campaign.setText(campaignline_label(health.by_model))
        self.campaign.setVisible(bool(health.by_model))
        from app.reports import charts  # matplotlib: with the first chart
        self.chart.show_chart(charts.stock_chart, health)
        self.models.set_rows(health.by_model)
        self.items.set_rows(health.items)


def campaignline_label(models: Sequence[ModelStock], top: int = TOP_MODELS) -> str:
    """"Quedan 5 Toyota Hilux, 4 Mazda CX-30 y 3 Renault Duster disponibles." — the models
    with the most units available, for a campaign."""
    shown = [m for m in models if m.available > 0][:top]
    if not shown:
        return fmt.tr("No quedan unidades disponibles.")
    parts = [f"{fmt.count(m.available)} {_vehicle(m.make, m.model)}" for m in shown]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + fmt.tr(" y ") + parts[-1]
    verb = fmt.tr("Queda") if len(shown) == 1 and shown[0].available == 1 else fmt.tr("Quedan")
    rest = len([m for m in models if m.available > 0]) - len(shown)
    tail = fmt.tr(" (y {n} modelos más)").format(n=fmt.count(rest)) if rest > 0 else ""
    return fmt.tr("{verb} {list} disponibles para campañas{tail}.").format(
        verb=verb, list=listed, tail=tail)
