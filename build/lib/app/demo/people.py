"""Demo customers: who they are (the truth) and how each system ended up recording them.

A :class:`Person` is the real customer. ``crm_rows`` / ``erp_rows`` render what each system
holds about them after a seeded scenario (a typo, a missing phone, a lead entered twice…).
Every scenario that should be found is tallied in ``truth`` so tests can compare the engine's
findings with what was seeded.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from app.demo.world import (
    CEDULA_PREFIXES,
    CITIES,
    COMPANY_PATTERNS,
    CONSENT_CHANNELS,
    EMAIL_DOMAINS,
    FEMALE_NAMES,
    FEMALE_SECOND,
    MALE_NAMES,
    MALE_SECOND,
    SURNAMES,
)
from app.domain.values import nit_check_digit

TZ_NOTE = "-05:00"  # Colombia has no daylight saving time


@dataclass(frozen=True, slots=True)
class Person:
    idx: int
    branch: str  # region of the branch they buy from
    doc_type: str  # CC | NIT | CE
    doc: str
    first: str | None
    last: str | None
    company: str | None
    phone: str  # 10 digits
    email: str
    city_code: str
    city_spellings: tuple[str, ...]
    address: str
    consent: bool
    consent_date: date | None
    consent_channel: str | None
    claim: bool
    updated: datetime

    @property
    def dv(self) -> str | None:
        return nit_check_digit(self.doc) if self.doc_type == "NIT" else None


def stamp(moment: datetime) -> str:
    """Local Colombian time with its offset, as both demo systems store it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + TZ_NOTE


class PeopleFactory:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self._docs: set[str] = set()
        self._emails: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self._docs:
                self._docs.add(value)
                return value

    def _cedula(self, branch: str) -> str:
        prefix = self.rng.choice(CEDULA_PREFIXES[branch])
        length = 10 if len(prefix) == 4 else 8
        return prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(length - len(prefix)))

    def _nit(self) -> str:
        head = self.rng.choice(("800", "830", "860", "900", "901"))
        return head + f"{self.rng.randint(0, 999_999):06d}"

    def mobile(self) -> str:
        return self.rng.choice(("300", "301", "310", "311", "313", "315", "316", "318", "320",
                                "321", "350")) + f"{self.rng.randint(0, 9_999_999):07d}"

    def person(self, idx: int, branch: str) -> Person:
        rng = self.rng
        roll = rng.random()
        doc_type = "NIT" if roll < 0.12 else ("CE" if roll < 0.14 else "CC")
        if doc_type == "NIT":
            doc = self._unique(self._nit)
        elif doc_type == "CE":
            doc = self._unique(lambda: str(rng.randint(100_000, 9_999_999)))
        else:
            doc = self._unique(lambda: self._cedula(branch))
        first = last = company = None
        surname = rng.choice(SURNAMES)
        if doc_type == "NIT":
            company = rng.choice(COMPANY_PATTERNS).format(
                s=surname, t=rng.choice(SURNAMES)
            )
        else:
            female = rng.random() < 0.45
            names = FEMALE_NAMES if female else MALE_NAMES
            seconds = FEMALE_SECOND if female else MALE_SECOND
            first = rng.choice(names)
            if rng.random() < 0.45:
                first += " " + rng.choice(seconds)
            last = surname
            if rng.random() < 0.9:
                last += " " + rng.choice(SURNAMES)
        code, spellings = rng.choices(
            CITIES[branch], weights=[8] + [2] * (len(CITIES[branch]) - 1)
        )[0]
        area = {"BOG": "601", "MED": "604", "CAL": "602"}[branch]
        phone = (
            area + f"{rng.randint(2_000_000, 7_999_999)}"
            if (doc_type == "NIT" and rng.random() < 0.5) or rng.random() < 0.1
            else self.mobile()
        )
        email = self._email(first, last, company)
        street = rng.choice(("Calle", "Carrera", "Avenida", "Diagonal", "Transversal"))
        address = f"{street} {rng.randint(1, 180)} # {rng.randint(1, 120)}-{rng.randint(1, 99)}"
        if rng.random() < 0.3:
            address += f" Apto {rng.randint(1, 20)}{rng.randint(1, 4):02d}"
        consent = rng.random() < 0.9
        consent_date = self.today - timedelta(days=rng.randint(30, 1500)) if consent else None
        return Person(
            idx=idx, branch=branch, doc_type=doc_type, doc=doc, first=first, last=last,
            company=company, phone=phone, email=email, city_code=code, city_spellings=spellings,
            address=address, consent=consent, consent_date=consent_date,
            consent_channel=rng.choice(CONSENT_CHANNELS) if consent else None,
            claim=rng.random() < 0.005,
            updated=datetime.combine(self.today, datetime.min.time())
            - timedelta(minutes=rng.randint(60, 400 * 24 * 60)),
        )

    def _email(self, first: str | None, last: str | None, company: str | None) -> str:
        from app.domain.values import fold

        if company:
            slug = "".join(c for c in fold(company.split(" S.A")[0].split(" LTDA")[0]) if c.isalnum())
            email = f"{self.rng.choice(('contabilidad', 'gerencia', 'compras'))}@{slug[:18]}.com.co"
            while email in self._emails:
                user = self.rng.choice(("facturacion", "tesoreria", "info"))
                email = f"{user}{self.rng.randint(1, 99)}@{slug[:18]}.com.co"
            self._emails.add(email)
            return email
        assert first and last
        user = fold(first.split()[0]) + "." + fold(last.split()[0])
        while True:  # two people never share an address
            email = f"{user}{self.rng.randint(1, 999)}@{self.rng.choice(EMAIL_DOMAINS)}"
            if email not in self._emails:
                self._emails.add(email)
                return email

    def distinct_person_like(self, p: Person) -> Person:
        """Another phone/email/city for the same person: what a stale record holds."""
        code, spellings = self.rng.choice(
            [c for c in CITIES[p.branch] if c[0] != p.city_code]
        )
        return replace(p, phone=self.mobile(), city_code=code, city_spellings=spellings,
                       email="x" + p.email)


