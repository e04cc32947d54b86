"""Reading where a tab's findings stand (``app.findings``) after each reconciliation shown.

A tab needs, per finding, its view (state, owner, age, reason, manual match) and the people of
the workspace (names for «Responsable», owners for the filter). Reading them is a store query
that grows with the findings (64 ms for the demo's 649 payments, more on a shared
PostgreSQL workspace), so it never runs on the GUI thread: :class:`LifeReader` reads on its own
worker thread and the tab fills the columns when ``loaded`` comes (the table is shown at once,
its «Estado», «Responsable» and «Antigüedad» a moment later).
:func:`apply_life` puts what was read on the model: the views by finding id and, after the
report's rows, the findings matched by hand that the report shown (manual matches applied) no
longer lists but the store keeps («Conciliada a mano»).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.schema import Entity
from app.findings import FindingState
from app.findings.keys import finding_id, finding_key
from app.findings.views import FindingView, findings
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import EntityResult, Mismatch
from app.writeback.people import PersonInfo, people
from app.writeback.workspace import Store
from ui.common.tasks import TaskRunner
from ui.reconcile.finding_rows import mismatch_of
from ui.reconcile.findings_model import FindingsModel


@dataclass(frozen=True)
class LifeData:
    """What was read, for the reconciliation ``token`` names (stale once another is shown)."""

    token: object
    views: Mapping[str, FindingView] = field(default_factory=dict)
    people: list[PersonInfo] = field(default_factory=list)
    #: Each row's finding id, in the model's order when it was read (hashing a million
    #: findings takes seconds: done on the worker). None: not computed.
    ids: list[str] | None = None

    @property
    def names(self) -> dict[str, str]:
        return {p.login: p.name for p in self.people}


def read_life(store: Store, workspace: str | None, entity: Entity, token: object) -> LifeData:
    """The views of ``entity``'s living findings in ``workspace`` and the workspace's people."""
    views = ({v.id: v for v in findings(store, workspace, entity=entity)}
             if workspace else {})
    return LifeData(token, views, people(store))


def _reading(store: Store, workspace: str | None, entity: Entity, token: object,
             shown: Sequence[Mismatch] = ()) -> Task[LifeData]:
    yield Progress("findings_life", 0, 0)
    data = read_life(store, workspace, entity, token)
    name = workspace or ""
    ids = []
    for n, m in enumerate(shown):
        if n % 50_000 == 0:
            yield Progress("findings_life", n, len(shown))
        ids.append(finding_id(name, finding_key(entity, m)))
    return replace(data, ids=ids)


def apply_life(model: FindingsModel, data: LifeData, workspace: str | None,
               result: EntityResult | None) -> int:
    """Put ``data`` on ``model``; the rows kept for findings matched by hand (their count)."""
    entity, name = model.entity, workspace or ""

    def ids(m: Mismatch) -> str:
        return finding_id(name, finding_key(entity, m))

    known = data.ids if data.ids is not None and len(data.ids) == model.rowCount() else None
    row_ids = known if known is not None else [ids(m) for m in model.findings()]
    shown = set(row_ids)
    kept = [mismatch_of(v) for v in data.views.values()
            if v.state is FindingState.MATCHED and v.id not in shown]
    model.append(kept, result)
    model.set_life(row_ids + [ids(m) for m in kept], data.views, data.names)
    return len(kept)


class LifeReader(QObject):
    """Reads a tab's findings' life off the GUI thread."""

    loaded = Signal(object)  # LifeData

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self.loaded)

    @property
    def running(self) -> bool:
        return self.runner.running

    def read(self, store: Store, workspace: str | None, entity: Entity, token: object,
             shown: Sequence[Mismatch] = ()) -> None:
        """Read on the worker; ``loaded`` brings what was read (an older reading still running
        is cancelled and ignored by :meth:`TaskRunner.start`: its result would be stale)."""

        def factory(_cancel: CancelToken) -> Task[Any]:
            return _reading(store, workspace, entity, token, shown)

        self.runner.start(factory)

    def shutdown(self) -> bool:
        return self.runner.shutdown()
