"""Merging duplicates end to end (no Qt): request, preview, maker-checker, push and undo.

A :class:`~app.writeback.merges.MergeProposal` says which duplicates of one system become one,
and the default value of every field. :func:`merge_context` gathers, once, what a merge needs
from the report: each involved record as read (all canonical fields: the snapshot) and the
records of the same system that name one of them by document (payments, vehicles, and the
CRM's deals when given). :func:`plan_merge` turns the user's choice per field (which record's
value; by default the proposal's) into a :class:`MergePlan`: the
:class:`~app.connectors.base.MergeRequest` — the survivor's changes (only what differs from
its current values, plus the consent evidence carried from the duplicate with the best proof,
Ley 1581), the snapshot, the children re-pointed to the survivor's document — and its preview
in Spanish: the surviving record and what happens to each child. A child that is an ERP
payment of a validated DIAN invoice is never re-pointed: it is listed as needing a credit note.

The merge then travels as ONE correction of kind ``"merge"`` (:func:`propose_merge`) through
the same service as field corrections (:mod:`app.writeback.corrections`): the proposer cannot
approve it, the approval freezes its payload and creates the idempotency key. A group in which
anyone has a claim in progress is refused. The push (:mod:`app.writeback.merge_push`, called
by :mod:`app.writeback.push` for outbox rows of kind ``"merge"``) sends it once and never
retries it by itself: a failure waits for a person (``outbox.requeue``); a lost answer is resolved by
reading every involved record back — merged → applied; untouched → stays *unknown* for a
person to resend; anything else → conflict. :func:`undo_merge` proposes the reverse, built
from the stored snapshot, which needs its own approval.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.connectors.base import ChildChange, MergeRequest
from app.connectors.hubspot import DESCRIBED as HUBSPOT_DESCRIBED
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.labels import field_label
from app.domain.schema import COLUMNS, Entity, System, records
from app.domain.values import normalize_doc_number
from app.reconcile.results import Report
from app.store.db import Store
from app.store.models import CorrectionRow
from app.store.values import decode_payload
from app.writeback import corrections, habeas
from app.writeback.corrections import CorrectionView
from app.writeback.errors import CorrectionError
from app.writeback.fiscal import is_validated_invoice
from app.writeback.merges import CONSENT_FIELDS, MERGEABLE, MergeProposal
from app.writeback.policy import system_word
from app.writeback.states import OPEN, SENDING, CorrectionState
from app.writeback.values import same, shown

if TYPE_CHECKING:  # frames are only named here
    import pandas as pd

KIND = "merge"
#: The correction row's field for a merge: it changes whole records, not one field.
FIELD = "*"
#: Fields that take their value from the same record as another (one city is its code and
#: name; one document its type, number and check digit): never mixed from two records.
FOLLOWS = {"city_code": "city_name", "doc_type": "doc_number", "check_digit": "doc_number"}
#: Where the records that hang from a customer are, and which of their fields names it.
CHILD_ENTITIES = (Entity.DEALS, Entity.PAYMENTS, Entity.VEHICLES)
CHILD_FIELD = "customer_doc"
#: Correction states in which a merge still holds its records (one at a time per record).
LIVE = (*OPEN, *SENDING)

_CHILD_WORDS = {Entity.DEALS: mark_app("app.writeback", "Negocio"),
                Entity.PAYMENTS: mark_app("app.writeback", "Pago"),
                Entity.VEHICLES: mark_app("app.writeback", "Vehículo")}


# --- what the merge works on -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildRecord:
    """A record of the merge's system that names one of the involved people by document."""

    entity: Entity
    source_id: str
    doc: str  # its customer document, normalized
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class MergeContext:
    """A proposal with the records it involves, as read in the report (gathered once)."""

    proposal: MergeProposal
    records: Mapping[str, Mapping[str, Any]]  # id → canonical record, survivor first
    children: tuple[ChildRecord, ...]
    #: The system cannot undo a merge (HubSpot): the dialog says so; Cuadre keeps the
    #: pre-image and never retries the merge.
    irreversible: bool = False

    @property
    def system(self) -> System:
        return self.proposal.system


