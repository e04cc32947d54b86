"""Start to first window: how long a new Cuadre process takes until its window is on screen.

Starts its own Xvfb, then, ``--runs`` times, starts the program (a new process each time, with
an empty data folder, as on a first launch) and polls the X server every 10 ms for a visible
window named "Cuadre…" (``xdotool search --onlyvisible``); the time from the start of the
process to that window is one run. Prints every run and the median.

    python3 build/coldstart.py                                   # the Linux bundle (dist/linux)
    python3 build/coldstart.py --runs 5 dist/linux/cuadre/cuadre .venv/bin/cuadre

The operating system's file cache is warm after the first run (as on a second launch after
boot); nothing here drops it. Needs Debian's xvfb and xdotool.
"""
# ruff: noqa: S603, S607  (a benchmark starting the programs it measures)

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120.0
POLL_S = 0.01


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a display number far from the usual ones (other programs start and stop X
    servers on :0 and :99), ready once a client can connect."""
    for number in range(400 + os.getpid() % 400, 1200):
        if not (Path(f"/tmp/.X{number}-lock").exists()  # noqa: S108 (X's own lock files)
                or Path(f"/tmp/.X11-unix/X{number}").exists()):  # noqa: S108
            break
    display = f":{number}"
    # -noreset: by default Xvfb resets when its last client leaves, and a program connecting
    # during the reset fails ("could not connect to display").
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp",
                             "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while xvfb.poll() is None and time.monotonic() < deadline:
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": display},
                               capture_output=True, check=False)
        if probe.returncode == 0:
            return xvfb, display
        time.sleep(0.1)
    xvfb.kill()
    raise SystemExit("Xvfb no arrancó")


def _window_visible(env: dict[str, str]) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Cuadre"],
                           env=env, capture_output=True, check=False)
    return found.returncode == 0 and bool(found.stdout.strip())


def one_run(exe: str, env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory(prefix="cuadre-arranque-") as data:
        run_env = {**env, "CUADRE_DATA_DIR": data}
        errors = Path(data) / "stderr.txt"
        with errors.open("wb") as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen([exe], env=run_env, stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                while time.perf_counter() - start < TIMEOUT_S:
                    if _window_visible(run_env):
                        return time.perf_counter() - start
                    if proc.poll() is not None:
                        tail = errors.read_text("utf-8", "replace")[-2000:]
                        raise SystemExit(f"{exe} terminó (código {proc.returncode}) sin mostrar la "
                                         f"ventana:\n{tail}")
                    time.sleep(POLL_S)
                raise SystemExit(f"{exe} no mostró la ventana en {TIMEOUT_S:.0f} s")
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="*", default=[str(ROOT / "dist" / "linux" / "cuadre" / "cuadre")])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"falta {tool} (apt-get install xvfb xdotool)")
    xvfb, display = _start_xvfb()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = display
    try:
        for exe in args.programs:
            times = [one_run(exe, env) for _ in range(args.runs)]
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"{exe}: hasta la primera ventana, mediana {statistics.median(times):.2f} s "
                  f"({args.runs} arranques: {shown} s)")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
