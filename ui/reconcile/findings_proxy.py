"""The findings table's proxy: the model's rows filtered and sorted, the work off the GUI thread.

A ``QSortFilterProxyModel`` asks a Python ``filterAcceptsRow`` once per row and a ``lessThan``
per comparison, on the GUI thread: on a million findings every keystroke froze the window for
seconds. :class:`FindingsProxy` instead holds the answer as one array — the source rows in the
table's order, those shown — computed by ``findings_order.compute_view`` over columns, on a
worker (``ui.common.tasks.TaskRunner``) when the table is big. A newer filter or sort cancels
the running one, whose result is dropped (the runner's generation). The answer is swapped in
in one step, a layout change that moves the selection and the current row along, so what was
selected and still shows stays selected. Up to :data:`SYNC_ROWS` rows it all runs at once on
the GUI thread (a few milliseconds): small tables answer before the next line of code.

The view only asks for the rows it shows: ``data`` maps a cell to its source row by a lookup
in the array.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.progress import CancelToken, Task, run
from app.reconcile.results import Mismatch
from ui.common.models import fast_fold, read_only_flags
from ui.common.tasks import TaskRunner
from ui.reconcile.findings_model import FindingsModel
from ui.reconcile.findings_order import ColumnCache, Query, ViewOrder, compute_view, warm

_Index = QModelIndex | QPersistentModelIndex

#: Up to this many rows the proxy filters and sorts on the GUI thread (well under 50 ms).
SYNC_ROWS = 20_000

#: What people type between the digits of a phone, a document or an amount.
_DIGIT_SEPARATORS = re.compile(r"[\s.\-/()+]")


def _numpy() -> Any:
    import numpy

    return numpy


class FindingsProxy(QAbstractProxyModel):
    """Filters the findings by kind, free text and their life, and sorts them."""

    #: The rows shown are up to date with the filters and the sort (after a change).
    settled = Signal()
    #: True while a filter or a sort is being computed on the worker.
    busyChanged = Signal(bool)

    def __init__(self, parent: Any = None, *, sync_rows: int = SYNC_ROWS) -> None:
        super().__init__(parent)
        self._findings: FindingsModel | None = None
        self._query = Query()
        self._full: Any = None  # every source row in the sort's order; None: the model's
        # numpy arrays once there are rows (numpy loads with the first rows, not the window)
        self._order: Any = ()  # source rows shown, in order
        self._pos: Any = ()  # source row → shown row (-1: hidden)
        self._cache = ColumnCache()
        self._sync_rows = sync_rows
        self._runner = TaskRunner(self)
        self._runner.finished.connect(self._apply)
        self._runner.failed.connect(lambda _message: self._set_busy(False))
        self._busy = False
        self._columns = 0

    # -- the source ---------------------------------------------------------------------------

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._source_reset)
            old.rowsInserted.disconnect(self._source_rows_inserted)
            old.dataChanged.disconnect(self._source_data_changed)
        self.beginResetModel()
        self._findings = model if isinstance(model, FindingsModel) else None
        self._columns = 0 if model is None else model.columnCount()  # a model's are fixed
        super().setSourceModel(model)
        self._cache.clear()
        self._full = None
        rows = 0 if model is None else model.rowCount()
        self._set_order(_numpy().arange(rows) if rows else ())
        self.endResetModel()
        if model is not None:
            model.modelReset.connect(self._source_reset)
            model.rowsInserted.connect(self._source_rows_inserted)
            model.dataChanged.connect(self._source_data_changed)
        self._refresh(resort=True)

    def findings_model(self) -> FindingsModel:
        if self._findings is None:
            raise RuntimeError("FindingsProxy needs a FindingsModel as its source")
        return self._findings

    def _source_reset(self) -> None:
        """New rows: nothing shows until they are filtered and sorted (at once when small)."""
        self.beginResetModel()
        self._cache.clear()
        self._full = None
        self._set_order(())
        self.endResetModel()
        self._refresh(resort=True)

    def _source_rows_inserted(self, *_: Any) -> None:
        """Rows after the others (findings matched by hand): shown last, filtered."""
        self._refresh(resort=False)

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex,
                             roles: Any = ()) -> None:
        rows = self._pos[top.row():bottom.row() + 1]
        rows = rows[rows >= 0] if len(rows) else rows
        if len(rows):
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(int(rows.min()), 0),
                                  self.index(int(rows.max()), last))
        if self._query.needle or self._query.life:  # marks and states are filtered on
            self._refresh(resort=False)

    # -- filters and sort ---------------------------------------------------------------------

    def kind(self) -> str | None:
        return self._query.kind

    def search(self) -> str:
        return self._query.needle

    def set_kind(self, kind: str | None) -> None:
        """Show only findings of ``kind`` (a code); None shows every kind."""
        if kind != self._query.kind:
            self._ask(kind=kind)

    def set_search(self, text: str) -> None:
        """Show only rows whose visible text or records contain ``text`` (accents and case
        ignored). A number typed with spaces, dots or dashes ("300 123 4567",
        "800.191.045") also finds it written without them."""
        needle = fast_fold(" ".join(text.split()))
        digits = _DIGIT_SEPARATORS.sub("", needle)
        if needle != self._query.needle:
            self._ask(needle=needle, digits=digits if digits.isdigit() and digits != needle
                      else None)

    def life_filters(self) -> tuple[str | None, str | None, int | None]:
        """(state, owner, more than days) as set; None where a filter is off."""
        return self._query.state, self._query.owner, self._query.older

    def set_life_filters(self, state: str | None, owner: str | None,
                         older: int | None) -> None:
        """Show only findings in ``state`` (a ``FindingState`` code), of ``owner`` (a login;
        "" for those nobody has) and open more than ``older`` days; None turns one off."""
        if (state, owner, older) != self.life_filters():
            self._ask(state=state, owner=owner, older=older)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (empty cells last either way; ties keep their order, but the
        same pesos put the oldest finding first), again even when it already is: the rows'
        ages or marks may have changed."""
        self._ask(resort=True, column=column, descending=order == Qt.SortOrder.DescendingOrder)

    def sort_column(self) -> int:
        return self._query.column

    def _ask(self, resort: bool = False, **changes: Any) -> None:
        values = {name: getattr(self._query, name) for name in Query.__slots__}
        self._query = Query(**{**values, **changes})
        self._refresh(resort)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop the worker (a computation still running is dropped); True if it stopped."""
        self._set_busy(False)
        return self._runner.shutdown(timeout_ms)

    @property
    def busy(self) -> bool:
        """Whether a filter or a sort is still being computed."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def _refresh(self, resort: bool) -> None:
        """Compute the rows for the query: at once when small, else on the worker (a running
        computation is cancelled; its result will be dropped)."""
        model = self._findings
        if model is None:
            return
        snapshot, cache, query, base = model.snapshot(), self._cache, self._query, self._full
        if not snapshot.rows:  # nothing to filter (and numpy not needed yet)
            self._runner.shutdown(0)
            self._set_busy(False)
            if len(self._order):
                self.beginResetModel()
                self._set_order(())
                self.endResetModel()
            self.settled.emit()
            return
        if len(snapshot.rows) <= self._sync_rows:
            self._runner.shutdown(0)  # drop anything a bigger table left running
            self._apply(run(compute_view(snapshot, cache, query, base, resort)))
            return

        def factory(cancel: CancelToken) -> Task[ViewOrder]:
            return _cancellable(compute_view(snapshot, cache, query, base, resort), cancel)

        self._set_busy(True)
        self._runner.start(factory)

    def _apply(self, view: ViewOrder) -> None:
        """Swap the rows in: a layout change; persistent indexes (selection, current row)
        follow their rows, or become invalid when their row is filtered out."""
        np = _numpy()
        if not isinstance(view, ViewOrder):  # the search column built ahead (``warm``)
            return
        self._set_busy(False)
        n = 0 if self._findings is None else self._findings.rowCount()
        if len(view.full) != n:  # computed for rows that are gone
            return
        self._full = view.full
        if n > self._sync_rows and self._findings is not None:
            snapshot, cache = self._findings.snapshot(), self._cache
            if cache.peek(("search", snapshot.search_version)) is None:  # ahead of a search
                self._runner.start(lambda _cancel: warm(snapshot, cache))
        if not len(self._order) or not len(view.shown):
            self.beginResetModel()
            self._set_order(view.shown, view.pos)
            self.endResetModel()
        else:
            self.layoutAboutToBeChanged.emit()
            old_order = self._order
            self._set_order(view.shown, view.pos)
            old = self.persistentIndexList()
            if old:
                rows = np.array([i.row() for i in old], dtype=np.int64)
                moved = self._pos[old_order[np.clip(rows, 0, len(old_order) - 1)]]
                new = [self.index(int(r), i.column()) if r >= 0 else QModelIndex()
                       for r, i in zip(moved, old, strict=True)]
                self.changePersistentIndexList(old, new)
            self.layoutChanged.emit()
        self.settled.emit()

    def _set_order(self, order: Any, pos: Any = None) -> None:
        """Show the source rows ``order``; ``pos``, where each source row shows, when the
        worker computed it (a million rows: 10 ms less on the GUI thread)."""
        n = 0 if self.sourceModel() is None else self.sourceModel().rowCount()
        if not len(order) and not n:
            self._order = self._pos = ()
            return
        np = _numpy()
        self._order = np.asarray(order, dtype=np.int64)
        if pos is not None and len(pos) == n:
            self._pos = pos
            return
        self._pos = np.full(n, -1, dtype=np.int64)
        self._pos[self._order] = np.arange(len(self._order), dtype=np.int64)

    def source_rows(self) -> list[int]:
        """The source row of every row shown, in order (an export reads them at once)."""
        return [int(r) for r in self._order]

    def row_of_source(self, source_row: int) -> int:
        """Where a source row shows (-1: filtered out)."""
        return int(self._pos[source_row]) if 0 <= source_row < len(self._pos) else -1

    # -- QAbstractProxyModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._order) > 0

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order)
                                    and 0 <= column < self._columns):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, idx: _Index) -> QModelIndex:
        return self.index(row, column)

    def mapToSource(self, proxy_index: _Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() \
                or not 0 <= proxy_index.row() < len(self._order):
            return QModelIndex()
        return model.index(int(self._order[proxy_index.row()]), proxy_index.column())

    def mapFromSource(self, source_index: _Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self.index(self.row_of_source(source_index.row()), source_index.column())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._findings
        if model is None or not index.isValid():
            return None
        return model.cell(int(self._order[index.row()]), index.column(), role)

    def paint_cell(self, row: int, column: int) -> tuple[str, bool, bool]:
        """What the table's painter reads for a shown row (``FindingsModel.paint_cell``)."""
        model = self._findings
        if model is None or not 0 <= row < len(self._order):
            return "", False, False
        return model.paint_cell(int(self._order[row]), column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_flags(index)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.sourceModel()
        if orientation == Qt.Orientation.Horizontal and model is not None:
            return model.headerData(section, orientation, role)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._order):
            return section + 1
        return None

    def finding(self, index: _Index) -> Mismatch | None:
        """The finding shown at a proxy index (any column), or None."""
        if not index.isValid() or self._findings is None \
                or not 0 <= index.row() < len(self._order):
            return None
        return self._findings.finding(int(self._order[index.row()]))


def _cancellable(task: Task[ViewOrder], cancel: CancelToken) -> Task[ViewOrder]:
    """``task``, stopping at its next step once ``cancel`` is set (the runner checks too)."""
    result = yield from task
    cancel.check()
    return result
