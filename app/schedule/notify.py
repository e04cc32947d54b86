"""The desktop notification of an alert, through the runner.

Linux (and other Unix desktops): ``notify-send``. Windows: a toast shown by PowerShell (the
script passed base64-encoded, so nothing in the text is read as code), else ``msg`` to the
user's session. macOS: ``osascript``. Where none is present — a server with no desktop —
the notification is logged, not an error: the e-mail, when configured, still goes.
"""

from __future__ import annotations

import base64
import logging
import os
import sys
from collections.abc import Mapping
from xml.sax.saxutils import escape

from app.schedule.runner import Runner

log = logging.getLogger(__name__)

APP_NAME = "Cuadre"
#: A notification's text is cut here: the e-mail and the PDF carry the rest.
MAX_BODY = 400
#: PowerShell's own application id: a toast shown under it needs no registered shortcut.
POWERSHELL_APP_ID = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"


def _short(body: str) -> str:
    return body if len(body) <= MAX_BODY else body[:MAX_BODY - 1].rstrip() + "…"


def toast_script(title: str, body: str) -> str:
    """The PowerShell that shows a Windows toast; the texts XML-escaped inside a single-quoted
    PowerShell string (its quotes doubled)."""
    xml = ('<toast><visual><binding template="ToastGeneric">'
           f"<text>{escape(title)}</text><text>{escape(_short(body))}</text>"
           "</binding></visual></toast>").replace("'", "''")
    return "\n".join([
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
        "ContentType = WindowsRuntime] | Out-Null",
        "[Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, "
        "ContentType = WindowsRuntime] | Out-Null",
        "$xml = New-Object Windows.Data.Xml.Dom.XmlDocument",
        f"$xml.LoadXml('{xml}')",
        "$toast = [Windows.UI.Notifications.ToastNotification]::new($xml)",
        "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
        f"'{POWERSHELL_APP_ID}').Show($toast)",
    ])


def _applescript_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def notification_argv(runner: Runner, title: str, body: str, *, platform: str | None = None,
                      env: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that shows the notification here; None when this computer has none."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if env is None else env
    text = _short(body)
    if platform.startswith("win"):
        shell = runner.which("powershell")
        if shell is not None:
            encoded = base64.b64encode(toast_script(title, body).encode("utf-16-le")).decode("ascii")
            return [shell, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                    "-EncodedCommand", encoded]
        msg = runner.which("msg")
        if msg is not None:
            return [msg, environ.get("USERNAME") or "*", "/TIME:300", f"{title}\n{text}"]
        return None
    if platform == "darwin":
        script = runner.which("osascript")
        if script is None:
            return None
        return [script, "-e", f"display notification {_applescript_text(text)} with title "
                              f"{_applescript_text(title)}"]
    sender = runner.which("notify-send")
    if sender is None:
        return None
    return [sender, f"--app-name={APP_NAME}", "--icon=dialog-information", title, text]


def notify(runner: Runner, title: str, body: str, *, platform: str | None = None,
           env: Mapping[str, str] | None = None) -> bool:
    """Show the notification; False (logged, never raised) when it could not be shown."""
    argv = notification_argv(runner, title, body, platform=platform, env=env)
    if argv is None:
        log.warning("no desktop notification tool on this computer; the alert was not shown")
        return False
    done = runner.run(argv)
    if not done.ok:
        log.warning("the desktop notification failed (exit %s)", done.code)
        return False
    return True
