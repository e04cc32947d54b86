"""Post-sale follow-ups due (app/insights/followups.py) on small frames with hand-computed
dates: today is 20/11/2026 and the window 30 days, so it ends on 20/12/2026."""

from datetime import date

import pytest

from app.insights.data import CLAIM_REASON, NO_CONSENT_REASON, NOT_IN_CRM_REASON
from app.insights.followups import followups_due
from app.insights.model import NO_BRANCH
from tests.support.insights_frames import (
    contract,
    customer,
    data,
    followup,
    service,
    vehicle,
)

CRM = [customer("100")]


def _due(result):
    return [(d.vin, d.kind, d.due_on) for d in result.due]


def test_anniversaries_in_the_window_with_their_sentence():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[
            vehicle("VIN-ONE-YEAR", delivered_on=date(2025, 11, 25)),
            vehicle("VIN-TWO-YEARS", delivered_on=date(2024, 12, 20)),  # the window's last day
            vehicle("VIN-TOO-LATE", delivered_on=date(2024, 12, 21)),
            vehicle("VIN-YESTERDAY", delivered_on=date(2025, 11, 19)),  # next one is in 2027
            vehicle("VIN-TODAY", delivered_on=date(2023, 11, 20)),  # the window's first day
        ]))
    assert _due(result) == [("VIN-TODAY", "anniversary", date(2026, 11, 20)),
                            ("VIN-ONE-YEAR", "anniversary", date(2026, 11, 25)),
                            ("VIN-TWO-YEARS", "anniversary", date(2026, 12, 20))]
    by_vin = {d.vin: d for d in result.due}
    assert by_vin["VIN-ONE-YEAR"].basis == "Entregado el 25/11/2025: cumple un año el 25/11/2026"
    assert by_vin["VIN-TWO-YEARS"].basis == "Entregado el 20/12/2024: cumple 2 años el 20/12/2026"
    assert result.covered == 0 and result.unavailable is None


def test_a_delivery_on_29_february_has_its_anniversary_on_the_28th():
    result = followups_due(data(
        today=date(2027, 2, 20), customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-LEAP", delivered_on=date(2024, 2, 29))]))
    assert _due(result) == [("VIN-LEAP", "anniversary", date(2027, 2, 28))]
    assert result.due[0].basis == "Entregado el 29/02/2024: cumple 3 años el 28/02/2027"
    # In a leap year it is the 29th again.
    leap = followups_due(data(
        today=date(2028, 2, 20), customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-LEAP", delivered_on=date(2024, 2, 29))]))
    assert _due(leap) == [("VIN-LEAP", "anniversary", date(2028, 2, 29))]


def test_first_service_without_odometer_is_122_days_after_delivery():
    result = followups_due(data(
        customers_crm=CRM, followups=[], services=[],
        vehicles_erp=[vehicle("VIN-NEW", delivered_on=date(2026, 8, 1))]))
    assert _due(result) == [("VIN-NEW", "first_service", date(2026, 12, 1))]
    assert result.due[0].basis == ("Sin lectura de kilometraje: 5.000 km a 15.000 km/año ≈ 122 "
                                   "días después de la entrega")


def test_a_slower_yearly_rate_moves_the_estimate():
    # 5.000 km at 10.000 km a year: ceil(182,5) = 183 days after 01/06/2026 = 01/12/2026.
    result = followups_due(data(
        customers_crm=CRM, followups=[], services=[],
        vehicles_erp=[vehicle("VIN-NEW", delivered_on=date(2026, 6, 1))]), km_per_year=10000)
    assert _due(result) == [("VIN-NEW", "first_service", date(2026, 12, 1))]


def test_an_odometer_reading_moves_the_date_into_and_out_of_the_window():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[
            # Estimated 31/08/2026 (past), but 4.100 km in 184 days: ceil(5000·184/4100) = 225
            # days after 01/05/2026 = 12/12/2026.
            vehicle("VIN-SLOW", delivered_on=date(2026, 5, 1)),
            # Estimated 01/12/2026, but 1.000 km in 61 days: 305 days, out of the window.
            vehicle("VIN-PARKED", delivered_on=date(2026, 8, 1)),
        ],
        services=[
            service("VIN-SLOW", date(2026, 6, 1), km=900),
            service("VIN-SLOW", date(2026, 11, 1), km=4100),  # the latest reading counts
            service("VIN-SLOW", date(2026, 11, 10), km=None),  # a visit without reading
            service("VIN-PARKED", date(2026, 10, 1), km=1000, kind="repair"),
        ]))
    assert _due(result) == [("VIN-SLOW", "first_service", date(2026, 12, 12))]
    assert result.due[0].basis == "Última lectura 4.100 km el 01/11/2026: ≈ 5.000 km el 12/12/2026"


def test_a_reading_on_the_delivery_day_gives_no_rate():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-NEW", delivered_on=date(2026, 8, 1))],
        services=[service("VIN-NEW", date(2026, 8, 1), km=12),  # the pre-delivery check
                  service("VIN-NEW", date(2026, 7, 30), km=5)]))
    assert _due(result) == [("VIN-NEW", "first_service", date(2026, 12, 1))]
    assert result.due[0].basis.startswith("Sin lectura de kilometraje")


