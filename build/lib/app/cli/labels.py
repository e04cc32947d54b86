"""The names of :mod:`app.domain.labels` — entities, fields, kinds, states, roles, reasons — as
the command line shows them: in its language (:mod:`app.cli.i18n`).

The Spanish tables stay where they are; their English is in the context ``"labels"`` of
``resources/translations/cuadre_cli_en.ts`` (``tools/cli_translations.py update`` writes its
messages from the tables, as lupdate cannot read a dictionary's values). Each table here is the
domain's, read through ``tr_marked("labels", …)`` on every lookup; its Spanish original stays
at hand (:attr:`Translated.spanish`) so that what a person types may be a code, the Spanish
name or the name in the command line's language (:func:`spoken_names`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from app.cli.i18n import tr_marked
from app.domain import labels as spanish
from app.domain.schema import Entity

CONTEXT = "labels"
K = TypeVar("K")


def said(text: str) -> str:
    """A Spanish name of :mod:`app.domain.labels` in the command line's language."""
    return tr_marked(CONTEXT, text)


class Translated(Mapping[K, str]):
    """A table of :mod:`app.domain.labels` whose values are said in the command line's
    language."""

    def __init__(self, table: Mapping[K, str]) -> None:
        self.spanish = table

    def __getitem__(self, key: K) -> str:
        return said(self.spanish[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.spanish)

    def __len__(self) -> int:
        return len(self.spanish)


def spoken_names(table: Mapping[Any, str]) -> list[tuple[Any, str]]:
    """(code, name) for every name a person may type for a code of ``table``: the Spanish one
    and the one in the command line's language."""
    original = table.spanish if isinstance(table, Translated) else table
    pairs = [(code, name) for code, name in original.items()]
    if isinstance(table, Translated):
        pairs += [(code, table[code]) for code in original]
    return pairs


ENTITY_LABELS: Translated[Entity] = Translated(spanish.ENTITY_LABELS)
FIELD_LABELS: Translated[str] = Translated(spanish.FIELD_LABELS)
FOLLOWUP_LABELS: Translated[str] = Translated(spanish.FOLLOWUP_LABELS)
CORRECTION_STATE_WORDS: Translated[str] = Translated(spanish.CORRECTION_STATE_WORDS)
ROLE_LABELS: Translated[str] = Translated(spanish.ROLE_LABELS)
FINDING_STATE_LABELS: Translated[str] = Translated(spanish.FINDING_STATE_LABELS)
FINDING_STATE_WORDS: Translated[str] = Translated(spanish.FINDING_STATE_WORDS)
FINDING_REASON_LABELS: Translated[str] = Translated(spanish.FINDING_REASON_LABELS)
FINDING_REASON_WORDS: Translated[str] = Translated(spanish.FINDING_REASON_WORDS)
PERIOD_STATE_LABELS: Translated[str] = Translated(spanish.PERIOD_STATE_LABELS)


def entity_words(entity: Entity) -> tuple[str, ...]:
    """The words for one and for many of ``entity`` («cliente», «clientes»), in Spanish and in
    the command line's language."""
    words = spanish.ENTITY_WORDS.get(entity, ())
    return (*words, *(said(w) for w in words))


def entity_label(entity: Entity | str) -> str:
    return said(spanish.entity_label(entity))


def entity_word(entity: Entity | str, count: int = 1) -> str:
    return said(spanish.entity_word(entity, count))


def system_label(system: str) -> str:
    return said(spanish.system_label(system))


def kind_label(entity: Entity, kind: str) -> str:
    return said(spanish.kind_label(entity, kind))


def field_label(name: str) -> str:
    return said(spanish.field_label(name))


def state_word(state: str) -> str:
    return said(spanish.state_word(state))


def outbox_state_word(state: str, count: int = 1) -> str:
    return said(spanish.outbox_state_word(state, count))


def finding_state_label(state: str) -> str:
    return said(spanish.finding_state_label(state))


def role_words(roles: set[str] | frozenset[str]) -> str:
    """«propone, aprueba»: ``roles`` in the order of the loop."""
    return ", ".join(ROLE_LABELS[role] for role in spanish.ROLE_LABELS if role in roles)
