"""What a real Odoo 17 with l10n_co does that the demo has no word for, over real HTTP.

The emulator (``app/demo/sandbox/odoo.py``) binds every call to Odoo's own signatures
and seeds the cases ``tools/odoo_seed.py`` seeds on a real server (``odoo_seed.seed_cases``):
these tests read them with the connector over XML-RPC and JSON-2, so CI, which has no Odoo,
sees every case. ``test_odoo_real.py`` runs the same reading against a real Odoo 17.
"""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
import xmlrpc.client
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from app.connectors.base import Correction, OutcomeStatus
from app.connectors.odoo.rpc import XmlRpcClient, _fault_kind
from app.demo.sandbox.odoo_cases import (
    CASE_ARCHIVED_CC,
    CASE_BRANCH,
    CASE_COMPANY_NIT,
    CASE_FOREIGN_ID,
    CASE_FOREIGN_NIT,
    CASE_INVOICES,
    CASE_PASSPORT,
    CASE_PAYMENTS,
    CASE_PERSON_CC,
    CASE_RANK_ZERO_CC,
    CASE_SUPPLIER_NIT,
    VIN_AVAILABLE,
    VIN_DELIVERED,
    VIN_INVOICED,
    VIN_MANUAL_DELIVERY,
    VIN_ORDER_RESERVED,
)
from app.domain.schema import Entity
from app.domain.values import nit_check_digit
from tests.support.odoo_emulator import KEY, Odoo, served

BOTH = pytest.mark.parametrize("protocol", ["xmlrpc", "json2"])


@pytest.fixture(scope="module")
def odoo(demo_data) -> Iterator[Odoo]:
    with served(demo_data.erp) as emulator:
        yield emulator


@pytest.fixture
def writable(odoo: Odoo) -> Iterator[Odoo]:
    with odoo.writable() as emulator:
        yield emulator


def _partner_id(odoo: Odoo, vat_part: str) -> int:
    return next(p["id"] for p in odoo.state.tables["res.partner"].values()
                if vat_part in (p.get("vat") or "") and not p.get("parent_id"))


def _execute(odoo: Odoo, model: str, method: str, args: list[Any],
             kwargs: dict[str, Any] | None = None) -> Any:
    with xmlrpc.client.ServerProxy(f"{odoo.url}/xmlrpc/2/object", allow_none=True) as proxy:
        return proxy.execute_kw("sandbox", 2, KEY, model, method, args, kwargs or {})


