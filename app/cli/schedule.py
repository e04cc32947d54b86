"""``cuadre schedule``: a profile reconciled every day by the operating system's scheduler,
with an alert when something new appears.

    cuadre schedule add --profile NOMBRE --daily 06:00 [--alert-email A@B.CO …] [--notify]
                        [--threshold-findings N] [--threshold-pesos P] [--as LOGIN] [--store URL]
    cuadre schedule list [--json]
    cuadre schedule remove --profile NOMBRE
    cuadre schedule run --profile NOMBRE [--json]        (what the scheduler starts)
    cuadre schedule smtp set --host SERVIDOR --user USUARIO [--port N] [--security starttls|ssl]
                             [--from REMITENTE] [--ca-file CA.pem]
    cuadre schedule smtp show | delete

``add`` installs the run in Task Scheduler (Windows), a systemd user timer or cron (Linux):
:mod:`app.schedule.backends`. ``run`` reconciles, saves the run in the workspace, compares it
with the previous one and, past a threshold, sends the e-mail (the PDF attached) and/or the
desktop notification: :mod:`app.schedule.job`. The mail server's password is asked for
hidden by ``smtp set`` and kept only in the OS credential store.

Exit codes: 0 done; 1 failed (the reason on stderr; a scheduled run that failed, or whose
alert could not be sent, also in ``logs/schedule.log``); 2 wrong usage; 3 the person may not
save runs in the workspace.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    actor,
    emit_json,
    exit_codes_help,
    table,
    usage,
    whole_number,
)
from app.cli.i18n import mark_cli, tr_cli, tr_marked
from app.domain.values import format_cop, format_count
from app.schedule.errors import ScheduleError
from app.schedule.runner import Runner, SystemRunner

#: What runs the system's commands; tests put a recording one here.
RUNNER: Runner = SystemRunner()
#: The platform the commands are built for (None: this one's); tests set "win32" or "linux".
PLATFORM: str | None = None

_PROFILE_HELP = mark_cli("cli.schedule", "el perfil guardado en Conexiones")


def _argument_type(check: Any) -> Any:
    """An argparse ``type`` from a checker of :mod:`app.schedule.config` (its sentence is the
    option's error)."""
    def convert(text: str) -> Any:
        try:
            return check(text)
        except ScheduleError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def add_parser(sub: Any) -> None:
    from app.schedule.config import daily_time, email_address, pesos_amount

    sch = sub.add_parser("schedule", help=tr_cli(
        "cli.schedule", "programar la conciliación diaria de un perfil y sus avisos"),
        description=tr_cli("cli.schedule", "Programa en el sistema (Programador de tareas de "
                           "Windows, systemd o cron) la conciliación diaria de un perfil; cada "
                           "una se guarda en el espacio de trabajo y, si aparecen hallazgos "
                           "nuevos por encima de un umbral, avisa por correo (con el PDF) o en "
                           "el escritorio."))
    sch.epilog = exit_codes_help()
    actions = sch.add_subparsers(dest="schedule_action", required=True,
                                 metavar=tr_cli("cli.schedule", "ACCIÓN"))
    add = actions.add_parser("add", help=tr_cli("cli.schedule", "programar un perfil"),
                             description=tr_cli("cli.schedule", "Instala la conciliación diaria "
                                                "del perfil en el programador del sistema."))
    add.add_argument("--profile", required=True, metavar=tr_cli("cli.schedule", "NOMBRE"),
                     help=tr_marked("cli.schedule", _PROFILE_HELP))
    add.add_argument("--daily", required=True, type=_argument_type(daily_time), metavar="HH:MM",
                     help=tr_cli("cli.schedule", "hora del día, en la hora de este equipo"))
    add.add_argument("--alert-email", action="append", default=[], metavar=tr_cli(
        "cli.schedule", "CORREO"), type=_argument_type(email_address),
                     help=tr_cli("cli.schedule", "a quién avisar por correo (se puede repetir)"))
    add.add_argument("--notify", action="store_true", help=tr_cli(
        "cli.schedule", "avisar también con una notificación en el escritorio"))
    add.add_argument("--threshold-findings", type=whole_number, metavar="N", help=tr_cli(
        "cli.schedule", "avisar cuando haya N o más hallazgos nuevos (sin umbrales: 1)"))
    add.add_argument("--threshold-pesos", type=_argument_type(pesos_amount), metavar="P",
                     help=tr_cli("cli.schedule", "avisar cuando los hallazgos nuevos pongan P "
                                 "pesos o más en juego"))
    add.add_argument("--workspace", metavar=tr_cli("cli.schedule", "NOMBRE"), help=tr_cli(
        "cli.schedule", "espacio de trabajo donde se guarda cada conciliación (por defecto, "
                        "el del perfil)"))
    add.add_argument("--store", metavar="URL", help=tr_cli(
        "cli.schedule", "almacén de trabajo (por defecto CUADRE_STORE o el de la carpeta de "
                        "datos); queda en la programación"))
    add.add_argument("--as", dest="actor", metavar=tr_cli("cli.schedule", "USUARIO"), help=tr_cli(
        "cli.schedule", "quién guarda las conciliaciones programadas (por defecto CUADRE_USER)"))
    listing = actions.add_parser("list", help=tr_cli("cli.schedule", "ver lo programado"))
    listing.add_argument("--json", action="store_true", help=tr_cli(
        "cli.schedule", "escribir el resultado en JSON (para programas)"))
    remove = actions.add_parser("remove", help=tr_cli("cli.schedule", "quitar la programación "
                                                                      "de un perfil"))
    remove.add_argument("--profile", required=True, metavar=tr_cli("cli.schedule", "NOMBRE"),
                        help=tr_marked("cli.schedule", _PROFILE_HELP))
    run = actions.add_parser("run", help=tr_cli(
        "cli.schedule", "correr ya la conciliación programada (lo que llama el programador)"))
    run.add_argument("--profile", required=True, metavar=tr_cli("cli.schedule", "NOMBRE"),
                     help=tr_marked("cli.schedule", _PROFILE_HELP))
    run.add_argument("--data-dir", metavar=tr_cli("cli.schedule", "CARPETA"), help=tr_cli(
        "cli.schedule", "carpeta de datos de Cuadre (la que usaba quien programó)"))
    run.add_argument("--json", action="store_true", help=tr_cli(
        "cli.schedule", "escribir el resultado en JSON (para programas)"))
    _add_smtp(actions)


def _add_smtp(actions: Any) -> None:
    smtp = actions.add_parser("smtp", hide_typed=True, help=tr_cli(
        "cli.schedule", "configurar el servidor de correo de los avisos"),
        description=tr_cli("cli.schedule", "El servidor, puerto, usuario y remitente quedan en "
                           "la carpeta de datos; la contraseña, solo en el almacén seguro del "
                           "sistema (se pide sin mostrarla)."))
    what = smtp.add_subparsers(dest="smtp_action", required=True,
                               metavar=tr_cli("cli.schedule", "ACCIÓN"))
    put = what.add_parser("set", help=tr_cli("cli.schedule", "guardar el servidor y pedir la "
                                                             "contraseña"))
    put.add_argument("--host", required=True, metavar=tr_cli("cli.schedule", "SERVIDOR"))
    put.add_argument("--port", type=whole_number, metavar="N", help=tr_cli(
        "cli.schedule", "por defecto 587 con starttls y 465 con ssl"))
    put.add_argument("--security", choices=("starttls", "ssl"), default="starttls",
                     metavar=tr_cli("cli.schedule", "CIFRADO"), help=tr_cli(
        "cli.schedule", "cifrado: starttls (por defecto) o ssl; nunca sin cifrar"))
    put.add_argument("--user", required=True, metavar=tr_cli("cli.schedule", "USUARIO"))
    put.add_argument("--from", dest="sender", metavar=tr_cli("cli.schedule", "REMITENTE"),
                     help=tr_cli("cli.schedule", "dirección del remitente (por defecto, el "
                                                 "usuario)"))
    put.add_argument("--ca-file", metavar=tr_cli("cli.schedule", "ARCHIVO"), help=tr_cli(
        "cli.schedule", "certificado de una autoridad propia (PEM) en la que confiar además de "
                        "las del sistema"))
    what.add_parser("show", help=tr_cli("cli.schedule", "ver la configuración del correo"))
    what.add_parser("delete", help=tr_cli("cli.schedule", "borrar la configuración y la "
                                                          "contraseña del correo"))


def run(args: argparse.Namespace) -> int:
    """Carry out ``cuadre schedule …``; refusals of the workspace go to ``guarded``."""
    handlers = {"add": _add, "list": _list, "remove": _remove, "run": _run, "smtp": _smtp}
    try:
        return handlers[args.schedule_action](args)
    except ScheduleError as exc:
        _fail(str(exc))
        return EXIT_FAILED


def _fail(message: str) -> None:
    print(tr_cli("cli.schedule", "cuadre schedule: {message}.").format(
        message=message.rstrip(".")), file=sys.stderr)


# --- add, list, remove -------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    from app.cli.sources import saved_profile
    from app.schedule.backends import backend_for, backend_name, choose_backend, cuadre_command
    from app.schedule.config import ScheduleEntry, find_schedule, load_smtp, put_schedule
    from app.store import configured_url

    if args.threshold_findings is not None and args.threshold_findings < 1:
        raise usage(tr_cli("cli.schedule", "--threshold-findings debe ser 1 o más"))
    profile = saved_profile(args.profile)
    login = actor(args)
    assert login is not None
    store = configured_url(args.store)
    _check_runner_role(store, login)
    backend = choose_backend(RUNNER, platform=PLATFORM)
    old = find_schedule(profile.name)
    if old is not None and old.backend != backend.code:
        backend_for(old.backend, RUNNER).remove(old.profile)
    entry = ScheduleEntry(profile.name, args.daily, login, backend.code,
                          tuple(dict.fromkeys(args.alert_email)), args.notify,
                          args.threshold_findings, args.threshold_pesos, store,
                          (args.workspace or "").strip() or None)
    where = backend.install(profile.name, entry.daily, cuadre_command(profile.name))
    put_schedule(entry)
    print(tr_cli("cli.schedule", "Programada la conciliación de «{profile}» todos los días a "
                 "las {daily} (hora de este equipo), con el {backend}: {where}.").format(
        profile=profile.name, daily=entry.daily, backend=backend_name(backend.code),
        where=where.what))
    print(tr_cli("cli.schedule", "Avisos: {alerts}; {when}.").format(
        alerts=_alerts(entry), when=_thresholds(entry)))
    if entry.emails and load_smtp() is None:
        print(tr_cli("cli.schedule", "Falta el servidor de correo: «cuadre schedule smtp set "
                     "--host SERVIDOR --user USUARIO»; hasta entonces no se envían correos."))
    return EXIT_OK


def _check_runner_role(store_url: str | None, login: str) -> None:
    """Refused now, not at six in the morning: the person must be able to save runs."""
    from app.writeback.errors import NotAllowed
    from app.writeback.identity import open_as
    from app.writeback.people import WORKERS, roles_of

    with open_as(store_url, login) as store:  # who schedules proves it, as every --as does
        if not roles_of(store, login) & WORKERS:
            raise NotAllowed(tr_cli("cli.schedule", "«{login}» no está registrado con un rol para "
                                    "conciliar en el espacio de trabajo (propone, aprueba o "
                                    "administra): las conciliaciones programadas se guardan a "
                                    "su nombre").format(login=login))


def _alerts(entry: Any) -> str:
    said = []
    if entry.emails:
        said.append(tr_cli("cli.schedule", "correo a {emails}").format(
            emails=", ".join(entry.emails)))
    if entry.notify:
        said.append(tr_cli("cli.schedule", "notificación en el escritorio"))
    return ", ".join(said) if said else tr_cli("cli.schedule", "ninguno (solo se guarda la "
                                                               "conciliación)")


def _thresholds(entry: Any) -> str:
    findings = entry.threshold_findings
    if findings is None and entry.threshold_pesos is None:
        findings = 1
    said = []
    if findings is not None:
        said.append(tr_cli("cli.schedule", "{count} o más hallazgos nuevos").format(
            count=format_count(findings)))
    if entry.threshold_pesos is not None:
        said.append(tr_cli("cli.schedule", "{pesos} o más en juego en hallazgos nuevos").format(
            pesos=format_cop(entry.threshold_pesos)))
    return tr_cli("cli.schedule", "cuando haya {what}").format(
        what=tr_cli("cli.schedule", " o ").join(said))


def _list(args: argparse.Namespace) -> int:
    from app.schedule.backends import backend_for, backend_name
    from app.schedule.config import load_schedules

    entries = load_schedules()
    states = [backend_for(e.backend, RUNNER).status(e.profile) for e in entries]
    if args.json:
        emit_json([{**e.to_json(), "state": s} for e, s in zip(entries, states, strict=True)])
        return EXIT_OK
    if not entries:
        print(tr_cli("cli.schedule", "No hay conciliaciones programadas: «cuadre schedule add "
                     "--profile NOMBRE --daily 06:00» programa una."))
        return EXIT_OK
    print(table((tr_cli("cli.schedule", "Perfil"), tr_cli("cli.schedule", "Hora"),
                 tr_cli("cli.schedule", "Programador"), tr_cli("cli.schedule", "Estado"),
                 tr_cli("cli.schedule", "Avisos"), tr_cli("cli.schedule", "Umbral")),
                [(e.profile, e.daily, backend_name(e.backend), s, _alerts(e), _thresholds(e))
                 for e, s in zip(entries, states, strict=True)]))
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from app.schedule.backends import backend_for, backend_name
    from app.schedule.config import drop_schedule, find_schedule, load_schedules

    entry = find_schedule(args.profile)
    if entry is None:
        names = ", ".join(f"«{e.profile}»" for e in load_schedules())
        raise usage(tr_cli("cli.schedule", "«{profile}» no está programado{known}").format(
            profile=args.profile.strip(),
            known=tr_cli("cli.schedule", "; lo programado: {names}").format(names=names)
            if names else ""))
    removed = backend_for(entry.backend, RUNNER).remove(entry.profile)
    drop_schedule(entry.profile)
    if removed:
        print(tr_cli("cli.schedule", "Se quitó la conciliación programada de «{profile}» del "
                     "{backend}.").format(profile=entry.profile,
                                          backend=backend_name(entry.backend)))
    else:
        print(tr_cli("cli.schedule", "La conciliación de «{profile}» ya no estaba en el "
                     "{backend}; se borró de la lista.").format(
            profile=entry.profile, backend=backend_name(entry.backend)))
    return EXIT_OK


# --- run ---------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    from app.schedule.config import find_schedule
    from app.schedule.job import log_path, scheduled_run

    if args.data_dir:
        from app.security.logs import configure

        os.environ["CUADRE_DATA_DIR"] = args.data_dir
        configure()  # the log goes where the one who scheduled it looks
    entry = find_schedule(args.profile)
    if entry is None:
        raise usage(tr_cli("cli.schedule", "«{profile}» no está programado: «cuadre schedule "
                           "add --profile {profile} --daily 06:00» lo programa").format(
            profile=args.profile.strip()))
    outcome = scheduled_run(entry, RUNNER, platform=PLATFORM)
    if args.json:
        emit_json({"profile": entry.profile, "ok": outcome.ok,
                   "change": None if outcome.change is None else outcome.change.to_json(),
                   "alert": outcome.reasons, "mailed": list(outcome.mailed),
                   "notified": outcome.notified,
                   "pdf": None if outcome.pdf is None else str(outcome.pdf),
                   "problems": outcome.problems, "log": str(log_path())})
    else:
        _say_outcome(outcome)
    for problem in outcome.problems:
        _fail(problem)
    if not outcome.ok:
        print(tr_cli("cli.schedule", "El detalle quedó en {path}").format(path=log_path()),
              file=sys.stderr)
    return EXIT_OK if outcome.ok else EXIT_FAILED


def _say_outcome(outcome: Any) -> None:
    from app.cli.common import when
    from app.schedule.alerts import headline

    change = outcome.change
    if change is None:
        return
    run = change.run
    print(tr_cli("cli.schedule", "Conciliación programada de «{profile}» guardada ({id}): "
                 "{count} hallazgos, {pesos} en juego.").format(
        profile=outcome.profile, id=run.id[:8], count=format_count(run.findings),
        pesos=format_cop(run.at_stake)))
    before = (tr_cli("cli.schedule", "frente a la anterior ({when})").format(
        when=when(change.previous.saved_at)) if change.previous is not None
        else tr_cli("cli.schedule", "primera del espacio de trabajo"))
    print(tr_cli("cli.schedule", "Cambios, {before}: {headline}.").format(
        before=before, headline=headline(change)))
    if not outcome.reasons:
        print(tr_cli("cli.schedule", "No supera ningún umbral: sin aviso."))
        return
    print(tr_cli("cli.schedule", "Supera el umbral: {reasons}.").format(
        reasons="; ".join(outcome.reasons)))
    if outcome.mailed:
        print(tr_cli("cli.schedule", "Correo enviado a {emails}{pdf}.").format(
            emails=", ".join(outcome.mailed),
            pdf=tr_cli("cli.schedule", ", con el informe {name}").format(name=outcome.pdf.name)
            if outcome.pdf else ""))
    if outcome.notified:
        print(tr_cli("cli.schedule", "Notificación mostrada en el escritorio."))


# --- smtp --------------------------------------------------------------------------------


def _smtp(args: argparse.Namespace) -> int:
    from app.schedule.config import load_smtp

    if args.smtp_action == "set":
        return _smtp_set(args)
    settings = load_smtp()
    if settings is None:
        _fail(tr_cli("cli.schedule", "no hay servidor de correo configurado: «cuadre schedule "
                     "smtp set --host SERVIDOR --user USUARIO»"))
        return EXIT_FAILED
    if args.smtp_action == "delete":
        return _smtp_delete(settings)
    from app.security.secrets import get_secret

    saved = get_secret(settings.secret_ref()) is not None
    print(table((tr_cli("cli.schedule", "Dato"), tr_cli("cli.schedule", "Valor")), [
        (tr_cli("cli.schedule", "Servidor"), f"{settings.host}:{settings.port}"),
        (tr_cli("cli.schedule", "Cifrado"), settings.security),
        (tr_cli("cli.schedule", "Usuario"), settings.user),
        (tr_cli("cli.schedule", "Remitente"), settings.sender),
        (tr_cli("cli.schedule", "Certificados"), settings.ca_file or tr_cli(
            "cli.schedule", "los del sistema")),
        (tr_cli("cli.schedule", "Contraseña"), tr_cli("cli.schedule", "guardada en el almacén "
                                                      "seguro") if saved else
         tr_cli("cli.schedule", "falta: «cuadre schedule smtp set …»"))]))
    return EXIT_OK


def _smtp_set(args: argparse.Namespace) -> int:
    from app.schedule.config import save_smtp, smtp_settings
    from app.security.secrets import backend_status, set_secret

    try:
        settings = smtp_settings(args.host, args.port, args.security, args.user, args.sender,
                                 args.ca_file)
    except ScheduleError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    secure, where = backend_status()
    if not secure:  # said before asking for a password that could not be kept
        _fail(tr_cli("cli.schedule", "no se puede guardar la contraseña del correo: {where}. "
                     "Cuadre solo la guarda en el almacén seguro del sistema").format(where=where))
        return EXIT_FAILED
    password = _read_password(settings.user, settings.host)
    if not password or password.isspace():
        _fail(tr_cli("cli.schedule", "no se recibió ninguna contraseña; no se guardó nada"))
        return EXIT_FAILED
    set_secret(settings.secret_ref(), password)
    save_smtp(settings)
    print(tr_cli("cli.schedule", "Correo de los avisos: {user} en {host}:{port} ({security}); "
                 "la contraseña quedó en {where}.").format(
        user=settings.user, host=settings.host, port=settings.port, security=settings.security,
        where=where))
    return EXIT_OK


def _read_password(user: str, host: str) -> str:
    """Asked for hidden on a terminal; from a pipe, its first line."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(tr_cli("cli.schedule", "Contraseña del correo {user} en "
                                          "{host}: ").format(user=user, host=host))
        except EOFError:
            return ""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _smtp_delete(settings: Any) -> int:
    from app.paths import data_dir
    from app.schedule.config import SMTP_FILE
    from app.security.secrets import SecretStoreError, delete_secret

    try:
        delete_secret(settings.secret_ref())
    except SecretStoreError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    (data_dir() / SMTP_FILE).unlink(missing_ok=True)
    print(tr_cli("cli.schedule", "Se borró la configuración del correo y su contraseña."))
    return EXIT_OK
