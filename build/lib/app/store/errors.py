"""What the workspace store says when it cannot be opened or used.

Its own module, below everything else in ``app/store``, so the modules that open the store
(``db``) and write to it (``chain``) both raise it without importing each other.
"""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened or used: a Spanish sentence, no secret in it."""
