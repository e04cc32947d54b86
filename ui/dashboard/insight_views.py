"""The five views of the «Tablero» tab, each a chart over a table: Resumen, Seguimientos,
Embudo por origen, Inventario and Renovación.

They show an :class:`~app.insights.model.Insights` (computed by ``app.insights`` off the GUI
thread, :mod:`ui.dashboard.dashboard_tab`); the charts are ``app/reports/charts.py``'s, the same
the manager's PDF carries. A view whose data the sources do not have says why instead
(``unavailable``). The controls that change what is computed — the follow-ups' window, the
funnel's grouping, the slow-mover threshold — emit ``paramsChanged``; the tab recomputes.
Each view describes its tables for «Exportar a Excel…» (``export_info``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import FOLLOWUP_LABELS
from app.domain.schema import Entity
from app.insights.model import (
    DEFAULT_SLOW_DAYS,
    DEFAULT_WINDOW_DAYS,
    NO_BRANCH,
    FollowupDue,
    FunnelResult,
    FunnelRow,
    Insights,
    KindBranchRow,
    ModelStock,
    RenewalCandidate,
    StockItem,
)
from app.reports import charts
from app.reports.xlsx import PERCENT_FORMAT
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.table_export import ExportInfo, filters_text
from ui.dashboard.insight_table import (
    Column,
    Table,
    date_text,
    days_text,
    make_table,
    month_long,
    month_text,
    number_text,
    percent_text,
)
from ui.reconcile.findings_model import fast_fold

#: The funnel's groupings, as the combo offers them.
GROUPINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Origen", ("source",)),
    ("Origen y sede", ("source", "branch")),
    ("Origen y mes", ("source", "month")),
)
#: How many models the «Quedan …» line names.
TOP_MODELS = 4
#: Average days in stock (a Decimal, which the workbook would otherwise write as pesos).
DAYS_FORMAT = "#,##0.0"


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


def followup_kind_name(kind: str) -> str:
    return fmt.tr_label(FOLLOWUP_LABELS.get(kind, kind))


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("panelTitle")
    return label


def _line(parent: QWidget, *, object_name: str = "panelSubtitle") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _spin(parent: QWidget, value: int, maximum: int, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(1, maximum)
    spin.setValue(value)
    spin.setSuffix(fmt.tr(" días"))
    spin.setAccessibleName(name)
    spin.setKeyboardTracking(True)
    spin.setMinimumWidth(96)
    return spin


def _vsplit(parent: QWidget, top: QWidget, bottom: QWidget, sizes: Sequence[int]) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


class InsightView(QWidget):
    """What the five views share: a header (controls, a summary line), a stack that shows
    either the content or why the view cannot be computed, and ``export_info``."""

    paramsChanged = Signal()  # a control that changes what is computed moved

    #: The view's name, as its tab and the exported file's title say it.
    name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _line(self)
        self.summary.setObjectName("insightSummary")
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls.setSpacing(8)
        self.unavailable = QLabel(self)
        self.unavailable.setObjectName("placeholder")
        self.unavailable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.unavailable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)

    def set_content(self, widget: QWidget) -> None:
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)

    def show_unavailable(self, why: str | None) -> bool:
        """Show ``why`` instead of the content (True), or the content when ``why`` is None."""
        if why:
            self.unavailable.setText(why)
            self.stack.setCurrentWidget(self.unavailable)
            return True
        self.stack.setCurrentIndex(1)
        return False

    def filters(self) -> tuple[str, ...]:
        return ()

    def table_title(self, view: QTableView) -> str:
        return self.name

    def export_info(self, view: QTableView) -> ExportInfo:
        return ExportInfo(fmt.tr("Tablero — {view}").format(view=self.table_title(view)),
                          self.filters())

    def tables(self) -> list[Table[Any]]:
        return []

    def set_insights(self, insights: Insights) -> None:
        raise NotImplementedError


# -- Resumen ----------------------------------------------------------------------------------


class SummaryView(InsightView):
    """Differences and pesos at stake per kind and branch, and their trend across runs."""

    name = fmt.tr("Resumen")

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
                   else fmt.EMPTY, lambda r: money(r.at_stake), numeric=True),
        ), self.tr("Diferencias por tipo y sede"), self, object_name="summaryTable", stretch=1)
        self.table.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.set_content(_vsplit(self, charts_row, self.table.view, (320, 360)))

    def tables(self) -> list[Table[Any]]:
        return [self.table]

    def set_insights(self, insights: Insights) -> None:
        rows = insights.mismatches
        self.show_unavailable(None)
        count = sum(r.count for r in rows)
        stake = sum((r.at_stake for r in rows), Decimal(0))
        branches = {r.branch for r in rows if r.branch != NO_BRANCH}
        self.summary.setText(self.tr(
            "{n} diferencias · {stake} en juego · {b} sedes · {runs}").format(
            n=fmt.count(count), stake=fmt.money(stake), b=fmt.count(len(branches)),
            runs=self._runs_text(insights)))
        self.chart.show_chart(charts.mismatch_chart, rows)
        if insights.trend:
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


# -- Seguimientos -----------------------------------------------------------------------------


def _contact_text(d: FollowupDue) -> str:
    return fmt.tr("Permitido") if d.contact_allowed else (
        d.blocked_reason or fmt.tr("No permitido (Ley 1581)"))


class FollowupsView(InsightView):
    """Follow-ups due in the next N days, and «Crear seguimientos»."""

    name = fmt.tr("Seguimientos")
    createRequested = Signal(object)  # the FollowupDue list to propose
    selectionChanged = Signal()  # the rows «Crear seguimientos» would propose changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_spin = _spin(self, DEFAULT_WINDOW_DAYS, 365,
                                 self.tr("Ventana de seguimientos, en días"))
        self.window_spin.setToolTip(self.tr(
            "Los seguimientos que vencen entre hoy y estos días (aniversario de entrega, primer "
            "servicio, SOAT, seguro)"))
        self.window_spin.valueChanged.connect(lambda _v: self.paramsChanged.emit())
        window_label = QLabel(self.tr("Pró&ximos:"), self)
        window_label.setBuddy(self.window_spin)
        self.create_button = QPushButton(self.tr("&Crear seguimientos"), self)
        self.create_button.setObjectName("primaryButton")
        self.create_button.clicked.connect(self.request_create)
        self.controls.addWidget(window_label)
        self.controls.addWidget(self.window_spin)
        self.controls.addStretch(1)
        self.controls.addWidget(self.create_button)
        self.outcome = _line(self, object_name="panelExplanation")
        self.outcome.hide()
        self.layout().insertWidget(2, self.outcome)  # type: ignore[union-attr]

        self.chart = ChartWidget(self.tr("Seguimientos por semana y tipo"), self)
        self.table: Table[FollowupDue] = make_table((
            Column(fmt.tr("Fecha"), lambda d: date_text(d.due_on), lambda d: d.due_on),
            Column(fmt.tr("Tipo"), lambda d: followup_kind_name(d.kind)),
            Column(fmt.tr("Cliente"), lambda d: d.customer_name or fmt.EMPTY,
                   tooltip=lambda d: f"{d.customer_name} · {d.customer_doc}"),
            Column(fmt.field_name("vin"), lambda d: d.vin),
            Column(fmt.tr("Modelo"), lambda d: d.model or fmt.EMPTY),
            Column(fmt.field_name("branch"), lambda d: d.branch),
            Column(fmt.tr("Contacto"), _contact_text,
                   tooltip=lambda d: None if d.contact_allowed else fmt.tr(
                       "No se propondrá: {why}").format(why=_contact_text(d))),
            Column(fmt.tr("Motivo"), lambda d: d.basis),
        ), self.tr("Seguimientos por hacer"), self, object_name="followupsTable",
            muted=lambda d: not d.contact_allowed, multi_select=True)
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit())
        self.set_content(_vsplit(self, self.chart, self.table.view, (280, 400)))

    def window_days(self) -> int:
        return self.window_spin.value()

    def tables(self) -> list[Table[Any]]:
        return [self.table]

    def filters(self) -> tuple[str, ...]:
        return filters_text([(self.tr("Próximos"), self.window_spin.text())])

    def set_insights(self, insights: Insights) -> None:
        result = insights.followups
        if self.show_unavailable(result.unavailable):
            self.summary.setText("")
            self.table.set_rows([])
            return
        due = result.due
        blocked = sum(1 for d in due if not d.contact_allowed)
        parts = [(self.tr("{n} seguimiento vence en los próximos {d} días") if len(due) == 1
                  else self.tr("{n} seguimientos vencen en los próximos {d} días")).format(
            n=fmt.count(len(due)), d=fmt.count(result.window_days))]
        if blocked:
            parts.append((self.tr("{n} sin permiso de contacto (en gris: no se proponen)")
                          ).format(n=fmt.count(blocked)))
        if result.covered:
            parts.append((self.tr("{n} ya tiene seguimiento en el CRM") if result.covered == 1
                          else self.tr("{n} ya tienen seguimiento en el CRM")).format(
                n=fmt.count(result.covered)))
        self.summary.setText(" · ".join(parts))
        self.chart.show_chart(charts.followups_chart, result)
        self.table.set_rows(due)

    def to_propose(self) -> list[FollowupDue]:
        """The selected rows, or every row shown when none is selected (contact allowed or
        not: the proposal skips, and says, the ones it may not propose)."""
        return self.table.selected() or self.table.shown()

    def request_create(self) -> None:
        self.createRequested.emit(self.to_propose())

    def show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))


# -- Embudo por origen ------------------------------------------------------------------------


class FunnelView(InsightView):
    """Leads → deals → ERP invoices → paid, per source (and branch or month)."""

    name = fmt.tr("Embudo por origen")

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
        self.not_counted = _line(self, object_name="panelExplanation")
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
        self.set_content(_vsplit(self, self.chart, self.table.view, (300, 380)))

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


# -- Inventario -------------------------------------------------------------------------------


def _vehicle(make: str, model: str) -> str:
    """"Toyota Hilux"; a model that already names its make ("MAZDA 2") is not prefixed."""
    if make and model and fast_fold(model).startswith(fast_fold(make)):
        return model
    return " ".join(p for p in (make, model) if p) or fmt.EMPTY


class StockView(InsightView):
    """Days in stock per VIN, slow movers, units available per model."""

    name = fmt.tr("Inventario")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slow_spin = _spin(self, DEFAULT_SLOW_DAYS, 3650,
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
        self.campaign = _line(self, object_name="panelExplanation")
        self.layout().insertWidget(2, self.campaign)  # type: ignore[union-attr]

        self.chart = ChartWidget(self.tr("Días en inventario por modelo"), self)
        self.models: Table[ModelStock] = make_table((
            Column(fmt.tr("Modelo"), lambda m: _vehicle(m.make, m.model)),
            Column(fmt.tr("Disponibles"), lambda m: fmt.count(m.available), lambda m: m.available,
                   numeric=True),
            Column(fmt.tr("Días prom."), lambda m: number_text(
                None if m.average_days is None else int(m.average_days.to_integral_value())),
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
            box_layout.addWidget(_title(title, box))
            box_layout.addWidget(table.view, 1)
            tables.addWidget(box)
        tables.setSizes([500, 860])
        self.set_content(_vsplit(self, self.chart, tables, (280, 400)))

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

    def _filter_slow(self, only: bool) -> None:
        self.items.proxy.set_predicate((lambda i: bool(i.slow)) if only else None)

    def set_insights(self, insights: Insights) -> None:
        health = insights.stock
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
        self.campaign.setText(campaign_line(health.by_model))
        self.campaign.setVisible(bool(health.by_model))
        self.chart.show_chart(charts.stock_chart, health)
        self.models.set_rows(health.by_model)
        self.items.set_rows(health.items)


def campaign_line(models: Sequence[ModelStock], top: int = TOP_MODELS) -> str:
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


# -- Renovación -------------------------------------------------------------------------------


def reasons_text(c: RenewalCandidate, separator: str = " · ") -> str:
    return separator.join(r.sentence for r in c.reasons)


class RenewalView(InsightView):
    """Customers most likely to renew this month, each with the reasons of the score."""

    name = fmt.tr("Renovación")

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

        self.detail_title = _title(self.tr("Por qué"), self)
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
        self.set_content(_vsplit(self, self.chart, bottom, (300, 380)))

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
