"""The README's sample outputs are what the commands print now, numbers included (issue 20):
``tools/readme_samples.py check`` runs every marked sample in a scratch folder, as a newcomer
would type it, and fails with a diff when one differs. ``update`` rewrites them. The samples
that use the keyring run in a D-Bus session the check opens itself, with GNOME Keyring; the
scheduling ones need cron's ``crontab``: only the benchmarks are not run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import readme_samples  # noqa: E402

pytestmark = pytest.mark.slow


TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "crontab")


@pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS), reason=(
    "las muestras del README que usan el llavero y el programador necesitan dbus-run-session, "
    "gnome-keyring-daemon y crontab: instale los paquetes «dbus», «gnome-keyring» y «cron» "
    "(«./run test» los instala)"))
def test_every_readme_sample_is_what_the_commands_print_now():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_samples.py"), "check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1500, check=False)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert re.search(r"^\d+ muestras; 0 distintas\.$", proc.stdout, flags=re.M), proc.stdout[-3000:]
    not_run = re.findall(r"^README\.md:\d+: no se ejecuta: (.*)$", proc.stdout, flags=re.M)
    assert not_run and all("benchmark" in why for why in not_run), not_run


def test_only_benchmarks_are_left_out():
    """Everything else runs for real: the keyring, the prompts, the mail server, the scheduler."""
    samples = readme_samples.parse((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    external = [s.spec["external"] for s in samples if "external" in s.spec]
    assert external and all("benchmark" in str(why) for why in external)
    assert sum(1 for s in samples if s.spec.get("keyring")) >= 7


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


def test_input_feeds_stdin_lines_and_path_limits_the_tools(tmp_path):
    runner = readme_samples.Runner(tmp_path)
    assert runner.run("read a; read b; echo \"$b/$a\"", ["uno", "dos"]) == ["dos/uno"]
    assert runner.run("echo fuera >&2; echo dentro") == ["fuera", "dentro"]  # stderr too, in order
    runner.enter({"path": [], "env": {"CUADRE_DATA_DIR": "{scratch}/otra"}})
    assert runner.run("command -v crontab systemctl ls; command -v cuadre; echo $CUADRE_DATA_DIR") \
        == [str(tmp_path / "bin" / "cuadre"), str(tmp_path / "otra")]
    runner.enter({"path": ["ls"]})
    assert runner.run("command -v ls") == [str(runner.env["PATH"].split(":")[1]) + "/ls"]
    with pytest.raises(SystemExit, match="llavero"):
        runner.enter({"keyring": True})  # only inside the session the check opens itself


def test_the_test_mail_server_shows_what_it_received(tmp_path):
    from email.message import EmailMessage

    from support.smtp_server import Received, mailbox_text

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@b.co", "c@d.co", "Asunto ñ"
    message.set_content("Texto del aviso.\n")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="i.pdf")
    assert mailbox_text(Received("a@b.co", ["c@d.co"], message, "a@b.co")) == (
        "De: a@b.co\nPara: c@d.co\nAsunto: Asunto ñ\nAdjunto: i.pdf\n\nTexto del aviso.\n")
