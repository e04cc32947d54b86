"""The findings table: a Qt model over one entity's ``list[Mismatch]`` and its filter proxy.

Each row is a :class:`~ui.reconcile.finding_rows.FindingRow`: the finding, what its records
say (customers' names in both systems, a one-sided row's values), the correction already made
for it («Propuesta por Ana Ruiz el …», set by the tab) and, when known, its age in days.

Built for 100,000 rows. The model computes once, when findings arrive, one accent- and
case-folded search string per row (every visible column, plus the records' names, documents,
phones and e-mails), so the proxy's ``filterAcceptsRow`` is a list lookup and a substring
test. Sorting does not go through ``QSortFilterProxyModel``'s comparisons (a Python
``lessThan`` per comparison is far too slow at this size): the proxy hands ``sort()`` to the
model, which sorts its Python list with a key and announces a layout change, moving the
persistent indexes (selection, current row) along. The money column sorts as a number, and
rows with the same pesos oldest first (their age, once the findings' life gives it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app.domain.labels import finding_state_label
from app.domain.schema import Entity
from app.findings.views import FindingView
from app.progress import Progress, Task
from app.reconcile.results import EntityResult, Mismatch, Report
from ui.common import formatting as fmt
from ui.common.models import ColumnsModel, cell_alignment, fast_fold
from ui.reconcile.finding_rows import FindingRow, Mark, finding_row, names_text, names_tooltip

#: Data role that returns the row's ``Mismatch``.
FindingRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_Key = Any  # a str, a number or a (rank, value) tuple; None sorts last in both directions
T = TypeVar("T")

_NO_MARK = Mark("", "")

#: Joins the texts a search looks at: no one types it, so a search never matches across two.
_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, how a row reads in it and how it sorts."""

    header: str
    text: Callable[[FindingRow], str]
    key: Callable[[FindingRow], _Key]
    numeric: bool = False  # pesos: right-aligned, sorted and exported as an amount
    tooltip: Callable[[FindingRow], str] | None = None  # default: the whole text
    right: bool = False  # another number (days): right-aligned


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
    return fast_fold(text) if text and text != fmt.EMPTY else None


def _side_key(m: Mismatch, value: str | None, amount: Decimal | None, text: str) -> _Key:
    number = fmt.whole_pesos(value) if m.field in fmt.MONEY_FIELDS else None
    if number is None and value is None and amount is not None:
        number = fmt.whole_pesos(amount)
    if number is not None:
        return (0, number)  # amounts before text, in numeric order
    if value is not None:
        return (1, fast_fold(str(value)))
    key = _text_key(text)  # what the record says, for a one-sided row
    return None if key is None else (1, key)


def age_text(row: FindingRow) -> str:
    """«1 día», «12 días»; "—" before the findings' life knows it (no saved run yet)."""
    if row.age is None:
        return fmt.EMPTY
    return (fmt.tr("{n} día") if row.age == 1 else fmt.tr("{n} días")).format(
        n=fmt.count(row.age))


def _names_column() -> Column:
    """Both systems' names in one column (the table has room for the values beside it): one
    name when they agree but for case and accents, both when they do not."""
    return Column(fmt.tr("Nombre (CRM / ERP)"), names_text,
                  lambda r: _text_key(r.crm_name or r.erp_name), tooltip=names_tooltip)


def state_text(row: FindingRow) -> str:
    """«Abierta», «Conciliada a mano»… (``app.findings``); "—" before a saved run."""
    return fmt.EMPTY if row.state is None else fmt.tr_label(finding_state_label(row.state))


def owner_text(row: FindingRow) -> str:
    return row.owner_name or row.owner or fmt.EMPTY


def _life_columns() -> tuple[Column, Column]:
    """Where a finding stands and who has it (``app.findings``), set by the tab."""
    return (Column(fmt.tr("Estado"), state_text, lambda r: _text_key(state_text(r))),
            Column(fmt.tr("Responsable"), owner_text, lambda r: _text_key(owner_text(r))))


