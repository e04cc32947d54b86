"""What a header means when no synonym spells it exactly.

The synonym lists (``synonyms.py``) cannot hold every way people name a column. A header is
read here as words — folded, camelCase and snake_case split («LeadId», «lead_id» → lead, id) —
and understood in four ways, tried in order:

1. **Loosely**: without articles and prepositions («Número del documento» = «Número
   documento», «Cédula del cliente» = «Cédula cliente»).
2. **Without the export's own record** as a qualifier: in a customers export «Celular del
   cliente» is «Celular», in a payments export «Valor del pago» is «Valor».
3. **As an identifier**: a marker (id / código / número / nro / no. / # / record…) with the
   record it names (lead, prospecto, contacto, tercero, cliente, negocio, deal, oportunidad,
   recibo, pago, vehículo…), in either order and language. The entity decides: «ID cliente»
   is the record's own id in a customers export and a reference to someone else in a payments
   export (no field: a CRM's customer id is not a document). What the value *is* comes
   before whose it is: «Número de identificación» is a document, «Número de factura» an
   invoice, «Número de celular» a phone, «Documento cruce» the invoice a receipt pays. Every
   word must be known: «ID asesor», «Código postal», «Lead Owner» name nothing.
4. **As alternatives**: «Nombre / Razón social», «Razón social o nombre», «Cédula-NIT»,
   «Celular / Teléfono» — the parts understood one by one; parts naming one field give it,
   names together give the whole name, phones the phone, and otherwise the column's cells
   decide among the parts' fields.

The answer is a :class:`Claim`; whether the column's cells must confirm it is the resolver's
business (``headers.resolve`` with ``content.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.connectors.files.synonyms import INDEXES, SYNONYMS, columns_of, header_key
from app.domain.schema import Entity
from app.domain.values import clean_text, fold_word

#: Ranks of what is understood here: always after an exact synonym (ranks below 30), so a
#: column named as the lists name it wins over one understood by its words.
RANK_QUALIFIED = 30
RANK_NAMED = 40
RANK_SECONDARY = 50
RANK_GENERIC = 60
RANK_COMBINED = 70


@dataclass(frozen=True, slots=True)
class Claim:
    """A column's claim to a field."""

    field: str
    rank: int
    #: The cells must look like ``field`` (``content.TESTS``) for the claim to hold.
    check: bool = False
    #: Fields the cells may show the column to be instead, tried first ("Ciudad / Código").
    alternatives: tuple[str, ...] = ()


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z0-9]+|#")
_SPLIT = re.compile(r"\s*(?:\by/o\b|[/|\\]|\s(?:o|u|or)\s|\s-\s)\s*", re.IGNORECASE)
#: «Cédula-NIT»: a hyphen between words separates only when nothing else does («E-mail»).
_HYPHEN = re.compile(r"(?<=[A-Za-zÀ-ÿ])-(?=[A-Za-zÀ-ÿ])")
#: Words that join others without meaning anything by themselves.
_ARTICLES = frozenset({"de", "del", "la", "el", "los", "las", "en", "of", "the"})
_FILLERS = _ARTICLES | {"interno", "interna", "unico", "unica", "principal", "primary",
                        "associated", "asociado", "asociada"}
_ID_WORDS = frozenset({"id", "ids", "identificador", "codigo", "cod", "key", "clave"})
_NUMBER_WORDS = frozenset({"numero", "num", "nro", "no", "n", "number", "nbr", "#",
                           "consecutivo"})
