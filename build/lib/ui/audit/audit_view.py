"""«Auditoría»: the workspace's hash-chained audit trail, filtered, verified and exported.

One row per audit event — when (in the user's zone, with its offset; the zone named in the
cell's tooltip, :func:`app.domain.moments.moment_text`), who, the action in Spanish,
system and record, field, old → new, proposer, approver, comment, outcome and idempotency key
— filtered by person, record (text), a date range and outcome (the query is
:func:`app.audit.query.rows`, off the GUI thread). «Verificar cadena» walks the whole chain
(:func:`app.audit.verify`) and says it is intact, or where it breaks; «Exportar…» writes the
rows the filters keep to XLSX or CSV (:func:`app.audit.export.export`: no cell can start a
formula, amounts stay numbers). Anyone with a role reads it; auditors come here for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.audit import VerifyResult, verify
from app.audit.export import export
from app.audit.query import (
    AuditEntry,
    AuditFilter,
    outcome_name,
    outcomes,
    people,
    rows,
    value_words,
)
from app.domain.moments import moment_text
from app.domain.schema import Entity
from app.progress import CancelToken, Progress, Task
from app.writeback.workspace import Store
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.models import read_only_flags
from ui.common.table_export import ExportInfo, filters_text
from ui.common.tables import setup_findings_view
from ui.common.tasks import TaskRunner
from ui.corrections.corrections_session import DecisionsSession

_Index = QModelIndex | QPersistentModelIndex

#: At most this many rows (the newest) are shown; the filters find older ones.
LIMIT = 20_000


def when_text(entry: AuditEntry) -> str:
    """«20/11/2026 10:04:05 -05:00»: in the user's zone, with its offset."""
    return moment_text(entry.at, seconds=True, offset=True)


def when_said(entry: AuditEntry) -> str:
    """«20/11/2026 10:04:05 (hora de Colombia)»: the same, the zone named in words."""
    return moment_text(entry.at, seconds=True)


def _where(entry: AuditEntry) -> str:
    parts = []
    if entry.system:
        parts.append(fmt.system_name(entry.system))
    if entry.entity:
        try:
            parts.append(fmt.entity_name(Entity(entry.entity)))
        except ValueError:
            parts.append(entry.entity)
    return " · ".join(parts)


def _change(entry: AuditEntry) -> str:
    if entry.old is None and entry.new is None:
        return ""
    field = entry.field or ""
    old = fmt.shown_value(field, value_words(entry.action, entry.old_value), stored=True) \
        if entry.old is not None else fmt.tr_label("vacío")
    new = fmt.shown_value(field, value_words(entry.action, entry.new_value), stored=True) \
        if entry.new is not None else fmt.tr_label("vacío")
    return f"{old} → {new}"


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    text: Callable[[AuditEntry], str]
    sort: Callable[[AuditEntry], Any]
    numeric: bool = False


def _text(get: Callable[[AuditEntry], str | None]) -> Callable[[AuditEntry], str]:
    return lambda e: get(e) or ""


COLUMNS: tuple[_Column, ...] = (
    _Column(QT_TRANSLATE_NOOP("AuditModel", "N.º"), lambda e: fmt.count(e.seq),
            lambda e: e.seq, numeric=True),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Cuándo"), when_text, lambda e: e.seq),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Quién"), _text(lambda e: e.actor),
            lambda e: e.actor),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Acción"), lambda e: fmt.tr_label(e.action_name),
            lambda e: e.action_name),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Sistema"), _where, _where),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Registro"), _text(lambda e: e.record),
            _text(lambda e: e.record)),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Campo"),
            lambda e: fmt.field_name(e.field) if e.field else "", _text(lambda e: e.field)),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Cambio"), _change, _change),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Propuso"), _text(lambda e: e.proposer),
            _text(lambda e: e.proposer)),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Aprobó"), _text(lambda e: e.approver),
            _text(lambda e: e.approver)),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Comentario"), _text(lambda e: e.comment),
            _text(lambda e: e.comment)),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Resultado"), lambda e: fmt.tr_label(e.outcome_name),
            lambda e: e.outcome_name),
    _Column(QT_TRANSLATE_NOOP("AuditModel", "Clave de idempotencia"),
            _text(lambda e: e.idempotency_key), _text(lambda e: e.idempotency_key)),
)


