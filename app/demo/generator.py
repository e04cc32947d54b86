"""Writes the demo dealership: a demo CRM and a demo ERP as two SQLite files.

Deterministic: the same seed gives the same rows, byte for byte in content. Three branches
(Bogotá, Medellín, Cali), ~2,000 customers plus CRM-only leads, ~4,000 receipts, ~600
vehicles, several hundred CRM deals. Every mismatch kind the engine reports is seeded at a
realistic rate and tallied in the ground-truth file written beside the databases.

What the dealer insights read is there too (``app/demo/aftersale.py``): sale invoices with
the VIN, workshop visits, SOAT, insurance and loans, the CRM's follow-ups, the day each unit
entered stock and each lead came in; the truth file's ``"insights"`` object holds their known
answers (``app/demo/known.py``).
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, create_engine, event

from app.demo.aftersale import AfterSale
from app.demo.commerce import CommerceRenderer
from app.demo.known import CrmRows, ErpRows, insights_truth
from app.demo.people import CustomerRenderer, PeopleFactory, Person
from app.demo.systems import (
    crm_contacts,
    crm_deals,
    crm_followups,
    crm_metadata,
    crm_payments,
    crm_vehicles,
    erp_branches,
    erp_contracts,
    erp_invoices,
    erp_metadata,
    erp_parties,
    erp_receipts,
    erp_stock,
    erp_workshop,
)
from app.demo.world import BRANCHES
from app.insights.data import DEMO_TODAY as TODAY
from app.progress import CancelToken, Progress, Task

#: Bumped whenever the generated content changes, so stale demo files are rebuilt.
GENERATOR_VERSION = 6
SEED = 20261120

# People the commerce generator may sell to: in both systems and keyed in the CRM.
_SELLABLE = {
    "clean", "crm_bad_dv", "erp_bad_dv", "name_differs", "phone_differs", "email_differs",
    "city_differs", "crm_missing_phone", "crm_invalid_phone", "crm_missing_city",
    "erp_missing_phone", "erp_missing_city",
}


def generate(
    crm_path: Path,
    erp_path: Path,
    truth_path: Path,
    *,
    seed: int = SEED,
    customers: int = 2000,
    leads: int = 350,
    vehicles: int = 600,
    cancel: CancelToken | None = None,
) -> Task[Counter[str]]:
    """Generate both databases and the ground truth; yields progress, returns the truth."""
    rng = random.Random(seed)
    truth: Counter[str] = Counter()
    factory = PeopleFactory(rng, TODAY)
    people = CustomerRenderer(rng, factory, truth)
    commerce = CommerceRenderer(rng, TODAY, truth, life=random.Random(f"{seed}:life"))
    steps = _Steps(customers + leads + vehicles + customers + 4, cancel)

    persons, single_leads = yield from _people(rng, factory, people, customers, leads, steps)
    sellable = [p for p, s in persons if s in _SELLABLE]
    for _ in range(vehicles):
        commerce.render_unit(commerce.unit(sellable), people.crm_doc_of, sellable)
    yield steps.advance(vehicles)
    for p, scenario in persons:
        if scenario == "crm_only":
            continue
        for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(10, 35, 30, 15, 10))[0]):
            commerce.invoice(p, people.erp_id_of[p.doc], people.crm_doc_of.get(p.idx),
                             in_crm=scenario != "erp_only")
    yield steps.advance(customers)

    after, crm_rows, erp_rows = _after_sale(commerce, people, persons, single_leads)
    _write(crm_path, crm_metadata, [
        (crm_contacts, people.crm),
        (crm_deals, commerce.crm_deals),
        (crm_payments, commerce.crm_payments),
        (crm_vehicles, commerce.crm_vehicles),
        (crm_followups, after.followups),
    ])
    yield steps.advance(2)
    _write(erp_path, erp_metadata, [
        (erp_branches, [{"id": b.erp_id, "codigo": b.code, "nombre": b.name,
                         "cod_municipio": b.city_code} for b in BRANCHES]),
        (erp_parties, people.erp),
        (erp_invoices, commerce.erp_invoices),
        (erp_receipts, commerce.erp_receipts),
        (erp_stock, commerce.erp_stock),
        (erp_workshop, after.workshop),
        (erp_contracts, after.contracts),
    ])
    _write_json(truth_path, _truth_file(seed, truth, people, commerce, after, crm_rows, erp_rows))
    yield steps.finish()
    return truth


def _people(rng: random.Random, factory: PeopleFactory, people: CustomerRenderer, customers: int,
            leads: int, steps: _Steps) -> Task[tuple[list[tuple[Person, str]], list[Person]]]:
    """The customers (each with the scenario drawn for them) and the CRM's leads."""
    branches = [b.code for b in BRANCHES]
    persons: list[tuple[Person, str]] = []
    for i in range(customers):
        p = factory.person(i + 1, rng.choices(branches, weights=(45, 30, 25))[0])
        persons.append((p, people.render(p)))
        steps.done += 1
        if steps.done % 250 == 0:
            yield steps.report()
    single_leads: list[Person] = []
    for j in range(leads):
        p = factory.person(customers + j + 1, rng.choices(branches, weights=(45, 30, 25))[0])
        # Leads often have no document yet; they are not customers, so nothing is owed.
        if p.first and rng.random() < 0.05:
            people.lead_twice(p)
        else:
            people.crm_row(p, "crm_missing_doc" if rng.random() < 0.4 else "clean", lead=True)
            single_leads.append(p)
    yield steps.advance(leads)
    return persons, single_leads


