"""What an ads feed needs that the ERP does not hold: the branches' addresses and store codes,
the vehicles' web page, their photos, whether they are new or used.

A dealership keeps it in one JSON file (``feed.json`` in Cuadre's data folder, or the file
``cuadre feed --settings`` names)::

    {
      "dealer_name": "Autos del Norte S.A.S.",
      "vehicle_url": "https://www.autosdelnorte.com.co/vehiculos/{vin}",
      "condition": "new",
      "branches": {
        "Bogotá - Autopista Norte": {"store_code": "BOG", "address": "Autopista Norte # 122-60",
                                     "city": "Bogotá", "region": "Bogotá D.C.",
                                     "postal_code": "111111", "country": "CO"}
      },
      "body_styles": {"Toyota Hilux": "TRUCK"},
      "vehicles_file": "fotos.csv"
    }

``vehicle_url`` is the page of one vehicle, ``{vin}`` standing for its VIN; ``condition`` is
what a unit is when its own line does not say (``new`` or ``used``); a branch is found by the
name the ERP gives it (accents and case aside); ``body_styles`` names Meta's body style of a
make and model (``OTHER`` otherwise, a value Meta documents). ``vehicles_file`` (a CSV beside
the JSON, or an absolute path) holds one line per VIN: ``vin,image_link,condition,mileage_km``
— only ``vin`` and ``image_link`` are needed.

A file that cannot be read or does not have this shape raises :class:`FeedSettingsError`
with a sentence saying what and where; a value that does not fit one vehicle (an image link
that is not a web address) leaves that vehicle out of the feed with the reason, later.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.i18n import tr_app
from app.domain.values import clean_text, fold, normalize_vin

#: The two states a unit can be advertised in (Meta adds CPO, which the ERP cannot tell).
CONDITIONS = ("new", "used")
_CONDITION_WORDS = {"new": "new", "nuevo": "new", "nueva": "new", "0 km": "new",
                    "used": "used", "usado": "used", "usada": "used"}
#: Meta's body styles (its automotive catalog reference).
BODY_STYLES = ("CONVERTIBLE", "COUPE", "HATCHBACK", "MINIVAN", "TRUCK", "SUV", "SEDAN", "VAN",
               "WAGON", "CROSSOVER", "OTHER")
#: The file the window and ``cuadre feed`` read when none is named.
SETTINGS_NAME = "feed.json"


class FeedSettingsError(Exception):
    """The feed's settings cannot be used: one sentence, in the current language."""


@dataclass(frozen=True, slots=True)
class Branch:
    """Where a branch is: its street address and its code in Google's Business Profile."""

    store_code: str | None = None
    address: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    def missing_address(self) -> list[str]:
        """The parts of the address Meta requires that are not given."""
        return [name for name in ("address", "city", "region", "country")
                if not getattr(self, name)]


@dataclass(frozen=True, slots=True)
class VehicleExtra:
    """What one VIN's line of ``vehicles_file`` adds: its photo, state and odometer."""

    image_link: str | None = None
    condition: str | None = None  # new | used; None: the dealership's default
    mileage_km: int | None = None
    problem: str | None = None  # why the line cannot be used (a sentence), if it cannot


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """The feed's settings; empty ones (no file) leave the catalogs' vehicles out, each with
    the reason, and the «Quedan» lines whole."""

    dealer_name: str | None = None
    vehicle_url: str | None = None
    condition: str = "new"
    branches: Mapping[str, Branch] = field(default_factory=dict)
    body_styles: Mapping[str, str] = field(default_factory=dict)
    vehicles: Mapping[str, VehicleExtra] = field(default_factory=dict)
    source: Path | None = None  # the file read (None: no file)
    vehicles_source: Path | None = None

    def branch(self, name: str) -> Branch | None:
        return self.branches.get(fold(name))

    def body_style(self, make: str, model: str) -> str:
        return self.body_styles.get(fold(f"{make} {model}"), "OTHER")

    def url_of(self, vin: str) -> str | None:
        return self.vehicle_url.replace("{vin}", vin) if self.vehicle_url else None


def is_web_address(text: str | None) -> bool:
    """An absolute http(s) address with a host and no spaces."""
    if not text or any(c.isspace() for c in text):
        return False
    scheme, _, rest = text.partition("://")
    return scheme.lower() in ("http", "https") and bool(rest.split("/", 1)[0])


def load_settings(path: Path, *, required: bool = True) -> FeedSettings:
    """The settings in ``path``; with ``required=False`` a missing file is empty settings."""
    if not path.exists() and not required:
        return FeedSettings()
    try:
        raw = json.loads(path.read_text("utf-8-sig"))
    except FileNotFoundError:
        raise FeedSettingsError(tr_app(
            "app.insights", "No existe el archivo de configuración del feed {path}").format(
            path=path)) from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise FeedSettingsError(tr_app(
            "app.insights", "El archivo de configuración del feed {path} no es JSON válido "
                            "en UTF-8").format(path=path)) from None
    if not isinstance(raw, dict):
        raise _shape(path, tr_app("app.insights", "debe ser un objeto {…}"))
    return settings_from(raw, path)


