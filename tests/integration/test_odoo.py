"""The Odoo connector end to end: XML-RPC and JSON-2 against the emulator over real HTTP.

One emulator (``app/demo/sandbox/odoo.py``, seeded from the session's demo ERP and the
cases a real Odoo 17 showed) serves the module on 127.0.0.1; tests that write use
``writable``, which puts the data back after. Tests that compare with the demo ERP leave the
cases out (``Cases``); ``test_odoo_cases.py`` reads them.
"""

from __future__ import annotations

import socket
import sqlite3
import xmlrpc.client
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.connectors.base import AuthError, Correction, OutcomeStatus, SourceError, pulling
from app.connectors.odoo.connector import OdooConnector
from app.demo.connector import DemoErp
from app.demo.sandbox.odoo import PARTNER_OFFSET
from app.demo.sandbox.odoo_cases import CASE_BRANCH, CASE_INVOICES, CASE_PAYMENTS
from app.domain.schema import COLUMNS, Entity
from app.domain.values import nit_check_digit
from app.progress import Cancelled, CancelToken, Progress
from tests.support.odoo_emulator import KEY, Odoo, served


@pytest.fixture(scope="module")
def odoo(demo_data) -> Iterator[Odoo]:
    with served(demo_data.erp) as emulator:
        yield emulator


@pytest.fixture
def writable(odoo: Odoo) -> Iterator[Odoo]:
    """The module's emulator, put back as seeded after the test (it may write and turn knobs)."""
    with odoo.writable() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def demo(demo_data) -> dict[Entity, Any]:
    erp = DemoErp(demo_data.erp)
    return {e: erp.pull(e) for e in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)}


@pytest.fixture(scope="module")
def customers(odoo: Odoo):
    """Every customer pulled (over JSON-2, the quicker; ``test_json2_and_xmlrpc_read_the_same_
    values`` holds XML-RPC to the same), with the progress reports of the pull."""
    connector = odoo.connector("json2", page_size=500)
    task = pulling(connector, Entity.CUSTOMERS)
    progress: list[Progress] = []
    while True:
        try:
            progress.append(next(task))
        except StopIteration as stop:
            return stop.value, progress, connector.issues()


def _by_demo_id(frame) -> dict[int, dict[str, Any]]:
    return {int(r["source_id"]) - PARTNER_OFFSET: r for r in frame.to_dict("records")}


@dataclass(frozen=True)
class Cases:
    """The records the emulator adds to the demo's (``odoo_seed.seed_cases``): ids by model."""

    partners: frozenset[int]
    lots: frozenset[int]
    vins: frozenset[str]

    @classmethod
    def of(cls, odoo: Odoo) -> Cases:
        tables = odoo.pristine
        branch = next(w["id"] for w in tables["stock.warehouse"].values() if w["name"] == CASE_BRANCH)
        places = {loc["id"] for loc in tables["stock.location"].values()
                  if loc.get("warehouse_id") == branch}
        lots = {line["lot_id"] for line in tables["stock.move.line"].values()
                if line["location_id"] in places}
        lots |= {q["lot_id"] for q in tables["stock.quant"].values() if q["location_id"] in places}
        first = min(p["id"] for p in tables["res.partner"].values()
                    if p.get("name") == "Transportes Andinos S.A.S.")
        return cls(frozenset(p for p in tables["res.partner"] if p >= first),
                   frozenset(lots), frozenset(tables["stock.lot"][i]["name"] for i in lots))

    def domains(self) -> dict[str, list[Any]]:
        """A profile's domains that leave the cases out (``OdooConnector``'s option)."""
        return {"customers": [["id", "not in", sorted(self.partners)]],
                "payments": [["name", "not in", list(CASE_PAYMENTS)]],
                "vehicles": [["id", "not in", sorted(self.lots)]],
                "invoices": [["name", "not in", list(CASE_INVOICES)]]}


@pytest.fixture(scope="module")
def cases(odoo: Odoo) -> Cases:
    return Cases.of(odoo)


# --- pulls ---------------------------------------------------------------------------------------


