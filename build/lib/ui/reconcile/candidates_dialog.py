"""«Conciliar a mano…»: a record without a counterpart joined by hand with the other system's.

The finding (or the findings selected together, all of one system) on top; under it the other
system's records that have no counterpart either, ranked by ``app.findings.candidates`` with
the reasons for each rank (score, record, reference or invoice, amount, date, customer, the
difference with this record). The ranking runs off the GUI thread behind a busy bar. Picking
one or several (1:1, 1:n; several findings selected in the table and one picked here make
n:1) shows the totals and their difference as the selection changes; a difference other than
zero needs a reason, and the combo lists only the reasons whose limit covers it
(``app.findings.writeoff``). A comment is always required. «Conciliar» says why it waits until
the match is valid, then ``app.findings.matching.match`` runs off the GUI thread too; the
engine's refusal is shown in the dialog, in Spanish.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import FINDING_REASON_LABELS
from app.domain.schema import Entity, System
from app.findings import FindingError
from app.findings.candidates import Candidate, candidates
from app.findings.keys import matchable
from app.findings.matching import match
from app.findings.views import FindingView, findings
from app.findings.writeoff import DEFAULT
from app.progress import CancelToken, Progress, Task
from app.reconcile.customers import display_name
from app.writeback.workspace import Store
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner
from ui.reconcile.life_dialogs import comment_edit, labelled_form

#: How many candidates the dialog ranks and shows.
LIMIT = 25


class Refusal(str):
    """The engine's Spanish sentence when it refused (a task's result)."""


@dataclass(frozen=True, slots=True)
class Matched:
    """A match made: its findings, read again."""

    views: list[FindingView]


def side_of(view: FindingView) -> System | None:
    return matchable(view.entity, view.kind)


def amount_of(view: FindingView) -> Decimal | None:
    """The lone record's amount (payments), as the engine totals it."""
    side = side_of(view)
    if view.entity is not Entity.PAYMENTS or side is None:
        return None
    value = view.data.get("crm_amount" if side is System.CRM else "erp_amount")
    return value if isinstance(value, Decimal) else None


def record_cells(view: FindingView) -> tuple[str, str, str, str, str]:
    """(record, reference or invoice, amount, date, customer) as the table reads them."""
    record: Mapping[str, Any] = view.record or {}
    ids = ", ".join((*view.crm_ids, *view.erp_ids))
    system = fmt.system_name(side_of(view))
    if view.entity is Entity.PAYMENTS:
        ref = " · ".join(str(v) for v in (record.get("receipt_number"),
                                          record.get("invoice_number")) if v)
        return (f"{system} {ids}", ref or fmt.EMPTY, fmt.money(record.get("amount")),
                fmt.value_text("paid_on", record.get("paid_on")),
                str(record.get("customer_doc") or fmt.EMPTY))
    if view.entity is Entity.CUSTOMERS:
        return (f"{system} {ids}", str(record.get("doc_number") or fmt.EMPTY), fmt.EMPTY,
                fmt.EMPTY, display_name(dict(record)) or fmt.EMPTY)
    model = " ".join(str(record.get(f)) for f in ("make", "model", "model_year")
                     if record.get(f))
    return (f"{system} {ids}", str(record.get("vin") or fmt.EMPTY),
            fmt.money(record.get("price")), model or fmt.EMPTY,
            str(record.get("customer_doc") or fmt.EMPTY))


def _rank(store: Store, workspace: str, finding_id: str) -> Task[Any]:
    yield Progress("candidates", 0, 0)
    try:
        return candidates(store, workspace, finding_id, limit=LIMIT)[1]
    except FindingError as exc:
        return Refusal(str(exc))


def _match(store: Store, actor: str, workspace: str, finding_id: str, others: list[str],
           comment: str, reason: str | None) -> Task[Any]:
    yield Progress("manual_match", 0, 0)
    try:
        made = match(store, actor, workspace, finding_id, others, comment, reason)
    except FindingError as exc:
        return Refusal(str(exc))
    return Matched(findings(store, workspace, ids=list(made.finding_ids)))


