"""Who is working and in which workspace store: what every corrections widget shares.

:class:`DecisionsSession` opens the workspace store (``app.writeback.workspace.open_workspace``:
``$CUADRE_STORE`` — an office's shared PostgreSQL, its password from the OS keyring — or by
default the SQLite file in the data folder), knows the current person (a local identification,
with no password) and their roles, the system of record of the report on screen and where it
came from. Every decision goes through ``app.writeback`` (``decisions``, ``corrections``); a
refusal comes back as its Spanish sentence and is emitted as ``refused`` (tests read it; the
widgets show it). It owns the :class:`~ui.common.tasks.TaskRunner` for bulk work, separate
from the reconciliation's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.writeback.people import (
    PersonInfo,
    Role,
    add_person,
    people,
    remember_user,
    remembered_user,
)
from app.writeback.workspace import Store, attempt, open_workspace
from ui.common.tasks import TaskFactory, TaskRunner

log = logging.getLogger(__name__)


class DecisionsSession(QObject):
    changed = Signal()  # corrections were written: queues and panels reload
    userChanged = Signal(object)  # the login now working, or None
    refused = Signal(str)  # a refusal's Spanish sentence

    def __init__(self, url: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        opened = open_workspace(url)
        self.store: Store | None = opened.store
        self.error: str | None = opened.error
        self.user: str | None = None
        self.roles: frozenset[str] = frozenset()
        self.system_of_record: Mapping[str, str] | None = None
        self.workspace: str | None = None
        self.runner = TaskRunner(self)
        self._on_done: Callable[[Any], None] | None = None
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        if self.store is not None:
            remembered = remembered_user()
            if remembered and any(p.login == remembered for p in self.people()):
                self.set_user(remembered)

    # -- people -------------------------------------------------------------------------------

    def people(self) -> list[PersonInfo]:
        if self.store is None:
            return []
        return people(self.store)

    def set_user(self, login: str | None) -> None:
        """Make ``login`` the person working (None: nobody); remembered for the next start."""
        person = next((p for p in self.people() if p.login == login), None) if login else None
        self.user = person.login if person else None
        self.roles = person.roles if person else frozenset()
        remember_user(self.user)
        self.userChanged.emit(self.user)
        self.changed.emit()

    def add_person(self, login: str, name: str, roles: list[str]) -> str | None:
        """Register a person (the first one is the admin); None or the refusal."""
        store = self.store
        if store is None:
            return self.error
        return self.call(lambda: add_person(store, self.user, login, name, roles))

    def has(self, role: Role | str) -> bool:
        return role in self.roles

    # -- calls ----------------------------------------------------------------------------------

    def call(self, action: Callable[[], Any], *, notify: bool = True) -> str | None:
        """Run one service call; None when it worked, else its Spanish refusal."""
        if self.store is None:
            message = self.error or self.tr("No hay almacén de trabajo.")
            self.refused.emit(message)
            return message
        refusal = attempt(action)
        if refusal is not None:
            self.refused.emit(refusal.message)
        if notify and (refusal is None or refusal.reload):
            self.changed.emit()  # after a refusal someone else may have changed it: show it
        return None if refusal is None else refusal.message

    # -- bulk work on the runner ------------------------------------------------------------

    def run(self, factory: TaskFactory, on_done: Callable[[Any], None]) -> None:
        """Run a bulk task off the GUI thread; ``on_done`` gets its result."""
        self._on_done = on_done
        self.runner.start(factory)

    def cancel(self) -> None:
        self.runner.cancel()

    def _finished(self, result: Any) -> None:
        done, self._on_done = self._on_done, None
        self.changed.emit()
        if done is not None:
            done(result)

    def _failed(self, message: str) -> None:
        self._on_done = None
        self.refused.emit(message)
        self.changed.emit()

    def _cancelled(self) -> None:
        self._on_done = None
        self.refused.emit(self.tr("Cancelado: se conserva lo que ya se había propuesto."))
        self.changed.emit()

    def shutdown(self) -> bool:
        stopped = self.runner.shutdown()
        if self.store is not None:
            self.store.close()
        return stopped
