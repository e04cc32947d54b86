"""«Resumen», the first view of the «Tablero» tab: differences and pesos at stake per kind and
branch, and their trend across the runs saved in the workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QWidget

from app.domain.schema import Entity
from app.insights.model import NO_BRANCH, Insights, KindBranchRow
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.dashboard.insight_table import Column, Table, make_table
from ui.dashboard.insight_view import InsightView, vsplit


def _entity_name(code: str) -> str:
    try:
        return fmt.entity_name(Entity(code))
    except ValueError:
        return code


def _kind_name(entity: str, kind: str) -> str:
    try:
        return fmt.kind_name(Entity(entity), kind)
    except ValueError:
        return kind


def _apart_name(entity: str, kind: str) -> str:
    try:
        return fmt.apart_name(Entity(entity), kind)
    except ValueError:
        return kind



class SummaryView(InsightView):
    """Differences and pesos at stake per kind and branch, and their trend across runs."""

    name = QT_TRANSLATE_NOOP("ui", "Resumen")  # fmt.tr(name) when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ChartWidget(self.tr("Diferencias por tipo y sede"), self)
        self.trend_chart = ChartWidget(self.tr("Tendencia de las conciliaciones guardadas"),
                                       self)
        self.no_trend = QLabel(self.tr(
            "La tendencia aparece cuando haya conciliaciones guardadas de este espacio de "
            "trabajo: cada conciliación que se guarda suma un punto."), self)
        self.no_trend.setObjectName("placeholder")
        self.no_trend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_trend.setWordWrap(True)
        self.trend_stack = QStackedWidget(self)
        self.trend_stack.addWidget(self.no_trend)
        self.trend_stack.addWidget(self.trend_chart)
        charts_row = QSplitter(Qt.Orientation.Horizontal, self)
        charts_row.setChildrenCollapsible(False)
        charts_row.addWidget(self.chart)
        charts_row.addWidget(self.trend_stack)
        charts_row.setSizes([700, 600])

        money = Decimal
        self.table: Table[KindBranchRow] = make_table((
            Column(fmt.tr("Entidad"), lambda r: _entity_name(r.entity)),
            Column(fmt.tr("Tipo de diferencia"), lambda r: _kind_name(r.entity, r.kind)),
            Column(fmt.field_name("branch"), lambda r: r.branch),
            Column(fmt.tr("Diferencias"), lambda r: fmt.count(r.count), lambda r: r.count,
                   numeric=True),
            Column(fmt.tr("En juego"), lambda r: fmt.money(r.at_stake) if r.at_stake
                   else fmt.EMPTY, lambda r: money(r.at_stake), numeric=True,
                   tooltip=lambda r: fmt.tr("El dinero que falta, está doble o está mal si "
                                            "nadie actúa")),
            Column(fmt.tr("Aparte"), lambda r: fmt.money(r.apart) if r.apart else fmt.EMPTY,
                   lambda r: money(r.apart) if r.apart else None, numeric=True,
                   tooltip=lambda r: fmt.tr("{label}: se cuenta, pero no está en juego").format(
                       label=_apart_name(r.entity, r.kind)) if r.apart else None),
        ), self.tr("Diferencias por tipo y sede"), self, object_name="summaryTable", stretch=1)
        self.table.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.set_content(vsplit(self, charts_row, self.table.view, (320, 360)))

    def tables(self) -> list[Table[Any]]:
        return [self.table]

    def set_insights(self, insights: Insights) -> None:
        rows = insights.mismatches
        self.show_unavailable(None)
        count = sum(r.count for r in rows)
        stake = sum((r.at_stake for r in rows), Decimal(0))
        apart = sum((r.apart for r in rows), Decimal(0))
        branches = {r.branch for r in rows if r.branch != NO_BRANCH}
        figures = self.tr("{n} diferencias · {stake} en juego").format(
            n=fmt.count(count), stake=fmt.money(stake))
        if apart:
            figures += " · " + self.tr("{apart} aparte (fecha o cliente distinto, no en juego)"
                                       ).format(apart=fmt.money(apart))
        self.summary.setText(self.tr("{figures} · {b} sedes · {runs}").format(
            figures=figures, b=fmt.count(len(branches)), runs=self._runs_text(insights)))
        from app.reports import charts  # matplotlib: with the first chart
        self.chart.show_chart(charts.mismatch_chart, rows)
        if insights.trend:
            from app.reports import charts  # matplotlib: with the first chart
            self.trend_chart.show_chart(charts.trend_chart, insights.trend)
            self.trend_stack.setCurrentWidget(self.trend_chart)
        else:
            self.trend_chart.clear()
            self.trend_stack.setCurrentWidget(self.no_trend)
        self.table.set_rows(rows)

    def _runs_text(self, insights: Insights) -> str:
        n = len({p.run_id for p in insights.trend})
        if not n:
            return self.tr("sin conciliaciones guardadas")
        return (self.tr("{n} conciliación guardada") if n == 1
                else self.tr("{n} conciliaciones guardadas")).format(n=fmt.count(n))
