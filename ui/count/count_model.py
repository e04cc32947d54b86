"""Qt models of the Conteo físico tab: the VINs counted so far, and what the comparison found.

:class:`CountListModel` holds the scans in the order they were made (a VIN scanned twice is
two rows, so Supr removes one scan); each row knows at once whether its VIN is invalid (DESIGN
§4) or repeated, and says why in its tooltip. :class:`CountFindingsModel` shows a
``CountResult``'s findings with the ERP's description of each unit, so the manager can walk the
lot looking for "Mazda CX-30 2026 rojo"; :class:`CountFindingsProxy` filters it by kind and
sorts it (a few hundred rows: Qt's own sorting on a sort role is fast enough).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from app.count.saved import CountEntry
from app.domain.schema import Entity
from app.domain.values import vin_problem
from app.reconcile.results import Mismatch
from ui.common import formatting as fmt
from ui.common.models import ColumnsModel, cell_alignment, read_only_flags

if TYPE_CHECKING:
    from app.count.compare import CountResult  # pandas: loaded by the count that made it

_Index = QModelIndex | QPersistentModelIndex

#: Data role that returns a list row's ``CountEntry`` / a table row's ``Mismatch``.
EntryRole = Qt.ItemDataRole.UserRole + 1
FindingRole = Qt.ItemDataRole.UserRole + 1
#: Data role the proxy sorts by: text folded, money as a number.
SortRole = Qt.ItemDataRole.UserRole + 2

_WARNING = QColor("#9a3412")


def _icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    app = QApplication.instance()
    style = app.style() if isinstance(app, QApplication) else None
    return style.standardIcon(pixmap) if style is not None else QIcon()


_BLANK: list[QIcon] = []


def _blank_icon() -> QIcon:
    """A transparent icon, so VINs without a mark line up with those that have one."""
    if not _BLANK:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        _BLANK.append(QIcon(pixmap))
    return _BLANK[0]


def problem_text(vin: str) -> str | None:
    """Why ``vin`` is not a valid VIN, in Spanish, or None when it is valid."""
    problem = vin_problem(vin)
    if problem is None:
        return None
    return fmt.tr("VIN inválido: {why}").format(why=fmt.detail_name(problem))


# -- the counted list ------------------------------------------------------------------------


class CountListModel(QAbstractListModel):
    """The scans of one branch's count, oldest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[CountEntry] = []
        self._problems: list[str | None] = []
        self._times: Counter[str] = Counter()

    # -- what the tab reads and changes -----------------------------------------------------

    def entries(self) -> list[CountEntry]:
        return list(self._entries)

    def scans(self) -> int:
        return len(self._entries)

    def distinct(self) -> int:
        return len(self._times)

    def invalid(self) -> int:
        """Distinct counted VINs that fail DESIGN §4's rules."""
        return len({e.vin for e, p in zip(self._entries, self._problems, strict=True) if p})

    def times(self, vin: str) -> int:
        return self._times[vin]

    def set_entries(self, entries: Iterable[CountEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._problems = [problem_text(e.vin) for e in self._entries]
        self._times = Counter(e.vin for e in self._entries)
        self.endResetModel()

    def append(self, entry: CountEntry) -> int:
        """Add one scan at the end; returns its row."""
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self._problems.append(problem_text(entry.vin))
        self._times[entry.vin] += 1
        self.endInsertRows()
        self._repeats_changed(entry.vin)
        return row

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove the scans at ``rows`` (any order, duplicates ignored)."""
        for row in sorted(set(rows), reverse=True):
            if not 0 <= row < len(self._entries):
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            entry = self._entries.pop(row)
            self._problems.pop(row)
            self._times[entry.vin] -= 1
            if not self._times[entry.vin]:
                del self._times[entry.vin]
            self.endRemoveRows()
            self._repeats_changed(entry.vin)

    def _repeats_changed(self, vin: str) -> None:
        """Rows of ``vin`` change their mark and tooltip when it is scanned again or removed."""
        for row, e in enumerate(self._entries):
            if e.vin == vin:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    # -- QAbstractListModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        problem = self._problems[index.row()]
        times = self._times[entry.vin]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.vin
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [problem] if problem else []
            if times > 1:
                lines.append(fmt.tr("Contado {n} veces").format(n=fmt.count(times)))
            return "\n".join(lines) or fmt.tr("VIN válido")
        if role == Qt.ItemDataRole.DecorationRole:
            if problem:
                return _icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if times > 1:
                return _icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            return _blank_icon()
        if role == Qt.ItemDataRole.ForegroundRole and problem:
            return QBrush(_WARNING)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and problem:
            return problem
        if role == EntryRole:
            return entry
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_flags(index)


# -- the findings ----------------------------------------------------------------------------


def finding_detail(m: Mismatch) -> str:
    """A count finding's detail in words."""
    detail = m.detail or ""
    if m.kind == "count_missing_from_lot":
        if detail.startswith("typed_as:"):
            return fmt.tr("¿Es el que se contó como {vin}?").format(vin=detail.split(":", 1)[1])
        return fmt.tr("Nadie lo contó")
    if m.kind == "count_not_in_erp_stock":
        if detail == "not_in_erp":
            return fmt.tr("El ERP no tiene este VIN")
        if detail == "delivered":
            return fmt.tr("El ERP lo da por entregado")
        if detail == "in_transit":
            return fmt.tr("El ERP lo tiene en tránsito")
    if m.kind == "count_wrong_branch":
        if m.erp_value:
            return fmt.tr("El ERP lo ubica en {branch}").format(branch=m.erp_value)
        return fmt.tr("El ERP no le asigna sede")
    if m.kind == "count_invalid_vin":
        why = problem_text(m.key or "") or fmt.tr("VIN inválido")
        if detail.startswith("suggest:"):
            return fmt.tr("{why}. ¿Quiso decir {vin}?").format(
                why=why, vin=detail.split(":", 1)[1])
        if m.erp_id is not None:
            return fmt.tr("{why} (así está en el ERP)").format(why=why)
        return why
    if m.kind == "count_scanned_twice" and detail.isdigit():
        return fmt.tr("Contado {n} veces").format(n=fmt.count(int(detail)))
    return fmt.detail_name(detail or None)


def vehicle_text(record: dict[str, Any] | None) -> str:
    """The ERP's description of a unit: "Mazda CX-30 2026 · Rojo"."""
    if record is None:
        return fmt.EMPTY
    words = [str(record[c]).title() for c in ("make", "model") if record.get(c)]
    if record.get("model_year"):
        words.append(str(record["model_year"]))
    text = " ".join(words)
    if record.get("color"):
        text = f"{text} · {str(record['color']).capitalize()}" if text else str(record["color"])
    return text or fmt.EMPTY


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    text: Callable[[Mismatch, dict[str, Any] | None], str]
    numeric: bool = False


def _columns() -> tuple[_Column, ...]:
    def status(m: Mismatch, r: dict[str, Any] | None) -> str:
        code = (r or {}).get("status")
        return fmt.status_name(str(code)) if code else fmt.EMPTY

    # What the manager acts on first: which VIN and what to do about it. The ERP's branch is
    # not a column: the whole result is one branch's, and "Detalle" names the other one.
    return (
        _Column(fmt.tr("Tipo"), lambda m, r: fmt.kind_name(Entity.VEHICLES, m.kind)),
        _Column(fmt.field_name("vin"), lambda m, r: m.key or fmt.EMPTY),
        _Column(fmt.tr("Detalle"), lambda m, r: finding_detail(m)),
        _Column(fmt.tr("Vehículo en el ERP"), lambda m, r: vehicle_text(r)),
        _Column(fmt.tr("Estado en el ERP"), status),
        _Column(fmt.tr("En juego"), lambda m, r: fmt.money(m.at_stake), numeric=True),
        _Column(fmt.tr("Id ERP"), lambda m, r: m.erp_id or fmt.EMPTY),
    )


class CountFindingsModel(ColumnsModel[Mismatch, _Column]):
    """One row per finding of a ``CountResult``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_columns(), parent)
        self._texts: list[list[str]] = []

    def set_result(self, result: CountResult | None) -> None:
        self.beginResetModel()
        self._rows = [] if result is None else list(result.findings)
        self._texts = [
            [c.text(m, result.record(m.erp_id) if result else None) for c in self._columns]
            for m in self._rows
        ]
        self.endResetModel()

    def finding(self, row: int) -> Mismatch:
        return self._rows[row]

    def kinds(self) -> list[str]:
        return [m.kind for m in self._rows]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        m = self._rows[index.row()]
        text = self._texts[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell_alignment(column.numeric)
        if role == SortRole:
            if column.numeric:
                return float(m.at_stake) if m.at_stake is not None else -1.0
            return "" if text == fmt.EMPTY else text.casefold()
        if role == FindingRole:
            return m
        return None


class CountFindingsProxy(QSortFilterProxyModel):
    """Filters the count's findings by kind; sorts on :data:`SortRole`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self.setSortRole(SortRole)

    def kind(self) -> str | None:
        return self._kind

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            self._kind = kind
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._kind is None:
            return True
        model = self.sourceModel()
        if not isinstance(model, CountFindingsModel):
            return True
        return model.finding(source_row).kind == self._kind

    def finding(self, index: _Index) -> Mismatch | None:
        if not index.isValid():
            return None
        model = self.sourceModel()
        if not isinstance(model, CountFindingsModel):
            return None
        return model.finding(self.mapToSource(index).row())
