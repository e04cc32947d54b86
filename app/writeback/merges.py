"""Merging duplicates: the 2–3 records of one system, a default choice per field, the consent.

For each field the default is the system of record's value — when the system of record is the
other system and its linked record's value is held by one of the duplicates, that duplicate's
value — else the most recent non-empty value (by ``updated_at``). Values never come from the
other system here: a merge stays within one system, so no personal data crosses systems.

Consent evidence survives (Ley 1581): the surviving record takes authorization, date and
channel together from the duplicate with the best proof (consent with the latest date; else
consent without a date; else the most recent record's). A group in which anyone has a claim in
progress is ``blocked`` (``"claim_in_progress"``): it is listed, never merged. Duplicate
receipts are not merged (see ``proposals``): only customers and vehicles are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.domain.i18n import tr_app, tr_marked
from app.domain.schema import COLUMNS, Entity, System
from app.domain.values import fold
from app.reconcile.results import Duplicate, EntityResult, Report
from app.writeback import habeas
from app.writeback.policy import other, system_of_record, system_word
from app.writeback.values import from_json_value, shown, to_json_value

MERGEABLE = (Entity.CUSTOMERS, Entity.VEHICLES)
CONSENT_FIELDS = ("habeas_data_consent", "consent_date", "consent_channel")
#: Not chosen per field: identity and timestamps, the Ley 1581 fields (consent travels as one
#: piece of evidence; a claim blocks), and a contact's lead/customer stage (the system's own
#: status of the record that survives, not data about the person).
_NOT_CHOSEN = frozenset({"source_id", "updated_at", "claim_in_progress", "is_customer",
                         *CONSENT_FIELDS})


@dataclass(frozen=True, slots=True)
class FieldChoice:
    """One field of the surviving record: the default value, whose it is and why."""

    field: str
    value: Any
    from_id: str | None  # the duplicate the value comes from (None: no one has one)
    rule: str  # "system_of_record" | "most_recent" | "same" | "empty"
    options: tuple[tuple[str, Any], ...]  # (record id, value) for every duplicate


@dataclass(frozen=True, slots=True)
class ConsentEvidence:
    from_id: str | None
    consent: bool | None
    date: date | None
    channel: str | None

    @property
    def proven(self) -> bool:
        return self.consent is True and self.date is not None


@dataclass(frozen=True, slots=True)
class MergeProposal:
    ident: str
    entity: Entity
    system: System
    key: str | None
    ids: tuple[str, ...]
    survivor: str
    fields: tuple[FieldChoice, ...]
    consent: ConsentEvidence | None  # customers only
    sentence: str
    method: str = "key"
    band: str = "auto"
    score: float = 1.0
    blocked: bool = False
    reason: str | None = None

    @property
    def merged(self) -> tuple[str, ...]:
        """The records that disappear into the survivor."""
        return tuple(i for i in self.ids if i != self.survivor)

    def choice(self, field: str) -> FieldChoice:
        return next(c for c in self.fields if c.field == field)

    def surviving_record(self) -> dict[str, Any]:
        """The record as it will be: the chosen values and the carried consent evidence."""
        out: dict[str, Any] = {"source_id": self.survivor}
        out.update({c.field: c.value for c in self.fields})
        if self.consent is not None:
            out.update(habeas_data_consent=self.consent.consent, consent_date=self.consent.date,
                       consent_channel=self.consent.channel)
        return out

    def to_json(self) -> dict[str, Any]:
        consent = None if self.consent is None else {
            "from_id": self.consent.from_id, "consent": self.consent.consent,
            "date": to_json_value(self.consent.date), "channel": self.consent.channel}
        return {
            "ident": self.ident, "entity": self.entity.value, "system": self.system.value,
            "key": self.key, "ids": list(self.ids), "survivor": self.survivor,
            "fields": [{"field": c.field, "value": to_json_value(c.value), "from_id": c.from_id,
                        "rule": c.rule,
                        "options": [[i, to_json_value(v)] for i, v in c.options]}
                       for c in self.fields],
            "consent": consent, "sentence": self.sentence, "method": self.method,
            "band": self.band, "score": self.score, "blocked": self.blocked, "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MergeProposal:
        c = data.get("consent")
        consent = None if c is None else ConsentEvidence(
            c.get("from_id"), c.get("consent"), from_json_value("consent_date", c.get("date")),
            c.get("channel"))
        return cls(
            ident=str(data["ident"]), entity=Entity(data["entity"]), system=System(data["system"]),
            key=data.get("key"), ids=tuple(data["ids"]), survivor=str(data["survivor"]),
            fields=tuple(
                FieldChoice(str(f["field"]), from_json_value(str(f["field"]), f.get("value")),
                            f.get("from_id"), str(f["rule"]),
                            tuple((str(i), from_json_value(str(f["field"]), v))
                                  for i, v in f.get("options") or ()))
                for f in data.get("fields") or ()
            ),
            consent=consent, sentence=str(data["sentence"]), method=str(data.get("method", "key")),
            band=str(data.get("band", "auto")), score=float(data.get("score", 1.0)),
            blocked=bool(data.get("blocked")), reason=data.get("reason"),
        )


def merge_proposals(report: Report, system_of_record: Mapping[str, str] | None = None
                    ) -> list[MergeProposal]:
    """A merge proposal per duplicate group of customers and vehicles, in the report's order."""
    out = []
    for entity, result in report.results.items():
        if entity in MERGEABLE:
            out += [merge_proposal(result, d, system_of_record) for d in result.duplicates]
    return out


