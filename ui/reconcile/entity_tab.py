"""One tab of the main window: the findings of one entity (Clientes, Pagos or Inventario).

Summary per kind on the left, the filterable, sortable findings table in the middle and the
side-by-side panel on the right, in a splitter. The table opens sorted by pesos at stake, the
largest first (then the oldest finding, once findings carry their age); its «Corrección»
column says what is already done about each finding («Propuesta por Ana Ruiz el …»), read
from the correction loop whenever a decision is written. The panel follows the table's current row, so
the arrow keys (and Enter, which moves down like a spreadsheet) walk through the findings.
On Clientes, «Exportar datos del titular…» under the records asks for everything Cuadre holds
about the selected customer's document (Ley 1581): the tab emits ``subjectRequested``.
«Estado» and «Responsable» (``app.findings``, read again after every reconciliation shown)
sit beside «Antigüedad», with filters by state, owner and age over the table; the actions on
the selected findings (``finding_actions``) are in the table's context menu, on the panel
under the records and on the keyboard. Filters, sort and selection survive F5. Findings
matched by hand, which the report shown (the manual matches applied) no longer lists, keep
their rows, «Conciliada a mano», without counting among the tab's findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from app.findings import views as finding_views
from app.findings.keys import finding_key
from app.findings.views import FindingView
from app.reconcile.results import EntityResult, Mismatch
from ui.common import formatting as fmt
from ui.common.summary import SummaryPanel
from ui.common.table_export import _INSTALLED as EXPORT_INSTALLED
from ui.common.table_export import ExportInfo, filters_text
from ui.common.tables import FastTextDelegate, fit_columns, setup_findings_view
from ui.corrections.corrections_panel import ProposalPanel
from ui.corrections.corrections_session import DecisionsSession
from ui.corrections.proposal_state import CorrectionMarks, correction_color, correction_mark
from ui.reconcile.finding_actions import FindingActions
from ui.reconcile.finding_rows import FindingRow, Mark
from ui.reconcile.findings_model import FindingsModel, PreparedFindings
from ui.reconcile.findings_proxy import FindingsProxy
from ui.reconcile.findings_view import FindingsView, subject_doc
from ui.reconcile.life_reader import LifeData, LifeReader, apply_life
from ui.reconcile.life_widgets import LifeFilters, LifePanel
from ui.reconcile.side_by_side import SideBySidePanel

#: Typing pauses this long before the table filters: fast typing asks once. A big table filters
#: on a worker, and a newer search drops an older one still running.
SEARCH_DELAY_MS = 30


class EntityTab(QWidget):
    """Summary, filters, table and side-by-side panel for one entity."""

    subjectRequested = Signal(str)  # «Exportar datos del titular…» for this document number

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entity = entity
        self._result: EntityResult | None = None
        self._marks = CorrectionMarks()  # which findings already have a correction
        self._marks_stale = False  # a decision was written while the tab was out of sight
        self._life_for: tuple[EntityResult, str | None] | None = None  # what it was read for
        self._life_shown: object = None  # the reading whose states the rows show
        self._names: dict[str, str] = {}  # login → name, for «Responsable»
        self._kept = 0  # rows of findings matched by hand that the report no longer lists
        self._pending_keys: list[str] = []  # the selection to restore once states are read
        self._select_first = False  # choose the first row once the proxy has the new rows
        self._life_reader = LifeReader(self)
        self._life_reader.loaded.connect(self._apply_life)

        self.model = FindingsModel(entity, self)
        self.proxy = FindingsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.summary = SummaryPanel(entity, self)
        self.summary.kindSelected.connect(self.set_kind)
        self._build_filters()
        self._build_view()
        self.finding_actions = FindingActions(self, self.selected_views, self._session)
        self.finding_actions.changed.connect(self._life_changed)
        self.life_filters = LifeFilters(self)
        self.life_filters.changed.connect(self.apply_life_filters)
        right = self._build_records()
        center = self._build_center()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.summary)
        self.splitter.addWidget(center)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([290, 710, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.splitter)

        QWidget.setTabOrder(self.summary.list_widget(), self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.search_edit)
        previous: QWidget = self.search_edit
        for combo in self.life_filters.combos():
            QWidget.setTabOrder(previous, combo)
            previous = combo
        QWidget.setTabOrder(previous, self.view)
        QWidget.setTabOrder(self.view, self.side_panel.table())
        QWidget.setTabOrder(self.side_panel.table(), self.proposal_panel.comment)
        self._fill_combo([])
        self._update_shown()

    # -- construction -----------------------------------------------------------------------

    def _build_filters(self) -> None:
        """The kind combo, the search box (it filters after a pause) and the rows shown."""
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.setAccessibleName(self.tr("Filtrar por tipo de diferencia"))
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo.currentIndexChanged.connect(self._on_combo_changed)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Buscar…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Buscar en la tabla"))
        self.search_edit.setToolTip(
            self.tr("Busca en todas las columnas y en los registros (nombres, documentos, "
                    "teléfonos, correos), sin importar tildes ni mayúsculas (Ctrl+F)")
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_search)

        self.shown_label = QLabel(self)
        self.shown_label.setObjectName("shownLabel")

    def _build_view(self) -> None:
        """The findings table; its current row drives the panels on the right."""
        self.view = FindingsView(self)
        self.view.setObjectName("findingsView")
        self.view.setModel(self.proxy)
        setup_findings_view(self.view, self.tr("Diferencias"))
        # Painted without asking the proxy ten roles per cell: a repaint after each sort or
        # filter of a big table stays short.
        self.view.setItemDelegate(FastTextDelegate(self.proxy.paint_cell, self.view))
        # The biggest pesos at stake first, the oldest first among equal pesos; customers,
        # who carry no pesos, the oldest first.
        money = self.model.money_column()
        self.view.sortByColumn(self.model.age_column() if money is None else money,
                               Qt.SortOrder.DescendingOrder)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        # Its context menu: the actions on the selected findings, then «Exportar a Excel…»
        # (the window's exporter leaves a view so marked to it).
        self.view.setProperty(EXPORT_INSTALLED, True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.proxy.settled.connect(self._settled)
        self.proxy.busyChanged.connect(lambda _busy: self._update_shown())

    def _build_records(self) -> QSplitter:
        """The right side: the records side by side (with «Exportar datos del titular…» on
        Clientes) over the correction proposed for the current finding."""
        self.side_panel = SideBySidePanel(self)
        # The correction proposed for the current finding, and bulk proposing on a selection.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.proposal_panel = ProposalPanel(self)
        self.proposal_panel.set_selection_source(self.selected_findings)
        self.proposal_panel.sessionSet.connect(self._watch_session)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.proposal_panel.selection_changed())
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.finding_actions.update())
        self.life_panel = LifePanel(self.finding_actions.actions(), self)
        self.finding_actions.message.connect(self.life_panel.say)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setChildrenCollapsible(False)
        # The records side by side stay readable (about six fields) when the Correcciones
        # dock takes the bottom of the window.
        self.side_panel.setMinimumHeight(240)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(4)
        side_layout.addWidget(self.side_panel, 1)
        side_layout.addWidget(self.life_panel)
        self.subject_button: QPushButton | None = None
        if self._entity is Entity.CUSTOMERS:
            self.subject_button = QPushButton(self.tr("Exportar datos del &titular…"), side)
            self.subject_button.setObjectName("subjectButton")
            self.subject_button.clicked.connect(self.request_subject_export)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.subject_button)
            side_layout.addLayout(row)
        right.addWidget(side)
        right.addWidget(self.proposal_panel)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setSizes([470, 300])
        return right

    def _build_center(self) -> QWidget:
        """The filters in a row over the findings table."""
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(8)
        kind_label = QLabel(self.tr("&Tipo:"), self)
        kind_label.setBuddy(self.kind_combo)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.shown_label)

        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(6)
        center_layout.addLayout(filters)
        center_layout.addWidget(self.life_filters)
        center_layout.addWidget(self.view, 1)
        return center

    @property
    def entity(self) -> Entity:
        return self._entity

    @property
    def result(self) -> EntityResult | None:
        return self._result

    def finding_count(self) -> int:
        """The findings of the report shown (not the rows kept for those matched by hand)."""
        return self.model.rowCount() - self._kept

    # -- filling ----------------------------------------------------------------------------

    def set_result(self, result: EntityResult | None,
                   prepared: PreparedFindings | None = None) -> None:
        """Show ``result`` (None empties the tab); filters are kept, the first row is chosen.

        ``prepared`` carries the rows already prepared off the GUI thread (big reports).
        """
        kept = self._selected_keys() or self._pending_keys  # still waiting for its rows
        self._result, self._kept, self._life_for = result, 0, None  # new rows: read again
        summary = ([] if result is None else prepared.summary
                   if prepared is not None and prepared.summary is not None
                   else result.summary())
        if prepared is not None:
            self.model.set_findings(prepared)
        else:
            self.model.set_findings(result.findings() if result is not None else [], result)
        self._sort_as_shown()  # new rows arrive in the engine's order
        apart = ([] if result is None else prepared.apart
                 if prepared is not None and prepared.apart is not None else result.apart())
        self.summary.set_summary(summary, apart)
        self._fill_combo(summary)
        kind = self.proxy.kind()
        if kind is not None and not any(k == kind and n for k, n, _ in summary):
            kind = None
        self.set_kind(kind)
        self.refresh_marks()
        widest = max(140, self.fontMetrics().averageCharWidth() * 30)
        fit_columns(self.view, widest, rows=200)
        self._widen_names(widest * 5 // 4)
        self._pending_keys = [] if self.select_keys(kept) else kept
        self._select_first = self.proxy.busy  # once the rows are there (a big table)
        if self._pending_keys or not kept:
            self.select_row(0)

    def _sort_as_shown(self) -> None:
        """Sort the rows again as the header shows (new rows, new ages)."""
        header = self.view.horizontalHeader()
        if 0 <= header.sortIndicatorSection() < self.model.columnCount():
            self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _settled(self) -> None:
        """The rows shown follow the filters and the sort: the counts, the panel and a
        selection still waiting for its rows (F5 on a big table)."""
        if self._pending_keys and self.select_keys(self._pending_keys):
            self._pending_keys = []
        elif self._select_first and not self.view.currentIndex().isValid():
            self.select_row(0)
        self._select_first = False
        self._after_filter()

    def _widen_names(self, widest: int) -> None:
        """Customers' names are what a person reads a row by: their column may be a quarter
        wider than the others before it cuts one (in the middle; the tooltip has both)."""
        names = self.model.names_column()
        if names is not None:
            wanted = min(self.view.sizeHintForColumn(names), widest)
            header = self.view.horizontalHeader()
            header.resizeSection(names, max(header.sectionSize(names), wanted))

    # -- what is already done ---------------------------------------------------------------

    def _watch_session(self, session: DecisionsSession) -> None:
        session.changed.connect(self.refresh_marks)
        session.userChanged.connect(lambda _user: self._user_changed())
        self.refresh_marks()

    def _session(self) -> DecisionsSession | None:
        panel = getattr(self, "proposal_panel", None)  # None while the tab is being built
        return None if panel is None else panel.session

    def _user_changed(self) -> None:
        self._life_for = None  # the names and people may have changed too
        self.apply_life_filters()
        self.finding_actions.update()

    def refresh_marks(self) -> None:
        """Read again which findings have a correction under way or done («Corrección»).

        A tab out of sight waits until it is shown: every decision would otherwise read the
        store's corrections once per tab."""
        if self.window().isVisible() and not self.isVisible():
            self._marks_stale = True
            return
        self._marks_stale = False
        session, result = self.proposal_panel.session, self._result
        if session is None or session.store is None or result is None \
                or not self.model.rowCount():
            self.model.set_marks({})
            return
        fresh = self._refresh_life(session, result)
        found = self._marks.update(session.store, result, self.model.findings(),
                                   session.system_of_record)
        if found and not fresh and session.workspace:  # a correction moves their state
            ids = [self.model.row_item(row).fid for row in found]
            self._life_changed(finding_views.findings(session.store, session.workspace,
                                                      ids=[i for i in ids if i]))
        names = {p.login: p.name for p in session.people()} if found else {}
        self.model.set_marks({row: Mark(correction_mark(view, names), correction_color(view))
                              for row, view in found.items()})

    def _refresh_life(self, session: DecisionsSession, result: EntityResult) -> bool:
        """Read where each finding stands — state, owner, age (``app.findings``) — once per
        reconciliation shown (True then), on a worker (``life_reader``)."""
        workspace, store = session.workspace, session.store
        if store is None or (self._life_for is not None and self._life_for[0] is result
                             and self._life_for[1] == workspace):
            return False
        self._life_for = (result, workspace)
        self._life_reader.read(store, workspace, self._entity, self._life_for,
                               self.model.findings())  # their ids are computed there
        return True

    def _apply_life(self, data: LifeData) -> None:
        """What was read on the rows (unless another reconciliation is shown by now); then
        the order again, the oldest first among equal pesos, the filters on the new states
        and the selection kept through F5."""
        if data.token is not self._life_for or self._life_for is None:
            return
        self._life_shown = data.token
        self._names = data.names
        self.life_filters.set_people(data.people)
        self._kept = apply_life(self.model, data, self._life_for[1], self._result)
        self._sort_as_shown()
        self.apply_life_filters()
        if self._pending_keys and self.select_keys(self._pending_keys):
            self._pending_keys = []
        self.finding_actions.update()

    @property
    def life_ready(self) -> bool:
        """Whether the rows show the states read for the reconciliation shown (or none is due:
        no workspace)."""
        return self._life_for is None or self._life_shown is self._life_for

    def _life_changed(self, views: Sequence[FindingView]) -> None:
        """Findings read again after an action: their rows and the panel follow."""
        self.model.update_life(views, self._names)
        self.finding_actions.update()
        self._update_shown()
        self._sync_panel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._marks_stale:
            self.refresh_marks()

    def _fill_combo(self, summary: Sequence[tuple[str, int, Decimal]]) -> None:
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.clear()
            total = sum(int(n) for _, n, _ in summary)
            self.kind_combo.addItem(
                self.tr("Todos los tipos ({n})").format(n=fmt.count(total)), None
            )
            for kind, n, _ in summary:
                self.kind_combo.addItem(
                    f"{fmt.kind_name(self._entity, kind)} ({fmt.count(int(n))})", kind
                )

    # -- filters ----------------------------------------------------------------------------

    def set_kind(self, kind: str | None) -> None:
        """Filter the table by ``kind`` (a code; None = every kind); combo and summary follow."""
        with QSignalBlocker(self.kind_combo):
            index = self.kind_combo.findData(kind) if kind is not None else 0
            self.kind_combo.setCurrentIndex(max(index, 0))
        self.summary.select_kind(kind)
        self.proxy.set_kind(kind)
        self._after_filter()

    def _on_combo_changed(self, index: int) -> None:
        self.set_kind(self.kind_combo.itemData(index))

    def apply_search(self) -> None:
        """Filter by the search box now (typing waits ``SEARCH_DELAY_MS`` first)."""
        self._search_timer.stop()
        self.proxy.set_search(self.search_edit.text())
        self._after_filter()

    def apply_life_filters(self) -> None:
        """State, owner and age, as the filters above the table say («Yo»: who works)."""
        session = self.proposal_panel.session
        me = session.user if session is not None else None
        self.proxy.set_life_filters(*self.life_filters.values(me))
        self._after_filter()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def export_info(self, view: QTableView) -> ExportInfo:
        """«Exportar a Excel…»: what the table is and the filters it shows (a search still
        being typed is applied first, so the file holds what the filter line says)."""
        name = fmt.entity_name(self._entity)
        if view is not self.view:
            return ExportInfo(self.tr("{entity} — registros lado a lado").format(entity=name))
        if self._search_timer.isActive():
            self.apply_search()
        kind = self.proxy.kind()
        return ExportInfo(self.tr("{entity} — diferencias").format(entity=name), filters_text([
            (self.tr("Tipo"), fmt.kind_name(self._entity, kind) if kind else None),
            *self.life_filters.describe(),
            (self.tr("Buscar"), self.search_edit.text().strip())]))

    def _after_filter(self) -> None:
        self._update_shown()
        self._sync_panel()

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if self.proxy.busy:  # a big table filters and sorts on a worker
            text = self.tr("Filtrando {n} filas…").format(n=fmt.count(total))
        elif shown == total:
            text = (self.tr("{n} fila") if total == 1 else self.tr("{n} filas")).format(
                n=fmt.count(total)
            )
        else:
            text = self.tr("{shown} de {n} filas").format(
                shown=fmt.count(shown), n=fmt.count(total)
            )
        self.shown_label.setText(text)

    # -- current row → panel ----------------------------------------------------------------

    def select_row(self, row: int) -> None:
        """Make ``row`` (a row of the filtered table) current and selected, if it exists."""
        if 0 <= row < self.proxy.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(self.proxy.index(row, 0))
        else:
            self._sync_panel()

    def current_finding(self) -> Mismatch | None:
        return self.proxy.finding(self.view.currentIndex())

    def selected_findings(self) -> list[Mismatch]:
        """The findings of the selected rows (of the filtered table), in the table's order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        found = (self.proxy.finding(self.proxy.index(r, 0)) for r in rows)
        return [f for f in found if f is not None]

    def _row_at(self, index: QModelIndex) -> FindingRow | None:
        if not index.isValid():
            return None
        return self.model.row_item(self.proxy.mapToSource(index).row())

    def selected_views(self) -> list[FindingView]:
        """Where the selected findings stand (those a saved run knows), in the table's order."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        found = (self._row_at(i) for i in rows)
        return [r.life for r in found if r is not None and r.life is not None]

    def _selected_keys(self) -> list[str]:
        """The selected findings' stable keys, the current one first (kept through F5)."""
        current = self._row_at(self.view.currentIndex())
        rows: list[FindingRow | None] = [current]
        rows += [self._row_at(i) for i in self.view.selectionModel().selectedRows()]
        return list(dict.fromkeys(finding_key(self._entity, r.finding) for r in rows
                                  if r is not None))

    def select_keys(self, keys: Sequence[str]) -> bool:
        """Select the rows of the findings with ``keys`` (the first one current); False when
        none of them is shown any more (or the rows are still being filtered)."""
        wanted = set(keys)
        if not wanted or self.proxy.busy:
            return False
        source = self.model.rows_with_keys(wanted)
        shown = sorted((row, key) for s, key in source.items()
                       if (row := self.proxy.row_of_source(s)) >= 0)
        if not shown:
            return False
        current = next((row for row, key in shown if key == keys[0]), shown[0][0])
        model = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        model.setCurrentIndex(self.proxy.index(current, 0),
                              flags.ClearAndSelect | flags.Rows)
        for row, _key in shown:
            model.select(self.proxy.index(row, 0), flags.Select | flags.Rows)
        self.view.scrollTo(self.proxy.index(current, 0))
        return True

    def _context_menu(self, pos: QPoint) -> None:
        self.context_menu().popup(self.view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The actions on the selected findings, then the window's «Exportar a Excel…»."""
        exporter = getattr(self.window(), "table_exporter", None)
        menu = exporter.context_menu(self.view) if exporter is not None else QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not menu.actions():
            menu.addActions(self.finding_actions.actions())
            return menu
        first = menu.actions()[0]
        menu.insertActions(first, self.finding_actions.actions())
        menu.insertSeparator(first)
        return menu

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.proxy.finding(current))

    def _sync_panel(self) -> None:
        self._show(self.current_finding())

    def _show(self, finding: Mismatch | None) -> None:
        self.side_panel.show_finding(self._result, finding)
        self.proposal_panel.show_finding(self._result, finding)
        row = self._row_at(self.view.currentIndex())
        self.life_panel.show_view(row.life if row is not None and finding is not None else None,
                                  self._names)
        if self.subject_button is not None:
            doc = subject_doc(self._result, finding)
            self.subject_button.setEnabled(doc is not None)
            self.subject_button.setToolTip(
                self.tr("Exporta a JSON todo lo que Cuadre tiene del documento {doc} "
                        "(Ley 1581)").format(doc=doc) if doc
                else self.tr("La diferencia seleccionada no tiene un documento de cliente."))

    def request_subject_export(self) -> None:
        """Ask the window to export everything about the selected customer's document."""
        doc = subject_doc(self._result, self.current_finding())
        if doc is not None:
            self.subjectRequested.emit(doc)
