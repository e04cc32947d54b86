"""The files connector read in batches (``FileConnector.pull_batches``, ``stream.FileStream``)
gives the same records and issues as the whole read, on the whole file-format corpus.

Every test of ``test_files``, ``test_files_insights`` and ``test_hostile_files`` is run again
here with ``FileConnector.pull`` wrapped: each pull is also done in batches of 2 and 1,000
rows, and the frames (concatenated), the issues (as a multiset), the layout and any refusal
(its type and Spanish sentence) must be the same. Then odd files generated here: encodings,
damaged UTF-8, NULs, titles above the header, a trailing "Total", quoted newlines, a header
that only a late row's content decides, empty unnamed columns filled only near the end.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from app.connectors.files import FileConnector
from app.domain.schema import Entity, System

from .test_files import *  # noqa: F403  (the corpus, run again with the wrapper below)
from .test_files_insights import *  # noqa: F403
from .test_hostile_files import *  # noqa: F403

_ORIGINAL_PULL = FileConnector.pull


def _issue_key(issue: Any) -> str:
    return repr(issue)


def streamed(connector: FileConnector, entity: Any, batch_rows: int) -> tuple[pd.DataFrame,
                                                                                list[Any]]:
    frames = list(connector.pull_batches(entity, batch_rows))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return frame, connector.issues()


def check_same(connector: FileConnector, entity: Any, since: Any = None) -> pd.DataFrame:
    """The whole read, checked against the batched reads; returns the whole read's frame."""
    try:
        whole = _ORIGINAL_PULL(connector, entity, since)
    except Exception as exc:  # the batched read must refuse in the same words
        for rows in (2, 1000):
            with pytest.raises(type(exc)) as caught:
                streamed(connector, entity, rows)
            assert str(caught.value) == str(exc)
        raise
    issues, layout = connector.issues(), dict(connector.layout)
    for rows in (2, 1000):
        frame, got = streamed(connector, entity, rows)
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), whole.reset_index(drop=True),
                                      check_dtype=False)
        assert Counter(map(_issue_key, got)) == Counter(map(_issue_key, issues)), rows
        assert connector.layout == layout
    connector._issues = issues
    return whole


@pytest.fixture(autouse=True)
def every_pull_also_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FileConnector, "pull", check_same)


# --- odd files made here ----------------------------------------------------------------------

HEADER = ["ID Lead", "Nombres", "Apellidos", "Nro. identificación", "Celular", "Correo",
          "Ciudad", "Fecha autorización", "Última actualización", ""]


def _rows(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    names = ["José", "María Ñáñez", "Íñigo", "Zoë", "Ana  Lucía", "PEÑA"]
    out = []
    for i in range(n):
        out.append([f"L-{i}", rng.choice(names), rng.choice(names), rng.choice(
            [f"{rng.randrange(10**7, 10**10)}", "", "900.123.456-7", "abc", f"{i}"]),
            rng.choice(["3101234567", "+57 310 123 4567", "601 2345678", "12", ""]),
            rng.choice(["a@b.co", "MAL", "", f"x{i}@correo.com.co"]),
            rng.choice(["Bogotá", "Medellin", "11001", "Ciudad Gótica", ""]),
            rng.choice(["03/04/2024", "2024-05-06", "31/12/2023", "7 de mayo de 2024", "xx", ""]),
            rng.choice(["2024-01-02 10:11", "02/01/2024 3:04 p. m.", "", "mañana"]),
            ""])
    return out


def _csv(rows: list[list[str]], sep: str) -> str:
    def cell(c: str) -> str:
        return f'"{c}"' if (sep in c or '"' in c or "\n" in c) else c
    return "\r\n".join(sep.join(cell(c) for c in r) for r in rows) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le",
                                      "utf-32"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_generated_exports_stream_alike(tmp_path: Path, encoding: str, sep: str) -> None:
    rows = [["Reporte de clientes", "", ""], ["Generado: hoy"], [], HEADER, *_rows(300, 7)]
    rows[40][1] = "Con\nsalto"  # a quoted newline: the record starts on its first line
    rows.append(["Total", "300"])
    path = tmp_path / "leads.csv"
    path.write_bytes(_csv(rows, sep).encode(encoding, errors="replace"))
    FileConnector(path, System.CRM, Entity.CUSTOMERS).pull(Entity.CUSTOMERS)


def test_damaged_utf8_nuls_and_late_filled_unnamed_column(tmp_path: Path) -> None:
    rows = [HEADER, *_rows(200, 3)]
    rows[150][-1] = "algo al final"  # the unnamed column holds something only here
    text = _csv(rows, ";").encode("utf-8")
    lines = text.split(b"\n")
    lines[20] = "Peña;Ñoño".encode("cp1252") + b";" + lines[20]   # a cp1252 line pasted in
    lines[30] = lines[30].replace(b"a", b"a\x00", 1)                 # a stray NUL
    lines[31] = lines[31] + b"\xff"                                  # a byte valid in none
    path = tmp_path / "mezcla.csv"
    path.write_bytes(b"\n".join(lines))
    FileConnector(path, System.CRM, Entity.CUSTOMERS).pull(Entity.CUSTOMERS)


def test_month_first_dates_proven_only_by_the_last_row(tmp_path: Path) -> None:
    lines = ["No. recibo;Factura;Cédula cliente;Valor;Fecha pago"]
    lines += [f"R-{i};FV-{i};{80000000 + i};1.234;0{1 + i % 9}/0{1 + i % 9}/2024" for i in range(50)]
    lines += ["R-99;FV-99;80000099;1,234.50;05/25/2024"]  # en-US amount, month-first date
    path = tmp_path / "pagos.csv"
    path.write_text("\n".join(lines), "utf-8")
    FileConnector(path, System.ERP, Entity.PAYMENTS).pull(Entity.PAYMENTS)


def test_xlsx_streams_alike(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["Informe de terceros"])
    ws.append([])
    ws.append(["ID Tercero", "Nombre / Razón social", "NIT", "DV", "Teléfono", "Ciudad",
               "Fecha creación"])
    for i in range(120):
        ws.append([i, f"Empresa {i} S.A.S.", 900000000 + i, i % 10, 3101234567.0 if i % 3 else "",
                   "Cali" if i % 2 else 76001, f"{1 + i % 28}/02/2024"])
    ws.append(["TOTAL", 120])
    path = tmp_path / "terceros.xlsx"
    book.save(path)
    FileConnector(path, System.ERP, Entity.CUSTOMERS).pull(Entity.CUSTOMERS)
