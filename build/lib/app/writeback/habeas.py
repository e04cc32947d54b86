"""Ley 1581 de 2012 (Habeas Data) as rules on proposals.

Contact data (phone, e-mail, address, names) moves into a system only for a person with proof
of prior authorization: ``habeas_data_consent`` true *and* a ``consent_date``, on either of the
person's two records (the record the data comes from or the one it goes to). A person with a
complaint in progress (``claim_in_progress``) is never corrected or merged automatically.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.domain.i18n import mark_app

CONTACT_FIELDS = frozenset({"phone", "email", "address", "first_names", "last_names",
                            "company_name"})

NO_CONSENT = "no_consent"
CLAIM_IN_PROGRESS = "claim_in_progress"

#: Why a proposal is blocked, in Spanish (marked: a refusal says it in the current language
#: with ``tr_marked("app.writeback", …)``).
SENTENCES = {
    NO_CONSENT: mark_app("app.writeback", "No hay autorización de tratamiento de datos con fecha "
                         "(Ley 1581) para esta persona: sus datos de contacto no pasan al "
                         "{target}."),
    CLAIM_IN_PROGRESS: mark_app("app.writeback", "La persona tiene un reclamo en trámite (Ley "
                                "1581): no se corrige ni se fusiona hasta que se resuelva."),
}


def has_consent(record: Mapping[str, Any] | None) -> bool:
    """Proof of authorization: consent given and dated."""
    return (record is not None and record.get("habeas_data_consent") is True
            and record.get("consent_date") is not None)


def has_claim(record: Mapping[str, Any] | None) -> bool:
    return record is not None and bool(record.get("claim_in_progress"))


def block_reason(fields: Iterable[str], target: Mapping[str, Any] | None,
                 source: Mapping[str, Any] | None) -> str | None:
    """Why a change of ``fields`` from ``source`` into ``target`` may not go ahead, or None."""
    if has_claim(target) or has_claim(source):
        return CLAIM_IN_PROGRESS
    if CONTACT_FIELDS.intersection(fields) and not (has_consent(source) or has_consent(target)):
        return NO_CONSENT
    return None
