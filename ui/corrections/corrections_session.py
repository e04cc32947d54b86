"""Who is working and in which workspace store: what every corrections widget shares.

:class:`DecisionsSession` opens the workspace store (``app.writeback.workspace.open_workspace``:
``$CUADRE_STORE`` — an office's shared PostgreSQL, its password from the OS keyring — or by
default the SQLite file in the data folder), knows the current person and their roles, the
system of record of the report on screen and where it came from. Who works proves it
(``app.writeback.identity``): :meth:`DecisionsSession.choose` and :meth:`DecisionsSession.sign_in`
check their secret off the GUI thread (Argon2id takes ~0.4 s)
and, on a PostgreSQL workspace, open the store again as the person's own login role; when the
secret is not on this computer, ``loginNeeded`` asks the window for the login dialog.
Every decision goes through ``app.writeback`` (``decisions``, ``corrections``); a
refusal comes back as its Spanish sentence and is emitted as ``refused`` (tests read it; the
widgets show it). It owns the :class:`~ui.common.tasks.TaskRunner` for bulk work, separate
from the reconciliation's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.progress import CancelToken, Progress, Task
from app.writeback import identity
from app.writeback.errors import CorrectionError
from app.writeback.people import (
    PersonInfo,
    Role,
    add_person,
    people,
    remember_user,
    remembered_user,
)
from app.writeback.workspace import Store, StoreError, attempt, open_workspace
from ui.common.tasks import TaskFactory, TaskRunner

log = logging.getLogger(__name__)


class DecisionsSession(QObject):
    changed = Signal()  # corrections were written: queues and panels reload
    userChanged = Signal(object)  # the login now working, or None
    refused = Signal(str)  # a refusal's Spanish sentence
    loginNeeded = Signal(str, str)  # the login whose secret is missing or wrong, and why
    signInFinished = Signal(str, str)  # the login, and "" when it worked or why it did not

    def __init__(self, url: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        #: The people who proved who they are since the window opened.
        self._proven: set[str] = set()
        self._signing: Callable[[Any], None] | None = None
        self.signer = TaskRunner(self)
        self._signer_done: Callable[[Any], None] = self._signed
        self.signer.finished.connect(lambda result: self._signer_done(result))
        self.signer.failed.connect(self._sign_failed)
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
        remembered = remembered_user()
        if self.store is not None:
            if remembered and any(p.login == remembered for p in self.people()):
                self.choose(remembered)
        elif remembered and identity.is_server(url):
            # A shared server this computer cannot open by itself: as the person who worked
            # last, with the password their keyring holds (or the login dialog says why not).
            self.sign_in(remembered, None, remember=False)

    # -- people -------------------------------------------------------------------------------

    def people(self) -> list[PersonInfo]:
        if self.store is None:
            return []
        return people(self.store)

    def set_user(self, login: str | None) -> None:
        """Make ``login`` the person working (None: nobody); remembered for the next start.
        Someone who has not proven who they are in this window is checked here, on this thread
        (the window itself goes through :meth:`choose`, off it); refused, nothing changes and
        ``loginNeeded`` says why."""
        if login and login not in self._proven and self.store is not None:
            try:
                self._adopt(identity.sign_in(self.store, self.url, login)[0])
            except (CorrectionError, StoreError) as exc:
                self.loginNeeded.emit(login, str(exc))
                return
            self._proven.add(login)
        self._switch(login)

    def choose(self, login: str | None) -> None:
        """The person the window's «Usuario» chose: at once when they proved who they are in
        this window already (or nobody), else after their secret from this computer's keyring
        is checked off the GUI thread; when it is missing or wrong, ``loginNeeded``."""
        if not login or login in self._proven or self.store is None:
            self._switch(login)
            return
        self.sign_in(login, None, remember=False)

    def sign_in(self, login: str, secret: str | None, *, remember: bool) -> None:
        """Check ``login``'s ``secret`` (None: the keyring's) off the GUI thread; then they work
        (``signInFinished`` with "") or ``signInFinished`` and ``loginNeeded`` say why not."""
        store, url = self.store, self.url

        def task(cancel: CancelToken) -> Task[Any]:
            yield Progress("sign_in", 0, 1)
            try:
                opened, kept = identity.sign_in(store, url, login, secret, remember=remember)
            except (CorrectionError, StoreError) as exc:
                return login, None, str(exc), False
            return login, opened, "", kept

        self._signer_done = self._signed
        self.signer.start(task)

    def add_person_later(self, login: str, name: str, roles: list[str], secret: str | None,
                         done: Callable[[str | None], None]) -> None:
        """:meth:`add_person` off the GUI thread (hashing the secret takes ~0.4 s); ``done``
        gets None or the refusal, on the GUI thread."""
        store, actor = self.store, self.user
        if store is None:
            done(self.error)
            return
        first = not self.people()

        def task(cancel: CancelToken) -> Task[Any]:
            yield Progress("add_person", 0, 1)
            refusal = attempt(lambda: add_person(store, actor, login, name, roles, secret))
            return None if refusal is None else refusal.message

        def finished(refusal: str | None) -> None:
            if refusal is None and first:
                self._proven.add(login.strip().lower())
            if refusal is not None:
                self.refused.emit(refusal)
            self.changed.emit()
            done(refusal)

        self._signer_done = finished
        self.signer.start(task)

    def _signed(self, result: Any) -> None:
        login, opened, why, _kept = result
        if why:
            self.signInFinished.emit(login, why)
            self.loginNeeded.emit(login, why)
            return
        self._adopt(opened)
        self._proven.add(login)
        self._switch(login)
        self.signInFinished.emit(login, "")

    def _sign_failed(self, message: str) -> None:
        self.signInFinished.emit("", message)

    def _adopt(self, opened: Store | None) -> None:
        """A store opened as the person (PostgreSQL) replaces the one in use."""
        if opened is None or opened is self.store:
            return
        old, self.store = self.store, opened
        self.error = None
        self._proven.clear()
        if old is not None:
            old.close()

    def _switch(self, login: str | None) -> None:
        person = next((p for p in self.people() if p.login == login), None) if login else None
        self.user = person.login if person else None
        self.roles = person.roles if person else frozenset()
        remember_user(self.user)
        self.userChanged.emit(self.user)
        self.changed.emit()

    def add_person(self, login: str, name: str, roles: list[str],
                   secret: str | None = None) -> str | None:
        """Register a person (the first one is the admin) with their initial ``secret``; None
        or the refusal. The first person works at once (they typed their own secret)."""
        store = self.store
        if store is None:
            return self.error
        first = not self.people()
        refusal = self.call(lambda: add_person(store, self.user, login, name, roles, secret))
        if refusal is None and first:
            self._proven.add(login.strip().lower())
        return refusal

    def is_demo(self) -> bool:
        """Whether this is the demonstration's workspace (its people need no secret)."""
        return self.store is not None and identity.is_demo_store(self.store)

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
        stopped = self.signer.shutdown()
        stopped = self.runner.shutdown() and stopped
        if self.store is not None:
            self.store.close()
        return stopped
