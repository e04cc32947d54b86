"""Exports written by other people's programs never break ``cuadre reconcile`` (property-based).

Known records of one entity are written as a clean CRM and ERP export and again in a variant
(``tests/support/foreign_exports.py``: encodings, separators, es-CO/en-US amounts, mixed date
formats, blank lines, title rows, trailing empty columns, duplicated headers, XLSX with native
numbers, dates and merged cells, Excel's scientific documents, documents whose leading zeros a
spreadsheet dropped). Both are reconciled through the command line, in this process, and:

- the command never fails unexpectedly: exit 0 (or 1 with one Spanish sentence), never a
  traceback nor «error inesperado»;
- every record of both files is accounted for: linked, in a finding, or named by a source
  issue (by its id, or by its line when it has none);
- a variant that loses no information gives the very findings of the clean export; a lossy one
  names what it lost (``scientific_notation``) instead of comparing a wrong document.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from support.foreign_exports import (
    BRANCHES,
    CITIES,
    MAKES,
    STATUSES,
    Records,
    Variant,
    person,
    write_export,
)

from app.cli.main import main
from app.connectors.files import FileConnector
from app.domain.schema import records
from app.domain.values import is_scientific

# Each example is two whole runs of the command: shrinking a failure would take many minutes,
# so a failure is shown as found (its records and variant are short enough to read).
# CUADRE_FUZZ_EXAMPLES=500 for a longer hunt.
EXAMPLES = settings(max_examples=int(os.environ.get("CUADRE_FUZZ_EXAMPLES", "60")),
                    deadline=None, derandomize=True,
                    phases=(Phase.explicit, Phase.reuse, Phase.generate),
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
_VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"

# --- records --------------------------------------------------------------------------------

presence = st.sampled_from(("both", "both", "both", "crm", "erp"))


@st.composite
def customers(draw: Any) -> Records:
    n = draw(st.integers(2, 6))
    docs = draw(st.lists(st.integers(10**5, 10**12 - 1), min_size=n, max_size=n, unique=True))
    crm: list[dict[str, Any]] = []
    erp: list[dict[str, Any]] = []
    for i, number in enumerate(docs):
        kind = draw(st.sampled_from(("CC", "CC", "NIT")))
        doc = str(number if kind == "CC" else 800_000_000 + number % 199_999_999)
        if kind == "CC" and draw(st.integers(0, 7)) == 0:
            doc = "00" + doc[:8]  # a document typed with leading zeros: they are kept
        phone = "3" + str(draw(st.integers(0, 10**9 - 1))).zfill(9)
        email = draw(st.sampled_from((None, f"cliente{i}@correo.com.co", f"C{i}@Gmail.com")))
        city = draw(st.sampled_from(CITIES))
        where = draw(presence)
        base = person(i, doc, kind, phone, email, city)
        if where != "erp":
            record = dict(base, id=f"C{i}")
            if draw(st.integers(0, 7)) == 0:  # a NIT lost, its DV still there
                record.update(doc_type="NIT", doc=None, dv="5")
            crm.append(record)
        if where != "crm":
            other = dict(base, id=str(1000 + i))
            if draw(st.integers(0, 7)) == 0:
                other.update(doc_type="NIT", doc=None, dv="7")
            if draw(st.booleans()):
                other["phone"] = "3" + str(draw(st.integers(0, 10**9 - 1))).zfill(9)
            erp.append(other)
    return Records("customers", crm, erp)


@st.composite
def payments(draw: Any) -> Records:
    n = draw(st.integers(2, 6))
    crm: list[dict[str, Any]] = []
    erp: list[dict[str, Any]] = []
    for i in range(n):
        amount = Decimal(draw(st.integers(10_000, 90_000_000_000))) / 100
        if draw(st.booleans()):
            amount = amount.to_integral_value()  # most receipts are whole pesos
        paid = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 330)))
        base = {"receipt": f"RC-{1000 + i}", "invoice": f"FV-{2000 + i}",
                "doc": str(draw(st.integers(10**6, 10**10 - 1))), "amount": amount, "date": paid,
                "branch": draw(st.sampled_from(BRANCHES))}
        where = draw(presence)
        if where != "erp":
            crm.append(dict(base, id=f"P{i}"))
        if where != "crm":
            other = dict(base, id=str(5000 + i))
            change = draw(st.sampled_from(("none", "none", "amount", "date")))
            if change == "amount":
                other["amount"] = amount + 1000
            elif change == "date":
                other["date"] = paid + timedelta(days=9)
            erp.append(other)
    return Records("payments", crm, erp)


@st.composite
def vehicles(draw: Any) -> Records:
    n = draw(st.integers(2, 6))
    crm: list[dict[str, Any]] = []
    erp: list[dict[str, Any]] = []
    for i in range(n):
        numeric = draw(st.integers(0, 5)) == 0  # a serial of digits where a VIN should be
        vin = (str(draw(st.integers(10**7, 10**9))) if numeric
               else "".join(draw(st.lists(st.sampled_from(_VIN_CHARS), min_size=17, max_size=17))))
        make, model = draw(st.sampled_from(MAKES))
        base = {"vin": vin, "make": make, "model": model, "year": str(draw(st.integers(2018, 2027))),
                "status": draw(st.sampled_from(STATUSES)),
                "price": Decimal(draw(st.integers(40_000_000, 300_000_000))),
                "branch": draw(st.sampled_from(BRANCHES))}
        where = draw(presence)
        if where != "erp":
            crm.append(dict(base, id=f"V{i}"))
        if where != "crm":
            erp.append(dict(base, id=str(7000 + i)))
    assume(len({r["vin"] for r in crm}) == len(crm) and len({r["vin"] for r in erp}) == len(erp))
    return Records("vehicles", crm, erp)


lossless_variants = st.one_of(
    st.builds(Variant, encoding=st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16",
                                                 "bom+cp1252")),
              separator=st.sampled_from((",", ";", "\t", "|")),
              amounts=st.sampled_from(("plain", "es-CO", "en-US", "es-CO-whole", "en-US-whole")),
              dates=st.sampled_from(("dmy", "iso", "mixed", "stamp", "dashes")),
              blank_lines=st.booleans(), title_rows=st.booleans(),
              trailing_columns=st.integers(0, 3), duplicate_header=st.booleans(),
              crlf=st.booleans(), floats=st.booleans(), duplicate_known=st.booleans(),
              total_row=st.booleans(), padding=st.booleans(), quote_all=st.booleans(),
              upper_headers=st.booleans(),
              nulls=st.sampled_from(("", "nan", "NaN", "NULL", "#N/D", "#N/A"))),
    st.builds(Variant, xlsx=st.just(True), native=st.booleans(), merged=st.booleans(),
              amounts=st.sampled_from(("plain", "es-CO", "en-US")),
              dates=st.sampled_from(("dmy", "iso")), trailing_columns=st.integers(0, 2),
              duplicate_header=st.booleans()),
)
lossy_variants = st.one_of(
    st.builds(Variant, scientific=st.just(True), separator=st.sampled_from((",", ";"))),
    st.builds(Variant, zeros_lost=st.just(True), xlsx=st.booleans(), native=st.just(True)),
)

# --- running the command line -----------------------------------------------------------------


def reconcile(folder: Path, records: Records, crm: Variant, erp: Variant,
              capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    folder.mkdir(parents=True, exist_ok=True)
    crm_path = write_export(folder / "crm", records, "crm", crm)
    erp_path = write_export(folder / "erp", records, "erp", erp)
    out = folder / "r.json"
    code = main(["reconcile", "--entity", records.entity, "--crm", str(crm_path), "--erp",
                 str(erp_path), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "inesperado" not in err, err
    assert code in (0, 1), (code, err)
    if code == 1:
        assert err.strip() and len(err.strip().splitlines()) <= 2, err
    doc = json.loads(out.read_text("utf-8")) if out.exists() else {}
    doc["_paths"] = {"crm": crm_path, "erp": erp_path}
    return code, doc, err


def canonical(path: Path, system: str, entity: str) -> list[dict[str, Any]]:
    """The file's records as the connector reads them: what the engine is given. A file too
    big for memory is read in batches (``pull_batches``): the same records, read so too."""
    connector = FileConnector(path, system, entity)
    whole = records(connector.pull(entity))
    issues = connector.issues()
    batched = [r for batch in connector.pull_batches(entity, batch_rows=2) for r in records(batch)]
    assert batched == whole and sorted(map(repr, connector.issues())) == sorted(map(repr, issues))
    return whole


def accounted(doc: dict[str, Any], records: Records) -> None:
    """Every record of both sides is linked, in a finding, or named by a source issue."""
    section = doc[records.entity]
    seen: dict[str, set[str]] = {"crm": set(), "erp": set()}
    for item in section.get("links", []) + section.get("mismatches", []):
        for system in ("crm", "erp"):
            for key in (f"{system}_id", f"{system}_ids"):
                value = item.get(key)
                if isinstance(value, list):
                    seen[system].update(map(str, value))
                elif value is not None:
                    seen[system].add(str(value))
    for item in section.get("duplicates", []):
        seen[item.get("system", "crm")].update(map(str, item.get("source_ids", [])))
    for issue in doc.get("source_issues", []):
        if issue.get("source_id"):
            seen[issue["system"]].add(str(issue["source_id"]))
    for system in ("crm", "erp"):
        missing = {r["id"] for r in records.side(system)} - seen[system]
        assert not missing, (system, missing, section)


def findings(doc: dict[str, Any], entity: str) -> list[tuple[Any, ...]]:
    section = doc[entity]
    links = sorted((x["crm_id"], x["erp_id"], x["method"]) for x in section["links"])
    mismatches = sorted(
        (m["kind"], m["crm_id"] or "", m["erp_id"] or "", m["field"] or "",
         str(m["crm_value"]), str(m["erp_value"])) for m in section["mismatches"])
    return [*links, *mismatches]


def record_issues(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The cells and rows that could not be read (a column's own notes, such as a header
    Cuadre does not use, differ between layouts and are left out)."""
    return sorted((i["system"], i["source_id"], i["column"], i["reason"], str(i["value"]))
                  for i in doc["source_issues"] if i["source_id"] is not None)


