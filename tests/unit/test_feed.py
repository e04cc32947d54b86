"""The stock feed for ads (app/insights/feed.py): which vehicles, one row per VIN, every record
accounted for, what is left out and why, the «Quedan» lines, the settings, the file."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from app.domain import i18n
from app.insights.feed import build_feed, feed_task, summary_lines, write_feed
from app.insights.feed_settings import FeedSettingsError, load_settings
from app.progress import Cancelled, CancelToken, run
from tests.support.insights_frames import data, service, vehicle


def vin(n: int) -> str:
    """A valid VIN (not North-American: no check digit required)."""
    return f"9BRKZAAG7SU{n:06d}"


BRANCHES = {
    "Bogotá": {"store_code": "BOG", "address": "Autopista Norte # 122-60", "city": "Bogotá",
               "region": "Bogotá D.C.", "postal_code": "111111", "country": "co"},
    "Medellín": {"store_code": "MED"},  # no address: Meta cannot list its vehicles
}


def settings_file(tmp_path: Path, photos: dict[str, str] | None = None, **over) -> Path:
    """A feed.json (and its fotos.csv) in ``tmp_path``."""
    photos_path = tmp_path / "fotos.csv"
    with open(photos_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("vin", "image_link", "condition", "mileage_km"))
        for key, line in (photos or {}).items():
            writer.writerow((key, *line.split("|")))
    doc = {"dealer_name": "Autos de Prueba", "vehicle_url": "https://autos.example/v/{vin}",
           "condition": "new", "branches": BRANCHES, "body_styles": {"Toyota Hilux": "truck"},
           "vehicles_file": "fotos.csv", **over}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def car(n: int, *, status: str = "available", customer_doc: str | None = None, **kw) -> dict:
    """An ERP vehicle (white; available and held by no one unless told)."""
    return {**vehicle(vin(n), status=status, customer_doc=customer_doc, **kw), "color": "Blanco"}


def photo(n: int) -> str:
    return f"https://autos.example/fotos/{n}.jpg||"


STOCK = [
    car(1, received_on=date(2026, 9, 1)),
    car(2, branch="Medellín"),
    car(3),  # no photo
    car(4, customer_doc="100"),  # promised to a customer
    car(5, status="reserved", customer_doc="100"),
    car(6, status="sold", customer_doc="100"),
    car(7, make="Mazda", model="CX-30"),
    car(7, make="Mazda", model="CX-30"),
    car(8),  # listed twice, once sold
    car(8, status="sold", customer_doc="100"),
    car(9, branch="Cali"),  # not configured
]
PHOTOS = {vin(n): photo(n) for n in (1, 2, 4, 7, 8, 9)}


@pytest.fixture
def settings(tmp_path):
    return load_settings(settings_file(tmp_path, PHOTOS))


def test_only_available_unreserved_vehicles_one_row_per_vin_every_record_accounted(settings):
    result = build_feed(data(vehicles_erp=STOCK), settings, "meta")
    assert [r["vin"] for r in result.rows] == [vin(1), vin(7)]
    assert result.records == len(STOCK) == result.accounted
    assert dict(result.not_offered) == {"reserved": 1, "sold": 1, "assigned": 1}
    assert result.duplicates == ((vin(7), 2),)
    why = {o.vin: o.reason for o in result.omitted}
    assert set(why) == {vin(2), vin(3), vin(8), vin(9)}
    assert "sin foto" in why[vin(3)]
    assert "Medellín" in why[vin(2)] and "address, city, region, country" in why[vin(2)]
    assert "la sede «Cali» no está en la configuración" in why[vin(9)]
    assert "2 veces" in why[vin(8)]
    assert [o.records for o in result.omitted if o.vin == vin(8)] == [2]
    lines = summary_lines(result)
    assert lines[0] == ("11 vehículos en el ERP: 3 en el archivo, 5 omitidos, 3 no "
                        "disponibles o reservados.")
    assert f"Aviso: el VIN {vin(7)} aparece 2 veces en el ERP; se cuenta una sola vez." in lines


def test_meta_row_values(settings):
    row = build_feed(data(vehicles_erp=STOCK), settings, "meta").rows[0]
    assert row["price"] == "150000000.00 COP"
    assert (row["year"], row["mileage.value"], row["mileage.unit"]) == ("2024", "0", "KM")
    assert (row["state_of_vehicle"], row["availability"], row["body_style"]) == (
        "NEW", "AVAILABLE", "TRUCK")
    assert row["url"] == f"https://autos.example/v/{vin(1)}"
    assert (row["address.addr1"], row["address.country"]) == ("Autopista Norte # 122-60", "CO")
    assert row["date_first_on_lot"] == "2026-09-01"
    assert row["title"] == "Toyota Hilux 2024"


def test_google_needs_a_store_code_not_the_address(settings):
    result = build_feed(data(vehicles_erp=STOCK), settings, "google")
    rows = {r["vin"]: r for r in result.rows}
    assert set(rows) == {vin(1), vin(2), vin(7)}  # Medellín has a store code
    row = rows[vin(2)]
    assert row["vehicle_fulfillment(option:store_code)"] == "in_store:MED"
    assert row["link_template"] == f"https://autos.example/v/{vin(2)}?store={{store_code}}"
    assert (row["condition"], row["mileage"], row["google_product_category"]) == (
        "new", "0 KM", "916")
    assert result.accounted == result.records


def test_used_units_need_their_odometer(tmp_path):
    stock = [car(n) for n in (1, 2, 3)]
    photos = {vin(1): "https://a.example/1.jpg|usado|45.000", vin(2): "https://a.example/2.jpg|usado|",
              vin(3): "https://a.example/3.jpg|used|"}
    settings = load_settings(settings_file(tmp_path, photos))
    result = build_feed(data(vehicles_erp=stock, services=[service(vin(3), date(2026, 5, 1),
                                                                     km=30120)]),
                        settings, "google")
    rows = {r["vin"]: r for r in result.rows}
    assert rows[vin(1)]["mileage"] == "45000 KM" and rows[vin(1)]["condition"] == "used"
    assert rows[vin(3)]["mileage"] == "30120 KM"  # what the workshop read
    assert [o.vin for o in result.omitted] == [vin(2)]
    assert "usado sin kilometraje" in result.omitted[0].reason


def test_without_settings_every_catalog_vehicle_says_what_is_missing(tmp_path):
    empty = load_settings(tmp_path / "feed.json", required=False)
    stock = [car(1)]
    result = build_feed(data(vehicles_erp=stock), empty, "meta")
    assert result.rows == () and result.accounted == 1
    reason = result.omitted[0].reason
    assert "sin foto" in reason and "vehicle_url" in reason and "no está en la configuración" \
        in reason


def test_the_quedan_lines_count_distinct_offered_vins_in_spanish(settings):
    i18n.set_language("en")
    try:
        result = build_feed(data(vehicles_erp=STOCK), settings, "csv")
        english = summary_lines(result)
    finally:
        i18n.set_language(None)
    assert result.columns == ("make", "model", "branch", "available", "text")
    assert [(r["model"], r["branch"], r["available"], r["text"]) for r in result.rows] == [
        ("Hilux", "", "4", "Quedan 4 Toyota Hilux"),
        ("Hilux", "Bogotá", "2", "Quedan 2 Toyota Hilux en Bogotá"),
        ("Hilux", "Cali", "1", "Queda 1 Toyota Hilux en Cali"),
        ("Hilux", "Medellín", "1", "Queda 1 Toyota Hilux en Medellín"),
        ("CX-30", "", "1", "Queda 1 Mazda CX-30"),
        ("CX-30", "Bogotá", "1", "Queda 1 Mazda CX-30 en Bogotá"),
    ]
    assert result.accounted == result.records
    assert english[0].startswith("11 vehicles in the ERP") and "  4 Toyota Hilux left" in english


def test_settings_that_cannot_be_used_say_why(tmp_path):
    with pytest.raises(FeedSettingsError, match="no es JSON válido"):
        (tmp_path / "feed.json").write_text("{", "utf-8")
        load_settings(tmp_path / "feed.json")
    for over, said in (({"vehicle_url": "ftp://x/{vin}"}, "vehicle_url"),
                       ({"vehicle_url": "https://x.example/auto"}, "{vin}"),
                       ({"condition": "seminuevo"}, "condition"),
                       ({"branches": {"Cali": {"country": "Colombia"}}}, "dos letras"),
                       ({"body_styles": {"Kia Picanto": "bus"}}, "«bus»"),
                       ({"vehicles_file": "no-esta.csv"}, "No existe el archivo de fotos")):
        with pytest.raises(FeedSettingsError, match=said):
            load_settings(settings_file(tmp_path, **over))
    with pytest.raises(FeedSettingsError, match="No existe el archivo de configuración"):
        load_settings(tmp_path / "otro.json")


def test_a_bad_line_of_the_photos_file_leaves_only_that_vehicle_out(tmp_path):
    photos = {vin(1): "http//sin-dos-puntos.jpg||", vin(2): "https://a.example/2.jpg|rojo|"}
    settings = load_settings(settings_file(tmp_path, photos))
    stock = [car(n) for n in (1, 2)]
    result = build_feed(data(vehicles_erp=stock), settings, "meta")
    why = {o.vin: o.reason for o in result.omitted}
    assert "no es una dirección http(s)" in why[vin(1)]
    assert "«rojo» no es nuevo ni usado" in why[vin(2)]


def test_the_file_is_written_whole_or_not_at_all(tmp_path, settings, monkeypatch):
    out = tmp_path / "meta.csv"
    result = run(feed_task(data(vehicles_erp=STOCK), settings, "meta", out))
    with open(out, encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert [r["vin"] for r in read] == [vin(1), vin(7)] and read == list(result.rows)
    before = out.read_bytes()
    broken = result.rows[0] | {"no_such_column": "x"}
    with pytest.raises(ValueError):
        write_feed(out, type(result)(**{**{f: getattr(result, f) for f in result.__slots__},
                                        "rows": (result.rows[0], broken)}))
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.glob("meta.csv*")) \
        == ["meta.csv"]


def test_cancelled_nothing_is_written(tmp_path, settings):
    token = CancelToken()
    token.cancel()
    stock = STOCK * 30
    with pytest.raises(Cancelled):
        run(feed_task(data(vehicles_erp=stock), settings, "meta", tmp_path / "x.csv",
                      cancel=token))
    assert not (tmp_path / "x.csv").exists()


def test_an_erp_without_inventory_has_no_feed(settings, tmp_path):
    result = run(feed_task(data(vehicles_erp=None), settings, "google", tmp_path / "g.csv"))
    assert result.unavailable and "inventario" in result.unavailable
    assert not (tmp_path / "g.csv").exists()
