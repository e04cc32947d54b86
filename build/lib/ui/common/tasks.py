"""Runs the engine's long work (generator tasks) off the GUI thread and reports back on it.

The engine writes long work as a generator that yields :class:`~app.progress.Progress` and
returns its result (``app.progress.Task``). :class:`TaskRunner` drives one such generator on a
private single-thread ``QThreadPool`` and re-emits what happens as Qt signals on the GUI thread:
``progress``, ``finished``, ``failed`` (a Spanish sentence; the traceback goes to ``logging``)
and ``cancelled``.

Starting a new task cancels the running one and drops whatever it still reports (a generation
counter, as in Orange3's ``concurrent`` helpers). One thread means the old task has stopped
before the new one starts, so two runs never touch the same files at once.
:func:`show_progress` puts a report on a progress bar.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressBar

from app.progress import Cancelled, CancelToken, Progress, Task

log = logging.getLogger(__name__)

#: Builds the generator to run; it receives the token the worker checks between steps.
TaskFactory = Callable[[CancelToken], Task[Any]]

#: At most one progress report per this many seconds reaches the GUI (plus step changes).
_PROGRESS_INTERVAL = 0.05


def user_message(exc: BaseException) -> str:
    """A Spanish sentence for a failed task. Never the exception's own text: it may be English
    or carry personal data; the full detail is logged instead."""

    def tr(text: str) -> str:  # lupdate files these under "" (tools/translations.py: "ui")
        return QCoreApplication.translate("ui", text)

    if isinstance(exc, FileNotFoundError):
        return tr("No se encontró un archivo o carpeta que la tarea necesita.")
    if isinstance(exc, PermissionError):
        return tr("No hay permiso para leer o escribir en la carpeta de datos.")
    if isinstance(exc, sqlite3.Error):
        return tr("No se pudo leer una de las bases de datos de origen.")
    if isinstance(exc, MemoryError):
        return tr("No hay memoria suficiente para terminar la tarea.")
    if isinstance(exc, OSError):
        return tr("Falló una operación de disco o de red.")
    if isinstance(exc, (ValueError, KeyError, TypeError)):
        return tr("Los datos de origen tienen un valor que no se pudo interpretar.")
    return tr("La tarea falló por un error inesperado.")


def show_progress(bar: QProgressBar, progress: Progress) -> None:
    """``progress`` on ``bar``: done of total, or busy (an endless bar) when the total is not
    known."""
    if progress.total > 0:
        bar.setRange(0, progress.total)
        bar.setValue(min(progress.done, progress.total))
    else:
        bar.setRange(0, 0)


class _Bridge(QObject):
    """Carries a worker's reports to the GUI thread; each carries its generation."""

    progress = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _Worker(QRunnable):
    """Drives one generator to its end, checking the token between steps."""

    def __init__(
        self, generation: int, factory: TaskFactory, token: CancelToken, bridge: _Bridge
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._generation = generation
        self._factory = factory
        self._token = token
        self._bridge = bridge

    def run(self) -> None:
        gen = self._generation
        bridge = self._bridge
        try:
            if self._token.cancelled:
                bridge.cancelled.emit(gen)
                return
            task = self._factory(self._token)
            last_step = None
            last_sent = 0.0
            while True:
                if self._token.cancelled:
                    task.close()
                    bridge.cancelled.emit(gen)
                    return
                try:
                    report = next(task)
                except StopIteration as stop:
                    bridge.finished.emit(gen, stop.value)
                    return
                now = time.monotonic()
                if (
                    report.step != last_step
                    or now - last_sent >= _PROGRESS_INTERVAL
                    or (report.total > 0 and report.done >= report.total)
                ):
                    last_step, last_sent = report.step, now
                    bridge.progress.emit(gen, report)
        except Cancelled:
            bridge.cancelled.emit(gen)
        except Exception as exc:  # every failure becomes a message; the detail is logged
            log.error("task failed", exc_info=exc)
            bridge.failed.emit(gen, user_message(exc))


class TaskRunner(QObject):
    """Runs at most one task at a time; the newest one wins."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # the task's result
    failed = Signal(str)  # a Spanish message for the user
    cancelled = Signal()
    runningChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)
        self._bridge.cancelled.connect(self._on_cancelled)
        self._generation = 0
        self._token: CancelToken | None = None
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancelling(self) -> bool:
        """True between a cancel request and the worker's acknowledgement."""
        return self._running and self._token is not None and self._token.cancelled

    def start(self, factory: TaskFactory) -> None:
        """Run ``factory(token)``'s generator; a task still running is cancelled and ignored."""
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._token = CancelToken()
        self._pool.start(_Worker(self._generation, factory, self._token, self._bridge))
        self._set_running(True)

    def cancel(self) -> None:
        """Ask the running task to stop; ``cancelled`` follows when it has."""
        if self._running and self._token is not None:
            self._token.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel, drop late reports and wait for the worker thread; True if it stopped."""
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._set_running(False)
        return self._pool.waitForDone(timeout_ms)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.runningChanged.emit(running)

    def _current(self, generation: int) -> bool:
        return generation == self._generation and self._running

    def _finish(self) -> None:
        self._token = None
        self._set_running(False)

    @Slot(int, object)
    def _on_progress(self, generation: int, report: Progress) -> None:
        if self._current(generation) and not self.cancelling:
            self.progress.emit(report)

    @Slot(int, object)
    def _on_finished(self, generation: int, result: object) -> None:
        if self._current(generation):
            # The user asked to stop just as it ended: honour the request, drop the result.
            was_cancelled = self.cancelling
            self._finish()
            if was_cancelled:
                self.cancelled.emit()
            else:
                self.finished.emit(result)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self._finish()
            self.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, generation: int) -> None:
        if self._current(generation):
            self._finish()
            self.cancelled.emit()