def test_a_first_service_visit_means_none_is_due():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-DONE", delivered_on=date(2026, 8, 1))],
        services=[service("VIN-DONE", date(2026, 11, 2), kind="first_service", km=4800)]))
    assert result.due == ()


def test_without_workshop_visits_the_first_service_is_estimated_from_delivery():
    result = followups_due(data(
        customers_crm=CRM, followups=[], services=None,
        vehicles_erp=[vehicle("VIN-NEW", delivered_on=date(2026, 8, 1))]))
    assert _due(result) == [("VIN-NEW", "first_service", date(2026, 12, 1))]


def test_soat_and_insurance_ending_in_the_window():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-A", delivered_on=date(2023, 3, 1)),
                      vehicle("VIN-B", delivered_on=date(2023, 3, 1))],
        contracts=[
            contract("VIN-A", "soat", date(2026, 12, 5), provider="Seguros Bolívar"),
            contract("VIN-A", "soat", date(2025, 12, 5), provider="Seguros Bolívar"),  # past
            contract("VIN-B", "insurance", date(2027, 1, 5), provider="Sura"),  # too late
            contract("VIN-A", "insurance", date(2026, 11, 30)),
            contract("VIN-A", "financing", date(2026, 11, 30)),  # not a follow-up kind
            contract("VIN-UNKNOWN", "soat", date(2026, 12, 1)),  # not a delivered vehicle
        ]))
    assert _due(result) == [("VIN-A", "insurance", date(2026, 11, 30)),
                            ("VIN-A", "soat", date(2026, 12, 5))]
    assert [d.basis for d in result.due] == ["Seguro vence el 30/11/2026",
                                             "SOAT (Seguros Bolívar) vence el 05/12/2026"]


def test_a_policy_already_renewed_by_a_later_one_is_not_due():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[vehicle("VIN-A", delivered_on=date(2023, 3, 1))],
        contracts=[
            contract("VIN-A", "soat", date(2026, 12, 5)),
            contract("VIN-A", "soat", date(2027, 12, 5)),  # bought early: renewed
            contract("VIN-A", "insurance", date(2026, 12, 1)),
            contract("VIN-A", "insurance", None),  # no end date: says nothing
        ]))
    assert _due(result) == [("VIN-A", "insurance", date(2026, 12, 1))]