_CONCEPTS: dict[str, frozenset[str]] = {
    "self": frozenset({"record", "registro", "sistema", "system", "crm", "erp", "hubspot",
                       "salesforce", "zoho", "siigo", "odoo"}),
    "customer": frozenset({"cliente", "customer", "contacto", "contact", "persona",
                           "comprador"}),
    "lead": frozenset({"lead", "prospecto"}),
    # Not «cuenta»: in Colombian accounting that is a ledger account («Código cuenta»).
    "account": frozenset({"account"}),
    "third": frozenset({"tercero"}),
    "company": frozenset({"empresa", "company", "compania", "organizacion", "organization"}),
    "deal": frozenset({"negocio", "deal", "oportunidad", "opportunity", "venta"}),
    "payment": frozenset({"pago", "payment", "recaudo", "abono", "transaccion",
                          "transaction"}),
    "receipt": frozenset({"recibo", "receipt", "comprobante", "rc"}),
    "vehicle": frozenset({"vehiculo", "vehicle", "auto", "carro"}),
    "invoice": frozenset({"factura", "invoice"}),
    "document": frozenset({"identificacion", "documento", "doc", "cedula", "nit", "cc",
                           "pasaporte", "rut", "dni"}),
    "vin": frozenset({"vin", "chasis", "chassis", "serie", "serial"}),
    "mobile": frozenset({"celular", "movil", "mobile", "cel", "whatsapp", "cell"}),
    "phone": frozenset({"telefono", "phone", "tel"}),
    "service": frozenset({"ot", "orden", "visita", "servicio"}),
    "contract": frozenset({"contrato", "poliza", "credito", "obligacion", "contract",
                           "policy"}),
    "task": frozenset({"tarea", "actividad", "seguimiento", "task", "activity"}),
    "cross": frozenset({"cruce"}),
}
_CONCEPT_OF = {word: concept for concept, words in _CONCEPTS.items() for word in words}

#: The records an export of each kind holds: (its own, the looser names of it).
_OWN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    Entity.CUSTOMERS: (frozenset({"customer", "lead", "third"}), frozenset({"account"})),
    Entity.PAYMENTS: (frozenset({"payment", "receipt"}), frozenset()),
    Entity.VEHICLES: (frozenset({"vehicle"}), frozenset()),
    Entity.DEALS: (frozenset({"deal"}), frozenset({"lead"})),
    Entity.INVOICES: (frozenset({"invoice"}), frozenset()),
    Entity.SERVICES: (frozenset({"service"}), frozenset()),
    Entity.CONTRACTS: (frozenset({"contract"}), frozenset()),
    Entity.FOLLOWUPS: (frozenset({"task"}), frozenset()),
}
_NO_OWN: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

#: Fields that together are one: the column holds either («Nombre / Razón social»).
_JOINED: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"full_name", "first_names", "last_names", "company_name"}), "full_name"),
    (frozenset({"phone", "phone_alt"}), "phone"),
    # A city by name or code: the cells tell which (``headers._OR_BY_CONTENT``).
    (frozenset({"city_name", "city_code"}), "city_name"),
)


def words(header: Any) -> tuple[str, ...]:
    """A header's words, folded: «Nro. Identificación» → (nro, identificacion), «LeadId» →
    (lead, id), «# Negocio» → (#, negocio)."""
    text = clean_text(header)
    if text is None:
        return ()
    return tuple(_WORD.findall(fold_word(_CAMEL.sub(" ", text))))


def _concept(word: str) -> str | None:
    for candidate in (word, word[:-1] if word.endswith("s") else "",
                      word[:-2] if word.endswith("es") else ""):
        if candidate and candidate in _CONCEPT_OF:
            return _CONCEPT_OF[candidate]
    return None


def _loose_index(kind: str) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for name, synonyms in SYNONYMS[kind].items():
        for rank, synonym in enumerate(synonyms):
            index.setdefault(_loose_key(words(synonym)), (name, rank))
    return index


def _loose_key(ws: tuple[str, ...]) -> str:
    return "".join(w for w in ws if w not in _ARTICLES)  # «#» stays: it marks a number


_LOOSE: dict[str, dict[str, tuple[str, int]]] = {kind: _loose_index(kind) for kind in INDEXES}


@lru_cache(maxsize=16_384)
def claim_of(kind: str, header: str) -> Claim | None:
    """What ``header`` claims in an export of ``kind`` besides its exact synonym, or None."""
    ws = words(header)
    if not ws or len(ws) > 8:
        return None
    return (_loosely(kind, ws) or _identifier(kind, ws)
            or _alternatives(kind, header))


def _loosely(kind: str, ws: tuple[str, ...]) -> Claim | None:
    """Steps 1 and 2: the words without articles, then without the export's own record."""
    loose = _LOOSE[kind]
    hit = loose.get(_loose_key(ws))
    if hit is not None:
        return Claim(hit[0], hit[1])
    own, _secondary = _OWN.get(kind, _NO_OWN)
    rest = tuple(w for w in ws if _concept(w) not in own and w not in _FILLERS)
    if rest and len(rest) < len(ws):
        hit = INDEXES[kind].get("".join(rest)) or loose.get(_loose_key(rest))
        if hit is not None:
            return Claim(hit[0], hit[1] + RANK_QUALIFIED)
    return None


