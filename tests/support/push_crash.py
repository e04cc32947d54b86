"""Crash-point enumeration for the push: kill the pushing process again and again, resume.

:func:`campaign` writes ``corrections`` approved corrections into a store (a SQLite file, or a
PostgreSQL database when given its :class:`~support.push_stores.Place`), makes some of them
awkward (a third party edits the record after approval; the server applies a write and drops
its answer; a 503 first), then runs ``tests/support/push_child.py`` in a child process (a fresh
interpreter, or a process forked from a server that only imported the code), which opens the
store, pushes and SIGKILLs itself at step k of its run (a commit, a call to the sandbox
returning, or a write with half its body sent), for ``kills`` kills in all, k drawn so the
kills spread over the whole push; every third kill lands inside a request body (the sandbox
then sees a request cut in the middle, which must store nothing under its key). After every
kill of a SQLite push ``PRAGMA integrity_check`` must say ok. Then a child pushes to the end,
and the final state is checked: every correction terminal, each applied exactly once (the
sandbox's ETag ``"v2"``, and its count of applied keys), the conflicts left alone with both
values kept, nothing lost, the audit trail intact. A killed pusher's rows are taken over at
once by the next one (its lease names a process that is gone). The report counts what was
lost (a correction not applied, or a conflict that overwrote the third party) and doubled (a
record written more than once, a key applied twice) before the checks assert both are 0.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from app.demo.sandbox import Sandbox
from app.store.models import CorrectionRow, OutboxRow
from support.push_cases import (
    Case,
    applied_once,
    approved,
    check_final,
    held,
    integrity,
    staff,
    third_party_edit,
)
from support.push_stores import Place

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().with_name("push_child.py")
#: A child that neither dies nor finishes within this is a hang, not a crash.
CHILD_TIMEOUT = 300
#: The step of a write with half its body sent (``push_child.py``).
BODY = "sending:body"


@dataclass
class Report:
    corrections: int
    kills: int = 0
    runs: int = 0
    steps: Counter[str] = field(default_factory=Counter)  # where the kills landed
    seconds: float = 0.0
    conflicts: int = 0
    dropped: int = 0
    integrity_checks: int = 0
    lost: int = -1  # counted once the push is finished
    doubled: int = -1

    def line(self) -> str:
        return (f"{self.kills} kills ({self.steps.get(BODY, 0)} inside a request body) over "
                f"{self.corrections} corrections, {self.runs} processes, {self.lost} lost, "
                f"{self.doubled} doubled, {self.seconds:.1f} s; kills at {dict(self.steps)}")


def _pending(where: Place) -> int:
    """Rows a push still has to do (counting approved corrections not queued yet)."""
    with where.open() as store, store.read() as session:
        queued = session.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.state.in_(("queued", "attempting", "unknown"))))
        waiting = session.scalar(select(func.count()).select_from(CorrectionRow).where(
            CorrectionRow.state == "approved"))
        return int(queued or 0) + int(waiting or 0)


def _env(sandbox: Sandbox, password: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["CUADRE_SANDBOX_TOKEN"] = sandbox.token
    env.pop("CUADRE_STORE_PASSWORD", None)
    if password:
        env["CUADRE_STORE_PASSWORD"] = password
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


class Pusher:
    """Runs one push in a fresh child process and returns its exit code (``-9``: killed).

    ``fork``: one server process imports the code once and forks a pushing process per run
    (``push_child.py serve``); otherwise every run is a new interpreter (``run``)."""

    def __init__(self, where: Place, sandbox: Sandbox, steps: Path, fork: bool) -> None:
        self.args = [where.url, sandbox.url("crm"), sandbox.url("erp"), str(steps)]
        self.env = _env(sandbox, where.password)
        self.server: subprocess.Popen[str] | None = None
        if fork:
            self.server = subprocess.Popen(
                [sys.executable, str(CHILD), "serve", *self.args], cwd=ROOT, env=self.env,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def __call__(self, kill_at: int | str) -> int:
        """Push once, killed at ``kill_at`` (k, or "k:STEP": see ``push_child.py``)."""
        if self.server is None:
            done = subprocess.run([sys.executable, str(CHILD), "run", *self.args, str(kill_at)],
                                  cwd=ROOT, env=self.env, capture_output=True, text=True,
                                  timeout=CHILD_TIMEOUT, check=False)
            assert done.returncode in (0, -signal.SIGKILL), done.stderr[-3000:]
            return done.returncode
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(f"{kill_at}\n")
        self.server.stdin.flush()
        line = self.server.stdout.readline()
        if not line:
            raise AssertionError("the push server ended: " + self.close())
        code = int(line)
        assert code in (0, -signal.SIGKILL), f"the push failed ({code}): {self.close()}"
        return code

    def close(self) -> str:
        """Stop the server; its standard error (tracebacks of failed pushes)."""
        if self.server is None:
            return ""
        server, self.server = self.server, None
        _, errors = server.communicate(timeout=CHILD_TIMEOUT)  # closes stdin: the server ends
        return errors[-3000:]


def campaign(sandbox: Sandbox, folder: Path, corrections: int, kills: int,
             seed: int = 20260501, fork: bool = True, where: Place | None = None) -> Report:
    started = time.monotonic()
    path = folder / "workspace.sqlite"
    where = where or Place(f"sqlite:///{path}")
    sqlite = where.url.startswith("sqlite")
    steps = folder / "kill-steps.txt"
    rng = random.Random(seed)
    with where.open() as store:
        staff(store)
        cases = approved(store, sandbox, corrections)
    report = Report(corrections)
    conflicts: dict[str, str] = {}
    for i, case in enumerate(cases):
        if i % 13 == 5:  # someone else edits the record after approval
            conflicts[case.correction_id] = f"tercero{i}@otra-persona.co"
            third_party_edit(sandbox, case, conflicts[case.correction_id])
        elif i % 7 == 3:  # the server applies the write, the answer is lost
            sandbox.faults.add(drop=1, method="PATCH", path=case.path)
            report.dropped += 1
        elif i % 11 == 4:  # the server is briefly unavailable
            sandbox.faults.add(status=503, method="PATCH", path=case.path, count=1)
    report.conflicts = len(conflicts)

    pusher = Pusher(where, sandbox, steps, fork)
    try:
        while report.kills < kills:
            # Draw k so that the kills left spread over the steps left (about 4 per item:
            # attempting, body half sent, returned, ended).
            left = max(1, 4 * _pending(where))
            k: int | str = rng.randint(1, max(1, (2 * left) // (kills - report.kills + 1)))
            if report.runs == 0:
                k = 1  # the first kill: right after the enqueue commit
            elif report.runs % 3 == 0:  # inside the body of one of the next few writes
                k = f"{rng.randint(1, 3)}:{BODY}"
            code = pusher(k)
            report.runs += 1
            if sqlite:
                assert integrity(path) == "ok"
                report.integrity_checks += 1
            if code == -signal.SIGKILL:
                report.kills += 1
                continue
            break  # the push ended before step k: nothing left to kill
        assert pusher(0) == 0  # a fresh process resumes and finishes
        report.runs += 1
    finally:
        pusher.close()
    assert _pending(where) == 0
    if sqlite:
        assert integrity(path) == "ok"
        report.integrity_checks += 1
    if steps.exists():
        report.steps = Counter(steps.read_text("utf-8").split())
    report.lost, report.doubled = _tally(sandbox, cases, conflicts)
    report.seconds = time.monotonic() - started
    with where.open() as store:
        _check(store, sandbox, cases, conflicts)
    return report


def _tally(sandbox: Sandbox, cases: list[Case], conflicts: dict[str, str]) -> tuple[int, int]:
    """(lost, doubled) as the systems hold them: a correction whose new value is not there
    (or a conflict whose third-party value was overwritten) is lost; a record written more
    than once (ETag past ``"v2"``) or a key the sandbox applied twice is doubled."""
    lost = doubled = 0
    for case in cases:
        value, etag = held(sandbox, case)
        wanted = conflicts.get(case.correction_id, case.new)
        lost += value != wanted
        doubled += etag not in ('"v1"', '"v2"')
    doubled += sum(1 for n in sandbox.applied_keys.values() if n > 1)
    return lost, doubled


def _check(store, sandbox: Sandbox, cases: list[Case], conflicts: dict[str, str]) -> None:
    check_final(store, sandbox, cases, conflicts)
    applied_once(store, sandbox, cases)
    for case in cases:  # no record written by anyone else, and nothing written twice
        written = sandbox.store.etag(case.system, "contactos" if case.system == "crm"
                                     else "terceros", case.source_id)
        assert written == '"v2"', (case, written)