def merge_proposal(result: EntityResult, group: Duplicate,
                   system_of_record_map: Mapping[str, str] | None = None) -> MergeProposal:
    system = group.system
    records = [r for r in (result.record(system, i) for i in group.ids) if r is not None]
    by_recency = sorted(records, key=_recency, reverse=True)
    twins = _twins(result, system, [str(r["source_id"]) for r in records])
    twin = twins[0][1] if twins else _twin_by_key(result, other(system), group.key)
    fields = tuple(_choose(f, records, by_recency, system, twin, system_of_record_map)
                   for f in COLUMNS[result.entity] if f not in _NOT_CHOSEN)
    linked = {sid for sid, _ in twins}
    survivor = next((str(r["source_id"]) for r in by_recency if r["source_id"] in linked),
                    str(by_recency[0]["source_id"]) if by_recency else group.ids[0])
    consent = (_consent(records, by_recency)
               if result.entity is Entity.CUSTOMERS and records else None)
    blocked = result.entity is Entity.CUSTOMERS and any(habeas.has_claim(r) for r in records)
    ident = hashlib.sha256(json.dumps(
        ["merge", result.entity.value, system.value, sorted(group.ids),
         [[c.field, sorted([i, to_json_value(v)] for i, v in c.options)] for c in fields]],
        ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:32]
    said = {"n": len(group.ids), "system": system_word(system), "key": group.key,
            "survivor": survivor}
    if result.entity is Entity.CUSTOMERS and group.key:
        sentence = tr_app("app.writeback", "Fusionar {n} registros del {system} con el documento "
                          "{key} en {survivor}").format(**said)
    elif group.key:
        sentence = tr_app("app.writeback", "Fusionar {n} registros del vehículo del {system} con "
                          "el VIN {key} en {survivor}").format(**said)
    elif result.entity is Entity.CUSTOMERS:
        sentence = tr_app("app.writeback", "Fusionar {n} registros del {system} en "
                          "{survivor}").format(**said)
    else:
        sentence = tr_app("app.writeback", "Fusionar {n} registros del vehículo del {system} en "
                          "{survivor}").format(**said)
    if consent is not None and consent.consent and consent.from_id is not None:
        sentence += tr_app("app.writeback", "; se conserva la autorización de datos de {who} "
                           "({channel}, {day})").format(
            who=consent.from_id, day=shown("consent_date", consent.date),
            channel=consent.channel or tr_app("app.writeback", "canal sin registrar"))
    sentence += "."
    if blocked:
        sentence += " " + tr_app("app.writeback", "Bloqueada: {why}").format(
            why=tr_marked("app.writeback", habeas.SENTENCES[habeas.CLAIM_IN_PROGRESS]))
    return MergeProposal(
        ident=ident, entity=result.entity, system=system, key=group.key, ids=tuple(group.ids),
        survivor=survivor, fields=fields, consent=consent, sentence=sentence,
        method=group.method, band=group.band, score=group.score, blocked=blocked,
        reason=habeas.CLAIM_IN_PROGRESS if blocked else None,
    )


_OLDEST = datetime.min.replace(tzinfo=UTC)


def _recency(record: Mapping[str, Any]) -> datetime:
    at = record.get("updated_at")
    if isinstance(at, datetime):
        return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return _OLDEST


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and value != value)


