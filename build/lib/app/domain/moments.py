"""Moments as a person reads them: in the user's zone, with the zone named.

The store keeps instants in UTC; a person reads them where they are. :func:`user_zone` is that
place: the zone ``TZ`` names (``America/Bogota``, ``Europe/Madrid``, ``UTC``…), else the
computer's own zone — unless it is UTC, what servers, containers and fresh installations are
left at —, else Bogotá, where the dealerships are. :func:`moment_text` writes a moment there,
its zone named: «17/12/2026 09:30 (hora de Colombia)» in a sentence, «17/12/2026 09:30 -05:00»
in a table cell. The command line's listings, the audit view and the audit export all write
their times with it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.values import BOGOTA

#: How a moment in Bogotá's zone names it (the PDF report says the same); in English, «Colombia
#: time» (:func:`zone_name` says it in the current language).
COLOMBIA = mark_app("app.domain", "hora de Colombia")
_LOCALTIME = Path("/etc/localtime")  # a link into the zone database (Linux, macOS)
_TIMEZONE = Path("/etc/timezone")  # the zone's name, where /etc/localtime is a copy (Debian)


def user_zone() -> tzinfo:
    """Where the person reading is: ``TZ`` when it names a zone, else the computer's zone when
    it is not UTC, else Bogotá."""
    return _zone(os.environ.get("TZ", ""))


@lru_cache(maxsize=16)
def _zone(tz: str) -> tzinfo:
    named = _named(tz.strip().lstrip(":"))
    if named is not None:
        return named
    system = system_zone()
    return BOGOTA if system is None or _always_utc(system) else system


def system_zone(localtime: Path = _LOCALTIME, timezone_file: Path = _TIMEZONE) -> tzinfo | None:
    """The computer's zone: by its name where the system keeps one (``/etc/localtime`` links
    into the zone database; Debian also writes ``/etc/timezone``), else — on Windows — its
    offset now (Bogotá's own zone when it is Bogotá's offset). None when it cannot be told."""
    if localtime.is_symlink():
        target = os.path.realpath(localtime).replace(os.sep, "/")
        _, found, key = target.partition("zoneinfo/")
        zone = _named(key) if found else None
        if zone is not None:
            return zone
    if timezone_file.is_file():
        zone = _named(timezone_file.read_text("utf-8", errors="replace").strip())
        if zone is not None:
            return zone
    if localtime.exists():
        return None  # a copy of some zone, not named anywhere: not guessed from an offset
    offset = datetime.now().astimezone().utcoffset()
    if offset is None:
        return None
    return BOGOTA if offset == datetime.now(BOGOTA).utcoffset() else timezone(offset)


def _named(key: str) -> tzinfo | None:
    if not key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _always_utc(zone: tzinfo) -> bool:
    """UTC under any name (``Etc/UTC``, ``UTC``, ``Etc/GMT``…): no offset in winter or summer."""
    year = datetime.now(UTC).year
    return all(datetime(year, month, 1, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(0)
               for month in (1, 7))


def local_time(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """``moment`` in ``zone`` (default: :func:`user_zone`); a naive one is taken as UTC, as the
    store keeps them."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone or user_zone())


def zone_name(zone: tzinfo | None = None) -> str:
    """How a zone is named after a time: «hora de Colombia», «hora de Madrid», «UTC», or its
    offset («UTC-04:00») when it has no name."""
    zone = zone or user_zone()
    key = getattr(zone, "key", None)
    if key == BOGOTA.key:
        return tr_marked("app.domain", COLOMBIA)
    if key and _always_utc(zone):
        return "UTC"
    if key and "/" in key:
        return tr_app("app.domain", "hora de {place}").format(
            place=key.rsplit("/", 1)[1].replace("_", " "))
    offset = datetime.now(zone).strftime("%z")
    return "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"


def moment_text(moment: datetime | None, *, seconds: bool = False, offset: bool = False,
                zone: tzinfo | None = None) -> str:
    """A moment as a person reads it, in ``zone`` (default: :func:`user_zone`) and with the
    zone named: «17/12/2026 09:30 (hora de Colombia)»; with ``offset``, as a table cell writes
    it, «17/12/2026 09:30 -05:00». «—» for no moment."""
    if moment is None:
        return "—"
    local = local_time(moment, zone)
    text = local.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")
    if offset:
        sign = local.strftime("%z") or "+0000"
        return f"{text} {sign[:3]}:{sign[3:]}"
    return f"{text} ({zone_name(local.tzinfo)})"
