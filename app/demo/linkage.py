"""A labelled customer-linkage data set: CRM and ERP customers with the true links known.

Used by the accuracy test (precision and recall of customer links, zero homonym links) and by
the matching benchmark at 10k–1M customers per side. Most people carry the same document in
both systems (keys link them); a residue (``residue``, ~5 %) is broken the ways real data
breaks: a missing document, two digits transposed, a digit wrong, a name written "Juan P." or
without the second surname or with a typo, a phone written another way. Homonyms — another
person with the same name in the same city — and people in only one system are added as
traps. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pandas as pd

from app.demo import world
from app.domain.schema import Entity, frame
from app.domain.values import fold

_CITIES = [code for branch in world.CITIES.values() for code, _ in branch]


@dataclass(frozen=True, slots=True)
class LabelledSet:
    crm: pd.DataFrame
    erp: pd.DataFrame
    true_links: frozenset[tuple[str, str]]  # (crm source_id, erp source_id)
    homonyms: frozenset[tuple[str, str]]  # pairs that share a name but are two people
    residue_links: frozenset[tuple[str, str]]  # true links that keys alone cannot make
    crm_duplicates: frozenset[tuple[str, str]]  # a lead entered twice in the CRM


def _person(rng: random.Random, i: int, used_docs: set[str]) -> dict[str, object]:
    while True:
        doc = str(rng.randint(10_000_000, 1_199_999_999))
        if doc not in used_docs:
            used_docs.add(doc)
            break
    female = rng.random() < 0.45
    first = rng.choice(world.FEMALE_NAMES if female else world.MALE_NAMES)
    if rng.random() < 0.45:
        first += " " + rng.choice(world.FEMALE_SECOND if female else world.MALE_SECOND)
    last = rng.choice(world.SURNAMES) + " " + rng.choice(world.SURNAMES)
    user = f"{fold(first.split()[0])}.{fold(last.split()[0])}{i}"
    return {
        "doc_type": "CC", "doc_number": doc, "check_digit": None, "first_names": first,
        "last_names": last, "company_name": None,
        "phone": "3" + f"{rng.randint(0, 299_999_999):09d}",
        "email": f"{user}@{rng.choice(world.EMAIL_DOMAINS)}",
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


def generate_labelled(n: int, seed: int = 7, residue: float = 0.05,
                      homonym_rate: float = 0.02, only_rate: float = 0.03,
                      duplicate_rate: float = 0.01) -> LabelledSet:
    """``n`` customers per side (about); the returned frames are canonical customer frames."""
    rng = random.Random(seed)
    used: set[str] = set()
    crm_rows: list[dict[str, object]] = []
    erp_rows: list[dict[str, object]] = []
    truth: set[tuple[str, str]] = set()
    residue_links: set[tuple[str, str]] = set()
    homonyms: set[tuple[str, str]] = set()
    duplicates: set[tuple[str, str]] = set()
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
            if rng.random() < 0.3:  # the email changed too; phone and city still agree
                crm["email"] = "nuevo." + str(p["email"])
            residue_links.add((crm_id, erp_id))
        truth.add((crm_id, erp_id))
        crm_rows.append(crm)
        erp_rows.append(erp)
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
    )
