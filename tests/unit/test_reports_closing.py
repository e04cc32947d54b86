"""Closing a period in the manager's PDF (issue 15, item 4): «Cierres del periodo» lists every
certification of the workspace — month, branch, entity, run, counts and pesos per state, who
certified and signed and when, or «pendiente de firma», the audit head, and a reopening with
who, when and why — and ``cuadre report --period ID`` makes the certificate the first page, a
page to sign. The figures are read back from the PDF and compared with
:meth:`Certificate.to_json`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from support.proposals import erp_pay, pay, report

from app.cli.main import main
from app.cli.report import closings_of
from app.domain.labels import FINDING_STATE_LABELS
from app.domain.moments import moment_text
from app.domain.values import format_cop, format_count
from app.findings import work
from app.findings.periods import certify, periods, reopen, signoff
from app.findings.views import findings
from app.insights.model import (
    FollowupsResult,
    FunnelResult,
    Insights,
    RenewalResult,
    StockHealth,
)
from app.reports.closing import Closings
from app.reports.pdf import manager_summary
from app.store import open_store
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"
CALI = "Cali - Pasoancho"
GENERATED = datetime(2026, 11, 20, 20, 5, tzinfo=UTC)
NAMES = {"ana": "Ana Gómez", "carla": "Carla Ruiz", "admin": "Administración"}


@pytest.fixture(autouse=True)
def bogota(monkeypatch):
    monkeypatch.setenv("TZ", "America/Bogota")


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", NAMES["admin"], ["admin"])
        add_person(opened, "admin", "ana", NAMES["ana"], ["proposer"])
        add_person(opened, "admin", "carla", NAMES["carla"], ["approver"])
        yield opened


def _march():
    """March 2026: P2 ($ 900.000, Bogotá) paid at last; receipt 9 ($ 700.000, Bogotá) with no
    CRM payment; P4 ($ 300.000, Cali) with no receipt."""
    crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4)),
           pay("P4", receipt="RC-4", invoice="FEC-4", amount="300000", paid=date(2026, 3, 28),
               branch=CALI)]
    erp = [erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="700000", paid=date(2026, 3, 5))]
    paid = [*erp, erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000",
                          paid=date(2026, 3, 4))]
    return report(payments=(crm, erp)), report(payments=(crm, paid))


def _of(store, record):
    return next(v for v in findings(store, WS, resolved=True)
                if record in (*v.crm_ids, *v.erp_ids))


@pytest.fixture
def closed(store):
    """March certified by ana and signed off by carla; Cali's March certified, then reopened."""
    first, second = _march()
    save_run(store, "ana", first, "prueba", WS)
    save_run(store, "ana", second, "prueba", WS)
    work.explain(store, "ana", WS, _of(store, "P4").id, "in_transit", "Consignación del 31")
    cali = certify(store, "ana", WS, "2026-03", "payments", CALI)
    reopen(store, "carla", cali.id, "Falta el soporte de la consignación")
    work.explain(store, "ana", WS, _of(store, "9").id, "typo", "Recibo de otro negocio")
    made = certify(store, "ana", WS, "2026-03", "payments", comment="Marzo cuadrado")
    return signoff(store, "carla", made.id, "Revisado")


def _insights() -> Insights:
    gone = "sin datos en esta prueba"
    return Insights(date(2026, 11, 20), (), (), FollowupsResult(30, (), 0, unavailable=gone),
                    FunnelResult(("source",), (), 0, unavailable=gone),
                    StockHealth(90, (), (), (), 0, unavailable=gone),
                    RenewalResult("2026-11", (), unavailable=gone), {})


def _pages(path) -> list[str]:
    """Each page's text on one line, non-breaking spaces as spaces."""
    return [" ".join(page.extract_text().replace("\u00a0", " ").split())
            for page in PdfReader(path).pages]


def _pdf(tmp_path, store, first=None) -> list[str]:
    path = tmp_path / "cierre.pdf"
    manager_summary(path, _insights(), dealership="Autos del Norte", generated_at=GENERATED,
                    audit_head=None, closings=Closings(periods(store, WS), first, NAMES))
    return _pages(path)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _state_rows(js: dict, *, every: bool) -> list[str]:
    """«Explicada 2 $ 1.000.000»: a row of the certificate's table, from its JSON."""
    return [_plain(f"{FINDING_STATE_LABELS[s]} {format_count(n)} "
                   f"{format_cop(Decimal(js['pesos'][s]))}")
            for s, n in js["counts"].items() if n or every]


