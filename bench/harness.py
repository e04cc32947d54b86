"""What the peer benchmarks share: scoring pairs, peak memory, one child process per run.

Each (tool, size) runs in its own process so its peak memory (``ru_maxrss``) is its own; the
child prints its rows as one JSON line after ``RESULT_MARK``. A failure or a timeout becomes a
row carrying the error, and the run goes on.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import Any

RESULT_MARK = "BENCH-RESULT "
Pairs = set[tuple[str, str]]


def score(found: Pairs, truth: frozenset[tuple[str, str]]) -> dict[str, float | int]:
    """Links, precision, recall and F1 of ``found`` against ``truth``."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"links": len(found), "precision": precision, "recall": recall, "f1": f1}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(rows: list[dict[str, Any]]) -> None:
    """What a child prints for its parent."""
    print(RESULT_MARK + json.dumps(rows))


def spawn(script: str, tool: str, size: int, timeout: float) -> list[dict[str, Any]]:
    """Run ``script --child TOOL SIZE`` and return its rows (or one row with the error)."""
    try:
        done = subprocess.run([sys.executable, script, "--child", tool, str(size)],
                              capture_output=True, text=True, timeout=timeout, check=True)
        line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith(RESULT_MARK))
        rows: list[dict[str, Any]] = json.loads(line[len(RESULT_MARK):])
        return rows
    except subprocess.TimeoutExpired:
        return [{"tool": tool, "size": size, "error": f"timed out after {timeout:.0f} s"}]
    except subprocess.CalledProcessError as exc:
        last = (exc.stderr or "").strip().splitlines()[-1:] or [f"exit code {exc.returncode}"]
        return [{"tool": tool, "size": size, "error": last[0][:150]}]
    except Exception as exc:  # the subprocess boundary: report it and go on
        return [{"tool": tool, "size": size, "error": f"{type(exc).__name__}: {exc}"[:150]}]


def print_row(values: list[str] | tuple[str, ...]) -> None:
    print("| " + " | ".join(values) + " |", flush=True)
