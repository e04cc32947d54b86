"""The README's sample outputs are what the commands print now, numbers included (issue 20):
``tools/readme_samples.py check`` runs every marked sample in a scratch folder, as a newcomer
would type it, and fails with a diff when one differs. ``update`` rewrites them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import readme_samples  # noqa: E402

pytestmark = pytest.mark.slow


def test_every_readme_sample_is_what_the_commands_print_now():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_samples.py"), "check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1200, check=False)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "0 distintas" in proc.stdout


def test_every_block_with_commands_is_a_sample():
    """A new sample cannot escape the check: a block with «$ » lines needs its marker."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    samples = readme_samples.parse(lines)
    assert len(samples) >= 10
    run = [s for s in samples if "external" not in s.spec]
    assert sum(len(s.commands) for s in run) >= 15
    with pytest.raises(SystemExit, match="no «<!-- sample"):
        readme_samples.parse(["texto", "```", "$ cuadre --version", "Cuadre 0.1.0", "```"])


def test_keep_shows_the_chosen_lines_and_one_gap_per_cut():
    output = [f"l{n}" for n in range(1, 11)]
    assert readme_samples.select(output, "1-2,5-6") == ["l1", "l2", "…", "l5", "l6", "…"]
    assert readme_samples.select(output, "1-10") == output
    assert readme_samples.select(output, None) == output


def test_a_changed_number_is_a_difference_and_a_masked_time_is_not():
    written = ["Pagos  Total  649  $ 14.603.914.712", "del 07/12/2026 16:57"]
    now = ["Pagos  Total  650  $ 14.603.914.712", "del 08/12/2026 09:03"]
    masks = [r"del \d\d/\d\d/\d{4} \d\d:\d\d"]
    assert readme_samples.masked(written, masks) != readme_samples.masked(now, masks)
    assert readme_samples.masked(written[1:], masks) == readme_samples.masked(now[1:], masks)


def test_a_redacted_secret_never_reaches_the_readme():
    import re

    line = "  Token:         w5bus0_Ptx3IgRAPUTH5seWk5bVtUuT4"
    assert re.compile(r"Token:\s+(\S+)").sub(readme_samples._blanked, line) == "  Token:         …"
    assert re.compile(r"secreto-\w+").sub(readme_samples._blanked, "a secreto-xyz b") == "a … b"
