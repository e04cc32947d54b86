"""Pushing a merge: one outbox row of kind «merge», sent whole, once, never retried by itself.

Called by :mod:`app.writeback.push` for the rows :mod:`app.writeback.merging` queued. The
attempt is committed before the call, as for fields; a failure waits for a person
(``outbox.requeue``); a lost answer is resolved by reading every involved record back —
merged → applied; untouched → stays *unknown*, flagged for a person to send again; anything
else → conflict (:mod:`app.connectors.merge_check` tells which). No Qt.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.connectors.base import (
    MergeRequest,
    MergingConnector,
    Outcome,
    OutcomeStatus,
    SourceError,
    WritableConnector,
)
from app.connectors.merge_check import AFTER, BEFORE, Equal, child_key, merge_state
from app.writeback.merging import from_payload
from app.writeback.outbox import MERGE_NOT_APPLIED, OutboxItem
from app.writeback.policy import system_word
from app.writeback.states import OutboxState


class _Run(Protocol):
    """What :func:`push_merge` needs of the push run (``app.writeback.push``)."""

    def move(self, item: OutboxItem, state: OutboxState, **kwargs: Any) -> OutboxItem: ...

    def step(self, name: str, item: OutboxItem) -> None: ...


def push_merge(run: _Run, connector: WritableConnector, item: OutboxItem,
               equal: Equal) -> OutboxItem:
    """Push one outbox row of kind «merge»: once, never retried automatically.

    The attempt is committed before the call. APPLIED, CONFLICT and REJECTED are recorded as
    for fields; FAILED is *failed* at once (a person requeues it); UNKNOWN — or a row left
    attempting/unknown by an earlier push — is read back: merged → *applied*; untouched →
    stays *unknown*, flagged for a person, never resent here; anything else → *conflict*."""
    if not isinstance(connector, MergingConnector):
        return run.move(item, OutboxState.REJECTED, reason="merge_unsupported", detail=(
            f"El {system_word(item.system)} no permite fusionar registros desde Cuadre: "
            "fusiónelos en el propio sistema."))
    request = from_payload(item.changes, item.key)
    if item.state in (OutboxState.ATTEMPTING, OutboxState.UNKNOWN):
        return read_back(run, connector, item, request, equal)
    item = run.move(item, OutboxState.ATTEMPTING, attempt=True, reason=None, detail=None)
    outcome = connector.merge(request)
    run.step("returned:merge", item)
    return _record(run, connector, item, request, outcome, equal)


def _record(run: _Run, connector: WritableConnector, item: OutboxItem, request: MergeRequest,
            outcome: Outcome, equal: Equal) -> OutboxItem:
    reason, detail = outcome.reason or None, outcome.detail or None
    status = outcome.status
    if status is OutcomeStatus.APPLIED:
        return run.move(item, OutboxState.APPLIED, reason=reason, detail=detail)
    if status is OutcomeStatus.CONFLICT:
        return run.move(item, OutboxState.CONFLICT, reason=reason, detail=detail)
    if status is OutcomeStatus.REJECTED:
        return run.move(item, OutboxState.REJECTED, reason=reason, detail=detail)
    if status is OutcomeStatus.UNKNOWN:
        item = run.move(item, OutboxState.UNKNOWN, reason=reason, detail=detail)
        return read_back(run, connector, item, request, equal)
    return run.move(item, OutboxState.FAILED, reason=reason, detail=(
        (detail + " " if detail else "") + "Una fusión no se reintenta sola: vuelva a ponerla "
        "en la cola cuando el sistema esté disponible."))


def read_back(run: _Run, connector: WritableConnector, item: OutboxItem,
              request: MergeRequest, equal: Equal) -> OutboxItem:
    """Read every involved record and say where the merge stands (never sends it)."""
    try:
        survivor = connector.read(request.entity, request.survivor)
        merged = {m: connector.read(request.entity, m) for m in request.merged}
        children = {child_key(c.entity, c.source_id): connector.read(c.entity, c.source_id)
                    for c in request.children}
    except SourceError as exc:
        run.step("returned:read", item)
        return run.move(item, OutboxState.UNKNOWN, reason="read_back_failed", detail=(
            f"No se pudo leer los registros para saber si la fusión se hizo: {exc} Se leerán "
            "de nuevo en el próximo envío."))
    run.step("returned:read", item)
    state, why = merge_state(request, survivor, merged, children, equal)
    if state == AFTER:
        return run.move(item, OutboxState.APPLIED, reason="read_back", detail=(
            "Leído de nuevo: la fusión está hecha en el sistema."))
    if state == BEFORE:
        if item.state == OutboxState.UNKNOWN and item.reason == MERGE_NOT_APPLIED:
            return item  # already flagged: nothing new to record
        return run.move(item, OutboxState.UNKNOWN, reason=MERGE_NOT_APPLIED, detail=(
            "Leído de nuevo: la fusión no se hizo y los registros siguen como se aprobaron. "
            "Una fusión no se reenvía sola: vuelva a ponerla en la cola para enviarla."))
    return run.move(item, OutboxState.CONFLICT, reason="read_back_differs", detail=(
        f"Leído de nuevo: {why} Decida de nuevo."))
