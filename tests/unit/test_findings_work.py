"""What people do with a finding (issue 15, item 2): assign it, explain it with a reason and a
comment, open it again — each by a person with a working role, one transaction with its audit
row, never over someone else's change, never on a finding that is gone."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.proposals import erp_pay, pay, report

from app.audit import verify
from app.findings import ConcurrentChange, FindingError, FindingState, InvalidState, NotPermitted, work
from app.findings.views import findings, get
from app.store import open_store
from app.store.models import AuditRow
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        add_person(opened, "admin", "dora", "Dora", ["auditor"])
        yield opened


def lone_payment(*, gone: bool = False):
    crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000")]
    erp = [erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000")] if gone else []
    return report(payments=(crm, erp))


@pytest.fixture
def lone(store):
    save_run(store, "ana", lone_payment(), "prueba", WS)
    [found] = findings(store, WS)
    return found


def actions(store):
    with store.read() as s:
        return [(r.action, r.actor, r.record, r.old, r.new, r.comment)
                for r in s.scalars(select(AuditRow)
                                   .where(AuditRow.action.startswith("finding_", autoescape=True))
                                   .order_by(AuditRow.seq))]


def test_assign_explain_and_reopen_each_audited(store, lone):
    given = work.assign(store, "Ana", WS, lone.id, "carla", "revísalo tú")
    assert (given.state, given.assignee, given.updated_by) == (FindingState.ASSIGNED, "carla",
                                                               "ana")
    told = work.explain(store, "carla", WS, lone.id, "in_transit", "Llega el lunes")
    assert (told.state, told.reason, told.comment, told.assignee) == (
        FindingState.EXPLAINED, "in_transit", "Llega el lunes", "carla")
    again = work.reopen(store, "admin", WS, lone.id, "no llegó")
    assert (again.state, again.reason, again.comment, again.assignee) == (
        FindingState.ASSIGNED, None, None, "carla")
    assert actions(store) == [
        ("finding_assigned", "ana", lone.id, None, '"carla"', "revísalo tú"),
        ("finding_explained", "carla", lone.id, None, '"in_transit"', "Llega el lunes"),
        ("finding_reopened", "admin", lone.id, '"explained"', '"assigned"', "no llegó")]
    assert verify(store).ok
    assert get(store, WS, lone.id).version == again.version


def test_an_unassigned_explained_finding_reopens_to_open(store, lone):
    work.explain(store, "ana", WS, lone.id, "typo", "Recibo digitado con otro número")
    assert work.reopen(store, "ana", WS, lone.id).state is FindingState.OPEN
    with pytest.raises(InvalidState, match="ya está abierto"):
        work.reopen(store, "ana", WS, lone.id)


def test_only_people_who_work_act_and_only_on_people_who_work(store, lone):
    with pytest.raises(NotPermitted, match="«dora» no puede explicar hallazgos"):
        work.explain(store, "dora", WS, lone.id, "other", "x")
    with pytest.raises(NotPermitted, match="«nadie» no puede asignar"):
        work.assign(store, "nadie", WS, lone.id, "ana")
    with pytest.raises(FindingError, match="«dora» no está registrado con un rol") as refused:
        work.assign(store, "ana", WS, lone.id, "dora")
    assert refused.value.code == "unknown_person"
    assert actions(store) == []


def test_an_explanation_needs_a_known_reason_and_a_comment(store, lone):
    with pytest.raises(FindingError, match="Motivo desconocido «lluvia»"):
        work.explain(store, "ana", WS, lone.id, "lluvia", "x")
    with pytest.raises(FindingError, match="lleva un comentario") as refused:
        work.explain(store, "ana", WS, lone.id, "rounding", "   ")
    assert refused.value.code == "missing_comment"
    assert get(store, WS, lone.id).state is FindingState.OPEN


def test_someone_elses_change_is_never_overwritten(store, lone):
    seen = get(store, WS, lone.id)
    work.assign(store, "carla", WS, lone.id, "carla", version=seen.version)
    with pytest.raises(ConcurrentChange, match="Otra persona cambió"):
        work.explain(store, "ana", WS, lone.id, "other", "visto antes", version=seen.version)
    assert get(store, WS, lone.id).state is FindingState.ASSIGNED


def test_a_resolved_finding_is_left_alone(store, lone):
    save_run(store, "ana", lone_payment(gone=True), "prueba", WS)
    with pytest.raises(InvalidState, match="resuelto"):
        work.assign(store, "ana", WS, lone.id, "carla")
    with pytest.raises(FindingError, match="No hay ningún hallazgo"):
        work.assign(store, "ana", "Otra sede", lone.id, "carla")


def test_a_finding_back_after_being_resolved_starts_a_new_life(store, lone):
    work.assign(store, "ana", WS, lone.id, "carla")
    work.explain(store, "carla", WS, lone.id, "in_transit", "Llega el lunes")
    save_run(store, "ana", lone_payment(gone=True), "prueba", WS)
    save_run(store, "ana", lone_payment(), "prueba", WS)
    back = get(store, WS, lone.id)
    assert (back.state, back.reason, back.comment, back.assignee) == (
        FindingState.ASSIGNED, None, None, "carla")
