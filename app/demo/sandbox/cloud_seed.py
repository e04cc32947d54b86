"""What the Siigo Nube and Alegra emulators serve: the demo ERP, as each service holds it.

The demo ERP's customers, invoices and receipts are read through the demo's own connector
(the canonical schema) and written out in each service's shapes (``siigo`` and ``alegra``
modules), so a reconciliation against either finds what it finds against the demo ERP. Also
the request window both services count against (:class:`Window`).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.demo.connector import DemoErp
from app.domain.schema import Entity, records

_NAMESPACE = uuid.UUID("6f1c4c1e-3b7a-4a61-9d5e-2f0b8c9a7d11")


def guid(kind: str, source_id: Any) -> str:
    """A Siigo-style GUID for a demo record, the same every time."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{source_id}"))


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def demo_rows(erp: Path) -> dict[Entity, list[dict[str, Any]]]:
    """The demo ERP's customers, payments and invoices in the canonical schema."""
    demo = DemoErp(erp)
    return {e: records(demo.pull(e)) for e in (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES)}


def split_number(invoice_number: str | None) -> tuple[str, str]:
    """«FEB-10001» → ("FEB", "10001"): the prefix and the number of a DIAN invoice."""
    text = str(invoice_number or "")
    prefix, _, digits = text.rpartition("-")
    return (prefix, digits) if digits.isdigit() else (text, "")


@dataclass
class Window:
    """At most ``limit`` requests per ``seconds``, counted per account: what the service allows."""

    limit: int
    seconds: float = 60.0
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, account: str) -> tuple[bool, int, float]:
        """(allowed, requests left, seconds until the window frees one)."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(account, deque())
            while seen and now - seen[0] >= self.seconds:
                seen.popleft()
            if self.limit > 0 and len(seen) >= self.limit:
                return False, 0, self.seconds - (now - seen[0])
            seen.append(now)
            left = self.seconds - (now - seen[0])
            return True, max(0, self.limit - len(seen)), left

