"""The run installed in the operating system's scheduler.

- Windows: Task Scheduler, through ``schtasks`` (a task ``Cuadre\\<perfil>``, daily);
- Linux with a systemd user manager: a ``.service`` and a ``.timer`` in
  ``~/.config/systemd/user`` (``systemctl --user daemon-reload`` and ``enable --now``);
- otherwise, Linux or macOS with ``crontab``: one line in the user's crontab, marked as
  Cuadre's so it is found again.

Every command goes through a :class:`~app.schedule.runner.Runner`. What the scheduler starts
is :func:`cuadre_command`: this same Cuadre, ``schedule run --profile NOMBRE`` (and
``--data-dir`` when ``CUADRE_DATA_DIR`` points elsewhere), so the run finds the same profiles,
schedules and log.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.values import fold
from app.schedule.errors import ScheduleError
from app.schedule.runner import Completed, Runner

WINDOWS, SYSTEMD, CRON = "schtasks", "systemd", "cron"
#: Task Scheduler refuses a /TR longer than this.
MAX_TASK_RUN = 261
TASK_FOLDER = "Cuadre"
CRON_MARK = "# cuadre-programacion:"
BACKEND_NAMES = {
    WINDOWS: mark_app("app.schedule", "Programador de tareas de Windows"),
    SYSTEMD: mark_app("app.schedule", "temporizador de systemd del usuario"),
    CRON: mark_app("app.schedule", "cron del usuario"),
}


def backend_name(code: str) -> str:
    return tr_marked("app.schedule", BACKEND_NAMES[code]) if code in BACKEND_NAMES else code


def slug(profile: str) -> str:
    """A name for files and units: ASCII letters, digits and dashes, plus a short hash of the
    profile (two profiles never share one): «Concesionario Norte» → «concesionario-norte-1a2b3c»."""
    base = re.sub(r"[^a-z0-9]+", "-", fold(profile)).strip("-")[:40] or "perfil"
    digest = hashlib.sha256(fold(profile).encode("utf-8")).hexdigest()[:6]
    return f"{base}-{digest}"


def cuadre_command(profile: str, *, env: Mapping[str, str] | None = None) -> list[str]:
    """The command the scheduler runs: this Cuadre's ``schedule run --profile NOMBRE``. In the
    Windows bundle, ``cuadrew.exe`` (no console window) when it is beside ``cuadre.exe``."""
    environ = os.environ if env is None else env
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        quiet = exe.with_name("cuadrew.exe")
        base = [str(quiet if exe.name.lower() == "cuadre.exe" and quiet.exists() else exe)]
    else:
        base = [sys.executable, "-m", "app.cli"]
    argv = [*base, "schedule", "run", "--profile", profile]
    if environ.get("CUADRE_DATA_DIR"):
        argv += ["--data-dir", str(Path(environ["CUADRE_DATA_DIR"]).resolve())]
    return argv


def source_root() -> Path | None:
    """The folder ``python -m app.cli`` must start in when Cuadre runs from its sources (not
    the bundle): the one that holds the ``app`` package."""
    if getattr(sys, "frozen", False):
        return None
    import app

    return Path(app.__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Where:
    """Where a run was installed, for the person: a task's name, a unit's files, a line."""

    what: str


class Backend(Protocol):
    code: str

    def install(self, profile: str, daily: str, command: Sequence[str]) -> Where: ...

    def remove(self, profile: str) -> bool: ...

    def status(self, profile: str) -> str: ...


def _failed(what: str, done: Completed) -> ScheduleError:
    said = (done.err or done.out).strip().splitlines()
    return ScheduleError(tr_app("app.schedule", "{what} falló (código {code}){said}").format(
        what=what, code=done.code, said=f": {said[-1]}" if said else ""))


# --- Windows: Task Scheduler ------------------------------------------------------------


class TaskScheduler:
    """Windows' Task Scheduler, through ``schtasks``."""

    code = WINDOWS

    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    @staticmethod
    def task_name(profile: str) -> str:
        """``Cuadre\\<perfil>``: what Task Scheduler refuses in a name becomes «_»."""
        clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", profile.strip()) or "perfil"
        return f"{TASK_FOLDER}\\{clean}"

    @staticmethod
    def task_run(command: Sequence[str]) -> str:
        """The /TR value: the command line, quoted as Windows programs read it."""
        return subprocess.list2cmdline(list(command))

    def create_argv(self, profile: str, daily: str, command: Sequence[str]) -> list[str]:
        run = self.task_run(command)
        if len(run) > MAX_TASK_RUN:
            raise ScheduleError(tr_app(
                "app.schedule", "la orden que correría el Programador de tareas tiene {count} "
                "caracteres y admite {max}: instale Cuadre en una carpeta de nombre más corto o "
                "use un nombre de perfil más corto").format(count=len(run), max=MAX_TASK_RUN))
        return ["schtasks", "/Create", "/SC", "DAILY", "/ST", daily, "/TN",
                self.task_name(profile), "/TR", run, "/F"]

    def install(self, profile: str, daily: str, command: Sequence[str]) -> Where:
        argv = self.create_argv(profile, daily, command)
        done = self.runner.run(argv)
        if not done.ok:
            raise _failed(tr_app("app.schedule", "El Programador de tareas de Windows"), done)
        return Where(tr_app("app.schedule", "tarea «{name}»").format(name=self.task_name(profile)))

    def remove(self, profile: str) -> bool:
        name = self.task_name(profile)
        if not self.runner.run(["schtasks", "/Query", "/TN", name]).ok:
            return False
        done = self.runner.run(["schtasks", "/Delete", "/TN", name, "/F"])
        if not done.ok:
            raise _failed(tr_app("app.schedule", "El Programador de tareas de Windows"), done)
        return True

    def status(self, profile: str) -> str:
        done = self.runner.run(["schtasks", "/Query", "/TN", self.task_name(profile), "/FO", "CSV",
                                "/NH"])
        if not done.ok:
            return tr_app("app.schedule", "no instalada")
        import csv

        row = next(csv.reader(done.out.strip().splitlines()[-1:]), [])
        if len(row) >= 3:
            return tr_app("app.schedule", "{state}; próxima: {next}").format(state=row[2],
                                                                               next=row[1])
        return tr_app("app.schedule", "instalada")


