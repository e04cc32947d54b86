"""The demo CRM and ERP are writable: compare-and-set corrections, merges and their undo, each
key applied once — so the write-back loop runs on the embedded demo (issue 5)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.connectors.base import ChildChange, Correction, MergeRequest, OutcomeStatus
from app.demo import DemoFiles, ensure_demo
from app.demo.connector import DemoCrm, DemoErp
from app.domain.schema import Entity, System
from app.progress import run
from app.store import open_store
from app.writeback import outbox
from app.writeback.people import add_person
from app.writeback.push import push


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-writes")))


@pytest.fixture
def demo(generated: DemoFiles, tmp_path: Path) -> DemoFiles:
    """A private copy of the demo databases: every test may write to its own."""
    files = DemoFiles(tmp_path / "crm.sqlite", tmp_path / "erp.sqlite", generated.truth)
    shutil.copyfile(generated.crm, files.crm)
    shutil.copyfile(generated.erp, files.erp)
    return files


@pytest.fixture
def crm(demo: DemoFiles) -> DemoCrm:
    return DemoCrm(demo.crm)


@pytest.fixture
def erp(demo: DemoFiles) -> DemoErp:
    return DemoErp(demo.erp)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql, params))


def fix(connector: DemoCrm | DemoErp, entity: Entity, sid: str, field: str, new: Any,
        key: str = "") -> Correction:
    record = connector.read(entity, sid)
    assert record is not None
    return Correction(entity, sid, {field: new}, {field: record[field]}, key)


def test_apply_writes_the_new_value_and_a_pull_shows_it(erp: DemoErp, demo: DemoFiles) -> None:
    before = erp.read(Entity.CUSTOMERS, "1")
    assert before is not None and before["phone"] != "3001234567"
    outcome = erp.apply(fix(erp, Entity.CUSTOMERS, "1", "phone", "3001234567", "k-1"))
    assert outcome.status is OutcomeStatus.APPLIED
    assert outcome.record is not None and outcome.record["phone"] == "3001234567"
    pulled = erp.pull(Entity.CUSTOMERS).set_index("source_id")
    assert pulled.loc["1", "phone"] == "3001234567"
    # The ERP's own change stamp moved; nothing else of the record did.
    after = erp.read(Entity.CUSTOMERS, "1")
    assert after is not None and after["updated_at"] > before["updated_at"]
    assert {k for k in after if after[k] != before[k]} == {"phone", "updated_at"}
    assert raw(demo.erp, "SELECT telefono FROM terceros WHERE id = 1") == [("3001234567",)]


def test_a_changed_record_is_a_conflict_and_nothing_is_written(erp: DemoErp,
                                                               demo: DemoFiles) -> None:
    correction = fix(erp, Entity.CUSTOMERS, "2", "email", "nuevo@correo.co", "k-2")
    with sqlite3.connect(demo.erp) as conn:  # someone edits the record after approval
        conn.execute("UPDATE terceros SET email = 'otra@correo.co' WHERE id = 2")
    before = digest(demo.erp)
    outcome = erp.apply(correction)
    assert outcome.status is OutcomeStatus.CONFLICT
    assert outcome.reason == "changed_since_approval"
    assert "Correo" in outcome.detail  # Spanish, naming the field
    assert outcome.record is not None and outcome.record["email"] == "otra@correo.co"
    assert raw(demo.erp, "SELECT email FROM terceros WHERE id = 2") == [("otra@correo.co",)]
    # Only the key and its outcome were recorded.
    assert raw(demo.erp, "SELECT clave FROM cuadre_aplicados") == [("k-2",)]
    assert digest(demo.erp) != before


def test_a_missing_record_is_a_not_found_conflict(crm: DemoCrm) -> None:
    outcome = crm.apply(Correction(Entity.CUSTOMERS, "C-99999", {"phone": "3001234567"},
                                   {"phone": None}, "k-3"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "not_found")
    assert crm.read(Entity.CUSTOMERS, "C-99999") is None


def test_a_repeated_key_answers_the_first_outcome_without_writing(erp: DemoErp,
                                                                  demo: DemoFiles) -> None:
    correction = fix(erp, Entity.CUSTOMERS, "3", "phone", "3105550000", "k-same")
    assert erp.apply(correction).status is OutcomeStatus.APPLIED
    with sqlite3.connect(demo.erp) as conn:  # a person changes it again in the ERP
        conn.execute("UPDATE terceros SET telefono = '3119998888' WHERE id = 3")
    again = erp.apply(correction)
    assert again.status is OutcomeStatus.APPLIED  # the first answer …
    assert raw(demo.erp, "SELECT telefono FROM terceros WHERE id = 3") == [("3119998888",)]
    assert raw(demo.erp, "SELECT count(*) FROM cuadre_aplicados") == [(1,)]  # … not a 2nd write


def test_a_value_already_there_is_applied_without_a_write(crm: DemoCrm, demo: DemoFiles) -> None:
    record = crm.read(Entity.CUSTOMERS, "C-00001")
    assert record is not None
    stamp = raw(demo.crm, "SELECT actualizado FROM contactos WHERE id = 'C-00001'")
    outcome = crm.apply(Correction(Entity.CUSTOMERS, "C-00001", {"email": record["email"]},
                                   {"email": "antes@correo.co"}, "k-4"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.APPLIED, "already_applied")
    assert raw(demo.crm, "SELECT actualizado FROM contactos WHERE id = 'C-00001'") == stamp


@pytest.mark.parametrize(("system", "entity", "sid", "field", "new", "raw_sql", "raw_value"), [
    # The CRM keeps the city's name; a code becomes the name DIVIPOLA gives it.
    ("crm", Entity.CUSTOMERS, "C-00001", "city_code", "05001",
     "SELECT ciudad FROM contactos WHERE id = 'C-00001'", "Medellín"),
    ("crm", Entity.CUSTOMERS, "C-00001", "last_names", "Ramírez de Toro",
     "SELECT apellidos FROM contactos WHERE id = 'C-00001'", "Ramírez de Toro"),
    # The ERP keeps the code; a name becomes its DIVIPOLA code.
    ("erp", Entity.CUSTOMERS, "1", "city_name", "Cali",
     "SELECT cod_municipio FROM terceros WHERE id = 1", "76001"),
    ("erp", Entity.CUSTOMERS, "1", "check_digit", "7",
     "SELECT dv FROM terceros WHERE id = 1", "7"),
    # Amounts are exact decimal text; a negative one stays a number.
    ("erp", Entity.PAYMENTS, "1", "amount", Decimal("-1500000.50"),
     "SELECT valor FROM recibos WHERE id = 1", "-1500000.50"),
    ("crm", Entity.PAYMENTS, None, "paid_on", date(2026, 3, 4),
     "SELECT fecha FROM pagos WHERE id = :sid", "2026-03-04"),
    # A status is stored as each system's own word.
    ("crm", Entity.VEHICLES, None, "status", "sold",
     "SELECT estado FROM vehiculos WHERE id = :sid", "Vendido"),
    ("erp", Entity.VEHICLES, "1", "status", "in_transit",
     "SELECT estado FROM inventario WHERE id = 1", "TRANSITO"),
    # The ERP's branch is an id in its sedes table.
    ("erp", Entity.VEHICLES, "1", "branch", "Medellín - El Poblado",
     "SELECT sede_id FROM inventario WHERE id = 1", 2),
])
def test_each_kind_of_field_is_written_in_the_system_own_terms(
        demo: DemoFiles, system: str, entity: Entity, sid: str | None, field: str, new: Any,
        raw_sql: str, raw_value: Any) -> None:
    connector = DemoCrm(demo.crm) if system == "crm" else DemoErp(demo.erp)
    path = demo.crm if system == "crm" else demo.erp
    if sid is None:
        sid = str(connector.pull(entity)["source_id"].iloc[0])
    outcome = connector.apply(fix(connector, entity, sid, field, new, f"k-{field}"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    record = connector.read(entity, sid)
    assert record is not None and record[field] == new
    assert raw(path, raw_sql.replace(":sid", f"'{sid}'")) == [(raw_value,)]


def test_a_city_name_is_the_municipality_it_names(crm: DemoCrm, erp: DemoErp,
                                                  demo: DemoFiles) -> None:
    # The ERP keeps the code: «Itagui» as typed in the CRM is DIVIPOLA's «Itagüí».
    outcome = erp.apply(fix(erp, Entity.CUSTOMERS, "1", "city_name", "Itagui", "k-itagui"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    assert raw(demo.erp, "SELECT cod_municipio FROM terceros WHERE id = 1") == [("05360",)]
    assert erp.read(Entity.CUSTOMERS, "1")["city_name"] == "Itagüí"  # type: ignore[index]
    # A city proposed as two corrections (code, then name) in the CRM, where «Mosquera» alone
    # names two municipalities: the code writes the name with its department, and the name
    # then finds it already there.
    before = crm.read(Entity.CUSTOMERS, "C-00001")
    assert before is not None
    code = Correction(Entity.CUSTOMERS, "C-00001", {"city_code": "25473"},
                      {"city_code": before["city_code"]}, "k-code")
    name = Correction(Entity.CUSTOMERS, "C-00001", {"city_name": "Mosquera"},
                      {"city_name": before["city_name"]}, "k-name")
    assert crm.apply(code).status is OutcomeStatus.APPLIED
    assert (crm.apply(name).reason) == "already_applied"
    assert raw(demo.crm, "SELECT ciudad FROM contactos WHERE id = 'C-00001'") == [
        ("Mosquera, Cundinamarca",)]


def test_a_receipt_moves_to_another_tercero_by_document(erp: DemoErp, demo: DemoFiles) -> None:
    customers = erp.pull(Entity.CUSTOMERS)
    target = customers[customers["source_id"] == "5"].iloc[0]
    outcome = erp.apply(fix(erp, Entity.PAYMENTS, "1", "customer_doc", target["doc_number"], "k"))
    assert outcome.status is OutcomeStatus.APPLIED
    assert raw(demo.erp, "SELECT tercero_id FROM recibos WHERE id = 1") == [(5,)]


@pytest.mark.parametrize(("entity", "field", "new", "reason"), [
    (Entity.PAYMENTS, "invoice_number", "FEB-1", "field_not_writable"),  # fiscal: an invoice
    (Entity.PAYMENTS, "customer_doc", "999999999", "unknown_customer"),
    (Entity.VEHICLES, "branch", "Pasto - Centro", "unknown_branch"),
    (Entity.VEHICLES, "status", "robado", "unsupported_value"),
    (Entity.CUSTOMERS, "city_name", "Ciudad Gótica", "unsupported_value"),
])
def test_what_the_system_cannot_hold_is_rejected_in_spanish_and_not_written(
        erp: DemoErp, demo: DemoFiles, entity: Entity, field: str, new: str,
        reason: str) -> None:
    before = erp.read(entity, "1")
    outcome = erp.apply(fix(erp, entity, "1", field, new, "k-no"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, reason)
    assert outcome.detail.endswith(".") and outcome.detail[0].isupper()
    assert erp.read(entity, "1") == before


def test_pulling_and_reading_never_change_the_files(crm: DemoCrm, erp: DemoErp,
                                                    demo: DemoFiles) -> None:
    before = digest(demo.crm), digest(demo.erp)
    for connector in (crm, erp):
        for entity in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES):
            connector.pull(entity)
            connector.read(entity, "1")
    crm.pull(Entity.DEALS)
    assert (digest(demo.crm), digest(demo.erp)) == before


def test_a_locked_database_fails_with_a_spanish_sentence(erp: DemoErp, demo: DemoFiles) -> None:
    correction = fix(erp, Entity.CUSTOMERS, "1", "phone", "3001234567", "k-lock")
    blocker = sqlite3.connect(demo.erp, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        slow = DemoErp(demo.erp)
        slow_connect = slow._connect

        def quick(write: bool = False) -> sqlite3.Connection:  # don't wait 10 s for the lock
            conn = slow_connect(write)
            conn.execute("PRAGMA busy_timeout = 0")
            return conn

        slow._connect = quick  # type: ignore[method-assign]
        outcome = slow.apply(correction)
    finally:
        blocker.rollback()
        blocker.close()
    assert (outcome.status, outcome.reason) == (OutcomeStatus.FAILED, "unavailable")
    assert "bloqueado" in outcome.detail


# --- merges ---------------------------------------------------------------------------------


def _crm_merge(crm: DemoCrm, key: str) -> MergeRequest:
    """Merge a contact with payments, vehicles and deals into another contact: its children
    follow the survivor's document."""
    payments, vehicles, deals = (crm.pull(e) for e in (Entity.PAYMENTS, Entity.VEHICLES,
                                                       Entity.DEALS))
    docs = (set(payments["customer_doc"]) & set(vehicles["customer_doc"])
            & set(deals["customer_doc"])) - {None}
    doc = sorted(docs)[0]
    customers = crm.pull(Entity.CUSTOMERS)
    merged = customers[customers["doc_number"] == doc].iloc[0]
    survivor = customers[(customers["doc_number"] != doc) & customers["doc_number"].notna()
                         & (customers["doc_type"] == "CC")].iloc[0]
    children = tuple(
        ChildChange(entity, str(sid), "customer_doc", doc, survivor["doc_number"])
        for entity, frame in ((Entity.PAYMENTS, payments), (Entity.VEHICLES, vehicles),
                              (Entity.DEALS, deals))
        for sid in frame[frame["customer_doc"] == doc]["source_id"])
    snapshot = {sid: crm.read(Entity.CUSTOMERS, sid) for sid in (survivor["source_id"],
                                                                  merged["source_id"])}
    return MergeRequest(
        Entity.CUSTOMERS, survivor["source_id"], (merged["source_id"],),
        changes={"email": merged["email"], "habeas_data_consent": True,
                 "consent_date": date(2026, 1, 15), "consent_channel": "formulario web"},
        snapshot={k: v for k, v in snapshot.items() if v is not None},
        children=children, key=key)


