"""Each person's Ed25519 signing key: made here, kept in the OS keyring, never in the store.

A key pair belongs to one person of one workspace. The private half is saved in the person's
OS credential store (:mod:`app.security.secrets`) under the entry

    ``firma/<workspace id>/<login>/<key id>``

(``service="Cuadre"``), where the workspace id is the random id the store keeps in
``store_meta`` and the key id the first 16 hex characters of the SHA-256 of the raw public
key. The value is ``ed25519:`` followed by the 32-byte private seed in base64. The public
half is kept in the store (``person_keys``) and written in the audit row that registers it.

What is signed is always bytes built here: an audit row's hash (:func:`row_message`), an
approval (:func:`approval_message`) and a period sign-off (:func:`signoff_message`), each with
its own prefix so a signature of one kind can never be passed off as another. A signature is
written ``<key id>:<base64>``.

Private keys read from the keyring are kept in memory for the life of the process (by the
keyring backend in use, the workspace and the key id): the Windows and Secret Service stores
answer in milliseconds, and a push appends several rows per correction.
"""

from __future__ import annotations

import base64
import hashlib
import threading

import keyring
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.security import secrets

_PREFIX = "ed25519:"
_cache: dict[tuple[int, str, str, str], Ed25519PrivateKey] = {}
_lock = threading.Lock()


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as base64 of its 32 raw bytes (what the store and the trail keep)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def key_id(public: str) -> str:
    """A public key's id: 16 hex characters of the SHA-256 of its raw bytes."""
    return hashlib.sha256(base64.b64decode(public)).hexdigest()[:16]


def entry(workspace_id: str, login: str, kid: str) -> str:
    """The keyring entry (``username``) of a person's private key."""
    return f"firma/{workspace_id}/{login}/{kid}"


def save_private(workspace_id: str, login: str, key: Ed25519PrivateKey) -> str:
    """Save ``key`` in the OS keyring; its key id. :class:`secrets.SecretStoreError` (a Spanish
    sentence) when there is no secure store on this computer."""
    kid = key_id(public_text(key))
    seed = key.private_bytes_raw()
    secrets.set_secret(entry(workspace_id, login, kid),
                       _PREFIX + base64.b64encode(seed).decode("ascii"))
    return kid


def load_private(workspace_id: str, login: str, kid: str) -> Ed25519PrivateKey | None:
    """The private key ``kid`` of ``login`` from this computer's keyring; None when absent."""
    backend = keyring.get_keyring()
    cache_key = (id(backend), workspace_id, login, kid)
    with _lock:
        cached = _cache.get(cache_key)
    if cached is not None:
        return cached
    text = secrets.get_secret(entry(workspace_id, login, kid))
    if not text or not text.startswith(_PREFIX):
        return None
    try:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(text[len(_PREFIX):]))
    except ValueError:
        return None
    if key_id(public_text(key)) != kid:
        return None
    with _lock:
        _cache[cache_key] = key
    return key


def forget_cached() -> None:
    """Drop the keys kept in memory (a test that changes the keyring under a running process)."""
    with _lock:
        _cache.clear()


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    """``<key id>:<base64 signature>``."""
    kid = key_id(public_text(key))
    return f"{kid}:{base64.b64encode(key.sign(message)).decode('ascii')}"


def verify(public: str, signature: str | None, message: bytes) -> bool:
    """Whether ``signature`` (``<key id>:<base64>``) is ``public``'s signature of ``message``."""
    if not signature or ":" not in signature:
        return False
    kid, _, body = signature.partition(":")
    try:
        if kid != key_id(public):
            return False
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True)).verify(
            base64.b64decode(body, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def row_message(row_hash: str) -> bytes:
    return b"cuadre-fila/1\n" + row_hash.encode("ascii", "replace")


def approval_message(correction_id: str, payload_hash: str, idempotency_key: str,
                     approver: str) -> bytes:
    """What an approver signs: the correction, its payload's hash, the key it is sent with and
    who approves."""
    return "\n".join(("cuadre-aprobacion/1", correction_id, payload_hash, idempotency_key,
                      approver)).encode("utf-8")


def signoff_message(period_id: str, certificate_hash: str, certified_by: str,
                    signed_by: str) -> bytes:
    """What signing off a period signs: the certificate, who certified it and who signs."""
    return "\n".join(("cuadre-cierre/1", period_id, certificate_hash, certified_by,
                      signed_by)).encode("utf-8")


__all__ = ["approval_message", "entry", "forget_cached", "key_id", "load_private", "new_key",
           "public_text", "row_message", "save_private", "sign", "signoff_message", "verify"]
