"""The charts speak the window's language; the dealership's documents (the manager's PDF and
workbook) are Spanish whatever the terminal or the window speaks — ``speaking`` holds a
language on one thread only, so the window goes on in English while a worker writes Spanish."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from matplotlib.figure import Figure

from app.domain import i18n
from app.insights.model import NO_BRANCH, KindBranchRow
from app.reports.charts import mismatch_chart


def _texts(figure: Figure) -> list[str]:
    found = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        found += [ax.get_xlabel(), *(t.get_text() for t in ax.get_yticklabels())]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return found


ROWS = [KindBranchRow("payments", "amount_differs", "Bogotá", 3, Decimal("12300000")),
        KindBranchRow("customers", "phone_differs", NO_BRANCH, 4, Decimal(0))]


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def test_a_chart_in_english(english):
    texts = _texts(mismatch_chart(ROWS))
    assert "Differences by kind and branch" in texts
    assert "Findings" in texts and "No branch" in texts
    assert not {"Diferencias por tipo y sede", "Hallazgos", "Valor distinto (pagos)"} & set(texts)


def test_a_chart_in_spanish_by_default():
    texts = _texts(mismatch_chart(ROWS))
    assert {"Diferencias por tipo y sede", "Hallazgos", "Valor distinto (pagos)",
            "Sin sede"} <= set(texts)


def test_speaking_holds_one_thread_only(english):
    seen: dict[str, str] = {}
    inside = threading.Event()
    done = threading.Event()

    def worker() -> None:
        with i18n.speaking("es"):
            seen["worker"] = i18n.language()
            inside.set()
            done.wait(5)
        seen["after"] = i18n.language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    seen["window"] = i18n.language()  # the other thread, meanwhile
    done.set()
    thread.join(5)
    assert seen == {"worker": "es", "window": "en", "after": "en"}
    with pytest.raises(ValueError):
        with i18n.speaking("fr"):
            pass


def test_the_pdf_is_spanish_when_the_terminal_speaks_english(tmp_path, monkeypatch, capsys):
    from pypdf import PdfReader

    from app.cli.main import main

    monkeypatch.setenv("CUADRE_LANG", "en_US.UTF-8")
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "datos"))
    out = tmp_path / "resumen.pdf"
    assert main(["report", "--demo", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Report written to" in said  # the terminal in English
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Resumen para la gerencia" in text
    # What the engine would have said in English: stock statuses, why a customer may not be
    # contacted (Ley 1581).
    assert "Vendido" in text and "Ley 1581" in text
    for english in ("Sold", "Available", "There is no dated", "cannot be"):
        assert english not in text
