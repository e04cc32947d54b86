"""A runner for ``app.schedule``'s system commands that records each exact command and answers
as the real tools do — a crontab it keeps, Task Scheduler's tasks, a systemd user manager that
refuses to enable a unit whose file is not there — so tests check what would be run on Windows
or Linux without touching this computer's scheduler."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from app.schedule.runner import NOT_FOUND, Completed


class RecordingRunner:
    """``tools``: the commands this computer has (``which`` finds only those). ``systemd``:
    whether a user manager answers; ``folder``: where it reads the user's unit files."""

    def __init__(self, tools: Sequence[str] = (), *, systemd: bool = False,
                 folder: Path | None = None, fail: Mapping[str, Completed] | None = None) -> None:
        self.tools = set(tools)
        self.systemd = systemd
        self.folder = folder
        self.fail = dict(fail or {})
        self.calls: list[list[str]] = []
        self.stdin: list[str | None] = []
        self.crontab: str | None = None
        self.tasks: dict[str, list[str]] = {}
        self.enabled: set[str] = set()

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if name in self.tools else None

    def run(self, argv: Sequence[str], *, stdin: str | None = None,
            env: Mapping[str, str] | None = None) -> Completed:
        argv = list(argv)
        self.calls.append(argv)
        self.stdin.append(stdin)
        name = Path(argv[0]).name
        if name not in self.tools:
            return Completed(NOT_FOUND, "", f"{argv[0]}: not found")
        key = " ".join(argv[:3])
        if key in self.fail:
            return self.fail[key]
        answer = {"crontab": self._crontab, "schtasks": self._schtasks,
                  "systemctl": self._systemctl}.get(name)
        return answer(argv, stdin) if answer else Completed(0)

    def _crontab(self, argv: list[str], stdin: str | None) -> Completed:
        if argv[1:] == ["-l"]:
            if self.crontab is None:
                return Completed(1, "", "no crontab for cuadre\n")
            return Completed(0, self.crontab)
        if argv[1:] == ["-"]:
            self.crontab = stdin or ""
            return Completed(0)
        return Completed(1, "", "crontab: usage error\n")

    def _schtasks(self, argv: list[str], stdin: str | None) -> Completed:
        verb = argv[1]
        name = argv[argv.index("/TN") + 1]
        if verb == "/Create":
            self.tasks[name] = argv
            return Completed(0, f'CORRECTO: se creó correctamente la tarea programada "{name}".\n')
        if name not in self.tasks:
            return Completed(1, "", "ERROR: El sistema no puede encontrar el archivo especificado.\n")
        if verb == "/Delete":
            del self.tasks[name]
            return Completed(0, f'CORRECTO: se eliminó la tarea programada "{name}".\n')
        if "/FO" in argv:
            return Completed(0, f'"\\{name}","8/12/2026 6:00:00 a. m.","Listo"\n')
        return Completed(0, f"Carpeta: \\Cuadre\n{name}\n")

    def _systemctl(self, argv: list[str], stdin: str | None) -> Completed:
        if argv[1] != "--user" or not self.systemd:
            return Completed(1, "", "Failed to connect to bus: No medium found\n")
        verb = argv[2]
        if verb in ("show-environment", "daemon-reload"):
            return Completed(0, "HOME=/home/cuadre\n" if verb == "show-environment" else "")
        unit = argv[-1] if verb in ("enable", "disable") else argv[3]
        if verb == "enable":
            if self.folder is None or not (self.folder / unit).exists():
                return Completed(1, "", f"Failed to enable unit: Unit file {unit} does not exist.\n")
            self.enabled.add(unit)
            return Completed(0, f"Created symlink {unit}.\n")
        if verb == "disable":
            self.enabled.discard(unit)
            return Completed(0)
        if verb == "show":
            state = "active" if unit in self.enabled else "inactive"
            return Completed(0, f"ActiveState={state}\nNextElapseUSecRealtime=Tue 2026-12-08 "
                                "06:00:00 -05\n")
        return Completed(1, "", f"Unknown command verb {verb}.\n")