def _age_column() -> Column:
    """Days since the first saved run that found it (``app.findings``), set by the tab."""
    return Column(fmt.tr("Antigüedad"), age_text, lambda r: r.age, right=True)


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

    def detail_text(r: FindingRow) -> str:
        m = r.finding
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

    def sort_detail(r: FindingRow) -> _Key:
        # (rank, value): group sizes, then days apart, then words; never two types compared.
        m = r.finding
        if m.ids:  # a duplicate group, by key or by name, phone…
            return (0, len(m.ids))
        if m.kind == "date_differs" and m.detail and m.detail.isdigit():
            return (1, int(m.detail))
        text = detail_key((m.kind, m.detail))
        return None if text is None else (2, text)

    def kind_tooltip(r: FindingRow) -> str:
        name = kind_name(r.finding.kind)
        return f"{name}\n{r.mark}" if r.mark else name

    kind = Column(fmt.tr("Tipo"), lambda r: kind_name(r.finding.kind),
                  lambda r: kind_key(r.finding.kind), tooltip=kind_tooltip)
    key = Column(fmt.field_name(key_field), lambda r: r.finding.key or fmt.EMPTY,
                 lambda r: _text_key(r.finding.key))
    crm_id = Column(fmt.tr("Id CRM"), lambda r: r.finding.crm_id or fmt.EMPTY,
                    lambda r: _text_key(r.finding.crm_id))
    erp_id = Column(fmt.tr("Id ERP"), lambda r: r.finding.erp_id or fmt.EMPTY,
                    lambda r: _text_key(r.finding.erp_id))
    field = Column(fmt.tr("Campo"), lambda r: field_name(r.finding.field),
                   lambda r: field_key(r.finding.field))
    crm = Column(fmt.tr("En el CRM"), lambda r: r.crm_text,
                 lambda r: _side_key(r.finding, r.finding.crm_value, r.finding.crm_amount,
                                     r.crm_text))
    erp = Column(fmt.tr("En el ERP"), lambda r: r.erp_text,
                 lambda r: _side_key(r.finding, r.finding.erp_value, r.finding.erp_amount,
                                     r.erp_text))
    stake = Column(
        fmt.tr("En juego"),
        lambda r: fmt.money(r.finding.at_stake),
        # A float orders pesos exactly enough and compares far faster than Decimal.
        lambda r: None if r.finding.at_stake is None else float(r.finding.at_stake),
        numeric=True,
    )
    branch = Column(fmt.field_name("branch"), lambda r: r.finding.branch or fmt.EMPTY,
                    lambda r: branch_key(r.finding.branch))
    detail = Column(fmt.tr("Detalle"), detail_text, sort_detail)
    # What is already done about it, so nobody proposes it twice (empty: nothing yet).
    mark = Column(fmt.tr("Corrección"), lambda r: r.mark, lambda r: _text_key(r.mark))
    age = _age_column()

    # What a person reads first comes first; the ids (also in the side panel's headers) and
    # "Campo" (which mostly repeats the kind: "Teléfono distinto") come last.
    if entity is Entity.CUSTOMERS:
        return (kind, key, _names_column(), crm, erp, detail, mark, *_life_columns(), age,
                crm_id, erp_id, field)
    # The table opens sorted by pesos at stake: they come right after what the row is about.
    return (kind, key, stake, crm, erp, branch, detail, mark, *_life_columns(), age, crm_id,
            erp_id, field)


@dataclass(frozen=True, slots=True)
class PreparedFindings:
    """Rows ready for a :class:`FindingsModel`, computed off the GUI thread.

    Reading the records and folding the search text of 100,000 rows takes a second or two;
    done in the worker that produced the report, showing the rows is then only a model reset.
    """

    entity: Entity
    rows: list[FindingRow]
    kinds: list[str]
    search: list[str]

    @property
    def findings(self) -> list[Mismatch]:
        return [r.finding for r in self.rows]


