"""«Seguimientos», a view of the «Tablero» tab: the post-sale follow-ups due in the next days,
and «Crear seguimientos» (the tab proposes them: ``createRequested``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.domain.labels import FOLLOWUP_LABELS
from app.insights.model import DEFAULT_WINDOW_DAYS, FollowupDue, Insights
from ui.common import formatting as fmt
from ui.common.chart import ChartWidget
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.table_export import filters_text
from ui.dashboard.insight_table import Column, Table, date_text, make_table
from ui.dashboard.insight_view import InsightView, days_spin, line_label, vsplit


def followup_kind_name(kind: str) -> str:
    return fmt.tr_label(FOLLOWUP_LABELS.get(kind, kind))


def _contact_text(d: FollowupDue) -> str:
    return fmt.tr("Permitido") if d.contact_allowed else (
        d.blocked_reason or fmt.tr("No permitido (Ley 1581)"))


class FollowupsView(InsightView):
    """Follow-ups due in the next N days, and «Crear seguimientos»."""

    name = QT_TRANSLATE_NOOP("ui", "Seguimientos")  # fmt.tr(name) when shown
    createRequested = Signal(object)  # the FollowupDue list to propose
    selectionChanged = Signal()  # the rows «Crear seguimientos» would propose changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_spin = days_spin(self, DEFAULT_WINDOW_DAYS, 365,
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
        self.outcome = line_label(self, object_name="panelExplanation")
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
        self.set_content(vsplit(self, self.chart, self.table.view, (280, 400)))

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
        from app.reports import charts  # matplotlib: with the first chart
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
