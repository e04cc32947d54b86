"""Progress reports and cancellation for long work written as generators.

Long work (pull, reconcile, push) is a generator that yields :class:`Progress` and returns its
result; every ``yield`` is also a cancel point. The window runs such a generator on a worker
thread (``ui/common/tasks.py``); the command line drives it with :func:`run`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The user cancelled; whatever was half done is discarded."""


@dataclass(frozen=True, slots=True)
class Progress:
    """``step`` is a code (``"pull"``, ``"reconcile"``); ``done``/``total`` count units of it."""

    step: str
    done: int
    total: int
    detail: str = ""

    @property
    def fraction(self) -> float:
        return 0.0 if self.total <= 0 else min(1.0, self.done / self.total)


class CancelToken:
    """Thread-safe flag the GUI sets and the worker checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


Task = Generator[Progress, None, T]


def run(task: Task[T], on_progress: Callable[[Progress], None] | None = None) -> T:
    """Drive a task to its end on this thread and return its result."""
    while True:
        try:
            p = next(task)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(p)
