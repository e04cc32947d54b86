"""``cuadre insights``: the views as tables and JSON, wrong options (exit 2), a view the sources
cannot give (exit 1), and «Crear seguimientos» from the command line (exit 3 without the
role)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.demo import DemoFiles, ensure_demo
from app.progress import run

MONEY = re.compile(r"^-?\d+\.\d{2}$")


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> DemoFiles:
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-insights")))


@pytest.fixture
def cuadre(capsys, generated, monkeypatch, tmp_path):
    """``cuadre`` in this process, on the module's demo and a store of this test."""
    monkeypatch.setenv("CUADRE_DATA_DIR", str(generated.crm.parent.parent))
    monkeypatch.setenv("CUADRE_STORE", f"sqlite:///{tmp_path / 'espacio.sqlite'}")
    monkeypatch.delenv("CUADRE_USER", raising=False)

    def call(*args: Any) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


def test_stock_as_json_with_exact_money(cuadre):
    ran = cuadre("insights", "stock", "--demo", "-q", "--json", "--slow-days", "60")
    assert ran.code == 0, ran.err
    doc = ran.json()
    assert doc["slow_days"] == 60 and doc["unavailable"] is None
    assert doc["items"] and {"vin", "days", "slow", "price", "received_on"} <= set(doc["items"][0])
    prices = [i["price"] for i in doc["items"] if i["price"] is not None]
    assert prices and all(isinstance(p, str) and MONEY.match(p) for p in prices)
    assert all(i["slow"] == (i["status"] == "available" and i["days"] is not None
                             and i["days"] > 60) for i in doc["items"])
    assert sum(m["available"] for m in doc["by_model"]) == sum(
        1 for i in doc["items"] if i["status"] == "available")


def test_stock_as_a_table(cuadre):
    ran = cuadre("insights", "stock", "--demo", "-q")
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Inventario: ") and "Disponibles por modelo:" in ran.out
    assert re.search(r"Marca y modelo\s+Disponibles\s+Días promedio", ran.out)


def test_renewal_lists_scores_with_their_reasons(cuadre):
    ran = cuadre("insights", "renewal", "--demo", "-q", "--limit", "3", "--json")
    assert ran.code == 0, ran.err
    doc = ran.json()
    assert doc["month"] == "2026-11" and len(doc["candidates"]) == 3
    for c in doc["candidates"]:
        assert c["score"] == sum(r["points"] for r in c["reasons"]) > 0
    scores = [c["score"] for c in doc["candidates"]]
    assert scores == sorted(scores, reverse=True)
    text = cuadre("insights", "renewal", "--demo", "-q", "--month", "2026-12")
    assert text.code == 0 and "renovar en diciembre de 2026" in text.out


@pytest.mark.parametrize(("args", "said"), [
    (("funnel", "--by", "color"), "agrupación desconocida «color»"),
    (("renewal", "--month", "2026-13"), "AAAA-MM"),
    (("followups", "--days", "-1"), "--days no puede ser negativo"),
    (("stock", "--slow-days", "-5"), "--slow-days no puede ser negativo"),
    (("stock",), "--demo"),  # nothing to reconcile
    (("stock", "--demo", "--profile", "Norte"), "--profile"),
])
def test_wrong_options_are_usage_errors(cuadre, args, said):
    ran = cuadre("insights", *args)
    assert ran.code == 2 and said in ran.err and "Traceback" not in ran.err
    assert ran.err.startswith("cuadre insights: ")


def test_a_view_the_sources_cannot_give_says_why_and_exits_1(cuadre, tmp_path: Path):
    stock = tmp_path / "inventario.csv"
    stock.write_text("VIN,Marca,Línea,Estado,Sede\n9BRKZAAG2NK742120,Toyota,Hilux,disponible,"
                     "Bogotá\n", encoding="utf-8")
    ran = cuadre("insights", "funnel", "--crm", stock, "--erp", stock, "--entity", "vehicles",
                 "-q")
    assert ran.code == 1 and ran.out == ""
    assert ran.err.strip() == ("cuadre insights: La fuente del CRM no entrega negocios: el embudo "
                               "no se puede calcular.")
    ok = cuadre("insights", "stock", "--crm", stock, "--erp", stock, "--entity", "vehicles", "-q")
    assert ok.code == 0 and ok.out.startswith("Inventario: 1 unidad (")


