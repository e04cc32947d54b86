"""Issue 16 against a real Odoo 17 (l10n_co, sale_stock): the reservation of a VIN by a sale
order whose delivery holds the lot, its undo, and a customer's creation and archiving.

Skipped unless ``CUADRE_TEST_ODOO`` and ``CUADRE_TEST_ODOO_PASSWORD`` are set, as in
``test_odoo_real.py``. Each run makes its own serial-tracked product with two units in stock
(new VINs), so it never depends on what earlier runs left.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.push_cases import staff

from app.connectors import creations
from app.connectors.base import Correction, OutcomeStatus
from app.connectors.odoo.connector import OdooConnector
from app.domain.schema import Entity, System
from app.domain.values import nit_check_digit
from app.store import open_store
from app.writeback import corrections as c
from app.writeback import decisions
from app.writeback.proposals import Action, FieldChange, Proposal
from app.writeback.push import push

from .test_odoo_real import SECRET, URL, _tool

pytestmark = pytest.mark.skipif(
    not (URL and SECRET),
    reason="CUADRE_TEST_ODOO (odoo://USUARIO@SERVIDOR:PUERTO/BASE) y CUADRE_TEST_ODOO_PASSWORD "
           "no están definidos")

_VIN = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def _connector() -> OdooConnector:
    parts = urlsplit(URL)
    return OdooConnector(f"http://{parts.hostname}:{parts.port or 8069}", parts.path.strip("/"),
                         parts.username or "admin", SECRET)


@pytest.fixture(scope="module")
def odoo():
    tool = _tool()
    parts = urlsplit(URL)
    server = tool.Odoo(f"http://{parts.hostname}:{parts.port or 8069}", parts.path.strip("/"),
                       parts.username or "admin", SECRET)
    tool.seed_partners(server)
    return server


def _units(odoo, n: int = 2) -> list[int]:
    """``n`` lots of a new serial-tracked product, each one unit in stock."""
    tag = secrets.token_hex(3).upper()
    template = odoo("product.template", "create", [{
        "name": f"PRUEBA CUADRE {tag}", "detailed_type": "product", "tracking": "serial",
        "list_price": 95000000, "invoice_policy": "order"}])[0]
    variant = odoo("product.product", "search", [("product_tmpl_id", "=", template)])[0]
    stock = odoo.ref("stock.stock_location_stock")
    lots = []
    for i in range(n):
        vin = ("9GA" + tag + "".join(secrets.choice(_VIN) for _ in range(10)) + str(i))[:17]
        lot = odoo("stock.lot", "create", [{"name": vin, "product_id": variant,
                                            "company_id": 1}])[0]
        odoo("stock.quant", "create", [{"product_id": variant, "location_id": stock,
                                        "lot_id": lot, "inventory_quantity_auto_apply": 1}],
             context={"inventory_mode": True})
        lots.append(int(lot))
    return lots


def _doc_of_a_customer(odoo) -> str:
    found = odoo("res.partner", "search_read", [("vat", "=", "1020304050")], ["vat"])
    assert found, "el semillero crea a Juan Carlos Pérez Gómez (CC 1020304050)"
    return "1020304050"


@pytest.fixture
def store(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        staff(opened)
        yield opened


def _reservation(lot: int, doc: str) -> Proposal:
    return Proposal(
        ident=f"prueba-{lot}", entity=Entity.VEHICLES, kind="sold_in_crm_available_in_erp",
        action=Action.CREATE, target=System.ERP, source_id=str(lot), field="status",
        changes=(FieldChange("status", "available", "reserved"),
                 FieldChange("customer_doc", None, doc)),
        system_of_record=System.CRM, crm_id="V1", erp_id=str(lot), key=None,
        sentence="Registrar el pedido que reserva el VIN.")


def test_a_confirmed_order_reserves_the_very_lot_sold_and_its_undo_frees_it(odoo, store):
    first, second = _units(odoo)
    doc = _doc_of_a_customer(odoo)
    odoo_conn = _connector()
    # The second unit: Odoo's confirmation reserves the first one it finds (FIFO), so the
    # connector must move the reservation to the lot sold.
    [view] = decisions.propose(store, "ana", _reservation(second, doc))
    c.approve(store, "carla", view.id)
    summary = push(store, {System.ERP: odoo_conn}, "carla")
    assert summary.counts == {"applied": 1}, [i.sentence() for i in summary.items]
    sold = odoo_conn.read(Entity.VEHICLES, str(second))
    assert (sold["status"], sold["customer_doc"]) == ("reserved", doc)
    assert odoo_conn.read(Entity.VEHICLES, str(first))["status"] == "available"
    ref = creations.order_ref(str(second), doc)
    [order] = odoo("sale.order", "search_read", [("client_order_ref", "=", ref)],
                   ["state", "name"])
    assert order["state"] == "sale" and sold["deal_id"] == order["name"]
    # The alistamiento, where the repair module is installed: a confirmed repair order bound to
    # the order's line, for the VIN's lot, as repair's own _create_repair_order makes one.
    workshop = _has_repair(odoo)
    repairs = odoo("repair.order", "search_read", [("sale_order_id", "=", order["id"])],
                   ["state", "lot_id", "sale_order_line_id", "internal_notes", "tag_ids"]
                   ) if workshop else []
    if workshop:
        [repair] = repairs
        assert repair["state"] == "confirmed" and repair["lot_id"][0] == second
        assert repair["sale_order_line_id"] and "Alistamiento" in repair["internal_notes"]
        [tag] = odoo("repair.tags", "read", repair["tag_ids"], ["name"])
        assert tag["name"] == "Alistamiento"
        assert "Reparaciones" in summary.items[0].sentence()
    # Odoo 17 answers a confirmed order's plain action_cancel with its wizard, cancelling
    # nothing (the emulator does the same): the undo passes disable_cancel_warning.
    wizard = odoo("sale.order", "action_cancel", [order["id"]])
    assert wizard["res_model"] == "sale.order.cancel"
    assert odoo("sale.order", "read", [order["id"]], ["state"])[0]["state"] == "sale"
    # Sent again (a lost answer): found, not a second order.
    again = odoo_conn.apply(Correction(Entity.VEHICLES, str(second), view.payload["changes"],
                                       view.payload["expected"], "otra-clave"))
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
    assert len(odoo("sale.order", "search", [("client_order_ref", "=", ref)])) == 1
    if workshop:  # nor a second repair order
        assert len(odoo("repair.order", "search", [("sale_order_id", "=", order["id"])])) == 1

    undo = c.undo(store, "ana", view.id)
    c.approve(store, "carla", undo.id)
    summary = push(store, {System.ERP: odoo_conn}, "carla")
    assert summary.counts == {"applied": 1}, [i.sentence() for i in summary.items]
    freed = odoo_conn.read(Entity.VEHICLES, str(second))
    assert (freed["status"], freed["customer_doc"]) == ("available", None)
    assert odoo("sale.order", "read", [order["id"]], ["state"])[0]["state"] == "cancel"
    if workshop:  # repair's sale.order._action_cancel cancels the alistamiento with it
        assert odoo("repair.order", "read", [repairs[0]["id"]], ["state"])[0]["state"] == "cancel"


def _has_repair(odoo) -> bool:
    """Whether the repair module is installed; installed here when CUADRE_TEST_ODOO_REPAIR=1."""
    import os

    [module] = odoo("ir.module.module", "search_read", [("name", "=", "repair")], ["state"])
    if module["state"] != "installed" and os.environ.get("CUADRE_TEST_ODOO_REPAIR") == "1":
        odoo("ir.module.module", "button_immediate_install", [module["id"]])
        return True
    return module["state"] == "installed"


def test_a_unit_another_branch_reserved_first_is_a_conflict(odoo):
    [lot] = _units(odoo, 1)
    doc = _doc_of_a_customer(odoo)
    conn = _connector()
    taken = Correction(Entity.VEHICLES, str(lot), {"status": "reserved", "customer_doc": doc},
                       {"status": "available", "customer_doc": None}, "a")
    assert conn.apply(taken).status is OutcomeStatus.APPLIED
    other = Correction(Entity.VEHICLES, str(lot), {"status": "reserved",
                                                   "customer_doc": "900123456"},
                       {"status": "available", "customer_doc": None}, "b")
    assert conn.apply(other).status is OutcomeStatus.CONFLICT
    release = Correction(Entity.VEHICLES, str(lot), {"status": "available", "customer_doc": None},
                         {"status": "reserved", "customer_doc": doc}, "c")
    assert conn.apply(release).status is OutcomeStatus.APPLIED


def test_a_customer_is_created_by_document_found_again_and_archived():
    conn = _connector()
    nit = "9" + "".join(secrets.choice("0123456789") for _ in range(8))
    key = creations.document_key(nit)
    values = {"doc_type": "NIT", "doc_number": nit, "check_digit": nit_check_digit(nit),
              "company_name": f"Prueba Cuadre {nit} S.A.S.", "phone": "3105551234",
              "email": f"compras{nit}@example.com", "city_code": "05001",
              "city_name": "Medellín", "address": "Calle 10 # 43-12"}
    created = conn.apply(Correction(Entity.CUSTOMERS, key, values, {}, "k1"))
    assert created.status is OutcomeStatus.APPLIED, created.detail
    read = conn.read(Entity.CUSTOMERS, key)
    assert (read["doc_number"], read["check_digit"], read["city_code"]) == (
        nit, values["check_digit"], "05001")
    again = conn.apply(Correction(Entity.CUSTOMERS, key, values, {}, "k2"))
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")
    # A wrong DV is Odoo's own refusal (base_vat), never a partner created.
    wrong = {**values, "doc_number": nit[:-1] + "1", "check_digit": "X"}
    refused = conn.apply(Correction(Entity.CUSTOMERS, creations.document_key(wrong["doc_number"]),
                                    wrong, {}, "k3"))
    assert refused.status is OutcomeStatus.REJECTED
    archived = conn.apply(Correction(Entity.CUSTOMERS, key, {"is_customer": False},
                                     {"is_customer": True}, "k4"))
    assert archived.status is OutcomeStatus.APPLIED
    assert conn.read(Entity.CUSTOMERS, key) is None
