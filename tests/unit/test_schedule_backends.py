"""The scheduled run installed in each scheduler, as exact commands (Windows is not here: the
argument list handed to ``schtasks`` is what is checked), the systemd units written into a
temporary HOME, the crontab line, which scheduler is chosen, and the desktop notification's
command on each system."""

from __future__ import annotations

import base64
import logging
import shlex
import subprocess

import pytest
from support.recording_runner import RecordingRunner

from app.schedule import backends as b
from app.schedule.errors import ScheduleError
from app.schedule.notify import notification_argv, notify
from app.schedule.runner import Completed

PROFILE = 'Concesionario "Norte" 100%'
WIN_COMMAND = [r"C:\Program Files\Cuadre\cuadrew.exe", "schedule", "run", "--profile", PROFILE]


# --- Windows --------------------------------------------------------------------------------


def test_windows_add_builds_the_exact_schtasks_arguments():
    runner = RecordingRunner(["schtasks"])
    where = b.TaskScheduler(runner).install(PROFILE, "06:00", WIN_COMMAND)
    tr = r'"C:\Program Files\Cuadre\cuadrew.exe" schedule run --profile "Concesionario \"Norte\" 100%"'
    assert runner.calls == [["schtasks", "/Create", "/SC", "DAILY", "/ST", "06:00", "/TN",
                             r"Cuadre\Concesionario _Norte_ 100%", "/TR", tr, "/F"]]
    assert where.what == r"tarea «Cuadre\Concesionario _Norte_ 100%»"
    # What Windows receives: the /TR value quoted once more, its inner quotes as \" (how
    # schtasks reads them).
    line = subprocess.list2cmdline(runner.calls[0])
    assert line.endswith(r'/TR "\"C:\Program Files\Cuadre\cuadrew.exe\" schedule run --profile '
                         r'\"Concesionario \\\"Norte\\\" 100%\"" /F')


def test_windows_refuses_a_task_command_longer_than_schtasks_takes():
    runner = RecordingRunner(["schtasks"])
    with pytest.raises(ScheduleError, match="admite 261"):
        b.TaskScheduler(runner).install("x" * 300, "06:00", ["cuadre.exe", "--profile", "x" * 300])
    assert runner.calls == []


def test_windows_list_and_remove():
    runner = RecordingRunner(["schtasks"])
    tasks = b.TaskScheduler(runner)
    assert tasks.status("Norte") == "no instalada"
    tasks.install("Norte", "05:30", ["cuadre.exe"])
    assert tasks.status("Norte") == "Listo; próxima: 8/12/2026 6:00:00 a. m."
    assert runner.calls[-1] == ["schtasks", "/Query", "/TN", r"Cuadre\Norte", "/FO", "CSV", "/NH"]
    assert tasks.remove("Norte") is True
    assert runner.calls[-2:] == [["schtasks", "/Query", "/TN", r"Cuadre\Norte"],
                                 ["schtasks", "/Delete", "/TN", r"Cuadre\Norte", "/F"]]
    assert tasks.remove("Norte") is False  # already gone: nothing deleted


def test_windows_failure_is_a_spanish_sentence_with_what_schtasks_said():
    runner = RecordingRunner(["schtasks"], fail={"schtasks /Create /SC": Completed(
        1, "", "ERROR: Acceso denegado.\n")})
    with pytest.raises(ScheduleError) as caught:
        b.TaskScheduler(runner).install("Norte", "06:00", ["cuadre.exe"])
    assert str(caught.value) == ("El Programador de tareas de Windows falló (código 1): ERROR: "
                                 "Acceso denegado.")


# --- systemd --------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path