def test_the_first_page_is_the_certificate_with_its_figures(tmp_path, store, closed):
    js = closed.to_json()
    pages = _pdf(tmp_path, store, closed)
    page = pages[0]
    assert "Certificado de cierre — Pagos de marzo de 2026, todas las sedes" in page
    assert "Resumen para la gerencia" not in page  # the report starts on the next page
    assert "Resumen para la gerencia — Autos del Norte" in pages[1]
    assert f"cierre {js['id']}" in page and "estado: firmado" in page
    assert f"Conciliación certificada: {js['run']}" in page
    assert (f"Hallazgos del periodo: {format_count(js['total'])}, con "
            f"{_plain(format_cop(Decimal(js['at_stake'])))} en juego") in page
    rows = _state_rows(js, every=True)
    assert len(rows) == 5  # every state a period may be settled in, even with none
    for row in rows:
        assert row in page
    assert _plain(f"Total {format_count(js['total'])} {format_cop(Decimal(js['at_stake']))}") \
        in page
    assert js["counts"] == {"explained": 2, "correction_approved": 0, "correction_sent": 0,
                            "matched": 0, "resolved": 1}
    certified = moment_text(datetime.fromisoformat(js["certified_at"]))
    signed = moment_text(datetime.fromisoformat(js["signed_at"]))
    assert "(hora de Colombia)" in certified
    assert f"Certificó (propone): Ana Gómez (ana), {certified}" in page
    assert f"Firmó (aprueba): Carla Ruiz (carla), {signed}" in page
    assert "Comentario: «Marzo cuadrado»" in page
    for anchor in (js["certified_anchor"], js["signed_anchor"]):
        assert f"cuadre audit verify --anchor {anchor}" in page
    assert f"sha256:{js['certificate_hash']}" in page
    assert page.count("__________") >= 2  # two lines to sign on


def test_a_certificate_waiting_for_its_signature_says_so(tmp_path, store, closed):
    reopen(store, "admin", closed.id, "Se revisa de nuevo")
    again = certify(store, "ana", WS, "2026-03", "payments")
    page = _pdf(tmp_path, store, again)[0]
    assert "Firma (aprueba): pendiente de firma" in page
    assert "estado: certificado" in page
    assert f"cuadre audit verify --anchor {again.certified_anchor}" in page
    assert "Firmó (aprueba)" in page and "Carla" not in page  # nobody signed this one yet


def test_the_section_lists_every_closing_and_says_who_reopened(tmp_path, store, closed):
    pages = _pdf(tmp_path, store)
    assert "Certificado de cierre" not in pages[0]  # no --period: no certificate page
    text = " ".join(pages)
    section = text[text.index("Cierres del periodo"):text.index("Cadena de auditoría")]
    assert "2 cierres en el espacio de trabajo (1 vigente)" in section
    signed, cali = closed.to_json(), periods(store, WS)[1].to_json()
    assert cali["branch"] == CALI and cali["state"] == "reopened"
    assert f"Pagos de marzo de 2026, todas las sedes — Firmado · cierre {signed['id'][:8]}" \
        in section
    assert f"Pagos de marzo de 2026, {CALI} — Reabierto · cierre {cali['id'][:8]}" in section
    reopened_at = moment_text(datetime.fromisoformat(cali["reopened_at"]))
    assert (f"Reabierto por Carla Ruiz (carla), {reopened_at}: «Falta el soporte de la "
            "consignación»") in section
    assert "Firma (aprueba): no se firmó antes de reabrirlo" in section  # Cali was not signed
    assert "pendiente de firma" not in section
    for js in (signed, cali):
        assert f"Conciliación certificada: {js['run']}" in section
        seq, digest = js["certified_anchor"].split(":")
        assert f"Auditoría al certificar: fila {seq}, huella {digest}" in section
        for row in _state_rows(js, every=False):
            assert row in section
    seq, digest = signed["signed_anchor"].split(":")
    assert f"Auditoría al firmar: fila {seq}, huella {digest}" in section


def test_without_closings_there_is_no_section(tmp_path, store):
    text = " ".join(_pdf(tmp_path, store))
    assert "Cierres del periodo" not in text and "Certificado de cierre" not in text


def test_the_command_names_a_closing_by_a_short_id(store, closed):
    chosen = closings_of(store, WS, closed.id[:8].upper())
    assert chosen.first == closed
    assert [c.id for c in chosen.certificates] == [c.id for c in periods(store, WS)]
    assert chosen.who("carla") == "Carla Ruiz (carla)"
    from app.cli.common import UsageError

    with pytest.raises(UsageError, match="no hay ningún cierre con el id «ffffffff»"):
        closings_of(store, WS, "ffffffff")
    with pytest.raises(UsageError, match="es del espacio de trabajo «Concesionario Norte» y "
                                         "este informe es de «Otro»"):
        closings_of(store, "Otro", closed.id)


