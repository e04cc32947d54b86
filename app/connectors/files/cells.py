"""Reading the cells of export files: amounts, dates, yes/no, statuses and document types.

Amounts and dates are decided per column, never per value (DESIGN §9): a column's text values
vote for es-CO (``1.234.567,89``) or en-US (``1,234,567.89``), and for day-first or
month-first dates, and every value of the column is then read the same way. Native values
from a workbook (``int``, ``float``, ``datetime``) need no vote.

Each parser takes one cell (text or native) and returns the value, or raises ``ValueError``;
the connector turns that into a ``SourceIssue`` and an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from app.domain.values import (
    DIAN_DOC_TYPES,
    bogota_moment,
    clean_text,
    doc_type_code,
    fold,
    is_scientific,
    to_decimal,
)


class Unreadable(ValueError):
    """A cell that cannot be read for a reason worth its own code in the source issue."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_FLOAT_WHOLE = re.compile(r"^\d+\.0$")


def unfloat(text: str | None) -> str | None:
    """«3001234567.0» → «3001234567»: a whole number as a program that read the column as
    floats wrote it (pandas' ``to_csv``). A document, phone or id never ends in «.0» (a
    thousands group has three digits), so the «.0» is that program's, not the value's."""
    if text is not None and text.endswith(".0") and _FLOAT_WHOLE.match(text):
        return text[:-2]
    return text


def identifier_text(value: Any) -> str | None:
    """An identifier's cell as text (:func:`as_text`, «.0» of a float column dropped); Excel's
    «1,23457E+15» raises :class:`Unreadable` (``scientific_notation``): its digits are lost,
    never guessed."""
    if is_scientific(value):
        raise Unreadable("scientific_notation")
    return unfloat(as_text(value))


#: What programs write in a cell that holds nothing: pandas' «nan», a database's «NULL»,
#: Python's «None», Excel's «#N/A» (es-CO: «#N/D»), a person's «N/A». Read as blank.
NULL_MARKERS = frozenset({"nan", "NaN", "NAN", "null", "NULL", "Null", "None", "none", "#N/A",
                          "#N/D", "N/A", "n/a", "#NA", "<NA>", "NaT"})


