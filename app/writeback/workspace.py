"""The workspace store as the window reaches it: ``ui/`` never imports ``app.store`` itself.

:func:`open_workspace` opens the store where it is configured — ``$CUADRE_STORE`` (an office's
shared PostgreSQL, its password from the OS keyring) or by default the SQLite file in the data
folder — or says, in Spanish, why it cannot. The window's session holds the :data:`Store` it
gets (the handle every service of the correction loop takes, named here for the window's type
hints) and hands it back to those services; :func:`attempt` runs one of their calls and tells a
refusal from success; :data:`StoreError` is what a read says when the store cannot be used.
No Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.store.db import Store, open_configured_store
from app.store.errors import StoreError
from app.writeback.errors import CorrectionError

__all__ = ["Opened", "Refusal", "Store", "StoreError", "attempt", "open_workspace"]


@dataclass(frozen=True, slots=True)
class Opened:
    """The store, or (``store`` None) why it could not be opened."""

    store: Store | None
    error: str | None = None


def open_workspace(url: str | None = None) -> Opened:
    """The workspace store at ``url`` (default: where it is configured); the demonstration's
    own workspace (:func:`app.writeback.identity.demo_workspace_url`) is marked as a demo."""
    from app.writeback.identity import demo_workspace_url, mark_demo

    try:
        store = open_configured_store(url)
    except StoreError as exc:
        return Opened(None, str(exc))
    if url is not None and url == demo_workspace_url():
        try:
            mark_demo(store)
        except (CorrectionError, StoreError) as exc:
            store.close()
            return Opened(None, str(exc))
    return Opened(store)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a call did not happen, in Spanish. ``reload``: the loop refused it — someone else
    may have changed what is on screen, so it is read again; False when the store itself
    could not be used (reading it again would not help)."""

    message: str
    reload: bool


def attempt(action: Callable[[], Any]) -> Refusal | None:
    """Run one call of the correction loop: None when it worked, else its refusal."""
    try:
        action()
    except CorrectionError as exc:
        return Refusal(str(exc), reload=True)
    except StoreError as exc:
        return Refusal(str(exc), reload=False)
    return None
