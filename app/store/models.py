"""The local workspace store's tables (SQLAlchemy 2 declarative models).

- ``people`` and ``person_roles``: who works here and what they may do (proposer, approver,
  auditor, admin). A login is lower case, so "MGarcia" and "mgarcia" are one person.
- ``corrections``: one proposed change to one field of one record, its frozen payload and
  state. Maker-checker is a property of the table, not only of the code: a CHECK refuses
  ``approver = proposer`` and a trigger (``triggers.py``) refuses an approver who authored or
  edited the payload (``correction_authors``). An approved row must carry the hash it was
  approved with, equal to the payload's hash. ``version`` is the optimistic-concurrency counter.
- ``correction_comments``: every comment, with who wrote it and on which action.
- ``audit_log`` and ``audit_head``: the append-only, hash-chained trail (``app.audit``); the
  head (count + last hash) is updated in the same transaction as each row, so a truncated
  trail no longer matches it.
- ``store_meta``: the schema version this file was created with.

- ``outbox``: one row per approval being pushed (``app.writeback.outbox``): its idempotency
  key (from the approval), the precondition (values read at approval), the target, its state
  (queued → attempting → applied | conflict | rejected | failed, or unknown until read back),
  attempts, the last reason, and on a conflict the value found in the system. A correction
  decided again after a conflict gets a new approval, a new key and a new row; the old rows
  stay as its history, but at most one row per correction is ever pending (a partial unique
  index). The push holding a row has a lease on it (``lease_owner``/``lease_until``): another
  push leaves the row alone while the lease is alive.

- ``findings``: what the reconciliations of a workspace found, one row per fact across runs
  (``app.findings``): its stable key (entity, kind, field and the records' ids), when it was
  first and last seen and by which run, when it was resolved (no longer found) and by which
  run, and what people did with it — given to someone, explained with a reason, matched by
  hand (``match_id``). ``manual_matches``: a person's link between records the engine left
  without a counterpart, honoured by every later run until undone. ``periods``: a month ×
  branch × entity certified by one person and signed off by another (a CHECK refuses the same
  person), with the run, counts, pesos and the audit head it was certified and signed at.

- ``run_vins``: one row per VIN the latest saved run of a workspace read (``app.vin``): its
  vehicles in both systems, the CRM's deals and the ERP's invoices that name it, with the
  customers' names — what «¿Dónde está este VIN?» answers from without reading the systems
  again. Only a workspace's latest run keeps its rows. The table is created when absent on
  every open, like ``runs`` was: no version step (an older Cuadre leaves it alone, and a run
  saved before it existed simply has none).

Schema version 4 added the signatures (issue 17): ``person_keys`` (every public signing key
with the stretch of the trail it signs), ``audit_log.signature``,
``corrections.approval_signature`` and ``periods.signature``.

Schema version 2 added ``corrections.kind`` and ``.reverts`` (merges, undo), ``outbox.kind``,
the outbox lease and the one-pending-row index; version 3 the findings' tables. ``app.store.db``
upgrades an older store in place when it is opened.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 4

ROLES = ("proposer", "approver", "auditor", "admin")
#: What a correction row changes: one field, or a whole merge.
KINDS = ("field", "merge")

#: DESIGN §6: proposed → approved → queued → attempting → applied | conflict | rejected | failed
#: (unknown until read back); deferred and rejected are decisions on a proposal.
STATES = ("proposed", "approved", "rejected", "deferred", "queued", "attempting", "applied",
          "conflict", "failed", "unknown")


class UtcDateTime(TypeDecorator[datetime]):
    """A zone-aware timestamp stored in UTC and always read back zone-aware (SQLite keeps no
    offset, PostgreSQL's timestamptz comes back in the session's zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime: the store keeps zone-aware timestamps only")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


class StoreMeta(Base):
    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("login = lower(login) AND length(login) > 0", name="login_lower"),
    )

    login: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PersonRole(Base):
    __tablename__ = "person_roles"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role_known"),)

    login: Mapped[str] = mapped_column(ForeignKey("people.login", ondelete="CASCADE"),
                                       primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class PersonSecret(Base):
    """How a person of a SQLite workspace proves who they are: the Argon2id hash of their
    passphrase (:mod:`app.security.passphrases`). In a demo workspace (``store_meta`` key
    ``demo``) a person registered without one gets a generated secret kept here in the clear
    (``demo_secret``): the demo's people are not protected, and say so. A table of its own,
    created where it is absent (no schema step): older stores get it on opening."""

    __tablename__ = "person_secrets"

    login: Mapped[str] = mapped_column(ForeignKey("people.login", ondelete="CASCADE"),
                                       primary_key=True)
    verifier: Mapped[str] = mapped_column(Text)
    demo_secret: Mapped[str | None] = mapped_column(Text)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)
    set_by: Mapped[str] = mapped_column(Text)