def as_text(value: Any) -> str | None:
    """A cell as text: whole numbers as their digits (never ``1.0e9``), blanks (and
    :data:`NULL_MARKERS`) as None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_text(value)
        return None if text in NULL_MARKERS else text
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return clean_text(value)


# --- amounts ---------------------------------------------------------------------------------


class NumberFormat(StrEnum):
    ES_CO = "es-CO"  # 1.234.567,89
    EN_US = "en-US"  # 1,234,567.89


_ES = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# Sign, currency and spacing around the digits: "$ 1.234,56", "-$1.234", "(1.234)", "1.234 COP",
# "$1'234.567" (an apostrophe marks millions in handwritten Colombian amounts).
_AMOUNT = re.compile(
    r"^(?P<open>\()?\s*(?P<sign>[-+])?\s*(?:COL\$|COP|\$)?\s*(?P<sign2>[-+])?\s*"
    r"(?P<core>\d[\d.,'’\s]*?)\s*(?:COP)?\s*(?P<trail>-)?\s*(?P<close>\))?$",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"^[\d.,]+$")
# Spaces group thousands in some exports; an apostrophe marks millions ("1'234.567").
_SPACING = str.maketrans({"'": ".", "’": ".", " ": None, "\u00a0": None, "\u202f": None,
                          "\t": None})
_AMBIGUOUS_DOT = "ambiguous_dot"  # "1.234": thousands in es-CO, decimals in en-US
_AMBIGUOUS_COMMA = "ambiguous_comma"  # "1,234": the other way round


def _number_core(text: str) -> tuple[bool, str]:
    """(negative, digits with separators) without currency, spaces or sign; ValueError if not."""
    if _PLAIN.match(text):
        return False, text
    m = _AMOUNT.match(text)
    if not m or bool(m["open"]) != bool(m["close"]) or (m["sign"] and m["sign2"]):
        raise ValueError("not an amount")
    minus = [m["open"], m["sign"] == "-", m["sign2"] == "-", m["trail"]]
    if sum(map(bool, minus)) > 1:
        raise ValueError("two signs")
    return any(minus), m["core"].translate(_SPACING)


def _vote(core: str) -> str | None:
    has_dot, has_comma = "." in core, "," in core
    if not has_dot and not has_comma:
        return None
    if has_dot and has_comma:
        return NumberFormat.ES_CO if core.rfind(",") > core.rfind(".") else NumberFormat.EN_US
    sep = "." if has_dot else ","
    if core.count(sep) > 1:  # only thousands repeat
        return NumberFormat.ES_CO if has_dot else NumberFormat.EN_US
    head, tail = core.split(sep)
    if len(tail) == 3 and 1 <= len(head) <= 3 and not head.startswith("0"):
        return _AMBIGUOUS_DOT if has_dot else _AMBIGUOUS_COMMA
    return NumberFormat.EN_US if has_dot else NumberFormat.ES_CO


@dataclass(frozen=True, slots=True)
class NumberColumn:
    """How one column writes its numbers, decided from all its text values."""

    format: NumberFormat
    ambiguous: bool = False  # every separator could be thousands or decimals
    mixed: bool = False  # values in both formats: the minority will not parse
    #: Text → (negative, core) already worked out while voting; None: not an amount.
    cores: Mapping[str, tuple[bool, str] | None] = field(default_factory=dict, compare=False,
                                                         repr=False)

    def parse(self, value: Any) -> Decimal | None:
        if value is None or (isinstance(value, Decimal | int | float) and not isinstance(value, bool)):
            return to_decimal(value)
        text = clean_text(value)
        if text is None:
            return None
        known = self.cores[text] if text in self.cores else _number_core(text)
        if known is None:
            raise ValueError("not an amount")
        negative, core = known
        if self.format is NumberFormat.ES_CO:
            if not _ES.match(core):
                raise ValueError("not es-CO")
            core = core.replace(".", "").replace(",", ".")
        else:
            if not _EN.match(core):
                raise ValueError("not en-US")
            core = core.replace(",", "")
        try:
            amount = Decimal(core)
        except InvalidOperation as exc:  # pragma: no cover - the patterns above admit digits only
            raise ValueError("not an amount") from exc
        return -amount if negative else amount


def number_column(values: Iterable[Any]) -> NumberColumn:
    """The column's convention. Ambiguous columns ("1.234", "12.500" only) read as thousands."""
    votes: dict[str, int] = {}
    cores: dict[str, tuple[bool, str] | None] = {}
    for value in values:
        if not isinstance(value, str):
            continue
        text = clean_text(value)
        if text is None or text in cores:
            continue
        try:
            _, core = cores[text] = _number_core(text)
        except ValueError:
            cores[text] = None
            continue
        vote = _vote(core)
        if vote is not None:
            votes[vote] = votes.get(vote, 0) + 1
    es, en = votes.get(NumberFormat.ES_CO, 0), votes.get(NumberFormat.EN_US, 0)
    if es or en:
        fmt = NumberFormat.ES_CO if es >= en else NumberFormat.EN_US
        return NumberColumn(fmt, mixed=bool(es and en), cores=cores)
    if votes.get(_AMBIGUOUS_DOT):
        return NumberColumn(NumberFormat.ES_CO, ambiguous=True, cores=cores)
    if votes.get(_AMBIGUOUS_COMMA):
        return NumberColumn(NumberFormat.EN_US, ambiguous=True, cores=cores)
    return NumberColumn(NumberFormat.ES_CO, cores=cores)


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    "ene": 1, "enero": 1, "jan": 1, "january": 1,
    "feb": 2, "febrero": 2, "february": 2,
    "mar": 3, "marzo": 3, "march": 3,
    "abr": 4, "abril": 4, "apr": 4, "april": 4,
    "may": 5, "mayo": 5,
    "jun": 6, "junio": 6, "june": 6,
    "jul": 7, "julio": 7, "july": 7,
    "ago": 8, "agosto": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "set": 9, "septiembre": 9, "setiembre": 9, "september": 9,
    "oct": 10, "octubre": 10, "october": 10,
    "nov": 11, "noviembre": 11, "november": 11,
    "dic": 12, "diciembre": 12, "dec": 12, "december": 12,
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]+(.+))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ t,]+(.+))?$")
_NAMED = re.compile(
    r"^(\d{1,2})[-/. ]+(?:de )?([a-z]{3,10})\.?[-/. ]+(?:de )?(\d{4}|\d{2})(?:[ t,]+(.+))?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_TIME = re.compile(
    r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(a\.? ?m\.?|p\.? ?m\.?)?"
    r"\s*(z|[+-]\d{2}:?\d{2})?$"
)
_EXCEL_EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class _Moment:
    day: date
    clock: time | None = None  # None: the cell had no time of day


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _clock(text: str | None) -> time | None:
    if text is None:
        return None
    m = _TIME.match(text.strip())
    if not m:
        raise ValueError("not a time")
    hour, minute = int(m[1]), int(m[2])
    second = int(m[3] or 0)
    micro = int((m[4] or "0").ljust(6, "0"))
    if m[5]:
        if not 1 <= hour <= 12:
            raise ValueError("not a 12-hour time")
        hour = hour % 12 + (12 if m[5].startswith("p") else 0)
    zone: tzinfo | None = None
    if m[6]:
        zone = _offset(m[6])
    return time(hour, minute, second, micro, tzinfo=zone)


