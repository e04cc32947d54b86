"""A source typed wrong is refused in one sentence that never repeats what was typed: a URL
may carry a token or a password (issue 15: nothing typed out of place lands on the screen)."""

from __future__ import annotations

import pytest

from app.domain.sources import SourceError, parse_source

CANARY = "Canario-9f3e1d"


@pytest.mark.parametrize("typed", [
    f"https:///clientes?token={CANARY}",
    f"https://usuario:{CANARY}@erp.example.co/api",
    f"https://erp.example.co/api?key={CANARY}",
    f"postgresql://cuadre:{CANARY}@db.example.co/erp",
    f"odoo://admin:{CANARY}@odoo.example.co/dealer",
])
def test_a_refused_source_never_repeats_its_secret(typed):
    with pytest.raises(SourceError) as refused:
        parse_source(typed)
    assert CANARY not in str(refused.value)
    assert str(refused.value).endswith(".")