def merge_context(proposal: MergeProposal, report: Report, *,
                  deals: pd.DataFrame | None = None) -> MergeContext:
    """The records of ``proposal`` and its candidate children, from ``report`` (its CRM deals
    too, when the CRM's source had them; ``deals`` overrides them)."""
    result = report.results.get(proposal.entity)
    found = {} if result is None else {
        i: result.record(proposal.system, i) for i in proposal.ids}
    missing = [i for i, r in found.items() if r is None] or ([] if found else list(proposal.ids))
    if missing:
        raise CorrectionError(tr_app("app.writeback", "El registro {id} ya no está en la "
                                     "conciliación: concilie de nuevo antes de fusionar.").format(
            id=missing[0]), "record_missing")
    order = [proposal.survivor, *proposal.merged]
    recs = {i: _canonical(proposal.entity, found[i] or {}) for i in order}
    children: tuple[ChildRecord, ...] = ()
    if proposal.entity is Entity.CUSTOMERS:
        docs = {d for r in recs.values() if (d := normalize_doc_number(r.get("doc_number")))}
        children = tuple(_children(report, proposal.system, docs,
                                   deals if deals is not None else report.deals))
    source = str(report.sources.get(proposal.system.value) or "")
    return MergeContext(proposal, recs, children,
                        irreversible=source.startswith(f"{HUBSPOT_DESCRIBED} ("))


