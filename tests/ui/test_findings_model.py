"""The findings table model and its filter proxy: Qt's model contract, filters and sorting."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt
from ui_fakes import RESULTS, make_report

from app.domain.schema import Entity, System
from app.progress import Progress, run
from app.reconcile.results import KINDS, Mismatch
from ui.common import formatting as fmt
from ui.common.models import fast_fold
from ui.reconcile.findings_model import (
    FindingRole,
    FindingsModel,
    PreparedReport,
    prepare_findings,
    with_prepared_findings,
)
from ui.reconcile.findings_proxy import FindingsProxy


def _model(entity: Entity) -> FindingsModel:
    model = FindingsModel(entity)
    model.set_findings(RESULTS[entity]().findings())
    return model


def _proxy(model: FindingsModel) -> FindingsProxy:
    proxy = FindingsProxy()
    proxy.setSourceModel(model)
    return proxy


def _column(model: FindingsModel, header: str) -> int:
    return model.column_of(header)


def _shown(proxy: FindingsProxy, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


@pytest.mark.parametrize("entity", list(RESULTS))
def test_source_model_keeps_qts_contract(qtmodeltester, entity: Entity) -> None:
    model = _model(entity)
    assert model.rowCount() == len(RESULTS[entity]().findings())
    qtmodeltester.check(model)


@pytest.mark.parametrize("entity", list(RESULTS))
def test_proxy_keeps_qts_contract_filtered_and_sorted(qtmodeltester, entity: Entity) -> None:
    model = _model(entity)
    proxy = _proxy(model)
    qtmodeltester.check(proxy)
    proxy.set_search("a")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_an_empty_model_keeps_qts_contract(qtmodeltester) -> None:
    model = FindingsModel(Entity.PAYMENTS)
    qtmodeltester.check(model)
    qtmodeltester.check(_proxy(model))


def test_cells_read_in_spanish_with_pesos() -> None:
    model = _model(Entity.PAYMENTS)
    row = next(r for r in range(model.rowCount()) if model.finding(r).kind == "amount_differs")
    text = {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in range(model.columnCount())}
    assert text["Tipo"] == "Valor distinto"
    assert text["Recibo"] == "RC-0001"
    assert text["En el CRM"] == "$\u00a01.234.567"
    assert text["En el ERP"] == "$\u00a01.200.001"  # 1.200.000,50 rounds half-up
    assert text["En juego"] == "$\u00a034.567"
    assert text["Campo"] == "Valor"
    assert model.index(row, 0).data(FindingRole) is model.finding(row)


def test_filter_by_kind_and_back_to_every_kind() -> None:
    model = _model(Entity.CUSTOMERS)
    proxy = _proxy(model)
    proxy.set_kind("phone_differs")
    assert proxy.rowCount() == 1
    assert proxy.finding(proxy.index(0, 0)).kind == "phone_differs"
    proxy.set_kind("duplicate_key")
    assert [proxy.finding(proxy.index(r, 0)).ids for r in range(proxy.rowCount())] == [
        ("C-003", "C-004")
    ]
    proxy.set_kind(None)
    assert proxy.rowCount() == model.rowCount()


def test_search_ignores_accents_and_case() -> None:
    model = _model(Entity.CUSTOMERS)
    proxy = _proxy(model)
    proxy.set_search("perez")  # the CRM wrote "Pérez"
    assert {proxy.finding(proxy.index(r, 0)).kind for r in range(proxy.rowCount())} == {
        "name_differs"
    }
    proxy.set_search("  PÉREZ ")
    assert proxy.rowCount() == 1
    proxy.set_search("telefono")  # the kind label "Teléfono distinto"
    assert _shown(proxy, 0) == ["Teléfono distinto"]
    proxy.set_search("no existe en ningún lado")
    assert proxy.rowCount() == 0
    proxy.set_search("")
    assert proxy.rowCount() == model.rowCount()


def test_search_and_kind_filters_combine() -> None:
    model = _model(Entity.PAYMENTS)
    proxy = _proxy(model)
    proxy.set_search("cali")  # "Cali - Pasoancho": two findings
    assert proxy.rowCount() == 2
    proxy.set_kind("date_differs")
    assert _shown(proxy, model.column_of("Recibo")) == ["RC-0004"]


def test_search_finds_pesos_as_shown() -> None:
    proxy = _proxy(_model(Entity.PAYMENTS))
    proxy.set_search("$ 34.567")
    assert _shown(proxy, 0) == ["Valor distinto"]


def test_search_does_not_match_across_two_columns() -> None:
    model = _model(Entity.PAYMENTS)
    proxy = _proxy(model)
    # "Valor distinto" then "RC-0001": joined they would read "distintorc".
    proxy.set_search("distintorc")
    assert proxy.rowCount() == 0


def test_money_column_sorts_as_numbers_with_empty_last() -> None:
    amounts = [Decimal("9000"), Decimal("100000"), None, Decimal("25000.5"), Decimal("100")]
    findings = [
        Mismatch("amount_differs", f"P-{i}", f"R-{i}", key=f"RC-{i}", at_stake=a)
        for i, a in enumerate(amounts)
    ]
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(findings)
    proxy = _proxy(model)
    money = model.money_column()
    assert money is not None and model.headerData(money, Qt.Orientation.Horizontal) == "En juego"

    proxy.sort(money, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy, money) == ["$\u00a0100", "$\u00a09.000", "$\u00a025.001",
                                    "$\u00a0100.000", "—"]
    proxy.sort(money, Qt.SortOrder.DescendingOrder)
    assert _shown(proxy, money) == ["$\u00a0100.000", "$\u00a025.001", "$\u00a09.000",
                                    "$\u00a0100", "—"]


def test_sorting_by_text_ignores_accents_and_keeps_the_selection(qtbot) -> None:
    model = _model(Entity.CUSTOMERS)
    proxy = _proxy(model)
    selection = QItemSelectionModel(proxy)
    target = next(r for r in range(proxy.rowCount())
                  if proxy.finding(proxy.index(r, 0)).kind == "missing_city")
    selection.setCurrentIndex(
        proxy.index(target, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    pinned = QPersistentModelIndex(proxy.index(target, 0))

    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    labels = _shown(proxy, 0)
    assert labels == sorted(labels, key=fast_fold)
    assert labels.index("Dígito de verificación inválido") < labels.index("Documento duplicado")
    assert proxy.finding(selection.currentIndex()).kind == "missing_city"
    assert proxy.finding(pinned).kind == "missing_city"


def test_detail_column_explains_codes() -> None:
    model = _model(Entity.CUSTOMERS)
    detail = model.column_of("Detalle")
    by_kind = {model.finding(r).kind: model.index(r, detail).data()
               for r in range(model.rowCount())}
    assert by_kind["invalid_check_digit"] == "el DV correcto es 8"
    assert by_kind["duplicate_key"] == "2 registros en el CRM"
    payments = _model(Entity.PAYMENTS)
    row = next(r for r in range(payments.rowCount())
               if payments.finding(r).kind == "date_differs")
    assert payments.index(row, payments.column_of("Detalle")).data() == "3 días de diferencia"
    assert payments.index(row, payments.column_of("En el CRM")).data() == "01/03/2026"


def test_money_text_is_colombian_pesos_without_decimals() -> None:
    assert fmt.money(Decimal("1234567")) == "$\u00a01.234.567"
    assert fmt.money(Decimal("1234566.50")) == "$\u00a01.234.567"
    assert fmt.money(Decimal("0.49")) == "$\u00a00"
    assert fmt.money(12345678901) == "$\u00a012.345.678.901"
    assert fmt.money(None) == "—"
    assert fmt.money(Decimal("NaN")) == "—"
    assert fmt.count(2004) == "2.004"


def _big_findings(n: int) -> list[Mismatch]:
    rnd = random.Random(20260302)
    kinds = KINDS[Entity.PAYMENTS]
    names = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith", "Álvarez"]
    rows = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        rows.append(Mismatch(
            kind=kind, crm_id=f"P-{i:06d}", erp_id=f"R-{i:06d}", key=f"RC-{i:07d}",
            field="customer_doc", crm_value=f"{rnd.choice(names)} {i}",
            erp_value=str(rnd.randint(10**6, 10**9)),
            at_stake=None if i % 10 == 0 else Decimal(rnd.randint(0, 10**9)),
            branch=rnd.choice(["Bogotá - Autopista Norte", "Cali - Pasoancho"]),
            system=System.CRM,
        ))
    return rows


@pytest.mark.slow
def test_a_hundred_thousand_rows_load_filter_and_sort(qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = _big_findings(100_000)
    model = FindingsModel(Entity.PAYMENTS)
    model.set_findings(prepare_findings(Entity.PAYMENTS, findings))  # as the worker does
    proxy = _proxy(model)  # a big table: filtered and sorted on the proxy's worker
    qtbot.waitUntil(lambda: not proxy.busy)
    assert proxy.rowCount() == 100_000

    with qtbot.waitSignal(proxy.settled):
        proxy.set_kind("amount_differs")
    expected = sum(1 for m in findings if m.kind == "amount_differs")
    assert proxy.rowCount() == expected

    with qtbot.waitSignal(proxy.settled):
        proxy.set_search("alvarez")  # written "Álvarez"
    wanted = {m.key for m in findings
              if m.kind == "amount_differs" and m.crm_value.startswith("Álvarez")}
    key = model.column_of("Recibo")
    assert set(_shown(proxy, key)) == wanted

    proxy.set_kind(None)
    proxy.set_search("")
    money = model.money_column()
    with qtbot.waitSignal(proxy.settled):
        proxy.sort(money, Qt.SortOrder.DescendingOrder)
    stakes = [proxy.finding(proxy.index(r, 0)).at_stake for r in range(proxy.rowCount())]
    present = [s for s in stakes if s is not None]
    assert present == sorted(present, reverse=True)
    assert stakes[len(present):] == [None] * (len(stakes) - len(present))
    assert proxy.index(0, money).data() == fmt.money(max(present))


def test_rows_prepared_off_thread_equal_rows_prepared_in_the_model() -> None:
    findings = _big_findings(500)
    direct, prepared = FindingsModel(Entity.PAYMENTS), FindingsModel(Entity.PAYMENTS)
    direct.set_findings(findings)
    prepared.set_findings(prepare_findings(Entity.PAYMENTS, findings))
    assert prepared.search_texts == direct.search_texts
    assert prepared.kinds == direct.kinds
    with pytest.raises(ValueError):
        FindingsModel(Entity.VEHICLES).set_findings(prepare_findings(Entity.PAYMENTS, findings))


def test_with_prepared_findings_wraps_a_report_task() -> None:
    report = make_report()

    def task():
        yield Progress("compare_customers", 1, 2)
        return report

    result = run(with_prepared_findings(task()))
    assert isinstance(result, PreparedReport) and result.report is report
    for entity, entity_result in report.results.items():
        assert result.findings[entity].findings == entity_result.findings()
