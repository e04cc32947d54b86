"""Which column of an export is which canonical field: header synonyms, meaning, content and a
saved mapping.

Headers are compared folded: accents, case, spaces and punctuation do not count ("Nro.
identificación" = "NRO IDENTIFICACION"). A column gets its field, in this order:

1. the **mapping** ``{canonical field: "Header as in the file"}``, which overrides everything;
2. an exact **synonym** (``synonyms.py``: Spanish, the English of HubSpot/Salesforce/Zoho
   exports, Colombian accounting words);
3. the header's **meaning** (``meaning.py``): the record's own identifier named with its record
   in any order («ID Lead», «Nro. prospecto», «Código del tercero»), headers joining two
   alternatives («Nombre / Razón social»), qualifiers naming the export's own record;
4. its **content** (``content.py``) where the header leaves a doubt: when two columns claim one
   field, the one whose cells look like the field wins (then the more specific header, then
   the leftmost column; the other is reported); some headers must be confirmed by their cells
   («Documento» in a receipts export may be the receipt's own number); some may turn out to be
   another field («Ciudad» full of DANE codes is the city code, «Contacto» full of e-mails the
   e-mail). A header that names nothing known stays unmapped whatever its cells hold.

Besides the canonical columns, some fields are parts the connector puts together:
``first_name_1``/``first_name_2`` (→ ``first_names``), ``last_name_1``/``last_name_2``,
``invoice_prefix`` (+ number → ``invoice_number``); and two extras the matcher reads:
``full_name`` (one "Nombre" column) and ``phone_alt`` (the landline when a mobile exists).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import app.connectors.files.content as content
from app.connectors.files.errors import MappingError
from app.connectors.files.meaning import RANK_GENERIC, Claim, claim_of
from app.connectors.files.synonyms import (
    COUNT,
    COUNT_COLUMNS,
    EXTRA_COLUMNS,
    INDEXES,
    KIND_NAMES,
    PARTS,
    REQUIRED,
    SYNONYMS,
    columns_of,
    header_key,
    kind_name,
)
from app.domain.i18n import tr_app
from app.domain.schema import Entity

_INVOICE_NUMBER_AFTER_PREFIX = {"numero", "no", "nro", "num", "n", "numerofactura"}
_YEAR = re.compile(r"^(19|20)\d{2}$")
#: Headers that name a document only if the cells are documents: in a receipts or vehicles
#: export «Documento» may be the receipt's or the sale's own document number.
_DOCUMENT_IF_CELLS_SAY_SO = {"documento", "doc", "identificacion", "tercero"}
#: A claim to a field the cells may show to be another («Ciudad» holding DANE codes).
_OR_BY_CONTENT = {"city_name": ("city_code",)}
#: Headers that may hold another field than their synonym says, tried by the cells first:
#: «Contacto» a name, an e-mail or a phone; in a receipts export (World Office, Helisa)
#: «Documento» the receipt's own number («RC-0001») rather than the payer's.
_HEADER_OR_BY_CONTENT: dict[tuple[str, str], tuple[str, ...]] = {
    (Entity.CUSTOMERS, "contacto"): ("email", "phone"),
    (Entity.PAYMENTS, "documento"): ("receipt_number",),
    (Entity.PAYMENTS, "doc"): ("receipt_number",),
}
#: Cells longer than this are data, not headers (the header-row search skips them).
_HEADER_MAX_CHARS = 80


def recognized(kind: str, cells: Sequence[Any], mapping: Mapping[str, Sequence[str]]) -> int:
    """How many cells of a row look like headers of ``kind``: to find the header row."""
    mapped = {header_key(h) for headers in mapping.values() for h in headers}
    index = INDEXES[kind]
    count = 0
    for cell in cells:
        key = header_key(cell)
        if not key:
            continue
        if key in index or key in mapped:
            count += 1
        elif isinstance(cell, str) and len(cell) <= _HEADER_MAX_CHARS and not key.isdigit():
            # A bare marker («No», «N», «#») is as often a cell's value as a header.
            claim = claim_of(kind, cell)
            count += claim is not None and claim.rank < RANK_GENERIC
    return count


def expected_headers(kind: str, names: Sequence[str]) -> list[str]:
    """The first synonyms of the fields ``names`` (and their parts), for error messages."""
    out: list[str] = []
    for name, synonyms in SYNONYMS[kind].items():
        if name in names or PARTS.get(name) in names:
            out.extend(synonyms[:3])
    return out


@dataclass(slots=True)
class Resolution:
    """Which column(s) feed each field; what was left out and why."""

    fields: dict[str, list[int]] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)
    #: (ignored column, column chosen instead)
    ambiguous: list[tuple[int, int]] = field(default_factory=list)

    def missing(self, kind: str) -> list[tuple[str, ...]]:
        return [group for group in REQUIRED[kind] if not any(f in self.fields for f in group)]


def resolve(
    kind: str,
    headers: Sequence[str],
    mapping: Mapping[str, Sequence[str]],
    values: Callable[[int], Sequence[Any]],
) -> Resolution:
    """Assign each header to a field: the mapping first, then synonyms, meaning and content;
    ``values(i)`` gives a column's cells, looked at only when a header leaves a doubt."""
    result = Resolution()
    taken: set[int] = set()
    for name, wanted in mapping.items():
        result.fields[name] = [_find(h, headers, taken) for h in wanted]
        taken.update(result.fields[name])
    keys = [header_key(h) for h in headers]
    blocked = {name for name in mapping} | {p for p, whole in PARTS.items() if whole in mapping}
    candidates: dict[str, list[tuple[int, int]]] = {}
    for i, key in enumerate(keys):
        if i in taken:
            continue
        claimed, rank = _claim(kind, headers[i], key, keys, partial(values, i))
        if claimed is None or claimed in blocked:
            result.unmapped.append(i)
            continue
        candidates.setdefault(claimed, []).append((rank, i))
    for name, found in candidates.items():
        if len(found) > 1 and name in content.TESTS:
            # The column whose cells look like the field wins; then the header's rank.
            fit = {i: content.fits(name, values(i)) is True for _, i in found}
            found.sort(key=lambda ri: (not fit[ri[1]], ri))
        else:
            found.sort()
        (_, chosen), *others = found
        result.fields[name] = [chosen]
        result.ambiguous.extend((i, chosen) for _, i in others)
    _join_parts(result)
    if "phone" not in result.fields and "phone_alt" in result.fields:
        result.fields["phone"] = result.fields.pop("phone_alt")
    return result


