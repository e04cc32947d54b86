"""A CRM follow-up created from Cuadre on the demo CRM: inserted once with its idempotency key,
recognised when it is already there, a conflict when another stands in its place, refused for a
customer the CRM does not have — and, once there, corrected like any record (issue 7)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.connectors.base import Correction, OutcomeStatus
from app.demo import DemoFiles, ensure_demo
from app.demo.connector import DemoCrm
from app.domain.schema import Entity
from app.domain.values import normalize_doc_number
from app.progress import run

SID = "SEG-0A1B2C3D4E5F"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-followups")))


@pytest.fixture
def crm_path(generated: DemoFiles, tmp_path: Path) -> Path:
    """A private copy of the demo CRM: every test may write to its own."""
    path = tmp_path / "crm.sqlite"
    shutil.copyfile(generated.crm, path)
    return path


@pytest.fixture
def crm(crm_path: Path) -> DemoCrm:
    return DemoCrm(crm_path)


@pytest.fixture
def planted(generated: DemoFiles) -> dict[str, str]:
    return dict(json.loads(generated.truth.read_text("utf-8"))["planted"])


def raw(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql, params))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def customer_of(path: Path, vin: str) -> str:
    """The document of the customer who bought ``vin``, as the CRM's vehicle names it."""
    [(doc,)] = raw(path, "SELECT documento_cliente FROM vehiculos WHERE upper(vin) = ?", vin)
    return str(doc)


def record(doc: str, vin: str, **changes: Any) -> dict[str, Any]:
    """A follow-up as ``app.writeback.followups.followup_record`` makes it."""
    return {"customer_doc": doc, "vin": vin, "kind": "anniversary", "due_on": date(2026, 11, 29),
            "status": "open", "note": "Aniversario de entrega. Entregado el 29/11/2024.",
            **changes}


def create(values: dict[str, Any], key: str, sid: str = SID) -> Correction:
    return Correction(Entity.FOLLOWUPS, sid, values, {}, key)