def without_stamp(record: Any) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "updated_at"}


def deal_contacts(demo: DemoFiles, request: MergeRequest) -> set[str]:
    """The contacts the merge's re-pointed deals point at, in the CRM's own column."""
    deals = [c.source_id for c in request.children if c.entity is Entity.DEALS]
    assert deals
    return {raw(demo.crm, "SELECT contacto_id FROM negocios WHERE id = ?", sid)[0][0]
            for sid in deals}


def _undo(request: MergeRequest, key: str) -> MergeRequest:
    return MergeRequest(request.entity, request.survivor, request.merged, request.changes,
                        request.snapshot, request.children, key, undo=True)


def _children(connector: DemoCrm | DemoErp, request: MergeRequest) -> dict[str, Any]:
    out = {}
    for child in request.children:
        record = connector.read(child.entity, child.source_id)
        assert record is not None
        out[f"{child.entity}:{child.source_id}"] = record[child.field]
    return out


def test_a_crm_merge_applies_whole_and_its_undo_restores_the_snapshot(crm: DemoCrm,
                                                                      demo: DemoFiles) -> None:
    request = _crm_merge(crm, "merge-1")
    [gone] = request.merged
    assert {c.entity for c in request.children} == {Entity.PAYMENTS, Entity.VEHICLES,
                                                   Entity.DEALS}
    outcome = crm.merge(request)
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    survivor = crm.read(Entity.CUSTOMERS, request.survivor)
    assert survivor is not None
    assert all(survivor[k] == v for k, v in request.changes.items())
    assert crm.read(Entity.CUSTOMERS, gone) is None  # hidden, as in the listings
    assert gone not in set(crm.pull(Entity.CUSTOMERS)["source_id"])
    new_doc = request.children[0].new
    assert set(_children(crm, request).values()) == {new_doc}
    # The deals point at the survivor itself.
    assert deal_contacts(demo, request) == {request.survivor}

    assert crm.merge(request).status is OutcomeStatus.APPLIED  # the same key: the first answer
    again = replace(request, key="merge-1b")  # a new key finds it merged: nothing to write
    assert crm.merge(again).reason == "already_applied"

    undone = crm.merge(_undo(request, "undo-1"))
    assert undone.status is OutcomeStatus.APPLIED, undone.detail
    # The merged record comes back exactly as at approval; the survivor too, but for the
    # stamp the CRM puts on every write.
    assert crm.read(Entity.CUSTOMERS, gone) == request.snapshot[gone]
    restored = crm.read(Entity.CUSTOMERS, request.survivor)
    assert restored is not None
    assert without_stamp(restored) == without_stamp(request.snapshot[request.survivor])
    assert set(_children(crm, request).values()) == {request.children[0].old}
    assert deal_contacts(demo, request) == {gone}


