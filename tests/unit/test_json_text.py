"""Issue 18, end-to-end speed: the report's JSON text is byte for byte what
``json.dumps(doc, ensure_ascii=False, indent=1)`` wrote before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.jsontext import dumps
from app.demo.linkage import generate_labelled
from app.domain.schema import Entity
from app.progress import run
from app.reconcile.customers import reconcile_customers
from app.reconcile.export import to_json
from app.reconcile.results import Report


def _reference(doc: object, indent: int = 1) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=indent)


def test_a_labelled_report_is_written_as_before():
    data = generate_labelled(3000, seed=3, residue=0.08, copy_rate=0.03)
    result = run(reconcile_customers(data.crm, data.erp))
    now = datetime(2026, 12, 8, 5, 0, tzinfo=UTC)
    doc = to_json(Report(started_at=now, finished_at=now, sources={"crm": "a", "erp": "b"},
                         results={Entity.CUSTOMERS: result}))
    assert doc["customers"]["links"] and doc["customers"]["mismatches"]
    assert dumps(doc) == _reference(doc)


class _Level(IntEnum):
    ONE = 1


class _Word(StrEnum):
    YES = "sí"


_scalars = (st.none() | st.booleans() | st.integers() | st.text()
            | st.floats(allow_nan=True, allow_infinity=True))
_keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_docs = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.tuples(inner, inner) | st.dictionaries(_keys, inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_docs, st.integers(min_value=0, max_value=3))
def test_any_document_is_written_as_json_writes_it(doc, indent):
    assert dumps(doc, indent) == _reference(doc, indent)


def test_enums_empty_containers_and_unicode():
    doc = {"a": [], "b": {}, "c": [{}, [], [[]]], _Level.ONE: _Word.YES, 2.5: "ñ\n\"\x00",
           "d": [{"x": 1.0, "y": [1, 2]}, {"z": None}], "e": (1, "2")}
    assert dumps(doc) == _reference(doc)


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})


def test_equal_values_of_other_types_are_not_mixed_up():
    doc = [{"a": 1}, {"a": True}, {"a": 1.0}, {"a": "1"}, {"a": 0.0}, {"a": -0.0}, {"a": False},
           {"k": {"a": "x", "b": "y"}}, {"k": {"a": "x", "b": "y"}}, {1: "x"}, {True: "x"}]
    assert dumps(doc) == _reference(doc)
