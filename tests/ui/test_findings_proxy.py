"""The findings proxy on a big table: filters and sorts computed on its worker give the same
rows as the same work done at once, and a result overtaken by a newer keystroke is dropped."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.domain.schema import Entity, System
from app.reconcile.results import KINDS, Mismatch
from ui.reconcile.finding_rows import Mark
from ui.reconcile.findings_model import FindingsModel, prepare_findings
from ui.reconcile.findings_proxy import FindingsProxy

_NAMES = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith", "Álvarez", "Ibáñez"]


def _findings(n: int) -> list[Mismatch]:
    rnd = random.Random(18)
    kinds = KINDS[Entity.PAYMENTS]
    return [Mismatch(
        kind=rnd.choice(kinds), crm_id=f"P-{i:06d}", erp_id=f"R-{i:06d}", key=f"RC-{i:07d}",
        field="customer_doc", crm_value=f"{rnd.choice(_NAMES)} {rnd.randint(0, 999)}",
        erp_value=str(rnd.randint(10**6, 10**9)),
        at_stake=None if i % 7 == 0 else Decimal(rnd.randint(0, 10**4)),  # many ties
        branch=rnd.choice(["Bogotá - Autopista Norte", "Cali - Pasoancho", None]),
        system=System.CRM) for i in range(n)]


@pytest.fixture(scope="module")
def model() -> FindingsModel:
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(prepare_findings(Entity.PAYMENTS, _findings(30_000)))
    return model


def _rows(proxy: FindingsProxy) -> list[int]:
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def _both(model: FindingsModel, qtbot) -> tuple[FindingsProxy, FindingsProxy]:  # type: ignore[no-untyped-def]
    background = FindingsProxy(sync_rows=0)  # always on the worker
    background.setSourceModel(model)
    qtbot.waitUntil(lambda: not background.busy)
    reference = FindingsProxy(sync_rows=10**9)  # always at once
    reference.setSourceModel(model)
    return background, reference


STEPS = [
    ("sort", 2, Qt.SortOrder.DescendingOrder),  # pesos: many ties, some empty
    ("kind", "amount_differs"),
    ("search", "perez"),
    ("search", "perez 1"),  # typing on: narrowed among the rows «perez» found
    ("sort", 0, Qt.SortOrder.AscendingOrder),
    ("search", "1.234"),  # a number with a dot: also found without it
    ("kind", None),
    ("search", ""),
    ("sort", 5, Qt.SortOrder.AscendingOrder),  # branch: empty cells last
    ("sort", 5, Qt.SortOrder.DescendingOrder),
]


def _do(proxy: FindingsProxy, step: tuple) -> None:  # type: ignore[type-arg]
    if step[0] == "sort":
        proxy.sort(step[1], step[2])
    elif step[0] == "kind":
        proxy.set_kind(step[1])
    else:
        proxy.set_search(step[1])


def test_filters_and_sorts_on_the_worker_equal_the_same_done_at_once(model, qtbot) -> None:  # type: ignore[no-untyped-def]
    background, reference = _both(model, qtbot)
    for step in STEPS:
        with qtbot.waitSignal(background.settled, timeout=20_000):
            _do(background, step)
        _do(reference, step)
        assert not background.busy
        assert _rows(background) == _rows(reference), step
    assert background.rowCount() == model.rowCount()


def test_the_sort_is_right_not_only_equal(model, qtbot) -> None:  # type: ignore[no-untyped-def]
    background, _reference = _both(model, qtbot)
    with qtbot.waitSignal(background.settled, timeout=20_000):
        background.sort(2, Qt.SortOrder.AscendingOrder)
    stakes = [model.finding(r).at_stake for r in _rows(background)]
    present = [s for s in stakes if s is not None]
    assert present == sorted(present) and len(present) < len(stakes)
    assert all(s is None for s in stakes[len(present):])
    # Ties keep the order they had: the engine's, as no other sort came before.
    rows = _rows(background)
    ties = [r for r in rows if model.finding(r).at_stake == present[0]]
    assert ties == sorted(ties)


def test_a_result_overtaken_by_a_newer_keystroke_is_dropped(model, qtbot) -> None:  # type: ignore[no-untyped-def]
    background, reference = _both(model, qtbot)
    applied: list[int] = []
    background.settled.connect(lambda: applied.append(background.rowCount()))
    # Both asked before the window handles any event: the first answer, whenever it comes,
    # is stale.
    background.set_search("gomez")
    background.set_search("smith")
    assert background.busy
    qtbot.waitUntil(lambda: not background.busy, timeout=20_000)
    qtbot.wait(50)  # a late answer to «gomez» would arrive by now
    reference.set_search("smith")
    assert applied == [reference.rowCount()]
    assert _rows(background) == _rows(reference)


def test_the_selection_follows_its_row_through_a_background_sort_and_filter(model, qtbot) -> None:  # type: ignore[no-untyped-def]
    background, _reference = _both(model, qtbot)
    selection = QItemSelectionModel(background)
    target = 1234
    selection.setCurrentIndex(background.mapFromSource(model.index(target, 0)),
                              QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)
    with qtbot.waitSignal(background.settled, timeout=20_000):
        background.sort(1, Qt.SortOrder.DescendingOrder)
    assert background.mapToSource(selection.currentIndex()).row() == target
    kind = model.finding(target).kind
    with qtbot.waitSignal(background.settled, timeout=20_000):
        background.set_kind(kind)
    assert background.mapToSource(selection.currentIndex()).row() == target
    other = next(k for k in KINDS[Entity.PAYMENTS] if k != kind)
    with qtbot.waitSignal(background.settled, timeout=20_000):
        background.set_kind(other)
    assert not selection.currentIndex().isValid()  # its row is filtered out


def test_marks_are_searched_after_they_change(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(prepare_findings(Entity.PAYMENTS, _findings(2_000)))
    proxy = FindingsProxy(sync_rows=0)
    proxy.setSourceModel(model)
    with qtbot.waitSignal(proxy.settled, timeout=20_000):
        proxy.set_search("propuesta por ana")
    assert proxy.rowCount() == 0
    with qtbot.waitSignal(proxy.settled, timeout=20_000):
        model.set_marks({7: Mark("Propuesta por Ana Ruiz el 02/03/2026", "#d99a00")})
    assert _rows(proxy) == [7]


def test_the_proxy_keeps_qts_contract_on_the_worker(model, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    small = FindingsModel(Entity.PAYMENTS)
    small.set_findings(prepare_findings(Entity.PAYMENTS, _findings(300)))
    proxy = FindingsProxy(sync_rows=0)
    proxy.setSourceModel(small)
    qtbot.waitUntil(lambda: not proxy.busy)
    with qtbot.waitSignal(proxy.settled, timeout=20_000):
        proxy.set_search("a")
    with qtbot.waitSignal(proxy.settled, timeout=20_000):
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)


def test_a_column_is_keyed_once_and_again_only_when_its_rows_change(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(prepare_findings(Entity.PAYMENTS, _findings(500)))
    calls: list[int] = []
    kind = model.columns[0]

    def counted(row):  # type: ignore[no-untyped-def]
        calls.append(1)
        return kind.key(row)

    model._columns = (replace(kind, key=counted), *model.columns[1:])
    proxy = FindingsProxy(sync_rows=0)
    proxy.setSourceModel(model)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder,
                  Qt.SortOrder.AscendingOrder):
        with qtbot.waitSignal(proxy.settled, timeout=20_000):
            proxy.sort(0, order)
    assert len(calls) == 500  # read once, ranked, kept
    with qtbot.waitSignal(proxy.settled, timeout=20_000):
        model.set_findings(prepare_findings(Entity.PAYMENTS, _findings(300)))
    assert len(calls) == 800  # new rows: read again