class CorrectionRow(Base):
    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint(_in("state", STATES), name="state_known"),
        CheckConstraint(_in("target_system", ("crm", "erp")), name="system_known"),
        # Maker-checker: never one's own approval (the trigger extends it to every editor).
        CheckConstraint("approver IS NULL OR approver <> proposer", name="maker_checker"),
        # An approval freezes the payload: its hash is stored and must still match.
        CheckConstraint(
            "state IN ('proposed', 'rejected', 'deferred') OR "
            "(approver IS NOT NULL AND approved_hash IS NOT NULL AND approved_hash = payload_hash "
            "AND idempotency_key IS NOT NULL)",
            name="approval_frozen"),
        CheckConstraint("state <> 'proposed' OR approver IS NULL", name="proposed_unapproved"),
        CheckConstraint("version > 0", name="version_positive"),
        CheckConstraint(_in("kind", KINDS), name="kind_known"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: "field": one field of one record (payload: changes/expected); "merge": duplicates of one
    #: system merged whole (payload: a MergeRequest, see app.writeback.merging).
    kind: Mapped[str] = mapped_column(String(16), default="field", server_default="field")
    #: The correction (or merge) this one undoes, built from its stored pre-image.
    reverts: Mapped[str | None] = mapped_column(ForeignKey("corrections.id"), index=True)
    workspace: Mapped[str | None] = mapped_column(Text, index=True)  # the reconciliation it came from
    entity: Mapped[str] = mapped_column(String(32))
    target_system: Mapped[str] = mapped_column(String(8))
    source_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)  # audit_value() of the value read
    new_value: Mapped[str | None] = mapped_column(Text)  # audit_value() of the new value
    payload: Mapped[str] = mapped_column(Text)  # encode_payload(): what would be sent
    payload_hash: Mapped[str] = mapped_column(String(64))
    approved_hash: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), index=True)
    proposer: Mapped[str] = mapped_column(ForeignKey("people.login"))
    last_editor: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    approver: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: The approver's signature (``app.security.signing.approval_message``): ``keyid:base64``.
    approval_signature: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CorrectionAuthor(Base):
    """Everyone who wrote a correction's payload (its proposer and every editor)."""

    __tablename__ = "correction_authors"

    correction_id: Mapped[str] = mapped_column(ForeignKey("corrections.id", ondelete="CASCADE"),
                                               primary_key=True)
    login: Mapped[str] = mapped_column(ForeignKey("people.login"), primary_key=True)


class CorrectionComment(Base):
    __tablename__ = "correction_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    correction_id: Mapped[str] = mapped_column(ForeignKey("corrections.id", ondelete="CASCADE"),
                                               index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    author: Mapped[str] = mapped_column(ForeignKey("people.login"))
    action: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)


#: The audit row's columns in hashing order (the hash covers all of them but ``hash``).
AUDIT_FIELDS = ("seq", "at", "actor", "action", "system", "entity", "record", "field", "old",
                "new", "proposer", "approver", "comment", "outcome", "idempotency_key",
                "correction_id", "prev_hash")


class AuditRow(Base):
    """One audit event. Every column is text (or the sequence number), exactly as hashed."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint("seq > 0", name="seq_positive"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32), index=True)  # iso_utc(): UTC with its offset
    actor: Mapped[str] = mapped_column(Text, index=True)
    action: Mapped[str] = mapped_column(String(32))
    system: Mapped[str | None] = mapped_column(String(8))
    entity: Mapped[str | None] = mapped_column(String(32))
    record: Mapped[str | None] = mapped_column(Text, index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    proposer: Mapped[str | None] = mapped_column(Text)
    approver: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(32))
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    correction_id: Mapped[str | None] = mapped_column(String(36), index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The actor's signature of ``hash`` (``keyid:base64``); outside the hash, checked apart.
    signature: Mapped[str | None] = mapped_column(Text)


class PersonKey(Base):
    """A person's public signing key and the stretch of the trail it signs: from the row after
    the one that registered it (``since_seq``) to the row that replaced it (``until_seq``,
    NULL while it is current). Every key ever used is kept, so old signatures stay checkable."""

    __tablename__ = "person_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    login: Mapped[str] = mapped_column(ForeignKey("people.login"), index=True)
    public_key: Mapped[str] = mapped_column(Text)  # base64 of the 32 raw bytes
    since_seq: Mapped[int] = mapped_column(Integer)
    until_seq: Mapped[int | None] = mapped_column(Integer)


class AuditHead(Base):
    """The trail's head: how many rows, and the last one's hash (one row, id 1)."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


