"""``cuadre schedule`` end to end in this process: add, list and remove on each scheduler (the
system commands recorded by a runner that answers as the tools do), the scheduled run saved
in the workspace and compared with the previous one — alerting only past a threshold — and
the alert e-mail with its PDF received by a real SMTP server on 127.0.0.1 over STARTTLS (or
TLS), its certificate checked against a CA file made for the test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.memory_keyring import installed
from support.recording_runner import RecordingRunner
from support.smtp_server import SmtpServer, certificates

from app.cli import schedule as cli
from app.cli.main import main
from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connections.store import ProfileStore
from app.schedule.backends import slug

CUSTOMERS = "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad"
PAYMENTS = "Recibo;Cédula;Valor pagado;Fecha"
PASSWORD = "clave-del-correo-9f3"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@dataclass
class World:
    folder: Path
    data: Path
    runner: RecordingRunner

    def payments(self, crm: list[str]) -> None:
        (self.folder / "pagos_crm.csv").write_text("\r\n".join([PAYMENTS, *crm]) + "\r\n", "utf-8")


def _write(path: Path, head: str, rows: list[str]) -> str:
    path.write_text("\r\n".join([head, *rows]) + "\r\n", "utf-8")
    return str(path)


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    """A data folder, a workspace store with an administrator, a profile over CSV files (two
    customer findings, payments that agree) and a Linux with notify-send and cron only."""
    data = tmp_path / "datos"
    monkeypatch.setenv("CUADRE_DATA_DIR", str(data))
    monkeypatch.setenv("CUADRE_STORE", f"sqlite:///{tmp_path / 'espacio.sqlite'}")
    monkeypatch.setenv("CUADRE_USER", "admin")
    crm = SourceConfig("file", files={
        "customers": _write(tmp_path / "crm.csv", CUSTOMERS, [
            "79845123;Juan;Pérez;3001234567;Bogotá", "43555666;Ana;Gómez;3109876543;Cali"]),
        "payments": _write(tmp_path / "pagos_crm.csv", PAYMENTS, ["RC-1;79845123;1.000.000;01/12/2026"])})
    erp = SourceConfig("file", files={
        "customers": _write(tmp_path / "erp.csv", CUSTOMERS, ["79845123;Juan;Pérez;3009999999;Bogotá"]),
        "payments": _write(tmp_path / "pagos_erp.csv", PAYMENTS, ["RC-1;79845123;1.000.000;01/12/2026"])})
    ProfileStore().save(ConnectionProfile("Concesionario Norte", crm=crm, erp=erp))
    runner = RecordingRunner(["notify-send", "crontab", "systemctl"], systemd=False)
    monkeypatch.setattr(cli, "RUNNER", runner)
    monkeypatch.setattr(cli, "PLATFORM", "linux")
    assert main(["people", "add", "admin", "--name", "Administración", "--role", "admin"]) == 0
    return World(tmp_path, data, runner)


@pytest.fixture
def cuadre(capsys, monkeypatch):
    def call(*args: Any, stdin: str | None = None) -> Ran:
        if stdin is not None:
            import io

            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as stop:  # argparse's usage errors
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


# --- add, list, remove ------------------------------------------------------------------------


def test_add_list_remove_with_cron(world, cuadre):
    ran = cuadre("schedule", "add", "--profile", "concesionario norte", "--daily", "6:00",
                 "--alert-email", "gerencia@autosdelnorte.co", "--notify",
                 "--threshold-findings", "3", "--threshold-pesos", "50.000.000")
    assert ran.code == 0, ran.err
    mark = f"# cuadre-programacion:{slug('Concesionario Norte')}"
    assert ran.out == (
        "Programada la conciliación de «Concesionario Norte» todos los días a las 06:00 (hora de "
        f"este equipo), con el cron del usuario: una línea del crontab ({mark}).\n"
        "Avisos: correo a gerencia@autosdelnorte.co, notificación en el escritorio; cuando haya "
        "3 o más hallazgos nuevos o $\u00a050.000.000 o más en juego en hallazgos nuevos.\n"
        "Falta el servidor de correo: «cuadre schedule smtp set --host SERVIDOR --user "
        "USUARIO»; hasta entonces no se envían correos.\n")
    line = world.runner.crontab.splitlines()[0]
    assert line.startswith("0 6 * * * ") and line.endswith(mark)
    assert "schedule run --profile 'Concesionario Norte' --data-dir" in line
    saved = json.loads((world.data / "schedules.json").read_text("utf-8"))["schedules"]
    assert saved == [{"profile": "Concesionario Norte", "daily": "06:00", "actor": "admin",
                      "backend": "cron", "emails": ["gerencia@autosdelnorte.co"], "notify": True,
                      "threshold_findings": 3, "threshold_pesos": "50000000",
                      "store": f"sqlite:///{world.folder / 'espacio.sqlite'}", "workspace": None}]
    listing = cuadre("schedule", "list")
    assert listing.out.splitlines()[0].split() == ["Perfil", "Hora", "Programador", "Estado",
                                                   "Avisos", "Umbral"]
    assert "Concesionario Norte  06:00  cron del usuario  en el crontab" in listing.out
    removed = cuadre("schedule", "remove", "--profile", "Concesionario Norte")
    assert removed.out == ("Se quitó la conciliación programada de «Concesionario Norte» del "
                           "cron del usuario.\n")
    assert world.runner.crontab == ""
    assert cuadre("schedule", "list").out.startswith("No hay conciliaciones programadas")


def test_add_on_windows_builds_the_task(world, cuadre, monkeypatch):
    runner = RecordingRunner(["schtasks"])
    monkeypatch.setattr(cli, "RUNNER", runner)
    monkeypatch.setattr(cli, "PLATFORM", "win32")
    ran = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00")
    assert ran.code == 0, ran.err
    create = runner.calls[0]
    assert create[:9] == ["schtasks", "/Create", "/SC", "DAILY", "/ST", "06:00", "/TN",
                          r"Cuadre\Concesionario Norte", "/TR"]
    assert create[9].endswith('schedule run --profile "Concesionario Norte" --data-dir '
                              f'{world.data.resolve()}') and create[10] == "/F"
    assert "Listo; próxima:" in cuadre("schedule", "list").out
    assert cuadre("schedule", "remove", "--profile", "Concesionario Norte").code == 0
    assert runner.tasks == {}


def test_add_with_systemd_writes_the_units(world, cuadre, monkeypatch, tmp_path):
    folder = tmp_path / "home" / ".config" / "systemd" / "user"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    runner = RecordingRunner(["systemctl"], systemd=True, folder=folder)
    monkeypatch.setattr(cli, "RUNNER", runner)
    ran = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "21:45",
                 "--notify")
    assert ran.code == 0, ran.err
    unit = f"cuadre-{slug('Concesionario Norte')}"
    assert f"con el temporizador de systemd del usuario: {folder / (unit + '.timer')}." in ran.out
    assert "OnCalendar=*-*-* 21:45:00" in (folder / f"{unit}.timer").read_text("utf-8")
    assert runner.calls[-1] == ["systemctl", "--user", "enable", "--now", f"{unit}.timer"]
    assert "activa; próxima:" in cuadre("schedule", "list").out
    cuadre("schedule", "remove", "--profile", "Concesionario Norte")
    assert not (folder / f"{unit}.timer").exists()


def test_wrong_use_and_no_scheduler_are_spanish_sentences(world, cuadre, monkeypatch):
    bad = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "25:00")
    assert bad.code == 2 and "«25:00» no es una hora del día" in bad.err
    bad = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
                 "--alert-email", "gerencia")
    assert bad.code == 2 and "«gerencia» no es una dirección de correo válida" in bad.err
    assert cuadre("schedule", "add", "--profile", "Sur", "--daily", "06:00").code == 2
    nobody = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
                    "--as", "intruso")
    assert nobody.code == 3 and "«intruso» no está registrado" in nobody.err
    monkeypatch.setattr(cli, "RUNNER", RecordingRunner())
    none = cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00")
    assert none.code == 1
    assert none.err.startswith("cuadre schedule: no hay un programador de tareas disponible")
    assert cuadre("schedule", "run", "--profile", "Concesionario Norte").code == 2


# --- the scheduled run ----------------------------------------------------------------------


def test_run_alerts_only_when_a_threshold_is_passed(world, cuadre):
    assert cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
                  "--notify", "--threshold-findings", "2").code == 0
    first = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert first.code == 0, first.err
    lines = first.out.splitlines()
    assert lines[0].startswith("Conciliación programada de «Concesionario Norte» guardada (")
    assert lines[0].endswith("): 2 hallazgos, $\u00a00 en juego.")
    assert lines[1:] == [
        "Cambios, primera del espacio de trabajo: 2 hallazgos nuevos ($\u00a00 en juego), 0 resueltos.",
        "Supera el umbral: 2 hallazgos nuevos (umbral: 2).",
        "Notificación mostrada en el escritorio."]
    shown = [c for c in world.runner.calls if c[0].endswith("notify-send")]
    assert shown == [["/usr/bin/notify-send", "--app-name=Cuadre", "--icon=dialog-information",
                      "Cuadre · Concesionario Norte: 2 hallazgos nuevos ($\u00a00 en juego), 0 resueltos",
                      "Supera el umbral: 2 hallazgos nuevos (umbral: 2)."]]

    again = cuadre("schedule", "run", "--profile", "Concesionario Norte", "--json")
    doc = json.loads(again.out)
    assert again.code == 0 and doc["alert"] == [] and doc["notified"] is False
    saved = json.loads(cuadre("workspace", "runs", "--json").out)
    assert [r["id"] for r in saved] == [doc["change"]["run"], doc["change"]["previous"]]
    assert doc["change"]["new"] == 0 and doc["change"]["findings"] == 2
    assert len([c for c in world.runner.calls if c[0].endswith("notify-send")]) == 1

    world.payments(["RC-1;79845123;1.000.000;01/12/2026", "RC-2;43555666;1.000.000;02/12/2026"])
    third = cuadre("schedule", "run", "--profile", "Concesionario Norte", "--json")
    doc = json.loads(third.out)
    assert doc["change"]["new"] == 1 and doc["change"]["new_at_stake"] == "1000000.00"
    assert doc["alert"] == []  # 1 new finding, threshold 2: no alert


def test_pesos_threshold_alone(world, cuadre):
    cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00", "--notify",
           "--threshold-pesos", "50000000")
    assert json.loads(cuadre("schedule", "run", "--profile", "Concesionario Norte",
                             "--json").out)["alert"] == []  # 2 new, but no pesos at stake
    world.payments(["RC-1;79845123;1.000.000;01/12/2026", "RC-2;43555666;60.000.000;02/12/2026"])
    doc = json.loads(cuadre("schedule", "run", "--profile", "Concesionario Norte", "--json").out)
    assert doc["alert"] == ["$\u00a060.000.000 en juego en hallazgos nuevos (umbral: "
                            "$\u00a050.000.000)"]
    shown = [c for c in world.runner.calls if c[0].endswith("notify-send")]
    assert shown[-1][3:] == ["Cuadre · Concesionario Norte: 1 hallazgo nuevo ($\u00a060.000.000 en "
                             "juego), 0 resueltos", "Supera el umbral: $\u00a060.000.000 en juego en "
                             "hallazgos nuevos (umbral: $\u00a050.000.000)."]
    assert doc["notified"] is True and doc["change"]["new_by_kind"] == [
        {"entity": "payments", "kind": "crm_payment_without_receipt", "count": 1,
         "at_stake": "60000000.00"}]


def test_a_failed_run_is_logged_masked_and_alerted(world, cuadre):
    cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00", "--notify")
    assert cuadre("schedule", "run", "--profile", "Concesionario Norte").code == 0
    (world.folder / "pagos_erp.csv").unlink()
    partial = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert partial.code == 1 and "2 hallazgos" in partial.out  # the customers were saved
    assert "No supera ningún umbral" in partial.out  # but what was not read is still said
    said = [c for c in world.runner.calls if c[0].endswith("notify-send")]
    assert said[-1][3:] == ["Cuadre · Concesionario Norte: la conciliación programada falló",
                            "no se concilió: ERP · Pagos: No se encuentra el archivo pagos_erp.csv."]
    assert ("cuadre schedule: no se concilió: ERP · Pagos: No se encuentra el archivo "
            "pagos_erp.csv.") in partial.err
    (world.folder / "erp.csv").unlink()
    ran = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert ran.code == 1 and ran.out == ""
    assert ran.err == ("cuadre schedule: ERP · Clientes: No se encuentra el archivo erp.csv.\n"
                       f"El detalle quedó en {world.data / 'logs' / 'schedule.log'}\n")
    log = (world.data / "logs" / "schedule.log").read_text("utf-8")
    assert "ERROR cuadre.schedule: Concesionario Norte: no se concilió: ERP · Pagos" in log
    assert "Concesionario Norte: ERP · Clientes: No se encuentra el archivo erp.csv." in log
    ProfileStore().delete("Concesionario Norte")
    gone = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert gone.code == 1 and "ya no existe el perfil «Concesionario Norte»" in gone.err
    alerts = [c for c in world.runner.calls if c[0].endswith("notify-send")]
    assert alerts[-1][3] == "Cuadre · Concesionario Norte: la conciliación programada falló"


# --- the e-mail -----------------------------------------------------------------------------


@pytest.fixture
def smtp(tmp_path):
    server = SmtpServer(certificates(tmp_path), "alertas@autosdelnorte.co", PASSWORD).start()
    yield server
    server.stop()


@pytest.fixture
def keyring_memory(people_secrets):
    """The secure keyring the SMTP password goes to: the one that holds the people's
    passphrases and signing keys (issue 17), as on the person's own computer."""
    return people_secrets


