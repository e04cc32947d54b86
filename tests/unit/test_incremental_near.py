"""Incremental comparison where the whole and the part sort documents differently: two CRM
records one keystroke apart that sorting keeps more than two places apart in the whole (the
matching leaves them apart) must stay apart when one of them changes and only the records the
change touches are compared."""

from __future__ import annotations

from app.domain.schema import Entity, System, frame
from app.progress import run
from app.reconcile import delta
from app.reconcile.customers import reconcile_customers
from app.reconcile.delta import INCREMENTAL, Change


def _crm(phone: str, gone: int = 0) -> object:
    people = [("C-A", "1234567", "Juan Pablo", "Pérez Gómez", phone),
              ("C-B", "1239567", "Juan Pablo", "Pérez Gómez", "3001234567")]
    # Between them when sorted as written, and when sorted read backwards.
    fillers = ["1235000", "1236000", "1237000", "1115567", "1116567", "1117567"][gone:]
    fillers += [f"{90000000 + 7919 * n}" for n in range(30)]  # others, far away
    people += [(f"C-F{n + gone}", doc, f"Persona{n}", f"Apellido{n} Otro{n}", f"31100000{n:02d}")
               for n, doc in enumerate(fillers)]
    return frame(Entity.CUSTOMERS, [
        {"source_id": sid, "doc_type": "CC", "doc_number": doc, "first_names": first,
         "last_names": last, "phone": tel, "city_code": "11001", "city_name": "Bogotá",
         "is_customer": True} for sid, doc, first, last, tel in people])


def _erp() -> object:
    return frame(Entity.CUSTOMERS, [
        {"source_id": "T-1", "doc_type": "CC", "doc_number": "80000001",
         "first_names": "Ana", "last_names": "Ruiz Díaz", "phone": "3200000000",
         "city_code": "11001", "city_name": "Bogotá"}])


def _everything(result: object) -> tuple[list[str], ...]:
    return tuple(sorted(map(repr, getattr(result, name)))
                 for name in ("links", "duplicates", "mismatches"))


def test_the_part_pairs_near_documents_only_where_the_whole_does() -> None:
    comparer = reconcile_customers
    slot = ("w", "customers", "crm", "erp", "p")
    delta.forget()
    try:
        before = _crm("3001234567")
        run(delta.compare(Entity.CUSTOMERS, comparer, before, _erp(), slot, None,
                          {System.CRM: "1", System.ERP: "1"}))
        assert delta.ready(30)
        after = _crm("3009999999")  # C-A's phone changed
        changes = {System.CRM: Change(frozenset({"C-A"}), frozenset(), "1"),
                   System.ERP: Change(frozenset(), frozenset(), "1")}
        result, how = run(delta.compare(Entity.CUSTOMERS, comparer, after, _erp(), slot,
                                        changes, {System.CRM: "2", System.ERP: "2"}))
        whole = run(comparer(after, _erp()))
        assert how.mode == INCREMENTAL and how.records < how.total
        assert not whole.duplicates  # too far apart in both orders: never compared
        assert _everything(result) == _everything(whole)
    finally:
        delta.forget()


def test_records_between_two_near_documents_removed_bring_them_together() -> None:
    slot = ("w", "customers", "crm", "erp", "p")
    delta.forget()
    try:
        run(delta.compare(Entity.CUSTOMERS, reconcile_customers, _crm("3001234567"), _erp(),
                          slot, None, {System.CRM: "1", System.ERP: "1"}))
        assert delta.ready(30)
        after = _crm("3001234567", gone=3)  # the three between them as written are gone
        changes = {System.CRM: Change(frozenset(), frozenset({"C-F0", "C-F1", "C-F2"}), "1"),
                   System.ERP: Change(frozenset(), frozenset(), "1")}
        result, how = run(delta.compare(Entity.CUSTOMERS, reconcile_customers, after, _erp(),
                                        slot, changes, {System.CRM: "2", System.ERP: "2"}))
        whole = run(reconcile_customers(after, _erp()))
        assert how.mode == INCREMENTAL and how.records < how.total
        assert whole.duplicates  # now side by side: the same person twice
        assert _everything(result) == _everything(whole)
    finally:
        delta.forget()
