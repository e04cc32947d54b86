"""Renewal likelihood (app/insights/renewal.py): an additive score with its reasons."""

from datetime import UTC, date, datetime

import pytest

from app.insights import renewal as weights
from app.insights.renewal import month_bounds, renewal
from tests.support.insights_frames import (
    contract,
    customer,
    data,
    deal,
    followup,
    service,
    vehicle,
)


def _case(**extra):
    frames = dict(
        customers_crm=[customer("1", first="Luz", last="Gómez", phone="3001112233"),
                       customer("2", claim=True), customer("3", consent=False),
                       customer("4"), customer("5"), customer("6")],
        vehicles_erp=[
            vehicle("VIN-1", delivered_on=date(2021, 6, 1), customer_doc="1"),
            vehicle("VIN-2", delivered_on=date(2021, 6, 1), customer_doc="2"),
            vehicle("VIN-3", delivered_on=date(2021, 6, 1), customer_doc="3"),
            vehicle("VIN-4", delivered_on=None, model_year="2022", customer_doc="4"),
            vehicle("VIN-5", delivered_on=date(2026, 1, 1), customer_doc="5"),
            vehicle("VIN-6-NEW", delivered_on=date(2026, 2, 1), customer_doc="6"),
            vehicle("VIN-6-OLD", delivered_on=date(2023, 11, 20), customer_doc="6"),
            vehicle("VIN-STOCK", status="available", customer_doc=None),
        ],
        contracts=[
            contract("VIN-1", "financing", date(2026, 11, 28)),
            contract("VIN-1", "soat", date(2026, 11, 28)),  # not financing: no points
            contract("VIN-2", "financing", date(2026, 11, 28)),
            contract("VIN-4", "financing", date(2026, 7, 15)),
        ],
        services=[
            service("VIN-1", date(2025, 3, 1)), service("VIN-1", date(2026, 2, 1)),
            service("VIN-1", date(2026, 9, 10)),
            service("VIN-4", date(2025, 1, 10)), service("VIN-4", date(2024, 11, 20)),  # 2 y ago
        ],
        followups=[followup("VIN-1", "anniversary", date(2026, 10, 15), status="done",
                            customer_doc="1"),
                   followup("VIN-5", "anniversary", date(2026, 11, 1), status="open",
                            customer_doc="5")],
        deals=[deal("D4", "sold", customer_doc="4", created_on=date(2026, 1, 2)),
               deal("D9", "lead", customer_doc="9", created_on=date(2026, 11, 1))],
    )
    frames.update(extra)
    return data(**frames)


def test_scores_add_their_reasons_and_rank_the_customers():
    result = renewal(_case())
    assert result.month == "2026-11" and result.unavailable is None
    assert [(c.customer_doc, c.vin, c.score) for c in result.candidates] == [
        ("1", "VIN-1", 100), ("4", "VIN-4", 60), ("6", "VIN-6-OLD", 20)]
    first = result.candidates[0]
    assert [(r.points, r.sentence) for r in first.reasons] == [
        (30, "Entregado el 01/06/2021: 5 años (+30)"),
        (30, "El crédito termina este mes, el 28/11/2026 (+30)"),
        (15, "3 visitas al taller en los últimos 2 años (+15)"),
        (5, "Última visita al taller el 10/09/2026 (+5)"),
        (20, "Último contacto el 15/10/2026: un seguimiento hecho en el CRM (+20)"),
    ]
    assert (first.customer_name, first.phone, first.model, first.branch) == (
        "Luz Gómez", "3001112233", "Toyota Hilux", "Bogotá")
    fourth = result.candidates[1]
    assert [(r.points, r.sentence) for r in fourth.reasons] == [
        (25, "Modelo 2022, sin fecha de entrega: ≈ 4 años (+25)"),
        (15, "El crédito terminó el 15/07/2026: ya no paga cuotas (+15)"),
        (10, "1 visita al taller en los últimos 2 años (+10)"),  # 20/11/2024 is 2 years ago
        (10, "Último contacto el 02/01/2026: movimiento en un negocio del CRM (+10)"),
    ]
    assert all(c.score == sum(r.points for r in c.reasons) for c in result.candidates)


def test_a_claim_in_progress_or_no_consent_is_not_scored():
    docs = {c.customer_doc for c in renewal(_case()).candidates}
    assert "2" not in docs and "3" not in docs  # same vehicle and credit as customer 1
    assert "5" not in docs  # a new vehicle and an open follow-up: nothing scores


def test_the_weights_are_named_constants_and_the_maximum_is_100():
    best = max(p for _, p in weights.AGE_POINTS)
    assert best + weights.FINANCING_THIS_MONTH + weights.VISITS_MANY + weights.RECENT_VISIT \
        + weights.CONTACT_RECENT == 100


def test_another_month_moves_the_financing_reason():
    result = renewal(_case(), month="2026-12")
    first = result.candidates[0]
    assert result.month == "2026-12" and first.customer_doc == "1"
    assert (15, "El crédito terminó el 28/11/2026: ya no paga cuotas (+15)") in [
        (r.points, r.sentence) for r in first.reasons]


def test_a_credit_ending_within_60_days_scores_less_than_this_month():
    result = renewal(_case(contracts=[contract("VIN-1", "financing", date(2027, 1, 19)),
                                      contract("VIN-4", "financing", date(2027, 1, 20))]))
    reasons = {c.customer_doc: [r.sentence for r in c.reasons] for c in result.candidates}
    assert "El crédito termina pronto, el 19/01/2027 (+20)" in reasons["1"]
    assert not any("crédito" in s for s in reasons["4"])  # 61 days: too far


def test_the_limit_and_missing_sources():
    assert len(renewal(_case(), limit=1).candidates) == 1
    sparse = renewal(_case(contracts=None, services=None, followups=None, deals=None))
    assert [(c.customer_doc, c.score) for c in sparse.candidates] == [
        ("1", 30), ("4", 25), ("6", 20)]
    assert "inventario" in (renewal(data(vehicles_erp=None, customers_crm=[])).unavailable or "")
    assert "clientes" in (renewal(data(vehicles_erp=[])).unavailable or "")


def test_a_deal_update_stamp_is_a_contact_in_bogota():
    late = datetime(2026, 8, 23, 2, tzinfo=UTC)  # 22/08/2026 in Bogotá: 90 days before today
    result = renewal(_case(deals=[deal("D", "lead", customer_doc="5", created_on=None,
                                       updated_at=late)]))
    five = next(c for c in result.candidates if c.customer_doc == "5")
    assert [r.sentence for r in five.reasons] == [
        "Último contacto el 22/08/2026: movimiento en un negocio del CRM (+20)"]


def test_month_bounds():
    assert month_bounds("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    with pytest.raises(ValueError):
        month_bounds("noviembre")
