"""The findings table's view (Enter walks down like a spreadsheet) and the customer a finding
names, for «Exportar datos del titular…» (Ley 1581)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.domain.schema import Entity, System
from app.domain.values import normalize_doc_number
from app.reconcile.results import EntityResult, Mismatch


class FindingsView(QTableView):
    """The findings table: read-only rows; Enter moves down, Shift+Enter up."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            up = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            action = (
                QAbstractItemView.CursorAction.MoveUp if up
                else QAbstractItemView.CursorAction.MoveDown
            )
            index = self.moveCursor(action, event.modifiers())
            if index.isValid():
                self.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            event.accept()
            return
        super().keyPressEvent(event)


def subject_doc(result: EntityResult | None, finding: Mismatch | None) -> str | None:
    """The document number of the customer behind ``finding`` (its key, or the document of
    one of its records), or None when it names no one."""
    if result is None or finding is None or result.entity is not Entity.CUSTOMERS:
        return None
    key = normalize_doc_number(finding.key) if finding.key else None
    if key:
        return key
    for system, source_id in ((System.CRM, finding.crm_id), (System.ERP, finding.erp_id),
                              *((finding.system or System.CRM, i) for i in finding.ids)):
        record = result.record(System(system), source_id) if source_id else None
        doc = normalize_doc_number(record.get("doc_number")) if record else None
        if doc:
            return doc
    return None


__all__ = ["FindingsView", "subject_doc"]
