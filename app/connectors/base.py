"""The one small protocol every connector implements, and what it reports and raises.

``pull`` returns a canonical frame (``app.domain.schema``); a row it cannot read becomes a
:class:`SourceIssue` the user sees, never a traceback, and never costs the good rows. A source
that cannot be read at all (unreachable, refused credentials, a missing required column) raises
:class:`SourceError` with a Spanish sentence the window and the command line show as is — never
a secret in it.

Connectors that page through a source (REST, Odoo, SQL in chunks) also offer ``pull_task``, a
generator yielding progress per page and honouring cancel; :func:`pulling` uses it when present.
``read`` and ``apply`` are the write side's: read one record back, apply one approved correction
as a compare-and-set against the values read at approval (``Correction.expected``). Connectors
that can merge duplicates within their system also offer ``merge`` (:class:`MergingConnector`):
one :class:`MergeRequest`, snapshotted whole at approval, applied at once or not at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from app.domain.i18n import speaking
from app.domain.schema import Entity, System

# Defined with the sources they are about; every connector raises them.
from app.domain.sources import AuthError as AuthError
from app.domain.sources import SourceError as SourceError
from app.progress import CancelToken, Progress, Task

if TYPE_CHECKING:  # frames are only named here: pandas loads where they are made
    import pandas as pd


@dataclass(frozen=True, slots=True)
class SourceIssue:
    """A cell or row a connector could not read: where, and why (a code)."""

    system: System
    entity: Entity
    source_id: str | None
    column: str | None
    reason: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """One approved change to one record: canonical field → new value.

    ``expected`` holds the values read at approval (the precondition); ``key`` is the
    idempotency key, created once when the correction is queued and sent on every attempt.
    """

    entity: Entity
    source_id: str
    changes: Mapping[str, Any]
    expected: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""


class OutcomeStatus(StrEnum):
    APPLIED = "applied"        # the source now holds the new values
    CONFLICT = "conflict"      # the record no longer holds the expected values
    REJECTED = "rejected"      # the source refused it (validation, read-only, posted invoice…)
    FAILED = "failed"          # it did not happen (refused connection, 4xx/5xx before the write)
    UNKNOWN = "unknown"        # a timeout or reset: read the record back before resending


@dataclass(frozen=True, slots=True)
class Outcome:
    status: OutcomeStatus
    reason: str = ""           # a code, e.g. "etag_mismatch", "posted_invoice", "read_only"
    detail: str = ""           # a Spanish sentence, no secret, no personal data
    record: Mapping[str, Any] | None = None  # the record as read after the write, when known
    http_status: int | None = None  # the HTTP status the system answered, when there was one
    retry_after: float | None = None  # seconds the system asked to wait (Retry-After), if any
    #: The system refused in a way that sending again cannot change (a server-side TypeError,
    #: ValueError, AccessError or UserError; a 4xx other than 408/409/425/429): never retried.
    permanent: bool = False


_Write = TypeVar("_Write", bound=Callable[..., Any])


def in_spanish(write: _Write) -> _Write:
    """A write to a dealership's system (``apply``, ``merge``), or the read that checks one
    (``read``), that speaks Spanish whatever the window or the terminal speaks: its
    :class:`Outcome`'s detail, and any error it raises on the way, is kept in the outbox and
    the audit, which stay Spanish for every reader."""

    @functools.wraps(write)
    def spoken(*args: Any, **kwargs: Any) -> Any:
        with speaking("es"):
            return write(*args, **kwargs)

    return spoken  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class ChildChange:
    """A child record (deal, payment, vehicle) re-pointed by a merge: ``field`` (usually
    ``customer_doc``) from ``old`` to ``new``."""

    entity: Entity
    source_id: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class MergeRequest:
    """A merge of duplicates within one system, whole, as approved.

    ``snapshot`` holds every involved record's canonical values as read at approval (survivor
    and merged ones): it is both the precondition (the system must still hold them) and the
    pre-image an undo restores. ``changes`` are the survivor's fields after the merge (consent
    evidence included). The merged records disappear into the survivor (archived, hidden, or
    marked merged: the system's own way); ``children`` are re-pointed. ``undo=True`` is the
    reverse operation: the survivor must hold ``changes``; it gets its snapshot values back,
    the merged records come back as they were, the children go back (``new`` → ``old``).
    ``key`` is the idempotency key created at approval. A merge is never retried
    automatically: an unknown or failed outcome waits for a person.
    """

    entity: Entity
    survivor: str
    merged: tuple[str, ...]
    changes: Mapping[str, Any]
    snapshot: Mapping[str, Mapping[str, Any]]  # source_id → canonical values read at approval
    children: tuple[ChildChange, ...] = ()
    key: str = ""
    undo: bool = False


@runtime_checkable
class Connector(Protocol):
    system: System

    def describe(self) -> str:
        """Where the data comes from, for reports (never a secret)."""
        ...

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        """Every record of ``entity`` in the canonical schema (only those changed since
        ``since``, a zone-aware datetime, when the source can tell)."""
        ...

    def issues(self) -> list[SourceIssue]:
        """What the last pulls could not read."""
        ...


class WritableConnector(Connector, Protocol):
    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        """One record in the canonical schema, or None when the source has no such record."""
        ...

    def apply(self, correction: Correction) -> Outcome:
        """Apply one correction once; never raises for what an Outcome can say."""
        ...


@runtime_checkable
class MergingConnector(Protocol):
    def merge(self, request: MergeRequest) -> Outcome:
        """Apply (or, with ``request.undo``, revert) one merge at once: all of it or nothing,
        as a compare-and-set against ``request.snapshot``; never raises for what an Outcome
        can say. CONFLICT when any involved record no longer holds its snapshot values."""
        ...


@runtime_checkable
class PagedConnector(Protocol):
    def pull_task(self, entity: Entity, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        """The pull as a task: a Progress per page, cancel honoured between pages."""
        ...


@runtime_checkable
class ChangesConnector(Protocol):
    """A source that can tell what changed (an incremental run, ``app.reconcile.incremental``).

    ``why_not_incremental`` is None when ``pull(entity, since)`` returns every record whose
    change time is at or after ``since`` (or unknown) and ``list_ids`` every id of the entity
    cheaply, in the order ``pull`` gives them; else a Spanish sentence saying why not (the run
    is then full for that entity). ``version`` is a cheap token that changes whenever the
    entity may have changed (a file's size and time), None when there is none."""

    def why_not_incremental(self, entity: Entity) -> str | None: ...

    def list_ids(self, entity: Entity) -> list[str]: ...

    def version(self, entity: Entity) -> str | None: ...


def pulling(connector: Connector, entity: Entity, since: Any = None,
            cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
    """Pull ``entity`` as a task: page by page when the connector can, else in one go."""
    if isinstance(connector, PagedConnector):
        return (yield from connector.pull_task(entity, since, cancel))
    if cancel is not None:
        cancel.check()
    yield Progress(f"pull_{entity.value}", 0, 1)
    return connector.pull(entity, since)
