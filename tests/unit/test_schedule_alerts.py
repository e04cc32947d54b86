"""When a scheduled run alerts, and what the alert says."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from app.schedule.alerts import Change, KindChange, Thresholds, crossed, headline, message
from app.writeback.runs import RunView


def _run(ident: str, hour: int, findings: int, stake: str) -> RunView:
    at = datetime(2026, 12, 7, hour, 0, tzinfo=UTC)
    return RunView(ident, "Concesionario Norte", at, at, at, "gerencia", "perfil", {}, {},
                   findings, Decimal(stake), 0, "0" * 64)


def _change(new: int, pesos: str, resolved: int = 0, previous: bool = True) -> Change:
    kinds = (KindChange("vehicles", "sold_in_crm_available_in_erp", new, Decimal(pesos)),) if new else ()
    return Change("Concesionario Norte", _run("b" * 36, 11, 12, "95000000"),
                  _run("a" * 36, 10, 10, "35000000") if previous else None, new, Decimal(pesos),
                  resolved, kinds)


def test_thresholds():
    assert crossed(_change(0, "0"), Thresholds()) == []
    assert crossed(_change(1, "0"), Thresholds()) == ["1 hallazgo nuevo (umbral: 1)"]
    assert crossed(_change(2, "0"), Thresholds(findings=3)) == []
    assert crossed(_change(3, "0"), Thresholds(findings=3)) == ["3 hallazgos nuevos (umbral: 3)"]
    # Only pesos: the number of findings does not alert by itself, nor do findings with no pesos.
    assert crossed(_change(5, "0"), Thresholds(pesos=Decimal(0))) == []
    assert crossed(_change(1, "49999999"), Thresholds(pesos=Decimal(50_000_000))) == []
    assert crossed(_change(1, "50000000"), Thresholds(findings=2, pesos=Decimal(50_000_000))) == [
        "$\u00a050.000.000 en juego en hallazgos nuevos (umbral: $\u00a050.000.000)"]


def test_the_message_says_what_changed():
    change = _change(2, "60000000", resolved=1)
    assert headline(change) == "2 hallazgos nuevos ($\u00a060.000.000 en juego), 1 resuelto"
    subject, body = message(change, crossed(change, Thresholds()), "informe.pdf")
    assert subject == ("Cuadre · Concesionario Norte: 2 hallazgos nuevos ($\u00a060.000.000 en "
                       "juego), 1 resuelto")
    assert body == (
        "La conciliación programada de «Concesionario Norte» del 07/12/2026 06:00 (hora de "
        "Colombia) encontró:\n\n"
        "- Hallazgos nuevos: 2 ($\u00a060.000.000 en juego)\n"
        "- Resueltos desde la anterior: 1\n"
        "- Hallazgos en total: 12 ($\u00a095.000.000 en juego)\n"
        "- En la anterior, del 07/12/2026 05:00 (hora de Colombia): 10 ($\u00a035.000.000 en juego)\n\n"
        "Nuevos por tipo:\n"
        "- Inventario · Vendido en CRM, disponible en ERP: 2 ($\u00a060.000.000)\n\n"
        "Supera el umbral: 2 hallazgos nuevos (umbral: 1).\n\n"
        "El informe PDF va adjunto (informe.pdf).\n"
        "Conciliación guardada bbbbbbbb en el espacio de trabajo «Concesionario Norte»: «cuadre "
        "findings list» muestra los hallazgos.\n")
