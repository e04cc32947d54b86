"""«Enviar aprobadas»: push the approved corrections to the CRM and the ERP, item by item.

The dialog first says what is waiting (approved corrections, rows already queued, and sends a
previous session left unconfirmed — the engine reads those back before anything is sent
again: :func:`app.writeback.sending.waiting`), then runs
:func:`app.writeback.sending.push_approved` — what ``cuadre push`` runs — off the GUI thread on
the systems of the source on screen (opened on the worker too, by
``app.connections.systems.open_systems``: it is I/O). Every item appears as it
finishes — system, record, field, the outcome in Spanish and why — and a conflict shows both
values (the one wanted and the one the system holds) and that it went back to the queue for a
decision. «Cancelar envío» is honoured between items: what was sent stays sent, the rest stays
queued and the dialog says how many. Failed items can be put back in the queue and sent again
(«Reintentar fallidas»). When it ends, the «Correcciones» dock reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.connections.credentials import SecretsApi
from app.connections.profiles import ConnectionProfile
from app.connectors.base import SourceError
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress, Task
from app.writeback import outbox
from app.writeback.errors import CorrectionError
from app.writeback.outbox import OutboxItem
from app.writeback.people import PUSHERS
from app.writeback.push import PushSummary
from app.writeback.sending import Targets, Waiting, push_approved, waiting
from app.writeback.states import OutboxState
from app.writeback.workspace import Store
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.tasks import TaskRunner
from ui.corrections.corrections_session import DecisionsSession

#: Opens the systems a push writes to, closing them when the block ends (called on the worker
#: thread: opening is I/O).
SystemsOpener = Callable[[], AbstractContextManager[Targets]]

HEADERS = (QT_TRANSLATE_NOOP("PushDialog", "Sistema"), QT_TRANSLATE_NOOP("PushDialog", "Entidad"),
           QT_TRANSLATE_NOOP("PushDialog", "Registro"), QT_TRANSLATE_NOOP("PushDialog", "Campo"),
           QT_TRANSLATE_NOOP("PushDialog", "Resultado"), QT_TRANSLATE_NOOP("PushDialog", "Detalle"))

_GOOD = QColor("#1d5e2a")
_BAD = QColor("#8a1c1c")
_CONFLICT_BACKGROUND = QColor("#fdecc8")
_CONFLICT_FOREGROUND = QColor("#4a3000")

_BACK_TO_QUEUE = QT_TRANSLATE_NOOP("ui", "Volvió a la cola de Correcciones para decidir de nuevo.")


# --- what the worker reports --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushLine:
    """One item as it ended (or stands): where, what, and — for a conflict — both values."""

    outbox_id: int
    correction_id: str
    kind: str
    system: System
    entity: Entity
    source_id: str
    field: str
    state: OutboxState
    reason: str | None
    detail: str | None
    before: Any  # the value read at approval (the precondition)
    wanted: Any
    found: Any
    has_found: bool

    @classmethod
    def of(cls, item: OutboxItem) -> PushLine:
        field_kind = item.kind == "field"
        before = item.expected.get(item.field) if field_kind else None
        wanted = item.changes.get(item.field) if field_kind else None
        return cls(item.id, item.correction_id, item.kind, item.system, item.entity,
                   item.source_id, item.field, item.state, item.reason, item.detail, before,
                   wanted, item.found_value, item.found is not None)

    @property
    def requeueable(self) -> bool:
        """Whether a person may put it back in the queue (a failed send)."""
        return outbox.requeueable(self.state, self.kind, self.reason)

    def field_text(self) -> str:
        return fmt.tr("Fusión") if self.kind == "merge" else fmt.field_name(self.field)

    def state_text(self) -> str:
        return fmt.state_name(self.state)

    def detail_text(self) -> str:
        """The reason, in Spanish; a conflict's two values and where it went."""
        if self.state == OutboxState.CONFLICT:
            if self.kind == "merge":
                parts = [self.detail or fmt.tr("El sistema tiene otros valores.")]
            elif self.has_found:
                parts = [fmt.tr("Se quería {wanted}; el sistema tiene {found}.").format(
                    wanted=_value(self.field, self.wanted), found=_value(self.field, self.found))]
            else:
                parts = [self.detail or fmt.tr("El registro ya no existe en el sistema.")]
            return " ".join([*parts, fmt.tr(_BACK_TO_QUEUE)])
        if self.state == OutboxState.APPLIED:
            if self.kind == "merge":
                return self.detail or ""
            change = f"{_value(self.field, self.before)} → {_value(self.field, self.wanted)}"
            return f"{change}. {self.detail}" if self.detail else change
        if not self.state.terminal and not self.detail:
            return fmt.tr("Sigue pendiente: se enviará en el próximo envío.")
        return self.detail or self.reason or ""


