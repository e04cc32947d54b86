"""The findings table: a Qt model over one entity's ``list[Mismatch]``.

Each row is a :class:`~ui.reconcile.finding_rows.FindingRow`: the finding, what its records
say (customers' names in both systems, a one-sided row's values), the correction already made
for it («Propuesta por Ana Ruiz el …», set by the tab) and, when known, its age in days.

The model keeps the rows in the engine's order (then the findings matched by hand); the
table's order and its filters are the proxy's (``findings_proxy``), computed over columns off
the GUI thread (``findings_order``). The model computes once, when findings arrive, one
accent- and case-folded search string per row (every visible column, plus the records' names,
documents, phones and e-mails). For the proxy's worker it hands out a :meth:`snapshot`: its
lists, which it replaces rather than changes, and version numbers that say what changed (the
rows, the search texts, the findings' life, the marks), so arrays derived from them are reused
until then. The money column sorts as a number, and rows with the same pesos oldest first
(their age, once the findings' life gives it).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.labels import finding_state_label
from app.domain.schema import Entity
from app.findings.keys import finding_key
from app.findings.views import FindingView
from app.progress import Progress, Task
from app.reconcile.results import EntityResult, Mismatch, Report
from ui.common import formatting as fmt
from ui.common.models import ColumnsModel, cell_alignment, fast_fold
from ui.reconcile.finding_rows import FindingRow, Mark, finding_row, names_text, names_tooltip
from ui.reconcile.findings_order import Snapshot

#: Data role that returns the row's ``Mismatch``.
FindingRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_Key = Any  # a str, a number or a (rank, value) tuple; None sorts last in both directions
T = TypeVar("T")

_NO_MARK = Mark("", "")

#: The roles the model answers, as the numbers Qt passes (a repaint asks for ten per cell).
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.TextAlignmentRole, FindingRole))

#: From this many rows the model freezes its rows out of the garbage collector's sweeps.
_FREEZE_ROWS = 50_000

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
    #: The result's ``summary()`` and ``apart()`` (the panel on the left and the kind
    #: combo), read here too: on a million findings each is a second.
    summary: list[tuple[str, int, Decimal]] | None = None
    apart: list[tuple[str, int, Decimal]] | None = None
    #: Whether a row carries a mark (rows of an earlier model of the same report may); None:
    #: not known, the model looks (a million rows: 0.1 s).
    marked: bool | None = None

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
    if findings:
        # What the window then needs at once, loaded or built here (on the worker that
        # produced the report) rather than on the GUI thread: numpy and polars, for the
        # table's order and search (~80 and ~150 ms to import; a small table sorts and
        # searches on the GUI thread), and the index of the links, which the side panel reads
        # to explain the first finding (a million links: half a second).
        import numpy  # noqa: F401
        import polars  # noqa: F401

        if result is not None:
            result.link_between("", "")
    rows = []
    for m in findings:
        row, words = finding_row(entity, result, m)
        shown = [t for t in (text(row) for text in texts) if t and t != empty]
        # Each text once: a name is often in its column, in the values and in the records.
        row.search = fast_fold(_SEPARATOR.join(dict.fromkeys(shown + words)))
        rows.append(row)
    return PreparedFindings(entity, rows, [r.finding.kind for r in rows],
                            [r.search for r in rows],
                            None if result is None else result.summary(),
                            None if result is None else result.apart(), marked=False)


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
                # Its rows may carry marks since: looked at here, off the GUI thread.
                prepared[entity] = replace(kept, marked=any(r.mark or r.mark_color
                                                            for r in kept.rows))
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
        # What the proxy's cached arrays were computed from (``findings_order.Snapshot``).
        self._rows_version = self._search_version = self._life_version = self._marks_version = 0
        self._marked = 0  # rows with a mark (none: clearing the marks has nothing to do)
        # «Estado», «Responsable», «Antigüedad»: found once, in the language they were built in
        life = (fmt.tr("Estado"), fmt.tr("Responsable"), fmt.tr("Antigüedad"))
        self._life_at = [i for i, c in enumerate(self._columns) if c.header in life]
        # Likewise «Corrección», «Antigüedad» and «Nombre (CRM / ERP)»: a language chosen later
        # translates the words, not the headers already built.
        self._mark_at = self.column_of(fmt.tr("Corrección"))
        self._age_at = self.column_of(fmt.tr("Antigüedad"))
        names = fmt.tr("Nombre (CRM / ERP)")
        self._names_at = next((i for i, c in enumerate(self._columns) if c.header == names), None)

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
        return self._names_at

    def age_column(self) -> int:
        return self._age_at

    def mark_column(self) -> int:
        return self._mark_at

    def finding(self, row: int) -> Mismatch:
        return self._rows[row].finding

    def row_item(self, row: int) -> FindingRow:
        return self._rows[row]

    def findings(self) -> list[Mismatch]:
        """Every finding, in the model's order (the engine's, then those matched by hand)."""
        return [r.finding for r in self._rows]

    def rows_with_keys(self, keys: set[str]) -> dict[int, str]:
        """The rows of the findings whose stable keys (``finding_key``) are in ``keys``.
        Only rows of those kinds that share a record id are keyed (a million rows: F5 keeps
        the selection without keying them all)."""
        try:
            parsed = [json.loads(k) for k in keys]
            kinds = {p[1] for p in parsed}
            ids = {i for p in parsed for i in (*p[3], *p[4])}
            any_row = any(not p[3] and not p[4] for p in parsed)
        except (ValueError, IndexError, TypeError):
            kinds, ids, any_row = set(self._kinds), set(), True
        rows = self._rows
        found = {}
        for i in [i for i, kind in enumerate(self._kinds) if kind in kinds]:
            m = rows[i].finding
            if not any_row and m.crm_id not in ids and m.erp_id not in ids \
                    and ids.isdisjoint(m.ids):
                continue
            key = finding_key(self._entity, m)
            if key in keys:
                found[i] = key
        return found

    def snapshot(self) -> Snapshot:
        """What the proxy's worker reads: the lists as they are now (replaced, never changed
        in place) and what each derived array depends on."""
        columns = self._columns
        life = set(self._life_at) | {i for i, c in enumerate(columns) if c.numeric}
        mark, life_version, marks_version = self.mark_column(), self._life_version, \
            self._marks_version

        def key_version(column: int) -> tuple[int, int]:
            return (life_version if column in life else 0,
                    marks_version if column == mark else 0)

        return Snapshot(self._rows, self._kinds, self._search, self._rows_version,
                        self._search_version, self._life_version,
                        lambda column: columns[column].key, key_version,
                        self.money_column())

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
        if len(prepared.rows) >= _FREEZE_ROWS:
            # The rows live until the next report: a full garbage collection walking a
            # million of them would stop the window for a second (and the worker's
            # allocations trigger them). Frozen, the collector leaves them out.
            gc.freeze()
        # The prepared lists themselves (no copy: a million rows, 20 ms): the model never
        # changes a list in place, it replaces it (``append``, ``set_marks``).
        self._rows = prepared.rows
        # Rows prepared for an earlier model of the same report may carry its marks.
        self._marked = int(prepared.marked if prepared.marked is not None
                           else any(r.mark or r.mark_color for r in self._rows))
        self._kinds = prepared.kinds
        self._search = prepared.search
        self._rows_version += 1
        self.endResetModel()

    def append(self, findings: list[Mismatch], result: EntityResult | None) -> None:
        """Rows after the others: findings matched by hand, which the report shown (the
        matches applied) no longer lists but the store keeps, «Conciliada a mano»."""
        if not findings:
            return
        prepared = prepare_findings(self._entity, findings, result)
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(prepared.rows) - 1)
        # New lists: a worker may be reading the old ones (``snapshot``).
        self._rows = self._rows + prepared.rows
        self._kinds = self._kinds + prepared.kinds
        self._search = self._search + prepared.search
        self._rows_version += 1
        self.endInsertRows()

    def set_marks(self, marks: Mapping[int, Mark]) -> None:
        """What is already done per row (row number → «Propuesta por … el …» and its
        colour); rows not in ``marks`` have nothing. The search finds the marks too."""
        if not marks and not self._marked:  # nothing marked, nothing to mark: no row changes
            return
        changed = []
        search = self._search = list(self._search)  # a worker may be reading the old one
        self._marked = sum(1 for i in marks if 0 <= i < len(self._rows))
        for i, row in enumerate(self._rows):
            text, color = marks.get(i, _NO_MARK)
            if (text, color) != (row.mark, row.mark_color):
                row.mark, row.mark_color = text, color
                search[i] = (row.search + _SEPARATOR + fast_fold(text)) if text \
                    else row.search
                changed.append(i)
        if changed:
            self._search_version += 1
            self._marks_version += 1
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
        self._life_version += 1
        if self._rows:
            column = self.age_column()
            self.dataChanged.emit(self.index(0, column),
                                  self.index(len(self._rows) - 1, column))

    def set_life(self, ids: Callable[[Mismatch], str] | Sequence[str],
                 views: Mapping[str, FindingView], names: Mapping[str, str]) -> None:
        """Where each finding stands (``app.findings``): its id (``ids``: a function of the
        finding, or each row's, in order), its view by id (state, owner, age; a finding
        without one has none yet) and the people's names by login. The caller sorts
        again."""
        row_ids = [ids(r.finding) for r in self._rows] if callable(ids) else ids
        if len(row_ids) != len(self._rows):
            raise ValueError(f"{len(row_ids)} ids for {len(self._rows)} rows")
        for row, fid in zip(self._rows, row_ids, strict=True):
            row.fid = fid
            self._live(row, views.get(fid), names)
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
        self._life_version += 1
        self.dataChanged.emit(self.index(min(rows), 0),
                              self.index(max(rows), len(self._columns) - 1))

    # -- QAbstractTableModel ---------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """What ``data`` answers for a row and column (the proxy asks without an index: a
        repaint asks for every cell shown, several roles each)."""
        if role not in _ROLES:  # font, colours, check state…: the style's own
            return None
        r = self._rows[row]
        column = self._columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(r) if column.tooltip is not None else column.text(r)
        if role == Qt.ItemDataRole.DecorationRole:
            # A square beside the kind says at a glance that something is already done.
            return QColor(r.mark_color) if col == 0 and r.mark_color else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column.numeric or column.right)
        if role == FindingRole:
            return r.finding
        return None

    def paint_cell(self, row: int, col: int) -> tuple[str, bool, bool]:
        """What the table's painter reads (``ui.common.tables.FastTextDelegate``): the text
        ``data`` shows, whether it is right-aligned and whether it has a decoration (the
        mark's square)."""
        r, column = self._rows[row], self._columns[col]
        return column.text(r), column.numeric or column.right, col == 0 and bool(r.mark_color)

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
