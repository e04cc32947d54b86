"""The Odoo connector against a real Odoo 17 Community with l10n_co (base_vat, partner_autocomplete).

Skipped unless ``CUADRE_TEST_ODOO`` names one (``odoo://admin@127.0.0.1:8069/dealer``, as
``../shared/odoo/setup.sh`` brings it up) with its password or API key in
``CUADRE_TEST_ODOO_PASSWORD``. The database is seeded first with ``tools/odoo_seed.py`` (it
creates only what is missing), then every entity is pulled, a partner corrected and put back,
and the same bad calls are made to the real server and to the emulator, whose answers must
agree: CI has no Odoo, so what this server does must be what the emulator does.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import xmlrpc.client
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

from app.connectors.base import Correction, OutcomeStatus
from app.connectors.odoo.connector import OdooConnector
from app.domain.schema import COLUMNS, Entity

URL = os.environ.get("CUADRE_TEST_ODOO", "")
SECRET = os.environ.get("CUADRE_TEST_ODOO_PASSWORD", "")

pytestmark = pytest.mark.skipif(
    not (URL and SECRET),
    reason="CUADRE_TEST_ODOO (odoo://USUARIO@SERVIDOR:PUERTO/BASE) y CUADRE_TEST_ODOO_PASSWORD "
           "no están definidos")


def _tool() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "tools" / "odoo_seed.py"
    spec = importlib.util.spec_from_file_location("cuadre_tools_odoo_seed", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed() -> ModuleType:
    """The seed tool, run once (idempotent) against the server."""
    tool = _tool()
    parts = urlsplit(URL)
    base = f"http://{parts.hostname}:{parts.port or 8069}"
    odoo = tool.Odoo(base, parts.path.strip("/"), parts.username or "admin", SECRET)
    partners = tool.seed_partners(odoo)
    tool.seed_sales(odoo, partners, tool.seed_products(odoo))
    tool.seed_crm(odoo, partners)
    tool.server = odoo
    return tool


def _connector(**options: Any) -> OdooConnector:
    parts = urlsplit(URL)
    base = f"http://{parts.hostname}:{parts.port or 8069}"
    return OdooConnector(base, parts.path.strip("/"), parts.username or "admin", SECRET, **options)


@pytest.fixture(scope="module")
def pulled(seed) -> dict[Entity, Any]:
    connector = _connector()
    frames = {e: connector.pull(e) for e in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES,
                                             Entity.DEALS, Entity.INVOICES)}
    assert connector.protocol == "xmlrpc"
    frames["issues"] = connector.issues()
    return frames


def test_every_entity_is_pulled_in_the_canonical_schema(pulled):
    for entity in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS,
                   Entity.INVOICES):
        frame = pulled[entity]
        assert len(frame) > 0, entity
        assert list(frame.columns)[:len(COLUMNS[entity])] == list(COLUMNS[entity]), entity
    assert pulled["issues"] == []


def test_partners_are_read_by_document_with_their_letters(pulled, seed):
    docs = {r["doc_number"]: r for r in pulled[Entity.CUSTOMERS].to_dict("records")}
    assert docs[seed.RANK_ZERO_CC]["first_names"] == "María Fernanda"  # customer_rank 0
    assert docs[seed.PERSON_CC]["is_customer"] is True  # ordered, never invoiced: rank 0
    company = docs[seed.COMPANY_NIT]
    assert (company["doc_type"], company["check_digit"]) == ("NIT", seed.COMPANY_DV)
    assert (docs[seed.PASSPORT]["doc_type"], docs[seed.FOREIGN_NIT]["doc_type"],
            docs[seed.FOREIGN_ID]["doc_type"]) == ("PA", "NIT_EXT", "DE")
    frame = pulled[Entity.CUSTOMERS]
    assert (frame["doc_number"] == seed.COMPANY_NIT).sum() == 1  # not its contact and address
    assert seed.ARCHIVED_CC not in docs and "900123456" not in docs  # nor the company itself
    assert seed.SUPPLIER_NIT not in docs
    archived = _connector(include_archived=True).pull(Entity.CUSTOMERS)
    assert seed.ARCHIVED_CC in set(archived["doc_number"])


def test_reservations_and_sales_are_read_with_their_customer(pulled, seed):
    units = {r["vin"]: r for r in pulled[Entity.VEHICLES].to_dict("records")}

    def unit(vin: str) -> tuple[Any, ...]:
        u = units[vin]
        return u["status"], u["customer_doc"], (u["deal_id"] or "")[:2]

    assert unit(seed.VIN_MANUAL_DELIVERY) == ("reserved", seed.FOREIGN_NIT, "WH")
    assert unit(seed.VIN_ORDER_RESERVED) == ("reserved", seed.PERSON_CC, "S0")
    assert unit(seed.VIN_INVOICED) == ("sold", seed.PASSPORT, "S0")
    assert unit(seed.VIN_DELIVERED) == ("delivered", seed.COMPANY_NIT, "S0")
    assert unit(seed.VIN_AVAILABLE) == ("available", None, "")
    hilux = units[seed.VIN_DELIVERED]
    assert (hilux["make"], hilux["model"], hilux["model_year"], hilux["color"]) == (
        "TOYOTA", "HILUX", "2026", "Blanco")
    assert isinstance(hilux["delivered_on"], date)
    assert all(u["branch"] for u in units.values())


def test_invoices_and_payments_keep_odoos_names(pulled):
    payments = pulled[Entity.PAYMENTS]
    assert all(str(r).startswith("PBNK1/") for r in payments["receipt_number"])
    assert payments["invoice_number"].notna().all()
    assert all("/" in str(n) or str(n).startswith("INV") for n in pulled[Entity.INVOICES]["invoice_number"])


def test_a_partner_correction_is_applied_not_a_type_error(seed):
    connector = _connector()
    frame = connector.pull(Entity.CUSTOMERS)
    row = frame[frame["doc_number"] == seed.RANK_ZERO_CC].iloc[0]
    sid, before = str(row["source_id"]), row["email"]
    try:
        outcome = connector.apply(Correction(Entity.CUSTOMERS, sid, {"email": "maria.lopez@correo.example"},
                                             expected={"email": before}, key="real-1"))
        assert outcome.status is OutcomeStatus.APPLIED, outcome
        assert outcome.record["email"] == "maria.lopez@correo.example"
    finally:
        back = connector.apply(Correction(Entity.CUSTOMERS, sid, {"email": before}, key="real-2"))
        assert back.status is OutcomeStatus.APPLIED, back


def test_a_wrong_check_digit_is_refused_for_good(seed):
    connector = _connector()
    frame = connector.pull(Entity.CUSTOMERS)
    row = frame[frame["doc_number"] == seed.COMPANY_NIT].iloc[0]
    wrong = str((int(seed.COMPANY_DV) + 1) % 10)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(row["source_id"]),
                                         {"check_digit": wrong}))
    assert (outcome.status, outcome.reason, outcome.permanent) == (
        OutcomeStatus.REJECTED, "validation", True)
    assert seed.COMPANY_NIT not in outcome.detail
    assert connector.read(Entity.CUSTOMERS, str(row["source_id"]))["check_digit"] == seed.COMPANY_DV


# --- the emulator answers as this server does ----------------------------------------------------

_BAD_CALLS = [
    ("res.partner", "write", "partner", {"vals": {}}),
    ("res.partner", "write", "partner+extra", {}),
    ("res.partner", "search_count", None, {}),
    ("res.partner", "search_read", [], {"bogus": 1}),
    ("res.partner", "read", "partner", {"x": 1}),
    ("sale.order", "write", "order", {"vals": {}}),
    ("crm.lead", "foo", [], {}),
    ("res.partner", "search_read", [[["nofield", "=", 1]]], {}),
    ("res.partner", "_search", [[]], {}),
    ("res.city.zone", "search_read", [[]], {}),
]


@pytest.fixture(scope="module")
def emulator(demo_data) -> Iterator[str]:
    from tests.support.odoo_emulator import served

    with served(demo_data.erp) as odoo:
        yield odoo.url


def _answer(url: str, db: str, uid: int, secret: str, call: tuple[Any, ...], ids: dict[str, int]
            ) -> tuple[int, str]:
    model, method, args, kwargs = call
    if args == "partner":
        args = [[ids["partner"]]]
    elif args == "partner+extra":
        args = [[ids["partner"]], {}, 1]
    elif args == "order":
        args = [[ids["order"]]]
    with xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True) as proxy:
        try:
            proxy.execute_kw(db, uid, secret, model, method, args or [], kwargs)
        except xmlrpc.client.Fault as fault:
            return fault.faultCode, fault.faultString.strip().splitlines()[-1]
    return 0, ""


@pytest.mark.parametrize("call", _BAD_CALLS, ids=[f"{c[0]}.{c[1]}" for c in _BAD_CALLS])
def test_the_emulator_answers_bad_calls_as_this_odoo_does(call, seed, emulator):
    from tests.support.odoo_emulator import KEY

    real = seed.server
    real_ids = {"partner": real.one("res.partner", [("vat", "=", seed.PERSON_CC)]),
                "order": real.one("sale.order", [])}
    parts = urlsplit(URL)
    base = f"http://{parts.hostname}:{parts.port or 8069}"
    theirs = _answer(base, real.db, real.uid, SECRET, call, real_ids)
    ours = _answer(emulator, "sandbox", 2, KEY, call, {"partner": 11, "order": 1})
    assert theirs[0] != 0 and ours == theirs


def test_this_odoo_ignores_a_domain_on_a_field_it_cannot_search(seed):
    """What the emulator copies (``NOT_SEARCHABLE``): the leaf matches every record."""
    real = seed.server
    everything = real("account.payment", "search_count", [])
    assert everything > 1
    assert real("account.payment", "search_count", [("reconciled_invoice_ids", "in", [-1])]) == \
        everything
    assert real("stock.lot", "search_count", [("sale_order_ids", "!=", False)]) == \
        real("stock.lot", "search_count", [])


def test_customers_are_read_by_change_and_listed_by_id_on_a_real_odoo(pulled, tmp_path):
    """What an F5 asks a real Odoo 17: every partner's id (``search`` on the pull's domain,
    in id order) and the partners written since the last read (``write_date``)."""
    from app.progress import run
    from app.reconcile.incremental import INCREMENTAL, IncrementalPuller
    from app.reconcile.snapshots import SnapshotStore

    connector = _connector()
    store = SnapshotStore(tmp_path / "snap.sqlite")
    everything = run(IncrementalPuller(store, "W", {}).pull(connector, Entity.CUSTOMERS))
    assert connector.list_ids(Entity.CUSTOMERS) == sorted(everything["source_id"].tolist(),
                                                          key=int)
    again = IncrementalPuller(store, "W", {})
    frame = run(again.pull(connector, Entity.CUSTOMERS))
    [pull] = again.pulls
    assert pull.mode == INCREMENTAL and pull.total == len(everything)
    # What was read again (written within the overlap before the last read, or since) and the
    # snapshot make the same records as a whole pull.
    fresh = connector.pull(Entity.CUSTOMERS)
    assert frame.sort_values("source_id").reset_index(drop=True).equals(
        fresh.sort_values("source_id").reset_index(drop=True))
