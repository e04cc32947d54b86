"""Times as a person reads them (app.domain.moments): in the user's zone — ``TZ``, else the
computer's unless it is UTC, else Bogotá — with the zone named, in words or as an offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain import moments
from app.domain.moments import local_time, moment_text, system_zone, user_zone, zone_name
from app.domain.values import BOGOTA

NOON_UTC = datetime(2026, 12, 17, 14, 30, 5, tzinfo=UTC)
JULY_UTC = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_zone(monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    moments._zone.cache_clear()
    yield
    moments._zone.cache_clear()


def test_a_moment_in_bogota_reads_hora_de_colombia(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/Bogota")
    assert moment_text(NOON_UTC) == "17/12/2026 09:30 (hora de Colombia)"
    assert moment_text(NOON_UTC, offset=True) == "17/12/2026 09:30 -05:00"
    assert moment_text(NOON_UTC, seconds=True, offset=True) == "17/12/2026 09:30:05 -05:00"
    assert moment_text(NOON_UTC.replace(tzinfo=None)) == "17/12/2026 09:30 (hora de Colombia)"
    assert moment_text(None) == "—"


def test_tz_names_the_zone_with_its_summer_time(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    assert moment_text(NOON_UTC) == "17/12/2026 15:30 (hora de Madrid)"
    assert moment_text(JULY_UTC, offset=True) == "01/07/2026 12:00 +02:00"
    monkeypatch.setenv("TZ", ":America/New_York")  # POSIX's leading colon
    assert moment_text(NOON_UTC) == "17/12/2026 09:30 (hora de New York)"
    monkeypatch.setenv("TZ", "UTC")  # asked for: honoured
    assert moment_text(NOON_UTC) == "17/12/2026 14:30 (UTC)"
    assert moment_text(NOON_UTC, offset=True) == "17/12/2026 14:30 +00:00"


def test_an_explicit_zone_wins_and_an_unnamed_one_reads_as_its_offset(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    assert moment_text(NOON_UTC, zone=BOGOTA) == "17/12/2026 09:30 (hora de Colombia)"
    caracas = timezone(timedelta(hours=-4))
    assert moment_text(NOON_UTC, zone=caracas) == "17/12/2026 10:30 (UTC-04:00)"
    assert zone_name(UTC) == "UTC"
    assert local_time(NOON_UTC, BOGOTA).isoformat() == "2026-12-17T09:30:05-05:00"


def test_without_tz_the_computer_s_zone_unless_it_is_utc(monkeypatch) -> None:
    monkeypatch.setattr(moments, "system_zone", lambda: ZoneInfo("America/Lima"))
    assert user_zone() == ZoneInfo("America/Lima")
    moments._zone.cache_clear()
    for utc in ("Etc/UTC", "UTC", "Etc/GMT"):  # servers and containers: not a choice
        monkeypatch.setattr(moments, "system_zone", lambda key=utc: ZoneInfo(key))
        moments._zone.cache_clear()
        assert user_zone() is BOGOTA
    monkeypatch.setattr(moments, "system_zone", lambda: None)
    moments._zone.cache_clear()
    assert user_zone() is BOGOTA
    monkeypatch.setenv("TZ", "No/Such_Zone")  # a TZ that names nothing is no choice either
    assert user_zone() is BOGOTA


def test_the_computer_s_zone_by_its_name(tmp_path: Path) -> None:
    database = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    database.mkdir(parents=True)
    (database / "Bogota").write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(database / "Bogota")
    assert system_zone(link, tmp_path / "none") == BOGOTA
    copy, named = tmp_path / "copy", tmp_path / "timezone"
    copy.write_bytes(b"TZif")
    named.write_text("Europe/Madrid\n", "utf-8")
    assert system_zone(copy, named) == ZoneInfo("Europe/Madrid")  # Debian's /etc/timezone
    assert system_zone(copy, tmp_path / "none") is None  # a copy nothing names: not guessed