def prepare_findings(entity: Entity, findings: list[Mismatch],
                     result: EntityResult | None = None) -> PreparedFindings:
    """Compute what the model needs for ``findings`` (their records looked up in ``result``,
    when given). Safe on a worker thread: it touches no widget, only QLocale and the
    translator, which are thread-safe."""
    texts = [c.text for c in columns_for(entity)]
    empty = fmt.EMPTY
    rows = []
    for m in findings:
        row, words = finding_row(entity, result, m)
        shown = [t for t in (text(row) for text in texts) if t and t != empty]
        # Each text once: a name is often in its column, in the values and in the records.
        row.search = fast_fold(_SEPARATOR.join(dict.fromkeys(shown + words)))
        rows.append(row)
    return PreparedFindings(entity, rows, [r.finding.kind for r in rows],
                            [r.search for r in rows])


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """A report together with its tables' rows, prepared on the worker thread."""

    report: Report
    findings: dict[Entity, PreparedFindings]

    def with_report(self, report: Report) -> PreparedReport:
        """The same around ``report`` (``app.writeback.runs.saving``: the report with the
        manual matches applied): the entities whose result changed prepared again, still on
        the worker thread."""
        prepared = {}
        for entity, result in report.results.items():
            kept = self.findings.get(entity)
            if kept is not None and self.report.results.get(entity) is result:
                prepared[entity] = kept
            else:
                prepared[entity] = prepare_findings(entity, result.findings(), result)
        return PreparedReport(report, prepared)


def with_prepared_findings(task: Task[Report]) -> Task[PreparedReport]:
    """Run ``task`` and then prepare its findings for the tables, still off the GUI thread."""
    report = yield from task
    prepared = {}
    for n, (entity, result) in enumerate(report.results.items()):
        yield Progress("prepare_view", n, len(report.results))
        prepared[entity] = prepare_findings(entity, result.findings(), result)
    return PreparedReport(report, prepared)


