"""How long the findings table takes with 100,000 rows: load, filter, search and sort.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/table_100k.py [rows] [--entity payments|customers]

Prints seconds per operation with a real QTableView attached (what the window does). Rows are
prepared on the worker thread that produced the report, so only "show" blocks the window.

``payments`` (the default) are findings alone, as before issue 15. ``customers`` carry their
records too (100,000 per system: names with accents, documents, phones, e-mails): preparing
then also reads each finding's records (both names, a one-sided row's values) and folds their
words into the search text, and the search looks through names, documents, phones and
e-mails no column shows. Not a test: figures depend on the machine (and on what else it
runs: compare runs made one right after the other); the test suite only checks results at
this size.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.schema import Entity, System, frame
from app.reconcile.results import KINDS, EntityResult, Mismatch
from ui.reconcile.finding_rows import Mark
from ui.reconcile.findings_model import FindingsModel, prepare_findings
from ui.reconcile.findings_proxy import FindingsProxy

_NAMES = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith", "Ibáñez", "Castaño", "Zuluaga"]
_FIRST = ["Juan", "María José", "Andrés", "Lucía", "Óscar", "Ángela", "Sebastián"]
_CITIES = ["Bogotá D.C.", "Medellín", "Cali", "Itagüí", "Envigado", None]


def findings(n: int) -> list[Mismatch]:
    rnd = random.Random(1)
    names = ["Pérez", "Gómez", "Muñoz", "Rodríguez", "Smith"]
    return [
        Mismatch(
            kind=rnd.choice(KINDS[Entity.PAYMENTS]), crm_id=f"P-{i:06d}", erp_id=f"R-{i:06d}",
            key=f"RC-{i:07d}", field="customer_doc", crm_value=f"{rnd.choice(names)} Juan",
            erp_value=str(rnd.randint(1, 10**9)), at_stake=Decimal(rnd.randint(0, 10**9)),
            branch=rnd.choice(["Bogotá - Autopista Norte", "Medellín - El Poblado"]),
        )
        for i in range(n)
    ]


def _customer(rnd: random.Random, source_id: str, doc: str, upper: bool) -> dict[str, object]:
    first, last = rnd.choice(_FIRST), f"{rnd.choice(_NAMES)} {rnd.choice(_NAMES)}"
    if upper:
        first, last = first.upper(), last.upper()
    city = rnd.choice(_CITIES)
    return {"source_id": source_id, "doc_type": "CC", "doc_number": doc, "first_names": first,
            "last_names": last, "phone": f"3{rnd.randint(0, 10**9 - 1):09d}",
            "email": f"{first.split()[0].lower()}.{doc}@correo.co", "city_name": city,
            "city_code": None if city is None else "11001"}


def customers(n: int) -> EntityResult:
    """``n`` customers per system, linked one to one, and one finding per pair: a kind
    chosen among the customers' (field differences, missing fields, one-sided records)."""
    rnd = random.Random(7)
    crm, erp, found = [], [], []
    kinds = [k for k in KINDS[Entity.CUSTOMERS] if k not in ("duplicate_key",
                                                               "possible_duplicate")]
    fields = {"name_differs": "name", "phone_differs": "phone", "email_differs": "email",
              "city_differs": "city_name", "missing_city": "city_name",
              "missing_phone": "phone", "missing_document": "doc_number",
              "invalid_check_digit": "check_digit"}
    for i in range(n):
        doc = str(10_000_000 + i)
        crm.append(_customer(rnd, f"C-{i:06d}", doc, upper=False))
        erp.append(_customer(rnd, f"{i}", doc, upper=True))
        kind = rnd.choice(kinds)
        field = fields.get(kind)
        crm_id = None if kind == "only_in_erp" else f"C-{i:06d}"
        erp_id = None if kind == "only_in_crm" else f"{i}"
        values = {}
        if kind in ("name_differs", "phone_differs", "email_differs", "city_differs"):
            values = {"crm_value": str(crm[-1].get(field) or crm[-1]["first_names"]),
                      "erp_value": str(erp[-1].get(field) or erp[-1]["first_names"])}
        system = System.CRM if kind != "only_in_erp" else System.ERP
        found.append(Mismatch(kind, crm_id, erp_id, key=doc, field=field, system=system,
                              **values))
    return EntityResult(Entity.CUSTOMERS, mismatches=found, crm=frame(Entity.CUSTOMERS, crm),
                        erp=frame(Entity.CUSTOMERS, erp))


def timed(label: str, app: QApplication, action: Callable[[], object],
          proxy: FindingsProxy | None = None) -> None:
    """Seconds until ``action``'s result shows (a big table filters and sorts on the proxy's
    worker: waited for; ``bench/table_1m.py`` measures how long the window itself waits)."""
    start = time.perf_counter()
    action()
    app.processEvents()
    while proxy is not None and proxy.busy:
        app.processEvents()
        time.sleep(0.001)
    print(f"{label:<34} {time.perf_counter() - start:6.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=100_000)
    parser.add_argument("--entity", choices=("payments", "customers"), default="payments")
    args = parser.parse_args()
    n, entity = args.rows, Entity(args.entity)
    app = QApplication(sys.argv[:1])
    result = customers(n) if entity is Entity.CUSTOMERS else None
    rows = result.findings() if result is not None else findings(n)
    model = FindingsModel(entity)
    proxy = FindingsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1000, 700)
    view.show()
    money = model.money_column()
    print(f"{n:,} rows of {entity.value}" + (" with their records" if result else ""))
    prepared = []
    timed("prepare rows (worker thread)", app,
          lambda: prepared.append(prepare_findings(entity, rows, result)))
    timed("show prepared rows", app, lambda: model.set_findings(prepared[0]), proxy)
    view.selectRow(5)
    kind = "amount_differs" if entity is Entity.PAYMENTS else "phone_differs"
    timed("filter by kind", app, lambda: proxy.set_kind(kind), proxy)
    timed("search 'perez'", app, lambda: proxy.set_search("perez"), proxy)
    print(f"{'  rows found':<34} {proxy.rowCount():6,}")
    timed("clear filters", app, lambda: (proxy.set_kind(None), proxy.set_search("")), proxy)
    if result is not None:
        timed("search an e-mail no column shows", app,
              lambda: proxy.set_search(str(result.crm["email"].iloc[-1]).upper()), proxy)
        print(f"{'  rows found':<34} {proxy.rowCount():6,}")
        timed("search a phone typed with spaces", app,
              lambda: proxy.set_search(" ".join(str(result.erp["phone"].iloc[-1])[i:i + 3]
                                                for i in (0, 3, 6))), proxy)
        print(f"{'  rows found':<34} {proxy.rowCount():6,}")
        timed("clear the search", app, lambda: proxy.set_search(""), proxy)
        timed("mark 500 rows (a bulk proposal)", app,
              lambda: model.set_marks({i * 200: Mark("Propuesta por Ana Ruiz el 02/03/2026",
                                                     "#d99a00") for i in range(500)}), proxy)
    if money is not None:
        timed("sort money, first time (keys)", app,
              lambda: view.sortByColumn(money, Qt.SortOrder.DescendingOrder), proxy)
        timed("sort money, ascending", app,
              lambda: view.sortByColumn(money, Qt.SortOrder.AscendingOrder), proxy)
    timed("sort by type (text)", app, lambda: view.sortByColumn(0, Qt.SortOrder.AscendingOrder), proxy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