# --- Linux: a systemd user timer ---------------------------------------------------------


#: systemd's words for a timer's state, as the listing says them.
_UNIT_STATES = {"active": mark_app("app.schedule", "activa"),
                "inactive": mark_app("app.schedule", "inactiva"),
                "failed": mark_app("app.schedule", "falló"),
                "activating": mark_app("app.schedule", "activándose")}


def systemd_quote(arg: str) -> str:
    """An argument of ExecStart=: in double quotes, with ``\\``, ``"`` escaped and the
    specifiers (``%``) and variables (``$``) doubled so systemd takes them as written."""
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def _unit_value(text: str) -> str:
    """A value on one line of a unit file (a description, a path), specifiers escaped."""
    return " ".join(text.split()).replace("%", "%%")


class SystemdUser:
    """A ``.service`` and a ``.timer`` in the user's systemd folder."""

    code = SYSTEMD

    def __init__(self, runner: Runner, home: Path | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.runner = runner
        environ = os.environ if env is None else env
        config = environ.get("XDG_CONFIG_HOME") or str((home or Path.home()) / ".config")
        self.folder = Path(config) / "systemd" / "user"

    @staticmethod
    def unit(profile: str) -> str:
        return f"cuadre-{slug(profile)}"

    def files(self, profile: str) -> tuple[Path, Path]:
        name = self.unit(profile)
        return self.folder / f"{name}.service", self.folder / f"{name}.timer"

    def service_text(self, profile: str, command: Sequence[str]) -> str:
        root = source_root()
        lines = ["[Unit]",
                 f"Description={_unit_value(tr_app('app.schedule', 'Cuadre: conciliación programada de «{profile}»').format(profile=profile))}",  # noqa: E501
                 "", "[Service]", "Type=oneshot",
                 "ExecStart=" + " ".join(systemd_quote(a) for a in command)]
        if root is not None:
            lines.append(f"WorkingDirectory={_unit_value(str(root))}")
        return "\n".join([*lines, ""])

    def timer_text(self, profile: str, daily: str) -> str:
        return "\n".join([
            "[Unit]",
            f"Description={_unit_value(tr_app('app.schedule', 'Cuadre: todos los días a las {daily}, «{profile}»').format(daily=daily, profile=profile))}",  # noqa: E501
            "", "[Timer]", f"OnCalendar=*-*-* {daily}:00", "Persistent=true",
            f"Unit={self.unit(profile)}.service", "", "[Install]", "WantedBy=timers.target", ""])

    def _systemctl(self, *args: str) -> Completed:
        return self.runner.run(["systemctl", "--user", *args])

    def install(self, profile: str, daily: str, command: Sequence[str]) -> Where:
        service, timer = self.files(profile)
        self.folder.mkdir(parents=True, exist_ok=True)
        service.write_text(self.service_text(profile, command), encoding="utf-8")
        timer.write_text(self.timer_text(profile, daily), encoding="utf-8")
        for args in (("daemon-reload",), ("enable", "--now", timer.name)):
            done = self._systemctl(*args)
            if not done.ok:
                service.unlink(missing_ok=True)
                timer.unlink(missing_ok=True)
                self._systemctl("daemon-reload")
                raise _failed(f"systemctl --user {' '.join(args)}", done)
        return Where(str(timer))

    def remove(self, profile: str) -> bool:
        service, timer = self.files(profile)
        if not service.exists() and not timer.exists():
            return False
        self._systemctl("disable", "--now", timer.name)  # not loaded any more is fine
        service.unlink(missing_ok=True)
        timer.unlink(missing_ok=True)
        done = self._systemctl("daemon-reload")
        if not done.ok:
            raise _failed("systemctl --user daemon-reload", done)
        return True

    def status(self, profile: str) -> str:
        _service, timer = self.files(profile)
        if not timer.exists():
            return tr_app("app.schedule", "no instalada")
        done = self._systemctl("show", timer.name, "--property=ActiveState",
                               "--property=NextElapseUSecRealtime")
        values = dict(line.partition("=")[::2] for line in done.out.splitlines() if "=" in line)
        state = _UNIT_STATES.get(values.get("ActiveState") or "", values.get("ActiveState") or "?")
        state = tr_marked("app.schedule", state)
        upcoming = values.get("NextElapseUSecRealtime")
        return (tr_app("app.schedule", "{state}; próxima: {next}").format(state=state, next=upcoming)
                if upcoming else state)


# --- cron ------------------------------------------------------------------------------------


def cron_command(command: Sequence[str], root: Path | None, uid: int | None) -> str:
    """The shell command of the crontab line: quoted for ``sh``, ``%`` escaped for cron (it
    would end the command), the session's D-Bus named so notifications and the keyring work."""
    parts = []
    if root is not None:
        parts.append(f"cd {shlex.quote(str(root))} &&")
    if uid is not None:
        parts.append(f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus")
    parts.append(" ".join(shlex.quote(a) for a in command))
    return " ".join(parts).replace("%", "\\%")


class Cron:
    """One line in the user's crontab, ending in a mark with the profile's slug."""

    code = CRON

    def __init__(self, runner: Runner, uid: int | None = None) -> None:
        self.runner = runner
        self.uid = uid if uid is not None else (os.getuid() if hasattr(os, "getuid") else None)

    @staticmethod
    def mark(profile: str) -> str:
        return f"{CRON_MARK}{slug(profile)}"

    def line(self, profile: str, daily: str, command: Sequence[str]) -> str:
        hour, minute = (int(x) for x in daily.split(":"))
        return (f"{minute} {hour} * * * {cron_command(command, source_root(), self.uid)} "
                f"{self.mark(profile)}")

    def _current(self) -> list[str]:
        done = self.runner.run(["crontab", "-l"])
        if done.ok:
            return done.out.splitlines()
        if "no crontab" in done.err.lower():
            return []
        raise _failed("crontab -l", done)

    def _write(self, lines: Sequence[str]) -> None:
        done = self.runner.run(["crontab", "-"], stdin="\n".join(lines) + "\n" if lines else "")
        if not done.ok:
            raise _failed("crontab -", done)

    def _others(self, profile: str, lines: Sequence[str]) -> list[str]:
        mark = self.mark(profile)
        return [ln for ln in lines if not ln.rstrip().endswith(mark)]

    def install(self, profile: str, daily: str, command: Sequence[str]) -> Where:
        lines = self._current()
        self._write([*self._others(profile, lines), self.line(profile, daily, command)])
        return Where(tr_app("app.schedule", "una línea del crontab ({mark})").format(
            mark=self.mark(profile)))

    def remove(self, profile: str) -> bool:
        lines = self._current()
        kept = self._others(profile, lines)
        if len(kept) == len(lines):
            return False
        self._write(kept)
        return True

    def status(self, profile: str) -> str:
        try:
            lines = self._current()
        except ScheduleError as exc:
            return str(exc)
        return (tr_app("app.schedule", "en el crontab") if len(self._others(profile, lines)) < len(lines)
                else tr_app("app.schedule", "no instalada"))


# --- which one -------------------------------------------------------------------------------


def backend_for(code: str, runner: Runner, *, home: Path | None = None,
                env: Mapping[str, str] | None = None) -> Backend:
    """The backend a schedule was installed with."""
    if code == WINDOWS:
        return TaskScheduler(runner)
    if code == SYSTEMD:
        return SystemdUser(runner, home, env)
    return Cron(runner)


def choose_backend(runner: Runner, *, platform: str | None = None, home: Path | None = None,
                   env: Mapping[str, str] | None = None) -> Backend:
    """This computer's scheduler: Task Scheduler on Windows; on Linux a systemd user manager
    when one answers, else cron. None of them is a :class:`ScheduleError` saying what to do."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        if runner.which("schtasks") is None:
            raise ScheduleError(tr_app("app.schedule", "no se encontró schtasks, el Programador "
                                       "de tareas de Windows: no se puede programar la conciliación"))
        return TaskScheduler(runner)
    if runner.which("systemctl") is not None and \
            runner.run(["systemctl", "--user", "show-environment"]).ok:
        return SystemdUser(runner, home, env)
    if runner.which("crontab") is not None:
        return Cron(runner)
    raise ScheduleError(tr_app(
        "app.schedule", "no hay un programador de tareas disponible: no responde systemd del "
        "usuario («systemctl --user») ni está instalado cron («crontab»). Instale cron (p. ej. "
        "«sudo apt install cron») o abra una sesión con systemd e intente de nuevo"))
