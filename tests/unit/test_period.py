"""Closing a period (issue 15, item 4): a month × branch × entity is certified by who proposes
once every finding in it is explained, corrected, matched or resolved, and signed off by a
different person who approves (the service refuses the same person, and so does the store);
the certificate records the run, counts, pesos, both people, times and the audit head; while
closed its findings stay as certified; reopening is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text, update
from support.proposals import erp_pay, pay, person, report

from app.audit import verify
from app.audit.log import Anchor
from app.domain.values import in_bogota
from app.findings import FindingError, FindingState, InvalidState, NotPermitted, work
from app.findings.matching import match
from app.findings.periods import (
    certificate,
    certify,
    get_certificate,
    periods,
    reopen,
    signoff,
)
from app.findings.views import findings
from app.store import open_store
from app.store.models import AuditRow, RunRow
from app.writeback.people import add_person
from app.writeback.runs import save_run

WS = "Concesionario Norte"
CALI = "Cali - Pasoancho"


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        add_person(opened, None, "admin", "Administración", ["admin"])
        add_person(opened, "admin", "ana", "Ana", ["proposer"])
        add_person(opened, "admin", "beto", "Beto", ["proposer", "approver"])
        add_person(opened, "admin", "carla", "Carla", ["approver"])
        yield opened


def march(*, p2_paid: bool = False, p4: bool = True):
    """March 2026: P2 (Bogotá, $ 900.000) without a receipt unless ``p2_paid``; receipt 9
    (Bogotá, $ 700.000) without a CRM payment; P4 (Cali, $ 300.000) without a receipt; and an
    April payment P5 without a receipt (another month)."""
    crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4)),
           pay("P5", receipt="RC-5", invoice="FEB-5", amount="100000", paid=date(2026, 4, 1))]
    if p4:
        crm.append(pay("P4", receipt="RC-4", invoice="FEC-4", amount="300000",
                       paid=date(2026, 3, 28), branch=CALI))
    erp = [erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="700000", paid=date(2026, 3, 5))]
    if p2_paid:
        erp.append(erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000",
                           paid=date(2026, 3, 4)))
    return report(payments=(crm, erp))


def of(store, record):
    return next(v for v in findings(store, WS, resolved=True) if record in (*v.crm_ids,
                                                                             *v.erp_ids))


def settle_march(store):
    """Explain receipt 9 and P4: March is settled (P2 is gone with its receipt)."""
    work.explain(store, "ana", WS, of(store, "9").id, "typo", "Recibo de otro negocio")
    work.explain(store, "ana", WS, of(store, "P4").id, "in_transit", "Consignación del 31")


@pytest.fixture
def run(store):
    save_run(store, "ana", march(), "prueba", WS)
    return save_run(store, "ana", march(p2_paid=True), "prueba", WS)


def test_a_period_is_certified_once_settled_and_signed_off_by_another(store, run):
    with pytest.raises(InvalidState, match="Quedan 2 hallazgos") as refused:
        certify(store, "ana", WS, "2026-03", "payments")
    assert refused.value.code == "findings_open"
    settle_march(store)
    made = certify(store, "ana", WS, "2026-03", "payments", comment="Marzo cuadrado")
    assert (made.state, made.run_id, made.certified_by, made.comment) == (
        "certified", run.id, "ana", "Marzo cuadrado")
    assert made.total == 3 and made.at_stake == Decimal("1900000")
    assert made.counts() == {"explained": 2, "correction_approved": 0, "correction_sent": 0,
                             "matched": 0, "resolved": 1}
    assert made.pesos()["explained"] == Decimal("1000000")
    assert made.pesos()["resolved"] == Decimal("900000")
    assert sorted(f[0] for f in made.body["findings"]) == sorted(
        of(store, r).id for r in ("P2", "9", "P4"))  # April's P5 is not March's
    seq, digest = made.certified_anchor.split(":")
    assert verify(store, [Anchor(int(seq), digest)]).ok
    with pytest.raises(NotPermitted, match="«ana» no puede firmar"):
        signoff(store, "ana", made.id)
    with pytest.raises(NotPermitted, match="«beto» certificó este periodo"):
        signoff(store, "beto", certify_again(store, made))
    signed = signoff(store, "carla", get_latest(store).id, "Revisado")
    assert (signed.state, signed.signed_by) == ("signed", "carla")
    assert signed.signed_anchor and signed.signed_anchor != signed.certified_anchor
    assert certificate(store, WS, "2026-03", "payments") == signed
    with store.read() as s:
        trail = [(r.action, r.actor) for r in s.scalars(select(AuditRow).where(
            AuditRow.action.startswith("period_", autoescape=True)).order_by(AuditRow.seq))]
    assert trail == [("period_certified", "ana"), ("period_reopened", "carla"),
                     ("period_certified", "beto"), ("period_signed", "carla")]


def certify_again(store, made):
    """Reopen ``made`` and have beto (who proposes and approves) certify it: his own."""
    reopen(store, "carla", made.id, "Beto lo certifica")
    return certify(store, "beto", WS, "2026-03", "payments").id


def get_latest(store):
    return periods(store, WS)[0]


def test_the_store_itself_refuses_one_person_certifying_and_signing(store, run):
    settle_march(store)
    made = certify(store, "beto", WS, "2026-03", "payments")
    with pytest.raises(Exception, match="CHECK"), store.write() as s:
        s.execute(text("UPDATE periods SET state = 'signed', signed_by = certified_by "
                       "WHERE id = :id"), {"id": made.id})
    assert get_certificate(store, made.id).state == "certified"


def test_a_period_holds_its_branch_and_month(store, run):
    work.explain(store, "ana", WS, of(store, "P4").id, "in_transit", "Consignación del 31")
    cali = certify(store, "ana", WS, "2026-03", "payments", CALI)
    assert [f[0] for f in cali.body["findings"]] == [of(store, "P4").id]
    assert cali.period.words() == f"Pagos 2026-03, {CALI}"
    with pytest.raises(InvalidState, match="ya está certificado"):
        certify(store, "ana", WS, "2026-03", "payments", CALI)
    with pytest.raises(InvalidState, match="Quedan 1 hallazgos"):
        certify(store, "ana", WS, "2026-03", "payments")  # every branch: receipt 9 is open
    with pytest.raises(InvalidState, match="Quedan 1 hallazgos"):
        certify(store, "ana", WS, "2026-04", "payments")


def test_while_closed_its_findings_stay_as_certified(store, run):
    settle_march(store)
    made = certify(store, "ana", WS, "2026-03", "payments")
    nine = of(store, "9").id
    for attempt in (lambda: work.reopen(store, "ana", WS, nine),
                    lambda: work.assign(store, "ana", WS, nine, "carla"),
                    lambda: work.explain(store, "ana", WS, nine, "other", "otra cosa")):
        with pytest.raises(InvalidState, match="está cerrado") as refused:
            attempt()
        assert refused.value.code == "period_closed"
    # April is not closed.
    work.assign(store, "ana", WS, of(store, "P5").id, "carla")
    with pytest.raises(NotPermitted, match="«ana» no puede reabrir un periodo"):
        reopen(store, "ana", made.id, "x")
    with pytest.raises(FindingError, match="Diga por qué"):
        reopen(store, "carla", made.id, " ")
    opened = reopen(store, "admin", made.id, "Falta un soporte")
    assert (opened.state, opened.reopened_by, opened.reopen_comment) == (
        "reopened", "admin", "Falta un soporte")
    assert certificate(store, WS, "2026-03", "payments") is None
    assert work.reopen(store, "ana", WS, nine).state is FindingState.OPEN
    with pytest.raises(InvalidState, match="ya estaba reabierto"):
        reopen(store, "admin", made.id, "otra vez")


def test_sign_off_is_refused_when_a_finding_came_back(store, run):
    settle_march(store)
    made = certify(store, "ana", WS, "2026-03", "payments")
    save_run(store, "ana", march(), "prueba", WS)  # P2's receipt is gone again
    with pytest.raises(InvalidState, match="volvieron a quedar abiertos"):
        signoff(store, "carla", made.id)


def test_matched_findings_settle_a_period(store):
    rep = report(payments=([pay("P1", receipt="RC-1", invoice="FEB-1", amount="500000",
                                paid=date(2026, 3, 3))],
                           [erp_pay("1", receipt="RC-01X", invoice="FEB-1", amount="500000",
                                    paid=date(2026, 3, 3))]))
    save_run(store, "ana", rep, "prueba", WS)
    crm, erp = of(store, "P1"), of(store, "1")
    match(store, "ana", WS, crm.id, [erp.id], "Mismo pago, recibo mal digitado")
    save_run(store, "ana", rep, "prueba", WS)
    made = certify(store, "ana", WS, "2026-03", "payments")
    assert made.counts()["matched"] == 2 and made.total == 2


def test_a_month_not_over_or_a_run_from_before_its_end_is_refused(store, run):
    settle_march(store)
    with pytest.raises(InvalidState, match="aún no termina") as refused:
        certify(store, "ana", WS, "2026-03", "payments", today=date(2026, 3, 31))
    assert refused.value.code == "month_open"
    with store.write() as s:
        s.execute(update(RunRow).values(saved_at=datetime(2026, 3, 31, 12, tzinfo=UTC)))
    with pytest.raises(InvalidState, match="antes de terminar el mes 2026-03") as stale:
        certify(store, "ana", WS, "2026-03", "payments")
    assert stale.value.code == "stale_run"


def test_what_a_period_is_written_like(store, run):
    for month, entity in (("2026-3", "payments"), ("marzo", "payments"),
                          ("2026-03", "deals"), ("2026-03", "pagos")):
        with pytest.raises(FindingError) as refused:
            certify(store, "ana", WS, month, entity)
        assert refused.value.code == "bad_period"


def test_customers_belong_to_the_month_they_were_first_seen(store):
    save_run(store, "ana", report(customers=([person("C1", phone=None)], [])), "prueba", WS)
    [lone, missing] = sorted(findings(store, WS), key=lambda v: v.kind)
    month = in_bogota(lone.first_seen_at).strftime("%Y-%m")
    assert lone.dated is None and lone.month == missing.month == month
    with pytest.raises(InvalidState, match="aún no termina"):  # this month: it is not over
        certify(store, "ana", WS, month, "customers")