def _plain(value: Any) -> Any:
    """A canonical value as the store keeps it: no NaN, no numpy scalar, no naive time."""
    if value is None or isinstance(value, str | bool | int | Decimal):
        return value
    if isinstance(value, float):
        return None if value != value else Decimal(str(value))
    pandas = sys.modules.get("pandas")  # without pandas loaded, no value is its Timestamp
    if pandas is not None and isinstance(value, pandas.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    if hasattr(value, "item"):
        return _plain(value.item())
    return str(value)


def _canonical(entity: Entity, record: Mapping[str, Any]) -> dict[str, Any]:
    return {c: _plain(record.get(c)) for c in COLUMNS[entity]}


def _children(report: Report, system: System, docs: set[str],
              deals: pd.DataFrame | None) -> list[ChildRecord]:
    frames: list[tuple[Entity, pd.DataFrame | None]] = []
    for entity in CHILD_ENTITIES:
        if entity is Entity.DEALS:
            frames.append((entity, deals if system is System.CRM else None))
            continue
        result = report.results.get(entity)
        if result is not None:
            frames.append((entity, result.crm if system is System.CRM else result.erp))
    out: list[ChildRecord] = []
    for entity, df in frames:
        if df is None or not docs or CHILD_FIELD not in df.columns or not len(df):
            continue
        normalized = df[CHILD_FIELD].map(normalize_doc_number)
        for row, doc in zip(records(df[normalized.isin(docs)]),
                            normalized[normalized.isin(docs)], strict=True):
            out.append(ChildRecord(entity, str(row["source_id"]), str(doc),
                                   _canonical(entity, row)))
    return out


# --- the plan: request and preview -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldPreview:
    """One row of the merge dialog: the field, the value that survives and whose it is."""

    field: str
    label: str
    value: Any
    from_id: str | None
    changed: bool  # the survivor's current value is replaced
    options: tuple[tuple[str, Any], ...]  # (record id, its value), survivor first

    @property
    def text(self) -> str:
        return shown(self.field, self.value)


@dataclass(frozen=True, slots=True)
class ChildPreview:
    """What happens to one child record: re-pointed, or left for a credit note."""

    entity: Entity
    source_id: str
    action: str  # "repoint" | "credit_note"
    sentence: str


@dataclass(frozen=True, slots=True)
class MergePlan:
    """A merge as the user chose it: what would be sent, and how it reads."""

    context: MergeContext
    choices: Mapping[str, str | None]  # every field → the record its value comes from
    request: MergeRequest
    fields: tuple[FieldPreview, ...]  # the fields one chooses (not those that follow)
    surviving: Mapping[str, Any]  # the survivor as it will be
    consent: str  # the consent evidence kept, and from whom
    children: tuple[ChildPreview, ...]
    sentence: str
    blocked: str | None  # why it cannot be proposed (Ley 1581), or None

    @property
    def system(self) -> System:
        return self.context.system

    @property
    def credit_notes(self) -> tuple[ChildPreview, ...]:
        return tuple(c for c in self.children if c.action == "credit_note")


def choosable(proposal: MergeProposal) -> list[str]:
    """The fields a person chooses (the others follow one of them)."""
    names = {c.field for c in proposal.fields}
    return [c.field for c in proposal.fields if FOLLOWS.get(c.field) not in names]


def effective_choices(proposal: MergeProposal,
                      choices: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """Every field → the record its value comes from: ``choices`` where it names one of the
    group's records, else the proposal's default; a following field goes with its leader."""
    wanted = choices or {}
    leaders = set(choosable(proposal))
    out: dict[str, str | None] = {}
    for c in proposal.fields:
        if c.field in leaders:
            picked = wanted.get(c.field, c.from_id)
            out[c.field] = picked if picked in proposal.ids else c.from_id
    for c in proposal.fields:
        if c.field not in leaders:
            out[c.field] = out.get(FOLLOWS[c.field]) or c.from_id
    return out


def plan_merge(context: MergeContext,
               choices: Mapping[str, str | None] | None = None) -> MergePlan:
    """The request and preview for ``choices`` (field → record id; the rest by default).
    Pure and quick: the dialog calls it on every change."""
    p = context.proposal
    chosen = effective_choices(p, choices)
    survivor = context.records[p.survivor]
    surviving = dict(survivor)
    changes: dict[str, Any] = {}
    for c in p.fields:
        source = chosen[c.field]
        value = context.records[source].get(c.field) if source is not None else None
        surviving[c.field] = value
        if not _same(value, survivor.get(c.field)):
            changes[c.field] = value
    consent_text = _carry_consent(context, surviving, changes)
    repoints, child_views = _repoint(context, surviving)
    request = MergeRequest(
        entity=p.entity, survivor=p.survivor, merged=p.merged, changes=changes,
        snapshot={i: dict(r) for i, r in context.records.items()}, children=repoints)
    leaders = set(choosable(p))
    fields = tuple(
        FieldPreview(c.field, field_label(c.field), surviving[c.field], chosen[c.field],
                     c.field in changes,
                     tuple((i, context.records[i].get(c.field)) for i in context.records))
        for c in p.fields if c.field in leaders)
    blocked = None
    if p.blocked or any(habeas.has_claim(r) for r in context.records.values()):
        blocked = habeas.SENTENCES[habeas.CLAIM_IN_PROGRESS]
    plan = MergePlan(context, chosen, request, fields, surviving, consent_text,
                     child_views, "", blocked)
    return _with_sentence(plan)


def _same(a: Any, b: Any) -> bool:
    empty = (None, "")
    return (a in empty and b in empty) or same(a, b)


def _carry_consent(context: MergeContext, surviving: dict[str, Any],
                   changes: dict[str, Any]) -> str:
    """Carry the best proof of consent onto the survivor (authorization, date and channel
    together); the sentence says which one is kept."""
    consent = context.proposal.consent
    if consent is None:
        return ""
    survivor = context.proposal.survivor
    if consent.consent is not True or consent.from_id is None:
        return tr_app("app.writeback", "Ningún registro tiene autorización de tratamiento de "
                      "datos (Ley 1581): el registro que queda sigue sin ella.")
    source = context.records.get(consent.from_id, {})
    carried = {f: source.get(f) for f in CONSENT_FIELDS}
    if consent.from_id != survivor and any(
            not _same(v, surviving.get(f)) for f, v in carried.items()):
        surviving.update(carried)
        changes.update(carried)
    where = (tr_app("app.writeback", "ya es del registro que queda") if consent.from_id == survivor
             else tr_app("app.writeback", "viene de {id}").format(id=consent.from_id))
    channel = consent.channel or tr_app("app.writeback", "canal sin registrar")
    proof = (f"{channel}, {shown('consent_date', consent.date)}" if consent.date is not None
             else tr_app("app.writeback", "sin fecha: no es prueba suficiente"))
    return tr_app("app.writeback", "Se conserva la autorización de datos de {id} ({proof}); "
                  "{where}.").format(id=consent.from_id, proof=proof, where=where)


def _repoint(context: MergeContext, surviving: Mapping[str, Any]
             ) -> tuple[tuple[ChildChange, ...], tuple[ChildPreview, ...]]:
    """The children to re-point to the survivor's document (after the merge), and what
    happens to every child that names another document of the group."""
    target = surviving.get("doc_number")
    target_doc = normalize_doc_number(target)
    changes: list[ChildChange] = []
    views: list[ChildPreview] = []
    for child in context.children:
        if target_doc is None or child.doc == target_doc:
            continue
        what = _child_words(child)
        if child.entity is Entity.PAYMENTS and context.system is System.ERP \
                and is_validated_invoice(child.record):
            invoice = (child.record.get("invoice_number")
                       or tr_app("app.writeback", "sin número"))
            views.append(ChildPreview(child.entity, child.source_id, "credit_note", tr_app(
                "app.writeback", "{what}: la factura {invoice} está validada ante la DIAN y no "
                "se reasigna; requiere una nota crédito y una factura nueva a nombre de "
                "{doc}.").format(what=what, invoice=invoice, doc=target)))
            continue
        old = child.record.get(CHILD_FIELD)
        changes.append(ChildChange(child.entity, child.source_id, CHILD_FIELD, old, target))
        views.append(ChildPreview(child.entity, child.source_id, "repoint", tr_app(
            "app.writeback", "{what}: pasa del documento {old} al {doc}.").format(
            what=what, old=shown(CHILD_FIELD, old), doc=target)))
    return tuple(changes), tuple(views)


def _child_words(child: ChildRecord) -> str:
    r = child.record
    words = f"{tr_marked('app.writeback', _CHILD_WORDS[child.entity])} {child.source_id}"
    details = []
    if child.entity is Entity.PAYMENTS and r.get("receipt_number"):
        details.append(tr_app("app.writeback", "recibo {n}").format(n=r["receipt_number"]))
    if child.entity is Entity.VEHICLES and r.get("vin"):
        details.append(f"VIN {r['vin']}")
    money = r.get("amount") if child.entity is not Entity.VEHICLES else r.get("price")
    if isinstance(money, Decimal):
        details.append(shown("amount", money))
    return words + (f" ({', '.join(details)})" if details else "")


def _with_sentence(plan: MergePlan) -> MergePlan:
    p = plan.context.proposal
    merged = ", ".join(p.merged)
    head = (tr_app("app.writeback", "Fusionar {n} registros del {system} en {id}: {ids} "
                   "desaparece en él") if len(p.merged) == 1
            else tr_app("app.writeback", "Fusionar {n} registros del {system} en {id}: {ids} "
                        "desaparecen en él"))
    parts = [head.format(n=len(p.ids), system=system_word(p.system), id=p.survivor, ids=merged)]
    n = len(plan.request.changes)
    parts.append(tr_app("app.writeback", "no cambia ningún campo") if n == 0
                 else tr_app("app.writeback", "cambia 1 campo") if n == 1
                 else tr_app("app.writeback", "cambian {n} campos").format(n=n))
    moved = len(plan.request.children)
    if moved:
        parts.append(tr_app("app.writeback", "1 registro relacionado pasa al que queda")
                     if moved == 1 else tr_app("app.writeback", "{n} registros relacionados "
                                                                "pasan al que queda").format(n=moved))
    notes = len(plan.credit_notes)
    if notes:
        parts.append(tr_app("app.writeback", "1 pago de facturas validadas requiere nota "
                                             "crédito") if notes == 1
                     else tr_app("app.writeback", "{n} pagos de facturas validadas requieren "
                                                  "nota crédito").format(n=notes))
    sentence = "; ".join(parts) + "."
    if plan.blocked:
        sentence += " " + tr_app("app.writeback", "Bloqueada: {why}").format(
            why=tr_marked("app.writeback", plan.blocked))
    return MergePlan(plan.context, plan.choices, plan.request, plan.fields, plan.surviving,
                     plan.consent, plan.children, sentence, plan.blocked)


# --- the payload a correction row carries ------------------------------------------------------


def to_payload(request: MergeRequest, system: System | str) -> dict[str, Any]:
    """The request as the correction's payload (``encode_payload`` keeps its types exactly).
    ``changes``/``expected`` are the survivor's fields after and before, as in a field
    correction's payload; the key is not in it (the approval creates it)."""
    before = request.snapshot.get(request.survivor, {})
    return {
        "kind": KIND, "entity": Entity(request.entity).value, "system": System(system).value,
        "source_id": request.survivor, "survivor": request.survivor,
        "merged": list(request.merged),
        "changes": dict(request.changes),
        "expected": {f: before.get(f) for f in request.changes},
        "snapshot": {i: dict(r) for i, r in request.snapshot.items()},
        "children": [{"entity": Entity(c.entity).value, "source_id": c.source_id,
                      "field": c.field, "old": c.old, "new": c.new} for c in request.children],
        "undo": bool(request.undo),
    }


def from_payload(payload: Mapping[str, Any], key: str = "") -> MergeRequest:
    """The :class:`MergeRequest` a payload holds, with the idempotency key ``key``."""
    return MergeRequest(
        entity=Entity(payload["entity"]), survivor=str(payload["survivor"]),
        merged=tuple(str(m) for m in payload["merged"]), changes=dict(payload["changes"]),
        snapshot={str(i): dict(r) for i, r in payload["snapshot"].items()},
        children=tuple(ChildChange(Entity(c["entity"]), str(c["source_id"]), str(c["field"]),
                                   c.get("old"), c.get("new")) for c in payload["children"]),
        key=key, undo=bool(payload.get("undo")))


def request_of(view: CorrectionView) -> MergeRequest:
    """The merge a correction carries (its key once approved)."""
    if not is_merge(view):
        raise CorrectionError(tr_app("app.writeback", "La corrección no es una fusión."),
                              "not_a_merge")
    return from_payload(view.payload, view.idempotency_key or "")


def is_merge(view: CorrectionView) -> bool:
    return view.kind == KIND


def describe(view: CorrectionView) -> str:
    """A queue row's text: «Fusión de 2 registros en C-1 (se va C-2; cambian 3 campos)»."""
    request = request_of(view)
    n = len(request.changes)
    fields = (tr_app("app.writeback", "sin cambiar campos") if n == 0
              else tr_app("app.writeback", "cambia 1 campo") if n == 1
              else tr_app("app.writeback", "cambian {n} campos").format(n=n))
    gone = ", ".join(request.merged)
    if request.undo:
        back = (tr_app("app.writeback", "Deshacer la fusión en {id}: vuelve {ids}")
                if len(request.merged) == 1
                else tr_app("app.writeback", "Deshacer la fusión en {id}: vuelven {ids}"))
        return back.format(id=request.survivor, ids=gone)
    text = tr_app("app.writeback", "Fusión de {n} registros en {id} (se va {ids}; {fields}").format(
        n=len(request.merged) + 1, id=request.survivor, ids=gone, fields=fields)
    if request.children:
        text += tr_app("app.writeback", "; {n} relacionados se reasignan").format(
            n=len(request.children))
    return text + ")"


# --- maker-checker -------------------------------------------------------------------------------


def _ids(payload: Mapping[str, Any]) -> set[str]:
    return {str(payload.get("survivor")), *(str(m) for m in payload.get("merged") or ())}


def _live_merges(session: Session, entity: Entity, system: System,
                 ids: set[str]) -> list[CorrectionRow]:
    rows = session.scalars(select(CorrectionRow).where(
        CorrectionRow.kind == KIND, CorrectionRow.entity == entity.value,
        CorrectionRow.target_system == system.value, CorrectionRow.state.in_(LIVE))).all()
    return [r for r in rows if _ids(decode_payload(r.payload)) & ids]


def existing(store: Store, proposal: MergeProposal) -> list[CorrectionView]:
    """The merges still under way (proposed … unknown) that involve ``proposal``'s records."""
    with store.read() as session:
        rows = _live_merges(session, proposal.entity, proposal.system, set(proposal.ids))
        return [corrections._view(r) for r in rows]


def _check(request: MergeRequest) -> None:
    if Entity(request.entity) not in MERGEABLE:
        raise CorrectionError(tr_app("app.writeback", "Solo se fusionan clientes y vehículos."),
                              "not_mergeable")
    ids = [request.survivor, *request.merged]
    if not request.merged or len(set(ids)) != len(ids) \
            or any(i not in request.snapshot for i in ids):
        raise CorrectionError(tr_app("app.writeback", "La fusión no trae el registro que queda, "
                                     "los que se van y la foto de cada uno."), "bad_merge")
    if any(habeas.has_claim(r) for r in request.snapshot.values()):
        raise CorrectionError(tr_marked("app.writeback", habeas.SENTENCES[habeas.CLAIM_IN_PROGRESS]),
                              habeas.CLAIM_IN_PROGRESS)


def _merge_values(request: MergeRequest) -> tuple[str, str]:
    """The audit trail's old and new value of a merge: the records before, the one after."""
    ids = [request.survivor, *request.merged]
    if request.undo:
        return request.survivor, " + ".join(ids)
    return " + ".join(ids), request.survivor


def propose_merge(store: Store, actor: str, request: MergeRequest, *, system: System | str,
                  workspace: str | None = None, comment: str | None = None,
                  reverts: str | None = None) -> CorrectionView:
    """One correction of kind «merge», «proposed», carrying ``request`` whole (its snapshot is
    the precondition and the pre-image). Refused when anyone in it has a claim in progress
    (Ley 1581), and while another merge of any of its records is under way."""
    system = System(system)
    _check(request)
    entity = Entity(request.entity)
    ids = {request.survivor, *request.merged}

    def not_twice(session: Session) -> None:
        if [r for r in _live_merges(session, entity, system, ids) if r.id != reverts]:
            raise CorrectionError(tr_app("app.writeback", "Ya hay una fusión en curso con estos "
                                         "registros: búsquela en Correcciones."),
                                  "already_proposed")

    old, new = _merge_values(request)
    return corrections.propose_payload(
        store, actor, kind=KIND, entity=entity, system=system, source_id=request.survivor,
        field=FIELD, old=old, new=new, payload=to_payload(request, system),
        reverts=reverts, workspace=workspace, comment=comment,
        action="propose_undo" if reverts else "propose", guard=not_twice)


def propose_plan(store: Store, actor: str, plan: MergePlan, *, workspace: str | None = None,
                 comment: str | None = None) -> CorrectionView:
    """Propose the merge the dialog shows; refused with the reason when it is blocked."""
    if plan.blocked:
        raise CorrectionError(tr_marked("app.writeback", plan.blocked), habeas.CLAIM_IN_PROGRESS)
    return propose_merge(store, actor, plan.request, system=plan.system, workspace=workspace,
                         comment=comment)


def edit_merge(store: Store, actor: str, correction_id: str, plan: MergePlan, *,
               comment: str | None = None, expected_version: int | None = None
               ) -> CorrectionView:
    """Choose a proposed (or approved: the approval is voided) merge's values again; the
    editor becomes one of its authors and cannot approve it."""
    view = corrections.get(store, correction_id)
    if not is_merge(view) or request_of(view).undo:
        raise CorrectionError(tr_app("app.writeback", "Solo se editan las fusiones propuestas "
                                     "(deshacer una fusión se construye de su foto y no se "
                                     "edita)."), "not_editable")
    if plan.blocked:
        raise CorrectionError(tr_marked("app.writeback", plan.blocked), habeas.CLAIM_IN_PROGRESS)
    if plan.request.survivor != view.source_id or plan.system is not view.system:
        raise CorrectionError(tr_app("app.writeback", "La fusión editada debe conservar el mismo "
                                     "registro."), "bad_merge")
    _check(plan.request)
    return corrections.edit(store, actor, correction_id, new=to_payload(plan.request, view.system),
                            comment=comment, expected_version=expected_version)


def undo_merge(store: Store, actor: str, correction_id: str, *,
               comment: str | None = None) -> CorrectionView:
    """Propose undoing an applied merge: a new «merge» correction, ``reverts`` the original,
    built from its stored snapshot (the survivor gets its values back, the merged records
    come back as they were, the children go back); it needs its own approval. Undoing an
    applied undo merges again."""
    original = corrections.get(store, correction_id)
    if not is_merge(original):
        raise CorrectionError(tr_app("app.writeback", "Esa corrección no es una fusión."),
                              "not_a_merge")
    if original.state != CorrectionState.APPLIED:
        raise CorrectionError(tr_app("app.writeback", "Solo se deshace una fusión ya aplicada "
                                     "en el sistema."), "not_applied")
    request = request_of(original)
    reverse = MergeRequest(request.entity, request.survivor, request.merged, request.changes,
                           request.snapshot, request.children, "", not request.undo)
    with store.read() as session:  # one undo at a time; an applied undo is undone in turn
        pending = session.scalars(select(CorrectionRow.id).where(
            CorrectionRow.reverts == original.id,
            CorrectionRow.state.in_((*LIVE, CorrectionState.APPLIED,
                                     CorrectionState.FAILED)))).first()
    if pending is not None:
        raise CorrectionError(tr_app("app.writeback", "Ya se propuso deshacer esta fusión "
                                     "(pendiente o aplicada): búsquela en Correcciones."),
                              "already_proposed")
    return propose_merge(store, actor, reverse, system=original.system,
                         workspace=original.workspace, comment=comment, reverts=original.id)


__all__ = [
    "ChildPreview", "ChildRecord", "FieldPreview", "MergeContext", "MergePlan", "choosable",
    "describe", "edit_merge", "effective_choices", "existing", "from_payload", "is_merge",
    "merge_context", "plan_merge", "propose_merge", "propose_plan", "request_of", "to_payload",
    "undo_merge",
]