class AuditModel(QAbstractTableModel):
    """The audit rows on screen; ``Qt.UserRole`` gives each cell's sort key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry, column = self._entries[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column.header in ("Cambio", "Comentario",
                                                                    "Clave de idempotencia"):
            text = column.text(entry)
            return text or None
        if role == Qt.ItemDataRole.ToolTipRole and column.text is when_text:
            return when_said(entry)
        if role == Qt.ItemDataRole.UserRole:
            return column.sort(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section].header)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return read_only_flags(index)


@dataclass(frozen=True, slots=True)
class AuditPage:
    """What one load read: the rows, whether the limit cut older ones, and the choices the
    person and outcome filters offer."""

    entries: list[AuditEntry]
    limited: bool
    people: list[str]
    outcomes: list[str]


def load_task(store: Store, audit_filter: AuditFilter, cancel: CancelToken) -> Task[AuditPage]:
    yield Progress("audit_load", 0, 1)
    found = rows(store, audit_filter, limit=LIMIT)
    cancel.check()
    return AuditPage(found, len(found) >= LIMIT, people(store), outcomes(store))


def verify_task(store: Store, cancel: CancelToken) -> Task[VerifyResult]:
    yield Progress("audit_verify", 0, 1)
    return verify(store)


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    count: int


def export_task(store: Store, path: Path, audit_filter: AuditFilter,
                cancel: CancelToken) -> Task[Exported]:
    yield Progress("audit_export", 0, 1)
    return Exported(path, export(store, path, audit_filter))


class AuditDialog(QDialog):
    """The audit view (a non-modal window): filters, the table, verify and export."""

    def __init__(self, session: DecisionsSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Auditoría"))
        self.session = session
        self.page: AuditPage | None = None
        self.verified: VerifyResult | None = None
        self.exported: Exported | None = None

        self.loader = TaskRunner(self)
        self.loader.finished.connect(self._on_loaded)
        self.loader.failed.connect(self._show_status)
        self.worker = TaskRunner(self)
        self.worker.finished.connect(self._on_work)
        self.worker.failed.connect(self._show_status)
        self.worker.runningChanged.connect(self._on_worker_running)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_view(), 1)
        layout.addLayout(self._build_bottom())
        self.resize(1280, 640)
        self._wire_reloads()
        self.reload()

    # -- building -----------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        """Persona, Registro, Desde/Hasta and Resultado."""
        self.person_combo = QComboBox(self)
        self.person_combo.addItem(self.tr("Todas"), None)
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.record_edit = QLineEdit(self)
        self.record_edit.setPlaceholderText(self.tr("Id del registro, corrección o clave"))
        self.record_edit.setClearButtonEnabled(True)
        self.record_edit.setMinimumWidth(220)
        self.since_check = QCheckBox(self.tr("&Desde:"), self)
        self.since_edit = self._date_edit()
        self.until_check = QCheckBox(self.tr("&Hasta:"), self)
        self.until_edit = self._date_edit()
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.addItem(self.tr("Todos"), None)
        self.outcome_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        person_label = QLabel(self.tr("&Persona:"), self)
        person_label.setBuddy(self.person_combo)
        record_label = QLabel(self.tr("Re&gistro:"), self)
        record_label.setBuddy(self.record_edit)
        outcome_label = QLabel(self.tr("Res&ultado:"), self)
        outcome_label.setBuddy(self.outcome_combo)
        for widget in (person_label, self.person_combo, record_label, self.record_edit,
                       self.since_check, self.since_edit, self.until_check, self.until_edit,
                       outcome_label, self.outcome_combo):
            filters.addWidget(widget)
        filters.addStretch(1)
        return filters

    def _build_view(self) -> QTableView:
        """The trail, sortable, the newest first."""
        self.model = AuditModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView(self)
        self.view.setObjectName("auditTable")
        self.view.setModel(self.proxy)
        setup_findings_view(self.view, self.tr("Registro de auditoría"))
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        return self.view

    def _build_bottom(self) -> QHBoxLayout:
        """How many rows, what the last action said, Verificar cadena, Exportar…, Cerrar."""
        self.count_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("&Verificar cadena"), self)
        self.verify_button.setToolTip(self.tr("Comprueba la huella de cada fila: detecta filas "
                                              "alteradas, borradas o reordenadas"))
        self.verify_button.clicked.connect(self.verify_chain)
        self.export_button = QPushButton(self.tr("&Exportar…"), self)
        self.export_button.setToolTip(self.tr("Guarda las filas filtradas en XLSX o CSV"))
        self.export_button.clicked.connect(lambda: self.export_rows())
        self.close_button = QPushButton(self.tr("Ce&rrar"), self)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.close_button)
        return bottom

    def _wire_reloads(self) -> None:
        """Any filter reloads the rows (typing in Registro after a pause); so does a
        decision taken anywhere in the window."""
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self.reload)
        self.record_edit.textChanged.connect(lambda _t: self._reload_timer.start())
        self.record_edit.returnPressed.connect(self.reload)
        for combo in (self.person_combo, self.outcome_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for check, edit in ((self.since_check, self.since_edit),
                            (self.until_check, self.until_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.reload())
            edit.dateChanged.connect(lambda _d: self.reload())
        self.session.changed.connect(self._reload_timer.start)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate(), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setEnabled(False)
        return edit

    # -- filters ------------------------------------------------------------------------------

    def audit_filter(self) -> AuditFilter:
        """The filter the widgets say."""
        def day(check: QCheckBox, edit: QDateEdit) -> date | None:
            if not check.isChecked():
                return None
            qd = edit.date()
            return date(qd.year(), qd.month(), qd.day())

        return AuditFilter(person=self.person_combo.currentData(),
                           record=self.record_edit.text().strip() or None,
                           since=day(self.since_check, self.since_edit),
                           until=day(self.until_check, self.until_edit),
                           outcome=self.outcome_combo.currentData())

    def export_info(self, view: Any) -> ExportInfo:
        """«Exportar a Excel…» of the table: the filters the rows were read with."""
        f = self.audit_filter()
        return ExportInfo(self.tr("Auditoría"), filters_text([
            (self.tr("Persona"), self.person_combo.currentText() if f.person else None),
            (self.tr("Registro"), f.record),
            (self.tr("Desde"), f.since.strftime("%d/%m/%Y") if f.since else None),
            (self.tr("Hasta"), f.until.strftime("%d/%m/%Y") if f.until else None),
            (self.tr("Resultado"), self.outcome_combo.currentText() if f.outcome else None)]))

    def set_filter(self, *, person: str | None = None, record: str = "",
                   since: date | None = None, until: date | None = None,
                   outcome: str | None = None) -> None:
        """Set every filter at once and reload once (tests and links use it)."""
        widgets = (self.person_combo, self.record_edit, self.since_check, self.since_edit,
                   self.until_check, self.until_edit, self.outcome_combo)
        for w in widgets:
            w.blockSignals(True)
        try:
            self._select(self.person_combo, person)
            self._select(self.outcome_combo, outcome)
            self.record_edit.setText(record)
            for check, edit, value in ((self.since_check, self.since_edit, since),
                                       (self.until_check, self.until_edit, until)):
                check.setChecked(value is not None)
                edit.setEnabled(value is not None)
                if value is not None:
                    edit.setDate(QDate(value.year, value.month, value.day))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.reload()

    @staticmethod
    def _select(combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value)
        if index < 0 and value is not None:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def reload(self) -> None:
        """Read the rows the filters keep (off the GUI thread)."""
        self._reload_timer.stop()
        store = self.session.store
        if store is None:
            self._show_status(self.session.error or self.tr("No hay almacén de trabajo."))
            return
        audit_filter = self.audit_filter()
        self.loader.start(lambda cancel: load_task(store, audit_filter, cancel))

    @property
    def loading(self) -> bool:
        return self.loader.running

    def _on_loaded(self, page: Any) -> None:
        if not isinstance(page, AuditPage):
            return
        self.page = page
        self._fill_choices(self.person_combo, page.people, lambda p: p)
        self._fill_choices(self.outcome_combo, page.outcomes,
                           lambda o: fmt.tr_label(outcome_name(o)))
        self.model.set_entries(page.entries)
        n = len(page.entries)
        text = self.tr("{n} registro") if n == 1 else self.tr("{n} registros")
        self.count_label.setText(text.format(n=fmt.count(n)))
        if page.limited:
            self.count_label.setText(self.count_label.text() + self.tr(
                " (los más recientes; filtre para ver otros)"))
        self._fit_columns()

    @staticmethod
    def _fill_choices(combo: QComboBox, values: list[str],
                      label: Callable[[str], str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for value in sorted(set(values) | ({current} if current else set())):
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        finally:
            combo.blockSignals(False)

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(200)
        self.view.resizeColumnsToContents()
        widest = max(160, self.fontMetrics().averageCharWidth() * 34)
        for c in range(self.model.columnCount() - 1):
            if header.sectionSize(c) > widest:
                header.resizeSection(c, widest)

    # -- verify and export ----------------------------------------------------------------------

    def verify_chain(self) -> None:
        """Walk the whole chain off the GUI thread; the status line says the verdict."""
        store = self.session.store
        if store is None:
            return
        self.verified = None
        self._show_status(self.tr("Verificando la cadena…"))
        self.worker.start(lambda cancel: verify_task(store, cancel))

    def export_rows(self, path: Path | None = None) -> None:
        """Export the filtered rows to ``path`` (asked with a save dialog when None)."""
        store = self.session.store
        if store is None:
            return
        if path is None:
            path = self.ask_save_path(f"auditoria_{date.today().isoformat()}.xlsx")
            if path is None:
                return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        audit_filter = self.audit_filter()
        self.exported = None
        self._show_status(self.tr("Exportando…"))
        target = path
        self.worker.start(lambda cancel: export_task(store, target, audit_filter, cancel))

    def ask_save_path(self, default_name: str) -> Path | None:
        """Where to save the export (override in tests)."""
        name, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Exportar auditoría"), str(Path.home() / default_name),
            self.tr("Libro de Excel (*.xlsx);;CSV (*.csv)"))
        return Path(name) if name else None

    def _on_work(self, result: Any) -> None:
        if isinstance(result, VerifyResult):
            self.verified = result
            if result.ok:
                self._show_status(self.tr("Cadena íntegra: {n} registros.").format(
                    n=fmt.count(result.rows)), ok=True)
            else:
                self._show_status(result.message, ok=False)
        elif isinstance(result, Exported):
            self.exported = result
            self._show_status(self.tr("Se exportaron {n} filas a {path}.").format(
                n=fmt.count(result.count), path=result.path))

    def _on_worker_running(self, running: bool) -> None:
        self.verify_button.setEnabled(not running)
        self.export_button.setEnabled(not running)

    def _show_status(self, text: str, ok: bool | None = None) -> None:
        color = "" if ok is None else "#1d5e2a" if ok else "#8a1c1c"
        self.status.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")
        self.status.setText(text)

    def shutdown(self) -> bool:
        loaded = self.loader.shutdown()
        return self.worker.shutdown() and loaded
