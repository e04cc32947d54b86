"""A labelled customer-linkage data set: CRM and ERP customers with the true links known.

Used by the accuracy test (precision and recall of customer links, zero homonym links) and by
the matching benchmark at 10k–1M customers per side. Most people carry the same document in
both systems (keys link them); a residue (``residue``, ~5 %) is broken the ways real data
breaks: a missing document, two digits transposed, a digit wrong, a name written "Juan P." or
without the second surname or with a typo, a phone written another way. Homonyms — another
person with the same name in the same city — and people in only one system are added as
traps. Duplicates on either side on request (``copy_rate``): a customer entered twice in the CRM
or created twice as a tercero in the ERP, with the same document or with none; each copy is
the same person as its counterpart, so its link is a true link. :func:`write_exports` writes a
set as the files people bring (other header spellings, CSV and XLSX). Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from app.demo.world import (
    CITIES,
    EMAIL_DOMAINS,
    FEMALE_NAMES,
    FEMALE_SECOND,
    MALE_NAMES,
    MALE_SECOND,
    SURNAMES,
)
from app.domain.schema import Entity, frame
from app.domain.values import fold

_CITIES = [code for branch in CITIES.values() for code, _ in branch]


@dataclass(frozen=True, slots=True)
class LabelledSet:
    crm: pd.DataFrame
    erp: pd.DataFrame
    true_links: frozenset[tuple[str, str]]  # (crm source_id, erp source_id)
    homonyms: frozenset[tuple[str, str]]  # pairs that share a name but are two people
    residue_links: frozenset[tuple[str, str]]  # true links that keys alone cannot make
    crm_duplicates: frozenset[tuple[str, str]]  # a lead entered twice in the CRM
    #: A customer entered twice in the CRM (original, copy); the copy's link is a true link.
    crm_copies: frozenset[tuple[str, str]] = frozenset()
    #: A tercero created twice in the ERP (original, copy).
    erp_copies: frozenset[tuple[str, str]] = frozenset()


def _person(rng: random.Random, i: int, used_docs: set[str]) -> dict[str, object]:
    while True:
        doc = str(rng.randint(10_000_000, 1_199_999_999))
        if doc not in used_docs:
            used_docs.add(doc)
            break
    female = rng.random() < 0.45
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    if rng.random() < 0.45:
        first += " " + rng.choice(FEMALE_SECOND if female else MALE_SECOND)
    last = rng.choice(SURNAMES) + " " + rng.choice(SURNAMES)
    user = f"{fold(first.split()[0])}.{fold(last.split()[0])}{i}"
    return {
        "doc_type": "CC", "doc_number": doc, "check_digit": None, "first_names": first,
        "last_names": last, "company_name": None,
        "phone": "3" + f"{rng.randint(0, 299_999_999):09d}",
        "email": f"{user}@{rng.choice(EMAIL_DOMAINS)}",
        "city_code": rng.choice(_CITIES), "city_name": None, "address": None,
        "habeas_data_consent": True, "consent_date": None, "consent_channel": None,
        "claim_in_progress": False, "is_customer": True, "updated_at": None,
    }


def _transpose(rng: random.Random, doc: str) -> str:
    for _ in range(20):
        i = rng.randrange(len(doc) - 1)
        if doc[i] != doc[i + 1]:
            return doc[:i] + doc[i + 1] + doc[i] + doc[i + 2:]
    return doc[:-1] + str((int(doc[-1]) + 1) % 10)


def _variant_name(rng: random.Random, first: str, last: str) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.3:
        return first.split()[0], last[0] + "."  # "Juan P."
    if roll < 0.55:
        return first, last.split()[0]  # one surname
    if roll < 0.75:
        s = last.split()[0]
        if len(s) > 4:
            i = rng.randrange(1, len(s) - 2)
            s = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        return first, s + " " + last.split()[1]  # a typo
    return first.upper(), last.upper()


def _copy(rng: random.Random, record: dict[str, object], sid: str) -> dict[str, object]:
    """The same person entered again: half the time with the document, else without one (a
    quick entry at the showroom or the workshop) but with the same phone and e-mail."""
    copy = {**record, "source_id": sid}
    if rng.random() < 0.5:
        if rng.random() < 0.4:  # a second mobile number
            copy["phone"] = "3" + f"{rng.randint(0, 299_999_999):09d}"
    else:
        copy["doc_number"] = None
    return copy


def _break_keys(rng: random.Random, crm: dict[str, object], p: dict[str, object]) -> None:
    """The ways real data breaks a CRM record's keys: no document, two digits swapped or one
    mistyped; a name written another way, sometimes a new e-mail (phone and city agree)."""
    how = rng.random()
    if how < 0.45:
        crm["doc_number"] = None
    elif how < 0.8:
        crm["doc_number"] = _transpose(rng, str(p["doc_number"]))
    else:
        d = str(p["doc_number"])
        j = rng.randrange(len(d))
        crm["doc_number"] = d[:j] + str((int(d[j]) + rng.randint(1, 9)) % 10) + d[j + 1:]
    crm["first_names"], crm["last_names"] = _variant_name(
        rng, str(p["first_names"]), str(p["last_names"]))
    if rng.random() < 0.3:
        crm["email"] = "nuevo." + str(p["email"])


def _maybe_copy(rng: random.Random, rate: float, record: dict[str, object],
                rows: list[dict[str, object]], copies: set[tuple[str, str]]
                ) -> list[dict[str, object]]:
    """The record and, at ``rate``, the same person entered again in its system ("…-2")."""
    side = [record]
    if rng.random() < rate:
        sid = str(record["source_id"])
        side.append(_copy(rng, record, f"{sid}-2"))
        rows.append(side[-1])
        copies.add((sid, f"{sid}-2"))
    return side


def generate_labelled(n: int, seed: int = 7, residue: float = 0.05,
                      homonym_rate: float = 0.02, only_rate: float = 0.03,
                      duplicate_rate: float = 0.01, copy_rate: float = 0.0) -> LabelledSet:
    """``n`` customers per side (about); the returned frames are canonical customer frames.

    ``copy_rate``: the share of linked people entered twice in the CRM, and (drawn apart) in
    the ERP. At 0 no draw is made, so the set is the same as before copies existed."""
    rng = random.Random(seed)
    used: set[str] = set()
    crm_rows: list[dict[str, object]] = []
    erp_rows: list[dict[str, object]] = []
    truth: set[tuple[str, str]] = set()
    residue_links: set[tuple[str, str]] = set()
    homonyms: set[tuple[str, str]] = set()
    duplicates: set[tuple[str, str]] = set()
    crm_copies: set[tuple[str, str]] = set()
    erp_copies: set[tuple[str, str]] = set()
    for i in range(n):
        p = _person(rng, i, used)
        crm_id, erp_id = f"C{i}", f"E{i}"
        crm = {**p, "source_id": crm_id}
        erp = {**p, "source_id": erp_id, "first_names": str(p["first_names"]).upper(),
               "last_names": str(p["last_names"]).upper()}
        roll = rng.random()
        if roll < only_rate:  # a lead-turned-customer the ERP never got
            crm_rows.append(crm)
            continue
        if roll < 2 * only_rate:  # a workshop customer the sales floor never met
            erp_rows.append(erp)
            continue
        broken = rng.random() < residue
        if broken:
            _break_keys(rng, crm, p)
            residue_links.add((crm_id, erp_id))
        truth.add((crm_id, erp_id))
        crm_rows.append(crm)
        erp_rows.append(erp)
        if copy_rate:
            crm_side = _maybe_copy(rng, copy_rate, crm, crm_rows, crm_copies)
            erp_side = _maybe_copy(rng, copy_rate, erp, erp_rows, erp_copies)
            for c in crm_side:
                for e in erp_side:
                    pair = (str(c["source_id"]), str(e["source_id"]))
                    truth.add(pair)
                    if not c["doc_number"] or c["doc_number"] != e["doc_number"]:
                        residue_links.add(pair)  # no shared document: keys cannot link it
        if rng.random() < duplicate_rate:
            # The same person entered again as a lead: no document yet, a shorter name.
            first, last = _variant_name(rng, str(p["first_names"]), str(p["last_names"]))
            crm_rows.append({**p, "source_id": f"{crm_id}-bis", "doc_number": None,
                             "first_names": first, "last_names": last, "is_customer": False})
            duplicates.add((crm_id, f"{crm_id}-bis"))
        # Homonyms are the hard case where keys failed: aim more of them at the residue.
        if rng.random() < (0.3 if broken else homonym_rate):
            # Another person with the very same name and city, in the ERP only.
            twin = _person(rng, n + i, used)
            twin.update(first_names=str(p["first_names"]).upper(),
                        last_names=str(p["last_names"]).upper(), city_code=p["city_code"])
            twin_id = f"H{i}"
            erp_rows.append({**twin, "source_id": twin_id})
            homonyms.add((crm_id, twin_id))
    rng.shuffle(erp_rows)
    return LabelledSet(
        crm=frame(Entity.CUSTOMERS, crm_rows), erp=frame(Entity.CUSTOMERS, erp_rows),
        true_links=frozenset(truth), homonyms=frozenset(homonyms),
        residue_links=frozenset(residue_links), crm_duplicates=frozenset(duplicates),
        crm_copies=frozenset(crm_copies), erp_copies=frozenset(erp_copies),
    )


# --- the set as the files people bring ------------------------------------------------------

#: Header spellings per export style (canonical field → header), as the issue met them: a
#: Spanish CRM («ID Lead», «Nro. identificación», «Celular»), HubSpot's English export with the
#: dealership's own document property, and an ERP's terceros report («Nombre / Razón social»).
CRM_HEADERS: dict[str, dict[str, str]] = {
    "es": {"source_id": "ID Lead", "doc_number": "Nro. identificación", "first_names": "Nombres",
           "last_names": "Apellidos", "phone": "Celular", "email": "Correo electrónico",
           "city": "Ciudad", "is_customer": "Etapa"},
    "hubspot": {"source_id": "Record ID", "first_names": "First Name", "last_names": "Last Name",
                "doc_number": "Cédula/NIT", "phone": "Mobile Phone Number", "email": "Email",
                "city": "City", "is_customer": "Lifecycle Stage"},
}
ERP_HEADERS = {"source_id": "ID Tercero", "doc_number": "Nro. identificación",
               "name": "Nombre / Razón social", "phone": "Celular", "email": "Correo",
               "city_code": "Código DANE"}
_STAGES = {"es": ("Cliente", "Lead"), "hubspot": ("customer", "lead")}
_CITY_NAMES = {code: names for branch in CITIES.values() for code, names in branch}


def _phone_as_typed(rng: random.Random, phone: object) -> object:
    p = str(phone) if phone else ""
    if len(p) != 10 or rng.random() < 0.5:
        return phone
    return rng.choice([f"+57 {p[:3]} {p[3:6]} {p[6:]}", f"{p[:3]}-{p[3:6]}-{p[6:]}", f"57{p}"])


def export_frames(data: LabelledSet, crm_style: str = "es", seed: int = 7
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The set's CRM and ERP customers as their exports show them: the style's headers, the
    CRM's cities as people type them and phones written several ways, the ERP's names in one
    «Nombre / Razón social» column and its documents with thousands dots now and then."""
    rng = random.Random(seed)
    headers, (customer, lead) = CRM_HEADERS[crm_style], _STAGES[crm_style]
    crm = pd.DataFrame({
        headers["source_id"]: data.crm["source_id"],
        headers["doc_number"]: data.crm["doc_number"],
        headers["first_names"]: data.crm["first_names"],
        headers["last_names"]: data.crm["last_names"],
        headers["phone"]: [_phone_as_typed(rng, p) for p in data.crm["phone"]],
        headers["email"]: data.crm["email"],
        headers["city"]: [rng.choice(_CITY_NAMES[c]) if c else None for c in data.crm["city_code"]],
        headers["is_customer"]: [customer if flag else lead for flag in data.crm["is_customer"]],
    })
    erp = pd.DataFrame({
        ERP_HEADERS["source_id"]: data.erp["source_id"],
        ERP_HEADERS["doc_number"]: [f"{int(d):,}".replace(",", ".") if d and rng.random() < 0.3
                                    else d for d in data.erp["doc_number"]],
        ERP_HEADERS["name"]: [f"{f} {last}" for f, last in zip(data.erp["first_names"],
                                                             data.erp["last_names"], strict=True)],
        ERP_HEADERS["phone"]: data.erp["phone"],
        ERP_HEADERS["email"]: data.erp["email"],
        ERP_HEADERS["city_code"]: data.erp["city_code"],
    })
    return crm, erp


def write_exports(data: LabelledSet, folder: Path, crm_style: str = "es", seed: int = 7
                  ) -> tuple[Path, Path]:
    """The CRM export as a CSV (Excel es-CO's cp1252 and «;» for the Spanish CRM, UTF-8 and
    «,» for HubSpot) and the ERP's as an XLSX workbook; their paths."""
    crm, erp = export_frames(data, crm_style, seed)
    crm_path, erp_path = folder / f"crm_{crm_style}.csv", folder / "terceros.xlsx"
    if crm_style == "es":
        crm.to_csv(crm_path, sep=";", index=False, encoding="cp1252")
    else:
        crm.to_csv(crm_path, index=False, encoding="utf-8")
    erp.to_excel(erp_path, index=False, sheet_name="Terceros")
    return crm_path, erp_path
