"""``app.paths.atomic_write``: whole or not at all — and flushed through a handle Windows accepts
(FlushFileBuffers refuses a read-only one: the Windows bundle's self-test failed with
«PermissionError» writing the demo's feed settings)."""

from __future__ import annotations

import fcntl
import os

import pytest

from app.paths import atomic_write


def test_the_file_is_flushed_through_a_handle_that_may_write(tmp_path, monkeypatch):
    modes = []
    real = os.fsync

    def fsync(fd: int) -> None:
        modes.append(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "feed.json"
    atomic_write(target, lambda tmp: tmp.write_text("{}\n", "utf-8"))
    assert target.read_text("utf-8") == "{}\n"
    assert modes and all(mode != os.O_RDONLY for mode in modes)


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(tmp_path):
    target = tmp_path / "fotos.csv"
    target.write_text("vin\n", "utf-8")

    def broken(tmp) -> None:
        tmp.write_text("medio archivo", "utf-8")
        raise OSError("disco lleno")

    with pytest.raises(OSError, match="disco lleno"):
        atomic_write(target, broken)
    assert target.read_text("utf-8") == "vin\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fotos.csv"]
