"""Corrections proposed for a reconciliation's findings, in the direction of the system of record.

:func:`propose` gives one :class:`Proposal` per mismatch of a :class:`Report` (in the report's
order), with an ``action``:

- ``"edit"``: a field correction of one record of the *target* system (the one that is
  wrong), copying the value of the system of record for that field (DESIGN §5; the profile's
  ``system_of_record`` overrides the default). ``changes`` holds, per canonical field, the value
  the target holds (the precondition) and the proposed value. A missing field (no phone, no
  city, no document) is filled from the linked record of the other system when it has one.
  An edit may be ``blocked`` (Ley 1581: ``"no_consent"``, ``"claim_in_progress"``); a blocked
  edit is listed with its reason and cannot be pushed.
- ``"credit_note"``: the correction would change a validated DIAN invoice (DESIGN §4); it is
  never pushed, and ``credit_note`` holds the :class:`CreditNoteTask` for the accountant
  (:func:`credit_note_tasks` lists them apart).
- ``"review"``: the finding is not a field correction (a record in one system only, a possible
  match to confirm, an invalid VIN, a duplicate receipt, a sale the ERP has not registered…).
  ``reason`` says which, ``sentence`` what to do; it cannot be pushed.

Duplicate groups are not in :func:`propose` (except duplicate receipts, a review): they become
:class:`app.writeback.merges.MergeProposal` (:func:`app.writeback.merges.merge_proposals`).

Every proposal has a stable ``ident`` (a hash of entity, target, record and the changes with
their current and proposed values, or of the finding for a review), so proposing again after a
new reconciliation gives the same ident for the same correction and never a duplicate.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.schema import Entity, System
from app.domain.values import normalize_phone
from app.reconcile.results import EntityResult, Mismatch, Report
from app.writeback import creating, habeas
from app.writeback.fiscal import CreditNoteTask, credit_note_task, needs_note
from app.writeback.policy import FIELD_GROUPS, field_phrase, other, system_of_record, system_word
from app.writeback.values import from_json_value, same, shown, to_json_value


class Action(StrEnum):
    EDIT = "edit"
    CREATE = "create"  # a new record, or the ERP's reservation of a VIN (app.writeback.creating)
    REVIEW = "review"
    CREDIT_NOTE = "credit_note"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One canonical field: what the target holds now (the precondition) and what it gets."""

    field: str
    current: Any
    proposed: Any


@dataclass(frozen=True, slots=True)
class Proposal:
    ident: str
    entity: Entity
    kind: str  # the mismatch kind it answers
    action: Action
    target: System | None  # the system whose record changes (None for a review)
    source_id: str | None  # that record's id in the target
    field: str | None  # the finding's field ("name", "phone", "amount"…)
    changes: tuple[FieldChange, ...]
    system_of_record: System | None  # where the proposed values come from
    crm_id: str | None
    erp_id: str | None
    key: str | None
    sentence: str  # one Spanish sentence
    blocked: bool = False
    reason: str | None = None  # a code: no_consent, claim_in_progress, only_in_crm…
    credit_note: CreditNoteTask | None = None
    #: The ident of the proposal that must be applied first (a reservation's customer).
    requires: str | None = None

    @property
    def current(self) -> Any:
        return self.changes[0].current if self.changes else None

    @property
    def proposed(self) -> Any:
        return self.changes[0].proposed if self.changes else None

    @property
    def pushable(self) -> bool:
        """Whether this can be sent to a system (an edit, not blocked): see
        :func:`app.writeback.outbox.to_correction`."""
        return self.action in (Action.EDIT, Action.CREATE) and not self.blocked \
            and bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "ident": self.ident, "entity": self.entity.value, "kind": self.kind,
            "action": self.action.value, "target": _sys(self.target), "source_id": self.source_id,
            "field": self.field,
            "changes": [{"field": c.field, "current": to_json_value(c.current),
                         "proposed": to_json_value(c.proposed)} for c in self.changes],
            "system_of_record": _sys(self.system_of_record), "crm_id": self.crm_id,
            "erp_id": self.erp_id, "key": self.key, "sentence": self.sentence,
            "blocked": self.blocked, "reason": self.reason,
            "credit_note": self.credit_note.to_json() if self.credit_note else None,
            "requires": self.requires,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Proposal:
        note = data.get("credit_note")
        return cls(
            ident=str(data["ident"]), entity=Entity(data["entity"]), kind=str(data["kind"]),
            action=Action(data["action"]), target=_unsys(data.get("target")),
            source_id=data.get("source_id"), field=data.get("field"),
            changes=tuple(
                FieldChange(str(c["field"]), from_json_value(str(c["field"]), c.get("current")),
                            from_json_value(str(c["field"]), c.get("proposed")))
                for c in data.get("changes") or ()
            ),
            system_of_record=_unsys(data.get("system_of_record")), crm_id=data.get("crm_id"),
            erp_id=data.get("erp_id"), key=data.get("key"), sentence=str(data["sentence"]),
            blocked=bool(data.get("blocked")), reason=data.get("reason"),
            credit_note=CreditNoteTask.from_json(note) if note else None,
            requires=data.get("requires"),
        )


