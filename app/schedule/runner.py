"""The one way the schedule package runs a system command.

:class:`SystemRunner` runs an argument list (never a shell) and captures what it said;
:class:`Runner` is what the backends and the notifier ask for, so a test hands them a runner
that records the exact commands and answers as the real tools answer.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

#: A command that does not answer in this time is given up (a hung D-Bus, say).
TIMEOUT_SECONDS = 60.0
#: The exit code a shell gives for a command it cannot find; :class:`SystemRunner` gives it too.
NOT_FOUND = 127


@dataclass(frozen=True, slots=True)
class Completed:
    """What a command did: its exit code and what it wrote."""

    code: int
    out: str = ""
    err: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0


class Runner(Protocol):
    """Runs system commands: the real one, or a test's."""

    def run(self, argv: Sequence[str], *, stdin: str | None = None,
            env: Mapping[str, str] | None = None) -> Completed: ...

    def which(self, name: str) -> str | None: ...


class SystemRunner:
    """Runs commands on this computer: an argument list, no shell, output captured."""

    def run(self, argv: Sequence[str], *, stdin: str | None = None,
            env: Mapping[str, str] | None = None) -> Completed:
        log.info("running %s", argv[0] if argv else "?")
        try:
            done = subprocess.run(  # noqa: S603 - an argument list, never a shell
                list(argv), input=stdin, capture_output=True, text=True, check=False,
                timeout=TIMEOUT_SECONDS, env=dict(env) if env is not None else None,
                encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return Completed(NOT_FOUND, "", f"{argv[0]}: not found")
        except subprocess.TimeoutExpired:
            return Completed(NOT_FOUND, "", f"{argv[0]}: timed out")
        except OSError as exc:
            return Completed(NOT_FOUND, "", f"{argv[0]}: {exc.strerror or type(exc).__name__}")
        return Completed(done.returncode, done.stdout or "", done.stderr or "")

    def which(self, name: str) -> str | None:
        return shutil.which(name)
