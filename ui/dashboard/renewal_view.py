"""«Renovación», a view of the «Tablero» tab: the customers most likely to renew this month,
each with the reasons of the score."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.insights.model import Insights, RenewalCandidate
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.dashboard.insight_table import Column, Table, make_table, month_long
from ui.dashboard.insight_view import InsightView, title_label, vsplit


def reasons_text(c: RenewalCandidate, separator: str = " · ") -> str:
    return separator.join(r.sentence for r in c.reasons)


class RenewalView(InsightView):
    """Customers most likely to renew this month, each with the reasons of the score."""

    name = QT_TRANSLATE_NOOP("ui", "Renovación")  # fmt.tr(name) when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ChartWidget(self.tr("Clientes con más probabilidad de renovar"), self)
        self.table: Table[RenewalCandidate] = make_table((
            Column(fmt.tr("Puntaje"), lambda c: fmt.count(c.score), lambda c: c.score,
                   numeric=True),
            Column(fmt.tr("Cliente"), lambda c: c.customer_name or fmt.EMPTY),
            Column(fmt.tr("Documento"), lambda c: c.customer_doc),
            Column(fmt.tr("Vehículo"), lambda c: c.model or fmt.EMPTY),
            Column(fmt.field_name("vin"), lambda c: c.vin),
            Column(fmt.field_name("branch"), lambda c: c.branch),
            Column(fmt.field_name("phone"), lambda c: c.phone or fmt.EMPTY),
            Column(fmt.tr("Razones"), lambda c: reasons_text(c),
                   tooltip=lambda c: reasons_text(c, "\n")),
        ), self.tr("Candidatos a renovar"), self, object_name="renewalTable")
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.view.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_reasons())
        self.table.proxy.modelReset.connect(self._show_reasons)

        self.detail_title = title_label(self.tr("Por qué"), self)
        self.detail = QLabel(self)
        self.detail.setObjectName("renewalReasons")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QWidget(self)
        detail.setObjectName("renewalDetail")
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.table.view)
        bottom.addWidget(detail)
        bottom.setSizes([950, 420])
        self.set_content(vsplit(self, self.chart, bottom, (300, 380)))

    def tables(self) -> list[Table[Any]]:
        return [self.table]

    def set_insights(self, insights: Insights) -> None:
        result = insights.renewal
        if self.show_unavailable(result.unavailable):
            self.summary.setText("")
            self.table.set_rows([])
            return
        n = len(result.candidates)
        self.summary.setText(self.tr(
            "{n} clientes con más probabilidad de renovar en {month}. El puntaje (0 a 100) es la "
            "suma de las razones de cada uno: edad del vehículo, visitas al taller, último "
            "contacto y fin del crédito.").format(n=fmt.count(n), month=month_long(result.month)))
        from app.reports import charts  # matplotlib: with the first chart
        self.chart.show_chart(charts.renewal_chart, result)
        self.table.set_rows(result.candidates)
        if n:
            self.table.view.selectRow(0)
        self._show_reasons()

    def current(self) -> RenewalCandidate | None:
        item = self.table.proxy.item(self.table.view.currentIndex())
        return item if isinstance(item, RenewalCandidate) else None

    def _show_reasons(self) -> None:
        c = self.current()
        if c is None:
            self.detail_title.setText(self.tr("Por qué"))
            self.detail.setText(self.tr("Seleccione un cliente para ver las razones de su "
                                        "puntaje."))
            return
        self.detail_title.setText(self.tr("{name}: {score} puntos").format(
            name=c.customer_name or c.customer_doc, score=fmt.count(c.score)))
        lines = [f"{c.model or fmt.EMPTY} · {c.vin} · {c.branch}", ""]
        lines += [f"• {r.sentence}" for r in c.reasons]
        self.detail.setText("\n".join(lines))
