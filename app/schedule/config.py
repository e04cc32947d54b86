"""What is scheduled and where alerts go: two small JSON files in the data folder.

``schedules.json`` holds one entry per profile: the daily time, who the run saves as, the
workspace store, the e-mail addresses and thresholds of its alerts, and which scheduler holds
it. ``smtp.json`` holds the mail server (host, port, TLS mode, user, sender, an optional CA
file); its password is only ever in the OS credential store (:mod:`app.security.secrets`),
under the reference :meth:`SmtpSettings.secret_ref`. Both files are written whole
(:func:`app.paths.atomic_write`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.i18n import tr_app
from app.domain.values import fold
from app.paths import atomic_write, data_dir
from app.schedule.errors import ScheduleError

SCHEDULES_FILE = "schedules.json"
SMTP_FILE = "smtp.json"
FORMAT = "cuadre-programaciones"
SMTP_FORMAT = "cuadre-correo"
VERSION = 1
#: TLS modes: STARTTLS on the submission port, or TLS from the first byte.
STARTTLS, SSL = "starttls", "ssl"
DEFAULT_PORTS = {STARTTLS: 587, SSL: 465}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def daily_time(text: str) -> str:
    """«6:00» → «06:00»; anything but a time of day is refused."""
    found = _TIME.match(text.strip())
    if found is None:
        raise ScheduleError(tr_app("app.schedule", "«{text}» no es una hora del día: escríbala "
                                   "como HH:MM, de 00:00 a 23:59 (p. ej. 06:00)").format(text=text))
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def email_address(text: str) -> str:
    """An e-mail address as typed (trimmed); something that is not one is refused."""
    address = text.strip()
    if not _EMAIL.match(address):
        raise ScheduleError(tr_app("app.schedule", "«{text}» no es una dirección de correo "
                                   "válida").format(text=text))
    return address


def pesos_amount(text: str) -> Decimal:
    """A threshold in pesos: «50000000», «50.000.000» or «$ 50.000.000»."""
    cleaned = text.replace("$", "").replace(" ", "").replace("\u00a0", "").replace(".", "")
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        raise ScheduleError(tr_app("app.schedule", "«{text}» no es un valor en pesos (p. ej. "
                                   "50000000)").format(text=text))
    return amount


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """One profile's scheduled run and its alerts."""

    profile: str
    daily: str  # «06:00», the computer's local time
    actor: str
    backend: str  # which scheduler holds it: schtasks, systemd or cron
    emails: tuple[str, ...] = ()
    notify: bool = False
    threshold_findings: int | None = None
    threshold_pesos: Decimal | None = None
    store: str | None = None  # the workspace store's URL (never a password: that is the keyring's)
    workspace: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"profile": self.profile, "daily": self.daily, "actor": self.actor,
                "backend": self.backend, "emails": list(self.emails), "notify": self.notify,
                "threshold_findings": self.threshold_findings,
                "threshold_pesos": None if self.threshold_pesos is None
                else str(self.threshold_pesos),
                "store": self.store, "workspace": self.workspace}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> ScheduleEntry:
        pesos = doc.get("threshold_pesos")
        return cls(str(doc["profile"]), str(doc["daily"]), str(doc["actor"]), str(doc["backend"]),
                   tuple(str(e) for e in doc.get("emails") or ()), bool(doc.get("notify")),
                   doc.get("threshold_findings"), None if pesos is None else Decimal(str(pesos)),
                   doc.get("store"), doc.get("workspace"))


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """The mail server alerts go through. The password is not here: it is in the keyring."""

    host: str
    port: int
    security: str  # STARTTLS or SSL: never in the clear
    user: str
    sender: str
    ca_file: str | None = None  # a CA to trust besides the system's (a company's own)
    timeout: float = field(default=30.0)

    def secret_ref(self) -> str:
        """The credential store entry of the password: ``smtp://user@host:port``."""
        return f"smtp://{self.user}@{self.host.lower()}:{self.port}"

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "security": self.security,
                "user": self.user, "sender": self.sender, "ca_file": self.ca_file}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> SmtpSettings:
        return cls(str(doc["host"]), int(doc["port"]), str(doc["security"]), str(doc["user"]),
                   str(doc["sender"]), doc.get("ca_file"))


