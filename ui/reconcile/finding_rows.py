"""What one row of the findings table holds besides its finding: what its records say.

A finding carries the values that differ; a one-sided finding («Falta Ciudad», «Solo en el
CRM», an invalid VIN) often carries none, and its row would read "—" on both sides until it is
clicked. :func:`finding_rows` looks the finding's records up in the entity's result (off the
GUI thread, with the rest of the preparation) and keeps, per row, the customers' names in
each system, each side's text as the row shows it, and the words a search must also find in
the records: names, documents, phones, e-mails (accents and case folded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.domain.schema import Entity, System
from app.findings.views import FindingView
from app.reconcile.results import EntityResult, Mismatch
from ui.common import formatting as fmt
from ui.common.models import fast_fold

#: One-sided kinds that mean "the other system has no such record at all".
ABSENT_KINDS = frozenset(
    {"only_in_crm", "only_in_erp", "crm_payment_without_receipt",
     "erp_receipt_without_crm_payment"}
)

#: What a search finds in a finding's records besides what the row shows (DESIGN §1: a
#: steward looks a customer up by name, document, phone or e-mail).
SEARCHED_FIELDS: dict[Entity, tuple[str, ...]] = {
    Entity.CUSTOMERS: ("first_names", "last_names", "company_name", "doc_number", "phone",
                       "email", "city_name"),
    Entity.PAYMENTS: ("receipt_number", "invoice_number", "customer_doc", "deal_id"),
    Entity.VEHICLES: ("vin", "make", "model", "customer_doc", "deal_id"),
}


def display_name(record: dict[str, Any]) -> str | None:
    """``app.reconcile.customers.display_name``, imported on first use: the matcher's module
    loads pandas, which the window does not need to open (rows are built on a worker)."""
    global _display_name
    if _display_name is None:
        from app.reconcile.customers import display_name as found

        _display_name = found
    return _display_name(record)


_display_name: Callable[[dict[str, Any]], str | None] | None = None


class Mark(NamedTuple):
    """What is already done about a finding: its words and the colour of its square."""

    text: str
    color: str


@dataclass(slots=True)
class FindingRow:
    """One row: a finding and what its records add. ``mark`` (the correction already made
    for it) and ``age`` (days open) change after the row is built; the rest does not."""

    finding: Mismatch
    crm_text: str = fmt.EMPTY  # the CRM's side as the row reads
    erp_text: str = fmt.EMPTY
    crm_name: str = ""  # customers: the name each system's record holds
    erp_name: str = ""
    search: str = ""  # what a search compares with: the row and its records, folded
    mark: str = ""  # «Propuesta por Ana Ruiz el 02/03/2026»…
    mark_color: str = ""  # "#rrggbb": the square the row's first cell shows beside its kind
    age: int | None = None  # days since the first run that found it, when known
    fid: str = ""  # its id in the workspace's findings (app.findings), once a run is saved
    life: FindingView | None = None  # where it stands: state, owner, reason, manual match
    owner_name: str = ""  # the owner's name (their login when unknown)

    @property
    def state(self) -> str | None:
        """Its state's code (``FindingState``), None before a saved run knows it."""
        return None if self.life is None else self.life.state.value

    @property
    def owner(self) -> str | None:
        return None if self.life is None else self.life.assignee


def record_name(entity: Entity, record: dict[str, Any] | None) -> str:
    """A customer's name as its record writes it ("" for anything else)."""
    if entity is not Entity.CUSTOMERS or record is None:
        return ""
    return display_name(record) or ""


def names_text(row: FindingRow) -> str:
    """A customer's name in both systems: once when they agree (case, accents and spaces
    aside), «CRM / ERP» when they do not; "—" when neither record has one."""
    crm, erp = row.crm_name, row.erp_name
    if crm and erp and not _same_name(crm, erp):
        return f"{crm} / {erp}"
    return crm or erp or fmt.EMPTY


def names_tooltip(row: FindingRow) -> str:
    """Both names exactly as each system writes them, one per line."""
    lines = [f"{fmt.system_name(system)}: {name}"
             for system, name in ((System.CRM, row.crm_name), (System.ERP, row.erp_name))
             if name]
    return "\n".join(lines)