def _sys(system: System | None) -> str | None:
    return None if system is None else system.value


def _unsys(value: Any) -> System | None:
    return None if value is None else System(value)


class NotPushable(ValueError):
    """The proposal is a review, a credit note or blocked: it is never sent to a system."""


def propose(report: Report, system_of_record: Mapping[str, str] | None = None) -> list[Proposal]:
    """One proposal per mismatch (and a review per duplicate receipt), in the report's order."""
    out: list[Proposal] = []
    for result in report.results.values():
        out.extend(propose_entity(result, system_of_record))
    return creating.with_dependencies(out, report)


def propose_entity(result: EntityResult, system_of_record: Mapping[str, str] | None = None
                   ) -> Iterator[Proposal]:
    for m in result.mismatches:
        yield proposal_for(result, m, system_of_record)
    if result.entity is Entity.PAYMENTS:
        for row in result.findings()[len(result.mismatches):]:
            yield _review(result.entity, row, "duplicate_receipt")


def credit_note_tasks(proposals: list[Proposal]) -> list[CreditNoteTask]:
    """The accountant's queue: the notes that replace corrections of validated invoices."""
    return [p.credit_note for p in proposals if p.credit_note is not None]


def proposal_for(result: EntityResult, m: Mismatch, system_of_record: Mapping[str, str] | None = None,
                 target: System | None = None) -> Proposal:
    """The proposal for one finding; ``target`` forces which system is corrected (the user
    decided the other system is wrong), else the system of record decides."""
    handler = _HANDLERS.get((result.entity, m.kind))
    if handler is None:
        return _review(result.entity, m, _REVIEW_REASON.get(m.kind, "not_a_field_correction"))
    return handler(result, m, system_of_record, target)


# --- edits ------------------------------------------------------------------------------------


def _edit(result: EntityResult, m: Mismatch, sor_map: Mapping[str, str] | None,
          target: System | None) -> Proposal:
    """A linked pair disagrees on a field: copy the system of record's value."""
    field = m.field or ""
    crm_rec = result.record(System.CRM, m.crm_id)
    erp_rec = result.record(System.ERP, m.erp_id)
    if crm_rec is None or erp_rec is None:
        return _review(result.entity, m, "record_not_found")
    if m.kind == "sold_in_crm_available_in_erp":
        # Copying "available" back would undo a closed sale: the ERP needs the order.
        if target is System.CRM:
            return _review(result.entity, m, "erp_sale_pending")
        return _reserve(result, m, crm_rec, erp_rec)
    sor = system_of_record(field, sor_map, erp_rec if erp_rec.get("company_name") else crm_rec)
    target = target or other(sor)
    source = other(target)
    target_rec, source_rec = (crm_rec, erp_rec) if target is System.CRM else (erp_rec, crm_rec)
    if _copied_from_duplicate(result, source, source_rec, target_rec):
        return _review(result.entity, m, "from_duplicate")
    changes = tuple(
        FieldChange(f, target_rec.get(f), source_rec.get(f))
        for f in FIELD_GROUPS.get(field, (field,))
        if source_rec.get(f) is not None and not same(target_rec.get(f), source_rec.get(f))
    )
    if not changes:
        return _review(result.entity, m, "already_equal")
    now, new = _value_for(field, target_rec), _value_for(field, source_rec)
    said = {"source": system_word(source), "target": system_word(target),
            "rules": field_phrase(result.entity, field, new),
            "field": field_phrase(result.entity, field, now),
            "now": _quote(field, now), "new": _quote(field, new)}
    if target is sor:  # the user decided the system of record is the wrong one
        sentence = tr_app("app.writeback", "Se corrige el {target} aunque el sistema de registro "
                          "es el {sor}: el {source} manda en {rules}: corregir {field} del "
                          "{target} de {now} a {new}.").format(sor=system_word(sor), **said)
    else:
        sentence = tr_app("app.writeback", "El {source} manda en {rules}: corregir {field} del "
                          "{target} de {now} a {new}.").format(**said)
    return _finish(result.entity, m, target, target_rec, source_rec, source, field, changes,
                   sentence)


