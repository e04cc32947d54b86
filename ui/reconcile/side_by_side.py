"""The side-by-side panel: the records behind one finding, field by field.

For a finding between the two systems it shows Campo | CRM | ERP over the canonical columns of
``EntityResult.record(...)`` and highlights the rows whose values differ (background and bold;
text compared stripped and casefolded, amounts as numbers). A duplicate group shows one column
per record of that system; a one-sided finding says which system has no such record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import COLUMNS, Entity, System
from app.reconcile.results import EntityResult, Mismatch
from ui.common import formatting as fmt
from ui.reconcile.finding_rows import ABSENT_KINDS

#: Ids differ between systems by nature and sync stamps always do: never highlighted.
_NOT_COMPARED = frozenset({"source_id", "updated_at"})

#: A name shown for a code differs only when the code does ("Bogota" and "Bogotá D.C." are
#: both 11001).
_FOLLOWS_CODE = {"city_name": "city_code"}


#: At most this many records of a duplicate group side by side (the caption gives the rest).
MAX_GROUP_COLUMNS = 6

DIFF_BACKGROUND = QColor("#fdecc8")
DIFF_FOREGROUND = QColor("#4a3000")
ABSENT_FOREGROUND = QColor("#6b6f76")


@dataclass(frozen=True, slots=True)
class _Side:
    """One column of the comparison: a system's record, or a note that there is none."""

    header: str
    record: dict[str, Any] | None
    note: str = ""  # shown instead of the record when there is none