def _smtp_set(cuadre, server, *extra: str, password: str = PASSWORD) -> Ran:
    return cuadre("schedule", "smtp", "set", "--host", "127.0.0.1", "--port", server.port,
                  "--user", server.user, "--ca-file", server.certs.ca, *extra,
                  stdin=password + "\n")


def test_the_alert_mail_with_its_pdf_reaches_the_smtp_server(world, cuadre, smtp, keyring_memory):
    ran = _smtp_set(cuadre, smtp)
    assert ran.code == 0, ran.err
    assert ran.out == (f"Correo de los avisos: alertas@autosdelnorte.co en 127.0.0.1:{smtp.port} "
                       "(starttls); la contraseña quedó en un almacén de prueba en memoria.\n")
    assert PASSWORD not in (world.data / "smtp.json").read_text("utf-8")
    assert "Contraseña    guardada en el almacén seguro" in cuadre("schedule", "smtp", "show").out
    cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
           "--alert-email", "gerencia@autosdelnorte.co", "--alert-email", "cartera@autosdelnorte.co")
    run = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert run.code == 0, run.err
    assert "Correo enviado a gerencia@autosdelnorte.co, cartera@autosdelnorte.co, con el " \
           "informe cuadre-concesionario-norte-" in run.out
    [mail] = smtp.received
    assert mail.user == "alertas@autosdelnorte.co"
    assert mail.recipients == ["gerencia@autosdelnorte.co", "cartera@autosdelnorte.co"]
    assert mail.message["Subject"] == ("Cuadre · Concesionario Norte: 2 hallazgos nuevos "
                                       "($\u00a00 en juego), 0 resueltos")
    body = mail.message.get_body(("plain",)).get_content()
    assert "- Hallazgos nuevos: 2 ($\u00a00 en juego)" in body
    assert "- Es la primera conciliación guardada de este espacio de trabajo" in body
    assert "- Clientes · Solo en el CRM: 1" in body and "Supera el umbral: 2 hallazgos nuevos" in body
    [pdf] = list(mail.message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename().startswith("cuadre-concesionario-norte-")
    assert pdf.get_content().startswith(b"%PDF")
    assert (world.data / "informes" / slug("Concesionario Norte") / pdf.get_filename()).exists()
    log = (world.data / "logs" / "schedule.log").read_text("utf-8")
    assert "alert mailed to 2 recipient(s)" in log and PASSWORD not in log


def test_implicit_tls(world, cuadre, tmp_path, keyring_memory):
    server = SmtpServer(certificates(tmp_path), "alertas@autosdelnorte.co", PASSWORD,
                        implicit_tls=True).start()
    try:
        assert _smtp_set(cuadre, server, "--security", "ssl").code == 0
        cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
               "--alert-email", "gerencia@autosdelnorte.co")
        assert cuadre("schedule", "run", "--profile", "Concesionario Norte").code == 0
        assert len(server.received) == 1
    finally:
        server.stop()


