"""Accuracy through the files people bring (issue 13, item 9).

The labelled set (``app/demo/linkage.py``) with 5 % broken keys, homonyms, people in one
system only, leads entered twice, and customers entered twice on *both* sides (with the same
document or with none) is written as exports with other people's headers — a Spanish CRM
(«ID Lead», «Nro. identificación», «Celular», cp1252 and «;») or HubSpot's English export
(«Record ID», «First Name», «Mobile Phone Number», «Lifecycle Stage»), and the ERP's terceros
as a workbook («ID Tercero», «Nombre / Razón social», «Código DANE») — read back with the files
connector and reconciled by the engine: the whole path a user takes.

Every link of a duplicate counts: each copy's link to its counterpart is a true link, so a
report that hides the ERP record behind a CRM duplicate loses recall. Links of either band
count as predicted links.
"""

import pytest

from app.connectors.files import FileConnector
from app.demo.linkage import CRM_HEADERS, generate_labelled, write_exports
from app.domain.schema import Entity
from app.progress import run
from app.reconcile.engine import reconcile


@pytest.fixture(scope="module", params=[("es", 11), ("hubspot", 29)], ids=["es", "hubspot"])
def outcome(request, tmp_path_factory):
    style, seed = request.param
    data = generate_labelled(4000, seed=seed, residue=0.05, copy_rate=0.02)
    crm_path, erp_path = write_exports(data, tmp_path_factory.mktemp(style), style, seed)
    crm, erp = FileConnector(crm_path, "crm", "customers"), FileConnector(erp_path, "erp", "customers")
    report = run(reconcile(crm, erp, entities=(Entity.CUSTOMERS,), extra=False))
    return style, data, report


def test_the_exports_are_read_whole(outcome):
    style, data, report = outcome
    result = report[Entity.CUSTOMERS]
    # The records keep their own ids (no «línea N»), so every label still applies.
    assert set(result.crm["source_id"]) == set(data.crm["source_id"])
    assert set(result.erp["source_id"]) == set(data.erp["source_id"])
    header = CRM_HEADERS[style]["source_id"]
    assert [i for i in report.issues if i.column == header or i.reason == "unmapped_column"] == []
    # Names are read from the combined «Nombre / Razón social» column, phones whatever the form.
    assert result.erp["full_name"].notna().all()
    assert result.crm["phone"].str.fullmatch(r"3\d{9}").all()
    assert result.crm["is_customer"].sum() == data.crm["is_customer"].sum()


def test_precision_and_recall_at_least_99_percent_counting_every_duplicate(outcome):
    _, data, report = outcome
    result = report[Entity.CUSTOMERS]
    predicted = {(x.crm_id, x.erp_id) for x in result.links}
    hits = len(predicted & data.true_links)
    precision, recall = hits / len(predicted), hits / len(data.true_links)
    assert precision >= 0.99, precision
    assert recall >= 0.99, recall
    copies = {(c, e) for c, e in data.true_links if c.endswith("-2") or e.endswith("-2")}
    assert len(copies) > 100
    assert len(predicted & copies) / len(copies) >= 0.99


def test_no_homonym_is_ever_linked(outcome):
    _, data, report = outcome
    predicted = {(x.crm_id, x.erp_id) for x in report[Entity.CUSTOMERS].links}
    assert data.homonyms
    assert predicted & data.homonyms == set()


def test_each_duplicate_group_is_found(outcome):
    _, data, report = outcome
    groups = [set(d.ids) for d in report[Entity.CUSTOMERS].duplicates]
    pairs = data.crm_copies | data.erp_copies
    found = sum(1 for a, b in pairs if any({a, b} <= g for g in groups))
    assert found / len(pairs) >= 0.99
