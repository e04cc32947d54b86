"""The window shows what was saved (issue 15, item 3): ``runs.saving`` returns the task's
report with the workspace's manual matches applied — the matched findings gone, a «manual»
link instead — as a Report or rebuilt around it (the window's prepared report), so F5 does
not bring a finding matched by hand back as if nothing had been done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from support.proposals import erp_pay, pay, report

from app.domain.schema import Entity
from app.findings.matching import match
from app.findings.views import findings
from app.progress import Progress, Task
from app.reconcile.results import Report
from app.store import open_store
from app.writeback.people import add_person
from app.writeback.runs import runs, saving

WS = "Concesionario Norte"
DAY = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "dora", "Dora", ["auditor"])
        yield opened


def loose() -> Report:
    """CRM P9 without a receipt, ERP A without a CRM payment: the same invoice and amount."""
    return report(payments=(
        [pay("P9", receipt="RC-900", invoice="FEB-100", amount="1000000", paid=DAY)],
        [erp_pay("A", receipt="RC-111", invoice="FEB-100", amount="1000000", paid=DAY)]))


def task_of(result: object) -> Task[object]:
    yield Progress("reconcile", 1, 1)
    return result


def drive(task: Task[object]) -> object:
    while True:
        try:
            next(task)
        except StopIteration as stop:
            return stop.value


@dataclass(frozen=True)
class Carrier:
    """Shaped like the window's prepared report."""

    report: Report
    rebuilt: bool = False

    def with_report(self, report: Report) -> Carrier:
        return Carrier(report, rebuilt=True)


def kinds(rep: Report) -> list[str]:
    return [m.kind for m in rep.results[Entity.PAYMENTS].mismatches]


def matched(store) -> None:
    """Save a first run, then match P9 with A by hand."""
    drive(saving(task_of(loose()), store, "ana", "prueba", WS))
    alive = {(*v.crm_ids, *v.erp_ids): v.id for v in findings(store, WS)}
    match(store, "ana", WS, alive[("P9",)], [alive[("A",)]], "misma factura")


def test_without_matches_the_result_comes_back_as_is(store):
    rep = loose()
    assert drive(saving(task_of(rep), store, "ana", "prueba", WS)) is rep
    carrier = Carrier(loose())
    assert drive(saving(task_of(carrier), store, "ana", "prueba", WS)) is carrier
    assert len(runs(store, WS)) == 2


def test_the_report_shown_is_the_one_saved_with_the_manual_matches(store):
    matched(store)
    rep = loose()
    shown = drive(saving(task_of(rep), store, "ana", "prueba", WS))
    assert isinstance(shown, Report) and shown is not rep
    assert kinds(rep) == ["crm_payment_without_receipt", "erp_receipt_without_crm_payment"]
    assert kinds(shown) == []
    manual = [link for link in shown.results[Entity.PAYMENTS].links if link.method == "manual"]
    assert [(link.crm_id, link.erp_id) for link in manual] == [("P9", "A")]
    assert "conciliado a mano por ana" in (manual[0].explanation or "")
    assert runs(store, WS)[0].findings == 0  # what was saved is what is shown
    # Something carrying a report is rebuilt around the one shown.
    carried = drive(saving(task_of(Carrier(loose())), store, "ana", "prueba", WS))
    assert isinstance(carried, Carrier) and carried.rebuilt
    assert kinds(carried.report) == []


def test_an_auditor_saves_nothing_but_sees_the_matches_too(store):
    matched(store)
    before = len(runs(store, WS))
    shown = drive(saving(task_of(loose()), store, "dora", "prueba", WS))
    assert isinstance(shown, Report) and kinds(shown) == []
    assert len(runs(store, WS)) == before


def test_a_failure_comes_back_untouched(store):
    failure = object()
    assert drive(saving(task_of(failure), store, "ana", "prueba", WS)) is failure
    assert runs(store, WS) == []
