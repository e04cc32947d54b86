"""Whether a window can open here, asked before Qt is loaded.

Without a desktop session (SSH, a container, a CI runner) Qt prints its own English lines
(``qt.qpa.xcb: could not connect to display``, then a hint about ``libxcb-cursor0`` that is
wrong when the library is installed) and aborts the process with exit code 134. So on Linux
and the BSDs the window's entry points (``cuadre``, ``cuadre --demo``, ``./run demo``) first
look for a display the way Qt's xcb and wayland plugins would reach it:

- ``WAYLAND_DISPLAY``: a socket of that name in ``XDG_RUNTIME_DIR`` (or that path, when absolute);
- ``DISPLAY``: ``:N`` or ``unix:N`` is the socket ``/tmp/.X11-unix/XN`` (or Linux's abstract
  ``@/tmp/.X11-unix/XN``, which Xwayland and Xvfb also listen on), ``HOST:N`` is TCP port
  ``6000 + N`` on HOST (an SSH ``-X`` forward is ``localhost:10``);

and only connect, never talk X or Wayland. ``QT_QPA_PLATFORM`` set by the user (``offscreen``,
``vnc``…) is respected as is. Windows and macOS always have their session.

Nothing here imports Qt; :func:`problem` is the one Spanish sentence to print, or None.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

from app.cli.i18n import tr_cli

#: How long one connection attempt may take (a forwarded X over a slow link answers well within).
CONNECT_TIMEOUT_S = 1.0
#: ``[host]:display[.screen]``, and ``unix:``/``/path/unix:`` forms of a local display.
_DISPLAY = re.compile(r"^(?P<host>.*?):(?P<number>\d+)(?:\.\d+)?$")


def _connects(family: int, address: object) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(CONNECT_TIMEOUT_S)
            sock.connect(address)  # type: ignore[arg-type]
        return True
    except (OSError, ValueError):
        return False


def x11_reachable(display: str) -> bool:
    """Whether an X server listens where ``display`` points (a connection, nothing sent)."""
    match = _DISPLAY.match(display.strip())
    if match is None:
        return False
    host, number = match.group("host"), int(match.group("number"))
    if host in ("", "unix") or host.endswith("/unix"):
        unix = getattr(socket, "AF_UNIX", None)
        if unix is None:
            return False
        path = f"/tmp/.X11-unix/X{number}"  # noqa: S108  X's own socket, only connected to
        if _connects(unix, path):
            return True
        return sys.platform.startswith("linux") and _connects(unix, "\0" + path)
    if host.startswith("/"):  # macOS XQuartz's launchd socket: a path, not a host
        return Path(host).exists()
    return _connects(socket.AF_INET, (host, 6000 + number)) or _connects(
        socket.AF_INET6, (host, 6000 + number))


def wayland_reachable(name: str, runtime_dir: str | None) -> bool:
    """Whether a Wayland compositor listens on the socket ``name`` (absolute, or in the runtime dir)."""
    unix = getattr(socket, "AF_UNIX", None)
    if unix is None or not name:
        return False
    path = name if name.startswith("/") else (str(Path(runtime_dir) / name) if runtime_dir else "")
    return bool(path) and _connects(unix, path)


def has_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a window could be shown: always on Windows and macOS; elsewhere a chosen Qt
    platform, or a Wayland or X display that accepts a connection."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    if env.get("QT_QPA_PLATFORM", "").strip():
        return True
    wayland = env.get("WAYLAND_DISPLAY", "").strip()
    if wayland and wayland_reachable(wayland, env.get("XDG_RUNTIME_DIR")):
        return True
    display = env.get("DISPLAY", "").strip()
    return bool(display) and x11_reachable(display)


def problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """The sentence to print when the window cannot open here, or None when it can."""
    if has_display(env, platform):
        return None
    from_checkout = _checkout_runner() is not None
    return tr_cli(
        "cli.display",
        "cuadre: la ventana necesita una sesión de escritorio y aquí no hay pantalla; ábrala "
        "desde el escritorio, o aquí con una pantalla virtual («{virtual}»), o trabaje sin "
        "ventana con la línea de comandos («{cli} reconcile --demo», «{cli} --help»).").format(
        virtual="xvfb-run -a ./run demo" if from_checkout else "xvfb-run -a cuadre --demo",
        cli="./run cuadre" if from_checkout else "cuadre")


def _checkout_runner() -> Path | None:
    """The checkout's ``run`` script when Cuadre runs from a clone (not a bundle or a wheel)."""
    if getattr(sys, "frozen", False):
        return None
    runner = Path(__file__).resolve().parents[2] / "run"
    return runner if runner.is_file() else None
