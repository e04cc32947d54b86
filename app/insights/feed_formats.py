"""The columns of each ads catalog, and one vehicle's row in it — or why it cannot have one.

**Meta** (Automotive Inventory Ads, a vehicle catalog read as CSV): the fields its automotive
catalog reference marks required — ``vehicle_id``, ``title``, ``description``, ``url``,
``make``, ``model``, ``year``, ``mileage.value``/``mileage.unit``, ``image[0].url``,
``body_style``, ``exterior_color``, ``vin``, ``price``, ``state_of_vehicle`` and the dealer's
``address`` (nested fields written flat, as the reference allows: ``address.addr1``,
``address.city``…) — plus ``availability``, ``dealer_name`` and ``date_first_on_lot``.

**Google** (vehicle ads, the Merchant Center primary feed as delimited text): ``id``,
``title``, ``description``, ``link``, ``link_template`` (the same page with ``{store_code}``),
``image_link``, ``price``, ``condition``, ``brand``, ``model``, ``year``, ``mileage``,
``color``, ``vin``, ``store_code`` and ``vehicle_fulfillment(option:store_code)``
(``in_store:CÓDIGO``), with ``google_product_category`` 916 (Cars, Trucks & Vans). No
``availability``: Google asks for it only for vehicles built to order.

The lists, as each platform documents them, are kept in ``tests/data/feeds/`` and a test holds
these columns to them. Prices are the amount with two decimals and the currency («98500000.00
COP»), mileage an integer with its unit, the year four digits, the VIN its 17 characters.
A required value that is not known — no photo, no address or store code for the branch, no
page — leaves the vehicle out with the reason: a row the platform would reject is never
written. The texts a buyer reads (title, description, the «Quedan» line) are Spanish, the
language of the ads, whatever the window speaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.i18n import mark_app, tr_app
from app.domain.values import fold, money_str, vin_problem
from app.insights.feed_settings import Branch, FeedSettings

META_COLUMNS = (
    "vehicle_id", "vin", "title", "description", "url", "make", "model", "year",
    "mileage.value", "mileage.unit", "price", "state_of_vehicle", "availability",
    "exterior_color", "body_style", "image[0].url", "address.addr1", "address.city",
    "address.region", "address.postal_code", "address.country", "dealer_name",
    "date_first_on_lot",
)
GOOGLE_COLUMNS = (
    "id", "vin", "title", "description", "link", "link_template", "image_link", "price",
    "condition", "brand", "model", "year", "mileage", "color", "store_code",
    "vehicle_fulfillment(option:store_code)", "google_product_category",
)
#: The «Quedan N» lines: one per model (``branch`` empty) and one per model and branch.
STOCK_COLUMNS = ("make", "model", "branch", "available", "text")
#: Google's product category «Vehicles & Parts > Vehicles > Motor Vehicles > Cars, Trucks &
#: Vans».
CARS_CATEGORY = "916"
CURRENCY = "COP"


@dataclass(frozen=True, slots=True)
class Unit:
    """One available, unreserved vehicle of the ERP, with what the settings add to it."""

    vin: str
    make: str
    model: str
    name: str  # «Toyota Hilux»; «MAZDA 2» when the model already names its make
    year: int | None
    color: str
    branch: str
    price: Decimal | None
    received_on: date | None
    condition: str | None  # new | used (None: the line's state could not be read)
    mileage_km: int | None
    image: str | None
    problem: str | None  # what the vehicles file says is wrong with its line


def vehicle_name(make: str, model: str) -> str:
    """«Toyota Hilux»; a model that already names its make («MAZDA 2») is not prefixed."""
    if make and fold(model).startswith(fold(make)):
        return model
    return f"{make} {model}".strip()


def price_text(price: Decimal) -> str:
    """«98500000.00 COP»: the amount with two decimals, a space, the ISO 4217 code."""
    return f"{money_str(price.quantize(Decimal('0.01')))} {CURRENCY}"


def common_problems(unit: Unit, settings: FeedSettings) -> list[str]:
    """Why ``unit`` cannot be in either catalog: the reasons, empty when it can."""
    why = []
    problem = vin_problem(unit.vin)
    if problem == "check_digit":
        why.append(tr_app("app.insights", "el dígito de control del VIN (posición 9) no cuadra, "
                                          "y en un VIN norteamericano es obligatorio"))
    elif problem is not None:
        why.append(tr_app("app.insights", "el VIN no tiene 17 caracteres válidos (sin I, O "
                                          "ni Q)"))
    if not unit.make or not unit.model:
        why.append(tr_app("app.insights", "sin marca o modelo en el ERP"))
    if unit.year is None or not 1900 <= unit.year <= 9999:
        why.append(tr_app("app.insights", "sin año modelo de cuatro cifras en el ERP"))
    if unit.price is None or unit.price <= 0:
        why.append(tr_app("app.insights", "sin precio en el ERP"))
    if unit.problem:
        why.append(unit.problem)
    elif unit.condition is None:
        why.append(tr_app("app.insights", "no se sabe si es nuevo o usado"))
    elif unit.mileage_km is None:
        why.append(tr_app("app.insights", "usado sin kilometraje (ni en el archivo de fotos ni "
                                          "en el taller)"))
    if not unit.image:
        why.append(tr_app("app.insights", "sin foto (image_link) en el archivo de fotos"))
    if settings.url_of(unit.vin) is None:
        why.append(tr_app("app.insights", "falta la página de los vehículos (vehicle_url) en la "
                                          "configuración"))
    return why


def meta_row(unit: Unit, settings: FeedSettings) -> dict[str, str] | list[str]:
    """The vehicle's row of Meta's catalog, or why it cannot have one."""
    why = common_problems(unit, settings)
    if not unit.color:
        why.append(tr_app("app.insights", "sin color en el ERP (Meta exige exterior_color)"))
    branch = settings.branch(unit.branch)
    if branch is None:
        why.append(_no_branch(unit.branch))
    elif branch.missing_address():
        why.append(tr_app("app.insights", "a la sede «{branch}» le falta {parts} de su "
                                          "dirección").format(
            branch=unit.branch, parts=", ".join(branch.missing_address())))
    if why:
        return why
    assert branch is not None and unit.price is not None and unit.mileage_km is not None
    title, description = _texts(unit)
    return {
        "vehicle_id": unit.vin, "vin": unit.vin, "title": title, "description": description,
        "url": settings.url_of(unit.vin) or "", "make": unit.make, "model": unit.model,
        "year": str(unit.year), "mileage.value": str(unit.mileage_km), "mileage.unit": "KM",
        "price": price_text(unit.price),
        "state_of_vehicle": "NEW" if unit.condition == "new" else "USED",
        "availability": "AVAILABLE", "exterior_color": unit.color,
        "body_style": settings.body_style(unit.make, unit.model),
        "image[0].url": unit.image or "", "address.addr1": branch.address or "",
        "address.city": branch.city or "", "address.region": branch.region or "",
        "address.postal_code": branch.postal_code or "",
        "address.country": branch.country or "", "dealer_name": settings.dealer_name or "",
        "date_first_on_lot": unit.received_on.isoformat() if unit.received_on else "",
    }


def google_row(unit: Unit, settings: FeedSettings) -> dict[str, str] | list[str]:
    """The vehicle's row of Google's vehicle ads feed, or why it cannot have one."""
    why = common_problems(unit, settings)
    branch: Branch | None = settings.branch(unit.branch)
    if branch is None:
        why.append(_no_branch(unit.branch))
    elif not branch.store_code:
        why.append(tr_app("app.insights", "la sede «{branch}» no tiene código de tienda "
                                          "(store_code) en la configuración").format(
            branch=unit.branch))
    if why:
        return why
    assert branch is not None and unit.price is not None
    link = settings.url_of(unit.vin) or ""
    title, description = _texts(unit)
    return {
        "id": unit.vin, "vin": unit.vin, "title": title, "description": description,
        "link": link, "link_template": link + ("&" if "?" in link else "?")
        + "store={store_code}",
        "image_link": unit.image or "", "price": price_text(unit.price),
        "condition": unit.condition or "", "brand": unit.make, "model": unit.model,
        "year": str(unit.year), "mileage": f"{unit.mileage_km} KM", "color": unit.color,
        "store_code": branch.store_code or "",
        "vehicle_fulfillment(option:store_code)": f"in_store:{branch.store_code}",
        "google_product_category": CARS_CATEGORY,
    }


def _no_branch(branch: str) -> str:
    return tr_app("app.insights", "la sede «{branch}» no está en la configuración del "
                                  "feed").format(branch=branch)


#: What a buyer reads, always in Spanish (the ads' language): marked, never translated.
_NEW = mark_app("app.insights", "nuevo")
_USED = mark_app("app.insights", "usado")
_DESCRIPTION = mark_app("app.insights", "{vehicle} {year} {state}, color {color}. "
                                        "Disponible en {branch}.")


def _texts(unit: Unit) -> tuple[str, str]:
    """Title and description, in Spanish."""
    description = _DESCRIPTION.format(
        vehicle=unit.name, year=unit.year, state=_NEW if unit.condition == "new" else _USED,
        color=unit.color.lower(), branch=unit.branch)
    return f"{unit.name} {unit.year}", description
