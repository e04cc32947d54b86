"""DIVIPOLA lookups from the names people type."""

import pytest

from app.domain.divipola import city_code, city_name, municipalities


def test_full_list_loaded_with_text_codes():
    towns = municipalities()
    assert len(towns) == 1122
    assert towns["05001"].name == "Medellín"
    assert all(len(code) == 5 and code.isdigit() for code in towns)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Medellín", "05001"), ("MEDELLIN", "05001"), ("Medellín, Antioquia", "05001"),
        ("Bogotá D.C.", "11001"), ("bogota dc", "11001"), ("Santafé de Bogotá", "11001"),
        ("Cartagena de Indias", "13001"), ("Itagui", "05360"), ("5001", "05001"),
        ("05001", "05001"),
        ("Mosquera, Cundinamarca", "25473"), ("Mosquera (Nariño)", "52473"),
        ("Mosquera", None),  # two municipalities share the name: never guess
        ("Gotham", None), ("", None), (None, None), ("99999", None),
    ],
)
def test_city_code(raw, code):
    assert city_code(raw) == code


def test_city_name_reads_well():
    assert city_name("11001") == "Bogotá D.C."
    assert city_name("76001") == "Cali"
    assert city_name(None) is None