#: The outbox's states (DESIGN §6): attempting is committed before the network call; unknown
#: (a timeout, a reset, a dropped answer) is resolved by reading the record back.
OUTBOX_STATES = ("queued", "attempting", "applied", "conflict", "rejected", "failed", "unknown")
#: States an outbox row never leaves.
OUTBOX_TERMINAL = ("applied", "conflict", "rejected", "failed")
#: States a push still has work on (at most one row per correction may be in one of them).
OUTBOX_PENDING = ("queued", "attempting", "unknown")
_PENDING_SQL = _in("state", OUTBOX_PENDING)


class OutboxRow(Base):
    """One approved correction on its way to its system, pushed in ``id`` order."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(_in("state", OUTBOX_STATES), name="state_known"),
        CheckConstraint(_in("target_system", ("crm", "erp")), name="system_known"),
        CheckConstraint("attempts >= 0", name="attempts_positive"),
        # One approval on its way at a time: two pushes can never queue a correction twice.
        Index("ux_outbox_pending_correction", "correction_id", unique=True,
              sqlite_where=sql_text(_PENDING_SQL),
              postgresql_where=sql_text(_PENDING_SQL)),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    correction_id: Mapped[str] = mapped_column(ForeignKey("corrections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="field", server_default="field")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    target_system: Mapped[str] = mapped_column(String(8))
    entity: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(64))
    changes: Mapped[str] = mapped_column(Text)  # encode_payload(): field → new value
    expected: Mapped[str] = mapped_column(Text)  # encode_payload(): field → value at approval
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(String(64))  # a code: etag_mismatch, http_503…
    detail: Mapped[str | None] = mapped_column(Text)  # a Spanish sentence
    found: Mapped[str | None] = mapped_column(Text)  # audit_value() of what a conflict found
    enqueued_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: Which push holds the row ("host/pid/token") and until when; NULL when none does.
    lease_owner: Mapped[str | None] = mapped_column(String(160))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RunRow(Base):
    """One reconciliation saved in the workspace."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workspace: Mapped[str] = mapped_column(Text, index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(ForeignKey("people.login"))
    source: Mapped[str] = mapped_column(Text)  # what was reconciled, in words; no secret
    systems: Mapped[str] = mapped_column(Text)  # JSON: {"crm": description, "erp": description}
    summary: Mapped[str] = mapped_column(Text)  # JSON: {entity: {kind: {count, at_stake}}}
    findings: Mapped[int] = mapped_column(Integer)
    at_stake: Mapped[str] = mapped_column(String(32))  # Decimal as text: the pesos at stake
    issues: Mapped[int] = mapped_column(Integer, default=0)  # cells/columns not read
    proposals: Mapped[str] = mapped_column(Text)  # JSON: {"fields", "merges", "credit_notes"}
    proposals_hash: Mapped[str] = mapped_column(String(64))


class RunVinRow(Base):
    """One VIN as a saved run read it (``app.vin.index``): ``data`` is ``encode_payload`` of
    its records in both systems."""

    __tablename__ = "run_vins"

    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id"), primary_key=True)
    vin: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


#: A finding's own track (app.findings): open → assigned → explained, or matched by hand. Being
#: resolved (no longer found by a run) and having a correction are kept and read apart.
FINDING_STATES = ("open", "assigned", "explained", "matched")
#: Why a finding stands (explained), or why a manual match's amounts differ.
FINDING_REASONS = ("in_transit", "rounding", "bank_fee", "withholding", "advance", "typo",
                   "known_duplicate", "other")
#: A certified period: certified (by who proposes) → signed (by who approves), or reopened.
PERIOD_STATES = ("certified", "signed", "reopened")
_LIVE_PERIOD_SQL = _in("state", ("certified", "signed"))