def test_a_vehicle_table_gets_the_merge_column_with_its_first_merge(crm: DemoCrm,
                                                                   demo: DemoFiles) -> None:
    def columns(table: str) -> list[str]:
        return [r[1] for r in raw(demo.crm, f"PRAGMA table_info({table})")]

    assert "fusionado_en" in columns("contactos") and "fusionado_en" not in columns("vehiculos")
    vehicles = crm.pull(Entity.VEHICLES)
    keep, gone = (str(v) for v in vehicles["source_id"].iloc[:2])
    snapshot = {sid: crm.read(Entity.VEHICLES, sid) for sid in (keep, gone)}
    request = MergeRequest(Entity.VEHICLES, keep, (gone,), {"color": "ROJO"},
                           {k: v for k, v in snapshot.items() if v is not None}, key="v-merge")
    assert crm.merge(request).status is OutcomeStatus.APPLIED
    assert "fusionado_en" in columns("vehiculos")
    assert gone not in set(crm.pull(Entity.VEHICLES)["source_id"])
    assert crm.merge(_undo(request, "v-undo")).status is OutcomeStatus.APPLIED
    assert crm.read(Entity.VEHICLES, gone) == snapshot[gone]


def test_a_merge_over_a_changed_record_is_a_conflict_and_changes_nothing(
        crm: DemoCrm, demo: DemoFiles) -> None:
    request = _crm_merge(crm, "merge-2")
    [gone] = request.merged
    with sqlite3.connect(demo.crm) as conn:  # the duplicate is edited after approval
        conn.execute("UPDATE contactos SET celular = '3009990000' WHERE id = ?", (gone,))
    children = _children(crm, request)
    survivor = crm.read(Entity.CUSTOMERS, request.survivor)
    outcome = crm.merge(request)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "changed_since_approval")
    assert gone in outcome.detail and "phone" in outcome.detail  # ids and fields, no values
    assert "3009990000" not in outcome.detail
    assert crm.read(Entity.CUSTOMERS, request.survivor) == survivor
    assert crm.read(Entity.CUSTOMERS, gone) is not None
    assert _children(crm, request) == children


