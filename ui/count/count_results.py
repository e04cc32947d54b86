"""The right half of the Conteo físico tab: what comparing a count with the ERP found.

A title naming the branch, a line with the numbers (units the ERP has on the lot, VINs counted,
confirmed), the summary per kind (the same panel as the entity tabs; choosing a kind filters
the table) and the findings table. Before any comparison, a short explanation of what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from app.reconcile.results import Mismatch
from ui.common import formatting as fmt
from ui.common.summary import SummaryPanel
from ui.common.table_export import ExportInfo, filters_text
from ui.common.tables import fit_columns, setup_findings_view
from ui.count.count_model import CountFindingsModel, CountFindingsProxy, finding_detail, vehicle_text

if TYPE_CHECKING:
    from app.count.compare import CountResult  # pandas: loaded by the count that made it


class CountResultsPanel(QWidget):
    """Summary and findings of one ``CountResult`` (or a hint when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: CountResult | None = None
        self.model = CountFindingsModel(self)
        self.proxy = CountFindingsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(self.tr("Resultado"), self)
        self.title.setObjectName("panelTitle")
        self.numbers = QLabel(self)
        self.numbers.setObjectName("panelSubtitle")
        self.numbers.setWordWrap(True)

        self.summary = SummaryPanel(Entity.VEHICLES, self)
        self.summary.kindSelected.connect(self.set_kind)
        self.view = QTableView(self)
        self.view.setObjectName("countFindingsView")
        self.view.setModel(self.proxy)
        setup_findings_view(self.view, self.tr("Diferencias del conteo"))

        # The selected finding in full: the table's columns are cut short at this width.
        self.detail = QLabel(self)
        self.detail.setObjectName("countFindingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.proxy.modelReset.connect(self._show_detail)
        self.proxy.layoutChanged.connect(self._show_detail)
        findings = QWidget(self)
        findings_layout = QVBoxLayout(findings)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        findings_layout.setSpacing(6)
        findings_layout.addWidget(self.view, 1)
        findings_layout.addWidget(self.detail)

        table = QSplitter(Qt.Orientation.Horizontal, self)
        table.setChildrenCollapsible(False)
        table.addWidget(self.summary)
        table.addWidget(findings)
        table.setStretchFactor(0, 0)
        table.setStretchFactor(1, 1)
        table.setSizes([290, 800])

        self.hint = QLabel(self)
        self.hint.setObjectName("placeholder")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setText(self.tr(
            "Escanee o escriba los VIN que hay en el patio, o importe el archivo del conteo,\n"
            "y pulse «Comparar con el ERP» para ver qué falta, qué sobra y qué está en otra sede."
        ))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.numbers)
        layout.addWidget(self.pages, 1)
        QWidget.setTabOrder(self.summary.list_widget(), self.view)

    @property
    def result(self) -> CountResult | None:
        return self._result

    def set_result(self, result: CountResult | None) -> None:
        self._result = result
        self.model.set_result(result)
        self.summary.set_summary(result.summary() if result is not None else [])
        self.set_kind(None)
        self.pages.setCurrentIndex(0 if result is None else 1)
        if result is not None:
            fit_columns(self.view, max(160, self.fontMetrics().averageCharWidth() * 30))
            if self.proxy.rowCount():
                self.view.selectRow(0)

    def set_kind(self, kind: str | None) -> None:
        """Show only findings of ``kind`` (None: all); the summary follows."""
        self.summary.select_kind(kind)
        self.proxy.set_kind(kind)
        if self.proxy.rowCount() and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self._show_detail()

    def detail_text(self) -> str:
        return self.detail.text()

    def export_info(self, view: QTableView) -> ExportInfo:
        """«Exportar a Excel…»: the count's branch and the kind the table is filtered by."""
        kind = self.proxy.kind()
        branch = self._result.branch if self._result is not None else ""
        return ExportInfo(self.tr("Conteo físico — {branch}").format(branch=branch).rstrip(" —"),
                          filters_text([(self.tr("Tipo"), fmt.kind_name(Entity.VEHICLES, kind)
                                         if kind else None)]))

    def _show_detail(self) -> None:
        m = self.current_finding()
        if m is None or self._result is None:
            self.detail.setText("")
            return
        record = self._result.record(m.erp_id)
        parts = [f"{fmt.kind_name(Entity.VEHICLES, m.kind)}: {m.key or fmt.EMPTY}",
                 finding_detail(m)]
        if record is not None:
            facts = [vehicle_text(record)]
            if record.get("status"):
                facts.append(fmt.status_name(str(record["status"])))
            if record.get("branch"):
                facts.append(str(record["branch"]))
            if record.get("price") is not None:
                facts.append(fmt.money(record["price"]))
            parts.append(self.tr("En el ERP (id {id}): {facts}").format(
                id=m.erp_id, facts=" · ".join(facts)))
        self.detail.setText("\n".join(parts))

    def current_finding(self) -> Mismatch | None:
        return self.proxy.finding(self.view.currentIndex())

    def set_numbers(self, branch: str | None, stale: bool) -> None:
        """The title and the line of numbers, for ``branch`` when nothing was compared yet."""
        r = self._result
        if r is None:
            self.title.setText(self.tr("Resultado"))
            self.numbers.setText(
                self.tr("Todavía no se ha comparado el conteo de {branch}.").format(branch=branch)
                if branch else ""
            )
            return
        self.title.setText(self.tr("Resultado: {branch}").format(branch=r.branch))
        parts = [
            (self.tr("{n} vehículo en el patio según el ERP") if r.expected == 1
             else self.tr("{n} vehículos en el patio según el ERP")).format(n=fmt.count(r.expected)),
            (self.tr("{n} VIN contado") if r.counted == 1
             else self.tr("{n} VIN contados")).format(n=fmt.count(r.counted)),
            (self.tr("{n} confirmado") if r.confirmed == 1
             else self.tr("{n} confirmados")).format(n=fmt.count(r.confirmed)),
        ]
        if r.other_branch_rows:
            parts.append(
                (self.tr("{n} fila de otra sede no se tuvo en cuenta") if r.other_branch_rows == 1
                 else self.tr("{n} filas de otras sedes no se tuvieron en cuenta"))
                .format(n=fmt.count(r.other_branch_rows))
            )
        text = " · ".join(parts)
        if stale:
            text += "\n" + self.tr("La lista cambió después de comparar: vuelva a comparar.")
        self.numbers.setText(text)