def _after_sale(commerce: CommerceRenderer, people: CustomerRenderer,
                persons: list[tuple[Person, str]], single_leads: list[Person]
                ) -> tuple[AfterSale, CrmRows, ErpRows]:
    """What happens after the sales (``app/demo/aftersale.py``), once each unit's buyer has
    the ERP's id; the rows the insights' known answers are worked out from."""
    after = AfterSale(commerce, people, persons, single_leads, _SELLABLE)
    after.plant()
    for row in commerce.erp_stock:
        buyer = row.pop("_buyer_doc")
        row["tercero_id"] = people.erp_id_of.get(str(buyer)) if buyer else None
    erp_rows = ErpRows(people.erp, commerce.erp_stock, commerce.erp_invoices,
                       commerce.erp_receipts, after.workshop, after.contracts)
    after.run(erp_rows)
    return after, CrmRows(people.crm, commerce.crm_deals, after.followups), erp_rows


def _truth_file(seed: int, truth: Counter[str], people: CustomerRenderer,
                commerce: CommerceRenderer, after: AfterSale, crm_rows: CrmRows,
                erp_rows: ErpRows) -> dict[str, Any]:
    """The ground truth written beside the databases: what was generated and seeded, and the
    insights' known answers."""
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "today": TODAY.isoformat(),
        "counts": {
            "crm_contacts": len(people.crm), "erp_customers": len(people.erp),
            "crm_deals": len(commerce.crm_deals), "crm_payments": len(commerce.crm_payments),
            "erp_receipts": len(commerce.erp_receipts),
            "erp_invoices": len(commerce.erp_invoices),
            "crm_vehicles": len(commerce.crm_vehicles), "erp_vehicles": len(commerce.erp_stock),
            "crm_followups": len(after.followups), "erp_workshop_orders": len(after.workshop),
            "erp_contracts": len(after.contracts),
        },
        "seeded": dict(sorted(truth.items())),
        "insights": insights_truth(crm_rows, erp_rows, TODAY, after.renewal_docs()),
        # The units planted for each follow-up case (``app/demo/aftersale.py``): name → VIN.
        "planted": {name: u.erp_vin for name, u in sorted(after.planted.items())},
    }


class _Steps:
    """The generation's progress: items done out of the total, with a cancel point each time
    it is reported."""

    def __init__(self, total: int, cancel: CancelToken | None) -> None:
        self.done = 0
        self.total = total
        self.cancel = cancel

    def advance(self, n: int) -> Progress:
        self.done += n
        return self.report()

    def finish(self) -> Progress:
        self.done = self.total
        return self.report()

    def report(self) -> Progress:
        if self.cancel is not None:
            self.cancel.check()
        return Progress("generate_demo", self.done, self.total)


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    return engine


def _write(path: Path, metadata: MetaData, tables: Iterable[tuple[Table, list[dict]]]) -> None:
    """Write to a temporary file first, so a cancelled or failed run never leaves half a file.

    Rows go in as plain parameter tuples (``executemany``): SQLAlchemy's per-row parameter
    processing cost more than the rest of the generation put together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    engine = _sqlite_engine(tmp)
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:
            for table, rows in tables:
                if rows:
                    columns = [c.name for c in table.columns]
                    conn.exec_driver_sql(
                        f"INSERT INTO {table.name} ({', '.join(columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})",
                        [tuple(row.get(c) for c in columns) for row in rows])
    finally:
        engine.dispose()
    os.replace(tmp, path)


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