def _check_digit(result: EntityResult, m: Mismatch, sor_map: Mapping[str, str] | None,
                 target: System | None) -> Proposal:
    """A NIT's DV is wrong: the right one follows from the NIT itself."""
    system = m.system or (System.CRM if m.erp_id is None else System.ERP)
    target_id = m.crm_id if system is System.CRM else m.erp_id
    record = result.record(system, target_id)
    if record is None:
        return _review(result.entity, m, "record_not_found")
    if not m.detail or target not in (None, system):  # the DV is wrong where it was found
        return _review(result.entity, m, "invalid_nit")
    twin = result.record(other(system), m.erp_id if system is System.CRM else m.crm_id)
    changes = (FieldChange("check_digit", record.get("check_digit"), m.detail),)
    sentence = tr_app("app.writeback", "El DV del NIT {nit} es {dv}: corregir el DV del {target} "
                      "de {now} a {dv}.").format(
        nit=m.key, dv=m.detail, target=system_word(system),
        now=shown("check_digit", record.get("check_digit")))
    return _finish(result.entity, m, system, record, twin, None, "check_digit", changes, sentence)


def _fill(result: EntityResult, m: Mismatch, sor_map: Mapping[str, str] | None,
          target: System | None) -> Proposal:
    """A field the target lacks (or cannot use) that the linked record of the other system has."""
    system = m.system or (System.CRM if m.erp_id is None else System.ERP)
    if target not in (None, system):
        return _review(result.entity, m, "no_value")
    target_rec = result.record(system, m.crm_id if system is System.CRM else m.erp_id)
    source = other(system)
    source_rec = result.record(source, m.erp_id if system is System.CRM else m.crm_id)
    if target_rec is None:
        return _review(result.entity, m, "record_not_found")
    if source_rec is not None and _copied_from_duplicate(result, source, source_rec, target_rec):
        return _review(result.entity, m, "from_duplicate")
    field = m.field or ""
    if m.kind == "missing_phone":
        usable = normalize_phone(source_rec.get("phone")) if source_rec else None
        fields: tuple[str, ...] = ("phone",) if usable else ()
    elif m.kind == "missing_city":
        fields = ("city_code", "city_name") if source_rec and source_rec.get("city_code") else ()
    else:
        fields = FIELD_GROUPS["doc_number"] if source_rec and source_rec.get("doc_number") else ()
    assert source_rec is not None or not fields
    changes = tuple(
        FieldChange(f, target_rec.get(f), source_rec.get(f)) for f in fields
        if source_rec is not None and source_rec.get(f) is not None
        and not same(target_rec.get(f), source_rec.get(f))
        and (target_rec.get(f) is None or f in (field, "city_name", "phone"))
    )
    if not changes:
        return _review(result.entity, m, "no_value")
    value = source_rec.get(changes[0].field) if source_rec else None
    unusable = m.detail == "invalid_phone" or (m.kind == "missing_city"
                                               and bool(target_rec.get("city_name")))
    said = {"field": field_phrase(result.entity, changes[0].field, value),
            "target": system_word(system), "source": system_word(source),
            "value": _quote(changes[0].field,
                            _value_for(field, source_rec) if source_rec else None)}
    sentence = (tr_app("app.writeback", "{field} no tiene un valor válido en el {target}: tomar "
                       "{value} del {source}.") if unusable
                else tr_app("app.writeback", "{field} falta en el {target}: tomar {value} del "
                            "{source}.")).format(**said)
    sentence = sentence[0].upper() + sentence[1:]
    return _finish(result.entity, m, system, target_rec, source_rec, source, field, changes, sentence)


