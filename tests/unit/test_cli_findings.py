"""``cuadre findings`` and ``cuadre period`` end to end in this process (issue 15, items 2–4):
the listing and its filters, assign / explain / reopen with codes or Spanish words, the
candidates and a manual match with its reason, a period certified and signed off by two
people, exit codes (0 done, 1 refused by the state, 2 wrong request, 3 not permitted), every
action in the audit trail, JSON for programs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from support.proposals import erp_pay, pay, report

from app.cli.main import main
from app.store import open_store
from app.store.models import AuditRow
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def march(*, p2_paid: bool = False):
    """March 2026: P2 ($ 900.000) and P4 ($ 300.000) paid in the CRM without a receipt, unless
    P2 is paid; receipt 9 ($ 299.000, a $ 1.000 bank fee less than P4) without a CRM payment."""
    crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4)),
           pay("P4", receipt="RC-4", invoice="FEB-4", amount="300000", paid=date(2026, 3, 9))]
    erp = [erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="299000", paid=date(2026, 3, 10))]
    if p2_paid:
        erp.append(erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000",
                           paid=date(2026, 3, 4)))
    return report(payments=(crm, erp))


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    address = f"sqlite:///{tmp_path / 'espacio.sqlite'}"
    monkeypatch.setenv("CUADRE_STORE", address)
    for name in ("CUADRE_USER", "CUADRE_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    with open_store(address) as store:
        add_person(store, None, "admin", "Administración", ["admin"])
        add_person(store, "admin", "ana", "Ana", ["proposer"])
        add_person(store, "admin", "carla", "Carla", ["approver"])
        add_person(store, "admin", "dora", "Dora", ["auditor"])
        save_run(store, "ana", march(), "prueba", WS)
    return address


@pytest.fixture
def cuadre(capsys, store_url):
    def call(*args: Any) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


def plain(text: str) -> str:
    """Output with the non-breaking space of money amounts as a space."""
    return text.replace("\xa0", " ")


def listed(cuadre, *options: str) -> dict[str, dict[str, Any]]:
    ran = cuadre("findings", "list", "--json", *options)
    assert ran.code == 0, ran.err
    return {f["records"]: f for f in _with_records(ran.json()["findings"])}


def _with_records(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**f, "records": " ".join([*f["crm_ids"], *f["erp_ids"]])} for f in found]


def trail(url: str) -> list[tuple[str, str]]:
    with open_store(url) as store, store.read() as s:
        return [(r.action, r.actor) for r in s.scalars(select(AuditRow).order_by(AuditRow.seq))
                if r.action.startswith(("finding_", "period_"))]


def test_listing_says_state_owner_age_and_pesos(cuadre):
    ran = cuadre("findings", "list")
    assert ran.code == 0, ran.err
    head, *rows = [line for line in plain(ran.out).splitlines() if line.strip()]
    for column in ("Hallazgo", "Estado", "Entidad", "Diferencia", "En juego", "Responsable",
                   "Días"):
        assert column in head
    assert any("Abierta" in r and "$ 900.000" in r and "CRM P2" in r for r in rows)
    assert "3 hallazgos en «Concesionario Norte», $ 1.499.000 en juego." in plain(ran.out)
    found = listed(cuadre)
    assert {f["state"] for f in found.values()} == {"open"}
    assert found["P2"]["at_stake"] == "900000.00"  # exact decimals in JSON


def test_assign_explain_reopen_by_words_and_codes(cuadre, store_url):
    p2 = listed(cuadre)["P2"]["id"]
    assert cuadre("findings", "assign", p2[:8], "--to", "ana", "--as", "carla").code == 0
    assert listed(cuadre, "--state", "asignada")["P2"]["assignee"] == "ana"
    assert listed(cuadre, "--assignee", "ana").keys() == {"P2"}
    bad = cuadre("findings", "explain", p2[:8], "--reason", "timing", "--comment", "x",
                 "--as", "ana")
    assert bad.code == 2 and "motivo desconocido «timing»" in bad.err
    assert "Traceback" not in bad.err
    done = cuadre("findings", "explain", p2[:8], "--reason", "Pago en tránsito",
                  "--comment", "Consignación del 31", "--as", "ana")
    assert done.code == 0, done.err
    assert "explicado: pago en tránsito" in done.out
    assert listed(cuadre, "--state", "explicada")["P2"]["reason"] == "in_transit"
    assert cuadre("findings", "reopen", p2[:8], "--as", "ana").code == 0
    assert listed(cuadre)["P2"]["state"] == "assigned"  # back to its owner
    assert trail(store_url) == [("finding_assigned", "carla"), ("finding_explained", "ana"),
                                ("finding_reopened", "ana")]


def test_an_auditor_may_not_work_on_findings(cuadre, store_url):
    p2 = listed(cuadre)["P2"]["id"]
    refused = cuadre("findings", "assign", p2[:8], "--to", "ana", "--as", "dora")
    assert refused.code == 3, refused.err
    assert trail(store_url) == []


def test_candidates_then_a_match_within_the_bank_fee(cuadre, store_url):
    found = listed(cuadre)
    p4, receipt = found["P4"]["id"], found["9"]["id"]
    ran = cuadre("findings", "candidates", p4[:8], "--json")
    assert ran.code == 0, ran.err
    ranked = ran.json()["candidates"]
    assert ranked[0]["id"] == receipt and ranked[0]["reasons"]
    preview = cuadre("findings", "match", p4[:8], receipt[:8], "--preview", "--json").json()
    assert preview["difference"] == "1000.00" and "bank_fee" in preview["reasons"]
    made = cuadre("findings", "match", p4[:8], receipt[:8], "--reason", "comisión bancaria",
                  "--comment", "El banco cobró $ 1.000", "--as", "ana")
    assert made.code == 0, made.err
    assert "Conciliado a mano" in made.out
    assert {f["state"] for k, f in listed(cuadre).items() if k in ("P4", "9")} == {"matched"}
    with open_store(store_url) as store:  # the next run honours it
        save_run(store, "ana", march(), "prueba", WS)
    assert {f["state"] for k, f in listed(cuadre).items() if k in ("P4", "9")} == {"matched"}
    assert cuadre("findings", "unmatch", p4[:8], "--as", "ana").code == 0
    assert {f["state"] for k, f in listed(cuadre).items() if k in ("P4", "9")} == {"open"}
    assert trail(store_url) == [("finding_matched", "ana"), ("finding_unmatched", "ana")]


def test_a_period_certified_then_signed_by_another(cuadre, store_url):
    loose = cuadre("period", "certify", "--month", "2026-03", "--entity", "pagos", "--as", "ana")
    assert loose.code == 1 and "Quedan 3 hallazgos" in loose.err
    assert "--entity pagos" in loose.err
    found = listed(cuadre)
    for key in ("P2", "P4", "9"):
        assert cuadre("findings", "explain", found[key]["id"][:8], "--reason", "otro",
                      "--comment", "Revisado con tesorería", "--as", "ana").code == 0
    made = cuadre("period", "certify", "--month", "2026-03", "--entity", "pagos", "--as", "ana",
                  "--json")
    assert made.code == 0, made.err
    certificate = made.json()
    assert (certificate["state"], certificate["certified_by"]) == ("certified", "ana")
    same = cuadre("period", "signoff", certificate["id"][:8], "--as", "ana")
    assert same.code == 3 and "no puede firmar" in same.err
    signed = cuadre("period", "signoff", certificate["id"][:8], "--as", "carla")
    assert signed.code == 0, signed.err
    listing = cuadre("period", "list")
    assert listing.code == 0 and "Pagos" in listing.out and "carla" in listing.out.lower()
    with pytest.raises(SystemExit) as usage:  # the reason to reopen is required
        cuadre("period", "reopen", certificate["id"][:8], "--as", "carla")
    assert usage.value.code == 2
    assert cuadre("period", "reopen", certificate["id"][:8], "--comment", "Falta un recibo",
                  "--as", "carla").code == 0
    assert [a for a, _ in trail(store_url) if a.startswith("period_")] == [
        "period_certified", "period_signed", "period_reopened"]


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