def test_wrong_password_and_untrusted_certificate_are_said_and_logged(world, cuadre, smtp,
                                                                       keyring_memory):
    assert _smtp_set(cuadre, smtp, password="otra-clave").code == 0
    cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00",
           "--alert-email", "gerencia@autosdelnorte.co")
    ran = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert ran.code == 1 and smtp.received == [] and smtp.refused_logins == 1
    assert (f"cuadre schedule: no se envió el correo: el servidor de correo 127.0.0.1:{smtp.port} "
            "rechazó el usuario o la contraseña de alertas@autosdelnorte.co") in ran.err
    log = (world.data / "logs" / "schedule.log").read_text("utf-8")
    assert "rechazó el usuario o la contraseña de ***@***" in log  # the address masked
    assert "otra-clave" not in log and "alertas@autosdelnorte.co" not in log

    # Without the CA file the server's certificate is not trusted: nothing is sent.
    cuadre("schedule", "smtp", "set", "--host", "127.0.0.1", "--port", smtp.port, "--user",
           smtp.user, stdin=PASSWORD + "\n")
    world.payments(["RC-1;79845123;1.000.000;01/12/2026", "RC-2;43555666;1.000.000;02/12/2026"])
    ran = cuadre("schedule", "run", "--profile", "Concesionario Norte")
    assert ran.code == 1 and smtp.received == []
    assert "no es de confianza" in ran.err