def _copied_from_duplicate(result: EntityResult, source: System, source_rec: Mapping[str, Any],
                           target_rec: Mapping[str, Any]) -> bool:
    """Whether another record of the source's duplicate group is linked to the same target:
    each would copy its own value into it, so which one wins is the merge's decision, not a
    field correction's (two proposals for one field of one record must never both exist)."""
    source_id = str(source_rec.get("source_id"))
    group = result.duplicate_group(source, source_id)
    if group is None:
        return False
    target_id = str(target_rec.get("source_id"))
    for mate in group.ids:
        if mate == source_id:
            continue
        pair = (mate, target_id) if source is System.CRM else (target_id, mate)
        if result.link_between(*pair) is not None:
            return True
    return False


def _finish(entity: Entity, m: Mismatch, target: System, target_rec: Mapping[str, Any],
            source_rec: Mapping[str, Any] | None, source: System | None, field: str,
            changes: tuple[FieldChange, ...], sentence: str) -> Proposal:
    """Apply DESIGN §4 (fiscal history) and Ley 1581 to an edit, and give it its ident."""
    target_id = str(target_rec.get("source_id"))
    ident = _ident(["edit", entity.value, target.value, target_id,
                    [[c.field, to_json_value(c.current), to_json_value(c.proposed)] for c in changes]])
    action, blocked, reason, note = Action.EDIT, False, None, None
    if needs_note(entity, target, {c.field for c in changes}, target_rec):
        action, reason = Action.CREDIT_NOTE, "validated_invoice"
        main = changes[0]
        note = credit_note_task(ident, target_rec, main.field, main.current, main.proposed, m.key)
        sentence = note.sentence
    elif entity is Entity.CUSTOMERS:
        reason = habeas.block_reason((c.field for c in changes), target_rec, source_rec)
        if reason is not None:
            blocked = True
            sentence += " " + tr_app("app.writeback", "Bloqueada: {why}").format(
                why=tr_marked("app.writeback", habeas.SENTENCES[reason]).format(
                    target=system_word(target)))
    return Proposal(
        ident=ident, entity=entity, kind=m.kind, action=action, target=target, source_id=target_id,
        field=field, changes=changes, system_of_record=source, crm_id=m.crm_id, erp_id=m.erp_id,
        key=m.key, sentence=sentence, blocked=blocked, reason=reason, credit_note=note,
    )


def _value_for(field: str, record: Mapping[str, Any] | None) -> Any:
    """What a sentence shows for a finding's field: a whole name, a city's name."""
    if record is None:
        return None
    if field == "name":
        from app.reconcile.customers import display_name  # the matcher (pandas): when needed

        return display_name(dict(record))
    if field in ("city_code", "city_name"):
        return record.get("city_name") or record.get("city_code")
    if field == "doc_number":
        return record.get("doc_number")
    return record.get(field)


def _quote(field: str, value: Any) -> str:
    text = shown(field, value)
    return f"«{text}»" if field in ("name", "city_code", "city_name", "email", "branch") else text


# --- creations (app.writeback.creating) ------------------------------------------------------