def test_customers_are_the_demo_erps_in_the_canonical_schema(customers, demo, cases):
    everything, progress, issues = customers
    assert list(everything.columns)[:len(COLUMNS[Entity.CUSTOMERS])] == \
        list(COLUMNS[Entity.CUSTOMERS])
    frame = everything[~everything["source_id"].astype(int).isin(cases.partners)]
    expected = demo[Entity.CUSTOMERS]
    assert len(frame) == len(expected)
    assert set(frame["doc_number"]) == set(expected["doc_number"])
    assert issues == []
    # Counted first, then paged by 500: 0, 500, 1000, …, all.
    total = len(everything)
    assert [p.done for p in progress] == [0, *range(500, total, 500), total]
    assert {p.total for p in progress} == {total}

    ours = _by_demo_id(frame)
    for theirs in expected.to_dict("records"):
        mine = ours[int(theirs["source_id"])]
        for column in ("doc_type", "doc_number", "check_digit", "phone", "email", "city_code",
                       "address", "company_name"):
            assert mine[column] == theirs[column], (column, theirs["source_id"])
        assert mine["updated_at"] == theirs["updated_at"]  # the same instant…
        assert mine["updated_at"].utcoffset() == timedelta(0)  # …kept in UTC, as Odoo gives it
        if theirs["company_name"] is None:
            assert f"{mine['first_names']} {mine['last_names'] or ''}".strip() == " ".join(
                p for p in (theirs["first_names"], theirs["last_names"]) if p)


def test_nit_is_split_from_its_check_digit_and_a_typed_city_gets_its_dane_code(customers, odoo):
    frame, _progress, _issues = customers
    state = odoo.state
    partners = state.tables["res.partner"]
    nit = next(p for p in partners.values() if p.get("is_company") and "-" in (p.get("vat") or "")
               and p.get("customer_rank"))
    row = frame[frame["source_id"] == str(nit["id"])].iloc[0]
    number, dv = nit["vat"].split("-")
    assert (row["doc_type"], row["doc_number"], row["check_digit"]) == ("NIT", number, dv)
    assert row["company_name"] == nit["name"] and row["first_names"] is None

    dotted = next(p for p in partners.values() if "." in (p.get("vat") or ""))
    assert frame[frame["source_id"] == str(dotted["id"])].iloc[0]["doc_number"] == \
        dotted["vat"].replace(".", "")

    typed = next(p for p in partners.values()
                 if p.get("city") and p.get("city_id") is None and p.get("customer_rank"))
    row = frame[frame["source_id"] == str(typed["id"])].iloc[0]
    assert row["city_name"] == typed["city"] and len(row["city_code"]) == 5

    landline = next(p for p in partners.values() if p.get("phone") and not p.get("mobile")
                    and p.get("customer_rank"))
    row = frame[frame["source_id"] == str(landline["id"])].iloc[0]
    assert row["phone"].startswith("60") and len(row["phone"]) == 10
    assert row["phone_alt"] is None  # mobile False in Odoo: None here, not False


def test_payments_carry_the_reconciled_invoice_its_cufe_and_exact_amounts(odoo, demo):
    # Only the first 400 receipts: the domains option narrows a pull, as a profile may.
    connector = odoo.connector("xmlrpc", domains={"payments": [["id", "<=", 400]]})
    ours = connector.pull(Entity.PAYMENTS).set_index("receipt_number")
    theirs = demo[Entity.PAYMENTS].set_index("receipt_number")
    assert len(ours) == 400 and connector.issues() == []
    for receipt, mine in ours.iterrows():
        other = theirs.loc[receipt]
        assert isinstance(mine["amount"], Decimal) and mine["amount"] == other["amount"]
        assert mine["amount"].as_tuple().exponent == -2
        for column in ("invoice_number", "cufe", "customer_doc", "paid_on", "method", "branch",
                       "currency", "status"):
            assert mine[column] == other[column], (column, receipt)
        assert isinstance(mine["paid_on"], date)
        assert mine["updated_at"] == other["updated_at"] and mine["updated_at"].tzinfo is not None


