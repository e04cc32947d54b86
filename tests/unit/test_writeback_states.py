"""The correction loop's states and roles are named once (``app.writeback.states``,
``app.writeback.people``): the same values the store's CHECK constraints accept, and every one
has its Spanish words in ``app.domain.labels``."""

from __future__ import annotations

from app.domain import labels
from app.store.models import OUTBOX_PENDING, OUTBOX_STATES, OUTBOX_TERMINAL, ROLES, STATES
from app.writeback.people import Role
from app.writeback.states import OUTBOX_PENDING as PENDING
from app.writeback.states import OUTBOX_TERMINAL as TERMINAL
from app.writeback.states import CorrectionState, OutboxState


def test_the_states_are_the_values_the_store_keeps():
    assert {s.value for s in CorrectionState} == set(STATES)
    assert {s.value for s in OutboxState} == set(OUTBOX_STATES)
    assert [s.value for s in PENDING] == list(OUTBOX_PENDING)
    assert {s.value for s in TERMINAL} == set(OUTBOX_TERMINAL)
    assert {s for s in OutboxState if s.terminal} == set(TERMINAL)
    assert {r.value for r in Role} == set(ROLES)


def test_every_state_and_role_has_its_words():
    for state in CorrectionState:
        assert labels.state_label(state) != state and labels.state_word(state) != state
    for state in OutboxState:
        assert labels.outbox_state_word(state) != state
        assert labels.outbox_state_word(state, 2) != state
    assert set(labels.FOLLOWUP_STATE_WORDS) == {s.value for s in CorrectionState} - {"rejected"}
    assert set(labels.ROLE_LABELS) == set(labels.ROLE_VERBS) == {r.value for r in Role}


def test_a_state_reads_as_the_text_kept_for_it():
    assert CorrectionState("proposed") is CorrectionState.PROPOSED
    assert CorrectionState.CONFLICT == "conflict" and f"{OutboxState.QUEUED}" == "queued"
    assert labels.state_word(CorrectionState.UNKNOWN) == "con resultado desconocido"
    assert labels.outbox_state_word("rejected") == "rechazada por el sistema"
    assert labels.outbox_state_word("applied", 9) == "aplicadas"
