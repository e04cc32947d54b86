"""«Crear seguimientos» end to end on the demo dealership's real SQLite files: the follow-ups
due become proposals, a second person approves them, the push creates them in the demo CRM
once (a second push and a repeated key write nothing), and the next reconciliation finds them
there — so they are no longer listed as due. The customers whose consent does not allow contact
are never proposed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.audit import verify
from app.demo import demo_task
from app.demo.connector import DemoCrm, DemoErp
from app.domain.schema import Entity, System
from app.insights.data import from_report
from app.insights.followups import followups_due
from app.progress import run
from app.store import open_store
from app.writeback import corrections as c
from app.writeback.followups import followup_id, propose_followups
from app.writeback.people import add_person
from app.writeback.push import push


@pytest.fixture
def demo(tmp_path: Path):  # type: ignore[no-untyped-def]
    report = run(demo_task(data_dir=tmp_path))
    return report, tmp_path / "demo"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        yield opened


def _crm_followups(folder: Path) -> int:
    with sqlite3.connect(folder / "crm_demo.sqlite") as conn:
        return int(conn.execute("SELECT count(*) FROM seguimientos").fetchone()[0])


def test_follow_ups_due_are_created_in_the_crm_once_and_then_no_longer_due(demo, store):  # type: ignore[no-untyped-def]
    report, folder = demo
    due = followups_due(from_report(report))
    allowed = [d for d in due.due if d.contact_allowed]
    blocked = [d for d in due.due if not d.contact_allowed]
    assert allowed and blocked

    made = propose_followups(store, "ana", due.due, workspace="Demostración")
    assert len(made.created) == len(allowed)
    assert sorted(d.vin for d, _ in made.skipped) == sorted(d.vin for d in blocked)
    for view in made.created:
        c.approve(store, "carla", view.id, comment="Llamar esta semana")

    before = _crm_followups(folder)
    connectors = {System.CRM: DemoCrm(folder / "crm_demo.sqlite"),
                  System.ERP: DemoErp(folder / "erp_demo.sqlite")}
    summary = push(store, connectors, "carla", workspace="Demostración")
    assert {i.state for i in summary.items} == {"applied"}
    assert _crm_followups(folder) == before + len(allowed)
    assert all(c.get(store, v.id).state == "applied" for v in made.created)

    first = allowed[0]
    record = connectors[System.CRM].read(Entity.FOLLOWUPS, followup_id(first))
    assert record is not None
    assert (record["vin"], record["kind"], record["due_on"], record["status"]) == (
        first.vin, first.kind, first.due_on, "open")

    again = push(store, connectors, "carla", workspace="Demostración")
    assert again.items == () and _crm_followups(folder) == before + len(allowed)

    # The next reconciliation reads them back: covered, no longer listed as due.
    after = followups_due(from_report(run(demo_task(data_dir=folder.parent))))
    assert {(d.vin, d.kind) for d in after.due} == {(d.vin, d.kind) for d in blocked}
    assert after.covered == due.covered + len(allowed)
    assert verify(store).ok