def test_systemd_writes_the_units_in_home_and_enables_the_timer(home):
    folder = home / ".config" / "systemd" / "user"
    runner = RecordingRunner(["systemctl"], systemd=True, folder=folder)
    backend = b.choose_backend(runner, platform="linux")
    assert isinstance(backend, b.SystemdUser)
    command = ["/opt/cuadre/bin/python", "-m", "app.cli", "schedule", "run", "--profile", PROFILE]
    where = backend.install(PROFILE, "06:00", command)
    unit = f"cuadre-{b.slug(PROFILE)}"
    assert unit.startswith("cuadre-concesionario-norte-100-")
    assert where.what == str(folder / f"{unit}.timer")
    service = (folder / f"{unit}.service").read_text("utf-8")
    timer = (folder / f"{unit}.timer").read_text("utf-8")
    assert 'ExecStart="/opt/cuadre/bin/python" "-m" "app.cli" "schedule" "run" "--profile" ' \
           '"Concesionario \\"Norte\\" 100%%"' in service.splitlines()
    assert "Type=oneshot" in service and f"WorkingDirectory={b.source_root()}" in service
    assert "Description=Cuadre: conciliación programada de «Concesionario \"Norte\" 100%%»" in service
    assert timer.splitlines()[3:8] == ["[Timer]", "OnCalendar=*-*-* 06:00:00", "Persistent=true",
                                       f"Unit={unit}.service", ""]
    assert "WantedBy=timers.target" in timer
    assert runner.calls == [["systemctl", "--user", "show-environment"],
                            ["systemctl", "--user", "daemon-reload"],
                            ["systemctl", "--user", "enable", "--now", f"{unit}.timer"]]
    assert backend.status(PROFILE) == "activa; próxima: Tue 2026-12-08 06:00:00 -05"
    assert backend.remove(PROFILE) is True
    assert runner.calls[-2:] == [["systemctl", "--user", "disable", "--now", f"{unit}.timer"],
                                 ["systemctl", "--user", "daemon-reload"]]
    assert not list(folder.iterdir())
    assert backend.status(PROFILE) == "no instalada"


def test_systemd_that_refuses_to_enable_leaves_no_unit_behind(home):
    runner = RecordingRunner(["systemctl"], systemd=True, folder=None)  # enable always fails
    backend = b.SystemdUser(runner)
    with pytest.raises(ScheduleError, match=r"enable --now cuadre-norte-\w+\.timer falló .*does not exist"):
        backend.install("Norte", "06:00", ["cuadre"])
    assert not list((home / ".config" / "systemd" / "user").iterdir())
    assert runner.calls[-1] == ["systemctl", "--user", "daemon-reload"]