def _identifier(kind: str, ws: tuple[str, ...]) -> Claim | None:
    """Step 3: a header of markers and record names only («ID Lead», «Nro. prospecto»)."""
    concepts: list[str] = []
    id_marker = number_marker = False
    for w in ws:
        if w in _ID_WORDS:
            id_marker = True
        elif w in _NUMBER_WORDS:
            number_marker = True
        elif w not in _FILLERS:
            concept = _concept(w)
            if concept is None:
                return None  # a word that is neither a marker nor a record: not ours to read
            concepts.append(concept)
    found = set(concepts)
    what = _what(kind, found, id_marker and not number_marker)
    if what is not None:
        return what
    if not (id_marker or number_marker):
        return _reference(kind, found, marked=False)
    if not found:
        return _claim(kind, "source_id", RANK_GENERIC)
    own, secondary = _OWN.get(kind, _NO_OWN)
    if found <= own | {"self"}:
        return _claim(kind, "source_id", RANK_NAMED if found & own else RANK_GENERIC)
    if found <= own | secondary | {"self"}:
        return _claim(kind, "source_id", RANK_SECONDARY)
    return _reference(kind, found, marked=True)


def _what(kind: str, found: set[str], by_id: bool) -> Claim | None:
    """What the value is, whoever it belongs to: an invoice, a document, a VIN, a phone."""
    if "cross" in found:
        return _claim(kind, "invoice_number", RANK_NAMED)
    if "vin" in found:
        return _claim(kind, "vin", RANK_NAMED)
    if "mobile" in found:
        return _claim(kind, "phone", RANK_NAMED)
    if "phone" in found:
        return _claim(kind, "phone_alt", RANK_NAMED)
    if "invoice" in found:
        own = kind == Entity.INVOICES and by_id
        return _claim(kind, "source_id" if own else "invoice_number", RANK_NAMED)
    if "receipt" in found:
        own = kind == Entity.PAYMENTS and by_id
        return _claim(kind, "source_id" if own else "receipt_number", RANK_NAMED)
    if "document" in found:
        return _claim(kind, "doc_number" if kind == Entity.CUSTOMERS else "customer_doc",
                      RANK_NAMED)
    return None


def _reference(kind: str, found: set[str], *, marked: bool) -> Claim | None:
    """Another record named in this export: its deal, its vehicle, its third party."""
    if "third" in found and kind != Entity.CUSTOMERS:
        # Colombian accounting names the third party by its NIT or cédula: if the cells say so.
        return _claim(kind, "customer_doc", RANK_SECONDARY, check=True)
    if not marked:
        return None
    if "deal" in found:
        return _claim(kind, "deal_id", RANK_NAMED)
    if "vehicle" in found:
        return _claim(kind, "vin", RANK_SECONDARY, check=True)
    return None  # a customer's id in a payments export is a reference, not a document


def _alternatives(kind: str, header: str) -> Claim | None:
    """Step 4: «X / Y», «X o Y», «X-Y» — each part understood alone."""
    parts = [p for p in _SPLIT.split(header) if p and p.strip()]
    if len(parts) < 2:
        parts = [p for p in _HYPHEN.split(header) if p.strip()]
    if len(parts) < 2:
        return None
    claims = [_part(kind, p) for p in parts]
    known = [c for c in claims if c is not None]
    if not known:
        return None
    fields = list(dict.fromkeys(c.field for c in known))
    partial = len(known) < len(parts)
    rank = RANK_COMBINED
    if len(fields) == 1:
        return Claim(fields[0], rank, check=partial or known[0].check)
    for together, whole in _JOINED:
        if set(fields) <= together:
            return Claim(whole, rank, check=partial)
    return Claim(fields[0], rank, check=True, alternatives=tuple(fields[1:]))


def _part(kind: str, part: str) -> Claim | None:
    hit = INDEXES[kind].get(header_key(part))
    if hit is not None:
        return Claim(hit[0], hit[1])
    ws = words(part)
    if not ws:
        return None
    return _loosely(kind, ws) or _identifier(kind, ws)


def _claim(kind: str, name: str, rank: int, *, check: bool = False) -> Claim | None:
    return Claim(name, rank, check) if name in columns_of(kind) else None


__all__ = ["Claim", "claim_of", "words"]
