"""Keeping under a service's published request rate: at most ``limit`` requests per ``window``.

Siigo Nube allows 100 requests a minute per company, Alegra 150 a minute per user: a pull of a
dealership's receipts goes past that in seconds. :class:`Pace` is a sliding window kept on the
client, so Cuadre waits *before* asking rather than collecting 429s; a 429 that still comes
(another program on the same account) is waited for as its ``Retry-After`` asks, by the HTTP
client. Waiting honours the cancel token in short slices.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from app.progress import CancelToken


@dataclass
class Pace:
    """At most ``limit`` requests in any ``window`` seconds (``limit`` 0: no pacing)."""

    limit: int
    window: float = 60.0
    #: Counted a little longer than the service counts: a request is timed here when it
    #: leaves, there when it arrives, and the first may take longer on the way (a sign-in).
    margin: float = 0.05
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _sent: deque[float] = field(default_factory=deque, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def acquire(self, cancel: CancelToken | None = None) -> float:
        """Wait until one more request fits in the window, then count it; the seconds waited."""
        waited = 0.0
        while True:
            if cancel is not None:
                cancel.check()
            with self._lock:
                now = self.clock()
                span = self.window * (1 + self.margin)
                while self._sent and now - self._sent[0] >= span:
                    self._sent.popleft()
                if self.limit <= 0 or len(self._sent) < self.limit:
                    self._sent.append(now)
                    return waited
                left = span - (now - self._sent[0])
            step = min(0.2, max(left, 0.01))
            self.sleep(step)
            waited += step
