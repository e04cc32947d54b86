"""Exact, deterministic encodings for what the store hashes and keeps.

``canonical_json`` is the one byte-for-byte form every hash in the store is computed over:
sorted keys, no insignificant spaces, UTF-8 text kept as is. ``encode_payload`` /
``decode_payload`` carry a correction's values through JSON without losing their types:
``Decimal`` stays exact (never float), dates and zone-aware datetimes come back as such, text
stays text (identifiers keep their leading zeros). ``audit_value`` is the readable form of one
value in the audit trail: a JSON literal, so ``-1500000.00`` (a number) and ``"0012"`` (text)
stay distinguishable when the trail is exported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64  # the prev_hash of the first audit row


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """``2024-06-01T13:00:00.000000+00:00``: fixed width, so text order is time order."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place in the store: give it a zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _tag(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("a money amount must be a finite number")
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": iso_utc(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, float):
        raise TypeError("floats are not stored: use Decimal for amounts")
    if isinstance(value, Mapping):
        return {str(k): _tag(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tag(v) for v in value]
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key == "$decimal":
                return Decimal(inner)
            if key == "$datetime":
                return datetime.fromisoformat(inner)
            if key == "$date":
                return date.fromisoformat(inner)
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


def encode_payload(payload: Mapping[str, Any]) -> str:
    return canonical_json(_tag(payload))


def decode_payload(text: str) -> dict[str, Any]:
    value = _untag(json.loads(text))
    if not isinstance(value, dict):
        raise ValueError("a payload is a JSON object")
    return value


def audit_value(value: Any) -> str | None:
    """One value as the audit trail shows it: a JSON literal (None stays None).

    Numbers (``Decimal``/``int``) are bare literals, everything else a JSON string.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("a money amount must be a finite number")
        text = str(value)
        return text if "E" not in text else format(value, "f")
    if isinstance(value, datetime):
        return json.dumps(iso_utc(value))
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    if isinstance(value, float):
        raise TypeError("floats are not stored: use Decimal for amounts")
    return json.dumps(str(value), ensure_ascii=False)


def read_audit_value(text: str | None) -> Any:
    """The value an ``audit_value`` literal holds: Decimal/int for numbers, str for text.

    Anything that is not a JSON literal (written by hand, or damaged) comes back as the text."""
    if text is None:
        return None
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError:
        return text