def _claim(kind: str, header: str, key: str, keys: Sequence[str],
           cells: Callable[[], Sequence[Any]]) -> tuple[str | None, int]:
    """(field, rank) one header claims, its cells consulted only where the header is unsure."""
    if not key:
        return None, 0
    # «# Contacto» keys as «Contacto» (a name): a header with a «#» is read by its words first.
    hit = INDEXES[kind].get(key) if "#" not in header or claim_of(kind, header) is None else None
    claim: Claim | None
    if hit is not None:
        check = (kind != Entity.CUSTOMERS and hit[0] == "customer_doc"
                 and key in _DOCUMENT_IF_CELLS_SAY_SO)
        claim = Claim(hit[0], hit[1], check=check)
    else:
        special = _by_content(kind, key, keys, cells, INDEXES[kind])
        claim = Claim(*special) if special is not None else claim_of(kind, header)
    if claim is None:
        return None, 0
    alternatives = (claim.alternatives or _HEADER_OR_BY_CONTENT.get((kind, key))
                    or _OR_BY_CONTENT.get(claim.field) or ())
    if not alternatives and not claim.check:
        return claim.field, claim.rank
    column = cells()
    for other in alternatives:
        if other in columns_of(kind) and content.fits(other, column, evidence=True) is True:
            return other, claim.rank
    if claim.check and content.fits(claim.field, column) is not True:
        return None, 0
    return claim.field, claim.rank


