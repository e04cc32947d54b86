"""The demo's files in the user's data folder, and the tasks that write and reconcile them.

``demo_task`` is what the window and ``cuadre reconcile --demo`` run: it writes the demo
files on first use (or when asked to reset, or when the generator changed), then reconciles.
Beside the databases it writes one physical-count file per branch (``app/demo/count.py``)
and the ads feed's settings with the photos of the units (``app/demo/feed.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.demo.connector import DemoCrm, DemoErp
from app.demo.count import count_path, write_demo_counts
from app.demo.feed import feed_paths, write_demo_feed
from app.demo.generator import GENERATOR_VERSION, generate
from app.demo.world import BRANCHES
from app.paths import data_dir as default_data_dir
from app.progress import CancelToken, Task
from app.reconcile.engine import reconcile
from app.reconcile.results import Report


@dataclass(frozen=True, slots=True)
class DemoFiles:
    crm: Path
    erp: Path
    truth: Path

    def exist(self) -> bool:
        return self.crm.exists() and self.erp.exists() and self.truth.exists()

    def seeded(self) -> dict[str, int]:
        """What the generator seeded, as ``{"payments.amount_differs": 73, …}``."""
        return dict(json.loads(self.truth.read_text("utf-8"))["seeded"])


def demo_files(base: Path | None = None) -> DemoFiles:
    folder = (base or default_data_dir()) / "demo"
    return DemoFiles(folder / "crm_demo.sqlite", folder / "erp_demo.sqlite", folder / "demo_truth.json")


def _current(files: DemoFiles) -> bool:
    if not files.exist():
        return False
    try:
        return json.loads(files.truth.read_text("utf-8")).get("generator_version") == GENERATOR_VERSION
    except (OSError, ValueError):
        return False


def ensure_demo(
    reset: bool = False, data_dir: Path | None = None, cancel: CancelToken | None = None
) -> Task[DemoFiles]:
    """Write the demo files unless current ones exist; yields progress."""
    files = demo_files(data_dir)
    regenerated = reset or not _current(files)
    if regenerated:
        yield from generate(files.crm, files.erp, files.truth, cancel=cancel)
    if regenerated or not all(p.exists() for p in demo_count_files(files)):
        write_demo_counts(files.erp, files.crm.parent)
    if regenerated or not all(p.exists() for p in feed_paths(files.crm.parent)):
        write_demo_feed(files.erp, files.crm.parent)
    return files


def demo_feed_settings(files: DemoFiles) -> Path:
    """The demo's ads-feed settings (``app/demo/feed.py`` writes them)."""
    return feed_paths(files.crm.parent)[0]


def demo_count_files(files: DemoFiles) -> list[Path]:
    """The demo's physical-count files, one per branch (``app/demo/count.py`` writes them)."""
    return [count_path(files.crm.parent, b.name) for b in BRANCHES]


def demo_task(
    reset: bool = False, cancel: CancelToken | None = None, data_dir: Path | None = None
) -> Task[Report]:
    """Make sure the demo exists, then reconcile it."""
    files = yield from ensure_demo(reset=reset, data_dir=data_dir, cancel=cancel)
    return (yield from reconcile(DemoCrm(files.crm), DemoErp(files.erp), cancel=cancel))