@pytest.mark.parametrize(("out", "store_given", "said"), [
    ("resumen.xlsx", True, "el informe debe ser .pdf"),
    ("resumen.pdf", False, "indique --store o CUADRE_STORE"),
])
def test_period_needs_a_pdf_and_a_store(tmp_path, capsys, out, store_given, said):
    store = ["--store", f"sqlite:///{tmp_path / 'w.sqlite'}"] if store_given else []
    code = main(["report", "--demo", "--out", str(tmp_path / out), "--period", "abcdef12",
                 *store])
    assert code == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / out).exists()


@pytest.mark.slow
def test_cuadre_report_period_on_the_demo(tmp_path, capsys):
    """End to end: the demo saved in a workspace, its smallest period settled, certified by
    ana and signed by carla; ``cuadre report --demo --period`` (a short id) opens with it."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    for login, name, role in (("admin", "Administración", "admin"), ("ana", NAMES["ana"], "proposer"),
                              ("carla", NAMES["carla"], "approver")):
        assert main(["people", "add", login, "--name", name, "--role", role, "--store", url,
                     "--as", "admin"]) == 0
    assert main(["workspace", "reconcile", "--demo", "--store", url, "--as", "ana", "-q"]) == 0
    with open_store(url) as opened:
        workspace = "Demostración"
        every = findings(opened, workspace, resolved=True)
        cells = {}
        for v in every:
            if v.month < "2026-11":
                cells.setdefault((v.month, v.entity, v.branch or ""), []).append(v)
        (month, entity, branch), views = min(cells.items(), key=lambda kv: (len(kv[1]), kv[0]))
        for v in views:
            work.explain(opened, "ana", workspace, v.id, "other", "Revisado a mano")
        made = certify(opened, "ana", workspace, month, entity, branch)
        signed = signoff(opened, "carla", made.id).to_json()
    out = tmp_path / "cierre.pdf"
    capsys.readouterr()
    assert main(["report", "--demo", "--store", url, "--out", str(out), "--period",
                 made.id[:8], "-q"]) == 0
    page = _pages(out)[0]
    assert f"cierre {signed['id']}" in page and f"Conciliación certificada: {signed['run']}" in page
    for row in _state_rows(signed, every=True):
        assert row in page
    assert "Firmó (aprueba): Carla Ruiz (carla), " in page
    assert f"cuadre audit verify --anchor {signed['signed_anchor']}" in page


def test_the_workbook_has_the_closings_with_the_certificates_figures(tmp_path, store, closed):
    from openpyxl import load_workbook

    from app.reports.xlsx import insights_sheets
    from app.security.spreadsheets import write_workbook

    path = tmp_path / "cierre.xlsx"
    write_workbook(path, insights_sheets(_insights(), dealership="Autos del Norte",
                                         generated_at=GENERATED, audit_head=None,
                                         closings=Closings(periods(store, WS), None, NAMES)))
    sheet = load_workbook(path)["Cierres del periodo"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(values) if r and r[0] == "Cierre")
    header, rows = values[at], [r for r in values[at + 1:] if r and r[0]]
    by = [dict(zip(header, r, strict=True)) for r in rows]
    signed, cali = closed.to_json(), periods(store, WS)[1].to_json()
    for js, state in ((signed, "Firmado"), (cali, "Reabierto")):
        mine = [r for r in by if r["Cierre"] == js["id"]]
        assert {r["Estado del cierre"] for r in mine} == {state}
        assert {r["Conciliación"] for r in mine} == {js["run"]}
        assert {r["Auditoría al certificar"] for r in mine} == {js["certified_anchor"]}
        total = next(r for r in mine if r["Estado de los hallazgos"] == "Total")
        assert (total["Hallazgos"], Decimal(str(total["Pesos en juego"]))) == (
            js["total"], Decimal(js["at_stake"]))
        states = {r["Estado de los hallazgos"]: (r["Hallazgos"], Decimal(str(r["Pesos en juego"])))
                  for r in mine if r["Estado de los hallazgos"] != "Total"}
        assert states == {FINDING_STATE_LABELS[s]: (n, Decimal(js["pesos"][s]))
                          for s, n in js["counts"].items() if n}
    signed_row = next(r for r in by if r["Cierre"] == signed["id"])
    assert signed_row["Firmó"] == "Carla Ruiz (carla)"
    assert signed_row["Auditoría al firmar"] == signed["signed_anchor"]
    cali_row = next(r for r in by if r["Cierre"] == cali["id"])
    assert (cali_row["Firmó"], cali_row["Reabierto por"]) == ("—", "Carla Ruiz (carla)")


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