def _by_content(kind: str, key: str, keys: Sequence[str], cells: Callable[[], Sequence[Any]],
                index: Mapping[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The headers whose field depends on the others and on the cells ("Modelo", "Número")."""
    if kind == Entity.VEHICLES and key == "modelo":
        # In Colombia "Modelo" is usually the model year; with a "Año" column it is the line.
        if any(index[k][0] == "model_year" for k in keys if k in index):
            return ("model", 99)
        texts = [str(c).strip() for c in cells() if c not in (None, "")]
        years = bool(texts) and all(_YEAR.match(t.removesuffix(".0")) for t in texts)
        return ("model_year", 99) if years else ("model", 99)
    if kind in (Entity.PAYMENTS, Entity.INVOICES) and key in _INVOICE_NUMBER_AFTER_PREFIX \
            and any(index[k][0] == "invoice_prefix" for k in keys if k in index):
        return ("invoice_number", 99)
    return None


def _join_parts(result: Resolution) -> None:
    """First + second name (or surname) become one field unless a whole-name column exists."""
    fields = result.fields
    for whole, parts in (("first_names", ("first_name_1", "first_name_2")),
                         ("last_names", ("last_name_1", "last_name_2"))):
        found = [fields.pop(p)[0] for p in parts if p in fields]
        if not found:
            continue
        if whole in fields:
            result.ambiguous.extend((i, fields[whole][0]) for i in found)
        else:
            fields[whole] = found
    if "invoice_prefix" in fields:
        prefix = fields.pop("invoice_prefix")
        if "invoice_number" in fields:
            fields["invoice_number"] = prefix + fields["invoice_number"]
        else:
            result.unmapped.extend(prefix)


def _find(wanted: str, headers: Sequence[str], taken: set[int]) -> int:
    exact = [i for i, h in enumerate(headers) if h == wanted.strip() and i not in taken]
    if exact:
        return exact[0]
    key = header_key(wanted)
    folded = [i for i, h in enumerate(headers) if key and header_key(h) == key and i not in taken]
    if folded:
        return folded[0]
    listed = ", ".join(f"«{h}»" for h in headers if h)
    raise MappingError(
        tr_app("app.connectors", "El mapeo pide la columna «{wanted}», que no está en el archivo. "
                                 "Columnas del archivo: {listed}.").format(wanted=wanted, listed=listed)
    )


def normalize_mapping(kind: str, raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{field: header or [headers]}`` checked against the canonical columns of ``kind``."""
    allowed = columns_of(kind)
    unknown = [name for name in raw if name not in allowed]
    if unknown:
        raise MappingError(
            tr_app("app.connectors", "El mapeo nombra columnas que no existen: {join}. Columnas válidas: "
                                     "{join2}.").format(
                join=', '.join(map(str, unknown)), join2=', '.join(allowed))
        )
    out: dict[str, list[str]] = {}
    for name, headers in raw.items():
        listed = [headers] if isinstance(headers, str) else headers
        if not isinstance(listed, list | tuple) or not listed or not all(
            isinstance(h, str) and h.strip() for h in listed
        ):
            raise MappingError(
                tr_app("app.connectors", "En el mapeo, «{name}» debe ser el encabezado del archivo "
                                         "(texto) o una lista de encabezados.").format(name=name)
            )
        out[name] = [h.strip() for h in listed]
    return out


__all__ = ["COUNT", "COUNT_COLUMNS", "EXTRA_COLUMNS", "KIND_NAMES", "REQUIRED", "SYNONYMS",
           "Resolution", "columns_of", "expected_headers", "header_key", "kind_name", "normalize_mapping",
           "recognized", "resolve"]
