"""Blank secrets wherever they would be written: log messages, exception text, tracebacks.

Two layers, because each misses what the other catches:

- *live secrets*: every secret read from or saved to the keyring in this process
  (:mod:`app.security.secrets` calls :func:`register`), plus the forms it takes on the wire —
  URL-quoted, JSON-, XML- and repr-escaped. A connector that derives another secret (a session
  token from a login call, a ``Basic`` header value) registers that too. This catches a secret
  that appears *bare*, e.g. an XML-RPC fault echoing its arguments, where no pattern could.
- *patterns*: ``Authorization: Bearer …``, ``password=…``, ``"api_key": "…"``, ``user:pass@``
  in URLs — for secrets this process never saw (a token inside a server's reply).

:class:`SecretFilter` applies both to a log record before any handler formats it, including its
traceback; :func:`scrub` does the same to any text (a message about to be shown).

Secrets shorter than :data:`MIN_SECRET_CHARS` are not registered: blanking every ``abc`` in
the log would make it unreadable and still not protect a password that weak.
"""

from __future__ import annotations

import html
import json
import logging
import re
import threading
from urllib.parse import quote, quote_plus

MIN_SECRET_CHARS = 4
MASK = "***"

_lock = threading.Lock()
_live: set[str] = set()
_ordered: tuple[str, ...] = ()  # longest first, so a secret inside another is not half-masked

_NAMED = re.compile(
    r"(?i)\b((?:proxy-)?authorization|x-api-key|api[_-]?key|access[_-]?key|access[_-]?token"
    r"|refresh[_-]?token|client[_-]?secret|password|passwd|pwd|secret|token)\b"
    r"([\"']?\s*[:=]\s*[\"']?)((?:bearer|basic|token|wo|digest)\s+)?([^\s\"',;&}<]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9\-._~+/]{4,}=*")
_USERINFO = re.compile(r"(\b[a-z][a-z0-9+.\-]*://[^/\s:@]*):([^@\s/]+)@", re.IGNORECASE)


def _forms(secret: str) -> set[str]:
    """The secret as it may appear in a URL, a JSON or XML body, or a Python repr."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1],
             html.escape(secret, quote=True), repr(secret)[1:-1]}
    return {f for f in forms if len(f) >= MIN_SECRET_CHARS}


def register(*secrets: str | None) -> None:
    """Remember secrets so that :func:`scrub` and :class:`SecretFilter` blank them."""
    global _ordered
    new: set[str] = set()
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_CHARS:
            new |= _forms(secret)
    if not new:
        return
    with _lock:
        if new <= _live:
            return
        _live.update(new)
        _ordered = tuple(sorted(_live, key=len, reverse=True))


def forget(*secrets: str | None) -> None:
    """Stop blanking these secrets (after ``cuadre credentials delete``, say)."""
    global _ordered
    gone: set[str] = set()
    for secret in secrets:
        if secret:
            gone |= _forms(secret)
    with _lock:
        _live.difference_update(gone)
        _ordered = tuple(sorted(_live, key=len, reverse=True))


def clear() -> None:
    """Forget every secret (tests)."""
    global _ordered
    with _lock:
        _live.clear()
        _ordered = ()


def is_registered(secret: str) -> bool:
    with _lock:
        return secret in _live


def scrub_secrets(text: str) -> str:
    """Replace every live secret in ``text`` with ``***``."""
    for secret in _ordered:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def scrub(text: str) -> str:
    """Live secrets first, then the patterns that name a secret (headers, parameters, URLs)."""
    text = scrub_secrets(text)
    text = _NAMED.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}{MASK}", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _USERINFO.sub(lambda m: f"{m.group(1)}:{MASK}@", text)


class SecretFilter(logging.Filter):
    """Scrubs a record's message, traceback and stack in place, before any handler formats it.

    Install it on a *handler* (``handler.addFilter(SecretFilter())``): a filter on a logger is
    skipped for records that propagate up from child loggers.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, scrubbed
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
            # The formatter re-renders exc_info only when exc_text is empty; keep the scrubbed text.
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def install(handler: logging.Handler) -> logging.Handler:
    """Add a :class:`SecretFilter` to ``handler`` once; returns the handler."""
    if not any(isinstance(f, SecretFilter) for f in handler.filters):
        handler.addFilter(SecretFilter())
    return handler