def test_vehicles_over_json2_have_the_demos_vins_status_branch_and_customer(odoo, demo, cases):
    connector = odoo.connector("json2")
    ours = connector.pull(Entity.VEHICLES)
    ours = ours[~ours["vin"].isin(cases.vins)]
    theirs = demo[Entity.VEHICLES]
    assert set(ours["vin"]) == set(theirs["vin"]) and len(ours) == len(theirs)
    assert connector.issues() == []
    joined = ours.merge(theirs, on="vin", suffixes=("", "_demo"))
    for column in ("make", "model", "model_year", "color", "status", "branch"):
        assert (joined[column] == joined[f"{column}_demo"]).all(), column
    committed = joined[joined["status"].isin(["reserved", "sold", "delivered"])
                       & joined["customer_doc_demo"].notna()]
    assert (committed["customer_doc"] == committed["customer_doc_demo"]).all()
    delivered = joined[joined["status"] == "delivered"]
    assert (delivered["delivered_on"] == delivered["delivered_on_demo"]).all()
    assert all(isinstance(p, Decimal) for p in ours["price"])


def test_deals_include_the_lost_ones_odoo_archives(odoo, demo):
    frame = odoo.connector("json2").pull(Entity.DEALS)
    stages = frame["stage"].value_counts().to_dict()
    # One invoice belongs to company 2; the cases' have no opportunity.
    invoices = len(odoo.state.tables["account.move"]) - 1 - len(CASE_INVOICES)
    assert stages == {"sold": invoices, "lead": 2, "test_drive": 1, "negotiation": 1, "lost": 2}
    won = frame[frame["stage"] == "sold"].iloc[0]
    assert isinstance(won["amount"], Decimal) and isinstance(won["closed_on"], date)
    assert won["lead_source"] and won["branch"] and won["customer_doc"]
    assert won["salesperson"] == "Administrador"  # the lead's user_id, its salesperson


def test_json2_and_xmlrpc_read_the_same_values(odoo):
    narrow = {"customers": [["id", "<", 200]], "payments": [["id", "<", 60]],
              "vehicles": [["id", "<", 60]], "deals": [["id", "<", 60]],
              "invoices": [["id", "<", 60]]}
    for entity in (*ODOO_ENTITIES, Entity.INVOICES):
        a = odoo.connector("xmlrpc", domains=narrow).pull(entity)
        b = odoo.connector("json2", domains=narrow).pull(entity)
        assert len(a) > 0 and a.equals(b), entity


#: What the connector reads from Odoo for the reconciliation.
ODOO_ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS)


def test_invoices_are_the_customer_invoices_posted_or_cancelled(odoo, demo_data):
    erp = sqlite3.connect(demo_data.erp)
    try:
        facturas = {f"{p}-{n}": (cufe, nit, vin, fecha, Decimal(total), estado)
                    for p, n, cufe, nit, vin, fecha, total, estado in erp.execute(
                        "SELECT f.prefijo, f.numero, f.cufe, t.nit, f.vin, f.fecha, f.total, "
                        "f.estado FROM facturas f LEFT JOIN terceros t ON t.id = f.tercero_id")}
    finally:
        erp.close()
    plain = odoo.connector("json2")
    frame = plain.pull(Entity.INVOICES)
    assert list(frame.columns) == list(COLUMNS[Entity.INVOICES])
    assert plain.issues() == []
    # Company 1's invoices only, as the demo ERP has them (company 2's "FU-1" is not allowed).
    ours = {r["invoice_number"]: r for r in frame.to_dict("records")
            if r["invoice_number"] not in CASE_INVOICES}
    assert set(ours) == set(facturas)
    for number, (cufe, nit, _vin, fecha, total, estado) in facturas.items():
        mine = ours[number]
        assert (mine["cufe"], mine["customer_doc"], mine["issued_on"]) == (
            cufe, nit, date.fromisoformat(fecha)), number
        assert isinstance(mine["total"], Decimal) and mine["total"] == total
        assert mine["status"] == ("annulled" if estado == "ANULADA" else "validated")
        assert mine["branch"] is not None and mine["updated_at"].tzinfo is not None
    assert "annulled" in set(frame["status"])
    # Odoo keeps no VIN on an invoice: without a mapping there is none; a Studio field mapped
    # in the profile brings it.
    assert frame["vin"].isna().all()
    mapped = odoo.connector("xmlrpc", mapping={"invoices": {"vin": "x_vin"}},
                            domains={"invoices": ["|", ["x_vin", "!=", False],
                                                  ["id", "<", 50]]}).pull(Entity.INVOICES)
    vins = {r["invoice_number"]: r["vin"] for r in mapped.to_dict("records")}
    assert vins == {n: facturas[n][2] for n in vins}
    assert sum(v is not None for v in vins.values()) == sum(f[2] is not None
                                                            for f in facturas.values()) > 0


