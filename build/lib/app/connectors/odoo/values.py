"""Odoo's values as Cuadre's canonical ones, and back: the rules the Odoo connector reads by.

Odoo answers ``False`` for every empty field, ``[id, "name"]`` for a many2one, floats for money
(over XML-RPC and JSON alike) and UTC datetimes without a zone. Here they become ``None``,
exact ``Decimal`` to the cent and zone-aware datetimes; a partner's ``vat`` becomes the
document number and, for a NIT, its check digit apart. What every family shares — empty
values, amounts, phones, how compare-and-set tells a real difference from one of form — is
:mod:`app.connectors.values`'.

Documents follow DIAN's types (DESIGN §4) as l10n_co's identification types name them
(``l10n_co_document_code``). A Colombian number — cédula, NIT, tarjeta de identidad, registro
civil, NUIP — is its digits. A passport, a foreign ID, a foreign NIT, a cédula or tarjeta de
extranjería keep their letters (``AB1234567`` is not ``1234567``): only spaces and
punctuation go, and letters are upper-cased.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import app.connectors.files.cells as cells
from app.connectors.base import SourceError
from app.connectors.values import (
    BOOL_COLUMNS,
    DATE_COLUMNS,
    DOC_COLUMNS,
    MONEY_COLUMNS,
    as_text,
    is_empty,
    money,
    phone_of,
)
from app.domain import divipola
from app.domain.i18n import tr_app
from app.domain.schema import Entity
from app.domain.values import (
    BOGOTA,
    LETTERED_DOC_TYPES,
    bogota_moment,
    clean_text,
    fold,
    nit_check_digit,
    normalize_doc_number,
    normalize_email,
    normalize_vin,
    only_digits,
    split_nit,
)

#: l10n_co's identification types (``l10n_co_document_code``, Odoo 17's
#: l10n_co/data/l10n_latam.identification.type.csv) as canonical document types, by their
#: DIAN codes as ``app.domain.values.DIAN_DOC_TYPES`` names them: 31 NIT, 13 CC, 11 RC, 12 TI,
#: 21 TE, 22 CE, 41 PA, 42 DE (documento extranjero), 50 NIT_EXT (NIT de otro país), 91 NUIP;
#: the salvoconducto de permanencia (SC) and the carné diplomático (CD) have no DIAN code there.
CO_DOCUMENT_TYPES = {
    "rut": "NIT", "national_citizen_id": "CC", "id_document": "CC", "civil_registration": "RC",
    "id_card": "TI", "foreign_colombian_card": "TE", "foreign_resident_card": "CE",
    "passport": "PA", "foreign_id_card": "DE", "external_id": "NIT_EXT", "niup_id": "NUIP",
    "residence_document": "SC", "diplomatic_card": "CD",
}
#: The states of an account.payment whose journal entry is posted (Odoo 17: posted; 18: paid…).
POSTED_STATES = frozenset({"posted", "paid", "in_process"})


def m2o(value: Any) -> tuple[int | None, str | None]:
    """A many2one as read: ``[id, "name"]`` or False."""
    if isinstance(value, list | tuple) and value and isinstance(value[0], int):
        return int(value[0]), as_text(value[1]) if len(value) > 1 else None
    if isinstance(value, int) and not isinstance(value, bool) and value:
        return value, None
    return None, None


def ids_of(value: Any) -> list[int]:
    return [int(v) for v in value] if isinstance(value, list | tuple) else []


def stamp(value: Any) -> datetime | None:
    """An Odoo datetime ("2026-01-17 10:44:00", UTC) as a zone-aware UTC datetime."""
    if is_empty(value):
        return None
    moment = datetime.fromisoformat(str(value).strip())
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def day(value: Any) -> date | None:
    if is_empty(value):
        return None
    return date.fromisoformat(str(value).strip()[:10])


def local_day(value: Any) -> date | None:
    """The Bogotá date of an Odoo datetime (a deal closed at 8 p.m. closed that day)."""
    moment = stamp(value)
    return None if moment is None else moment.astimezone(BOGOTA).date()


def since_utc(since: Any) -> str | None:
    """``since`` as Odoo compares ``write_date``: UTC, "YYYY-MM-DD HH:MM:SS". A naive time or a
    date is Bogotá's."""
    if since is None:
        return None
    if isinstance(since, str):
        try:
            since = datetime.fromisoformat(since.strip())
        except ValueError as exc:
            raise SourceError(tr_app("app.connectors", "La fecha «{since}» no es una fecha ISO "
                                                       "válida.").format(
                                  since=since)) from exc
    if not isinstance(since, date):
        raise SourceError(tr_app("app.connectors", "«desde» debe ser una fecha u hora."))
    return bogota_moment(since).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def split_vat(vat: str | None, doc_type: str | None) -> tuple[str | None, str | None]:
    """(number, DV) of a partner's ``vat``: "900.123.456-7" → ("900123456", "7").

    A NIT written without its dash ("9001234567", stdnum's compact form) is split only when
    it has ten digits, starts like a company NIT (8…/9…) and its last digit is the right DV:
    a person's NIT is their cédula, which may have ten digits of its own. Base_vat's "CO"
    prefix goes ("CO900123456-7"). Documents of
    :data:`~app.domain.values.LETTERED_DOC_TYPES` keep their letters and have no DV (a
    foreign NIT is not checked with DIAN's digit).
    """
    text = clean_text(vat)
    if text is None:
        return None, None
    if doc_type in LETTERED_DOC_TYPES:
        return normalize_doc_number(text, doc_type), None
    if len(text) > 2 and text[:2].upper() == "CO" and text[2].isdigit():
        text = text[2:]  # base_vat's country prefix: "CO900123456-7"
    if doc_type == "NIT":
        if "-" in text:
            return split_nit(text)
        digits = only_digits(text)
        if (len(digits) == 10 and digits[0] in "89"
                and nit_check_digit(digits[:9]) == digits[9]):
            return digits[:9], digits[9]
        return digits or None, None
    return normalize_doc_number(text), None