def check(tmp_path: Path, records: Records, variant: Variant, which: str,
          capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    folder = tmp_path / f"{records.entity}-{abs(hash((str(records), str(variant), which)))}"
    crm, erp = (variant, Variant()) if which == "crm" else (Variant(), variant)
    code, doc, err = reconcile(folder / "variant", records, crm, erp, capsys)
    assert code == 0, err
    accounted(doc, records)
    return doc


@pytest.mark.parametrize("entity", ["customers", "payments", "vehicles"])
@pytest.mark.parametrize("which", ["crm", "erp"])
def test_lossless_variants_give_the_clean_exports_findings(entity, which, tmp_path, capsys):
    strategy = {"customers": customers(), "payments": payments(), "vehicles": vehicles()}[entity]

    @EXAMPLES
    @given(records=strategy, variant=lossless_variants)
    def run(records: Records, variant: Variant) -> None:
        clean_code, clean, err = reconcile(tmp_path / "clean", records, Variant(), Variant(),
                                           capsys)
        assert clean_code == 0, err
        accounted(clean, records)
        doc = check(tmp_path, records, variant, which, capsys)
        assert findings(doc, entity) == findings(clean, entity), variant
        assert record_issues(doc) == record_issues(clean), variant
        # Nothing lost that the findings do not compare either (a branch, a make…).
        assert canonical(doc["_paths"][which], which, entity) == canonical(
            clean["_paths"][which], which, entity), variant

    run()


@pytest.mark.parametrize("which", ["crm", "erp"])
def test_lossy_variants_account_for_every_record(which, tmp_path, capsys):
    @EXAMPLES
    @given(records=st.one_of(customers(), payments()), variant=lossy_variants)
    def run(records: Records, variant: Variant) -> None:
        doc = check(tmp_path, records, variant, which, capsys)
        if variant.scientific:
            long_docs = {r["id"] for r in records.side(which) if len(r.get("doc") or "") >= 12}
            named = {i["source_id"] for i in doc["source_issues"]
                     if i["reason"] == "scientific_notation"}
            assert named == long_docs

    run()


def test_each_family_read_as_meant(tmp_path):
    """The families the property test draws from, one by one, in one small file: a float
    column's «.0», blanks as programs write them, Excel's scientific document (named, never
    compared), a NIT lost with its DV still there."""
    path = tmp_path / "clientes.csv"
    path.write_text("Id;Tipo documento;Documento;DV;Celular;Correo;Ciudad;Nombres\n"
                    "1.0;CC;79123456.0;;3001234567.0;nan;Cali;Ana\n"
                    "2;CC;1,23457E+15;;#N/D;NULL;Bogotá;Luis\n"
                    "3;NIT;;5.0;3109876543;;Cali;Autos\n", encoding="utf-8")
    connector = FileConnector(path, "crm", "customers")
    got = records(connector.pull("customers"))
    assert [(r["source_id"], r["doc_number"], r["check_digit"], r["phone"], r["email"])
            for r in got] == [("1", "79123456", None, "3001234567", None),
                              ("2", None, None, None, None),
                              ("3", None, "5", "3109876543", None)]
    assert [(i.source_id, i.column, i.reason, i.value) for i in connector.issues()] == [
        ("2", "Documento", "scientific_notation", "1,23457E+15")]
    assert not is_scientific("AB12E345") and is_scientific("1.23457E+15")
