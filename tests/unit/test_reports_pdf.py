"""The manager's PDF (app/reports/pdf.py) read back as text with pypdf: the dealership, the
date, the differences by kind and branch in es-CO pesos, the top items, the follow-ups, the
funnel, stock and renewals, and the audit chain's head tied to ``cuadre audit verify``. And
the audit head it prints (app/audit/log.head)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.audit import verify
from app.audit.log import Anchor, head
from app.domain.schema import Entity
from app.insights.model import (
    FollowupDue,
    FollowupsResult,
    FunnelResult,
    FunnelRow,
    Insights,
    KindBranchRow,
    ModelStock,
    Reason,
    RenewalCandidate,
    RenewalResult,
    StockHealth,
    StockItem,
    TrendPoint,
)
from app.reconcile.results import EntityResult, Mismatch, Report
from app.reports import parse_head
from app.reports.pdf import manager_summary, top_findings
from app.store import open_store
from app.store.chain import append
from app.store.values import GENESIS

TODAY = date(2026, 11, 20)
GENERATED = datetime(2026, 11, 20, 20, 5, tzinfo=UTC)  # 15:05 in Bogotá
HASH = "3f9a" * 16
NBSP = "\u00a0"


def _insights(*, trend: bool = True) -> Insights:
    mismatches = (
        KindBranchRow("payments", "amount_differs", "Bogotá - Autopista Norte", 12,
                      Decimal("45600000")),
        KindBranchRow("payments", "amount_differs", "Cali - Pasoancho", 5, Decimal("12300000")),
        KindBranchRow("customers", "phone_differs", "Sin sede", 40, Decimal(0)),
    )
    points = tuple(TrendPoint(f"r{n}", datetime(2026, 10, 1 + 7 * n, tzinfo=UTC), "payments",
                              "amount_differs", 20 - n, Decimal(1000000 * n))
                   for n in range(3)) if trend else ()
    due = tuple(FollowupDue(f"9BWZZZ377VT{n:06d}", f"7912{n:04d}", f"Cliente Posventa {n}",
                            ("soat", "anniversary")[n % 2], TODAY + timedelta(days=n),
                            TODAY - timedelta(days=360), "Cali - Pasoancho", "Toyota Hilux",
                            "Un año desde la entrega", n != 1,
                            None if n != 1 else "sin autorización de datos")
                for n in range(20))
    funnel = FunnelResult(("source",), (
        FunnelRow("Facebook", None, None, 40, 20, 10, 8, 6, Decimal("760000000"),
                  Decimal("570000000")),
        FunnelRow("Visita a sala", None, None, 25, 20, 15, 14, 12, Decimal("1330000000"),
                  Decimal("1140000000"))), sold_not_invoiced=2)
    items = (StockItem("9BRBLWHEXK0123456", "Toyota", "Corolla", 2025, "Cali - Pasoancho",
                       "available", TODAY - timedelta(days=200), 200, Decimal("98000000"), True),
             StockItem("9BRBLWHEXK0654321", "Toyota", "Hilux", 2026, "Cali - Pasoancho",
                       "available", TODAY - timedelta(days=10), 10, Decimal("180000000"), False))
    stock = StockHealth(90, items, (ModelStock("Toyota", "Hilux", None, 5, Decimal(40), 120),),
                        (), undated=0)
    renewal = RenewalResult("2026-11", (RenewalCandidate(
        "80123", "Marta Lucía Ríos", "VINREN", "Mazda CX-5", "Cali - Pasoancho", 85,
        (Reason(30, "El crédito termina el 12/12/2026 (+30)"),
         Reason(25, "Vehículo de 5 años (+25)"))),))
    return Insights(TODAY, mismatches, points, FollowupsResult(30, due, covered=3), funnel, stock,
                    renewal, {"crm": "demo CRM (crm_demo.sqlite)", "erp": "demo ERP (erp_demo.sqlite)"})


def _text(path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def _plain(text: str) -> str:
    """One line, non-breaking spaces as spaces: what a sentence searched for looks like."""
    return " ".join(text.replace(NBSP, " ").split())


def test_the_summary_says_who_when_what_and_the_audit_head(tmp_path):
    path = tmp_path / "resumen.pdf"
    manager_summary(path, _insights(), dealership="Autos del Valle S.A.S.",
                    generated_at=GENERATED, audit_head=f"42:{HASH}")
    assert path.read_bytes().startswith(b"%PDF-")
    text = _plain(_text(path))
    assert "Resumen para la gerencia — Autos del Valle S.A.S." in text
    assert "Generado el 20/11/2026 15:05" in text
    assert "demo CRM (crm_demo.sqlite)" in text
    assert "Valor distinto" in text and "Teléfono distinto" in text  # kind labels
    assert "$ 57.900.000" in text  # the pesos at stake of «Valor distinto», es-CO
    assert "Bogotá - Autopista Norte" in text
    assert "Renovación del SOAT" in text and "Cliente Posventa 0" in text
    assert "sin autorización de datos" in text
    assert "… y 5 más" in text  # 20 follow-ups, the first 15 listed
    assert "Visita a sala" in text and "56,0 %" in text  # 14 invoiced of 25 leads
    assert "9BRBLWHEXK0123456" in text  # the slow mover
    assert "Marta Lucía Ríos" in text and "El crédito termina el 12/12/2026 (+30)" in text
    assert "42 filas" in text and HASH in text
    assert f"cuadre audit verify --anchor 42:{HASH}" in text
    assert "Auditoría: 3f9a3f9a3f9a…" in text  # every page's footer
    assert "Página 2" in text


def test_without_a_store_it_says_there_is_no_chain_and_no_trend(tmp_path):
    path = tmp_path / "resumen.pdf"
    manager_summary(path, _insights(trend=False), dealership="Concesionario",
                    generated_at=GENERATED, audit_head=None)
    text = _plain(_text(path))
    assert "Sin almacén de trabajo: no hay cadena de auditoría." in text
    assert "Sin tendencia: sin almacén de trabajo" in text
    assert "Sin cadena de auditoría" in text  # the footer


def test_an_empty_trail_is_said_to_be_empty(tmp_path):
    path = tmp_path / "resumen.pdf"
    manager_summary(path, _insights(trend=False), dealership="Concesionario",
                    generated_at=GENERATED, audit_head=f"0:{GENESIS}")
    text = _plain(_text(path))
    assert "estaba vacío (0 filas)" in text
    assert "--anchor" not in text
    assert "aún no tiene conciliaciones guardadas" in text


def test_views_that_could_not_be_computed_say_why(tmp_path):
    from dataclasses import replace

    insights = replace(_insights(), funnel=FunnelResult(
        ("source",), (), 0, unavailable="La fuente del ERP no entrega facturas."))
    path = tmp_path / "resumen.pdf"
    manager_summary(path, insights, dealership="Concesionario", generated_at=GENERATED,
                    audit_head=None)
    assert "No disponible: La fuente del ERP no entrega facturas." in _plain(_text(path))


def _report() -> Report:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    payments = EntityResult(Entity.PAYMENTS, mismatches=[
        Mismatch("amount_differs", "c1", "e1", key="RC-0001", field="amount",
                 crm_amount=Decimal("1000000"), erp_amount=Decimal("1500000"),
                 at_stake=Decimal("500000"), branch="Cali"),
        Mismatch("crm_payment_without_receipt", "c2", None, key="RC-0002",
                 at_stake=Decimal("9800000"), branch="Bogotá"),
        Mismatch("date_differs", "c3", "e3", key="RC-0003"),  # no pesos at stake
    ])
    vehicles = EntityResult(Entity.VEHICLES, mismatches=[
        Mismatch("sold_in_crm_available_in_erp", "v1", "v1", key="9BRBLWHEXK0999999",
                 field="status", crm_value="sold", erp_value="available",
                 at_stake=Decimal("120000000"), branch="Cali")])
    return Report(now, now, {}, {Entity.PAYMENTS: payments, Entity.VEHICLES: vehicles})


def test_top_findings_are_those_with_most_pesos_at_stake():
    found = top_findings(_report(), 2)
    assert [(e, m.key) for e, m in found] == [(Entity.VEHICLES, "9BRBLWHEXK0999999"),
                                              (Entity.PAYMENTS, "RC-0002")]
    assert len(top_findings(_report(), 10)) == 3  # the one with no pesos is left out


def test_the_top_items_come_from_the_report(tmp_path):
    path = tmp_path / "resumen.pdf"
    manager_summary(path, _insights(), dealership="Concesionario", generated_at=GENERATED,
                    audit_head=None, report=_report(), top=2)
    text = _plain(_text(path))
    assert "Las 2 diferencias con más pesos en juego" in text
    assert "9BRBLWHEXK0999999" in text and "RC-0002" in text and "RC-0001" not in text
    assert "Vendido" in text and "Disponible" in text  # statuses in Spanish
    assert "$ 120.000.000" in text


def test_a_folder_that_does_not_exist_fails_and_writes_nothing(tmp_path):
    target = tmp_path / "no-existe" / "resumen.pdf"
    with pytest.raises(OSError):
        manager_summary(target, _insights(), dealership="X", generated_at=GENERATED,
                        audit_head=None)
    assert not target.parent.exists()


def test_a_failure_midway_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "resumen.pdf"
    path.write_bytes(b"%PDF-anterior")

    def broken(*_args, **_kwargs):
        raise RuntimeError("sin memoria")

    monkeypatch.setattr("app.reports.charts.png_bytes", broken)
    with pytest.raises(RuntimeError):
        manager_summary(path, _insights(), dealership="X", generated_at=GENERATED,
                        audit_head=None)
    assert path.read_bytes() == b"%PDF-anterior"
    assert [p.name for p in tmp_path.iterdir()] == ["resumen.pdf"]


@pytest.mark.parametrize(("text", "rows", "anchor"), [
    (f"42:{HASH}", 42, f"42:{HASH}"),
    (HASH, None, None),
    (f"0:{GENESIS}", 0, None),
])
def test_parse_head(text, rows, anchor):
    parsed = parse_head(text)
    assert parsed is not None and parsed.rows == rows and parsed.anchor == anchor
    assert parse_head(None) is None and parse_head("  ") is None


def test_the_audit_head_is_the_rows_and_the_last_hash(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        assert head(store) == Anchor(0, GENESIS)
        with store.write() as session:
            append(session, actor="sistema", action="prueba")
            last = append(session, actor="sistema", action="prueba", comment="segunda")
        assert head(store) == Anchor(2, last.hash)
        assert head(store) == verify(store).anchor()