def test_a_creation_inserts_the_follow_up_reads_it_back_and_records_its_key(
        crm: DemoCrm, crm_path: Path, planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    doc = customer_of(crm_path, vin)
    assert crm.read(Entity.FOLLOWUPS, SID) is None
    before = len(crm.pull(Entity.FOLLOWUPS))
    outcome = crm.apply(create(record(doc, vin), "k-create"))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    assert outcome.record is not None
    assert {k: outcome.record[k] for k in ("customer_doc", "vin", "kind", "due_on", "status")} \
        == {"customer_doc": normalize_doc_number(doc), "vin": vin,
            "kind": "anniversary", "due_on": date(2026, 11, 29), "status": "open"}
    assert crm.read(Entity.FOLLOWUPS, SID) == outcome.record
    # In the CRM's own terms, on the contact holding the document.
    [(contact, tipo, fecha, estado)] = raw(
        crm_path, "SELECT contacto_id, tipo, fecha, estado FROM seguimientos WHERE id = ?", SID)
    assert (tipo, fecha, estado) == ("Aniversario", "2026-11-29", "Pendiente")
    assert raw(crm_path, "SELECT numero_documento FROM contactos WHERE id = ?",
               contact) == [(doc,)]
    assert len(crm.pull(Entity.FOLLOWUPS)) == before + 1
    [(result,)] = raw(crm_path, "SELECT resultado FROM cuadre_aplicados WHERE clave = ?",
                      "k-create")
    assert json.loads(result)["status"] == "applied"


def test_the_same_key_again_answers_the_first_outcome_and_writes_nothing(
        crm: DemoCrm, crm_path: Path, planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    correction = create(record(customer_of(crm_path, vin), vin), "k-once")
    assert crm.apply(correction).status is OutcomeStatus.APPLIED
    written = digest(crm_path)
    again = crm.apply(correction)
    assert again.status is OutcomeStatus.APPLIED and again.record is not None
    assert digest(crm_path) == written
    assert raw(crm_path, "SELECT count(*) FROM seguimientos WHERE id = ?", SID) == [(1,)]


def test_a_follow_up_already_there_with_those_values_is_applied_without_a_write(
        crm: DemoCrm, crm_path: Path, planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    values = record(customer_of(crm_path, vin), vin)
    assert crm.apply(create(values, "k-first")).status is OutcomeStatus.APPLIED
    stamp = raw(crm_path, "SELECT actualizado FROM seguimientos WHERE id = ?", SID)
    # A second push with another key (the first answer was lost): the same task, not two.
    outcome = crm.apply(create(values, "k-second"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.APPLIED, "already_applied")
    assert raw(crm_path, "SELECT actualizado FROM seguimientos WHERE id = ?", SID) == stamp


def test_another_follow_up_with_that_id_is_a_conflict_and_stays_as_it_is(
        crm: DemoCrm, crm_path: Path, planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    doc = customer_of(crm_path, vin)
    assert crm.apply(create(record(doc, vin), "k-1")).status is OutcomeStatus.APPLIED
    before = raw(crm_path, "SELECT * FROM seguimientos WHERE id = ?", SID)
    outcome = crm.apply(create(record(doc, vin, due_on=date(2026, 12, 3)), "k-2"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "already_exists")
    assert "Fecha del seguimiento" in outcome.detail  # Spanish, naming the field
    assert outcome.record is not None and outcome.record["due_on"] == date(2026, 11, 29)
    assert raw(crm_path, "SELECT * FROM seguimientos WHERE id = ?", SID) == before
    # An id the CRM gave one of its own tasks is never overwritten by a creation either.
    own = crm.read(Entity.FOLLOWUPS, "S-00001")
    assert own is not None
    taken = crm.apply(create(record(doc, vin), "k-3", sid="S-00001"))
    assert (taken.status, taken.reason) == (OutcomeStatus.CONFLICT, "already_exists")
    assert crm.read(Entity.FOLLOWUPS, "S-00001") == own


def test_a_customer_the_crm_does_not_have_gets_no_follow_up(
        crm: DemoCrm, crm_path: Path, generated: DemoFiles, planted: dict[str, str]) -> None:
    vin = planted["not_in_crm"]
    with sqlite3.connect(generated.erp) as conn:
        [(doc,)] = conn.execute("SELECT t.nit FROM inventario i JOIN terceros t "
                                "ON t.id = i.tercero_id WHERE i.vin = ?", (vin,))
    before = raw(crm_path, "SELECT count(*) FROM seguimientos")
    outcome = crm.apply(create(record(str(doc), vin), "k-nobody"))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, "not_in_crm")
    assert "contacto" in outcome.detail and str(doc) not in outcome.detail  # no personal data
    assert raw(crm_path, "SELECT count(*) FROM seguimientos") == before
    assert crm.read(Entity.FOLLOWUPS, SID) is None
    # The refusal is the key's answer: sent again, it is refused again without a look.
    [(result,)] = raw(crm_path, "SELECT resultado FROM cuadre_aplicados WHERE clave = ?",
                      "k-nobody")
    assert json.loads(result)["reason"] == "not_in_crm"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"kind": None}, "missing_field"),
    ({"kind": "llamada"}, "unsupported_value"),
    ({"due_on": "pronto"}, "unsupported_value"),
    ({"priority": "alta"}, "field_not_writable"),
])
def test_a_follow_up_the_crm_cannot_hold_is_refused_and_nothing_is_written(
        crm: DemoCrm, crm_path: Path, planted: dict[str, str], changes: dict[str, Any],
        reason: str) -> None:
    vin = planted["anniversary"]
    before = digest(crm_path)
    outcome = crm.apply(create(record(customer_of(crm_path, vin), vin, **changes), ""))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, reason)
    assert digest(crm_path) == before  # no key given: nothing recorded either


def test_a_status_omitted_is_open(crm: DemoCrm, crm_path: Path,
                                  planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    values = record(customer_of(crm_path, vin), vin)
    del values["status"]
    outcome = crm.apply(create(values, "k-open"))
    assert outcome.status is OutcomeStatus.APPLIED and outcome.record is not None
    assert outcome.record["status"] == "open"


def test_a_follow_up_is_then_corrected_like_any_record(crm: DemoCrm, crm_path: Path,
                                                       planted: dict[str, str]) -> None:
    vin = planted["anniversary"]
    assert crm.apply(create(record(customer_of(crm_path, vin), vin), "k-new")).status \
        is OutcomeStatus.APPLIED
    done = crm.apply(Correction(Entity.FOLLOWUPS, SID, {"status": "done"}, {"status": "open"},
                                "k-done"))
    assert done.status is OutcomeStatus.APPLIED and done.record is not None
    assert raw(crm_path, "SELECT estado FROM seguimientos WHERE id = ?", SID) == [("Hecho",)]
    moved = crm.apply(Correction(Entity.FOLLOWUPS, SID, {"due_on": date(2026, 12, 1)},
                                 {"due_on": date(2026, 11, 29)}, "k-move"))
    assert moved.status is OutcomeStatus.APPLIED
    assert raw(crm_path, "SELECT fecha FROM seguimientos WHERE id = ?", SID) == [("2026-12-01",)]
    stale = crm.apply(Correction(Entity.FOLLOWUPS, SID, {"status": "cancelled"},
                                 {"status": "open"}, "k-stale"))
    assert (stale.status, stale.reason) == (OutcomeStatus.CONFLICT, "changed_since_approval")
    missing = crm.apply(Correction(Entity.FOLLOWUPS, "SEG-NOTHERE", {"status": "done"},
                                   {"status": "open"}, "k-missing"))
    assert (missing.status, missing.reason) == (OutcomeStatus.CONFLICT, "not_found")
