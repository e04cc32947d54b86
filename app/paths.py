"""Where Cuadre keeps the user's files: the per-user data folder, overridable for tests.

Windows: %LOCALAPPDATA%\\Cuadre; Linux: ~/.local/share/Cuadre; macOS: ~/Library/Application
Support/Cuadre. ``CUADRE_DATA_DIR`` overrides it (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    override = os.environ.get("CUADRE_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path("Cuadre", appauthor=False, roaming=False)
