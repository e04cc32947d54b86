"""Crash-point enumeration (issue 5, item 9): the pushing process is killed with SIGKILL at
step k of its run, for many k, and a fresh process resumes; nothing is lost, nothing applied
twice, every correction ends terminal, and ``PRAGMA integrity_check`` is ok after every kill.

Some kills land while a write's body is half sent: the sandbox then sees a request cut in the
middle, stores no answer for it, and the resend is applied once (issue 13, item 6). The normal
suite runs a small campaign (30 kills over 60 corrections). The issue's full one
(at least 200 kills over a 500-correction push) runs with ``CUADRE_PUSH_CRASH_FULL=1``;
``CUADRE_PUSH_KILLS`` and ``CUADRE_PUSH_CORRECTIONS`` change its size, and
``CUADRE_PUSH_CRASH_MODE=exec`` starts a new interpreter per push instead of forking one from a
server that has imported the code.
"""

from __future__ import annotations

import os
import sys

import pytest
from support.push_crash import BODY, campaign

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _report(report, capsys) -> None:
    with capsys.disabled():
        print("\n" + report.line())
    assert (report.lost, report.doubled) == (0, 0)


def test_killing_the_push_at_many_steps_loses_nothing_and_applies_nothing_twice(
        sandbox, tmp_path, capsys):
    report = campaign(sandbox, tmp_path, corrections=60, kills=30)
    _report(report, capsys)
    assert report.kills == 30 and report.integrity_checks == report.runs
    # The kills landed before, during (half the body sent) and after the calls.
    assert {"committed:enqueue", "committed:attempting", BODY, "returned:apply",
            "committed:applied"} <= set(report.steps)
    # The sandbox saw requests cut in the middle, and stored nothing for them.
    assert sum(1 for r in sandbox.requests() if not r.whole) == report.steps[BODY]


def test_the_same_with_a_new_interpreter_per_push(sandbox, tmp_path, capsys):
    report = campaign(sandbox, tmp_path, corrections=8, kills=4, fork=False)
    _report(report, capsys)
    assert report.kills == 4 and report.integrity_checks == report.runs
    assert "committed:enqueue" in report.steps


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CUADRE_PUSH_CRASH_FULL") != "1",
                    reason="the full campaign: set CUADRE_PUSH_CRASH_FULL=1")
def test_the_full_crash_campaign(sandbox, tmp_path, capsys):
    kills = int(os.environ.get("CUADRE_PUSH_KILLS", "200"))
    corrections = int(os.environ.get("CUADRE_PUSH_CORRECTIONS", "500"))
    fork = os.environ.get("CUADRE_PUSH_CRASH_MODE", "fork") != "exec"
    report = campaign(sandbox, tmp_path, corrections=corrections, kills=kills, fork=fork)
    _report(report, capsys)
    assert report.kills == kills and report.integrity_checks == report.runs
    assert {"committed:enqueue", "committed:attempting", BODY, "returned:apply",
            "committed:applied", "committed:unknown", "returned:read"} <= set(report.steps)