def settings_from(raw: Mapping[str, Any], path: Path) -> FeedSettings:
    """The settings a parsed JSON object holds (``path`` names it in errors and places the
    vehicles file)."""
    url = _text(raw, "vehicle_url", path)
    if url is not None and (not is_web_address(url) or "{vin}" not in url):
        raise _shape(path, tr_app("app.insights", "«vehicle_url» debe ser una dirección "
                                                  "http(s) que contenga {vin}"))
    condition = _condition(_text(raw, "condition", path) or "new")
    if condition is None:
        raise _shape(path, tr_app("app.insights", "«condition» debe ser new (nuevo) o used "
                                                  "(usado)"))
    branches = {fold(name): _branch(value, name, path)
                for name, value in _object(raw, "branches", path).items()}
    styles = {}
    for name, value in _object(raw, "body_styles", path).items():
        style = str(value).strip().upper()
        if style not in BODY_STYLES:
            raise _shape(path, tr_app("app.insights", "el estilo «{style}» de «{model}» no es "
                                      "uno de {styles}").format(
                style=value, model=name, styles=", ".join(BODY_STYLES)))
        styles[fold(name)] = style
    vehicles_file = _text(raw, "vehicles_file", path)
    vehicles_path = None
    vehicles: dict[str, VehicleExtra] = {}
    if vehicles_file is not None:
        vehicles_path = Path(vehicles_file)
        if not vehicles_path.is_absolute():
            vehicles_path = path.parent / vehicles_path
        vehicles = read_vehicles(vehicles_path)
    return FeedSettings(dealer_name=_text(raw, "dealer_name", path), vehicle_url=url,
                        condition=condition, branches=branches, body_styles=styles,
                        vehicles=vehicles, source=path, vehicles_source=vehicles_path)


def read_vehicles(path: Path) -> dict[str, VehicleExtra]:
    """One :class:`VehicleExtra` per VIN of the CSV ``path`` (comma or semicolon)."""
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise FeedSettingsError(tr_app(
            "app.insights", "No existe el archivo de fotos de los vehículos {path}").format(
            path=path)) from None
    except (OSError, UnicodeDecodeError):
        raise FeedSettingsError(tr_app(
            "app.insights", "El archivo de fotos de los vehículos {path} no se puede leer "
                            "como texto UTF-8").format(path=path)) from None
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(text.splitlines(), delimiter=";" if first.count(";") > first.count(",")
                            else ",")
    heads = {fold(h): h for h in reader.fieldnames or ()}
    if "vin" not in heads:
        raise FeedSettingsError(tr_app(
            "app.insights", "El archivo de fotos {path} no tiene la columna «vin»").format(
            path=path))
    out: dict[str, VehicleExtra] = {}
    for line in reader:
        def cell(name: str, row: Mapping[str, str | None] = line) -> str | None:
            head = heads.get(name)
            return clean_text(row.get(head)) if head else None

        vin = normalize_vin(cell("vin"))
        if vin:
            out[vin] = _extra(cell("image_link"), cell("condition"), cell("mileage_km"))
    return out


def _extra(image: str | None, condition: str | None, mileage: str | None) -> VehicleExtra:
    problems = []
    if image is not None and not is_web_address(image):
        problems.append(tr_app("app.insights", "el enlace de la foto no es una dirección "
                                               "http(s)"))
        image = None
    state = None
    if condition is not None:
        state = _condition(condition)
        if state is None:
            problems.append(tr_app("app.insights", "el estado «{value}» no es nuevo ni "
                                                   "usado").format(value=condition))
    km = None
    if mileage is not None:
        digits = mileage.replace(".", "").replace(" ", "")
        if digits.isdigit():
            km = int(digits)
        else:
            problems.append(tr_app("app.insights", "el kilometraje «{value}» no es un número "
                                                   "entero").format(value=mileage))
    return VehicleExtra(image, state, km, "; ".join(problems) or None)


def _condition(text: str) -> str | None:
    return _CONDITION_WORDS.get(fold(text))


def _branch(value: Any, name: str, path: Path) -> Branch:
    if not isinstance(value, dict):
        raise _shape(path, tr_app("app.insights", "la sede «{name}» debe ser un objeto "
                                                  "{{…}}").format(name=name))
    parts = {key: clean_text(value.get(key)) for key in
             ("store_code", "address", "city", "region", "postal_code", "country")}
    country = parts["country"]
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise _shape(path, tr_app("app.insights", "el país de la sede «{name}» debe ser su "
                                                  "código de dos letras (CO)").format(name=name))
    if country is not None:
        parts["country"] = country.upper()
    return Branch(**parts)


def _text(raw: Mapping[str, Any], key: str, path: Path) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _shape(path, tr_app("app.insights", "«{key}» debe ser un texto").format(key=key))
    return clean_text(value)


def _object(raw: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise _shape(path, tr_app("app.insights", "«{key}» debe ser un objeto {{…}}").format(
            key=key))
    return value


def _shape(path: Path, what: str) -> FeedSettingsError:
    return FeedSettingsError(tr_app(
        "app.insights", "La configuración del feed {path} no sirve: {what}").format(
        path=path, what=what))