def _json2(odoo: Odoo, model: str, method: str, body: dict[str, Any]) -> tuple[int, Any]:
    """A raw JSON-2 call (the emulator's own http://127.0.0.1 URL)."""
    request = urllib.request.Request(  # noqa: S310
        f"{odoo.url}/json/2/{model}/{method}", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"bearer {KEY}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


# --- Odoo called as Odoo defines it --------------------------------------------------------------


def test_the_old_vals_keyword_fails_as_on_a_real_odoo_17(writable):
    """base_vat and partner_autocomplete define res.partner.write(self, values): the call
    Cuadre used to send is Odoo's TypeError, fault 1, and nothing is written."""
    pid = _partner_id(writable, CASE_PERSON_CC)
    before = copy.deepcopy(writable.state.tables["res.partner"][pid])
    with pytest.raises(xmlrpc.client.Fault) as old:
        _execute(writable, "res.partner", "write", [[pid]], {"vals": {"email": "x@y.co"}})
    assert old.value.faultCode == 1
    assert old.value.faultString.startswith("Traceback (most recent call last):")
    assert old.value.faultString.strip().splitlines()[-1] == \
        "TypeError: ResPartner.write() got an unexpected keyword argument 'vals'"
    assert _fault_kind(old.value.faultString, 1) == "bad_request"
    assert writable.state.tables["res.partner"][pid] == before
    # As Odoo's own code calls it: positional.
    assert _execute(writable, "res.partner", "write", [[pid], {"email": "x@y.co"}]) is True
    # Other models name it vals: there the keyword binds (still, Cuadre never sends it).
    assert _execute(writable, "crm.lead", "write", [[1]], {"vals": {"probability": 40.0}})
    # The client refuses the old shape before anything is sent.
    client = XmlRpcClient(writable.url, "sandbox", "admin", KEY)
    with pytest.raises(ValueError, match="positionally"):
        client.call("res.partner", "write", [[pid]], {"vals": {"email": "z@y.co"}}, write=True)
    client.close()


@pytest.mark.parametrize(("model", "method", "args", "kwargs", "last"), [
    ("res.partner", "search_count", [], {}, "TypeError: BaseModel.search_count() missing 1 "
     "required positional argument: 'domain'"),
    ("res.partner", "search_count", [[]], {"domain": []}, "TypeError: BaseModel.search_count() "
     "got multiple values for argument 'domain'"),
    ("res.partner", "search_read", [[], ["name"]], {"bogus": 1}, "TypeError: "
     "BaseModel._read_format() got an unexpected keyword argument 'bogus'"),
    ("res.partner", "write", [[11], {}, 1], {}, "TypeError: ResPartner.write() takes 2 "
     "positional arguments but 3 were given"),
    ("res.partner", "write", [[11]], {}, "TypeError: ResPartner.write() missing 1 required "
     "positional argument: 'values'"),
    ("sale.order", "write", [[1]], {"vals": {}}, "TypeError: SaleOrder.write() got an "
     "unexpected keyword argument 'vals'"),
    ("res.partner", "read", [[11]], {"x": 1}, "TypeError: BaseModel.read() got an unexpected "
     "keyword argument 'x'"),
    ("res.partner", "foo", [[]], {}, "AttributeError: type object 'res.partner' has no "
     "attribute 'foo'"),
    ("res.partner", "write", [], {}, "IndexError: list index out of range"),
    ("res.partner", "search_read", [[["nofield", "=", 1]]], {}, "ValueError: Invalid field "
     "res.partner.nofield in leaf ('nofield', '=', 1)"),
])
def test_xmlrpc_binds_odoo_17s_signatures_as_python_does(odoo, model, method, args, kwargs, last):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        _execute(odoo, model, method, args, kwargs)
    assert fault.value.faultCode == 1
    assert fault.value.faultString.strip().splitlines()[-1] == last


@pytest.mark.parametrize(("model", "method", "args", "code", "text"), [
    ("res.city.zone", "search_read", [[]], 2, "El objeto res.city.zone no existe"),
    ("res.partner", "_search", [[]], 4, "Private methods (such as _search) cannot be called "
     "remotely."),
    ("res.partner", "write", [[999999], {"email": "a@b.co"}], 2, "Record does not exist"),
])
def test_odoos_own_refusals_are_its_fault_codes(odoo, model, method, args, code, text):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        _execute(odoo, model, method, args)
    assert fault.value.faultCode == code and text in fault.value.faultString
    assert _execute(odoo, "res.partner", "read", [[999999], ["name"]]) == []  # as Odoo 17


def test_json2_binds_named_arguments_to_odoo_19s_signatures(writable):
    pid = _partner_id(writable, CASE_PERSON_CC)
    status, body = _json2(writable, "res.partner", "write", {"ids": [pid], "values": {"email": "a@b.co"}})
    assert status == 422 and body["name"] == "werkzeug.exceptions.UnprocessableEntity"
    assert body["message"] == "missing a required argument: 'vals'"
    status, body = _json2(writable, "res.partner", "write",
                          {"ids": [pid], "vals": {"email": "a@b.co"}, "extra": 1})
    assert status == 422 and "unexpected keyword argument 'extra'" in body["message"]
    status, body = _json2(writable, "res.partner", "search_read", {"ids": [pid], "domain": []})
    assert status == 422 and body["message"] == "cannot call res.partner.search_read with ids"
    status, body = _json2(writable, "res.partner", "search_read", {"domain": [], "bogus": 1})
    assert status == 500 and body["name"] == "builtins.TypeError"
    status, body = _json2(writable, "res.partner", "nope", {})
    assert status == 404
    status, body = _json2(writable, "res.partner", "write", {"ids": [pid], "vals": {"email": "a@b.co"}})
    assert (status, body) == (200, True)


@BOTH
def test_a_refusal_odoo_repeats_is_permanent_and_sent_once(writable, protocol):
    """A value Odoo cannot take (here a text for a many2one the profile mapped by mistake)
    is a ValueError in Odoo: FAILED, permanent, after one write."""
    pid = _partner_id(writable, CASE_PERSON_CC)
    connector = writable.connector(protocol, mapping={"customers": {"consent_channel": "city_id"}})
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(pid), {"consent_channel": "web"}))
    assert (outcome.status, outcome.reason, outcome.permanent) == (
        OutcomeStatus.FAILED, "bad_request", True)
    assert "Traceback" not in outcome.detail and "city_id" not in outcome.detail
    assert writable.writes() == [(protocol, "res.partner", "write")]
    wrong = str((int(nit_check_digit(CASE_COMPANY_NIT)) + 1) % 10)
    refused = connector.apply(Correction(Entity.CUSTOMERS, str(_partner_id(writable, CASE_COMPANY_NIT)),
                                         {"check_digit": wrong}))
    assert (refused.status, refused.reason, refused.permanent) == (
        OutcomeStatus.REJECTED, "validation", True)


