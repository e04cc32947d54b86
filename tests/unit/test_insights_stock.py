"""Stock health (app/insights/stock.py): days in inventory, slow movers, units per model."""

from datetime import date
from decimal import Decimal

from app.insights.model import NO_BRANCH
from app.insights.stock import stock_health, units_sentence
from tests.support.insights_frames import data, vehicle

STOCK = [
    vehicle("VIN-90", status="available", received_on=date(2026, 8, 22)),  # 90 days: not slow
    vehicle("VIN-91", status="available", received_on=date(2026, 8, 21), branch="Medellín"),
    vehicle("VIN-RES", status="reserved", received_on=date(2026, 1, 1)),  # old, but reserved
    vehicle("VIN-UNDATED", status="available", received_on=None),
    vehicle("VIN-SOLD", status="sold", received_on=date(2025, 1, 1)),  # not in stock
    vehicle("VIN-DEMO", status="demo", received_on=date(2026, 11, 1), make="Mazda", model="CX-30",
            model_year=None, price=None, branch=None),
    vehicle("VIN-CX", status="available", received_on=date(2026, 11, 19), make="Mazda",
            model="CX-30"),
]


def test_days_in_inventory_and_the_threshold_boundary():
    health = stock_health(data(vehicles_erp=STOCK))
    items = {i.vin: i for i in health.items}
    assert set(items) == {"VIN-90", "VIN-91", "VIN-RES", "VIN-UNDATED", "VIN-DEMO", "VIN-CX"}
    assert [i.vin for i in health.items] == ["VIN-RES", "VIN-91", "VIN-90", "VIN-DEMO", "VIN-CX",
                                             "VIN-UNDATED"]
    assert (items["VIN-90"].days, items["VIN-90"].slow) == (90, False)
    assert (items["VIN-91"].days, items["VIN-91"].slow) == (91, True)
    assert (items["VIN-RES"].days, items["VIN-RES"].slow) == (323, False)
    assert (items["VIN-UNDATED"].days, items["VIN-UNDATED"].slow) == (None, False)
    assert [i.vin for i in health.slow] == ["VIN-91"]
    assert health.undated == 1 and health.slow_days == 90 and health.unavailable is None
    demo = items["VIN-DEMO"]
    assert (demo.model_year, demo.price, demo.branch, demo.received_on) == (
        None, None, NO_BRANCH, date(2026, 11, 1))
    assert items["VIN-90"].model_year == 2024 and items["VIN-90"].price == Decimal(150_000_000)


def test_a_lower_threshold_makes_more_slow_movers():
    health = stock_health(data(vehicles_erp=STOCK), slow_days=89)
    assert [i.vin for i in health.slow] == ["VIN-91", "VIN-90"]


def test_units_available_per_model_and_per_branch():
    health = stock_health(data(vehicles_erp=STOCK))
    hilux, cx30 = health.by_model
    assert (hilux.make, hilux.model, hilux.branch, hilux.available) == ("Toyota", "Hilux", None, 3)
    # The average counts dated units only: (90 + 91) / 2.
    assert (hilux.average_days, hilux.oldest_days) == (Decimal("90.5"), 91)
    assert (cx30.available, cx30.average_days, cx30.oldest_days) == (1, Decimal("1.0"), 1)
    per_branch = {(m.model, m.branch): m for m in health.by_model_branch}
    assert set(per_branch) == {("Hilux", "Bogotá"), ("Hilux", "Medellín"), ("CX-30", "Bogotá")}
    bogota = per_branch["Hilux", "Bogotá"]
    assert (bogota.available, bogota.average_days, bogota.oldest_days) == (2, Decimal("90.0"), 90)
    assert health.by_model_branch[0] == bogota  # most units first
    assert units_sentence(hilux) == "Quedan 3 Toyota Hilux"
    assert units_sentence(per_branch["CX-30", "Bogotá"]) == "Queda 1 Mazda CX-30 en Bogotá"


def test_a_model_with_no_dated_unit_has_no_average():
    health = stock_health(data(vehicles_erp=[vehicle("VIN-U", status="available")]))
    [model] = health.by_model
    assert (model.available, model.average_days, model.oldest_days) == (1, None, None)


def test_without_the_inventory_the_view_says_why():
    health = stock_health(data(vehicles_erp=None))
    assert health.items == () and health.unavailable == (
        "La fuente del ERP no entrega el inventario de vehículos: la salud del inventario no se "
        "puede calcular.")
