"""Issue 17, items 2–3: each person's Ed25519 key, in the OS keyring only; signed rows,
approvals and sign-offs; a lost key replaced (asked by the person, approved by another
administrator) with the old signatures still verifiable; a workspace without a keyring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, update
from support.memory_keyring import MemoryKeyring, installed

from app.audit import verify
from app.security import signing
from app.store import open_store
from app.store.chain import SigningError
from app.store.models import AuditRow, CorrectionRow, PersonKey
from app.writeback import corrections as c
from app.writeback.errors import CorrectionError, NotAllowed
from app.writeback.keys import approve_key, request_key
from app.writeback.people import add_person

AMOUNT = {"entity": "payments", "system": "erp", "source_id": "RC-1", "field": "amount",
          "old": Decimal("1500000.00"), "new": Decimal("-1500000.00")}


@pytest.fixture
def ring():
    with installed(MemoryKeyring()) as backend:
        signing.forget_cached()
        yield backend
    signing.forget_cached()


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'espacio.sqlite'}") as opened:
        yield opened


def staff(store) -> None:
    assert add_person(store, None, "admin", "Administración", ["admin"])
    assert add_person(store, "admin", "ana", "Ana", ["proposer"])
    assert add_person(store, "admin", "carla", "Carla", ["approver"])
    assert add_person(store, "admin", "beto", "Beto", ["admin", "approver"])


def test_each_person_gets_a_key_pair_private_in_the_keyring_public_in_the_store(ring, store):
    staff(store)
    with store.read() as s:
        keys = {k.login: k for k in s.scalars(select(PersonKey))}
        rows = {(r.action, r.record): r for r in s.scalars(select(AuditRow))}
    assert set(keys) == {"admin", "ana", "carla", "beto"}
    for login, key in keys.items():
        registered = rows[("key_registered", login)]
        assert registered.new == key.public_key and key.since_seq == registered.seq + 1
        assert registered.actor == "admin"  # the first one signs its own registration
        [(name, value)] = [(k[1], v) for k, v in ring.entries.items() if f"/{login}/" in k[1]]
        assert name.endswith(f"/{login}/{key.key_id}") and value.startswith("ed25519:")
        assert key.public_key not in value  # the private seed, never the public key
    result = verify(store)
    assert result.ok and "Firmadas por sus autores desde la fila 2" in result.message


def test_rows_approvals_and_their_signatures_verify_with_the_actors_keys(ring, store):
    staff(store)
    made = c.propose(store, "ana", **AMOUNT)
    done = c.approve(store, "carla", made.id)
    with store.read() as s:
        row = s.get(CorrectionRow, made.id)
        approve = s.scalars(select(AuditRow).where(AuditRow.action == "approve")).one()
        carla = s.scalars(select(PersonKey).where(PersonKey.login == "carla")).one()
    assert signing.verify(carla.public_key, row.approval_signature, signing.approval_message(
        made.id, row.payload_hash, done.idempotency_key, "carla"))
    assert signing.verify(carla.public_key, approve.signature,
                          signing.row_message(approve.hash))
    with store.write() as s:  # the approval signed over another payload hash is refused
        s.execute(update(CorrectionRow).values(approval_signature=signing.sign(
            signing.new_key(), b"x")))
    assert not verify(store).ok


def test_acting_without_ones_key_here_is_refused_and_writes_nothing(ring, store):
    staff(store)
    made = c.propose(store, "ana", **AMOUNT)
    for entry in [k for k in ring.entries if "/carla/" in k[1]]:
        del ring.entries[entry]
    signing.forget_cached()
    with pytest.raises(SigningError, match="La clave de firma de «carla» no está"):
        c.approve(store, "carla", made.id)
    assert c.get(store, made.id).state == "proposed"
    assert verify(store).ok


def test_a_lost_key_is_replaced_with_an_administrators_approval_and_old_signatures_stay(
        ring, store):
    staff(store)
    first = c.approve(store, "carla", c.propose(store, "ana", **AMOUNT).id)
    for entry in [k for k in ring.entries if "/carla/" in k[1]]:
        del ring.entries[entry]  # her laptop was stolen
    signing.forget_cached()
    kid = request_key(store, "carla")
    with pytest.raises(NotAllowed):  # not an administrator
        approve_key(store, "carla", "carla")
    with pytest.raises(NotAllowed):
        approve_key(store, "ana", "carla")
    assert approve_key(store, "admin", "carla") == kid
    second = c.approve(store, "carla", c.propose(store, "ana", **{**AMOUNT, "source_id": "RC-2"}
                                                 ).id)
    with store.read() as s:
        spans = {k.key_id: (k.since_seq, k.until_seq) for k in s.scalars(
            select(PersonKey).where(PersonKey.login == "carla"))}
        replaced = s.scalars(select(AuditRow).where(AuditRow.action == "key_replaced")).one()
    assert spans[kid] == (replaced.seq + 1, None)
    [(old, (_since, until))] = [(k, v) for k, v in spans.items() if k != kid]
    assert until == replaced.seq and replaced.old == old and replaced.actor == "admin"
    assert first.approver == second.approver == "carla"
    result = verify(store)  # the first approval, signed by the lost key, still verifies
    assert result.ok, result.message


def test_an_administrator_does_not_approve_their_own_new_key(ring, store):
    staff(store)
    request_key(store, "beto")
    with pytest.raises(NotAllowed, match="no aprueba su propia clave"):
        approve_key(store, "beto", "beto")
    approve_key(store, "admin", "beto")
    assert verify(store).ok


def test_without_a_secure_keyring_the_workspace_signs_nothing_and_keeps_working(store):
    assert not add_person(store, None, "admin", "Administración", ["admin"])
    assert not add_person(store, "admin", "ana", "Ana", ["proposer"])
    assert not add_person(store, "admin", "carla", "Carla", ["approver"])
    c.approve(store, "carla", c.propose(store, "ana", **AMOUNT).id)
    result = verify(store)
    assert result.ok and "Ninguna fila está firmada" in result.message


def test_a_workspace_without_keys_starts_signing_when_its_administrator_approves_a_key(
        store, tmp_path):
    add_person(store, None, "admin", "Administración", ["admin"])
    add_person(store, "admin", "ana", "Ana", ["proposer"])
    with installed(MemoryKeyring()):
        signing.forget_cached()
        request_key(store, "ana")
        with pytest.raises(NotAllowed, match="aún no firma"):  # the administrator's own first
            approve_key(store, "admin", "ana")
        request_key(store, "admin")
        approve_key(store, "admin", "admin")
        # From now on every row is signed: ana has no key, so she cannot act until she has one.
        with pytest.raises(SigningError, match="«ana» no tiene clave de firma"):
            c.propose(store, "ana", **AMOUNT)
        request_key(store, "ana")
        approve_key(store, "admin", "ana")
        c.propose(store, "ana", **AMOUNT)
        result = verify(store)
    signing.forget_cached()
    assert result.ok, result.message
    with store.read() as s:
        first = s.scalars(select(AuditRow).where(AuditRow.action == "key_registered")).first()
    assert f"desde la fila {first.seq}" in result.message


def test_a_workspace_that_signs_refuses_someone_it_could_not_sign_for(ring, store):
    staff(store)
    with installed(MemoryKeyring(), trusted=False):  # a computer with no secure keyring
        signing.forget_cached()
        with pytest.raises((CorrectionError, SigningError)):
            add_person(store, "admin", "eve", "Eve", ["proposer"])
    signing.forget_cached()
    assert verify(store).ok


def test_an_upgraded_store_from_before_signatures_adopts_keys(tmp_path):
    """A version 1 store (people with no «person_added» row) is upgraded; its administrator
    asks for and approves their own key, then carla's; from then on everything is signed."""
    from unit.test_store_migration import _v1_store

    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    with installed(MemoryKeyring()), open_store(f"sqlite:///{path}") as store:
        signing.forget_cached()
        request_key(store, "admin")
        approve_key(store, "admin", "admin")
        request_key(store, "carla")
        approve_key(store, "admin", "carla")
        with pytest.raises(SigningError, match="«ana» no tiene clave de firma"):
            c.propose(store, "ana", **AMOUNT)
        result = verify(store)
    signing.forget_cached()
    assert result.ok, result.message