def test_a_crm_follow_up_covers_within_45_days_but_a_cancelled_one_does_not():
    vehicles = [vehicle("VIN-A", delivered_on=date(2025, 11, 25)),
                vehicle("VIN-B", delivered_on=date(2025, 11, 26)),
                vehicle("VIN-C", delivered_on=date(2025, 11, 27)),
                vehicle("VIN-D", delivered_on=date(2025, 11, 28))]
    result = followups_due(data(
        customers_crm=CRM, vehicles_erp=vehicles,
        followups=[
            followup("VIN-A", "anniversary", date(2027, 1, 9)),  # 45 days after: covers
            followup("VIN-B", "anniversary", date(2026, 11, 26), status="cancelled"),
            followup("VIN-C", "anniversary", date(2027, 1, 12)),  # 45 + 1 days: does not
            followup("VIN-D", "soat", date(2026, 11, 28), status="done"),  # another kind
            followup("VIN-D", "anniversary", None),  # no date: cannot cover a date
        ]))
    assert [d.vin for d in result.due] == ["VIN-B", "VIN-C", "VIN-D"]
    assert result.covered == 1


def test_contact_is_allowed_only_with_dated_consent_no_claim_and_a_crm_record():
    vehicles = [vehicle(f"VIN-{doc}", delivered_on=date(2025, 11, 25), customer_doc=doc)
                for doc in ("1", "2", "3", "4", "5", "6")]
    result = followups_due(data(
        vehicles_erp=vehicles, followups=[],
        customers_crm=[customer("1", phone="3101112233"),
                       customer("2", claim=True, phone="3104445566"),
                       customer("3", consent=False), customer("4", consent_date=None)],
        customers_erp=[customer("2"), customer("5"), customer("3", consent=True),
                       customer("4", consent=False)]))
    by_doc = {d.customer_doc: d for d in result.due}
    assert by_doc["1"].contact_allowed and by_doc["1"].blocked_reason is None
    assert by_doc["1"].phone == "3101112233" and by_doc["1"].customer_name == "Ana Pérez"
    assert (by_doc["2"].contact_allowed, by_doc["2"].blocked_reason) == (False, CLAIM_REASON)
    # Whoever may not be called is listed without the number to call.
    assert all(d.phone is None for d in result.due if not d.contact_allowed)
    # Consent on the ERP record is enough (Ley 1581 asks for proof, on either record).
    assert by_doc["3"].contact_allowed
    assert (by_doc["4"].contact_allowed, by_doc["4"].blocked_reason) == (False, NO_CONSENT_REASON)
    assert (by_doc["5"].contact_allowed, by_doc["5"].blocked_reason) == (False, NOT_IN_CRM_REASON)
    assert (by_doc["6"].contact_allowed, by_doc["6"].blocked_reason) == (False, NOT_IN_CRM_REASON)
    assert by_doc["6"].customer_name == ""


def test_only_delivered_vehicles_with_a_date_and_a_customer():
    result = followups_due(data(
        customers_crm=CRM, followups=[],
        vehicles_erp=[
            vehicle("VIN-SOLD", status="sold", delivered_on=date(2025, 11, 25)),
            vehicle("VIN-NODATE", delivered_on=None),
            vehicle("VIN-NOBODY", delivered_on=date(2025, 11, 25), customer_doc=None),
            vehicle("VIN-OK", delivered_on=date(2025, 11, 25), branch=None, make="Mazda",
                    model="CX-30"),
        ]))
    assert [d.vin for d in result.due] == ["VIN-OK"]
    ok = result.due[0]
    assert (ok.branch, ok.model, ok.delivered_on) == (NO_BRANCH, "Mazda CX-30", date(2025, 11, 25))


def test_a_missing_frame_is_a_sentence_not_an_exception():
    no_stock = followups_due(data(followups=[], vehicles_erp=None))
    assert no_stock.due == () and no_stock.unavailable == (
        "La fuente del ERP no entrega el inventario de vehículos: los seguimientos posventa no "
        "se pueden calcular.")
    no_tasks = followups_due(data(vehicles_erp=[vehicle("VIN-A", delivered_on=date(2025, 11, 25))],
                                  followups=None))
    assert no_tasks.due == () and "no entrega seguimientos" in (no_tasks.unavailable or "")


def test_a_negative_window_is_refused():
    with pytest.raises(ValueError):
        followups_due(data(vehicles_erp=[], followups=[]), window_days=-1)
