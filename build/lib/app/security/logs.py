"""Logging for the app and the command line: to a file in the data folder, PII masked.

Documents, phones and e-mail addresses are masked by the handler's formatter, so nothing a
module logs by mistake (an exception message quoting a cédula, say) reaches the file; so are
secrets: any the keyring handed out in this process (``app.security.redaction``), and values
after ``Authorization``, ``token``, ``password``… The time stamp of each line is left alone.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from app.paths import data_dir
from app.security.redaction import scrub

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?<![\w.])(\d[\d .\-]{4,}\d)(?![\w])")
_AUTH = re.compile(
    r"(?i)(authorization|token|password|api[_-]?key|secret)(\W+(?:bearer\s+|basic\s+)?)(\S+)"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IPV4 = re.compile(r"\d{1,3}(\.\d{1,3}){3}")


def redact(text: str) -> str:
    """Mask secrets, e-mail addresses and numbers of six digits or more (not dates or IPs)."""
    text = scrub(text)
    text = _AUTH.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    text = _EMAIL.sub("***@***", text)

    def mask(m: re.Match[str]) -> str:
        if _ISO_DATE.fullmatch(m.group(1)) or _IPV4.fullmatch(m.group(1)):
            return m.group(1)
        digits = sum(c.isdigit() for c in m.group(1))
        return "#" * 3 + m.group(1)[-2:] if digits >= 6 else m.group(1)

    return _LONG_NUMBER.sub(mask, text)


class RedactingFormatter(logging.Formatter):
    """Redacts the message, the traceback and the stack; not the time stamp or the level."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the traceback's text unredacted: render it anew.
        cached = record.exc_text
        record.exc_text = None if record.exc_info else (redact(cached) if cached else cached)
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return redact(super().formatStack(stack_info))


def log_file() -> Path:
    return data_dir() / "logs" / "cuadre.log"


def configure(level: int = logging.INFO) -> Path:
    """Send the ``cuadre`` loggers to the log file; returns its path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_cuadre", False)]:
        root.removeHandler(old)
        old.close()
    handler._cuadre = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
