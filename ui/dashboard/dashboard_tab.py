"""«Tablero»: the dealer's insights on the reconciliation on screen, as charts over tables.

Five views (``ui/dashboard/*_view.py``): Resumen (differences and pesos at stake per kind
and branch, and their trend across the runs saved in the workspace), Seguimientos (post-sale
follow-ups due, and «Crear seguimientos»), Embudo por origen, Inventario and Renovación.

The window hands the tab each report it shows (``set_report``); the insights are computed by
``app.insights.insights_task`` on the tab's own :class:`~ui.common.tasks.TaskRunner` — off the GUI
thread, with a progress bar and «Cancelar» (Esc) — when the tab is first looked at after that,
and again, after a short pause, when a spin box or the funnel's grouping changes. The trend
reads the workspace's saved runs (``app.writeback.runs.runs``, in the store the corrections
session opened) on the worker too, and hands them to the insights as plain data.

«Crear seguimientos» proposes the follow-ups (the selected rows, or all) through
``app.writeback.followups.propose_followups`` in the workspace store, as the person working:
each becomes a correction that a second person approves in «Correcciones» and «Enviar
aprobadas» sends to the CRM. Customers whose consent does not allow contact are never proposed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.insights import insights_task
from app.insights.model import FollowupDue, Insights
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from app.writeback.errors import CorrectionError
from app.writeback.followups import FollowupProposals, propose_followups
from app.writeback.people import Role
from app.writeback.workspace import Store, StoreError
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.tasks import TaskRunner, show_progress
from ui.corrections.corrections_session import DecisionsSession
from ui.dashboard.feed_export import FeedExport
from ui.dashboard.followups_view import FollowupsView
from ui.dashboard.funnel_view import FunnelView
from ui.dashboard.insight_table import date_text
from ui.dashboard.insight_view import InsightView
from ui.dashboard.renewal_view import RenewalView
from ui.dashboard.stock_view import StockView
from ui.dashboard.summary_view import SummaryView

if TYPE_CHECKING:
    from app.writeback import runs as stored_runs

log = logging.getLogger(__name__)

#: A spin box or the grouping waits this long after the last change before recomputing.
RECOMPUTE_DELAY_MS = 400

_STEP_TEXT = {"insights_runs": QT_TRANSLATE_NOOP("DashboardTab", "Leyendo las conciliaciones guardadas")}


def dashboard_task(report: Report, store: Store | None, workspace: str | None, *,
                   window_days: int, slow_days: int, by: tuple[str, ...],
                   cancel: CancelToken) -> Task[Insights]:
    """The workspace's saved runs (for the trend; none without a store or a workspace, or
    when the store cannot be read), then every insight of ``report``."""
    found: Sequence[stored_runs.RunView] = ()
    if store is not None and workspace:
        yield Progress("insights_runs", 0, 1)
        try:
            from app.writeback import runs as stored_runs  # with the first dashboard shown

            found = stored_runs.runs(store, workspace)
        except StoreError as exc:  # the trend is left out; the rest still helps
            log.warning("could not read the saved runs for the trend: %s", type(exc).__name__)
    cancel.check()
    return (yield from insights_task(report, runs=found, window_days=window_days,
                                     slow_days=slow_days, by=by, cancel=cancel))


def proposals_text(outcome: FollowupProposals) -> str:
    """What «Crear seguimientos» did, and what happens next, in Spanish."""
    created, skipped = len(outcome.created), list(outcome.skipped)
    if created:
        text = (fmt.tr("1 seguimiento propuesto.") if created == 1 else
                fmt.tr("{n} seguimientos propuestos.").format(n=fmt.count(created)))
        text += " " + fmt.tr("Esperan la aprobación de otra persona en «Correcciones» y se "
                             "envían al CRM con «Enviar aprobadas».")
    else:
        text = fmt.tr("No se propuso ningún seguimiento.")
    if skipped:
        reasons = Counter(reason for _due, reason in skipped)
        listed = "; ".join(f"{reason.rstrip('.')} ({fmt.count(n)})"
                           for reason, n in reasons.most_common(3))
        if len(reasons) > 3:
            listed += "; …"
        text += " " + (fmt.tr("1 no se propuso: {why}.") if len(skipped) == 1 else
                       fmt.tr("{n} no se propusieron: {why}.")).format(
            n=fmt.count(len(skipped)), why=listed)
    return text


class DashboardTab(QWidget):
    """The «Tablero» tab: the five insight views and the worker that computes them."""

    message = Signal(str)  # a sentence for the window's status bar
    computed = Signal(object)  # the Insights now shown

    def __init__(self, session: DecisionsSession, parent: QWidget | None = None, *,
                 delay_ms: int = RECOMPUTE_DELAY_MS) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.session = session
        self.insights: Insights | None = None
        self._report: Report | None = None
        self._workspace: str | None = None
        self._dirty = False
        self._proposing = False  # «Crear seguimientos» runs on the session's worker

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.runningChanged.connect(self._on_running_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.recompute)

        title = QLabel(self.tr("Tablero"), self)
        title.setObjectName("panelTitle")
        self.as_of = QLabel(self)
        self.as_of.setObjectName("panelSubtitle")
        self.status = QLabel(self)
        self.status.setObjectName("panelSubtitle")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(180)
        self.cancel_button = QPushButton(self.tr("Cancelar"), self)
        self.cancel_button.setToolTip(self.tr("Detener el cálculo del tablero (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(title)
        header.addWidget(self.as_of)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.progress_bar)
        header.addWidget(self.cancel_button)

        self.summary_view = SummaryView(self)
        self.followups_view = FollowupsView(self)
        self.funnel_view = FunnelView(self)
        self.stock_view = StockView(self)
        self.renewal_view = RenewalView(self)
        self.views = QTabWidget(self)
        self.views.setObjectName("dashboardViews")
        self.views.setDocumentMode(True)
        for view in self.all_views():
            self.views.addTab(view, fmt.tr(view.name))
            view.paramsChanged.connect(self.schedule)
        self.followups_view.createRequested.connect(self.create_followups)
        self.feed = self._feed_export()
        self.followups_view.selectionChanged.connect(self._refresh_create)
        session.userChanged.connect(lambda _user: self._refresh_create())
        session.changed.connect(self._refresh_create)
        session.runner.runningChanged.connect(lambda _running: self._refresh_create())
        session.refused.connect(self._on_refused)

        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.views)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        self._on_running_changed(False)
        self._show_placeholder()
        self._refresh_create()

    def all_views(self) -> list[InsightView]:
        return [self.summary_view, self.followups_view, self.funnel_view, self.stock_view,
                self.renewal_view]

    @property
    def running(self) -> bool:
        return self.runner.running

    # -- the report -------------------------------------------------------------------------

    def set_report(self, report: Report | None, workspace: str | None = None) -> None:
        """The report on screen (None: nothing) and the workspace its runs are saved in; the
        insights are computed now if the tab is on screen, else when it is first shown."""
        self._report, self._workspace = report, workspace
        self._dirty = report is not None
        if report is None:
            self.runner.cancel()
            self.insights = None
            self._show_placeholder()
            return
        if self.isVisible():
            self.recompute()
        else:
            self.as_of.setText(self.tr("Se calcula al abrir el tablero."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.recompute()

    def schedule(self) -> None:
        """Recompute after ``RECOMPUTE_DELAY_MS`` without another change (typing "120")."""
        if self._report is not None:
            self._timer.start()

    def parameters(self) -> dict[str, Any]:
        return {"window_days": self.followups_view.window_days(),
                "slow_days": self.stock_view.slow_days(), "by": self.funnel_view.by()}

    def recompute(self) -> None:
        """Compute the insights of the report now (a computation still running is dropped)."""
        self._timer.stop()
        report = self._report
        if report is None:
            return
        self._dirty = False
        store, workspace = self.session.store, self._workspace
        params = self.parameters()
        self.status.setText(self.tr("Calculando…"))
        if self.insights is None:
            self.placeholder.setText(self.tr("Calculando el tablero…"))
        self.runner.start(lambda cancel: dashboard_task(report, store, workspace,
                                                        cancel=cancel, **params))

    def cancel(self) -> None:
        if self.runner.running or self.feed.runner.running:
            self.status.setText(self.tr("Cancelando…"))
            self.runner.cancel()
            self.feed.cancel()

    def shutdown(self) -> bool:
        self._timer.stop()
        feed_stopped = self.feed.runner.shutdown()
        return self.runner.shutdown() and feed_stopped

    # -- «Feed de anuncios…» --------------------------------------------------------------------

    def _feed_export(self) -> FeedExport:
        """What writes the stock feed: its progress on the tab's bar, «Cancelar» stops it."""
        feed = FeedExport(self)
        feed.message.connect(self._on_feed_message)
        feed.runner.progress.connect(self._on_progress)
        feed.runner.runningChanged.connect(self._on_running_changed)
        self.stock_view.feedRequested.connect(self.export_feed)
        return feed

    @Slot()
    def export_feed(self) -> str | None:
        """Ask where and write the stock feed of the report on screen, off the GUI thread;
        None when started, else why not."""
        why = self.feed.start(self._report)
        if why is not None:
            self._on_feed_message(why)
        return why

    @Slot(str)
    def _on_feed_message(self, text: str) -> None:
        self.stock_view.show_feed_outcome(text)
        self.status.setText("")
        self.message.emit(text)

    # -- the worker's reports -----------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        show_progress(self.progress_bar, progress)
        text = _STEP_TEXT.get(progress.step, QT_TRANSLATE_NOOP("DashboardTab", "Calculando el tablero"))
        if progress.step.startswith("feed"):
            text = QT_TRANSLATE_NOOP("DashboardTab", "Escribiendo el feed de anuncios")
        self.status.setText(self.tr(text) + "…")

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if not isinstance(result, Insights):
            return
        self.insights = result
        for view in self.all_views():
            view.set_insights(result)
        self.as_of.setText(self.tr("Datos al {day}").format(day=date_text(result.today)))
        self.status.setText("")
        self.pages.setCurrentWidget(self.views)
        self._refresh_create()
        self.computed.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        text = self.tr("No se pudo calcular el tablero: {why}").format(why=message)
        self.status.setText(text)
        if self.insights is None:
            self.placeholder.setText(text)
        self.message.emit(text)

    @Slot()
    def _on_cancelled(self) -> None:
        self._dirty = self._report is not None  # computed again when next shown
        self.status.setText(self.tr("Cálculo cancelado."))
        if self.insights is None:
            self.placeholder.setText(self.tr("Cálculo cancelado. Vuelva a abrir el tablero "
                                             "para calcularlo."))

    @Slot(bool)
    def _on_running_changed(self, _running: bool) -> None:
        running = self.runner.running or self.feed.runner.running
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)

    def _show_placeholder(self) -> None:
        self.as_of.setText("")
        self.status.setText("")
        self.placeholder.setText(self.tr(
            "El tablero resume la conciliación en pantalla: diferencias por sede, seguimientos "
            "posventa,\nembudo por origen, inventario y renovación. Concilie primero (F5)."))
        self.pages.setCurrentWidget(self.placeholder)

    # -- «Crear seguimientos» -------------------------------------------------------------------

    def create_refusal(self, dues: Sequence[FollowupDue] | None = None) -> str | None:
        """Why «Crear seguimientos» cannot propose ``dues`` (default: what the button would
        propose) now, or None."""
        session = self.session
        if session.store is None:
            return session.error or self.tr(
                "No hay almacén de trabajo: los seguimientos se proponen como correcciones.")
        if session.user is None:
            return self.tr("Elija primero quién trabaja (Usuario, en la barra de herramientas).")
        if not session.has(Role.PROPOSER):
            return self.tr("Su usuario no tiene el rol de proponer.")
        if session.runner.running:
            return self.tr("Espere: se está registrando otra propuesta.")
        dues = self.followups_view.to_propose() if dues is None else dues
        if not dues:
            return self.tr("No hay seguimientos en la lista.")
        if not any(d.contact_allowed for d in dues):
            return self.tr("Ninguno de estos clientes autorizó el contacto (Ley 1581): no hay "
                           "seguimientos que proponer.")
        return None

    def _refresh_create(self) -> None:
        button = self.followups_view.create_button
        dues = self.followups_view.to_propose()
        allowed = sum(1 for d in dues if d.contact_allowed)
        selected = bool(self.followups_view.table.selected())
        button.setText(self.tr("&Crear seguimientos ({n})").format(n=fmt.count(allowed))
                       if dues else self.tr("&Crear seguimientos"))
        why = self.create_refusal(dues)
        button.setEnabled(why is None)
        if why is not None:
            button.setToolTip(why)
        elif selected:
            button.setToolTip(self.tr(
                "Propone {n} seguimientos de las filas seleccionadas con permiso de contacto; "
                "esperan la aprobación de otra persona.").format(n=fmt.count(allowed)))
        else:
            button.setToolTip(self.tr(
                "Propone {n} seguimientos: todos los de la lista con permiso de contacto "
                "(seleccione filas para proponer solo esas); esperan la aprobación de otra "
                "persona.").format(n=fmt.count(allowed)))

    @Slot(object)
    def create_followups(self, dues: Sequence[FollowupDue] | None = None) -> str | None:
        """Propose ``dues`` (default: the selected rows, or all) as CRM follow-ups, off the
        GUI thread; None when started, else why not."""
        dues = list(self.followups_view.to_propose() if dues is None else dues)
        why = self.create_refusal(dues)
        if why is not None:
            self.followups_view.show_outcome(why)
            self.message.emit(why)
            return why
        session = self.session
        store, user, workspace = session.store, session.user, session.workspace
        assert store is not None and user is not None

        def task(cancel: CancelToken) -> Task[FollowupProposals | str]:
            yield Progress("propose_followups", 0, 1)
            try:
                return propose_followups(store, user, dues, workspace=workspace)
            except (CorrectionError, StoreError) as exc:
                return str(exc)

        self.followups_view.show_outcome(self.tr("Proponiendo los seguimientos…"))
        self._proposing = True
        session.run(task, self._on_proposed)
        return None

    @Slot(str)
    def _on_refused(self, message: str) -> None:
        """The session's worker failed or was cancelled while proposing."""
        if self._proposing:
            self._proposing = False
            self.followups_view.show_outcome(message)

    def _on_proposed(self, outcome: Any) -> None:
        self._proposing = False
        if isinstance(outcome, FollowupProposals):
            text = proposals_text(outcome)
        else:
            text = self.tr("No se pudieron proponer los seguimientos: {why}").format(
                why=outcome)
        self.followups_view.show_outcome(text)
        self.message.emit(text)
        self._refresh_create()
