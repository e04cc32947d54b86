"""Where a system stands against one :class:`~app.connectors.base.MergeRequest`.

A merge is snapshotted whole at approval, so whoever must know whether it happened — a
connector before it writes (the compare-and-set), the push after a lost answer (the read-back)
— asks the same question of the records as they are now: do they still hold the pre-image
(the snapshot: survivor and merged records as read, children on their old document), or the
merged state (the survivor holds ``changes``, the merged records are gone, the children hold
their new document), or something else (someone else changed them)? With ``undo`` the two
ends swap. Pure functions over canonical records; ``equal`` is the caller's canonical equality.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.connectors.base import MergeRequest
from app.domain.schema import Entity

Record = Mapping[str, Any]
#: (value read, value wanted, the canonical field) → the same value?
Equal = Callable[[Any, Any, str], bool]

BEFORE = "before"  # as the request found them: it may be sent
AFTER = "after"  # the request is done
OTHER = "other"  # someone else changed them: a conflict

#: Not compared with the snapshot: a system stamps it on every write, even a no-op one.
UNCOMPARED = frozenset({"updated_at", "source_id"})

ChildKey = tuple[str, str]  # (entity, source_id)


def involved(request: MergeRequest) -> list[tuple[Entity, str]]:
    """Every record the request touches, survivor first, then merged ones, then children."""
    entity = Entity(request.entity)
    out = [(entity, request.survivor)] + [(entity, m) for m in request.merged]
    out += [(Entity(c.entity), c.source_id) for c in request.children]
    return out


def child_key(entity: Entity | str, source_id: str) -> ChildKey:
    return (Entity(entity).value, str(source_id))


def merge_state(request: MergeRequest, survivor: Record | None,
                merged: Mapping[str, Record | None], children: Mapping[ChildKey, Record | None],
                equal: Equal) -> tuple[str, str]:
    """(``BEFORE`` | ``AFTER`` | ``OTHER``, a Spanish sentence naming what differs — record
    ids and field names only, never values)."""
    pre, pre_why = _pre_image(request, survivor, merged, children, equal,
                              whole_survivor=not request.undo)
    post, post_why = _merged(request, survivor, merged, children, equal)
    if request.undo:
        pre, post = post, pre
        pre_why, post_why = post_why, pre_why
    if post:
        return AFTER, ""
    if pre:
        return BEFORE, ""
    return OTHER, pre_why


def _differing(record: Record, wanted: Mapping[str, Any], equal: Equal) -> list[str]:
    return sorted(k for k, v in wanted.items()
                  if k not in UNCOMPARED and not equal(record.get(k), v, k))


def _pre_image(request: MergeRequest, survivor: Record | None,
               merged: Mapping[str, Record | None], children: Mapping[ChildKey, Record | None],
               equal: Equal, *, whole_survivor: bool) -> tuple[bool, str]:
    """Whether every record holds its snapshot (the survivor whole, or only the fields the
    merge changed) and every child its old document; else why not."""
    wanted = dict(request.snapshot.get(request.survivor, {}))
    if not whole_survivor:
        wanted = {k: v for k, v in wanted.items() if k in request.changes}
    if survivor is None:
        return False, f"El registro {request.survivor} ya no existe en el sistema."
    fields = _differing(survivor, wanted, equal)
    if fields:
        return False, (f"El registro {request.survivor} cambió desde la aprobación: "
                       f"{', '.join(fields)}.")
    for source_id in request.merged:
        record = merged.get(source_id)
        if record is None:
            return False, f"El registro {source_id} ya no está en el sistema (¿ya se fusionó?)."
        fields = _differing(record, request.snapshot.get(source_id, {}), equal)
        if fields:
            return False, f"El registro {source_id} cambió desde la aprobación: {', '.join(fields)}."
    off = _child_off(request, children, equal, moved=False)
    if off is not None:
        return False, f"El registro relacionado {off} cambió desde la aprobación."
    return True, ""


def _merged(request: MergeRequest, survivor: Record | None, merged: Mapping[str, Record | None],
            children: Mapping[ChildKey, Record | None], equal: Equal) -> tuple[bool, str]:
    """Whether the merge is in place: the survivor holds the changes, the merged records are
    gone, the children hold their new document; else why not."""
    if survivor is None:
        return False, f"El registro {request.survivor} ya no existe en el sistema."
    fields = _differing(survivor, request.changes, equal)
    if fields:
        return False, (f"El registro {request.survivor} no tiene los valores de la fusión: "
                       f"{', '.join(fields)}.")
    back = [m for m in request.merged if merged.get(m) is not None]
    if back:
        return False, f"El registro {back[0]} sigue en el sistema."
    off = _child_off(request, children, equal, moved=True)
    if off is not None:
        return False, f"El registro relacionado {off} no quedó reasignado."
    return True, ""


def _child_off(request: MergeRequest, children: Mapping[ChildKey, Record | None], equal: Equal,
               *, moved: bool) -> str | None:
    """The first child that does not hold its new (``moved``) or old document, or None."""
    for child in request.children:
        record = children.get(child_key(child.entity, child.source_id))
        wanted = child.new if moved else child.old
        if record is None or not equal(record.get(child.field), wanted, child.field):
            return child.source_id
    return None