# --- partners as a dealership holds them ---------------------------------------------------------


@pytest.fixture(scope="module", params=["xmlrpc", "json2"])
def customers(request, odoo) -> dict[str, dict[str, Any]]:
    frame = odoo.connector(request.param).pull(Entity.CUSTOMERS)
    return {r["doc_number"]: r for r in frame.to_dict("records") if r["doc_number"]}


def test_every_person_and_company_with_a_document_is_read(customers):
    # Never invoiced (customer_rank 0), created in Contacts or imported: read all the same.
    assert customers[CASE_RANK_ZERO_CC]["first_names"] == "María Fernanda"
    assert customers[CASE_PERSON_CC]["phone"] == "3013414178"
    company = customers[CASE_COMPANY_NIT]
    assert (company["doc_type"], company["check_digit"], company["company_name"]) == (
        "NIT", nit_check_digit(CASE_COMPANY_NIT), "Transportes Andinos S.A.S.")
    # Not customers: a supplier, the archived, the dealership's own partner.
    assert CASE_SUPPLIER_NIT not in customers and CASE_ARCHIVED_CC not in customers
    assert "900000001" not in customers


def test_passports_and_foreign_documents_keep_their_letters(customers):
    passport = customers[CASE_PASSPORT]
    assert (passport["doc_type"], passport["check_digit"]) == ("PA", None)
    assert passport["city_name"] == "Miami" and passport["city_code"] is None
    assert customers[CASE_FOREIGN_NIT]["doc_type"] == "NIT_EXT"
    assert customers[CASE_FOREIGN_NIT]["company_name"] == "Autopartes Ibéricas S.L."
    assert customers[CASE_FOREIGN_ID]["doc_type"] == "DE"
    assert "1234567" not in customers and "12345678" not in customers


def test_a_companys_contacts_and_addresses_are_the_company(odoo):
    """They carry the company's vat (Odoo copies it): one customer per document, not three."""
    frame = odoo.connector("json2").pull(Entity.CUSTOMERS)
    assert (frame["doc_number"] == CASE_COMPANY_NIT).sum() == 1
    children = [p for p in odoo.state.tables["res.partner"].values() if p.get("parent_id")]
    assert {p["vat"] for p in children} == {f"{CASE_COMPANY_NIT}-{nit_check_digit(CASE_COMPANY_NIT)}"}


def test_archived_on_request_and_the_profile_narrows(odoo):
    archived = odoo.connector("xmlrpc", include_archived=True).pull(Entity.CUSTOMERS)
    assert CASE_ARCHIVED_CC in set(archived["doc_number"])
    narrow = odoo.connector("xmlrpc", domains={"customers": [["customer_rank", ">", 0]]})
    docs = set(narrow.pull(Entity.CUSTOMERS)["doc_number"])
    assert CASE_PASSPORT in docs and CASE_RANK_ZERO_CC not in docs and CASE_PERSON_CC not in docs


def test_a_correction_to_a_passport_is_compared_with_its_letters(writable):
    connector = writable.connector("xmlrpc")
    pid = _partner_id(writable, CASE_PASSPORT)
    same = connector.apply(Correction(Entity.CUSTOMERS, str(pid), {"doc_number": "ab-1234567"}))
    assert same.status is OutcomeStatus.APPLIED and same.reason == "already_applied"
    changed = connector.apply(Correction(Entity.CUSTOMERS, str(pid), {"doc_number": "CD1234567"},
                                         expected={"doc_number": CASE_PASSPORT}))
    assert changed.status is OutcomeStatus.APPLIED, changed
    assert writable.state.tables["res.partner"][pid]["vat"] == "CD1234567"


# --- vehicles: reserved and sold for whom --------------------------------------------------------


@pytest.fixture(scope="module", params=["xmlrpc", "json2"])
def units(request, odoo) -> dict[str, dict[str, Any]]:
    frame = odoo.connector(request.param).pull(Entity.VEHICLES)
    return {r["vin"]: r for r in frame.to_dict("records") if r["branch"] == CASE_BRANCH}


def _unit(units: dict[str, dict[str, Any]], vin: str) -> tuple[Any, ...]:
    u = units[vin]
    return u["status"], u["customer_doc"], u["deal_id"]


def test_a_unit_reserved_on_a_delivery_is_reserved_for_its_customer(units):
    assert _unit(units, VIN_MANUAL_DELIVERY) == ("reserved", CASE_FOREIGN_NIT, "BAQ/OUT/00001")
    status, customer, order = _unit(units, VIN_ORDER_RESERVED)
    assert (status, customer) == ("reserved", CASE_PERSON_CC) and order.startswith("S")


