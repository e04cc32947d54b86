"""Pause Python's cyclic garbage collector while a reconciliation allocates.

Matching builds hundreds of thousands of small dicts and tuples that form no cycles; with the
collector on, its generation scans over everything alive cost more than the matching itself
(measured: blocking 7,500 records took 0.73 s with it, 0.10 s without). Reference counting
still frees everything; the collector runs again when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