def test_a_merge_key_sent_again_never_merges_twice(crm: DemoCrm) -> None:
    request = _crm_merge(crm, "merge-3")
    assert crm.merge(request).status is OutcomeStatus.APPLIED
    assert crm.merge(_undo(request, "undo-3")).status is OutcomeStatus.APPLIED
    again = crm.merge(request)  # the first answer, and the records stay restored
    assert again.status is OutcomeStatus.APPLIED
    assert crm.read(Entity.CUSTOMERS, request.merged[0]) == request.snapshot[request.merged[0]]


def test_an_erp_merge_repoints_receipts_and_stock_by_tercero(erp: DemoErp,
                                                             demo: DemoFiles) -> None:
    payments, vehicles = erp.pull(Entity.PAYMENTS), erp.pull(Entity.VEHICLES)
    doc = sorted((set(payments["customer_doc"]) & set(vehicles["customer_doc"])) - {None})[0]
    customers = erp.pull(Entity.CUSTOMERS)
    gone = customers[customers["doc_number"] == doc].iloc[0]["source_id"]
    survivor = customers[customers["doc_number"] != doc].iloc[0]
    children = tuple(ChildChange(entity, str(sid), "customer_doc", doc, survivor["doc_number"])
                     for entity, frame in ((Entity.PAYMENTS, payments),
                                           (Entity.VEHICLES, vehicles))
                     for sid in frame[frame["customer_doc"] == doc]["source_id"])
    snapshot = {sid: erp.read(Entity.CUSTOMERS, sid) for sid in (survivor["source_id"], gone)}
    request = MergeRequest(Entity.CUSTOMERS, survivor["source_id"], (gone,),
                           {"phone": snapshot[gone]["phone"]},  # type: ignore[index]
                           {k: v for k, v in snapshot.items() if v is not None}, children,
                           "erp-merge")
    assert erp.merge(request).status is OutcomeStatus.APPLIED
    receipts = [c.source_id for c in children if c.entity is Entity.PAYMENTS]
    assert receipts
    ids = {raw(demo.erp, "SELECT tercero_id FROM recibos WHERE id = ?", int(sid))[0][0]
           for sid in receipts}
    assert ids == {int(survivor["source_id"])}
    assert erp.read(Entity.CUSTOMERS, gone) is None
    assert erp.merge(_undo(request, "erp-undo")).status is OutcomeStatus.APPLIED
    assert erp.read(Entity.CUSTOMERS, gone) == snapshot[gone]
    back = erp.read(Entity.CUSTOMERS, survivor["source_id"])
    assert back is not None
    assert without_stamp(back) == without_stamp(snapshot[survivor["source_id"]])
    assert set(_children(erp, request).values()) == {doc}