def split_person_name(name: str | None) -> tuple[str | None, str | None]:
    """(given names, surnames) of a full name Odoo keeps in one field.

    Colombians write two surnames after one or two given names; particles ("de la") go with
    the word after them. Two words: one and one; three: one given name, two surnames; four or
    more: two given names, the rest surnames. The matcher compares the whole name anyway.
    """
    text = clean_text(name)
    if text is None:
        return None, None
    units: list[str] = []
    pending: list[str] = []
    for word in text.split():
        pending.append(word)
        if fold(word) not in ("de", "del", "la", "las", "los", "y", "san"):
            units.append(" ".join(pending))
            pending = []
    if pending:
        units.append(" ".join(pending))
    given = 1 if len(units) <= 3 else 2
    first = " ".join(units[:given]) or None
    last = " ".join(units[given:]) or None
    return first, last


def canonical(column: str, value: Any, entity: Entity) -> Any:
    """A mapped custom field's value as the canonical column holds it (raises when unreadable)."""
    if column in BOOL_COLUMNS:
        return None if value is None else cells.yes_no(value)
    if is_empty(value):
        return None
    name = m2o(value)[1] if isinstance(value, list) else value
    if column in DATE_COLUMNS:
        return day(name)
    if column == "updated_at":
        return stamp(name)
    if column in MONEY_COLUMNS:
        return money(name)
    if column in DOC_COLUMNS:
        return normalize_doc_number(name)
    if column == "vin":
        return normalize_vin(name)
    if column in ("phone", "phone_alt"):
        return phone_of(name)
    if column == "email":
        return normalize_email(name)
    if column == "city_code":
        code = only_digits(str(name)).zfill(5)
        if code not in divipola.municipalities():
            raise ValueError("unknown city code")
        return code
    if column == "status" and entity is Entity.VEHICLES:
        return cells.coded(cells.VEHICLE_STATUS)(name)
    if column == "stage":
        return cells.coded(cells.DEAL_STAGE)(name)
    if column == "doc_type":
        return cells.doc_type(name)
    return as_text(name)


def reader(column: str, entity: Entity) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        return canonical(column, value, entity)

    return read


def to_odoo(column: str, value: Any) -> Any:
    """A canonical value as a write to a custom field sends it (never None, never Decimal)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value