def test_units_on_the_lot_have_the_day_they_entered_stock(odoo, demo_data, cases):
    erp = sqlite3.connect(demo_data.erp)
    try:
        arrived = dict(erp.execute(
            "SELECT vin, fecha_ingreso FROM inventario "
            "WHERE estado NOT IN ('ENTREGADO', 'TRANSITO')").fetchall())
    finally:
        erp.close()
    frame = odoo.connector("json2", domains=cases.domains()).pull(Entity.VEHICLES)
    on_lot = frame[frame["status"].isin(["available", "reserved", "sold", "demo"])]
    assert {r["vin"]: r["received_on"] for r in on_lot.to_dict("records")} == {
        vin: date.fromisoformat(day) if day else None for vin, day in arrived.items()}
    assert on_lot["received_on"].notna().any()
    elsewhere = frame[frame["status"].isin(["in_transit", "delivered"])]
    assert len(elsewhere) > 0 and elsewhere["received_on"].isna().all()
    deals = odoo.connector("json2").pull(Entity.DEALS)
    assert deals["created_on"].map(type).eq(date).all()


def test_what_odoo_does_not_hold_is_refused_before_any_call(odoo):
    odoo.state.calls.clear()
    connector = odoo.connector("json2")
    for entity in (Entity.SERVICES, Entity.CONTRACTS, Entity.FOLLOWUPS):
        with pytest.raises(SourceError, match=r"^Cuadre no lee .* de Odoo\.$"):
            connector.pull(entity)
        with pytest.raises(SourceError):
            connector.count(entity)
    assert odoo.state.calls == []


def test_auto_picks_xmlrpc_before_odoo_19_and_json2_from_19(writable, demo, cases):
    vehicles = len(demo[Entity.VEHICLES]) + len(cases.lots)
    older = writable.connector("auto")
    assert older.count(Entity.VEHICLES) == vehicles and older.protocol == "xmlrpc"
    assert "XML-RPC" in older.describe()
    writable.app.server_version = "19.0"
    newer = writable.connector("auto")
    assert newer.count(Entity.VEHICLES) == vehicles and newer.protocol == "json2"
    assert "JSON-2" in newer.describe() and KEY not in newer.describe()


def test_incremental_pulls_read_only_what_changed_since(writable):
    connector = writable.connector("xmlrpc")
    everything = connector.pull(Entity.CUSTOMERS)
    since = max(everything["updated_at"]) + timedelta(seconds=1)
    assert connector.pull(Entity.CUSTOMERS, since=since).empty

    target = everything.iloc[5]
    outcome = connector.apply(Correction(Entity.CUSTOMERS, target["source_id"],
                                         {"email": "nuevo.correo@example.com"}))
    assert outcome.status is OutcomeStatus.APPLIED
    changed = connector.pull(Entity.CUSTOMERS, since=since)
    assert list(changed["source_id"]) == [target["source_id"]]
    assert changed.iloc[0]["email"] == "nuevo.correo@example.com"
    # A naive ``since`` is Bogotá's time: five hours later in UTC, still before the write.
    naive = since.astimezone(UTC).replace(tzinfo=None) - timedelta(hours=5)
    assert list(connector.pull(Entity.CUSTOMERS, since=naive)["source_id"]) == [target["source_id"]]