def test_xdg_config_home_is_honoured(tmp_path):
    backend = b.SystemdUser(RecordingRunner(), env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert backend.folder == tmp_path / "cfg" / "systemd" / "user"


# --- cron -----------------------------------------------------------------------------------


def test_cron_line_is_quoted_for_sh_and_percent_escaped_for_cron(home):
    runner = RecordingRunner(["crontab"])
    runner.crontab = "# m h dom mon dow command\n15 2 * * * /usr/bin/backup\n"
    cron = b.Cron(runner, uid=1000)
    command = ["/opt/cuadre/bin/python", "-m", "app.cli", "schedule", "run", "--profile", PROFILE]
    cron.install(PROFILE, "06:05", command)
    lines = runner.crontab.splitlines()
    assert lines[:2] == ["# m h dom mon dow command", "15 2 * * * /usr/bin/backup"]  # kept
    assert lines[2] == (
        f"5 6 * * * cd {shlex.quote(str(b.source_root()))} && "
        "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus /opt/cuadre/bin/python -m app.cli "
        "schedule run --profile 'Concesionario \"Norte\" 100\\%' "
        f"# cuadre-programacion:{b.slug(PROFILE)}")
    assert runner.calls == [["crontab", "-l"], ["crontab", "-"]]
    # cron turns \% back into %, then sh reads the profile's name whole.
    shell = lines[2].split(" && ", 1)[1].replace("\\%", "%")
    assert shlex.split(shell, comments=True)[-1] == PROFILE
    assert cron.status(PROFILE) == "en el crontab"
    cron.install(PROFILE, "07:00", command)  # replaced, not added
    assert len(runner.crontab.splitlines()) == 3 and runner.crontab.splitlines()[2].startswith("0 7 ")
    assert cron.remove(PROFILE) is True
    assert runner.crontab == "# m h dom mon dow command\n15 2 * * * /usr/bin/backup\n"
    assert cron.remove(PROFILE) is False and cron.status(PROFILE) == "no instalada"


def test_cron_without_a_crontab_starts_one_and_a_broken_one_is_not_overwritten():
    runner = RecordingRunner(["crontab"])
    b.Cron(runner, uid=1000).install("Norte", "06:00", ["cuadre"])
    assert runner.crontab is not None and runner.crontab.count("\n") == 1
    broken = RecordingRunner(["crontab"], fail={"crontab -l": Completed(
        1, "", "crontab: your UID isn't in the passwd file.\n")})
    with pytest.raises(ScheduleError, match="crontab -l falló"):
        b.Cron(broken, uid=1000).install("Norte", "06:00", ["cuadre"])
    assert ["crontab", "-"] not in broken.calls


# --- which one ----------------------------------------------------------------------------


def test_the_scheduler_is_chosen_by_what_answers():
    assert isinstance(b.choose_backend(RecordingRunner(["schtasks"]), platform="win32"),
                      b.TaskScheduler)
    no_user_manager = RecordingRunner(["systemctl", "crontab"], systemd=False)
    assert isinstance(b.choose_backend(no_user_manager, platform="linux"), b.Cron)
    with pytest.raises(ScheduleError, match="no se encontró schtasks"):
        b.choose_backend(RecordingRunner(), platform="win32")
    with pytest.raises(ScheduleError) as caught:
        b.choose_backend(RecordingRunner(["systemctl"]), platform="linux")
    assert str(caught.value).startswith("no hay un programador de tareas disponible: no responde "
                                        "systemd del usuario («systemctl --user») ni está instalado "
                                        "cron («crontab»)")


def test_the_command_carries_the_data_folder_the_scheduler_lacks(tmp_path):
    command = b.cuadre_command("Norte", env={"CUADRE_DATA_DIR": str(tmp_path)})
    assert command[-4:] == ["--profile", "Norte", "--data-dir", str(tmp_path.resolve())]
    assert b.cuadre_command("Norte", env={})[-4:] == ["schedule", "run", "--profile", "Norte"]


# --- notifications --------------------------------------------------------------------------


def test_linux_notification_is_notify_send():
    runner = RecordingRunner(["notify-send"])
    assert notify(runner, "Cuadre · Norte", "3 hallazgos nuevos", platform="linux") is True
    assert runner.calls == [["/usr/bin/notify-send", "--app-name=Cuadre",
                             "--icon=dialog-information", "Cuadre · Norte", "3 hallazgos nuevos"]]


def test_windows_notification_is_a_powershell_toast_with_the_text_escaped():
    runner = RecordingRunner(["powershell", "msg"])
    argv = notification_argv(runner, "Cuadre · Norte's", "<3> & 'nuevos'", platform="win32")
    assert argv is not None and argv[:6] == ["/usr/bin/powershell", "-NoProfile",
                                             "-NonInteractive", "-ExecutionPolicy", "Bypass",
                                             "-EncodedCommand"]
    script = base64.b64decode(argv[6]).decode("utf-16-le")
    assert ("$xml.LoadXml('<toast><visual><binding template=\"ToastGeneric\"><text>Cuadre · "
            "Norte''s</text><text>&lt;3&gt; &amp; ''nuevos''</text></binding></visual>"
            "</toast>')") in script
    assert "ToastNotificationManager]::CreateToastNotifier(" in script
    only_msg = RecordingRunner(["msg"])
    assert notification_argv(only_msg, "T", "cuerpo", platform="win32",
                             env={"USERNAME": "gerencia"}) == [
        "/usr/bin/msg", "gerencia", "/TIME:300", "T\ncuerpo"]


def test_no_notification_tool_is_logged_not_an_error(caplog):
    caplog.set_level(logging.WARNING)
    assert notify(RecordingRunner(), "T", "cuerpo", platform="linux") is False
    assert "no desktop notification tool" in caplog.text
    failing = RecordingRunner(["notify-send"], fail={"/usr/bin/notify-send --app-name=Cuadre "
                                                     "--icon=dialog-information": Completed(1)})
    assert notify(failing, "T", "cuerpo", platform="linux") is False
