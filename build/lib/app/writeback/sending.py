"""«Enviar aprobadas» and ``cuadre push``: what waits to be sent, and sending it.

Both faces call the same two functions. :func:`waiting` counts what a push would work on (the
window asks before sending; it also says whether «Enviar aprobadas» has anything to do).
:func:`push_approved` sends the approved corrections of a workspace through the systems that can
take them — the two systems opened by ``app.connections.systems.open_systems``, which decides,
once, what can be written (:class:`Targets`: its connectors, and why the others cannot). The
push itself is :func:`app.writeback.push.push_task`. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app.connectors.base import WritableConnector
from app.domain.schema import System
from app.progress import CancelToken, Task
from app.store.db import Store
from app.writeback import corrections, outbox
from app.writeback.outbox import OutboxItem
from app.writeback.people import require_pusher
from app.writeback.push import PushSummary, push_task
from app.writeback.states import CorrectionState, OutboxState


class Targets(Protocol):
    """The systems a push writes to, opened (``app.connections.systems.Systems``)."""

    def writable(self) -> Mapping[System, WritableConnector]: ...

    def unwritable(self) -> Mapping[System, str]: ...


@dataclass(frozen=True, slots=True)
class Waiting:
    """What waits before a push: approved corrections, rows already queued, and rows a
    previous push left attempting or unknown (read back first)."""

    approved: int
    queued: int
    unconfirmed: int

    @property
    def total(self) -> int:
        """What a push would work on."""
        return self.approved + self.queued + self.unconfirmed


def waiting(store: Store, workspace: str | None = None) -> Waiting:
    """Count what waits in ``workspace`` (every workspace when None): a quick local read."""
    approved = sum(1 for v in corrections.listing(store, state=CorrectionState.APPROVED)
                   if workspace is None or v.workspace in (None, workspace))
    rows = outbox.counts(store, outbox.Scope(workspace))
    return Waiting(approved, rows[OutboxState.QUEUED],
                   rows[OutboxState.ATTEMPTING] + rows[OutboxState.UNKNOWN])


def push_approved(store: Store, systems: Targets, actor: str, cancel: CancelToken | None = None,
                  *, workspace: str | None = None, only: Iterable[str] | None = None,
                  system: System | None = None,
                  on_item: Callable[[OutboxItem], None] | None = None,
                  **options: Any) -> Task[PushSummary]:
    """Queue the approved corrections of ``workspace`` (only the ids ``only``, when given) and
    send them, one by one, through the ``systems`` that can take a correction (only
    ``system``, when given): the corrections of the others stay queued, and the summary says
    so. Approvers and admins only. ``on_item`` and ``options`` are
    :func:`~app.writeback.push.push_task`'s."""
    require_pusher(store, actor)  # before any system is opened
    connectors = {s: c for s, c in systems.writable().items() if system in (None, s)}
    return (yield from push_task(store, connectors, actor, cancel, workspace=workspace,
                                 only=only, on_item=on_item, **options))