class FindingRow(Base):
    """One finding of a workspace across its runs; ``id`` is derived from the workspace and
    ``key``, so every run that finds the same fact names the same row."""

    __tablename__ = "findings"
    __table_args__ = (
        CheckConstraint(_in("state", FINDING_STATES), name="state_known"),
        CheckConstraint("reason IS NULL OR " + _in("reason", FINDING_REASONS),
                        name="reason_known"),
        CheckConstraint("state <> 'assigned' OR assignee IS NOT NULL", name="assigned_to_someone"),
        CheckConstraint("state <> 'explained' OR reason IS NOT NULL", name="explained_why"),
        CheckConstraint("(state = 'matched' AND match_id IS NOT NULL) OR "
                        "(state <> 'matched' AND match_id IS NULL)", name="matched_by_a_match"),
        CheckConstraint("version > 0", name="version_positive"),
        Index("ix_findings_workspace_entity", "workspace", "entity"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)  # canonical JSON: entity, kind, field, records' ids
    entity: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(64))
    system: Mapped[str | None] = mapped_column(String(8))  # whose record, for one-sided ones
    crm_ids: Mapped[str] = mapped_column(Text)  # JSON list
    erp_ids: Mapped[str] = mapped_column(Text)  # JSON list
    ref: Mapped[str | None] = mapped_column(Text)  # the records' key: receipt, VIN, document
    branch: Mapped[str | None] = mapped_column(Text)
    dated: Mapped[date | None] = mapped_column(Date)  # the payment's date, when it has one
    at_stake: Mapped[str | None] = mapped_column(String(32))  # Decimal as text, as last seen
    #: encode_payload(): what the last run saw (values, amounts, the records for matching).
    data: Mapped[str] = mapped_column(Text)
    #: The correction that would answer it, from the run's proposal: system, records, fields.
    targets: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    first_run: Mapped[str] = mapped_column(ForeignKey("runs.id"))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_run: Mapped[str] = mapped_column(ForeignKey("runs.id"), index=True)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: When its current life began: first seen, or seen again after being resolved.
    since_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_run: Mapped[str | None] = mapped_column(ForeignKey("runs.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16), index=True)
    assignee: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    reason: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    match_id: Mapped[str | None] = mapped_column(ForeignKey("manual_matches.id"), index=True)
    updated_by: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ManualMatchRow(Base):
    """Records a person linked by hand (1:1, 1:n or n:1): the findings it answers, the totals
    and their difference when they are payments, the reason for that difference. Active while
    neither undone by a person nor lapsed (a run no longer found its records as they were)."""

    __tablename__ = "manual_matches"
    __table_args__ = (
        CheckConstraint("reason IS NULL OR " + _in("reason", FINDING_REASONS),
                        name="reason_known"),
        CheckConstraint("undone_at IS NULL OR undone_by IS NOT NULL", name="undone_by_someone"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workspace: Mapped[str] = mapped_column(Text, index=True)
    entity: Mapped[str] = mapped_column(String(32))
    finding_ids: Mapped[str] = mapped_column(Text)  # JSON list
    crm_ids: Mapped[str] = mapped_column(Text)  # JSON list
    erp_ids: Mapped[str] = mapped_column(Text)  # JSON list
    crm_total: Mapped[str | None] = mapped_column(String(32))
    erp_total: Mapped[str | None] = mapped_column(String(32))
    difference: Mapped[str | None] = mapped_column(String(32))  # CRM − ERP
    reason: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str] = mapped_column(Text)
    made_by: Mapped[str] = mapped_column(ForeignKey("people.login"))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime)
    undone_by: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lapsed_run: Mapped[str | None] = mapped_column(ForeignKey("runs.id"))


class PeriodRow(Base):
    """One certification of a month × branch × entity of a workspace (``branch`` "" = every
    branch). At most one live (certified or signed) per period; a reopened one stays as
    history. ``*_anchor`` is the audit head («N:HASH») right after that step's audit row."""

    __tablename__ = "periods"
    __table_args__ = (
        CheckConstraint(_in("state", PERIOD_STATES), name="state_known"),
        # Maker-checker: who certified never signs off.
        CheckConstraint("signed_by IS NULL OR signed_by <> certified_by", name="maker_checker"),
        CheckConstraint("state <> 'signed' OR signed_by IS NOT NULL", name="signed_by_someone"),
        CheckConstraint("state <> 'reopened' OR reopened_by IS NOT NULL",
                        name="reopened_by_someone"),
        CheckConstraint("length(month) = 7", name="month_shape"),
        CheckConstraint("version > 0", name="version_positive"),
        Index("ux_periods_live", "workspace", "month", "branch", "entity", unique=True,
              sqlite_where=sql_text(_LIVE_PERIOD_SQL),
              postgresql_where=sql_text(_LIVE_PERIOD_SQL)),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workspace: Mapped[str] = mapped_column(Text, index=True)
    month: Mapped[str] = mapped_column(String(7))  # 2026-11
    branch: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id"))
    certificate: Mapped[str] = mapped_column(Text)  # canonical JSON: counts, pesos, findings
    certificate_hash: Mapped[str] = mapped_column(String(64))
    certified_by: Mapped[str] = mapped_column(ForeignKey("people.login"))
    certified_at: Mapped[datetime] = mapped_column(UtcDateTime)
    certified_anchor: Mapped[str] = mapped_column(String(80))
    comment: Mapped[str | None] = mapped_column(Text)
    signed_by: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_anchor: Mapped[str | None] = mapped_column(String(80))
    #: The signer's signature (``app.security.signing.signoff_message``): ``keyid:base64``.
    signature: Mapped[str | None] = mapped_column(Text)
    reopened_by: Mapped[str | None] = mapped_column(ForeignKey("people.login"))
    reopened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reopen_comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