# Customer scenarios: (name, weight in ‰ of people). The rest are clean.
CUSTOMER_SCENARIOS: tuple[tuple[str, int], ...] = (
    ("erp_only", 50),
    ("crm_only", 25),
    ("crm_missing_doc", 15),
    ("crm_missing_phone", 15),
    ("crm_invalid_phone", 5),
    ("crm_missing_city", 15),
    ("erp_missing_phone", 10),
    ("erp_missing_city", 10),
    ("name_differs", 30),
    ("phone_differs", 40),
    ("email_differs", 30),
    ("city_differs", 20),
    ("crm_duplicate", 15),
    ("erp_duplicate", 5),
    ("crm_doc_typo", 10),
)
# Applied to NIT holders on top of the above (‰ of NIT holders).
NIT_DV_SCENARIOS = (("crm_bad_dv", 100), ("erp_bad_dv", 30))


def pick_scenario(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    roll = rng.randrange(1000)
    for name, weight in table:
        if roll < weight:
            return name
        roll -= weight
    return "clean"


class CustomerRenderer:
    """Writes each person into the CRM and/or ERP according to their scenario."""

    def __init__(self, rng: random.Random, factory: PeopleFactory, truth: Counter[str]) -> None:
        self.rng = rng
        self.factory = factory
        self.truth = truth
        self.crm: list[dict[str, object]] = []
        self.erp: list[dict[str, object]] = []
        self.erp_id_of: dict[str, int] = {}  # doc → ERP tercero id
        self.crm_doc_of: dict[int, str | None] = {}  # person idx → doc as the CRM holds it

    # --- CRM -------------------------------------------------------------------------------
    def _crm_doc(self, p: Person, bad_dv: bool) -> str:
        if p.doc_type != "NIT":
            # Cédulas: sometimes typed with thousands dots.
            return f"{int(p.doc):,}".replace(",", ".") if self.rng.random() < 0.15 else p.doc
        dv = p.dv
        if bad_dv:
            dv = str((int(dv or "0") + self.rng.randint(1, 9)) % 10)
        number = f"{int(p.doc):,}".replace(",", ".") if self.rng.random() < 0.5 else p.doc
        return f"{number}-{dv}"

    def _crm_phone(self, phone: str) -> str:
        style = self.rng.random()
        if style < 0.15:
            return f"+57 {phone[:3]} {phone[3:6]} {phone[6:]}"
        if style < 0.25:
            return f"{phone[:3]}-{phone[3:6]}-{phone[6:]}"
        return phone

    def _crm_name(self, p: Person) -> tuple[str | None, str | None, str | None]:
        if p.company:
            company = p.company
            if self.rng.random() < 0.2:
                company = company.upper().replace("S.A.S.", "SAS")
            return None, None, company
        if self.rng.random() < 0.15:
            return (p.first or "").upper(), (p.last or "").upper(), None
        return p.first, p.last, None

    def lead_twice(self, p: Person) -> None:
        """A lead entered a second time without the document and with a shortened name."""
        assert p.first and p.last
        self.crm_row(p, "clean", lead=True)
        self.crm.append({**self.crm[-1], "id": f"C-{p.idx:05d}-2", "numero_documento": None,
                         "nombres": p.first.split()[0], "apellidos": p.last[0] + "."})
        self.truth["customers.possible_duplicate"] += 1

    def crm_row(self, p: Person, scenario: str, lead: bool = False, dup: int = 0) -> None:
        first, last, company = self._crm_name(p)
        phone: str | None = self._crm_phone(p.phone)
        city: str | None = self.rng.choice(p.city_spellings)
        email: str | None = p.email.upper() if self.rng.random() < 0.05 else p.email
        doc: str | None = self._crm_doc(p, scenario == "crm_bad_dv")
        if scenario == "crm_missing_doc":
            doc = None
        elif scenario == "crm_doc_typo":  # two adjacent digits swapped
            i = self.rng.randrange(1, len(p.doc) - 1)
            digits = p.doc
            if digits[i] == digits[i + 1]:  # swapping equal digits changes nothing
                digits = digits[:i] + str((int(digits[i]) + 1) % 10) + digits[i + 1:]
            doc = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
        elif scenario == "crm_missing_phone":
            phone = None
        elif scenario == "crm_invalid_phone":
            phone = p.phone[:-1]  # a digit short
        elif scenario == "crm_missing_city":
            city = None
        elif scenario == "name_differs":
            first, last, company = self._other_name(p)
        elif scenario == "phone_differs":
            phone = self.factory.mobile()
        elif scenario == "email_differs":
            email = "nuevo." + p.email
        elif scenario == "city_differs":
            other = self.factory.distinct_person_like(p)
            city = other.city_spellings[0]
        self.crm_doc_of[p.idx] = doc
        self.crm.append({
            "id": f"C-{p.idx:05d}" + (f"-{dup}" if dup else ""),
            "tipo_documento": p.doc_type,
            "numero_documento": doc,
            "nombres": first, "apellidos": last, "empresa": company,
            "celular": phone, "correo": email, "ciudad": city, "direccion": p.address,
            "autoriza_tratamiento": int(p.consent),
            "fecha_autorizacion": p.consent_date.isoformat() if p.consent_date else None,
            "canal_autorizacion": p.consent_channel,
            "reclamo_en_tramite": int(p.claim),
            "etapa": "lead" if lead else "cliente",
            "actualizado": stamp(p.updated),
        })

    def _other_name(self, p: Person) -> tuple[str | None, str | None, str | None]:
        if p.company:
            return None, None, p.company.split(" ")[0] + " " + self.rng.choice(SURNAMES) + " S.A.S."
        assert p.first and p.last
        variant = self.rng.random()
        if variant < 0.4:  # "Juan P."
            return p.first.split()[0], p.last[0] + ".", None
        if variant < 0.7 and " " in p.last:  # the second surname dropped
            return p.first, p.last.split()[0], None
        # a typo: two letters swapped in the first surname
        s = p.last
        i = self.rng.randrange(1, max(2, len(s.split()[0]) - 1))
        swapped = s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]
        if swapped == s:
            swapped = s + "s"
        return p.first, swapped, None

    # --- ERP -------------------------------------------------------------------------------
    def erp_row(self, p: Person, scenario: str) -> int:
        erp_id = len(self.erp) + 1
        dv = p.dv
        if scenario == "erp_bad_dv" and dv is not None:
            dv = str((int(dv) + self.rng.randint(1, 9)) % 10)
        self.erp.append({
            "id": erp_id,
            "tipo_doc": {"CC": "13", "NIT": "31", "CE": "22"}[p.doc_type],
            "nit": p.doc, "dv": dv,
            "nombres": p.first.upper() if p.first else None,
            "apellidos": p.last.upper() if p.last else None,
            "razon_social": p.company.upper() if p.company else None,
            "telefono": None if scenario == "erp_missing_phone" else p.phone,
            "email": p.email,
            "cod_municipio": None if scenario == "erp_missing_city" else p.city_code,
            "direccion": p.address.upper(),
            "autoriza_datos": int(p.consent),
            "fecha_autorizacion": p.consent_date.isoformat() if p.consent_date else None,
            "canal_autorizacion": p.consent_channel,
            "reclamo": int(p.claim),
            "modificado": stamp(p.updated + timedelta(hours=self.rng.randint(0, 72))),
        })
        self.erp_id_of.setdefault(p.doc, erp_id)
        return erp_id

    # --- both ------------------------------------------------------------------------------
    def render(self, p: Person) -> str:
        scenario = pick_scenario(self.rng, CUSTOMER_SCENARIOS)
        if p.doc_type == "NIT" and scenario == "clean":
            scenario = pick_scenario(self.rng, NIT_DV_SCENARIOS)
        in_crm = scenario != "erp_only"
        in_erp = scenario != "crm_only"
        if in_crm:
            self.crm_row(p, scenario)
        if scenario == "crm_duplicate":
            self.crm_row(p, "clean", dup=2)
        if in_erp:
            self.erp_row(p, scenario)
        if scenario == "erp_duplicate":
            self.erp_row(p, "clean")
        self._tally(scenario)
        return scenario

    def _tally(self, scenario: str) -> None:
        t = self.truth
        simple = {
            "erp_only": "only_in_erp",
            "crm_only": "only_in_crm",
            "crm_missing_phone": "missing_phone",
            "crm_invalid_phone": "missing_phone",
            "crm_missing_city": "missing_city",
            "erp_missing_phone": "missing_phone",
            "erp_missing_city": "missing_city",
            "name_differs": "name_differs",
            "phone_differs": "phone_differs",
            "email_differs": "email_differs",
            "city_differs": "city_differs",
            "crm_duplicate": "duplicate_key",
            "erp_duplicate": "duplicate_key",
            "crm_bad_dv": "invalid_check_digit",
            "erp_bad_dv": "invalid_check_digit",
        }
        if scenario in simple:
            t["customers." + simple[scenario]] += 1
        elif scenario == "crm_missing_doc":
            # Keys cannot link it; name, phone and e-mail do (an automatic fuzzy link).
            t["customers.missing_document"] += 1
        elif scenario == "crm_doc_typo":
            # Documents one keystroke apart: strong evidence, but a person confirms the link.
            t["customers.possible_match"] += 1
