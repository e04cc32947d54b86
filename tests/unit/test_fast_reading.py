"""Issue 18, end-to-end speed: the fast paths of reading give what the reading before them
gave — every row, line, canonical value and issue — on the labelled sets' exports, the demo
and text made to break them."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.connectors.files import FileConnector
from app.connectors.files import connector as connector_module
from app.connectors.files import table as table_module
from app.connectors.files.errors import FileFormatError
from app.connectors.files.sheet import Sheet
from app.demo.linkage import export_frames, generate_labelled, write_exports
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile.export import to_json
from tests.support import reference_reading as reference


def _pulled(path: Path, system: System) -> tuple[pd.DataFrame, list]:
    connector = FileConnector(path, system, Entity.CUSTOMERS)
    return connector.pull(Entity.CUSTOMERS), connector.issues()


def _same(path: Path, system: System, monkeypatch: pytest.MonkeyPatch) -> None:
    new_frame, new_issues = _pulled(path, system)
    with monkeypatch.context() as m:
        m.setattr(Sheet, "apply", reference.sheet_apply)
        m.setattr(table_module, "_read_text", reference.read_text)
        m.setattr(connector_module, "_cities", reference.cities)
        old_frame, old_issues = _pulled(path, system)
    pd.testing.assert_frame_equal(new_frame, old_frame)
    assert [type(v) for v in new_frame.to_numpy().ravel()] == \
        [type(v) for v in old_frame.to_numpy().ravel()]
    assert new_issues == old_issues


@pytest.mark.parametrize("style", ["es", "hubspot"])
def test_labelled_exports_read_as_before(tmp_path, monkeypatch, style):
    data = generate_labelled(3000, seed=5, residue=0.08, copy_rate=0.03)
    crm_csv, erp_xlsx = write_exports(data, tmp_path, style)
    _, erp = export_frames(data, style)
    erp_csv = tmp_path / "terceros.csv"
    erp.to_csv(erp_csv, index=False, encoding="utf-8")
    for path, system in ((crm_csv, System.CRM), (erp_xlsx, System.ERP), (erp_csv, System.ERP)):
        _same(path, system, monkeypatch)


def test_cells_that_do_not_read_are_reported_as_before(tmp_path, monkeypatch):
    lines = ["Nro. identificación;Nombres;Celular;Correo;Ciudad;Fecha de actualización;NIT DV",
             "abc;Ana;300 123 4567;ANA@X.CO;Medellín;31/02/2024;7",
             "  ;  ;  ;  ;  ;  ;  ",
             "900.123.456-7;Beto;+57 301 555 0000; b@x.co ;Villa Perdida;2024-01-05;x",
             "abc;Ana;300 123 4567;ANA@X.CO;Medellín;31/02/2024;77",
             ";;;;;;",
             "12\u00a0345;Caro\u2028Díaz;6017654321;;05001;05/01/2024;1\r"
             "900123456;Empresa SAS;1;c@x.co;Bogotá;ayer;"]
    path = tmp_path / "clientes.csv"
    path.write_bytes(("\n".join(lines) + "\r\n").encode("cp1252", errors="replace"))
    _same(path, System.CRM, monkeypatch)


def test_the_demo_reconciles_as_before(tmp_path, monkeypatch):
    from app.demo.files import demo_task

    new = to_json(run(demo_task(tmp_path)))
    with monkeypatch.context() as m:
        m.setattr(Sheet, "apply", reference.sheet_apply)
        old = to_json(run(demo_task(tmp_path)))
    for doc in (new, old):
        doc.pop("started_at"), doc.pop("finished_at")
    assert new == old


_PIECES = ["a", "Ñ", "1", " ", "\t", ";", ",", "|", "\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c",
           "\x85", "\u2028", "\u00a0", "é", "", "Total"]


@pytest.mark.parametrize("seed", range(40))
def test_plain_text_splits_as_the_csv_module_does(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 400)))
    for separator in (";", ",", "\t", "|"):
        assert table_module.plain_rows(text, separator, "x.csv") == \
            table_module.text_rows(text, separator, "x.csv")


def test_text_with_quotes_or_nul_bytes_takes_the_csv_module():
    assert table_module.plain_rows('a;"b;c"\n', ";", "x.csv") is None
    assert table_module.plain_rows("a;b\x00\n", ";", "x.csv") is None


@pytest.mark.parametrize("line", ["a;" + "x" * 40_000, ";" * 20_000, "b;" + "y" * 200_000,
                                  ";" * 16_384, "z" * 32_768])
def test_refusals_are_the_same_sentence_at_the_same_line(line):
    text = "h1;h2\nv;w\n" + line + "\nz;z\n"
    with pytest.raises(FileFormatError) as fast:
        table_module.plain_rows(text, ";", "x.csv")
    with pytest.raises(FileFormatError) as slow:
        table_module.text_rows(text, ";", "x.csv")
    assert str(fast.value) == str(slow.value)
    assert "línea 3" in str(fast.value)


def _mostly_utf8_before(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - damaged
    return good > 0 and good >= damaged


def test_damaged_utf8_is_told_from_cp1252_as_before():
    rng = random.Random(1)
    alphabet = [0x41, 0xC3, 0xB1, 0xE9, 0x80, 0x20, 0xFF, 0x0A, 0xE2, 0x82, 0xAC, 0xF0, 0x9F]
    for _ in range(3000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert table_module._mostly_utf8(data) == _mostly_utf8_before(data)


_cells = st.text(alphabet=st.sampled_from(list("3 0\t\n\u00a0\u2028\x1c6+-()57aB@.é")), max_size=16)


@settings(max_examples=400, deadline=None)
@given(_cells)
def test_phones_e_mails_and_text_clean_as_as_text_does(value):
    from app.connectors.files import connector
    from app.connectors.files.cells import NULL_MARKERS, Unreadable, as_text, identifier_text
    from app.domain.values import normalize_email, normalize_phone

    text = as_text(value)
    try:  # a phone is an identifier: «.0» of a float column dropped, Excel's «3E+09» refused
        ident = identifier_text(value)
    except Unreadable:
        with pytest.raises(Unreadable):
            connector._phone(value)
    else:
        phone_before = (ident if ident is not None and len(ident) == 10 and ident.isdigit()
                        and (ident[0] == "3" or ident.startswith("60"))
                        else normalize_phone(ident) or ident)
        assert connector._phone(value) == phone_before
    assert connector._email(value) == normalize_email(text)
    joined = " ".join(value.split()) or None
    assert (None if joined in NULL_MARKERS else joined) == text  # «nan», «NULL»: empty cells


def _sample_before(cells: list) -> list[str]:
    from app.connectors.files.content import SAMPLE, _text

    seen: dict[str, None] = {}
    for cell in cells:
        text = _text(cell)
        if text is not None and text not in seen:
            seen[text] = None
            if len(seen) >= SAMPLE:
                break
    return list(seen)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-3, 3),
                          st.sampled_from(["1", " 1", "Cliente", "Lead ", "", "  ", "2.0"]),
                          st.text(max_size=3)), max_size=600))
def test_a_columns_sample_is_the_same(cells):
    from app.connectors.files.content import sample

    assert sample(cells) == _sample_before(cells)