def test_a_vehicle_that_moved_is_in_the_incremental_pull(writable):
    connector = writable.connector("json2")
    everything = connector.pull(Entity.VEHICLES)
    since = max(everything["updated_at"]) + timedelta(seconds=1)
    assert connector.pull(Entity.VEHICLES, since=since).empty
    state = writable.state
    # A stock move changes the quant, not the lot: deliver an available unit.
    unit = everything[everything["status"] == "available"].iloc[0]
    quant = next(q for q in state.tables["stock.quant"].values() if q["lot_id"] == int(unit["source_id"]))
    customers = next(loc for loc in state.tables["stock.location"].values() if loc["usage"] == "customer")
    with state.lock:
        quant["location_id"] = customers["id"]
        quant["write_date"] = state.tick()
    moved = connector.pull(Entity.VEHICLES, since=since)
    assert list(moved["vin"]) == [unit["vin"]] and moved.iloc[0]["status"] == "delivered"


def test_other_companies_only_through_allowed_company_ids(odoo):
    only_first = odoo.connector("json2").pull(Entity.CUSTOMERS)
    both = odoo.connector("json2", company_ids=[1, 2])
    frame = both.pull(Entity.CUSTOMERS)
    extra = frame[~frame["source_id"].isin(only_first["source_id"])].set_index("full_name")
    assert set(extra.index) == {"Transportes del Valle S.A.S.", "Pedro Pablo Gómez de la Rosa"}
    company = extra.loc["Transportes del Valle S.A.S."]
    # Written without the dash in Odoo (stdnum's compact form): split all the same.
    dv = nit_check_digit("901234567")
    assert odoo.state.tables["res.partner"][int(company["source_id"])]["vat"] == "901234567" + dv
    assert (company["doc_type"], company["doc_number"], company["check_digit"]) == \
        ("NIT", "901234567", dv)
    assert company["email"] is None and company["phone"] is None and company["city_code"] is None
    person = extra.loc["Pedro Pablo Gómez de la Rosa"]
    assert person["doc_number"] is None  # "N/A" in Odoo: reported, the row kept
    assert (person["first_names"], person["last_names"]) == ("Pedro Pablo", "Gómez de la Rosa")
    assert person["phone"] == "3154443322" and person["city_code"] == "05001"
    assert [(i.source_id, i.column, i.reason, i.value) for i in both.issues()] == [
        (person["source_id"], "doc_number", "unparseable", "N/A")]

    second = odoo.connector("json2", company_ids=[2]).pull(Entity.PAYMENTS)
    assert list(second["receipt_number"]) == ["RU-0001"]
    assert second.iloc[0]["customer_doc"] == "901234567"
    with pytest.raises(SourceError, match="permiso") as raised:
        odoo.connector("xmlrpc", company_ids=[3]).pull(Entity.CUSTOMERS)
    assert "Access" not in str(raised.value)


def test_custom_fields_come_in_through_the_mapping(odoo, demo):
    mapping = {"customers": {"habeas_data_consent": "x_autoriza_datos",
                             "consent_date": "x_fecha_autorizacion",
                             "consent_channel": "x_canal_autorizacion",
                             "claim_in_progress": "x_reclamo_en_tramite"}}
    frame = odoo.connector("json2", mapping=mapping,
                           domains={"customers": [["id", "<", 300]]}).pull(Entity.CUSTOMERS)
    theirs = {int(r["source_id"]): r for r in demo[Entity.CUSTOMERS].to_dict("records")}
    for mine in frame.to_dict("records"):
        other = theirs[int(mine["source_id"]) - PARTNER_OFFSET]
        for column in mapping["customers"]:
            assert mine[column] == other[column], column
    assert frame["habeas_data_consent"].map(type).eq(bool).all()
    with pytest.raises(SourceError, match="x_no_existe"):
        odoo.connector("json2", mapping={"customers": {"consent_date": "x_no_existe"}}).pull(
            Entity.CUSTOMERS)


