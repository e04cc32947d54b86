"""Faults the sandbox injects on demand, so tests can see what a connector does when a server
misbehaves: an error status (429 with ``Retry-After``, 500, 503…), a slow response, or a
response that never comes (the connection is closed after the request was handled — for a
write, the change happened but the client cannot know).

Rules are switched at runtime, from Python (``sandbox.faults.add(status=503, count=2)``) or
over HTTP (``POST /_faults`` with the same fields as JSON, ``DELETE /_faults`` to clear).
Each rule applies to the next ``count`` requests whose path starts with ``path`` (all paths by
default) and whose method is ``method`` (any by default); ``count`` 0 means until cleared, and
``drop=N`` drops the next N responses. The first rule that matches a request is used; the
health and admin endpoints are never faulted.

From Python only, ``gate=threading.Event()`` holds a write *inside* the idempotency layer (its
key in flight) until the event is set: a test's way to send the same key again while the first
request is still being handled, with no clock involved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields
from typing import Any


@dataclass(slots=True)
class Fault:
    """What to do to the next ``remaining`` matching requests (None: until cleared)."""

    status: int | None = None
    remaining: int | None = 1
    retry_after: str | None = None
    delay: float = 0.0
    drop: bool = False
    path: str = ""
    method: str = ""
    gate: threading.Event | None = None

    def public(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["gate"] = self.gate is not None
        return out


@dataclass(frozen=True, slots=True)
class Injection:
    """What one request gets: wait ``delay`` s, then answer ``status`` or handle it and drop."""

    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    drop: bool = False
    gate: threading.Event | None = None


class FaultError(ValueError):
    """A fault rule that makes no sense (a message for the admin endpoint's 400)."""


class Faults:
    """The sandbox's switchable faults; thread-safe."""

    def __init__(self) -> None:
        self._rules: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, status: int | None = None, count: int | None = None, retry_after: Any = None,
            delay: float = 0.0, drop: int = 0, path: str = "", method: str = "",
            gate: threading.Event | None = None) -> Fault:
        """Add a rule for the next ``count`` requests under ``path`` (default 1; 0: until
        cleared), of one ``method`` when given. ``drop=N`` drops the next N responses
        (``count`` defaults to N); ``gate`` holds a write, its key in flight, until set."""
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)
                                   or not 400 <= status <= 599):
            raise FaultError("status debe ser un código HTTP de error (400-599)")
        if isinstance(delay, bool) or not isinstance(delay, int | float) or not 0 <= delay <= 600:
            raise FaultError("delay debe ser un número de segundos entre 0 y 600")
        if isinstance(drop, bool) or not isinstance(drop, int) or drop < 0:
            raise FaultError("drop debe ser un entero no negativo")
        if drop and status is not None:
            raise FaultError("una respuesta no puede a la vez perderse y traer un status")
        if count is None:
            count = drop or 1
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise FaultError("count debe ser un entero no negativo")
        if status is None and not delay and not drop and gate is None:
            raise FaultError("indique status, delay o drop")
        if gate is not None and not isinstance(gate, threading.Event):
            raise FaultError("gate debe ser un threading.Event")
        if not isinstance(path, str) or not isinstance(method, str):
            raise FaultError("path y method deben ser texto")
        rule = Fault(status=status, remaining=count or None,
                     retry_after=None if retry_after is None else str(retry_after),
                     delay=float(delay), drop=bool(drop), path=path, method=method.upper(),
                     gate=gate)
        with self._lock:
            self._rules.append(rule)
        return rule

    def set(self, **rule: Any) -> Fault:
        """Replace every rule by this one."""
        with self._lock:
            self._rules.clear()
        return self.add(**rule)

    def add_json(self, body: Any) -> Fault:
        """A rule as ``POST /_faults`` sends it."""
        if not isinstance(body, dict):
            raise FaultError("envíe un objeto JSON")
        allowed = {"status", "count", "retry_after", "delay", "drop", "path", "method"}
        unknown = sorted(set(body) - allowed)
        if unknown:
            raise FaultError("campos desconocidos: " + ", ".join(map(str, unknown)))
        return self.add(**body)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.public() for r in self._rules]

    def take(self, method: str, path: str) -> Injection | None:
        """The fault for a ``method`` request to ``path``, counted against its rule."""
        with self._lock:
            for rule in self._rules:
                if not path.startswith(rule.path) or rule.method not in ("", method.upper()):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self._rules.remove(rule)
                return Injection(rule.status, rule.retry_after, rule.delay, rule.drop,
                                 rule.gate)
            return None