def _same_text(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return to_json_value(a) == to_json_value(b)


def _twins(result: EntityResult, system: System, ids: list[str]
           ) -> list[tuple[str, Mapping[str, Any]]]:
    """(duplicate id, linked record of the other system) for the duplicates that have one."""
    out: list[tuple[str, Mapping[str, Any]]] = []
    wanted = set(ids)
    for link in result.links:
        mine, theirs = (link.crm_id, link.erp_id) if system is System.CRM else (link.erp_id, link.crm_id)
        if mine in wanted:
            record = result.record(other(system), theirs)
            if record is not None:
                out.append((mine, record))
    return out


_KEY_COLUMN = {Entity.CUSTOMERS: "doc_number", Entity.VEHICLES: "vin"}


def _twin_by_key(result: EntityResult, system: System, key: str | None) -> Mapping[str, Any] | None:
    """The one record of ``system`` holding the group's key, when no member of the group is
    linked to it (a key held by too many records to link on, ``keys.MAX_SHARED``): the
    duplicates' counterpart is then found by the key itself."""
    df = result.crm if system is System.CRM else result.erp
    column = _KEY_COLUMN.get(result.entity)
    if key is None or df is None or column is None or column not in df.columns:
        return None
    ids = df.loc[df[column] == key, "source_id"].tolist()
    return result.record(system, ids[0]) if len(ids) == 1 else None


def _choose(field: str, records: list[dict[str, Any]], by_recency: list[dict[str, Any]],
            system: System, twin: Mapping[str, Any] | None,
            sor_map: Mapping[str, str] | None) -> FieldChoice:
    options = tuple((str(r["source_id"]), r.get(field)) for r in records)
    present = [(sid, v) for sid, v in options if not _empty(v)]
    if not present:
        return FieldChoice(field, None, None, "empty", options)
    if all(_same_text(v, present[0][1]) for _, v in present) and len(present) == len(options):
        return FieldChoice(field, present[0][1], present[0][0], "same", options)
    sor = system_of_record("first_names" if field == "last_names" else field, sor_map,
                           twin or records[0])
    if sor is not system and twin is not None and not _empty(twin.get(field)):
        for r in by_recency:
            if not _empty(r.get(field)) and _same_text(r.get(field), twin.get(field)):
                return FieldChoice(field, r.get(field), str(r["source_id"]), "system_of_record",
                                   options)
    for r in by_recency:
        if not _empty(r.get(field)):
            return FieldChoice(field, r.get(field), str(r["source_id"]), "most_recent", options)
    raise AssertionError("unreachable: a value is present")


def _consent(records: list[dict[str, Any]], by_recency: list[dict[str, Any]]) -> ConsentEvidence:
    proven = [r for r in records if habeas.has_consent(r)]
    if proven:
        best = max(proven, key=lambda r: (r["consent_date"], _recency(r)))
    else:
        given = [r for r in by_recency if r.get("habeas_data_consent") is True]
        best = given[0] if given else by_recency[0]
    return ConsentEvidence(str(best["source_id"]), best.get("habeas_data_consent"),
                           best.get("consent_date"), best.get("consent_channel"))
