"""The demo dealership's ads-feed settings: its branches' addresses and store codes, its
vehicles' web pages and photos (``feed.json`` and ``fotos.csv`` beside the demo databases,
in the shape :mod:`app.insights.feed_settings` reads).

The web addresses are under ``.example`` (reserved: nothing answers there). The photo file
is written from the demo ERP's stock, so it holds what a dealership's would: a photo for
every unit but those received in the last :data:`UNPHOTOGRAPHED_DAYS` days (not yet
photographed: the feed leaves them out and says why), and the two older model years as used
trade-ins with their odometer.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

from app.demo.connector import DemoErp
from app.demo.world import CATALOGUE
from app.domain.schema import Entity, records
from app.paths import atomic_write

#: The demo's day (``app.insights.data.DEMO_TODAY``): units received after this minus
#: :data:`UNPHOTOGRAPHED_DAYS` have no photo yet.
DEMO_DAY = date(2026, 11, 20)
UNPHOTOGRAPHED_DAYS = 7
#: Model years before this are trade-ins, sold used with 15.000 km a year.
USED_BEFORE = 2025
KM_PER_YEAR = 15000
SETTINGS_FILE = "feed.json"
PHOTOS_FILE = "fotos.csv"

BODY_STYLES = {"Onix": "SEDAN", "Tracker": "SUV", "Duster": "SUV", "Sandero": "HATCHBACK",
               "Koleos": "SUV", "CX-30": "CROSSOVER", "Mazda 2": "HATCHBACK",
               "Picanto": "HATCHBACK", "Sportage": "SUV", "Corolla Cross": "CROSSOVER",
               "Hilux": "TRUCK", "Kicks": "CROSSOVER", "Ranger": "TRUCK", "Silverado": "TRUCK"}
BRANCHES = {
    "Bogotá - Autopista Norte": {
        "store_code": "BOG", "address": "Autopista Norte # 122-60", "city": "Bogotá",
        "region": "Bogotá D.C.", "postal_code": "111111", "country": "CO"},
    "Medellín - El Poblado": {
        "store_code": "MED", "address": "Carrera 43A # 7-50", "city": "Medellín",
        "region": "Antioquia", "postal_code": "050021", "country": "CO"},
    "Cali - Pasoancho": {
        "store_code": "CAL", "address": "Calle 13 # 70-25", "city": "Cali",
        "region": "Valle del Cauca", "postal_code": "760032", "country": "CO"},
}


def feed_paths(folder: Path) -> tuple[Path, Path]:
    return folder / SETTINGS_FILE, folder / PHOTOS_FILE


def write_demo_feed(erp_path: Path, folder: Path) -> Path:
    """Write the demo's feed settings and photo file in ``folder``; the settings' path."""
    settings_path, photos_path = feed_paths(folder)
    settings = {
        "dealer_name": "Concesionario de demostración",
        "vehicle_url": "https://concesionario-demo.example/vehiculos/{vin}",
        "condition": "new",
        "branches": BRANCHES,
        "body_styles": {f"{m.make} {m.model}": BODY_STYLES[m.model] for m in CATALOGUE},
        "vehicles_file": PHOTOS_FILE,
    }
    stock = records(DemoErp(erp_path).pull(Entity.VEHICLES))
    since = DEMO_DAY - timedelta(days=UNPHOTOGRAPHED_DAYS)

    def photos(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(("vin", "image_link", "condition", "mileage_km"))
            for unit in sorted(stock, key=lambda u: str(u["vin"] or "")):
                vin, received = unit["vin"], unit["received_on"]
                if not vin or (isinstance(received, date) and received > since):
                    continue
                year = int(unit["model_year"]) if unit["model_year"] else None
                used = year is not None and year < USED_BEFORE
                writer.writerow((vin, f"https://concesionario-demo.example/fotos/{vin}.jpg",
                                 "usado" if used else "",
                                 KM_PER_YEAR * (DEMO_DAY.year - year) if used and year else ""))

    atomic_write(photos_path, photos)
    text = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    atomic_write(settings_path, lambda tmp: tmp.write_text(text, "utf-8"))
    return settings_path
