"""Reading the append-only, hash-chained audit trail back: is it whole, and where does it end.

How the chain is written — each row's hash over all its columns, ``prev_hash`` linking it to
the one before, ``audit_head`` updated with every append — is :mod:`app.store.chain`'s.

``verify`` walks the trail and reports the first row that does not add up: an edited column,
a deleted, inserted or reordered row, a truncated tail, a head that does not match. An
*anchor* (a row number and its hash, noted down or printed by ``cuadre audit verify``) also
catches someone who rewrote the whole chain and its head consistently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.approvals import unrecorded
from app.domain.i18n import mark_app, tr_app, tr_marked
from app.store.chain import row_hash
from app.store.db import Store
from app.store.errors import StoreError
from app.store.models import AUDIT_FIELDS, AuditHead, AuditRow
from app.store.triggers import missing_guards
from app.store.values import GENESIS


@dataclass(frozen=True, slots=True)
class Anchor:
    """A row number and its hash, kept outside the store (printed by ``audit verify``)."""

    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    rows: int  # rows read
    head_count: int | None
    head_hash: str | None
    broken_seq: int | None = None  # the first row that does not add up (None: the head/end)
    reason: str = ""  # a code: hash_mismatch, chain_broken, sequence_gap, head_mismatch…
    message: str = ""  # one Spanish sentence

    def anchor(self) -> Anchor | None:
        if not self.ok or not self.head_count or self.head_hash is None:
            return None
        return Anchor(self.head_count, self.head_hash)


#: Why the trail is not intact, by reason code (said with ``tr_marked("app.audit", …)``).
_MESSAGES = {
    "hash_mismatch": mark_app(
        "app.audit", "la fila {seq} fue modificada (su contenido no coincide con su huella)"),
    "chain_broken": mark_app(
        "app.audit", "la cadena se rompe en la fila {seq} (falta, sobra o se reordenó una fila "
                     "antes de ella)"),
    "sequence_gap": mark_app(
        "app.audit", "falta o sobra una fila antes de la número {seq} (se esperaba la "
                     "{expected})"),
    "head_mismatch": mark_app(
        "app.audit", "el registro termina en la fila {count} pero su cabeza dice {head_count}: "
                     "se borraron o añadieron filas al final"),
    "head_hash_mismatch": mark_app(
        "app.audit", "la última fila ({count}) no coincide con la cabeza del registro"),
    "head_missing": mark_app("app.audit", "falta la cabeza del registro de auditoría"),
    "anchor_mismatch": mark_app(
        "app.audit", "la fila {seq} no coincide con el ancla anotada: el registro fue "
                     "reescrito"),
    "anchor_missing": mark_app(
        "app.audit", "el registro tiene menos filas ({count}) que el ancla anotada ({seq})"),
    "approval_unrecorded": mark_app(
        "app.audit", "hay correcciones aprobadas o enviadas cuya aprobación no está en el "
                     "registro ({ids}): se aprobaron por fuera de Cuadre"),
    "guards_missing": mark_app(
        "app.audit", "faltan o fueron cambiadas las protecciones del almacén ({names}): sin "
                     "ellas se pueden editar o borrar filas del registro y saltarse la regla "
                     "de que quien propone no aprueba"),
}


def _fail(rows: int, head: tuple[int, str] | None, reason: str, seq: int | None,
          **details: Any) -> VerifyResult:
    text = tr_marked("app.audit", _MESSAGES[reason]).format(seq=seq, count=rows,
                                    head_count=head[0] if head else None, **details)
    return VerifyResult(False, rows, head[0] if head else None, head[1] if head else None, seq,
                        reason, tr_app("app.audit", "Registro de auditoría alterado: "
                                       "{why}.").format(why=text))


def verify_rows(rows: Iterable[Mapping[str, Any]], head: tuple[int, str] | None,
                anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Check rows given in ``seq`` order (dicts of every column, ``hash`` included) against the
    head ``(count, last_hash)`` and any anchors."""
    wanted = {a.seq: a.hash for a in anchors}
    prev = GENESIS
    count = 0
    for row in rows:
        count += 1
        seq = row.get("seq")
        if seq != count:
            return _fail(count - 1, head, "sequence_gap", seq, expected=count)
        if row.get("prev_hash") != prev:
            return _fail(count - 1, head, "chain_broken", seq)
        digest = row_hash(row)
        if row.get("hash") != digest:
            return _fail(count - 1, head, "hash_mismatch", seq)
        if count in wanted and wanted.pop(count) != digest:
            return _fail(count - 1, head, "anchor_mismatch", seq)
        prev = digest
    if head is None:
        return _fail(count, head, "head_missing", None)
    if head[0] != count:
        return _fail(count, head, "head_mismatch", None)
    if head[1] != prev:
        return _fail(count, head, "head_hash_mismatch", None)
    if wanted:
        return _fail(count, head, "anchor_missing", min(wanted))
    return VerifyResult(True, count, head[0], head[1], message=tr_app(
        "app.audit", "Registro de auditoría íntegro: {n} filas; huella final {hash}.").format(
        n=count, hash=prev))


_COLUMNS = [getattr(AuditRow, name) for name in (*AUDIT_FIELDS, "hash")]


def verify_session(session: Session, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Verify the trail as ``session`` sees it (inside its transaction)."""
    head_row = session.execute(
        select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    head = (head_row[0], head_row[1]) if head_row is not None else None
    names = (*AUDIT_FIELDS, "hash")
    result = session.execute(select(*_COLUMNS).order_by(AuditRow.seq).execution_options(
        yield_per=2000))
    try:  # stream the rows; close the (server-side) cursor even when verification stops early
        verified = verify_rows((dict(zip(names, r, strict=True)) for r in result), head, anchors)
    finally:
        result.close()
    gone = missing_guards(session)
    if verified.ok and gone:
        return _fail(verified.rows, head, "guards_missing", None, names=", ".join(gone))
    loose = unrecorded(session) if verified.ok else []
    if loose:
        shown = ", ".join(i[:8] for i in loose[:5]) + (" …" if len(loose) > 5 else "")
        return _fail(verified.rows, head, "approval_unrecorded", None, ids=shown)
    return verified


def head(store: Store) -> Anchor:
    """The trail's head as it stands — its number of rows and last hash (``GENESIS`` with 0
    rows) — read, not verified: what a report prints so it can be tied to the trail, and
    what ``verify --anchor N:HUELLA`` later checks."""
    with store.read() as session, session.begin():
        row = session.execute(
            select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    if row is None:
        raise StoreError(tr_app("app.audit", "Falta la cabeza del registro de auditoría: el "
                                "almacén está dañado."))
    return Anchor(int(row[0]), str(row[1]))


def verify(store: Store, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Verify the whole trail in one consistent read."""
    with store.read() as session, session.begin():
        return verify_session(session, anchors)
