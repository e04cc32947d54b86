"""Waiting on a condition another thread makes true, without sleeping a fixed time."""

from __future__ import annotations

import threading
from collections.abc import Callable


def wait_until(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Wait for ``condition`` (checked every 20 ms), failing after ``seconds``."""
    tick = threading.Event()
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        tick.wait(0.02)
    raise AssertionError("the condition never came true")