def test_proposing_follow_ups_needs_the_proposer_role(cuadre):
    assert cuadre("people", "add", "admin", "--name", "Admin", "--role", "admin").code == 0
    assert cuadre("people", "add", "dora", "--name", "Dora", "--role", "audita",
                  "--as", "admin").code == 0
    ran = cuadre("insights", "followups", "--demo", "-q", "--propose", "--as", "dora")
    assert ran.code == 3 and "no tiene el rol para proponer" in ran.err
    missing = cuadre("insights", "followups", "--demo", "-q", "--propose")
    assert missing.code == 2 and "--as" in missing.err


def test_follow_ups_as_a_table_and_as_json(cuadre):
    ran = cuadre("insights", "followups", "--demo", "-q", "--days", "7")
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Seguimientos posventa para los próximos 7 días: ")
    assert re.search(r"Fecha\s+Tipo\s+VIN\s+Modelo\s+Sede\s+Cliente", ran.out)
    doc = cuadre("insights", "followups", "--demo", "-q", "--json").json()
    assert doc["window_days"] == 30 and doc["due"] and doc["covered"] > 0
    assert {d["kind"] for d in doc["due"]} == {"anniversary", "first_service", "soat",
                                              "insurance"}
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}$", d["due_on"]) for d in doc["due"])
    assert all(d["blocked_reason"] for d in doc["due"] if not d["contact_allowed"])
    week = [d for d in doc["due"] if d["due_on"] <= "2026-11-27"]
    assert f"{len(week)} por hacer" in ran.out


def test_the_funnel_by_branch_and_month_as_json(cuadre):
    doc = cuadre("insights", "funnel", "--demo", "-q", "--by", "mes,sede", "--json").json()
    assert doc["by"] == ["source", "month", "branch"]
    assert all(MONEY.match(r["revenue"]) and MONEY.match(r["revenue_paid"]) for r in doc["rows"])
    assert all(re.match(r"^0\.\d{4}$|^1\.0000$", r["conversion"]) for r in doc["rows"])
    assert doc["sold_not_invoiced"] > 0
    text = cuadre("insights", "funnel", "--demo", "-q")
    assert text.code == 0 and "Conversión" in text.out
    assert f"{doc['sold_not_invoiced']} negocios «Vendido» en el CRM no tienen factura" in text.out


def test_proposing_follow_ups_goes_through_maker_checker(cuadre):
    assert cuadre("people", "add", "admin", "--name", "Admin", "--role", "admin").code == 0
    assert cuadre("people", "add", "ana", "--name", "Ana", "--role", "propone",
                  "--as", "admin").code == 0
    due = cuadre("insights", "followups", "--demo", "-q", "--json").json()["due"]
    allowed = [d for d in due if d["contact_allowed"]]
    ran = cuadre("insights", "followups", "--demo", "-q", "--propose", "--as", "ana", "--json")
    assert ran.code == 0, ran.err
    doc = ran.json()
    assert len(doc["created"]) == len(allowed) > 0
    assert len(doc["skipped"]) == len(due) - len(allowed)
    assert all(c["entity"] == "followups" and c["system"] == "crm" and c["state"] == "proposed"
               and c["proposer"] == "ana" and c["workspace"] == "Demostración"
               for c in doc["created"])
    assert all(s["reason"] for s in doc["skipped"])
    # Proposed again: nothing new, each one is already standing.
    again = cuadre("insights", "followups", "--demo", "-q", "--propose", "--as", "ana")
    assert again.code == 0, again.err
    assert "0 seguimientos propuestos" in again.out and "Ya hay un seguimiento igual" in again.out
    listed = cuadre("corrections", "list", "--state", "propuesta", "--json").json()
    assert sum(1 for c in listed if c["entity"] == "followups") == len(allowed)


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