def test_cancel_stops_between_pages(odoo):
    cancel = CancelToken()
    task = odoo.connector("xmlrpc", page_size=200).pull_task(Entity.PAYMENTS, None, cancel)
    assert next(task).done == 0
    assert next(task).done == 200
    cancel.cancel()
    with pytest.raises(Cancelled):
        next(task)


# --- failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", ["xmlrpc", "json2"])
def test_a_wrong_key_is_an_auth_error_without_the_key(odoo, protocol):
    wrong = "clave-equivocada-123"
    with pytest.raises(AuthError) as raised:
        odoo.connector(protocol, secret=wrong).pull(Entity.CUSTOMERS)
    message = str(raised.value)
    assert wrong not in message and KEY not in message and "Traceback" not in message
    assert "clave" in message


def test_no_stored_key_says_how_to_store_one(odoo):
    with pytest.raises(AuthError, match="cuadre credentials set"):
        odoo.connector(secret=None).count(Entity.CUSTOMERS)


def test_an_unknown_database_is_named(odoo):
    connector = OdooConnector(odoo.url, "otra", "admin", KEY, protocol="xmlrpc")
    with pytest.raises(SourceError, match="otra") as raised:
        connector.count(Entity.CUSTOMERS)
    assert KEY not in str(raised.value)


def test_a_closed_port_is_a_spanish_error(odoo):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    connector = OdooConnector(f"http://127.0.0.1:{port}", "sandbox", "admin", KEY,
                              protocol="xmlrpc", attempts=1)
    with pytest.raises(SourceError, match="rechazó la conexión"):
        connector.count(Entity.CUSTOMERS)


def test_the_emulator_speaks_odoos_xmlrpc(odoo):
    """What the connector relies on, asked with the standard library's own client."""
    with xmlrpc.client.ServerProxy(f"{odoo.url}/xmlrpc/2/common") as common:
        assert common.version()["server_version"] == "17.0"
        assert common.authenticate("sandbox", "admin", "otra-clave", {}) is False
        uid = common.authenticate("sandbox", "admin", KEY, {})
    with xmlrpc.client.ServerProxy(f"{odoo.url}/xmlrpc/2/object") as models:
        ids = models.execute_kw("sandbox", uid, KEY, "res.partner", "search",
                                [[["is_company", "=", True], ["customer_rank", ">", 0]]], {"limit": 3})
        assert len(ids) == 3
        with pytest.raises(xmlrpc.client.Fault) as denied:
            models.execute_kw("sandbox", uid, "otra-clave", "res.partner", "search", [[]])
        assert denied.value.faultCode == 3
        move = models.execute_kw("sandbox", uid, KEY, "account.move", "search",
                                 [[["state", "=", "posted"]]], {"limit": 1})
        with pytest.raises(xmlrpc.client.Fault) as posted:
            models.execute_kw("sandbox", uid, KEY, "account.move", "write", [move, {"partner_id": 11}])
        assert posted.value.faultCode == 2 and "asiento contable" in posted.value.faultString


# --- read and apply ------------------------------------------------------------------------------


def _partner(odoo: Odoo, **where: Any) -> dict[str, Any]:
    return next(p for p in odoo.state.tables["res.partner"].values()
                if p.get("customer_rank") and all(p.get(k) == v for k, v in where.items()))


def test_read_gives_one_canonical_record_or_none(odoo):
    connector = odoo.connector("json2")
    partner = _partner(odoo, is_company=True)
    record = connector.read(Entity.CUSTOMERS, str(partner["id"]))
    assert record is not None and record["company_name"] == partner["name"]
    assert record["doc_type"] == "NIT" and record["check_digit"] is not None
    assert connector.read(Entity.CUSTOMERS, "999999") is None
    payment = connector.read(Entity.PAYMENTS, "1")
    assert payment is not None and payment["receipt_number"] == "RC-004001"
    assert isinstance(payment["amount"], Decimal)