def _offset(text: str) -> tzinfo:
    from datetime import timezone

    if text == "z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _serial(number: float) -> _Moment:
    if not 1 <= number < 2958466:  # Excel's own range: 1900-01-01 to 9999-12-31
        raise ValueError("not an Excel date")
    moment = _EXCEL_EPOCH + timedelta(seconds=round(number * 86_400))
    has_time = moment.time() != time(0)
    return _Moment(moment.date(), moment.time() if has_time else None)


@dataclass(frozen=True, slots=True)
class DateColumn:
    """How one column writes its dates: day-first (Colombia) unless its values prove otherwise."""

    day_first: bool = True

    def moment(self, value: Any) -> _Moment | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            clock = value.timetz()
            plain = value.time() == time(0) and value.tzinfo is None
            return _Moment(value.date(), None if plain else clock)
        if isinstance(value, date):
            return _Moment(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _serial(float(value))
        text = clean_text(value)
        if text is None:
            return None
        folded = fold(text)
        if m := _ISO.match(folded):
            try:
                parsed = datetime.fromisoformat(text.replace("/", "-"))
                return self.moment(parsed) if m[4] else _Moment(parsed.date())
            except ValueError:
                return _Moment(date(int(m[1]), int(m[2]), int(m[3])), _clock(m[4]))
        if m := _NUMERIC.match(folded):
            first, second = int(m[1]), int(m[2])
            day, month = (first, second) if self.day_first else (second, first)
            return _Moment(date(_year(m[3]), month, day), _clock(m[4]))
        if m := _NAMED.match(folded):
            if m[2] not in _MONTHS:
                raise ValueError("unknown month")
            return _Moment(date(_year(m[3]), _MONTHS[m[2]], int(m[1])), _clock(m[4]))
        if m := _COMPACT.match(folded):
            return _Moment(date(int(m[1]), int(m[2]), int(m[3])))
        if _SERIAL.match(folded):
            return _serial(float(folded))
        raise ValueError("not a date")

    def to_date(self, value: Any) -> date | None:
        moment = self.moment(value)
        return None if moment is None else moment.day

    def to_timestamp(self, value: Any) -> datetime | None:
        """Always a zone-aware timestamp: no time is midnight, no zone is Bogotá."""
        moment = self.moment(value)
        if moment is None:
            return None
        clock = moment.clock or time(0)
        stamp = datetime.combine(moment.day, clock.replace(tzinfo=None), tzinfo=clock.tzinfo)
        return bogota_moment(stamp)

    def to_date_or_timestamp(self, value: Any) -> date | datetime | None:
        """A date when the cell has no time of day, else a zone-aware timestamp."""
        moment = self.moment(value)
        if moment is None:
            return None
        return moment.day if moment.clock is None else self.to_timestamp(value)


def date_column(values: Iterable[Any]) -> DateColumn:
    """Day-first unless some value's second part exceeds 12 and none's first part does."""
    day_first_proof = month_first_proof = False
    for value in values:
        if not isinstance(value, str):
            continue
        m = _NUMERIC.match(fold(value))
        if m:
            day_first_proof |= int(m[1]) > 12
            month_first_proof |= int(m[2]) > 12
    return DateColumn(day_first=day_first_proof or not month_first_proof)


# --- yes/no, statuses, document types -------------------------------------------------------

_TRUE = {"si", "s", "x", "1", "true", "verdadero", "v", "yes", "y", "autoriza", "acepta",
         "autorizado", "ok"}
_FALSE = {"no", "n", "0", "false", "falso", "f", "no autoriza", "no acepta", "rechaza"}


def yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = fold(value).strip(". ")
    if not key:
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError("not yes or no")


def _keyed(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(name): code for code, names in table.items() for name in names}


VEHICLE_STATUS = _keyed({
    "available": ("disponible", "available", "libre", "en stock", "stock"),
    "reserved": ("reservado", "reservada", "separado", "separada", "reserved", "apartado"),
    "sold": ("vendido", "vendida", "facturado", "facturada", "sold"),
    "delivered": ("entregado", "entregada", "delivered"),
    "in_transit": ("en transito", "transito", "en camino", "in transit", "in_transit",
                   "in-transit"),
    "demo": ("demo", "demostracion", "vehiculo demo", "de demostracion"),
})

# Besides the Spanish, the stages HubSpot's default pipeline and Salesforce's exports write.
DEAL_STAGE = _keyed({
    "lead": ("lead", "prospecto", "nuevo", "contacto", "interesado", "oportunidad",
             "new", "prospecting", "qualification", "appointment scheduled",
             "appointmentscheduled", "qualified to buy", "qualifiedtobuy", "needs analysis"),
    "test_drive": ("test drive", "test_drive", "prueba de manejo", "prueba manejo"),
    "negotiation": ("negociacion", "en negociacion", "cotizacion", "cotizado", "negotiation",
                    "negotiation/review", "proposal/price quote", "presentation scheduled",
                    "presentationscheduled", "decision maker bought in",
                    "decisionmakerboughtin", "contract sent", "contractsent"),
    "sold": ("vendido", "ganado", "cerrado ganado", "won", "sold", "facturado", "closed won",
             "closedwon"),
    "lost": ("perdido", "cerrado perdido", "lost", "descartado", "closed lost", "closedlost"),
})

INVOICE_STATUS = _keyed({
    "validated": ("validada", "validado", "validada dian", "validada por la dian", "aceptada",
                  "aceptada dian", "aceptada por la dian", "emitida", "vigente", "activa",
                  "aprobada", "contabilizada", "publicada", "validated", "posted"),
    "annulled": ("anulada", "anulado", "nula", "anulada con nota credito", "con nota credito",
                 "cancelada", "annulled", "cancel", "cancelled", "canceled"),
    "draft": ("borrador", "pendiente", "pendiente dian", "por validar", "sin validar",
              "en proceso", "rechazada", "rechazada dian", "draft"),
})

FOLLOWUP_STATUS = _keyed({
    "open": ("pendiente", "abierta", "abierto", "en curso", "en proceso", "programada",
             "programado", "por hacer", "no iniciada", "vencida", "open"),
    "done": ("hecha", "hecho", "completada", "completado", "realizada", "realizado", "cerrada",
             "cerrado", "finalizada", "finalizado", "terminada", "done", "completed"),
    "cancelled": ("cancelada", "cancelado", "anulada", "anulado", "descartada", "descartado",
                  "cancelled", "canceled"),
})

# Kinds are typed freely ("Revisión 5.000 km", "Póliza todo riesgo Sura", "Latonería y
# pintura"): the exact names first, then words that give the kind away, in order.
SERVICE_KIND = _keyed({
    "first_service": ("primer servicio", "primera revision", "revision 5.000 km",
                      "revision de 5.000 km", "servicio 5.000 km", "first service"),
    "maintenance": ("mantenimiento", "mantenimiento preventivo", "revision", "servicio",
                    "cambio de aceite", "maintenance"),
    "repair": ("reparacion", "latoneria", "latoneria y pintura", "pintura", "colision",
               "mecanica", "correctivo", "siniestro", "repair"),
    "warranty": ("garantia", "garantia de fabrica", "warranty"),
})
_SERVICE_WORDS = (
    (re.compile(r"garant|warrant"), "warranty"),
    (re.compile(r"\bprimer|\b5[.,]?000(?!\d)|first"), "first_service"),
    (re.compile(r"latoner|repara|pintur|colisi|correctiv|siniestr|mecanic|choque"), "repair"),
    (re.compile(r"manten|revisi|aceite|preventiv|servicio|\d[.,]?000 ?km"), "maintenance"),
)

CONTRACT_KIND = _keyed({
    "soat": ("soat", "s.o.a.t.", "seguro obligatorio", "seguro obligatorio soat"),
    "insurance": ("seguro", "poliza", "todo riesgo", "poliza todo riesgo", "seguro todo riesgo",
                  "seguro voluntario", "insurance"),
    "financing": ("credito", "financiacion", "financiamiento", "credito vehicular", "leasing",
                  "prestamo", "financing"),
})
_CONTRACT_WORDS = (
    (re.compile(r"\bsoat\b|obligatori"), "soat"),
    (re.compile(r"credit|financ|leasing|prestamo"), "financing"),
    (re.compile(r"poliza|seguro|riesgo|insuran"), "insurance"),
)

FOLLOWUP_KIND = _keyed({
    "anniversary": ("aniversario", "aniversario de entrega", "aniversario entrega",
                    "aniversario de compra", "anniversary"),
    "first_service": ("primer servicio", "primera revision", "revision 5.000 km",
                      "first service"),
    "soat": ("soat", "renovacion soat", "renovacion del soat", "vencimiento soat"),
    "insurance": ("seguro", "poliza", "todo riesgo", "renovacion seguro", "renovacion del seguro",
                  "renovacion poliza", "renovacion de la poliza", "insurance"),
    "renewal": ("renovacion", "renovacion de vehiculo", "renovacion del vehiculo",
                "cambio de vehiculo", "recompra", "retoma", "renewal"),
    "other": ("otro", "otra", "otros", "llamada", "cortesia", "llamada de cortesia", "encuesta",
              "other"),
})
_FOLLOWUP_WORDS = (
    (re.compile(r"aniversari|anniversar"), "anniversary"),
    (re.compile(r"\bsoat\b"), "soat"),
    (re.compile(r"poliza|seguro|todo riesgo"), "insurance"),
    (re.compile(r"\bprimer|\b5[.,]?000(?!\d)"), "first_service"),
    (re.compile(r"renova|recompra|retoma|cambio de vehiculo"), "renewal"),
)


_DOC_TYPE_NAMES = _keyed({
    "CC": ("cedula de ciudadania", "cedula", "cc", "c.c.", "c.c"),
    "NIT": ("nit", "n.i.t.", "numero de identificacion tributaria"),
    "CE": ("cedula de extranjeria", "c.e.", "ce"),
    "PA": ("pasaporte", "pa", "pp"),
    "TI": ("tarjeta de identidad", "t.i.", "ti"),
    "RC": ("registro civil", "registro civil de nacimiento", "rc"),
    "TE": ("tarjeta de extranjeria",),
    "DE": ("documento extranjero", "documento de identificacion extranjero"),
    "NIT_EXT": ("nit de otro pais", "nit extranjero", "nit_ext"),
    "NUIP": ("nuip",),
})


def coded(table: dict[str, str]) -> Callable[[Any], str | None]:
    """A parser from the folded names in ``table`` to their codes."""

    def parse(value: Any) -> str | None:
        key = fold(as_text(value)).replace("_", " ").replace("-", " ")
        key = " ".join(key.split())
        if not key:
            return None
        for candidate in (key, key.replace(" ", "_")):
            if candidate in table:
                return table[candidate]
        raise ValueError("unknown code")

    return parse


def doc_type(value: Any) -> str | None:
    """Canonical document type from a DIAN code ("13") or a name ("Cédula de ciudadanía")."""
    text = as_text(value)
    if text is None:
        return None
    code = doc_type_code(text)
    if code is not None:
        return code
    key = fold(text)
    if key in _DOC_TYPE_NAMES:
        return _DOC_TYPE_NAMES[key]
    # "13 - Cédula de ciudadanía", "CC - Cédula": the code before the dash
    head = key.split("-")[0].strip()
    if head in DIAN_DOC_TYPES:
        return DIAN_DOC_TYPES[head]
    if head in _DOC_TYPE_NAMES:
        return _DOC_TYPE_NAMES[head]
    raise ValueError("unknown document type")


def worded(table: dict[str, str],
           words: Iterable[tuple[re.Pattern[str], str]]) -> Callable[[Any], str | None]:
    """A parser for a kind typed freely: a name of ``table``, else the first of ``words``
    found in the text; ValueError when neither tells."""
    exact = coded(table)
    rules = tuple(words)

    def parse(value: Any) -> str | None:
        try:
            return exact(value)
        except ValueError:
            pass
        key = fold(as_text(value))
        for pattern, code in rules:
            if pattern.search(key):
                return code
        raise ValueError("unknown kind")

    return parse


service_kind = worded(SERVICE_KIND, _SERVICE_WORDS)
contract_kind = worded(CONTRACT_KIND, _CONTRACT_WORDS)
followup_kind = worded(FOLLOWUP_KIND, _FOLLOWUP_WORDS)

_KM = re.compile(r"\s*(?:km|kms|kilometros|kilometro|kilómetros|kilómetro)\.?\s*$", re.IGNORECASE)


def without_km(value: Any) -> Any:
    """An odometer cell without its unit ("12.345 km" → "12.345"); other cells as they are."""
    if isinstance(value, str):
        return _KM.sub("", value)
    return value


def whole_km(value: Decimal | None) -> int | None:
    """An odometer reading as whole kilometres (tenths rounded); ValueError if negative."""
    if value is None:
        return None
    if value < 0:
        raise ValueError("negative odometer")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