def _create_customer(result: EntityResult, m: Mismatch, sor_map: Mapping[str, str] | None,
                     target: System | None) -> Proposal:
    """A customer only in one system: its creation in the other, blocked with what is
    missing (or, into the CRM, without dated consent)."""
    source = System.CRM if m.kind == "only_in_crm" else System.ERP
    record = result.record(source, m.crm_id if source is System.CRM else m.erp_id)
    into = other(source)
    if record is None or target not in (None, into) or record.get("is_customer") is False:
        return _review(result.entity, m, _REVIEW_REASON[m.kind] if record is not None
                       else "record_not_found")
    values, missing = creating.new_customer(record, into)
    doc = values.get("doc_number")
    if doc is None:
        return _review(result.entity, m, _REVIEW_REASON[m.kind])
    changes = tuple(FieldChange(f, None, values[f]) for f in (*creating.CUSTOMER_FIELDS,
                                                              *creating.CONSENT_FIELDS,
                                                              "is_customer") if f in values)
    from app.reconcile.customers import display_name

    who = display_name(dict(record)) or doc
    said = {"source": system_word(source), "into": system_word(into), "who": who, "doc": doc,
            "type": values.get("doc_type") or tr_app("app.writeback", "documento")}
    if "check_digit" in values:
        sentence = tr_app("app.writeback", "Está solo en el {source}: crear el cliente «{who}» "
                          "({type} {doc}-{dv}, DV calculado) en el {into}.").format(
            dv=values["check_digit"], **said)
    else:
        sentence = tr_app("app.writeback", "Está solo en el {source}: crear el cliente «{who}» "
                          "({type} {doc}) en el {into}.").format(**said)
    reason, why = creating.customer_block(record, into, missing)
    if why:
        sentence += " " + tr_app("app.writeback", "Bloqueada: {why}").format(why=why)
    source_id = creating.document_key(doc)
    return Proposal(
        ident=_ident(["create", result.entity.value, into.value, source_id]),
        entity=result.entity, kind=m.kind, action=Action.CREATE, target=into,
        source_id=source_id, field="doc_number", changes=changes, system_of_record=source,
        crm_id=m.crm_id, erp_id=m.erp_id, key=m.key, sentence=sentence,
        blocked=reason is not None, reason=reason)


def _reserve(result: EntityResult, m: Mismatch, crm_rec: Mapping[str, Any],
             erp_rec: Mapping[str, Any]) -> Proposal:
    """Sold in the CRM, available in the ERP: the ERP registers the order that reserves the
    VIN for the deal's customer (and its preparation, where it has a workshop)."""
    changes = tuple(FieldChange(f, held, wanted)
                    for f, held, wanted in creating.reservation_changes(erp_rec, crm_rec))
    doc = changes[1].proposed
    if erp_rec.get("status") != "available" or doc is None:
        return _review(result.entity, m, "erp_sale_pending")
    target_id = str(erp_rec.get("source_id"))
    vin = erp_rec.get("vin") or m.key
    deal = crm_rec.get("deal_id")
    sentence = (tr_app("app.writeback", "El CRM registra la venta (negocio {deal}) y el ERP "
                       "ofrece el VIN {vin} como disponible: registrar en el ERP el pedido para "
                       "el cliente {doc}, que reserva el VIN (ninguna otra sede puede venderlo), "
                       "con su alistamiento en el taller donde el ERP lo tiene.") if deal
                else tr_app("app.writeback", "El CRM registra la venta y el ERP ofrece el VIN "
                            "{vin} como disponible: registrar en el ERP el pedido para el "
                            "cliente {doc}, que reserva el VIN (ninguna otra sede puede "
                            "venderlo), con su alistamiento en el taller donde el ERP lo "
                            "tiene.")).format(deal=deal, vin=vin, doc=doc)
    return Proposal(
        ident=_ident(["reserve", result.entity.value, target_id, doc]), entity=result.entity,
        kind=m.kind, action=Action.CREATE, target=System.ERP, source_id=target_id,
        field="status", changes=changes, system_of_record=System.CRM, crm_id=m.crm_id,
        erp_id=m.erp_id, key=m.key, sentence=sentence)


# --- reviews ----------------------------------------------------------------------------------

#: Findings that are not field corrections, and the reason code each gets.
_REVIEW_REASON = {
    "only_in_crm": "only_in_crm",
    "only_in_erp": "only_in_erp",
    "possible_match": "possible_match",
    "crm_payment_without_receipt": "missing_receipt",
    "erp_receipt_without_crm_payment": "missing_crm_payment",
    "invalid_vin": "invalid_vin",
    "duplicate_key": "duplicate",
    "possible_duplicate": "duplicate",
}

