"""Without a desktop session the window's entry points say so in one Spanish sentence, exit 1
and print none of Qt's noise (issue 20); with one (a real X server, a Wayland socket, a chosen
Qt platform) they go on."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.cli import display

ROOT = Path(__file__).resolve().parents[2]


def _listen_unix(path: str) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    threading.Thread(target=lambda: [server.accept() for _ in range(4)], daemon=True).start()
    return server


def test_windows_and_macos_always_have_their_session():
    assert display.has_display({}, platform="win32")
    assert display.has_display({}, platform="darwin")


def test_no_display_variable_is_no_display():
    assert not display.has_display({}, platform="linux")
    assert display.problem({}, platform="linux") is not None


def test_a_chosen_qt_platform_is_respected():
    assert display.has_display({"QT_QPA_PLATFORM": "offscreen"}, platform="linux")


def test_a_display_nobody_listens_on_is_no_display():
    """SSH with a stale DISPLAY: Qt would abort with «could not connect to display»."""
    assert not display.has_display({"DISPLAY": ":4711"}, platform="linux")
    assert not display.has_display({"DISPLAY": "127.0.0.1:4711"}, platform="linux")
    assert not display.has_display({"DISPLAY": "garbage"}, platform="linux")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
def test_a_wayland_socket_that_answers_is_a_display(tmp_path):
    server = _listen_unix(str(tmp_path / "wayland-7"))
    try:
        env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert display.has_display(env, platform="linux")
        assert not display.has_display({**env, "WAYLAND_DISPLAY": "wayland-8"}, platform="linux")
    finally:
        server.close()


def test_a_tcp_x_display_that_answers_is_a_display():
    """An SSH -X forward is ``localhost:10``: TCP port 6010."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        server.bind(("127.0.0.1", 0))
    except OSError:
        pytest.skip("no loopback")
    port = server.getsockname()[1]
    if port <= 6000:
        server.close()
        pytest.skip("the port the system gave is below X's range")
    server.listen(4)
    try:
        assert display.x11_reachable(f"127.0.0.1:{port - 6000}")
        assert display.x11_reachable(f"127.0.0.1:{port - 6000}.0")
    finally:
        server.close()


def test_the_sentence_says_how_to_run_anyway():
    sentence = display.problem({}, platform="linux")
    assert sentence is not None
    assert "sesión de escritorio" in sentence
    assert "xvfb-run -a ./run demo" in sentence  # this is a checkout: ./run is beside app/
    assert "./run cuadre reconcile --demo" in sentence
    assert sentence.count("\n") == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X/Wayland sessions are Linux's")
@pytest.mark.parametrize("argv", [[], ["--demo"]], ids=["cuadre", "cuadre-demo"])
def test_cuadre_without_a_display_exits_with_one_sentence(argv, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["CUADRE_DATA_DIR"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "app.cli.main", *argv], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("cuadre: la ventana necesita una sesión de escritorio")
    assert "qt." not in proc.stderr.lower() and "xcb" not in proc.stderr
    assert not (tmp_path / "demo").exists()  # nothing was generated for a window that cannot open


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X/Wayland sessions are Linux's")
def test_the_self_test_without_a_display_warns_with_the_same_sentence(tmp_path):
    ui_selftest = pytest.importorskip("ui.selftest")
    saved = {k: os.environ.pop(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
             if k in os.environ}
    try:
        platform, why = ui_selftest._wanted_platform()
        assert platform == "offscreen"
        assert why is not None and why.startswith("la ventana necesita una sesión de escritorio")
    finally:
        os.environ.pop("QT_QPA_PLATFORM", None)
        os.environ.update(saved)