@pytest.mark.parametrize("protocol", ["xmlrpc", "json2"])
def test_apply_writes_when_the_record_holds_what_was_approved(writable, protocol):
    connector = writable.connector(protocol)
    partner = _partner(writable, is_company=False)
    before = connector.read(Entity.CUSTOMERS, str(partner["id"]))
    outcome = connector.apply(Correction(
        Entity.CUSTOMERS, str(partner["id"]), {"phone": "3115550101", "city_code": "05001"},
        expected={"phone": before["phone"], "city_code": before["city_code"]}, key="k-1"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome
    assert outcome.record["phone"] == "3115550101" and outcome.record["city_code"] == "05001"
    assert outcome.record["city_name"] == "Medellín"
    assert writable.writes() == [(protocol, "res.partner", "write")]
    assert connector.read(Entity.CUSTOMERS, str(partner["id"]))["phone"] == "3115550101"


def test_apply_reports_a_conflict_when_the_record_changed_since_approval(writable):
    connector = writable.connector("xmlrpc")
    partner = _partner(writable, is_company=False)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                         {"email": "otro@example.com"},
                                         expected={"email": "el.de.antes@example.com"}))
    assert outcome.status is OutcomeStatus.CONFLICT and outcome.reason == "changed_since_approval"
    assert "email" in outcome.detail and "el.de.antes" not in outcome.detail
    assert writable.writes() == []


def test_apply_of_what_odoo_already_holds_writes_nothing(writable):
    connector = writable.connector("xmlrpc")
    partner = _partner(writable, is_company=False)
    now = connector.read(Entity.CUSTOMERS, str(partner["id"]))
    outcome = connector.apply(Correction(
        Entity.CUSTOMERS, str(partner["id"]),
        {"phone": now["phone"], "first_names": now["first_names"], "last_names": now["last_names"]},
        expected={"phone": "3000000000"}))  # stale, but the change is already there
    assert outcome.status is OutcomeStatus.APPLIED and outcome.reason == "already_applied"
    assert writable.writes() == []


def test_a_posted_payment_is_not_edited_a_credit_note_is_suggested(writable):
    connector = writable.connector("xmlrpc")
    outcome = connector.apply(Correction(Entity.PAYMENTS, "1", {"amount": Decimal("75000000.00")},
                                         expected={"amount": Decimal("76000000.00")}))
    assert outcome.status is OutcomeStatus.REJECTED and outcome.reason == "posted_invoice"
    assert outcome.permanent  # a credit note is the way: sending it again changes nothing
    assert "nota crédito" in outcome.detail
    assert writable.writes() == []
    assert writable.state.tables["account.payment"][1]["amount"] == 76_000_000.0


def test_a_wrong_check_digit_odoo_refuses_is_rejected_not_failed(writable):
    connector = writable.connector("json2")
    partner = _partner(writable, is_company=True)
    number, dv = partner["vat"].split("-")
    wrong = str((int(dv) + 1) % 10)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]), {"check_digit": wrong}))
    assert outcome.status is OutcomeStatus.REJECTED and outcome.reason == "validation"
    assert number not in outcome.detail  # Odoo's message quotes the VAT: never passed on
    assert writable.state.tables["res.partner"][partner["id"]]["vat"] == partner["vat"]


def test_a_write_that_returns_none_over_xmlrpc_is_read_back(writable):
    writable.state.none_returning.add("res.partner")  # a customization forgot its return
    connector = writable.connector("xmlrpc")
    partner = _partner(writable, is_company=False)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                         {"email": "leido.de.vuelta@example.com"}))
    assert outcome.status is OutcomeStatus.APPLIED and outcome.reason == "none_result"
    assert outcome.record["email"] == "leido.de.vuelta@example.com"
    # Over JSON-2 None is just null: no fault at all.
    outcome = writable.connector("json2").apply(Correction(
        Entity.CUSTOMERS, str(partner["id"]), {"email": "otra.vez@example.com"}))
    assert outcome.status is OutcomeStatus.APPLIED and outcome.reason == ""