def _same_name(a: str, b: str) -> bool:
    if a.casefold() == b.casefold():  # most often: one system writes in capitals
        return True
    return fast_fold(" ".join(a.split())) == fast_fold(" ".join(b.split()))


def _records(result: EntityResult | None, m: Mismatch, system: System
             ) -> list[dict[str, Any]]:
    """The records of ``system`` the finding names: its id there, or its group's ids."""
    if result is None:
        return []
    ids: Sequence[str | None]
    if m.ids and System(m.system or System.CRM) is system:
        ids = m.ids
    else:
        ids = (m.crm_id if system is System.CRM else m.erp_id,)
    found = (result.record(system, i) for i in ids if i)
    return [r for r in found if r is not None]


def _field_value(field: str, record: dict[str, Any]) -> Any:
    return display_name(record) if field == "name" else record.get(field)


def _summary(entity: Entity, record: dict[str, Any]) -> str:
    """A record in a few words, for a row about the whole record («Solo en el CRM»)."""
    if entity is Entity.CUSTOMERS:
        parts = [record.get("city_name"), record.get("phone")]
    elif entity is Entity.PAYMENTS:
        parts = [fmt.money(record.get("amount")), fmt.value_text("paid_on",
                                                                 record.get("paid_on"))]
    else:
        model = " ".join(str(p) for p in (record.get("make"), record.get("model"),
                                          record.get("model_year")) if p)
        status = record.get("status")
        parts = [model, fmt.status_name(status) if status else None]
    texts = [str(p) for p in parts if not fmt.is_empty(p) and p != fmt.EMPTY and str(p)]
    return " · ".join(texts) or fmt.EMPTY


def side_text(entity: Entity, m: Mismatch, system: System,
              records: list[dict[str, Any]]) -> str:
    """One side of the row: the value the finding carries, or else what the record holds
    (its field, «(sin dato)» when that is what is missing, or the record in a few words);
    «No existe» when the finding is that the record is not there."""
    crm = system is System.CRM
    value = m.crm_value if crm else m.erp_value
    amount = m.crm_amount if crm else m.erp_amount
    if value is not None:
        return fmt.value_text(m.field, value)
    if amount is not None:
        return fmt.money(amount)
    if not records:
        own_id = m.crm_id if crm else m.erp_id
        if own_id is None and not m.ids and m.kind in ABSENT_KINDS:
            return fmt.tr("No existe")
        return fmt.EMPTY
    record = records[0]
    if m.field:
        text = fmt.value_text(m.field, _field_value(m.field, record))
        return fmt.tr("(sin dato)") if text == fmt.EMPTY else text
    return _summary(entity, record)


def _search_words(entity: Entity, records: Iterable[dict[str, Any]]) -> list[str]:
    # Called for every row of a 100,000-row table: the values are text or None, so test
    # those cheaply and leave anything else to str().
    fields = SEARCHED_FIELDS[entity]
    words = []
    for record in records:
        for name in fields:
            value = record.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                words.append(value)
            elif not fmt.is_empty(value):
                words.append(str(value))
    return words


def finding_row(entity: Entity, result: EntityResult | None, m: Mismatch
                ) -> tuple[FindingRow, list[str]]:
    """The row of ``m`` (its sides read from the finding or its records in ``result``) and
    the words of those records a search must find."""
    crm, erp = _records(result, m, System.CRM), _records(result, m, System.ERP)
    row = FindingRow(m, side_text(entity, m, System.CRM, crm),
                     side_text(entity, m, System.ERP, erp),
                     record_name(entity, crm[0] if crm else None),
                     record_name(entity, erp[0] if erp else None))
    return row, _search_words(entity, crm + erp)


def mismatch_of(view: FindingView) -> Mismatch:
    """A finding as the run saw it, from what the store keeps of it: the row of a finding
    matched by hand, which the report (with the manual matches applied) no longer lists."""
    data = view.data
    return Mismatch(
        view.kind, view.crm_ids[0] if view.crm_ids else None,
        view.erp_ids[0] if view.erp_ids else None, key=view.ref, field=view.field,
        crm_value=data.get("crm_value"), erp_value=data.get("erp_value"),
        crm_amount=data.get("crm_amount"), erp_amount=data.get("erp_amount"),
        at_stake=view.at_stake, branch=view.branch, system=view.system,
        detail=data.get("detail"), apart=data.get("apart"))
