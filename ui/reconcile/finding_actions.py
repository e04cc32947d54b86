"""What people do with the findings selected in a tab: «Asignar a…», «Explicar…», «Reabrir»,
«Conciliar a mano…» and «Deshacer conciliación a mano».

One :class:`FindingActions` per tab holds the actions (in the table's context menu, on the
side panel's buttons and on the keyboard while the tab has the focus: Ctrl+Shift+R asignar a
un responsable, Ctrl+Shift+J explicar — justificar —, Ctrl+Shift+O reabrir, Ctrl+Shift+M
conciliar a mano, Ctrl+Shift+D deshacer la conciliación a mano). The person acting is the one
working in the window (``DecisionsSession.user``); the workspace is the one of the report on
screen. Each call goes to ``app.findings`` (which checks the roles, the state and the period,
and audits) on this object's own :class:`~ui.common.tasks.TaskRunner`, never on the GUI
thread; a refusal comes back as the engine's Spanish sentence (``message``), and the findings
changed come back read again (``changed``), so their rows update without reconciling again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.findings import FindingError, FindingState, work
from app.findings.keys import matchable as side_of
from app.findings.matching import unmatch
from app.findings.views import FindingView, findings
from app.progress import CancelToken, Progress, Task
from app.writeback.workspace import Store
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner
from ui.corrections.corrections_session import DecisionsSession
from ui.reconcile.life_dialogs import AssignDialog, ExplainDialog

if TYPE_CHECKING:  # «Conciliar a mano…» (its ranking: rapidfuzz) loads when opened
    from ui.reconcile.candidates_dialog import CandidatesDialog

SHORTCUTS = {"assign": "Ctrl+Shift+R", "explain": "Ctrl+Shift+J", "reopen": "Ctrl+Shift+O",
             "match": "Ctrl+Shift+M", "unmatch": "Ctrl+Shift+D"}

#: States that «Reabrir» takes back to open.
REOPENABLE = frozenset({FindingState.ASSIGNED, FindingState.EXPLAINED})


@dataclass
class Outcome:
    """What a batch of calls did: the findings changed (read again) and the refusals."""

    views: list[FindingView] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)


def run_calls(calls: Sequence[Callable[[], Any]], store: Store, workspace: str
              ) -> Task[Outcome]:
    """Each call in turn (one audited transaction each); what it changed read again."""
    out = Outcome()
    ids: list[str] = []
    for n, call in enumerate(calls):
        yield Progress("finding_action", n, len(calls))
        try:
            done = call()
        except FindingError as exc:
            if str(exc) not in out.refusals:
                out.refusals.append(str(exc))
            continue
        ids.extend([done.id] if isinstance(done, FindingView) else list(done.finding_ids))
    if ids:
        out.views = findings(store, workspace, ids=list(dict.fromkeys(ids)))
    return out


class FindingActions(QObject):
    """The actions on one tab's selected findings, and the calls they make."""

    changed = Signal(object)  # list[FindingView]: findings read again after a change
    message = Signal(str)  # what was done, or the engine's refusal, in Spanish

    def __init__(self, host: QWidget, selection: Callable[[], list[FindingView]],
                 session: Callable[[], DecisionsSession | None]) -> None:
        super().__init__(host)
        self._host = host
        self._selection = selection
        self._session = session
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self.message)
        self.runner.runningChanged.connect(lambda _r: self.update())
        self.dialog: AssignDialog | ExplainDialog | CandidatesDialog | None = None
        self.assign_action = self._action(self.tr("&Asignar a…"), "assign", self.assign)
        self.explain_action = self._action(self.tr("&Explicar…"), "explain", self.explain)
        self.reopen_action = self._action(self.tr("&Reabrir"), "reopen", self.reopen)
        self.match_action = self._action(self.tr("&Conciliar a mano…"), "match",
                                         self.open_match)
        self.unmatch_action = self._action(self.tr("&Deshacer conciliación a mano"), "unmatch",
                                           self.unmatch)
        self.update()

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._host)
        action.setObjectName(f"{name}FindingAction")
        action.setShortcut(QKeySequence(SHORTCUTS[name]))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self._host.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.assign_action, self.explain_action, self.reopen_action,
                self.match_action, self.unmatch_action]

    # -- what applies -----------------------------------------------------------------------

    def _ready(self) -> tuple[DecisionsSession, Store, str, str] | None:
        session = self._session()
        if session is None or session.store is None or not session.user \
                or not session.workspace:
            return None
        return session, session.store, session.workspace, session.user

    def blocker(self) -> str:
        """Why no action applies now ("" when some may)."""
        session = self._session()
        if session is None or session.store is None:
            return self.tr("No hay almacén de trabajo.")
        if not session.user:
            return self.tr("Elija quién trabaja (Usuario, en la barra de herramientas) para "
                           "asignar, explicar o conciliar hallazgos.")
        if not session.workspace:
            return self.tr("Concilie primero: los hallazgos se siguen en el espacio de trabajo.")
        if self.runner.running:
            return self.tr("Trabajando…")
        if not self._selection():
            return self.tr("Seleccione hallazgos de una conciliación guardada (se guarda al "
                           "conciliar, F5, con alguien que trabaje elegido).")
        return ""

    def update(self) -> None:
        """Enable what applies to the selection (the engine still decides)."""
        chosen = self._selection()
        why = self.blocker()
        alive = [v for v in chosen if v.state is not FindingState.RESOLVED]
        can = not why and bool(alive)
        self.assign_action.setEnabled(can)
        self.explain_action.setEnabled(can and any(v.state is not FindingState.MATCHED
                                                   for v in alive))
        self.reopen_action.setEnabled(can and any(v.track in REOPENABLE for v in alive))
        self.unmatch_action.setEnabled(can and any(v.match_id for v in alive))
        matchable = [v for v in alive if side_of(v.entity, v.kind) is not None and v.record is not None
                     and v.state is not FindingState.MATCHED]
        self.match_action.setEnabled(can and bool(matchable) and len(matchable) == len(alive)
                                     and len({side_of(v.entity, v.kind) for v in matchable}) == 1)
        for action in self.actions():
            action.setToolTip(why if why else action.text().replace("&", ""))

    # -- the actions ------------------------------------------------------------------------

    def assign(self) -> None:
        ready, chosen = self._ready(), self._selection()
        if ready is None or not chosen or self.runner.running:
            return
        session = ready[0]
        owners = {v.assignee for v in chosen}
        dialog = AssignDialog(session.people(), len(chosen),
                              owners.pop() if len(owners) == 1 else session.user, self._host)
        self._open(dialog, lambda: self._assign(chosen, dialog.login(), dialog.comment()))

    def _assign(self, chosen: list[FindingView], login: str | None, comment: str) -> None:
        ready = self._ready()
        if ready is None or not login:
            return
        _, store, workspace, actor = ready
        self._run([partial(work.assign, store, actor, workspace, v.id, login, comment or None,
                           v.version) for v in chosen])

    def explain(self) -> None:
        chosen = [v for v in self._selection() if v.state is not FindingState.MATCHED]
        if self._ready() is None or not chosen or self.runner.running:
            return
        dialog = ExplainDialog(len(chosen), self._host)
        self._open(dialog, lambda: self._explain(chosen, dialog.reason(), dialog.comment()))

    def _explain(self, chosen: list[FindingView], reason: str, comment: str) -> None:
        ready = self._ready()
        if ready is None:
            return
        _, store, workspace, actor = ready
        self._run([partial(work.explain, store, actor, workspace, v.id, reason, comment,
                           v.version) for v in chosen])

    def reopen(self) -> None:
        ready = self._ready()
        chosen = [v for v in self._selection() if v.track in REOPENABLE]
        if ready is None or not chosen or self.runner.running:
            return
        _, store, workspace, actor = ready
        self._run([partial(work.reopen, store, actor, workspace, v.id, None, v.version)
                   for v in chosen])

    def unmatch(self) -> None:
        ready = self._ready()
        chosen = [v for v in self._selection() if v.match_id]
        if ready is None or not chosen or self.runner.running:
            return
        _, store, workspace, actor = ready
        first = {v.match_id: v for v in chosen}  # one call per match
        self._run([partial(unmatch, store, actor, workspace, v.id) for v in first.values()])

    def open_match(self) -> CandidatesDialog | None:
        """«Conciliar a mano…» for the selected findings (all of one system)."""
        ready = self._ready()
        if ready is None or not self.match_action.isEnabled():
            return None
        _, store, workspace, actor = ready
        from ui.reconcile.candidates_dialog import CandidatesDialog  # rapidfuzz: when opened

        dialog = CandidatesDialog(store, workspace, actor, self._selection(), self._host)
        dialog.matched.connect(self._matched)
        self._open(dialog, None)
        return dialog

    def _matched(self, views: list[FindingView]) -> None:
        self.changed.emit(views)
        self.message.emit(self.tr("Conciliados a mano: {n} registros.").format(
            n=fmt.count(len(views))))

    # -- running ----------------------------------------------------------------------------

    def _open(self, dialog: AssignDialog | ExplainDialog | CandidatesDialog,
              accepted: Callable[[], None] | None) -> None:
        """Show ``dialog`` window-modal without blocking; ``accepted`` runs on «OK»."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if accepted is not None:
            dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _run(self, calls: list[Callable[[], Any]]) -> None:
        ready = self._ready()
        if ready is None or not calls:
            return
        _, store, workspace, _actor = ready

        def factory(_cancel: CancelToken) -> Task[Outcome]:
            return run_calls(calls, store, workspace)

        self.runner.start(factory)

    def _on_finished(self, outcome: Outcome) -> None:
        if outcome.views:
            self.changed.emit(outcome.views)
        if outcome.refusals:
            self.message.emit(" ".join(outcome.refusals))
        elif outcome.views:
            n = len(outcome.views)
            self.message.emit(self.tr("Listo: 1 hallazgo actualizado.") if n == 1 else
                              self.tr("Listo: {n} hallazgos actualizados.").format(
                                  n=fmt.count(n)))

    def shutdown(self) -> bool:
        return self.runner.shutdown()
