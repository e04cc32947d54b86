"""Showing one saved finding in its tab (from «¿Dónde está este VIN?»): the table row whose
stable key gives that finding's id in the workspace, made current; the type filter and the
search are cleared first when they hide it."""

from __future__ import annotations

from app.findings.keys import finding_id, finding_key
from ui.reconcile.entity_tab import EntityTab


def reveal_finding(tab: EntityTab, workspace: str | None, wanted: str) -> bool:
    """Make the finding ``wanted`` (a saved finding's id in ``workspace``) the current row of
    ``tab``; False when the table on screen does not hold it."""
    if not workspace:
        return False
    keys = [key for row in (tab.model.row_item(r) for r in range(tab.model.rowCount()))
            if finding_id(workspace, key := finding_key(tab.entity, row.finding)) == wanted]
    if not keys:
        return False
    if tab.select_keys(keys[:1]):
        return True
    tab.set_kind(None)
    tab.search_edit.clear()
    tab.apply_search()
    return tab.select_keys(keys[:1])
