"""Reading the append-only, hash-chained audit trail back: is it whole, and where does it end.

How the chain is written — each row's hash over all its columns, ``prev_hash`` linking it to
the one before, ``audit_head`` updated with every append — is :mod:`app.store.chain`'s.

``verify`` walks the trail and reports the first row that does not add up: an edited column,
a deleted, inserted or reordered row, a truncated tail, a head that does not match. An
*anchor* (a row number and its hash, noted down or printed by ``cuadre audit verify``) also
catches someone who rewrote the whole chain and its head consistently.

Signatures (issue 17): ``verify_session`` also replays the people's keys from the trail
(:mod:`app.audit.keys`) and checks every row's signature by its actor's key of that moment, the
``person_keys`` table against that replay, and that the corrections, the outbox and the period
sign-offs say what their signed rows say (:mod:`app.audit.agreement`) — so whoever can write
the store cannot forge a row without a private key, even after recomputing the chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.agreement import disagreement
from app.audit.approvals import unrecorded
from app.audit.keys import KeyBook, legacy_roles, stored_keys
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
    "signature_invalid": mark_app(
        "app.audit", "la firma de la fila {seq} no es de la clave de su autor: la fila fue "
                     "escrita o cambiada sin su clave privada"),
    "unsigned": mark_app(
        "app.audit", "la fila {seq} no está firmada y este registro firma cada fila desde que "
                     "se registró la primera clave"),
    "signature_unknown_key": mark_app(
        "app.audit", "la fila {seq} está firmada con una clave que nadie registró"),
    "key_not_allowed": mark_app(
        "app.audit", "la fila {seq} registra o cambia una clave de firma sin derecho a "
                     "hacerlo (solo un administrador, otro que el dueño, con una solicitud "
                     "firmada por la clave nueva)"),
    "keys_mismatch": mark_app(
        "app.audit", "las claves públicas guardadas (person_keys) no son las que registró el "
                     "registro: alguien las cambió"),
    "correction_mismatch": mark_app(
        "app.audit", "la corrección {ids} no dice lo que dice su última fila del registro "
                     "(estado, quién propuso o aprobó, su clave de envío, el registro, el campo "
                     "o el valor nuevo fueron cambiados por fuera de Cuadre)"),
    "correction_missing": mark_app(
        "app.audit", "el registro habla de la corrección {ids}, que ya no está en el almacén"),
    "approval_unsigned": mark_app(
        "app.audit", "la aprobación de la corrección {ids} no tiene una firma válida de quien "
                     "la aprobó"),
    "outbox_mismatch": mark_app(
        "app.audit", "la fila {ids} de envíos no corresponde a lo que el registro dice que se "
                     "encoló y envió, o envía otra cosa que lo aprobado"),
    "outbox_missing": mark_app(
        "app.audit", "el registro encoló un envío (clave {ids}) que ya no está en la tabla de "
                     "envíos"),
    "period_mismatch": mark_app(
        "app.audit", "el cierre de periodo {ids} no coincide con su certificación o su firma "
                     "en el registro"),
    "signoff_unsigned": mark_app(
        "app.audit", "la firma del cierre de periodo {ids} no es válida"),
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
                anchors: Iterable[Anchor] = (), book: KeyBook | None = None) -> VerifyResult:
    """Check rows given in ``seq`` order (dicts of every column, ``hash`` included) against the
    head ``(count, last_hash)`` and any anchors — and, given a :class:`KeyBook`, every row's
    signature (the rows then carry ``signature``)."""
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
        why = book.check(row) if book is not None else None
        if why is not None:
            return _fail(count - 1, head, why, seq)
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


_NAMES = (*AUDIT_FIELDS, "hash", "signature")
_COLUMNS = [getattr(AuditRow, name) for name in _NAMES]


def verify_session(session: Session, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Verify the trail as ``session`` sees it (inside its transaction)."""
    head_row = session.execute(
        select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    head = (head_row[0], head_row[1]) if head_row is not None else None
    book = KeyBook(legacy_roles(session))
    result = session.execute(select(*_COLUMNS).order_by(AuditRow.seq).execution_options(
        yield_per=2000))
    try:  # stream the rows; close the (server-side) cursor even when verification stops early
        verified = verify_rows((dict(zip(_NAMES, r, strict=True)) for r in result), head,
                               anchors, book)
    finally:
        result.close()
    if not verified.ok:
        return verified
    gone = missing_guards(session)
    if gone:
        return _fail(verified.rows, head, "guards_missing", None, names=", ".join(gone))
    if not book.matches(stored_keys(session)):
        return _fail(verified.rows, head, "keys_mismatch", None)
    loose = unrecorded(session)
    if loose:
        shown = ", ".join(i[:8] for i in loose[:5]) + (" …" if len(loose) > 5 else "")
        return _fail(verified.rows, head, "approval_unrecorded", None, ids=shown)
    found = disagreement(session, book)
    if found is not None:
        return _fail(verified.rows, head, found[0], None, ids=found[1][:12])
    return _signed(verified, book)


def _signed(verified: VerifyResult, book: KeyBook) -> VerifyResult:
    """The result, saying how far the trail is signed."""
    if book.first_key is None:
        said = tr_app("app.audit", "ninguna fila está firmada: este espacio de trabajo no tiene "
                                   "claves de firma (solo la cadena y las anclas lo protegen)")
    else:
        said = tr_app("app.audit", "firmadas por sus autores desde la fila {seq}; {n} sin "
                                   "firma (anteriores a las claves o del propio programa)"
                      ).format(seq=book.first_key, n=book.unsigned)
    return VerifyResult(True, verified.rows, verified.head_count, verified.head_hash,
                        message=f"{verified.message} {said[:1].upper()}{said[1:]}.")


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