_REVIEW_SENTENCES: dict[str, str] = {
    "only_in_crm": mark_app(
        "app.writeback",
        "Está solo en el CRM: créelo en el ERP o revise si está con otro documento; no es una"
        " corrección de campo."),
    "only_in_erp": mark_app(
        "app.writeback",
        "Está solo en el ERP: revise si falta en el CRM; no es una corrección de campo."),
    "possible_match": mark_app(
        "app.writeback",
        "Posible coincidencia: confirme primero si son el mismo cliente; después se proponen "
        "las correcciones de sus campos."),
    "missing_receipt": mark_app(
        "app.writeback",
        "Pago registrado en el CRM sin recibo en el ERP: contabilidad debe verificar el pago "
        "y registrar el recibo; no se corrige copiando campos."),
    "missing_crm_payment": mark_app(
        "app.writeback",
        "Recibo del ERP sin pago en el CRM: registre el pago en el negocio del CRM o revise "
        "el recibo; no se corrige copiando campos."),
    "invalid_vin": mark_app(
        "app.writeback",
        "VIN inválido: verifíquelo contra el vehículo o su tarjeta de propiedad; no se "
        "corrige automáticamente."),
    "duplicate": mark_app(
        "app.writeback",
        "Registro duplicado: se resuelve con una fusión, no con una corrección de campo."),
    "from_duplicate": mark_app(
        "app.writeback",
        "El valor viene de un registro duplicado en su sistema, y cada copia propone el suyo:"
        " fusione primero los duplicados; después se propone la corrección con el valor que "
        "quede."),
    "duplicate_receipt": mark_app(
        "app.writeback",
        "Recibo duplicado: revise si es un pago doble o un número mal digitado; los pagos no "
        "se fusionan."),
    "erp_sale_pending": mark_app(
        "app.writeback",
        "El CRM registra la venta y el ERP aún ofrece el VIN como disponible: registre el "
        "pedido o la factura en el ERP y reserve el VIN; no se propone devolver el CRM a "
        "«Disponible»."),
    "no_value": mark_app(
        "app.writeback",
        "Ningún sistema tiene un valor válido para este dato: complételo a mano."),
    "invalid_nit": mark_app(
        "app.writeback",
        "El NIT no permite calcular el DV: revise el documento a mano."),
    "already_equal": mark_app(
        "app.writeback",
        "Los dos sistemas ya tienen el mismo valor: no hay nada que corregir."),
    "record_not_found": mark_app(
        "app.writeback",
        "No se encontró el registro en los datos de la conciliación: vuelva a conciliar."),
    "not_a_field_correction": mark_app(
        "app.writeback",
        "Este hallazgo no se corrige con un cambio de campo: revíselo."),
}


def _review(entity: Entity, m: Mismatch, reason: str) -> Proposal:
    ident = _ident(["review", entity.value, m.kind, m.system.value if m.system else None,
                    m.crm_id, m.erp_id, m.key, list(m.ids)])
    return Proposal(
        ident=ident, entity=entity, kind=m.kind, action=Action.REVIEW, target=None,
        source_id=None, field=m.field, changes=(), system_of_record=None, crm_id=m.crm_id,
        erp_id=m.erp_id, key=m.key, reason=reason,
        sentence=tr_marked("app.writeback", _REVIEW_SENTENCES[reason]),
    )


def _ident(parts: list[Any]) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_Handler = Callable[[EntityResult, Mismatch, Mapping[str, str] | None, System | None], Proposal]

_HANDLERS: dict[tuple[Entity, str], _Handler] = {
    **{(Entity.CUSTOMERS, k): _edit for k in ("name_differs", "phone_differs", "email_differs",
                                              "city_differs")},
    (Entity.CUSTOMERS, "invalid_check_digit"): _check_digit,
    **{(Entity.CUSTOMERS, k): _create_customer for k in ("only_in_crm", "only_in_erp")},
    **{(Entity.CUSTOMERS, k): _fill for k in ("missing_document", "missing_city", "missing_phone")},
    **{(Entity.PAYMENTS, k): _edit for k in ("amount_differs", "date_differs", "customer_differs")},
    **{(Entity.VEHICLES, k): _edit for k in ("sold_in_crm_available_in_erp",
                                             "reserved_for_other_customer", "branch_differs")},
}
