"""Issue 16: the proposals that create — a customer one system lacks, the ERP's reservation of
a VIN the CRM sold — and what a person then does with them (propose, approve, undo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.proposals import car, person, report
from support.push_cases import staff

from app.connectors import creations
from app.connectors.base import Correction
from app.domain.schema import Entity, System
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import decisions
from app.writeback.proposals import Action, Proposal, propose
from app.writeback.queue import describe

OTHER = person("9", doc="52111222", first_names="Otra", last_names="Persona")


def _created(rep, kind: str, target: System) -> Proposal:
    [p] = [p for p in propose(rep) if p.kind == kind and p.action is Action.CREATE
           and p.target is target]
    return p


def _values(p: Proposal) -> dict:
    return {ch.field: ch.proposed for ch in p.changes}


def test_a_company_only_in_the_crm_is_created_in_the_erp_with_its_dv_computed():
    nit = person("C1", doc="800191045", doc_type="NIT", check_digit="7", first_names=None,
                 last_names=None, company_name="Transportes Ospina S.A.S.")
    p = _created(report(customers=([nit], [OTHER])), "only_in_crm", System.ERP)
    assert (p.source_id, p.field, p.pushable) == ("DOC-800191045", "doc_number", True)
    values = _values(p)
    assert values["check_digit"] == "1"  # DIAN's algorithm, not the CRM's wrong 7
    assert values["city_code"] == "11001" and values["phone"] == "3105551234"
    assert "habeas_data_consent" not in values  # the CRM keeps the consent
    assert "DV calculado" in p.sentence and "Transportes Ospina" in p.sentence


def test_what_the_erp_requires_and_the_crm_lacks_blocks_the_creation_and_is_listed():
    lacking = person("C1", doc="1020304050", phone="123", city_code=None, city_name="Xyz")
    p = _created(report(customers=([lacking], [OTHER])), "only_in_crm", System.ERP)
    assert (p.blocked, p.reason, p.pushable) == (True, "missing_data", False)
    why = decisions.why_not(p)
    assert why == ("Faltan datos para crearlo en el ERP: teléfono, ciudad (código DIVIPOLA). "
                   "Complételos en el CRM y concilie de nuevo.")
    # A city known by its name only gets its DIVIPOLA code.
    named = person("C1", doc="1020304050", city_code=None, city_name="Itagüí")
    assert _values(_created(report(customers=([named], [OTHER])), "only_in_crm",
                            System.ERP))["city_code"] == "05360"


def test_an_erp_customer_reaches_the_crm_only_with_dated_consent():
    dated = person("7", doc="1030405060")
    p = _created(report(customers=([OTHER], [dated])), "only_in_erp", System.CRM)
    assert p.pushable and _values(p)["consent_date"] == dated["consent_date"]
    assert _values(p)["is_customer"] is True
    undated = person("7", doc="1030405060", consent_date=None)
    p = _created(report(customers=([OTHER], [undated])), "only_in_erp", System.CRM)
    assert (p.blocked, p.reason) == (True, "no_consent")
    assert "Ley 1581" in decisions.why_not(p)
    claim = person("7", doc="1030405060", claim_in_progress=True)
    p = _created(report(customers=([OTHER], [claim])), "only_in_erp", System.CRM)
    assert p.reason == "claim_in_progress"


def _sale(doc: str, crm_customers, erp_customers):
    return report(customers=(crm_customers, erp_customers),
                  vehicles=([car("V1", status="sold", customer_doc=doc, deal_id="N-1")],
                            [car("1", status="available")]))


def test_a_reservation_for_a_customer_the_erp_lacks_comes_after_its_creation():
    buyer = person("C1", doc="1020304050")
    rep = _sale("1020304050", [buyer, OTHER], [OTHER])
    first = _created(rep, "only_in_crm", System.ERP)
    reserve = _created(rep, "sold_in_crm_available_in_erp", System.ERP)
    assert reserve.requires == first.ident and reserve.pushable
    assert "primero se crea" in reserve.sentence
    assert Proposal.from_json(reserve.to_json()) == reserve
    # Nothing to create the customer from: blocked, saying so.
    rep = _sale("1020304050", [OTHER], [OTHER])
    reserve = _created(rep, "sold_in_crm_available_in_erp", System.ERP)
    assert (reserve.blocked, reserve.reason) == (True, "missing_customer")
    assert "El ERP no tiene al cliente 1020304050" in decisions.why_not(reserve)
    # The ERP has the customer: no dependency.
    rep = _sale("52111222", [OTHER], [OTHER])
    reserve = _created(rep, "sold_in_crm_available_in_erp", System.ERP)
    assert reserve.requires is None and reserve.pushable


@pytest.fixture
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        staff(opened)
        yield opened


def test_a_reservation_is_one_correction_proposed_once_and_approved_by_another(store):
    rep = _sale("52111222", [OTHER], [OTHER])
    reserve = _created(rep, "sold_in_crm_available_in_erp", System.ERP)
    [view] = decisions.propose(store, "ana", reserve)
    assert view.payload["changes"] == {"status": "reserved", "customer_doc": "52111222"}
    assert view.payload["expected"] == {"status": "available", "customer_doc": None}
    assert describe(view) == "Pedido que reserva el vehículo para 52111222: Disponible → Reservado"
    with pytest.raises(Exception, match="ya está propuesta"):
        decisions.propose(store, "ana", reserve)
    approved = c.approve(store, "carla", view.id)
    sent = Correction(Entity.VEHICLES, "1", approved.payload["changes"],
                      approved.payload["expected"], "k")
    assert creations.reserves(sent) == "52111222" and creations.releases(sent) is None
    ref = creations.order_ref("1", "52111222")
    assert ref == creations.order_ref("1", "52111222") != creations.order_ref("2", "52111222")


def test_a_customer_creation_is_one_correction_and_its_undo_archives_it(store):
    buyer = person("C1", doc="1020304050")
    p = _created(report(customers=([buyer], [OTHER])), "only_in_crm", System.ERP)
    [view] = decisions.propose(store, "ana", p)
    assert view.payload["create"] is True and view.payload["expected"] == {}
    assert describe(view) == "Nuevo cliente: Juan Carlos Pérez Gómez (CC 1020304050)"
    assert creations.key_document(view.source_id) == "1020304050"
    assert creations.key_document("1020304050") is None


def test_the_command_line_proposes_a_reservations_customer_before_it():
    from app.cli.corrections import _with_requirements

    buyer = person("C1", doc="1020304050")
    proposals = propose(_sale("1020304050", [buyer, OTHER], [OTHER]))
    reserve = _created_in(proposals, "sold_in_crm_available_in_erp")
    first = _created_in(proposals, "only_in_crm")
    assert _with_requirements([reserve], proposals) == [first, reserve]
    assert _with_requirements([first, reserve], proposals) == [first, reserve]


def _created_in(proposals: list[Proposal], kind: str) -> Proposal:
    return next(p for p in proposals if p.kind == kind and p.action is Action.CREATE)


def test_the_window_s_reservation_knows_the_erp_lacks_its_customer_and_proposes_it_first(store):
    buyer = person("C1", doc="1020304050")
    rep = _sale("1020304050", [buyer, OTHER], [OTHER])
    result = rep.results[Entity.VEHICLES]
    [finding] = [m for m in result.mismatches if m.kind == "sold_in_crm_available_in_erp"]
    alone = decisions.proposal(result, finding)  # one finding, no report: nothing known
    assert alone.requires is None
    first, reserve = decisions.with_requirements(result, finding, report=rep)
    assert (first.action, first.target, first.source_id) == (Action.CREATE, System.ERP,
                                                             "DOC-1020304050")
    assert reserve.requires == first.ident and "primero se crea" in reserve.sentence
    assert decisions.proposal(result, finding, report=rep) == reserve
    made = decisions.propose(store, "ana", reserve, before=[first])
    assert [v.entity for v in made] == [Entity.CUSTOMERS, Entity.VEHICLES]  # the customer first
    assert made[0].source_id == "DOC-1020304050" and made[1].payload["changes"]["status"] == \
        "reserved"
    with pytest.raises(Exception, match="ya está propuesta"):  # nothing proposed twice
        decisions.propose(store, "ana", reserve, before=[first])
    assert len(c.listing(store)) == 2
    # The next run gives the same customer creation (the same ident): never proposed twice.
    other_rep = _sale("1020304050", [buyer, OTHER], [OTHER])
    assert decisions.with_requirements(result, finding, report=other_rep)[0].ident == first.ident
    # Nothing to create the customer from: the reservation alone, blocked, nothing proposed.
    bare = _sale("1020304050", [OTHER], [OTHER])
    [lone] = decisions.with_requirements(bare.results[Entity.VEHICLES], finding, report=bare)
    assert lone.blocked and lone.reason == "missing_customer"
    with pytest.raises(Exception, match="El ERP no tiene al cliente"):
        decisions.propose(store, "ana", lone, before=[first])
    assert len(c.listing(store)) == 2

