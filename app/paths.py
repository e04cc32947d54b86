"""Where Cuadre keeps the user's files, and how a file it writes is written whole.

The per-user data folder — Windows: %LOCALAPPDATA%\\Cuadre; Linux: ~/.local/share/Cuadre;
macOS: ~/Library/Application Support/Cuadre — ``CUADRE_DATA_DIR`` overrides (tests, portable
installs). :func:`atomic_write` is how every file a person takes away (a spreadsheet, a PDF,
the audit export) is written: whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    override = os.environ.get("CUADRE_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path("Cuadre", appauthor=False, roaming=False)


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, flush it to the disk, then put it in
    place with ``os.replace``: a reader (or a crash, or a power cut) never sees half a file,
    and a file that was there stays whole when writing fails."""
    path = Path(path)
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(tmp))
        # Opened for writing: Windows flushes a file (FlushFileBuffers) only through a handle
        # that may write to it, and refuses a read-only one (PermissionError).
        with open(tmp, "r+b") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
