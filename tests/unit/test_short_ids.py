"""The one resolver of ids typed by a person (``app.cli.common.resolve_id``): the whole
id or a unique beginning of at least 6 characters; anything else one Spanish sentence."""

from __future__ import annotations

import pytest

from app.cli.common import CORRECTION, UsageError, resolve_id, resolve_ids

IDS = ["3ca01b48-0000-4000-8000-000000000001", "3ca01b9f-0000-4000-8000-000000000002",
       "3ca01b9f-1111-4000-8000-000000000003", "abc123"]


def test_a_unique_beginning_names_its_id_whatever_its_case():
    assert resolve_id("3ca01b4", IDS, CORRECTION) == IDS[0]
    assert resolve_id("  3CA01B48 ", IDS, CORRECTION) == IDS[0]
    assert resolve_id(IDS[1], IDS, CORRECTION) == IDS[1]
    assert resolve_id("abc123", IDS, CORRECTION) == "abc123"


@pytest.mark.parametrize("given, says", [
    ("3ca01", "«3ca01» es muy corto para un id: escriba al menos 6 caracteres"),
    ("", "es muy corto"),
    ("ffffff", "no hay ninguna corrección con el id «ffffff»"),
    ("3ca01b", "«3ca01b» es el comienzo de 3 correcciones (3ca01b48-0, 3ca01b9f-0, "
               "3ca01b9f-1): escriba más caracteres"),
    ("3ca01b9f", "es el comienzo de 2 correcciones (3ca01b9f-0, 3ca01b9f-1)"),
])
def test_anything_else_is_one_spanish_sentence(given, says):
    with pytest.raises(UsageError) as refused:
        resolve_id(given, IDS, CORRECTION)
    assert says in str(refused.value) and "\n" not in str(refused.value)


def test_several_names_resolve_in_order_each_once():
    assert resolve_ids(["3ca01b4", "abc123", IDS[0]], IDS, CORRECTION) == [IDS[0], "abc123"]