def test_invoiced_not_delivered_is_sold_for_its_customer_still_on_the_lot(units):
    status, customer, order = _unit(units, VIN_INVOICED)
    assert (status, customer) == ("sold", CASE_PASSPORT) and order.startswith("S")
    assert units[VIN_INVOICED]["received_on"] is not None  # on the lot


def test_a_delivered_unit_has_its_customer_and_the_day_it_left(units):
    status, customer, order = _unit(units, VIN_DELIVERED)
    assert (status, customer) == ("delivered", CASE_COMPANY_NIT) and order.startswith("S")
    assert units[VIN_DELIVERED]["delivered_on"] == date(2026, 12, 7)
    assert _unit(units, VIN_AVAILABLE) == ("available", None, None)


def test_a_model_of_its_own_keeps_its_year_and_colour(units):
    """One template per model, year and colour: Odoo keeps single values out of the
    variant's values; they are read from all the product's attribute values."""
    u = units[VIN_DELIVERED]
    assert (u["make"], u["model"], u["model_year"], u["color"]) == ("TOYOTA", "HILUX", "2026",
                                                                    "Blanco")
    assert {r["branch"] for r in units.values()} == {CASE_BRANCH}


def test_odoo_ties_a_lot_to_its_order_only_once_delivered(odoo):
    """sale_stock's stock.lot.sale_order_ids, as Odoo 17 computes it: done deliveries only."""
    lots = _execute(odoo, "stock.lot", "search_read",
                    [[["name", "in", [VIN_ORDER_RESERVED, VIN_INVOICED, VIN_DELIVERED]]],
                     ["name", "sale_order_ids"]])
    tied = {lot["name"]: bool(lot["sale_order_ids"]) for lot in lots}
    assert tied == {VIN_ORDER_RESERVED: False, VIN_INVOICED: False, VIN_DELIVERED: True}


def test_a_domain_on_a_field_odoo_cannot_search_matches_everything(odoo):
    """As Odoo 17 does (it only logs «Non-stored field … cannot be searched.»): a payment's
    reconciled invoices, a lot's sale orders are read, never searched."""
    everything = _execute(odoo, "account.payment", "search_count", [[]])
    assert _execute(odoo, "account.payment", "search_count",
                    [[["reconciled_invoice_ids", "in", [1]]]]) == everything
    assert _execute(odoo, "stock.lot", "search_count", [[["sale_order_ids", "!=", False]]]) == \
        _execute(odoo, "stock.lot", "search_count", [[]])


def test_invoicing_an_order_brings_its_unit_into_the_incremental_pull(writable):
    connector = writable.connector("json2")
    everything = connector.pull(Entity.VEHICLES)
    since = max(everything["updated_at"]) + timedelta(seconds=1)
    assert connector.pull(Entity.VEHICLES, since=since).empty
    state = writable.state
    lot = next(lot["id"] for lot in state.tables["stock.lot"].values()
               if lot["name"] == VIN_ORDER_RESERVED)
    move = next(state.tables["stock.move"][ml["move_id"]]
                for ml in state.tables["stock.move.line"].values()
                if ml["lot_id"] == lot and state.tables["stock.move"][ml["move_id"]].get("sale_line_id"))
    order = state.tables["sale.order"][state.tables["sale.order.line"][move["sale_line_id"]]["order_id"]]
    with state.lock:
        order["invoice_status"] = "invoiced"
        order["write_date"] = state.tick()
    changed = connector.pull(Entity.VEHICLES, since=since)
    assert list(changed["vin"]) == [VIN_ORDER_RESERVED]
    assert changed.iloc[0]["status"] == "sold"


# --- what accounting names as Odoo names it ------------------------------------------------------


@BOTH
def test_invoices_and_payments_are_named_as_odoo_names_them(odoo, protocol):
    payments = odoo.connector(protocol).pull(Entity.PAYMENTS).set_index("receipt_number")
    first = payments.loc[CASE_PAYMENTS[0]]
    assert first["customer_doc"] == CASE_PASSPORT and first["branch"] == CASE_BRANCH
    assert first["invoice_number"] is not None and "2026" in first["invoice_number"]
    invoices = odoo.connector(protocol).pull(Entity.INVOICES)
    ours = invoices[invoices["customer_doc"].isin([CASE_PASSPORT, CASE_COMPANY_NIT])]
    assert len(ours) == len(CASE_INVOICES) and set(ours["status"]) == {"validated"}