def _value(field_name: str, value: Any) -> str:
    return f"«{fmt.shown_value(field_name, value, stored=True)}»"


#: The outcomes of a push, most wanted first.
_ORDER = (OutboxState.APPLIED, OutboxState.CONFLICT, OutboxState.REJECTED, OutboxState.FAILED,
          OutboxState.UNKNOWN, OutboxState.QUEUED, OutboxState.ATTEMPTING)


def counts_text(summary: PushSummary) -> str:
    """«9 aplicadas, 1 en conflicto»: the outcomes of a push, most wanted first."""
    counts = summary.counts
    parts = []
    for state in (*_ORDER, *sorted(set(counts) - set(_ORDER))):
        n = counts.get(state, 0)
        if n:
            parts.append(f"{fmt.count(n)} {fmt.outbox_state_name(state, n)}")
    return ", ".join(parts)


@dataclass(slots=True)
class PushReport:
    """How a push ended: the engine's summary and every item as recorded; or an error."""

    summary: PushSummary | None
    lines: list[PushLine] = field(default_factory=list)
    error: str | None = None


def waiting_task(store: Store, workspace: str | None, cancel: CancelToken) -> Task[Waiting]:
    """Count what waits in ``workspace`` (off the GUI thread: it reads the store)."""
    yield Progress("push_plan", 0, 1)
    return waiting(store, workspace)


def pushing(store: Store, open_targets: SystemsOpener, actor: str,
            cancel_push: CancelToken, on_line: Callable[[PushLine], None],
            cancel: CancelToken, workspace: str | None = None) -> Task[PushReport]:
    """Open the systems, push (:func:`~app.writeback.sending.push_approved`, what ``cuadre
    push`` runs too) and report each item as it ends (``on_line``, called on the worker
    thread). ``cancel_push`` is the dialog's «Cancelar envío»: the engine stops between items
    and still returns its summary."""
    yield Progress("open_connectors", 0, 0)
    lines: list[PushLine] = []

    def ended(item: OutboxItem) -> None:
        lines.append(PushLine.of(item))
        on_line(lines[-1])

    try:
        with open_targets() as systems:
            summary = yield from push_approved(store, systems, actor, cancel_push,
                                               workspace=workspace, on_item=ended)
    except (SourceError, CorrectionError) as exc:  # a system that cannot be opened; a role
        return PushReport(None, error=str(exc))
    return PushReport(summary, lines)


# --- which systems ----------------------------------------------------------------------------


def demo_systems() -> SystemsOpener:
    """The embedded demo's CRM and ERP (writable SQLite files in the data folder)."""
    from app.connections.systems import Demo, open_systems  # the engine: when pushing

    return lambda: open_systems(Demo())


def profile_systems(profile: ConnectionProfile,
                    secrets: SecretsApi | None = None) -> SystemsOpener:
    """The profile's systems (those that cannot take a correction — files — are left out)."""
    lookup = secrets.get_secret if secrets is not None else None
    from app.connections.systems import open_systems

    return lambda: open_systems(profile, secrets=lookup)


