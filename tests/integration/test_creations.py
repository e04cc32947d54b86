"""Issue 16, items 1 and 2: the corrections that *create*, end to end on the demo files and on
the sandbox's REST APIs over real HTTP.

From a reconciliation's proposals: the reservation of a VIN sold in the CRM and available in
the ERP (an order in the ERP, with its alistamiento), a customer only in the CRM created in the
ERP, a customer only in the ERP created in the CRM. Each is proposed by one person, approved by
another, pushed once with its idempotency key and read back; its undo cancels the order and
releases the unit, archives the ERP party, turns the CRM contact back into a lead.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from support.push_cases import staff

from app.connectors import creations
from app.connectors.base import Correction, OutcomeStatus
from app.connectors.http import RetryPolicy
from app.demo import DemoFiles
from app.demo.connector import DemoCrm, DemoErp
from app.demo.connector.orders import order_of
from app.domain.schema import Entity, System
from app.progress import run
from app.reconcile.engine import reconcile
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import decisions
from app.writeback.proposals import Action, Proposal, propose
from app.writeback.push import push
from app.writeback.states import CorrectionState

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        staff(opened)
        yield opened


@pytest.fixture
def demo_copy(demo_data: DemoFiles, tmp_path: Path) -> tuple[DemoCrm, DemoErp]:
    """The demo CRM and ERP files copied for this test (it writes to them)."""
    crm, erp = tmp_path / "crm.sqlite", tmp_path / "erp.sqlite"
    shutil.copy(demo_data.crm, crm)
    shutil.copy(demo_data.erp, erp)
    return DemoCrm(crm), DemoErp(erp)


def _creations(crm: Any, erp: Any) -> dict[str, list[Proposal]]:
    report = run(reconcile(crm, erp))
    out: dict[str, list[Proposal]] = {"reserve": [], "to_erp": [], "to_crm": []}
    for p in propose(report):
        if p.action is not Action.CREATE:
            continue
        key = ("reserve" if p.entity is Entity.VEHICLES
               else "to_erp" if p.target is System.ERP else "to_crm")
        out[key].append(p)
    return out


def _approved(store: Any, chosen: list[Proposal]) -> list[str]:
    ids = []
    for p in chosen:
        [view] = decisions.propose(store, "ana", p)
        c.approve(store, "carla", view.id)
        ids.append(view.id)
    return ids


def _undo_all(store: Any, ids: list[str]) -> list[str]:
    undos = []
    for cid in ids:
        undo = c.undo(store, "ana", cid)
        c.approve(store, "carla", undo.id)
        undos.append(undo.id)
    return undos


def test_the_demo_reserves_the_vin_creates_both_customers_and_undoes_it_all(store, demo_copy):
    crm, erp = demo_copy
    found = _creations(crm, erp)
    assert len(found["reserve"]) == 11  # the demo's «vendido en CRM, disponible en ERP»
    pushable = {k: [p for p in v if p.pushable] for k, v in found.items()}
    blocked = [p for p in found["to_crm"] if p.blocked]
    assert blocked and all(p.reason == "no_consent" for p in blocked)
    assert all("Ley 1581" in decisions.why_not(p) for p in blocked)
    reserve, to_erp, to_crm = (pushable[k][0] for k in ("reserve", "to_erp", "to_crm"))
    ids = _approved(store, [reserve, to_erp, to_crm])
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 3}, summary.sentence()

    unit = erp.read(Entity.VEHICLES, reserve.source_id)
    doc = reserve.changes[1].proposed
    assert unit["status"] == "reserved" and unit["customer_doc"] == doc
    with sqlite3.connect(erp.path) as conn:
        conn.row_factory = sqlite3.Row
        order = order_of(conn, reserve.source_id)
        assert order is not None and order["numero"] == creations.order_ref(reserve.source_id, doc)
        prep = conn.execute("SELECT tipo, vin FROM ordenes_taller WHERE id = ?",
                            (order["alistamiento_id"],)).fetchone()
        assert tuple(prep) == ("ALISTAMIENTO", unit["vin"])
    party = erp.read(Entity.CUSTOMERS, to_erp.source_id)
    assert party is not None and party["source_id"].isdigit()  # the ERP gave it its id
    wanted = {ch.field: ch.proposed for ch in to_erp.changes}
    assert {k: party[k] for k in ("doc_number", "phone", "city_code")} == {
        k: wanted[k] for k in ("doc_number", "phone", "city_code")}
    contact = crm.read(Entity.CUSTOMERS, to_crm.source_id)
    assert contact["is_customer"] is True and contact["habeas_data_consent"] is True
    # The same proposals again: already proposed, never twice.
    assert all(decisions.existing(store, p) for p in (reserve, to_erp, to_crm))

    _undo_all(store, ids)
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 3}, summary.sentence()
    unit = erp.read(Entity.VEHICLES, reserve.source_id)
    assert unit["status"] == "available" and unit["customer_doc"] is None
    with sqlite3.connect(erp.path) as conn:
        conn.row_factory = sqlite3.Row
        assert order_of(conn, reserve.source_id) is None
        assert conn.execute("SELECT COUNT(*) FROM ordenes_taller WHERE tipo = 'ALISTAMIENTO'"
                            ).fetchone()[0] == 0
    assert erp.read(Entity.CUSTOMERS, to_erp.source_id) is None  # archived
    assert crm.read(Entity.CUSTOMERS, to_crm.source_id)["is_customer"] is False  # a lead again
    # Undone and sent: the unit is available again, so the same reservation may be wanted again.
    assert decisions.existing(store, reserve) == []
    [again] = decisions.propose(store, "ana", reserve)
    c.approve(store, "carla", again.id)
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}, summary.sentence()
    assert erp.read(Entity.VEHICLES, reserve.source_id)["status"] == "reserved"


def test_a_reservation_sent_twice_registers_one_order(demo_copy):
    crm, erp = demo_copy
    reserve = next(p for p in _creations(crm, erp)["reserve"] if p.pushable)
    doc = reserve.changes[1].proposed
    correction = Correction(Entity.VEHICLES, reserve.source_id,
                            {"status": "reserved", "customer_doc": doc},
                            {"status": "available", "customer_doc": None}, "clave-1")
    assert erp.apply(correction).status is OutcomeStatus.APPLIED
    again = erp.apply(Correction(Entity.VEHICLES, reserve.source_id, correction.changes,
                                 correction.expected, "clave-2"))
    assert again.status is OutcomeStatus.APPLIED and again.reason == "already_applied"
    with sqlite3.connect(erp.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pedidos").fetchone()[0] == 1


def test_a_reservation_for_a_customer_the_erp_lacks_waits_for_its_creation(demo_copy):
    crm, erp = demo_copy
    reserve = next(p for p in _creations(crm, erp)["reserve"] if p.pushable)
    correction = Correction(Entity.VEHICLES, reserve.source_id,
                            {"status": "reserved", "customer_doc": "1234509876"},
                            {"status": "available", "customer_doc": None}, "clave-x")
    outcome = erp.apply(correction)
    assert outcome.status is OutcomeStatus.REJECTED
    assert "créelo primero" in outcome.detail
    assert erp.read(Entity.VEHICLES, reserve.source_id)["status"] == "available"


def test_the_rest_apis_reserve_the_vin_create_both_customers_and_undo_it(store, sandbox, rest):
    crm, erp = rest("crm"), rest("erp")
    found = _creations(crm, erp)
    assert len(found["reserve"]) == 11
    chosen = [next(p for p in found[k] if p.pushable) for k in ("reserve", "to_erp", "to_crm")]
    reserve, to_erp, to_crm = chosen
    ids = _approved(store, chosen)
    before = len(sandbox.requests())
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 3}, [i.sentence() for i in summary.items]
    sent = [r for r in sandbox.requests()[before:] if r.method == "POST"]
    assert [r.path for r in sent] == ["/erp/orders", "/erp/customers", "/crm/customers"]
    assert all(r.headers.get("idempotency-key") for r in sent)
    tables = sandbox.store.tables["erp"]
    ref = creations.order_ref(reserve.source_id, reserve.changes[1].proposed)
    order = tables["pedidos"][ref]
    assert order["estado"] == "CONFIRMADO"
    assert tables["ordenes_taller"][order["alistamiento_id"]]["tipo"] == "ALISTAMIENTO"
    unit = erp.read(Entity.VEHICLES, reserve.source_id)
    assert unit["status"] == "reserved" and unit["customer_doc"] == reserve.changes[1].proposed
    assert erp.read(Entity.CUSTOMERS, to_erp.source_id)["doc_number"] == to_erp.changes[1].proposed
    assert crm.read(Entity.CUSTOMERS, to_crm.source_id) is not None

    undos = _undo_all(store, ids)
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK,
                   only=undos)
    assert summary.counts == {"applied": 3}, [i.sentence() for i in summary.items]
    assert tables["pedidos"][ref]["estado"] == "ANULADO"
    assert erp.read(Entity.VEHICLES, reserve.source_id)["status"] == "available"
    assert all(c.get(store, u).state == CorrectionState.APPLIED for u in undos)
    # The ERP archives the party (DELETE); the CRM's contact is a lead again (PATCH).
    assert erp.read(Entity.CUSTOMERS, to_erp.source_id) is None
    assert crm.read(Entity.CUSTOMERS, to_crm.source_id)["is_customer"] is False
    sent = [(r.method, r.path) for r in sandbox.requests() if r.method in ("DELETE", "PATCH")]
    assert ("DELETE", f"/erp/customers/{to_erp.source_id}") in sent


def test_another_branch_reserving_first_is_a_conflict_not_a_second_sale(store, sandbox, rest):
    crm, erp = rest("crm"), rest("erp")
    reserve = next(p for p in _creations(crm, erp)["reserve"] if p.pushable)
    [cid] = _approved(store, [reserve])
    unit = sandbox.store.tables["erp"]["inventario"][reserve.source_id]
    unit["estado"] = "VENDIDO"  # sold meanwhile at another branch
    summary = push(store, {System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"conflict": 1}, summary.sentence()
    assert "pedidos" not in sandbox.store.tables["erp"] or not sandbox.store.tables["erp"]["pedidos"]
    assert c.get(store, cid).state == CorrectionState.CONFLICT


# --- Odoo 17, through the sandbox's emulator (the real server: test_odoo_real_creations.py) ---


@pytest.fixture
def odoo17(sandbox):
    if not sandbox.odoo_available:
        pytest.skip("the sandbox has no Odoo emulator")
    from app.connectors.odoo.connector import OdooConnector

    connector = OdooConnector(sandbox.base_url, "sandbox", "admin", sandbox.token,
                              protocol="xmlrpc")
    yield connector
    connector.close()


def _two_free_units(sandbox) -> tuple[int, int]:
    """Two lots of one product, each a free unit in the same warehouse, oldest first."""
    tables = sandbox.odoo().state.tables
    locations = tables["stock.location"]
    free: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for q in tables["stock.quant"].values():
        place = locations.get(q.get("location_id") or 0, {})
        if q.get("quantity", 0) > 0 and not q.get("reserved_quantity") \
                and place.get("usage") == "internal" and "demo" not in str(place.get("name")).lower():
            free.setdefault((q["product_id"], place.get("warehouse_id")), []).append(q)
    pairs = [sorted(qs, key=lambda q: (str(q.get("in_date")), q["id"]))
             for qs in free.values() if len(qs) >= 2]
    assert pairs, "the emulator's stock has two free units of one product"
    return int(pairs[0][0]["lot_id"]), int(pairs[0][1]["lot_id"])


def _reservation(lot: int, doc: str) -> Proposal:
    from app.writeback.proposals import FieldChange

    return Proposal(
        ident=f"prueba-{lot}", entity=Entity.VEHICLES, kind="sold_in_crm_available_in_erp",
        action=Action.CREATE, target=System.ERP, source_id=str(lot), field="status",
        changes=(FieldChange("status", "available", "reserved"),
                 FieldChange("customer_doc", None, doc)),
        system_of_record=System.CRM, crm_id="V1", erp_id=str(lot), key=None,
        sentence="Registrar el pedido que reserva el VIN.")


def test_odoo_reserves_the_very_lot_sold_with_a_confirmed_order_and_undoes_it(
        store, sandbox, odoo17):
    first, second = _two_free_units(sandbox)
    doc = next(d for d in odoo17.pull(Entity.CUSTOMERS)["doc_number"] if d)
    [view] = decisions.propose(store, "ana", _reservation(second, doc))
    c.approve(store, "carla", view.id)
    summary = push(store, {System.ERP: odoo17}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}, [i.sentence() for i in summary.items]
    sold = odoo17.read(Entity.VEHICLES, str(second))
    assert (sold["status"], sold["customer_doc"]) == ("reserved", doc)
    assert odoo17.read(Entity.VEHICLES, str(first))["status"] == "available"
    state = sandbox.odoo().state
    ref = creations.order_ref(str(second), doc)
    [order] = [o for o in state.tables["sale.order"].values() if o.get("client_order_ref") == ref]
    assert order["state"] == "sale" and sold["deal_id"] == order["name"]
    methods = [m for (_p, model, m) in state.calls if model == "sale.order"]
    assert "create" in methods and "action_confirm" in methods
    # The alistamiento: a confirmed repair order bound to the order's line, for the lot sold.
    [repair] = [r for r in state.tables["repair.order"].values()
                if r.get("sale_order_id") == order["id"]]
    assert (repair["state"], repair["lot_id"]) == ("confirmed", second)
    assert repair["sale_order_line_id"] and repair["name"].endswith("/RO/00001")
    assert repair["internal_notes"].startswith("<p>Alistamiento para entrega")
    assert "Reparaciones" in summary.items[0].sentence()

    undo = c.undo(store, "ana", view.id)
    c.approve(store, "carla", undo.id)
    summary = push(store, {System.ERP: odoo17}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 1}, [i.sentence() for i in summary.items]
    assert order["state"] == "cancel"
    assert repair["state"] == "cancel"  # repair's sale.order._action_cancel took it along
    freed = odoo17.read(Entity.VEHICLES, str(second))
    assert (freed["status"], freed["customer_doc"]) == ("available", None)


def test_odoo_without_a_workshop_reserves_and_says_there_is_no_alistamiento(sandbox, odoo17):
    from app.demo.sandbox import odoo_repair

    _, lot = _two_free_units(sandbox)
    doc = next(d for d in odoo17.pull(Entity.CUSTOMERS)["doc_number"] if d)
    odoo_repair.uninstall(sandbox.odoo().state)
    done = odoo17.apply(Correction(Entity.VEHICLES, str(lot), {"status": "reserved",
                                                               "customer_doc": doc},
                                   {"status": "available", "customer_doc": None}, "k"))
    assert done.status is OutcomeStatus.APPLIED, done.detail
    assert "sin orden de alistamiento" in done.detail
    assert "repair.order" not in sandbox.odoo().state.tables


def test_odoo_relates_a_repair_orders_request_to_its_sale_line_as_odoo_17_does(sandbox, odoo17):
    """Found on a real Odoo 17: ``repair_request`` is the sale line's description, so writing
    it renames the line; Cuadre writes the alistamiento in ``internal_notes`` instead."""
    import xmlrpc.client

    state = sandbox.odoo().state
    line = next(iter(state.tables["sale.order.line"].values()))
    with xmlrpc.client.ServerProxy(f"{sandbox.base_url}/xmlrpc/2/object",
                                   allow_none=True) as proxy:
        rid = proxy.execute_kw("sandbox", 2, sandbox.token, "repair.order", "create", [{
            "sale_order_line_id": line["id"], "product_id": line["product_id"],
            "repair_request": "Cambio de aceite", "internal_notes": "Nota"}])
        [read] = proxy.execute_kw("sandbox", 2, sandbox.token, "repair.order", "read", [[rid]],
                                  {"fields": ["repair_request", "internal_notes", "name"]})
    assert read["repair_request"] == "Cambio de aceite" == line["name"]
    assert read["internal_notes"] == "<p>Nota</p>"


def test_odoo_answers_a_confirmed_orders_cancel_with_its_wizard_as_odoo_17_does(sandbox, odoo17):
    import xmlrpc.client

    first, _ = _two_free_units(sandbox)
    doc = next(d for d in odoo17.pull(Entity.CUSTOMERS)["doc_number"] if d)
    taken = Correction(Entity.VEHICLES, str(first), {"status": "reserved", "customer_doc": doc},
                       {"status": "available", "customer_doc": None}, "a")
    assert odoo17.apply(taken).status is OutcomeStatus.APPLIED
    ref = creations.order_ref(str(first), doc)
    state = sandbox.odoo().state
    [oid] = [i for i, o in state.tables["sale.order"].items() if o.get("client_order_ref") == ref]
    with xmlrpc.client.ServerProxy(f"{sandbox.base_url}/xmlrpc/2/object",
                                   allow_none=True) as api:
        answer = api.execute_kw("sandbox", 2, sandbox.token, "sale.order", "action_cancel",
                                [[oid]])
    assert answer["res_model"] == "sale.order.cancel"
    assert state.tables["sale.order"][oid]["state"] == "sale"  # nothing cancelled
    other = Correction(Entity.VEHICLES, str(first), {"status": "reserved", "customer_doc": "1"},
                       {"status": "available", "customer_doc": None}, "b")
    assert odoo17.apply(other).status is OutcomeStatus.CONFLICT  # another branch: not twice


def test_odoo_creates_a_customer_by_document_finds_it_again_and_archives_it(odoo17):
    from app.domain.values import nit_check_digit

    nit = "901999888"
    key = creations.document_key(nit)
    values = {"doc_type": "NIT", "doc_number": nit, "check_digit": nit_check_digit(nit),
              "company_name": "Prueba Cuadre S.A.S.", "phone": "3105551234",
              "city_code": "05001", "city_name": "Medellín", "address": "Calle 10 # 43-12"}
    created = odoo17.apply(Correction(Entity.CUSTOMERS, key, values, {}, "k1"))
    assert created.status is OutcomeStatus.APPLIED, created.detail
    read = odoo17.read(Entity.CUSTOMERS, key)
    assert (read["doc_number"], read["check_digit"]) == (nit, values["check_digit"])
    again = odoo17.apply(Correction(Entity.CUSTOMERS, key, values, {}, "k2"))
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
    wrong = {**values, "doc_number": "901999887", "check_digit": "0"}
    refused = odoo17.apply(Correction(Entity.CUSTOMERS, creations.document_key("901999887"),
                                      wrong, {}, "k3"))
    assert refused.status is OutcomeStatus.REJECTED  # base_vat: a wrong DV
    archived = odoo17.apply(Correction(Entity.CUSTOMERS, key, {"is_customer": False},
                                       {"is_customer": True}, "k4"))
    assert archived.status is OutcomeStatus.APPLIED
    assert odoo17.read(Entity.CUSTOMERS, key) is None


def test_a_buyer_the_erp_lacks_is_created_first_then_the_vin_is_reserved(store, demo_copy):
    crm, erp = demo_copy
    reserve = next(p for p in _creations(crm, erp)["reserve"] if p.pushable)
    doc = reserve.changes[1].proposed
    with sqlite3.connect(erp.path) as conn:  # the ERP never registered the buyer
        conn.execute("UPDATE inventario SET tercero_id = NULL WHERE tercero_id IN "
                     "(SELECT id FROM terceros WHERE nit = ?)", (doc,))
        conn.execute("DELETE FROM terceros WHERE nit = ?", (doc,))
    conn.close()
    found = _creations(crm, erp)
    reserve = next(p for p in found["reserve"] if p.source_id == reserve.source_id)
    first = next(p for p in found["to_erp"] if p.ident == reserve.requires)
    assert first.source_id == creations.document_key(doc) and first.pushable
    assert "primero se crea" in reserve.sentence
    _approved(store, [first, reserve])  # the command line puts the requirement first too
    summary = push(store, {System.CRM: crm, System.ERP: erp}, "carla", policy=QUICK)
    assert summary.counts == {"applied": 2}, [i.sentence() for i in summary.items]
    unit = erp.read(Entity.VEHICLES, reserve.source_id)
    assert (unit["status"], unit["customer_doc"]) == ("reserved", doc)


def test_the_sandbox_erp_archives_only_a_party_nothing_points_at(sandbox):
    from .test_sandbox import call

    tables = sandbox.store.tables["erp"]
    used = next(str(u["tercero_id"]) for u in tables["inventario"].values() if u["tercero_id"])
    status, _, body = call(sandbox, "DELETE", f"/erp/customers/{used}")
    assert (status, body["error"]) == (409, "in_use")
    pointed = {str(r.get("tercero_id")) for t in ("inventario", "recibos", "facturas")
               for r in tables[t].values()}
    free = next(k for k in tables["terceros"] if k not in pointed)
    status, _, _ = call(sandbox, "DELETE", f"/erp/customers/{free}")
    assert status == 200
    assert call(sandbox, "GET", f"/erp/customers/{free}")[0] == 404
    status, headers, _ = call(sandbox, "DELETE", "/erp/payments/1")
    assert status == 405 and headers["allow"] == "GET, PATCH"
