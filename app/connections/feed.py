"""Where the ads feed's settings are: the demo's own (written with the demo's files), or
``feed.json`` in Cuadre's data folder for a dealership's systems — what the window's
«Feed de anuncios…» and ``cuadre feed`` read when no file is named.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.demo import demo_feed_settings, demo_files
from app.insights.data import is_demo
from app.insights.feed_settings import SETTINGS_NAME, FeedSettings, load_settings
from app.paths import data_dir as default_data_dir


def settings_path(sources: Mapping[str, str], data_dir: Path | None = None) -> Path:
    """The settings file of the systems a report describes (``Report.sources``)."""
    if is_demo(sources):
        return demo_feed_settings(demo_files(data_dir))
    return (data_dir or default_data_dir()) / SETTINGS_NAME


def feed_settings(sources: Mapping[str, str], given: Path | None = None,
                  data_dir: Path | None = None) -> tuple[FeedSettings, Path]:
    """The settings ``given`` names (it must exist), else those of ``sources`` (empty when
    there is no file yet), and the path they were looked for at. Raises
    :class:`~app.insights.feed_settings.FeedSettingsError` for a file that cannot be used."""
    if given is not None:
        return load_settings(given), given
    path = settings_path(sources, data_dir)
    return load_settings(path, required=False), path