# --- the dialog -------------------------------------------------------------------------------


class _Lines(QObject):
    """Carries the worker's per-item reports to the GUI thread (a queued signal)."""

    line = Signal(object)


class PushDialog(QDialog):
    """Sends the approved corrections; ``start`` begins, ``cancel`` stops between items."""

    pushed = Signal(object)  # the PushReport, when a push ends

    def __init__(self, session: DecisionsSession, open_targets: SystemsOpener,
                 source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pushDialog")
        self.setWindowTitle(self.tr("Enviar correcciones aprobadas"))
        self.session = session
        self._open_targets = open_targets
        self.source = source
        self.plan: Waiting | None = None
        self.report: PushReport | None = None
        self.lines: list[PushLine] = []
        self._push_cancel: CancelToken | None = None
        self._pushing = False
        self._lines = _Lines(self)
        self._lines.line.connect(self._on_line)

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.runningChanged.connect(lambda _running: self._refresh_buttons())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        for widget in self._build_header():
            layout.addWidget(widget)
        layout.addWidget(self._build_table(), 1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("pushSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        layout.addLayout(self._build_buttons())
        self.resize(980, 520)
        self._refresh_buttons()
        self._count()

    # -- building -----------------------------------------------------------------------------

    def _build_header(self) -> tuple[QWidget, ...]:
        """The title, what waits, a previous session's unconfirmed sends, the progress."""
        self.title = QLabel(self.tr("Enviar a los sistemas de {source}").format(
            source=self.source), self)
        self.title.setObjectName("panelTitle")
        self.intro = QLabel(self.tr("Contando lo que espera…"), self)
        self.intro.setWordWrap(True)
        self.resume_note = QLabel(self)
        self.resume_note.setObjectName("resumeNote")
        self.resume_note.setWordWrap(True)
        self.resume_note.setStyleSheet("QLabel#resumeNote { background: #fdecc8; color: #4a3000;"
                                       " padding: 6px 8px; border-radius: 4px; }")
        self.resume_note.hide()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("pushStatus")
        self.status.setWordWrap(True)
        return self.title, self.intro, self.resume_note, self.progress_bar, self.status

    def _build_table(self) -> QTableWidget:
        """One row per item as it ends."""
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("pushTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Resultado de cada corrección enviada"))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        self.send_button = QPushButton(self.tr("&Enviar"), self)
        self.send_button.setObjectName("primaryButton")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("&Cancelar envío"), self)
        self.cancel_button.setToolTip(self.tr("Se detiene al terminar la corrección en curso; "
                                              "las demás quedan en cola (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("&Reintentar fallidas"), self)
        self.retry_button.setToolTip(self.tr("Vuelve a poner en cola las fallidas y las envía"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.close_button = QPushButton(self.tr("Ce&rrar"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        return buttons

    # -- what waits ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Something runs: a push, or counting what waits."""
        return self.runner.running

    @property
    def pushing(self) -> bool:
        return self._pushing and self.runner.running

    def _count(self) -> None:
        store = self.session.store
        if store is None:
            self.intro.setText(self.session.error or self.tr("No hay almacén de trabajo."))
            return
        self._pushing = False
        workspace = self.session.workspace
        self.runner.start(lambda cancel: waiting_task(store, workspace, cancel))

    def _show_plan(self, plan: Waiting) -> None:
        self.plan = plan
        after = self.report is not None  # a push just ended: this is what is left
        if plan.total == 0:
            text = (self.tr("No queda nada por enviar.") if after
                    else self.tr("No hay correcciones aprobadas por enviar."))
        else:
            parts = []
            if plan.approved:
                parts.append(self.tr("{n} aprobada(s)").format(n=fmt.count(plan.approved)))
            if plan.queued:
                parts.append(self.tr("{n} en cola").format(n=fmt.count(plan.queued)))
            what = ", ".join(parts) if parts else self.tr("ninguna nueva")
            text = (self.tr("Quedan por enviar: {what}.").format(what=what) if after
                    else self.tr("Por enviar: {what}. Cada una se aplica una sola vez, "
                                 "comparando antes con el valor leído al aprobarla.").format(
                                     what=what))
        self.intro.setText(text)
        if plan.unconfirmed:
            self.resume_note.setText(self.tr(
                "Hay {n} envíos sin confirmar de una sesión anterior: se comprobarán primero."
            ).format(n=fmt.count(plan.unconfirmed)))
            self.resume_note.show()
        else:
            self.resume_note.hide()
        self._refresh_buttons()

    # -- pushing ------------------------------------------------------------------------------

    def start(self) -> None:
        """Push now (off the GUI thread); lines appear as items end."""
        store, user = self.session.store, self.session.user
        if self.pushing or store is None or user is None:
            return  # (a recount still running is simply superseded)
        self.report = None
        self.lines = []
        self.table.setRowCount(0)
        self.summary_label.setText("")
        self.status.setText(self.tr("Conectando con los sistemas…"))
        self.progress_bar.setRange(0, 0)
        cancel_push = self._push_cancel = CancelToken()
        opener, emit = self._open_targets, self._lines.line.emit
        self._pushing = True
        workspace = self.session.workspace
        self.runner.start(lambda cancel: pushing(store, opener, user, cancel_push, emit, cancel,
                                                 workspace))
        self._refresh_buttons()

    def cancel(self) -> None:
        """Stop after the item in progress; the rest stays queued."""
        if self.pushing and self._push_cancel is not None:
            self._push_cancel.cancel()
            self.status.setText(self.tr("Cancelando: se termina la corrección en curso y el "
                                        "resto queda en cola…"))
            self.cancel_button.setEnabled(False)

    def retry_failed(self) -> str | None:
        """Put the failed items back in the queue and push again; None or the refusal."""
        store, user = self.session.store, self.session.user
        ids = [line.outbox_id for line in self.lines if line.requeueable]
        if store is None or user is None or not ids or self.pushing:
            return None
        error = self.session.call(lambda: outbox.requeue(store, user, ids))
        if error is None:
            self.start()
        else:
            self.status.setText(error)
        return error

    # -- reports --------------------------------------------------------------------------------

    def _on_progress(self, progress: Progress) -> None:
        if not self._pushing or progress.step != "push":
            return
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(min(progress.done, progress.total))
        if self._push_cancel is None or not self._push_cancel.cancelled:
            self.status.setText(self.tr("Enviando: {done} de {total}…").format(
                done=fmt.count(progress.done), total=fmt.count(progress.total)))

    def _on_line(self, line: PushLine) -> None:
        if not self._pushing:
            return
        for i, known in enumerate(self.lines):
            if known.outbox_id == line.outbox_id:
                self.lines[i] = line
                self._fill_row(i, line)
                return
        self.lines.append(line)
        self.table.setRowCount(len(self.lines))
        self._fill_row(len(self.lines) - 1, line)
        self.table.scrollToBottom()

    def _on_finished(self, result: Any) -> None:
        if isinstance(result, Waiting):
            self._show_plan(result)
            return
        if not isinstance(result, PushReport):
            return
        self._pushing = False
        self.report = result
        if result.error is not None or result.summary is None:
            self.status.setText(self.tr("No se pudo enviar: {why}").format(
                why=result.error or self.tr("error desconocido")))
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self._refresh_buttons()
            return
        self.lines = list(result.lines)
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            self._fill_row(r, line)
        self._fit_columns()
        summary = result.summary
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.status.setText(self.tr("Envío cancelado.") if summary.cancelled
                            else self.tr("Envío terminado."))
        self.summary_label.setText(self.summary_text(summary))
        self.session.changed.emit()  # the Correcciones dock shows the new states
        self._refresh_buttons()
        self.pushed.emit(result)
        self._refresh_plan_after()

    def _on_failed(self, message: str) -> None:
        self._pushing = False
        self.status.setText(self.tr("No se pudo enviar: {why}").format(why=message))
        self.progress_bar.setRange(0, 1)
        self._refresh_buttons()

    def summary_text(self, summary: PushSummary) -> str:
        """What happened, and what to do about conflicts and failures."""
        text = self.tr("Envío: {what}").format(
            what=counts_text(summary) or self.tr("nada pendiente"))
        if summary.refused:
            text += self.tr("; {n} no se enviaron porque su contenido cambió después de "
                            "aprobarlas").format(n=fmt.count(len(summary.refused)))
        if summary.busy:
            text += self.tr("; {n} las estaba enviando otra persona").format(
                n=fmt.count(summary.busy))
        if summary.cancelled:
            text += self.tr(". Cancelado: quedan {n} por enviar").format(
                n=fmt.count(summary.remaining))
        text += "."
        conflicts = summary.count(OutboxState.CONFLICT)
        if conflicts:
            text += " " + self.tr("Las correcciones en conflicto volvieron a la cola de "
                                  "Correcciones con los dos valores, para decidir de nuevo.")
        if any(line.requeueable for line in self.lines):
            text += " " + self.tr("Las fallidas se pueden reintentar.")
        return text

    def _refresh_plan_after(self) -> None:
        """After a push the plan is what is left: recount on the worker."""
        store = self.session.store
        if store is None:
            return
        workspace = self.session.workspace
        self.runner.start(lambda cancel: waiting_task(store, workspace, cancel))

    # -- table ----------------------------------------------------------------------------------

    def _fill_row(self, r: int, line: PushLine) -> None:
        cells = (fmt.system_name(line.system), fmt.entity_name(line.entity), line.source_id,
                 line.field_text(), line.state_text(), line.detail_text())
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == len(cells) - 1 and text:
                item.setToolTip(text)
            if line.state == OutboxState.CONFLICT:
                item.setBackground(QBrush(_CONFLICT_BACKGROUND))
                item.setForeground(QBrush(_CONFLICT_FOREGROUND))
            elif c == 4 and line.state == OutboxState.APPLIED:
                item.setForeground(QBrush(_GOOD))
            elif c == 4 and line.state in (OutboxState.FAILED, OutboxState.REJECTED):
                item.setForeground(QBrush(_BAD))
            self.table.setItem(r, c, item)
        self.table.resizeRowToContents(r)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for c in range(self.table.columnCount() - 1):
            self.table.resizeColumnToContents(c)
            header.resizeSection(c, min(header.sectionSize(c), 220))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.resizeRowsToContents()

    def line_texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests read it)."""
        out = []
        for r in range(self.table.rowCount()):
            row = []
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                row.append(item.text() if item is not None else "")
            out.append(row)
        return out

    # -- buttons and closing ------------------------------------------------------------------

    def _refresh_buttons(self) -> None:
        pushing = self.pushing
        user_ok = self.session.user is not None and bool(self.session.roles & PUSHERS)
        waiting = self.plan is not None and self.plan.total > 0
        self.send_button.setEnabled(not pushing and user_ok and waiting)
        self.send_button.setToolTip("" if user_ok else self.tr(
            "Solo un aprobador o un administrador envía correcciones."))
        self.cancel_button.setVisible(pushing)
        self.cancel_button.setEnabled(pushing and not (
            self._push_cancel is not None and self._push_cancel.cancelled))
        self.retry_button.setVisible(any(line.requeueable for line in self.lines))
        self.retry_button.setEnabled(not pushing and user_ok)
        self.close_button.setEnabled(not pushing)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pushing:
            self.cancel()  # Esc stops the push; it never leaves it running unseen
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.pushing:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.pushing:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def shutdown(self) -> bool:
        """Stop the worker (the window is closing); True when it stopped."""
        if self._push_cancel is not None:
            self._push_cancel.cancel()
        return self.runner.shutdown()