class FindingsModel(ColumnsModel[FindingRow, Column]):
    """One row per finding of one entity (``EntityResult.findings()``)."""

    def __init__(self, entity: Entity, parent: Any = None) -> None:
        super().__init__(columns_for(entity), parent)
        self._entity = entity
        self._kinds: list[str] = []
        self._search: list[str] = []
        self._sort_keys: dict[int, list[_Key]] = {}  # per column, aligned with the rows
        # «Estado», «Responsable», «Antigüedad»: found once, in the language they were built in
        life = (fmt.tr("Estado"), fmt.tr("Responsable"), fmt.tr("Antigüedad"))
        self._life_at = [i for i, c in enumerate(self._columns) if c.header in life]

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
        """Folded text per row: the visible columns and the records (for the proxy's search)."""
        return self._search

    def money_column(self) -> int | None:
        return next((i for i, c in enumerate(self._columns) if c.numeric), None)

    def names_column(self) -> int | None:
        """Customers' «Nombre (CRM / ERP)» column (None for payments and vehicles)."""
        header = fmt.tr("Nombre (CRM / ERP)")
        return next((i for i, c in enumerate(self._columns) if c.header == header), None)

    def age_column(self) -> int:
        return self.column_of(fmt.tr("Antigüedad"))

    def mark_column(self) -> int:
        return self.column_of(fmt.tr("Corrección"))

    def finding(self, row: int) -> Mismatch:
        return self._rows[row].finding

    def row_item(self, row: int) -> FindingRow:
        return self._rows[row]

    def findings(self) -> list[Mismatch]:
        """Every finding, in the table's order."""
        return [r.finding for r in self._rows]

    def export_value(self, row: int, column: int) -> Any:
        """A cell for «Exportar a Excel…» (``ui/common/table_export.py``), read without a Qt
        call: the pesos at stake exact, anything else as shown."""
        r, c = self._rows[row], self._columns[column]
        return r.finding.at_stake if c.numeric else c.text(r)

    def set_findings(self, findings: list[Mismatch] | PreparedFindings,
                     result: EntityResult | None = None) -> None:
        """Replace every row (a model reset). Pass :class:`PreparedFindings` for big lists;
        a plain list reads its records in ``result``."""
        prepared = (
            findings if isinstance(findings, PreparedFindings)
            else prepare_findings(self._entity, findings, result)
        )
        if prepared.entity is not self._entity:
            raise ValueError(f"findings of {prepared.entity}, not {self._entity}")
        self.beginResetModel()
        self._rows = list(prepared.rows)
        self._kinds = list(prepared.kinds)
        self._search = list(prepared.search)
        self._sort_keys = {}
        self.endResetModel()

    def append(self, findings: list[Mismatch], result: EntityResult | None) -> None:
        """Rows after the others: findings matched by hand, which the report shown (the
        matches applied) no longer lists but the store keeps, «Conciliada a mano»."""
        if not findings:
            return
        prepared = prepare_findings(self._entity, findings, result)
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(prepared.rows) - 1)
        self._rows += prepared.rows
        self._kinds += prepared.kinds
        self._search += prepared.search
        self._sort_keys = {}
        self.endInsertRows()

    def set_marks(self, marks: Mapping[int, Mark]) -> None:
        """What is already done per row (row number → «Propuesta por … el …» and its
        colour); rows not in ``marks`` have nothing. The search finds the marks too."""
        changed = []
        for i, row in enumerate(self._rows):
            text, color = marks.get(i, _NO_MARK)
            if (text, color) != (row.mark, row.mark_color):
                row.mark, row.mark_color = text, color
                self._search[i] = (row.search + _SEPARATOR + fast_fold(text)) if text \
                    else row.search
                changed.append(i)
        if changed:
            self._sort_keys.pop(self.mark_column(), None)
            # The first cell (its square and tooltip) and the «Corrección» column change;
            # one signal per run of neighbouring rows, so the proxy looks at those alone.
            last = len(self._columns) - 1
            start = previous = changed[0]
            for i in [*changed[1:], -1]:
                if i != previous + 1:
                    self.dataChanged.emit(self.index(start, 0), self.index(previous, last))
                    start = i
                previous = i

    def set_ages(self, age_of: Callable[[Mismatch], int | None]) -> None:
        """Days open per finding (the findings' life): its «Antigüedad», and the second key
        of the default order, after the pesos at stake. The caller sorts again."""
        for row in self._rows:
            row.age = age_of(row.finding)
        self._sort_keys = {}
        if self._rows:
            column = self.age_column()
            self.dataChanged.emit(self.index(0, column),
                                  self.index(len(self._rows) - 1, column))

    def set_life(self, ids: Callable[[Mismatch], str], views: Mapping[str, FindingView],
                 names: Mapping[str, str]) -> None:
        """Where each finding stands (``app.findings``): its id (``ids``), its view by id
        (state, owner, age; a finding without one has none yet) and the people's names by
        login. The caller sorts again."""
        for row in self._rows:
            row.fid = ids(row.finding)
            self._live(row, views.get(row.fid), names)
        self._changed_life(range(len(self._rows)))

    def update_life(self, views: Sequence[FindingView], names: Mapping[str, str]) -> list[int]:
        """The rows of ``views`` (after assigning, explaining, matching…) read again; the
        rows changed."""
        by_id = {v.id: v for v in views}
        changed = [i for i, row in enumerate(self._rows) if row.fid in by_id]
        for i in changed:
            self._live(self._rows[i], by_id[self._rows[i].fid], names)
        self._changed_life(changed)
        return changed

    def row_of(self, fid: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.fid == fid), None)

    @staticmethod
    def _live(row: FindingRow, view: FindingView | None, names: Mapping[str, str]) -> None:
        row.life = view
        row.age = None if view is None else view.age()
        owner = None if view is None else view.assignee
        row.owner_name = names.get(owner, owner) if owner else ""

    def _changed_life(self, rows: Sequence[int] | range) -> None:
        if not rows:
            return
        for column in self._life_at:
            self._sort_keys.pop(column, None)
        self.dataChanged.emit(self.index(min(rows), 0),
                              self.index(max(rows), len(self._columns) - 1))

    # -- QAbstractTableModel ---------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(r) if column.tooltip is not None else column.text(r)
        if role == Qt.ItemDataRole.DecorationRole:
            # A square beside the kind says at a glance that something is already done.
            return QColor(r.mark_color) if index.column() == 0 and r.mark_color else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column.numeric or column.right)
        if role == FindingRole:
            return r.finding
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

    def _keys(self, column: int) -> list[_Key]:
        keys = self._sort_keys.get(column)
        if keys is None:
            key = self._columns[column].key
            keys = self._sort_keys[column] = [key(r) for r in self._rows]
        return keys

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column``; empty cells last either way; ties keep their order,
        except pesos: the same amount puts the oldest finding first."""
        if not 0 <= column < len(self._columns) or not self._rows:
            return
        keys = self._keys(column)
        rows = list(range(len(keys)))
        if self._columns[column].numeric and any(r.age is not None for r in self._rows):
            ages = [r.age for r in self._rows]
            rows = sorted(rows, key=lambda i: (ages[i] is None, -(ages[i] or 0)))
        present = [i for i in rows if keys[i] is not None]
        missing = [i for i in rows if keys[i] is None]
        # reverse=True keeps ties in their current order too (Python's sort is stable).
        present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._reorder(present + missing)

    def _reorder(self, order_rows: list[int]) -> None:
        """Put the rows in ``order_rows`` (old row numbers, in their new order)."""
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


#: What people type between the digits of a phone, a document or an amount.
_DIGIT_SEPARATORS = re.compile(r"[\s.\-/()+]")


class FindingsProxy(QSortFilterProxyModel):
    """Filters the findings by kind and by free text; sorting is the model's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._needle = ""
        self._digits: str | None = None  # the needle without separators, when it is a number
        self._findings: FindingsModel | None = None
        self._state: str | None = None  # a FindingState code
        self._owner: str | None = None  # a login; "" for findings nobody has
        self._older: int | None = None  # only findings open more than this many days

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
        """Show only rows whose visible text or records contain ``text`` (accents and case
        ignored). A number typed with spaces, dots or dashes ("300 123 4567",
        "800.191.045") also finds it written without them."""
        needle = fast_fold(" ".join(text.split()))
        digits = _DIGIT_SEPARATORS.sub("", needle)
        self._digits = digits if digits.isdigit() and digits != needle else None
        if needle != self._needle:
            self._needle = needle
            self.invalidate()

    def life_filters(self) -> tuple[str | None, str | None, int | None]:
        """(state, owner, more than days) as set; None where a filter is off."""
        return self._state, self._owner, self._older

    def set_life_filters(self, state: str | None, owner: str | None,
                         older: int | None) -> None:
        """Show only findings in ``state`` (a ``FindingState`` code), of ``owner`` (a login;
        "" for those nobody has) and open more than ``older`` days; None turns one off."""
        if (state, owner, older) != (self._state, self._owner, self._older):
            self._state, self._owner, self._older = state, owner, older
            self.invalidate()

    def _life_accepts(self, row: FindingRow) -> bool:
        if self._state is not None and row.state != self._state:
            return False
        if self._owner is not None and (row.owner or "") != self._owner:
            return False
        return self._older is None or (row.age is not None and row.age > self._older)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self._findings
        if model is None:
            return True
        if self._kind is not None and model.kinds[source_row] != self._kind:
            return False
        if (self._state, self._owner, self._older) != (None, None, None) \
                and not self._life_accepts(model.row_item(source_row)):
            return False
        if not self._needle:
            return True
        text = model.search_texts[source_row]
        return self._needle in text or (self._digits is not None and self._digits in text)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._findings is not None:
            self._findings.sort(column, order)

    def finding(self, index: _Index) -> Mismatch | None:
        """The finding shown at a proxy index (any column), or None."""
        if not index.isValid() or self._findings is None:
            return None
        return self._findings.finding(self.mapToSource(index).row())