def test_smtp_set_refuses_without_a_secure_keyring(world, cuadre):
    from keyring.backends import fail

    with installed(fail.Keyring(), trusted=False):  # not the people's test keyring
        ran = cuadre("schedule", "smtp", "set", "--host", "smtp.office365.com", "--user",
                     "alertas@autosdelnorte.co", stdin=PASSWORD + "\n")
    assert ran.code == 1 and "no se puede guardar la contraseña del correo" in ran.err
    assert not (world.data / "smtp.json").exists()
    bad = cuadre("schedule", "smtp", "set", "--host", "smtp://x", "--user", "a@b.co", stdin="x\n")
    assert bad.code == 2 and "no es un servidor de correo" in bad.err


def test_the_crontab_line_runs_the_scheduled_reconciliation(keyless, world, cuadre, monkeypatch):
    """What cron would run — the line's command, through ``sh`` as cron runs it, in a process
    with none of the variables of the one that scheduled it — reconciles and saves the run.
    The workspace is one that signs nothing (``keyless``): cron has no keyring to sign with, and
    a signed workspace refuses a run it cannot sign (README, threat model)."""
    import os
    import subprocess

    assert cuadre("schedule", "add", "--profile", "Concesionario Norte", "--daily", "06:00").code == 0
    line = world.runner.crontab.splitlines()[0]
    command = line.split(" ", 5)[5].replace("\\%", "%")  # cron's fields, then its % escape
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CUADRE_") or k == "CUADRE_LANG"}
    done = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Conciliación programada de «Concesionario Norte» guardada (")
    runs = json.loads(cuadre("workspace", "runs", "--json").out)
    assert [r["source"] for r in runs] == ["perfil «Concesionario Norte» (programada)"]
    assert "scheduled run ended (ok)" in (world.data / "logs" / "schedule.log").read_text("utf-8")


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
