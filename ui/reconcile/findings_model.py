"""The findings table: a Qt model over one entity's ``list[Mismatch]`` and its filter proxy.

Built for 100,000 rows. The model computes once, when findings arrive, one accent- and
case-folded search string per row, so the proxy's ``filterAcceptsRow`` is a list lookup and a
substring test. Sorting does not go through ``QSortFilterProxyModel``'s comparisons (a Python
``lessThan`` per comparison is far too slow at this size): the proxy hands ``sort()`` to the
model, which sorts its Python list with a key and announces a layout change, moving the
persistent indexes (selection, current row) along. The money column sorts as a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.domain.schema import Entity
from app.progress import Progress, Task
from app.reconcile.results import Mismatch, Report
from ui.common import formatting as fmt
from ui.common.models import ColumnsModel, cell_alignment, fast_fold

#: Data role that returns the row's ``Mismatch``.
FindingRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_Key = Any  # a str, a number or a (rank, value) tuple; None sorts last in both directions
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, how a finding reads in it and how it sorts."""

    header: str
    text: Callable[[Mismatch], str]
    key: Callable[[Mismatch], _Key]
    numeric: bool = False


def _memo(compute: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache a lookup by its code: few distinct codes (kinds, fields, branches), many rows."""
    cache: dict[Any, T] = {}

    def lookup(code: Any) -> T:
        try:
            return cache[code]
        except KeyError:
            cache[code] = value = compute(code)
            return value

    return lookup


def _text_key(text: str | None) -> _Key:
    return fast_fold(text) if text else None


def _side_text(m: Mismatch, value: str | None, amount: Decimal | None) -> str:
    if value is not None:
        return fmt.value_text(m.field, value)
    if amount is not None:
        return fmt.money(amount)
    return fmt.EMPTY


def _side_key(m: Mismatch, value: str | None, amount: Decimal | None) -> _Key:
    number = fmt.whole_pesos(value) if m.field in fmt.MONEY_FIELDS else None
    if number is None and value is None and amount is not None:
        number = fmt.whole_pesos(amount)
    if number is not None:
        return (0, number)  # amounts before text, in numeric order
    return None if value is None else (1, fast_fold(str(value)))


def columns_for(entity: Entity) -> tuple[Column, ...]:
    """The table's columns for ``entity``, in display order."""

    kind_name = _memo(lambda kind: fmt.kind_name(entity, kind))
    field_name = _memo(lambda name: fmt.field_name(name) if name else fmt.EMPTY)
    detail_name = _memo(lambda kind_detail: fmt.detail_name(kind_detail[1], kind_detail[0]))
    group_text = _memo(
        lambda group: fmt.tr("{n} registros en el {system}").format(
            n=fmt.count(group[0]), system=fmt.system_name(group[1])
        )
    )

    def kind_text(m: Mismatch) -> str:
        return kind_name(m.kind)

    def detail_text(m: Mismatch) -> str:
        if m.ids:  # a duplicate group, by key or by name, phone…
            return group_text((len(m.ids), m.system))
        return detail_name((m.kind, m.detail))

    key_field = {Entity.PAYMENTS: "receipt_number", Entity.VEHICLES: "vin"}.get(
        entity, "doc_number"
    )
    kind_key = _memo(lambda kind: _text_key(kind_name(kind)))
    field_key = _memo(lambda name: _text_key(field_name(name)) if name else None)
    branch_key = _memo(_text_key)
    detail_key = _memo(lambda kind_detail: _text_key(detail_name(kind_detail)))

    def sort_detail(m: Mismatch) -> _Key:
        # (rank, value): group sizes, then days apart, then words; never two types compared.
        if m.ids:  # a duplicate group, by key or by name, phone…
            return (0, len(m.ids))
        if m.kind == "date_differs" and m.detail and m.detail.isdigit():
            return (1, int(m.detail))
        text = detail_key((m.kind, m.detail))
        return None if text is None else (2, text)

    kind = Column(fmt.tr("Tipo"), kind_text, lambda m: kind_key(m.kind))
    key = Column(fmt.field_name(key_field), lambda m: m.key or fmt.EMPTY,
                 lambda m: _text_key(m.key))
    crm_id = Column(fmt.tr("Id CRM"), lambda m: m.crm_id or fmt.EMPTY,
                    lambda m: _text_key(m.crm_id))
    erp_id = Column(fmt.tr("Id ERP"), lambda m: m.erp_id or fmt.EMPTY,
                    lambda m: _text_key(m.erp_id))
    field = Column(
        fmt.tr("Campo"),
        lambda m: field_name(m.field),
        lambda m: field_key(m.field),
    )
    crm = Column(fmt.tr("En el CRM"), lambda m: _side_text(m, m.crm_value, m.crm_amount),
                 lambda m: _side_key(m, m.crm_value, m.crm_amount))
    erp = Column(fmt.tr("En el ERP"), lambda m: _side_text(m, m.erp_value, m.erp_amount),
                 lambda m: _side_key(m, m.erp_value, m.erp_amount))
    stake = Column(
        fmt.tr("En juego"),
        lambda m: fmt.money(m.at_stake),
        # A float orders pesos exactly enough and compares far faster than Decimal.
        lambda m: None if m.at_stake is None else float(m.at_stake),
        numeric=True,
    )
    branch = Column(fmt.field_name("branch"), lambda m: m.branch or fmt.EMPTY,
                    lambda m: branch_key(m.branch))
    detail = Column(fmt.tr("Detalle"), detail_text, sort_detail)

    # What a person reads first comes first; the ids (also in the side panel's headers) and
    # "Campo" (which mostly repeats the kind: "Teléfono distinto") come last.
    if entity is Entity.CUSTOMERS:
        return (kind, key, crm, erp, detail, crm_id, erp_id, field)
    return (kind, key, crm, erp, stake, branch, detail, crm_id, erp_id, field)


@dataclass(frozen=True, slots=True)
class PreparedFindings:
    """Rows ready for a :class:`FindingsModel`, computed off the GUI thread.

    Folding the search text of 100,000 rows takes about a second; done in the worker that
    produced the report, showing the rows is then only a model reset.
    """

    entity: Entity
    rows: list[Mismatch]
    kinds: list[str]
    search: list[str]


def prepare_findings(entity: Entity, findings: list[Mismatch]) -> PreparedFindings:
    """Compute what the model needs for ``findings``. Safe on a worker thread: it touches no
    widget, only QLocale and the translator, which are thread-safe."""
    texts = [c.text for c in columns_for(entity)]
    empty = fmt.EMPTY
    rows = list(findings)
    # A separator no one types keeps a search from matching across two columns.
    search = [
        fast_fold("\x1f".join(t for t in (text(m) for text in texts) if t != empty))
        for m in rows
    ]
    return PreparedFindings(entity, rows, [m.kind for m in rows], search)


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """A report together with its tables' rows, prepared on the worker thread."""

    report: Report
    findings: dict[Entity, PreparedFindings]


def with_prepared_findings(task: Task[Report]) -> Task[PreparedReport]:
    """Run ``task`` and then prepare its findings for the tables, still off the GUI thread."""
    report = yield from task
    prepared = {}
    for n, (entity, result) in enumerate(report.results.items()):
        yield Progress("prepare_view", n, len(report.results))
        prepared[entity] = prepare_findings(entity, result.findings())
    return PreparedReport(report, prepared)


class FindingsModel(ColumnsModel[Mismatch, Column]):
    """One row per finding of one entity (``EntityResult.findings()``)."""

    def __init__(self, entity: Entity, parent: Any = None) -> None:
        super().__init__(columns_for(entity), parent)
        self._entity = entity
        self._kinds: list[str] = []
        self._search: list[str] = []
        self._sort_keys: dict[int, list[_Key]] = {}  # per column, aligned with the rows

    # -- what the proxy and the window read -------------------------------------------------

    @property
    def entity(self) -> Entity:
        return self._entity

    @property
    def kinds(self) -> list[str]:
        """Kind code per row (for the proxy's kind filter)."""
        return self._kinds

    @property
    def search_texts(self) -> list[str]:
        """Folded text of the visible columns per row (for the proxy's search)."""
        return self._search

    def money_column(self) -> int | None:
        return next((i for i, c in enumerate(self._columns) if c.numeric), None)

    def finding(self, row: int) -> Mismatch:
        return self._rows[row]

    def export_value(self, row: int, column: int) -> Any:
        """A cell for «Exportar a Excel…» (``ui/common/table_export.py``), read without a Qt
        call: the pesos at stake exact, anything else as shown."""
        m, c = self._rows[row], self._columns[column]
        return m.at_stake if c.numeric else c.text(m)

    def set_findings(self, findings: list[Mismatch] | PreparedFindings) -> None:
        """Replace every row (a model reset). Pass :class:`PreparedFindings` for big lists."""
        prepared = (
            findings if isinstance(findings, PreparedFindings)
            else prepare_findings(self._entity, findings)
        )
        if prepared.entity is not self._entity:
            raise ValueError(f"findings of {prepared.entity}, not {self._entity}")
        self.beginResetModel()
        self._rows = list(prepared.rows)
        self._kinds = list(prepared.kinds)
        self._search = list(prepared.search)
        self._sort_keys = {}
        self.endResetModel()

    # -- QAbstractTableModel ---------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(m)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column.numeric)
        if role == FindingRole:
            return m
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._rows):
                return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column``; empty cells last either way; ties keep their order."""
        if not 0 <= column < len(self._columns) or not self._rows:
            return
        keys = self._sort_keys.get(column)
        if keys is None:
            key = self._columns[column].key
            keys = self._sort_keys[column] = [key(m) for m in self._rows]
        present = [i for i, k in enumerate(keys) if k is not None]
        missing = [i for i, k in enumerate(keys) if k is None]
        # reverse=True keeps ties in their current order too (Python's sort is stable).
        present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        order_rows = present + missing

        self.layoutAboutToBeChanged.emit()
        new_row = [0] * len(order_rows)
        for new, old in enumerate(order_rows):
            new_row[old] = new
        self._rows = [self._rows[i] for i in order_rows]
        self._kinds = [self._kinds[i] for i in order_rows]
        self._search = [self._search[i] for i in order_rows]
        for c, cached in self._sort_keys.items():
            self._sort_keys[c] = [cached[i] for i in order_rows]
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(new_row[i.row()], i.column()) for i in old_indexes]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


class FindingsProxy(QSortFilterProxyModel):
    """Filters the findings by kind and by free text; sorting is the model's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._needle = ""
        self._findings: FindingsModel | None = None

    def setSourceModel(self, model: Any) -> None:
        self._findings = model if isinstance(model, FindingsModel) else None
        super().setSourceModel(model)

    def findings_model(self) -> FindingsModel:
        if self._findings is None:
            raise RuntimeError("FindingsProxy needs a FindingsModel as its source")
        return self._findings

    def kind(self) -> str | None:
        return self._kind

    def search(self) -> str:
        return self._needle

    def set_kind(self, kind: str | None) -> None:
        """Show only findings of ``kind`` (a code); None shows every kind."""
        if kind != self._kind:
            self._kind = kind
            self.invalidate()

    def set_search(self, text: str) -> None:
        """Show only rows whose visible text contains ``text`` (accents and case ignored)."""
        needle = fast_fold(" ".join(text.split()))
        if needle != self._needle:
            self._needle = needle
            self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self._findings
        if model is None:
            return True
        if self._kind is not None and model.kinds[source_row] != self._kind:
            return False
        return not self._needle or self._needle in model.search_texts[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._findings is not None:
            self._findings.sort(column, order)

    def finding(self, index: _Index) -> Mismatch | None:
        """The finding shown at a proxy index (any column), or None."""
        if not index.isValid() or self._findings is None:
            return None
        return self._findings.finding(self.mapToSource(index).row())
