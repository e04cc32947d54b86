"""Fiscal history is never edited (DESIGN §4): a validated DIAN invoice gets a note instead.

A correction that would change a fiscal field (amount, customer document, invoice number, date,
CUFE) of an ERP payment whose invoice is validated — it carries a CUFE, or its status says it
was posted/validated — is not a field edit. It becomes a :class:`CreditNoteTask` for the
accountant: a credit note for what the invoice overstates, a debit note for what it
understates, or a credit note for the whole invoice and a new invoice when the customer,
number or date is wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.schema import Entity, System
from app.domain.values import format_cop
from app.writeback.values import from_json_value, shown, to_json_value

FISCAL_FIELDS = frozenset({"amount", "customer_doc", "invoice_number", "paid_on", "cufe"})
VALIDATED_STATUSES = frozenset({"posted", "validated", "accepted", "validada", "aceptada",
                                "contabilizada", "contabilizado", "emitida"})

CREDIT_NOTE = "credit_note"
DEBIT_NOTE = "debit_note"


def is_validated_invoice(record: Mapping[str, Any] | None) -> bool:
    """Whether the payment belongs to an invoice DIAN validated (CUFE, or a validated status)."""
    if record is None:
        return False
    cufe = record.get("cufe")
    if isinstance(cufe, str) and cufe.strip():
        return True
    status = record.get("status")
    return bool(record.get("invoice_number")) and isinstance(status, str) \
        and status.strip().casefold() in VALIDATED_STATUSES


def needs_note(entity: Entity, target: System, fields: set[str],
               record: Mapping[str, Any] | None) -> bool:
    return (entity is Entity.PAYMENTS and target is System.ERP
            and bool(FISCAL_FIELDS & fields) and is_validated_invoice(record))


@dataclass(frozen=True, slots=True)
class CreditNoteTask:
    """A credit or debit note the accountant must issue instead of editing an invoice."""

    ident: str
    proposal: str  # the ident of the proposal it replaces
    note: str  # "credit_note" | "debit_note"
    source_id: str  # the ERP receipt/payment record
    invoice_number: str | None
    cufe: str | None
    receipt_number: str | None
    customer_doc: str | None
    field: str
    current: Any
    proposed: Any
    amount: Decimal | None  # the note's amount in COP
    reissue: bool  # a new invoice follows the note (customer, number or date was wrong)
    key: str | None
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "ident": self.ident, "proposal": self.proposal, "note": self.note,
            "source_id": self.source_id, "invoice_number": self.invoice_number, "cufe": self.cufe,
            "receipt_number": self.receipt_number, "customer_doc": self.customer_doc,
            "field": self.field, "current": to_json_value(self.current),
            "proposed": to_json_value(self.proposed), "amount": to_json_value(self.amount),
            "reissue": self.reissue, "key": self.key, "sentence": self.sentence,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CreditNoteTask:
        field = str(data["field"])
        return cls(
            ident=str(data["ident"]), proposal=str(data["proposal"]), note=str(data["note"]),
            source_id=str(data["source_id"]), invoice_number=data.get("invoice_number"),
            cufe=data.get("cufe"), receipt_number=data.get("receipt_number"),
            customer_doc=data.get("customer_doc"), field=field,
            current=from_json_value(field, data.get("current")),
            proposed=from_json_value(field, data.get("proposed")),
            amount=from_json_value("amount", data.get("amount")),
            reissue=bool(data.get("reissue")), key=data.get("key"), sentence=str(data["sentence"]),
        )


#: What a new invoice changes, as the sentence names it.
_REISSUED = {"customer_doc": mark_app("app.writeback", "el documento del cliente"),
             "paid_on": mark_app("app.writeback", "la fecha"),
             "invoice_number": mark_app("app.writeback", "el número"),
             "cufe": mark_app("app.writeback", "el CUFE")}


def credit_note_task(proposal_ident: str, record: Mapping[str, Any], field: str, current: Any,
                     proposed: Any, key: str | None) -> CreditNoteTask:
    """The note that replaces changing ``field`` of the validated invoice behind ``record``."""
    invoice = record.get("invoice_number") or tr_app("app.writeback", "sin número")
    cufe = record.get("cufe") or None
    total = record.get("amount")
    where = (tr_app("app.writeback", "La factura {invoice} (CUFE {cufe}…)").format(
        invoice=invoice, cufe=str(cufe)[:8]) if cufe
        else tr_app("app.writeback", "La factura {invoice}").format(invoice=invoice))
    if field == "amount" and isinstance(current, Decimal) and isinstance(proposed, Decimal):
        diff = proposed - current
        note = DEBIT_NOTE if diff > 0 else CREDIT_NOTE
        amount: Decimal | None = abs(diff)
        reissue = False
        said = (tr_app("app.writeback", "{invoice} está validada ante la DIAN y no se edita: "
                       "emitir una nota débito por {amount} (valor de {now} a {new}).")
                if note == DEBIT_NOTE else
                tr_app("app.writeback", "{invoice} está validada ante la DIAN y no se edita: "
                       "emitir una nota crédito por {amount} (valor de {now} a {new})."))
        sentence = said.format(invoice=where, amount=format_cop(amount), now=format_cop(current),
                               new=format_cop(proposed))
    else:
        note, amount, reissue = CREDIT_NOTE, total if isinstance(total, Decimal) else None, True
        what = tr_marked("app.writeback", _REISSUED.get(field, field))
        sentence = tr_app("app.writeback", "{invoice} está validada ante la DIAN y no se edita: "
                          "emitir una nota crédito por el total ({amount}) y una factura nueva "
                          "con {what} {new} en lugar de {now}.").format(
            invoice=where, amount=format_cop(amount), what=what, new=shown(field, proposed),
            now=shown(field, current))
    ident = hashlib.sha256(json.dumps(["note", proposal_ident]).encode()).hexdigest()[:32]
    return CreditNoteTask(
        ident=ident, proposal=proposal_ident, note=note, source_id=str(record.get("source_id")),
        invoice_number=record.get("invoice_number"), cufe=cufe,
        receipt_number=record.get("receipt_number"), customer_doc=record.get("customer_doc"),
        field=field, current=current, proposed=proposed, amount=amount, reissue=reissue, key=key,
        sentence=sentence,
    )