def _path(name: str, folder: Path | None) -> Path:
    return (folder or data_dir()) / name


def _read(path: Path, kind: str) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != kind:
            raise ValueError(kind)
        return doc
    except (ValueError, UnicodeDecodeError, OSError):
        raise ScheduleError(tr_app("app.schedule", "no se pudo leer {path}: no es un archivo de "
                                   "Cuadre o está dañado; revíselo o bórrelo").format(
            path=path)) from None


def _write(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def load_schedules(folder: Path | None = None) -> list[ScheduleEntry]:
    doc = _read(_path(SCHEDULES_FILE, folder), FORMAT)
    try:
        return [ScheduleEntry.from_json(e) for e in (doc or {}).get("schedules", [])]
    except (KeyError, TypeError, ValueError, InvalidOperation):
        raise ScheduleError(tr_app("app.schedule", "no se pudo leer {path}: una programación "
                                   "está incompleta; revíselo o bórrelo").format(
            path=_path(SCHEDULES_FILE, folder))) from None


def save_schedules(entries: Sequence[ScheduleEntry], folder: Path | None = None) -> None:
    _write(_path(SCHEDULES_FILE, folder), {"format": FORMAT, "version": VERSION,
                                           "schedules": [e.to_json() for e in entries]})


def same_profile(a: str, b: str) -> bool:
    return fold(a.strip()) == fold(b.strip())


def find_schedule(profile: str, folder: Path | None = None) -> ScheduleEntry | None:
    return next((e for e in load_schedules(folder) if same_profile(e.profile, profile)), None)


def put_schedule(entry: ScheduleEntry, folder: Path | None = None) -> None:
    """Add ``entry``, replacing the profile's previous one."""
    kept = [e for e in load_schedules(folder) if not same_profile(e.profile, entry.profile)]
    save_schedules([*kept, entry], folder)


def drop_schedule(profile: str, folder: Path | None = None) -> ScheduleEntry | None:
    """Remove the profile's entry; the entry removed, or None."""
    entries = load_schedules(folder)
    found = next((e for e in entries if same_profile(e.profile, profile)), None)
    if found is not None:
        save_schedules([e for e in entries if e is not found], folder)
    return found


def load_smtp(folder: Path | None = None) -> SmtpSettings | None:
    doc = _read(_path(SMTP_FILE, folder), SMTP_FORMAT)
    if doc is None:
        return None
    try:
        return SmtpSettings.from_json(doc["server"])
    except (KeyError, TypeError, ValueError):
        raise ScheduleError(tr_app("app.schedule", "no se pudo leer {path}: la configuración "
                                   "del correo está incompleta; guárdela de nuevo con «cuadre "
                                   "schedule smtp set»").format(path=_path(SMTP_FILE, folder))) from None


def save_smtp(settings: SmtpSettings, folder: Path | None = None) -> None:
    _write(_path(SMTP_FILE, folder), {"format": SMTP_FORMAT, "version": VERSION,
                                      "server": settings.to_json()})


def smtp_settings(host: str, port: int | None, security: str, user: str, sender: str | None,
                  ca_file: str | None) -> SmtpSettings:
    """Settings from what was typed, checked: a host, a port, a TLS mode, addresses."""
    host = host.strip()
    if not host or any(c in host for c in " /@:"):
        raise ScheduleError(tr_app("app.schedule", "«{host}» no es un servidor de correo: "
                                   "escriba solo su nombre (p. ej. smtp.office365.com)").format(
            host=host))
    if security not in DEFAULT_PORTS:
        raise ScheduleError(tr_app("app.schedule", "el cifrado debe ser starttls o ssl"))
    port = DEFAULT_PORTS[security] if port is None else port
    if not 0 < port < 65536:
        raise ScheduleError(tr_app("app.schedule", "el puerto {port} no existe: va de 1 a "
                                   "65535").format(port=port))
    if not user.strip():
        raise ScheduleError(tr_app("app.schedule", "falta el usuario del servidor de correo"))
    if ca_file is not None and not Path(ca_file).is_file():
        raise ScheduleError(tr_app("app.schedule", "no existe el archivo de certificados "
                                   "{path}").format(path=ca_file))
    return SmtpSettings(host, port, security, user.strip(),
                        email_address(sender if sender is not None else user),
                        None if ca_file is None else str(Path(ca_file).resolve()))
