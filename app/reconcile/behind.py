"""Work done behind a run (writing snapshots, building the comparison's keys) waits until no
run is in progress, so that it does not slow the run down on a machine of few cores; a
caller that needs it at once (an F5 that wants the keys, ``flush`` at exit) hurries it.

A run holds :func:`running` from its start to its report; the background threads call
:func:`wait_idle` before each piece of work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: At most this long a piece of background work waits for a run to end.
PATIENCE = 120.0

_lock = threading.Condition()
_state = {"runs": 0, "hurry": 0}


@contextmanager
def running() -> Iterator[None]:
    """While a run is in progress."""
    with _lock:
        _state["runs"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["runs"] -= 1
            _lock.notify_all()


@contextmanager
def hurried() -> Iterator[None]:
    """While someone waits for the background work: it does not wait for the run to end."""
    with _lock:
        _state["hurry"] += 1
        _lock.notify_all()
    try:
        yield
    finally:
        with _lock:
            _state["hurry"] -= 1


def wait_idle(timeout: float = PATIENCE) -> None:
    """Wait until no run is in progress (or someone hurries the work, or ``timeout``)."""
    with _lock:
        _lock.wait_for(lambda: _state["runs"] == 0 or _state["hurry"] > 0, timeout)
