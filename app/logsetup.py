"""Logging for the app and the command line: to a file in the data folder, PII masked.

Documents, phones and e-mail addresses are masked by a filter on the handler, so nothing a
module logs by mistake (an exception message quoting a cédula, say) reaches the file.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from app.paths import data_dir

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?<![\w.])(\d[\d .\-]{4,}\d)(?![\w])")
_AUTH = re.compile(
    r"(?i)(authorization|token|password|api[_-]?key|secret)(\W+(?:bearer\s+|basic\s+)?)(\S+)"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def redact(text: str) -> str:
    """Mask e-mail addresses, secrets after their names and numbers of six digits or more."""
    text = _AUTH.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    text = _EMAIL.sub("***@***", text)

    def mask(m: re.Match[str]) -> str:
        if _ISO_DATE.fullmatch(m.group(1)):
            return m.group(1)
        digits = sum(c.isdigit() for c in m.group(1))
        return "#" * 3 + m.group(1)[-2:] if digits >= 6 else m.group(1)

    return _LONG_NUMBER.sub(mask, text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


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