def test_a_timed_out_write_is_unknown_and_the_read_back_tells(writable):
    writable.state.write_delay = 2.5
    connector = writable.connector("xmlrpc", timeout=1.0)
    partner = _partner(writable, is_company=False)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                         {"email": "tarde@example.com"}))
    assert outcome.status is OutcomeStatus.UNKNOWN and outcome.reason == "timeout"
    assert "Traceback" not in outcome.detail
    writable.state.write_delay = 0.0
    again = writable.connector("xmlrpc").apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                                          {"email": "tarde@example.com"}))
    assert again.status is OutcomeStatus.APPLIED and again.reason == "already_applied"


def test_vehicles_are_not_edited_and_unknown_fields_are_refused(writable):
    connector = writable.connector("json2")
    unit = connector.read(Entity.VEHICLES, "1")
    elsewhere = next(b for b in ("Cali - Pasoancho", "Medellín - El Poblado") if b != unit["branch"])
    moved = connector.apply(Correction(Entity.VEHICLES, "1", {"branch": elsewhere}))
    assert moved.status is OutcomeStatus.REJECTED and moved.reason == "read_only"
    assert moved.permanent
    partner = _partner(writable, is_company=False)
    consent = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                         {"habeas_data_consent": True}))
    assert consent.status is OutcomeStatus.REJECTED and consent.reason == "unsupported_field"
    mapped = writable.connector("json2", mapping={"customers": {
        "habeas_data_consent": "x_autoriza_datos"}})
    target = not bool(partner.get("x_autoriza_datos"))
    done = mapped.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                   {"habeas_data_consent": target}))
    assert done.status is OutcomeStatus.APPLIED and done.record["habeas_data_consent"] is target
    assert writable.writes() == [("json2", "res.partner", "write")]


def test_names_are_written_whole_and_compared_whole(writable):
    connector = writable.connector("xmlrpc")
    partner = _partner(writable, is_company=False)
    outcome = connector.apply(Correction(Entity.CUSTOMERS, str(partner["id"]),
                                         {"first_names": "Ana María", "last_names": "Pérez"}))
    assert outcome.status is OutcomeStatus.APPLIED, outcome
    assert writable.state.tables["res.partner"][partner["id"]]["name"] == "Ana María Pérez"
    assert outcome.record["full_name"] == "Ana María Pérez"


# --- through the sandbox -------------------------------------------------------------------------


def test_the_sandbox_serves_odoo_to_the_connector_opened_from_its_source(sandbox, demo, cases):
    from app.connections.sources import open_source

    connector = open_source(sandbox.odoo_source, "erp", secrets=lambda ref: sandbox.token)
    assert isinstance(connector, OdooConnector)
    frame = connector.pull(Entity.VEHICLES)
    assert set(frame["vin"]) == set(demo[Entity.VEHICLES]["vin"]) | cases.vins
    assert connector.protocol == "xmlrpc"
    assert frame["vin"].notna().all()
    partner = connector.read(Entity.CUSTOMERS, str(PARTNER_OFFSET + 1))
    outcome = connector.apply(Correction(Entity.CUSTOMERS, partner["source_id"],
                                         {"email": "sandbox@example.com"},
                                         expected={"email": partner["email"]}))
    assert outcome.status is OutcomeStatus.APPLIED
    assert connector.read(Entity.CUSTOMERS, partner["source_id"])["email"] == "sandbox@example.com"



@pytest.mark.slow
def test_reconciling_the_demo_crm_against_odoo_finds_what_the_demo_erp_shows(odoo, demo_data,
                                                                            cases):
    """The whole point: Odoo as the ERP gives the findings the demo ERP gives, kind by kind."""
    from collections import Counter

    from app.demo.connector import DemoCrm
    from app.progress import run
    from app.reconcile.engine import reconcile

    crm = DemoCrm(demo_data.crm)
    via_odoo = run(reconcile(crm, odoo.connector("json2", domains=cases.domains())))
    via_demo = run(reconcile(crm, DemoErp(demo_data.erp)))
    for entity, result in via_demo.results.items():
        expected = Counter(m.kind for m in result.mismatches)
        assert Counter(m.kind for m in via_odoo[entity].mismatches) == expected, entity
        assert len(via_odoo[entity].links) == len(result.links), entity