class CandidatesDialog(QDialog):
    """Pick the other system's records for the selected finding(s) and match them."""

    matched = Signal(object)  # list[FindingView]: the findings matched, read again

    def __init__(self, store: Store, workspace: str, actor: str,
                 chosen: Sequence[FindingView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidatesDialog")
        self.setWindowTitle(self.tr("Conciliar a mano"))
        self.resize(1000, 560)
        self._store, self._workspace, self._actor = store, workspace, actor
        self._chosen = list(chosen)
        self._candidates: list[Candidate] = []
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_result)
        self.runner.failed.connect(self._say)
        self._build()
        self._start_ranking()

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        top = QLabel(self._chosen_text(), self)
        top.setObjectName("panelTitle")
        top.setWordWrap(True)
        top.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(self.tr("Buscando candidatos"))
        headers = [self.tr("Puntaje"), self.tr("Registro"), self.tr("Referencia / factura"),
                   self.tr("Valor"), self.tr("Fecha"), self.tr("Cliente"),
                   self.tr("Diferencia"), self.tr("Por qué")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("candidatesTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName(self.tr("Candidatos del otro sistema"))
        self.table.itemSelectionChanged.connect(self._update)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLabel")
        self.totals_label.setWordWrap(True)
        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("matchReasonCombo")
        self.reason_combo.setAccessibleName(self.tr("Motivo de la diferencia"))
        self.reason_combo.currentIndexChanged.connect(lambda _i: self._validate())
        self.comment_edit = comment_edit(
            self, "matchComment", self.tr("Por qué son el mismo (obligatorio)"), 60)
        self.comment_edit.textChanged.connect(self._validate)
        form = labelled_form(self, [(self.tr("&Motivo de la diferencia:"), self.reason_combo),
                                    (self.tr("C&omentario:"), self.comment_edit)])
        self.why_label = QLabel(self)
        self.why_label.setObjectName("matchWhy")
        self.why_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.match_button: QPushButton = self.buttons.addButton(
            self.tr("Co&nciliar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.busy)
        heading = QLabel(self.tr("Candidatos del otro &sistema (los más parecidos primero; "
                                 "elija uno o varios):"), self)
        heading.setBuddy(self.table)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addLayout(form)
        layout.addWidget(self.why_label)
        layout.addWidget(self.buttons)
        self._update()

    def _chosen_text(self) -> str:
        lines = []
        for view in self._chosen:
            record, ref, amount, day, customer = record_cells(view)
            parts = [p for p in (fmt.kind_name(view.entity, view.kind), record, ref, amount,
                                 day, customer) if p and p != fmt.EMPTY]
            lines.append(" · ".join(parts))
        return "\n".join(lines)

    # -- ranking ------------------------------------------------------------------------------

    def _start_ranking(self) -> None:
        store, workspace, first = self._store, self._workspace, self._chosen[0].id
        self.busy.setVisible(True)
        self.why_label.setText(self.tr("Buscando candidatos…"))

        def factory(_cancel: CancelToken) -> Task[Any]:
            return _rank(store, workspace, first)

        self.runner.start(factory)

    def _on_result(self, result: Any) -> None:
        self.busy.setVisible(False)
        if isinstance(result, Refusal):
            self._say(str(result))
            self._validate()
            return
        if isinstance(result, Matched):
            self.matched.emit(result.views)
            self.accept()
            return
        self._fill(result)

    def _fill(self, found: list[Candidate]) -> None:
        mine = {v.id for v in self._chosen}
        self._candidates = [c for c in found if c.finding.id not in mine]
        self.table.setRowCount(len(self._candidates))
        for row, candidate in enumerate(self._candidates):
            record, ref, amount, day, customer = record_cells(candidate.finding)
            difference = (fmt.money(candidate.difference) if candidate.difference is not None
                          else fmt.EMPTY)
            cells = (str(candidate.score), record, ref, amount, day, customer, difference,
                     candidate.why())
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (0, 3, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self._candidates:
            self.table.setCurrentCell(0, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.setFocus()
        self._update()

    # -- the selection → totals, reasons, button ------------------------------------------------

    def picked(self) -> list[FindingView]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._candidates[r].finding for r in rows if r < len(self._candidates)]

    def totals(self) -> tuple[Decimal, Decimal] | None:
        """(CRM total, ERP total) of the chosen findings and the picked candidates (payments
        only; None otherwise or when an amount is unknown)."""
        views = [*self._chosen, *self.picked()]
        if self._chosen[0].entity is not Entity.PAYMENTS:
            return None
        totals = {System.CRM: Decimal(0), System.ERP: Decimal(0)}
        for view in views:
            amount, side = amount_of(view), side_of(view)
            if amount is None or side is None:
                return None
            totals[side] += amount
        return totals[System.CRM], totals[System.ERP]

    def difference(self) -> Decimal | None:
        totals = self.totals()
        return None if totals is None else totals[0] - totals[1]

    def _update(self) -> None:
        """The totals and the reasons that fit, as the selection changes."""
        totals, picked = self.totals(), self.picked()
        current = self.reason_combo.currentData()
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        if totals is None or not picked:
            self.totals_label.setText(
                "" if picked or self._chosen[0].entity is not Entity.PAYMENTS else
                self.tr("Elija en la tabla los registros que son el mismo dinero."))
        else:
            crm, erp = totals
            difference = crm - erp
            self.totals_label.setText(self.tr(
                "CRM {crm} − ERP {erp} = diferencia {difference}").format(
                crm=fmt.money(crm), erp=fmt.money(erp), difference=fmt.money(difference)))
            for reason in DEFAULT.reasons_for(difference, max(abs(crm), abs(erp))):
                self.reason_combo.addItem(fmt.tr_label(FINDING_REASON_LABELS[reason.value]),
                                          reason.value)
        self.reason_combo.setCurrentIndex(max(self.reason_combo.findData(current), 0))
        self.reason_combo.blockSignals(False)
        self.reason_combo.setEnabled(self.reason_combo.count() > 0)
        self._validate()

    def blocker(self) -> str:
        """Why «Conciliar» waits ("" when the match can be made)."""
        if self.runner.running:
            return self.tr("Espere: trabajando…")
        picked = self.picked()
        if not picked:
            return self.tr("Elija al menos un candidato del otro sistema.")
        if len(self._chosen) > 1 and len(picked) > 1:
            return self.tr("Varios registros con varios no se concilian: con varios "
                           "seleccionados en la tabla, elija aquí uno solo.")
        if self._chosen[0].entity is not Entity.PAYMENTS and len(picked) > 1:
            return self.tr("Clientes y vehículos se concilian uno con uno.")
        difference = self.difference()
        if difference and not self.reason_combo.count():
            return self.tr("La diferencia es mayor de lo que explica un redondeo, una comisión "
                           "bancaria o una retención: no son el mismo dinero.")
        if not self.comment():
            return self.tr("Escriba un comentario: por qué son el mismo.")
        return ""

    def _validate(self) -> None:
        why = self.blocker()
        self.match_button.setEnabled(not why)
        self.match_button.setToolTip(why)
        self.why_label.setText(why)

    def _say(self, message: str) -> None:
        self.busy.setVisible(False)
        self.why_label.setText(message)

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def reason(self) -> str | None:
        data = self.reason_combo.currentData() if self.reason_combo.isEnabled() else None
        return str(data) if data else None

    # -- matching -------------------------------------------------------------------------------

    def submit(self) -> None:
        """Match the chosen findings with the picked candidates, off the GUI thread."""
        if self.blocker():
            self._validate()
            return
        picked = self.picked()
        if len(self._chosen) > 1:  # n:1 — the one picked holds the several chosen
            finding, others = picked[0].id, [v.id for v in self._chosen]
        else:
            finding, others = self._chosen[0].id, [v.id for v in picked]
        store, actor, workspace = self._store, self._actor, self._workspace
        comment, reason = self.comment(), self.reason()

        def factory(_cancel: CancelToken) -> Task[Any]:
            return _match(store, actor, workspace, finding, others, comment, reason)

        self.busy.setVisible(True)
        self.runner.start(factory)
        self._validate()

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)