def test_payments_are_not_merged(erp: DemoErp) -> None:
    outcome = erp.merge(MergeRequest(Entity.PAYMENTS, "1", ("2",), {}, {}, key="x"))
    assert outcome.status is OutcomeStatus.REJECTED
    assert outcome.detail == "El ERP de demostración no fusiona pagos."


# --- the whole loop -------------------------------------------------------------------------


def test_an_approved_correction_pushed_to_the_demo_is_applied(crm: DemoCrm, erp: DemoErp,
                                                             tmp_path: Path) -> None:
    from app.writeback import corrections

    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        add_person(store, None, "ana", "Ana", ["admin", "proposer"])
        add_person(store, "ana", "bea", "Bea", ["approver"])
        before = erp.read(Entity.CUSTOMERS, "4")
        assert before is not None
        made = corrections.propose(store, "ana", entity=Entity.CUSTOMERS, system=System.ERP,
                                   source_id="4", field="email", old=before["email"],
                                   new="cliente.cuatro@correo.co")
        corrections.approve(store, "bea", made.id)
        summary = push(store, {System.CRM: crm, System.ERP: erp}, "bea")
    assert summary.counts == {"applied": 1}
    after = erp.read(Entity.CUSTOMERS, "4")
    assert after is not None and after["email"] == "cliente.cuatro@correo.co"
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        [item] = outbox.listing(store)
    assert raw(erp.path, "SELECT clave FROM cuadre_aplicados") == [(item.key,)]