class SideBySidePanel(QWidget):
    """Shows the records behind the current finding; empty until one is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideBySide")
        self._highlighted: set[str] = set()
        self._fields: list[str] = []

        self._caption = QLabel(self)
        self._caption.setObjectName("panelTitle")
        self._caption.setWordWrap(True)
        self._caption.setTextFormat(Qt.TextFormat.PlainText)
        self._subcaption = QLabel(self)
        self._subcaption.setObjectName("panelSubtitle")
        self._subcaption.setWordWrap(True)
        self._subcaption.setTextFormat(Qt.TextFormat.PlainText)
        self._subcaption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Why the two records were linked (or suggested): the matcher's own sentence.
        self._why = QLabel(self)
        self._why.setObjectName("panelExplanation")
        self._why.setWordWrap(True)
        self._why.setTextFormat(Qt.TextFormat.PlainText)
        self._why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._table = QTableWidget(0, 3, self)
        self._table.setObjectName("sideBySideTable")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setWordWrap(True)
        # A VIN, an e-mail or a CUFE has nowhere to wrap: cut its middle, never its end (the
        # cell's tooltip has the whole value).
        self._table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._table.verticalHeader().setVisible(False)
        self._table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self._table.horizontalHeader().setHighlightSections(False)
        self._table.setAccessibleName(self.tr("Registros lado a lado"))

        self._placeholder = QLabel(
            self.tr("Seleccione una diferencia de la tabla para ver sus registros lado a lado."),
            self,
        )
        self._placeholder.setObjectName("placeholder")
        self._placeholder.setWordWrap(True)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self._table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._caption)
        layout.addWidget(self._subcaption)
        layout.addWidget(self._why)
        layout.addWidget(self._stack, 1)
        self.clear()

    # -- showing a finding ------------------------------------------------------------------

    def clear(self) -> None:
        self._caption.setText(self.tr("Detalle"))
        self._subcaption.setText("")
        self._subcaption.hide()
        self._why.setText("")
        self._why.hide()
        self._table.clear()
        self._table.setRowCount(0)
        self._highlighted = set()
        self._fields = []
        self._stack.setCurrentWidget(self._placeholder)

    def show_finding(self, result: EntityResult | None, finding: Mismatch | None) -> None:
        """Show the records behind ``finding`` (looked up in ``result``)."""
        if result is None or finding is None:
            self.clear()
            return
        entity = result.entity
        self._caption.setText(fmt.kind_name(entity, finding.kind))
        sub = self._subcaption_text(entity, finding)
        self._subcaption.setText(sub)
        self._subcaption.setVisible(bool(sub))
        why = self._explanation_text(result, finding)
        self._why.setText(why)
        self._why.setVisible(bool(why))

        sides = self._sides(result, finding)
        fields = list(COLUMNS.get(entity, ()))
        if all(s.record is None for s in sides) and finding.field:
            # No canonical records at hand: show what the finding itself carries.
            fields = [finding.field]
            sides = [
                _Side(sides[0].header, {finding.field: self._finding_value(finding, System.CRM)}),
                _Side(sides[-1].header, {finding.field: self._finding_value(finding, System.ERP)}),
            ]
        self._fill(fields, sides, finding.field)
        self._stack.setCurrentWidget(self._table)

    def _subcaption_text(self, entity: Entity, m: Mismatch) -> str:
        key_label = fmt.field_name(
            {Entity.PAYMENTS: "receipt_number", Entity.VEHICLES: "vin"}.get(entity, "doc_number")
        )
        parts = []
        if m.ids:  # a duplicate group, by key or by name, phone…
            template = (
                self.tr("{n} registros del {system} comparten {label} {key}")
                if m.kind == "duplicate_key"
                else self.tr("{n} registros del {system} parecen la misma persona")
            )
            parts.append(template.format(
                n=fmt.count(len(m.ids)), system=fmt.system_name(self._group_system(m)),
                label=key_label, key=m.key or fmt.EMPTY,
            ))
            if len(m.ids) > MAX_GROUP_COLUMNS:
                parts.append(
                    self.tr("Se muestran {shown} de {n}.").format(
                        shown=MAX_GROUP_COLUMNS, n=fmt.count(len(m.ids))
                    )
                )
        elif m.key:
            parts.append(f"{key_label}: {m.key}")
        if m.detail:
            parts.append(fmt.detail_name(m.detail, m.kind))
        if m.at_stake:
            parts.append(self.tr("En juego: {money}").format(money=fmt.money(m.at_stake)))
        return " · ".join(parts)

    def _explanation_text(self, result: EntityResult, m: Mismatch) -> str:
        """How the records were linked and why, e.g. "Vínculo automático (99 %): mismo …"."""
        link = result.link_between(m.crm_id, m.erp_id)
        sentence = m.explanation or (link.explanation if link is not None else None)
        score = m.score if m.score is not None else (link.score if link is not None else None)
        if not sentence:
            return ""
        if m.kind == "duplicate_key":
            head = self.tr("Duplicado")
        elif m.kind == "possible_duplicate":
            head = self.tr("Duplicado probable")
        elif m.kind == "possible_match" or (link and link.band == "review"):
            head = self.tr("Coincidencia sugerida, a revisar")
        elif link is not None and link.method != "fuzzy":
            # Key methods are named after the canonical column they matched on.
            head = self.tr("Vinculados por {key}").format(key=fmt.field_name(link.method))
        else:
            head = self.tr("Vínculo automático")
        if score is not None and score < 1:
            head += f" ({f'{score * 100:.1f}'.replace('.', ',')} %)"  # es-CO decimal comma
        return f"{head}: {sentence}"

    def explanation_text(self) -> str:
        return self._why.text()

    @staticmethod
    def _group_system(m: Mismatch) -> System:
        if m.system is not None:
            return System(m.system)
        return System.CRM if m.crm_id is not None else System.ERP

    def _sides(self, result: EntityResult, m: Mismatch) -> list[_Side]:
        if m.ids:  # a duplicate group, by key or by name, phone…
            system = self._group_system(m)
            return [
                self._side(result, system, source_id, f"{fmt.system_name(system)} · {source_id}")
                for source_id in m.ids[:MAX_GROUP_COLUMNS]
            ]
        sides = []
        for system, source_id in ((System.CRM, m.crm_id), (System.ERP, m.erp_id)):
            name = fmt.system_name(system)
            if source_id is None:
                note = (
                    self.tr("No existe en el {system}") if m.kind in ABSENT_KINDS
                    else self.tr("Sin registro enlazado en el {system}")
                ).format(system=name)
                sides.append(_Side(name, None, note))
            else:
                sides.append(self._side(result, system, source_id, f"{name} · {source_id}"))
        return sides

    def _side(self, result: EntityResult, system: System, source_id: str, header: str) -> _Side:
        record = result.record(system, source_id)
        note = "" if record is not None else self.tr("No se encontró el registro {id}").format(
            id=source_id
        )
        return _Side(header, record, note)

    @staticmethod
    def _finding_value(m: Mismatch, system: System) -> Any:
        if system is System.CRM:
            return m.crm_value if m.crm_value is not None else m.crm_amount
        return m.erp_value if m.erp_value is not None else m.erp_amount

    def _fill(self, fields: list[str], sides: list[_Side], finding_field: str | None) -> None:
        table = self._table
        table.clear()
        table.clearSpans()
        table.setColumnCount(1 + len(sides))
        table.setRowCount(len(fields))
        table.setHorizontalHeaderLabels([self.tr("Campo")] + [s.header for s in sides])
        bold = QFont(table.font())
        bold.setBold(True)
        present = [s.record for s in sides if s.record is not None]

        self._fields = fields
        self._highlighted = set()
        for r, name in enumerate(fields):
            values = [s.record.get(name) if s.record is not None else None for s in sides]
            # A value only one system keeps (the ERP's CUFE, say) is not a disagreement.
            compared = _FOLLOWS_CODE.get(name, name)
            codes = {self._comparable(compared, record.get(compared)) for record in present}
            if compared != name and None in codes:
                compared = name  # a code is missing: compare the names as written
            distinct = {self._comparable(compared, record.get(compared)) for record in present}
            distinct.discard(None)
            differs = name not in _NOT_COMPARED and (
                len(distinct) > 1
                # The finding's own field counts even if it reads alike once normalized.
                or (name == finding_field and len(sides) > 1)
            )
            label = QTableWidgetItem(fmt.field_name(name))
            label.setData(Qt.ItemDataRole.UserRole, name)
            cells = [label]
            for side, value in zip(sides, values, strict=True):
                text = fmt.value_text(name, value) if side.record is not None else ""
                cell = QTableWidgetItem(text)
                if text and text != fmt.EMPTY:
                    cell.setToolTip(text)
                cells.append(cell)
            if differs:
                self._highlighted.add(name)
                label.setToolTip(self.tr("Los valores difieren"))
                for item in cells:
                    # Colours as data, not QBrush: PySide's first QBrush builds the gradient
                    # types, 25 ms on the GUI thread as the first finding shows.
                    item.setData(Qt.ItemDataRole.BackgroundRole, DIFF_BACKGROUND)
                    item.setData(Qt.ItemDataRole.ForegroundRole, DIFF_FOREGROUND)
                    item.setFont(bold)
            for c, item in enumerate(cells):
                table.setItem(r, c, item)

        for c, side in enumerate(sides, start=1):
            if side.record is None and fields:
                note = QTableWidgetItem(side.note)
                note.setData(Qt.ItemDataRole.ForegroundRole, ABSENT_FOREGROUND)
                note.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                italic = QFont(table.font())
                italic.setItalic(True)
                note.setFont(italic)
                table.setItem(0, c, note)
                if len(fields) > 1:
                    table.setSpan(0, c, len(fields), 1)

        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for c, side in enumerate(sides, start=1):
            if side.record is None and len(present) > 0:
                # A note needs less room than a record: give the record the width.
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(c, 130)
            else:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()

    @staticmethod
    def _comparable(name: str, value: Any) -> Any:
        normalized = fmt.comparable(name, value)
        # Sets need hashable members; every normalized value is, but be safe with odd ones.
        try:
            hash(normalized)
        except TypeError:
            return repr(normalized)
        return normalized

    # -- what tests read --------------------------------------------------------------------

    def caption_text(self) -> str:
        return self._caption.text()

    def subcaption_text(self) -> str:
        return self._subcaption.text()

    def table(self) -> QTableWidget:
        return self._table

    def headers(self) -> list[str]:
        t = self._table
        items = [t.horizontalHeaderItem(c) for c in range(t.columnCount())]
        return [item.text() if item is not None else "" for item in items]

    def fields(self) -> list[str]:
        return list(self._fields)

    def cell_text(self, field: str, column: int) -> str:
        """Text shown for ``field`` in record column ``column`` (1 = first record)."""
        item = self._table.item(self._fields.index(field), column)
        return "" if item is None else item.text()

    def is_highlighted(self, field: str) -> bool:
        return field in self._highlighted

    def highlighted_fields(self) -> set[str]:
        return set(self._highlighted)
