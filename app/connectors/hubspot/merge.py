"""Merging duplicate HubSpot contacts: once, never retried, never undone by Cuadre.

HubSpot merges two contacts with ``POST /crm/v3/objects/contacts/merge``
(``primaryObjectId``: the one that stays; ``objectIdToMerge``: the one that goes into it), and
documents that a merge cannot be undone
(https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge,
https://knowledge.hubspot.com/records/merge-records). So:

- before anything, every involved record is read (``batch/read``) and must still hold the
  snapshot taken at approval (the compare-and-set of :mod:`app.connectors.merge_check`); the
  snapshot is the pre-image Cuadre keeps with the approval;
- each duplicate is merged into the survivor, then the survivor gets the approved values and
  the related records (vehicles, payments, deals) their new document (``batch/update``);
- a lost answer is UNKNOWN (the push reads the records back; it never resends);
- an undo is refused: HubSpot has none, and rebuilding the merged contact from the pre-image is
  a person's decision in HubSpot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Protocol

from app.connectors.base import AuthError, MergeRequest, Outcome, OutcomeStatus, SourceError
from app.connectors.http import NetworkError
from app.connectors.hubspot import values as hv
from app.connectors.hubspot.wire import HubSpotRefusal, Wire
from app.connectors.merge_check import AFTER, BEFORE, child_key, merge_state
from app.connectors.values import comparable
from app.domain.schema import Entity


class HubSpotConnector(Protocol):
    """What a merge needs of the connector (``connector.HubSpotConnector``)."""

    fields: dict[Entity, dict[str, str]]

    def wire(self) -> Wire: ...

    def read_many(self, entity: Entity, ids: list[str]) -> dict[str, dict[str, Any]]: ...

    def update_many(self, entity: Entity,
                    changes: Mapping[str, Mapping[str, str]]) -> set[str]: ...

CANNOT_UNDO = ("HubSpot no permite deshacer una fusión de contactos: Cuadre guarda la imagen "
               "previa de cada registro para rehacerlos a mano en HubSpot.")


def _equal(a: Any, b: Any, field: str) -> bool:
    return bool(comparable(field, a) == comparable(field, b))


def merge_contacts(hub: HubSpotConnector, request: MergeRequest) -> Outcome:
    if request.undo:
        return Outcome(OutcomeStatus.REJECTED, "cannot_undo", CANNOT_UNDO, permanent=True)
    if Entity(request.entity) is not Entity.CUSTOMERS:
        return Outcome(OutcomeStatus.REJECTED, "merge_unsupported", "Cuadre solo fusiona "
                       "contactos en HubSpot: fusione los demás registros en HubSpot.",
                       permanent=True)
    try:
        state, why = _state(hub, request)
        if state == AFTER:
            return Outcome(OutcomeStatus.APPLIED, "already_applied", "HubSpot ya tenía la fusión.")
        if state != BEFORE:
            return Outcome(OutcomeStatus.CONFLICT, "changed", why)
        for other in request.merged:
            hub.wire().call("POST", "/crm/v3/objects/contacts/merge", safe=False,
                            body={"primaryObjectId": request.survivor, "objectIdToMerge": other})
        current = hub.read_many(Entity.CUSTOMERS, [request.survivor]).get(request.survivor) or {}
        fields = hub.fields[Entity.CUSTOMERS]
        props = hv.written(Entity.CUSTOMERS, request.changes, fields, current)
        if props:
            hub.update_many(Entity.CUSTOMERS, {request.survivor: props})
        _move_children(hub, request)
    except AuthError as exc:
        return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
    except HubSpotRefusal as exc:
        return Outcome(OutcomeStatus.REJECTED, "refused", str(exc), http_status=exc.status,
                       permanent=True)
    except NetworkError as exc:
        if exc.maybe_sent:
            return Outcome(OutcomeStatus.UNKNOWN, "timeout", str(exc) + " Cuadre no reenvía una "
                           "fusión: se leerán los registros para saber si se hizo.")
        return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
    except (SourceError, ValueError) as exc:
        return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))
    state, why = _state(hub, request)
    if state == AFTER:
        return Outcome(OutcomeStatus.APPLIED, "", "Contactos fusionados en HubSpot y leídos de "
                       "nuevo. HubSpot no permite deshacerlo.")
    return Outcome(OutcomeStatus.CONFLICT, "read_back_differs", "HubSpot hizo la fusión pero "
                   f"los registros no quedaron como se esperaba: {why}")


def _state(hub: HubSpotConnector, request: MergeRequest) -> tuple[str, str]:
    people = hub.read_many(Entity.CUSTOMERS, [request.survivor, *request.merged])
    by_entity: dict[Entity, list[str]] = defaultdict(list)
    for child in request.children:
        by_entity[Entity(child.entity)].append(child.source_id)
    children: dict[tuple[str, str], Any] = {}
    for entity, ids in by_entity.items():
        found = hub.read_many(entity, ids)
        children.update({child_key(entity, i): found.get(i) for i in ids})
    return merge_state(request, people.get(request.survivor),
                       {m: people.get(m) for m in request.merged}, children, _equal)


def _move_children(hub: HubSpotConnector, request: MergeRequest) -> None:
    """The related records get the survivor's document (``batch/update`` per object)."""
    by_entity: dict[Entity, dict[str, dict[str, str]]] = defaultdict(dict)
    for child in request.children:
        entity = Entity(child.entity)
        fields = hub.fields[entity]
        by_entity[entity][child.source_id] = hv.written(entity, {child.field: child.new}, fields, {})
    for entity, changes in by_entity.items():
        hub.update_many(entity, changes)
